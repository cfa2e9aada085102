/* check_model.c: the checks of a read model that any front end shares (path templates against
 * path parameters, parameters being scalars) and the pipeline after reading: resolve.c, then
 * layout.c, then examples.c. Knows nothing of the input format: the front end names its places
 * in c->words. */
#include "check_model.h"

#include <string.h>
#include <strings.h>

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

/* Whether name is an RFC 9110 token (section 5.6.2), what a header field name must be. */
static bool is_token(const char *name)
{
    if (*name == '\0')
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("!#$%&'*+-.^_`|~", *p) != NULL))
            return false;
    return true;
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
typedef enum param_place { IN_PATH, IN_QUERY, IN_HEADER } param_place;

static void check_params(checker *c, const operation *op, const schema *group, param_place in)
{
    bool headers = in == IN_HEADER;
    const auth_scheme *as = model_op_auth(c->api, op);
    for (size_t i = 0; group && i < group->prop_count; i++) {
        const property *p = &group->props[i];
        schema *e = schema_effective(p->schema);
        if (e && (e->type == TYPE_OBJECT || e->type == TYPE_ARRAY || e->type == TYPE_ANY))
            error_at(c, p->at,
                     "parameter '%s' must be a string, integer, number "
                     "or boolean, not %s",
                     p->name, schema_type_name(e->type));
        if (e && schema_nullable(p->schema))
            error_at(c, p->at, "parameter '%s' cannot be nullable: a URL or header has no null",
                     p->name);
        /* as->param is NULL when the scheme was refused for lacking it */
        bool auth_here = as && as->param && in != IN_PATH && (as->in == AUTH_IN_HEADER) == headers;
        if (headers && !is_token(p->name))
            error_at(c, p->at,
                     "header parameter '%s' is not a header field name (an RFC 9110 token: "
                     "letters, digits and !#$%%&'*+-.^_`|~)",
                     p->name);
        else if (headers && reserved_header(p->name))
            error_at(c, p->at, "header parameter '%s' cannot be a parameter: %s", p->name,
                     reserved_header(p->name));
        else if (auth_here &&
                 (headers ? strcasecmp(p->name, as->param) == 0 : strcmp(p->name, as->param) == 0))
            error_at(c, p->at, "%s parameter '%s' is where auth scheme '%s' puts its secret",
                     headers ? "header" : "query", p->name, as->name);
    }
}

int check_finish(checker *c, int errors_before)
{
    spec_api *out = c->api;
    diag *d = c->d;
    for (size_t i = 0; i < out->schema_count; i++)
        resolve_refs(c, out->schemas[i].schema);
    check_ref_cycles(c);
    for (size_t i = 0; i < out->op_count; i++) {
        operation *op = &out->ops[i];
        resolve_refs(c, op->path_params);
        resolve_refs(c, op->query_params);
        resolve_refs(c, op->header_params);
        resolve_refs(c, op->request);
        for (size_t j = 0; j < op->response_count; j++)
            resolve_refs(c, op->responses[j].schema);
        check_params(c, op, op->path_params, IN_PATH);
        check_params(c, op, op->query_params, IN_QUERY);
        check_params(c, op, op->header_params, IN_HEADER);
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
