/* writer.c: write-if-changed with parent directories (see writer.h). */
#define _POSIX_C_SOURCE 200809L
#include "writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *writer_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap + 1);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* mkdir -p of path's parent directory. */
static int make_parents(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

int writer_write(const char *path, const char *data, size_t len, diag *d)
{
    size_t old_len;
    char *old = writer_read(path, &old_len);
    if (old && old_len == len && memcmp(old, data, len) == 0) {
        free(old);
        return 0;
    }
    free(old);
    if (make_parents(path) != 0) {
        diag_error(d, path, 0, 0, "cannot create its directory: %s", strerror(errno));
        return -1;
    }
    size_t tmp_len = strlen(path) + 16;
    char *tmp = malloc(tmp_len);
    if (tmp == NULL) {
        diag_error(d, path, 0, 0, "out of memory");
        return -1;
    }
    snprintf(tmp, tmp_len, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int ok = f != NULL && fwrite(data, 1, len, f) == len;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
        remove(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 1;
}
