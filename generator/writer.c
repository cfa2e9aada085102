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

struct writer_file {
    char *path, *tmp;
    diag *d;
    FILE *old;      /* the existing file, while the output still equals it; else NULL */
    FILE *out;      /* the temporary file, once the output differs; else NULL */
    size_t matched; /* bytes of output equal to the existing file's first bytes */
    char *scratch;  /* for reading the existing file */
    size_t scratch_cap;
    bool failed;
};

static int fail(writer_file *w, const char *what)
{
    if (!w->failed)
        diag_error(w->d, w->path, 0, 0, "%s: %s", what, strerror(errno));
    w->failed = true;
    return -1;
}

writer_file *writer_open(const char *path, diag *d)
{
    writer_file *w = calloc(1, sizeof *w);
    size_t n = strlen(path);
    if (w != NULL) {
        w->path = malloc(n + 1);
        w->tmp = malloc(n + 32);
    }
    if (w == NULL || w->path == NULL || w->tmp == NULL) {
        diag_error(d, path, 0, 0, "out of memory");
        if (w != NULL) {
            free(w->path);
            free(w->tmp);
        }
        free(w);
        return NULL;
    }
    memcpy(w->path, path, n + 1);
    snprintf(w->tmp, n + 32, "%s.tmp%ld", path, (long)getpid());
    w->d = d;
    w->old = fopen(path, "rb");
    return w;
}

/* The output differs from the existing file (or there is none): from here on it goes to the
 * temporary file, which starts with the bytes that matched. */
static int start_output(writer_file *w)
{
    if (make_parents(w->path) != 0)
        return fail(w, "cannot create its directory");
    w->out = fopen(w->tmp, "wb");
    if (w->out == NULL)
        return fail(w, "cannot write");
    if (w->matched > 0) {
        if (fseek(w->old, 0, SEEK_SET) != 0)
            return fail(w, "cannot read back");
        char chunk[65536];
        for (size_t left = w->matched; left > 0;) {
            size_t want = left < sizeof chunk ? left : sizeof chunk;
            if (fread(chunk, 1, want, w->old) != want || fwrite(chunk, 1, want, w->out) != want)
                return fail(w, "cannot copy");
            left -= want;
        }
    }
    if (w->old != NULL)
        fclose(w->old);
    w->old = NULL;
    return 0;
}

int writer_put(writer_file *w, const char *data, size_t len)
{
    if (w->failed)
        return -1;
    if (len == 0)
        return 0;
    if (w->out == NULL && w->old != NULL) {
        if (w->scratch_cap < len) {
            char *p = realloc(w->scratch, len);
            if (p == NULL) {
                errno = ENOMEM;
                return fail(w, "cannot compare");
            }
            w->scratch = p;
            w->scratch_cap = len;
        }
        if (fread(w->scratch, 1, len, w->old) == len && memcmp(w->scratch, data, len) == 0) {
            w->matched += len;
            return 0;
        }
    }
    if (w->out == NULL && start_output(w) != 0)
        return -1;
    if (fwrite(data, 1, len, w->out) != len)
        return fail(w, "cannot write");
    return 0;
}

bool writer_failed(const writer_file *w)
{
    return w->failed;
}

int writer_close(writer_file *w, bool commit)
{
    int rc = -1;
    if (commit && !w->failed) {
        rc = 1;
        if (w->out == NULL && w->old != NULL && fgetc(w->old) == EOF && !ferror(w->old))
            rc = 0; /* same bytes, same length */
        else if (w->out == NULL && start_output(w) != 0)
            rc = -1;
    }
    if (w->old != NULL)
        fclose(w->old);
    if (w->out != NULL) {
        if (fclose(w->out) != 0 && rc == 1)
            rc = fail(w, "cannot write");
        if (rc == 1 && rename(w->tmp, w->path) != 0)
            rc = fail(w, "cannot write");
        if (rc != 1)
            remove(w->tmp);
    }
    free(w->scratch);
    free(w->path);
    free(w->tmp);
    free(w);
    return rc;
}

int writer_write(const char *path, const char *data, size_t len, diag *d)
{
    writer_file *w = writer_open(path, d);
    if (w == NULL)
        return -1;
    return writer_close(w, writer_put(w, data, len) == 0);
}
