/* check_model.c: the checks of a read model that any front end shares (path templates against
 * path parameters, parameters being scalars) and the pipeline after reading: resolve.c, then
 * layout.c, then examples.c. Knows nothing of the input format: the front end names its places
 * in c->words. */
#include "check_model.h"

#include <string.h>

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

/* Parameter values travel in URLs and headers: scalars only. */
static void check_param_types(checker *c, const schema *group)
{
    for (size_t i = 0; group && i < group->prop_count; i++) {
        schema *e = schema_effective(group->props[i].schema);
        if (e && (e->type == TYPE_OBJECT || e->type == TYPE_ARRAY || e->type == TYPE_ANY))
            error_at(c, group->props[i].at,
                     "parameter '%s' must be a string, integer, number "
                     "or boolean, not %s",
                     group->props[i].name, schema_type_name(e->type));
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
        check_param_types(c, op->path_params);
        check_param_types(c, op->query_params);
        check_param_types(c, op->header_params);
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
