/* depfile.h: `apigen generate --depfile FILE`: the files a run read, as one Makefile rule that
 * make and ninja (and so CMake's DEPFILE option of add_custom_command) read, so a build reruns
 * the generator when a spec, a template or a partial it used changes, and FILE doubles as the
 * build's stamp. */
#ifndef APIGEN_DEPFILE_H
#define APIGEN_DEPFILE_H

#include <stddef.h>

#include "diag.h"

/* From now on every file writer_read reads successfully (templates, partials, runtime files) is
 * recorded, from any thread, until depfile_reset. Call before the run reads anything. */
void depfile_record_reads(void);

/* Records path as an input without reading it: the --templates folder, whose time changes when
 * a template or partial is added to or removed from it (an override the last run could not
 * read). */
void depfile_add(const char *path);

/* Writes file (through the writer: atomically, parent folders created) as the one rule
 * "file: specs[0..n) <each recorded file>", sorted after the specs and without duplicates, in
 * the syntax GNU make and ninja share: a space is written "\ ", '#' "\#", '$' "$$", one path a
 * line joined by backslash-newline. The file's modification time is set to now even when its
 * bytes did not change, so it is newer than every input it lists. A path holding a newline, a
 * carriage return, a tab, ':' or '\\' (which the two tools cannot both read back) is an error
 * naming it. Returns 0,
 * or -1 with the error reported to d (file left as it was). */
int depfile_write(const char *file, const char *const *specs, size_t n, diag *d);

/* Stops recording and frees what was recorded. */
void depfile_reset(void);

#endif
