/* fuzz_patterns: libFuzzer target for ECMA-262 patterns, differential against node.
 * Each input makes one (pattern, subject) pair: with the first byte's two low bits 0 the rest
 * is raw text, pattern and subject split at the first 0xFF byte (both must be UTF-8, since
 * node reads them as text); otherwise the bytes drive a small generator of the ECMA-262
 * grammar (atoms, classes, escapes, properties, quantifiers, groups, lookarounds,
 * back-references) and of a subject from an alphabet of characters whose handling differs
 * between engines (line terminators, Unicode spaces, astral and non-ASCII letters).
 * apigen's side is the generator's translation (ecma_compile) and the runtime's match
 * (apigen_pattern_match); node's is `new RegExp(p, "u").test(s)` in one long-lived child
 * process (tests/patterns/node_oracle.mjs, started once). Invariants that trap:
 *   - apigen accepts a pattern only if node does;
 *   - node accepts a pattern only if apigen does, or apigen's refusal is a documented
 *     limitation (README.md "Patterns": its message says "not supported", names PCRE2 10.42's
 *     missing property or script, or PCRE2 refused a variable-length lookbehind or a
 *     pattern too large for it);
 *   - when both accept, the verdicts on the subject agree, unless node ran out of time or
 *     the runtime reported its work bound (patternLimit).
 * Without node (APIGEN_FUZZ_NODE empty or not runnable) only the sanitizers and the first
 * invariant's apigen side run. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_rt.h"
#include "arena.h"
#include "ecma.h"
#include "fuzz.h"
#include "node_oracle.h"

#ifndef APIGEN_FUZZ_NODE
#define APIGEN_FUZZ_NODE ""
#endif
#ifndef APIGEN_FUZZ_ORACLE
#error "APIGEN_FUZZ_ORACLE must name tests/patterns/node_oracle.mjs"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);

static node_oracle oracle;
static bool have_node;

/* What the inputs exercised, printed at exit when APIGEN_FUZZ_STATS is set (run the target
 * over a corpus: `APIGEN_FUZZ_STATS=1 fuzz_patterns -runs=0 CORPUS`). */
static unsigned long compared, matched, both_refused, limitation, timeouts;

static void print_stats(void)
{
    fprintf(stderr,
            "fuzz_patterns: %lu verdicts compared (%lu matches), %lu patterns refused by both, "
            "%lu documented limitations, %lu node timeouts\n",
            compared, matched, both_refused, limitation, timeouts);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    have_node = node_oracle_start(&oracle, APIGEN_FUZZ_NODE, APIGEN_FUZZ_ORACLE);
    if (getenv("APIGEN_FUZZ_STATS") != NULL)
        atexit(print_stats);
    if (!have_node)
        fprintf(stderr, "fuzz_patterns: node not available (%s): no differential checks\n",
                APIGEN_FUZZ_NODE);
    return 0;
}

/* ------------------------------------------------------------- generator ---- */

typedef struct gen {
    const uint8_t *data;
    size_t size, at;
    char out[512];
    size_t len;
    unsigned groups, depth;
} gen;

static unsigned take(gen *g, unsigned n)
{
    return g->at < g->size ? g->data[g->at++] % n : 0;
}

static void add(gen *g, const char *s)
{
    size_t n = strlen(s);
    if (g->len + n < sizeof g->out) {
        memcpy(g->out + g->len, s, n);
        g->len += n;
    }
}

#define PICK(g, list) add(g, list[take(g, sizeof list / sizeof *list)])

static const char *const ATOMS[] = {"a",
                                    "b",
                                    "c",
                                    ".",
                                    "\\d",
                                    "\\D",
                                    "\\s",
                                    "\\S",
                                    "\\w",
                                    "\\W",
                                    "[a-c]",
                                    "[^a]",
                                    "[]",
                                    "[^]",
                                    "[\\s\\S]",
                                    "[\\S\\d]",
                                    "[^\\S]",
                                    "[^\\s\\w]",
                                    "[\\W]",
                                    "\\p{L}",
                                    "\\P{L}",
                                    "\\p{Lu}",
                                    "\\p{Ll}",
                                    "\\p{Nd}",
                                    "\\p{N}",
                                    "\\p{Script=Greek}",
                                    "\\p{sc=Latn}",
                                    "\\p{scx=Arab}",
                                    "\\p{ASCII}",
                                    "\\p{Any}",
                                    "\\p{Assigned}",
                                    "\\p{White_Space}",
                                    "\\p{Emoji}",
                                    "[\\p{L}\\d]",
                                    "[^\\p{L}]",
                                    "[\\P{Ll}a]",
                                    "\\u{1F600}",
                                    "\\uD83D\\uDE00",
                                    "\\uD83D",
                                    "[\\uD83D\\uDE00]",
                                    "\xc3\xa9",
                                    "\xf0\x9f\x98\x80",
                                    "\\n",
                                    "\\r",
                                    "\\u2028",
                                    "\\u00a0",
                                    "\\x41",
                                    "\\0",
                                    "\\cJ",
                                    "\\v",
                                    "\\t",
                                    "[\\b]",
                                    "[\\-a]",
                                    " ",
                                    "\\.",
                                    "\\/",
                                    "x",
                                    "\\ufeff",
                                    "[a-]",
                                    "[\\n-\\r]",
                                    "[^\\n]",
                                    "\\u{3a9}",
                                    "\\u0663",
                                    "A",
                                    "_",
                                    "1",
                                    "[\\u{1F600}-\\u{1F64F}]",
                                    "\\p{Emoji_Presentation}",
                                    "{",
                                    "}",
                                    "]",
                                    "\\A",
                                    "\\z",
                                    "\\h",
                                    "\\-",
                                    "[[:alpha:]]",
                                    "\\101",
                                    "\\00",
                                    "\\k<n>",
                                    "\\1",
                                    "\\2",
                                    "\\p{Latin}",
                                    "\\u{110000}",
                                    "[z-a]",
                                    "[\\d-z]",
                                    "\\c1",
                                    "\\x4"};
static const char *const QUANTIFIERS[] = {"",      "",      "",     "",     "*",   "+",    "?",
                                          "{2}",   "{1,2}", "{0,}", "*?",   "+?",  "??",   "{0,1}?",
                                          "{2,1}", "*+",    "?+",   "{,2}", "{3}", "{1,3}"};
static const char *const ASSERTIONS[] = {"^", "$", "\\b", "\\B"};
static const char *const OPENERS[] = {
    "(", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<n>", "(?<m>", "(?i)", "(?>"};

static void disjunction(gen *g);

static void term(gen *g)
{
    unsigned kind = take(g, 10);
    if (kind < 6) {
        PICK(g, ATOMS);
        PICK(g, QUANTIFIERS);
    } else if (kind < 7) {
        PICK(g, ASSERTIONS);
        if (take(g, 8) == 0)
            PICK(g, QUANTIFIERS);
    } else if (g->depth < 4) {
        PICK(g, OPENERS);
        g->depth++;
        disjunction(g);
        g->depth--;
        add(g, take(g, 32) ? ")" : "");
        PICK(g, QUANTIFIERS);
    } else {
        PICK(g, ATOMS);
    }
}

static void disjunction(gen *g)
{
    unsigned alternatives = 1 + take(g, 2);
    for (unsigned a = 0; a < alternatives; a++) {
        if (a)
            add(g, "|");
        unsigned terms = take(g, 5);
        for (unsigned t = 0; t < terms; t++)
            term(g);
    }
}

static const char *const LETTERS[] = {"a",
                                      "b",
                                      "c",
                                      "A",
                                      "1",
                                      "_",
                                      " ",
                                      "\n",
                                      "\r",
                                      "\xe2\x80\xa8",
                                      "\xc2\xa0",
                                      "\xc3\xa9",
                                      "\xf0\x9f\x98\x80",
                                      "\xef\xbb\xbf",
                                      "\t",
                                      "x",
                                      "-",
                                      ".",
                                      "\xce\xa9",
                                      "\xd9\xa3",
                                      "\x0b",
                                      "\xc2\x85",
                                      "\xe1\xa0\x8e",
                                      "\xe2\x80\x8b",
                                      "\xce\xb1",
                                      "\xf0\x9f\x87\xab",
                                      "{",
                                      "}",
                                      "0",
                                      "\xe3\x80\x80"};

/* ------------------------------------------------------------------ check ---- */

static bool documented_limitation(const char *message)
{
    return strstr(message, "not supported") != NULL ||
           strstr(message, "PCRE2 10.42 does not implement") != NULL ||
           strstr(message, "scripts of Unicode 14") != NULL ||
           strstr(message, "lookbehind assertion is not fixed length") != NULL ||
           strstr(message, "regular expression is too large") != NULL;
}

static void check(const char *pattern, size_t plen, const char *subject, size_t slen)
{
    arena a;
    arena_init(&a);
    ecma_error err;
    const char *pcre = ecma_compile(&a, pattern, plen, &err);
    int verdict = -9;
    if (pcre != NULL) {
        apigen_pattern p = {.source = pcre};
        verdict = apigen_pattern_match(&p, subject, slen);
        apigen_pattern_release(&p);
        REQUIRE(verdict == 1 || verdict == 0 || verdict == -2); /* -1: it did not compile */
    }
    if (have_node) {
        const char *msg;
        int want = node_oracle_ask(&oracle, pattern, plen, subject, slen, &msg);
        if (want == -2)
            fprintf(stderr, "node oracle failed on /%.*s/u: %s\n", (int)plen, pattern, msg);
        REQUIRE(want != -2);
        if (pcre != NULL && want == -1)
            fprintf(stderr, "apigen accepts /%.*s/u, node: %s\n", (int)plen, pattern, msg);
        REQUIRE(!(pcre != NULL && want == -1));
        if (pcre == NULL && want != -1 && !documented_limitation(err.message))
            fprintf(stderr, "node accepts /%.*s/u, apigen refuses at %zu: %s\n", (int)plen, pattern,
                    err.offset, err.message);
        REQUIRE(!(pcre == NULL && want != -1 && !documented_limitation(err.message)));
        if (pcre != NULL && want >= 0 && verdict >= 0 && want != verdict)
            fprintf(stderr, "/%.*s/u on \"%.*s\": node %d, apigen %d (PCRE2: %s)\n", (int)plen,
                    pattern, (int)slen, subject, want, verdict, pcre);
        REQUIRE(!(pcre != NULL && want >= 0 && verdict >= 0 && want != verdict));
        compared += pcre != NULL && want >= 0 && verdict >= 0;
        matched += pcre != NULL && want == 1 && verdict == 1;
        both_refused += pcre == NULL && want == -1;
        limitation += pcre == NULL && want != -1;
        if (pcre == NULL && want != -1 && getenv("APIGEN_FUZZ_STATS") != NULL)
            fprintf(stderr, "  limitation: /%.*s/u: %s\n", (int)plen, pattern, err.message);
        timeouts += want == -3;
    }
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if ((data[0] & 3) == 0) { /* raw text */
        const uint8_t *cut = memchr(data + 1, 0xFF, size - 1);
        size_t plen = cut ? (size_t)(cut - data - 1) : size - 1;
        const char *pattern = (const char *)data + 1;
        const char *subject = cut ? (const char *)cut + 1 : "";
        size_t slen = cut ? size - plen - 2 : 0;
        if (plen > 200 || slen > 64 || !apigen_utf8_valid(pattern, plen) ||
            !apigen_utf8_valid(subject, slen))
            return 0;
        check(pattern, plen, subject, slen);
        return 0;
    }
    gen g = {.data = data, .size = size, .at = 1};
    disjunction(&g);
    char subject[128];
    size_t slen = 0;
    unsigned letters = take(&g, 12);
    for (unsigned i = 0; i < letters; i++) {
        const char *l = LETTERS[take(&g, sizeof LETTERS / sizeof *LETTERS)];
        memcpy(subject + slen, l, strlen(l));
        slen += strlen(l);
    }
    check(g.out, g.len, subject, slen);
    return 0;
}
