/* strlist.h: a list of strings several threads append to (each copied), for what a run
 * collects while its two rendering threads work: the files it read (depfile.c), the folders it
 * created (writer.c). */
#ifndef APIGEN_STRLIST_H
#define APIGEN_STRLIST_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct strlist {
    pthread_mutex_t lock;
    char **items; /* malloc'd copies, in the order added */
    size_t count, cap;
    bool failed; /* an add ran out of memory: the list misses a string */
} strlist;

#define STRLIST_INIT                                                                               \
    {                                                                                              \
        PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, false                                               \
    }

/* Appends a copy of s; safe from any thread. Out of memory: s is not added and failed is set. */
void strlist_add(strlist *l, const char *s);

/* Frees every string and the array; the list is empty (failed cleared) and usable again. Not
 * while another thread adds. */
void strlist_clear(strlist *l);

#endif
