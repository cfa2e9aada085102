/* resolve.h: $ref resolution (resolve.c); internal to the checker. */
#ifndef APIGEN_RESOLVE_H
#define APIGEN_RESOLVE_H

#include "check_util.h"

/* Resolves every $ref in s and the schemas under it against c->schemas (names in api.schemas),
 * reporting unresolved ones. NULL is fine. */
void resolve_refs(checker *c, schema *s);

/* After the named schemas are resolved: reports named schemas that are only $refs leading back
 * to themselves (their ref becomes NULL), and points every other alias straight at the schema its
 * chain ends in: in a checked model, schema_effective() takes at most two hops (a $ref, then the
 * alias it names). schema_effective() itself follows a chain of any length, for a model that has
 * not been through this. */
void check_ref_cycles(checker *c);

#endif
