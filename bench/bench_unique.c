/* bench_unique.c: the cost of uniqueItems on long arrays, through apigen_model_parse (which
 * checks the array's rules right after reading it) and apigen_model_validate, on hand-written
 * descriptors: distinct int64 items, distinct any items (numbers), and int64 items under
 * maxItems 8, where uniqueItems is skipped because the array is already too long. Then the
 * adversarial cases (issue 10, attack2 U1/U2): items that are exactly distinct but whose
 * numbers share one nearest double (1.000...k with 30 fraction digits), as any numbers
 * ("near"), one-element arrays ("nearArr"), objects {"a":...} ("nearObj") and typed numbers
 * ("nearDbl", which must be valid: _parse compares the document's exact values).
 * Usage: bench_unique [N ...]   (default: 100000 1000000). Prints one line per case. */

#include "apigen_rt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct arr {
    int64_t *ints;
    size_t ints_count;
    cJSON **anys;
    size_t anys_count;
    int64_t *capped;
    size_t capped_count;
    cJSON **near;
    size_t near_count;
    cJSON **nearArr;
    size_t nearArr_count;
    cJSON **nearObj;
    size_t nearObj_count;
    double *nearDbl;
    size_t nearDbl_count;
} arr;

static const apigen_rules unique = {.bounds = APIGEN_B_UNIQUE_ITEMS};
static const apigen_rules unique_capped = {.bounds = APIGEN_B_UNIQUE_ITEMS | APIGEN_B_MAX_ITEMS,
                                           .max_items = 8};
static const apigen_field fields[] = {
    {.name = "ints",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(arr, ints),
     .count_offset = offsetof(arr, ints_count),
     .rules = &unique},
    {.name = "anys",
     .kind = APIGEN_KIND_ANY,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(arr, anys),
     .count_offset = offsetof(arr, anys_count),
     .rules = &unique},
    {.name = "capped",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(arr, capped),
     .count_offset = offsetof(arr, capped_count),
     .rules = &unique_capped},
#define ANY_FIELD(n)                                                                               \
    {                                                                                              \
        .name = #n, .kind = APIGEN_KIND_ANY, .flags = APIGEN_F_ARRAY, .offset = offsetof(arr, n),  \
        .count_offset = offsetof(arr, n##_count), .rules = &unique                                 \
    }
    ANY_FIELD(near),
    ANY_FIELD(nearArr),
    ANY_FIELD(nearObj),
    {.name = "nearDbl",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(arr, nearDbl),
     .count_offset = offsetof(arr, nearDbl_count),
     .rules = &unique},
};
static const apigen_model model = {"bench_arr", sizeof(arr), fields, 7, false, NULL, NULL};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* {"name":[n distinct numbers, scrambled]}; for the near* cases n distinct numbers 1.000...k
 * of one nearest double, bare, in [ ] or in {"a": } */
static char *document(const char *name, size_t n, size_t *len)
{
    char *text = malloc(32 + n * 40);
    size_t k = (size_t)sprintf(text, "{\"%s\":[", name);
    const char *open = strcmp(name, "nearArr") == 0   ? "["
                       : strcmp(name, "nearObj") == 0 ? "{\"a\":"
                                                      : "",
               *close = *open == '['   ? "]"
                        : *open == '{' ? "}"
                                       : "";
    for (size_t i = 0; i < n; i++)
        if (strncmp(name, "near", 4) == 0)
            k += (size_t)sprintf(text + k, "%s%s1.%030llu%s", i ? "," : "", open,
                                 (unsigned long long)((i * 2654435761u) % 4294967311u) + 1, close);
        else
            k += (size_t)sprintf(text + k, "%s%llu", i ? "," : "",
                                 (unsigned long long)((i * 2654435761u) % 4294967311u));
    k += (size_t)sprintf(text + k, "]}");
    *len = k;
    return text;
}

static void run(const char *name, size_t n)
{
    size_t len;
    char *text = document(name, n, &len);
    arr a;
    apigen_errors errs;
    double t0 = now();
    int rc = apigen_model_parse(&model, text, len, &a, &errs);
    double t1 = now();
    double validate = 0;
    if (rc == 0) {
        apigen_model_validate(&model, &a, &errs);
        validate = now() - t1;
        apigen_model_free(&model, &a);
    }
    printf("%-7s n=%-8zu parse %8.3f s  validate %8.3f s  (%s%s)\n", name, n, t1 - t0, validate,
           rc == 0 ? "valid" : apigen_code_name(errs.items[0].code), rc == 0 ? "" : " reported");
    free(text);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* each line as it comes: a slow case may be cut off */
    size_t sizes[8] = {100000, 1000000};
    int count = 2;
    if (argc > 1) {
        count = argc - 1 < 8 ? argc - 1 : 8;
        for (int i = 0; i < count; i++)
            sizes[i] = (size_t)strtoull(argv[i + 1], NULL, 10);
    }
    for (int i = 0; i < count; i++) {
        run("ints", sizes[i]);
        run("anys", sizes[i]);
        run("capped", sizes[i]);
        run("near", sizes[i]);
        run("nearArr", sizes[i]);
        run("nearObj", sizes[i]);
        run("nearDbl", sizes[i]);
    }
    return 0;
}
