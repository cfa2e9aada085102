/* fuzz_mustache: libFuzzer target for the Mustache renderer on its own (generator/mustache.c),
 * with invariants beyond "no crash". Input: DATA <RS> PARTIALS <RS> TEMPLATE, RS being the
 * byte 0x1E: DATA is the JSON view (anything that is not JSON stands for {}), PARTIALS a JSON
 * object of partial templates by name; an input without two RS bytes is all template, with
 * the view {} and no partials. */
#define _GNU_SOURCE /* memmem */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "mustache.h"

#define RS '\x1e'

static char *partial(void *ctx, const char *name)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(ctx, name);
    return cJSON_IsString(p) ? strdup(p->valuestring) : NULL;
}

/* The streamed rendering's sink: a memory stream; counts the pieces. */
static size_t pieces;

static int to_stream(void *ctx, const char *data, size_t len)
{
    REQUIRE(len > 0); /* the renderer never hands out empty pieces */
    pieces++;
    return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

/* Renders into memory; *errors gets the errors reported. */
static char *render(const char *tmpl, size_t len, const cJSON *view, const cJSON *partials,
                    size_t *out_len, int *errors)
{
    char *msgs = NULL;
    size_t msgs_len = 0;
    FILE *mem = open_memstream(&msgs, &msgs_len);
    REQUIRE(mem != NULL);
    diag d;
    diag_init(&d, mem);
    d.max_errors = 0;
    *out_len = 0;
    char *out =
        mustache_render("t.mustache", tmpl, len, view, partial, (void *)partials, &d, out_len);
    REQUIRE(fclose(mem) == 0);
    /* a failed rendering says why, a good one says nothing */
    REQUIRE((out == NULL) == (d.errors > 0));
    REQUIRE((d.errors > 0) == (msgs_len > 0));
    free(msgs);
    *errors = d.errors;
    return out;
}

static bool same(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* Undoes the renderer's HTML escaping (& " < >); false when text holds a raw < > or " or an &
 * that starts no entity the renderer writes. */
static bool unescape(const char *text, size_t len, char *out, size_t *out_len)
{
    static const struct {
        const char *entity;
        char c;
    } entities[] = {{"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}};
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        char c = text[i];
        if (c == '<' || c == '>' || c == '"')
            return false;
        if (c != '&') {
            out[n++] = c;
            i++;
            continue;
        }
        size_t k = 0;
        while (k < 4 && strncmp(text + i, entities[k].entity, strlen(entities[k].entity)) != 0)
            k++;
        if (k == 4)
            return false;
        out[n++] = entities[k].c;
        i += strlen(entities[k].entity);
    }
    *out_len = n;
    return true;
}

/* The input's text as a view value: {{v}} escapes it, {{{v}}} and {{&v}} copy it. */
static void check_interpolation(const char *text, size_t len)
{
    if (memchr(text, '\0', len) != NULL)
        return; /* a cJSON string ends at NUL */
    char *s = strndup(text, len);
    REQUIRE(s != NULL);
    cJSON *view = cJSON_CreateObject();
    REQUIRE(view != NULL && cJSON_AddStringToObject(view, "v", s) != NULL);
    size_t out_len;
    int errors;
    char *out = render("{{v}}", 5, view, NULL, &out_len, &errors);
    REQUIRE(out != NULL);
    char *back = malloc(out_len + 1);
    size_t back_len = 0;
    REQUIRE(back != NULL && unescape(out, out_len, back, &back_len));
    REQUIRE(same(back, back_len, text, len));
    free(back);
    free(out);
    const char *raw[] = {"{{{v}}}", "{{&v}}", "{{& v }}"};
    for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
        out = render(raw[i], strlen(raw[i]), view, NULL, &out_len, &errors);
        REQUIRE(out != NULL && same(out, out_len, text, len));
        free(out);
    }
    cJSON_Delete(view);
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *rs1 = memchr(in, RS, size);
    const char *rs2 = rs1 ? memchr(rs1 + 1, RS, size - (size_t)(rs1 + 1 - in)) : NULL;
    const char *tmpl = in;
    size_t tlen = size;
    cJSON *view = NULL, *partials = NULL;
    if (rs2 != NULL) {
        view = cJSON_ParseWithLength(in, (size_t)(rs1 - in));
        partials = cJSON_ParseWithLength(rs1 + 1, (size_t)(rs2 - rs1 - 1));
        tmpl = rs2 + 1;
        tlen = size - (size_t)(tmpl - in);
    }
    if (view == NULL)
        view = cJSON_CreateObject();
    REQUIRE(view != NULL);

    /* Deterministic: the same input renders the same, or fails the same. */
    size_t len1, len2;
    int errors1, errors2;
    char *out1 = render(tmpl, tlen, view, partials, &len1, &errors1);
    char *out2 = render(tmpl, tlen, view, partials, &len2, &errors2);
    REQUIRE(errors1 == errors2);
    REQUIRE((out1 == NULL) == (out2 == NULL));
    REQUIRE(out1 == NULL || same(out1, len1, out2, len2));
    REQUIRE(out1 == NULL || out1[len1] == '\0');

    /* Streamed to a sink, it is the same text, in pieces. */
    char *streamed = NULL;
    size_t streamed_len = 0;
    FILE *stream = open_memstream(&streamed, &streamed_len);
    FILE *null_out = fopen("/dev/null", "w");
    REQUIRE(stream != NULL && null_out != NULL);
    diag d;
    diag_init(&d, null_out);
    mustache_options opt = {
        .partial = partial, .partial_ctx = partials, .sink = to_stream, .sink_ctx = stream};
    pieces = 0;
    int r = mustache_render_to("t.mustache", tmpl, tlen, view, &opt, &d);
    REQUIRE(fclose(stream) == 0 && fclose(null_out) == 0);
    REQUIRE((r == 0) == (out1 != NULL));
    REQUIRE(r != 0 || same(streamed, streamed_len, out1, len1));
    REQUIRE(r != 0 || pieces <= streamed_len / 1024 + 1);
    free(streamed);

    /* No tag, no change: text without the opening delimiter renders as itself. */
    if (memmem(tmpl, tlen, "{{", 2) == NULL)
        REQUIRE(out1 != NULL && same(out1, len1, tmpl, tlen));

    /* Any text as data: escaped by {{v}}, copied by {{{v}}}. */
    check_interpolation(tmpl, tlen);

    free(out1);
    free(out2);
    cJSON_Delete(view);
    cJSON_Delete(partials);
    return 0;
}
