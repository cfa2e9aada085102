/* depfile.c: the files a run read, recorded through writer.c's read hook, written as one
 * Makefile rule for `apigen generate --depfile FILE` (see depfile.h). */
#define _POSIX_C_SOURCE 200809L
#include "depfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strlist.h"
#include "writer.h"

/* The paths read so far (in the order read); the two rendering threads add to it. Its failed
 * flag (out of memory) means a depfile would miss an input: none is written. */
static strlist reads = STRLIST_INIT;

static void record(const char *path)
{
    strlist_add(&reads, path);
}

void depfile_add(const char *path)
{
    record(path);
}

void depfile_record_reads(void)
{
    writer_read_hook = record;
}

void depfile_reset(void)
{
    writer_read_hook = NULL;
    strlist_clear(&reads);
}

static int by_string(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Appends path to out, escaped as make and ninja read a depfile. -1 (reported) for a path they
 * cannot read back. */
static int put_path(FILE *out, const char *path, const char *file, diag *d)
{
    /* GNU make splits a rule at ':' and reads '\\' as an escape; neither has one spelling that
     * make and ninja both read back, so such paths are refused, not guessed at. */
    if (strpbrk(path, "\n\r\t:\\") != NULL) {
        diag_error(d, file, 0, 0,
                   "cannot list '%s' in a depfile: make and ninja cannot read a path holding a "
                   "newline, carriage return, tab, ':' or '\\'",
                   path);
        return -1;
    }
    for (const char *c = path; *c != '\0'; c++) {
        if (*c == ' ' || *c == '#')
            fputc('\\', out);
        else if (*c == '$')
            fputc('$', out);
        fputc(*c, out);
    }
    return 0;
}

int depfile_write(const char *file, const char *const *specs, size_t n, diag *d)
{
    if (reads.failed) {
        diag_error(d, file, 0, 0, "cannot write: out of memory while recording the files read");
        return -1;
    }
    qsort(reads.items, reads.count, sizeof *reads.items, by_string);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (out == NULL) {
        diag_error(d, file, 0, 0, "cannot write: %s", strerror(errno));
        return -1;
    }
    int rc = put_path(out, file, file, d);
    fputc(':', out);
    for (size_t i = 0; i < n + reads.count && rc == 0; i++) {
        const char *path = i < n ? specs[i] : reads.items[i - n];
        bool repeated = i > n ? strcmp(path, reads.items[i - n - 1]) == 0 : false;
        for (size_t j = 0; j < n && i >= n && !repeated; j++)
            repeated = strcmp(path, specs[j]) == 0;
        if (repeated)
            continue;
        fputs(" \\\n  ", out);
        rc = put_path(out, path, file, d);
    }
    fputc('\n', out);
    if (fclose(out) != 0 && rc == 0) {
        diag_error(d, file, 0, 0, "cannot write: %s", strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        int w = writer_write(file, text, len, d);
        /* Unchanged bytes are left alone by the writer; the stamp must still be newer than the
         * inputs that made this run happen, or the build would rerun it every time. */
        if (w < 0 || (w == 0 && utimensat(AT_FDCWD, file, NULL, 0) != 0)) {
            if (w == 0)
                diag_error(d, file, 0, 0, "cannot update its time: %s", strerror(errno));
            rc = -1;
        }
    }
    free(text);
    return rc;
}
