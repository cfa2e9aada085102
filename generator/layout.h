/* layout.h: C names and order of a resolved model (layout.c), and the C-naming rules a front end
 * applies to the names it reads; internal to the checker. */
#ifndef APIGEN_LAYOUT_H
#define APIGEN_LAYOUT_H

#include "check_util.h"

/* Checks name (the spec's name for the API; NULL: none, reported by the front end), which
 * prefixes every C symbol, and sets api.prefix and api.upper from it ("api", "API" for NULL).
 * Problems are reported at `at`, calling the name `what` ("api name"). */
void layout_prefix(checker *c, const char *name, const node *at, const char *what);

/* The C name of the operation the spec calls `name` ("createOtpUser" -> "create_otp_user",
 * never starting with '_'), after checking name is an identifier; problems are reported at
 * `at`, calling it `what` ("operation name"). In c's arena. */
const char *layout_operation_name(checker *c, const char *name, const node *at, const char *what);

/* Gives every model, enum, member and enum value of c->api its C identifier, claims every
 * global identifier derived from them (reporting clashes and reserved names), and fills
 * api.models (nested first), api.enums and api.patterns. Needs a model without errors. */
void layout_api(checker *c);

#endif
