/* test_edge_inputs: hostile bodies through the generated createOtpUser request, each with
 * its defined outcome: escaped U+0000, invalid UTF-8, nesting past cJSON's limit, numbers
 * beyond a double, -0, duplicate keys, and a 100 MB body. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applivery/applivery.h"
#include "check.h"

#define REST "\"allowedDownloadsNum\":1,\"publishedApplicationId\":\"0123456789abcdef01234567\""

typedef applivery_create_otp_user_request request;

/* Parses text (len bytes); on failure returns -1 and checks the struct was released. */
static int parse(const char *text, size_t len, request *out, apigen_errors *errs)
{
    int rc = applivery_create_otp_user_request_parse(text, len, out, errs);
    if (rc != 0) {
        static const request zero;
        CHECK(memcmp(out, &zero, sizeof zero) == 0);
    }
    return rc;
}

static bool only_error(const apigen_errors *errs, const char *path, const char *code)
{
    return errs->count == 1 && strcmp(errs->items[0].path, path) == 0 &&
           strcmp(apigen_code_name(errs->items[0].code), code) == 0;
}

static void escaped_nul_is_an_encoding_error_not_a_cut_string(void)
{
    static const char text[] = "{\"email\":\"a\\u0000b\"," REST "}";
    request r;
    apigen_errors errs;
    CHECK(parse(text, sizeof text - 1, &r, &errs) == -1);
    CHECK(only_error(&errs, "$.email", "encoding")); /* fatal: the whole body is refused */
    CHECK(strstr(errs.items[0].message, "U+0000") != NULL);
}

static void invalid_utf8_is_an_encoding_error_at_its_path(void)
{
    static const char text[] = "{\"email\":\"a\xff"
                               "b\"," REST "}";
    request r;
    apigen_errors errs;
    CHECK(parse(text, sizeof text - 1, &r, &errs) == -1);
    CHECK(only_error(&errs, "$.email", "encoding"));
}

/* "{"email":" + depth '[' + depth ']' + "," REST "}" */
static char *nested(size_t depth, size_t *len)
{
    size_t n = 9 + 2 * depth + 1 + strlen(REST) + 1;
    char *text = malloc(n + 1);
    char *p = text;
    p += sprintf(p, "{\"email\":");
    memset(p, '[', depth);
    p += depth;
    memset(p, ']', depth);
    p += depth;
    p += sprintf(p, ",%s}", REST);
    *len = (size_t)(p - text);
    return text;
}

static void nesting_past_1000_levels_is_a_syntax_error(void)
{
    size_t len;
    char *text = nested(1000, &len); /* 1001 containers with the body's own object */
    request r;
    apigen_errors errs;
    CHECK(parse(text, len, &r, &errs) == -1);
    CHECK(only_error(&errs, "$", "syntax"));
    CHECK(strstr(errs.items[0].message, "nesting too deep") != NULL);
    free(text);

    text = nested(999, &len); /* exactly cJSON's limit: read, and written back the same */
    CHECK(parse(text, len, &r, &errs) == 0);
    char *printed = applivery_create_otp_user_request_print(&r);
    CHECK(printed != NULL && strlen(printed) == len && memcmp(printed, text, len) == 0);
    free(printed);
    applivery_create_otp_user_request_free(&r);
    free(text);
}

static void number_beyond_a_double_is_a_violation_never_infinity(void)
{
    static const char in_any[] = "{\"email\":[1,{\"a\":1e400}]," REST "}";
    request r;
    apigen_errors errs;
    CHECK(parse(in_any, sizeof in_any - 1, &r, &errs) == -1);
    CHECK(only_error(&errs, "$.email[1].a", "type"));

    static const char in_int[] = "{\"email\":\"x\",\"allowedDownloadsNum\":1e400,"
                                 "\"publishedApplicationId\":\"0123456789abcdef01234567\"}";
    CHECK(parse(in_int, sizeof in_int - 1, &r, &errs) == -1);
    CHECK(only_error(&errs, "$.allowedDownloadsNum", "integer"));
}

static void minus_zero_integer_reads_as_zero(void)
{
    static const char text[] = "{\"email\":\"x\",\"allowedDownloadsNum\":-0,"
                               "\"publishedApplicationId\":\"0123456789abcdef01234567\"}";
    request r;
    apigen_errors errs;
    CHECK(parse(text, sizeof text - 1, &r, &errs) == 0);
    CHECK(r.allowed_downloads_num == 0);
    char *printed = applivery_create_otp_user_request_print(&r);
    CHECK(printed != NULL && strstr(printed, "\"allowedDownloadsNum\":0,") != NULL);
    free(printed);
    applivery_create_otp_user_request_free(&r);
}

static void duplicate_key_is_a_violation_at_the_second(void)
{
    static const char text[] = "{\"email\":\"x\",\"email\":\"y\"," REST "}";
    request r;
    apigen_errors errs;
    CHECK(parse(text, sizeof text - 1, &r, &errs) == -1);
    CHECK(only_error(&errs, "$.email", "duplicateKey"));
}

static void hundred_megabyte_body_is_read_in_full(void)
{
    const size_t big = 100u << 20;
    char *text = malloc(big + 200);
    CHECK(text != NULL);
    if (text == NULL)
        return;
    char *p = text + sprintf(text, "{\"email\":\"");
    memset(p, 'a', big);
    p += big;
    p += sprintf(p, "\",%s}", REST);
    size_t len = (size_t)(p - text);
    request r;
    apigen_errors errs;
    CHECK(parse(text, len, &r, &errs) == 0);
    CHECK(cJSON_IsString(r.email) && strlen(r.email->valuestring) == big);
    applivery_create_otp_user_request_free(&r);

    /* The same 100 MB as a 24-hex id: one pattern violation, nothing else. */
    p = text + sprintf(text, "{\"email\":\"x\",\"allowedDownloadsNum\":1,"
                             "\"publishedApplicationId\":\"");
    memset(p, 'a', big);
    p += big;
    p += sprintf(p, "\"}");
    CHECK(parse(text, (size_t)(p - text), &r, &errs) == -1);
    CHECK(only_error(&errs, "$.publishedApplicationId", "pattern"));
    free(text);
}

int main(void)
{
    RUN_TEST(escaped_nul_is_an_encoding_error_not_a_cut_string);
    RUN_TEST(invalid_utf8_is_an_encoding_error_at_its_path);
    RUN_TEST(nesting_past_1000_levels_is_a_syntax_error);
    RUN_TEST(number_beyond_a_double_is_a_violation_never_infinity);
    RUN_TEST(minus_zero_integer_reads_as_zero);
    RUN_TEST(duplicate_key_is_a_violation_at_the_second);
    RUN_TEST(hundred_megabyte_body_is_read_in_full);
    applivery_cleanup();
    return check_summary();
}
