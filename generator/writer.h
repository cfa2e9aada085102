/* writer.h: the last stage of the pipeline, rendered text -> files. Deterministic, and
 * a file whose bytes did not change is left alone (timestamps stay, builds stay quiet). */
#ifndef APIGEN_WRITER_H
#define APIGEN_WRITER_H

#include <stddef.h>

#include "diag.h"

/* Writes data[0..len) to path unless the file already holds exactly those bytes; creates
 * missing parent directories. Writes to a temporary file and renames it into place.
 * Returns 1 written, 0 unchanged, -1 on an I/O error (reported to d). */
int writer_write(const char *path, const char *data, size_t len, diag *d);

/* Reads a whole file into a malloc'd NUL-terminated buffer (caller frees), or NULL with
 * errno set. */
char *writer_read(const char *path, size_t *len);

#endif
