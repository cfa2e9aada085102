/* test_keywords: every schema keyword of the vocabulary (APIGEN_SCHEMA_KEYWORDS,
 * generator/vocab.h) with a sample that proves the generator and the runtime act on it, so a
 * keyword the checker accepts but nothing enforces fails here instead of passing silently:
 * a row without a sample does not compile, a sample whose keyword changes nothing fails.
 *   test_keywords APIGEN   (the apigen binary, run for the keywords that only document)
 *   test_keywords APIGEN NODE SCRIPT   (the export: SCRIPT, keyword_export.mjs, runs ajv on the
 *     JSON Schema exported for each REFUSED sample; exit 77 when ajv is not installed) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apigen_rt.h"
#include "check.h"
#include "check_api.h"
#include "model.h"
#include "tables.h"
#include "test_io.h"
#include "vocab.h"

/* How a sample proves its keyword; in every case the spec with `schema` as schema S (beside
 * I: {type: integer, minimum: 5}, for $ref, and O, an object whose required string k a
 * discriminator can name) must pass the checker.
 *   REFUSED(KW, schema, ok, bad, rule): the runtime, on the descriptor tables the generator
 *     builds in memory (equal to the compiled ones: test tables_match_generated), accepts the
 *     JSON value `ok` and refuses `bad`, the violation `rule` (apigen_code_name) first; and
 *     ajv does the same on the exported JSON Schema (test keyword_export). A keyword
 *     that widens what a schema accepts (nullable) proves itself with an `ok` the schema would
 *     refuse without it.
 *   CHECKED(KW, schema, bad, want): `apigen generate` refuses the spec whose S is `bad`, with a
 *     message holding `want` (a value the generator itself judges, as `example`).
 *   WRITTEN(KW, schema, output, want): the file of suffix `output` that `apigen generate` writes
 *     holds `want`, or, when want is NULL, the keyword's runtime column as vocab.h spells it
 *     (APIGEN_F_SENSITIVE): documentation and flags the runtime does not judge values by. */
typedef enum { REFUSES, CHECKS, WRITES } sample_kind;

typedef struct keyword_sample {
    vocab_keyword keyword;
    sample_kind kind;
    const char *schema, *ok, *bad, *output, *want;
} keyword_sample;

/* clang-format off */
#define REFUSED(kw, schema, ok, bad, rule) {KW_##kw, REFUSES, schema, ok, bad, NULL, rule}
#define CHECKED(kw, schema, bad, want)     {KW_##kw, CHECKS, schema, NULL, bad, NULL, want}
#define WRITTEN(kw, schema, output, want)  {KW_##kw, WRITES, schema, NULL, NULL, output, want}
/* clang-format on */

static const keyword_sample KEYWORD_SAMPLES[] = {
    REFUSED(TYPE, "{type: integer}", "1", "\"1\"", "type"),
    REFUSED(REF, "{type: array, items: {$ref: I}}", "[5]", "[4]", "minimum"),
    WRITTEN(DESCRIPTION,
            "{type: object, description: Kw sample description, properties: {a: {type: string}}}",
            ".h", "/* Kw sample description */"),
    WRITTEN(TITLE, "{type: object, title: Kw sample title, properties: {a: {type: string}}}", ".h",
            "/* Kw sample title */"),
    REFUSED(NULLABLE, "{type: string, nullable: true}", "null", "1", "type"),
    WRITTEN(DEFAULT, "{type: object, properties: {a: {type: integer, default: 4242}}}",
            ".schema.json", "\"default\": 4242"),
    REFUSED(CONST, "{type: integer, const: 3}", "3", "4", "const"),
    CHECKED(EXAMPLE, "{type: integer, minimum: 1, example: 1}",
            "{type: integer, minimum: 1, example: 0}", "example of schema 'S': $: minimum:"),
    REFUSED(ENUM, "{type: string, enum: [a, b]}", "\"a\"", "\"c\"", "enum"),
    REFUSED(PATTERN, "{type: string, pattern: \"^a+$\"}", "\"aa\"", "\"ab\"", "pattern"),
    REFUSED(MIN_LENGTH, "{type: string, minLength: 2}", "\"ab\"", "\"a\"", "minLength"),
    REFUSED(MAX_LENGTH, "{type: string, maxLength: 2}", "\"ab\"", "\"abc\"", "maxLength"),
    REFUSED(FORMAT, "{type: string, format: date}", "\"2019-08-24\"", "\"2019-02-29\"", "format"),
    WRITTEN(SENSITIVE, "{type: object, properties: {a: {type: string, sensitive: true}}}", ".c",
            NULL),
    WRITTEN(READ_ONLY, "{type: object, properties: {a: {type: string, readOnly: true}}}", ".c",
            NULL),
    WRITTEN(WRITE_ONLY, "{type: object, properties: {a: {type: string, writeOnly: true}}}", ".c",
            NULL),
    REFUSED(MINIMUM, "{type: number, minimum: 3}", "3", "2.5", "minimum"),
    REFUSED(MAXIMUM, "{type: integer, maximum: 3}", "3", "4", "maximum"),
    REFUSED(EXCLUSIVE_MINIMUM, "{type: number, exclusiveMinimum: 3}", "3.5", "3",
            "exclusiveMinimum"),
    REFUSED(EXCLUSIVE_MAXIMUM, "{type: integer, exclusiveMaximum: 3}", "2", "3",
            "exclusiveMaximum"),
    REFUSED(ITEMS, "{type: array, items: {type: integer}}", "[1]", "[\"x\"]", "type"),
    REFUSED(MIN_ITEMS, "{type: array, items: {type: integer}, minItems: 1}", "[1]", "[]",
            "minItems"),
    REFUSED(MAX_ITEMS, "{type: array, items: {type: integer}, maxItems: 1}", "[1]", "[1, 2]",
            "maxItems"),
    REFUSED(UNIQUE_ITEMS, "{type: array, items: {type: integer}, uniqueItems: true}", "[1, 2]",
            "[1, 1.0]", "uniqueItems"),
    REFUSED(PROPERTIES, "{type: object, properties: {a: {type: integer}}}", "{\"a\": 1}",
            "{\"a\": true}", "type"),
    REFUSED(REQUIRED, "{type: object, properties: {a: {type: integer}}, required: [a]}",
            "{\"a\": 1}", "{}", "required"),
    REFUSED(ADDITIONAL_PROPERTIES,
            "{type: object, properties: {a: {type: integer}}, additionalProperties: false}",
            "{\"a\": 1}", "{\"b\": 1}", "additionalProperties"),
    REFUSED(PROPERTY_NAMES,
            "{type: object, additionalProperties: {type: integer}, propertyNames: {maxLength: 2}}",
            "{\"ab\": 1}", "{\"abc\": 1}", "propertyNames"),
    REFUSED(MIN_PROPERTIES,
            "{type: object, additionalProperties: {type: integer}, minProperties: 1}", "{\"a\": 1}",
            "{}", "minProperties"),
    REFUSED(MAX_PROPERTIES,
            "{type: object, additionalProperties: {type: integer}, maxProperties: 1}", "{\"a\": 1}",
            "{\"a\": 1, \"b\": 2}", "maxProperties"),
    WRITTEN(DEPRECATED, "{type: object, properties: {a: {type: string, deprecated: true}}}", ".h",
            "(deprecated)"),
    REFUSED(MULTIPLE_OF, "{type: number, multipleOf: 0.25}", "0.75", "0.8", "multipleOf"),
    REFUSED(EXTENSIBLE, "{type: string, enum: [a], extensible: true}", "\"b\"", "1", "type"),
    REFUSED(ONE_OF, "{oneOf: [{type: string}, {type: integer}]}", "1", "true", "oneOf"),
    REFUSED(ANY_OF, "{anyOf: [{type: string, maxLength: 1}, {type: string, pattern: \"^a\"}]}",
            "\"abc\"", "\"bc\"", "anyOf"),
    REFUSED(DISCRIMINATOR, "{oneOf: [{$ref: O}], discriminator: {propertyName: k}}",
            "{\"k\": \"O\"}", "{\"k\": \"P\"}", "discriminator"),
    REFUSED(ALL_OF,
            "{allOf: [{type: object, properties: {a: {type: integer}}}, {type: object, "
            "properties: {b: {type: string}}, required: [b]}]}",
            "{\"b\": \"x\"}", "{\"a\": 1}", "required"),
};
_Static_assert(sizeof KEYWORD_SAMPLES / sizeof *KEYWORD_SAMPLES == KW_COUNT,
               "every keyword of APIGEN_SCHEMA_KEYWORDS needs a sample in KEYWORD_SAMPLES");

static const char *apigen_path;
static arena a;

/* A spec whose schema S is schema_text, and `more` further schema lines. */
static char *spec_with(const char *schema_text, const char *more)
{
    return arena_printf(&a,
                        "apigen: 1\n"
                        "api: {name: t}\n"
                        "schemas:\n"
                        "  S: %s\n"
                        "  I: {type: integer, minimum: 5}\n"
                        "  O: {type: object, required: [k], properties: {k: {type: string}}}\n"
                        "%s"
                        "operations:\n"
                        "  op:\n"
                        "    method: GET\n"
                        "    path: /x\n"
                        "    responses: {\"200\": {description: ok}}\n",
                        schema_text, more);
}

static char *spec_text(const char *schema_text)
{
    return spec_with(schema_text, "");
}

/* Checks spec text; the diagnostics in *msgs (caller frees), the model in *api. */
static int check_text(const char *text, spec_api *api, char **msgs)
{
    size_t len = 0;
    FILE *f = open_memstream(msgs, &len);
    diag d;
    diag_init(&d, f);
    spec_file file;
    int rc = spec_load_text(&a, "t.yaml", text, strlen(text), &file, &d) != 0 ||
             spec_check(&a, &file, api, &d) != 0;
    fclose(f);
    return rc;
}

/* The first violation of JSON text value against schema s, as the rule's name; "" when the
 * runtime accepts it. */
static const char *first_violation(tables *t, const schema *s, const char *value)
{
    const apigen_model *m = tables_value_model(t, s);
    char *doc = arena_printf(&a, "{\"" TABLES_VALUE_FIELD "\": %s}", value);
    void *out = calloc(1, m->size);
    apigen_errors errs;
    const char *rule = "";
    if (apigen_model_parse(m, doc, strlen(doc), out, &errs) == 0)
        apigen_model_free(m, out);
    else
        rule = errs.count ? apigen_code_name(errs.items[0].code) : "(no violation stored)";
    free(out);
    return rule;
}

/* Runs apigen generate on spec text in a fresh folder; the output of suffix `suffix`, or the
 * diagnostics when suffix is NULL (caller frees). *rc is apigen's exit status. */
static char *generate(const char *text, const char *suffix, int *rc)
{
    char dir[] = "/tmp/apigen-keywords-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return NULL;
    char *spec = arena_printf(&a, "%s/t.yaml", dir);
    FILE *f = fopen(spec, "w");
    if (f == NULL)
        return NULL;
    fputs(text, f);
    fclose(f);
    int status = system(
        arena_printf(&a, "'%s' generate -o '%s/out' '%s' 2>'%s/err'", apigen_path, dir, spec, dir));
    *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    char *got = test_read_file(suffix ? arena_printf(&a, "%s/out/t/t%s", dir, suffix)
                                      : arena_printf(&a, "%s/err", dir),
                               NULL);
    system(arena_printf(&a, "rm -rf '%s'", dir));
    return got;
}

static void every_keyword_has_a_sample_that_proves_it(void)
{
    for (size_t i = 0; i < KW_COUNT; i++) {
        const keyword_sample *k = &KEYWORD_SAMPLES[i];
        const char *kw = vocab_keyword_names[i], *got;
        char *msgs = NULL, *out;
        spec_api api;
        CHECK(k->keyword == (vocab_keyword)i);
        /* the sample uses its keyword, spelled as the vocabulary spells it */
        CHECK(strstr(k->schema, arena_printf(&a, "%s:", kw)) != NULL);
        int rc = check_text(spec_text(k->schema), &api, &msgs);
        if (rc != 0 || strcmp(msgs, "") != 0)
            fprintf(stderr, "keyword %s: sample schema refused:\n%s", kw, msgs);
        CHECK(rc == 0);
        free(msgs);
        if (rc != 0)
            continue;
        switch (k->kind) {
        case REFUSES: {
            tables *t = tables_new(&api);
            const schema *s = api.schemas[0].schema;
            if (strcmp(got = first_violation(t, s, k->ok), "") != 0)
                fprintf(stderr, "keyword %s: %s refused (%s)\n", kw, k->ok, got);
            CHECK_STR(got, "");
            if (strcmp(got = first_violation(t, s, k->bad), k->want) != 0)
                fprintf(stderr, "keyword %s: %s not refused by %s (got \"%s\")\n", kw, k->bad,
                        k->want, got);
            CHECK_STR(got, k->want);
            tables_free(t);
            break;
        }
        case CHECKS:
            out = generate(spec_text(k->bad), NULL, &rc);
            CHECK(rc == 1);
            if (out == NULL || strstr(out, k->want) == NULL)
                fprintf(stderr, "keyword %s: no \"%s\" in:\n%s", kw, k->want, out ? out : "");
            CHECK(out != NULL && strstr(out, k->want) != NULL);
            free(out);
            break;
        case WRITES: {
            const char *want = k->want ? k->want : vocab_keyword_runtime[i];
            out = generate(spec_text(k->schema), k->output, &rc);
            CHECK(rc == 0);
            if (out == NULL || strstr(out, want) == NULL)
                fprintf(stderr, "keyword %s: t%s holds no \"%s\"\n", kw, k->output, want);
            CHECK(out != NULL && strstr(out, want) != NULL);
            free(out);
            break;
        }
        }
    }
}

/* The export of every REFUSED sample, judged by ajv (keyword_export.mjs): the sample's schema S
 * as the one required property `v` of model W (S alone, unless an object, is not a definition
 * of the export). export_skipped when the script reports ajv missing. */
static const char *node_path, *export_script;
static int export_skipped;

static void every_refused_keyword_reaches_the_export(void)
{
    char dir[] = "/tmp/apigen-keyword-export-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *cases = arena_printf(&a, "%s/cases.json", dir);
    FILE *f = fopen(cases, "w");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    const char *sep = "[";
    int count = 0;
    for (size_t i = 0; i < KW_COUNT; i++) {
        const keyword_sample *k = &KEYWORD_SAMPLES[i];
        if (k->kind != REFUSES)
            continue;
        int rc;
        char *doc =
            generate(spec_with(k->schema,
                               "  W: {type: object, required: [v], properties: {v: {$ref: S}}}\n"),
                     ".schema.json", &rc);
        CHECK(rc == 0 && doc != NULL);
        if (doc == NULL)
            continue;
        fprintf(f,
                "%s\n{\"keyword\": \"%s\", \"model\": \"t_w\", \"ok\": %s, \"bad\": "
                "%s,\n\"schema\": %s}",
                sep, vocab_keyword_names[i], k->ok, k->bad, doc);
        sep = ",";
        count++;
        free(doc);
    }
    fputs("]\n", f);
    fclose(f);
    CHECK(count > 0);
    int status = system(arena_printf(&a, "'%s' '%s' '%s'", node_path, export_script, cases));
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    system(arena_printf(&a, "rm -rf '%s'", dir));
    export_skipped = rc == 77;
    CHECK(rc == 0 || export_skipped);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: test_keywords APIGEN [NODE KEYWORD_EXPORT.mjs]\n");
        return 2;
    }
    apigen_path = argv[1];
    arena_init(&a);
    if (argc == 4) {
        node_path = argv[2];
        export_script = argv[3];
        RUN_TEST(every_refused_keyword_reaches_the_export);
    } else {
        RUN_TEST(every_keyword_has_a_sample_that_proves_it);
    }
    arena_free(&a);
    return export_skipped ? 77 : check_summary();
}
