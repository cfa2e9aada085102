/* vocab.c: the tables of vocab.h, expanded from its rows; and the compile-time checks that
 * every row names a model field and a runtime rule that exist. */
#include "vocab.h"

#include <string.h>

#include "model.h"
#include "names.h"

#define NAME_ROW(id, name, applies, field, rt) name,
const char *const vocab_keyword_names[KW_COUNT] = {APIGEN_SCHEMA_KEYWORDS(NAME_ROW)};
#undef NAME_ROW

#define APPLIES_ROW(id, name, applies, field, rt) VOCAB_##applies,
const vocab_applies vocab_keyword_applies[KW_COUNT] = {APIGEN_SCHEMA_KEYWORDS(APPLIES_ROW)};
#undef APPLIES_ROW

#define RUNTIME_ROW(id, name, applies, field, rt) #rt,
const char *const vocab_keyword_runtime[KW_COUNT] = {APIGEN_SCHEMA_KEYWORDS(RUNTIME_ROW)};
#undef RUNTIME_ROW

/* Every row's model field and runtime rule must exist: a keyword the checker reads but the
 * model cannot hold, or that names a rule the runtime lacks, does not compile. */
#define CHECK_ROW(id, name, applies, field, rt)                                                    \
    _Static_assert(offsetof(schema, field) < sizeof(schema), "model field of " name);              \
    _Static_assert((size_t)(rt) < ((size_t)1 << 20), "runtime rule of " name);
APIGEN_SCHEMA_KEYWORDS(CHECK_ROW)
#undef CHECK_ROW

#define FORMAT_ROW(id, name, check) {name, "APIGEN_FORMAT_" #id, APIGEN_FORMAT_##id},
const vocab_format vocab_formats[VOCAB_FORMAT_COUNT] = {APIGEN_FORMATS(FORMAT_ROW)};
#undef FORMAT_ROW

#define FORMAT_NAME_ROW(id, name, check) name,
const char *const vocab_format_names[VOCAB_FORMAT_COUNT] = {APIGEN_FORMATS(FORMAT_NAME_ROW)};
#undef FORMAT_NAME_ROW

const vocab_format *vocab_format_find(const char *name)
{
    for (size_t i = 0; i < VOCAB_FORMAT_COUNT; i++)
        if (strcmp(vocab_formats[i].name, name) == 0)
            return &vocab_formats[i];
    return NULL;
}

#define SUFFIX_ROW(id, suffix) suffix,
const char *const vocab_model_idents[VOCAB_MODEL_IDENT_COUNT] = {APIGEN_MODEL_IDENTS(SUFFIX_ROW)};
const char *const vocab_model_member_idents[VOCAB_MODEL_MEMBER_IDENT_COUNT] = {
    APIGEN_MODEL_MEMBER_IDENTS(SUFFIX_ROW)};
const char *const vocab_enum_idents[VOCAB_ENUM_IDENT_COUNT] = {APIGEN_ENUM_IDENTS(SUFFIX_ROW)};
const char *const vocab_model_map_idents[VOCAB_MODEL_MAP_IDENT_COUNT] = {
    APIGEN_MODEL_MAP_IDENTS(SUFFIX_ROW)};
const char *const vocab_enum_upper_idents[VOCAB_ENUM_UPPER_IDENT_COUNT] = {
    APIGEN_ENUM_UPPER_IDENTS(SUFFIX_ROW)};
const char *const vocab_operation_idents[VOCAB_OPERATION_IDENT_COUNT] = {
    APIGEN_OPERATION_IDENTS(SUFFIX_ROW)};
const char *const vocab_api_idents[VOCAB_API_IDENT_COUNT] = {APIGEN_API_IDENTS(SUFFIX_ROW)};
const char *const vocab_api_upper_idents[VOCAB_API_UPPER_IDENT_COUNT] = {
    APIGEN_API_UPPER_IDENTS(SUFFIX_ROW)};
const char *const vocab_type_idents[VOCAB_TYPE_IDENT_COUNT] = {APIGEN_TYPE_IDENTS(SUFFIX_ROW)};
const char *const vocab_union_idents[VOCAB_UNION_IDENT_COUNT] = {APIGEN_UNION_IDENTS(SUFFIX_ROW)};
#undef SUFFIX_ROW

/* The prefix and suffix of each struct member row. */
#define MEMBER_ROW(id, prefix, suffix) {prefix, suffix},
static const struct {
    const char *prefix, *suffix;
} member_idents[VOCAB_MEMBER_IDENT_COUNT] = {APIGEN_MEMBER_IDENTS(MEMBER_ROW)};
#undef MEMBER_ROW

const char *vocab_ident(arena *a, const char *base, const char *suffix)
{
    return arena_printf(a, "%s%s", base, suffix);
}

const char *vocab_field_ident(arena *a, const char *model, const char *stem,
                              vocab_model_member_ident id)
{
    return vocab_ident(a, names_join(a, model, stem), vocab_model_member_idents[id]);
}

const char *vocab_member(arena *a, vocab_member_ident id, const char *stem)
{
    const char *prefix = member_idents[id].prefix;
    return vocab_ident(a, prefix[0] ? names_join(a, prefix, stem) : stem, member_idents[id].suffix);
}

const char *vocab_operation_base(arena *a, const char *prefix, const char *op)
{
    return names_join(a, prefix, op);
}
