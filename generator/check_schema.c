/* check_schema.c: reading one schema of a spec into the model (model.h): its type and
 * keywords, each checked where it applies (enum, properties and required, bounds, lengths,
 * patterns through ecma.h, formats from the runtime's table, default and const). Any front end
 * whose schemas are JSON Schema-like (the apigen format, OpenAPI) reads them through here.
 * $ref is only recorded: resolve.c resolves it. */
#include "check_schema.h"

#include <string.h>

#include "check_unions.h"
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
        const char *text = item->text;
        if (s->type == TYPE_INTEGER) {
            /* an integer enum: values by their decimal digits ("2.0" is 2), within +-(2^53-1)
             * so that the generated code's cJSON double holds each exactly */
            int64_t iv;
            item = integral(c, item);
            if (item->kind != NODE_SCALAR || item->type != SCALAR_INT || !node_int(item, &iv)) {
                error_at(c, item, "%s values of an integer schema must be integers, not %s",
                         KW(ENUM), node_describe(item));
                continue;
            }
            if (iv > INT64_C(9007199254740991) || iv < -INT64_C(9007199254740991)) {
                error_at(c, item, "%s value %s is beyond +-(2^53-1)", KW(ENUM), item->text);
                continue;
            }
            text = arena_printf(c->a, "%lld", (long long)iv);
        } else if (!is_string(item)) {
            error_at(c, item, "%s values must be strings, not %s (quote it)", KW(ENUM),
                     node_describe(item));
            continue;
        }
        strmap_slot *first = strmap_put(&seen, text, item);
        if (first->value != item) {
            error_at(c, item, "duplicate %s value '%s'", KW(ENUM), text);
            note_at(c, first->value, "'%s' first listed here", text);
            continue;
        }
        s->enum_values[s->enum_count] = text;
        s->enum_at[s->enum_count++] = item;
    }
    strmap_free(&seen);
}

/* The key of a property's schema that names its C member instead of names_snake(name), for a
 * JSON name that makes no good C name ("+1", "@type", "$ref"). Spelt as an OpenAPI 3.1
 * specification extension (section 4.9: `x-` keys are allowed on a Schema Object, and JSON
 * Schema 2020-12 section 6.5 keeps unknown keywords as annotations), so a spec with it stays a
 * valid OpenAPI document. */
#define C_NAME_KEY "x-c-name"

/* Whether name is what a member stem must be: snake case ('a'-'z', digits and '_', starting
 * with a letter), no "__" (reserved in C and C++), no trailing '_' (the escape of a reserved
 * word adds one, so the escaped member meets no other). Reserved words are escaped like any. */
static bool is_member_stem(const char *name)
{
    if (!(*name >= 'a' && *name <= 'z'))
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_') ||
            (p[0] == '_' && (p[1] == '_' || p[1] == '\0')))
            return false;
    return true;
}

/* Reads C_NAME_KEY of property p's schema v into p->c_override and returns v without it (a
 * copy when it was there), for parse_schema, which knows no such key. */
static const node *take_c_name(checker *c, property *p, const node *v)
{
    const node *k = v && v->kind == NODE_MAPPING ? node_get(v, C_NAME_KEY) : NULL;
    if (k == NULL)
        return v;
    if (!is_string(k))
        error_at(c, k, "'%s' must be a string, not %s", C_NAME_KEY, node_describe(k));
    else if (!is_member_stem(k->text))
        error_at(c, k,
                 "'%s' '%s' of property '%s' is not a C member name in snake case (a-z, 0-9 "
                 "and '_', starting with a letter, no \"__\", no trailing '_')",
                 C_NAME_KEY, k->text, p->name);
    else
        p->c_override = k->text;
    static const char *const key[] = {C_NAME_KEY};
    return node_without(c, v, key, 1);
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
            p->schema = parse_schema(c, take_c_name(c, p, props->pairs[i].value), "a property");
        }
    }
    const node *req = node_get(m, KW(REQUIRED));
    strmap by_name = {0};
    size_t pending_cap = 0;
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
            if (p == NULL && (node_get(m, KW(ALL_OF)) != NULL || m == c->all_of_member)) {
                /* allOf: another member may declare it (merge_all_of decides) */
                s->pending_required = arena_grow(c->a, s->pending_required, s->pending_count,
                                                 &pending_cap, 4, sizeof *s->pending_required);
                s->pending_required[s->pending_count++] = r;
            } else if (p == NULL) {
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
        bool enumerable = vocab_keyword_applies[i] == VOCAB_ENUMERABLE;
        schema_type need = enumerable ? TYPE_STRING : types[vocab_keyword_applies[i]];
        bool ok = s->type == need || (need == TYPE_NUMBER && s->type == TYPE_INTEGER) ||
                  (enumerable && s->type == TYPE_INTEGER);
        if (!ok) {
            const node *k = NULL;
            for (size_t j = 0; j < m->count && !k; j++)
                if (m->pairs[j].value == v)
                    k = m->pairs[j].key;
            error_at(c, k, "'%s' applies to %s schemas, and this one is %s", vocab_keyword_names[i],
                     enumerable            ? "string and integer"
                     : need == TYPE_NUMBER ? "integer and number"
                                           : schema_type_name(need),
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

/* The numeric formats of OpenAPI 3.1 (section 4.4, Data Types), by the type they apply to:
 * int32 is checked (int32_t), int64 is apigen's integer anyway; float and double keep C's
 * double (a float field keeps the document's double: rounding it to float would change the
 * value the document sent). */
static const char *const INTEGER_FORMATS[] = {"int32", "int64"};
static const char *const NUMBER_FORMATS[] = {"float", "double"};

static bool listed(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* `format`: a string format of the runtime's table on a string (checked); int32 / int64 on an
 * integer, float / double on a number; any other name is an annotation, as JSON Schema 2020-12
 * (validation 7.2) says of formats a validator does not know: kept in the C comment and the
 * export, not checked, and a note says so. A checked format on a type it does not apply to is
 * an error. */
static void parse_format(checker *c, schema *s, const node *n)
{
    const char *format = get_string(c, n, KW(FORMAT));
    const node *at = node_get(n, KW(FORMAT));
    if (format == NULL)
        return;
    s->format_name = format;
    const vocab_format *checked = vocab_format_find(format);
    bool integer = listed(format, INTEGER_FORMATS, 2), number = listed(format, NUMBER_FORMATS, 2);
    schema_type need = checked ? TYPE_STRING : integer ? TYPE_INTEGER : TYPE_NUMBER;
    if (checked || integer || number) {
        if (s->type != need) {
            error_at(c, at, "format '%s' applies to %s schemas, and this one is %s", format,
                     schema_type_name(need), schema_type_name(s->type));
            return;
        }
        s->format = checked;
        s->int32 = s->type == TYPE_INTEGER && strcmp(format, "int32") == 0;
        return;
    }
    s->format_annotation = true;
    const char *near = closest(format, vocab_format_names, VOCAB_FORMAT_COUNT);
    remark_at(c, at,
              "format '%s' is not checked by apigen (an annotation, JSON Schema 2020-12 section "
              "7.2)%s%s%s",
              format, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* multipleOf (JSON Schema 2020-12 validation 6.2.1): a number above 0, of at most 18
 * significant digits (the runtime divides exactly within 64 bits). */
static void parse_multiple_of(checker *c, schema *s, const node *n)
{
    bound b = get_bound(c, n, KW(MULTIPLE_OF));
    if (b.at == NULL)
        return;
    if (!(b.d > 0) && !(b.is_int && b.i > 0)) {
        error_at(c, b.at, "%s must be greater than 0, not %s", KW_QUOTED(MULTIPLE_OF), b.at->text);
        return;
    }
    size_t digits = 0, zeros = 0;
    bool started = false;
    for (const char *p = b.literal; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p < '0' || *p > '9')
            continue;
        started |= *p != '0';
        if (started) {
            digits++;
            zeros = *p == '0' ? zeros + 1 : 0;
        }
    }
    if (digits - zeros > 18) {
        error_at(c, b.at, "%s %s has more than 18 significant digits", KW_QUOTED(MULTIPLE_OF),
                 b.at->text);
        return;
    }
    s->multiple_of = b;
}

/* An int32 schema's bounds, const and default within [-2^31, 2^31-1]. */
static void check_int32(checker *c, const schema *s)
{
    if (!s->int32)
        return;
    const bound *all[] = {&s->minimum, &s->maximum, &s->exclusive_minimum, &s->exclusive_maximum};
    for (size_t i = 0; i < 4; i++)
        if (all[i]->at && all[i]->is_int && (all[i]->i < INT32_MIN || all[i]->i > INT32_MAX))
            error_at(c, all[i]->at,
                     "%s is outside the range of format int32 (-2147483648 to "
                     "2147483647)",
                     all[i]->at->text);
    const model_value *values[] = {s->default_value, s->const_value};
    for (size_t i = 0; i < 2; i++)
        if (values[i] && values[i]->kind == VALUE_INTEGER &&
            (!values[i]->fits || values[i]->i < INT32_MIN || values[i]->i > INT32_MAX))
            error_at(c, values[i]->at,
                     "'%s' is outside the range of format int32 (-2147483648 to 2147483647)",
                     i == 0 ? KW(DEFAULT) : KW(CONST));
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

/* The key node of value v in mapping m (for diagnostics at the key). */
static const node *key_of(const node *m, const node *v)
{
    for (size_t j = 0; j < m->count; j++)
        if (m->pairs[j].value == v)
            return m->pairs[j].key;
    return v;
}

/* propertyNames' schema pn, typed as a string schema when it names no type or $ref (property
 * names are strings: JSON Schema writes `propertyNames: {maxLength: 40}`): a copy of the
 * mapping with `type: string` first, at pn's own place. */
static const node *names_typed(checker *c, const node *pn)
{
    if (pn->kind != NODE_MAPPING || node_get(pn, KW(TYPE)) || node_get(pn, KW(REF)))
        return pn;
    node *copy = arena_alloc(c->a, sizeof *copy);
    *copy = *pn;
    copy->pairs = arena_alloc(c->a, (pn->count + 1) * sizeof *copy->pairs);
    node *key = arena_alloc(c->a, 2 * sizeof *key);
    key[0] = (node){.text = KW(TYPE),
                    .len = (uint32_t)strlen(KW(TYPE)),
                    .line = pn->line,
                    .col = pn->col,
                    .kind = NODE_SCALAR,
                    .type = SCALAR_STRING};
    key[1] = key[0];
    key[1].text = "string";
    key[1].len = 6;
    copy->pairs[0] = (node_pair){&key[0], &key[1]};
    memcpy(copy->pairs + 1, pn->pairs, pn->count * sizeof *pn->pairs);
    copy->count = pn->count + 1;
    return copy;
}

/* additionalProperties (a boolean, or a schema: a map), propertyNames (a string schema),
 * minProperties and maxProperties of the object schema s at mapping m. */
static void parse_object_keys(checker *c, schema *s, const node *m)
{
    const node *ap = node_get(m, KW(ADDITIONAL_PROPERTIES));
    if (ap != NULL && ap->kind == NODE_MAPPING) {
        /* {} allows anything, as true does (JSON Schema 2020-12 4.3.2), and so does a schema of
         * annotations only ({description: ...}) */
        bool annotations = true;
        for (size_t i = 0; i < ap->count; i++) {
            const char *k = ap->pairs[i].key->text;
            annotations &= strcmp(k, KW(DESCRIPTION)) == 0 || strcmp(k, KW(TITLE)) == 0 ||
                           strcmp(k, KW(EXAMPLE)) == 0;
        }
        if (!annotations)
            s->additional = parse_schema(c, ap, KW_QUOTED(ADDITIONAL_PROPERTIES));
    } else if (ap != NULL && (ap->kind != NODE_SCALAR || ap->type != SCALAR_BOOL)) {
        error_at(c, ap, "%s must be a boolean or a schema, not %s",
                 KW_QUOTED(ADDITIONAL_PROPERTIES), node_describe(ap));
    } else {
        s->closed = !get_bool(c, m, KW(ADDITIONAL_PROPERTIES), true);
    }
    const node *pn = node_get(m, KW(PROPERTY_NAMES));
    if (pn != NULL) {
        schema *names = parse_schema(c, names_typed(c, pn), KW_QUOTED(PROPERTY_NAMES));
        if (pn->kind != NODE_MAPPING) {
            /* reported by parse_schema */
        } else if (names->ref_name != NULL) {
            error_at(c, pn, "%s must be an inline string schema, not a %s",
                     KW_QUOTED(PROPERTY_NAMES), KW_QUOTED(REF));
        } else if (names->type != TYPE_STRING) {
            error_at(c, node_get(pn, KW(TYPE)) ? node_get(pn, KW(TYPE)) : pn,
                     "%s must be a string schema (property names are strings), not %s",
                     KW_QUOTED(PROPERTY_NAMES), schema_type_name(names->type));
        } else if (names->enum_count > 0) {
            error_at(c, key_of(pn, node_get(pn, KW(ENUM))),
                     "%s in %s is not supported yet (list the names as properties)",
                     KW_QUOTED(ENUM), KW_QUOTED(PROPERTY_NAMES));
        } else if (names->nullable) {
            error_at(c, key_of(pn, node_get(pn, KW(NULLABLE))),
                     "%s cannot be nullable: a property name is never null",
                     KW_QUOTED(PROPERTY_NAMES));
        } else {
            s->property_names = names;
        }
    }
    s->min_properties = get_count(c, m, KW(MIN_PROPERTIES));
    s->max_properties = get_count(c, m, KW(MAX_PROPERTIES));
    const node *min_at = node_get(m, KW(MIN_PROPERTIES)), *max_at = node_get(m, KW(MAX_PROPERTIES));
    if (s->min_properties >= 0 && s->max_properties >= 0 && s->min_properties > s->max_properties)
        error_at(c, min_at, "%s %lld is greater than %s %lld", KW(MIN_PROPERTIES),
                 (long long)s->min_properties, KW(MAX_PROPERTIES), (long long)s->max_properties);
    if (s->closed && s->min_properties > (int64_t)s->prop_count)
        error_at(c, min_at,
                 "%s %lld can never be met: a closed object (%s: false) has at most the %zu in "
                 "%s",
                 KW(MIN_PROPERTIES), (long long)s->min_properties, KW(ADDITIONAL_PROPERTIES),
                 s->prop_count, KW_QUOTED(PROPERTIES));
    size_t required = 0;
    for (size_t i = 0; i < s->prop_count; i++)
        required += s->props[i].required;
    if (s->max_properties >= 0 && (int64_t)required > s->max_properties)
        error_at(c, max_at, "%s %lld can never be met: %s lists %zu", KW(MAX_PROPERTIES),
                 (long long)s->max_properties, KW_QUOTED(REQUIRED), required);
}

void parse_annotations(checker *c, schema *s, const node *n)
{
    s->description = get_text(c, n, KW(DESCRIPTION));
    s->title = get_text(c, n, KW(TITLE));
    s->nullable = get_bool(c, n, KW(NULLABLE), false) || s->nullable; /* or a type list's */
    s->sensitive = get_bool(c, n, KW(SENSITIVE), false);
    s->read_only = get_bool(c, n, KW(READ_ONLY), false);
    s->write_only = get_bool(c, n, KW(WRITE_ONLY), false);
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

    if (node_get(n, KW(ONE_OF)) || node_get(n, KW(ANY_OF)))
        return parse_union(c, n, where);
    if (node_get(n, KW(DISCRIMINATOR)))
        error_at(c, node_get(n, KW(DISCRIMINATOR)), "%s needs %s or %s beside it",
                 KW_QUOTED(DISCRIMINATOR), KW_QUOTED(ONE_OF), KW_QUOTED(ANY_OF));
    const node *all_of = node_get(n, KW(ALL_OF));
    schema *wrapped = all_of ? parse_all_of_wrapper(c, n) : NULL;
    if (wrapped)
        return wrapped;

    const node *type = node_get(n, KW(TYPE));
    if (n->count == 0)
        return s; /* {}: any JSON value (JSON Schema 2020-12 section 4.3.2: {} is true) */
    bool type_known = true;
    if (type == NULL && (all_of || n == c->all_of_member)) {
        s->type = TYPE_OBJECT; /* allOf merges objects (check_composition) */
    } else if (type == NULL) {
        error_at(c, n, "%s needs a %s (or a %s)", where, KW_QUOTED(TYPE), KW_QUOTED(REF));
    } else if (is_string(type)) {
        if (!schema_type_parse(type->text, &s->type)) {
            type_known = false;
            const char *near = closest(type->text, schema_type_names, SCHEMA_TYPE_COUNT);
            if (strcmp(type->text, "null") == 0) /* JSON Schema's, but no C type of its own */
                error_at(c, type,
                         "type 'null' alone has no C type: write nullable: true (or "
                         "[T, \"null\"]) on the schema that may be null");
            else if (near)
                error_at(c, type, "unknown type '%s' (did you mean '%s'?)", type->text, near);
            else
                error_at(c, type, "unknown type '%s'", type->text);
        }
    } else if (type->kind != NODE_SEQUENCE || !parse_type_list(c, s, type)) {
        error_at(c, type, "%s must be a string, not %s", KW_QUOTED(TYPE), node_describe(type));
    }

    parse_annotations(c, s, n);
    const node *example = node_get(n, KW(EXAMPLE));
    if (example)
        s->example = json_value_of_yaml(c->a, example);
    if (s->read_only && s->write_only)
        error_at(c, node_get(n, KW(WRITE_ONLY)), "a field cannot be both %s and %s", KW(READ_ONLY),
                 KW(WRITE_ONLY));
    if (type_known) /* else its keywords' "applies to" errors would follow from the typo */
        check_applicable(c, s, n);
    parse_value_keys(c, s, n);

    const node *v;
    if ((v = node_get(n, KW(ENUM))) != NULL && (s->type == TYPE_STRING || s->type == TYPE_INTEGER))
        parse_enum(c, s, v); /* elsewhere check_applicable has said so */
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
    parse_format(c, s, n);
    s->deprecated = get_bool(c, n, KW(DEPRECATED), false);
    s->extensible = get_bool(c, n, KW(EXTENSIBLE), false);
    if (s->extensible && node_get(n, KW(ENUM)) == NULL)
        error_at(c, node_get(n, KW(EXTENSIBLE)), "%s marks an enum open: it needs %s beside it",
                 KW_QUOTED(EXTENSIBLE), KW_QUOTED(ENUM));
    parse_multiple_of(c, s, n);
    check_int32(c, s);
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
        parse_object_keys(c, s, n);
        s->free_form = node_get(n, KW(PROPERTIES)) == NULL && s->additional == NULL;
        if (all_of) {
            parse_all_of_members(c, s, n);
            s->free_form = false; /* until the merge says */
            /* JSON Schema 2020-12 10.3.2.3: additionalProperties sees only its sibling
             * `properties`, never the members': beside allOf it would refuse the properties the
             * merge adds, which is never what a document means. */
            if (s->closed || s->additional)
                error_at(c, node_get(n, KW(ADDITIONAL_PROPERTIES)),
                         "%s beside %s is not supported: it would apply to this schema's own "
                         "%s only, not to the members' (JSON Schema 2020-12 section 10.3.2.3); "
                         "write it in the member that declares the properties",
                         KW_QUOTED(ADDITIONAL_PROPERTIES), KW_QUOTED(ALL_OF),
                         KW_QUOTED(PROPERTIES));
        }
        if (node_get(n, KW(PROPERTIES)) == NULL && !all_of && s->closed)
            error_at(c, n,
                     "an object with neither properties nor additional properties is "
                     "not supported");
    }
    if (all_of && s->type != TYPE_OBJECT)
        error_at(c, all_of, "%s merges object schemas; this one is %s", KW_QUOTED(ALL_OF),
                 schema_type_name(s->type));
    return s;
}
