/* apigen_rt.h: the runtime every apigen-generated model calls.
 * Generated code is tables (apigen_model / apigen_field) plus thin typed wrappers; all
 * per-field logic (JSON reading and writing, validation, freeing) lives here, tested once.
 * The generator copies this file verbatim into OUTDIR/runtime/. Needs cJSON and PCRE2; the
 * transport (apigen_client.c, section "transport") needs libcurl too. */
#ifndef APIGEN_RT_H
#define APIGEN_RT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Generated headers refuse to compile against a runtime of another version. Bump it whenever
 * code generated now could use something the previous runtime lacks or reads differently: a
 * new format, violation code, flag or rule field, a changed descriptor layout or enum value
 * (4: formats ipv4 and ipv6, and the runtime split into apigen_rt_*.c; 5: the client: auth,
 * content types and error codes in apigen_operation, requests, results; kinds INT32 and OPEN_ENUM,
 * integer enums, multipleOf, the request and response directions). Moving code between the
 * runtime's files alone does not need a bump. */
#define APIGEN_RT_VERSION 5

/* The header compiles as C (gnu17, c2x) and C++ (C++17 and later).
 * APIGEN_ATOMIC_PTR: apigen_pattern.code is published with C11 atomics by apigen_rt_pattern.c,
 * which is always compiled as C. C++ has no _Atomic (before C++23's <stdatomic.h>), and std::atomic
 * is not guaranteed to be layout-compatible with it, so a C++ translation unit, which never touches
 * the member, sees a plain pointer; apigen_rt_pattern.c asserts that void *_Atomic has the size and
 * alignment of void *, so the struct has one layout in both languages.
 * APIGEN_STATIC_ASSERT: C11's _Static_assert is not C++. */
#ifdef __cplusplus
#define APIGEN_ATOMIC_PTR             void *
#define APIGEN_STATIC_ASSERT(e, text) static_assert(e, text)
#else
#define APIGEN_ATOMIC_PTR             void *_Atomic
#define APIGEN_STATIC_ASSERT(e, text) _Static_assert(e, text)
#endif

/* Memory: everything the runtime allocates (owned strings and arrays, cJSON trees, printed
 * text, compiled patterns) goes through cJSON_malloc / cJSON_free, so cJSON_InitHooks governs
 * it and a test can inject failures there; only PCRE2's JIT code and JIT stacks (patterns,
 * below) are mapped by PCRE2 itself. Hooks must stay malloc-compatible: printed text is
 * released with free(), and strings a model owns are released with cJSON_free. */

/* ---------------------------------------------------------------- errors ---- */

typedef enum apigen_code {
    APIGEN_OK = 0,
    APIGEN_E_SYNTAX,            /* the text is not JSON */
    APIGEN_E_TYPE,              /* wrong JSON type (null where not nullable included) */
    APIGEN_E_REQUIRED,          /* a required property is missing */
    APIGEN_E_INTEGER,           /* not integral, outside int64, or (from_json) beyond what a
                                   double holds exactly */
    APIGEN_E_ENUM,              /* string not among the enum's values */
    APIGEN_E_CONST,             /* value differs from the schema's const */
    APIGEN_E_PATTERN,           /* string does not match the pattern */
    APIGEN_E_FORMAT,            /* string is not of the format */
    APIGEN_E_MIN_LENGTH,        /* fewer code points than minLength */
    APIGEN_E_MAX_LENGTH,        /* more code points than maxLength */
    APIGEN_E_MINIMUM,           /* below minimum */
    APIGEN_E_MAXIMUM,           /* above maximum */
    APIGEN_E_EXCLUSIVE_MINIMUM, /* not above exclusiveMinimum */
    APIGEN_E_EXCLUSIVE_MAXIMUM, /* not below exclusiveMaximum */
    APIGEN_E_MIN_ITEMS,         /* array shorter than minItems */
    APIGEN_E_MAX_ITEMS,         /* array longer than maxItems */
    APIGEN_E_UNIQUE_ITEMS,      /* array has two equal items */
    APIGEN_E_ADDITIONAL,        /* property not in a closed object */
    APIGEN_E_ENCODING,          /* string is not valid UTF-8 */
    APIGEN_E_NO_MEMORY,         /* an allocation failed */
    APIGEN_E_PATTERN_COMPILE,   /* the runtime could not compile a pattern */
    APIGEN_E_PATTERN_LIMIT,     /* matching the pattern hit a bound (patterns, below) */
    APIGEN_E_DUPLICATE_KEY,     /* a property appears twice in an object (apigen_model_parse;
                                   in a map, validate too: at the second key's path) */
    APIGEN_E_MIN_PROPERTIES,    /* object with fewer properties than minProperties */
    APIGEN_E_MAX_PROPERTIES,    /* object with more properties than maxProperties */
    APIGEN_E_PROPERTY_NAMES,    /* a property name breaks propertyNames (at the key's path; the
                                   message names the string rule broken) */
    APIGEN_E_MULTIPLE_OF,       /* not a multiple of multipleOf (JSON Schema 2020-12 6.2.1) */
    APIGEN_E_ONE_OF,            /* oneOf: no alternative matches, or more than one does */
    APIGEN_E_ANY_OF,            /* anyOf: no alternative matches */
    APIGEN_E_DISCRIMINATOR,     /* the discriminator's value is not in the union's mapping */
    APIGEN_E_UNION_LIMIT        /* trying one union value's alternatives (nested unions
                                   included) hit APIGEN_UNION_TRIES_MAX (apigen_union) */
} apigen_code;

/* The JSON Schema keyword of a code ("required", "minLength", ...); static storage. */
const char *apigen_code_name(apigen_code code);

#define APIGEN_PATH_MAX    256 /* longer paths are cut, ending in "..." */
#define APIGEN_MESSAGE_MAX 160
#define APIGEN_ERRORS_MAX  32 /* further violations are counted in total, not stored */

typedef struct apigen_error {
    apigen_code code;
    char path[APIGEN_PATH_MAX];       /* JSON path of the offending value: "$.data[1].email" */
    char message[APIGEN_MESSAGE_MAX]; /* for people: "does not match ^[a-f0-9]{24}$" */
} apigen_error;
/* Paths are RFC 9535 normalized paths (§2.7) but for member-name-shorthand (§2.5.1.1) where a
 * name is ASCII [A-Za-z_][A-Za-z0-9_]*: "$.data[1].email", "$['a.b']", "$['it\'s']", so each
 * path names one value. Paths and messages are one line of text whatever the input: in a
 * bracketed name (and a document's string quoted in a message) \ and the quote are escaped,
 * BS FF LF CR TAB are \b \f \n \r \t; elsewhere too, other C0 controls, DEL, C1 controls,
 * U+2028 and U+2029 are written as \u00XX-style escapes, bytes that are not UTF-8 as \xXX.
 * Below an APIGEN_F_SENSITIVE field no value is shown: the message names only the rule
 * ("maximum violated (sensitive value not shown)"), and property names the document chose
 * (free-form keys, unknown properties) read ".***" in the path (a document's own key "***"
 * reads "['***']"). */

/* Fixed storage, so that reporting an out-of-memory error never allocates. */
typedef struct apigen_errors {
    size_t count; /* entries stored in items */
    size_t total; /* violations found, stored or not */
    apigen_error items[APIGEN_ERRORS_MAX];
} apigen_errors;

/* Empties errs. Caller storage; nothing to free. Every function taking errs empties it
 * first, so errs need not be initialised. */
void apigen_errors_init(apigen_errors *errs);

/* ------------------------------------------------------------- patterns ---- */

/* An ECMA-262 pattern, compiled by PCRE2 on first use (thread-safe, JIT where available).
 * Generated code declares these static with .source (and .ecma) set. */
typedef struct apigen_pattern {
    const char *source;     /* what PCRE2 compiles: the generator's translation of ecma
                               (generator/ecma.c), for APIGEN_PCRE2_OPTIONS */
    const char *ecma;       /* the pattern as the spec wrote it, for messages; NULL: source */
    APIGEN_ATOMIC_PTR code; /* pcre2_code_8 *, set once; owned by the runtime */
} apigen_pattern;

/* PCRE2 options of every pattern, in one place so that the generator's check at generation
 * time compiles exactly as the runtime does (expand them after including pcre2.h).
 * The translation writes every construct so that no option changes how it reads (\A, \z,
 * \x{...}, explicit classes); the options say what the translation relies on:
 * - PCRE2_UTF: code points, and subjects of UTF-8 (checked before matching, hence
 *   PCRE2_NO_UTF_CHECK at match time);
 * - PCRE2_MATCH_UNSET_BACKREF: a back-reference to a group that has not matched (not yet,
 *   or in an alternative not taken) matches the empty string, as in ECMA-262 §22.2.2.7.2;
 * - PCRE2_NEVER_UCP: \b and \B stay ASCII, as ECMA-262's IsWordChar without the i flag;
 * - PCRE2_NEVER_BACKSLASH_C: no code-unit escape can split a character. */
#define APIGEN_PCRE2_OPTIONS                                                                       \
    (PCRE2_UTF | PCRE2_MATCH_UNSET_BACKREF | PCRE2_NEVER_UCP | PCRE2_NEVER_BACKSLASH_C |           \
     PCRE2_NO_UTF_CHECK)
#define APIGEN_PCRE2_EXTRA_OPTIONS 0u

/* Bounds on pattern matching, so that a pattern with catastrophic backtracking (^(a+)+$
 * on "aaaaaaaaaaaaaaaaaaaaaaaaaaab") cannot make one document cost seconds. A document (one
 * apigen_model_validate or apigen_model_parse call, or one apigen_pattern_match) may spend on
 * all its matches together at most
 *   APIGEN_PATTERN_BUDGET_BASE + APIGEN_PATTERN_BUDGET_PER_BYTE * sum(bytes + 1 of each string)
 * units of PCRE2's match limit (pcre2_set_match_limit: roughly one backtracking step, JIT and
 * interpreter alike; about 3 ns each measured here, README.md). Each string adds its share
 * before it is matched, so once a catastrophic string has spent the rest, an ordinary one still
 * matches within its own share. Memory grows with the subject too, so that a linear pattern
 * (^(\w|-)*$, base64, slugs) matches a long valid string: the JIT's stack (a repeated group
 * keeps one entry per repetition, 6 to 32 bytes per subject byte measured) starts at PCRE2's
 * 32 KiB; when it runs out, the match is retried on a stack of
 *   APIGEN_PATTERN_JIT_STACK_BASE + APIGEN_PATTERN_JIT_STACK_PER_BYTE * bytes
 * (at most APIGEN_PATTERN_JIT_STACK_MAX; reserved address space, pages used as touched), and
 * when that runs out or there is no JIT, the interpreter is held to a backtracking depth of
 *   APIGEN_PATTERN_DEPTH_LIMIT + APIGEN_PATTERN_DEPTH_PER_BYTE * bytes
 * and a heap of APIGEN_PATTERN_HEAP_LIMIT_KIB KiB + APIGEN_PATTERN_HEAP_PER_BYTE * bytes (at
 * most APIGEN_PATTERN_HEAP_MAX_KIB; its frames take 16 times the JIT's stack). A match that
 * hits a bound is the violation APIGEN_E_PATTERN_LIMIT at the string's path
 * (apigen_pattern_match: -2). */
#define APIGEN_PATTERN_BUDGET_BASE        1000000u
#define APIGEN_PATTERN_BUDGET_PER_BYTE    100u
#define APIGEN_PATTERN_JIT_STACK_BASE     (1024u * 1024u) /* pcre2_jit_stack_create, bytes */
#define APIGEN_PATTERN_JIT_STACK_PER_BYTE 64u
#define APIGEN_PATTERN_JIT_STACK_MAX      (1024u * 1024u * 1024u)
#define APIGEN_PATTERN_DEPTH_LIMIT        10000000u /* pcre2_set_depth_limit */
#define APIGEN_PATTERN_DEPTH_PER_BYTE     4u
#define APIGEN_PATTERN_HEAP_LIMIT_KIB     20000u /* pcre2_set_heap_limit, KiB */
#define APIGEN_PATTERN_HEAP_PER_BYTE      1024u  /* bytes of heap per subject byte */
#define APIGEN_PATTERN_HEAP_MAX_KIB       (1024u * 1024u)

/* Whether subject (UTF-8, len bytes) matches anywhere (ECMA-262 patterns are not anchored).
 * Returns 1 match, 0 no match (invalid UTF-8 never matches), -1 the pattern cannot be
 * compiled or memory ran out, -2 matching hit a bound (above). */
int apigen_pattern_match(apigen_pattern *p, const char *subject, size_t len);

/* Frees the compiled code. Only when no other thread uses p; p stays usable. */
void apigen_pattern_release(apigen_pattern *p);

/* --------------------------------------------------------------- formats ---- */

/* Every string format, once: X(ID, "name in a spec", check function of apigen_rt_text.c). The
 * runtime expands it into apigen_format, apigen_format_name and the dispatch of
 * apigen_format_check (a row without its check function does not compile); the generator's
 * checker, view and JSON Schema export expand it too, so a format the checker accepts is
 * always one the runtime checks. Adding a format is one row plus one function.
 *   EMAIL      RFC 5321 Mailbox: dot-atom or quoted-string local part, a domain or an
 *              address literal (RFC 5321 4.1.2-4.1.3)
 *   DATE_TIME  RFC 3339 date-time, real calendar dates, leap seconds
 *   DATE       RFC 3339 full-date
 *   TIME       RFC 3339 full-time
 *   UUID       RFC 4122 textual form, 8-4-4-4-12 hex digits
 *   URI        RFC 3986 absolute URI
 *   E164       "+" then 2 to 15 digits, first digit not 0
 *   IPV4       RFC 2673 3.2 dotted-quad (JSON Schema 2020-12 validation 7.3.4): four decimal
 *              octets 0-255, no leading zeros (RFC 3986 3.2.2 dec-octet)
 *   IPV6       RFC 4291 2.2 text: eight groups of 1-4 hex digits, one "::", an IPv4 tail;
 *              no zone identifier */
#define APIGEN_FORMATS(X)                                                                          \
    X(EMAIL, "email", check_email)                                                                 \
    X(DATE_TIME, "date-time", check_date_time)                                                     \
    X(DATE, "date", check_date)                                                                    \
    X(TIME, "time", check_time)                                                                    \
    X(UUID, "uuid", check_uuid)                                                                    \
    X(URI, "uri", check_uri)                                                                       \
    X(E164, "e164", check_e164)                                                                    \
    X(IPV4, "ipv4", check_ipv4)                                                                    \
    X(IPV6, "ipv6", check_ipv6)

#define APIGEN_FORMAT_ENUM_ROW(id, name, check) APIGEN_FORMAT_##id,
typedef enum apigen_format {
    APIGEN_FORMAT_NONE = 0,
    APIGEN_FORMATS(APIGEN_FORMAT_ENUM_ROW) APIGEN_FORMAT_END /* one past the last format */
} apigen_format;
#undef APIGEN_FORMAT_ENUM_ROW

/* The format's name as in a spec ("date-time"); static storage. */
const char *apigen_format_name(apigen_format format);

/* Whether the NUL-terminated UTF-8 string s is of the format (NONE: always true). */
bool apigen_format_check(apigen_format format, const char *s);

/* Number of Unicode code points in valid UTF-8 s of len bytes. */
size_t apigen_utf8_length(const char *s, size_t len);

/* Whether s[0..len) is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
bool apigen_utf8_valid(const char *s, size_t len);

/* ------------------------------------------------------------ descriptors ---- */

typedef enum apigen_kind {
    APIGEN_KIND_BOOL,      /* bool */
    APIGEN_KIND_INT64,     /* int64_t, the whole range, exact */
    APIGEN_KIND_DOUBLE,    /* double */
    APIGEN_KIND_STRING,    /* char *, UTF-8, owned; NULL when absent */
    APIGEN_KIND_ENUM,      /* a generated C enum (int-sized); 0 = unset, value i+1 = values[i] */
    APIGEN_KIND_OBJECT,    /* nested generated struct, by value */
    APIGEN_KIND_FREEFORM,  /* cJSON *, owned; any JSON object */
    APIGEN_KIND_ANY,       /* cJSON *, owned; any JSON value */
    APIGEN_KIND_INT32,     /* int32_t (format int32, OpenAPI 3.1 section 4.4): an integer beyond
                              [-2^31, 2^31-1] is an APIGEN_E_INTEGER violation, decided on the
                              digits as written ("2147483648", "2147483647.0", "1e9") */
    APIGEN_KIND_OPEN_ENUM, /* apigen_open_enum: an enum marked `extensible` in the spec */
    APIGEN_KIND_UNION,     /* a generated tagged union struct (apigen_union), by value */
    APIGEN_KIND_FILE       /* apigen_file: a file part of a multipart/form-data request body */
} apigen_kind;

/* The value of an open (extensible) enum, APIGEN_KIND_OPEN_ENUM: a value the document does
 * not list is kept, not refused, so that a provider adding a value does not fail a whole
 * response. value is 0 (unset), 1 to count for values[value - 1] (the generated C enum's
 * constants), or count + 1 (the generated <T>_OTHER constant) for any other value, whose JSON
 * text is then in other: the string as received (valid UTF-8), or an integer enum's decimal
 * digits; apigen_model_print and apigen_model_to_json write it back unchanged. other is owned
 * (released by apigen_model_free) and NULL unless value is count + 1. A generated header
 * declares T_open { T value; char *other; } of this layout for each open enum T; validate
 * reports value out of 0..count+1, and an OTHER without other or with other listed, as
 * APIGEN_E_ENUM. */
typedef struct apigen_open_enum {
    int value;
    char *other;
} apigen_open_enum;

/* apigen_field.flags */
#define APIGEN_F_REQUIRED   0x01u /* must be present */
#define APIGEN_F_HAS        0x02u /* optional, presence in the bool at has_offset */
#define APIGEN_F_NULLABLE   0x04u /* JSON null allowed, recorded in the bool at null_offset */
#define APIGEN_F_ARRAY      0x08u /* an array: pointer at offset, size_t count at count_offset */
#define APIGEN_F_SENSITIVE  0x10u /* never shown: debug output, violation messages, paths */
#define APIGEN_F_READ_ONLY  0x20u /* documented as sent by the server only */
#define APIGEN_F_WRITE_ONLY 0x40u /* documented as sent by the client only */
#define APIGEN_F_MAP        0x80u /* a map (maps, below): entries at offset, count_offset */
/* The model's only field is the whole JSON document, not a property of an object: a body that is
 * an array (`[{...}, ...]`), a scalar, any JSON, a free-form or nullable object, a union
 * (APIGEN_KIND_UNION), or a map (APIGEN_F_MAP: additionalProperties alone, its propertyNames,
 * minProperties and maxProperties checked at "$"). With APIGEN_F_REQUIRED. Every model operation
 * (from_json, parse, validate, to_json, print, debug_string, free) reads and writes the field's
 * value as the document: paths stay rooted at "$" ("$[3].title"), a missing value (NULL string or
 * tree) is APIGEN_E_REQUIRED at "$" (to_json and print then return NULL), and the model's `closed`
 * is ignored. The generator names the member `items` (arrays, beside items_count), `entries`
 * (maps, beside entries_count) or `value`. A field flag rather than a member of apigen_model, so
 * that descriptor tables written positionally ({name, size, fields, count, closed}) keep
 * compiling; a high bit, so that flags added below it keep their values. */
#define APIGEN_F_ROOT 0x8000u

/* apigen_rules.bounds */
#define APIGEN_B_MINIMUM           0x01u
#define APIGEN_B_MAXIMUM           0x02u
#define APIGEN_B_EXCLUSIVE_MINIMUM 0x04u
#define APIGEN_B_EXCLUSIVE_MAXIMUM 0x08u
#define APIGEN_B_MIN_LENGTH        0x10u
#define APIGEN_B_MAX_LENGTH        0x20u
#define APIGEN_B_MIN_ITEMS         0x40u
#define APIGEN_B_MAX_ITEMS         0x80u
#define APIGEN_B_UNIQUE_ITEMS      0x100u
#define APIGEN_B_CONST             0x200u
#define APIGEN_B_MIN_PROPERTIES    0x400u
#define APIGEN_B_MAX_PROPERTIES    0x800u
#define APIGEN_B_MULTIPLE_OF       0x1000u

/* Constraints of one field. For an array field, the *_items bounds apply to the array and
 * everything else to each item. Integers compare exactly against the int64 bounds. Numbers
 * compare by mathematical value against the bound as the spec wrote it (*_literal, a JSON
 * number), the double being only a fast path: apigen_model_parse compares the document's
 * digits, apigen_model_validate the exact binary value of the double held. Without a literal
 * (tables written by hand) values compare as doubles. The generator fills both kinds of bound
 * for number fields, and the literals. */
typedef struct apigen_rules {
    unsigned bounds; /* APIGEN_B_* that are set */
    int64_t minimum_int, maximum_int;
    double minimum, maximum;     /* inclusive or exclusive per bounds; nearest doubles */
    const char *minimum_literal; /* exact bound, JSON number text; NULL: doubles only */
    const char *maximum_literal;
    int64_t min_length, max_length; /* code points */
    int64_t min_items, max_items;
    apigen_pattern *pattern; /* NULL: none */
    apigen_format format;
    /* const (APIGEN_B_CONST), by kind: */
    bool const_bool;
    int64_t const_int;
    double const_double;
    const char *const_literal; /* exact const of a number field, JSON number text; NULL: doubles */
    const char *const_string;  /* strings, and enums by their JSON string */
    /* Objects (a map field's rules, or a model's apigen_model.rules): */
    int64_t min_properties, max_properties;    /* with APIGEN_B_MIN/MAX_PROPERTIES */
    const struct apigen_rules *property_names; /* propertyNames: string rules every key must
                                                  keep (lengths, pattern, format, const);
                                                  NULL: none */
    /* multipleOf (APIGEN_B_MULTIPLE_OF, JSON Schema 2020-12 validation 6.2.1: the value divided
     * by it is an integer). Integer fields: multiple_of_int, exact (> 0). Number fields:
     * multiple_of_literal, the divisor as the spec wrote it (a JSON number > 0 of at most 18
     * significant digits, which the generator checks), judged exactly: apigen_model_parse on
     * the document's digits, apigen_model_validate on the text apigen_model_print writes for the
     * double held (the shortest that reads back as it), so that a struct holding 0.3 passes
     * multipleOf 0.01 as the document "0.3" it prints does (the double's exact binary value,
     * 0.29999999999999998889..., is no multiple of it); without a literal (tables written by
     * hand) the divisor is multiple_of's shortest text. An integer field with a fractional
     * divisor (multipleOf 0.5) leaves multiple_of_int 0 and is judged on the literal. */
    int64_t multiple_of_int;
    double multiple_of;
    const char *multiple_of_literal;
} apigen_rules;

typedef struct apigen_enum {
    const char *name;          /* C type name, for messages */
    const char *const *values; /* JSON strings, in declaration order; integer enums: the
                                  integers in decimal ("1", "-2") */
    size_t count;
    bool integer; /* an integer enum (type integer): values travel as JSON integers, within
                     +-(2^53-1), matched by value ("2.0" is 2, as JSON Schema 2020-12 compares
                     numbers); an unknown one is APIGEN_E_ENUM, a non-integer APIGEN_E_TYPE */
} apigen_enum;

struct apigen_model;

typedef struct apigen_field {
    const char *name; /* JSON property name */
    apigen_kind kind;
    unsigned flags;                    /* APIGEN_F_* */
    size_t offset;                     /* of the value, or of the item pointer (APIGEN_F_ARRAY) */
    size_t has_offset;                 /* bool, with APIGEN_F_HAS */
    size_t null_offset;                /* bool, with APIGEN_F_NULLABLE */
    size_t count_offset;               /* size_t, with APIGEN_F_ARRAY */
    const struct apigen_model *model;  /* APIGEN_KIND_OBJECT */
    const apigen_enum *enumeration;    /* APIGEN_KIND_ENUM */
    const apigen_rules *rules;         /* NULL: no constraints */
    size_t entry_size;                 /* APIGEN_F_MAP: sizeof one entry */
    size_t value_offset;               /* APIGEN_F_MAP: offsetof the value in an entry */
    const struct apigen_union *union_; /* APIGEN_KIND_UNION */
} apigen_field;

/* A oneOf / anyOf schema (JSON Schema 2020-12 Applicator vocabulary 10.2.1.2 anyOf, 10.2.1.3
 * oneOf), as a generated tagged union:
 *   typedef struct shop_payment_source {
 *       shop_payment_source_kind kind;   (int-sized enum: 0 = UNSET, i + 1 = alternatives[i])
 *       union { shop_card card; char *string_; int64_t integer; } as;
 *   } shop_payment_source;
 * Each alternative is an apigen_field whose offset is its member's inside the struct
 * (offsetof(T, as.card)), whose name is that member's name (for messages), and whose kind,
 * model, enumeration, union_ and rules describe its value as for a property; its flags hold at
 * most APIGEN_F_SENSITIVE and APIGEN_F_ARRAY. An array alternative ("a string or a list of
 * strings": oneOf [{type: string}, {type: array, items: ...}]) is a struct of the items pointer
 * and their count inside `as` (union { char *string_; struct { char **items; size_t count; }
 * array; } as), its offset and count_offset those two members' (offsetof(T, as.array.items),
 * offsetof(T, as.array.count)), its kind, rules etc. the items' as for an array property; an
 * empty array is items NULL, count 0. (Arrays of unions are array fields of APIGEN_KIND_UNION
 * items.) The struct owns what the held alternative owns; free releases it and leaves kind 0.
 * Reading (from_json and parse) picks the alternative:
 * - with a discriminator (OpenAPI 3.1 section 4.8.25): the value must be an object whose
 *   property `discriminator` is a string (missing: APIGEN_E_REQUIRED; not a string:
 *   APIGEN_E_TYPE); the alternative i whose mapping[i] equals it is read, and only it
 *   (another value: APIGEN_E_DISCRIMINATOR naming the allowed ones). from_json then leaves its
 *   constraints to validate, as for any value; parse checks them as it reads.
 * - without: each alternative is tried in order, read and validated against a copy of the
 *   value; anyOf keeps the FIRST that has no violation, oneOf needs exactly one (two:
 *   APIGEN_E_ONE_OF naming both; none: APIGEN_E_ONE_OF or APIGEN_E_ANY_OF naming each
 *   alternative tried with its first violation, cut to APIGEN_MESSAGE_MAX). apigen_model_parse
 *   builds the value's cJSON tree once (build cost: one node per JSON value) and tries the
 *   alternatives on it, as from_json does. Trying is bounded: one union value, the unions
 *   nested in it included, may try at most APIGEN_UNION_TRIES_MAX alternatives (nested unions
 *   multiply the tries; a hostile recursive schema and document would otherwise cost k^depth);
 *   past it the union is the violation APIGEN_E_UNION_LIMIT. Each union value outside any
 *   other has its own budget, so an array of any length of small unions reads whole. Inside a union
 * value parse therefore reads as from_json does: a property given twice keeps the first silently,
 * and number bounds compare the double (digits kept only where cJSON needs them, as for any
 * values). validate checks the held alternative's rules (kind 0 of a present value: APIGEN_E_TYPE)
 * and, with a discriminator, that its object's discriminator property holds mapping[i] (else
 * APIGEN_E_DISCRIMINATOR); it does not re-judge oneOf exclusivity, which is the document's.
 * to_json, print and debug_string write the held alternative's value alone. */
#define APIGEN_UNION_TRIES_MAX 10000u

typedef struct apigen_union {
    const char *name;                 /* C type name, for messages */
    size_t size;                      /* sizeof the struct */
    size_t tag_offset;                /* the int-sized kind */
    const apigen_field *alternatives; /* in the spec's order */
    size_t count;
    bool one_of;                /* oneOf; false: anyOf */
    const char *discriminator;  /* property name, NULL: none */
    const char *const *mapping; /* with discriminator: count values, the one of each */
} apigen_union;

/* Releases what the union value of u at value owns and leaves it all zero (kind 0, UNSET).
 * NULL value is a no-op; calling it twice is safe. A union inside a model is freed with the
 * model; this is for a union value held alone. */
void apigen_union_free(const apigen_union *u, void *value);

/* The typed function of a generated union T, whose descriptor is T_union: T_free. Reading,
 * writing and validating go through the models that hold a T (generated headers write
 * APIGEN_UNION_FUNCTIONS(T) after each union). */
#define APIGEN_UNION_FUNCTIONS(T)                                                                  \
    static inline void T##_free(T *value)                                                          \
    {                                                                                              \
        apigen_union_free(&T##_union, value);                                                      \
    }

typedef struct apigen_model {
    const char *name; /* C type name: "applivery_otp_user" */
    size_t size;      /* sizeof the struct */
    const apigen_field *fields;
    size_t field_count;
    bool closed;                    /* additionalProperties: false */
    const apigen_field *additional; /* additionalProperties: <schema> beside properties: an
                                       APIGEN_F_MAP field (not among fields, name unused) that
                                       holds every property no field names; NULL: none */
    const apigen_rules *rules;      /* minProperties, maxProperties, propertyNames of the object
                                       itself, counting declared and additional properties;
                                       NULL: none */
} apigen_model;

/* Maps (JSON Schema 2020-12 Applicator 10.3.2.3 additionalProperties: <schema>, 10.3.2.4
 * propertyNames; Validation 6.5.1-6.5.2 maxProperties, minProperties). A map field
 * (APIGEN_F_MAP) holds an object's properties as an array of entries in document order:
 *   typedef struct T_entry { char *key; V value; } T_entry;   key first, at offset 0
 *   T_entry *x; size_t x_count;            (pointer at offset, count at count_offset)
 * kind, model, enumeration and rules describe each value V as for an array's items, plus the
 * object rules above (min/max_properties, property_names) in the same rules. Each key is owned
 * UTF-8 (apigen_model_free releases keys, values and the array; a NULL key reads as ""). A map
 * is absent when the pointer is NULL and it has no has-flag (an optional map sent as {} keeps
 * its has-flag). apigen_model.additional is such a field for an object with both `properties`
 * and `additionalProperties: <schema>`: every key no field names is an entry there, written
 * after the declared properties.
 * Reading: a key that is not UTF-8 is APIGEN_E_ENCODING at the key's path ("$.metadata['k']"),
 * an escaped U+0000 in a key ends a parse as in any string. from_json keeps every entry, in
 * order; validate and parse report a key given twice as APIGEN_E_DUPLICATE_KEY at the second
 * one's path (validate also an additional key that names a declared field): found by hashing
 * and sorting (an index of 24 bytes per key, O(n log n), colliding hashes included), so a map
 * of 10^6 keys costs well under a second. propertyNames failures are APIGEN_E_PROPERTY_NAMES
 * at the key's path, min/maxProperties APIGEN_E_MIN/MAX_PROPERTIES at the object's path.
 * Known limit: uniqueItems compares maps entry by entry in order (two equal objects whose keys
 * come in another order count as different). */

/* ------------------------------------------------------- model operations ---- */
/* value points to a struct of m->size bytes in caller storage. */

/* Empties value (all zero). Allocates nothing. */
void apigen_model_init(const apigen_model *m, void *value);

/* Releases everything value owns and leaves it as after init. NULL value is a no-op;
 * calling it twice is safe. */
void apigen_model_free(const apigen_model *m, void *value);

/* Reads json into out (initialised here; need not be). Strict: wrong types, missing
 * required properties, non-integral or out-of-range integers, unknown enum strings and
 * invalid UTF-8 are violations; constraints (pattern, bounds, format, ...) are left to
 * apigen_model_validate. A cJSON number is a double: an integer field takes it when it is
 * integral within +-(2^53-1), or when the node carries its exact digits in valuestring (as
 * apigen_model_to_json leaves them); a larger double may be a rounded 2^53+1, so it is an
 * APIGEN_E_INTEGER violation, never a guess. Reports every violation into errs (may be NULL).
 * Returns 0, or -1 with out already released: the caller frees nothing after failure.
 * out owns deep copies: json may be deleted afterwards. */
int apigen_model_from_json(const apigen_model *m, const cJSON *json, void *out,
                           apigen_errors *errs);

/* Checks every constraint and required-ness of value; reports every violation into errs
 * (may be NULL). Returns 0 when valid, -1 otherwise. Allocates nothing but compiled
 * patterns and, for uniqueItems, an index of 64 bytes per item (O(n log n) comparisons by
 * hashing and sorting, crafted hash collisions included; skipped when maxItems already
 * failed). Numbers compare by exact value: a double against a bound's literal, and any values
 * by their digits (so 1, 1.0 and 10e-1 are equal, 0.1 and 0.10000000000000002 are not). A NaN
 * or +-Infinity anywhere in an any or free-form value is an APIGEN_E_TYPE violation at its
 * path: JSON (RFC 8259 section 6) cannot write it. */
int apigen_model_validate(const apigen_model *m, const void *value, apigen_errors *errs);

/* A new cJSON object for value; caller owns it (cJSON_Delete). NULL when out of memory.
 * Integers are number nodes holding the nearest double; one beyond +-(2^53-1), which no double
 * holds exactly, also keeps its decimal digits in the node's valuestring (freed by cJSON_Delete,
 * copied by cJSON_Duplicate). apigen_json_print and apigen_model_from_json read those digits;
 * cJSON_Print and valuedouble see only the rounded double. */
cJSON *apigen_model_to_json(const apigen_model *m, const void *value);

/* from_json + validate straight from text, in one pass and without a cJSON tree in between:
 * text[0..len) need not be NUL-terminated, and no byte past len is read. out is initialised
 * here (need not be). Returns 0, or -1 with errs filled and out released.
 *
 * The text must be one RFC 8259 JSON value between whitespace (a leading UTF-8 byte order mark
 * is ignored, as RFC 8259 allows). Otherwise the only error is APIGEN_E_SYNTAX at "$", its
 * message ending "(at byte N)": raw control characters in strings, unknown escapes, "01",
 * "+1", ".5", "1.", NaN, text after the value, and nesting deeper than CJSON_NESTING_LIMIT
 * objects and arrays included. A string escaping U+0000 (which no C string can hold) is
 * likewise the only error, APIGEN_E_ENCODING at the string's path (a property name's or a
 * skipped member's: its object's path); and so is running out of memory,
 * APIGEN_E_NO_MEMORY (at the path being read). The first of these ends the parse.
 *
 * Otherwise every violation is reported, in document order: what from_json reports for the
 * same JSON (same codes, same paths), each value's rules as validate checks them, plus:
 * - Numbers are judged on their digits as written, not on a rounded double. An integer field
 *   takes any spelling of an integer in the int64 range: "1.0", "1e2", "100E-2", "-0" (as 0),
 *   "9223372036854775807"; anything else is APIGEN_E_INTEGER, "9007199254740990.5",
 *   "1.0000000000000001" and "9223372036854775808" included.
 *   A number field holds the nearest double (strtod), but its bounds and const are checked on
 *   the digits as written: with exclusiveMaximum 9007199254740993, 9007199254740992 passes
 *   although both read as the same double. Where that rounding crosses a bound ("1e-400"
 *   against exclusiveMinimum 0), the document passes while validate, which judges the double
 *   the struct holds, fails the struct. Beyond the double range ("1e400") a number is
 *   APIGEN_E_TYPE "number out of range", in any and free-form values too; "1e-400" reads as 0
 *   and "-0" as -0.0.
 * - Any and free-form values keep each number's text as written in the number node's
 *   valuestring (but for plain integers of up to 15 digits, which the double holds exactly), so
 *   apigen_json_print and apigen_model_print write back the same digits ("1.0", "1e400" is
 *   refused above, "12345678901234567890123"), and equality (uniqueItems) is exact.
 * - An escaped UTF-16 surrogate that does not pair up is no Unicode character: the string is
 *   APIGEN_E_ENCODING, as any string that is not UTF-8 (the escape itself is valid JSON).
 * - A property of the model given twice is APIGEN_E_DUPLICATE_KEY at the second one's path,
 *   whose value is only syntax-checked (from_json, handed a tree, keeps the first silently).
 * - Unknown properties are skipped (syntax still checked; APIGEN_E_ADDITIONAL at each when the
 *   model is closed); like from_json, their strings are not checked for UTF-8.
 * - A present empty array is an array of 0 items (minItems applies), even when the struct
 *   would show it as absent. */
int apigen_model_parse(const apigen_model *m, const char *text, size_t len, void *out,
                       apigen_errors *errs);

/* Directions (OpenAPI 3.1 section 4.8.24 / JSON Schema 2020-12 validation 9.4: readOnly and
 * writeOnly). A field flagged APIGEN_F_READ_ONLY is documented as sent by the server only, so a
 * request need not carry it even when required; one flagged APIGEN_F_WRITE_ONLY is sent by the
 * client only, so a response need not. These are apigen_model_validate and apigen_model_parse
 * with that one difference, at every depth; a value that is there is read, checked and written
 * as usual. apigen_request_build validates the request's groups and body with
 * apigen_model_validate_request, apigen_response_decode parses bodies with
 * apigen_model_parse_response; the plain functions require every required field. */
int apigen_model_validate_request(const apigen_model *m, const void *value, apigen_errors *errs);
int apigen_model_parse_response(const apigen_model *m, const char *text, size_t len, void *out,
                                apigen_errors *errs);

/* Compact JSON text of value, integers exact; caller frees with free(). NULL when out of
 * memory. */
char *apigen_model_print(const apigen_model *m, const void *value);

/* Like apigen_model_print, but every APIGEN_F_SENSITIVE value reads "***": for logs. */
char *apigen_model_debug_string(const apigen_model *m, const void *value);

/* The typed functions of a generated model T, whose descriptor is T_model: static inline
 * one-liners over the apigen_model_* functions above, so a program compiles only the ones it
 * calls. The generated headers write APIGEN_MODEL_FUNCTIONS(T) after each struct and list the
 * functions in their opening comment. */
#define APIGEN_MODEL_FUNCTIONS(T)                                                                  \
    static inline void T##_init(T *value)                                                          \
    {                                                                                              \
        apigen_model_init(&T##_model, value);                                                      \
    }                                                                                              \
    static inline void T##_free(T *value)                                                          \
    {                                                                                              \
        apigen_model_free(&T##_model, value);                                                      \
    }                                                                                              \
    static inline int T##_from_json(const cJSON *json, T *out, apigen_errors *errs)                \
    {                                                                                              \
        return apigen_model_from_json(&T##_model, json, out, errs);                                \
    }                                                                                              \
    static inline cJSON *T##_to_json(const T *value)                                               \
    {                                                                                              \
        return apigen_model_to_json(&T##_model, value);                                            \
    }                                                                                              \
    static inline int T##_validate(const T *value, apigen_errors *errs)                            \
    {                                                                                              \
        return apigen_model_validate(&T##_model, value, errs);                                     \
    }                                                                                              \
    static inline int T##_parse(const char *text, size_t len, T *out, apigen_errors *errs)         \
    {                                                                                              \
        return apigen_model_parse(&T##_model, text, len, out, errs);                               \
    }                                                                                              \
    static inline char *T##_print(const T *value)                                                  \
    {                                                                                              \
        return apigen_model_print(&T##_model, value);                                              \
    }                                                                                              \
    static inline char *T##_debug_string(const T *value)                                           \
    {                                                                                              \
        return apigen_model_debug_string(&T##_model, value);                                       \
    }

/* Compact JSON text of any cJSON tree. A number node whose valuestring holds a JSON number
 * that reads back as its valuedouble (what apigen_model_parse and apigen_model_to_json leave
 * there) prints as that text, exactly; other integral numbers within +-(2^53-1) print as
 * integers (-0 as 0), the rest with the fewest digits that read back to the same double.
 * Strings escape '"', '\\' and controls (\n style where JSON has one, else \u00XX) and keep
 * UTF-8 as it is. Caller frees with free(); NULL when out of memory or for non-finite numbers. */
char *apigen_json_print(const cJSON *json);

/* ----------------------------------------------------------- operations ---- */

/* A documented application error code of a response (the spec's error_codes): the value of
 * the error model's code member the provider documents for this status. The generated header
 * also defines a constant per code, once per API: PREFIX_ERROR_6001 (an integer) for a
 * non-negative integer code, PREFIX_ERROR_CARD_DECLINED ("card_declined") for a string code of
 * letters, digits and '_'; other codes (negative, punctuated) have none. */
typedef struct apigen_error_code {
    const char *code;    /* an integer code in decimal ("6001"), or the string code */
    const char *message; /* the document's message, or NULL */
} apigen_error_code;

/* A body that is not JSON (text/ *, application/octet-stream, or any media type for a
 * documented range, written "* / *" without the spaces), as bytes: data[0..len), NUL-terminated
 * after len for convenience (the bytes themselves may hold NUL). Text is kept as the bytes received
 * or given: no charset is checked or converted (RFC 9110 section 8.3.1: text may come in any
 * charset its Content-Type names). Ownership is stated where it appears. */
typedef struct apigen_bytes {
    const char *data;
    size_t len;
} apigen_bytes;

/* A file part of a multipart/form-data request body (RFC 7578 section 4.2; a property of
 * `type: string, format: binary` in such a body): its bytes, and
 * optionally the filename and media type sent with them (NULL: the property's name, and the
 * spec's `encoding: {prop: {contentType}}` or application/octet-stream). The caller points
 * content.data at its bytes (any bytes, NUL included) and filename and content_type at its
 * strings; apigen_model_free releases content.data only, which apigen_model_from_json and
 * apigen_model_parse allocate when they read a file from JSON (a spec example: its string's
 * UTF-8 bytes; filename and content_type then NULL). Absent when content.data is NULL. JSON
 * writers write its bytes as a string; debug_string writes "(N bytes)" instead. */
typedef struct apigen_file {
    apigen_bytes content;
    const char *filename;
    const char *content_type;
} apigen_file;

typedef struct apigen_response {
    int status;                /* HTTP status 100..599; 1..5 for the range "1XX".."5XX";
                                  0 for "default" */
    const apigen_model *model; /* NULL: no documented JSON body */
    const char *description;
    const char *content_type; /* documented media type ("application/json"), or NULL; may be a
                                 range ("* / *", "text/ *", written without the spaces: RFC 9110
                                 section 12.5.1) */
    const apigen_error_code *error_codes;
    size_t error_code_count;
    bool raw; /* the body is not JSON (model NULL): decoding stores an apigen_bytes pointing
                 into apigen_result.body (valid until apigen_result_free), unparsed */
    /* The documented response headers (OpenAPI 3.1 section 4.8.17.1, `headers`), one scalar
     * field per header named as the header is; NULL: none documented. Decoded into
     * apigen_result.header_values. */
    const apigen_model *headers;
} apigen_response;

/* How a security scheme carries its credential (OpenAPI 3.1 section 4.8.27, Security Scheme
 * Object). OpenAPI's oauth2 and openIdConnect schemes are sent as BEARER: the caller supplies an
 * access token it obtained itself (token acquisition is out of apigen's scope). */
typedef enum apigen_auth_kind {
    APIGEN_AUTH_NONE = 0, /* the operation takes no credential */
    APIGEN_AUTH_BEARER,   /* header `name`: "Bearer <credential>" (RFC 6750 section 2.1) */
    APIGEN_AUTH_API_KEY,  /* the credential as it is, in header, query parameter or cookie `name` */
    APIGEN_AUTH_BASIC     /* header `name`: "Basic " + base64(credential) (RFC 7617 section 2);
                             the credential is "user-id:password", the user-id without ':' */
} apigen_auth_kind;

typedef enum apigen_param_in {
    APIGEN_IN_HEADER = 0,
    APIGEN_IN_QUERY,
    APIGEN_IN_COOKIE /* one "name=value" pair of the Cookie header (RFC 6265 section 4.2.1) */
} apigen_param_in;

typedef struct apigen_auth {
    apigen_auth_kind kind;
    apigen_param_in in; /* APIGEN_IN_QUERY and APIGEN_IN_COOKIE only for APIGEN_AUTH_API_KEY */
    const char *name;   /* header, query parameter or cookie name: "Authorization" */
    const char *scheme; /* the scheme's key under the spec's `auth`: "bearer"; what a
                           credential_fn is asked for */
} apigen_auth;

/* How a query parameter is written into the URL (OpenAPI 3.1 section 4.8.12.4, Style Values,
 * with the wire forms of its Style Examples table, section 4.8.12.5). Items, member names and
 * values are percent-encoded as scalars are (apigen_request_build: every byte but RFC 3986
 * unreserved as %XX, allowReserved false); the delimiters are written as the table writes them
 * where RFC 3986 section 3.4 allows them in a query (',' and '=' literally) and percent-encoded
 * where it does not (' ' as %20, '|' as %7C, '[' and ']' as %5B and %5D). An empty array is
 * omitted, like an absent parameter. */
typedef enum apigen_query_style {
    APIGEN_STYLE_FORM = 0,        /* scalars name=v; arrays, explode: name=a&name=b (the default);
                                     not exploded: name=a,b */
    APIGEN_STYLE_SPACE_DELIMITED, /* arrays, not exploded: name=a%20b */
    APIGEN_STYLE_PIPE_DELIMITED,  /* arrays, not exploded: name=a%7Cb */
    APIGEN_STYLE_DEEP_OBJECT      /* objects of scalars, exploded: name%5Bkey%5D=v for each
                                     present member, in field order */
} apigen_query_style;

/* The style of one query parameter: a row per field of apigen_operation.query_params. A
 * non-exploded array item holding its delimiter (',', ' ' or '|') is a violation: the server
 * could not tell the items apart. */
typedef struct apigen_param_style {
    apigen_query_style style;
    bool explode;
} apigen_param_style;

/* How apigen_request_build writes the body of an operation with a model (request), by the
 * media type documented for it (OpenAPI 3.1 section 4.8.14, Media Type Object). */
typedef enum apigen_body_format {
    APIGEN_BODY_JSON = 0, /* apigen_model_print (request_raw: the caller's bytes as they are) */
    /* application/x-www-form-urlencoded: name=value pairs joined by '&', each name and value
     * encoded by the WHATWG URL Standard's serializer (section 5.2, the one HTML forms and
     * python's urllib.parse.urlencode use): ASCII letters, digits and * - . _ as they are, a
     * space as '+', every other byte (UTF-8 ones included) as %XX, upper-case hex. Fields in
     * field order; absent and null ones omitted (a form has no null). Values are written as
     * query parameters are (booleans true/false, integers exact, numbers shortest, enums their
     * string). Nested values use the bracket convention of Rails, PHP and Stripe, which
     * OpenAPI's deepObject writes for one level: an object's members a[b]=1 (deeper ones
     * a[b][c]=1), a map's entries metadata[key]=v, an array's items list[]=x inside an object;
     * a top-level array as its row of request_styles says. Arrays of objects or arrays, any,
     * free-form and union values have no agreed form serialisation: a violation at their path
     * (APIGEN_E_TYPE), which the generator refuses before (a hand-written table may not). */
    APIGEN_BODY_FORM,
    /* multipart/form-data (RFC 7578): one part per present field, in field order, each with
     * Content-Disposition: form-data; name="<field>" (section 4.2); an APIGEN_KIND_FILE field
     * adds filename="..." and its Content-Type, its bytes as they are; a scalar is a text part
     * (as a form writes it, no Content-Type: text/plain by section 4.4); an array of scalars one
     * part per item under the same name. A '"', CR or LF in a name or filename is written %22,
     * %0D, %0A (the WHATWG HTML multipart/form-data encoding algorithm), and '\\' %5C (which
     * RFC 822 quoted-string readers would take as an escape). The boundary is
     * "apigen-" and 24 random hex digits, made again until it occurs in no value (RFC 2046
     * section 5.1.1), sent as Content-Type: <request_content_type>; boundary=<it>. Objects,
     * maps and any values have no part spelling here: a violation (APIGEN_E_TYPE). */
    APIGEN_BODY_MULTIPART
} apigen_body_format;

/* One security requirement (OpenAPI 3.1 section 4.8.30, Security Requirement Object): every
 * scheme in it is sent together (AND). An operation lists the alternatives (OR). */
typedef struct apigen_security_requirement {
    const apigen_auth *schemes;
    size_t scheme_count; /* 0: the alternative "no credential" (OpenAPI's `{}`) */
} apigen_security_requirement;

typedef struct apigen_operation {
    const char *name;                  /* "applivery.createOtpUser" */
    const char *method;                /* "POST"; GET, PUT, PATCH, DELETE, HEAD or OPTIONS */
    const char *path;                  /* "/v1/organizations/{organizationSlug}/..." */
    const char *summary;               /* the document's words, or NULL */
    const char *permission;            /* required permission as documented, or NULL */
    const apigen_model *path_params;   /* NULL: none */
    const apigen_model *query_params;  /* NULL: none */
    const apigen_model *header_params; /* NULL: none */
    const apigen_model *request;       /* NULL: no body */
    const apigen_response *responses;
    size_t response_count;
    const char *request_content_type; /* "application/json"; NULL with no body */
    bool request_required;            /* the body must be given */
    /* The alternatives (OR), in the spec's order; security_count 0: no credential. The builder
     * sends the first non-empty requirement whose every scheme has a credential, else an
     * empty one (`{}`: no credential) when the list has one. */
    const apigen_security_requirement *security;
    size_t security_count;
    bool request_raw; /* the body is not JSON (request NULL): `body` of apigen_request_build
                         is a const apigen_bytes *, sent as it is under request_content_type */
    /* One row per field of query_params, in field order; NULL: every one APIGEN_STYLE_FORM,
     * exploded (the generator writes a table only when some parameter needs another style). */
    const apigen_param_style *query_styles;
    const apigen_model *cookie_params; /* NULL: none; apigen_request_build_cookies */
    /* How the body (request) is written: JSON, or a form (apigen_body_format). */
    apigen_body_format request_format;
    /* APIGEN_BODY_FORM: one row per field of request, in field order (OpenAPI 3.1 section
     * 4.8.15 Encoding Object's style and explode, the spec's `encoding` map): a row matters for
     * an array field (APIGEN_STYLE_FORM exploded: list=a&list=b, the default; not exploded:
     * list=a,b; APIGEN_STYLE_DEEP_OBJECT: list[]=a&list[]=b). NULL: every one form, exploded. */
    const apigen_param_style *request_styles;
    /* APIGEN_BODY_MULTIPART: one media type per field of request (the spec's `encoding: {prop:
     * {contentType}}`), sent as a file part's Content-Type unless the apigen_file names one;
     * NULL, or a NULL row: application/octet-stream. */
    const char *const *request_part_types;
} apigen_operation;

/* The response of op documented for status (100..599), else the one for its range ("2XX",
 * status 2, for 204), else its "default" one, else NULL: the precedence of OpenAPI 3.1
 * section 4.8.16.2 (Responses Object), whatever the order of op->responses. */
const apigen_response *apigen_operation_response(const apigen_operation *op, int status);

/* ------------------------------------------------------ requests (pure) ---- */
/* Building a request does no I/O: apigen_rt_request.c, always compiled, unit-tested alone. */

/* One HTTP header field, "name: value" (RFC 9110 section 5). */
typedef struct apigen_header {
    char *name;     /* owned; a token (RFC 9110 section 5.6.2) */
    char *value;    /* owned; no CR, LF, NUL or other control but HTAB */
    bool sensitive; /* carries a credential or an APIGEN_F_SENSITIVE parameter: never shown */
} apigen_header;

/* An HTTP request ready to send, everything owned (apigen_request_free). */
typedef struct apigen_request {
    const apigen_operation *op;
    const char *method;     /* op->method */
    char *url;              /* base URL + encoded path + "?" + encoded query */
    char *url_redacted;     /* url with each sensitive query value as "***" */
    apigen_header *headers; /* Accept, Content-Type, auth, header parameters */
    size_t header_count;
    char *body;          /* JSON text, NUL-terminated; NULL: no body */
    size_t body_len;     /* bytes, without the NUL */
    char *body_redacted; /* body with sensitive values as "***" (debug_string); NULL */
} apigen_request;

/* Builds the request of op: validates each given parameter group and the body against their
 * models (every violation reported, with paths rooted at the group: "path.storeId",
 * "query.returnExistingUserIfExists", "header.clientId", "body.email", "auth" for a missing
 * credential), and only when all are valid writes out. Parameters and body are read, never
 * modified or kept: pass structs of string literals freely.
 * - base_url: scheme://authority[/path-prefix], a trailing '/' ignored; the path template is
 *   appended with each {name} replaced by its parameter, percent-encoded as one RFC 3986 path
 *   segment (section 3.3): every byte but unreserved (section 2.3) as %XX in upper case, so
 *   '/', '?', '#', '%', space and non-ASCII cannot change the path; "", "." and ".." are
 *   refused as segments (section 5.2.4 would remove them).
 * - Query parameters, in field order, absent optional ones omitted, present zero, false and ""
 *   sent: name=value with both encoded as above (section 3.4; a space is %20, never '+');
 *   booleans "true"/"false", integers exact (all of int64), numbers the shortest text that
 *   reads back to the same double, enums their JSON string. Arrays of scalars and objects of
 *   scalars as op->query_styles says (apigen_query_style).
 * - Path and header parameters that are arrays of scalars in OpenAPI's style simple (section
 *   4.8.12.4): the items joined by ',' (each percent-encoded in a path), an item holding ','
 *   refused; an empty array is an empty segment in a path (refused), no header field.
 * - Header parameters as they are (never percent-encoded); a value or name holding CR, LF, NUL
 *   or another control but HTAB is refused (RFC 9110 section 5.5), so no header can be
 *   injected. Accept names the documented response media types; Content-Type the body's.
 * - credential: the secret of every scheme op names (a static credential), copied into the
 *   request as each scheme says (apigen_auth_kind): bearer "Bearer " + it; basic "Basic " +
 *   base64 of it (RFC 4648 section 4), where it must be "user-id:password" (RFC 7617 section 2);
 *   an API key as it is in its header or query parameter, or as "name=it" in one Cookie field
 *   (RFC 6265 section 4.2.1, every cookie of the requirement joined by "; "), where it must be
 *   cookie-octets (section 4.1.1). The first non-empty requirement of op->security is sent (with a
 *   static credential every scheme has one); with NULL or "", an empty requirement (`{}`) when
 *   op lists one, else a violation at "auth"; ignored when op needs none. A credential with a
 * control character is a violation at "auth". Never appears in a violation message; wiped when the
 * request is freed. path, query, header and body are NULL when op has no such group / no body; body
 * NULL when the body is optional means none is sent. For op->request_raw, body is a const
 * apigen_bytes * whose bytes are copied into the request as they are (no JSON, no charset check).
 * Returns 0 with out filled (free with apigen_request_free), or -1 with errs filled and out
 * empty (nothing to free; an allocation failure is APIGEN_E_NO_MEMORY; a NULL op is
 * APIGEN_E_REQUIRED at "operation"). */
int apigen_request_build(const apigen_operation *op, const char *base_url, const char *credential,
                         const void *path, const void *query, const void *header, const void *body,
                         apigen_request *out, apigen_errors *errs);

/* apigen_request_build, plus the cookie parameters of op->cookie_params from cookie (NULL when
 * op has none; violations rooted at "cookie"): each present one as name=value, in field order,
 * joined by "; " in one Cookie header field (RFC 6265 section 4.2.1), appended to a Cookie
 * field the request already has (one field: section 5.4). A value must be cookie-octets
 * (section 4.1.1: printable ASCII but space, '"', ',', ';' and '\\'), else it is refused
 * (APIGEN_E_FORMAT, value not shown): percent-encoding it would send another value than the
 * caller's. Values as query values are written (booleans, exact integers, shortest doubles).
 * apigen_request_build is this with cookie NULL. */
int apigen_request_build_cookies(const apigen_operation *op, const char *base_url,
                                 const char *credential, const void *path, const void *query,
                                 const void *header, const void *cookie, const void *body,
                                 apigen_request *out, apigen_errors *errs);

/* Bytes of the buffer a credential_fn fills, room for the NUL included. */
#define APIGEN_CREDENTIAL_MAX 8192

/* Fills the credential of scheme (the spec's scheme name: apigen_auth.scheme) into buf (size
 * bytes: APIGEN_CREDENTIAL_MAX, room for the NUL included), NUL-terminated; returns 0, or -1
 * when the caller has none for that scheme. What each scheme's credential is: apigen_auth_kind
 * (a bearer or OAuth 2 / OpenID Connect access token, "user-id:password" for basic, an API
 * key). Called from the calling thread, only for operations that take a credential: for each
 * scheme of each security requirement tried, in op->security's order, until one requirement has
 * a credential for every scheme (so a scheme may be asked twice when two requirements name
 * it). -1 or an empty buf means "none for this scheme": the next requirement is tried, and when
 * none is complete the call ends INVALID_REQUEST with a violation at "auth", nothing sent. A buf
 * without a NUL (a credential of APIGEN_CREDENTIAL_MAX bytes or more) is a violation at "auth".
 * buf is wiped after use. */
typedef int (*apigen_credential_fn)(void *ctx, const char *scheme, char *buf, size_t size);

/* apigen_request_build with the credentials asked per scheme from credential_fn (with
 * credential_ctx) instead of one static credential, and the cookie parameters as
 * apigen_request_build_cookies takes them (cookie NULL: none): an operation with several security
 * requirements (OpenAPI `security: [{a: [], b: []}, {c: []}]`) sends the first whose every
 * scheme credential_fn has a credential for. credential_fn NULL: no credential at all. */
int apigen_request_build_with(const apigen_operation *op, const char *base_url,
                              apigen_credential_fn credential_fn, void *credential_ctx,
                              const void *path, const void *query, const void *header,
                              const void *cookie, const void *body, apigen_request *out,
                              apigen_errors *errs);

/* Releases what r owns and empties it; safe twice, r may be NULL. */
void apigen_request_free(apigen_request *r);

/* ----------------------------------------------------- responses (pure) ---- */

/* What became of a call. HTTP error statuses are data, not outcomes: a documented 404 whose
 * body is valid is APIGEN_RESULT_OK with status 404. */
typedef enum apigen_outcome {
    APIGEN_RESULT_OK = 0,          /* a documented response, its body valid and decoded */
    APIGEN_RESULT_INVALID_REQUEST, /* the request broke its models (errors); nothing sent */
    APIGEN_RESULT_TRANSPORT,       /* no HTTP response: transport_code, transport_message */
    APIGEN_RESULT_TOO_LARGE,       /* the body passed max_response_bytes; its first bytes kept */
    APIGEN_RESULT_UNDOCUMENTED_STATUS, /* no documented response for status, no default */
    APIGEN_RESULT_WRONG_CONTENT_TYPE,  /* documented body, another media type received */
    APIGEN_RESULT_INVALID_RESPONSE,    /* the body breaks its model (errors); nothing decoded */
    APIGEN_RESULT_NO_MEMORY            /* an allocation failed */
} apigen_outcome;

/* The outcome's name ("ok", "invalid request", ...); static storage. */
const char *apigen_outcome_name(apigen_outcome outcome);

/* How the transport failed (APIGEN_RESULT_TRANSPORT), independent of libcurl's codes. */
typedef enum apigen_transport_kind {
    APIGEN_TRANSPORT_NONE = 0,
    APIGEN_TRANSPORT_CONNECT, /* refused, unreachable, DNS (no such host) */
    APIGEN_TRANSPORT_TIMEOUT, /* connect or total timeout */
    APIGEN_TRANSPORT_TLS,     /* handshake, certificate verification */
    APIGEN_TRANSPORT_OTHER    /* anything else libcurl reports (transport_code says what) */
} apigen_transport_kind;

#define APIGEN_TRANSPORT_MESSAGE_MAX 256

/* Everything known of one call, kept whatever the outcome. Caller storage; the owned members
 * are released by apigen_result_free. */
typedef struct apigen_result {
    apigen_outcome outcome;
    int status; /* HTTP status; 0 when no response arrived, else the status of a response that
                   may have been cut short (a TRANSPORT outcome keeps what arrived) */
    const apigen_response *response; /* the documented response matched, else NULL */
    char *body;                      /* raw body as received, NUL-terminated (owned); kept for
                                        every status and outcome once a response arrived; NULL
                                        before */
    size_t body_len;                 /* bytes, without the NUL */
    char *content_type;              /* Content-Type as received (owned), or NULL */
    apigen_header *headers; /* response headers as received (owned), in order; the transport
                               drops fields holding a control character but HTAB, and trailer
                               fields after a chunked body */
    size_t header_count;
    void *header_values; /* outcome OK and response->headers set: the documented headers decoded
                            into a struct of that model (owned; the generated
                            <api>_<op>_headers_<status> functions return it typed); else NULL */
    apigen_transport_kind transport_kind;
    int transport_code;                                   /* libcurl's CURLcode, 0 when none */
    char transport_message[APIGEN_TRANSPORT_MESSAGE_MAX]; /* curl's words, no credential */
    unsigned attempts;                                    /* requests sent (retries + 1); 0: none */
    apigen_errors errors; /* request violations (INVALID_REQUEST) or response
                             violations (INVALID_RESPONSE) */
} apigen_result;

/* Empties res: every member zero and errors empty (apigen_errors_init; the storage of
 * errors.items is left as it is). Allocates nothing. */
void apigen_result_init(apigen_result *res);

/* Decodes the response held in res (status, content_type, body; set by the transport or by a
 * test): finds the documented response (apigen_operation_response: exact status, then its
 * range, then default), and parses and validates body (apigen_model_parse_response) into value,
 * storage of at least the size of every model of op's responses (the generated result's union).
 * Sets res->response and res->outcome: OK (value holds the model, or nothing for a response without
 * a documented body), UNDOCUMENTED_STATUS, WRONG_CONTENT_TYPE (media types compare on type/subtype,
 * case-insensitively, parameters ignored; a response without Content-Type is taken as documented),
 * INVALID_RESPONSE (errors filled, value left empty) or NO_MEMORY. The raw body always stays in
 * res. A documented media type range matches every type it covers ("* / *" all, "text/ *" every
 * text type). A raw response (apigen_response.raw) is not parsed: value receives an apigen_bytes
 * of res->body (data "" when no body came), owned by res. A response to a HEAD operation has no
 * body (RFC 9110 section 9.3.2): OK with value left empty, whatever its documented model. value may
 * be NULL when no response of op has a model. A 204 or a 304 has no content either (RFC 9110
 * sections 15.3.5 and 15.4.5): OK with value left empty, whatever the documented model. When the
 * matched response documents headers (apigen_response.headers) and the body decoded, they are
 * decoded too, into res->header_values: each header's field lines (names compared case-
 * insensitively, RFC 9110 section 5.1) combined with ", " (section 5.3), OWS trimmed, then read
 * as the field's type (integers, int32 and integer enums exactly, numbers as JSON numbers; a
 * boolean only as "true" or "false"; anything else as a string) and validated as a model (enum,
 * pattern, format, bounds). A missing required header or an invalid value is INVALID_RESPONSE with
 * violations at "header['X-RateLimit-Remaining']" (RFC 9535 spelling, "$" read as "header"), the
 * body then released too. Returns 0 for OK, -1 otherwise. */
int apigen_response_decode(const apigen_operation *op, apigen_result *res, void *value);

/* The value of the first header of res named name, compared case-insensitively (RFC 9110
 * section 5.1: field names are case-insensitive), as received; or NULL when there is none (or
 * res or name is NULL). Points into res: valid until apigen_result_free. */
const char *apigen_result_header(const apigen_result *res, const char *name);

/* Releases what res owns (header_values included) and, when res->outcome is OK and
 * res->response has a model, the model in value (as decoded by apigen_response_decode); then
 * empties both. Safe twice; value may be NULL. */
void apigen_result_free(apigen_result *res, void *value);

/* -------------------------------------------------- transport (libcurl) ---- */
/* runtime/apigen_client.c, compiled only where libcurl is found: the models and the pure
 * builder and decoder above build without it. This header never includes curl.h. */

/* A client, shareable by any number of threads: each call has its own state; connections are
 * reused through a pool of libcurl handles. Opaque. */
typedef struct apigen_client apigen_client;

/* What a trace hook sees of one attempt, a redacted request and response: secrets already
 * replaced by "***" (credential headers, Authorization and the Cookie of apiKey-in-cookie
 * schemes among them, and query values, APIGEN_F_SENSITIVE parameters and
 * body members, cookie and authentication fields of the response). The hook is called after
 * the attempt's response is decoded: on the last attempt (last true) outcome is what the call
 * returns. An attempt followed by another (a retry) shows what was known then: its own
 * response, decoded as if it were the last. The struct and everything it points to live only
 * during the hook's call (copy what you keep). The hook runs on the thread of each call, so on
 * several threads at once when calls run in parallel: it must be thread-safe. */
typedef struct apigen_trace {
    /* the request, the same on every attempt */
    const char *method;
    const char *url;              /* url_redacted */
    const apigen_header *headers; /* sensitive values "***" */
    size_t header_count;
    const char *body; /* body_redacted when the body has a sensitive member, else the body;
                         NULL: none */
    /* this attempt */
    unsigned attempt;                      /* 1 for the first */
    bool last;                             /* no attempt follows: outcome is the call's */
    apigen_outcome outcome;                /* as in apigen_result */
    int status;                            /* HTTP status; 0 when no response arrived */
    const apigen_response *response;       /* the documented response matched, else NULL */
    const apigen_header *response_headers; /* as received, but the values of Set-Cookie,
                                              Cookie, (Proxy-)Authorization, WWW-Authenticate,
                                              Proxy-Authenticate, (Proxy-)Authentication-Info
                                              "***" */
    size_t response_header_count;
    const char *response_body; /* NULL unless the body decoded (outcome OK); then the raw body
                                  when the matched response's model has no sensitive field
                                  (or there is no model), else the decoded value as
                                  apigen_model_debug_string writes it (NULL if out of memory) */
    apigen_transport_kind transport_kind;
    int transport_code;            /* libcurl's CURLcode, 0 when none */
    const char *transport_message; /* libcurl's words, no credential; "" when none */
} apigen_trace;

typedef struct apigen_client_options {
    const char *base_url;               /* required: "https://api.example.com" (copied) */
    const char *credential;             /* the secret for every scheme (copied), or NULL */
    apigen_credential_fn credential_fn; /* instead: per scheme (several schemes, rotating tokens);
                                           ctx credential_ctx */
    void *credential_ctx;
    long connect_timeout_ms; /* default 10000 */
    long timeout_ms;         /* per attempt (connect included); default 30000. A call can take up to
                                max_attempts x timeout_ms plus the waits between attempts */
    const char *ca_file;     /* CURLOPT_CAINFO; NULL: libcurl's default */
    const char *ca_path;     /* CURLOPT_CAPATH */
    const char *client_cert; /* PEM, CURLOPT_SSLCERT */
    const char *client_key;  /* PEM, CURLOPT_SSLKEY */
    const char *client_key_password;
    const char *user_agent;    /* NULL: "apigen/<APIGEN_RT_VERSION> libcurl/<version>"; no
                                  control characters */
    size_t max_response_bytes; /* default 10 MiB (10485760) */
    /* Retry (off by default: max_attempts 1). Only for GET, HEAD, PUT, DELETE and OPTIONS, or a
     * request carrying the header idempotency_header with a non-empty value (sent unchanged on
     * every attempt). The key reaches a request only as a header parameter the spec documents
     * under that name: the typed calls add no header of their own. On transport
     * connect/timeout failures and statuses 429, 502, 503 and 504. The wait before attempt n is
     * uniformly random in [0, min(retry_max_ms, retry_base_ms * 2^(n-2))] (full jitter), or the
     * response's Retry-After when it is longer. A Retry-After longer than retry_max_ms ends the
     * retries: that response is returned (RFC 9110 section 10.2.3, RFC 6585 section 4). */
    unsigned max_attempts;          /* default 1 */
    long retry_base_ms;             /* default 200 */
    long retry_max_ms;              /* default 10000 */
    const char *idempotency_header; /* default "Idempotency-Key"; a token, not Accept,
                                       Content-Type or Authorization; NULL: none */
    void (*trace)(void *ctx, const apigen_trace *t); /* NULL: none; called per attempt */
    void *trace_ctx;
} apigen_client_options;

/* Defaults as documented above: TLS verification is always on (there is no option to turn it
 * off), redirects are not followed (a credential never goes to another host), the proxy comes
 * from the environment as libcurl reads it (http_proxy, https_proxy, no_proxy). */
void apigen_client_options_init(apigen_client_options *o);

/* A new client, or NULL (message in errbuf, errsize bytes, when given): base_url missing, not
 * an absolute http/https URL (checked with libcurl's URL API), or holding a '?', a '#' or
 * userinfo ("user:password@"); user_agent holding a control character but HTAB;
 * idempotency_header not a token (RFC 9110 section 5.6.2) or naming a field every request
 * carries (Accept, Content-Type, Authorization); libcurl failing to start; out of memory. Free with
 * apigen_client_free once no call runs. */
apigen_client *apigen_client_new(const apigen_client_options *o, char *errbuf, size_t errsize);

void apigen_client_free(apigen_client *c);

/* Sends a built request and decodes its response into res and value (apigen_response_decode),
 * with the client's retry policy. res is initialised here. value NULL when a response of the
 * operation has a model is INVALID_REQUEST (a violation at "value"), nothing sent. A response
 * whose header section ends before its blank line is TRANSPORT (kind OTHER, transport_code
 * CURLE_RECV_ERROR). Known limit: libcurl refuses a request line and fields over its buffer
 * (about 1 MB: a huge path or header value) as TRANSPORT, kind OTHER, code 27
 * (CURLE_OUT_OF_MEMORY); a URL over its 8 MB input limit, code 43 (CURLE_BAD_FUNCTION_ARGUMENT).
 * Returns res->outcome. Prints nothing, ever. */
int apigen_client_send(apigen_client *c, const apigen_request *req, apigen_result *res,
                       void *value);

/* One call: the request built with the client's base URL and credentials
 * (apigen_request_build_with when the client has a credential_fn, else
 * apigen_request_build_cookies with its static credential; INVALID_REQUEST with errors when it
 * fails, nothing sent), then apigen_client_send. What the generated
 * per-operation functions call. Returns res->outcome (0: OK). */
int apigen_call(apigen_client *c, const apigen_operation *op, const void *path, const void *query,
                const void *header, const void *body, apigen_result *res, void *value);

/* apigen_call with the cookie parameters of op (apigen_request_build_cookies); what the
 * generated functions of operations with cookie parameters call. */
int apigen_call_cookies(apigen_client *c, const apigen_operation *op, const void *path,
                        const void *query, const void *header, const void *cookie, const void *body,
                        apigen_result *res, void *value);

#ifdef __cplusplus
}
#endif

#endif
