/* test_io.h: reading a whole file, for the test programs, fuzzers and seed makers (the
 * generator itself uses writer_read). Static: each program includes it once. */
#ifndef APIGEN_TESTS_TEST_IO_H
#define APIGEN_TESTS_TEST_IO_H

#include <stdio.h>
#include <stdlib.h>

/* The whole file at path, NUL-terminated, its length in *len (len may be NULL); NULL when
 * it cannot be read. Caller frees. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        char *grown = realloc(buf, cap + 1);
        if (grown == NULL)
            free(buf);
        buf = grown;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        if (len != NULL)
            *len = n;
    }
    return buf;
}

#endif
