/* examples.c: every example of a checked spec through the runtime (see examples.h).
 * The runtime judges the JSON text the generated examples.json holds, so what this check
 * accepts is exactly what the generated validators accept. */
#define _GNU_SOURCE /* __fsetlocking */
#include "examples.h"

#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"
#include "view.h"

/* ----------------------------------------------------------- path -> node ---- */

/* Walks path p (the part after "$") from n. Returns the deepest node reached and sets *used
 * to the bytes of p that got there. A property name may hold '.' or '[' (paths do not escape
 * them), so every key that fits is tried and the one leading furthest wins. */
static const node *walk(const node *n, const char *p, size_t *used)
{
    *used = 0;
    if (p[0] == '[' && n->kind == NODE_SEQUENCE) {
        size_t i = 1, index = 0;
        while (p[i] >= '0' && p[i] <= '9' && index <= n->count)
            index = index * 10 + (size_t)(p[i++] - '0');
        if (i == 1 || p[i] != ']' || index >= n->count)
            return n;
        size_t rest;
        const node *to = walk(n->items[index], p + i + 1, &rest);
        *used = i + 1 + rest;
        return to;
    }
    if (p[0] != '.' || n->kind != NODE_MAPPING)
        return n;
    const node *best = n;
    size_t best_len = 0;
    for (size_t k = 0; k < n->count; k++) {
        const node *key = n->pairs[k].key;
        size_t len = key->len;
        if (strnlen(p + 1, len) != len || memcmp(p + 1, key->text, len) != 0 ||
            (p[1 + len] != '\0' && p[1 + len] != '.' && p[1 + len] != '['))
            continue;
        size_t rest;
        const node *to = walk(n->pairs[k].value, p + 1 + len, &rest);
        /* On a tie (both "a.b" and "a" then "b" reach the end) the longer key wins: the
         * path names "a.b" literally, while a nested "a"/"b" is only one way to split it. */
        if (1 + len + rest > *used || (1 + len + rest == *used && len > best_len)) {
            best = to;
            best_len = len;
            *used = 1 + len + rest;
        }
    }
    return best;
}

const node *examples_node_at(const node *root, const char *path)
{
    if (root == NULL || path == NULL || path[0] != '$')
        return root;
    size_t used;
    return walk(root, path + 1, &used);
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

typedef struct checker {
    const spec_api *api;
    diag *d;
    tables *t;
    FILE *json; /* one value's JSON text at a time, in text[0..ftell) */
    char *text;
    size_t size;
    int failed; /* values that did not pass */
} checker;

/* Bytes of tables kept from one operation to the next (shared models are then not rebuilt). */
#define TABLES_KEPT ((size_t)1 << 20)

static void out_of_memory(void)
{
    fputs("apigen: out of memory\n", stderr);
    exit(2);
}

/* Reports each violation in errs at the node of value its path names. */
static void report(checker *c, const apigen_errors *errs, bool wrapped, const node *value,
                   const where *w)
{
    char *what = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&what, &len);
    if (f == NULL)
        out_of_memory();
    spell(f, w);
    if (fclose(f) != 0 || what == NULL)
        out_of_memory();
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
        const node *at = examples_node_at(value, path);
        diag_error(c->d, file, at->line, at->col, "%s: %s: %s: %s", what, path,
                   apigen_code_name(e->code), e->message);
    }
    if (errs->total > errs->count)
        diag_note(c->d, file, value->line, value->col, "%zu more violations of this value",
                  errs->total - errs->count);
    free(what);
}

/* Reads value (YAML) with model m and reports what breaks it. wrapped: m is a
 * tables_value_model, which reads {"value": <value>}. */
static void check_value(checker *c, const apigen_model *m, bool wrapped, const node *value,
                        const where *w)
{
    rewind(c->json);
    if (wrapped)
        fputs("{\"" TABLES_VALUE_FIELD "\":", c->json);
    view_yaml_json_write(c->json, value);
    if (wrapped)
        fputc('}', c->json);
    long len = ftell(c->json);
    if (fflush(c->json) != 0 || len < 0 || c->text == NULL)
        out_of_memory();
    void *out = malloc(m->size);
    if (out == NULL)
        out_of_memory();
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
static void check_schema(checker *c, const schema *s, const where *w)
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
        check_schema(c, s->items, &(where){"items", NULL, false, w});
    for (size_t i = 0; i < s->prop_count; i++)
        check_schema(c, s->props[i].schema, &(where){"property", s->props[i].name, true, NULL});
}

/* A body's schema, and each of its examples (a mapping name -> value) against its model. */
static void check_body(checker *c, const schema *s, const node *examples, const where *w)
{
    check_schema(c, s, w);
    const apigen_model *m = examples && examples->count ? tables_model(c->t, s) : NULL;
    for (size_t i = 0; m && i < examples->count; i++)
        check_value(c, m, false, examples->pairs[i].value,
                    &(where){"example", examples->pairs[i].key->text, true, w});
}

static void check_params(checker *c, const schema *group, const where *op)
{
    for (size_t i = 0; group && i < group->prop_count; i++)
        check_schema(c, group->props[i].schema,
                     &(where){"parameter", group->props[i].name, true, op});
}

int examples_check(const spec_api *api, diag *d)
{
    checker c = {api, d, tables_new(api), NULL, NULL, 0, 0};
    c.json = open_memstream(&c.text, &c.size);
    if (c.json == NULL)
        out_of_memory();
    __fsetlocking(c.json, FSETLOCKING_BYCALLER); /* one thread writes it: no lock per byte */
    for (size_t i = 0; i < api->schema_count; i++)
        check_schema(&c, api->schemas[i].schema,
                     &(where){"schema", api->schemas[i].name, true, NULL});
    for (size_t i = 0; i < api->op_count; i++) {
        const operation *op = &api->ops[i];
        const where opw = {op->name, NULL, false, NULL};
        check_params(&c, op->path_params, &opw);
        check_params(&c, op->query_params, &opw);
        check_params(&c, op->header_params, &opw);
        if (op->request)
            check_body(&c, op->request, op->request_examples,
                       &(where){"request", NULL, false, &opw});
        for (size_t j = 0; j < op->response_count; j++) {
            const response *r = &op->responses[j];
            if (r->schema)
                check_body(&c, r->schema, r->examples,
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
