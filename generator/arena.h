/* arena.h: bump allocation for the spec tree, the model and their strings.
 * Everything a run builds lives until the run ends; one arena_free releases it all. */
#ifndef APIGEN_ARENA_H
#define APIGEN_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    arena_chunk *head;
    size_t used;  /* bytes used in head */
    size_t cap;   /* bytes available in head */
    size_t dirty; /* bytes of head that may not be zero */
    size_t total; /* bytes of data in all blocks */
} arena;

/* Caller storage; allocates nothing until the first arena_alloc. */
void arena_init(arena *a);

/* Releases every block. The arena is empty and reusable afterwards. */
void arena_free(arena *a);

/* A point in an arena's history: arena_rewind(a, m) releases everything allocated after
 * arena_mark(a) returned m. Marks must be rewound to in the reverse order they were taken. */
typedef struct arena_pos {
    arena_chunk *chunk;
    size_t used;
} arena_pos;

arena_pos arena_mark(const arena *a);
void arena_rewind(arena *a, arena_pos m);

/* Zeroed, 8-byte aligned memory owned by the arena (nothing kept there needs more). Exits the
 * process with status 2 when memory runs out: the generator is a command-line tool and has nothing
 * to save. */
void *arena_alloc(arena *a, size_t size);

/* A growable array in arena storage: items (count elements of size bytes, *cap allocated) with
 * room for at least one more, moved to a block twice as large (at least min_cap) when full.
 * Returns the array to use from now on; the old block stays in the arena until it is freed.
 *   list = arena_grow(a, list, n, &cap, 16, sizeof *list); list[n++] = x; */
void *arena_grow(arena *a, void *items, size_t count, size_t *cap, size_t min_cap, size_t size);

/* A NUL-terminated copy of s[0..len), owned by the arena. */
char *arena_strndup(arena *a, const char *s, size_t len);

/* A NUL-terminated copy of s, owned by the arena. */
char *arena_strdup(arena *a, const char *s);

/* printf into arena storage. */
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), nonnull(2)));

#endif
