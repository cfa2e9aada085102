/* tables.c: checked model -> the runtime's descriptor tables, in memory (see tables.h).
 * Every decision here is view.c's for the generated tables, one function per descriptor kind:
 * field shape (field_of, the members from schema_member_shape), rules (tables_rules), enums,
 * patterns. */
#include "tables.h"

#include <math.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vocab.h"

/* ------------------------------------------------------------ pointer map ---- */

/* Schema -> table, open addressing. Tables are built on first use, so a spec of 10,000
 * operations pays only for the models its examples reach. */
typedef struct slot {
    const void *key;
    void *value;
    size_t align; /* models: the struct's alignment */
} slot;

typedef struct map {
    slot *slots;
    size_t cap, used; /* cap: 0 or a power of two */
} map;

static size_t hash_ptr(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p;
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    return (size_t)h;
}

static slot *map_find(const map *m, const void *key)
{
    if (m->cap == 0)
        return NULL;
    for (size_t i = hash_ptr(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->slots[i].key == key)
            return &m->slots[i];
        if (m->slots[i].key == NULL)
            return NULL;
    }
}

static void map_put(map *m, const void *key, void *value, size_t align)
{
    if (2 * (m->used + 1) > m->cap) {
        map grown = {calloc(m->cap ? 2 * m->cap : 16, sizeof(slot)), m->cap ? 2 * m->cap : 16, 0};
        if (grown.slots == NULL)
            diag_out_of_memory();
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key != NULL)
                map_put(&grown, m->slots[i].key, m->slots[i].value, m->slots[i].align);
        free(m->slots);
        *m = grown;
    }
    size_t i = hash_ptr(key) & (m->cap - 1);
    while (m->slots[i].key != NULL)
        i = (i + 1) & (m->cap - 1);
    m->slots[i] = (slot){key, value, align};
    m->used++;
}

/* ---------------------------------------------------------------- tables ---- */

struct tables {
    const spec_api *api;
    arena a; /* models, fields, rules, enums: dropped by tables_forget */
    map models, enums;
    apigen_pattern *patterns; /* api->pattern_count; .source NULL until used */
};

tables *tables_new(const spec_api *api)
{
    tables *t = calloc(1, sizeof *t);
    if (t == NULL)
        diag_out_of_memory();
    t->api = api;
    arena_init(&t->a);
    t->patterns = calloc(api->pattern_count ? api->pattern_count : 1, sizeof *t->patterns);
    if (t->patterns == NULL)
        diag_out_of_memory();
    return t;
}

void tables_free(tables *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->api->pattern_count; i++)
        if (t->patterns[i].source != NULL)
            apigen_pattern_release(&t->patterns[i]);
    free(t->patterns);
    free(t->models.slots);
    free(t->enums.slots);
    arena_free(&t->a);
    free(t);
}

size_t tables_size(const tables *t)
{
    return t->a.total + (t->models.cap + t->enums.cap) * sizeof(slot);
}

void tables_forget(tables *t)
{
    free(t->models.slots);
    free(t->enums.slots);
    t->models = t->enums = (map){NULL, 0, 0};
    arena_free(&t->a);
}

apigen_pattern *tables_pattern(tables *t, int index)
{
    if (index < 0 || (size_t)index >= t->api->pattern_count)
        return NULL;
    apigen_pattern *p = &t->patterns[index]; /* zeroed until used: not compiled yet */
    if (p->source == NULL) {
        p->source = t->api->patterns_pcre2[index];
        /* The spec's form, for messages, only where the engines needed a rewrite (view.c). */
        if (strcmp(t->api->patterns[index], t->api->patterns_pcre2[index]) != 0)
            p->ecma = t->api->patterns[index];
    }
    return p;
}

const apigen_enum *tables_enum(tables *t, const schema *e)
{
    e = schema_effective(e);
    slot *s = map_find(&t->enums, e);
    if (s != NULL)
        return s->value;
    apigen_enum *en = arena_alloc(&t->a, sizeof *en);
    en->name = e->c_name;
    en->values = e->enum_values;
    en->count = e->enum_count;
    en->integer = e->type == TYPE_INTEGER;
    map_put(&t->enums, e, en, 0);
    return en;
}

const bound *tables_number_bound(const schema *v, bool lower, bool *exclusive, int64_t *as_int)
{
    const bound *incl = lower ? &v->minimum : &v->maximum;
    const bound *excl = lower ? &v->exclusive_minimum : &v->exclusive_maximum;
    const bound *b = incl->at ? incl : NULL;
    *exclusive = false;
    if (excl->at && (b == NULL || (lower ? excl->d >= b->d : excl->d <= b->d))) {
        b = excl;
        *exclusive = true;
    }
    if (b == NULL)
        return NULL;
    if (b->is_int) {
        *as_int = b->i;
    } else {
        /* Beyond 2^63 the bound is a limit no int64 reaches (and converting such a double
         * would be undefined). */
        double r = lower ? ceil(b->d) : floor(b->d);
        *as_int = r >= 9223372036854775807.0    ? INT64_MAX
                  : r <= -9223372036854775808.0 ? INT64_MIN
                                                : (int64_t)r;
    }
    return b;
}

/* Sets the lower (or upper) bound of r from v's. */
static void number_bound(apigen_rules *r, const schema *v, bool lower)
{
    bool exclusive;
    int64_t i;
    const bound *b = tables_number_bound(v, lower, &exclusive, &i);
    if (b == NULL)
        return;
    if (lower)
        r->bounds |= exclusive ? APIGEN_B_EXCLUSIVE_MINIMUM : APIGEN_B_MINIMUM;
    else
        r->bounds |= exclusive ? APIGEN_B_EXCLUSIVE_MAXIMUM : APIGEN_B_MAXIMUM;
    *(lower ? &r->minimum_int : &r->maximum_int) = i;
    *(lower ? &r->minimum : &r->maximum) = b->d;
    if (v->type == TYPE_NUMBER)
        *(lower ? &r->minimum_literal : &r->maximum_literal) = b->literal;
}

const apigen_rules *tables_rules(tables *t, const schema *v, const schema *arr)
{
    apigen_rules r;
    memset(&r, 0, sizeof r);
    if (arr) {
        if (arr->min_items >= 0) {
            r.bounds |= APIGEN_B_MIN_ITEMS;
            r.min_items = arr->min_items;
        }
        if (arr->max_items >= 0) {
            r.bounds |= APIGEN_B_MAX_ITEMS;
            r.max_items = arr->max_items;
        }
        if (arr->unique_items)
            r.bounds |= APIGEN_B_UNIQUE_ITEMS;
    }
    number_bound(&r, v, true);
    number_bound(&r, v, false);
    if (v->min_length >= 0) {
        r.bounds |= APIGEN_B_MIN_LENGTH;
        r.min_length = v->min_length;
    }
    if (v->max_length >= 0) {
        r.bounds |= APIGEN_B_MAX_LENGTH;
        r.max_length = v->max_length;
    }
    r.pattern = tables_pattern(t, v->pattern_index);
    r.format = v->format ? v->format->id : APIGEN_FORMAT_NONE;
    const model_value *cv = v->const_value;
    if (cv && cv->kind != VALUE_NULL) {
        r.bounds |= APIGEN_B_CONST;
        switch (v->type) {
        case TYPE_BOOLEAN:
            r.const_bool = cv->b;
            break;
        case TYPE_INTEGER:
            r.const_int = cv->i; /* fits: checked by check_schema.c */
            r.const_double = (double)r.const_int;
            break;
        case TYPE_NUMBER:
            r.const_double = cv->d;
            r.const_literal = v->const_literal;
            break;
        default:
            r.const_string = cv->text;
            break;
        }
    }
    if (v->multiple_of.at) {
        r.bounds |= APIGEN_B_MULTIPLE_OF;
        r.multiple_of_int = v->multiple_of.is_int ? v->multiple_of.i : 0;
        r.multiple_of = v->multiple_of.d;
        r.multiple_of_literal = v->multiple_of.literal;
    }
    if (r.bounds == 0 && r.pattern == NULL && r.format == APIGEN_FORMAT_NONE)
        return NULL;
    apigen_rules *out = arena_alloc(&t->a, sizeof *out);
    *out = r;
    return out;
}

/* rules (may be NULL) with the object rules of obj added (minProperties, maxProperties,
 * propertyNames): a map field's, or a model's own (from NULL). */
static const apigen_rules *object_rules(tables *t, const apigen_rules *rules, const schema *obj)
{
    if (!schema_has_object_rules(obj))
        return rules;
    apigen_rules *out = arena_alloc(&t->a, sizeof *out);
    if (rules != NULL)
        *out = *rules;
    else
        memset(out, 0, sizeof *out);
    if (obj->min_properties >= 0) {
        out->bounds |= APIGEN_B_MIN_PROPERTIES;
        out->min_properties = obj->min_properties;
    }
    if (obj->max_properties >= 0) {
        out->bounds |= APIGEN_B_MAX_PROPERTIES;
        out->max_properties = obj->max_properties;
    }
    if (obj->property_names != NULL) {
        const apigen_rules *names = tables_rules(t, obj->property_names, NULL);
        static const apigen_rules none; /* a propertyNames schema without string rules */
        out->property_names = names ? names : &none;
    }
    return out;
}

/* ---------------------------------------------------------------- fields ---- */

/* A struct being laid out: members placed in declaration order, as a C compiler does. */
typedef struct layout {
    size_t size, align;
} layout;

static size_t place(layout *l, size_t size, size_t align)
{
    l->size = (l->size + align - 1) / align * align;
    size_t at = l->size;
    l->size += size;
    if (align > l->align)
        l->align = align;
    return at;
}

#define PLACE(l, type) place(l, sizeof(type), alignof(type))

static const apigen_union *tables_union(tables *t, const schema *s, size_t *align);

/* An open enum's field holds an apigen_open_enum (field_of: the enum's kind and size before). */
static void open_enum(apigen_field *f, const schema *val, size_t *size, size_t *align)
{
    if (!val->extensible || val->enum_count == 0)
        return;
    f->kind = APIGEN_KIND_OPEN_ENUM;
    *size = sizeof(apigen_open_enum);
    *align = alignof(apigen_open_enum);
}

/* The kind of a value of schema val into f, and its size and alignment. */
static void kind_of_value(tables *t, const schema *val, bool is_enum, apigen_field *f,
                          size_t *size_out, size_t *align_out);

/* A map field: entries { char *key; value } (value after the key, aligned as a C compiler
 * does), the pointer placed in l beside its count. */
static void map_layout(apigen_field *f, size_t size, size_t align, layout *l)
{
    layout entry = {0, 1};
    PLACE(&entry, char *);
    f->flags |= APIGEN_F_MAP;
    f->value_offset = place(&entry, size, align);
    f->entry_size = (entry.size + entry.align - 1) / entry.align * entry.align;
    f->offset = PLACE(l, void *);
    f->count_offset = PLACE(l, size_t);
}

/* The field of property p, placed in l: the members of schema_member_shape, in view.c's order
 * (has_ flag, _is_null flag, the value or item pointer, _count), with view.c's classify and
 * flags_of. */
static void field_of(tables *t, const property *p, layout *l, apigen_field *f)
{
    member_shape shape = schema_member_shape(p);
    const schema *e = shape.e, *val = shape.value;
    bool array = shape.array, is_enum = shape.is_enum;
    size_t size = 0, align = 1;
    memset(f, 0, sizeof *f);
    f->name = p->name;
    kind_of_value(t, val, is_enum, f, &size, &align);
    if (p->required)
        f->flags |= APIGEN_F_REQUIRED;
    if (shape.has_flag) {
        f->flags |= APIGEN_F_HAS;
        f->has_offset = PLACE(l, bool);
    }
    if (shape.is_null) {
        f->flags |= APIGEN_F_NULLABLE;
        f->null_offset = PLACE(l, bool);
    }
    if (shape.map) {
        map_layout(f, size, align, l);
    } else if (array) {
        f->flags |= APIGEN_F_ARRAY;
        f->offset = PLACE(l, void *);
        f->count_offset = PLACE(l, size_t);
    } else {
        f->offset = place(l, size, align);
    }
    if (e->sensitive || ((array || shape.map) && val && val->sensitive))
        f->flags |= APIGEN_F_SENSITIVE;
    if (e->read_only)
        f->flags |= APIGEN_F_READ_ONLY;
    if (e->write_only)
        f->flags |= APIGEN_F_WRITE_ONLY;
    f->rules = tables_rules(t, val, array ? e : NULL);
    if (shape.map)
        f->rules = object_rules(t, f->rules, e);
    else if (val->type == TYPE_OBJECT && val->free_form)
        f->rules = object_rules(t, f->rules, val);
}

static void kind_of_value(tables *t, const schema *val, bool is_enum, apigen_field *f,
                          size_t *size_out, size_t *align_out)
{
    size_t size = 0, align = 1;
    if (schema_is_union(val)) {
        f->kind = APIGEN_KIND_UNION;
        f->union_ = tables_union(t, val, &align);
        *size_out = f->union_->size;
        *align_out = align;
        return;
    }
    switch (val->type) {
    case TYPE_BOOLEAN:
        f->kind = APIGEN_KIND_BOOL;
        size = sizeof(bool), align = alignof(bool);
        break;
    case TYPE_INTEGER:
        f->kind = is_enum ? APIGEN_KIND_ENUM : val->int32 ? APIGEN_KIND_INT32 : APIGEN_KIND_INT64;
        size = is_enum ? sizeof(int) : val->int32 ? sizeof(int32_t) : sizeof(int64_t);
        align = is_enum ? alignof(int) : val->int32 ? alignof(int32_t) : alignof(int64_t);
        if (is_enum)
            f->enumeration = tables_enum(t, val);
        open_enum(f, val, &size, &align);
        break;
    case TYPE_NUMBER:
        f->kind = APIGEN_KIND_DOUBLE;
        size = sizeof(double), align = alignof(double);
        break;
    case TYPE_STRING:
        f->kind = is_enum ? APIGEN_KIND_ENUM : val->file ? APIGEN_KIND_FILE : APIGEN_KIND_STRING;
        size = is_enum ? sizeof(int) : val->file ? sizeof(apigen_file) : sizeof(char *);
        align = is_enum ? alignof(int) : val->file ? alignof(apigen_file) : alignof(char *);
        if (is_enum)
            f->enumeration = tables_enum(t, val);
        open_enum(f, val, &size, &align);
        break;
    case TYPE_OBJECT:
        if (val->free_form) {
            f->kind = APIGEN_KIND_FREEFORM;
            size = sizeof(cJSON *), align = alignof(cJSON *);
        } else {
            f->kind = APIGEN_KIND_OBJECT;
            f->model = tables_model(t, val);
            size = f->model->size;
            align = map_find(&t->models, val)->align;
        }
        break;
    default:
        f->kind = APIGEN_KIND_ANY;
        size = sizeof(cJSON *), align = alignof(cJSON *);
        break;
    }
    *size_out = size;
    *align_out = align;
}

/* The additional map of model s (additionalProperties: <schema> beside properties), placed
 * after its fields as view.c declares it. */
static apigen_field *additional_of(tables *t, const schema *s, layout *l)
{
    apigen_field *f = arena_alloc(&t->a, sizeof *f);
    memset(f, 0, sizeof *f);
    const schema *val = schema_effective(s->additional);
    size_t size, align;
    f->name = KW(ADDITIONAL_PROPERTIES);
    kind_of_value(t, val, schema_is_enum(val), f, &size, &align);
    map_layout(f, size, align, l);
    if (val->sensitive)
        f->flags |= APIGEN_F_SENSITIVE;
    f->rules = tables_rules(t, val, NULL);
    return f;
}

/* A model of the fields of props; name is its C type name; s, when not NULL, the object schema
 * whose additional map and object rules it has. */
static apigen_model *build_model(tables *t, const char *name, const property *props, size_t count,
                                 bool closed, size_t *align, const schema *s)
{
    apigen_field *fields = arena_alloc(&t->a, (count ? count : 1) * sizeof *fields);
    layout l = {0, 1};
    for (size_t i = 0; i < count; i++)
        field_of(t, &props[i], &l, &fields[i]);
    apigen_model *m = arena_alloc(&t->a, sizeof *m);
    m->additional = s != NULL && s->additional != NULL ? additional_of(t, s, &l) : NULL;
    m->rules = s != NULL ? object_rules(t, NULL, s) : NULL;
    m->name = name;
    m->size = (l.size + l.align - 1) / l.align * l.align;
    m->fields = fields;
    m->field_count = count;
    m->closed = closed;
    *align = l.align;
    return m;
}

/* A body's own model (schema.root_value): its one field is the whole document. */
static void fields_root(apigen_model *m)
{
    ((apigen_field *)m->fields)[0].flags |= APIGEN_F_ROOT;
}

const apigen_model *tables_model(tables *t, const schema *s)
{
    s = schema_body_model(s); /* a body's own model (layout.c) where it has one */
    slot *found = map_find(&t->models, s);
    if (found != NULL)
        return found->value;
    size_t align;
    apigen_model *m = build_model(t, s->c_name, s->props, s->prop_count, s->closed, &align, s);
    if (s->root_value)
        fields_root(m);
    map_put(&t->models, s, m, align);
    return m;
}

/* A union's struct: the int-sized kind, then the C union `as` of the alternatives, each at the
 * union's offset (templates/api.h.mustache). */
static const apigen_union *tables_union(tables *t, const schema *s, size_t *align)
{
    slot *found = map_find(&t->models, s);
    if (found != NULL) {
        *align = found->align;
        return found->value;
    }
    apigen_field *alts = arena_alloc(&t->a, s->alt_count * sizeof *alts);
    size_t as_size = 0, as_align = 1;
    for (size_t i = 0; i < s->alt_count; i++) {
        const schema *e = schema_effective(s->alts[i]);
        size_t size, al;
        memset(&alts[i], 0, sizeof alts[i]);
        alts[i].name = s->alt_members[i];
        if (e->type == TYPE_ARRAY && e->items) { /* struct { T *items; size_t count; } */
            const schema *item = schema_effective(e->items);
            kind_of_value(t, item, schema_is_enum(item), &alts[i], &size, &al);
            alts[i].flags |= APIGEN_F_ARRAY | (item->sensitive ? APIGEN_F_SENSITIVE : 0u);
            layout pair = {0, 1};
            alts[i].offset = PLACE(&pair, void *);
            alts[i].count_offset = PLACE(&pair, size_t);
            size = (pair.size + pair.align - 1) / pair.align * pair.align;
            al = pair.align;
            alts[i].rules = tables_rules(t, item, e);
        } else {
            kind_of_value(t, e, schema_is_enum(e), &alts[i], &size, &al);
            alts[i].rules = tables_rules(t, e, NULL);
        }
        if (e->sensitive)
            alts[i].flags |= APIGEN_F_SENSITIVE;
        as_size = size > as_size ? size : as_size;
        as_align = al > as_align ? al : as_align;
    }
    layout l = {0, 1};
    size_t tag = PLACE(&l, int);
    size_t at = place(&l, (as_size + as_align - 1) / as_align * as_align, as_align);
    for (size_t i = 0; i < s->alt_count; i++) { /* an array's two members from at */
        alts[i].offset += at;
        if (alts[i].flags & APIGEN_F_ARRAY)
            alts[i].count_offset += at;
    }
    apigen_union *u = arena_alloc(&t->a, sizeof *u);
    memset(u, 0, sizeof *u);
    u->name = s->c_name;
    u->size = (l.size + l.align - 1) / l.align * l.align;
    u->tag_offset = tag;
    u->alternatives = alts;
    u->count = s->alt_count;
    u->one_of = s->one_of;
    u->discriminator = s->discriminator;
    u->mapping = s->discriminator ? s->alt_values : NULL;
    map_put(&t->models, s, u, l.align);
    *align = l.align;
    return u;
}

const apigen_model *tables_value_model(tables *t, const schema *s)
{
    slot *found = map_find(&t->models, s->at);
    if (found != NULL)
        return found->value;
    property *p = arena_alloc(&t->a, sizeof *p);
    p->name = TABLES_VALUE_FIELD;
    p->at = s->at;
    p->schema = (schema *)s;
    p->required = true;
    p->c_name = TABLES_VALUE_FIELD;
    size_t align;
    apigen_model *m = build_model(t, "value", p, 1, false, &align, NULL);
    /* Keyed by the schema's node: the schema itself may be a model of its own. */
    map_put(&t->models, s->at, m, align);
    return m;
}
