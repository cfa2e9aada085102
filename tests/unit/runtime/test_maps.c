/* test_maps.c: maps through every part of the runtime (additionalProperties: <schema> as
 * APIGEN_F_MAP fields and apigen_model.additional; propertyNames, minProperties, maxProperties):
 * reading (parse and from_json), validate, writing (print, to_json, debug_string), freeing,
 * key paths, duplicate and hostile keys, a map of 10^6 keys, and every allocation failing. */

#include "fixtures.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ descriptors ---- */
/* As the generator writes them for
 *   Charge: {type: object, required: [amount], properties: {amount: integer,
 *     metadata: {type: object, additionalProperties: {type: string, maxLength: 8},
 *                propertyNames: {maxLength: 10}, maxProperties: 4},
 *     counts: {type: object, additionalProperties: {type: integer, minimum: 0}, minProperties: 1},
 *     owners: {type: object, additionalProperties: {$ref: ErrorDetail}},
 *     secrets: {type: object, additionalProperties: {type: string, sensitive: true}}},
 *   additionalProperties: {type: number}, maxProperties: 8, propertyNames: {pattern: "^[a-z.]"}} */

typedef struct meta_entry {
    char *key;
    char *value;
} meta_entry;

typedef struct count_entry {
    char *key;
    int64_t value;
} count_entry;

typedef struct owner_entry {
    char *key;
    error_detail value;
} owner_entry;

typedef struct number_entry {
    char *key;
    double value;
} number_entry;

typedef struct charge {
    int64_t amount;
    bool has_metadata;
    meta_entry *metadata;
    size_t metadata_count;
    bool has_counts;
    count_entry *counts;
    size_t counts_count;
    bool has_owners;
    owner_entry *owners;
    size_t owners_count;
    bool has_secrets;
    meta_entry *secrets;
    size_t secrets_count;
    number_entry *additional;
    size_t additional_count;
} charge;

static const apigen_rules meta_name_rules = {.bounds = APIGEN_B_MAX_LENGTH, .max_length = 10};
static const apigen_rules meta_rules = {.bounds = APIGEN_B_MAX_PROPERTIES | APIGEN_B_MAX_LENGTH,
                                        .max_length = 8,
                                        .max_properties = 4,
                                        .property_names = &meta_name_rules};
static const apigen_rules count_rules = {.bounds = APIGEN_B_MINIMUM | APIGEN_B_MIN_PROPERTIES,
                                         .minimum_int = 0,
                                         .minimum = 0.0,
                                         .min_properties = 1};
static apigen_pattern lower_pattern = {.source = "\\A[a-z.]"};
static const apigen_rules charge_name_rules = {.pattern = &lower_pattern};
static const apigen_rules charge_rules = {
    .bounds = APIGEN_B_MAX_PROPERTIES, .max_properties = 8, .property_names = &charge_name_rules};

#define MAP_FIELD(json, member, k, entry, extra)                                                   \
    {                                                                                              \
        .name = json, .kind = k, .flags = APIGEN_F_HAS | APIGEN_F_MAP | (extra),                   \
        .offset = offsetof(charge, member), .has_offset = offsetof(charge, has_##member),          \
        .count_offset = offsetof(charge, member##_count), .entry_size = sizeof(entry),             \
        .value_offset = offsetof(entry, value)

static const apigen_field
    charge_fields[] = {{.name = "amount",
                        .kind = APIGEN_KIND_INT64,
                        .flags = APIGEN_F_REQUIRED,
                        .offset = offsetof(charge, amount)},
                       MAP_FIELD("metadata", metadata, APIGEN_KIND_STRING, meta_entry, 0),
                       .rules = &meta_rules},
    MAP_FIELD("counts", counts, APIGEN_KIND_INT64, count_entry, 0), .rules = &count_rules
}
, MAP_FIELD("owners", owners, APIGEN_KIND_OBJECT, owner_entry, 0), .model = &error_detail_model
}
, MAP_FIELD("secrets", secrets, APIGEN_KIND_STRING, meta_entry, APIGEN_F_SENSITIVE)
}
,
    {.name = "additionalProperties",
     .kind = APIGEN_KIND_DOUBLE,
     .flags = APIGEN_F_MAP,
     .offset = offsetof(charge, additional),
     .count_offset = offsetof(charge, additional_count),
     .entry_size = sizeof(number_entry),
     .value_offset = offsetof(number_entry, value)},
}
;
static const apigen_model charge_model = {"test_charge", sizeof(charge),    charge_fields, 5,
                                          false,         &charge_fields[5], &charge_rules};

/* A bare map of strings, no rules: {m: {type: object, additionalProperties: {type: string}}}. */
typedef struct bag {
    meta_entry *m;
    size_t m_count;
} bag;

static const apigen_field bag_fields[] = {
    {.name = "m",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_MAP,
     .offset = offsetof(bag, m),
     .count_offset = offsetof(bag, m_count),
     .entry_size = sizeof(meta_entry),
     .value_offset = offsetof(meta_entry, value)},
};
static const apigen_model bag_model = {"test_bag", sizeof(bag), bag_fields, 1, false, NULL, NULL};

static const char good_charge[] =
    "{\"amount\":5,\"metadata\":{\"a.b\":\"x\",\"it's\":\"y\",\"\\u00e9\":\"z\",\"q\\\"\":\"\"},"
    "\"counts\":{\"n\":2},\"owners\":{\"o\":{\"code\":1,\"message\":\"m\"}},"
    "\"secrets\":{\"pin\":\"1234\"},\"zz\":1.5,\"y.y\":-2}";

/* ------------------------------------------------------------------ reading ---- */

static void map_entries_keep_document_order(void)
{
    charge c;
    apigen_errors errs;
    CHECK(parse(&charge_model, good_charge, &c, &errs) == 0);
    CHECK(c.has_metadata && c.metadata_count == 4);
    if (c.metadata_count == 4) {
        CHECK_STR(c.metadata[0].key, "a.b");
        CHECK_STR(c.metadata[0].value, "x");
        CHECK_STR(c.metadata[1].key, "it's");
        CHECK_STR(c.metadata[2].key, "\xC3\xA9");
        CHECK_STR(c.metadata[2].value, "z");
        CHECK_STR(c.metadata[3].key, "q\"");
        CHECK_STR(c.metadata[3].value, "");
    }
    CHECK(c.counts_count == 1 && c.counts[0].value == 2);
    CHECK(c.owners_count == 1 && c.owners[0].value.code == 1);
    CHECK(c.owners_count == 1 && strcmp(c.owners[0].value.message, "m") == 0);
    CHECK(c.additional_count == 2);
    if (c.additional_count == 2) {
        CHECK_STR(c.additional[0].key, "zz");
        CHECK(c.additional[0].value == 1.5);
        CHECK_STR(c.additional[1].key, "y.y");
        CHECK(c.additional[1].value == -2.0);
    }
    CHECK(apigen_model_validate(&charge_model, &c, &errs) == 0);
    apigen_model_free(&charge_model, &c);
    CHECK(all_zero(&c, sizeof c));
    apigen_model_free(&charge_model, &c); /* twice is safe */

    CHECK(read_text(&charge_model, good_charge, &c, &errs) == 0);
    CHECK(c.metadata_count == 4 && c.additional_count == 2 && c.secrets_count == 1);
    apigen_model_free(&charge_model, &c);
}

static void empty_map_is_present_and_prints_as_empty(void)
{
    charge c;
    apigen_errors errs;
    CHECK(parse(&charge_model, "{\"amount\":1,\"metadata\":{}}", &c, &errs) == 0);
    CHECK(c.has_metadata && c.metadata_count == 0 && c.metadata == NULL);
    char *text = apigen_model_print(&charge_model, &c);
    CHECK_STR(text, "{\"amount\":1,\"metadata\":{}}");
    free(text);
    apigen_model_free(&charge_model, &c);
    bag b;
    CHECK(parse(&bag_model, "{\"m\":{}}", &b, &errs) == 0);
    text = apigen_model_print(&bag_model, &b);
    CHECK_STR(text, "{\"m\":{}}");
    free(text);
    apigen_model_free(&bag_model, &b);
}

static void map_violations_name_the_key(void)
{
    charge c;
    apigen_errors errs;
    const char *text =
        "{\"amount\":1,\"metadata\":{\"a.b\":\"123456789\",\"this-is-too-long\":\"\"},"
        "\"counts\":{\"it's\":-1},\"A\":1}";
    CHECK(parse(&charge_model, text, &c, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAX_LENGTH, "$.metadata['a.b']"));
    CHECK(has_error(&errs, APIGEN_E_PROPERTY_NAMES, "$.metadata['this-is-too-long']"));
    CHECK(has_error(&errs, APIGEN_E_MINIMUM, "$.counts['it\\'s']"));
    CHECK(has_error(&errs, APIGEN_E_PROPERTY_NAMES, "$.A"));
    CHECK(errs.count == 4); /* the model's propertyNames pass: "amount", "metadata", "counts" */
    CHECK(strstr(errs.items[1].message, "property name:") != NULL);
    CHECK(strcmp(apigen_code_name(APIGEN_E_PROPERTY_NAMES), "propertyNames") == 0);
    CHECK(all_zero(&c, sizeof c));
    /* the same document read from a tree and validated: the same violations */
    CHECK(read_text(&charge_model, text, &c, &errs) == 0);
    CHECK(apigen_model_validate(&charge_model, &c, &errs) == -1);
    CHECK(errs.count == 4 && has_error(&errs, APIGEN_E_MINIMUM, "$.counts['it\\'s']"));
    CHECK(has_error(&errs, APIGEN_E_PROPERTY_NAMES, "$.A"));
    apigen_model_free(&charge_model, &c);
}

static void property_counts_count_every_property(void)
{
    charge c;
    apigen_errors errs;
    /* metadata: 5 > maxProperties 4; counts: 0 < minProperties 1; the object: 9 > 8 */
    const char *text = "{\"amount\":1,\"metadata\":{\"a\":\"\",\"b\":\"\",\"c\":\"\",\"d\":\"\","
                       "\"e\":\"\"},\"counts\":{},\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6}";
    CHECK(parse(&charge_model, text, &c, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_MAX_PROPERTIES, "$.metadata"));
    CHECK(has_error(&errs, APIGEN_E_MIN_PROPERTIES, "$.counts"));
    CHECK(has_error(&errs, APIGEN_E_MAX_PROPERTIES, "$"));
    CHECK(errs.count == 3);
    CHECK(read_text(&charge_model, text, &c, &errs) == 0);
    CHECK(apigen_model_validate(&charge_model, &c, &errs) == -1);
    CHECK(errs.count == 3 && has_error(&errs, APIGEN_E_MAX_PROPERTIES, "$"));
    apigen_model_free(&charge_model, &c);
    text = "{\"amount\":1,\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7}";
    CHECK(parse(&charge_model, text, &c, &errs) == 0); /* 8 properties: at the bound */
    apigen_model_free(&charge_model, &c);
}

static void duplicate_keys_are_reported_at_the_second(void)
{
    bag b;
    apigen_errors errs;
    const char *text = "{\"m\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\",\"a\":\"4\"}}";
    CHECK(parse(&bag_model, text, &b, &errs) == -1);
    CHECK(errs.count == 2 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.m.a"));
    CHECK(all_zero(&b, sizeof b));
    /* from_json keeps every entry; validate finds the duplicates */
    CHECK(read_text(&bag_model, text, &b, &errs) == 0);
    CHECK(b.m_count == 4);
    CHECK(apigen_model_validate(&bag_model, &b, &errs) == -1);
    CHECK(errs.count == 2 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.m.a"));
    apigen_model_free(&bag_model, &b);
    /* an additional key that names a declared property: only a struct can say it twice */
    charge c;
    CHECK(parse(&charge_model, "{\"amount\":1,\"x\":2}", &c, &errs) == 0);
    char *key = c.additional[0].key;
    c.additional[0].key = (char *)"amount";
    CHECK(apigen_model_validate(&charge_model, &c, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.amount"));
    c.additional[0].key = key;
    apigen_model_free(&charge_model, &c);
}

static void hostile_keys_are_refused(void)
{
    bag b;
    apigen_errors errs;
    /* an escaped NUL in a key ends the parse, at the map's path */
    CHECK(parse(&bag_model, "{\"m\":{\"a\\u0000b\":\"x\"}}", &b, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_ENCODING, "$.m"));
    CHECK(all_zero(&b, sizeof b));
    /* a key that is not UTF-8 (a lone surrogate escape, raw bytes) */
    CHECK(parse(&bag_model, "{\"m\":{\"\\ud800\":\"x\",\"ok\":\"y\"}}", &b, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_ENCODING);
    CHECK(strncmp(errs.items[0].path, "$.m['", 5) == 0);
    CHECK(parse(&bag_model, "{\"m\":{\"\xff\":\"x\"}}", &b, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$.m['\\xff']"));
    CHECK(read_text(&bag_model, "{\"m\":{\"\xff\":\"x\"}}", &b, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ENCODING, "$.m['\\xff']"));
    /* wrong types */
    CHECK(parse(&bag_model, "{\"m\":[]}", &b, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.m"));
    CHECK(parse(&bag_model, "{\"m\":{\"k\":1}}", &b, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.m.k"));
    CHECK(read_text(&bag_model, "{\"m\":\"x\"}", &b, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.m"));
    /* syntax inside a map */
    CHECK(parse(&bag_model, "{\"m\":{\"k\" \"v\"}}", &b, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
    CHECK(parse(&bag_model, "{\"m\":{\"k\":\"v\",}}", &b, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_SYNTAX, "$"));
}

static void sensitive_map_values_are_never_shown(void)
{
    charge c;
    apigen_errors errs;
    CHECK(parse(&charge_model, "{\"amount\":1,\"secrets\":{\"pin\":\"1234\"}}", &c, &errs) == 0);
    char *text = apigen_model_debug_string(&charge_model, &c);
    CHECK_STR(text, "{\"amount\":1,\"secrets\":\"***\"}");
    free(text);
    text = apigen_model_print(&charge_model, &c);
    CHECK_STR(text, "{\"amount\":1,\"secrets\":{\"pin\":\"1234\"}}");
    free(text);
    apigen_model_free(&charge_model, &c);
    CHECK(parse(&charge_model, "{\"amount\":1,\"secrets\":{\"pin\":5}}", &c, &errs) == -1);
    CHECK(errs.count == 1 && has_error(&errs, APIGEN_E_TYPE, "$.secrets.***"));
}

/* ----------------------------------------------------------------- writing ---- */

static void round_trips_parse_print_parse(void)
{
    charge c, d;
    apigen_errors errs;
    CHECK(parse(&charge_model, good_charge, &c, &errs) == 0);
    char *text = apigen_model_print(&charge_model, &c);
    CHECK_STR(text, "{\"amount\":5,\"metadata\":{\"a.b\":\"x\",\"it's\":\"y\",\"\xC3\xA9\":\"z\","
                    "\"q\\\"\":\"\"},\"counts\":{\"n\":2},\"owners\":{\"o\":{\"code\":1,"
                    "\"message\":\"m\"}},\"secrets\":{\"pin\":\"1234\"},\"zz\":1.5,\"y.y\":-2}");
    CHECK(text != NULL && parse(&charge_model, text, &d, &errs) == 0);
    char *again = apigen_model_print(&charge_model, &d);
    CHECK(text && again && strcmp(text, again) == 0);
    /* the tree writer agrees with the printer */
    cJSON *tree = apigen_model_to_json(&charge_model, &c);
    char *from_tree = apigen_json_print(tree);
    CHECK(text && from_tree && strcmp(text, from_tree) == 0);
    charge e;
    CHECK(apigen_model_from_json(&charge_model, tree, &e, &errs) == 0);
    CHECK(e.metadata_count == 4 && e.additional_count == 2 &&
          strcmp(e.metadata[2].key, "\xC3\xA9") == 0);
    apigen_model_free(&charge_model, &e);
    cJSON_Delete(tree);
    free(from_tree);
    free(again);
    free(text);
    apigen_model_free(&charge_model, &d);
    apigen_model_free(&charge_model, &c);
}

static void keys_are_escaped_when_written(void)
{
    meta_entry entries[] = {{(char *)"a\"b\\c\n", (char *)"v"}, {NULL, (char *)"w"}};
    bag b = {entries, 2};
    char *text = apigen_model_print(&bag_model, &b);
    CHECK_STR(text, "{\"m\":{\"a\\\"b\\\\c\\n\":\"v\",\"\":\"w\"}}");
    free(text);
}

/* --------------------------------------------------------------- hostile ---- */

/* A map of 10^6 keys: read, indexed for duplicates (hash and sort) and validated. Quadratic
 * work (10^12 comparisons) would run for hours, far past ctest's timeout. */
static void a_million_keys_parse_in_n_log_n(void)
{
    const size_t n = 1000000;
    size_t cap = 32 + n * 24;
    char *text = malloc(cap);
    size_t len = (size_t)snprintf(text, cap, "{\"m\":{");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s\"k%zu\":\"\"", i ? "," : "", i);
    size_t body = len;
    len += (size_t)snprintf(text + len, cap - len, "}}");
    bag b;
    apigen_errors errs;
    double t0 = seconds_now();
    CHECK(apigen_model_parse(&bag_model, text, len, &b, &errs) == 0);
    double t1 = seconds_now();
    CHECK(b.m_count == n);
    CHECK(apigen_model_validate(&bag_model, &b, &errs) == 0);
    double t2 = seconds_now();
    apigen_model_free(&bag_model, &b);
    fprintf(stderr, "  10^6 keys: parse %.3f s, validate %.3f s\n", t1 - t0, t2 - t1);
    /* every key the same: equal hashes all along */
    len = (size_t)snprintf(text, cap, "{\"m\":{");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s\"k\":\"\"", i ? "," : "");
    len += (size_t)snprintf(text + len, cap - len, "}}");
    CHECK(apigen_model_parse(&bag_model, text, len, &b, &errs) == -1);
    CHECK(errs.total == n - 1 && has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.m.k"));
    (void)body;
    free(text);
}

/* ------------------------------------------------------- allocation failures ---- */

static bool parse_charge_cleanly(void)
{
    charge c;
    apigen_errors errs;
    int rc = parse(&charge_model, good_charge, &c, &errs);
    if (rc == 0) {
        apigen_model_free(&charge_model, &c);
        return !alloc_failed;
    }
    return alloc_failed && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY &&
           all_zero(&c, sizeof c);
}

static bool read_charge_cleanly(void)
{
    cJSON *json = cJSON_Parse(good_charge);
    if (json == NULL)
        return alloc_failed;
    charge c;
    apigen_errors errs;
    int rc = apigen_model_from_json(&charge_model, json, &c, &errs);
    cJSON_Delete(json);
    if (rc == 0) {
        apigen_model_free(&charge_model, &c);
        return !alloc_failed;
    }
    return alloc_failed && has_error(&errs, APIGEN_E_NO_MEMORY, errs.items[0].path) &&
           all_zero(&c, sizeof c);
}

static charge written; /* read once, outside the failing runs */

static bool write_charge_cleanly(void)
{
    char *text = apigen_model_print(&charge_model, &written);
    char *debug = apigen_model_debug_string(&charge_model, &written);
    cJSON *tree = apigen_model_to_json(&charge_model, &written);
    apigen_errors errs;
    int rc = apigen_model_validate(&charge_model, &written, &errs);
    bool ok = alloc_failed || (text && debug && tree && rc == 0);
    ok = ok && (rc == 0 || (errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY));
    free(text);
    free(debug);
    cJSON_Delete(tree);
    return ok;
}

static bool validate_duplicates_cleanly(void)
{
    bag b;
    apigen_errors errs;
    int rc = parse(&bag_model, "{\"m\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}}", &b, &errs);
    return rc == -1 && errs.count == 1 &&
           (alloc_failed ? errs.items[0].code == APIGEN_E_NO_MEMORY
                         : has_error(&errs, APIGEN_E_DUPLICATE_KEY, "$.m.a")) &&
           all_zero(&b, sizeof b);
}

static void every_allocation_failure_is_clean(void)
{
    apigen_errors errs; /* compiles lower_pattern, which the failing runs keep */
    CHECK(parse(&charge_model, good_charge, &written, &errs) == 0);
    fail_each_allocation(parse_charge_cleanly, "parse");
    fail_each_allocation(read_charge_cleanly, "from_json");
    fail_each_allocation(validate_duplicates_cleanly, "duplicates");
    fail_each_allocation(write_charge_cleanly, "print, to_json, validate");
    apigen_model_free(&charge_model, &written);
}

int main(void)
{
    RUN_TEST(map_entries_keep_document_order);
    RUN_TEST(empty_map_is_present_and_prints_as_empty);
    RUN_TEST(map_violations_name_the_key);
    RUN_TEST(property_counts_count_every_property);
    RUN_TEST(duplicate_keys_are_reported_at_the_second);
    RUN_TEST(hostile_keys_are_refused);
    RUN_TEST(sensitive_map_values_are_never_shown);
    RUN_TEST(round_trips_parse_print_parse);
    RUN_TEST(keys_are_escaped_when_written);
    RUN_TEST(a_million_keys_parse_in_n_log_n);
    RUN_TEST(every_allocation_failure_is_clean);
    apigen_pattern_release(&lower_pattern);
    return fixtures_summary();
}
