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
    s->min_properties = s->max_properties = -1;
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
        return !schema_is_union(v);
    case TYPE_ARRAY:
        return true;
    default:
        return false;
    }
}

bool schema_is_map(const schema *e)
{
    return e != NULL && e->type == TYPE_OBJECT && e->additional != NULL && e->prop_count == 0;
}

bool schema_has_object_rules(const schema *e)
{
    return e != NULL && (e->min_properties >= 0 || e->max_properties >= 0 || e->property_names);
}

bool schema_is_enum(const schema *s)
{
    return (s->type == TYPE_STRING || s->type == TYPE_INTEGER) && s->enum_count > 0;
}

member_shape schema_member_shape(const property *p)
{
    member_shape m;
    memset(&m, 0, sizeof m);
    m.e = schema_effective(p->schema);
    m.array = m.e && m.e->type == TYPE_ARRAY;
    m.map = schema_is_map(m.e);
    m.value = m.array ? schema_effective(m.e->items)
              : m.map ? schema_effective(m.e->additional)
                      : m.e;
    m.is_enum = m.value && schema_is_enum(m.value);
    m.is_union = schema_is_union(m.value);
    m.pointer = m.value && absent_as_null(m.value);
    m.has_flag = !p->required && (m.array || m.map || (!m.pointer && !m.is_enum && !m.is_union));
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

const auth_scheme *model_auth_scheme(const spec_api *api, const char *name)
{
    for (size_t i = 0; name && i < api->auth_count; i++)
        if (strcmp(api->auth[i].name, name) == 0)
            return &api->auth[i];
    return NULL;
}

const security_list *model_op_security(const spec_api *api, const operation *op)
{
    return op->security.set ? &op->security : &api->security;
}
