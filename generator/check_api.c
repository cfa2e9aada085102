/* check_api.c: the apigen format's front end, spec tree (spec_tree.h) -> model (model.h): the
 * sections api, auth, schemas and operations (parameters, request, responses, error codes,
 * examples), each key checked. Schemas are read by check_schema.c, C-naming rules applied by
 * layout.c; then check_finish (check_model.c) runs the stages after reading: resolve.c, layout.c
 * and examples.c. Every problem is reported with its place and the check goes on, so one run
 * shows all of a spec's mistakes. */
#include "check_api.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_model.h"
#include "check_schema.h"
#include "check_util.h"
#include "json_text.h"
#include "layout.h"

static const char *const METHODS[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

/* A parameter group: an object schema written without `type`. */
static schema *parse_params(checker *c, const node *n, const char *group)
{
    if (!expect_kind(c, n, NODE_MAPPING, group))
        return NULL;
    check_keys(c, n, KEYS(KW(REQUIRED), KW(PROPERTIES), KW(DESCRIPTION)), "a parameter group");
    schema *s = schema_new(c->a, n);
    s->type = TYPE_OBJECT;
    s->description = get_text(c, n, KW(DESCRIPTION));
    parse_properties(c, s, n, group);
    if (s->prop_count == 0)
        return NULL;
    return s;
}

/* The spellings of param_style (model.h), in its order: OpenAPI 3.1's for query parameters. */
static const char *const QUERY_STYLES[] = {"form", "spaceDelimited", "pipeDelimited", "deepObject"};
static const char *const STYLE_KEYS[] = {"style", "explode"};

/* Reads `style` and `explode` off the property schemas of query group g (OpenAPI 3.1 section
 * 4.8.12.4: a Parameter Object's fields, written on the property that is the parameter) into
 * op->query_styles, and returns g with them removed for parse_params; in another group they are
 * errors. Defaults as OpenAPI's: style form; explode true for form, else false (deepObject is
 * only defined exploded, so it is read as exploded). Only combinations the style table of
 * section 4.8.12.5 defines are accepted: spaceDelimited and pipeDelimited not exploded,
 * deepObject exploded. */
static const node *take_styles(checker *c, const node *g, operation *op, bool query)
{
    const node *props = node_get(g, KW(PROPERTIES));
    if (props == NULL || props->kind != NODE_MAPPING)
        return g;
    node *props_copy = NULL;
    for (size_t i = 0; i < props->count; i++) {
        const node *v = props->pairs[i].value;
        const node *style = node_get(v, "style"), *explode = node_get(v, "explode");
        if (style == NULL && explode == NULL)
            continue;
        if (!query) {
            error_at(c, style ? style : explode,
                     "'%s' applies to %s only (path and header arrays are written in style "
                     "simple, items joined by ','; cookies are scalars)",
                     style ? "style" : "explode", c->words->query_params);
        } else {
            if (op->query_styles == NULL)
                op->query_styles =
                    arena_alloc(c->a, (props->count ? props->count : 1) * sizeof *op->query_styles);
            query_style *qs = &op->query_styles[i];
            qs->at = style ? style : props->pairs[i].key;
            const char *name = get_string(c, v, "style");
            bool known = name == NULL;
            for (size_t k = 0; name && k < 4 && !known; k++)
                if (strcmp(name, QUERY_STYLES[k]) == 0) {
                    qs->style = (param_style)k;
                    known = true;
                }
            const char *near = known ? NULL : closest(name, QUERY_STYLES, 4);
            if (!known)
                error_at(c, style,
                         "unknown query parameter style '%s'%s%s%s: form, spaceDelimited, "
                         "pipeDelimited or deepObject",
                         name, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            bool fallback = qs->style == STYLE_FORM || qs->style == STYLE_DEEP_OBJECT;
            qs->explode = get_bool(c, v, "explode", fallback);
            if (explode && qs->explode != fallback && qs->style != STYLE_FORM)
                error_at(c, explode, "style %s is only defined %s (OpenAPI 3.1 section 4.8.12.5)%s",
                         QUERY_STYLES[qs->style], fallback ? "exploded" : "not exploded",
                         fallback ? "" : "; an exploded array is style form");
        }
        if (props_copy == NULL) {
            props_copy = arena_alloc(c->a, sizeof *props_copy);
            *props_copy = *props;
            props_copy->pairs = arena_alloc(c->a, props->count * sizeof *props_copy->pairs);
            memcpy(props_copy->pairs, props->pairs, props->count * sizeof *props_copy->pairs);
        }
        props_copy->pairs[i].value = (node *)node_without(c, v, STYLE_KEYS, 2);
    }
    if (op->query_styles != NULL) /* the rows not written: form, exploded */
        for (size_t i = 0; i < props->count; i++)
            if (op->query_styles[i].at == NULL) {
                op->query_styles[i].at = props->pairs[i].key;
                op->query_styles[i].explode = true;
            }
    if (props_copy == NULL)
        return g;
    node *g_copy = arena_alloc(c->a, sizeof *g_copy);
    *g_copy = *g;
    g_copy->pairs = arena_alloc(c->a, g->count * sizeof *g_copy->pairs);
    memcpy(g_copy->pairs, g->pairs, g->count * sizeof *g_copy->pairs);
    for (size_t i = 0; i < g->count; i++)
        if (g->pairs[i].value == props)
            g_copy->pairs[i].value = props_copy;
    return g_copy;
}

/* The `examples` of m (a mapping name -> value) into *out and *count; returns their node, or
 * NULL when there are none or they are refused. */
static const node *parse_examples(checker *c, const node *m, model_example **out, size_t *count)
{
    const node *ex = node_get(m, "examples");
    if (ex == NULL || !expect_kind(c, ex, NODE_MAPPING, "'examples'"))
        return NULL;
    *out = arena_alloc(c->a, (ex->count ? ex->count : 1) * sizeof **out);
    *count = ex->count;
    for (size_t i = 0; i < ex->count; i++) {
        model_example *e = &(*out)[i];
        e->name = ex->pairs[i].key->text;
        e->key = *json_value_of_yaml(c->a, ex->pairs[i].key);
        e->value = *json_value_of_yaml(c->a, ex->pairs[i].value);
    }
    return ex;
}

/* Whether type[0..len) starts with the media type prefix p, case-insensitively. */
static bool media_is(const char *type, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && strncasecmp(type, p, n) == 0;
}

/* The media type of a body with a schema, case-insensitive and parameters (charset) allowed
 * (RFC 9110 section 8.3.1). JSON (application/json or any type/subtype+json, RFC 6839 section
 * 3.1) is read and written as such; text/ * and application/octet-stream are raw bytes (returns
 * true: no C model, apigen_bytes), and so on a response is a media range (RFC 9110 section
 * 12.5.1: the type of every type, or type/ * written without the space). Form and
 * multipart/form-data request bodies are read by the caller (is_form_media_type, is_multipart_form)
 * before this; any other multipart type, or a form response, would have the client send or expect
 * something else under its name, so it is refused, as is any other type, until apigen writes that
 * kind. */
static bool check_body_media_type(checker *c, const node *owner, const char *type, const char *what,
                                  bool is_response)
{
    if (type == NULL)
        return false;
    size_t len = strcspn(type, "; \t");
    const char *slash = memchr(type, '/', len);
    bool json = len == 16 && strncasecmp(type, "application/json", 16) == 0;
    json = json || (slash && len >= 5 && strncasecmp(type + len - 5, "+json", 5) == 0);
    if (json)
        return false;
    const node *at = node_get(owner, "content_type");
    bool range = slash && slash == type + len - 2 && type[len - 1] == '*';
    if ((len == 24 && media_is(type, len, "application/octet-stream")) ||
        (media_is(type, len, "text/") && !range))
        return true;
    if (range && is_response)
        return true;
    if (range)
        error_at(c, at, "%s needs one media type, not the range '%s'", what, type);
    else if (media_is(type, len, "application/x-www-form-urlencoded") ||
             media_is(type, len, "multipart/"))
        error_at(c, at,
                 "%s: content_type '%s' is not supported yet (%s are not written by apigen; "
                 "%s are)",
                 what, type,
                 is_response ? "multipart and form responses"
                             : "multipart bodies other than multipart/form-data",
                 is_response ? "JSON, text/* or application/octet-stream"
                             : "JSON, text/*, application/octet-stream, "
                               "application/x-www-form-urlencoded or multipart/form-data");
    else
        error_at(c, at,
                 "%s: content_type '%s' is not supported (application/json or a +json type, "
                 "text/*, application/octet-stream%s)",
                 what, type, is_response ? ", or a range such as */*" : "");
    return false;
}

/* Whether type is application/x-www-form-urlencoded (parameters allowed, case-insensitive). */
static bool is_form_media_type(const char *type)
{
    size_t len = type ? strcspn(type, "; \t") : 0;
    return len == 33 && media_is(type, len, "application/x-www-form-urlencoded");
}

/* Whether type is multipart/form-data (parameters allowed, case-insensitive; a boundary
 * parameter written in the spec is replaced by the one made per request). */
static bool is_multipart_form(const char *type)
{
    size_t len = type ? strcspn(type, "; \t") : 0;
    return len == 19 && media_is(type, len, "multipart/form-data");
}

/* The request's `encoding` map (OpenAPI 3.1 section 4.8.15, Encoding Object: a Media Type
 * Object's field for form bodies, keyed by top-level property name) into op->request_encoding:
 * `style` (form or deepObject: the styles a form body has; OpenAPI's default form) and
 * `explode` (default true for form). Beside another media type it is an error, as OpenAPI
 * says it applies to form and multipart bodies only. Whether each name is a property and its
 * style fits the property's type is checked once refs are resolved (check_form_body). */
static void parse_body_encoding(checker *c, operation *op, const node *req)
{
    static const char *const styles[] = {"form", "deepObject"};
    const node *enc = node_get(req, "encoding");
    if (enc == NULL || !expect_kind(c, enc, NODE_MAPPING, "'encoding'"))
        return;
    if (!op->request_form && !op->request_multipart) {
        error_at(c, enc,
                 "'encoding' applies to a request whose content_type is "
                 "application/x-www-form-urlencoded or multipart/form-data (OpenAPI 3.1 section "
                 "4.8.15)");
        return;
    }
    op->request_encoding = arena_alloc(c->a, (enc->count ? enc->count : 1) * sizeof(body_encoding));
    for (size_t i = 0; i < enc->count; i++) {
        const node *v = enc->pairs[i].value;
        body_encoding *e = &op->request_encoding[op->request_encoding_count];
        if (!expect_kind(c, v, NODE_MAPPING, "an encoding entry"))
            continue;
        check_keys(c, v, KEYS("style", "explode", "contentType", "allowReserved", "headers"),
                   "an encoding entry");
        if (op->request_multipart) {
            const node *bad = node_get(v, "style")     ? node_get(v, "style")
                              : node_get(v, "explode") ? node_get(v, "explode")
                              : node_get(v, "headers") ? node_get(v, "headers")
                                                       : node_get(v, "allowReserved");
            if (bad != NULL)
                error_at(c, bad,
                         "a multipart/form-data encoding entry takes 'contentType' only (the "
                         "media type of a file part); parts have no style");
            e->name = enc->pairs[i].key->text;
            e->at = enc->pairs[i].key;
            e->key = e->at;
            e->explode = true;
            e->content_type = get_string(c, v, "contentType");
            op->request_encoding_count++;
            continue;
        }
        if (node_get(v, "contentType") || node_get(v, "headers") || node_get(v, "allowReserved")) {
            const node *bad = node_get(v, "contentType") ? node_get(v, "contentType")
                              : node_get(v, "headers")   ? node_get(v, "headers")
                                                         : node_get(v, "allowReserved");
            error_at(c, bad,
                     "an application/x-www-form-urlencoded body writes every value as text: "
                     "'contentType', 'headers' and 'allowReserved' are not supported");
        }
        e->name = enc->pairs[i].key->text;
        e->at = enc->pairs[i].key;
        e->style = STYLE_FORM;
        const char *name = get_string(c, v, "style");
        e->style_set = name != NULL;
        if (name && strcmp(name, "deepObject") == 0)
            e->style = STYLE_DEEP_OBJECT;
        else if (name && strcmp(name, "form") != 0) {
            const char *near = closest(name, styles, 2);
            error_at(c, node_get(v, "style"),
                     "unknown form body style '%s'%s%s%s: form or deepObject", name,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
        }
        e->explode = get_bool(c, v, "explode", true);
        e->key = node_get(v, "style")     ? node_get(v, "style")
                 : node_get(v, "explode") ? node_get(v, "explode")
                                          : e->at;
        if (e->style == STYLE_DEEP_OBJECT && !e->explode)
            error_at(c, node_get(v, "explode"),
                     "style deepObject is only defined exploded (OpenAPI 3.1 section 4.8.12.5)");
        for (size_t j = 0; j < op->request_encoding_count; j++)
            if (strcmp(op->request_encoding[j].name, e->name) == 0)
                error_at(c, e->at, "encoding for '%s' is given twice", e->name);
        op->request_encoding_count++;
    }
}

static void parse_error_codes(checker *c, response *r, const node *list)
{
    if (!expect_kind(c, list, NODE_SEQUENCE, "'error_codes'"))
        return;
    r->error_codes = arena_alloc(c->a, (list->count ? list->count : 1) * sizeof *r->error_codes);
    for (size_t i = 0; i < list->count; i++) {
        const node *e = list->items[i];
        if (!expect_kind(c, e, NODE_MAPPING, "an error code"))
            continue;
        check_keys(c, e, KEYS("code", "message", "description"), "an error code");
        const node *code = node_get(e, "code");
        if (code == NULL) {
            error_at(c, e, "an error code needs 'code'");
            continue;
        }
        if (code->kind != NODE_SCALAR ||
            (code->type != SCALAR_INT && code->type != SCALAR_STRING)) {
            error_at(c, code, "'code' must be an integer or a string, not %s", node_describe(code));
            continue;
        }
        error_code *ec = &r->error_codes[r->error_code_count++];
        ec->at = code;
        ec->code = code->text;
        ec->is_integer = code->type == SCALAR_INT;
        int64_t value;
        if (ec->is_integer && !node_int(code, &value))
            error_at(c, code, "error code '%s' does not fit in 64 bits", code->text);
        else if (ec->is_integer) /* in decimal, as C reads it: 010 and 0x1F are 10 and 31 */
            ec->code = arena_printf(c->a, "%" PRId64, value);
        ec->message = get_text(c, e, "message");
        ec->description = get_text(c, e, "description");
    }
}

/* ------------------------------------------------------------ components ---- */
/* The top-level `responses`, `parameters` and `headers` (OpenAPI 3.1 section 4.8.7, Components
 * Object, spelled as `schemas` is): declared once by name, referenced as {$ref: Name}, or
 * OpenAPI's "#/components/responses/Name". Each use reads its declaration again, so that each
 * use is a model of its own place (its C types are named after the operation, as if written
 * there); only the first use reports the declaration's mistakes, and one no operation uses is
 * read once at the end for them. A $ref may name another declaration of the same kind (a chain
 * that must end). */

/* While reading a declaration again: its diagnostics go nowhere (the first use reported them). */
typedef struct quiet_scope {
    diag *saved;
    diag scratch;
    FILE *sink;
} quiet_scope;

/* Starts a quiet scope when quiet (a no-op otherwise); always true, for `if` chains. */
static bool quiet_begin(checker *c, quiet_scope *q, bool quiet)
{
    q->saved = NULL;
    q->sink = quiet ? fopen("/dev/null", "w") : NULL;
    if (q->sink != NULL) {
        diag_init(&q->scratch, q->sink);
        q->saved = c->d;
        c->d = &q->scratch;
    }
    return true;
}

static void quiet_end(checker *c, quiet_scope *q)
{
    if (q->saved != NULL) {
        c->d = q->saved;
        fclose(q->sink);
    }
}

static const char *const COMPONENT_KINDS[] = {"responses", "parameters", "headers"};

/* The singular of a component kind, for messages. */
static const char *component_noun(const char *kind)
{
    return strcmp(kind, "responses") == 0    ? "response"
           : strcmp(kind, "parameters") == 0 ? "parameter"
                                             : "header";
}

/* The declaration name a $ref value names for kind: "Name", or "#/components/<kind>/Name";
 * NULL (reported at at) for a pointer elsewhere. */
static const char *component_name(checker *c, const char *kind, const char *ref, const node *at)
{
    static const char prefix[] = "#/components/";
    if (strncmp(ref, prefix, sizeof prefix - 1) != 0)
        return ref;
    const char *k = ref + sizeof prefix - 1;
    size_t klen = strcspn(k, "/");
    if (k[klen] == '/' && klen == strlen(kind) && strncmp(k, kind, klen) == 0)
        return k + klen + 1;
    error_at(c, at, "'$ref: %s' points elsewhere: a %s is referenced here ('Name' or '%s%s/Name')",
             ref, component_noun(kind), prefix, kind);
    return NULL;
}

/* Reports a name no declaration of kind has: declared as another kind, a schema, or unknown. */
static void component_missing(checker *c, const char *kind, const char *name, const node *at)
{
    for (size_t i = 0; i < sizeof COMPONENT_KINDS / sizeof *COMPONENT_KINDS; i++) {
        const node *other = node_get(c->root, COMPONENT_KINDS[i]);
        if (strcmp(COMPONENT_KINDS[i], kind) != 0 && other && other->kind == NODE_MAPPING &&
            node_get(other, name)) {
            error_at(c, at, "'%s' is a %s (under '%s'), not a %s", name,
                     component_noun(COMPONENT_KINDS[i]), COMPONENT_KINDS[i], component_noun(kind));
            return;
        }
    }
    if (strmap_get(&c->schemas, name)) {
        error_at(c, at, "'%s' is a schema (under 'schemas'), not a %s", name, component_noun(kind));
        return;
    }
    const node *decls = node_get(c->root, kind);
    size_t count = decls && decls->kind == NODE_MAPPING ? decls->count : 0;
    const char **names = arena_alloc(c->a, (count ? count : 1) * sizeof *names);
    for (size_t i = 0; i < count; i++)
        names[i] = decls->pairs[i].key->text;
    const char *near = closest(name, names, count);
    error_at(c, at, "unknown %s '%s'%s%s%s (declared under '%s')", component_noun(kind), name,
             near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "", kind);
}

/* The declaration of kind that the $ref node ref names (following a chain of $refs), or NULL
 * (reported). *quiet: it was read before (its mistakes reported then). */
static const node *component(checker *c, const char *kind, const node *ref, bool *quiet)
{
    *quiet = false;
    if (ref->kind != NODE_SCALAR || ref->type != SCALAR_STRING) {
        error_at(c, ref, "'$ref' names a %s: a string, not %s", component_noun(kind),
                 node_describe(ref));
        return NULL;
    }
    const node *decls = node_get(c->root, kind);
    size_t count = decls && decls->kind == NODE_MAPPING ? decls->count : 0;
    const node *at = ref;
    for (size_t hops = 0;; hops++) {
        const char *name = component_name(c, kind, at->text, at);
        if (name == NULL)
            return NULL;
        const node *decl = count ? node_get(decls, name) : NULL;
        if (decl == NULL) {
            component_missing(c, kind, name, at);
            return NULL;
        }
        const node *next = decl->kind == NODE_MAPPING ? node_get(decl, "$ref") : NULL;
        if (next == NULL) {
            const char *used = arena_printf(c->a, "%s/%s", kind, name);
            *quiet = strmap_get(&c->components_used, used) != NULL;
            strmap_put(&c->components_used, used, decl);
            return decl;
        }
        if (next->kind != NODE_SCALAR || next->type != SCALAR_STRING || hops > count) {
            error_at(c, ref, "%s '%s' refers to itself through '$ref' (a cycle)",
                     component_noun(kind), ref->text);
            return NULL;
        }
        at = next;
    }
}

/* One Header Object (OpenAPI 3.1 section 4.8.21: {description, required, deprecated, schema})
 * into property p of the response's header model. */
static void parse_header_object(checker *c, property *p, const node *n)
{
    p->schema = NULL;
    if (!expect_kind(c, n, NODE_MAPPING, "a header ({schema, required, description})"))
        return;
    const node *ref = node_get(n, "$ref");
    if (ref != NULL) { /* a declaration of `headers` */
        if (n->count != 1)
            error_at(c, n, "a header with '$ref' has no other key");
        bool quiet = false;
        const node *decl = component(c, "headers", ref, &quiet);
        quiet_scope q;
        if (decl != NULL && quiet_begin(c, &q, quiet)) {
            parse_header_object(c, p, decl);
            quiet_end(c, &q);
        }
        return;
    }
    check_keys(c, n, KEYS("description", "required", "deprecated", "schema"), "a header");
    p->required = get_bool(c, n, "required", false);
    get_bool(c, n, "deprecated", false);
    const node *sch = node_get(n, "schema");
    if (sch == NULL) {
        error_at(c, n, "header '%s' needs a 'schema' (its type: string, integer, ...)", p->name);
        return;
    }
    p->schema = parse_schema(c, sch, "a header schema");
    if (p->schema->ref == NULL && p->schema->ref_name == NULL) /* else once resolved */
        check_header_schema(c, p);
    const char *d = get_text(c, n, "description");
    if (d && p->schema->description == NULL)
        p->schema->description = d;
}

/* A response's `headers` (OpenAPI 3.1 section 4.8.17.1): header name -> Header Object, into an
 * object schema whose properties are the headers. */
static void parse_response_headers(checker *c, response *r, const node *m)
{
    if (!expect_kind(c, m, NODE_MAPPING, "'headers' (header name: {schema, required})"))
        return;
    schema *s = schema_new(c->a, m);
    s->type = TYPE_OBJECT;
    s->props = arena_alloc(c->a, (m->count ? m->count : 1) * sizeof *s->props);
    for (size_t i = 0; i < m->count; i++) {
        const node *key = m->pairs[i].key;
        if (!is_token(key->text)) {
            error_at(c, key,
                     "response header '%s' is not a header field name (an RFC 9110 token: "
                     "letters, digits and !#$%%&'*+-.^_`|~)",
                     key->text);
            continue;
        }
        if (strcasecmp(key->text, "Content-Type") == 0) { /* OpenAPI 3.1 4.8.17.1 */
            error_at(c, key, "response header 'Content-Type' is described by 'content_type'");
            continue;
        }
        for (size_t k = 0; k < s->prop_count; k++)
            if (strcasecmp(s->props[k].name, key->text) == 0)
                error_at(c, key,
                         "response header '%s' is documented twice ('%s'): header names are "
                         "case-insensitive (RFC 9110 section 5.1)",
                         key->text, s->props[k].name);
        property *p = &s->props[s->prop_count++];
        p->name = key->text;
        p->at = key;
        parse_header_object(c, p, m->pairs[i].value);
        if (p->schema == NULL)
            s->prop_count--;
    }
    if (s->prop_count > 0)
        r->headers = s;
}

static void parse_response_body(checker *c, response *r, const node *n);

/* The declaration decl read as response r, quietly when it was read before. */
static void parse_response_body_as(checker *c, response *r, const node *decl, bool quiet)
{
    quiet_scope q;
    quiet_begin(c, &q, quiet);
    parse_response_body(c, r, decl);
    quiet_end(c, &q);
}

static void parse_response(checker *c, response *r, const node *key, const node *n)
{
    r->at = key;
    r->status = key->text;
    const char *t = key->text;
    bool range_shape = key->len == 3 && t[0] >= '1' && t[0] <= '5' &&
                       (t[1] == 'X' || t[1] == 'x') && (t[2] == 'X' || t[2] == 'x');
    if (strcmp(t, "default") == 0) {
        r->status_code = 0;
    } else if (range_shape && t[1] == 'X' && t[2] == 'X') {
        r->status_code = t[0] - '0'; /* the range "2XX" (OpenAPI 3.1 section 4.8.16.2) */
    } else if (range_shape) {        /* OpenAPI spells ranges in upper case only */
        error_at(c, key,
                 "response status must be an HTTP status code (100-599), a range "
                 "('1XX'..'5XX') or 'default', not '%s' (did you mean '%cXX'?)",
                 t, t[0]);
    } else {
        char *end;
        long code = strtol(t, &end, 10);
        if (*end != '\0' || code < 100 || code > 599 || key->len != 3)
            error_at(c, key,
                     "response status must be an HTTP status code (100-599), a range "
                     "('1XX'..'5XX') or 'default', not '%s'",
                     t);
        r->status_code = (int)code;
    }
    const node *ref = n->kind == NODE_MAPPING ? node_get(n, "$ref") : NULL;
    if (ref != NULL) { /* a declaration of `responses` */
        if (n->count != 1)
            error_at(c, n, "a response with '$ref' has no other key");
        bool quiet = false;
        const node *decl = component(c, "responses", ref, &quiet);
        if (decl != NULL)
            parse_response_body_as(c, r, decl, quiet);
        return;
    }
    parse_response_body(c, r, n);
}

static void parse_response_body(checker *c, response *r, const node *n)
{
    if (!expect_kind(c, n, NODE_MAPPING, "a response"))
        return;
    check_keys(c, n,
               KEYS("description", "content_type", "schema", "examples", "error_codes", "headers"),
               "a response");
    const node *headers = node_get(n, "headers");
    if (headers)
        parse_response_headers(c, r, headers);
    r->description = get_text(c, n, "description");
    r->content_type = get_string(c, n, "content_type");
    const node *sch = node_get(n, "schema");
    if (sch) {
        r->raw = check_body_media_type(c, n, r->content_type, "a response body", true);
        r->schema = parse_schema(c, sch, "a response schema");
    }
    const node *examples = parse_examples(c, n, &r->examples, &r->example_count);
    if (examples && !sch)
        error_at(c, examples, "examples need a 'schema' to be checked against");
    const node *codes = node_get(n, "error_codes");
    if (codes)
        parse_error_codes(c, r, codes);
}

/* Reports a scheme name `auth` lacks, at `at`, with the closest known name. */
static void check_scheme_name(checker *c, const char *name, const node *at)
{
    if (model_auth_scheme(c->api, name))
        return;
    const char **names = arena_alloc(c->a, (c->api->auth_count + 1) * sizeof *names);
    for (size_t i = 0; i < c->api->auth_count; i++)
        names[i] = c->api->auth[i].name;
    const char *near = closest(name, names, c->api->auth_count);
    error_at(c, at, "unknown auth scheme '%s'%s%s%s", name, near ? " (did you mean '" : "",
             near ? near : "", near ? "'?)" : "");
}

/* `security` (OpenAPI 3.1 sections 4.8.10 and 4.8.30): a list of alternatives (OR), each a
 * mapping of scheme names (all sent together, AND) to their scopes (a list of strings, kept as
 * documentation). `[]` means no credential; `{}` in the list, "or none". */
static void parse_security(checker *c, security_list *out, const node *list)
{
    out->set = true;
    if (!expect_kind(c, list, NODE_SEQUENCE, "'security' (a list of security requirements)"))
        return;
    out->reqs = arena_alloc(c->a, (list->count ? list->count : 1) * sizeof *out->reqs);
    for (size_t i = 0; i < list->count; i++) {
        const node *m = list->items[i];
        if (!expect_kind(c, m, NODE_MAPPING, "a security requirement (scheme name: [scopes])"))
            continue;
        security_req *r = &out->reqs[out->count++];
        r->uses = arena_alloc(c->a, (m->count ? m->count : 1) * sizeof *r->uses);
        for (size_t k = 0; k < m->count; k++) {
            const node *name = m->pairs[k].key, *scopes = m->pairs[k].value;
            check_scheme_name(c, name->text, name);
            security_use *u = &r->uses[r->use_count++];
            u->scheme = name->text;
            u->at = name;
            if (!expect_kind(c, scopes, NODE_SEQUENCE,
                             "the scopes of a security requirement (a list, [] for none)"))
                continue;
            u->scopes = arena_alloc(c->a, (scopes->count ? scopes->count : 1) * sizeof *u->scopes);
            for (size_t j = 0; j < scopes->count; j++) {
                const node *sc = scopes->items[j];
                if (sc->kind != NODE_SCALAR || sc->type != SCALAR_STRING)
                    error_at(c, sc, "a scope must be a string, not %s", node_describe(sc));
                else
                    u->scopes[u->scope_count++] = sc->text;
            }
        }
    }
}

/* Responses that have no content (RFC 9110 sections 9.3.2, 15.3.5 and 15.4.5): any response
 * to HEAD, a 204 and a 304. A schema there documents a body that never arrives. */
static void check_bodyless(checker *c, const operation *op, const response *r, const node *n)
{
    if (r->schema == NULL || n->kind != NODE_MAPPING)
        return;
    if (op->method && strcmp(op->method, "HEAD") == 0)
        error_at(c, node_get(n, "schema"),
                 "a response to HEAD has no body (RFC 9110 section 9.3.2): remove 'schema' "
                 "(document it on the GET operation)");
    else if (r->status_code == 204 || r->status_code == 304)
        error_at(c, node_get(n, "schema"),
                 "a %d response has no body (RFC 9110 section %s): remove 'schema'", r->status_code,
                 r->status_code == 204 ? "15.3.5" : "15.4.5");
}

/* ------------------------------------------------------------ parameters ---- */
/* An operation's `parameters`: the groups path, query and header (object schemas without
 * `type`), and `$ref`: a name (or a list of names) of `parameters` declarations (OpenAPI's
 * Parameter Object: {name, in, required, description, deprecated, schema}), each added to the
 * group of its `in`. A top-level `paths` entry for the operation's path template adds its own
 * (OpenAPI 3.1 section 4.8.9.1, Path Item `parameters`) where the operation declares no
 * parameter of that name and place. */

static const char *const GROUP_NAMES[] = {"path", "query", "header", "cookie"};

/* Whether group g holds a parameter named name (header names case-insensitively). */
static bool group_has(const schema *g, size_t place, const char *name)
{
    for (size_t i = 0; g && i < g->prop_count; i++)
        if (place == 2 ? strcasecmp(g->props[i].name, name) == 0
                       : strcmp(g->props[i].name, name) == 0)
            return true;
    return false;
}

/* Appends p to *group (made when absent, at `at`). */
static void group_add(checker *c, schema **group, const property *p, const node *at)
{
    schema *g = *group;
    if (g == NULL) {
        g = *group = schema_new(c->a, at);
        g->type = TYPE_OBJECT;
    }
    property *props = arena_alloc(c->a, (g->prop_count + 1) * sizeof *props);
    if (g->prop_count)
        memcpy(props, g->props, g->prop_count * sizeof *props);
    props[g->prop_count++] = *p;
    g->props = props;
}

/* One `parameters` declaration into its group of groups; at: the $ref item (for messages). */
static void add_declared_parameter(checker *c, const node *decl, const node *at, schema *groups[4])
{
    if (!expect_kind(c, decl, NODE_MAPPING, "a parameter ({name, in, schema, required})"))
        return;
    check_keys(c, decl, KEYS("name", "in", "required", "description", "deprecated", "schema"),
               "a parameter");
    const char *name = get_string(c, decl, "name");
    const char *in = get_string(c, decl, "in");
    const node *sch = node_get(decl, "schema");
    if (name == NULL || in == NULL || sch == NULL) {
        error_at(c, decl,
                 "a parameter needs 'name', 'in' (path, query, header or cookie) and 'schema'");
        return;
    }
    size_t place = 4;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(in, GROUP_NAMES[i]) == 0)
            place = i;
    if (place == 4) {
        error_at(c, node_get(decl, "in"),
                 "parameter 'in' must be path, query, header or cookie, not '%s'", in);
        return;
    }
    if (group_has(groups[place], place, name)) {
        error_at(c, at, "%s parameter '%s' is declared twice (inline and through '$ref')",
                 GROUP_NAMES[place], name);
        return;
    }
    property p = {.name = name, .at = at};
    p.required = get_bool(c, decl, "required", false);
    get_bool(c, decl, "deprecated", false);
    p.schema = parse_schema(c, sch, "a parameter schema");
    const char *d = get_text(c, decl, "description");
    if (d && p.schema->description == NULL)
        p.schema->description = d;
    group_add(c, &groups[place], &p, at);
}

/* A `parameters` mapping (an operation's, or a path item's) into groups[path, query, header,
 * cookie]; the query group's styles into op->query_styles (op NULL for a path item: styles
 * there are refused, as they would be lost). */
static void parse_parameter_groups(checker *c, const node *params, schema *groups[4], operation *op)
{
    if (!expect_kind(c, params, NODE_MAPPING, "'parameters'"))
        return;
    check_keys(c, params, KEYS("path", "query", "header", "cookie", "$ref"), "'parameters'");
    const char *words[4] = {c->words->path_params, c->words->query_params, c->words->header_params,
                            c->words->cookie_params};
    for (size_t i = 0; i < 4; i++) {
        const node *g = node_get(params, GROUP_NAMES[i]);
        if (g == NULL)
            continue;
        operation scratch = {0};
        g = take_styles(c, g, op ? op : &scratch, i == 1);
        if (scratch.query_styles != NULL)
            error_at(c, g,
                     "'style' and 'explode' are supported on an operation's own query "
                     "parameters only (not yet under 'paths')");
        groups[i] = parse_params(c, g, words[i]);
    }
    const node *refs = node_get(params, "$ref");
    if (refs == NULL)
        return;
    size_t count = refs->kind == NODE_SEQUENCE ? refs->count : 1;
    for (size_t i = 0; i < count; i++) {
        const node *ref = refs->kind == NODE_SEQUENCE ? refs->items[i] : refs;
        bool quiet = false;
        const node *decl = component(c, "parameters", ref, &quiet);
        quiet_scope q;
        if (decl != NULL && quiet_begin(c, &q, quiet)) {
            add_declared_parameter(c, decl, ref, groups);
            quiet_end(c, &q);
        }
    }
}

/* The top-level `paths` entry for op's path template, merged into groups: each of its
 * parameters that the operation does not declare in the same place. */
static void merge_path_item(checker *c, const operation *op, schema *groups[4])
{
    const node *paths = node_get(c->root, "paths");
    const node *item = paths && paths->kind == NODE_MAPPING ? node_get(paths, op->path) : NULL;
    if (item == NULL || item->kind != NODE_MAPPING)
        return;
    const node *params = node_get(item, "parameters");
    if (params == NULL)
        return;
    const char *used = arena_printf(c->a, "paths/%s", op->path);
    bool quiet = strmap_get(&c->components_used, used) != NULL;
    strmap_put(&c->components_used, used, item);
    schema *shared[4] = {NULL, NULL, NULL, NULL};
    quiet_scope q;
    quiet_begin(c, &q, quiet);
    parse_parameter_groups(c, params, shared, NULL);
    quiet_end(c, &q);
    for (size_t place = 0; place < 4; place++)
        for (size_t i = 0; shared[place] && i < shared[place]->prop_count; i++) {
            const property *p = &shared[place]->props[i];
            if (!group_has(groups[place], place, p->name)) /* the operation's own overrides */
                group_add(c, &groups[place], p, shared[place]->at);
        }
}

/* `paths`: path template -> {parameters}; each template must be some operation's. Entries no
 * operation uses are read once for their mistakes; so are unused component declarations. */
static void check_unused(checker *c)
{
    const node *paths = node_get(c->root, "paths");
    if (paths && expect_kind(c, paths, NODE_MAPPING, "'paths' (path template: {parameters})")) {
        for (size_t i = 0; i < paths->count; i++) {
            const node *key = paths->pairs[i].key, *item = paths->pairs[i].value;
            if (!expect_kind(c, item, NODE_MAPPING, "a path item ({parameters})"))
                continue;
            check_keys(c, item, KEYS("parameters", "description", "summary"), "a path item");
            if (strmap_get(&c->components_used, arena_printf(c->a, "paths/%s", key->text)))
                continue;
            bool any = false;
            for (size_t k = 0; k < c->api->op_count && !any; k++)
                any = c->api->ops[k].path && strcmp(c->api->ops[k].path, key->text) == 0;
            if (!any)
                error_at(c, key,
                         "no operation has the path '%s' (a 'paths' key is an operation's "
                         "path template, as written there)",
                         key->text);
            else if (node_get(item, "parameters")) {
                schema *groups[4] = {NULL, NULL, NULL, NULL};
                parse_parameter_groups(c, node_get(item, "parameters"), groups, NULL);
            }
        }
    }
    for (size_t k = 0; k < sizeof COMPONENT_KINDS / sizeof *COMPONENT_KINDS; k++) {
        const char *kind = COMPONENT_KINDS[k];
        const node *decls = node_get(c->root, kind);
        if (decls == NULL || !expect_kind(c, decls, NODE_MAPPING, kind))
            continue;
        for (size_t i = 0; i < decls->count; i++) {
            const node *key = decls->pairs[i].key, *decl = decls->pairs[i].value;
            if (strmap_get(&c->components_used, arena_printf(c->a, "%s/%s", kind, key->text)))
                continue;
            const node *ref = decl->kind == NODE_MAPPING ? node_get(decl, "$ref") : NULL;
            if (ref) { /* a chain: checked through its end */
                bool quiet;
                component(c, kind, ref, &quiet);
                continue;
            }
            if (strcmp(kind, "responses") == 0) {
                response r;
                memset(&r, 0, sizeof r);
                parse_response_body(c, &r, decl);
            } else if (strcmp(kind, "headers") == 0) {
                property p = {.name = key->text, .at = key};
                parse_header_object(c, &p, decl);
            } else {
                schema *groups[4] = {NULL, NULL, NULL, NULL};
                add_declared_parameter(c, decl, key, groups);
            }
        }
    }
}

static void parse_operation(checker *c, operation *op, const node *key, const node *n)
{
    op->name = key->text;
    op->at = key;
    op->c_name = layout_operation_name(c, key->text, key, "operation name");
    op->full_name = arena_printf(c->a, "%s.%s", c->api->name ? c->api->name : "", key->text);
    if (!expect_kind(c, n, NODE_MAPPING, "an operation"))
        return;
    check_keys(c, n,
               KEYS("method", "path", "summary", "description", "permission", "auth", "security",
                    "parameters", "request", "responses"),
               "an operation");
    op->summary = get_text(c, n, "summary");
    op->description = get_text(c, n, "description");
    op->permission = get_text(c, n, "permission");
    op->method = get_string(c, n, "method");
    if (op->method == NULL && node_get(n, "method") == NULL)
        error_at(c, key, "operation '%s' needs a 'method'", key->text);
    else if (op->method) {
        bool ok = false;
        for (size_t i = 0; i < sizeof METHODS / sizeof *METHODS; i++)
            ok |= strcmp(op->method, METHODS[i]) == 0;
        if (strcmp(op->method, "TRACE") == 0)
            error_at(c, node_get(n, "method"),
                     "method TRACE is not supported: it echoes the request, credentials "
                     "included, and answers no documented body (RFC 9110 section 9.3.8)");
        else if (!ok)
            error_at(c, node_get(n, "method"),
                     "unknown method '%s' (GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)",
                     op->method);
    }
    op->path = get_string(c, n, "path");
    if (op->path == NULL && node_get(n, "path") == NULL)
        error_at(c, key, "operation '%s' needs a 'path'", key->text);

    op->auth = get_string(c, n, "auth");
    if (op->auth) {
        check_scheme_name(c, op->auth, node_get(n, "auth"));
        security_use *use = arena_alloc(c->a, sizeof *use);
        use->scheme = op->auth;
        use->at = node_get(n, "auth");
        op->security.reqs = arena_alloc(c->a, sizeof *op->security.reqs);
        op->security.reqs[0] = (security_req){use, 1};
        op->security.count = 1;
        op->security.set = true;
    }
    const node *security = node_get(n, "security");
    if (security && op->auth)
        error_at(c, security,
                 "operation '%s' has both 'auth' and 'security': 'auth: name' is the short "
                 "form of 'security: [{name: []}]', write one",
                 key->text);
    else if (security)
        parse_security(c, &op->security, security);

    schema *groups[4] = {NULL, NULL, NULL, NULL};
    const node *params = node_get(n, "parameters");
    if (params)
        parse_parameter_groups(c, params, groups, op);
    size_t own_query = groups[1] ? groups[1]->prop_count : 0;
    if (op->path)
        merge_path_item(c, op, groups);
    op->path_params = groups[0];
    op->query_params = groups[1];
    op->header_params = groups[2];
    op->cookie_params = groups[3];
    if (op->query_params == NULL) {
        op->query_styles = NULL;
    } else if (op->query_styles != NULL && op->query_params->prop_count > own_query) {
        /* query parameters of the path item, merged after the operation's own: form, exploded */
        size_t count = op->query_params->prop_count;
        query_style *all = arena_alloc(c->a, count * sizeof *all);
        memcpy(all, op->query_styles, own_query * sizeof *all);
        for (size_t i = own_query; i < count; i++)
            all[i] = (query_style){STYLE_FORM, true, op->query_params->props[i].at};
        op->query_styles = all;
    }
    if (op->path)
        check_path_template(c, op, node_get(n, "path"));

    const node *req = node_get(n, "request");
    if (req && expect_kind(c, req, NODE_MAPPING, "'request'")) {
        check_keys(
            c, req,
            KEYS("content_type", "required", "description", "schema", "examples", "encoding"),
            "'request'");
        op->request_content_type = get_string(c, req, "content_type");
        op->request_form = is_form_media_type(op->request_content_type);
        op->request_multipart = is_multipart_form(op->request_content_type);
        op->request_raw =
            !op->request_form && !op->request_multipart &&
            check_body_media_type(c, req, op->request_content_type, "the request body", false);
        parse_body_encoding(c, op, req);
        op->request_description = get_text(c, req, "description");
        op->request_required = get_bool(c, req, "required", true);
        const node *sch = node_get(req, "schema");
        if (sch == NULL && op->request_raw) { /* bytes need no schema (OpenAPI 3.1 writes none) */
            op->request = schema_new(c->a, req);
            op->request->type = TYPE_STRING;
        } else if (sch == NULL)
            error_at(c, req, "'request' needs a 'schema'");
        else
            op->request = parse_schema(c, sch, "the request schema");
        parse_examples(c, req, &op->request_examples, &op->request_example_count);
    }

    const node *resp = node_get(n, "responses");
    if (resp == NULL) {
        error_at(c, key, "operation '%s' needs 'responses'", key->text);
    } else if (expect_kind(c, resp, NODE_MAPPING, "'responses'")) {
        if (resp->count == 0)
            error_at(c, resp, "operation '%s' documents no response", key->text);
        op->responses = arena_alloc(c->a, (resp->count ? resp->count : 1) * sizeof *op->responses);
        op->response_count = resp->count;
        for (size_t i = 0; i < resp->count; i++) {
            parse_response(c, &op->responses[i], resp->pairs[i].key, resp->pairs[i].value);
            check_bodyless(c, op, &op->responses[i], resp->pairs[i].value);
        }
    }
}

/* ----------------------------------------------------------------- top ---- */

static void parse_api(checker *c, const node *root)
{
    spec_api *a = c->api;
    const node *info = node_get(root, "api");
    if (info == NULL) {
        error_at(c, root, "a spec needs an 'api' section");
    } else if (expect_kind(c, info, NODE_MAPPING, "'api'")) {
        check_keys(c, info, KEYS("name", "title", "description", "base_url", "docs"), "'api'");
        a->name = get_string(c, info, "name");
        a->title = get_text(c, info, "title");
        a->description = get_text(c, info, "description");
        a->base_url = get_string(c, info, "base_url");
        a->docs = get_text(c, info, "docs");
        if (a->name == NULL && node_get(info, "name") == NULL)
            error_at(c, info, "'api' needs a 'name'");
    }
    layout_prefix(c, a->name, a->name ? node_get(info, "name") : NULL, "api name");
}

/* The keys of an auth scheme that belong to some types only: OpenAPI's (type http or apiKey,
 * OpenAPI 3.1 section 4.8.27) or apigen's own (type bearer or api_key). */
static const struct {
    const char *key, *types[2];
} AUTH_KEY_TYPES[] = {
    {"scheme", {"http", NULL}},
    {"bearerFormat", {"http", NULL}},
    {"in", {"apiKey", NULL}},
    {"name", {"apiKey", NULL}},
    {"header", {"bearer", "api_key"}},
    {"flows", {"oauth2", NULL}},
    {"openIdConnectUrl", {"openIdConnect", NULL}},
};

/* The key node of `key` in mapping m (present). */
static const node *key_node(const node *m, const char *key)
{
    for (size_t i = 0; i < m->count; i++)
        if (strcmp(m->pairs[i].key->text, key) == 0)
            return m->pairs[i].key;
    return m;
}

/* The keys that go with a type, as messages name them. */
static const char *keys_of_type(const char *type)
{
    return strcmp(type, "http") == 0            ? "'scheme'"
           : strcmp(type, "apiKey") == 0        ? "'in' and 'name'"
           : strcmp(type, "oauth2") == 0        ? "'flows'"
           : strcmp(type, "openIdConnect") == 0 ? "'openIdConnectUrl'"
                                                : "'header'";
}

static bool is_openapi_type(const char *type)
{
    return strcmp(type, "http") == 0 || strcmp(type, "apiKey") == 0 ||
           strcmp(type, "oauth2") == 0 || strcmp(type, "openIdConnect") == 0;
}

/* Reports each key of scheme s that does not go with its type, at the key; false if there was
 * one. A key of the other spelling is named as such: one scheme is written in one spelling. */
static bool check_auth_keys(checker *c, const node *s, const char *scheme, const char *type)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof AUTH_KEY_TYPES / sizeof *AUTH_KEY_TYPES; i++) {
        const char *const *types = AUTH_KEY_TYPES[i].types;
        const char *key = AUTH_KEY_TYPES[i].key;
        if (node_get(s, key) == NULL || strcmp(types[0], type) == 0 ||
            (types[1] && strcmp(types[1], type) == 0))
            continue;
        const char *goes =
            types[1] ? "type bearer or api_key" : arena_printf(c->a, "type %s", types[0]);
        if (is_openapi_type(types[0]) == is_openapi_type(type))
            error_at(c, key_node(s, key), "auth scheme '%s': '%s' goes with %s, not with type '%s'",
                     scheme, key, goes, type);
        else
            error_at(c, key_node(s, key),
                     "auth scheme '%s' mixes two spellings: '%s' is %s (with %s) and type '%s' "
                     "is %s (with %s)",
                     scheme, key, is_openapi_type(type) ? "apigen's" : "OpenAPI's", goes, type,
                     is_openapi_type(type) ? "OpenAPI's" : "apigen's", keys_of_type(type));
        ok = false;
    }
    return ok;
}

/* Reports value at `at`: "unknown <what> '<value>' (did you mean ...?)" when one of known is
 * close, else the message `otherwise`. */
static void refuse_value(checker *c, const node *at, const char *what, const char *value,
                         const char *const *known, size_t count, const char *otherwise)
{
    const char *near = closest(value, known, count);
    if (near)
        error_at(c, at, "unknown %s '%s' (did you mean '%s'?)", what, value, near);
    else
        error_at(c, at, "%s", otherwise);
}

/* OpenAPI's {type: http, scheme: bearer|basic, bearerFormat} into as. */
static void parse_auth_http(checker *c, auth_scheme *as, const node *key, const node *s)
{
    const char *scheme = get_string(c, s, "scheme");
    as->kind = AUTH_BEARER;
    as->in = AUTH_IN_HEADER;
    as->param = "Authorization";
    as->bearer_format = get_string(c, s, "bearerFormat");
    static const char *const SCHEMES[] = {"bearer", "basic"};
    if (scheme == NULL && node_get(s, "scheme") == NULL) {
        error_at(c, key, "auth scheme '%s' of type http needs 'scheme: bearer' or 'scheme: basic'",
                 as->name);
    } else if (scheme && strcasecmp(scheme, "basic") == 0) { /* RFC 9110 11.1: any case */
        as->kind = AUTH_BASIC;
        if (as->bearer_format)
            error_at(c, key_node(s, "bearerFormat"),
                     "auth scheme '%s': 'bearerFormat' goes with scheme bearer, not basic",
                     as->name);
    } else if (scheme && strcasecmp(scheme, "bearer") != 0) {
        refuse_value(c, node_get(s, "scheme"), "http auth scheme", scheme, SCHEMES, 2,
                     arena_printf(c->a,
                                  "http auth scheme '%s' is not supported (apigen sends "
                                  "bearer and basic)",
                                  scheme));
    }
}

/* RFC 6265 section 4.1.1: a cookie name is an RFC 2616 token, as RFC 9110's. */
static void check_cookie_name(checker *c, const auth_scheme *as, const node *at)
{
    if (as->param && !is_token(as->param))
        error_at(c, at,
                 "auth scheme '%s': cookie name '%s' is not a token (RFC 6265 section 4.1.1: "
                 "letters, digits and !#$%%&'*+-.^_`|~)",
                 as->name, as->param);
}

/* OpenAPI's {type: apiKey, in: header|query|cookie, name} into as. */
static void parse_auth_api_key(checker *c, auth_scheme *as, const node *key, const node *s)
{
    static const char *const PLACES[] = {"header", "query", "cookie"};
    const char *in = get_string(c, s, "in");
    as->kind = AUTH_API_KEY;
    as->param = get_string(c, s, "name");
    if (as->param == NULL && node_get(s, "name") == NULL)
        error_at(c, key,
                 "auth scheme '%s' of type apiKey needs 'name' (the header, query parameter or "
                 "cookie that carries the key)",
                 as->name);
    if (in == NULL) {
        if (node_get(s, "in") == NULL)
            error_at(c, key, "auth scheme '%s' of type apiKey needs 'in' (header, query or cookie)",
                     as->name);
    } else if (strcmp(in, "header") == 0) {
        as->in = AUTH_IN_HEADER;
    } else if (strcmp(in, "query") == 0) {
        as->in = AUTH_IN_QUERY;
    } else if (strcmp(in, "cookie") == 0) {
        as->in = AUTH_IN_COOKIE;
        check_cookie_name(c, as, node_get(s, "name"));
    } else {
        refuse_value(
            c, node_get(s, "in"), "apiKey 'in' value", in, PLACES, 3,
            arena_printf(c->a, "unknown apiKey 'in' value '%s' (header, query or cookie)", in));
    }
}

/* OpenAPI's {type: oauth2, flows} (section 4.8.28, OAuth Flows Object): sent as a bearer token
 * the caller obtained; the flows are documentation, checked for shape and kept for the export. */
static void parse_auth_oauth2(checker *c, auth_scheme *as, const node *key, const node *s)
{
    static const char *const FLOWS[] = {"implicit", "password", "clientCredentials",
                                        "authorizationCode"};
    as->kind = AUTH_BEARER;
    as->in = AUTH_IN_HEADER;
    const node *flows = node_get(s, "flows");
    if (flows == NULL) {
        error_at(c, key, "auth scheme '%s' of type oauth2 needs 'flows'", as->name);
        return;
    }
    if (!expect_kind(c, flows, NODE_MAPPING, "'flows'"))
        return;
    check_keys(c, flows, FLOWS, 4, "'flows'");
    for (size_t i = 0; i < flows->count; i++) {
        const node *f = flows->pairs[i].value;
        bool known = false;
        for (size_t k = 0; k < 4; k++)
            known |= strcmp(flows->pairs[i].key->text, FLOWS[k]) == 0;
        if (!known || !expect_kind(c, f, NODE_MAPPING, "an OAuth flow"))
            continue;
        check_keys(c, f, KEYS("authorizationUrl", "tokenUrl", "refreshUrl", "scopes"),
                   "an OAuth flow");
        const node *scopes = node_get(f, "scopes");
        if (scopes == NULL)
            error_at(c, flows->pairs[i].key, "OAuth flow '%s' needs 'scopes' ({} for none)",
                     flows->pairs[i].key->text);
        else
            expect_kind(c, scopes, NODE_MAPPING, "'scopes' (scope name: description)");
    }
    as->flows = json_value_of_yaml(c->a, flows);
}

/* OpenAPI's {type: openIdConnect, openIdConnectUrl} (section 4.8.27): a bearer token the caller
 * obtained; the discovery URL is documentation. */
static void parse_auth_oidc(checker *c, auth_scheme *as, const node *key, const node *s)
{
    as->kind = AUTH_BEARER;
    as->in = AUTH_IN_HEADER;
    as->open_id_connect_url = get_string(c, s, "openIdConnectUrl");
    if (as->open_id_connect_url == NULL && node_get(s, "openIdConnectUrl") == NULL)
        error_at(c, key, "auth scheme '%s' of type openIdConnect needs 'openIdConnectUrl'",
                 as->name);
}

static void parse_auth(checker *c, const node *root)
{
    static const char *const TYPES[] = {"http",    "apiKey", "bearer",
                                        "api_key", "oauth2", "openIdConnect"};
    spec_api *a = c->api;
    const node *auth = node_get(root, "auth");
    if (auth == NULL || !expect_kind(c, auth, NODE_MAPPING, "'auth'"))
        return;
    a->auth = arena_alloc(c->a, (auth->count ? auth->count : 1) * sizeof *a->auth);
    for (size_t i = 0; i < auth->count; i++) {
        const node *key = auth->pairs[i].key, *s = auth->pairs[i].value;
        auth_scheme *as = &a->auth[a->auth_count++];
        as->name = key->text;
        as->param = "Authorization";
        if (!expect_kind(c, s, NODE_MAPPING, "an auth scheme"))
            continue;
        check_keys(c, s,
                   KEYS("type", "scheme", "bearerFormat", "in", "name", "header", "description",
                        "flows", "openIdConnectUrl"),
                   "an auth scheme");
        const char *type = get_string(c, s, "type");
        as->description = get_text(c, s, "description");
        as->type = type;
        if (type == NULL) {
            if (node_get(s, "type") == NULL)
                error_at(c, key, "auth scheme '%s' needs a 'type'", as->name);
            continue;
        }
        bool known = false;
        for (size_t t = 0; t < sizeof TYPES / sizeof *TYPES; t++)
            known |= strcmp(type, TYPES[t]) == 0;
        if (!known) {
            refuse_value(
                c, node_get(s, "type"), "auth type", type, TYPES, sizeof TYPES / sizeof *TYPES,
                arena_printf(c->a,
                             "unknown auth type '%s' (http, apiKey, oauth2, openIdConnect, "
                             "bearer or api_key)",
                             type));
            continue;
        }
        if (!check_auth_keys(c, s, as->name, type))
            continue;
        if (strcmp(type, "http") == 0) {
            parse_auth_http(c, as, key, s);
        } else if (strcmp(type, "apiKey") == 0) {
            parse_auth_api_key(c, as, key, s);
        } else if (strcmp(type, "oauth2") == 0) {
            parse_auth_oauth2(c, as, key, s);
        } else if (strcmp(type, "openIdConnect") == 0) {
            parse_auth_oidc(c, as, key, s);
        } else { /* apigen's spelling: the secret in `header` (default Authorization) */
            as->kind = strcmp(type, "bearer") == 0 ? AUTH_BEARER : AUTH_API_KEY;
            as->in = AUTH_IN_HEADER;
            const char *header = get_string(c, s, "header");
            if (header)
                as->param = header;
        }
    }
}

/* How the later stages name the places of this format in messages. */
static const check_words WORDS = {
    .schemas = "'schemas'",
    .path_params = "parameters.path",
    .query_params = "parameters.query",
    .header_params = "parameters.header",
    .cookie_params = "parameters.cookie",
};

int spec_check(arena *a, const spec_file *file, spec_api *out, diag *d)
{
    memset(out, 0, sizeof *out);
    out->file = file;
    checker c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.d = d;
    c.file = file;
    c.api = out;
    c.words = &WORDS;
    int before = d->errors;
    const node *root = file->root;
    if (root == NULL)
        return 1;
    if (!expect_kind(&c, root, NODE_MAPPING, "a spec"))
        return 1;
    check_keys(&c, root,
               KEYS("apigen", "api", "auth", "security", "schemas", "responses", "parameters",
                    "headers", "paths", "operations"),
               "the spec");
    c.root = root;

    const node *version = node_get(root, "apigen");
    int64_t v;
    if (version == NULL)
        error_at(&c, root, "a spec starts with 'apigen: 1' (the format version)");
    else if (scalar_int(&c, version, "'apigen'", &v) && v != 1)
        error_at(&c, version, "unsupported spec format version %lld (this apigen reads 1)",
                 (long long)v);
    parse_api(&c, root);
    parse_auth(&c, root);
    const node *security = node_get(root, "security");
    if (security)
        parse_security(&c, &out->security, security);

    const node *schemas = node_get(root, "schemas");
    if (schemas && expect_kind(&c, schemas, NODE_MAPPING, "'schemas'")) {
        out->schemas = arena_alloc(a, (schemas->count ? schemas->count : 1) * sizeof *out->schemas);
        out->schema_count = schemas->count;
        for (size_t i = 0; i < schemas->count; i++) {
            named_schema *ns = &out->schemas[i];
            ns->name = schemas->pairs[i].key->text;
            ns->at = schemas->pairs[i].key;
            ns->schema = parse_schema(&c, schemas->pairs[i].value, "a named schema");
            ns->schema->named = ns->name;
            strmap_put(&c.schemas, ns->name, ns)->value = ns; /* the last of a name wins */
        }
    }

    const node *ops = node_get(root, "operations");
    if (ops == NULL) {
        error_at(&c, root, "a spec needs 'operations'");
    } else if (expect_kind(&c, ops, NODE_MAPPING, "'operations'")) {
        if (ops->count == 0)
            error_at(&c, ops, "a spec needs at least one operation");
        out->ops = arena_alloc(a, (ops->count ? ops->count : 1) * sizeof *out->ops);
        out->op_count = ops->count;
        for (size_t i = 0; i < ops->count; i++)
            parse_operation(&c, &out->ops[i], ops->pairs[i].key, ops->pairs[i].value);
    }
    check_unused(&c);
    strmap_free(&c.components_used);

    return check_finish(&c, before);
}
