/* test_examples: every documented example of every spec, through the generated code.
 * Each example in <api>.examples.json must read, validate, and write back to equal JSON;
 * argv: the generated folder, then the API names. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_apis.h"
#include "check.h"
#include "test_io.h"

static const char *generated_dir;

/* The model an example belongs to: the request body or the response of its status. */
static const apigen_model *example_model(const cJSON *ex)
{
    return apigen_find_model(
        apigen_find_operation(cJSON_GetStringValue(cJSON_GetObjectItem(ex, "operation"))),
        cJSON_GetStringValue(cJSON_GetObjectItem(ex, "part")),
        (int)cJSON_GetNumberValue(cJSON_GetObjectItem(ex, "status")));
}

static int examples_seen;

/* One example: read, validate, write, and compare with the original JSON. */
static void check_example(const cJSON *ex)
{
    const char *op = cJSON_GetStringValue(cJSON_GetObjectItem(ex, "operation"));
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(ex, "name"));
    const cJSON *value = cJSON_GetObjectItem(ex, "value");
    const apigen_model *m = example_model(ex);
    CHECK(m != NULL);
    if (m == NULL)
        return;
    examples_seen++;
    void *obj = calloc(1, m->size);
    apigen_errors errs;
    apigen_errors_init(&errs);
    int read = apigen_model_from_json(m, value, obj, &errs);
    int valid = read == 0 ? apigen_model_validate(m, obj, &errs) : -1;
    for (size_t i = 0; i < errs.count; i++)
        fprintf(stderr, "%s example '%s': %s: %s: %s\n", op, name, errs.items[i].path,
                apigen_code_name(errs.items[i].code), errs.items[i].message);
    CHECK(read == 0);
    CHECK(valid == 0);
    if (read == 0) {
        char *text = apigen_model_print(m, obj);
        CHECK(text != NULL);
        cJSON *back = text ? cJSON_Parse(text) : NULL;
        CHECK(back != NULL);
        bool round_trips = back != NULL && cJSON_Compare(back, value, 1);
        if (!round_trips) {
            char *orig = cJSON_PrintUnformatted(value);
            fprintf(stderr, "%s example '%s' does not round-trip:\n  in:  %s\n  out: %s\n", op,
                    name, orig, text);
            free(orig);
        }
        CHECK(round_trips);
        cJSON_Delete(back);
        free(text);
    }
    apigen_model_free(m, obj);
    free(obj);
}

static void every_documented_example_round_trips(void)
{
    for (size_t i = 0; i < apigen_api_count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s/%s.examples.json", generated_dir, apigen_apis[i].name,
                 apigen_apis[i].name);
        char *text = test_read_file(path, NULL);
        CHECK(text != NULL);
        cJSON *list = text ? cJSON_Parse(text) : NULL;
        CHECK(cJSON_IsArray(list));
        const cJSON *ex;
        cJSON_ArrayForEach(ex, list) check_example(ex);
        cJSON_Delete(list);
        free(text);
    }
    printf("%d documented examples checked\n", examples_seen);
    CHECK(examples_seen > 0);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: test_examples GENERATED_DIR\n", stderr);
        return 2;
    }
    generated_dir = argv[1];
    RUN_TEST(every_documented_example_round_trips);
    return check_summary();
}
