/* check_schema.h: reading schemas into the model (check_schema.c); internal to the checker. */
#ifndef APIGEN_CHECK_SCHEMA_H
#define APIGEN_CHECK_SCHEMA_H

#include "check_util.h"
#include "vocab.h" /* the keywords it reads, KW() */

/* The schema written at node n (a mapping; `where` names it in messages: "a property"), read
 * into arena storage and checked keyword by keyword; never NULL, even when n is refused (then
 * of type any). A $ref is recorded in ref_name, for resolve.c. */
schema *parse_schema(checker *c, const node *n, const char *where);

/* The keys of mapping n that every schema may have and that only describe or flag it
 * (description, title, nullable, sensitive, readOnly, writeOnly) into s. */
void parse_annotations(checker *c, schema *s, const node *n);

/* The `properties` and `required` of mapping m into object schema s; `where` names s in
 * messages. */
void parse_properties(checker *c, schema *s, const node *m, const char *where);

#endif
