/* test_rules.c: the runtime's rule checks (apigen_model_validate) on descriptor tables written
 * by hand: patterns and formats of fields, required fields, string lengths in code points,
 * number bounds, array counts and uniqueItems, const, paths of nested violations; int32 ranges on
 * the digits, integer enums, open enums (unlisted values kept, printed back, allocation
 * failures). Exact decimal bounds, multipleOf (against python3's fractions)
 * and uniqueItems under crafted collisions are in test_exact.c. */

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

/* ------------------------------------------- int32, integer and open enums ---- */
/* What the generator writes for {n: {type: integer, format: int32}, lvl: {type: integer,
 * enum: [1, 5, -1]}, st: {type: string, enum: [open, closed], extensible: true}, sts: [st]}. */

typedef struct scalars {
    int32_t n;
    bool has_n;
    int lvl;
    apigen_open_enum st;
    apigen_open_enum *sts;
    size_t sts_count;
} scalars;

static const char *const lvl_values[] = {"1", "5", "-1"};
static const apigen_enum lvl_enum = {"test_lvl", lvl_values, 3, true};
static const char *const st_values[] = {"open", "closed"};
static const apigen_enum st_enum = {"test_st", st_values, 2, false};
static const apigen_field scalars_fields[] = {
    {.name = "n",
     .kind = APIGEN_KIND_INT32,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(scalars, n),
     .has_offset = offsetof(scalars, has_n)},
    {.name = "lvl",
     .kind = APIGEN_KIND_ENUM,
     .offset = offsetof(scalars, lvl),
     .enumeration = &lvl_enum},
    {.name = "st",
     .kind = APIGEN_KIND_OPEN_ENUM,
     .offset = offsetof(scalars, st),
     .enumeration = &st_enum},
    {.name = "sts",
     .kind = APIGEN_KIND_OPEN_ENUM,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(scalars, sts),
     .count_offset = offsetof(scalars, sts_count),
     .enumeration = &st_enum},
};
static const apigen_model scalars_model = {
    "test_scalars", sizeof(scalars), scalars_fields, 4, false, NULL, NULL};

/* The verdict of parse and of from_json (cJSON's own reader) on text: both 0, or the first
 * violation's code of each. */
static apigen_code both_read(const char *text, apigen_code *tree_code)
{
    scalars v;
    apigen_errors errs;
    apigen_code parsed =
        parse(&scalars_model, text, &v, &errs) == 0 ? APIGEN_OK : errs.items[0].code;
    if (parsed == APIGEN_OK)
        apigen_model_free(&scalars_model, &v);
    *tree_code = read_text(&scalars_model, text, &v, &errs) == 0 ? APIGEN_OK : errs.items[0].code;
    if (*tree_code == APIGEN_OK)
        apigen_model_free(&scalars_model, &v);
    return parsed;
}

static void int32_range_is_decided_on_the_digits(void)
{
    const char *ok[] = {"2147483647", "-2147483648",   "2147483647.0",
                        "1e9",        "-2147483648e0", "21474836.47e2"};
    const char *bad[] = {"2147483648", "-2147483649", "1e10", "2147483647.5",
                         "9223372036854775808"};
    char text[128];
    apigen_code tree;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        snprintf(text, sizeof text, "{\"n\": %s}", ok[i]);
        CHECK(both_read(text, &tree) == APIGEN_OK && tree == APIGEN_OK);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(text, sizeof text, "{\"n\": %s}", bad[i]);
        CHECK(both_read(text, &tree) == APIGEN_E_INTEGER && tree == APIGEN_E_INTEGER);
    }
    scalars v = {.n = INT32_MIN, .has_n = true};
    char *printed = apigen_model_print(&scalars_model, &v);
    CHECK_STR(printed, "{\"n\":-2147483648}");
    free(printed);
}

static void integer_enums_match_by_value(void)
{
    apigen_code tree;
    CHECK(both_read("{\"lvl\": 5}", &tree) == APIGEN_OK && tree == APIGEN_OK);
    CHECK(both_read("{\"lvl\": -1.0}", &tree) == APIGEN_OK && tree == APIGEN_OK);
    CHECK(both_read("{\"lvl\": 2}", &tree) == APIGEN_E_ENUM && tree == APIGEN_E_ENUM);
    CHECK(both_read("{\"lvl\": \"5\"}", &tree) == APIGEN_E_TYPE && tree == APIGEN_E_TYPE);
    scalars v;
    apigen_errors errs;
    CHECK(parse(&scalars_model, "{\"lvl\": 0.5e1}", &v, &errs) == 0 && v.lvl == 2);
    char *printed = apigen_model_print(&scalars_model, &v);
    CHECK_STR(printed, "{\"lvl\":5}");
    free(printed);
    v.lvl = 4; /* out of range: validate names it */
    CHECK(apigen_model_validate(&scalars_model, &v, &errs) == -1 &&
          has_error(&errs, APIGEN_E_ENUM, "$.lvl"));
}

static void open_enums_keep_unlisted_values(void)
{
    const char *text = "{\"st\":\"paused\",\"sts\":[\"closed\",\"\\u00e9t\u00e9\",\"open\"]}";
    scalars v;
    apigen_errors errs;
    CHECK(parse(&scalars_model, text, &v, &errs) == 0);
    CHECK(v.st.value == 3 && v.st.other != NULL && strcmp(v.st.other, "paused") == 0);
    CHECK(v.sts_count == 3 && v.sts[0].value == 2 && v.sts[0].other == NULL &&
          v.sts[1].value == 3 && strcmp(v.sts[1].other, "\xC3\xA9t\xC3\xA9") == 0);
    char *printed = apigen_model_print(&scalars_model, &v);
    CHECK_STR(printed, "{\"st\":\"paused\",\"sts\":[\"closed\",\"\xC3\xA9t\xC3\xA9\",\"open\"]}");
    CHECK(apigen_model_validate(&scalars_model, &v, &errs) == 0);
    cJSON *tree = apigen_model_to_json(&scalars_model, &v);
    scalars back;
    CHECK(apigen_model_from_json(&scalars_model, tree, &back, &errs) == 0);
    char *again = apigen_model_print(&scalars_model, &back);
    CHECK_STR(again, printed);
    free(again);
    free(printed);
    cJSON_Delete(tree);
    apigen_model_free(&scalars_model, &back);
    apigen_model_free(&scalars_model, &v);
    CHECK(v.st.other == NULL && v.sts == NULL);
    /* a string that is not UTF-8 is still refused; a number is still no string */
    CHECK(parse(&scalars_model, "{\"st\":\"\xFF\"}", &v, &errs) == -1 &&
          errs.items[0].code == APIGEN_E_ENCODING);
    CHECK(parse(&scalars_model, "{\"st\":1}", &v, &errs) == -1 &&
          errs.items[0].code == APIGEN_E_TYPE);
}

static bool parse_open_enum_once(void)
{
    scalars v;
    apigen_errors errs;
    const char *text = "{\"st\":\"paused\",\"sts\":[\"new\",\"open\"]}";
    if (parse(&scalars_model, text, &v, &errs) == 0) {
        apigen_model_free(&scalars_model, &v);
        return true;
    }
    return errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY && all_zero(&v, sizeof v);
}

static void open_enums_survive_each_allocation_failure(void)
{
    fail_each_allocation(parse_open_enum_once, "parse of open enums");
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
    RUN_TEST(int32_range_is_decided_on_the_digits);
    RUN_TEST(integer_enums_match_by_value);
    RUN_TEST(open_enums_keep_unlisted_values);
    RUN_TEST(open_enums_survive_each_allocation_failure);
    return fixtures_summary();
}
