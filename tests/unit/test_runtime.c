/* test_runtime.c: unit tests of the runtime generated code calls (templates/runtime/apigen_rt.c),
 * on descriptor tables written by hand the way the generator writes them: reading, validation,
 * patterns, formats, printing, parsing, freeing, and every allocation failing in turn. */

#include "apigen_rt.h"
#include "../check.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

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

static apigen_pattern id_pattern = {.source = "^[a-fA-F0-9]{24}$"};
static apigen_pattern email_pattern = {.source = EMAIL_RE};

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
    v = INT64_C(9007199254740993); /* set in C beyond the wire's range */
    CHECK(apigen_model_validate(&m, &v, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_INTEGER, "$.n"));
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
    CHECK(has_error(&errs, APIGEN_E_UNIQUE_ITEMS, "$.tags"));
    CHECK(has_error(&errs, APIGEN_E_MIN_LENGTH, "$.tags[3]"));
    CHECK(has_error(&errs, APIGEN_E_MINIMUM, "$.scores[1]"));
    CHECK(has_error(&errs, APIGEN_E_MINIMUM, "$.scores[2]"));
    CHECK(errs.count == 5);
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

static void pattern_understands_ecma_unicode_escapes(void)
{
    apigen_pattern p = {.source = "^caf\\u00e9 \\u{1F600}$"};
    CHECK(apigen_pattern_match(&p, "caf\xC3\xA9 \xF0\x9F\x98\x80", 10) == 1);
    CHECK(apigen_pattern_match(&p, "cafe \xF0\x9F\x98\x80", 9) == 0);
    apigen_pattern_release(&p);
    apigen_pattern dot = {.source = "^.$"}; /* one code point, not one byte */
    CHECK(apigen_pattern_match(&dot, "\xF0\x9F\x98\x80", 4) == 1);
    CHECK(apigen_pattern_match(&dot, "\xC3\x28", 2) == 0); /* invalid UTF-8 never matches */
    apigen_pattern_release(&dot);
}

static void pattern_subject_need_not_be_nul_terminated(void)
{
    apigen_pattern p = {.source = "^ab$"};
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
    apigen_pattern p = {.source = "^x+$"};
    CHECK(apigen_pattern_match(&p, "xx", 2) == 1);
    apigen_pattern_release(&p);
    apigen_pattern_release(&p); /* twice is harmless */
    CHECK(apigen_pattern_match(&p, "xy", 2) == 0);
    apigen_pattern_release(&p);
}

static apigen_pattern shared_pattern = {.source = "^(?!.*--)[a-z-]+$"};
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
    const char *bad[] = {"{\"status\":true,", "", "nul", "{\"a\":\"\\ud800\"}", "[1,]"};
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
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$"));
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
    RUN_TEST(pattern_understands_ecma_unicode_escapes);
    RUN_TEST(pattern_subject_need_not_be_nul_terminated);
    RUN_TEST(uncompilable_pattern_is_reported);
    RUN_TEST(pattern_release_then_reuse_recompiles);
    RUN_TEST(pattern_compiles_once_safely_from_many_threads);

    RUN_TEST(utf8_validity);
    RUN_TEST(utf8_length_counts_code_points);

    RUN_TEST(format_date_time_rfc3339_real_calendar);
    RUN_TEST(format_date_full_date);
    RUN_TEST(format_time_full_time);
    RUN_TEST(format_email_addr_spec);
    RUN_TEST(format_uuid_8_4_4_4_12);
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

    RUN_TEST(free_twice_and_free_null_are_safe);
    RUN_TEST(init_zeroes_and_allocates_nothing);
    RUN_TEST(validate_allocates_nothing_once_patterns_compiled);
    RUN_TEST(out_of_memory_is_reported_cleanly_at_every_allocation);
    RUN_TEST(operation_response_exact_then_default_then_null);

    apigen_pattern_release(&id_pattern);
    apigen_pattern_release(&email_pattern);
    return check_summary();
}
