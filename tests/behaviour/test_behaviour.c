/* test_behaviour.c: behaviour no API of specs/ exercises, end to end from behaviour.yaml
 * (generated, compiled and linked at build time): additionalProperties: false, exclusive
 * bounds on numbers and integers at and beside the boundary, and what readOnly and writeOnly
 * do (README "Schemas"): carried in the field flags and the exported JSON Schema, a required
 * readOnly field is not required in a request, a writeOnly one not in a response; formats,
 * multipleOf and deprecated (Scalars).
 * Usage: test_behaviour GENERATED_DIR (where behaviour/behaviour.schema.json is). */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "behaviour/behaviour.h"
#include "check.h"
#include "test_io.h"

static const char *generated_dir;

/* The verdict of m on json: "valid", or each violation as "keyword path", joined by "; ". */
static const char *verdict(const apigen_model *m, const char *json)
{
    static char out[1024];
    void *value = calloc(1, m->size);
    apigen_errors errs;
    if (value == NULL)
        return "out of memory";
    if (apigen_model_parse(m, json, strlen(json), value, &errs) == 0) {
        apigen_model_free(m, value);
        free(value);
        return "valid";
    }
    out[0] = '\0';
    for (size_t i = 0; i < errs.count; i++) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s %s", i ? "; " : "",
                 apigen_code_name(errs.items[i].code), errs.items[i].path);
    }
    free(value);
    return out;
}

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
    /* The plain functions require both; per direction (apigen_model_validate_request,
     * apigen_model_parse_response) the required readOnly id may be left out of a request and the
     * required writeOnly password out of a response, and both are read and written back. */
    CHECK_STR(verdict(m, "{\"name\": \"n\", \"password\": \"p\"}"), "required $.id");
    CHECK_STR(verdict(m, "{\"id\": \"i\", \"name\": \"n\"}"), "required $.password");
    apigen_errors e;
    behaviour_account r = {.name = (char *)"n", .password = (char *)"p"};
    CHECK(apigen_model_validate_request(m, &r, &e) == 0);
    CHECK(apigen_model_validate(m, &r, &e) == -1 && e.count == 1 &&
          e.items[0].code == APIGEN_E_REQUIRED);
    r.password = NULL; /* a request without the writeOnly password is still refused */
    CHECK(apigen_model_validate_request(m, &r, &e) == -1 &&
          strcmp(e.items[0].path, "$.password") == 0);
    behaviour_account resp;
    const char *no_password = "{\"id\":\"i\",\"name\":\"n\"}";
    CHECK(apigen_model_parse_response(m, no_password, strlen(no_password), &resp, &e) == 0);
    behaviour_account_free(&resp);
    const char *no_id = "{\"name\":\"n\",\"password\":\"p\"}";
    CHECK(apigen_model_parse_response(m, no_id, strlen(no_id), &resp, &e) == -1 &&
          strcmp(e.items[0].path, "$.id") == 0);
    /* the builder and the decoder of createAccount take these directions */
    apigen_request req;
    CHECK(apigen_request_build(&behaviour_operations[2], "http://127.0.0.1", NULL, NULL, NULL, NULL,
                               &(behaviour_account){.name = (char *)"n", .password = (char *)"p"},
                               &req, &e) == 0);
    CHECK_STR(req.body, "{\"name\":\"n\",\"password\":\"p\"}");
    apigen_request_free(&req);
    apigen_result res;
    apigen_result_init(&res);
    res.status = 201;
    res.body = strdup(no_password);
    res.body_len = strlen(no_password);
    CHECK(apigen_response_decode(&behaviour_operations[2], &res, &resp) == 0);
    CHECK_STR(resp.id, "i");
    apigen_result_free(&res, &resp);
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

/* format int32 (int32_t, range on the digits), int64, float and double (double), multipleOf
 * exact on digits (integers, numbers, a fractional divisor of an integer), an annotation
 * format, deprecated. */
static void test_scalars(void)
{
    const apigen_model *m = &behaviour_scalars_model;
    CHECK_STR(verdict(m, "{\"small\": 2147483646}"), "valid"); /* 3 * 715827882 */
    CHECK_STR(verdict(m, "{\"small\": -2147483648}"), "multipleOf $.small");
    CHECK_STR(verdict(m, "{\"small\": 2147483649}"), "integer $.small");
    CHECK_STR(
        verdict(m, "{\"small\": 3, \"smalls\": [2147483647, -2147483648, 2147483647.0, 1e9]}"),
        "valid");
    CHECK_STR(verdict(m, "{\"small\": 3, \"smalls\": [2147483648, -2147483649, 1e10, 2.5]}"),
              "integer $.smalls[0]; integer $.smalls[1]; integer $.smalls[2]; integer $.smalls[3]");
    CHECK_STR(verdict(m, "{\"small\": 0, \"price\": 19.99, \"step\": 0.75, \"half\": 7}"), "valid");
    CHECK_STR(verdict(m, "{\"small\": 0, \"price\": 19.999, \"step\": 0.8}"),
              "multipleOf $.price; multipleOf $.step");
    CHECK_STR(verdict(m, "{\"small\": 0, \"price\": 1999e-2, \"big\": 9223372036854775807}"),
              "valid");
    CHECK_STR(verdict(m, "{\"small\": 0, \"link\": \"not a template {\"}"), "valid");
    /* an integer enum: JSON integers by value, an unknown one or a string refused */
    CHECK_STR(verdict(m, "{\"small\": 0, \"level\": 5, \"levels\": [20, 10.0]}"), "valid");
    CHECK_STR(verdict(m, "{\"small\": 0, \"level\": 3}"), "enum $.level");
    CHECK_STR(verdict(m, "{\"small\": 0, \"level\": \"1\", \"levels\": [10, 1e1]}"),
              "type $.level; uniqueItems $.levels");
    CHECK_STR(verdict(m, "{\"small\": 0, \"level\": 1.5}"), "integer $.level");
    CHECK(BEHAVIOUR_SCALARS_LEVEL_MINUS_1 != BEHAVIOUR_SCALARS_LEVEL_1);
    behaviour_scalars lv = {.level = BEHAVIOUR_SCALARS_LEVEL_MINUS_1};
    char *lp = behaviour_scalars_print(&lv);
    CHECK_STR(lp, "{\"small\":0,\"level\":-1}");
    free(lp);
    cJSON *lj = behaviour_scalars_to_json(&lv);
    behaviour_scalars lb;
    CHECK(behaviour_scalars_from_json(lj, &lb, NULL) == 0 &&
          lb.level == BEHAVIOUR_SCALARS_LEVEL_MINUS_1);
    cJSON_Delete(lj);
    /* open enums: an unlisted value is kept, its text exact, and written back unchanged */
    apigen_errors e;
    const char *odoc = "{\"small\":0,\"state\":\"archived\",\"states\":[\"open\",\"new \\u00e9\","
                       "\"closed\"],\"code\":300}";
    behaviour_scalars o;
    CHECK(behaviour_scalars_parse(odoc, strlen(odoc), &o, &e) == 0);
    CHECK(o.state.value == BEHAVIOUR_SCALARS_STATE_OTHER);
    CHECK_STR(o.state.other, "archived");
    CHECK(o.states_count == 3 && o.states[0].value == BEHAVIOUR_SCALARS_STATES_ITEM_OPEN &&
          o.states[0].other == NULL && o.states[1].value == BEHAVIOUR_SCALARS_STATES_ITEM_OTHER &&
          o.states[2].value == BEHAVIOUR_SCALARS_STATES_ITEM_CLOSED);
    CHECK_STR(o.states[1].other, "new \xC3\xA9");
    CHECK(o.code.value == BEHAVIOUR_SCALARS_CODE_OTHER);
    CHECK_STR(o.code.other, "300");
    char *op = behaviour_scalars_print(&o);
    CHECK_STR(op, "{\"small\":0,\"state\":\"archived\",\"states\":[\"open\",\"new \xC3\xA9\","
                  "\"closed\"],\"code\":300}");
    CHECK(behaviour_scalars_validate(&o, &e) == 0);
    cJSON *oj = behaviour_scalars_to_json(&o);
    behaviour_scalars ob;
    CHECK(behaviour_scalars_from_json(oj, &ob, &e) == 0 &&
          ob.state.value == BEHAVIOUR_SCALARS_STATE_OTHER &&
          strcmp(ob.state.other, "archived") == 0 &&
          ob.code.value == BEHAVIOUR_SCALARS_CODE_OTHER && strcmp(ob.code.other, "300") == 0);
    char *obp = behaviour_scalars_print(&ob);
    CHECK_STR(obp, op);
    free(obp);
    free(op);
    behaviour_scalars_free(&ob);
    cJSON_Delete(oj);
    behaviour_scalars_free(&o);
    CHECK(o.state.other == NULL && o.states == NULL);
    /* still typed: a number for a string enum, a string for an integer one */
    CHECK_STR(verdict(m, "{\"small\": 0, \"state\": 1, \"code\": \"300\"}"),
              "type $.state; type $.code");
    /* a caller's OTHER without its text, or with a listed one, is refused */
    behaviour_scalars bad = {.state = {.value = BEHAVIOUR_SCALARS_STATE_OTHER}};
    CHECK(behaviour_scalars_validate(&bad, &e) == -1 && e.items[0].code == APIGEN_E_ENUM);
    bad.state.other = (char *)"open";
    CHECK(behaviour_scalars_validate(&bad, &e) == -1 && e.items[0].code == APIGEN_E_ENUM);
    bad.state.other = (char *)"paused";
    CHECK(behaviour_scalars_validate(&bad, &e) == 0);
    /* validate judges the double by the text print writes: 0.3 is a multiple of 0.01 */
    behaviour_scalars v = {.small = 6, .has_price = true, .price = 0.3};

    CHECK(behaviour_scalars_validate(&v, &e) == 0);
    v.price = 0.305;
    CHECK(behaviour_scalars_validate(&v, &e) == -1 && e.items[0].code == APIGEN_E_MULTIPLE_OF);
    v.price = 0.3;
    v.small = INT32_MIN;
    CHECK(behaviour_scalars_validate(&v, &e) == -1 && e.count == 1);
    v.small = INT32_MAX - 1;
    int32_t items[] = {INT32_MIN, INT32_MAX};
    v.smalls = items;
    v.smalls_count = 2;
    v.has_smalls = true;
    char *printed = behaviour_scalars_print(&v);
    CHECK_STR(printed, "{\"small\":2147483646,\"price\":0.3,\"smalls\":[-2147483648,2147483647]}");
    free(printed);
    cJSON *json = behaviour_scalars_to_json(&v);
    behaviour_scalars back;
    CHECK(behaviour_scalars_from_json(json, &back, &e) == 0 && back.small == INT32_MAX - 1 &&
          back.smalls_count == 2 && back.smalls[0] == INT32_MIN);
    behaviour_scalars_free(&back);
    cJSON_Delete(json);
    /* the export keeps the formats, multipleOf as written and deprecated */
    char path[4096];
    snprintf(path, sizeof path, "%s/behaviour/behaviour.schema.json", generated_dir);
    char *text = test_read_file(path, NULL);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *price = exported(doc, "behaviour_scalars", "price");
    char *mult = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(price, "multipleOf"));
    CHECK_STR(mult, "0.01");
    free(mult);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                  exported(doc, "behaviour_scalars", "link"), "format")),
              "uri-template");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                  exported(doc, "behaviour_scalars", "small"), "format")),
              "int32");
    CHECK(cJSON_IsTrue(
        cJSON_GetObjectItemCaseSensitive(exported(doc, "behaviour_scalars", "old"), "deprecated")));
    cJSON_Delete(doc);
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
    RUN_TEST(test_scalars);
    return check_summary();
}
