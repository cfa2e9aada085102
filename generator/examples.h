/* examples.h: the last check of a spec (after spec_check): every example value it documents
 * must pass its own schema, as the generated code will judge it. Each example is turned into
 * JSON text with the spec's own digits (json_text.h; examples.json holds the same text) and
 * read by the runtime's
 * strict reader and validator (apigen_model_parse) on tables built in memory (tables.h); each
 * violation becomes a GCC-style error at the YAML node its JSON path names. */
#ifndef APIGEN_EXAMPLES_H
#define APIGEN_EXAMPLES_H

#include "model.h"

/* Checks, and reports to d as
 *   FILE:LINE:COL: error: example 'doc' of request of createPet: $.weightGrams: minimum: ...
 * request and response `examples` (against the body's model), and the `example` and `default`
 * values inside schemas (against that schema). api must have passed spec_check.
 * Returns 0 when every example passes, else 1. */
int examples_check(const spec_api *api, diag *d);

/* The part of value root that path names, a JSON path as the runtime spells it: an
 * RFC 9535 normalized path (§2.7) but for member-name-shorthand (§2.5.1.1) where a name allows
 * it ("$", "$.data[1].email", "$['a.b']['it\'s\n']"; apigen_rt.h), or the nearest ancestor
 * that exists when the path leads nowhere (a missing property, an index past the end, a name
 * the runtime hides as ".***", a path cut at APIGEN_PATH_MAX). NULL only for NULL root. */
const model_value *examples_value_at(const model_value *root, const char *path);

#endif
