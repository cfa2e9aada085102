/* test_union: oneOf / anyOf values as tagged unions (apigen_rt.h, apigen_union;
 * templates/runtime/apigen_rt_union.c) on descriptor tables written by hand: choosing the
 * alternative by trying and by discriminator, both readers agreeing, the messages, validate,
 * writing back, freeing, allocation failures, and hostile nesting held to
 * APIGEN_UNION_TRIES_MAX. */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* id_or_detail: oneOf [string (minLength 2), integer, error_detail] */
typedef enum id_kind { ID_UNSET, ID_STRING, ID_INTEGER, ID_DETAIL } id_kind;
typedef struct id_or_detail {
    id_kind kind;
    union {
        char *string;
        int64_t integer;
        error_detail detail;
    } as;
} id_or_detail;

static const apigen_rules two_chars = {.bounds = APIGEN_B_MIN_LENGTH, .min_length = 2};
static const apigen_field id_alternatives[] = {
    {.name = "string",
     .kind = APIGEN_KIND_STRING,
     .offset = offsetof(id_or_detail, as.string),
     .rules = &two_chars},
    {.name = "integer", .kind = APIGEN_KIND_INT64, .offset = offsetof(id_or_detail, as.integer)},
    {.name = "detail",
     .kind = APIGEN_KIND_OBJECT,
     .offset = offsetof(id_or_detail, as.detail),
     .model = &error_detail_model},
};
static const apigen_union id_union = {"id_or_detail",
                                      sizeof(id_or_detail),
                                      offsetof(id_or_detail, kind),
                                      id_alternatives,
                                      3,
                                      true,
                                      NULL,
                                      NULL};
/* the same alternatives under anyOf */
static const apigen_union id_any = {
    "id_any", sizeof(id_or_detail), offsetof(id_or_detail, kind), id_alternatives, 3, false, NULL,
    NULL};

/* cat or dog by "kind" */
typedef struct cat {
    char *kind;
    char *name;
} cat;
typedef struct dog {
    char *kind;
    bool barks;
} dog;
static const apigen_field cat_fields[] = {
    {.name = "kind",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(cat, kind)},
    {.name = "name",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(cat, name)},
};
static const apigen_model cat_model = {"cat", sizeof(cat), cat_fields, 2, false, NULL, NULL};
static const apigen_field dog_fields[] = {
    {.name = "kind",
     .kind = APIGEN_KIND_STRING,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(dog, kind)},
    {.name = "barks",
     .kind = APIGEN_KIND_BOOL,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(dog, barks)},
};
static const apigen_model dog_model = {"dog", sizeof(dog), dog_fields, 2, false, NULL, NULL};
typedef struct pet_union {
    int kind;
    union {
        cat cat;
        dog dog;
    } as;
} pet_union;
static const apigen_field pet_alternatives[] = {
    {.name = "cat",
     .kind = APIGEN_KIND_OBJECT,
     .offset = offsetof(pet_union, as.cat),
     .model = &cat_model},
    {.name = "dog",
     .kind = APIGEN_KIND_OBJECT,
     .offset = offsetof(pet_union, as.dog),
     .model = &dog_model},
};
static const char *const pet_mapping[] = {"cat", "dog"};
static const apigen_union pet_by_kind = {
    "pet_union", sizeof(pet_union), offsetof(pet_union, kind), pet_alternatives, 2, true,
    "kind",      pet_mapping};

/* holder: {id (required), any_id, ids: [id], pet, tags: [id] uniqueItems} */
typedef struct holder {
    id_or_detail id;
    id_or_detail any_id;
    id_or_detail *ids;
    size_t ids_count;
    bool has_ids;
    pet_union pet;
} holder;
static const apigen_field holder_fields[] = {
    {.name = "id",
     .kind = APIGEN_KIND_UNION,
     .flags = APIGEN_F_REQUIRED,
     .offset = offsetof(holder, id),
     .union_ = &id_union},
    {.name = "any_id",
     .kind = APIGEN_KIND_UNION,
     .offset = offsetof(holder, any_id),
     .union_ = &id_any},
    {.name = "ids",
     .kind = APIGEN_KIND_UNION,
     .flags = APIGEN_F_ARRAY | APIGEN_F_HAS,
     .offset = offsetof(holder, ids),
     .count_offset = offsetof(holder, ids_count),
     .has_offset = offsetof(holder, has_ids),
     .union_ = &id_union},
    {.name = "pet",
     .kind = APIGEN_KIND_UNION,
     .offset = offsetof(holder, pet),
     .union_ = &pet_by_kind},
};
static const apigen_model holder_model = {"holder", sizeof(holder), holder_fields, 4,
                                          false,    NULL,           NULL};

/* Both readers (parse; from_json then validate) on text: the same return and first violation. */
static int read_both(const char *text, apigen_errors *errs)
{
    holder a, b;
    apigen_errors tree;
    int rc = parse(&holder_model, text, &a, errs);
    int rc2 = read_text(&holder_model, text, &b, &tree);
    if (rc2 == 0 && apigen_model_validate(&holder_model, &b, &tree) != 0) {
        rc2 = -1;
        apigen_model_free(&holder_model, &b);
    }
    CHECK(rc == rc2);
    if (rc != 0 && rc2 != 0 && errs->count > 0 && tree.count > 0) {
        CHECK(errs->items[0].code == tree.items[0].code);
        CHECK_STR(errs->items[0].path, tree.items[0].path);
    }
    if (rc == 0)
        apigen_model_free(&holder_model, &a);
    if (rc2 == 0)
        apigen_model_free(&holder_model, &b);
    return rc;
}

static void test_choice(void)
{
    apigen_errors errs;
    CHECK(read_both("{\"id\": \"ab\"}", &errs) == 0);
    CHECK(read_both("{\"id\": 7}", &errs) == 0);
    CHECK(read_both("{\"id\": {\"code\": 3}}", &errs) == 0);
    /* a rule of an alternative decides: "a" is too short for string, and is no integer */
    CHECK(read_both("{\"id\": \"a\"}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ONE_OF, "$.id"));
    CHECK(strstr(errs.items[0].message, "matches none of string, integer, detail") != NULL);
    CHECK(strstr(errs.items[0].message, "string: fewer") != NULL ||
          strstr(errs.items[0].message, "string: ") != NULL);
    CHECK(strlen(errs.items[0].message) < APIGEN_MESSAGE_MAX);
    CHECK(read_both("{\"id\": null}", &errs) == -1);
    CHECK(read_both("{}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.id"));
    /* arrays of unions: each item its own alternative */
    holder h;
    CHECK(parse(&holder_model, "{\"id\": 1, \"ids\": [\"xy\", 2, {\"code\": 1}]}", &h, &errs) == 0);
    CHECK(h.ids_count == 3 && h.ids[0].kind == ID_STRING && h.ids[1].kind == ID_INTEGER &&
          h.ids[2].kind == ID_DETAIL && h.ids[2].as.detail.code == 1);
    char *text = apigen_model_print(&holder_model, &h);
    CHECK_STR(text, "{\"id\":1,\"ids\":[\"xy\",2,{\"code\":1}]}");
    free(text);
    apigen_model_free(&holder_model, &h);
    CHECK(all_zero(&h, sizeof h));
    CHECK(read_both("{\"id\": 1, \"ids\": [\"xy\", true]}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ONE_OF, "$.ids[1]"));
}

/* Two alternatives that both accept a value break oneOf; anyOf keeps the first. */
static void test_one_of_two_matches(void)
{
    static const apigen_field both_alternatives[] = {
        {.name = "first", .kind = APIGEN_KIND_INT64, .offset = offsetof(id_or_detail, as.integer)},
        {.name = "second",
         .kind = APIGEN_KIND_DOUBLE,
         .offset = offsetof(id_or_detail, as.integer)},
    };
    static const apigen_union two = {
        "two", sizeof(id_or_detail), offsetof(id_or_detail, kind), both_alternatives, 2, true, NULL,
        NULL};
    static const apigen_union two_any = {"two_any",
                                         sizeof(id_or_detail),
                                         offsetof(id_or_detail, kind),
                                         both_alternatives,
                                         2,
                                         false,
                                         NULL,
                                         NULL};
    const apigen_field fields[] = {
        {.name = "v", .kind = APIGEN_KIND_UNION, .flags = APIGEN_F_REQUIRED, .union_ = &two},
        {.name = "w",
         .kind = APIGEN_KIND_UNION,
         .offset = sizeof(id_or_detail),
         .union_ = &two_any},
    };
    const apigen_model m = {"m", 2 * sizeof(id_or_detail), fields, 2, false, NULL, NULL};
    id_or_detail v[2];
    apigen_errors errs;
    CHECK(parse(&m, "{\"v\": 1.5}", v, &errs) == 0 && v[0].kind == 2);
    apigen_model_free(&m, v);
    CHECK(parse(&m, "{\"v\": 1}", v, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_ONE_OF, "$.v"));
    CHECK(strstr(errs.items[0].message, "matches both first and second") != NULL);
    CHECK(all_zero(v, sizeof v));
    CHECK(read_text(&m, "{\"v\": 1}", v, &errs) == -1 && has_error(&errs, APIGEN_E_ONE_OF, "$.v"));
    CHECK(parse(&m, "{\"v\": 1.5, \"w\": 1}", v, &errs) == 0 && v[1].kind == 1);
    apigen_model_free(&m, v);
}

static void test_discriminator(void)
{
    apigen_errors errs;
    holder h;
    CHECK(parse(&holder_model, "{\"id\": 1, \"pet\": {\"kind\": \"dog\", \"barks\": true}}", &h,
                &errs) == 0);
    CHECK(h.pet.kind == 2 && h.pet.as.dog.barks);
    apigen_model_free(&holder_model, &h);
    /* only the selected alternative is read: its own violations, at its paths */
    CHECK(read_both("{\"id\": 1, \"pet\": {\"kind\": \"dog\", \"name\": \"x\"}}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.pet.barks") && errs.count == 1);
    CHECK(read_both("{\"id\": 1, \"pet\": {\"kind\": \"cow\"}}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_DISCRIMINATOR, "$.pet.kind"));
    CHECK_STR(errs.items[0].message, "\"cow\" is not one of \"cat\", \"dog\"");
    CHECK(read_both("{\"id\": 1, \"pet\": {\"name\": \"x\"}}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_REQUIRED, "$.pet.kind"));
    CHECK(read_both("{\"id\": 1, \"pet\": {\"kind\": [\"cat\"]}}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.pet.kind"));
    CHECK(read_both("{\"id\": 1, \"pet\": 3}", &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.pet"));
    /* validate: the held alternative's discriminator must select it */
    CHECK(parse(&holder_model, "{\"id\": 1, \"pet\": {\"kind\": \"cat\", \"name\": \"m\"}}", &h,
                &errs) == 0);
    CHECK(apigen_model_validate(&holder_model, &h, &errs) == 0);
    h.pet.as.cat.kind[0] = 'b';
    CHECK(apigen_model_validate(&holder_model, &h, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_DISCRIMINATOR, "$.pet.kind"));
    h.pet.kind = 5; /* no alternative */
    CHECK(apigen_model_validate(&holder_model, &h, &errs) == -1);
    CHECK(has_error(&errs, APIGEN_E_TYPE, "$.pet"));
    h.pet.kind = 1;
    apigen_model_free(&holder_model, &h);
}

static void test_write_and_free(void)
{
    holder h;
    memset(&h, 0, sizeof h);
    h.id.kind = ID_DETAIL;
    h.id.as.detail.code = 4;
    cJSON *j = apigen_model_to_json(&holder_model, &h);
    char *text = j ? cJSON_PrintUnformatted(j) : NULL;
    CHECK_STR(text, "{\"id\":{\"code\":4}}");
    free(text);
    cJSON_Delete(j);
    text = apigen_model_debug_string(&holder_model, &h);
    CHECK_STR(text, "{\"id\":{\"code\":4}}");
    free(text);
    /* a union held alone */
    id_or_detail v = {ID_STRING, {.string = NULL}};
    v.as.string = malloc(3);
    memcpy(v.as.string, "ab", 3);
    apigen_union_free(&id_union, &v);
    CHECK(v.kind == ID_UNSET && v.as.string == NULL);
    apigen_union_free(&id_union, &v);
    apigen_union_free(&id_union, NULL);
}

/* Hostile nesting: level i is anyOf [A_i, B_i], both {"n": level i+1}, the last level an
 * integer. A document whose innermost value fails makes every level try both alternatives:
 * 2^DEPTH tries without the bound; APIGEN_UNION_TRIES_MAX ends it. */
#define DEPTH 40
typedef struct nest {
    int kind;
    int64_t pad; /* as: each alternative an object whose one field is the next level */
    unsigned char rest[8 * DEPTH];
} nest;
static apigen_field level_alts[DEPTH + 1][2];
static apigen_field level_obj_field[DEPTH + 1];
static apigen_model level_obj[DEPTH + 1];
static apigen_union level[DEPTH + 1];

static void build_nest(void)
{
    /* level DEPTH: integer; size of level i: 8 (kind, padded) + size of level i + 1 */
    for (int i = DEPTH; i >= 0; i--) {
        size_t inner = i == DEPTH ? sizeof(int64_t) : level[i + 1].size;
        for (int k = 0; k < 2; k++) {
            apigen_field *f = &level_alts[i][k];
            memset(f, 0, sizeof *f);
            f->name = k == 0 ? "a" : "b";
            f->offset = 8;
            if (i == DEPTH) {
                f->kind = APIGEN_KIND_INT64;
            } else {
                f->kind = APIGEN_KIND_OBJECT;
                f->model = &level_obj[i];
            }
        }
        if (i < DEPTH) {
            level_obj_field[i] = (apigen_field){.name = "n",
                                                .kind = APIGEN_KIND_UNION,
                                                .flags = APIGEN_F_REQUIRED,
                                                .union_ = &level[i + 1]};
            level_obj[i] =
                (apigen_model){"obj", level[i + 1].size, &level_obj_field[i], 1, false, NULL, NULL};
        }
        level[i] = (apigen_union){"nest", 8 + inner, 0, level_alts[i], 2, false, NULL, NULL};
    }
}

static void test_hostile_nesting(void)
{
    build_nest();
    CHECK(level[0].size <= sizeof(nest));
    const apigen_field top_field = {
        .name = "v", .kind = APIGEN_KIND_UNION, .flags = APIGEN_F_REQUIRED, .union_ = &level[0]};
    const apigen_model top = {"top", sizeof(nest), &top_field, 1, false, NULL, NULL};
    static char doc[16 * DEPTH + 64];
    size_t n = 0;
    n += (size_t)snprintf(doc + n, sizeof doc - n, "{\"v\": ");
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)snprintf(doc + n, sizeof doc - n, "{\"n\": ");
    size_t hole = n;
    n += (size_t)snprintf(doc + n, sizeof doc - n, "\"x\"");
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)snprintf(doc + n, sizeof doc - n, "}");
    snprintf(doc + n, sizeof doc - n, "}");
    nest v;
    apigen_errors errs;
    CHECK(parse(&top, doc, &v, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_UNION_LIMIT);
    CHECK_STR(errs.items[0].path, "$.v");
    CHECK(read_text(&top, doc, &v, &errs) == -1);
    CHECK(errs.count == 1 && errs.items[0].code == APIGEN_E_UNION_LIMIT);
    /* a valid document of the same depth takes the first alternative at each level */
    memcpy(doc + hole, "7  ", 3);
    CHECK(parse(&top, doc, &v, &errs) == 0);
    apigen_model_free(&top, &v);
}

/* Every allocation of reading, writing and trying alternatives may fail: reported once, nothing
 * leaks (the sanitizers' run), the struct left empty. */
static const char *oom_text =
    "{\"id\": {\"code\": 1, \"message\": \"m\"}, \"any_id\": \"ab\", \"ids\": [\"xy\", 3], "
    "\"pet\": {\"kind\": \"cat\", \"name\": \"n\"}}";

static bool parse_under_failures(void)
{
    holder h;
    apigen_errors errs;
    int rc = parse(&holder_model, oom_text, &h, &errs);
    if (rc == 0) {
        char *text = apigen_model_print(&holder_model, &h);
        cJSON *j = apigen_model_to_json(&holder_model, &h);
        free(text);
        cJSON_Delete(j);
        apigen_model_free(&holder_model, &h);
        return true;
    }
    return all_zero(&h, sizeof h) && errs.count == 1 && errs.items[0].code == APIGEN_E_NO_MEMORY;
}

static bool from_json_under_failures(void)
{
    cJSON *j = cJSON_Parse(oom_text);
    if (j == NULL)
        return true;
    holder h;
    apigen_errors errs;
    int rc = apigen_model_from_json(&holder_model, j, &h, &errs);
    cJSON_Delete(j);
    if (rc == 0) {
        apigen_model_free(&holder_model, &h);
        return true;
    }
    bool reported = false;
    for (size_t i = 0; i < errs.count; i++)
        reported |= errs.items[i].code == APIGEN_E_NO_MEMORY;
    return all_zero(&h, sizeof h) && reported;
}

/* The tries budget is per outermost union value: a long array of small unions (a list endpoint
 * answering 20000 items whose "id" is oneOf of three) reads whole, by parse and by from_json,
 * and the last item's kind is right. */
typedef struct id_list {
    id_or_detail *items;
    size_t items_count;
} id_list;
static const apigen_field id_list_fields[] = {
    {.name = "items",
     .kind = APIGEN_KIND_UNION,
     .flags = APIGEN_F_REQUIRED | APIGEN_F_ARRAY,
     .offset = offsetof(id_list, items),
     .count_offset = offsetof(id_list, items_count),
     .union_ = &id_union},
};
static const apigen_model id_list_model = {
    "id_list", sizeof(id_list), id_list_fields, 1, false, NULL, NULL};

static void test_budget_per_value(void)
{
    enum { N = 20000 };
    size_t cap = 32 + (size_t)N * 8, n = 0;
    char *doc = malloc(cap);
    n += (size_t)snprintf(doc + n, cap - n, "{\"items\":[");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(doc + n, cap - n, "%s%d", i ? "," : "", i);
    n += (size_t)snprintf(doc + n, cap - n, ",\"ab\"]}");
    id_list v;
    apigen_errors errs;
    CHECK(apigen_model_parse(&id_list_model, doc, n, &v, &errs) == 0);
    CHECK(v.items_count == N + 1 && v.items[N - 1].kind == ID_INTEGER &&
          v.items[N - 1].as.integer == N - 1 && v.items[N].kind == ID_STRING);
    apigen_model_free(&id_list_model, &v);
    cJSON *j = cJSON_ParseWithLength(doc, n);
    CHECK(apigen_model_from_json(&id_list_model, j, &v, &errs) == 0 && v.items_count == N + 1);
    apigen_model_free(&id_list_model, &v);
    cJSON_Delete(j);
    free(doc);
}

static void test_allocation_failures(void)
{
    fail_each_allocation(parse_under_failures, "parse");
    fail_each_allocation(from_json_under_failures, "from_json");
}

int main(void)
{
    RUN_TEST(test_choice);
    RUN_TEST(test_one_of_two_matches);
    RUN_TEST(test_discriminator);
    RUN_TEST(test_write_and_free);
    RUN_TEST(test_hostile_nesting);
    RUN_TEST(test_budget_per_value);
    RUN_TEST(test_allocation_failures);
    return fixtures_summary();
}
