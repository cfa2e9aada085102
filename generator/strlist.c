/* strlist.c: the list of strings of strlist.h. */
#define _POSIX_C_SOURCE 200809L
#include "strlist.h"

#include <stdlib.h>
#include <string.h>

void strlist_add(strlist *l, const char *s)
{
    pthread_mutex_lock(&l->lock);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **grown = realloc(l->items, cap * sizeof *grown);
        if (grown != NULL) {
            l->items = grown;
            l->cap = cap;
        }
    }
    char *copy = l->count < l->cap ? strdup(s) : NULL;
    if (copy != NULL)
        l->items[l->count++] = copy;
    else
        l->failed = true;
    pthread_mutex_unlock(&l->lock);
}

void strlist_clear(strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
    l->failed = false;
}
