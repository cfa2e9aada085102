/* spec_check.c: stage 2 of the pipeline, spec tree -> checked model (model.h).
 * Every problem is reported with its place and the check goes on, so one run shows all
 * of a spec's mistakes. Names are given their C identifiers here (through names.c), and
 * identifiers that collide are reported with both places. */
#include "model.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "apigen_rt.h"
#include "ecma.h"
#include "examples.h"
#include "names.h"

/* The largest integer exact in a double, and so on the wire. */

/* A string-keyed hash table (open addressing, grown at 50% load): every lookup by name in the
 * checker goes through one, so checking stays linear in the size of the spec (a list scan per
 * name made 50,000 properties take seconds). Keys are borrowed, never copied. */
typedef struct strmap_slot {
    size_t hash; /* compared first: the table is large and the strings are cold */
    const char *key;
    const void *value;
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t count, cap;
} strmap;

typedef struct checker {
    arena *a;
    diag *d;
    const spec_file *file;
    spec_api *api;
    strmap idents;             /* global C identifiers -> the node that claimed them */
    strmap schemas;            /* names in `schemas` -> their named_schema */
    strmap patterns;           /* ECMA-262 source -> 1 + its index in api.patterns */
    const char **schema_names; /* the names in `schemas`, for "did you mean" */
    /* Growable lists of the derived order. */
    size_t models_cap, enums_cap, patterns_cap;
} checker;

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static strmap_slot *strmap_find(const strmap *m, const char *key, size_t hash)
{
    if (m->cap == 0)
        return NULL;
    size_t h = hash & (m->cap - 1);
    while (m->slots[h].key) {
        if (m->slots[h].hash == hash && strcmp(m->slots[h].key, key) == 0)
            return &m->slots[h];
        h = (h + 1) & (m->cap - 1);
    }
    return &m->slots[h];
}

/* The value stored under key, or NULL. */
static const void *strmap_get(const strmap *m, const char *key)
{
    strmap_slot *slot = strmap_find(m, key, hash_str(key));
    return slot && slot->key ? slot->value : NULL;
}

/* Stores key -> value unless key is there; returns the slot holding key either way (check
 * slot->value == value to tell a new entry). value must not be NULL. */
static strmap_slot *strmap_put(strmap *m, const char *key, const void *value)
{
    if (m->count * 2 >= m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        strmap_slot *t = calloc(cap, sizeof *t);
        if (t == NULL) {
            fputs("apigen: out of memory\n", stderr);
            exit(2);
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (m->slots[i].key == NULL)
                continue;
            size_t h = m->slots[i].hash & (cap - 1);
            while (t[h].key)
                h = (h + 1) & (cap - 1);
            t[h] = m->slots[i];
        }
        free(m->slots);
        m->slots = t;
        m->cap = cap;
    }
    size_t hash = hash_str(key);
    strmap_slot *slot = strmap_find(m, key, hash);
    if (slot->key == NULL) {
        slot->hash = hash;
        slot->key = key;
        slot->value = value;
        m->count++;
    }
    return slot;
}

static void strmap_free(strmap *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static const char *const TYPE_NAMES[] = {"string", "integer", "number", "boolean",
                                         "object", "array",   "any"};

const char *schema_type_name(schema_type t)
{
    return TYPE_NAMES[t];
}

/* ------------------------------------------------------------ reporting ---- */

static void error_at(checker *c, const node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void error_at(checker *c, const node *n, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(c->d, c->file->path, n ? n->line : 0, n ? n->col : 0, "%s", msg);
}

static void note_at(checker *c, const node *n, const char *fmt, const char *arg)
{
    diag_note(c->d, c->file->path, n ? n->line : 0, n ? n->col : 0, fmt, arg);
}

/* Optimal string alignment distance, for "did you mean". */
static size_t edit_distance(const char *s, const char *t)
{
    size_t n = strlen(s), m = strlen(t);
    if (n > 40 || m > 40)
        return 99;
    size_t d[41][41];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            size_t cost = s[i - 1] == t[j - 1] ? 0 : 1;
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

/* The candidate closest to word, if close enough to be a likely typo. */
static const char *closest(const char *word, const char *const *candidates, size_t count)
{
    const char *best = NULL;
    size_t best_d = 99, len = strlen(word);
    size_t limit = len < 4 ? 1 : len / 3 + 1;
    for (size_t i = 0; i < count; i++) {
        size_t dist = edit_distance(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    return best_d <= limit ? best : NULL;
}

/* ------------------------------------------------------- reading values ---- */

static bool is_string(const node *n)
{
    return n->kind == NODE_SCALAR && n->type == SCALAR_STRING;
}

/* The text of a string-valued key, or NULL (reported) when it is of another kind.
 * Plain scalars YAML would read as numbers or booleans are errors: quote them. */
static const char *get_string(checker *c, const node *m, const char *key)
{
    const node *v = node_get(m, key);
    if (v == NULL)
        return NULL;
    if (!is_string(v)) {
        error_at(c, v, "'%s' must be a string, not %s", key, node_describe(v));
        return NULL;
    }
    if (strlen(v->text) != v->len) {
        error_at(c, v, "'%s' must not contain a NUL character", key);
        return NULL;
    }
    return v->text;
}

/* Prose keys (description, summary) also accept plain scalars that look like numbers. */
static const char *get_text(checker *c, const node *m, const char *key)
{
    const node *v = node_get(m, key);
    if (v == NULL)
        return NULL;
    if (v->kind != NODE_SCALAR || v->type == SCALAR_NULL) {
        error_at(c, v, "'%s' must be a string, not %s", key, node_describe(v));
        return NULL;
    }
    return v->text;
}

static bool get_bool(checker *c, const node *m, const char *key, bool fallback)
{
    const node *v = node_get(m, key);
    if (v == NULL)
        return fallback;
    if (v->kind != NODE_SCALAR || v->type != SCALAR_BOOL) {
        error_at(c, v, "'%s' must be true or false, not %s", key, node_describe(v));
        return fallback;
    }
    return v->text[0] == 't' || v->text[0] == 'T';
}

/* n itself, or, when n is a YAML float whose value is an integer ("5.0", "1e2", "-0.0",
 * "9007199254740993.0"), a copy typed as an integer whose text is that integer in decimal
 * ("5", "100", "0", "9007199254740993"). JSON Schema 2020-12 counts such numbers as integers
 * (Validation 6.1.1: "integer", which matches any number with a zero fractional part; Core
 * 4.2.2). Decided on the digits, exactly: no double rounding. Values of 64 or more digits are
 * left as they are (no int64 holds them; the caller reports them as it would any float). */
static const node *integral(checker *c, const node *n)
{
    if (n == NULL || n->kind != NODE_SCALAR || n->type != SCALAR_FLOAT)
        return n;
    const char *s = n->text;
    bool negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    char digits[64];
    size_t nd = 0, before = 0;
    for (; *s >= '0' && *s <= '9'; s++, before++)
        if (nd < sizeof digits)
            digits[nd++] = *s;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            if (nd < sizeof digits)
                digits[nd++] = *s;
    if (nd == sizeof digits || nd == 0)
        return n; /* too long to be an int64, or .inf/.nan */
    long exp = 0;
    if (*s == 'e' || *s == 'E') {
        char *end;
        exp = strtol(s + 1, &end, 10);
        if (*end != '\0' || exp > 64 || exp < -64)
            return n;
    } else if (*s != '\0') {
        return n;
    }
    /* The value is 0.digits * 10^point: digits at and after `point` are the fraction. */
    long point = (long)before + exp;
    for (long i = point < 0 ? 0 : point; i < (long)nd; i++)
        if (digits[i] != '0')
            return n;
    char text[160]; /* sign, up to 63 + 64 digits, NUL */
    size_t t = 0;
    if (negative)
        text[t++] = '-';
    for (long i = 0; i < point; i++)
        text[t++] = i < (long)nd ? digits[i] : '0';
    if (t == (negative ? 1u : 0u))
        text[t++] = '0';
    text[t] = '\0';
    node *copy = arena_alloc(c->a, sizeof *copy);
    *copy = *n;
    copy->type = SCALAR_INT;
    copy->text = arena_strdup(c->a, text);
    return copy; /* an integer beyond int64 is then reported as out of range by the caller */
}

/* An integer scalar's exact value. Returns false (after reporting) when n is not one. */
static bool scalar_int(checker *c, const node *n, const char *what, int64_t *out)
{
    n = integral(c, n);
    if (n->kind != NODE_SCALAR || n->type != SCALAR_INT) {
        error_at(c, n, "%s must be an integer, not %s", what, node_describe(n));
        return false;
    }
    if (!node_int(n, out)) {
        error_at(c, n, "%s %s does not fit in 64 bits", what, n->text);
        return false;
    }
    return true;
}

static int64_t get_count(checker *c, const node *m, const char *key)
{
    const node *v = node_get(m, key);
    int64_t x;
    if (v == NULL || !scalar_int(c, v, arena_printf(c->a, "'%s'", key), &x))
        return -1;
    if (x < 0) {
        error_at(c, v, "'%s' must not be negative", key);
        return -1;
    }
    return x;
}

static bound get_bound(checker *c, const node *m, const char *key)
{
    bound b = {0};
    const node *v = integral(c, node_get(m, key));
    if (v == NULL)
        return b;
    if (v->kind != NODE_SCALAR || (v->type != SCALAR_INT && v->type != SCALAR_FLOAT)) {
        error_at(c, v, "'%s' must be a number, not %s", key, node_describe(v));
        return b;
    }
    if (v->type == SCALAR_INT) {
        if (!scalar_int(c, v, arena_printf(c->a, "'%s'", key), &b.i))
            return b;
        b.is_int = true;
        b.d = (double)b.i;
    } else if (!node_double(v, &b.d)) {
        error_at(c, v, "'%s' must be a finite number", key);
        return b;
    }
    b.at = v;
    return b;
}

static bool expect_kind(checker *c, const node *n, node_kind kind, const char *what)
{
    if (n->kind == kind)
        return true;
    error_at(c, n, "%s must be %s, not %s", what,
             kind == NODE_MAPPING    ? "a mapping"
             : kind == NODE_SEQUENCE ? "a list"
                                     : "a scalar",
             node_describe(n));
    return false;
}

/* Reports every key of mapping m not in allowed, with a suggestion when one is close. */
static void check_keys(checker *c, const node *m, const char *const *allowed, size_t count,
                       const char *where)
{
    for (size_t i = 0; i < m->count; i++) {
        const node *k = m->pairs[i].key;
        bool known = false;
        for (size_t j = 0; j < count && !known; j++)
            known = strcmp(k->text, allowed[j]) == 0;
        if (known)
            continue;
        const char *near = closest(k->text, allowed, count);
        if (near)
            error_at(c, k, "unknown key '%s' in %s (did you mean '%s'?)", k->text, where, near);
        else
            error_at(c, k, "unknown key '%s' in %s", k->text, where);
    }
}

#define KEYS(...)                                                                                  \
    (const char *const[]){__VA_ARGS__},                                                            \
        sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)

/* ------------------------------------------------------------- schemas ---- */

static const char *const SCHEMA_KEYS[] = {"type",
                                          "$ref",
                                          "description",
                                          "title",
                                          "nullable",
                                          "default",
                                          "const",
                                          "example",
                                          "enum",
                                          "pattern",
                                          "minLength",
                                          "maxLength",
                                          "format",
                                          "sensitive",
                                          "readOnly",
                                          "writeOnly",
                                          "minimum",
                                          "maximum",
                                          "exclusiveMinimum",
                                          "exclusiveMaximum",
                                          "items",
                                          "minItems",
                                          "maxItems",
                                          "uniqueItems",
                                          "properties",
                                          "required",
                                          "additionalProperties"};

/* The formats the runtime implements: its table (apigen_rt.h) is the only list. */
#define FORMAT_NAME(id, name, check) name,
static const char *const FORMATS[] = {APIGEN_FORMATS(FORMAT_NAME)};
#undef FORMAT_NAME
#define FORMAT_COUNT (sizeof FORMATS / sizeof *FORMATS)

static schema *parse_schema(checker *c, const node *n, const char *where);

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
    const char *pcre = ecma_compile(c->a, v->text, v->len, &err);
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
    if (!expect_kind(c, v, NODE_SEQUENCE, "'enum'"))
        return;
    if (v->count == 0) {
        error_at(c, v, "'enum' must list at least one value");
        return;
    }
    s->enum_values = arena_alloc(c->a, v->count * sizeof *s->enum_values);
    s->enum_at = arena_alloc(c->a, v->count * sizeof *s->enum_at);
    strmap seen = {0};
    for (size_t i = 0; i < v->count; i++) {
        const node *item = v->items[i];
        if (!is_string(item)) {
            error_at(c, item, "enum values must be strings, not %s (quote it)",
                     node_describe(item));
            continue;
        }
        strmap_slot *first = strmap_put(&seen, item->text, item);
        if (first->value != item) {
            error_at(c, item, "duplicate enum value '%s'", item->text);
            note_at(c, first->value, "'%s' first listed here", item->text);
            continue;
        }
        s->enum_values[s->enum_count] = item->text;
        s->enum_at[s->enum_count++] = item;
    }
    strmap_free(&seen);
}

static void parse_properties(checker *c, schema *s, const node *m, const char *where)
{
    const node *props = node_get(m, "properties");
    if (props && props->kind == NODE_MAPPING && props->count == 0)
        error_at(c, props, "'properties' is empty: omit it for a free-form object");
    if (props && expect_kind(c, props, NODE_MAPPING, "'properties'")) {
        s->props = arena_alloc(c->a, (props->count ? props->count : 1) * sizeof *s->props);
        s->prop_count = props->count;
        for (size_t i = 0; i < props->count; i++) {
            property *p = &s->props[i];
            p->name = props->pairs[i].key->text;
            p->at = props->pairs[i].key;
            p->schema = parse_schema(c, props->pairs[i].value, "a property");
        }
    }
    const node *req = node_get(m, "required");
    strmap by_name = {0};
    if (req && req->kind == NODE_SEQUENCE && req->count > 0)
        for (size_t i = 0; i < s->prop_count; i++)
            strmap_put(&by_name, s->props[i].name, &s->props[i]);
    if (req && expect_kind(c, req, NODE_SEQUENCE, "'required'")) {
        for (size_t i = 0; i < req->count; i++) {
            const node *r = req->items[i];
            if (!is_string(r)) {
                error_at(c, r, "'required' lists property names, not %s", node_describe(r));
                continue;
            }
            property *p = (property *)strmap_get(&by_name, r->text);
            if (p == NULL) {
                error_at(c, r, "required property '%s' is not in 'properties' of %s", r->text,
                         where);
            } else if (p->required) {
                error_at(c, r, "property '%s' is listed twice in 'required'", r->text);
            } else {
                p->required = true;
            }
        }
    }
    strmap_free(&by_name);
}

/* Keywords that apply to one type only, and the type they need. */
static const struct {
    const char *key;
    schema_type type;
} TYPED_KEYS[] = {
    {"enum", TYPE_STRING},
    {"pattern", TYPE_STRING},
    {"minLength", TYPE_STRING},
    {"maxLength", TYPE_STRING},
    {"format", TYPE_STRING},
    {"minimum", TYPE_NUMBER},
    {"maximum", TYPE_NUMBER},
    {"exclusiveMinimum", TYPE_NUMBER},
    {"exclusiveMaximum", TYPE_NUMBER},
    {"items", TYPE_ARRAY},
    {"minItems", TYPE_ARRAY},
    {"maxItems", TYPE_ARRAY},
    {"uniqueItems", TYPE_ARRAY},
    {"properties", TYPE_OBJECT},
    {"required", TYPE_OBJECT},
    {"additionalProperties", TYPE_OBJECT},
};

static void check_applicable(checker *c, const schema *s, const node *m)
{
    for (size_t i = 0; i < sizeof TYPED_KEYS / sizeof *TYPED_KEYS; i++) {
        const node *v = node_get(m, TYPED_KEYS[i].key);
        if (v == NULL)
            continue;
        schema_type need = TYPED_KEYS[i].type;
        bool ok = s->type == need || (need == TYPE_NUMBER && s->type == TYPE_INTEGER);
        if (!ok) {
            const node *k = NULL;
            for (size_t j = 0; j < m->count && !k; j++)
                if (m->pairs[j].value == v)
                    k = m->pairs[j].key;
            error_at(c, k, "'%s' applies to %s schemas, and this one is %s", TYPED_KEYS[i].key,
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
            error_at(c, lo->at, "minimum %s is greater than maximum %s", lo->at->text,
                     hi->at->text);
            note_at(c, hi->at, "maximum %s is here", hi->at->text);
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
        error_at(c, node_get(s->at, "minLength"), "minLength %lld is greater than maxLength %lld",
                 (long long)s->min_length, (long long)s->max_length);
    if (s->min_items >= 0 && s->max_items >= 0 && s->min_items > s->max_items)
        error_at(c, node_get(s->at, "minItems"), "minItems %lld is greater than maxItems %lld",
                 (long long)s->min_items, (long long)s->max_items);
}

static void parse_value_keys(checker *c, schema *s, const node *m)
{
    static const char *const keys[] = {"default", "const"};
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
        if (i == 0)
            s->default_value = v;
        else
            s->const_value = v;
    }
}

static schema *parse_schema(checker *c, const node *n, const char *where)
{
    schema *s = arena_alloc(c->a, sizeof *s);
    s->at = n;
    s->type = TYPE_ANY;
    s->min_length = s->max_length = s->min_items = s->max_items = -1;
    s->pattern_index = -1;
    if (!expect_kind(c, n, NODE_MAPPING, where))
        return s;
    check_keys(c, n, SCHEMA_KEYS, sizeof SCHEMA_KEYS / sizeof *SCHEMA_KEYS, "a schema");

    const node *ref = node_get(n, "$ref");
    if (ref) {
        s->ref_name = get_string(c, n, "$ref");
        s->description = get_text(c, n, "description");
        for (size_t i = 0; i < n->count; i++) {
            const char *k = n->pairs[i].key->text;
            if (strcmp(k, "$ref") != 0 && strcmp(k, "description") != 0)
                error_at(c, n->pairs[i].key, "'%s' cannot stand beside '$ref'", k);
        }
        return s;
    }

    const node *type = node_get(n, "type");
    if (type == NULL) {
        error_at(c, n, "%s needs a 'type' (or a '$ref')", where);
    } else if (is_string(type)) {
        size_t t = 0;
        while (t < sizeof TYPE_NAMES / sizeof *TYPE_NAMES && strcmp(TYPE_NAMES[t], type->text))
            t++;
        if (t == sizeof TYPE_NAMES / sizeof *TYPE_NAMES) {
            const char *near = closest(type->text, TYPE_NAMES, 7);
            if (near)
                error_at(c, type, "unknown type '%s' (did you mean '%s'?)", type->text, near);
            else
                error_at(c, type, "unknown type '%s'", type->text);
        } else {
            s->type = (schema_type)t;
        }
    } else {
        error_at(c, type, "'type' must be a string, not %s", node_describe(type));
    }

    s->description = get_text(c, n, "description");
    s->title = get_text(c, n, "title");
    s->nullable = get_bool(c, n, "nullable", false);
    s->sensitive = get_bool(c, n, "sensitive", false);
    s->read_only = get_bool(c, n, "readOnly", false);
    s->write_only = get_bool(c, n, "writeOnly", false);
    s->example = node_get(n, "example");
    if (s->read_only && s->write_only)
        error_at(c, node_get(n, "writeOnly"), "a field cannot be both readOnly and writeOnly");
    check_applicable(c, s, n);
    parse_value_keys(c, s, n);

    const node *v;
    if ((v = node_get(n, "enum")) != NULL)
        parse_enum(c, s, v);
    if ((v = node_get(n, "pattern")) != NULL && is_string(v))
        check_pattern(c, s, v);
    else if (v)
        error_at(c, v, "'pattern' must be a string, not %s (quote it)", node_describe(v));
    s->min_length = get_count(c, n, "minLength");
    s->max_length = get_count(c, n, "maxLength");
    s->min_items = get_count(c, n, "minItems");
    s->max_items = get_count(c, n, "maxItems");
    s->unique_items = get_bool(c, n, "uniqueItems", false);
    s->minimum = get_bound(c, n, "minimum");
    s->maximum = get_bound(c, n, "maximum");
    s->exclusive_minimum = get_bound(c, n, "exclusiveMinimum");
    s->exclusive_maximum = get_bound(c, n, "exclusiveMaximum");
    check_bounds(c, s);
    if ((s->format = get_string(c, n, "format")) != NULL) {
        size_t f = 0;
        while (f < FORMAT_COUNT && strcmp(FORMATS[f], s->format) != 0)
            f++;
        if (f == FORMAT_COUNT) {
            const char *near = closest(s->format, FORMATS, FORMAT_COUNT);
            error_at(c, node_get(n, "format"), "unknown format '%s'%s%s%s", s->format,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            s->format = NULL;
        }
    }
    if (s->enum_count && s->const_value && s->const_value->type == SCALAR_STRING) {
        bool listed = false;
        for (size_t i = 0; i < s->enum_count; i++)
            listed |= strcmp(s->enum_values[i], s->const_value->text) == 0;
        if (!listed)
            error_at(c, s->const_value, "const '%s' is not among the enum's values",
                     s->const_value->text);
    }

    if (s->type == TYPE_ARRAY) {
        const node *items = node_get(n, "items");
        if (items == NULL)
            error_at(c, n, "an array schema needs 'items'");
        else
            s->items = parse_schema(c, items, "'items'");
    }
    if (s->type == TYPE_OBJECT) {
        parse_properties(c, s, n, where);
        s->closed = !get_bool(c, n, "additionalProperties", true);
        s->free_form = node_get(n, "properties") == NULL;
        if (s->free_form && s->closed)
            error_at(c, n,
                     "an object with neither properties nor additional properties is "
                     "not supported");
    }
    return s;
}

/* --------------------------------------------------------- operations ---- */

static const char *const METHODS[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

/* A parameter group: an object schema written without `type`. */
static schema *parse_params(checker *c, const node *n, const char *group)
{
    if (!expect_kind(c, n, NODE_MAPPING, group))
        return NULL;
    check_keys(c, n, KEYS("required", "properties", "description"), "a parameter group");
    schema *s = arena_alloc(c->a, sizeof *s);
    s->at = n;
    s->type = TYPE_OBJECT;
    s->min_length = s->max_length = s->min_items = s->max_items = -1;
    s->pattern_index = -1;
    s->description = get_text(c, n, "description");
    parse_properties(c, s, n, group);
    if (s->prop_count == 0)
        return NULL;
    return s;
}

static void parse_examples(checker *c, const node *m, const node **out)
{
    const node *ex = node_get(m, "examples");
    if (ex && expect_kind(c, ex, NODE_MAPPING, "'examples'"))
        *out = ex;
}

static void parse_error_codes(checker *c, response *r, const node *list)
{
    if (!expect_kind(c, list, NODE_SEQUENCE, "'error_codes'"))
        return;
    r->error_codes = arena_alloc(c->a, (list->count ? list->count : 1) * sizeof *r->error_codes);
    for (size_t i = 0; i < list->count; i++) {
        const node *e = list->items[i];
        if (!expect_kind(c, e, NODE_MAPPING, "an error code"))
            continue;
        check_keys(c, e, KEYS("code", "message", "description"), "an error code");
        const node *code = node_get(e, "code");
        if (code == NULL) {
            error_at(c, e, "an error code needs 'code'");
            continue;
        }
        if (code->kind != NODE_SCALAR ||
            (code->type != SCALAR_INT && code->type != SCALAR_STRING)) {
            error_at(c, code, "'code' must be an integer or a string, not %s", node_describe(code));
            continue;
        }
        error_code *ec = &r->error_codes[r->error_code_count++];
        ec->code = code;
        ec->message = get_text(c, e, "message");
    }
}

static void parse_response(checker *c, response *r, const node *key, const node *n)
{
    r->at = key;
    r->status = key->text;
    if (strcmp(key->text, "default") == 0) {
        r->status_code = 0;
    } else {
        char *end;
        long code = strtol(key->text, &end, 10);
        if (*end != '\0' || code < 100 || code > 599 || key->len != 3)
            error_at(c, key,
                     "response status must be an HTTP status code (100-599) or "
                     "'default', not '%s'",
                     key->text);
        r->status_code = (int)code;
    }
    if (!expect_kind(c, n, NODE_MAPPING, "a response"))
        return;
    check_keys(c, n, KEYS("description", "content_type", "schema", "examples", "error_codes"),
               "a response");
    r->description = get_text(c, n, "description");
    r->content_type = get_string(c, n, "content_type");
    const node *sch = node_get(n, "schema");
    if (sch)
        r->schema = parse_schema(c, sch, "a response schema");
    parse_examples(c, n, &r->examples);
    if (r->examples && !sch)
        error_at(c, r->examples, "examples need a 'schema' to be checked against");
    const node *codes = node_get(n, "error_codes");
    if (codes)
        parse_error_codes(c, r, codes);
}

/* Reports path template parameters missing from parameters.path, and the reverse. */
static void check_path_template(checker *c, operation *op, const node *path_node)
{
    strmap declared = {0}, used = {0}; /* by name, so that many parameters stay linear */
    for (size_t i = 0; op->path_params && i < op->path_params->prop_count; i++)
        strmap_put(&declared, op->path_params->props[i].name, &op->path_params->props[i]);
    const char *p = op->path;
    while ((p = strchr(p, '{')) != NULL) {
        const char *close = strchr(p, '}');
        if (close == NULL) {
            error_at(c, path_node, "unclosed '{' in path '%s'", op->path);
            break;
        }
        size_t len = (size_t)(close - p - 1);
        const char *name = arena_printf(c->a, "%.*s", (int)len, p + 1);
        strmap_put(&used, name, name);
        if (strmap_get(&declared, name) == NULL)
            error_at(c, path_node, "path parameter '%s' is not declared in parameters.path", name);
        p = close + 1;
    }
    for (size_t i = 0; op->path_params && i < op->path_params->prop_count && p == NULL; i++) {
        property *prop = &op->path_params->props[i];
        if (strmap_get(&used, prop->name) == NULL)
            error_at(c, prop->at, "path parameter '%s' does not appear in path '%s'", prop->name,
                     op->path);
        prop->required = true;
    }
    strmap_free(&declared);
    strmap_free(&used);
}

static void parse_operation(checker *c, operation *op, const node *key, const node *n)
{
    op->name = key->text;
    op->at = key;
    bool is_ident = (key->text[0] >= 'a' && key->text[0] <= 'z') ||
                    (key->text[0] >= 'A' && key->text[0] <= 'Z') || key->text[0] == '_';
    for (const char *p = key->text; *p && is_ident; p++)
        is_ident = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '_';
    if (!is_ident)
        error_at(c, key, "operation name '%s' must match [A-Za-z_][A-Za-z0-9_]*", key->text);
    op->full_name = arena_printf(c->a, "%s.%s", c->api->name ? c->api->name : "", key->text);
    /* Only ever pasted after the prefix (prefix_name_responses): no leading '_' (names_join). */
    op->c_name = names_snake(c->a, key->text);
    if (op->c_name[0] == '_')
        op->c_name++;
    if (!expect_kind(c, n, NODE_MAPPING, "an operation"))
        return;
    check_keys(c, n,
               KEYS("method", "path", "summary", "description", "permission", "auth", "parameters",
                    "request", "responses"),
               "an operation");
    op->summary = get_text(c, n, "summary");
    op->description = get_text(c, n, "description");
    op->permission = get_text(c, n, "permission");
    op->method = get_string(c, n, "method");
    if (op->method == NULL && node_get(n, "method") == NULL)
        error_at(c, key, "operation '%s' needs a 'method'", key->text);
    else if (op->method) {
        bool ok = false;
        for (size_t i = 0; i < 5; i++)
            ok |= strcmp(op->method, METHODS[i]) == 0;
        if (!ok)
            error_at(c, node_get(n, "method"),
                     "unknown method '%s' (GET, POST, PUT, PATCH or DELETE)", op->method);
    }
    op->path = get_string(c, n, "path");
    if (op->path == NULL && node_get(n, "path") == NULL)
        error_at(c, key, "operation '%s' needs a 'path'", key->text);

    op->auth = get_string(c, n, "auth");
    if (op->auth) {
        bool known = false;
        for (size_t i = 0; i < c->api->auth_count; i++)
            known |= strcmp(c->api->auth[i].name, op->auth) == 0;
        if (!known)
            error_at(c, node_get(n, "auth"), "unknown auth scheme '%s'", op->auth);
    }

    const node *params = node_get(n, "parameters");
    if (params && expect_kind(c, params, NODE_MAPPING, "'parameters'")) {
        check_keys(c, params, KEYS("path", "query", "header"), "'parameters'");
        const node *g;
        if ((g = node_get(params, "path")) != NULL)
            op->path_params = parse_params(c, g, "parameters.path");
        if ((g = node_get(params, "query")) != NULL)
            op->query_params = parse_params(c, g, "parameters.query");
        if ((g = node_get(params, "header")) != NULL)
            op->header_params = parse_params(c, g, "parameters.header");
    }
    if (op->path)
        check_path_template(c, op, node_get(n, "path"));

    const node *req = node_get(n, "request");
    if (req && expect_kind(c, req, NODE_MAPPING, "'request'")) {
        check_keys(c, req, KEYS("content_type", "required", "description", "schema", "examples"),
                   "'request'");
        op->request_content_type = get_string(c, req, "content_type");
        op->request_description = get_text(c, req, "description");
        op->request_required = get_bool(c, req, "required", true);
        const node *sch = node_get(req, "schema");
        if (sch == NULL)
            error_at(c, req, "'request' needs a 'schema'");
        else
            op->request = parse_schema(c, sch, "the request schema");
        parse_examples(c, req, &op->request_examples);
    }

    const node *resp = node_get(n, "responses");
    if (resp == NULL) {
        error_at(c, key, "operation '%s' needs 'responses'", key->text);
    } else if (expect_kind(c, resp, NODE_MAPPING, "'responses'")) {
        if (resp->count == 0)
            error_at(c, resp, "operation '%s' documents no response", key->text);
        op->responses = arena_alloc(c->a, (resp->count ? resp->count : 1) * sizeof *op->responses);
        op->response_count = resp->count;
        for (size_t i = 0; i < resp->count; i++)
            parse_response(c, &op->responses[i], resp->pairs[i].key, resp->pairs[i].value);
    }
}

/* ------------------------------------------------------ references ---- */

/* The schema s stands for, following $ref; NULL for an unresolved or cyclic reference. */
static schema *effective(schema *s)
{
    for (int hops = 0; s && s->ref_name; hops++) {
        if (hops > 65536) /* a cycle: reported by check_ref_cycles */
            return NULL;
        s = s->ref;
    }
    return s;
}

static void resolve_refs(checker *c, schema *s);

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
        const node *at = node_get(s->at, "$ref");
        if (near)
            error_at(c, at, "unresolved reference '%s' (did you mean '%s'?)", s->ref_name, near);
        else
            error_at(c, at, "unresolved reference '%s': no such schema in 'schemas'", s->ref_name);
    }
}

static void resolve_refs(checker *c, schema *s)
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

/* Reports named schemas that are only $refs leading back to themselves, and points every other
 * alias straight at the schema its chain of $refs ends in (a cyclic one at nothing), so that
 * effective() takes at most two hops. Linear: each alias is followed once (walking each chain
 * from each of its members cost n^2 hops for a chain of n aliases). */
static void check_ref_cycles(checker *c)
{
    spec_api *a = c->api;
    size_t n = a->schema_count;
    if (n == 0)
        return;
    enum { NEW, ON_PATH, DONE };
    unsigned char *state = arena_alloc(c->a, n);
    ptrdiff_t *final = arena_alloc(c->a, n * sizeof *final); /* -1: the chain loops */
    size_t *path = arena_alloc(c->a, n * sizeof *path);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        ptrdiff_t j = (ptrdiff_t)i, end;
        for (;;) {
            if (state[j] == DONE) {
                end = final[j];
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
        for (size_t k = 0; k < len; k++) {
            state[path[k]] = DONE;
            final[path[k]] = end;
        }
        if (state[i] != DONE) { /* i itself ended the walk */
            state[i] = DONE;
            final[i] = (ptrdiff_t)i;
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
        }
    }
}

/* --------------------------------------------------------------- naming ---- */

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
    if (a->model_count == c->models_cap) {
        c->models_cap = c->models_cap ? c->models_cap * 2 : 64;
        schema **m = arena_alloc(c->a, c->models_cap * sizeof *m);
        if (a->model_count)
            memcpy(m, a->models, a->model_count * sizeof *m);
        a->models = m;
    }
    a->models[a->model_count++] = s;
}

static void push_enum(checker *c, schema *s)
{
    spec_api *a = c->api;
    if (a->enum_count == c->enums_cap) {
        c->enums_cap = c->enums_cap ? c->enums_cap * 2 : 64;
        schema **m = arena_alloc(c->a, c->enums_cap * sizeof *m);
        if (a->enum_count)
            memcpy(m, a->enums, a->enum_count * sizeof *m);
        a->enums = m;
    }
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
    if (a->pattern_count == c->patterns_cap) {
        c->patterns_cap = c->patterns_cap ? c->patterns_cap * 2 : 16;
        const char **p = arena_alloc(c->a, c->patterns_cap * sizeof *p);
        const char **q = arena_alloc(c->a, c->patterns_cap * sizeof *q);
        if (a->pattern_count) {
            memcpy(p, a->patterns, a->pattern_count * sizeof *p);
            memcpy(q, a->patterns_pcre2, a->pattern_count * sizeof *q);
        }
        a->patterns = p;
        a->patterns_pcre2 = q;
    }
    a->patterns[a->pattern_count] = s->pattern;
    a->patterns_pcre2[a->pattern_count] = s->pattern_pcre2;
    return (int)a->pattern_count++;
}

/* Every identifier a model's C uses beside its type name (templates/api.*.mustache). */
static const char *const MODEL_FUNCS[] = {"_init",     "_free",  "_from_json", "_to_json",
                                          "_validate", "_parse", "_print",     "_debug_string",
                                          "_model",    "_fields"};

static void visit(checker *c, schema *s, const char *name_hint, const node *at);

/* Every identifier an enum's C uses beside its type name. */
static const char *const ENUM_FUNCS[] = {"_values", "_enum"};

/* The C type name for `name` (a model's when funcs is MODEL_FUNCS, an enum's for ENUM_FUNCS):
 * name + "_type" when name or one of the identifiers pasted from it (name + funcs[i]) is
 * reserved (names_escape_type): "aligned_alloc" -> "aligned_alloc_type". */
static const char *type_name(checker *c, const char *name, const char *const *funcs, size_t n)
{
    bool reserved = names_is_reserved(name);
    for (size_t i = 0; i < n && !reserved; i++)
        reserved = names_is_reserved(arena_printf(c->a, "%s%s", name, funcs[i]));
    return reserved ? arena_printf(c->a, "%s_type", name) : name;
}

#define MODEL_TYPE(c, name)                                                                        \
    type_name(c, name, MODEL_FUNCS, sizeof MODEL_FUNCS / sizeof *MODEL_FUNCS)
#define ENUM_TYPE(c, name) type_name(c, name, ENUM_FUNCS, sizeof ENUM_FUNCS / sizeof *ENUM_FUNCS)

/* Names the members of model s, escaping reserved words (names_escape_member), and checks
 * every member name against the others. Member names that spell a generated type are escaped
 * later, when every type has its name (escape_type_members). first[i] tells whether property
 * i's member name is its own (false: a clash, already reported). */
static void name_members(checker *c, schema *s, bool *first)
{
    size_t n = s->prop_count;
    strmap taken = {0};
    for (size_t i = 0; i < n; i++) {
        property *p = &s->props[i];
        p->c_stem = names_snake(c->a, p->name);
        p->c_name = names_escape_member(c->a, p->c_stem);
        schema *e = effective(p->schema);
        bool array = e && e->type == TYPE_ARRAY;
        bool pointer = e && !array &&
                       (e->type == TYPE_STRING && e->enum_count == 0
                            ? true
                            : e->type == TYPE_ANY || (e->type == TYPE_OBJECT && e->free_form));
        const char *mine[4];
        size_t k = 0;
        mine[k++] = p->c_name;
        if (!p->required && !pointer && !(e && e->enum_count && e->type == TYPE_STRING))
            mine[k++] = names_join(c->a, "has", p->c_stem);
        if (array)
            mine[k++] = arena_printf(c->a, "%s_count", p->c_stem);
        if (e && e->nullable)
            mine[k++] = arena_printf(c->a, "%s_is_null", p->c_stem);
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
            error_at(c, p->at, "property '%s' needs C member '%s', which is already taken", p->name,
                     mine[j]);
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
    claim(c, arena_printf(c->a, "%s_UNSET", upper), at, "this enum");
    claim(c, arena_printf(c->a, "%s_values", s->c_name), at, "this enum");
    claim(c, arena_printf(c->a, "%s_enum", s->c_name), at, "this enum");
    s->enum_consts =
        arena_alloc(c->a, (s->enum_count ? s->enum_count : 1) * sizeof *s->enum_consts);
    for (size_t i = 0; i < s->enum_count; i++) {
        s->enum_consts[i] =
            names_escape(c->a, names_join(c->a, upper, names_upper(c->a, s->enum_values[i])));
        claim(c, s->enum_consts[i], s->enum_at[i], "this enum value");
    }
    push_enum(c, s);
}

/* Names the models and enums under s (name_hint names s itself when it needs a name)
 * and appends them to api.models / api.enums, nested ones first. */
static void visit(checker *c, schema *s, const char *name_hint, const node *at)
{
    schema *e = effective(s);
    if (e == NULL)
        return;
    if (e->named && s != e)
        name_hint = names_join(c->a, c->api->prefix, names_snake(c->a, e->named));
    /* name_hint stays unescaped: nested names are built from it and are never reserved. */
    if (e->pattern && e->pattern_index < 0)
        e->pattern_index = intern_pattern(c, e);
    if (e->type == TYPE_STRING && e->enum_count) {
        visit_enum(c, e, name_hint, e->at);
        return;
    }
    if (e->type == TYPE_ARRAY) {
        if (e->items) {
            schema *item = effective(e->items);
            if (item && item->type == TYPE_ARRAY)
                error_at(c, e->items->at, "arrays of arrays are not supported yet");
            else if (item && item->nullable)
                error_at(c, e->items->at, "nullable array items are not supported yet");
            else
                visit(c, e->items, arena_printf(c->a, "%s_item", name_hint), at);
        }
        return;
    }
    if (e->type != TYPE_OBJECT || e->free_form)
        return;
    if (e->visit == 2)
        return;
    if (e->visit == 1) {
        error_at(c, s->at, "schema '%s' contains itself; recursive schemas are not supported",
                 e->named ? e->named : name_hint);
        return;
    }
    e->visit = 1;
    e->c_name = MODEL_TYPE(c, name_hint);
    const node *where = e->named ? e->at : at;
    bool claimed = claim(c, e->c_name, where, "this schema");
    for (size_t i = 0; i < sizeof MODEL_FUNCS / sizeof *MODEL_FUNCS && claimed; i++)
        claimed =
            claim(c, arena_printf(c->a, "%s%s", e->c_name, MODEL_FUNCS[i]), where, "this schema");
    bool *first = arena_alloc(c->a, (e->prop_count ? e->prop_count : 1) * sizeof *first);
    name_members(c, e, first);
    /* Each member's rules table; a clash already reported (of the model or of two members)
     * is not reported again through it. */
    for (size_t i = 0; i < e->prop_count && claimed; i++)
        if (first[i])
            claim(c, names_join(c->a, names_join(c->a, e->c_name, e->props[i].c_stem), "rules"),
                  e->props[i].at, "this property");
    for (size_t i = 0; i < e->prop_count; i++) {
        property *p = &e->props[i];
        visit(c, p->schema, names_join(c->a, name_hint, p->c_stem), p->at);
    }
    e->visit = 2;
    push_model(c, e);
}

/* A top-level body or parameter group must be an object with properties. */
static void visit_top(checker *c, schema *s, const char *name, const node *at, const char *what)
{
    schema *e = effective(s);
    if (e == NULL)
        return;
    if (e->type != TYPE_OBJECT || e->free_form) {
        error_at(c, s->at,
                 "%s must be an object schema with properties (a %s%s body is not supported yet)",
                 what, e->free_form ? "free-form " : "", schema_type_name(e->type));
        return;
    }
    visit(c, s, name, at);
}

static void name_everything(checker *c)
{
    spec_api *a = c->api;
    static const char *const api_names[] = {"operations", "operation_count", "cleanup", "patterns"};
    for (size_t i = 0; i < sizeof api_names / sizeof *api_names; i++)
        claim(c, arena_printf(c->a, "%s_%s", a->prefix, api_names[i]), NULL, "the API");
    claim(c, arena_printf(c->a, "%s_BASE_URL", a->upper), NULL, "the API");
    claim(c, arena_printf(c->a, "%s_H", a->upper), NULL, "the API");
    for (size_t i = 0; i < a->op_count; i++)
        claim(c, arena_printf(c->a, "%s_%s_responses", a->prefix, a->ops[i].c_name), a->ops[i].at,
              "this operation");
    for (size_t i = 0; i < a->schema_count; i++) {
        named_schema *ns = &a->schemas[i];
        schema *e = effective(ns->schema);
        if (e)
            visit(c, ns->schema, names_join(c->a, a->prefix, names_snake(c->a, ns->name)), ns->at);
    }
    for (size_t i = 0; i < a->op_count; i++) {
        operation *op = &a->ops[i];
        const char *base = arena_printf(c->a, "%s_%s", a->prefix, op->c_name);
        if (op->path_params)
            visit_top(c, op->path_params, arena_printf(c->a, "%s_path_params", base), op->at,
                      "parameters.path");
        if (op->query_params)
            visit_top(c, op->query_params, arena_printf(c->a, "%s_query_params", base), op->at,
                      "parameters.query");
        if (op->header_params)
            visit_top(c, op->header_params, arena_printf(c->a, "%s_header_params", base), op->at,
                      "parameters.header");
        if (op->request)
            visit_top(c, op->request, arena_printf(c->a, "%s_request", base), op->at,
                      "the request body");
        for (size_t j = 0; j < op->response_count; j++) {
            response *r = &op->responses[j];
            if (r->schema)
                visit_top(c, r->schema, arena_printf(c->a, "%s_response_%s", base, r->status),
                          r->at, "a response body");
        }
    }
    escape_type_members(c);
}

/* Parameter values travel in URLs and headers: scalars only. */
static void check_param_types(checker *c, const schema *group)
{
    for (size_t i = 0; group && i < group->prop_count; i++) {
        schema *e = effective(group->props[i].schema);
        if (e && (e->type == TYPE_OBJECT || e->type == TYPE_ARRAY || e->type == TYPE_ANY))
            error_at(c, group->props[i].at,
                     "parameter '%s' must be a string, integer, number "
                     "or boolean, not %s",
                     group->props[i].name, schema_type_name(e->type));
    }
}

/* ----------------------------------------------------------------- top ---- */

static void parse_api(checker *c, const node *root)
{
    spec_api *a = c->api;
    const node *info = node_get(root, "api");
    if (info == NULL) {
        error_at(c, root, "a spec needs an 'api' section");
    } else if (expect_kind(c, info, NODE_MAPPING, "'api'")) {
        check_keys(c, info, KEYS("name", "title", "description", "base_url", "docs"), "'api'");
        a->name = get_string(c, info, "name");
        a->title = get_text(c, info, "title");
        a->description = get_text(c, info, "description");
        a->base_url = get_string(c, info, "base_url");
        a->docs = get_text(c, info, "docs");
        if (a->name == NULL && node_get(info, "name") == NULL)
            error_at(c, info, "'api' needs a 'name'");
    }
    if (a->name) {
        bool ok = a->name[0] >= 'a' && a->name[0] <= 'z';
        for (const char *p = a->name; *p; p++)
            ok &= (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                  (*p == '_' && p[1] != '_' && p[1] != '\0');
        /* No "__" and no trailing '_': the prefix is followed by '_' in every C symbol, and C
         * and C++ reserve identifiers containing "__". */
        if (!ok)
            error_at(c, node_get(info, "name"),
                     "api name '%s' must match [a-z][a-z0-9]*(_[a-z0-9]+)* (it prefixes every C "
                     "symbol, and C and C++ reserve names containing '__')",
                     a->name);
        else if (strncmp(a->name, "apigen", 6) == 0)
            error_at(c, node_get(info, "name"),
                     "api name '%s' is reserved: 'apigen' prefixes the runtime's symbols", a->name);
        /* The file stem names the output folder; build systems rely on the two agreeing. */
        const char *base = strrchr(c->file->path, '/');
        base = base ? base + 1 : c->file->path;
        size_t stem = strcspn(base, ".");
        if (strlen(a->name) != stem || strncmp(base, a->name, stem) != 0)
            error_at(c, node_get(info, "name"),
                     "api name '%s' differs from the file name '%s'; name the file '%s.yaml'",
                     a->name, base, a->name);
        a->prefix = a->name;
        a->upper = names_upper(c->a, a->name);
    } else {
        a->prefix = "api";
        a->upper = "API";
    }
}

static void parse_auth(checker *c, const node *root)
{
    spec_api *a = c->api;
    const node *auth = node_get(root, "auth");
    if (auth == NULL || !expect_kind(c, auth, NODE_MAPPING, "'auth'"))
        return;
    a->auth = arena_alloc(c->a, (auth->count ? auth->count : 1) * sizeof *a->auth);
    for (size_t i = 0; i < auth->count; i++) {
        const node *s = auth->pairs[i].value;
        auth_scheme *as = &a->auth[a->auth_count++];
        as->name = auth->pairs[i].key->text;
        if (!expect_kind(c, s, NODE_MAPPING, "an auth scheme"))
            continue;
        check_keys(c, s, KEYS("type", "header", "description"), "an auth scheme");
        as->type = get_string(c, s, "type");
        as->header = get_string(c, s, "header");
        as->description = get_text(c, s, "description");
        if (as->header == NULL)
            as->header = "Authorization";
        if (as->type == NULL)
            error_at(c, auth->pairs[i].key, "auth scheme '%s' needs a 'type'", as->name);
        else if (strcmp(as->type, "bearer") != 0 && strcmp(as->type, "api_key") != 0)
            error_at(c, node_get(s, "type"), "unknown auth type '%s' (bearer or api_key)",
                     as->type);
    }
}

int spec_check(arena *a, const spec_file *file, spec_api *out, diag *d)
{
    memset(out, 0, sizeof *out);
    out->file = file;
    checker c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.d = d;
    c.file = file;
    c.api = out;
    int before = d->errors;
    const node *root = file->root;
    if (root == NULL)
        return 1;
    if (!expect_kind(&c, root, NODE_MAPPING, "a spec"))
        return 1;
    check_keys(&c, root, KEYS("apigen", "api", "auth", "schemas", "operations"), "the spec");

    const node *version = node_get(root, "apigen");
    int64_t v;
    if (version == NULL)
        error_at(&c, root, "a spec starts with 'apigen: 1' (the format version)");
    else if (scalar_int(&c, version, "'apigen'", &v) && v != 1)
        error_at(&c, version, "unsupported spec format version %lld (this apigen reads 1)",
                 (long long)v);
    parse_api(&c, root);
    parse_auth(&c, root);

    const node *schemas = node_get(root, "schemas");
    if (schemas && expect_kind(&c, schemas, NODE_MAPPING, "'schemas'")) {
        out->schemas = arena_alloc(a, (schemas->count ? schemas->count : 1) * sizeof *out->schemas);
        out->schema_count = schemas->count;
        for (size_t i = 0; i < schemas->count; i++) {
            named_schema *ns = &out->schemas[i];
            ns->name = schemas->pairs[i].key->text;
            ns->at = schemas->pairs[i].key;
            ns->schema = parse_schema(&c, schemas->pairs[i].value, "a named schema");
            ns->schema->named = ns->name;
            strmap_put(&c.schemas, ns->name, ns)->value = ns; /* the last of a name wins */
        }
    }

    const node *ops = node_get(root, "operations");
    if (ops == NULL) {
        error_at(&c, root, "a spec needs 'operations'");
    } else if (expect_kind(&c, ops, NODE_MAPPING, "'operations'")) {
        if (ops->count == 0)
            error_at(&c, ops, "a spec needs at least one operation");
        out->ops = arena_alloc(a, (ops->count ? ops->count : 1) * sizeof *out->ops);
        out->op_count = ops->count;
        for (size_t i = 0; i < ops->count; i++)
            parse_operation(&c, &out->ops[i], ops->pairs[i].key, ops->pairs[i].value);
    }

    for (size_t i = 0; i < out->schema_count; i++)
        resolve_refs(&c, out->schemas[i].schema);
    check_ref_cycles(&c);
    for (size_t i = 0; i < out->op_count; i++) {
        operation *op = &out->ops[i];
        resolve_refs(&c, op->path_params);
        resolve_refs(&c, op->query_params);
        resolve_refs(&c, op->header_params);
        resolve_refs(&c, op->request);
        for (size_t j = 0; j < op->response_count; j++)
            resolve_refs(&c, op->responses[j].schema);
        check_param_types(&c, op->path_params);
        check_param_types(&c, op->query_params);
        check_param_types(&c, op->header_params);
    }
    if (d->errors == before)
        name_everything(&c);
    strmap_free(&c.idents);
    strmap_free(&c.schemas);
    strmap_free(&c.patterns);
    if (d->errors == before)
        examples_check(out, d); /* last: needs the whole model */
    return d->errors == before ? 0 : 1;
}
