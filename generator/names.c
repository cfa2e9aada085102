/* names.c: spec names -> C identifiers, literals and comments (see names.h). */
#include "names.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool is_lower_or_digit(char c)
{
    return islower((unsigned char)c) || isdigit((unsigned char)c);
}

char *names_snake(arena *a, const char *name)
{
    size_t n = strlen(name);
    char *out = arena_alloc(a, 2 * n + 2);
    size_t o = 1; /* out[0] is kept for a '_' before a leading digit */
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (isupper((unsigned char)c)) {
            /* A word starts at an upper-case letter after a lower-case one or a digit,
             * or before a lower-case one inside a run of capitals ("HTTPCode"). */
            bool after_lower = i > 0 && is_lower_or_digit(name[i - 1]);
            bool ends_caps = i > 0 && isupper((unsigned char)name[i - 1]) && i + 1 < n &&
                             islower((unsigned char)name[i + 1]);
            if ((after_lower || ends_caps) && o > 1 && out[o - 1] != '_')
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
    if (o == 1)
        return arena_strdup(a, "_");
    if (isdigit((unsigned char)out[1])) {
        out[0] = '_';
        return out;
    }
    return out + 1;
}

char *names_upper(arena *a, const char *name)
{
    char *s = names_snake(a, name);
    for (char *p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return s;
}

bool names_is_reserved(const char *id)
{
    static const char *const words[] = {
        "auto",
        "break",
        "case",
        "char",
        "const",
        "continue",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "extern",
        "float",
        "for",
        "goto",
        "if",
        "inline",
        "int",
        "long",
        "register",
        "restrict",
        "return",
        "short",
        "signed",
        "sizeof",
        "static",
        "struct",
        "switch",
        "typedef",
        "union",
        "unsigned",
        "void",
        "volatile",
        "while",
        "_Alignas",
        "_Alignof",
        "_Atomic",
        "_Bool",
        "_Complex",
        "_Generic",
        "_Imaginary",
        "_Noreturn",
        "_Static_assert",
        "_Thread_local",
        "bool",
        "true",
        "false",
        "NULL",
        /* Macros a user's build may define: predefined under -std=gnu*, or by <errno.h>,
         * <stdio.h>, <assert.h>. */
        "linux",
        "unix",
        "i386",
        "errno",
        "stdin",
        "stdout",
        "stderr",
        "assert",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(id, words[i]) == 0)
            return true;
    return false;
}

char *names_c_string(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, 4 * n + 1);
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
    out[o] = '\0';
    return out;
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
