/* check_model.h: the checks of a read model that do not depend on the input format, and the
 * stages after reading (check_model.c); what a front end (check_api.c for the apigen format, an
 * OpenAPI reader beside it) calls. Internal to the checker. */
#ifndef APIGEN_CHECK_MODEL_H
#define APIGEN_CHECK_MODEL_H

#include "check_util.h"

/* Reports the parameters of op's path template (op->path, written at path_node) that are not
 * declared in op->path_params (c->words->path_params in messages), and the declared ones the
 * template lacks; marks every declared path parameter required. op->path must not be NULL. */
void check_path_template(checker *c, operation *op, const node *path_node);

/* Everything after reading, once the front end has filled c->api (api.schemas named in
 * c->schemas, the last of a name winning): resolves every $ref and reports cycles, checks that
 * parameters are scalars, then, when no error was reported since there were errors_before of
 * them, names everything for C (layout.c) and runs the documented examples (examples.c).
 * Releases the checker's maps. Returns 0 when c->d holds no more errors than errors_before, else
 * 1. */
int check_finish(checker *c, int errors_before);

/* Response header p (OpenAPI 3.1 section 4.8.17.1) is read from header text: its schema must be
 * a scalar, never null (a header has no null); reported at p->at. */
void check_header_schema(checker *c, const property *p);

#endif
