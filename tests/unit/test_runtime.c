/* test_runtime.c: unit tests of the runtime generated code calls (templates/runtime/apigen_rt.c),
 * on descriptor tables written by hand the way the generator writes them: reading, validation,
 * patterns, formats, printing, parsing, freeing, and every allocation failing in turn. */

#include "apigen_rt.h"
#include "../check.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <inttypes.h>
#include <pcre2.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#if defined(__GNUC__)
#define APIGEN_TEST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define APIGEN_TEST_PRINTF(f, a)
#endif

/* ------------------------------------------------------------ descriptors ---- */
/* The document's response: {status: bool, data: [{id, email, allowedDownloadsNum}]}. */

#define EMAIL_RE                                                                                   \
    "^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+["  \
    "A-"                                                                                           \
    "Za-z]{2,}$"

typedef struct user {
    char *id;
    char *email;
    int64_t allowed_downloads_num;
    bool has_allowed_downloads_num;
} user;

typedef struct users_response {
    bool status;
    user *data;
    size_t data_count;
} users_response;

/* What the generator writes for them (generator/ecma.c; tests/patterns tests that step). */
static apigen_pattern id_pattern = {.source = "\\A[0-9A-Fa-f]{24}\\z", .ecma = "^[a-fA-F0-9]{24}$"};
static apigen_pattern email_pattern = {
    .source = "\\A(?!\\x{2e})(?![^\\x{a}\\x{d}\\x{2028}\\x{2029}]*\\x{2e}\\x{2e})([\\x{27}"
              "\\x{2b}\\x{2d}\\x{2e}0-9A-Z\\x{5f}a-z]*)[\\x{2b}\\x{2d}0-9A-Z\\x{5f}a-z]\\x{40}([0-"
              "9A-Za-z][\\x{2d}0-9A-Za-z]*\\x{2e})+[A-Za-z]{2,}\\z",
    .ecma = EMAIL_RE};

static const apigen_rules id_rules = {.pattern = &id_pattern};
static const apigen_rules email_rules = {
    .bounds = APIGEN_B_MAX_LENGTH,
    .max_length = 256,
    .pattern = &email_pattern,
    .format = APIGEN_FORMAT_EMAIL,
};
static const apigen_rules downloads_rules = {
    .bounds = APIGEN_B_MINIMUM | APIGEN_B_MAXIMUM,
    .minimum_int = -INT64_C(9007199254740991),
    .maximum_int = INT64_C(9007199254740991),
    .minimum = -9007199254740991.0,
    .maximum = 9007199254740991.0,
};

static const apigen_field user_fields[] = {
    {.name = "id",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(user, id),
     .rules = &id_rules},
    {.name = "email",
     .kind = APIGEN_KIND_STRING,
     .offset = offsetof(user, email),
     .rules = &email_rules},
    {.name = "allowedDownloadsNum",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(user, allowed_downloads_num),
     .has_offset = offsetof(user, has_allowed_downloads_num),
     .rules = &downloads_rules},
};
static const apigen_model user_model = {"test_user", sizeof(user), user_fields, 3, false};

static const apigen_field users_response_fields[] = {
    {.name = "status",
     .kind = APIGEN_KIND_BOOL,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(users_response, status)},
    {.name = "data",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_ARRAY,
     .offset = offsetof(users_response, data),
     .count_offset = offsetof(users_response, data_count),
     .model = &user_model},
};
static const apigen_model users_response_model = {"test_users_response", sizeof(users_response),
                                                  users_response_fields, 2, false};

/* A closed object with one field of every other kind and rule. */

typedef enum color { COLOR_UNSET, COLOR_RED, COLOR_GREEN, COLOR_BLUE } color;

typedef struct error_detail {
    int64_t code;
    char *message;
} error_detail;

typedef struct pet {
    char *name;
    color color;
    char *born;
    bool born_null;
    cJSON *meta;
    cJSON *extra;
    char *password;
    double weight;
    bool has_weight;
    char **tags;
    size_t tags_count;
    bool has_tags;
    int64_t *scores;
    size_t scores_count;
    error_detail error;
    bool has_error;
    int64_t version;
    bool has_version;
} pet;

static const char *const color_values[] = {"red", "green", "blue"};
static const apigen_enum color_enum = {"test_color", color_values, 3};

static const apigen_rules name_rules = {
    .bounds = APIGEN_B_MIN_LENGTH | APIGEN_B_MAX_LENGTH, .min_length = 1, .max_length = 8};
static const apigen_rules born_rules = {.format = APIGEN_FORMAT_DATE};
static const apigen_rules weight_rules = {
    .bounds = APIGEN_B_EXCLUSIVE_MINIMUM | APIGEN_B_MAXIMUM, .minimum = 0, .maximum = 100.5};
static const apigen_rules tags_rules = {.bounds = APIGEN_B_MAX_ITEMS | APIGEN_B_UNIQUE_ITEMS |
                                                  APIGEN_B_MIN_LENGTH,
                                        .max_items = 3,
                                        .min_length = 1};
static const apigen_rules scores_rules = {.bounds = APIGEN_B_MINIMUM | APIGEN_B_MIN_ITEMS,
                                          .minimum_int = 0,
                                          .minimum = 0,
                                          .min_items = 1};
static const apigen_rules version_rules = {.bounds = APIGEN_B_CONST, .const_int = 2};
static const apigen_rules code_rules = {
    .bounds = APIGEN_B_MAXIMUM, .maximum_int = 9999, .maximum = 9999};

static const apigen_field error_detail_fields[] = {
    {.name = "code",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(error_detail, code),
     .rules = &code_rules},
    {.name = "message", .kind = APIGEN_KIND_STRING, .offset = offsetof(error_detail, message)},
};
static const apigen_model error_detail_model = {"test_error_detail", sizeof(error_detail),
                                                error_detail_fields, 2, false};

static const apigen_field pet_fields[] = {
    {.name = "name",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(pet, name),
     .rules = &name_rules},
    {.name = "color",
     .kind = APIGEN_KIND_ENUM,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(pet, color),
     .enumeration = &color_enum},
    {.name = "born",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_NULLABLE,
     .offset = offsetof(pet, born),
     .null_offset = offsetof(pet, born_null),
     .rules = &born_rules},
    {.name = "meta", .kind = APIGEN_KIND_FREEFORM, .offset = offsetof(pet, meta)},
    {.name = "extra", .kind = APIGEN_KIND_ANY, .offset = offsetof(pet, extra)},
    {.name = "password",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_SENSITIVE | APIGEN_F_WRITE_ONLY,
     .offset = offsetof(pet, password)},
    {.name = "weight",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(pet, weight),
     .has_offset = offsetof(pet, has_weight),
     .rules = &weight_rules},
    {.name = "tags",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_ARRAY | APIGEN_F_HAS,
     .offset = offsetof(pet, tags),
     .has_offset = offsetof(pet, has_tags),
     .count_offset = offsetof(pet, tags_count),
     .rules = &tags_rules},
    {.name = "scores",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(pet, scores),
     .count_offset = offsetof(pet, scores_count),
     .rules = &scores_rules},
    {.name = "error",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(pet, error),
     .has_offset = offsetof(pet, has_error),
     .model = &error_detail_model},
    {.name = "version",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS | APIGEN_F_READ_ONLY,
     .offset = offsetof(pet, version),
     .has_offset = offsetof(pet, has_version),
     .rules = &version_rules},
};
static const apigen_model pet_model = {"test_pet", sizeof(pet), pet_fields,
                                       sizeof pet_fields / sizeof pet_fields[0], true};

/* ---------------------------------------------------------------- helpers ---- */

static const char document_response[] =
    "{\"status\":true,\"data\":["
    "{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"email\":\"jane.doe@example.com\","
    "\"allowedDownloadsNum\":9007199254740991},"
    "{\"id\":\"AABBCCDDEEFF001122334455\",\"email\":\"o'brien+tag@mail.example.org\","
    "\"allowedDownloadsNum\":-9007199254740991}]}";

/* Whether errs holds a violation of code at path; lists what it holds when not. */
static bool has_error(const apigen_errors *errs, apigen_code code, const char *path)
{
    for (size_t i = 0; i < errs->count; i++)
        if (errs->items[i].code == code && strcmp(errs->items[i].path, path) == 0)
            return true;
    fprintf(stderr, "  no %s at %s among %zu:\n", apigen_code_name(code), path, errs->count);
    for (size_t i = 0; i < errs->count; i++)
        fprintf(stderr, "    %s %s: %s\n", apigen_code_name(errs->items[i].code),
                errs->items[i].path, errs->items[i].message);
    return false;
}

/* from_json of text into out; the tree is deleted before returning. */
static int read_text(const apigen_model *m, const char *text, void *out, apigen_errors *errs)
{
    cJSON *json = cJSON_Parse(text);
    int rc = apigen_model_from_json(m, json, out, errs);
    cJSON_Delete(json);
    return rc;
}

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return false;
    return true;
}

/* Parses, validates and frees a pet; returns the validation result, errors in errs. */
static int validate_pet_text(const char *text, apigen_errors *errs)
{
    pet p;
    int rc = apigen_model_parse(&pet_model, text, strlen(text), &p, errs);
    apigen_model_free(&pet_model, &p);
    return rc;
}

/* Validates one user with the given id and email (email may be NULL). */
static int validate_user(const char *id, const char *email, apigen_errors *errs)
{
    user u = {.id = (char *)id, .email = (char *)email};
    return apigen_model_validate(&user_model, &u, errs);
}

/* ------------------------------------------------------- allocation hooks ---- */
/* Counts allocations and fails exactly the one numbered fail_at (0-based), if set. */

static long alloc_fail_at = -1;
static long alloc_calls;
static bool alloc_failed;

static void *counting_malloc(size_t size)
{
    if (alloc_calls++ == alloc_fail_at) {
        alloc_failed = true;
        return NULL;
    }
    return malloc(size);
}

static void counting_free(void *p)
{
    free(p);
}

static void hooks_install(long fail_at)
{
    static cJSON_Hooks hooks = {counting_malloc, counting_free};
    alloc_fail_at = fail_at;
    alloc_calls = 0;
    alloc_failed = false;
    cJSON_InitHooks(&hooks);
}

static void hooks_reset(void)
{
    cJSON_InitHooks(NULL);
    alloc_fail_at = -1;
}

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
    static const apigen_model m = {"long", sizeof(bool), f, 1, false};
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
    static const apigen_model m = {"n", sizeof(int64_t), f, 1, false};
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

static const char full_pet[] =
    "{\"name\":\"Rex\",\"color\":\"green\",\"born\":\"2020-02-29\",\"meta\":{\"a\":[1,{\"b\":"
    "null}]},\"extra\":[true,\"x\"],\"password\":\"hunter2\",\"weight\":12.5,\"tags\":[\"good\","
    "\"dog\"],\"scores\":[0,9007199254740991],\"error\":{\"code\":6001,\"message\":\"Database "
    "Validation Error\"},\"version\":2}";

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

static void model_print_equals_to_json_then_json_print(void)
{
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, full_pet, strlen(full_pet), &p, &errs) == 0);
    cJSON *tree = apigen_model_to_json(&pet_model, &p);
    char *a = apigen_json_print(tree), *b = apigen_model_print(&pet_model, &p);
    CHECK_STR(a, b);
    CHECK(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(tree, "weight")));
    CHECK(cJSON_GetObjectItemCaseSensitive(tree, "scores")->child->next->valuedouble ==
          9007199254740991.0);
    free(a);
    free(b);
    cJSON_Delete(tree);
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

/* ------------------------------------------------------------- validate ---- */

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
    static const apigen_model m = {"u", sizeof(users_response), f, 1, false};
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

/* -------------------------------------------------------------- patterns ---- */

static void email_pattern_accepts_document_addresses(void)
{
    const char *ok[] = {"jane.doe@example.com", "o'brien@example.ie", "a+b-c_d@sub.example.org",
                        "x@a-b.co", "A1@EXAMPLE.COM"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        CHECK(apigen_pattern_match(&email_pattern, ok[i], strlen(ok[i])) == 1);
}

static void email_pattern_rejects_by_lookahead_and_shape(void)
{
    const char *bad[] = {".jane@example.com",    "jane..doe@example.com", "jane.@example.com",
                         "jane@example",         "jane@-example.com",     "jane@example.c",
                         "jane doe@example.com", "@example.com",          "jane@example.com\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (apigen_pattern_match(&email_pattern, bad[i], strlen(bad[i])) != 0) {
            fprintf(stderr, "  matched: %s\n", bad[i]);
            CHECK(false);
        }
    }
}

static void pattern_is_not_anchored(void)
{
    apigen_pattern p = {.source = "b+"};
    CHECK(apigen_pattern_match(&p, "abbbc", 5) == 1);
    CHECK(apigen_pattern_match(&p, "ac", 2) == 0);
    apigen_pattern_release(&p);
}

static void pattern_matches_code_points(void)
{
    apigen_pattern p = {.source = "\\Acaf\\x{e9}\\x{20}\\x{1f600}\\z"}; /* ^caf\u00e9 \u{1F600}$ */
    CHECK(apigen_pattern_match(&p, "caf\xC3\xA9 \xF0\x9F\x98\x80", 10) == 1);
    CHECK(apigen_pattern_match(&p, "cafe \xF0\x9F\x98\x80", 9) == 0);
    apigen_pattern_release(&p);
    apigen_pattern dot = {.source = "\\A[^\\x{a}]\\z"}; /* one code point, not one byte */
    CHECK(apigen_pattern_match(&dot, "\xF0\x9F\x98\x80", 4) == 1);
    CHECK(apigen_pattern_match(&dot, "\xC3\x28", 2) == 0); /* invalid UTF-8 never matches */
    apigen_pattern_release(&dot);
}

static void pattern_subject_need_not_be_nul_terminated(void)
{
    apigen_pattern p = {.source = "\\Aab\\z"};
    CHECK(apigen_pattern_match(&p, "abc", 2) == 1);
    apigen_pattern_release(&p);
}

static void uncompilable_pattern_is_reported(void)
{
    static apigen_pattern broken = {.source = "(unclosed"};
    static const apigen_rules r = {.pattern = &broken};
    static const apigen_field f[] = {{.name = "s", .kind = APIGEN_KIND_STRING, .rules = &r}};
    static const apigen_model m = {"s", sizeof(char *), f, 1, false};
    CHECK(apigen_pattern_match(&broken, "x", 1) == -1);
    char *s = "x";
    apigen_errors errs;
    CHECK(apigen_model_validate(&m, &s, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_PATTERN_COMPILE, "$.s"));
}

static void pattern_release_then_reuse_recompiles(void)
{
    apigen_pattern p = {.source = "\\Ax+\\z"};
    CHECK(apigen_pattern_match(&p, "xx", 2) == 1);
    apigen_pattern_release(&p);
    apigen_pattern_release(&p); /* twice is harmless */
    CHECK(apigen_pattern_match(&p, "xy", 2) == 0);
    apigen_pattern_release(&p);
}

static apigen_pattern shared_pattern = {
    .source = "\\A(?![^\\x{a}\\x{d}\\x{2028}\\x{2029}]*\\x{2d}\\x{2d})[\\x{2d}a-z]+\\z"};
static atomic_int shared_matches;

static int match_many(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        if (apigen_pattern_match(&shared_pattern, "ab-cd", 5) == 1 &&
            apigen_pattern_match(&shared_pattern, "ab--cd", 6) == 0)
            atomic_fetch_add(&shared_matches, 1);
    }
    return 0;
}

static void pattern_compiles_once_safely_from_many_threads(void)
{
    thrd_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK(thrd_create(&t[i], match_many, NULL) == thrd_success);
    for (int i = 0; i < 4; i++)
        thrd_join(t[i], NULL);
    CHECK(atomic_load(&shared_matches) == 800);
    apigen_pattern_release(&shared_pattern);
}

/* A document of strings under a pattern (ECMA ^(a+)+$ unless the test sets it). */
typedef struct strings_doc {
    char **s;
    size_t s_count;
} strings_doc;

static apigen_pattern catastrophic = {.source = "\\A(a+)+\\z", .ecma = "^(a+)+$"};
static apigen_rules strings_rules = {.pattern = &catastrophic};
static const apigen_field strings_fields[] = {{.name = "s",
                                               .kind = APIGEN_KIND_STRING,
                                               .flags = APIGEN_F_ARRAY,
                                               .offset = offsetof(strings_doc, s),
                                               .count_offset = offsetof(strings_doc, s_count),
                                               .rules = &strings_rules}};
static const apigen_model strings_model = {"strings_doc", sizeof(strings_doc), strings_fields, 1,
                                           false};

/* {"s": [...]} of about 99 KB: strings of `run` letters a then `last`; run 0: one string. */
static char *strings_body(size_t run, char last, size_t *len)
{
    size_t cap = 99 * 1024, n = 0;
    char *b = malloc(cap + 64);
    n += (size_t)sprintf(b, "{\"s\":[");
    size_t each = run ? run : cap - 16;
    for (bool first = true; n + each + 8 < cap + 16; first = false) {
        if (!first)
            b[n++] = ',';
        b[n++] = '"';
        memset(b + n, 'a', each);
        n += each;
        b[n++] = last;
        b[n++] = '"';
        if (run == 0)
            break;
    }
    n += (size_t)sprintf(b + n, "]}");
    *len = n;
    return b;
}

static double seconds_now(void)
{
    struct timespec t;
    timespec_get(&t, TIME_UTC);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ^(a+)+$ backtracks 2^n steps on n letters a then b: each document gets a bounded budget
 * (apigen_rt.h), and what exceeds it is patternLimit at the string, not patternCompile. */
static void catastrophic_pattern_is_bounded_per_document(void)
{
    CHECK_STR(apigen_code_name(APIGEN_E_PATTERN_LIMIT), "patternLimit");
    for (size_t run = 0; run <= 25; run += 25) {
        size_t len;
        char *body = strings_body(run, 'b', &len);
        strings_doc d;
        apigen_errors errs;
        double t0 = seconds_now();
        CHECK(apigen_model_parse(&strings_model, body, len, &d, &errs) == -1);
        double t1 = seconds_now();
        printf("  ^(a+)+$ over a %zu-byte body (%s): parse %.3f s, %zu violations\n", len,
               run ? "strings of 25 a's and b" : "one string", t1 - t0, errs.total);
        CHECK(t1 - t0 < 5.0); /* 73 s before the budget; about 0.04 s with it */
        CHECK(has_error(&errs, APIGEN_E_PATTERN_LIMIT, "$.s[0]"));
        CHECK(errs.items[0].code == APIGEN_E_PATTERN_LIMIT);
        CHECK(strstr(errs.items[0].message, "^(a+)+$") != NULL);
        free(body);
    }
    /* validate on a struct: the same bound */
    char many[40];
    memset(many, 'a', 30);
    strcpy(many + 30, "b");
    char *items[3000];
    for (size_t i = 0; i < 3000; i++)
        items[i] = many;
    strings_doc d = {items, 3000};
    apigen_errors errs;
    double t0 = seconds_now();
    CHECK(apigen_model_validate(&strings_model, &d, &errs) == -1);
    CHECK(seconds_now() - t0 < 5.0);
    CHECK(errs.total == 3000);
    CHECK(has_error(&errs, APIGEN_E_PATTERN_LIMIT, "$.s[31]")); /* stored: the first 32 */
    CHECK(apigen_pattern_match(&catastrophic, many, 31) == -2);
    CHECK(apigen_pattern_match(&catastrophic, "aaab", 4) == 0); /* small: within the budget */
    CHECK(apigen_pattern_match(&catastrophic, "aaaa", 4) == 1);
}

/* The budget grows with the strings matched: a large document of ordinary matches (and
 * non-matches that backtrack a little) is never cut short. */
static void budget_does_not_cut_ordinary_documents(void)
{
    for (size_t run = 0; run <= 12; run += 12) {
        size_t len;
        char *body = strings_body(run, 'a', &len);
        strings_doc d;
        apigen_errors errs;
        CHECK(apigen_model_parse(&strings_model, body, len, &d, &errs) == 0);
        CHECK(errs.total == 0);
        apigen_model_free(&strings_model, &d);
        free(body);
        body = strings_body(run, 'b', &len);
        if (run) { /* 12 a's then b: 2^12 steps each, no match, no limit */
            CHECK(apigen_model_parse(&strings_model, body, len, &d, &errs) == -1);
            CHECK(errs.count > 0 && errs.items[0].code == APIGEN_E_PATTERN);
        }
        free(body);
    }
}

/* Where there is no JIT (or its stack is at its cap), the interpreter matches, held to depth
 * and heap limits that grow with the subject (apigen_rt.h): a linear pattern on a long valid
 * string matches. Before, its fixed 20,000 KiB heap refused ^(\w|-)*$ from 100 KB on as
 * patternLimit. The test gives the pattern code compiled without JIT, as PCRE2 on a platform
 * without JIT support would. */
static void interpreter_limits_grow_with_the_subject(void)
{
    static const char *const sources[] = {"\\A(?:[0-9A-Z\\x{5f}a-z]|-)*\\z", "\\A(a+)+\\z"};
    for (size_t k = 0; k < 2; k++)
        for (size_t len = 100000; len <= 300000; len += 200000) {
            apigen_pattern p = {.source = sources[k]};
            int error;
            PCRE2_SIZE offset;
            pcre2_code *code = pcre2_compile((PCRE2_SPTR)p.source, PCRE2_ZERO_TERMINATED,
                                             APIGEN_PCRE2_OPTIONS, &error, &offset, NULL);
            CHECK(code != NULL);
            atomic_store(&p.code, code); /* no pcre2_jit_compile: the interpreter runs */
            char *s = malloc(len + 2);
            for (size_t i = 0; i < len; i++)
                s[i] = k == 0 ? "a-"[i % 2] : 'a';
            s[len] = 'b'; /* ^(a+)+$: a's then b backtracks exponentially */
            double t0 = seconds_now();
            int rc = apigen_pattern_match(&p, s, k == 0 ? len : len + 1);
            double t = seconds_now() - t0;
            printf("  interpreter, %s on %zu bytes: %d (%.3f s)\n", k ? "^(a+)+$" : "^(\\w|-)*$",
                   len, rc, t);
            CHECK(rc == (k == 0 ? 1 : -2));
            CHECK(t < 5.0);
            apigen_pattern_release(&p);
            free(s);
        }
}

/* ----------------------------------------------------------------- UTF-8 ---- */

static void utf8_validity(void)
{
    CHECK(apigen_utf8_valid("plain ascii, long enough for words", 34));
    CHECK(apigen_utf8_valid("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9));
    CHECK(apigen_utf8_valid("\xF4\x8F\xBF\xBF", 4));  /* U+10FFFF */
    CHECK(!apigen_utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    CHECK(!apigen_utf8_valid("\xC0\xAF", 2));         /* overlong */
    CHECK(!apigen_utf8_valid("\xE0\x80\xAF", 3));     /* overlong */
    CHECK(!apigen_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    CHECK(!apigen_utf8_valid("\xE2\x82", 2));         /* truncated */
    CHECK(!apigen_utf8_valid("abcdefgh\x80", 9));     /* lone continuation after a fast run */
    CHECK(!apigen_utf8_valid("\xFF", 1));
}

static void utf8_length_counts_code_points(void)
{
    CHECK(apigen_utf8_length("\xF0\x9F\x98\x80", 4) == 1);
    CHECK(apigen_utf8_length("a\xC3\xA9\xE2\x82\xAC", 6) == 3);
    CHECK(apigen_utf8_length("", 0) == 0);
}

/* --------------------------------------------------------------- formats ---- */

static void check_formats(apigen_format f, const char *const *ok, size_t n_ok,
                          const char *const *bad, size_t n_bad)
{
    for (size_t i = 0; i < n_ok; i++) {
        if (!apigen_format_check(f, ok[i])) {
            fprintf(stderr, "  %s rejected: %s\n", apigen_format_name(f), ok[i]);
            CHECK(false);
        }
    }
    for (size_t i = 0; i < n_bad; i++) {
        if (apigen_format_check(f, bad[i])) {
            fprintf(stderr, "  %s accepted: %s\n", apigen_format_name(f), bad[i]);
            CHECK(false);
        }
    }
}

#define CHECK_FORMATS(f, ok, bad)                                                                  \
    check_formats(f, ok, sizeof ok / sizeof ok[0], bad, sizeof bad / sizeof bad[0])

static void format_date_time_rfc3339_real_calendar(void)
{
    static const char *const ok[] = {"2019-08-24T14:15:22Z",        "2019-08-24T14:15:22.123456Z",
                                     "2019-08-24T14:15:22+05:30",   "2019-08-24t14:15:22z",
                                     "2020-02-29T00:00:00Z",        "1998-12-31T23:59:60Z",
                                     "1998-12-31T15:59:60.5-08:00", "0001-01-01T00:00:00-23:59"};
    static const char *const bad[] = {"2019-02-29T00:00:00Z",      "2019-13-01T00:00:00Z",
                                      "2019-08-24T24:00:00Z",      "2019-08-24T14:60:00Z",
                                      "2019-08-24T14:15:61Z",      "1998-12-31T23:58:60Z",
                                      "2019-08-24T14:15:22",       "2019-08-24 14:15:22Z",
                                      "2019-08-24T14:15:22+0530",  "2019-08-24T14:15:22.Z",
                                      "2019-8-24T14:15:22Z",       "2019-08-24T14:15:22Z\n",
                                      "2019-08-24T14:15:22+24:00", ""};
    CHECK_FORMATS(APIGEN_FORMAT_DATE_TIME, ok, bad);
}

static void format_date_full_date(void)
{
    static const char *const ok[] = {"2020-02-29", "2000-02-29", "2021-12-31", "0400-02-29"};
    static const char *const bad[] = {"2019-02-29",  "1900-02-29",       "2021-04-31",
                                      "2021-00-10",  "2021-13-01",       "2021-01-00",
                                      "20210101",    "2021-1-01",        "2021-01-01T00:00:00Z",
                                      " 2021-01-01", "2021-01-0\xD9\xA1"};
    CHECK_FORMATS(APIGEN_FORMAT_DATE, ok, bad);
}

static void format_time_full_time(void)
{
    static const char *const ok[] = {"14:15:22Z", "00:00:00.000001+01:00", "23:59:60Z",
                                     "08:30:06-05:00"};
    static const char *const bad[] = {"14:15:22",      "24:00:00Z", "14:15Z",
                                      "14:15:22+1:00", "12:00:60Z", "14:15:22 Z"};
    CHECK_FORMATS(APIGEN_FORMAT_TIME, ok, bad);
}

static void format_email_addr_spec(void)
{
    static const char *const ok[] = {"joe.bloggs@example.com",     "te~st@example.com",
                                     "\"joe bloggs\"@example.com", "joe.bloggs@[127.0.0.1]",
                                     "joe.bloggs@[IPv6:::1]",      "a+b@sub-domain.example.co"};
    static const char *const bad[] = {"2962",
                                      ".test@example.com",
                                      "test.@example.com",
                                      "te..st@example.com",
                                      "joe.bloggs@invalid=domain.com",
                                      "joe.bloggs@[127.0.0.300]",
                                      "user1@oceania.org, user2@oceania.org",
                                      "@example.com",
                                      "joe.bloggs@",
                                      "joe bloggs@example.com",
                                      "joe@localhost",
                                      "joe@-example.com",
                                      "j\xC3\xB6@example.com"};
    CHECK_FORMATS(APIGEN_FORMAT_EMAIL, ok, bad);
}

/* RFC 5321 4.1.3 address literals, rule by rule. */
static void format_email_address_literals_rfc5321(void)
{
    static const char *const ok[] = {
        /* IPv4-address-literal = Snum 3("." Snum); Snum = 1*3DIGIT, 0-255, leading zeros allowed */
        "a@[192.0.2.1]", "a@[0.0.0.0]", "a@[255.255.255.255]", "a@[010.001.000.099]",
        "a@[00.0.000.7]",
        /* IPv6-address-literal = "IPv6:" IPv6-addr; the tag is an ABNF quoted string, so
         * case-insensitive (RFC 5234 2.3) */
        "a@[IPv6:2001:db8::1]", "a@[ipv6:2001:db8::1]", "a@[IPV6:2001:db8::1]", "a@[iPv6:::1]",
        /* IPv6-full = IPv6-hex 7(":" IPv6-hex); IPv6-hex = 1*4HEXDIG, either case (RFC 5234) */
        "a@[IPv6:2001:0db8:0000:0000:0000:ff00:0042:8329]", "a@[IPv6:1:2:3:4:5:6:7:8]",
        "a@[IPv6:ABCD:abcd:AbCd:0:0:0:0:1]",
        /* IPv6-comp: at most 6 groups beside "::", on either side */
        "a@[IPv6:::]", "a@[IPv6:1::]", "a@[IPv6:1:2:3:4:5:6::]", "a@[IPv6:::1:2:3:4:5:6]",
        "a@[IPv6:1:2:3::4:5:6]",
        /* IPv6v4-full = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal (Snum: leading zeros) */
        "a@[IPv6:1:2:3:4:5:6:192.0.2.1]", "a@[IPv6:1:2:3:4:5:6:192.000.002.001]",
        /* IPv6v4-comp: at most 4 groups beside "::" and the IPv4 address */
        "a@[IPv6:::192.0.2.1]", "a@[IPv6:::ffff:192.0.2.1]", "a@[IPv6:1:2::3:4:192.0.2.1]",
        "a@[IPv6:1:2:3:4::192.0.2.1]", "a@[IPv6:::1:2:3:4:192.0.2.1]"};
    static const char *const bad[] = {
        /* Snum: 1 to 3 digits, at most 255, exactly four of them */
        "a@[256.0.0.1]", "a@[1.2.3]", "a@[1.2.3.4.5]", "a@[1.2.3.0004]", "a@[1..2.3]",
        "a@[1.2.3.4.]", "a@[.1.2.3.4]", "a@[1.2.3.-4]", "a@[1.2.3.a]", "a@[ 1.2.3.4]", "a@[]",
        "a@[192.0.2.1", "a@192.0.2.1]",
        /* IPv6: the tag is needed; IPv6-hex is 1 to 4 hex digits */
        "a@[2001:db8::1]", "a@[IPv6 2001:db8::1]", "a@[IPv6:]", "a@[IPv6:12345::]", "a@[IPv6:g::1]",
        "a@[IPv6:1:2:3:4:5:6:7]", "a@[IPv6:1:2:3:4:5:6:7:8:9]",
        /* IPv6-comp: one "::", and it stands for at least two groups (so 7 written are too many) */
        "a@[IPv6:1::2::3]", "a@[IPv6:1:2:3:4:5:6:7::]", "a@[IPv6:::1:2:3:4:5:6:7]",
        "a@[IPv6:1:2:3:4::5:6:7]", "a@[IPv6::::1]", "a@[IPv6:1:::2]", "a@[IPv6::1]", "a@[IPv6:1:]",
        /* IPv6v4-full needs exactly 6 groups; IPv6v4-comp at most 4 beside "::" */
        "a@[IPv6:1:2:3:4:5:192.0.2.1]", "a@[IPv6:1:2:3:4:5:6:7:192.0.2.1]",
        "a@[IPv6:1:2:3:4:5::192.0.2.1]", "a@[IPv6:::1:2:3:4:5:192.0.2.1]",
        "a@[IPv6:1:2:3:4:5:6:256.0.2.1]", "a@[IPv6:192.0.2.1::1]",
        /* General-address-literal: the Standardized-tag must be registered with IANA, and IPv6
         * is the only one; dcontent excludes "[", "\" and "]" anyway */
        "a@[tag:content]", "a@[IPv4:192.0.2.1]", "a@[x:[y]]"};
    CHECK_FORMATS(APIGEN_FORMAT_EMAIL, ok, bad);
}

/* RFC 5321 4.1.2 Local-part and Domain, RFC 5322 3.2.3 atext, RFC 5321 4.5.3.1 lengths. */
static void format_email_local_part_and_domain_rfc5321(void)
{
    static const char *const ok[] = {
        /* Dot-string = Atom *("." Atom); Atom = 1*atext: letters, digits and !#$%&'*+-/=?^_`{|}~ */
        "a@example.com", "a.b.c@example.com", "!#$%&'*+-/=?^_`{|}~@example.com", "0@example.com",
        "A.Z@example.com",
        /* Quoted-string = DQUOTE *QcontentSMTP DQUOTE: printable ASCII and space; '"' and '\'
         * only as quoted-pairSMTP ("\" %d32-126) */
        "\"\"@example.com", "\" \"@example.com", "\"a..b\"@example.com", "\"a@b\"@example.com",
        "\"a\\\"b\"@example.com", "\"a\\\\b\"@example.com", "\"\\ \"@example.com",
        "\"(comment)\"@example.com",
        /* Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] */
        "a@b.c", "a@1.2", "a@a-b.c-d.e", "a@xn--bcher-kva.example", "a@EXAMPLE.COM",
        /* Local-part at most 64 octets (4.5.3.1.1); labels at most 63, the domain 255 (4.5.3.1.2);
         * 4.5.3.1.3's 256-octet path is the SMTP envelope's limit, not the Mailbox grammar's */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@"
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        /* the domain 254 and 255 octets: RFC 5321 4.5.3.1.2 allows 255, not only RFC 1035's 253 */
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"};
    static const char *const bad[] = {
        /* Atom: no empty atom, so no leading, trailing or double dot */
        ".a@example.com", "a.@example.com", "a..b@example.com", "@example.com",
        /* characters outside atext: specials, space, controls, non-ASCII (that is idn-email) */
        "a b@example.com", "a(b)@example.com", "a,b@example.com", "a:b@example.com",
        "a;b@example.com", "a<b@example.com", "a[b]@example.com", "a\\b@example.com",
        "a\"b@example.com", "a\tb@example.com", "\xC3\xA4@example.com",
        /* no RFC 5322 comments or folding white space in a Mailbox */
        "(c)a@example.com", "a(c)@example.com", "a@(c)example.com", " a@example.com",
        "a@example.com ",
        /* Quoted-string: closed, no bare '"' or '\' inside, nothing but printable ASCII and space,
         * and nothing after it but "@" */
        "\"a@example.com", "\"a\"b\"@example.com", "\"a\\\"@example.com", "\"a\tb\"@example.com",
        "\"a\"\"b\"@example.com", "\"a\".b@example.com", "\"\xC3\xA4\"@example.com",
        /* Domain: Let-dig at both ends of a label, no empty label, no other characters, one
         * label alone is not fully qualified (2.3.5) */
        "a@", "a@-b.com", "a@b-.com", "a@b..com", "a@.b.com", "a@b.com.", "a@b_c.com", "a@b.c=d",
        "a@localhost", "a@b@c.com",
        /* lengths: local part 65 octets; label 64 octets; domain 256 octets (RFC 5321
         * 4.5.3.1.2 allows 255) */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.b"};
    CHECK_FORMATS(APIGEN_FORMAT_EMAIL, ok, bad);
}

static void format_uuid_8_4_4_4_12(void)
{
    static const char *const ok[] = {"2EB8AA08-AA98-11EA-B4AA-73B441D16380",
                                     "00000000-0000-0000-0000-000000000000",
                                     "98d80576-482e-427f-8434-7f86890ab222"};
    static const char *const bad[] = {
        "2eb8aa08-aa98-11ea-b4aa-73b441d1638", "2eb8aa08aa9811eab4aa73b441d16380",
        "2eb8aa08-aa98-11ea-b4ga-73b441d16380", "urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380",
        "2eb8aa0-8aa98-11e-ab4aa7-3b441d16380"};
    CHECK_FORMATS(APIGEN_FORMAT_UUID, ok, bad);
}

static void format_uri_absolute(void)
{
    static const char *const ok[] = {"http://foo.bar/?baz=qux#quux",
                                     "https://example.com:8443/a%20b",
                                     "ldap://[2001:db8::7]/c=GB?objectClass?one",
                                     "mailto:John.Doe@example.com",
                                     "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
                                     "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com",
                                     "tel:+1-816-555-1212"};
    static const char *const bad[] = {"//foo.bar/?baz=qux#quux",
                                      "/abc",
                                      "abc",
                                      "http:// shouldfail.com",
                                      "bar,baz:foo",
                                      "https://[@example.org/test.txt",
                                      "https://example.org/foobar\xC2\xAE.txt",
                                      "https://example.org/foo\\bar",
                                      "http://example.com/%6G",
                                      "http://example.com:abc/path",
                                      "http://[::ffff:01.2.3.4]",
                                      "http:/[::1]",
                                      "1http://example.com"};
    CHECK_FORMATS(APIGEN_FORMAT_URI, ok, bad);
}

static void format_e164_phone(void)
{
    static const char *const ok[] = {"+14155552671", "+442071838750", "+12", "+123456789012345"};
    static const char *const bad[] = {"14155552671", "+0123",  "+1", "+1234567890123456",
                                      "+1 415 555",  "+1-415", "+",  ""};
    CHECK_FORMATS(APIGEN_FORMAT_E164, ok, bad);
}

static void format_none_accepts_anything_and_names_are_spec_names(void)
{
    CHECK(apigen_format_check(APIGEN_FORMAT_NONE, "anything"));
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_DATE_TIME), "date-time");
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_E164), "e164");
    CHECK_STR(apigen_code_name(APIGEN_E_MIN_LENGTH), "minLength");
    CHECK_STR(apigen_code_name(APIGEN_E_ADDITIONAL), "additionalProperties");
}

/* One valid and one invalid value for every row of APIGEN_FORMATS, in table order. A row added
 * to the table without samples here fails to compile (the assertion below); a row whose check
 * function accepts anything, or whose name is not the spec's, fails the test. */
static const struct {
    apigen_format format;
    const char *name, *ok, *bad;
} FORMAT_SAMPLES[] = {
    {APIGEN_FORMAT_EMAIL, "email", "a@example.com", "a@"},
    {APIGEN_FORMAT_DATE_TIME, "date-time", "2019-08-24T14:15:22Z", "2019-08-24"},
    {APIGEN_FORMAT_DATE, "date", "2019-08-24", "2019-02-29"},
    {APIGEN_FORMAT_TIME, "time", "14:15:22Z", "14:15:22"},
    {APIGEN_FORMAT_UUID, "uuid", "98d80576-482e-427f-8434-7f86890ab222", "98d80576"},
    {APIGEN_FORMAT_URI, "uri", "https://example.com/", "/relative"},
    {APIGEN_FORMAT_E164, "e164", "+14155552671", "14155552671"},
};
_Static_assert(sizeof FORMAT_SAMPLES / sizeof *FORMAT_SAMPLES == APIGEN_FORMAT_END - 1,
               "every format of APIGEN_FORMATS needs samples in FORMAT_SAMPLES");

static void every_format_of_the_table_is_named_and_checks_something(void)
{
    size_t row = 0;
#define FORMAT_ROW(id, spec_name, check)                                                           \
    CHECK(FORMAT_SAMPLES[row].format == APIGEN_FORMAT_##id);                                       \
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_##id), spec_name);                                  \
    row++;
    APIGEN_FORMATS(FORMAT_ROW)
#undef FORMAT_ROW
    for (size_t i = 0; i < sizeof FORMAT_SAMPLES / sizeof *FORMAT_SAMPLES; i++) {
        apigen_format f = FORMAT_SAMPLES[i].format;
        CHECK_STR(apigen_format_name(f), FORMAT_SAMPLES[i].name);
        CHECK(apigen_format_check(f, FORMAT_SAMPLES[i].ok));
        CHECK(!apigen_format_check(f, FORMAT_SAMPLES[i].bad));
        CHECK(!apigen_format_check(f, ""));
        CHECK(!apigen_format_check(f, NULL));
    }
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_END), "unknown");
    CHECK(!apigen_format_check(APIGEN_FORMAT_END, "x"));
}

/* ---------------------------------------------------------------- printing ---- */

static void json_print_keeps_every_digit_of_safe_integers(void)
{
    cJSON *a = cJSON_Parse("[9007199254740991,-9007199254740991,0,1.0,123456789012]");
    char *text = apigen_json_print(a);
    CHECK_STR(text, "[9007199254740991,-9007199254740991,0,1,123456789012]");
    free(text);
    cJSON_Delete(a);
}

static void json_print_shortest_roundtrip_doubles(void)
{
    const double values[] = {0.1,  1.0 / 3.0, 1e300,   5e-324,
                             -2.5, 1e21,      123.456, 0.30000000000000004};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        cJSON *n = cJSON_CreateNumber(values[i]);
        char *text = apigen_json_print(n);
        CHECK(text != NULL && strtod(text, NULL) == values[i]);
        free(text);
        cJSON_Delete(n);
    }
    cJSON *n = cJSON_CreateNumber(0.1);
    char *text = apigen_json_print(n);
    CHECK_STR(text, "0.1");
    free(text);
    cJSON_Delete(n);
}

static void json_print_negative_zero_as_0(void)
{
    cJSON *n = cJSON_CreateNumber(-0.0);
    char *text = apigen_json_print(n);
    CHECK_STR(text, "0");
    free(text);
    cJSON_Delete(n);
}

static void json_print_refuses_non_finite(void)
{
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToArray(a, cJSON_CreateNumber(INFINITY));
    CHECK(apigen_json_print(a) == NULL);
    cJSON_Delete(a);
    CHECK(apigen_json_print(NULL) == NULL);
}

static void json_print_escapes_per_rfc8259_and_keeps_utf8(void)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "k\"ey", "q\" b\\ \n\t\x01\x1f/ \xC3\xA9\xF0\x9F\x98\x80 \x7f");
    char *text = apigen_json_print(o);
    CHECK_STR(text, "{\"k\\\"ey\":\"q\\\" b\\\\ \\n\\t\\u0001\\u001f/ \xC3\xA9\xF0\x9F\x98\x80 "
                    "\x7f\"}");
    cJSON *back = cJSON_Parse(text);
    CHECK(cJSON_Compare(o, back, 1));
    cJSON_Delete(back);
    free(text);
    cJSON_Delete(o);
}

static void json_print_nested_and_empty_containers(void)
{
    const char *src = "{\"a\":[],\"b\":{},\"c\":[null,true,false,{\"d\":\"\"}]}";
    cJSON *j = cJSON_Parse(src);
    char *text = apigen_json_print(j);
    CHECK_STR(text, src);
    free(text);
    cJSON_Delete(j);
}

static void debug_string_masks_sensitive_values(void)
{
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, full_pet, strlen(full_pet), &p, &errs) == 0);
    char *dbg = apigen_model_debug_string(&pet_model, &p);
    CHECK(dbg != NULL && strstr(dbg, "hunter2") == NULL);
    CHECK(dbg != NULL && strstr(dbg, "\"password\":\"***\"") != NULL);
    CHECK(dbg != NULL && strstr(dbg, "\"name\":\"Rex\"") != NULL);
    free(dbg);
    apigen_model_free(&pet_model, &p);
}

/* ------------------------------------------------------------------- parse ---- */

static void parse_syntax_error_is_reported_at_root(void)
{
    users_response r;
    apigen_errors errs;
    /* "{\"a\":\"\\ud800\"}" was here while cJSON parsed: an unpaired surrogate escape is valid
     * JSON, and now an encoding violation where read (parse_lone_surrogate_is_encoding_error) */
    const char *bad[] = {"{\"status\":true,", "", "nul", "{\"a\":\"\\x\"}", "[1,]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(apigen_model_parse(&users_response_model, bad[i], strlen(bad[i]), &r, &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
        CHECK(all_zero(&r, sizeof r));
    }
}

static void parse_rejects_text_after_the_value(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[]} x";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_SYNTAX, "$"));
    text = "{\"status\":true,\"data\":[]} \n";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == 0);
    apigen_model_free(&users_response_model, &r);
}

static void parse_reads_only_len_bytes(void)
{
    users_response r;
    apigen_errors errs;
    char *buf = malloc(64);
    const char *text = "{\"status\":true,\"data\":[]}";
    memcpy(buf, text, strlen(text));
    memset(buf + strlen(text), '}', 64 - strlen(text)); /* no NUL anywhere */
    CHECK(apigen_model_parse(&users_response_model, buf, strlen(text), &r, &errs) == 0);
    CHECK(r.status);
    apigen_model_free(&users_response_model, &r);
    free(buf);
}

static void parse_rejects_escaped_nul_that_would_cut_strings(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\\u0000x\"}]}";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$.data[0].id"));
    text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"x\":\"\\\\u0000\"}]}";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == 0);
    apigen_model_free(&users_response_model, &r);
}

static void parse_runs_validation(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"nothex\"}]}";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_PATTERN, "$.data[0].id"));
    CHECK(all_zero(&r, sizeof r));
}

static void deep_nesting_is_a_syntax_error_not_a_crash(void)
{
    size_t depth = 100000;
    char *text = malloc(2 * depth + 64);
    size_t n = (size_t)sprintf(text, "{\"name\":\"a\",\"color\":\"red\",\"extra\":");
    memset(text + n, '[', depth);
    memset(text + n + depth, ']', depth);
    strcpy(text + n + 2 * depth, "}");
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, text, strlen(text), &p, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_SYNTAX, "$"));
    free(text);
}

/* ------------------------------------------------------- the text parser ---- */
/* apigen_model_parse reads text itself: RFC 8259 grammar, numbers judged on their digits,
 * strings, duplicates, nesting, truncation, agreement with from_json, every kind of array, and
 * memory. Texts are handed over in buffers of exactly their length, so that ASan and valgrind
 * catch any read past it. */

/* {"v": any value}, open and closed. */
typedef struct holder {
    cJSON *v;
} holder;

static const apigen_field holder_fields[] = {
    {.name = "v", .kind = APIGEN_KIND_ANY, .offset = offsetof(holder, v)}};
static const apigen_model holder_model = {"test_holder", sizeof(holder), holder_fields, 1, false};
static const apigen_model closed_holder_model = {"test_closed_holder", sizeof(holder),
                                                 holder_fields, 1, true};

/* {"i": integer, "d": number}, no rules. */
typedef struct nums {
    int64_t i;
    double d;
    bool has_i, has_d;
} nums;

static const apigen_field nums_fields[] = {
    {.name = "i",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(nums, i),
     .has_offset = offsetof(nums, has_i)},
    {.name = "d",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(nums, d),
     .has_offset = offsetof(nums, has_d)},
};
static const apigen_model nums_model = {"test_nums", sizeof(nums), nums_fields, 2, false};

/* An array of every kind, and a nullable one. */
typedef struct lists {
    bool *flags;
    size_t flags_count;
    int64_t *ints;
    size_t ints_count;
    double *reals;
    size_t reals_count;
    char **names;
    size_t names_count;
    color *colors;
    size_t colors_count;
    error_detail *details;
    size_t details_count;
    cJSON **anys;
    size_t anys_count;
    cJSON **metas;
    size_t metas_count;
    int64_t *maybe;
    size_t maybe_count;
    bool maybe_null;
    bool has_maybe;
} lists;

#define LIST_FIELD(json, k, member)                                                                \
    {                                                                                              \
        .name = json, .kind = k, .flags = APIGEN_F_ARRAY, .offset = offsetof(lists, member),       \
        .count_offset = offsetof(lists, member##_count)                                            \
    }

static const apigen_field lists_fields[] = {
    LIST_FIELD("flags", APIGEN_KIND_BOOL, flags),
    LIST_FIELD("ints", APIGEN_KIND_INT64, ints),
    LIST_FIELD("reals", APIGEN_KIND_DOUBLE, reals),
    LIST_FIELD("names", APIGEN_KIND_STRING, names),
    {.name = "colors",
     .kind = APIGEN_KIND_ENUM,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(lists, colors),
     .count_offset = offsetof(lists, colors_count),
     .enumeration = &color_enum},
    {.name = "details",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(lists, details),
     .count_offset = offsetof(lists, details_count),
     .model = &error_detail_model},
    LIST_FIELD("anys", APIGEN_KIND_ANY, anys),
    LIST_FIELD("metas", APIGEN_KIND_FREEFORM, metas),
    {.name = "maybe",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY | APIGEN_F_NULLABLE | APIGEN_F_HAS,
     .offset = offsetof(lists, maybe),
     .count_offset = offsetof(lists, maybe_count),
     .null_offset = offsetof(lists, maybe_null),
     .has_offset = offsetof(lists, has_maybe)},
};
static const apigen_model lists_model = {"test_lists", sizeof(lists), lists_fields,
                                         sizeof lists_fields / sizeof lists_fields[0], false};

/* A model that holds itself: {"c": [node, ...]}. */
typedef struct node {
    struct node *c;
    size_t c_count;
} node;

static const apigen_model node_model;
static const apigen_field node_fields[] = {{.name = "c",
                                            .kind = APIGEN_KIND_OBJECT,
                                            .flags = APIGEN_F_ARRAY,
                                            .offset = offsetof(node, c),
                                            .count_offset = offsetof(node, c_count),
                                            .model = &node_model}};
static const apigen_model node_model = {"test_node", sizeof(node), node_fields, 1, false};

/* apigen_model_parse of text[0..len), copied into a buffer of exactly len bytes. */
static int parse_exact(const apigen_model *m, const char *text, size_t len, void *out,
                       apigen_errors *errs)
{
    char *buf = malloc(len > 0 ? len : 1);
    memcpy(buf, text, len);
    int rc = apigen_model_parse(m, buf, len, out, errs);
    free(buf);
    return rc;
}

/* Parses text[0..len) into a scratch value: its result, errors in errs; freed when valid, and
 * checked to be all zero when not. */
static int parse_scratch(const apigen_model *m, const char *text, size_t len, apigen_errors *errs)
{
    void *out = malloc(m->size);
    memset(out, 0xA5, m->size);
    int rc = parse_exact(m, text, len, out, errs);
    if (rc == 0)
        apigen_model_free(m, out);
    else
        CHECK(all_zero(out, m->size));
    free(out);
    return rc;
}

/* Whether parsing text[0..len) fails with exactly one error: code at "$". */
static bool fails_alone(const apigen_model *m, const char *text, size_t len, apigen_code code)
{
    apigen_errors errs;
    if (parse_scratch(m, text, len, &errs) == -1 && errs.count == 1 && errs.total == 1 &&
        errs.items[0].code == code && strcmp(errs.items[0].path, "$") == 0)
        return true;
    fprintf(stderr, "  expected only %s at $ for: %.*s\n", apigen_code_name(code),
            len > 200 ? 200 : (int)len, text);
    for (size_t i = 0; i < errs.count; i++)
        fprintf(stderr, "    %s %s: %s\n", apigen_code_name(errs.items[i].code), errs.items[i].path,
                errs.items[i].message);
    return false;
}

static bool syntax_error(const apigen_model *m, const char *text)
{
    return fails_alone(m, text, strlen(text), APIGEN_E_SYNTAX);
}

static int parse_text(const apigen_model *m, const char *text, apigen_errors *errs)
{
    return parse_scratch(m, text, strlen(text), errs);
}

/* Formats into a static buffer (one at a time). */
APIGEN_TEST_PRINTF(1, 2)
static const char *fmt(const char *f, ...)
{
    static char buf[8192];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

/* JSON values RFC 8259 allows. */
static const char *const valid_values[] = {"0",
                                           "-0",
                                           "1",
                                           "-1",
                                           "123",
                                           "1.5",
                                           "-1.5e10",
                                           "1E+2",
                                           "1e-2",
                                           "0.0",
                                           "0e0",
                                           "-0.0E-0",
                                           "9007199254740993",
                                           "\"\"",
                                           "\"a\\\"b\"",
                                           "\"\\\\\\/\\b\\f\\n\\r\\t\"",
                                           "\"\\u00e9\\u00E9\"",
                                           "\"\\uD83D\\uDE00\"",
                                           "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"",
                                           "\"\x7F\"",
                                           "\"'\"",
                                           "true",
                                           "false",
                                           "null",
                                           "[]",
                                           "{}",
                                           "[ ]",
                                           "{ }",
                                           "[1,2]",
                                           " [ 1 , \"2\" , [ ] ] ",
                                           "{\"a\":{\"b\":[[],{}]},\"\":0}",
                                           "{ \"a\" : 1 , \"b\" : [ true , false , null ] }",
                                           "[\"\\u0041\",\"\\u0001\"]",
                                           "\"\\u001f\\u007f\\u0080\\u07FF\\u0800\\uFFFF\"",
                                           "[[[[[[[[[[]]]]]]]]]]",
                                           "{\"a\\u0062\":1}",
                                           "\t\n\r 1 \t\n\r"};

/* Texts that are no JSON value. */
static const char *const invalid_values[] = {"",           " ",           "01",
                                             "-01",        "00",          "+1",
                                             ".5",         "1.",          "1.e5",
                                             "1e",         "1e+",         "1E-",
                                             "-",          "--1",         "0x10",
                                             "1_000",      "NaN",         "nan",
                                             "Infinity",   "-Infinity",   "inf",
                                             "tru",        "True",        "TRUE",
                                             "nul",        "nulll",       "fals",
                                             "undefined",  "'a'",         "\"abc",
                                             "\"\\\"",     "\"\\x\"",     "\"\\'\"",
                                             "\"\\u12\"",  "\"\\u12G4\"", "\"\\U0041\"",
                                             "\"a\tb\"",   "\"a\nb\"",    "\"\x01\"",
                                             "\"\x1F\"",   "[1,]",        "[,1]",
                                             "[1 2]",      "[1,,2]",      "[",
                                             "]",          "{",           "}",
                                             "[1]]",       "{\"a\"}",     "{\"a\":}",
                                             "{\"a\":1,}", "{,}",         "{a:1}",
                                             "{'a':1}",    "{\"a\" 1}",   "{\"a\":1 \"b\":2}",
                                             "{1:2}",      "[1}",         "{\"a\":1]",
                                             "1 2",        "/* c */1",    "1//",
                                             "\"\\u\"",    "@",           "\x7F"};

static void parse_reads_every_rfc8259_value_and_skips_it(void)
{
    for (size_t i = 0; i < sizeof valid_values / sizeof valid_values[0]; i++) {
        const char *v = valid_values[i];
        apigen_errors errs;
        holder h;
        char text[512];
        snprintf(text, sizeof text, "{\"v\":%s}", v);
        CHECK(parse_exact(&holder_model, text, strlen(text), &h, &errs) == 0);
        cJSON *expected = cJSON_Parse(v);
        CHECK(expected != NULL && cJSON_Compare(h.v, expected, true));
        cJSON_Delete(expected);
        apigen_model_free(&holder_model, &h);
        snprintf(text, sizeof text, " \t\n\r{ \"u\" : %s , \"w\":[%s,{\"x\":%s}] } \r\n", v, v, v);
        CHECK(parse_text(&holder_model, text, &errs) == 0); /* skipped */
        snprintf(text, sizeof text, "{\"v\":[%s,%s]}", v, v);
        CHECK(parse_text(&holder_model, text, &errs) == 0);
    }
}

static void parse_rejects_every_malformed_value_wherever_it_is(void)
{
    for (size_t i = 0; i < sizeof invalid_values / sizeof invalid_values[0]; i++) {
        const char *v = invalid_values[i];
        CHECK(syntax_error(&holder_model, fmt("{\"v\":%s}", v)));         /* read as a tree */
        CHECK(syntax_error(&holder_model, fmt("{\"u\":%s}", v)));         /* skipped */
        CHECK(syntax_error(&closed_holder_model, fmt("{\"u\":%s}", v)));  /* reported, skipped */
        CHECK(syntax_error(&nums_model, fmt("{\"i\":%s}", v)));           /* integer */
        CHECK(syntax_error(&nums_model, fmt("{\"d\":%s}", v)));           /* number */
        CHECK(syntax_error(&pet_model, fmt("{\"name\":%s}", v)));         /* string */
        CHECK(syntax_error(&pet_model, fmt("{\"color\":%s}", v)));        /* enum */
        CHECK(syntax_error(&pet_model, fmt("{\"meta\":%s}", v)));         /* free-form */
        CHECK(syntax_error(&pet_model, fmt("{\"error\":%s}", v)));        /* object */
        CHECK(syntax_error(&pet_model, fmt("{\"tags\":[\"a\",%s]}", v))); /* array item */
        CHECK(syntax_error(&lists_model, fmt("{\"flags\":%s}", v)));      /* bool array */
        CHECK(syntax_error(&holder_model, v));                            /* the text */
    }
}

static void parse_top_level_is_one_object_between_whitespace(void)
{
    apigen_errors errs;
    const char *ok[] = {"{}", " {}", "{} ", "\t\r\n{}\n\r\t", "\xEF\xBB\xBF{}", "\xEF\xBB\xBF {} "};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        CHECK(parse_text(&holder_model, ok[i], &errs) == 0);
    const char *bad[] = {"",     " ",        "{}x", "{}{}", "{} //",        " \xEF\xBB\xBF{}",
                         "\xEF", "\xEF\xBB", "{}]", "{},",  "\xEF\xBB\xBF", "{}\xEF\xBB\xBF"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(syntax_error(&holder_model, bad[i]));
    CHECK(fails_alone(&holder_model, "{}\0", 3, APIGEN_E_SYNTAX)); /* a NUL is text too */
    CHECK(fails_alone(&holder_model, "\0{}", 3, APIGEN_E_SYNTAX));
    holder h;
    CHECK(apigen_model_parse(&holder_model, NULL, 5, &h, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
    /* another value is a type error at $ (the whole text still checked) */
    const char *others[][2] = {{"[1,2]", "array"}, {"null", "null"},    {" \"s\" ", "string"},
                               {"12", "number"},   {"true", "boolean"}, {"-0", "number"}};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        CHECK(parse_text(&holder_model, others[i][0], &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "$"));
        CHECK(strstr(errs.items[0].message, others[i][1]) != NULL);
    }
    CHECK(syntax_error(&holder_model, "[1,2"));
    CHECK(syntax_error(&holder_model, "[1,2] x"));
    /* errs may be NULL */
    CHECK(apigen_model_parse(&holder_model, "{x", 2, &h, NULL) == -1);
    pet p;
    CHECK(apigen_model_parse(&pet_model, "{}", 2, &p, NULL) == -1); /* required missing */
    CHECK(apigen_model_parse(&holder_model, "{\"v\":[1]}", 9, &h, NULL) == 0);
    apigen_model_free(&holder_model, &h);
}

static void parse_syntax_error_says_where(void)
{
    apigen_errors errs;
    const char *text = "{\"status\":tru}";
    CHECK(parse_text(&users_response_model, text, &errs) == -1);
    CHECK(errs.count == 1 && strstr(errs.items[0].message, "(at byte 10)") != NULL);
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"data\":[] x", &errs) == -1);
    CHECK(errs.count == 1 && strstr(errs.items[0].message, "(at byte 25)") != NULL);
    /* violations found before a syntax error are dropped: the text was not JSON */
    CHECK(syntax_error(&users_response_model, "{\"status\":1,\"data\":[{\"id\":2}],"));
    CHECK(syntax_error(&pet_model, "{\"name\":7,\"color\":\"pink\",\"x\":1,\"weight\":1e400,]"));
}

/* An integer field takes an integral value within +-(2^53-1) however it is spelled, judged on
 * the digits: a double would round some fractions to integers. */
static void parse_integers_are_decided_on_the_exact_text(void)
{
    static const struct {
        const char *text;
        int64_t value;
    } ok[] = {{"0", 0},
              {"-0", 0},
              {"1.0", 1},
              {"1e2", 100},
              {"1E2", 100},
              {"1e+2", 100},
              {"100E-2", 1},
              {"-0.0e5", 0},
              {"0e-999999999999999999999", 0},
              {"2.5e1", 25},
              {"9007199254740991", INT64_C(9007199254740991)},
              {"-9007199254740991", -INT64_C(9007199254740991)},
              {"9007199254740991.000", INT64_C(9007199254740991)},
              {"9.007199254740991e15", INT64_C(9007199254740991)},
              {"90071992547409910e-1", INT64_C(9007199254740991)},
              {"0.9007199254740991e16", INT64_C(9007199254740991)},
              {"1e15", INT64_C(1000000000000000)},
              {"123456789012345", INT64_C(123456789012345)},
              {"1234567890123456", INT64_C(1234567890123456)},
              {"9007199254740992", INT64_C(9007199254740992)},
              {"-9007199254740993", -INT64_C(9007199254740993)},
              {"1e16", INT64_C(10000000000000000)},
              {"9223372036854775807", INT64_MAX},
              {"-9223372036854775808", INT64_MIN},
              {"92233720368547758.07e2", INT64_MAX},
              {"-0.9223372036854775808e19", INT64_MIN}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        nums n;
        apigen_errors errs;
        const char *text = fmt("{\"i\":%s}", ok[i].text);
        CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0);
        if (n.i != ok[i].value || !n.has_i)
            fprintf(stderr, "  %s read as %" PRId64 "\n", ok[i].text, n.i);
        CHECK(n.has_i && n.i == ok[i].value);
    }
    static const char *const bad[] = {"9007199254740990.5",
                                      "4503599627370497.5",
                                      "1.0000000000000001",
                                      "9223372036854775808",
                                      "-9223372036854775809",
                                      "9007199254740991.0000000000000000001",
                                      "1e19",
                                      "1e400",
                                      "-1e400",
                                      "1e-400",
                                      "0.5",
                                      "-1.5",
                                      "1e99999999999999999999",
                                      "1e-99999999999999999999",
                                      "12345678901234567890123",
                                      "100E-3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        apigen_errors errs;
        CHECK(parse_text(&nums_model, fmt("{\"i\":%s}", bad[i]), &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_INTEGER, "$.i"));
        CHECK(strstr(errs.items[0].message, bad[i]) != NULL); /* the text as written */
    }
    /* long tokens: digits far past a double's, exponents that bring them back */
    char text[2048], zeros[460];
    memset(zeros, '0', 450);
    zeros[450] = '\0';
    nums n;
    apigen_errors errs;
    snprintf(text, sizeof text, "{\"i\":1%se-450}", zeros); /* 1 */
    CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0 && n.i == 1);
    snprintf(text, sizeof text, "{\"i\":0.%s7e451}", zeros); /* 7 */
    CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0 && n.i == 7);
    snprintf(text, sizeof text, "{\"i\":0.%s7e450}", zeros); /* 0.7 */
    CHECK(parse_text(&nums_model, text, &errs) == -1 && has_error(&errs, APIGEN_E_INTEGER, "$.i"));
    snprintf(text, sizeof text, "{\"i\":-1%s}", zeros);
    CHECK(parse_text(&nums_model, text, &errs) == -1 && has_error(&errs, APIGEN_E_INTEGER, "$.i"));
    CHECK(strstr(errs.items[0].message, "...") != NULL); /* the text cut short */
    /* not numbers at all */
    CHECK(parse_text(&nums_model, "{\"i\":\"1\"}", &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "$.i"));
    CHECK(strstr(errs.items[0].message, "expected integer, got string") != NULL);
}

/* A number field takes the double strtod makes of the token; beyond the double range is a type
 * violation ("number out of range"), below it rounds to 0. */
static void parse_doubles_are_strtod_of_the_token(void)
{
    static const char *const ok[] = {"0",
                                     "-0",
                                     "1.5",
                                     "-2.5e-3",
                                     "1E2",
                                     "0.1",
                                     "5e-324",
                                     "1e-400",
                                     "-1e-400",
                                     "1e308",
                                     "1.7976931348623157e308",
                                     "9007199254740993",
                                     "123456789012345678901234567890",
                                     "4503599627370497.5"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        nums n;
        apigen_errors errs;
        const char *text = fmt("{\"d\":%s}", ok[i]);
        CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0);
        double expected = strtod(ok[i], NULL);
        CHECK(n.has_d && memcmp(&n.d, &expected, sizeof n.d) == 0); /* -0 stays -0 */
    }
    static const char *const huge[] = {"1e400", "-1e400", "1.8e308", "1e99999999999999999999"};
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        apigen_errors errs;
        CHECK(parse_text(&nums_model, fmt("{\"d\":%s}", huge[i]), &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "$.d"));
        CHECK(strcmp(errs.items[0].message, "number out of range") == 0);
    }
    /* a token longer than the parser's buffer: copied to the heap for strtod */
    char digits[1200];
    digits[0] = '1';
    digits[1] = '.';
    for (size_t i = 2; i < 1000; i++)
        digits[i] = (char)('0' + i % 10);
    strcpy(digits + 1000, "e-5");
    nums n;
    apigen_errors errs;
    const char *text = fmt("{\"d\":%s}", digits);
    CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0);
    CHECK(n.d == strtod(digits, NULL));
}

/* RFC 8259: the characters U+0000 to U+001F must be escaped in strings. */
static void parse_rejects_raw_control_characters_anywhere(void)
{
    for (int c = 0; c < 0x20; c++) {
        char ctl[2] = {(char)c, 0};
        const char *where[] = {"{\"name\":\"a%sb\",\"color\":\"red\"}",
                               "{\"name\":\"a\",\"color\":\"r%sed\"}",
                               "{\"name\":\"a\",\"color\":\"red\",\"x%s\":1}",
                               "{\"name\":\"a\",\"color\":\"red\",\"extra\":[\"%s\"]}",
                               "{\"name\":\"a\",\"color\":\"red\",\"meta\":{\"%s\":1}}",
                               "{\"name\":\"a\",\"color\":\"red\",\"tags\":[\"x\",\"%s\"]}"};
        for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
            char text[128];
            /* %s cannot carry a NUL: mark its place, then put the byte there */
            snprintf(text, sizeof text, where[i], "\x01");
            size_t len = strlen(text);
            *strchr(text, '\x01') = ctl[0];
            CHECK(fails_alone(&pet_model, text, len, APIGEN_E_SYNTAX));
            snprintf(text, sizeof text, "{\"status\":true,\"data\":[],\"u\":\"%s\"}", "\x01");
            len = strlen(text);
            *strchr(text, '\x01') = ctl[0];
            CHECK(fails_alone(&users_response_model, text, len, APIGEN_E_SYNTAX));
        }
    }
    /* escaped, they are fine; DEL needs no escape */
    pet p;
    apigen_errors errs;
    const char *text = "{\"name\":\"\\u0001\\t\x7F\",\"color\":\"red\"}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK_STR(p.name, "\x01\t\x7F");
    apigen_model_free(&pet_model, &p);
}

static void parse_decodes_every_escape_and_surrogate_pairs(void)
{
    pet p;
    apigen_errors errs;
    const char *text =
        "{\"name\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"color\":\"\\u0072\\u0065d\",\"password\":"
        "\"\\u00e9\\u20AC\\uD83D\\uDE00\\ud800\\udc00\\uDBFF\\uDFFF\",\"tags\":[\"\\u0041x\"]}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK_STR(p.name, "\"\\/\b\f\n\r\t");
    CHECK(p.color == COLOR_RED);
    CHECK_STR(p.password, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
    CHECK(p.tags_count == 1);
    CHECK_STR(p.tags[0], "Ax");
    apigen_model_free(&pet_model, &p);
    /* property names too: matched once decoded */
    text = "{\"n\\u0061me\":\"a\",\"\\u0063olor\":\"red\"}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK_STR(p.name, "a");
    apigen_model_free(&pet_model, &p);
}

/* An escaped surrogate without its other half is valid JSON but no Unicode text: the string is
 * not UTF-8, reported where it is read, like raw bytes that are not UTF-8. */
static void parse_lone_surrogate_is_encoding_error(void)
{
    static const char *const lone[] = {"\\ud83d",        "\\ude00",        "\\ud83dx",
                                       "\\ud83d\\u0041", "\\ude00\\ud83d", "\\ud83d\\ud83d",
                                       "a\\uDBFF",       "\\ud83d\\"};
    for (size_t i = 0; i < sizeof lone / sizeof lone[0]; i++) {
        apigen_errors errs;
        if (i == 7) { /* "\ud83d\" then the closing quote: unterminated */
            CHECK(syntax_error(&pet_model, fmt("{\"name\":\"%s\",\"color\":\"red\"}", lone[i])));
            continue;
        }
        CHECK(parse_text(&pet_model, fmt("{\"name\":\"%s\",\"color\":\"red\"}", lone[i]), &errs) ==
              -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.name"));
        CHECK(parse_text(&pet_model, fmt("{\"name\":\"a\",\"color\":\"%s\"}", lone[i]), &errs) ==
              -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.color"));
        CHECK(parse_text(&pet_model,
                         fmt("{\"name\":\"a\",\"color\":\"red\",\"extra\":[1,\"%s\"]}", lone[i]),
                         &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.extra[1]"));
        CHECK(parse_text(&pet_model,
                         fmt("{\"name\":\"a\",\"color\":\"red\",\"meta\":{\"%s\":1}}", lone[i]),
                         &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.meta"));
        /* not read: like from_json, skipped values are not checked for UTF-8 */
        CHECK(parse_text(&users_response_model,
                         fmt("{\"status\":true,\"data\":[],\"a\":\"%s\"}", lone[i]), &errs) == 0);
    }
}

/* "\u0000" ends the parse wherever it is: no C string can hold it. It is the only error,
 * reported at the string's path (a property name's or skipped value's: its object's). */
static void parse_escaped_nul_ends_the_parse_anywhere(void)
{
    static const char *const texts[][2] = {
        {"{\"name\":\"a\\u0000\",\"color\":\"red\"}", "$.name"},
        {"{\"name\":\"a\",\"color\":\"red\\u0000\"}", "$.color"},
        {"{\"name\":\"a\",\"color\":\"red\",\"\\u0000\":1}", "$"},
        {"{\"name\":\"a\",\"color\":\"red\",\"extra\":{\"k\":\"\\u0000\"}}", "$.extra"},
        {"{\"name\":\"a\",\"color\":\"red\",\"extra\":{\"\\u0000\":1}}", "$.extra"},
        {"{\"name\":1,\"color\":\"pink\",\"x\":[\"\\u0000\"]}", "$"},
        {"{\"name\":[\"\\u0000\"],\"color\":\"red\"}", "$.name"}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        apigen_errors errs;
        CHECK(parse_text(&pet_model, texts[i][0], &errs) == -1);
        CHECK(errs.count == 1 && errs.total == 1 && errs.items[0].code == APIGEN_E_ENCODING);
        CHECK_STR(errs.items[0].path, texts[i][1]);
        CHECK(strstr(errs.items[0].message, "U+0000") != NULL);
        if (check_failed_in_test) {
            fprintf(stderr, "  on %s\n", texts[i][0]);
            return;
        }
    }
    apigen_errors errs;
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"data\":[],\"u\":\"\\u0000\"}",
                     &errs) == -1);
    CHECK(errs.count == 1 && strstr(errs.items[0].message, "cannot hold (at byte 30)") != NULL);
}

static void parse_duplicate_property_is_a_violation(void)
{
    apigen_errors errs;
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"status\":false,\"data\":[]}",
                     &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.status"));
    CHECK(strcmp(apigen_code_name(APIGEN_E_DUPLICATE_KEY), "duplicateKey") == 0);
    /* the same name spelled otherwise */
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"st\\u0061tus\":true,\"data\":[]}",
                     &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.status"));
    /* nested, and the second value is only syntax-checked */
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\","
                       "\"id\":7}]}";
    CHECK(parse_text(&users_response_model, text, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.data[0].id"));
    CHECK(syntax_error(&users_response_model, "{\"status\":true,\"status\":tru,\"data\":[]}"));
    /* unknown properties: skipped every time, or refused every time */
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"data\":[],\"x\":1,\"x\":2}",
                     &errs) == 0);
    CHECK(parse_text(&pet_model, "{\"name\":\"a\",\"color\":\"red\",\"x\":1,\"x\":2}", &errs) ==
          -1);
    CHECK(errs.count == 2 && has_error(&errs, APIGEN_E_ADDITIONAL, "$.x"));
    /* inside any values, the tree keeps both, as cJSON's parser does */
    pet p;
    text = "{\"name\":\"a\",\"color\":\"red\",\"extra\":{\"k\":1,\"k\":2}}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK(cJSON_GetArraySize(p.extra) == 2);
    apigen_model_free(&pet_model, &p);
}

/* "[[[[..." as deep as memory allows: a syntax error past CJSON_NESTING_LIMIT open containers
 * (the document's own included), never a crash, whether the value is built, skipped or read
 * against a model. */
static void parse_deep_nesting_is_bounded_everywhere(void)
{
    size_t deep = 1000000;
    char *text = malloc(5 * deep + 64);
    const char *prefixes[] = {"{\"v\":", "{\"u\":", "{\"v\":[1,{\"a\":", "{\"i\":"};
    const apigen_model *models[] = {&holder_model, &holder_model, &holder_model, &nums_model};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        for (int object = 0; object < 2; object++) {
            size_t n = (size_t)sprintf(text, "%s", prefixes[i]);
            for (size_t k = 0; k < deep; k++, n += object ? 5 : 1)
                memcpy(text + n, object ? "{\"a\":" : "[", object ? 5 : 1);
            CHECK(fails_alone(models[i], text, n, APIGEN_E_SYNTAX));
        }
    }
    /* exactly at the limit: the document's object and 999 arrays */
    for (size_t extra = 0; extra < 2; extra++) {
        for (int skipped = 0; skipped < 2; skipped++) {
            size_t depth = 999 + extra;
            size_t n = (size_t)sprintf(text, skipped ? "{\"u\":" : "{\"v\":");
            memset(text + n, '[', depth);
            memset(text + n + depth, ']', depth);
            n += 2 * depth;
            text[n++] = '}';
            apigen_errors errs;
            int rc = parse_scratch(&holder_model, text, n, &errs);
            CHECK(rc == (extra ? -1 : 0));
            if (extra)
                CHECK(errs.count == 1 && strstr(errs.items[0].message, "nesting too deep"));
        }
    }
    free(text);
}

static bool parse_agrees_with_from_json(const apigen_model *m, const char *text);

/* A model that holds itself recurses along the text, within the same nesting limit. */
static void parse_recursive_model_is_bounded_too(void)
{
    for (size_t levels = 499; levels <= 500; levels++) { /* 1 + 2 * levels containers */
        char *text = malloc(12 * levels + 16);
        size_t n = 0;
        for (size_t i = 0; i < levels; i++)
            n += (size_t)sprintf(text + n, "{\"c\":[");
        n += (size_t)sprintf(text + n, "{}");
        for (size_t i = 0; i < levels; i++)
            n += (size_t)sprintf(text + n, "]}");
        node t;
        apigen_errors errs;
        int rc = parse_exact(&node_model, text, n, &t, &errs);
        if (levels == 499) {
            CHECK(rc == 0);
            CHECK(parse_agrees_with_from_json(&node_model, text));
            apigen_model_free(&node_model, &t);
        } else {
            CHECK(rc == -1 && errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
        }
        free(text);
    }
}

/* A name too long for a path is cut as from_json cuts it, escaped or not. */
static void parse_long_unknown_name_is_cut_like_from_json(void)
{
    char name[400], text[1024];
    memset(name, 'k', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    for (int escaped = 0; escaped < 2; escaped++) {
        snprintf(text, sizeof text, "{\"name\":\"a\",\"color\":\"red\",\"%s%s\":1}",
                 escaped ? "\\u006b" : "k", name);
        apigen_errors pe, fe;
        pet p;
        CHECK(parse_text(&pet_model, text, &pe) == -1);
        CHECK(read_text(&pet_model, text, &p, &fe) == -1);
        CHECK(pe.count == 1 && fe.count == 1 && pe.items[0].code == APIGEN_E_ADDITIONAL);
        CHECK_STR(pe.items[0].path, fe.items[0].path);
        CHECK(strlen(pe.items[0].path) == APIGEN_PATH_MAX - 1);
    }
}

/* Documents the truncation, mutation and memory tests take apart. */
static const char lists_document[] =
    "{\"flags\":[true,false],\"ints\":[1,-0,2e0,9007199254740991],\"reals\":[1.5,-0,1e2],"
    "\"names\":[\"a\",\"\\u00e9\\ud83d\\ude00\",\"\"],\"colors\":[\"red\",\"blue\"],"
    "\"details\":[{\"code\":1},{\"code\":2,\"message\":\"m\"}],\"anys\":[1,\"s\",null,[],{},"
    "{\"k\":[{\"l\":\"\\n\"}]}],\"metas\":[{},{\"a\":1}],\"maybe\":null,\"other\":[{\"x\":"
    "[1,2,{\"y\":\"z\"}]},-1.5e-3,\"\\\"\"]}";

static const struct {
    const apigen_model *model;
    const char *text;
} documents[] = {
    {&users_response_model, document_response},
    {&pet_model, full_pet},
    {&lists_model, lists_document},
    {&pet_model, "{ \"name\" : \"R\\u00e9x\" , \"color\" : \"blue\" , \"born\" : null , "
                 "\"extra\" : { \"a\" : [ 1 , 2.5e-3 , true , false , null ] } }"},
};

static void parse_arrays_of_every_kind(void)
{
    lists l;
    apigen_errors errs;
    CHECK(parse_exact(&lists_model, lists_document, strlen(lists_document), &l, &errs) == 0);
    CHECK(l.flags_count == 2 && l.flags[0] && !l.flags[1]);
    CHECK(l.ints_count == 4 && l.ints[1] == 0 && l.ints[2] == 2 &&
          l.ints[3] == INT64_C(9007199254740991));
    CHECK(l.reals_count == 3 && l.reals[0] == 1.5 && signbit(l.reals[1]) && l.reals[2] == 100);
    CHECK(l.names_count == 3);
    CHECK_STR(l.names[1], "\xC3\xA9\xF0\x9F\x98\x80");
    CHECK_STR(l.names[2], "");
    CHECK(l.colors_count == 2 && l.colors[0] == COLOR_RED && l.colors[1] == COLOR_BLUE);
    CHECK(l.details_count == 2 && l.details[1].code == 2);
    CHECK_STR(l.details[1].message, "m");
    CHECK(l.anys_count == 6 && cJSON_IsNull(l.anys[2]) && cJSON_IsArray(l.anys[3]));
    CHECK(l.metas_count == 2 && cJSON_IsObject(l.metas[1]));
    CHECK(l.maybe_null && l.has_maybe && l.maybe == NULL && l.maybe_count == 0);
    /* the same as from_json on cJSON's tree of the text */
    lists k;
    CHECK(read_text(&lists_model, lists_document, &k, &errs) == 0);
    char *a = apigen_model_print(&lists_model, &l), *b = apigen_model_print(&lists_model, &k);
    CHECK_STR(a, b);
    free(a);
    free(b);
    apigen_model_free(&lists_model, &k);
    apigen_model_free(&lists_model, &l);
    /* items of other types, each at its index */
    const char *text = "{\"ints\":[1,\"x\",3],\"colors\":[\"red\",\"pink\"],\"metas\":[1,{}],"
                       "\"details\":[{\"code\":1},{},[]],\"maybe\":[null]}";
    CHECK(parse_text(&lists_model, text, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.ints[1]"));
    CHECK(has_error(&errs, APIGEN_E_ENUM, "$.colors[1]"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.metas[0]"));
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.details[1].code"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.details[2]"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.maybe[0]"));
    CHECK(errs.count == 6);
    /* many items: the array grows */
    static char many[16384];
    size_t n = (size_t)sprintf(many, "{\"ints\":[");
    for (int i = 0; i < 1500; i++)
        n += (size_t)sprintf(many + n, i ? ",%d" : "%d", i * 7);
    strcpy(many + n, "],\"flags\":[]}");
    CHECK(parse_exact(&lists_model, many, strlen(many), &l, &errs) == 0);
    CHECK(l.ints_count == 1500 && l.ints[1499] == 1499 * 7 && l.ints[0] == 0);
    CHECK(l.flags == NULL && l.flags_count == 0);
    apigen_model_free(&lists_model, &l);
}

/* Every prefix of a document (in a buffer of exactly that many bytes) is a syntax error. */
static void parse_truncated_at_every_byte_fails_cleanly(void)
{
    for (size_t d = 0; d < sizeof documents / sizeof documents[0]; d++) {
        const char *text = documents[d].text;
        size_t len = strlen(text);
        apigen_errors errs;
        CHECK(parse_scratch(documents[d].model, text, len, &errs) == 0);
        for (size_t cut = 0; cut < len; cut++)
            if (!fails_alone(documents[d].model, text, cut, APIGEN_E_SYNTAX))
                CHECK(false);
    }
}

/* Every byte of a document replaced by one that often matters: never a crash or a leak, and a
 * failure always leaves the struct released. */
static void parse_survives_a_byte_changed_anywhere(void)
{
    static const char swaps[] = {'"', '\\', '{', '}', '[', ']',  ',',    ':',    '0',   '-',
                                 'e', '.',  ' ', 'u', 'n', '\0', '\x01', '\x80', '\xFF'};
    for (size_t d = 0; d < sizeof documents / sizeof documents[0]; d++) {
        size_t len = strlen(documents[d].text);
        char *text = malloc(len);
        for (size_t at = 0; at < len; at++) {
            for (size_t s = 0; s < sizeof swaps; s++) {
                memcpy(text, documents[d].text, len);
                text[at] = swaps[s];
                apigen_errors errs;
                int rc = parse_scratch(documents[d].model, text, len, &errs);
                CHECK(rc == 0 ? errs.count == 0 : errs.count >= 1);
            }
        }
        free(text);
    }
}

/* ------------------------------------------- parse agrees with from_json ---- */
/* Random documents shaped like a model, written only with JSON that cJSON reads exactly (no
 * duplicates, no numbers a double rounds, no raw controls, no unpaired surrogates): parse must
 * report what from_json reports, in the same order, then what validate reports of the struct
 * from_json made, and print the same struct. */

typedef struct textbuf {
    char data[16384];
    size_t len;
} textbuf;

static uint64_t rng_state = 88172645463325252u;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

#define PICK(pool) (pool)[rnd(sizeof(pool) / sizeof(pool)[0])]

static void put(textbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n < sizeof b->data) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
    }
    b->data[b->len] = '\0';
}

static void put_ws(textbuf *b)
{
    static const char *const ws[] = {"", "", "", " ", "\n  ", "\t", "\r\n"};
    put(b, PICK(ws));
}

static const char *const any_pool[] = {"null",
                                       "true",
                                       "false",
                                       "0",
                                       "-0",
                                       "7",
                                       "1.5",
                                       "-2e3",
                                       "\"\"",
                                       "\"x\"",
                                       "\"caf\\u00e9\"",
                                       "\"\\ud83d\\ude00\"",
                                       "\"\xC3\x28\"",
                                       "\"\\t\"",
                                       "[]",
                                       "{}",
                                       "[1,\"a\",null]",
                                       "{\"k\":[true,{}]}",
                                       "{\"\xFF\":1}",
                                       "{\"a\":{\"b\":[\"\xED\xA0\x80\"]}}",
                                       "[[[[[]]]]]",
                                       "{\"a\":\"\\u20ac\",\"b\":[{\"c\":{}}]}",
                                       "[1,[2,[3,[\"\xC0\x80\"]]]]"};
static const char *const int_pool[] = {"0",
                                       "-0",
                                       "1",
                                       "1.0",
                                       "1e2",
                                       "100E-2",
                                       "2",
                                       "3",
                                       "-1",
                                       "6001",
                                       "9999",
                                       "10000",
                                       "9007199254740991",
                                       "-9007199254740991",
                                       "9007199254740992",
                                       "-9007199254740992",
                                       "1.5",
                                       "-0.5",
                                       "1e400",
                                       "-1e400",
                                       "2.5e1",
                                       "0.0",
                                       "1E0",
                                       "1e16"};
static const char *const double_pool[] = {"0",      "-0",    "12.5",   "100.5", "100.50001",
                                          "5e-324", "1e400", "-1e400", "1",     "-3.25",
                                          "1e-400", "0.1",   "1E2"};
static const char *const string_pool[] = {"\"Rex\"",
                                          "\"\"",
                                          "\"abcdefghi\"",
                                          "\"caf\\u00e9\"",
                                          "\"\\ud83d\\ude00\"",
                                          "\"\xC3\x28\"",
                                          "\"a\\nb\"",
                                          "\"2020-02-29\"",
                                          "\"2020-02-30\"",
                                          "\"\xF0\x9F\x98\x80\"",
                                          "\"\\\"q\\\"\"",
                                          "\"\\u0001\"",
                                          "\"\xE2\x82\xAC\xE2\x82\xAC\""};
static const char *const enum_pool[] = {"\"red\"",      "\"green\"",     "\"blue\"", "\"purple\"",
                                        "\"\xC3\x28\"", "\"r\\u0065d\"", "\"\"",     "\"RED\""};
static const char *const id_pool[] = {"\"5f1a2b3c4d5e6f708192a3b4\"",
                                      "\"AABBCCDDEEFF001122334455\"",
                                      "\"5f1a2b3c4d5e6f708192a3bg\"", "\"zz\""};
static const char *const email_pool[] = {"\"jane.doe@example.com\"", "\"jane..doe@example.com\"",
                                         "\".bad@example.com\"", "\"o'brien+tag@mail.example.org\"",
                                         "\"x@y\""};
static const char *const unknown_keys[] = {"\"colour\"", "\"x\"", "\"\\u00e9t\\u00e9\"", "\"\xFF\"",
                                           "\"\""};

static void gen_object(textbuf *b, const apigen_model *m);

/* One value for f, now and then of another type. */
static void gen_value(textbuf *b, const apigen_field *f)
{
    if (rnd(12) == 0) {
        put(b, PICK(any_pool));
        return;
    }
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        put(b, rnd(2) ? "true" : "false");
        break;
    case APIGEN_KIND_INT64:
        put(b, PICK(int_pool));
        break;
    case APIGEN_KIND_DOUBLE:
        put(b, PICK(double_pool));
        break;
    case APIGEN_KIND_STRING:
        put(b, strcmp(f->name, "id") == 0      ? PICK(id_pool)
               : strcmp(f->name, "email") == 0 ? PICK(email_pool)
                                               : PICK(string_pool));
        break;
    case APIGEN_KIND_ENUM:
        put(b, PICK(enum_pool));
        break;
    case APIGEN_KIND_OBJECT:
        gen_object(b, f->model);
        break;
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        put(b, PICK(any_pool));
        break;
    }
}

/* A property's value: null, an array of 0 to 4 items, or one value. An empty array is left out
 * where the struct cannot tell it from absence (validate would not see it). */
static void gen_field(textbuf *b, const apigen_field *f)
{
    if ((f->flags & APIGEN_F_NULLABLE) && rnd(5) == 0) {
        put(b, "null");
    } else if ((f->flags & APIGEN_F_ARRAY) && rnd(6) != 0) {
        bool may_be_empty = (f->flags & (APIGEN_F_HAS | APIGEN_F_REQUIRED)) != 0;
        unsigned n = rnd(5);
        if (n == 0 && !may_be_empty)
            n = 1;
        put(b, "[");
        for (unsigned i = 0; i < n; i++) {
            if (i > 0)
                put(b, ",");
            put_ws(b);
            gen_value(b, f);
        }
        put(b, "]");
    } else if (f->flags & APIGEN_F_ARRAY) {
        const char *v = PICK(any_pool);
        put(b, strcmp(v, "[]") == 0 ? "{}" : v);
    } else {
        gen_value(b, f);
    }
}

/* Some of m's fields in a random order, now and then spelled with an escape, and now and then
 * a property m does not know. */
static void gen_object(textbuf *b, const apigen_model *m)
{
    size_t order[16], n = 0;
    for (size_t k = 0; k < m->field_count && k < 16; k++)
        order[n++] = k;
    for (size_t k = n; k > 1; k--) {
        size_t j = rnd((unsigned)k), t = order[k - 1];
        order[k - 1] = order[j];
        order[j] = t;
    }
    bool first = true;
    put(b, "{");
    put_ws(b);
    size_t unknown_at = rnd(m->closed ? 12 : 4) == 0 ? rnd((unsigned)n + 1) : SIZE_MAX;
    for (size_t i = 0; i <= n; i++) {
        if (i == unknown_at) {
            put(b, first ? "" : ",");
            put(b, PICK(unknown_keys));
            put(b, ":");
            put(b, PICK(any_pool));
            first = false;
        }
        if (i == n)
            continue;
        const apigen_field *f = &m->fields[order[i]];
        if ((f->flags & APIGEN_F_REQUIRED) ? rnd(12) == 0 : rnd(10) < 4)
            continue;
        put(b, first ? "" : ",");
        put_ws(b);
        first = false;
        if (rnd(8) == 0) /* the first letter as a \u escape */
            put(b, fmt("\"\\u%04x%s\"", (unsigned)(unsigned char)f->name[0], f->name + 1));
        else
            put(b, fmt("\"%s\"", f->name));
        put_ws(b);
        put(b, ":");
        put_ws(b);
        gen_field(b, f);
        put_ws(b);
    }
    put(b, "}");
}

static bool is_read_code(apigen_code code)
{
    return code == APIGEN_E_TYPE || code == APIGEN_E_REQUIRED || code == APIGEN_E_INTEGER ||
           code == APIGEN_E_ENUM || code == APIGEN_E_ADDITIONAL || code == APIGEN_E_ENCODING;
}

static int error_order(const void *a, const void *b)
{
    const apigen_error *x = a, *y = b;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* The errors of errs that read (or do not read) a value, in their order, or sorted. */
static size_t select_errors(const apigen_errors *errs, bool read, bool sorted, apigen_error *out)
{
    size_t n = 0;
    for (size_t i = 0; i < errs->count; i++)
        if (is_read_code(errs->items[i].code) == read)
            out[n++] = errs->items[i];
    if (sorted)
        qsort(out, n, sizeof *out, error_order);
    return n;
}

static bool same_errors(const apigen_error *a, size_t na, const apigen_error *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (a[i].code != b[i].code || strcmp(a[i].path, b[i].path) != 0)
            return false;
    return true;
}

static void show_errors(const char *who, const apigen_errors *errs)
{
    fprintf(stderr, "  %s:\n", who);
    for (size_t i = 0; i < errs->count; i++)
        fprintf(stderr, "    %s %s: %s\n", apigen_code_name(errs->items[i].code),
                errs->items[i].path, errs->items[i].message);
}

/* Whether parse agrees with from_json then validate on text; says how when not. */
/* -0 as 0 throughout a tree ("-0" kept as written prints as -0 through cJSON). */
static void positive_zeros(cJSON *j)
{
    for (; j != NULL; j = j->next) {
        if (cJSON_IsNumber(j) && j->valuedouble == 0)
            j->valuedouble = 0;
        positive_zeros(j->child);
    }
}

static bool parse_agrees_with_from_json(const apigen_model *m, const char *text)
{
    size_t len = strlen(text);
    void *parsed = malloc(m->size), *read = malloc(m->size);
    apigen_errors pe, fe, ve;
    int prc = parse_exact(m, text, len, parsed, &pe);
    cJSON *tree = cJSON_ParseWithLength(text, len);
    int frc = apigen_model_from_json(m, tree, read, &fe);
    int vrc = frc == 0 ? apigen_model_validate(m, read, &ve) : -1;
    bool ok = tree != NULL;
    /* By design, from_json refuses integers beyond +-(2^53-1) in a cJSON tree (its double may
     * be rounded), which parse reads exactly from the text: not comparable. */
    for (size_t i = 0; i < fe.count; i++)
        if (fe.items[i].code == APIGEN_E_INTEGER && strstr(fe.items[i].message, "beyond"))
            tree = (cJSON_Delete(tree), NULL);
    /* Nor a number that underflows: parse judges 1e-400 > 0, validate the 0 the double holds. */
    if (strstr(text, "e-400") != NULL)
        tree = (cJSON_Delete(tree), NULL);
    if (tree == NULL && ok) {
        if (prc == 0)
            apigen_model_free(m, parsed);
        if (frc == 0)
            apigen_model_free(m, read);
        free(parsed);
        free(read);
        return true;
    }
    if (ok && pe.total <= APIGEN_ERRORS_MAX) { /* nothing dropped: lists comparable */
        static apigen_error a[APIGEN_ERRORS_MAX], b[APIGEN_ERRORS_MAX];
        ok = same_errors(a, select_errors(&pe, true, false, a), fe.items, fe.count);
        if (ok && frc == 0) {
            size_t na = select_errors(&pe, false, true, a), nb = select_errors(&ve, false, true, b);
            ok = same_errors(a, na, b, nb) && ve.count == nb && (prc == 0) == (vrc == 0);
        } else if (ok) {
            ok = prc == -1;
        }
    }
    if (ok && prc == 0 && vrc == 0) {
        /* any values from parse keep the digits as written, from_json's the doubles cJSON
         * made of them: compared as doubles (cJSON's printer), the same values */
        char *x = apigen_model_print(m, parsed), *y = apigen_model_print(m, read);
        cJSON *tx = cJSON_Parse(x), *ty = cJSON_Parse(y);
        positive_zeros(tx);
        positive_zeros(ty);
        char *cx = cJSON_PrintUnformatted(tx), *cy = cJSON_PrintUnformatted(ty);
        ok = cx != NULL && cy != NULL && strcmp(cx, cy) == 0;
        free(x);
        free(y);
        free(cx);
        free(cy);
        cJSON_Delete(tx);
        cJSON_Delete(ty);
    }
    if (!ok) {
        fprintf(stderr, "  parse and from_json disagree on: %s\n", text);
        show_errors("parse", &pe);
        show_errors("from_json", &fe);
        if (frc == 0)
            show_errors("validate", &ve);
    }
    if (prc == 0)
        apigen_model_free(m, parsed);
    if (frc == 0)
        apigen_model_free(m, read);
    cJSON_Delete(tree);
    free(parsed);
    free(read);
    return ok;
}

static void parse_agrees_with_from_json_on_random_documents(void)
{
    const apigen_model *models[] = {&pet_model, &users_response_model, &lists_model,
                                    &error_detail_model};
    size_t valid = 0, disagreements = 0;
    for (int i = 0; i < 20000; i++) {
        const apigen_model *m = models[i % 4];
        textbuf b = {.len = 0};
        put_ws(&b);
        if (rnd(25) == 0)
            put(&b, PICK(any_pool));
        else
            gen_object(&b, m);
        put_ws(&b);
        if (!parse_agrees_with_from_json(m, b.data) && ++disagreements > 5)
            break;
        apigen_errors errs;
        valid += parse_text(m, b.data, &errs) == 0;
    }
    CHECK(disagreements == 0);
    CHECK(valid > 200); /* both verdicts were exercised */
    /* the documents above, too */
    for (size_t d = 0; d < sizeof documents / sizeof documents[0]; d++)
        CHECK(parse_agrees_with_from_json(documents[d].model, documents[d].text));
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

/* Runs op with allocation number 0, 1, 2, ... failing until one run needs no failure;
 * op returns whether it reported the failure cleanly (and freed everything). */
static void fail_each_allocation(bool (*op)(void), const char *name)
{
    long n;
    for (n = 0; n < 100000; n++) {
        apigen_pattern_release(&id_pattern); /* so that compiling can fail too */
        apigen_pattern_release(&email_pattern);
        hooks_install(n);
        bool clean = op();
        bool failed = alloc_failed;
        hooks_reset();
        if (!clean) {
            fprintf(stderr, "  %s: unclean result with allocation %ld failing\n", name, n);
            CHECK(false);
            return;
        }
        if (!failed)
            break;
    }
    CHECK(n > 0 && n < 100000);
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

/* Inputs the allocation-failure test parses with each allocation failing in turn: every path
 * of the parser that allocates, valid and not. */
static char long_key_text[1024];
static char long_number_text[1024];
static char long_enum_text[1024];

static const struct {
    const apigen_model *model;
    const char *text;
} oom_inputs[] = {
    {&users_response_model, document_response},
    {&pet_model, full_pet},
    {&lists_model, lists_document},
    {&pet_model, "{\"n\\u0061me\":\"R\\u00e9x\",\"color\":\"r\\u0065d\",\"\\u00e9\":1,"
                 "\"extra\":{\"\\u00e9\":[\"\\ud83d\\ude00\",{\"k\":-1.5e3}]}}"},
    {&pet_model, long_key_text},     /* long names */
    {&nums_model, long_number_text}, /* long number */
    {&pet_model, long_enum_text},    /* long enum string */
    {&pet_model, "{\"name\":\"Rex\",\"color\":\"red\",\"extra\":[1,2,3],\"x\":tru}"}, /* late */
    {&pet_model, "{\"name\":\"Rex\",\"color\":\"pink\",\"meta\":{\"a\":\"\xC3\x28\"},"
                 "\"tags\":[\"a\",\"a\",\"\"],\"scores\":[-1]}"}, /* violations */
    {&holder_model, "{\"v\":[{\"a\":[{\"b\":{}}]},\"\\ud800\"]}"},
    {&pet_model, "{\"name\":\"Rex\",\"color\":\"red\",\"extra\":\"\\u0000\"}"},
};

static size_t oom_input;
static int oom_expected_rc;
static apigen_errors oom_expected;

static bool oom_parse_input(void)
{
    const apigen_model *m = oom_inputs[oom_input].model;
    const char *text = oom_inputs[oom_input].text;
    void *out = malloc(m->size);
    apigen_errors errs;
    int rc = parse_exact(m, text, strlen(text), out, &errs);
    bool same = rc == oom_expected_rc && errs.total == oom_expected.total &&
                same_errors(errs.items, errs.count, oom_expected.items, oom_expected.count);
    bool ok;
    if (alloc_failed && rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY)
        ok = errs.total == 1 && all_zero(out, m->size);
    else /* no failure, or only a JIT compile failed (the interpreter took over) */
        ok = same;
    if (!ok) {
        fprintf(stderr, "  input %zu: rc %d\n", oom_input, rc);
        show_errors("got", &errs);
        show_errors("expected", &oom_expected);
    }
    if (rc == 0)
        apigen_model_free(m, out);
    free(out);
    return ok;
}

static void parse_out_of_memory_is_clean_for_every_input(void)
{
    char name[300];
    memset(name, 'k', 299);
    name[299] = '\0';
    snprintf(long_key_text, sizeof long_key_text,
             "{\"name\":\"a\",\"color\":\"red\",\"\\u0078%s\":1,\"%s\":2}", name, name);
    snprintf(long_number_text, sizeof long_number_text, "{\"d\":1.%s%s5,\"i\":1%se-299}", name,
             name, name);
    for (char *p = long_number_text; *p; p++)
        if (*p == 'k')
            *p = '0';
    snprintf(long_enum_text, sizeof long_enum_text, "{\"name\":\"a\",\"color\":\"%s\"}", name);
    for (oom_input = 0; oom_input < sizeof oom_inputs / sizeof oom_inputs[0]; oom_input++) {
        const apigen_model *m = oom_inputs[oom_input].model;
        const char *text = oom_inputs[oom_input].text;
        oom_expected_rc = parse_scratch(m, text, strlen(text), &oom_expected);
        fail_each_allocation(oom_parse_input, fmt("parse input %zu", oom_input));
    }
}

static void operation_response_exact_then_default_then_null(void)
{
    static const apigen_response with_default[] = {
        {200, &users_response_model, "ok"}, {0, &pet_model, "error"}, {404, NULL, "missing"}};
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

int main(void)
{
    RUN_TEST(reads_document_response);
    RUN_TEST(from_json_copies_so_tree_can_be_deleted);
    RUN_TEST(wrong_json_type_is_type_error_not_default);
    RUN_TEST(top_level_non_object_is_type_error_at_root);
    RUN_TEST(missing_required_is_required_error_with_path);
    RUN_TEST(reports_every_violation_with_indexed_paths);
    RUN_TEST(failed_from_json_leaves_out_released_and_zeroed);
    RUN_TEST(errors_beyond_capacity_are_counted);
    RUN_TEST(long_paths_are_cut_with_ellipsis);
    RUN_TEST(null_errs_is_allowed);

    RUN_TEST(int64_max_safe_roundtrips_exactly);
    RUN_TEST(int64_above_max_safe_is_integer_error);
    RUN_TEST(fractional_and_huge_numbers_are_not_integers);
    RUN_TEST(integral_float_1_0_reads_as_integer_1);
    RUN_TEST(int64_bounds_compare_exactly_near_2_pow_53);

    RUN_TEST(reads_every_kind);
    RUN_TEST(model_print_equals_to_json_then_json_print);
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

    RUN_TEST(email_pattern_accepts_document_addresses);
    RUN_TEST(email_pattern_rejects_by_lookahead_and_shape);
    RUN_TEST(pattern_is_not_anchored);
    RUN_TEST(pattern_matches_code_points);
    RUN_TEST(pattern_subject_need_not_be_nul_terminated);
    RUN_TEST(uncompilable_pattern_is_reported);
    RUN_TEST(pattern_release_then_reuse_recompiles);
    RUN_TEST(pattern_compiles_once_safely_from_many_threads);
    RUN_TEST(catastrophic_pattern_is_bounded_per_document);
    RUN_TEST(budget_does_not_cut_ordinary_documents);
    RUN_TEST(interpreter_limits_grow_with_the_subject);

    RUN_TEST(utf8_validity);
    RUN_TEST(utf8_length_counts_code_points);

    RUN_TEST(format_date_time_rfc3339_real_calendar);
    RUN_TEST(format_date_full_date);
    RUN_TEST(format_time_full_time);
    RUN_TEST(format_email_addr_spec);
    RUN_TEST(format_email_address_literals_rfc5321);
    RUN_TEST(format_email_local_part_and_domain_rfc5321);
    RUN_TEST(format_uuid_8_4_4_4_12);
    RUN_TEST(every_format_of_the_table_is_named_and_checks_something);
    RUN_TEST(format_uri_absolute);
    RUN_TEST(format_e164_phone);
    RUN_TEST(format_none_accepts_anything_and_names_are_spec_names);

    RUN_TEST(json_print_keeps_every_digit_of_safe_integers);
    RUN_TEST(json_print_shortest_roundtrip_doubles);
    RUN_TEST(json_print_negative_zero_as_0);
    RUN_TEST(json_print_refuses_non_finite);
    RUN_TEST(json_print_escapes_per_rfc8259_and_keeps_utf8);
    RUN_TEST(json_print_nested_and_empty_containers);
    RUN_TEST(debug_string_masks_sensitive_values);

    RUN_TEST(parse_syntax_error_is_reported_at_root);
    RUN_TEST(parse_rejects_text_after_the_value);
    RUN_TEST(parse_reads_only_len_bytes);
    RUN_TEST(parse_rejects_escaped_nul_that_would_cut_strings);
    RUN_TEST(parse_runs_validation);
    RUN_TEST(deep_nesting_is_a_syntax_error_not_a_crash);

    RUN_TEST(parse_reads_every_rfc8259_value_and_skips_it);
    RUN_TEST(parse_rejects_every_malformed_value_wherever_it_is);
    RUN_TEST(parse_top_level_is_one_object_between_whitespace);
    RUN_TEST(parse_syntax_error_says_where);
    RUN_TEST(parse_integers_are_decided_on_the_exact_text);
    RUN_TEST(parse_doubles_are_strtod_of_the_token);
    RUN_TEST(parse_rejects_raw_control_characters_anywhere);
    RUN_TEST(parse_decodes_every_escape_and_surrogate_pairs);
    RUN_TEST(parse_lone_surrogate_is_encoding_error);
    RUN_TEST(parse_escaped_nul_ends_the_parse_anywhere);
    RUN_TEST(parse_duplicate_property_is_a_violation);
    RUN_TEST(parse_deep_nesting_is_bounded_everywhere);
    RUN_TEST(parse_arrays_of_every_kind);
    RUN_TEST(parse_recursive_model_is_bounded_too);
    RUN_TEST(parse_long_unknown_name_is_cut_like_from_json);
    RUN_TEST(parse_truncated_at_every_byte_fails_cleanly);
    RUN_TEST(parse_survives_a_byte_changed_anywhere);
    RUN_TEST(parse_agrees_with_from_json_on_random_documents);

    RUN_TEST(free_twice_and_free_null_are_safe);
    RUN_TEST(init_zeroes_and_allocates_nothing);
    RUN_TEST(validate_allocates_nothing_once_patterns_compiled);
    RUN_TEST(out_of_memory_is_reported_cleanly_at_every_allocation);
    RUN_TEST(parse_out_of_memory_is_clean_for_every_input);
    RUN_TEST(operation_response_exact_then_default_then_null);

    apigen_pattern_release(&id_pattern);
    apigen_pattern_release(&email_pattern);
    return check_summary();
}
