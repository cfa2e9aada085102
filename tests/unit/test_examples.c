/* test_examples: the generator's check of a spec's examples (generator/examples.c): the walk
 * from a runtime JSON path to the YAML node it names, and the verdicts and positions of the
 * check on scalar, nullable, array, any and object examples. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_rt.h"
#include "check.h"
#include "check_api.h"
#include "examples.h"
#include "json_text.h"
#include "model.h"
#include "tables.h"
#include "view.h"

static arena a;

/* The value of YAML text (no diagnostics expected), as the checker keeps it. */
static const model_value *tree(const char *text)
{
    spec_file f;
    diag d;
    diag_init(&d, stderr);
    CHECK(spec_load_text(&a, "t.yaml", text, strlen(text), &f, &d) == 0);
    return f.root ? json_value_of_yaml(&a, f.root) : NULL;
}

/* "line:col" of the value path names in root. */
static const char *at(const model_value *root, const char *path)
{
    static char buf[32];
    const model_value *v = examples_value_at(root, path);
    if (v == NULL)
        return "NULL";
    snprintf(buf, sizeof buf, "%d:%d", v->at->line, v->at->col);
    return buf;
}

static void path_walk_finds_nodes(void)
{
    const model_value *r = tree("data:\n"
                                "  - {email: a@b.co, n: 1}\n"
                                "  - email: x\n"
                                "    tags: [p, q]\n"
                                "top: 2\n");
    CHECK_STR(at(r, "$"), "1:1");
    CHECK_STR(at(r, "$.data"), "2:3");
    CHECK_STR(at(r, "$.data[0].n"), "2:24");
    CHECK_STR(at(r, "$.data[1].email"), "3:12");
    CHECK_STR(at(r, "$.data[1].tags[1]"), "4:15");
    CHECK_STR(at(r, "$.top"), "5:6");
}

/* A missing property, a past-the-end index or a cut path: the nearest node that exists. */
static void path_walk_falls_back_to_the_nearest_ancestor(void)
{
    const model_value *r = tree("data:\n"
                                "  - email: x\n"
                                "    tags: [p, q]\n");
    CHECK_STR(at(r, "$.data[0].phone"), "2:5");
    CHECK_STR(at(r, "$.data[0].tags[2]"), "3:11");
    CHECK_STR(at(r, "$.data[1]"), "2:3");
    CHECK_STR(at(r, "$.data[x]"), "2:3");
    CHECK_STR(at(r, "$.data[]"), "2:3");
    CHECK_STR(at(r, "$.data[99999999999999999999999]"), "2:3");
    CHECK_STR(at(r, "$.data[0].ema..."), "2:5");
    CHECK_STR(at(r, "$.dat"), "1:1");
    CHECK_STR(at(r, "$[0]"), "1:1");
    CHECK_STR(at(tree("just a scalar\n"), "$.x"), "1:1");
    CHECK(examples_value_at(NULL, "$") == NULL);
}

/* Paths are read as the runtime writes them (RFC 9535 normalized paths, .name shorthand): each
 * segment names one key, whatever keys stand beside it, in either order (attack1 E3). */
static void path_walk_reads_each_segment_one_way(void)
{
    const model_value *t = tree("a: {b: 2}\n"
                                "a.b: s1\n"
                                "c: [1]\n"
                                "c[0]: s2\n");
    CHECK_STR(at(t, "$.a.b"), "1:8");
    CHECK_STR(at(t, "$['a.b']"), "2:6");
    CHECK_STR(at(t, "$['a']['b']"), "1:8");
    CHECK_STR(at(t, "$.c[0]"), "3:5");
    CHECK_STR(at(t, "$['c[0]']"), "4:7");
    t = tree("a.b: s1\n"
             "a: {b: 2}\n");
    CHECK_STR(at(t, "$.a.b"), "2:8");
    CHECK_STR(at(t, "$['a.b']"), "1:6");
    /* quotes, backslashes, escapes: "\\u000a" literally is not a newline */
    t = tree("\"it's\": 1\n"
             "'back\\slash': 2\n"
             "'\\u000a': 3\n"
             "\"\\n\": 4\n"
             "\"\\b\\f\\r\\t\\x01\\x7f\\u0085\\u2028\": 5\n"
             "\"\\xe9 \": 6\n"
             "\"['x']\": 7\n"
             "\"***\": 8\n");
    CHECK_STR(at(t, "$['it\\'s']"), "1:9");
    CHECK_STR(at(t, "$['back\\\\slash']"), "2:15");
    CHECK_STR(at(t, "$['\\\\u000a']"), "3:11");
    CHECK_STR(at(t, "$['\\n']"), "4:7");
    CHECK_STR(at(t, "$['\\u000a']"), "4:7"); /* any hex escape reads, though none is written */
    CHECK_STR(at(t, "$['\\b\\f\\r\\t\\u0001\\u007f\\u0085\\u2028']"), "5:33");
    CHECK_STR(at(t, "$['\\u00e9 ']"), "6:10");
    CHECK_STR(at(t, "$['[\\'x\\']']"), "7:10");
    CHECK_STR(at(t, "$['***']"), "8:8");
    CHECK_STR(at(t, "$['\\x2a*\\x2A']"), "8:8"); /* \xXX: a byte (YAML keys are UTF-8) */
    CHECK_STR(at(t, "$.***"), "1:1");            /* a name the runtime hides: the enclosing value */
    /* not the runtime's syntax, or cut short: the last node reached */
    CHECK_STR(at(t, "$['it's']"), "1:1");
    CHECK_STR(at(t, "$['it\\'s"), "1:1");
    CHECK_STR(at(t, "$['\\ud800']"), "1:1");
    CHECK_STR(at(t, "$['\\q']"), "1:1");
    CHECK_STR(at(t, "$[\"it's\"]"), "1:1");
}

/* The diagnostics of examples_check on spec text, one string. */
static char *check_spec(const char *text, int *rc)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    diag d;
    diag_init(&d, f);
    spec_file file;
    spec_api api;
    CHECK(spec_load_text(&a, "t.yaml", text, strlen(text), &file, &d) == 0);
    *rc = spec_check(&a, &file, &api, &d);
    fclose(f);
    return out;
}

#define SPEC_HEAD                                                                                  \
    "apigen: 1\n"                                                                                  \
    "api: {name: t}\n"                                                                             \
    "schemas:\n"

#define SPEC_TAIL                                                                                  \
    "operations:\n"                                                                                \
    "  op:\n"                                                                                      \
    "    method: GET\n"                                                                            \
    "    path: /x\n"                                                                               \
    "    responses: {\"200\": {description: ok}}\n"

/* JSON Schema 2020-12 counts a number with a zero fractional part as an integer (Validation
 * 6.1.1, Core 4.2.2): 5.0 and 1e2 are integers wherever a spec expects one, decided exactly on
 * the digits (attack1 E7); 5.5 and 1e-1 are not. */
static void integral_numbers_are_integers_in_a_spec(void)
{
    int rc;
    char *out = check_spec(SPEC_HEAD
                           "  I: {type: integer, default: 5.0, const: 5.0, example: 5}\n"
                           "  J: {type: integer, default: 1e2, minimum: 1.0e1, maximum: 2.5e2}\n"
                           "  K: {type: integer, minimum: -0.0, maximum: 9007199254740993.0}\n"
                           "  S: {type: string, minLength: 2.0, maxLength: 1e1}\n"
                           "  L: {type: array, items: {type: integer}, maxItems: 3.00}\n" SPEC_TAIL,
                           &rc);
    CHECK_STR(out, "");
    CHECK(rc == 0);
    free(out);
    out = check_spec(SPEC_HEAD "  I: {type: integer, default: 5.5}\n"
                               "  J: {type: integer, const: 1e-1}\n"
                               "  K: {type: integer, maximum: 1.05e1}\n"
                               "  D: {type: integer, default: 9223372036854775808.0}\n" SPEC_TAIL,
                     &rc);
    CHECK_STR(out, "t.yaml:4:31: error: 'default' must be an integer value, not a number\n"
                   "t.yaml:5:29: error: 'const' must be an integer value, not a number\n"
                   "t.yaml:6:31: error: a bound of an integer schema must be an integer, not "
                   "1.05e1\n"
                   "t.yaml:7:31: error: 'default' 9223372036854775808 is outside the 64-bit "
                   "integer range\n");
    CHECK(rc != 0);
    free(out);
}

static void valid_examples_of_every_kind_pass(void)
{
    int rc;
    char *out =
        check_spec(SPEC_HEAD "  S: {type: string, nullable: true, example: null}\n"
                             "  N: {type: number, exclusiveMinimum: 0, example: 0.5}\n"
                             "  I: {type: integer, default: 3, example: -9007199254740991}\n"
                             "  A: {type: any, example: [1, {x: null}]}\n"
                             "  F: {type: object, example: {free: form}}\n"
                             "  L: {type: array, items: {type: boolean}, example: []}\n"
                             "  E: {type: string, enum: [a, b], example: b, default: a}\n"
                             "  O:\n"
                             "    type: object\n"
                             "    properties: {k: {$ref: E}}\n"
                             "    example: {k: a, other: 1}\n" SPEC_TAIL,
                   &rc);
    CHECK_STR(out, "");
    CHECK(rc == 0);
    free(out);
}

static void scalar_array_and_nullable_examples_fail_at_their_node(void)
{
    int rc;
    char *out = check_spec(SPEC_HEAD "  S: {type: string, example: null}\n"
                                     "  N: {type: number, exclusiveMinimum: 0, example: 0}\n"
                                     "  L:\n"
                                     "    type: array\n"
                                     "    items: {type: integer}\n"
                                     "    uniqueItems: true\n"
                                     "    example: [1, x, 1]\n"
                                     "  F: {type: object, example: [1]}\n"
                                     "  O:\n"
                                     "    type: object\n"
                                     "    additionalProperties: false\n"
                                     "    properties: {k: {type: boolean}}\n"
                                     "    example: {k: true, other: 1}\n" SPEC_TAIL,
                           &rc);
    CHECK_STR(out,
              "t.yaml:4:30: error: example of schema 'S': $: type: expected string, got null\n"
              "t.yaml:5:51: error: example of schema 'N': $: exclusiveMinimum: 0 is not above 0\n"
              "t.yaml:10:18: error: example of schema 'L': $[1]: type: expected integer, got "
              "string\n"
              "t.yaml:11:30: error: example of schema 'F': $: type: expected object, got array\n"
              "t.yaml:16:31: error: example of schema 'O': $.other: additionalProperties: "
              "property not allowed in t_o\n");
    CHECK(rc == 1);
    free(out);
}

/* Examples and defaults are judged on the spec's digits, as _parse judges a document's
 * (README "Exact numbers"): each pair here shares one nearest double, yet the example lies
 * strictly inside the bound (attack2 N1). Where it does not, the message quotes both as the
 * spec wrote them. */
static void number_examples_compare_the_specs_digits(void)
{
    int rc;
    char *out = check_spec(
        SPEC_HEAD "  A: {type: number, exclusiveMinimum: 0.30000000000000004,\n"
                  "      default: 0.30000000000000007, example: 0.30000000000000007}\n"
                  "  B: {type: number, exclusiveMaximum: 123456789.12345679,\n"
                  "      example: 123456789.123456789}\n"
                  "  C: {type: array, items: {type: number}, uniqueItems: true,\n"
                  "      example: [9007199254740993.0, 9007199254740992.0, 1e-300, 1.0e-300]}\n"
                  "  D: {type: number, maximum: 0.1, example: .10000000000000000001}\n"
                  "  E: {type: number, const: 2.50, example: 25e-1}\n" SPEC_TAIL,
        &rc);
    CHECK_STR(out, "t.yaml:9:16: error: example of schema 'C': $: uniqueItems: items 2 and 3 are "
                   "equal\n"
                   "t.yaml:10:44: error: example of schema 'D': $: maximum: "
                   "0.10000000000000000001 is above maximum 0.1\n");
    CHECK(rc == 1);
    free(out);
}

/* examples.json holds the text the check judged, the spec's digits: 0.30000000000000005 lies
 * above exclusiveMinimum 0.30000000000000004, but its nearest double prints as
 * 0.30000000000000004, which the generated _parse refuses. Each example of the view (what
 * examples.json holds) must parse with the runtime on the model's tables. */
static void examples_json_holds_what_the_check_accepted(void)
{
    static const char text[] =
        "apigen: 1\n"
        "api: {name: t}\n"
        "operations:\n"
        "  op:\n"
        "    method: POST\n"
        "    path: /x\n"
        "    request:\n"
        "      schema:\n"
        "        type: object\n"
        "        properties:\n"
        "          n: {type: number, exclusiveMinimum: 0.30000000000000004}\n"
        "          m: {type: number, maximum: 0.1}\n"
        "      examples:\n"
        "        doc: {n: 0.30000000000000005, m: .10000000000000000}\n"
        "    responses: {\"200\": {description: ok}}\n";
    int rc;
    spec_file file;
    spec_api api;
    diag d;
    diag_init(&d, stderr);
    CHECK(spec_load_text(&a, "t.yaml", text, strlen(text), &file, &d) == 0);
    rc = spec_check(&a, &file, &api, &d);
    CHECK(rc == 0);
    if (rc != 0)
        return;
    cJSON *view = view_build(&api, "t.yaml");
    const cJSON *ex = cJSON_GetArrayItem(cJSON_GetObjectItem(view, "examples"), 0);
    const char *json = cJSON_GetStringValue(cJSON_GetObjectItem(ex, "value_json"));
    CHECK_STR(json, "{\"n\":0.30000000000000005,\"m\":0.10000000000000000}");
    tables *t = tables_new(&api);
    const apigen_model *m = tables_model(t, api.ops[0].request);
    void *out = calloc(1, m->size);
    apigen_errors errs;
    CHECK(json != NULL && apigen_model_parse(m, json, strlen(json), out, &errs) == 0);
    apigen_model_free(m, out);
    free(out);
    tables_free(t);
    cJSON_Delete(view);
}

/* More violations than apigen_errors holds: a note counts the rest. */
static void many_violations_end_with_a_count(void)
{
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text,
                                SPEC_HEAD "  L: {type: array, items: {type: integer}, example: [");
    for (int i = 0; i < APIGEN_ERRORS_MAX + 3; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%sx", i ? ", " : "");
    snprintf(text + n, sizeof text - n, "]}\n" SPEC_TAIL);
    int rc;
    char *out = check_spec(text, &rc);
    CHECK(rc == 1);
    CHECK(strstr(out, "t.yaml:4:53: note: 3 more violations of this value\n") != NULL);
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    CHECK(lines == APIGEN_ERRORS_MAX + 1);
    free(out);
}

int main(void)
{
    arena_init(&a);
    RUN_TEST(path_walk_finds_nodes);
    RUN_TEST(path_walk_falls_back_to_the_nearest_ancestor);
    RUN_TEST(path_walk_reads_each_segment_one_way);
    RUN_TEST(valid_examples_of_every_kind_pass);
    RUN_TEST(integral_numbers_are_integers_in_a_spec);
    RUN_TEST(scalar_array_and_nullable_examples_fail_at_their_node);
    RUN_TEST(many_violations_end_with_a_count);
    RUN_TEST(number_examples_compare_the_specs_digits);
    RUN_TEST(examples_json_holds_what_the_check_accepted);
    arena_free(&a);
    return check_summary();
}
