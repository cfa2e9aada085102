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

/* The verdict of both readers (parse, and from_json then validate) must be the same. */
static const char *both(const apigen_model *m, const char *json)
{
    static char tree[1024];
    cJSON *j = cJSON_Parse(json);
    void *value = calloc(1, m->size);
    apigen_errors errs;
    tree[0] = '\0';
    if (j == NULL || value == NULL) {
        snprintf(tree, sizeof tree, "not JSON");
    } else if (apigen_model_from_json(m, j, value, &errs) == 0 &&
               apigen_model_validate(m, value, &errs) == 0) {
        snprintf(tree, sizeof tree, "valid");
    } else {
        for (size_t i = 0; i < errs.count; i++) {
            size_t n = strlen(tree);
            snprintf(tree + n, sizeof tree - n, "%s%s %s", i ? "; " : "",
                     apigen_code_name(errs.items[i].code), errs.items[i].path);
        }
    }
    apigen_model_free(m, value);
    free(value);
    cJSON_Delete(j);
    const char *parsed = verdict(m, json);
    if (strcmp(parsed, tree) != 0)
        fprintf(stderr, "  %s: parse says %s, from_json says %s\n", json, parsed, tree);
    CHECK_STR(parsed, tree);
    return parsed;
}

/* The first violation's message of m on json (parse). */
static const char *message(const apigen_model *m, const char *json)
{
    static char out[APIGEN_MESSAGE_MAX];
    void *value = calloc(1, m->size);
    apigen_errors errs;
    out[0] = '\0';
    if (value != NULL && apigen_model_parse(m, json, strlen(json), value, &errs) != 0 &&
        errs.count > 0)
        snprintf(out, sizeof out, "%s", errs.items[0].message);
    else if (value != NULL)
        apigen_model_free(m, value);
    free(value);
    return out;
}

/* oneOf / anyOf / discriminator / allOf (README "Unions"), valid, invalid and hostile. */
static void test_unions(void)
{
    const apigen_model *m = &behaviour_charge_model;
    const char *card = "\"source\": {\"type\": \"card\", \"last4\": \"4242\"}";
    char doc[512];
#define DOC(...) (snprintf(doc, sizeof doc, __VA_ARGS__), doc)
    /* scalars: string or integer, each with its own rules */
    CHECK_STR(both(m, DOC("{\"amount\": 5, %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": \"5\", %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": -5, %s}", card)), "oneOf $.amount");
    CHECK_STR(both(m, DOC("{\"amount\": \"5x\", %s}", card)), "oneOf $.amount");
    CHECK_STR(both(m, DOC("{\"amount\": 1.5, %s}", card)), "oneOf $.amount");
    CHECK(strstr(message(m, DOC("{\"amount\": true, %s}", card)),
                 "matches none of string_, integer (string_: expected string, got boolean") !=
          NULL);
    /* expandable: an id or the object */
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"customer\": \"cus_1\", %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"customer\": {\"id\": \"c\"}, %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"customer\": {\"email\": \"a@b.c\"}, %s}", card)),
              "anyOf $.customer");
    CHECK_STR(
        both(m, DOC("{\"amount\": 1, \"customer\": {\"id\": \"c\", \"email\": \"x\"}, %s}", card)),
        "anyOf $.customer");
    /* discriminator: the value selects; unknown value, missing, wrong type */
    CHECK_STR(both(m, "{\"amount\": 1, \"source\": {\"type\": \"bank_account\", \"iban\": "
                      "\"DE0012\"}}"),
              "valid");
    CHECK_STR(both(m, "{\"amount\": 1, \"source\": {\"type\": \"card\", \"last4\": \"42\"}}"),
              "pattern $.source.last4");
    CHECK_STR(both(m, "{\"amount\": 1, \"source\": {\"type\": \"cash\"}}"),
              "discriminator $.source.type");
    CHECK_STR(message(m, "{\"amount\": 1, \"source\": {\"type\": \"cash\"}}"),
              "\"cash\" is not one of \"card\", \"bank_account\"");
    CHECK_STR(both(m, "{\"amount\": 1, \"source\": {\"iban\": \"DE0012\"}}"),
              "required $.source.type");
    CHECK_STR(both(m, "{\"amount\": 1, \"source\": {\"type\": 7}}"), "type $.source.type");
    CHECK_STR(both(m, "{\"amount\": 1, \"source\": \"card\"}"), "type $.source");
    /* the schema name is no value when the mapping gives another */
    CHECK_STR(both(m, "{\"amount\": 1, \"source\": {\"type\": \"Card\", \"last4\": \"4242\"}}"),
              "discriminator $.source.type");
    /* arrays of unions, uniqueItems over them, a nullable union */
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"tags\": [\"a\", 1, true], %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"tags\": [\"a\", null], %s}", card)),
              "anyOf $.tags[1]");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"tags\": [1, 2, 1], %s}", card)), "uniqueItems $.tags");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"note\": null, %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"note\": [], %s}", card)), "oneOf $.note");
    /* a value both alternatives accept breaks oneOf, named in the message */
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"code\": \"abc\", %s}", card)), "oneOf $.code");
    CHECK(strstr(message(m, DOC("{\"amount\": 1, \"code\": \"abc\", %s}", card)),
                 "matches both string_ and string_2") != NULL);
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"code\": \"abcdefg\", %s}", card)), "valid");
    /* the C shape: kind says which member holds the value; print writes it back */
    behaviour_charge c;
    const char *text = "{\"amount\":\"12\",\"customer\":{\"id\":\"c\"},\"source\":{\"type\":"
                       "\"card\",\"last4\":\"4242\"},\"tags\":[\"x\",2,false],\"note\":3}";
    CHECK(behaviour_charge_parse(text, strlen(text), &c, NULL) == 0);
    CHECK(c.amount.kind == BEHAVIOUR_CHARGE_AMOUNT_STRING &&
          strcmp(c.amount.as.string_, "12") == 0);
    CHECK(c.customer.kind == BEHAVIOUR_CHARGE_CUSTOMER_CUSTOMER &&
          strcmp(c.customer.as.customer.id, "c") == 0);
    CHECK(c.source.kind == BEHAVIOUR_PAYMENT_SOURCE_CARD &&
          strcmp(c.source.as.card.last4, "4242") == 0);
    CHECK(c.tags_count == 3 && c.tags[1].kind == BEHAVIOUR_CHARGE_TAGS_ITEM_INTEGER &&
          c.tags[1].as.integer == 2 && c.tags[2].kind == BEHAVIOUR_CHARGE_TAGS_ITEM_BOOLEAN);
    CHECK(!c.note_is_null && c.note.as.integer == 3);
    char *printed = behaviour_charge_print(&c);
    CHECK_STR(printed, text);
    free(printed);
    cJSON *json = behaviour_charge_to_json(&c);
    printed = json ? cJSON_PrintUnformatted(json) : NULL;
    CHECK_STR(printed, text);
    free(printed);
    cJSON_Delete(json);
    /* validate: the held alternative's rules and its discriminator value */
    CHECK(behaviour_charge_validate(&c, NULL) == 0);
    c.source.as.card.type[0] = 'k';
    apigen_errors errs;
    CHECK(behaviour_charge_validate(&c, &errs) == -1 && errs.count == 1 &&
          errs.items[0].code == APIGEN_E_DISCRIMINATOR);
    behaviour_charge_free(&c);
    CHECK(c.amount.kind == BEHAVIOUR_CHARGE_AMOUNT_UNSET);
    /* a union built by hand: kind unset where a value is required */
    behaviour_charge_init(&c);
    c.amount.kind = BEHAVIOUR_CHARGE_AMOUNT_INTEGER;
    CHECK(behaviour_charge_validate(&c, &errs) == -1 && errs.items[0].code == APIGEN_E_REQUIRED);
    behaviour_charge_free(&c);
    /* allOf merged: Customer's properties and required, and the member's */
    CHECK_STR(both(&behaviour_plan_model, "{\"id\": \"c\", \"plan\": \"pro\"}"), "valid");
    CHECK_STR(both(&behaviour_plan_model, "{\"plan\": \"pro\"}"), "required $.id");
    CHECK_STR(both(&behaviour_plan_model, "{\"id\": \"c\"}"), "required $.plan");
    /* anyOf [{$ref: Customer}, {type: "null"}] is the node {$ref: Customer, nullable: true}:
     * with the nullable machinery of $ref (branch i14-shapes) the field is nullable, a
     * behaviour_customer beside refund_is_null; before it, a nullable $ref reads as the plain
     * reference and null is refused. Either way parse and from_json agree (both()). */
    const apigen_field *refund = NULL;
    for (size_t i = 0; i < m->field_count; i++)
        if (strcmp(m->fields[i].name, "refund") == 0)
            refund = &m->fields[i];
    CHECK(refund != NULL && refund->kind == APIGEN_KIND_OBJECT &&
          refund->model == &behaviour_customer_model);
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"refund\": {\"id\": \"r\"}, %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"refund\": null, %s}", card)),
              refund && (refund->flags & APIGEN_F_NULLABLE) ? "valid" : "type $.refund");
    /* the annotation wrapper is the referenced type itself */
    behaviour_labelled l;
    CHECK(behaviour_labelled_parse("{\"owner\":{\"id\":\"o\"}}", 20, &l, NULL) == 0);
    behaviour_customer *owner = &l.owner;
    CHECK(l.has_owner && strcmp(owner->id, "o") == 0);
    behaviour_labelled_free(&l);
#undef DOC
}

/* --verdicts: lines "MODEL<TAB>JSON" (MODEL a $defs name of behaviour.schema.json) on standard
 * input, one verdict line each on standard output ("valid", or "invalid" and each violation's
 * keyword and path), for the ajv differential of unions (tests/differential/unions.mjs). */
static int print_verdicts(void)
{
    static const struct {
        const char *name;
        const apigen_model *m;
    } models[] = {{"behaviour_charge", &behaviour_charge_model},
                  {"behaviour_plan", &behaviour_plan_model},
                  {"behaviour_labelled", &behaviour_labelled_model}};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        char *tab = strchr(line, '\t');
        const apigen_model *m = NULL;
        for (size_t i = 0; tab && i < sizeof models / sizeof models[0]; i++)
            if (strlen(models[i].name) == (size_t)(tab - line) &&
                strncmp(line, models[i].name, (size_t)(tab - line)) == 0)
                m = models[i].m;
        if (m == NULL) {
            puts("error no such model");
            continue;
        }
        const char *v = verdict(m, tab + 1);
        printf("%s%s\n", strcmp(v, "valid") == 0 ? "" : "invalid\t", v);
    }
    free(line);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[2], "--verdicts") == 0)
        return print_verdicts();
    if (argc != 2) {
        fprintf(stderr, "usage: %s GENERATED_DIR [--verdicts]\n", argv[0]);
        return 2;
    }
    generated_dir = argv[1];
    RUN_TEST(test_closed_object);
    RUN_TEST(test_exclusive_bounds);
    RUN_TEST(test_read_only_write_only);
    RUN_TEST(test_unions);
    return check_summary();
}
