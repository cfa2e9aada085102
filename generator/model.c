/* model.c: helpers over the checked model (model.h) that every stage after reading shares:
 * type names, the schema a $ref stands for, a blank schema. Knows neither the input format
 * nor C. */
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
