/* test_print.c: the runtime's exact JSON printer (apigen_json_print, apigen_model_print):
 * digits, shortest round-trip doubles, -0, non-finite values refused, RFC 8259 escapes,
 * containers, and sensitive values masked in the debug string. */

#include "fixtures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- printing ---- */

static void model_print_equals_to_json_then_json_print(void)
{
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, full_pet, strlen(full_pet), &p, &errs) == 0);
    cJSON *tree = apigen_model_to_json(&pet_model, &p);
    char *a = apigen_json_print(tree), *b = apigen_model_print(&pet_model, &p);
    CHECK_STR(a, b);
    CHECK(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(tree, "weight")));
    CHECK(cJSON_GetObjectItemCaseSensitive(tree, "scores")->child->next->valuedouble ==
          9007199254740991.0);
    free(a);
    free(b);
    cJSON_Delete(tree);
    apigen_model_free(&pet_model, &p);
}

static void json_print_keeps_every_digit_of_safe_integers(void)
{
    cJSON *a = cJSON_Parse("[9007199254740991,-9007199254740991,0,1.0,123456789012]");
    char *text = apigen_json_print(a);
    CHECK_STR(text, "[9007199254740991,-9007199254740991,0,1,123456789012]");
    free(text);
    cJSON_Delete(a);
}

static void json_print_shortest_roundtrip_doubles(void)
{
    const double values[] = {0.1,  1.0 / 3.0, 1e300,   5e-324,
                             -2.5, 1e21,      123.456, 0.30000000000000004};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        cJSON *n = cJSON_CreateNumber(values[i]);
        char *text = apigen_json_print(n);
        CHECK(text != NULL && strtod(text, NULL) == values[i]);
        free(text);
        cJSON_Delete(n);
    }
    cJSON *n = cJSON_CreateNumber(0.1);
    char *text = apigen_json_print(n);
    CHECK_STR(text, "0.1");
    free(text);
    cJSON_Delete(n);
}

static void json_print_negative_zero_as_0(void)
{
    cJSON *n = cJSON_CreateNumber(-0.0);
    char *text = apigen_json_print(n);
    CHECK_STR(text, "0");
    free(text);
    cJSON_Delete(n);
}

static void json_print_refuses_non_finite(void)
{
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToArray(a, cJSON_CreateNumber(INFINITY));
    CHECK(apigen_json_print(a) == NULL);
    cJSON_Delete(a);
    CHECK(apigen_json_print(NULL) == NULL);
}

static void json_print_escapes_per_rfc8259_and_keeps_utf8(void)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "k\"ey", "q\" b\\ \n\t\x01\x1f/ \xC3\xA9\xF0\x9F\x98\x80 \x7f");
    char *text = apigen_json_print(o);
    CHECK_STR(text, "{\"k\\\"ey\":\"q\\\" b\\\\ \\n\\t\\u0001\\u001f/ \xC3\xA9\xF0\x9F\x98\x80 "
                    "\x7f\"}");
    cJSON *back = cJSON_Parse(text);
    CHECK(cJSON_Compare(o, back, 1));
    cJSON_Delete(back);
    free(text);
    cJSON_Delete(o);
}

static void json_print_nested_and_empty_containers(void)
{
    const char *src = "{\"a\":[],\"b\":{},\"c\":[null,true,false,{\"d\":\"\"}]}";
    cJSON *j = cJSON_Parse(src);
    char *text = apigen_json_print(j);
    CHECK_STR(text, src);
    free(text);
    cJSON_Delete(j);
}

static void debug_string_masks_sensitive_values(void)
{
    pet p;
    apigen_errors errs;
    CHECK(apigen_model_parse(&pet_model, full_pet, strlen(full_pet), &p, &errs) == 0);
    char *dbg = apigen_model_debug_string(&pet_model, &p);
    CHECK(dbg != NULL && strstr(dbg, "hunter2") == NULL);
    CHECK(dbg != NULL && strstr(dbg, "\"password\":\"***\"") != NULL);
    CHECK(dbg != NULL && strstr(dbg, "\"name\":\"Rex\"") != NULL);
    free(dbg);
    apigen_model_free(&pet_model, &p);
}

int main(void)
{
    RUN_TEST(model_print_equals_to_json_then_json_print);
    RUN_TEST(json_print_keeps_every_digit_of_safe_integers);
    RUN_TEST(json_print_shortest_roundtrip_doubles);
    RUN_TEST(json_print_negative_zero_as_0);
    RUN_TEST(json_print_refuses_non_finite);
    RUN_TEST(json_print_escapes_per_rfc8259_and_keeps_utf8);
    RUN_TEST(json_print_nested_and_empty_containers);
    RUN_TEST(debug_string_masks_sensitive_values);
    return fixtures_summary();
}
