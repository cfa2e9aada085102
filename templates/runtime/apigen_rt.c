/* apigen_rt.c: the runtime behind every apigen-generated model. Driven by the descriptor tables
 * of apigen_rt.h, it reads JSON text (with its own strict RFC 8259 parser, validating as it
 * goes) or cJSON trees into C structs strictly, validates every documented constraint, writes
 * structs back as JSON with exact integers, and frees them. */

#define PCRE2_CODE_UNIT_WIDTH 8
#include "apigen_rt.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define APIGEN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define APIGEN_NOINLINE     __attribute__((noinline))
#else
#define APIGEN_PRINTF(f, a)
#define APIGEN_NOINLINE
#endif

/* apigen_pattern.code is void * to C++ code (APIGEN_ATOMIC_PTR): one layout in both languages. */
_Static_assert(sizeof(void *_Atomic) == sizeof(void *) &&
                   _Alignof(void *_Atomic) == _Alignof(void *),
               "an atomic pointer must have the layout of a pointer");

#define MAX_SAFE_INT    INT64_C(9007199254740991) /* 2^53 - 1 */
#define MAX_SAFE_DOUBLE 9007199254740991.0
#define NOT_FOUND       SIZE_MAX
#define ONES            UINT64_C(0x0101010101010101)
#define HIGHS           UINT64_C(0x8080808080808080)

/* ----------------------------------------------------------------- memory ---- */
/* One pair of functions for every allocation, through cJSON's hooks: strings a struct owns and
 * the cJSON trees it holds are released alike, and tests inject failures there. */

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

/* An RFC 5321 Domain: dot-separated labels of letters, digits and inner hyphens (RFC 1123),
 * at least min_labels of them, 255 octets in all (RFC 5321 4.5.3.1.2: "The maximum total
 * length of a domain name or number is 255 octets"; the 253 of RFC 1035's text form does not
 * apply to a Mailbox). */
static bool check_hostname(const char *s, size_t len, size_t min_labels)
{
    if (len == 0 || len > 255)
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

/* RFC 5321 4.1.3 IPv4-address-literal = Snum 3("." Snum), Snum = 1*3DIGIT with a value of 0 to
 * 255. Unlike RFC 3986's dec-octet (check_ipv4), leading zeros are allowed: "010" is 10. */
static bool check_snum_ipv4(const char *s, size_t len)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0 && (i >= len || s[i++] != '.'))
            return false;
        size_t first = i;
        while (i < len && is_digit(s[i]) && i - first < 3)
            i++;
        if (i == first || digits(s + first, i - first) > 255)
            return false;
    }
    return i == len;
}

/* A colon-separated run of IPv6-hex (1*4HEXDIG, either case: RFC 5234 2.3) of RFC 5321 4.1.3,
 * possibly empty; with v4, its last element may be an IPv4-address-literal. Counts the hex
 * groups into *hex and sets *ends_v4. */
static bool ipv6_run(const char *s, size_t len, size_t *hex, bool *ends_v4)
{
    *hex = 0;
    *ends_v4 = false;
    if (len == 0)
        return true;
    size_t i = 0;
    for (;;) {
        size_t first = i;
        while (i < len && s[i] != ':')
            i++;
        size_t n = i - first;
        if (i == len && memchr(s + first, '.', n) != NULL) {
            *ends_v4 = true;
            return check_snum_ipv4(s + first, n);
        }
        if (n == 0 || n > 4)
            return false;
        for (size_t k = first; k < i; k++)
            if (!is_hex(s[k]))
                return false;
        (*hex)++;
        if (i == len)
            return true;
        i++; /* ':' */
    }
}

/* RFC 5321 4.1.3 IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp: 8 groups, or 6
 * and an IPv4 address; "::" stands for at least two zero groups, so with it at most 6 groups
 * are written, or 4 and an IPv4 address. */
static bool check_rfc5321_ipv6(const char *s, size_t len)
{
    const char *gap = NULL;
    for (size_t i = 0; i + 1 < len && gap == NULL; i++)
        if (s[i] == ':' && s[i + 1] == ':')
            gap = s + i;
    size_t left = 0, right;
    bool v4, left_v4;
    if (gap == NULL) {
        if (!ipv6_run(s, len, &right, &v4))
            return false;
        return v4 ? right == 6 : right == 8;
    }
    size_t before = (size_t)(gap - s);
    if (!ipv6_run(s, before, &left, &left_v4) || left_v4)
        return false;
    if (!ipv6_run(gap + 2, len - before - 2, &right, &v4))
        return false;
    return left + right <= (v4 ? 4u : 6u);
}

/* Whether s[0..5) is "IPv6:" in any case (a quoted string of ABNF: RFC 5234 2.3). */
static bool is_ipv6_tag(const char *s, size_t len)
{
    static const char tag[] = "ipv6:";
    if (len < 5)
        return false;
    for (size_t i = 0; i < 5; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]) != tag[i])
            return false;
    return true;
}

/* RFC 5321 4.1.2 Mailbox = Local-part "@" ( Domain / address-literal ):
 * - Local-part = Dot-string / Quoted-string; Dot-string = Atom *("." Atom), Atom = 1*atext
 *   (RFC 5322 3.2.3); Quoted-string = DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE, printable
 *   ASCII and space, '"' and '\' only escaped. No comments or folding white space (RFC 5322's
 *   CFWS is not in RFC 5321), no non-ASCII (that is idn-email, RFC 6531). At most 64 octets
 *   (4.5.3.1.1).
 * - Domain = sub-domain *("." sub-domain), sub-domain = Let-dig [Ldh-str]: labels of letters,
 *   digits and inner hyphens, up to 63 octets, 255 in all (4.5.3.1.2, check_hostname). One label
 * alone is refused: 2.3.5 allows only fully-qualified names, and a bare top-level domain never is
 * one.
 * - address-literal (4.1.3) = "[" IPv4-address-literal / IPv6-address-literal /
 *   General-address-literal "]". The IPv6 tag is case-insensitive; a General-address-literal's
 *   Standardized-tag MUST be registered with IANA, and "IPv6" is the only registered tag, so
 *   any other tag is refused.
 * - The 256-octet path of 4.5.3.1.3 is a limit of the SMTP envelope, not of the Mailbox
 *   grammar, and is not applied (a documented maxLength is). */
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
        if (is_ipv6_tag(d + 1, n - 2))
            return check_rfc5321_ipv6(d + 6, n - 7);
        return check_snum_ipv4(d + 1, n - 2);
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
#define FORMAT_CASE(id, name, check)                                                               \
    case APIGEN_FORMAT_##id:                                                                       \
        return check(s, len);
        APIGEN_FORMATS(FORMAT_CASE)
#undef FORMAT_CASE
    case APIGEN_FORMAT_END:
        break;
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
#define FORMAT_NAME(id, name, check)                                                               \
    case APIGEN_FORMAT_##id:                                                                       \
        return name;
        APIGEN_FORMATS(FORMAT_NAME)
#undef FORMAT_NAME
    case APIGEN_FORMAT_END:
        break;
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
 * kept in the walk's stack frame: no malloc per match, nothing shared between threads. The
 * walk is one document: budget is what it may still spend on matching (apigen_rt.h,
 * "Bounds on pattern matching"). matcher_init before first use; matcher_done releases it. */
typedef struct matcher {
    _Alignas(max_align_t) unsigned char mem[512];
    stack_arena arena;
    pcre2_general_context *gc;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *stack; /* NULL: PCRE2's default 32 KiB */
    size_t stack_max;       /* bytes stack may grow to */
    uint64_t budget;        /* match-limit units left to this document */
} matcher;

static void matcher_init(matcher *mt)
{
    mt->gc = NULL;
    mt->md = NULL;
    mt->mc = NULL;
    mt->stack = NULL;
    mt->stack_max = 0;
    mt->budget = APIGEN_PATTERN_BUDGET_BASE;
}

static void matcher_done(matcher *mt)
{
    if (mt->mc != NULL)
        pcre2_match_context_free(mt->mc);
    if (mt->md != NULL)
        pcre2_match_data_free(mt->md);
    if (mt->gc != NULL)
        pcre2_general_context_free(mt->gc);
    pcre2_jit_stack_free(mt->stack); /* after mc, which refers to it */
    mt->stack = NULL;
    mt->stack_max = 0;
    mt->mc = NULL;
    mt->md = NULL;
    mt->gc = NULL;
}

/* base + per_byte * len / unit, at most max (apigen_rt.h, "Bounds on pattern matching"). */
static uint32_t scaled(uint64_t base, uint64_t per_byte, size_t len, uint64_t unit, uint64_t max)
{
    uint64_t n = (uint64_t)len > (max * unit) / per_byte ? max : base + per_byte * len / unit;
    return (uint32_t)(n < max ? n : max);
}

/* After the JIT ran out of stack on a subject of len bytes: gives mt a JIT stack sized for
 * len (apigen_rt.h). False when it already had one that large (or memory ran out): the
 * caller goes on with the interpreter. pcre2_jit_stack_create reserves max bytes of address
 * space with mmap and uses pages as the stack grows; only its small header goes through the
 * allocator hooks. */
static bool jit_stack_for(matcher *mt, size_t len)
{
    uint64_t want =
        (uint64_t)APIGEN_PATTERN_JIT_STACK_BASE + (uint64_t)APIGEN_PATTERN_JIT_STACK_PER_BYTE * len;
    if (want > APIGEN_PATTERN_JIT_STACK_MAX || (uint64_t)len > APIGEN_PATTERN_JIT_STACK_MAX)
        want = APIGEN_PATTERN_JIT_STACK_MAX;
    if (mt->stack_max >= want)
        return false;
    pcre2_jit_stack_assign(mt->mc, NULL, NULL);
    pcre2_jit_stack_free(mt->stack);
    mt->stack = pcre2_jit_stack_create(32 * 1024, (PCRE2_SIZE)want, mt->gc);
    mt->stack_max = mt->stack != NULL ? (size_t)want : 0;
    pcre2_jit_stack_assign(mt->mc, NULL, mt->stack);
    return mt->stack != NULL;
}

/* Matches valid UTF-8: 1 match, 0 no match, -1 cannot compile, -2 out of memory, -3 a bound
 * on matching was hit (the document's budget, the depth or the heap limit).
 * PCRE2 does not say how much work a match took, only whether it stayed within a limit; so
 * each attempt is charged its whole limit, starting small (most matches of a sane pattern
 * finish within a few units per byte) and growing eightfold while the budget lasts. What a
 * document is charged is thus an upper bound of the work done, and the budget a hard bound. */
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
        mt->mc = mt->gc ? pcre2_match_context_create(mt->gc) : NULL;
        if (mt->md == NULL || mt->mc == NULL) {
            matcher_done(mt);
            return -2;
        }
    }
    pcre2_set_depth_limit(mt->mc, scaled(APIGEN_PATTERN_DEPTH_LIMIT, APIGEN_PATTERN_DEPTH_PER_BYTE,
                                         len, 1, UINT32_MAX));
    pcre2_set_heap_limit(mt->mc, scaled(APIGEN_PATTERN_HEAP_LIMIT_KIB, APIGEN_PATTERN_HEAP_PER_BYTE,
                                        len, 1024, APIGEN_PATTERN_HEAP_MAX_KIB));
    uint64_t grant = (uint64_t)APIGEN_PATTERN_BUDGET_PER_BYTE * ((uint64_t)len + 1);
    mt->budget = mt->budget > UINT64_MAX - grant ? UINT64_MAX : mt->budget + grant;
    uint64_t limit = 256 + 8 * (uint64_t)len;
    uint32_t options = PCRE2_NO_UTF_CHECK; /* checked by the caller */
    for (;;) {
        if (limit > mt->budget)
            limit = mt->budget;
        if (limit > UINT32_MAX)
            limit = UINT32_MAX;
        if (limit == 0)
            return -3;
        mt->budget -= limit;
        pcre2_set_match_limit(mt->mc, (uint32_t)limit);
        int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, options, mt->md, mt->mc);
        if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
            if (!jit_stack_for(mt, len))
                options |= PCRE2_NO_JIT; /* the interpreter keeps its frames on the heap */
            continue;
        }
        if (rc >= 0)
            return 1;
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc == PCRE2_ERROR_NOMEMORY)
            return -2;
        if (rc != PCRE2_ERROR_MATCHLIMIT)
            return rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ? -3 : -1;
        limit *= 8;
    }
}

/* The pattern as the spec wrote it, for messages. */
static const char *pattern_text(const apigen_pattern *p)
{
    return p->ecma != NULL ? p->ecma : p->source;
}

int apigen_pattern_match(apigen_pattern *p, const char *subject, size_t len)
{
    if (p == NULL || subject == NULL)
        return -1;
    if (!utf8_scan(subject, len, NULL))
        return 0;
    matcher mt;
    matcher_init(&mt);
    int rc = pattern_exec(p, subject, len, &mt);
    matcher_done(&mt);
    return rc == -3 ? -2 : rc < 0 ? -1 : rc;
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
    case APIGEN_E_PATTERN_LIMIT:
        return "patternLimit";
    case APIGEN_E_DUPLICATE_KEY:
        return "duplicateKey";
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

/* State of one from_json, validate or parse walk. */
typedef struct ctx {
    apigen_errors *errs; /* may be NULL */
    size_t violations;
    size_t unread; /* violations that left a value unread */
    bool oom;      /* stop walking: memory ran out (reported once) */
    bool parsing;  /* apigen_model_parse: running out of memory is then the only error */
    matcher *mt;   /* for patterns; NULL when the walk matches none */
    bool secret;   /* below an APIGEN_F_SENSITIVE field: show no value, no document key */
} ctx;

/* The name of a seg that stands for a document's property name below a sensitive field; told
 * by its address, so that a document's own "***" is not taken for it. */
static const char hidden_key[] = "***";

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
    if (len == 0 || n - i < len || !utf8_scan((const char *)s + i, len, NULL))
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
    if (at->name == hidden_key) {
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

/* Writes the path of at into out (APIGEN_PATH_MAX bytes), cut with "..." when too long. */
static void path_format(char *out, const seg *at)
{
    path_buf p = {out, 0};
    path_spell(&p, at);
    if (p.len > APIGEN_PATH_MAX - 1) {
        size_t cut = APIGEN_PATH_MAX - 4; /* at a character's first byte: the path stays UTF-8 */
        while (cut > 0 && ((unsigned char)out[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(out + cut, "...", 3);
        p.len = cut + 3;
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
    if (c->oom)
        return;
    if (c->parsing)
        apigen_errors_init(c->errs); /* like a syntax error, it ends the parse alone */
    report_unread(c, at, APIGEN_E_NO_MEMORY, "out of memory");
    c->oom = true;
}

/* Strings in messages (a document's string, a spec's const) are quoted as RFC 9535
 * double-quoted string literals (text_escaped with '"'), so a '"', a '\\' or the text "\\n"
 * in one cannot pass for the end of the quote or for another character. */

/* A string s[0..n) that is no value of enum e. */
static void report_enum(ctx *c, const seg *at, const char *s, size_t n, const apigen_enum *e)
{
    char quoted[APIGEN_MESSAGE_MAX];
    text_escaped(quoted, sizeof quoted, s, n, '"');
    report_unread(c, at, APIGEN_E_ENUM, "\"%s\" is not a value of %s", quoted, e->name);
}

/* A string that is not the const s. */
static void report_const(ctx *c, const seg *at, const char *s)
{
    char quoted[APIGEN_MESSAGE_MAX];
    text_escaped(quoted, sizeof quoted, s, strlen(s), '"');
    report(c, at, APIGEN_E_CONST, "must be \"%s\"", quoted);
}

/* ---------------------------------------------------------- exact numbers ---- */
/* JSON numbers compared by mathematical value, on their decimal digits: a bound or const as
 * the spec wrote it, a document value as the text wrote it, a double by its exact binary
 * value. Written here because neither cJSON (doubles, equal within an epsilon) nor libc
 * compares decimal numbers exactly. */

#define EXP_CAP   INT64_C(1000000000000000) /* exponents saturate here (see number_cmp) */
#define EXACT_MAX 800 /* "%.766e" of any double: every significant digit (at most 767) */

/* A number token: -? int (. frac)? ([eE] [+-]? exp)?, its parts located in the text. */
typedef struct num_token {
    size_t start, end;
    bool negative;
    size_t int_start, int_len;   /* digits before the point: "0" or no leading zero */
    size_t frac_start, frac_len; /* digits after it; frac_len 0 without a point */
    int64_t exp;                 /* the exponent, saturated at +-EXP_CAP */
} num_token;

/* The number at s[*k..len) per RFC 8259: no '+', no leading zeros, digits on both sides of a
 * point, no NaN or Infinity. On success *k is its end; on failure the offending byte. */
static bool scan_num(const char *s, size_t len, size_t *pos, num_token *t)
{
    size_t k = *pos;
    t->start = k;
    t->negative = k < len && s[k] == '-';
    if (t->negative)
        k++;
    t->int_start = k;
    if (k < len && s[k] == '0') {
        k++;
    } else if (k < len && s[k] >= '1' && s[k] <= '9') {
        while (k < len && is_digit(s[k]))
            k++;
    } else {
        *pos = k;
        return false;
    }
    t->int_len = k - t->int_start;
    t->frac_start = k;
    t->frac_len = 0;
    if (k < len && s[k] == '.') {
        t->frac_start = ++k;
        while (k < len && is_digit(s[k]))
            k++;
        t->frac_len = k - t->frac_start;
        if (t->frac_len == 0) {
            *pos = k;
            return false;
        }
    }
    t->exp = 0;
    if (k < len && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        bool minus = k < len && s[k] == '-';
        if (k < len && (s[k] == '+' || s[k] == '-'))
            k++;
        size_t first = k;
        for (; k < len && is_digit(s[k]); k++)
            if (t->exp < EXP_CAP)
                t->exp = t->exp * 10 + (s[k] - '0');
        if (k == first) {
            *pos = k;
            return false;
        }
        if (minus)
            t->exp = -t->exp;
    }
    t->end = *pos = k;
    return true;
}

/* Digit j of the number's digits, those before the point then those after it. */
static unsigned digit_at(const char *s, const num_token *t, size_t j)
{
    char c = j < t->int_len ? s[t->int_start + j] : s[t->frac_start + j - t->int_len];
    return (unsigned)(c - '0');
}

/* The value of the number if it is an integer in the int64 range, decided on the digits as
 * written: "1.0", "1e2", "100E-2" and "-0" (0) are integers, "9007199254740990.5" is not. */
static bool number_to_int(const char *s, const num_token *t, int64_t *out)
{
    if (t->frac_len == 0 && t->exp == 0 && t->int_len <= 18) { /* plain: below 10^18 */
        int64_t v = 0;
        for (size_t j = 0; j < t->int_len; j++)
            v = v * 10 + digit_at(s, t, j);
        *out = t->negative ? -v : v;
        return true;
    }
    /* value = digits first..last, as an integer, times 10^scale */
    size_t n = t->int_len + t->frac_len, first = 0, last = n - 1;
    while (first < n && digit_at(s, t, first) == 0)
        first++;
    if (first == n) {
        *out = 0;
        return true;
    }
    while (digit_at(s, t, last) == 0)
        last--;
    int64_t scale = t->exp - (int64_t)t->frac_len + (int64_t)(n - 1 - last);
    if (scale < 0 || scale + (int64_t)(last - first + 1) > 19) /* a fraction, or >= 10^19 */
        return false;
    uint64_t v = 0; /* below 10^19 < 2^64 */
    for (size_t j = first; j <= last; j++)
        v = v * 10 + digit_at(s, t, j);
    for (int64_t k = 0; k < scale; k++)
        v *= 10;
    uint64_t limit = (uint64_t)INT64_MAX + (t->negative ? 1 : 0);
    if (v > limit)
        return false;
    *out = !t->negative ? (int64_t)v : v == limit ? INT64_MIN : -(int64_t)v;
    return true;
}

/* The double nearest the number (strtod: correctly rounded, +-HUGE_VAL above the range, 0 or a
 * subnormal below it), with the locale's decimal point strtod expects, as cJSON knows; false
 * when a copy of a long number could not be allocated. */
APIGEN_NOINLINE
static bool number_to_double(const char *s, const num_token *t, double *out)
{
    char small[400 + 1];
    size_t n = t->end - t->start;
    char *buf = n < sizeof small ? small : rt_alloc(n + 1);
    if (buf == NULL)
        return false;
    memcpy(buf, s + t->start, n);
    buf[n] = '\0';
    if (t->frac_len > 0)
        buf[t->frac_start - 1 - t->start] = *localeconv()->decimal_point;
    *out = strtod(buf, NULL);
    if (buf != small)
        rt_free(buf);
    return true;
}

/* The text of a number node's exact value that apigen keeps in its valuestring, when that is
 * one JSON number that reads as the node's double (a caller who changed valuedouble afterwards
 * gets the double); else NULL. t receives its token. */
static const char *number_literal(const cJSON *j, num_token *t)
{
    const char *s = j->valuestring;
    double d;
    if (s == NULL)
        return NULL;
    size_t len = strlen(s), k = 0;
    if (!scan_num(s, len, &k, t) || k != len || !number_to_double(s, t, &d) || d != j->valuedouble)
        return NULL;
    return s;
}

/* The exact decimal expansion of finite d into out, and its token. C99 leaves digits beyond
 * DECIMAL_DIG to the implementation; glibc and musl print them exactly. */
static void double_exact(double d, char out[EXACT_MAX], num_token *t)
{
    snprintf(out, EXACT_MAX, "%.766e", d);
    for (char *p = out; *p; p++)
        if ((*p < '0' || *p > '9') && *p != '-' && *p != '+' && *p != 'e')
            *p = '.'; /* whatever the locale */
    size_t k = 0;
    scan_num(out, strlen(out), &k, t);
}

/* Sign and magnitude of a number's value 0.D x 10^mag, D its significant digits first..last. */
typedef struct sig_digits {
    int sign; /* -1, 0 (the value is zero), 1 */
    size_t first, last;
    int64_t mag;
} sig_digits;

static sig_digits significant(const char *s, const num_token *t)
{
    sig_digits g = {0, 0, 0, 0};
    size_t n = t->int_len + t->frac_len;
    while (g.first < n && digit_at(s, t, g.first) == 0)
        g.first++;
    if (g.first == n)
        return g;
    g.last = n - 1;
    while (digit_at(s, t, g.last) == 0)
        g.last--;
    g.sign = t->negative ? -1 : 1;
    g.mag = t->exp + (int64_t)t->int_len - (int64_t)g.first;
    return g;
}

/* -1, 0, 1 as the value of number a is below, equal to, above that of b. Exact but for
 * exponents beyond +-10^15, which saturate (no double reaches them). */
static int decimal_cmp(const char *a, const num_token *ta, const char *b, const num_token *tb)
{
    sig_digits x = significant(a, ta), y = significant(b, tb);
    if (x.sign != y.sign)
        return x.sign < y.sign ? -1 : 1;
    if (x.sign == 0)
        return 0;
    int order = 0;
    if (x.mag != y.mag) {
        order = x.mag < y.mag ? -1 : 1;
    } else {
        for (size_t i = 0; order == 0; i++) {
            bool x_done = x.first + i > x.last, y_done = y.first + i > y.last;
            if (x_done || y_done) {
                order = x_done == y_done ? 0 : x_done ? -1 : 1;
                break;
            }
            unsigned dx = digit_at(a, ta, x.first + i), dy = digit_at(b, tb, y.first + i);
            if (dx != dy)
                order = dx < dy ? -1 : 1;
        }
    }
    return x.sign * order;
}

/* A number's digits for decimal_cmp: *s with its token *t when given; *s alone, NUL-terminated,
 * scanned into tmp; or, *s NULL, the exact expansion of d into buf. False when *s is no
 * number (the generator never writes one). */
static bool digits_of(const char **s, const num_token **t, double d, char buf[EXACT_MAX],
                      num_token *tmp)
{
    size_t k = 0;
    if (*s == NULL) {
        double_exact(d, buf, tmp);
        *s = buf;
    } else if (*t == NULL && !scan_num(*s, strlen(*s), &k, tmp)) {
        return false;
    } else if (*t != NULL) {
        return true;
    }
    *t = tmp;
    return true;
}

/* Compares two numbers by exact value. Each is a literal (xs with its token xt; a NULL token
 * means xs is a NUL-terminated JSON number still to scan) or, when xs is NULL, the double xd
 * itself; xd is in any case the double nearest it. Equal doubles are the only case that needs
 * the digits: a literal's double is correctly rounded, so xd < yd implies x < y. */
APIGEN_NOINLINE
static int number_cmp(const char *xs, const num_token *xt, double xd, const char *ys,
                      const num_token *yt, double yd)
{
    if (xd < yd)
        return -1;
    if (xd > yd)
        return 1;
    if (!isfinite(xd) || !isfinite(yd) || (xs == NULL && ys == NULL))
        return xd == yd ? 0 : 1; /* NaN equals nothing */
    char bx[EXACT_MAX], by[EXACT_MAX];
    num_token tx, ty;
    if (!digits_of(&xs, &xt, xd, bx, &tx) || !digits_of(&ys, &yt, yd, by, &ty))
        return 0;
    return decimal_cmp(xs, xt, ys, yt);
}

/* Compares two cJSON number nodes by exact value (their kept digits, else their doubles). */
static int json_number_cmp(const cJSON *a, const cJSON *b)
{
    num_token ta, tb;
    const char *la = number_literal(a, &ta), *lb = number_literal(b, &tb);
    return number_cmp(la, la ? &ta : NULL, a->valuedouble, lb, lb ? &tb : NULL, b->valuedouble);
}

/* The decimal digits of v into buf (24 bytes); returns where they start. */
static char *int_text(int64_t v, char buf[24])
{
    size_t i = 23;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        buf[--i] = '-';
    return buf + i;
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
    char buf[24];
    const char *digits = int_text(v, buf);
    put_bytes(w, digits, (size_t)(buf + 23 - digits));
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
    case cJSON_Number: {
        num_token t;
        const char *literal = number_literal(j, &t);
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
/* One function per kind of value; validate walks the struct with them, and apigen_model_parse
 * calls them on each value as soon as it has read it. */

static void check_model(ctx *c, const apigen_model *m, const void *base, const seg *at);

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
            report(c, at, APIGEN_E_PATTERN, "does not match %s", pattern_text(r->pattern));
        else if (rc == -1)
            report(c, at, APIGEN_E_PATTERN_COMPILE, "cannot compile %s", pattern_text(r->pattern));
        else if (rc == -2)
            report_oom(c, at);
        else if (rc == -3)
            report(c, at, APIGEN_E_PATTERN_LIMIT, "matching %s took more work than allowed",
                   pattern_text(r->pattern));
    }
    if (r->format != APIGEN_FORMAT_NONE && !format_check(r->format, s, len))
        report(c, at, APIGEN_E_FORMAT, "not a valid %s", apigen_format_name(r->format));
    if ((r->bounds & APIGEN_B_CONST) && r->const_string && strcmp(s, r->const_string) != 0)
        report_const(c, at, r->const_string);
}

static void check_bool(ctx *c, const apigen_rules *r, bool v, const seg *at)
{
    if (r && (r->bounds & APIGEN_B_CONST) && v != r->const_bool)
        report(c, at, APIGEN_E_CONST, "must be %s", r->const_bool ? "true" : "false");
}

static void check_int64(ctx *c, const apigen_rules *r, int64_t v, const seg *at)
{
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

/* A number as the document wrote it (s with its token t), or the double v when s is NULL. */
typedef struct number_value {
    const char *s;
    const num_token *t;
    double v;
} number_value;

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
        format_double(x->v, a);
    }
    if (literal != NULL)
        snprintf(b, sizeof b, "%.40s%s", literal, strlen(literal) > 40 ? "..." : "");
    else
        format_double(bound, b);
    report(c, at, code, "%s %s %s", a, what, b);
}

/* -1, 0, 1 as the number x is below, equal to, above the bound: exactly against its literal;
 * without one (tables written by hand), as doubles. */
static int bound_cmp(const number_value *x, const char *literal, double bound)
{
    if (literal == NULL)
        return x->v < bound ? -1 : x->v > bound ? 1 : 0;
    return number_cmp(x->s, x->t, x->v, literal, NULL, bound);
}

static void check_double(ctx *c, const apigen_rules *r, const number_value *x, const seg *at)
{
    if (!isfinite(x->v)) {
        report(c, at, APIGEN_E_TYPE, "not a finite number");
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
        report_const(c, at, r->const_string);
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
                 : c->secret     ? hidden_key
                 : child->string ? child->string
                                 : "",
                 i};
        check_finite(c, child, &s);
    }
    if (json_type(j) == cJSON_Number && !isfinite(j->valuedouble))
        report(c, at, APIGEN_E_TYPE, "not a finite number");
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
    case APIGEN_KIND_DOUBLE: {
        number_value x = {NULL, NULL, *(const double *)slot};
        check_double(c, f->rules, &x, at);
        break;
    }
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
        else
            check_finite(c, j, at);
        break;
    }
    case APIGEN_KIND_ANY: {
        const cJSON *j = *(cJSON *const *)slot;
        if (j != NULL)
            check_finite(c, j, at);
        break;
    }
    }
}

/* ------------------------------------------------------------------ uniqueItems */
/* Items are hashed (equal values, equal hashes), then sorted by hash and, within a run of equal
 * hashes, by a total order on values (unique_cmp), so that equal items are neighbours: O(n log n)
 * comparisons whatever the hashes, crafted collisions included. Numbers hash by their exact
 * value (sign, significant digits, exponent: 1, 1.0, 1e0 and 10e-1 alike), not by the nearest
 * double, so exactly distinct numbers rarely collide. */

static uint64_t mix(uint64_t h) /* the splitmix64 finalizer */
{
    h ^= h >> 30;
    h *= UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h *= UINT64_C(0x94d049bb133111eb);
    return h ^ (h >> 31);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a, then mixed */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
    return mix(h ^ n);
}

/* Equal doubles, equal hashes: -0 is 0, every NaN one value. */
static uint64_t hash_double(double d)
{
    uint64_t bits;
    if (d == 0)
        d = 0;
    if (isnan(d))
        return 7;
    memcpy(&bits, &d, sizeof bits);
    return mix(bits);
}

/* The hash of a number's exact value: its sign, significant digits and magnitude (so equal
 * values as decimal_cmp decides them hash alike). s and t as for decimal_cmp. */
static uint64_t hash_decimal(const char *s, const num_token *t)
{
    sig_digits g = significant(s, t);
    if (g.sign == 0)
        return mix(11);
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = g.first; i <= g.last; i++)
        h = (h ^ digit_at(s, t, i)) * UINT64_C(0x100000001b3);
    return mix(h ^ mix((uint64_t)g.mag + (g.sign < 0 ? 1 : 0)));
}

/* A number node's exact value hashed: its kept digits, else the exact expansion of its double
 * (json_number_cmp compares the same ones). */
APIGEN_NOINLINE
static uint64_t hash_json_number(const cJSON *j)
{
    num_token t;
    const char *literal = number_literal(j, &t);
    if (literal != NULL)
        return hash_decimal(literal, &t);
    double d = j->valuedouble;
    size_t k = 0;
    if (!isfinite(d))
        return hash_double(d);
    if (d > -0x1p53 && d < 0x1p53 && d == (double)(int64_t)d) { /* the common case: fast */
        char digits[24];
        const char *text = int_text((int64_t)d, digits);
        scan_num(text, strlen(text), &k, &t);
        return hash_decimal(text, &t);
    }
    char buf[EXACT_MAX]; /* a caller's own fraction: its exact expansion (some microseconds) */
    double_exact(d, buf, &t);
    return hash_decimal(buf, &t);
}

static uint64_t json_hash(const cJSON *j)
{
    int type = json_type(j);
    uint64_t h = mix((uint64_t)type);
    switch (type) {
    case cJSON_Number:
        return hash_json_number(j);
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

static uint64_t value_hash(const apigen_field *f, const void *slot)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return mix(*(const bool *)slot);
    case APIGEN_KIND_INT64:
        return mix((uint64_t) * (const int64_t *)slot);
    case APIGEN_KIND_DOUBLE:
        return hash_double(*(const double *)slot);
    case APIGEN_KIND_ENUM:
        return mix((uint64_t)(unsigned)*(const int *)slot);
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
    }
    return 0;
}

static uint64_t model_hash(const apigen_model *m, const void *base)
{
    uint64_t h = 0;
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        presence p = field_presence(f, base);
        h = mix(h + (uint64_t)p);
        if (p != P_VALUE)
            continue;
        if (f->flags & APIGEN_F_ARRAY) {
            size_t n, size = value_size(f);
            const char *items = array_items(f, base, &n);
            for (size_t i = 0; i < n; i++)
                h = mix(h + value_hash(f, items + i * size));
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
                      : n <= SIZE_MAX / 2 / sizeof *m ? rt_alloc(2 * n * sizeof *m)
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
        rt_free((void *)m);
    return order < 0 ? -1 : order > 0;
}

static int json_order(const cJSON *a, const cJSON *b, bool *nomem)
{
    int type = json_type(a), order = ORDER(type, json_type(b));
    if (order != 0)
        return order;
    switch (type) {
    case cJSON_Number:
        return json_number_cmp(a, b);
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

/* A total order on values of f (single, not arrays), 0 exactly when they are equal as JSON
 * (NaN, which JSON has not, equals NaN here). */
static int value_order(const apigen_field *f, const void *a, const void *b, bool *nomem)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return ORDER(*(const bool *)a, *(const bool *)b);
    case APIGEN_KIND_INT64:
        return ORDER(*(const int64_t *)a, *(const int64_t *)b);
    case APIGEN_KIND_DOUBLE: {
        double x = *(const double *)a, y = *(const double *)b;
        return isnan(x) || isnan(y) ? ORDER(isnan(x), isnan(y)) : ORDER(x, y);
    }
    case APIGEN_KIND_ENUM:
        return ORDER(*(const int *)a, *(const int *)b);
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
    }
    return 0;
}

static int model_order(const apigen_model *m, const void *a, const void *b, bool *nomem)
{
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        presence pa = field_presence(f, a), pb = field_presence(f, b);
        int order = ORDER(pa, pb);
        if (order != 0 || pa != P_VALUE) {
            if (order != 0)
                return order;
            continue;
        }
        if (f->flags & APIGEN_F_ARRAY) {
            size_t na, nb, size = value_size(f);
            const char *ia = array_items(f, a, &na), *ib = array_items(f, b, &nb);
            for (size_t i = 0; i < na && i < nb && order == 0; i++)
                order = value_order(f, ia + i * size, ib + i * size, nomem);
            if (order == 0)
                order = ORDER(na, nb);
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
    int order = a->t != NULL && b->t != NULL ? number_cmp(u->doc, a->t, *(const double *)a->item,
                                                          u->doc, b->t, *(const double *)b->item)
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
    size_t size = value_size(f);
    unique_entry *e = n <= SIZE_MAX / 2 / sizeof *e ? rt_alloc(2 * n * sizeof *e) : NULL;
    if (e == NULL) {
        *nomem = true;
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const void *item = items + i * size;
        e[i].t = toks != NULL ? &toks[i] : NULL;
        e[i].hash = toks != NULL ? hash_decimal(doc, &toks[i]) : value_hash(f, item);
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
    rt_free(e);
    *nomem = *nomem || u.nomem;
    *i_out = best_i;
    *k_out = best_k;
    return best_i != SIZE_MAX && !u.nomem;
}

/* minItems, maxItems and uniqueItems of an array field; uniqueItems only while the length is
 * within maxItems (it is already a violation, and a long array costs time). */
/* The items of an array as apigen_model_parse read them, for uniqueItems to judge the document
 * rather than the struct: number items' tokens in doc, or object items' JSON trees. */
typedef struct doc_items {
    const char *doc;
    const num_token *toks; /* a number array's items */
    cJSON *const *trees;   /* an object array's items, unknown members included */
    cJSON *root;           /* the array those items are in */
} doc_items;

static void check_items(ctx *c, const apigen_field *f, const void *base, const doc_items *d,
                        const seg *at)
{
    const apigen_rules *r = f->rules;
    if (r == NULL)
        return;
    size_t n;
    const char *items = array_items(f, base, &n);
    bool too_long = (r->bounds & APIGEN_B_MAX_ITEMS) && (int64_t)n > r->max_items;
    if ((r->bounds & APIGEN_B_MIN_ITEMS) && (int64_t)n < r->min_items)
        report(c, at, APIGEN_E_MIN_ITEMS, "%zu items, fewer than minItems %" PRId64, n,
               r->min_items);
    if (too_long)
        report(c, at, APIGEN_E_MAX_ITEMS, "%zu items, more than maxItems %" PRId64, n,
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
        report(c, at, APIGEN_E_UNIQUE_ITEMS, "items %zu and %zu are equal", i, k);
    else if (nomem)
        report_oom(c, at);
}

static void check_model(ctx *c, const apigen_model *m, const void *base, const seg *at)
{
    for (size_t k = 0; k < m->field_count && !c->oom; k++) {
        const apigen_field *f = &m->fields[k];
        seg s = {at, f->name, 0};
        presence p = field_presence(f, base);
        bool secret = c->secret;
        c->secret = secret || (f->flags & APIGEN_F_SENSITIVE);
        if (p == P_ABSENT) {
            if (f->flags & APIGEN_F_REQUIRED)
                report(c, &s, APIGEN_E_REQUIRED, "required property missing");
        } else if (p == P_VALUE && (f->flags & APIGEN_F_ARRAY)) {
            size_t n, size = value_size(f);
            const char *items = array_items(f, base, &n);
            check_items(c, f, base, NULL, &s);
            for (size_t i = 0; i < n && !c->oom; i++) {
                seg item = {&s, NULL, i};
                check_value(c, f, items + i * size, &item);
            }
        } else if (p == P_VALUE) {
            check_value(c, f, cmember(base, f->offset), &s);
        }
        c->secret = secret;
    }
}

int apigen_model_validate(const apigen_model *m, const void *value, apigen_errors *errs)
{
    apigen_errors_init(errs);
    matcher mt;
    matcher_init(&mt);
    ctx c = {errs, 0, 0, false, false, &mt, false};
    check_model(&c, m, value, NULL);
    matcher_done(&mt);
    return c.violations == 0 ? 0 : -1;
}

/* ------------------------------------------------------------- from_json ---- */
/* Each read_* checks the JSON type, stores the value, and returns whether it did. */

static void read_object(ctx *c, const apigen_model *m, const cJSON *j, void *out, const seg *at);

static void type_error(ctx *c, const seg *at, const char *expected, const cJSON *j)
{
    report_unread(c, at, APIGEN_E_TYPE, "expected %s, got %s", expected, json_type_name(j));
}

/* Reports every string in a tree that is not valid UTF-8 (property names included), and
 * every number beyond the range of a double (1e400: no cJSON value can hold it). */
static void check_tree(ctx *c, const cJSON *j, const seg *at)
{
    bool object = json_type(j) == cJSON_Object;
    size_t i = 0;
    for (const cJSON *child = j->child; child != NULL; child = child->next, i++) {
        seg s = {at, object ? child->string : NULL, i};
        if (s.name != NULL && !utf8_scan(s.name, strlen(s.name), NULL))
            report_unread(c, at, APIGEN_E_ENCODING, "property name is not valid UTF-8");
        if (s.name != NULL && c->secret)
            s.name = hidden_key;
        check_tree(c, child, &s);
    }
    if (json_type(j) == cJSON_String && j->valuestring != NULL &&
        !utf8_scan(j->valuestring, strlen(j->valuestring), NULL))
        report_unread(c, at, APIGEN_E_ENCODING, "not valid UTF-8");
    if (json_type(j) == cJSON_Number && !isfinite(j->valuedouble))
        report_unread(c, at, APIGEN_E_TYPE, "number out of range");
}

static bool read_string(ctx *c, const cJSON *j, char **out, const seg *at)
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
    if ((*out = rt_strndup(j->valuestring, len)) == NULL) {
        report_oom(c, at);
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
    const char *literal = number_literal(j, &t);
    if (literal != NULL) {
        if (number_to_int(literal, &t, out))
            return true;
        report_unread(c, at, APIGEN_E_INTEGER, "%.40s%s is not a 64-bit integer", literal,
                      strlen(literal) > 40 ? "..." : "");
        return false;
    }
    double d = j->valuedouble;
    if (!(d >= -MAX_SAFE_DOUBLE && d <= MAX_SAFE_DOUBLE) || (double)(int64_t)d != d) {
        char tmp[32];
        format_double(d, tmp);
        if (isfinite(d) && (d > 0x1p52 || d < -0x1p52)) /* all integral there */
            report_unread(c, at, APIGEN_E_INTEGER,
                          "%s is beyond +-(2^53-1): a cJSON double cannot tell its exact value",
                          tmp);
        else
            report_unread(c, at, APIGEN_E_INTEGER, "%s is not an integer", tmp);
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
        report_enum(c, at, j->valuestring, strlen(j->valuestring), e);
    return false;
}

/* Free-form objects and any values: checked for UTF-8, then copied. */
static bool read_tree(ctx *c, const cJSON *j, cJSON **out, const seg *at)
{
    size_t before = c->unread;
    check_tree(c, j, at);
    if (c->unread != before)
        return false;
    if ((*out = cJSON_Duplicate(j, 1)) == NULL) {
        report_oom(c, at);
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
    case APIGEN_KIND_DOUBLE:
        read_double(c, j, slot, at);
        break;
    case APIGEN_KIND_STRING:
        read_string(c, j, slot, at);
        break;
    case APIGEN_KIND_ENUM:
        read_enum(c, f->enumeration, j, slot, at);
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
    }
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
    size_t size = value_size(f);
    char *items = rt_alloc_zeroed(n, size);
    if (items == NULL) {
        report_oom(c, at);
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

static void read_field(ctx *c, const apigen_field *f, const cJSON *j, void *base, const seg *at)
{
    bool secret = c->secret;
    c->secret = secret || (f->flags & APIGEN_F_SENSITIVE);
    if (json_type(j) == cJSON_NULL && (f->flags & APIGEN_F_NULLABLE))
        *(bool *)member(base, f->null_offset) = true;
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
static size_t find_field(const apigen_model *m, const char *key, size_t n, size_t hint)
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
static void report_missing(ctx *c, const apigen_model *m, const uint64_t *seen, const seg *at)
{
    for (size_t k = 0; k < m->field_count && !c->oom; k++) {
        if ((m->fields[k].flags & APIGEN_F_REQUIRED) && !(seen[k / 64] & UINT64_C(1) << (k % 64))) {
            seg s = {at, m->fields[k].name, 0};
            report_unread(c, &s, APIGEN_E_REQUIRED, "required property missing");
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
    if (words > 4 && (seen = rt_alloc_zeroed(words, sizeof *seen)) == NULL) {
        report_oom(c, at);
        return;
    }
    size_t hint = 0;
    for (const cJSON *child = j->child; child != NULL && !c->oom; child = child->next) {
        const char *key = child->string;
        size_t k = key != NULL ? find_field(m, key, strlen(key), hint) : NOT_FOUND;
        if (k == NOT_FOUND) {
            if (m->closed) {
                seg s = {at, c->secret ? hidden_key : key ? key : "", 0};
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
        read_field(c, &m->fields[k], child, out, &s);
    }
    report_missing(c, m, seen, at);
    if (seen != seen_local)
        rt_free(seen);
}

int apigen_model_from_json(const apigen_model *m, const cJSON *json, void *out, apigen_errors *errs)
{
    apigen_errors_init(errs);
    memset(out, 0, m->size);
    ctx c = {errs, 0, 0, false, false, NULL, false};
    if (json == NULL)
        report_unread(&c, NULL, APIGEN_E_TYPE, "expected object, got nothing");
    else
        read_object(&c, m, json, out, NULL);
    if (c.violations == 0)
        return 0;
    apigen_model_free(m, out);
    return -1;
}

/* --------------------------------------------------------------- to_json ---- */

static cJSON *build_object(const apigen_model *m, const void *base);

/* A new node for one value of f; NULL only when memory ran out. */
static cJSON *build_value(const apigen_field *f, const void *slot)
{
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        return cJSON_CreateBool(*(const bool *)slot);
    case APIGEN_KIND_INT64: {
        int64_t v = *(const int64_t *)slot;
        cJSON *node = cJSON_CreateNumber((double)v);
        if (node != NULL && (v > MAX_SAFE_INT || v < -MAX_SAFE_INT)) {
            char buf[24];
            const char *digits = int_text(v, buf); /* the double rounds: keep the digits */
            if ((node->valuestring = rt_strndup(digits, strlen(digits))) == NULL) {
                cJSON_Delete(node);
                node = NULL;
            }
        }
        return node;
    }
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
    report(r->c, at, r->code, "%s (at byte %zu)", r->what, r->at);
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
    char *s = rt_alloc(size);
    if (s == NULL) {
        report_oom(r->c, at);
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
    if (!scan_num(r->s, r->len, &k, t)) {
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
    if (t->frac_len == 0 && t->exp == 0 && t->int_len <= 15 && number_to_int(r->s, t, &v)) {
        *out = t->negative && v == 0 ? -0.0 : (double)v; /* exact */
        return true;
    }
    if (!number_to_double(r->s, t, out)) {
        report_oom(r->c, at);
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
    return (bits[n / 8] >> n % 8 & 1u) != 0;
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
            rt_free(s);
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
            (node->valuestring = rt_strndup(r->s + t.start, t.end - t.start)) == NULL) {
            cJSON_Delete(node);
            node = NULL;
        }
    }
    if (node == NULL)
        report_oom(r->c, at);
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
        rt_free(key);
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
    rt_free(key);
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
    report_unread(r->c, at, APIGEN_E_TYPE, "expected %s, got %s", expected, got);
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
    check_bool(r->c, f->rules, *out, at);
}

static void parse_int64(reader *r, const apigen_field *f, int64_t *out, const seg *at)
{
    num_token t;
    if (!starts_number(peek(r))) {
        mismatch(r, "integer", at);
        return;
    }
    if (!scan_number(r, &t))
        return;
    if (!number_to_int(r->s, &t, out)) {
        int n = t.end - t.start > 40 ? 40 : (int)(t.end - t.start);
        report_unread(r->c, at, APIGEN_E_INTEGER, "%.*s%s is not a 64-bit integer", n,
                      r->s + t.start, (size_t)n < t.end - t.start ? "..." : "");
        return;
    }
    check_int64(r->c, f->rules, *out, at);
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
        report_unread(r->c, at, APIGEN_E_TYPE, "number out of range");
        return;
    }
    *out = d;
    number_value x = {r->s, &t, d};
    check_double(r->c, f->rules, &x, at);
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
    if (!utf8_scan(s, t.size, NULL)) {
        rt_free(s);
        report_unread(r->c, at, APIGEN_E_ENCODING, "not valid UTF-8");
        return;
    }
    *out = s;
    if (f->rules != NULL)
        check_string(r->c, f->rules, s, t.size, at); /* while it is in the cache */
}

APIGEN_NOINLINE
static void parse_enum(reader *r, const apigen_field *f, int *out, const seg *at)
{
    str_token t;
    if (peek(r) != '"') {
        mismatch(r, "string", at);
        return;
    }
    if (!scan_string(r, &t)) {
        fail_here(r, at);
        return;
    }
    char small[128];
    char *s = t.size < sizeof small ? small : rt_alloc(t.size + 1);
    if (s == NULL) {
        report_oom(r->c, at);
        return;
    }
    decode_string(r, &t, s);
    const apigen_enum *e = f->enumeration;
    size_t k = 0;
    while (k < e->count && strcmp(e->values[k], s) != 0)
        k++;
    if (k < e->count) {
        *out = (int)k + 1;
        check_enum(r->c, f, *out, at);
    } else if (!utf8_scan(s, t.size, NULL)) {
        report_unread(r->c, at, APIGEN_E_ENCODING, "not valid UTF-8");
    } else {
        report_enum(r->c, at, s, t.size, e);
    }
    if (s != small)
        rt_free(s);
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
    check_tree(r->c, tree, at);
    if (r->c->unread != before)
        cJSON_Delete(tree);
    else
        *out = tree;
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
    case APIGEN_KIND_DOUBLE:
        parse_double(r, f, slot, at);
        break;
    case APIGEN_KIND_STRING:
        parse_string(r, f, slot, at);
        break;
    case APIGEN_KIND_ENUM:
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
    }
}

/* Makes room for twice as many items (at least 4), zeroed past the ones kept. */
static bool grow_items(reader *r, void **items, size_t *cap, size_t size, const seg *at)
{
    size_t n = *cap ? *cap * 2 : 4;
    char *grown = n <= SIZE_MAX / 2 / size ? rt_alloc(n * size) : NULL;
    if (grown == NULL) {
        report_oom(r->c, at);
        return false;
    }
    if (*items != NULL)
        memcpy(grown, *items, *cap * size);
    memset(grown + *cap * size, 0, (n - *cap) * size);
    rt_free(*items);
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
    size_t size = value_size(f), cap = 0, before = r->c->unread;
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
    cJSON **trees = tree != NULL ? rt_alloc(n * sizeof *trees) : NULL;
    if (trees == NULL) {
        if (tree != NULL)
            report_oom(r->c, at);
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
    rt_free((void *)(uintptr_t)d->trees);
}

/* The rules of an array field just read from s[start..r->i). uniqueItems judges the
 * document's values (README "Exact numbers"): number items by their tokens (9007199254740993
 * and 9007199254740992 are distinct though one double holds both), object items as the JSON
 * the document wrote (members the model does not name included, numbers exactly). */
static void check_parsed_items(reader *r, const apigen_field *f, const void *base, size_t start,
                               const seg *at)
{
    size_t n;
    array_items(f, base, &n);
    const apigen_rules *rules = f->rules;
    bool unique = rules != NULL && (rules->bounds & APIGEN_B_UNIQUE_ITEMS) && n >= 2 &&
                  !((rules->bounds & APIGEN_B_MAX_ITEMS) && (int64_t)n > rules->max_items);
    doc_items d = {NULL, NULL, NULL, NULL};
    if (unique && f->kind == APIGEN_KIND_OBJECT) {
        if (item_trees(r, start, n, &d, at))
            check_items(r->c, f, base, &d, at);
        if (d.trees != NULL)
            free_item_trees(&d);
        return;
    }
    if (!unique || f->kind != APIGEN_KIND_DOUBLE) {
        check_items(r->c, f, base, NULL, at);
        return;
    }
    num_token *toks = n <= SIZE_MAX / sizeof *toks ? rt_alloc(n * sizeof *toks) : NULL;
    if (toks == NULL) {
        report_oom(r->c, at);
        return;
    }
    /* the array read without a violation: '[', numbers separated by ',', whitespace */
    size_t k = start;
    for (size_t i = 0; i < n; i++) {
        while (k < r->i && r->s[k] != '-' && (r->s[k] < '0' || r->s[k] > '9'))
            k++; /* whitespace, '[' and ',' */
        scan_num(r->s, r->i, &k, &toks[i]);
    }
    d.doc = r->s;
    d.toks = toks;
    check_items(r->c, f, base, &d, at);
    rt_free(toks);
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
    char *key = t->size < sizeof small ? small : rt_alloc(t->size + 1);
    if (key == NULL) {
        report_oom(r->c, at);
        return NOT_FOUND;
    }
    decode_string(r, t, key);
    size_t k = find_field(m, key, t->size, hint);
    if (key != small)
        rt_free(key);
    return k;
}

/* additionalProperties: false, and t is no field of m. */
APIGEN_NOINLINE
static void report_additional(reader *r, const apigen_model *m, const str_token *t, const seg *at)
{
    char small[KEY_MAX + 1]; /* a path keeps no more of it */
    char *key = t->size < sizeof small ? small : rt_alloc(t->size + 1);
    if (key == NULL) {
        report_oom(r->c, at);
        return;
    }
    decode_string(r, t, key);
    seg s = {at, r->c->secret ? hidden_key : key, 0};
    report(r->c, &s, APIGEN_E_ADDITIONAL, "property not allowed in %s", m->name);
    if (key != small)
        rt_free(key);
}

/* The members of a non-empty object of model m, after its '{'; marks the fields read in seen. */
static void parse_members(reader *r, const apigen_model *m, void *out, uint64_t *seen,
                          const seg *at)
{
    size_t hint = 0;
    for (;;) {
        str_token t;
        skip_ws(r);
        if (peek(r) != '"') {
            fail(r, r->i, "expected a property name");
            return;
        }
        if (!scan_string(r, &t) || !expect(r, ':', "expected ':'")) {
            fail_here(r, at);
            return;
        }
        size_t k = t.escaped ? match_escaped_key(r, m, &t, hint, at)
                             : find_field(m, r->s + t.start, t.size, hint);
        if (stopped(r))
            return;
        if (k == NOT_FOUND) {
            if (m->closed)
                report_additional(r, m, &t, at);
            skip_value(r);
        } else if (seen[k / 64] & UINT64_C(1) << (k % 64)) {
            seg s = {at, m->fields[k].name, 0};
            report(r->c, &s, APIGEN_E_DUPLICATE_KEY, "property given twice");
            skip_value(r);
        } else {
            seen[k / 64] |= UINT64_C(1) << (k % 64);
            hint = k + 1;
            seg s = {at, m->fields[k].name, 0};
            parse_field(r, &m->fields[k], out, &s);
        }
        if (stopped(r))
            return;
        skip_ws(r);
        char ch = peek(r);
        if (ch == '}') {
            r->i++;
            return;
        }
        if (ch != ',') {
            fail(r, r->i, "expected ',' or '}'");
            return;
        }
        r->i++;
    }
}

/* An object of model m at s[i] ('{') into out (zeroed); then its missing required fields. */
static void parse_object(reader *r, const apigen_model *m, void *out, const seg *at)
{
    if (!enter(r))
        return;
    uint64_t seen_local[4] = {0};
    uint64_t *seen = seen_local;
    size_t words = (m->field_count + 63) / 64;
    if (words > 4 && (seen = rt_alloc_zeroed(words, sizeof *seen)) == NULL) {
        report_oom(r->c, at);
        return;
    }
    skip_ws(r);
    if (peek(r) == '}')
        r->i++;
    else
        parse_members(r, m, out, seen, at);
    fail_here(r, at); /* in a skipped member */
    if (!stopped(r)) {
        r->depth--;
        report_missing(r->c, m, seen, at);
    }
    if (seen != seen_local)
        rt_free(seen);
}

int apigen_model_parse(const apigen_model *m, const char *text, size_t len, void *out,
                       apigen_errors *errs)
{
    apigen_errors_init(errs);
    memset(out, 0, m->size);
    matcher mt;
    matcher_init(&mt);
    ctx c = {errs, 0, 0, false, true, &mt, false};
    reader r = {text, text ? len : 0, 0, 0, &c, false, APIGEN_OK, 0, NULL, false};
    if (text == NULL) {
        fail(&r, 0, "no text");
    } else {
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
            r.i = 3; /* a byte order mark, which RFC 8259 lets parsers ignore */
        skip_ws(&r);
        if (peek(&r) == '{')
            parse_object(&r, m, out, NULL);
        else
            mismatch(&r, "object", NULL);
        skip_ws(&r);
        if (!stopped(&r) && r.i != len)
            fail(&r, r.i, "text after the JSON value");
    }
    matcher_done(&mt);
    if (r.stop && r.reported) { /* drop what unwinding may have added */
        apigen_error first = errs->items[0];
        apigen_errors_init(errs);
        errs->items[0] = first;
        errs->count = errs->total = 1;
    } else if (r.stop) {
        apigen_errors_init(errs);
        report(&c, NULL, r.code, "%s (at byte %zu)", r.what, r.at);
    }
    if (c.violations == 0)
        return 0;
    apigen_model_free(m, out);
    return -1;
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
