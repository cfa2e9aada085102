/* ecma.h: patterns are written in ECMA-262 syntax (what API documents use); PCRE2 runs
 * them. At generation time this parses every pattern with the ECMA-262 grammar in Unicode
 * mode (the `u` flag, ECMA-262 §22.2.1), refuses what that grammar refuses, and translates
 * what it accepts into a PCRE2 pattern with the same meaning under APIGEN_PCRE2_OPTIONS. */
#ifndef APIGEN_ECMA_H
#define APIGEN_ECMA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Why a pattern was refused. */
typedef struct ecma_error {
    size_t offset;     /* byte offset into the pattern where the problem is */
    char message[200]; /* "lone '{' (a quantifier needs digits)", no trailing newline */
} ecma_error;

/* Translates the ECMA-262 pattern src[0..len) (UTF-8; may contain U+0000) into a
 * NUL-terminated PCRE2 pattern for APIGEN_PCRE2_OPTIONS (apigen_rt.h) that matches exactly
 * the strings `new RegExp(src, "u").test()` matches, for subjects of valid UTF-8 (the only
 * ones the runtime matches). Every code point is written as \x{...} (ASCII letters and digits
 * as themselves), so no PCRE2 option changes how the result reads. Returns the arena-owned
 * translation, or NULL with *err set when src is not an ECMA-262 Pattern[+UnicodeMode]
 * (syntax errors, early errors, PCRE-only constructs) or uses what apigen cannot express
 * (README.md, "Patterns", lists those). Does not run PCRE2: see ecma_compile. */
char *ecma_translate(arena *a, const char *src, size_t len, ecma_error *err);

/* The longest translation accepted, in bytes: a longer one is refused as "too large" where it
 * passes the bound. PCRE2 10.42 (link size 2) compiles at most 64 Ki code units, and every
 * translated construct compiles to at least a third of its text, so nothing PCRE2 could run is
 * refused; the bound keeps translating a huge pattern (`\s` expands 50 times) from holding
 * memory in proportion to its output before PCRE2 refuses it. The work of translating (source
 * map, sets) is scratch memory released before ecma_translate returns; a returns only the
 * translation. */
#define ECMA_MAX_TRANSLATION ((size_t)1 << 20)

/* ecma_translate, then pcre2_compile of the result with the runtime's exact options, so
 * that what PCRE2 10.42 refuses (a lookbehind of variable length, a property or script newer
 * than its Unicode 14 tables) is refused here, with err->offset pointing into src. Returns
 * the translation or NULL. */
char *ecma_compile(arena *a, const char *src, size_t len, ecma_error *err);

#endif
