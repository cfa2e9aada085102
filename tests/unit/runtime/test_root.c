/* test_root.c: models whose document is their one field's value (APIGEN_F_ROOT: array, scalar,
 * any-JSON and nullable bodies), on tables written by hand: every model operation (parse,
 * from_json, validate, to_json, print, debug_string, free), violation paths rooted at "$",
 * hostile input, and every allocation failing in turn. */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* ids of user_model's pattern (24 hex digits) */
#define A1 "a1a1a1a1a1a1a1a1a1a1a1a1"
#define B2 "b2b2b2b2b2b2b2b2b2b2b2b2"

/* [user, ...]: a list endpoint's body */
typedef struct user_list {
    user *items;
    size_t items_count;
} user_list;

static const apigen_rules list_rules = {.bounds = APIGEN_B_MAX_ITEMS, .max_items = 3};
static const apigen_field user_list_fields[] = {
    {.name = "items",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_ARRAY | APIGEN_F_ROOT,
     .offset = offsetof(user_list, items),
     .count_offset = offsetof(user_list, items_count),
     .model = &user_model,
     .rules = &list_rules},
};
/* closed is ignored for a root model */
static const apigen_model user_list_model = {"user_list", sizeof(user_list), user_list_fields, 1,
                                             true};

/* a sensitive string: the body of a token endpoint */
typedef struct token {
    char *value;
} token;

static const apigen_rules token_rules = {.bounds = APIGEN_B_MIN_LENGTH, .min_length = 2};
static const apigen_field token_fields[] = {
    {.name = "value",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_SENSITIVE | APIGEN_F_ROOT,
     .offset = offsetof(token, value),
     .rules = &token_rules},
};
static const apigen_model token_model = {"token", sizeof(token), token_fields, 1, false};

/* a nullable integer */
typedef struct maybe_count {
    bool value_is_null;
    int64_t value;
} maybe_count;

static const apigen_field maybe_count_fields[] = {
    {.name = "value",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_NULLABLE | APIGEN_F_ROOT,
     .offset = offsetof(maybe_count, value),
     .null_offset = offsetof(maybe_count, value_is_null)},
};
static const apigen_model maybe_count_model = {"maybe_count", sizeof(maybe_count),
                                               maybe_count_fields, 1, false};

/* any JSON */
typedef struct anything {
    cJSON *value;
} anything;

static const apigen_field anything_fields[] = {
    {.name = "value",
     .kind = APIGEN_KIND_ANY,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_ROOT,
     .offset = offsetof(anything, value)},
};
static const apigen_model anything_model = {"anything", sizeof(anything), anything_fields, 1,
                                            false};

/* "valid", or the violations as "keyword path; ..." of parsing text with m */
static const char *parsed(const apigen_model *m, const char *text)
{
    static char out[512];
    void *value = calloc(1, m->size);
    apigen_errors errs;
    if (value == NULL)
        return "out of memory";
    int rc = apigen_model_parse(m, text, strlen(text), value, &errs);
    apigen_model_free(m, value);
    free(value);
    if (rc == 0)
        return "valid";
    out[0] = '\0';
    for (size_t i = 0; i < errs.count; i++) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s %s", i ? "; " : "",
                 apigen_code_name(errs.items[i].code), errs.items[i].path);
    }
    return out;
}

static void test_array_root(void)
{
    user_list list;
    const char *doc = "[{\"id\":\"" A1 "\"},{\"id\":\"" B2 "\",\"allowedDownloadsNum\":3}]";
    CHECK(apigen_model_parse(&user_list_model, doc, strlen(doc), &list, NULL) == 0);
    CHECK(list.items_count == 2 && list.items[1].allowed_downloads_num == 3);
    char *text = apigen_model_print(&user_list_model, &list);
    CHECK_STR(text, doc);
    free(text);
    cJSON *json = apigen_model_to_json(&user_list_model, &list);
    CHECK(cJSON_IsArray(json));
    user_list back;
    CHECK(apigen_model_from_json(&user_list_model, json, &back, NULL) == 0);
    CHECK(back.items_count == 2);
    apigen_model_free(&user_list_model, &back);
    cJSON_Delete(json);
    apigen_model_free(&user_list_model, &list);
    apigen_model_free(&user_list_model, &list); /* twice is safe */

    user_list empty = {NULL, 0};
    text = apigen_model_print(&user_list_model, &empty);
    CHECK_STR(text, "[]");
    free(text);
    CHECK(apigen_model_validate(&user_list_model, &empty, NULL) == 0);

    CHECK_STR(parsed(&user_list_model, "[]"), "valid");
    CHECK_STR(parsed(&user_list_model, "[{},{\"id\":5}]"), "required $[0].id; type $[1].id");
    CHECK_STR(parsed(&user_list_model, "[{\"id\":\"" A1 "\"},{\"id\":\"" A1 "\"},{\"id\":\"" A1
                                       "\"},{\"id\":\"" A1 "\"}]"),
              "maxItems $");
    CHECK_STR(parsed(&user_list_model, "{\"items\":[]}"), "type $");
    CHECK_STR(parsed(&user_list_model, "null"), "type $");
    CHECK_STR(parsed(&user_list_model, "[] []"), "syntax $");
    CHECK_STR(parsed(&user_list_model, "[[{\"id\":\"" A1 "\"}]]"), "type $[0]");
    apigen_errors errs;
    CHECK(apigen_model_from_json(&user_list_model, NULL, &list, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_TYPE);
}

static void test_scalar_roots(void)
{
    token t;
    CHECK(apigen_model_parse(&token_model, "\"s3cret\"", 8, &t, NULL) == 0);
    CHECK_STR(t.value, "s3cret");
    char *text = apigen_model_debug_string(&token_model, &t);
    CHECK_STR(text, "\"***\"");
    free(text);
    text = apigen_model_print(&token_model, &t);
    CHECK_STR(text, "\"s3cret\"");
    free(text);
    apigen_model_free(&token_model, &t);
    CHECK(t.value == NULL);
    /* a sensitive root's value is never shown in a message */
    apigen_errors errs;
    CHECK(apigen_model_parse(&token_model, "\"x\"", 3, &t, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_MIN_LENGTH);
    CHECK_STR(errs.items[0].path, "$");
    CHECK(strstr(errs.items[0].message, "\"x\"") == NULL);
    /* missing: REQUIRED at "$", and nothing to print */
    token none = {NULL};
    CHECK(apigen_model_validate(&token_model, &none, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_REQUIRED);
    CHECK_STR(errs.items[0].path, "$");
    CHECK(apigen_model_print(&token_model, &none) == NULL);
    CHECK(apigen_model_to_json(&token_model, &none) == NULL);

    maybe_count c;
    CHECK(apigen_model_parse(&maybe_count_model, " null ", 6, &c, NULL) == 0);
    CHECK(c.value_is_null);
    text = apigen_model_print(&maybe_count_model, &c);
    CHECK_STR(text, "null");
    free(text);
    cJSON *json = apigen_model_to_json(&maybe_count_model, &c);
    CHECK(cJSON_IsNull(json));
    CHECK(apigen_model_from_json(&maybe_count_model, json, &c, NULL) == 0 && c.value_is_null);
    cJSON_Delete(json);
    CHECK(apigen_model_parse(&maybe_count_model, "7", 1, &c, NULL) == 0);
    CHECK(!c.value_is_null && c.value == 7);
    CHECK_STR(parsed(&maybe_count_model, "7 8"), "syntax $");
    CHECK_STR(parsed(&maybe_count_model, "\"7\""), "type $");
    CHECK_STR(parsed(&maybe_count_model, ""), "syntax $");
    CHECK_STR(parsed(&maybe_count_model, "nul"), "syntax $");
    CHECK_STR(parsed(&token_model, "null"), "type $");

    anything a;
    const char *doc = "[1,{\"b\":[null,true]},\"x\",1.50]";
    CHECK(apigen_model_parse(&anything_model, doc, strlen(doc), &a, NULL) == 0);
    text = apigen_model_print(&anything_model, &a);
    CHECK_STR(text, doc);
    free(text);
    apigen_model_free(&anything_model, &a);
    CHECK_STR(parsed(&anything_model, "false"), "valid");
    CHECK_STR(parsed(&anything_model, "1e400"), "type $");
}

static void test_deep_nesting(void)
{
    size_t depth = 20000;
    char *doc = malloc(2 * depth + 1);
    if (doc == NULL)
        return;
    memset(doc, '[', depth);
    memset(doc + depth, ']', depth);
    doc[2 * depth] = '\0';
    CHECK_STR(parsed(&anything_model, doc), "syntax $");
    CHECK_STR(parsed(&user_list_model, doc), "syntax $"); /* past CJSON_NESTING_LIMIT */
    free(doc);
}

static bool parse_list_once(void)
{
    user_list list;
    apigen_errors errs;
    const char *doc = "[{\"id\":\"" A1 "\",\"email\":\"a@b.example\"},{\"id\":\"" B2 "\"}]";
    int rc = apigen_model_parse(&user_list_model, doc, strlen(doc), &list, &errs);
    if (rc == 0) {
        char *text = apigen_model_print(&user_list_model, &list);
        cJSON *json = apigen_model_to_json(&user_list_model, &list);
        bool ok = (text == NULL || strcmp(text, doc) == 0) && (json == NULL || cJSON_IsArray(json));
        free(text);
        cJSON_Delete(json);
        apigen_model_free(&user_list_model, &list);
        return ok;
    }
    return errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY && list.items == NULL;
}

static cJSON *any_doc; /* built before the hooks count */

static bool from_json_any_once(void)
{
    anything a;
    apigen_errors errs;
    int rc = apigen_model_from_json(&anything_model, any_doc, &a, &errs);
    bool ok = rc == 0 ? a.value != NULL
                      : errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY && !a.value;
    apigen_model_free(&anything_model, &a);
    return ok;
}

static void test_allocation_failures(void)
{
    fail_each_allocation(parse_list_once, "parse an array body");
    any_doc = cJSON_Parse("{\"a\":[1,2,{\"b\":\"c\"}]}");
    CHECK(any_doc != NULL);
    fail_each_allocation(from_json_any_once, "from_json an any body");
    cJSON_Delete(any_doc);
}

int main(void)
{
    RUN_TEST(test_array_root);
    RUN_TEST(test_scalar_roots);
    RUN_TEST(test_deep_nesting);
    RUN_TEST(test_allocation_failures);
    return fixtures_summary();
}
