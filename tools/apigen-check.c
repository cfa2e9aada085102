/* apigen-check: "is this body right for this endpoint?" from the command line.
 * Parses standard input, reads and validates it through the generated code of every spec
 * (the table apigen_api_table.c, written by the build), and prints the canonical JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_apis.h"

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static const char USAGE[] =
    "usage: apigen-check --list\n"
    "       apigen-check OPERATION request < body.json\n"
    "       apigen-check OPERATION response STATUS < body.json\n"
    "\n"
    "Valid: exit 0, canonical JSON on standard output. Violations: exit 1, one line each on\n"
    "standard error, starting with the JSON path. Malformed JSON, unknown operation or\n"
    "undocumented status: exit 2.\n";

static char *read_stdin(size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, stdin);
        if (n < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (nb == NULL)
            free(buf);
        buf = nb;
    }
    if (buf == NULL || ferror(stdin)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static void report(const apigen_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++)
        fprintf(stderr, "%s: %s: %s\n", errs->items[i].path, apigen_code_name(errs->items[i].code),
                errs->items[i].message);
    if (errs->total > errs->count)
        fprintf(stderr, "(%zu more violations not shown)\n", errs->total - errs->count);
}

/* Reads, validates and prints body as model m, in one pass so that type errors and
 * constraint violations are all reported together. */
static int check(const apigen_model *m, const char *body, size_t len)
{
    void *value = calloc(1, m->size ? m->size : 1);
    if (value == NULL) {
        fputs("apigen-check: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    apigen_errors errs;
    int rc = EXIT_VALID;
    if (apigen_model_parse(m, body, len, value, &errs) != 0) {
        /* A failed parse has released value. */
        if (errs.count > 0 && errs.items[0].code == APIGEN_E_SYNTAX) {
            fprintf(stderr, "apigen-check: malformed JSON: %s\n", errs.items[0].message);
            rc = EXIT_USAGE;
        } else if (errs.count > 0 && errs.items[0].code == APIGEN_E_NO_MEMORY) {
            fputs("apigen-check: out of memory\n", stderr);
            rc = EXIT_USAGE;
        } else {
            report(&errs);
            rc = EXIT_INVALID;
        }
    } else {
        char *text = apigen_model_print(m, value);
        if (text != NULL) {
            puts(text);
        } else {
            fputs("apigen-check: out of memory\n", stderr);
            rc = EXIT_USAGE;
        }
        free(text);
        apigen_model_free(m, value);
    }
    free(value);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < apigen_api_count; i++)
            for (size_t j = 0; j < *apigen_apis[i].operation_count; j++)
                puts(apigen_apis[i].operations[j].name);
        return EXIT_VALID;
    }
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(USAGE, stdout);
        return EXIT_VALID;
    }
    bool is_request = argc == 3 && strcmp(argv[2], "request") == 0;
    bool is_response = argc == 4 && strcmp(argv[2], "response") == 0;
    if (!is_request && !is_response) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const apigen_operation *op = apigen_find_operation(argv[1]);
    if (op == NULL) {
        fprintf(stderr, "apigen-check: unknown operation '%s' (apigen-check --list shows them)\n",
                argv[1]);
        return EXIT_USAGE;
    }
    const apigen_model *m = op->request;
    if (is_response) {
        char *end;
        long status = strtol(argv[3], &end, 10);
        const apigen_response *r = NULL;
        if (*end == '\0' && status >= 100 && status <= 599)
            r = apigen_operation_response(op, (int)status);
        if (r == NULL) {
            fprintf(stderr, "apigen-check: %s documents no response with status '%s'\n", op->name,
                    argv[3]);
            return EXIT_USAGE;
        }
        if (r->model == NULL) {
            fprintf(stderr, "apigen-check: %s documents no body for status %s\n", op->name,
                    argv[3]);
            return EXIT_USAGE;
        }
        m = r->model;
    } else if (m == NULL) {
        fprintf(stderr, "apigen-check: %s takes no request body\n", op->name);
        return EXIT_USAGE;
    }
    size_t len = 0;
    char *body = read_stdin(&len);
    if (body == NULL) {
        fputs("apigen-check: cannot read standard input\n", stderr);
        return EXIT_USAGE;
    }
    int rc = check(m, body, len);
    free(body);
    return rc;
}
