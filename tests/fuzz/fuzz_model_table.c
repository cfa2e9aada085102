/* fuzz_model_table.c: see fuzz_model_table.h. */
#include "fuzz_model_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const apigen_model **table;
static size_t table_count, table_cap;

static void add(const apigen_model *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < table_count; i++)
        if (table[i] == m)
            return;
    if (table_count == table_cap) {
        table_cap = table_cap ? table_cap * 2 : 64;
        const apigen_model **grown = realloc(table, table_cap * sizeof *grown);
        if (grown == NULL) {
            fputs("fuzz_model_table: out of memory\n", stderr);
            abort();
        }
        table = grown;
    }
    table[table_count++] = m;
    for (size_t i = 0; i < m->field_count; i++)
        if (m->fields[i].kind == APIGEN_KIND_OBJECT)
            add(m->fields[i].model);
}

static int by_name(const void *a, const void *b)
{
    const apigen_model *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

const apigen_model *const *fuzz_models(size_t *count)
{
    if (table == NULL) {
        for (size_t i = 0; i < apigen_api_count; i++)
            for (size_t j = 0; j < *apigen_apis[i].operation_count; j++) {
                const apigen_operation *op = &apigen_apis[i].operations[j];
                add(op->path_params);
                add(op->query_params);
                add(op->header_params);
                add(op->request);
                for (size_t k = 0; k < op->response_count; k++)
                    add(op->responses[k].model);
            }
        if (table_count == 0) {
            fputs("fuzz_model_table: no models in apigen_apis\n", stderr);
            abort();
        }
        qsort(table, table_count, sizeof *table, by_name);
    }
    *count = table_count;
    return table;
}

size_t fuzz_model_index(const apigen_model *m)
{
    size_t n;
    const apigen_model *const *all = fuzz_models(&n);
    for (size_t i = 0; i < n; i++)
        if (all[i] == m)
            return i;
    return (size_t)-1;
}

void *fuzz_new_value(const apigen_model *m)
{
    void *v = calloc(1, m->size ? m->size : 1);
    if (v == NULL) {
        fputs("fuzz_model_table: out of memory\n", stderr);
        abort();
    }
    return v;
}

void fuzz_release(const apigen_model *m, void *v)
{
    apigen_model_free(m, v);
    free(v);
}

bool fuzz_failed_with_report(const apigen_errors *errs)
{
    if (errs->count < 1 || errs->total < errs->count || errs->count > APIGEN_ERRORS_MAX)
        return false;
    for (size_t i = 0; i < errs->count; i++) {
        const apigen_error *e = &errs->items[i];
        const char *name = apigen_code_name(e->code);
        if (e->code == APIGEN_OK || e->path[0] != '$' || e->message[0] == '\0' || name == NULL ||
            name[0] == '\0' || memchr(e->path, '\0', sizeof e->path) == NULL ||
            memchr(e->message, '\0', sizeof e->message) == NULL)
            return false;
    }
    return true;
}

const apigen_model *fuzz_model_pick(const uint8_t *data, size_t size, const char **text,
                                    size_t *len)
{
    size_t count;
    const apigen_model *const *models = fuzz_models(&count);
    if (size < 1)
        return NULL;
    *text = (const char *)data + 1;
    *len = size - 1;
    return models[data[0] % count];
}
