/* fixtures.h: what the runtime's unit tests (tests/unit/runtime/test_*.c, one per part of the
 * runtime) share: descriptor tables written by hand the way the generator writes them, the
 * documents read through them, violation and allocation helpers. Defined once in fixtures.c;
 * the helpers that CHECK are static inline here, so that they count in the including test. */
#ifndef APIGEN_TESTS_RUNTIME_FIXTURES_H
#define APIGEN_TESTS_RUNTIME_FIXTURES_H

#include "apigen_rt.h"
#include "../../check.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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
extern apigen_pattern id_pattern;
extern apigen_pattern email_pattern;
extern const apigen_model user_model;
extern const apigen_model users_response_model;

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

extern const apigen_enum color_enum;
extern const apigen_model error_detail_model;
extern const apigen_model pet_model;

/* The document's response with two users, and a pet with every field set (both valid). */
extern const char document_response[];
extern const char full_pet[];

/* Whether errs holds a violation of code at path; lists what it holds when not. */
bool has_error(const apigen_errors *errs, apigen_code code, const char *path);
/* from_json of text into out; the tree is deleted before returning. */
int read_text(const apigen_model *m, const char *text, void *out, apigen_errors *errs);
/* apigen_model_parse of the NUL-terminated text. */
int parse(const apigen_model *m, const char *text, void *out, apigen_errors *errs);
/* Whether the n bytes at p are all zero. */
bool all_zero(const void *p, size_t n);
/* Parses, validates and frees a pet; returns the validation result, errors in errs. */
int validate_pet_text(const char *text, apigen_errors *errs);
/* The bytes a line of hex digits spells into out (cap bytes, NUL-terminated, cut at cap - 1);
 * returns how many (the oracle scripts send their inputs so). */
size_t hex_decode(const char *line, char *out, size_t cap);
/* A monotonic clock, in seconds. */
double seconds_now(void);

/* Allocation hooks (cJSON_InitHooks, which the runtime allocates through): count allocations
 * and fail exactly the one numbered fail_at (0-based; -1: none). */
extern long alloc_fail_at;
extern long alloc_calls;
extern bool alloc_failed;
void hooks_install(long fail_at);
void hooks_reset(void);

/* Runs op with allocation number 0, 1, 2, ... failing until one run needs no failure;
 * op returns whether it reported the failure cleanly (and freed everything). */
static inline void fail_each_allocation(bool (*op)(void), const char *name)
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

/* Releases the shared patterns (compiled on first use) and prints "N passed, N failed". */
static inline int fixtures_summary(void)
{
    apigen_pattern_release(&id_pattern);
    apigen_pattern_release(&email_pattern);
    return check_summary();
}

#endif
