/* test_mustache_spec.c: the Mustache renderer, two ways.
 *   test_mustache_spec checks APIGEN       the exact diagnostics for template errors, a few
 *                                          renderer-specific behaviours, and `apigen render`
 *                                          on the project's own cases; needs no external suite.
 *   test_mustache_spec SUITE_DIR [APIGEN]  every case of the official Mustache spec suite (JSON
 *                                          form) in-process and, given APIGEN, through
 *                                          `apigen render`; exits 77 (a CTest skip) when
 *                                          SUITE_DIR is absent. */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "../test_io.h"
#include "mustache.h"

/* The suite's files and how many cases they hold together (see testsuites/README.md). */
static const char *const SPEC_FILES[] = {
    "comments.json", "delimiters.json", "interpolation.json",  "inverted.json",
    "partials.json", "sections.json",   "~dynamic-names.json", "~inheritance.json",
};
#define SPEC_FILE_COUNT (sizeof SPEC_FILES / sizeof *SPEC_FILES)
#define SPEC_CASES      184

/* One case of the suite; the pointers are into its parsed file. */
typedef struct spec_case {
    const char *file, *name, *tmpl, *expected;
    const cJSON *data, *partials;
} spec_case;

/* ---- helpers --------------------------------------------------------------------------- */

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return false;
    size_t n = strlen(text);
    bool ok = fwrite(text, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

/* Prints s[0..n) as a C string literal body, so whitespace differences show. */
static void print_quoted(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void report_failure(const spec_case *sc, const char *mode, const char *actual,
                           size_t actual_len, const char *extra)
{
    fprintf(stderr, "FAIL [%s] %s: %s\n  expected: ", mode, sc->file, sc->name);
    print_quoted(stderr, sc->expected, strlen(sc->expected));
    fputs("\n  actual:   ", stderr);
    if (actual)
        print_quoted(stderr, actual, actual_len);
    else
        fputs("(no output)", stderr);
    fputc('\n', stderr);
    if (extra != NULL && extra[0] != '\0')
        fprintf(stderr, "  messages: %s", extra);
}

/* Suite results per mode: [0] in-process, [1] through `apigen render`. */
static int suite_passed[2], suite_failed[2];

static void count(int mode, bool passed)
{
    if (passed) {
        check_tests_passed++;
        suite_passed[mode]++;
    } else {
        check_tests_failed++;
        suite_failed[mode]++;
    }
}

/* Partial callback over a JSON object of name -> template. */
static char *json_partial(void *ctx, const char *name)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive((const cJSON *)ctx, name);
    if (!cJSON_IsString(p))
        return NULL;
    size_t n = strlen(p->valuestring);
    char *copy = malloc(n + 1);
    if (copy)
        memcpy(copy, p->valuestring, n + 1);
    return copy;
}

/* ---- in-process run -------------------------------------------------------------------- */

static bool run_in_process(const spec_case *sc)
{
    char *msgs = NULL;
    size_t msgs_len = 0;
    FILE *mem = open_memstream(&msgs, &msgs_len);
    diag d;
    diag_init(&d, mem);
    size_t len = 0;
    char *out = mustache_render("template", sc->tmpl, strlen(sc->tmpl), sc->data, json_partial,
                                (void *)sc->partials, &d, &len);
    fclose(mem);
    bool ok = out != NULL && len == strlen(sc->expected) && memcmp(out, sc->expected, len) == 0;
    if (!ok)
        report_failure(sc, "in-process", out, len, msgs);
    free(out);
    free(msgs);
    return ok;
}

/* ---- command-line run ------------------------------------------------------------------ */

/* Runs argv with standard output captured into *out (length *len) and standard error sent to
 * err_path; returns the exit status, or -1 when it could not run. */
static int run_capture(char *const argv[], const char *err_path, char **out, size_t *len)
{
    int fds[2];
    *out = NULL;
    *len = 0;
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fds[1], STDOUT_FILENO);
        if (err >= 0)
            dup2(err, STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    size_t cap = 4096;
    char *buf = malloc(cap);
    ssize_t got;
    while (buf != NULL) {
        if (*len + 1 == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
            continue;
        }
        got = read(fds[0], buf + *len, cap - *len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        *len += (size_t)got;
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (buf != NULL)
        buf[*len] = '\0';
    *out = buf;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Writes the case into a fresh directory, runs `apigen render` on it and compares. */
static bool run_cli(const spec_case *sc, const char *apigen)
{
    const char *tmp = getenv("TMPDIR");
    char dir[1024], tpath[1100], vpath[1100], pdir[1100], epath[1100], path[1400];
    snprintf(dir, sizeof dir, "%s/mustache-spec-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        fprintf(stderr, "mkdtemp %s: %s\n", dir, strerror(errno));
        return false;
    }
    snprintf(tpath, sizeof tpath, "%s/template.mustache", dir);
    snprintf(vpath, sizeof vpath, "%s/view.json", dir);
    snprintf(pdir, sizeof pdir, "%s/partials", dir);
    snprintf(epath, sizeof epath, "%s/stderr.txt", dir);
    char *view = cJSON_PrintUnformatted(sc->data);
    bool ok = view != NULL && write_file(tpath, sc->tmpl) && write_file(vpath, view) &&
              mkdir(pdir, 0700) == 0;
    free(view);
    const cJSON *p;
    cJSON_ArrayForEach(p, sc->partials)
    {
        snprintf(path, sizeof path, "%s/%s.mustache", pdir, p->string);
        ok = ok && strchr(p->string, '/') == NULL && cJSON_IsString(p) &&
             write_file(path, p->valuestring);
    }
    char *out = NULL, *errs = NULL;
    size_t len = 0;
    int status = -1;
    if (ok) {
        char *argv[] = {(char *)apigen, "render", tpath, "--data", vpath, "--partials", pdir, NULL};
        status = run_capture(argv, epath, &out, &len);
        errs = test_read_file(epath, NULL);
    }
    ok = ok && status == 0 && out != NULL && len == strlen(sc->expected) &&
         memcmp(out, sc->expected, len) == 0;
    if (!ok) {
        char note[64];
        snprintf(note, sizeof note, "(exit status %d)\n", status);
        report_failure(sc, "apigen render", out, len, errs && errs[0] ? errs : note);
    }
    free(out);
    free(errs);
    cJSON_ArrayForEach(p, sc->partials)
    {
        snprintf(path, sizeof path, "%s/%s.mustache", pdir, p->string);
        unlink(path);
    }
    unlink(tpath);
    unlink(vpath);
    unlink(epath);
    rmdir(pdir);
    rmdir(dir);
    return ok;
}

/* ---- the suite ------------------------------------------------------------------------- */

/* Runs every case of one spec file; returns how many cases it has (-1: unreadable). */
static int run_spec_file(const char *suite, const char *file, const char *apigen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", suite, file);
    char *text = test_read_file(path, NULL);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
    if (!cJSON_IsArray(tests)) {
        fprintf(stderr, "FAIL %s: missing or not a spec file\n", path);
        cJSON_Delete(root);
        return -1;
    }
    int cases = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, tests)
    {
        spec_case sc = {
            .file = file,
            .name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "name")),
            .tmpl = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "template")),
            .expected = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "expected")),
            .data = cJSON_GetObjectItemCaseSensitive(t, "data"),
            .partials = cJSON_GetObjectItemCaseSensitive(t, "partials"),
        };
        cases++;
        if (sc.name == NULL || sc.tmpl == NULL || sc.expected == NULL) {
            fprintf(stderr, "FAIL %s: case %d is malformed\n", file, cases);
            count(0, false);
            continue;
        }
        count(0, run_in_process(&sc));
        if (apigen != NULL)
            count(1, run_cli(&sc, apigen));
    }
    cJSON_Delete(root);
    return cases;
}

/* ---- diagnostics and renderer-specific checks ------------------------------------------- */

/* Renders `tmpl` as t.mustache with the JSON view and partials given (either may be NULL);
 * returns the output (NULL on errors) and the diagnostics text in *msgs (caller frees). */
static char *render_text(const char *tmpl, const char *view_json, const char *partials_json,
                         char **msgs)
{
    size_t msgs_len;
    FILE *mem = open_memstream(msgs, &msgs_len);
    diag d;
    diag_init(&d, mem);
    cJSON *view = view_json ? cJSON_Parse(view_json) : cJSON_CreateObject();
    cJSON *partials = partials_json ? cJSON_Parse(partials_json) : NULL;
    char *out =
        mustache_render("t.mustache", tmpl, strlen(tmpl), view, json_partial, partials, &d, NULL);
    fclose(mem);
    cJSON_Delete(view);
    cJSON_Delete(partials);
    return out;
}

/* Checks that tmpl fails with exactly the diagnostics `expected`. */
static void check_errors(const char *tmpl, const char *partials_json, const char *expected)
{
    char *msgs = NULL;
    char *out = render_text(tmpl, NULL, partials_json, &msgs);
    CHECK(out == NULL);
    CHECK_STR(msgs, expected);
    free(out);
    free(msgs);
}

/* Checks that tmpl renders to exactly `expected` without diagnostics. */
static void check_render(const char *tmpl, const char *view_json, const char *partials_json,
                         const char *expected)
{
    char *msgs = NULL;
    char *out = render_text(tmpl, view_json, partials_json, &msgs);
    CHECK_STR(out, expected);
    CHECK_STR(msgs, "");
    free(out);
    free(msgs);
}

static void test_unclosed_section(void)
{
    check_errors("{{#a}}x", NULL, "t.mustache:1:1: error: unclosed section 'a'\n");
    check_errors("Hello\n  {{#items}}\n    {{name}}\n", NULL,
                 "t.mustache:2:3: error: unclosed section 'items'\n");
    check_errors("{{<p}}{{$b}}\n", NULL,
                 "t.mustache:1:1: error: unclosed parent 'p'\n"
                 "t.mustache:1:7: error: unclosed block 'b'\n");
    check_errors("x\n{{^none}}", NULL, "t.mustache:2:1: error: unclosed inverted section 'none'\n");
}

static void test_mismatched_closing_tag(void)
{
    check_errors("{{#a}}{{/b}}", NULL,
                 "t.mustache:1:7: error: closing tag 'b' does not match the open section 'a'\n"
                 "t.mustache:1:1: note: section 'a' opened here\n");
    check_errors("one\n{{#a}}\n  {{#b}}\n  {{/c}}\n{{/a}}\n", NULL,
                 "t.mustache:4:3: error: closing tag 'c' does not match the open section 'b'\n"
                 "t.mustache:3:3: note: section 'b' opened here\n");
    check_errors("a\nb\n  c {{/x}}\n", NULL,
                 "t.mustache:3:5: error: unexpected closing tag 'x': no section is open\n");
}

static void test_bad_delimiters(void)
{
    check_errors("{{=<% =}}", NULL,
                 "t.mustache:1:1: error: invalid set-delimiter tag '{{=<% =}}': expected two "
                 "delimiters separated by whitespace\n");
    check_errors("ok\n\n  {{=<% %> x=}}", NULL,
                 "t.mustache:3:3: error: invalid set-delimiter tag '{{=<% %> x=}}': expected two "
                 "delimiters separated by whitespace\n");
    check_errors("{{=<% %>}}", NULL,
                 "t.mustache:1:1: error: unclosed tag '{{=<% %>}}': missing '=}}'\n");
}

static void test_unclosed_tag(void)
{
    check_errors("{{name", NULL, "t.mustache:1:1: error: unclosed tag '{{name': missing '}}'\n");
    check_errors("x\ny\nz {{{name}}\n", NULL,
                 "t.mustache:3:3: error: unclosed tag '{{{name}}': missing '}}}'\n");
    check_errors("{{=<% %>=}}\n<%name", NULL,
                 "t.mustache:2:1: error: unclosed tag '<%name': missing '%>'\n");
}

static void test_bad_names(void)
{
    check_errors("{{}}", NULL, "t.mustache:1:1: error: empty name in tag '{{}}'\n");
    check_errors("a {{#b c}}{{/b c}}", NULL,
                 "t.mustache:1:3: error: invalid name 'b c': names cannot contain whitespace\n"
                 "t.mustache:1:11: error: invalid name 'b c': names cannot contain whitespace\n");
}

static void test_every_error_reported(void)
{
    check_errors("{{#a}}{{/b}}\n{{=x=}}\n{{>}}\n{{#c}}", NULL,
                 "t.mustache:1:7: error: closing tag 'b' does not match the open section 'a'\n"
                 "t.mustache:1:1: note: section 'a' opened here\n"
                 "t.mustache:2:1: error: invalid set-delimiter tag '{{=x=}}': expected two "
                 "delimiters separated by whitespace\n"
                 "t.mustache:3:1: error: empty name in tag '{{>}}'\n"
                 "t.mustache:4:1: error: unclosed section 'c'\n");
}

static void test_errors_in_partials(void)
{
    check_errors("A\n  {{>p}}\n{{>p}}", "{\"p\": \"ok\\n{{#x}}\"}",
                 "p:2:1: error: unclosed section 'x'\n"
                 "t.mustache:2:3: note: in partial 'p' included here\n");
    check_errors("{{>p}}", "{\"p\": \"{{>p}}\"}",
                 "p:1:1: error: partials nested more than 100 levels deep (endless recursion?)\n");
    check_errors("{{<p}}{{/p}}", "{\"p\": \"x{{<p}}{{/p}}\"}",
                 "p:1:2: error: partials nested more than 100 levels deep (endless recursion?)\n");
}

static void test_values(void)
{
    check_render("{{i}} {{neg}} {{f}} {{small}} {{big}} {{t}} {{no}} ({{n}}) {{{o}}} {{{arr}}}",
                 "{\"i\": 85, \"neg\": -3, \"f\": 1.5, \"small\": 0.1, \"big\": 1e20, \"t\": true,"
                 " \"no\": false, \"n\": null, \"o\": {\"a\": 1}, \"arr\": [1, 2]}",
                 NULL, "85 -3 1.5 0.1 100000000000000000000 true false () {\"a\":1} [1,2]");
    /* numbers as JavaScript's String(n) (mustache.h; mustache_numbers_oracle compares with node) */
    check_render("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}}",
                 "{\"a\": -0, \"b\": 1e15, \"c\": -1e15, \"d\": 1e21, \"e\": 1.5e-7,"
                 " \"f\": 0.000001, \"g\": 5e-324, \"h\": 123e-20}",
                 NULL,
                 "0 1000000000000000 -1000000000000000 1e+21 1.5e-7 0.000001 5e-324 1.23e-18");
    check_render("{{#z}}zero {{/z}}{{#e}}empty {{/e}}{{^f}}false {{/f}}{{^n}}null {{/n}}"
                 "{{^m}}missing {{/m}}{{^l}}[] {{/l}}{{#o}}{} {{/o}}",
                 "{\"z\": 0, \"e\": \"\", \"f\": false, \"n\": null, \"l\": [], \"o\": {}}", NULL,
                 "zero empty false null missing [] {} ");
    check_render("{{x}} {{{x}}}", "{\"x\": \"a'b&c\"}", NULL, "a'b&amp;c a'b&c");
}

static void test_inheritance_extras(void)
{
    /* The example of mustache/spec PR #131: blocks take the indentation of where they land. */
    check_render("{{<parent}}\n        {{$block}}\n        Hello\n        {{/block}}\n{{/parent}}",
                 NULL, "{\"parent\": \"I say,\\n  {{$block}}\\n  Hi there!\\n  {{/block}}\"}",
                 "I say,\n  Hello\n");
    /* Dynamic parent names, closed by the same *name. */
    check_render("{{<*which}}{{$a}}A{{/a}}{{/*which}}|{{< * which }}{{/ * which }}",
                 "{\"which\": \"p\"}", "{\"p\": \"[{{$a}}-{{/a}}]\"}", "[A]|[-]");
    /* A standalone partial inside an indented partial gets both indentations. */
    check_render("  {{>outer}}\n", NULL,
                 "{\"outer\": \"o\\n  {{>inner}}\\n\", \"inner\": \"i1\\ni2\"}",
                 "  o\n    i1\n    i2");
    /* An inline partial is not indented by the partial around it. */
    check_render("  {{>outer}}\n", NULL, "{\"outer\": \"x {{>inner}}\\n\", \"inner\": \"a\\nb\"}",
                 "  x a\nb\n");
}

static void test_nesting_limits(void)
{
    char tmpl[4096] = "";
    for (int i = 0; i < 300; i++)
        strcat(tmpl, "{{#a}}");
    check_errors(tmpl, NULL,
                 "t.mustache:1:1537: error: sections nested more than 256 levels deep\n");
    /* Deep but legal nesting in a partial that recurses: stopped by a limit, not the stack. */
    char part[8192] = "{\"p\": \"";
    for (int i = 0; i < 250; i++)
        strcat(part, "{{#a}}");
    strcat(part, "{{>p}}");
    for (int i = 0; i < 250; i++)
        strcat(part, "{{/a}}");
    strcat(part, "\"}");
    char *msgs = NULL;
    char *out = render_text("{{>p}}", "{\"a\": true}", part, &msgs);
    CHECK(out == NULL);
    CHECK(msgs != NULL &&
          strstr(msgs, "error: templates nested more than 1024 levels deep") != NULL);
    free(out);
    free(msgs);
}

static void test_no_partials_or_view(void)
{
    char *msgs = NULL;
    size_t msgs_len, len = 1;
    FILE *mem = open_memstream(&msgs, &msgs_len);
    diag d;
    diag_init(&d, mem);
    char *out = mustache_render("t", "[{{>p}}{{x}}{{#y}}y{{/y}}]", 26, NULL, NULL, NULL, &d, &len);
    fclose(mem);
    CHECK_STR(out, "[]");
    CHECK(len == 2);
    CHECK_STR(msgs, "");
    free(out);
    free(msgs);
}

/* A view of 10,000 operations renders quickly and correctly (no quadratic building). */
static void test_large_view(void)
{
    cJSON *view = cJSON_CreateObject();
    cJSON *ops = cJSON_AddArrayToObject(view, "ops");
    char name[32];
    for (int i = 0; i < 10000; i++) {
        cJSON *op = cJSON_CreateObject();
        snprintf(name, sizeof name, "op_%d", i);
        cJSON_AddStringToObject(op, "name", name);
        cJSON_AddNumberToObject(op, "id", i);
        cJSON_AddItemToArray(ops, op);
    }
    cJSON *partials =
        cJSON_Parse("{\"op\": \"int {{name}}(void)\\n{\\n    return {{id}};\\n}\\n\"}");
    const char *tmpl = "{{#ops}}\n  {{>op}}\n{{/ops}}\n";
    diag d;
    diag_init(&d, stderr);
    size_t len = 0;
    clock_t start = clock();
    char *out = mustache_render("t", tmpl, strlen(tmpl), view, json_partial, partials, &d, &len);
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    CHECK(out != NULL);
    CHECK(out != NULL && strncmp(out, "  int op_0(void)\n  {\n      return 0;\n  }\n", 41) == 0);
    CHECK(out != NULL &&
          strstr(out, "  int op_9999(void)\n  {\n      return 9999;\n  }\n") != NULL);
    printf("10,000 operations: %zu bytes in %.3f s\n", len, secs);
    free(out);
    cJSON_Delete(view);
    cJSON_Delete(partials);
}

/* ---- `apigen render` on the project's own cases (no external suite needed) ------------- */

/* name, template, data (JSON), partials (JSON object or NULL), expected output */
static const char *const OWN_CLI_CASES[][5] = {
    {"escaping", "{{x}}|{{{x}}}|{{&x}}", "{\"x\": \"<a href=\\\"q\\\">&'</a>\"}", NULL,
     "&lt;a href=&quot;q&quot;&gt;&amp;'&lt;/a&gt;|<a href=\"q\">&'</a>|<a href=\"q\">&'</a>"},
    {"list section", "{{#l}}[{{n}}]{{/l}}{{^l}}none{{/l}}", "{\"l\": [{\"n\": 1}, {\"n\": 2}]}",
     NULL, "[1][2]"},
    {"inverted on empty", "{{#l}}x{{/l}}{{^l}}none{{/l}}", "{\"l\": []}", NULL, "none"},
    {"dotted names and context", "{{a.b.c}} {{#a}}{{b.c}}{{/a}}", "{\"a\": {\"b\": {\"c\": 7}}}",
     NULL, "7 7"},
    {"standalone partial indented", "  {{>p}}\n", "{\"v\": \"V\"}", "{\"p\": \"1{{v}}\\n2\\n\"}",
     "  1V\n  2\n"},
    {"set delimiters", "{{=<% %>=}}<%v%> {{v}}", "{\"v\": \"V\"}", NULL, "V {{v}}"},
    {"parent and block", "{{<p}}{{$b}}child{{/b}}{{/p}}", "{}",
     "{\"p\": \"<{{$b}}default{{/b}}>\"}", "<child>"},
};

/* The apigen binary the own checks run (`checks APIGEN`). */
static const char *own_apigen;

static void test_render_cli_cases(void)
{
    const char *apigen = own_apigen;
    for (size_t i = 0; i < sizeof OWN_CLI_CASES / sizeof *OWN_CLI_CASES; i++) {
        const char *const *c = OWN_CLI_CASES[i];
        cJSON *data = cJSON_Parse(c[2]);
        cJSON *partials = c[3] ? cJSON_Parse(c[3]) : NULL;
        CHECK(data != NULL && (c[3] == NULL || partials != NULL));
        spec_case sc = {.file = "own",
                        .name = c[0],
                        .tmpl = c[1],
                        .expected = c[4],
                        .data = data,
                        .partials = partials};
        CHECK(run_cli(&sc, apigen));
        cJSON_Delete(data);
        cJSON_Delete(partials);
    }
}

/* `apigen render` on a template with an error: no output, exit status 1, the diagnostic. */
static void test_render_cli_error(void)
{
    const char *apigen = own_apigen;
    char dir[] = "/tmp/mustache-own-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char tpath[64], vpath[64], epath[64];
    snprintf(tpath, sizeof tpath, "%s/t.mustache", dir);
    snprintf(vpath, sizeof vpath, "%s/v.json", dir);
    snprintf(epath, sizeof epath, "%s/err", dir);
    CHECK(write_file(tpath, "ok\n  {{#a}}\n") && write_file(vpath, "{}"));
    char *argv[] = {(char *)apigen, "render", tpath, "--data", vpath, NULL};
    char *out = NULL;
    size_t len = 0;
    int status = run_capture(argv, epath, &out, &len);
    char *errs = test_read_file(epath, NULL);
    char want[128];
    snprintf(want, sizeof want, "%s:2:3: error: unclosed section 'a'\n", tpath);
    CHECK(status == 1);
    CHECK(len == 0);
    CHECK(errs != NULL && strstr(errs, want) != NULL);
    free(out);
    free(errs);
    unlink(tpath);
    unlink(vpath);
    unlink(epath);
    rmdir(dir);
}

static int own_checks(const char *apigen)
{
    if (access(apigen, X_OK) != 0) {
        fprintf(stderr, "apigen binary %s is not executable\n", apigen);
        return 1;
    }
    RUN_TEST(test_unclosed_section);
    RUN_TEST(test_mismatched_closing_tag);
    RUN_TEST(test_bad_delimiters);
    RUN_TEST(test_unclosed_tag);
    RUN_TEST(test_bad_names);
    RUN_TEST(test_every_error_reported);
    RUN_TEST(test_errors_in_partials);
    RUN_TEST(test_values);
    RUN_TEST(test_inheritance_extras);
    RUN_TEST(test_nesting_limits);
    RUN_TEST(test_no_partials_or_view);
    RUN_TEST(test_large_view);
    own_apigen = apigen;
    RUN_TEST(test_render_cli_cases);
    RUN_TEST(test_render_cli_error);
    return check_summary();
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "checks") == 0 && argc != 3)) {
        fprintf(stderr, "usage: %s checks APIGEN | %s SUITE_DIR [APIGEN]\n", argv[0], argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "checks") == 0)
        return own_checks(argv[2]);
    struct stat st;
    if (stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("mustache spec suite not found at %s; skipped\n", argv[1]);
        return 77;
    }
    const char *apigen = argc > 2 ? argv[2] : NULL;
    if (apigen != NULL && access(apigen, X_OK) != 0)
        fprintf(stderr, "apigen binary %s is not executable: every CLI case will fail\n", apigen);

    int cases = 0;
    for (size_t i = 0; i < SPEC_FILE_COUNT; i++) {
        int n = run_spec_file(argv[1], SPEC_FILES[i], apigen);
        cases += n > 0 ? n : 0;
    }
    if (cases != SPEC_CASES) {
        fprintf(stderr, "FAIL expected %d spec cases, found %d\n", SPEC_CASES, cases);
        check_tests_failed++;
    }
    printf("spec suite: %d cases %s\n", cases,
           apigen ? "in-process and via apigen render" : "in-process");
    printf("in-process: %d passed, %d failed\n", suite_passed[0], suite_failed[0]);
    if (apigen != NULL)
        printf("render: %d passed, %d failed\n", suite_passed[1], suite_failed[1]);
    return check_summary();
}
