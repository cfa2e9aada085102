/* test_patterns.c: the runtime's ECMA-262 pattern matcher (PCRE2, compiled once and shared
 * between threads) and the per-document pattern budget that bounds catastrophic backtracking. */

#include "fixtures.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h> /* not C11 <threads.h>: ThreadSanitizer does not intercept thrd_create */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

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
    static const apigen_model m = {"s", sizeof(char *), f, 1, false, NULL, NULL};
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

static void *match_many(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        if (apigen_pattern_match(&shared_pattern, "ab-cd", 5) == 1 &&
            apigen_pattern_match(&shared_pattern, "ab--cd", 6) == 0)
            atomic_fetch_add(&shared_matches, 1);
    }
    return NULL;
}

static void pattern_compiles_once_safely_from_many_threads(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, match_many, NULL) == 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
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

static const apigen_model strings_model = {
    "strings_doc", sizeof(strings_doc), strings_fields, 1, false, NULL, NULL};

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

int main(void)
{
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
    return fixtures_summary();
}
