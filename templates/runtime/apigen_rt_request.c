/* apigen_rt_request.c: building an HTTP request from an operation's descriptor and the caller's
 * parameter and body structs, with no I/O (apigen_request_build, apigen_rt.h). Placeholder until
 * the builder lands: it refuses every request. */

#include "apigen_rt_internal.h"

int apigen_request_build(const apigen_operation *op, const char *base_url, const char *credential,
                         const void *path, const void *query, const void *header, const void *body,
                         apigen_request *out, apigen_errors *errs)
{
    (void)op, (void)base_url, (void)credential, (void)path, (void)query, (void)header, (void)body;
    memset(out, 0, sizeof *out);
    if (errs)
        apigen_errors_init(errs);
    return -1;
}

void apigen_request_free(apigen_request *r)
{
    if (r)
        memset(r, 0, sizeof *r);
}
