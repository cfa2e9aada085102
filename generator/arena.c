/* arena.c: chunked bump allocator (see arena.h). Blocks start at 64 KiB; once an arena holds
 * more than 4 MiB (a large spec) it takes 4 MiB blocks straight from mmap, advised to use huge
 * pages, so the kernel maps it in a few faults rather than thousands. New blocks are zero, and
 * the arena remembers how far its current block has been used, so only reused memory is
 * cleared again. */
#define _DEFAULT_SOURCE
#include "arena.h"
#include "diag.h"

#include <sys/mman.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define ARENA_CHUNK     ((size_t)64 << 10)
#define ARENA_BIG_CHUNK ((size_t)4 << 20)
#define ARENA_HUGE_PAGE ((size_t)2 << 20)
#define ARENA_ALIGN     8u

struct arena_chunk {
    arena_chunk *next;
    size_t cap;    /* bytes of data */
    size_t mapped; /* bytes mapped with mmap, 0 when malloc'd */
    size_t pad;    /* keeps data 16-byte aligned */
    unsigned char data[];
};

void arena_init(arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->cap = 0;
    a->dirty = 0;
    a->total = 0;
}

static void release_chunk(arena_chunk *c)
{
    if (c->mapped)
        munmap(c, c->mapped);
    else
        free(c);
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        release_chunk(c);
        c = next;
    }
    arena_init(a);
}

arena_pos arena_mark(const arena *a)
{
    return (arena_pos){a->head, a->used};
}

void arena_rewind(arena *a, arena_pos m)
{
    while (a->head != m.chunk) {
        arena_chunk *next = a->head->next;
        a->total -= a->head->cap;
        release_chunk(a->head);
        a->head = next;
    }
    a->used = m.chunk ? m.used : 0;
    a->cap = m.chunk ? m.chunk->cap : 0;
    a->dirty = a->cap; /* not known: clear before reuse */
}

/* A new block of at least size bytes of data, zeroed. */
static arena_chunk *new_chunk(arena *a, size_t size)
{
    arena_chunk *c = NULL;
    if (a->total >= ARENA_BIG_CHUNK && size <= ARENA_BIG_CHUNK - sizeof *c) {
        /* Map one huge page more than needed and trim, so the block is huge-page aligned. */
        size_t span = ARENA_BIG_CHUNK + ARENA_HUGE_PAGE;
        unsigned char *m =
            mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m != MAP_FAILED) {
            size_t lead = (ARENA_HUGE_PAGE - (uintptr_t)m % ARENA_HUGE_PAGE) % ARENA_HUGE_PAGE;
            if (lead > 0)
                munmap(m, lead);
            if (span - lead > ARENA_BIG_CHUNK)
                munmap(m + lead + ARENA_BIG_CHUNK, span - lead - ARENA_BIG_CHUNK);
            c = (arena_chunk *)(m + lead);
#ifdef MADV_HUGEPAGE
            madvise(c, ARENA_BIG_CHUNK, MADV_HUGEPAGE); /* advice: fine if refused */
#endif
            c->cap = ARENA_BIG_CHUNK - sizeof *c;
            c->mapped = ARENA_BIG_CHUNK;
        }
    }
    if (c == NULL) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        c = calloc(1, sizeof *c + cap);
        if (c == NULL)
            diag_out_of_memory();
        c->cap = cap;
    }
    return c;
}

/* size bytes from the current block, or a new one; zeroed when zero is set. */
static void *take(arena *a, size_t size, bool zero)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    if (a->head == NULL || a->cap - a->used < size) {
        arena_chunk *c = new_chunk(a, size);
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->cap = c->cap;
        a->dirty = 0;
        a->total += c->cap;
    }
    unsigned char *p = a->head->data + a->used;
    if (zero && a->used < a->dirty)
        memset(p, 0, a->dirty - a->used < size ? a->dirty - a->used : size);
    a->used += size;
    if (a->used > a->dirty)
        a->dirty = a->used;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    return take(a, size, true);
}

void *arena_grow(arena *a, void *items, size_t count, size_t *cap, size_t min_cap, size_t size)
{
    if (count < *cap)
        return items;
    *cap = *cap ? *cap * 2 : min_cap;
    void *grown = arena_alloc(a, *cap * size);
    if (count)
        memcpy(grown, items, count * size);
    return grown;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = take(a, len + 1, false);
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
static bool formats_itself(const char *fmt)
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

/* Formats a formats_itself fmt into out (NULL: only measures); returns the length. */
static size_t format_simple(char *out, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *p = fmt; *p;) {
        const char *text = p;
        size_t len;
        char num[32];
        if (*p != '%') {
            const char *pct = strchr(p, '%');
            len = pct ? (size_t)(pct - p) : strlen(p);
            p += len;
        } else if (p[1] == 's') {
            text = va_arg(ap, const char *);
            len = strlen(text);
            p += 2;
        } else if (p[1] == '%') {
            text = "%";
            len = 1;
            p += 2;
        } else { /* %d or %lld */
            long long v = p[1] == 'd' ? va_arg(ap, int) : va_arg(ap, long long);
            p += p[1] == 'd' ? 2 : 4;
            text = decimal(v, num);
            len = (size_t)(num + sizeof num - text);
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
    if (formats_itself(fmt)) { /* the common case, without the cost of vsnprintf */
        va_start(ap, fmt);
        size_t n = format_simple(NULL, fmt, ap);
        va_end(ap);
        char *p = take(a, n + 1, false);
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
        diag_out_of_memory();
    char *p = take(a, (size_t)n + 1, false);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
