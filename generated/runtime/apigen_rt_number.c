/* apigen_rt_number.c: JSON numbers as exact values, on the decimal digits a text wrote. Scanning
 * a number token (RFC 8259), its conversion to int64 and double, the kept text of a cJSON number
 * node, exact comparison of two numbers, and a hash that agrees with that comparison (for
 * uniqueItems). The parser, the tree reader, the printer and the rule checks all read numbers
 * through here. */

#include "apigen_rt_internal.h"

#include <locale.h>

#define EXP_CAP   INT64_C(1000000000000000) /* exponents saturate here (see apigen_i_number_cmp) */
#define EXACT_MAX 800 /* "%.766e" of any double: every significant digit (at most 767) */

/* ----------------------------------------------- scanning and conversion ---- */

/* The number at s[*k..len) per RFC 8259: no '+', no leading zeros, digits on both sides of a
 * point, no NaN or Infinity. On success *k is its end; on failure the offending byte. */
bool apigen_i_scan_num(const char *s, size_t len, size_t *pos, num_token *t)
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
bool apigen_i_number_to_int(const char *s, const num_token *t, int64_t *out)
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
bool apigen_i_number_to_double(const char *s, const num_token *t, double *out)
{
    char small[400 + 1];
    size_t n = t->end - t->start;
    char *buf = n < sizeof small ? small : apigen_i_alloc(n + 1);
    if (buf == NULL)
        return false;
    memcpy(buf, s + t->start, n);
    buf[n] = '\0';
    if (t->frac_len > 0)
        buf[t->frac_start - 1 - t->start] = *localeconv()->decimal_point;
    *out = strtod(buf, NULL);
    if (buf != small)
        apigen_i_free(buf);
    return true;
}

/* The text of a number node's exact value that apigen keeps in its valuestring, when that is
 * one JSON number that reads as the node's double (a caller who changed valuedouble afterwards
 * gets the double); else NULL. t receives its token. */
const char *apigen_i_number_literal(const cJSON *j, num_token *t)
{
    const char *s = j->valuestring;
    double d;
    if (s == NULL)
        return NULL;
    size_t len = strlen(s), k = 0;
    if (!apigen_i_scan_num(s, len, &k, t) || k != len || !apigen_i_number_to_double(s, t, &d) ||
        d != j->valuedouble)
        return NULL;
    return s;
}

/* The decimal digits of v into buf (24 bytes); returns where they start. */
char *apigen_i_int_text(int64_t v, char buf[24])
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

/* ------------------------------------------------------ exact comparison ---- */
/* JSON numbers compared by mathematical value, on their decimal digits: a bound or const as
 * the spec wrote it, a document value as the text wrote it, a double by its exact binary
 * value. Written here because neither cJSON (doubles, equal within an epsilon) nor libc
 * compares decimal numbers exactly. */

/* The exact decimal expansion of finite d into out, and its token. C99 leaves digits beyond
 * DECIMAL_DIG to the implementation; glibc and musl print them exactly. */
static void double_exact(double d, char out[EXACT_MAX], num_token *t)
{
    snprintf(out, EXACT_MAX, "%.766e", d);
    for (char *p = out; *p; p++)
        if ((*p < '0' || *p > '9') && *p != '-' && *p != '+' && *p != 'e')
            *p = '.'; /* whatever the locale */
    size_t k = 0;
    apigen_i_scan_num(out, strlen(out), &k, t);
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
    } else if (*t == NULL && !apigen_i_scan_num(*s, strlen(*s), &k, tmp)) {
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
int apigen_i_number_cmp(const char *xs, const num_token *xt, double xd, const char *ys,
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
int apigen_i_json_number_cmp(const cJSON *a, const cJSON *b)
{
    num_token ta, tb;
    const char *la = apigen_i_number_literal(a, &ta), *lb = apigen_i_number_literal(b, &tb);
    return apigen_i_number_cmp(la, la ? &ta : NULL, a->valuedouble, lb, lb ? &tb : NULL,
                               b->valuedouble);
}

/* --------------------------------------------------------------- hashing ---- */

/* The hash of a number's exact value: its sign, significant digits and magnitude (so equal
 * values as decimal_cmp decides them hash alike). s and t as for decimal_cmp. */
uint64_t apigen_i_number_hash(const char *s, const num_token *t)
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
 * (apigen_i_json_number_cmp compares the same ones). */
APIGEN_NOINLINE
uint64_t apigen_i_json_number_hash(const cJSON *j)
{
    num_token t;
    const char *literal = apigen_i_number_literal(j, &t);
    if (literal != NULL)
        return apigen_i_number_hash(literal, &t);
    double d = j->valuedouble;
    size_t k = 0;
    if (!isfinite(d))
        return hash_double(d);
    if (d > -0x1p53 && d < 0x1p53 && d == (double)(int64_t)d) { /* the common case: fast */
        char digits[24];
        const char *text = apigen_i_int_text((int64_t)d, digits);
        apigen_i_scan_num(text, strlen(text), &k, &t);
        return apigen_i_number_hash(text, &t);
    }
    char buf[EXACT_MAX]; /* a caller's own fraction: its exact expansion (some microseconds) */
    double_exact(d, buf, &t);
    return apigen_i_number_hash(buf, &t);
}

/* ------------------------------------------------------------ multipleOf ---- */

/* Whether the number x (xs with its token xt) is an integer multiple of the number m (ms, a
 * NUL-terminated JSON number > 0 of at most 18 significant digits), exactly, on the digits as
 * written (JSON Schema 2020-12 validation 6.2.1). With x = A * 10^a and m = B * 10^b, A and B
 * without trailing zeros: for a < b, x / m = A / (B * 10^(b-a)) is no integer (10 does not
 * divide A); otherwise B must divide A * 10^(a-b), computed as a remainder digit by digit
 * (below B * 10 <= 10^19 < 2^64). Beyond 64 appended zeros the answer no longer changes (B,
 * below 2^60, has fewer than 60 factors 2 or 5), so a saturated exponent stays exact. */
bool apigen_i_number_multiple_of(const char *xs, const num_token *xt, const char *ms)
{
    num_token mt;
    size_t k = 0;
    if (!apigen_i_scan_num(ms, strlen(ms), &k, &mt))
        return false;
    sig_digits m = significant(ms, &mt), x = significant(xs, xt);
    if (m.sign <= 0 || m.last - m.first >= 18)
        return false; /* not a divisor the generator writes */
    if (x.sign == 0)
        return true; /* 0 is a multiple of everything */
    /* the power of ten of the last significant digit: value = D * 10^(mag - digits) */
    int64_t xe = x.mag - (int64_t)(x.last - x.first + 1),
            me = m.mag - (int64_t)(m.last - m.first + 1);
    if (xe < me)
        return false;
    uint64_t b = 0, r = 0;
    for (size_t j = m.first; j <= m.last; j++)
        b = b * 10 + digit_at(ms, &mt, j);
    for (size_t j = x.first; j <= x.last; j++)
        r = (r * 10 + digit_at(xs, xt, j)) % b;
    for (int64_t z = 0; z < xe - me && z < 64 && r != 0; z++)
        r = r * 10 % b;
    return r == 0;
}
