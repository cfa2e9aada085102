/* mustache.h: a Mustache renderer over a cJSON view (spec v1.4: core, inheritance and
 * dynamic names; no lambdas). It knows nothing about specs or C: the view builder
 * computes everything a template needs. */
#ifndef APIGEN_MUSTACHE_H
#define APIGEN_MUSTACHE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "diag.h"

/* Looks up partial `name`. Returns a malloc'd NUL-terminated template the renderer frees,
 * or NULL when there is no such partial (it renders as empty, as the spec says). */
typedef char *(*mustache_partial_fn)(void *ctx, const char *name);

/* Renders template tmpl[0..len) named `name` (used in diagnostics as name:LINE:COL) with
 * view as the root context. Template errors (unclosed section, mismatched closing tag, bad
 * delimiter, ...) are reported to d, all of them where possible, and NULL is returned.
 * Errors inside a partial name the partial. partial may be NULL (no partials).
 * Returns malloc'd output (NUL-terminated, length in *out_len if not NULL); caller frees. */
char *mustache_render(const char *name, const char *tmpl, size_t len, const cJSON *view,
                      mustache_partial_fn partial, void *partial_ctx, diag *d, size_t *out_len);

#endif
