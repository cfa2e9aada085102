/* vocab.h: the generator's vocabulary, declared once: the schema keywords a spec may use, the
 * string formats (the runtime's APIGEN_FORMATS, templates/runtime/apigen_rt.h, is their only
 * list) and the identifiers generated code derives from a C type name. What expands the rows:
 * the checker (check_schema.c: which keywords exist, which types they apply to, "did you
 * mean") and the C naming (layout.c, the identifier lists). view.c, tables.c and export.c only
 * spell keywords and runtime rules through them (KW, KW_RT): each decides by hand which
 * keywords it writes, in its own order (the export's key order is not the rows' order), so a
 * new keyword must be added to each, and the tests below catch the one left out.
 * tests/unit/test_generator.c checks that the editor schema (schema/apigen-spec.schema.json)
 * and the runtime's APIGEN_MODEL_FUNCTIONS list the same.
 *
 * Adding a schema keyword: one row in APIGEN_SCHEMA_KEYWORDS (vocab.c then fails to compile
 * until the model has the field it names and the runtime the rule it names), its reading in
 * check_schema.c, its rule in tables.c and view.c, its key in export.c, its check in the
 * runtime, a sample in tests/unit/test_keywords.c (a value the runtime refuses, or the output
 * the keyword reaches: the build fails until it is there; test keyword_samples while tables.c
 * or the runtime does not enforce it, keyword_export while export.c forgets it), its use in
 * tests/behaviour/behaviour.yaml (tables_match_generated fails until it is there, and while
 * view.c's generated tables differ from tables.c's), and its entry in the editor schema (a test
 * fails until it is there).
 * Adding a string format: one row in APIGEN_FORMATS plus one check function in the runtime;
 * the checker, view and export follow the table, and a test fails until the editor schema
 * lists it. */
#ifndef APIGEN_VOCAB_H
#define APIGEN_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "apigen_rt.h"
#include "arena.h"

/* ------------------------------------------------------------ schema keywords ---- */

/* Every keyword of a schema, in the order "did you mean" prefers them (the first of equally
 * close candidates wins):
 *   X(ID, "spelling", APPLIES, model field, runtime)
 * APPLIES: EVERY type, or only STRING, NUMBER (integer and number), ARRAY, OBJECT or ENUMERABLE
 *   (string and integer) schemas;
 *   another type is an error ("'minLength' applies to string schemas").
 * model field: the member of `schema` (model.h) that holds it (vocab.c checks it exists).
 * runtime: what the runtime enforces it with: a flag of apigen_field (APIGEN_F_*) or of
 *   apigen_rules.bounds (APIGEN_B_*), a kind (APIGEN_KIND_*), a member of a runtime table
 *   (VOCAB_RT_MEMBER), or VOCAB_RT_DOC for what the runtime does not check (documentation, and
 *   values the generator checks itself). vocab.c compiles every one of them, so a row naming a
 *   rule the runtime lacks fails the build. */
#define APIGEN_SCHEMA_KEYWORDS(X)                                                                  \
    X(TYPE, "type", EVERY, type, VOCAB_RT_MEMBER(apigen_field, kind))                              \
    X(REF, "$ref", EVERY, ref_name, VOCAB_RT_MEMBER(apigen_field, model))                          \
    X(DESCRIPTION, "description", EVERY, description, VOCAB_RT_DOC)                                \
    X(TITLE, "title", EVERY, title, VOCAB_RT_DOC)                                                  \
    X(NULLABLE, "nullable", EVERY, nullable, APIGEN_F_NULLABLE)                                    \
    X(DEFAULT, "default", EVERY, default_value, VOCAB_RT_DOC)                                      \
    X(CONST, "const", EVERY, const_value, APIGEN_B_CONST)                                          \
    X(EXAMPLE, "example", EVERY, example, VOCAB_RT_DOC)                                            \
    X(ENUM, "enum", ENUMERABLE, enum_values, APIGEN_KIND_ENUM)                                     \
    X(PATTERN, "pattern", STRING, pattern, VOCAB_RT_MEMBER(apigen_rules, pattern))                 \
    X(MIN_LENGTH, "minLength", STRING, min_length, APIGEN_B_MIN_LENGTH)                            \
    X(MAX_LENGTH, "maxLength", STRING, max_length, APIGEN_B_MAX_LENGTH)                            \
    X(FORMAT, "format", EVERY, format_name, VOCAB_RT_MEMBER(apigen_rules, format))                 \
    X(SENSITIVE, "sensitive", EVERY, sensitive, APIGEN_F_SENSITIVE)                                \
    X(READ_ONLY, "readOnly", EVERY, read_only, APIGEN_F_READ_ONLY)                                 \
    X(WRITE_ONLY, "writeOnly", EVERY, write_only, APIGEN_F_WRITE_ONLY)                             \
    X(MINIMUM, "minimum", NUMBER, minimum, APIGEN_B_MINIMUM)                                       \
    X(MAXIMUM, "maximum", NUMBER, maximum, APIGEN_B_MAXIMUM)                                       \
    X(EXCLUSIVE_MINIMUM, "exclusiveMinimum", NUMBER, exclusive_minimum,                            \
      APIGEN_B_EXCLUSIVE_MINIMUM)                                                                  \
    X(EXCLUSIVE_MAXIMUM, "exclusiveMaximum", NUMBER, exclusive_maximum,                            \
      APIGEN_B_EXCLUSIVE_MAXIMUM)                                                                  \
    X(ITEMS, "items", ARRAY, items, APIGEN_F_ARRAY)                                                \
    X(MIN_ITEMS, "minItems", ARRAY, min_items, APIGEN_B_MIN_ITEMS)                                 \
    X(MAX_ITEMS, "maxItems", ARRAY, max_items, APIGEN_B_MAX_ITEMS)                                 \
    X(UNIQUE_ITEMS, "uniqueItems", ARRAY, unique_items, APIGEN_B_UNIQUE_ITEMS)                     \
    X(PROPERTIES, "properties", OBJECT, props, APIGEN_KIND_OBJECT)                                 \
    X(REQUIRED, "required", OBJECT, props, APIGEN_F_REQUIRED)                                      \
    X(ADDITIONAL_PROPERTIES, "additionalProperties", OBJECT, closed,                               \
      VOCAB_RT_MEMBER(apigen_model, closed))                                                       \
    X(PROPERTY_NAMES, "propertyNames", OBJECT, property_names,                                     \
      VOCAB_RT_MEMBER(apigen_rules, property_names))                                               \
    X(MIN_PROPERTIES, "minProperties", OBJECT, min_properties, APIGEN_B_MIN_PROPERTIES)            \
    X(MAX_PROPERTIES, "maxProperties", OBJECT, max_properties, APIGEN_B_MAX_PROPERTIES)            \
    X(DEPRECATED, "deprecated", EVERY, deprecated, VOCAB_RT_DOC)                                   \
    X(MULTIPLE_OF, "multipleOf", NUMBER, multiple_of, APIGEN_B_MULTIPLE_OF)                        \
    X(EXTENSIBLE, "extensible", ENUMERABLE, extensible, APIGEN_KIND_OPEN_ENUM)                     \
    X(ONE_OF, "oneOf", EVERY, alts, VOCAB_RT_MEMBER(apigen_union, one_of))                         \
    X(ANY_OF, "anyOf", EVERY, alts, APIGEN_KIND_UNION)                                             \
    X(DISCRIMINATOR, "discriminator", EVERY, discriminator,                                        \
      VOCAB_RT_MEMBER(apigen_union, discriminator))                                                \
    X(ALL_OF, "allOf", EVERY, all_of, VOCAB_RT_DOC)

/* The runtime column's spellings that are not a flag or kind constant. */
#define VOCAB_RT_MEMBER(type, member) offsetof(type, member)
#define VOCAB_RT_DOC                  0

/* KW_TYPE, KW_REF, ... in row order; KW_COUNT keywords. */
typedef enum vocab_keyword {
#define VOCAB_KEYWORD_ENUM_ROW(id, name, applies, field, rt) KW_##id,
    APIGEN_SCHEMA_KEYWORDS(VOCAB_KEYWORD_ENUM_ROW)
#undef VOCAB_KEYWORD_ENUM_ROW
        KW_COUNT
} vocab_keyword;

/* The schema types a keyword applies to. */
typedef enum vocab_applies {
    VOCAB_EVERY,
    VOCAB_STRING,
    VOCAB_NUMBER, /* integer and number */
    VOCAB_ARRAY,
    VOCAB_OBJECT,
    VOCAB_ENUMERABLE /* string and integer (enum) */
} vocab_applies;

/* The spelling of each keyword in a spec ("minLength"), indexed by vocab_keyword. */
extern const char *const vocab_keyword_names[KW_COUNT];

/* The types each keyword applies to, indexed by vocab_keyword. */
extern const vocab_applies vocab_keyword_applies[KW_COUNT];

/* The runtime column of each keyword as written in its row ("APIGEN_B_MIN_LENGTH"), indexed by
 * vocab_keyword: view.c writes the flags into generated code from here. */
extern const char *const vocab_keyword_runtime[KW_COUNT];

/* The spelling of keyword id: KW(MIN_LENGTH) is "minLength". */
#define KW(id) (vocab_keyword_names[KW_##id])

/* The runtime column of keyword id: KW_RT(MIN_LENGTH) is "APIGEN_B_MIN_LENGTH". */
#define KW_RT(id) (vocab_keyword_runtime[KW_##id])

/* ---------------------------------------------------------------- formats ---- */

/* One string format of the runtime's APIGEN_FORMATS. */
typedef struct vocab_format {
    const char *name;    /* in a spec and in JSON Schema: "date-time" */
    const char *c_const; /* the runtime's enum constant: "APIGEN_FORMAT_DATE_TIME" */
    apigen_format id;    /* that constant */
} vocab_format;

#define VOCAB_FORMAT_COUNT ((size_t)APIGEN_FORMAT_END - 1)

/* Every format, in the runtime's order. */
extern const vocab_format vocab_formats[VOCAB_FORMAT_COUNT];

/* Their names, for "did you mean". */
extern const char *const vocab_format_names[VOCAB_FORMAT_COUNT];

/* The format spelled `name`, or NULL when the runtime has none of that name. The checker looks a
 * format up once and keeps the row in the model (schema.format); later stages read it there. */
const vocab_format *vocab_format_find(const char *name);

/* ---------------------------------------------------- generated identifiers ---- */

/* Every identifier generated code declares is a base name plus a suffix of one of these lists
 * (X(ID, suffix), or X(ID, prefix, suffix) for struct members); layout.c claims each against
 * collisions and reserved names, and view.c hands the full names to the templates.
 *
 * Beside a model's type name T: T_init, T_model ... The functions are APIGEN_MODEL_FUNCTIONS(T)
 * of the runtime (a test compares the two lists); T_model and T_fields are the descriptor tables
 * of templates/api.c.mustache. */
#define APIGEN_MODEL_IDENTS(X)                                                                     \
    X(INIT, "_init")                                                                               \
    X(FREE, "_free")                                                                               \
    X(FROM_JSON, "_from_json")                                                                     \
    X(TO_JSON, "_to_json")                                                                         \
    X(VALIDATE, "_validate")                                                                       \
    X(PARSE, "_parse")                                                                             \
    X(PRINT, "_print")                                                                             \
    X(DEBUG_STRING, "_debug_string")                                                               \
    X(MODEL, "_model")                                                                             \
    X(FIELDS, "_fields")

/* Beside member `stem` of model T, after names_join(T, stem): its rules table T_stem_rules, and
 * for a map (or a free-form object) the rules of its keys T_stem_propertyNames: camel case, which
 * no snake case stem of a nested model's property spells (T_stem + _name + _rules could). A
 * model's own object rules and additional map take the stems of APIGEN_MODEL_MAP_IDENTS. */
#define APIGEN_MODEL_MEMBER_IDENTS(X)                                                              \
    X(RULES, "_rules")                                                                             \
    X(NAME_RULES, "_propertyNames")

/* The struct members beside member `stem` (names the model's shape calls for,
 * schema_member_shape): its presence flag has_x (prefix joined by names_join), item count
 * x_count and JSON null flag x_is_null (suffixes).
 *   X(ID, prefix, suffix) */
#define APIGEN_MEMBER_IDENTS(X)                                                                    \
    X(HAS, "has", "")                                                                              \
    X(COUNT, "", "_count")                                                                         \
    X(IS_NULL, "", "_is_null")

/* The stems of what a model with `additionalProperties: <schema>` beside `properties` (or with
 * object rules) adds: its map member `additional` (with additional_count and the entry type
 * T_additional_entry), its values' rules T_additionalProperties_rules, and its object rules
 * T_allProperties_rules and T_allProperties_propertyNames (camel case, which no property's snake
 * case stem spells). A property whose member would spell one of the map's members gets a
 * trailing '_' (layout.c). */
#define APIGEN_MODEL_MAP_IDENTS(X)                                                                 \
    X(ADDITIONAL, "additional")                                                                    \
    X(VALUES, "additionalProperties")                                                              \
    X(OBJECT, "allProperties")

/* Beside an enum's type name T: its JSON strings and its descriptor. */
#define APIGEN_ENUM_IDENTS(X)                                                                      \
    X(VALUES, "_values")                                                                           \
    X(ENUM, "_enum")

/* Beside an open (extensible) enum's type name T: the struct of its value, T_open (value and
 * other text, apigen_open_enum's layout); beside its upper-case base U: the constant of any
 * other value, U_OTHER. Claimed for open enums only, so a closed enum may list "other". */
#define APIGEN_OPEN_ENUM_IDENT       "_open"
#define APIGEN_OPEN_ENUM_UPPER_IDENT "_OTHER"

/* Beside an enum's upper-case base U (the stem of its constants): its 0 constant U_UNSET. */
#define APIGEN_ENUM_UPPER_IDENTS(X) X(UNSET, "_UNSET")

/* Beside a union's type name T (a oneOf/anyOf schema): its kind enum T_kind, its alternatives'
 * descriptors, its apigen_union and the function that frees one. Its constants are its upper-case
 * base U's: U_UNSET (APIGEN_ENUM_UPPER_IDENTS) and U_<MEMBER> for each alternative. */
#define APIGEN_UNION_IDENTS(X)                                                                     \
    X(KIND, "_kind")                                                                               \
    X(ALTERNATIVES, "_alternatives")                                                               \
    X(UNION, "_union")                                                                             \
    X(FREE, "_free")                                                                               \
    X(MAPPING, "_mapping")

/* Beside an operation's base name prefix_op (vocab_operation_base), which is itself the name of
 * its typed call (templates/api.h.mustache): its response table, its error-code table, its
 * result struct and the function that frees one, its auth-scheme and security-requirement
 * tables. */
#define APIGEN_OPERATION_IDENTS(X)                                                                 \
    X(RESPONSES, "_responses")                                                                     \
    X(ERROR_CODES, "_error_codes")                                                                 \
    X(RESULT, "_result")                                                                           \
    X(RESULT_FREE, "_result_free")                                                                 \
    X(AUTH, "_auth")                                                                               \
    X(SECURITY, "_security")

/* The constant of a documented application error code: upper-case prefix + this + the code
 * (APPLIVERY_ERROR_6001), for codes that are non-negative integers or identifiers. */
#define APIGEN_ERROR_CODE_IDENT "_ERROR_"

/* The identifiers of the API itself, after its prefix (prefix_operations) or upper-case prefix
 * (PREFIX_BASE_URL, the header guard PREFIX_H). */
#define APIGEN_API_IDENTS(X)                                                                       \
    X(OPERATIONS, "_operations")                                                                   \
    X(OPERATION_COUNT, "_operation_count")                                                         \
    X(CLEANUP, "_cleanup")                                                                         \
    X(PATTERNS, "_patterns")
#define APIGEN_API_UPPER_IDENTS(X)                                                                 \
    X(BASE_URL, "_BASE_URL")                                                                       \
    X(GUARD, "_H")

/* The type names layout.c derives from a base name: an array's item type (T_item, T the
 * array's), an operation's parameter groups and bodies after its base name prefix_op
 * (prefix_op_path_params, prefix_op_request, prefix_op_response_ + the status:
 * prefix_op_response_200), and T_type for a type name T that is reserved or whose derived
 * identifiers are; a response's documented headers prefix_op_headers_ + the status
 * (prefix_op_headers_200), returned from a result by prefix_op_result + that suffix
 * (prefix_op_result_headers_200). */
#define APIGEN_TYPE_IDENTS(X)                                                                      \
    X(ITEM, "_item")                                                                               \
    X(PATH_PARAMS, "_path_params")                                                                 \
    X(QUERY_PARAMS, "_query_params")                                                               \
    X(HEADER_PARAMS, "_header_params")                                                             \
    X(REQUEST, "_request")                                                                         \
    X(RESPONSE, "_response_")                                                                      \
    X(ESCAPED, "_type")                                                                            \
    X(ENTRY, "_entry")                                                                             \
    X(VALUE, "_value")                                                                             \
    X(COOKIE_PARAMS, "_cookie_params")                                                             \
    X(HEADERS, "_headers_")

typedef enum vocab_model_ident {
#define VOCAB_IDENT_ROW(id, suffix) MODEL_IDENT_##id,
    APIGEN_MODEL_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_MODEL_IDENT_COUNT
} vocab_model_ident;

typedef enum vocab_model_member_ident {
#define VOCAB_IDENT_ROW(id, suffix) MODEL_MEMBER_IDENT_##id,
    APIGEN_MODEL_MEMBER_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_MODEL_MEMBER_IDENT_COUNT
} vocab_model_member_ident;

typedef enum vocab_member_ident {
#define VOCAB_IDENT_ROW(id, prefix, suffix) MEMBER_IDENT_##id,
    APIGEN_MEMBER_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_MEMBER_IDENT_COUNT
} vocab_member_ident;

typedef enum vocab_model_map_ident {
#define VOCAB_IDENT_ROW(id, stem) MODEL_MAP_IDENT_##id,
    APIGEN_MODEL_MAP_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_MODEL_MAP_IDENT_COUNT
} vocab_model_map_ident;

typedef enum vocab_enum_ident {
#define VOCAB_IDENT_ROW(id, suffix) ENUM_IDENT_##id,
    APIGEN_ENUM_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_ENUM_IDENT_COUNT
} vocab_enum_ident;

typedef enum vocab_enum_upper_ident {
#define VOCAB_IDENT_ROW(id, suffix) ENUM_UPPER_IDENT_##id,
    APIGEN_ENUM_UPPER_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_ENUM_UPPER_IDENT_COUNT
} vocab_enum_upper_ident;

typedef enum vocab_union_ident {
#define VOCAB_IDENT_ROW(id, suffix) UNION_IDENT_##id,
    APIGEN_UNION_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_UNION_IDENT_COUNT
} vocab_union_ident;

typedef enum vocab_operation_ident {
#define VOCAB_IDENT_ROW(id, suffix) OPERATION_IDENT_##id,
    APIGEN_OPERATION_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_OPERATION_IDENT_COUNT
} vocab_operation_ident;

typedef enum vocab_api_ident {
#define VOCAB_IDENT_ROW(id, suffix) API_IDENT_##id,
    APIGEN_API_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_API_IDENT_COUNT
} vocab_api_ident;

typedef enum vocab_api_upper_ident {
#define VOCAB_IDENT_ROW(id, suffix) API_UPPER_IDENT_##id,
    APIGEN_API_UPPER_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_API_UPPER_IDENT_COUNT
} vocab_api_upper_ident;

typedef enum vocab_type_ident {
#define VOCAB_IDENT_ROW(id, suffix) TYPE_IDENT_##id,
    APIGEN_TYPE_IDENTS(VOCAB_IDENT_ROW)
#undef VOCAB_IDENT_ROW
        VOCAB_TYPE_IDENT_COUNT
} vocab_type_ident;

/* The suffixes of each list above, by their enums. */
extern const char *const vocab_model_idents[VOCAB_MODEL_IDENT_COUNT];
extern const char *const vocab_model_member_idents[VOCAB_MODEL_MEMBER_IDENT_COUNT];
extern const char *const vocab_enum_idents[VOCAB_ENUM_IDENT_COUNT];
extern const char *const vocab_model_map_idents[VOCAB_MODEL_MAP_IDENT_COUNT];
extern const char *const vocab_enum_upper_idents[VOCAB_ENUM_UPPER_IDENT_COUNT];
extern const char *const vocab_operation_idents[VOCAB_OPERATION_IDENT_COUNT];
extern const char *const vocab_union_idents[VOCAB_UNION_IDENT_COUNT];
extern const char *const vocab_api_idents[VOCAB_API_IDENT_COUNT];
extern const char *const vocab_api_upper_idents[VOCAB_API_UPPER_IDENT_COUNT];
extern const char *const vocab_type_idents[VOCAB_TYPE_IDENT_COUNT];

/* The one member of a body's own model (layout.c: a body that is not an object with
 * properties, field flag APIGEN_F_ROOT): `items` (+ items_count) for an array body, `value` for
 * any other (a scalar, any JSON, a free-form or nullable object). */
#define APIGEN_BODY_ITEMS_MEMBER "items"
#define APIGEN_BODY_VALUE_MEMBER "value"
/* ... and `entries` (+ entries_count) for a map body (additionalProperties: <schema> alone) */
#define APIGEN_BODY_ENTRIES_MEMBER "entries"

/* The two members of an array alternative's struct in a union's `as` (view.c):
 * `struct { char **items; size_t count; } array;` */
#define APIGEN_ALT_ITEMS_MEMBER "items"
#define APIGEN_ALT_COUNT_MEMBER "count"

/* base + suffix, in arena a: vocab_ident(a, "shop_pet", vocab_model_idents[MODEL_IDENT_MODEL])
 * is "shop_pet_model". */
const char *vocab_ident(arena *a, const char *base, const char *suffix);

/* Identifier `id` of member `stem` of model `model` (its field): "shop_pet_name_rules" (names_join,
 * so a stem's leading '_' is not doubled). */
const char *vocab_field_ident(arena *a, const char *model, const char *stem,
                              vocab_model_member_ident id);

/* Struct member `id` beside member `stem`: "has_name", "tags_count", "note_is_null". */
const char *vocab_member(arena *a, vocab_member_ident id, const char *stem);

/* The base name of operation `op` (its C name, never starting with '_') of API `prefix`:
 * "shop_get_pet", to which the operation's identifiers and type names are appended. */
const char *vocab_operation_base(arena *a, const char *prefix, const char *op);

#endif
