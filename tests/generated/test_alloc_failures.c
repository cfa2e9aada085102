/* test_alloc_failures: every documented example of every spec, with the 1st, 2nd, ... Nth
 * allocation failing inside _parse, _from_json, _validate, _to_json and _print. Each must end
 * in a clean error (APIGEN_E_NO_MEMORY or NULL) with nothing leaked (run under ASan/LSan or
 * valgrind) and the output released; once N passes the last allocation, each must succeed.
 * argv: the generated folder (for <api>/<api>.examples.json). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_apis.h"
#include "check.h"
#include "test_io.h"

/* ------------------------------------------------------- failing allocator ---- */

static long countdown = -1; /* allocations left before one fails; -1: never fail */
static long live;           /* allocations not yet freed */

static void *failing_malloc(size_t size)
{
    if (countdown == 0)
        return NULL;
    if (countdown > 0)
        countdown--;
    void *p = malloc(size);
    if (p)
        live++;
    return p;
}

static void failing_free(void *p)
{
    if (p)
        live--;
    free(p);
}

static void fail_after(long n)
{
    countdown = n;
}

/* Whether the allocation that was set to fail was reached. */
static bool failure_reached(void)
{
    return countdown == 0;
}

/* ------------------------------------------------------------- examples ---- */

static const apigen_model *example_model(const cJSON *ex)
{
    return apigen_find_model(
        apigen_find_operation(cJSON_GetStringValue(cJSON_GetObjectItem(ex, "operation"))),
        cJSON_GetStringValue(cJSON_GetObjectItem(ex, "part")),
        (int)cJSON_GetNumberValue(cJSON_GetObjectItem(ex, "status")));
}

static bool is_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

static bool only_no_memory(const apigen_errors *errs)
{
    return errs->count == 1 && errs->items[0].code == APIGEN_E_NO_MEMORY;
}

/* Frees every compiled pattern, so that the next run compiles (and allocates) again. */
static void release_patterns(const apigen_model *m)
{
    for (size_t i = 0; i < m->field_count; i++) {
        const apigen_field *f = &m->fields[i];
        if (f->rules && f->rules->pattern)
            apigen_pattern_release(f->rules->pattern);
        if (f->model)
            release_patterns(f->model);
    }
}

typedef struct tally {
    long runs, failures_reached;
} tally;

/* One example through every operation, failing allocation n; returns whether the failure
 * point was reached in any of them (false: n is past the last allocation). */
static bool run_once(const apigen_model *m, const char *text, const cJSON *tree, long n, tally *t)
{
    bool reached = false;
    void *value = malloc(m->size);
    apigen_errors errs;

    /* _parse from text. */
    release_patterns(m);
    memset(value, 0xA5, m->size);
    fail_after(n);
    int rc = apigen_model_parse(m, text, strlen(text), value, &errs);
    reached |= failure_reached();
    fail_after(-1);
    if (rc == 0) {
        apigen_model_free(m, value);
    } else {
        CHECK(only_no_memory(&errs));
        CHECK(is_zero(value, m->size));
    }

    /* _from_json from a tree, then _validate, _to_json and _print. */
    release_patterns(m);
    memset(value, 0xA5, m->size);
    fail_after(n);
    rc = apigen_model_from_json(m, tree, value, &errs);
    if (rc != 0) {
        CHECK(only_no_memory(&errs));
        CHECK(is_zero(value, m->size));
    } else {
        int v = apigen_model_validate(m, value, &errs);
        CHECK(v == 0 || only_no_memory(&errs));
        cJSON *json = apigen_model_to_json(m, value);
        cJSON_Delete(json);
        char *printed = apigen_model_print(m, value);
        cJSON_free(printed);
        apigen_model_free(m, value);
    }
    reached |= failure_reached();
    fail_after(-1);
    free(value);
    t->runs++;
    t->failures_reached += reached;
    return reached;
}

static void every_allocation_of_every_example_can_fail_cleanly(const char *generated)
{
    cJSON_Hooks hooks = {failing_malloc, failing_free};
    tally t = {0, 0};
    int examples = 0;
    for (size_t i = 0; i < apigen_api_count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s/%s.examples.json", generated, apigen_apis[i].name,
                 apigen_apis[i].name);
        char *file = test_read_file(path, NULL);
        cJSON *list = file ? cJSON_Parse(file) : NULL;
        CHECK(cJSON_IsArray(list));
        const cJSON *ex;
        cJSON_ArrayForEach(ex, list)
        {
            const apigen_model *m = example_model(ex);
            CHECK(m != NULL);
            if (m == NULL)
                continue;
            char *text = apigen_json_print(cJSON_GetObjectItem(ex, "value")); /* exact */
            examples++;
            cJSON_InitHooks(&hooks);
            cJSON *tree = cJSON_Parse(text);
            long before = live;
            long n = 0;
            while (run_once(m, text, tree, n, &t) && n < 100000)
                n++;
            release_patterns(m);
            CHECK(live == before); /* everything the runs allocated was freed */
            cJSON_Delete(tree);
            cJSON_InitHooks(NULL);
            free(text);
        }
        cJSON_Delete(list);
        free(file);
    }
    printf("%d examples, %ld runs, %ld with a failed allocation\n", examples, t.runs,
           t.failures_reached);
    CHECK(examples > 0 && t.failures_reached > examples);
}

static const char *generated_dir;

static void every_example(void)
{
    every_allocation_of_every_example_can_fail_cleanly(generated_dir);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: test_alloc_failures GENERATED_DIR\n", stderr);
        return 2;
    }
    generated_dir = argv[1];
    RUN_TEST(every_example);
    return check_summary();
}
