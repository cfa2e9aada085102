/* ecma.c: ECMA-262 pattern -> PCRE2 pattern with the same meaning (see ecma.h).
 * A recursive-descent parser of the Pattern grammar with the UnicodeMode parameter
 * (ECMA-262 §22.2.1, 15th edition) and its early errors (§22.2.1.1), writing the PCRE2
 * translation as it goes. It runs twice: the first pass counts capturing groups and
 * collects their names (a back-reference may precede its group), the second resolves
 * references and keeps the output. PCRE2 is not asked whether the text is ECMA-262: its
 * own grammar is looser (`\A`, `(?i)`, `a?+`, `[[:alpha:]]`, octal escapes, lone `{`). */
#include "ecma.h"
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "apigen_rt.h"

/* PCRE2 cannot repeat more often than this (its compile error "number too big in {}"). */
#define REPEAT_MAX 65535u
/* Groups nested deeper are refused (PCRE2's default parenthesis nesting limit is 250). */
#define DEPTH_MAX 200u

/* General_Category values and their aliases (Unicode PropertyValueAliases.txt, `gc`), as
 * ECMA-262 §22.2.2.9.2 accepts them, with the name PCRE2 10.42 knows. */
static const char *const CATEGORIES[][4] = {
    {"C", "Other", NULL, "C"},
    {"Cc", "Control", "cntrl", "Cc"},
    {"Cf", "Format", NULL, "Cf"},
    {"Cn", "Unassigned", NULL, "Cn"},
    {"Co", "Private_Use", NULL, "Co"},
    {"Cs", "Surrogate", NULL, "Cs"},
    {"L", "Letter", NULL, "L"},
    {"LC", "Cased_Letter", NULL, "L&"},
    {"Ll", "Lowercase_Letter", NULL, "Ll"},
    {"Lm", "Modifier_Letter", NULL, "Lm"},
    {"Lo", "Other_Letter", NULL, "Lo"},
    {"Lt", "Titlecase_Letter", NULL, "Lt"},
    {"Lu", "Uppercase_Letter", NULL, "Lu"},
    {"M", "Mark", "Combining_Mark", "M"},
    {"Mc", "Spacing_Mark", NULL, "Mc"},
    {"Me", "Enclosing_Mark", NULL, "Me"},
    {"Mn", "Nonspacing_Mark", NULL, "Mn"},
    {"N", "Number", NULL, "N"},
    {"Nd", "Decimal_Number", "digit", "Nd"},
    {"Nl", "Letter_Number", NULL, "Nl"},
    {"No", "Other_Number", NULL, "No"},
    {"P", "Punctuation", "punct", "P"},
    {"Pc", "Connector_Punctuation", NULL, "Pc"},
    {"Pd", "Dash_Punctuation", NULL, "Pd"},
    {"Pe", "Close_Punctuation", NULL, "Pe"},
    {"Pf", "Final_Punctuation", NULL, "Pf"},
    {"Pi", "Initial_Punctuation", NULL, "Pi"},
    {"Po", "Other_Punctuation", NULL, "Po"},
    {"Ps", "Open_Punctuation", NULL, "Ps"},
    {"S", "Symbol", NULL, "S"},
    {"Sc", "Currency_Symbol", NULL, "Sc"},
    {"Sk", "Modifier_Symbol", NULL, "Sk"},
    {"Sm", "Math_Symbol", NULL, "Sm"},
    {"So", "Other_Symbol", NULL, "So"},
    {"Z", "Separator", NULL, "Z"},
    {"Zl", "Line_Separator", NULL, "Zl"},
    {"Zp", "Paragraph_Separator", NULL, "Zp"},
    {"Zs", "Space_Separator", NULL, "Zs"},
};

/* Binary properties of ECMA-262 table "Binary Unicode property aliases" (§22.2.2.9.1),
 * with the aliases of PropertyAliases.txt. The last column is PCRE2's name; NULL where
 * PCRE2 10.42 has none (refused), "!Cn" for Assigned (= not Unassigned). */
static const char *const BINARY[][3] = {
    {"ASCII", NULL, "ASCII"},
    {"ASCII_Hex_Digit", "AHex", "ASCII_Hex_Digit"},
    {"Alphabetic", "Alpha", "Alphabetic"},
    {"Any", NULL, "Any"},
    {"Assigned", NULL, "!Cn"},
    {"Bidi_Control", "Bidi_C", "Bidi_Control"},
    {"Bidi_Mirrored", "Bidi_M", "Bidi_Mirrored"},
    {"Case_Ignorable", "CI", "Case_Ignorable"},
    {"Cased", NULL, "Cased"},
    {"Changes_When_Casefolded", "CWCF", "Changes_When_Casefolded"},
    {"Changes_When_Casemapped", "CWCM", "Changes_When_Casemapped"},
    {"Changes_When_Lowercased", "CWL", "Changes_When_Lowercased"},
    {"Changes_When_NFKC_Casefolded", "CWKCF", NULL},
    {"Changes_When_Titlecased", "CWT", "Changes_When_Titlecased"},
    {"Changes_When_Uppercased", "CWU", "Changes_When_Uppercased"},
    {"Dash", NULL, "Dash"},
    {"Default_Ignorable_Code_Point", "DI", "Default_Ignorable_Code_Point"},
    {"Deprecated", "Dep", "Deprecated"},
    {"Diacritic", "Dia", "Diacritic"},
    {"Emoji", NULL, "Emoji"},
    {"Emoji_Component", "EComp", "Emoji_Component"},
    {"Emoji_Modifier", "EMod", "Emoji_Modifier"},
    {"Emoji_Modifier_Base", "EBase", "Emoji_Modifier_Base"},
    {"Emoji_Presentation", "EPres", "Emoji_Presentation"},
    {"Extended_Pictographic", "ExtPict", "Extended_Pictographic"},
    {"Extender", "Ext", "Extender"},
    {"Grapheme_Base", "Gr_Base", "Grapheme_Base"},
    {"Grapheme_Extend", "Gr_Ext", "Grapheme_Extend"},
    {"Hex_Digit", "Hex", "Hex_Digit"},
    {"IDS_Binary_Operator", "IDSB", "IDS_Binary_Operator"},
    {"IDS_Trinary_Operator", "IDST", "IDS_Trinary_Operator"},
    {"ID_Continue", "IDC", "ID_Continue"},
    {"ID_Start", "IDS", "ID_Start"},
    {"Ideographic", "Ideo", "Ideographic"},
    {"Join_Control", "Join_C", "Join_Control"},
    {"Logical_Order_Exception", "LOE", "Logical_Order_Exception"},
    {"Lowercase", "Lower", "Lowercase"},
    {"Math", NULL, "Math"},
    {"Noncharacter_Code_Point", "NChar", "Noncharacter_Code_Point"},
    {"Pattern_Syntax", "Pat_Syn", "Pattern_Syntax"},
    {"Pattern_White_Space", "Pat_WS", "Pattern_White_Space"},
    {"Quotation_Mark", "QMark", "Quotation_Mark"},
    {"Radical", NULL, "Radical"},
    {"Regional_Indicator", "RI", "Regional_Indicator"},
    {"Sentence_Terminal", "STerm", "Sentence_Terminal"},
    {"Soft_Dotted", "SD", "Soft_Dotted"},
    {"Terminal_Punctuation", "Term", "Terminal_Punctuation"},
    {"Unified_Ideograph", "UIdeo", "Unified_Ideograph"},
    {"Uppercase", "Upper", "Uppercase"},
    {"Variation_Selector", "VS", "Variation_Selector"},
    {"White_Space", "space", "White_Space"},
    {"WSpace", NULL, "White_Space"}, /* PropertyAliases.txt's third alias; V8 takes it too */
    {"XID_Continue", "XIDC", "XID_Continue"},
    {"XID_Start", "XIDS", "XID_Start"},
};

/* Script values (short, long, other alias) of Unicode 14.0 PropertyValueAliases.txt, the
 * version PCRE2 10.42 implements (listed with perl's Unicode::UCD, which carries 14.0).
 * Scripts added later (Kawi, Nag_Mundari, ...) are refused: PCRE2 10.42 cannot match them. */
static const char *const SCRIPTS[][3] = {
    {"Adlm", "Adlam", NULL},
    {"Aghb", "Caucasian_Albanian", NULL},
    {"Ahom", "Ahom", NULL},
    {"Arab", "Arabic", NULL},
    {"Armi", "Imperial_Aramaic", NULL},
    {"Armn", "Armenian", NULL},
    {"Avst", "Avestan", NULL},
    {"Bali", "Balinese", NULL},
    {"Bamu", "Bamum", NULL},
    {"Bass", "Bassa_Vah", NULL},
    {"Batk", "Batak", NULL},
    {"Beng", "Bengali", NULL},
    {"Bhks", "Bhaiksuki", NULL},
    {"Bopo", "Bopomofo", NULL},
    {"Brah", "Brahmi", NULL},
    {"Brai", "Braille", NULL},
    {"Bugi", "Buginese", NULL},
    {"Buhd", "Buhid", NULL},
    {"Cakm", "Chakma", NULL},
    {"Cans", "Canadian_Aboriginal", NULL},
    {"Cari", "Carian", NULL},
    {"Cham", "Cham", NULL},
    {"Cher", "Cherokee", NULL},
    {"Chrs", "Chorasmian", NULL},
    {"Copt", "Coptic", "Qaac"},
    {"Cpmn", "Cypro_Minoan", NULL},
    {"Cprt", "Cypriot", NULL},
    {"Cyrl", "Cyrillic", NULL},
    {"Deva", "Devanagari", NULL},
    {"Diak", "Dives_Akuru", NULL},
    {"Dogr", "Dogra", NULL},
    {"Dsrt", "Deseret", NULL},
    {"Dupl", "Duployan", NULL},
    {"Egyp", "Egyptian_Hieroglyphs", NULL},
    {"Elba", "Elbasan", NULL},
    {"Elym", "Elymaic", NULL},
    {"Ethi", "Ethiopic", NULL},
    {"Geor", "Georgian", NULL},
    {"Glag", "Glagolitic", NULL},
    {"Gong", "Gunjala_Gondi", NULL},
    {"Gonm", "Masaram_Gondi", NULL},
    {"Goth", "Gothic", NULL},
    {"Gran", "Grantha", NULL},
    {"Grek", "Greek", NULL},
    {"Gujr", "Gujarati", NULL},
    {"Guru", "Gurmukhi", NULL},
    {"Hang", "Hangul", NULL},
    {"Hani", "Han", NULL},
    {"Hano", "Hanunoo", NULL},
    {"Hatr", "Hatran", NULL},
    {"Hebr", "Hebrew", NULL},
    {"Hira", "Hiragana", NULL},
    {"Hluw", "Anatolian_Hieroglyphs", NULL},
    {"Hmng", "Pahawh_Hmong", NULL},
    {"Hmnp", "Nyiakeng_Puachue_Hmong", NULL},
    {NULL, NULL, NULL},
    {"Hung", "Old_Hungarian", NULL},
    {"Ital", "Old_Italic", NULL},
    {"Java", "Javanese", NULL},
    {"Kali", "Kayah_Li", NULL},
    {"Kana", "Katakana", NULL},
    {"Khar", "Kharoshthi", NULL},
    {"Khmr", "Khmer", NULL},
    {"Khoj", "Khojki", NULL},
    {"Kits", "Khitan_Small_Script", NULL},
    {"Knda", "Kannada", NULL},
    {"Kthi", "Kaithi", NULL},
    {"Lana", "Tai_Tham", NULL},
    {"Laoo", "Lao", NULL},
    {"Latn", "Latin", NULL},
    {"Lepc", "Lepcha", NULL},
    {"Limb", "Limbu", NULL},
    {"Lina", "Linear_A", NULL},
    {"Linb", "Linear_B", NULL},
    {"Lisu", "Lisu", NULL},
    {"Lyci", "Lycian", NULL},
    {"Lydi", "Lydian", NULL},
    {"Mahj", "Mahajani", NULL},
    {"Maka", "Makasar", NULL},
    {"Mand", "Mandaic", NULL},
    {"Mani", "Manichaean", NULL},
    {"Marc", "Marchen", NULL},
    {"Medf", "Medefaidrin", NULL},
    {"Mend", "Mende_Kikakui", NULL},
    {"Merc", "Meroitic_Cursive", NULL},
    {"Mero", "Meroitic_Hieroglyphs", NULL},
    {"Mlym", "Malayalam", NULL},
    {"Modi", "Modi", NULL},
    {"Mong", "Mongolian", NULL},
    {"Mroo", "Mro", NULL},
    {"Mtei", "Meetei_Mayek", NULL},
    {"Mult", "Multani", NULL},
    {"Mymr", "Myanmar", NULL},
    {"Nand", "Nandinagari", NULL},
    {"Narb", "Old_North_Arabian", NULL},
    {"Nbat", "Nabataean", NULL},
    {"Newa", "Newa", NULL},
    {"Nkoo", "Nko", NULL},
    {"Nshu", "Nushu", NULL},
    {"Ogam", "Ogham", NULL},
    {"Olck", "Ol_Chiki", NULL},
    {"Orkh", "Old_Turkic", NULL},
    {"Orya", "Oriya", NULL},
    {"Osge", "Osage", NULL},
    {"Osma", "Osmanya", NULL},
    {"Ougr", "Old_Uyghur", NULL},
    {"Palm", "Palmyrene", NULL},
    {"Pauc", "Pau_Cin_Hau", NULL},
    {"Perm", "Old_Permic", NULL},
    {"Phag", "Phags_Pa", NULL},
    {"Phli", "Inscriptional_Pahlavi", NULL},
    {"Phlp", "Psalter_Pahlavi", NULL},
    {"Phnx", "Phoenician", NULL},
    {"Plrd", "Miao", NULL},
    {"Prti", "Inscriptional_Parthian", NULL},
    {"Rjng", "Rejang", NULL},
    {"Rohg", "Hanifi_Rohingya", NULL},
    {"Runr", "Runic", NULL},
    {"Samr", "Samaritan", NULL},
    {"Sarb", "Old_South_Arabian", NULL},
    {"Saur", "Saurashtra", NULL},
    {"Sgnw", "SignWriting", NULL},
    {"Shaw", "Shavian", NULL},
    {"Shrd", "Sharada", NULL},
    {"Sidd", "Siddham", NULL},
    {"Sind", "Khudawadi", NULL},
    {"Sinh", "Sinhala", NULL},
    {"Sogd", "Sogdian", NULL},
    {"Sogo", "Old_Sogdian", NULL},
    {"Sora", "Sora_Sompeng", NULL},
    {"Soyo", "Soyombo", NULL},
    {"Sund", "Sundanese", NULL},
    {"Sylo", "Syloti_Nagri", NULL},
    {"Syrc", "Syriac", NULL},
    {"Tagb", "Tagbanwa", NULL},
    {"Takr", "Takri", NULL},
    {"Tale", "Tai_Le", NULL},
    {"Talu", "New_Tai_Lue", NULL},
    {"Taml", "Tamil", NULL},
    {"Tang", "Tangut", NULL},
    {"Tavt", "Tai_Viet", NULL},
    {"Telu", "Telugu", NULL},
    {"Tfng", "Tifinagh", NULL},
    {"Tglg", "Tagalog", NULL},
    {"Thaa", "Thaana", NULL},
    {"Thai", "Thai", NULL},
    {"Tibt", "Tibetan", NULL},
    {"Tirh", "Tirhuta", NULL},
    {"Tnsa", "Tangsa", NULL},
    {"Toto", "Toto", NULL},
    {"Ugar", "Ugaritic", NULL},
    {"Vaii", "Vai", NULL},
    {"Vith", "Vithkuqi", NULL},
    {"Wara", "Warang_Citi", NULL},
    {"Wcho", "Wancho", NULL},
    {"Xpeo", "Old_Persian", NULL},
    {"Xsux", "Cuneiform", NULL},
    {"Yezi", "Yezidi", NULL},
    {"Yiii", "Yi", NULL},
    {"Zanb", "Zanabazar_Square", NULL},
    {"Zinh", "Inherited", "Qaai"},
    {"Zyyy", "Common", NULL},
    {"Zzzz", "Unknown", NULL},
};

/* ECMA-262 WhiteSpace (§12.2: TAB, VT, FF, ZWNBSP, and every Zs) and LineTerminator (§12.3:
 * LF, CR, LS, PS): what \s matches (§22.2.2.9, CharacterClassEscape :: s). */
static const uint32_t SPACES[][2] = {
    {0x09, 0x0D},     {0x20, 0x20},     {0xA0, 0xA0},     {0x1680, 0x1680}, {0x2000, 0x200A},
    {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
};
/* \d and \w without the i flag (§22.2.2.9, WordCharacters: ASCII only). */
static const uint32_t DIGITS[][2] = {{0x30, 0x39}};
static const uint32_t WORD[][2] = {{0x30, 0x39}, {0x41, 0x5A}, {0x5F, 0x5F}, {0x61, 0x7A}};

/* A set of code points: ranges, plus PCRE2 property items ("\p{Lu}") it cannot enumerate. */
typedef struct cset {
    uint32_t (*r)[2];
    size_t n, cap;
    const char **props;
    size_t nprops, props_cap;
} cset;

typedef struct group_name {
    const char *name;
    size_t len;
    unsigned index;
} group_name;

typedef struct parser {
    arena *a;
    const char *s;
    size_t len, pos;
    char *out;
    size_t *map; /* map[i]: the source offset output byte i comes from */
    size_t out_len, out_cap;
    size_t at;       /* source offset of the construct being written */
    bool final;      /* second pass: references resolve */
    unsigned groups; /* capturing groups opened so far */
    unsigned total;  /* second pass: all capturing groups */
    bool *repeated;  /* [group]: inside an atom repeated more than once (first pass) */
    group_name *names;
    size_t name_count, name_cap;
    unsigned depth, lookbehind;
    size_t too_large; /* > 0: the translation passed ECMA_MAX_TRANSLATION at this source offset */
    ecma_error *err;
} parser;

static bool fail(parser *p, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(parser *p, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    p->err->offset = at;
    return false;
}

static void emit(parser *p, const char *s, size_t n)
{
    if (p->out_len + n > ECMA_MAX_TRANSLATION) { /* refused after the term (alternative) */
        if (p->too_large == 0)
            p->too_large = p->at + 1;
        return;
    }
    if (p->out_len + n + 1 > p->out_cap) {
        size_t cap = (p->out_len + n + 1) * 2;
        char *out = arena_alloc(p->a, cap);
        size_t *map = arena_alloc(p->a, cap * sizeof *map);
        if (p->out_len) {
            memcpy(out, p->out, p->out_len);
            memcpy(map, p->map, p->out_len * sizeof *map);
        }
        p->out = out;
        p->map = map;
        p->out_cap = cap;
    }
    memcpy(p->out + p->out_len, s, n);
    for (size_t i = 0; i < n; i++)
        p->map[p->out_len + i] = p->at;
    p->out_len += n;
    p->out[p->out_len] = '\0';
}

static void emits(parser *p, const char *s)
{
    emit(p, s, strlen(s));
}

/* One code point: ASCII letters and digits as themselves, everything else \x{...}, which
 * PCRE2 reads as a code point whatever the options (no ALT_BSUX). */
static void emit_cp(parser *p, uint32_t cp)
{
    char buf[16];
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
        buf[0] = (char)cp;
        emit(p, buf, 1);
        return;
    }
    int n = snprintf(buf, sizeof buf, "\\x{%x}", (unsigned)cp);
    emit(p, buf, (size_t)n);
}

static bool is_surrogate(uint32_t cp)
{
    return cp >= 0xD800 && cp <= 0xDFFF;
}

/* A literal code point outside a class. A lone surrogate (from \uD800) matches a lone
 * surrogate code unit in ECMA-262; UTF-8 subjects hold none, so it matches nothing. */
static void emit_literal(parser *p, uint32_t cp)
{
    if (is_surrogate(cp))
        emits(p, "(?!)");
    else
        emit_cp(p, cp);
}

static char peek(const parser *p, size_t ahead)
{
    return p->pos + ahead < p->len ? p->s[p->pos + ahead] : '\0';
}

static bool at_end(const parser *p)
{
    return p->pos >= p->len;
}

/* Decodes the UTF-8 code point at pos (the pattern's SourceCharacter) and moves past it. */
static bool next_cp(parser *p, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)p->s + p->pos;
    size_t left = p->len - p->pos;
    uint32_t c = s[0];
    size_t n = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (n == 0 || n > left)
        return fail(p, p->pos, "not valid UTF-8");
    if (n > 1) {
        c &= 0x3Fu >> (n - 1);
        for (size_t i = 1; i < n; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return fail(p, p->pos, "not valid UTF-8");
            c = c << 6 | (s[i] & 0x3Fu);
        }
        static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (c < least[n] || c > 0x10FFFF || is_surrogate(c))
            return fail(p, p->pos, "not valid UTF-8");
    }
    p->pos += n;
    *cp = c;
    return true;
}

/* ------------------------------------------------------------------ sets ---- */

static void set_add(parser *p, cset *set, uint32_t lo, uint32_t hi)
{
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        uint32_t(*r)[2] = arena_alloc(p->a, set->cap * sizeof *r);
        if (set->n)
            memcpy(r, set->r, set->n * sizeof *r);
        set->r = r;
    }
    set->r[set->n][0] = lo;
    set->r[set->n][1] = hi;
    set->n++;
}

static void set_add_prop(parser *p, cset *set, const char *item)
{
    if (set->nprops == set->props_cap) {
        set->props_cap = set->props_cap ? set->props_cap * 2 : 4;
        const char **q = arena_alloc(p->a, set->props_cap * sizeof *q);
        if (set->nprops)
            memcpy(q, set->props, set->nprops * sizeof *q);
        set->props = q;
    }
    set->props[set->nprops++] = item;
}

static int compare_ranges(const void *x, const void *y)
{
    const uint32_t *a = x, *b = y;
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Sorts and merges the ranges, and drops surrogates (no UTF-8 subject holds one, and
 * PCRE2 in UTF mode refuses them in a pattern). */
static void set_normalize(parser *p, cset *set)
{
    if (set->n == 0)
        return;
    qsort(set->r, set->n, sizeof *set->r, compare_ranges);
    cset out = {0};
    for (size_t i = 0; i < set->n; i++) {
        uint32_t lo = set->r[i][0], hi = set->r[i][1];
        if (out.n && lo <= out.r[out.n - 1][1] + 1) {
            if (hi > out.r[out.n - 1][1])
                out.r[out.n - 1][1] = hi;
        } else {
            set_add(p, &out, lo, hi);
        }
    }
    set->n = 0;
    for (size_t i = 0; i < out.n; i++) {
        uint32_t lo = out.r[i][0], hi = out.r[i][1];
        if (lo < 0xD800 && hi >= 0xD800)
            set_add(p, set, lo, 0xD7FF);
        else if (lo < 0xD800)
            set_add(p, set, lo, hi);
        if (hi > 0xDFFF)
            set_add(p, set, lo > 0xE000 ? lo : 0xE000, hi);
    }
}

/* Adds table (or, with negate, every code point outside it) to set. */
static void set_add_table(parser *p, cset *set, const uint32_t (*t)[2], size_t n, bool negate)
{
    if (!negate) {
        for (size_t i = 0; i < n; i++)
            set_add(p, set, t[i][0], t[i][1]);
        return;
    }
    uint32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i][0] > next)
            set_add(p, set, next, t[i][0] - 1);
        next = t[i][1] + 1;
    }
    set_add(p, set, next, 0x10FFFF);
}

/* Writes set as one PCRE2 item: a class, or (?!) when it can match nothing. */
static void emit_set(parser *p, cset *set, bool negated)
{
    set_normalize(p, set);
    if (set->n == 0 && set->nprops == 0) {
        emits(p, negated ? "[\\x{0}-\\x{10ffff}]" : "(?!)"); /* [^] and [] (§22.2.2.9) */
        return;
    }
    emits(p, negated ? "[^" : "[");
    for (size_t i = 0; i < set->n; i++) {
        emit_cp(p, set->r[i][0]);
        if (set->r[i][1] != set->r[i][0]) {
            if (set->r[i][1] > set->r[i][0] + 1)
                emits(p, "-");
            emit_cp(p, set->r[i][1]);
        }
    }
    for (size_t i = 0; i < set->nprops; i++)
        emits(p, set->props[i]);
    emits(p, "]");
}

/* -------------------------------------------------------------- escapes ---- */

static int hex_value(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* n hex digits at pos into *v, or false (nothing consumed). */
static bool hex_digits(parser *p, size_t n, uint32_t *v)
{
    uint32_t x = 0;
    for (size_t i = 0; i < n; i++) {
        int h = hex_value(peek(p, i));
        if (h < 0)
            return false;
        x = x << 4 | (uint32_t)h;
    }
    p->pos += n;
    *v = x;
    return true;
}

/* RegExpUnicodeEscapeSequence[+UnicodeMode] (§22.2.1), pos after the 'u': \u{...}, \uXXXX,
 * and a lead surrogate \uXXXX followed by a trail one, which is one code point. */
static bool unicode_escape(parser *p, size_t start, uint32_t *cp)
{
    if (peek(p, 0) == '{') {
        p->pos++;
        uint32_t v = 0;
        size_t digits = 0;
        int h;
        while ((h = hex_value(peek(p, 0))) >= 0) {
            v = v > 0x10FFFF ? v : v << 4 | (uint32_t)h;
            digits++;
            p->pos++;
        }
        if (digits == 0 || peek(p, 0) != '}' || v > 0x10FFFF)
            return fail(p, start, "invalid Unicode escape: \\u{...} needs hex digits up to 10FFFF");
        p->pos++;
        *cp = v;
        return true;
    }
    if (!hex_digits(p, 4, cp))
        return fail(p, start, "invalid Unicode escape: \\u needs 4 hex digits or {hex digits}");
    if (*cp >= 0xD800 && *cp <= 0xDBFF && peek(p, 0) == '\\' && peek(p, 1) == 'u') {
        size_t save = p->pos;
        uint32_t trail;
        p->pos += 2;
        if (hex_digits(p, 4, &trail) && trail >= 0xDC00 && trail <= 0xDFFF)
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (trail - 0xDC00);
        else
            p->pos = save;
    }
    return true;
}

/* CharacterEscape[+UnicodeMode] (§22.2.1), pos at the character after '\'. in_class adds
 * ClassEscape's `\-` (the caller handles `\b`). */
static bool character_escape(parser *p, bool in_class, uint32_t *cp)
{
    size_t start = p->pos - 1;
    char c = peek(p, 0);
    p->pos++;
    switch (c) {
    case 'f':
        *cp = 0x0C;
        return true;
    case 'n':
        *cp = 0x0A;
        return true;
    case 'r':
        *cp = 0x0D;
        return true;
    case 't':
        *cp = 0x09;
        return true;
    case 'v': /* U+000B only, not PCRE2's vertical-space class */
        *cp = 0x0B;
        return true;
    case 'c': {
        char l = peek(p, 0);
        if (!((l >= 'A' && l <= 'Z') || (l >= 'a' && l <= 'z')))
            return fail(p, start, "invalid escape: \\c must be followed by a letter A-Z or a-z");
        p->pos++;
        *cp = (uint32_t)l % 32;
        return true;
    }
    case '0':
        if (peek(p, 0) >= '0' && peek(p, 0) <= '9')
            return fail(p, start,
                        "invalid escape: \\0 followed by a digit (octal escapes are "
                        "not ECMA-262 in unicode mode)");
        *cp = 0;
        return true;
    case 'x':
        if (!hex_digits(p, 2, cp))
            return fail(p, start, "invalid escape: \\x needs exactly 2 hex digits");
        return true;
    case 'u':
        return unicode_escape(p, start, cp);
    case '^':
    case '$':
    case '\\':
    case '.':
    case '*':
    case '+':
    case '?':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '|':
    case '/':
        *cp = (uint32_t)(unsigned char)c;
        return true;
    case '-':
        if (in_class) {
            *cp = '-';
            return true;
        }
        break;
    default:
        break;
    }
    if ((unsigned char)c >= 0x80)
        return fail(p, start,
                    "invalid escape: '\\' before a non-ASCII character (an identity "
                    "escape is only for syntax characters and '/' in unicode mode)");
    return fail(p, start,
                "invalid escape '\\%c': not ECMA-262 in unicode mode (identity escapes are only "
                "for syntax characters and '/')",
                c >= ' ' && c < 0x7F ? c : '?');
}

/* Looks name[0..len) up in a table of aliases, columns [0, cols); the row or -1. */
static int lookup(const char *const *rows, size_t count, size_t width, size_t cols,
                  const char *name, size_t len)
{
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < cols; k++) {
            const char *alias = rows[i * width + k];
            if (alias && strlen(alias) == len && memcmp(alias, name, len) == 0)
                return (int)i;
        }
    return -1;
}

#define LOOKUP(table, cols, name, len)                                                             \
    lookup(&(table)[0][0], sizeof(table) / sizeof *(table), sizeof *(table) / sizeof **(table),    \
           cols, name, len)

/* \p{...} or \P{...}, pos at 'p'/'P' (§22.2.1 UnicodePropertyValueExpression, early errors
 * of §22.2.1.1: names and values exactly as in the tables, case-sensitive, no loose
 * matching). Adds the property to set. */
static bool property(parser *p, cset *set)
{
    size_t start = p->pos - 1;
    bool negate = peek(p, 0) == 'P';
    p->pos++;
    if (peek(p, 0) != '{')
        return fail(p, start, "invalid property escape: \\%c must be followed by {name}",
                    negate ? 'P' : 'p');
    size_t name = ++p->pos, eq = 0;
    while (!at_end(p) && peek(p, 0) != '}') {
        char c = peek(p, 0);
        if (c == '=' && eq == 0)
            eq = p->pos;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '_'))
            return fail(p, start, "invalid property name: unexpected character");
        p->pos++;
    }
    if (at_end(p) || p->pos == name)
        return fail(p, start, "invalid property escape: missing name or '}'");
    const char *s = p->s;
    size_t end = p->pos++;
    const char *pcre = NULL;
    const char *kind = "";
    if (eq) {
        const char *key = s + name, *value = s + eq + 1;
        size_t klen = eq - name, vlen = end - eq - 1;
#define KEY_IS(k) (klen == strlen(k) && memcmp(key, k, klen) == 0)
        int row;
        if (KEY_IS("General_Category") || KEY_IS("gc")) {
            if ((row = LOOKUP(CATEGORIES, 3, value, vlen)) < 0)
                return fail(p, start, "invalid property: unknown General_Category value");
            pcre = CATEGORIES[row][3];
        } else if (KEY_IS("Script") || KEY_IS("sc") || KEY_IS("Script_Extensions") ||
                   KEY_IS("scx")) {
            if ((row = LOOKUP(SCRIPTS, 3, value, vlen)) < 0)
                return fail(p, start,
                            "invalid property: unknown script (apigen knows the "
                            "scripts of Unicode 14, those of PCRE2 10.42)");
            pcre = SCRIPTS[row][1];
            kind = KEY_IS("Script") || KEY_IS("sc") ? "sc:" : "scx:";
        } else {
            return fail(p, start,
                        "invalid property: only General_Category, Script and "
                        "Script_Extensions take a value");
        }
#undef KEY_IS
    } else {
        int row = LOOKUP(CATEGORIES, 3, s + name, end - name);
        if (row >= 0) {
            pcre = CATEGORIES[row][3];
        } else if ((row = LOOKUP(BINARY, 2, s + name, end - name)) >= 0) {
            pcre = BINARY[row][2];
            if (pcre == NULL)
                return fail(p, start,
                            "property %s is not supported: PCRE2 10.42 does not "
                            "implement it",
                            BINARY[row][0]);
            if (pcre[0] == '!') {
                negate = !negate;
                pcre++;
            }
        } else {
            return fail(p, start,
                        "invalid property name: not a General_Category value or a "
                        "binary property");
        }
    }
    set_add_prop(p, set, arena_printf(p->a, "\\%c{%s%s}", negate ? 'P' : 'p', kind, pcre));
    return true;
}

/* CharacterClassEscape (§22.2.1) at pos (d D s S w W p P) into set. */
static bool class_escape(parser *p, cset *set)
{
    char c = peek(p, 0);
    switch (c) {
    case 'd':
    case 'D':
        set_add_table(p, set, DIGITS, 1, c == 'D');
        break;
    case 's':
    case 'S':
        set_add_table(p, set, SPACES, sizeof SPACES / sizeof *SPACES, c == 'S');
        break;
    case 'w':
    case 'W':
        set_add_table(p, set, WORD, sizeof WORD / sizeof *WORD, c == 'W');
        break;
    default:
        return property(p, set);
    }
    p->pos++;
    return true;
}

static bool is_class_escape(char c)
{
    return strchr("dDsSwWpP", c) != NULL && c != '\0';
}

/* ------------------------------------------------------------- classes ---- */

/* ClassAtom (§22.2.1) at pos: a code point (*set untouched) or a class escape (into *set). */
static bool class_atom(parser *p, size_t class_start, uint32_t *cp, cset *set, bool *is_set)
{
    *is_set = false;
    if (at_end(p))
        return fail(p, class_start, "missing ']' to close the character class");
    if (peek(p, 0) != '\\')
        return next_cp(p, cp);
    size_t start = p->pos++;
    if (at_end(p))
        return fail(p, start, "'\\' at end of pattern");
    char c = peek(p, 0);
    if (c == 'b') { /* ClassEscape :: b is U+0008 */
        p->pos++;
        *cp = 0x08;
        return true;
    }
    if (is_class_escape(c)) {
        *is_set = true;
        return class_escape(p, set);
    }
    if (c >= '1' && c <= '9')
        return fail(p, start, "invalid class escape: a back-reference cannot be in a class");
    return character_escape(p, true, cp);
}

/* CharacterClass (§22.2.1), pos at '['; early error: ranges between single characters
 * only, in order (§22.2.1.1). */
static bool character_class(parser *p)
{
    size_t start = p->pos++;
    bool negated = false;
    if (peek(p, 0) == '^') {
        negated = true;
        p->pos++;
    }
    cset set = {0};
    for (;;) {
        if (at_end(p))
            return fail(p, start, "missing ']' to close the character class");
        if (peek(p, 0) == ']') {
            p->pos++;
            break;
        }
        uint32_t lo, hi;
        bool lo_set, hi_set;
        size_t atom = p->pos;
        if (!class_atom(p, start, &lo, &set, &lo_set))
            return false;
        if (peek(p, 0) == '-' && p->pos + 1 < p->len && p->s[p->pos + 1] != ']') {
            p->pos++;
            if (!class_atom(p, start, &hi, &set, &hi_set))
                return false;
            if (lo_set || hi_set)
                return fail(p, atom,
                            "invalid character class: a range cannot start or end "
                            "with \\d, \\s, \\w or \\p{...}");
            if (lo > hi)
                return fail(p, atom, "range out of order in character class");
            set_add(p, &set, lo, hi);
        } else if (!lo_set) {
            set_add(p, &set, lo, lo);
        }
    }
    p->at = start;
    emit_set(p, &set, negated);
    return true;
}

/* --------------------------------------------------------------- groups ---- */

static bool disjunction(parser *p);

/* GroupName (§22.2.1), pos after '<'; *name, *len, pos after '>'. apigen takes ASCII
 * identifier characters only (RegExpIdentifierName allows any ID_Start/ID_Continue and
 * \u escapes). */
static bool parse_group_name(parser *p, const char **name, size_t *len)
{
    size_t start = p->pos;
    while (!at_end(p) && peek(p, 0) != '>') {
        char c = peek(p, 0);
        bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
        if ((unsigned char)c >= 0x80 || c == '\\')
            return fail(p, p->pos,
                        "group names other than ASCII letters, digits, '$' and '_' "
                        "are not supported");
        if (!alpha && !(c >= '0' && c <= '9' && p->pos > start))
            return fail(p, p->pos, "invalid group name");
        p->pos++;
    }
    if (at_end(p) || p->pos == start)
        return fail(p, start, "invalid group name: expected a name and '>'");
    *name = p->s + start;
    *len = p->pos - start;
    p->pos++;
    return true;
}

static int find_group(const parser *p, const char *name, size_t len)
{
    for (size_t i = 0; i < p->name_count; i++)
        if (p->names[i].len == len && memcmp(p->names[i].name, name, len) == 0)
            return (int)p->names[i].index;
    return -1;
}

/* A back-reference to group n (DecimalEscape or \k<name>, §22.2.2.7.2). An unset or later
 * group matches the empty string in both engines (PCRE2_MATCH_UNSET_BACKREF). Refused where
 * the engines differ: ECMA-262 clears the captures of a repeated atom at each repetition
 * (RepeatMatcher, §22.2.2.3.1) and matches a lookbehind right to left; PCRE2 does neither. */
static bool back_reference(parser *p, size_t start, unsigned n)
{
    if (!p->final)
        return true;
    if (p->lookbehind)
        return fail(p, start,
                    "a back-reference inside a lookbehind is not supported "
                    "(ECMA-262 matches lookbehinds right to left, PCRE2 left to right)");
    if (p->repeated[n])
        return fail(p, start,
                    "a back-reference to group %u, which is inside a repeated group, is not "
                    "supported (ECMA-262 clears it at each repetition, PCRE2 keeps it)",
                    n);
    /* In a group: PCRE2 10.42 fails a quantified reference to an unset group ((a)|\1{2} does
     * not match "x"), but not a quantified group holding one. */
    char buf[32];
    snprintf(buf, sizeof buf, "(?:\\g{%u})", n);
    emits(p, buf);
    return true;
}

/* Atom :: ( GroupSpecifier? Disjunction ) | (?: Disjunction ), pos at '('. */
static bool group(parser *p)
{
    size_t start = p->pos++;
    if (peek(p, 0) == '?') {
        if (peek(p, 1) == ':') {
            p->pos += 2;
            emits(p, "(?:");
        } else if (peek(p, 1) == '<' && peek(p, 2) != '=' && peek(p, 2) != '!') {
            const char *name;
            size_t len;
            p->pos += 2;
            if (!parse_group_name(p, &name, &len))
                return false;
            p->groups++;
            if (!p->final) {
                if (find_group(p, name, len) >= 0)
                    return fail(p, start, "duplicate group name '%.*s'", (int)len, name);
                if (p->name_count == p->name_cap) {
                    p->name_cap = p->name_cap ? p->name_cap * 2 : 8;
                    group_name *g = arena_alloc(p->a, p->name_cap * sizeof *g);
                    if (p->name_count)
                        memcpy(g, p->names, p->name_count * sizeof *g);
                    p->names = g;
                }
                p->names[p->name_count++] = (group_name){name, len, p->groups};
            }
            emits(p, "("); /* numbered: \k<name> becomes \g{n} */
        } else {
            return fail(p, start,
                        "invalid group: '(?' must be followed by ':', '=', '!', '<=', "
                        "'<!' or '<name>' (no inline flags in ECMA-262)");
        }
    } else {
        p->groups++;
        emits(p, "(");
    }
    if (++p->depth > DEPTH_MAX)
        return fail(p, start, "groups nested more than %u deep are not supported", DEPTH_MAX);
    if (!disjunction(p))
        return false;
    p->depth--;
    if (peek(p, 0) != ')')
        return fail(p, start, "missing ')' to close the group");
    p->pos++;
    p->at = start;
    emits(p, ")");
    return true;
}

/* ---------------------------------------------------------------- terms ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* DecimalDigits at pos, saturating at 2^31. */
static uint64_t decimal(parser *p)
{
    uint64_t v = 0;
    while (is_digit(peek(p, 0))) {
        v = v > (1u << 31) ? v : v * 10 + (uint64_t)(peek(p, 0) - '0');
        p->pos++;
    }
    return v;
}

/* Quantifier (§22.2.1) at pos, if any: 0 none, 1 read (*min, *max; max UINT64_MAX is
 * unbounded), -1 error. In unicode mode a '{' that does not start one is an error. */
static int quantifier(parser *p, uint64_t *min, uint64_t *max, bool *lazy)
{
    size_t start = p->pos;
    char c = peek(p, 0);
    if (c == '*' || c == '+' || c == '?') {
        *min = c == '+';
        *max = c == '?' ? 1 : UINT64_MAX;
        p->pos++;
    } else if (c == '{') {
        p->pos++;
        if (!is_digit(peek(p, 0)))
            return fail(p, start,
                        "incomplete quantifier: '{' must be followed by digits "
                        "(a literal '{' is written \\{)"),
                   -1;
        *min = *max = decimal(p);
        if (peek(p, 0) == ',') {
            p->pos++;
            *max = is_digit(peek(p, 0)) ? decimal(p) : UINT64_MAX;
        }
        if (peek(p, 0) != '}')
            return fail(p, start, "incomplete quantifier: missing '}'"), -1;
        p->pos++;
        if (*max < *min)
            return fail(p, start, "numbers out of order in {} quantifier"), -1;
        if (*min > REPEAT_MAX || (*max != UINT64_MAX && *max > REPEAT_MAX))
            return fail(p, start, "repeat counts above %u are not supported (PCRE2's limit)",
                        REPEAT_MAX),
                   -1;
    } else {
        return 0;
    }
    *lazy = peek(p, 0) == '?';
    if (*lazy)
        p->pos++;
    return 1;
}

static bool is_quantifier_start(char c)
{
    return c == '*' || c == '+' || c == '?' || c == '{';
}

/* Term (§22.2.1): an Assertion (never quantified in unicode mode) or an Atom with an
 * optional Quantifier. */
static bool term(parser *p)
{
    size_t start = p->pos;
    unsigned groups_before = p->groups;
    char c = peek(p, 0);
    p->at = start;
    bool assertion = true;
    if (c == '^') { /* no m flag: the start of the input */
        p->pos++;
        emits(p, "\\A");
    } else if (c == '$') {
        p->pos++;
        emits(p, "\\z");
    } else if (c == '\\' && (peek(p, 1) == 'b' || peek(p, 1) == 'B')) {
        /* IsWordChar is ASCII [A-Za-z0-9_] (no i flag); so is PCRE2's \b without PCRE2_UCP
         * and with its built-in C-locale tables, which the runtime uses. */
        emits(p, peek(p, 1) == 'b' ? "\\b" : "\\B");
        p->pos += 2;
    } else if (c == '(' && peek(p, 1) == '?' &&
               (peek(p, 2) == '=' || peek(p, 2) == '!' ||
                (peek(p, 2) == '<' && (peek(p, 3) == '=' || peek(p, 3) == '!')))) {
        bool behind = peek(p, 2) == '<';
        size_t n = behind ? 4 : 3;
        emit(p, p->s + p->pos, n); /* (?= (?! (?<= (?<! */
        p->pos += n;
        p->lookbehind += behind;
        if (++p->depth > DEPTH_MAX)
            return fail(p, start, "groups nested more than %u deep are not supported", DEPTH_MAX);
        if (!disjunction(p))
            return false;
        p->depth--;
        p->lookbehind -= behind;
        if (peek(p, 0) != ')')
            return fail(p, start, "missing ')' to close the %s",
                        behind ? "lookbehind" : "lookahead");
        p->pos++;
        p->at = start;
        emits(p, ")");
    } else {
        assertion = false;
        switch (c) {
        case '.': /* any code point but the LineTerminators (no s flag) */
            p->pos++;
            emits(p, "[^\\x{a}\\x{d}\\x{2028}\\x{2029}]");
            break;
        case '(':
            if (!group(p))
                return false;
            break;
        case '[':
            if (!character_class(p))
                return false;
            break;
        case '\\': {
            p->pos++;
            if (at_end(p))
                return fail(p, start, "'\\' at end of pattern");
            char e = peek(p, 0);
            uint32_t cp;
            if (e >= '1' && e <= '9') {
                uint64_t n = decimal(p);
                if (p->final && n > p->total)
                    return fail(p, start,
                                "invalid escape: back-reference \\%llu but the pattern "
                                "has %u capturing groups",
                                (unsigned long long)n, p->total);
                if (!back_reference(p, start, (unsigned)n))
                    return false;
            } else if (e == 'k') {
                const char *name;
                size_t len;
                p->pos++;
                if (peek(p, 0) != '<')
                    return fail(p, start, "invalid escape: \\k must be followed by <name>");
                p->pos++;
                if (!parse_group_name(p, &name, &len))
                    return false;
                int n = find_group(p, name, len);
                if (p->final && n < 0)
                    return fail(p, start, "invalid escape: no group named '%.*s'", (int)len, name);
                if (!back_reference(p, start, (unsigned)n))
                    return false;
            } else if (is_class_escape(e)) {
                cset set = {0};
                if (!class_escape(p, &set))
                    return false;
                bool negated = e == 'D' || e == 'S' || e == 'W';
                if (negated) { /* [^...] of the positive set reads shorter */
                    set.n = 0;
                    set_add_table(p, &set,
                                  e == 'D'   ? DIGITS
                                  : e == 'S' ? SPACES
                                             : WORD,
                                  e == 'D'   ? 1
                                  : e == 'S' ? sizeof SPACES / sizeof *SPACES
                                             : sizeof WORD / sizeof *WORD,
                                  false);
                }
                emit_set(p, &set, negated);
            } else {
                if (!character_escape(p, false, &cp))
                    return false;
                emit_literal(p, cp);
            }
            break;
        }
        case '*':
        case '+':
        case '?':
            return fail(p, start, "quantifier '%c' does not follow anything to repeat", c);
        case '{':
            return fail(p, start, "lone '{': not ECMA-262 in unicode mode (write \\{)");
        case '}':
        case ']':
            return fail(p, start, "lone '%c': not ECMA-262 in unicode mode (write \\%c)", c, c);
        case ')':
            return fail(p, start, "unmatched ')'");
        default: {
            uint32_t cp;
            if (!next_cp(p, &cp))
                return false;
            emit_literal(p, cp);
        }
        }
    }
    if (!is_quantifier_start(peek(p, 0)))
        return true;
    if (assertion)
        return fail(p, p->pos, "an assertion cannot be quantified in unicode mode");
    uint64_t min, max;
    bool lazy;
    size_t qstart = p->pos;
    int q = quantifier(p, &min, &max, &lazy);
    if (q < 0)
        return false;
    p->at = qstart;
    char buf[48];
    if (min == 0 && max == UINT64_MAX)
        snprintf(buf, sizeof buf, "*");
    else if (min == 1 && max == UINT64_MAX)
        snprintf(buf, sizeof buf, "+");
    else if (min == 0 && max == 1)
        snprintf(buf, sizeof buf, "?");
    else if (max == UINT64_MAX)
        snprintf(buf, sizeof buf, "{%llu,}", (unsigned long long)min);
    else if (min == max)
        snprintf(buf, sizeof buf, "{%llu}", (unsigned long long)min);
    else
        snprintf(buf, sizeof buf, "{%llu,%llu}", (unsigned long long)min, (unsigned long long)max);
    emits(p, buf);
    if (lazy)
        emits(p, "?");
    if (max > 1 && !p->final)
        for (unsigned g = groups_before + 1; g <= p->groups; g++)
            p->repeated[g] = true;
    return true;
}

/* Alternative :: Term* */
static bool alternative(parser *p)
{
    while (!at_end(p) && peek(p, 0) != '|' && peek(p, 0) != ')') {
        if (!term(p))
            return false;
        if (p->too_large)
            return fail(p, p->too_large - 1,
                        "too large: its PCRE2 translation passes %u KiB here (README.md, "
                        "\"Patterns\")",
                        (unsigned)(ECMA_MAX_TRANSLATION >> 10));
    }
    return true;
}

/* Disjunction :: Alternative ( | Alternative )* */
static bool disjunction(parser *p)
{
    if (!alternative(p))
        return false;
    while (peek(p, 0) == '|' && !at_end(p)) {
        p->at = p->pos++;
        emits(p, "|");
        if (!alternative(p))
            return false;
    }
    return true;
}

/* Pattern :: Disjunction, then nothing. */
static bool pattern(parser *p)
{
    p->pos = 0;
    p->groups = 0;
    p->out_len = 0;
    p->depth = 0;
    p->lookbehind = 0;
    emit(p, "", 0);
    if (!disjunction(p))
        return false;
    if (!at_end(p))
        return fail(p, p->pos, "unmatched ')'");
    return true;
}

/* Translates src into scratch (both passes, the source map, the class sets: up to about 40
 * bytes per output byte, all released by the caller); *out_len is the translation's length. */
static char *translate(arena *scratch, const char *src, size_t len, ecma_error *err, size_t **map,
                       size_t *out_len)
{
    parser p = {.a = scratch, .s = src, .len = len, .err = err};
    p.repeated = arena_alloc(scratch, len + 2); /* groups <= '(' count <= len */
    if (!pattern(&p))
        return NULL;
    p.final = true;
    p.total = p.groups;
    if (!pattern(&p))
        return NULL;
    *map = p.map;
    *out_len = p.out_len;
    return p.out;
}

char *ecma_translate(arena *a, const char *src, size_t len, ecma_error *err)
{
    arena scratch;
    arena_init(&scratch);
    size_t *map, out_len;
    char *pcre = translate(&scratch, src, len, err, &map, &out_len);
    char *kept = pcre ? arena_strndup(a, pcre, out_len) : NULL;
    arena_free(&scratch);
    return kept;
}

char *ecma_compile(arena *a, const char *src, size_t len, ecma_error *err)
{
    arena scratch;
    arena_init(&scratch);
    size_t *map, out_len;
    char *pcre = translate(&scratch, src, len, err, &map, &out_len);
    if (pcre == NULL) {
        arena_free(&scratch);
        return NULL;
    }
    int code;
    PCRE2_SIZE at;
    pcre2_compile_context *ctx = pcre2_compile_context_create(NULL);
    if (ctx == NULL) {
        diag_out_of_memory();
    }
    /* Exactly the runtime's options (apigen_rt.h), but the UTF check stays on here. */
    pcre2_set_compile_extra_options(ctx, APIGEN_PCRE2_EXTRA_OPTIONS);
    pcre2_code *compiled =
        pcre2_compile((PCRE2_SPTR)pcre, out_len,
                      APIGEN_PCRE2_OPTIONS & ~(uint32_t)PCRE2_NO_UTF_CHECK, &code, &at, ctx);
    pcre2_compile_context_free(ctx);
    if (compiled != NULL) {
        pcre2_code_free(compiled);
        char *kept = arena_strndup(a, pcre, out_len); /* only the translation outlives the check */
        arena_free(&scratch);
        return kept;
    }
    char msg[120];
    pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
    snprintf(err->message, sizeof err->message, "PCRE2 10.42 cannot run it: %s", msg);
    err->offset = out_len == 0 ? 0 : map[at < out_len ? at : out_len - 1];
    arena_free(&scratch);
    return NULL;
}
