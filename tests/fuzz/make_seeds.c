/* make_seeds: the seed corpus and dictionary of fuzz_models, from the build's generated code.
 *   make_seeds CORPUS_DIR DICT_FILE GENERATED_DIR...
 * For every documented example in GENERATED_DIR/<api>/<api>.examples.json (the first
 * GENERATED_DIR that has the API's folder), writes
 * CORPUS_DIR/<model>-<hash>: the model's selector byte (its index in fuzz_models()) and the
 * example as compact JSON; every object nested in an example becomes a seed of its own
 * model too, and every model gets a "{}" seed. DICT_FILE gets every property name and enum
 * value as a libFuzzer dictionary entry. CORPUS_DIR must exist. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test_io.h"
#include "fuzz_model_table.h"

static const char *corpus_dir;
static int seeds_written, failures;

static uint64_t fnv1a(const unsigned char *s, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) {
        h ^= s[i];
        h *= 1099511628211u;
    }
    return h;
}

static void write_seed(const apigen_model *m, const char *json)
{
    size_t index = fuzz_model_index(m);
    size_t len = strlen(json);
    unsigned char *bytes = malloc(len + 1);
    if (index > 255 || bytes == NULL) {
        fprintf(stderr, "make_seeds: %s: %s\n", m->name,
                bytes ? "more than 256 models (selector is one byte)" : "out of memory");
        free(bytes);
        failures++;
        return;
    }
    bytes[0] = (unsigned char)index;
    memcpy(bytes + 1, json, len);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%016llx", corpus_dir, m->name,
             (unsigned long long)fnv1a(bytes, len + 1));
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(bytes, 1, len + 1, f) != len + 1) {
        fprintf(stderr, "make_seeds: cannot write %s\n", path);
        failures++;
    } else {
        seeds_written++;
    }
    if (f != NULL)
        fclose(f);
    free(bytes);
}

/* value as a seed of m, and its nested objects as seeds of their models. */
static void seed_value(const apigen_model *m, const cJSON *value)
{
    char *text = apigen_json_print(value);
    if (text == NULL) {
        fprintf(stderr, "make_seeds: cannot print an example of %s\n", m->name);
        failures++;
        return;
    }
    write_seed(m, text);
    free(text);
    if (!cJSON_IsObject(value))
        return;
    for (size_t i = 0; i < m->field_count; i++) {
        const apigen_field *f = &m->fields[i];
        if (f->kind != APIGEN_KIND_OBJECT)
            continue;
        const cJSON *member = cJSON_GetObjectItemCaseSensitive(value, f->name);
        if ((f->flags & APIGEN_F_ARRAY) != 0 && cJSON_IsArray(member)) {
            const cJSON *item;
            cJSON_ArrayForEach(item, member) if (cJSON_IsObject(item)) seed_value(f->model, item);
        } else if (cJSON_IsObject(member)) {
            seed_value(f->model, member);
        }
    }
}

/* The model of one entry of examples.json: the request body or the response of its status. */
static const apigen_model *example_model(const cJSON *ex)
{
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(ex, "status");
    return apigen_find_model(apigen_find_operation(cJSON_GetStringValue(
                                 cJSON_GetObjectItemCaseSensitive(ex, "operation"))),
                             cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ex, "part")),
                             cJSON_IsNumber(status) ? (int)status->valuedouble : 0);
}

/* Writes "s" (with its JSON quotes) as a dictionary entry, once per distinct s. */
static void dict_entry(FILE *dict, const char *s)
{
    static const char *seen[4096];
    static size_t seen_count;
    for (size_t i = 0; i < seen_count; i++)
        if (strcmp(seen[i], s) == 0)
            return;
    if (seen_count < sizeof seen / sizeof *seen)
        seen[seen_count++] = s;
    fputs("\"\\\"", dict);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(dict, "\\\\\\%c", *p); /* JSON escape, then dictionary escape */
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(dict, "\\x%02X", *p);
        else
            fputc(*p, dict);
    }
    fputs("\\\"\"\n", dict);
}

static void write_dict(const char *path)
{
    FILE *dict = fopen(path, "w");
    if (dict == NULL) {
        fprintf(stderr, "make_seeds: cannot write %s\n", path);
        failures++;
        return;
    }
    fputs("# Written by make_seeds: every property name and enum value of every model.\n", dict);
    size_t n;
    const apigen_model *const *models = fuzz_models(&n);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < models[i]->field_count; j++) {
            const apigen_field *f = &models[i]->fields[j];
            dict_entry(dict, f->name);
            if (f->kind == APIGEN_KIND_ENUM && f->enumeration != NULL)
                for (size_t k = 0; k < f->enumeration->count; k++)
                    dict_entry(dict, f->enumeration->values[k]);
        }
    if (fclose(dict) != 0) {
        fprintf(stderr, "make_seeds: cannot write %s\n", path);
        failures++;
    }
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: make_seeds CORPUS_DIR DICT_FILE GENERATED_DIR...\n", stderr);
        return 2;
    }
    corpus_dir = argv[1];
    size_t n;
    const apigen_model *const *models = fuzz_models(&n);
    for (size_t i = 0; i < n; i++)
        write_seed(models[i], "{}");
    int examples = 0;
    for (size_t i = 0; i < apigen_api_count; i++) {
        char path[4096];
        char *text = NULL;
        for (int d = 3; d < argc && text == NULL; d++) {
            snprintf(path, sizeof path, "%s/%s/%s.examples.json", argv[d], apigen_apis[i].name,
                     apigen_apis[i].name);
            text = test_read_file(path, NULL);
        }
        cJSON *list = text ? cJSON_Parse(text) : NULL;
        if (!cJSON_IsArray(list)) {
            fprintf(stderr, "make_seeds: %s: %s\n", path,
                    text ? "not a JSON array" : "cannot read");
            failures++;
        }
        const cJSON *ex;
        cJSON_ArrayForEach(ex, list)
        {
            const apigen_model *m = example_model(ex);
            if (m == NULL) {
                fprintf(stderr, "make_seeds: %s: an example without a model\n", path);
                failures++;
                continue;
            }
            seed_value(m, cJSON_GetObjectItemCaseSensitive(ex, "value"));
            examples++;
        }
        cJSON_Delete(list);
        free(text);
    }
    write_dict(argv[2]);
    printf("make_seeds: %zu models, %d examples, %d seeds\n", n, examples, seeds_written);
    return failures ? 1 : 0;
}
