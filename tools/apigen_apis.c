/* apigen_apis.c: lookups over the table of generated APIs (apigen_apis.h), shared by
 * apigen-check and the tests that drive every operation. */
#include <string.h>

#include "apigen_apis.h"

const apigen_operation *apigen_find_operation(const char *name)
{
    for (size_t i = 0; name != NULL && i < apigen_api_count; i++)
        for (size_t j = 0; j < *apigen_apis[i].operation_count; j++)
            if (strcmp(apigen_apis[i].operations[j].name, name) == 0)
                return &apigen_apis[i].operations[j];
    return NULL;
}

const apigen_model *apigen_find_model(const apigen_operation *op, const char *part, int status)
{
    if (op == NULL || part == NULL)
        return NULL;
    if (strcmp(part, "request") == 0)
        return op->request;
    const apigen_response *r = apigen_operation_response(op, status);
    return r ? r->model : NULL;
}
