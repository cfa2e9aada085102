/* writer.h: the last stage of the pipeline, rendered text -> files. Deterministic, and
 * a file whose bytes did not change is left alone (timestamps stay, builds stay quiet). */
#ifndef APIGEN_WRITER_H
#define APIGEN_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* A file being written in pieces. While the pieces equal the file already at the path,
 * nothing is written; from the first difference on they go to a temporary file that
 * replaces it on writer_close. So an unchanged output costs reads, not writes, and a
 * half-written output never replaces a good one. */
typedef struct writer_file writer_file;

/* Starts writing path (parent directories are created as needed). NULL when out of memory
 * (reported to d). */
writer_file *writer_open(const char *path, diag *d);

/* Appends data[0..len). Returns 0, or -1 on an I/O error (reported to d once). */
int writer_put(writer_file *w, const char *data, size_t len);

/* Whether an I/O error has been reported for w. */
bool writer_failed(const writer_file *w);

/* Finishes w and frees it. With commit, the output replaces the file: returns 1 written,
 * 0 unchanged, -1 on an I/O error (reported). Without commit (the output is incomplete),
 * the existing file is left as it was and -1 is returned. */
int writer_close(writer_file *w, bool commit);

/* All of data[0..len) at once: writer_open, writer_put, writer_close. */
int writer_write(const char *path, const char *data, size_t len, diag *d);

/* Reads a whole file into a malloc'd NUL-terminated buffer (caller frees), or NULL with
 * errno set. */
char *writer_read(const char *path, size_t *len);

#endif
