/* json_text.h: the JSON text the generator writes, in one place: numbers in their shortest
 * round-trip form or with the spec's own digits, strings escaped as RFC 8259 section 7 (and
 * ECMA-262 JSON.stringify) do, and a spec's YAML values converted to the JSON data model
 * (model_value) with every number exact. */
#ifndef APIGEN_JSON_TEXT_H
#define APIGEN_JSON_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "json_double.h"
#include "model.h"

/* The escape of byte c inside a JSON string, in buf ("\\\"", "\\n", "\\u001f"), or NULL when c
 * stands for itself: '"', '\\' and the controls U+0000 to U+001F are escaped (the two-character
 * forms \b \f \n \r \t where RFC 8259 has them, else \u00XX); everything else, DEL and UTF-8
 * included, is written as it is. */
const char *json_escape(unsigned char c, char buf[8]);

/* item, or the generator gives up (diag_out_of_memory) when cJSON could not allocate it: the
 * cJSON trees the view and the exports build are never partial. */
cJSON *json_must(cJSON *item);

/* s[0..len) as a JSON string, quotes included. */
void json_write_string(FILE *f, const char *s, size_t len);

/* Number scalar n (whose double is d) as an exact JSON number, for the runtime's exact
 * comparisons (apigen_rules.*_literal): the YAML text itself when it is decimal ("+1.50" as
 * "1.50", ".5" as "0.5", leading zeros dropped), else ("0x1F") its int64 or, failing that, its
 * double, which is then what it means. In a; NUL-terminated. */
const char *json_number_literal(arena *a, const node *n, double d);

/* YAML value n (a spec's default, const or example) in the JSON data model, in arena a: mapping
 * keys as strings, scalars by their YAML 1.2 core type, integers with every digit, floats with
 * their double and the spec's digits (json_number_literal); a float no double holds is null.
 * Nodes are kept only as marks. */
model_value *json_value_of_yaml(arena *a, const node *n);

/* v as compact JSON text, every number with the spec's own digits (json_number_literal;
 * integers with every digit): the text the generator's check of examples judges is the text
 * examples.json holds, so a document it accepts is one the generated code accepts. A rounded
 * double would not do: 0.30000000000000005 reads as the double printed 0.30000000000000004,
 * which an exclusiveMinimum of 0.30000000000000004 refuses. */
void json_write_value(FILE *f, const model_value *v);

/* json_write_value(v) into arena a; NUL-terminated. */
char *json_value_text(arena *a, const model_value *v);

#endif
