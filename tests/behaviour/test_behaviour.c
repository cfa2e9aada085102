/* test_behaviour.c: behaviour no API of specs/ exercises, end to end from behaviour.yaml
 * (generated, compiled and linked at build time): additionalProperties: false, exclusive
 * bounds on numbers and integers at and beside the boundary, and what readOnly and writeOnly
 * do (README "Schemas"): carried in the field flags and the exported JSON Schema, a required
 * readOnly field is not required in a request, a writeOnly one not in a response; formats,
 * multipleOf and deprecated (Scalars); maps (additionalProperties: <schema>) through the
 * generated types.
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

/* Maps as the README shows them: the generated entry types, a loop over the entries, the
 * additional member beside declared properties (and a property named like it, escaped), the
 * object rules at the keys' paths, and entries the caller owns written out. */
static void test_maps(void)
{
    const char *json = "{\"amount\": 5, \"additional\": \"own\", \"metadata\": {\"a.b\": \"x\", "
                       "\"order_id\": \"6735\"}, \"levels\": {\"cpu\": \"low\"}, "
                       "\"owners\": {\"al\": {\"a\": 7}}, \"tip\": 1.5}";
    behaviour_charge c;
    apigen_errors errs;
    CHECK(behaviour_charge_parse(json, strlen(json), &c, &errs) == 0);
    char keys[64] = "";
    for (size_t i = 0; i < c.metadata_count; i++) {
        size_t n = strlen(keys);
        snprintf(keys + n, sizeof keys - n, "%s=%s;", c.metadata[i].key, c.metadata[i].value);
    }
    CHECK_STR(keys, "a.b=x;order_id=6735;");
    CHECK(c.has_metadata && c.metadata_count == 2);
    CHECK(c.levels_count == 1 && c.levels[0].value == BEHAVIOUR_CHARGE_LEVELS_VALUE_LOW);
    CHECK(c.owners_count == 1 && c.owners[0].value.has_a && c.owners[0].value.a == 7);
    CHECK_STR(c.additional_, "own");
    CHECK(c.additional_count == 1 && strcmp(c.additional[0].key, "tip") == 0 &&
          c.additional[0].value == 1.5);
    behaviour_charge_free(&c);
    CHECK_STR(verdict(&behaviour_charge_model,
                      "{\"amount\": 1, \"metadata\": {\"k\": 1}, \"counts\": {\"it's\": -1}}"),
              "type $.metadata.k; minimum $.counts['it\\'s']");
    CHECK_STR(verdict(&behaviour_charge_model, "{\"amount\": 1, \"\": 2}"), "propertyNames $['']");
    CHECK_STR(verdict(&behaviour_charge_model,
                      "{\"amount\": 1, \"extra\": {\"x-a\": 1, \"b\": 2}, \"keys\": {}}"),
              "propertyNames $.extra.b; minProperties $.keys");
    CHECK_STR(verdict(&behaviour_every_model, "{\"code\": \"a\", \"metadata\": {}}"),
              "minProperties $.metadata");
    /* entries the caller owns: written, validated, never freed here */
    behaviour_charge_metadata_entry m[] = {{(char *)"order_id", (char *)"6735"}};
    behaviour_charge out;
    behaviour_charge_init(&out);
    out.amount = 2;
    out.metadata = m;
    out.metadata_count = 1;
    out.has_metadata = true;
    CHECK(behaviour_charge_validate(&out, &errs) == 0);
    char *text = behaviour_charge_print(&out);
    CHECK_STR(text, "{\"amount\":2,\"metadata\":{\"order_id\":\"6735\"}}");
    free(text);
}

/* Undeclared properties beside declared ones, of the kinds whose descriptor the additional
 * map needs: a union, an integer enum, an open integer enum; and union alternatives that are
 * integer enums (a regression: a NULL descriptor, so any such value crashed every reader). */
static void test_additional_values_of_every_kind(void)
{
    const char *json = "{\"known\": \"k\", \"ids\": {\"k\": \"a\", \"x\": 1, \"y\": \"s\"}, "
                       "\"levels\": {\"x\": 2}, \"extra\": 7, \"one\": 1}";
    behaviour_extras v;
    apigen_errors errs;
    CHECK(behaviour_extras_parse(json, strlen(json), &v, &errs) == 0);
    CHECK(v.ids.additional_count == 2 && v.ids.additional[1].value.kind != 0);
    CHECK_STR(v.ids.additional[1].value.as.string_, "s");
    CHECK(v.levels.additional_count == 1 && v.levels.additional[0].value == 2);
    CHECK(v.additional_count == 2 && v.additional[0].value.other != NULL &&
          strcmp(v.additional[0].value.other, "7") == 0 && v.additional[1].value.value == 1);
    char *text = behaviour_extras_print(&v);
    CHECK_STR(text, "{\"known\":\"k\",\"ids\":{\"k\":\"a\",\"x\":1,\"y\":\"s\"},"
                    "\"levels\":{\"x\":2},\"extra\":7,\"one\":1}");
    free(text);
    behaviour_extras_free(&v);
    const char *alts = "{\"pick\": 2, \"tier\": 9}";
    CHECK(behaviour_extras_parse(alts, strlen(alts), &v, &errs) == 0);
    CHECK(v.pick.kind == BEHAVIOUR_EXTRAS_PICK_INTEGER &&
          v.pick.as.integer == BEHAVIOUR_EXTRAS_PICK_INTEGER_2);
    CHECK(v.tier.kind == BEHAVIOUR_EXTRAS_TIER_INTEGER && v.tier.as.integer.other != NULL);
    text = behaviour_extras_print(&v);
    CHECK_STR(text, "{\"pick\":2,\"tier\":9}");
    free(text);
    behaviour_extras_free(&v);
    CHECK_STR(verdict(&behaviour_extras_model, "{\"pick\": 3}"), "oneOf $.pick");
    CHECK_STR(verdict(&behaviour_extras_model, "{\"levels\": {\"x\": 3}, \"ids\": {\"y\": []}}"),
              "enum $.levels.x; anyOf $.ids.y");
}

/* The operation of behaviour.yaml named name ("searchItems"): found by name, so that operations
 * added to the spec do not move the tests' targets. */
static const apigen_operation *operation_named(const char *name)
{
    char full[64];
    snprintf(full, sizeof full, "behaviour.%s", name);
    for (size_t i = 0; i < behaviour_operation_count; i++)
        if (strcmp(behaviour_operations[i].name, full) == 0)
            return &behaviour_operations[i];
    return NULL;
}

/* x-c-name names the member; the JSON name on the wire stays the API's. */
static void test_member_name_override(void)
{
    const char *json = "{\"+1\": 3, \"-1\": 1, \"@type\": \"t\", \"X-GitHub-Api-Version\": \"v\"}";
    behaviour_reactions v;
    apigen_errors errs;
    CHECK(behaviour_reactions_parse(json, strlen(json), &v, &errs) == 0);
    CHECK(v.has_plus_one && v.plus_one == 3 && v.has_minus_one && v.minus_one == 1);
    CHECK_STR(v.typeof_, "t"); /* reserved: escaped like any member */
    CHECK_STR(v.x_github_api_version, "v");
    char *out = behaviour_reactions_print(&v);
    CHECK_STR(out, "{\"+1\":3,\"-1\":1,\"@type\":\"t\",\"X-GitHub-Api-Version\":\"v\"}");
    free(out);
    behaviour_reactions_free(&v);
}

/* Query styles from the spec (style, explode on a parameter of parameters.query) reach the
 * wire as OpenAPI 3.1 section 4.8.12.5 writes them, and the items are validated. */
static void test_query_styles(void)
{
    int64_t ids[] = {1, 2};
    char *tags[] = {"x y", "z"}, *words[] = {"p", "q", "r", "s"};
    behaviour_search_items_query_params_pipes_item pipes[] = {
        BEHAVIOUR_SEARCH_ITEMS_QUERY_PARAMS_PIPES_ITEM_A,
        BEHAVIOUR_SEARCH_ITEMS_QUERY_PARAMS_PIPES_ITEM_B};
    behaviour_search_items_query_params q = {
        .has_ids = true,
        .ids = ids,
        .ids_count = 2,
        .has_tags = true,
        .tags = tags,
        .tags_count = 2,
        .has_words = true,
        .words = words,
        .words_count = 3,
        .has_pipes = true,
        .pipes = pipes,
        .pipes_count = 2,
        .has_filter = true,
        .filter = {.status = "open", .has_page = true, .page = 2},
        .q = "k"};
    const apigen_operation *op = operation_named("searchItems");
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build(op, "http://h", NULL, NULL, &q, NULL, NULL, &r, &errs) == 0);
    CHECK_STR(r.url, "http://h/items?ids=1&ids=2&tags=x%20y,z&words=p%20q%20r&pipes=a%7Cb"
                     "&filter%5Bstatus%5D=open&filter%5Bpage%5D=2&q=k");
    apigen_request_free(&r);
    q.words_count = 4; /* maxItems 3 */
    q.filter.page = 0; /* minimum 1 */
    q.tags[1] = "a,b"; /* holds the delimiter of form, not exploded */
    CHECK(apigen_request_build(op, "http://h", NULL, NULL, &q, NULL, NULL, &r, &errs) == -1);
    CHECK(errs.count == 3);
    CHECK_STR(errs.items[0].path, "query.words");
    CHECK_STR(errs.items[1].path, "query.filter.page");
    CHECK_STR(errs.items[2].path, "query.tags");

    /* path and header arrays: style simple */
    char *segs[] = {"a", "b/c"};
    int64_t xs[] = {1, 2};
    behaviour_get_tagged_path_params p = {segs, 2};
    behaviour_get_tagged_header_params h = {.has_x_ids = true, .x_ids = xs, .x_ids_count = 2};
    CHECK(apigen_request_build(operation_named("getTagged"), "http://h", NULL, &p, NULL, &h, NULL,
                               &r, &errs) == 0);
    CHECK_STR(r.url, "http://h/tagged/a,b%2Fc");
    bool sent = false;
    for (size_t i = 0; i < r.header_count; i++)
        sent |= strcmp(r.headers[i].name, "X-Ids") == 0 && strcmp(r.headers[i].value, "1,2") == 0;
    CHECK(sent);
    apigen_request_free(&r);
}

/* parameters.cookie: one Cookie field, validated by the spec's rules, through the typed
 * struct and apigen_request_build_cookies (what behaviour_get_session calls). */
static void test_cookie_parameters(void)
{
    behaviour_get_session_cookie_params c = {.session = "abc",
                                             .theme =
                                                 BEHAVIOUR_GET_SESSION_COOKIE_PARAMS_THEME_DARK,
                                             .has_visits = true,
                                             .visits = 3};
    const apigen_operation *op = operation_named("getSession");
    CHECK(op->cookie_params == &behaviour_get_session_cookie_params_model);
    /* the shared `Locale` (in: cookie, top-level parameters) joins the group */
    CHECK(behaviour_get_session_cookie_params_model.field_count == 4);
    c.locale = "fr";
    apigen_request r;
    apigen_errors errs;
    CHECK(apigen_request_build_cookies(op, "http://h", NULL, NULL, NULL, NULL, &c, NULL, &r,
                                       &errs) == 0);
    const char *cookie = NULL;
    for (size_t i = 0; i < r.header_count; i++)
        if (strcmp(r.headers[i].name, "Cookie") == 0)
            cookie = r.headers[i].value;
    CHECK_STR(cookie, "session=abc; theme=dark; visits=3; locale=fr");
    apigen_request_free(&r);
    c.session = ""; /* minLength 1 */
    CHECK(apigen_request_build_cookies(op, "http://h", NULL, NULL, NULL, NULL, &c, NULL, &r,
                                       &errs) == -1);
    CHECK(errs.count == 1);
    CHECK_STR(errs.items[0].path, "cookie.session");
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
    CHECK(apigen_request_build(
              operation_named("createAccount"), "http://127.0.0.1", NULL, NULL, NULL, NULL,
              &(behaviour_account){.name = (char *)"n", .password = (char *)"p"}, &req, &e) == 0);
    CHECK_STR(req.body, "{\"name\":\"n\",\"password\":\"p\"}");
    apigen_request_free(&req);
    apigen_result res;
    apigen_result_init(&res);
    res.status = 201;
    res.body = strdup(no_password);
    res.body_len = strlen(no_password);
    CHECK(apigen_response_decode(operation_named("createAccount"), &res, &resp) == 0);
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

/* print and to_json both write payment c as text. */
static void check_written(const behaviour_payment *c, const char *text)
{
    char *printed = behaviour_payment_print(c);
    CHECK_STR(printed, text);
    free(printed);
    cJSON *json = behaviour_payment_to_json(c);
    printed = json ? cJSON_PrintUnformatted(json) : NULL;
    CHECK_STR(printed, text);
    free(printed);
    cJSON_Delete(json);
}

/* A valid source for a payment document, and the document built from a format (in doc). */
static const char *const card = "\"source\": {\"type\": \"card\", \"last4\": \"4242\"}";
static char doc[512];
#define DOC(...) (snprintf(doc, sizeof doc, __VA_ARGS__), doc)

/* oneOf / anyOf / discriminator / allOf (README "Unions"), valid, invalid and hostile. */
static void test_unions(void)
{
    const apigen_model *m = &behaviour_payment_model;
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
    behaviour_payment c;
    const char *text = "{\"amount\":\"12\",\"customer\":{\"id\":\"c\"},\"source\":{\"type\":"
                       "\"card\",\"last4\":\"4242\"},\"tags\":[\"x\",2,false],\"note\":3}";
    CHECK(behaviour_payment_parse(text, strlen(text), &c, NULL) == 0);
    CHECK(c.amount.kind == BEHAVIOUR_PAYMENT_AMOUNT_STRING &&
          strcmp(c.amount.as.string_, "12") == 0);
    CHECK(c.customer.kind == BEHAVIOUR_PAYMENT_CUSTOMER_CUSTOMER &&
          strcmp(c.customer.as.customer.id, "c") == 0);
    CHECK(c.source.kind == BEHAVIOUR_PAYMENT_SOURCE_CARD &&
          strcmp(c.source.as.card.last4, "4242") == 0);
    CHECK(c.tags_count == 3 && c.tags[1].kind == BEHAVIOUR_PAYMENT_TAGS_ITEM_INTEGER &&
          c.tags[1].as.integer == 2 && c.tags[2].kind == BEHAVIOUR_PAYMENT_TAGS_ITEM_BOOLEAN);
    CHECK(!c.note_is_null && c.note.as.integer == 3);
    check_written(&c, text);
    /* validate: the held alternative's rules and its discriminator value */
    CHECK(behaviour_payment_validate(&c, NULL) == 0);
    c.source.as.card.type[0] = 'k';
    apigen_errors errs;
    CHECK(behaviour_payment_validate(&c, &errs) == -1 && errs.count == 1 &&
          errs.items[0].code == APIGEN_E_DISCRIMINATOR);
    behaviour_payment_free(&c);
    CHECK(c.amount.kind == BEHAVIOUR_PAYMENT_AMOUNT_UNSET);
    /* a union built by hand: kind unset where a value is required */
    behaviour_payment_init(&c);
    c.amount.kind = BEHAVIOUR_PAYMENT_AMOUNT_INTEGER;
    CHECK(behaviour_payment_validate(&c, &errs) == -1 && errs.items[0].code == APIGEN_E_REQUIRED);
    behaviour_payment_free(&c);
    /* allOf merged: Customer's properties and required, and the member's */
    CHECK_STR(both(&behaviour_plan_model, "{\"id\": \"c\", \"plan\": \"pro\"}"), "valid");
    CHECK_STR(both(&behaviour_plan_model, "{\"plan\": \"pro\"}"), "required $.id");
    CHECK_STR(both(&behaviour_plan_model, "{\"id\": \"c\"}"), "required $.plan");
    /* allOf [{$ref: Customer}, {required: [email]}]: email required here, not in Customer */
    CHECK_STR(both(&behaviour_contact_model, "{\"id\": \"c\", \"email\": \"a@b.co\"}"), "valid");
    CHECK_STR(both(&behaviour_contact_model, "{\"id\": \"c\"}"), "required $.email");
    CHECK_STR(both(&behaviour_contact_model, "{\"email\": \"a@b.co\"}"), "required $.id");
    CHECK_STR(both(&behaviour_customer_model, "{\"id\": \"c\"}"), "valid");
    /* allOf carrying a member's map and object rules into the merged struct */
    const apigen_model *pm = &behaviour_profile_model;
    CHECK_STR(both(pm, "{\"id\": \"c\", \"city\": \"Oslo\"}"), "valid");
    CHECK_STR(both(pm, "{\"id\": \"c\"}"), "minProperties $");
    CHECK_STR(both(pm, "{\"id\": \"c\", \"city\": 5}"), "type $.city");
    CHECK_STR(both(pm, "{\"id\": \"c\", \"country\": \"NO\"}"), "propertyNames $.country");
    CHECK_STR(both(pm, "{\"id\": \"c\", \"a\": \"1\", \"b\": \"2\", \"c\": \"3\", \"d\": \"4\"}"),
              "maxProperties $");
    behaviour_profile pr;
    const char *ptext = "{\"id\":\"c\",\"city\":\"Oslo\"}";
    CHECK(behaviour_profile_parse(ptext, strlen(ptext), &pr, NULL) == 0);
    CHECK(strcmp(pr.id, "c") == 0 && pr.additional_count == 1 &&
          strcmp(pr.additional[0].key, "city") == 0 && strcmp(pr.additional[0].value, "Oslo") == 0);
    char *pprinted = behaviour_profile_print(&pr);
    CHECK_STR(pprinted, ptext);
    free(pprinted);
    behaviour_profile_free(&pr);
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
}

/* An array alternative: "a string or a list of strings" (oneOf [string, array of string]) and
 * "one customer or several" (anyOf [Customer, array of Customer]); valid, invalid, hostile. */
static void test_array_alternatives(void)
{
    const apigen_model *m = &behaviour_payment_model;
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": \"a@b.c\", %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": [\"a\", \"b\"], %s}", card)), "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": [], %s}", card)), "valid");
    /* the items' rules, the array's rules, and neither alternative */
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": [\"a\", \"\"], %s}", card)), "oneOf $.to");
    CHECK(strstr(message(m, DOC("{\"amount\": 1, \"to\": [\"a\", \"\"], %s}", card)),
                 "array: 0 characters, fewer than minLength 1 at $.to[1]") != NULL);
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": [\"a\", \"b\", \"c\", \"d\"], %s}", card)),
              "oneOf $.to");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": [\"a\", \"a\"], %s}", card)), "oneOf $.to");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": [1], %s}", card)), "oneOf $.to");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": [[\"a\"]], %s}", card)), "oneOf $.to");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": {\"0\": \"a\"}, %s}", card)), "oneOf $.to");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"to\": \"\", %s}", card)), "oneOf $.to");
    /* objects as items: each read and freed (the second fails after the first was read) */
    CHECK_STR(
        both(m, DOC("{\"amount\": 1, \"payers\": [{\"id\": \"a\"}, {\"id\": \"b\"}], %s}", card)),
        "valid");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"payers\": [{\"id\": \"a\"}, {}], %s}", card)),
              "anyOf $.payers");
    CHECK_STR(both(m, DOC("{\"amount\": 1, \"payers\": {\"id\": \"a\"}, %s}", card)), "valid");
    /* the C shape: as.array.items and as.array.count; print and to_json write it back */
    behaviour_payment c;
    const char *text = "{\"amount\":1,\"source\":{\"type\":\"card\",\"last4\":\"4242\"},"
                       "\"to\":[\"x@y.z\",\"w\"],\"payers\":[{\"id\":\"p\"}]}";
    CHECK(behaviour_payment_parse(text, strlen(text), &c, NULL) == 0);
    CHECK(c.to.kind == BEHAVIOUR_PAYMENT_TO_ARRAY && c.to.as.array.count == 2 &&
          strcmp(c.to.as.array.items[1], "w") == 0);
    CHECK(c.payers.kind == BEHAVIOUR_PAYMENT_PAYERS_ARRAY && c.payers.as.array.count == 1 &&
          strcmp(c.payers.as.array.items[0].id, "p") == 0);
    check_written(&c, text);
    CHECK(behaviour_payment_validate(&c, NULL) == 0);
    /* validate checks the held array's rules: a duplicate item set by hand */
    c.to.as.array.items[1][0] = 'x';
    c.to.as.array.items[1] = realloc(c.to.as.array.items[1], 6);
    memcpy(c.to.as.array.items[1], "x@y.z", 6);
    apigen_errors errs;
    CHECK(behaviour_payment_validate(&c, &errs) == -1 && errs.count == 1 &&
          errs.items[0].code == APIGEN_E_UNIQUE_ITEMS);
    behaviour_payment_free(&c);
    CHECK(c.to.kind == BEHAVIOUR_PAYMENT_TO_UNSET);
    /* an empty list is items NULL, count 0, and is written back as [] */
    const char *empty = "{\"amount\":1,\"source\":{\"type\":\"card\",\"last4\":\"4242\"},"
                        "\"to\":[]}";
    CHECK(behaviour_payment_parse(empty, strlen(empty), &c, NULL) == 0);
    CHECK(c.to.kind == BEHAVIOUR_PAYMENT_TO_ARRAY && c.to.as.array.items == NULL &&
          c.to.as.array.count == 0);
    char *printed = behaviour_payment_print(&c);
    CHECK_STR(printed, empty);
    free(printed);
    behaviour_payment_free(&c);
    /* hostile: 100000 items under maxItems 3 are refused, not kept */
    size_t n = 100000, len = 0;
    char *big = malloc(n * 4 + 128);
    len += (size_t)sprintf(big, "{\"amount\":1,%s,\"to\":[", card);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(big + len, "%s\"a\"", i ? "," : "");
    memcpy(big + len, "]}", 3);
    CHECK_STR(both(m, big), "oneOf $.to");
    free(big);
}

/* A map body (additionalProperties alone: entries and entries_count) and a union body (value):
 * the document is the map or the union itself; valid, invalid, hostile. */
static void test_map_and_union_bodies(void)
{
    const apigen_model *m = &behaviour_put_labels_request_model;
    CHECK_STR(both(m, "{\"env\": \"prod\", \"team\": \"pay\"}"), "valid");
    CHECK_STR(both(m, "{}"), "valid");
    CHECK_STR(both(m, "{\"env\": \"prod\", \"team\": 5}"), "type $.team");
    CHECK_STR(both(m, "{\"Env\": \"prod\"}"), "propertyNames $.Env");
    CHECK_STR(both(m, "{\"a\": \"1\", \"b\": \"2\", \"c\": \"3\", \"d\": \"4\"}"),
              "maxProperties $");
    CHECK_STR(both(m, "{\"env\": \"012345678901234567890\"}"), "maxLength $.env");
    CHECK_STR(both(m, "[\"env\"]"), "type $");
    CHECK_STR(both(m, "null"), "type $");
    behaviour_put_labels_request labels;
    const char *text = "{\"env\":\"prod\",\"team\":\"pay\"}";
    CHECK(behaviour_put_labels_request_parse(text, strlen(text), &labels, NULL) == 0);
    CHECK(labels.entries_count == 2 && strcmp(labels.entries[1].key, "team") == 0 &&
          strcmp(labels.entries[1].value, "pay") == 0);
    char *printed = behaviour_put_labels_request_print(&labels);
    CHECK_STR(printed, text);
    free(printed);
    cJSON *json = behaviour_put_labels_request_to_json(&labels);
    printed = json ? cJSON_PrintUnformatted(json) : NULL;
    CHECK_STR(printed, text);
    free(printed);
    cJSON_Delete(json);
    behaviour_put_labels_request_free(&labels);
    /* an empty map is a document too: {} (required, so present with no entries) */
    behaviour_put_labels_request_init(&labels);
    printed = behaviour_put_labels_request_print(&labels);
    CHECK_STR(printed, "{}");
    free(printed);
    /* a map of objects: each value's own rules at its key */
    const apigen_model *r = &behaviour_put_labels_response_200_model;
    CHECK_STR(both(r, "{\"alice\": {\"id\": \"a\"}, \"bob\": {\"id\": \"b\"}}"), "valid");
    CHECK_STR(both(r, "{\"alice\": {\"id\": \"a\"}, \"bob\": {}}"), "required $.bob.id");
    /* hostile: 100000 keys, over maxProperties, refused at the document */
    size_t n = 100000, len = 1;
    char *big = malloc(n * 16 + 8);
    big[0] = '{';
    for (size_t i = 0; i < n; i++) {
        char key[8];
        for (size_t k = 0, x = i; k < 5; k++, x /= 26)
            key[k] = (char)('a' + x % 26);
        key[5] = '\0';
        len += (size_t)sprintf(big + len, "%s\"%s\":\"v\"", i ? "," : "", key);
    }
    memcpy(big + len, "}", 2);
    CHECK_STR(both(m, big), "maxProperties $");
    free(big);
    /* a union body: the document is a string or a customer, kind says which */
    const apigen_model *u = &behaviour_put_labels_response_201_model;
    CHECK_STR(both(u, "\"c_1\""), "valid");
    CHECK_STR(both(u, "{\"id\": \"c_2\"}"), "valid");
    CHECK_STR(both(u, "\"\""), "oneOf $");
    CHECK_STR(both(u, "{}"), "oneOf $");
    CHECK_STR(both(u, "7"), "oneOf $");
    behaviour_put_labels_response_201 one;
    CHECK(behaviour_put_labels_response_201_parse("{\"id\":\"c\"}", 10, &one, NULL) == 0);
    CHECK(one.value.kind == BEHAVIOUR_PUT_LABELS_RESPONSE_201_VALUE_CUSTOMER &&
          strcmp(one.value.as.customer.id, "c") == 0);
    printed = behaviour_put_labels_response_201_print(&one);
    CHECK_STR(printed, "{\"id\":\"c\"}");
    free(printed);
    behaviour_put_labels_response_201_free(&one);
}

/* --verdicts: lines "MODEL<TAB>JSON" (MODEL a $defs name of behaviour.schema.json) on standard
 * input, one verdict line each on standard output ("valid", or "invalid" and each violation's
 * keyword and path), for the ajv differential of unions (tests/differential/unions.mjs). */
static int print_verdicts(void)
{
    static const struct {
        const char *name;
        const apigen_model *m;
    } models[] = {{"behaviour_payment", &behaviour_payment_model},
                  {"behaviour_plan", &behaviour_plan_model},
                  {"behaviour_contact", &behaviour_contact_model},
                  {"behaviour_profile", &behaviour_profile_model},
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
    RUN_TEST(test_maps);
    RUN_TEST(test_exclusive_bounds);
    RUN_TEST(test_member_name_override);
    RUN_TEST(test_query_styles);
    RUN_TEST(test_cookie_parameters);
    RUN_TEST(test_read_only_write_only);
    RUN_TEST(test_scalars);
    RUN_TEST(test_unions);
    RUN_TEST(test_additional_values_of_every_kind);
    RUN_TEST(test_array_alternatives);
    RUN_TEST(test_map_and_union_bodies);
    return check_summary();
}
