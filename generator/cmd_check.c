/* cmd_check.c: `apigen check`, the compiled apigen-check for any spec: the spec is loaded and
 * checked as `generate` does, the operation's descriptor tables are built in memory
 * (tables.c, equal to the generated ones: tests/generated/test_tables.c), and the body goes
 * through the same front end and runtime functions as apigen-check's (body_check.c). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "cmd_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "body_check.h"
#include "check_api.h"
#include "diag.h"
#include "model.h"
#include "spec_tree.h"
#include "tables.h"

static const char PROG[] = "apigen check";

static const char USAGE[] =
    "usage: apigen check SPEC --list\n"
    "       apigen check SPEC OPERATION request < body.json\n"
    "       apigen check SPEC OPERATION response STATUS < body.json\n"
    "\n"
    "OPERATION: its full name as --list prints it (applivery.createOtpUser), or its name in\n"
    "the spec (createOtpUser). STATUS: three digits 100..599, resolved as the generated client\n"
    "does (the status, else its range 2XX, else default).\n"
    "Valid: exit 0, canonical JSON on standard output. Violations: exit 1, one line each on\n"
    "standard error, starting with the JSON path. A spec with errors (its diagnostics on\n"
    "standard error), malformed JSON, unknown operation or undocumented status: exit 2.\n";

/* Loads and checks path into *api. The diagnostics are held in memory and shown only when the
 * spec has errors, so a checked body's standard error holds its violations alone. Returns
 * false after showing them. */
static bool load(arena *a, const char *path, spec_api *api)
{
    char *text = NULL;
    size_t len = 0;
    FILE *held = open_memstream(&text, &len);
    if (held == NULL) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return false;
    }
    diag d;
    diag_init(&d, held);
    diag_hold(&d);
    spec_file file;
    int loaded = spec_load_file(a, path, &file, &d);
    bool ok = loaded == 0 && spec_check(a, &file, api, &d) == 0 && d.errors == 0;
    diag_flush(&d);
    fclose(held);
    if (!ok) {
        fwrite(text, 1, len, stderr);
        if (d.errors > 0)
            fprintf(stderr, "apigen: %d error%s\n", d.errors, d.errors == 1 ? "" : "s");
    }
    free(text);
    return ok;
}

/* The operation named name: its full name first, else its name in the spec. */
static const operation *find_operation(const spec_api *api, const char *name)
{
    for (size_t i = 0; i < api->op_count; i++)
        if (strcmp(api->ops[i].full_name, name) == 0)
            return &api->ops[i];
    for (size_t i = 0; i < api->op_count; i++)
        if (strcmp(api->ops[i].name, name) == 0)
            return &api->ops[i];
    return NULL;
}

/* The runtime's descriptor of op, as the generated apigen_operation has it for what checking
 * a body needs (name, request, responses), from tables t; in arena a. */
static apigen_operation operation_tables(arena *a, tables *t, const operation *op)
{
    apigen_operation out;
    memset(&out, 0, sizeof out);
    out.name = op->full_name;
    out.method = op->method;
    out.path = op->path;
    out.request = op->request && !op->request_raw ? tables_model(t, op->request) : NULL;
    out.request_raw = op->request_raw;
    out.request_content_type = op->request_content_type;
    out.request_required = op->request_required;
    apigen_response *rs =
        arena_alloc(a, (op->response_count ? op->response_count : 1) * sizeof *rs);
    memset(rs, 0, (op->response_count ? op->response_count : 1) * sizeof *rs);
    for (size_t i = 0; i < op->response_count; i++) {
        const response *r = &op->responses[i];
        rs[i].status = r->status_code;
        rs[i].model = r->schema && !r->raw ? tables_model(t, r->schema) : NULL;
        rs[i].description = r->description;
        rs[i].content_type = r->content_type;
        rs[i].raw = r->raw;
    }
    out.responses = rs;
    out.response_count = op->response_count;
    return out;
}

int cmd_check(int argc, char **argv)
{
    if (argc == 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
        fputs(USAGE, stdout);
        return BODY_CHECK_VALID;
    }
    bool list = argc == 2 && strcmp(argv[1], "--list") == 0;
    bool request = argc == 3 && strcmp(argv[2], "request") == 0;
    bool is_response = argc == 4 && strcmp(argv[2], "response") == 0;
    if (!list && !request && !is_response) {
        fputs(USAGE, stderr);
        return BODY_CHECK_CANNOT;
    }
    arena a;
    arena_init(&a);
    spec_api api;
    int rc = BODY_CHECK_CANNOT;
    if (!load(&a, argv[0], &api)) {
        arena_free(&a);
        return rc;
    }
    if (list) {
        rc = BODY_CHECK_VALID;
        for (size_t i = 0; i < api.op_count && rc == BODY_CHECK_VALID; i++)
            rc = body_check_put(PROG, api.ops[i].full_name);
        arena_free(&a);
        return rc;
    }
    const operation *op = find_operation(&api, argv[1]);
    if (op == NULL) {
        fprintf(stderr, "%s: unknown operation '%s' in %s (apigen check %s --list shows them)\n",
                PROG, argv[1], argv[0], argv[0]);
        arena_free(&a);
        return rc;
    }
    tables *t = tables_new(&api);
    apigen_operation desc = operation_tables(&a, t, op);
    const apigen_model *m =
        body_check_model(PROG, &desc, is_response, is_response ? argv[3] : NULL);
    if (m != NULL)
        rc = body_check_stdin(PROG, m);
    tables_free(t);
    arena_free(&a);
    return rc;
}
