/* tables.h: the runtime's descriptor tables (templates/runtime/apigen_rt.h) built in memory
 * from a checked model: the same apigen_model / apigen_field / apigen_rules / apigen_enum /
 * apigen_pattern values that the generated .c file spells out (view.c), so the generator can
 * run the runtime's reader and validator on a spec's own examples without compiling anything.
 * Struct layouts follow the C rules for the members the generated header declares, in its
 * order; tests/unit/test_tables.c compares every table with the compiled ones of specs/. */
#ifndef APIGEN_TABLES_H
#define APIGEN_TABLES_H

#include "apigen_rt.h"
#include "model.h"

typedef struct tables tables;

/* Tables for api, built on first use. api must outlive them. Never NULL (exits with status 2
 * when memory runs out, like the rest of the generator). */
tables *tables_new(const spec_api *api);

/* Releases every table and the patterns compiled through them. NULL is a no-op. */
void tables_free(tables *t);

/* Bytes the tables hold (patterns aside). */
size_t tables_size(const tables *t);

/* Drops every model, field, rule and enum built so far (each is built again when asked for);
 * patterns stay compiled. Every pointer the tables gave out but patterns is invalid after.
 * For long walks: memory stays bounded by what one step needs. */
void tables_forget(tables *t);

/* The descriptor of the model s stands for: s (or its $ref target) is an object schema with
 * properties, named by layout.c, or a body with a model of its own (schema_body_model). Built
 * with every model it nests; owned by t. */
const apigen_model *tables_model(tables *t, const schema *s);

/* A model of one required field, TABLES_VALUE_FIELD, whose schema is s: for checking a value
 * of any schema (scalars, arrays, nullable, any) with apigen_model_parse on
 * {"value": <the value>}. Paths then start with TABLES_VALUE_PATH instead of "$". Owned by t. */
const apigen_model *tables_value_model(tables *t, const schema *s);
#define TABLES_VALUE_FIELD "value"
#define TABLES_VALUE_PATH  "$.value"

/* One function per descriptor kind, each mirroring view.c's decision for that kind. */

/* The C enum of string enum schema e (by its $ref target); owned by t. */
const apigen_enum *tables_enum(tables *t, const schema *e);

/* Pattern `index` of api->patterns (PCRE2 form from api->patterns_pcre2); owned by t. */
apigen_pattern *tables_pattern(tables *t, int index);

/* The rules of a field whose value schema is v (the item schema for arrays) and whose array
 * schema, if any, is arr: as view.c's build_rules. NULL when there are none; owned by t. */
const apigen_rules *tables_rules(tables *t, const schema *v, const schema *arr);

/* The lower (or upper) bound of number schema v that the runtime checks: the stricter of the
 * inclusive and the exclusive one (*exclusive says which), or NULL when there is none.
 * *as_int is the int64 bound it implies: a fractional bound rounded inward, clamped to the
 * int64 range. view.c spells the generated rules from it too. */
const bound *tables_number_bound(const schema *v, bool lower, bool *exclusive, int64_t *as_int);

#endif
