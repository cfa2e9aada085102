/* apigen_rt_check.c: the rules of each value. The per-type rules (length, bounds, enum, const,
 * format, pattern), uniqueItems (hash, sort, exact equality), and apigen_model_validate over a
 * whole struct. Numbers are compared and hashed by exact value in apigen_rt_number.c. */

#include "apigen_rt_internal.h"

/* ----------------------------------------------------------------- checks ---- */
/* One function per kind of value; validate walks the struct with them, and apigen_model_parse
 * calls them on each value as soon as it has read it. */

static void check_model(ctx *c, const apigen_model *m, const void *base, const seg *at);

/* Rules of a string s[0..len) already known to be valid UTF-8. */
void apigen_i_check_string(ctx *c, const apigen_rules *r, const char *s, size_t len, const seg *at)
{
    /* A code point takes 1 to 4 bytes: count only when the byte length does not decide. */
    bool min_open = (r->bounds & APIGEN_B_MIN_LENGTH) && (int64_t)(len / 4) < r->min_length;
    bool max_open = (r->bounds & APIGEN_B_MAX_LENGTH) && (int64_t)len > r->max_length;
    if (min_open || max_open) {
        size_t length = apigen_utf8_length(s, len);
        if ((r->bounds & APIGEN_B_MIN_LENGTH) && (int64_t)length < r->min_length)
            apigen_i_report(c, at, APIGEN_E_MIN_LENGTH,
                            "%zu characters, fewer than minLength %" PRId64, length, r->min_length);
        if ((r->bounds & APIGEN_B_MAX_LENGTH) && (int64_t)length > r->max_length)
            apigen_i_report(c, at, APIGEN_E_MAX_LENGTH,
                            "%zu characters, more than maxLength %" PRId64, length, r->max_length);
    }
    if (r->pattern != NULL) {
        int rc = apigen_i_pattern_exec(r->pattern, s, len, c->mt);
        if (rc == 0)
            apigen_i_report(c, at, APIGEN_E_PATTERN, "does not match %s",
                            apigen_i_pattern_text(r->pattern));
        else if (rc == -1)
            apigen_i_report(c, at, APIGEN_E_PATTERN_COMPILE, "cannot compile %s",
                            apigen_i_pattern_text(r->pattern));
        else if (rc == -2)
            apigen_i_report_oom(c, at);
        else if (rc == -3)
            apigen_i_report(c, at, APIGEN_E_PATTERN_LIMIT,
                            "matching %s took more work than allowed",
                            apigen_i_pattern_text(r->pattern));
    }
    if (r->format != APIGEN_FORMAT_NONE && !apigen_i_format_check(r->format, s, len))
        apigen_i_report(c, at, APIGEN_E_FORMAT, "not a valid %s", apigen_format_name(r->format));
    if ((r->bounds & APIGEN_B_CONST) && r->const_string && strcmp(s, r->const_string) != 0)
        apigen_i_report_const(c, at, r->const_string);
}

void apigen_i_check_bool(ctx *c, const apigen_rules *r, bool v, const seg *at)
{
    if (r && (r->bounds & APIGEN_B_CONST) && v != r->const_bool)
        apigen_i_report(c, at, APIGEN_E_CONST, "must be %s", r->const_bool ? "true" : "false");
}

/* The divisor of multipleOf as a JSON number: the literal, else (tables written by hand) the
 * double multiple_of at its shortest; NULL when it is not above 0. */
static const char *multiple_text(const apigen_rules *r, char buf[32])
{
    if (r->multiple_of_literal != NULL)
        return r->multiple_of_literal;
    if (!(r->multiple_of > 0) || !isfinite(r->multiple_of))
        return NULL;
    apigen_i_format_double(r->multiple_of, buf);
    return buf;
}

/* Whether the number text s (NUL-terminated) is a multiple of r's divisor, exactly. */
static bool text_multiple(const char *s, const apigen_rules *r)
{
    char buf[32];
    const char *m = multiple_text(r, buf);
    num_token t;
    size_t k = 0;
    return m != NULL && apigen_i_scan_num(s, strlen(s), &k, &t) &&
           apigen_i_number_multiple_of(s, &t, m);
}

/* multipleOf of an integer: exactly by the integer divisor, else on the digits of both. */
static void check_int_multiple(ctx *c, const apigen_rules *r, int64_t v, const seg *at)
{
    char digits[24], buf[32];
    if (r->multiple_of_int > 0 ? v % r->multiple_of_int == 0
                               : text_multiple(apigen_i_int_text(v, digits), r))
        return;
    const char *m = multiple_text(r, buf);
    apigen_i_report(c, at, APIGEN_E_MULTIPLE_OF, "%" PRId64 " is not a multiple of %.40s", v,
                    r->multiple_of_int > 0 ? apigen_i_int_text(r->multiple_of_int, digits)
                    : m != NULL            ? m
                                           : "(no divisor above 0)");
}

void apigen_i_check_int64(ctx *c, const apigen_rules *r, int64_t v, const seg *at)
{
    if (r == NULL)
        return;
    unsigned b = r->bounds;
    if ((b & APIGEN_B_MINIMUM) && v < r->minimum_int)
        apigen_i_report(c, at, APIGEN_E_MINIMUM, "%" PRId64 " is below minimum %" PRId64, v,
                        r->minimum_int);
    if ((b & APIGEN_B_MAXIMUM) && v > r->maximum_int)
        apigen_i_report(c, at, APIGEN_E_MAXIMUM, "%" PRId64 " is above maximum %" PRId64, v,
                        r->maximum_int);
    if ((b & APIGEN_B_EXCLUSIVE_MINIMUM) && v <= r->minimum_int)
        apigen_i_report(c, at, APIGEN_E_EXCLUSIVE_MINIMUM, "%" PRId64 " is not above %" PRId64, v,
                        r->minimum_int);
    if ((b & APIGEN_B_EXCLUSIVE_MAXIMUM) && v >= r->maximum_int)
        apigen_i_report(c, at, APIGEN_E_EXCLUSIVE_MAXIMUM, "%" PRId64 " is not below %" PRId64, v,
                        r->maximum_int);
    if ((b & APIGEN_B_CONST) && v != r->const_int)
        apigen_i_report(c, at, APIGEN_E_CONST, "must be %" PRId64, r->const_int);
    if (b & APIGEN_B_MULTIPLE_OF)
        check_int_multiple(c, r, v, at);
}

/* Reports a number rule broken: the value as written (or the double at its shortest), then the
 * bound as the spec wrote it (or its double). Long numbers are cut. */
static void report_number(ctx *c, const seg *at, apigen_code code, const char *what,
                          const number_value *x, const char *literal, double bound)
{
    char a[48], b[48];
    if (x->s != NULL) {
        size_t n = x->t->end - x->t->start;
        snprintf(a, sizeof a, "%.*s%s", n > 40 ? 40 : (int)n, x->s + x->t->start,
                 n > 40 ? "..." : "");
    } else {
        apigen_i_format_double(x->v, a);
    }
    if (literal != NULL)
        snprintf(b, sizeof b, "%.40s%s", literal, strlen(literal) > 40 ? "..." : "");
    else
        apigen_i_format_double(bound, b);
    apigen_i_report(c, at, code, "%s %s %s", a, what, b);
}

/* -1, 0, 1 as the number x is below, equal to, above the bound: exactly against its literal;
 * without one (tables written by hand), as doubles. */
static int bound_cmp(const number_value *x, const char *literal, double bound)
{
    if (literal == NULL)
        return x->v < bound ? -1 : x->v > bound ? 1 : 0;
    return apigen_i_number_cmp(x->s, x->t, x->v, literal, NULL, bound);
}

/* multipleOf of a number, exactly: the document's digits (parse), or the struct's double by the
 * text apigen_model_print writes for it, the shortest that reads back as the same double
 * (validate), so that what validate accepts is what the receiver reads. */
static bool number_multiple(const number_value *x, const apigen_rules *r)
{
    char buf[32], text[32];
    const char *m = multiple_text(r, buf);
    if (m == NULL)
        return false;
    if (x->s != NULL)
        return apigen_i_number_multiple_of(x->s, x->t, m);
    apigen_i_format_double(x->v, text);
    return text_multiple(text, r);
}

void apigen_i_check_double(ctx *c, const apigen_rules *r, const number_value *x, const seg *at)
{
    if (!isfinite(x->v)) {
        apigen_i_report(c, at, APIGEN_E_TYPE, "not a finite number");
        return;
    }
    if (r == NULL)
        return;
    unsigned b = r->bounds;
    int lo = b & (APIGEN_B_MINIMUM | APIGEN_B_EXCLUSIVE_MINIMUM)
                 ? bound_cmp(x, r->minimum_literal, r->minimum)
                 : 1;
    int hi = b & (APIGEN_B_MAXIMUM | APIGEN_B_EXCLUSIVE_MAXIMUM)
                 ? bound_cmp(x, r->maximum_literal, r->maximum)
                 : -1;
    if ((b & APIGEN_B_MINIMUM) && lo < 0)
        report_number(c, at, APIGEN_E_MINIMUM, "is below minimum", x, r->minimum_literal,
                      r->minimum);
    if ((b & APIGEN_B_MAXIMUM) && hi > 0)
        report_number(c, at, APIGEN_E_MAXIMUM, "is above maximum", x, r->maximum_literal,
                      r->maximum);
    if ((b & APIGEN_B_EXCLUSIVE_MINIMUM) && lo <= 0)
        report_number(c, at, APIGEN_E_EXCLUSIVE_MINIMUM, "is not above", x, r->minimum_literal,
                      r->minimum);
    if ((b & APIGEN_B_EXCLUSIVE_MAXIMUM) && hi >= 0)
        report_number(c, at, APIGEN_E_EXCLUSIVE_MAXIMUM, "is not below", x, r->maximum_literal,
                      r->maximum);
    if ((b & APIGEN_B_CONST) && bound_cmp(x, r->const_literal, r->const_double) != 0)
        report_number(c, at, APIGEN_E_CONST, "is not the const", x, r->const_literal,
                      r->const_double);
    if ((b & APIGEN_B_MULTIPLE_OF) && !number_multiple(x, r))
        report_number(c, at, APIGEN_E_MULTIPLE_OF, "is not a multiple of", x,
                      r->multiple_of_literal, r->multiple_of);
}

/* An open enum's other value (value count + 1): its text is there, UTF-8, and listed nowhere,
 * so that it prints as what it was read from. */
static void check_other(ctx *c, const apigen_field *f, const apigen_open_enum *v, const seg *at)
{
    const apigen_enum *e = f->enumeration;
    const char *s = v->other;
    if (s == NULL || !apigen_i_utf8_scan(s, strlen(s), NULL)) {
        apigen_i_report(c, at, APIGEN_E_ENUM, "the other value of %s has no %s", e->name,
                        s == NULL ? "text" : "valid UTF-8 text");
        return;
    }
    for (size_t i = 0; i < e->count; i++)
        if (strcmp(e->values[i], s) == 0)
            apigen_i_report(c, at, APIGEN_E_ENUM, "the other value of %s is a listed one", e->name);
    const apigen_rules *r = f->rules;
    if (e->integer) /* digits the runtime read or the caller wrote: checked as an integer */
        apigen_i_check_int64(c, r, strtoll(s, NULL, 10), at);
    else if (r && (r->bounds & APIGEN_B_CONST) && r->const_string &&
             strcmp(s, r->const_string) != 0)
        apigen_i_report_const(c, at, r->const_string);
}

void apigen_i_check_enum(ctx *c, const apigen_field *f, int v, const seg *at)
{
    const apigen_enum *e = f->enumeration;
    const apigen_rules *r = f->rules;
    if (f->kind == APIGEN_KIND_OPEN_ENUM && (size_t)v == e->count + 1) {
        if (r && (r->bounds & APIGEN_B_CONST)) /* the const is a listed value */
            apigen_i_report(c, at, APIGEN_E_CONST, "an unlisted value of %s is not the const",
                            e->name);
        return;
    }
    if (v < 1 || (size_t)v > e->count) {
        apigen_i_report(c, at, APIGEN_E_ENUM, "%d is not a value of %s", v, e->name);
        return;
    }
    if (e->integer) {
        apigen_i_check_int64(c, r, strtoll(e->values[v - 1], NULL, 10), at);
        return;
    }
    if (r && (r->bounds & APIGEN_B_CONST) && r->const_string &&
        strcmp(e->values[v - 1], r->const_string) != 0)
        apigen_i_report_const(c, at, r->const_string);
}

/* Reports every number in a caller's tree that is not finite (NaN, +-Infinity: JSON has no
 * such number, RFC 8259 section 6, so the value could not be printed), at its own path. */
static void check_finite(ctx *c, const cJSON *j, const seg *at)
{
    bool object = json_type(j) == cJSON_Object;
    size_t i = 0;
    for (const cJSON *child = j->child; child != NULL; child = child->next, i++) {
        seg s = {at,
                 !object         ? NULL
                 : c->secret     ? apigen_i_hidden_key
                 : child->string ? child->string
                                 : "",
                 i};
        check_finite(c, child, &s);
    }
    if (json_type(j) == cJSON_Number && !isfinite(j->valuedouble))
        apigen_i_report(c, at, APIGEN_E_TYPE, "not a finite number");
}

/* The rules of f that apply to one value (all but the *_items ones), nested objects included. */
static void check_value(ctx *c, const apigen_field *f, const void *slot, const seg *at)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        apigen_i_check_bool(c, f->rules, *(const bool *)slot, at);
        break;
    case APIGEN_KIND_INT64:
        apigen_i_check_int64(c, f->rules, *(const int64_t *)slot, at);
        break;
    case APIGEN_KIND_INT32:
        apigen_i_check_int64(c, f->rules, *(const int32_t *)slot, at);
        break;
    case APIGEN_KIND_DOUBLE: {
        number_value x = {NULL, NULL, *(const double *)slot};
        apigen_i_check_double(c, f->rules, &x, at);
        break;
    }
    case APIGEN_KIND_STRING: {
        const char *s = *(char *const *)slot;
        size_t len = s ? strlen(s) : 0;
        if (s == NULL)
            apigen_i_report(c, at, APIGEN_E_TYPE, "expected string, got NULL");
        else if (!apigen_i_utf8_scan(s, len, NULL))
            apigen_i_report(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
        else if (f->rules != NULL)
            apigen_i_check_string(c, f->rules, s, len, at);
        break;
    }
    case APIGEN_KIND_ENUM:
        apigen_i_check_enum(c, f, *(const int *)slot, at);
        break;
    case APIGEN_KIND_OPEN_ENUM: {
        const apigen_open_enum *v = slot;
        if ((size_t)v->value == f->enumeration->count + 1)
            check_other(c, f, v, at);
        else
            apigen_i_check_enum(c, f, v->value, at);
        break;
    }
    case APIGEN_KIND_OBJECT:
        check_model(c, f->model, slot, at);
        break;
    case APIGEN_KIND_FREEFORM: {
        const cJSON *j = *(cJSON *const *)slot;
        if (json_type(j) != cJSON_Object) {
            apigen_i_report(c, at, APIGEN_E_TYPE, "expected object, got %s",
                            apigen_i_json_type_name(j));
        } else {
            check_finite(c, j, at);
            apigen_i_check_json_object(c, f->rules, j, at);
        }
        break;
    }
    case APIGEN_KIND_ANY: {
        const cJSON *j = *(cJSON *const *)slot;
        if (j != NULL)
            check_finite(c, j, at);
        break;
    }
    case APIGEN_KIND_UNION:
        apigen_i_check_union(c, f->union_, slot, at);
        break;
    case APIGEN_KIND_FILE: /* any bytes; a present file has content */
        if (((const apigen_file *)slot)->content.data == NULL)
            apigen_i_report(c, at, APIGEN_E_TYPE, "expected file content, got NULL");
        break;
    }
}

void apigen_i_check_value(ctx *c, const apigen_field *f, const void *slot, const seg *at)
{
    check_value(c, f, slot, at);
}

/* ------------------------------------------------------------------ uniqueItems */
/* Items are hashed (equal values, equal hashes), then sorted by hash and, within a run of equal
 * hashes, by a total order on values (unique_cmp), so that equal items are neighbours: O(n log n)
 * comparisons whatever the hashes, crafted collisions included. Numbers hash by their exact
 * value (sign, significant digits, exponent: 1, 1.0, 1e0 and 10e-1 alike), not by the nearest
 * double, so exactly distinct numbers rarely collide (apigen_i_number_hash). */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a, then mixed */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
    return mix(h ^ n);
}

static uint64_t json_hash(const cJSON *j)
{
    int type = json_type(j);
    uint64_t h = mix((uint64_t)type);
    switch (type) {
    case cJSON_Number:
        return apigen_i_json_number_hash(j);
    case cJSON_String:
    case cJSON_Raw:
        return j->valuestring ? hash_bytes(j->valuestring, strlen(j->valuestring)) : h;
    case cJSON_Array:
        for (const cJSON *x = j->child; x != NULL; x = x->next)
            h = mix(h + json_hash(x));
        return h;
    case cJSON_Object: /* a sum: the order of members does not count */
        for (const cJSON *x = j->child; x != NULL; x = x->next)
            h += mix(hash_bytes(x->string ? x->string : "", x->string ? strlen(x->string) : 0) ^
                     json_hash(x));
        return h;
    default:
        return h;
    }
}

static uint64_t model_hash(const apigen_model *m, const void *base);
static uint64_t array_hash(const apigen_field *f, const void *base);

static uint64_t value_hash(const apigen_field *f, const void *slot)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return mix(*(const bool *)slot);
    case APIGEN_KIND_INT64:
        return mix((uint64_t) * (const int64_t *)slot);
    case APIGEN_KIND_INT32:
        return mix((uint64_t)(int64_t) * (const int32_t *)slot);
    case APIGEN_KIND_DOUBLE:
        return hash_double(*(const double *)slot);
    case APIGEN_KIND_ENUM:
        return mix((uint64_t)(unsigned)*(const int *)slot);
    case APIGEN_KIND_OPEN_ENUM: {
        const apigen_open_enum *x = slot;
        return mix((uint64_t)(unsigned)x->value) ^
               (x->other ? hash_bytes(x->other, strlen(x->other)) : 0);
    }
    case APIGEN_KIND_STRING: {
        const char *x = *(char *const *)slot;
        return x ? hash_bytes(x, strlen(x)) : 0;
    }
    case APIGEN_KIND_OBJECT:
        return model_hash(f->model, slot);
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY: {
        const cJSON *x = *(cJSON *const *)slot;
        return x ? json_hash(x) : 0;
    }
    case APIGEN_KIND_UNION: {
        const apigen_field *alt = union_held(f->union_, slot);
        return mix((uint64_t)(unsigned)union_tag(f->union_, slot) +
                   (alt == NULL                     ? 0
                    : (alt->flags & APIGEN_F_ARRAY) ? array_hash(alt, slot)
                                                    : value_hash(alt, cmember(slot, alt->offset))));
    }
    case APIGEN_KIND_FILE: {
        const apigen_bytes *x = &((const apigen_file *)slot)->content;
        return x->data ? hash_bytes(x->data, x->len) : 0;
    }
    }
    return 0;
}

/* The entries of a map in order (apigen_rt.h: a known limit of uniqueItems). */
static uint64_t map_hash(const apigen_field *f, const void *base)
{
    size_t n;
    const char *entries = apigen_i_array_items(f, base, &n);
    uint64_t h = mix(n);
    for (size_t i = 0; i < n; i++) {
        const char *entry = entries + i * f->entry_size, *key = *(char *const *)entry;
        h = mix(h + (key ? hash_bytes(key, strlen(key)) : 0));
        h = mix(h + value_hash(f, entry + f->value_offset));
    }
    return h;
}

/* The items of array field f of base, in order. */
static uint64_t array_hash(const apigen_field *f, const void *base)
{
    size_t n, size = apigen_i_value_size(f);
    const char *items = apigen_i_array_items(f, base, &n);
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = mix(h + value_hash(f, items + i * size));
    return h;
}

static uint64_t model_hash(const apigen_model *m, const void *base)
{
    uint64_t h = m->additional != NULL ? map_hash(m->additional, base) : 0;
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        presence p = apigen_i_field_presence(f, base);
        h = mix(h + (uint64_t)p);
        if (p != P_VALUE)
            continue;
        if (f->flags & APIGEN_F_MAP) {
            h = mix(h + map_hash(f, base));
        } else if (f->flags & APIGEN_F_ARRAY) {
            h = mix(h + array_hash(f, base));
        } else {
            h = mix(h + value_hash(f, cmember(base, f->offset)));
        }
    }
    return h;
}

#define ORDER(a, b) ((a) < (b) ? -1 : (a) > (b))

/* A total order on JSON values, 0 exactly when they are equal as JSON Schema defines it: by type,
 * then numbers by exact value, strings by bytes, arrays item by item, objects by member count and
 * then their members sorted by name (name, then value). *nomem is set when a member list could not
 * be sorted (the order is then arbitrary, and the caller reports running out of memory). */
static int json_order(const cJSON *a, const cJSON *b, bool *nomem);

static int member_name_order(const void *pa, const void *pb)
{
    const cJSON *a = *(const cJSON *const *)pa, *b = *(const cJSON *const *)pb;
    return strcmp(a->string ? a->string : "", b->string ? b->string : "");
}

/* Objects a and b of n members each. (Out of line: its buffers stay out of the recursion.) */
APIGEN_NOINLINE
static int object_order(const cJSON *a, const cJSON *b, size_t n, bool *nomem)
{
    const cJSON *small[2 * 16];
    const cJSON **m = n <= 16                         ? small
                      : n <= SIZE_MAX / 2 / sizeof *m ? apigen_i_alloc(2 * n * sizeof *m)
                                                      : NULL;
    if (m == NULL) {
        *nomem = true;
        return 0;
    }
    size_t i = 0;
    for (const cJSON *x = a->child; x != NULL; x = x->next)
        m[i++] = x;
    for (const cJSON *x = b->child; x != NULL; x = x->next)
        m[i++] = x;
    qsort(m, n, sizeof *m, member_name_order);
    qsort(m + n, n, sizeof *m, member_name_order);
    int order = 0;
    for (i = 0; i < n && order == 0; i++) {
        order = member_name_order(&m[i], &m[n + i]);
        if (order == 0)
            order = json_order(m[i], m[n + i], nomem);
    }
    if (m != small)
        apigen_i_free((void *)m);
    return order < 0 ? -1 : order > 0;
}

static int json_order(const cJSON *a, const cJSON *b, bool *nomem)
{
    int type = json_type(a), order = ORDER(type, json_type(b));
    if (order != 0)
        return order;
    switch (type) {
    case cJSON_Number:
        return apigen_i_json_number_cmp(a, b);
    case cJSON_String:
    case cJSON_Raw:
        order = strcmp(a->valuestring ? a->valuestring : "", b->valuestring ? b->valuestring : "");
        return ORDER(order, 0);
    case cJSON_Array: {
        const cJSON *x = a->child, *y = b->child;
        for (; x != NULL && y != NULL; x = x->next, y = y->next)
            if ((order = json_order(x, y, nomem)) != 0)
                return order;
        return ORDER(x != NULL, y != NULL);
    }
    case cJSON_Object: {
        size_t na = 0, nb = 0;
        for (const cJSON *x = a->child; x != NULL; x = x->next)
            na++;
        for (const cJSON *x = b->child; x != NULL; x = x->next)
            nb++;
        return na != nb ? ORDER(na, nb) : object_order(a, b, na, nomem);
    }
    default:
        return 0; /* null, true, false */
    }
}

static int model_order(const apigen_model *m, const void *a, const void *b, bool *nomem);
static int array_order(const apigen_field *f, const void *a, const void *b, bool *nomem);

/* A total order on values of f (single, not arrays), 0 exactly when they are equal as JSON
 * (NaN, which JSON has not, equals NaN here). */
static int value_order(const apigen_field *f, const void *a, const void *b, bool *nomem)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return ORDER(*(const bool *)a, *(const bool *)b);
    case APIGEN_KIND_INT64:
        return ORDER(*(const int64_t *)a, *(const int64_t *)b);
    case APIGEN_KIND_INT32:
        return ORDER(*(const int32_t *)a, *(const int32_t *)b);
    case APIGEN_KIND_DOUBLE: {
        double x = *(const double *)a, y = *(const double *)b;
        return isnan(x) || isnan(y) ? ORDER(isnan(x), isnan(y)) : ORDER(x, y);
    }
    case APIGEN_KIND_ENUM:
        return ORDER(*(const int *)a, *(const int *)b);
    case APIGEN_KIND_OPEN_ENUM: {
        const apigen_open_enum *x = a, *y = b;
        if (x->value != y->value || x->other == NULL || y->other == NULL)
            return x->value != y->value ? ORDER(x->value, y->value)
                                        : ORDER(x->other != NULL, y->other != NULL);
        return ORDER(strcmp(x->other, y->other), 0);
    }
    case APIGEN_KIND_STRING: {
        const char *x = *(char *const *)a, *y = *(char *const *)b;
        return x == NULL || y == NULL ? ORDER(x != NULL, y != NULL) : ORDER(strcmp(x, y), 0);
    }
    case APIGEN_KIND_OBJECT:
        return model_order(f->model, a, b, nomem);
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY: {
        const cJSON *x = *(cJSON *const *)a, *y = *(cJSON *const *)b;
        return x == NULL || y == NULL ? ORDER(x != NULL, y != NULL) : json_order(x, y, nomem);
    }
    case APIGEN_KIND_UNION: {
        const apigen_field *alt = union_held(f->union_, a);
        int order = ORDER(union_tag(f->union_, a), union_tag(f->union_, b));
        return order != 0 || alt == NULL ? order
               : (alt->flags & APIGEN_F_ARRAY)
                   ? array_order(alt, a, b, nomem)
                   : value_order(alt, cmember(a, alt->offset), cmember(b, alt->offset), nomem);
    }
    case APIGEN_KIND_FILE: {
        const apigen_bytes *x = &((const apigen_file *)a)->content;
        const apigen_bytes *y = &((const apigen_file *)b)->content;
        int order = ORDER(x->len, y->len);
        return order != 0 || x->len == 0 || !x->data || !y->data
                   ? order
                   : ORDER(memcmp(x->data, y->data, x->len), 0);
    }
    }
    return 0;
}

/* The entries of two maps in order: by count, then key and value of each. */
static int map_order(const apigen_field *f, const void *a, const void *b, bool *nomem)
{
    size_t na, nb;
    const char *ea = apigen_i_array_items(f, a, &na), *eb = apigen_i_array_items(f, b, &nb);
    int order = ORDER(na, nb);
    for (size_t i = 0; i < na && order == 0; i++) {
        const char *x = ea + i * f->entry_size, *y = eb + i * f->entry_size;
        const char *kx = *(char *const *)x, *ky = *(char *const *)y;
        order = ORDER(strcmp(kx ? kx : "", ky ? ky : ""), 0);
        if (order == 0)
            order = value_order(f, x + f->value_offset, y + f->value_offset, nomem);
    }
    return order;
}

/* The items of array field f of a and b, item by item, then by count. */
static int array_order(const apigen_field *f, const void *a, const void *b, bool *nomem)
{
    size_t na, nb, size = apigen_i_value_size(f);
    const char *ia = apigen_i_array_items(f, a, &na), *ib = apigen_i_array_items(f, b, &nb);
    int order = 0;
    for (size_t i = 0; i < na && i < nb && order == 0; i++)
        order = value_order(f, ia + i * size, ib + i * size, nomem);
    return order != 0 ? order : ORDER(na, nb);
}

static int model_order(const apigen_model *m, const void *a, const void *b, bool *nomem)
{
    if (m->additional != NULL) {
        int order = map_order(m->additional, a, b, nomem);
        if (order != 0)
            return order;
    }
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        presence pa = apigen_i_field_presence(f, a), pb = apigen_i_field_presence(f, b);
        int order = ORDER(pa, pb);
        if (order != 0 || pa != P_VALUE) {
            if (order != 0)
                return order;
            continue;
        }
        if (f->flags & APIGEN_F_MAP) {
            order = map_order(f, a, b, nomem);
        } else if (f->flags & APIGEN_F_ARRAY) {
            order = array_order(f, a, b, nomem);
        } else {
            order = value_order(f, cmember(a, f->offset), cmember(b, f->offset), nomem);
        }
        if (order != 0)
            return order;
    }
    return 0;
}

/* One item in the sort. */
typedef struct unique_entry {
    uint64_t hash;
    const void *item;   /* the item in the array */
    const num_token *t; /* a number item of apigen_model_parse: its token in the document */
    size_t index;
} unique_entry;

/* What unique_cmp needs besides the entries. */
typedef struct unique_sort {
    const apigen_field *f;
    const char *doc; /* the document the tokens point into, or NULL */
    bool nomem;
} unique_sort;

/* Order of the sort: hash, value (equal items are neighbours), index. */
static int unique_cmp(unique_sort *u, const unique_entry *a, const unique_entry *b)
{
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    int order = a->t != NULL && b->t != NULL
                    ? apigen_i_number_cmp(u->doc, a->t, *(const double *)a->item, u->doc, b->t,
                                          *(const double *)b->item)
                    : value_order(u->f, a->item, b->item, &u->nomem);
    return order != 0 ? order : ORDER(a->index, b->index);
}

/* Whether two entries hold equal values (unique_cmp but for the index). */
static bool same_value(unique_sort *u, const unique_entry *a, const unique_entry *b)
{
    unique_entry x = *a, y = *b;
    x.index = y.index = 0;
    return unique_cmp(u, &x, &y) == 0;
}

/* A merge sort of e[0..n) with unique_cmp, through tmp[0..n): qsort has no context argument
 * for unique_cmp's document and out-of-memory flag. */
static void unique_sort_entries(unique_sort *u, unique_entry *e, unique_entry *tmp, size_t n)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = mid + width < n ? mid + width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = unique_cmp(u, &e[j], &e[i]) < 0 ? e[j++] : e[i++];
            while (i < mid)
                tmp[k++] = e[i++];
            while (j < hi)
                tmp[k++] = e[j++];
        }
        memcpy(e, tmp, n * sizeof *e);
        if (width > SIZE_MAX / 2)
            break;
    }
}

/* The first duplicate pair of the array: the least i with an equal later item, and the least
 * such k. toks, when not NULL, are the document's tokens of number items (doc their text), so
 * that numbers compare exactly as written. Returns false when there is none; *nomem when
 * memory ran out. */
static bool find_duplicate(const apigen_field *f, const char *items, size_t n, const char *doc,
                           const num_token *toks, size_t *i_out, size_t *k_out, bool *nomem)
{
    size_t size = apigen_i_value_size(f);
    unique_entry *e = n <= SIZE_MAX / 2 / sizeof *e ? apigen_i_alloc(2 * n * sizeof *e) : NULL;
    if (e == NULL) {
        *nomem = true;
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const void *item = items + i * size;
        e[i].t = toks != NULL ? &toks[i] : NULL;
        e[i].hash = toks != NULL ? apigen_i_number_hash(doc, &toks[i]) : value_hash(f, item);
        e[i].item = item;
        e[i].index = i;
    }
    unique_sort u = {f, doc, false};
    unique_sort_entries(&u, e, e + n, n);
    size_t best_i = SIZE_MAX, best_k = SIZE_MAX;
    for (size_t a = 0; a + 1 < n && !u.nomem; a++) {
        /* a run of equal items starts at e[a] (its lowest index) unless e[a - 1] equals it */
        if ((a == 0 || !same_value(&u, &e[a - 1], &e[a])) && same_value(&u, &e[a], &e[a + 1]) &&
            e[a].index < best_i) {
            best_i = e[a].index;
            best_k = e[a + 1].index;
        }
    }
    apigen_i_free(e);
    *nomem = *nomem || u.nomem;
    *i_out = best_i;
    *k_out = best_k;
    return best_i != SIZE_MAX && !u.nomem;
}

/* minItems, maxItems and uniqueItems of an array field; uniqueItems only while the length is
 * within maxItems (it is already a violation, and a long array costs time). */

void apigen_i_check_items(ctx *c, const apigen_field *f, const void *base, const doc_items *d,
                          const seg *at)
{
    const apigen_rules *r = f->rules;
    if (r == NULL)
        return;
    size_t n;
    const char *items = apigen_i_array_items(f, base, &n);
    bool too_long = (r->bounds & APIGEN_B_MAX_ITEMS) && (int64_t)n > r->max_items;
    if ((r->bounds & APIGEN_B_MIN_ITEMS) && (int64_t)n < r->min_items)
        apigen_i_report(c, at, APIGEN_E_MIN_ITEMS, "%zu items, fewer than minItems %" PRId64, n,
                        r->min_items);
    if (too_long)
        apigen_i_report(c, at, APIGEN_E_MAX_ITEMS, "%zu items, more than maxItems %" PRId64, n,
                        r->max_items);
    if (!(r->bounds & APIGEN_B_UNIQUE_ITEMS) || too_long || n < 2)
        return;
    size_t i, k;
    bool nomem = false;
    apigen_field tree_field = *f; /* the document's items of an object array: any values */
    tree_field.kind = APIGEN_KIND_ANY;
    bool found =
        d != NULL && d->trees != NULL
            ? find_duplicate(&tree_field, (const char *)d->trees, n, NULL, NULL, &i, &k, &nomem)
            : find_duplicate(f, items, n, d ? d->doc : NULL, d ? d->toks : NULL, &i, &k, &nomem);
    if (found)
        apigen_i_report(c, at, APIGEN_E_UNIQUE_ITEMS, "items %zu and %zu are equal", i, k);
    else if (nomem)
        apigen_i_report_oom(c, at);
}

/* ---------------------------------------------------------------------- maps */

void apigen_i_check_json_object(ctx *c, const apigen_rules *r, const cJSON *j, const seg *at)
{
    if (r == NULL || !(r->bounds & (APIGEN_B_MIN_PROPERTIES | APIGEN_B_MAX_PROPERTIES) ||
                       r->property_names != NULL))
        return;
    size_t n = 0;
    for (const cJSON *x = j->child; x != NULL && !c->oom; x = x->next, n++) {
        const char *key = x->string ? x->string : "";
        seg s = {at, c->secret ? apigen_i_hidden_key : key, 0};
        size_t len = strlen(key);
        if (r->property_names != NULL && apigen_i_utf8_scan(key, len, NULL))
            apigen_i_check_property_name(c, r->property_names, key, len, &s);
    }
    apigen_i_check_property_count(c, r, n, at);
}

void apigen_i_check_property_count(ctx *c, const apigen_rules *r, size_t n, const seg *at)
{
    if (r == NULL)
        return;
    if ((r->bounds & APIGEN_B_MIN_PROPERTIES) && (int64_t)n < r->min_properties)
        apigen_i_report(c, at, APIGEN_E_MIN_PROPERTIES,
                        "%zu properties, fewer than minProperties %" PRId64, n, r->min_properties);
    if ((r->bounds & APIGEN_B_MAX_PROPERTIES) && (int64_t)n > r->max_properties)
        apigen_i_report(c, at, APIGEN_E_MAX_PROPERTIES,
                        "%zu properties, more than maxProperties %" PRId64, n, r->max_properties);
}

/* The string rules run as for a value, into errors of their own, then reported as one
 * propertyNames violation each: a key's path is also its value's, so the code tells them
 * apart. (Out of line: its error buffer stays out of the recursion.) */
APIGEN_NOINLINE
void apigen_i_check_property_name(ctx *c, const apigen_rules *names, const char *s, size_t len,
                                  const seg *at)
{
    if (names == NULL)
        return;
    apigen_errors found;
    ctx sub = *c;
    sub.errs = &found;
    sub.violations = 0;
    apigen_errors_init(&found);
    apigen_i_check_string(&sub, names, s, len, at);
    if (sub.oom) {
        apigen_i_report_oom(c, at);
        return;
    }
    for (size_t i = 0; i < found.count; i++)
        apigen_i_report(c, at, APIGEN_E_PROPERTY_NAMES, "property name: %s",
                        found.items[i].message);
}

/* One key of the index of a map. */
typedef struct key_entry {
    uint64_t hash;
    const char *key;
    size_t index;
} key_entry;

/* Hash, then bytes, then index: equal keys are neighbours, the first given first. */
static int key_cmp(const void *pa, const void *pb)
{
    const key_entry *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    int order = strcmp(a->key, b->key);
    return order != 0 ? order : ORDER(a->index, b->index);
}

void apigen_i_check_map_keys(ctx *c, const apigen_field *f, const void *base, const apigen_model *m,
                             const apigen_rules *names, const seg *at)
{
    size_t n;
    const char *entries = apigen_i_array_items(f, base, &n);
    key_entry *index = n >= 2 && n <= SIZE_MAX / (sizeof *index + 1)
                           ? apigen_i_alloc(n * (sizeof *index + 1))
                           : NULL;
    if (n >= 2 && index == NULL) {
        apigen_i_report_oom(c, at);
        return;
    }
    unsigned char *twice = index != NULL ? (unsigned char *)(index + n) : NULL;
    for (size_t i = 0; index != NULL && i < n; i++) {
        const char *key = *(char *const *)(entries + i * f->entry_size);
        index[i].key = key ? key : "";
        index[i].hash = hash_bytes(index[i].key, strlen(index[i].key));
        index[i].index = i;
        twice[i] = 0;
    }
    if (index != NULL) {
        qsort(index, n, sizeof *index, key_cmp);
        for (size_t i = 1; i < n; i++)
            if (index[i].hash == index[i - 1].hash && strcmp(index[i].key, index[i - 1].key) == 0)
                twice[index[i].index] = 1;
    }
    for (size_t i = 0; i < n && !c->oom; i++) {
        const char *key = *(char *const *)(entries + i * f->entry_size);
        size_t len = key ? strlen(key) : 0;
        seg s = {at, c->secret ? apigen_i_hidden_key : key ? key : "", 0};
        if ((twice != NULL && twice[i]) ||
            (m != NULL && apigen_i_find_field(m, key ? key : "", len, 0) != NOT_FOUND))
            apigen_i_report(c, &s, APIGEN_E_DUPLICATE_KEY, "property given twice");
        apigen_i_check_property_name(c, names, key ? key : "", len, &s);
    }
    apigen_i_free(index);
}

/* A map field's rules and values (m: the model of an additional-properties map). */
static void check_map(ctx *c, const apigen_field *f, const void *base, const apigen_model *m,
                      const apigen_rules *names, const seg *at)
{
    size_t n;
    const char *entries = apigen_i_array_items(f, base, &n);
    bool secret = c->secret;
    c->secret = secret || (f->flags & APIGEN_F_SENSITIVE);
    if (m == NULL)
        apigen_i_check_property_count(c, f->rules, n, at);
    apigen_i_check_map_keys(c, f, base, m, names, at);
    for (size_t i = 0; i < n && !c->oom; i++) {
        const char *entry = entries + i * f->entry_size, *key = *(char *const *)entry;
        seg s = {at, c->secret ? apigen_i_hidden_key : key ? key : "", 0};
        check_value(c, f, entry + f->value_offset, &s);
    }
    c->secret = secret;
}

/* The object rules of model m (apigen_model.rules) over the struct: its present fields and
 * its additional properties. */
static void check_object_rules(ctx *c, const apigen_model *m, const void *base, const seg *at)
{
    const apigen_rules *r = m->rules;
    size_t n = 0;
    if (m->additional != NULL)
        apigen_i_array_items(m->additional, base, &n);
    for (size_t k = 0; k < m->field_count && !c->oom; k++) {
        const apigen_field *f = &m->fields[k];
        if (apigen_i_field_presence(f, base) == P_ABSENT)
            continue;
        n++;
        seg s = {at, f->name, 0};
        if (r != NULL)
            apigen_i_check_property_name(c, r->property_names, f->name, strlen(f->name), &s);
    }
    apigen_i_check_property_count(c, r, n, at);
}

/* Array field f of base: its item rules, then each item. */
static void check_array(ctx *c, const apigen_field *f, const void *base, const seg *at)
{
    size_t n, size = apigen_i_value_size(f);
    const char *items = apigen_i_array_items(f, base, &n);
    apigen_i_check_items(c, f, base, NULL, at);
    for (size_t i = 0; i < n && !c->oom; i++) {
        seg item = {at, NULL, i};
        check_value(c, f, items + i * size, &item);
    }
}

void apigen_i_check_alternative(ctx *c, const apigen_field *alt, const void *u_slot, const seg *at)
{
    if (alt->flags & APIGEN_F_ARRAY)
        check_array(c, alt, u_slot, at);
    else
        check_value(c, alt, cmember(u_slot, alt->offset), at);
}

static void check_model(ctx *c, const apigen_model *m, const void *base, const seg *at)
{
    for (size_t k = 0; k < m->field_count && !c->oom; k++) {
        const apigen_field *f = &m->fields[k];
        seg s = {at, f->name, 0};
        const seg *fat = apigen_i_is_root(m) ? at : &s; /* a root value's path is the document's */
        presence p = apigen_i_field_presence(f, base);
        bool secret = c->secret;
        c->secret = secret || (f->flags & APIGEN_F_SENSITIVE);
        if (p == P_ABSENT) {
            if (field_required(c, f))
                apigen_i_report(c, fat, APIGEN_E_REQUIRED,
                                apigen_i_is_root(m) ? "no value" : "required property missing");
        } else if (p == P_VALUE && (f->flags & APIGEN_F_MAP)) {
            check_map(c, f, base, NULL, f->rules ? f->rules->property_names : NULL, fat);
        } else if (p == P_VALUE && (f->flags & APIGEN_F_ARRAY)) {
            check_array(c, f, base, fat);
        } else if (p == P_VALUE) {
            check_value(c, f, cmember(base, f->offset), fat);
        }
        c->secret = secret;
    }
    if (m->additional != NULL && !c->oom)
        check_map(c, m->additional, base, m, m->rules ? m->rules->property_names : NULL, at);
    if (m->rules != NULL && !c->oom)
        check_object_rules(c, m, base, at);
}

/* apigen_model_validate with the exempt flag of a direction (ctx.optional). */
static int validate_model(const apigen_model *m, const void *value, apigen_errors *errs,
                          unsigned optional)
{
    apigen_errors_init(errs);
    matcher mt;
    apigen_i_matcher_init(&mt);
    ctx c = {errs, 0, 0, false, false, &mt, false, optional, 0, false};
    check_model(&c, m, value, NULL);
    apigen_i_matcher_done(&mt);
    return c.violations == 0 ? 0 : -1;
}

int apigen_model_validate(const apigen_model *m, const void *value, apigen_errors *errs)
{
    return validate_model(m, value, errs, 0);
}

int apigen_model_validate_request(const apigen_model *m, const void *value, apigen_errors *errs)
{
    return validate_model(m, value, errs, APIGEN_F_READ_ONLY);
}
