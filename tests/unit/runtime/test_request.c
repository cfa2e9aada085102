/* test_request.c: the pure request builder (apigen_request_build): percent-encoding of path
 * segments and query pairs, parameter text (booleans, exact integers, shortest doubles, enums),
 * absent and present optional parameters, headers (Accept, Content-Type, auth, parameters) and
 * their injection checks, credentials, redaction, violation paths per group, nothing returned on
 * error, every allocation failing in turn, query styles (arrays in form, spaceDelimited and
 * pipeDelimited, deepObject), path and header arrays in style simple, and cookie parameters.
 * Usage: test_rt_request            the tests
 *        test_rt_request --encode   (for url_oracle.py: see print_urls)
 *        test_rt_request --styles   (for url_oracle.py --styles: see print_style_urls)
 *        test_rt_request --form     (for url_oracle.py: see print_forms)
 *        test_rt_request --multipart (for multipart_oracle.py: see print_multipart)
 *        test_rt_request --basic    (for basic_oracle.py: see print_basic) */

#define _GNU_SOURCE /* memmem, malloc_usable_size */

#include "fixtures.h"

#include <malloc.h>

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ descriptors ---- */

/* GET /v1/items/{id}?q=...: one string segment and one string query parameter. */
typedef struct seg_path {
    char *id;
} seg_path;

typedef struct seg_query {
    char *q;
} seg_query;

static const apigen_field seg_path_fields[] = {
    {.name = "id", .kind = APIGEN_KIND_STRING, .flags = APIGEN_F_REQUIRED}};
static const apigen_model seg_path_model = {
    "seg_path", sizeof(seg_path), seg_path_fields, 1, true, NULL, NULL};
static const apigen_field seg_query_fields[] = {{.name = "q", .kind = APIGEN_KIND_STRING}};
static const apigen_model seg_query_model = {
    "seg_query", sizeof(seg_query), seg_query_fields, 1, true, NULL, NULL};

static const apigen_operation op_seg = {.name = "test.item",
                                        .method = "GET",
                                        .path = "/v1/items/{id}",
                                        .path_params = &seg_path_model,
                                        .query_params = &seg_query_model};

/* GET /v1/{n}/{on}/{x}/{c} with query, header parameters, a body and a bearer token. */
typedef struct scalar_path {
    int64_t n;
    bool on;
    double x;
    color c;
} scalar_path;

typedef struct filters {
    char *q;
    bool flag;
    bool has_flag;
    int64_t count;
    bool has_count;
    double ratio;
    bool has_ratio;
    color c;
    char *key;
} filters;

typedef struct header_params {
    char *trace;
    char *secret;
    int64_t count;
    bool has_count;
} header_params;

typedef struct creds {
    char *password;
} creds;

typedef struct login {
    char *user;
    creds creds;
    bool has_creds;
} login;

static const apigen_rules x_rules = {.bounds = APIGEN_B_MAXIMUM, .maximum = 1e301};
static const apigen_rules at_most_100 = {
    .bounds = APIGEN_B_MAXIMUM, .maximum_int = 100, .maximum = 100};
static const apigen_rules at_most_10 = {
    .bounds = APIGEN_B_MAXIMUM, .maximum_int = 10, .maximum = 10};
static const apigen_rules not_empty = {.bounds = APIGEN_B_MIN_LENGTH, .min_length = 1};

static const apigen_field scalar_path_fields[] = {
    {.name = "n",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(scalar_path, n)},
    {.name = "on",
     .kind = APIGEN_KIND_BOOL,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(scalar_path, on)},
    {.name = "x",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(scalar_path, x),
     .rules = &x_rules},
    {.name = "c",
     .kind = APIGEN_KIND_ENUM,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(scalar_path, c),
     .enumeration = &color_enum},
};
static const apigen_model scalar_path_model = {
    "scalar_path", sizeof(scalar_path), scalar_path_fields, 4, true, NULL, NULL};

static const apigen_field filters_fields[] = {
    {.name = "q", .kind = APIGEN_KIND_STRING, .offset = offsetof(filters, q)},
    {.name = "flag",
     .kind = APIGEN_KIND_BOOL,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(filters, flag),
     .has_offset = offsetof(filters, has_flag)},
    {.name = "count",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(filters, count),
     .has_offset = offsetof(filters, has_count),
     .rules = &at_most_100},
    {.name = "ratio",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(filters, ratio),
     .has_offset = offsetof(filters, has_ratio)},
    {.name = "c",
     .kind = APIGEN_KIND_ENUM,
     .offset = offsetof(filters, c),
     .enumeration = &color_enum},
    {.name = "key",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_SENSITIVE,
     .offset = offsetof(filters, key)},
};
static const apigen_model filters_model = {
    "filters", sizeof(filters), filters_fields, 6, true, NULL, NULL};

static const apigen_field header_fields[] = {
    {.name = "X-Trace", .kind = APIGEN_KIND_STRING, .offset = offsetof(header_params, trace)},
    {.name = "Secret",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_SENSITIVE,
     .offset = offsetof(header_params, secret)},
    {.name = "X-Count",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(header_params, count),
     .has_offset = offsetof(header_params, has_count),
     .rules = &at_most_10},
};
static const apigen_model header_model = {
    "header_params", sizeof(header_params), header_fields, 3, true, NULL, NULL};

static const apigen_field creds_fields[] = {{.name = "password",
                                             .kind = APIGEN_KIND_STRING,
                                             .flags = APIGEN_F_SENSITIVE,
                                             .offset = offsetof(creds, password)}};
static const apigen_model creds_model = {"creds", sizeof(creds), creds_fields, 1, true, NULL, NULL};
static const apigen_field login_fields[] = {
    {.name = "user",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(login, user),
     .rules = &not_empty},
    {.name = "creds",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(login, creds),
     .has_offset = offsetof(login, has_creds),
     .model = &creds_model},
};
static const apigen_model login_model = {"login", sizeof(login), login_fields, 2, true, NULL, NULL};

static const apigen_response scalar_responses[] = {
    {.status = 200, .model = &users_response_model, .content_type = "application/json"},
    {.status = 204},
    {.status = 404, .model = &error_detail_model, .content_type = "application/problem+json"},
    {.status = 0, .model = &error_detail_model, .content_type = "Application/JSON"},
};

/* One-scheme security requirements (apigen_security_requirement) of the operations below. */
static const apigen_auth bearer_auth[] = {
    {APIGEN_AUTH_BEARER, APIGEN_IN_HEADER, "Authorization", "bearer"}};
static const apigen_security_requirement bearer_security[] = {{bearer_auth, 1}};
static const apigen_auth key_query_auth[] = {
    {APIGEN_AUTH_API_KEY, APIGEN_IN_QUERY, "api key", "key"}};
static const apigen_security_requirement key_query_security[] = {{key_query_auth, 1}};
static const apigen_auth key_header_auth[] = {
    {APIGEN_AUTH_API_KEY, APIGEN_IN_HEADER, "X-API-Key", "key"}};
static const apigen_security_requirement key_header_security[] = {{key_header_auth, 1}};
static const apigen_auth nameless_auth[] = {{APIGEN_AUTH_API_KEY, APIGEN_IN_QUERY, NULL, "key"},
                                            {APIGEN_AUTH_BEARER, APIGEN_IN_HEADER, "", "token"}};
static const apigen_security_requirement nameless_security[] = {{&nameless_auth[0], 1},
                                                                {&nameless_auth[1], 1}};

static const apigen_operation op_scalars = {.name = "test.scalars",
                                            .method = "POST",
                                            .path = "/v1/{n}/{on}/{x}/{c}",
                                            .path_params = &scalar_path_model,
                                            .query_params = &filters_model,
                                            .header_params = &header_model,
                                            .request = &login_model,
                                            .responses = scalar_responses,
                                            .response_count = 4,
                                            .request_content_type = "application/json",
                                            .request_required = true,
                                            .security = bearer_security,
                                            .security_count = 1};

/* API keys, in the query and in a header; a response with a model but no media type named. */
static const apigen_response untyped_responses[] = {{.status = 200, .model = &error_detail_model}};

static const apigen_operation op_key_query = {.name = "test.keyQuery",
                                              .method = "GET",
                                              .path = "/v1/keyed",
                                              .query_params = &seg_query_model,
                                              .request = &user_model,
                                              .responses = untyped_responses,
                                              .response_count = 1,
                                              .request_content_type = "application/vnd.test+json",
                                              .security = key_query_security,
                                              .security_count = 1};

static const apigen_operation op_key_header = {.name = "test.keyHeader",
                                               .method = "DELETE",
                                               .path = "/v1/keyed",
                                               .security = key_header_security,
                                               .security_count = 1};

/* What the generator refuses but a table written by hand may hold: parameters that are arrays or
 * objects, a template naming no parameter, a sensitive segment, a name needing brackets and a
 * name longer than a path. */
typedef struct odd_path {
    char *dotted;
    char **list;
    size_t list_count;
    char *token;
} odd_path;

typedef struct odd_query {
    error_detail detail;
    bool has_detail;
    bool flag;
    bool has_flag;
} odd_query;

static char long_name[300];

static const apigen_field odd_path_fields[] = {
    {.name = "a.b", .kind = APIGEN_KIND_STRING, .flags = APIGEN_F_REQUIRED},
    {.name = "list",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_ARRAY,
     .offset = offsetof(odd_path, list),
     .count_offset = offsetof(odd_path, list_count)},
    {.name = "token",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_SENSITIVE,
     .offset = offsetof(odd_path, token)},
};
static const apigen_model odd_path_model = {
    "odd_path", sizeof(odd_path), odd_path_fields, 3, true, NULL, NULL};
static const apigen_field odd_query_fields[] = {
    {.name = "detail",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(odd_query, detail),
     .has_offset = offsetof(odd_query, has_detail),
     .model = &error_detail_model},
    {.name = long_name,
     .kind = APIGEN_KIND_BOOL,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(odd_query, flag),
     .has_offset = offsetof(odd_query, has_flag)},
};
static const apigen_model odd_query_model = {
    "odd_query", sizeof(odd_query), odd_query_fields, 2, true, NULL, NULL};

static const apigen_operation op_odd = {.name = "test.odd",
                                        .method = "GET",
                                        .path = "/v1/{a.b}/{list}/{token}/{nothing}",
                                        .path_params = &odd_path_model,
                                        .query_params = &odd_query_model};

/* GET /v1/s with a query parameter of each style (apigen_query_style): form exploded (the
 * default, no table row needed), form not exploded, spaceDelimited, pipeDelimited, an integer
 * array and a deepObject; the table below gives each its row. */
typedef struct deep_filter {
    char *status;
    char *label;
    int64_t page;
    bool has_page;
} deep_filter;

typedef struct styles_query {
    char **form;
    size_t form_count;
    char **csv;
    size_t csv_count;
    char **ssv;
    size_t ssv_count;
    char **psv;
    size_t psv_count;
    int64_t *ids;
    size_t ids_count;
    deep_filter filter;
    bool has_filter;
} styles_query;

static const apigen_field deep_filter_fields[] = {
    {.name = "status", .kind = APIGEN_KIND_STRING, .offset = offsetof(deep_filter, status)},
    {.name = "label", .kind = APIGEN_KIND_STRING, .offset = offsetof(deep_filter, label)},
    {.name = "page",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(deep_filter, page),
     .has_offset = offsetof(deep_filter, has_page)},
};
static const apigen_model deep_filter_model = {
    "deep_filter", sizeof(deep_filter), deep_filter_fields, 3, false, NULL, NULL};

#define STYLES_ARRAY(field, json)                                                                  \
    {                                                                                              \
        .name = json, .kind = APIGEN_KIND_STRING, .flags = APIGEN_F_ARRAY,                         \
        .offset = offsetof(styles_query, field),                                                   \
        .count_offset = offsetof(styles_query, field##_count)                                      \
    }

static const apigen_field styles_query_fields[] = {
    STYLES_ARRAY(form, "form"),
    STYLES_ARRAY(csv, "csv"),
    STYLES_ARRAY(ssv, "ssv"),
    STYLES_ARRAY(psv, "psv"),
    {.name = "ids",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(styles_query, ids),
     .count_offset = offsetof(styles_query, ids_count)},
    {.name = "filter",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(styles_query, filter),
     .has_offset = offsetof(styles_query, has_filter),
     .model = &deep_filter_model},
};
static const apigen_model styles_query_model = {
    "styles_query", sizeof(styles_query), styles_query_fields, 6, true, NULL, NULL};
static const apigen_param_style styles_rows[] = {
    {APIGEN_STYLE_FORM, true},
    {APIGEN_STYLE_FORM, false},
    {APIGEN_STYLE_SPACE_DELIMITED, false},
    {APIGEN_STYLE_PIPE_DELIMITED, false},
    {APIGEN_STYLE_FORM, true},
    {APIGEN_STYLE_DEEP_OBJECT, true},
};
static const apigen_operation op_styles = {.name = "test.styles",
                                           .method = "GET",
                                           .path = "/v1/s",
                                           .query_params = &styles_query_model,
                                           .query_styles = styles_rows};

/* GET /v1/tags/{tags} with header X-Ids: arrays in style simple (items joined by ','). */
typedef struct simple_path {
    char **tags;
    size_t tags_count;
} simple_path;

typedef struct simple_header {
    int64_t *ids;
    size_t ids_count;
} simple_header;

static const apigen_field simple_path_fields[] = {
    {.name = "tags",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_ARRAY,
     .offset = offsetof(simple_path, tags),
     .count_offset = offsetof(simple_path, tags_count)}};
static const apigen_model simple_path_model = {
    "simple_path", sizeof(simple_path), simple_path_fields, 1, true, NULL, NULL};
static const apigen_field simple_header_fields[] = {
    {.name = "X-Ids",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(simple_header, ids),
     .count_offset = offsetof(simple_header, ids_count)}};
static const apigen_model simple_header_model = {
    "simple_header", sizeof(simple_header), simple_header_fields, 1, true, NULL, NULL};
static const apigen_operation op_simple = {.name = "test.simple",
                                           .method = "GET",
                                           .path = "/v1/tags/{tags}",
                                           .path_params = &simple_path_model,
                                           .header_params = &simple_header_model};

/* GET /v1/me with cookie parameters, and a header parameter named Cookie (one field holds
 * both: RFC 6265 section 5.4). */
typedef struct me_cookies {
    char *session;
    int64_t n;
    bool has_n;
} me_cookies;

typedef struct me_headers {
    char *cookie;
} me_headers;

static const apigen_field me_cookies_fields[] = {{.name = "session",
                                                  .kind = APIGEN_KIND_STRING,
                                                  .flags = APIGEN_F_REQUIRED | APIGEN_F_SENSITIVE,
                                                  .offset = offsetof(me_cookies, session)},
                                                 {.name = "n",
                                                  .kind = APIGEN_KIND_INT64,
                                                  .flags = APIGEN_F_HAS,
                                                  .offset = offsetof(me_cookies, n),
                                                  .has_offset = offsetof(me_cookies, has_n)}};
static const apigen_model me_cookies_model = {
    "me_cookies", sizeof(me_cookies), me_cookies_fields, 2, false, NULL, NULL};
static const apigen_field me_headers_fields[] = {
    {.name = "Cookie", .kind = APIGEN_KIND_STRING, .offset = offsetof(me_headers, cookie)}};
static const apigen_model me_headers_model = {
    "me_headers", sizeof(me_headers), me_headers_fields, 1, false, NULL, NULL};
static const apigen_operation op_me = {.name = "test.me",
                                       .method = "GET",
                                       .path = "/v1/me",
                                       .header_params = &me_headers_model,
                                       .cookie_params = &me_cookies_model};

/* ---------------------------------------------------------------- helpers ---- */

/* POST /v1/customers with an application/x-www-form-urlencoded body (APIGEN_BODY_FORM):
 * scalars, arrays in each style, a nested object holding an object and an array, a map, a
 * sensitive member. */
typedef struct form_geo {
    double lat;
} form_geo;

typedef struct form_address {
    char *line;
    form_geo geo;
    bool has_geo;
    int64_t *codes;
    size_t codes_count;
} form_address;

typedef struct form_meta_entry {
    char *key;
    char *value;
} form_meta_entry;

typedef struct form_body {
    char *name;
    int64_t age;
    bool has_age;
    double ratio;
    bool has_ratio;
    bool active;
    bool has_active;
    char **tags;
    size_t tags_count;
    char **csv;
    size_t csv_count;
    char **expand;
    size_t expand_count;
    form_address address;
    bool has_address;
    form_meta_entry *metadata;
    size_t metadata_count;
    char *pin;
    cJSON *extra;
} form_body;

static const apigen_field form_geo_fields[] = {
    {.name = "lat", .kind = APIGEN_KIND_DOUBLE, .offset = offsetof(form_geo, lat)}};
static const apigen_model form_geo_model = {
    "form_geo", sizeof(form_geo), form_geo_fields, 1, false, NULL, NULL};
static const apigen_field form_address_fields[] = {
    {.name = "line", .kind = APIGEN_KIND_STRING, .offset = offsetof(form_address, line)},
    {.name = "geo",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(form_address, geo),
     .has_offset = offsetof(form_address, has_geo),
     .model = &form_geo_model},
    {.name = "codes",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(form_address, codes),
     .count_offset = offsetof(form_address, codes_count)},
};
static const apigen_model form_address_model = {
    "form_address", sizeof(form_address), form_address_fields, 3, false, NULL, NULL};

#define FORM_HAS(json, k, member)                                                                  \
    {                                                                                              \
        .name = json, .kind = k, .flags = APIGEN_F_HAS, .offset = offsetof(form_body, member),     \
        .has_offset = offsetof(form_body, has_##member)                                            \
    }
#define FORM_ARRAY(member)                                                                         \
    {                                                                                              \
        .name = #member, .kind = APIGEN_KIND_STRING, .flags = APIGEN_F_ARRAY,                      \
        .offset = offsetof(form_body, member), .count_offset = offsetof(form_body, member##_count) \
    }

static const apigen_field form_body_fields[] = {
    {.name = "name",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(form_body, name)},
    FORM_HAS("age", APIGEN_KIND_INT64, age),
    FORM_HAS("ratio", APIGEN_KIND_DOUBLE, ratio),
    FORM_HAS("active", APIGEN_KIND_BOOL, active),
    FORM_ARRAY(tags),
    FORM_ARRAY(csv),
    FORM_ARRAY(expand),
    {.name = "address",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(form_body, address),
     .has_offset = offsetof(form_body, has_address),
     .model = &form_address_model},
    {.name = "metadata",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_MAP,
     .offset = offsetof(form_body, metadata),
     .count_offset = offsetof(form_body, metadata_count),
     .entry_size = sizeof(form_meta_entry),
     .value_offset = offsetof(form_meta_entry, value)},
    {.name = "pin",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_SENSITIVE,
     .offset = offsetof(form_body, pin)},
    {.name = "extra", .kind = APIGEN_KIND_ANY, .offset = offsetof(form_body, extra)},
};
static const apigen_model form_body_model = {
    "form_body", sizeof(form_body), form_body_fields, 11, true, NULL, NULL};
static const apigen_param_style form_rows[] = {
    {APIGEN_STYLE_FORM, true},        {APIGEN_STYLE_FORM, true},        {APIGEN_STYLE_FORM, true},
    {APIGEN_STYLE_FORM, true},        {APIGEN_STYLE_FORM, true},        {APIGEN_STYLE_FORM, false},
    {APIGEN_STYLE_DEEP_OBJECT, true}, {APIGEN_STYLE_DEEP_OBJECT, true}, {APIGEN_STYLE_FORM, true},
    {APIGEN_STYLE_FORM, true},        {APIGEN_STYLE_FORM, true},
};
static const apigen_operation op_form = {.name = "test.form",
                                         .method = "POST",
                                         .path = "/v1/customers",
                                         .request = &form_body_model,
                                         .request_content_type =
                                             "application/x-www-form-urlencoded",
                                         .request_required = true,
                                         .request_format = APIGEN_BODY_FORM,
                                         .request_styles = form_rows};

/* POST /v1/files with a multipart/form-data body (APIGEN_BODY_MULTIPART): a text part, an
 * integer, an array (a part per item), a file, a sensitive text part. */
typedef struct upload_body {
    char *title;
    int64_t size;
    bool has_size;
    char **labels;
    size_t labels_count;
    apigen_file file;
    char *token;
    cJSON *meta;
} upload_body;

static const apigen_field upload_fields[] = {
    {.name = "title",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(upload_body, title)},
    {.name = "size",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(upload_body, size),
     .has_offset = offsetof(upload_body, has_size)},
    {.name = "labels",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(upload_body, labels),
     .count_offset = offsetof(upload_body, labels_count)},
    {.name = "file",
     .kind = APIGEN_KIND_FILE,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(upload_body, file)},
    {.name = "token",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_SENSITIVE,
     .offset = offsetof(upload_body, token)},
    {.name = "meta", .kind = APIGEN_KIND_ANY, .offset = offsetof(upload_body, meta)},
};
static const apigen_model upload_model = {
    "upload_body", sizeof(upload_body), upload_fields, 6, true, NULL, NULL};
static const char *const upload_types[] = {NULL, NULL, NULL, "image/png", NULL, NULL};
static const apigen_operation op_upload = {.name = "test.upload",
                                           .method = "POST",
                                           .path = "/v1/files",
                                           .request = &upload_model,
                                           .request_content_type = "multipart/form-data",
                                           .request_required = true,
                                           .request_format = APIGEN_BODY_MULTIPART,
                                           .request_part_types = upload_types};

static const char base[] = "http://h.test/api/";

/* The URL of op_seg for id and q (NULL: absent), or NULL when refused (errs filled). */
static char *seg_url(const char *id, const char *q, apigen_errors *errs)
{
    seg_path p = {(char *)id};
    seg_query qu = {(char *)q};
    apigen_request r;
    if (apigen_request_build(&op_seg, base, NULL, &p, &qu, NULL, NULL, &r, errs) != 0)
        return NULL;
    char *url = strdup(r.url);
    apigen_request_free(&r);
    return url;
}

/* Whether op_seg refuses id with code at path, leaving out empty. */
static bool seg_refused(const char *id, apigen_code code, const char *path)
{
    seg_path p = {(char *)id};
    apigen_request r;
    memset(&r, 0xAB, sizeof r);
    apigen_errors errs;
    int rc = apigen_request_build(&op_seg, base, NULL, &p, NULL, NULL, NULL, &r, &errs);
    return rc == -1 && has_error(&errs, code, path) && all_zero(&r, sizeof r);
}

/* The value of header name in r, or NULL; *sensitive gets its flag. */
static const char *header_value(const apigen_request *r, const char *name, bool *sensitive)
{
    for (size_t i = 0; i < r->header_count; i++)
        if (strcmp(r->headers[i].name, name) == 0) {
            if (sensitive)
                *sensitive = r->headers[i].sensitive;
            return r->headers[i].value;
        }
    return NULL;
}

/* Whether no violation message or path of errs holds s. */
static bool errs_never_show(const apigen_errors *errs, const char *s)
{
    for (size_t i = 0; i < errs->count; i++)
        if (strstr(errs->items[i].message, s) || strstr(errs->items[i].path, s))
            return false;
    return true;
}

/* A valid op_scalars request's parts. */
static scalar_path a_path(void)
{
    return (scalar_path){.n = 1, .on = true, .x = 0.5, .c = COLOR_RED};
}

static login a_login(void)
{
    return (login){.user = "jane", .creds = {.password = "hunter2"}, .has_creds = true};
}

/* The URL of op_scalars with path p and query q, or NULL (errs filled). */
static char *scalars_url(const scalar_path *p, const filters *q, apigen_errors *errs)
{
    login body = a_login();
    apigen_request r;
    if (apigen_request_build(&op_scalars, base, "tok", p, q, NULL, &body, &r, errs) != 0)
        return NULL;
    char *url = strdup(r.url);
    apigen_request_free(&r);
    return url;
}

#define CHECK_URL(got, want)                                                                       \
    do {                                                                                           \
        char *url_ = (got);                                                                        \
        CHECK_STR(url_, want);                                                                     \
        free(url_);                                                                                \
    } while (0)

/* ------------------------------------------------------------------ paths ---- */

static void path_segments_are_percent_encoded(void)
{
    static const char *const cases[][2] = {
        {"a/b", "a%2Fb"},
        {"../x", "..%2Fx"},
        {"?", "%3F"},
        {"#", "%23"},
        {"%", "%25"},
        {"%2F", "%252F"},
        {" ", "%20"},
        {"a+b", "a%2Bb"},
        {"\xc3\xa9", "%C3%A9"},                             /* é */
        {"\xe6\x97\xa5\xe6\x9c\xac", "%E6%97%A5%E6%9C%AC"}, /* 日本 */
        {"AZaz09-._~", "AZaz09-._~"},
        {"...", "..."},
        {".a", ".a"},
        {"\t:@!$&'()*+,;=", "%09%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D"},
        {"\x7f", "%7F"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "http://h.test/api/v1/items/%s", cases[i][1]);
        apigen_errors errs;
        CHECK_URL(seg_url(cases[i][0], NULL, &errs), want);
    }
}

static void dot_and_empty_segments_are_refused(void)
{
    CHECK(seg_refused(".", APIGEN_E_FORMAT, "path.id"));
    CHECK(seg_refused("..", APIGEN_E_FORMAT, "path.id"));
    CHECK(seg_refused("", APIGEN_E_FORMAT, "path.id"));
    CHECK(seg_refused(NULL, APIGEN_E_REQUIRED, "path.id"));
    CHECK(seg_refused("\xff", APIGEN_E_ENCODING, "path.id"));
}

static void base_url_loses_one_trailing_slash(void)
{
    seg_path p = {"x"};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_seg, "http://h.test", NULL, &p, NULL, NULL, NULL, &r, &errs) ==
          0);
    CHECK_STR(r.url, "http://h.test/v1/items/x");
    CHECK_STR(r.url_redacted, "http://h.test/v1/items/x");
    CHECK_STR(r.method, "GET");
    CHECK(r.op == &op_seg);
    CHECK(r.header_count == 0 && r.body == NULL && r.body_redacted == NULL);
    apigen_request_free(&r);
}

/* ------------------------------------------------------ parameter text ---- */

static void scalars_are_written_exactly(void)
{
    apigen_errors errs;
    scalar_path p = {.n = INT64_MIN, .on = true, .x = 0.1, .c = COLOR_GREEN};
    CHECK_URL(scalars_url(&p, NULL, &errs),
              "http://h.test/api/v1/-9223372036854775808/true/0.1/green");
    p = (scalar_path){.n = INT64_MAX, .on = false, .x = 1e300, .c = COLOR_BLUE};
    CHECK_URL(scalars_url(&p, NULL, &errs),
              "http://h.test/api/v1/9223372036854775807/false/1e%2B300/blue");
    p = (scalar_path){.n = INT64_C(9007199254740993), .on = true, .x = -0.0, .c = COLOR_RED};
    CHECK_URL(scalars_url(&p, NULL, &errs), "http://h.test/api/v1/9007199254740993/true/0/red");
    p = (scalar_path){.n = -1, .on = true, .x = 9007199254740993.0, .c = COLOR_RED};
    CHECK_URL(scalars_url(&p, NULL, &errs), "http://h.test/api/v1/-1/true/9007199254740992/red");
    p = (scalar_path){.n = 0, .on = true, .x = -2.5e-8, .c = COLOR_RED};
    CHECK_URL(scalars_url(&p, NULL, &errs), "http://h.test/api/v1/0/true/-2.5e-08/red");
    p = (scalar_path){.n = 0, .on = true, .x = 1.0 / 3, .c = COLOR_RED};
    CHECK_URL(scalars_url(&p, NULL, &errs), "http://h.test/api/v1/0/true/0.3333333333333333/red");
}

static void absent_optional_query_parameters_are_omitted(void)
{
    apigen_errors errs;
    scalar_path p = a_path();
    filters q = {0};
    CHECK_URL(scalars_url(&p, &q, &errs), "http://h.test/api/v1/1/true/0.5/red");
    CHECK_URL(scalars_url(&p, NULL, &errs), "http://h.test/api/v1/1/true/0.5/red");
}

static void present_zero_false_and_empty_are_sent(void)
{
    apigen_errors errs;
    scalar_path p = a_path();
    filters q = {.q = "",
                 .has_flag = true,
                 .flag = false,
                 .has_count = true,
                 .count = 0,
                 .has_ratio = true,
                 .ratio = 0};
    CHECK_URL(scalars_url(&p, &q, &errs),
              "http://h.test/api/v1/1/true/0.5/red?q=&flag=false&count=0&ratio=0");
    q = (filters){.q = "a b&c=d+e", .has_flag = true, .flag = true, .c = COLOR_BLUE};
    CHECK_URL(scalars_url(&p, &q, &errs),
              "http://h.test/api/v1/1/true/0.5/red?q=a%20b%26c%3Dd%2Be&flag=true&c=blue");
}

/* ---------------------------------------------------------------- headers ---- */

static void headers_name_media_types_auth_and_parameters(void)
{
    scalar_path p = a_path();
    filters q = {.key = "k s"};
    header_params h = {.trace = "a b/\xc3\xa9%20\t", .secret = "s3", .has_count = true, .count = 7};
    login body = a_login();
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_scalars, base, "tok", &p, &q, &h, &body, &r, &errs) == 0);
    CHECK(r.header_count == 6);
    bool sensitive = true;
    CHECK_STR(r.headers[0].name, "Accept");
    CHECK_STR(header_value(&r, "Accept", &sensitive), "application/json, application/problem+json");
    CHECK(!sensitive);
    CHECK_STR(header_value(&r, "Content-Type", &sensitive), "application/json");
    CHECK(!sensitive);
    CHECK_STR(header_value(&r, "Authorization", &sensitive), "Bearer tok");
    CHECK(sensitive);
    CHECK_STR(header_value(&r, "X-Trace", &sensitive), "a b/\xc3\xa9%20\t");
    CHECK(!sensitive);
    CHECK_STR(header_value(&r, "Secret", &sensitive), "s3");
    CHECK(sensitive);
    CHECK_STR(header_value(&r, "X-Count", &sensitive), "7");
    CHECK_STR(r.url, "http://h.test/api/v1/1/true/0.5/red?key=k%20s");
    CHECK_STR(r.url_redacted, "http://h.test/api/v1/1/true/0.5/red?key=***");
    apigen_request_free(&r);
}

static void accept_is_json_when_untyped_and_absent_without_bodies(void)
{
    seg_query q = {"x"};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_key_query, base, "k", NULL, &q, NULL, NULL, &r, &errs) == 0);
    CHECK(r.header_count == 1);
    CHECK_STR(header_value(&r, "Accept", NULL), "application/json");
    apigen_request_free(&r);
    CHECK(apigen_request_build(&op_key_header, base, "k", NULL, NULL, NULL, NULL, &r, &errs) == 0);
    CHECK(header_value(&r, "Accept", NULL) == NULL);
    apigen_request_free(&r);
}

/* Whether op_scalars refuses header parameters h (or the credential) with code at path, no
 * value shown. */
static bool header_refused(const header_params *h, const char *credential, const char *path,
                           const char *secret)
{
    scalar_path p = a_path();
    login body = a_login();
    apigen_request r;
    apigen_errors errs;
    memset(&r, 0x5A, sizeof r);
    int rc = apigen_request_build(&op_scalars, base, credential, &p, NULL, h, &body, &r, &errs);
    return rc == -1 && errs.count == 1 && has_error(&errs, APIGEN_E_FORMAT, path) &&
           errs_never_show(&errs, secret) && all_zero(&r, sizeof r);
}

static void header_injection_is_refused(void)
{
    static const char *const bad[] = {"evil\r\nX-Admin: 1", "evil\nX: 1", "evil\r",
                                      "evil\x01",           "evil\x7f",   "evil\x1b[2J"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        header_params h = {.trace = (char *)bad[i]};
        CHECK(header_refused(&h, "tok", "header['X-Trace']", "evil"));
        header_params s = {.secret = (char *)bad[i]};
        CHECK(header_refused(&s, "tok", "header.Secret", "evil"));
        CHECK(header_refused(NULL, bad[i], "auth", "evil"));
    }
}

static void credential_is_required_and_never_shown(void)
{
    scalar_path p = a_path();
    login body = a_login();
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_scalars, base, NULL, &p, NULL, NULL, &body, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_REQUIRED, "auth"));
    CHECK(apigen_request_build(&op_scalars, base, "", &p, NULL, NULL, &body, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_REQUIRED, "auth"));
    CHECK(apigen_request_build(&op_key_header, base, NULL, NULL, NULL, NULL, NULL, &r, &errs) ==
          -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "auth"));
    /* an operation without auth ignores a credential */
    seg_path sp = {"x"};
    CHECK(apigen_request_build(&op_seg, base, "tok", &sp, NULL, NULL, NULL, &r, &errs) == 0);
    CHECK(r.header_count == 0 && r.url != NULL && strstr(r.url, "tok") == NULL);
    apigen_request_free(&r);
}

static void api_keys_go_in_query_or_header(void)
{
    seg_query q = {"x"};
    user u = {.id = "5f1a2b3c4d5e6f708192a3b4"};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_key_query, base, "s k&", NULL, &q, NULL, &u, &r, &errs) == 0);
    CHECK_STR(r.url, "http://h.test/api/v1/keyed?q=x&api%20key=s%20k%26");
    CHECK_STR(r.url_redacted, "http://h.test/api/v1/keyed?q=x&api%20key=***");
    CHECK_STR(header_value(&r, "Content-Type", NULL), "application/vnd.test+json");
    CHECK(header_value(&r, "api key", NULL) == NULL);
    CHECK_STR(r.body, "{\"id\":\"5f1a2b3c4d5e6f708192a3b4\"}");
    CHECK(r.body != NULL && r.body_len == strlen(r.body));
    CHECK(r.body_redacted == NULL); /* nothing sensitive in the model */
    apigen_request_free(&r);
    /* an optional body not given: none sent, no Content-Type */
    CHECK(apigen_request_build(&op_key_query, base, "s", NULL, NULL, NULL, NULL, &r, &errs) == 0);
    CHECK_STR(r.url, "http://h.test/api/v1/keyed?api%20key=s");
    CHECK(r.body == NULL && header_value(&r, "Content-Type", NULL) == NULL);
    apigen_request_free(&r);
    CHECK(apigen_request_build(&op_key_header, base, "s\tk", NULL, NULL, NULL, NULL, &r, &errs) ==
          0);
    bool sensitive = false;
    CHECK_STR(header_value(&r, "X-API-Key", &sensitive), "s\tk");
    CHECK(sensitive);
    CHECK_STR(r.url, "http://h.test/api/v1/keyed");
    CHECK_STR(r.method, "DELETE");
    apigen_request_free(&r);
}

/* ------------------------------------------------------ security schemes ---- */

/* GET /v1/multi: OpenAPI `security: [{basic: [], session: [], tenant: []}, {oauth: []}]`: basic
 * auth, a session cookie and a tenant cookie together, or an OAuth 2 token. */
static const apigen_auth multi_auth[] = {
    {APIGEN_AUTH_BASIC, APIGEN_IN_HEADER, "Authorization", "basic"},
    {APIGEN_AUTH_API_KEY, APIGEN_IN_COOKIE, "session", "session"},
    {APIGEN_AUTH_API_KEY, APIGEN_IN_COOKIE, "tenant", "tenant"},
    {APIGEN_AUTH_BEARER, APIGEN_IN_HEADER, "Authorization", "oauth"}};
static const apigen_security_requirement multi_security[] = {{&multi_auth[0], 3},
                                                             {&multi_auth[3], 1}};
static const apigen_operation op_multi = {.name = "test.multi",
                                          .method = "GET",
                                          .path = "/v1/multi",
                                          .security = multi_security,
                                          .security_count = 2};

/* Credentials by scheme name, for apigen_request_build_with: a NULL-terminated list of
 * "scheme=credential"; asked counts the calls. */
typedef struct wallet {
    const char *const *entries;
    int asked;
} wallet;

static int from_wallet(void *ctx, const char *scheme, char *buf, size_t size)
{
    wallet *w = ctx;
    w->asked++;
    size_t n = strlen(scheme);
    for (const char *const *e = w->entries; *e != NULL; e++)
        if (strncmp(*e, scheme, n) == 0 && (*e)[n] == '=') {
            snprintf(buf, size, "%s", *e + n + 1);
            return 0;
        }
    return -1;
}

static int build_multi(const char *const *entries, apigen_request *r, apigen_errors *errs,
                       int *asked)
{
    wallet w = {entries, 0};
    int rc = apigen_request_build_with(&op_multi, base, from_wallet, &w, NULL, NULL, NULL, NULL,
                                       NULL, r, errs);
    if (asked != NULL)
        *asked = w.asked;
    return rc;
}

/* RFC 7617 section 2's example: "Aladdin:open sesame" is "QWxhZGRpbjpvcGVuIHNlc2FtZQ==". */
static void basic_and_cookies_are_sent_together(void)
{
    static const char *const all[] = {"basic=Aladdin:open sesame", "session=s3ss", "tenant=t-1",
                                      "oauth=tok", NULL};
    apigen_request r;
    apigen_errors errs;
    int asked = 0;
    CHECK(build_multi(all, &r, &errs, &asked) == 0);
    CHECK(asked == 3); /* the first requirement is complete: oauth never asked */
    bool sensitive = false;
    CHECK_STR(header_value(&r, "Authorization", &sensitive), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    CHECK(sensitive);
    sensitive = false;
    CHECK_STR(header_value(&r, "Cookie", &sensitive), "session=s3ss; tenant=t-1");
    CHECK(sensitive);
    CHECK(r.header_count == 2);
    apigen_request_free(&r);
}

/* The first requirement lacks the tenant cookie: the OAuth 2 token is sent instead (OR). */
static void the_first_complete_requirement_is_sent(void)
{
    static const char *const some[] = {"basic=a:b", "session=s", "oauth=tok", NULL};
    apigen_request r;
    apigen_errors errs;
    int asked = 0;
    CHECK(build_multi(some, &r, &errs, &asked) == 0);
    CHECK(asked == 4);
    CHECK_STR(header_value(&r, "Authorization", NULL), "Bearer tok");
    CHECK(header_value(&r, "Cookie", NULL) == NULL);
    CHECK(r.header_count == 1);
    apigen_request_free(&r);
}

/* One scheme of the AND set missing and no other requirement complete: a violation at "auth"
 * naming the scheme, no credential shown, nothing built. */
static void a_missing_scheme_of_an_and_set_is_a_violation(void)
{
    static const char *const partial[] = {"basic=a:s3cret", "session=s3ss", NULL};
    apigen_request r;
    apigen_errors errs;
    CHECK(build_multi(partial, &r, &errs, NULL) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_REQUIRED, "auth"));
    CHECK(strstr(errs.items[0].message, "scheme tenant") != NULL);
    CHECK(errs_never_show(&errs, "s3cret") && errs_never_show(&errs, "s3ss"));
    CHECK(all_zero(&r, sizeof r));
    static const char *const none[] = {NULL};
    CHECK(build_multi(none, &r, &errs, NULL) == -1);
    CHECK(errs.count == 1 && strstr(errs.items[0].message, "scheme basic") != NULL);
    /* a static credential stands for every scheme: the first requirement is sent */
    CHECK(apigen_request_build(&op_multi, base, "u:p", NULL, NULL, NULL, NULL, &r, &errs) == 0);
    CHECK_STR(header_value(&r, "Authorization", NULL), "Basic dTpw");
    CHECK_STR(header_value(&r, "Cookie", NULL), "session=u:p; tenant=u:p");
    apigen_request_free(&r);
}

/* What the schemes cannot carry: a basic credential without ':' (RFC 7617 section 2), a cookie
 * value with a byte outside cookie-octet (RFC 6265 section 4.1.1: no ';' that would start
 * another cookie), a credential of APIGEN_CREDENTIAL_MAX bytes. Never shown. */
static void credentials_the_scheme_cannot_carry_are_refused(void)
{
    static const char *const no_colon[] = {"basic=s3cret", "session=s", "tenant=t", NULL};
    static const char *const semicolon[] = {"basic=a:b", "session=s3cret; admin=1", "tenant=t",
                                            NULL};
    static const char *const space[] = {"basic=a:b", "session=s", "tenant=s3cret x", NULL};
    static const char *const quote[] = {"basic=a:b", "session=\"s3cret\"", "tenant=t", NULL};
    static const char *const utf8[] = {"basic=a:b", "session=s3cret\xc3\xa9", "tenant=t", NULL};
    static const char *const control[] = {"basic=a:s3cret\r\nX: 1", "session=s", "tenant=t", NULL};
    const char *const *bad[] = {no_colon, semicolon, space, quote, utf8, control};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        apigen_request r;
        apigen_errors errs;
        CHECK(build_multi(bad[i], &r, &errs, NULL) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_FORMAT, "auth"));
        CHECK(errs_never_show(&errs, "s3cret"));
        CHECK(all_zero(&r, sizeof r));
    }
}

static int huge_credential(void *ctx, const char *scheme, char *buf, size_t size)
{
    (void)ctx, (void)scheme;
    memset(buf, 'a', size); /* no NUL */
    return 0;
}

static void a_credential_filling_the_buffer_is_refused(void)
{
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build_with(&op_multi, base, huge_credential, NULL, NULL, NULL, NULL, NULL,
                                    NULL, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_MAX_LENGTH, "auth"));
    CHECK(errs_never_show(&errs, "aaaa"));
    /* no credential_fn: no credential at all */
    CHECK(apigen_request_build_with(&op_multi, base, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &r,
                                    &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "auth"));
}

/* For basic_oracle.py: reads "user-id:password" strings, one per line in hex, and prints the
 * Authorization value op_multi's basic scheme sends for each, or "refused". */
static int print_basic(void)
{
    static char line[1 << 14], s[1 << 13];
    while (fgets(line, sizeof line, stdin) != NULL) {
        hex_decode(line, s, sizeof s);
        apigen_request r;
        apigen_errors errs;
        const char *entries[] = {NULL, "session=s", "tenant=t", NULL};
        char entry[sizeof s + 8];
        snprintf(entry, sizeof entry, "basic=%s", s);
        entries[0] = entry;
        if (build_multi(entries, &r, &errs, NULL) != 0) {
            printf("refused\n");
            continue;
        }
        printf("%s\n", header_value(&r, "Authorization", NULL));
        apigen_request_free(&r);
    }
    return 0;
}

/* ------------------------------------------------------------------- body ---- */

static void body_is_printed_and_redacted_when_sensitive(void)
{
    scalar_path p = a_path();
    login body = a_login();
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_scalars, base, "tok", &p, NULL, NULL, &body, &r, &errs) == 0);
    CHECK_STR(r.body, "{\"user\":\"jane\",\"creds\":{\"password\":\"hunter2\"}}");
    CHECK(r.body != NULL && r.body_len == strlen(r.body));
    CHECK_STR(r.body_redacted, "{\"user\":\"jane\",\"creds\":{\"password\":\"***\"}}");
    apigen_request_free(&r);
    /* the caller's structs are read, never kept or changed */
    CHECK_STR(body.user, "jane");
    CHECK(p.n == 1);
}

/* Blocks freed while holding a secret, seen by a cJSON free hook (malloc_usable_size: the block
 * as the allocator has it, which may be longer than what was asked). */
static size_t secrets_freed;

static void free_checking_secrets(void *p)
{
    if (p != NULL) {
        size_t n = malloc_usable_size(p);
        if (memmem(p, n, "hunter2", 7) != NULL || memmem(p, n, "t0ken-W", 7) != NULL)
            secrets_freed++;
    }
    free(p);
}

/* apigen_request_free wipes the URL (an API key), sensitive header values (the bearer token) and a
 * body with sensitive members before freeing them. */
static void request_free_wipes_secrets(void)
{
    static cJSON_Hooks hooks = {malloc, free_checking_secrets};
    scalar_path p = a_path();
    login body = a_login();
    seg_query q = {"x"};
    user u = {.id = "5f1a2b3c4d5e6f708192a3b4"};
    apigen_request r;
    apigen_errors errs;
    secrets_freed = 0;
    cJSON_InitHooks(&hooks);
    CHECK(apigen_request_build(&op_scalars, base, "t0ken-W", &p, NULL, NULL, &body, &r, &errs) ==
          0);
    apigen_request_free(&r);
    CHECK(apigen_request_build(&op_key_query, base, "t0ken-W", NULL, &q, NULL, &u, &r, &errs) == 0);
    apigen_request_free(&r);
    cJSON_InitHooks(NULL);
    CHECK(secrets_freed == 0);
}

/* ------------------------------------------------------------- violations ---- */

static void violations_are_rooted_at_their_group(void)
{
    scalar_path p = a_path();
    p.x = 1e302;
    filters q = {.has_count = true, .count = 101};
    header_params h = {.has_count = true, .count = 11, .secret = "a\nb"};
    login body = {.user = ""};
    apigen_request r;
    apigen_errors errs;
    memset(&r, 0x11, sizeof r);
    CHECK(apigen_request_build(&op_scalars, base, NULL, &p, &q, &h, &body, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAXIMUM, "path.x"));
    CHECK(has_error(&errs, APIGEN_E_MAXIMUM, "query.count"));
    CHECK(has_error(&errs, APIGEN_E_MAXIMUM, "header['X-Count']"));
    CHECK(has_error(&errs, APIGEN_E_FORMAT, "header.Secret"));
    CHECK(has_error(&errs, APIGEN_E_MIN_LENGTH, "body.user"));
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "auth"));
    CHECK(errs.count == 6 && errs.total == 6);
    CHECK(all_zero(&r, sizeof r));
    CHECK(apigen_request_build(&op_scalars, base, "t", &p, &q, &h, &body, &r, NULL) == -1);
    CHECK(all_zero(&r, sizeof r));
}

/* Violations beyond APIGEN_ERRORS_MAX are counted in total, across groups. */
static void violations_beyond_capacity_are_counted(void)
{
    static const apigen_operation op = {.name = "test.bulk",
                                        .method = "PUT",
                                        .path = "/v1/bulk",
                                        .request = &users_response_model,
                                        .request_required = true,
                                        .security = bearer_security,
                                        .security_count = 1};
    user users[40];
    memset(users, 0, sizeof users);
    users_response body = {.status = true, .data = users, .data_count = 40};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op, base, NULL, NULL, NULL, NULL, &body, &r, &errs) == -1);
    CHECK(errs.count == APIGEN_ERRORS_MAX);
    CHECK(errs.total == 41);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "body.data[31].id"));
    CHECK(all_zero(&r, sizeof r));
}

static void missing_groups_are_reported(void)
{
    login body = a_login();
    scalar_path p = a_path();
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_scalars, base, "t", NULL, NULL, NULL, NULL, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "path"));
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "body"));
    CHECK(errs.count == 2);
    CHECK(apigen_request_build(&op_scalars, base, "t", &p, NULL, NULL, NULL, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_REQUIRED, "body"));
    CHECK(apigen_request_build(&op_scalars, base, "t", NULL, NULL, NULL, &body, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_REQUIRED, "path"));
}

static void odd_tables_are_violations_not_crashes(void)
{
    memset(long_name, 'k', sizeof long_name - 1);
    char *items[] = {"a"};
    odd_path p = {.dotted = "..", .list = items, .list_count = 1, .token = "t0p"};
    odd_query q = {.has_detail = true, .has_flag = true};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_odd, base, NULL, &p, &q, NULL, NULL, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_FORMAT, "path['a.b']"));
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "path")); /* an array segment is style simple */
    CHECK(has_error(&errs, APIGEN_E_TYPE, "query.detail"));
    CHECK(errs.count == 3);
    CHECK(errs_never_show(&errs, "t0p"));
    CHECK(strstr(errs.items[1].message, "{nothing}") != NULL);
}

/* A table written by hand may name no parameter for its credential: refused at "auth", in the
 * query and in a header alike, without the credential in the message. */
static void auth_without_a_parameter_name_is_a_violation(void)
{
    static const apigen_operation nameless[] = {{.name = "test.q",
                                                 .method = "GET",
                                                 .path = "/q",
                                                 .security = &nameless_security[0],
                                                 .security_count = 1},
                                                {.name = "test.h",
                                                 .method = "GET",
                                                 .path = "/h",
                                                 .security = &nameless_security[1],
                                                 .security_count = 1}};
    for (size_t i = 0; i < 2; i++) {
        apigen_request r;
        apigen_errors errs;
        CHECK(apigen_request_build(&nameless[i], base, "s3cret", NULL, NULL, NULL, NULL, &r,
                                   &errs) == -1);
        CHECK(has_error(&errs, APIGEN_E_REQUIRED, "auth"));
        CHECK(errs.count == 1);
        CHECK(errs_never_show(&errs, "s3cret"));
        CHECK(r.url == NULL && r.headers == NULL);
    }
}

static void no_operation_is_a_violation(void)
{
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(NULL, base, NULL, NULL, NULL, NULL, NULL, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "operation"));
    CHECK(r.url == NULL);
}

static void long_paths_stay_cut(void)
{
    memset(long_name, 'k', sizeof long_name - 1);
    static const apigen_rules never = {.bounds = APIGEN_B_CONST, .const_bool = true};
    static const apigen_field f[] = {
        {.name = long_name, .kind = APIGEN_KIND_BOOL, .flags = APIGEN_F_REQUIRED, .rules = &never}};
    static const apigen_model m = {"long", sizeof(bool), f, 1, false, NULL, NULL};
    static const apigen_operation op = {
        .name = "test.long", .method = "GET", .path = "/x", .header_params = &m};
    bool v = false;
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op, base, NULL, NULL, NULL, &v, NULL, &r, &errs) == -1);
    CHECK(errs.count == 1);
    CHECK(strlen(errs.items[0].path) == APIGEN_PATH_MAX - 1);
    CHECK(strncmp(errs.items[0].path, "header.kkk", 10) == 0);
    CHECK(strcmp(errs.items[0].path + APIGEN_PATH_MAX - 4, "...") == 0);
}

static void sensitive_segments_are_redacted(void)
{
    static const apigen_field f[] = {
        {.name = "token", .kind = APIGEN_KIND_STRING, .flags = APIGEN_F_SENSITIVE}};
    static const apigen_model m = {"secret_path", sizeof(char *), f, 1, true, NULL, NULL};
    static const apigen_operation op = {
        .name = "test.secret", .method = "GET", .path = "/v1/s/{token}/x", .path_params = &m};
    char *token = "t/0p";
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op, base, NULL, &token, NULL, NULL, NULL, &r, &errs) == 0);
    CHECK_STR(r.url, "http://h.test/api/v1/s/t%2F0p/x");
    CHECK_STR(r.url_redacted, "http://h.test/api/v1/s/***/x");
    apigen_request_free(&r);
    token = NULL; /* optional here, yet a path needs it */
    CHECK(apigen_request_build(&op, base, NULL, &token, NULL, NULL, NULL, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "path.token"));
}

/* ------------------------------------------------------------------ memory ---- */

static void free_twice_and_null_are_safe(void)
{
    scalar_path p = a_path();
    login body = a_login();
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_scalars, base, "tok", &p, NULL, NULL, &body, &r, &errs) == 0);
    apigen_request_free(&r);
    CHECK(all_zero(&r, sizeof r));
    apigen_request_free(&r);
    apigen_request_free(NULL);
}

/* A build of op_scalars that allocates everywhere: clean when it succeeds, or when it fails with
 * exactly one APIGEN_E_NO_MEMORY and nothing in out. */
static bool oom_build(void)
{
    scalar_path p = {.n = INT64_MAX, .on = true, .x = 0.1, .c = COLOR_BLUE};
    filters q = {.q = "a b", .has_flag = true, .has_count = true, .count = 5, .key = "k"};
    header_params h = {.trace = "t", .secret = "s", .has_count = true, .count = 1};
    login body = a_login();
    apigen_request r;
    apigen_errors errs;
    int rc = apigen_request_build(&op_scalars, base, "tok", &p, &q, &h, &body, &r, &errs);
    if (!alloc_failed) {
        bool ok = rc == 0 && r.body_redacted != NULL && r.header_count == 6;
        apigen_request_free(&r);
        return ok;
    }
    return rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY &&
           all_zero(&r, sizeof r);
}

static void out_of_memory_is_reported_cleanly_at_every_allocation(void)
{
    fail_each_allocation(oom_build, "request_build");
    hooks_install(-1);
    CHECK(oom_build());
    CHECK(alloc_calls >= 10);
    hooks_reset();
}

/* The URL of op_styles with x and y as the two items of each string array and as the
 * filter's status and label, or NULL with errs filled. */
static char *styles_url(char *x, char *y, apigen_errors *errs)
{
    char *two[] = {x, y};
    styles_query q = {.form = two,
                      .form_count = 2,
                      .csv = two,
                      .csv_count = 2,
                      .ssv = two,
                      .ssv_count = 2,
                      .psv = two,
                      .psv_count = 2,
                      .filter = {.status = x, .label = y},
                      .has_filter = true};
    apigen_request r;
    if (apigen_request_build(&op_styles, base, NULL, NULL, &q, NULL, NULL, &r, errs) != 0)
        return NULL;
    char *url = strdup(r.url);
    apigen_request_free(&r);
    return url;
}

static void query_styles_write_the_openapi_wire_forms(void)
{
    apigen_errors errs;
    char *url = styles_url("a&b", "c/d", &errs);
    CHECK_STR(url, "http://h.test/api/v1/s?form=a%26b&form=c%2Fd&csv=a%26b,c%2Fd&ssv=a%26b%20c%2Fd"
                   "&psv=a%26b%7Cc%2Fd&filter%5Bstatus%5D=a%26b&filter%5Blabel%5D=c%2Fd");
    free(url);
    /* The table's own examples (OpenAPI 3.1 section 4.8.12.5, "color"), and integers. */
    char *colors[] = {"blue", "black", "brown"};
    int64_t ids[] = {3, -4, INT64_MAX};
    styles_query q = {.csv = colors,
                      .csv_count = 3,
                      .ssv = colors,
                      .ssv_count = 3,
                      .psv = colors,
                      .psv_count = 3,
                      .form = colors,
                      .form_count = 0, /* empty: omitted */
                      .ids = ids,
                      .ids_count = 3,
                      .filter = {.page = 2, .has_page = true},
                      .has_filter = true};
    apigen_request r;
    CHECK(apigen_request_build(&op_styles, base, NULL, NULL, &q, NULL, NULL, &r, &errs) == 0);
    CHECK_STR(r.url, "http://h.test/api/v1/s?csv=blue,black,brown&ssv=blue%20black%20brown"
                     "&psv=blue%7Cblack%7Cbrown&ids=3&ids=-4&ids=9223372036854775807"
                     "&filter%5Bpage%5D=2");
    apigen_request_free(&r);
    /* Without a table every field is form, exploded; an object is then no parameter. */
    apigen_operation plain = op_styles;
    plain.query_styles = NULL;
    CHECK(apigen_request_build(&plain, base, NULL, NULL, &q, NULL, NULL, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "query.filter"));
    q.has_filter = false;
    CHECK(apigen_request_build(&plain, base, NULL, NULL, &q, NULL, NULL, &r, &errs) == 0);
    CHECK_STR(r.url, "http://h.test/api/v1/s?csv=blue&csv=black&csv=brown&ssv=blue&ssv=black"
                     "&ssv=brown&psv=blue&psv=black&psv=brown&ids=3&ids=-4"
                     "&ids=9223372036854775807");
    apigen_request_free(&r);
}

/* Every allocation of a request with every query style fails in turn, cleanly. */
static bool oom_styles(void)
{
    char *two[] = {"a b", "c"}, *one[] = {"d"};
    int64_t ids[] = {1, 2};
    styles_query q = {.form = two,
                      .form_count = 2,
                      .csv = one,
                      .csv_count = 1,
                      .ssv = one,
                      .ssv_count = 1,
                      .psv = one,
                      .psv_count = 1,
                      .ids = ids,
                      .ids_count = 2,
                      .filter = {.status = "s", .page = 1, .has_page = true},
                      .has_filter = true};
    apigen_request r;
    apigen_errors errs;
    int rc = apigen_request_build(&op_styles, base, NULL, NULL, &q, NULL, NULL, &r, &errs);
    if (!alloc_failed) {
        bool ok = rc == 0 && strstr(r.url, "&filter%5Bpage%5D=1") != NULL;
        apigen_request_free(&r);
        return ok;
    }
    return rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY &&
           all_zero(&r, sizeof r);
}

static void path_and_header_arrays_are_comma_separated(void)
{
    char *tags[] = {"a b", "c/d", "."};
    int64_t ids[] = {7, -1};
    simple_path p = {tags, 3};
    simple_header h = {ids, 2};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_simple, base, NULL, &p, NULL, &h, NULL, &r, &errs) == 0);
    CHECK_STR(r.url, "http://h.test/api/v1/tags/a%20b,c%2Fd,.");
    CHECK_STR(header_value(&r, "X-Ids", NULL), "7,-1");
    apigen_request_free(&r);
    h.ids_count = 0; /* an empty header list sends no header */
    CHECK(apigen_request_build(&op_simple, base, NULL, &p, NULL, &h, NULL, &r, &errs) == 0);
    CHECK(header_value(&r, "X-Ids", NULL) == NULL);
    apigen_request_free(&r);
    p.tags_count = 0; /* an empty segment would join its neighbours */
    CHECK(apigen_request_build(&op_simple, base, NULL, &p, NULL, &h, NULL, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_FORMAT, "path.tags"));
    tags[1] = "x,y";
    p.tags_count = 2;
    CHECK(apigen_request_build(&op_simple, base, NULL, &p, NULL, &h, NULL, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_FORMAT, "path.tags"));
}

static void cookies_go_in_one_cookie_field(void)
{
    me_cookies c = {.session = "s3cr3t!#$%&'()*+-./:<=>?@[]^_`{|}~", .n = -5, .has_n = true};
    me_headers h = {NULL};
    apigen_request r;
    apigen_errors errs;
    bool sensitive = false;
    CHECK(apigen_request_build_cookies(&op_me, base, NULL, NULL, NULL, &h, &c, NULL, &r, &errs) ==
          0);
    CHECK_STR(header_value(&r, "Cookie", &sensitive),
              "session=s3cr3t!#$%&'()*+-./:<=>?@[]^_`{|}~; n=-5");
    CHECK(sensitive);
    apigen_request_free(&r);
    /* appended to a Cookie field already there: one field */
    h.cookie = "lang=en";
    c.has_n = false;
    CHECK(apigen_request_build_cookies(&op_me, base, NULL, NULL, NULL, &h, &c, NULL, &r, &errs) ==
          0);
    size_t fields = 0;
    for (size_t i = 0; i < r.header_count; i++)
        fields += strcmp(r.headers[i].name, "Cookie") == 0;
    CHECK(fields == 1);
    CHECK_STR(header_value(&r, "Cookie", &sensitive),
              "lang=en; session=s3cr3t!#$%&'()*+-./:<=>?@[]^_`{|}~");
    CHECK(sensitive);
    apigen_request_free(&r);
    /* not cookie-octets: refused, the value never shown */
    const char *bad[] = {"a b", "a;b", "a,b", "a\"b", "a\\b", "caf\xc3\xa9", "a\tb"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        c.session = (char *)bad[i];
        CHECK(apigen_request_build_cookies(&op_me, base, NULL, NULL, NULL, NULL, &c, NULL, &r,
                                           &errs) == -1);
        CHECK(has_error(&errs, APIGEN_E_FORMAT, "cookie.session"));
        CHECK(errs_never_show(&errs, bad[i]));
    }
    /* required within the group; apigen_request_build sends none (no group, as for a query) */
    c.session = NULL;
    CHECK(apigen_request_build_cookies(&op_me, base, NULL, NULL, NULL, NULL, &c, NULL, &r, &errs) ==
          -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "cookie.session"));
    CHECK(apigen_request_build(&op_me, base, NULL, NULL, NULL, NULL, NULL, &r, &errs) == 0);
    CHECK(header_value(&r, "Cookie", NULL) == NULL);
    apigen_request_free(&r);
}

static bool oom_cookies(void)
{
    me_cookies c = {.session = "s", .n = 1, .has_n = true};
    me_headers h = {"lang=en"};
    apigen_request r;
    apigen_errors errs;
    int rc = apigen_request_build_cookies(&op_me, base, NULL, NULL, NULL, &h, &c, NULL, &r, &errs);
    if (!alloc_failed) {
        bool ok =
            rc == 0 && strcmp(header_value(&r, "Cookie", NULL), "lang=en; session=s; n=1") == 0;
        apigen_request_free(&r);
        return ok;
    }
    return rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY &&
           all_zero(&r, sizeof r);
}

static void items_holding_their_delimiter_are_refused(void)
{
    apigen_errors errs;
    CHECK(styles_url("a,b", "c", &errs) == NULL);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_FORMAT, "query.csv"));
    CHECK(styles_url("a", "b c", &errs) == NULL);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_FORMAT, "query.ssv"));
    CHECK(styles_url("a|b", "a|b", &errs) == NULL);
    CHECK(errs.count == 2 && has_error(&errs, APIGEN_E_FORMAT, "query.psv"));
    /* form exploded and deepObject have no delimiter inside a value */
    char *url = styles_url("&=", "#[]", &errs);
    CHECK_STR(url, "http://h.test/api/v1/s?form=%26%3D&form=%23%5B%5D&csv=%26%3D,%23%5B%5D"
                   "&ssv=%26%3D%20%23%5B%5D&psv=%26%3D%7C%23%5B%5D&filter%5Bstatus%5D=%26%3D"
                   "&filter%5Blabel%5D=%23%5B%5D");
    free(url);
    /* deepObject on an array is a table error, reported */
    static const apigen_param_style wrong[] = {
        {APIGEN_STYLE_DEEP_OBJECT, true}, {APIGEN_STYLE_FORM, true},
        {APIGEN_STYLE_FORM, true},        {APIGEN_STYLE_FORM, true},
        {APIGEN_STYLE_FORM, true},        {APIGEN_STYLE_DEEP_OBJECT, true}};
    apigen_operation op = op_styles;
    op.query_styles = wrong;
    char *one[] = {"x"};
    styles_query q = {.form = one, .form_count = 1};
    apigen_request r;
    CHECK(apigen_request_build(&op, base, NULL, NULL, &q, NULL, NULL, &r, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "query.form"));
}

/* ------------------------------------------------------------ the oracle ---- */

/* Prints url (then frees it), or "refused" and the code and path of each violation. */
static void print_outcome(char *url, const apigen_errors *errs)
{
    if (url != NULL) {
        printf("%s\n", url);
        free(url);
        return;
    }
    printf("refused");
    for (size_t i = 0; i < errs->count; i++)
        printf(" %s %s", apigen_code_name(errs->items[i].code), errs->items[i].path);
    printf("\n");
}

/* Reads a line of two hex strings from stdin into x and y (1 << 13 bytes each): 1 read, 0 at
 * the end, -1 for a line without a space. */
static int read_pair(char *x, char *y)
{
    static char line[1 << 14];
    if (fgets(line, sizeof line, stdin) == NULL)
        return 0;
    char *space = strchr(line, ' ');
    if (space == NULL)
        return -1;
    *space = '\0';
    hex_decode(line, x, 1 << 13);
    hex_decode(space + 1, y, 1 << 13);
    return 1;
}

/* For url_oracle.py --styles: each line two hex strings; prints styles_url's outcome. */
static int print_style_urls(void)
{
    static char x[1 << 13], y[1 << 13];
    int got;
    while ((got = read_pair(x, y)) == 1) {
        apigen_errors errs;
        print_outcome(styles_url(x, y, &errs), &errs);
    }
    return got < 0;
}

/* ------------------------------------------------------------------ forms ---- */

/* The body op_form builds from b (NULL with errs filled), with its redacted twin in *shown. */
static char *form_text(form_body *b, apigen_errors *errs, char **shown)
{
    apigen_request r;
    if (apigen_request_build(&op_form, base, NULL, NULL, NULL, NULL, b, &r, errs) != 0)
        return NULL;
    char *body = strdup(r.body);
    if (shown != NULL)
        *shown = r.body_redacted != NULL ? strdup(r.body_redacted) : NULL;
    bool sensitive = false;
    const char *type = header_value(&r, "Content-Type", &sensitive);
    CHECK(type != NULL && strcmp(type, "application/x-www-form-urlencoded") == 0);
    CHECK(r.body_len == strlen(body));
    apigen_request_free(&r);
    return body;
}

static void form_bodies_are_name_value_pairs(void)
{
    char *tags[] = {"a b", "c&d"}, *expand[] = {"x", "y"}, *csv[] = {"1", "2"};
    int64_t codes[] = {7, -8};
    form_meta_entry meta[] = {{"order id", "A=1"}, {"", ""}};
    form_body b = {.name = "J\xc3\xa9r\xc3\xb4me O'Neil ~*-._+",
                   .age = INT64_MIN,
                   .has_age = true,
                   .ratio = 0.1,
                   .has_ratio = true,
                   .active = false,
                   .has_active = true,
                   .tags = tags,
                   .tags_count = 2,
                   .csv = csv,
                   .csv_count = 2,
                   .expand = expand,
                   .expand_count = 2,
                   .address = {.line = "1 Main St",
                               .geo = {.lat = -0.5},
                               .has_geo = true,
                               .codes = codes,
                               .codes_count = 2},
                   .has_address = true,
                   .metadata = meta,
                   .metadata_count = 2,
                   .pin = "1234"};
    apigen_errors errs;
    char *shown = NULL;
    char *body = form_text(&b, &errs, &shown);
    CHECK_STR(body, "name=J%C3%A9r%C3%B4me+O%27Neil+%7E*-._%2B&age=-9223372036854775808"
                    "&ratio=0.1&active=false&tags=a+b&tags=c%26d&csv=1%2C2"
                    "&expand%5B%5D=x&expand%5B%5D=y&address%5Bline%5D=1+Main+St"
                    "&address%5Bgeo%5D%5Blat%5D=-0.5&address%5Bcodes%5D%5B%5D=7"
                    "&address%5Bcodes%5D%5B%5D=-8&metadata%5Border+id%5D=A%3D1"
                    "&metadata%5B%5D=&pin=1234");
    CHECK(shown != NULL && strstr(shown, "&pin=***") != NULL && strstr(shown, "1234") == NULL);
    free(body);
    free(shown);

    /* absent optional members omitted; an empty string and an empty array */
    form_body few = {.name = ""};
    body = form_text(&few, &errs, &shown);
    CHECK_STR(body, "name=");
    CHECK_STR(shown, "name=");
    free(body);
    free(shown);
}

static void form_values_without_a_serialisation_are_refused(void)
{
    form_body b = {.name = "n", .extra = cJSON_CreateTrue()};
    apigen_errors errs;
    CHECK(form_text(&b, &errs, NULL) == NULL);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_TYPE);
    cJSON_Delete(b.extra);
    char *csv[] = {"a,b"};
    form_body c = {.name = "n", .csv = csv, .csv_count = 1};
    CHECK(form_text(&c, &errs, NULL) == NULL);
    CHECK(has_error(&errs, APIGEN_E_FORMAT, "body.csv"));
    form_body none = {0};
    CHECK(form_text(&none, &errs, NULL) == NULL);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "body.name"));
}

static bool oom_form(void)
{
    char *tags[] = {"a", "b"};
    form_meta_entry meta[] = {{"k", "v"}};
    form_body b = {.name = "n m",
                   .tags = tags,
                   .tags_count = 2,
                   .csv = tags,
                   .csv_count = 2,
                   .address = {.line = "l", .codes = (int64_t[]){1}, .codes_count = 1},
                   .has_address = true,
                   .metadata = meta,
                   .metadata_count = 1,
                   .pin = "p"};
    apigen_request r;
    apigen_errors errs;
    int rc = apigen_request_build(&op_form, base, NULL, NULL, NULL, NULL, &b, &r, &errs);
    if (!alloc_failed) {
        bool ok = rc == 0 && r.body_redacted != NULL && strstr(r.body, "metadata%5Bk%5D=v");
        apigen_request_free(&r);
        return ok;
    }
    return rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY &&
           all_zero(&r, sizeof r);
}

/* For url_oracle.py --form: each line two hex strings x and y; prints the body op_form builds
 * with name x, tags [x, y], csv [x, y], expand [x, y], address.line y, metadata {x: y, y: x}
 * and pin y, or "refused" and the violations. */
static int print_forms(void)
{
    static char x[1 << 13], y[1 << 13];
    int got;
    while ((got = read_pair(x, y)) == 1) {
        char *two[] = {x, y};
        form_meta_entry meta[] = {{x, y}, {y, x}};
        form_body b = {.name = x,
                       .tags = two,
                       .tags_count = 2,
                       .csv = two,
                       .csv_count = 2,
                       .expand = two,
                       .expand_count = 2,
                       .address = {.line = y},
                       .has_address = true,
                       .metadata = meta,
                       .metadata_count = 2,
                       .pin = y};
        apigen_errors errs;
        print_outcome(form_text(&b, &errs, NULL), &errs);
    }
    return got < 0;
}

/* ------------------------------------------------------------- multipart ---- */

static void multipart_bodies_are_parts(void)
{
    char *labels[] = {"a", "b c"};
    upload_body u = {.title = "caf\xc3\xa9",
                     .has_size = true,
                     .size = 3,
                     .labels = labels,
                     .labels_count = 2,
                     .file = {{"\x89PNG\0\r\n", 7}, "a\"b.png", NULL},
                     .token = "s3"};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_upload, base, NULL, NULL, NULL, NULL, &u, &r, &errs) == 0);
    bool sensitive = false;
    const char *type = header_value(&r, "Content-Type", &sensitive);
    CHECK(type != NULL && strncmp(type, "multipart/form-data; boundary=apigen-", 37) == 0);
    char boundary[64] = "";
    snprintf(boundary, sizeof boundary, "%s", type != NULL ? strstr(type, "boundary=") + 9 : "");
    CHECK(strlen(boundary) == 31);
    char want[1024];
    int n = snprintf(want, sizeof want,
                     "--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\ncaf\xc3\xa9\r\n"
                     "--%s\r\nContent-Disposition: form-data; name=\"size\"\r\n\r\n3\r\n"
                     "--%s\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\na\r\n"
                     "--%s\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\nb c\r\n"
                     "--%s\r\nContent-Disposition: form-data; name=\"file\"; "
                     "filename=\"a%%22b.png\"\r\nContent-Type: image/png\r\n\r\n",
                     boundary, boundary, boundary, boundary, boundary);
    CHECK(r.body_len > (size_t)n && memcmp(r.body, want, (size_t)n) == 0);
    CHECK(memcmp(r.body + n, "\x89PNG\0\r\n\r\n", 9) == 0);
    CHECK(r.body_redacted != NULL && strstr(r.body_redacted, "s3") == NULL &&
          strstr(r.body_redacted, "name=\"token\"\r\n\r\n***\r\n") != NULL);
    char end[48];
    snprintf(end, sizeof end, "--%s--\r\n", boundary);
    CHECK(r.body_len > strlen(end) && strcmp(r.body + r.body_len - strlen(end), end) == 0);
    apigen_request_free(&r);

    /* a part naming its own type; two builds, two boundaries */
    u.file.content_type = "text/csv";
    u.token = NULL;
    CHECK(apigen_request_build(&op_upload, base, NULL, NULL, NULL, NULL, &u, &r, &errs) == 0);
    CHECK(strstr(r.body, "Content-Type: text/csv\r\n") != NULL);
    CHECK(strstr(r.body, boundary) == NULL);
    apigen_request_free(&r);
}

static void multipart_misuses_are_refused(void)
{
    upload_body u = {.title = "t", .file = {{"x", 1}, NULL, "text/plain\r\nX-Evil: 1"}};
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_upload, base, NULL, NULL, NULL, NULL, &u, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_FORMAT, "body.file"));
    u.file.content_type = NULL;
    u.meta = cJSON_CreateObject();
    CHECK(apigen_request_build(&op_upload, base, NULL, NULL, NULL, NULL, &u, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "body.meta"));
    cJSON_Delete(u.meta);
    /* a boundary written in the spec's media type is replaced by the request's own */
    apigen_operation typed = op_upload;
    typed.request_content_type = "multipart/form-data; boundary=x";
    u.meta = NULL;
    CHECK(apigen_request_build(&typed, base, NULL, NULL, NULL, NULL, &u, &r, &errs) == 0);
    bool sensitive = false;
    const char *type = header_value(&r, "Content-Type", &sensitive);
    CHECK(type != NULL && strncmp(type, "multipart/form-data; boundary=apigen-", 37) == 0 &&
          strchr(type, ';') == strrchr(type, ';'));
    apigen_request_free(&r);
    upload_body none = {.title = "t"};
    CHECK(apigen_request_build(&op_upload, base, NULL, NULL, NULL, NULL, &none, &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "body.file"));
}

static bool oom_multipart(void)
{
    char *labels[] = {"a"};
    upload_body u = {.title = "t",
                     .labels = labels,
                     .labels_count = 1,
                     .file = {{"abc", 3}, "f.bin", NULL},
                     .token = "k"};
    apigen_request r;
    apigen_errors errs;
    int rc = apigen_request_build(&op_upload, base, NULL, NULL, NULL, NULL, &u, &r, &errs);
    if (!alloc_failed) {
        bool ok = rc == 0 && r.body_redacted != NULL && r.body_len > 100;
        apigen_request_free(&r);
        return ok;
    }
    return rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY &&
           all_zero(&r, sizeof r);
}

/* For multipart_oracle.py: each line three hex strings, the title, the filename and the file's
 * bytes; prints "<Content-Type>\t<body in hex>", or "refused" and the violations. */
static int print_multipart(void)
{
    static char line[1 << 16], title[1 << 13], name[1 << 13], bytes[1 << 14];
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *a = strtok(line, " \n"), *b = strtok(NULL, " \n"), *c = strtok(NULL, " \n");
        hex_decode(a ? a : "", title, sizeof title);
        hex_decode(b ? b : "", name, sizeof name);
        size_t len = hex_decode(c ? c : "", bytes, sizeof bytes);
        char *labels[] = {title, name};
        upload_body u = {.title = title,
                         .labels = labels,
                         .labels_count = 2,
                         .file = {{bytes, len}, name, NULL}};
        apigen_request r;
        apigen_errors errs;
        if (apigen_request_build(&op_upload, base, NULL, NULL, NULL, NULL, &u, &r, &errs) != 0) {
            print_outcome(NULL, &errs);
            continue;
        }
        bool sensitive = false;
        printf("%s\t", header_value(&r, "Content-Type", &sensitive));
        for (size_t i = 0; i < r.body_len; i++)
            printf("%02x", (unsigned)(unsigned char)r.body[i]);
        printf("\n");
        apigen_request_free(&r);
    }
    return 0;
}

/* For url_oracle.py: reads strings, one per line in hex, and prints for each the URL op_seg
 * builds with it as the path parameter id and the query parameter q, or "refused" and the code
 * and path of each violation. */
static int print_urls(void)
{
    static char line[1 << 14], s[1 << 13];
    while (fgets(line, sizeof line, stdin) != NULL) {
        hex_decode(line, s, sizeof s);
        apigen_errors errs;
        print_outcome(seg_url(s, s, &errs), &errs);
    }
    return 0;
}

/* `security: [{}, {key: []}]` (an optional key, as Open-Meteo documents it): the empty
 * requirement is tried last, so a key the caller has is sent, and none is needed. */
static const apigen_security_requirement optional_key_security[] = {{NULL, 0}, {key_query_auth, 1}};
static const apigen_operation op_optional_key = {.name = "test.optionalKey",
                                                 .method = "GET",
                                                 .path = "/v1/x",
                                                 .security = optional_key_security,
                                                 .security_count = 2};

static void an_optional_key_is_sent_when_given(void)
{
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(&op_optional_key, "https://h.test", "SECRET", NULL, NULL, NULL, NULL,
                               &r, &errs) == 0);
    CHECK_STR(r.url, "https://h.test/v1/x?api%20key=SECRET");
    apigen_request_free(&r);
    CHECK(apigen_request_build(&op_optional_key, "https://h.test", NULL, NULL, NULL, NULL, NULL, &r,
                               &errs) == 0);
    CHECK_STR(r.url, "https://h.test/v1/x");
    apigen_request_free(&r);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--encode") == 0)
        return print_urls();
    if (argc > 1 && strcmp(argv[1], "--styles") == 0)
        return print_style_urls();
    if (argc > 1 && strcmp(argv[1], "--basic") == 0)
        return print_basic();
    if (argc > 1 && strcmp(argv[1], "--form") == 0)
        return print_forms();
    if (argc > 1 && strcmp(argv[1], "--multipart") == 0)
        return print_multipart();
    RUN_TEST(path_segments_are_percent_encoded);
    RUN_TEST(dot_and_empty_segments_are_refused);
    RUN_TEST(base_url_loses_one_trailing_slash);
    RUN_TEST(scalars_are_written_exactly);
    RUN_TEST(absent_optional_query_parameters_are_omitted);
    RUN_TEST(present_zero_false_and_empty_are_sent);
    RUN_TEST(headers_name_media_types_auth_and_parameters);
    RUN_TEST(accept_is_json_when_untyped_and_absent_without_bodies);
    RUN_TEST(header_injection_is_refused);
    RUN_TEST(credential_is_required_and_never_shown);
    RUN_TEST(api_keys_go_in_query_or_header);
    RUN_TEST(basic_and_cookies_are_sent_together);
    RUN_TEST(the_first_complete_requirement_is_sent);
    RUN_TEST(an_optional_key_is_sent_when_given);
    RUN_TEST(a_missing_scheme_of_an_and_set_is_a_violation);
    RUN_TEST(credentials_the_scheme_cannot_carry_are_refused);
    RUN_TEST(a_credential_filling_the_buffer_is_refused);
    RUN_TEST(body_is_printed_and_redacted_when_sensitive);
    RUN_TEST(request_free_wipes_secrets);
    RUN_TEST(violations_are_rooted_at_their_group);
    RUN_TEST(violations_beyond_capacity_are_counted);
    RUN_TEST(missing_groups_are_reported);
    RUN_TEST(odd_tables_are_violations_not_crashes);
    RUN_TEST(auth_without_a_parameter_name_is_a_violation);
    RUN_TEST(no_operation_is_a_violation);
    RUN_TEST(long_paths_stay_cut);
    RUN_TEST(sensitive_segments_are_redacted);
    RUN_TEST(free_twice_and_null_are_safe);
    RUN_TEST(out_of_memory_is_reported_cleanly_at_every_allocation);
    RUN_TEST(query_styles_write_the_openapi_wire_forms);
    RUN_TEST(items_holding_their_delimiter_are_refused);
    RUN_TEST(path_and_header_arrays_are_comma_separated);
    RUN_TEST(cookies_go_in_one_cookie_field);
    fail_each_allocation(oom_cookies, "request_build, cookies");
    fail_each_allocation(oom_styles, "request_build, query styles");
    RUN_TEST(form_bodies_are_name_value_pairs);
    RUN_TEST(form_values_without_a_serialisation_are_refused);
    fail_each_allocation(oom_form, "request_build, form body");
    RUN_TEST(multipart_bodies_are_parts);
    RUN_TEST(multipart_misuses_are_refused);
    fail_each_allocation(oom_multipart, "request_build, multipart body");
    return fixtures_summary();
}
