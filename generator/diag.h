/* diag.h: GCC-style diagnostics shared by every generator stage.
 * Stages report and go on; the caller decides the exit status from the error count. */
#ifndef APIGEN_DIAG_H
#define APIGEN_DIAG_H

#include <stdio.h>

typedef struct diag_entry diag_entry;

typedef struct diag {
    FILE *out;  /* where messages go (stderr in the CLI, a memstream in tests) */
    int errors; /* errors reported so far */
    /* With diag_hold: entries kept until diag_flush, which prints them in file order. */
    int held;
    diag_entry *entries;
    size_t count, cap;
} diag;

/* Caller storage; prints each message at once. */
void diag_init(diag *d, FILE *out);

/* From now on keep messages and print them at diag_flush, sorted by file (in the order
 * files first appear), then line and column; a note stays with its error. */
void diag_hold(diag *d);

/* Prints what diag_hold kept and releases it. Safe to call when nothing is held. */
void diag_flush(diag *d);

/* Moves what `from` holds (it must be holding) into d, as if reported to d, and counts its
 * errors in d; from is empty afterwards. For diagnostics gathered on another thread. */
void diag_take(diag *d, diag *from);

/* "file:line:col: error: message"; line and col are 1-based, col 0 omits the column,
 * line 0 omits both. */
void diag_error(diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "file:line:col: note: message", attached to the error before it. */
void diag_note(diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
