/* check_schema.c: reading one schema of a spec into the model (model.h): its type and
 * keywords, each checked where it applies (enum, properties and required, bounds, lengths,
 * patterns through ecma.h, formats from the runtime's table, default and const). Any front end
 * whose schemas are JSON Schema-like (the apigen format, OpenAPI) reads them through here.
 * $ref is only recorded: resolve.c resolves it. */
#include "check_schema.h"

#include <string.h>

#include "ecma.h"
#include "json_text.h"
#include "vocab.h"

/* Each keyword quoted as messages name it ("'minLength'"), spelled by the vocabulary. */
#define QUOTED_ROW(id, name, applies, field, rt) "'" name "'",
static const char *const QUOTED[KW_COUNT] = {APIGEN_SCHEMA_KEYWORDS(QUOTED_ROW)};
#undef QUOTED_ROW
#define KW_QUOTED(id) (QUOTED[KW_##id])

/* Whether scalar v is a value of a schema of type t. */
static bool scalar_fits(const node *v, schema_type t)
{
    if (v->kind != NODE_SCALAR)
        return t == TYPE_ANY;
    switch (t) {
    case TYPE_STRING:
        return v->type == SCALAR_STRING;
    case TYPE_INTEGER:
        return v->type == SCALAR_INT;
    case TYPE_NUMBER:
        return v->type == SCALAR_INT || v->type == SCALAR_FLOAT;
    case TYPE_BOOLEAN:
        return v->type == SCALAR_BOOL;
    case TYPE_ANY:
        return true;
    default:
        return false;
    }
}

/* The column in the file of byte offset `offset` of scalar v's text, counted in code points
 * (as every column apigen prints), or 0 when it cannot be exact: block scalars, a line break
 * before offset, or a double-quoted escape before it (its text is not the source's). */
static int pattern_column(checker *c, const node *v, size_t offset)
{
    if (v->style == '|' || v->style == '>')
        return 0;
    /* From line and column, not v->source_offset: libyaml 0.2.5's mark.index, which that
     * holds, counts characters, not bytes. */
    const char *p = c->file->source, *end = c->file->source + c->file->source_len;
    for (int line = 1; line < v->line && p < end; p++)
        line += *p == '\n';
    for (int col = 1; col < v->col + (v->style ? 1 : 0) && p < end; col++)
        while (++p < end && ((unsigned char)*p & 0xC0) == 0x80)
            ;
    int col = v->col + (v->style ? 1 : 0);
    for (size_t i = 0; i < offset; col++) {
        if (p >= end || *p == '\n' || *p == '\r' || (v->style == '"' && *p == '\\'))
            return 0;
        size_t n = 1; /* the bytes of one code point; '' is one quote */
        if (v->style == '\'' && p[0] == '\'' && p + 1 < end && p[1] == '\'')
            n = 2, i++, col++;
        else
            for (i++; p + n < end && ((unsigned char)p[n] & 0xC0) == 0x80; n++)
                i++;
        p += n;
    }
    return col;
}

/* A pattern must be ECMA-262 with the u flag (ecma.c refuses anything else, PCRE-only syntax
 * included), and its PCRE2 translation must compile with the runtime's options. The error
 * points at its column where that is exact, else at the scalar with the character offset. */
static void check_pattern(checker *c, schema *s, const node *v)
{
    ecma_error err;
    /* A pattern repeated across properties is translated and kept once (a translation can be
     * 50 times its source: `\s`). */
    bool keyed = strlen(v->text) == v->len;
    const char *pcre = keyed ? strmap_get(&c->translations, v->text) : NULL;
    if (pcre == NULL) {
        pcre = ecma_compile(c->a, v->text, v->len, &err);
        if (pcre != NULL && keyed)
            strmap_put(&c->translations, v->text, pcre);
    }
    if (pcre == NULL) {
        int col = pattern_column(c, v, err.offset);
        if (col > 0) {
            diag_error(c->d, c->file->path, v->line, col, "invalid pattern: %s", err.message);
        } else {
            size_t chars = 0; /* code points before the offset */
            for (size_t i = 0; i < err.offset && i < v->len; i++)
                chars += ((unsigned char)v->text[i] & 0xC0) != 0x80;
            error_at(c, v, "invalid pattern: %s (at character %zu of the pattern)", err.message,
                     chars + 1);
        }
        return;
    }
    s->pattern = v->text;
    s->pattern_pcre2 = pcre;
    s->pattern_at = v;
}

static void parse_enum(checker *c, schema *s, const node *v)
{
    if (!expect_kind(c, v, NODE_SEQUENCE, KW_QUOTED(ENUM)))
        return;
    if (v->count == 0) {
        error_at(c, v, "%s must list at least one value", KW_QUOTED(ENUM));
        return;
    }
    s->enum_values = arena_alloc(c->a, v->count * sizeof *s->enum_values);
    s->enum_at = arena_alloc(c->a, v->count * sizeof *s->enum_at);
    strmap seen = {0};
    for (size_t i = 0; i < v->count; i++) {
        const node *item = v->items[i];
        if (!is_string(item)) {
            error_at(c, item, "%s values must be strings, not %s (quote it)", KW(ENUM),
                     node_describe(item));
            continue;
        }
        strmap_slot *first = strmap_put(&seen, item->text, item);
        if (first->value != item) {
            error_at(c, item, "duplicate %s value '%s'", KW(ENUM), item->text);
            note_at(c, first->value, "'%s' first listed here", item->text);
            continue;
        }
        s->enum_values[s->enum_count] = item->text;
        s->enum_at[s->enum_count++] = item;
    }
    strmap_free(&seen);
}

void parse_properties(checker *c, schema *s, const node *m, const char *where)
{
    const node *props = node_get(m, KW(PROPERTIES));
    if (props && props->kind == NODE_MAPPING && props->count == 0)
        error_at(c, props, "%s is empty: omit it for a free-form object", KW_QUOTED(PROPERTIES));
    if (props && expect_kind(c, props, NODE_MAPPING, KW_QUOTED(PROPERTIES))) {
        s->props = arena_alloc(c->a, (props->count ? props->count : 1) * sizeof *s->props);
        s->prop_count = props->count;
        for (size_t i = 0; i < props->count; i++) {
            property *p = &s->props[i];
            p->name = props->pairs[i].key->text;
            p->at = props->pairs[i].key;
            p->schema = parse_schema(c, props->pairs[i].value, "a property");
        }
    }
    const node *req = node_get(m, KW(REQUIRED));
    strmap by_name = {0};
    if (req && req->kind == NODE_SEQUENCE && req->count > 0)
        for (size_t i = 0; i < s->prop_count; i++)
            strmap_put(&by_name, s->props[i].name, &s->props[i]);
    if (req && expect_kind(c, req, NODE_SEQUENCE, KW_QUOTED(REQUIRED))) {
        for (size_t i = 0; i < req->count; i++) {
            const node *r = req->items[i];
            if (!is_string(r)) {
                error_at(c, r, "%s lists property names, not %s", KW_QUOTED(REQUIRED),
                         node_describe(r));
                continue;
            }
            property *p = (property *)strmap_get(&by_name, r->text);
            if (p == NULL) {
                error_at(c, r, "%s property '%s' is not in %s of %s", KW(REQUIRED), r->text,
                         KW_QUOTED(PROPERTIES), where);
            } else if (p->required) {
                error_at(c, r, "property '%s' is listed twice in %s", r->text, KW_QUOTED(REQUIRED));
            } else {
                p->required = true;
            }
        }
    }
    strmap_free(&by_name);
}

/* Reports every keyword of mapping m that does not apply to s's type (vocab.h). */
static void check_applicable(checker *c, const schema *s, const node *m)
{
    static const schema_type types[] = {
        [VOCAB_STRING] = TYPE_STRING,
        [VOCAB_NUMBER] = TYPE_NUMBER,
        [VOCAB_ARRAY] = TYPE_ARRAY,
        [VOCAB_OBJECT] = TYPE_OBJECT,
    };
    for (size_t i = 0; i < KW_COUNT; i++) {
        if (vocab_keyword_applies[i] == VOCAB_EVERY)
            continue;
        const node *v = node_get(m, vocab_keyword_names[i]);
        if (v == NULL)
            continue;
        schema_type need = types[vocab_keyword_applies[i]];
        bool ok = s->type == need || (need == TYPE_NUMBER && s->type == TYPE_INTEGER);
        if (!ok) {
            const node *k = NULL;
            for (size_t j = 0; j < m->count && !k; j++)
                if (m->pairs[j].value == v)
                    k = m->pairs[j].key;
            error_at(c, k, "'%s' applies to %s schemas, and this one is %s", vocab_keyword_names[i],
                     need == TYPE_NUMBER ? "integer and number" : schema_type_name(need),
                     schema_type_name(s->type));
        }
    }
}

static void check_bounds(checker *c, const schema *s)
{
    const bound *lo = s->minimum.at ? &s->minimum : NULL;
    const bound *hi = s->maximum.at ? &s->maximum : NULL;
    if (lo && hi) {
        bool bad = lo->is_int && hi->is_int ? lo->i > hi->i : lo->d > hi->d;
        if (bad) {
            error_at(c, lo->at, "%s %s is greater than %s %s", KW(MINIMUM), lo->at->text,
                     KW(MAXIMUM), hi->at->text);
            note_at(c, hi->at, "%s",
                    arena_printf(c->a, "%s %s is here", KW(MAXIMUM), hi->at->text));
        }
    }
    if (s->type == TYPE_INTEGER) {
        const bound *all[] = {&s->minimum, &s->maximum, &s->exclusive_minimum,
                              &s->exclusive_maximum};
        for (size_t i = 0; i < 4; i++)
            if (all[i]->at && !all[i]->is_int)
                error_at(c, all[i]->at, "a bound of an integer schema must be an integer, not %s",
                         all[i]->at->text);
    }
    if (s->min_length >= 0 && s->max_length >= 0 && s->min_length > s->max_length)
        error_at(c, node_get(s->at, KW(MIN_LENGTH)), "%s %lld is greater than %s %lld",
                 KW(MIN_LENGTH), (long long)s->min_length, KW(MAX_LENGTH),
                 (long long)s->max_length);
    if (s->min_items >= 0 && s->max_items >= 0 && s->min_items > s->max_items)
        error_at(c, node_get(s->at, KW(MIN_ITEMS)), "%s %lld is greater than %s %lld",
                 KW(MIN_ITEMS), (long long)s->min_items, KW(MAX_ITEMS), (long long)s->max_items);
}

static void parse_value_keys(checker *c, schema *s, const node *m)
{
    const char *const keys[] = {KW(DEFAULT), KW(CONST)};
    for (size_t i = 0; i < 2; i++) {
        const node *v = node_get(m, keys[i]);
        if (v == NULL)
            continue;
        if (s->type == TYPE_INTEGER)
            v = integral(c, v); /* 5.0 is the integer 5 */
        if (s->type == TYPE_OBJECT || s->type == TYPE_ARRAY || s->type == TYPE_ANY) {
            error_at(c, v, "'%s' is supported on string, integer, number and boolean schemas",
                     keys[i]);
            continue;
        }
        if (!scalar_fits(v, s->type) && !(s->nullable && v->type == SCALAR_NULL)) {
            error_at(c, v, "'%s' must be %s value, not %s", keys[i],
                     s->type == TYPE_INTEGER   ? "an integer"
                     : s->type == TYPE_BOOLEAN ? "a boolean"
                     : s->type == TYPE_NUMBER  ? "a number"
                                               : "a string",
                     node_describe(v));
            continue;
        }
        int64_t iv;
        double dv;
        if (s->type == TYPE_INTEGER && v->type == SCALAR_INT && !node_int(v, &iv)) {
            error_at(c, v, "'%s' %s is outside the 64-bit integer range", keys[i], v->text);
            continue;
        }
        if (s->type == TYPE_NUMBER && v->type != SCALAR_NULL && !node_double(v, &dv)) {
            error_at(c, v, "'%s' must be a finite number", keys[i]);
            continue;
        }
        const model_value *value = json_value_of_yaml(c->a, v);
        if (i == 0) {
            s->default_value = value;
        } else {
            s->const_value = value;
            if (s->type == TYPE_NUMBER && v->type != SCALAR_NULL)
                s->const_literal = json_number_literal(c->a, v, dv);
        }
    }
}

static bool is_null(const node *n)
{
    return n->kind == NODE_SCALAR && n->type == SCALAR_NULL;
}

/* JSON Schema 2020-12 section 6.1.1: `type` as a list. [T, "null"] (either order) is T,
 * nullable: the spelling of OpenAPI 3.1 for 3.0's `nullable: true`. Any other list (two types,
 * "null" alone) has no one C type: refused, suggesting oneOf. Returns false when the node is no
 * list of strings (the caller reports it). */
static bool parse_type_list(checker *c, schema *s, const node *type)
{
    for (size_t i = 0; i < type->count; i++) /* "null" quoted, or YAML's plain null */
        if (!is_string(type->items[i]) && !is_null(type->items[i]))
            return false;
    size_t nulls = 0, other = 0;
    for (size_t i = 0; i < type->count; i++) {
        if (is_null(type->items[i]) || strcmp(type->items[i]->text, "null") == 0)
            nulls++;
        else
            other = i;
    }
    if (type->count != 2 || nulls != 1) {
        error_at(c, type,
                 "a %s list must be one type and \"null\" ([string, \"null\"]: a nullable "
                 "string); for a value of several types write oneOf",
                 KW_QUOTED(TYPE));
        return true;
    }
    const node *t = type->items[other];
    if (!schema_type_parse(t->text, &s->type)) {
        const char *near = closest(t->text, schema_type_names, SCHEMA_TYPE_COUNT);
        error_at(c, t, "unknown type '%s'%s%s%s", t->text, near ? " (did you mean '" : "",
                 near ? near : "", near ? "'?)" : "");
    }
    s->nullable = true;
    return true;
}

schema *parse_schema(checker *c, const node *n, const char *where)
{
    schema *s = schema_new(c->a, n);
    if (!expect_kind(c, n, NODE_MAPPING, where))
        return s;
    check_keys(c, n, vocab_keyword_names, KW_COUNT, "a schema");

    const node *ref = node_get(n, KW(REF));
    if (ref) {
        s->ref_name = get_string(c, n, KW(REF));
        s->ref_at = ref;
        s->description = get_text(c, n, KW(DESCRIPTION));
        /* {$ref: User, nullable: true}: the target's type, or JSON null (OpenAPI 3.0's
         * spelling; 3.1 writes anyOf [{$ref}, {type: "null"}], which i14-unions maps here) */
        s->nullable = get_bool(c, n, KW(NULLABLE), false);
        for (size_t i = 0; i < n->count; i++) {
            const char *k = n->pairs[i].key->text;
            if (strcmp(k, KW(REF)) != 0 && strcmp(k, KW(DESCRIPTION)) != 0 &&
                strcmp(k, KW(NULLABLE)) != 0)
                error_at(c, n->pairs[i].key, "'%s' cannot stand beside %s", k, KW_QUOTED(REF));
        }
        return s;
    }

    const node *type = node_get(n, KW(TYPE));
    if (n->count == 0)
        return s; /* {}: any JSON value (JSON Schema 2020-12 section 4.3.2: {} is true) */
    if (type == NULL) {
        error_at(c, n, "%s needs a %s (or a %s)", where, KW_QUOTED(TYPE), KW_QUOTED(REF));
    } else if (is_string(type)) {
        if (!schema_type_parse(type->text, &s->type)) {
            const char *near = closest(type->text, schema_type_names, SCHEMA_TYPE_COUNT);
            if (near)
                error_at(c, type, "unknown type '%s' (did you mean '%s'?)", type->text, near);
            else
                error_at(c, type, "unknown type '%s'", type->text);
        }
    } else if (type->kind != NODE_SEQUENCE || !parse_type_list(c, s, type)) {
        error_at(c, type, "%s must be a string, not %s", KW_QUOTED(TYPE), node_describe(type));
    }

    s->description = get_text(c, n, KW(DESCRIPTION));
    s->title = get_text(c, n, KW(TITLE));
    s->nullable = get_bool(c, n, KW(NULLABLE), false) || s->nullable;
    s->sensitive = get_bool(c, n, KW(SENSITIVE), false);
    s->read_only = get_bool(c, n, KW(READ_ONLY), false);
    s->write_only = get_bool(c, n, KW(WRITE_ONLY), false);
    const node *example = node_get(n, KW(EXAMPLE));
    if (example)
        s->example = json_value_of_yaml(c->a, example);
    if (s->read_only && s->write_only)
        error_at(c, node_get(n, KW(WRITE_ONLY)), "a field cannot be both %s and %s", KW(READ_ONLY),
                 KW(WRITE_ONLY));
    check_applicable(c, s, n);
    parse_value_keys(c, s, n);

    const node *v;
    if ((v = node_get(n, KW(ENUM))) != NULL)
        parse_enum(c, s, v);
    if ((v = node_get(n, KW(PATTERN))) != NULL && is_string(v))
        check_pattern(c, s, v);
    else if (v)
        error_at(c, v, "%s must be a string, not %s (quote it)", KW_QUOTED(PATTERN),
                 node_describe(v));
    s->min_length = get_count(c, n, KW(MIN_LENGTH));
    s->max_length = get_count(c, n, KW(MAX_LENGTH));
    s->min_items = get_count(c, n, KW(MIN_ITEMS));
    s->max_items = get_count(c, n, KW(MAX_ITEMS));
    s->unique_items = get_bool(c, n, KW(UNIQUE_ITEMS), false);
    s->minimum = get_bound(c, n, KW(MINIMUM));
    s->maximum = get_bound(c, n, KW(MAXIMUM));
    s->exclusive_minimum = get_bound(c, n, KW(EXCLUSIVE_MINIMUM));
    s->exclusive_maximum = get_bound(c, n, KW(EXCLUSIVE_MAXIMUM));
    check_bounds(c, s);
    const char *format = get_string(c, n, KW(FORMAT));
    if (format != NULL && (s->format = vocab_format_find(format)) == NULL) {
        const char *near = closest(format, vocab_format_names, VOCAB_FORMAT_COUNT);
        error_at(c, node_get(n, KW(FORMAT)), "unknown format '%s'%s%s%s", format,
                 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    }
    if (s->enum_count && s->const_value && s->const_value->kind == VALUE_STRING) {
        bool listed = false;
        for (size_t i = 0; i < s->enum_count; i++)
            listed |= strcmp(s->enum_values[i], s->const_value->text) == 0;
        if (!listed)
            error_at(c, s->const_value->at, "%s '%s' is not among the %s's values", KW(CONST),
                     s->const_value->text, KW(ENUM));
    }

    if (s->type == TYPE_ARRAY) {
        const node *items = node_get(n, KW(ITEMS));
        if (items == NULL)
            error_at(c, n, "an array schema needs %s", KW_QUOTED(ITEMS));
        else
            s->items = parse_schema(c, items, KW_QUOTED(ITEMS));
    }
    if (s->type == TYPE_OBJECT) {
        parse_properties(c, s, n, where);
        s->closed = !get_bool(c, n, KW(ADDITIONAL_PROPERTIES), true);
        s->free_form = node_get(n, KW(PROPERTIES)) == NULL;
        if (s->free_form && s->closed)
            error_at(c, n,
                     "an object with neither properties nor additional properties is "
                     "not supported");
    }
    return s;
}
