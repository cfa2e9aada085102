/* resolve.c: $ref resolution over the model (model.h), whatever front end read it: each
 * reference is pointed at its schema in api.schemas (or reported, with "did you mean"), and
 * chains of aliases are flattened with cycles reported. */
#include "resolve.h"

/* Points s at its $ref target in api.schemas, or reports the name (with a close one). */
static void resolve_one(checker *c, schema *s)
{
    if (s->ref_name == NULL)
        return;
    const named_schema *target = strmap_get(&c->schemas, s->ref_name);
    if (target)
        s->ref = target->schema;
    if (s->ref == NULL) {
        if (c->schema_names == NULL) { /* once, for every unresolved reference */
            c->schema_names = arena_alloc(c->a, (c->api->schema_count + 1) * sizeof(char *));
            for (size_t i = 0; i < c->api->schema_count; i++)
                c->schema_names[i] = c->api->schemas[i].name;
        }
        const char *near = closest(s->ref_name, c->schema_names, c->api->schema_count);
        if (near)
            error_at(c, s->ref_at, "unresolved reference '%s' (did you mean '%s'?)", s->ref_name,
                     near);
        else
            error_at(c, s->ref_at, "unresolved reference '%s': no such schema in %s", s->ref_name,
                     c->words->schemas);
    }
}

void resolve_refs(checker *c, schema *s)
{
    if (s == NULL)
        return;
    resolve_one(c, s);
    resolve_refs(c, s->items);
    for (size_t i = 0; i < s->prop_count; i++)
        resolve_refs(c, s->props[i].schema);
}

/* The index in api.schemas of named schema s (a $ref target), or -1. */
static ptrdiff_t named_index(checker *c, const schema *s)
{
    const named_schema *ns = s && s->named ? strmap_get(&c->schemas, s->named) : NULL;
    return ns ? ns - c->api->schemas : -1;
}

/* Linear: each alias is followed once (walking each chain from each of its members cost n^2
 * hops for a chain of n aliases). */
void check_ref_cycles(checker *c)
{
    spec_api *a = c->api;
    size_t n = a->schema_count;
    if (n == 0)
        return;
    enum { NEW, ON_PATH, DONE };
    unsigned char *state = arena_alloc(c->a, n);
    ptrdiff_t *final = arena_alloc(c->a, n * sizeof *final); /* -1: the chain loops */
    /* whether a $ref on the chain from each is nullable ({$ref: B, nullable: true}): kept on
     * the alias when its chain is flattened below (schema_nullable reads it there) */
    bool *chain_null = arena_alloc(c->a, n * sizeof *chain_null);
    size_t *path = arena_alloc(c->a, n * sizeof *path);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        ptrdiff_t j = (ptrdiff_t)i, end;
        bool null = false;
        for (;;) {
            if (state[j] == DONE) {
                end = final[j];
                null = chain_null[j];
                break;
            }
            if (state[j] == ON_PATH) {
                end = -1;
                break;
            }
            const schema *s = a->schemas[j].schema;
            ptrdiff_t next = s->ref_name && s->ref ? named_index(c, s->ref) : -1;
            if (next < 0) { /* not an alias, or an unresolved one: the chain ends here */
                end = j;
                break;
            }
            state[j] = ON_PATH;
            path[len++] = (size_t)j;
            j = next;
        }
        for (size_t k = len; k-- > 0;) {
            state[path[k]] = DONE;
            final[path[k]] = end;
            null = null || a->schemas[path[k]].schema->nullable;
            chain_null[path[k]] = null;
        }
        if (state[i] != DONE) { /* i itself ended the walk */
            state[i] = DONE;
            final[i] = (ptrdiff_t)i;
            chain_null[i] = false;
        }
    }
    for (size_t i = 0; i < n; i++) {
        schema *s = a->schemas[i].schema;
        if (final[i] < 0) {
            error_at(c, a->schemas[i].at, "schema '%s' refers to itself through '$ref'",
                     a->schemas[i].name);
            s->ref = NULL;
        } else if (s->ref_name && s->ref) {
            s->ref = a->schemas[final[i]].schema;
            s->nullable = chain_null[i];
        }
    }
}
