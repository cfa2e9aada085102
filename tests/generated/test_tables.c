/* test_tables: the descriptor tables the generator builds in memory (generator/tables.c, used to
 * check every example at generation time) equal the generated, compiled ones of every spec in
 * specs/ and of tests/behaviour/behaviour.yaml: every model (found by its symbol
 * <c_name>_model), every operation's bodies and parameters, field by field: kinds, flags,
 * offsets, struct sizes, nested models, enums, patterns and every rule. behaviour.yaml must use
 * every keyword of the vocabulary (APIGEN_SCHEMA_KEYWORDS), so a keyword whose rule reaches the
 * in-memory tables (tables.c) but not the generated ones (view.c) fails here.
 * argv: the specs folder, behaviour.yaml, tests/shapes/shapes.yaml. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_apis.h"
#include "behaviour/behaviour.h"
#include "shapes/shapes.h"
#include "check.h"
#include "check_api.h"
#include "model.h"
#include "tables.h"
#include "test_io.h"
#include "vocab.h"

static const char *specs_dir, *behaviour_spec, *shapes_spec;
static int models_compared;

#define SAME(field, what)                                                                          \
    do {                                                                                           \
        if ((a)->field != (b)->field) {                                                            \
            fprintf(stderr, "%s: %s differs\n", what, #field);                                     \
            check_failed_in_test = 1;                                                              \
        }                                                                                          \
    } while (0)

static void same_str(const char *a, const char *b, const char *what)
{
    if (a == NULL || b == NULL ? a != b : strcmp(a, b) != 0) {
        fprintf(stderr, "%s: \"%s\" (in memory) != \"%s\" (generated)\n", what, a ? a : "(null)",
                b ? b : "(null)");
        check_failed_in_test = 1;
    }
}

static void same_rules(const apigen_rules *a, const apigen_rules *b, const char *what)
{
    if (a == NULL || b == NULL) {
        CHECK(a == b);
        if (a != b)
            fprintf(stderr, "%s: rules present on one side only\n", what);
        return;
    }
    SAME(bounds, what);
    unsigned lo = APIGEN_B_MINIMUM | APIGEN_B_EXCLUSIVE_MINIMUM;
    unsigned hi = APIGEN_B_MAXIMUM | APIGEN_B_EXCLUSIVE_MAXIMUM;
    if (a->bounds & lo) {
        SAME(minimum_int, what);
        SAME(minimum, what);
        same_str(a->minimum_literal, b->minimum_literal, what);
    }
    if (a->bounds & hi) {
        SAME(maximum_int, what);
        SAME(maximum, what);
        same_str(a->maximum_literal, b->maximum_literal, what);
    }
    if (a->bounds & APIGEN_B_MIN_LENGTH)
        SAME(min_length, what);
    if (a->bounds & APIGEN_B_MAX_LENGTH)
        SAME(max_length, what);
    if (a->bounds & APIGEN_B_MIN_ITEMS)
        SAME(min_items, what);
    if (a->bounds & APIGEN_B_MAX_ITEMS)
        SAME(max_items, what);
    if (a->bounds & APIGEN_B_CONST) {
        SAME(const_bool, what);
        SAME(const_int, what);
        SAME(const_double, what);
        same_str(a->const_literal, b->const_literal, what);
        same_str(a->const_string, b->const_string, what);
    }
    SAME(format, what);
    CHECK((a->pattern == NULL) == (b->pattern == NULL));
    if (a->pattern && b->pattern) {
        same_str(a->pattern->source, b->pattern->source, what);
        same_str(a->pattern->ecma, b->pattern->ecma, what);
    }
}

static void same_model(const apigen_model *a, const apigen_model *b);

static void same_field(const apigen_field *a, const apigen_field *b, const char *model)
{
    char what[256];
    snprintf(what, sizeof what, "%s.%s", model, b->name);
    same_str(a->name, b->name, what);
    SAME(kind, what);
    SAME(flags, what);
    SAME(offset, what);
    if (b->flags & APIGEN_F_HAS)
        SAME(has_offset, what);
    if (b->flags & APIGEN_F_NULLABLE)
        SAME(null_offset, what);
    if (b->flags & APIGEN_F_ARRAY)
        SAME(count_offset, what);
    CHECK((a->model == NULL) == (b->model == NULL));
    if (a->model && b->model)
        same_model(a->model, b->model);
    CHECK((a->enumeration == NULL) == (b->enumeration == NULL));
    if (a->enumeration && b->enumeration) {
        same_str(a->enumeration->name, b->enumeration->name, what);
        CHECK(a->enumeration->count == b->enumeration->count);
        for (size_t i = 0; i < a->enumeration->count && i < b->enumeration->count; i++)
            same_str(a->enumeration->values[i], b->enumeration->values[i], what);
    }
    same_rules(a->rules, b->rules, what);
}

static void same_model(const apigen_model *a, const apigen_model *b)
{
    if (a == NULL || b == NULL) {
        CHECK(a == b);
        return;
    }
    models_compared++;
    const char *what = b->name;
    same_str(a->name, b->name, "model name");
    SAME(size, what);
    SAME(field_count, what);
    SAME(closed, what);
    for (size_t i = 0; i < a->field_count && i < b->field_count; i++)
        same_field(&a->fields[i], &b->fields[i], what);
}

/* Loads and checks the spec of API `name` (specs_dir/<name>.yaml, or behaviour_spec) into api,
 * in arena a. */
static bool load_api(arena *a, const char *name, spec_api *api)
{
    char path[1024];
    if (strcmp(name, "behaviour") == 0)
        snprintf(path, sizeof path, "%s", behaviour_spec);
    else if (strcmp(name, "shapes") == 0)
        snprintf(path, sizeof path, "%s", shapes_spec);
    else
        snprintf(path, sizeof path, "%s/%s.yaml", specs_dir, name);
    diag d;
    diag_init(&d, stderr);
    spec_file file;
    CHECK(spec_load_file(a, path, &file, &d) == 0);
    CHECK(d.errors == 0 && spec_check(a, &file, api, &d) == 0);
    return d.errors == 0;
}

/* One API: its spec checked here, its tables in memory against the compiled ones. */
static void compare_api(const apigen_api_entry *entry)
{
    arena a;
    arena_init(&a);
    spec_api api;
    if (!load_api(&a, entry->name, &api)) {
        arena_free(&a);
        return;
    }
    tables *t = tables_new(&api);
    /* Every model the header declares, by its symbol. */
    for (size_t i = 0; i < api.model_count; i++) {
        char symbol[512];
        snprintf(symbol, sizeof symbol, "%s_model", api.models[i]->c_name);
        const apigen_model *compiled = dlsym(RTLD_DEFAULT, symbol);
        CHECK(compiled != NULL);
        if (compiled == NULL)
            fprintf(stderr, "%s: symbol %s not found\n", entry->name, symbol);
        else
            same_model(tables_model(t, api.models[i]), compiled);
    }
    /* Every operation's bodies and parameter groups, in spec order. */
    CHECK(api.op_count == *entry->operation_count);
    for (size_t i = 0; i < api.op_count && i < *entry->operation_count; i++) {
        const operation *op = &api.ops[i];
        const apigen_operation *c = &entry->operations[i];
        same_str(op->full_name, c->name, "operation");
        same_model(op->path_params ? tables_model(t, op->path_params) : NULL, c->path_params);
        same_model(op->query_params ? tables_model(t, op->query_params) : NULL, c->query_params);
        same_model(op->header_params ? tables_model(t, op->header_params) : NULL, c->header_params);
        same_model(op->request && !op->request_raw ? tables_model(t, op->request) : NULL,
                   c->request);
        CHECK(op->response_count == c->response_count);
        for (size_t j = 0; j < op->response_count && j < c->response_count; j++) {
            const response *r = &op->responses[j];
            CHECK(r->status_code == c->responses[j].status);
            same_model(r->schema && !r->raw ? tables_model(t, r->schema) : NULL,
                       c->responses[j].model);
            CHECK(r->raw == c->responses[j].raw);
        }
    }
    tables_free(t);
    arena_free(&a);
}

static void in_memory_tables_equal_generated_tables(void)
{
    CHECK(apigen_api_count > 0);
    for (size_t i = 0; i < apigen_api_count; i++)
        compare_api(&apigen_apis[i]);
    CHECK(models_compared > 0);
}

/* The same for behaviour.yaml, compiled at build time (tests/behaviour), which uses every
 * keyword: each spelling of the vocabulary stands as a key (`name:`) outside comments. */
static void behaviour_tables_use_every_keyword_and_equal_generated(void)
{
    char *text = test_read_file(behaviour_spec, NULL);
    CHECK(text != NULL);
    if (text == NULL)
        return;
    for (char *hash = strchr(text, '#'); hash; hash = strchr(hash, '#'))
        while (*hash && *hash != '\n')
            *hash++ = ' ';
    for (size_t i = 0; i < KW_COUNT; i++) {
        char key[64];
        snprintf(key, sizeof key, "%s:", vocab_keyword_names[i]);
        bool used = false;
        for (const char *p = strstr(text, key); p && !used; p = strstr(p + 1, key))
            used = p == text || strchr(" {,\n", p[-1]) != NULL;
        if (!used)
            fprintf(stderr, "%s uses no '%s' (every keyword of the vocabulary must be there)\n",
                    behaviour_spec, vocab_keyword_names[i]);
        CHECK(used);
    }
    free(text);
    int before = models_compared;
    const apigen_api_entry entry = {"behaviour", behaviour_operations, &behaviour_operation_count};
    compare_api(&entry);
    CHECK(models_compared > before);
}

/* tests/shapes/shapes.yaml: bodies with models of their own (APIGEN_F_ROOT), raw bodies and
 * nullable references. */
static void shapes_tables_equal_generated(void)
{
    int before = models_compared;
    const apigen_api_entry entry = {"shapes", shapes_operations, &shapes_operation_count};
    compare_api(&entry);
    CHECK(models_compared > before);
}

/* A value model wraps any schema in one required field; a second request gives the same;
 * after tables_forget, tables are built again. */
static void value_model_wraps_a_schema(void)
{
    arena a;
    arena_init(&a);
    spec_api api;
    if (load_api(&a, apigen_apis[0].name, &api) && api.model_count > 0) {
        tables *t = tables_new(&api);
        const schema *s = api.models[0];
        const apigen_model *m = tables_value_model(t, s);
        CHECK(m == tables_value_model(t, s));
        CHECK(m->field_count == 1);
        CHECK_STR(m->fields[0].name, TABLES_VALUE_FIELD);
        CHECK(m->fields[0].flags & APIGEN_F_REQUIRED);
        CHECK(m->fields[0].model == tables_model(t, s));
        size_t held = tables_size(t);
        CHECK(held > 0);
        tables_forget(t);
        CHECK(tables_size(t) < held);
        const apigen_model *again = tables_value_model(t, s);
        CHECK(again->field_count == 1 && again->fields[0].model == tables_model(t, s));
        tables_free(t);
    }
    arena_free(&a);
}

int main(int argc, char **argv)
{
    specs_dir = argc > 1 ? argv[1] : "specs";
    behaviour_spec = argc > 2 ? argv[2] : "tests/behaviour/behaviour.yaml";
    shapes_spec = argc > 3 ? argv[3] : "tests/shapes/shapes.yaml";
    RUN_TEST(in_memory_tables_equal_generated_tables);
    RUN_TEST(behaviour_tables_use_every_keyword_and_equal_generated);
    RUN_TEST(shapes_tables_equal_generated);
    RUN_TEST(value_model_wraps_a_schema);
    printf("%d models compared\n", models_compared);
    return check_summary();
}
