/* test_behaviour.c: behaviour no API of specs/ exercises, end to end from behaviour.yaml
 * (generated, compiled and linked at build time): additionalProperties: false, exclusive
 * bounds on numbers and integers at and beside the boundary, and what readOnly and writeOnly
 * do today (README "Schemas"): they are annotations, carried in the field flags and the
 * exported JSON Schema, and the generated code reads and writes such fields both ways.
 * Usage: test_behaviour GENERATED_DIR (where behaviour/behaviour.schema.json is). */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "behaviour/behaviour.h"
#include "check.h"
#include "test_io.h"
#include "verdict.h"

static const char *generated_dir;

static void test_closed_object(void)
{
    const apigen_model *closed = &behaviour_closed_model, *open = &behaviour_open_model;
    CHECK(closed->closed && !open->closed && behaviour_closed_inner_model.closed);
    CHECK_STR(verdict(closed, "{\"a\": 1, \"inner\": {\"b\": \"x\"}}"), "valid");
    CHECK_STR(verdict(closed, "{\"a\": 1, \"extra\": true}"), "additionalProperties $.extra");
    CHECK_STR(verdict(closed, "{\"inner\": {\"b\": \"x\", \"c\": 2}}"),
              "additionalProperties $.inner.c");
    CHECK_STR(verdict(closed, "{\"A\": 1}"), "additionalProperties $.A");
    CHECK_STR(verdict(open, "{\"a\": 1, \"extra\": true}"), "valid");
    /* The typed function the header declares reads the same way. */
    behaviour_closed v;
    apigen_errors errs;
    CHECK(behaviour_closed_parse("{\"z\": null}", 11, &v, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_ADDITIONAL);
}

static void test_exclusive_bounds(void)
{
    const apigen_model *m = &behaviour_bounds_model;
    CHECK_STR(verdict(m, "{\"x\": 1.4999999999999998, \"n\": 9, \"m\": 2.5}"), "valid");
    CHECK_STR(verdict(m, "{\"x\": -0.49999999999999994, \"n\": -2, \"m\": -2.5}"), "valid");
    CHECK_STR(verdict(m, "{\"x\": 1.5}"), "exclusiveMaximum $.x");
    CHECK_STR(verdict(m, "{\"x\": 15e-1}"), "exclusiveMaximum $.x");
    CHECK_STR(verdict(m, "{\"x\": 2}"), "exclusiveMaximum $.x");
    CHECK_STR(verdict(m, "{\"x\": -0.5}"), "exclusiveMinimum $.x");
    CHECK_STR(verdict(m, "{\"n\": 10}"), "exclusiveMaximum $.n");
    CHECK_STR(verdict(m, "{\"n\": 10.0}"), "exclusiveMaximum $.n");
    CHECK_STR(verdict(m, "{\"n\": -3}"), "exclusiveMinimum $.n");
    CHECK_STR(verdict(m, "{\"m\": 2.5000000000000004}"), "maximum $.m");
    CHECK_STR(verdict(m, "{\"m\": -2.5000000000000004}"), "minimum $.m");
}

/* The property `name` of the model's exported schema in behaviour.schema.json. */
static const cJSON *exported(const cJSON *doc, const char *def, const char *name)
{
    const cJSON *defs = cJSON_GetObjectItemCaseSensitive(doc, "$defs");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(defs, def);
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s, "properties"),
                                            name);
}

static void test_read_only_write_only(void)
{
    const apigen_model *m = &behaviour_account_model;
    CHECK(m->field_count == 3);
    for (size_t i = 0; i < m->field_count; i++) {
        const apigen_field *f = &m->fields[i];
        unsigned want = strcmp(f->name, "id") == 0         ? APIGEN_F_READ_ONLY
                        : strcmp(f->name, "password") == 0 ? APIGEN_F_WRITE_ONLY
                                                           : 0;
        CHECK((f->flags & (APIGEN_F_READ_ONLY | APIGEN_F_WRITE_ONLY)) == want);
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/behaviour/behaviour.schema.json", generated_dir);
    char *text = test_read_file(path, NULL);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    free(text);
    CHECK(cJSON_IsTrue(
        cJSON_GetObjectItemCaseSensitive(exported(doc, "behaviour_account", "id"), "readOnly")));
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
        exported(doc, "behaviour_account", "password"), "writeOnly")));
    CHECK(cJSON_GetObjectItemCaseSensitive(exported(doc, "behaviour_account", "name"),
                                           "readOnly") == NULL);
    cJSON_Delete(doc);
    /* Today no direction is enforced (issue 14 adds that): a required readOnly property is
     * required in a request too, and both are read and written back. */
    CHECK_STR(verdict(m, "{\"name\": \"n\", \"password\": \"p\"}"), "required $.id");
    behaviour_account a;
    const char *body = "{\"id\":\"i\",\"name\":\"n\",\"password\":\"p\"}";
    CHECK(behaviour_account_parse(body, strlen(body), &a, NULL) == 0);
    cJSON *json = apigen_model_to_json(m, &a);
    char *printed = json ? cJSON_PrintUnformatted(json) : NULL;
    CHECK_STR(printed, body);
    free(printed);
    cJSON_Delete(json);
    behaviour_account_free(&a);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s GENERATED_DIR\n", argv[0]);
        return 2;
    }
    generated_dir = argv[1];
    RUN_TEST(test_closed_object);
    RUN_TEST(test_exclusive_bounds);
    RUN_TEST(test_read_only_write_only);
    return check_summary();
}
