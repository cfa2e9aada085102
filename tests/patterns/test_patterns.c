/* test_patterns.c: ECMA-262 patterns, from the generator's translation (generator/ecma.c) to
 * the runtime's match (apigen_pattern_match).
 *   test_patterns translator                   the translator's output and refusals, by hand
 *   test_patterns oracle CASES NODE SCRIPT     every (pattern, subject) pair of CASES judged by
 *       node's `new RegExp(p, "u").test(s)` at test time and by apigen, which must agree on
 *       all; CASES' "invalid" and "pcre_only" patterns must be SyntaxErrors for node and
 *       refused by apigen; its "unsupported" ones (README.md's known differences) are valid
 *       for node and refused by apigen with a message. Exit 77 (a CTest skip) without node.
 *   test_patterns long NODE SCRIPT             linear patterns of real APIs on valid strings
 *       of 100 KB to 10 MB match (as in node); ^(a+)+$ stays bounded. Exit 77 without node. */
#include "../check.h"
#include "ecma.h"
#include "apigen_rt.h"
#include "node_oracle.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ----------------------------------------------------------- translator ---- */

static arena A;

static void check_translation(const char *ecma, const char *expected, int line)
{
    ecma_error err;
    const char *got = ecma_compile(&A, ecma, strlen(ecma), &err);
    if (got == NULL || strcmp(got, expected) != 0) {
        fprintf(stderr, "%s:%d: /%s/u translated to\n  actual:   %s\n  expected: %s\n", __FILE__,
                line, ecma, got ? got : err.message, expected);
        check_failed_in_test = 1;
    }
}

static void check_refused(const char *ecma, size_t len, size_t offset, const char *words, int line)
{
    ecma_error err;
    const char *got = ecma_compile(&A, ecma, len, &err);
    if (got != NULL || err.offset != offset || strstr(err.message, words) == NULL) {
        fprintf(stderr,
                "%s:%d: /%s/u\n  actual:   %s (offset %zu)\n  expected: refused at %zu "
                "with \"%s\"\n",
                __FILE__, line, ecma, got ? got : err.message, got ? 0 : err.offset, offset, words);
        check_failed_in_test = 1;
    }
}

#define TRANSLATES(ecma, pcre)       check_translation(ecma, pcre, __LINE__)
#define REFUSES(ecma, offset, words) check_refused(ecma, strlen(ecma), offset, words, __LINE__)

/* ECMA-262 §22.2.2.9 CharacterClassEscape and §22.2.2.8 `.`: each written as the explicit
 * set ECMA-262 defines, in code points, whatever PCRE2's defaults are. */
static void classes_are_written_as_ecma_defines_them(void)
{
    TRANSLATES("^.+$", "\\A[^\\x{a}\\x{d}\\x{2028}\\x{2029}]+\\z");
    TRANSLATES("\\d\\D", "[0-9][^0-9]");
    TRANSLATES("\\w", "[0-9A-Z\\x{5f}a-z]");
    TRANSLATES("\\s", "[\\x{9}-\\x{d}\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
                      "\\x{202f}\\x{205f}\\x{3000}\\x{feff}]");
    TRANSLATES("\\S", "[^\\x{9}-\\x{d}\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
                      "\\x{202f}\\x{205f}\\x{3000}\\x{feff}]");
    /* \S inside a class: its complement, spelled out (PCRE2 has no nested classes) */
    TRANSLATES("[a\\S]", "[\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-"
                         "\\x{1fff}\\x{200b}-\\x{2027}\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}"
                         "\\x{2060}-\\x{2fff}\\x{3001}-\\x{d7ff}\\x{e000}-\\x{fefe}\\x{ff00}-"
                         "\\x{10ffff}]");
    TRANSLATES("[]", "(?!)");
    TRANSLATES("[^]", "[\\x{0}-\\x{10ffff}]");
    TRANSLATES("[^\\d]", "[^0-9]");
    TRANSLATES("[\\b]", "[\\x{8}]");
    TRANSLATES("[\\-a-c]", "[\\x{2d}a-c]");
    TRANSLATES("\\v", "\\x{b}");
    TRANSLATES("[\\v]", "[\\x{b}]");
    TRANSLATES("\\b\\B", "\\b\\B");
}

static void escapes_become_code_points(void)
{
    TRANSLATES("x{2028}", "x{2028}"); /* the literal 'x' PCRE2's ALT_BSUX used to eat */
    TRANSLATES("\\u{1F600}\\uD83D\\uDE00", "\\x{1f600}\\x{1f600}");
    TRANSLATES("[\\uD83D\\uDE00]", "[\\x{1f600}]");
    TRANSLATES("\\uD83D", "(?!)"); /* a lone surrogate: no UTF-8 subject holds one */
    TRANSLATES("[^\\uD800-\\uDFFF]", "[\\x{0}-\\x{10ffff}]");
    TRANSLATES("\\x41\\u0042\\cJ\\0\\t", "AB\\x{a}\\x{0}\\x{9}");
    TRANSLATES("\\.\\/\\{\\}", "\\x{2e}\\x{2f}\\x{7b}\\x{7d}");
    TRANSLATES("caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\\x{e9}\\x{20}\\x{1f600}");
    const char nul[] = "a\0b";
    ecma_error err;
    const char *t = ecma_compile(&A, nul, 3, &err);
    CHECK_STR(t, "a\\x{0}b");
}

static void groups_references_and_quantifiers(void)
{
    TRANSLATES("(?<year>\\d{4})-\\k<year>", "([0-9]{4})\\x{2d}(?:\\g{1})");
    TRANSLATES("\\k<a>(?<a>x)", "(?:\\g{1})(x)");
    TRANSLATES("\\2(a)(b)", "(?:\\g{2})(a)(b)");
    TRANSLATES("(?:a|b)*?c{2,}d{1,3}e{0,1}", "(?:a|b)*?c{2,}d{1,3}e?");
    TRANSLATES("(?=a)(?!b)(?<=c)(?<!d)", "(?=a)(?!b)(?<=c)(?<!d)");
    TRANSLATES("(a)?\\1", "(a)?(?:\\g{1})"); /* at most once: no repetition clears it */
    /* PCRE2 10.42 fails \g{1}{2} on an unset group; (?:\g{1}){2} matches empty as ECMA */
    TRANSLATES("(a)|\\1{2}", "(a)|(?:\\g{1}){2}");
}

static void properties_map_to_pcre2_names(void)
{
    TRANSLATES("\\p{Letter}\\P{Lu}", "[\\p{L}][\\P{Lu}]");
    TRANSLATES("\\p{General_Category=Decimal_Number}\\p{gc=LC}", "[\\p{Nd}][\\p{L&}]");
    TRANSLATES("\\p{Script=Greek}\\p{sc=Latn}", "[\\p{sc:Greek}][\\p{sc:Latin}]");
    TRANSLATES("\\p{scx=Hira}", "[\\p{scx:Hiragana}]");
    TRANSLATES("\\p{Alpha}\\p{White_Space}", "[\\p{Alphabetic}][\\p{White_Space}]");
    TRANSLATES("\\p{Assigned}\\P{Assigned}", "[\\P{Cn}][\\p{Cn}]");
    TRANSLATES("[^\\p{L}\\d]", "[^0-9\\p{L}]");
}

/* Syntax errors and PCRE-only constructs, at the offset of the construct. */
static void refuses_what_ecma_refuses(void)
{
    REFUSES("\\Aabc\\z", 0, "invalid escape '\\A'");
    REFUSES("abc\\Z", 3, "invalid escape '\\Z'");
    REFUSES("(?i)abc", 0, "no inline flags");
    REFUSES("a?+", 2, "does not follow anything");
    REFUSES("(?>a)", 0, "invalid group");
    REFUSES("[[:alpha:]]", 10, "lone ']'");
    REFUSES("\\101", 0, "back-reference \\101");
    REFUSES("\\01", 0, "octal");
    REFUSES("a{", 1, "incomplete quantifier");
    REFUSES("a{,5}", 1, "incomplete quantifier");
    REFUSES("x}", 1, "lone '}'");
    REFUSES("a]", 1, "lone ']'");
    REFUSES("{1}", 0, "lone '{'");
    REFUSES("a{3,2}", 1, "out of order");
    REFUSES("[z-a]", 1, "range out of order");
    REFUSES("[\\d-z]", 1, "a range cannot");
    REFUSES("\\-", 0, "invalid escape '\\-'");
    REFUSES("\\p{Latin}", 0, "invalid property name");
    REFUSES("\\p{lu}", 0, "invalid property name");
    REFUSES("\\p{Script=latin}", 0, "unknown script");
    REFUSES("(?<a>x)(?<a>y)", 7, "duplicate group name");
    REFUSES("\\k<b>(?<a>x)", 0, "no group named 'b'");
    REFUSES("(a)\\2", 3, "has 1 capturing groups");
    REFUSES("(?=a)*", 5, "assertion cannot be quantified");
    REFUSES("(ab", 0, "missing ')'");
    REFUSES("ab)", 2, "unmatched ')'");
    REFUSES("[ab", 0, "missing ']'");
    REFUSES("\\c1", 0, "\\c must be followed by a letter");
    REFUSES("\\x4", 0, "2 hex digits");
    REFUSES("\\u{110000}", 0, "up to 10FFFF");
    REFUSES("caf\xc3\xa9\\", 5, "at end of pattern");
    check_refused("a\xff", 2, 1, "not valid UTF-8", __LINE__);
}

/* What ECMA-262 accepts and apigen cannot run the same way: refused, never run differently. */
static void refuses_what_it_cannot_express(void)
{
    REFUSES("(?<=a+)b", 0, "lookbehind");
    REFUSES("(?:(a)|b)+\\1", 10, "inside a repeated group");
    REFUSES("(?<=\\1(a))b", 4, "inside a lookbehind");
    REFUSES("a{65536}", 1, "above 65535");
    REFUSES("\\p{sc=Kawi}", 0, "unknown script");
    REFUSES("\\p{CWKCF}", 0, "PCRE2 10.42 does not implement");
    REFUSES("(?<\xc3\xa9>a)", 3, "group names other than ASCII");
}

static int translator_tests(void)
{
    arena_init(&A);
    RUN_TEST(classes_are_written_as_ecma_defines_them);
    RUN_TEST(escapes_become_code_points);
    RUN_TEST(groups_references_and_quantifiers);
    RUN_TEST(properties_map_to_pcre2_names);
    RUN_TEST(refuses_what_ecma_refuses);
    RUN_TEST(refuses_what_it_cannot_express);
    arena_free(&A);
    return check_summary();
}

/* ---------------------------------------------------------------- oracle ---- */

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

/* apigen's verdict: translation at generation time, then the runtime's match. -2: refused. */
static int apigen_verdict(const char *pattern, const char *subject, ecma_error *err)
{
    arena a;
    arena_init(&a);
    const char *pcre = ecma_compile(&a, pattern, strlen(pattern), err);
    int rc = -2;
    if (pcre != NULL) {
        apigen_pattern p = {.source = pcre, .ecma = pattern};
        rc = apigen_pattern_match(&p, subject, strlen(subject));
        apigen_pattern_release(&p);
    }
    arena_free(&a);
    return rc;
}

static int oracle_tests(const char *cases_path, const char *node, const char *script)
{
    node_oracle o;
    if (!node_oracle_start(&o, node, script)) {
        printf("node not found or not working (%s): skipped\n", node);
        return 77;
    }
    char *text = read_file(cases_path);
    cJSON *cases = text ? cJSON_Parse(text) : NULL;
    free(text);
    if (cases == NULL) {
        fprintf(stderr, "cannot read %s\n", cases_path);
        node_oracle_stop(&o);
        return 1;
    }
    size_t pairs = 0, agree = 0, patterns = 0, refused_ok = 0, refused_total = 0, v8_differs = 0;
    const char *msg;
    ecma_error err;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItem(cases, "pairs"))
    {
        const char *p = cJSON_GetArrayItem(entry, 0)->valuestring;
        patterns++;
        const cJSON *s;
        cJSON_ArrayForEach(s, cJSON_GetArrayItem(entry, 1))
        {
            int want =
                node_oracle_ask(&o, p, strlen(p), s->valuestring, strlen(s->valuestring), &msg);
            int got = apigen_verdict(p, s->valuestring, &err);
            pairs++;
            v8_differs += want >= 0 && strstr(msg, " v8:") != NULL;
            if (want == got) {
                agree++;
            } else {
                char *js = cJSON_PrintUnformatted(s);
                fprintf(stderr, "DISAGREE /%s/u on %s: node %d (%s), apigen %d%s%s\n", p, js, want,
                        want < 0 ? msg : "", got, got == -2 ? ": " : "",
                        got == -2 ? err.message : "");
                free(js);
            }
        }
    }
    /* node's SyntaxErrors and PCRE-only syntax: node must refuse, and so must apigen. */
    static const char *const refused_lists[] = {"invalid", "pcre_only"};
    for (size_t k = 0; k < 2; k++)
        cJSON_ArrayForEach(entry, cJSON_GetObjectItem(cases, refused_lists[k]))
        {
            const char *p = entry->valuestring;
            int want = node_oracle_ask(&o, p, strlen(p), NULL, 0, &msg);
            int got = apigen_verdict(p, "", &err);
            refused_total++;
            if (want == -1 && got == -2)
                refused_ok++;
            else
                fprintf(stderr, "SYNTAX /%s/u (%s): node %s, apigen %s\n", p, refused_lists[k],
                        want == -1 ? "SyntaxError" : "accepts", got == -2 ? "refuses" : "accepts");
        }
    /* Documented limitations: node accepts, apigen refuses with a reason. */
    cJSON_ArrayForEach(entry, cJSON_GetObjectItem(cases, "unsupported"))
    {
        const char *p = entry->valuestring;
        int want = node_oracle_ask(&o, p, strlen(p), NULL, 0, &msg);
        int got = apigen_verdict(p, "", &err);
        refused_total++;
        if (want == 2 && got == -2 && err.message[0] != '\0')
            refused_ok++;
        else
            fprintf(stderr, "UNSUPPORTED /%s/u: node %s, apigen %s\n", p,
                    want == 2 ? "accepts" : "refuses", got == -2 ? "refuses" : "accepts");
    }
    cJSON_Delete(cases);
    node_oracle_stop(&o);
    printf("%zu (pattern, subject) pairs over %zu patterns: %zu agree with node, %zu disagree\n",
           pairs, patterns, agree, pairs - agree);
    printf("%zu pairs where node's own test() tries inside a surrogate pair and differs\n",
           v8_differs);
    printf("%zu refused patterns: %zu as expected\n", refused_total, refused_ok);
    size_t failed = (pairs - agree) + (refused_total - refused_ok);
    printf("%zu passed, %zu failed\n", agree + refused_ok, failed);
    return failed == 0 && pairs >= 300 ? 0 : 1;
}

/* ------------------------------------------------------------ long subjects ---- */

/* Ordinary patterns of real APIs (linear: each subject byte is looked at a few times) on long
 * valid strings: apigen must match them as node does. The JIT's stack runs out on a long
 * repetition of a group; before the stack and interpreter heap grew with the subject, these
 * were refused as patternLimit from 100 KB (^(\w|-)*$) or 300 KB (slug, base64) on. node
 * itself throws RangeError (its stack) on most of them at 10 MB: there the strings, valid by
 * construction, must match. */
typedef struct long_case {
    const char *name, *pattern;
    const char *unit; /* the subject repeats unit (after head), ... */
    const char *sep;  /* ... joined by sep, ... */
    const char *head, *tail;
} long_case;

static const long_case long_cases[] = {
    {"base64", "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$", "QUJD", "", "",
     "YQ=="},
    {"slug", "^(?:[a-z0-9]|-)+$", "ab-", "", "", "z"},
    {"uuid list",
     "^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
     "(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*$",
     "0123abcd-0123-4567-89ab-0123456789ab", ",", "", ""},
    {"word or dash", "^(\\w|-)*$", "a-", "", "", ""},
    {"words", "^(?:\\w+ ?)*$", "ab ", "", "", "x"},
    {"email-like", "^[\\w.+-]+@([\\w-]+\\.)+[\\w-]{2,}$", "ab.", "", "user.name+tag@", "com"},
};

static char *long_subject(const long_case *c, size_t size, size_t *len)
{
    size_t unit = strlen(c->unit), sep = strlen(c->sep);
    char *s = malloc(size + unit + strlen(c->head) + strlen(c->tail) + 1);
    size_t n = (size_t)sprintf(s, "%s", c->head);
    for (bool first = true; n + unit + sep <= size; first = false) {
        if (!first && sep) {
            memcpy(s + n, c->sep, sep);
            n += sep;
        }
        memcpy(s + n, c->unit, unit);
        n += unit;
    }
    n += (size_t)sprintf(s + n, "%s", c->tail);
    *len = n;
    return s;
}

static int long_tests(const char *node, const char *script)
{
    node_oracle o;
    if (!node_oracle_start(&o, node, script)) {
        printf("node not found or not working (%s): skipped\n", node);
        return 77;
    }
    static const size_t sizes[] = {100 * 1000, 300 * 1000, 1000 * 1000, 10 * 1000 * 1000};
    size_t passed = 0, failed = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        for (size_t i = 0; i < sizeof long_cases / sizeof long_cases[0]; i++) {
            const long_case *c = &long_cases[i];
            size_t len;
            char *s = long_subject(c, sizes[k], &len);
            const char *msg = "";
            int want = node_oracle_ask(&o, c->pattern, strlen(c->pattern), s, len, &msg);
            bool node_failed = want != 0 && want != 1;
            ecma_error err;
            struct timespec t0, t1;
            timespec_get(&t0, TIME_UTC);
            int got = apigen_verdict(c->pattern, s, &err);
            timespec_get(&t1, TIME_UTC);
            double ms =
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
            bool ok = got == (node_failed ? 1 : want);
            printf("  %-12s %9zu bytes: node %s, apigen %d (%.1f ms)%s\n", c->name, len,
                   node_failed ? "failed (its stack)"
                   : want      ? "1"
                               : "0",
                   got, ms, ok ? "" : "  <- DIFFERS");
            ok ? passed++ : failed++;
            free(s);
        }
    /* a catastrophic pattern stays bounded on a long subject */
    size_t len = 100 * 1000;
    char *s = malloc(len + 2);
    memset(s, 'a', len);
    strcpy(s + len, "b");
    ecma_error err;
    int got = apigen_verdict("^(a+)+$", s, &err);
    printf("  ^(a+)+$ on %zu a's and b: apigen %d (want -2, patternLimit)\n", len, got);
    got == -2 ? passed++ : failed++;
    free(s);
    node_oracle_stop(&o);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "long") == 0)
        return long_tests(argv[2], argv[3]);
    if (argc == 2 && strcmp(argv[1], "translator") == 0)
        return translator_tests();
    if (argc == 5 && strcmp(argv[1], "oracle") == 0)
        return oracle_tests(argv[2], argv[3], argv[4]);
    fprintf(stderr,
            "usage: test_patterns translator | oracle CASES NODE SCRIPT | long NODE SCRIPT\n");
    return 2;
}
