/* layout.h: C names and order of a resolved model (layout.c); internal to the checker. */
#ifndef APIGEN_LAYOUT_H
#define APIGEN_LAYOUT_H

#include "check_util.h"

/* Gives every model, enum, member and enum value of c->api its C identifier, claims every
 * global identifier derived from them (reporting clashes and reserved names), and fills
 * api.models (nested first), api.enums and api.patterns. Needs a model without errors. */
void layout_api(checker *c);

#endif
