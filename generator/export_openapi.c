/* export_openapi.c: checked models of one or more APIs -> one OpenAPI 3.1 document
 * (`apigen export openapi`). Its schemas are export.c's (OpenAPI 3.1 schemas are JSON Schema
 * 2020-12): components.schemas holds every model under its C type, which starts with the
 * API's prefix, so the models of several APIs never share a name. Everything else of the
 * spec is spelled the OpenAPI way: parameters, request bodies, responses with their examples,
 * security schemes; what OpenAPI has no field for is an x-apigen-* extension. */
#define _POSIX_C_SOURCE 200809L
#include "export_openapi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "export.h"
#include "json_text.h"

#define DEFAULT_CONTENT_TYPE "application/json"

static void add_string(cJSON *o, const char *key, const char *value)
{
    if (value)
        cJSON_AddItemToObject(o, key, json_must(cJSON_CreateString(value)));
}

static cJSON *child(cJSON *o, const char *key)
{
    cJSON *c = cJSON_GetObjectItemCaseSensitive(o, key);
    if (c == NULL) {
        c = json_must(cJSON_CreateObject());
        cJSON_AddItemToObject(o, key, c);
    }
    return c;
}

/* "<scheme's API prefix>_<scheme name>": the key of an auth scheme in
 * components.securitySchemes, apart from other APIs' schemes. */
static char *scheme_key(arena *a, const spec_api *api, const char *name)
{
    return arena_printf(a, "%s_%s", api->prefix, name);
}

static cJSON *security_scheme(const auth_scheme *as)
{
    cJSON *o = json_must(cJSON_CreateObject());
    bool oauth2 = as->type && strcmp(as->type, "oauth2") == 0;
    bool oidc = as->type && strcmp(as->type, "openIdConnect") == 0;
    if (oauth2) {
        add_string(o, "type", "oauth2");
        if (as->flows)
            cJSON_AddItemToObject(o, "flows", export_value(as->flows));
    } else if (oidc) {
        add_string(o, "type", "openIdConnect");
        add_string(o, "openIdConnectUrl", as->open_id_connect_url);
    } else if (as->kind == AUTH_BEARER || as->kind == AUTH_BASIC) {
        add_string(o, "type", "http");
        add_string(o, "scheme", as->kind == AUTH_BASIC ? "basic" : "bearer");
        add_string(o, "bearerFormat", as->bearer_format);
        /* http bearer is always sent in Authorization; any other header is said here */
        if (strcmp(as->param, "Authorization") != 0)
            add_string(o, "x-apigen-header", as->param);
    } else {
        add_string(o, "type", "apiKey");
        add_string(o, "in",
                   as->in == AUTH_IN_QUERY    ? "query"
                   : as->in == AUTH_IN_COOKIE ? "cookie"
                                              : "header");
        add_string(o, "name", as->param);
    }
    add_string(o, "description", as->description);
    return o;
}

/* style and explode of query parameter i when styles has a row for it (OpenAPI 3.1 section
 * 4.8.12.4), written only where they differ from OpenAPI's defaults for the parameter. */
static void add_style(cJSON *o, const query_style *styles, size_t i)
{
    static const char *const names[] = {"form", "spaceDelimited", "pipeDelimited", "deepObject"};
    if (styles == NULL || (styles[i].style == STYLE_FORM && styles[i].explode))
        return;
    add_string(o, "style", names[styles[i].style]);
    cJSON_AddItemToObject(o, "explode", json_must(cJSON_CreateBool(styles[i].explode)));
}

/* A security list (OpenAPI 3.1 section 4.8.10): requirements of scheme keys to their scopes. */
static cJSON *security_json(arena *a, const spec_api *api, const security_list *sec)
{
    cJSON *list = json_must(cJSON_CreateArray());
    for (size_t i = 0; i < sec->count; i++) {
        cJSON *req = json_must(cJSON_CreateObject());
        for (size_t k = 0; k < sec->reqs[i].use_count; k++) {
            const security_use *u = &sec->reqs[i].uses[k];
            cJSON *scopes = json_must(cJSON_CreateArray());
            for (size_t j = 0; j < u->scope_count; j++)
                cJSON_AddItemToArray(scopes, json_must(cJSON_CreateString(u->scopes[j])));
            cJSON_AddItemToObject(req, scheme_key(a, api, u->scheme), scopes);
        }
        cJSON_AddItemToArray(list, req);
    }
    return list;
}

/* One parameter per property of a parameter model (path, query or header); styles: one row per
 * property (query), or NULL. */
static void add_parameters(cJSON *list, const schema *group, const char *in,
                           const query_style *styles)
{
    const schema *m = schema_effective(group);
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->prop_count; i++) {
        const property *p = &m->props[i];
        const schema *e = schema_effective(p->schema);
        cJSON *o = json_must(cJSON_CreateObject());
        add_string(o, "name", p->name);
        add_string(o, "in", in);
        add_string(o, "description",
                   p->schema->description ? p->schema->description
                   : e                    ? e->description
                                          : NULL);
        /* OpenAPI: a path parameter is always required */
        bool required = p->required || strcmp(in, "path") == 0;
        cJSON_AddItemToObject(o, "required", json_must(cJSON_CreateBool(required)));
        add_style(o, styles, i);
        cJSON_AddItemToObject(o, "schema", export_schema(p->schema, &EXPORT_OPENAPI));
        const model_value *example = p->schema->example ? p->schema->example
                                     : e                ? e->example
                                                        : NULL;
        if (example)
            cJSON_AddItemToObject(o, "example", export_value(example));
        cJSON_AddItemToArray(list, o);
    }
}

/* {content_type: {schema, examples: {name: {value}}}} of a body. */
static cJSON *content(const schema *body, const char *content_type, const model_example *ex,
                      size_t count)
{
    cJSON *media = json_must(cJSON_CreateObject());
    cJSON_AddItemToObject(media, "schema", export_schema(body, &EXPORT_OPENAPI));
    if (count > 0) {
        cJSON *examples = json_must(cJSON_CreateObject());
        for (size_t i = 0; i < count; i++) {
            cJSON *one = json_must(cJSON_CreateObject());
            cJSON_AddItemToObject(one, "value", export_value(&ex[i].value));
            cJSON_AddItemToObject(examples, ex[i].name, one);
        }
        cJSON_AddItemToObject(media, "examples", examples);
    }
    cJSON *o = json_must(cJSON_CreateObject());
    cJSON_AddItemToObject(o, content_type ? content_type : DEFAULT_CONTENT_TYPE, media);
    return o;
}

/* The Encoding Object (OpenAPI 3.1 section 4.8.15) of a form body's media: each `encoding`
 * entry as written, and every object or map property as style deepObject, exploded, which is
 * what the builder writes (a[b]=1) where OpenAPI's default (form) would flatten the members. */
static void form_encoding(cJSON *media, const operation *op)
{
    const schema *e = schema_effective(op->request);
    cJSON *enc = json_must(cJSON_CreateObject());
    for (size_t i = 0; e && i < e->prop_count; i++) {
        const property *p = &e->props[i];
        const schema *t = schema_effective(p->schema);
        const body_encoding *be = NULL;
        for (size_t k = 0; k < op->request_encoding_count && be == NULL; k++)
            if (strcmp(op->request_encoding[k].name, p->name) == 0)
                be = &op->request_encoding[k];
        bool object = t && t->type == TYPE_OBJECT;
        if (be == NULL && !object)
            continue;
        cJSON *one = json_must(cJSON_CreateObject());
        bool deep = object || be->style == STYLE_DEEP_OBJECT;
        add_string(one, "style", deep ? "deepObject" : "form");
        cJSON_AddItemToObject(one, "explode",
                              json_must(cJSON_CreateBool(deep || be == NULL || be->explode)));
        cJSON_AddItemToObject(enc, p->name, one);
    }
    if (enc->child != NULL)
        cJSON_AddItemToObject(media, "encoding", enc);
    else
        cJSON_Delete(enc);
}

/* The Encoding Object of a multipart body's media: each file part's contentType. */
static void part_encoding(cJSON *media, const operation *op)
{
    cJSON *enc = json_must(cJSON_CreateObject());
    for (size_t k = 0; k < op->request_encoding_count; k++) {
        if (op->request_encoding[k].content_type == NULL)
            continue;
        cJSON *one = json_must(cJSON_CreateObject());
        add_string(one, "contentType", op->request_encoding[k].content_type);
        cJSON_AddItemToObject(enc, op->request_encoding[k].name, one);
    }
    if (enc->child != NULL)
        cJSON_AddItemToObject(media, "encoding", enc);
    else
        cJSON_Delete(enc);
}

/* An error code: a number when written as an integer ("6001"), else a string. */
static cJSON *error_code_json(const error_code *ec)
{
    const char *p = ec->code + (ec->code[0] == '-');
    bool integer = *p >= '0' && *p <= '9' && (p[0] != '0' || p[1] == '\0') &&
                   strspn(p, "0123456789") == strlen(p);
    cJSON *o = json_must(cJSON_CreateObject());
    cJSON_AddItemToObject(
        o, "code", json_must(integer ? cJSON_CreateRaw(ec->code) : cJSON_CreateString(ec->code)));
    add_string(o, "message", ec->message);
    add_string(o, "description", ec->description);
    return o;
}

static cJSON *response_json(const response *r)
{
    cJSON *o = json_must(cJSON_CreateObject());
    /* OpenAPI requires a description; a spec may leave it out */
    char text[32] = "Any other status";
    if (r->status_code)
        snprintf(text, sizeof text, "Status %s", r->status);
    add_string(o, "description", r->description ? r->description : text);
    if (r->schema)
        cJSON_AddItemToObject(o, "content",
                              content(r->schema, r->content_type, r->examples, r->example_count));
    if (r->headers) { /* OpenAPI 3.1 section 4.8.17.1: name -> Header Object */
        cJSON *headers = json_must(cJSON_CreateObject());
        for (size_t i = 0; i < r->headers->prop_count; i++) {
            const property *p = &r->headers->props[i];
            cJSON *h = json_must(cJSON_CreateObject());
            if (p->required)
                cJSON_AddItemToObject(h, "required", json_must(cJSON_CreateTrue()));
            cJSON_AddItemToObject(h, "schema", export_schema(p->schema, &EXPORT_OPENAPI));
            cJSON_AddItemToObject(headers, p->name, h);
        }
        cJSON_AddItemToObject(o, "headers", headers);
    }
    if (r->error_code_count > 0) {
        cJSON *codes = json_must(cJSON_CreateArray());
        for (size_t i = 0; i < r->error_code_count; i++)
            cJSON_AddItemToArray(codes, error_code_json(&r->error_codes[i]));
        cJSON_AddItemToObject(o, "x-apigen-error-codes", codes);
    }
    return o;
}

static cJSON *operation_json(arena *a, const spec_api *api, const operation *op)
{
    cJSON *o = json_must(cJSON_CreateObject());
    cJSON *tags = json_must(cJSON_CreateArray());
    cJSON_AddItemToArray(tags, json_must(cJSON_CreateString(api->name)));
    cJSON_AddItemToObject(o, "tags", tags);
    add_string(o, "operationId", op->full_name);
    add_string(o, "summary", op->summary);
    add_string(o, "description", op->description);
    add_string(o, "x-apigen-permission", op->permission);
    cJSON *params = json_must(cJSON_CreateArray());
    add_parameters(params, op->path_params, "path", NULL);
    add_parameters(params, op->query_params, "query", op->query_styles);
    add_parameters(params, op->header_params, "header", NULL);
    add_parameters(params, op->cookie_params, "cookie", NULL);
    if (cJSON_GetArraySize(params) > 0)
        cJSON_AddItemToObject(o, "parameters", params);
    else
        cJSON_Delete(params);
    if (op->request) {
        cJSON *body = json_must(cJSON_CreateObject());
        add_string(body, "description", op->request_description);
        cJSON_AddItemToObject(body, "required", json_must(cJSON_CreateBool(op->request_required)));
        cJSON *media = content(op->request, op->request_content_type, op->request_examples,
                               op->request_example_count);
        if (op->request_form)
            form_encoding(media->child, op);
        else if (op->request_multipart)
            part_encoding(media->child, op);
        cJSON_AddItemToObject(body, "content", media);
        cJSON_AddItemToObject(o, "requestBody", body);
    }
    cJSON *responses = json_must(cJSON_CreateObject());
    for (size_t i = 0; i < op->response_count; i++)
        cJSON_AddItemToObject(responses, op->responses[i].status, response_json(&op->responses[i]));
    cJSON_AddItemToObject(o, "responses", responses);
    /* Always written, the API's default resolved (several APIs share one document): no auth
     * is an explicit empty list, so that no reader assumes a default. */
    cJSON_AddItemToObject(o, "security", security_json(a, api, model_op_security(api, op)));
    return o;
}

/* The API's server: its base_url, or "/" (OpenAPI's default) when each caller has their own. */
static cJSON *server_json(arena *a, const spec_api *api)
{
    cJSON *server = json_must(cJSON_CreateObject());
    const char *name = api->title ? api->title : api->name;
    add_string(server, "url", api->base_url ? api->base_url : "/");
    add_string(server, "description",
               api->base_url
                   ? name
                   : arena_printf(a, "%s: no documented base URL, the caller gives it", name));
    return server;
}

/* "/a/{x}/b" -> "/a/{}/b": OpenAPI treats templates equal but for their parameter names as
 * the same path. */
static char *path_shape(arena *a, const char *path)
{
    char *s = arena_strdup(a, path), *w = s;
    for (const char *p = path; *p; p++) {
        *w++ = *p;
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close == NULL)
                break;
            p = close - 1;
        }
    }
    *w = '\0';
    return s;
}

/* Adds to set every model name that a "$ref" in v names. */
static void add_refs(cJSON *set, const cJSON *v)
{
    static const char base[] = "#/components/schemas/";
    for (const cJSON *c = v->child; c; c = c->next) {
        if (c->string && strcmp(c->string, "$ref") == 0 && cJSON_IsString(c) &&
            strncmp(c->valuestring, base, sizeof base - 1) == 0) {
            const char *name = c->valuestring + sizeof base - 1;
            if (!cJSON_HasObjectItem(set, name))
                cJSON_AddItemToObject(set, name, json_must(cJSON_CreateTrue()));
        }
        add_refs(set, c);
    }
}

/* The models of api that the paths use, directly or through other models, into schemas:
 * a parameter group is a model for C, but in OpenAPI its properties are parameters. Models
 * come nested before the models holding them (model.h), so one pass from the end finds
 * every model a used one holds; a cycle closes on models already seen. */
static void add_used_models(cJSON *schemas, cJSON *used, const spec_api *api)
{
    cJSON *defs = json_must(cJSON_CreateArray());
    for (size_t j = api->model_count; j-- > 0;) {
        const schema *m = api->models[j];
        cJSON *def = NULL;
        if (cJSON_HasObjectItem(used, m->c_name)) {
            def = export_model(m, &EXPORT_OPENAPI);
            add_refs(used, def);
        }
        cJSON_AddItemToArray(defs, def ? def : json_must(cJSON_CreateNull()));
    }
    /* in the model order again, as <api>.schema.json has them */
    for (size_t j = 0; j < api->model_count; j++) {
        cJSON *def = cJSON_DetachItemFromArray(defs, (int)(api->model_count - 1 - j));
        if (cJSON_IsNull(def))
            cJSON_Delete(def);
        else
            cJSON_AddItemToObject(schemas, api->models[j]->c_name, def);
    }
    cJSON_Delete(defs);
}

static cJSON *info_json(const spec_api *const *apis, size_t count)
{
    cJSON *info = json_must(cJSON_CreateObject());
    if (count == 1) {
        add_string(info, "title", apis[0]->title ? apis[0]->title : apis[0]->name);
        add_string(info, "description", apis[0]->description);
        add_string(info, "x-apigen-docs", apis[0]->docs);
    } else {
        add_string(info, "title", "APIs exported by apigen");
        /* each API's title, description and docs are on its tag */
    }
    /* A spec has no version of the API it describes; OpenAPI requires one. */
    add_string(info, "version", "unversioned");
    return info;
}

int export_openapi(const spec_api *const *apis, size_t count, writer_file *w, diag *d)
{
    arena a;
    arena_init(&a);
    cJSON *doc = json_must(cJSON_CreateObject());
    add_string(doc, "openapi", "3.1.0");
    cJSON_AddItemToObject(doc, "info", info_json(apis, count));
    cJSON *servers = json_must(cJSON_CreateArray());
    cJSON *tags = json_must(cJSON_CreateArray());
    for (size_t i = 0; i < count; i++) {
        const spec_api *api = apis[i];
        cJSON_AddItemToArray(servers, server_json(&a, api));
        cJSON *tag = json_must(cJSON_CreateObject());
        add_string(tag, "name", api->name);
        add_string(tag, "description",
                   api->description ? api->description
                   : api->title     ? api->title
                                    : api->name);
        if (count > 1) {
            add_string(tag, "x-apigen-title", api->title);
            add_string(tag, "x-apigen-docs", api->docs);
        }
        add_string(tag, "x-apigen-prefix", api->prefix);
        cJSON_AddItemToArray(tags, tag);
    }
    cJSON_AddItemToObject(doc, "servers", servers);
    cJSON_AddItemToObject(doc, "tags", tags);

    cJSON *paths = json_must(cJSON_CreateObject());
    cJSON_AddItemToObject(doc, "paths", paths);
    cJSON *shapes = json_must(cJSON_CreateObject()); /* path shape -> index of its API */
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        const spec_api *api = apis[i];
        for (size_t j = 0; j < api->op_count; j++) {
            const operation *op = &api->ops[j];
            const char *shape = path_shape(&a, op->path);
            cJSON *owner = cJSON_GetObjectItemCaseSensitive(shapes, shape);
            if (owner && (size_t)owner->valueint != i) {
                diag_error(d, api->file->path, 0, 0,
                           "operation '%s': path '%s' is also a path of api '%s': one OpenAPI "
                           "document cannot hold both, export them separately",
                           op->full_name, op->path, apis[owner->valueint]->name);
                rc = 1;
                continue;
            }
            if (owner == NULL)
                cJSON_AddItemToObject(shapes, shape, json_must(cJSON_CreateNumber((double)i)));
            cJSON *item = child(paths, op->path);
            if (count > 1 && !cJSON_HasObjectItem(item, "servers")) {
                /* several APIs: each path goes to its own API's server */
                cJSON *list = json_must(cJSON_CreateArray());
                cJSON_AddItemToArray(list, server_json(&a, api));
                cJSON_AddItemToObject(item, "servers", list);
            }
            char method[16];
            size_t k = 0;
            for (; op->method[k] && k + 1 < sizeof method; k++)
                method[k] = (char)(op->method[k] | 0x20); /* ASCII letters: lower case */
            method[k] = '\0';
            cJSON_AddItemToObject(item, method, operation_json(&a, api, op));
        }
    }
    cJSON_Delete(shapes);

    cJSON *components = json_must(cJSON_CreateObject());
    cJSON *schemas = child(components, "schemas");
    cJSON *schemes = json_must(cJSON_CreateObject());
    cJSON *used = json_must(cJSON_CreateObject());
    add_refs(used, paths);
    for (size_t i = 0; i < count; i++) {
        const spec_api *api = apis[i];
        add_used_models(schemas, used, api);
        for (size_t j = 0; j < api->auth_count; j++)
            cJSON_AddItemToObject(schemes, scheme_key(&a, api, api->auth[j].name),
                                  security_scheme(&api->auth[j]));
    }
    cJSON_Delete(used);
    if (cJSON_GetArraySize(schemes) > 0)
        cJSON_AddItemToObject(components, "securitySchemes", schemes);
    else
        cJSON_Delete(schemes);
    cJSON_AddItemToObject(doc, "components", components);

    if (rc == 0 && export_write_json(doc, w) != 0)
        rc = -1;
    cJSON_Delete(doc);
    arena_free(&a);
    return rc;
}
