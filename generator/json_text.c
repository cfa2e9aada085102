/* json_text.c: JSON text for every stage that writes it (json_text.h): shortest round-trip
 * doubles, string escapes, exact number literals, and YAML values as model_value trees. */
#define _POSIX_C_SOURCE 200809L
#include "json_text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *json_escape(unsigned char c, char buf[8])
{
    static const char short_forms[] = "\b\f\n\r\t\"\\";
    static const char letters[] = "bfnrt\"\\";
    if (c >= 0x20 && c != '"' && c != '\\')
        return NULL;
    const char *at = c ? strchr(short_forms, c) : NULL;
    if (at)
        snprintf(buf, 8, "\\%c", letters[at - short_forms]);
    else
        snprintf(buf, 8, "\\u%04x", c);
    return buf;
}

void json_write_string(FILE *f, const char *s, size_t len)
{
    fputc('"', f);
    size_t run = 0; /* start of the bytes not written yet: runs needing no escape go at once */
    for (size_t i = 0; i < len; i++) {
        char esc[8];
        if (json_escape((unsigned char)s[i], esc) == NULL)
            continue;
        fwrite(s + run, 1, i - run, f);
        fputs(esc, f);
        run = i + 1;
    }
    fwrite(s + run, 1, len - run, f);
    fputc('"', f);
}

const char *json_number_literal(arena *a, const node *n, double d)
{
    const char *t = n->text;
    size_t i = t[0] == '-' || t[0] == '+' ? 1 : 0, int_start = i;
    while (isdigit((unsigned char)t[i]))
        i++;
    size_t int_end = i, frac_start = i, frac_end = i;
    if (t[i] == '.') {
        frac_start = ++i;
        while (isdigit((unsigned char)t[i]))
            i++;
        frac_end = i;
    }
    bool ok = int_end > int_start || frac_end > frac_start; /* YAML: ".5" and "5." */
    const char *exp = t + i;
    if (ok && (t[i] == 'e' || t[i] == 'E')) {
        i += t[i + 1] == '-' || t[i + 1] == '+' ? 2 : 1;
        size_t e = i;
        while (isdigit((unsigned char)t[i]))
            i++;
        ok = i > e;
    }
    if (ok && t[i] == '\0') {
        while (int_end - int_start > 1 && t[int_start] == '0')
            int_start++;
        bool no_int = int_end == int_start;
        return arena_printf(a, "%s%.*s%s%.*s%s", t[0] == '-' ? "-" : "",
                            no_int ? 1 : (int)(int_end - int_start), no_int ? "0" : t + int_start,
                            frac_end > frac_start ? "." : "", (int)(frac_end - frac_start),
                            t + frac_start, exp);
    }
    int64_t v;
    if (node_int(n, &v))
        return arena_printf(a, "%lld", (long long)v);
    return arena_printf(a, "%.17g", d);
}

/* The decimal digits of integer scalar n, as JSON writes them: no '+', no leading zeros. */
static const char *integer_digits(arena *a, const node *n)
{
    const char *t = n->text + (n->text[0] == '+');
    bool negative = *t == '-';
    t += negative;
    while (t[0] == '0' && t[1] != '\0')
        t++;
    return negative ? arena_printf(a, "-%s", t) : t;
}

static void convert(arena *a, const node *n, model_value *v)
{
    v->at = n;
    if (n->kind == NODE_MAPPING) {
        v->kind = VALUE_OBJECT;
        v->count = n->count;
        v->members = arena_alloc(a, (n->count ? n->count : 1) * sizeof *v->members);
        for (size_t i = 0; i < n->count; i++) {
            v->members[i].key = n->pairs[i].key->text;
            v->members[i].key_len = n->pairs[i].key->len;
            convert(a, n->pairs[i].value, &v->members[i].value);
        }
        return;
    }
    if (n->kind == NODE_SEQUENCE) {
        v->kind = VALUE_ARRAY;
        v->count = n->count;
        v->items = arena_alloc(a, (n->count ? n->count : 1) * sizeof *v->items);
        for (size_t i = 0; i < n->count; i++)
            convert(a, n->items[i], &v->items[i]);
        return;
    }
    switch (n->type) {
    case SCALAR_NULL:
        v->kind = VALUE_NULL;
        break;
    case SCALAR_BOOL:
        v->kind = VALUE_BOOL;
        v->b = n->text[0] == 't' || n->text[0] == 'T';
        break;
    case SCALAR_INT:
        v->kind = VALUE_INTEGER;
        v->fits = node_int(n, &v->i);
        if (!v->fits)
            v->text = integer_digits(a, n);
        node_double(n, &v->d);
        break;
    case SCALAR_FLOAT:
        if (node_double(n, &v->d)) {
            v->kind = VALUE_NUMBER;
            v->text = json_number_literal(a, n, v->d);
        } else {
            v->kind = VALUE_NULL; /* .inf and .nan have no JSON spelling */
        }
        break;
    default:
        v->kind = VALUE_STRING;
        v->text = n->text;
        v->len = n->len;
        break;
    }
}

model_value *json_value_of_yaml(arena *a, const node *n)
{
    model_value *v = arena_alloc(a, sizeof *v);
    convert(a, n, v);
    return v;
}

void json_write_value(FILE *f, const model_value *v)
{
    switch ((value_kind)v->kind) {
    case VALUE_OBJECT:
        fputc('{', f);
        for (size_t i = 0; i < v->count; i++) {
            if (i)
                fputc(',', f);
            json_write_string(f, v->members[i].key, v->members[i].key_len);
            fputc(':', f);
            json_write_value(f, &v->members[i].value);
        }
        fputc('}', f);
        break;
    case VALUE_ARRAY:
        fputc('[', f);
        for (size_t i = 0; i < v->count; i++) {
            if (i)
                fputc(',', f);
            json_write_value(f, &v->items[i]);
        }
        fputc(']', f);
        break;
    case VALUE_NULL:
        fputs("null", f);
        break;
    case VALUE_BOOL:
        fputs(v->b ? "true" : "false", f);
        break;
    case VALUE_INTEGER:
        if (v->fits)
            fprintf(f, "%lld", (long long)v->i);
        else
            fputs(v->text, f);
        break;
    case VALUE_NUMBER:
        fputs(v->text, f);
        break;
    case VALUE_STRING:
        json_write_string(f, v->text, v->len);
        break;
    }
}

cJSON *json_must(cJSON *item)
{
    if (item == NULL)
        diag_out_of_memory();
    return item;
}

char *json_value_text(arena *a, const model_value *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        diag_out_of_memory();
    json_write_value(f, v);
    if (fclose(f) != 0 || buf == NULL)
        diag_out_of_memory();
    char *copy = arena_strndup(a, buf, len);
    free(buf);
    return copy;
}
