/* print_result.h: what the examples print when a call did not end in a documented response:
 * the outcome, the HTTP status, the transport error, the violations and the raw body of an
 * apigen_result (every member it reads is kept whatever the outcome). */
#ifndef EXAMPLES_PRINT_RESULT_H
#define EXAMPLES_PRINT_RESULT_H

#include <stdio.h>

#include "apigen_rt.h"

static void print_failure(const apigen_result *r)
{
    fprintf(stderr, "call failed: %s", apigen_outcome_name(r->outcome));
    if (r->status)
        fprintf(stderr, ", HTTP %d", r->status);
    if (r->outcome == APIGEN_RESULT_TRANSPORT)
        fprintf(stderr, ", curl error %d: %s", r->transport_code, r->transport_message);
    fprintf(stderr, "\n");
    for (size_t i = 0; i < r->errors.count; i++) /* request or response violations */
        fprintf(stderr, "  %s: %s\n", r->errors.items[i].path, r->errors.items[i].message);
    if (r->body) /* the raw body, as received */
        fprintf(stderr, "body: %s\n", r->body);
}

#endif
