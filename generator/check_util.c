/* check_util.c: the checker's shared tools (check_util.h): the string hash map, diagnostics at
 * a node with "did you mean", and the typed readers of spec values. Knows nothing of the
 * apigen format's sections: the front ends (check_api.c) name the keys they read. */
#include "check_util.h"

#include "json_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

const void *strmap_get(const strmap *m, const char *key)
{
    strmap_slot *slot = strmap_find(m, key, hash_str(key));
    return slot && slot->key ? slot->value : NULL;
}

strmap_slot *strmap_put(strmap *m, const char *key, const void *value)
{
    if (m->count * 2 >= m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        strmap_slot *t = calloc(cap, sizeof *t);
        if (t == NULL) {
            diag_out_of_memory();
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

void strmap_free(strmap *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------ reporting ---- */

void error_at(checker *c, const node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_verror(c->d, c->file->path, n ? n->line : 0, n ? n->col : 0, fmt, ap);
    va_end(ap);
}

void remark_at(checker *c, const node *n, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    diag_remark(c->d, c->file->path, n ? n->line : 0, n ? n->col : 0, "%s", text);
}

void note_at(checker *c, const node *n, const char *fmt, const char *arg)
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

/* The candidate closest to word, if close enough to be a likely typo; else the one candidate
 * that word of 3 or more characters abbreviates ("int" -> "integer", "desc" -> "description"). */
const char *closest(const char *word, const char *const *candidates, size_t count)
{
    const char *best = NULL, *longer = NULL;
    size_t best_d = 99, len = strlen(word), longer_count = 0;
    size_t limit = len < 4 ? 1 : len / 3 + 1;
    for (size_t i = 0; i < count; i++) {
        size_t dist = edit_distance(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
        if (len >= 3 && strncmp(candidates[i], word, len) == 0 && candidates[i][len] != '\0') {
            longer = candidates[i];
            longer_count++;
        }
    }
    if (best_d <= limit)
        return best;
    return longer_count == 1 ? longer : NULL;
}

/* ------------------------------------------------------- reading values ---- */

bool is_string(const node *n)
{
    return n->kind == NODE_SCALAR && n->type == SCALAR_STRING;
}

/* The text of a string-valued key, or NULL (reported) when it is of another kind.
 * Plain scalars YAML would read as numbers or booleans are errors: quote them. */
const char *get_string(checker *c, const node *m, const char *key)
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
const char *get_text(checker *c, const node *m, const char *key)
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

bool get_bool(checker *c, const node *m, const char *key, bool fallback)
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
const node *integral(checker *c, const node *n)
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
bool scalar_int(checker *c, const node *n, const char *what, int64_t *out)
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

int64_t get_count(checker *c, const node *m, const char *key)
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

bound get_bound(checker *c, const node *m, const char *key)
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
    b.literal = json_number_literal(c->a, v, b.d);
    return b;
}

bool expect_kind(checker *c, const node *n, node_kind kind, const char *what)
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
void check_keys(checker *c, const node *m, const char *const *allowed, size_t count,
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

const node *node_without(checker *c, const node *m, const char *const *keys, size_t n)
{
    bool any = false;
    for (size_t k = 0; k < n && !any; k++)
        any = node_get(m, keys[k]) != NULL;
    if (!any)
        return m;
    node *copy = arena_alloc(c->a, sizeof *copy);
    *copy = *m;
    copy->pairs = arena_alloc(c->a, (m->count ? m->count : 1) * sizeof *copy->pairs);
    copy->count = 0;
    for (size_t i = 0; i < m->count; i++) {
        bool drop = false;
        for (size_t k = 0; k < n && !drop; k++)
            drop = strcmp(m->pairs[i].key->text, keys[k]) == 0;
        if (!drop)
            copy->pairs[copy->count++] = m->pairs[i];
    }
    return copy;
}

/* Whether name is an RFC 9110 token (section 5.6.2), what a header field name must be. */
bool is_token(const char *name)
{
    if (*name == '\0')
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("!#$%&'*+-.^_`|~", *p) != NULL))
            return false;
    return true;
}
