/* apigen_rt_internal.h: what the parts of the runtime (apigen_rt_*.c) share, and nothing a
 * user includes. Types of a walk (paths, violation context, matcher, number tokens), small inline
 * helpers, and the functions one part defines for another. Those carry the prefix apigen_i_ and
 * hidden visibility where the compiler has it, so that they stay out of a program's namespace and
 * out of a shared library's exports; everything else in the parts is static. */
#ifndef APIGEN_RT_INTERNAL_H
#define APIGEN_RT_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include "apigen_rt.h"

#include <inttypes.h>
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define APIGEN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define APIGEN_NOINLINE     __attribute__((noinline))
#else
#define APIGEN_PRINTF(f, a)
#define APIGEN_NOINLINE
#endif

#define MAX_SAFE_DOUBLE 9007199254740991.0 /* 2^53 - 1: integers up to it are exact doubles */
#define NOT_FOUND       SIZE_MAX           /* apigen_i_find_field: no field of that name */
#define ONES            UINT64_C(0x0101010101010101) /* SWAR: 0x01 in each byte of a word */
#define HIGHS           UINT64_C(0x8080808080808080) /* SWAR: the high bit of each byte */

/* Functions one part of the runtime defines for another: not part of its API. */
#if defined(__GNUC__) && !defined(_WIN32) && !defined(__CYGWIN__)
#define APIGEN_INTERNAL __attribute__((visibility("hidden")))
#else
#define APIGEN_INTERNAL
#endif

/* ------------------------------------------------- small helpers, inline in every part ---- */

/* The cJSON_* type of a node without its flag bits (cJSON_Invalid for NULL); the same test as
 * cJSON_IsString() and friends, without a call into the library per node. */
static inline int json_type(const cJSON *j)
{
    return j != NULL ? j->type & 0xFF : cJSON_Invalid;
}

/* ASCII digits and hex digits (RFC 5234 DIGIT, HEXDIG in either case). */
static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Whether a JSON string must escape byte c (RFC 8259 section 7: '"', '\\', controls). */
static inline bool needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* Index of the first byte at or after i that needs escaping, or len; 8 bytes at a time. */
static inline size_t plain_run_end(const char *s, size_t i, size_t len)
{
    for (; len - i >= 8; i += 8) {
        uint64_t w, quote, slash;
        memcpy(&w, s + i, 8);
        quote = w ^ (ONES * '"');
        slash = w ^ (ONES * '\\');
        if ((((w - ONES * 0x20) & ~w) | ((quote - ONES) & ~quote) | ((slash - ONES) & ~slash)) &
            HIGHS)
            break; /* one of these 8 bytes */
    }
    while (i < len && !needs_escape((unsigned char)s[i]))
        i++;
    return i;
}

/* Whether the double d is an integer that a double holds exactly (within +-(2^53-1)): JSON
 * text writes such a number as an integer (-0 as 0), any other with apigen_i_format_double. */
static inline bool exact_integer(double d)
{
    return d >= -MAX_SAFE_DOUBLE && d <= MAX_SAFE_DOUBLE && (double)(int64_t)d == d;
}

/* ------------------------------------------------------------ types of a walk ---- */

/* Bump allocation from a buffer on the stack, then the heap (interpreter frames). */
typedef struct stack_arena {
    unsigned char *mem;
    size_t used, cap;
} stack_arena;

/* Match data for every match of one walk (validate, parse, or a single apigen_pattern_match),
 * kept in the walk's stack frame: no malloc per match, nothing shared between threads. The
 * walk is one document: budget is what it may still spend on matching (apigen_rt.h,
 * "Bounds on pattern matching"). apigen_i_matcher_init before first use; apigen_i_matcher_done
 * releases it. */
typedef struct matcher {
    _Alignas(max_align_t) unsigned char mem[512];
    stack_arena arena;
    pcre2_general_context *gc;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *stack; /* NULL: PCRE2's default 32 KiB */
    size_t stack_max;       /* bytes stack may grow to */
    uint64_t budget;        /* match-limit units left to this document */
} matcher;

/* One step of a JSON path, in the stack frame of the walk that is there: a property name, or
 * an array index when name is NULL. Paths are only spelled out when a violation is reported. */
typedef struct seg {
    const struct seg *up;
    const char *name;
    size_t index;
} seg;

/* State of one from_json, validate or parse walk. */
typedef struct ctx {
    apigen_errors *errs; /* may be NULL */
    size_t violations;
    size_t unread;     /* violations that left a value unread */
    bool oom;          /* stop walking: memory ran out (reported once) */
    bool parsing;      /* apigen_model_parse: running out of memory is then the only error */
    matcher *mt;       /* for patterns; NULL when the walk matches none */
    bool secret;       /* below an APIGEN_F_SENSITIVE field: show no value, no document key */
    unsigned optional; /* APIGEN_F_READ_ONLY or APIGEN_F_WRITE_ONLY: a required field with
                          this flag is not required here (the walk's direction); 0: none */
    size_t tries;      /* union alternatives tried so far for the outermost union value
                          being read (APIGEN_UNION_TRIES_MAX) */
    bool in_union;     /* reading inside a union value: a nested union shares its budget */
} ctx;

/* Whether field f must be present in the walk c: required, and not of c's direction's
 * exempt flag (apigen_model_validate_request, apigen_model_parse_response). */
static inline bool field_required(const ctx *c, const apigen_field *f)
{
    return (f->flags & APIGEN_F_REQUIRED) && !(f->flags & c->optional);
}

/* A number token: -? int (. frac)? ([eE] [+-]? exp)?, its parts located in the text. */
typedef struct num_token {
    size_t start, end;
    bool negative;
    size_t int_start, int_len;   /* digits before the point: "0" or no leading zero */
    size_t frac_start, frac_len; /* digits after it; frac_len 0 without a point */
    int64_t exp;                 /* the exponent, saturated at +-10^15 (apigen_rt_number.c) */
} num_token;

/* A number as the document wrote it (s with its token t), or the double v when s is NULL. */
typedef struct number_value {
    const char *s;
    const num_token *t;
    double v;
} number_value;

/* The items of an array as apigen_model_parse read them, for uniqueItems to judge the document
 * rather than the struct: number items' tokens in doc, or object items' JSON trees. */
typedef struct doc_items {
    const char *doc;
    const num_token *toks; /* a number array's items */
    cJSON *const *trees;   /* an object array's items, unknown members included */
    cJSON *root;           /* the array those items are in */
} doc_items;

/* The member at offset bytes into a struct the descriptors describe. */
static inline void *member(void *base, size_t offset)
{
    return (char *)base + offset;
}

static inline const void *cmember(const void *base, size_t offset)
{
    return (const char *)base + offset;
}

/* How a field of a struct stands (apigen_i_field_presence): not written, written as JSON null,
 * or written with a value. */
typedef enum presence { P_ABSENT, P_NULL, P_VALUE } presence;

/* The splitmix64 finalizer: hashes for uniqueItems (apigen_rt_check.c, and numbers by exact
 * value in apigen_rt_number.c) are mixed with it. */
static inline uint64_t mix(uint64_t h)
{
    h ^= h >> 30;
    h *= UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h *= UINT64_C(0x94d049bb133111eb);
    return h ^ (h >> 31);
}

/* The hash of a double for uniqueItems. Equal doubles, equal hashes: -0 is 0, every NaN one
 * value. */
static inline uint64_t hash_double(double d)
{
    uint64_t bits;
    if (d == 0)
        d = 0;
    if (isnan(d))
        return 7;
    memcpy(&bits, &d, sizeof bits);
    return mix(bits);
}

/* ------------------------------------- functions one part defines for the others ---- */

/* ---- apigen_rt_core.c */

/* The name of a seg that stands for a document's property name below a sensitive field; told
 * by its address, so that a document's own "***" is not taken for it: one definition. */
APIGEN_INTERNAL extern const char apigen_i_hidden_key[];

/* size bytes through cJSON's hooks (cJSON_InitHooks), as every allocation of the runtime, so
 * that strings a struct owns and the cJSON trees it holds are released alike and tests can
 * inject failures; NULL when out of memory. Released with apigen_i_free. */
APIGEN_INTERNAL void *apigen_i_alloc(size_t size);

/* Releases memory of apigen_i_alloc (or of cJSON) through cJSON's hooks; p may be NULL. */
APIGEN_INTERNAL void apigen_i_free(void *p);

/* n zeroed elements of size bytes; NULL on overflow or out of memory. */
APIGEN_INTERNAL void *apigen_i_alloc_zeroed(size_t n, size_t size);

/* A NUL-terminated copy of the len bytes at s (which may hold NUL bytes, and need not end in
 * one), owned by the caller (apigen_i_free); NULL when out of memory. */
APIGEN_INTERNAL char *apigen_i_strndup(const char *s, size_t len);

/* Makes the block *data (len bytes in use, *cap allocated; NULL when *cap is 0) hold at least
 * need bytes: a new block of twice *cap (at least min, at most limit, never less than need)
 * with the len bytes copied over, since cJSON's hooks have no realloc. Returns false, leaving
 * *data and *cap as they were, when need > limit or memory runs out. */
APIGEN_INTERNAL bool apigen_i_reserve(char **data, size_t len, size_t *cap, size_t need, size_t min,
                                      size_t limit);

/* Ends the path text path[0..len) (a buffer of at least APIGEN_PATH_MAX bytes, of which len
 * may claim more than fit): cut with "..." at a character's first byte when longer than
 * APIGEN_PATH_MAX - 1, then NUL-terminated. Returns the length kept. */
APIGEN_INTERNAL size_t apigen_i_path_end(char *path, size_t len);

/* Whether s is a token, what a header field name is: one or more tchar (RFC 9110 section
 * 5.6.2: letters, digits and !#$%&'*+-.^_`|~). */
APIGEN_INTERNAL bool apigen_i_is_token(const char *s);

/* Whether s[0..n) holds a control character a field value cannot carry: any C0 control but
 * HTAB, and DEL (RFC 9110 section 5.5: field-vchar is VCHAR or obs-text, with SP and HTAB
 * between; CR, LF and NUL would end the field or the message and let a value inject another). */
APIGEN_INTERNAL bool apigen_i_has_control(const char *s, size_t n);

/* Releases count headers (name and value of each) and the array holding them; NULL-safe. */
APIGEN_INTERNAL void apigen_i_headers_free(apigen_header *headers, size_t count);

/* Sets the n bytes at p to zero (p may be NULL) through a volatile function pointer, so that
 * wiping a secret before it is freed or goes out of scope is not optimised away (C11 has no
 * memset_s everywhere). */
APIGEN_INTERNAL void apigen_i_wipe(void *p, size_t n);

/* Wipes the string s (apigen_i_wipe, up to its NUL) and releases it (apigen_i_free); NULL-safe. */
APIGEN_INTERNAL void apigen_i_free_secret(char *s);

/* Whether c is optional whitespace in HTTP, SP or HTAB (RFC 9110 section 5.6.3, OWS): what a
 * field value is trimmed of (section 5.5) and what separates media type parameters. */
APIGEN_INTERNAL bool apigen_i_is_ows(char c);

/* ASCII case-insensitive equality of the alen bytes at a and the blen bytes at b: field names
 * (RFC 9110 section 5.1), media types (section 8.3.1), methods never. Folded by hand rather
 * than with tolower/strncasecmp, which follow the C locale: HTTP's case is ASCII's whatever
 * the locale. */
APIGEN_INTERNAL bool apigen_i_equal_nocase(const char *a, size_t alen, const char *b, size_t blen);

/* Whether m's document is its one field's value (APIGEN_F_ROOT), not an object. */
static inline bool apigen_i_is_root(const apigen_model *m)
{
    return m->field_count == 1 && (m->fields[0].flags & APIGEN_F_ROOT);
}

/* Whether m holds an APIGEN_F_SENSITIVE field, at any depth (nested structs are held by value,
 * so the recursion ends): a body of it is shown only as apigen_model_debug_string. */
APIGEN_INTERNAL bool apigen_i_model_has_sensitive(const apigen_model *m);

/* The JSON type of j for messages ("expected object, got array"): "null", "boolean", "number",
 * "string", "array", "object"; "nothing" when j is NULL or of no JSON type. Static storage. */
APIGEN_INTERNAL const char *apigen_i_json_type_name(const cJSON *j);

/* A value breaks a rule (it was read, or validate looks at it): counts one violation in c and,
 * while c->errs has room (APIGEN_ERRORS_MAX), stores code, the RFC 9535 normalized path of at
 * (cut with "..." at APIGEN_PATH_MAX bytes) and the printf-style message fmt (escaped, cut at
 * APIGEN_MESSAGE_MAX). Below a sensitive field (c->secret) the message names only the rule
 * broken, no value. Never fails: what does not fit is counted, not stored. */
APIGEN_PRINTF(4, 5)
APIGEN_INTERNAL void apigen_i_report(ctx *c, const seg *at, apigen_code code, const char *fmt, ...);

/* As apigen_i_report, for a value that could not be read at all (its slot stays zero): it is
 * also counted in c->unread. */
APIGEN_PRINTF(4, 5)
APIGEN_INTERNAL void apigen_i_report_unread(ctx *c, const seg *at, apigen_code code,
                                            const char *fmt, ...);

/* Memory ran out at at: reports APIGEN_E_NO_MEMORY once per walk and sets c->oom, which stops
 * the walk. While parsing, the violations reported before are dropped: like a syntax error,
 * running out of memory ends a parse alone. */
APIGEN_INTERNAL void apigen_i_report_oom(ctx *c, const seg *at);

/* A string s[0..n) that is no value of enum e. */
APIGEN_INTERNAL void apigen_i_report_enum(ctx *c, const seg *at, const char *s, size_t n,
                                          const apigen_enum *e);

/* The JSON text of the value of an enum field f (ENUM or OPEN_ENUM) in slot: a listed value's,
 * an open enum's other text; NULL when unset or out of range (validate reports it). A string
 * enum's text is a JSON string's content, an integer enum's a JSON integer. */
APIGEN_INTERNAL const char *apigen_i_enum_text(const apigen_field *f, const void *slot);

/* The value (1 to e's count) of the integer v in the integer enum e, or 0 when it lists none. */
APIGEN_INTERNAL int apigen_i_enum_int(const apigen_enum *e, int64_t v);

/* A value s[0..n) (valid UTF-8; an integer enum's digits) that enum field f does not list: an
 * open enum (APIGEN_KIND_OPEN_ENUM) keeps a copy as its other value in slot (its int becomes
 * the enum's count + 1; running out of memory is reported); a closed one reports it
 * (apigen_i_report_enum). */
APIGEN_INTERNAL void apigen_i_enum_unlisted(ctx *c, const apigen_field *f, void *slot,
                                            const char *s, size_t n, const seg *at);

/* A string that is not the const s. */
APIGEN_INTERNAL void apigen_i_report_const(ctx *c, const seg *at, const char *s);

/* Bytes of one value (one array item) of f. */
APIGEN_INTERNAL size_t apigen_i_value_size(const apigen_field *f);

/* Items of an array field and their number (0 when the pointer is NULL). */
APIGEN_INTERNAL const void *apigen_i_array_items(const apigen_field *f, const void *base,
                                                 size_t *count);

/* A new zeroed last entry of map field f of the struct at base, whose entry array has room for
 * *cap entries (0 when the array is empty or was not allocated here): the array grows by
 * doubling (*cap updated) and the count is raised first, so the struct can be freed at any point.
 * NULL when memory ran out (nothing changed). */
APIGEN_INTERNAL void *apigen_i_map_append(const apigen_field *f, void *base, size_t *cap);

/* Whether a field is written: its has-flag when it has one, then its null-flag; pointers and
 * enums are absent when NULL or 0, optional arrays without a has-flag when empty. */
APIGEN_INTERNAL presence apigen_i_field_presence(const apigen_field *f, const void *base);

/* ---- apigen_rt_text.c */

/* Validates s[0..len) and counts its code points; false on the first invalid sequence. */
APIGEN_INTERNAL bool apigen_i_utf8_scan(const char *s, size_t len, size_t *code_points);

/* Whether s[0..len), valid UTF-8 with no NUL needed at its end, is of the format, by the
 * standard apigen_rt.h names for it at APIGEN_FORMATS (RFC 3339, RFC 5321, RFC 3986, ...):
 * true for APIGEN_FORMAT_NONE, false for a value that is no format. */
APIGEN_INTERNAL bool apigen_i_format_check(apigen_format format, const char *s, size_t len);

/* ---- apigen_rt_pattern.c */

/* Makes mt ready for a walk, allocating nothing (apigen_i_pattern_exec allocates on the first
 * match), with the pattern budget of a document (APIGEN_PATTERN_BUDGET_BASE). */
APIGEN_INTERNAL void apigen_i_matcher_init(matcher *mt);

/* Releases what matching allocated; mt can be used again afterwards, with the budget it has
 * left. */
APIGEN_INTERNAL void apigen_i_matcher_done(matcher *mt);

/* Matches valid UTF-8: 1 match, 0 no match, -1 cannot compile, -2 out of memory, -3 a bound
 * on matching was hit (the document's budget, the depth or the heap limit).
 * PCRE2 does not say how much work a match took, only whether it stayed within a limit; so
 * each attempt is charged its whole limit, starting small (most matches of a sane pattern
 * finish within a few units per byte) and growing eightfold while the budget lasts. What a
 * document is charged is thus an upper bound of the work done, and the budget a hard bound. */
APIGEN_INTERNAL int apigen_i_pattern_exec(apigen_pattern *p, const char *subject, size_t len,
                                          matcher *mt);

/* The pattern as the spec wrote it, for messages. */
APIGEN_INTERNAL const char *apigen_i_pattern_text(const apigen_pattern *p);

/* ---- apigen_rt_number.c */

/* The number at s[*k..len) per RFC 8259: no '+', no leading zeros, digits on both sides of a
 * point, no NaN or Infinity. On success *k is its end; on failure the offending byte. */
APIGEN_INTERNAL bool apigen_i_scan_num(const char *s, size_t len, size_t *pos, num_token *t);

/* The value of the number if it is an integer in the int64 range, decided on the digits as
 * written: "1.0", "1e2", "100E-2" and "-0" (0) are integers, "9007199254740990.5" is not. */
APIGEN_INTERNAL bool apigen_i_number_to_int(const char *s, const num_token *t, int64_t *out);

/* The double nearest the number s with its token t (strtod, correctly rounded: +-HUGE_VAL above
 * the range of a double, 0 or a subnormal below it), whatever the locale's decimal point.
 * False only when a copy of a number longer than 400 bytes could not be allocated. */
APIGEN_INTERNAL bool apigen_i_number_to_double(const char *s, const num_token *t, double *out);

/* The text of a number node's exact value that apigen keeps in its valuestring, when that is
 * one JSON number that reads as the node's double (a caller who changed valuedouble afterwards
 * gets the double); else NULL. t receives its token. */
APIGEN_INTERNAL const char *apigen_i_number_literal(const cJSON *j, num_token *t);

/* The decimal digits of v into buf (24 bytes); returns where they start. */
APIGEN_INTERNAL char *apigen_i_int_text(int64_t v, char buf[24]);

/* Compares two numbers by exact value: -1, 0, 1 as x is below, equal to, above y. Each is a
 * literal (xs with its token xt; a NULL token means xs is a NUL-terminated JSON number still
 * to scan) or, when xs is NULL, the double xd itself; xd is in any case the double nearest it.
 * Exact but for exponents beyond +-10^15, which saturate (no double reaches them); NaN equals
 * nothing. */
APIGEN_INTERNAL int apigen_i_number_cmp(const char *xs, const num_token *xt, double xd,
                                        const char *ys, const num_token *yt, double yd);

/* apigen_i_number_cmp of two cJSON number nodes: their kept digits (apigen_i_number_literal),
 * else their doubles. */
APIGEN_INTERNAL int apigen_i_json_number_cmp(const cJSON *a, const cJSON *b);

/* A hash of the exact value of the number s with its token t: its sign, significant digits and
 * magnitude, so that numbers apigen_i_number_cmp finds equal (1, 1.0, 1e0, 10e-1) hash alike. */
APIGEN_INTERNAL uint64_t apigen_i_number_hash(const char *s, const num_token *t);

/* apigen_i_number_hash of a cJSON number node: its kept digits, else the exact value of its
 * double (the ones apigen_i_json_number_cmp compares); a non-finite double by hash_double. */
APIGEN_INTERNAL uint64_t apigen_i_json_number_hash(const cJSON *j);

/* Whether the number xs with its token xt is an integer multiple of ms, a NUL-terminated JSON
 * number > 0 of at most 18 significant digits (false for any other ms), exactly, on the digits
 * (JSON Schema 2020-12 validation 6.2.1, multipleOf). */
APIGEN_INTERNAL bool apigen_i_number_multiple_of(const char *xs, const num_token *xt,
                                                 const char *ms);

/* ---- apigen_rt_check.c
 * The rules of one value, each broken rule reported at at with apigen_i_report (JSON Schema
 * 2020-12 validation vocabulary, as apigen_rt.h's apigen_rules describes the fields). r may be
 * NULL (no rules) but for apigen_i_check_string. */

/* Rules of a string s[0..len) already known to be valid UTF-8: minLength and maxLength in code
 * points, pattern (ECMA-262, within the document's budget), format, const. */
APIGEN_INTERNAL void apigen_i_check_string(ctx *c, const apigen_rules *r, const char *s, size_t len,
                                           const seg *at);

/* const of a boolean. */
APIGEN_INTERNAL void apigen_i_check_bool(ctx *c, const apigen_rules *r, bool v, const seg *at);

/* minimum, maximum, exclusiveMinimum, exclusiveMaximum and const of an integer. */
APIGEN_INTERNAL void apigen_i_check_int64(ctx *c, const apigen_rules *r, int64_t v, const seg *at);

/* A number: APIGEN_E_TYPE when it is not finite; then minimum, maximum, exclusiveMinimum,
 * exclusiveMaximum and const, compared by exact value (apigen_i_number_cmp) between the number
 * as the document wrote it (or the struct's double) and the bound as the spec wrote it. */
APIGEN_INTERNAL void apigen_i_check_double(ctx *c, const apigen_rules *r, const number_value *x,
                                           const seg *at);

/* An enum field's value v (1 to the enum's count; anything else, 0 included, is reported as no
 * value of it) and the const of f's rules, compared by the value's name. */
APIGEN_INTERNAL void apigen_i_check_enum(ctx *c, const apigen_field *f, int v, const seg *at);

/* minItems, maxItems and uniqueItems of the array field f of the struct at base; uniqueItems
 * only while the length is within maxItems. d, when not NULL, holds the items as
 * apigen_model_parse read them, so that numbers compare as written and object items with
 * their unknown members; NULL: the struct's items alone (validate). Running out of memory is
 * reported. */
APIGEN_INTERNAL void apigen_i_check_items(ctx *c, const apigen_field *f, const void *base,
                                          const doc_items *d, const seg *at);

/* The object rules r (minProperties, maxProperties; r may be NULL) of an object of n
 * properties at at. */
APIGEN_INTERNAL void apigen_i_check_property_count(ctx *c, const apigen_rules *r, size_t n,
                                                   const seg *at);

/* propertyNames (names, may be NULL) of the key s[0..len), valid UTF-8, whose value is at at:
 * the string rules of names, reported as one APIGEN_E_PROPERTY_NAMES naming the rule. */
APIGEN_INTERNAL void apigen_i_check_property_name(ctx *c, const apigen_rules *names, const char *s,
                                                  size_t len, const seg *at);

/* The object rules r (may be NULL) of the free-form object j: minProperties, maxProperties and
 * propertyNames of its members (a key that is not UTF-8 is reported elsewhere). */
APIGEN_INTERNAL void apigen_i_check_json_object(ctx *c, const apigen_rules *r, const cJSON *j,
                                                const seg *at);

/* The keys of map field f of the struct at base (at the map's path at; m, when not NULL, the
 * model whose additional properties they are): propertyNames (names) of each, and each key
 * given twice (or naming a field of m) as APIGEN_E_DUPLICATE_KEY at the later one's path, found
 * by hash and sort. Running out of memory is reported. */
APIGEN_INTERNAL void apigen_i_check_map_keys(ctx *c, const apigen_field *f, const void *base,
                                             const apigen_model *m, const apigen_rules *names,
                                             const seg *at);

/* ---- apigen_rt_print.c */

/* Shortest of %.15g, %.16g, %.17g that reads back as d, with '.' whatever the locale. */
APIGEN_INTERNAL void apigen_i_format_double(double d, char out[32]);

/* ---- apigen_rt_tree.c */

/* Reports every string in a tree that is not valid UTF-8 (property names included), and
 * every number beyond the range of a double (1e400: no cJSON value can hold it). */
APIGEN_INTERNAL void apigen_i_check_tree(ctx *c, const cJSON *j, const seg *at);

/* Index of the field whose name is key[0..n), searched from hint on (properties usually come in
 * the declared order), or NOT_FOUND. key holds no NUL byte; it need not end in one. */
APIGEN_INTERNAL size_t apigen_i_find_field(const apigen_model *m, const char *key, size_t n,
                                           size_t hint);

/* Reports the required fields of m that seen does not mark. */
APIGEN_INTERNAL void apigen_i_report_missing(ctx *c, const apigen_model *m, const uint64_t *seen,
                                             const seg *at);

/* ---- the value walks of one kind, for apigen_rt_union.c's alternatives */

/* from_json of one value of f (apigen_rt_tree.c's read_value). */
APIGEN_INTERNAL void apigen_i_read_value(ctx *c, const apigen_field *f, const cJSON *j, void *slot,
                                         const seg *at);

/* A new node for one value of f; NULL only when memory ran out (apigen_rt_tree.c). */
APIGEN_INTERNAL cJSON *apigen_i_build_value(const apigen_field *f, const void *slot);

/* The rules of one value of f (apigen_rt_check.c's check_value). */
APIGEN_INTERNAL void apigen_i_check_value(ctx *c, const apigen_field *f, const void *slot,
                                          const seg *at);

/* Releases what one value of f owns (apigen_rt_core.c). */
APIGEN_INTERNAL void apigen_i_free_value(const apigen_field *f, void *slot);

/* ---- apigen_rt_union.c (apigen_rt.h, apigen_union) */

/* The kind of the tagged union at slot: 0 unset, i + 1 alternatives[i]. */
static inline int union_tag(const apigen_union *u, const void *slot)
{
    return *(const int *)cmember(slot, u->tag_offset);
}

/* The held alternative of the union at slot, or NULL when its kind is none of them. */
static inline const apigen_field *union_held(const apigen_union *u, const void *slot)
{
    int t = union_tag(u, slot);
    return t >= 1 && (size_t)t <= u->count ? &u->alternatives[t - 1] : NULL;
}

/* Reads j into the zeroed union at slot, choosing the alternative (apigen_rt.h). */
APIGEN_INTERNAL void apigen_i_read_union(ctx *c, const apigen_union *u, const cJSON *j, void *slot,
                                         const seg *at);

/* validate of a union value: the held alternative's rules, and its discriminator. */
APIGEN_INTERNAL void apigen_i_check_union(ctx *c, const apigen_union *u, const void *slot,
                                          const seg *at);

/* Releases the held alternative and leaves kind 0. */
APIGEN_INTERNAL void apigen_i_free_union(const apigen_union *u, void *slot);

/* An array alternative (APIGEN_F_ARRAY: items and count inside the union struct u_slot) or a
 * value alternative at u_slot + alt->offset: read (apigen_rt_tree.c), check (apigen_rt_check.c),
 * free (apigen_rt_core.c) and build (apigen_rt_tree.c) the alternative alt of the union at
 * u_slot, whichever it is. */
APIGEN_INTERNAL void apigen_i_read_alternative(ctx *c, const apigen_field *alt, const cJSON *j,
                                               void *u_slot, const seg *at);
APIGEN_INTERNAL void apigen_i_check_alternative(ctx *c, const apigen_field *alt, const void *u_slot,
                                                const seg *at);
APIGEN_INTERNAL void apigen_i_free_alternative(const apigen_field *alt, void *u_slot);

#endif
