/* bench_call: the client's overhead on one createOtpUser call, without the network: building
 * the request (apigen_request_build) against the bare writer it wraps
 * (applivery_create_otp_user_request_print), and decoding the documented 200 response
 * (apigen_response_decode) against the bare parser it wraps
 * (applivery_create_otp_user_response_200_parse). Counted by callgrind (bench/run.sh).
 *
 *   bench_call check         what is measured does the whole job (exit 1 when anything is off)
 *   bench_call once CASE     one warm-up run of CASE, then one run inside bench_region(), for
 *                            valgrind --tool=callgrind --toggle-collect=bench_region
 *
 * CASE: build-bare   _request_print of the body + free
 *       build-call   apigen_request_build (path parameters validated and percent-encoded, body
 *                    validated and written, Accept, Content-Type, bearer header, redacted
 *                    copies) + apigen_request_free
 *       decode-bare  _response_200_parse of the response (parse, read, validate) + _free
 *       decode-call  apigen_response_decode of the same body with status 200 and its
 *                    Content-Type (response lookup, media type check, the same parse) + the
 *                    decoded model's _free */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applivery/applivery.h"
#include "bench_region.h"

/* The documented 200 example of createOtpUser (specs/applivery.yaml): one user. */
static const char response_200[] =
    "{\"status\":true,\"data\":[{\"id\":\"65a1f0c2b3d4e5f601234567\","
    "\"organizationId\":\"5f2b6c1d9e8a7b6c5d4e3f21\",\"storeId\":\"60d5ec49f1b2c3a4d5e6f789\","
    "\"publishedApplicationId\":\"6123456789abcdef01234567\",\"email\":\"user@example.com\","
    "\"allowedDownloadsNum\":0,\"lastLoginDate\":\"string\",\"lastDownloadDate\":\"string\","
    "\"createdAt\":\"string\",\"updatedAt\":\"string\"}]}";

static applivery_create_otp_user_path_params path = {.organization_slug = "acme",
                                                     .store_id = "6123456789abcdef01234567"};
static cJSON email = {.type = cJSON_String, .valuestring = "user@example.com"};
static applivery_create_otp_user_request body = {
    .email = &email,
    .allowed_downloads_num = 3,
    .published_application_id = "6123456789abcdef01234567",
};
static char content_type[] = "application/json";

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bench_call: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void build_bare(void)
{
    free(applivery_create_otp_user_request_print(&body));
}

static int build(apigen_request *req)
{
    return apigen_request_build(&applivery_operations[0], "https://api.applivery.io", "token",
                                &path, NULL, NULL, &body, req, NULL);
}

static void build_call(void)
{
    apigen_request req;
    if (build(&req) == 0)
        apigen_request_free(&req);
}

static void decode_bare(void)
{
    applivery_create_otp_user_response_200 r;
    if (applivery_create_otp_user_response_200_parse(response_200, sizeof response_200 - 1, &r,
                                                     NULL) == 0)
        applivery_create_otp_user_response_200_free(&r);
}

/* The result as the transport leaves it: status, Content-Type and raw body (here not owned:
 * the body is given back before apigen_result_free). */
static int decode(applivery_create_otp_user_result *out)
{
    apigen_result_init(&out->base);
    out->base.status = 200;
    out->base.content_type = content_type;
    out->base.body = (char *)response_200;
    out->base.body_len = sizeof response_200 - 1;
    return apigen_response_decode(&applivery_operations[0], &out->base, &out->body);
}

static void decode_call(void)
{
    applivery_create_otp_user_result out;
    if (decode(&out) == 0)
        applivery_create_otp_user_response_200_free(&out.body.status_200);
}

static const struct {
    const char *name;
    void (*run)(void);
} cases[] = {
    {"build-bare", build_bare},
    {"build-call", build_call},
    {"decode-bare", decode_bare},
    {"decode-call", decode_call},
};

/* The request's body is the bare writer's text, its URL and headers as documented; the decoded
 * model holds the example. */
static void check(void)
{
    apigen_request req;
    char *bare = applivery_create_otp_user_request_print(&body);
    if (!bare || build(&req) != 0)
        die("the request does not build");
    if (!req.body || strcmp(req.body, bare) != 0)
        die("request body '%s', the bare writer's '%s'", req.body ? req.body : "(none)", bare);
    if (strcmp(req.url, "https://api.applivery.io/v1/organizations/acme/stores/"
                        "6123456789abcdef01234567/otp-users") != 0)
        die("request URL %s", req.url);
    int bearer = 0;
    for (size_t i = 0; i < req.header_count; i++)
        bearer |= strcmp(req.headers[i].name, "Authorization") == 0 &&
                  strcmp(req.headers[i].value, "Bearer token") == 0;
    if (!bearer)
        die("no bearer header");
    apigen_request_free(&req);
    free(bare);

    applivery_create_otp_user_result out;
    if (decode(&out) != 0 || out.base.outcome != APIGEN_RESULT_OK)
        die("the response does not decode: %s", apigen_outcome_name(out.base.outcome));
    const applivery_create_otp_user_response_200 *r = &out.body.status_200;
    if (!r->status || r->data_count != 1 || strcmp(r->data[0].email, "user@example.com") != 0 ||
        strcmp(r->data[0].updated_at, "string") != 0)
        die("the decoded response differs from the document");
    applivery_create_otp_user_response_200_free(&out.body.status_200);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "check") == 0) {
        check();
        applivery_cleanup();
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "once") == 0) {
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
            if (strcmp(argv[2], cases[k].name) == 0) {
                cases[k].run(); /* warm-up (patterns compiled), outside the region */
                bench_region(cases[k].run);
                applivery_cleanup();
                return 0;
            }
        }
        die("unknown case '%s'", argv[2]);
    }
    fprintf(stderr,
            "usage: bench_call check | once build-bare|build-call|decode-bare|decode-call\n");
    return 2;
}
