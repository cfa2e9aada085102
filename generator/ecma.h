/* ecma.h: patterns are written in ECMA-262 syntax (what API documents use); PCRE2 runs
 * them. This rewrites the few constructs whose meaning differs, at generation time. */
#ifndef APIGEN_ECMA_H
#define APIGEN_ECMA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* The PCRE2 pattern (for APIGEN_PCRE2_OPTIONS) that matches what ECMA-262 pattern
 * src[0..len) matches in unicode mode: `.` excludes only ECMA line terminators, `\s` and
 * `\S` include Unicode spaces, `\p{Letter}`-style long names become PCRE2 names, `[]` and
 * `[^]` match nothing and anything. Arena-owned. */
char *ecma_to_pcre2(arena *a, const char *src, size_t len);

#endif
