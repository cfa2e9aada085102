/* apigen-check: "is this body right for this endpoint?" from the command line, for the specs
 * compiled into apigen's own build: reads and validates standard input through the generated
 * code of every spec (the table apigen_api_table.c, written by the build) and prints the
 * canonical JSON. `apigen check SPEC ...` does the same for any spec from tables built in
 * memory; this compiled one stays as the oracle of its test (tests/generated/check_same.mjs).
 * The front end (statuses, reading, printing, exit statuses) is generator/body_check.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_apis.h"
#include "body_check.h"

static const char USAGE[] =
    "usage: apigen-check --list\n"
    "       apigen-check OPERATION request < body.json\n"
    "       apigen-check OPERATION response STATUS < body.json\n"
    "\n"
    "Valid: exit 0, canonical JSON on standard output. Violations: exit 1, one line each on\n"
    "standard error, starting with the JSON path. Malformed JSON, unknown operation or\n"
    "undocumented status: exit 2.\n";

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        int rc = BODY_CHECK_VALID;
        for (size_t i = 0; i < apigen_api_count; i++)
            for (size_t j = 0; j < *apigen_apis[i].operation_count && rc == BODY_CHECK_VALID; j++)
                rc = body_check_put("apigen-check", apigen_apis[i].operations[j].name);
        return rc;
    }
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(USAGE, stdout);
        return BODY_CHECK_VALID;
    }
    bool is_request = argc == 3 && strcmp(argv[2], "request") == 0;
    bool is_response = argc == 4 && strcmp(argv[2], "response") == 0;
    if (!is_request && !is_response) {
        fputs(USAGE, stderr);
        return BODY_CHECK_CANNOT;
    }
    const apigen_operation *op = apigen_find_operation(argv[1]);
    if (op == NULL) {
        fprintf(stderr, "apigen-check: unknown operation '%s' (apigen-check --list shows them)\n",
                argv[1]);
        return BODY_CHECK_CANNOT;
    }
    const apigen_model *m =
        body_check_model("apigen-check", op, is_response, is_response ? argv[3] : NULL);
    return m == NULL ? BODY_CHECK_CANNOT : body_check_stdin("apigen-check", m);
}
