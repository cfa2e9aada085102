/* test_exact.c: the runtime's promises on numbers, on descriptor tables written by hand:
 * numbers come back with their digits and compare by exact value (against an independent
 * oracle, python3's fractions, fed in by number_oracle.py), and uniqueItems finds the same
 * first duplicate as the pairwise definition. (What no violation may show is in test_core.c.)
 * Usage: test_rt_exact [ORACLE_FILE]   (without a file, the oracle test is skipped) */

#include "fixtures.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
static const apigen_model point_model = {"test_point", sizeof(point), point_fields, 1,
                                         false,        NULL,          NULL};

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
static const apigen_model box_model = {"test_box", sizeof(box), box_fields, 6, false, NULL, NULL};

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
        double t0 = seconds_now();
        int rc = parse(&box_model, text, &b, &errs);
        double took = seconds_now() - t0;
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
        if (kind[0] == 'M' || kind[0] == 'V') { /* multipleOf x: c 1 when a multiple */
            set_rules(0, NULL, NULL, NULL);
            num_rules.bounds = APIGEN_B_MULTIPLE_OF;
            num_rules.multiple_of_literal = x;
            num_rules.multiple_of = strtod(x, NULL);
            int got = kind[0] == 'M' ? parse_num(y) : validate_num(strtod(y, NULL));
            if ((got == 0) != (c == 1) && ++wrong <= 10)
                fprintf(stderr, "  %s %s %s: multiple %d, runtime %d\n", kind, x, y, c, got);
            continue;
        }
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
    printf("oracle: %zu comparisons and multipleOf checks, %zu disagree with python3 fractions\n",
           lines, wrong);
    return lines >= 1000 && wrong == 0 ? 0 : 1;
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
    if (argc > 1) {
        check_failed_in_test = 0;
        if (oracle(argv[1]) != 0)
            check_tests_failed++;
        else
            check_tests_passed++;
    }
    return fixtures_summary();
}
