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

/* Whether a response has no content whatever its documentation says (RFC 9110 sections 9.3.2,
 * 15.3.5 and 15.4.5): any response to HEAD, a 204 (No Content), a 304 (Not Modified). */
static bool bodyless(const apigen_operation *op, int status)
{
    return status == 204 || status == 304 ||
           (op->method != NULL && strcmp(op->method, "HEAD") == 0);
}

static int decoded(apigen_result *res, apigen_outcome outcome)
{
    res->outcome = outcome;
    return outcome == APIGEN_RESULT_OK ? 0 : -1;
}

/* ------------------------------------------------------- response headers ---- */
/* The documented headers of a response (OpenAPI 3.1 section 4.8.17.1, `headers`) are read with
 * the model machinery: the received values become one JSON object (numbers and booleans as
 * JSON when their text is one, everything else as a JSON string), which apigen_model_parse
 * reads exactly (all of int64) and validates (type, enum, pattern, format, bounds, required).
 * A text that is no JSON number for an integer header is thus a type violation, not a guess. */

/* Whether s[0..n) is a JSON number (RFC 8259 section 6): what may go into the object as it is. */
static bool json_number_text(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9')
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return false;
    if (i < n && s[i] == '.') {
        size_t d = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return false;
    }
    return i == n;
}

/* The value of header name in res: its field lines combined in order with ", " (RFC 9110
 * section 5.3: a recipient may combine them so), OWS trimmed; NULL when absent (*found false)
 * or out of memory (*found true). Owned by the caller. */
static char *header_text(const apigen_result *res, const char *name, bool *found)
{
    *found = false;
    size_t len = strlen(name), total = 0, lines = 0;
    for (size_t i = 0; i < res->header_count; i++) {
        const apigen_header *h = &res->headers[i];
        if (h->name != NULL && h->value != NULL &&
            apigen_i_equal_nocase(h->name, strlen(h->name), name, len)) {
            total += strlen(h->value) + 2;
            lines++;
        }
    }
    if (lines == 0)
        return NULL;
    *found = true;
    char *out = apigen_i_alloc(total + 1), *o = out;
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < res->header_count; i++) {
        const apigen_header *h = &res->headers[i];
        if (h->name == NULL || h->value == NULL ||
            !apigen_i_equal_nocase(h->name, strlen(h->name), name, len))
            continue;
        const char *v = h->value;
        size_t n = strlen(v);
        while (n > 0 && apigen_i_is_ows(*v))
            v++, n--;
        while (n > 0 && apigen_i_is_ows(v[n - 1]))
            n--;
        if (o != out) {
            memcpy(o, ", ", 2);
            o += 2;
        }
        memcpy(o, v, n);
        o += n;
    }
    *o = '\0';
    return out;
}

/* Whether header field f is read as a JSON number: integers (int64 and int32), numbers, and
 * integer enums, open or closed (their values travel as JSON integers). */
static bool header_is_number(const apigen_field *f)
{
    switch (f->kind) {
    case APIGEN_KIND_INT64:
    case APIGEN_KIND_INT32:
    case APIGEN_KIND_DOUBLE:
        return true;
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM:
        return f->enumeration != NULL && f->enumeration->integer;
    default:
        return false;
    }
}

/* The documented headers of res as one JSON text (see above), or NULL when out of memory. */
static char *headers_json(const apigen_model *m, const apigen_result *res)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL;
    for (size_t k = 0; ok && k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        bool found;
        char *text = header_text(res, f->name, &found);
        if (!found)
            continue;
        if (text == NULL) {
            ok = false;
            break;
        }
        bool raw = false;
        if (!(f->flags & APIGEN_F_ARRAY) && header_is_number(f))
            raw = json_number_text(text, strlen(text));
        else if (!(f->flags & APIGEN_F_ARRAY) && f->kind == APIGEN_KIND_BOOL)
            raw = strcmp(text, "true") == 0 || strcmp(text, "false") == 0;
        cJSON *item = raw ? cJSON_CreateRaw(text) : cJSON_CreateString(text);
        apigen_i_free(text);
        ok = item != NULL && cJSON_AddItemToObject(obj, f->name, item);
        if (item != NULL && !ok)
            cJSON_Delete(item);
    }
    char *json = ok ? cJSON_PrintUnformatted(obj) : NULL;
    cJSON_Delete(obj);
    return json;
}

/* Each violation path from "$" re-rooted at "header" ("$['X-Rate']" -> "header['X-Rate']"). */
static void root_at_header(apigen_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        char *path = errs->items[i].path;
        if (path[0] != '$' || errs->items[i].code == APIGEN_E_NO_MEMORY)
            continue;
        char tmp[APIGEN_PATH_MAX + 8];
        size_t rest = strlen(path + 1);
        memcpy(tmp, "header", 6);
        memcpy(tmp + 6, path + 1, rest + 1);
        size_t len = apigen_i_path_end(tmp, 6 + rest);
        memcpy(path, tmp, len + 1);
    }
}

/* Decodes the documented headers of res->response into res->header_values; the outcome:
 * OK, INVALID_RESPONSE (errors at "header...") or NO_MEMORY. */
static apigen_outcome decode_headers(apigen_result *res)
{
    const apigen_model *m = res->response->headers;
    char *json = headers_json(m, res);
    void *values = json != NULL ? apigen_i_alloc_zeroed(1, m->size) : NULL;
    if (values == NULL) {
        apigen_i_free(json);
        apigen_errors_init(&res->errors);
        res->errors.total = 1;
        apigen_error *e = &res->errors.items[res->errors.count++];
        e->code = APIGEN_E_NO_MEMORY;
        snprintf(e->path, sizeof e->path, "header");
        snprintf(e->message, sizeof e->message, "out of memory");
        return APIGEN_RESULT_NO_MEMORY;
    }
    int rc = apigen_model_parse(m, json, strlen(json), values, &res->errors);
    apigen_i_free(json);
    if (rc == 0) {
        res->header_values = values;
        return APIGEN_RESULT_OK;
    }
    apigen_i_free(values);
    bool oom = res->errors.count == 1 && res->errors.items[0].code == APIGEN_E_NO_MEMORY;
    root_at_header(&res->errors);
    return oom ? APIGEN_RESULT_NO_MEMORY : APIGEN_RESULT_INVALID_RESPONSE;
}

/* The body decoded OK: the headers next; when they fail, the body is released (nothing stays
 * decoded but on OK). */
static int decoded_with_headers(const apigen_operation *op, apigen_result *res, void *value)
{
    const apigen_response *r = res->response;
    if (r->headers == NULL)
        return decoded(res, APIGEN_RESULT_OK);
    apigen_outcome o = decode_headers(res);
    if (o != APIGEN_RESULT_OK && r->model != NULL && value != NULL) {
        apigen_model_free(r->model, value);
        memset(value, 0, largest_model(op));
    }
    return decoded(res, o);
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
        return decoded_with_headers(op, res, value);
    /* no content, whatever is documented: a response to HEAD, a 204, a 304 (a "2XX" model does
     * not apply to a 204) */
    if (bodyless(op, res->status))
        return decoded_with_headers(op, res, value);
    if (res->content_type != NULL && r->content_type != NULL &&
        !same_media_type(res->content_type, r->content_type))
        return decoded(res, APIGEN_RESULT_WRONG_CONTENT_TYPE);
    if (r->raw) { /* not JSON: the bytes as received, not parsed */
        if (value != NULL) {
            apigen_bytes *bytes = value;
            bytes->data = res->body != NULL ? res->body : "";
            bytes->len = res->body != NULL ? res->body_len : 0;
        }
        return decoded_with_headers(op, res, value);
    }
    /* No body where one is documented: parsed as "", a syntax violation. */
    const char *text = res->body != NULL ? res->body : "";
    size_t len = res->body != NULL ? res->body_len : 0;
    if (apigen_model_parse_response(r->model, text, len, value, &res->errors) == 0)
        return decoded_with_headers(op, res, value);
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
    if (res->header_values != NULL && r != NULL && r->headers != NULL)
        apigen_model_free(r->headers, res->header_values);
    apigen_i_free(res->header_values);
    apigen_i_free(res->body);
    apigen_i_free(res->content_type);
    apigen_i_headers_free(res->headers, res->header_count);
    apigen_result_init(res);
}
