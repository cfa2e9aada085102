/* names.c: spec names -> C identifiers, literals and comments (see names.h). */
#include "names.h"
#include "diag.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_lower_or_digit(char c)
{
    return islower((unsigned char)c) || isdigit((unsigned char)c);
}

/* Whether the letters-and-digits run starting at name[i] is one word whatever its case: it
 * starts with a capital and a '-' stands right before or after it. Hyphen-separated words in
 * Title-Case are how HTTP field names are written ("X-GitHub-Api-Version", "X-RateLimit-Limit"),
 * and field names are case-insensitive (RFC 9110 section 5.1), so the capitals inside such a
 * word are its spelling, not word boundaries: "X-GitHub-Api-Version" and
 * "x-github-api-version" name the same field and get the same C name. */
static bool whole_word_at(const char *name, size_t i)
{
    if (!isupper((unsigned char)name[i]) || (i > 0 && isalnum((unsigned char)name[i - 1])))
        return false;
    size_t end = i;
    while (isalnum((unsigned char)name[end]))
        end++;
    return (i > 0 && name[i - 1] == '-') || name[end] == '-';
}

char *names_snake(arena *a, const char *name)
{
    size_t n = strlen(name);
    char *out = arena_alloc(a, 2 * n + 2);
    size_t o = 1;       /* out[0] is kept for a '_' before a leading digit */
    bool whole = false; /* inside a word whole_word_at accepted */
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!isalnum((unsigned char)c))
            whole = false;
        else if (i == 0 || !isalnum((unsigned char)name[i - 1]))
            whole = whole_word_at(name, i);
        if (isupper((unsigned char)c)) {
            /* A word starts at an upper-case letter after a lower-case one or a digit,
             * or before a lower-case one inside a run of capitals ("HTTPCode"), except a
             * lone 's' ending the word: an acronym's plural ("userIDs", "imageURLs"). */
            bool after_lower = i > 0 && is_lower_or_digit(name[i - 1]);
            bool plural = i + 1 < n && name[i + 1] == 's' && !islower((unsigned char)name[i + 2]);
            bool ends_caps = i > 0 && isupper((unsigned char)name[i - 1]) && i + 1 < n &&
                             islower((unsigned char)name[i + 1]) && !plural;
            if ((after_lower || ends_caps) && !whole && o > 1 && out[o - 1] != '_')
                out[o++] = '_';
            out[o++] = (char)tolower((unsigned char)c);
        } else if (isalnum((unsigned char)c)) {
            out[o++] = c;
        } else if (o > 1 && out[o - 1] != '_') {
            out[o++] = '_';
        }
    }
    while (o > 2 && out[o - 1] == '_')
        o--;
    out[o] = '\0';
    if (o == 1) {
        /* No letter or digit ("+", "-", ""): "x" and the bytes in hex ("+" -> "x2b"), so the
         * name is an identifier without "__" and two such names differ. */
        char *hex = arena_alloc(a, 2 * n + 2), *h = hex;
        *h++ = 'x';
        for (size_t i = 0; i < n; i++)
            h += snprintf(h, 3, "%02x", (unsigned char)name[i]);
        return hex;
    }
    if (isdigit((unsigned char)out[1])) {
        out[0] = '_';
        return out;
    }
    return out + 1;
}

char *names_join(arena *a, const char *left, const char *right)
{
    return arena_printf(a, "%s_%s", left, right[0] == '_' ? right + 1 : right);
}

char *names_upper(arena *a, const char *name)
{
    char *s = names_snake(a, name);
    for (char *p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return s;
}

/* Every reserved identifier, sorted by strcmp for bsearch (test_generator checks the order).
 * Lower-case words can be members and type names; upper-case ones enum constants. Generated
 * names never start with an underscore (names_snake drops them), but the GNU spellings are
 * listed for completeness. The macros are those the headers a generated header includes define
 * in gcc and clang, C and C++ (the test header_dialects compares them with `cc -dM`), plus the
 * object-like lower-case macros of other standard headers a user's file may include first. */
static const struct reserved {
    const char *word;
    unsigned why;
} RESERVED[] = {
    {"CJSON_CDECL", NAMES_MACRO},
    {"CJSON_CIRCULAR_LIMIT", NAMES_MACRO},
    {"CJSON_NESTING_LIMIT", NAMES_MACRO},
    {"CJSON_STDCALL", NAMES_MACRO},
    {"CJSON_VERSION_MAJOR", NAMES_MACRO},
    {"CJSON_VERSION_MINOR", NAMES_MACRO},
    {"CJSON_VERSION_PATCH", NAMES_MACRO},
    {"EOF", NAMES_MACRO},
    {"INT16_MAX", NAMES_MACRO},
    {"INT16_MIN", NAMES_MACRO},
    {"INT16_WIDTH", NAMES_MACRO},
    {"INT32_MAX", NAMES_MACRO},
    {"INT32_MIN", NAMES_MACRO},
    {"INT32_WIDTH", NAMES_MACRO},
    {"INT64_MAX", NAMES_MACRO},
    {"INT64_MIN", NAMES_MACRO},
    {"INT64_WIDTH", NAMES_MACRO},
    {"INT8_MAX", NAMES_MACRO},
    {"INT8_MIN", NAMES_MACRO},
    {"INT8_WIDTH", NAMES_MACRO},
    {"INTMAX_MAX", NAMES_MACRO},
    {"INTMAX_MIN", NAMES_MACRO},
    {"INTMAX_WIDTH", NAMES_MACRO},
    {"INTPTR_MAX", NAMES_MACRO},
    {"INTPTR_MIN", NAMES_MACRO},
    {"INTPTR_WIDTH", NAMES_MACRO},
    {"INT_FAST16_MAX", NAMES_MACRO},
    {"INT_FAST16_MIN", NAMES_MACRO},
    {"INT_FAST16_WIDTH", NAMES_MACRO},
    {"INT_FAST32_MAX", NAMES_MACRO},
    {"INT_FAST32_MIN", NAMES_MACRO},
    {"INT_FAST32_WIDTH", NAMES_MACRO},
    {"INT_FAST64_MAX", NAMES_MACRO},
    {"INT_FAST64_MIN", NAMES_MACRO},
    {"INT_FAST64_WIDTH", NAMES_MACRO},
    {"INT_FAST8_MAX", NAMES_MACRO},
    {"INT_FAST8_MIN", NAMES_MACRO},
    {"INT_FAST8_WIDTH", NAMES_MACRO},
    {"INT_LEAST16_MAX", NAMES_MACRO},
    {"INT_LEAST16_MIN", NAMES_MACRO},
    {"INT_LEAST16_WIDTH", NAMES_MACRO},
    {"INT_LEAST32_MAX", NAMES_MACRO},
    {"INT_LEAST32_MIN", NAMES_MACRO},
    {"INT_LEAST32_WIDTH", NAMES_MACRO},
    {"INT_LEAST64_MAX", NAMES_MACRO},
    {"INT_LEAST64_MIN", NAMES_MACRO},
    {"INT_LEAST64_WIDTH", NAMES_MACRO},
    {"INT_LEAST8_MAX", NAMES_MACRO},
    {"INT_LEAST8_MIN", NAMES_MACRO},
    {"INT_LEAST8_WIDTH", NAMES_MACRO},
    {"NULL", NAMES_MACRO},
    {"PTRDIFF_MAX", NAMES_MACRO},
    {"PTRDIFF_MIN", NAMES_MACRO},
    {"PTRDIFF_WIDTH", NAMES_MACRO},
    {"SIG_ATOMIC_MAX", NAMES_MACRO},
    {"SIG_ATOMIC_MIN", NAMES_MACRO},
    {"SIG_ATOMIC_WIDTH", NAMES_MACRO},
    {"SIZE_MAX", NAMES_MACRO},
    {"SIZE_WIDTH", NAMES_MACRO},
    {"UINT16_MAX", NAMES_MACRO},
    {"UINT16_WIDTH", NAMES_MACRO},
    {"UINT32_MAX", NAMES_MACRO},
    {"UINT32_WIDTH", NAMES_MACRO},
    {"UINT64_MAX", NAMES_MACRO},
    {"UINT64_WIDTH", NAMES_MACRO},
    {"UINT8_MAX", NAMES_MACRO},
    {"UINT8_WIDTH", NAMES_MACRO},
    {"UINTMAX_MAX", NAMES_MACRO},
    {"UINTMAX_WIDTH", NAMES_MACRO},
    {"UINTPTR_MAX", NAMES_MACRO},
    {"UINTPTR_WIDTH", NAMES_MACRO},
    {"UINT_FAST16_MAX", NAMES_MACRO},
    {"UINT_FAST16_WIDTH", NAMES_MACRO},
    {"UINT_FAST32_MAX", NAMES_MACRO},
    {"UINT_FAST32_WIDTH", NAMES_MACRO},
    {"UINT_FAST64_MAX", NAMES_MACRO},
    {"UINT_FAST64_WIDTH", NAMES_MACRO},
    {"UINT_FAST8_MAX", NAMES_MACRO},
    {"UINT_FAST8_WIDTH", NAMES_MACRO},
    {"UINT_LEAST16_MAX", NAMES_MACRO},
    {"UINT_LEAST16_WIDTH", NAMES_MACRO},
    {"UINT_LEAST32_MAX", NAMES_MACRO},
    {"UINT_LEAST32_WIDTH", NAMES_MACRO},
    {"UINT_LEAST64_MAX", NAMES_MACRO},
    {"UINT_LEAST64_WIDTH", NAMES_MACRO},
    {"UINT_LEAST8_MAX", NAMES_MACRO},
    {"UINT_LEAST8_WIDTH", NAMES_MACRO},
    {"WCHAR_MAX", NAMES_MACRO},
    {"WCHAR_MIN", NAMES_MACRO},
    {"WCHAR_WIDTH", NAMES_MACRO},
    {"WINT_MAX", NAMES_MACRO},
    {"WINT_MIN", NAMES_MACRO},
    {"WINT_WIDTH", NAMES_MACRO},
    {"_Alignas", NAMES_C11},
    {"_Alignof", NAMES_C11},
    {"_Atomic", NAMES_C11},
    {"_BitInt", NAMES_C23},
    {"_Bool", NAMES_C11},
    {"_Complex", NAMES_C11},
    {"_Decimal128", NAMES_C23},
    {"_Decimal32", NAMES_C23},
    {"_Decimal64", NAMES_C23},
    {"_Generic", NAMES_C11},
    {"_Imaginary", NAMES_C11},
    {"_Noreturn", NAMES_C11},
    {"_Static_assert", NAMES_C11},
    {"_Thread_local", NAMES_C11},
    {"__alignof", NAMES_GNU},
    {"__alignof__", NAMES_GNU},
    {"__asm", NAMES_GNU},
    {"__asm__", NAMES_GNU},
    {"__attribute", NAMES_GNU},
    {"__attribute__", NAMES_GNU},
    {"__auto_type", NAMES_GNU},
    {"__builtin_va_arg", NAMES_GNU},
    {"__complex__", NAMES_GNU},
    {"__const", NAMES_GNU},
    {"__const__", NAMES_GNU},
    {"__extension__", NAMES_GNU},
    {"__imag__", NAMES_GNU},
    {"__inline", NAMES_GNU},
    {"__inline__", NAMES_GNU},
    {"__int128", NAMES_GNU},
    {"__label__", NAMES_GNU},
    {"__real__", NAMES_GNU},
    {"__restrict", NAMES_GNU},
    {"__restrict__", NAMES_GNU},
    {"__signed", NAMES_GNU},
    {"__signed__", NAMES_GNU},
    {"__thread", NAMES_GNU},
    {"__typeof", NAMES_GNU},
    {"__typeof__", NAMES_GNU},
    {"__volatile", NAMES_GNU},
    {"__volatile__", NAMES_GNU},
    {"alignas", NAMES_C23 | NAMES_CXX | NAMES_MACRO},
    {"alignof", NAMES_C23 | NAMES_CXX | NAMES_MACRO},
    {"and", NAMES_CXX | NAMES_MACRO},
    {"and_eq", NAMES_CXX | NAMES_MACRO},
    {"asm", NAMES_GNU | NAMES_CXX},
    {"auto", NAMES_C11 | NAMES_CXX},
    {"bitand", NAMES_CXX | NAMES_MACRO},
    {"bitor", NAMES_CXX | NAMES_MACRO},
    {"bool", NAMES_C23 | NAMES_CXX | NAMES_MACRO},
    {"break", NAMES_C11 | NAMES_CXX},
    {"case", NAMES_C11 | NAMES_CXX},
    {"catch", NAMES_CXX},
    {"char", NAMES_C11 | NAMES_CXX},
    {"char16_t", NAMES_CXX},
    {"char32_t", NAMES_CXX},
    {"char8_t", NAMES_CXX},
    {"class", NAMES_CXX},
    {"co_await", NAMES_CXX},
    {"co_return", NAMES_CXX},
    {"co_yield", NAMES_CXX},
    {"compl", NAMES_CXX | NAMES_MACRO},
    {"complex", NAMES_MACRO},
    {"concept", NAMES_CXX},
    {"const", NAMES_C11 | NAMES_CXX},
    {"const_cast", NAMES_CXX},
    {"consteval", NAMES_CXX},
    {"constexpr", NAMES_C23 | NAMES_CXX},
    {"constinit", NAMES_CXX},
    {"continue", NAMES_C11 | NAMES_CXX},
    {"decltype", NAMES_CXX},
    {"default", NAMES_C11 | NAMES_CXX},
    {"delete", NAMES_CXX},
    {"do", NAMES_C11 | NAMES_CXX},
    {"double", NAMES_C11 | NAMES_CXX},
    {"dynamic_cast", NAMES_CXX},
    {"else", NAMES_C11 | NAMES_CXX},
    {"enum", NAMES_C11 | NAMES_CXX},
    {"errno", NAMES_MACRO},
    {"explicit", NAMES_CXX},
    {"export", NAMES_CXX},
    {"extern", NAMES_C11 | NAMES_CXX},
    {"false", NAMES_C23 | NAMES_CXX | NAMES_MACRO},
    {"float", NAMES_C11 | NAMES_CXX},
    {"for", NAMES_C11 | NAMES_CXX},
    {"friend", NAMES_CXX},
    {"goto", NAMES_C11 | NAMES_CXX},
    {"i386", NAMES_GNU | NAMES_MACRO},
    {"if", NAMES_C11 | NAMES_CXX},
    {"imaginary", NAMES_MACRO},
    {"inline", NAMES_C11 | NAMES_CXX},
    {"int", NAMES_C11 | NAMES_CXX},
    {"int16_t", NAMES_TYPE},
    {"int32_t", NAMES_TYPE},
    {"int64_t", NAMES_TYPE},
    {"int8_t", NAMES_TYPE},
    {"int_fast16_t", NAMES_TYPE},
    {"int_fast32_t", NAMES_TYPE},
    {"int_fast64_t", NAMES_TYPE},
    {"int_fast8_t", NAMES_TYPE},
    {"int_least16_t", NAMES_TYPE},
    {"int_least32_t", NAMES_TYPE},
    {"int_least64_t", NAMES_TYPE},
    {"int_least8_t", NAMES_TYPE},
    {"intmax_t", NAMES_TYPE},
    {"intptr_t", NAMES_TYPE},
    {"linux", NAMES_GNU | NAMES_MACRO},
    {"long", NAMES_C11 | NAMES_CXX},
    {"math_errhandling", NAMES_MACRO},
    {"max_align_t", NAMES_TYPE},
    {"mutable", NAMES_CXX},
    {"namespace", NAMES_CXX},
    {"new", NAMES_CXX},
    {"noexcept", NAMES_CXX},
    {"noreturn", NAMES_MACRO},
    {"not", NAMES_CXX | NAMES_MACRO},
    {"not_eq", NAMES_CXX | NAMES_MACRO},
    {"nullptr", NAMES_C23 | NAMES_CXX},
    {"nullptr_t", NAMES_TYPE},
    {"operator", NAMES_CXX},
    {"or", NAMES_CXX | NAMES_MACRO},
    {"or_eq", NAMES_CXX | NAMES_MACRO},
    {"private", NAMES_CXX},
    {"protected", NAMES_CXX},
    {"ptrdiff_t", NAMES_TYPE},
    {"public", NAMES_CXX},
    {"register", NAMES_C11 | NAMES_CXX},
    {"reinterpret_cast", NAMES_CXX},
    {"requires", NAMES_CXX},
    {"restrict", NAMES_C11},
    {"return", NAMES_C11 | NAMES_CXX},
    {"short", NAMES_C11 | NAMES_CXX},
    {"signed", NAMES_C11 | NAMES_CXX},
    {"size_t", NAMES_TYPE},
    {"sizeof", NAMES_C11 | NAMES_CXX},
    {"static", NAMES_C11 | NAMES_CXX},
    {"static_assert", NAMES_C23 | NAMES_CXX | NAMES_MACRO},
    {"static_cast", NAMES_CXX},
    {"stderr", NAMES_MACRO},
    {"stdin", NAMES_MACRO},
    {"stdout", NAMES_MACRO},
    {"struct", NAMES_C11 | NAMES_CXX},
    {"switch", NAMES_C11 | NAMES_CXX},
    {"template", NAMES_CXX},
    {"this", NAMES_CXX},
    {"thread_local", NAMES_C23 | NAMES_CXX | NAMES_MACRO},
    {"throw", NAMES_CXX},
    {"true", NAMES_C23 | NAMES_CXX | NAMES_MACRO},
    {"try", NAMES_CXX},
    {"typedef", NAMES_C11 | NAMES_CXX},
    {"typeid", NAMES_CXX},
    {"typename", NAMES_CXX},
    {"typeof", NAMES_C23 | NAMES_GNU},
    {"typeof_unqual", NAMES_C23},
    {"uint16_t", NAMES_TYPE},
    {"uint32_t", NAMES_TYPE},
    {"uint64_t", NAMES_TYPE},
    {"uint8_t", NAMES_TYPE},
    {"uint_fast16_t", NAMES_TYPE},
    {"uint_fast32_t", NAMES_TYPE},
    {"uint_fast64_t", NAMES_TYPE},
    {"uint_fast8_t", NAMES_TYPE},
    {"uint_least16_t", NAMES_TYPE},
    {"uint_least32_t", NAMES_TYPE},
    {"uint_least64_t", NAMES_TYPE},
    {"uint_least8_t", NAMES_TYPE},
    {"uintmax_t", NAMES_TYPE},
    {"uintptr_t", NAMES_TYPE},
    {"union", NAMES_C11 | NAMES_CXX},
    {"unix", NAMES_GNU | NAMES_MACRO},
    {"unsigned", NAMES_C11 | NAMES_CXX},
    {"using", NAMES_CXX},
    {"virtual", NAMES_CXX},
    {"void", NAMES_C11 | NAMES_CXX},
    {"volatile", NAMES_C11 | NAMES_CXX},
    {"wchar_t", NAMES_CXX | NAMES_TYPE},
    {"while", NAMES_C11 | NAMES_CXX},
    {"xor", NAMES_CXX | NAMES_MACRO},
    {"xor_eq", NAMES_CXX | NAMES_MACRO},
};

/* The standard headers' names (generated: see names_libc.def). */
static const struct reserved LIBC_NAMES[] = {
#define LIBC(word, why) {word, why},
#include "names_libc.def"
#undef LIBC
};

static int reserved_cmp(const void *key, const void *entry)
{
    return strcmp(key, ((const struct reserved *)entry)->word);
}

unsigned names_reserved(const char *id)
{
    const struct reserved *r =
        bsearch(id, RESERVED, sizeof RESERVED / sizeof *RESERVED, sizeof *RESERVED, reserved_cmp);
    const struct reserved *l = bsearch(id, LIBC_NAMES, sizeof LIBC_NAMES / sizeof *LIBC_NAMES,
                                       sizeof *LIBC_NAMES, reserved_cmp);
    return (r ? r->why : 0) | (l ? l->why : 0);
}

bool names_is_reserved(const char *id)
{
    return names_reserved(id) != 0;
}

const char *names_escape(arena *a, const char *id)
{
    return names_is_reserved(id) ? arena_printf(a, "%s_", id) : id;
}

const char *names_escape_member(arena *a, const char *id)
{
    return (names_reserved(id) & ~(unsigned)NAMES_DECL) ? arena_printf(a, "%s_", id) : id;
}

const char *names_escape_type(arena *a, const char *id)
{
    return names_is_reserved(id) ? arena_printf(a, "%s_type", id) : id;
}

/* For the sortedness test: the table and its size. */
const char *names_reserved_word(size_t t, size_t i)
{
    if (t == 0)
        return i < sizeof RESERVED / sizeof *RESERVED ? RESERVED[i].word : NULL;
    if (t == 1)
        return i < sizeof LIBC_NAMES / sizeof *LIBC_NAMES ? LIBC_NAMES[i].word : NULL;
    return NULL;
}

char *names_c_string(arena *a, const char *s)
{
    /* Escaped on the heap, then kept at its length: the worst case (4 bytes per byte) held in
     * the arena made each output's view root hold 4 times every pattern's translation. */
    size_t n = strlen(s);
    char *out = malloc(4 * n + 1);
    if (out == NULL) {
        diag_out_of_memory();
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\\':
            out[o++] = '\\';
            out[o++] = '\\';
            break;
        case '"':
            out[o++] = '\\';
            out[o++] = '"';
            break;
        case '\n':
            out[o++] = '\\';
            out[o++] = 'n';
            break;
        case '\t':
            out[o++] = '\\';
            out[o++] = 't';
            break;
        case '\r':
            out[o++] = '\\';
            out[o++] = 'r';
            break;
        case '?': /* no trigraphs */
            if (i > 0 && s[i - 1] == '?')
                out[o++] = '\\';
            out[o++] = '?';
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                /* Octal, three digits, so a following digit cannot extend the escape. */
                o += (size_t)snprintf(out + o, 5, "\\%03o", c);
            } else {
                out[o++] = (char)c;
            }
        }
    }
    char *kept = arena_strndup(a, out, o);
    free(out);
    return kept;
}

char *names_c_comment(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, 2 * n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t') {
            if (o > 0 && out[o - 1] != ' ')
                out[o++] = ' ';
            continue;
        }
        out[o++] = c;
        if (c == '*' && s[i + 1] == '/')
            out[o++] = ' ';
        if (c == '/' && s[i + 1] == '*')
            out[o++] = ' ';
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}
