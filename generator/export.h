/* export.h: checked model -> JSON Schema (draft 2020-12) of every model of an API, for
 * validators other than ours (see export.c). */
#ifndef APIGEN_EXPORT_H
#define APIGEN_EXPORT_H

#include <cjson/cJSON.h>

#include "model.h"
#include "writer.h"

/* Writes the API's JSON Schema document to w: pretty-printed, integers exact, ending in a
 * newline. One model's schema is in memory at a time. Returns 0, or -1 when w failed. */
int export_json_schema(const spec_api *api, writer_file *w);

#endif
