/* apigen_rt_parse.c: the parser that faces hostile input. apigen_model_parse reads JSON text
 * (RFC 8259, strictly) straight into a struct, driven by the descriptors; it shares the rule
 * checks and violation reports with the other parts but no parsing code with cJSON. Fuzzed
 * alone by tests/fuzz/fuzz_parse.c. */

#include "apigen_rt_internal.h"

/* ----------------------------------------------------------------- parse ---- */
/* apigen_model_parse reads JSON text straight into the struct, checking each value's rules as
 * soon as it has read it: a strict RFC 8259 parser driven by the descriptors, with no cJSON tree
 * in between (free-form and any values, which the struct keeps as cJSON trees, are built here).
 * One function per JSON construct and per kind of field, all advancing one reader.
 *
 * Nesting is bounded: the walk recurses only along the model's own fields; the containers of
 * skipped, free-form and any values are walked iteratively; and the document may not open more
 * than CJSON_NESTING_LIMIT containers at once, as with cJSON. No byte at or past len is read.
 *
 * Fatal errors (malformed text, an escaped U+0000, memory running out) end the walk and are then
 * the only error reported. Everything else is reported as apigen_model_from_json would, with
 * the rules of each value read checked on the spot: same codes, same paths, document order. */

#define DEPTH_MAX CJSON_NESTING_LIMIT /* containers open at once */
#define KEY_MAX   APIGEN_PATH_MAX     /* bytes of a property name kept for a path */

/* The cursor of one parse, and the first fatal error. */
typedef struct reader {
    const char *s; /* the text */
    size_t len;    /* its length: s[len] is never read */
    size_t i;      /* the next byte */
    size_t depth;  /* objects and arrays open */
    ctx *c;        /* violations, patterns, out of memory */
    bool stop;     /* a fatal error is recorded below; unwind */
    apigen_code code;
    size_t at; /* byte offset of the fatal error */
    const char *what;
    bool reported; /* the fatal error is already errs' only entry, at its value's path */
} reader;

/* A string token: the raw bytes between its quotes, and their length once decoded. */
typedef struct str_token {
    size_t start, end; /* s[start..end) */
    size_t size;       /* decoded bytes, terminating NUL not included */
    bool escaped;      /* holds a backslash: decode rather than copy */
} str_token;

static void parse_object(reader *r, const apigen_model *m, void *out, const seg *at);

/* ------------------------------------------------------------------ reader */

static inline bool stopped(const reader *r)
{
    return r->stop || r->c->oom;
}

/* Records a fatal error (the first one only) and stops the walk. */
static void fail_with(reader *r, apigen_code code, size_t at, const char *what)
{
    if (r->stop)
        return;
    r->stop = true;
    r->code = code;
    r->at = at;
    r->what = what;
}

/* An escaped U+0000 (RFC 8259 allows it): C strings, and so the structs and cJSON, end at NUL,
 * and a cut string would pass for another, so it ends the parse, wherever it is. */
static const char nul_message[] =
    "a string contains U+0000 (\\u0000), which a C string cannot hold";

/* After a read below the value at at stopped: an escaped U+0000 is reported at that path
 * (a string value's own; a property name's or a skipped value's object), as the only error. */
static void fail_here(reader *r, const seg *at)
{
    if (!r->stop || r->reported || r->what != nul_message)
        return;
    apigen_errors_init(r->c->errs);
    apigen_i_report(r->c, at, r->code, "%s (at byte %zu)", r->what, r->at);
    r->reported = true;
}

/* The text is not JSON at byte at. */
static void fail(reader *r, size_t at, const char *what)
{
    fail_with(r, APIGEN_E_SYNTAX, at, what);
}

/* The next byte, or NUL at the end (a raw NUL is no valid next byte either). */
static inline char peek(const reader *r)
{
    return r->i < r->len ? r->s[r->i] : '\0';
}

static inline void skip_ws(reader *r)
{
    while (r->i < r->len) {
        char ch = r->s[r->i];
        if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t')
            return;
        r->i++;
    }
}

/* Skips whitespace, then the byte ch, or fails with what. */
static bool expect(reader *r, char ch, const char *what)
{
    skip_ws(r);
    if (peek(r) != ch) {
        fail(r, r->i, what);
        return false;
    }
    r->i++;
    return true;
}

/* Steps into the object or array at s[i], within the nesting limit. */
static bool enter(reader *r)
{
    if (r->depth >= DEPTH_MAX) {
        fail(r, r->i, "nesting too deep");
        return false;
    }
    r->depth++;
    r->i++;
    return true;
}

/* true, false or null at s[i]. */
static bool literal(reader *r, const char *word, size_t n)
{
    if (r->len - r->i < n || memcmp(r->s + r->i, word, n) != 0) {
        fail(r, r->i, "invalid literal");
        return false;
    }
    r->i += n;
    return true;
}

static inline bool starts_number(char ch)
{
    return ch == '-' || is_digit(ch);
}

/* The JSON type a value starting with ch has, for messages; NULL when no value starts so. */
static const char *token_type_name(char ch)
{
    switch (ch) {
    case '{':
        return "object";
    case '[':
        return "array";
    case '"':
        return "string";
    case 't':
    case 'f':
        return "boolean";
    case 'n':
        return "null";
    default:
        return starts_number(ch) ? "number" : NULL;
    }
}

/* ----------------------------------------------------------------- strings */

static unsigned hex_value(char c)
{
    return (unsigned)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
}

/* The four hex digits at s[i..i+4) if all there before end. */
static bool hex4(const char *s, size_t end, size_t i, unsigned *out)
{
    if (end - i < 4)
        return false;
    unsigned v = 0;
    for (size_t k = i; k < i + 4; k++) {
        if (!is_hex(s[k]))
            return false;
        v = v * 16 + hex_value(s[k]);
    }
    *out = v;
    return true;
}

/* Writes code point u as UTF-8 (a surrogate as the 3 bytes it would take, which is not UTF-8);
 * returns the bytes written. */
static size_t utf8_put(char *out, unsigned u)
{
    if (u < 0x80) {
        out[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        out[0] = (char)(0xC0 | u >> 6);
        out[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        out[0] = (char)(0xE0 | u >> 12);
        out[1] = (char)(0x80 | (u >> 6 & 0x3F));
        out[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | u >> 18);
    out[1] = (char)(0x80 | (u >> 12 & 0x3F));
    out[2] = (char)(0x80 | (u >> 6 & 0x3F));
    out[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

/* The \u escape at s[k] ('\\') before end, a surrogate pair counting as one: its length in the
 * text (6 or 12) and its code point in *u; 0 when its hex digits are not all there. An escaped
 * surrogate that does not pair up stays a surrogate, which utf8_put writes as bytes that are
 * not UTF-8: such a string is then reported as any other invalid UTF-8 (RFC 8259 grammar allows
 * the escape; no Unicode text holds it). */
static size_t unicode_escape(const char *s, size_t end, size_t k, unsigned *u)
{
    unsigned low;
    if (!hex4(s, end, k + 2, u))
        return 0;
    if (*u < 0xD800 || *u > 0xDBFF || end - k < 12 || s[k + 6] != '\\' || s[k + 7] != 'u' ||
        !hex4(s, end, k + 8, &low) || low < 0xDC00 || low > 0xDFFF)
        return 6;
    *u = 0x10000 + ((*u - 0xD800) << 10) + (low - 0xDC00);
    return 12;
}

/* The string at s[i] ('"'), checked and measured; i moves past its closing quote. Raw control
 * characters and unknown escapes are syntax errors; an escaped U+0000 ends the parse too. */
static bool scan_string(reader *r, str_token *t)
{
    const char *s = r->s;
    size_t k = r->i + 1, size = 0;
    t->start = k;
    t->escaped = false;
    for (;;) {
        size_t end = plain_run_end(s, k, r->len); /* the next '"', '\\' or control */
        size += end - k;
        k = end;
        if (k >= r->len) {
            fail(r, r->len, "unterminated string");
            return false;
        }
        unsigned char ch = (unsigned char)s[k];
        if (ch == '"')
            break;
        if (ch < 0x20) {
            fail(r, k, "control character in string");
            return false;
        }
        t->escaped = true;
        char esc = k + 1 < r->len ? s[k + 1] : '\0';
        if (esc == 'u') {
            unsigned u;
            size_t n = unicode_escape(s, r->len, k, &u);
            if (n == 0) {
                fail(r, k, "invalid \\u escape");
                return false;
            }
            if (u == 0) { /* no C string can hold it: a cut string would pass for another */
                fail_with(r, APIGEN_E_ENCODING, k, nul_message);
                return false;
            }
            k += n;
            size += u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
        } else if (esc != '\0' && strchr("\"\\/bfnrt", esc) != NULL) {
            k += 2;
            size++;
        } else {
            fail(r, k, "invalid escape");
            return false;
        }
    }
    t->end = k;
    t->size = size;
    r->i = k + 1;
    return true;
}

/* Writes the decoded bytes of a scanned string and a NUL into out (t->size + 1 bytes). */
static void decode_string(const reader *r, const str_token *t, char *out)
{
    const char *s = r->s;
    if (!t->escaped) {
        memcpy(out, s + t->start, t->size);
        out[t->size] = '\0';
        return;
    }
    size_t n = 0;
    for (size_t k = t->start; k < t->end;) {
        const char *slash = memchr(s + k, '\\', t->end - k);
        size_t plain = slash != NULL ? (size_t)(slash - (s + k)) : t->end - k;
        memcpy(out + n, s + k, plain);
        n += plain;
        k += plain;
        if (k == t->end)
            break;
        char esc = s[k + 1];
        k += 2;
        switch (esc) {
        case 'b':
            out[n++] = '\b';
            break;
        case 'f':
            out[n++] = '\f';
            break;
        case 'n':
            out[n++] = '\n';
            break;
        case 'r':
            out[n++] = '\r';
            break;
        case 't':
            out[n++] = '\t';
            break;
        case 'u': {
            unsigned u = 0;
            k += unicode_escape(s, t->end, k - 2, &u) - 2; /* checked by scan_string */
            n += utf8_put(out + n, u);
            break;
        }
        default: /* '"', '\\', '/' */
            out[n++] = esc;
        }
    }
    out[n] = '\0';
}

/* A new copy of a scanned string, decoded, of exactly the size needed; NULL when memory ran out
 * (reported at at). With pad, zeros follow up to the next multiple of 16 bytes: PCRE2's JIT
 * reads a subject in aligned 16-byte loads, past its end (harmless, never across a page), and
 * valgrind would report the bytes after the NUL as uninitialised. */
static char *take_string(reader *r, const str_token *t, bool pad, const seg *at)
{
    size_t size = pad ? (t->size + 16) & ~(size_t)15 : t->size + 1;
    char *s = apigen_i_alloc(size);
    if (s == NULL) {
        apigen_i_report_oom(r->c, at);
        return NULL;
    }
    decode_string(r, t, s);
    memset(s + t->size, 0, size - t->size);
    return s;
}

/* ----------------------------------------------------------------- numbers */

/* The number at s[i]; what may follow it is for the caller to check. */
static bool scan_number(reader *r, num_token *t)
{
    size_t k = r->i;
    if (!apigen_i_scan_num(r->s, r->len, &k, t)) {
        fail(r, k, "invalid number");
        return false;
    }
    r->i = k;
    return true;
}

/* The double nearest the number; false when memory ran out (reported at at). */
static bool token_double(reader *r, const num_token *t, double *out, const seg *at)
{
    int64_t v;
    if (t->frac_len == 0 && t->exp == 0 && t->int_len <= 15 &&
        apigen_i_number_to_int(r->s, t, &v)) {
        *out = t->negative && v == 0 ? -0.0 : (double)v; /* exact */
        return true;
    }
    if (!apigen_i_number_to_double(r->s, t, out)) {
        apigen_i_report_oom(r->c, at);
        return false;
    }
    return true;
}

/* ----------------------------------------------------------- other values */

/* Reads past the string, number or literal at s[i]. */
static bool skip_scalar(reader *r)
{
    str_token st;
    num_token nt;
    switch (peek(r)) {
    case '"':
        return scan_string(r, &st);
    case 't':
        return literal(r, "true", 4);
    case 'f':
        return literal(r, "false", 5);
    case 'n':
        return literal(r, "null", 4);
    default:
        if (!starts_number(peek(r))) {
            fail(r, r->i, "expected a value");
            return false;
        }
        return scan_number(r, &nt);
    }
}

/* Reads past a property name and its ':'. */
static bool skip_key(reader *r)
{
    str_token t;
    skip_ws(r);
    if (peek(r) != '"') {
        fail(r, r->i, "expected a property name");
        return false;
    }
    return scan_string(r, &t) && expect(r, ':', "expected ':'");
}

static void set_bit(unsigned char *bits, size_t n, bool v)
{
    if (v)
        bits[n / 8] = (unsigned char)(bits[n / 8] | 1u << n % 8);
    else
        bits[n / 8] = (unsigned char)(bits[n / 8] & ~(1u << n % 8));
}

static bool get_bit(const unsigned char *bits, size_t n)
{
    return ((unsigned)bits[n / 8] >> n % 8 & 1u) != 0;
}

/* Reads past the value at s[i] (after whitespace), checking its syntax: iterative, with a bit
 * per open container for object or array. */
static void skip_value(reader *r)
{
    unsigned char objects[(DEPTH_MAX + 7) / 8];
    size_t open = 0;
    for (;;) {
        skip_ws(r);
        char ch = peek(r);
        if (ch == '{' || ch == '[') {
            if (!enter(r))
                return;
            set_bit(objects, open++, ch == '{');
            skip_ws(r);
            if (peek(r) != (ch == '{' ? '}' : ']')) {
                if (ch == '{' && !skip_key(r))
                    return;
                continue; /* to the first member */
            }
            r->i++;
            r->depth--;
            open--;
        } else if (!skip_scalar(r)) {
            return;
        }
        /* after a value: close containers until a ',' leads to the next value */
        for (;;) {
            if (open == 0)
                return;
            bool object = get_bit(objects, open - 1);
            skip_ws(r);
            ch = peek(r);
            if (ch == ',') {
                r->i++;
                if (object && !skip_key(r))
                    return;
                break;
            }
            if (ch != (object ? '}' : ']')) {
                fail(r, r->i, object ? "expected ',' or '}'" : "expected ',' or ']'");
                return;
            }
            r->i++;
            r->depth--;
            open--;
        }
    }
}

/* One new node for the value at s[i]: complete for a scalar, empty for an object or array
 * (stepped into). NULL when the walk stopped. */
static cJSON *build_node(reader *r, const seg *at)
{
    cJSON *node = NULL;
    char ch = peek(r);
    if (ch == '{' || ch == '[') {
        if (!enter(r))
            return NULL;
        node = ch == '{' ? cJSON_CreateObject() : cJSON_CreateArray();
    } else if (ch == '"') {
        str_token t;
        char *s;
        if (!scan_string(r, &t) || (s = take_string(r, &t, false, at)) == NULL) {
            fail_here(r, at);
            return NULL;
        }
        if ((node = cJSON_CreateNull()) == NULL) {
            apigen_i_free(s);
        } else { /* a string node owning s, as cJSON's parser makes them */
            node->type = cJSON_String;
            node->valuestring = s;
        }
    } else if (ch == 't' || ch == 'f' || ch == 'n') {
        if (!skip_scalar(r))
            return NULL;
        node = ch == 'n' ? cJSON_CreateNull() : cJSON_CreateBool(ch == 't');
    } else {
        num_token t;
        double d;
        if (!starts_number(ch)) {
            fail(r, r->i, "expected a value");
            return NULL;
        }
        if (!scan_number(r, &t) || !token_double(r, &t, &d, at))
            return NULL;
        node = cJSON_CreateNumber(d);
        /* keep the digits unless the double holds them and prints them back the same */
        bool plain = t.frac_len == 0 && t.exp == 0 && t.int_len <= 15 && !(t.negative && d == 0);
        if (node != NULL && !plain && isfinite(d) &&
            (node->valuestring = apigen_i_strndup(r->s + t.start, t.end - t.start)) == NULL) {
            cJSON_Delete(node);
            node = NULL;
        }
    }
    if (node == NULL)
        apigen_i_report_oom(r->c, at);
    return node;
}

/* The property name at s[i] and its ':', as a new string for a node; NULL when stopped. */
static char *build_key(reader *r, const seg *at)
{
    str_token t;
    skip_ws(r);
    if (peek(r) != '"') {
        fail(r, r->i, "expected a property name");
        return NULL;
    }
    if (!scan_string(r, &t)) {
        fail_here(r, at);
        return NULL;
    }
    char *key = take_string(r, &t, false, at);
    if (key != NULL && !expect(r, ':', "expected ':'")) {
        apigen_i_free(key);
        key = NULL;
    }
    return key;
}

/* The cJSON tree of the value at s[i], for a free-form or any field at at; NULL when the walk
 * stopped. Iterative: the containers being filled are kept in an array. */
APIGEN_NOINLINE
static cJSON *build_tree(reader *r, const seg *at)
{
    cJSON *open[DEPTH_MAX];
    size_t n = 0;
    cJSON *root = NULL;
    char *key = NULL; /* name of the next member of open[n - 1], an object */
    for (;;) {
        skip_ws(r);
        cJSON *node = build_node(r, at);
        if (node == NULL)
            goto failed;
        if (n == 0) {
            root = node;
        } else {
            node->string = key; /* freed by cJSON_Delete, through the same hooks */
            key = NULL;
            cJSON_AddItemToArray(open[n - 1], node); /* appends, objects too */
        }
        if (json_type(node) == cJSON_Object || json_type(node) == cJSON_Array) {
            bool object = json_type(node) == cJSON_Object;
            open[n++] = node;
            skip_ws(r);
            if (peek(r) != (object ? '}' : ']')) {
                if (object && (key = build_key(r, at)) == NULL)
                    goto failed;
                continue; /* to the first member */
            }
            r->i++;
            r->depth--;
            n--;
        }
        /* after a value: close containers until a ',' leads to the next value */
        for (;;) {
            if (n == 0)
                return root;
            bool object = json_type(open[n - 1]) == cJSON_Object;
            skip_ws(r);
            char ch = peek(r);
            if (ch == ',') {
                r->i++;
                if (object && (key = build_key(r, at)) == NULL)
                    goto failed;
                break;
            }
            if (ch != (object ? '}' : ']')) {
                fail(r, r->i, object ? "expected ',' or '}'" : "expected ',' or ']'");
                goto failed;
            }
            r->i++;
            r->depth--;
            n--;
        }
    }
failed:
    apigen_i_free(key);
    cJSON_Delete(root);
    return NULL;
}

/* ------------------------------------------------------------ field values */

/* The value at s[i] is not of the JSON type f wants: reported, then read past. */
static void mismatch(reader *r, const char *expected, const seg *at)
{
    const char *got = token_type_name(peek(r));
    if (got == NULL) {
        fail(r, r->i, "expected a value");
        return;
    }
    apigen_i_report_unread(r->c, at, APIGEN_E_TYPE, "expected %s, got %s", expected, got);
    skip_value(r);
    fail_here(r, at);
}

static void parse_bool(reader *r, const apigen_field *f, bool *out, const seg *at)
{
    char ch = peek(r);
    if (ch != 't' && ch != 'f') {
        mismatch(r, "boolean", at);
        return;
    }
    if (!skip_scalar(r))
        return;
    *out = ch == 't';
    apigen_i_check_bool(r->c, f->rules, *out, at);
}

/* An integer at s[i], decided on the digits as written ("1.0", "1e2" and "-0" are integers),
 * within [lo, hi] (bits, 64 or 32, names the range in the message). False when it is none, the
 * violation reported. */
static bool parse_integer(reader *r, int64_t lo, int64_t hi, int bits, int64_t *v, const seg *at)
{
    num_token t;
    if (!starts_number(peek(r))) {
        mismatch(r, "integer", at);
        return false;
    }
    if (!scan_number(r, &t))
        return false;
    if (!apigen_i_number_to_int(r->s, &t, v) || *v < lo || *v > hi) {
        int n = t.end - t.start > 40 ? 40 : (int)(t.end - t.start);
        apigen_i_report_unread(r->c, at, APIGEN_E_INTEGER, "%.*s%s is not a %d-bit integer", n,
                               r->s + t.start, (size_t)n < t.end - t.start ? "..." : "", bits);
        return false;
    }
    return true;
}

static void parse_int64(reader *r, const apigen_field *f, int64_t *out, const seg *at)
{
    if (parse_integer(r, INT64_MIN, INT64_MAX, 64, out, at))
        apigen_i_check_int64(r->c, f->rules, *out, at);
}

/* An int32 (format int32): within [-2^31, 2^31-1], on the digits ("2147483647.0" is 2^31-1). */
static void parse_int32(reader *r, const apigen_field *f, int32_t *out, const seg *at)
{
    int64_t v;
    if (!parse_integer(r, INT32_MIN, INT32_MAX, 32, &v, at))
        return;
    *out = (int32_t)v;
    apigen_i_check_int64(r->c, f->rules, v, at);
}

static void parse_double(reader *r, const apigen_field *f, double *out, const seg *at)
{
    num_token t;
    double d;
    if (!starts_number(peek(r))) {
        mismatch(r, "number", at);
        return;
    }
    if (!scan_number(r, &t) || !token_double(r, &t, &d, at))
        return;
    if (!isfinite(d)) {
        apigen_i_report_unread(r->c, at, APIGEN_E_TYPE, "number out of range");
        return;
    }
    *out = d;
    number_value x = {r->s, &t, d};
    apigen_i_check_double(r->c, f->rules, &x, at);
}

static void parse_string(reader *r, const apigen_field *f, char **out, const seg *at)
{
    str_token t;
    if (peek(r) != '"') {
        mismatch(r, "string", at);
        return;
    }
    char *s;
    bool matched = f->rules != NULL && f->rules->pattern != NULL;
    if (!scan_string(r, &t) || (s = take_string(r, &t, matched, at)) == NULL) {
        fail_here(r, at);
        return;
    }
    if (!apigen_i_utf8_scan(s, t.size, NULL)) {
        apigen_i_free(s);
        apigen_i_report_unread(r->c, at, APIGEN_E_ENCODING, "not valid UTF-8");
        return;
    }
    *out = s;
    if (f->rules != NULL)
        apigen_i_check_string(r->c, f->rules, s, t.size, at); /* while it is in the cache */
}

/* A value of an integer enum: an integer of the int64 range, on the digits, then listed. */
static void parse_int_enum(reader *r, const apigen_field *f, int *out, const seg *at)
{
    int64_t v;
    if (!parse_integer(r, INT64_MIN, INT64_MAX, 64, &v, at))
        return;
    if ((*out = apigen_i_enum_int(f->enumeration, v)) != 0) {
        apigen_i_check_enum(r->c, f, *out, at);
    } else {
        char buf[24];
        const char *digits = apigen_i_int_text(v, buf);
        apigen_i_enum_unlisted(r->c, f, out, digits, strlen(digits), at);
        if (*out != 0)
            apigen_i_check_enum(r->c, f, *out, at);
    }
}

APIGEN_NOINLINE
static void parse_enum(reader *r, const apigen_field *f, int *out, const seg *at)
{
    str_token t;
    if (f->enumeration->integer) {
        parse_int_enum(r, f, out, at);
        return;
    }
    if (peek(r) != '"') {
        mismatch(r, "string", at);
        return;
    }
    if (!scan_string(r, &t)) {
        fail_here(r, at);
        return;
    }
    char small[128];
    char *s = t.size < sizeof small ? small : apigen_i_alloc(t.size + 1);
    if (s == NULL) {
        apigen_i_report_oom(r->c, at);
        return;
    }
    decode_string(r, &t, s);
    const apigen_enum *e = f->enumeration;
    size_t k = 0;
    while (k < e->count && strcmp(e->values[k], s) != 0)
        k++;
    if (k < e->count) {
        *out = (int)k + 1;
        apigen_i_check_enum(r->c, f, *out, at);
    } else if (!apigen_i_utf8_scan(s, t.size, NULL)) {
        apigen_i_report_unread(r->c, at, APIGEN_E_ENCODING, "not valid UTF-8");
    } else {
        apigen_i_enum_unlisted(r->c, f, out, s, t.size, at);
        if (*out != 0)
            apigen_i_check_enum(r->c, f, *out, at);
    }
    if (s != small)
        apigen_i_free(s);
}

/* A free-form object or any value: built as a cJSON tree, kept when its strings are UTF-8. */
static void parse_tree(reader *r, const apigen_field *f, cJSON **out, const seg *at)
{
    if (f->kind == APIGEN_KIND_FREEFORM && peek(r) != '{') {
        mismatch(r, "object", at);
        return;
    }
    cJSON *tree = build_tree(r, at);
    if (tree == NULL)
        return;
    size_t before = r->c->unread;
    apigen_i_check_tree(r->c, tree, at);
    if (r->c->unread != before) {
        cJSON_Delete(tree);
        return;
    }
    *out = tree;
    if (f->kind == APIGEN_KIND_FREEFORM)
        apigen_i_check_json_object(r->c, f->rules, tree, at);
}

/* One value of f (a whole field, or one item of an array field) at s[i] into slot. */
static void parse_value(reader *r, const apigen_field *f, void *slot, const seg *at)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        parse_bool(r, f, slot, at);
        break;
    case APIGEN_KIND_INT64:
        parse_int64(r, f, slot, at);
        break;
    case APIGEN_KIND_INT32:
        parse_int32(r, f, slot, at);
        break;
    case APIGEN_KIND_DOUBLE:
        parse_double(r, f, slot, at);
        break;
    case APIGEN_KIND_STRING:
        parse_string(r, f, slot, at);
        break;
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM: /* its value is an int at the start */
        parse_enum(r, f, slot, at);
        break;
    case APIGEN_KIND_OBJECT:
        if (peek(r) == '{')
            parse_object(r, f->model, slot, at);
        else
            mismatch(r, "object", at);
        break;
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        parse_tree(r, f, slot, at);
        break;
    case APIGEN_KIND_UNION: {
        /* the value's tree, once, on which the alternatives are tried (apigen_union) */
        cJSON *tree = build_tree(r, at);
        if (tree != NULL) {
            apigen_i_read_union(r->c, f->union_, tree, slot, at);
            cJSON_Delete(tree);
        }
        break;
    }
    case APIGEN_KIND_FILE: { /* a spec example's file: the string's UTF-8 bytes */
        char *s = NULL;
        parse_string(r, f, &s, at);
        if (s != NULL)
            *(apigen_file *)slot = (apigen_file){{s, strlen(s)}, NULL, NULL};
        break;
    }
    }
}

/* Makes room for twice as many items (at least 4), zeroed past the ones kept. */
static bool grow_items(reader *r, void **items, size_t *cap, size_t size, const seg *at)
{
    size_t n = *cap ? *cap * 2 : 4;
    char *grown = n <= SIZE_MAX / 2 / size ? apigen_i_alloc(n * size) : NULL;
    if (grown == NULL) {
        apigen_i_report_oom(r->c, at);
        return false;
    }
    if (*items != NULL)
        memcpy(grown, *items, *cap * size);
    memset(grown + *cap * size, 0, (n - *cap) * size);
    apigen_i_free(*items);
    *items = grown;
    *cap = n;
    return true;
}

/* An array field at s[i]. Items are counted as they come, so that the struct can be freed at
 * any point. Returns whether every item was read (array rules apply then). */
static bool parse_array(reader *r, const apigen_field *f, void *base, const seg *at)
{
    if (peek(r) != '[') {
        mismatch(r, "array", at);
        return false;
    }
    if (!enter(r))
        return false;
    skip_ws(r);
    if (peek(r) == ']') {
        r->i++;
        r->depth--;
        return true;
    }
    void **items = member(base, f->offset);
    size_t *count = member(base, f->count_offset);
    size_t size = apigen_i_value_size(f), cap = 0, before = r->c->unread;
    for (size_t n = 0;; n++) {
        if (n == cap && !grow_items(r, items, &cap, size, at))
            return false;
        *count = n + 1;
        seg s = {at, NULL, n};
        skip_ws(r);
        parse_value(r, f, (char *)*items + n * size, &s);
        if (stopped(r))
            return false;
        skip_ws(r);
        char ch = peek(r);
        if (ch == ']')
            break;
        if (ch != ',') {
            fail(r, r->i, "expected ',' or ']'");
            return false;
        }
        r->i++;
    }
    r->i++;
    r->depth--;
    return r->c->unread == before;
}

/* The document's object items of the array at s[start..r->i) as JSON trees into d->trees
 * (an allocation of n pointers: free the trees with free_item_trees). False when memory ran
 * out (reported). */
static bool item_trees(reader *r, size_t start, size_t n, doc_items *d, const seg *at)
{
    reader sub = *r; /* read again: the text is known to be JSON */
    sub.i = start;
    cJSON *tree = build_tree(&sub, at);
    cJSON **trees = tree != NULL ? apigen_i_alloc(n * sizeof *trees) : NULL;
    if (trees == NULL) {
        if (tree != NULL)
            apigen_i_report_oom(r->c, at);
        cJSON_Delete(tree);
        return false;
    }
    size_t i = 0;
    for (cJSON *x = tree->child; x != NULL && i < n; x = x->next)
        trees[i++] = x;
    d->trees = trees;
    d->root = tree;
    return i == n;
}

static void free_item_trees(doc_items *d)
{
    cJSON_Delete(d->root);
    apigen_i_free((void *)(uintptr_t)d->trees);
}

/* The rules of an array field just read from s[start..r->i). uniqueItems judges the
 * document's values (README "Exact numbers"): number items by their tokens (9007199254740993
 * and 9007199254740992 are distinct though one double holds both), object items as the JSON
 * the document wrote (members the model does not name included, numbers exactly). */
static void check_parsed_items(reader *r, const apigen_field *f, const void *base, size_t start,
                               const seg *at)
{
    size_t n;
    apigen_i_array_items(f, base, &n);
    const apigen_rules *rules = f->rules;
    bool unique = rules != NULL && (rules->bounds & APIGEN_B_UNIQUE_ITEMS) && n >= 2 &&
                  !((rules->bounds & APIGEN_B_MAX_ITEMS) && (int64_t)n > rules->max_items);
    doc_items d = {NULL, NULL, NULL, NULL};
    if (unique && f->kind == APIGEN_KIND_OBJECT) {
        if (item_trees(r, start, n, &d, at))
            apigen_i_check_items(r->c, f, base, &d, at);
        if (d.trees != NULL)
            free_item_trees(&d);
        return;
    }
    if (!unique || f->kind != APIGEN_KIND_DOUBLE) {
        apigen_i_check_items(r->c, f, base, NULL, at);
        return;
    }
    num_token *toks = n <= SIZE_MAX / sizeof *toks ? apigen_i_alloc(n * sizeof *toks) : NULL;
    if (toks == NULL) {
        apigen_i_report_oom(r->c, at);
        return;
    }
    /* the array read without a violation: '[', numbers separated by ',', whitespace */
    size_t k = start;
    for (size_t i = 0; i < n; i++) {
        while (k < r->i && r->s[k] != '-' && (r->s[k] < '0' || r->s[k] > '9'))
            k++; /* whitespace, '[' and ',' */
        apigen_i_scan_num(r->s, r->i, &k, &toks[i]);
    }
    d.doc = r->s;
    d.toks = toks;
    apigen_i_check_items(r->c, f, base, &d, at);
    apigen_i_free(toks);
}

/* ------------------------------------------------------------------ maps */

/* The next member's name at s[i] (after '{' or ',') into t, and its ':'; false when stopped. */
static bool member_name(reader *r, str_token *t, const seg *at)
{
    skip_ws(r);
    if (peek(r) != '"') {
        fail(r, r->i, "expected a property name");
        return false;
    }
    if (!scan_string(r, t) || !expect(r, ':', "expected ':'")) {
        fail_here(r, at);
        return false;
    }
    return true;
}

/* After a member's value: true past a ',' (a member follows); false past the object's '}' or
 * when stopped. */
static bool member_next(reader *r)
{
    if (stopped(r))
        return false;
    skip_ws(r);
    char ch = peek(r);
    if (ch == '}') {
        r->i++;
        return false;
    }
    if (ch != ',') {
        fail(r, r->i, "expected ',' or '}'");
        return false;
    }
    r->i++;
    return true;
}

/* The member whose name t was just scanned (its ':' read) as a new entry of map field f of
 * base (*cap as apigen_i_map_append); names: the propertyNames rules its key will be checked
 * against (a pattern needs the padded copy). A key that is not UTF-8 is reported and its value
 * skipped. */
static void parse_entry(reader *r, const apigen_field *f, void *base, size_t *cap,
                        const apigen_rules *names, const str_token *t, const seg *at)
{
    char *key = take_string(r, t, names != NULL && names->pattern != NULL, at);
    if (key == NULL)
        return;
    seg s = {at, r->c->secret ? apigen_i_hidden_key : key, 0};
    if (!apigen_i_utf8_scan(key, t->size, NULL)) {
        apigen_i_report_unread(r->c, &s, APIGEN_E_ENCODING, "property name not valid UTF-8");
        apigen_i_free(key);
        skip_value(r);
        return;
    }
    char *entry = apigen_i_map_append(f, base, cap);
    if (entry == NULL) {
        apigen_i_free(key);
        apigen_i_report_oom(r->c, at);
        return;
    }
    *(char **)entry = key;
    skip_ws(r);
    parse_value(r, f, entry + f->value_offset, &s);
}

/* A map field at s[i]: every member an entry, then the map's object rules and keys. */
static void parse_map(reader *r, const apigen_field *f, void *base, const seg *at)
{
    if (peek(r) != '{') {
        mismatch(r, "object", at);
        return;
    }
    if (!enter(r))
        return;
    const apigen_rules *names = f->rules != NULL ? f->rules->property_names : NULL;
    size_t cap = 0;
    skip_ws(r);
    if (peek(r) == '}') {
        r->i++;
    } else {
        do {
            str_token t;
            if (!member_name(r, &t, at))
                return;
            parse_entry(r, f, base, &cap, names, &t, at);
        } while (member_next(r));
        if (stopped(r))
            return;
    }
    r->depth--;
    size_t n;
    apigen_i_array_items(f, base, &n);
    apigen_i_check_property_count(r->c, f->rules, n, at);
    apigen_i_check_map_keys(r->c, f, base, NULL, names, at);
}

/* propertyNames of a member no field or map keeps (t, its name). */
APIGEN_NOINLINE
static void check_skipped_name(reader *r, const apigen_rules *names, const str_token *t,
                               const seg *at)
{
    char *key = take_string(r, t, names->pattern != NULL, at);
    if (key == NULL)
        return;
    seg s = {at, r->c->secret ? apigen_i_hidden_key : key, 0};
    if (apigen_i_utf8_scan(key, t->size, NULL))
        apigen_i_check_property_name(r->c, names, key, t->size, &s);
    apigen_i_free(key);
}

/* A property's value at s[i] (after whitespace) into the field f of base. */
static void parse_field(reader *r, const apigen_field *f, void *base, const seg *at)
{
    bool secret = r->c->secret;
    r->c->secret = secret || (f->flags & APIGEN_F_SENSITIVE);
    skip_ws(r);
    if (peek(r) == 'n' && (f->flags & APIGEN_F_NULLABLE)) {
        if (literal(r, "null", 4))
            *(bool *)member(base, f->null_offset) = true;
    } else if (f->flags & APIGEN_F_MAP) {
        parse_map(r, f, base, at);
    } else if (f->flags & APIGEN_F_ARRAY) {
        size_t start = r->i;
        if (parse_array(r, f, base, at) && !stopped(r))
            check_parsed_items(r, f, base, start, at);
    } else {
        parse_value(r, f, member(base, f->offset), at);
    }
    if (f->flags & APIGEN_F_HAS)
        *(bool *)member(base, f->has_offset) = true;
    r->c->secret = secret;
}

/* The property name t, which has escapes, matched against m's fields from hint on: the index or
 * NOT_FOUND. (Functions with buffers are kept out of line: out of the recursive walk's frames.) */
APIGEN_NOINLINE
static size_t match_escaped_key(reader *r, const apigen_model *m, const str_token *t, size_t hint,
                                const seg *at)
{
    char small[KEY_MAX + 1];
    char *key = t->size < sizeof small ? small : apigen_i_alloc(t->size + 1);
    if (key == NULL) {
        apigen_i_report_oom(r->c, at);
        return NOT_FOUND;
    }
    decode_string(r, t, key);
    size_t k = apigen_i_find_field(m, key, t->size, hint);
    if (key != small)
        apigen_i_free(key);
    return k;
}

/* additionalProperties: false, and t is no field of m. */
APIGEN_NOINLINE
static void report_additional(reader *r, const apigen_model *m, const str_token *t, const seg *at)
{
    char small[KEY_MAX + 1]; /* a path keeps no more of it */
    char *key = t->size < sizeof small ? small : apigen_i_alloc(t->size + 1);
    if (key == NULL) {
        apigen_i_report_oom(r->c, at);
        return;
    }
    decode_string(r, t, key);
    seg s = {at, r->c->secret ? apigen_i_hidden_key : key, 0};
    apigen_i_report(r->c, &s, APIGEN_E_ADDITIONAL, "property not allowed in %s", m->name);
    if (key != small)
        apigen_i_free(key);
}

/* The members of a non-empty object of model m, after its '{'; marks the fields read in seen
 * and counts the members in *keys. */
static void parse_members(reader *r, const apigen_model *m, void *out, uint64_t *seen, size_t *keys,
                          const seg *at)
{
    size_t hint = 0, cap = 0;
    const apigen_rules *names = m->rules != NULL ? m->rules->property_names : NULL;
    do {
        ++*keys;
        str_token t;
        if (!member_name(r, &t, at))
            return;
        size_t k = t.escaped ? match_escaped_key(r, m, &t, hint, at)
                             : apigen_i_find_field(m, r->s + t.start, t.size, hint);
        if (stopped(r))
            return;
        if (k == NOT_FOUND && m->additional != NULL) {
            bool secret = r->c->secret;
            r->c->secret = secret || (m->additional->flags & APIGEN_F_SENSITIVE);
            parse_entry(r, m->additional, out, &cap, names, &t, at);
            r->c->secret = secret;
        } else if (k == NOT_FOUND) {
            if (m->closed)
                report_additional(r, m, &t, at);
            else if (names != NULL)
                check_skipped_name(r, names, &t, at);
            skip_value(r);
        } else if (seen[k / 64] & UINT64_C(1) << (k % 64)) {
            seg s = {at, m->fields[k].name, 0};
            apigen_i_report(r->c, &s, APIGEN_E_DUPLICATE_KEY, "property given twice");
            skip_value(r);
        } else {
            seen[k / 64] |= UINT64_C(1) << (k % 64);
            hint = k + 1;
            seg s = {at, m->fields[k].name, 0};
            if (names != NULL)
                apigen_i_check_property_name(r->c, names, m->fields[k].name,
                                             strlen(m->fields[k].name), &s);
            parse_field(r, &m->fields[k], out, &s);
        }
    } while (member_next(r));
}

/* An object of model m at s[i] ('{') into out (zeroed); then its missing required fields. */
static void parse_object(reader *r, const apigen_model *m, void *out, const seg *at)
{
    if (!enter(r))
        return;
    uint64_t seen_local[4] = {0};
    uint64_t *seen = seen_local;
    size_t words = (m->field_count + 63) / 64;
    if (words > 4 && (seen = apigen_i_alloc_zeroed(words, sizeof *seen)) == NULL) {
        apigen_i_report_oom(r->c, at);
        return;
    }
    skip_ws(r);
    size_t keys = 0;
    if (peek(r) == '}')
        r->i++;
    else
        parse_members(r, m, out, seen, &keys, at);
    fail_here(r, at); /* in a skipped member */
    if (!stopped(r)) {
        r->depth--;
        apigen_i_report_missing(r->c, m, seen, at);
        if (m->additional != NULL)
            apigen_i_check_map_keys(r->c, m->additional, out, NULL,
                                    m->rules != NULL ? m->rules->property_names : NULL, at);
        apigen_i_check_property_count(r->c, m->rules, keys, at);
    }
    if (seen != seen_local)
        apigen_i_free(seen);
}

/* apigen_model_parse with the exempt flag of a direction (ctx.optional). */
static int parse_document(const apigen_model *m, const char *text, size_t len, void *out,
                          apigen_errors *errs, unsigned optional)
{
    apigen_errors_init(errs);
    memset(out, 0, m->size);
    matcher mt;
    apigen_i_matcher_init(&mt);
    ctx c = {errs, 0, 0, false, true, &mt, false, optional, 0, false};
    reader r = {text, text ? len : 0, 0, 0, &c, false, APIGEN_OK, 0, NULL, false};
    if (text == NULL) {
        fail(&r, 0, "no text");
    } else {
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
            r.i = 3; /* a byte order mark, which RFC 8259 lets parsers ignore */
        skip_ws(&r);
        if (apigen_i_is_root(m)) { /* the document is the one field's value */
            if (r.i == r.len)
                fail(&r, r.i, "no JSON value");
            else
                parse_field(&r, &m->fields[0], out, NULL);
        } else if (peek(&r) == '{') {
            parse_object(&r, m, out, NULL);
        } else {
            mismatch(&r, "object", NULL);
        }
        skip_ws(&r);
        if (!stopped(&r) && r.i != len)
            fail(&r, r.i, "text after the JSON value");
    }
    apigen_i_matcher_done(&mt);
    if (r.stop && r.reported) { /* drop what unwinding may have added */
        apigen_error first = errs->items[0];
        apigen_errors_init(errs);
        errs->items[0] = first;
        errs->count = errs->total = 1;
    } else if (r.stop) {
        apigen_errors_init(errs);
        apigen_i_report(&c, NULL, r.code, "%s (at byte %zu)", r.what, r.at);
    }
    if (c.violations == 0)
        return 0;
    apigen_model_free(m, out);
    return -1;
}

int apigen_model_parse(const apigen_model *m, const char *text, size_t len, void *out,
                       apigen_errors *errs)
{
    return parse_document(m, text, len, out, errs, 0);
}

int apigen_model_parse_response(const apigen_model *m, const char *text, size_t len, void *out,
                                apigen_errors *errs)
{
    return parse_document(m, text, len, out, errs, APIGEN_F_WRITE_ONLY);
}
