/* layout.c: the C side of a checked model, independent of the input format: the rules for the
 * names a front end reads that become C (the API's prefix, operation names), C names of
 * models, enums and members (through names.c), claims of every global identifier the templates
 * derive from them (collisions and reserved names reported with both places), the order of
 * models (nested first) and enums, and the interned patterns. */
#include "layout.h"

#include <stdint.h>
#include <string.h>

#include "names.h"
#include "vocab.h"

void layout_prefix(checker *c, const char *name, const node *at, const char *what)
{
    spec_api *a = c->api;
    if (name == NULL) {
        a->prefix = "api";
        a->upper = "API";
        return;
    }
    bool ok = name[0] >= 'a' && name[0] <= 'z';
    for (const char *p = name; *p; p++)
        ok &= (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              (*p == '_' && p[1] != '_' && p[1] != '\0');
    /* No "__" and no trailing '_': the prefix is followed by '_' in every C symbol, and C and C++
     * reserve identifiers containing "__". */
    if (!ok)
        error_at(c, at,
                 "%s '%s' must match [a-z][a-z0-9]*(_[a-z0-9]+)* (it prefixes every C "
                 "symbol, and C and C++ reserve names containing '__')",
                 what, name);
    else if (strncmp(name, "apigen", 6) == 0)
        error_at(c, at, "%s '%s' is reserved: 'apigen' prefixes the runtime's symbols", what, name);
    a->prefix = name;
    a->upper = names_upper(c->a, name);
}

const char *layout_operation_name(checker *c, const char *name, const node *at, const char *what)
{
    bool is_ident =
        (name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_';
    for (const char *p = name; *p && is_ident; p++)
        is_ident = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '_';
    if (!is_ident)
        error_at(c, at, "%s '%s' must match [A-Za-z_][A-Za-z0-9_]*", what, name);
    /* Only ever pasted after the prefix (vocab_operation_base): no leading '_' (names_join). */
    const char *c_name = names_snake(c->a, name);
    return c_name[0] == '_' ? c_name + 1 : c_name;
}

/* Claims global C identifier id for place at; reports a clash with the earlier owner and
 * returns false. */
static bool claim(checker *c, const char *id, const node *at, const char *what)
{
    /* A NULL place (the API itself) still needs a non-NULL value in the table. */
    const void *owner = at ? (const void *)at : (const void *)c->api;
    strmap_slot *slot = strmap_put(&c->idents, id, owner);
    if (slot->value == owner && slot->key == id) {
        /* The escapes (names_escape*) keep the names the generator chooses off the reserved
         * table; a name derived from one (X_rules, X_UNSET) can still meet it. */
        if (names_is_reserved(id)) {
            error_at(c, at,
                     "%s maps to C identifier '%s', which a C, C++ or standard header "
                     "name reserves; rename it",
                     what, id);
            return false;
        }
        return true;
    }
    error_at(c, at, "%s maps to C identifier '%s', which is already taken", what, id);
    note_at(c, slot->value == (const void *)c->api ? NULL : slot->value, "'%s' was taken here", id);
    return false;
}

static void push_model(checker *c, schema *s)
{
    spec_api *a = c->api;
    a->models = arena_grow(c->a, a->models, a->model_count, &c->models_cap, 64, sizeof *a->models);
    a->models[a->model_count++] = s;
}

static void push_enum(checker *c, schema *s)
{
    spec_api *a = c->api;
    a->enums = arena_grow(c->a, a->enums, a->enum_count, &c->enums_cap, 64, sizeof *a->enums);
    a->enums[a->enum_count++] = s;
}

static int intern_pattern(checker *c, const schema *s)
{
    spec_api *a = c->api;
    /* The value is 1 + the index, so that index 0 is not NULL. */
    strmap_slot *slot =
        strmap_put(&c->patterns, s->pattern, (const void *)(uintptr_t)(a->pattern_count + 1));
    if ((uintptr_t)slot->value != a->pattern_count + 1)
        return (int)((uintptr_t)slot->value - 1);
    size_t cap = c->patterns_cap; /* the two lists grow together */
    a->patterns =
        arena_grow(c->a, a->patterns, a->pattern_count, &c->patterns_cap, 16, sizeof *a->patterns);
    a->patterns_pcre2 =
        arena_grow(c->a, a->patterns_pcre2, a->pattern_count, &cap, 16, sizeof *a->patterns_pcre2);
    a->patterns[a->pattern_count] = s->pattern;
    a->patterns_pcre2[a->pattern_count] = s->pattern_pcre2;
    return (int)a->pattern_count++;
}

static void visit(checker *c, schema *s, const char *name_hint, const node *at);

/* The entry type of map e (a map schema, or a model with additional properties) named after
 * base (base_entry), and the types under its values (base_value). Values may be of any kind
 * but arrays, maps and nullable values (not supported yet). */
static void visit_map(checker *c, schema *e, const char *base, const node *at)
{
    if (e->entry_c_name != NULL)
        return;
    e->entry_c_name = vocab_ident(c->a, base, vocab_type_idents[TYPE_IDENT_ENTRY]);
    claim(c, e->entry_c_name, at, "this map");
    schema *value = schema_effective(e->additional);
    if (value != NULL && value->type == TYPE_ARRAY)
        error_at(c, e->additional->at, "arrays as map values are not supported yet");
    else if (value != NULL && schema_is_map(value))
        error_at(c, e->additional->at, "maps of maps are not supported yet");
    else if (value != NULL && schema_nullable(e->additional))
        error_at(c, e->additional->at,
                 "nullable map values are not supported (an entry's C value holds no null): drop "
                 "\"null\" if the API never sends it, or take the values as any JSON "
                 "(additionalProperties: {}), each a cJSON * that holds null too");
    else if (value != NULL && value->free_form && schema_has_object_rules(value))
        error_at(c, e->additional->at,
                 "minProperties, maxProperties and propertyNames on free-form map values are not "
                 "supported yet");
    else
        visit(c, e->additional, vocab_ident(c->a, base, vocab_type_idents[TYPE_IDENT_VALUE]), at);
}

/* The C type name for `name` (a model's when funcs is vocab_model_idents, an enum's for
 * vocab_enum_idents): name + "_type" when name or one of the identifiers pasted from it (name +
 * funcs[i]) is reserved (names_escape_type): "aligned_alloc" -> "aligned_alloc_type". */
static const char *type_name(checker *c, const char *name, const char *const *funcs, size_t n)
{
    bool reserved = names_is_reserved(name);
    for (size_t i = 0; i < n && !reserved; i++)
        reserved = names_is_reserved(vocab_ident(c->a, name, funcs[i]));
    return reserved ? vocab_ident(c->a, name, vocab_type_idents[TYPE_IDENT_ESCAPED]) : name;
}

#define MODEL_TYPE(c, name) type_name(c, name, vocab_model_idents, VOCAB_MODEL_IDENT_COUNT)
#define ENUM_TYPE(c, name)  type_name(c, name, vocab_enum_idents, VOCAB_ENUM_IDENT_COUNT)

/* Names the members of model s, escaping reserved words (names_escape_member), and checks
 * every member name against the others. Member names that spell a generated type are escaped
 * later, when every type has its name (escape_type_members). first[i] tells whether property
 * i's member name is its own (false: a clash, already reported). */
static void name_members(checker *c, schema *s, bool *first)
{
    size_t n = s->prop_count;
    strmap taken = {0};
    property *map = NULL; /* the additional map's members, claimed first */
    if (s->additional != NULL) {
        map = arena_alloc(c->a, sizeof *map);
        map->name = KW(ADDITIONAL_PROPERTIES);
        map->at = s->additional->at;
        map->c_stem = map->c_name = vocab_model_map_idents[MODEL_MAP_IDENT_ADDITIONAL];
        s->additional_member = map->c_name;
        s->additional_count = vocab_member(c->a, MEMBER_IDENT_COUNT, map->c_stem);
        strmap_put(&taken, s->additional_member, map);
        strmap_put(&taken, s->additional_count, map);
    }
    for (size_t i = 0; i < n; i++) {
        property *p = &s->props[i];
        p->c_stem = p->c_override ? p->c_override : names_snake(c->a, p->name);
        p->c_name = names_escape_member(c->a, p->c_stem);
        /* A member spelling the map's own gets a trailing '_', as a member spelling a type does
         * (escape_type_members): never otherwise at the end of a member name. */
        if (map && (strcmp(p->c_name, s->additional_member) == 0 ||
                    strcmp(p->c_name, s->additional_count) == 0))
            p->c_name = arena_printf(c->a, "%s_", p->c_name);
        member_shape shape = schema_member_shape(p);
        const char *mine[1 + VOCAB_MEMBER_IDENT_COUNT];
        size_t k = 0;
        mine[k++] = p->c_name;
        if (shape.has_flag)
            mine[k++] = vocab_member(c->a, MEMBER_IDENT_HAS, p->c_stem);
        if (shape.array || shape.map)
            mine[k++] = vocab_member(c->a, MEMBER_IDENT_COUNT, p->c_stem);
        if (shape.is_null)
            mine[k++] = vocab_member(c->a, MEMBER_IDENT_IS_NULL, p->c_stem);
        first[i] = true;
        for (size_t j = 1; j < k; j++)
            if (names_reserved(mine[j]) & ~(unsigned)NAMES_DECL)
                error_at(c, p->at,
                         "property '%s' needs C member '%s', which a C, C++ or "
                         "standard header name reserves; rename it",
                         p->name, mine[j]);
        for (size_t j = 0; j < k; j++) {
            strmap_slot *slot = strmap_put(&taken, mine[j], p);
            if (slot->value == p)
                continue;
            const property *q = slot->value;
            error_at(c, p->at, "property '%s' needs C member '%s', which is already taken%s",
                     p->name, mine[j],
                     p->c_override ? "" : " (name one of them with 'x-c-name' on its schema)");
            diag_note(c->d, c->file->path, q->at->line, q->at->col,
                      "'%s' was taken here by property '%s'%s", mine[j], q->name,
                      q->c_name != q->c_stem ? " (a reserved word, so a trailing '_' was added)"
                                             : "");
            first[i] = false;
        }
    }
    strmap_free(&taken);
}

/* C++ rejects a member that spells a type the struct uses after it (`shop_pet_kind
 * shop_pet_kind;` then `shop_pet_kind x;`, or the member first), and in C++ a member named like
 * a type changes what the name means inside the struct. So no member spells any type the
 * header declares, named or inline, whatever the order: such a member gets a trailing '_'
 * (never otherwise at the end of a member name, so it meets no other member). Runs after every
 * model and enum has its name. */
static void escape_type_members(checker *c)
{
    spec_api *a = c->api;
    strmap types = {0};
    for (size_t i = 0; i < a->model_count; i++)
        strmap_put(&types, a->models[i]->c_name, a->models[i]);
    for (size_t i = 0; i < a->enum_count; i++)
        strmap_put(&types, a->enums[i]->c_name, a->enums[i]);
    for (size_t i = 0; i < a->model_count; i++) {
        schema *m = a->models[i];
        for (size_t j = 0; j < m->prop_count; j++) {
            property *p = &m->props[j];
            if (p->c_name == p->c_stem && strmap_get(&types, p->c_stem))
                p->c_name = arena_printf(c->a, "%s_", p->c_stem);
        }
    }
    strmap_free(&types);
}

static void visit_enum(checker *c, schema *s, const char *name, const node *at)
{
    if (s->c_name)
        return;
    s->c_name = ENUM_TYPE(c, name);
    claim(c, s->c_name, at, "this enum");
    char *upper = arena_strdup(c->a, name);
    for (char *q = upper; *q; q++)
        *q = (char)(*q >= 'a' && *q <= 'z' ? *q - 'a' + 'A' : *q);
    s->c_upper = upper;
    for (size_t i = 0; i < VOCAB_ENUM_UPPER_IDENT_COUNT; i++)
        claim(c, vocab_ident(c->a, upper, vocab_enum_upper_idents[i]), at, "this enum");
    for (size_t i = 0; i < VOCAB_ENUM_IDENT_COUNT; i++)
        claim(c, vocab_ident(c->a, s->c_name, vocab_enum_idents[i]), at, "this enum");
    s->enum_consts =
        arena_alloc(c->a, (s->enum_count ? s->enum_count : 1) * sizeof *s->enum_consts);
    for (size_t i = 0; i < s->enum_count; i++) {
        /* an integer enum's -1 is MINUS_1, beside 1's 1 */
        const char *word = s->type == TYPE_INTEGER && s->enum_values[i][0] == '-'
                               ? arena_printf(c->a, "MINUS_%s", s->enum_values[i] + 1)
                               : names_upper(c->a, s->enum_values[i]);
        s->enum_consts[i] = names_escape(c->a, names_join(c->a, upper, word));
        claim(c, s->enum_consts[i], s->enum_at[i], "this enum value");
    }
    if (s->extensible) {
        s->c_open = vocab_ident(c->a, s->c_name, APIGEN_OPEN_ENUM_IDENT);
        s->c_other = vocab_ident(c->a, upper, APIGEN_OPEN_ENUM_UPPER_IDENT);
        claim(c, s->c_open, at, "this enum");
        claim(c, s->c_other, at, "this enum");
    }
    push_enum(c, s);
}

/* The member stem of alternative alt of a union: its schema's name for a $ref ("card"), else
 * its JSON type ("string", "integer", "object"; "union" for a nested union, "value" for any). */
static const char *alternative_stem(checker *c, const schema *alt)
{
    const schema *e = schema_effective(alt);
    if (alt->ref_name)
        return names_snake(c->a, alt->ref_name);
    if (e == NULL || schema_is_union(e))
        return "union";
    return e->type == TYPE_ANY ? "value" : schema_type_name(e->type);
}

/* A oneOf/anyOf schema: its struct type T, kind enum T_kind and descriptors (vocab.h,
 * APIGEN_UNION_IDENTS), the constants U_UNSET and U_<MEMBER>, a member in `as` per alternative
 * (a second alternative of one stem gets _2, ...), then the types the alternatives need. */
static void visit_union(checker *c, schema *e, const char *name_hint, const node *at)
{
    if (e->visit == 2)
        return;
    if (e->visit == 1) {
        error_at(c, e->at,
                 "union '%s' contains itself by value; recursive schemas are not "
                 "supported",
                 e->named ? e->named : name_hint);
        return;
    }
    e->visit = 1;
    e->c_name = type_name(c, name_hint, vocab_union_idents, VOCAB_UNION_IDENT_COUNT);
    const node *where = e->named ? e->at : at;
    bool claimed = claim(c, e->c_name, where, "this union");
    for (size_t i = 0; i < VOCAB_UNION_IDENT_COUNT && claimed; i++)
        claimed =
            claim(c, vocab_ident(c->a, e->c_name, vocab_union_idents[i]), where, "this union");
    e->c_kind = vocab_ident(c->a, e->c_name, vocab_union_idents[UNION_IDENT_KIND]);
    const char *upper = names_upper(c->a, name_hint);
    e->c_upper = upper;
    for (size_t i = 0; i < VOCAB_ENUM_UPPER_IDENT_COUNT && claimed; i++)
        claim(c, vocab_ident(c->a, upper, vocab_enum_upper_idents[i]), where, "this union");
    e->alt_members = arena_alloc(c->a, e->alt_count * sizeof *e->alt_members);
    e->alt_consts = arena_alloc(c->a, e->alt_count * sizeof *e->alt_consts);
    strmap taken = {0};
    for (size_t i = 0; i < e->alt_count; i++) {
        const char *stem = alternative_stem(c, e->alts[i]);
        for (int k = 2; strmap_get(&taken, stem); k++)
            stem = arena_printf(c->a, "%s_%d", alternative_stem(c, e->alts[i]), k);
        strmap_put(&taken, stem, e->alts[i]);
        e->alt_members[i] = names_escape_member(c->a, stem);
        e->alt_consts[i] = names_escape(c->a, names_join(c->a, upper, names_upper(c->a, stem)));
        if (claimed)
            claim(c, e->alt_consts[i], e->alts[i]->at, "this alternative");
        if (claimed)
            claim(c,
                  vocab_field_ident(c->a, e->c_name, e->alt_members[i], MODEL_MEMBER_IDENT_RULES),
                  e->alts[i]->at, "this alternative");
        visit(c, e->alts[i], names_join(c->a, name_hint, names_snake(c->a, stem)), at);
    }
    strmap_free(&taken);
    e->visit = 2;
    push_model(c, e);
}

/* Names the models and enums under s (name_hint names s itself when it needs a name)
 * and appends them to api.models / api.enums, nested ones first. */
static void visit(checker *c, schema *s, const char *name_hint, const node *at)
{
    schema *e = schema_effective(s);
    if (e == NULL)
        return;
    if (e->named && s != e)
        name_hint = names_join(c->a, c->api->prefix, names_snake(c->a, e->named));
    /* name_hint stays unescaped: nested names are built from it and are never reserved. */
    if (e->pattern && e->pattern_index < 0)
        e->pattern_index = intern_pattern(c, e);
    schema *names = e->property_names; /* propertyNames: a string schema no visit reaches */
    if (names && names->pattern && names->pattern_index < 0)
        names->pattern_index = intern_pattern(c, names);
    if (schema_is_enum(e)) {
        visit_enum(c, e, name_hint, e->at);
        return;
    }
    if (e->type == TYPE_ARRAY) {
        if (e->items) {
            schema *item = schema_effective(e->items);
            if (item && item->type == TYPE_ARRAY)
                error_at(c, e->items->at, "arrays of arrays are not supported yet");
            else if (item && schema_nullable(e->items))
                error_at(c, e->items->at,
                         "nullable array items are not supported (a C array of values holds no "
                         "null item): drop \"null\" if the API never sends it, make the array "
                         "itself nullable if null stands for the whole list, or take the items as "
                         "any JSON (items: {}), each a cJSON * that holds null too");
            else if (schema_is_map(item))
                error_at(c, e->items->at, "arrays of maps are not supported yet");
            else
                visit(c, e->items, vocab_ident(c->a, name_hint, vocab_type_idents[TYPE_IDENT_ITEM]),
                      at);
        }
        return;
    }
    if (schema_is_union(e)) {
        visit_union(c, e, name_hint, at);
        return;
    }
    if (schema_is_map(e)) {
        visit_map(c, e, name_hint, e->named ? e->at : at);
        return;
    }
    if (e->type != TYPE_OBJECT || e->free_form)
        return;
    if (e->visit == 2)
        return;
    if (e->root_value) { /* a body's own model: its value's types are named after the body */
        e->visit = 2;
        e->c_name = MODEL_TYPE(c, name_hint);
        if (claim(c, e->c_name, at, "this body"))
            for (size_t i = 0; i < VOCAB_MODEL_IDENT_COUNT; i++)
                claim(c, vocab_ident(c->a, e->c_name, vocab_model_idents[i]), at, "this body");
        bool first;
        name_members(c, e, &first);
        for (size_t j = 0; j < VOCAB_MODEL_MEMBER_IDENT_COUNT; j++)
            claim(
                c,
                vocab_field_ident(c->a, e->c_name, e->props[0].c_stem, (vocab_model_member_ident)j),
                at, "this body");
        schema *v = schema_effective(e->props[0].schema);
        visit(c, e->props[0].schema,
              v && (v->type == TYPE_ARRAY || schema_is_map(v))
                  ? name_hint /* its item or entry type: T_item, T_entry */
                  : names_join(c->a, name_hint, APIGEN_BODY_VALUE_MEMBER),
              at);
        push_model(c, e);
        if (schema_is_map(v) && v->entry_owner == NULL)
            v->entry_owner = e;
        return;
    }
    if (e->visit == 1) {
        error_at(c, s->at, "schema '%s' contains itself; recursive schemas are not supported",
                 e->named ? e->named : name_hint);
        return;
    }
    e->visit = 1;
    e->c_name = MODEL_TYPE(c, name_hint);
    const node *where = e->named ? e->at : at;
    bool claimed = claim(c, e->c_name, where, "this schema");
    for (size_t i = 0; i < VOCAB_MODEL_IDENT_COUNT && claimed; i++)
        claimed =
            claim(c, vocab_ident(c->a, e->c_name, vocab_model_idents[i]), where, "this schema");
    bool *first = arena_alloc(c->a, (e->prop_count ? e->prop_count : 1) * sizeof *first);
    name_members(c, e, first);
    /* Each member's rules table; a clash already reported (of the model or of two members)
     * is not reported again through it. */
    for (size_t i = 0; i < e->prop_count && claimed; i++)
        for (size_t j = 0; j < VOCAB_MODEL_MEMBER_IDENT_COUNT && first[i]; j++)
            claim(
                c,
                vocab_field_ident(c->a, e->c_name, e->props[i].c_stem, (vocab_model_member_ident)j),
                e->props[i].at, "this property");
    for (size_t i = 0; i < e->prop_count; i++) {
        property *p = &e->props[i];
        visit(c, p->schema, names_join(c->a, name_hint, p->c_stem), p->at);
    }
    if (e->additional != NULL && claimed) {
        claim(c,
              vocab_field_ident(c->a, e->c_name, vocab_model_map_idents[MODEL_MAP_IDENT_VALUES],
                                MODEL_MEMBER_IDENT_RULES),
              e->additional->at, "this schema's additionalProperties");
        visit_map(c, e,
                  names_join(c->a, name_hint, vocab_model_map_idents[MODEL_MAP_IDENT_ADDITIONAL]),
                  e->additional->at);
    }
    if (schema_has_object_rules(e) && claimed) {
        for (size_t j = 0; j < VOCAB_MODEL_MEMBER_IDENT_COUNT; j++)
            claim(c,
                  vocab_field_ident(c->a, e->c_name, vocab_model_map_idents[MODEL_MAP_IDENT_OBJECT],
                                    (vocab_model_member_ident)j),
                  e->at, "this schema's object rules");
    }
    e->visit = 2;
    push_model(c, e);
    for (size_t i = 0; i < e->prop_count; i++) {
        schema *map = schema_effective(e->props[i].schema);
        if (schema_is_map(map) && map->entry_owner == NULL)
            map->entry_owner = e;
    }
    if (e->additional != NULL)
        e->entry_owner = e;
}

/* The type name base + the TYPE_IDENT_<id> row's suffix. */
#define TYPE_IDENT(c, base, id) vocab_ident((c)->a, base, vocab_type_idents[TYPE_IDENT_##id])

/* A top-level body or parameter group must be an object with properties. */
static void visit_top(checker *c, schema *s, const char *name, const node *at, const char *what)
{
    schema *e = schema_effective(s);
    if (e == NULL)
        return;
    if (e->type != TYPE_OBJECT || e->free_form || schema_is_map(e)) {
        error_at(c, s->at,
                 "%s must be an object schema with properties (a %s%s body is not supported yet)",
                 what, e->free_form ? "free-form " : "",
                 schema_is_map(e) ? "map" : schema_type_name(e->type));
        return;
    }
    visit(c, s, name, at);
}

/* A request or response body: an object with properties is its own model, as a parameter group
 * is; any other body (an array, a scalar, any JSON, a free-form or a nullable object) gets a
 * model of one required member, `items` or `value` (vocab.h), marked root_value: the JSON
 * document is that member's value (field flag APIGEN_F_ROOT). */
static void visit_body(checker *c, schema *s, const char *name, const node *at)
{
    schema *e = schema_effective(s);
    if (e == NULL)
        return;
    if (e->type == TYPE_OBJECT && !e->free_form && !schema_nullable(s) && !schema_is_map(e)) {
        visit(c, s, name, at);
        return;
    }
    schema *w = schema_new(c->a, s->at);
    w->type = TYPE_OBJECT;
    w->root_value = true;
    w->description = s->description ? s->description : e->description;
    w->props = arena_alloc(c->a, sizeof *w->props);
    w->prop_count = 1;
    property *p = &w->props[0];
    p->name = e->type == TYPE_ARRAY ? APIGEN_BODY_ITEMS_MEMBER
              : schema_is_map(e)    ? APIGEN_BODY_ENTRIES_MEMBER
                                    : APIGEN_BODY_VALUE_MEMBER;
    p->at = s->at;
    p->schema = s;
    p->required = true;
    s->body_model = w;
    visit(c, w, name, at);
}

/* A body that is not JSON (text, bytes) is a string of bytes, kept as apigen_bytes: its schema
 * says so ({type: string}, format binary for bytes as OpenAPI 3.0 wrote it; {} as 3.1 allows). */
static void check_raw_body(checker *c, const schema *s, const char *type)
{
    const schema *e = schema_effective(s);
    if (e != NULL && e->type != TYPE_STRING && e->type != TYPE_ANY)
        error_at(c, s->at,
                 "a body of %s is bytes, not JSON: its schema must be {type: string}, not "
                 "type '%s'",
                 type ? type : "raw", schema_type_name(e->type));
}

/* Whether code can stand in a C identifier after PREFIX_ERROR_: digits, or an identifier's
 * characters (a string code such as "card_declined", upper-cased). */
static bool error_code_spellable(const error_code *ec)
{
    if (ec->code[0] == '\0' || (ec->is_integer && ec->code[0] == '-'))
        return false;
    for (const char *p = ec->code; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return false;
    return true;
}

/* Names the constant of every documented error code that has a spelling (PREFIX_ERROR_6001,
 * PREFIX_ERROR_CARD_DECLINED), once per API: the first response listing a code declares it,
 * later ones with the same code reuse it. Codes that cannot be spelled (negative, punctuation)
 * stay in the tables only. */
static void layout_error_codes(checker *c)
{
    spec_api *a = c->api;
    strmap seen = {0};
    for (size_t i = 0; i < a->op_count; i++)
        for (size_t j = 0; j < a->ops[i].response_count; j++) {
            response *r = &a->ops[i].responses[j];
            for (size_t k = 0; k < r->error_code_count; k++) {
                error_code *ec = &r->error_codes[k];
                if (!error_code_spellable(ec))
                    continue;
                const char *id = vocab_ident(
                    c->a, a->upper,
                    arena_printf(c->a, "%s%s", APIGEN_ERROR_CODE_IDENT,
                                 ec->is_integer ? ec->code : names_upper(c->a, ec->code)));
                strmap_slot *slot = strmap_put(&seen, id, ec);
                const error_code *first = slot->value;
                ec->c_const = slot->key;
                ec->declares = first == ec;
                if (ec->declares)
                    claim(c, id, ec->at, "this error code");
                else if (strcmp(first->code, ec->code) != 0)
                    error_at(c, ec->at,
                             "error code '%s' maps to constant '%s', as error code '%s' does; "
                             "the constants of two codes must differ",
                             ec->code, id, first->code);
            }
        }
    strmap_free(&seen);
}

void layout_api(checker *c)
{
    spec_api *a = c->api;
    for (size_t i = 0; i < VOCAB_API_IDENT_COUNT; i++)
        claim(c, vocab_ident(c->a, a->prefix, vocab_api_idents[i]), NULL, "the API");
    for (size_t i = 0; i < VOCAB_API_UPPER_IDENT_COUNT; i++)
        claim(c, vocab_ident(c->a, a->upper, vocab_api_upper_idents[i]), NULL, "the API");
    for (size_t i = 0; i < a->op_count; i++) {
        const char *base = vocab_operation_base(c->a, a->prefix, a->ops[i].c_name);
        claim(c, base, a->ops[i].at, "this operation"); /* its typed call */
        for (size_t j = 0; j < VOCAB_OPERATION_IDENT_COUNT; j++)
            claim(c, vocab_ident(c->a, base, vocab_operation_idents[j]), a->ops[i].at,
                  "this operation");
    }
    layout_error_codes(c);
    for (size_t i = 0; i < a->schema_count; i++) {
        named_schema *ns = &a->schemas[i];
        schema *e = schema_effective(ns->schema);
        if (e)
            visit(c, ns->schema, names_join(c->a, a->prefix, names_snake(c->a, ns->name)), ns->at);
    }
    for (size_t i = 0; i < a->op_count; i++) {
        operation *op = &a->ops[i];
        const char *base = vocab_operation_base(c->a, a->prefix, op->c_name);
        if (op->path_params)
            visit_top(c, op->path_params, TYPE_IDENT(c, base, PATH_PARAMS), op->at,
                      c->words->path_params);
        if (op->query_params)
            visit_top(c, op->query_params, TYPE_IDENT(c, base, QUERY_PARAMS), op->at,
                      c->words->query_params);
        if (op->header_params)
            visit_top(c, op->header_params, TYPE_IDENT(c, base, HEADER_PARAMS), op->at,
                      c->words->header_params);
        if (op->cookie_params)
            visit_top(c, op->cookie_params, TYPE_IDENT(c, base, COOKIE_PARAMS), op->at,
                      c->words->cookie_params);
        if (op->request && op->request_raw)
            check_raw_body(c, op->request, op->request_content_type);
        else if (op->request)
            visit_body(c, op->request, TYPE_IDENT(c, base, REQUEST), op->at);
        for (size_t j = 0; j < op->response_count; j++) {
            response *r = &op->responses[j];
            if (r->schema && r->raw)
                check_raw_body(c, r->schema, r->content_type);
            else if (r->schema)
                visit_body(c, r->schema,
                           vocab_ident(c->a, TYPE_IDENT(c, base, RESPONSE), r->status), r->at);
            if (r->headers) { /* its struct, and the function returning it from a result */
                visit(c, r->headers, vocab_ident(c->a, TYPE_IDENT(c, base, HEADERS), r->status),
                      r->at);
                const char *result =
                    vocab_ident(c->a, base, vocab_operation_idents[OPERATION_IDENT_RESULT]);
                claim(c, vocab_ident(c->a, TYPE_IDENT(c, result, HEADERS), r->status), r->at,
                      "the headers of this response");
            }
        }
    }
    escape_type_members(c);
}
