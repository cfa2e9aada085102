/* view.h: stage 3 of the pipeline, checked model -> template view (a cJSON tree).
 * The view holds every name, C type, literal and flag the templates print, so the
 * templates stay logic-less. Nothing after this stage knows about specs. */
#ifndef APIGEN_VIEW_H
#define APIGEN_VIEW_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "model.h"

/* The view of api for templates/api.*.mustache, built piece by piece: view_root holds the
 * API's own names, its patterns and counts; the lists "enums", "models", "operations" and
 * "examples" are computed one item at a time by view_item (a mustache_item_fn), so a
 * template renders any size of API with one item's view in memory. Each item has "last"
 * (true on the final one) for separators. display_path names the spec in the generated
 * files' header comments ("specs/applivery.yaml"): no absolute paths, so the output is the
 * same on every machine; its file name up to the first '.' names the header ("header_file":
 * "applivery.h"), whatever the API's name. api and display_path must outlive the view. */
typedef struct view_builder view_builder;

view_builder *view_new(const spec_api *api, const char *display_path);
void view_free(view_builder *v);

/* The root object; caller deletes it (cJSON_Delete) before view_free. */
cJSON *view_root(view_builder *v);

/* Item `index` of list `list` (one of view_lists), or NULL past its end or for another name.
 * ctx is the view. The item refers to strings the view holds: give it back with view_release,
 * newest first, and before view_free. */
cJSON *view_item(void *ctx, const char *list, size_t index);
void view_release(void *ctx, cJSON *item);

/* The names of the computed lists, NULL-terminated. */
extern const char *const view_lists[];

/* The whole view in one tree, with the lists in it: for tests and for looking at a view
 * (apigen render --data takes it). Caller owns it (cJSON_Delete). */
cJSON *view_build(const spec_api *api, const char *display_path);

#endif
