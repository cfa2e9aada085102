/* writer.h: the last stage of the pipeline, rendered text -> files. Deterministic, and
 * a file whose bytes did not change is left alone (timestamps stay, builds stay quiet). */
#ifndef APIGEN_WRITER_H
#define APIGEN_WRITER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* A file being written in pieces. While the pieces equal the file already at the path,
 * nothing is written; from the first difference on they go to a temporary file in the same
 * directory that replaces it on writer_commit. So an unchanged output costs reads, not
 * writes, and a half-written output never replaces a good one. Temporaries are created with
 * O_CREAT|O_EXCL|O_NOFOLLOW under an unpredictable name "<path>.tmp<random>": a file or
 * symlink planted at any name is never opened, followed or overwritten. */
typedef struct writer_file writer_file;

/* Starts writing path (parent directories are created as needed). Only a regular file at
 * path is compared with the output; a symlink there is never opened, counts as differing and
 * is replaced by rename(2) on commit; a FIFO, device or socket fails the writer at once
 * (reported: renaming over it would replace the node); a directory makes the commit fail.
 * While this process holds the folder's lock (writer_lock_take), temporaries of path that a
 * killed run left ("<path>.tmp<16 hex digits>") are removed first. NULL when out of memory
 * (reported to d). */
writer_file *writer_open(const char *path, diag *d);

/* Set (to the signal number) by a signal handler to stop: from then on writer_put fails
 * (without a diagnostic: the caller reports the interruption once), writer_finish removes
 * the temporary, writer_commit replaces nothing unless its renames had already begun.
 * A lock-free atomic, not volatile sig_atomic_t: the handler may run on another thread than
 * the one writing (C11 7.14.1.1 allows a handler lock-free atomics, not plain objects). */
extern atomic_int writer_interrupted;

/* Appends data[0..len). Returns 0, or -1 on an I/O error (reported to d once) or when
 * writer_interrupted is set. */
int writer_put(writer_file *w, const char *data, size_t len);

/* Whether an I/O error has been reported for w. */
bool writer_failed(const writer_file *w);

/* From now on w reports its errors (those of writer_commit) to d instead: for a writer that
 * outlives the diag it was opened with. */
void writer_report_to(writer_file *w, diag *d);

/* Finishes w's output without touching its path. With complete, returns 1 when the output
 * differs from the file (a temporary beside it holds the output), 0 when it is the same,
 * -1 on an I/O error (reported; the temporary is removed). Without complete (the output is
 * incomplete), removes the temporary and returns -1. w must then go to writer_commit. */
int writer_finish(writer_file *w, bool complete);

/* A file that is no longer an output (one an earlier version wrote): writer_commit removes
 * path with the group, all or nothing. Nothing at path: nothing to do. Any other name but a
 * directory is removed by unlink(2), which opens nothing: a symlink goes as a name, its target
 * is never touched. A directory is never removed (it may hold someone's files): an error
 * ("cannot remove ...: Is a directory", reported to d) that fails the group's commit. Returns
 * a finished writer, only for writer_commit (not writer_put or writer_finish), or NULL when
 * out of memory (reported). */
writer_file *writer_open_removal(const char *path, diag *d);

/* Replaces the files of ws[0..n) (each finished) that changed, and removes those of
 * writer_open_removal, all of them or none: a file is replaced by rename(2) of its temporary
 * (removed by unlink(2)), the old one kept under a hard link until every rename and removal has
 * succeeded, and put back if one fails. With commit false, or when any writer failed, nothing
 * is replaced or removed. Every temporary is gone afterwards and the writers are freed.
 * Returns the number of files replaced or removed, or -1 when nothing was (an I/O error is
 * reported). A crash in the middle may leave "<path>.tmp*" files; it never leaves a
 * half-written file at a path. */
int writer_commit(writer_file **ws, size_t n, bool commit);

/* writer_finish, then writer_commit of w alone: returns 1 written, 0 unchanged, -1 when
 * the file was left as it was (an I/O error, reported, or commit false). */
int writer_close(writer_file *w, bool commit);

/* All of data[0..len) at once: writer_open, writer_put, writer_close. */
int writer_write(const char *path, const char *data, size_t len, diag *d);

/* After a run: with remove, removes the folders this process created for its outputs, its
 * lock or its temporaries that are empty now (a failed run into a new OUTDIR leaves no empty
 * folders), deepest first; without, only forgets them (the run succeeded). */
void writer_remove_new_dirs(bool remove);

/* The lock file of an output folder: "<dir>/.apigen.lock". */
#define WRITER_LOCK_NAME ".apigen.lock"

/* An exclusive flock(2) on an output folder, so that two apigen processes writing into one
 * folder take turns: the holder compares and commits a complete set, the next one compares
 * against that set. The lock dies with its process (no stale lock after a crash) and the file
 * is unlinked on release, so a folder holds no lock file between runs (one a crash left is
 * harmless). */
typedef struct writer_lock writer_lock;

/* Creates dir (and its parents) if needed and waits for its lock. NULL on an I/O error or an
 * interruption (writer_interrupted set while waiting), reported to d. */
writer_lock *writer_lock_take(const char *dir, diag *d);

/* Lets go of l (NULL: nothing) and frees it. */
void writer_lock_release(writer_lock *l);

/* Compare mode (`apigen generate --check`): set before the first writer_open and never changed
 * after, it makes every writer compare only. writer_open and writer_open_removal then look at
 * the path (lstat, and a regular file's bytes) and create nothing: no directory, no temporary;
 * writer_put stops comparing at the first difference; writer_finish says whether the output
 * differs as usual; writer_commit must not be called, writer_report takes its place. A
 * directory at an output's path, or a file where one of its directories should be, is the
 * error the commit would have met (reported when opened). */
extern bool writer_compare_only;

/* The dry run of writer_commit, for compare mode: with report, prints one line to out for each
 * of ws[0..n) (each finished) that writer_commit would create, replace or remove, in their
 * order: "created: <path>", "changed: <path>" or "removed: <path>". Prints nothing without
 * report (the run failed) or when any writer failed. The writers are freed. Returns the number
 * of lines printed (0 without report), or -1 when a writer had failed (its error reported
 * already) or out could not be written (reported to stderr). */
int writer_report(writer_file **ws, size_t n, bool report, FILE *out);

/* For compare mode too: prints "extra: <dir>/<name>" to out for each name in directory dir
 * that is not among expected[0..n) (a subdirectory gets a trailing '/'), sorted by name; a dir
 * that does not exist has none. Returns the number of lines printed, or -1 on an I/O error
 * (reported to d, or to stderr for out). */
int writer_report_extra(const char *dir, const char *const *expected, size_t n, FILE *out, diag *d);

/* When set, called with the path of every file writer_read has read successfully (depfile.c
 * records a run's inputs so); it may be called from several threads at once. */
extern void (*writer_read_hook)(const char *path);

/* Reads a whole file into a malloc'd NUL-terminated buffer (caller frees), or NULL with
 * errno set. */
char *writer_read(const char *path, size_t *len);

#endif
