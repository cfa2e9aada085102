/* test_client.c: the transport (apigen_client.c) through the functions generated from
 * client.yaml, against the raw-request recorder (recorder.py, started by client.sh): what
 * arrives on the wire (encoding, auth, headers), what comes back for each fault (refused,
 * timeout, 503 and retry, HTML 500, 418, a body breaking its schema, a body over 10 MB), and
 * that no secret reaches a result or the trace hook. With --threads: one client called from 8
 * threads at once (run under ThreadSanitizer by tests/run-tsan.sh).
 * usage: test_client BASE_URL LOG_FILE [--threads]   (client.sh passes the first two) */

#define _POSIX_C_SOURCE 200809L

#include "check.h"
#include "client/client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *base_url; /* the recorder: http://127.0.0.1:PORT */
static const char *log_path; /* its JSON lines, one per request received */

#define TOKEN  "tok-3f9a\"secret"
#define KEY    "key y&=/secret"
#define SECRET "hdr-secret-77"

/* ------------------------------------------------------------------ helpers ---- */

/* Milliseconds on CLOCK_MONOTONIC, for the loose bounds of the timeout and Retry-After tests
 * (their lower bounds allow 1 ms: libcurl's timers and this count are in whole milliseconds). */
static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static apigen_client *client_with(apigen_client_options *o)
{
    char err[256];
    o->base_url = base_url;
    apigen_client *c = apigen_client_new(o, err, sizeof err);
    if (c == NULL)
        fprintf(stderr, "apigen_client_new: %s\n", err);
    return c;
}

static apigen_client *client_default(const char *credential)
{
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.credential = credential;
    return client_with(&o);
}

/* The recorder's log, one cJSON record per request, in the order received. */
static cJSON *read_log(void)
{
    cJSON *all = cJSON_CreateArray();
    FILE *f = fopen(log_path, "r");
    char *line = NULL;
    size_t cap = 0;
    while (f != NULL && getline(&line, &cap, f) > 0)
        cJSON_AddItemToArray(all, cJSON_Parse(line));
    free(line);
    if (f != NULL)
        fclose(f);
    return all;
}

/* The last request of a log read_log returned. */
static cJSON *last_record(cJSON *log)
{
    return cJSON_GetArrayItem(log, cJSON_GetArraySize(log) - 1);
}

static int log_count(void)
{
    cJSON *all = read_log();
    int n = cJSON_GetArraySize(all);
    cJSON_Delete(all);
    return n;
}

/* The value of header name in a record (case-insensitive), or NULL. */
static const char *rec_header(const cJSON *rec, const char *name)
{
    const cJSON *h;
    cJSON_ArrayForEach(h, cJSON_GetObjectItem(rec, "headers"))
    {
        const char *n = cJSON_GetArrayItem(h, 0)->valuestring;
        if (strcasecmp(n, name) == 0)
            return cJSON_GetArrayItem(h, 1)->valuestring;
    }
    return NULL;
}

static const char *rec_str(const cJSON *rec, const char *member)
{
    const cJSON *j = cJSON_GetObjectItem(rec, member);
    return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* Whether any of the result's text (body, content type, headers, violations, transport message)
 * holds s. */
static bool result_holds(const apigen_result *r, const char *s)
{
    if ((r->body != NULL && strstr(r->body, s) != NULL) ||
        (r->content_type != NULL && strstr(r->content_type, s) != NULL) ||
        strstr(r->transport_message, s) != NULL)
        return true;
    for (size_t i = 0; i < r->header_count; i++)
        if (strstr(r->headers[i].name, s) != NULL || strstr(r->headers[i].value, s) != NULL)
            return true;
    for (size_t i = 0; i < r->errors.count; i++)
        if (strstr(r->errors.items[i].path, s) != NULL ||
            strstr(r->errors.items[i].message, s) != NULL)
            return true;
    return false;
}

static client_get_item_path_params item_path(const char *mode, const char *store, const char *item)
{
    client_get_item_path_params p = {(char *)mode, (char *)store, (char *)item};
    return p;
}

/* GET /{mode}/stores/s/items/i with the bearer token and no parameters. */
static int get_mode(apigen_client *c, const char *mode, client_get_item_result *out)
{
    client_get_item_path_params path = item_path(mode, "s", "i");
    return client_get_item(c, &path, NULL, NULL, out);
}

/* ------------------------------------------------------------- on the wire ---- */

static void path_params_arrive_as_one_encoded_segment_each(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_path_params path = item_path("echo", "a/b?c#d%e f", "\xC3\xA9/../x");
    client_get_item_query_params query = {.has_serial = true,
                                          .serial = INT64_C(9007199254740993),
                                          .has_active = true,
                                          .active = true,
                                          .has_ratio = true,
                                          .ratio = 0.5};
    client_get_item_result out;
    CHECK(client_get_item(c, &path, &query, NULL, &out) == APIGEN_RESULT_OK);
    const char *expected = "/echo/stores/a%2Fb%3Fc%23d%25e%20f/items/%C3%A9%2F..%2Fx"
                           "?serial=9007199254740993&active=true&ratio=0.5";
    CHECK(out.base.status == 200);
    CHECK(out.base.attempts == 1);
    CHECK_STR(out.body.status_200.target, expected);
    CHECK_STR(out.body.status_200.method, "GET");
    cJSON *log = read_log();
    cJSON *rec = last_record(log);
    CHECK_STR(rec_str(rec, "target"), expected);
    cJSON_Delete(log);
    client_get_item_result_free(&out);

    /* false and zero are sent, not dropped */
    query.serial = 0, query.active = false, query.ratio = -1.25;
    path = item_path("echo", "s", "i");
    CHECK(client_get_item(c, &path, &query, NULL, &out) == APIGEN_RESULT_OK);
    CHECK_STR(out.body.status_200.target,
              "/echo/stores/s/items/i?serial=0&active=false&ratio=-1.25");
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

static void bearer_and_headers_arrive_exact(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_path_params path = item_path("echo", "s", "i");
    client_get_item_header_params header = {.x_secret = SECRET};
    client_get_item_result out;
    CHECK(client_get_item(c, &path, NULL, &header, &out) == APIGEN_RESULT_OK);
    cJSON *log = read_log();
    cJSON *rec = last_record(log);
    CHECK_STR(rec_str(rec, "method"), "GET");
    CHECK_STR(rec_header(rec, "Authorization"), "Bearer " TOKEN);
    CHECK_STR(rec_header(rec, "X-Secret"), SECRET);
    CHECK_STR(rec_header(rec, "Accept"), "application/json");
    CHECK(rec_header(rec, "Expect") == NULL);
    const char *ua = rec_header(rec, "User-Agent");
    CHECK(ua != NULL && strncmp(ua, "apigen/5 libcurl/", 17) == 0);
    cJSON_Delete(log);
    /* the response's own headers are kept, in order */
    CHECK_STR(out.base.content_type, "application/json");
    char length[24];
    snprintf(length, sizeof length, "%zu", out.base.body_len);
    CHECK_STR(apigen_result_header(&out.base, "content-length"), length);
    client_get_item_result_free(&out);

    /* the fields of an interim response (1xx) are not the response's */
    CHECK(get_mode(c, "interim", &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 200);
    CHECK(apigen_result_header(&out.base, "X-Interim") == NULL);
    CHECK_STR(out.base.content_type, "application/json");
    client_get_item_result_free(&out);

    /* a field named like a status line is a field; one holding a CR is dropped; folded lines
     * are joined with one space; trailer fields are not the response's (nor its Content-Type) */
    CHECK(get_mode(c, "odd-headers", &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 200);
    CHECK_STR(apigen_result_header(&out.base, "HTTP/x"), "1");
    CHECK_STR(apigen_result_header(&out.base, "Content-Type"), "application/json");
    CHECK_STR(out.base.content_type, "application/json");
    CHECK(apigen_result_header(&out.base, "X-Cr") == NULL);
    CHECK(!result_holds(&out.base, "Injected"));
    CHECK_STR(apigen_result_header(&out.base, "X-Folded"), "a b c");
    const char *many = apigen_result_header(&out.base, "X-Many");
    CHECK(many != NULL && strlen(many) == 2001 && strncmp(many, "f f f", 5) == 0);
    CHECK(apigen_result_header(&out.base, "X-Trailer") == NULL);
    CHECK_STR(out.body.status_200.method, "GET");
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

/* A header value is trimmed of SP and HTAB (RFC 9110 section 5.5); one that is then empty is
 * still sent, as an empty field (libcurl drops "Name:" followed by nothing or blanks). */
static void blank_header_values_arrive_as_empty_fields(void)
{
    apigen_client *c = client_default(TOKEN);
    const char *values[] = {"", "   ", " \t ", "  v w\t"};
    const char *expected[] = {"", "", "", "v w"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        client_get_item_path_params path = item_path("echo", "s", "i");
        client_get_item_header_params header = {.x_secret = (char *)values[i]};
        client_get_item_result out;
        CHECK(client_get_item(c, &path, NULL, &header, &out) == APIGEN_RESULT_OK);
        cJSON *log = read_log();
        CHECK_STR(rec_header(last_record(log), "X-Secret"), expected[i]);
        cJSON_Delete(log);
        client_get_item_result_free(&out);
    }
    apigen_client_free(c);
}

static void api_key_goes_in_the_query_and_body_as_json(void)
{
    apigen_client *c = client_default(KEY);
    client_create_item_path_params path = {"echo"};
    client_create_item_request body = {.name = "n\xC3\xA9", .has_count = true, .count = 3};
    client_create_item_result out;
    CHECK(client_create_item(c, &path, NULL, &body, &out) == APIGEN_RESULT_OK);
    CHECK_STR(out.body.status_200.target, "/echo/items?api_key=key%20y%26%3D%2Fsecret");
    cJSON *log = read_log();
    cJSON *rec = last_record(log);
    CHECK_STR(rec_str(rec, "method"), "POST");
    CHECK_STR(rec_str(rec, "body"), "{\"name\":\"n\xC3\x83\xC2\xA9\",\"count\":3}"); /* latin-1 */
    CHECK_STR(rec_header(rec, "Content-Type"), "application/json");
    CHECK(rec_header(rec, "Authorization") == NULL);
    cJSON_Delete(log);
    client_create_item_result_free(&out);
    apigen_client_free(c);
}

static void credential_with_crlf_never_leaves(void)
{
    apigen_client *c = client_default("tok\r\nX-Injected: 1");
    int before = log_count();
    client_get_item_result out;
    CHECK(get_mode(c, "echo", &out) == APIGEN_RESULT_INVALID_REQUEST);
    CHECK(out.base.errors.count > 0);
    CHECK(out.base.attempts == 0);
    CHECK(out.base.status == 0);
    CHECK(!result_holds(&out.base, "tok\r\n"));
    CHECK(!result_holds(&out.base, "X-Injected"));
    client_get_item_result_free(&out);
    CHECK(log_count() == before);
    apigen_client_free(c);
}

static int rotations;

static int rotating(void *ctx, const char *scheme, char *buf, size_t size)
{
    (void)ctx;
    CHECK_STR(scheme, "token");
    rotations++;
    snprintf(buf, size, "rotated-%d", rotations);
    return 0;
}

static void credential_fn_is_asked_per_call(void)
{
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.credential = "unused";
    o.credential_fn = rotating;
    apigen_client *c = client_with(&o);
    client_get_item_result out;
    for (int i = 1; i <= 2; i++) {
        CHECK(get_mode(c, "echo", &out) == APIGEN_RESULT_OK);
        cJSON *log = read_log();
        cJSON *rec = last_record(log);
        char expected[32];
        snprintf(expected, sizeof expected, "Bearer rotated-%d", i);
        CHECK_STR(rec_header(rec, "Authorization"), expected);
        cJSON_Delete(log);
        client_get_item_result_free(&out);
    }
    CHECK(rotations == 2);
    apigen_client_free(c);
}

static int too_long(void *ctx, const char *scheme, char *buf, size_t size)
{
    (void)ctx, (void)scheme;
    memset(buf, 'a', size); /* no room left for the NUL */
    return 0;
}

/* A credential filling the whole buffer is refused, not cut. */
static void a_credential_too_long_is_refused(void)
{
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.credential_fn = too_long;
    apigen_client *c = client_with(&o);
    int before = log_count();
    client_get_item_result out;
    CHECK(get_mode(c, "echo", &out) == APIGEN_RESULT_INVALID_REQUEST);
    CHECK(out.base.errors.count == 1 && strcmp(out.base.errors.items[0].path, "auth") == 0);
    CHECK(out.base.attempts == 0 && log_count() == before);
    CHECK(!result_holds(&out.base, "aaaa"));
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

static void base_url_is_checked(void)
{
    const char *bad[] = {"ftp://127.0.0.1/",  "/relative",       "127.0.0.1:80",
                         "http://h/?q=1",     "http://h/#f",     "http://h/#",
                         "http://h/?",        "http://h?#",      "http://user:pass@h/",
                         "http://user@h/",    "http://:pass@h/", "",
                         "file:///etc/passwd"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        apigen_client_options o;
        apigen_client_options_init(&o);
        o.base_url = bad[i];
        char err[128] = "untouched";
        apigen_client *c = apigen_client_new(&o, err, sizeof err);
        CHECK(c == NULL);
        CHECK(err[0] != '\0' && strcmp(err, "untouched") != 0);
        apigen_client_free(c);
    }
    apigen_client_options o;
    apigen_client_options_init(&o);
    CHECK(apigen_client_new(&o, NULL, 0) == NULL);
    o.base_url = "https://api.example.com/v1/";
    /* a user agent with a control character, an idempotency header that is not a token */
    const char *agents[] = {"a\r\nX-Injected: 1", "a\x01", "a\x7f"};
    for (size_t i = 0; i < sizeof agents / sizeof agents[0]; i++) {
        o.user_agent = agents[i];
        char err[128] = "";
        CHECK(apigen_client_new(&o, err, sizeof err) == NULL);
        CHECK(strstr(err, "user_agent") != NULL);
    }
    o.user_agent = NULL;
    const char *names[] = {"",       "Idem Key",     "Idem:Key",     "Idem\r\nX: 1", "Idem\xC3\xA9",
                           "accept", "Content-Type", "AUTHORIZATION"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        o.idempotency_header = names[i];
        char err[128] = "";
        CHECK(apigen_client_new(&o, err, sizeof err) == NULL);
        CHECK(strstr(err, "idempotency_header") != NULL);
    }
    o.idempotency_header = "X-Request-Id!";
    apigen_client *c = apigen_client_new(&o, NULL, 0);
    CHECK(c != NULL);
    apigen_client_free(c);
}

/* ---------------------------------------------------------------- faults ---- */

/* A port nothing listens on: bound, then closed. */
static int closed_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    socklen_t len = sizeof a;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(s, (struct sockaddr *)&a, &len) != 0)
        return -1;
    close(s);
    return ntohs(a.sin_port);
}

static void connection_refused_is_a_transport_failure(void)
{
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", closed_port());
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.base_url = url;
    o.credential = TOKEN;
    apigen_client *c = apigen_client_new(&o, NULL, 0);
    client_get_item_result out;
    CHECK(get_mode(c, "echo", &out) == APIGEN_RESULT_TRANSPORT);
    CHECK(out.base.transport_kind == APIGEN_TRANSPORT_CONNECT);
    CHECK(out.base.transport_code == 7); /* CURLE_COULDNT_CONNECT */
    CHECK(strstr(out.base.transport_message, "127.0.0.1") != NULL);
    CHECK(out.base.status == 0 && out.base.body == NULL && out.base.attempts == 1);
    CHECK(!result_holds(&out.base, TOKEN));
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

/* A createItem call (api key in the query) to url: its transport failure in out. */
static int create_at(const char *url, long connect_timeout_ms, client_create_item_result *out)
{
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.base_url = url;
    o.credential = KEY;
    o.connect_timeout_ms = connect_timeout_ms;
    apigen_client *c = apigen_client_new(&o, NULL, 0);
    client_create_item_path_params path = {"echo"};
    client_create_item_request body = {.name = "n"};
    int rc = client_create_item(c, &path, NULL, &body, out);
    apigen_client_free(c);
    return rc;
}

/* https to a server that speaks plain HTTP: the TLS handshake fails. A name under .invalid
 * (RFC 6761 section 6.4) never resolves: no such host. Neither message holds the key. */
static void tls_and_dns_failures_are_told_apart(void)
{
    char url[64];
    snprintf(url, sizeof url, "https://%s", base_url + strlen("http://"));
    client_create_item_result out;
    CHECK(create_at(url, 10000, &out) == APIGEN_RESULT_TRANSPORT);
    CHECK(out.base.transport_kind == APIGEN_TRANSPORT_TLS);
    CHECK(out.base.transport_code == 35); /* CURLE_SSL_CONNECT_ERROR */
    CHECK(out.base.transport_message[0] != '\0');
    CHECK(out.base.status == 0 && out.base.attempts == 1);
    CHECK(!result_holds(&out.base, KEY) && !result_holds(&out.base, "key%20y"));
    client_create_item_result_free(&out);

    /* a short connect timeout bounds the lookup should no resolver answer offline */
    int rc = create_at("http://x.invalid", 3000, &out);
    CHECK(rc == APIGEN_RESULT_TRANSPORT);
    if (out.base.transport_code == 28) /* CURLE_OPERATION_TIMEDOUT: no resolver reachable */
        fprintf(stderr, "note: resolving x.invalid timed out (no DNS here)\n");
    else {
        CHECK(out.base.transport_kind == APIGEN_TRANSPORT_CONNECT);
        CHECK(out.base.transport_code == 6); /* CURLE_COULDNT_RESOLVE_HOST */
    }
    CHECK(strstr(out.base.transport_message, "x.invalid") != NULL);
    CHECK(!result_holds(&out.base, KEY) && !result_holds(&out.base, "key%20y"));
    client_create_item_result_free(&out);
}

static void a_server_that_never_answers_times_out(void)
{
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.credential = TOKEN;
    o.timeout_ms = 300;
    apigen_client *c = client_with(&o);
    client_get_item_result out;
    long start = now_ms();
    CHECK(get_mode(c, "hang", &out) == APIGEN_RESULT_TRANSPORT);
    long elapsed = now_ms() - start;
    /* loose: timeout_ms is a bound, not a figure (1 ms for libcurl's millisecond timers) */
    CHECK(elapsed >= 299 && elapsed < 10000);
    CHECK(out.base.transport_kind == APIGEN_TRANSPORT_TIMEOUT);
    CHECK(out.base.transport_code == 28); /* CURLE_OPERATION_TIMEDOUT */
    CHECK(out.base.transport_message[0] != '\0');
    CHECK(out.base.status == 0 && out.base.body == NULL);
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

/* A client that retries: max_attempts, retry_base_ms 1, retry_max_ms. */
static apigen_client *retrying_client(const char *credential, unsigned max_attempts,
                                      long retry_max_ms)
{
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.credential = credential;
    o.max_attempts = max_attempts;
    o.retry_base_ms = 1;
    o.retry_max_ms = retry_max_ms;
    return client_with(&o);
}

static void retry_sends_the_same_idempotency_key(void)
{
    apigen_client *c = retrying_client(KEY, 3, 10000);
    client_create_item_path_params path = {"flaky"};
    client_create_item_header_params header = {.idempotency_key = "idem-1"};
    client_create_item_request body = {.name = "x"};
    client_create_item_result out;
    int before = log_count();
    CHECK(client_create_item(c, &path, &header, &body, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 200);
    CHECK(out.base.attempts == 2);
    CHECK(out.body.status_200.has_attempt && out.body.status_200.attempt == 2);
    client_create_item_result_free(&out);
    cJSON *log = read_log();
    CHECK(cJSON_GetArraySize(log) == before + 2);
    for (int i = before; i < before + 2; i++) {
        cJSON *rec = cJSON_GetArrayItem(log, i);
        CHECK_STR(rec_header(rec, "Idempotency-Key"), "idem-1");
        CHECK_STR(rec_str(rec, "body"), "{\"name\":\"x\"}");
    }
    cJSON_Delete(log);

    /* a POST without the key is not repeated: the 503 (documented, no body model) is kept */
    path.mode = "flaky";
    body.name = "no key";
    before = log_count();
    CHECK(client_create_item(c, &path, NULL, &body, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 503 && out.base.attempts == 1);
    CHECK(log_count() == before + 1);
    client_create_item_result_free(&out);

    /* a GET is idempotent: repeated */
    client_get_item_path_params gpath = item_path("flaky", "get", "retried");
    client_get_item_result gout;
    CHECK(client_get_item(c, &gpath, NULL, NULL, &gout) == APIGEN_RESULT_OK);
    CHECK(gout.base.status == 200 && gout.base.attempts == 2);
    client_get_item_result_free(&gout);
    apigen_client_free(c);
}

/* GET /{mode}/stores/retry/items/{item} with max_attempts attempts allowed. */
static int get_retried(const char *mode, const char *item, unsigned max_attempts, long retry_max_ms,
                       client_get_item_result *out)
{
    apigen_client *c = retrying_client(TOKEN, max_attempts, retry_max_ms);
    client_get_item_path_params path = item_path(mode, "retry", item);
    int rc = client_get_item(c, &path, NULL, NULL, out);
    apigen_client_free(c);
    return rc;
}

/* Retry-After is obeyed (RFC 9110 section 10.2.3), 429 is retried (RFC 6585 section 4),
 * attempts stop at max_attempts with the last response kept, and a Retry-After beyond
 * retry_max_ms ends the retries at once. */
static void retry_follows_retry_after_and_stops(void)
{
    client_get_item_result out;
    long start = now_ms();
    CHECK(get_retried("later", "a", 3, 10000, &out) == APIGEN_RESULT_OK);
    long elapsed = now_ms() - start;
    CHECK(out.base.status == 200 && out.base.attempts == 2);
    CHECK(elapsed >= 999 && elapsed < 10000); /* Retry-After: 1, retry_base_ms 1 */
    client_get_item_result_free(&out);

    CHECK(get_retried("busy", "a", 3, 10000, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 200 && out.base.attempts == 2);
    CHECK(out.body.status_200.has_attempt && out.body.status_200.attempt == 2);
    client_get_item_result_free(&out);

    int before = log_count();
    CHECK(get_retried("down", "a", 3, 10000, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 503 && out.base.attempts == 3);
    CHECK_STR(out.base.body, "down 3"); /* the last response is the one kept */
    CHECK(log_count() == before + 3);
    client_get_item_result_free(&out);

    before = log_count();
    start = now_ms();
    CHECK(get_retried("wait-long", "a", 3, 1000, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 503 && out.base.attempts == 1);
    CHECK_STR(apigen_result_header(&out.base, "Retry-After"), "120");
    CHECK(log_count() == before + 1);
    CHECK(now_ms() - start < 10000);
    client_get_item_result_free(&out);
}

/* A POST is repeated only with a key: an empty (or blank) Idempotency-Key is none. */
static void an_empty_idempotency_key_is_no_key(void)
{
    apigen_client *c = retrying_client(KEY, 3, 10000);
    client_create_item_path_params path = {"down"};
    client_create_item_request body = {.name = "x"};
    const char *keys[] = {"", "  ", "idem-down"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        client_create_item_header_params header = {.idempotency_key = (char *)keys[i]};
        client_create_item_result out;
        CHECK(client_create_item(c, &path, &header, &body, &out) == APIGEN_RESULT_OK);
        CHECK(out.base.status == 503);
        CHECK(out.base.attempts == (i < 2 ? 1u : 3u));
        client_create_item_result_free(&out);
    }
    apigen_client_free(c);
}

static void without_retry_the_503_is_kept(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_path_params path = item_path("flaky", "get", "once");
    client_get_item_result out;
    CHECK(client_get_item(c, &path, NULL, NULL, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 503);
    CHECK(out.base.attempts == 1);
    CHECK(out.base.response != NULL && out.base.response->status == 503);
    CHECK_STR(out.base.body, "try again");
    CHECK_STR(apigen_result_header(&out.base, "Retry-After"), "0");
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

/* A connection closed inside the header section is no response, though libcurl says OK. */
static void a_header_section_cut_short_is_a_transport_failure(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_result out;
    CHECK(get_mode(c, "cut-headers", &out) == APIGEN_RESULT_TRANSPORT);
    CHECK(out.base.transport_kind == APIGEN_TRANSPORT_OTHER);
    CHECK(out.base.transport_code == 56); /* CURLE_RECV_ERROR */
    CHECK(strstr(out.base.transport_message, "cut short") != NULL);
    CHECK(apigen_result_header(&out.base, "Retry-Aft") == NULL);
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

/* Storage for the decoded body is required when a response has one to decode. */
static void a_missing_value_is_refused(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_path_params path = item_path("echo", "s", "i");
    apigen_result res;
    int before = log_count();
    CHECK(apigen_call(c, &client_operations[0], &path, NULL, NULL, NULL, &res, NULL) ==
          APIGEN_RESULT_INVALID_REQUEST);
    CHECK(res.errors.count == 1 && strcmp(res.errors.items[0].path, "value") == 0);
    CHECK(res.attempts == 0 && log_count() == before);
    apigen_result_free(&res, NULL);
    apigen_client_free(c);
}

static void error_statuses_keep_their_raw_body(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_result out;
    CHECK(get_mode(c, "html500", &out) == APIGEN_RESULT_UNDOCUMENTED_STATUS);
    CHECK(out.base.status == 500);
    CHECK_STR(out.base.body, "<html><body><h1>500 Internal Server Error</h1></body></html>");
    CHECK_STR(out.base.content_type, "text/html");
    client_get_item_result_free(&out);

    CHECK(get_mode(c, "teapot", &out) == APIGEN_RESULT_UNDOCUMENTED_STATUS);
    CHECK(out.base.status == 418);
    CHECK(out.base.response == NULL);
    CHECK_STR(out.base.body, "I'm a teapot");
    client_get_item_result_free(&out);

    /* a documented error status is decoded into its model */
    CHECK(get_mode(c, "missing", &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 404);
    CHECK(out.body.status_404.code == CLIENT_ERROR_3001);
    CHECK_STR(out.body.status_404.message, "Entity not found");
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

/* Issue 14: a top-level array body each way, and text/plain each way, over the wire. */
static void array_and_text_bodies_cross_the_wire(void)
{
    apigen_client *c = client_default(NULL);
    const char *labels[] = {"bug", "ui"};
    client_put_list_path_params lp = {"list"};
    client_put_list_request body = {(char **)labels, 2};
    client_put_list_result list;
    CHECK(client_put_list(c, &lp, &body, &list) == APIGEN_RESULT_OK);
    CHECK(list.body.status_200.items_count == 2);
    if (list.body.status_200.items_count == 2) {
        CHECK_STR(list.body.status_200.items[0].target, "/list/list");
        CHECK_STR(list.body.status_200.items[1].target, "[\"bug\",\"ui\"]");
    }
    client_put_list_result_free(&list);

    client_put_text_path_params tp = {"text"};
    apigen_bytes text = {"h\xc3\xa9llo {not json", 16};
    client_put_text_result got;
    CHECK(client_put_text(c, &tp, &text, &got) == APIGEN_RESULT_OK);
    CHECK(got.body.status_200.len == 20);
    CHECK_STR(got.body.status_200.data, "got h\xc3\xa9llo {not json");
    CHECK_STR(got.base.content_type, "text/plain; charset=utf-8");
    client_put_text_result_free(&got);

    /* a JSON body where text is documented: the wrong media type */
    tp.mode = "echo";
    CHECK(client_put_text(c, &tp, &text, &got) == APIGEN_RESULT_WRONG_CONTENT_TYPE);
    client_put_text_result_free(&got);
    apigen_client_free(c);
}

/* Responses documented by range only ("2XX", "4XX", "5XX"): the status's class chooses. */
static void status_ranges_choose_the_response(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_ranged_result out;
    client_get_ranged_path_params path = {"echo"};
    CHECK(client_get_ranged(c, &path, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 200);
    CHECK(out.base.response != NULL && out.base.response->status == 2); /* "2XX" */
    CHECK_STR(out.body.status_2XX.method, "GET");
    CHECK_STR(out.body.status_2XX.target, "/echo/ranged");
    client_get_ranged_result_free(&out);

    path.mode = "teapot"; /* 418: "4XX", no documented body, the text kept raw */
    CHECK(client_get_ranged(c, &path, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 418);
    CHECK(out.base.response != NULL && out.base.response->status == 4); /* "4XX" */
    CHECK_STR(out.base.body, "I'm a teapot");
    client_get_ranged_result_free(&out);

    path.mode = "html500"; /* 500: "5XX" documents JSON, HTML came */
    CHECK(client_get_ranged(c, &path, &out) == APIGEN_RESULT_WRONG_CONTENT_TYPE);
    CHECK(out.base.status == 500);
    CHECK(out.base.response != NULL && out.base.response->status == 5); /* "5XX" */
    client_get_ranged_result_free(&out);
    apigen_client_free(c);
}

/* What the query styles, path and header arrays (style simple) and cookie parameters put on
 * the wire, as the recorder received it. */
static void parameter_styles_reach_the_wire(void)
{
    apigen_client *c = client_default(TOKEN);
    char *tags[] = {"a b", "c"}, *words[] = {"x", "y/z"};
    int64_t ids[] = {1, -2};
    client_search_styled_path_params path = {"echo", tags, 2};
    client_search_styled_query_params query = {.has_ids = true,
                                               .ids = ids,
                                               .ids_count = 2,
                                               .has_csv = true,
                                               .csv = words,
                                               .csv_count = 2,
                                               .has_ssv = true,
                                               .ssv = words,
                                               .ssv_count = 2,
                                               .has_psv = true,
                                               .psv = words,
                                               .psv_count = 2,
                                               .has_filter = true,
                                               .filter = {.status = "open", .label = "bug fix"}};
    client_search_styled_header_params header = {.has_x_ids = true, .x_ids = ids, .x_ids_count = 2};
    client_search_styled_cookie_params cookie = {.session = "s3cr3t", .theme = "dark"};
    client_search_styled_result out;
    CHECK(client_search_styled(c, &path, &query, &header, &cookie, &out) == APIGEN_RESULT_OK);
    const char *target = "/echo/styled/a%20b,c?ids=1&ids=-2&csv=x,y%2Fz&ssv=x%20y%2Fz&psv=x%7Cy%2Fz"
                         "&filter%5Bstatus%5D=open&filter%5Blabel%5D=bug%20fix";
    CHECK_STR(out.body.status_200.target, target);
    cJSON *log = read_log();
    cJSON *rec = last_record(log);
    CHECK_STR(rec_str(rec, "target"), target);
    CHECK_STR(rec_header(rec, "X-Ids"), "1,-2");
    CHECK_STR(rec_header(rec, "Cookie"), "session=s3cr3t; theme=dark");
    cJSON_Delete(log);
    client_search_styled_result_free(&out);
    cookie.theme = "dark mode"; /* not cookie-octets: nothing sent */
    CHECK(client_search_styled(c, &path, &query, &header, &cookie, &out) ==
          APIGEN_RESULT_INVALID_REQUEST);
    client_search_styled_result_free(&out);
    apigen_client_free(c);
}

/* A form body (APIGEN_BODY_FORM) as it reaches the wire, read back by the recorder. */
static void form_bodies_reach_the_wire(void)
{
    apigen_client *c = client_default(TOKEN);
    char *tags[] = {"a b", "c&d"}, *expand[] = {"invoices"};
    client_create_customer_request_metadata_entry meta[] = {{"order id", "67=35"}};
    client_create_customer_path_params path = {"echo"};
    client_create_customer_request body = {.name = "J\xc3\xa9r\xc3\xb4me",
                                           .has_age = true,
                                           .age = 41,
                                           .has_vip = true,
                                           .vip = false,
                                           .has_tags = true,
                                           .tags = tags,
                                           .tags_count = 2,
                                           .has_expand = true,
                                           .expand = expand,
                                           .expand_count = 1,
                                           .has_address = true,
                                           .address = {.line = "1 Main St"},
                                           .has_metadata = true,
                                           .metadata = meta,
                                           .metadata_count = 1};
    client_create_customer_result out;
    CHECK(client_create_customer(c, &path, &body, &out) == APIGEN_RESULT_OK);
    cJSON *log = read_log();
    cJSON *rec = last_record(log);
    CHECK_STR(rec_str(rec, "method"), "POST");
    CHECK_STR(rec_header(rec, "Content-Type"), "application/x-www-form-urlencoded");
    CHECK_STR(rec_str(rec, "body"), /* latin-1 text of the bytes */
              "name=J%C3%A9r%C3%B4me&age=41&vip=false&tags=a+b&tags=c%26d&expand%5B%5D=invoices"
              "&address%5Bline%5D=1+Main+St&metadata%5Border+id%5D=67%3D35");
    cJSON_Delete(log);
    client_create_customer_result_free(&out);
    body.name = ""; /* minLength 1: nothing sent */
    CHECK(client_create_customer(c, &path, &body, &out) == APIGEN_RESULT_INVALID_REQUEST);
    client_create_customer_result_free(&out);
    apigen_client_free(c);
}

/* A multipart upload (APIGEN_BODY_MULTIPART) as it reaches the wire: the recorder keeps the
 * body as latin-1 text, so each byte is one character of it. */
static void multipart_uploads_reach_the_wire(void)
{
    apigen_client *c = client_default(TOKEN);
    char *labels[] = {"me"};
    client_upload_file_path_params path = {"echo"};
    client_upload_file_request body = {.purpose = CLIENT_UPLOAD_FILE_REQUEST_PURPOSE_AVATAR,
                                       .has_labels = true,
                                       .labels = labels,
                                       .labels_count = 1,
                                       .file = {{"\x89PNG\r\n", 6}, "me.png", NULL}};
    client_upload_file_result out;
    CHECK(client_upload_file(c, &path, &body, &out) == APIGEN_RESULT_OK);
    cJSON *log = read_log();
    cJSON *rec = last_record(log);
    const char *type = rec_header(rec, "Content-Type");
    CHECK(type != NULL && strncmp(type, "multipart/form-data; boundary=apigen-", 37) == 0);
    const char *boundary = type != NULL ? strstr(type, "boundary=") + 9 : "";
    char want[512];
    snprintf(want, sizeof want,
             "--%s\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\navatar\r\n"
             "--%s\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\nme\r\n"
             "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.png\"\r\n"
             "Content-Type: image/png\r\n\r\n\xc2\x89PNG\r\n\r\n--%s--\r\n",
             boundary, boundary, boundary, boundary);
    CHECK_STR(rec_str(rec, "body"), want); /* 0x89 as latin-1 text, in UTF-8 */
    cJSON_Delete(log);
    client_upload_file_result_free(&out);
    apigen_client_free(c);
}

static void a_body_breaking_its_schema_comes_back_raw_with_violations(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_result out;
    CHECK(get_mode(c, "badbody", &out) == APIGEN_RESULT_INVALID_RESPONSE);
    CHECK(out.base.status == 200);
    CHECK(out.base.errors.count >= 2); /* method not a string, target missing */
    CHECK_STR(out.base.body, "{\"method\": 5}");
    CHECK(out.body.status_200.method == NULL && out.body.status_200.target == NULL);
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

static void bodies_over_the_limit_are_cut(void)
{
    apigen_client *c = client_default(TOKEN);
    const char *modes[] = {"huge-length", "huge-chunked"};
    for (int i = 0; i < 2; i++) {
        client_get_item_result out;
        CHECK(get_mode(c, modes[i], &out) == APIGEN_RESULT_TOO_LARGE);
        CHECK(out.base.status == 200);
        CHECK(out.base.body_len == 10485760);
        CHECK(out.base.body != NULL && strncmp(out.base.body, "[0,0,", 5) == 0);
        CHECK(out.base.body != NULL && out.base.body[out.base.body_len] == '\0');
        client_get_item_result_free(&out);
    }
    /* the client still works afterwards (the cut connection is not reused) */
    client_get_item_result out;
    CHECK(get_mode(c, "echo", &out) == APIGEN_RESULT_OK);
    client_get_item_result_free(&out);
    apigen_client_free(c);
}

/* ------------------------------------------------------------- redaction ---- */

typedef struct seen_traces {
    int count;
    bool leaked;
    bool stars_seen;
    bool key_redacted;
    bool result_seen;
    /* of the last attempt seen */
    unsigned attempt;
    bool last;
    apigen_outcome outcome;
    int status;
    bool had_body, cookie_hidden, note_seen;
} seen_traces;

static bool holds_secret(const char *s)
{
    return s != NULL && (strstr(s, TOKEN) != NULL || strstr(s, "tok-3f9a") != NULL ||
                         strstr(s, SECRET) != NULL || strstr(s, "key%20y") != NULL ||
                         strstr(s, KEY) != NULL || strstr(s, "srv-secret-99") != NULL);
}

static void on_trace(void *ctx, const apigen_trace *t)
{
    seen_traces *s = ctx;
    s->count++;
    s->leaked =
        s->leaked || holds_secret(t->url) || holds_secret(t->body) || holds_secret(t->method);
    for (size_t i = 0; i < t->header_count; i++) {
        s->leaked = s->leaked || holds_secret(t->headers[i].value);
        if ((strcmp(t->headers[i].name, "Authorization") == 0 ||
             strcmp(t->headers[i].name, "X-Secret") == 0) &&
            strcmp(t->headers[i].value, "***") == 0)
            s->stars_seen = true;
    }
    s->key_redacted = s->key_redacted || (t->url != NULL && strstr(t->url, "api_key=***") != NULL);
    s->result_seen = s->result_seen || t->status != 0 || t->transport_code != 0;
    s->leaked = s->leaked || holds_secret(t->response_body) || holds_secret(t->transport_message);
    s->cookie_hidden = false;
    for (size_t i = 0; i < t->response_header_count; i++) {
        s->leaked = s->leaked || holds_secret(t->response_headers[i].value);
        if (strcasecmp(t->response_headers[i].name, "Set-Cookie") == 0)
            s->cookie_hidden = strcmp(t->response_headers[i].value, "***") == 0;
    }
    s->attempt = t->attempt;
    s->last = t->last;
    s->outcome = t->outcome;
    s->status = t->status;
    s->had_body = t->response_body != NULL;
    s->note_seen = t->response_body != NULL && strstr(t->response_body, "fine") != NULL;
}

/* Options with the bearer token, on_trace into seen, two attempts 1 ms apart. */
static void traced_options(apigen_client_options *o, seen_traces *seen)
{
    apigen_client_options_init(o);
    o->credential = TOKEN;
    o->trace = on_trace;
    o->trace_ctx = seen;
    o->max_attempts = 2;
    o->retry_base_ms = 1;
}

static void secrets_never_reach_results_or_the_trace_hook(void)
{
    seen_traces seen = {0};
    apigen_client_options o;
    traced_options(&o, &seen);
    o.timeout_ms = 300;
    apigen_client *c = client_with(&o);
    client_get_item_header_params header = {.x_secret = SECRET};
    const char *modes[] = {"echo", "flaky", "hang", "teapot", "badbody"};
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        client_get_item_path_params path = item_path(modes[i], "redact", "me");
        client_get_item_result out;
        client_get_item(c, &path, NULL, &header, &out);
        CHECK(!result_holds(&out.base, TOKEN) && !result_holds(&out.base, SECRET));
        client_get_item_result_free(&out);
    }
    /* flaky and hang are tried twice (a timeout is worth another attempt) */
    CHECK(seen.count == 7);
    CHECK(seen.stars_seen);
    CHECK(seen.result_seen);
    apigen_client_free(c);

    o.credential = KEY;
    c = client_with(&o);
    client_create_item_path_params path = {"teapot"}; /* echo would send the target back */
    client_create_item_request body = {.name = "n"};
    client_create_item_result out;
    CHECK(client_create_item(c, &path, NULL, &body, &out) == APIGEN_RESULT_UNDOCUMENTED_STATUS);
    CHECK(!result_holds(&out.base, "key%20y"));
    client_create_item_result_free(&out);
    CHECK(seen.key_redacted);
    CHECK(!seen.leaked);
    apigen_client_free(c);
}

/* ------------------------------------------- security, HEAD, OPTIONS, headers ---- */

/* Credentials per scheme for headItem: basic and the session cookie unless only_oauth. */
static int per_scheme(void *ctx, const char *scheme, char *buf, size_t size)
{
    bool only_oauth = *(const bool *)ctx;
    const char *v = NULL;
    if (strcmp(scheme, "basic") == 0 && !only_oauth)
        v = "Aladdin:open sesame";
    else if (strcmp(scheme, "session") == 0 && !only_oauth)
        v = "sess-secret-5";
    else if (strcmp(scheme, "oauth") == 0)
        v = "oauth-tok-6";
    if (v == NULL)
        return -1;
    snprintf(buf, size, "%s", v);
    return 0;
}

typedef struct request_trace {
    bool cookie_hidden, authorization_hidden, leaked;
} request_trace;

static void on_request_trace(void *ctx, const apigen_trace *t)
{
    request_trace *rt = ctx;
    for (size_t i = 0; i < t->header_count; i++) {
        const char *v = t->headers[i].value;
        if (strcmp(t->headers[i].name, "Cookie") == 0)
            rt->cookie_hidden = strcmp(v, "***") == 0;
        if (strcmp(t->headers[i].name, "Authorization") == 0)
            rt->authorization_hidden = strcmp(v, "***") == 0;
        rt->leaked = rt->leaked || strstr(v, "sess-secret") != NULL || strstr(v, "QWxh") != NULL;
    }
}

/* HEAD with basic auth and a session cookie together (the first security requirement): the
 * wire carries both, the transport does not wait for the body the Content-Length announces,
 * and the documented headers come back typed (an integer beyond 2^53 exactly, a boolean from a
 * lower-case field name); the trace shows both credentials as "***". */
static void head_sends_basic_and_cookie_and_decodes_headers(void)
{
    bool only_oauth = false;
    request_trace rt = {0};
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.credential_fn = per_scheme;
    o.credential_ctx = &only_oauth;
    o.trace = on_request_trace;
    o.trace_ctx = &rt;
    apigen_client *c = client_with(&o);
    client_head_item_path_params path = {"headed"};
    client_head_item_result out;
    CHECK(client_head_item(c, &path, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 200 && out.base.body_len == 0);
    cJSON *log = read_log();
    cJSON *rec = last_record(log);
    CHECK_STR(rec_str(rec, "method"), "HEAD");
    CHECK_STR(rec_header(rec, "Authorization"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    CHECK_STR(rec_header(rec, "Cookie"), "session=sess-secret-5");
    cJSON_Delete(log);
    const client_head_item_headers_200 *h = client_head_item_result_headers_200(&out);
    CHECK(h != NULL);
    if (h != NULL) {
        CHECK(h->x_ratelimit_remaining == INT64_C(9007199254740993));
        CHECK_STR(h->location, "https://h.test/items/1");
        CHECK(h->has_x_flag && h->x_flag);
        CHECK_STR(h->retry_after, "Wed, 21 Oct 2026 07:28:00 GMT");
    }
    CHECK(rt.cookie_hidden && rt.authorization_hidden && !rt.leaked);
    client_head_item_result_free(&out);
    CHECK(client_head_item_result_headers_200(&out) == NULL);

    /* without basic and the cookie, the other requirement: the OAuth 2 token */
    only_oauth = true;
    CHECK(client_head_item(c, &path, &out) == APIGEN_RESULT_OK);
    log = read_log();
    rec = last_record(log);
    CHECK_STR(rec_header(rec, "Authorization"), "Bearer oauth-tok-6");
    CHECK(rec_header(rec, "Cookie") == NULL);
    cJSON_Delete(log);
    client_head_item_result_free(&out);
    apigen_client_free(c);
}

/* Documented headers that break their schemas: INVALID_RESPONSE, a violation at each. */
static void invalid_response_headers_are_violations(void)
{
    apigen_client *c = client_default("unused:x");
    client_head_item_path_params path = {"headed-bad"};
    client_head_item_result out;
    CHECK(client_head_item(c, &path, &out) == APIGEN_RESULT_INVALID_RESPONSE);
    bool rate = false, location = false;
    for (size_t i = 0; i < out.base.errors.count; i++) {
        rate =
            rate || strcmp(out.base.errors.items[i].path, "header['X-RateLimit-Remaining']") == 0;
        location = location || strcmp(out.base.errors.items[i].path, "header.Location") == 0;
    }
    CHECK(rate && location && out.base.errors.count == 2);
    CHECK(client_head_item_result_headers_200(&out) == NULL);
    client_head_item_result_free(&out);
    apigen_client_free(c);
}

/* OPTIONS answered 204: no body whatever the "2XX" response documents; the two Allow field
 * lines combined (RFC 9110 section 5.3). */
static void options_answered_204_has_no_body(void)
{
    apigen_client *c = client_default(NULL);
    client_options_item_path_params path = {"allow"};
    client_options_item_result out;
    CHECK(client_options_item(c, &path, &out) == APIGEN_RESULT_OK);
    CHECK(out.base.status == 204);
    const client_options_item_headers_2XX *h = client_options_item_result_headers_2XX(&out);
    CHECK(h != NULL && h->allow != NULL && strcmp(h->allow, "GET, HEAD, OPTIONS") == 0);
    cJSON *log = read_log();
    CHECK_STR(rec_str(last_record(log), "method"), "OPTIONS");
    cJSON_Delete(log);
    client_options_item_result_free(&out);
    apigen_client_free(c);
}

/* The hook runs after decoding: it sees the outcome the call returns, a sensitive member of
 * the response body as "***", secret response fields as "***", and no body that did not
 * decode. */
static void the_trace_hook_sees_the_final_outcome_redacted(void)
{
    seen_traces seen = {0};
    apigen_client_options o;
    traced_options(&o, &seen);
    apigen_client *c = client_with(&o);

    client_get_secret_path_params spath = {"secret"};
    client_get_secret_result sout;
    CHECK(client_get_secret(c, &spath, &sout) == APIGEN_RESULT_OK);
    CHECK_STR(sout.body.status_200.token, "srv-secret-99"); /* the caller gets it */
    CHECK(seen.count == 1 && seen.last && seen.attempt == 1);
    CHECK(seen.outcome == APIGEN_RESULT_OK && seen.status == 200);
    CHECK(seen.had_body && seen.note_seen); /* debug text: "fine" shown, the token not */
    CHECK(seen.cookie_hidden);
    CHECK(!seen.leaked);
    client_get_secret_result_free(&sout);

    /* an undocumented status: the hook's outcome is the call's, and no body is shown */
    client_get_item_result out;
    CHECK(get_mode(c, "teapot", &out) == APIGEN_RESULT_UNDOCUMENTED_STATUS);
    CHECK(seen.count == 2 && seen.last);
    CHECK(seen.outcome == APIGEN_RESULT_UNDOCUMENTED_STATUS && seen.status == 418);
    CHECK(!seen.had_body);
    client_get_item_result_free(&out);

    /* a body without sensitive members is shown raw */
    CHECK(get_mode(c, "echo", &out) == APIGEN_RESULT_OK);
    CHECK(seen.count == 3 && seen.had_body && seen.outcome == APIGEN_RESULT_OK);
    client_get_item_result_free(&out);

    /* a retried call: attempt 1 is not the last, attempt 2 is and ends OK */
    client_get_item_path_params path = item_path("flaky", "trace", "final");
    CHECK(client_get_item(c, &path, NULL, NULL, &out) == APIGEN_RESULT_OK);
    CHECK(seen.count == 5 && seen.attempt == 2 && seen.last);
    CHECK(seen.outcome == APIGEN_RESULT_OK && seen.status == 200);
    client_get_item_result_free(&out);
    CHECK(!seen.leaked);
    apigen_client_free(c);
}

/* ------------------------------------------------------ allocation failures ---- */

static long alloc_countdown = -1; /* allocations left before the one that fails; -1: none */
static bool alloc_failed;

static void *failing_malloc(size_t size)
{
    if (alloc_countdown == 0) {
        alloc_countdown = -1;
        alloc_failed = true;
        return NULL;
    }
    if (alloc_countdown > 0)
        alloc_countdown--;
    return malloc(size);
}

/* Each allocation of a call fails in turn (builder, transport, decoder): the call ends in
 * NO_MEMORY, leaks nothing (ASan), and the client works afterwards. */
static void each_allocation_failure_ends_in_no_memory(void)
{
    apigen_client *c = client_default(TOKEN);
    client_get_item_path_params path = item_path("echo", "a/b", "c d");
    client_get_item_query_params query = {.has_serial = true, .serial = 7};
    client_get_item_header_params header = {.x_secret = SECRET};
    cJSON_Hooks hooks = {failing_malloc, free};
    int failures = 0;
    bool completed = false;
    for (long n = 0; n < 10000 && !completed; n++) {
        client_get_item_result out;
        cJSON_InitHooks(&hooks);
        alloc_countdown = n;
        alloc_failed = false;
        int rc = client_get_item(c, &path, &query, &header, &out);
        alloc_countdown = -1;
        if (alloc_failed) {
            failures++;
            CHECK(rc == APIGEN_RESULT_NO_MEMORY);
        } else {
            completed = true;
            CHECK(rc == APIGEN_RESULT_OK);
        }
        client_get_item_result_free(&out);
        cJSON_InitHooks(NULL);
    }
    CHECK(completed);
    CHECK(failures > 10);
    apigen_client_free(c);
}

/* ------------------------------------------------------------------ threads ---- */

#define THREADS 8
#define CALLS   50

static apigen_client *shared_client;
static atomic_int traced;

static void count_trace(void *ctx, const apigen_trace *t)
{
    (void)ctx, (void)t;
    atomic_fetch_add(&traced, 1);
}

/* One thread's calls: GETs whose path names the thread and call, every fifth a POST; each
 * result checked against what that call sent. */
static void *thread_calls(void *arg)
{
    int id = (int)(intptr_t)arg;
    int failures = 0;
    for (int i = 0; i < CALLS; i++) {
        char store[32], item[32], expected[128];
        snprintf(store, sizeof store, "t%d", id);
        snprintf(item, sizeof item, "c %d", i);
        if (i % 5 == 4) {
            client_create_item_path_params path = {"echo"};
            client_create_item_request body = {.name = item, .has_count = true, .count = i};
            client_create_item_result out;
            int rc = client_create_item(shared_client, &path, NULL, &body, &out);
            failures += rc != APIGEN_RESULT_OK || out.base.status != 200 ||
                        strcmp(out.body.status_200.method, "POST") != 0;
            client_create_item_result_free(&out);
            continue;
        }
        client_get_item_path_params path = item_path("echo", store, item);
        client_get_item_query_params query = {.has_serial = true, .serial = id * 1000 + i};
        client_get_item_result out;
        int rc = client_get_item(shared_client, &path, &query, NULL, &out);
        snprintf(expected, sizeof expected, "/echo/stores/t%d/items/c%%20%d?serial=%d", id, i,
                 id * 1000 + i);
        failures += rc != APIGEN_RESULT_OK || out.base.status != 200 ||
                    strcmp(out.body.status_200.target, expected) != 0;
        client_get_item_result_free(&out);
    }
    return (void *)(intptr_t)failures;
}

static void one_client_serves_eight_threads(void)
{
    apigen_client_options o;
    apigen_client_options_init(&o);
    o.credential = TOKEN;
    o.trace = count_trace;
    shared_client = client_with(&o);
    int before = log_count();
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        CHECK(pthread_create(&threads[i], NULL, thread_calls, (void *)(intptr_t)i) == 0);
    for (int i = 0; i < THREADS; i++) {
        void *failures;
        pthread_join(threads[i], &failures);
        CHECK((intptr_t)failures == 0);
    }
    CHECK(atomic_load(&traced) == THREADS * CALLS);
    CHECK(log_count() == before + THREADS * CALLS);
    apigen_client_free(shared_client);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s BASE_URL LOG_FILE [--threads]\n", argv[0]);
        return 2;
    }
    base_url = argv[1];
    log_path = argv[2];
    if (argc > 3 && strcmp(argv[3], "--threads") == 0) {
        RUN_TEST(one_client_serves_eight_threads);
    } else {
        RUN_TEST(path_params_arrive_as_one_encoded_segment_each);
        RUN_TEST(bearer_and_headers_arrive_exact);
        RUN_TEST(blank_header_values_arrive_as_empty_fields);
        RUN_TEST(api_key_goes_in_the_query_and_body_as_json);
        RUN_TEST(credential_with_crlf_never_leaves);
        RUN_TEST(credential_fn_is_asked_per_call);
        RUN_TEST(a_credential_too_long_is_refused);
        RUN_TEST(base_url_is_checked);
        RUN_TEST(connection_refused_is_a_transport_failure);
        RUN_TEST(tls_and_dns_failures_are_told_apart);
        RUN_TEST(a_server_that_never_answers_times_out);
        RUN_TEST(retry_sends_the_same_idempotency_key);
        RUN_TEST(retry_follows_retry_after_and_stops);
        RUN_TEST(an_empty_idempotency_key_is_no_key);
        RUN_TEST(without_retry_the_503_is_kept);
        RUN_TEST(a_header_section_cut_short_is_a_transport_failure);
        RUN_TEST(a_missing_value_is_refused);
        RUN_TEST(error_statuses_keep_their_raw_body);
        RUN_TEST(status_ranges_choose_the_response);
        RUN_TEST(array_and_text_bodies_cross_the_wire);
        RUN_TEST(a_body_breaking_its_schema_comes_back_raw_with_violations);
        RUN_TEST(form_bodies_reach_the_wire);
        RUN_TEST(multipart_uploads_reach_the_wire);
        RUN_TEST(parameter_styles_reach_the_wire);
        RUN_TEST(bodies_over_the_limit_are_cut);
        RUN_TEST(secrets_never_reach_results_or_the_trace_hook);
        RUN_TEST(the_trace_hook_sees_the_final_outcome_redacted);
        RUN_TEST(head_sends_basic_and_cookie_and_decodes_headers);
        RUN_TEST(invalid_response_headers_are_violations);
        RUN_TEST(options_answered_204_has_no_body);
        RUN_TEST(each_allocation_failure_ends_in_no_memory);
    }
    client_cleanup();
    return check_summary();
}
