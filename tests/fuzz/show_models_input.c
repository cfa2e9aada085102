/* show_models_input: what fuzz_models does with one input file, for people.
 *   show_models_input FILE...
 * Prints the model the first byte selects, then the outcome of both ways of reading the
 * rest (apigen_model_parse; cJSON + from_json + validate) with every reported violation,
 * and the printed text of what was accepted. Built without sanitizers or libFuzzer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_model_table.h"

static apigen_errors errs;

static void show_errors(void)
{
    for (size_t i = 0; i < errs.count; i++)
        printf("    %s: %s: %s\n", errs.items[i].path, apigen_code_name(errs.items[i].code),
               errs.items[i].message);
    if (errs.total > errs.count)
        printf("    (%zu more)\n", errs.total - errs.count);
}

static void show_value(const apigen_model *m, void *v)
{
    char *text = apigen_model_print(m, v);
    printf("    print: %s\n", text ? text : "(NULL)");
    free(text);
    apigen_model_free(m, v);
}

static int show(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    static char buf[1 << 20];
    size_t size = fread(buf, 1, sizeof buf, f);
    fclose(f);
    size_t count;
    const apigen_model *const *models = fuzz_models(&count);
    printf("%s: %zu bytes\n", path, size);
    if (size < 1)
        return 0;
    const apigen_model *m = models[(unsigned char)buf[0] % count];
    printf("  model %u: %s\n  json: %.*s\n", (unsigned char)buf[0] % (unsigned)count, m->name,
           (int)(size - 1), buf + 1);
    void *v = calloc(1, m->size ? m->size : 1);
    if (v == NULL)
        return 1;
    int rc = apigen_model_parse(m, buf + 1, size - 1, v, &errs);
    printf("  apigen_model_parse: %d\n", rc);
    show_errors();
    if (rc == 0)
        show_value(m, v);
    cJSON *json = cJSON_ParseWithLength(buf + 1, size - 1);
    printf("  cJSON_ParseWithLength: %s\n", json ? "ok" : "NULL");
    if (json != NULL) {
        rc = apigen_model_from_json(m, json, v, &errs);
        printf("  apigen_model_from_json: %d\n", rc);
        show_errors();
        if (rc == 0) {
            rc = apigen_model_validate(m, v, &errs);
            printf("  apigen_model_validate: %d\n", rc);
            show_errors();
            show_value(m, v);
        }
        cJSON_Delete(json);
    }
    free(v);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: show_models_input FILE...\n", stderr);
        return 2;
    }
    int rc = 0;
    for (int i = 1; i < argc; i++)
        rc |= show(argv[i]);
    return rc;
}
