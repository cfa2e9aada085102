/* bench_codec: the code generated from specs/applivery.yaml against bare cJSON, on
 * createOtpUser's 200 response with 2,800 users in `data` (about 1.1 MB of compact JSON).
 *
 *   bench_codec check          correctness of what is measured (exit 1 when anything is off)
 *   bench_codec time ROUNDS    interleaved timing, medians of ROUNDS rounds, ratios
 *   bench_codec once CASE      one warm-up run of CASE, then one run inside bench_region(),
 *                              for valgrind --tool=callgrind --toggle-collect=bench_region
 *   bench_codec dump FILE      writes the benchmark document to FILE
 *
 * CASE: parse-bare   cJSON_ParseWithLength + cJSON_Delete of the text
 *       parse-gen    applivery_create_otp_user_response_200_parse (parse, read, validate
 *                    every constraint, patterns included) + _free
 *       write-bare   hand-written cJSON build of the parsed struct + cJSON_PrintUnformatted
 *                    + cJSON_Delete + free
 *       write-gen    applivery_create_otp_user_response_200_print + free
 *       write-tree   applivery_create_otp_user_response_200_to_json + apigen_json_print +
 *                    cJSON_Delete + free
 *
 * The document is built here, deterministically: ids of 24 hex digits (both cases), varied
 * emails (some with ' and +), integers including +-(2^53-1), RFC 3339 dates. Its bytes are
 * exactly what the generated printer writes, so "print(parse(doc)) == doc" checks exact
 * integers and the writer as a whole. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "applivery/applivery.h"
#include "bench_region.h"

#define ITEMS    2800
#define MAX_SAFE INT64_C(9007199254740991)

typedef applivery_create_otp_user_response_200 response;

/* ------------------------------------------------------------ the document ---- */

typedef struct item {
    char id[25], organization_id[25], store_id[25], published_application_id[25];
    char email[300];
    int64_t downloads;
    char dates[4][32];
} item;

static void item_values(size_t i, item *v)
{
    static const char *const first[] = {"ada",    "grace", "alan",   "edsger", "barbara",
                                        "donald", "ken",   "dennis", "o'neil", "margaret"};
    static const char *const domain[] = {"example.com", "mail.example.org", "corp-mail.example.net",
                                         "uni.example.edu", "example.co.uk"};
    unsigned long long h = (unsigned long long)(i + 1) * 0x9e3779b97f4a7c15ull;
    unsigned m = (unsigned)(i % 12) + 1, d = (unsigned)(i % 28) + 1;

    snprintf(v->id, sizeof v->id, "%08x%016llx", 0x65a1f0c2u + (unsigned)i, h);
    snprintf(v->organization_id, sizeof v->organization_id, "5F2B6C1D%016llX", h >> 3);
    snprintf(v->store_id, sizeof v->store_id, "60d5ec49f1b2%012llx", (h >> 7) & 0xffffffffffffull);
    snprintf(v->published_application_id, sizeof v->published_application_id,
             "6123456789abcdef%08x", (unsigned)(i * 2654435761u));
    snprintf(v->email, sizeof v->email, "%s.user%zu%s@%s", first[i % 10], i,
             i % 3 == 0 ? "+bench" : "", domain[i % 5]);
    if (i % 100 == 0)
        v->downloads = MAX_SAFE;
    else if (i % 100 == 50)
        v->downloads = -MAX_SAFE;
    else
        v->downloads = (int64_t)((i * 7919u) % 100000u) - 500;
    for (unsigned k = 0; k < 4; k++)
        snprintf(v->dates[k], sizeof v->dates[k], "20%02u-%02u-%02uT%02u:%02u:%02u.%03uZ", 20 + k,
                 m, d, (unsigned)(i % 24), (unsigned)(i % 60), (unsigned)((i * 7) % 60),
                 (unsigned)(i % 1000));
}

/* Ways to break the document at one item, each checked to be reported. */
typedef enum mutation {
    MUT_NONE,
    MUT_ID_PATTERN,      /* id with a 'g': pattern */
    MUT_EMAIL_LOOKAHEAD, /* ".." in the local part: the pattern's (?!.*\.\.) lookahead */
    MUT_EMAIL_LEADING,   /* leading '.': the pattern's (?!\.) lookahead */
    MUT_EMAIL_MAXLEN,    /* 257 code points: maxLength */
    MUT_EMAIL_FORMAT,    /* matches the pattern, but a domain label ends in '-': format */
    MUT_INT_RANGE,       /* 2^63: integer (beyond int64) */
    MUT_INT_FRACTION,    /* 1.5: integer */
    MUT_MISSING,         /* no storeId: required */
    MUT_TYPE,            /* allowedDownloadsNum as a string: type */
    MUT_TRUNCATED,       /* text cut in the middle: syntax */
    MUT_COUNT
} mutation;

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bench_codec: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void put(buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        int n = vsnprintf(b->s + b->len, room, fmt, ap);
        va_end(ap);
        if (n < 0)
            die("vsnprintf failed");
        if ((size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + (size_t)n + 1;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            die("out of memory");
    }
}

/* The 200 response with ITEMS users, compact, in the spec's property order; mutated at item
 * `at` when m is not MUT_NONE. Caller frees. */
static char *build_doc(mutation m, size_t at, size_t *len)
{
    buf b = {malloc(1 << 20), 0, 1 << 20};
    if (!b.s)
        die("out of memory");
    put(&b, "{\"status\":true,\"data\":[");
    for (size_t i = 0; i < ITEMS; i++) {
        item v;
        item_values(i, &v);
        mutation mi = i == at ? m : MUT_NONE;
        if (mi == MUT_ID_PATTERN)
            v.id[0] = 'g';
        if (mi == MUT_EMAIL_LOOKAHEAD)
            snprintf(v.email, sizeof v.email, "first..last@example.com");
        if (mi == MUT_EMAIL_LEADING)
            snprintf(v.email, sizeof v.email, ".first@example.com");
        if (mi == MUT_EMAIL_MAXLEN) {
            memset(v.email, 'a', 245);
            snprintf(v.email + 245, sizeof v.email - 245, "@example.com"); /* 257 */
        }
        if (mi == MUT_EMAIL_FORMAT)
            snprintf(v.email, sizeof v.email, "first@bad-.example.com");
        put(&b, "%s{\"id\":\"%s\",\"organizationId\":\"%s\"", i ? "," : "", v.id,
            v.organization_id);
        if (mi != MUT_MISSING)
            put(&b, ",\"storeId\":\"%s\"", v.store_id);
        put(&b, ",\"publishedApplicationId\":\"%s\",\"email\":\"%s\",\"allowedDownloadsNum\":",
            v.published_application_id, v.email);
        if (mi == MUT_INT_RANGE)
            put(&b, "9223372036854775808");
        else if (mi == MUT_INT_FRACTION)
            put(&b, "1.5");
        else if (mi == MUT_TYPE)
            put(&b, "\"%lld\"", (long long)v.downloads);
        else
            put(&b, "%lld", (long long)v.downloads);
        put(&b,
            ",\"lastLoginDate\":\"%s\",\"lastDownloadDate\":\"%s\",\"createdAt\":\"%s\","
            "\"updatedAt\":\"%s\"}",
            v.dates[0], v.dates[1], v.dates[2], v.dates[3]);
    }
    put(&b, "]}");
    if (m == MUT_TRUNCATED)
        b.len /= 2, b.s[b.len] = '\0';
    *len = b.len;
    return b.s;
}

/* ------------------------------------------------------------ the cases ---- */

static char *doc;
static size_t doc_len;
static response parsed; /* the document read by the generated code, for the write cases */
static volatile size_t sink;

static void parse_bare(void)
{
    cJSON *j = cJSON_ParseWithLength(doc, doc_len);
    if (!j)
        die("cJSON_ParseWithLength failed on the document");
    sink += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "data"));
    cJSON_Delete(j);
}

static void parse_gen(void)
{
    response r;
    apigen_errors errs;
    if (applivery_create_otp_user_response_200_parse(doc, doc_len, &r, &errs) != 0)
        die("generated parse failed on the document: %s: %s", errs.count ? errs.items[0].path : "?",
            errs.count ? errs.items[0].message : "?");
    sink += r.data_count;
    applivery_create_otp_user_response_200_free(&r);
}

/* What a careful hand-written writer does with cJSON: build the tree from the struct and
 * print it unformatted. */
static char *print_bare(const response *r)
{
    cJSON *root = cJSON_CreateObject(), *arr;
    if (!root || !cJSON_AddBoolToObject(root, "status", r->status) ||
        !(arr = cJSON_AddArrayToObject(root, "data")))
        die("out of memory");
    for (size_t i = 0; i < r->data_count; i++) {
        const applivery_otp_user *u = &r->data[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o) || !cJSON_AddStringToObject(o, "id", u->id) ||
            !cJSON_AddStringToObject(o, "organizationId", u->organization_id) ||
            !cJSON_AddStringToObject(o, "storeId", u->store_id) ||
            !cJSON_AddStringToObject(o, "publishedApplicationId", u->published_application_id) ||
            !cJSON_AddStringToObject(o, "email", u->email) ||
            !cJSON_AddNumberToObject(o, "allowedDownloadsNum", (double)u->allowed_downloads_num) ||
            !cJSON_AddStringToObject(o, "lastLoginDate", u->last_login_date) ||
            !cJSON_AddStringToObject(o, "lastDownloadDate", u->last_download_date) ||
            !cJSON_AddStringToObject(o, "createdAt", u->created_at) ||
            !cJSON_AddStringToObject(o, "updatedAt", u->updated_at))
            die("out of memory");
    }
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!text)
        die("cJSON_PrintUnformatted failed");
    return text;
}

static char *print_tree(const response *r)
{
    cJSON *j = applivery_create_otp_user_response_200_to_json(r);
    if (!j)
        die("_to_json failed");
    char *text = apigen_json_print(j);
    cJSON_Delete(j);
    if (!text)
        die("apigen_json_print failed");
    return text;
}

static char *print_gen(const response *r)
{
    char *text = applivery_create_otp_user_response_200_print(r);
    if (!text)
        die("_print failed");
    return text;
}

static void write_bare(void)
{
    char *t = print_bare(&parsed);
    sink += strlen(t);
    free(t);
}

static void write_gen(void)
{
    char *t = print_gen(&parsed);
    sink += strlen(t);
    free(t);
}

static void write_tree(void)
{
    char *t = print_tree(&parsed);
    sink += strlen(t);
    free(t);
}

typedef struct bench_case {
    const char *name;
    void (*run)(void);
} bench_case;

static const bench_case cases[] = {
    {"parse-bare", parse_bare}, {"parse-gen", parse_gen},   {"write-bare", write_bare},
    {"write-gen", write_gen},   {"write-tree", write_tree},
};
#define CASE_COUNT (sizeof cases / sizeof cases[0])

static void setup(void)
{
    apigen_errors errs;
    doc = build_doc(MUT_NONE, 0, &doc_len);
    if (applivery_create_otp_user_response_200_parse(doc, doc_len, &parsed, &errs) != 0)
        die("generated parse failed on the document: %s: %s", errs.count ? errs.items[0].path : "?",
            errs.count ? errs.items[0].message : "?");
}

static void teardown(void)
{
    applivery_create_otp_user_response_200_free(&parsed);
    free(doc);
}

/* ------------------------------------------------------------ check ---- */

static int failures;

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("check FAILED: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    failures++;
}

static int str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void check_values(const response *r)
{
    size_t bad = 0;
    if (!r->status)
        fail("status is not true");
    if (r->data_count != ITEMS) {
        fail("data_count %zu, expected %d", r->data_count, ITEMS);
        return;
    }
    for (size_t i = 0; i < ITEMS; i++) {
        const applivery_otp_user *u = &r->data[i];
        item v;
        item_values(i, &v);
        if (!str_eq(u->id, v.id) || !str_eq(u->organization_id, v.organization_id) ||
            !str_eq(u->store_id, v.store_id) ||
            !str_eq(u->published_application_id, v.published_application_id) ||
            !str_eq(u->email, v.email) || u->allowed_downloads_num != v.downloads ||
            !str_eq(u->last_login_date, v.dates[0]) || !str_eq(u->last_download_date, v.dates[1]) ||
            !str_eq(u->created_at, v.dates[2]) || !str_eq(u->updated_at, v.dates[3])) {
            if (bad++ == 0)
                fail("data[%zu] read back wrong (first of the wrong items)", i);
        }
    }
    if (bad)
        fail("%zu of %d items read back wrong", bad, ITEMS);
}

/* Whether errs holds code at exactly path. */
static int has_error(const apigen_errors *errs, apigen_code code, const char *path)
{
    for (size_t i = 0; i < errs->count; i++)
        if (errs->items[i].code == code && strcmp(errs->items[i].path, path) == 0)
            return 1;
    return 0;
}

static void check_mutations(void)
{
    static const struct {
        mutation m;
        apigen_code code;
        const char *what;
        const char *field; /* the member of data[at] reported; NULL: at "$" */
    } expect[] = {
        {MUT_ID_PATTERN, APIGEN_E_PATTERN, "id pattern", "id"},
        {MUT_EMAIL_LOOKAHEAD, APIGEN_E_PATTERN, "email pattern (?!.*\\.\\.)", "email"},
        {MUT_EMAIL_LEADING, APIGEN_E_PATTERN, "email pattern (?!\\.)", "email"},
        {MUT_EMAIL_MAXLEN, APIGEN_E_MAX_LENGTH, "email maxLength", "email"},
        {MUT_EMAIL_FORMAT, APIGEN_E_FORMAT, "email format", "email"},
        {MUT_INT_RANGE, APIGEN_E_INTEGER, "2^63 integer", "allowedDownloadsNum"},
        {MUT_INT_FRACTION, APIGEN_E_INTEGER, "1.5 integer", "allowedDownloadsNum"},
        {MUT_MISSING, APIGEN_E_REQUIRED, "storeId required", "storeId"},
        {MUT_TYPE, APIGEN_E_TYPE, "string for an integer", "allowedDownloadsNum"},
        {MUT_TRUNCATED, APIGEN_E_SYNTAX, "truncated text", NULL},
    };
    size_t at = ITEMS - 7; /* near the end: nothing may stop early */
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++) {
        size_t len;
        char *text = build_doc(expect[k].m, at, &len);
        char path[96];
        response r;
        apigen_errors errs;
        if (expect[k].field)
            snprintf(path, sizeof path, "$.data[%zu].%s", at, expect[k].field);
        else
            snprintf(path, sizeof path, "$");
        int rc = applivery_create_otp_user_response_200_parse(text, len, &r, &errs);
        if (rc == 0) {
            fail("%s: document accepted", expect[k].what);
            applivery_create_otp_user_response_200_free(&r);
        } else if (!has_error(&errs, expect[k].code, path)) {
            fail("%s: no '%s' error at %s (first: %s %s)", expect[k].what,
                 apigen_code_name(expect[k].code), path, errs.count ? errs.items[0].path : "-",
                 errs.count ? apigen_code_name(errs.items[0].code) : "-");
        } else {
            printf("check ok: %-28s -> %s at %s\n", expect[k].what,
                   apigen_code_name(expect[k].code), path);
        }
        free(text);
    }
}

static int run_check(void)
{
    apigen_errors errs;
    response r;
    setup();
    printf("document: %zu bytes, %d items\n", doc_len, ITEMS);

    cJSON *j = cJSON_ParseWithLength(doc, doc_len);
    if (!j || cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "data")) != ITEMS)
        fail("bare cJSON parse of the document");
    cJSON_Delete(j);

    if (applivery_create_otp_user_response_200_parse(doc, doc_len, &r, &errs) != 0) {
        fail("generated parse of the document");
    } else {
        check_values(&r);
        applivery_create_otp_user_response_200_free(&r);
        applivery_create_otp_user_response_200_free(&r); /* safe twice */
    }
    check_values(&parsed);
    if (failures == 0)
        printf("check ok: generated parse reads all %d items exactly, +-(2^53-1) included\n",
               ITEMS);

    char *g = print_gen(&parsed), *t = print_tree(&parsed), *b = print_bare(&parsed);
    if (strcmp(g, doc) != 0)
        fail("_print output differs from the document (%zu vs %zu bytes)", strlen(g), doc_len);
    else
        printf("check ok: _print output == document, byte for byte (exact integers)\n");
    if (strcmp(t, doc) != 0)
        fail("_to_json + apigen_json_print output differs from the document");
    else
        printf("check ok: _to_json + apigen_json_print output == document\n");
    printf("info: hand-written cJSON_PrintUnformatted output %s the document (%zu bytes)\n",
           strcmp(b, doc) == 0 ? "==" : "!=", strlen(b));
    free(g);
    free(t);
    free(b);

    check_mutations();
    teardown();
    printf("check: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}

/* ------------------------------------------------------------ time ---- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Times cases a and b in alternating blocks (a, b, a, b, ...), rounds blocks each. A block
 * starts with one untimed run, so that each case is timed in its own steady state (heap
 * layout, caches) rather than in the state the other case left; then BLOCK timed runs.
 * Medians over all timed runs, in ms. */
#define BLOCK 5
static void time_pair(void (*a)(void), void (*b)(void), size_t rounds, double *ma, double *mb)
{
    size_t n = rounds * BLOCK;
    double *ta = malloc(n * sizeof *ta), *tb = malloc(n * sizeof *tb);
    if (!ta || !tb)
        die("out of memory");
    for (size_t r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
            void (*run)(void) = k == 0 ? a : b;
            double *t = (k == 0 ? ta : tb) + r * BLOCK;
            run();
            for (size_t i = 0; i < BLOCK; i++) {
                double t0 = now_ms();
                run();
                t[i] = now_ms() - t0;
            }
        }
    }
    *ma = median(ta, n);
    *mb = median(tb, n);
    free(ta);
    free(tb);
}

static int run_time(size_t rounds)
{
    double pb, pg, wb, wg, wb2, wt;
    setup();
    time_pair(parse_bare, parse_gen, rounds, &pb, &pg);
    time_pair(write_bare, write_gen, rounds, &wb, &wg);
    time_pair(write_bare, write_tree, rounds, &wb2, &wt);
    printf("doc_bytes %zu\nrounds %zu\n", doc_len, rounds);
    printf("parse_bare_ms %.3f\nparse_gen_ms %.3f\nparse_ratio %.3f\n", pb, pg, pg / pb);
    printf("write_bare_ms %.3f\nwrite_gen_ms %.3f\nwrite_ratio %.3f\n", wb, wg, wg / wb);
    printf("write_bare2_ms %.3f\nwrite_tree_ms %.3f\nwrite_tree_ratio %.3f\n", wb2, wt, wt / wb2);
    teardown();
    return 0;
}

/* ------------------------------------------------------------ main ---- */

/* glibc moves its mmap threshold as large blocks come and go, and trims the heap top after
 * large frees, so without this the cost of a case depends on what ran before it (page
 * faults): cJSON_PrintUnformatted measured 4.1 or 7.2 ms by position alone. Fixed
 * thresholds give every case the steady state of a long-running process. */
static void steady_heap(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

int main(int argc, char **argv)
{
    steady_heap();
    if (argc == 2 && strcmp(argv[1], "check") == 0)
        return run_check();
    if (argc == 3 && strcmp(argv[1], "time") == 0) {
        long rounds = strtol(argv[2], NULL, 10);
        if (rounds < 1)
            die("ROUNDS must be positive");
        return run_time((size_t)rounds);
    }
    if (argc == 3 && strcmp(argv[1], "once") == 0) {
        for (size_t k = 0; k < CASE_COUNT; k++) {
            if (strcmp(argv[2], cases[k].name) == 0) {
                setup();
                cases[k].run(); /* warm-up, outside the region */
                bench_region(cases[k].run);
                teardown();
                return 0;
            }
        }
        die("unknown case '%s'", argv[2]);
    }
    if (argc == 3 && strcmp(argv[1], "dump") == 0) {
        FILE *f = fopen(argv[2], "wb");
        size_t len;
        char *text = build_doc(MUT_NONE, 0, &len);
        if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
            die("cannot write %s", argv[2]);
        free(text);
        return 0;
    }
    fprintf(stderr, "usage: bench_codec check | time ROUNDS | once CASE | dump FILE\n");
    return 2;
}
