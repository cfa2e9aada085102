/* json_double.h: part of the JSON-text module (json_text.h): doubles in their shortest
 * round-trip spelling. A header of its own, needing nothing else of the generator, for
 * mustache.c (which the Mustache fuzzer builds alone). */
#ifndef APIGEN_JSON_DOUBLE_H
#define APIGEN_JSON_DOUBLE_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define JSON_DOUBLE_MAX 32

/* The shortest of %.15g, %.16g and %.17g that reads back as d (integers below 1e15 as
 * integers: "85", "1.21", "-0.5", "1e+300", "-0"), in buf. Returns buf. d must be finite.
 * Inline: mustache.c uses it without linking the rest of the module. */
static inline const char *json_double_text(double d, char buf[JSON_DOUBLE_MAX])
{
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d && (d != 0 || !signbit(d))) {
        snprintf(buf, JSON_DOUBLE_MAX, "%lld", (long long)d); /* what %.15g prints, faster */
        return buf;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, JSON_DOUBLE_MAX, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    return buf;
}

/* The shortest decimal that reads back as d (finite, > 0): its k significant digits into
 * digits (NUL-terminated, no leading or trailing zeros) and *exp such that the decimal is
 * 0.DIGITS x 10^*exp: 1.5e-7 gives "15" and -6, 4.9e-324 (a subnormal, which %.15g spells with
 * 15 digits) "5" and -323. Among decimals of k digits, the nearest to d, as ECMA-262
 * Number::toString chooses them. Returns k. */
static inline int json_double_digits(double d, char digits[JSON_DOUBLE_MAX], int *exp)
{
    char buf[JSON_DOUBLE_MAX];
    unsigned long long m = 0, low = 1; /* the mantissa as an integer of prec + 1 digits */
    int e = 0;
    for (int prec = 0; prec <= 16; prec++, low *= 10) {
        snprintf(buf, sizeof buf, "%.*e", prec, d); /* correctly rounded: the nearest */
        m = 0;
        const char *p = buf;
        for (; *p != 'e'; p++)
            if (*p != '.')
                m = m * 10 + (unsigned long long)(*p - '0');
        e = atoi(p + 1) - prec; /* the decimal is m x 10^e */
        if (strtod(buf, NULL) == d)
            break;
        /* Beside a power of two the doubles below are twice as close as those above: the
         * nearest decimal may miss d's interval where the next one up (or down) is inside. */
        bool found = false;
        for (int step = -1; step <= 1 && !found; step += 2) {
            unsigned long long n = step < 0 ? m - 1 : m + 1;
            if (n < low || n >= low * 10)
                continue;
            snprintf(buf, sizeof buf, "%llue%d", n, e);
            if (strtod(buf, NULL) == d) {
                m = n;
                found = true;
            }
        }
        if (found)
            break;
    }
    int k = snprintf(digits, JSON_DOUBLE_MAX, "%llu", m);
    *exp = e + k;
    while (k > 1 && digits[k - 1] == '0')
        digits[--k] = '\0';
    return k;
}

#endif
