/* apigen_apis.h: the table of every generated API the build links into apigen-check.
 * The build writes the table (apigen_api_table.c) from the specs it found (CMakeLists.txt);
 * apigen_apis.c holds the lookups. */
#ifndef APIGEN_APIS_H
#define APIGEN_APIS_H

#include <stdbool.h>
#include <stddef.h>

#include "apigen_rt.h"

typedef struct apigen_api_entry {
    const char *name;
    const apigen_operation *operations;
    const size_t *operation_count;
} apigen_api_entry;

extern const apigen_api_entry apigen_apis[];
extern const size_t apigen_api_count;

/* The operation named name ("applivery.createOtpUser") in any API, or NULL. */
const apigen_operation *apigen_find_operation(const char *name);

/* The model of an operation's body: part "request", or "response" with status (its
 * documented response, else "default"); NULL when there is none. */
const apigen_model *apigen_find_model(const apigen_operation *op, const char *part, int status);

#endif
