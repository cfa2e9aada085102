/* apigen_rt_tree.c: structs from and to cJSON trees. apigen_model_from_json reads a tree into a
 * struct strictly, checking each value's rules; apigen_model_to_json builds a tree back. */

#include "apigen_rt_internal.h"

#define MAX_SAFE_INT INT64_C(9007199254740991) /* 2^53 - 1 */

/* ------------------------------------------------------------- from_json ---- */
/* Each read_* checks the JSON type, stores the value, and returns whether it did. */

static void read_object(ctx *c, const apigen_model *m, const cJSON *j, void *out, const seg *at);

static void type_error(ctx *c, const seg *at, const char *expected, const cJSON *j)
{
    apigen_i_report_unread(c, at, APIGEN_E_TYPE, "expected %s, got %s", expected,
                           apigen_i_json_type_name(j));
}

/* Reports every string in a tree that is not valid UTF-8 (property names included), and
 * every number beyond the range of a double (1e400: no cJSON value can hold it). */
void apigen_i_check_tree(ctx *c, const cJSON *j, const seg *at)
{
    bool object = json_type(j) == cJSON_Object;
    size_t i = 0;
    for (const cJSON *child = j->child; child != NULL; child = child->next, i++) {
        seg s = {at, object ? child->string : NULL, i};
        if (s.name != NULL && !apigen_i_utf8_scan(s.name, strlen(s.name), NULL))
            apigen_i_report_unread(c, at, APIGEN_E_ENCODING, "property name is not valid UTF-8");
        if (s.name != NULL && c->secret)
            s.name = apigen_i_hidden_key;
        apigen_i_check_tree(c, child, &s);
    }
    if (json_type(j) == cJSON_String && j->valuestring != NULL &&
        !apigen_i_utf8_scan(j->valuestring, strlen(j->valuestring), NULL))
        apigen_i_report_unread(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
    if (json_type(j) == cJSON_Number && !isfinite(j->valuedouble))
        apigen_i_report_unread(c, at, APIGEN_E_TYPE, "number out of range");
}

static bool read_string(ctx *c, const cJSON *j, char **out, const seg *at)
{
    if (json_type(j) != cJSON_String || j->valuestring == NULL) {
        type_error(c, at, "string", j);
        return false;
    }
    size_t len = strlen(j->valuestring);
    if (!apigen_i_utf8_scan(j->valuestring, len, NULL)) {
        apigen_i_report_unread(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
        return false;
    }
    if ((*out = apigen_i_strndup(j->valuestring, len)) == NULL) {
        apigen_i_report_oom(c, at);
        return false;
    }
    return true;
}

/* An integer from a number node: exact from the digits apigen keeps in valuestring, else from
 * the double, which is exact only within +-(2^53-1) (beyond, 2^53 may be a rounded 2^53+1). */
static bool read_int64(ctx *c, const cJSON *j, int64_t *out, const seg *at)
{
    if (json_type(j) != cJSON_Number) {
        type_error(c, at, "integer", j);
        return false;
    }
    num_token t;
    const char *literal = apigen_i_number_literal(j, &t);
    if (literal != NULL) {
        if (apigen_i_number_to_int(literal, &t, out))
            return true;
        apigen_i_report_unread(c, at, APIGEN_E_INTEGER, "%.40s%s is not a 64-bit integer", literal,
                               strlen(literal) > 40 ? "..." : "");
        return false;
    }
    double d = j->valuedouble;
    if (!exact_integer(d)) {
        char tmp[32];
        apigen_i_format_double(d, tmp);
        if (isfinite(d) && (d > 0x1p52 || d < -0x1p52)) /* all integral there */
            apigen_i_report_unread(
                c, at, APIGEN_E_INTEGER,
                "%s is beyond +-(2^53-1): a cJSON double cannot tell its exact value", tmp);
        else
            apigen_i_report_unread(c, at, APIGEN_E_INTEGER, "%s is not an integer", tmp);
        return false;
    }
    *out = (int64_t)d;
    return true;
}

/* An int32 (format int32): an int64 as read_int64 reads it, then within [-2^31, 2^31-1]. */
static void read_int32(ctx *c, const cJSON *j, int32_t *out, const seg *at)
{
    int64_t v;
    if (!read_int64(c, j, &v, at))
        return;
    if (v < INT32_MIN || v > INT32_MAX) {
        apigen_i_report_unread(c, at, APIGEN_E_INTEGER, "%" PRId64 " is not a 32-bit integer", v);
        return;
    }
    *out = (int32_t)v;
}

static bool read_double(ctx *c, const cJSON *j, double *out, const seg *at)
{
    if (json_type(j) != cJSON_Number) {
        type_error(c, at, "number", j);
        return false;
    }
    if (!isfinite(j->valuedouble)) {
        apigen_i_report_unread(c, at, APIGEN_E_TYPE, "number out of range");
        return false;
    }
    *out = j->valuedouble;
    return true;
}

static bool read_bool(ctx *c, const cJSON *j, bool *out, const seg *at)
{
    if (json_type(j) != cJSON_True && json_type(j) != cJSON_False) {
        type_error(c, at, "boolean", j);
        return false;
    }
    *out = json_type(j) == cJSON_True;
    return true;
}

static bool read_enum(ctx *c, const apigen_field *f, const cJSON *j, int *out, const seg *at)
{
    const apigen_enum *e = f->enumeration;
    int64_t v;
    if (e->integer) { /* an integer as read_int64 reads it, then listed */
        if (!read_int64(c, j, &v, at))
            return false;
        if ((*out = apigen_i_enum_int(e, v)) != 0)
            return true;
        char buf[24];
        const char *digits = apigen_i_int_text(v, buf);
        apigen_i_enum_unlisted(c, f, out, digits, strlen(digits), at);
        return *out != 0;
    }
    if (json_type(j) != cJSON_String || j->valuestring == NULL) {
        type_error(c, at, "string", j);
        return false;
    }
    for (size_t i = 0; i < e->count; i++) {
        if (strcmp(e->values[i], j->valuestring) == 0) {
            *out = (int)i + 1;
            return true;
        }
    }
    if (!apigen_i_utf8_scan(j->valuestring, strlen(j->valuestring), NULL))
        apigen_i_report_unread(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
    else
        apigen_i_enum_unlisted(c, f, out, j->valuestring, strlen(j->valuestring), at);
    return *out != 0;
}

/* Free-form objects and any values: checked for UTF-8, then copied. */
static bool read_tree(ctx *c, const cJSON *j, cJSON **out, const seg *at)
{
    size_t before = c->unread;
    apigen_i_check_tree(c, j, at);
    if (c->unread != before)
        return false;
    if ((*out = cJSON_Duplicate(j, 1)) == NULL) {
        apigen_i_report_oom(c, at);
        return false;
    }
    return true;
}

/* One value of f (a whole field, or one item of an array field) into slot. */
static void read_value(ctx *c, const apigen_field *f, const cJSON *j, void *slot, const seg *at)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        read_bool(c, j, slot, at);
        break;
    case APIGEN_KIND_INT64:
        read_int64(c, j, slot, at);
        break;
    case APIGEN_KIND_INT32:
        read_int32(c, j, slot, at);
        break;
    case APIGEN_KIND_DOUBLE:
        read_double(c, j, slot, at);
        break;
    case APIGEN_KIND_STRING:
        read_string(c, j, slot, at);
        break;
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM: /* its value is an int at the start */
        read_enum(c, f, j, slot, at);
        break;
    case APIGEN_KIND_OBJECT:
        read_object(c, f->model, j, slot, at);
        break;
    case APIGEN_KIND_FREEFORM:
        if (json_type(j) == cJSON_Object)
            read_tree(c, j, slot, at);
        else
            type_error(c, at, "object", j);
        break;
    case APIGEN_KIND_ANY:
        read_tree(c, j, slot, at);
        break;
    case APIGEN_KIND_UNION:
        apigen_i_read_union(c, f->union_, j, slot, at);
        break;
    case APIGEN_KIND_FILE: { /* a spec example's file: the string's UTF-8 bytes */
        char *s = NULL;
        if (read_string(c, j, &s, at) && s != NULL)
            *(apigen_file *)slot = (apigen_file){{s, strlen(s)}, NULL, NULL};
        break;
    }
    }
}

void apigen_i_read_value(ctx *c, const apigen_field *f, const cJSON *j, void *slot, const seg *at)
{
    read_value(c, f, j, slot, at);
}

static void read_array(ctx *c, const apigen_field *f, const cJSON *j, void *base, const seg *at)
{
    if (json_type(j) != cJSON_Array) {
        type_error(c, at, "array", j);
        return;
    }
    size_t n = 0;
    for (const cJSON *child = j->child; child != NULL; child = child->next)
        n++;
    if (n == 0)
        return;
    size_t size = apigen_i_value_size(f);
    char *items = apigen_i_alloc_zeroed(n, size);
    if (items == NULL) {
        apigen_i_report_oom(c, at);
        return;
    }
    *(void **)member(base, f->offset) = items; /* zeroed: free is safe at any point */
    *(size_t *)member(base, f->count_offset) = n;
    size_t i = 0;
    for (const cJSON *child = j->child; child != NULL && !c->oom; child = child->next, i++) {
        seg s = {at, NULL, i};
        read_value(c, f, child, items + i * size, &s);
    }
}

void apigen_i_read_alternative(ctx *c, const apigen_field *alt, const cJSON *j, void *u_slot,
                               const seg *at)
{
    if (alt->flags & APIGEN_F_ARRAY)
        read_array(c, alt, j, u_slot, at);
    else
        read_value(c, alt, j, member(u_slot, alt->offset), at);
}

/* One member of an object into a new entry of map field f; *cap as apigen_i_map_append. A key
 * that is not UTF-8 is not kept. */
static void read_entry(ctx *c, const apigen_field *f, const cJSON *child, void *base, size_t *cap,
                       const seg *at)
{
    const char *key = child->string ? child->string : "";
    size_t len = strlen(key);
    seg s = {at, c->secret ? apigen_i_hidden_key : key, 0};
    if (!apigen_i_utf8_scan(key, len, NULL)) {
        apigen_i_report_unread(c, &s, APIGEN_E_ENCODING, "property name not valid UTF-8");
        return;
    }
    char *entry = apigen_i_map_append(f, base, cap);
    if (entry == NULL || (*(char **)entry = apigen_i_strndup(key, len)) == NULL) {
        apigen_i_report_oom(c, &s);
        return;
    }
    read_value(c, f, child, entry + f->value_offset, &s);
}

static void read_map(ctx *c, const apigen_field *f, const cJSON *j, void *base, const seg *at)
{
    if (json_type(j) != cJSON_Object) {
        type_error(c, at, "object", j);
        return;
    }
    size_t cap = 0;
    for (const cJSON *child = j->child; child != NULL && !c->oom; child = child->next)
        read_entry(c, f, child, base, &cap, at);
}

static void read_field(ctx *c, const apigen_field *f, const cJSON *j, void *base, const seg *at)
{
    bool secret = c->secret;
    c->secret = secret || (f->flags & APIGEN_F_SENSITIVE);
    if (json_type(j) == cJSON_NULL && (f->flags & APIGEN_F_NULLABLE))
        *(bool *)member(base, f->null_offset) = true;
    else if (f->flags & APIGEN_F_MAP)
        read_map(c, f, j, base, at);
    else if (f->flags & APIGEN_F_ARRAY)
        read_array(c, f, j, base, at);
    else
        read_value(c, f, j, member(base, f->offset), at);
    if (f->flags & APIGEN_F_HAS)
        *(bool *)member(base, f->has_offset) = true;
    c->secret = secret;
}

/* Index of the field whose name is key[0..n), searched from hint on (properties usually come in
 * the declared order), or NOT_FOUND. key holds no NUL byte; it need not end in one. */
size_t apigen_i_find_field(const apigen_model *m, const char *key, size_t n, size_t hint)
{
    for (size_t pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? hint : 0, to = pass == 0 ? m->field_count : hint;
        for (size_t k = from; k < to; k++) {
            const char *name = m->fields[k].name;
            if ((n == 0 || name[0] == key[0]) && strncmp(name, key, n) == 0 && name[n] == '\0')
                return k;
        }
    }
    return NOT_FOUND;
}

/* Reports the required fields of m that seen does not mark. */
void apigen_i_report_missing(ctx *c, const apigen_model *m, const uint64_t *seen, const seg *at)
{
    for (size_t k = 0; k < m->field_count && !c->oom; k++) {
        if (field_required(c, &m->fields[k]) && !(seen[k / 64] & UINT64_C(1) << (k % 64))) {
            seg s = {at, m->fields[k].name, 0};
            apigen_i_report_unread(c, &s, APIGEN_E_REQUIRED, "required property missing");
        }
    }
}

/* Walks the object's properties once, matching each against the fields; the first of
 * duplicate properties wins, as with cJSON_GetObjectItem. out is zeroed. */
static void read_object(ctx *c, const apigen_model *m, const cJSON *j, void *out, const seg *at)
{
    if (json_type(j) != cJSON_Object) {
        type_error(c, at, "object", j);
        return;
    }
    uint64_t seen_local[4] = {0};
    uint64_t *seen = seen_local;
    size_t words = (m->field_count + 63) / 64;
    if (words > 4 && (seen = apigen_i_alloc_zeroed(words, sizeof *seen)) == NULL) {
        apigen_i_report_oom(c, at);
        return;
    }
    size_t hint = 0, cap = 0;
    for (const cJSON *child = j->child; child != NULL && !c->oom; child = child->next) {
        const char *key = child->string;
        size_t k = key != NULL ? apigen_i_find_field(m, key, strlen(key), hint) : NOT_FOUND;
        if (k == NOT_FOUND && m->additional != NULL) {
            bool secret = c->secret;
            c->secret = secret || (m->additional->flags & APIGEN_F_SENSITIVE);
            read_entry(c, m->additional, child, out, &cap, at);
            c->secret = secret;
            continue;
        }
        if (k == NOT_FOUND) {
            if (m->closed) {
                seg s = {at, c->secret ? apigen_i_hidden_key : key ? key : "", 0};
                apigen_i_report(c, &s, APIGEN_E_ADDITIONAL, "property not allowed in %s", m->name);
            }
            continue;
        }
        hint = k + 1;
        uint64_t bit = UINT64_C(1) << (k % 64);
        if (seen[k / 64] & bit)
            continue;
        seen[k / 64] |= bit;
        seg s = {at, m->fields[k].name, 0};
        read_field(c, &m->fields[k], child, out, &s);
    }
    apigen_i_report_missing(c, m, seen, at);
    if (seen != seen_local)
        apigen_i_free(seen);
}

int apigen_model_from_json(const apigen_model *m, const cJSON *json, void *out, apigen_errors *errs)
{
    apigen_errors_init(errs);
    memset(out, 0, m->size);
    ctx c = {errs, 0, 0, false, false, NULL, false, 0, 0, false};
    if (json == NULL)
        apigen_i_report_unread(&c, NULL, APIGEN_E_TYPE, "expected %s, got nothing",
                               apigen_i_is_root(m) ? "a value" : "object");
    else if (apigen_i_is_root(m))
        read_field(&c, &m->fields[0], json, out, NULL);
    else
        read_object(&c, m, json, out, NULL);
    if (c.violations == 0)
        return 0;
    apigen_model_free(m, out);
    return -1;
}

/* --------------------------------------------------------------- to_json ---- */

static cJSON *build_object(const apigen_model *m, const void *base);
static cJSON *build_array(const apigen_field *f, const void *base);

/* A new node for one value of f; NULL only when memory ran out. */
/* A number node for v; beyond +-(2^53-1) it keeps its digits (apigen_model_to_json). */
static cJSON *build_int(int64_t v)
{
    cJSON *node = cJSON_CreateNumber((double)v);
    if (node != NULL && (v > MAX_SAFE_INT || v < -MAX_SAFE_INT)) {
        char buf[24];
        const char *digits = apigen_i_int_text(v, buf); /* the double rounds: keep the digits */
        if ((node->valuestring = apigen_i_strndup(digits, strlen(digits))) == NULL) {
            cJSON_Delete(node);
            node = NULL;
        }
    }
    return node;
}

static cJSON *build_value(const apigen_field *f, const void *slot)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return cJSON_CreateBool(*(const bool *)slot);
    case APIGEN_KIND_INT64:
        return build_int(*(const int64_t *)slot);
    case APIGEN_KIND_INT32:
        return cJSON_CreateNumber(*(const int32_t *)slot);
    case APIGEN_KIND_DOUBLE:
        return cJSON_CreateNumber(*(const double *)slot);
    case APIGEN_KIND_STRING: {
        const char *s = *(char *const *)slot;
        return s ? cJSON_CreateString(s) : cJSON_CreateNull();
    }
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM: {
        const char *text = apigen_i_enum_text(f, slot);
        int v = *(const int *)slot;
        bool listed = v >= 1 && (size_t)v <= f->enumeration->count;
        /* enum strings are static descriptor data: referenced, not copied; an open enum's other
         * text is copied; an integer enum's values are within +-(2^53-1), which a double holds
         * exactly (an open one's other digits are kept as the node's text too) */
        if (text == NULL)
            return cJSON_CreateNull();
        if (!f->enumeration->integer)
            return listed ? cJSON_CreateStringReference(text) : cJSON_CreateString(text);
        return build_int(strtoll(text, NULL, 10));
    }
    case APIGEN_KIND_OBJECT:
        return build_object(f->model, slot);
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY: {
        const cJSON *j = *(cJSON *const *)slot;
        return j ? cJSON_Duplicate(j, 1) : cJSON_CreateNull();
    }
    case APIGEN_KIND_UNION: {
        const apigen_field *alt = union_held(f->union_, slot);
        return alt == NULL                     ? cJSON_CreateNull()
               : (alt->flags & APIGEN_F_ARRAY) ? build_array(alt, slot)
                                               : build_value(alt, cmember(slot, alt->offset));
    }
    case APIGEN_KIND_FILE: { /* the bytes as a string, up to a NUL they may hold */
        const apigen_bytes *x = &((const apigen_file *)slot)->content;
        char *s = x->data ? apigen_i_alloc(x->len + 1) : NULL;
        if (s == NULL)
            return x->data ? NULL : cJSON_CreateNull();
        memcpy(s, x->data, x->len);
        s[x->len] = '\0';
        cJSON *j = cJSON_CreateString(s);
        apigen_i_free(s);
        return j;
    }
    }
    return NULL;
}

cJSON *apigen_i_build_value(const apigen_field *f, const void *slot)
{
    return build_value(f, slot);
}

static cJSON *build_array(const apigen_field *f, const void *base)
{
    size_t n, size = apigen_i_value_size(f);
    const char *items = apigen_i_array_items(f, base, &n);
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; i < n && array != NULL; i++) {
        cJSON *item = build_value(f, items + i * size);
        if (item == NULL || !cJSON_AddItemToArray(array, item)) {
            cJSON_Delete(item);
            cJSON_Delete(array);
            array = NULL;
        }
    }
    return array;
}

/* The entries of map field f into obj (keys copied); false when memory ran out. */
static bool add_entries(cJSON *obj, const apigen_field *f, const void *base)
{
    size_t n;
    const char *entries = apigen_i_array_items(f, base, &n);
    for (size_t i = 0; i < n; i++) {
        const char *entry = entries + i * f->entry_size, *key = *(char *const *)entry;
        cJSON *item = build_value(f, entry + f->value_offset);
        if (item == NULL || !cJSON_AddItemToObject(obj, key ? key : "", item)) {
            cJSON_Delete(item);
            return false;
        }
    }
    return true;
}

static cJSON *build_map(const apigen_field *f, const void *base)
{
    cJSON *obj = cJSON_CreateObject();
    if (obj != NULL && !add_entries(obj, f, base)) {
        cJSON_Delete(obj);
        obj = NULL;
    }
    return obj;
}

static cJSON *build_object(const apigen_model *m, const void *base)
{
    cJSON *obj = cJSON_CreateObject();
    for (size_t k = 0; k < m->field_count && obj != NULL; k++) {
        const apigen_field *f = &m->fields[k];
        presence p = apigen_i_field_presence(f, base);
        if (p == P_ABSENT)
            continue;
        cJSON *item = p == P_NULL                   ? cJSON_CreateNull()
                      : (f->flags & APIGEN_F_MAP)   ? build_map(f, base)
                      : (f->flags & APIGEN_F_ARRAY) ? build_array(f, base)
                                                    : build_value(f, cmember(base, f->offset));
        /* names are static descriptor data: not copied */
        if (item == NULL || !cJSON_AddItemToObjectCS(obj, f->name, item)) {
            cJSON_Delete(item);
            cJSON_Delete(obj);
            obj = NULL;
        }
    }
    if (obj != NULL && m->additional != NULL && !add_entries(obj, m->additional, base)) {
        cJSON_Delete(obj);
        obj = NULL;
    }
    return obj;
}

cJSON *apigen_model_to_json(const apigen_model *m, const void *value)
{
    if (apigen_i_is_root(m)) { /* the document is the one field's value */
        const apigen_field *f = &m->fields[0];
        presence p = apigen_i_field_presence(f, value);
        return p == P_ABSENT                 ? NULL
               : p == P_NULL                 ? cJSON_CreateNull()
               : (f->flags & APIGEN_F_MAP)   ? build_map(f, value)
               : (f->flags & APIGEN_F_ARRAY) ? build_array(f, value)
                                             : build_value(f, cmember(value, f->offset));
    }
    return build_object(m, value);
}
