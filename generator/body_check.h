/* body_check.h: the verdict on one JSON body read from standard input, as the documented
 * request or response body of one operation: the one front end of `apigen check` (tables built
 * in memory from a spec, cmd_check.c) and of the compiled apigen-check (tools/, tables compiled
 * from specs/), so both resolve statuses, read bodies, print and exit alike; only the tables
 * differ, which tests/generated/check_same.mjs compares. Needs the runtime only. */
#ifndef APIGEN_BODY_CHECK_H
#define APIGEN_BODY_CHECK_H

#include <stdbool.h>

#include "apigen_rt.h"

/* Exit statuses: the body is valid, it has violations, or nothing was judged (usage, unknown
 * operation or status, no JSON body documented, malformed JSON, I/O, out of memory). */
enum { BODY_CHECK_VALID = 0, BODY_CHECK_INVALID = 1, BODY_CHECK_CANNOT = 2 };

/* The model of op's request body (response false), or of the response op documents for
 * status (response true; status text of exactly three digits "100".."599", resolved by
 * apigen_operation_response: exact, then its range "2XX", then "default"). NULL after a
 * one-line diagnostic on standard error starting with "<prog>: " when status is not such a
 * code, when there is no such response or no JSON body to check (none documented, or a raw
 * one: text, octet-stream). */
const apigen_model *body_check_model(const char *prog, const apigen_operation *op, bool response,
                                     const char *status);

/* Reads all of standard input and judges it as model m with apigen_model_parse (every
 * violation at once). Valid: its canonical JSON (apigen_model_print) and a newline on standard
 * output, BODY_CHECK_VALID. Violations: one "<path>: <code>: <message>" line each on standard
 * error (then "(N more violations not shown)" past the runtime's limit), BODY_CHECK_INVALID.
 * Malformed JSON, an unreadable input, an unwritable standard output or no memory: "<prog>: ..."
 * on standard error, BODY_CHECK_CANNOT. */
int body_check_stdin(const char *prog, const apigen_model *m);

/* Writes line and a newline to standard output and flushes it: BODY_CHECK_VALID, or
 * BODY_CHECK_CANNOT after "<prog>: cannot write standard output" on standard error (a full
 * disk, a closed pipe: a verdict nobody received is no verdict). */
int body_check_put(const char *prog, const char *line);

#endif
