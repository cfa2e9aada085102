/* test_response.c: the pure response decoder (templates/runtime/apigen_rt_response.c):
 * which documented response a status selects, media types compared as RFC 9110 section 8.3.1
 * says, bodies decoded or kept raw with the outcome saying why, headers looked up
 * case-insensitively, results released once and safely twice, allocation failures. On the
 * hand-written tables of fixtures.h; the generated operations are fuzzed (tests/fuzz,
 * fuzz_response). */

#include "fixtures.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ operations ---- */

/* As apigen_result_init leaves a result: every member zero, errors empty (its item storage is
 * not cleared). */
static bool result_empty(const apigen_result *r)
{
    return all_zero(r, offsetof(apigen_result, errors)) && r->errors.count == 0 &&
           r->errors.total == 0;
}

static const apigen_response with_default[] = {
    {.status = 200, .model = &users_response_model, .content_type = "application/json"},
    {.status = 404, .model = &error_detail_model, .content_type = "application/json"},
    {.status = 204, .model = NULL, .description = "no content"},
    {.status = 0, .model = &error_detail_model, .content_type = "application/json"}};
static const apigen_operation op_with_default = {.name = "test.list",
                                                 .method = "GET",
                                                 .path = "/v1/users",
                                                 .responses = with_default,
                                                 .response_count = 4};

static const apigen_response without_default[] = {
    {.status = 200, .model = &users_response_model, .content_type = "application/json"},
    {.status = 500, .model = &error_detail_model, .content_type = "application/json"}};
static const apigen_operation op_without_default = {.name = "test.get",
                                                    .method = "GET",
                                                    .path = "/v1/users",
                                                    .responses = without_default,
                                                    .response_count = 2};

/* An operation whose only documented response is r. */
static apigen_operation single(const apigen_response *r)
{
    return (apigen_operation){
        .name = "test.one", .method = "GET", .path = "/v1/x", .responses = r, .response_count = 1};
}

/* Storage for any body of the operations above, as the generated result's union. */
typedef union any_body {
    users_response users;
    error_detail error;
} any_body;

/* A copy of s in memory of cJSON's hooks, as the transport allocates what a result owns. */
static char *own(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = cJSON_malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

/* A result as the transport leaves it: status, Content-Type (NULL: none) and body (NULL: none),
 * all owned by res. */
static void received(apigen_result *res, int status, const char *content_type, const char *body)
{
    apigen_result_init(res);
    res->status = status;
    res->content_type = own(content_type);
    res->body = own(body);
    res->body_len = body != NULL ? strlen(body) : 0;
}

/* Decodes a response of op made of status, content type and body; value is filled with garbage
 * first, as caller storage may be. */
static int decode(const apigen_operation *op, apigen_result *res, any_body *value, int status,
                  const char *content_type, const char *body)
{
    received(res, status, content_type, body);
    memset(value, 0xA5, sizeof *value);
    return apigen_response_decode(op, res, value);
}

/* ------------------------------------------------ choosing the response ---- */

static void exact_status_beats_default(void)
{
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_default, &res, &v, 200, "application/json", document_response) == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK);
    CHECK(res.response == &with_default[0]);
    CHECK(v.users.status && v.users.data_count == 2);
    CHECK_STR(v.users.data[1].email, "o'brien+tag@mail.example.org");
    CHECK(res.errors.count == 0 && res.errors.total == 0);
    CHECK_STR(res.body, document_response); /* the raw body stays */
    apigen_result_free(&res, &v);
    CHECK(result_empty(&res));
    CHECK(all_zero(&v.users, sizeof v.users));
}

static void default_taken_for_an_unlisted_status(void)
{
    apigen_result res;
    any_body v;
    const char *body = "{\"code\":5003,\"message\":\"down for maintenance\"}";
    CHECK(decode(&op_with_default, &res, &v, 503, "application/json", body) == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK);
    CHECK(res.response == &with_default[3]);
    CHECK(res.status == 503);
    CHECK(v.error.code == 5003);
    CHECK_STR(v.error.message, "down for maintenance");
    apigen_result_free(&res, &v);
}

/* "2XX", "4XX", "5XX" (status 2, 4, 5), beside an exact 200 and a default. */
static const apigen_response with_ranges[] = {
    {.status = 0, .model = NULL, .description = "any other"},
    {.status = 2, .model = &users_response_model, .content_type = "application/json"},
    {.status = 4, .model = &error_detail_model, .content_type = "application/json"},
    {.status = 200, .model = &users_response_model, .content_type = "application/json"},
    {.status = 5, .model = NULL, .description = "server trouble"}};
static const apigen_operation op_with_ranges = {.name = "test.ranged",
                                                .method = "GET",
                                                .path = "/v1/users",
                                                .responses = with_ranges,
                                                .response_count = 5};

static void a_range_is_taken_where_no_exact_status_is_documented(void)
{
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_ranges, &res, &v, 200, "application/json", document_response) == 0);
    CHECK(res.response == &with_ranges[3]); /* exact beats "2XX" */
    apigen_result_free(&res, &v);

    CHECK(decode(&op_with_ranges, &res, &v, 203, "application/json", document_response) == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK);
    CHECK(res.response == &with_ranges[1]);
    CHECK(v.users.data_count == 2);
    apigen_result_free(&res, &v);

    /* 204 without a body: "2XX" documents one, but a 204 has no content (RFC 9110 section
     * 15.3.5): OK, nothing decoded */
    CHECK(decode(&op_with_ranges, &res, &v, 204, NULL, NULL) == 0);
    CHECK(res.response == &with_ranges[1]);
    CHECK(res.outcome == APIGEN_RESULT_OK && all_zero(&v, sizeof v));
    apigen_result_free(&res, &v);

    const char *body = "{\"code\":4290,\"message\":\"slow down\"}";
    CHECK(decode(&op_with_ranges, &res, &v, 429, "application/json", body) == 0);
    CHECK(res.response == &with_ranges[2]);
    CHECK(v.error.code == 4290);
    apigen_result_free(&res, &v);

    CHECK(decode(&op_with_ranges, &res, &v, 599, "text/html", "<p>down</p>") == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK); /* "5XX" documents no body: kept raw */
    CHECK(res.response == &with_ranges[4]);
    CHECK_STR(res.body, "<p>down</p>");
    apigen_result_free(&res, &v);

    CHECK(decode(&op_with_ranges, &res, &v, 101, NULL, NULL) == 0);
    CHECK(res.response == &with_ranges[0]); /* no "1XX": default */
    apigen_result_free(&res, &v);
}

static void documented_error_status_decodes_to_its_model(void)
{
    apigen_result res;
    any_body v;
    const char *body = "{\"code\":3001,\"message\":\"Entity not found\"}";
    CHECK(decode(&op_with_default, &res, &v, 404, "application/json; charset=utf-8", body) == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK); /* an HTTP error status is data, not an outcome */
    CHECK(res.response == &with_default[1]);
    CHECK(v.error.code == 3001);
    CHECK_STR(v.error.message, "Entity not found");
    apigen_result_free(&res, &v);
    CHECK(all_zero(&v.error, sizeof v.error));
}

static void undocumented_status_is_kept_raw(void)
{
    apigen_result res;
    any_body v;
    CHECK(decode(&op_without_default, &res, &v, 418, "text/plain", "I'm a teapot") == -1);
    CHECK(res.outcome == APIGEN_RESULT_UNDOCUMENTED_STATUS);
    CHECK(res.response == NULL);
    CHECK(res.status == 418);
    CHECK_STR(res.body, "I'm a teapot");
    CHECK(res.body_len == 12);
    CHECK_STR(res.content_type, "text/plain");
    CHECK(res.errors.count == 0 && res.errors.total == 0);
    CHECK(all_zero(&v, sizeof v)); /* nothing decoded, nothing to free */
    apigen_result_free(&res, &v);
    CHECK(result_empty(&res));
}

static void html_error_page_is_kept_raw(void)
{
    static const char page[] = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    apigen_result res;
    any_body v;
    /* 502 is neither documented nor covered by a default */
    CHECK(decode(&op_without_default, &res, &v, 502, "text/html", page) == -1);
    CHECK(res.outcome == APIGEN_RESULT_UNDOCUMENTED_STATUS);
    CHECK_STR(res.body, page);
    apigen_result_free(&res, &v);
    /* 500 is documented as JSON: a proxy's HTML page is the wrong media type, not a body
     * that breaks the model */
    CHECK(decode(&op_without_default, &res, &v, 500, "text/html; charset=iso-8859-1", page) == -1);
    CHECK(res.outcome == APIGEN_RESULT_WRONG_CONTENT_TYPE);
    CHECK(res.response == &without_default[1]);
    CHECK_STR(res.body, page);
    CHECK(res.errors.count == 0);
    CHECK(all_zero(&v, sizeof v));
    apigen_result_free(&res, &v);
    /* the same page without a Content-Type is taken as documented, and fails as JSON */
    CHECK(decode(&op_without_default, &res, &v, 500, NULL, page) == -1);
    CHECK(res.outcome == APIGEN_RESULT_INVALID_RESPONSE);
    CHECK(has_error(&res.errors, APIGEN_E_SYNTAX, "$"));
    CHECK_STR(res.body, page);
    apigen_result_free(&res, &v);
}

static void body_breaking_its_model_is_an_invalid_response(void)
{
    static const char body[] =
        "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\","
        "\"email\":\"not-an-email\"},{\"email\":\"a@example.com\"},"
        "{\"id\":\"AABBCCDDEEFF001122334455\",\"allowedDownloadsNum\":1.5}]}";
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_default, &res, &v, 200, "application/json", body) == -1);
    CHECK(res.outcome == APIGEN_RESULT_INVALID_RESPONSE);
    CHECK(res.response == &with_default[0]);
    CHECK(has_error(&res.errors, APIGEN_E_PATTERN, "$.data[0].email"));
    CHECK(has_error(&res.errors, APIGEN_E_REQUIRED, "$.data[1].id"));
    CHECK(has_error(&res.errors, APIGEN_E_INTEGER, "$.data[2].allowedDownloadsNum"));
    CHECK(res.errors.total >= 3);
    CHECK_STR(res.body, body);
    CHECK(res.body_len == sizeof body - 1);
    CHECK(all_zero(&v, sizeof v)); /* parse released what it had read */
    apigen_result_free(&res, &v);
    CHECK(result_empty(&res));
}

/* Decoding again starts from empty violations: those of a former decode do not linger. */
static void violations_are_those_of_this_decode(void)
{
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_default, &res, &v, 200, "application/json", "{}") == -1);
    CHECK(res.errors.total > 0);
    cJSON_free(res.content_type); /* no parse this time: still no violations left */
    res.content_type = own("text/html");
    CHECK(apigen_response_decode(&op_with_default, &res, &v) == -1);
    CHECK(res.outcome == APIGEN_RESULT_WRONG_CONTENT_TYPE);
    CHECK(res.errors.count == 0 && res.errors.total == 0);
    cJSON_free(res.content_type);
    res.content_type = NULL;
    cJSON_free(res.body);
    res.body = own(document_response);
    res.body_len = strlen(document_response);
    CHECK(apigen_response_decode(&op_with_default, &res, &v) == 0);
    CHECK(res.errors.count == 0 && res.errors.total == 0);
    apigen_result_free(&res, &v);
}

/* ------------------------------------------------------------ media types ---- */

static void media_types_compare_on_type_and_subtype(void)
{
    static const struct {
        const char *received;
        bool same;
    } cases[] = {
        {"application/json", true},
        {"application/json; charset=utf-8", true},
        {"application/json;charset=UTF-8", true},
        {"Application/JSON", true},
        {"APPLICATION/json ; charset=\"utf-8\"", true},
        {" \tapplication/json\t ", true},
        {"application/json ;", true},
        {"text/html", false},
        {"text/html; charset=utf-8", false},
        {"application/problem+json", false},
        {"application/json-seq", false},
        {"application/jso", false},
        {"application", false},
        {"application/ json", false},
        {"json", false},
        {"", false},
        {"   ", false},
        {"; charset=utf-8", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        apigen_result res;
        any_body v;
        int rc = decode(&op_with_default, &res, &v, 404, cases[i].received,
                        "{\"code\":1,\"message\":\"m\"}");
        apigen_outcome want = cases[i].same ? APIGEN_RESULT_OK : APIGEN_RESULT_WRONG_CONTENT_TYPE;
        if (res.outcome != want || rc != (cases[i].same ? 0 : -1)) {
            fprintf(stderr, "  Content-Type \"%s\": %s\n", cases[i].received,
                    apigen_outcome_name(res.outcome));
            CHECK(false);
        }
        apigen_result_free(&res, &v);
    }
}

static void missing_content_type_on_either_side_is_taken_as_documented(void)
{
    static const apigen_response undeclared[] = {
        {.status = 200, .model = &error_detail_model, .content_type = NULL}};
    const apigen_operation op = single(undeclared);
    apigen_result res;
    any_body v;
    const char *body = "{\"code\":7}";
    CHECK(decode(&op_with_default, &res, &v, 404, NULL, body) == 0); /* none received */
    CHECK(v.error.code == 7);
    apigen_result_free(&res, &v);
    CHECK(decode(&op, &res, &v, 200, "text/html", body) == 0); /* none documented */
    CHECK(res.outcome == APIGEN_RESULT_OK && v.error.code == 7);
    apigen_result_free(&res, &v);
}

/* ------------------------------------------------------------------ bodies ---- */

static void empty_body_with_a_model_is_a_syntax_violation(void)
{
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_default, &res, &v, 200, "application/json", NULL) == -1);
    CHECK(res.outcome == APIGEN_RESULT_INVALID_RESPONSE);
    CHECK(res.errors.count == 1 && has_error(&res.errors, APIGEN_E_SYNTAX, "$"));
    CHECK(res.body == NULL && res.body_len == 0);
    apigen_result_free(&res, &v);
    CHECK(decode(&op_with_default, &res, &v, 200, "application/json", "") == -1);
    CHECK(res.outcome == APIGEN_RESULT_INVALID_RESPONSE);
    CHECK(res.errors.count == 1 && has_error(&res.errors, APIGEN_E_SYNTAX, "$"));
    CHECK_STR(res.body, "");
    apigen_result_free(&res, &v);
}

/* body_len, not the NUL, bounds the body: a body holding a NUL byte is read up to body_len. */
static void body_len_bounds_the_body(void)
{
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_default, &res, &v, 404, "application/json", "{\"code\":1} trailing") ==
          -1);
    res.body_len = strlen("{\"code\":1}");
    CHECK(apigen_response_decode(&op_with_default, &res, &v) == 0);
    CHECK(v.error.code == 1);
    apigen_result_free(&res, &v);
}

static void response_without_a_model_takes_any_body(void)
{
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_default, &res, &v, 204, "text/html", "<p>not JSON</p>") == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK);
    CHECK(res.response == &with_default[2]);
    CHECK_STR(res.body, "<p>not JSON</p>");
    CHECK(all_zero(&v, sizeof v));
    apigen_result_free(&res, &v);
    /* an operation with no model at all takes a NULL value */
    static const apigen_response bare[] = {{.status = 204}};
    const apigen_operation op = single(bare);
    received(&res, 204, NULL, NULL);
    CHECK(apigen_response_decode(&op, &res, NULL) == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK && res.response == &bare[0]);
    apigen_result_free(&res, NULL);
    received(&res, 500, NULL, "oops");
    CHECK(apigen_response_decode(&op, &res, NULL) == -1);
    CHECK(res.outcome == APIGEN_RESULT_UNDOCUMENTED_STATUS);
    apigen_result_free(&res, NULL);
}

/* ------------------------------------------------------- headers, freeing ---- */

/* Live allocations through cJSON's hooks, which the runtime allocates through. */
static long live_blocks;

static void *live_malloc(size_t size)
{
    void *p = malloc(size);
    if (p != NULL)
        live_blocks++;
    return p;
}

static void live_free(void *p)
{
    if (p != NULL)
        live_blocks--;
    free(p);
}

static void add_header(apigen_result *res, const char *name, const char *value)
{
    apigen_header *h = cJSON_malloc((res->header_count + 1) * sizeof *h);
    if (h == NULL)
        return;
    if (res->header_count > 0)
        memcpy(h, res->headers, res->header_count * sizeof *h);
    cJSON_free(res->headers);
    res->headers = h;
    res->headers[res->header_count++] =
        (apigen_header){.name = own(name), .value = own(value), .sensitive = false};
}

static void headers_are_found_case_insensitively(void)
{
    apigen_result res;
    received(&res, 200, "application/json", "{}");
    add_header(&res, "Content-Type", "application/json");
    add_header(&res, "X-Request-Id", "first");
    add_header(&res, "x-request-id", "second");
    add_header(&res, "Retry-After", "120");
    CHECK_STR(apigen_result_header(&res, "x-request-id"), "first");
    CHECK_STR(apigen_result_header(&res, "X-REQUEST-ID"), "first");
    CHECK_STR(apigen_result_header(&res, "retry-after"), "120");
    CHECK_STR(apigen_result_header(&res, "content-TYPE"), "application/json");
    CHECK(apigen_result_header(&res, "X-Request") == NULL); /* a prefix is another name */
    CHECK(apigen_result_header(&res, "X-Request-Id2") == NULL);
    CHECK(apigen_result_header(&res, "") == NULL);
    CHECK(apigen_result_header(&res, NULL) == NULL);
    CHECK(apigen_result_header(NULL, "Retry-After") == NULL);
    apigen_result_free(&res, NULL);
    CHECK(apigen_result_header(&res, "Retry-After") == NULL);
}

static void free_releases_everything_once(void)
{
    static cJSON_Hooks hooks = {live_malloc, live_free};
    cJSON_InitHooks(&hooks);
    live_blocks = 0;
    apigen_result res;
    any_body v;
    CHECK(decode(&op_with_default, &res, &v, 200, "application/json; charset=utf-8",
                 document_response) == 0);
    add_header(&res, "Content-Type", "application/json; charset=utf-8");
    add_header(&res, "ETag", "\"abc\"");
    CHECK(live_blocks > 5); /* body, type, headers, the decoded users and their strings */
    apigen_result_free(&res, &v);
    CHECK(live_blocks == 0);
    CHECK(result_empty(&res));
    CHECK(all_zero(&v.users, sizeof v.users));
    apigen_result_free(&res, &v); /* a second call is a no-op */
    apigen_result_free(NULL, &v);
    CHECK(live_blocks == 0);
    /* not OK: value holds nothing decoded and is left alone */
    CHECK(decode(&op_with_default, &res, &v, 200, "text/html", "<html>") == -1);
    memset(&v, 0xA5, sizeof v);
    apigen_result_free(&res, &v);
    CHECK(live_blocks == 0);
    CHECK(((unsigned char *)&v)[0] == 0xA5);
    cJSON_InitHooks(NULL);
}

static void outcomes_have_names(void)
{
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_OK), "ok");
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_INVALID_REQUEST), "invalid request");
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_TRANSPORT), "transport");
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_TOO_LARGE), "too large");
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_UNDOCUMENTED_STATUS), "undocumented status");
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_WRONG_CONTENT_TYPE), "wrong content type");
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_INVALID_RESPONSE), "invalid response");
    CHECK_STR(apigen_outcome_name(APIGEN_RESULT_NO_MEMORY), "no memory");
    CHECK_STR(apigen_outcome_name((apigen_outcome)99), "unknown outcome");
}

/* ------------------------------------------------------ allocation failure ---- */

/* The result's own memory is made with the hooks off, so that the failures hit the decoder. */
static bool oom_decode(void)
{
    long fail_at = alloc_fail_at;
    cJSON_InitHooks(NULL);
    apigen_result res;
    received(&res, 200, "application/json", document_response);
    hooks_install(fail_at);
    any_body v;
    memset(&v, 0xA5, sizeof v);
    int rc = apigen_response_decode(&op_with_default, &res, &v);
    bool body_kept = res.body != NULL && strcmp(res.body, document_response) == 0;
    bool ok;
    if (rc == 0) /* no failure, or only a JIT compile that fell back to the interpreter */
        ok = res.outcome == APIGEN_RESULT_OK && v.users.data_count == 2;
    else
        ok = alloc_failed && res.outcome == APIGEN_RESULT_NO_MEMORY && res.errors.count == 1 &&
             res.errors.items[0].code == APIGEN_E_NO_MEMORY && all_zero(&v, sizeof v);
    apigen_result_free(&res, &v);
    return ok && body_kept && result_empty(&res);
}

static void out_of_memory_is_reported_cleanly_at_every_allocation(void)
{
    fail_each_allocation(oom_decode, "response_decode");
}

/* ------------------------------------------------------ response headers ---- */

/* Documented headers (OpenAPI 3.1 section 4.8.17.1): X-RateLimit-Remaining a required
 * non-negative integer, Location a string of format uri, X-Flag a boolean, X-Note a string of at
 * most 3 code points. */
typedef struct rate_headers {
    int64_t remaining;
    char *location;
    bool has_flag;
    bool flag;
    char *note;
} rate_headers;

static const apigen_rules non_negative = {.bounds = APIGEN_B_MINIMUM, .minimum_int = 0};
static const apigen_rules a_uri = {.format = APIGEN_FORMAT_URI};
static const apigen_rules short_note = {.bounds = APIGEN_B_MAX_LENGTH, .max_length = 3};
static const apigen_field rate_header_fields[] = {{.name = "X-RateLimit-Remaining",
                                                   .kind = APIGEN_KIND_INT64,
                                                   .flags = APIGEN_F_REQUIRED,
                                                   .offset = offsetof(rate_headers, remaining),
                                                   .rules = &non_negative},
                                                  {.name = "Location",
                                                   .kind = APIGEN_KIND_STRING,
                                                   .offset = offsetof(rate_headers, location),
                                                   .rules = &a_uri},
                                                  {.name = "X-Flag",
                                                   .kind = APIGEN_KIND_BOOL,
                                                   .flags = APIGEN_F_HAS,
                                                   .offset = offsetof(rate_headers, flag),
                                                   .has_offset = offsetof(rate_headers, has_flag)},
                                                  {.name = "X-Note",
                                                   .kind = APIGEN_KIND_STRING,
                                                   .offset = offsetof(rate_headers, note),
                                                   .rules = &short_note}};
static const apigen_model rate_headers_model = {
    "rate_headers", sizeof(rate_headers), rate_header_fields, 4, false, NULL, NULL};
static const apigen_response rated[] = {
    {.status = 200,
     .model = &error_detail_model,
     .content_type = "application/json",
     .headers = &rate_headers_model},
    {.status = 2, .model = &error_detail_model, .headers = &rate_headers_model}};
static const apigen_operation op_rated = {.name = "test.rated",
                                          .method = "GET",
                                          .path = "/v1/r",
                                          .responses = rated,
                                          .response_count = 2};

/* Decodes a 200 of op_rated with body {"code":1} and the given header lines (name, value,
 * NULL-terminated pairs). */
static int decode_rated(apigen_result *res, any_body *v, int status, const char *const *lines)
{
    received(res, status, "application/json", "{\"code\":1}");
    for (size_t i = 0; lines[i] != NULL; i += 2)
        add_header(res, lines[i], lines[i + 1]);
    memset(v, 0xA5, sizeof *v);
    return apigen_response_decode(&op_rated, res, v);
}

static bool has_violation(const apigen_result *res, apigen_code code, const char *path)
{
    for (size_t i = 0; i < res->errors.count; i++)
        if (res->errors.items[i].code == code && strcmp(res->errors.items[i].path, path) == 0)
            return true;
    return false;
}

static void documented_headers_are_typed(void)
{
    static const char *const lines[] = {"x-ratelimit-remaining",
                                        " 9223372036854775807 ",
                                        "LOCATION",
                                        "https://h.test/a?b=c",
                                        "X-Flag",
                                        "false",
                                        "X-Other",
                                        "kept raw",
                                        NULL};
    apigen_result res;
    any_body v;
    CHECK(decode_rated(&res, &v, 200, lines) == 0);
    const rate_headers *h = res.header_values;
    CHECK(h != NULL && v.error.code == 1);
    if (h != NULL) {
        CHECK(h->remaining == INT64_MAX);
        CHECK_STR(h->location, "https://h.test/a?b=c");
        CHECK(h->has_flag && !h->flag);
        CHECK(h->note == NULL);
    }
    apigen_result_free(&res, &v);
    CHECK(result_empty(&res));
}

/* Each bad header is a violation at header[...] (RFC 9535 spelling), the body released. */
static void invalid_headers_are_violations_at_their_names(void)
{
    static const char *const lines[] = {"X-RateLimit-Remaining",
                                        "-1",
                                        "Location",
                                        "no uri",
                                        "X-Flag",
                                        "TRUE",
                                        "X-Note",
                                        "long",
                                        NULL};
    apigen_result res;
    any_body v;
    CHECK(decode_rated(&res, &v, 200, lines) == -1);
    CHECK(res.outcome == APIGEN_RESULT_INVALID_RESPONSE);
    CHECK(has_violation(&res, APIGEN_E_MINIMUM, "header['X-RateLimit-Remaining']"));
    CHECK(has_violation(&res, APIGEN_E_FORMAT, "header.Location"));
    CHECK(has_violation(&res, APIGEN_E_TYPE, "header['X-Flag']"));
    CHECK(has_violation(&res, APIGEN_E_MAX_LENGTH, "header['X-Note']"));
    CHECK(res.errors.count == 4);
    CHECK(res.header_values == NULL && all_zero(&v.error, sizeof v.error));
    apigen_result_free(&res, &v);

    static const char *const missing[] = {"Location", "https://h.test/", NULL};
    CHECK(decode_rated(&res, &v, 200, missing) == -1);
    CHECK(res.errors.count == 1 &&
          has_violation(&res, APIGEN_E_REQUIRED, "header['X-RateLimit-Remaining']"));
    apigen_result_free(&res, &v);

    /* not an integer, not one exactly, beyond int64 */
    static const char *const numbers[] = {"12abc", "1.5", "0x10", "9223372036854775808", ""};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        const char *one[] = {"X-RateLimit-Remaining", numbers[i], NULL};
        CHECK(decode_rated(&res, &v, 200, one) == -1);
        CHECK(res.errors.count == 1 &&
              strcmp(res.errors.items[0].path, "header['X-RateLimit-Remaining']") == 0);
        apigen_result_free(&res, &v);
    }
}

/* Repeated field lines are combined with ", " (RFC 9110 section 5.3): an integer given twice
 * is no integer; a huge value is read whole (and refused by its maxLength, not cut). A 204
 * matched by "2XX" has no body to parse but its headers are decoded. */
static void repeated_and_huge_headers(void)
{
    static const char *const twice[] = {"X-RateLimit-Remaining", "5", "x-ratelimit-remaining", "5",
                                        NULL};
    apigen_result res;
    any_body v;
    CHECK(decode_rated(&res, &v, 200, twice) == -1);
    CHECK(has_violation(&res, APIGEN_E_TYPE, "header['X-RateLimit-Remaining']"));
    apigen_result_free(&res, &v);

    size_t n = 1 << 20;
    char *huge = malloc(n + 1);
    CHECK(huge != NULL);
    if (huge == NULL)
        return;
    memset(huge, 'n', n);
    huge[n] = '\0';
    const char *big[] = {"X-RateLimit-Remaining", "0", "X-Note", huge, NULL};
    CHECK(decode_rated(&res, &v, 200, big) == -1);
    CHECK(res.errors.count == 1 && has_violation(&res, APIGEN_E_MAX_LENGTH, "header['X-Note']"));
    apigen_result_free(&res, &v);
    free(huge);

    static const char *const ok[] = {"X-RateLimit-Remaining", "3", NULL};
    received(&res, 204, NULL, NULL);
    add_header(&res, "X-RateLimit-Remaining", "3");
    CHECK(apigen_response_decode(&op_rated, &res, &v) == 0);
    CHECK(res.response == &rated[1] && res.header_values != NULL &&
          ((const rate_headers *)res.header_values)->remaining == 3);
    apigen_result_free(&res, &v);
    (void)ok;
}

/* Headers of the other integer kinds travel as JSON numbers too: format int32 (range checked),
 * an integer enum and an open integer enum (a value the list lacks kept). A regression: they
 * were read as strings, so every such header was a type violation. */
typedef struct int_headers {
    bool has_small;
    int32_t small;
    int level;
    apigen_open_enum open;
} int_headers;

static const char *const level_values[] = {"1", "2"};
static const apigen_enum level_enum = {"level", level_values, 2, true};
static const apigen_field int_header_fields[] = {{.name = "X-Small",
                                                  .kind = APIGEN_KIND_INT32,
                                                  .flags = APIGEN_F_HAS,
                                                  .offset = offsetof(int_headers, small),
                                                  .has_offset = offsetof(int_headers, has_small)},
                                                 {.name = "X-Level",
                                                  .kind = APIGEN_KIND_ENUM,
                                                  .offset = offsetof(int_headers, level),
                                                  .enumeration = &level_enum},
                                                 {.name = "X-Open",
                                                  .kind = APIGEN_KIND_OPEN_ENUM,
                                                  .offset = offsetof(int_headers, open),
                                                  .enumeration = &level_enum}};
static const apigen_model int_headers_model = {
    "int_headers", sizeof(int_headers), int_header_fields, 3, false, NULL, NULL};
static const apigen_response int_headed[] = {{.status = 200, .headers = &int_headers_model}};

static int decode_int_headers(apigen_result *res, const char *small, const char *level,
                              const char *open)
{
    received(res, 200, NULL, NULL);
    add_header(res, "X-Small", small);
    add_header(res, "X-Level", level);
    add_header(res, "X-Open", open);
    return apigen_response_decode(&(apigen_operation){.name = "test.ints",
                                                      .method = "GET",
                                                      .path = "/i",
                                                      .responses = int_headed,
                                                      .response_count = 1},
                                  res, NULL);
}

static void integer_kinds_of_headers_are_numbers(void)
{
    apigen_result res;
    CHECK(decode_int_headers(&res, "-2147483648", " 2 ", "7") == 0);
    const int_headers *h = res.header_values;
    CHECK(h != NULL);
    if (h != NULL) {
        CHECK(h->has_small && h->small == INT32_MIN);
        CHECK(h->level == 2);
        CHECK(h->open.value == 3 && h->open.other != NULL && strcmp(h->open.other, "7") == 0);
    }
    apigen_result_free(&res, NULL);
    CHECK(decode_int_headers(&res, "2147483648", "3", "x") == -1);
    CHECK(res.errors.count == 3);
    CHECK(has_violation(&res, APIGEN_E_INTEGER, "header['X-Small']"));
    CHECK(has_violation(&res, APIGEN_E_ENUM, "header['X-Level']"));
    CHECK(has_violation(&res, APIGEN_E_TYPE, "header['X-Open']"));
    apigen_result_free(&res, NULL);
}

/* HEAD, 204 and 304 have no content (RFC 9110 sections 9.3.2, 15.3.5, 15.4.5): OK, no body
 * parsed, whatever the documentation or the bytes say. */
static void bodyless_responses_decode_without_a_body(void)
{
    static const apigen_response any2xx[] = {
        {.status = 2, .model = &error_detail_model, .content_type = "application/json"},
        {.status = 304, .model = &error_detail_model}};
    apigen_operation get = single(any2xx);
    get.response_count = 2;
    apigen_operation head = get;
    head.method = "HEAD";
    apigen_result res;
    any_body v;
    CHECK(decode(&get, &res, &v, 204, NULL, NULL) == 0 && all_zero(&v.error, sizeof v.error));
    apigen_result_free(&res, &v);
    CHECK(decode(&get, &res, &v, 304, "text/html", "<p>") == 0);
    apigen_result_free(&res, &v);
    CHECK(decode(&head, &res, &v, 200, "application/json", NULL) == 0);
    CHECK(res.outcome == APIGEN_RESULT_OK && all_zero(&v.error, sizeof v.error));
    apigen_result_free(&res, &v);
    CHECK(decode(&get, &res, &v, 200, "application/json", NULL) == -1); /* GET: a body is due */
    apigen_result_free(&res, &v);
}

/* Allocation failures while decoding headers: NO_MEMORY, nothing decoded, nothing leaked. */
static bool oom_headers(void)
{
    long fail_at = alloc_fail_at;
    cJSON_InitHooks(NULL);
    apigen_result res;
    static const char *const lines[] = {
        "X-RateLimit-Remaining", "7", "Location", "https://h.test/", "X-Note", "abc", NULL};
    any_body v;
    received(&res, 200, "application/json", "{\"code\":1}");
    for (size_t i = 0; lines[i] != NULL; i += 2)
        add_header(&res, lines[i], lines[i + 1]);
    hooks_install(fail_at);
    memset(&v, 0xA5, sizeof v);
    int rc = apigen_response_decode(&op_rated, &res, &v);
    bool ok;
    if (rc == 0)
        ok = res.outcome == APIGEN_RESULT_OK && res.header_values != NULL &&
             ((const rate_headers *)res.header_values)->remaining == 7;
    else
        ok = alloc_failed && res.outcome == APIGEN_RESULT_NO_MEMORY && res.errors.count == 1 &&
             res.header_values == NULL && all_zero(&v.error, sizeof v.error);
    apigen_result_free(&res, &v);
    return ok && result_empty(&res);
}

static void out_of_memory_in_headers_is_reported_cleanly(void)
{
    fail_each_allocation(oom_headers, "response_headers");
}

/* ---------------------------------------------------------- media oracle ---- */

/* Reads a line of hexadecimal into text (NUL-terminated); false when it is not that. */
static bool unhex(const char *hex, size_t n, char *text, size_t size)
{
    if (n % 2 != 0 || n / 2 >= size)
        return false;
    for (size_t i = 0; i < n; i += 2) {
        unsigned byte;
        if (sscanf(hex + i, "%2x", &byte) != 1 || byte == 0)
            return false;
        text[i / 2] = (char)byte;
    }
    text[n / 2] = '\0';
    return true;
}

/* --media: for media_oracle.py, one verdict a line (1: the same media type, 0: WRONG_CONTENT_TYPE)
 * for each line of standard input, "RECEIVED DOCUMENTED" as two hexadecimal strings: a response
 * documented with DOCUMENTED and a valid body, received with Content-Type RECEIVED. Returns 2 on
 * a line it cannot read or an outcome that is neither. */
static int print_media_verdicts(void)
{
    char line[4096], received_type[1024], documented[1024];
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = strcspn(line, " ");
        if (line[n] != ' ' || !unhex(line, n, received_type, sizeof received_type) ||
            !unhex(line + n + 1, strcspn(line + n + 1, "\n"), documented, sizeof documented))
            return 2;
        const apigen_response responses[] = {
            {.status = 200, .model = &error_detail_model, .content_type = documented}};
        const apigen_operation op = single(responses);
        apigen_result res;
        any_body v;
        decode(&op, &res, &v, 200, received_type, "{\"code\":1}");
        apigen_outcome outcome = res.outcome;
        apigen_result_free(&res, &v);
        if (outcome != APIGEN_RESULT_OK && outcome != APIGEN_RESULT_WRONG_CONTENT_TYPE)
            return 2;
        puts(outcome == APIGEN_RESULT_OK ? "1" : "0");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--media") == 0)
        return print_media_verdicts();
    RUN_TEST(exact_status_beats_default);
    RUN_TEST(default_taken_for_an_unlisted_status);
    RUN_TEST(a_range_is_taken_where_no_exact_status_is_documented);
    RUN_TEST(documented_error_status_decodes_to_its_model);
    RUN_TEST(undocumented_status_is_kept_raw);
    RUN_TEST(html_error_page_is_kept_raw);
    RUN_TEST(body_breaking_its_model_is_an_invalid_response);
    RUN_TEST(violations_are_those_of_this_decode);
    RUN_TEST(media_types_compare_on_type_and_subtype);
    RUN_TEST(missing_content_type_on_either_side_is_taken_as_documented);
    RUN_TEST(empty_body_with_a_model_is_a_syntax_violation);
    RUN_TEST(body_len_bounds_the_body);
    RUN_TEST(response_without_a_model_takes_any_body);
    RUN_TEST(headers_are_found_case_insensitively);
    RUN_TEST(free_releases_everything_once);
    RUN_TEST(outcomes_have_names);
    RUN_TEST(out_of_memory_is_reported_cleanly_at_every_allocation);
    RUN_TEST(documented_headers_are_typed);
    RUN_TEST(invalid_headers_are_violations_at_their_names);
    RUN_TEST(repeated_and_huge_headers);
    RUN_TEST(integer_kinds_of_headers_are_numbers);
    RUN_TEST(bodyless_responses_decode_without_a_body);
    RUN_TEST(out_of_memory_in_headers_is_reported_cleanly);
    return fixtures_summary();
}
