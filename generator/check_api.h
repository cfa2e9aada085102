/* check_api.h: the apigen format's front end (check_api.c): a loaded spec -> checked model. */
#ifndef APIGEN_CHECK_API_H
#define APIGEN_CHECK_API_H

#include "model.h"

/* Checks file (a loaded spec in the apigen format) and builds its model in arena a; out is
 * overwritten and its strings live in a (or in file's tree, which must outlive it). Every
 * problem is reported to d; returns 0 when the model is complete and consistent, else 1.
 * check_model.c, resolve.c and layout.c do the stages after reading. */
int spec_check(arena *a, const spec_file *file, spec_api *out, diag *d);

#endif
