/* test_rules.c: the runtime's rule checks (apigen_model_validate) on descriptor tables written
 * by hand: patterns and formats of fields, required fields, string lengths in code points,
 * number bounds, array counts and uniqueItems, const, paths of nested violations. Exact decimal
 * bounds and uniqueItems under crafted collisions are in test_exact.c. */

#include "fixtures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- validate ---- */

/* Validates one user with the given id and email (email may be NULL). */
static int validate_user(const char *id, const char *email, apigen_errors *errs)
{
    user u = {.id = (char *)id, .email = (char *)email};
    return apigen_model_validate(&user_model, &u, errs);
}

static void rejects_24_char_id_with_g(void)
{
    apigen_errors errs;
    CHECK(validate_user("5f1a2b3c4d5e6f708192a3bg", NULL, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_PATTERN, "$.id"));
    CHECK(strstr(errs.items[0].message, "^[a-fA-F0-9]{24}$") != NULL);
}

static void accepts_24_char_hex_id_in_either_case(void)
{
    apigen_errors errs;
    CHECK(validate_user("5f1a2b3c4d5e6f708192a3b4", NULL, &errs) == 0);
    CHECK(validate_user("5F1A2B3C4D5E6F708192A3B4", NULL, &errs) == 0);
}

static void rejects_id_of_23_or_25_chars(void)
{
    apigen_errors errs;
    CHECK(validate_user("5f1a2b3c4d5e6f708192a3b", NULL, &errs) == -1);
    CHECK(validate_user("5f1a2b3c4d5e6f708192a3b45", NULL, &errs) == -1);
    CHECK(validate_user("5f1a2b3c4d5e6f708192a3b4\n", NULL, &errs) == -1); /* $ is end only */
}

static void email_field_checks_pattern_format_and_length(void)
{
    apigen_errors errs;
    const char *id = "5f1a2b3c4d5e6f708192a3b4";
    CHECK(validate_user(id, "jane.doe@example.com", &errs) == 0);
    CHECK(validate_user(id, "jane..doe@example.com", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_PATTERN, "$.email"));
    CHECK(has_error(&errs, APIGEN_E_FORMAT, "$.email"));
    char long_email[300];
    memset(long_email, 'a', 250);
    strcpy(long_email + 250, "@ex.com"); /* 257 characters */
    CHECK(validate_user(id, long_email, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAX_LENGTH, "$.email"));
    CHECK(errs.count == 2); /* and the format's 64-octet local part */
}

static void validate_reports_each_item_with_its_index(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":["
                       "{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"email\":\"ok@example.com\"},"
                       "{\"id\":\"zz\",\"email\":\".bad@example.com\"}]}";
    CHECK(read_text(&users_response_model, text, &r, &errs) == 0);
    CHECK(apigen_model_validate(&users_response_model, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_PATTERN, "$.data[1].id"));
    CHECK(has_error(&errs, APIGEN_E_PATTERN, "$.data[1].email"));
    CHECK(has_error(&errs, APIGEN_E_FORMAT, "$.data[1].email"));
    CHECK(errs.count == 3);
    apigen_model_free(&users_response_model, &r);
}

static void required_pointer_and_enum_fields_must_be_set(void)
{
    pet p;
    apigen_model_init(&pet_model, &p);
    apigen_errors errs;
    CHECK(apigen_model_validate(&pet_model, &p, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.name"));
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.color"));
    CHECK(errs.count == 2);
    p.name = "Rex";
    p.color = (color)7;
    CHECK(apigen_model_validate(&pet_model, &p, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENUM, "$.color"));
}

static void string_length_counts_code_points(void)
{
    apigen_errors errs;
    /* 8 emoji of 4 bytes each: 32 bytes, 8 code points, maxLength 8 */
    const char *eight = "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
                        "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80";
    char text[256];
    snprintf(text, sizeof text, "{\"name\":\"%s\",\"color\":\"red\"}", eight);
    CHECK(validate_pet_text(text, &errs) == 0);
    snprintf(text, sizeof text, "{\"name\":\"%s\xC3\xA9\",\"color\":\"red\"}", eight);
    CHECK(validate_pet_text(text, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAX_LENGTH, "$.name"));
    CHECK(validate_pet_text("{\"name\":\"\",\"color\":\"red\"}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MIN_LENGTH, "$.name"));
}

static void number_bounds_exclusive_and_inclusive(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"weight\":100.5}", &errs) == 0);
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"weight\":100.50001}", &errs) ==
          -1);
    CHECK(has_error(&errs, APIGEN_E_MAXIMUM, "$.weight"));
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"weight\":0}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_EXCLUSIVE_MINIMUM, "$.weight"));
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"weight\":5e-324}", &errs) == 0);
}

static void array_rules_items_count_unique_and_per_item(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"tags\":[\"x\",\"y\",\"x\",\"\"],"
                            "\"scores\":[3,-1,-2]}",
                            &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAX_ITEMS, "$.tags"));
    for (size_t i = 0; i < errs.count; i++) /* not once maxItems failed */
        CHECK(errs.items[i].code != APIGEN_E_UNIQUE_ITEMS);
    CHECK(has_error(&errs, APIGEN_E_MIN_LENGTH, "$.tags[3]"));
    CHECK(has_error(&errs, APIGEN_E_MINIMUM, "$.scores[1]"));
    CHECK(has_error(&errs, APIGEN_E_MINIMUM, "$.scores[2]"));
    CHECK(errs.count == 4);
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"tags\":[\"x\",\"y\",\"x\"]}",
                            &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_UNIQUE_ITEMS, "$.tags"));
    for (size_t i = 0; i < errs.count; i++)
        if (errs.items[i].code == APIGEN_E_UNIQUE_ITEMS)
            CHECK(strstr(errs.items[i].message, "items 0 and 2") != NULL);
}

static void unreadable_items_do_not_count_as_duplicates(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"tags\":[1,2]}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.tags[0]"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.tags[1]"));
    CHECK(errs.count == 2);
}

static void empty_optional_array_without_has_flag_is_absent(void)
{
    apigen_errors errs;
    pet p;
    const char *text = "{\"name\":\"a\",\"color\":\"red\",\"scores\":[]}";
    CHECK(read_text(&pet_model, text, &p, &errs) == 0);
    CHECK(apigen_model_validate(&pet_model, &p, &errs) == 0); /* absent: minItems not applied */
    char *out = apigen_model_print(&pet_model, &p);
    CHECK_STR(out, "{\"name\":\"a\",\"color\":\"red\"}");
    free(out);
    apigen_model_free(&pet_model, &p);
    /* parse sees the JSON: a present [] is below minItems 1 */
    CHECK(apigen_model_parse(&pet_model, text, strlen(text), &p, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MIN_ITEMS, "$.scores"));
}

static void unique_items_compares_objects_by_value(void)
{
    static const apigen_rules unique = {.bounds = APIGEN_B_UNIQUE_ITEMS};
    static const apigen_field f[] = {{.name = "data",
                                      .kind = APIGEN_KIND_OBJECT,
                                      .flags = APIGEN_F_ARRAY,
                                      .offset = offsetof(users_response, data),
                                      .count_offset = offsetof(users_response, data_count),
                                      .model = &user_model,
                                      .rules = &unique}};
    static const apigen_model m = {"u", sizeof(users_response), f, 1, false, NULL, NULL};
    users_response r;
    apigen_errors errs;
    const char *id = "5f1a2b3c4d5e6f708192a3b4";
    char text[512];
    snprintf(text, sizeof text,
             "{\"data\":[{\"id\":\"%s\",\"allowedDownloadsNum\":1},{\"id\":\"%s\"},"
             "{\"id\":\"%s\",\"allowedDownloadsNum\":2}]}",
             id, id, id);
    CHECK(apigen_model_parse(&m, text, strlen(text), &r, &errs) == 0);
    apigen_model_free(&m, &r);
    snprintf(text, sizeof text,
             "{\"data\":[{\"id\":\"%s\",\"allowedDownloadsNum\":1},{\"id\":\"%s\"},"
             "{\"allowedDownloadsNum\":1,\"id\":\"%s\"}]}",
             id, id, id);
    CHECK(apigen_model_parse(&m, text, strlen(text), &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_UNIQUE_ITEMS, "$.data"));
    CHECK(strstr(errs.items[0].message, "items 0 and 2") != NULL);
}

static void const_and_nested_paths(void)
{
    apigen_errors errs;
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"version\":3,\"error\":{\"code\":"
                            "10000}}",
                            &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_CONST, "$.version"));
    CHECK(has_error(&errs, APIGEN_E_MAXIMUM, "$.error.code"));
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"error\":{\"message\":\"m\"}}",
                            &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.error.code"));
    CHECK(validate_pet_text("{\"name\":\"a\",\"color\":\"red\",\"error\":{\"code\":\"6001\"}}",
                            &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.error.code"));
}

static void validate_flags_invalid_utf8_set_from_c(void)
{
    apigen_errors errs;
    CHECK(validate_user("\xC0\x80", NULL, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$.id"));
    CHECK(errs.count == 1); /* no pattern match attempted on invalid UTF-8 */
}

static void validate_flags_non_finite_double(void)
{
    pet p;
    apigen_model_init(&pet_model, &p);
    p.name = "a";
    p.color = COLOR_RED;
    p.has_weight = true;
    p.weight = NAN;
    apigen_errors errs;
    CHECK(apigen_model_validate(&pet_model, &p, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.weight"));
    CHECK(apigen_model_print(&pet_model, &p) == NULL);
    char *dbg = apigen_model_debug_string(&pet_model, &p);
    CHECK_STR(dbg, "{\"name\":\"a\",\"color\":\"red\",\"weight\":null}");
    free(dbg);
}

int main(void)
{
    RUN_TEST(rejects_24_char_id_with_g);
    RUN_TEST(accepts_24_char_hex_id_in_either_case);
    RUN_TEST(rejects_id_of_23_or_25_chars);
    RUN_TEST(email_field_checks_pattern_format_and_length);
    RUN_TEST(validate_reports_each_item_with_its_index);
    RUN_TEST(required_pointer_and_enum_fields_must_be_set);
    RUN_TEST(string_length_counts_code_points);
    RUN_TEST(number_bounds_exclusive_and_inclusive);
    RUN_TEST(array_rules_items_count_unique_and_per_item);
    RUN_TEST(unreadable_items_do_not_count_as_duplicates);
    RUN_TEST(empty_optional_array_without_has_flag_is_absent);
    RUN_TEST(unique_items_compares_objects_by_value);
    RUN_TEST(const_and_nested_paths);
    RUN_TEST(validate_flags_invalid_utf8_set_from_c);
    RUN_TEST(validate_flags_non_finite_double);
    return fixtures_summary();
}
