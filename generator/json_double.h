/* json_double.h: part of the JSON-text module (json_text.h): doubles in their shortest
 * round-trip spelling. A header of its own, needing nothing else of the generator, for
 * mustache.c (which the Mustache fuzzer builds alone). */
#ifndef APIGEN_JSON_DOUBLE_H
#define APIGEN_JSON_DOUBLE_H

#include <math.h>
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

#endif
