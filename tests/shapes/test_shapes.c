/* test_shapes.c: bodies that are not objects (APIGEN_F_ROOT models) and nullable references,
 * end to end from shapes.yaml (generated, compiled and linked at build time): a top-level array
 * of 0, 1 and 100000 items, scalar and any-JSON bodies, hostile documents (deep nesting,
 * trailing text, null where not nullable), a nullable $ref null / absent / present, the request
 * builder writing an array body, and the response decoder filling the typed result.
 * Usage: test_shapes GENERATED_DIR. */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "shapes/shapes.h"
#include "verdict.h"

/* The verdict of apigen_model_from_json on cJSON's tree of json. */
static const char *tree_verdict(const apigen_model *m, const char *json)
{
    return verdict_of(m, json, true);
}

static void test_array_body(void)
{
    const apigen_model *m = &shapes_list_issues_response_200_model;
    CHECK(m->field_count == 1 && (m->fields[0].flags & APIGEN_F_ROOT));
    shapes_list_issues_response_200 list;
    CHECK(shapes_list_issues_response_200_parse("[]", 2, &list, NULL) == 0);
    CHECK(list.items_count == 0);
    char *text = shapes_list_issues_response_200_print(&list);
    CHECK_STR(text, "[]");
    free(text);
    shapes_list_issues_response_200_free(&list);

    const char *one = "[{\"id\":7,\"title\":\"t\",\"assignee\":{\"login\":\"octo\"}}]";
    CHECK(shapes_list_issues_response_200_parse(one, strlen(one), &list, NULL) == 0);
    CHECK(list.items_count == 1 && list.items[0].id == 7);
    CHECK_STR(list.items[0].assignee.login, "octo");
    text = shapes_list_issues_response_200_print(&list);
    CHECK_STR(text, one);
    free(text);
    cJSON *json = shapes_list_issues_response_200_to_json(&list);
    CHECK(cJSON_IsArray(json) && cJSON_GetArraySize(json) == 1);
    shapes_list_issues_response_200 back;
    CHECK(shapes_list_issues_response_200_from_json(json, &back, NULL) == 0);
    CHECK(back.items_count == 1 && back.items[0].id == 7);
    shapes_list_issues_response_200_free(&back);
    cJSON_Delete(json);
    CHECK(shapes_list_issues_response_200_validate(&list, NULL) == 0);
    shapes_list_issues_response_200_free(&list);

    /* violation paths stay rooted at "$" */
    CHECK_STR(verdict(m, "[{\"id\":1,\"title\":\"a\",\"assignee\":null},"
                         "{\"id\":0,\"title\":\"b\",\"assignee\":null}]"),
              "minimum $[1].id");
    CHECK_STR(verdict(m, "[{\"id\":1,\"assignee\":null}]"), "required $[0].title");
    CHECK_STR(verdict(m, "{\"items\":[]}"), "type $");
    CHECK_STR(tree_verdict(m, "{\"items\":[]}"), "type $");
    CHECK_STR(tree_verdict(m, "[{\"id\":1,\"title\":2,\"assignee\":null}]"), "type $[0].title");
    /* the named array schema, by $ref, reads the same */
    CHECK_STR(verdict(&shapes_list_all_response_200_model, "[{\"id\":1,\"title\":\"a\"}]"),
              "required $[0].assignee");
}

static void test_large_array(void)
{
    size_t n = 100000;
    const char *item = "{\"id\":1,\"title\":\"t\",\"assignee\":null},";
    size_t len = strlen(item);
    char *doc = malloc(n * len + 2);
    if (doc == NULL) {
        CHECK(doc != NULL);
        return;
    }
    doc[0] = '[';
    for (size_t i = 0; i < n; i++)
        memcpy(doc + 1 + i * len, item, len);
    doc[n * len] = ']';
    doc[n * len + 1] = '\0';
    shapes_list_issues_response_200 list;
    apigen_errors errs;
    CHECK(shapes_list_issues_response_200_parse(doc, n * len + 1, &list, &errs) == 0);
    CHECK(list.items_count == n && list.items[n - 1].assignee_is_null);
    CHECK(shapes_list_issues_response_200_validate(&list, NULL) == 0);
    char *text = shapes_list_issues_response_200_print(&list);
    CHECK(text != NULL && strlen(text) == n * (len - 1) + (n - 1) + 2);
    free(text);
    shapes_list_issues_response_200_free(&list);
    free(doc);
}

static void test_hostile(void)
{
    const apigen_model *m = &shapes_list_issues_response_200_model;
    /* nesting far past cJSON's limit, in the any body and in an array body */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 1);
    if (deep == NULL) {
        CHECK(deep != NULL);
        return;
    }
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    CHECK_STR(verdict(&shapes_raw_search_request_model, deep), "syntax $");
    CHECK_STR(verdict(m, deep), "syntax $");
    free(deep);
    /* a scalar body with text after it; nothing at all */
    CHECK_STR(verdict(&shapes_count_issues_response_200_model, "12 13"), "syntax $");
    CHECK_STR(verdict(&shapes_count_issues_response_200_model, ""), "syntax $");
    CHECK_STR(verdict(&shapes_count_issues_response_200_model, " "), "syntax $");
    CHECK_STR(verdict(&shapes_count_issues_response_200_model, "-1"), "minimum $");
    CHECK_STR(verdict(&shapes_count_issues_response_200_model, "null"), "type $");
    CHECK_STR(verdict(&shapes_count_issues_response_200_model, "1.5"), "integer $");
    CHECK_STR(verdict(&shapes_rename_issue_request_model, "\"0123456789a\""), "maxLength $");
    CHECK_STR(verdict(&shapes_rename_issue_response_200_model, "true"), "valid");
    CHECK_STR(verdict(&shapes_raw_search_response_200_model, "null"), "valid");
    CHECK_STR(verdict(&shapes_raw_search_response_200_model, "\"1\""), "type $");
}

static void test_scalar_and_any(void)
{
    shapes_count_issues_response_200 count;
    CHECK(shapes_count_issues_response_200_parse(" 42 ", 4, &count, NULL) == 0);
    CHECK(count.value == 42);
    char *text = shapes_count_issues_response_200_print(&count);
    CHECK_STR(text, "42");
    free(text);

    shapes_raw_search_response_200 num;
    CHECK(shapes_raw_search_response_200_parse("null", 4, &num, NULL) == 0);
    CHECK(num.value_is_null);
    text = shapes_raw_search_response_200_print(&num);
    CHECK_STR(text, "null");
    free(text);

    shapes_raw_search_request any;
    const char *doc = "{\"q\":[1,\"x\",null]}";
    CHECK(shapes_raw_search_request_parse(doc, strlen(doc), &any, NULL) == 0);
    CHECK(cJSON_IsObject(any.value));
    text = shapes_raw_search_request_print(&any);
    CHECK_STR(text, doc);
    free(text);
    shapes_raw_search_request_free(&any);
    shapes_raw_search_request_free(&any); /* twice is safe */

    shapes_rename_issue_request title = {NULL};
    apigen_errors errs;
    CHECK(shapes_rename_issue_request_validate(&title, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_REQUIRED);
    CHECK_STR(errs.items[0].path, "$");
    CHECK(shapes_rename_issue_request_print(&title) == NULL);
    CHECK(shapes_rename_issue_request_to_json(&title) == NULL);
}

static void test_nullable_ref(void)
{
    const apigen_model *m = &shapes_issue_model;
    /* null, absent, present */
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\",\"assignee\":null}"), "valid");
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\"}"), "required $.assignee");
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\",\"assignee\":{\"login\":\"\"}}"),
              "minLength $.assignee.login");
    /* the $ref without nullable stays not nullable; type: [string, "null"] is a nullable string */
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\",\"assignee\":null,\"reviewer\":null}"),
              "type $.reviewer");
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\",\"assignee\":null,\"milestone\":null}"),
              "valid");
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\",\"assignee\":null,\"milestone\":3}"),
              "type $.milestone");
    /* nullable through an alias of a nullable $ref */
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\",\"assignee\":null,\"lead\":null}"), "valid");
    CHECK_STR(verdict(m, "{\"id\":1,\"title\":\"a\",\"assignee\":null,\"lead\":{}}"),
              "required $.lead.login");
    shapes_issue issue;
    const char *doc = "{\"id\":1,\"title\":\"a\",\"assignee\":null,\"milestone\":null}";
    CHECK(shapes_issue_parse(doc, strlen(doc), &issue, NULL) == 0);
    CHECK(issue.assignee_is_null && issue.milestone_is_null && !issue.has_reviewer);
    char *text = shapes_issue_print(&issue);
    CHECK_STR(text, doc);
    free(text);
    shapes_issue_free(&issue);
    /* the shared C type: the member is the $ref's struct, not a new inline type */
    shapes_user *user = &issue.assignee;
    (void)user;
}

static void test_request_and_result(void)
{
    const char *labels[] = {"bug", "ui"};
    shapes_label_issues_request body = {(char **)labels, 2};
    apigen_request req;
    apigen_errors errs;
    CHECK(apigen_request_build(&shapes_operations[2], "http://127.0.0.1:1", NULL, NULL, NULL, NULL,
                               &body, &req, &errs) == 0);
    CHECK_STR(req.body, "[\"bug\",\"ui\"]");
    apigen_request_free(&req);
    shapes_label_issues_request empty = {NULL, 0};
    CHECK(apigen_request_build(&shapes_operations[2], "http://127.0.0.1:1", NULL, NULL, NULL, NULL,
                               &empty, &req, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_MIN_ITEMS);
    CHECK_STR(errs.items[0].path, "body");

    shapes_list_issues_result result;
    memset(&result, 0, sizeof result);
    apigen_result_init(&result.base);
    const char *doc = "[{\"id\":3,\"title\":\"x\",\"assignee\":null}]";
    result.base.status = 200;
    result.base.body = malloc(strlen(doc) + 1);
    if (result.base.body == NULL)
        return;
    memcpy(result.base.body, doc, strlen(doc) + 1);
    result.base.body_len = strlen(doc);
    CHECK(apigen_response_decode(&shapes_operations[0], &result.base, &result.body) == 0);
    CHECK(result.body.status_200.items_count == 1 && result.body.status_200.items[0].id == 3);
    shapes_list_issues_result_free(&result);
}

/* A response of status with body and content type into res, decoded for op into value. */
static int decode(const apigen_operation *op, int status, const char *type, const char *body,
                  size_t len, apigen_result *res, void *value)
{
    apigen_result_init(res);
    res->status = status;
    res->content_type = type ? strdup(type) : NULL;
    res->body = malloc(len + 1);
    if (res->body != NULL) {
        memcpy(res->body, body, len);
        res->body[len] = '\0';
        res->body_len = len;
    }
    return apigen_response_decode(op, res, value);
}

static void test_raw_bodies(void)
{
    /* text/plain response: the bytes as received, in the typed member, no JSON parsing */
    shapes_readme_result readme;
    CHECK(decode(&shapes_operations[6], 200, "text/plain", "not \"json\" {", 12, &readme.base,
                 &readme.body) == 0);
    CHECK(readme.body.status_200.len == 12);
    CHECK_STR(readme.body.status_200.data, "not \"json\" {");
    shapes_readme_result_free(&readme);
    CHECK(decode(&shapes_operations[6], 200, "application/json", "\"x\"", 3, &readme.base,
                 &readme.body) == -1);
    CHECK(readme.base.outcome == APIGEN_RESULT_WRONG_CONTENT_TYPE);
    shapes_readme_result_free(&readme);
    CHECK(decode(&shapes_operations[6], 404, NULL, "", 0, &readme.base, &readme.body) == 0);
    shapes_readme_result_free(&readme);
    /* text/ * covers every text type, no other; * / * covers everything */
    shapes_upload_result up;
    CHECK(decode(&shapes_operations[7], 200, "TEXT/CSV; charset=latin1", "a,b", 3, &up.base,
                 &up.body) == 0);
    CHECK(up.body.status_200.len == 3);
    shapes_upload_result_free(&up);
    CHECK(decode(&shapes_operations[7], 200, "textual/csv", "a,b", 3, &up.base, &up.body) == -1);
    CHECK(up.base.outcome == APIGEN_RESULT_WRONG_CONTENT_TYPE);
    shapes_upload_result_free(&up);
    shapes_download_result dl;
    CHECK(decode(&shapes_operations[8], 200, "image/png", "\x89PNG\0\1", 6, &dl.base, &dl.body) ==
          0);
    CHECK(dl.body.status_200.len == 6 && memcmp(dl.body.status_200.data, "\x89PNG\0\1", 6) == 0);
    shapes_download_result_free(&dl);

    /* an octet-stream request body: sent as it is, NUL bytes included */
    apigen_bytes blob = {"a\0b\xff", 4};
    apigen_request req;
    apigen_errors errs;
    CHECK(apigen_request_build(&shapes_operations[7], "http://127.0.0.1:1", NULL, NULL, NULL, NULL,
                               &blob, &req, &errs) == 0);
    CHECK(req.body_len == 4 && memcmp(req.body, "a\0b\xff", 4) == 0);
    bool typed = false, accept = false;
    for (size_t i = 0; i < req.header_count; i++) {
        typed |= strcmp(req.headers[i].name, "Content-Type") == 0 &&
                 strcmp(req.headers[i].value, "application/octet-stream") == 0;
        accept |= strcmp(req.headers[i].name, "Accept") == 0 &&
                  strcmp(req.headers[i].value, "text/*") == 0;
    }
    CHECK(typed && accept);
    apigen_request_free(&req);
    /* a text request without a schema (OpenAPI 3.1 writes none); bodyless 204 and 304, and a
     * documented body without a schema, kept raw */
    apigen_bytes csv = {"a,b\n1,2\n", 8};
    CHECK(apigen_request_build(&shapes_operations[9], "http://127.0.0.1:1", NULL, NULL, NULL, NULL,
                               &csv, &req, &errs) == 0);
    CHECK(req.body_len == 8 && strcmp(req.body, "a,b\n1,2\n") == 0);
    apigen_request_free(&req);
    shapes_import_csv_result imp;
    CHECK(decode(&shapes_operations[9], 204, NULL, "", 0, &imp.base, NULL) == 0);
    CHECK(imp.base.response != NULL && imp.base.response->status == 204);
    shapes_import_csv_result_free(&imp);
    CHECK(decode(&shapes_operations[9], 304, "text/html", "<p>", 3, &imp.base, NULL) == 0);
    shapes_import_csv_result_free(&imp);
    CHECK(decode(&shapes_operations[9], 400, "text/html", "{oops", 5, &imp.base, NULL) == 0);
    CHECK(imp.base.body_len == 5);
    shapes_import_csv_result_free(&imp);
    /* HEAD: never a body, even where GET documents one */
    apigen_operation head = shapes_operations[0];
    head.method = "HEAD";
    shapes_list_issues_result h;
    CHECK(decode(&head, 200, "application/json", "", 0, &h.base, &h.body) == 0);
    CHECK(h.base.outcome == APIGEN_RESULT_OK && h.body.status_200.items == NULL);
    shapes_list_issues_result_free(&h);
    CHECK(apigen_request_build(&shapes_operations[7], "http://127.0.0.1:1", NULL, NULL, NULL, NULL,
                               NULL, &req, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_REQUIRED);
    CHECK_STR(errs.items[0].path, "body");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s GENERATED_DIR\n", argv[0]);
        return 2;
    }
    RUN_TEST(test_array_body);
    RUN_TEST(test_large_array);
    RUN_TEST(test_hostile);
    RUN_TEST(test_scalar_and_any);
    RUN_TEST(test_nullable_ref);
    RUN_TEST(test_request_and_result);
    RUN_TEST(test_raw_bodies);
    return check_summary();
}
