/* test_rt_exact.c: the runtime's promises on numbers and on hostile input, on descriptor tables
 * written by hand: numbers come back with their digits and compare by exact value (against an
 * independent oracle, python3's fractions, fed in by tests/unit/number_oracle.py), uniqueItems
 * finds the same first duplicate as the pairwise definition, and no sensitive value or control
 * character reaches a violation's path or message.
 * Usage: test_rt_exact [ORACLE_FILE]   (without a file, the oracle test is skipped)
 *        test_rt_exact --paths          (for path_oracle.py: see print_paths) */

#define _POSIX_C_SOURCE 200809L

#include "apigen_rt.h"
#include "../check.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ descriptors ---- */

typedef struct point {
    double n;
    bool has_n;
} point;

static const apigen_field point_fields[] = {{.name = "n",
                                             .kind = APIGEN_KIND_DOUBLE,
                                             .flags = APIGEN_F_HAS,
                                             .offset = offsetof(point, n),
                                             .has_offset = offsetof(point, has_n)}};
static const apigen_model point_model = {"test_point", sizeof(point), point_fields, 1, false};

typedef struct box {
    cJSON *any;
    cJSON **list; /* uniqueItems */
    size_t list_count;
    double num;
    bool has_num;
    int64_t i;
    bool has_i;
    double *nums; /* uniqueItems */
    size_t nums_count;
    point *points; /* uniqueItems */
    size_t points_count;
} box;

static apigen_rules num_rules; /* set per test: number bounds */
static const apigen_rules list_rules = {.bounds = APIGEN_B_UNIQUE_ITEMS};
static const apigen_field box_fields[] = {
    {.name = "any", .kind = APIGEN_KIND_ANY, .offset = offsetof(box, any)},
    {.name = "list",
     .kind = APIGEN_KIND_ANY,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(box, list),
     .count_offset = offsetof(box, list_count),
     .rules = &list_rules},
    {.name = "num",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(box, num),
     .has_offset = offsetof(box, has_num),
     .rules = &num_rules},
    {.name = "i",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_HAS,
     .offset = offsetof(box, i),
     .has_offset = offsetof(box, has_i)},
    {.name = "nums",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(box, nums),
     .count_offset = offsetof(box, nums_count),
     .rules = &list_rules},
    {.name = "points",
     .kind = APIGEN_KIND_OBJECT,
     .flags = APIGEN_F_ARRAY,
     .offset = offsetof(box, points),
     .count_offset = offsetof(box, points_count),
     .model = &point_model,
     .rules = &list_rules},
};
static const apigen_model box_model = {"test_box", sizeof(box), box_fields, 6, false};

static int parse(const apigen_model *m, const char *text, void *out, apigen_errors *errs)
{
    return apigen_model_parse(m, text, strlen(text), out, errs);
}

/* --------------------------------------------------------- digits kept ---- */

/* Parses text into b, checks that _print and _to_json + apigen_json_print write it back byte
 * for byte (cJSON_Duplicate keeps the digits), and returns that tree (caller deletes it). */
static cJSON *parse_and_print_back(const char *text, box *b)
{
    apigen_errors errs;
    CHECK(parse(&box_model, text, b, &errs) == 0);
    char *printed = apigen_model_print(&box_model, b);
    CHECK_STR(printed, text);
    free(printed);
    cJSON *tree = apigen_model_to_json(&box_model, b);
    printed = apigen_json_print(tree);
    CHECK_STR(printed, text);
    free(printed);
    return tree;
}

/* What the issue showed: 2^53 + 1 came back as 2^53, 21 digits in exponent form. */
static void any_numbers_come_back_with_their_digits(void)
{
    static const char *const numbers[] = {"9007199254740993",
                                          "123456789012345678901",
                                          "1.0",
                                          "1e-400",
                                          "-0",
                                          "0.10000000000000002",
                                          "1E+2",
                                          "-0.0e7",
                                          "100",
                                          "2.50",
                                          "-9223372036854775809",
                                          "0.1000000000000000000000000000000000000001"};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "{\"any\":[%s,{\"k\":%s}]}", numbers[i], numbers[i]);
        box b;
        cJSON *tree = parse_and_print_back(text, &b);
        /* and from_json of that tree keeps them too */
        box back;
        apigen_errors errs;
        CHECK(apigen_model_from_json(&box_model, tree, &back, &errs) == 0);
        char *printed = apigen_model_print(&box_model, &back);
        CHECK_STR(printed, text);
        free(printed);
        apigen_model_free(&box_model, &back);
        cJSON_Delete(tree);
        apigen_model_free(&box_model, &b);
    }
}

/* Beyond the double range a number is refused, in any values too: valuedouble could not
 * carry it to a caller who reads the tree. */
static void any_numbers_beyond_double_range_are_refused(void)
{
    box b;
    apigen_errors errs;
    CHECK(parse(&box_model, "{\"any\":[1e400]}", &b, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_TYPE);
    CHECK_STR(errs.items[0].path, "$.any[0]");
}

/* A caller who changes valuedouble after the fact gets the new double, not stale digits. */
/* A caller's any value holding NaN or +-Infinity is a type violation in _validate, at the
 * number's own path (it could not be printed: JSON has no such number). */
static void any_non_finite_numbers_fail_validate(void)
{
    const double bad[] = {INFINITY, -INFINITY, NAN};
    for (size_t k = 0; k < 3; k++) {
        box b = {0};
        apigen_errors errs;
        b.any = cJSON_CreateNumber(bad[k]);
        CHECK(apigen_model_validate(&box_model, &b, &errs) == -1);
        CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_TYPE);
        CHECK_STR(errs.items[0].path, "$.any");
        cJSON_Delete(b.any);
        b.any = cJSON_CreateObject();
        cJSON *list = cJSON_AddArrayToObject(b.any, "x");
        cJSON_AddItemToArray(list, cJSON_CreateNumber(1));
        cJSON_AddItemToArray(list, cJSON_CreateNumber(bad[k]));
        CHECK(apigen_model_validate(&box_model, &b, &errs) == -1);
        CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_TYPE);
        CHECK_STR(errs.items[0].path, "$.any.x[1]");
        cJSON_Delete(b.any);
    }
    box ok = {0};
    apigen_errors errs;
    ok.any = cJSON_CreateNumber(1e308);
    CHECK(apigen_model_validate(&box_model, &ok, &errs) == 0);
    cJSON_Delete(ok.any);
}

static void stale_digits_are_not_printed(void)
{
    box b;
    apigen_errors errs;
    CHECK(parse(&box_model, "{\"any\":9007199254740993}", &b, &errs) == 0);
    cJSON_SetNumberValue(b.any, 5);
    char *printed = apigen_json_print(b.any);
    CHECK_STR(printed, "5");
    free(printed);
    apigen_model_free(&box_model, &b);
}

/* int64 over its whole range: _parse, _print, _to_json (digits kept beside the double, which
 * cJSON_Print rounds), _from_json of that tree; a caller's tree of doubles beyond 2^53 is a
 * violation, never a guess. */
static void int64_is_exact_over_its_whole_range(void)
{
    static const char *const ok[] = {"9223372036854775807", "-9223372036854775808",
                                     "9007199254740993", "-9007199254740993"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "{\"i\":%s}", ok[i]);
        box b;
        apigen_errors errs;
        cJSON *tree = parse_and_print_back(text, &b);
        char *rounded = cJSON_PrintUnformatted(tree); /* documented: cJSON sees the double */
        CHECK(rounded != NULL && strcmp(rounded, text) != 0);
        box back;
        CHECK(apigen_model_from_json(&box_model, tree, &back, &errs) == 0 && back.i == b.i);
        cJSON *caller = cJSON_CreateObject(); /* a caller's tree: the double alone */
        cJSON_AddNumberToObject(caller, "i", (double)b.i);
        CHECK(apigen_model_from_json(&box_model, caller, &back, &errs) == -1);
        CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_INTEGER);
        cJSON_Delete(caller);
        free(rounded);
        cJSON_Delete(tree);
    }
    box b;
    apigen_errors errs;
    CHECK(parse(&box_model, "{\"i\":9223372036854775808}", &b, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_INTEGER);
}

/* ----------------------------------------------------- bounds and const ---- */

static void set_rules(unsigned bounds, const char *min, const char *max, const char *konst)
{
    memset(&num_rules, 0, sizeof num_rules);
    num_rules.bounds = bounds;
    num_rules.minimum_literal = min;
    num_rules.maximum_literal = max;
    num_rules.const_literal = konst;
    num_rules.minimum = min ? strtod(min, NULL) : 0;
    num_rules.maximum = max ? strtod(max, NULL) : 0;
    num_rules.const_double = konst ? strtod(konst, NULL) : 0;
}

static int parse_num(const char *number)
{
    char text[4200];
    snprintf(text, sizeof text, "{\"num\":%s}", number);
    box b;
    apigen_errors errs;
    int rc = parse(&box_model, text, &b, &errs);
    if (rc == 0)
        apigen_model_free(&box_model, &b);
    return rc;
}

static int validate_num(double d)
{
    box b;
    memset(&b, 0, sizeof b);
    b.num = d;
    b.has_num = true;
    apigen_errors errs;
    return apigen_model_validate(&box_model, &b, &errs);
}

/* The samples: both numbers read as the same double, the bound tells them apart. */
static void number_bounds_and_const_compare_exact_values(void)
{
    set_rules(APIGEN_B_EXCLUSIVE_MAXIMUM, NULL, "9007199254740993", NULL);
    CHECK(parse_num("9007199254740992") == 0);
    CHECK(parse_num("9007199254740993") == -1);
    CHECK(parse_num("9007199254740992.9999999999") == 0);
    CHECK(validate_num(9007199254740992.0) == 0);
    set_rules(APIGEN_B_CONST, NULL, NULL, "9007199254740993");
    CHECK(parse_num("9007199254740992") == -1);
    CHECK(parse_num("9007199254740993") == 0);
    CHECK(parse_num("9.007199254740993e15") == 0);
    CHECK(parse_num("90071992547409930e-1") == 0);
    /* validate sees the double held, exactly: 2^53 is not 2^53 + 1 */
    CHECK(validate_num(9007199254740992.0) == -1);
    set_rules(APIGEN_B_MINIMUM, "0.1", NULL, NULL);
    CHECK(parse_num("0.1") == 0);
    CHECK(parse_num("0.09999999999999999999") == -1); /* reads as 0.1's double */
    CHECK(validate_num(0.1) == 0);                    /* 0.1000000000000000055511151231257827... */
    CHECK(validate_num(nextafter(0.1, 0)) == -1);
    set_rules(APIGEN_B_MAXIMUM, NULL, "0.1", NULL);
    CHECK(validate_num(0.1) == -1); /* the double is above one tenth */
    CHECK(parse_num("0.1") == 0);
    set_rules(APIGEN_B_CONST, NULL, NULL, "1");
    CHECK(parse_num("1.000") == 0 && parse_num("10e-1") == 0 &&
          parse_num("1.0000000000000001") == -1);
}

/* --------------------------------------------------------- equality ---- */

/* The verdict on {"field": list}: OK, the one violation's code, or SYNTAX for several. */
static apigen_code field_verdict(const char *field, const char *list)
{
    char text[512];
    snprintf(text, sizeof text, "{\"%s\":%s}", field, list);
    box b;
    apigen_errors errs;
    int rc = parse(&box_model, text, &b, &errs);
    if (rc == 0) {
        apigen_model_free(&box_model, &b);
        return APIGEN_OK;
    }
    return errs.count == 1 ? errs.items[0].code : APIGEN_E_SYNTAX;
}

static apigen_code unique_verdict(const char *list)
{
    return field_verdict("list", list);
}

static apigen_code unique_nums_verdict(const char *list)
{
    return field_verdict("nums", list);
}

static void unique_items_compares_numbers_exactly(void)
{
    CHECK(unique_verdict("[0.1,0.10000000000000002]") == APIGEN_OK);
    CHECK(unique_verdict("[9007199254740993,9007199254740992]") == APIGEN_OK);
    CHECK(unique_verdict("[0.1,0.1000000000000000000001]") == APIGEN_OK);
    CHECK(unique_verdict("[1,1.0]") == APIGEN_E_UNIQUE_ITEMS);
    CHECK(unique_verdict("[1e0,2,10e-1]") == APIGEN_E_UNIQUE_ITEMS);
    CHECK(unique_verdict("[0,-0]") == APIGEN_E_UNIQUE_ITEMS);
    CHECK(unique_verdict("[{\"a\":1,\"b\":[2]},{\"b\":[2.0],\"a\":1e0}]") == APIGEN_E_UNIQUE_ITEMS);
    CHECK(unique_verdict("[{\"a\":1},{\"a\":1,\"b\":1}]") == APIGEN_OK);
    CHECK(unique_verdict("[[1,2],[2,1]]") == APIGEN_OK);
    CHECK(unique_verdict("[\"1\",1]") == APIGEN_OK);
    CHECK(unique_verdict("[true,1]") == APIGEN_OK);
    CHECK(unique_verdict("[null,false,null]") == APIGEN_E_UNIQUE_ITEMS);
}

/* A typed number array too: _parse judges the document's values, not the doubles it keeps. */
static void unique_typed_numbers_compare_the_documents_digits(void)
{
    CHECK(unique_nums_verdict("[9007199254740993,9007199254740992]") == APIGEN_OK);
    CHECK(unique_nums_verdict("[0.30000000000000000001,0.3]") == APIGEN_OK);
    CHECK(unique_nums_verdict("[1e-400,0]") == APIGEN_OK);
    CHECK(unique_nums_verdict("[1e-400, 1e-401 ,2]") == APIGEN_OK);
    CHECK(unique_nums_verdict("[ 1 , 2, 1.0 ]") == APIGEN_E_UNIQUE_ITEMS);
    CHECK(unique_nums_verdict("[0,-0.0]") == APIGEN_E_UNIQUE_ITEMS);
    CHECK(unique_nums_verdict("[1e-400,5,10e-401]") == APIGEN_E_UNIQUE_ITEMS);
    CHECK(unique_nums_verdict("[-2.5e3,3,-2500]") == APIGEN_E_UNIQUE_ITEMS);
    /* the struct holds one double twice: _validate, which judges it, refuses it */
    box b;
    apigen_errors errs;
    const char *text = "{\"nums\":[9007199254740993,9007199254740992]}";
    CHECK(parse(&box_model, text, &b, &errs) == 0);
    CHECK(apigen_model_validate(&box_model, &b, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_UNIQUE_ITEMS);
    apigen_model_free(&box_model, &b);
}

/* Object items too: _parse compares the objects the document wrote (exact numbers, members
 * the model does not name), _validate the structs. */
static void unique_typed_objects_compare_the_documents_json(void)
{
    CHECK(field_verdict("points", "[{\"n\":9007199254740993},{\"n\":9007199254740992}]") ==
          APIGEN_OK);
    CHECK(field_verdict("points", "[{\"n\":1,\"x\":1},{\"n\":1,\"x\":2}]") == APIGEN_OK);
    CHECK(field_verdict("points", "[{\"n\":1},{\"n\":1,\"x\":null}]") == APIGEN_OK);
    CHECK(field_verdict("points", "[{\"n\":2},{\"n\":1,\"x\":[1]},{\"x\":[1.0],\"n\":1e0}]") ==
          APIGEN_E_UNIQUE_ITEMS);
    CHECK(field_verdict("points", "[{},{\"n\":3},{}]") == APIGEN_E_UNIQUE_ITEMS);
    box b;
    apigen_errors errs;
    const char *text = "{\"points\":[{\"n\":1,\"x\":1},{\"n\":1,\"x\":2}]}";
    CHECK(parse(&box_model, text, &b, &errs) == 0);
    CHECK(apigen_model_validate(&box_model, &b, &errs) == -1); /* the structs are equal */
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_UNIQUE_ITEMS);
    apigen_model_free(&box_model, &b);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Exactly distinct numbers of one nearest double, as numbers, in arrays and in objects, and as
 * typed numbers: 20,000 items each. Pairwise comparison of colliding items took 6 to 44 s per
 * case; sorting a run of equal hashes by value keeps it O(n log n): well under a second (5 s
 * allowed for sanitizers and a loaded machine). */
static void unique_items_of_one_double_stay_fast(void)
{
    static const char *const shapes[][3] = {
        {"list", "", ""}, {"list", "[", "]"}, {"list", "{\"a\":", "}"}, {"nums", "", ""}};
    const size_t n = 20000;
    char *text = malloc(n * 48 + 32);
    for (size_t s = 0; s < 4 && text != NULL; s++) {
        size_t k = (size_t)sprintf(text, "{\"%s\":[", shapes[s][0]);
        for (size_t i = 0; i < n; i++)
            k += (size_t)sprintf(text + k, "%s%s1.%030zu%s", i ? "," : "", shapes[s][1],
                                 (i * 7919) % n + 1, shapes[s][2]);
        strcpy(text + k, "]}");
        box b;
        apigen_errors errs;
        double t0 = seconds();
        int rc = parse(&box_model, text, &b, &errs);
        double took = seconds() - t0;
        CHECK(rc == 0);
        if (rc == 0)
            apigen_model_free(&box_model, &b);
        if (took > 5)
            fprintf(stderr, "  shape %zu: %.1f s\n", s, took);
        CHECK(took <= 5);
        /* one duplicate planted at the end is still found */
        sprintf(text + k, ",%s1.%030zu%s]}", shapes[s][1], (size_t)1, shapes[s][2]);
        CHECK(parse(&box_model, text, &b, &errs) == -1);
        CHECK(errs.count >= 1 && errs.items[0].code == APIGEN_E_UNIQUE_ITEMS);
    }
    free(text);
}

/* The first pair (least i, then least k) as the pairwise definition finds it, on random arrays
 * of numbers spelled many ways, strings, objects and arrays. */
static void unique_items_reports_the_first_pair_like_pairwise(void)
{
    static const char *const pool[] = {
        "1",         "1.0",       "10e-1", "2",    "0.1",  "1e-1", "0.10000000000000002",
        "\"1\"",     "\"a\"",     "\"a\"", "null", "true", "[1]",  "[1.0]",
        "{\"a\":1}", "{\"a\":2}", "{}",    "[]",   "-0",   "0"};
    const size_t n_pool = sizeof pool / sizeof pool[0];
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        char text[2048] = "{\"list\":[";
        size_t n = 2 + (size_t)(round % 9);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            strcat(text, pool[(seed >> 16) % n_pool]);
            strcat(text, i + 1 < n ? "," : "]}");
        }
        cJSON *tree = cJSON_Parse(text);
        cJSON *list = cJSON_GetObjectItem(tree, "list");
        /* pairwise, with the same notion of equality spelled out on cJSON's doubles; no pool
         * member differs from another only beyond a double's precision but 0.1/0.1000..02 */
        size_t want_i = SIZE_MAX, want_k = SIZE_MAX;
        for (size_t i = 0; i < n && want_i == SIZE_MAX; i++)
            for (size_t k = i + 1; k < n && want_i == SIZE_MAX; k++)
                if (cJSON_Compare(cJSON_GetArrayItem(list, (int)i),
                                  cJSON_GetArrayItem(list, (int)k), true) &&
                    !(cJSON_IsNumber(cJSON_GetArrayItem(list, (int)i)) &&
                      cJSON_GetArrayItem(list, (int)i)->valuedouble !=
                          cJSON_GetArrayItem(list, (int)k)->valuedouble)) {
                    want_i = i;
                    want_k = k;
                }
        cJSON_Delete(tree);
        box b;
        apigen_errors errs;
        int rc = parse(&box_model, text, &b, &errs);
        if (want_i == SIZE_MAX) {
            CHECK(rc == 0);
            if (rc == 0)
                apigen_model_free(&box_model, &b);
        } else {
            char expect[64];
            snprintf(expect, sizeof expect, "items %zu and %zu are equal", want_i, want_k);
            CHECK(rc == -1 && errs.count == 1);
            CHECK_STR(errs.items[0].message, expect);
        }
        if (check_failed_in_test) {
            fprintf(stderr, "  on %s\n", text);
            return;
        }
    }
}

/* ------------------------------------------------------------ the oracle ---- */

/* Lines "L x y c": literal bound x, document number y, c = sign(y - x) exactly;
 * lines "D x h c": literal bound x, the double of hex float h held, c = sign(h - x). */
static int oracle(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    static char x[2048], y[2048];
    char kind[2];
    int c;
    size_t lines = 0, wrong = 0;
    while (fscanf(f, "%1s %2047s %2047s %d", kind, x, y, &c) == 4) {
        lines++;
        int got_min, got_max, got_const;
        set_rules(APIGEN_B_MINIMUM, x, NULL, NULL);
        got_min = kind[0] == 'L' ? parse_num(y) : validate_num(strtod(y, NULL));
        set_rules(APIGEN_B_MAXIMUM, NULL, x, NULL);
        got_max = kind[0] == 'L' ? parse_num(y) : validate_num(strtod(y, NULL));
        set_rules(APIGEN_B_CONST, NULL, NULL, x);
        got_const = kind[0] == 'L' ? parse_num(y) : validate_num(strtod(y, NULL));
        bool ok = (got_min == -1) == (c < 0) && (got_max == -1) == (c > 0) &&
                  (got_const == -1) == (c != 0);
        if (!ok && ++wrong <= 10)
            fprintf(stderr, "  %s %s %s: exact order %d, runtime min %d max %d const %d\n", kind, x,
                    y, c, got_min, got_max, got_const);
    }
    fclose(f);
    printf("oracle: %zu comparisons, %zu disagree with python3 fractions\n", lines, wrong);
    return lines >= 1000 && wrong == 0 ? 0 : 1;
}

/* ------------------------------------------------------ hostile input ---- */

typedef enum level { LEVEL_UNSET, LEVEL_LOW, LEVEL_HIGH } level;

typedef struct inner {
    int64_t pin;
    char *word;
} inner;

typedef struct vault {
    int64_t pin;
    bool has_pin;
    double ratio;
    bool has_ratio;
    char *word;
    level level;
    inner nested;
    bool has_nested;
    int64_t *pins;
    size_t pins_count;
    cJSON *blob;
    cJSON *map;
} vault;

static apigen_pattern word_pattern = {.source = "^[a-z]+$"};
static const apigen_rules pin_rules = {.bounds = APIGEN_B_MINIMUM | APIGEN_B_MAXIMUM,
                                       .minimum_int = 1000,
                                       .maximum_int = 1999,
                                       .minimum = 1000,
                                       .maximum = 1999};
static const apigen_rules ratio_rules = {.bounds = APIGEN_B_EXCLUSIVE_MINIMUM |
                                                   APIGEN_B_EXCLUSIVE_MAXIMUM,
                                         .minimum = 0,
                                         .maximum = 1,
                                         .minimum_literal = "0",
                                         .maximum_literal = "1"};
static const apigen_rules word_rules = {.bounds = APIGEN_B_MAX_LENGTH,
                                        .max_length = 3,
                                        .pattern = &word_pattern,
                                        .format = APIGEN_FORMAT_EMAIL};
static const apigen_rules level_rules = {.bounds = APIGEN_B_CONST, .const_string = "low"};
static const apigen_rules pins_rules = {.bounds = APIGEN_B_MINIMUM | APIGEN_B_CONST |
                                                  APIGEN_B_UNIQUE_ITEMS | APIGEN_B_MAX_ITEMS,
                                        .minimum_int = 1000,
                                        .max_items = 3,
                                        .const_int = 1000};
static const char *const level_values[] = {"low", "high"};
static const apigen_enum level_enum = {"test_level", level_values, 2};

static const apigen_field inner_fields[] = {
    {.name = "pin",
     .kind = APIGEN_KIND_INT64,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(inner, pin),
     .rules = &pin_rules},
    {.name = "word",
     .kind = APIGEN_KIND_STRING,
     .offset = offsetof(inner, word),
     .rules = &word_rules},
};
static const apigen_model inner_model = {"test_inner", sizeof(inner), inner_fields, 2, true};

#define SECRET APIGEN_F_SENSITIVE
static const apigen_field vault_fields[] = {
    {.name = "pin",
     .kind = APIGEN_KIND_INT64,
     .flags = SECRET | APIGEN_F_HAS,
     .offset = offsetof(vault, pin),
     .has_offset = offsetof(vault, has_pin),
     .rules = &pin_rules},
    {.name = "ratio",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = SECRET | APIGEN_F_HAS,
     .offset = offsetof(vault, ratio),
     .has_offset = offsetof(vault, has_ratio),
     .rules = &ratio_rules},
    {.name = "word",
     .kind = APIGEN_KIND_STRING,
     .flags = SECRET,
     .offset = offsetof(vault, word),
     .rules = &word_rules},
    {.name = "level",
     .kind = APIGEN_KIND_ENUM,
     .flags = SECRET,
     .offset = offsetof(vault, level),
     .enumeration = &level_enum,
     .rules = &level_rules},
    {.name = "nested",
     .kind = APIGEN_KIND_OBJECT,
     .flags = SECRET | APIGEN_F_HAS,
     .offset = offsetof(vault, nested),
     .has_offset = offsetof(vault, has_nested),
     .model = &inner_model},
    {.name = "pins",
     .kind = APIGEN_KIND_INT64,
     .flags = SECRET | APIGEN_F_ARRAY,
     .offset = offsetof(vault, pins),
     .count_offset = offsetof(vault, pins_count),
     .rules = &pins_rules},
    {.name = "blob", .kind = APIGEN_KIND_ANY, .flags = SECRET, .offset = offsetof(vault, blob)},
    {.name = "map", .kind = APIGEN_KIND_FREEFORM, .flags = SECRET, .offset = offsetof(vault, map)},
};
static const apigen_model vault_model = {"test_vault", sizeof(vault), vault_fields, 8, true};

/* Whether any path or message of errs holds needle. */
static bool errs_contain(const apigen_errors *errs, const char *needle)
{
    for (size_t i = 0; i < errs->count; i++)
        if (strstr(errs->items[i].path, needle) || strstr(errs->items[i].message, needle))
            return true;
    return false;
}

/* Every violation a sensitive field can raise, through parse, from_json and validate: the
 * secret digits and words appear nowhere. Each document puts "7331" / "zebra" in the value. */
static void sensitive_values_never_reach_paths_or_messages(void)
{
    static const char *const docs[] = {
        "{\"pin\":7331}",                                 /* maximum */
        "{\"pin\":7331.5}",                               /* integer */
        "{\"pin\":\"7331\"}",                             /* type */
        "{\"ratio\":7331}",                               /* exclusiveMaximum */
        "{\"ratio\":-7331.25}",                           /* exclusiveMinimum */
        "{\"ratio\":7331e999}",                           /* out of range */
        "{\"word\":\"Zebra7331\"}",                       /* pattern, maxLength, format */
        "{\"word\":7331}",                                /* type */
        "{\"word\":\"zebra\\u0000\"}",                    /* encoding (escaped NUL) */
        "{\"word\":\"zebra\\udc00\"}",                    /* encoding (lone surrogate) */
        "{\"level\":\"zebra7331\"}",                      /* enum */
        "{\"level\":\"high\"}",                           /* const (the value is the enum's) */
        "{\"nested\":{\"pin\":7331,\"word\":\"zebra\"}}", /* nested bounds, pattern... */
        "{\"nested\":{\"pin\":1000,\"zebra7331\":1}}",    /* additionalProperties: the name */
        "{\"nested\":{\"pin\":1000,\"z\\u0065bra7331\":1}}",
        "{\"nested\":{\"word\":\"zebra\"}}",      /* required */
        "{\"pins\":[7331,7331]}",                 /* const, uniqueItems */
        "{\"pins\":[7331,1,2,3]}",                /* maxItems */
        "{\"pins\":[7331.5]}",                    /* integer */
        "{\"blob\":{\"zebra7331\":\"\\udc00\"}}", /* encoding below a document key */
        "{\"blob\":[7331e999]}",                  /* out of range */
        "{\"map\":[7331]}",                       /* type */
        "{\"map\":{\"zebra7331\":[1e999]}}",
        "{\"pin\":1000,\"pin\":7331}", /* duplicate key */
    };
    static const char *const secrets[] = {"7331", "zebra", "Zebra"};
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        vault v;
        apigen_errors errs;
        size_t violations = 0;
        if (parse(&vault_model, docs[d], &v, &errs) == 0)
            apigen_model_free(&vault_model, &v);
        violations += errs.count;
        for (size_t s = 0; s < 3; s++)
            CHECK(!errs_contain(&errs, secrets[s]));
        cJSON *tree = cJSON_Parse(docs[d]);
        if (tree != NULL && apigen_model_from_json(&vault_model, tree, &v, &errs) == 0) {
            for (size_t s = 0; s < 3; s++)
                CHECK(!errs_contain(&errs, secrets[s]));
            apigen_model_validate(&vault_model, &v, &errs);
            apigen_model_free(&vault_model, &v);
        }
        for (size_t s = 0; s < 3; s++)
            CHECK(!errs_contain(&errs, secrets[s]));
        cJSON_Delete(tree);
        CHECK(violations > 0);
        if (check_failed_in_test) {
            fprintf(stderr, "  on %s\n", docs[d]);
            for (size_t i = 0; i < errs.count; i++)
                fprintf(stderr, "    %s: %s\n", errs.items[i].path, errs.items[i].message);
            return;
        }
    }
    /* validate on a struct set in C, and the debug string */
    vault v;
    memset(&v, 0, sizeof v);
    v.has_pin = v.has_ratio = true;
    v.pin = 7331;
    v.ratio = 7331.5;
    v.word = (char *)"zebra7331";
    v.level = (level)7331;
    apigen_errors errs;
    CHECK(apigen_model_validate(&vault_model, &v, &errs) == -1 && errs.count >= 4);
    for (size_t s = 0; s < 3; s++)
        CHECK(!errs_contain(&errs, secrets[s]));
    v.level = LEVEL_LOW;
    char *debug = apigen_model_debug_string(&vault_model, &v);
    CHECK(debug != NULL && strstr(debug, "7331") == NULL && strstr(debug, "zebra") == NULL);
    free(debug);
}

/* Every path and message of errs is UTF-8 without a control character (C0, DEL, C1). */
static bool errs_are_one_line_each(const apigen_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        const char *texts[] = {errs->items[i].path, errs->items[i].message};
        for (size_t t = 0; t < 2; t++) {
            if (!apigen_utf8_valid(texts[t], strlen(texts[t])))
                return false;
            for (const unsigned char *p = (const unsigned char *)texts[t]; *p; p++)
                if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
                    /* U+2028..U+202E (line breaks, bidi embeddings and overrides) */
                    (*p == 0xE2 && p[1] == 0x80 && p[2] >= 0xA8 && p[2] <= 0xAE) ||
                    /* U+2066..U+2069 (bidi isolates) */
                    (*p == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))
                    return false;
        }
    }
    return true;
}

typedef struct plain {
    level level;
    cJSON *any;
} plain;

static const char *const hostile_values[] = {"a\nb", "\x1b[2J", "x\x7fy", "\xc2\x9b[31m"};
static const apigen_enum hostile_enum = {"test_hostile", hostile_values, 4};
static const apigen_rules hostile_const = {.bounds = APIGEN_B_CONST, .const_string = "a\nb"};
static const apigen_field plain_fields[] = {
    {.name = "level",
     .kind = APIGEN_KIND_ENUM,
     .offset = offsetof(plain, level),
     .enumeration = &hostile_enum,
     .rules = &hostile_const},
    {.name = "any", .kind = APIGEN_KIND_ANY, .offset = offsetof(plain, any)},
};
static const apigen_model plain_model = {"test_plain", sizeof(plain), plain_fields, 2, true};

/* Property names and enum strings with newline, ESC, DEL, C1 controls, bytes that are not
 * UTF-8: escaped in every path and message, so one violation stays one line. */
static void control_characters_are_escaped_in_paths_and_messages(void)
{
    static const char *const docs[] = {
        "{\"a\\nb\":1}",
        "{\"\\u001b[31mred\":1}",
        "{\"\\u007f\\u0085\\u009b\\u2028\":1}",
        "{\"a\\u202eb\\u2066c\\u2069\":1}", /* bidi override and isolates (Trojan Source) */
        "{\"level\":\"\\u202dx\"}",
        "{\"\xc2\x9bJ2\":1}",
        "{\"\x9bJ2\":1}", /* a lone C1 byte, not UTF-8 */
        "{\"level\":\"\\n$.forged: ok: \\u001b\"}",
        "{\"level\":\"\\u009b\"}",
        "{\"level\":\"x\\u007fy\"}",              /* a value: const "a\nb" reported */
        "{\"any\":{\"\\n\\u001b\":\"\\udc00\"}}", /* encoding below a hostile key */
    };
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        plain p;
        apigen_errors errs;
        CHECK(parse(&plain_model, docs[d], &p, &errs) == -1 && errs.count >= 1);
        CHECK(errs_are_one_line_each(&errs));
        cJSON *tree = cJSON_Parse(docs[d]);
        if (tree != NULL) {
            if (apigen_model_from_json(&plain_model, tree, &p, &errs) == 0) {
                apigen_model_validate(&plain_model, &p, &errs);
                apigen_model_free(&plain_model, &p);
            }
            CHECK(errs.count >= 1 && errs_are_one_line_each(&errs));
            cJSON_Delete(tree);
        }
        if (check_failed_in_test) {
            fprintf(stderr, "  on %s\n", docs[d]);
            return;
        }
    }
    /* the escape is readable: "\u000a" where the newline was */
    plain p;
    apigen_errors errs;
    CHECK(parse(&plain_model, "{\"a\\nb\":1}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].path, "$['a\\nb']");
    CHECK(parse(&plain_model, "{\"a\\u202eb\":1}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].path, "$['a\\u202eb']");
    CHECK(parse(&plain_model, "{\"level\":\"x\\u007fy\"}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].message, "must be \"a\\nb\"");
}

/* The path of the last violation of text under plain_model: through parse, and the same
 * through from_json when cJSON reads text ("<differs>" if not). Static storage. */
static const char *last_path(const char *text)
{
    static char path[APIGEN_PATH_MAX];
    plain p;
    apigen_errors errs;
    if (parse(&plain_model, text, &p, &errs) == 0) {
        apigen_model_free(&plain_model, &p);
        return "<none>";
    }
    snprintf(path, sizeof path, "%s", errs.items[errs.count - 1].path);
    cJSON *tree = cJSON_Parse(text);
    if (tree != NULL) {
        if (apigen_model_from_json(&plain_model, tree, &p, &errs) == 0) {
            apigen_model_validate(&plain_model, &p, &errs);
            apigen_model_free(&plain_model, &p);
        }
        if (errs.count == 0 || strcmp(errs.items[errs.count - 1].path, path) != 0)
            snprintf(path, sizeof path, "<differs>");
        cJSON_Delete(tree);
    }
    return path;
}

/* Paths are RFC 9535 normalized paths (but for .name shorthand): one spelling per member, so
 * names that look like path syntax or like escapes are told apart. The leaf "\xff" is a
 * string that is not UTF-8: an encoding violation at the path of the keys above it. */
static void paths_name_each_member_one_way(void)
{
    CHECK_STR(last_path("{\"any\":{\"a\":{\"b\":\"\xff\"}}}"), "$.any.a.b");
    CHECK_STR(last_path("{\"any\":{\"a.b\":\"\xff\"}}"), "$.any['a.b']");
    CHECK_STR(last_path("{\"any\":[\"\xff\"]}"), "$.any[0]");
    CHECK_STR(last_path("{\"any\":{\"[0]\":\"\xff\"}}"), "$.any['[0]']");
    CHECK_STR(last_path("{\"any\":{\"a']['b\":\"\xff\"}}"), "$.any['a\\'][\\'b']");
    CHECK_STR(last_path("{\"any\":{\"back\\\\slash\":\"\xff\"}}"), "$.any['back\\\\slash']");
    /* the six characters \u000a, a newline, the two characters \n */
    CHECK_STR(last_path("{\"any\":{\"\\\\u000a\":\"\xff\"}}"), "$.any['\\\\u000a']");
    CHECK_STR(last_path("{\"any\":{\"\\n\":\"\xff\"}}"), "$.any['\\n']");
    CHECK_STR(last_path("{\"any\":{\"\\\\n\":\"\xff\"}}"), "$.any['\\\\n']");
    /* RFC 9535 §2.7 escapes; beyond it DEL, C1, U+2028/9 as \uXXXX */
    CHECK_STR(last_path("{\"any\":{\"\\b\\f\\n\\r\\t\":\"\xff\"}}"), "$.any['\\b\\f\\n\\r\\t']");
    CHECK_STR(last_path("{\"any\":{\"\\u0001\\u001b\\u001f\":\"\xff\"}}"),
              "$.any['\\u0001\\u001b\\u001f']");
    CHECK_STR(last_path("{\"any\":{\"\\u007f\\u0085\\u009b\\u2028\\u2029\":\"\xff\"}}"),
              "$.any['\\u007f\\u0085\\u009b\\u2028\\u2029']");
    /* a byte that is not UTF-8 in a name: \xXX (an unknown property of a closed model) */
    CHECK_STR(last_path("{\"\x9b\\u0085\xc3\":1}"), "$['\\x9b\\u0085\\xc3']");
    /* shorthand is ASCII [A-Za-z_][A-Za-z0-9_]* only */
    CHECK_STR(last_path("{\"_x9\":1}"), "$._x9");
    CHECK_STR(last_path("{\"Zz\":1}"), "$.Zz");
    CHECK_STR(last_path("{\"9x\":1}"), "$['9x']");
    CHECK_STR(last_path("{\"\":1}"), "$['']");
    CHECK_STR(last_path("{\"a b\":1}"), "$['a b']");
    CHECK_STR(last_path("{\"a-b\":1}"), "$['a-b']");
    CHECK_STR(last_path("{\"\xc3\xa9\":1}"), "$['\xc3\xa9']");
    CHECK_STR(last_path("{\"\\\"\":1}"), "$['\"']");
    CHECK_STR(last_path("{\"***\":1}"), "$['***']"); /* not the mask below sensitive fields */
}

/* A path cut at APIGEN_PATH_MAX ends in "..." at a character's first byte: still UTF-8. */
static void cut_paths_stay_utf8(void)
{
    static const char *const chars[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
    for (size_t c = 0; c < 3; c++) {
        for (size_t lead = 0; lead < 4; lead++) {
            char doc[2048] = "{\"any\":{\"";
            for (size_t i = 0; i < lead; i++)
                strcat(doc, "a");
            for (size_t i = 0; i < 150; i++)
                strcat(doc, chars[c]);
            strcat(doc, "\":\"\xff\"}}");
            plain p;
            apigen_errors errs;
            CHECK(parse(&plain_model, doc, &p, &errs) == -1 && errs.count == 1);
            size_t n = strlen(errs.items[0].path);
            CHECK(n >= APIGEN_PATH_MAX - 4 && n <= APIGEN_PATH_MAX - 1);
            CHECK(strcmp(errs.items[0].path + n - 3, "...") == 0);
            CHECK(errs_are_one_line_each(&errs));
        }
    }
}

/* A document's string quoted in a message is an RFC 9535 double-quoted literal: a quote, a
 * backslash, the text \u000a and a newline each read one way. */
static void messages_quote_strings_one_way(void)
{
    plain p;
    apigen_errors errs;
    CHECK(parse(&plain_model, "{\"level\":\"q\\\"b\\\\u000a\\n\\u0085\\\\\"}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].message,
              "\"q\\\"b\\\\u000a\\n\\u0085\\\\\" is not a value of test_hostile");
    CHECK(parse(&plain_model, "{\"level\":\"\xff\"}", &p, &errs) == -1);
    CHECK_STR(errs.items[0].message, "not valid UTF-8");
}

/* For path_oracle.py: reads documents, one per line in hex, and prints the path of the last
 * violation of each (last_path), one per line. */
static int print_paths(void)
{
    static char line[1 << 16], doc[1 << 15];
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = 0;
        unsigned byte;
        for (const char *p = line; sscanf(p, "%2x", &byte) == 1 && n + 1 < sizeof doc; p += 2)
            doc[n++] = (char)byte;
        doc[n] = '\0';
        printf("%s\n", last_path(doc));
    }
    return 0;
}

int main(int argc, char **argv)
{
    RUN_TEST(any_numbers_come_back_with_their_digits);
    RUN_TEST(any_numbers_beyond_double_range_are_refused);
    RUN_TEST(stale_digits_are_not_printed);
    RUN_TEST(any_non_finite_numbers_fail_validate);
    RUN_TEST(int64_is_exact_over_its_whole_range);
    RUN_TEST(number_bounds_and_const_compare_exact_values);
    RUN_TEST(unique_items_compares_numbers_exactly);
    RUN_TEST(unique_items_reports_the_first_pair_like_pairwise);
    RUN_TEST(unique_typed_numbers_compare_the_documents_digits);
    RUN_TEST(unique_typed_objects_compare_the_documents_json);
    RUN_TEST(unique_items_of_one_double_stay_fast);
    RUN_TEST(sensitive_values_never_reach_paths_or_messages);
    RUN_TEST(control_characters_are_escaped_in_paths_and_messages);
    RUN_TEST(paths_name_each_member_one_way);
    RUN_TEST(messages_quote_strings_one_way);
    RUN_TEST(cut_paths_stay_utf8);
    if (argc > 1 && strcmp(argv[1], "--paths") == 0)
        return print_paths();
    if (argc > 1) {
        check_failed_in_test = 0;
        if (oracle(argv[1]) != 0)
            check_tests_failed++;
        else
            check_tests_passed++;
    }
    return check_summary();
}
