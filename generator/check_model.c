/* check_model.c: the checks of a read model that any front end shares (path templates against
 * path parameters, parameters being scalars) and the pipeline after reading: resolve.c, then
 * layout.c, then examples.c. Knows nothing of the input format: the front end names its places
 * in c->words. */
#include "check_model.h"

#include <string.h>
#include <strings.h>

#include "check_unions.h"
#include "examples.h"
#include "layout.h"
#include "resolve.h"

void check_path_template(checker *c, operation *op, const node *path_node)
{
    strmap declared = {0}, used = {0}; /* by name, so that many parameters stay linear */
    for (size_t i = 0; op->path_params && i < op->path_params->prop_count; i++)
        strmap_put(&declared, op->path_params->props[i].name, &op->path_params->props[i]);
    const char *p = op->path;
    while ((p = strchr(p, '{')) != NULL) {
        const char *close = strchr(p, '}');
        if (close == NULL) {
            error_at(c, path_node, "unclosed '{' in path '%s'", op->path);
            break;
        }
        size_t len = (size_t)(close - p - 1);
        const char *name = arena_printf(c->a, "%.*s", (int)len, p + 1);
        strmap_put(&used, name, name);
        if (strmap_get(&declared, name) == NULL)
            error_at(c, path_node, "path parameter '%s' is not declared in %s", name,
                     c->words->path_params);
        p = close + 1;
    }
    for (size_t i = 0; op->path_params && i < op->path_params->prop_count && p == NULL; i++) {
        property *prop = &op->path_params->props[i];
        if (strmap_get(&used, prop->name) == NULL)
            error_at(c, prop->at, "path parameter '%s' does not appear in path '%s'", prop->name,
                     op->path);
        prop->required = true;
    }
    strmap_free(&declared);
    strmap_free(&used);
}

/* Header fields a parameter cannot set, and who sets each instead. Accept, Content-Type and
 * Authorization are the three OpenAPI 3.1 ignores as header parameters (section 4.8.12.1); the
 * rest frame the message (RFC 9110 sections 6.6.1, 7.2, 7.6.1, 7.8, 8.6, 10.1.1; RFC 9112
 * section 6.1) and are libcurl's to write. */
static const char *reserved_header(const char *name)
{
    static const struct {
        const char *name, *who;
    } rows[] = {
        {"Accept", "the client sets it from the documented responses"},
        {"Content-Type", "the client sets it from the request's content_type"},
        {"Authorization", "the client sets it from the operation's auth scheme"},
        {"Content-Length", "the transport sets it"},
        {"Transfer-Encoding", "the transport sets it"},
        {"Host", "the transport sets it from the base URL"},
        {"Connection", "the transport sets it"},
        {"Expect", "the transport sets it"},
        {"TE", "the transport sets it"},
        {"Trailer", "the transport sets it"},
        {"Upgrade", "the transport sets it"},
        {"Keep-Alive", "the transport sets it"},
        {"User-Agent", "the client's user_agent option sets it"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (strcasecmp(name, rows[i].name) == 0) /* ASCII: the C locale */
            return rows[i].who;
    return NULL;
}

/* Parameter values travel in URLs and headers: scalars, never null (a URL or header has no
 * null), under names the request can carry beside what the client writes itself. */
typedef enum param_place { IN_PATH, IN_QUERY, IN_HEADER, IN_COOKIE } param_place;

/* Whether s (effective) is a scalar a URL can carry: string, integer, number or boolean, not
 * nullable. */
static bool url_scalar(const schema *s)
{
    return s && s->type != TYPE_OBJECT && s->type != TYPE_ARRAY && s->type != TYPE_ANY &&
           !s->nullable;
}

/* Cookie parameter p (schema e, NULL when unresolved): a scalar under a cookie-name, which is
 * an RFC 9110 token (RFC 6265 section 4.1.1); its value is checked when sent (cookie-octets). */
static void check_cookie(checker *c, const property *p, const schema *e)
{
    if (e && (e->type == TYPE_OBJECT || e->type == TYPE_ARRAY || e->type == TYPE_ANY))
        error_at(c, p->at,
                 "cookie parameter '%s' must be a string, integer, number or boolean, not %s "
                 "(OpenAPI's style form for cookies writes arrays and objects as text no "
                 "server reads alike)",
                 p->name, schema_type_name(e->type));
    if (!is_token(p->name))
        error_at(c, p->at,
                 "cookie parameter '%s' is not a cookie name (an RFC 9110 token, RFC 6265 "
                 "section 4.1.1: letters, digits and !#$%%&'*+-.^_`|~)",
                 p->name);
}

/* The items of array parameter p (schema e): scalars a URL or header can carry. */
static void check_array_items(checker *c, const property *p, const schema *e)
{
    const schema *item = schema_effective(e->items);
    if (item && (!url_scalar(item) || (e->items && e->items->nullable)))
        error_at(c, p->at,
                 "parameter '%s': the items of an array parameter must be strings, integers, "
                 "numbers or booleans, not %s",
                 p->name,
                 url_scalar(item) || item->nullable ? "nullable" : schema_type_name(item->type));
}

/* Query parameter p of schema e in style qs (NULL: form, exploded): a scalar in style form; an
 * array of scalars in form, spaceDelimited or pipeDelimited; an object with properties, each a
 * scalar, in deepObject (OpenAPI 3.1 section 4.8.12.4). */
static void check_query_shape(checker *c, const property *p, const schema *e, const query_style *qs)
{
    static const char *const names[] = {"form", "spaceDelimited", "pipeDelimited", "deepObject"};
    param_style style = qs ? qs->style : STYLE_FORM;
    const node *at = qs ? qs->at : p->at;
    if (e->type == TYPE_ARRAY) {
        if (style == STYLE_DEEP_OBJECT)
            error_at(c, at, "query parameter '%s': style deepObject applies to objects, not arrays",
                     p->name);
        else
            check_array_items(c, p, e);
    } else if (e->type == TYPE_OBJECT) {
        if (style != STYLE_DEEP_OBJECT)
            error_at(c, at,
                     "query parameter '%s' is an object: only style deepObject writes one "
                     "(filter[key]=value)",
                     p->name);
        else if (e->free_form)
            error_at(c, p->at,
                     "query parameter '%s': a deepObject needs 'properties' (its members are "
                     "the keys written)",
                     p->name);
        for (size_t j = 0; style == STYLE_DEEP_OBJECT && j < e->prop_count; j++) {
            const schema *m = schema_effective(e->props[j].schema);
            if (m && (!url_scalar(m) || e->props[j].schema->nullable))
                error_at(c, e->props[j].at,
                         "query parameter '%s': deepObject member '%s' must be a string, "
                         "integer, number or boolean (nested objects and arrays have no "
                         "OpenAPI serialisation), not %s",
                         p->name, e->props[j].name,
                         url_scalar(m) || m->nullable ? "nullable" : schema_type_name(m->type));
        }
    } else if (e->type == TYPE_ANY) {
        error_at(c, p->at, "parameter '%s' must be a string, integer, number or boolean, not %s",
                 p->name, schema_type_name(e->type));
    } else if (style != STYLE_FORM) {
        error_at(c, at, "query parameter '%s' is a %s: style %s applies to %s", p->name,
                 schema_type_name(e->type), names[style],
                 style == STYLE_DEEP_OBJECT ? "objects" : "arrays");
    }
}

/* The auth scheme of one of sec's requirements that puts its secret in the header or query
 * parameter `name` (header names compared case-insensitively), or NULL. */
static const auth_scheme *auth_at(const spec_api *api, const security_list *sec, const char *name,
                                  param_place in)
{
    for (size_t r = 0; in != IN_PATH && r < sec->count; r++)
        for (size_t u = 0; u < sec->reqs[r].use_count; u++) {
            const auth_scheme *as = model_auth_scheme(api, sec->reqs[r].uses[u].scheme);
            /* as->param is NULL when the scheme was refused for lacking it */
            if (as == NULL || as->param == NULL ||
                as->in != (in == IN_HEADER  ? AUTH_IN_HEADER
                           : in == IN_QUERY ? AUTH_IN_QUERY
                                            : AUTH_IN_COOKIE))
                continue;
            if (in == IN_HEADER ? strcasecmp(name, as->param) == 0 : strcmp(name, as->param) == 0)
                return as;
        }
    return NULL;
}

static void check_params(checker *c, const operation *op, const schema *group, param_place in)
{
    bool headers = in == IN_HEADER;
    const security_list *sec = model_op_security(c->api, op);
    for (size_t i = 0; group && i < group->prop_count; i++) {
        const property *p = &group->props[i];
        schema *e = schema_effective(p->schema);
        if (in == IN_QUERY && e)
            check_query_shape(c, p, e, op->query_styles ? &op->query_styles[i] : NULL);
        else if (in == IN_COOKIE)
            check_cookie(c, p, e);
        else if (e && e->type == TYPE_ARRAY) /* style simple: items joined by ',' */
            check_array_items(c, p, e);
        else if (e && (e->type == TYPE_OBJECT || e->type == TYPE_ANY))
            error_at(c, p->at,
                     "parameter '%s' must be a string, integer, number "
                     "or boolean, not %s",
                     p->name, schema_type_name(e->type));
        if (e && schema_nullable(p->schema))
            error_at(c, p->at, "parameter '%s' cannot be nullable: a URL or header has no null",
                     p->name);
        const auth_scheme *as = auth_at(c->api, sec, p->name, in);
        if (headers && !is_token(p->name))
            error_at(c, p->at,
                     "header parameter '%s' is not a header field name (an RFC 9110 token: "
                     "letters, digits and !#$%%&'*+-.^_`|~)",
                     p->name);
        else if (headers && reserved_header(p->name))
            error_at(c, p->at, "header parameter '%s' cannot be a parameter: %s", p->name,
                     reserved_header(p->name));
        else if (as)
            error_at(c, p->at, "%s parameter '%s' is where auth scheme '%s' puts its secret",
                     headers ? "header" : "query", p->name, as->name);
    }
}

void check_header_schema(checker *c, const property *p)
{
    schema *e = schema_effective(p->schema);
    if (e && (e->type == TYPE_OBJECT || e->type == TYPE_ARRAY || e->type == TYPE_ANY))
        error_at(c, p->at,
                 "response header '%s' must be a string, integer, number or boolean, not %s",
                 p->name, schema_type_name(e->type));
    else if (e && (e->nullable || p->schema->nullable))
        error_at(c, p->at, "response header '%s' cannot be nullable: a header has no null",
                 p->name);
}

/* The headers whose schema is a $ref, once resolved (the others were checked when read). */
static void check_response_headers(checker *c, const schema *group)
{
    for (size_t i = 0; group && i < group->prop_count; i++)
        if (group->props[i].schema->ref_name != NULL)
            check_header_schema(c, &group->props[i]);
}

/* ------------------------------------------------------------ form bodies ---- */

/* Whether s is type "/" subtype, each an RFC 9110 token (is_token), optionally with
 * parameters. */
static bool is_token_slash(checker *c, const char *s)
{
    size_t len = strcspn(s, ";");
    const char *slash = memchr(s, '/', len);
    return slash != NULL && is_token(arena_printf(c->a, "%.*s", (int)(slash - s), s)) &&
           is_token(arena_printf(c->a, "%.*s", (int)(s + len - slash - 1), slash + 1));
}

/* An application/x-www-form-urlencoded request body (APIGEN_BODY_FORM in apigen_rt.h): an
 * object with properties whose values are scalars, arrays of scalars, objects of such
 * (a[b]=1, recursively) or maps of scalars (metadata[key]=v). Arrays of objects or arrays,
 * free-form and any values, unions and null have no agreed form serialisation: refused here
 * rather than guessed. */

/* Whether schema s (a property's, or an array's items) is a non-null scalar. */
static bool form_scalar(const schema *s)
{
    return url_scalar(schema_effective(s)) && !schema_nullable(s);
}

static void check_form_value(checker *c, const property *p, const schema *s, const char *body,
                             int depth)
{
    const schema *e = schema_effective(s);
    if (e == NULL)
        return;
    const char *why = NULL;
    if (schema_nullable(s))
        why = "nullable (a form has no null: make it optional instead)";
    else if (depth > 16)
        why = "an object nested deeper than 16 levels";
    else if (schema_is_union(e) || e->type == TYPE_ANY)
        why = schema_is_union(e) ? "a union" : "any value";
    else if (e->type == TYPE_ARRAY && !form_scalar(e->items))
        why = "an array of objects, arrays or nullable items";
    else if (e->type == TYPE_OBJECT && schema_is_map(e) && !form_scalar(e->additional))
        why = "a map whose values are not strings, integers, numbers or booleans";
    else if (e->type == TYPE_OBJECT && !schema_is_map(e) && e->prop_count == 0)
        why = "a free-form object";
    else if (e->type == TYPE_OBJECT && e->additional && !form_scalar(e->additional))
        why = "an object whose additionalProperties are not scalars";
    if (why != NULL) {
        error_at(c, p->at,
                 "%s: property '%s' is %s, which has no application/x-www-form-urlencoded "
                 "serialisation",
                 body, p->name, why);
        return;
    }
    for (size_t i = 0; e->type == TYPE_OBJECT && i < e->prop_count; i++)
        check_form_value(c, &e->props[i], e->props[i].schema, body, depth + 1);
}

/* The property of body schema e that encoding entry enc names, or NULL (an error). */
static const property *encoded_property(checker *c, const schema *e, const body_encoding *enc,
                                        const char *body)
{
    for (size_t i = 0; i < e->prop_count; i++)
        if (strcmp(e->props[i].name, enc->name) == 0)
            return &e->props[i];
    error_at(c, enc->at, "encoding names '%s', which is not a property of %s", enc->name, body);
    return NULL;
}

static void check_form_body(checker *c, const operation *op)
{
    const char *body = "the form request body";
    const schema *e = schema_effective(op->request);
    if (!op->request_form || e == NULL)
        return;
    if (e->type != TYPE_OBJECT || schema_is_map(e) || e->prop_count == 0 ||
        schema_nullable(op->request)) {
        error_at(c, op->request->at,
                 "%s must be an object schema with properties, not nullable (its properties "
                 "are the name=value pairs)",
                 body);
        return;
    }
    if (e->additional && !form_scalar(e->additional))
        error_at(c, op->request->at,
                 "%s: additionalProperties must be strings, integers, numbers or booleans", body);
    for (size_t i = 0; i < e->prop_count; i++)
        check_form_value(c, &e->props[i], e->props[i].schema, body, 0);
    for (size_t k = 0; k < op->request_encoding_count; k++) {
        const body_encoding *enc = &op->request_encoding[k];
        const property *p = encoded_property(c, e, enc, body);
        const schema *t = p ? schema_effective(p->schema) : NULL;
        if (p == NULL)
            continue;
        if (t && t->type == TYPE_OBJECT &&
            ((enc->style_set && enc->style != STYLE_DEEP_OBJECT) || !enc->explode))
            error_at(c, enc->key,
                     "%s: object '%s' is written with brackets (%s[key]=value): style "
                     "deepObject, or none",
                     body, enc->name, enc->name);
        else if (t && t->type != TYPE_ARRAY && t->type != TYPE_OBJECT &&
                 (enc->style_set || !enc->explode))
            error_at(c, enc->key, "%s: '%s' is a %s: style and explode apply to arrays and objects",
                     body, enc->name, schema_type_name(t->type));
    }
}

/* A multipart/form-data request body (APIGEN_BODY_MULTIPART): an object with properties, each a
 * part: a file (`type: string, format: binary`, written inline: its C type is apigen_file), a
 * scalar (a text part) or an array of scalars (a part per item). Objects, maps, any values,
 * unions, arrays of files and null have no part here: refused. */
static void check_multipart_body(checker *c, const operation *op)
{
    const char *body = "the multipart request body";
    const schema *e = schema_effective(op->request);
    if (!op->request_multipart || e == NULL)
        return;
    if (e->type != TYPE_OBJECT || schema_is_map(e) || e->prop_count == 0 || e->additional ||
        schema_nullable(op->request)) {
        error_at(c, op->request->at,
                 "%s must be an object schema with properties and no additionalProperties, not "
                 "nullable (its properties are the parts)",
                 body);
        return;
    }
    for (size_t i = 0; i < e->prop_count; i++) {
        const property *p = &e->props[i];
        schema *t = schema_effective(p->schema);
        bool binary =
            t && t->type == TYPE_STRING && t->format_name && strcmp(t->format_name, "binary") == 0;
        if (t == NULL)
            continue;
        if (binary && p->schema->ref != NULL)
            error_at(c, p->at, "%s: file part '%s' must be written inline, not as a $ref", body,
                     p->name);
        else if (binary && (t->enum_count || schema_nullable(p->schema)))
            error_at(c, p->at, "%s: file part '%s' cannot be an enum or nullable", body, p->name);
        else if (binary)
            t->file = true;
        else if (schema_nullable(p->schema) ||
                 (!url_scalar(t) &&
                  !(t->type == TYPE_ARRAY && form_scalar(t->items) &&
                    !(schema_effective(t->items)->format_name &&
                      strcmp(schema_effective(t->items)->format_name, "binary") == 0))))
            error_at(c, p->at,
                     "%s: property '%s' must be a file (type string, format binary), a string, "
                     "integer, number or boolean, or an array of them, not %s",
                     body, p->name,
                     schema_nullable(p->schema) ? "nullable"
                     : t->type == TYPE_ARRAY    ? "an array of objects, arrays or files"
                                                : schema_type_name(t->type));
    }
    for (size_t k = 0; k < op->request_encoding_count; k++) {
        const body_encoding *enc = &op->request_encoding[k];
        const property *p = encoded_property(c, e, enc, body);
        const schema *t = p ? schema_effective(p->schema) : NULL;
        if (p == NULL)
            continue;
        if (enc->content_type && t && !t->file)
            error_at(c, enc->at, "%s: 'contentType' applies to file parts, and '%s' is none", body,
                     enc->name);
        else if (enc->content_type && (!is_token_slash(c, enc->content_type)))
            error_at(c, enc->at, "%s: contentType '%s' is not a media type (type/subtype)", body,
                     enc->content_type);
    }
}

int check_finish(checker *c, int errors_before)
{
    spec_api *out = c->api;
    diag *d = c->d;
    for (size_t i = 0; i < out->schema_count; i++)
        resolve_refs(c, out->schemas[i].schema);
    check_ref_cycles(c);
    for (int pass = 0; pass < 2; pass++) { /* allOf merged first, then unions checked */
        for (size_t i = 0; i < out->schema_count; i++)
            check_composition(c, out->schemas[i].schema, pass == 1);
        for (size_t i = 0; i < out->op_count; i++) {
            operation *op = &out->ops[i];
            check_composition(c, op->request, pass == 1);
            for (size_t j = 0; j < op->response_count; j++)
                check_composition(c, op->responses[j].schema, pass == 1);
        }
    }
    for (size_t i = 0; i < out->op_count; i++) {
        operation *op = &out->ops[i];
        resolve_refs(c, op->path_params);
        resolve_refs(c, op->query_params);
        resolve_refs(c, op->header_params);
        resolve_refs(c, op->cookie_params);
        resolve_refs(c, op->request);
        for (size_t j = 0; j < op->response_count; j++) {
            resolve_refs(c, op->responses[j].schema);
            resolve_refs(c, op->responses[j].headers);
            check_response_headers(c, op->responses[j].headers);
        }
        check_params(c, op, op->path_params, IN_PATH);
        check_params(c, op, op->query_params, IN_QUERY);
        check_params(c, op, op->header_params, IN_HEADER);
        check_params(c, op, op->cookie_params, IN_COOKIE);
        check_form_body(c, op);
        check_multipart_body(c, op);
    }
    if (d->errors == errors_before)
        layout_api(c);
    strmap_free(&c->idents);
    strmap_free(&c->schemas);
    strmap_free(&c->patterns);
    strmap_free(&c->translations);
    if (d->errors == errors_before)
        examples_check(out, d); /* last: needs the whole model */
    return d->errors == errors_before ? 0 : 1;
}
