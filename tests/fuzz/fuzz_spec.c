/* fuzz_spec: libFuzzer target for the generator, from spec text to rendered files.
 * Each input is a spec file named "fuzz.yaml" (so `api: {name: fuzz}` passes the file-name
 * check): spec_load_text -> spec_check -> view_build -> mustache_render of every real
 * template (every templates/NAME.mustache, read once at start from APIGEN_FUZZ_TEMPLATES), all in
 * memory, diagnostics to a memory stream, everything in one arena released per input.
 * Besides ASan/UBSan/leak reports, these invariants trap:
 *   - a load or check that fails has reported at least one error, one that succeeds none;
 *   - the real templates render for every spec that passes the checker;
 *   - the rendered *.json templates (the examples) are JSON;
 *   - the rendered *.c and *.h files are lexically sound C whatever the spec's words: every
 *     comment, string and character literal ends where it should (no newline inside a
 *     literal, no line splice or trigraph that would swallow text, no unclosed comment);
 *   - no diagnostic prints "(null)" (a NULL string given to %s) unless the input has it. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test_io.h"
#include "arena.h"
#include "check_api.h"
#include "diag.h"
#include "model.h"
#include "mustache.h"
#include "spec_tree.h"
#include "view.h"
#include "fuzz.h"

#ifndef APIGEN_FUZZ_TEMPLATES
#error "APIGEN_FUZZ_TEMPLATES must name the templates folder"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);

#define TEMPLATES_MAX 16

typedef struct template_file {
    char *name; /* "api.h.mustache" */
    char *text;
    size_t len;
    bool json; /* renders JSON: api.examples.json.mustache */
    bool c;    /* renders C: api.h.mustache, api.c.mustache */
} template_file;

static template_file templates[TEMPLATES_MAX];
static size_t template_count;

static void die(const char *what, const char *name)
{
    fprintf(stderr, "fuzz_spec: %s: %s\n", what, name);
    exit(2);
}

static char *read_whole(const char *path, size_t *len)
{
    char *text = test_read_file(path, len);
    if (text == NULL)
        die("cannot read", path);
    return text;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const template_file *)a)->name, ((const template_file *)b)->name);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    DIR *dir = opendir(APIGEN_FUZZ_TEMPLATES);
    if (dir == NULL)
        die("cannot open", APIGEN_FUZZ_TEMPLATES);
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (!ends_with(e->d_name, ".mustache"))
            continue;
        if (template_count == TEMPLATES_MAX)
            die("too many templates in", APIGEN_FUZZ_TEMPLATES);
        template_file *t = &templates[template_count++];
        size_t n = strlen(APIGEN_FUZZ_TEMPLATES) + strlen(e->d_name) + 2;
        char *path = malloc(n);
        t->name = strdup(e->d_name);
        if (path == NULL || t->name == NULL)
            die("out of memory", e->d_name);
        snprintf(path, n, "%s/%s", APIGEN_FUZZ_TEMPLATES, e->d_name);
        t->text = read_whole(path, &t->len);
        t->json = ends_with(e->d_name, ".json.mustache");
        t->c = ends_with(e->d_name, ".c.mustache") || ends_with(e->d_name, ".h.mustache");
        free(path);
    }
    closedir(dir);
    if (template_count == 0)
        die("no *.mustache in", APIGEN_FUZZ_TEMPLATES);
    qsort(templates, template_count, sizeof *templates, by_name);
    return 0;
}

static bool contains(const uint8_t *data, size_t size, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + n <= size; i++)
        if (memcmp(data + i, s, n) == 0)
            return true;
    return false;
}

/* Whether p[0..2] is a trigraph (C11 5.2.1.1; on in strict ISO modes). */
static bool trigraph(const char *p, const char *end)
{
    return end - p >= 3 && p[0] == '?' && p[1] == '?' && strchr("=(/)'<!>-", p[2]) != NULL &&
           p[2] != '\0';
}

/* A lexer of C just deep enough to see comments and literals end where they should. */
static bool c_lexically_sound(const char *text, size_t len)
{
    enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR } state = CODE;
    const char *p = text, *end = text + len;
    for (; p < end; p++) {
        char c = *p;
        if (trigraph(p, end) && state != BLOCK_COMMENT)
            return false;
        if (c == '\\' && p + 1 < end && (p[1] == '\n' || p[1] == '\r'))
            return false; /* a line splice: nothing generated needs one */
        switch (state) {
        case CODE:
            if (c == '/' && p + 1 < end && p[1] == '*') {
                state = BLOCK_COMMENT;
                p++;
            } else if (c == '/' && p + 1 < end && p[1] == '/') {
                state = LINE_COMMENT;
                p++;
            } else if (c == '"') {
                state = STRING;
            } else if (c == '\'') {
                state = CHAR;
            } else if ((unsigned char)c >= 0x80 || (c < 0x20 && c != '\n' && c != '\t')) {
                return false; /* outside comments and literals, C is ASCII */
            }
            break;
        case LINE_COMMENT:
            if (c == '\n')
                state = CODE;
            break;
        case BLOCK_COMMENT:
            if (c == '*' && p + 1 < end && p[1] == '/') {
                state = CODE;
                p++;
            }
            break;
        case STRING:
        case CHAR:
            if (c == '\n')
                return false;
            if (c == '\\' && p + 1 < end)
                p++;
            else if (c == (state == STRING ? '"' : '\''))
                state = CODE;
            break;
        }
    }
    return state == CODE || state == LINE_COMMENT;
}

static void render_all(const cJSON *view, diag *d)
{
    for (size_t i = 0; i < template_count; i++) {
        const template_file *t = &templates[i];
        size_t len = 0;
        int before = d->errors;
        char *out = mustache_render(t->name, t->text, t->len, view, NULL, NULL, d, &len);
        REQUIRE(out != NULL);
        REQUIRE(d->errors == before);
        if (t->c)
            REQUIRE(c_lexically_sound(out, len));
        if (t->json) {
            cJSON *parsed = cJSON_ParseWithLength(out, len);
            REQUIRE(parsed != NULL);
            cJSON_Delete(parsed);
        }
        free(out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    char *messages = NULL;
    size_t messages_len = 0;
    FILE *sink = open_memstream(&messages, &messages_len);
    REQUIRE(sink != NULL);
    diag d;
    diag_init(&d, sink);
    diag_hold(&d);

    spec_file file;
    int load = spec_load_text(&a, "fuzz.yaml", (const char *)data, size, &file, &d);
    REQUIRE(load >= 0);
    REQUIRE((load == 0) == (d.errors == 0));
    if (load == 0) {
        spec_api api;
        int checked = spec_check(&a, &file, &api, &d);
        REQUIRE((checked == 0) == (d.errors == 0));
        if (checked == 0) {
            cJSON *view = view_build(&api, "fuzz.yaml");
            REQUIRE(view != NULL);
            render_all(view, &d);
            cJSON_Delete(view);
        }
    }
    diag_flush(&d);
    REQUIRE(fclose(sink) == 0);
    if (strstr(messages, "(null)") != NULL)
        REQUIRE(contains(data, size, "(null)"));
    free(messages);
    arena_free(&a);
    return 0;
}
