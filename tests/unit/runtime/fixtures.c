/* fixtures.c: the descriptor tables, documents and helpers that fixtures.h declares, shared by
 * every part of the runtime's unit tests. */

#define _POSIX_C_SOURCE 200809L

#include "fixtures.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What the generator writes for them (generator/ecma.c; tests/patterns tests that step). */
apigen_pattern id_pattern = {.source = "\\A[0-9A-Fa-f]{24}\\z", .ecma = "^[a-fA-F0-9]{24}$"};
apigen_pattern email_pattern = {
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
const apigen_model user_model = {"test_user", sizeof(user), user_fields, 3, false, NULL, NULL};

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
const apigen_model users_response_model = {
    "test_users_response", sizeof(users_response), users_response_fields, 2, false, NULL, NULL};

static const char *const color_values[] = {"red", "green", "blue"};
const apigen_enum color_enum = {"test_color", color_values, 3, false};

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
const apigen_model error_detail_model = {
    "test_error_detail", sizeof(error_detail), error_detail_fields, 2, false, NULL, NULL};

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
const apigen_model pet_model = {
    "test_pet", sizeof(pet), pet_fields, sizeof pet_fields / sizeof pet_fields[0],
    true,       NULL,        NULL};

/* ---------------------------------------------------------------- helpers ---- */

const char document_response[] =
    "{\"status\":true,\"data\":["
    "{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"email\":\"jane.doe@example.com\","
    "\"allowedDownloadsNum\":9007199254740991},"
    "{\"id\":\"AABBCCDDEEFF001122334455\",\"email\":\"o'brien+tag@mail.example.org\","
    "\"allowedDownloadsNum\":-9007199254740991}]}";

const char full_pet[] =
    "{\"name\":\"Rex\",\"color\":\"green\",\"born\":\"2020-02-29\",\"meta\":{\"a\":[1,{\"b\":"
    "null}]},\"extra\":[true,\"x\"],\"password\":\"hunter2\",\"weight\":12.5,\"tags\":[\"good\","
    "\"dog\"],\"scores\":[0,9007199254740991],\"error\":{\"code\":6001,\"message\":\"Database "
    "Validation Error\"},\"version\":2}";

/* Whether errs holds a violation of code at path; lists what it holds when not. */
bool has_error(const apigen_errors *errs, apigen_code code, const char *path)
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
int read_text(const apigen_model *m, const char *text, void *out, apigen_errors *errs)
{
    cJSON *json = cJSON_Parse(text);
    int rc = apigen_model_from_json(m, json, out, errs);
    cJSON_Delete(json);
    return rc;
}

bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return false;
    return true;
}

/* Parses, validates and frees a pet; returns the validation result, errors in errs. */
int validate_pet_text(const char *text, apigen_errors *errs)
{
    pet p;
    int rc = apigen_model_parse(&pet_model, text, strlen(text), &p, errs);
    apigen_model_free(&pet_model, &p);
    return rc;
}

int parse(const apigen_model *m, const char *text, void *out, apigen_errors *errs)
{
    return apigen_model_parse(m, text, strlen(text), out, errs);
}

size_t hex_decode(const char *line, char *out, size_t cap)
{
    size_t n = 0;
    unsigned byte;
    for (const char *p = line; sscanf(p, "%2x", &byte) == 1 && n + 1 < cap; p += 2)
        out[n++] = (char)byte;
    out[n] = '\0';
    return n;
}

double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ------------------------------------------------------- allocation hooks ---- */
/* Counts allocations and fails exactly the one numbered fail_at (0-based), if set. */

long alloc_fail_at = -1;
long alloc_calls;
bool alloc_failed;

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

void hooks_install(long fail_at)
{
    static cJSON_Hooks hooks = {counting_malloc, counting_free};
    alloc_fail_at = fail_at;
    alloc_calls = 0;
    alloc_failed = false;
    cJSON_InitHooks(&hooks);
}

void hooks_reset(void)
{
    cJSON_InitHooks(NULL);
    alloc_fail_at = -1;
}
