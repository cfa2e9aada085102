/* apigen_rt.c: the runtime behind every apigen-generated model. Driven by the descriptor tables
 * of apigen_rt.h, it reads cJSON trees into C structs strictly, validates every documented
 * constraint, writes structs back as JSON with exact integers, and frees them. */

#define PCRE2_CODE_UNIT_WIDTH 8
#include "apigen_rt.h"

#include <inttypes.h>
#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define APIGEN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define APIGEN_PRINTF(f, a)
#endif

#define MAX_SAFE_INT    INT64_C(9007199254740991) /* 2^53 - 1 */
#define MAX_SAFE_DOUBLE 9007199254740991.0
#define NOT_FOUND       SIZE_MAX
#define ONES            UINT64_C(0x0101010101010101)
#define HIGHS           UINT64_C(0x8080808080808080)

/* ----------------------------------------------------------------- memory ---- */
/* One pair of functions for every allocation, through cJSON's hooks: strings taken over from a
 * parsed tree and strings copied here are released alike, and tests inject failures there. */

static void *rt_alloc(size_t size)
{
    return cJSON_malloc(size);
}

static void rt_free(void *p)
{
    if (p != NULL)
        cJSON_free(p);
}

/* n zeroed elements of size bytes; NULL on overflow or out of memory. */
static void *rt_alloc_zeroed(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    void *p = rt_alloc(n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

static char *rt_strndup(const char *s, size_t len)
{
    char *copy = rt_alloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

/* The cJSON_* type of a node without its flag bits (cJSON_Invalid for NULL); the same test as
 * cJSON_IsString() and friends, without a call into the library per node. */
static inline int json_type(const cJSON *j)
{
    return j != NULL ? j->type & 0xFF : cJSON_Invalid;
}

static const char *json_type_name(const cJSON *j)
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

/* ------------------------------------------------------------------ UTF-8 ---- */

/* Validates s[0..len) and counts its code points; false on the first invalid sequence. */
static bool utf8_scan(const char *s, size_t len, size_t *code_points)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    size_t continuation = 0;
    while (p < end) {
        if ((size_t)(end - p) >= 8) { /* ASCII runs, 8 bytes at a time */
            uint64_t w;
            memcpy(&w, p, 8);
            if ((w & HIGHS) == 0) {
                p += 8;
                continue;
            }
        }
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t n;
        unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        } else {
            return false;
        }
        if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
            return false;
        for (size_t i = 2; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
        continuation += n - 1;
    }
    if (code_points != NULL)
        *code_points = len - continuation;
    return true;
}

bool apigen_utf8_valid(const char *s, size_t len)
{
    return s != NULL && utf8_scan(s, len, NULL);
}

/* Code points = bytes that are not continuation bytes (10xxxxxx), 8 bytes at a time. */
size_t apigen_utf8_length(const char *s, size_t len)
{
    size_t i = 0, continuation = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t marks = w & HIGHS & ~(w << 1); /* bit 7 of each continuation byte */
        continuation += (size_t)(((marks >> 7) * ONES) >> 56);
    }
    for (; i < len; i++)
        continuation += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - continuation;
}

/* ---------------------------------------------------------------- formats ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_digit(c) || is_alpha(c);
}

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool in_set(char c, const char *set)
{
    return c != '\0' && strchr(set, c) != NULL;
}

/* RFC 3986 unreserved and sub-delims: the characters every URI component allows. */
static bool is_uri_plain(char c)
{
    switch (c) {
    case '-':
    case '.':
    case '_':
    case '~':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
        return true;
    default:
        return is_alnum(c);
    }
}

/* RFC 5322 atext. */
static bool is_atext(char c)
{
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
        return true;
    default:
        return is_alnum(c);
    }
}

/* The value of the n ASCII digits at s, or -1. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* RFC 3339 full-date: YYYY-MM-DD, a real calendar day. */
static bool check_date(const char *s, size_t len)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); second 60 only at 23:59 UTC. */
static bool check_time(const char *s, size_t len)
{
    if (len < 9 || s[2] != ':' || s[5] != ':')
        return false;
    int h = digits(s, 2), m = digits(s + 3, 2), sec = digits(s + 6, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60)
        return false;
    size_t i = 8;
    if (s[i] == '.') {
        size_t first = ++i;
        while (i < len && is_digit(s[i]))
            i++;
        if (i == first)
            return false;
    }
    int offset = 0; /* minutes east of UTC */
    if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i < len && (s[i] == '+' || s[i] == '-')) {
        if (len - i < 6 || s[i + 3] != ':')
            return false;
        int oh = digits(s + i + 1, 2), om = digits(s + i + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return false;
        offset = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
        i += 6;
    } else {
        return false;
    }
    if (i != len)
        return false;
    if (sec == 60) {
        int utc = ((h * 60 + m - offset) % 1440 + 1440) % 1440;
        if (utc != 23 * 60 + 59)
            return false;
    }
    return true;
}

static bool check_date_time(const char *s, size_t len)
{
    return len > 11 && check_date(s, 10) && (s[10] == 'T' || s[10] == 't') &&
           check_time(s + 11, len - 11);
}

static bool check_uuid(const char *s, size_t len)
{
    if (len != 36)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i]))
            return false;
    }
    return true;
}

static bool check_e164(const char *s, size_t len)
{
    if (len < 3 || len > 16 || s[0] != '+' || s[1] == '0')
        return false;
    for (size_t i = 1; i < len; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

/* Dotted-decimal IPv4, no leading zeros. */
static bool check_ipv4(const char *s, size_t len)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= len || s[i] != '.')
                return false;
            i++;
        }
        size_t first = i;
        while (i < len && is_digit(s[i]) && i - first < 3)
            i++;
        size_t n = i - first;
        if (n == 0 || (n > 1 && s[first] == '0') || digits(s + first, n) > 255)
            return false;
    }
    return i == len;
}

/* RFC 4291 text: eight groups of 1-4 hex digits, one "::" for a run of zero groups, an IPv4
 * address for the last two. */
static bool check_ipv6(const char *s, size_t len)
{
    size_t i = 0, groups = 0;
    bool compressed = false;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        compressed = true;
        i = 2;
    } else if (len == 0 || s[0] == ':') {
        return false;
    }
    while (i < len) {
        size_t first = i;
        while (i < len && is_hex(s[i]))
            i++;
        if (i < len && s[i] == '.') {
            if (!check_ipv4(s + first, len - first))
                return false;
            groups += 2;
            break;
        }
        if (i == first || i - first > 4)
            return false;
        groups++;
        if (i == len)
            break;
        if (s[i] != ':' || ++i == len)
            return false;
        if (s[i] == ':') {
            if (compressed)
                return false;
            compressed = true;
            i++;
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

/* RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
static bool check_hostname(const char *s, size_t len, size_t min_labels)
{
    if (len == 0 || len > 253)
        return false;
    size_t i = 0, labels = 0;
    for (;;) {
        size_t first = i;
        while (i < len && (is_alnum(s[i]) || s[i] == '-'))
            i++;
        size_t n = i - first;
        if (n == 0 || n > 63 || s[first] == '-' || s[i - 1] == '-')
            return false;
        labels++;
        if (i == len)
            break;
        if (s[i] != '.')
            return false;
        i++;
    }
    return labels >= min_labels;
}

/* addr-spec: dot-atom or quoted-string local part, "@", a host name with a dot or an address
 * literal ("[192.0.2.1]", "[IPv6:2001:db8::1]"). */
static bool check_email(const char *s, size_t len)
{
    size_t i = 0;
    if (len > 0 && s[0] == '"') {
        for (i = 1; i < len && s[i] != '"'; i++) {
            if (s[i] == '\\')
                i++;
            if (i >= len || s[i] < 32 || s[i] > 126)
                return false;
        }
        if (i >= len)
            return false;
        i++;
    } else {
        for (;;) {
            size_t first = i;
            while (i < len && is_atext(s[i]))
                i++;
            if (i == first)
                return false;
            if (i < len && s[i] == '.') {
                i++;
                continue;
            }
            break;
        }
    }
    if (i > 64 || i >= len || s[i] != '@')
        return false;
    const char *d = s + i + 1;
    size_t n = len - i - 1;
    if (n >= 2 && d[0] == '[' && d[n - 1] == ']') {
        if (n > 7 && memcmp(d + 1, "IPv6:", 5) == 0)
            return check_ipv6(d + 6, n - 7);
        return check_ipv4(d + 1, n - 2);
    }
    return check_hostname(d, n, 2);
}

/* One RFC 3986 character at s[*i]: unreserved, sub-delims, a %XX escape, or one of extra. */
static bool uri_char(const char *s, size_t len, size_t *i, const char *extra)
{
    char c = s[*i];
    if (c == '%') {
        if (len - *i < 3 || !is_hex(s[*i + 1]) || !is_hex(s[*i + 2]))
            return false;
        *i += 3;
        return true;
    }
    if (is_uri_plain(c) || in_set(c, extra)) {
        (*i)++;
        return true;
    }
    return false;
}

/* authority = [ userinfo "@" ] host [ ":" port ] */
static bool check_authority(const char *s, size_t len)
{
    size_t i = 0;
    const char *at = memchr(s, '@', len);
    if (at != NULL) {
        size_t end = (size_t)(at - s);
        while (i < end) {
            if (!uri_char(s, end, &i, ":"))
                return false;
        }
        i = end + 1;
    }
    if (i < len && s[i] == '[') {
        const char *close = memchr(s + i, ']', len - i);
        if (close == NULL)
            return false;
        const char *lit = s + i + 1;
        size_t n = (size_t)(close - lit);
        if (n > 0 && (lit[0] == 'v' || lit[0] == 'V')) { /* IPvFuture */
            size_t j = 1;
            while (j < n && is_hex(lit[j]))
                j++;
            if (j == 1 || j >= n - 1 || lit[j] != '.')
                return false;
            for (j++; j < n;) {
                if (!uri_char(lit, n, &j, ":"))
                    return false;
            }
        } else if (!check_ipv6(lit, n)) {
            return false;
        }
        i = (size_t)(close - s) + 1;
    } else {
        while (i < len && s[i] != ':') {
            if (!uri_char(s, len, &i, ""))
                return false;
        }
    }
    if (i < len) {
        if (s[i] != ':')
            return false;
        for (i++; i < len; i++)
            if (!is_digit(s[i]))
                return false;
    }
    return true;
}

/* RFC 3986 absolute URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ]. */
static bool check_uri(const char *s, size_t len)
{
    if (len == 0 || !is_alpha(s[0]))
        return false;
    size_t i = 1;
    while (i < len && (is_alnum(s[i]) || in_set(s[i], "+-.")))
        i++;
    if (i >= len || s[i] != ':')
        return false;
    i++;
    if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        size_t first = i + 2;
        for (i = first; i < len && !in_set(s[i], "/?#"); i++) {
        }
        if (!check_authority(s + first, i - first))
            return false;
    }
    while (i < len && s[i] != '?' && s[i] != '#') { /* path */
        if (!uri_char(s, len, &i, "/:@"))
            return false;
    }
    if (i < len && s[i] == '?') { /* query */
        for (i++; i < len && s[i] != '#';) {
            if (!uri_char(s, len, &i, "/:@?"))
                return false;
        }
    }
    if (i < len && s[i] == '#') { /* fragment */
        for (i++; i < len;) {
            if (!uri_char(s, len, &i, "/:@?"))
                return false;
        }
    }
    return true;
}

static bool format_check(apigen_format format, const char *s, size_t len)
{
    switch (format) {
    case APIGEN_FORMAT_NONE:
        return true;
    case APIGEN_FORMAT_EMAIL:
        return check_email(s, len);
    case APIGEN_FORMAT_DATE_TIME:
        return check_date_time(s, len);
    case APIGEN_FORMAT_DATE:
        return check_date(s, len);
    case APIGEN_FORMAT_TIME:
        return check_time(s, len);
    case APIGEN_FORMAT_UUID:
        return check_uuid(s, len);
    case APIGEN_FORMAT_URI:
        return check_uri(s, len);
    case APIGEN_FORMAT_E164:
        return check_e164(s, len);
    }
    return false;
}

bool apigen_format_check(apigen_format format, const char *s)
{
    if (format == APIGEN_FORMAT_NONE)
        return true;
    return s != NULL && format_check(format, s, strlen(s));
}

const char *apigen_format_name(apigen_format format)
{
    switch (format) {
    case APIGEN_FORMAT_NONE:
        return "";
    case APIGEN_FORMAT_EMAIL:
        return "email";
    case APIGEN_FORMAT_DATE_TIME:
        return "date-time";
    case APIGEN_FORMAT_DATE:
        return "date";
    case APIGEN_FORMAT_TIME:
        return "time";
    case APIGEN_FORMAT_UUID:
        return "uuid";
    case APIGEN_FORMAT_URI:
        return "uri";
    case APIGEN_FORMAT_E164:
        return "e164";
    }
    return "unknown";
}

/* --------------------------------------------------------------- patterns ---- */

static void *pcre_alloc(PCRE2_SIZE size, void *data)
{
    (void)data;
    return rt_alloc(size);
}

static void pcre_release(void *p, void *data)
{
    (void)data;
    rt_free(p);
}

/* The compiled code of p, compiling and publishing it on first use; a thread that loses the
 * race to publish frees its own copy. NULL with *nomem set when memory ran out. */
static pcre2_code *pattern_code(apigen_pattern *p, bool *nomem)
{
    *nomem = false;
    pcre2_code *code = atomic_load_explicit(&p->code, memory_order_acquire);
    if (code != NULL || p->source == NULL)
        return code;
    pcre2_general_context *gc = pcre2_general_context_create(pcre_alloc, pcre_release, NULL);
    pcre2_compile_context *cc = gc ? pcre2_compile_context_create(gc) : NULL;
    int error = PCRE2_ERROR_HEAP_FAILED;
    PCRE2_SIZE offset;
    if (cc != NULL) {
        pcre2_set_compile_extra_options(cc, APIGEN_PCRE2_EXTRA_OPTIONS);
        code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED, APIGEN_PCRE2_OPTIONS,
                             &error, &offset, cc);
    }
    pcre2_compile_context_free(cc);
    pcre2_general_context_free(gc);
    if (code == NULL) {
        *nomem = error == PCRE2_ERROR_HEAP_FAILED;
        return NULL;
    }
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* failure leaves the interpreter */
    void *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(&p->code, &expected, code, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        pcre2_code_free(code);
        code = expected;
    }
    return code;
}

/* Bump allocation from a buffer on the stack, then the heap (interpreter frames). */
typedef struct stack_arena {
    unsigned char *mem;
    size_t used, cap;
} stack_arena;

static void *arena_alloc(PCRE2_SIZE size, void *data)
{
    stack_arena *a = data;
    size_t n = (size + 15) & ~(size_t)15;
    if (a->cap - a->used >= n) {
        void *p = a->mem + a->used;
        a->used += n;
        return p;
    }
    return rt_alloc(size);
}

static void arena_release(void *p, void *data)
{
    stack_arena *a = data;
    uintptr_t u = (uintptr_t)p, lo = (uintptr_t)a->mem;
    if (u < lo || u >= lo + a->cap)
        rt_free(p);
}

/* Match data for every match of one walk (validate, parse, or a single apigen_pattern_match),
 * kept in the walk's stack frame: no malloc per match, nothing shared between threads.
 * Set gc and md to NULL before first use; matcher_done releases it. */
typedef struct matcher {
    _Alignas(max_align_t) unsigned char mem[512];
    stack_arena arena;
    pcre2_general_context *gc;
    pcre2_match_data *md;
} matcher;

static void matcher_done(matcher *mt)
{
    if (mt->md != NULL)
        pcre2_match_data_free(mt->md);
    if (mt->gc != NULL)
        pcre2_general_context_free(mt->gc);
    mt->md = NULL;
    mt->gc = NULL;
}

/* Matches valid UTF-8: 1 match, 0 no match, -1 cannot compile, -2 out of memory. */
static int pattern_exec(apigen_pattern *p, const char *subject, size_t len, matcher *mt)
{
    bool nomem;
    pcre2_code *code = pattern_code(p, &nomem);
    if (code == NULL)
        return nomem ? -2 : -1;
    if (mt->md == NULL) {
        mt->arena = (stack_arena){mt->mem, 0, sizeof mt->mem};
        mt->gc = pcre2_general_context_create(arena_alloc, arena_release, &mt->arena);
        mt->md = mt->gc ? pcre2_match_data_create(1, mt->gc) : NULL;
        if (mt->md == NULL) {
            matcher_done(mt);
            return -2;
        }
    }
    uint32_t options = PCRE2_NO_UTF_CHECK; /* checked by the caller */
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, options, mt->md, NULL);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, options | PCRE2_NO_JIT, mt->md, NULL);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    return rc == PCRE2_ERROR_NOMEMORY || rc == PCRE2_ERROR_HEAPLIMIT ? -2 : -1;
}

int apigen_pattern_match(apigen_pattern *p, const char *subject, size_t len)
{
    if (p == NULL || subject == NULL)
        return -1;
    if (!utf8_scan(subject, len, NULL))
        return 0;
    matcher mt;
    mt.gc = NULL;
    mt.md = NULL;
    int rc = pattern_exec(p, subject, len, &mt);
    matcher_done(&mt);
    return rc < 0 ? -1 : rc;
}

void apigen_pattern_release(apigen_pattern *p)
{
    if (p == NULL)
        return;
    pcre2_code *code = atomic_exchange_explicit(&p->code, NULL, memory_order_acq_rel);
    pcre2_code_free(code);
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

/* One step of a JSON path, in the stack frame of the walk that is there: a property name, or
 * an array index when name is NULL. Paths are only spelled out when a violation is reported. */
typedef struct seg {
    const struct seg *up;
    const char *name;
    size_t index;
} seg;

/* State of one from_json or validate walk. */
typedef struct ctx {
    apigen_errors *errs; /* may be NULL */
    size_t violations;
    size_t unread; /* violations that left a value unread */
    bool oom;      /* stop walking: memory ran out (reported once) */
    bool steal;    /* the tree is ours (apigen_model_parse): take strings, detach values */
    bool validate; /* from_json checks each value's rules as it reads it (apigen_model_parse) */
    matcher *mt;   /* for patterns; NULL when the walk matches none */
} ctx;

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

static void path_spell(path_buf *p, const seg *at)
{
    if (at == NULL) {
        path_put(p, "$", 1);
        return;
    }
    path_spell(p, at->up);
    if (at->name != NULL) {
        path_put(p, ".", 1);
        path_put(p, at->name, strlen(at->name));
    } else {
        char tmp[32];
        int n = snprintf(tmp, sizeof tmp, "[%zu]", at->index);
        path_put(p, tmp, (size_t)n);
    }
}

/* Writes the path of at into out (APIGEN_PATH_MAX bytes), cut with "..." when too long. */
static void path_format(char *out, const seg *at)
{
    path_buf p = {out, 0};
    path_spell(&p, at);
    if (p.len > APIGEN_PATH_MAX - 1) {
        memcpy(out + APIGEN_PATH_MAX - 4, "...", 3);
        p.len = APIGEN_PATH_MAX - 1;
    }
    out[p.len] = '\0';
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
    vsnprintf(e->message, sizeof e->message, fmt, ap);
}

/* A value breaks a rule (it was read, or validate looks at it). */
APIGEN_PRINTF(4, 5)
static void report(ctx *c, const seg *at, apigen_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, at, code, fmt, ap);
    va_end(ap);
}

/* A value could not be read (its slot stays zero). */
APIGEN_PRINTF(4, 5)
static void report_unread(ctx *c, const seg *at, apigen_code code, const char *fmt, ...)
{
    c->unread++;
    va_list ap;
    va_start(ap, fmt);
    vreport(c, at, code, fmt, ap);
    va_end(ap);
}

static void report_oom(ctx *c, const seg *at)
{
    if (!c->oom)
        report_unread(c, at, APIGEN_E_NO_MEMORY, "out of memory");
    c->oom = true;
}

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
    char tmp[24];
    size_t i = sizeof tmp;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        tmp[--i] = '-';
    put_bytes(w, tmp + i, sizeof tmp - i);
}

/* Shortest of %.15g, %.16g, %.17g that reads back as d, with '.' whatever the locale. */
static void format_double(double d, char out[32])
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
    if (d >= -MAX_SAFE_DOUBLE && d <= MAX_SAFE_DOUBLE && (double)(int64_t)d == d) {
        put_int(w, (int64_t)d);
    } else if (w->data == NULL) {
        w->len += 24; /* "-2.2250738585072014e-308" */
    } else {
        char tmp[32];
        format_double(d, tmp);
        put_bytes(w, tmp, strlen(tmp));
    }
    return true;
}

static inline bool needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* Index of the first byte at or after i that needs escaping, or len; 8 bytes at a time. */
static size_t plain_run_end(const char *s, size_t i, size_t len)
{
    for (; len - i >= 8; i += 8) {
        uint64_t w, quote, slash;
        memcpy(&w, s + i, 8);
        quote = w ^ (ONES * '"');
        slash = w ^ (ONES * '\\');
        if ((((w - ONES * 0x20) & ~w) | ((quote - ONES) & ~quote) | ((slash - ONES) & ~slash)) &
            HIGHS)
            break; /* one of these 8 bytes */
    }
    while (i < len && !needs_escape((unsigned char)s[i]))
        i++;
    return i;
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
    case cJSON_Number:
        if (!put_number(w, j->valuedouble)) {
            if (w->debug)
                put_bytes(w, "null", 4);
            else
                w->failed = true;
        }
        break;
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
            rt_free(w.data);
            return NULL;
        }
        if (run == 0) {
            w.cap = w.len + 1;
            w.len = 0;
            if ((w.data = rt_alloc(w.cap)) == NULL)
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

/* ------------------------------------------------------ descriptor access ---- */

static void *member(void *base, size_t offset)
{
    return (char *)base + offset;
}

static const void *cmember(const void *base, size_t offset)
{
    return (const char *)base + offset;
}

static bool get_flag(const void *base, size_t offset)
{
    return *(const bool *)cmember(base, offset);
}

/* Bytes of one value (one array item) of f. */
static size_t value_size(const apigen_field *f)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return sizeof(bool);
    case APIGEN_KIND_INT64:
        return sizeof(int64_t);
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
    }
    return 0;
}

/* Items of an array field and their number (0 when the pointer is NULL). */
static const void *array_items(const apigen_field *f, const void *base, size_t *count)
{
    const void *items = *(void *const *)cmember(base, f->offset);
    *count = items ? *(const size_t *)cmember(base, f->count_offset) : 0;
    return items;
}

typedef enum presence { P_ABSENT, P_NULL, P_VALUE } presence;

/* Whether a field is written: its has-flag when it has one, then its null-flag; pointers and
 * enums are absent when NULL or 0, optional arrays without a has-flag when empty. */
static presence field_presence(const apigen_field *f, const void *base)
{
    if ((f->flags & APIGEN_F_HAS) && !get_flag(base, f->has_offset))
        return P_ABSENT;
    if ((f->flags & APIGEN_F_NULLABLE) && get_flag(base, f->null_offset))
        return P_NULL;
    const void *slot = cmember(base, f->offset);
    if (f->flags & APIGEN_F_ARRAY) {
        size_t n;
        array_items(f, base, &n);
        return (f->flags & (APIGEN_F_HAS | APIGEN_F_REQUIRED)) || n > 0 ? P_VALUE : P_ABSENT;
    }
    switch (f->kind) {
    case APIGEN_KIND_STRING:
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        return *(void *const *)slot ? P_VALUE : P_ABSENT;
    case APIGEN_KIND_ENUM:
        return *(const int *)slot ? P_VALUE : P_ABSENT;
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
        rt_free(*(char **)slot);
        break;
    case APIGEN_KIND_OBJECT:
        free_fields(f->model, slot);
        break;
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        cJSON_Delete(*(cJSON **)slot);
        break;
    default:
        break;
    }
}

static bool kind_owns_memory(apigen_kind kind)
{
    return kind == APIGEN_KIND_STRING || kind == APIGEN_KIND_OBJECT ||
           kind == APIGEN_KIND_FREEFORM || kind == APIGEN_KIND_ANY;
}

static void free_fields(const apigen_model *m, void *base)
{
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        if (f->flags & APIGEN_F_ARRAY) {
            size_t n;
            char *items = (char *)array_items(f, base, &n);
            if (items != NULL && kind_owns_memory(f->kind)) {
                size_t size = value_size(f);
                for (size_t i = 0; i < n; i++)
                    free_value(f, items + i * size);
            }
            rt_free(items);
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

/* ----------------------------------------------------------------- checks ---- */
/* One function per kind of value; validate walks the struct with them, and from_json calls
 * them on each value it has just read when run by apigen_model_parse. */

static void check_model(ctx *c, const apigen_model *m, const void *base, const seg *at);
static bool model_equal(const apigen_model *m, const void *a, const void *b);

/* Rules of a string s[0..len) already known to be valid UTF-8. */
static void check_string(ctx *c, const apigen_rules *r, const char *s, size_t len, const seg *at)
{
    /* A code point takes 1 to 4 bytes: count only when the byte length does not decide. */
    bool min_open = (r->bounds & APIGEN_B_MIN_LENGTH) && (int64_t)(len / 4) < r->min_length;
    bool max_open = (r->bounds & APIGEN_B_MAX_LENGTH) && (int64_t)len > r->max_length;
    if (min_open || max_open) {
        size_t length = apigen_utf8_length(s, len);
        if ((r->bounds & APIGEN_B_MIN_LENGTH) && (int64_t)length < r->min_length)
            report(c, at, APIGEN_E_MIN_LENGTH, "%zu characters, fewer than minLength %" PRId64,
                   length, r->min_length);
        if ((r->bounds & APIGEN_B_MAX_LENGTH) && (int64_t)length > r->max_length)
            report(c, at, APIGEN_E_MAX_LENGTH, "%zu characters, more than maxLength %" PRId64,
                   length, r->max_length);
    }
    if (r->pattern != NULL) {
        int rc = pattern_exec(r->pattern, s, len, c->mt);
        if (rc == 0)
            report(c, at, APIGEN_E_PATTERN, "does not match %s", r->pattern->source);
        else if (rc == -1)
            report(c, at, APIGEN_E_PATTERN_COMPILE, "cannot compile %s", r->pattern->source);
        else if (rc == -2)
            report_oom(c, at);
    }
    if (r->format != APIGEN_FORMAT_NONE && !format_check(r->format, s, len))
        report(c, at, APIGEN_E_FORMAT, "not a valid %s", apigen_format_name(r->format));
    if ((r->bounds & APIGEN_B_CONST) && r->const_string && strcmp(s, r->const_string) != 0)
        report(c, at, APIGEN_E_CONST, "must be \"%s\"", r->const_string);
}

static void check_bool(ctx *c, const apigen_rules *r, bool v, const seg *at)
{
    if (r && (r->bounds & APIGEN_B_CONST) && v != r->const_bool)
        report(c, at, APIGEN_E_CONST, "must be %s", r->const_bool ? "true" : "false");
}

static void check_int64(ctx *c, const apigen_rules *r, int64_t v, const seg *at)
{
    if (v < -MAX_SAFE_INT || v > MAX_SAFE_INT)
        report(c, at, APIGEN_E_INTEGER, "%" PRId64 " is outside +-(2^53-1)", v);
    if (r == NULL)
        return;
    unsigned b = r->bounds;
    if ((b & APIGEN_B_MINIMUM) && v < r->minimum_int)
        report(c, at, APIGEN_E_MINIMUM, "%" PRId64 " is below minimum %" PRId64, v, r->minimum_int);
    if ((b & APIGEN_B_MAXIMUM) && v > r->maximum_int)
        report(c, at, APIGEN_E_MAXIMUM, "%" PRId64 " is above maximum %" PRId64, v, r->maximum_int);
    if ((b & APIGEN_B_EXCLUSIVE_MINIMUM) && v <= r->minimum_int)
        report(c, at, APIGEN_E_EXCLUSIVE_MINIMUM, "%" PRId64 " is not above %" PRId64, v,
               r->minimum_int);
    if ((b & APIGEN_B_EXCLUSIVE_MAXIMUM) && v >= r->maximum_int)
        report(c, at, APIGEN_E_EXCLUSIVE_MAXIMUM, "%" PRId64 " is not below %" PRId64, v,
               r->maximum_int);
    if ((b & APIGEN_B_CONST) && v != r->const_int)
        report(c, at, APIGEN_E_CONST, "must be %" PRId64, r->const_int);
}

/* Reports a double bound violation with both numbers at their shortest. */
static void report_double(ctx *c, const seg *at, apigen_code code, const char *what, double v,
                          double bound)
{
    char a[32], b[32];
    format_double(v, a);
    format_double(bound, b);
    report(c, at, code, "%s %s %s", a, what, b);
}

static void check_double(ctx *c, const apigen_rules *r, double v, const seg *at)
{
    if (!isfinite(v)) {
        report(c, at, APIGEN_E_TYPE, "not a finite number");
        return;
    }
    if (r == NULL)
        return;
    unsigned b = r->bounds;
    if ((b & APIGEN_B_MINIMUM) && v < r->minimum)
        report_double(c, at, APIGEN_E_MINIMUM, "is below minimum", v, r->minimum);
    if ((b & APIGEN_B_MAXIMUM) && v > r->maximum)
        report_double(c, at, APIGEN_E_MAXIMUM, "is above maximum", v, r->maximum);
    if ((b & APIGEN_B_EXCLUSIVE_MINIMUM) && v <= r->minimum)
        report_double(c, at, APIGEN_E_EXCLUSIVE_MINIMUM, "is not above", v, r->minimum);
    if ((b & APIGEN_B_EXCLUSIVE_MAXIMUM) && v >= r->maximum)
        report_double(c, at, APIGEN_E_EXCLUSIVE_MAXIMUM, "is not below", v, r->maximum);
    if ((b & APIGEN_B_CONST) && v != r->const_double)
        report_double(c, at, APIGEN_E_CONST, "is not the const", v, r->const_double);
}

static void check_enum(ctx *c, const apigen_field *f, int v, const seg *at)
{
    const apigen_enum *e = f->enumeration;
    if (v < 1 || (size_t)v > e->count) {
        report(c, at, APIGEN_E_ENUM, "%d is not a value of %s", v, e->name);
        return;
    }
    const apigen_rules *r = f->rules;
    if (r && (r->bounds & APIGEN_B_CONST) && r->const_string &&
        strcmp(e->values[v - 1], r->const_string) != 0)
        report(c, at, APIGEN_E_CONST, "must be \"%s\"", r->const_string);
}

/* The rules of f that apply to one value (all but the *_items ones), nested objects included. */
static void check_value(ctx *c, const apigen_field *f, const void *slot, const seg *at)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        check_bool(c, f->rules, *(const bool *)slot, at);
        break;
    case APIGEN_KIND_INT64:
        check_int64(c, f->rules, *(const int64_t *)slot, at);
        break;
    case APIGEN_KIND_DOUBLE:
        check_double(c, f->rules, *(const double *)slot, at);
        break;
    case APIGEN_KIND_STRING: {
        const char *s = *(char *const *)slot;
        size_t len = s ? strlen(s) : 0;
        if (s == NULL)
            report(c, at, APIGEN_E_TYPE, "expected string, got NULL");
        else if (!utf8_scan(s, len, NULL))
            report(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
        else if (f->rules != NULL)
            check_string(c, f->rules, s, len, at);
        break;
    }
    case APIGEN_KIND_ENUM:
        check_enum(c, f, *(const int *)slot, at);
        break;
    case APIGEN_KIND_OBJECT:
        check_model(c, f->model, slot, at);
        break;
    case APIGEN_KIND_FREEFORM: {
        const cJSON *j = *(cJSON *const *)slot;
        if (json_type(j) != cJSON_Object)
            report(c, at, APIGEN_E_TYPE, "expected object, got %s", json_type_name(j));
        break;
    }
    case APIGEN_KIND_ANY:
        break;
    }
}

/* Whether two values of f (single, not arrays) are equal as JSON. */
static bool value_equal(const apigen_field *f, const void *a, const void *b)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return *(const bool *)a == *(const bool *)b;
    case APIGEN_KIND_INT64:
        return *(const int64_t *)a == *(const int64_t *)b;
    case APIGEN_KIND_DOUBLE:
        return *(const double *)a == *(const double *)b;
    case APIGEN_KIND_ENUM:
        return *(const int *)a == *(const int *)b;
    case APIGEN_KIND_STRING: {
        const char *x = *(char *const *)a, *y = *(char *const *)b;
        return x == y || (x && y && strcmp(x, y) == 0);
    }
    case APIGEN_KIND_OBJECT:
        return model_equal(f->model, a, b);
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY: {
        const cJSON *x = *(cJSON *const *)a, *y = *(cJSON *const *)b;
        return x == y || (x && y && cJSON_Compare(x, y, 1));
    }
    }
    return false;
}

static bool model_equal(const apigen_model *m, const void *a, const void *b)
{
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        presence pa = field_presence(f, a), pb = field_presence(f, b);
        if (pa != pb)
            return false;
        if (pa != P_VALUE)
            continue;
        if (f->flags & APIGEN_F_ARRAY) {
            size_t na, nb, size = value_size(f);
            const char *ia = array_items(f, a, &na), *ib = array_items(f, b, &nb);
            if (na != nb)
                return false;
            for (size_t i = 0; i < na; i++)
                if (!value_equal(f, ia + i * size, ib + i * size))
                    return false;
        } else if (!value_equal(f, cmember(a, f->offset), cmember(b, f->offset))) {
            return false;
        }
    }
    return true;
}

/* minItems, maxItems and uniqueItems of an array field (pairwise: O(n^2) comparisons). */
static void check_items(ctx *c, const apigen_field *f, const void *base, const seg *at)
{
    const apigen_rules *r = f->rules;
    if (r == NULL)
        return;
    size_t n, size = value_size(f);
    const char *items = array_items(f, base, &n);
    if ((r->bounds & APIGEN_B_MIN_ITEMS) && (int64_t)n < r->min_items)
        report(c, at, APIGEN_E_MIN_ITEMS, "%zu items, fewer than minItems %" PRId64, n,
               r->min_items);
    if ((r->bounds & APIGEN_B_MAX_ITEMS) && (int64_t)n > r->max_items)
        report(c, at, APIGEN_E_MAX_ITEMS, "%zu items, more than maxItems %" PRId64, n,
               r->max_items);
    if (!(r->bounds & APIGEN_B_UNIQUE_ITEMS))
        return;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = i + 1; k < n; k++) {
            if (value_equal(f, items + i * size, items + k * size)) {
                report(c, at, APIGEN_E_UNIQUE_ITEMS, "items %zu and %zu are equal", i, k);
                return;
            }
        }
    }
}

static void check_model(ctx *c, const apigen_model *m, const void *base, const seg *at)
{
    for (size_t k = 0; k < m->field_count && !c->oom; k++) {
        const apigen_field *f = &m->fields[k];
        seg s = {at, f->name, 0};
        presence p = field_presence(f, base);
        if (p == P_ABSENT) {
            if (f->flags & APIGEN_F_REQUIRED)
                report(c, &s, APIGEN_E_REQUIRED, "required property missing");
        } else if (p == P_VALUE && (f->flags & APIGEN_F_ARRAY)) {
            size_t n, size = value_size(f);
            const char *items = array_items(f, base, &n);
            check_items(c, f, base, &s);
            for (size_t i = 0; i < n && !c->oom; i++) {
                seg item = {&s, NULL, i};
                check_value(c, f, items + i * size, &item);
            }
        } else if (p == P_VALUE) {
            check_value(c, f, cmember(base, f->offset), &s);
        }
    }
}

int apigen_model_validate(const apigen_model *m, const void *value, apigen_errors *errs)
{
    apigen_errors_init(errs);
    matcher mt;
    mt.gc = NULL;
    mt.md = NULL;
    ctx c = {errs, 0, 0, false, false, false, &mt};
    check_model(&c, m, value, NULL);
    matcher_done(&mt);
    return c.violations == 0 ? 0 : -1;
}

/* ------------------------------------------------------------- from_json ---- */
/* Each read_* checks the JSON type, stores the value, and returns whether it did. */

static void read_object(ctx *c, const apigen_model *m, cJSON *j, void *out, const seg *at);

static void type_error(ctx *c, const seg *at, const char *expected, const cJSON *j)
{
    report_unread(c, at, APIGEN_E_TYPE, "expected %s, got %s", expected, json_type_name(j));
}

/* Reports every string in a tree that is not valid UTF-8 (property names included). */
static void check_tree_utf8(ctx *c, const cJSON *j, const seg *at)
{
    bool object = json_type(j) == cJSON_Object;
    size_t i = 0;
    for (const cJSON *child = j->child; child != NULL; child = child->next, i++) {
        seg s = {at, object ? child->string : NULL, i};
        if (s.name != NULL && !utf8_scan(s.name, strlen(s.name), NULL)) {
            report_unread(c, at, APIGEN_E_ENCODING, "property name is not valid UTF-8");
            s.name = "?";
        }
        check_tree_utf8(c, child, &s);
    }
    if (json_type(j) == cJSON_String && j->valuestring != NULL &&
        !utf8_scan(j->valuestring, strlen(j->valuestring), NULL))
        report_unread(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
}

static bool read_string(ctx *c, const apigen_field *f, cJSON *j, char **out, const seg *at)
{
    if (json_type(j) != cJSON_String || j->valuestring == NULL) {
        type_error(c, at, "string", j);
        return false;
    }
    size_t len = strlen(j->valuestring);
    if (!utf8_scan(j->valuestring, len, NULL)) {
        report_unread(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
        return false;
    }
    if (c->steal) {
        *out = j->valuestring;
        j->valuestring = NULL;
    } else if ((*out = rt_strndup(j->valuestring, len)) == NULL) {
        report_oom(c, at);
        return false;
    }
    if (c->validate && f->rules != NULL)
        check_string(c, f->rules, *out, len, at); /* while it is in the cache */
    return true;
}

static bool read_int64(ctx *c, const cJSON *j, int64_t *out, const seg *at)
{
    if (json_type(j) != cJSON_Number) {
        type_error(c, at, "integer", j);
        return false;
    }
    double d = j->valuedouble;
    if (!(d >= -MAX_SAFE_DOUBLE && d <= MAX_SAFE_DOUBLE) || (double)(int64_t)d != d) {
        char tmp[32];
        format_double(d, tmp);
        report_unread(c, at, APIGEN_E_INTEGER, "%s is not an integer within +-(2^53-1)", tmp);
        return false;
    }
    *out = (int64_t)d;
    return true;
}

static bool read_double(ctx *c, const cJSON *j, double *out, const seg *at)
{
    if (json_type(j) != cJSON_Number) {
        type_error(c, at, "number", j);
        return false;
    }
    if (!isfinite(j->valuedouble)) {
        report_unread(c, at, APIGEN_E_TYPE, "number out of range");
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

static bool read_enum(ctx *c, const apigen_enum *e, const cJSON *j, int *out, const seg *at)
{
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
    if (!utf8_scan(j->valuestring, strlen(j->valuestring), NULL))
        report_unread(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
    else
        report_unread(c, at, APIGEN_E_ENUM, "\"%s\" is not a value of %s", j->valuestring, e->name);
    return false;
}

/* Free-form objects and any values: checked for UTF-8, then copied, or detached from a tree
 * that is ours. */
static bool read_tree(ctx *c, cJSON *parent, cJSON *j, cJSON **out, const seg *at)
{
    size_t before = c->unread;
    check_tree_utf8(c, j, at);
    if (c->unread != before)
        return false;
    if (c->steal) {
        *out = cJSON_DetachItemViaPointer(parent, j);
        if (!(j->type & cJSON_StringIsConst))
            rt_free(j->string);
        j->string = NULL;
    } else if ((*out = cJSON_Duplicate(j, 1)) == NULL) {
        report_oom(c, at);
        return false;
    }
    return true;
}

/* One value of f (a whole field, or one item of an array field) into slot, then its rules
 * when validating (strings check theirs in read_string, objects field by field). */
static void read_value(ctx *c, const apigen_field *f, cJSON *parent, cJSON *j, void *slot,
                       const seg *at)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        if (read_bool(c, j, slot, at) && c->validate)
            check_bool(c, f->rules, *(bool *)slot, at);
        break;
    case APIGEN_KIND_INT64:
        if (read_int64(c, j, slot, at) && c->validate)
            check_int64(c, f->rules, *(int64_t *)slot, at);
        break;
    case APIGEN_KIND_DOUBLE:
        if (read_double(c, j, slot, at) && c->validate)
            check_double(c, f->rules, *(double *)slot, at);
        break;
    case APIGEN_KIND_STRING:
        read_string(c, f, j, slot, at);
        break;
    case APIGEN_KIND_ENUM:
        if (read_enum(c, f->enumeration, j, slot, at) && c->validate)
            check_enum(c, f, *(int *)slot, at);
        break;
    case APIGEN_KIND_OBJECT:
        read_object(c, f->model, j, slot, at);
        break;
    case APIGEN_KIND_FREEFORM:
        if (json_type(j) == cJSON_Object)
            read_tree(c, parent, j, slot, at);
        else
            type_error(c, at, "object", j);
        break;
    case APIGEN_KIND_ANY:
        read_tree(c, parent, j, slot, at);
        break;
    }
}

static bool read_array(ctx *c, const apigen_field *f, cJSON *j, void *base, const seg *at)
{
    if (json_type(j) != cJSON_Array) {
        type_error(c, at, "array", j);
        return false;
    }
    size_t n = 0;
    for (const cJSON *child = j->child; child != NULL; child = child->next)
        n++;
    if (n == 0)
        return true;
    size_t size = value_size(f);
    char *items = rt_alloc_zeroed(n, size);
    if (items == NULL) {
        report_oom(c, at);
        return false;
    }
    *(void **)member(base, f->offset) = items; /* zeroed: free is safe at any point */
    *(size_t *)member(base, f->count_offset) = n;
    size_t i = 0, before = c->unread;
    for (cJSON *child = j->child, *next; child != NULL && !c->oom; child = next, i++) {
        next = child->next;
        seg s = {at, NULL, i};
        read_value(c, f, j, child, items + i * size, &s);
    }
    return c->unread == before; /* items checks only on items that were all read */
}

static void read_field(ctx *c, const apigen_field *f, cJSON *parent, cJSON *j, void *base,
                       const seg *at)
{
    if (json_type(j) == cJSON_NULL && (f->flags & APIGEN_F_NULLABLE)) {
        *(bool *)member(base, f->null_offset) = true;
    } else if (f->flags & APIGEN_F_ARRAY) {
        if (read_array(c, f, j, base, at) && c->validate)
            check_items(c, f, base, at);
    } else {
        read_value(c, f, parent, j, member(base, f->offset), at);
    }
    if (f->flags & APIGEN_F_HAS)
        *(bool *)member(base, f->has_offset) = true;
}

/* Index of the field named key, searched from hint on (properties usually come in the
 * declared order), or NOT_FOUND. */
static size_t find_field(const apigen_model *m, const char *key, size_t hint)
{
    if (key == NULL)
        return NOT_FOUND;
    for (size_t pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? hint : 0, to = pass == 0 ? m->field_count : hint;
        for (size_t k = from; k < to; k++) {
            const char *name = m->fields[k].name;
            if (name[0] == key[0] && strcmp(name, key) == 0)
                return k;
        }
    }
    return NOT_FOUND;
}

/* Walks the object's properties once, matching each against the fields; the first of
 * duplicate properties wins, as with cJSON_GetObjectItem. out is zeroed. */
static void read_object(ctx *c, const apigen_model *m, cJSON *j, void *out, const seg *at)
{
    if (json_type(j) != cJSON_Object) {
        type_error(c, at, "object", j);
        return;
    }
    uint64_t seen_local[4] = {0};
    uint64_t *seen = seen_local;
    size_t words = (m->field_count + 63) / 64;
    if (words > 4 && (seen = rt_alloc_zeroed(words, sizeof *seen)) == NULL) {
        report_oom(c, at);
        return;
    }
    size_t hint = 0;
    for (cJSON *child = j->child, *next; child != NULL && !c->oom; child = next) {
        next = child->next;
        size_t k = find_field(m, child->string, hint);
        if (k == NOT_FOUND) {
            if (m->closed) {
                seg s = {at, child->string ? child->string : "", 0};
                report(c, &s, APIGEN_E_ADDITIONAL, "property not allowed in %s", m->name);
            }
            continue;
        }
        hint = k + 1;
        uint64_t bit = UINT64_C(1) << (k % 64);
        if (seen[k / 64] & bit)
            continue;
        seen[k / 64] |= bit;
        seg s = {at, m->fields[k].name, 0};
        read_field(c, &m->fields[k], j, child, out, &s);
    }
    for (size_t k = 0; k < m->field_count && !c->oom; k++) {
        if ((m->fields[k].flags & APIGEN_F_REQUIRED) && !(seen[k / 64] & UINT64_C(1) << (k % 64))) {
            seg s = {at, m->fields[k].name, 0};
            report_unread(c, &s, APIGEN_E_REQUIRED, "required property missing");
        }
    }
    if (seen != seen_local)
        rt_free(seen);
}

static int from_json(ctx *c, const apigen_model *m, cJSON *json, void *out)
{
    memset(out, 0, m->size);
    if (json == NULL)
        report_unread(c, NULL, APIGEN_E_TYPE, "expected object, got nothing");
    else
        read_object(c, m, json, out, NULL);
    if (c->violations == 0)
        return 0;
    apigen_model_free(m, out);
    return -1;
}

int apigen_model_from_json(const apigen_model *m, const cJSON *json, void *out, apigen_errors *errs)
{
    apigen_errors_init(errs);
    ctx c = {errs, 0, 0, false, false, false, NULL};
    /* Neither stolen from nor validated: the tree is only read. */
    return from_json(&c, m, (cJSON *)json, out);
}

/* --------------------------------------------------------------- to_json ---- */

static cJSON *build_object(const apigen_model *m, const void *base);

/* A new node for one value of f; NULL only when memory ran out. */
static cJSON *build_value(const apigen_field *f, const void *slot)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return cJSON_CreateBool(*(const bool *)slot);
    case APIGEN_KIND_INT64:
        return cJSON_CreateNumber((double)*(const int64_t *)slot);
    case APIGEN_KIND_DOUBLE:
        return cJSON_CreateNumber(*(const double *)slot);
    case APIGEN_KIND_STRING: {
        const char *s = *(char *const *)slot;
        return s ? cJSON_CreateString(s) : cJSON_CreateNull();
    }
    case APIGEN_KIND_ENUM: {
        int v = *(const int *)slot;
        const apigen_enum *e = f->enumeration;
        /* enum strings are static descriptor data: referenced, not copied */
        return v >= 1 && (size_t)v <= e->count ? cJSON_CreateStringReference(e->values[v - 1])
                                               : cJSON_CreateNull();
    }
    case APIGEN_KIND_OBJECT:
        return build_object(f->model, slot);
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY: {
        const cJSON *j = *(cJSON *const *)slot;
        return j ? cJSON_Duplicate(j, 1) : cJSON_CreateNull();
    }
    }
    return NULL;
}

static cJSON *build_array(const apigen_field *f, const void *base)
{
    size_t n, size = value_size(f);
    const char *items = array_items(f, base, &n);
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

static cJSON *build_object(const apigen_model *m, const void *base)
{
    cJSON *obj = cJSON_CreateObject();
    for (size_t k = 0; k < m->field_count && obj != NULL; k++) {
        const apigen_field *f = &m->fields[k];
        presence p = field_presence(f, base);
        if (p == P_ABSENT)
            continue;
        cJSON *item = p == P_NULL                   ? cJSON_CreateNull()
                      : (f->flags & APIGEN_F_ARRAY) ? build_array(f, base)
                                                    : build_value(f, cmember(base, f->offset));
        /* names are static descriptor data: not copied */
        if (item == NULL || !cJSON_AddItemToObjectCS(obj, f->name, item)) {
            cJSON_Delete(item);
            cJSON_Delete(obj);
            obj = NULL;
        }
    }
    return obj;
}

cJSON *apigen_model_to_json(const apigen_model *m, const void *value)
{
    return build_object(m, value);
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
    case APIGEN_KIND_ENUM: {
        int v = *(const int *)slot;
        const apigen_enum *e = f->enumeration;
        if (v >= 1 && (size_t)v <= e->count)
            put_string(w, e->values[v - 1], strlen(e->values[v - 1]));
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
    }
}

static void put_model(writer *w, const apigen_model *m, const void *base)
{
    bool first = true;
    put_char(w, '{');
    for (size_t k = 0; k < m->field_count && !w->failed; k++) {
        const apigen_field *f = &m->fields[k];
        presence p = field_presence(f, base);
        if (p == P_ABSENT)
            continue;
        if (!first)
            put_char(w, ',');
        first = false;
        put_string(w, f->name, strlen(f->name));
        put_char(w, ':');
        if (w->debug && (f->flags & APIGEN_F_SENSITIVE)) {
            put_bytes(w, "\"***\"", 5);
        } else if (p == P_NULL) {
            put_bytes(w, "null", 4);
        } else if (f->flags & APIGEN_F_ARRAY) {
            size_t n, size = value_size(f);
            const char *items = array_items(f, base, &n);
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

/* ----------------------------------------------------------------- parse ---- */

static size_t skip_space(const char *s, size_t i, size_t len)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

static bool hex4(const char *s, size_t len, size_t i, unsigned *out)
{
    if (len - i < 4)
        return false;
    unsigned v = 0;
    for (size_t k = i; k < i + 4; k++) {
        char c = s[k];
        if (!is_hex(c))
            return false;
        v = v * 16 + (unsigned)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    *out = v;
    return true;
}

/* A JSON string at s[*i] == '"'; advances past it. UTF-16 surrogates must pair (as cJSON). */
static bool scan_string(const char *s, size_t len, size_t *i)
{
    size_t k = *i + 1;
    for (;;) {
        *i = k;
        if (k >= len)
            return false;
        if (s[k] == '"')
            break;
        if (s[k] != '\\') {
            k++;
            continue;
        }
        if (k + 1 >= len)
            return false;
        if (s[k + 1] != 'u') {
            if (!in_set(s[k + 1], "\"\\/bfnrt"))
                return false;
            k += 2;
            continue;
        }
        unsigned u, low;
        if (!hex4(s, len, k + 2, &u) || (u >= 0xDC00 && u <= 0xDFFF))
            return false;
        k += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (len - k < 2 || s[k] != '\\' || s[k + 1] != 'u' || !hex4(s, len, k + 2, &low) ||
                low < 0xDC00 || low > 0xDFFF)
                return false;
            k += 6;
        }
    }
    *i = k + 1;
    return true;
}

/* An RFC 8259 number at s[*i] of at most 63 characters (cJSON's limit). */
static bool scan_number(const char *s, size_t len, size_t *i)
{
    size_t k = *i, first = k;
    if (k < len && s[k] == '-')
        k++;
    if (k < len && s[k] == '0')
        k++;
    else if (k < len && is_digit(s[k]))
        while (k < len && is_digit(s[k]))
            k++;
    else
        return false;
    if (k < len && s[k] == '.') {
        if (++k >= len || !is_digit(s[k]))
            return false;
        while (k < len && is_digit(s[k]))
            k++;
    }
    if (k < len && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < len && (s[k] == '+' || s[k] == '-'))
            k++;
        if (k >= len || !is_digit(s[k]))
            return false;
        while (k < len && is_digit(s[k]))
            k++;
    }
    *i = k;
    return k - first <= 63;
}

/* Only where cJSON failed: tells a syntax error (position in *where) from memory running out
 * (true: the text is JSON cJSON accepts). Iterative, within cJSON's nesting limit. */
static bool json_text_ok(const char *s, size_t len, size_t *where)
{
    unsigned char in_object[(CJSON_NESTING_LIMIT + 7) / 8];
    size_t depth = 0, i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    bool object;
value:
    i = skip_space(s, i, len);
    if (i >= len)
        goto fail;
    if (s[i] == '{' || s[i] == '[') {
        if (depth >= CJSON_NESTING_LIMIT)
            goto fail;
        object = s[i] == '{';
        if (object)
            in_object[depth / 8] |= (unsigned char)(1u << depth % 8);
        else
            in_object[depth / 8] &= (unsigned char)~(1u << depth % 8);
        depth++;
        i = skip_space(s, i + 1, len);
        if (i < len && s[i] == (object ? '}' : ']')) {
            i++;
            depth--;
            goto after;
        }
        if (object)
            goto key;
        goto value;
    }
    if (s[i] == '"') {
        if (!scan_string(s, len, &i))
            goto fail;
    } else if (len - i >= 4 && memcmp(s + i, "true", 4) == 0) {
        i += 4;
    } else if (len - i >= 5 && memcmp(s + i, "false", 5) == 0) {
        i += 5;
    } else if (len - i >= 4 && memcmp(s + i, "null", 4) == 0) {
        i += 4;
    } else if (!scan_number(s, len, &i)) {
        goto fail;
    }
after:
    i = skip_space(s, i, len);
    if (depth == 0) {
        if (i == len)
            return true;
        goto fail;
    }
    if (i >= len)
        goto fail;
    object = ((unsigned)in_object[(depth - 1) / 8] >> (depth - 1) % 8 & 1u) != 0;
    if (s[i] == ',') {
        i++;
        if (object)
            goto key;
        goto value;
    }
    if (s[i] != (object ? '}' : ']'))
        goto fail;
    i++;
    depth--;
    goto after;
key:
    i = skip_space(s, i, len);
    if (i >= len || s[i] != '"' || !scan_string(s, len, &i))
        goto fail;
    i = skip_space(s, i, len);
    if (i >= len || s[i] != ':')
        goto fail;
    i++;
    goto value;
fail:
    *where = i;
    return false;
}

/* Whether JSON text escapes U+0000 in a string: cJSON would cut the C string there, so that
 * "ok\u0000<anything>" would pass for "ok". Backslashes only occur inside strings. */
static bool escapes_nul(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
        size_t run = 0;
        for (; p < end && *p == '\\'; p++)
            run++;
        if (run % 2 == 1 && end - p >= 5 && memcmp(p, "u0000", 5) == 0)
            return true;
    }
    return false;
}

int apigen_model_parse(const apigen_model *m, const char *text, size_t len, void *out,
                       apigen_errors *errs)
{
    apigen_errors_init(errs);
    memset(out, 0, m->size);
    matcher mt;
    mt.gc = NULL;
    mt.md = NULL;
    ctx c = {errs, 0, 0, false, true, true, &mt};
    const char *end = NULL;
    cJSON *json = text ? cJSON_ParseWithLengthOpts(text, len, &end, 0) : NULL;
    if (json == NULL) {
        size_t where = 0;
        if (text != NULL && json_text_ok(text, len, &where))
            report_oom(&c, NULL);
        else
            report(&c, NULL, APIGEN_E_SYNTAX, "not JSON (at byte %zu)", where);
        return -1;
    }
    size_t rest = skip_space(text, (size_t)(end - text), len);
    if (rest != len) {
        cJSON_Delete(json);
        report(&c, NULL, APIGEN_E_SYNTAX, "text after the JSON value (at byte %zu)", rest);
        return -1;
    }
    if (escapes_nul(text, len)) {
        cJSON_Delete(json);
        report(&c, NULL, APIGEN_E_ENCODING, "a string contains U+0000");
        return -1;
    }
    /* One walk reads and validates: strings are checked while in the cache, and taken over
     * from the tree rather than copied. */
    int rc = from_json(&c, m, json, out);
    matcher_done(&mt);
    cJSON_Delete(json);
    return rc;
}

/* ------------------------------------------------------------ operations ---- */

const apigen_response *apigen_operation_response(const apigen_operation *op, int status)
{
    const apigen_response *fallback = NULL;
    for (size_t i = 0; i < op->response_count; i++) {
        if (op->responses[i].status == status)
            return &op->responses[i];
        if (op->responses[i].status == 0)
            fallback = &op->responses[i];
    }
    return fallback;
}
