/* test_parse.c: the runtime's streaming parser (apigen_model_parse), the part that faces
 * hostile input: RFC 8259 grammar, numbers judged on their digits, strings and escapes,
 * duplicates, nesting, truncation and changed bytes, agreement with from_json on random
 * documents, and every allocation failing in turn for every input. */

#include "fixtures.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define APIGEN_TEST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define APIGEN_TEST_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------- parse ---- */

static void parse_syntax_error_is_reported_at_root(void)
{
    users_response r;
    apigen_errors errs;
    /* "{\"a\":\"\\ud800\"}" was here while cJSON parsed: an unpaired surrogate escape is valid
     * JSON, and now an encoding violation where read (parse_lone_surrogate_is_encoding_error) */
    const char *bad[] = {"{\"status\":true,", "", "nul", "{\"a\":\"\\x\"}", "[1,]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(apigen_model_parse(&users_response_model, bad[i], strlen(bad[i]), &r, &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
        CHECK(all_zero(&r, sizeof r));
    }
}

static void parse_rejects_text_after_the_value(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[]} x";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_SYNTAX, "$"));
    text = "{\"status\":true,\"data\":[]} \n";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == 0);
    apigen_model_free(&users_response_model, &r);
}

static void parse_reads_only_len_bytes(void)
{
    users_response r;
    apigen_errors errs;
    char *buf = malloc(64);
    const char *text = "{\"status\":true,\"data\":[]}";
    memcpy(buf, text, strlen(text));
    memset(buf + strlen(text), '}', 64 - strlen(text)); /* no NUL anywhere */
    CHECK(apigen_model_parse(&users_response_model, buf, strlen(text), &r, &errs) == 0);
    CHECK(r.status);
    apigen_model_free(&users_response_model, &r);
    free(buf);
}

static void parse_rejects_escaped_nul_that_would_cut_strings(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\\u0000x\"}]}";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$.data[0].id"));
    text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\",\"x\":\"\\\\u0000\"}]}";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == 0);
    apigen_model_free(&users_response_model, &r);
}

static void parse_runs_validation(void)
{
    users_response r;
    apigen_errors errs;
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"nothex\"}]}";
    CHECK(apigen_model_parse(&users_response_model, text, strlen(text), &r, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_PATTERN, "$.data[0].id"));
    CHECK(all_zero(&r, sizeof r));
}

static void deep_nesting_is_a_syntax_error_not_a_crash(void)
{
    size_t depth = 100000;
    char *text = malloc(2 * depth + 64);
    size_t n = (size_t)sprintf(text, "{\"name\":\"a\",\"color\":\"red\",\"extra\":");
    memset(text + n, '[', depth);
    memset(text + n + depth, ']', depth);
    strcpy(text + n + 2 * depth, "}");
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, text, strlen(text), &p, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_SYNTAX, "$"));
    free(text);
}

/* ------------------------------------------------------- the text parser ---- */
/* apigen_model_parse reads text itself: RFC 8259 grammar, numbers judged on their digits,
 * strings, duplicates, nesting, truncation, agreement with from_json, every kind of array, and
 * memory. Texts are handed over in buffers of exactly their length, so that ASan and valgrind
 * catch any read past it. */

/* {"v": any value}, open and closed. */
typedef struct holder {
    cJSON *v;
} holder;

static const apigen_field holder_fields[] = {
    {.name = "v", .kind = APIGEN_KIND_ANY, .offset = offsetof(holder, v)}};

static const apigen_model holder_model = {"test_holder", sizeof(holder), holder_fields, 1,
                                          false,         NULL,           NULL};

static const apigen_model closed_holder_model = {
    "test_closed_holder", sizeof(holder), holder_fields, 1, true, NULL, NULL};

/* {"i": integer, "d": number}, no rules. */
typedef struct nums {
    int64_t i;
    double d;
    bool has_i, has_d;
} nums;

static const apigen_field nums_fields[] = {
    {.name = "i",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(nums, i),
     .has_offset = offsetof(nums, has_i)},
    {.name = "d",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(nums, d),
     .has_offset = offsetof(nums, has_d)},
};

static const apigen_model nums_model = {"test_nums", sizeof(nums), nums_fields, 2,
                                        false,       NULL,         NULL};

/* An array of every kind, and a nullable one. */
typedef struct lists {
    bool *flags;
    size_t flags_count;
    int64_t *ints;
    size_t ints_count;
    double *reals;
    size_t reals_count;
    char **names;
    size_t names_count;
    color *colors;
    size_t colors_count;
    error_detail *details;
    size_t details_count;
    cJSON **anys;
    size_t anys_count;
    cJSON **metas;
    size_t metas_count;
    int64_t *maybe;
    size_t maybe_count;
    bool maybe_null;
    bool has_maybe;
} lists;

#define LIST_FIELD(json, k, member)                                                                \
    {                                                                                              \
        .name = json, .kind = k, .flags = APIGEN_F_ARRAY, .offset = offsetof(lists, member),       \
        .count_offset = offsetof(lists, member##_count)                                            \
    }

static const apigen_field lists_fields[] = {
    LIST_FIELD("flags", APIGEN_KIND_BOOL, flags),
    LIST_FIELD("ints", APIGEN_KIND_INT64, ints),
    LIST_FIELD("reals", APIGEN_KIND_DOUBLE, reals),
    LIST_FIELD("names", APIGEN_KIND_STRING, names),
    {.name = "colors",
     .kind = APIGEN_KIND_ENUM,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(lists, colors),
     .count_offset = offsetof(lists, colors_count),
     .enumeration = &color_enum},
    {.name = "details",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(lists, details),
     .count_offset = offsetof(lists, details_count),
     .model = &error_detail_model},
    LIST_FIELD("anys", APIGEN_KIND_ANY, anys),
    LIST_FIELD("metas", APIGEN_KIND_FREEFORM, metas),
    {.name = "maybe",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY | APIGEN_F_NULLABLE | APIGEN_F_HAS,
     .offset = offsetof(lists, maybe),
     .count_offset = offsetof(lists, maybe_count),
     .null_offset = offsetof(lists, maybe_null),
     .has_offset = offsetof(lists, has_maybe)},
};

static const apigen_model lists_model = {
    "test_lists", sizeof(lists), lists_fields, sizeof lists_fields / sizeof lists_fields[0],
    false,        NULL,          NULL};

/* A model that holds itself: {"c": [node, ...]}. */
typedef struct node {
    struct node *c;
    size_t c_count;
} node;

static const apigen_model node_model;

static const apigen_field node_fields[] = {{.name = "c",
                                            .kind = APIGEN_KIND_OBJECT,
                                            .flags = APIGEN_F_ARRAY,
                                            .offset = offsetof(node, c),
                                            .count_offset = offsetof(node, c_count),
                                            .model = &node_model}};

static const apigen_model node_model = {"test_node", sizeof(node), node_fields, 1,
                                        false,       NULL,         NULL};

/* apigen_model_parse of text[0..len), copied into a buffer of exactly len bytes. */
static int parse_exact(const apigen_model *m, const char *text, size_t len, void *out,
                       apigen_errors *errs)
{
    char *buf = malloc(len > 0 ? len : 1);
    memcpy(buf, text, len);
    int rc = apigen_model_parse(m, buf, len, out, errs);
    free(buf);
    return rc;
}

/* Parses text[0..len) into a scratch value: its result, errors in errs; freed when valid, and
 * checked to be all zero when not. */
static int parse_scratch(const apigen_model *m, const char *text, size_t len, apigen_errors *errs)
{
    void *out = malloc(m->size);
    memset(out, 0xA5, m->size);
    int rc = parse_exact(m, text, len, out, errs);
    if (rc == 0)
        apigen_model_free(m, out);
    else
        CHECK(all_zero(out, m->size));
    free(out);
    return rc;
}

/* Whether parsing text[0..len) fails with exactly one error: code at "$". */
static bool fails_alone(const apigen_model *m, const char *text, size_t len, apigen_code code)
{
    apigen_errors errs;
    if (parse_scratch(m, text, len, &errs) == -1 && errs.count == 1 && errs.total == 1 &&
        errs.items[0].code == code && strcmp(errs.items[0].path, "$") == 0)
        return true;
    fprintf(stderr, "  expected only %s at $ for: %.*s\n", apigen_code_name(code),
            len > 200 ? 200 : (int)len, text);
    for (size_t i = 0; i < errs.count; i++)
        fprintf(stderr, "    %s %s: %s\n", apigen_code_name(errs.items[i].code), errs.items[i].path,
                errs.items[i].message);
    return false;
}

static bool syntax_error(const apigen_model *m, const char *text)
{
    return fails_alone(m, text, strlen(text), APIGEN_E_SYNTAX);
}

static int parse_text(const apigen_model *m, const char *text, apigen_errors *errs)
{
    return parse_scratch(m, text, strlen(text), errs);
}

/* Formats into a static buffer (one at a time). */
APIGEN_TEST_PRINTF(1, 2)
static const char *fmt(const char *f, ...)
{
    static char buf[8192];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

/* JSON values RFC 8259 allows. */
static const char *const valid_values[] = {"0",
                                           "-0",
                                           "1",
                                           "-1",
                                           "123",
                                           "1.5",
                                           "-1.5e10",
                                           "1E+2",
                                           "1e-2",
                                           "0.0",
                                           "0e0",
                                           "-0.0E-0",
                                           "9007199254740993",
                                           "\"\"",
                                           "\"a\\\"b\"",
                                           "\"\\\\\\/\\b\\f\\n\\r\\t\"",
                                           "\"\\u00e9\\u00E9\"",
                                           "\"\\uD83D\\uDE00\"",
                                           "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"",
                                           "\"\x7F\"",
                                           "\"'\"",
                                           "true",
                                           "false",
                                           "null",
                                           "[]",
                                           "{}",
                                           "[ ]",
                                           "{ }",
                                           "[1,2]",
                                           " [ 1 , \"2\" , [ ] ] ",
                                           "{\"a\":{\"b\":[[],{}]},\"\":0}",
                                           "{ \"a\" : 1 , \"b\" : [ true , false , null ] }",
                                           "[\"\\u0041\",\"\\u0001\"]",
                                           "\"\\u001f\\u007f\\u0080\\u07FF\\u0800\\uFFFF\"",
                                           "[[[[[[[[[[]]]]]]]]]]",
                                           "{\"a\\u0062\":1}",
                                           "\t\n\r 1 \t\n\r"};

/* Texts that are no JSON value. */
static const char *const invalid_values[] = {"",           " ",           "01",
                                             "-01",        "00",          "+1",
                                             ".5",         "1.",          "1.e5",
                                             "1e",         "1e+",         "1E-",
                                             "-",          "--1",         "0x10",
                                             "1_000",      "NaN",         "nan",
                                             "Infinity",   "-Infinity",   "inf",
                                             "tru",        "True",        "TRUE",
                                             "nul",        "nulll",       "fals",
                                             "undefined",  "'a'",         "\"abc",
                                             "\"\\\"",     "\"\\x\"",     "\"\\'\"",
                                             "\"\\u12\"",  "\"\\u12G4\"", "\"\\U0041\"",
                                             "\"a\tb\"",   "\"a\nb\"",    "\"\x01\"",
                                             "\"\x1F\"",   "[1,]",        "[,1]",
                                             "[1 2]",      "[1,,2]",      "[",
                                             "]",          "{",           "}",
                                             "[1]]",       "{\"a\"}",     "{\"a\":}",
                                             "{\"a\":1,}", "{,}",         "{a:1}",
                                             "{'a':1}",    "{\"a\" 1}",   "{\"a\":1 \"b\":2}",
                                             "{1:2}",      "[1}",         "{\"a\":1]",
                                             "1 2",        "/* c */1",    "1//",
                                             "\"\\u\"",    "@",           "\x7F"};

static void parse_reads_every_rfc8259_value_and_skips_it(void)
{
    for (size_t i = 0; i < sizeof valid_values / sizeof valid_values[0]; i++) {
        const char *v = valid_values[i];
        apigen_errors errs;
        holder h;
        char text[512];
        snprintf(text, sizeof text, "{\"v\":%s}", v);
        CHECK(parse_exact(&holder_model, text, strlen(text), &h, &errs) == 0);
        cJSON *expected = cJSON_Parse(v);
        CHECK(expected != NULL && cJSON_Compare(h.v, expected, true));
        cJSON_Delete(expected);
        apigen_model_free(&holder_model, &h);
        snprintf(text, sizeof text, " \t\n\r{ \"u\" : %s , \"w\":[%s,{\"x\":%s}] } \r\n", v, v, v);
        CHECK(parse_text(&holder_model, text, &errs) == 0); /* skipped */
        snprintf(text, sizeof text, "{\"v\":[%s,%s]}", v, v);
        CHECK(parse_text(&holder_model, text, &errs) == 0);
    }
}

static void parse_rejects_every_malformed_value_wherever_it_is(void)
{
    for (size_t i = 0; i < sizeof invalid_values / sizeof invalid_values[0]; i++) {
        const char *v = invalid_values[i];
        CHECK(syntax_error(&holder_model, fmt("{\"v\":%s}", v)));         /* read as a tree */
        CHECK(syntax_error(&holder_model, fmt("{\"u\":%s}", v)));         /* skipped */
        CHECK(syntax_error(&closed_holder_model, fmt("{\"u\":%s}", v)));  /* reported, skipped */
        CHECK(syntax_error(&nums_model, fmt("{\"i\":%s}", v)));           /* integer */
        CHECK(syntax_error(&nums_model, fmt("{\"d\":%s}", v)));           /* number */
        CHECK(syntax_error(&pet_model, fmt("{\"name\":%s}", v)));         /* string */
        CHECK(syntax_error(&pet_model, fmt("{\"color\":%s}", v)));        /* enum */
        CHECK(syntax_error(&pet_model, fmt("{\"meta\":%s}", v)));         /* free-form */
        CHECK(syntax_error(&pet_model, fmt("{\"error\":%s}", v)));        /* object */
        CHECK(syntax_error(&pet_model, fmt("{\"tags\":[\"a\",%s]}", v))); /* array item */
        CHECK(syntax_error(&lists_model, fmt("{\"flags\":%s}", v)));      /* bool array */
        CHECK(syntax_error(&holder_model, v));                            /* the text */
    }
}

static void parse_top_level_is_one_object_between_whitespace(void)
{
    apigen_errors errs;
    const char *ok[] = {"{}", " {}", "{} ", "\t\r\n{}\n\r\t", "\xEF\xBB\xBF{}", "\xEF\xBB\xBF {} "};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        CHECK(parse_text(&holder_model, ok[i], &errs) == 0);
    const char *bad[] = {"",     " ",        "{}x", "{}{}", "{} //",        " \xEF\xBB\xBF{}",
                         "\xEF", "\xEF\xBB", "{}]", "{},",  "\xEF\xBB\xBF", "{}\xEF\xBB\xBF"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(syntax_error(&holder_model, bad[i]));
    CHECK(fails_alone(&holder_model, "{}\0", 3, APIGEN_E_SYNTAX)); /* a NUL is text too */
    CHECK(fails_alone(&holder_model, "\0{}", 3, APIGEN_E_SYNTAX));
    holder h;
    CHECK(apigen_model_parse(&holder_model, NULL, 5, &h, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
    /* another value is a type error at $ (the whole text still checked) */
    const char *others[][2] = {{"[1,2]", "array"}, {"null", "null"},    {" \"s\" ", "string"},
                               {"12", "number"},   {"true", "boolean"}, {"-0", "number"}};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        CHECK(parse_text(&holder_model, others[i][0], &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "$"));
        CHECK(strstr(errs.items[0].message, others[i][1]) != NULL);
    }
    CHECK(syntax_error(&holder_model, "[1,2"));
    CHECK(syntax_error(&holder_model, "[1,2] x"));
    /* errs may be NULL */
    CHECK(apigen_model_parse(&holder_model, "{x", 2, &h, NULL) == -1);
    pet p;
    CHECK(apigen_model_parse(&pet_model, "{}", 2, &p, NULL) == -1); /* required missing */
    CHECK(apigen_model_parse(&holder_model, "{\"v\":[1]}", 9, &h, NULL) == 0);
    apigen_model_free(&holder_model, &h);
}

static void parse_syntax_error_says_where(void)
{
    apigen_errors errs;
    const char *text = "{\"status\":tru}";
    CHECK(parse_text(&users_response_model, text, &errs) == -1);
    CHECK(errs.count == 1 && strstr(errs.items[0].message, "(at byte 10)") != NULL);
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"data\":[] x", &errs) == -1);
    CHECK(errs.count == 1 && strstr(errs.items[0].message, "(at byte 25)") != NULL);
    /* violations found before a syntax error are dropped: the text was not JSON */
    CHECK(syntax_error(&users_response_model, "{\"status\":1,\"data\":[{\"id\":2}],"));
    CHECK(syntax_error(&pet_model, "{\"name\":7,\"color\":\"pink\",\"x\":1,\"weight\":1e400,]"));
}

/* An integer field takes an integral value within +-(2^53-1) however it is spelled, judged on
 * the digits: a double would round some fractions to integers. */
static void parse_integers_are_decided_on_the_exact_text(void)
{
    static const struct {
        const char *text;
        int64_t value;
    } ok[] = {{"0", 0},
              {"-0", 0},
              {"1.0", 1},
              {"1e2", 100},
              {"1E2", 100},
              {"1e+2", 100},
              {"100E-2", 1},
              {"-0.0e5", 0},
              {"0e-999999999999999999999", 0},
              {"2.5e1", 25},
              {"9007199254740991", INT64_C(9007199254740991)},
              {"-9007199254740991", -INT64_C(9007199254740991)},
              {"9007199254740991.000", INT64_C(9007199254740991)},
              {"9.007199254740991e15", INT64_C(9007199254740991)},
              {"90071992547409910e-1", INT64_C(9007199254740991)},
              {"0.9007199254740991e16", INT64_C(9007199254740991)},
              {"1e15", INT64_C(1000000000000000)},
              {"123456789012345", INT64_C(123456789012345)},
              {"1234567890123456", INT64_C(1234567890123456)},
              {"9007199254740992", INT64_C(9007199254740992)},
              {"-9007199254740993", -INT64_C(9007199254740993)},
              {"1e16", INT64_C(10000000000000000)},
              {"9223372036854775807", INT64_MAX},
              {"-9223372036854775808", INT64_MIN},
              {"92233720368547758.07e2", INT64_MAX},
              {"-0.9223372036854775808e19", INT64_MIN}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        nums n;
        apigen_errors errs;
        const char *text = fmt("{\"i\":%s}", ok[i].text);
        CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0);
        if (n.i != ok[i].value || !n.has_i)
            fprintf(stderr, "  %s read as %" PRId64 "\n", ok[i].text, n.i);
        CHECK(n.has_i && n.i == ok[i].value);
    }
    static const char *const bad[] = {"9007199254740990.5",
                                      "4503599627370497.5",
                                      "1.0000000000000001",
                                      "9223372036854775808",
                                      "-9223372036854775809",
                                      "9007199254740991.0000000000000000001",
                                      "1e19",
                                      "1e400",
                                      "-1e400",
                                      "1e-400",
                                      "0.5",
                                      "-1.5",
                                      "1e99999999999999999999",
                                      "1e-99999999999999999999",
                                      "12345678901234567890123",
                                      "100E-3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        apigen_errors errs;
        CHECK(parse_text(&nums_model, fmt("{\"i\":%s}", bad[i]), &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_INTEGER, "$.i"));
        CHECK(strstr(errs.items[0].message, bad[i]) != NULL); /* the text as written */
    }
    /* long tokens: digits far past a double's, exponents that bring them back */
    char text[2048], zeros[460];
    memset(zeros, '0', 450);
    zeros[450] = '\0';
    nums n;
    apigen_errors errs;
    snprintf(text, sizeof text, "{\"i\":1%se-450}", zeros); /* 1 */
    CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0 && n.i == 1);
    snprintf(text, sizeof text, "{\"i\":0.%s7e451}", zeros); /* 7 */
    CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0 && n.i == 7);
    snprintf(text, sizeof text, "{\"i\":0.%s7e450}", zeros); /* 0.7 */
    CHECK(parse_text(&nums_model, text, &errs) == -1 && has_error(&errs, APIGEN_E_INTEGER, "$.i"));
    snprintf(text, sizeof text, "{\"i\":-1%s}", zeros);
    CHECK(parse_text(&nums_model, text, &errs) == -1 && has_error(&errs, APIGEN_E_INTEGER, "$.i"));
    CHECK(strstr(errs.items[0].message, "...") != NULL); /* the text cut short */
    /* not numbers at all */
    CHECK(parse_text(&nums_model, "{\"i\":\"1\"}", &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "$.i"));
    CHECK(strstr(errs.items[0].message, "expected integer, got string") != NULL);
}

/* A number field takes the double strtod makes of the token; beyond the double range is a type
 * violation ("number out of range"), below it rounds to 0. */
static void parse_doubles_are_strtod_of_the_token(void)
{
    static const char *const ok[] = {"0",
                                     "-0",
                                     "1.5",
                                     "-2.5e-3",
                                     "1E2",
                                     "0.1",
                                     "5e-324",
                                     "1e-400",
                                     "-1e-400",
                                     "1e308",
                                     "1.7976931348623157e308",
                                     "9007199254740993",
                                     "123456789012345678901234567890",
                                     "4503599627370497.5"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        nums n;
        apigen_errors errs;
        const char *text = fmt("{\"d\":%s}", ok[i]);
        CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0);
        double expected = strtod(ok[i], NULL);
        CHECK(n.has_d && memcmp(&n.d, &expected, sizeof n.d) == 0); /* -0 stays -0 */
    }
    static const char *const huge[] = {"1e400", "-1e400", "1.8e308", "1e99999999999999999999"};
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        apigen_errors errs;
        CHECK(parse_text(&nums_model, fmt("{\"d\":%s}", huge[i]), &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "$.d"));
        CHECK(strcmp(errs.items[0].message, "number out of range") == 0);
    }
    /* a token longer than the parser's buffer: copied to the heap for strtod */
    char digits[1200];
    digits[0] = '1';
    digits[1] = '.';
    for (size_t i = 2; i < 1000; i++)
        digits[i] = (char)('0' + i % 10);
    strcpy(digits + 1000, "e-5");
    nums n;
    apigen_errors errs;
    const char *text = fmt("{\"d\":%s}", digits);
    CHECK(parse_exact(&nums_model, text, strlen(text), &n, &errs) == 0);
    CHECK(n.d == strtod(digits, NULL));
}

/* RFC 8259: the characters U+0000 to U+001F must be escaped in strings. */
static void parse_rejects_raw_control_characters_anywhere(void)
{
    for (int c = 0; c < 0x20; c++) {
        char ctl[2] = {(char)c, 0};
        const char *where[] = {"{\"name\":\"a%sb\",\"color\":\"red\"}",
                               "{\"name\":\"a\",\"color\":\"r%sed\"}",
                               "{\"name\":\"a\",\"color\":\"red\",\"x%s\":1}",
                               "{\"name\":\"a\",\"color\":\"red\",\"extra\":[\"%s\"]}",
                               "{\"name\":\"a\",\"color\":\"red\",\"meta\":{\"%s\":1}}",
                               "{\"name\":\"a\",\"color\":\"red\",\"tags\":[\"x\",\"%s\"]}"};
        for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
            char text[128];
            /* %s cannot carry a NUL: mark its place, then put the byte there */
            snprintf(text, sizeof text, where[i], "\x01");
            size_t len = strlen(text);
            *strchr(text, '\x01') = ctl[0];
            CHECK(fails_alone(&pet_model, text, len, APIGEN_E_SYNTAX));
            snprintf(text, sizeof text, "{\"status\":true,\"data\":[],\"u\":\"%s\"}", "\x01");
            len = strlen(text);
            *strchr(text, '\x01') = ctl[0];
            CHECK(fails_alone(&users_response_model, text, len, APIGEN_E_SYNTAX));
        }
    }
    /* escaped, they are fine; DEL needs no escape */
    pet p;
    apigen_errors errs;
    const char *text = "{\"name\":\"\\u0001\\t\x7F\",\"color\":\"red\"}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK_STR(p.name, "\x01\t\x7F");
    apigen_model_free(&pet_model, &p);
}

static void parse_decodes_every_escape_and_surrogate_pairs(void)
{
    pet p;
    apigen_errors errs;
    const char *text =
        "{\"name\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"color\":\"\\u0072\\u0065d\",\"password\":"
        "\"\\u00e9\\u20AC\\uD83D\\uDE00\\ud800\\udc00\\uDBFF\\uDFFF\",\"tags\":[\"\\u0041x\"]}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK_STR(p.name, "\"\\/\b\f\n\r\t");
    CHECK(p.color == COLOR_RED);
    CHECK_STR(p.password, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
    CHECK(p.tags_count == 1);
    CHECK_STR(p.tags[0], "Ax");
    apigen_model_free(&pet_model, &p);
    /* property names too: matched once decoded */
    text = "{\"n\\u0061me\":\"a\",\"\\u0063olor\":\"red\"}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK_STR(p.name, "a");
    apigen_model_free(&pet_model, &p);
}

/* An escaped surrogate without its other half is valid JSON but no Unicode text: the string is
 * not UTF-8, reported where it is read, like raw bytes that are not UTF-8. */
static void parse_lone_surrogate_is_encoding_error(void)
{
    static const char *const lone[] = {"\\ud83d",        "\\ude00",        "\\ud83dx",
                                       "\\ud83d\\u0041", "\\ude00\\ud83d", "\\ud83d\\ud83d",
                                       "a\\uDBFF",       "\\ud83d\\"};
    for (size_t i = 0; i < sizeof lone / sizeof lone[0]; i++) {
        apigen_errors errs;
        if (i == 7) { /* "\ud83d\" then the closing quote: unterminated */
            CHECK(syntax_error(&pet_model, fmt("{\"name\":\"%s\",\"color\":\"red\"}", lone[i])));
            continue;
        }
        CHECK(parse_text(&pet_model, fmt("{\"name\":\"%s\",\"color\":\"red\"}", lone[i]), &errs) ==
              -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.name"));
        CHECK(parse_text(&pet_model, fmt("{\"name\":\"a\",\"color\":\"%s\"}", lone[i]), &errs) ==
              -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.color"));
        CHECK(parse_text(&pet_model,
                         fmt("{\"name\":\"a\",\"color\":\"red\",\"extra\":[1,\"%s\"]}", lone[i]),
                         &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.extra[1]"));
        CHECK(parse_text(&pet_model,
                         fmt("{\"name\":\"a\",\"color\":\"red\",\"meta\":{\"%s\":1}}", lone[i]),
                         &errs) == -1);
        CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.meta"));
        /* not read: like from_json, skipped values are not checked for UTF-8 */
        CHECK(parse_text(&users_response_model,
                         fmt("{\"status\":true,\"data\":[],\"a\":\"%s\"}", lone[i]), &errs) == 0);
    }
}

/* "\u0000" ends the parse wherever it is: no C string can hold it. It is the only error,
 * reported at the string's path (a property name's or skipped value's: its object's). */
static void parse_escaped_nul_ends_the_parse_anywhere(void)
{
    static const char *const texts[][2] = {
        {"{\"name\":\"a\\u0000\",\"color\":\"red\"}", "$.name"},
        {"{\"name\":\"a\",\"color\":\"red\\u0000\"}", "$.color"},
        {"{\"name\":\"a\",\"color\":\"red\",\"\\u0000\":1}", "$"},
        {"{\"name\":\"a\",\"color\":\"red\",\"extra\":{\"k\":\"\\u0000\"}}", "$.extra"},
        {"{\"name\":\"a\",\"color\":\"red\",\"extra\":{\"\\u0000\":1}}", "$.extra"},
        {"{\"name\":1,\"color\":\"pink\",\"x\":[\"\\u0000\"]}", "$"},
        {"{\"name\":[\"\\u0000\"],\"color\":\"red\"}", "$.name"}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        apigen_errors errs;
        CHECK(parse_text(&pet_model, texts[i][0], &errs) == -1);
        CHECK(errs.count == 1 && errs.total == 1 && errs.items[0].code == APIGEN_E_ENCODING);
        CHECK_STR(errs.items[0].path, texts[i][1]);
        CHECK(strstr(errs.items[0].message, "U+0000") != NULL);
        if (check_failed_in_test) {
            fprintf(stderr, "  on %s\n", texts[i][0]);
            return;
        }
    }
    apigen_errors errs;
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"data\":[],\"u\":\"\\u0000\"}",
                     &errs) == -1);
    CHECK(errs.count == 1 && strstr(errs.items[0].message, "cannot hold (at byte 30)") != NULL);
}

static void parse_duplicate_property_is_a_violation(void)
{
    apigen_errors errs;
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"status\":false,\"data\":[]}",
                     &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.status"));
    CHECK(strcmp(apigen_code_name(APIGEN_E_DUPLICATE_KEY), "duplicateKey") == 0);
    /* the same name spelled otherwise */
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"st\\u0061tus\":true,\"data\":[]}",
                     &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.status"));
    /* nested, and the second value is only syntax-checked */
    const char *text = "{\"status\":true,\"data\":[{\"id\":\"5f1a2b3c4d5e6f708192a3b4\","
                       "\"id\":7}]}";
    CHECK(parse_text(&users_response_model, text, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.data[0].id"));
    CHECK(syntax_error(&users_response_model, "{\"status\":true,\"status\":tru,\"data\":[]}"));
    /* unknown properties: skipped every time, or refused every time */
    CHECK(parse_text(&users_response_model, "{\"status\":true,\"data\":[],\"x\":1,\"x\":2}",
                     &errs) == 0);
    CHECK(parse_text(&pet_model, "{\"name\":\"a\",\"color\":\"red\",\"x\":1,\"x\":2}", &errs) ==
          -1);
    CHECK(errs.count == 2 && has_error(&errs, APIGEN_E_ADDITIONAL, "$.x"));
    /* inside any values, the tree keeps both, as cJSON's parser does */
    pet p;
    text = "{\"name\":\"a\",\"color\":\"red\",\"extra\":{\"k\":1,\"k\":2}}";
    CHECK(parse_exact(&pet_model, text, strlen(text), &p, &errs) == 0);
    CHECK(cJSON_GetArraySize(p.extra) == 2);
    apigen_model_free(&pet_model, &p);
}

/* "[[[[..." as deep as memory allows: a syntax error past CJSON_NESTING_LIMIT open containers
 * (the document's own included), never a crash, whether the value is built, skipped or read
 * against a model. */
static void parse_deep_nesting_is_bounded_everywhere(void)
{
    size_t deep = 1000000;
    char *text = malloc(5 * deep + 64);
    const char *prefixes[] = {"{\"v\":", "{\"u\":", "{\"v\":[1,{\"a\":", "{\"i\":"};
    const apigen_model *models[] = {&holder_model, &holder_model, &holder_model, &nums_model};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        for (int object = 0; object < 2; object++) {
            size_t n = (size_t)sprintf(text, "%s", prefixes[i]);
            for (size_t k = 0; k < deep; k++, n += object ? 5 : 1)
                memcpy(text + n, object ? "{\"a\":" : "[", object ? 5 : 1);
            CHECK(fails_alone(models[i], text, n, APIGEN_E_SYNTAX));
        }
    }
    /* exactly at the limit: the document's object and 999 arrays */
    for (size_t extra = 0; extra < 2; extra++) {
        for (int skipped = 0; skipped < 2; skipped++) {
            size_t depth = 999 + extra;
            size_t n = (size_t)sprintf(text, skipped ? "{\"u\":" : "{\"v\":");
            memset(text + n, '[', depth);
            memset(text + n + depth, ']', depth);
            n += 2 * depth;
            text[n++] = '}';
            apigen_errors errs;
            int rc = parse_scratch(&holder_model, text, n, &errs);
            CHECK(rc == (extra ? -1 : 0));
            if (extra)
                CHECK(errs.count == 1 && strstr(errs.items[0].message, "nesting too deep"));
        }
    }
    free(text);
}

static bool parse_agrees_with_from_json(const apigen_model *m, const char *text);

/* A model that holds itself recurses along the text, within the same nesting limit. */
static void parse_recursive_model_is_bounded_too(void)
{
    for (size_t levels = 499; levels <= 500; levels++) { /* 1 + 2 * levels containers */
        char *text = malloc(12 * levels + 16);
        size_t n = 0;
        for (size_t i = 0; i < levels; i++)
            n += (size_t)sprintf(text + n, "{\"c\":[");
        n += (size_t)sprintf(text + n, "{}");
        for (size_t i = 0; i < levels; i++)
            n += (size_t)sprintf(text + n, "]}");
        node t;
        apigen_errors errs;
        int rc = parse_exact(&node_model, text, n, &t, &errs);
        if (levels == 499) {
            CHECK(rc == 0);
            CHECK(parse_agrees_with_from_json(&node_model, text));
            apigen_model_free(&node_model, &t);
        } else {
            CHECK(rc == -1 && errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
        }
        free(text);
    }
}

/* A name too long for a path is cut as from_json cuts it, escaped or not. */
static void parse_long_unknown_name_is_cut_like_from_json(void)
{
    char name[400], text[1024];
    memset(name, 'k', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    for (int escaped = 0; escaped < 2; escaped++) {
        snprintf(text, sizeof text, "{\"name\":\"a\",\"color\":\"red\",\"%s%s\":1}",
                 escaped ? "\\u006b" : "k", name);
        apigen_errors pe, fe;
        pet p;
        CHECK(parse_text(&pet_model, text, &pe) == -1);
        CHECK(read_text(&pet_model, text, &p, &fe) == -1);
        CHECK(pe.count == 1 && fe.count == 1 && pe.items[0].code == APIGEN_E_ADDITIONAL);
        CHECK_STR(pe.items[0].path, fe.items[0].path);
        CHECK(strlen(pe.items[0].path) == APIGEN_PATH_MAX - 1);
    }
}

/* Documents the truncation, mutation and memory tests take apart. */
static const char lists_document[] =
    "{\"flags\":[true,false],\"ints\":[1,-0,2e0,9007199254740991],\"reals\":[1.5,-0,1e2],"
    "\"names\":[\"a\",\"\\u00e9\\ud83d\\ude00\",\"\"],\"colors\":[\"red\",\"blue\"],"
    "\"details\":[{\"code\":1},{\"code\":2,\"message\":\"m\"}],\"anys\":[1,\"s\",null,[],{},"
    "{\"k\":[{\"l\":\"\\n\"}]}],\"metas\":[{},{\"a\":1}],\"maybe\":null,\"other\":[{\"x\":"
    "[1,2,{\"y\":\"z\"}]},-1.5e-3,\"\\\"\"]}";

static const struct {
    const apigen_model *model;
    const char *text;
} documents[] = {
    {&users_response_model, document_response},
    {&pet_model, full_pet},
    {&lists_model, lists_document},
    {&pet_model, "{ \"name\" : \"R\\u00e9x\" , \"color\" : \"blue\" , \"born\" : null , "
                 "\"extra\" : { \"a\" : [ 1 , 2.5e-3 , true , false , null ] } }"},
};

static void parse_arrays_of_every_kind(void)
{
    lists l;
    apigen_errors errs;
    CHECK(parse_exact(&lists_model, lists_document, strlen(lists_document), &l, &errs) == 0);
    CHECK(l.flags_count == 2 && l.flags[0] && !l.flags[1]);
    CHECK(l.ints_count == 4 && l.ints[1] == 0 && l.ints[2] == 2 &&
          l.ints[3] == INT64_C(9007199254740991));
    CHECK(l.reals_count == 3 && l.reals[0] == 1.5 && signbit(l.reals[1]) && l.reals[2] == 100);
    CHECK(l.names_count == 3);
    CHECK_STR(l.names[1], "\xC3\xA9\xF0\x9F\x98\x80");
    CHECK_STR(l.names[2], "");
    CHECK(l.colors_count == 2 && l.colors[0] == COLOR_RED && l.colors[1] == COLOR_BLUE);
    CHECK(l.details_count == 2 && l.details[1].code == 2);
    CHECK_STR(l.details[1].message, "m");
    CHECK(l.anys_count == 6 && cJSON_IsNull(l.anys[2]) && cJSON_IsArray(l.anys[3]));
    CHECK(l.metas_count == 2 && cJSON_IsObject(l.metas[1]));
    CHECK(l.maybe_null && l.has_maybe && l.maybe == NULL && l.maybe_count == 0);
    /* the same as from_json on cJSON's tree of the text */
    lists k;
    CHECK(read_text(&lists_model, lists_document, &k, &errs) == 0);
    char *a = apigen_model_print(&lists_model, &l), *b = apigen_model_print(&lists_model, &k);
    CHECK_STR(a, b);
    free(a);
    free(b);
    apigen_model_free(&lists_model, &k);
    apigen_model_free(&lists_model, &l);
    /* items of other types, each at its index */
    const char *text = "{\"ints\":[1,\"x\",3],\"colors\":[\"red\",\"pink\"],\"metas\":[1,{}],"
                       "\"details\":[{\"code\":1},{},[]],\"maybe\":[null]}";
    CHECK(parse_text(&lists_model, text, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.ints[1]"));
    CHECK(has_error(&errs, APIGEN_E_ENUM, "$.colors[1]"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.metas[0]"));
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.details[1].code"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.details[2]"));
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.maybe[0]"));
    CHECK(errs.count == 6);
    /* many items: the array grows */
    static char many[16384];
    size_t n = (size_t)sprintf(many, "{\"ints\":[");
    for (int i = 0; i < 1500; i++)
        n += (size_t)sprintf(many + n, i ? ",%d" : "%d", i * 7);
    strcpy(many + n, "],\"flags\":[]}");
    CHECK(parse_exact(&lists_model, many, strlen(many), &l, &errs) == 0);
    CHECK(l.ints_count == 1500 && l.ints[1499] == 1499 * 7 && l.ints[0] == 0);
    CHECK(l.flags == NULL && l.flags_count == 0);
    apigen_model_free(&lists_model, &l);
}

/* Every prefix of a document (in a buffer of exactly that many bytes) is a syntax error. */
static void parse_truncated_at_every_byte_fails_cleanly(void)
{
    for (size_t d = 0; d < sizeof documents / sizeof documents[0]; d++) {
        const char *text = documents[d].text;
        size_t len = strlen(text);
        apigen_errors errs;
        CHECK(parse_scratch(documents[d].model, text, len, &errs) == 0);
        for (size_t cut = 0; cut < len; cut++)
            if (!fails_alone(documents[d].model, text, cut, APIGEN_E_SYNTAX))
                CHECK(false);
    }
}

/* Every byte of a document replaced by one that often matters: never a crash or a leak, and a
 * failure always leaves the struct released. */
static void parse_survives_a_byte_changed_anywhere(void)
{
    static const char swaps[] = {'"', '\\', '{', '}', '[', ']',  ',',    ':',    '0',   '-',
                                 'e', '.',  ' ', 'u', 'n', '\0', '\x01', '\x80', '\xFF'};
    for (size_t d = 0; d < sizeof documents / sizeof documents[0]; d++) {
        size_t len = strlen(documents[d].text);
        char *text = malloc(len);
        for (size_t at = 0; at < len; at++) {
            for (size_t s = 0; s < sizeof swaps; s++) {
                memcpy(text, documents[d].text, len);
                text[at] = swaps[s];
                apigen_errors errs;
                int rc = parse_scratch(documents[d].model, text, len, &errs);
                CHECK(rc == 0 ? errs.count == 0 : errs.count >= 1);
            }
        }
        free(text);
    }
}

/* ------------------------------------------- parse agrees with from_json ---- */
/* Random documents shaped like a model, written only with JSON that cJSON reads exactly (no
 * duplicates, no numbers a double rounds, no raw controls, no unpaired surrogates): parse must
 * report what from_json reports, in the same order, then what validate reports of the struct
 * from_json made, and print the same struct. */

typedef struct textbuf {
    char data[16384];
    size_t len;
} textbuf;

static uint64_t rng_state = 88172645463325252u;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

#define PICK(pool) (pool)[rnd(sizeof(pool) / sizeof(pool)[0])]

static void put(textbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n < sizeof b->data) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
    }
    b->data[b->len] = '\0';
}

static void put_ws(textbuf *b)
{
    static const char *const ws[] = {"", "", "", " ", "\n  ", "\t", "\r\n"};
    put(b, PICK(ws));
}

static const char *const any_pool[] = {"null",
                                       "true",
                                       "false",
                                       "0",
                                       "-0",
                                       "7",
                                       "1.5",
                                       "-2e3",
                                       "\"\"",
                                       "\"x\"",
                                       "\"caf\\u00e9\"",
                                       "\"\\ud83d\\ude00\"",
                                       "\"\xC3\x28\"",
                                       "\"\\t\"",
                                       "[]",
                                       "{}",
                                       "[1,\"a\",null]",
                                       "{\"k\":[true,{}]}",
                                       "{\"\xFF\":1}",
                                       "{\"a\":{\"b\":[\"\xED\xA0\x80\"]}}",
                                       "[[[[[]]]]]",
                                       "{\"a\":\"\\u20ac\",\"b\":[{\"c\":{}}]}",
                                       "[1,[2,[3,[\"\xC0\x80\"]]]]"};

static const char *const int_pool[] = {"0",
                                       "-0",
                                       "1",
                                       "1.0",
                                       "1e2",
                                       "100E-2",
                                       "2",
                                       "3",
                                       "-1",
                                       "6001",
                                       "9999",
                                       "10000",
                                       "9007199254740991",
                                       "-9007199254740991",
                                       "9007199254740992",
                                       "-9007199254740992",
                                       "1.5",
                                       "-0.5",
                                       "1e400",
                                       "-1e400",
                                       "2.5e1",
                                       "0.0",
                                       "1E0",
                                       "1e16"};

static const char *const double_pool[] = {"0",      "-0",    "12.5",   "100.5", "100.50001",
                                          "5e-324", "1e400", "-1e400", "1",     "-3.25",
                                          "1e-400", "0.1",   "1E2"};

static const char *const string_pool[] = {"\"Rex\"",
                                          "\"\"",
                                          "\"abcdefghi\"",
                                          "\"caf\\u00e9\"",
                                          "\"\\ud83d\\ude00\"",
                                          "\"\xC3\x28\"",
                                          "\"a\\nb\"",
                                          "\"2020-02-29\"",
                                          "\"2020-02-30\"",
                                          "\"\xF0\x9F\x98\x80\"",
                                          "\"\\\"q\\\"\"",
                                          "\"\\u0001\"",
                                          "\"\xE2\x82\xAC\xE2\x82\xAC\""};

static const char *const enum_pool[] = {"\"red\"",      "\"green\"",     "\"blue\"", "\"purple\"",
                                        "\"\xC3\x28\"", "\"r\\u0065d\"", "\"\"",     "\"RED\""};

static const char *const id_pool[] = {"\"5f1a2b3c4d5e6f708192a3b4\"",
                                      "\"AABBCCDDEEFF001122334455\"",
                                      "\"5f1a2b3c4d5e6f708192a3bg\"", "\"zz\""};

static const char *const email_pool[] = {"\"jane.doe@example.com\"", "\"jane..doe@example.com\"",
                                         "\".bad@example.com\"", "\"o'brien+tag@mail.example.org\"",
                                         "\"x@y\""};

static const char *const unknown_keys[] = {"\"colour\"", "\"x\"", "\"\\u00e9t\\u00e9\"", "\"\xFF\"",
                                           "\"\""};

static void gen_object(textbuf *b, const apigen_model *m);

/* One value for f, now and then of another type. */
static void gen_value(textbuf *b, const apigen_field *f)
{
    if (rnd(12) == 0) {
        put(b, PICK(any_pool));
        return;
    }
    switch (f->kind) {
    case APIGEN_KIND_BOOL:
        put(b, rnd(2) ? "true" : "false");
        break;
    case APIGEN_KIND_INT64:
    case APIGEN_KIND_INT32:
        put(b, PICK(int_pool));
        break;
    case APIGEN_KIND_DOUBLE:
        put(b, PICK(double_pool));
        break;
    case APIGEN_KIND_FILE: /* read from JSON as a string's bytes */
    case APIGEN_KIND_STRING:
        put(b, strcmp(f->name, "id") == 0      ? PICK(id_pool)
               : strcmp(f->name, "email") == 0 ? PICK(email_pool)
                                               : PICK(string_pool));
        break;
    case APIGEN_KIND_ENUM:
    case APIGEN_KIND_OPEN_ENUM:
        put(b, PICK(enum_pool));
        break;
    case APIGEN_KIND_OBJECT:
        gen_object(b, f->model);
        break;
    case APIGEN_KIND_FREEFORM:
    case APIGEN_KIND_ANY:
        put(b, PICK(any_pool));
        break;
    case APIGEN_KIND_UNION: /* a value of one alternative, picked at random */
        gen_value(b, &f->union_->alternatives[rnd((unsigned)f->union_->count)]);
        break;
    }
}

/* A property's value: null, an array of 0 to 4 items, or one value. An empty array is left out
 * where the struct cannot tell it from absence (validate would not see it). */
static void gen_field(textbuf *b, const apigen_field *f)
{
    if ((f->flags & APIGEN_F_NULLABLE) && rnd(5) == 0) {
        put(b, "null");
    } else if ((f->flags & APIGEN_F_ARRAY) && rnd(6) != 0) {
        bool may_be_empty = (f->flags & (APIGEN_F_HAS | APIGEN_F_REQUIRED)) != 0;
        unsigned n = rnd(5);
        if (n == 0 && !may_be_empty)
            n = 1;
        put(b, "[");
        for (unsigned i = 0; i < n; i++) {
            if (i > 0)
                put(b, ",");
            put_ws(b);
            gen_value(b, f);
        }
        put(b, "]");
    } else if (f->flags & APIGEN_F_ARRAY) {
        const char *v = PICK(any_pool);
        put(b, strcmp(v, "[]") == 0 ? "{}" : v);
    } else {
        gen_value(b, f);
    }
}

/* Some of m's fields in a random order, now and then spelled with an escape, and now and then
 * a property m does not know. */
static void gen_object(textbuf *b, const apigen_model *m)
{
    size_t order[16], n = 0;
    for (size_t k = 0; k < m->field_count && k < 16; k++)
        order[n++] = k;
    for (size_t k = n; k > 1; k--) {
        size_t j = rnd((unsigned)k), t = order[k - 1];
        order[k - 1] = order[j];
        order[j] = t;
    }
    bool first = true;
    put(b, "{");
    put_ws(b);
    size_t unknown_at = rnd(m->closed ? 12 : 4) == 0 ? rnd((unsigned)n + 1) : SIZE_MAX;
    for (size_t i = 0; i <= n; i++) {
        if (i == unknown_at) {
            put(b, first ? "" : ",");
            put(b, PICK(unknown_keys));
            put(b, ":");
            put(b, PICK(any_pool));
            first = false;
        }
        if (i == n)
            continue;
        const apigen_field *f = &m->fields[order[i]];
        if ((f->flags & APIGEN_F_REQUIRED) ? rnd(12) == 0 : rnd(10) < 4)
            continue;
        put(b, first ? "" : ",");
        put_ws(b);
        first = false;
        if (rnd(8) == 0) /* the first letter as a \u escape */
            put(b, fmt("\"\\u%04x%s\"", (unsigned)(unsigned char)f->name[0], f->name + 1));
        else
            put(b, fmt("\"%s\"", f->name));
        put_ws(b);
        put(b, ":");
        put_ws(b);
        gen_field(b, f);
        put_ws(b);
    }
    put(b, "}");
}

static bool is_read_code(apigen_code code)
{
    return code == APIGEN_E_TYPE || code == APIGEN_E_REQUIRED || code == APIGEN_E_INTEGER ||
           code == APIGEN_E_ENUM || code == APIGEN_E_ADDITIONAL || code == APIGEN_E_ENCODING;
}

static int error_order(const void *a, const void *b)
{
    const apigen_error *x = a, *y = b;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* The errors of errs that read (or do not read) a value, in their order, or sorted. */
static size_t select_errors(const apigen_errors *errs, bool read, bool sorted, apigen_error *out)
{
    size_t n = 0;
    for (size_t i = 0; i < errs->count; i++)
        if (is_read_code(errs->items[i].code) == read)
            out[n++] = errs->items[i];
    if (sorted)
        qsort(out, n, sizeof *out, error_order);
    return n;
}

static bool same_errors(const apigen_error *a, size_t na, const apigen_error *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (a[i].code != b[i].code || strcmp(a[i].path, b[i].path) != 0)
            return false;
    return true;
}

static void show_errors(const char *who, const apigen_errors *errs)
{
    fprintf(stderr, "  %s:\n", who);
    for (size_t i = 0; i < errs->count; i++)
        fprintf(stderr, "    %s %s: %s\n", apigen_code_name(errs->items[i].code),
                errs->items[i].path, errs->items[i].message);
}

/* Whether parse agrees with from_json then validate on text; says how when not. */
/* -0 as 0 throughout a tree ("-0" kept as written prints as -0 through cJSON). */
static void positive_zeros(cJSON *j)
{
    for (; j != NULL; j = j->next) {
        if (cJSON_IsNumber(j) && j->valuedouble == 0)
            j->valuedouble = 0;
        positive_zeros(j->child);
    }
}

static bool parse_agrees_with_from_json(const apigen_model *m, const char *text)
{
    size_t len = strlen(text);
    void *parsed = malloc(m->size), *read = malloc(m->size);
    apigen_errors pe, fe, ve;
    int prc = parse_exact(m, text, len, parsed, &pe);
    cJSON *tree = cJSON_ParseWithLength(text, len);
    int frc = apigen_model_from_json(m, tree, read, &fe);
    int vrc = frc == 0 ? apigen_model_validate(m, read, &ve) : -1;
    bool ok = tree != NULL;
    /* By design, from_json refuses integers beyond +-(2^53-1) in a cJSON tree (its double may
     * be rounded), which parse reads exactly from the text: not comparable. */
    for (size_t i = 0; i < fe.count; i++)
        if (fe.items[i].code == APIGEN_E_INTEGER && strstr(fe.items[i].message, "beyond"))
            tree = (cJSON_Delete(tree), NULL);
    /* Nor a number that underflows: parse judges 1e-400 > 0, validate the 0 the double holds. */
    if (strstr(text, "e-400") != NULL)
        tree = (cJSON_Delete(tree), NULL);
    if (tree == NULL && ok) {
        if (prc == 0)
            apigen_model_free(m, parsed);
        if (frc == 0)
            apigen_model_free(m, read);
        free(parsed);
        free(read);
        return true;
    }
    if (ok && pe.total <= APIGEN_ERRORS_MAX) { /* nothing dropped: lists comparable */
        static apigen_error a[APIGEN_ERRORS_MAX], b[APIGEN_ERRORS_MAX];
        ok = same_errors(a, select_errors(&pe, true, false, a), fe.items, fe.count);
        if (ok && frc == 0) {
            size_t na = select_errors(&pe, false, true, a), nb = select_errors(&ve, false, true, b);
            ok = same_errors(a, na, b, nb) && ve.count == nb && (prc == 0) == (vrc == 0);
        } else if (ok) {
            ok = prc == -1;
        }
    }
    if (ok && prc == 0 && vrc == 0) {
        /* any values from parse keep the digits as written, from_json's the doubles cJSON
         * made of them: compared as doubles (cJSON's printer), the same values */
        char *x = apigen_model_print(m, parsed), *y = apigen_model_print(m, read);
        cJSON *tx = cJSON_Parse(x), *ty = cJSON_Parse(y);
        positive_zeros(tx);
        positive_zeros(ty);
        char *cx = cJSON_PrintUnformatted(tx), *cy = cJSON_PrintUnformatted(ty);
        ok = cx != NULL && cy != NULL && strcmp(cx, cy) == 0;
        free(x);
        free(y);
        free(cx);
        free(cy);
        cJSON_Delete(tx);
        cJSON_Delete(ty);
    }
    if (!ok) {
        fprintf(stderr, "  parse and from_json disagree on: %s\n", text);
        show_errors("parse", &pe);
        show_errors("from_json", &fe);
        if (frc == 0)
            show_errors("validate", &ve);
    }
    if (prc == 0)
        apigen_model_free(m, parsed);
    if (frc == 0)
        apigen_model_free(m, read);
    cJSON_Delete(tree);
    free(parsed);
    free(read);
    return ok;
}

static void parse_agrees_with_from_json_on_random_documents(void)
{
    const apigen_model *models[] = {&pet_model, &users_response_model, &lists_model,
                                    &error_detail_model};
    size_t valid = 0, disagreements = 0;
    for (int i = 0; i < 20000; i++) {
        const apigen_model *m = models[i % 4];
        textbuf b = {.len = 0};
        put_ws(&b);
        if (rnd(25) == 0)
            put(&b, PICK(any_pool));
        else
            gen_object(&b, m);
        put_ws(&b);
        if (!parse_agrees_with_from_json(m, b.data) && ++disagreements > 5)
            break;
        apigen_errors errs;
        valid += parse_text(m, b.data, &errs) == 0;
    }
    CHECK(disagreements == 0);
    CHECK(valid > 200); /* both verdicts were exercised */
    /* the documents above, too */
    for (size_t d = 0; d < sizeof documents / sizeof documents[0]; d++)
        CHECK(parse_agrees_with_from_json(documents[d].model, documents[d].text));
}

/* Inputs the allocation-failure test parses with each allocation failing in turn: every path
 * of the parser that allocates, valid and not. */
static char long_key_text[1024];

static char long_number_text[1024];

static char long_enum_text[1024];

static const struct {
    const apigen_model *model;
    const char *text;
} oom_inputs[] = {
    {&users_response_model, document_response},
    {&pet_model, full_pet},
    {&lists_model, lists_document},
    {&pet_model, "{\"n\\u0061me\":\"R\\u00e9x\",\"color\":\"r\\u0065d\",\"\\u00e9\":1,"
                 "\"extra\":{\"\\u00e9\":[\"\\ud83d\\ude00\",{\"k\":-1.5e3}]}}"},
    {&pet_model, long_key_text},     /* long names */
    {&nums_model, long_number_text}, /* long number */
    {&pet_model, long_enum_text},    /* long enum string */
    {&pet_model, "{\"name\":\"Rex\",\"color\":\"red\",\"extra\":[1,2,3],\"x\":tru}"}, /* late */
    {&pet_model, "{\"name\":\"Rex\",\"color\":\"pink\",\"meta\":{\"a\":\"\xC3\x28\"},"
                 "\"tags\":[\"a\",\"a\",\"\"],\"scores\":[-1]}"}, /* violations */
    {&holder_model, "{\"v\":[{\"a\":[{\"b\":{}}]},\"\\ud800\"]}"},
    {&pet_model, "{\"name\":\"Rex\",\"color\":\"red\",\"extra\":\"\\u0000\"}"},
};

static size_t oom_input;

static int oom_expected_rc;

static apigen_errors oom_expected;

static bool oom_parse_input(void)
{
    const apigen_model *m = oom_inputs[oom_input].model;
    const char *text = oom_inputs[oom_input].text;
    void *out = malloc(m->size);
    apigen_errors errs;
    int rc = parse_exact(m, text, strlen(text), out, &errs);
    bool same = rc == oom_expected_rc && errs.total == oom_expected.total &&
                same_errors(errs.items, errs.count, oom_expected.items, oom_expected.count);
    bool ok;
    if (alloc_failed && rc == -1 && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY)
        ok = errs.total == 1 && all_zero(out, m->size);
    else /* no failure, or only a JIT compile failed (the interpreter took over) */
        ok = same;
    if (!ok) {
        fprintf(stderr, "  input %zu: rc %d\n", oom_input, rc);
        show_errors("got", &errs);
        show_errors("expected", &oom_expected);
    }
    if (rc == 0)
        apigen_model_free(m, out);
    free(out);
    return ok;
}

static void parse_out_of_memory_is_clean_for_every_input(void)
{
    char name[300];
    memset(name, 'k', 299);
    name[299] = '\0';
    snprintf(long_key_text, sizeof long_key_text,
             "{\"name\":\"a\",\"color\":\"red\",\"\\u0078%s\":1,\"%s\":2}", name, name);
    snprintf(long_number_text, sizeof long_number_text, "{\"d\":1.%s%s5,\"i\":1%se-299}", name,
             name, name);
    for (char *p = long_number_text; *p; p++)
        if (*p == 'k')
            *p = '0';
    snprintf(long_enum_text, sizeof long_enum_text, "{\"name\":\"a\",\"color\":\"%s\"}", name);
    for (oom_input = 0; oom_input < sizeof oom_inputs / sizeof oom_inputs[0]; oom_input++) {
        const apigen_model *m = oom_inputs[oom_input].model;
        const char *text = oom_inputs[oom_input].text;
        oom_expected_rc = parse_scratch(m, text, strlen(text), &oom_expected);
        fail_each_allocation(oom_parse_input, fmt("parse input %zu", oom_input));
    }
}

int main(void)
{
    RUN_TEST(parse_syntax_error_is_reported_at_root);
    RUN_TEST(parse_rejects_text_after_the_value);
    RUN_TEST(parse_reads_only_len_bytes);
    RUN_TEST(parse_rejects_escaped_nul_that_would_cut_strings);
    RUN_TEST(parse_runs_validation);
    RUN_TEST(deep_nesting_is_a_syntax_error_not_a_crash);
    RUN_TEST(parse_reads_every_rfc8259_value_and_skips_it);
    RUN_TEST(parse_rejects_every_malformed_value_wherever_it_is);
    RUN_TEST(parse_top_level_is_one_object_between_whitespace);
    RUN_TEST(parse_syntax_error_says_where);
    RUN_TEST(parse_integers_are_decided_on_the_exact_text);
    RUN_TEST(parse_doubles_are_strtod_of_the_token);
    RUN_TEST(parse_rejects_raw_control_characters_anywhere);
    RUN_TEST(parse_decodes_every_escape_and_surrogate_pairs);
    RUN_TEST(parse_lone_surrogate_is_encoding_error);
    RUN_TEST(parse_escaped_nul_ends_the_parse_anywhere);
    RUN_TEST(parse_duplicate_property_is_a_violation);
    RUN_TEST(parse_deep_nesting_is_bounded_everywhere);
    RUN_TEST(parse_arrays_of_every_kind);
    RUN_TEST(parse_recursive_model_is_bounded_too);
    RUN_TEST(parse_long_unknown_name_is_cut_like_from_json);
    RUN_TEST(parse_truncated_at_every_byte_fails_cleanly);
    RUN_TEST(parse_survives_a_byte_changed_anywhere);
    RUN_TEST(parse_agrees_with_from_json_on_random_documents);
    RUN_TEST(parse_out_of_memory_is_clean_for_every_input);
    return fixtures_summary();
}
