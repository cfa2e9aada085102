/* apigen_apis.h: the table of every generated API the build links into apigen-check.
 * The build writes apigen_apis.c from the specs it found (CMakeLists.txt). */
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

#endif
