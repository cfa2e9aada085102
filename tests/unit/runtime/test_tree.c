/* test_tree.c: the runtime's cJSON tree reader and writer (apigen_model_from_json,
 * apigen_model_to_json) on descriptor tables written by hand: documents read with their
 * violations and paths, integers decided exactly, every kind of field, null, absence, enums,
 * free-form and any values, closed and open objects. */

#include "fixtures.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ from_json ---- */

static void reads_document_response(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(apigen_model_parse(&users_response_model, document_response, strlen(document_response),
                             &r, &errs) == 0);
    CHECK(errs.count == 0);
    CHECK(r.status);
    CHECK(r.data_count == 2);
    CHECK_STR(r.data[0].id, "5f1a2b3c4d5e6f708192a3b4");
    CHECK_STR(r.data[1].email, "o'brien+tag@mail.example.org");
    CHECK(r.data[0].has_allowed_downloads_num);
    CHECK(r.data[0].allowed_downloads_num == INT64_C(9007199254740991));
    CHECK(r.data[1].allowed_downloads_num == -INT64_C(9007199254740991));
    apigen_model_free(&users_response_model, &r);
}

static void from_json_copies_so_tree_can_be_deleted(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, document_response, &r, &errs) == 0);
    CHECK_STR(r.data[0].id, "5f1a2b3c4d5e6f708192a3b4"); /* tree already deleted */
    apigen_model_free(&users_response_model, &r);
}

static void wrong_json_type_is_type_error_not_default(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, "{\"status\":\"true\",\"data\":{}}", &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.status"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.data"));
    CHECK(errs.count == 2 && errs.total == 2);
    CHECK(strstr(errs.items[0].message, "expected boolean, got string") != NULL);
}

static void top_level_non_object_is_type_error_at_root(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, "[1,2]", &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$"));
    CHECK(apigen_model_from_json(&users_response_model, NULL, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$"));
}

static void missing_required_is_required_error_with_path(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, "{\"data\":[{\"email\":\"a@b.co\"}]}", &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.status"));
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.data[0].id"));
    CHECK(errs.count == 2);
}

static void reports_every_violation_with_indexed_paths(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":1,\"data\":["
                       "{\"id\":\"5f1a2b3c4d5e6f708192a3b4\"},"
                       "{\"id\":7,\"email\":false,\"allowedDownloadsNum\":\"3\"},"
                       "null]}";
    CHECK(read_text(&users_response_model, text, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.status"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.data[1].id"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.data[1].email"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.data[1].allowedDownloadsNum"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.data[2]"));
    CHECK(errs.count == 5 && errs.total == 5);
}

static void failed_from_json_leaves_out_released_and_zeroed(void)
{
    users_response r;
    memset(&r, 0xAB, sizeof r); /* need not be initialised */
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\","
                       "\"email\":\"x@y.io\"},{\"id\":null}]}";
    CHECK(read_text(&users_response_model, text, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.data[1].id"));
    CHECK(all_zero(&r, sizeof r)); /* the strings of data[0] were freed (valgrind checks) */
}

/* ------------------------------------------------------------- integers ---- */

static void int64_max_safe_roundtrips_exactly(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, document_response, &r, &errs) == 0);
    char *text = apigen_model_print(&users_response_model, &r);
    CHECK_STR(text, document_response);
    free(text);
    cJSON *tree = apigen_model_to_json(&users_response_model, &r);
    text = apigen_json_print(tree);
    CHECK_STR(text, document_response);
    free(text);
    cJSON_Delete(tree);
    apigen_model_free(&users_response_model, &r);
}

/* from_json reads a caller's cJSON tree, whose doubles cannot tell 2^53 from 2^53 + 1. */
static void int64_above_max_safe_is_integer_error(void)
{
    users_response r;
    apigen_errors errs;
    const char *text =
        "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"allowedDownloadsNum\":"
        "9007199254740992},{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"allowedDownloadsNum\":"
        "-9007199254740992}]}";
    CHECK(read_text(&users_response_model, text, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_INTEGER, "$.data[0].allowedDownloadsNum"));
    CHECK(has_error(&errs, APIGEN_E_INTEGER, "$.data[1].allowedDownloadsNum"));
}

static void fractional_and_huge_numbers_are_not_integers(void)
{
    users_response r;
    apigen_errors errs;
    const char *text =
        "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"allowedDownloadsNum\":"
        "1.5},{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"allowedDownloadsNum\":1e400}]}";
    CHECK(read_text(&users_response_model, text, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_INTEGER, "$.data[0].allowedDownloadsNum"));
    CHECK(has_error(&errs, APIGEN_E_INTEGER, "$.data[1].allowedDownloadsNum"));
    CHECK(strstr(errs.items[0].message, "1.5") != NULL);
}

static void integral_float_1_0_reads_as_integer_1(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\","
                       "\"allowedDownloadsNum\":1.0},{\"id\":\"5f1a2b3c4d5e6f708192a3b4\","
                       "\"allowedDownloadsNum\":-0}]}";
    CHECK(read_text(&users_response_model, text, &r, &errs) == 0);
    CHECK(r.data[0].allowed_downloads_num == 1);
    CHECK(r.data[1].allowed_downloads_num == 0);
    apigen_model_free(&users_response_model, &r);
}

static void int64_bounds_compare_exactly_near_2_pow_53(void)
{
    static const apigen_rules r = {.bounds = APIGEN_B_MAXIMUM | APIGEN_B_EXCLUSIVE_MINIMUM,
                                   .maximum_int = INT64_C(9007199254740990),
                                   .minimum_int = -INT64_C(9007199254740991),
                                   .maximum = 9007199254740990.0,
                                   .minimum = -9007199254740991.0};
    static const apigen_field f[] = {{.name = "n", .kind = APIGEN_KIND_INT64, .rules = &r}};
    static const apigen_model m = {"n", sizeof(int64_t), f, 1, false, NULL, NULL};
    apigen_errors errs;
    int64_t v = INT64_C(9007199254740990);
    CHECK(apigen_model_validate(&m, &v, &errs) == 0);
    v = INT64_C(9007199254740991);
    CHECK(apigen_model_validate(&m, &v, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAXIMUM, "$.n"));
    v = -INT64_C(9007199254740991);
    CHECK(apigen_model_validate(&m, &v, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_EXCLUSIVE_MINIMUM, "$.n"));
    v = INT64_C(9007199254740993); /* int64 is exact beyond 2^53: the bound decides */
    CHECK(apigen_model_validate(&m, &v, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAXIMUM, "$.n") && errs.count == 1);
}

/* ------------------------------------------------- kinds and presence ---- */

static void reads_every_kind(void)
{
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, full_pet, strlen(full_pet), &p, &errs) == 0);
    CHECK_STR(p.name, "Rex");
    CHECK(p.color == COLOR_GREEN);
    CHECK_STR(p.born, "2020-02-29");
    CHECK(!p.born_null);
    CHECK(cJSON_IsObject(p.meta) && p.meta->string == NULL);
    CHECK(cJSON_IsArray(p.extra) && cJSON_GetArraySize(p.extra) == 2);
    CHECK(p.has_weight && p.weight == 12.5);
    CHECK(p.has_tags && p.tags_count == 2);
    CHECK_STR(p.tags[1], "dog");
    CHECK(p.scores_count == 2 && p.scores[1] == INT64_C(9007199254740991));
    CHECK(p.has_error && p.error.code == 6001);
    CHECK(p.has_version && p.version == 2);
    char *text = apigen_model_print(&pet_model, &p);
    CHECK_STR(text, full_pet);
    free(text);
    apigen_model_free(&pet_model, &p);
}

static void null_for_nullable_field_sets_null_flag_and_prints_null(void)
{
    pet p;
    apigen_errors errs;
    const char *text = "{\"name\":\"Rex\",\"color\":\"red\",\"born\":null}";
    CHECK(apigen_model_parse(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK(p.born_null && p.born == NULL);
    char *out = apigen_model_print(&pet_model, &p);
    CHECK_STR(out, text);
    free(out);
    apigen_model_free(&pet_model, &p);
}

static void null_for_non_nullable_field_is_type_error(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":null,\"color\":\"red\",\"weight\":null,\"meta\":null}",
                            &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.name"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.weight"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.meta"));
}

static void absent_optional_fields_stay_absent(void)
{
    pet p;
    apigen_errors errs;
    const char *text = "{\"name\":\"Rex\",\"color\":\"blue\"}";
    CHECK(apigen_model_parse(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK(!p.has_weight && !p.has_tags && !p.has_error && !p.born_null && p.born == NULL);
    char *out = apigen_model_print(&pet_model, &p);
    CHECK_STR(out, text);
    free(out);
    apigen_model_free(&pet_model, &p);
}

static void unknown_enum_string_is_enum_error(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":\"Rex\",\"color\":\"purple\"}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENUM, "$.color"));
    CHECK(strstr(errs.items[0].message, "purple") != NULL);
}

static void freeform_field_rejects_non_object(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":\"Rex\",\"color\":\"red\",\"meta\":[1]}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.meta"));
}

static void any_field_accepts_every_json_value(void)
{
    const char *values[] = {"1", "\"s\"", "[1,[2]]", "{\"k\":{}}", "null", "false"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "{\"name\":\"Rex\",\"color\":\"red\",\"extra\":%s}", values[i]);
        pet p;
        apigen_errors errs;
        CHECK(apigen_model_parse(&pet_model, text, strlen(text), &p, &errs) == 0);
        char *out = apigen_model_print(&pet_model, &p);
        CHECK_STR(out, text);
        free(out);
        apigen_model_free(&pet_model, &p);
    }
}

static void closed_object_reports_unknown_property(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":\"Rex\",\"color\":\"red\",\"colour\":1,\"x\":2}", &errs) ==
          -1);
    CHECK(has_error(&errs, APIGEN_E_ADDITIONAL, "$.colour"));
    CHECK(has_error(&errs, APIGEN_E_ADDITIONAL, "$.x"));
}

static void open_object_ignores_unknown_property(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, "{\"status\":false,\"data\":[],\"page\":3}", &r,
                    &errs) == 0);
    CHECK(r.data == NULL && r.data_count == 0);
    apigen_model_free(&users_response_model, &r);
}

static void duplicate_property_first_wins(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, "{\"status\":true,\"status\":false,\"data\":[]}", &r,
                    &errs) == 0);
    CHECK(r.status);
}

static void invalid_utf8_is_encoding_error(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"\xC3\x28\"}]}";
    CHECK(read_text(&users_response_model, text, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$.data[0].id"));
    /* inside free-form values too */
    const char *text2 = "{\"name\":\"Rex\",\"color\":\"red\",\"meta\":{\"a\":[\"\xED\xA0\x80\"]}}";
    CHECK(validate_pet_text(text2, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$.meta.a[0]"));
}

int main(void)
{
    RUN_TEST(reads_document_response);
    RUN_TEST(from_json_copies_so_tree_can_be_deleted);
    RUN_TEST(wrong_json_type_is_type_error_not_default);
    RUN_TEST(top_level_non_object_is_type_error_at_root);
    RUN_TEST(missing_required_is_required_error_with_path);
    RUN_TEST(reports_every_violation_with_indexed_paths);
    RUN_TEST(failed_from_json_leaves_out_released_and_zeroed);
    RUN_TEST(int64_max_safe_roundtrips_exactly);
    RUN_TEST(int64_above_max_safe_is_integer_error);
    RUN_TEST(fractional_and_huge_numbers_are_not_integers);
    RUN_TEST(integral_float_1_0_reads_as_integer_1);
    RUN_TEST(int64_bounds_compare_exactly_near_2_pow_53);
    RUN_TEST(reads_every_kind);
    RUN_TEST(null_for_nullable_field_sets_null_flag_and_prints_null);
    RUN_TEST(null_for_non_nullable_field_is_type_error);
    RUN_TEST(absent_optional_fields_stay_absent);
    RUN_TEST(unknown_enum_string_is_enum_error);
    RUN_TEST(freeform_field_rejects_non_object);
    RUN_TEST(any_field_accepts_every_json_value);
    RUN_TEST(closed_object_reports_unknown_property);
    RUN_TEST(open_object_ignores_unknown_property);
    RUN_TEST(duplicate_property_first_wins);
    RUN_TEST(invalid_utf8_is_encoding_error);
    return fixtures_summary();
}
