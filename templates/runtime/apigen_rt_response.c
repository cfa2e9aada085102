/* apigen_rt_response.c: decoding an HTTP response into an operation's typed result, with no I/O
 * (apigen_response_decode, apigen_rt.h section "responses (pure)"): which documented response a
 * status selects, whether the media type received is the documented one, the body parsed by
 * apigen_model_parse; and releasing a result. The transport (apigen_client.c) fills the result
 * and calls this; tests call it directly. */

#include "apigen_rt_internal.h"

void apigen_result_init(apigen_result *res)
{
    /* Not memset of the whole struct: errors.items is 13 KiB that count already says is empty,
     * and clearing it cost twice the parse of a small response (bench/README.md). */
    APIGEN_STATIC_ASSERT(offsetof(apigen_result, errors) + sizeof res->errors == sizeof *res,
                         "errors is the last member of apigen_result");
    memset(res, 0, offsetof(apigen_result, errors));
    apigen_errors_init(&res->errors);
}

const char *apigen_outcome_name(apigen_outcome outcome)
{
    switch (outcome) {
    case APIGEN_RESULT_OK:
        return "ok";
    case APIGEN_RESULT_INVALID_REQUEST:
        return "invalid request";
    case APIGEN_RESULT_TRANSPORT:
        return "transport";
    case APIGEN_RESULT_TOO_LARGE:
        return "too large";
    case APIGEN_RESULT_UNDOCUMENTED_STATUS:
        return "undocumented status";
    case APIGEN_RESULT_WRONG_CONTENT_TYPE:
        return "wrong content type";
    case APIGEN_RESULT_INVALID_RESPONSE:
        return "invalid response";
    case APIGEN_RESULT_NO_MEMORY:
        return "no memory";
    }
    return "unknown outcome";
}

/* The type "/" subtype of a Content-Type value (RFC 9110 section 8.3.1: media-type = type "/"
 * subtype parameters, parameters = *( OWS ";" OWS parameter )): the bytes before the first ';',
 * without the optional whitespace around them (section 5.5 trims a field value). */
static const char *media_essence(const char *value, size_t *len)
{
    while (apigen_i_is_ows(*value))
        value++;
    size_t n = strcspn(value, ";");
    while (n > 0 && apigen_i_is_ows(value[n - 1]))
        n--;
    *len = n;
    return value;
}

/* Whether two Content-Type values name the same media type: type and subtype compared
 * case-insensitively (RFC 9110 section 8.3.1), parameters ignored ("application/json;
 * charset=utf-8" is "application/json"). An empty value names no media type and matches
 * nothing. No structured suffix is interpreted: application/problem+json is not
 * application/json. */
static bool same_media_type(const char *received, const char *documented)
{
    size_t rlen, dlen;
    const char *r = media_essence(received, &rlen);
    const char *d = media_essence(documented, &dlen);
    /* a documented range (RFC 9110 section 12.5.1): "*" "/" "*" covers every type, "type/" "*"
     * every subtype of type */
    if (dlen == 3 && memcmp(d, "*/*", 3) == 0)
        return rlen > 0;
    if (dlen >= 2 && d[dlen - 1] == '*' && d[dlen - 2] == '/')
        return rlen >= dlen - 1 && apigen_i_equal_nocase(r, dlen - 1, d, dlen - 1);
    return apigen_i_equal_nocase(r, rlen, d, dlen);
}

/* Bytes of the largest model among op's responses: what value holds at least. */
static size_t largest_model(const apigen_operation *op)
{
    size_t size = 0;
    for (size_t i = 0; i < op->response_count; i++) {
        const apigen_model *m = op->responses[i].model;
        if (m != NULL && m->size > size)
            size = m->size;
        if (op->responses[i].raw && sizeof(apigen_bytes) > size)
            size = sizeof(apigen_bytes);
    }
    return size;
}

static int decoded(apigen_result *res, apigen_outcome outcome)
{
    res->outcome = outcome;
    return outcome == APIGEN_RESULT_OK ? 0 : -1;
}

int apigen_response_decode(const apigen_operation *op, apigen_result *res, void *value)
{
    apigen_errors_init(&res->errors);
    if (value != NULL) /* whatever the outcome, value holds nothing to free but a decoded body */
        memset(value, 0, largest_model(op));
    const apigen_response *r = apigen_operation_response(op, res->status);
    res->response = r;
    if (r == NULL)
        return decoded(res, APIGEN_RESULT_UNDOCUMENTED_STATUS);
    if (r->model == NULL && !r->raw) /* nothing documented to decode: any body is kept raw */
        return decoded(res, APIGEN_RESULT_OK);
    /* a response to HEAD has no body, whatever its headers say (RFC 9110 section 9.3.2) */
    if (op->method != NULL && strcmp(op->method, "HEAD") == 0)
        return decoded(res, APIGEN_RESULT_OK);
    if (res->content_type != NULL && r->content_type != NULL &&
        !same_media_type(res->content_type, r->content_type))
        return decoded(res, APIGEN_RESULT_WRONG_CONTENT_TYPE);
    if (r->raw) { /* not JSON: the bytes as received, not parsed */
        if (value != NULL) {
            apigen_bytes *bytes = value;
            bytes->data = res->body != NULL ? res->body : "";
            bytes->len = res->body != NULL ? res->body_len : 0;
        }
        return decoded(res, APIGEN_RESULT_OK);
    }
    /* No body where one is documented: parsed as "", a syntax violation. */
    const char *text = res->body != NULL ? res->body : "";
    size_t len = res->body != NULL ? res->body_len : 0;
    if (apigen_model_parse(r->model, text, len, value, &res->errors) == 0)
        return decoded(res, APIGEN_RESULT_OK);
    /* parse reports running out of memory alone (apigen_rt.h, apigen_model_parse) */
    bool oom = res->errors.count == 1 && res->errors.items[0].code == APIGEN_E_NO_MEMORY;
    return decoded(res, oom ? APIGEN_RESULT_NO_MEMORY : APIGEN_RESULT_INVALID_RESPONSE);
}

const char *apigen_result_header(const apigen_result *res, const char *name)
{
    if (res == NULL || name == NULL)
        return NULL;
    size_t len = strlen(name);
    for (size_t i = 0; i < res->header_count; i++) {
        const apigen_header *h = &res->headers[i];
        if (h->name != NULL && apigen_i_equal_nocase(h->name, strlen(h->name), name, len))
            return h->value;
    }
    return NULL;
}

void apigen_result_free(apigen_result *res, void *value)
{
    if (res == NULL)
        return;
    const apigen_response *r = res->response;
    if (res->outcome == APIGEN_RESULT_OK && r != NULL && r->model != NULL && value != NULL)
        apigen_model_free(r->model, value);
    apigen_i_free(res->body);
    apigen_i_free(res->content_type);
    apigen_i_headers_free(res->headers, res->header_count);
    apigen_result_init(res);
}
