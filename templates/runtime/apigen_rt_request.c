/* apigen_rt_request.c: building an HTTP request from an operation's descriptor and the caller's
 * parameter and body structs, with no I/O (apigen_request_build, apigen_rt.h): the URL with its
 * percent-encoded path and query, the header fields, the JSON body, and their redacted twins for
 * logs. Compiled into every runtime, with or without libcurl. */

#include "apigen_rt_internal.h"

#include <stdarg.h>

/* ------------------------------------------------------------ violations ---- */
/* Each group is validated by apigen_model_validate, whose paths start at "$"; here "$" becomes
 * the group's name ("$.storeId" -> "path.storeId", "$['a.b']" -> "path['a.b']"), and the
 * builder's own violations (a path segment "..", a control character in a header) are spelled
 * by the same code (apigen_i_report), so that every path reads one way. */

typedef struct build {
    apigen_errors *errs; /* the caller's; may be NULL */
    size_t violations;   /* found, stored or not */
    bool oom;            /* memory ran out (reported once) */
    const char *root;    /* the group being written, where running out of memory is reported */
} build;

/* path, spelled from "$", with "$" replaced by root; cut with "..." when it no longer fits. */
static void reroot(char path[APIGEN_PATH_MAX], const char *root)
{
    char tmp[APIGEN_PATH_MAX + 32];
    size_t r = strlen(root), rest = strlen(path + 1);
    if (r + rest >= sizeof tmp) /* roots are short: cannot happen */
        rest = sizeof tmp - 1 - r;
    memcpy(tmp, root, r);
    memcpy(tmp + r, path + 1, rest);
    size_t len = apigen_i_path_end(tmp, r + rest);
    memcpy(path, tmp, len + 1);
}

/* Takes the violations of one group (paths from "$") into b under root. */
static void adopt(build *b, const apigen_errors *from, const char *root)
{
    b->violations += from->total;
    if (b->errs == NULL)
        return;
    b->errs->total += from->total;
    for (size_t i = 0; i < from->count && b->errs->count < APIGEN_ERRORS_MAX; i++) {
        apigen_error *e = &b->errs->items[b->errs->count++];
        *e = from->items[i];
        reroot(e->path, root);
    }
}

/* A violation of the builder's own at root.name (name NULL: at root). Messages never hold a
 * parameter's value or the credential. */
APIGEN_PRINTF(5, 6)
static void report(build *b, const char *root, const char *name, apigen_code code, const char *fmt,
                   ...)
{
    char message[APIGEN_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    apigen_errors one;
    apigen_errors_init(&one);
    ctx c = {.errs = &one};
    seg s = {NULL, name, 0};
    apigen_i_report(&c, name != NULL ? &s : NULL, code, "%s", message);
    adopt(b, &one, root);
}

static void out_of_memory(build *b)
{
    if (!b->oom)
        report(b, b->root, NULL, APIGEN_E_NO_MEMORY, "out of memory");
    b->oom = true;
}

/* Validates a group the operation has: absent when the caller passed NULL (a violation at root
 * when required), else every violation apigen_model_validate finds, under root. */
static void check_group(build *b, const apigen_model *m, const void *value, const char *root,
                        bool required, const char *what)
{
    if (m == NULL)
        return;
    if (value == NULL) {
        if (required)
            report(b, root, NULL, APIGEN_E_REQUIRED, "%s missing", what);
        return;
    }
    apigen_errors found;
    apigen_model_validate(m, value, &found);
    adopt(b, &found, root);
}

/* -------------------------------------------------------------- text ---- */
/* A growing string through apigen_i_alloc (cJSON's hooks have no realloc). */

typedef struct text {
    char *data; /* NUL-terminated once anything was put */
    size_t len, cap;
} text;

static void put(build *b, text *t, const char *s, size_t n)
{
    if (b->oom)
        return;
    if ((t->data == NULL || n >= t->cap - t->len) &&
        (n >= SIZE_MAX - t->len ||
         !apigen_i_reserve(&t->data, t->len, &t->cap, t->len + n + 1, 64, SIZE_MAX))) {
        out_of_memory(b);
        return;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static void puts_(build *b, text *t, const char *s)
{
    put(b, t, s, strlen(s));
}

/* ------------------------------------------------------- percent-encoding ---- */
/* Written here rather than taken from libcurl's URL API, which the rule "prefer libcurl" would
 * suggest: this file is compiled without libcurl (the models and the pure builder build without
 * it), and curl_url_set's CURLU_URLENCODE encodes for the whole component, not one segment: it
 * leaves '/' in a path (so "a/b" would become two segments) and writes a space in a query as
 * '+'. RFC 3986 asks for neither here. */

/* RFC 3986 section 2.3 unreserved: ALPHA DIGIT "-" "." "_" "~". */
static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* s[0..n) with every byte but unreserved ones as %XX, upper-case hex (section 2.1): valid as
 * one path segment (section 3.3) and as a query name or value (section 3.4) alike. */
static void put_encoded(build *b, text *t, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n;) {
        size_t run = i;
        while (run < n && unreserved((unsigned char)s[run]))
            run++;
        put(b, t, s + i, run - i);
        if (run == n)
            break;
        unsigned char c = (unsigned char)s[run];
        char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
        put(b, t, esc, 3);
        i = run + 1;
    }
}

/* The URL, and the same URL with each sensitive value as "***" for logs. */
typedef struct urls {
    text url, shown;
} urls;

/* s[0..n) into both URLs, percent-encoded when encode; as "***" in shown when secret. */
static void url_put(build *b, urls *u, const char *s, size_t n, bool encode, bool secret)
{
    if (encode)
        put_encoded(b, &u->url, s, n);
    else
        put(b, &u->url, s, n);
    if (secret)
        puts_(b, &u->shown, "***");
    else if (encode)
        put_encoded(b, &u->shown, s, n);
    else
        put(b, &u->shown, s, n);
}

/* ------------------------------------------------------------ parameters ---- */

/* Whether f can be a parameter: one boolean, integer, number, string or enum. The generator
 * refuses the others (arrays, objects, free-form and any values); a hand-written table may
 * still hold one, and it is a violation rather than a guess at a serialisation. */
static bool scalar_field(const apigen_field *f)
{
    if (f->flags & APIGEN_F_ARRAY)
        return false;
    return f->kind == APIGEN_KIND_BOOL || f->kind == APIGEN_KIND_INT64 ||
           f->kind == APIGEN_KIND_DOUBLE || f->kind == APIGEN_KIND_STRING ||
           f->kind == APIGEN_KIND_ENUM;
}

/* The text of a present scalar parameter: booleans "true"/"false", integers exact, numbers as
 * JSON writes them (apigen_rt_print.c: integral ones within +-(2^53-1) as integers, -0 as 0,
 * the rest the shortest text that reads back the same double), strings as they are, enums their
 * JSON string. tmp holds digits. NULL for what validate has reported (a NULL string, an enum out
 * of range, a non-finite number). *len gets its bytes. */
static const char *param_text(const apigen_field *f, const void *base, char tmp[32], size_t *len)
{
    const void *slot = cmember(base, f->offset);
    const char *s = NULL;
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        s = *(const bool *)slot ? "true" : "false";
        break;
    case APIGEN_KIND_INT64: {
        char digits[24];
        snprintf(tmp, 32, "%s", apigen_i_int_text(*(const int64_t *)slot, digits));
        s = tmp;
        break;
    }
    case APIGEN_KIND_DOUBLE: {
        double d = *(const double *)slot;
        if (!isfinite(d))
            return NULL;
        if (exact_integer(d)) {
            char digits[24];
            snprintf(tmp, 32, "%s", apigen_i_int_text((int64_t)d, digits));
        } else {
            apigen_i_format_double(d, tmp);
        }
        s = tmp;
        break;
    }
    case APIGEN_KIND_STRING:
        s = *(char *const *)slot;
        break;
    case APIGEN_KIND_ENUM: {
        int v = *(const int *)slot;
        if (v >= 1 && (size_t)v <= f->enumeration->count)
            s = f->enumeration->values[v - 1];
        break;
    }
    default:
        break;
    }
    if (s != NULL)
        *len = strlen(s);
    return s;
}

/* The text of field f of group values to send, or NULL when there is none to send: absent or
 * null (omitted), not a scalar (a violation at root.name), or invalid (validate reported it). */
static const char *sent_text(build *b, const apigen_field *f, const void *values, const char *root,
                             char tmp[32], size_t *len)
{
    if (apigen_i_field_presence(f, values) != P_VALUE)
        return NULL;
    if (!scalar_field(f)) {
        report(b, root, f->name, APIGEN_E_TYPE,
               "an array, object or any value cannot be a parameter");
        return NULL;
    }
    return param_text(f, values, tmp, len);
}

/* ------------------------------------------------------------------ path ---- */

/* The parameter for {name} of the template, as one path segment (RFC 3986 section 3.3). "", "."
 * and ".." are refused: section 5.2.4 removes dot segments, and an empty one joins its
 * neighbours, so each would address another resource. */
static void put_segment(build *b, urls *u, const apigen_field *f, const void *values)
{
    presence p = apigen_i_field_presence(f, values);
    if (p == P_ABSENT) {
        if (!(f->flags & APIGEN_F_REQUIRED)) /* else validate reported it */
            report(b, "path", f->name, APIGEN_E_REQUIRED, "path parameter missing");
        return;
    }
    if (p == P_NULL) {
        report(b, "path", f->name, APIGEN_E_TYPE, "null cannot be a path segment");
        return;
    }
    char tmp[32];
    size_t n = 0;
    const char *s = sent_text(b, f, values, "path", tmp, &n);
    if (s == NULL)
        return;
    if (n == 0)
        report(b, "path", f->name, APIGEN_E_FORMAT,
               "an empty string cannot be a path segment (RFC 3986 section 3.3)");
    else if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
        report(b, "path", f->name, APIGEN_E_FORMAT,
               "\".\" and \"..\" cannot be path segments (RFC 3986 section 5.2.4)");
    else
        url_put(b, u, s, n, true, f->flags & APIGEN_F_SENSITIVE);
}

/* base_url (NULL reads as "") without one trailing '/', then op->path with each {name} replaced. */
static void write_path(build *b, urls *u, const apigen_operation *op, const char *base_url,
                       const void *values)
{
    b->root = "path";
    size_t n = base_url != NULL ? strlen(base_url) : 0;
    if (n > 0 && base_url[n - 1] == '/')
        n--;
    url_put(b, u, base_url != NULL ? base_url : "", n, false, false);
    const char *p = op->path != NULL ? op->path : "";
    for (;;) {
        const char *open = strchr(p, '{'), *close = open != NULL ? strchr(open, '}') : NULL;
        if (close == NULL) {
            url_put(b, u, p, strlen(p), false, false);
            return;
        }
        url_put(b, u, p, (size_t)(open - p), false, false);
        size_t len = (size_t)(close - open - 1);
        const apigen_model *m = op->path_params;
        size_t k = m != NULL ? apigen_i_find_field(m, open + 1, len, 0) : NOT_FOUND;
        if (k == NOT_FOUND)
            report(b, "path", NULL, APIGEN_E_REQUIRED, "no parameter for {%.*s} of the path",
                   len > 64 ? 64 : (int)len, open + 1);
        else if (values != NULL) /* else "path" is reported missing */
            put_segment(b, u, &m->fields[k], values);
        p = close + 1;
    }
}

/* ----------------------------------------------------------------- query ---- */

/* One name=value pair, both encoded (RFC 3986 section 3.4), after '?' or '&'. */
static void put_pair(build *b, urls *u, bool *first, const char *name, const char *value, size_t n,
                     bool secret)
{
    url_put(b, u, *first ? "?" : "&", 1, false, false);
    *first = false;
    url_put(b, u, name, strlen(name), true, false);
    url_put(b, u, "=", 1, false, false);
    url_put(b, u, value, n, true, secret);
}

/* The query parameters in field order (absent and null ones omitted: a query has no null),
 * then an API key sent in the query. */
static void write_query(build *b, urls *u, const apigen_operation *op, const char *credential,
                        const void *values)
{
    b->root = "query";
    bool first = true;
    const apigen_model *m = op->query_params;
    for (size_t k = 0; m != NULL && values != NULL && k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        char tmp[32];
        size_t n = 0;
        const char *s = sent_text(b, f, values, "query", tmp, &n);
        if (s != NULL)
            put_pair(b, u, &first, f->name, s, n, f->flags & APIGEN_F_SENSITIVE);
    }
    if (op->auth.kind == APIGEN_AUTH_API_KEY && op->auth.in == APIGEN_IN_QUERY &&
        credential != NULL)
        put_pair(b, u, &first, op->auth.name, credential, strlen(credential), true);
}

/* --------------------------------------------------------------- headers ---- */

/* Appends "name: prefix value" to r's headers (room made by the caller), checked first: a name
 * that is no token or a value with a control is a violation at root.at, no value shown. */
static void add_header(build *b, apigen_request *r, const char *name, const char *prefix,
                       const char *value, bool sensitive, const char *root, const char *at)
{
    size_t p = strlen(prefix), n = strlen(value);
    if (!apigen_i_is_token(name)) {
        report(b, root, at, APIGEN_E_FORMAT, "header name is not an RFC 9110 token");
        return;
    }
    if (apigen_i_has_control(value, n)) {
        report(b, root, at, APIGEN_E_FORMAT,
               "control character in a header value (RFC 9110 section 5.5; value not shown)");
        return;
    }
    if (b->oom)
        return;
    apigen_header *h = &r->headers[r->header_count];
    char *v = p + n < SIZE_MAX ? apigen_i_alloc(p + n + 1) : NULL;
    h->name = apigen_i_strndup(name, strlen(name));
    if (v == NULL || h->name == NULL) {
        apigen_i_free(v);
        apigen_i_free(h->name);
        h->name = NULL;
        out_of_memory(b);
        return;
    }
    memcpy(v, prefix, p);
    memcpy(v + p, value, n + 1);
    h->value = v;
    h->sensitive = sensitive;
    r->header_count++;
}

/* Accept (RFC 9110 section 12.5.1): the distinct media types of op's documented responses, in
 * order, joined by ", "; "application/json" when none is named but some response has a model;
 * nothing when no response has a body. */
static void add_accept(build *b, apigen_request *r, const apigen_operation *op)
{
    text t = {NULL, 0, 0};
    bool model = false;
    for (size_t i = 0; i < op->response_count; i++) {
        const char *type = op->responses[i].content_type;
        model = model || op->responses[i].model != NULL;
        bool seen = type == NULL; /* media types compare case-insensitively (RFC 9110 8.3.1) */
        for (size_t k = 0; k < i && !seen; k++)
            seen = op->responses[k].content_type != NULL &&
                   apigen_i_equal_nocase(op->responses[k].content_type,
                                         strlen(op->responses[k].content_type), type, strlen(type));
        if (seen)
            continue;
        if (t.len > 0)
            put(b, &t, ", ", 2);
        puts_(b, &t, type);
    }
    if (t.len == 0 && model)
        puts_(b, &t, "application/json");
    if (t.data != NULL && !b->oom)
        add_header(b, r, "Accept", "", t.data, false, "header", "Accept");
    apigen_i_free(t.data);
}

/* The header parameters in field order, as they are (never percent-encoded). */
static void add_header_params(build *b, apigen_request *r, const apigen_model *m,
                              const void *values)
{
    for (size_t k = 0; m != NULL && values != NULL && k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        char tmp[32];
        size_t n = 0;
        const char *s = sent_text(b, f, values, "header", tmp, &n);
        if (s != NULL)
            add_header(b, r, f->name, "", s, f->flags & APIGEN_F_SENSITIVE, "header", f->name);
    }
}

/* ------------------------------------------------------------------ body ---- */

static void write_body(build *b, apigen_request *r, const apigen_model *m, const void *value)
{
    b->root = "body";
    if (b->oom)
        return;
    r->body = apigen_model_print(m, value);
    if (r->body == NULL) { /* validate passed, so numbers are finite: memory ran out */
        out_of_memory(b);
        return;
    }
    r->body_len = strlen(r->body);
    if (apigen_i_model_has_sensitive(m) &&
        (r->body_redacted = apigen_model_debug_string(m, value)) == NULL)
        out_of_memory(b);
}

/* A body that is not JSON (op->request_raw): the caller's bytes, copied as they are. */
static void write_raw_body(build *b, apigen_request *r, const apigen_bytes *bytes)
{
    b->root = "body";
    const char *data = bytes->data != NULL ? bytes->data : "";
    size_t len = bytes->data != NULL ? bytes->len : 0;
    if (!b->oom && (r->body = apigen_i_alloc(len + 1)) == NULL) {
        out_of_memory(b);
        return;
    }
    if (r->body != NULL) {
        memcpy(r->body, data, len);
        r->body[len] = '\0';
        r->body_len = len;
    }
}

/* ----------------------------------------------------------------- build ---- */

/* A credential op needs: present, non-empty, and without a control character (it goes into a
 * header or a query as it is). Never shown. */
static bool check_credential(build *b, const apigen_operation *op, const char *credential)
{
    if (op->auth.kind == APIGEN_AUTH_NONE)
        return true;
    if (credential == NULL || credential[0] == '\0') {
        report(b, "auth", NULL, APIGEN_E_REQUIRED, "credential missing for scheme %s",
               op->auth.scheme != NULL ? op->auth.scheme : "(unnamed)");
        return false;
    }
    if (op->auth.name == NULL || op->auth.name[0] == '\0') { /* a hand-written table */
        report(b, "auth", NULL, APIGEN_E_REQUIRED,
               "scheme %s names no header or query parameter for the credential",
               op->auth.scheme != NULL ? op->auth.scheme : "(unnamed)");
        return false;
    }
    if (apigen_i_has_control(credential, strlen(credential))) {
        report(b, "auth", NULL, APIGEN_E_FORMAT,
               "control character in the credential (RFC 9110 section 5.5; value not shown)");
        return false;
    }
    return true;
}

int apigen_request_build(const apigen_operation *op, const char *base_url, const char *credential,
                         const void *path, const void *query, const void *header, const void *body,
                         apigen_request *out, apigen_errors *errs)
{
    memset(out, 0, sizeof *out);
    apigen_errors_init(errs);
    build b = {errs, 0, false, "path"};
    if (op == NULL) {
        report(&b, "operation", NULL, APIGEN_E_REQUIRED, "no operation given");
        return -1;
    }
    check_group(&b, op->path_params, path, "path", true, "path parameters");
    check_group(&b, op->query_params, query, "query", false, "query parameters");
    check_group(&b, op->header_params, header, "header", false, "header parameters");
    check_group(&b, op->request, body, "body", op->request_required, "request body");
    if (op->request_raw && body == NULL && op->request_required)
        report(&b, "body", NULL, APIGEN_E_REQUIRED, "request body missing");
    bool auth = check_credential(&b, op, credential) && op->auth.kind != APIGEN_AUTH_NONE;

    /* Written even when a group broke its model, so that every violation of the request (a ".."
     * segment, a control in a header) is reported at once; thrown away below. */
    out->op = op;
    out->method = op->method;
    urls u = {{NULL, 0, 0}, {NULL, 0, 0}};
    write_path(&b, &u, op, base_url, path);
    write_query(&b, &u, op, auth ? credential : NULL, query);
    out->url = u.url.data;
    out->url_redacted = u.shown.data;

    b.root = "header";
    const apigen_model *hm = op->header_params;
    size_t room = 3 + (hm != NULL ? hm->field_count : 0);
    bool sends_body = (op->request != NULL || op->request_raw) && body != NULL;
    if (!b.oom && (out->headers = apigen_i_alloc_zeroed(room, sizeof *out->headers)) == NULL)
        out_of_memory(&b);
    if (out->headers != NULL) {
        add_accept(&b, out, op);
        if (sends_body)
            add_header(&b, out, "Content-Type", "",
                       op->request_content_type != NULL ? op->request_content_type
                                                        : "application/json",
                       false, "header", "Content-Type");
        if (auth && (op->auth.kind == APIGEN_AUTH_BEARER || op->auth.in == APIGEN_IN_HEADER)) {
            add_header(&b, out, op->auth.name, op->auth.kind == APIGEN_AUTH_BEARER ? "Bearer " : "",
                       credential, true, "auth", NULL);
        }
        add_header_params(&b, out, hm, header);
    }
    if (sends_body && b.violations == 0 && op->request_raw)
        write_raw_body(&b, out, body);
    else if (sends_body && b.violations == 0)
        write_body(&b, out, op->request, body);

    if (b.violations == 0)
        return 0;
    apigen_request_free(out);
    return -1;
}

void apigen_request_free(apigen_request *r)
{
    if (r == NULL)
        return;
    /* The URL may hold an API key, a header the credential, the body sensitive members: wiped
     * before they go back to the allocator. */
    apigen_i_free_secret(r->url);
    apigen_i_free(r->url_redacted);
    for (size_t i = 0; r->headers != NULL && i < r->header_count; i++)
        if (r->headers[i].sensitive)
            apigen_i_wipe(r->headers[i].value, strlen(r->headers[i].value));
    apigen_i_headers_free(r->headers, r->header_count);
    if (r->body_redacted != NULL)
        apigen_i_wipe(r->body, r->body_len);
    apigen_i_free(r->body);
    apigen_i_free(r->body_redacted);
    memset(r, 0, sizeof *r);
}
