/* body_check.c: one JSON body from standard input judged as an operation's body (see
 * body_check.h); shared by `apigen check` and apigen-check. */
#include "body_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* All of standard input, NUL bytes included; NULL when it cannot be read or memory runs out. */
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

/* A media type for a message; tables may leave it NULL. */
static const char *or_unnamed(const char *media_type)
{
    return media_type ? media_type : "non-JSON";
}

const apigen_model *body_check_model(const char *prog, const apigen_operation *op, bool response,
                                     const char *status)
{
    if (!response) {
        if (op->request != NULL)
            return op->request;
        if (op->request_raw)
            fprintf(stderr,
                    "%s: %s takes a request body of media type %s, not JSON: nothing to check\n",
                    prog, op->name, or_unnamed(op->request_content_type));
        else
            fprintf(stderr, "%s: %s takes no request body\n", prog, op->name);
        return NULL;
    }
    /* Exactly three digits, 100..599 (RFC 9110 section 15: a status code is three digits);
     * strtol would take "+200", " 200" and "0200" too. */
    bool digits = strlen(status) == 3;
    for (size_t i = 0; i < 3 && digits; i++)
        digits = status[i] >= '0' && status[i] <= '9';
    int code = digits ? atoi(status) : 0;
    if (code < 100 || code > 599) {
        fprintf(stderr,
                "%s: STATUS is the response's status code, three digits 100..599 (a documented "
                "2XX or default is chosen from it), not '%s'\n",
                prog, status);
        return NULL;
    }
    const apigen_response *r = apigen_operation_response(op, code);
    if (r == NULL) {
        fprintf(stderr, "%s: %s documents no response with status '%s'\n", prog, op->name, status);
        return NULL;
    }
    if (r->model == NULL && r->raw)
        fprintf(
            stderr,
            "%s: %s documents a body of media type %s for status %s, not JSON: nothing to check\n",
            prog, op->name, or_unnamed(r->content_type), status);
    else if (r->model == NULL)
        fprintf(stderr, "%s: %s documents no body for status %s\n", prog, op->name, status);
    return r->model;
}

int body_check_put(const char *prog, const char *line)
{
    if (puts(line) < 0 || fflush(stdout) != 0) {
        fprintf(stderr, "%s: cannot write standard output\n", prog);
        return BODY_CHECK_CANNOT;
    }
    return BODY_CHECK_VALID;
}

/* Reads, validates and prints body as model m, in one pass so that type errors and
 * constraint violations are all reported together. */
static int check(const char *prog, const apigen_model *m, const char *body, size_t len)
{
    void *value = calloc(1, m->size ? m->size : 1);
    if (value == NULL) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return BODY_CHECK_CANNOT;
    }
    apigen_errors errs;
    int rc = BODY_CHECK_VALID;
    if (apigen_model_parse(m, body, len, value, &errs) != 0) {
        /* A failed parse has released value. */
        if (errs.count > 0 && errs.items[0].code == APIGEN_E_SYNTAX) {
            fprintf(stderr, "%s: malformed JSON: %s\n", prog, errs.items[0].message);
            rc = BODY_CHECK_CANNOT;
        } else if (errs.count > 0 && errs.items[0].code == APIGEN_E_NO_MEMORY) {
            fprintf(stderr, "%s: out of memory\n", prog);
            rc = BODY_CHECK_CANNOT;
        } else {
            report(&errs);
            rc = BODY_CHECK_INVALID;
        }
    } else {
        char *text = apigen_model_print(m, value);
        if (text != NULL) {
            rc = body_check_put(prog, text);
        } else {
            fprintf(stderr, "%s: out of memory\n", prog);
            rc = BODY_CHECK_CANNOT;
        }
        free(text);
        apigen_model_free(m, value);
    }
    free(value);
    return rc;
}

int body_check_stdin(const char *prog, const apigen_model *m)
{
    size_t len = 0;
    char *body = read_stdin(&len);
    if (body == NULL) {
        fprintf(stderr, "%s: cannot read standard input\n", prog);
        return BODY_CHECK_CANNOT;
    }
    int rc = check(prog, m, body, len);
    free(body);
    return rc;
}
