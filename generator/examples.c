/* examples.c: every example of a checked spec through the runtime (see examples.h).
 * The runtime judges the JSON text the generated examples.json holds (json_write_value, the
 * spec's digits), so what this check accepts is exactly what the generated validators accept. */
#define _GNU_SOURCE /* __fsetlocking */
#include "examples.h"

#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "json_text.h"
#include "tables.h"

/* ---------------------------------------------------------- path -> value ---- */

/* The value of hex digit c, or -1. Paths write them lowercase; either case is read. */
static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The n hex digits at p as a number, or -1 when they are not all hex digits. */
static long hex_value(const char *p, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        int d = hex_digit(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Reads the single-quoted string literal at p (after its opening quote) as the runtime writes
 * it (apigen_rt_core.c path_put_quoted: RFC 9535 §2.3.1.1 escapes \\ \' \b \f \n \r \t \uXXXX,
 * plus \xXX for a byte that is not UTF-8) into out; returns the bytes of p up to and with the
 * closing quote, or 0 when p is no such literal (a path cut short, a surrogate escape). */
static size_t read_quoted(const char *p, char *out, size_t *out_len)
{
    size_t i = 0, o = 0;
    for (;;) {
        char c = p[i];
        if (c == '\0')
            return 0;
        if (c == '\'') {
            *out_len = o;
            return i + 1;
        }
        if (c != '\\') {
            out[o++] = c;
            i++;
            continue;
        }
        char one = p[i + 1] == '\\' || p[i + 1] == '\'' ? p[i + 1]
                   : p[i + 1] == 'b'                    ? '\b'
                   : p[i + 1] == 'f'                    ? '\f'
                   : p[i + 1] == 'n'                    ? '\n'
                   : p[i + 1] == 'r'                    ? '\r'
                   : p[i + 1] == 't'                    ? '\t'
                                                        : '\0';
        if (one != '\0') {
            out[o++] = one;
            i += 2;
        } else if (p[i + 1] == 'x' && hex_value(p + i + 2, 2) >= 0) {
            out[o++] = (char)hex_value(p + i + 2, 2);
            i += 4;
        } else if (p[i + 1] == 'u' && hex_value(p + i + 2, 4) >= 0) {
            unsigned long cp = (unsigned long)hex_value(p + i + 2, 4);
            if (cp >= 0xD800 && cp <= 0xDFFF)
                return 0; /* the runtime writes no surrogate: not its path */
            if (cp < 0x80) {
                out[o++] = (char)cp;
            } else if (cp < 0x800) {
                out[o++] = (char)(0xC0 | cp >> 6);
                out[o++] = (char)(0x80 | (cp & 0x3F));
            } else {
                out[o++] = (char)(0xE0 | cp >> 12);
                out[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            }
            i += 6;
        } else {
            return 0;
        }
    }
}

/* The member of object v whose key is name[0..len), or NULL. */
static const value_member *find_key(const model_value *v, const char *name, size_t len)
{
    for (size_t k = 0; k < v->count; k++) {
        const value_member *m = &v->members[k];
        if (m->key_len == len && memcmp(m->key, name, len) == 0)
            return m;
    }
    return NULL;
}

/* Follows path p (the part after "$") from n, one segment at a time, as the runtime writes
 * them (apigen_rt_core.c path_spell): ".name" (ASCII letters, digits, '_'), "['name']" (escaped),
 * "[n]". Each segment reads one way, so there is no choice to make. Returns the last node
 * reached; buf holds strlen(p) bytes (a decoded name is never longer than its spelling). */
static const model_value *walk(const model_value *n, const char *p, char *buf)
{
    for (;;) {
        size_t len, used;
        if (p[0] == '.') {
            for (len = 0; p[1 + len] == '_' || (p[1 + len] >= '0' && p[1 + len] <= '9') ||
                          ((p[1 + len] | 0x20) >= 'a' && (p[1 + len] | 0x20) <= 'z');
                 len++)
                ;
            memcpy(buf, p + 1, len);
            used = 1 + len;
            if (len == 0)
                return n; /* ".***": a name the runtime does not show */
        } else if (p[0] == '[' && p[1] == '\'') {
            size_t q = read_quoted(p + 2, buf, &len);
            if (q == 0 || p[2 + q] != ']')
                return n;
            used = 2 + q + 1;
        } else if (p[0] == '[' && p[1] >= '0' && p[1] <= '9') {
            size_t i = 1, index = 0;
            while (p[i] >= '0' && p[i] <= '9' && index <= n->count)
                index = index * 10 + (size_t)(p[i++] - '0');
            if (p[i] != ']' || n->kind != VALUE_ARRAY || index >= n->count)
                return n;
            n = &n->items[index];
            p += i + 1;
            continue;
        } else {
            return n; /* the end, or a path cut with "..." */
        }
        const value_member *member = n->kind == VALUE_OBJECT ? find_key(n, buf, len) : NULL;
        if (member == NULL)
            return n;
        n = &member->value;
        p += used;
    }
}

const model_value *examples_value_at(const model_value *root, const char *path)
{
    if (root == NULL || path == NULL || path[0] != '$')
        return root;
    char *buf = malloc(strlen(path) + 1);
    if (buf == NULL)
        return root;
    const model_value *n = walk(root, path + 1, buf);
    free(buf);
    return n;
}

/* ------------------------------------------------------------------ check ---- */

/* What a value is, for messages: spelled only when it breaks its schema, so that a large spec
 * with valid examples pays nothing for naming them. Reads: label ['name' | name] [of <of>]. */
typedef struct where {
    const char *label;
    const char *name; /* NULL: none */
    bool quote;       /* name in quotes */
    const struct where *of;
} where;

static void spell(FILE *f, const where *w)
{
    fputs(w->label, f);
    if (w->name)
        fprintf(f, w->quote ? " '%s'" : " %s", w->name);
    if (w->of) {
        fputs(" of ", f);
        spell(f, w->of);
    }
}

typedef struct example_run {
    const spec_api *api;
    diag *d;
    tables *t;
    FILE *json; /* one value's JSON text at a time, in text[0..ftell) */
    char *text;
    size_t size;
    int failed; /* values that did not pass */
} example_run;

/* Bytes of tables kept from one operation to the next (shared models are then not rebuilt). */
#define TABLES_KEPT ((size_t)1 << 20)

/* Reports each violation in errs at the node of value its path names. */
static void report(example_run *c, const apigen_errors *errs, bool wrapped,
                   const model_value *value, const where *w)
{
    char *what = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&what, &len);
    if (f == NULL)
        diag_out_of_memory();
    spell(f, w);
    if (fclose(f) != 0 || what == NULL)
        diag_out_of_memory();
    const char *file = c->api->file->path;
    size_t skip = strlen(TABLES_VALUE_PATH);
    for (size_t i = 0; i < errs->count; i++) {
        const apigen_error *e = &errs->items[i];
        /* Paths of a wrapped value start "$.value": show them from the value's "$". */
        const char *rest = wrapped && strncmp(e->path, TABLES_VALUE_PATH, skip) == 0
                               ? e->path + skip
                               : e->path + 1;
        char path[APIGEN_PATH_MAX + 1];
        snprintf(path, sizeof path, "$%s", rest);
        const node *at = examples_value_at(value, path)->at;
        diag_error(c->d, file, at->line, at->col, "%s: %s: %s: %s", what, path,
                   apigen_code_name(e->code), e->message);
    }
    if (errs->total > errs->count)
        diag_note(c->d, file, value->at->line, value->at->col, "%zu more violations of this value",
                  errs->total - errs->count);
    free(what);
}

/* Reads value (YAML) with model m and reports what breaks it. wrapped: m is a
 * tables_value_model, which reads {"value": <value>}. */
static void check_value(example_run *c, const apigen_model *m, bool wrapped,
                        const model_value *value, const where *w)
{
    rewind(c->json);
    if (wrapped)
        fputs("{\"" TABLES_VALUE_FIELD "\":", c->json);
    json_write_value(c->json, value);
    if (wrapped)
        fputc('}', c->json);
    long len = ftell(c->json);
    if (fflush(c->json) != 0 || len < 0 || c->text == NULL)
        diag_out_of_memory();
    void *out = malloc(m->size);
    if (out == NULL)
        diag_out_of_memory();
    apigen_errors errs;
    if (apigen_model_parse(m, c->text, (size_t)len, out, &errs) == 0) {
        apigen_model_free(m, out);
    } else {
        report(c, &errs, wrapped, value, w);
        c->failed++;
    }
    free(out);
}

/* The `example` and `default` of s and of every schema inside it. Schemas that are $refs are
 * skipped: their target is checked where it stands. */
static void check_schema_values(example_run *c, const schema *s, const where *w)
{
    if (s == NULL || s->ref != NULL)
        return;
    if (s->example || s->default_value) {
        const apigen_model *m = tables_value_model(c->t, s);
        if (s->example)
            check_value(c, m, true, s->example, &(where){"example", NULL, false, w});
        if (s->default_value)
            check_value(c, m, true, s->default_value, &(where){"default", NULL, false, w});
    }
    if (s->items)
        check_schema_values(c, s->items, &(where){"items", NULL, false, w});
    for (size_t i = 0; i < s->prop_count; i++)
        check_schema_values(c, s->props[i].schema,
                            &(where){"property", s->props[i].name, true, NULL});
}

/* A body's schema, and each of its examples against its model. */
static void check_body(example_run *c, const schema *s, bool raw, const model_example *examples,
                       size_t count, const where *w)
{
    check_schema_values(c, s, w);
    /* a raw (text, bytes) body's examples are strings: read as the value of its schema */
    const apigen_model *m = !count ? NULL
                            : raw  ? tables_value_model(c->t, s)
                                   : tables_model(c->t, schema_body_model(s));
    for (size_t i = 0; m && i < count; i++)
        check_value(c, m, raw, &examples[i].value, &(where){"example", examples[i].name, true, w});
}

static void check_params(example_run *c, const schema *group, const where *op)
{
    for (size_t i = 0; group && i < group->prop_count; i++)
        check_schema_values(c, group->props[i].schema,
                            &(where){"parameter", group->props[i].name, true, op});
}

int examples_check(const spec_api *api, diag *d)
{
    example_run c = {api, d, tables_new(api), NULL, NULL, 0, 0};
    c.json = open_memstream(&c.text, &c.size);
    if (c.json == NULL)
        diag_out_of_memory();
    __fsetlocking(c.json, FSETLOCKING_BYCALLER); /* one thread writes it: no lock per byte */
    for (size_t i = 0; i < api->schema_count; i++)
        check_schema_values(&c, api->schemas[i].schema,
                            &(where){"schema", api->schemas[i].name, true, NULL});
    for (size_t i = 0; i < api->op_count; i++) {
        const operation *op = &api->ops[i];
        const where opw = {op->name, NULL, false, NULL};
        check_params(&c, op->path_params, &opw);
        check_params(&c, op->query_params, &opw);
        check_params(&c, op->header_params, &opw);
        if (op->request)
            check_body(&c, op->request, op->request_raw, op->request_examples,
                       op->request_example_count, &(where){"request", NULL, false, &opw});
        for (size_t j = 0; j < op->response_count; j++) {
            const response *r = &op->responses[j];
            if (r->schema)
                check_body(&c, r->schema, r->raw, r->examples, r->example_count,
                           &(where){"response", r->status, false, &opw});
        }
        if (tables_size(c.t) > TABLES_KEPT)
            tables_forget(c.t); /* most models belong to one operation: memory stays bounded */
    }
    fclose(c.json);
    free(c.text);
    tables_free(c.t);
    return c.failed ? 1 : 0;
}
