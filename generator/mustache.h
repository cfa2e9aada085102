/* mustache.h: a Mustache renderer over a cJSON view (spec v1.4: core, inheritance and
 * dynamic names; no lambdas). It knows nothing about specs or C: the view builder
 * computes everything a template needs.
 *
 * Interpolation ({{x}}, {{{x}}}, {{&x}}) shows a string as it is, true/false, nothing for null,
 * and a number as mustache.js (the reference implementation) does, JavaScript's String(n):
 * ECMA-262 Number::toString (§6.1.6.1.20), the shortest digits that read back as the double,
 * in fixed notation for 1e-7 <= |n| < 1e21 ("85", "0.000001", "100000000000000000000") and
 * else as d[.ddd]e+n / e-n ("1e+21", "1.5e-7"); -0 shows as "0". (The spec leaves number
 * formatting open; view builders that need another spelling put a string in the view.) Objects
 * and arrays show as compact JSON. */
#ifndef APIGEN_MUSTACHE_H
#define APIGEN_MUSTACHE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "diag.h"

/* Looks up partial `name`. Returns a malloc'd NUL-terminated template the renderer frees,
 * or NULL when there is no such partial (it renders as empty, as the spec says). */
typedef char *(*mustache_partial_fn)(void *ctx, const char *name);

/* Lists computed while rendering. When a section's name is found in no context, the renderer
 * asks item(ctx, name, 0), item(ctx, name, 1), ... until it returns NULL, renders the section
 * once per item with that item as the innermost context, and releases each item before asking
 * for the next (release(ctx, item), or cJSON_Delete when release is NULL; items are released
 * in the reverse order they were made, also when computed lists nest); an inverted section shows
 * when item 0 is NULL. Only undotted names are asked for. So the view of a large API never has to
 * be in memory all at once. */
typedef cJSON *(*mustache_item_fn)(void *ctx, const char *name, size_t index);
typedef void (*mustache_release_fn)(void *ctx, cJSON *item);

/* Receives the output in order, in pieces of about 64 KiB. Returns 0, or -1 to stop the
 * rendering (the sink reports its own error). */
typedef int (*mustache_sink_fn)(void *ctx, const char *data, size_t len);

typedef struct mustache_options {
    mustache_partial_fn partial; /* NULL: no partials */
    void *partial_ctx;
    /* Optional, with the same ctx: the file of partial `name`, malloc'd, freed by the renderer,
     * or NULL when there is none. Diagnostics inside the partial name it (else `name` itself),
     * and a partial whose file is there but that partial() cannot load (NULL, errno set) is an
     * error naming the file, not an empty partial. */
    mustache_partial_fn partial_file;
    mustache_item_fn item; /* NULL: no computed lists */
    mustache_release_fn release;
    void *item_ctx;        /* for item and release */
    mustache_sink_fn sink; /* required by mustache_render_to */
    void *sink_ctx;
} mustache_options;

/* Renders template tmpl[0..len) named `name` (used in diagnostics as name:LINE:COL) with
 * view as the root context, streaming the output to opt->sink. Template errors (unclosed
 * section, mismatched closing tag, bad delimiter, ...) are reported to d, all of them where
 * possible, before any output; errors while rendering (runaway recursion, limits) stop it.
 * Errors inside a partial name the partial (opt->partial_file: its file). Returns 0, or -1 when
 * anything was reported or the sink stopped the rendering: the output so far is then incomplete and
 * must be dropped. */
int mustache_render_to(const char *name, const char *tmpl, size_t len, const cJSON *view,
                       const mustache_options *opt, diag *d);

/* The same into memory, with partials only. Returns malloc'd output (NUL-terminated, length
 * in *out_len if not NULL) that the caller frees, or NULL when errors were reported. */
char *mustache_render(const char *name, const char *tmpl, size_t len, const cJSON *view,
                      mustache_partial_fn partial, void *partial_ctx, diag *d, size_t *out_len);

#endif
