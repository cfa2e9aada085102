/* strmap.h: the generator's string hash map (implemented in check_util.c), on its own so that
 * the loader (spec_load.c, anchors) uses it without the checker's context. */
#ifndef APIGEN_STRMAP_H
#define APIGEN_STRMAP_H

#include <stddef.h>

/* A string-keyed hash table (open addressing, grown at 50% load): every lookup by name in the
 * checker goes through one, so checking stays linear in the size of the spec (a list scan per
 * name made 50,000 properties take seconds). Keys are borrowed, never copied. Zero-initialise;
 * strmap_free releases it. */
typedef struct strmap_slot {
    size_t hash; /* compared first: the table is large and the strings are cold */
    const char *key;
    const void *value;
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t count, cap;
} strmap;

/* The value stored under key, or NULL. */
const void *strmap_get(const strmap *m, const char *key);

/* Stores key -> value unless key is there; returns the slot holding key either way (check
 * slot->value == value to tell a new entry). value must not be NULL. */
strmap_slot *strmap_put(strmap *m, const char *key, const void *value);

void strmap_free(strmap *m);

#endif
