/* test_core.c: the runtime's core: memory (init, free, every allocation failing in turn),
 * descriptors (operation responses), violations (capacity, NULL errs) and their paths (cut,
 * escaped, one spelling per member; sensitive values never shown).
 * Usage: test_rt_core            the tests
 *        test_rt_core --paths    (for path_oracle.py: see print_paths) */

#include "fixtures.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ violations ---- */

static void errors_beyond_capacity_are_counted(void)
{
    char text[4096] = "{\"status\":true,\"data\":[";
    for (int i = 0; i < 40; i++)
        strcat(text, i ? ",{}" : "{}");
    strcat(text, "]}");
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, text, &r, &errs) == -1);
    CHECK(errs.count == APIGEN_ERRORS_MAX);
    CHECK(errs.total == 40);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.data[31].id"));
}

static void long_paths_are_cut_with_ellipsis(void)
{
    static char name[400];
    memset(name, 'k', sizeof name - 1);
    static const apigen_field f[] = {
        {.name = name, .kind = APIGEN_KIND_BOOL, .flags = APIGEN_F_REQUIRED, .offset = 0}};
    static const apigen_model m = {"long", sizeof(bool), f, 1, false, NULL, NULL};
    bool v;
    apigen_errors errs;
    CHECK(read_text(&m, "{}", &v, &errs) == -1);
    CHECK(errs.count == 1);
    CHECK(strlen(errs.items[0].path) == APIGEN_PATH_MAX - 1);
    CHECK(strcmp(errs.items[0].path + APIGEN_PATH_MAX - 4, "...") == 0);
    CHECK(strncmp(errs.items[0].path, "$.kkk", 5) == 0);
}

static void null_errs_is_allowed(void)
{
    users_response r;
    CHECK(read_text(&users_response_model, "{}", &r, NULL) == -1);
    CHECK(read_text(&users_response_model, document_response, &r, NULL) == 0);
    CHECK(apigen_model_validate(&users_response_model, &r, NULL) == 0);
    apigen_model_free(&users_response_model, &r);
}

/* ------------------------------------------------------- memory and misc ---- */

static void free_twice_and_free_null_are_safe(void)
{
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, full_pet, strlen(full_pet), &p, &errs) == 0);
    apigen_model_free(&pet_model, &p);
    CHECK(all_zero(&p, sizeof p));
    apigen_model_free(&pet_model, &p);
    apigen_model_free(&pet_model, NULL);
}

static void init_zeroes_and_allocates_nothing(void)
{
    pet p;
    memset(&p, 0x5A, sizeof p);
    hooks_install(-1);
    apigen_model_init(&pet_model, &p);
    long calls = alloc_calls;
    hooks_reset();
    CHECK(calls == 0);
    CHECK(all_zero(&p, sizeof p));
}

static void validate_allocates_nothing_once_patterns_compiled(void)
{
    users_response r;
    apigen_errors errs;
    CHECK(read_text(&users_response_model, document_response, &r, &errs) == 0);
    CHECK(apigen_model_validate(&users_response_model, &r, &errs) == 0);
    hooks_install(-1);
    CHECK(apigen_model_validate(&users_response_model, &r, &errs) == 0);
    long calls = alloc_calls;
    hooks_reset();
    CHECK(calls == 0);
    apigen_model_free(&users_response_model, &r);
}

static bool oom_parse(void)
{
    users_response r;
    apigen_errors errs;
    int rc = apigen_model_parse(&users_response_model, document_response, strlen(document_response),
                                &r, &errs);
    if (!alloc_failed) {
        bool ok = rc == 0 && r.data_count == 2;
        apigen_model_free(&users_response_model, &r);
        return ok;
    }
    /* a failed JIT compile falls back to the interpreter: no error at all is fine then */
    if (rc == 0) {
        apigen_model_free(&users_response_model, &r);
        return true;
    }
    return errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY && all_zero(&r, sizeof r);
}

static bool oom_from_json(void)
{
    long fail_at = alloc_fail_at;
    cJSON_InitHooks(NULL); /* parse without failures, then fail inside from_json */
    cJSON *json = cJSON_Parse(full_pet);
    hooks_install(fail_at);
    pet p;
    apigen_errors errs;
    int rc = apigen_model_from_json(&pet_model, json, &p, &errs);
    cJSON_Delete(json);
    if (!alloc_failed) {
        apigen_model_free(&pet_model, &p);
        return rc == 0;
    }
    return rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY &&
           all_zero(&p, sizeof p);
}

static pet oom_pet;

static bool oom_to_json(void)
{
    cJSON *tree = apigen_model_to_json(&pet_model, &oom_pet);
    bool ok = alloc_failed ? tree == NULL : tree != NULL;
    cJSON_Delete(tree);
    return ok;
}

static bool oom_print(void)
{
    char *a = apigen_model_print(&pet_model, &oom_pet);
    bool ok = alloc_failed ? a == NULL : a != NULL;
    free(a);
    return ok;
}

static bool oom_json_print(void)
{
    char *a = apigen_json_print(oom_pet.meta);
    bool ok = alloc_failed ? a == NULL : a != NULL;
    free(a);
    return ok;
}

static void out_of_memory_is_reported_cleanly_at_every_allocation(void)
{
    fail_each_allocation(oom_parse, "parse");
    fail_each_allocation(oom_from_json, "from_json");
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, full_pet, strlen(full_pet), &oom_pet, &errs) == 0);
    fail_each_allocation(oom_to_json, "to_json");
    fail_each_allocation(oom_print, "print");
    fail_each_allocation(oom_json_print, "json_print");
    apigen_model_free(&pet_model, &oom_pet);
}

static void operation_response_exact_then_default_then_null(void)
{
    static const apigen_response with_default[] = {
        {.status = 200, .model = &users_response_model, .description = "ok"},
        {.status = 0, .model = &pet_model, .description = "error"},
        {.status = 404, .model = NULL, .description = "missing"}};
    static const apigen_operation op = {.name = "test.list",
                                        .method = "GET",
                                        .path = "/v1/users",
                                        .responses = with_default,
                                        .response_count = 3};
    CHECK(apigen_operation_response(&op, 200) == &with_default[0]);
    CHECK(apigen_operation_response(&op, 404) == &with_default[2]);
    CHECK(apigen_operation_response(&op, 500) == &with_default[1]);
    static const apigen_operation bare = {.name = "test.get",
                                          .method = "GET",
                                          .path = "/v1/x",
                                          .responses = with_default,
                                          .response_count = 1};
    CHECK(apigen_operation_response(&bare, 500) == NULL);
}

/* OpenAPI 3.1 section 4.8.16.2: an exact code, then its range ("2XX": status 2), then default,
 * whatever the order of the table (the range and default listed before the exact code). */
static void operation_response_exact_then_range_then_default(void)
{
    static const apigen_response ranged[] = {
        {.status = 0, .description = "any other"}, {.status = 2, .description = "2XX"},
        {.status = 1, .description = "1XX"},       {.status = 5, .description = "5XX"},
        {.status = 200, .description = "ok"},      {.status = 404, .description = "missing"}};
    static const apigen_operation op = {.name = "test.ranged",
                                        .method = "GET",
                                        .path = "/v1/r",
                                        .responses = ranged,
                                        .response_count = 6};
    CHECK(apigen_operation_response(&op, 200) == &ranged[4]); /* exact beats its range */
    CHECK(apigen_operation_response(&op, 204) == &ranged[1]); /* no exact: the range */
    CHECK(apigen_operation_response(&op, 299) == &ranged[1]);
    CHECK(apigen_operation_response(&op, 100) == &ranged[2]);
    CHECK(apigen_operation_response(&op, 599) == &ranged[3]);
    CHECK(apigen_operation_response(&op, 500) == &ranged[3]);
    CHECK(apigen_operation_response(&op, 404) == &ranged[5]);
    CHECK(apigen_operation_response(&op, 418) == &ranged[0]); /* no "4XX": default */
    CHECK(apigen_operation_response(&op, 302) == &ranged[0]);
    /* a status outside 100..599 is in no range */
    CHECK(apigen_operation_response(&op, 20) == &ranged[0]);
    CHECK(apigen_operation_response(&op, 2) == &ranged[1]); /* the table's own encoding */
    static const apigen_operation no_default = {.name = "test.ranged",
                                                .method = "GET",
                                                .path = "/v1/r",
                                                .responses = ranged + 1,
                                                .response_count = 5};
    CHECK(apigen_operation_response(&no_default, 418) == NULL);
    CHECK(apigen_operation_response(&no_default, 600) == NULL);
    CHECK(apigen_operation_response(&no_default, 250) == &ranged[1]);
}

/* ------------------------------------------------------ hostile input ---- */

typedef enum level { LEVEL_UNSET, LEVEL_LOW, LEVEL_HIGH } level;

typedef struct inner {
    int64_t pin;
    char *word;
} inner;

typedef struct vault {
    int64_t pin;
    bool has_pin;
    double ratio;
    bool has_ratio;
    char *word;
    level level;
    inner nested;
    bool has_nested;
    int64_t *pins;
    size_t pins_count;
    cJSON *blob;
    cJSON *map;
} vault;

static apigen_pattern word_pattern = {.source = "^[a-z]+$"};
static const apigen_rules pin_rules = {.bounds = APIGEN_B_MINIMUM | APIGEN_B_MAXIMUM,
                                       .minimum_int = 1000,
                                       .maximum_int = 1999,
                                       .minimum = 1000,
                                       .maximum = 1999};
static const apigen_rules ratio_rules = {.bounds = APIGEN_B_EXCLUSIVE_MINIMUM |
                                                   APIGEN_B_EXCLUSIVE_MAXIMUM,
                                         .minimum = 0,
                                         .maximum = 1,
                                         .minimum_literal = "0",
                                         .maximum_literal = "1"};
static const apigen_rules word_rules = {.bounds = APIGEN_B_MAX_LENGTH,
                                        .max_length = 3,
                                        .pattern = &word_pattern,
                                        .format = APIGEN_FORMAT_EMAIL};
static const apigen_rules level_rules = {.bounds = APIGEN_B_CONST, .const_string = "low"};
static const apigen_rules pins_rules = {.bounds = APIGEN_B_MINIMUM | APIGEN_B_CONST |
                                                  APIGEN_B_UNIQUE_ITEMS | APIGEN_B_MAX_ITEMS,
                                        .minimum_int = 1000,
                                        .max_items = 3,
                                        .const_int = 1000};
static const char *const level_values[] = {"low", "high"};
static const apigen_enum level_enum = {"test_level", level_values, 2, false};

static const apigen_field inner_fields[] = {
    {.name = "pin",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(inner, pin),
     .rules = &pin_rules},
    {.name = "word",
     .kind = APIGEN_KIND_STRING,
     .offset = offsetof(inner, word),
     .rules = &word_rules},
};
static const apigen_model inner_model = {"test_inner", sizeof(inner), inner_fields, 2,
                                         true,         NULL,          NULL};

#define SECRET APIGEN_F_SENSITIVE
static const apigen_field vault_fields[] = {
    {.name = "pin",
     .kind = APIGEN_KIND_INT64,
     .flags = SECRET | APIGEN_F_HAS,
     .offset = offsetof(vault, pin),
     .has_offset = offsetof(vault, has_pin),
     .rules = &pin_rules},
    {.name = "ratio",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = SECRET | APIGEN_F_HAS,
     .offset = offsetof(vault, ratio),
     .has_offset = offsetof(vault, has_ratio),
     .rules = &ratio_rules},
    {.name = "word",
     .kind = APIGEN_KIND_STRING,
     .flags = SECRET,
     .offset = offsetof(vault, word),
     .rules = &word_rules},
    {.name = "level",
     .kind = APIGEN_KIND_ENUM,
     .flags = SECRET,
     .offset = offsetof(vault, level),
     .enumeration = &level_enum,
     .rules = &level_rules},
    {.name = "nested",
     .kind = APIGEN_KIND_OBJECT,
     .flags = SECRET | APIGEN_F_HAS,
     .offset = offsetof(vault, nested),
     .has_offset = offsetof(vault, has_nested),
     .model = &inner_model},
    {.name = "pins",
     .kind = APIGEN_KIND_INT64,
     .flags = SECRET | APIGEN_F_ARRAY,
     .offset = offsetof(vault, pins),
     .count_offset = offsetof(vault, pins_count),
     .rules = &pins_rules},
    {.name = "blob", .kind = APIGEN_KIND_ANY, .flags = SECRET, .offset = offsetof(vault, blob)},
    {.name = "map", .kind = APIGEN_KIND_FREEFORM, .flags = SECRET, .offset = offsetof(vault, map)},
};
static const apigen_model vault_model = {"test_vault", sizeof(vault), vault_fields, 8,
                                         true,         NULL,          NULL};

/* Whether any path or message of errs holds needle. */
static bool errs_contain(const apigen_errors *errs, const char *needle)
{
    for (size_t i = 0; i < errs->count; i++)
        if (strstr(errs->items[i].path, needle) || strstr(errs->items[i].message, needle))
            return true;
    return false;
}

/* Every violation a sensitive field can raise, through parse, from_json and validate: the
 * secret digits and words appear nowhere. Each document puts "7331" / "zebra" in the value. */
static void sensitive_values_never_reach_paths_or_messages(void)
{
    static const char *const docs[] = {
        "{\"pin\":7331}",                                 /* maximum */
        "{\"pin\":7331.5}",                               /* integer */
        "{\"pin\":\"7331\"}",                             /* type */
        "{\"ratio\":7331}",                               /* exclusiveMaximum */
        "{\"ratio\":-7331.25}",                           /* exclusiveMinimum */
        "{\"ratio\":7331e999}",                           /* out of range */
        "{\"word\":\"Zebra7331\"}",                       /* pattern, maxLength, format */
        "{\"word\":7331}",                                /* type */
        "{\"word\":\"zebra\\u0000\"}",                    /* encoding (escaped NUL) */
        "{\"word\":\"zebra\\udc00\"}",                    /* encoding (lone surrogate) */
        "{\"level\":\"zebra7331\"}",                      /* enum */
        "{\"level\":\"high\"}",                           /* const (the value is the enum's) */
        "{\"nested\":{\"pin\":7331,\"word\":\"zebra\"}}", /* nested bounds, pattern... */
        "{\"nested\":{\"pin\":1000,\"zebra7331\":1}}",    /* additionalProperties: the name */
        "{\"nested\":{\"pin\":1000,\"z\\u0065bra7331\":1}}",
        "{\"nested\":{\"word\":\"zebra\"}}",      /* required */
        "{\"pins\":[7331,7331]}",                 /* const, uniqueItems */
        "{\"pins\":[7331,1,2,3]}",                /* maxItems */
        "{\"pins\":[7331.5]}",                    /* integer */
        "{\"blob\":{\"zebra7331\":\"\\udc00\"}}", /* encoding below a document key */
        "{\"blob\":[7331e999]}",                  /* out of range */
        "{\"map\":[7331]}",                       /* type */
        "{\"map\":{\"zebra7331\":[1e999]}}",
        "{\"pin\":1000,\"pin\":7331}", /* duplicate key */
    };
    static const char *const secrets[] = {"7331", "zebra", "Zebra"};
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        vault v;
        apigen_errors errs;
        size_t violations = 0;
        if (parse(&vault_model, docs[d], &v, &errs) == 0)
            apigen_model_free(&vault_model, &v);
        violations += errs.count;
        for (size_t s = 0; s < 3; s++)
            CHECK(!errs_contain(&errs, secrets[s]));
        cJSON *tree = cJSON_Parse(docs[d]);
        if (tree != NULL && apigen_model_from_json(&vault_model, tree, &v, &errs) == 0) {
            for (size_t s = 0; s < 3; s++)
                CHECK(!errs_contain(&errs, secrets[s]));
            apigen_model_validate(&vault_model, &v, &errs);
            apigen_model_free(&vault_model, &v);
        }
        for (size_t s = 0; s < 3; s++)
            CHECK(!errs_contain(&errs, secrets[s]));
        cJSON_Delete(tree);
        CHECK(violations > 0);
        if (check_failed_in_test) {
            fprintf(stderr, "  on %s\n", docs[d]);
            for (size_t i = 0; i < errs.count; i++)
                fprintf(stderr, "    %s: %s\n", errs.items[i].path, errs.items[i].message);
            return;
        }
    }
    /* validate on a struct set in C, and the debug string */
    vault v;
    memset(&v, 0, sizeof v);
    v.has_pin = v.has_ratio = true;
    v.pin = 7331;
    v.ratio = 7331.5;
    v.word = (char *)"zebra7331";
    v.level = (level)7331;
    apigen_errors errs;
    CHECK(apigen_model_validate(&vault_model, &v, &errs) == -1 && errs.count >= 4);
    for (size_t s = 0; s < 3; s++)
        CHECK(!errs_contain(&errs, secrets[s]));
    v.level = LEVEL_LOW;
    char *debug = apigen_model_debug_string(&vault_model, &v);
    CHECK(debug != NULL && strstr(debug, "7331") == NULL && strstr(debug, "zebra") == NULL);
    free(debug);
}

/* Every path and message of errs is UTF-8 without a control character (C0, DEL, C1). */
static bool errs_are_one_line_each(const apigen_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        const char *texts[] = {errs->items[i].path, errs->items[i].message};
        for (size_t t = 0; t < 2; t++) {
            if (!apigen_utf8_valid(texts[t], strlen(texts[t])))
                return false;
            for (const unsigned char *p = (const unsigned char *)texts[t]; *p; p++)
                if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
                    /* U+2028..U+202E (line breaks, bidi embeddings and overrides) */
                    (*p == 0xE2 && p[1] == 0x80 && p[2] >= 0xA8 && p[2] <= 0xAE) ||
                    /* U+2066..U+2069 (bidi isolates) */
                    (*p == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))
                    return false;
        }
    }
    return true;
}

typedef struct plain {
    level level;
    cJSON *any;
} plain;

static const char *const hostile_values[] = {"a\nb", "\x1b[2J", "x\x7fy", "\xc2\x9b[31m"};
static const apigen_enum hostile_enum = {"test_hostile", hostile_values, 4, false};
static const apigen_rules hostile_const = {.bounds = APIGEN_B_CONST, .const_string = "a\nb"};
static const apigen_field plain_fields[] = {
    {.name = "level",
     .kind = APIGEN_KIND_ENUM,
     .offset = offsetof(plain, level),
     .enumeration = &hostile_enum,
     .rules = &hostile_const},
    {.name = "any", .kind = APIGEN_KIND_ANY, .offset = offsetof(plain, any)},
};
static const apigen_model plain_model = {"test_plain", sizeof(plain), plain_fields, 2,
                                         true,         NULL,          NULL};

/* Property names and enum strings with newline, ESC, DEL, C1 controls, bytes that are not
 * UTF-8: escaped in every path and message, so one violation stays one line. */
static void control_characters_are_escaped_in_paths_and_messages(void)
{
    static const char *const docs[] = {
        "{\"a\\nb\":1}",
        "{\"\\u001b[31mred\":1}",
        "{\"\\u007f\\u0085\\u009b\\u2028\":1}",
        "{\"a\\u202eb\\u2066c\\u2069\":1}", /* bidi override and isolates (Trojan Source) */
        "{\"level\":\"\\u202dx\"}",
        "{\"\xc2\x9bJ2\":1}",
        "{\"\x9bJ2\":1}", /* a lone C1 byte, not UTF-8 */
        "{\"level\":\"\\n$.forged: ok: \\u001b\"}",
        "{\"level\":\"\\u009b\"}",
        "{\"level\":\"x\\u007fy\"}",              /* a value: const "a\nb" reported */
        "{\"any\":{\"\\n\\u001b\":\"\\udc00\"}}", /* encoding below a hostile key */
    };
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        plain p;
        apigen_errors errs;
        CHECK(parse(&plain_model, docs[d], &p, &errs) == -1 && errs.count >= 1);
        CHECK(errs_are_one_line_each(&errs));
        cJSON *tree = cJSON_Parse(docs[d]);
        if (tree != NULL) {
            if (apigen_model_from_json(&plain_model, tree, &p, &errs) == 0) {
                apigen_model_validate(&plain_model, &p, &errs);
                apigen_model_free(&plain_model, &p);
            }
            CHECK(errs.count >= 1 && errs_are_one_line_each(&errs));
            cJSON_Delete(tree);
        }
        if (check_failed_in_test) {
            fprintf(stderr, "  on %s\n", docs[d]);
            return;
        }
    }
    /* the escape is readable: "\u000a" where the newline was */
    plain p;
    apigen_errors errs;
    CHECK(parse(&plain_model, "{\"a\\nb\":1}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].path, "$['a\\nb']");
    CHECK(parse(&plain_model, "{\"a\\u202eb\":1}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].path, "$['a\\u202eb']");
    CHECK(parse(&plain_model, "{\"level\":\"x\\u007fy\"}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].message, "must be \"a\\nb\"");
}

/* The path of the last violation of text under plain_model: through parse, and the same
 * through from_json when cJSON reads text ("<differs>" if not). Static storage. */
static const char *last_path(const char *text)
{
    static char path[APIGEN_PATH_MAX];
    plain p;
    apigen_errors errs;
    if (parse(&plain_model, text, &p, &errs) == 0) {
        apigen_model_free(&plain_model, &p);
        return "<none>";
    }
    snprintf(path, sizeof path, "%s", errs.items[errs.count - 1].path);
    cJSON *tree = cJSON_Parse(text);
    if (tree != NULL) {
        if (apigen_model_from_json(&plain_model, tree, &p, &errs) == 0) {
            apigen_model_validate(&plain_model, &p, &errs);
            apigen_model_free(&plain_model, &p);
        }
        if (errs.count == 0 || strcmp(errs.items[errs.count - 1].path, path) != 0)
            snprintf(path, sizeof path, "<differs>");
        cJSON_Delete(tree);
    }
    return path;
}

/* Paths are RFC 9535 normalized paths (but for .name shorthand): one spelling per member, so
 * names that look like path syntax or like escapes are told apart. The leaf "\xff" is a
 * string that is not UTF-8: an encoding violation at the path of the keys above it. */
static void paths_name_each_member_one_way(void)
{
    CHECK_STR(last_path("{\"any\":{\"a\":{\"b\":\"\xff\"}}}"), "$.any.a.b");
    CHECK_STR(last_path("{\"any\":{\"a.b\":\"\xff\"}}"), "$.any['a.b']");
    CHECK_STR(last_path("{\"any\":[\"\xff\"]}"), "$.any[0]");
    CHECK_STR(last_path("{\"any\":{\"[0]\":\"\xff\"}}"), "$.any['[0]']");
    CHECK_STR(last_path("{\"any\":{\"a']['b\":\"\xff\"}}"), "$.any['a\\'][\\'b']");
    CHECK_STR(last_path("{\"any\":{\"back\\\\slash\":\"\xff\"}}"), "$.any['back\\\\slash']");
    /* the six characters \u000a, a newline, the two characters \n */
    CHECK_STR(last_path("{\"any\":{\"\\\\u000a\":\"\xff\"}}"), "$.any['\\\\u000a']");
    CHECK_STR(last_path("{\"any\":{\"\\n\":\"\xff\"}}"), "$.any['\\n']");
    CHECK_STR(last_path("{\"any\":{\"\\\\n\":\"\xff\"}}"), "$.any['\\\\n']");
    /* RFC 9535 §2.7 escapes; beyond it DEL, C1, U+2028/9 as \uXXXX */
    CHECK_STR(last_path("{\"any\":{\"\\b\\f\\n\\r\\t\":\"\xff\"}}"), "$.any['\\b\\f\\n\\r\\t']");
    CHECK_STR(last_path("{\"any\":{\"\\u0001\\u001b\\u001f\":\"\xff\"}}"),
              "$.any['\\u0001\\u001b\\u001f']");
    CHECK_STR(last_path("{\"any\":{\"\\u007f\\u0085\\u009b\\u2028\\u2029\":\"\xff\"}}"),
              "$.any['\\u007f\\u0085\\u009b\\u2028\\u2029']");
    /* a byte that is not UTF-8 in a name: \xXX (an unknown property of a closed model) */
    CHECK_STR(last_path("{\"\x9b\\u0085\xc3\":1}"), "$['\\x9b\\u0085\\xc3']");
    /* shorthand is ASCII [A-Za-z_][A-Za-z0-9_]* only */
    CHECK_STR(last_path("{\"_x9\":1}"), "$._x9");
    CHECK_STR(last_path("{\"Zz\":1}"), "$.Zz");
    CHECK_STR(last_path("{\"9x\":1}"), "$['9x']");
    CHECK_STR(last_path("{\"\":1}"), "$['']");
    CHECK_STR(last_path("{\"a b\":1}"), "$['a b']");
    CHECK_STR(last_path("{\"a-b\":1}"), "$['a-b']");
    CHECK_STR(last_path("{\"\xc3\xa9\":1}"), "$['\xc3\xa9']");
    CHECK_STR(last_path("{\"\\\"\":1}"), "$['\"']");
    CHECK_STR(last_path("{\"***\":1}"), "$['***']"); /* not the mask below sensitive fields */
}

/* A path cut at APIGEN_PATH_MAX ends in "..." at a character's first byte: still UTF-8. */
static void cut_paths_stay_utf8(void)
{
    static const char *const chars[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
    for (size_t c = 0; c < 3; c++) {
        for (size_t lead = 0; lead < 4; lead++) {
            char doc[2048] = "{\"any\":{\"";
            for (size_t i = 0; i < lead; i++)
                strcat(doc, "a");
            for (size_t i = 0; i < 150; i++)
                strcat(doc, chars[c]);
            strcat(doc, "\":\"\xff\"}}");
            plain p;
            apigen_errors errs;
            CHECK(parse(&plain_model, doc, &p, &errs) == -1 && errs.count == 1);
            size_t n = strlen(errs.items[0].path);
            CHECK(n >= APIGEN_PATH_MAX - 4 && n <= APIGEN_PATH_MAX - 1);
            CHECK(strcmp(errs.items[0].path + n - 3, "...") == 0);
            CHECK(errs_are_one_line_each(&errs));
        }
    }
}

/* A document's string quoted in a message is an RFC 9535 double-quoted literal: a quote, a
 * backslash, the text \u000a and a newline each read one way. */
static void messages_quote_strings_one_way(void)
{
    plain p;
    apigen_errors errs;
    CHECK(parse(&plain_model, "{\"level\":\"q\\\"b\\\\u000a\\n\\u0085\\\\\"}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].message,
              "\"q\\\"b\\\\u000a\\n\\u0085\\\\\" is not a value of test_hostile");
    CHECK(parse(&plain_model, "{\"level\":\"\xff\"}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].message, "not valid UTF-8");
}

/* For path_oracle.py: reads documents, one per line in hex, and prints the path of the last
 * violation of each (last_path), one per line. */
static int print_paths(void)
{
    static char line[1 << 16], doc[1 << 15];
    while (fgets(line, sizeof line, stdin) != NULL) {
        hex_decode(line, doc, sizeof doc);
        printf("%s\n", last_path(doc));
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--paths") == 0)
        return print_paths();
    RUN_TEST(errors_beyond_capacity_are_counted);
    RUN_TEST(long_paths_are_cut_with_ellipsis);
    RUN_TEST(null_errs_is_allowed);
    RUN_TEST(free_twice_and_free_null_are_safe);
    RUN_TEST(init_zeroes_and_allocates_nothing);
    RUN_TEST(validate_allocates_nothing_once_patterns_compiled);
    RUN_TEST(out_of_memory_is_reported_cleanly_at_every_allocation);
    RUN_TEST(operation_response_exact_then_default_then_null);
    RUN_TEST(operation_response_exact_then_range_then_default);
    RUN_TEST(sensitive_values_never_reach_paths_or_messages);
    RUN_TEST(control_characters_are_escaped_in_paths_and_messages);
    RUN_TEST(paths_name_each_member_one_way);
    RUN_TEST(messages_quote_strings_one_way);
    RUN_TEST(cut_paths_stay_utf8);
    return fixtures_summary();
}
