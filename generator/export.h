/* export.h: checked model -> JSON Schema (draft 2020-12) of every model of an API, for
 * validators other than ours (see export.c); its schema writer, shared with the OpenAPI
 * export (export_openapi.h). */
#ifndef APIGEN_EXPORT_H
#define APIGEN_EXPORT_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "model.h"
#include "writer.h"

/* How schemas are spelled for one kind of document. */
typedef struct export_dialect {
    const char *ref_base; /* a model is a $ref to <ref_base><its C type> */
    /* OpenAPI 3.1: also title, the schema's example as "examples": [v], "format": "int64" on
     * integers, and a sensitive value as "format": "password" (a string without a format) plus
     * "x-apigen-sensitive": true */
    bool openapi;
} export_dialect;

/* <api>.schema.json: "#/$defs/", no annotations. */
extern const export_dialect EXPORT_JSON_SCHEMA;
/* An OpenAPI 3.1 document: "#/components/schemas/", annotations. */
extern const export_dialect EXPORT_OPENAPI;

/* The schema of a property, item or parameter s: a $ref (anyOf with null when nullable) for a
 * model, else its keywords. A new cJSON tree the caller deletes; numbers are raw nodes holding
 * their exact digits. Out of memory ends the process (diag_out_of_memory). */
cJSON *export_schema(const schema *s, const export_dialect *d);

/* The definition of model m (an object with properties): properties, required,
 * additionalProperties. Ownership as export_schema. */
cJSON *export_model(const schema *m, const export_dialect *d);

/* A spec's value (example, default) as a raw cJSON node of its exact compact JSON text
 * (json_value_text). The caller owns it. */
cJSON *export_value(const model_value *v);

/* doc as two-space indented JSON ending in a newline, raw nodes as they are (export.c's
 * layout). Returns 0, or -1 when w failed. */
int export_write_json(const cJSON *doc, writer_file *w);

/* Writes the API's JSON Schema document to w: pretty-printed, integers exact, ending in a
 * newline. One model's schema is in memory at a time. Returns 0, or -1 when w failed. */
int export_json_schema(const spec_api *api, writer_file *w);

#endif
