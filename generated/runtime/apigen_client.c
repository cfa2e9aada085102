/* apigen_client.c: the transport. Sends a request built by apigen_rt_request.c over libcurl,
 * with the client's timeouts, TLS settings and retry policy, and hands the response to the
 * decoder (apigen_rt_response.c): apigen_rt.h, section "transport (libcurl)". Compiled only
 * where libcurl is found; the only part of the runtime that does I/O or uses threads. */

#define _POSIX_C_SOURCE 200809L /* pthreads, nanosleep, clock_gettime under -std=c11 */

#include "apigen_rt_internal.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#if LIBCURL_VERSION_NUM < 0x075500
#error "apigen_client.c needs libcurl 7.85.0 or later (CURLOPT_PROTOCOLS_STR)"
#endif

/* Easy handles kept for reuse: each keeps its live connections across calls. */
#define POOL_MAX 16

/* libcurl's connection cache cannot be shared between threads that transfer at once
 * (CURL_LOCK_DATA_CONNECT is documented as not thread-safe), so connections are reused through a
 * pool of easy handles, each with its own cache: a call takes one, returns it after
 * curl_easy_reset (which keeps live connections). The DNS and TLS session caches are shared
 * (CURLSH) under one mutex each. Everything else of a call lives on its own stack. */
struct apigen_client {
    char *base_url;
    char *credential; /* NULL: none; wiped before it is freed */
    apigen_credential_fn credential_fn;
    void *credential_ctx;
    long connect_timeout_ms, timeout_ms;
    char *ca_file, *ca_path, *client_cert, *client_key, *client_key_password;
    char *user_agent;
    size_t max_response_bytes;
    unsigned max_attempts;
    long retry_base_ms, retry_max_ms;
    char *idempotency_header;
    void (*trace)(void *ctx, const apigen_trace *t);
    void *trace_ctx;

    CURLSH *share;
    pthread_mutex_t share_locks[CURL_LOCK_DATA_LAST];
    pthread_mutex_t pool_lock;
    CURL *pool[POOL_MAX];
    size_t pool_count;
    _Atomic uint64_t jitter; /* splitmix64 state of the retry jitter, shared lock-free */
};

/* ------------------------------------------------------------- small helpers ---- */

/* A copy of s through the runtime's allocator; *ok false when it could not be made. NULL
 * stays NULL. */
static char *copy_opt(const char *s, bool *ok)
{
    if (s == NULL)
        return NULL;
    char *copy = apigen_i_strndup(s, strlen(s));
    if (copy == NULL)
        *ok = false;
    return copy;
}

/* Grows the array at *p of *cap elements of elem bytes to hold need, doubling from 8, through
 * the runtime's allocator (no realloc there); false when out of memory. */
static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n = n > SIZE_MAX / 2 ? need : n * 2;
    void *q = apigen_i_alloc_zeroed(n, elem);
    if (q == NULL)
        return false;
    if (*p != NULL)
        memcpy(q, *p, *cap * elem);
    apigen_i_free(*p);
    *p = q;
    *cap = n;
    return true;
}

/* ------------------------------------------------------------- libcurl set-up ---- */

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_status = CURLE_FAILED_INIT;

/* curl_global_init runs once, for the first client, and is never undone. Not for thread safety:
 * since 7.84 (this file needs 7.85) it is thread-safe and counts its calls. The reason is the
 * other libcurl users in the same program: a curl_global_cleanup when a client is freed could
 * tear libcurl's global state down under them (one cleanup more than their inits), so the
 * transport takes libcurl up once and leaves it up. */
static void global_init(void)
{
    global_status = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void share_lock(CURL *h, curl_lock_data data, curl_lock_access access, void *userptr)
{
    (void)h, (void)access;
    apigen_client *c = userptr;
    if ((int)data >= 0 && data < CURL_LOCK_DATA_LAST)
        pthread_mutex_lock(&c->share_locks[data]);
}

static void share_unlock(CURL *h, curl_lock_data data, void *userptr)
{
    (void)h;
    apigen_client *c = userptr;
    if ((int)data >= 0 && data < CURL_LOCK_DATA_LAST)
        pthread_mutex_unlock(&c->share_locks[data]);
}

/* An easy handle from the pool, or a new one attached to the client's share; NULL when out
 * of memory. */
static CURL *handle_take(apigen_client *c)
{
    CURL *h = NULL;
    pthread_mutex_lock(&c->pool_lock);
    if (c->pool_count > 0)
        h = c->pool[--c->pool_count];
    pthread_mutex_unlock(&c->pool_lock);
    if (h != NULL)
        return h;
    h = curl_easy_init();
    if (h != NULL && curl_easy_setopt(h, CURLOPT_SHARE, c->share) != CURLE_OK) {
        curl_easy_cleanup(h);
        h = NULL;
    }
    return h;
}

/* Puts h back for the next call, its options reset (its connections, caches and share kept);
 * beyond POOL_MAX it is closed. */
static void handle_give_back(apigen_client *c, CURL *h)
{
    curl_easy_reset(h);
    pthread_mutex_lock(&c->pool_lock);
    if (c->pool_count < POOL_MAX) {
        c->pool[c->pool_count++] = h;
        h = NULL;
    }
    pthread_mutex_unlock(&c->pool_lock);
    if (h != NULL)
        curl_easy_cleanup(h);
}

/* ----------------------------------------------------------------- options ---- */

void apigen_client_options_init(apigen_client_options *o)
{
    memset(o, 0, sizeof *o);
    o->connect_timeout_ms = 10000;
    o->timeout_ms = 30000;
    o->max_response_bytes = 10485760;
    o->max_attempts = 1;
    o->retry_base_ms = 200;
    o->retry_max_ms = 10000;
    o->idempotency_header = "Idempotency-Key";
}

static void set_error(char *errbuf, size_t errsize, const char *message)
{
    if (errbuf != NULL && errsize > 0)
        snprintf(errbuf, errsize, "%s", message);
}

/* Whether url is an absolute http or https URL without query, fragment or userinfo, as
 * libcurl's URL API parses it (RFC 3986 with libcurl's leniencies): the one parser the
 * transport uses. Any '?' or '#' is refused, an empty query or fragment too (every call would
 * go to the base URL's path). Userinfo would be sent as Basic credentials and shown in the
 * trace's URL. */
static bool base_url_ok(const char *url, char *errbuf, size_t errsize)
{
    CURLU *u = curl_url();
    if (u == NULL) {
        set_error(errbuf, errsize, "out of memory");
        return false;
    }
    bool ok = false;
    char *scheme = NULL, *user = NULL, *password = NULL;
    CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, 0);
    if (rc != CURLUE_OK)
        set_error(errbuf, errsize, "base_url is not an absolute URL libcurl can use");
    else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
             (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
        set_error(errbuf, errsize, "base_url must be an http or https URL");
    else if (strpbrk(url, "?#") != NULL) /* libcurl's URL API takes an empty one for none */
        set_error(errbuf, errsize, "base_url must not have a query or a fragment");
    else if (curl_url_get(u, CURLUPART_USER, &user, 0) != CURLUE_NO_USER ||
             curl_url_get(u, CURLUPART_PASSWORD, &password, 0) != CURLUE_NO_PASSWORD)
        set_error(errbuf, errsize, "base_url must not hold a user or password (userinfo)");
    else
        ok = true;
    curl_free(scheme);
    curl_free(user);
    curl_free(password);
    curl_url_cleanup(u);
    return ok;
}

/* Whether the field name is one of the count names (compared case-insensitively). */
static bool name_among(const char *name, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (apigen_i_equal_nocase(name, strlen(name), names[i], strlen(names[i])))
            return true;
    return false;
}

/* Whether name is a field the request builder writes on its own (Accept, Content-Type, the
 * usual auth header): as an idempotency header it would make every request retryable. */
static bool carried_by_every_request(const char *name)
{
    static const char *const names[] = {"Accept", "Content-Type", "Authorization"};
    return name_among(name, names, sizeof names / sizeof names[0]);
}

/* Releases the strings of c (secrets wiped first) and c itself. */
static void free_fields(apigen_client *c)
{
    apigen_i_free(c->base_url);
    apigen_i_free_secret(c->credential);
    apigen_i_free(c->ca_file);
    apigen_i_free(c->ca_path);
    apigen_i_free(c->client_cert);
    apigen_i_free(c->client_key);
    apigen_i_free_secret(c->client_key_password);
    apigen_i_free(c->user_agent);
    apigen_i_free(c->idempotency_header);
    apigen_i_free(c);
}

apigen_client *apigen_client_new(const apigen_client_options *o, char *errbuf, size_t errsize)
{
    set_error(errbuf, errsize, "");
    if (o == NULL || o->base_url == NULL || o->base_url[0] == '\0') {
        set_error(errbuf, errsize, "base_url is required");
        return NULL;
    }
    if (pthread_once(&global_once, global_init) != 0 || global_status != CURLE_OK) {
        set_error(errbuf, errsize, "libcurl failed to initialise (curl_global_init)");
        return NULL;
    }
    if (!base_url_ok(o->base_url, errbuf, errsize))
        return NULL;
    if (o->user_agent != NULL && apigen_i_has_control(o->user_agent, strlen(o->user_agent))) {
        set_error(errbuf, errsize, "user_agent holds a control character");
        return NULL;
    }
    if (o->idempotency_header != NULL && !apigen_i_is_token(o->idempotency_header)) {
        set_error(errbuf, errsize, "idempotency_header is not a header name (an RFC 9110 token)");
        return NULL;
    }
    if (o->idempotency_header != NULL && carried_by_every_request(o->idempotency_header)) {
        set_error(errbuf, errsize,
                  "idempotency_header names a field requests carry anyway (Accept, Content-Type, "
                  "Authorization)");
        return NULL;
    }

    apigen_client *c = apigen_i_alloc_zeroed(1, sizeof *c);
    if (c == NULL) {
        set_error(errbuf, errsize, "out of memory");
        return NULL;
    }
    bool ok = true;
    c->base_url = copy_opt(o->base_url, &ok);
    c->credential = copy_opt(o->credential, &ok);
    c->credential_fn = o->credential_fn;
    c->credential_ctx = o->credential_ctx;
    c->connect_timeout_ms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : 10000;
    c->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 30000;
    c->ca_file = copy_opt(o->ca_file, &ok);
    c->ca_path = copy_opt(o->ca_path, &ok);
    c->client_cert = copy_opt(o->client_cert, &ok);
    c->client_key = copy_opt(o->client_key, &ok);
    c->client_key_password = copy_opt(o->client_key_password, &ok);
    c->max_response_bytes = o->max_response_bytes > 0 ? o->max_response_bytes : 10485760;
    if (c->max_response_bytes == SIZE_MAX)
        c->max_response_bytes--; /* room for the body's NUL */
    c->max_attempts = o->max_attempts > 0 ? o->max_attempts : 1;
    c->retry_base_ms = o->retry_base_ms > 0 ? o->retry_base_ms : 0;
    c->retry_max_ms = o->retry_max_ms > 0 ? o->retry_max_ms : 0;
    c->idempotency_header = copy_opt(o->idempotency_header, &ok);
    c->trace = o->trace;
    c->trace_ctx = o->trace_ctx;
    if (o->user_agent != NULL) {
        c->user_agent = copy_opt(o->user_agent, &ok);
    } else {
        char ua[96];
        snprintf(ua, sizeof ua, "apigen/%d libcurl/%s", APIGEN_RT_VERSION,
                 curl_version_info(CURLVERSION_NOW)->version);
        c->user_agent = copy_opt(ua, &ok);
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    atomic_init(&c->jitter,
                (uint64_t)now.tv_nsec ^ ((uint64_t)now.tv_sec << 30) ^ (uint64_t)(uintptr_t)c);

    size_t locks = 0;
    bool pool_lock = false;
    if (ok) {
        for (; locks < CURL_LOCK_DATA_LAST; locks++)
            if (pthread_mutex_init(&c->share_locks[locks], NULL) != 0)
                break;
        pool_lock = pthread_mutex_init(&c->pool_lock, NULL) == 0;
        ok = locks == CURL_LOCK_DATA_LAST && pool_lock;
    }
    if (ok) {
        c->share = curl_share_init();
        ok = c->share != NULL &&
             curl_share_setopt(c->share, CURLSHOPT_LOCKFUNC, share_lock) == CURLSHE_OK &&
             curl_share_setopt(c->share, CURLSHOPT_UNLOCKFUNC, share_unlock) == CURLSHE_OK &&
             curl_share_setopt(c->share, CURLSHOPT_USERDATA, c) == CURLSHE_OK &&
             curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) == CURLSHE_OK &&
             curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) == CURLSHE_OK;
    }
    if (!ok) {
        set_error(errbuf, errsize, "out of memory");
        if (c->share != NULL)
            curl_share_cleanup(c->share);
        c->share = NULL;
        while (locks > 0)
            pthread_mutex_destroy(&c->share_locks[--locks]);
        if (pool_lock)
            pthread_mutex_destroy(&c->pool_lock);
        c->pool_count = 0;
        free_fields(c);
        return NULL;
    }
    return c;
}

void apigen_client_free(apigen_client *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->pool_count; i++)
        curl_easy_cleanup(c->pool[i]); /* detaches it from the share */
    curl_share_cleanup(c->share);
    for (size_t i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_destroy(&c->share_locks[i]);
    pthread_mutex_destroy(&c->pool_lock);
    free_fields(c);
}

/* ---------------------------------------------------------- receiving a response ---- */

/* What one attempt receives, written by libcurl's callbacks into res. */
typedef struct transfer {
    apigen_result *res;
    size_t body_cap;   /* bytes allocated at res->body (its NUL included) */
    size_t header_cap; /* entries allocated at res->headers */
    size_t max;        /* max_response_bytes */
    size_t value_cap;  /* bytes allocated at the last header's value (its NUL included) */
    bool too_large;    /* the body passed max: its first max bytes are kept */
    bool oom;
    bool at_status;    /* the next header line is a status line (a response starts) */
    bool interim;      /* the response whose fields arrive is a 1xx one */
    bool headers_done; /* the blank line ending a final response's fields arrived */
} transfer;

static void free_headers(apigen_result *res)
{
    apigen_i_headers_free(res->headers, res->header_count);
    res->headers = NULL;
    res->header_count = 0;
}

/* Forgets what an earlier attempt received (an attempt starts from an empty result). */
static void transfer_reset(transfer *t)
{
    apigen_result *res = t->res;
    free_headers(res);
    apigen_i_free(res->body);
    apigen_i_free(res->content_type);
    res->body = NULL;
    res->body_len = 0;
    res->content_type = NULL;
    res->status = 0;
    res->transport_kind = APIGEN_TRANSPORT_NONE;
    res->transport_code = 0;
    res->transport_message[0] = '\0';
    res->response = NULL;
    apigen_errors_init(&res->errors);
    t->body_cap = t->header_cap = t->value_cap = 0;
    t->too_large = t->oom = t->interim = t->headers_done = false;
    t->at_status = true;
}

/* CURLOPT_WRITEFUNCTION: appends the body's bytes to res->body, keeping it NUL-terminated; a
 * body passing t->max keeps its first t->max bytes and stops the transfer (returning less than
 * was given makes libcurl fail with CURLE_WRITE_ERROR). */
static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
    transfer *t = userp;
    apigen_result *res = t->res;
    size_t len = size * n, take = len;
    if (t->too_large || t->oom)
        return 0;
    if (take > t->max - res->body_len) {
        take = t->max - res->body_len;
        t->too_large = true;
    }
    size_t need = res->body_len + take + 1; /* body_len + take <= max < SIZE_MAX */
    /* doubling from 4 KiB, never beyond what max can use */
    if (need > t->body_cap &&
        !apigen_i_reserve(&res->body, res->body_len, &t->body_cap, need, 4096, t->max + 1)) {
        t->oom = true;
        return 0;
    }
    memcpy(res->body + res->body_len, data, take);
    res->body_len += take;
    res->body[res->body_len] = '\0';
    return t->too_large ? 0 : len;
}

/* A folded line (obsolete line folding, RFC 9112 section 5.2): its n bytes at s, leading
 * blanks already skipped, appended to the last field's value after one SP, as the RFC lets a
 * client replace obs-fold. The value grows by doubling (apigen_i_reserve), so that many folded
 * lines cost linear time. */
static size_t fold(transfer *t, const char *s, size_t n, size_t len)
{
    apigen_result *res = t->res;
    if (res->header_count == 0)
        return len;
    apigen_header *h = &res->headers[res->header_count - 1];
    size_t old = strlen(h->value);
    size_t need = old + 1 + n + 1;
    if (need > t->value_cap &&
        !apigen_i_reserve(&h->value, old + 1, &t->value_cap, need, 64, SIZE_MAX / 2)) {
        t->oom = true;
        return 0;
    }
    h->value[old] = ' ';
    memcpy(h->value + old + 1, s, n);
    h->value[old + 1 + n] = '\0';
    return len;
}

/* CURLOPT_HEADERFUNCTION: one header line at a time ("Name: value\r\n"). A status line is
 * expected only where a response starts (the first line, or after the blank line ending a 1xx
 * response's fields): it drops the fields of the response before (after "100 Continue" or
 * "103 Early Hints"). The blank line after a final (>= 200) response's fields ends the header
 * section (headers_done); lines after it are trailer fields of a chunked body (RFC 9112 section
 * 7.1.2), dropped: they are not the response's fields and never its Content-Type. A line
 * starting with SP or HTAB continues the previous field (fold). A field whose name or value
 * holds a control character other than HTAB is dropped, so the result's headers hold none. */
static size_t on_header(char *line, size_t size, size_t n, void *userp)
{
    transfer *t = userp;
    apigen_result *res = t->res;
    size_t len = size * n, end = len;
    if (t->oom)
        return 0;
    if (t->headers_done)
        return len;
    if (t->at_status) {
        t->at_status = false;
        if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
            const char *sp = memchr(line, ' ', len);
            t->interim = sp != NULL && (size_t)(sp - line) + 1 < len && sp[1] == '1';
            free_headers(res);
            t->header_cap = 0;
        }
        return len;
    }
    while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == '\n'))
        end--;
    if (end == 0) { /* the blank line ending a response's fields */
        if (t->interim)
            t->at_status = true;
        else
            t->headers_done = true;
        return len;
    }
    while (end > 0 && apigen_i_is_ows(line[end - 1]))
        end--;
    if (end == 0 || apigen_i_has_control(line, end))
        return len;
    if (apigen_i_is_ows(line[0])) {
        size_t start = 0;
        while (apigen_i_is_ows(line[start]))
            start++;
        return fold(t, line + start, end - start, len);
    }
    const char *colon = memchr(line, ':', end);
    if (colon == NULL)
        return len; /* not a field line: ignored */
    size_t name_len = (size_t)(colon - line), v = name_len + 1;
    while (v < end && apigen_i_is_ows(line[v]))
        v++;
    void *p = res->headers;
    if (!grow(&p, &t->header_cap, res->header_count + 1, sizeof(apigen_header))) {
        t->oom = true;
        return 0;
    }
    res->headers = p;
    apigen_header *h = &res->headers[res->header_count];
    h->name = apigen_i_strndup(line, name_len);
    h->value = apigen_i_strndup(line + v, end - v);
    h->sensitive = false;
    if (h->name == NULL || h->value == NULL) {
        apigen_i_free(h->name);
        apigen_i_free(h->value);
        h->name = h->value = NULL;
        t->oom = true;
        return 0;
    }
    t->value_cap = end - v + 1;
    res->header_count++;
    return len;
}

/* res->content_type: a copy of the Content-Type field received (the first, as
 * apigen_result_header finds it); false when out of memory. */
static bool take_content_type(apigen_result *res)
{
    const char *v = apigen_result_header(res, "Content-Type");
    if (v != NULL)
        res->content_type = apigen_i_strndup(v, strlen(v));
    return v == NULL || res->content_type != NULL;
}

/* ---------------------------------------------------------------- transport errors ---- */

static apigen_transport_kind transport_kind(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return APIGEN_TRANSPORT_CONNECT;
    case CURLE_OPERATION_TIMEDOUT:
        return APIGEN_TRANSPORT_TIMEOUT;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
        return APIGEN_TRANSPORT_TLS;
    default:
        return APIGEN_TRANSPORT_OTHER;
    }
}

/* A transport failure: libcurl's code and its words (the error buffer, else the code's
 * description). libcurl's messages name the host, port, scheme, times and byte counts, never
 * the request target or a header value, so they carry no credential: client_requests checks
 * the refused and timed-out cases. */
static void set_transport(apigen_result *res, CURLcode rc, const char *errbuf)
{
    res->outcome = APIGEN_RESULT_TRANSPORT;
    res->transport_kind = transport_kind(rc);
    res->transport_code = (int)rc;
    snprintf(res->transport_message, sizeof res->transport_message, "%s",
             errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
}

/* ------------------------------------------------------------------ one attempt ---- */

/* The value at v without the SP and HTAB at either end, which are not part of a field value
 * (RFC 9110 section 5.5); *len its bytes. */
static const char *trimmed(const char *v, size_t *len)
{
    size_t n = strlen(v);
    while (n > 0 && apigen_i_is_ows(v[n - 1]))
        n--;
    while (n > 0 && apigen_i_is_ows(*v))
        v++, n--;
    *len = n;
    return v;
}

/* The request's header fields for libcurl, plus "Expect:" (no 100-continue round trip) and,
 * when a body-less POST, PUT or PATCH sends Content-Length: 0, "Content-Type:" (no default
 * form type). Values are trimmed (trimmed); a field whose value is then empty is written
 * "Name;", libcurl's spelling for it ("Name:", or "Name:" and blanks, would remove the field
 * from the request: CURLOPT_HTTPHEADER). The lines hold secrets: each copy made here is wiped
 * (libcurl's own copies, in the list, are freed by curl_slist_free_all unwiped: it offers no way to
 * wipe them). NULL when out of memory. */
static struct curl_slist *header_list(const apigen_request *req, bool empty_upload)
{
    struct curl_slist *list = NULL, *next;
    bool has_type = false;
    for (size_t i = 0; i < req->header_count; i++) {
        const apigen_header *h = &req->headers[i];
        size_t vl;
        const char *value = trimmed(h->value, &vl);
        size_t nl = strlen(h->name), size = nl + vl + 3;
        char *line = apigen_i_alloc(size);
        if (line == NULL)
            goto fail;
        if (vl == 0)
            snprintf(line, size, "%s;", h->name);
        else
            snprintf(line, size, "%s: %.*s", h->name, (int)vl, value);
        next = curl_slist_append(list, line);
        apigen_i_wipe(line, size);
        apigen_i_free(line);
        if (next == NULL)
            goto fail;
        list = next;
        has_type = has_type || apigen_i_equal_nocase(h->name, nl, "Content-Type", 12);
    }
    if ((next = curl_slist_append(list, "Expect:")) == NULL)
        goto fail;
    list = next;
    if (empty_upload && !has_type) {
        if ((next = curl_slist_append(list, "Content-Type:")) == NULL)
            goto fail;
        list = next;
    }
    return list;
fail:
    curl_slist_free_all(list);
    return NULL;
}

/* Sets every option of the call on h (they stay for each attempt). */
static CURLcode set_options(apigen_client *c, CURL *h, const apigen_request *req,
                            struct curl_slist *headers, transfer *t, char *errbuf)
{
    CURLcode rc = CURLE_OK;
#define SET(option, value)                                                                         \
    do {                                                                                           \
        if (rc == CURLE_OK)                                                                        \
            rc = curl_easy_setopt(h, option, value);                                               \
    } while (0)
    SET(CURLOPT_URL, req->url);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (c->ca_file != NULL)
        SET(CURLOPT_CAINFO, c->ca_file);
    if (c->ca_path != NULL)
        SET(CURLOPT_CAPATH, c->ca_path);
    if (c->client_cert != NULL)
        SET(CURLOPT_SSLCERT, c->client_cert);
    if (c->client_key != NULL)
        SET(CURLOPT_SSLKEY, c->client_key);
    if (c->client_key_password != NULL)
        SET(CURLOPT_KEYPASSWD, c->client_key_password);
    SET(CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
    SET(CURLOPT_TIMEOUT_MS, c->timeout_ms);
    SET(CURLOPT_USERAGENT, c->user_agent);
    SET(CURLOPT_HTTPHEADER, headers);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L); /* a proxy's CONNECT answer is not the response */
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, t);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, t);
    const char *m = req->method;
    if (strcmp(m, "GET") == 0) {
        SET(CURLOPT_HTTPGET, 1L);
    } else if (strcmp(m, "HEAD") == 0) {
        SET(CURLOPT_NOBODY, 1L);
    } else {
        if (strcmp(m, "POST") != 0)
            SET(CURLOPT_CUSTOMREQUEST, m);
        if (req->body != NULL || strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 ||
            strcmp(m, "PATCH") == 0) {
            /* libcurl reads the body from req, which outlives the transfer */
            SET(CURLOPT_POSTFIELDS, req->body != NULL ? req->body : "");
            SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(req->body != NULL ? req->body_len : 0));
        }
    }
#undef SET
    return rc;
}

/* Whether the request is sent with no Content-Type of its own while libcurl uploads (an empty
 * POST, PUT or PATCH body). */
static bool empty_upload(const apigen_request *req)
{
    const char *m = req->method;
    return req->body == NULL &&
           (strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0);
}

/* One attempt: performs the transfer and fills res (status, body, headers, content type, or
 * the transport failure). Returns the Retry-After libcurl parsed, in seconds (0: none). */
static curl_off_t attempt(CURL *h, transfer *t, char *errbuf)
{
    apigen_result *res = t->res;
    transfer_reset(t);
    errbuf[0] = '\0';
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_off_t retry_after = 0;
    res->attempts++;
    if (t->oom) {
        res->outcome = APIGEN_RESULT_NO_MEMORY;
        return 0;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    res->status = (int)status; /* 0 when no response arrived */
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && t->too_large)) {
        set_transport(res, rc, errbuf); /* what arrived of a response (cut short) is kept */
        return 0;
    }
    if (!t->headers_done) { /* the connection closed inside the header section */
        set_transport(res, CURLE_RECV_ERROR, "the response's header section was cut short");
        return 0;
    }
    curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry_after);
    if (res->body == NULL)
        res->body = apigen_i_alloc_zeroed(1, 1); /* a response arrived: its body is "" */
    if (res->body == NULL || !take_content_type(res)) {
        res->outcome = APIGEN_RESULT_NO_MEMORY;
        return 0;
    }
    res->outcome = t->too_large ? APIGEN_RESULT_TOO_LARGE : APIGEN_RESULT_OK;
    return retry_after;
}

/* ------------------------------------------------------------------------ retry ---- */

static bool idempotent_method(const char *m)
{
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "PUT") == 0 ||
           strcmp(m, "DELETE") == 0 || strcmp(m, "OPTIONS") == 0;
}

/* Whether the request may be sent again: an idempotent method (RFC 9110 section 9.2.2), or
 * it carries the client's idempotency header with a key (a value not empty once trimmed). */
static bool may_retry(const apigen_client *c, const apigen_request *req)
{
    if (idempotent_method(req->method))
        return true;
    if (c->idempotency_header == NULL)
        return false;
    size_t len = strlen(c->idempotency_header), vl;
    for (size_t i = 0; i < req->header_count; i++) {
        const apigen_header *h = &req->headers[i];
        if (apigen_i_equal_nocase(h->name, strlen(h->name), c->idempotency_header, len) &&
            (trimmed(h->value, &vl), vl > 0))
            return true;
    }
    return false;
}

/* Whether the outcome of an attempt is worth another: no connection, a timeout, or a status
 * saying "later" (429 Too Many Requests, 502, 503, 504). */
static bool retry_worth(const apigen_result *res)
{
    if (res->outcome == APIGEN_RESULT_TRANSPORT)
        return res->transport_kind == APIGEN_TRANSPORT_CONNECT ||
               res->transport_kind == APIGEN_TRANSPORT_TIMEOUT;
    if (res->outcome != APIGEN_RESULT_OK)
        return false;
    return res->status == 429 || res->status == 502 || res->status == 503 || res->status == 504;
}

/* A uniformly random integer in [0, bound] from the client's splitmix64 sequence (its state
 * advanced atomically, so threads draw distinct numbers without a lock). */
static uint64_t jitter_draw(apigen_client *c, uint64_t bound)
{
    uint64_t z =
        atomic_fetch_add(&c->jitter, UINT64_C(0x9E3779B97F4A7C15)) + UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    z ^= z >> 31;
    return bound == UINT64_MAX ? z : z % (bound + 1); /* the bias of % is below 2^-40 here */
}

/* Milliseconds to wait before attempt n (2, 3, ...): full jitter over
 * min(retry_max_ms, retry_base_ms * 2^(n-2)), or Retry-After when longer. -1 when Retry-After
 * asks for more than retry_max_ms: the server said when it can answer (RFC 9110 section 10.2.3,
 * RFC 6585 section 4 for 429), and asking before then is no use, so no attempt follows. */
static long backoff_ms(apigen_client *c, unsigned n, curl_off_t retry_after_s)
{
    uint64_t cap = (uint64_t)c->retry_max_ms, window = (uint64_t)c->retry_base_ms;
    for (unsigned i = 2; i < n && window < cap; i++)
        window *= 2;
    if (window > cap)
        window = cap;
    uint64_t wait = jitter_draw(c, window);
    if (retry_after_s > 0) {
        if ((uint64_t)retry_after_s > cap / 1000 || (uint64_t)retry_after_s * 1000 > cap)
            return -1;
        if ((uint64_t)retry_after_s * 1000 > wait)
            wait = (uint64_t)retry_after_s * 1000;
    }
    return (long)wait;
}

static void sleep_ms(long ms)
{
    struct timespec left = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
}

/* ------------------------------------------------------------------------ trace ---- */

/* Response fields whose values are credentials or carry them: cookies (RFC 6265 sections 4.1
 * and 4.2), credentials and challenges (RFC 9110 sections 11.6 and 11.7). */
static bool secret_response_field(const char *name)
{
    static const char *const names[] = {"Set-Cookie",          "Cookie",
                                        "Authorization",       "Proxy-Authorization",
                                        "WWW-Authenticate",    "Proxy-Authenticate",
                                        "Authentication-Info", "Proxy-Authentication-Info"};
    return name_among(name, names, sizeof names / sizeof names[0]);
}

/* A copy of the count headers at from (names and values shared, not copied) with the value of
 * each hidden one as "***": sensitive request fields, or secret response fields. NULL when out
 * of memory (or count is 0): the hook then sees no headers rather than secrets. */
static apigen_header *redacted_headers(const apigen_header *from, size_t count, bool response)
{
    static char stars[] = "***";
    apigen_header *to = apigen_i_alloc_zeroed(count, sizeof *to);
    for (size_t i = 0; to != NULL && i < count; i++) {
        to[i] = from[i];
        if (response ? secret_response_field(from[i].name) : from[i].sensitive)
            to[i].value = stars;
    }
    return to;
}

/* The response body the hook may see: NULL unless the response decoded (outcome OK); the raw
 * body when its documented response has no model or a model without a sensitive field;
 * otherwise the decoded value as apigen_model_debug_string writes it (*owned set: freed by the
 * caller; NULL when out of memory or value is NULL). */
static const char *redacted_response_body(const apigen_result *res, const void *value, char **owned)
{
    *owned = NULL;
    if (res->outcome != APIGEN_RESULT_OK || res->response == NULL)
        return NULL;
    const apigen_model *m = res->response->model;
    if (m == NULL || !apigen_i_model_has_sensitive(m))
        return res->body;
    if (value != NULL)
        *owned = apigen_model_debug_string(m, value);
    return *owned;
}

/* Calls the trace hook for attempt n, after its response was decoded into res and value; last
 * when no attempt follows (res->outcome is then the call's). */
static void trace_attempt(apigen_client *c, const apigen_request *req, const apigen_result *res,
                          const void *value, unsigned n, bool last)
{
    apigen_trace t;
    memset(&t, 0, sizeof t);
    apigen_header *headers = redacted_headers(req->headers, req->header_count, false);
    apigen_header *response_headers = redacted_headers(res->headers, res->header_count, true);
    char *owned_body;
    t.method = req->method;
    t.url = req->url_redacted;
    t.headers = headers;
    t.header_count = headers != NULL ? req->header_count : 0;
    t.body = req->body_redacted != NULL ? req->body_redacted : req->body;
    t.attempt = n;
    t.last = last;
    t.outcome = res->outcome;
    t.status = res->status;
    t.response = res->response;
    t.response_headers = response_headers;
    t.response_header_count = response_headers != NULL ? res->header_count : 0;
    t.response_body = redacted_response_body(res, value, &owned_body);
    t.transport_kind = res->transport_kind;
    t.transport_code = res->transport_code;
    t.transport_message = res->transport_message;
    c->trace(c->trace_ctx, &t);
    apigen_i_free(headers);
    apigen_i_free(response_headers);
    apigen_i_free(owned_body); /* debug text: nothing secret in it */
}

/* Releases what decoding an attempt left in value (a model), before another attempt. */
static void forget_decoded(apigen_result *res, void *value)
{
    if (res->outcome == APIGEN_RESULT_OK && res->response != NULL && value != NULL &&
        res->response->model != NULL)
        apigen_model_free(res->response->model, value);
    if (res->header_values != NULL && res->response != NULL && res->response->headers != NULL)
        apigen_model_free(res->response->headers, res->header_values);
    apigen_i_free(res->header_values);
    res->header_values = NULL;
}

/* ------------------------------------------------------------------------- calls ---- */

/* Ends res INVALID_REQUEST with one violation at path (nothing sent); returns the outcome. */
static int refuse(apigen_result *res, apigen_code code, const char *path, const char *message)
{
    res->outcome = APIGEN_RESULT_INVALID_REQUEST;
    if (res->errors.count < APIGEN_ERRORS_MAX) {
        apigen_error *e = &res->errors.items[res->errors.count++];
        e->code = code;
        snprintf(e->path, sizeof e->path, "%s", path);
        snprintf(e->message, sizeof e->message, "%s", message);
    }
    res->errors.total++;
    return (int)res->outcome;
}

/* Whether a response of op has a model to decode, so that the call needs storage for it. */
static bool decodes_a_model(const apigen_operation *op)
{
    for (size_t i = 0; i < op->response_count; i++)
        if (op->responses[i].model != NULL)
            return true;
    return false;
}

#define NO_VALUE_MESSAGE "value is NULL, but a response of this operation has a body to decode"

int apigen_client_send(apigen_client *c, const apigen_request *req, apigen_result *res, void *value)
{
    apigen_result_init(res);
    if (c == NULL || req == NULL || req->url == NULL || req->method == NULL || req->op == NULL) {
        res->outcome = APIGEN_RESULT_INVALID_REQUEST;
        return (int)res->outcome;
    }
    if (value == NULL && decodes_a_model(req->op))
        return refuse(res, APIGEN_E_REQUIRED, "value", NO_VALUE_MESSAGE);
    char errbuf[CURL_ERROR_SIZE];
    transfer t = {.res = res, .max = c->max_response_bytes};
    CURL *h = handle_take(c);
    struct curl_slist *headers = h != NULL ? header_list(req, empty_upload(req)) : NULL;
    if (headers == NULL) {
        res->outcome = APIGEN_RESULT_NO_MEMORY;
        if (h != NULL)
            handle_give_back(c, h);
        return (int)res->outcome;
    }
    CURLcode rc = set_options(c, h, req, headers, &t, errbuf);
    if (rc != CURLE_OK) {
        errbuf[0] = '\0';
        set_transport(res, rc, errbuf);
    } else {
        bool retry = c->max_attempts > 1 && may_retry(c, req);
        for (unsigned n = 1;; n++) {
            curl_off_t retry_after = attempt(h, &t, errbuf);
            long wait = -1; /* -1: no attempt follows */
            if (retry && n < c->max_attempts && retry_worth(res))
                wait = backoff_ms(c, n + 1, retry_after);
            if (res->outcome == APIGEN_RESULT_OK)
                apigen_response_decode(req->op, res, value);
            if (c->trace != NULL)
                trace_attempt(c, req, res, value, n, wait < 0);
            if (wait < 0)
                break;
            forget_decoded(res, value);
            sleep_ms(wait);
        }
    }
    curl_slist_free_all(headers);
    handle_give_back(c, h);
    return (int)res->outcome;
}

int apigen_call(apigen_client *c, const apigen_operation *op, const void *path, const void *query,
                const void *header, const void *body, apigen_result *res, void *value)
{
    return apigen_call_cookies(c, op, path, query, header, NULL, body, res, value);
}

int apigen_call_cookies(apigen_client *c, const apigen_operation *op, const void *path,
                        const void *query, const void *header, const void *cookie, const void *body,
                        apigen_result *res, void *value)
{
    apigen_result_init(res);
    if (c == NULL || op == NULL) {
        res->outcome = APIGEN_RESULT_INVALID_REQUEST;
        return (int)res->outcome;
    }
    if (value == NULL && decodes_a_model(op))
        return refuse(res, APIGEN_E_REQUIRED, "value", NO_VALUE_MESSAGE);
    apigen_request req;
    int built =
        c->credential_fn != NULL
            ? apigen_request_build_with(op, c->base_url, c->credential_fn, c->credential_ctx, path,
                                        query, header, cookie, body, &req, &res->errors)
            : apigen_request_build_cookies(op, c->base_url, c->credential, path, query, header,
                                           cookie, body, &req, &res->errors);
    if (built != 0) {
        res->outcome = APIGEN_RESULT_INVALID_REQUEST;
        for (size_t i = 0; i < res->errors.count; i++)
            if (res->errors.items[i].code == APIGEN_E_NO_MEMORY)
                res->outcome = APIGEN_RESULT_NO_MEMORY;
        return (int)res->outcome;
    }
    apigen_client_send(c, &req, res, value);
    apigen_request_free(&req);
    return (int)res->outcome;
}
