/* fuzz_model_table.h: every generated model of every spec, in one stable order.
 * Shared by the fuzz_models harness (its first input byte picks an entry) and make_seeds
 * (which writes that byte in front of each seed), so both agree on the numbering. */
#ifndef APIGEN_FUZZ_MODEL_TABLE_H
#define APIGEN_FUZZ_MODEL_TABLE_H

#include <stddef.h>

#include "apigen_apis.h"

/* Every distinct model reachable from apigen_apis (parameter groups, request bodies,
 * response bodies, and the models nested in their fields), sorted by name. The table is
 * built on the first call and lives until exit. Sets *count; never returns NULL. */
const apigen_model *const *fuzz_models(size_t *count);

/* The index of m in fuzz_models(), or (size_t)-1. */
size_t fuzz_model_index(const apigen_model *m);

#endif
