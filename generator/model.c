/* model.c: helpers over the checked model (model.h) that every stage after reading shares:
 * type names, the schema a $ref stands for, a blank schema, and which C members a field gets
 * (the one decision of layout.c, view.c and tables.c). Knows nothing of the input format. */
#include "model.h"

#include <string.h>

const char *const schema_type_names[SCHEMA_TYPE_COUNT] = {"string", "integer", "number", "boolean",
                                                          "object", "array",   "any"};

const char *schema_type_name(schema_type t)
{
    return schema_type_names[t];
}

bool schema_type_parse(const char *name, schema_type *out)
{
    for (size_t t = 0; t < SCHEMA_TYPE_COUNT; t++) {
        if (strcmp(schema_type_names[t], name) == 0) {
            *out = (schema_type)t;
            return true;
        }
    }
    return false;
}

schema *schema_effective(const schema *s)
{
    /* Any length: at most two hops once check_ref_cycles (resolve.h) has flattened the aliases,
     * but a model need not have been through it yet. */
    for (int hops = 0; s && s->ref_name; hops++) {
        if (hops > 65536) /* a cycle: reported by resolve.c */
            return NULL;
        s = s->ref;
    }
    return (schema *)s;
}

schema *schema_new(arena *a, const node *at)
{
    schema *s = arena_alloc(a, sizeof *s);
    s->at = at;
    s->type = TYPE_ANY;
    s->min_length = s->max_length = s->min_items = s->max_items = -1;
    s->pattern_index = -1;
    return s;
}

/* Whether a value of schema v is absent as NULL: strings (not enums), free-form objects and any
 * (arrays of arrays, refused by layout.c, would be too). */
static bool absent_as_null(const schema *v)
{
    switch (v->type) {
    case TYPE_STRING:
        return v->enum_count == 0;
    case TYPE_OBJECT:
        return v->free_form;
    case TYPE_ANY:
    case TYPE_ARRAY:
        return true;
    default:
        return false;
    }
}

member_shape schema_member_shape(const property *p)
{
    member_shape m;
    memset(&m, 0, sizeof m);
    m.e = schema_effective(p->schema);
    m.array = m.e && m.e->type == TYPE_ARRAY;
    m.value = m.array ? schema_effective(m.e->items) : m.e;
    m.is_enum = m.value && m.value->type == TYPE_STRING && m.value->enum_count > 0;
    m.pointer = m.value && absent_as_null(m.value);
    m.has_flag = !p->required && (m.array || (!m.pointer && !m.is_enum));
    /* nullable on the $ref ({$ref: User, nullable: true}), an alias, or the target */
    m.is_null = m.e && schema_nullable(p->schema);
    return m;
}

bool schema_nullable(const schema *s)
{
    for (int hops = 0; s && hops <= 65536; hops++) {
        if (s->nullable)
            return true;
        if (s->ref_name == NULL)
            return false;
        s = s->ref;
    }
    return false;
}

schema *schema_body_model(const schema *s)
{
    if (s == NULL)
        return NULL;
    return s->body_model ? s->body_model : schema_effective(s);
}

const auth_scheme *model_op_auth(const spec_api *api, const operation *op)
{
    for (size_t i = 0; op->auth && i < api->auth_count; i++)
        if (strcmp(api->auth[i].name, op->auth) == 0)
            return &api->auth[i];
    return NULL;
}
