/* check_unions.c: the composition keywords of a schema (JSON Schema 2020-12 Applicator 10.2.1):
 * oneOf and anyOf read into a tagged union (model.h, schema.alts) with OpenAPI 3.1's
 * discriminator (section 4.8.25), the nullable form [X, {type: "null"}] read as a nullable X,
 * and allOf: the annotation-wrapper idiom read as its one real member, any other allOf merged
 * into one object schema once references are resolved (check_composition). */
#include "check_unions.h"

#include <string.h>

#include "check_schema.h"
#include "vocab.h"

/* The key node of value v in mapping m. */
static const node *key_of(const node *m, const node *v)
{
    for (size_t i = 0; i < m->count; i++)
        if (m->pairs[i].value == v)
            return m->pairs[i].key;
    return m;
}

/* Keys that only annotate: they may stand beside a union, and an allOf member of only these is
 * an annotation, not a schema to merge. */
static bool annotation_key(const char *k)
{
    return strcmp(k, KW(DESCRIPTION)) == 0 || strcmp(k, KW(TITLE)) == 0 ||
           strcmp(k, KW(EXAMPLE)) == 0 || strcmp(k, KW(READ_ONLY)) == 0 ||
           strcmp(k, KW(WRITE_ONLY)) == 0 || strcmp(k, "deprecated") == 0;
}

/* {type: "null"} (with annotations at most): JSON Schema's null type, which apigen reads as
 * the union's (or the other alternative's) nullable. */
static bool is_null_schema(const node *n)
{
    const node *t = n->kind == NODE_MAPPING ? node_get(n, KW(TYPE)) : NULL;
    /* "null" quoted, or YAML's plain null, as in a type list (check_schema.c) */
    bool null_type = t != NULL && ((is_string(t) && strcmp(t->text, "null") == 0) ||
                                   (t->kind == NODE_SCALAR && t->type == SCALAR_NULL));
    if (!null_type)
        return false;
    for (size_t i = 0; i < n->count; i++)
        if (n->pairs[i].value != t && !annotation_key(n->pairs[i].key->text))
            return false;
    return true;
}

static void parse_discriminator(checker *c, schema *s, const node *d, const char *kw)
{
    if (!expect_kind(c, d, NODE_MAPPING, "'discriminator'"))
        return;
    check_keys(c, d, KEYS("propertyName", "mapping"), "a discriminator");
    const node *name = node_get(d, "propertyName");
    if (name == NULL)
        error_at(c, d,
                 "a discriminator needs 'propertyName' (the property whose value names "
                 "the alternative)");
    else if (!is_string(name))
        error_at(c, name, "'propertyName' must be a string, not %s", node_describe(name));
    else
        s->discriminator = name->text;
    s->discriminator_at = d;
    const node *mapping = node_get(d, "mapping");
    if (mapping && expect_kind(c, mapping, NODE_MAPPING, "'mapping'")) {
        for (size_t i = 0; i < mapping->count; i++)
            if (!is_string(mapping->pairs[i].value))
                error_at(c, mapping->pairs[i].value, "a %s 'mapping' value names a schema, not %s",
                         kw, node_describe(mapping->pairs[i].value));
        s->mapping = mapping;
    }
}

schema *parse_union(checker *c, const node *n, const char *where)
{
    const node *one = node_get(n, KW(ONE_OF)), *any = node_get(n, KW(ANY_OF));
    const node *list = one ? one : any;
    const char *kw = one ? KW(ONE_OF) : KW(ANY_OF);
    schema *s = schema_new(c->a, n);
    s->one_of = one != NULL;
    s->union_at = key_of(n, list);
    (void)where;
    if (one && any)
        error_at(c, key_of(n, any), "a schema has either 'oneOf' or 'anyOf', not both");
    check_keys(c, n, vocab_keyword_names, KW_COUNT, "a schema"); /* unknown keys */
    for (size_t i = 0; i < n->count; i++) {
        const char *k = n->pairs[i].key->text;
        if (strcmp(k, KW(ONE_OF)) == 0 || strcmp(k, KW(ANY_OF)) == 0 || annotation_key(k) ||
            strcmp(k, KW(NULLABLE)) == 0 || strcmp(k, KW(SENSITIVE)) == 0 ||
            strcmp(k, KW(DISCRIMINATOR)) == 0)
            continue;
        const node *v = n->pairs[i].value;
        if (strcmp(k, KW(TYPE)) == 0 && is_string(v) &&
            schema_type_parse(v->text, &s->union_type)) {
            s->union_type_at = v; /* as real documents write it: every alternative's type */
            continue;
        }
        bool known = false;
        for (size_t j = 0; j < KW_COUNT && !known; j++)
            known = strcmp(k, vocab_keyword_names[j]) == 0;
        if (known)
            error_at(c, n->pairs[i].key,
                     "'%s' cannot stand beside '%s': give it to the alternatives that need it", k,
                     kw);
    }
    parse_annotations(c, s, n);
    if (!expect_kind(c, list, NODE_SEQUENCE, one ? "'oneOf'" : "'anyOf'"))
        return s;
    if (list->count == 0) {
        error_at(c, list, "'%s' must list at least one schema", kw);
        return s;
    }
    s->alts = arena_alloc(c->a, list->count * sizeof *s->alts);
    const node *null_at = NULL;
    const char *what = arena_printf(c->a, "an alternative of '%s'", kw);
    for (size_t i = 0; i < list->count; i++) {
        const node *item = list->items[i];
        if (item->kind != NODE_MAPPING) {
            error_at(c, item, "%s must be a schema (a mapping), not %s", what, node_describe(item));
            continue;
        }
        if (is_null_schema(item)) {
            if (null_at)
                error_at(c, item, "'%s' lists {type: \"null\"} twice", kw);
            null_at = item;
            continue;
        }
        s->alts[s->alt_count++] = parse_schema(c, item, what);
    }
    s->nullable |= null_at != NULL;
    const node *d = node_get(n, KW(DISCRIMINATOR));
    if (d)
        parse_discriminator(c, s, d, kw);
    if (s->alt_count == 0 && null_at) {
        error_at(c, list,
                 "'%s' lists only {type: \"null\"}: a value that is always null has no "
                 "C type",
                 kw);
        return s;
    }
    if (s->alt_count == 1 && d == NULL) {
        /* [X, {type: "null"}] (OpenAPI 3.1's nullable X), or one alternative: X itself */
        schema *only = s->alts[0];
        only->nullable |= s->nullable;
        if (s->description && only->description == NULL)
            only->description = s->description;
        return only;
    }
    return s;
}

/* Whether allOf member m is a schema to merge (false: annotations only). */
static bool real_member(const node *m)
{
    for (size_t i = 0; i < m->count; i++)
        if (!annotation_key(m->pairs[i].key->text))
            return true;
    return false;
}

schema *parse_all_of_wrapper(checker *c, const node *n)
{
    const node *list = node_get(n, KW(ALL_OF));
    if (list->kind != NODE_SEQUENCE)
        return NULL;
    for (size_t i = 0; i < n->count; i++) {
        const char *k = n->pairs[i].key->text;
        if (strcmp(k, KW(ALL_OF)) != 0 && !annotation_key(k))
            return NULL;
    }
    const node *real = NULL, *described = NULL;
    for (size_t i = 0; i < list->count; i++) {
        const node *m = list->items[i];
        if (m->kind != NODE_MAPPING)
            return NULL;
        if (real_member(m)) {
            if (real)
                return NULL;
            real = m;
        } else if (node_get(m, KW(DESCRIPTION))) {
            described = m;
        }
    }
    if (real == NULL)
        return NULL;
    schema *s = parse_schema(c, real, "a member of 'allOf'");
    const char *desc = get_text(c, n, KW(DESCRIPTION));
    if (desc == NULL && described)
        desc = get_text(c, described, KW(DESCRIPTION));
    if (desc)
        s->description = desc;
    return s;
}

void parse_all_of_members(checker *c, schema *s, const node *n)
{
    const node *list = node_get(n, KW(ALL_OF));
    s->all_of_at = key_of(n, list);
    if (!expect_kind(c, list, NODE_SEQUENCE, "'allOf'"))
        return;
    if (list->count == 0) {
        error_at(c, list, "'allOf' must list at least one schema");
        return;
    }
    s->all_of = arena_alloc(c->a, list->count * sizeof *s->all_of);
    for (size_t i = 0; i < list->count; i++) {
        const node *m = list->items[i];
        if (m->kind != NODE_MAPPING) {
            error_at(c, m, "a member of 'allOf' must be a schema (a mapping), not %s",
                     node_describe(m));
            continue;
        }
        if (!real_member(m)) /* annotations: the merged schema keeps its own */
            continue;
        const node *outer = c->all_of_member;
        c->all_of_member = m; /* its type may go unsaid, its `required` name others' properties */
        s->all_of[s->all_of_count++] = parse_schema(c, m, "a member of 'allOf'");
        c->all_of_member = outer;
    }
}

/* ------------------------------------------------------------ after $ref ---- */

/* The property named name of object schema e, or NULL. */
static property *find_prop(schema *e, const char *name)
{
    for (size_t i = 0; i < e->prop_count; i++)
        if (strcmp(e->props[i].name, name) == 0)
            return &e->props[i];
    return NULL;
}

static bool covers(const schema *big, const schema *small);

/* The object rules of s's allOf members carried into merged s (JSON Schema 2020-12 10.2.1.1:
 * each member applies to the whole object): a member's additionalProperties map becomes the
 * merged struct's `additional`, when every property of the others is valid against its value
 * schema (JSON Schema applies it to them too; covers decides) and no other member has another;
 * one propertyNames; the greatest minProperties and the least maxProperties. */
static void merge_object_rules(checker *c, schema *s, schema **members, size_t count,
                               const property *props, size_t n)
{
    for (size_t i = 0; i < count; i++) {
        schema *e = schema_effective(members[i]);
        if (e == NULL || e->type != TYPE_OBJECT || schema_is_union(e))
            continue;
        schema *v = schema_effective(e->additional);
        for (size_t k = 0; k < n && v != NULL; k++) {
            if (find_prop(e, props[k].name) != NULL || covers(v, schema_effective(props[k].schema)))
                continue;
            error_at(c, members[i]->at,
                     "this member of 'allOf' has additionalProperties, which JSON Schema applies "
                     "to property '%s' of the others too, and not every value of it is valid "
                     "there: declare the properties in the member that has the map",
                     props[k].name);
            v = NULL;
        }
        if (v != NULL && s->additional == NULL)
            s->additional = e->additional;
        else if (v != NULL && schema_effective(s->additional) != v)
            error_at(c, members[i]->at,
                     "two members of 'allOf' have different additionalProperties (the merged "
                     "object has one map)");
        if (e->property_names && s->property_names == NULL)
            s->property_names = e->property_names;
        else if (e->property_names && s->property_names != e->property_names)
            error_at(c, members[i]->at,
                     "two members of 'allOf' have different propertyNames (the merged object "
                     "has one)");
        if (e->min_properties > s->min_properties)
            s->min_properties = e->min_properties;
        if (e->max_properties >= 0 &&
            (s->max_properties < 0 || e->max_properties < s->max_properties))
            s->max_properties = e->max_properties;
    }
    if (s->min_properties >= 0 && s->max_properties >= 0 && s->min_properties > s->max_properties)
        error_at(c, s->all_of_at,
                 "the members of 'allOf' ask for minProperties %lld and maxProperties %lld: no "
                 "object has both",
                 (long long)s->min_properties, (long long)s->max_properties);
}

/* The `required` names s kept for the merge (schema.pending_required), marked required among
 * the n merged props, or reported when no member declares them. */
static void resolve_required(checker *c, schema *s, property *props, size_t n)
{
    for (size_t i = 0; i < s->pending_count; i++) {
        const node *r = s->pending_required[i];
        property *p = NULL;
        for (size_t k = 0; k < n && p == NULL; k++)
            if (strcmp(props[k].name, r->text) == 0)
                p = &props[k];
        if (p != NULL)
            p->required = true; /* in the merged copy: the member's own schema keeps its own */
        else
            error_at(c, r,
                     "required property '%s' is declared by no member of this 'allOf' (nor "
                     "its own 'properties')",
                     r->text);
    }
    s->pending_count = 0;
}

/* Merges s's allOf members into s (JSON Schema 2020-12 10.2.1.1: the value must be valid
 * against every member, so one object with every member's properties and required). A member
 * with additionalProperties: false would refuse the others' properties: reported, not guessed
 * at. The merged object is closed only when s itself says so. */
static void merge_all_of(checker *c, schema *s, int depth)
{
    if (s->all_of_count == 0 || s->all_of == NULL)
        return;
    schema **members = s->all_of;
    size_t count = s->all_of_count;
    s->all_of = NULL; /* merged once; a member that includes s again is refused below */
    if (depth > 64) {
        error_at(c, s->all_of_at, "'allOf' nests deeper than 64 levels");
        return;
    }
    size_t total = s->prop_count;
    for (size_t i = 0; i < count; i++) {
        schema *e = schema_effective(members[i]);
        if (e == NULL)
            continue;
        merge_all_of(c, e, depth + 1);
        if (e->type != TYPE_OBJECT || schema_is_union(e)) {
            error_at(c, members[i]->at,
                     "a member of 'allOf' must be an object schema, not %s (allOf merges "
                     "objects)",
                     schema_is_union(e) ? "a union" : schema_type_name(e->type));
            continue;
        }
        total += e->prop_count;
    }
    property *props = arena_alloc(c->a, (total ? total : 1) * sizeof *props);
    size_t n = 0;
    for (size_t i = 0; i < s->prop_count; i++)
        props[n++] = s->props[i];
    for (size_t i = 0; i < count; i++) {
        schema *e = schema_effective(members[i]);
        if (e == NULL || e->type != TYPE_OBJECT || schema_is_union(e))
            continue;
        for (size_t j = 0; j < e->prop_count; j++) {
            const property *p = &e->props[j];
            property *same = NULL;
            for (size_t k = 0; k < n && !same; k++)
                if (strcmp(props[k].name, p->name) == 0)
                    same = &props[k];
            if (same == NULL) {
                props[n++] = *p;
            } else if (schema_effective(same->schema) == schema_effective(p->schema)) {
                same->required |= p->required; /* the same schema twice: one property */
            } else {
                error_at(c, p->at, "property '%s' is declared by two members of 'allOf'", p->name);
                note_at(c, same->at, "'%s' is also declared here", p->name);
            }
        }
    }
    for (size_t i = 0; i < count; i++) {
        schema *e = schema_effective(members[i]);
        if (e == NULL || !e->closed || e->type != TYPE_OBJECT)
            continue;
        for (size_t k = 0; k < n; k++) {
            if (find_prop(e, props[k].name) == NULL) {
                error_at(c, members[i]->at,
                         "this member of 'allOf' has 'additionalProperties: false', which refuses "
                         "property '%s' of the others (JSON Schema applies each member to the "
                         "whole object): drop it, and close the merged schema instead",
                         props[k].name);
                break;
            }
        }
    }
    resolve_required(c, s, props, n);
    for (size_t i = 0; i < count; i++)
        if (members[i]->ref_name == NULL)
            resolve_required(c, members[i], props, n);
    merge_object_rules(c, s, members, count, props, n);
    s->props = props;
    s->prop_count = n;
    s->free_form = n == 0 && s->additional == NULL;
    if (s->free_form && s->closed)
        error_at(c, s->at,
                 "an object with neither properties nor additional properties is "
                 "not supported");
}

/* The schema name a mapping value names: "Card", "#/components/schemas/Card" or
 * "#/schemas/Card". */
static const char *mapping_target(const char *v)
{
    static const char *const prefixes[] = {"#/components/schemas/", "#/schemas/"};
    for (size_t i = 0; i < 2; i++)
        if (strncmp(v, prefixes[i], strlen(prefixes[i])) == 0)
            return v + strlen(prefixes[i]);
    return v;
}

/* OpenAPI 3.1 4.8.25: every alternative a $ref to an object schema in which propertyName is a
 * required string property; values from the mapping, else the schema's name. */
static void check_discriminator(checker *c, schema *s)
{
    const char *kw = s->one_of ? KW(ONE_OF) : KW(ANY_OF);
    s->alt_values = arena_alloc(c->a, s->alt_count * sizeof *s->alt_values);
    for (size_t i = 0; i < s->alt_count; i++) {
        schema *alt = s->alts[i];
        schema *e = schema_effective(alt);
        if (alt->ref_name == NULL) {
            error_at(c, alt->at,
                     "with a discriminator, every alternative of '%s' must be a '$ref' to an "
                     "object schema (its name is the discriminator's value)",
                     kw);
            continue;
        }
        s->alt_values[i] = alt->ref_name;
        if (e == NULL)
            continue;
        property *p = e->type == TYPE_OBJECT ? find_prop(e, s->discriminator) : NULL;
        schema *pe = p ? schema_effective(p->schema) : NULL;
        if (p == NULL || !p->required || pe == NULL || pe->type != TYPE_STRING)
            error_at(c, alt->ref_at,
                     "discriminator property '%s' must be a required string property of '%s'",
                     s->discriminator, alt->ref_name);
    }
    if (s->mapping) {
        const node *m = s->mapping;
        /* the mapping key that named alternative i, once one did */
        const node **mapped = arena_alloc(c->a, s->alt_count * sizeof *mapped);
        for (size_t i = 0; i < s->alt_count; i++)
            mapped[i] = NULL;
        for (size_t k = 0; k < m->count; k++) {
            const node *v = m->pairs[k].value;
            if (!is_string(v))
                continue;
            const char *target = mapping_target(v->text);
            bool found = false;
            for (size_t i = 0; i < s->alt_count; i++) {
                if (s->alts[i]->ref_name && strcmp(s->alts[i]->ref_name, target) == 0) {
                    /* the runtime keeps one value per alternative: a second would be refused
                     * on the wire although documented, so it is refused here */
                    if (mapped[i] != NULL)
                        error_at(c, v,
                                 "discriminator mapping '%s' names '%s', as '%s' does: several "
                                 "values for one alternative are not supported yet",
                                 m->pairs[k].key->text, v->text, mapped[i]->text);
                    else
                        mapped[i] = m->pairs[k].key;
                    s->alt_values[i] = mapped[i]->text;
                    found = true;
                }
            }
            if (!found)
                error_at(c, v,
                         "discriminator mapping '%s' names '%s', which is no alternative "
                         "of this '%s'",
                         m->pairs[k].key->text, v->text, kw);
        }
    }
    for (size_t i = 0; i < s->alt_count; i++)
        for (size_t j = 0; j < i; j++)
            if (s->alt_values[i] && s->alt_values[j] &&
                strcmp(s->alt_values[i], s->alt_values[j]) == 0)
                error_at(c, s->alts[i]->at,
                         "two alternatives have the discriminator value '%s' (a value selects "
                         "one alternative)",
                         s->alt_values[i]);
}

/* Whether every value of a matches b too, decidably: two schemas of one scalar type with no
 * constraint, integer inside unconstrained number, anything inside any, and objects
 * (covers_object). */
static bool plain(const schema *e)
{
    return e->enum_count == 0 && e->pattern == NULL && e->format == NULL && e->min_length < 0 &&
           e->max_length < 0 && e->const_value == NULL && e->minimum.at == NULL &&
           e->maximum.at == NULL && e->exclusive_minimum.at == NULL &&
           e->exclusive_maximum.at == NULL && !schema_is_union(e);
}

static bool covers(const schema *big, const schema *small);

/* Whether every object small allows, big allows too, decidably: big open with no map or object
 * rules, each of big's properties absent from small only when small is closed (or big's is
 * any), required in small where big requires it, and covering small's (to a few levels: a
 * recursive schema answers "no" past them). A free-form object covers every object. */
static bool covers_object(const schema *big, const schema *small, int depth)
{
    if (depth > 8 || big->type != TYPE_OBJECT || small->type != TYPE_OBJECT ||
        schema_is_union(big) || schema_is_union(small) || big->closed || big->additional ||
        schema_has_object_rules(big))
        return false;
    for (size_t i = 0; i < big->prop_count; i++) {
        const property *p = &big->props[i];
        const property *q = NULL;
        for (size_t k = 0; k < small->prop_count && q == NULL; k++)
            if (strcmp(small->props[k].name, p->name) == 0)
                q = &small->props[k];
        const schema *pe = schema_effective(p->schema);
        if (pe == NULL)
            return false;
        if (q == NULL) {
            if (p->required || (!small->closed && !(pe->type == TYPE_ANY && plain(pe))))
                return false;
            continue;
        }
        const schema *qe = schema_effective(q->schema);
        if (qe == NULL || (p->required && !q->required) ||
            (schema_nullable(q->schema) && !schema_nullable(p->schema)))
            return false;
        if (pe != qe && !covers(pe, qe) && !covers_object(pe, qe, depth + 1))
            return false;
    }
    return true;
}

static bool covers(const schema *big, const schema *small)
{
    if (big == small)
        return true;
    if (big->type == TYPE_OBJECT && small->type == TYPE_OBJECT)
        return covers_object(big, small, 0);
    if (!plain(big))
        return false;
    if (big->type == TYPE_ANY)
        return true;
    if (small->type == TYPE_OBJECT || small->type == TYPE_ARRAY || schema_is_union(small))
        return false;
    return big->type == small->type || (big->type == TYPE_NUMBER && small->type == TYPE_INTEGER);
}

/* Whether a and b are both arrays that an empty array matches. */
static bool both_take_empty_array(const schema *a, const schema *b)
{
    return a->type == TYPE_ARRAY && b->type == TYPE_ARRAY && a->min_items <= 0 &&
           b->min_items <= 0 && !schema_is_union(a) && !schema_is_union(b);
}

static void check_alternatives(checker *c, schema *s)
{
    const char *kw = s->one_of ? KW(ONE_OF) : KW(ANY_OF);
    for (size_t i = 0; i < s->alt_count; i++) {
        schema *e = schema_effective(s->alts[i]);
        schema_type t = s->union_type;
        if (s->union_type_at && e && t != TYPE_ANY && !schema_is_union(e) && e->type != t &&
            !(t == TYPE_NUMBER && e->type == TYPE_INTEGER))
            error_at(c, s->alts[i]->at,
                     "alternative %zu of '%s' is %s, but '%s: %s' stands beside it (every "
                     "alternative must be of that type)",
                     i + 1, kw, schema_type_name(e->type), KW(TYPE), schema_type_name(t));
        for (size_t j = 0; j < i && e && s->discriminator == NULL; j++) {
            schema *f = schema_effective(s->alts[j]);
            if (f == NULL)
                continue;
            if (s->one_of && both_take_empty_array(f, e))
                error_at(c, s->alts[i]->at,
                         "alternatives %zu and %zu of 'oneOf' are arrays that both take [], so an "
                         "empty array breaks oneOf: give one 'minItems: 1', or use 'anyOf'",
                         j + 1, i + 1);
            else if (s->one_of && (covers(f, e) || covers(e, f)))
                error_at(c, s->alts[i]->at,
                         "alternatives %zu and %zu of 'oneOf' cannot be told apart: every value "
                         "of one matches the other too, so a document holding one breaks oneOf "
                         "(use 'anyOf', a 'discriminator', or make them disjoint)",
                         j + 1, i + 1);
            else if (!s->one_of && covers(f, e))
                error_at(c, s->alts[i]->at,
                         "alternative %zu of 'anyOf' is never chosen: alternative %zu matches "
                         "every value of it first",
                         i + 1, j + 1);
        }
    }
}

/* Pass 1 merges every allOf; pass 2 (unions) checks the unions, whose alternatives may be
 * merged objects. */
static void walk(checker *c, schema *s, bool unions)
{
    if (s == NULL || s->ref_name)
        return;
    if (s->all_of && !unions)
        merge_all_of(c, s, 0);
    walk(c, s->items, unions);
    for (size_t i = 0; i < s->prop_count; i++)
        walk(c, s->props[i].schema, unions);
    for (size_t i = 0; i < s->alt_count; i++)
        walk(c, s->alts[i], unions);
    if (!unions || !schema_is_union(s) || (s->discriminator_at && s->discriminator == NULL))
        return; /* a discriminator without propertyName is reported */
    if (s->discriminator)
        check_discriminator(c, s);
    check_alternatives(c, s);
}

void check_composition(checker *c, schema *s, bool unions)
{
    walk(c, s, unions);
}
