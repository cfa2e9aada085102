/* check_unions.h: composition keywords of a schema (check_unions.c); internal to the checker. */
#ifndef APIGEN_CHECK_UNIONS_H
#define APIGEN_CHECK_UNIONS_H

#include "check_util.h"

/* The oneOf/anyOf schema at mapping n: a union (schema.alts), or, for the nullable form
 * [X, {type: "null"}] and a single alternative, X itself (a $ref stays a $ref node) with
 * nullable set. Never NULL. */
schema *parse_union(checker *c, const node *n, const char *where);

/* The allOf at mapping n when it is the annotation-wrapper idiom ([{$ref: X}, {description}]:
 * one member that is a schema, the others annotations only, n itself nothing else): X with
 * that description. NULL otherwise: then parse_schema reads n as an object schema and
 * parse_all_of_members fills s->all_of for the merge. */
schema *parse_all_of_wrapper(checker *c, const node *n);

/* The members of n's allOf into s->all_of. */
void parse_all_of_members(checker *c, schema *s, const node *n);

/* After references are resolved, in two passes over every schema: unions false merges every
 * allOf under s into its object schema; then unions true checks every union's discriminator
 * (setting its alternatives' values) and reports alternatives no parser can tell apart. */
void check_composition(checker *c, schema *s, bool unions);

#endif
