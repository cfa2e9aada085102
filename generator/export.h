/* export.h: checked model -> JSON Schema (draft 2020-12) of every model of an API, for
 * validators other than ours (see export.c). */
#ifndef APIGEN_EXPORT_H
#define APIGEN_EXPORT_H

#include <cjson/cJSON.h>

#include "model.h"

/* The API's JSON Schema document, pretty-printed, integers exact, ending in a newline.
 * Caller frees with free(). */
char *export_json_schema(const spec_api *api);

#endif
