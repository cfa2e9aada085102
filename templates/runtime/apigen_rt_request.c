/* apigen_rt_request.c: building an HTTP request from an operation's descriptor and the caller's
 * parameter and body structs, with no I/O (apigen_request_build, apigen_rt.h): the URL with its
 * percent-encoded path and query, the header fields, the JSON or form body, and their redacted
 * twins for logs. Compiled into every runtime, with or without libcurl. */

#include "apigen_rt_internal.h"

#include <stdarg.h>
#include <time.h>

/* ------------------------------------------------------------ violations ---- */
/* Each group is validated by apigen_model_validate_request, whose paths start at "$"; here "$"
 * becomes the group's name ("$.storeId" -> "path.storeId", "$['a.b']" -> "path['a.b']"), and the
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
    apigen_model_validate_request(m, value, &found);
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

/* WHATWG URL Standard section 5.2 (application/x-www-form-urlencoded serializer): the bytes a
 * form body leaves as they are. */
static bool form_safe(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' ||
           c == '-' || c == '.' || c == '_';
}

/* s[0..n) with every byte but the safe ones as %XX, upper-case hex (RFC 3986 section 2.1);
 * form: the safe ones of form_safe and a space as '+', else RFC 3986 unreserved. */
static void put_escaped(build *b, text *t, const char *s, size_t n, bool form)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n;) {
        size_t run = i;
        while (run < n &&
               (form ? form_safe((unsigned char)s[run]) : unreserved((unsigned char)s[run])))
            run++;
        put(b, t, s + i, run - i);
        if (run == n)
            break;
        unsigned char c = (unsigned char)s[run];
        char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
        put(b, t, form && c == ' ' ? "+" : esc, form && c == ' ' ? 1 : 3);
        i = run + 1;
    }
}

/* s[0..n) with every byte but unreserved ones as %XX: valid as one path segment (section 3.3)
 * and as a query name or value (section 3.4) alike. */
static void put_encoded(build *b, text *t, const char *s, size_t n)
{
    put_escaped(b, t, s, n, false);
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

/* Whether f's values are scalars (boolean, integer, number, string or enum), and whether f is
 * one scalar. Arrays of scalars are parameters too (a query style, or style simple in a path or
 * header), objects of scalars in a query in style deepObject; the generator refuses the rest
 * (free-form and any values, nested ones), and a hand-written table holding one gets a
 * violation rather than a guess at a serialisation. */
static bool scalar_kind(const apigen_field *f)
{
    return f->kind == APIGEN_KIND_BOOL || f->kind == APIGEN_KIND_INT64 ||
           f->kind == APIGEN_KIND_INT32 || f->kind == APIGEN_KIND_DOUBLE ||
           f->kind == APIGEN_KIND_STRING || f->kind == APIGEN_KIND_ENUM ||
           f->kind == APIGEN_KIND_OPEN_ENUM;
}

static bool scalar_field(const apigen_field *f)
{
    return !(f->flags & APIGEN_F_ARRAY) && scalar_kind(f);
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
    case APIGEN_KIND_INT32: {
        char digits[24];
        snprintf(tmp, 32, "%s", apigen_i_int_text(*(const int32_t *)slot, digits));
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
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM:
        s = apigen_i_enum_text(f, slot);
        break;
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

/* Item i of the array of scalars f of values, as param_text writes it; NULL when validate has
 * reported it, or when it holds delim ('\0': none), a violation at root.name: the server could
 * not tell the items apart. */
static const char *item_text(build *b, const apigen_field *f, const void *values, size_t i,
                             char delim, const char *root, char tmp[32], size_t *len)
{
    size_t count = 0;
    const char *items = apigen_i_array_items(f, values, &count);
    apigen_field item = *f; /* one item, read as a scalar field at offset 0 of its slot */
    item.offset = 0;
    item.flags &= ~APIGEN_F_ARRAY;
    const char *s = param_text(&item, items + i * apigen_i_value_size(f), tmp, len);
    if (s != NULL && delim != '\0' && memchr(s, delim, *len) != NULL) {
        report(b, root, f->name, APIGEN_E_FORMAT,
               "item %zu holds '%c', the delimiter of its style: the server could not tell the "
               "items apart",
               i, delim);
        return NULL;
    }
    return s;
}

/* The array of scalars f of values in style simple (OpenAPI 3.1 section 4.8.12.4, the style of
 * path and header parameters): its items joined by ',', each percent-encoded when encode (a
 * path segment), an item holding ',' refused. Appends to out, which the caller frees; false
 * when an item was refused. */
static bool simple_text(build *b, const apigen_field *f, const void *values, const char *root,
                        bool encode, text *out)
{
    size_t count = 0, before = b->violations;
    apigen_i_array_items(f, values, &count);
    for (size_t i = 0; i < count; i++) {
        char tmp[32];
        size_t n = 0;
        const char *s = item_text(b, f, values, i, ',', root, tmp, &n);
        if (s == NULL)
            continue;
        if (i > 0)
            put(b, out, ",", 1);
        if (encode)
            put_encoded(b, out, s, n);
        else
            put(b, out, s, n);
    }
    return b->violations == before && !b->oom;
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
    text list = {NULL, 0, 0};
    bool array = (f->flags & APIGEN_F_ARRAY) && scalar_kind(f);
    const char *s = NULL;
    if (!array)
        s = sent_text(b, f, values, "path", tmp, &n);
    else if (simple_text(b, f, values, "path", true, &list)) {
        s = list.data != NULL ? list.data : "";
        n = list.len;
    }
    if (s == NULL) {
        apigen_i_free(list.data);
        return;
    }
    if (array && n > 0) /* items encoded already; "." and ".." cannot come out of a list */
        url_put(b, u, s, n, false, f->flags & APIGEN_F_SENSITIVE);
    else if (n == 0)
        report(b, "path", f->name, APIGEN_E_FORMAT,
               "an empty string cannot be a path segment (RFC 3986 section 3.3)");
    else if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
        report(b, "path", f->name, APIGEN_E_FORMAT,
               "\".\" and \"..\" cannot be path segments (RFC 3986 section 5.2.4)");
    else
        url_put(b, u, s, n, true, f->flags & APIGEN_F_SENSITIVE);
    apigen_i_free(list.data);
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

/* The array of scalars f of values as style st writes it (apigen_query_style): exploded, one
 * pair per item; else one pair, the items joined by the style's delimiter, an item holding the
 * delimiter refused. Nothing for an empty array. */
static void put_array_param(build *b, urls *u, bool *first, const apigen_field *f,
                            const void *values, apigen_param_style st)
{
    if (st.style == APIGEN_STYLE_DEEP_OBJECT) {
        report(b, "query", f->name, APIGEN_E_TYPE, "style deepObject applies to objects");
        return;
    }
    size_t count = 0;
    apigen_i_array_items(f, values, &count);
    bool explode = st.style == APIGEN_STYLE_FORM && st.explode;
    bool secret = f->flags & APIGEN_F_SENSITIVE, started = false;
    char raw = st.style == APIGEN_STYLE_SPACE_DELIMITED  ? ' '
               : st.style == APIGEN_STYLE_PIPE_DELIMITED ? '|'
                                                         : ',';
    for (size_t i = 0; i < count; i++) {
        char tmp[32];
        size_t n = 0;
        const char *s = item_text(b, f, values, i, explode ? '\0' : raw, "query", tmp, &n);
        if (s == NULL)
            continue;
        if (explode || !started) {
            put_pair(b, u, first, f->name, s, n, secret);
        } else {
            char esc[3] = {'%', raw == ' ' ? '2' : '7', raw == ' ' ? '0' : 'C'};
            url_put(b, u, raw == ',' ? "," : esc, raw == ',' ? 1 : 3, false, false);
            url_put(b, u, s, n, true, secret);
        }
        started = true;
    }
}

/* The object of scalars f of values as style deepObject writes it: name[key]=value for each
 * present member, in field order, the brackets percent-encoded with the names (RFC 3986
 * section 3.4 has no '[' or ']' in a query). */
static void put_deep_object(build *b, urls *u, bool *first, const apigen_field *f,
                            const void *values)
{
    const apigen_model *m = f->model;
    const void *obj = cmember(values, f->offset);
    for (size_t k = 0; m != NULL && k < m->field_count; k++) {
        const apigen_field *g = &m->fields[k];
        char tmp[32];
        size_t n = 0;
        const char *s = sent_text(b, g, obj, "query", tmp, &n);
        if (s == NULL)
            continue;
        url_put(b, u, *first ? "?" : "&", 1, false, false);
        *first = false;
        url_put(b, u, f->name, strlen(f->name), true, false);
        url_put(b, u, "[", 1, true, false);
        url_put(b, u, g->name, strlen(g->name), true, false);
        url_put(b, u, "]", 1, true, false);
        url_put(b, u, "=", 1, false, false);
        url_put(b, u, s, n, true, (f->flags | g->flags) & APIGEN_F_SENSITIVE);
    }
}

/* The security requirement chosen and the credential of each of its schemes (owned, wiped
 * when freed). req NULL: no credential is sent. */
typedef struct chosen {
    const apigen_security_requirement *req;
    char **secrets; /* req->scheme_count of them */
} chosen;

/* The query parameters in field order (absent and null ones omitted: a query has no null),
 * then the API keys sent in the query. */
static void write_query(build *b, urls *u, const apigen_operation *op, const chosen *auth,
                        const void *values)
{
    b->root = "query";
    bool first = true;
    const apigen_model *m = op->query_params;
    for (size_t k = 0; m != NULL && values != NULL && k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        apigen_param_style st = {APIGEN_STYLE_FORM, true};
        if (op->query_styles != NULL)
            st = op->query_styles[k];
        bool present = apigen_i_field_presence(f, values) == P_VALUE;
        if (present && (f->flags & APIGEN_F_ARRAY) && scalar_kind(f)) {
            put_array_param(b, u, &first, f, values, st);
            continue;
        }
        if (present && !(f->flags & APIGEN_F_ARRAY) && f->kind == APIGEN_KIND_OBJECT &&
            st.style == APIGEN_STYLE_DEEP_OBJECT) {
            put_deep_object(b, u, &first, f, values);
            continue;
        }
        char tmp[32];
        size_t n = 0;
        const char *s = sent_text(b, f, values, "query", tmp, &n);
        if (s != NULL)
            put_pair(b, u, &first, f->name, s, n, f->flags & APIGEN_F_SENSITIVE);
    }
    for (size_t k = 0; auth->req != NULL && k < auth->req->scheme_count; k++) {
        const apigen_auth *a = &auth->req->schemes[k];
        if (a->kind == APIGEN_AUTH_API_KEY && a->in == APIGEN_IN_QUERY)
            put_pair(b, u, &first, a->name, auth->secrets[k], strlen(auth->secrets[k]), true);
    }
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
        if ((f->flags & APIGEN_F_ARRAY) && scalar_kind(f) &&
            apigen_i_field_presence(f, values) == P_VALUE) {
            text list = {NULL, 0, 0}; /* style simple; an empty list sends no header */
            if (simple_text(b, f, values, "header", false, &list) && list.len > 0)
                add_header(b, r, f->name, "", list.data, f->flags & APIGEN_F_SENSITIVE, "header",
                           f->name);
            apigen_i_free(list.data);
            continue;
        }
        char tmp[32];
        size_t n = 0;
        const char *s = sent_text(b, f, values, "header", tmp, &n);
        if (s != NULL)
            add_header(b, r, f->name, "", s, f->flags & APIGEN_F_SENSITIVE, "header", f->name);
    }
}

/* --------------------------------------------------------------- cookies ---- */

/* RFC 6265 section 4.1.1 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
static bool cookie_octets(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c > 0x7E || c == '"' || c == ',' || c == ';' || c == '\\')
            return false;
    }
    return true;
}

/* Appends the cookie-pairs in pairs (sensitive when any is) to r's Cookie header, making it
 * when r has none (RFC 6265 section 5.4: one Cookie field, pairs joined by "; "). Any writer of
 * a cookie (a parameter, an API key in a cookie) goes through here. */
static void append_cookie(build *b, apigen_request *r, const char *pairs, bool sensitive)
{
    for (size_t i = 0; i < r->header_count; i++) {
        apigen_header *h = &r->headers[i];
        if (!apigen_i_equal_nocase(h->name, strlen(h->name), "Cookie", 6))
            continue;
        size_t old = strlen(h->value), n = strlen(pairs);
        char *v = old + n + 3 < SIZE_MAX ? apigen_i_alloc(old + n + 3) : NULL;
        if (v == NULL) {
            out_of_memory(b);
            return;
        }
        memcpy(v, h->value, old);
        memcpy(v + old, "; ", 2);
        memcpy(v + old + 2, pairs, n + 1);
        if (h->sensitive)
            apigen_i_wipe(h->value, old);
        apigen_i_free(h->value);
        h->value = v;
        h->sensitive = h->sensitive || sensitive;
        return;
    }
    add_header(b, r, "Cookie", "", pairs, sensitive, "cookie", NULL);
}

/* The cookie parameters in field order, as name=value pairs in one Cookie field; a value that
 * is not cookie-octets is refused (value not shown). */
static void add_cookie_params(build *b, apigen_request *r, const apigen_model *m,
                              const void *values)
{
    text t = {NULL, 0, 0};
    bool sensitive = false;
    for (size_t k = 0; m != NULL && values != NULL && k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        char tmp[32];
        size_t n = 0;
        const char *s = sent_text(b, f, values, "cookie", tmp, &n);
        if (s == NULL)
            continue;
        if (!apigen_i_is_token(f->name) || !cookie_octets(s, n)) {
            report(b, "cookie", f->name, APIGEN_E_FORMAT,
                   "a cookie name must be a token and its value cookie-octets (RFC 6265 section "
                   "4.1.1: no space, '\"', ',', ';', '\\' or control; value not shown)");
            continue;
        }
        if (t.len > 0)
            put(b, &t, "; ", 2);
        puts_(b, &t, f->name);
        put(b, &t, "=", 1);
        put(b, &t, s, n);
        sensitive = sensitive || (f->flags & APIGEN_F_SENSITIVE);
    }
    if (t.data != NULL && !b->oom)
        append_cookie(b, r, t.data, sensitive);
    if (t.data != NULL && sensitive)
        apigen_i_wipe(t.data, t.len);
    apigen_i_free(t.data);
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

/* ------------------------------------------------------------------ form ---- */
/* application/x-www-form-urlencoded (apigen_body_format): written here, as the percent-encoding
 * above is, because this file is compiled without libcurl (whose curl_easy_escape encodes a
 * space as %20 and '*' too, not as the WHATWG serializer does). */

/* A form name or value (apigen_body_format): put_escaped's form encoding. */
static void put_form_encoded(build *b, text *t, const char *s, size_t n)
{
    put_escaped(b, t, s, n, true);
}

/* The body and its redacted twin (urls reused: url is the body, shown the redacted one), the
 * raw name of the pair being written (key, "a[b][]"), and whether a pair was written. */
typedef struct form {
    urls out;
    text key;
    bool first;
} form;

/* One pair key=value, value shown as "***" when secret. */
static void form_pair(build *b, form *fm, const char *value, size_t n, bool secret)
{
    for (int twin = 0; twin < 2; twin++) {
        text *t = twin ? &fm->out.shown : &fm->out.url;
        if (!fm->first)
            put(b, t, "&", 1);
        put_form_encoded(b, t, fm->key.data != NULL ? fm->key.data : "", fm->key.len);
        put(b, t, "=", 1);
        if (twin && secret)
            puts_(b, t, "***");
        else
            put_form_encoded(b, t, value, n);
    }
    fm->first = false;
}

/* Appends "[name]" (name NULL: "[]") to the key; returns the length to cut back to. */
static size_t key_push(build *b, form *fm, const char *name)
{
    size_t len = fm->key.len;
    put(b, &fm->key, "[", 1);
    if (name != NULL)
        puts_(b, &fm->key, name);
    put(b, &fm->key, "]", 1);
    return len;
}

static void key_cut(form *fm, size_t len)
{
    if (fm->key.data != NULL && len <= fm->key.len) {
        fm->key.len = len;
        fm->key.data[len] = '\0';
    }
}

static void form_field(build *b, form *fm, const apigen_field *f, const void *base,
                       apigen_param_style st, bool nested, bool secret);

/* The present members of object model m at obj, each as key[name], then its additional map. */
static void form_object(build *b, form *fm, const apigen_model *m, const void *obj, bool secret)
{
    apigen_param_style plain = {APIGEN_STYLE_FORM, true};
    for (size_t k = 0; m != NULL && k < m->field_count; k++) {
        const apigen_field *g = &m->fields[k];
        if (apigen_i_field_presence(g, obj) != P_VALUE)
            continue;
        size_t len = key_push(b, fm, g->name);
        form_field(b, fm, g, obj, plain, true, secret);
        key_cut(fm, len);
    }
    if (m != NULL && m->additional != NULL &&
        apigen_i_field_presence(m->additional, obj) == P_VALUE)
        form_field(b, fm, m->additional, obj, plain, true, secret);
}

/* The entries of map field f of base, each as key[entry key] (nested) or entry key (the
 * top-level map of a body). */
static void form_map(build *b, form *fm, const apigen_field *f, const void *base, bool nested,
                     bool secret)
{
    const char *entries = *(const char *const *)cmember(base, f->offset);
    size_t count = *(const size_t *)cmember(base, f->count_offset);
    apigen_field value = *f; /* one value, read as a field at value_offset of its entry */
    value.offset = f->value_offset;
    value.flags &= ~(APIGEN_F_MAP | APIGEN_F_HAS | APIGEN_F_NULLABLE | APIGEN_F_REQUIRED);
    apigen_param_style plain = {APIGEN_STYLE_FORM, true};
    for (size_t i = 0; entries != NULL && i < count; i++) {
        const char *entry = entries + i * f->entry_size;
        const char *name = *(char *const *)entry;
        size_t len = fm->key.len;
        if (nested)
            len = key_push(b, fm, name != NULL ? name : "");
        else
            puts_(b, &fm->key, name != NULL ? name : "");
        form_field(b, fm, &value, entry, plain, true, secret);
        key_cut(fm, len);
    }
}

/* The array of scalars f of base: exploded form at the top level repeats the key (list=a&
 * list=b); not exploded joins the items by ',' (an item holding ',' refused); nested or
 * deepObject writes key[] per item. */
static void form_array(build *b, form *fm, const apigen_field *f, const void *base,
                       apigen_param_style st, bool nested, bool secret)
{
    size_t count = 0;
    apigen_i_array_items(f, base, &count);
    bool brackets = nested || st.style == APIGEN_STYLE_DEEP_OBJECT;
    bool joined = !brackets && !st.explode;
    text all = {NULL, 0, 0};
    size_t len = brackets ? key_push(b, fm, NULL) : fm->key.len;
    for (size_t i = 0; i < count; i++) {
        char tmp[32];
        size_t n = 0;
        const char *s = item_text(b, f, base, i, joined ? ',' : '\0', "body", tmp, &n);
        if (s == NULL)
            continue;
        if (!joined) {
            form_pair(b, fm, s, n, secret);
            continue;
        }
        if (i > 0)
            put(b, &all, ",", 1);
        put(b, &all, s, n);
    }
    if (joined && count > 0)
        form_pair(b, fm, all.data != NULL ? all.data : "", all.len, secret);
    if (all.data != NULL && secret)
        apigen_i_wipe(all.data, all.len);
    apigen_i_free(all.data);
    key_cut(fm, len);
}

/* Present field f of base under the key built so far. */
static void form_field(build *b, form *fm, const apigen_field *f, const void *base,
                       apigen_param_style st, bool nested, bool secret)
{
    secret = secret || (f->flags & APIGEN_F_SENSITIVE);
    if (f->flags & APIGEN_F_MAP) {
        form_map(b, fm, f, base, true, secret);
    } else if ((f->flags & APIGEN_F_ARRAY) && scalar_kind(f)) {
        form_array(b, fm, f, base, st, nested, secret);
    } else if (!(f->flags & APIGEN_F_ARRAY) && f->kind == APIGEN_KIND_OBJECT) {
        form_object(b, fm, f->model, cmember(base, f->offset), secret);
    } else if (scalar_field(f)) {
        char tmp[32];
        size_t n = 0;
        const char *s = param_text(f, base, tmp, &n);
        if (s != NULL)
            form_pair(b, fm, s, n, secret);
    } else {
        report(b, "body", fm->key.data, APIGEN_E_TYPE,
               "an array of objects or arrays, an any, free-form or union value has no "
               "application/x-www-form-urlencoded serialisation");
    }
}

/* The body of a form operation (op->request_format APIGEN_BODY_FORM): the present fields of
 * the model, in field order, then its additional map's entries. */
static void write_form_body(build *b, apigen_request *r, const apigen_operation *op,
                            const void *value)
{
    b->root = "body";
    const apigen_model *m = op->request;
    form fm = {{{NULL, 0, 0}, {NULL, 0, 0}}, {NULL, 0, 0}, true};
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        if (f->flags & APIGEN_F_ROOT) {
            report(b, "body", NULL, APIGEN_E_TYPE,
                   "a form body is an object with properties, not a whole-document value");
            break;
        }
        if (apigen_i_field_presence(f, value) != P_VALUE)
            continue;
        apigen_param_style st = {APIGEN_STYLE_FORM, true};
        if (op->request_styles != NULL)
            st = op->request_styles[k];
        fm.key.len = 0;
        puts_(b, &fm.key, f->name);
        form_field(b, &fm, f, value, st, false, false);
    }
    if (m->additional != NULL && apigen_i_field_presence(m->additional, value) == P_VALUE) {
        fm.key.len = 0;
        form_map(b, &fm, m->additional, value, false, (m->additional->flags & APIGEN_F_SENSITIVE));
    }
    apigen_i_free(fm.key.data);
    bool redact = apigen_i_model_has_sensitive(m);
    if (b->oom || b->violations > 0 || fm.out.url.data == NULL) {
        if (fm.out.url.data != NULL && redact)
            apigen_i_wipe(fm.out.url.data, fm.out.url.len);
        apigen_i_free(fm.out.url.data);
        apigen_i_free(fm.out.shown.data);
        if (b->oom || b->violations > 0)
            return;
        /* nothing present: an empty body, not "no body" */
        if ((r->body = apigen_i_alloc(1)) == NULL) {
            out_of_memory(b);
            return;
        }
        r->body[0] = '\0';
        return;
    }
    r->body = fm.out.url.data;
    r->body_len = fm.out.url.len;
    if (redact)
        r->body_redacted = fm.out.shown.data;
    else
        apigen_i_free(fm.out.shown.data);
}

/* ------------------------------------------------------------- multipart ---- */
/* multipart/form-data (apigen_body_format, RFC 7578). Written here although libcurl has
 * curl_mime: this file is compiled without libcurl (the builder is pure and unit-tested alone),
 * and the transport sends the bytes built here, so a trace and a test see what is sent. */

/* Whether needle[0..m) occurs in s[0..n). */
static bool holds(const char *s, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; s != NULL && m <= n && i <= n - m; i++)
        if (memcmp(s + i, needle, m) == 0)
            return true;
    return false;
}

/* Whether the boundary occurs in a value of the body (then another is made). */
static bool boundary_in_values(const apigen_model *m, const void *value, const char *boundary)
{
    size_t bl = strlen(boundary);
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        if (apigen_i_field_presence(f, value) != P_VALUE)
            continue;
        const void *slot = cmember(value, f->offset);
        if (f->kind == APIGEN_KIND_FILE && !(f->flags & APIGEN_F_ARRAY)) {
            const apigen_file *x = slot;
            if (holds(x->content.data, x->content.len, boundary, bl) ||
                (x->filename && strstr(x->filename, boundary)) ||
                (x->content_type && strstr(x->content_type, boundary)))
                return true;
            continue;
        }
        size_t count = 1;
        const char *items = slot;
        if (f->flags & APIGEN_F_ARRAY)
            items = apigen_i_array_items(f, value, &count);
        apigen_field item = *f;
        item.offset = 0;
        item.flags &= ~APIGEN_F_ARRAY;
        for (size_t i = 0; scalar_kind(f) && i < count; i++) {
            char tmp[32];
            size_t n = 0;
            const char *t = param_text(&item, items + i * apigen_i_value_size(f), tmp, &n);
            if (t != NULL && holds(t, n, boundary, bl))
                return true;
        }
    }
    return false;
}

/* A boundary (RFC 2046 section 5.1.1: 1 to 70 characters that occur in no part): "apigen-"
 * and 24 hex digits of a xorshift generator seeded from the clock, the address of a local and
 * a counter, made again while a value holds it. Unpredictability is not needed, only absence. */
static void make_boundary(const apigen_model *m, const void *value, char out[32])
{
    static unsigned long counter;
    int local = 0;
    uint64_t x = (uint64_t)time(NULL) ^ ((uint64_t)(uintptr_t)&local << 16) ^
                 ((uint64_t)clock() << 32) ^ (uint64_t)++counter * 0x9E3779B97F4A7C15u;
    do {
        memcpy(out, "apigen-", 7);
        for (int i = 0; i < 24; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            out[7 + i] = "0123456789abcdef"[x & 15];
        }
        out[31] = '\0';
    } while (boundary_in_values(m, value, out));
}

/* s in a quoted Content-Disposition parameter: '"', CR and LF as %22, %0D, %0A (the WHATWG
 * HTML multipart/form-data encoding algorithm), and '\\' as %5C, which readers of RFC 822
 * quoted-strings (python's email parser) would take as an escape and browsers send raw: the
 * one spelling both read alike. */
static void put_quoted(build *b, text *t, const char *s)
{
    for (; *s; s++)
        if (*s == '"' || *s == '\r' || *s == '\n' || *s == '\\') {
            char esc[4];
            snprintf(esc, sizeof esc, "%%%02X", (unsigned)(unsigned char)*s);
            put(b, t, esc, 3);
        } else {
            put(b, t, s, 1);
        }
}

/* One part's head: the delimiter, Content-Disposition (and filename, Content-Type for a file). */
static void part_head(build *b, text *t, const char *boundary, const char *name,
                      const char *filename, const char *type)
{
    puts_(b, t, "--");
    puts_(b, t, boundary);
    puts_(b, t, "\r\nContent-Disposition: form-data; name=\"");
    put_quoted(b, t, name);
    puts_(b, t, "\"");
    if (filename != NULL) {
        puts_(b, t, "; filename=\"");
        put_quoted(b, t, filename);
        puts_(b, t, "\"");
    }
    if (type != NULL) {
        puts_(b, t, "\r\nContent-Type: ");
        puts_(b, t, type);
    }
    puts_(b, t, "\r\n\r\n");
}

/* The body of a multipart operation (op->request_format APIGEN_BODY_MULTIPART), with the
 * boundary the Content-Type names; its redacted twin shows sensitive parts as "***". */
static void write_multipart_body(build *b, apigen_request *r, const apigen_operation *op,
                                 const void *value, const char *boundary)
{
    b->root = "body";
    const apigen_model *m = op->request;
    text body = {NULL, 0, 0}, shown = {NULL, 0, 0};
    bool redact = apigen_i_model_has_sensitive(m);
    for (size_t k = 0; k < m->field_count; k++) {
        const apigen_field *f = &m->fields[k];
        if (apigen_i_field_presence(f, value) != P_VALUE)
            continue;
        bool secret = f->flags & APIGEN_F_SENSITIVE;
        if (f->kind == APIGEN_KIND_FILE && !(f->flags & APIGEN_F_ARRAY)) {
            const apigen_file *x = cmember(value, f->offset);
            const char *type = x->content_type;
            if (type == NULL && op->request_part_types != NULL)
                type = op->request_part_types[k];
            if (type != NULL && apigen_i_has_control(type, strlen(type))) {
                report(b, "body", f->name, APIGEN_E_FORMAT,
                       "a part's content type holds a control character");
                continue;
            }
            for (int twin = 0; twin < 2; twin++) {
                text *t = twin ? &shown : &body;
                part_head(b, t, boundary, f->name, x->filename ? x->filename : f->name,
                          type ? type : "application/octet-stream");
                if (twin && secret)
                    puts_(b, t, "***");
                else if (twin && redact)
                    puts_(b, t, "(file)");
                else
                    put(b, t, x->content.data, x->content.len);
                puts_(b, t, "\r\n");
            }
            continue;
        }
        if (!scalar_kind(f) || (f->flags & APIGEN_F_MAP)) {
            report(b, "body", f->name, APIGEN_E_TYPE,
                   "an object, map, any or union value has no multipart/form-data part here");
            continue;
        }
        size_t count = 1;
        const char *items = cmember(value, f->offset);
        if (f->flags & APIGEN_F_ARRAY)
            items = apigen_i_array_items(f, value, &count);
        apigen_field item = *f;
        item.offset = 0;
        item.flags &= ~APIGEN_F_ARRAY;
        for (size_t i = 0; i < count; i++) {
            char tmp[32];
            size_t n = 0;
            const char *s = param_text(&item, items + i * apigen_i_value_size(f), tmp, &n);
            for (int twin = 0; s != NULL && twin < 2; twin++) {
                text *t = twin ? &shown : &body;
                part_head(b, t, boundary, f->name, NULL, NULL);
                if (twin && secret)
                    puts_(b, t, "***");
                else
                    put(b, t, s, n);
                puts_(b, t, "\r\n");
            }
        }
    }
    for (int twin = 0; twin < 2; twin++) {
        text *t = twin ? &shown : &body;
        puts_(b, t, "--");
        puts_(b, t, boundary);
        puts_(b, t, "--\r\n");
    }
    if (b->oom || b->violations > 0) {
        if (body.data != NULL)
            apigen_i_wipe(body.data, body.len);
        apigen_i_free(body.data);
        apigen_i_free(shown.data);
        return;
    }
    r->body = body.data;
    r->body_len = body.len;
    if (redact)
        r->body_redacted = shown.data;
    else
        apigen_i_free(shown.data);
}

/* ----------------------------------------------------------------- build ---- */

/* ------------------------------------------------------------------ auth ---- */
/* OpenAPI 3.1 section 4.8.30: an operation's `security` lists alternatives (OR), each a set of
 * schemes sent together (AND). The builder asks for the credentials of each requirement in
 * order and sends the first whose every scheme has one. */

/* Where credentials come from: fn (asked per scheme) when set, else fixed for every scheme. */
typedef struct source {
    const char *fixed;
    apigen_credential_fn fn;
    void *ctx;
} source;

/* A copy of the credential of scheme a (owned), or NULL when the caller has none (NULL, "", fn
 * returning -1) or it is too long (*bad set: a violation at "auth"). */
static char *fetch_credential(build *b, const source *src, const apigen_auth *a, bool *bad)
{
    if (src->fn == NULL) {
        if (src->fixed == NULL || src->fixed[0] == '\0')
            return NULL;
        char *copy = apigen_i_strndup(src->fixed, strlen(src->fixed));
        if (copy == NULL)
            out_of_memory(b);
        return copy;
    }
    char buf[APIGEN_CREDENTIAL_MAX];
    buf[0] = '\0';
    char *copy = NULL;
    if (src->fn(src->ctx, a->scheme != NULL ? a->scheme : "", buf, sizeof buf) == 0) {
        const char *nul = memchr(buf, '\0', sizeof buf);
        size_t n = nul != NULL ? (size_t)(nul - buf) : sizeof buf;
        if (nul == NULL) {
            report(b, "auth", NULL, APIGEN_E_MAX_LENGTH, "credential longer than %d bytes",
                   APIGEN_CREDENTIAL_MAX - 1);
            *bad = true;
        } else if (n > 0 && (copy = apigen_i_strndup(buf, n)) == NULL) {
            out_of_memory(b);
        }
    }
    apigen_i_wipe(buf, sizeof buf);
    return copy;
}

static void free_secrets(char **secrets, size_t count)
{
    for (size_t k = 0; secrets != NULL && k < count; k++)
        apigen_i_free_secret(secrets[k]);
    apigen_i_free(secrets);
}

/* Whether the credential of scheme a can be sent as the scheme says; a violation at "auth"
 * otherwise. The value is never shown. */
static bool check_credential(build *b, const apigen_auth *a, const char *credential)
{
    const char *scheme = a->scheme != NULL ? a->scheme : "(unnamed)";
    if (a->name == NULL || a->name[0] == '\0') { /* a hand-written table */
        report(b, "auth", NULL, APIGEN_E_REQUIRED,
               "scheme %s names no header, query parameter or cookie for the credential", scheme);
        return false;
    }
    if (apigen_i_has_control(credential, strlen(credential))) {
        report(b, "auth", NULL, APIGEN_E_FORMAT,
               "control character in the credential of scheme %s (RFC 9110 section 5.5; value "
               "not shown)",
               scheme);
        return false;
    }
    if (a->kind == APIGEN_AUTH_BASIC && strchr(credential, ':') == NULL) {
        report(b, "auth", NULL, APIGEN_E_FORMAT,
               "the credential of basic scheme %s must be \"user-id:password\" (RFC 7617 "
               "section 2; value not shown)",
               scheme);
        return false;
    }
    if (a->kind == APIGEN_AUTH_API_KEY && a->in == APIGEN_IN_COOKIE &&
        !cookie_octets(credential, strlen(credential))) {
        report(b, "auth", NULL, APIGEN_E_FORMAT,
               "the credential of cookie scheme %s holds a byte a cookie value cannot (RFC 6265 "
               "section 4.1.1: no space, '\"', ',', ';', '\\\\' or non-ASCII; value not shown)",
               scheme);
        return false;
    }
    return true;
}

/* The first requirement of op whose every scheme has a credential, into *out; a violation at
 * "auth" when none has (naming the first scheme lacking one in the first requirement). */
static void choose_requirement(build *b, const apigen_operation *op, const source *src, chosen *out)
{
    const char *missing = NULL;
    size_t missing_with = 0;
    const apigen_security_requirement *none = NULL; /* a `{}` alternative: no credential */
    for (size_t i = 0; i < op->security_count && !b->oom; i++) {
        const apigen_security_requirement *r = &op->security[i];
        if (r->scheme_count == 0) { /* tried last: a credential the caller has is sent */
            none = none != NULL ? none : r;
            continue;
        }
        char **secrets = NULL;
        if (r->scheme_count > 0 &&
            (secrets = apigen_i_alloc_zeroed(r->scheme_count, sizeof *secrets)) == NULL) {
            out_of_memory(b);
            return;
        }
        bool all = true, bad = false;
        for (size_t k = 0; k < r->scheme_count && all && !bad && !b->oom; k++) {
            secrets[k] = fetch_credential(b, src, &r->schemes[k], &bad);
            if (secrets[k] == NULL && !bad && !b->oom) {
                all = false;
                if (missing == NULL) {
                    missing = r->schemes[k].scheme != NULL ? r->schemes[k].scheme : "(unnamed)";
                    missing_with = r->scheme_count - 1;
                }
            }
        }
        if (all && !bad && !b->oom) {
            bool sendable = true;
            for (size_t k = 0; k < r->scheme_count; k++)
                sendable = check_credential(b, &r->schemes[k], secrets[k]) && sendable;
            if (sendable) {
                out->req = r;
                out->secrets = secrets;
            } else {
                free_secrets(secrets, r->scheme_count);
            }
            return;
        }
        free_secrets(secrets, r->scheme_count);
        if (bad || b->oom)
            return;
    }
    if (none != NULL && !b->oom) {
        out->req = none;
        return;
    }
    if (missing != NULL)
        report(b, "auth", NULL, APIGEN_E_REQUIRED, "credential missing for scheme %s%s%s", missing,
               missing_with > 0 ? " (sent together with the other schemes of its requirement)" : "",
               op->security_count > 1 ? "; no other security requirement has all its credentials"
                                      : "");
}

/* base64 of s[0..n) (RFC 4648 section 4, with padding), NUL-terminated; NULL when out of
 * memory. Written here: libcurl's base64 encoder is not part of its public API, and this
 * file is compiled without libcurl. The Basic header is built here, not by libcurl's
 * CURLOPT_USERNAME/CURLOPT_PASSWORD, so that the request holds every header it sends: tests see
 * it, and the trace shows it as "***" like every other credential. */
static char *base64(const char *s, size_t n)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (n > (SIZE_MAX - 1) / 4 * 3 - 2)
        return NULL;
    char *out = apigen_i_alloc((n + 2) / 3 * 4 + 1);
    if (out == NULL)
        return NULL;
    char *o = out;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned long v = (unsigned long)u[i] << 16 | (unsigned long)u[i + 1] << 8 | u[i + 2];
        *o++ = abc[v >> 18 & 63];
        *o++ = abc[v >> 12 & 63];
        *o++ = abc[v >> 6 & 63];
        *o++ = abc[v & 63];
    }
    if (i < n) {
        unsigned long v =
            (unsigned long)u[i] << 16 | (i + 1 < n ? (unsigned long)u[i + 1] << 8 : 0);
        *o++ = abc[v >> 18 & 63];
        *o++ = abc[v >> 12 & 63];
        *o++ = i + 1 < n ? abc[v >> 6 & 63] : '=';
        *o++ = '=';
    }
    *o = '\0';
    return out;
}

/* The header fields of the chosen requirement: bearer and basic credentials and API keys in
 * headers each in its own field; API keys in cookies together in one Cookie field (RFC 6265
 * section 5.4: "name=value" pairs joined by "; "). All sensitive. */
static void add_auth_headers(build *b, apigen_request *r, const chosen *auth)
{
    const apigen_security_requirement *req = auth->req;
    text cookie = {NULL, 0, 0};
    for (size_t k = 0; req != NULL && k < req->scheme_count; k++) {
        const apigen_auth *a = &req->schemes[k];
        const char *secret = auth->secrets[k];
        if (a->kind == APIGEN_AUTH_BASIC) {
            char *v = base64(secret, strlen(secret));
            if (v == NULL)
                out_of_memory(b);
            else
                add_header(b, r, a->name, "Basic ", v, true, "auth", NULL);
            apigen_i_free_secret(v);
        } else if (a->kind == APIGEN_AUTH_BEARER) {
            add_header(b, r, a->name, "Bearer ", secret, true, "auth", NULL);
        } else if (a->in == APIGEN_IN_HEADER) {
            add_header(b, r, a->name, "", secret, true, "auth", NULL);
        } else if (a->in == APIGEN_IN_COOKIE) {
            if (!apigen_i_is_token(a->name)) {
                report(b, "auth", NULL, APIGEN_E_FORMAT,
                       "cookie name is not an RFC 6265 token (scheme %s)",
                       a->scheme != NULL ? a->scheme : "(unnamed)");
                continue;
            }
            if (cookie.len > 0)
                put(b, &cookie, "; ", 2);
            puts_(b, &cookie, a->name);
            put(b, &cookie, "=", 1);
            puts_(b, &cookie, secret);
        }
    }
    if (cookie.data != NULL && !b->oom) /* one Cookie field, whatever writes to it first */
        append_cookie(b, r, cookie.data, true);
    apigen_i_free_secret(cookie.data);
}

/* Content-Type: <request_content_type's type/subtype, "multipart/form-data" by default>;
 * boundary=<it> (a boundary the spec wrote is dropped with its other parameters). */
static void add_multipart_type(build *b, apigen_request *r, const apigen_operation *op,
                               const char *boundary)
{
    text t = {NULL, 0, 0};
    const char *type = op->request_content_type ? op->request_content_type : "multipart/form-data";
    put(b, &t, type, strcspn(type, "; \t"));
    puts_(b, &t, "; boundary=");
    puts_(b, &t, boundary);
    if (t.data != NULL)
        add_header(b, r, "Content-Type", "", t.data, false, "header", "Content-Type");
    apigen_i_free(t.data);
}

static int build_request(const apigen_operation *op, const char *base_url, const source *src,
                         const void *path, const void *query, const void *header,
                         const void *cookie, const void *body, apigen_request *out,
                         apigen_errors *errs)
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
    check_group(&b, op->cookie_params, cookie, "cookie", false, "cookie parameters");
    check_group(&b, op->request, body, "body", op->request_required, "request body");
    if (op->request_raw && body == NULL && op->request_required)
        report(&b, "body", NULL, APIGEN_E_REQUIRED, "request body missing");
    chosen auth = {NULL, NULL};
    b.root = "auth";
    choose_requirement(&b, op, src, &auth);

    /* Written even when a group broke its model, so that every violation of the request (a ".."
     * segment, a control in a header) is reported at once; thrown away below. */
    out->op = op;
    out->method = op->method;
    urls u = {{NULL, 0, 0}, {NULL, 0, 0}};
    write_path(&b, &u, op, base_url, path);
    write_query(&b, &u, op, &auth, query);
    out->url = u.url.data;
    out->url_redacted = u.shown.data;

    b.root = "header";
    const apigen_model *hm = op->header_params;
    size_t room = 5 + (hm != NULL ? hm->field_count : 0) + /* + Cookie */
                  (auth.req != NULL ? auth.req->scheme_count : 0);
    bool sends_body = (op->request != NULL || op->request_raw) && body != NULL;
    bool multipart = sends_body && op->request_format == APIGEN_BODY_MULTIPART;
    char boundary[32] = "";
    if (multipart)
        make_boundary(op->request, body, boundary);
    if (!b.oom && (out->headers = apigen_i_alloc_zeroed(room, sizeof *out->headers)) == NULL)
        out_of_memory(&b);
    if (out->headers != NULL) {
        add_accept(&b, out, op);
        if (multipart)
            add_multipart_type(&b, out, op, boundary);
        else if (sends_body)
            add_header(&b, out, "Content-Type", "",
                       op->request_content_type != NULL ? op->request_content_type
                                                        : "application/json",
                       false, "header", "Content-Type");
        add_auth_headers(&b, out, &auth);
        add_header_params(&b, out, hm, header);
        add_cookie_params(&b, out, op->cookie_params, cookie);
    }
    free_secrets(auth.secrets, auth.req != NULL ? auth.req->scheme_count : 0);
    if (sends_body && b.violations == 0 && op->request_raw)
        write_raw_body(&b, out, body);
    else if (sends_body && b.violations == 0 && op->request_format == APIGEN_BODY_FORM)
        write_form_body(&b, out, op, body);
    else if (multipart && b.violations == 0)
        write_multipart_body(&b, out, op, body, boundary);
    else if (sends_body && b.violations == 0)
        write_body(&b, out, op->request, body);

    if (b.violations == 0)
        return 0;
    apigen_request_free(out);
    return -1;
}

int apigen_request_build(const apigen_operation *op, const char *base_url, const char *credential,
                         const void *path, const void *query, const void *header, const void *body,
                         apigen_request *out, apigen_errors *errs)
{
    source src = {credential, NULL, NULL};
    return build_request(op, base_url, &src, path, query, header, NULL, body, out, errs);
}

int apigen_request_build_cookies(const apigen_operation *op, const char *base_url,
                                 const char *credential, const void *path, const void *query,
                                 const void *header, const void *cookie, const void *body,
                                 apigen_request *out, apigen_errors *errs)
{
    source src = {credential, NULL, NULL};
    return build_request(op, base_url, &src, path, query, header, cookie, body, out, errs);
}

int apigen_request_build_with(const apigen_operation *op, const char *base_url,
                              apigen_credential_fn credential_fn, void *credential_ctx,
                              const void *path, const void *query, const void *header,
                              const void *cookie, const void *body, apigen_request *out,
                              apigen_errors *errs)
{
    source src = {NULL, credential_fn, credential_ctx};
    return build_request(op, base_url, &src, path, query, header, cookie, body, out, errs);
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
