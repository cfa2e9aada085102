/* diag.h: GCC-style diagnostics shared by every generator stage.
 * Stages report and go on; the caller decides the exit status from the error count. */
#ifndef APIGEN_DIAG_H
#define APIGEN_DIAG_H

#include <stdarg.h>
#include <stdio.h>

typedef struct diag_entry diag_entry;

/* Errors shown by default; later ones are only counted (like GCC's -fmax-errors), so a
 * spec with millions of faults costs a fixed amount of memory and output. */
#define DIAG_DEFAULT_MAX_ERRORS 100

typedef struct diag {
    FILE *out;  /* where messages go (stderr in the CLI, a memstream in tests) */
    int errors; /* errors reported so far, shown or not */
    /* Errors beyond max_errors (0: no limit) are counted in `suppressed` and neither printed
     * nor kept, and their notes with them. */
    int max_errors;
    int suppressed;
    int dropping; /* the last error was suppressed: drop its notes too */
    /* With diag_hold: entries kept until diag_flush, which prints them in file order. */
    int held;
    diag_entry *entries;
    size_t count, cap;
    int remarks; /* diag_remark notes so far: never errors, never suppressed */
} diag;

/* Caller storage; prints each message at once; max_errors is DIAG_DEFAULT_MAX_ERRORS. */
void diag_init(diag *d, FILE *out);

/* From now on keep messages and print them at diag_flush, sorted by file (in the order
 * files first appear), then line and column; a note stays with its error. */
void diag_hold(diag *d);

/* Prints what diag_hold kept and releases it, then "apigen: N more errors not shown" when
 * errors were suppressed. Safe to call when nothing is held. */
void diag_flush(diag *d);

/* Moves what `from` holds (it must be holding) into d, as if reported to d (d's limit
 * applies), and counts its errors, suppressed ones included, in d; from is empty afterwards.
 * For diagnostics gathered on another thread. */
void diag_take(diag *d, diag *from);

/* "file:line:col: error: message"; line and col are 1-based, col 0 omits the column,
 * line 0 omits both. Every diagnostic is one line: control characters, C1 controls, U+2028/9
 * and bidirectional controls in the file name or the formatted message are printed as escapes
 * (\n, \x1b, \u0085, \u2028), so spec text can neither forge a line nor drive a terminal.
 * A line longer than 2047 bytes before escaping (a spec's long name) is cut at a UTF-8
 * character boundary and ends in "...". */
void diag_error(diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* diag_error with a va_list. */
void diag_verror(diag *d, const char *file, int line, int col, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/* "file:line:col: note: message", attached to the error before it. */
void diag_note(diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "file:line:col: note: message" standing alone: something worth knowing that is no error
 * (a format apigen does not check). Not counted in errors, so the exit status stays 0; never
 * suppressed by max_errors; sorted with the errors when held. */
void diag_remark(diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Prints "apigen: out of memory" to standard error and exits with status 2: the generator's one
 * answer to a failed allocation (it is a command-line tool with nothing to save). */
_Noreturn void diag_out_of_memory(void);

#endif
