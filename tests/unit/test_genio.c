/* test_genio: the generator's input and output edges: what the loader refuses or keeps
 * (NUL, explicit tags, numbers JSON cannot hold, libyaml's error positions, size and density
 * bounds), the diagnostics limit, and the writer's exclusive temporaries and all-or-nothing
 * groups. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "test_io.h"
#include "diag.h"
#include "mustache.h"
#include "spec_tree.h"
#include "json_text.h"
#include "view.h"
#include "writer.h"

static arena a;

/* Loads text; *msgs gets every diagnostic (caller frees). */
static int load(const char *text, size_t len, spec_file *f, char **msgs)
{
    size_t n;
    FILE *mem = open_memstream(msgs, &n);
    diag d;
    diag_init(&d, mem);
    int rc = spec_load_text(&a, "t.yaml", text, len, f, &d);
    fclose(mem);
    return rc;
}

static int load_str(const char *text, spec_file *f, char **msgs)
{
    return load(text, strlen(text), f, msgs);
}

static void loader_refuses_nul_in_every_string_at_its_position(void)
{
    spec_file f;
    char *msgs;
    CHECK(load_str("pattern: \"^a\\0b$\"\n"
                   "enum: [\"p\\x00q\"]\n"
                   "description: 'x'\n"
                   "\"k\\u0000\": 1\n"
                   "example: {v: \"\\U00000000\"}\n",
                   &f, &msgs) == 1);
    CHECK(f.root == NULL);
    const char *want[] = {"t.yaml:1:10: error: a NUL character (\\0) in a YAML string",
                          "t.yaml:2:8: error: a NUL character (\\0) in a YAML string",
                          "t.yaml:4:1: error: a NUL character (\\0) in a mapping key",
                          "t.yaml:5:14: error: a NUL character (\\0) in a YAML string"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        CHECK(strstr(msgs, want[i]) != NULL);
    CHECK(strstr(msgs, "t.yaml:3") == NULL);
    free(msgs);
}

static void loader_keeps_backslash_zero_which_is_no_nul(void)
{
    spec_file f;
    char *msgs;
    /* ECMA-262's \0 in a pattern: backslash and zero, in every scalar style */
    CHECK(load_str("a: '^a\\0b$'\nb: \"^a\\\\0b$\"\nc: ^a\\0b$\n", &f, &msgs) == 0);
    CHECK_STR(msgs, "");
    free(msgs);
    for (const char *k = "abc"; *k; k++) {
        const node *v = node_get(f.root, (char[]){*k, '\0'});
        CHECK(v != NULL && v->len == 6 && strcmp(v->text, "^a\\0b$") == 0);
    }
}

static void loader_lets_explicit_tags_decide_the_type(void)
{
    spec_file f;
    char *msgs;
    CHECK(load_str("a: ! 12\nb: !!int \"12\"\nc: !!float 12\nd: !!str true\ne: !!bool 'false'\n"
                   "f: !!null ''\ng: !!map {x: 1}\nh: !!seq [1]\ni: ! {x: 1}\nj: !!str 1.5\n"
                   "k: !<tag:yaml.org,2002:int> '0x1F'\nl: ! [1]\n",
                   &f, &msgs) == 0);
    CHECK_STR(msgs, "");
    free(msgs);
    struct {
        const char *key;
        scalar_type type;
        const char *json;
    } want[] = {{"a", SCALAR_STRING, "\"12\""},  {"b", SCALAR_INT, "12"},
                {"c", SCALAR_FLOAT, "12"},       {"d", SCALAR_STRING, "\"true\""},
                {"e", SCALAR_BOOL, "false"},     {"f", SCALAR_NULL, "null"},
                {"j", SCALAR_STRING, "\"1.5\""}, {"k", SCALAR_INT, "31"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const node *v = node_get(f.root, want[i].key);
        CHECK(v != NULL && v->kind == NODE_SCALAR && v->type == want[i].type);
        if (v != NULL)
            CHECK_STR(json_value_text(&a, json_value_of_yaml(&a, v)), want[i].json);
    }
    CHECK(node_get(f.root, "g")->kind == NODE_MAPPING);
    CHECK(node_get(f.root, "h")->kind == NODE_SEQUENCE);
    CHECK(node_get(f.root, "i")->kind == NODE_MAPPING);
    CHECK(node_get(f.root, "l")->kind == NODE_SEQUENCE);
}

static void loader_reports_values_that_do_not_fit_their_tag_and_unknown_tags(void)
{
    spec_file f;
    char *msgs;
    CHECK(load_str("- !!int 1.5\n- !!float abc\n- !!bool yes\n- !!null 0\n- !!binary aGk=\n"
                   "- !local 1\n- !!map x\n- !!seq {}\n- !!str []\n- !!int 0x\n",
                   &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:1:3: error: '1.5' is not an integer, as its tag !!int says\n"
                    "t.yaml:2:3: error: 'abc' is not a number, as its tag !!float says\n"
                    "t.yaml:3:3: error: 'yes' is not a boolean (true or false), as its tag "
                    "!!bool says\n"
                    "t.yaml:4:3: error: '0' is not null, as its tag !!null says\n"
                    "t.yaml:5:3: error: unsupported YAML tag '!!binary' (apigen knows !, !!str, "
                    "!!int, !!float, !!bool, !!null, !!map and !!seq)\n"
                    "t.yaml:6:3: error: unsupported YAML tag '!local' (apigen knows !, !!str, "
                    "!!int, !!float, !!bool, !!null, !!map and !!seq)\n"
                    "t.yaml:7:3: error: a scalar cannot have the tag !!map\n"
                    "t.yaml:8:3: error: a mapping cannot have the tag !!seq\n"
                    "t.yaml:9:3: error: a list cannot have the tag !!str\n"
                    "t.yaml:10:3: error: '0x' is not an integer, as its tag !!int says\n");
    free(msgs);
}

static void loader_refuses_numbers_json_or_a_double_cannot_hold(void)
{
    spec_file f;
    char *msgs;
    CHECK(load_str("[61e9540, .inf, -.Inf, +.INF, .nan, .NaN, 1e-400, 0x1FFFFFFFFFFFFFFFFF, "
                   "0o7777777777777777777777, 1e309, !!float 1e999]",
                   &f, &msgs) == 1);
    const char *want[] = {
        "t.yaml:1:2: error: '61e9540' is beyond the range of a double",
        "t.yaml:1:11: error: '.inf' is not a finite number; JSON has no infinities or NaN",
        "t.yaml:1:17: error: '-.Inf' is not a finite number",
        "t.yaml:1:24: error: '+.INF' is not a finite number",
        "t.yaml:1:31: error: '.nan' is not a finite number",
        "t.yaml:1:37: error: '.NaN' is not a finite number",
        "t.yaml:1:43: error: '1e-400' is too close to 0 for a double: it would be read as 0",
        "t.yaml:1:51: error: '0x1FFFFFFFFFFFFFFFFF' does not fit in 64 bits",
        "t.yaml:1:73: error: '0o7777777777777777777777' does not fit in 64 bits",
        "t.yaml:1:99: error: '1e309' is beyond the range of a double",
        "t.yaml:1:106: error: '1e999' is beyond the range of a double",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        CHECK(strstr(msgs, want[i]) != NULL);
    free(msgs);
    /* the extremes a double holds, and integers of any length within its range */
    CHECK(load_str("[1.7976931348623157e308, -1.7976931348623157e308, 4.9e-324, 0.0, -0e5, "
                   "123456789012345678901234567890, 0x7FFFFFFFFFFFFFFF, .5, 5., +1]",
                   &f, &msgs) == 0);
    CHECK_STR(msgs, "");
    free(msgs);
}

/* JSON text is escaped as RFC 8259 section 7 and JSON.stringify do: '"', '\\' and the controls
 * below U+0020 only, with the two-character forms where they exist; DEL and UTF-8 as they are.
 * Doubles take their shortest round-trip spelling. */
static void json_text_escapes_what_rfc_8259_requires_and_nothing_else(void)
{
    const char in[] = "q\" b\\ \b\f\n\r\t \x01\x1f \x7f \xc3\xa9";
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    json_write_string(f, in, sizeof in - 1);
    fclose(f);
    CHECK_STR(out, "\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f \x7f \xc3\xa9\"");
    free(out);
    char esc[8];
    CHECK(json_escape('\0', esc) != NULL && strcmp(esc, "\\u0000") == 0);
    CHECK(json_escape(' ', esc) == NULL && json_escape(0x7f, esc) == NULL);
    char buf[JSON_DOUBLE_MAX];
    CHECK_STR(json_double_text(0.1, buf), "0.1");
    CHECK_STR(json_double_text(85, buf), "85");
    CHECK_STR(json_double_text(-0.0, buf), "-0");
    CHECK_STR(json_double_text(0.30000000000000004, buf), "0.30000000000000004");
    CHECK_STR(json_double_text(1e300, buf), "1e+300");
    CHECK_STR(json_double_text(9007199254740993.0, buf), "9007199254740992");
}

static void examples_keep_the_digits_of_integers(void)
{
    /* A double holds none of these exactly; examples.json must carry them as written. */
    const char *ints[] = {"9223372036854775807", "-9223372036854775808", "9007199254740993",
                          "12345678901234567890", "-123456789012345678901234567890"};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        spec_file f;
        char *msgs;
        CHECK(load_str(ints[i], &f, &msgs) == 0);
        free(msgs);
        CHECK(f.root != NULL && f.root->type == SCALAR_INT);
        if (f.root != NULL)
            CHECK_STR(json_value_text(&a, json_value_of_yaml(&a, f.root)), ints[i]);
    }
    spec_file f;
    char *msgs;
    CHECK(load_str("[+12, 007, -0, 0x10, 0o17]", &f, &msgs) == 0);
    free(msgs);
    CHECK_STR(json_value_text(&a, json_value_of_yaml(&a, f.root)), "[12,7,0,16,15]");
}

static void loader_reports_reader_errors_at_the_offending_byte(void)
{
    spec_file f;
    char *msgs;
    CHECK(load_str("a: b\nc: d\xff\n", &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:2:5: error: invalid leading UTF-8 octet (byte 0xFF)\n");
    free(msgs);
    /* columns count characters, as libyaml's do: "é" is one */
    CHECK(load_str("a: \xc3\xa9\x01\n", &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:1:5: error: control characters are not allowed (byte 0x01)\n");
    free(msgs);
    CHECK(load_str("\xef\xbb\xbf"
                   "a: 1\r\nb: \xc3\x28\n",
                   &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:2:5: error: invalid trailing UTF-8 octet (byte 0x28)\n"); /* at 0x28 */
    free(msgs);
}

static void loader_gives_byte_offsets_after_non_ascii_text(void)
{
    /* libyaml counts characters; source_offset is a byte offset (pattern columns use it) */
    const char *texts[] = {"a: \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\nb: 'x'\nc: [\xc3\xa9, y]\n",
                           "\xef\xbb\xbf"
                           "a: \xc3\xa9\nb: 'x'\nc: [\xc3\xa9, y]\n"};
    for (size_t i = 0; i < 2; i++) {
        spec_file f;
        char *msgs;
        CHECK(load_str(texts[i], &f, &msgs) == 0);
        free(msgs);
        const node *b = node_get(f.root, "b"), *c = node_get(f.root, "c");
        CHECK(b != NULL && f.source[b->source_offset] == '\'' && b->col == 4);
        CHECK(c != NULL && c->count == 2 && f.source[c->items[1]->source_offset] == 'y' &&
              c->items[1]->col == 8);
    }
}

static void loader_names_a_tab_in_indentation(void)
{
    spec_file f;
    char *msgs;
    CHECK(load_str("api:\n\tname: x\n", &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:2:1: error: found a tab character where YAML expects indentation or "
                    "a token; YAML does not allow tabs in indentation: indent with spaces\n"
                    "t.yaml:2:1: note: while scanning for the next token\n");
    free(msgs);
    /* other scanner errors keep libyaml's words and marks */
    CHECK(load_str("a: [b\nc: d\n", &f, &msgs) == 1);
    CHECK(strncmp(msgs, "t.yaml:2:2: error: did not find expected ',' or ']'\n", 50) == 0);
    free(msgs);
}

static void loader_keeps_counting_errors_after_the_tree_is_dropped(void)
{
    spec_file f;
    char *msgs;
    CHECK(load_str("x: &a 1\ny: [*b, *b, {k: 1, k: 2}, [.inf]]\nz: 1\nz: 2\n", &f, &msgs) == 1);
    CHECK(f.root == NULL);
    CHECK_STR(msgs, "t.yaml:2:5: error: alias '*b' names no anchor before it\n"
                    "t.yaml:2:9: error: alias '*b' names no anchor before it\n"
                    "t.yaml:2:20: error: duplicate key 'k'\n"
                    "t.yaml:2:14: note: 'k' first appears here\n"
                    "t.yaml:2:28: error: '.inf' is not a finite number; JSON has no infinities "
                    "or NaN\n"
                    "t.yaml:4:1: error: duplicate key 'z'\n"
                    "t.yaml:3:1: note: 'z' first appears here\n");
    free(msgs);
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void loader_refuses_a_file_denser_than_its_node_budget(void)
{
    size_t items = 400000; /* "1," each: 2 bytes per node, the budget is 1 per 4 (+65536) */
    size_t len = 2 * items + 2;
    char *text = malloc(len + 1);
    CHECK(text != NULL);
    text[0] = '[';
    for (size_t i = 0; i < items; i++)
        memcpy(text + 1 + 2 * i, "1,", 2);
    text[len - 2] = '1';
    text[len - 1] = ']';
    text[len] = '\0';
    spec_file f;
    char *msgs;
    CHECK(load(text, len, &f, &msgs) == 1);
    CHECK(strstr(msgs, "t.yaml:1:") == msgs);
    CHECK(strstr(msgs, "error: the spec holds more than 265536 YAML values (one per 4 bytes on "
                       "average); apigen refuses so dense a file") != NULL);
    CHECK(f.root == NULL);
    free(msgs);
    /* half as dense: fine */
    for (size_t i = 0; i < items; i++)
        memcpy(text + 1 + 2 * i, i % 2 ? "  " : "1,", 2);
    text[len - 2] = '1';
    CHECK(load(text, len, &f, &msgs) == 0);
    CHECK_STR(msgs, "");
    CHECK(f.root != NULL && f.root->count == items / 2 + 1);
    free(msgs);
    free(text);
}

static void loader_refuses_files_over_the_size_limit_without_reading_them(void)
{
    char path[] = "/tmp/apigen-big-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(ftruncate(fd, (off_t)SPEC_MAX_BYTES + 1) == 0); /* sparse: no disk used */
    close(fd);
    long before = max_rss_kb();
    char *msgs;
    size_t n;
    FILE *mem = open_memstream(&msgs, &n);
    diag d;
    diag_init(&d, mem);
    spec_file f;
    CHECK(spec_load_file(&a, path, &f, &d) == 1);
    fclose(mem);
    CHECK(strstr(msgs, "error: the spec is larger than 67108864 bytes (64 MiB), the most apigen "
                       "reads\n") != NULL);
    CHECK(max_rss_kb() - before < 16 * 1024); /* it was not read */
    free(msgs);
    /* at the limit, and full of NUL bytes: read, and refused by libyaml's reader at once */
    CHECK(truncate(path, (off_t)SPEC_MAX_BYTES) == 0);
    mem = open_memstream(&msgs, &n);
    diag_init(&d, mem);
    CHECK(spec_load_file(&a, path, &f, &d) == 1);
    fclose(mem);
    CHECK(strstr(msgs, "larger than") == NULL && strstr(msgs, "1:1: error:") != NULL);
    free(msgs);
    unlink(path);
}

static void diag_shows_the_first_errors_and_counts_the_rest(void)
{
    char *out;
    size_t n;
    FILE *mem = open_memstream(&out, &n);
    diag d;
    diag_init(&d, mem);
    CHECK(d.max_errors == DIAG_DEFAULT_MAX_ERRORS);
    d.max_errors = 3;
    diag_hold(&d);
    for (int i = 5; i >= 1; i--) {
        diag_error(&d, "f.yaml", i, 1, "error %d", i);
        diag_note(&d, "f.yaml", i, 2, "note %d", i);
    }
    /* another thread's diagnostics obey the same limit */
    diag other;
    diag_init(&other, mem);
    diag_hold(&other);
    diag_error(&other, "f.yaml", 9, 1, "error 9");
    diag_take(&d, &other);
    CHECK(d.errors == 6 && d.suppressed == 3 && d.count == 3);
    diag_flush(&d);
    fclose(mem);
    CHECK_STR(out, "f.yaml:3:1: error: error 3\nf.yaml:3:2: note: note 3\n"
                   "f.yaml:4:1: error: error 4\nf.yaml:4:2: note: note 4\n"
                   "f.yaml:5:1: error: error 5\nf.yaml:5:2: note: note 5\n"
                   "apigen: 3 more errors not shown (the limit is 3: --max-errors N)\n");
    free(out);

    /* Millions of errors cost a fixed amount of memory. */
    mem = open_memstream(&out, &n);
    diag_init(&d, mem);
    diag_hold(&d);
    long before = max_rss_kb();
    for (int i = 0; i < 2000000; i++)
        diag_error(&d, "f.yaml", i + 1, 1, "YAML aliases are not supported in specs");
    CHECK(max_rss_kb() - before < 8 * 1024);
    diag_flush(&d);
    fclose(mem);
    CHECK(d.errors == 2000000 && n < 20000);
    CHECK(strstr(out, "apigen: 1999900 more errors not shown") != NULL);
    free(out);

    /* 0: no limit */
    mem = open_memstream(&out, &n);
    diag_init(&d, mem);
    d.max_errors = 0;
    for (int i = 0; i < 150; i++)
        diag_error(&d, "f.yaml", 1, 1, "e");
    fclose(mem);
    CHECK(d.suppressed == 0 && strstr(out, "more errors") == NULL);
    free(out);
}

static void writer_never_writes_through_a_planted_symlink(void)
{
    char dir[] = "/tmp/apigen-link-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256], victim[256], link_name[300];
    snprintf(path, sizeof path, "%s/out.c", dir);
    snprintf(victim, sizeof victim, "%s/victim", dir);
    diag d;
    diag_init(&d, stderr);
    CHECK(writer_write(victim, "precious", 8, &d) == 1);
    /* the name apigen used to write through: "<out>.tmp<PID>" */
    snprintf(link_name, sizeof link_name, "%s.tmp%ld", path, (long)getpid());
    CHECK(symlink(victim, link_name) == 0);
    CHECK(writer_write(path, "generated", 9, &d) == 1);
    CHECK(test_file_is(victim, "precious"));
    CHECK(test_file_is(path, "generated"));
    CHECK(writer_write(path, "generated again", 15, &d) == 1); /* over an existing file too */
    CHECK(test_file_is(victim, "precious"));
    struct stat st;
    CHECK(lstat(link_name, &st) == 0 && S_ISLNK(st.st_mode)); /* left alone */
    CHECK(test_dir_entries(dir) == 3);
    CHECK(d.errors == 0);
    unlink(link_name);
    unlink(victim);
    unlink(path);
    rmdir(dir);
}

/* A writer for path whose output is text, finished. */
static writer_file *finished(const char *path, const char *text, diag *d, int want)
{
    writer_file *w = writer_open(path, d);
    CHECK(w != NULL);
    CHECK(writer_put(w, text, strlen(text)) == 0);
    CHECK(writer_finish(w, true) == want);
    return w;
}

/* Removes the temporaries of dir whose names start with prefix (the rename of that output then
 * fails during writer_commit). */
static void drop_temporaries(const char *dir, const char *prefix)
{
    DIR *dd = opendir(dir);
    CHECK(dd != NULL);
    for (struct dirent *e; dd && (e = readdir(dd)) != NULL;)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            char t[512];
            snprintf(t, sizeof t, "%s/%s", dir, e->d_name);
            CHECK(unlink(t) == 0);
        }
    if (dd)
        closedir(dd);
}

static void writer_replaces_a_group_of_files_all_or_nothing(void)
{
    char dir[] = "/tmp/apigen-group-XXXXXX", paths[3][256];
    CHECK(mkdtemp(dir) != NULL);
    const char *names[] = {"api.h", "api.c", "api.json"};
    for (size_t i = 0; i < 3; i++)
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
    const char *p1 = paths[0], *p2 = paths[1], *p3 = paths[2];
    diag d;
    diag_init(&d, stderr);
    diag_hold(&d);
    CHECK(writer_write(p1, "old h", 5, &d) == 1);
    CHECK(writer_write(p2, "old c", 5, &d) == 1);
    struct stat st1;
    CHECK(stat(p1, &st1) == 0);

    /* one output incomplete (a template error): nothing is replaced */
    writer_file *g[3];
    g[0] = finished(p1, "new h", &d, 1);
    g[1] = writer_open(p2, &d);
    CHECK(writer_put(g[1], "new c, half", 11) == 0);
    CHECK(writer_finish(g[1], false) == -1);
    g[2] = finished(p3, "new json", &d, 1);
    CHECK(writer_commit(g, 3, true) == -1);
    CHECK(test_file_is(p1, "old h") && test_file_is(p2, "old c") && access(p3, F_OK) != 0);
    CHECK(test_dir_entries(dir) == 2);

    /* a rename that fails part-way: the files already replaced come back */
    g[0] = finished(p1, "new h", &d, 1);
    g[1] = finished(p2, "new c", &d, 1);
    g[2] = finished(p3, "new json", &d, 1);
    CHECK(test_dir_entries(dir) == 5);
    drop_temporaries(dir, "api.json.tmp"); /* p3's rename fails */
    CHECK(writer_commit(g, 3, true) == -1);
    CHECK(test_file_is(p1, "old h") && test_file_is(p2, "old c") && access(p3, F_OK) != 0);
    struct stat again;
    CHECK(stat(p1, &again) == 0 && again.st_ino == st1.st_ino); /* the very same file */
    CHECK(test_dir_entries(dir) == 2);
    CHECK(d.errors == 1);

    /* all complete: every changed file is replaced, an unchanged one is not touched */
    g[0] = finished(p1, "old h", &d, 0);
    g[1] = finished(p2, "new c", &d, 1);
    g[2] = finished(p3, "new json", &d, 1);
    CHECK(writer_commit(g, 3, true) == 2);
    CHECK(test_file_is(p1, "old h") && test_file_is(p2, "new c") && test_file_is(p3, "new json"));
    CHECK(stat(p1, &again) == 0 && again.st_ino == st1.st_ino && again.st_mtime == st1.st_mtime);
    CHECK(test_dir_entries(dir) == 3);

    /* commit false discards */
    g[0] = finished(p1, "x", &d, 1);
    CHECK(writer_commit(g, 1, false) == -1);
    CHECK(test_file_is(p1, "old h") && test_dir_entries(dir) == 3);
    diag_flush(&d);
    unlink(p1);
    unlink(p2);
    unlink(p3);
    rmdir(dir);
}

/* A file an earlier version wrote (outputs.def's retired rows) goes with the group's commit,
 * all or nothing: back, the same file, when a later rename fails; a symlink goes as a name. */
static void writer_removes_a_retired_file_with_the_group(void)
{
    char dir[] = "/tmp/apigen-retire-XXXXXX", p1[256], old[256], p3[256], outside[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(p1, sizeof p1, "%s/api.h", dir);
    snprintf(old, sizeof old, "%s/old_rt.c", dir);
    snprintf(p3, sizeof p3, "%s/api.json", dir);
    snprintf(outside, sizeof outside, "%s.target", dir);
    diag d;
    diag_init(&d, stderr);
    diag_hold(&d);
    CHECK(writer_write(p1, "old h", 5, &d) == 1);
    CHECK(writer_write(old, "old runtime", 11, &d) == 1);
    struct stat st_old, again;
    CHECK(stat(old, &st_old) == 0);

    /* a rename after the removal fails: the removed file comes back */
    writer_file *g[3];
    g[0] = finished(p1, "new h", &d, 1);
    g[1] = writer_open_removal(old, &d);
    CHECK(g[1] != NULL && !writer_failed(g[1]));
    g[2] = finished(p3, "new json", &d, 1);
    drop_temporaries(dir, "api.json.tmp");
    CHECK(writer_commit(g, 3, true) == -1);
    CHECK(test_file_is(p1, "old h") && test_file_is(old, "old runtime") && access(p3, F_OK) != 0);
    CHECK(stat(old, &again) == 0 && again.st_ino == st_old.st_ino); /* the very same file */
    CHECK(test_dir_entries(dir) == 2 && d.errors == 1);

    /* commit false: nothing is removed */
    g[0] = finished(p1, "new h", &d, 1);
    g[1] = writer_open_removal(old, &d);
    CHECK(writer_commit(g, 2, false) == -1);
    CHECK(test_file_is(p1, "old h") && test_file_is(old, "old runtime"));
    CHECK(test_dir_entries(dir) == 2);

    /* a directory swapped in after the writer was opened: an error, nothing replaced */
    g[0] = finished(p1, "new h", &d, 1);
    g[1] = writer_open_removal(old, &d);
    CHECK(rename(old, p3) == 0 && mkdir(old, 0777) == 0);
    CHECK(writer_commit(g, 2, true) == -1);
    CHECK(test_file_is(p1, "old h") && rmdir(old) == 0 && rename(p3, old) == 0);
    CHECK(test_dir_entries(dir) == 2 && d.errors == 2);

    /* a directory at the name: not removed (it may hold the user's files), an error */
    CHECK(rename(old, p3) == 0 && mkdir(old, 0777) == 0);
    g[0] = writer_open_removal(old, &d);
    CHECK(g[0] != NULL && writer_failed(g[0]) && d.errors == 3);
    CHECK(writer_commit(g, 1, true) == -1);
    CHECK(rmdir(old) == 0 && rename(p3, old) == 0);

    /* success: removed, counted with the replaced files; an unchanged file is not touched */
    g[0] = finished(p1, "old h", &d, 0);
    g[1] = writer_open_removal(old, &d);
    CHECK(writer_commit(g, 2, true) == 1);
    CHECK(access(old, F_OK) != 0 && test_dir_entries(dir) == 1);

    /* nothing there: nothing to do */
    g[0] = writer_open_removal(old, &d);
    CHECK(g[0] != NULL && writer_commit(g, 1, true) == 0);

    /* a symlink (to a file, to a folder): the link goes, its target stays */
    CHECK(writer_write(outside, "precious", 8, &d) == 1);
    CHECK(symlink(outside, old) == 0);
    g[0] = writer_open_removal(old, &d);
    CHECK(writer_commit(g, 1, true) == 1);
    CHECK(lstat(old, &again) != 0 && test_file_is(outside, "precious"));
    CHECK(symlink(dir, old) == 0);
    g[0] = writer_open_removal(old, &d);
    CHECK(writer_commit(g, 1, true) == 1);
    CHECK(lstat(old, &again) != 0 && test_dir_entries(dir) == 1);
    CHECK(d.errors == 3);
    diag_flush(&d);
    unlink(outside);
    unlink(p1);
    rmdir(dir);
}

/* A FIFO is neither opened (that blocked writer_open for ever: fopen waits for a writer) nor
 * replaced (a rename over a FIFO or device replaces the node: /dev/null, as root): refused,
 * reported, left as it was, no temporary beside it. */
static void writer_refuses_a_fifo_without_opening_it(void)
{
    char dir[] = "/tmp/apigen-fifo-XXXXXX", path[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/out.h", dir);
    diag d;
    diag_init(&d, stderr);
    alarm(20); /* a hang fails the test instead of stalling the suite */
    CHECK(mkfifo(path, 0666) == 0);
    CHECK(writer_write(path, "generated", 9, &d) == -1);
    alarm(0);
    struct stat st;
    CHECK(lstat(path, &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK(test_dir_entries(dir) == 1 && d.errors == 1);
    unlink(path);
    rmdir(dir);
}

/* A run killed by SIGKILL leaves its temporaries: the next run holding the folder's lock
 * removes those of its outputs ("<path>.tmp" and 16 hex digits), and nothing else. */
static void writer_removes_what_a_killed_run_left(void)
{
    char dir[] = "/tmp/apigen-stale-XXXXXX", path[256], stale[300], other[300], near[300];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/out.h", dir);
    snprintf(stale, sizeof stale, "%s.tmp0123456789abcdef", path);
    snprintf(other, sizeof other, "%s.tmp0123456789abcdeg", path);    /* not 16 hex digits */
    snprintf(near, sizeof near, "%s/out.c.tmp0123456789abcdef", dir); /* another output's */
    diag d;
    diag_init(&d, stderr);
    CHECK(writer_write(stale, "x", 1, &d) == 1 && writer_write(other, "x", 1, &d) == 1 &&
          writer_write(near, "x", 1, &d) == 1);
    CHECK(writer_write(path, "generated", 9, &d) == 1); /* no lock held: nothing removed */
    CHECK(test_dir_entries(dir) == 4);
    writer_lock *l = writer_lock_take(dir, &d);
    CHECK(l != NULL);
    writer_file *w = writer_open(path, &d);
    CHECK(w != NULL && writer_put(w, "generated", 9) == 0 && writer_finish(w, true) == 0);
    CHECK(writer_commit(&w, 1, true) == 0);
    writer_lock_release(l);
    struct stat st;
    CHECK(lstat(stale, &st) != 0 && lstat(other, &st) == 0 && lstat(near, &st) == 0);
    CHECK(test_dir_entries(dir) == 3 && d.errors == 0);
    unlink(other);
    unlink(near);
    unlink(path);
    rmdir(dir);
}

static void writer_stops_when_interrupted(void)
{
    char dir[] = "/tmp/apigen-intr-XXXXXX", path[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/out.c", dir);
    diag d;
    diag_init(&d, stderr);
    CHECK(writer_write(path, "old", 3, &d) == 1);
    writer_file *w = writer_open(path, &d);
    CHECK(writer_put(w, "new, ", 5) == 0); /* the temporary exists */
    CHECK(test_dir_entries(dir) == 2);
    writer_interrupted = 15;
    CHECK(writer_put(w, "more", 4) == -1);
    CHECK(writer_finish(w, true) == -1);
    CHECK(writer_commit(&w, 1, true) == -1);
    CHECK(test_file_is(path, "old") && test_dir_entries(dir) == 1);
    writer_interrupted = 0;
    writer_file *w2 = writer_open(path, &d); /* finished before the signal, committed after */
    CHECK(writer_put(w2, "new", 3) == 0);
    CHECK(writer_finish(w2, true) == 1);
    writer_interrupted = 15;
    CHECK(writer_commit(&w2, 1, true) == -1);
    writer_interrupted = 0;
    CHECK(test_file_is(path, "old") && test_dir_entries(dir) == 1);
    CHECK(d.errors == 0); /* the caller reports the signal */
    unlink(path);
    rmdir(dir);
}

/* The lock of an output folder: exclusive across processes, and no file left behind. */
static void writer_lock_is_exclusive_and_leaves_no_file(void)
{
    char dir[] = "/tmp/apigen-lock-XXXXXX", lock_path[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(lock_path, sizeof lock_path, "%s/sub/%s", dir, WRITER_LOCK_NAME);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    diag d;
    diag_init(&d, stderr);
    int go[2], ready[2];
    CHECK(pipe(go) == 0 && pipe(ready) == 0);
    pid_t child = fork(); /* before the lock: a child would inherit the lock's descriptor */
    if (child == 0) {     /* takes the lock once the parent lets go, and says so */
        char c;
        writer_lock *held = read(go[0], &c, 1) == 1 ? writer_lock_take(sub, &d) : NULL;
        char got = held != NULL ? 'y' : 'n';
        _exit(write(ready[1], &got, 1) == 1 && held != NULL ? 0 : 1);
    }
    CHECK(child > 0);
    if (child < 0)
        return;
    alarm(20); /* a lock that never comes fails the test instead of stalling the suite */
    close(ready[1]);
    writer_lock *l = writer_lock_take(sub, &d); /* creates the folder */
    CHECK(l != NULL && access(lock_path, F_OK) == 0);
    CHECK(write(go[1], "g", 1) == 1);
    nanosleep(&(struct timespec){.tv_nsec = 200000000}, NULL);
    struct pollfd p = {.fd = ready[0], .events = POLLIN};
    CHECK(poll(&p, 1, 0) == 0); /* still waiting */
    writer_lock_release(l);
    char got = 0;
    CHECK(read(ready[0], &got, 1) == 1 && got == 'y');
    int status;
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(ready[0]);
    close(go[0]);
    close(go[1]);
    alarm(0);
    CHECK(access(lock_path, F_OK) == 0); /* the child died holding it: a file stays behind, */
    l = writer_lock_take(sub, &d);       /* but is no lock */
    CHECK(l != NULL);
    writer_lock_release(l);
    CHECK(access(lock_path, F_OK) != 0 && d.errors == 0);
    rmdir(sub);
    rmdir(dir);
}

static void mustache_matches_a_tag_name_holding_nul_to_no_member(void)
{
    /* Found by fuzz_mustache: "a\0bc" was compared to the member "a" with strncmp, which
     * stops at the NUL, and then read "a"[4]. */
    cJSON *view = cJSON_Parse("{\"a\": \"A\", \"p\": \"x\"}");
    CHECK(view != NULL);
    const char tmpl[] = "[{{a\0bc}}][{{a}}][{{#a\0}}s{{/a\0}}][{{>*p\0\0\0\0\0\0\0\0}}]";
    diag d;
    diag_init(&d, stderr);
    size_t len = 0;
    char *out = mustache_render("t", tmpl, sizeof tmpl - 1, view, NULL, NULL, &d, &len);
    CHECK(out != NULL);
    if (out != NULL)
        CHECK_STR(out, "[][A][][]");
    free(out);
    cJSON_Delete(view);
}

int main(void)
{
    arena_init(&a);
    RUN_TEST(loader_refuses_nul_in_every_string_at_its_position);
    RUN_TEST(loader_keeps_backslash_zero_which_is_no_nul);
    RUN_TEST(loader_lets_explicit_tags_decide_the_type);
    RUN_TEST(loader_reports_values_that_do_not_fit_their_tag_and_unknown_tags);
    RUN_TEST(loader_refuses_numbers_json_or_a_double_cannot_hold);
    RUN_TEST(examples_keep_the_digits_of_integers);
    RUN_TEST(json_text_escapes_what_rfc_8259_requires_and_nothing_else);
    RUN_TEST(loader_reports_reader_errors_at_the_offending_byte);
    RUN_TEST(loader_gives_byte_offsets_after_non_ascii_text);
    RUN_TEST(loader_names_a_tab_in_indentation);
    RUN_TEST(loader_keeps_counting_errors_after_the_tree_is_dropped);
    RUN_TEST(loader_refuses_a_file_denser_than_its_node_budget);
    RUN_TEST(loader_refuses_files_over_the_size_limit_without_reading_them);
    RUN_TEST(diag_shows_the_first_errors_and_counts_the_rest);
    RUN_TEST(writer_never_writes_through_a_planted_symlink);
    RUN_TEST(writer_replaces_a_group_of_files_all_or_nothing);
    RUN_TEST(writer_removes_a_retired_file_with_the_group);
    RUN_TEST(writer_refuses_a_fifo_without_opening_it);
    RUN_TEST(writer_removes_what_a_killed_run_left);
    RUN_TEST(writer_stops_when_interrupted);
    RUN_TEST(writer_lock_is_exclusive_and_leaves_no_file);
    RUN_TEST(mustache_matches_a_tag_name_holding_nul_to_no_member);
    arena_free(&a);
    return check_summary();
}
