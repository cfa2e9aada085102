/* export.c: checked model -> JSON Schema (draft 2020-12), beside the generated C.
 * Every model is a $defs entry named by its C type; "x-apigen-operations" maps each
 * operation's request and responses to them. Other validators (ajv in tests/differential)
 * read it, so the generated validators can be checked against an independent one.
 * The schema writer here is the only one: export_openapi.c spells its components.schemas
 * with it too (export_dialect). */
#define _POSIX_C_SOURCE 200809L
#include "export.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "json_text.h"
#include "vocab.h"

/* Numbers keep their exact spelling: cJSON's printer would round 9007199254740991. */
static cJSON *exact_number(const bound *b)
{
    char buf[JSON_DOUBLE_MAX];
    if (b->is_int)
        snprintf(buf, sizeof buf, "%lld", (long long)b->i);
    else
        json_double_text(b->d, buf);
    return json_must(cJSON_CreateRaw(buf));
}

static void add_count(cJSON *o, const char *key, int64_t v)
{
    if (v >= 0) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)v);
        cJSON_AddItemToObject(o, key, json_must(cJSON_CreateRaw(buf)));
    }
}

/* A scalar value (const, default) as JSON. */
static cJSON *scalar_json(const model_value *v)
{
    switch (v->kind) {
    case VALUE_BOOL:
        return json_must(cJSON_CreateBool(v->b));
    case VALUE_INTEGER: {
        if (!v->fits)
            return json_must(cJSON_CreateNull()); /* the checker refuses these */
        bound b = {v->at, true, v->i, 0, NULL};
        return exact_number(&b);
    }
    case VALUE_NUMBER: {
        bound b = {v->at, false, 0, v->d, NULL};
        return exact_number(&b);
    }
    case VALUE_STRING:
        return json_must(cJSON_CreateString(v->text));
    default:
        return json_must(cJSON_CreateNull());
    }
}

const export_dialect EXPORT_JSON_SCHEMA = {"#/$defs/", false};
const export_dialect EXPORT_OPENAPI = {"#/components/schemas/", true};

/* A "<ref_base><name>" reference string node. */
static cJSON *def_ref(const char *c_name, const export_dialect *d)
{
    size_t n = strlen(d->ref_base) + strlen(c_name) + 1;
    char *ref = malloc(n);
    if (ref == NULL) {
        diag_out_of_memory();
    }
    snprintf(ref, n, "%s%s", d->ref_base, c_name);
    cJSON *item = json_must(cJSON_CreateString(ref));
    free(ref);
    return item;
}

/* "type": T, or [T, "null"] when nullable. */
static void add_type(cJSON *o, const char *type, bool nullable)
{
    if (!nullable) {
        cJSON_AddItemToObject(o, KW(TYPE), json_must(cJSON_CreateString(type)));
        return;
    }
    const char *both[] = {type, "null"};
    cJSON_AddItemToObject(o, KW(TYPE), json_must(cJSON_CreateStringArray(both, 2)));
}

static void add_bound(cJSON *o, const char *key, const bound *b)
{
    if (b->at)
        cJSON_AddItemToObject(o, key, exact_number(b));
}

/* The pattern of format e164 as apigen_rt.h defines it ("+", then 2 to 15 digits, the first
 * not 0): OpenAPI readers do not know the format (JSON Schema 2020-12 7.2: an unknown format
 * is an annotation), so a mock server such as Prism would accept any string without it. */
#define E164_PATTERN "^\\+[1-9][0-9]{1,14}$"

/* OpenAPI only: what a JSON Schema validator ignores but an OpenAPI reader shows (title,
 * the example as "examples", an integer's format int64, a sensitive value as format
 * password), x-apigen-sensitive, and format e164 spelled as its pattern too (when the
 * schema has no pattern of its own: a schema holds one). */
static void add_annotations(cJSON *o, const schema *s, const schema *e, const export_dialect *d)
{
    if (!d->openapi)
        return;
    const char *title = s->title ? s->title : e->title;
    if (title)
        cJSON_AddItemToObject(o, "title", json_must(cJSON_CreateString(title)));
    const model_value *example = s->example ? s->example : e->example;
    if (example) {
        cJSON *list = json_must(cJSON_CreateArray());
        cJSON_AddItemToArray(list, export_value(example));
        cJSON_AddItemToObject(o, "examples", list);
    }
    if (e->format && e->format->id == APIGEN_FORMAT_E164 && e->pattern == NULL)
        cJSON_AddItemToObject(o, KW(PATTERN), json_must(cJSON_CreateString(E164_PATTERN)));
    if (e->type == TYPE_INTEGER) /* apigen's integers are int64_t (OpenAPI's data type) */
        cJSON_AddItemToObject(o, KW(FORMAT), json_must(cJSON_CreateString("int64")));
    if (e->sensitive) {
        if (e->type == TYPE_STRING && e->format == NULL)
            cJSON_AddItemToObject(o, KW(FORMAT), json_must(cJSON_CreateString("password")));
        cJSON_AddItemToObject(o, "x-apigen-sensitive", json_must(cJSON_CreateTrue()));
    }
}

cJSON *export_value(const model_value *v)
{
    arena a;
    arena_init(&a);
    cJSON *item = json_must(cJSON_CreateRaw(json_value_text(&a, v)));
    arena_free(&a);
    return item;
}

cJSON *export_schema(const schema *s, const export_dialect *d)
{
    const schema *e = schema_effective(s);
    cJSON *o = json_must(cJSON_CreateObject());
    if (e == NULL)
        return o;
    const char *desc = s->description ? s->description : e->description;
    if (e->type == TYPE_OBJECT && !e->free_form && e->c_name) {
        /* Nested models are references; null beside a reference needs anyOf (nullable on the
         * target, or on the $ref: {$ref: User, nullable: true}). */
        if (schema_nullable(s)) {
            cJSON *any = json_must(cJSON_CreateArray());
            cJSON *r = json_must(cJSON_CreateObject());
            cJSON_AddItemToObject(r, KW(REF), def_ref(e->c_name, d));
            cJSON_AddItemToArray(any, r);
            cJSON *null = json_must(cJSON_CreateObject());
            cJSON_AddItemToObject(null, KW(TYPE), json_must(cJSON_CreateString("null")));
            cJSON_AddItemToArray(any, null);
            cJSON_AddItemToObject(o, "anyOf", any);
        } else {
            cJSON_AddItemToObject(o, KW(REF), def_ref(e->c_name, d));
        }
        if (desc)
            cJSON_AddItemToObject(o, KW(DESCRIPTION), json_must(cJSON_CreateString(desc)));
        add_annotations(o, s, s, d);
        return o;
    }
    if (desc)
        cJSON_AddItemToObject(o, KW(DESCRIPTION), json_must(cJSON_CreateString(desc)));
    bool nullable = schema_nullable(s); /* a nullable $ref to a named scalar or array too */
    if (e->type != TYPE_ANY)            /* any: no "type" keyword */
        add_type(o, schema_type_name(e->type), nullable);
    if (e->enum_count) {
        cJSON *list = json_must(cJSON_CreateStringArray(e->enum_values, (int)e->enum_count));
        if (nullable)
            cJSON_AddItemToArray(list, json_must(cJSON_CreateNull()));
        cJSON_AddItemToObject(o, KW(ENUM), list);
    }
    if (e->const_value)
        cJSON_AddItemToObject(o, KW(CONST), scalar_json(e->const_value));
    if (e->default_value)
        cJSON_AddItemToObject(o, KW(DEFAULT), scalar_json(e->default_value));
    if (e->pattern)
        cJSON_AddItemToObject(o, KW(PATTERN), json_must(cJSON_CreateString(e->pattern)));
    add_count(o, KW(MIN_LENGTH), e->min_length);
    add_count(o, KW(MAX_LENGTH), e->max_length);
    if (e->format)
        cJSON_AddItemToObject(o, KW(FORMAT), json_must(cJSON_CreateString(e->format->name)));
    add_bound(o, KW(MINIMUM), &e->minimum);
    add_bound(o, KW(MAXIMUM), &e->maximum);
    add_bound(o, KW(EXCLUSIVE_MINIMUM), &e->exclusive_minimum);
    add_bound(o, KW(EXCLUSIVE_MAXIMUM), &e->exclusive_maximum);
    if (e->items)
        cJSON_AddItemToObject(o, KW(ITEMS), export_schema(e->items, d));
    add_count(o, KW(MIN_ITEMS), e->min_items);
    add_count(o, KW(MAX_ITEMS), e->max_items);
    if (e->unique_items)
        cJSON_AddItemToObject(o, KW(UNIQUE_ITEMS), json_must(cJSON_CreateTrue()));
    if (e->read_only)
        cJSON_AddItemToObject(o, KW(READ_ONLY), json_must(cJSON_CreateTrue()));
    if (e->write_only)
        cJSON_AddItemToObject(o, KW(WRITE_ONLY), json_must(cJSON_CreateTrue()));
    add_annotations(o, s, e, d);
    return o;
}

cJSON *export_model(const schema *m, const export_dialect *d)
{
    if (m->root_value) /* a body's own model: the document is its one member's value */
        return export_schema(m->props[0].schema, d);
    cJSON *o = json_must(cJSON_CreateObject());
    if (m->description)
        cJSON_AddItemToObject(o, KW(DESCRIPTION), json_must(cJSON_CreateString(m->description)));
    add_annotations(o, m, m, d);
    add_type(o, schema_type_name(TYPE_OBJECT), false);
    cJSON *props = json_must(cJSON_CreateObject());
    cJSON *required = json_must(cJSON_CreateArray());
    for (size_t i = 0; i < m->prop_count; i++) {
        cJSON_AddItemToObject(props, m->props[i].name, export_schema(m->props[i].schema, d));
        if (m->props[i].required)
            cJSON_AddItemToArray(required, json_must(cJSON_CreateString(m->props[i].name)));
    }
    cJSON_AddItemToObject(o, KW(PROPERTIES), props);
    if (cJSON_GetArraySize(required) > 0)
        cJSON_AddItemToObject(o, KW(REQUIRED), required);
    else
        cJSON_Delete(required);
    if (m->closed)
        cJSON_AddItemToObject(o, KW(ADDITIONAL_PROPERTIES), json_must(cJSON_CreateFalse()));
    return o;
}

static void add_model_ref(cJSON *o, const char *key, schema *s)
{
    schema *e = schema_body_model(s);
    if (e == NULL || e->c_name == NULL)
        return;
    cJSON_AddItemToObject(o, key, def_ref(e->c_name, &EXPORT_JSON_SCHEMA));
}

/* Output on its way to the writer, in pieces of about 64 KiB. */
typedef struct out {
    char buf[65536];
    size_t len;
    writer_file *w;
    int failed;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->len + n > sizeof o->buf) {
        if (o->failed == 0 && writer_put(o->w, o->buf, o->len) != 0)
            o->failed = -1;
        o->len = 0;
        if (n > sizeof o->buf) {
            if (o->failed == 0 && writer_put(o->w, s, n) != 0)
                o->failed = -1;
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static out *out_new(writer_file *w)
{
    out *o = calloc(1, sizeof *o);
    if (o == NULL)
        json_must(NULL);
    o->w = w;
    return o;
}

/* Writes what is left and frees o: 0, or -1 when the writer failed. */
static int out_finish(out *o)
{
    if (o->failed == 0 && o->len > 0 && writer_put(o->w, o->buf, o->len) != 0)
        o->failed = -1;
    int rc = o->failed;
    free(o);
    return rc;
}

static void put_str(out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* A newline and 2 * depth spaces. */
static void put_indent(out *o, int depth)
{
    static const char spaces[] = "                                ";
    put(o, "\n", 1);
    for (size_t n = 2 * (size_t)depth; n > 0;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        put(o, spaces, k);
        n -= k;
    }
}

static void write_string(out *o, const char *s)
{
    put(o, "\"", 1);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        if (json_escape(*p, esc) == NULL)
            continue;
        put(o, run, (size_t)((const char *)p - run));
        put_str(o, esc);
        run = (const char *)p + 1;
    }
    put_str(o, run);
    put(o, "\"", 1);
}

/* Two-space indented JSON; raw nodes (exact numbers) as they are. Short scalar arrays stay
 * on one line. */
static void write_json(out *o, const cJSON *v, int depth)
{
    if (cJSON_IsRaw(v)) {
        put_str(o, v->valuestring);
    } else if (cJSON_IsString(v)) {
        write_string(o, v->valuestring);
    } else if (cJSON_IsBool(v)) {
        put_str(o, cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNull(v)) {
        put_str(o, "null");
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        bool object = cJSON_IsObject(v);
        bool flat = !object;
        for (const cJSON *c = v->child; c && flat; c = c->next)
            flat = !cJSON_IsArray(c) && !cJSON_IsObject(c);
        put(o, object ? "{" : "[", 1);
        for (const cJSON *c = v->child; c; c = c->next) {
            if (flat) {
                put_str(o, c == v->child ? "" : ", ");
            } else {
                put_str(o, c == v->child ? "" : ",");
                put_indent(o, depth + 1);
            }
            if (object) {
                write_string(o, c->string);
                put(o, ": ", 2);
            }
            write_json(o, c, depth + 1);
        }
        if (!flat && v->child)
            put_indent(o, depth);
        put(o, object ? "}" : "]", 1);
    }
}

/* Member `key` of an object whose members are at `depth`, preceded by a comma unless it is
 * the first; value is written and deleted. */
static void write_member(out *o, bool first, const char *key, cJSON *value, int depth)
{
    put_str(o, first ? "" : ",");
    put_indent(o, depth);
    write_string(o, key);
    put(o, ": ", 2);
    write_json(o, value, depth);
    cJSON_Delete(value);
}

int export_write_json(const cJSON *doc, writer_file *w)
{
    out *o = out_new(w);
    write_json(o, doc, 0);
    put(o, "\n", 1);
    return out_finish(o);
}

static cJSON *operation_json(const operation *op)
{
    cJSON *o = json_must(cJSON_CreateObject());
    cJSON_AddItemToObject(o, "method", json_must(cJSON_CreateString(op->method ? op->method : "")));
    cJSON_AddItemToObject(o, "path", json_must(cJSON_CreateString(op->path ? op->path : "")));
    add_model_ref(o, "path_params", op->path_params);
    add_model_ref(o, "query_params", op->query_params);
    add_model_ref(o, "header_params", op->header_params);
    add_model_ref(o, "request", op->request);
    cJSON *responses = json_must(cJSON_CreateObject());
    for (size_t j = 0; j < op->response_count; j++) {
        schema *e = schema_body_model(op->responses[j].schema);
        if (e && e->c_name)
            add_model_ref(responses, op->responses[j].status, op->responses[j].schema);
        else
            cJSON_AddItemToObject(responses, op->responses[j].status,
                                  json_must(cJSON_CreateNull()));
    }
    cJSON_AddItemToObject(o, "responses", responses);
    return o;
}

int export_json_schema(const spec_api *api, writer_file *w)
{
    out *o = out_new(w);
    put(o, "{", 1);
    write_member(o, true, "$schema",
                 json_must(cJSON_CreateString("https://json-schema.org/draft/2020-12/schema")), 1);
    put_str(o, ",");
    put_indent(o, 1);
    put_str(o, "\"$id\": ");
    put_str(o, "\"apigen:");
    put_str(o, api->prefix); /* a C identifier: nothing to escape */
    put_str(o, "\"");
    if (api->title)
        write_member(o, false, "title", json_must(cJSON_CreateString(api->title)), 1);

    put_str(o, ",");
    put_indent(o, 1);
    put_str(o, "\"$defs\": {");
    for (size_t i = 0; i < api->model_count; i++)
        write_member(o, i == 0, api->models[i]->c_name,
                     export_model(api->models[i], &EXPORT_JSON_SCHEMA), 2);
    if (api->model_count > 0)
        put_indent(o, 1);
    put_str(o, "}");

    put_str(o, ",");
    put_indent(o, 1);
    put_str(o, "\"x-apigen-operations\": {");
    for (size_t i = 0; i < api->op_count; i++)
        write_member(o, i == 0, api->ops[i].full_name, operation_json(&api->ops[i]), 2);
    if (api->op_count > 0)
        put_indent(o, 1);
    put_str(o, "}\n}\n");
    return out_finish(o);
}
