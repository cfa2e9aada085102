/* arena.c: chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK 65536u
#define ARENA_ALIGN 8u

struct arena_chunk {
    arena_chunk *next;
    size_t cap; /* bytes of data */
    unsigned char data[];
};

void arena_init(arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->cap = 0;
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}

void arena_reset(arena *a)
{
    if (a->head == NULL)
        return;
    arena_chunk *keep = a->head, *c = keep->next;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    keep->next = NULL;
    a->used = 0;
}

arena_pos arena_mark(const arena *a)
{
    return (arena_pos){a->head, a->used};
}

void arena_rewind(arena *a, arena_pos m)
{
    while (a->head != m.chunk) {
        arena_chunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    a->used = m.chunk ? m.used : 0;
    a->cap = m.chunk ? m.chunk->cap : 0;
}

static void out_of_memory(void)
{
    fputs("apigen: out of memory\n", stderr);
    exit(2);
}

/* size bytes from the current block, or a new one; not zeroed. */
static void *take(arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    if (a->head == NULL || a->cap - a->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        arena_chunk *c = malloc(sizeof *c + cap);
        if (c == NULL)
            out_of_memory();
        c->next = a->head;
        c->cap = cap;
        a->head = c;
        a->used = 0;
        a->cap = cap;
    }
    void *p = a->head->data + a->used;
    a->used += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = take(a, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = take(a, len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

/* Whether fmt uses only %s, %d, %lld and %%: the formats arena_printf writes itself. */
static bool simple_format(const char *fmt)
{
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p++) {
        p++;
        if (strncmp(p, "lld", 3) == 0)
            p += 2;
        else if (*p != 's' && *p != 'd' && *p != '%')
            return false;
    }
    return true;
}

/* Writes the decimal digits of v into the end of buf[32]; returns where they start. */
static const char *decimal(long long v, char buf[32])
{
    char *p = buf + 32;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    return p;
}

/* Formats a simple_format fmt into out (NULL: only measures); returns the length. */
static size_t format_simple(char *out, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *p = fmt; *p; p++) {
        const char *text = p;
        size_t len = 1;
        char num[32];
        if (*p == '%') {
            p++;
            if (*p == 's') {
                text = va_arg(ap, const char *);
                len = strlen(text);
            } else if (*p == 'd' || *p == 'l') {
                long long v = *p == 'd' ? va_arg(ap, int) : va_arg(ap, long long);
                p += *p == 'l' ? 2 : 0;
                text = decimal(v, num);
                len = (size_t)(num + sizeof num - text);
            } /* else "%%": text is the second '%' */
            text = *p == '%' ? p : text;
        }
        if (out != NULL)
            memcpy(out + n, text, len);
        n += len;
    }
    return n;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    if (simple_format(fmt)) { /* the common case, without the cost of vsnprintf */
        va_start(ap, fmt);
        size_t n = format_simple(NULL, fmt, ap);
        va_end(ap);
        char *p = take(a, n + 1);
        va_start(ap, fmt);
        format_simple(p, fmt, ap);
        va_end(ap);
        p[n] = '\0';
        return p;
    }
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory();
    char *p = take(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
