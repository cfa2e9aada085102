/* fuzz_response: libFuzzer target for the pure response decoder (apigen_response_decode,
 * templates/runtime/apigen_rt_response.c) on two real operations, applivery's createOtpUser and
 * createOemUser, decoded into their generated result structs. Input: 2 bytes of HTTP status
 * (big-endian), then the Content-Type up to a NUL byte ("" when the NUL comes first; without
 * any NUL there is no Content-Type and everything after the status is body), then the body.
 * Each input is decoded against both operations, its result looked into and freed. Besides
 * ASan/UBSan/leak reports, these invariants trap:
 *   - the return value is 0 exactly for APIGEN_RESULT_OK, and the outcome is one a decode can
 *     give (never NO_MEMORY here: nothing fails allocations);
 *   - res->response is the operation's response for the status (apigen_operation_response),
 *     NULL exactly for UNDOCUMENTED_STATUS;
 *   - the raw body, its length and the Content-Type stay as received;
 *   - a Content-Type of application/json, in any case, with or without parameters, is never
 *     the wrong one; WRONG_CONTENT_TYPE needs a Content-Type;
 *   - INVALID_RESPONSE reports at least one violation (fuzz_failed_with_report) and leaves
 *     the value zero; OK leaves no violation, and a decoded body validates;
 *   - the Content-Type header is found by apigen_result_header in another case;
 *   - apigen_result_free empties the result, and a second call changes nothing. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "applivery/applivery.h"
#include "fuzz.h"
#include "fuzz_model_table.h"

/* Large (the apigen_errors inside are about 13 KiB): static, not on the stack. */
static applivery_create_otp_user_result otp;
static applivery_create_oem_user_result oem;

/* A copy of data[0..len) with a NUL after it, in memory of cJSON's hooks (as the transport's). */
static char *copy_bytes(const uint8_t *data, size_t len)
{
    char *s = cJSON_malloc(len + 1);
    REQUIRE(s != NULL);
    if (len > 0)
        memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

static bool all_zero(const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (((const unsigned char *)p)[i] != 0)
            return false;
    return true;
}

/* As apigen_result_init leaves a result: every member zero, no violation (the storage of
 * errors.items is not cleared). */
static bool result_empty(const apigen_result *r)
{
    return all_zero(r, offsetof(apigen_result, errors)) && r->errors.count == 0 &&
           r->errors.total == 0;
}

/* Whether ct is application/json in any case, alone or followed by ';' and parameters: a
 * spelling no reading of RFC 9110 section 8.3.1 may refuse. */
static bool plainly_json(const char *ct)
{
    static const char json[] = "application/json";
    for (size_t i = 0; i < sizeof json - 1; i++) {
        char c = ct[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != json[i])
            return false;
    }
    return ct[sizeof json - 1] == '\0' || ct[sizeof json - 1] == ';';
}

static void decode_one(const apigen_operation *op, apigen_result *res, void *value,
                       size_t value_size, int status, const uint8_t *ct, size_t ct_len, bool has_ct,
                       const uint8_t *body, size_t body_len)
{
    apigen_result_init(res);
    res->status = status;
    res->content_type = has_ct ? copy_bytes(ct, ct_len) : NULL;
    res->body = copy_bytes(body, body_len);
    res->body_len = body_len;
    res->headers = cJSON_malloc(sizeof *res->headers);
    REQUIRE(res->headers != NULL);
    res->headers[0] = (apigen_header){.name = copy_bytes((const uint8_t *)"Content-Type", 12),
                                      .value = has_ct ? copy_bytes(ct, ct_len)
                                                      : copy_bytes((const uint8_t *)"", 0)};
    res->header_count = 1;
    memset(value, 0xA5, value_size); /* caller storage starts as garbage */

    int rc = apigen_response_decode(op, res, value);
    apigen_outcome o = res->outcome;
    REQUIRE((rc == 0) == (o == APIGEN_RESULT_OK));
    REQUIRE(o == APIGEN_RESULT_OK || o == APIGEN_RESULT_UNDOCUMENTED_STATUS ||
            o == APIGEN_RESULT_WRONG_CONTENT_TYPE || o == APIGEN_RESULT_INVALID_RESPONSE);
    REQUIRE(res->response == apigen_operation_response(op, status));
    REQUIRE((res->response == NULL) == (o == APIGEN_RESULT_UNDOCUMENTED_STATUS));
    REQUIRE(res->status == status && res->body_len == body_len);
    REQUIRE(body_len == 0 || memcmp(res->body, body, body_len) == 0);
    REQUIRE(res->body[body_len] == '\0');
    /* ct holds no NUL: it ends at the input's first one */
    REQUIRE(has_ct ? res->content_type != NULL && strlen(res->content_type) == ct_len &&
                         memcmp(res->content_type, ct, ct_len) == 0
                   : res->content_type == NULL);
    if (o == APIGEN_RESULT_WRONG_CONTENT_TYPE)
        REQUIRE(res->content_type != NULL && !plainly_json(res->content_type));
    const apigen_model *m = res->response != NULL ? res->response->model : NULL;
    if (o == APIGEN_RESULT_INVALID_RESPONSE) {
        REQUIRE(fuzz_failed_with_report(&res->errors));
        REQUIRE(all_zero(value, m->size));
    } else {
        REQUIRE(res->errors.count == 0 && res->errors.total == 0);
    }
    if (o == APIGEN_RESULT_OK && m != NULL)
        REQUIRE(apigen_model_validate(m, value, NULL) == 0);
    REQUIRE(apigen_result_header(res, "content-type") == res->headers[0].value);
    REQUIRE(apigen_result_header(res, "CONTENT-TYPE") == res->headers[0].value);
    REQUIRE(apigen_result_header(res, "Content-Typ") == NULL);

    apigen_result_free(res, value);
    REQUIRE(result_empty(res));
    if (o == APIGEN_RESULT_OK && m != NULL)
        REQUIRE(all_zero(value, m->size));
    apigen_result_free(res, value);
    REQUIRE(result_empty(res));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int status = data[0] << 8 | data[1];
    const uint8_t *rest = data + 2;
    size_t rest_len = size - 2;
    const uint8_t *nul = memchr(rest, '\0', rest_len);
    bool has_ct = nul != NULL;
    size_t ct_len = has_ct ? (size_t)(nul - rest) : 0;
    const uint8_t *body = has_ct ? nul + 1 : rest;
    size_t body_len = has_ct ? rest_len - ct_len - 1 : rest_len;

    decode_one(&applivery_operations[0], &otp.base, &otp.body, sizeof otp.body, status, rest,
               ct_len, has_ct, body, body_len);
    decode_one(&applivery_operations[1], &oem.base, &oem.body, sizeof oem.body, status, rest,
               ct_len, has_ct, body, body_len);
    return 0;
}
