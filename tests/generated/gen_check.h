/* gen_check.h: helpers shared by the tests of generated code (test_<api>.c): kept texts,
 * JSON edits, exact-violation checks and the parse wrappers that prove a failed parse leaves
 * nothing behind. Static functions: each test program includes it once. */
#ifndef APIGEN_TESTS_GEN_CHECK_H
#define APIGEN_TESTS_GEN_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_rt.h"
#include "check.h"

#if defined(__GNUC__)
#define HELPER                   __attribute__((unused))
#define APIGEN_TEST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define HELPER
#define APIGEN_TEST_PRINTF(f, a)
#endif

/* ---------------------------------------------------------------- helpers ---- */

/* Texts made by the tests, freed together at exit (so that a test can pass them on inline). */
static char *kept[4096];
static size_t kept_count;

static HELPER char *keep(char *text)
{
    if (text == NULL || kept_count == sizeof kept / sizeof kept[0]) {
        fputs("test helper: out of memory or too many texts\n", stderr);
        abort();
    }
    kept[kept_count++] = text;
    return text;
}

static HELPER void release_kept(void)
{
    while (kept_count > 0)
        free(kept[--kept_count]);
}

/* printf into a kept buffer. */
APIGEN_TEST_PRINTF(1, 2)
static HELPER char *fmt(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    char *out = keep(malloc((size_t)n + 1));
    va_start(ap, format);
    vsnprintf(out, (size_t)n + 1, format, ap);
    va_end(ap);
    return out;
}

/* "s" repeated n times, kept. */
static HELPER char *repeat(const char *s, size_t n)
{
    size_t len = strlen(s);
    char *out = keep(malloc(len * n + 1));
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * len, s, len);
    out[len * n] = '\0';
    return out;
}

/* Sets (value != NULL, JSON text) or removes (value == NULL) what path names in root: dotted
 * property names and [index] steps, "data[1].email". */
static HELPER void set_at(cJSON *root, const char *path, const char *value)
{
    cJSON *node = root;
    for (;;) {
        char name[128];
        size_t n = 0;
        long index = -1;
        if (*path == '[') {
            char *end;
            index = strtol(path + 1, &end, 10);
            path = end + 1; /* past ']' */
        } else {
            while (*path != '\0' && *path != '.' && *path != '[' && n < sizeof name - 1)
                name[n++] = *path++;
            name[n] = '\0';
        }
        if (*path == '.')
            path++;
        if (*path != '\0') {
            node = index >= 0 ? cJSON_GetArrayItem(node, (int)index)
                              : cJSON_GetObjectItemCaseSensitive(node, name);
            if (node == NULL) {
                fprintf(stderr, "test helper: no %s in the document\n", path);
                abort();
            }
            continue;
        }
        if (value == NULL) {
            if (index >= 0)
                cJSON_DeleteItemFromArray(node, (int)index);
            else
                cJSON_DeleteItemFromObjectCaseSensitive(node, name);
            return;
        }
        cJSON *item = cJSON_Parse(value);
        if (item == NULL) {
            fprintf(stderr, "test helper: bad JSON value %s\n", value);
            abort();
        }
        if (cJSON_IsNumber(item)) { /* the digits as written, which apigen_json_print keeps */
            size_t len = strlen(value) + 1;
            if ((item->valuestring = cJSON_malloc(len)) == NULL)
                abort();
            memcpy(item->valuestring, value, len);
        }
        if (index >= 0)
            cJSON_ReplaceItemInArray(node, (int)index, item);
        else if (cJSON_GetObjectItemCaseSensitive(node, name) != NULL)
            cJSON_ReplaceItemInObjectCaseSensitive(node, name, item);
        else
            cJSON_AddItemToObject(node, name, item);
        return;
    }
}

#define DEL NULL                 /* edit(): remove the property */
#define END ((const char *)NULL) /* edit(): end of the (path, value) pairs */

/* The JSON text base with each (path, value) pair applied (see set_at), up to END; written by
 * apigen_json_print, so numbers keep every digit as written. Kept. */
static HELPER char *edit(const char *base, ...)
{
    cJSON *root = cJSON_Parse(base);
    if (root == NULL) {
        fprintf(stderr, "test helper: bad JSON base %s\n", base);
        abort();
    }
    va_list ap;
    va_start(ap, base);
    for (const char *path; (path = va_arg(ap, const char *)) != NULL;)
        set_at(root, path, va_arg(ap, const char *));
    va_end(ap);
    char *text = keep(apigen_json_print(root));
    cJSON_Delete(root);
    return text;
}

/* A JSON string literal of s (no character of s needs escaping). Kept. */
static HELPER char *jstr(const char *s)
{
    return fmt("\"%s\"", s);
}

#define S(literal) "\"" literal "\"" /* a JSON string from a C string literal */

static HELPER void dump_errors(const apigen_errors *errs)
{
    fprintf(stderr, "  %zu violation(s) reported:\n", errs->total);
    for (size_t i = 0; i < errs->count; i++)
        fprintf(stderr, "    %s: %s: %s\n", errs->items[i].path,
                apigen_code_name(errs->items[i].code), errs->items[i].message);
}

/* Whether errs holds a violation at path (exact) whose code is named code ("pattern"). */
static HELPER bool has_error(const apigen_errors *errs, const char *path, const char *code)
{
    for (size_t i = 0; i < errs->count; i++)
        if (strcmp(errs->items[i].path, path) == 0 &&
            strcmp(apigen_code_name(errs->items[i].code), code) == 0)
            return true;
    return false;
}

static HELPER void fail_at(const char *file, int line, const char *what, const apigen_errors *errs)
{
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    if (errs != NULL)
        dump_errors(errs);
    check_failed_in_test = 1;
}

static HELPER void check_error_(const apigen_errors *errs, const char *path, const char *code,
                                const char *file, int line)
{
    if (!has_error(errs, path, code))
        fail_at(file, line, fmt("a '%s' violation at %s", code, path), errs);
}

static HELPER void check_no_error_(const apigen_errors *errs, const char *path, const char *code,
                                   const char *file, int line)
{
    if (has_error(errs, path, code))
        fail_at(file, line, fmt("no '%s' violation at %s", code, path), errs);
}

static HELPER void check_total_(const apigen_errors *errs, size_t total, const char *file, int line)
{
    if (errs->total != total ||
        errs->count != (total < APIGEN_ERRORS_MAX ? total : APIGEN_ERRORS_MAX))
        fail_at(file, line, fmt("%zu violation(s)", total), errs);
}

/* errs holds a violation code at path. */
#define CHECK_ERROR(errs, path, code) check_error_((errs), (path), (code), __FILE__, __LINE__)
/* errs holds no violation code at path. */
#define CHECK_NO_ERROR(errs, path, code) check_no_error_((errs), (path), (code), __FILE__, __LINE__)
/* errs counted exactly total violations. */
#define CHECK_TOTAL(errs, total) check_total_((errs), (total), __FILE__, __LINE__)

/* parse_<type>(text, errs, printed): the generated <type>_parse on a struct full of garbage.
 * Valid: *printed (when printed is not NULL) gets <type>_print's text, and the struct is freed.
 * Invalid: the struct must be all zero, owning nothing, and is not freed (valgrind and LSan
 * would report anything left behind). */
#define DEFINE_PARSE(type)                                                                         \
    static int parse_##type(const char *text, apigen_errors *errs, char **printed)                 \
    {                                                                                              \
        static const type zero;                                                                    \
        type value;                                                                                \
        memset(&value, 0xA5, sizeof value);                                                        \
        int rc = type##_parse(text, strlen(text), &value, errs);                                   \
        if (rc == 0) {                                                                             \
            if (printed != NULL)                                                                   \
                *printed = keep(type##_print(&value));                                             \
            type##_free(&value);                                                                   \
        } else if (memcmp(&value, &zero, sizeof value) != 0) {                                     \
            fail_at(__FILE__, __LINE__, "failed " #type "_parse leaves the struct zeroed", NULL);  \
        }                                                                                          \
        return rc;                                                                                 \
    }

typedef int (*parse_fn)(const char *text, apigen_errors *errs, char **printed);

static HELPER void valid_(parse_fn parse, const char *text, const char *file, int line)
{
    apigen_errors errs;
    if (parse(text, &errs, NULL) != 0)
        fail_at(file, line, fmt("valid: %s", text), &errs);
}

static HELPER void invalid_(parse_fn parse, const char *text, const char *path, const char *code,
                            const char *file, int line)
{
    apigen_errors errs;
    if (parse(text, &errs, NULL) != -1 || errs.total != 1 || errs.count != 1 ||
        !has_error(&errs, path, code))
        fail_at(file, line, fmt("exactly one '%s' violation at %s: %s", code, path, text), &errs);
}

static HELPER void round_trip_(parse_fn parse, const char *text, const char *file, int line)
{
    apigen_errors errs;
    char *printed = NULL;
    if (parse(text, &errs, &printed) != 0) {
        fail_at(file, line, fmt("valid: %s", text), &errs);
    } else if (printed == NULL || strcmp(printed, text) != 0) {
        fail_at(file, line,
                fmt("prints back the same text\n  in:  %s\n  out: %s", text,
                    printed ? printed : "(null)"),
                NULL);
    }
}

/* text parses with no violation. */
#define VALID(parse, text) valid_((parse), (text), __FILE__, __LINE__)
/* text fails with exactly one violation: code at path. */
#define INVALID(parse, text, path, code)                                                           \
    invalid_((parse), (text), (path), (code), __FILE__, __LINE__)
/* text is valid and _print writes it back byte for byte (text must be canonical). */
#define ROUND_TRIP(parse, text) round_trip_((parse), (text), __FILE__, __LINE__)

/* A string the model owns (released with cJSON_free), for structs built in C. */
static HELPER char *own(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = cJSON_malloc(n);
    if (copy == NULL)
        abort();
    memcpy(copy, s, n);
    return copy;
}

#endif
