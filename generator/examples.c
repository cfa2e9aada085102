/* examples.c: every example of a checked spec through the runtime (see examples.h).
 * The runtime judges the JSON text the generated examples.json holds, so what this check
 * accepts is exactly what the generated validators accept. */
#define _POSIX_C_SOURCE 200809L
#include "examples.h"

#include <stdio.h>
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
    for (size_t k = 0; k < n->count; k++) {
        const node *key = n->pairs[k].key;
        size_t len = key->len;
        if (strnlen(p + 1, len) != len || memcmp(p + 1, key->text, len) != 0 ||
            (p[1 + len] != '\0' && p[1 + len] != '.' && p[1 + len] != '['))
            continue;
        size_t rest;
        const node *to = walk(n->pairs[k].value, p + 1 + len, &rest);
        if (1 + len + rest > *used) {
            best = to;
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

typedef struct checker {
    const spec_api *api;
    diag *d;
    tables *t;
    arena scratch; /* one example's JSON at a time */
    int failed;    /* examples that did not pass */
} checker;

/* Reads value (YAML) with model m, and reports each violation at the node its path names.
 * wrapped: m is a tables_value_model, which reads {"value": <value>}. what names the value
 * in messages ("example 'doc' of request of createPet"). */
static void check_value(checker *c, const apigen_model *m, bool wrapped, const node *value,
                        const char *what)
{
    arena_pos mark = arena_mark(&c->scratch);
    const char *json = view_yaml_to_json(&c->scratch, value);
    if (wrapped)
        json = arena_printf(&c->scratch, "{\"" TABLES_VALUE_FIELD "\":%s}", json);
    void *out = malloc(m->size);
    if (out == NULL) {
        fputs("apigen: out of memory\n", stderr);
        exit(2);
    }
    apigen_errors errs;
    if (apigen_model_parse(m, json, strlen(json), out, &errs) == 0) {
        apigen_model_free(m, out);
    } else {
        const char *file = c->api->file->path;
        size_t skip = strlen(TABLES_VALUE_PATH);
        for (size_t i = 0; i < errs.count; i++) {
            const apigen_error *e = &errs.items[i];
            /* Paths of a wrapped value start "$.value": show them from the value's "$". */
            const char *rest = wrapped && strncmp(e->path, TABLES_VALUE_PATH, skip) == 0
                                   ? e->path + skip
                                   : e->path + 1;
            const char *path = arena_printf(&c->scratch, "$%s", rest);
            const node *at = examples_node_at(value, path);
            diag_error(c->d, file, at->line, at->col, "%s: %s: %s: %s", what, path,
                       apigen_code_name(e->code), e->message);
        }
        if (errs.total > errs.count)
            diag_note(c->d, file, value->line, value->col, "%zu more violations of this value",
                      errs.total - errs.count);
        c->failed++;
    }
    free(out);
    arena_rewind(&c->scratch, mark);
}

/* The `example` and `default` of s and of every schema inside it; what names s. Schemas that
 * are $refs are skipped: their target is checked where it stands. */
static void check_schema(checker *c, const schema *s, const char *what)
{
    if (s == NULL || s->ref != NULL)
        return;
    if (s->example || s->default_value) {
        const apigen_model *m = tables_value_model(c->t, s);
        arena_pos mark = arena_mark(&c->scratch);
        if (s->example)
            check_value(c, m, true, s->example, arena_printf(&c->scratch, "example of %s", what));
        if (s->default_value)
            check_value(c, m, true, s->default_value,
                        arena_printf(&c->scratch, "default of %s", what));
        arena_rewind(&c->scratch, mark);
    }
    /* Names of inner schemas live while they are walked: memory stays bounded by depth. */
    arena_pos mark = arena_mark(&c->scratch);
    if (s->items) {
        check_schema(c, s->items, arena_printf(&c->scratch, "items of %s", what));
        arena_rewind(&c->scratch, mark);
    }
    for (size_t i = 0; i < s->prop_count; i++) {
        check_schema(c, s->props[i].schema,
                     arena_printf(&c->scratch, "property '%s'", s->props[i].name));
        arena_rewind(&c->scratch, mark);
    }
}

/* Each example of a mapping name -> value against model m. */
static void check_examples(checker *c, const node *examples, const apigen_model *m,
                           const char *what)
{
    for (size_t i = 0; examples && i < examples->count; i++) {
        arena_pos mark = arena_mark(&c->scratch);
        check_value(
            c, m, false, examples->pairs[i].value,
            arena_printf(&c->scratch, "example '%s' of %s", examples->pairs[i].key->text, what));
        arena_rewind(&c->scratch, mark);
    }
}

static void check_params(checker *c, const schema *group, const operation *op)
{
    for (size_t i = 0; group && i < group->prop_count; i++) {
        arena_pos mark = arena_mark(&c->scratch);
        check_schema(
            c, group->props[i].schema,
            arena_printf(&c->scratch, "parameter '%s' of %s", group->props[i].name, op->name));
        arena_rewind(&c->scratch, mark);
    }
}

int examples_check(const spec_api *api, diag *d)
{
    checker c = {api, d, tables_new(api), {0}, 0};
    arena_init(&c.scratch);
    for (size_t i = 0; i < api->schema_count; i++) {
        arena_pos mark = arena_mark(&c.scratch);
        check_schema(&c, api->schemas[i].schema,
                     arena_printf(&c.scratch, "schema '%s'", api->schemas[i].name));
        arena_rewind(&c.scratch, mark);
    }
    for (size_t i = 0; i < api->op_count; i++) {
        const operation *op = &api->ops[i];
        arena_pos mark = arena_mark(&c.scratch);
        check_params(&c, op->path_params, op);
        check_params(&c, op->query_params, op);
        check_params(&c, op->header_params, op);
        if (op->request) {
            const char *what = arena_printf(&c.scratch, "request of %s", op->name);
            check_schema(&c, op->request, what);
            check_examples(&c, op->request_examples, tables_model(c.t, op->request), what);
        }
        for (size_t j = 0; j < op->response_count; j++) {
            const response *r = &op->responses[j];
            if (r->schema == NULL)
                continue;
            const char *what = arena_printf(&c.scratch, "response %s of %s", r->status, op->name);
            check_schema(&c, r->schema, what);
            check_examples(&c, r->examples, tables_model(c.t, r->schema), what);
        }
        arena_rewind(&c.scratch, mark);
    }
    tables_free(c.t);
    arena_free(&c.scratch);
    return c.failed ? 1 : 0;
}
