/* fuzz_model_table.h: every generated model of every spec, in one stable order.
 * Shared by the fuzz_models harness (its first input byte picks an entry) and make_seeds
 * (which writes that byte in front of each seed), so both agree on the numbering. */
#ifndef APIGEN_FUZZ_MODEL_TABLE_H
#define APIGEN_FUZZ_MODEL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apigen_apis.h"

/* Every distinct model reachable from apigen_apis (parameter groups, request bodies,
 * response bodies, and the models nested in their fields), sorted by name. The table is
 * built on the first call and lives until exit. Sets *count; never returns NULL. */
const apigen_model *const *fuzz_models(size_t *count);

/* The index of m in fuzz_models(), or (size_t)-1. */
size_t fuzz_model_index(const apigen_model *m);

/* The model an input's first byte picks (its index modulo the count), with the rest of the
 * input as text[0..*len); NULL for an empty input. */
const apigen_model *fuzz_model_pick(const uint8_t *data, size_t size, const char **text,
                                    size_t *len);

/* A zeroed value of m on the heap (fuzz_release frees it); aborts when memory runs out. */
void *fuzz_new_value(const apigen_model *m);

/* apigen_model_free, then free. */
void fuzz_release(const apigen_model *m, void *v);

/* Whether a failure was reported as documented: at least one violation, each with a JSON path
 * ("$..."), a message and a code that has a name, all NUL-terminated within their arrays. */
bool fuzz_failed_with_report(const apigen_errors *errs);

#endif
