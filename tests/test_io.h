/* test_io.h: reading a whole file, comparing one, counting a folder's entries, for the test
 * programs, fuzzers and seed makers (the generator itself uses writer_read). Static: each program
 * includes it once. */
#ifndef APIGEN_TESTS_TEST_IO_H
#define APIGEN_TESTS_TEST_IO_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Whether the file at path holds exactly the bytes of want. */
static inline bool test_file_is(const char *path, const char *want)
{
    size_t len;
    char *text = test_read_file(path, &len);
    bool same = text != NULL && len == strlen(want) && memcmp(text, want, len) == 0;
    free(text);
    return same;
}

/* The number of entries in dir other than . and .. (0 when it cannot be read). */
static inline int test_dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

#endif
