/* diag.c: formats and counts diagnostics (see diag.h). */
#define _POSIX_C_SOURCE 200809L
#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct diag_entry {
    char *file;
    int line, col;
    size_t seq; /* arrival order: stable sort, and notes after their error */
    size_t file_rank;
    char *text;  /* the error line and its notes */
    bool remark; /* a note standing alone (diag_remark): not an error */
};

void diag_init(diag *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->max_errors = DIAG_DEFAULT_MAX_ERRORS;
}

/* Whether one more error would go beyond the limit. */
static bool over_limit(const diag *d)
{
    return d->max_errors > 0 && d->errors - d->suppressed >= d->max_errors;
}

void diag_hold(diag *d)
{
    d->held = 1;
}

static int compare_entries(const void *x, const void *y)
{
    const diag_entry *a = x, *b = y;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_flush(diag *d)
{
    if (d->count > 1)
        qsort(d->entries, d->count, sizeof *d->entries, compare_entries);
    for (size_t i = 0; i < d->count; i++) {
        fputs(d->entries[i].text, d->out);
        free(d->entries[i].text);
        free(d->entries[i].file);
    }
    free(d->entries);
    d->entries = NULL;
    d->count = d->cap = 0;
    if (d->suppressed > 0)
        fprintf(d->out, "apigen: %d more error%s not shown (the limit is %d: --max-errors N)\n",
                d->suppressed, d->suppressed == 1 ? "" : "s", d->max_errors);
    fflush(d->out);
}

/* Keeps a formatted message: an error opens an entry, a note joins the last one. */
static void keep(diag *d, int is_note, const char *file, int line, int col, const char *text)
{
    bool remark = is_note == 2; /* opens an entry of its own */
    if (is_note == 1 && d->count > 0) {
        diag_entry *e = &d->entries[d->count - 1];
        size_t a = strlen(e->text), b = strlen(text);
        char *t = realloc(e->text, a + b + 1);
        if (t != NULL) {
            memcpy(t + a, text, b + 1);
            e->text = t;
        }
        return;
    }
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        diag_entry *n = realloc(d->entries, cap * sizeof *n);
        if (n == NULL) {
            fputs(text, d->out); /* out of memory: print at once rather than lose it */
            return;
        }
        d->entries = n;
        d->cap = cap;
    }
    size_t rank = d->count;
    if (d->count > 0 && strcmp(d->entries[d->count - 1].file, file) == 0)
        rank = d->entries[d->count - 1].file_rank; /* the usual case, without a search */
    else
        for (size_t i = 0; i < d->count; i++)
            if (strcmp(d->entries[i].file, file) == 0) {
                rank = d->entries[i].file_rank;
                break;
            }
    diag_entry *e = &d->entries[d->count];
    e->file = strdup(file);
    e->text = strdup(text);
    if (e->file == NULL || e->text == NULL) {
        free(e->file);
        free(e->text);
        fputs(text, d->out);
        return;
    }
    e->line = line;
    e->col = col;
    e->seq = d->count;
    e->file_rank = rank;
    e->remark = remark;
    d->count++;
}

/* Writes s[0..n) to out (room for 6 * n + 1 bytes) with every character that could forge a
 * line or drive a terminal spelled as an escape: C0 controls and DEL as \n, \r, \t or \xHH
 * (ESC is \x1b), the C1 controls U+0080..U+009F, the line and paragraph separators U+2028 and
 * U+2029, and the bidirectional controls U+202A..U+202E and U+2066..U+2069 (which reorder what a
 * terminal shows) as \uHHHH. Spec names, values and paths reach messages through the format
 * arguments; escaping the whole formatted line here, the one place every diagnostic passes,
 * leaves no way around it. Backslashes stay as they are (patterns quote them). Returns the
 * length written. */
static size_t escape_controls(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        unsigned char c2 = i + 2 < n ? (unsigned char)s[i + 2] : 0;
        if (c == '\n' || c == '\r' || c == '\t') {
            out[o++] = '\\';
            out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else if (c < 0x20 || c == 0x7f) {
            o += (size_t)sprintf(out + o, "\\x%02x", c);
        } else if (c == 0xc2 && c1 >= 0x80 && c1 <= 0x9f) { /* C1 control */
            o += (size_t)sprintf(out + o, "\\u%04x", (unsigned)c1);
            i++;
        } else if (c == 0xe2 && ((c1 == 0x80 && c2 >= 0xa8 && c2 <= 0xae) ||
                                 (c1 == 0x81 && c2 >= 0xa6 && c2 <= 0xa9))) {
            o += (size_t)sprintf(out + o, "\\u%04x", 0x2000u + ((c1 & 0x3fu) << 6) + (c2 & 0x3fu));
            i += 2;
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return o;
}

/* The end of a message cut to fit one line (raw, below: 2047 bytes). */
#define DIAG_CUT "..."

/* join: 1 for a note of the error before it, 2 for a remark (a note alone), 0 for an error. */
static void report(diag *d, const char *kind, int join, const char *file, int line, int col,
                   const char *fmt, va_list ap)
{
    char raw[2048], msg[6 * sizeof raw + 2];
    int n;
    if (line > 0 && col > 0)
        n = snprintf(raw, sizeof raw, "%s:%d:%d: %s: ", file, line, col, kind);
    else if (line > 0)
        n = snprintf(raw, sizeof raw, "%s:%d: %s: ", file, line, kind);
    else
        n = snprintf(raw, sizeof raw, "%s: %s: ", file, kind);
    if (n < 0 || (size_t)n >= sizeof raw - 1)
        n = 0;
    int m = vsnprintf(raw + n, sizeof raw - (size_t)n, fmt, ap);
    size_t len = m < 0 ? (size_t)n : (size_t)n + (size_t)m;
    if (len > sizeof raw - 1) { /* cut: at a character boundary, then "..." */
        len = sizeof raw - sizeof DIAG_CUT;
        for (int k = 0; k < 3 && len > (size_t)n && ((unsigned char)raw[len] & 0xc0) == 0x80; k++)
            len--; /* raw[len], the first byte dropped, continues a UTF-8 character */
        memcpy(raw + len, DIAG_CUT, sizeof DIAG_CUT - 1);
        len += sizeof DIAG_CUT - 1;
    }
    len = escape_controls(raw, len, msg);
    msg[len] = '\n';
    msg[len + 1] = '\0';
    if (d->held)
        keep(d, join, file, line, col, msg);
    else
        fputs(msg, d->out);
}

void diag_verror(diag *d, const char *file, int line, int col, const char *fmt, va_list ap)
{
    d->dropping = over_limit(d);
    if (d->dropping)
        d->suppressed++;
    else
        report(d, "error", 0, file, line, col, fmt, ap);
    d->errors++;
}

void diag_error(diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_verror(d, file, line, col, fmt, ap);
    va_end(ap);
}

void diag_note(diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    if (d->dropping)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(d, "note", 1, file, line, col, fmt, ap);
    va_end(ap);
}

void diag_remark(diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, "note", 2, file, line, col, fmt, ap);
    va_end(ap);
    d->remarks++;
}

void diag_take(diag *d, diag *from)
{
    /* Each held entry is one error and its notes; count them in d as they come, so that d's
     * limit sees them. */
    int left = from->errors - from->suppressed;
    for (size_t i = 0; i < from->count; i++) {
        const diag_entry *e = &from->entries[i];
        if (e->remark) { /* not an error: neither limited nor counted */
            if (d->held)
                keep(d, 2, e->file, e->line, e->col, e->text);
            else
                fputs(e->text, d->out);
            free(e->text);
            free(e->file);
            continue;
        }
        if (over_limit(d))
            d->suppressed++;
        else if (d->held)
            keep(d, 0, e->file, e->line, e->col, e->text);
        else
            fputs(e->text, d->out);
        d->errors++;
        left--;
        free(e->text);
        free(e->file);
    }
    free(from->entries);
    from->entries = NULL;
    from->count = from->cap = 0;
    if (left > 0) /* not held: printed already */
        d->errors += left;
    d->errors += from->suppressed;
    d->suppressed += from->suppressed;
    d->remarks += from->remarks;
    from->errors = from->suppressed = from->remarks = 0;
}

void diag_out_of_memory(void)
{
    fputs("apigen: out of memory\n", stderr);
    exit(2);
}
