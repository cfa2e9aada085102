/* test_generator: the generator's own stages on small inputs: name mangling, the spec
 * loader's marks and scalar typing and refusals, the arena, the writer's write-if-changed
 * and streaming, Mustache's computed lists and sink, and the streamed view against the
 * whole one. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "apigen_rt.h"
#include "arena.h"
#include "check_api.h"
#include "export.h"
#include "check.h"
#include "test_io.h"
#include "model.h"
#include "mustache.h"
#include "names.h"
#include "spec_tree.h"
#include "view.h"
#include "vocab.h"
#include "writer.h"

static arena a;

static void snake_case_splits_words_like_a_person_would(void)
{
    CHECK_STR(names_snake(&a, "allowedDownloadsNum"), "allowed_downloads_num");
    CHECK_STR(names_snake(&a, "OtpUser"), "otp_user");
    CHECK_STR(names_snake(&a, "HTTPCode"), "http_code");
    CHECK_STR(names_snake(&a, "full_name"), "full_name");
    CHECK_STR(names_snake(&a, "customField1"), "custom_field1");
    CHECK_STR(names_snake(&a, "full-name"), "full_name");
    CHECK_STR(names_snake(&a, "2fa"), "_2fa");
    CHECK_STR(names_snake(&a, "-2fa"), "_2fa"); /* the first character emitted counts */
    CHECK_STR(names_snake(&a, "$"), "x24");
    /* Acronyms and HTTP field names (README "C names" has this table). */
    CHECK_STR(names_snake(&a, "userID"), "user_id");
    CHECK_STR(names_snake(&a, "userIDs"), "user_ids");
    CHECK_STR(names_snake(&a, "HTMLURL"), "htmlurl"); /* no dictionary: one run of capitals */
    CHECK_STR(names_snake(&a, "htmlURL"), "html_url");
    CHECK_STR(names_snake(&a, "OAuth2Token"), "o_auth2_token");
    CHECK_STR(names_snake(&a, "GitHubUser"), "git_hub_user"); /* no '-': camel case */
    CHECK_STR(names_snake(&a, "X-GitHub-Api-Version"), "x_github_api_version");
    CHECK_STR(names_snake(&a, "x-github-api-version"), "x_github_api_version");
    CHECK_STR(names_snake(&a, "X-RateLimit-Remaining"), "x_ratelimit_remaining");
    CHECK_STR(names_snake(&a, "X-Request-ID"), "x_request_id");
    CHECK_STR(names_snake(&a, "Content-MD5"), "content_md5");
    CHECK_STR(names_snake(&a, "foo-barBaz"), "foo_bar_baz"); /* lower-case word: camel case */
    CHECK_STR(names_snake(&a, "ETag"), "e_tag");             /* no '-' beside it */
    CHECK_STR(names_snake(&a, "If-None-Match"), "if_none_match");
    CHECK_STR(names_snake(&a, "imageURLsList"), "image_urls_list");
    CHECK_STR(names_snake(&a, "DNSsec"), "dn_ssec"); /* "s" then lower case: a new word */
    CHECK_STR(names_upper(&a, "tosAnswer"), "TOS_ANSWER");
}

/* C and C++ reserve identifiers containing "__" (C 7.1.3, C++ [lex.name]); composed names drop a
 * stem's leading '_' and names without letters or digits become hex (attack1 N4). */
static void generated_names_never_contain_a_double_underscore(void)
{
    CHECK_STR(names_snake(&a, "+"), "x2b");
    CHECK_STR(names_snake(&a, "+-"), "x2b2d");
    CHECK_STR(names_snake(&a, ""), "x");
    CHECK_STR(names_upper(&a, "+"), "X2B");
    CHECK_STR(names_join(&a, "has", names_snake(&a, "2faEnabled")), "has_2fa_enabled");
    CHECK_STR(names_join(&a, "DUN_SIGN", names_upper(&a, "2xx")), "DUN_SIGN_2XX");
    CHECK_STR(names_join(&a, "dun_t", "x"), "dun_t_x");
    static const char *const odd[] = {"+", "__a__", "_", "a__b", "2__", "__2", "-_-", "A__B", "_A"};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        const char *j = names_join(&a, "p", names_snake(&a, odd[i]));
        CHECK(strstr(j, "__") == NULL);
        CHECK(strstr(names_join(&a, "P", names_upper(&a, odd[i])), "__") == NULL);
    }
}

static void c_keywords_and_stdbool_names_are_reserved(void)
{
    CHECK(names_reserved("default") == (NAMES_C11 | NAMES_CXX));
    CHECK(names_is_reserved("_Atomic"));
    CHECK(!names_is_reserved("status"));
    CHECK(!names_is_reserved("assert")); /* function-like: a member cannot trigger it */
}

/* One word of each class the table documents, in every dialect generated headers compile in. */
static void reserved_words_cover_c23_gnu_cxx_and_header_macros(void)
{
    static const struct {
        const char *word;
        unsigned why;
    } cases[] = {
        {"constexpr", NAMES_C23},
        {"nullptr", NAMES_C23},
        {"thread_local", NAMES_C23},
        {"static_assert", NAMES_C23},
        {"typeof", NAMES_C23},
        {"bool", NAMES_C23},
        {"true", NAMES_C23},
        {"alignas", NAMES_C23},
        {"typeof_unqual", NAMES_C23},
        {"asm", NAMES_GNU},
        {"typeof", NAMES_GNU},
        {"__attribute__", NAMES_GNU},
        {"linux", NAMES_GNU},
        {"namespace", NAMES_CXX},
        {"private", NAMES_CXX},
        {"template", NAMES_CXX},
        {"class", NAMES_CXX},
        {"new", NAMES_CXX},
        {"delete", NAMES_CXX},
        {"this", NAMES_CXX},
        {"operator", NAMES_CXX},
        {"concept", NAMES_CXX},
        {"requires", NAMES_CXX},
        {"co_await", NAMES_CXX},
        {"char8_t", NAMES_CXX},
        {"and_eq", NAMES_CXX},
        {"errno", NAMES_MACRO},
        {"stdin", NAMES_MACRO},
        {"NULL", NAMES_MACRO},
        {"INT64_MAX", NAMES_MACRO},
        {"CJSON_NESTING_LIMIT", NAMES_MACRO},
        {"int64_t", NAMES_TYPE},
        {"size_t", NAMES_TYPE},
        {"int_least8_t", NAMES_TYPE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if ((names_reserved(cases[i].word) & cases[i].why) == 0) {
            fprintf(stderr, "  '%s' lacks class %#x\n", cases[i].word, cases[i].why);
            CHECK((names_reserved(cases[i].word) & cases[i].why) != 0);
        }
    }
}

static void reserved_table_is_sorted_for_bsearch(void)
{
    for (size_t t = 0; t < 2; t++) {
        for (size_t i = 1; names_reserved_word(t, i) != NULL; i++) {
            const char *prev = names_reserved_word(t, i - 1), *w = names_reserved_word(t, i);
            if (strcmp(prev, w) >= 0) {
                fprintf(stderr, "  '%s' before '%s'\n", prev, w);
                CHECK(strcmp(prev, w) < 0);
            }
            CHECK(names_is_reserved(w));
        }
        CHECK(names_is_reserved(names_reserved_word(t, 0)));
    }
}

static void reserved_words_are_escaped_deterministically(void)
{
    CHECK_STR(names_escape(&a, "typeof"), "typeof_");
    CHECK_STR(names_escape(&a, "status"), "status");
    CHECK_STR(names_escape(&a, "INT_FAST16_MAX"), "INT_FAST16_MAX_");
    CHECK_STR(names_escape_type(&a, "co_await"), "co_await_type");
    CHECK_STR(names_escape_type(&a, "int_least8_t"), "int_least8_t_type");
    CHECK_STR(names_escape_type(&a, "shop_order"), "shop_order");
    /* The escaped forms are never themselves reserved, and names_snake never makes them. */
    for (size_t t = 0; t < 2; t++) {
        for (size_t i = 0; names_reserved_word(t, i) != NULL; i++) {
            const char *w = names_reserved_word(t, i);
            CHECK(!names_is_reserved(names_escape(&a, w)));
            CHECK(!names_is_reserved(names_escape_type(&a, w)));
            CHECK(strcmp(names_snake(&a, names_escape(&a, w)), names_escape(&a, w)) != 0);
        }
    }
}

/* The standard headers' names a user's file may include beside a generated header (attack1
 * N2, N3, N5, N6): macros of <stdlib.h>, <limits.h>, <float.h>, <time.h>; typedefs and
 * functions of <stdlib.h>; POSIX member macros; other targets' predefined macros. Members may
 * spell functions (they are not ordinary identifiers), never macros or typedefs. */
static void standard_header_names_are_reserved(void)
{
    static const char *const ordinary[] = {
        "MB_CUR_MAX",     "MB_LEN_MAX",    "DBL_MANT_DIG",  "FLT_EVAL_METHOD",
        "CLOCKS_PER_SEC", "LONG_LONG_MAX", "div_t",         "aligned_alloc",
        "fpos_t",         "double_t",      "float_t",       "clock_t",
        "time_t",         "quick_exit",    "at_quick_exit", "sig_atomic_t",
        "va_list",        "st_mtime",      "sa_handler",    "sun",
        "sparc",          "mips",          "vax",           "unix",
        "linux",          "i386"};
    for (size_t i = 0; i < sizeof ordinary / sizeof *ordinary; i++) {
        if (!names_is_reserved(ordinary[i]))
            fprintf(stderr, "  not reserved: %s\n", ordinary[i]);
        CHECK(names_is_reserved(ordinary[i]));
    }
    CHECK_STR(names_escape_member(&a, "st_mtime"), "st_mtime_");
    CHECK_STR(names_escape_member(&a, "sun"), "sun_");
    CHECK_STR(names_escape_member(&a, "time_t"), "time_t_");
    CHECK_STR(names_escape_member(&a, "quick_exit"), "quick_exit");
    CHECK_STR(names_escape(&a, "quick_exit"), "quick_exit_");
    CHECK_STR(names_escape_type(&a, "aligned_alloc"), "aligned_alloc_type");
}

static void c_string_literals_escape_what_c_needs(void)
{
    CHECK_STR(names_c_string(&a, "^a\\.b\"c$"), "^a\\\\.b\\\"c$");
    CHECK_STR(names_c_string(&a, "a?"
                                 "?=b"),
              "a?\\?=b"); /* no trigraph */
    CHECK_STR(names_c_string(&a, "x\x01y"), "x\\001y");
    CHECK_STR(names_c_comment(&a, "ends */ here\nnext"), "ends * / here next");
}

static int load(const char *text, spec_file *f, char **msgs)
{
    size_t len;
    FILE *mem = open_memstream(msgs, &len);
    diag d;
    diag_init(&d, mem);
    int rc = spec_load_text(&a, "t.yaml", text, strlen(text), f, &d);
    fclose(mem);
    return rc;
}

static void loader_keeps_one_based_marks(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("a: 1\nb:\n  c: [x, 'y']\n", &f, &msgs) == 0);
    free(msgs);
    node *b = node_get(f.root, "b");
    CHECK(b != NULL && b->line == 3 && b->col == 3);
    node *c = node_get(b, "c");
    CHECK(c != NULL && c->kind == NODE_SEQUENCE && c->count == 2);
    CHECK(c->items[1]->line == 3 && c->items[1]->col == 10);
    CHECK(c->items[1]->style == '\'');
}

static void loader_types_plain_scalars_by_the_yaml_core_schema(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("i: -12\nf: 1.5e3\nb: true\nn: ~\ns: 12abc\nq: '12'\nx: 0x1F\n", &f, &msgs) == 0);
    free(msgs);
    CHECK(node_get(f.root, "i")->type == SCALAR_INT);
    CHECK(node_get(f.root, "f")->type == SCALAR_FLOAT);
    CHECK(node_get(f.root, "b")->type == SCALAR_BOOL);
    CHECK(node_get(f.root, "n")->type == SCALAR_NULL);
    CHECK(node_get(f.root, "s")->type == SCALAR_STRING);
    CHECK(node_get(f.root, "q")->type == SCALAR_STRING);
    CHECK(node_get(f.root, "x")->type == SCALAR_INT);
}

/* YAML anchors and aliases (README "YAML"): an alias shares its anchor's node, the latest
 * anchor of a name wins, and an expansion past the bound, a cycle or an unknown anchor is an
 * error at the alias. */
static void loader_expands_aliases_within_a_bound(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("a: &x [1, 2]\nb: *x\nc: &x 3\nd: *x\n", &f, &msgs) == 0);
    free(msgs);
    CHECK(node_get(f.root, "b") == node_get(f.root, "a") && node_get(f.root, "b")->count == 2);
    CHECK_STR(node_get(f.root, "d")->text, "3");
    CHECK(node_get(f.root, "b")->line == 1); /* marks inside an alias are the anchor's */

    /* A billion laughs: 10 levels of 10 aliases each to the level before, 10^10 values from
     * under 500 bytes. Refused at the alias that passes 10^6 values, without expanding. */
    char text[1024] = "a0: &a0 [l, l, l, l, l, l, l, l, l, l]\n";
    for (int i = 1; i < 10; i++) {
        size_t n = strlen(text);
        n += (size_t)snprintf(text + n, sizeof text - n, "a%d: &a%d [", i, i);
        for (int j = 0; j < 10; j++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s*a%d", j ? ", " : "", i - 1);
        snprintf(text + n, sizeof text - n, "]\n");
    }
    CHECK(load(text, &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:6:45: error: alias '*a4' makes the spec expand to more than 1000000 "
                    "values (aliases expanded); apigen refuses so large an expansion\n");
    free(msgs);
    /* Just under the bound loads: 111,111 values in a5's four levels, 7 aliases to a: 888,893
     * values. */
    CHECK(load("a: &a [&b [&c [&d [&e [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], *e, *e, *e, *e, *e, *e, *e, "
               "*e, *e], *d, *d, *d, *d, *d, *d, *d, *d, *d], *c, *c, *c, *c, *c, *c, *c, *c, "
               "*c], *b, *b, *b, *b, *b, *b, *b, *b, *b]\nb: [*a, *a, *a, *a, *a, *a, *a]\n",
               &f, &msgs) == 0);
    free(msgs);

    CHECK(load("a: &x {b: [*x]}\nc: *y\n", &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:1:12: error: alias '*x' stands inside the value of its own anchor "
                    "'&x': a recursive structure, which a spec cannot hold\n"
                    "t.yaml:2:4: error: alias '*y' names no anchor before it\n");
    free(msgs);
}

static void loader_reports_nesting_deeper_than_64_once(void)
{
    char text[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(text, "[");
    for (int i = 0; i < 100; i++)
        strcat(text, "]");
    spec_file f;
    char *msgs;
    CHECK(load(text, &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:1:65: error: nesting deeper than 64 levels (the rest of the file is "
                    "not read)\n");
    free(msgs);
}

/* libyaml's scanner costs O(depth) per token in flow collections: reading on after the depth
 * error made 40,000 '[' take 4.7 s and 1,000,000 over a minute. The load stops there. */
static void loader_stops_at_the_nesting_error(void)
{
    static const char *const opens[] = {"[", "{a: "};
    for (size_t k = 0; k < 2; k++) {
        size_t n = 1000000, w = strlen(opens[k]);
        char *text = malloc(n * (w + 1) + 16);
        size_t len = (size_t)sprintf(text, "x: ");
        for (size_t i = 0; i < n; i++, len += w)
            memcpy(text + len, opens[k], w);
        for (size_t i = 0; i < n; i++)
            text[len++] = k ? '}' : ']';
        text[len] = '\0';
        spec_file f;
        char *msgs;
        clock_t t0 = clock();
        CHECK(load(text, &f, &msgs) == 1);
        double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
        printf("  %zu levels of '%s': loaded in %.3f s\n", n, opens[k], s);
        CHECK(s < 1.0);
        CHECK(strstr(msgs, "error: nesting deeper than 64 levels") != NULL);
        CHECK(strchr(msgs, '\n') == msgs + strlen(msgs) - 1); /* one diagnostic */
        free(msgs);
        free(text);
    }
}

static void loader_reports_every_duplicate_key(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("a: 1\nb: 2\na: 3\nb: 4\n", &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:3:1: error: duplicate key 'a'\n"
                    "t.yaml:1:1: note: 'a' first appears here\n"
                    "t.yaml:4:1: error: duplicate key 'b'\n"
                    "t.yaml:2:1: note: 'b' first appears here\n");
    free(msgs);
}

static void writer_leaves_unchanged_files_alone(void)
{
    char dir[] = "/tmp/apigen-writer-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/sub/dir/out.c", dir);
    diag d;
    diag_init(&d, stderr);
    CHECK(writer_write(path, "abc", 3, &d) == 1);
    struct stat before;
    CHECK(stat(path, &before) == 0);
    CHECK(writer_write(path, "abc", 3, &d) == 0);
    struct stat after;
    CHECK(stat(path, &after) == 0);
    CHECK(before.st_ino == after.st_ino && before.st_mtime == after.st_mtime);
    CHECK(writer_write(path, "abcd", 4, &d) == 1);
    size_t len;
    char *text = writer_read(path, &len);
    CHECK(text != NULL && len == 4 && memcmp(text, "abcd", 4) == 0);
    free(text);
    CHECK(d.errors == 0);
    remove(path);
    snprintf(path, sizeof path, "%s/sub/dir", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/sub", dir);
    rmdir(path);
    rmdir(dir);
}

static int put_all(const char *path, const char *const *pieces, bool commit, diag *d)
{
    writer_file *w = writer_open(path, d);
    if (w == NULL)
        return -2;
    for (size_t i = 0; pieces[i] != NULL; i++)
        if (writer_put(w, pieces[i], strlen(pieces[i])) != 0)
            break;
    return writer_close(w, commit);
}

static void writer_streams_and_writes_only_from_the_first_difference(void)
{
    char dir[] = "/tmp/apigen-stream-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/out.c", dir);
    diag d;
    diag_init(&d, stderr);
    CHECK(writer_write(path, "hello world", 11, &d) == 1);
    struct stat before, after;
    CHECK(stat(path, &before) == 0);

    CHECK(put_all(path, (const char *const[]){"hello ", "wor", "ld", NULL}, true, &d) == 0);
    CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino);
    CHECK(put_all(path, (const char *const[]){"hello ", "there", NULL}, true, &d) == 1);
    CHECK(test_file_is(path, "hello there"));
    CHECK(put_all(path, (const char *const[]){"hello", NULL}, true, &d) == 1); /* shorter */
    CHECK(test_file_is(path, "hello"));
    CHECK(put_all(path, (const char *const[]){"hel", "lo", "!", NULL}, true, &d) == 1); /* longer */
    CHECK(test_file_is(path, "hello!"));
    CHECK(put_all(path, (const char *const[]){NULL}, true, &d) == 1); /* empty */
    CHECK(test_file_is(path, ""));
    CHECK(put_all(path, (const char *const[]){NULL}, true, &d) == 0);

    /* An incomplete output (a template error mid-way) never replaces the file. */
    CHECK(writer_write(path, "good", 4, &d) == 1);
    CHECK(put_all(path, (const char *const[]){"go", "XX half", NULL}, false, &d) == -1);
    CHECK(test_file_is(path, "good"));
    CHECK(put_all(path, (const char *const[]){"go", NULL}, false, &d) == -1);
    CHECK(test_file_is(path, "good"));
    CHECK(test_dir_entries(dir) == 1); /* no temporary left behind */

    /* A big output in pieces, first equal, then differing near the end. */
    size_t n = 300000;
    char *big = malloc(n + 1);
    CHECK(big != NULL);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 23);
    big[n] = '\0';
    CHECK(writer_write(path, big, n, &d) == 1);
    writer_file *w = writer_open(path, &d);
    for (size_t at = 0; at < n; at += 65536) {
        size_t k = n - at < 65536 ? n - at : 65536;
        if (at + k == n)
            big[n - 1] = '#';
        CHECK(writer_put(w, big + at, k) == 0);
    }
    CHECK(writer_close(w, true) == 1);
    CHECK(test_file_is(path, big));
    free(big);
    CHECK(d.errors == 0);
    remove(path);
    rmdir(dir);
}

static void arena_rewinds_and_hands_out_zeroed_memory(void)
{
    arena t;
    arena_init(&t);
    char *first = arena_strdup(&t, "kept");
    arena_pos m = arena_mark(&t);
    for (int i = 0; i < 200; i++) { /* 8 MB: small blocks, then huge-page blocks */
        unsigned char *p = arena_alloc(&t, 40000);
        bool zero = true;
        for (size_t k = 0; k < 40000; k++)
            zero = zero && p[k] == 0;
        CHECK(zero);
        memset(p, 0xAB, 40000);
    }
    arena_rewind(&t, m);
    CHECK_STR(first, "kept");
    for (int i = 0; i < 3; i++) { /* reused memory comes back zeroed */
        unsigned char *p = arena_alloc(&t, 1000);
        bool zero = true;
        for (size_t k = 0; k < 1000; k++)
            zero = zero && p[k] == 0;
        CHECK(zero);
    }
    CHECK_STR(arena_printf(&t, "%s_%d_%lld_%%_%s", "ab", -42, LLONG_MIN, ""),
              "ab_-42_-9223372036854775808_%_");
    CHECK_STR(arena_printf(&t, "%d%d", INT_MIN, 0), "-21474836480");
    CHECK_STR(arena_printf(&t, "%.2f|%5s|%x", 1.005, "ab", 255), "1.00|   ab|ff");
    arena_free(&t);
}

/* A computed list "xs" of count items {"n": i}, checking that items go back newest first. */
typedef struct lists {
    int count, alive, made, max_alive;
    cJSON *stack[16];
    bool out_of_order;
} lists;

static cJSON *xs_item(void *ctx, const char *name, size_t index)
{
    lists *l = ctx;
    if (strcmp(name, "xs") != 0 || index >= (size_t)l->count || l->alive == 16)
        return NULL;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "n", (double)index);
    l->stack[l->alive++] = o;
    l->made++;
    l->max_alive = l->alive > l->max_alive ? l->alive : l->max_alive;
    return o;
}

static void xs_release(void *ctx, cJSON *item)
{
    lists *l = ctx;
    l->out_of_order |= l->alive == 0 || l->stack[l->alive - 1] != item;
    l->alive--;
    cJSON_Delete(item);
}

typedef struct pieces {
    char *text;
    size_t len, calls;
    bool refuse;
} pieces;

static int collect(void *ctx, const char *data, size_t len)
{
    pieces *p = ctx;
    if (p->refuse)
        return -1;
    p->text = realloc(p->text, p->len + len + 1);
    memcpy(p->text + p->len, data, len);
    p->len += len;
    p->text[p->len] = '\0';
    p->calls++;
    return 0;
}

static int render_lists(const char *tmpl, lists *l, pieces *out)
{
    cJSON *root = cJSON_Parse("{\"title\": \"T\"}");
    mustache_options opt = {
        .item = xs_item, .release = xs_release, .item_ctx = l, .sink = collect, .sink_ctx = out};
    diag d;
    diag_init(&d, stderr);
    int rc = mustache_render_to("t", tmpl, strlen(tmpl), root, &opt, &d);
    cJSON_Delete(root);
    return rc;
}

static void mustache_renders_computed_lists_one_item_at_a_time(void)
{
    lists l = {.count = 3};
    pieces out = {0};
    CHECK(
        render_lists("{{title}}:{{#xs}}{{n}}{{title}},{{/xs}}{{^xs}}none{{/xs}}{{^ys}}no ys{{/ys}}",
                     &l, &out) == 0);
    CHECK_STR(out.text, "T:0T,1T,2T,no ys");
    CHECK(l.alive == 0 && l.max_alive == 1 && !l.out_of_order);
    free(out.text);

    /* Empty list: the inverted section shows. A list nested in itself (a hostile template)
     * has two items alive, released newest first. */
    l = (lists){.count = 0};
    out = (pieces){0};
    CHECK(render_lists("{{#xs}}x{{/xs}}{{^xs}}none{{/xs}}", &l, &out) == 0);
    CHECK_STR(out.text, "none");
    free(out.text);
    l = (lists){.count = 2};
    out = (pieces){0};
    CHECK(render_lists("{{#xs}}[{{#xs}}{{n}}{{/xs}}]{{/xs}}", &l, &out) == 0);
    CHECK_STR(out.text, "[01][01]");
    CHECK(l.alive == 0 && l.max_alive == 2 && !l.out_of_order && l.made == 6);
    free(out.text);
}

static void mustache_streams_to_its_sink_and_stops_when_the_sink_fails(void)
{
    lists l = {.count = 16};
    pieces out = {0};
    /* 16 items of 8 KiB: more than one 64 KiB piece. */
    char tmpl[9000] = "{{#xs}}";
    size_t n = strlen(tmpl);
    memset(tmpl + n, 'x', 8192);
    strcpy(tmpl + n + 8192, "{{/xs}}");
    CHECK(render_lists(tmpl, &l, &out) == 0);
    CHECK(out.len == 16 * 8192 && out.calls >= 2);
    free(out.text);
    l = (lists){.count = 16};
    out = (pieces){.refuse = true};
    CHECK(render_lists(tmpl, &l, &out) == -1);
    CHECK(l.alive == 0 && l.made < 16); /* stopped early, every item released */
    free(out.text);
}

/* The "enum" of the first "format" keyword definition in a JSON Schema document, or NULL. */
static const cJSON *format_enum(const cJSON *j)
{
    for (const cJSON *c = j ? j->child : NULL; c; c = c->next) {
        if (c->string && strcmp(c->string, "format") == 0 && cJSON_IsObject(c) &&
            cJSON_GetObjectItemCaseSensitive(c, "enum"))
            return cJSON_GetObjectItemCaseSensitive(c, "enum");
        /* the string schemas' format: {anyOf: [{enum: [the checked ones]}, {not: ...}]} */
        const cJSON *any = c->string && strcmp(c->string, "format") == 0
                               ? cJSON_GetObjectItemCaseSensitive(c, "anyOf")
                               : NULL;
        const cJSON *first = cJSON_GetArrayItem(any, 0);
        if (cJSON_GetObjectItemCaseSensitive(first, "enum"))
            return cJSON_GetObjectItemCaseSensitive(first, "enum");
        const cJSON *found = format_enum(c);
        if (found)
            return found;
    }
    return NULL;
}

/* The editors' schema of the spec format (schema/apigen-spec.schema.json) as parsed JSON, or NULL;
 * free with cJSON_Delete. */
static cJSON *editor_schema(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/../schema/apigen-spec.schema.json", APIGEN_DEFAULT_TEMPLATES);
    size_t len;
    char *text = writer_read(path, &len);
    cJSON *j = text ? cJSON_Parse(text) : NULL;
    free(text);
    return j;
}

/* The index in the vocabulary of keyword `name`, or KW_COUNT. */
static size_t keyword_index(const char *name)
{
    size_t i = 0;
    while (i < KW_COUNT && strcmp(vocab_keyword_names[i], name) != 0)
        i++;
    return i;
}

/* The editors' schema offers exactly the vocabulary's schema keywords (vocab.h), and refuses
 * on each type exactly the keywords the vocabulary says do not apply to it: a keyword added to
 * one and not the other fails here. default and const are judged by value, not listed. */
static void editor_schema_lists_exactly_the_vocabulary_keywords(void)
{
    cJSON *editor = editor_schema();
    const cJSON *defs = cJSON_GetObjectItemCaseSensitive(editor, "$defs");
    const cJSON *typed = cJSON_GetObjectItemCaseSensitive(defs, "typedSchema");
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(defs, "refSchema");
    const cJSON *groups[] = {cJSON_GetObjectItemCaseSensitive(typed, "properties"),
                             cJSON_GetObjectItemCaseSensitive(ref, "properties")};
    bool offered[KW_COUNT] = {false};
    for (size_t g = 0; g < 2; g++) {
        CHECK(cJSON_IsObject(groups[g]));
        for (const cJSON *k = groups[g] ? groups[g]->child : NULL; k; k = k->next) {
            if (strcmp(k->string, "x-c-name") == 0 || strcmp(k->string, "style") == 0 ||
                strcmp(k->string, "explode") == 0)
                continue; /* a property's C member name (check_schema.c) and a query
                             parameter's style (check_api.c): no schema keywords */
            size_t i = keyword_index(k->string);
            if (i == KW_COUNT)
                fprintf(stderr, "  editor schema keyword '%s' is not in vocab.h\n", k->string);
            CHECK(i < KW_COUNT);
            if (i < KW_COUNT)
                offered[i] = true;
        }
    }
    for (size_t i = 0; i < KW_COUNT; i++) {
        if (!offered[i])
            fprintf(stderr, "  vocab.h keyword '%s' is not in the editor schema\n",
                    vocab_keyword_names[i]);
        CHECK(offered[i]);
    }

    size_t types_seen = 0;
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(typed, "allOf");
    for (const cJSON *rule = all ? all->child : NULL; rule; rule = rule->next) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(rule, "if"),
                                                 "properties"),
                "type"),
            "const");
        schema_type t;
        if (!cJSON_IsString(type) || !schema_type_parse(type->valuestring, &t))
            continue;
        types_seen++;
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(rule, "then"), "properties");
        for (size_t i = 0; i < KW_COUNT; i++) {
            if (i == KW_DEFAULT || i == KW_CONST)
                continue;
            vocab_applies ap = vocab_keyword_applies[i];
            bool applies = ap == VOCAB_EVERY || (ap == VOCAB_STRING && t == TYPE_STRING) ||
                           (ap == VOCAB_NUMBER && (t == TYPE_NUMBER || t == TYPE_INTEGER)) ||
                           (ap == VOCAB_ARRAY && t == TYPE_ARRAY) ||
                           (ap == VOCAB_OBJECT && t == TYPE_OBJECT) ||
                           (ap == VOCAB_ENUMERABLE && (t == TYPE_STRING || t == TYPE_INTEGER));
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(props, vocab_keyword_names[i]);
            bool refused = cJSON_IsFalse(v);
            if (refused == applies)
                fprintf(stderr, "  editor schema, type %s: '%s' should be %s\n", type->valuestring,
                        vocab_keyword_names[i], applies ? "allowed" : "refused (false)");
            CHECK(refused != applies);
        }
    }
    CHECK(types_seen == SCHEMA_TYPE_COUNT);
    cJSON_Delete(editor);
}

/* The functions APIGEN_MODEL_FUNCTIONS(T) of the runtime defines are the vocabulary's model
 * identifiers (vocab.h) minus the descriptor tables, in order: the C names the checker claims for
 * a model are the ones its generated header declares. */
static void runtime_model_functions_are_the_vocabulary_idents(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/runtime/apigen_rt.h", APIGEN_DEFAULT_TEMPLATES);
    size_t len;
    char *text = writer_read(path, &len);
    CHECK(text != NULL);
    const char *p = text ? strstr(text, "#define APIGEN_MODEL_FUNCTIONS(T)") : NULL;
    CHECK(p != NULL);
    const char *end = p;
    while (end && *end && !(end[0] == '\n' && end[-1] != '\\'))
        end++;
    size_t want = 0;
    for (size_t i = 0; i < VOCAB_MODEL_IDENT_COUNT; i++) {
        if (i == MODEL_IDENT_MODEL || i == MODEL_IDENT_FIELDS)
            continue;
        /* the next "T##_name(" in the macro is this row's function */
        const char *fn = p ? strstr(p, "T##_") : NULL;
        while (fn && fn < end && fn[4 + strcspn(fn + 4, "(;,) ")] != '(')
            fn = strstr(fn + 4, "T##_");
        CHECK(fn != NULL && fn < end);
        if (fn == NULL || fn >= end)
            break;
        size_t n = strcspn(fn + 3, "(");
        if (strlen(vocab_model_idents[i]) != n || strncmp(fn + 3, vocab_model_idents[i], n) != 0)
            fprintf(stderr, "  runtime defines T%.*s where vocab.h has T%s\n", (int)n, fn + 3,
                    vocab_model_idents[i]);
        CHECK(strlen(vocab_model_idents[i]) == n && strncmp(fn + 3, vocab_model_idents[i], n) == 0);
        p = fn + 3 + n;
        want++;
    }
    /* and nothing after the last */
    const char *more = p ? strstr(p, "T##_") : NULL;
    while (more && more < end && more[4 + strcspn(more + 4, "(;,) ")] != '(')
        more = strstr(more + 4, "T##_");
    CHECK(more == NULL || more >= end);
    CHECK(want == VOCAB_MODEL_IDENT_COUNT - 2);
    free(text);
}

/* Every format of the runtime's table (APIGEN_FORMATS) is accepted by the checker, reaches the
 * generated rules as its runtime constant and the JSON Schema export under its name; a format
 * outside the table is refused. The checker, view and export have no list of their own. */
static void every_runtime_format_reaches_rules_and_export_and_no_other_is_accepted(void)
{
#define FORMAT_ROW(id, name, check) {name, "APIGEN_FORMAT_" #id},
    static const char *const rows[][2] = {APIGEN_FORMATS(FORMAT_ROW)};
#undef FORMAT_ROW
    size_t n = sizeof rows / sizeof *rows;
    CHECK(n == APIGEN_FORMAT_END - 1);
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text,
                                  "apigen: 1\napi: {name: t}\nschemas:\n  M:\n    type: object\n"
                                  "    properties:\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "      p%zu: {type: string, format: \"%s\"}\n", i, rows[i][0]);
    snprintf(text + len, sizeof text - len,
             "operations:\n  get:\n    method: GET\n    path: /m\n    responses:\n"
             "      \"200\": {schema: {$ref: M}}\n");
    spec_file f;
    spec_api api;
    char *msgs;
    CHECK(load(text, &f, &msgs) == 0);
    free(msgs);
    diag d;
    diag_init(&d, stderr);
    CHECK(spec_check(&a, &f, &api, &d) == 0);
    cJSON *view = view_build(&api, "t.yaml");
    char *view_text = cJSON_PrintUnformatted(view);
    char schema_path[] = "/tmp/apigen-formats-XXXXXX";
    int fd = mkstemp(schema_path);
    CHECK(fd >= 0);
    close(fd);
    writer_file *w = writer_open(schema_path, &d);
    CHECK(w != NULL && export_json_schema(&api, w) == 0 && writer_close(w, true) >= 0);
    size_t schema_len;
    char *exported = writer_read(schema_path, &schema_len);
    CHECK(exported != NULL);
    for (size_t i = 0; i < n; i++) {
        char want[128];
        snprintf(want, sizeof want, ".format = %s", rows[i][1]);
        CHECK(view_text && strstr(view_text, want) != NULL);
        snprintf(want, sizeof want, "\"format\": \"%s\"", rows[i][0]);
        CHECK(exported && strstr(exported, want) != NULL);
    }
    free(exported);
    remove(schema_path);
    cJSON_free(view_text);
    cJSON_Delete(view);

    /* The editors' schema of the spec format (schema/apigen-spec.schema.json) offers exactly the
     * table's formats. */
    char path[512];
    snprintf(path, sizeof path, "%s/../schema/apigen-spec.schema.json", APIGEN_DEFAULT_TEMPLATES);
    size_t editor_len;
    char *editor_text = writer_read(path, &editor_len);
    cJSON *editor = editor_text ? cJSON_Parse(editor_text) : NULL;
    const cJSON *offered = format_enum(editor);
    CHECK(cJSON_IsArray(offered) && (size_t)cJSON_GetArraySize(offered) == n);
    for (size_t i = 0; offered && i < n; i++) {
        const cJSON *item = cJSON_GetArrayItem(offered, (int)i);
        CHECK(cJSON_IsString(item) && strcmp(item->valuestring, rows[i][0]) == 0);
    }
    cJSON_Delete(editor);
    free(editor_text);

    /* A format the runtime does not implement is an annotation (JSON Schema 2020-12 section
     * 7.2): a note, no error. */
    CHECK(load("apigen: 1\napi: {name: t}\noperations:\n  get:\n    method: GET\n"
               "    path: /m\n    responses:\n      \"200\":\n        schema:\n"
               "          type: object\n          properties: {a: {type: string, format: "
               "json-pointer}}\n",
               &f, &msgs) == 0);
    free(msgs);
    FILE *mem = open_memstream(&msgs, &len);
    diag_init(&d, mem);
    CHECK(spec_check(&a, &f, &api, &d) == 0 && d.errors == 0 && d.remarks == 1);
    fclose(mem);
    CHECK(strstr(msgs, "note: format 'json-pointer' is not checked by apigen") != NULL);
    free(msgs);
}

/* The checker's memory for patterns (issue 10, attack Y2): translating a pattern needs a
 * source map and class sets of up to 40 bytes per output byte, and a translation can be 50
 * times its source (`\s`). That work is released per pattern, a repeated pattern is
 * translated once, and a translation past ECMA_MAX_TRANSLATION is refused where it passes
 * it, so what the arena keeps stays a small multiple of the spec. Before: 20 patterns of
 * `\s` x 20,000 (1.2 MB) kept 1.2 GB; 2,000 copies of `[^\S\d]` x 50 (781 KB) 440 MB. */
static size_t checked_arena_bytes(const char *text, int *rc, char **msgs)
{
    arena run;
    arena_init(&run);
    size_t len;
    FILE *mem = open_memstream(msgs, &len);
    diag d;
    diag_init(&d, mem);
    spec_file f;
    spec_api api;
    *rc = spec_load_text(&run, "t.yaml", text, strlen(text), &f, &d);
    if (*rc == 0)
        *rc = spec_check(&run, &f, &api, &d);
    fclose(mem);
    size_t bytes = run.total;
    arena_free(&run);
    return bytes;
}

static char *pattern_spec(size_t props, const char *piece, size_t count, bool distinct)
{
    size_t plen = strlen(piece) * count;
    char *text = malloc(200 + props * (plen + 80));
    size_t n = (size_t)sprintf(text, "apigen: 1\napi: {name: t}\nschemas:\n  T:\n    type: "
                                     "object\n    properties:\n");
    for (size_t i = 0; i < props; i++) {
        n += (size_t)sprintf(text + n, "      p%zu: {type: string, pattern: '", i);
        for (size_t k = 0; k < count; k++)
            n += (size_t)sprintf(text + n, "%s", piece);
        n += (size_t)sprintf(text + n, distinct ? "x{%zu}'}\n" : "'}\n", i + 1);
    }
    sprintf(text + n, "operations:\n  get:\n    method: GET\n    path: /t\n    responses:\n"
                      "      \"200\":\n        schema: {$ref: T}\n");
    return text;
}

static void checker_memory_for_patterns_stays_near_the_spec_size(void)
{
    static const struct {
        size_t props;
        const char *piece;
        size_t pieces;
        bool distinct, valid;
    } cases[] = {
        {20, "\\s", 20000, true, false},      /* refused: translation over 1 MiB */
        {2000, "[^\\S\\d]", 50, false, true}, /* one pattern, 2000 times */
        {200, "[^\\S\\d]", 50, true, true},   /* distinct patterns: each kept */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text =
            pattern_spec(cases[i].props, cases[i].piece, cases[i].pieces, cases[i].distinct);
        int rc;
        char *msgs;
        size_t bytes = checked_arena_bytes(text, &rc, &msgs);
        size_t len = strlen(text);
        printf("  %zu x '%s' x %zu (%zu bytes): rc %d, arena %zu bytes (%.1f x)\n", cases[i].props,
               cases[i].piece, cases[i].pieces, len, rc, bytes, (double)bytes / (double)len);
        CHECK(rc == (cases[i].valid ? 0 : 1));
        if (!cases[i].valid)
            CHECK(strstr(msgs, "too large: its PCRE2 translation passes 1024 KiB") != NULL);
        /* 17 x the input (README, "Bounded input"), plus for distinct valid patterns their
         * translations, which the generated code holds: up to 50 x their text */
        size_t kept = cases[i].valid && cases[i].distinct
                          ? 50 * cases[i].props * strlen(cases[i].piece) * cases[i].pieces
                          : 0;
        CHECK(bytes < 17 * len + kept);
        free(msgs);
        free(text);
    }
}

/* The sink of a rendering into a writer_file. */
static int to_writer(void *ctx, const char *data, size_t len)
{
    return writer_put(ctx, data, len);
}

/* Number bounds and const reach the tables with the spec's own digits, as JSON numbers, for
 * the runtime's exact comparisons (their doubles could not tell 2^53 + 1 from 2^53). */
/* The property named name of named schema `owner` of api. */
static const property *prop_of(const spec_api *api, const char *owner, const char *name)
{
    for (size_t i = 0; i < api->schema_count; i++) {
        const schema *e = schema_effective(api->schemas[i].schema);
        if (strcmp(api->schemas[i].name, owner) != 0 || e == NULL)
            continue;
        for (size_t j = 0; j < e->prop_count; j++)
            if (strcmp(e->props[j].name, name) == 0)
                return &e->props[j];
    }
    return NULL;
}

/* OpenAPI 3.1's nullable reference, anyOf/oneOf [X, {type: "null"}], reads as the node
 * {$ref: X, nullable: true} (the nullable machinery then gives it a C shape); a union with a
 * null alternative is a nullable union; allOf [{$ref: X}, {description}] is X described. */
static void composition_reads_as_the_nodes_the_model_knows(void)
{
    static const char text[] =
        "apigen: 1\napi: {name: comp}\nschemas:\n"
        "  U: {type: object, required: [id], properties: {id: {type: string}}}\n"
        "  H:\n    type: object\n    properties:\n"
        "      a: {anyOf: [{$ref: U}, {type: \"null\"}]}\n"
        "      b: {oneOf: [{type: \"null\"}, {$ref: U}], description: Maybe a U}\n"
        "      c: {oneOf: [{type: string}, {type: integer}, {type: \"null\"}]}\n"
        "      d: {allOf: [{$ref: U}, {description: The U}]}\n"
        "      e: {anyOf: [{type: string, maxLength: 3}, {type: \"null\"}]}\n"
        "operations:\n  op: {method: GET, path: /x, responses: {\"200\": {description: ok}}}\n";
    diag d;
    diag_init(&d, stderr);
    spec_file f;
    spec_api api;
    CHECK(spec_load_text(&a, "comp.yaml", text, strlen(text), &f, &d) == 0);
    CHECK(spec_check(&a, &f, &api, &d) == 0);
    const property *pa = prop_of(&api, "H", "a"), *pb = prop_of(&api, "H", "b");
    const property *pc = prop_of(&api, "H", "c"), *pd = prop_of(&api, "H", "d");
    const property *pe = prop_of(&api, "H", "e");
    CHECK(pa && pb && pc && pd && pe);
    if (!(pa && pb && pc && pd && pe))
        return;
    CHECK(pa->schema->ref_name && strcmp(pa->schema->ref_name, "U") == 0 && pa->schema->nullable);
    CHECK(pb->schema->ref_name && pb->schema->nullable);
    CHECK_STR(pb->schema->description, "Maybe a U");
    CHECK(schema_is_union(pc->schema) && pc->schema->alt_count == 2 && pc->schema->nullable &&
          pc->schema->one_of);
    CHECK(pd->schema->ref_name && !pd->schema->nullable);
    CHECK_STR(pd->schema->description, "The U");
    CHECK(pe->schema->type == TYPE_STRING && pe->schema->nullable && pe->schema->max_length == 3);
}

static void number_bounds_carry_the_spec_digits(void)
{
    char dir[] = "/tmp/apigen-numbers-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/numbers.yaml", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("apigen: 1\napi: {name: numbers}\noperations:\n  create:\n    method: POST\n"
          "    path: /n\n    request:\n      schema:\n        type: object\n"
          "        properties:\n"
          "          a: {type: number, exclusiveMaximum: 9007199254740993, minimum: +007.50}\n"
          "          b: {type: number, const: 1.0e-300}\n"
          "          c: {type: number, minimum: .5, maximum: 0x10}\n"
          "    responses:\n      \"200\": {description: ok}\n",
          f);
    fclose(f);
    diag d;
    diag_init(&d, stderr);
    spec_file file;
    spec_api api;
    CHECK(spec_load_file(&a, path, &file, &d) == 0);
    CHECK(spec_check(&a, &file, &api, &d) == 0);
    cJSON *view = view_build(&api, "numbers.yaml");
    char tpath[512];
    snprintf(tpath, sizeof tpath, "%s/api.c.mustache", APIGEN_DEFAULT_TEMPLATES);
    size_t tlen, out_len;
    char *tmpl = writer_read(tpath, &tlen);
    char *out =
        tmpl ? mustache_render("api.c.mustache", tmpl, tlen, view, NULL, NULL, &d, &out_len) : NULL;
    CHECK(out != NULL);
    if (out != NULL) {
        CHECK(strstr(out, ".maximum_literal = \"9007199254740993\"") != NULL);
        CHECK(strstr(out, ".minimum_literal = \"7.50\"") != NULL);
        CHECK(strstr(out, ".const_literal = \"1.0e-300\"") != NULL);
        CHECK(strstr(out, ".minimum_literal = \"0.5\"") != NULL);
        CHECK(strstr(out, ".maximum_literal = \"16\"") != NULL);
    }
    free(out);
    free(tmpl);
    cJSON_Delete(view);
    remove(path);
    rmdir(dir);
}

static void streamed_view_renders_what_the_whole_view_renders(void)
{
    const char *templates = APIGEN_DEFAULT_TEMPLATES;
    char path[512];
    snprintf(path, sizeof path, "%s/../specs/applivery.yaml", templates);
    diag d;
    diag_init(&d, stderr);
    spec_file f;
    spec_api api;
    CHECK(spec_load_file(&a, path, &f, &d) == 0);
    CHECK(spec_check(&a, &f, &api, &d) == 0);
    const char *names[] = {"api.h.mustache", "api.c.mustache", "api.examples.json.mustache"};
    char dir[] = "/tmp/apigen-view-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char out_path[256];
    snprintf(out_path, sizeof out_path, "%s/out", dir);
    cJSON *whole = view_build(&api, "specs/applivery.yaml");
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", templates, names[i]);
        size_t tlen;
        char *tmpl = writer_read(path, &tlen);
        CHECK(tmpl != NULL);
        size_t want_len;
        char *want = mustache_render(names[i], tmpl, tlen, whole, NULL, NULL, &d, &want_len);
        view_builder *v = view_new(&api, "specs/applivery.yaml");
        cJSON *root = view_root(v);
        writer_file *w = writer_open(out_path, &d);
        mustache_options opt = {.item = view_item,
                                .release = view_release,
                                .item_ctx = v,
                                .sink = to_writer,
                                .sink_ctx = w};
        CHECK(mustache_render_to(names[i], tmpl, tlen, root, &opt, &d) == 0);
        CHECK(writer_close(w, true) >= 0);
        cJSON_Delete(root);
        view_free(v);
        CHECK(want != NULL && want_len > 1000 && test_file_is(out_path, want));
        free(want);
        free(tmpl);
    }
    cJSON_Delete(whole);
    CHECK(d.errors == 0);
    remove(out_path);
    rmdir(dir);
}

int main(void)
{
    arena_init(&a);
    RUN_TEST(snake_case_splits_words_like_a_person_would);
    RUN_TEST(generated_names_never_contain_a_double_underscore);
    RUN_TEST(c_keywords_and_stdbool_names_are_reserved);
    RUN_TEST(reserved_words_cover_c23_gnu_cxx_and_header_macros);
    RUN_TEST(reserved_table_is_sorted_for_bsearch);
    RUN_TEST(reserved_words_are_escaped_deterministically);
    RUN_TEST(standard_header_names_are_reserved);
    RUN_TEST(c_string_literals_escape_what_c_needs);
    RUN_TEST(loader_keeps_one_based_marks);
    RUN_TEST(loader_types_plain_scalars_by_the_yaml_core_schema);
    RUN_TEST(loader_expands_aliases_within_a_bound);
    RUN_TEST(loader_reports_nesting_deeper_than_64_once);
    RUN_TEST(loader_stops_at_the_nesting_error);
    RUN_TEST(loader_reports_every_duplicate_key);
    RUN_TEST(writer_leaves_unchanged_files_alone);
    RUN_TEST(writer_streams_and_writes_only_from_the_first_difference);
    RUN_TEST(arena_rewinds_and_hands_out_zeroed_memory);
    RUN_TEST(mustache_renders_computed_lists_one_item_at_a_time);
    RUN_TEST(mustache_streams_to_its_sink_and_stops_when_the_sink_fails);
    RUN_TEST(streamed_view_renders_what_the_whole_view_renders);
    RUN_TEST(every_runtime_format_reaches_rules_and_export_and_no_other_is_accepted);
    RUN_TEST(editor_schema_lists_exactly_the_vocabulary_keywords);
    RUN_TEST(runtime_model_functions_are_the_vocabulary_idents);
    RUN_TEST(number_bounds_carry_the_spec_digits);
    RUN_TEST(composition_reads_as_the_nodes_the_model_knows);
    RUN_TEST(checker_memory_for_patterns_stays_near_the_spec_size);
    arena_free(&a);
    return check_summary();
}
