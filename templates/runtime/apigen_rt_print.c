/* apigen_rt_print.c: JSON text out. A measuring-then-writing printer with exact integers and
 * shortest round-trip doubles, for cJSON trees (apigen_json_print) and for structs straight from
 * their descriptors (apigen_model_print, apigen_model_debug_string). */

#include "apigen_rt_internal.h"

/* ---------------------------------------------------------------- writing ---- */
/* Text is produced in two runs of the same code: the first only measures (data NULL), the
 * second writes into one allocation of that size. No growing, no copying, no slack but for
 * non-integral numbers, which are measured at their longest (24 bytes). */

typedef struct writer {
    char *data; /* NULL while measuring */
    size_t len, cap;
    bool failed;
    bool debug; /* apigen_model_debug_string: mask sensitive values, non-finite as null */
} writer;

static inline void put_bytes(writer *w, const char *s, size_t n)
{
    if (w->data != NULL) {
        if (n > w->cap - w->len) { /* the second run wrote more than the first measured */
            w->failed = true;
            return;
        }
        memcpy(w->data + w->len, s, n);
    }
    w->len += n;
}

static inline void put_char(writer *w, char c)
{
    put_bytes(w, &c, 1);
}

static void put_int(writer *w, int64_t v)
{
    char buf[24];
    const char *digits = apigen_i_int_text(v, buf);
    put_bytes(w, digits, (size_t)(buf + 23 - digits));
}

/* Shortest of %.15g, %.16g, %.17g that reads back as d, with '.' whatever the locale. */
void apigen_i_format_double(double d, char out[32])
{
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(out, 32, "%.*g", precision, d);
        if (strtod(out, NULL) == d)
            break;
    }
    for (char *p = out; *p; p++)
        if ((*p < '0' || *p > '9') && *p != '-' && *p != '+' && *p != 'e')
            *p = '.';
}

/* Integral values within +-(2^53-1) as exact integers (-0 as 0), others shortest. False for
 * non-finite numbers, which JSON cannot carry. */
static bool put_number(writer *w, double d)
{
    if (!isfinite(d))
        return false;
    if (exact_integer(d)) {
        put_int(w, (int64_t)d);
    } else if (w->data == NULL) {
        w->len += 24; /* "-2.2250738585072014e-308" */
    } else {
        char tmp[32];
        apigen_i_format_double(d, tmp);
        put_bytes(w, tmp, strlen(tmp));
    }
    return true;
}

/* RFC 8259 string: '"' and '\\' escaped, \b \f \n \r \t short, other controls as \u00XX, every
 * other byte (UTF-8 included) as it is. */
static void put_string(writer *w, const char *s, size_t len)
{
    put_char(w, '"');
    for (size_t i = 0;;) {
        size_t end = plain_run_end(s, i, len);
        put_bytes(w, s + i, end - i);
        if (end == len)
            break;
        unsigned char c = (unsigned char)s[end];
        char esc[6] = {'\\', (char)c, '0', '0', 0, 0};
        size_t n = 2;
        switch (c) {
        case '"':
        case '\\':
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            esc[1] = 'u';
            esc[4] = "0123456789abcdef"[c >> 4];
            esc[5] = "0123456789abcdef"[c & 15];
            n = 6;
        }
        put_bytes(w, esc, n);
        i = end + 1;
    }
    put_char(w, '"');
}

/* Any cJSON tree, compact; failed on non-finite numbers (null when debug) and invalid nodes. */
static void put_json(writer *w, const cJSON *j)
{
    switch (json_type(j)) {
    case cJSON_NULL:
        put_bytes(w, "null", 4);
        break;
    case cJSON_False:
        put_bytes(w, "false", 5);
        break;
    case cJSON_True:
        put_bytes(w, "true", 4);
        break;
    case cJSON_Number: {
        num_token t;
        const char *literal = apigen_i_number_literal(j, &t);
        if (literal != NULL)
            put_bytes(w, literal, t.end);
        else if (!put_number(w, j->valuedouble)) {
            if (w->debug)
                put_bytes(w, "null", 4);
            else
                w->failed = true;
        }
        break;
    }
    case cJSON_String: {
        const char *s = j->valuestring ? j->valuestring : "";
        put_string(w, s, strlen(s));
        break;
    }
    case cJSON_Raw:
        if (j->valuestring != NULL)
            put_bytes(w, j->valuestring, strlen(j->valuestring));
        else
            w->failed = true;
        break;
    case cJSON_Array:
    case cJSON_Object: {
        bool object = json_type(j) == cJSON_Object;
        put_char(w, object ? '{' : '[');
        for (const cJSON *child = j->child; child != NULL && !w->failed; child = child->next) {
            if (child != j->child)
                put_char(w, ',');
            if (object) {
                const char *key = child->string ? child->string : "";
                put_string(w, key, strlen(key));
                put_char(w, ':');
            }
            put_json(w, child);
        }
        put_char(w, object ? '}' : ']');
        break;
    }
    default:
        w->failed = true;
    }
}

static void put_model(writer *w, const apigen_model *m, const void *base);
static void put_field(writer *w, const apigen_field *f, const void *base, presence p);

/* Measures, allocates once, writes: the text of json, or of the model value when m is set. */
static char *print_text(const apigen_model *m, const void *value, const cJSON *json, bool debug)
{
    writer w = {NULL, 0, 0, false, debug};
    for (int run = 0; run < 2; run++) {
        if (m != NULL)
            put_model(&w, m, value);
        else
            put_json(&w, json);
        if (w.failed) {
            apigen_i_free(w.data);
            return NULL;
        }
        if (run == 0) {
            w.cap = w.len + 1;
            w.len = 0;
            if ((w.data = apigen_i_alloc(w.cap)) == NULL)
                return NULL;
        }
    }
    w.data[w.len] = '\0';
    return w.data;
}

char *apigen_json_print(const cJSON *json)
{
    return json != NULL ? print_text(NULL, NULL, json, false) : NULL;
}

/* ----------------------------------------------------------------- print ---- */
/* Straight from the struct into text, without building a cJSON tree: the same text as
 * apigen_json_print(apigen_model_to_json(...)) at a fraction of the cost (int64 values beyond
 * +-(2^53-1), which validate rejects, keep all their digits here). */

static void put_value(writer *w, const apigen_field *f, const void *slot)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        if (*(const bool *)slot)
            put_bytes(w, "true", 4);
        else
            put_bytes(w, "false", 5);
        break;
    case APIGEN_KIND_INT64:
        put_int(w, *(const int64_t *)slot);
        break;
    case APIGEN_KIND_INT32:
        put_int(w, *(const int32_t *)slot);
        break;
    case APIGEN_KIND_DOUBLE:
        if (!put_number(w, *(const double *)slot)) {
            if (w->debug)
                put_bytes(w, "null", 4);
            else
                w->failed = true;
        }
        break;
    case APIGEN_KIND_STRING: {
        const char *s = *(char *const *)slot;
        if (s)
            put_string(w, s, strlen(s));
        else
            put_bytes(w, "null", 4);
        break;
    }
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM: {
        const char *text = apigen_i_enum_text(f, slot);
        if (text != NULL && f->enumeration->integer)
            put_bytes(w, text, strlen(text)); /* a JSON integer */
        else if (text != NULL)
            put_string(w, text, strlen(text));
        else
            put_bytes(w, "null", 4);
        break;
    }
    case APIGEN_KIND_OBJECT:
        put_model(w, f->model, slot);
        break;
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY: {
        const cJSON *j = *(cJSON *const *)slot;
        if (j == NULL)
            put_bytes(w, "null", 4);
        else
            put_json(w, j);
        break;
    }
    case APIGEN_KIND_UNION: {
        const apigen_field *alt = union_held(f->union_, slot);
        if (alt == NULL)
            put_bytes(w, "null", 4);
        else if (w->debug && (alt->flags & APIGEN_F_SENSITIVE))
            put_bytes(w, "\"***\"", 5);
        else if (alt->flags & APIGEN_F_ARRAY)
            put_field(w, alt, slot, P_VALUE);
        else
            put_value(w, alt, cmember(slot, alt->offset));
        break;
    }
    case APIGEN_KIND_FILE: {
        const apigen_bytes *x = &((const apigen_file *)slot)->content;
        char n[48];
        if (x->data == NULL)
            put_bytes(w, "null", 4);
        else if (w->debug) /* no file's bytes in a log */
            put_bytes(w, n, (size_t)snprintf(n, sizeof n, "\"(%zu bytes)\"", x->len));
        else
            put_string(w, x->data, x->len);
        break;
    }
    }
}

/* The entries of map field f as members "key":value, each after a ',' unless *first; in debug
 * text a sensitive map's values read "***". */
static void put_entries(writer *w, const apigen_field *f, const void *base, bool *first)
{
    size_t n;
    const char *entries = apigen_i_array_items(f, base, &n);
    for (size_t i = 0; i < n && !w->failed; i++) {
        const char *entry = entries + i * f->entry_size, *key = *(char *const *)entry;
        if (!*first)
            put_char(w, ',');
        *first = false;
        put_string(w, key ? key : "", key ? strlen(key) : 0);
        put_char(w, ':');
        if (w->debug && (f->flags & APIGEN_F_SENSITIVE))
            put_bytes(w, "\"***\"", 5);
        else
            put_value(w, f, entry + f->value_offset);
    }
}

/* The value of field f of base, present (not P_ABSENT): "***", null, a map, an array or a
 * value. */
static void put_field(writer *w, const apigen_field *f, const void *base, presence p)
{
    if (w->debug && (f->flags & APIGEN_F_SENSITIVE)) {
        put_bytes(w, "\"***\"", 5);
    } else if (p == P_NULL) {
        put_bytes(w, "null", 4);
    } else if (f->flags & APIGEN_F_MAP) {
        bool none = true;
        put_char(w, '{');
        put_entries(w, f, base, &none);
        put_char(w, '}');
    } else if (f->flags & APIGEN_F_ARRAY) {
        size_t n, size = apigen_i_value_size(f);
        const char *items = apigen_i_array_items(f, base, &n);
        put_char(w, '[');
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                put_char(w, ',');
            put_value(w, f, items + i * size);
        }
        put_char(w, ']');
    } else {
        put_value(w, f, cmember(base, f->offset));
    }
}

static void put_model(writer *w, const apigen_model *m, const void *base)
{
    if (apigen_i_is_root(m)) { /* the document is the one field's value; absent: nothing to write */
        presence p = apigen_i_field_presence(&m->fields[0], base);
        if (p == P_ABSENT)
            w->failed = true;
        else
            put_field(w, &m->fields[0], base, p);
        return;
    }
    bool first = true;
    put_char(w, '{');
    for (size_t k = 0; k < m->field_count && !w->failed; k++) {
        const apigen_field *f = &m->fields[k];
        presence p = apigen_i_field_presence(f, base);
        if (p == P_ABSENT)
            continue;
        if (!first)
            put_char(w, ',');
        first = false;
        put_string(w, f->name, strlen(f->name));
        put_char(w, ':');
        put_field(w, f, base, p);
    }
    if (m->additional != NULL)
        put_entries(w, m->additional, base, &first);
    put_char(w, '}');
}

char *apigen_model_print(const apigen_model *m, const void *value)
{
    return print_text(m, value, NULL, false);
}

char *apigen_model_debug_string(const apigen_model *m, const void *value)
{
    return print_text(m, value, NULL, true);
}
