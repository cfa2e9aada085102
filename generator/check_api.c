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

static const char *const METHODS[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

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
 * 12.5.1: the type of every type, or type/ * written without the space). A form or multipart
 * body would have the client send something else under its name, so it is refused, as is any
 * other type, until apigen writes that kind. */
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
                 "%s: content_type '%s' is not supported yet (form and multipart bodies are "
                 "not written by apigen; JSON, text/* or application/octet-stream are)",
                 what, type);
    else
        error_at(c, at,
                 "%s: content_type '%s' is not supported (application/json or a +json type, "
                 "text/*, application/octet-stream%s)",
                 what, type, is_response ? ", or a range such as */*" : "");
    return false;
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
    if (!expect_kind(c, n, NODE_MAPPING, "a response"))
        return;
    check_keys(c, n, KEYS("description", "content_type", "schema", "examples", "error_codes"),
               "a response");
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

static void parse_operation(checker *c, operation *op, const node *key, const node *n)
{
    op->name = key->text;
    op->at = key;
    op->c_name = layout_operation_name(c, key->text, key, "operation name");
    op->full_name = arena_printf(c->a, "%s.%s", c->api->name ? c->api->name : "", key->text);
    if (!expect_kind(c, n, NODE_MAPPING, "an operation"))
        return;
    check_keys(c, n,
               KEYS("method", "path", "summary", "description", "permission", "auth", "parameters",
                    "request", "responses"),
               "an operation");
    op->summary = get_text(c, n, "summary");
    op->description = get_text(c, n, "description");
    op->permission = get_text(c, n, "permission");
    op->method = get_string(c, n, "method");
    if (op->method == NULL && node_get(n, "method") == NULL)
        error_at(c, key, "operation '%s' needs a 'method'", key->text);
    else if (op->method) {
        bool ok = false;
        for (size_t i = 0; i < 5; i++)
            ok |= strcmp(op->method, METHODS[i]) == 0;
        if (!ok)
            error_at(c, node_get(n, "method"),
                     "unknown method '%s' (GET, POST, PUT, PATCH or DELETE)", op->method);
    }
    op->path = get_string(c, n, "path");
    if (op->path == NULL && node_get(n, "path") == NULL)
        error_at(c, key, "operation '%s' needs a 'path'", key->text);

    op->auth = get_string(c, n, "auth");
    if (op->auth) {
        bool known = false;
        const char **names = arena_alloc(c->a, (c->api->auth_count + 1) * sizeof *names);
        for (size_t i = 0; i < c->api->auth_count; i++) {
            known |= strcmp(c->api->auth[i].name, op->auth) == 0;
            names[i] = c->api->auth[i].name;
        }
        const char *near = known ? NULL : closest(op->auth, names, c->api->auth_count);
        if (!known)
            error_at(c, node_get(n, "auth"), "unknown auth scheme '%s'%s%s%s", op->auth,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    }

    const node *params = node_get(n, "parameters");
    if (params && expect_kind(c, params, NODE_MAPPING, "'parameters'")) {
        check_keys(c, params, KEYS("path", "query", "header"), "'parameters'");
        const node *g;
        if ((g = node_get(params, "path")) != NULL)
            op->path_params = parse_params(c, g, c->words->path_params);
        if ((g = node_get(params, "query")) != NULL)
            op->query_params = parse_params(c, g, c->words->query_params);
        if ((g = node_get(params, "header")) != NULL)
            op->header_params = parse_params(c, g, c->words->header_params);
    }
    if (op->path)
        check_path_template(c, op, node_get(n, "path"));

    const node *req = node_get(n, "request");
    if (req && expect_kind(c, req, NODE_MAPPING, "'request'")) {
        check_keys(c, req, KEYS("content_type", "required", "description", "schema", "examples"),
                   "'request'");
        op->request_content_type = get_string(c, req, "content_type");
        op->request_raw =
            check_body_media_type(c, req, op->request_content_type, "the request body", false);
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
        for (size_t i = 0; i < resp->count; i++)
            parse_response(c, &op->responses[i], resp->pairs[i].key, resp->pairs[i].value);
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
    if (a->name) {
        /* The file stem names the output folder; build systems rely on the two agreeing. */
        const char *base = strrchr(c->file->path, '/');
        base = base ? base + 1 : c->file->path;
        size_t stem = strcspn(base, ".");
        if (strlen(a->name) != stem || strncmp(base, a->name, stem) != 0)
            error_at(c, node_get(info, "name"),
                     "api name '%s' differs from the file name '%s'; name the file '%s.yaml'",
                     a->name, base, a->name);
    }
}

/* The keys of an auth scheme that belong to some types only: OpenAPI's (type http or apiKey,
 * OpenAPI 3.1 section 4.8.27) or apigen's own (type bearer or api_key). */
static const struct {
    const char *key, *types[2];
} AUTH_KEY_TYPES[] = {
    {"scheme", {"http", NULL}}, {"bearerFormat", {"http", NULL}},  {"in", {"apiKey", NULL}},
    {"name", {"apiKey", NULL}}, {"header", {"bearer", "api_key"}},
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
    return strcmp(type, "http") == 0     ? "'scheme'"
           : strcmp(type, "apiKey") == 0 ? "'in' and 'name'"
                                         : "'header'";
}

static bool is_openapi_type(const char *type)
{
    return strcmp(type, "http") == 0 || strcmp(type, "apiKey") == 0;
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

/* OpenAPI's {type: http, scheme: bearer, bearerFormat} into as; only bearer is supported. */
static void parse_auth_http(checker *c, auth_scheme *as, const node *key, const node *s)
{
    const char *scheme = get_string(c, s, "scheme");
    as->kind = AUTH_BEARER;
    as->in = AUTH_IN_HEADER;
    as->param = "Authorization";
    as->bearer_format = get_string(c, s, "bearerFormat");
    static const char *const SCHEMES[] = {"bearer"};
    if (scheme == NULL && node_get(s, "scheme") == NULL) {
        error_at(c, key, "auth scheme '%s' of type http needs 'scheme: bearer'", as->name);
    } else if (scheme && strcasecmp(scheme, "bearer") != 0) { /* RFC 9110 11.1: any case */
        refuse_value(c, node_get(s, "scheme"), "http auth scheme", scheme, SCHEMES, 1,
                     arena_printf(c->a,
                                  "http auth scheme '%s' is not supported (apigen sends "
                                  "bearer only)",
                                  scheme));
    }
}

/* OpenAPI's {type: apiKey, in: header|query, name} into as; cookie is refused. */
static void parse_auth_api_key(checker *c, auth_scheme *as, const node *key, const node *s)
{
    static const char *const PLACES[] = {"header", "query", "cookie"};
    const char *in = get_string(c, s, "in");
    as->kind = AUTH_API_KEY;
    as->param = get_string(c, s, "name");
    if (as->param == NULL && node_get(s, "name") == NULL)
        error_at(c, key,
                 "auth scheme '%s' of type apiKey needs 'name' (the header or query "
                 "parameter that carries the key)",
                 as->name);
    if (in == NULL) {
        if (node_get(s, "in") == NULL)
            error_at(c, key, "auth scheme '%s' of type apiKey needs 'in' (header or query)",
                     as->name);
    } else if (strcmp(in, "header") == 0) {
        as->in = AUTH_IN_HEADER;
    } else if (strcmp(in, "query") == 0) {
        as->in = AUTH_IN_QUERY;
    } else if (strcmp(in, "cookie") == 0) {
        error_at(c, node_get(s, "in"),
                 "auth scheme '%s': an apiKey in a cookie is not supported (header or query)",
                 as->name);
    } else {
        refuse_value(c, node_get(s, "in"), "apiKey 'in' value", in, PLACES, 2,
                     arena_printf(c->a, "unknown apiKey 'in' value '%s' (header or query)", in));
    }
}

static void parse_auth(checker *c, const node *root)
{
    static const char *const TYPES[] = {"http", "apiKey", "bearer", "api_key"};
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
                   KEYS("type", "scheme", "bearerFormat", "in", "name", "header", "description"),
                   "an auth scheme");
        const char *type = get_string(c, s, "type");
        as->description = get_text(c, s, "description");
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
                arena_printf(c->a, "unknown auth type '%s' (http, apiKey, bearer or api_key)",
                             type));
            continue;
        }
        if (!check_auth_keys(c, s, as->name, type))
            continue;
        if (strcmp(type, "http") == 0) {
            parse_auth_http(c, as, key, s);
        } else if (strcmp(type, "apiKey") == 0) {
            parse_auth_api_key(c, as, key, s);
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
    check_keys(&c, root, KEYS("apigen", "api", "auth", "schemas", "operations"), "the spec");

    const node *version = node_get(root, "apigen");
    int64_t v;
    if (version == NULL)
        error_at(&c, root, "a spec starts with 'apigen: 1' (the format version)");
    else if (scalar_int(&c, version, "'apigen'", &v) && v != 1)
        error_at(&c, version, "unsupported spec format version %lld (this apigen reads 1)",
                 (long long)v);
    parse_api(&c, root);
    parse_auth(&c, root);

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

    return check_finish(&c, before);
}
