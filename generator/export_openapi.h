/* export_openapi.h: checked models of one or more APIs -> one OpenAPI 3.1 document (see
 * export_openapi.c for how the APIs are kept apart in it). */
#ifndef APIGEN_EXPORT_OPENAPI_H
#define APIGEN_EXPORT_OPENAPI_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "writer.h"

/* Writes the OpenAPI 3.1 document of apis[0..count) (checked, with distinct prefixes) to w:
 * JSON, two-space indented, numbers exact. Models are components.schemas under their C type
 * (which starts with the API's prefix), auth schemes securitySchemes "<prefix>_<name>", each
 * operation (operationId "<api>.<operation>") is tagged with its API's name. With several
 * APIs, each path item names its API's server. Two APIs with one path (equal but for the
 * names of parameters) cannot share a document: an error reported to d, returns 1 and writes
 * nothing. Returns 0, or -1 when w failed. */
int export_openapi(const spec_api *const *apis, size_t count, writer_file *w, diag *d);

#endif
