/* apigen_rt_text.c: text. UTF-8 validation and code point counting (RFC 3629), and the
 * checks of the string formats apigen_rt.h lists at APIGEN_FORMATS (RFC 3339 dates and times,
 * UUID, E.164, IPv4, IPv6, RFC 5321 email, RFC 3986 URI) and their parts that are no format
 * of their own: an email domain's host names and address literals. */

#include "apigen_rt_internal.h"

/* ------------------------------------------------------------------ UTF-8 ---- */

/* Validates s[0..len) and counts its code points; false on the first invalid sequence. */
bool apigen_i_utf8_scan(const char *s, size_t len, size_t *code_points)
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
    return s != NULL && apigen_i_utf8_scan(s, len, NULL);
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

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_digit(c) || is_alpha(c);
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

/* Dotted-decimal IPv4 (RFC 2673 3.2 dotted-quad, as JSON Schema 2020-12 validation 7.3.4 names
 * it): four ASCII decimal octets 0-255, no leading zeros (RFC 3986 3.2.2 dec-octet). */
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

/* RFC 4291 2.2 text (format ipv6, JSON Schema 2020-12 validation 7.3.4, and a URI's IP-literal
 * host): eight groups of 1-4 hex digits, one "::" for a run of zero groups, an IPv4 address
 * (check_ipv4) for the last two; no zone ("%eth0", RFC 4007), no brackets. */
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

bool apigen_i_format_check(apigen_format format, const char *s, size_t len)
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
    return s != NULL && apigen_i_format_check(format, s, strlen(s));
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
