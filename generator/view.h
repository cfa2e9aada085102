/* view.h: stage 3 of the pipeline, checked model -> template view (a cJSON tree).
 * The view holds every name, C type, literal and flag the templates print, so the
 * templates stay logic-less. Nothing after this stage knows about specs. */
#ifndef APIGEN_VIEW_H
#define APIGEN_VIEW_H

#include <cjson/cJSON.h>

#include "model.h"

/* The view of api for templates/api.*.mustache. display_path names the spec in the
 * generated files' header comments ("specs/applivery.yaml"): no absolute paths, so the
 * output is the same on every machine. Caller owns the result (cJSON_Delete). */
cJSON *view_build(arena *a, const spec_api *api, const char *display_path);

/* The JSON text of a YAML value (examples): integers keep every digit. Arena-owned. */
char *view_yaml_to_json(arena *a, const node *n);

#endif
