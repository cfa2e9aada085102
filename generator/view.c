/* view.c: checked model -> template view (see view.h). Computes member declarations,
 * descriptor initialisers, C literals and comments; templates only place them. */
#define _POSIX_C_SOURCE 200809L
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_rt.h"
#include "names.h"
#include "json_text.h"
#include "tables.h"
#include "vocab.h"

/* An absent value is an explicit null: Mustache would otherwise find a key of the same
 * name in an enclosing context. Keys are literals and values live in the model's arena or the
 * view's (see view_item), so the tree refers to both instead of copying them. */
static void put_str(cJSON *obj, const char *key, const char *value)
{
    cJSON_AddItemToObjectCS(
        obj, key, json_must(value ? cJSON_CreateStringReference(value) : cJSON_CreateNull()));
}

/* put_str of a key the item's enclosing contexts (model, root) do not hold, so that leaving it
 * out when NULL reads as null in a template: a model of 300,000 properties otherwise holds
 * 1.8 M null items (64 bytes each) in each of the two rendering threads' views. */
static void put_opt(cJSON *obj, const char *key, const char *value)
{
    if (value)
        put_str(obj, key, value);
}

static void put_bool(cJSON *obj, const char *key, bool value)
{
    cJSON_AddItemToObjectCS(obj, key, json_must(cJSON_CreateBool(value)));
}

static void put_num(cJSON *obj, const char *key, double value)
{
    cJSON_AddItemToObjectCS(obj, key, json_must(cJSON_CreateNumber(value)));
}

static cJSON *put_array(cJSON *obj, const char *key)
{
    cJSON *arr = json_must(cJSON_CreateArray());
    cJSON_AddItemToObjectCS(obj, key, arr);
    return arr;
}

static cJSON *push_object(cJSON *arr)
{
    cJSON *o = json_must(cJSON_CreateObject());
    cJSON_AddItemToArray(arr, o);
    return o;
}

/* Gives every object of arr "last": false, and the final one true, for separators.
 * Explicit false keeps Mustache from finding an enclosing context's "last". */
static void mark_last(cJSON *arr)
{
    for (cJSON *it = arr->child; it; it = it->next)
        if (cJSON_IsObject(it))
            put_bool(it, "last", it->next == NULL);
}

/* A comment-safe one-line rendering of prose, or NULL. */
static const char *comment(arena *a, const char *text)
{
    return text && *text ? names_c_comment(a, text) : NULL;
}

/* ------------------------------------------------------------- members ---- */

/* Which members a field gets is schema_member_shape's (model.c); this is their C types. */
typedef struct field_info {
    const char *kind;      /* APIGEN_KIND_* */
    const char *elem_type; /* C type of the value (or of one item) */
} field_info;

static field_info classify(const schema *e)
{
    field_info fi = {0};
    if (schema_is_union(e)) {
        fi.kind = "APIGEN_KIND_UNION";
        fi.elem_type = e->c_name;
        return fi;
    }
    switch (e->type) {
    case TYPE_BOOLEAN:
        fi.kind = "APIGEN_KIND_BOOL";
        fi.elem_type = "bool";
        break;
    case TYPE_INTEGER:
        fi.kind = e->enum_count ? "APIGEN_KIND_ENUM"
                  : e->int32    ? "APIGEN_KIND_INT32"
                                : "APIGEN_KIND_INT64";
        fi.elem_type = e->enum_count ? e->c_name : e->int32 ? "int32_t" : "int64_t";
        if (e->extensible) {
            fi.kind = "APIGEN_KIND_OPEN_ENUM";
            fi.elem_type = e->c_open;
        }
        break;
    case TYPE_NUMBER:
        fi.kind = "APIGEN_KIND_DOUBLE";
        fi.elem_type = "double";
        break;
    case TYPE_STRING:
        if (e->enum_count) {
            fi.kind = e->extensible ? "APIGEN_KIND_OPEN_ENUM" : "APIGEN_KIND_ENUM";
            fi.elem_type = e->extensible ? e->c_open : e->c_name;
        } else if (e->file) {
            fi.kind = "APIGEN_KIND_FILE";
            fi.elem_type = "apigen_file";
        } else {
            fi.kind = "APIGEN_KIND_STRING";
            fi.elem_type = "char *";
        }
        break;
    case TYPE_OBJECT:
        if (e->free_form) {
            fi.kind = "APIGEN_KIND_FREEFORM";
            fi.elem_type = "cJSON *";
        } else {
            fi.kind = "APIGEN_KIND_OBJECT";
            fi.elem_type = e->c_name;
        }
        break;
    default:
        fi.kind = "APIGEN_KIND_ANY";
        fi.elem_type = "cJSON *";
        break;
    }
    return fi;
}

/* "char *" + "name" -> "char *name", "int64_t" + "*" + "x" -> "int64_t *x". */
static const char *declare(arena *a, const char *type, bool array, const char *name)
{
    size_t n = strlen(type);
    bool star = n && type[n - 1] == '*';
    return arena_printf(a, "%s%s%s%s;", type, star ? "" : " ", array ? "*" : "", name);
}

/* An exact C literal for an int64 bound, and one for its double. */
static const char *int_literal(arena *a, int64_t v)
{
    if (v == INT64_MIN)
        return "INT64_MIN";
    return arena_printf(a, "INT64_C(%lld)", (long long)v);
}

static const char *double_literal(arena *a, double d)
{
    char buf[JSON_DOUBLE_MAX];
    const char *text = json_double_text(d, buf);
    bool integral = strpbrk(text, ".eEn") == NULL;
    return arena_printf(a, "%s%s", text, integral ? ".0" : "");
}

typedef struct rules_builder {
    arena *a;
    cJSON *inits;
    char bounds[256];
} rules_builder;

static void init(rules_builder *rb, const char *text)
{
    cJSON *o = push_object(rb->inits);
    put_str(o, "init", text);
}

static void bound_flag(rules_builder *rb, const char *flag)
{
    size_t n = strlen(rb->bounds);
    snprintf(rb->bounds + n, sizeof rb->bounds - n, "%s%s", n ? " | " : "", flag);
}

/* The lower (or upper) bound of v, as the in-memory tables have it (tables.h); for number
 * schemas also as the spec wrote it, for the runtime's exact comparisons. */
static void number_bound(rules_builder *rb, const schema *v, bool lower)
{
    bool exclusive;
    int64_t i;
    const bound *b = tables_number_bound(v, lower, &exclusive, &i);
    if (b == NULL)
        return;
    const char *which = lower ? "minimum" : "maximum";
    bound_flag(rb, exclusive ? (lower ? KW_RT(EXCLUSIVE_MINIMUM) : KW_RT(EXCLUSIVE_MAXIMUM))
                             : (lower ? KW_RT(MINIMUM) : KW_RT(MAXIMUM)));
    const char *lit = !b->is_int && i == INT64_MAX ? "INT64_MAX" : int_literal(rb->a, i);
    init(rb, arena_printf(rb->a, ".%s_int = %s", which, lit));
    init(rb, arena_printf(rb->a, ".%s = %s", which, double_literal(rb->a, b->d)));
    if (v->type == TYPE_NUMBER)
        init(rb, arena_printf(rb->a, ".%s_literal = \"%s\"", which, b->literal));
}

/* A count bound (-1: not set) as its flag and its member's initialiser. */
static void count_rule(rules_builder *rb, const char *flag, const char *member, int64_t v)
{
    if (v < 0)
        return;
    bound_flag(rb, flag);
    init(rb, arena_printf(rb->a, ".%s = %lld", member, (long long)v));
}

/* A schema of no rules: what a model's own object rules have for a value. */
static const schema no_rules = {
    .min_length = -1, .max_length = -1, .min_items = -1, .max_items = -1, .pattern_index = -1};

/* The rules initialisers of a field whose value schema is v (the item schema for arrays)
 * and whose array schema, if any, is arr. Returns false when there are none. */
static bool build_rules(arena *a, cJSON *inits, const spec_api *api, const schema *v,
                        const schema *arr, const schema *obj, const char *names_name)
{
    rules_builder rb = {a, inits, ""};
    if (obj) { /* a map's or a model's object rules (tables.c: object_rules) */
        count_rule(&rb, KW_RT(MIN_PROPERTIES), "min_properties", obj->min_properties);
        count_rule(&rb, KW_RT(MAX_PROPERTIES), "max_properties", obj->max_properties);
        if (names_name)
            init(&rb, arena_printf(a, ".property_names = &%s", names_name));
    }
    if (arr) {
        count_rule(&rb, KW_RT(MIN_ITEMS), "min_items", arr->min_items);
        count_rule(&rb, KW_RT(MAX_ITEMS), "max_items", arr->max_items);
        if (arr->unique_items)
            bound_flag(&rb, KW_RT(UNIQUE_ITEMS));
    }
    if (v == NULL)
        v = &no_rules;
    number_bound(&rb, v, true);
    number_bound(&rb, v, false);
    if (v->min_length >= 0) {
        bound_flag(&rb, KW_RT(MIN_LENGTH));
        init(&rb, arena_printf(a, ".min_length = %lld", (long long)v->min_length));
    }
    if (v->max_length >= 0) {
        bound_flag(&rb, KW_RT(MAX_LENGTH));
        init(&rb, arena_printf(a, ".max_length = %lld", (long long)v->max_length));
    }
    if (v->pattern_index >= 0)
        init(&rb, arena_printf(a, ".pattern = &%s[%d]",
                               vocab_ident(a, api->prefix, vocab_api_idents[API_IDENT_PATTERNS]),
                               v->pattern_index));
    if (v->format)
        init(&rb, arena_printf(a, ".format = %s", v->format->c_const));
    const model_value *cv = v->const_value;
    if (cv && cv->kind != VALUE_NULL) {
        bound_flag(&rb, KW_RT(CONST));
        switch (v->type) {
        case TYPE_BOOLEAN:
            init(&rb, arena_printf(a, ".const_bool = %s", cv->b ? "true" : "false"));
            break;
        case TYPE_INTEGER: {
            int64_t i = cv->i; /* fits: checked by check_schema.c */
            init(&rb, arena_printf(a, ".const_int = %s", int_literal(a, i)));
            init(&rb, arena_printf(a, ".const_double = %s", double_literal(a, (double)i)));
            break;
        }
        case TYPE_NUMBER: {
            init(&rb, arena_printf(a, ".const_double = %s", double_literal(a, cv->d)));
            init(&rb, arena_printf(a, ".const_literal = \"%s\"", v->const_literal));
            break;
        }
        default:
            init(&rb, arena_printf(a, ".const_string = \"%s\"", names_c_string(a, cv->text)));
            break;
        }
    }
    if (v->multiple_of.at) {
        const bound *m = &v->multiple_of;
        bound_flag(&rb, KW_RT(MULTIPLE_OF));
        if (m->is_int)
            init(&rb, arena_printf(a, ".multiple_of_int = %s", int_literal(a, m->i)));
        init(&rb, arena_printf(a, ".multiple_of = %s", double_literal(a, m->d)));
        init(&rb, arena_printf(a, ".multiple_of_literal = \"%s\"", m->literal));
    }
    if (rb.bounds[0]) {
        cJSON *first = json_must(cJSON_CreateObject());
        put_str(first, "init", arena_printf(a, ".bounds = %s", rb.bounds));
        cJSON_InsertItemInArray(inits, 0, first);
    }
    mark_last(inits);
    return cJSON_GetArraySize(inits) > 0;
}

static const char *flags_of(arena *a, const property *p, const member_shape *shape)
{
    const schema *e = shape->e;
    char buf[256] = "";
    const char *parts[8];
    size_t n = 0;
    if (p->required)
        parts[n++] = KW_RT(REQUIRED);
    if (shape->has_flag)
        parts[n++] = "APIGEN_F_HAS";
    if (shape->is_null)
        parts[n++] = KW_RT(NULLABLE);
    if (shape->array)
        parts[n++] = KW_RT(ITEMS);
    if (shape->map)
        parts[n++] = "APIGEN_F_MAP";
    if (e->sensitive || ((shape->array || shape->map) && shape->value && shape->value->sensitive))
        parts[n++] = KW_RT(SENSITIVE);
    if (e->read_only)
        parts[n++] = KW_RT(READ_ONLY);
    if (e->write_only)
        parts[n++] = KW_RT(WRITE_ONLY);
    if (n == 0)
        return "0";
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s", i ? " | " : "", parts[i]);
    }
    return arena_strdup(a, buf);
}

/* The doc comment of a member: description plus the constraints worth seeing in a header. */
static const char *member_comment(arena *a, const property *p, const schema *s, const schema *e)
{
    const char *desc = s->description ? s->description : e->description;
    char buf[512] = "";
    size_t n = 0;
    if (desc)
        n += (size_t)snprintf(buf, sizeof buf, "%s", desc);
    if (p->required && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s(required)", n ? " " : "");
    if (e->sensitive && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s(sensitive)", n ? " " : "");
    if (e->format_name && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%sformat %s%s", n ? "; " : "",
                              e->format_name, e->format_annotation ? " (not checked)" : "");
    if (e->multiple_of.at && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%smultipleOf %s", n ? "; " : "",
                              e->multiple_of.literal);
    if ((e->deprecated || s->deprecated) && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s(deprecated)", n ? " " : "");
    return n ? comment(a, buf) : NULL;
}

static void add_member(cJSON *members, const char *decl, const char *text)
{
    cJSON *m = push_object(members);
    put_str(m, "decl", decl);
    put_str(m, "comment", text);
}

/* The rules table `name` of field view f, from inits (build_rules; has: it holds any), pushed
 * to rules; inits is released when it holds none. */
static void field_rules(cJSON *rules, cJSON *f, const char *name, cJSON *inits, bool has)
{
    if (!has) {
        cJSON_Delete(inits);
        return;
    }
    cJSON *r = push_object(rules);
    put_str(r, "name", name);
    cJSON_AddItemToObjectCS(r, "inits", inits);
    put_str(f, "rules_name", name);
}

/* The entry type of map e (a map schema, or model m's additional map) into entries, when m is
 * the model whose declaration declares it (the first to hold it). */
static void entry_view(arena *a, cJSON *entries, const schema *m, const schema *e)
{
    if (e->entry_owner != m)
        return;
    const schema *val = schema_effective(e->additional);
    cJSON *o = push_object(entries);
    put_str(o, "entry_name", e->entry_c_name);
    put_str(o, "value_decl", declare(a, classify(val).elem_type, false, "value"));
    put_str(o, "value_comment", comment(a, val->description));
}

/* The rules of map or model obj's keys (propertyNames) as a table named name, pushed to rules;
 * returns name, or NULL when obj has no propertyNames. */
static const char *names_rules(arena *a, cJSON *rules, const spec_api *api, const schema *obj,
                               const char *name)
{
    if (obj->property_names == NULL)
        return NULL;
    cJSON *inits = json_must(cJSON_CreateArray());
    build_rules(a, inits, api, obj->property_names, NULL, NULL, NULL);
    if (cJSON_GetArraySize(inits) == 0) { /* no initialiser: C17 has no empty braces */
        put_str(push_object(inits), "init", ".bounds = 0");
        mark_last(inits);
    }
    cJSON *r = push_object(rules);
    put_str(r, "name", name);
    cJSON_AddItemToObjectCS(r, "inits", inits);
    return name;
}

/* The descriptor of union value v (its T_union), or NULL when v is no union. */
static const char *union_ref(arena *a, const schema *v)
{
    return schema_is_union(v) ? vocab_ident(a, v->c_name, vocab_union_idents[UNION_IDENT_UNION])
                              : NULL;
}

/* The additional map of model m (additionalProperties: <schema> beside properties): its
 * members, its field after the declared ones, its values' rules, and m's object rules. */
static void additional_view(arena *a, const spec_api *api, const schema *m, cJSON *v,
                            cJSON *members, cJSON *fields, cJSON *rules)
{
    if (m->additional != NULL) {
        const schema *val = schema_effective(m->additional);
        field_info fi = classify(val);
        add_member(members, declare(a, m->entry_c_name, true, m->additional_member),
                   "every other property, in document order (additionalProperties)");
        add_member(members, arena_printf(a, "size_t %s;", m->additional_count), NULL);
        cJSON *f = push_object(fields);
        put_str(f, "json", KW(ADDITIONAL_PROPERTIES));
        put_str(f, "kind", fi.kind);
        put_str(f, "flags", val->sensitive ? "APIGEN_F_MAP | APIGEN_F_SENSITIVE" : "APIGEN_F_MAP");
        put_str(f, "member", m->additional_member);
        put_opt(f, "count_member", m->additional_count);
        put_str(f, "entry_type", m->entry_c_name);
        put_opt(f, "model",
                val->type == TYPE_OBJECT && !val->free_form
                    ? vocab_ident(a, val->c_name, vocab_model_idents[MODEL_IDENT_MODEL])
                    : NULL);
        /* every enum (integer and open ones too) and union value needs its descriptor, as a
         * property's does (model_view) */
        put_opt(f, "enumeration",
                schema_is_enum(val)
                    ? vocab_ident(a, val->c_name, vocab_enum_idents[ENUM_IDENT_ENUM])
                    : NULL);
        put_opt(f, "union_ref", union_ref(a, val));
        cJSON *inits = json_must(cJSON_CreateArray());
        field_rules(rules, f,
                    vocab_field_ident(a, m->c_name, vocab_model_map_idents[MODEL_MAP_IDENT_VALUES],
                                      MODEL_MEMBER_IDENT_RULES),
                    inits, build_rules(a, inits, api, val, NULL, NULL, NULL));
        put_str(v, "additional_ref",
                arena_printf(a, "&%s[%zu]",
                             vocab_ident(a, m->c_name, vocab_model_idents[MODEL_IDENT_FIELDS]),
                             m->prop_count));
    }
    if (!schema_has_object_rules(m))
        return;
    const char *object = vocab_model_map_idents[MODEL_MAP_IDENT_OBJECT];
    const char *names = names_rules(
        a, rules, api, m, vocab_field_ident(a, m->c_name, object, MODEL_MEMBER_IDENT_NAME_RULES));
    cJSON *inits = json_must(cJSON_CreateArray());
    build_rules(a, inits, api, NULL, NULL, m, names);
    const char *name = vocab_field_ident(a, m->c_name, object, MODEL_MEMBER_IDENT_RULES);
    cJSON *r = push_object(rules);
    put_str(r, "name", name);
    cJSON_AddItemToObjectCS(r, "inits", inits);
    put_str(v, "object_rules_ref", arena_printf(a, "&%s", name));
}

/* The rules table of a field (a property's, or a union alternative's) of type owner whose
 * member stem is stem: appended to rules as owner_stem_rules and named in the field's view,
 * when val (and arr, the array schema) have rules. */
static void add_field_rules(arena *a, const spec_api *api, cJSON *rules, cJSON *field,
                            const char *owner, const char *stem, const schema *val,
                            const schema *arr)
{
    cJSON *inits = json_must(cJSON_CreateArray());
    if (!build_rules(a, inits, api, val, arr, NULL, NULL)) {
        cJSON_Delete(inits);
        return;
    }
    const char *name = vocab_field_ident(a, owner, stem, MODEL_MEMBER_IDENT_RULES);
    cJSON *r = push_object(rules);
    put_str(r, "name", name);
    cJSON_AddItemToObjectCS(r, "inits", inits);
    put_str(field, "rules_name", name);
}

/* A oneOf/anyOf schema: its kind enum, its struct of `kind` and `as`, the descriptor of each
 * alternative (an apigen_field at offsetof(T, as.member)) and the apigen_union. */
static cJSON *union_view(arena *a, const spec_api *api, const schema *m)
{
    cJSON *v = json_must(cJSON_CreateObject());
    put_bool(v, "is_union", true);
    put_str(v, "c_name", m->c_name);
    put_str(v, "kind_name", m->c_kind);
    put_str(v, "unset_name",
            vocab_ident(a, m->c_upper, vocab_enum_upper_idents[ENUM_UPPER_IDENT_UNSET]));
    put_str(v, "union_name", vocab_ident(a, m->c_name, vocab_union_idents[UNION_IDENT_UNION]));
    put_str(v, "free_name", vocab_ident(a, m->c_name, vocab_union_idents[UNION_IDENT_FREE]));
    const char *alts_name = vocab_ident(a, m->c_name, vocab_union_idents[UNION_IDENT_ALTERNATIVES]);
    put_str(v, "alternatives_name", alts_name);
    put_str(v, "comment", comment(a, m->description ? m->description : m->title));
    put_str(v, "one_of", m->one_of ? "true" : "false");
    put_str(v, "semantics",
            m->one_of ? "oneOf: the one alternative a document matches"
                      : "anyOf: the first alternative a document matches");
    const char *mapping_name = vocab_ident(a, m->c_name, vocab_union_idents[UNION_IDENT_MAPPING]);
    put_str(v, "discriminator",
            m->discriminator ? arena_printf(a, "\"%s\"", names_c_string(a, m->discriminator))
                             : "NULL");
    put_str(v, "mapping", m->discriminator ? mapping_name : "NULL");
    put_opt(v, "mapping_name", m->discriminator ? mapping_name : NULL);
    cJSON *alts = put_array(v, "alternatives");
    cJSON *rules = put_array(v, "rules");
    for (size_t i = 0; i < m->alt_count; i++) {
        const schema *arr = schema_effective(m->alts[i]), *e = arr;
        bool array = arr->type == TYPE_ARRAY && arr->items != NULL;
        if (array) /* struct { T *items; size_t count; } member: described as its items */
            e = schema_effective(arr->items);
        else
            arr = NULL;
        field_info fi = classify(e);
        cJSON *o = push_object(alts);
        put_str(o, "member", m->alt_members[i]);
        put_str(o, "c_const", m->alt_consts[i]);
        put_num(o, "number", (double)(i + 1));
        if (array) {
            put_str(o, "decl",
                    arena_printf(a, "struct { %s size_t %s; } %s;",
                                 declare(a, fi.elem_type, true, APIGEN_ALT_ITEMS_MEMBER),
                                 APIGEN_ALT_COUNT_MEMBER, m->alt_members[i]));
            put_str(o, "offset_member",
                    arena_printf(a, "%s.%s", m->alt_members[i], APIGEN_ALT_ITEMS_MEMBER));
            put_str(o, "count_member",
                    arena_printf(a, "%s.%s", m->alt_members[i], APIGEN_ALT_COUNT_MEMBER));
        } else {
            put_str(o, "decl", declare(a, fi.elem_type, false, m->alt_members[i]));
            put_str(o, "offset_member", m->alt_members[i]);
        }
        put_str(o, "comment",
                comment(a, m->alts[i]->description ? m->alts[i]->description : e->description));
        put_str(o, "kind", fi.kind);
        bool secret = e->sensitive || (arr && arr->sensitive);
        const char *flags = secret ? KW_RT(SENSITIVE) : "0";
        put_str(o, "flags",
                !array   ? flags
                : secret ? arena_printf(a, "APIGEN_F_ARRAY | %s", flags)
                         : "APIGEN_F_ARRAY");
        put_opt(o, "model",
                e->type == TYPE_OBJECT && !e->free_form && !schema_is_union(e)
                    ? vocab_ident(a, e->c_name, vocab_model_idents[MODEL_IDENT_MODEL])
                    : NULL);
        put_opt(o, "enumeration",
                schema_is_enum(e) /* integer enums too */
                    ? vocab_ident(a, e->c_name, vocab_enum_idents[ENUM_IDENT_ENUM])
                    : NULL);
        put_opt(o, "union_ref", union_ref(a, e));
        put_opt(o, "value",
                m->discriminator && m->alt_values ? names_c_string(a, m->alt_values[i]) : NULL);
        add_field_rules(a, api, rules, o, m->c_name, m->alt_members[i], e, arr);
    }
    mark_last(alts);
    put_num(v, "count", (double)m->alt_count);
    return v;
}

static cJSON *model_view(arena *a, const spec_api *api, const schema *m)
{
    if (schema_is_union(m))
        return union_view(a, api, m);
    cJSON *v = json_must(cJSON_CreateObject());
    put_str(v, "c_name", m->c_name);
    put_str(v, "model_name", vocab_ident(a, m->c_name, vocab_model_idents[MODEL_IDENT_MODEL]));
    put_str(v, "fields_name", vocab_ident(a, m->c_name, vocab_model_idents[MODEL_IDENT_FIELDS]));
    put_str(v, "comment", comment(a, m->description ? m->description : m->title));
    put_str(v, "named", m->named);
    put_str(v, "closed", m->closed ? "true" : "false");
    cJSON *members = put_array(v, "members");
    cJSON *fields = put_array(v, "fields");
    cJSON *rules = put_array(v, "rules");
    cJSON *entries = put_array(v, "entries");
    for (size_t i = 0; i < m->prop_count; i++) {
        const property *p = &m->props[i];
        member_shape shape = schema_member_shape(p);
        const schema *e = shape.e, *val = shape.value;
        field_info fi = classify(val);
        const char *has = shape.has_flag ? vocab_member(a, MEMBER_IDENT_HAS, p->c_stem) : NULL;
        const char *is_null =
            shape.is_null ? vocab_member(a, MEMBER_IDENT_IS_NULL, p->c_stem) : NULL;
        const char *count =
            shape.array || shape.map ? vocab_member(a, MEMBER_IDENT_COUNT, p->c_stem) : NULL;

        if (shape.map)
            entry_view(a, entries, m, e);
        if (has)
            add_member(members, arena_printf(a, "bool %s;", has), NULL);
        if (is_null)
            add_member(members, arena_printf(a, "bool %s;", is_null), "JSON null (nullable)");
        add_member(members,
                   shape.map ? declare(a, e->entry_c_name, true, p->c_name)
                             : declare(a, fi.elem_type, shape.array, p->c_name),
                   member_comment(a, p, p->schema, e));
        if (count)
            add_member(members, arena_printf(a, "size_t %s;", count), NULL);

        cJSON *f = push_object(fields);
        put_str(f, "json", names_c_string(a, p->name));
        put_str(f, "kind", fi.kind);
        const char *flags = flags_of(a, p, &shape);
        put_str(f, "flags", m->root_value ? arena_printf(a, "%s | APIGEN_F_ROOT", flags) : flags);
        put_str(f, "member", p->c_name);
        put_opt(f, "has_member", has);
        put_opt(f, "null_member", is_null);
        put_opt(f, "count_member", count);
        put_opt(f, "entry_type", shape.map ? e->entry_c_name : NULL);
        put_opt(f, "model",
                val->type == TYPE_OBJECT && !val->free_form
                    ? vocab_ident(a, val->c_name, vocab_model_idents[MODEL_IDENT_MODEL])
                    : NULL);
        put_opt(f, "enumeration",
                shape.is_enum ? vocab_ident(a, val->c_name, vocab_enum_idents[ENUM_IDENT_ENUM])
                              : NULL);
        put_opt(f, "union_ref", union_ref(a, val));

        /* object rules: a map's, or a free-form value's (layout.c refuses both at once) */
        const schema *obj = shape.map ? e : val->type == TYPE_OBJECT && val->free_form ? val : NULL;
        const char *names = obj ? names_rules(a, rules, api, obj,
                                              vocab_field_ident(a, m->c_name, p->c_stem,
                                                                MODEL_MEMBER_IDENT_NAME_RULES))
                                : NULL;
        cJSON *inits = json_must(cJSON_CreateArray());
        field_rules(rules, f, vocab_field_ident(a, m->c_name, p->c_stem, MODEL_MEMBER_IDENT_RULES),
                    inits, build_rules(a, inits, api, val, shape.array ? e : NULL, obj, names));
    }
    if (m->additional != NULL)
        entry_view(a, entries, m, m);
    additional_view(a, api, m, v, members, fields, rules);
    if (cJSON_GetObjectItemCaseSensitive(v, "additional_ref") == NULL)
        put_str(v, "additional_ref", "NULL");
    if (cJSON_GetObjectItemCaseSensitive(v, "object_rules_ref") == NULL)
        put_str(v, "object_rules_ref", "NULL");
    mark_last(fields);
    put_num(v, "field_count", (double)m->prop_count);
    return v;
}

static cJSON *enum_view(arena *a, const schema *e)
{
    cJSON *v = json_must(cJSON_CreateObject());
    put_str(v, "c_name", e->c_name);
    put_str(v, "upper", e->c_upper);
    put_str(v, "unset_name",
            vocab_ident(a, e->c_upper, vocab_enum_upper_idents[ENUM_UPPER_IDENT_UNSET]));
    put_str(v, "values_name", vocab_ident(a, e->c_name, vocab_enum_idents[ENUM_IDENT_VALUES]));
    put_str(v, "enum_name", vocab_ident(a, e->c_name, vocab_enum_idents[ENUM_IDENT_ENUM]));
    put_str(v, "comment", comment(a, e->description));
    cJSON *values = put_array(v, "values");
    for (size_t i = 0; i < e->enum_count; i++) {
        cJSON *o = push_object(values);
        put_str(o, "json", names_c_string(a, e->enum_values[i]));
        put_str(o, "json_comment",
                names_c_comment(a, e->type == TYPE_INTEGER
                                       ? e->enum_values[i] /* a JSON integer */
                                       : arena_printf(a, "\"%s\"", e->enum_values[i])));
        put_str(o, "c_const", e->enum_consts[i]);
        put_num(o, "number", (double)(i + 1));
    }
    mark_last(values);
    put_num(v, "count", (double)e->enum_count);
    put_str(v, "integer", e->type == TYPE_INTEGER ? "true" : "false");
    if (e->extensible) {
        cJSON *open = json_must(cJSON_CreateObject());
        put_str(open, "open_name", e->c_open);
        put_str(open, "other_name", e->c_other);
        put_num(open, "other_number", (double)(e->enum_count + 1));
        cJSON_AddItemToObjectCS(v, "open", open);
    } else {
        put_bool(v, "open", false);
    }
    return v;
}

static const char *model_ref(arena *a, const schema *s)
{
    const schema *e = schema_body_model(s);
    return e ? arena_printf(a, "&%s",
                            vocab_ident(a, e->c_name, vocab_model_idents[MODEL_IDENT_MODEL]))
             : "NULL";
}

/* Example `index` of op's response r (NULL: of its request). */
static cJSON *example_view(arena *a, const operation *op, const response *r, size_t index)
{
    const model_example *ex = &(r ? r->examples : op->request_examples)[index];
    cJSON *o = json_must(cJSON_CreateObject());
    put_str(o, "operation", op->full_name);
    put_str(o, "part", r ? "response" : "request");
    put_num(o, "status", r ? r->status_code : 0);
    put_str(o, "name", ex->name);
    /* Names and values are embedded as JSON text: escape for JSON, not C. */
    put_str(o, "name_json", json_value_text(a, &ex->key));
    put_str(o, "value_json", json_value_text(a, &ex->value));
    return o;
}

/* The apigen_auth initializer of scheme `name`: how the runtime sends it. */
static const char *auth_init(arena *a, const spec_api *api, const char *name)
{
    const auth_scheme *as = model_auth_scheme(api, name);
    return arena_printf(a, "{%s, %s, \"%s\", \"%s\"}",
                        as->kind == AUTH_BEARER  ? "APIGEN_AUTH_BEARER"
                        : as->kind == AUTH_BASIC ? "APIGEN_AUTH_BASIC"
                                                 : "APIGEN_AUTH_API_KEY",
                        as->in == AUTH_IN_QUERY    ? "APIGEN_IN_QUERY"
                        : as->in == AUTH_IN_COOKIE ? "APIGEN_IN_COOKIE"
                                                   : "APIGEN_IN_HEADER",
                        names_c_string(a, as->param), names_c_string(a, as->name));
}

/* op's security requirements: one table of every scheme they name (schemes), and the
 * requirements pointing at their runs (requirements). */
static void security_view(arena *a, cJSON *v, const spec_api *api, const operation *op,
                          const char *base)
{
    const security_list *sec = model_op_security(api, op);
    const char *schemes_name = vocab_ident(a, base, vocab_operation_idents[OPERATION_IDENT_AUTH]);
    const char *security_name =
        vocab_ident(a, base, vocab_operation_idents[OPERATION_IDENT_SECURITY]);
    cJSON *schemes = put_array(v, "auth_schemes");
    cJSON *reqs = put_array(v, "requirements");
    size_t first = 0;
    for (size_t i = 0; i < sec->count; i++) {
        const security_req *r = &sec->reqs[i];
        for (size_t k = 0; k < r->use_count; k++)
            put_str(push_object(schemes), "init", auth_init(a, api, r->uses[k].scheme));
        cJSON *o = push_object(reqs);
        put_str(o, "schemes",
                r->use_count ? arena_printf(a, "&%s[%zu]", schemes_name, first) : "NULL");
        put_num(o, "count", (double)r->use_count);
        first += r->use_count;
    }
    put_bool(v, "has_auth_schemes", first > 0);
    put_bool(v, "has_security", sec->count > 0);
    put_str(v, "auth_schemes_name", schemes_name);
    put_str(v, "security_name", security_name);
    put_str(v, "security", sec->count ? security_name : "NULL");
    put_num(v, "security_count", (double)sec->count);
}

/* The error codes of op's responses, in one table; each response row points at its run. */
static void error_codes_view(arena *a, cJSON *v, const operation *op, cJSON *responses,
                             const char *table)
{
    cJSON *codes = put_array(v, "error_codes");
    size_t first = 0;
    cJSON *row = responses->child;
    for (size_t i = 0; i < op->response_count; i++, row = row->next) {
        const response *r = &op->responses[i];
        for (size_t j = 0; j < r->error_code_count; j++) {
            const error_code *ec = &r->error_codes[j];
            cJSON *o = push_object(codes);
            put_str(o, "code", names_c_string(a, ec->code));
            put_str(o, "message", ec->message ? names_c_string(a, ec->message) : NULL);
        }
        put_str(row, "error_codes_ref",
                r->error_code_count ? arena_printf(a, "&%s[%zu]", table, first) : "NULL");
        put_num(row, "error_code_count", (double)r->error_code_count);
        first += r->error_code_count;
    }
    put_bool(v, "has_error_codes", first > 0);
}

/* The members of op's result union: one per response with a body, named after its status. */
static void result_view(arena *a, cJSON *v, const operation *op, const char *result_name)
{
    cJSON *bodies = put_array(v, "bodies");
    for (size_t i = 0; i < op->response_count; i++) {
        const response *r = &op->responses[i];
        if (r->schema == NULL)
            continue;
        cJSON *o = push_object(bodies);
        put_str(o, "c_type", r->raw ? "apigen_bytes" : schema_body_model(r->schema)->c_name);
        put_str(o, "member", arena_printf(a, "status_%s", r->status));
        put_str(o, "status", r->status);
    }
    put_bool(v, "has_bodies", cJSON_GetArraySize(bodies) > 0);
    cJSON *headers = put_array(v, "response_headers");
    for (size_t i = 0; i < op->response_count; i++) {
        const response *r = &op->responses[i];
        if (r->headers == NULL)
            continue;
        cJSON *o = push_object(headers);
        put_str(o, "c_type", r->headers->c_name);
        put_str(o, "status", r->status);
        put_num(o, "index", (double)i);
        put_str(o, "function",
                arena_printf(a, "%s%s",
                             vocab_ident(a, result_name, vocab_type_idents[TYPE_IDENT_HEADERS]),
                             r->status));
    }
}

/* The parameters of op's typed call, in the order of apigen_call_cookies's: only the groups op
 * has. */
static void call_view(arena *a, cJSON *v, const spec_api *api, const operation *op, size_t index)
{
    cJSON *params = put_array(v, "params");
    const struct {
        const schema *s;
        const char *name;
    } groups[] = {{op->path_params, "path"},
                  {op->query_params, "query"},
                  {op->header_params, "header"},
                  {op->cookie_params, "cookie"},
                  {op->request, "body"}};
    const char *args[5];
    for (size_t i = 0; i < 5; i++) {
        args[i] = groups[i].s ? groups[i].name : "NULL";
        if (groups[i].s) {
            cJSON *o = push_object(params);
            put_str(o, "c_type",
                    i == 4 && op->request_raw ? "apigen_bytes"
                                              : schema_body_model(groups[i].s)->c_name);
            put_str(o, "name", groups[i].name);
        }
    }
    const char *ops = vocab_ident(a, api->prefix, vocab_api_idents[API_IDENT_OPERATIONS]);
    /* apigen_call, or apigen_call_cookies for an operation with cookie parameters */
    put_str(v, "call_fn", op->cookie_params ? "apigen_call_cookies" : "apigen_call");
    put_str(v, "call_args",
            op->cookie_params ? arena_printf(a, "&%s[%zu], %s, %s, %s, %s, %s", ops, index, args[0],
                                             args[1], args[2], args[3], args[4])
                              : arena_printf(a, "&%s[%zu], %s, %s, %s, %s", ops, index, args[0],
                                             args[1], args[2], args[4]));
    put_str(v, "operation_ref",
            arena_printf(a, "%s[%zu]",
                         vocab_ident(a, api->prefix, vocab_api_idents[API_IDENT_OPERATIONS]),
                         index));
}

/* The initialiser of apigen_operation.query_styles: NULL (none written) when every query
 * parameter is form, exploded (so specs without styles generate as before), else a compound literal
 * of one row per query field. */
static const char *query_styles_init(arena *a, const operation *op)
{
    static const char *const consts[] = {"APIGEN_STYLE_FORM", "APIGEN_STYLE_SPACE_DELIMITED",
                                         "APIGEN_STYLE_PIPE_DELIMITED", "APIGEN_STYLE_DEEP_OBJECT"};
    bool plain = true;
    size_t n = op->query_params && op->query_styles ? op->query_params->prop_count : 0;
    for (size_t i = 0; i < n; i++)
        plain &= op->query_styles[i].style == STYLE_FORM && op->query_styles[i].explode;
    if (plain)
        return NULL;
    const char *rows = "";
    for (size_t i = 0; i < n; i++)
        rows =
            arena_printf(a, "%s%s{%s, %s}", rows, i ? ", " : "", consts[op->query_styles[i].style],
                         op->query_styles[i].explode ? "true" : "false");
    return arena_printf(a, "(const apigen_param_style[]){%s}", rows);
}

/* The initialiser of apigen_operation.request_styles: NULL when the request is no form or
 * no `encoding` entry changes an array's default (form, exploded), else one row per field of
 * the body's model (its properties, in order). */
static const char *request_styles_init(arena *a, const operation *op)
{
    const schema *e = op->request_form ? schema_effective(op->request) : NULL;
    bool plain = true;
    for (size_t k = 0; e && k < op->request_encoding_count; k++)
        plain &= op->request_encoding[k].style == STYLE_FORM && op->request_encoding[k].explode;
    if (plain)
        return NULL;
    const char *rows = "";
    for (size_t i = 0; i < e->prop_count; i++) {
        const body_encoding *enc = NULL;
        for (size_t k = 0; k < op->request_encoding_count && enc == NULL; k++)
            if (strcmp(op->request_encoding[k].name, e->props[i].name) == 0)
                enc = &op->request_encoding[k];
        bool deep = enc && enc->style == STYLE_DEEP_OBJECT;
        rows = arena_printf(a, "%s%s{%s, %s}", rows, i ? ", " : "",
                            deep ? "APIGEN_STYLE_DEEP_OBJECT" : "APIGEN_STYLE_FORM",
                            enc && !enc->explode ? "false" : "true");
    }
    return arena_printf(a, "(const apigen_param_style[]){%s}", rows);
}

/* The initialiser of apigen_operation.request_part_types: NULL unless a multipart body's
 * `encoding` names a contentType, else one row per field of the body's model. */
static const char *request_part_types_init(arena *a, const operation *op)
{
    const schema *e = op->request_multipart ? schema_effective(op->request) : NULL;
    bool any = false;
    for (size_t k = 0; e && k < op->request_encoding_count; k++)
        any |= op->request_encoding[k].content_type != NULL;
    if (!any)
        return NULL;
    const char *rows = "";
    for (size_t i = 0; i < e->prop_count; i++) {
        const char *type = NULL;
        for (size_t k = 0; k < op->request_encoding_count && type == NULL; k++)
            if (strcmp(op->request_encoding[k].name, e->props[i].name) == 0)
                type = op->request_encoding[k].content_type;
        rows = arena_printf(a, "%s%s%s", rows, i ? ", " : "",
                            type ? arena_printf(a, "\"%s\"", names_c_string(a, type)) : "NULL");
    }
    return arena_printf(a, "(const char *const[]){%s}", rows);
}

static cJSON *operation_view(arena *a, const spec_api *api, const operation *op, size_t index)
{
    cJSON *v = json_must(cJSON_CreateObject());
    const char *base = vocab_operation_base(a, api->prefix, op->c_name);
    put_str(v, "full_name", op->full_name);
    put_str(v, "c_name", op->c_name);
    put_str(v, "call_name", base);
    put_str(v, "responses_name",
            vocab_ident(a, base, vocab_operation_idents[OPERATION_IDENT_RESPONSES]));
    const char *error_codes_name =
        vocab_ident(a, base, vocab_operation_idents[OPERATION_IDENT_ERROR_CODES]);
    put_str(v, "error_codes_name", error_codes_name);
    put_str(v, "result_name", vocab_ident(a, base, vocab_operation_idents[OPERATION_IDENT_RESULT]));
    put_str(v, "result_free_name",
            vocab_ident(a, base, vocab_operation_idents[OPERATION_IDENT_RESULT_FREE]));
    security_view(a, v, api, op, base);
    put_str(v, "request_content_type",
            op->request && op->request_content_type
                ? arena_printf(a, "\"%s\"", names_c_string(a, op->request_content_type))
                : "NULL");
    put_str(v, "request_required", op->request && op->request_required ? "true" : "false");
    put_str(v, "method", op->method);
    put_str(v, "path", names_c_string(a, op->path));
    put_str(v, "path_comment", names_c_comment(a, op->path));
    put_str(v, "summary", op->summary ? names_c_string(a, op->summary) : NULL);
    put_str(v, "summary_comment", comment(a, op->summary));
    put_str(v, "permission", op->permission ? names_c_string(a, op->permission) : NULL);
    put_str(v, "path_params", op->path_params ? model_ref(a, op->path_params) : "NULL");
    put_str(v, "query_params", op->query_params ? model_ref(a, op->query_params) : "NULL");
    put_str(v, "query_styles", query_styles_init(a, op));
    put_str(v, "cookie_params", op->cookie_params ? model_ref(a, op->cookie_params) : NULL);
    put_str(v, "header_params", op->header_params ? model_ref(a, op->header_params) : "NULL");
    put_str(v, "request", op->request && !op->request_raw ? model_ref(a, op->request) : "NULL");
    put_str(v, "request_raw", op->request_raw ? "true" : "false");
    put_str(v, "request_form",
            op->request && op->request_form        ? "APIGEN_BODY_FORM"
            : op->request && op->request_multipart ? "APIGEN_BODY_MULTIPART"
                                                   : NULL);
    put_str(v, "request_part_types", request_part_types_init(a, op));
    put_str(v, "request_styles", request_styles_init(a, op));
    cJSON *responses = put_array(v, "responses");
    for (size_t i = 0; i < op->response_count; i++) {
        const response *r = &op->responses[i];
        cJSON *o = push_object(responses);
        put_num(o, "status", r->status_code);
        put_str(o, "model", r->schema && !r->raw ? model_ref(a, r->schema) : "NULL");
        put_str(o, "raw", r->schema && r->raw ? "true" : "false");
        put_str(o, "headers", r->headers ? model_ref(a, r->headers) : "NULL");
        put_str(o, "description", r->description ? names_c_string(a, r->description) : NULL);
        put_str(o, "content_type",
                r->schema && r->content_type
                    ? arena_printf(a, "\"%s\"", names_c_string(a, r->content_type))
                    : "NULL");
    }
    mark_last(responses);
    put_num(v, "response_count", (double)op->response_count);
    error_codes_view(a, v, op, responses, error_codes_name);
    result_view(a, v, op, vocab_ident(a, base, vocab_operation_idents[OPERATION_IDENT_RESULT]));
    call_view(a, v, api, op, index);
    return v;
}

/* Where example i of the "examples" list comes from. */
typedef struct example_ref {
    const operation *op;
    const response *r; /* NULL: the request */
    size_t index;
} example_ref;

struct view_builder {
    const spec_api *api;
    const char *display_path;
    arena text;       /* the strings of the root and of the items alive; the trees refer to them */
    arena_pos *marks; /* where each item alive starts in `text`, oldest first */
    cJSON **alive;
    size_t nalive, cap;
    example_ref *examples;
    size_t example_count;
};

static void list_examples(view_builder *v, const operation *op, const response *r, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (v->examples != NULL)
            v->examples[v->example_count] = (example_ref){op, r, i};
        v->example_count++;
    }
}

/* Every example of a JSON body in the order of the examples list: an operation's responses',
 * then its request's (examples.json holds JSON documents of the models: a raw text or bytes
 * body's examples, checked by the generator, are left out). Counts them when v->examples is
 * NULL. */
static void list_all_examples(view_builder *v)
{
    v->example_count = 0;
    for (size_t i = 0; i < v->api->op_count; i++) {
        const operation *op = &v->api->ops[i];
        for (size_t j = 0; j < op->response_count; j++)
            list_examples(v, op, &op->responses[j],
                          op->responses[j].raw ? 0 : op->responses[j].example_count);
        list_examples(v, op, NULL, op->request_raw ? 0 : op->request_example_count);
    }
}

view_builder *view_new(const spec_api *api, const char *display_path)
{
    view_builder *v = calloc(1, sizeof *v);
    if (v == NULL)
        diag_out_of_memory();
    v->api = api;
    v->display_path = display_path;
    arena_init(&v->text);
    list_all_examples(v);
    v->examples = calloc(v->example_count ? v->example_count : 1, sizeof *v->examples);
    if (v->examples == NULL)
        diag_out_of_memory();
    list_all_examples(v);
    return v;
}

void view_free(view_builder *v)
{
    if (v == NULL)
        return;
    arena_free(&v->text);
    free(v->examples);
    free(v->marks);
    free(v->alive);
    free(v);
}

cJSON *view_root(view_builder *v)
{
    const spec_api *api = v->api;
    arena *a = &v->text;
    cJSON *o = json_must(cJSON_CreateObject());
    put_str(o, "generator_version", APIGEN_VERSION);
    put_str(o, "spec_path", names_c_comment(a, v->display_path));
    put_str(o, "prefix", api->prefix);
    /* The header's file name: outputs are named after the spec's file (its name up to the first
     * '.', as main.c's stem_of), C names after api.name; the two may differ. */
    const char *base = strrchr(v->display_path, '/');
    base = base ? base + 1 : v->display_path;
    put_str(o, "header_file", arena_printf(a, "%.*s.h", (int)strcspn(base, "."), base));
    put_str(o, "upper", api->upper);
    /* The API's own identifiers (vocab.h), so that templates spell none of them. */
    static const char *const api_keys[VOCAB_API_IDENT_COUNT] = {
        [API_IDENT_OPERATIONS] = "operations_name",
        [API_IDENT_OPERATION_COUNT] = "operation_count_name",
        [API_IDENT_CLEANUP] = "cleanup_name",
        [API_IDENT_PATTERNS] = "patterns_name",
    };
    for (size_t i = 0; i < VOCAB_API_IDENT_COUNT; i++)
        put_str(o, api_keys[i], vocab_ident(a, api->prefix, vocab_api_idents[i]));
    put_str(o, "base_url_name",
            vocab_ident(a, api->upper, vocab_api_upper_idents[API_UPPER_IDENT_BASE_URL]));
    put_str(o, "guard_name",
            vocab_ident(a, api->upper, vocab_api_upper_idents[API_UPPER_IDENT_GUARD]));
    /* The runtime version the header checks for and names in its #error: one source. */
    put_num(o, "rt_version", APIGEN_RT_VERSION);
    put_str(o, "title", comment(a, api->title));
    put_str(o, "description", comment(a, api->description));
    put_str(o, "base_url", api->base_url ? names_c_string(a, api->base_url) : NULL);

    cJSON *patterns = put_array(o, "patterns");
    for (size_t i = 0; i < api->pattern_count; i++) {
        cJSON *p = push_object(patterns);
        put_str(p, "literal", names_c_string(a, api->patterns_pcre2[i]));
        /* The spec's form, for messages, only where the engines needed a rewrite. */
        put_str(p, "ecma",
                strcmp(api->patterns[i], api->patterns_pcre2[i]) != 0
                    ? names_c_string(a, api->patterns[i])
                    : NULL);
        put_num(p, "index", (double)i);
    }
    mark_last(patterns);
    put_bool(o, "has_patterns", api->pattern_count > 0);

    /* The documented error codes' constants, each once, with where it is documented. */
    cJSON *consts = put_array(o, "error_constants");
    for (size_t i = 0; i < api->op_count; i++)
        for (size_t j = 0; j < api->ops[i].response_count; j++) {
            const response *r = &api->ops[i].responses[j];
            for (size_t k = 0; k < r->error_code_count; k++) {
                const error_code *ec = &r->error_codes[k];
                if (!ec->declares)
                    continue;
                cJSON *e = push_object(consts);
                put_str(e, "name", ec->c_const);
                put_str(e, "value",
                        ec->is_integer ? ec->code
                                       : arena_printf(a, "\"%s\"", names_c_string(a, ec->code)));
                put_str(e, "comment", comment(a, ec->message));
            }
        }
    put_bool(o, "has_error_constants", cJSON_GetArraySize(consts) > 0);
    put_num(o, "operation_count", (double)api->op_count);
    return o;
}

cJSON *view_item(void *ctx, const char *list, size_t index)
{
    view_builder *v = ctx;
    const spec_api *api = v->api;
    arena *a = &v->text;
    arena_pos start = arena_mark(a);
    cJSON *item = NULL;
    size_t count = 0;
    if (strcmp(list, "models") == 0) {
        count = api->model_count;
        if (index < count)
            item = model_view(a, api, api->models[index]);
    } else if (strcmp(list, "enums") == 0) {
        count = api->enum_count;
        if (index < count)
            item = enum_view(a, api->enums[index]);
    } else if (strcmp(list, "operations") == 0) {
        count = api->op_count;
        if (index < count)
            item = operation_view(a, api, &api->ops[index], index);
    } else if (strcmp(list, "examples") == 0) {
        count = v->example_count;
        if (index < count) {
            const example_ref *e = &v->examples[index];
            item = example_view(a, e->op, e->r, e->index);
        }
    }
    if (item == NULL) {
        arena_rewind(a, start);
        return NULL;
    }
    put_bool(item, "last", index + 1 == count);
    if (v->nalive == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 16;
        v->marks = realloc(v->marks, v->cap * sizeof *v->marks);
        v->alive = realloc(v->alive, v->cap * sizeof *v->alive);
        if (v->marks == NULL || v->alive == NULL)
            diag_out_of_memory();
    }
    v->marks[v->nalive] = start;
    v->alive[v->nalive++] = item;
    return item;
}

void view_release(void *ctx, cJSON *item)
{
    view_builder *v = ctx;
    /* Items go in the reverse order they came (mustache.h), so item is the newest. */
    if (v->nalive == 0 || v->alive[v->nalive - 1] != item) {
        fputs("apigen: view items released out of order\n", stderr);
        abort();
    }
    cJSON_Delete(item);
    arena_rewind(&v->text, v->marks[--v->nalive]);
}

const char *const view_lists[] = {"enums", "models", "operations", "examples", NULL};

cJSON *view_build(const spec_api *api, const char *display_path)
{
    view_builder *v = view_new(api, display_path);
    cJSON *root = view_root(v);
    for (size_t l = 0; view_lists[l] != NULL; l++) {
        cJSON *arr = put_array(root, view_lists[l]);
        cJSON *item;
        for (size_t i = 0; (item = view_item(v, view_lists[l], i)) != NULL; i++)
            cJSON_AddItemToArray(arr, cJSON_Duplicate(item, true));
    }
    while (v->nalive > 0)
        view_release(v, v->alive[v->nalive - 1]);
    /* The copy owns its strings: the view's arena goes with it. */
    cJSON *copy = json_must(cJSON_Duplicate(root, true));
    cJSON_Delete(root);
    view_free(v);
    return copy;
}
