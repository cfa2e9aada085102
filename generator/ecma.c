/* ecma.c: ECMA-262 pattern -> PCRE2 pattern with the same meaning (see ecma.h).
 * PCRE2 with APIGEN_PCRE2_OPTIONS already reads most ECMA syntax the same way; this pass
 * rewrites the constructs whose meaning differs: `.`, `\s`/`\S`, long Unicode property
 * names, and the empty classes `[]` and `[^]`. */
#include "ecma.h"

#include <string.h>

/* ECMA-262 WhiteSpace and LineTerminator beyond PCRE2's ASCII \s. */
#define ECMA_SPACES                                                                                \
    "\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}"

/* General_Category long names (ECMA-262 accepts them; PCRE2 10.42 knows the short ones). */
static const char *const CATEGORIES[][2] = {
    {"Letter", "L"},
    {"Cased_Letter", "L&"},
    {"Uppercase_Letter", "Lu"},
    {"Lowercase_Letter", "Ll"},
    {"Titlecase_Letter", "Lt"},
    {"Modifier_Letter", "Lm"},
    {"Other_Letter", "Lo"},
    {"Mark", "M"},
    {"Combining_Mark", "M"},
    {"Nonspacing_Mark", "Mn"},
    {"Spacing_Mark", "Mc"},
    {"Enclosing_Mark", "Me"},
    {"Number", "N"},
    {"Decimal_Number", "Nd"},
    {"digit", "Nd"},
    {"Letter_Number", "Nl"},
    {"Other_Number", "No"},
    {"Punctuation", "P"},
    {"punct", "P"},
    {"Connector_Punctuation", "Pc"},
    {"Dash_Punctuation", "Pd"},
    {"Open_Punctuation", "Ps"},
    {"Close_Punctuation", "Pe"},
    {"Initial_Punctuation", "Pi"},
    {"Final_Punctuation", "Pf"},
    {"Other_Punctuation", "Po"},
    {"Symbol", "S"},
    {"Math_Symbol", "Sm"},
    {"Currency_Symbol", "Sc"},
    {"Modifier_Symbol", "Sk"},
    {"Other_Symbol", "So"},
    {"Separator", "Z"},
    {"Space_Separator", "Zs"},
    {"Line_Separator", "Zl"},
    {"Paragraph_Separator", "Zp"},
    {"Other", "C"},
    {"Control", "Cc"},
    {"cntrl", "Cc"},
    {"Format", "Cf"},
    {"Surrogate", "Cs"},
    {"Private_Use", "Co"},
    {"Unassigned", "Cn"},
    {"LC", "L&"},
};

typedef struct out {
    char *buf;
    size_t len;
} out;

static void put(out *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* \p{...} or \P{...} starting at p (p[0] == '\\'); returns the bytes consumed. */
static size_t property(out *o, const char *p, const char *end)
{
    const char *close = memchr(p + 3, '}', (size_t)(end - p - 3));
    if (p + 2 >= end || p[2] != '{' || close == NULL) {
        put(o, p, 2); /* let PCRE2 report it */
        return 2;
    }
    const char *name = p + 3;
    size_t len = (size_t)(close - name);
    const char *eq = memchr(name, '=', len);
    if (eq != NULL) {
        /* General_Category=X / gc=X name a category; Script=X / sc=X a script. */
        size_t key = (size_t)(eq - name);
        bool category = (key == 16 && strncmp(name, "General_Category", 16) == 0) ||
                        (key == 2 && strncmp(name, "gc", 2) == 0);
        bool script = (key == 6 && strncmp(name, "Script", 6) == 0) ||
                      (key == 2 && strncmp(name, "sc", 2) == 0);
        if (category || script) {
            len -= key + 1;
            name = eq + 1;
        }
    }
    const char *pcre = NULL;
    for (size_t i = 0; i < sizeof CATEGORIES / sizeof *CATEGORIES && !pcre; i++)
        if (strlen(CATEGORIES[i][0]) == len && strncmp(CATEGORIES[i][0], name, len) == 0)
            pcre = CATEGORIES[i][1];
    put(o, p, 3); /* \p{ */
    if (pcre)
        puts_(o, pcre);
    else
        put(o, name, len);
    puts_(o, "}");
    return (size_t)(close - p) + 1;
}

char *ecma_to_pcre2(arena *a, const char *src, size_t len)
{
    /* The longest expansion is \S -> [^\s...] (about 110 bytes for 2). */
    out o = {arena_alloc(a, 64 * len + 1), 0};
    const char *p = src, *end = src + len;
    bool in_class = false;
    while (p < end) {
        if (*p == '\\' && p + 1 < end) {
            char c = p[1];
            if (c == 'p' || c == 'P') {
                p += property(&o, p, end);
            } else if (c == 's' && !in_class) {
                puts_(&o, "[\\s" ECMA_SPACES "]");
                p += 2;
            } else if (c == 's') {
                puts_(&o, "\\s" ECMA_SPACES);
                p += 2;
            } else if (c == 'S' && !in_class) {
                puts_(&o, "[^\\s" ECMA_SPACES "]");
                p += 2;
            } else {
                put(&o, p, 2);
                p += 2;
            }
        } else if (!in_class && *p == '[') {
            if (p + 1 < end && p[1] == ']') {
                puts_(&o, "(?!)"); /* [] matches nothing */
                p += 2;
            } else if (p + 2 < end && p[1] == '^' && p[2] == ']') {
                puts_(&o, "[\\s\\S]"); /* [^] matches anything */
                p += 3;
            } else {
                in_class = true;
                put(&o, p, 1);
                p++;
                if (p < end && *p == '^') {
                    put(&o, p, 1);
                    p++;
                }
                /* In ECMA-262 a ']' right after '[' or '[^' closes the class (handled above
                 * for the empty forms); PCRE2 would read it as a literal, so no special case. */
            }
        } else if (in_class && *p == ']') {
            in_class = false;
            put(&o, p, 1);
            p++;
        } else if (!in_class && *p == '.') {
            puts_(&o, "[^\\n\\r\\x{2028}\\x{2029}]"); /* ECMA's LineTerminators */
            p++;
        } else {
            put(&o, p, 1);
            p++;
        }
    }
    o.buf[o.len] = '\0';
    return o.buf;
}
