/* apigen_rt_core.c: what every other part of the runtime stands on. Memory (one pair of
 * functions through cJSON's hooks), error codes and violation lists with their RFC 9535 paths,
 * access to the fields the descriptor tables of apigen_rt.h describe, freeing a model, and the
 * lookup of an operation's response. */

#include "apigen_rt_internal.h"

#include <stdarg.h>

/* ----------------------------------------------------------------- memory ---- */
/* One pair of functions for every allocation, through cJSON's hooks: strings a struct owns and
 * the cJSON trees it holds are released alike, and tests inject failures there. */

void *apigen_i_alloc(size_t size)
{
    return cJSON_malloc(size);
}

void apigen_i_free(void *p)
{
    if (p != NULL)
        cJSON_free(p);
}

/* n zeroed elements of size bytes; NULL on overflow or out of memory. */
void *apigen_i_alloc_zeroed(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    void *p = apigen_i_alloc(n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

char *apigen_i_strndup(const char *s, size_t len)
{
    char *copy = apigen_i_alloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

bool apigen_i_reserve(char **data, size_t len, size_t *cap, size_t need, size_t min, size_t limit)
{
    if (need > limit)
        return false;
    size_t grown = *cap < min ? min : *cap > limit / 2 ? limit : *cap * 2;
    grown = grown < need ? need : grown > limit ? limit : grown;
    char *block = apigen_i_alloc(grown);
    if (block == NULL)
        return false;
    if (*data != NULL)
        memcpy(block, *data, len);
    apigen_i_free(*data);
    *data = block;
    *cap = grown;
    return true;
}

bool apigen_i_is_token(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        bool alnum =
            (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        if (!alnum && strchr("!#$%&'*+-.^_`|~", ch) == NULL)
            return false;
    }
    return true;
}

bool apigen_i_has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return true;
    }
    return false;
}

void apigen_i_headers_free(apigen_header *headers, size_t count)
{
    for (size_t i = 0; headers != NULL && i < count; i++) {
        apigen_i_free(headers[i].name);
        apigen_i_free(headers[i].value);
    }
    apigen_i_free(headers);
}

static void *(*volatile wipe_memset)(void *, int, size_t) = memset;

void apigen_i_wipe(void *p, size_t n)
{
    if (p != NULL)
        wipe_memset(p, 0, n);
}

void apigen_i_free_secret(char *s)
{
    if (s != NULL) {
        apigen_i_wipe(s, strlen(s));
        apigen_i_free(s);
    }
}

bool apigen_i_is_ows(char c)
{
    return c == ' ' || c == '\t';
}

bool apigen_i_equal_nocase(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + ('a' - 'A'));
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + ('a' - 'A'));
        if (x != y)
            return false;
    }
    return true;
}

/* Whether an alternative of u is sensitive or holds a sensitive field (by value: the recursion
 * ends). */
static bool union_has_sensitive(const apigen_union *u)
{
    for (size_t i = 0; i < u->count; i++) {
        const apigen_field *f = &u->alternatives[i];
        if ((f->flags & APIGEN_F_SENSITIVE) ||
            (f->kind == APIGEN_KIND_OBJECT && apigen_i_model_has_sensitive(f->model)) ||
            (f->kind == APIGEN_KIND_UNION && union_has_sensitive(f->union_)))
            return true;
    }
    return false;
}

bool apigen_i_model_has_sensitive(const apigen_model *m)
{
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        if ((f->flags & APIGEN_F_SENSITIVE) ||
            (f->kind == APIGEN_KIND_OBJECT && apigen_i_model_has_sensitive(f->model)) ||
            (f->kind == APIGEN_KIND_UNION && union_has_sensitive(f->union_)))
            return true;
    }
    return false;
}

const char *apigen_i_json_type_name(const cJSON *j)
{
    switch (json_type(j)) {
    case cJSON_NULL:
        return "null";
    case cJSON_False:
    case cJSON_True:
        return "boolean";
    case cJSON_Number:
        return "number";
    case cJSON_String:
        return "string";
    case cJSON_Array:
        return "array";
    case cJSON_Object:
        return "object";
    default:
        return "nothing";
    }
}

/* ----------------------------------------------------------------- errors ---- */

const char *apigen_code_name(apigen_code code)
{
    switch (code) {
    case APIGEN_OK:
        return "ok";
    case APIGEN_E_SYNTAX:
        return "syntax";
    case APIGEN_E_TYPE:
        return "type";
    case APIGEN_E_REQUIRED:
        return "required";
    case APIGEN_E_INTEGER:
        return "integer";
    case APIGEN_E_ENUM:
        return "enum";
    case APIGEN_E_CONST:
        return "const";
    case APIGEN_E_PATTERN:
        return "pattern";
    case APIGEN_E_FORMAT:
        return "format";
    case APIGEN_E_MIN_LENGTH:
        return "minLength";
    case APIGEN_E_MAX_LENGTH:
        return "maxLength";
    case APIGEN_E_MINIMUM:
        return "minimum";
    case APIGEN_E_MAXIMUM:
        return "maximum";
    case APIGEN_E_EXCLUSIVE_MINIMUM:
        return "exclusiveMinimum";
    case APIGEN_E_EXCLUSIVE_MAXIMUM:
        return "exclusiveMaximum";
    case APIGEN_E_MIN_ITEMS:
        return "minItems";
    case APIGEN_E_MAX_ITEMS:
        return "maxItems";
    case APIGEN_E_UNIQUE_ITEMS:
        return "uniqueItems";
    case APIGEN_E_ADDITIONAL:
        return "additionalProperties";
    case APIGEN_E_ENCODING:
        return "encoding";
    case APIGEN_E_NO_MEMORY:
        return "noMemory";
    case APIGEN_E_PATTERN_COMPILE:
        return "patternCompile";
    case APIGEN_E_PATTERN_LIMIT:
        return "patternLimit";
    case APIGEN_E_DUPLICATE_KEY:
        return "duplicateKey";
    case APIGEN_E_MIN_PROPERTIES:
        return "minProperties";
    case APIGEN_E_MAX_PROPERTIES:
        return "maxProperties";
    case APIGEN_E_PROPERTY_NAMES:
        return "propertyNames";
    case APIGEN_E_MULTIPLE_OF:
        return "multipleOf";
    case APIGEN_E_ONE_OF:
        return "oneOf";
    case APIGEN_E_ANY_OF:
        return "anyOf";
    case APIGEN_E_DISCRIMINATOR:
        return "discriminator";
    case APIGEN_E_UNION_LIMIT:
        return "unionLimit";
    }
    return "unknown";
}

void apigen_errors_init(apigen_errors *errs)
{
    if (errs != NULL) {
        errs->count = 0;
        errs->total = 0;
    }
}

/* The name of a seg that stands for a document's property name below a sensitive field; told
 * by its address, so that a document's own "***" is not taken for it. */
const char apigen_i_hidden_key[] = "***";

typedef struct path_buf {
    char *out;
    size_t len; /* length the path would have; bytes past the buffer are dropped */
} path_buf;

static void path_put(path_buf *p, const char *s, size_t n)
{
    if (p->len < APIGEN_PATH_MAX - 1) {
        size_t room = APIGEN_PATH_MAX - 1 - p->len;
        memcpy(p->out + p->len, s, n < room ? n : room);
    }
    p->len += n;
}

/* The length of the UTF-8 sequence at s[i..n) and its code point, or 0 when it is not one. */
static size_t utf8_char(const unsigned char *s, size_t n, size_t i, unsigned *cp)
{
    unsigned c = s[i];
    size_t len = c < 0x80                 ? 1
                 : c >= 0xC2 && c <= 0xDF ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || n - i < len || !apigen_i_utf8_scan((const char *)s + i, len, NULL))
        return 0;
    *cp = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++)
        *cp = *cp << 6 | (s[i + k] & 0x3Fu);
    return len;
}

/* Whether the character at s[i..n) must not reach a line of text as it is: C0 controls, DEL,
 * C1 controls (some terminals obey U+009B as ESC [), U+2028/U+2029 (line breaks to some
 * readers), the bidirectional controls U+202A..U+202E and U+2066..U+2069 (a terminal reorders
 * the rest of the line after them, so the bytes of a line and what it shows differ: the
 * "Trojan Source" class, CVE-2021-42574), and bytes that are not UTF-8. Then esc gets its escape
 * (\u00XX, \xXX) and the bytes it stands for are returned; 0 for a character kept as it is, *len
 * bytes long. */
static size_t unsafe_char(const char *s, size_t n, size_t i, char esc[8], size_t *len)
{
    unsigned cp;
    size_t k = utf8_char((const unsigned char *)s, n, i, &cp);
    *len = k;
    if (k == 0) {
        snprintf(esc, 8, "\\x%02x", (unsigned char)s[i]);
        return 1;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
        snprintf(esc, 8, "\\u%04x", cp);
        return k;
    }
    return 0;
}

/* The text that stands for the character at s[i..n) in a line of text, in *piece (*size
 * bytes); returns the bytes of s it stands for. quote 0: only unsafe_char's characters are
 * escaped (a message the runtime wrote). quote '\'' or '"': the content of an RFC 9535
 * string literal (§2.3.1.1) in the form normalized paths use (§2.7): the quote and '\' as
 * \' \" \\, BS FF LF CR TAB as \b \f \n \r \t, the other C0 controls as \u00XX (lowercase
 * hex). Beyond the RFC, as they reach terminals and line-based logs: DEL, C1 controls and
 * U+2028/U+2029 as \uXXXX, bytes that are not UTF-8 as \xXX (no JSONPath string holds them). */
static size_t escaped_char(const char *s, size_t n, size_t i, char quote, char esc[8],
                           const char **piece, size_t *size)
{
    static const char shorts[] = "\b\f\n\r\t", letters[] = "bfnrt";
    char c = s[i];
    const char *sh = c != '\0' ? strchr(shorts, c) : NULL;
    if (quote != 0 && (c == quote || c == '\\' || sh != NULL)) {
        esc[0] = '\\';
        esc[1] = sh != NULL ? letters[sh - shorts] : c;
        esc[2] = '\0';
        *piece = esc;
        *size = 2;
        return 1;
    }
    size_t len, bad = unsafe_char(s, n, i, esc, &len);
    *piece = bad ? esc : s + i;
    *size = bad ? strlen(esc) : len;
    return bad ? bad : len;
}

/* s[0..n) into the path as an RFC 9535 single-quoted string literal, quotes included. */
static void path_put_quoted(path_buf *p, const char *s, size_t n)
{
    path_put(p, "'", 1);
    for (size_t i = 0; i < n;) {
        char esc[8];
        const char *piece;
        size_t size;
        i += escaped_char(s, n, i, '\'', esc, &piece, &size);
        path_put(p, piece, size);
    }
    path_put(p, "'", 1);
}

/* s[0..n) into out[0..cap) as one line, escaped as escaped_char does with quote; cut before a
 * character or escape that does not fit. */
static void text_escaped(char *out, size_t cap, const char *s, size_t n, char quote)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        char esc[8];
        const char *piece;
        size_t size, used = escaped_char(s, n, i, quote, esc, &piece, &size);
        if (size >= cap - o)
            break;
        memcpy(out + o, piece, size);
        o += size;
        i += used;
    }
    out[o] = '\0';
}

/* Whether name[0..n) is an RFC 9535 member-name-shorthand (§2.5.1.1) of ASCII letters, digits
 * and '_' not starting with a digit: the RFC also allows non-ASCII there, which a reader could
 * not tell from a look-alike, so such names go in brackets. */
static bool shorthand_name(const char *name, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return n > 0;
}

/* The one place a path segment is written. Paths are RFC 9535 normalized paths (§2.7), but
 * for shorthand (§2.5.1.1): "$" the root, ".name" a member whose name is a shorthand_name,
 * "['name']" any other member (name escaped as path_put_quoted does), "[n]" an array item.
 * Every member name is so spelled one way and every path read one way: "$['a.b']" is not
 * "$.a.b", "$['[0]']" is not "$[0]", "$['\\u000a']" is not "$['\n']". A property name the
 * document chose below a sensitive field reads ".***", which no spelled name can. */
static void path_spell(path_buf *p, const seg *at)
{
    if (at == NULL) {
        path_put(p, "$", 1);
        return;
    }
    path_spell(p, at->up);
    size_t n = at->name == NULL ? 0 : strlen(at->name);
    if (at->name == apigen_i_hidden_key) {
        path_put(p, ".***", 4);
    } else if (at->name != NULL && shorthand_name(at->name, n)) {
        path_put(p, ".", 1);
        path_put(p, at->name, n);
    } else if (at->name != NULL) {
        path_put(p, "[", 1);
        path_put_quoted(p, at->name, n);
        path_put(p, "]", 1);
    } else {
        char tmp[32];
        int k = snprintf(tmp, sizeof tmp, "[%zu]", at->index);
        path_put(p, tmp, (size_t)k);
    }
}

size_t apigen_i_path_end(char *path, size_t len)
{
    if (len > APIGEN_PATH_MAX - 1) {
        size_t cut = APIGEN_PATH_MAX - 4; /* at a character's first byte: the path stays UTF-8 */
        while (cut > 0 && ((unsigned char)path[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(path + cut, "...", 3);
        len = cut + 3;
    }
    path[len] = '\0';
    return len;
}

/* Writes the path of at into out (APIGEN_PATH_MAX bytes), cut with "..." when too long. */
static void path_format(char *out, const seg *at)
{
    path_buf p = {out, 0};
    path_spell(&p, at);
    apigen_i_path_end(out, p.len);
}

/* Counts one violation and stores it while errs has room. */
static void vreport(ctx *c, const seg *at, apigen_code code, const char *fmt, va_list ap)
{
    c->violations++;
    if (c->errs == NULL)
        return;
    c->errs->total++;
    if (c->errs->count >= APIGEN_ERRORS_MAX)
        return;
    apigen_error *e = &c->errs->items[c->errs->count++];
    e->code = code;
    path_format(e->path, at);
    char text[2 * APIGEN_MESSAGE_MAX];
    if (c->secret && code != APIGEN_E_REQUIRED && code != APIGEN_E_NO_MEMORY &&
        code != APIGEN_E_DUPLICATE_KEY) /* messages of these three never hold a value */
        snprintf(text, sizeof text, "%s violated (sensitive value not shown)",
                 apigen_code_name(code));
    else
        vsnprintf(text, sizeof text, fmt, ap);
    text_escaped(e->message, sizeof e->message, text, strlen(text), 0);
}

/* A value breaks a rule (it was read, or validate looks at it). */
APIGEN_PRINTF(4, 5)
void apigen_i_report(ctx *c, const seg *at, apigen_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, at, code, fmt, ap);
    va_end(ap);
}

/* A value could not be read (its slot stays zero). */
APIGEN_PRINTF(4, 5)
void apigen_i_report_unread(ctx *c, const seg *at, apigen_code code, const char *fmt, ...)
{
    c->unread++;
    va_list ap;
    va_start(ap, fmt);
    vreport(c, at, code, fmt, ap);
    va_end(ap);
}

void apigen_i_report_oom(ctx *c, const seg *at)
{
    if (c->oom)
        return;
    if (c->parsing)
        apigen_errors_init(c->errs); /* like a syntax error, it ends the parse alone */
    apigen_i_report_unread(c, at, APIGEN_E_NO_MEMORY, "out of memory");
    c->oom = true;
}

/* Strings in messages (a document's string, a spec's const) are quoted as RFC 9535
 * double-quoted string literals (text_escaped with '"'), so a '"', a '\\' or the text "\\n"
 * in one cannot pass for the end of the quote or for another character. */

/* A string s[0..n) that is no value of enum e. */
void apigen_i_report_enum(ctx *c, const seg *at, const char *s, size_t n, const apigen_enum *e)
{
    char quoted[APIGEN_MESSAGE_MAX];
    text_escaped(quoted, sizeof quoted, s, n, '"');
    const char *q = e->integer ? "" : "\"";
    apigen_i_report_unread(c, at, APIGEN_E_ENUM, "%s%s%s is not a value of %s", q, quoted, q,
                           e->name);
}

const char *apigen_i_enum_text(const apigen_field *f, const void *slot)
{
    const apigen_enum *e = f->enumeration;
    int v = *(const int *)slot;
    if (v >= 1 && (size_t)v <= e->count)
        return e->values[v - 1];
    if (f->kind == APIGEN_KIND_OPEN_ENUM && (size_t)v == e->count + 1)
        return ((const apigen_open_enum *)slot)->other;
    return NULL;
}

void apigen_i_enum_unlisted(ctx *c, const apigen_field *f, void *slot, const char *s, size_t n,
                            const seg *at)
{
    if (f->kind != APIGEN_KIND_OPEN_ENUM) {
        apigen_i_report_enum(c, at, s, n, f->enumeration);
        return;
    }
    apigen_open_enum *v = slot;
    if ((v->other = apigen_i_strndup(s, n)) == NULL) {
        apigen_i_report_oom(c, at);
        return;
    }
    v->value = (int)f->enumeration->count + 1;
}

int apigen_i_enum_int(const apigen_enum *e, int64_t v)
{
    char buf[24];
    const char *digits = apigen_i_int_text(v, buf);
    for (size_t i = 0; i < e->count; i++)
        if (strcmp(e->values[i], digits) == 0)
            return (int)i + 1;
    return 0;
}

/* A string that is not the const s. */
void apigen_i_report_const(ctx *c, const seg *at, const char *s)
{
    char quoted[APIGEN_MESSAGE_MAX];
    text_escaped(quoted, sizeof quoted, s, strlen(s), '"');
    apigen_i_report(c, at, APIGEN_E_CONST, "must be \"%s\"", quoted);
}

/* ------------------------------------------------------ descriptor access ---- */

static bool get_flag(const void *base, size_t offset)
{
    return *(const bool *)cmember(base, offset);
}

/* Bytes of one value (one array item) of f. */
size_t apigen_i_value_size(const apigen_field *f)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return sizeof(bool);
    case APIGEN_KIND_INT64:
        return sizeof(int64_t);
    case APIGEN_KIND_INT32:
        return sizeof(int32_t);
    case APIGEN_KIND_OPEN_ENUM:
        return sizeof(apigen_open_enum);
    case APIGEN_KIND_DOUBLE:
        return sizeof(double);
    case APIGEN_KIND_STRING:
        return sizeof(char *);
    case APIGEN_KIND_ENUM:
        return sizeof(int);
    case APIGEN_KIND_OBJECT:
        return f->model->size;
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        return sizeof(cJSON *);
    case APIGEN_KIND_UNION:
        return f->union_->size;
    case APIGEN_KIND_FILE:
        return sizeof(apigen_file);
    }
    return 0;
}

/* Items of an array field and their number (0 when the pointer is NULL). */
const void *apigen_i_array_items(const apigen_field *f, const void *base, size_t *count)
{
    const void *items = *(void *const *)cmember(base, f->offset);
    *count = items ? *(const size_t *)cmember(base, f->count_offset) : 0;
    return items;
}

/* Whether a field is written: its has-flag when it has one, then its null-flag; pointers and
 * enums are absent when NULL or 0, optional arrays without a has-flag when empty. */
presence apigen_i_field_presence(const apigen_field *f, const void *base)
{
    if ((f->flags & APIGEN_F_HAS) && !get_flag(base, f->has_offset))
        return P_ABSENT;
    if ((f->flags & APIGEN_F_NULLABLE) && get_flag(base, f->null_offset))
        return P_NULL;
    const void *slot = cmember(base, f->offset);
    if (f->flags & (APIGEN_F_ARRAY | APIGEN_F_MAP)) {
        size_t n;
        apigen_i_array_items(f, base, &n);
        return (f->flags & (APIGEN_F_HAS | APIGEN_F_REQUIRED)) || n > 0 ? P_VALUE : P_ABSENT;
    }
    switch (f->kind) {
    case APIGEN_KIND_STRING:
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        return *(void *const *)slot ? P_VALUE : P_ABSENT;
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM: /* its value is an int at the start */
        return *(const int *)slot ? P_VALUE : P_ABSENT;
    case APIGEN_KIND_UNION:
        return union_tag(f->union_, slot) ? P_VALUE : P_ABSENT;
    case APIGEN_KIND_FILE:
        return ((const apigen_file *)slot)->content.data ? P_VALUE : P_ABSENT;
    default:
        return P_VALUE;
    }
}

/* ------------------------------------------------------------------ free ---- */

static void free_fields(const apigen_model *m, void *base);

static void free_value(const apigen_field *f, void *slot)
{
    switch (f->kind) {
    case APIGEN_KIND_STRING:
        apigen_i_free(*(char **)slot);
        break;
    case APIGEN_KIND_OBJECT:
        free_fields(f->model, slot);
        break;
    case APIGEN_KIND_OPEN_ENUM:
        apigen_i_free(((apigen_open_enum *)slot)->other);
        break;
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        cJSON_Delete(*(cJSON **)slot);
        break;
    case APIGEN_KIND_UNION:
        apigen_i_free_union(f->union_, slot);
        break;
    case APIGEN_KIND_FILE: /* only content.data is ever allocated by the runtime */
        apigen_i_free((void *)(uintptr_t)((apigen_file *)slot)->content.data);
        ((apigen_file *)slot)->content.data = NULL;
        break;
    default:
        break;
    }
}

void apigen_i_free_value(const apigen_field *f, void *slot)
{
    free_value(f, slot);
}

static bool kind_owns_memory(apigen_kind kind)
{
    return kind == APIGEN_KIND_STRING || kind == APIGEN_KIND_OBJECT ||
           kind == APIGEN_KIND_FREEFORM || kind == APIGEN_KIND_ANY ||
           kind == APIGEN_KIND_OPEN_ENUM || kind == APIGEN_KIND_UNION;
}

/* The entries of map field f (keys and values) and the array holding them. */
static void free_map(const apigen_field *f, void *base)
{
    size_t n;
    char *entries = (char *)apigen_i_array_items(f, base, &n);
    for (size_t i = 0; entries != NULL && i < n; i++) {
        char *entry = entries + i * f->entry_size;
        apigen_i_free(*(char **)entry);
        free_value(f, entry + f->value_offset);
    }
    apigen_i_free(entries);
}

void *apigen_i_map_append(const apigen_field *f, void *base, size_t *cap)
{
    char **entries = member(base, f->offset);
    size_t *count = member(base, f->count_offset);
    size_t n = *entries != NULL ? *count : 0;
    if (n == *cap) {
        size_t grown = *cap ? *cap * 2 : 4;
        char *block = grown <= SIZE_MAX / 2 / f->entry_size
                          ? apigen_i_alloc_zeroed(grown, f->entry_size)
                          : NULL;
        if (block == NULL)
            return NULL;
        if (*entries != NULL)
            memcpy(block, *entries, n * f->entry_size);
        apigen_i_free(*entries);
        *entries = block;
        *cap = grown;
    }
    *count = n + 1;
    return *entries + n * f->entry_size;
}

/* The items of array field f of base and the array holding them. */
static void free_array(const apigen_field *f, void *base)
{
    size_t n;
    char *items = (char *)apigen_i_array_items(f, base, &n);
    if (items != NULL && kind_owns_memory(f->kind)) {
        size_t size = apigen_i_value_size(f);
        for (size_t i = 0; i < n; i++)
            free_value(f, items + i * size);
    }
    apigen_i_free(items);
}

void apigen_i_free_alternative(const apigen_field *alt, void *u_slot)
{
    if (alt->flags & APIGEN_F_ARRAY)
        free_array(alt, u_slot);
    else
        free_value(alt, member(u_slot, alt->offset));
}

static void free_fields(const apigen_model *m, void *base)
{
    if (m->additional != NULL)
        free_map(m->additional, base);
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        if (f->flags & APIGEN_F_MAP) {
            free_map(f, base);
        } else if (f->flags & APIGEN_F_ARRAY) {
            free_array(f, base);
        } else {
            free_value(f, member(base, f->offset));
        }
    }
}

void apigen_model_init(const apigen_model *m, void *value)
{
    memset(value, 0, m->size);
}

void apigen_model_free(const apigen_model *m, void *value)
{
    if (value == NULL)
        return;
    free_fields(m, value);
    memset(value, 0, m->size);
}

/* ------------------------------------------------------------ operations ---- */

const apigen_response *apigen_operation_response(const apigen_operation *op, int status)
{
    const apigen_response *range = NULL, *fallback = NULL;
    for (size_t i = 0; i < op->response_count; i++) {
        int documented = op->responses[i].status;
        if (documented == status)
            return &op->responses[i];
        if (documented >= 1 && documented <= 5 && status >= 100 && documented == status / 100)
            range = &op->responses[i];
        if (documented == 0)
            fallback = &op->responses[i];
    }
    return range ? range : fallback;
}
