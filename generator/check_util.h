/* check_util.h: what every stage of the checker shares (internal to the generator): the
 * checker's context, a string hash map, diagnostics at a node, and typed readers of spec values
 * that report what they refuse ("did you mean" included). A front end (check_api.c for the
 * apigen format) reads with these; check_model.c, resolve.c and layout.c report through them. */
#ifndef APIGEN_CHECK_UTIL_H
#define APIGEN_CHECK_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "strmap.h"

/* How a front end names, in messages, the places of its format that the format-independent
 * stages (check_model.c, resolve.c, layout.c) report about. */
typedef struct check_words {
    const char *schemas;      /* where $ref targets are declared: "'schemas'" */
    const char *path_params;  /* the parameter groups: "parameters.path" */
    const char *query_params; /* "parameters.query" */
    const char *header_params;
    const char *cookie_params; /* "parameters.cookie" */
} check_words;

/* One check of one spec: the model being built in `api`, everything in arena `a`, problems to
 * `d` against `file`'s path, places named in `words`. */
typedef struct checker {
    arena *a;
    diag *d;
    const spec_file *file;
    spec_api *api;
    const check_words *words;
    strmap idents;             /* layout.c: global C identifiers -> the node that claimed them */
    strmap schemas;            /* names in `schemas` -> their named_schema */
    strmap patterns;           /* layout.c: ECMA-262 source -> 1 + its index in api.patterns */
    strmap translations;       /* ECMA-262 source -> its checked PCRE2 translation */
    const char **schema_names; /* resolve.c: the names in `schemas`, for "did you mean" */
    const node *root;          /* check_api.c: the spec's mapping (its components) */
    strmap components_used;    /* check_api.c: "<kind>/<name>" of each component read once */
    /* layout.c: growable lists of the derived order. */
    size_t models_cap, enums_cap, patterns_cap;
    const node *all_of_member; /* check_unions.c: the allOf member being read (a mapping) */
} checker;

/* ------------------------------------------------------------ reporting ---- */

/* An error at node n (NULL: at the file); printf-style. */
void error_at(checker *c, const node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A note at node n standing alone, no error (diag_remark); printf-style. */
void remark_at(checker *c, const node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A note at node n, attached to the error before it; fmt has one %s, for arg. */
void note_at(checker *c, const node *n, const char *fmt, const char *arg);

/* The candidate closest to word (optimal string alignment distance), if close enough to be a
 * likely typo, else NULL. */
const char *closest(const char *word, const char *const *candidates, size_t count);

/* ------------------------------------------------------- reading values ---- */

/* A quoted or plain scalar YAML reads as a string. */
bool is_string(const node *n);

/* The text of a string-valued key of mapping m, or NULL: absent, or (reported) of another
 * kind. Plain scalars YAML would read as numbers or booleans are errors: quote them. */
const char *get_string(checker *c, const node *m, const char *key);

/* Prose keys (description, summary): get_string that also accepts plain scalars that look like
 * numbers or booleans. */
const char *get_text(checker *c, const node *m, const char *key);

/* A boolean key, or fallback when absent or (reported) not a boolean. */
bool get_bool(checker *c, const node *m, const char *key, bool fallback);

/* Mapping m without the keys named in keys[0..n): m itself when it has none of them (or is no
 * mapping), else a copy in c's arena (the pairs shared). For keys a reader takes off a schema
 * before parse_schema, which knows no such key (x-c-name, a query parameter's style). */
const node *node_without(checker *c, const node *m, const char *const *keys, size_t n);

/* n itself, or, when n is a YAML float whose value is an integer ("5.0", "1e2"), a copy typed
 * as an integer whose text is that integer in decimal (JSON Schema 2020-12, Validation 6.1.1).
 * Decided on the digits, exactly. */
const node *integral(checker *c, const node *n);

/* An integer scalar's exact value. Returns false (after reporting, naming it `what`) when n is
 * not one or does not fit in 64 bits. */
bool scalar_int(checker *c, const node *n, const char *what, int64_t *out);

/* A non-negative integer key (minLength ...), or -1: absent or (reported) invalid. */
int64_t get_count(checker *c, const node *m, const char *key);

/* A numeric key as written (bound.at NULL: absent or, reported, invalid). */
bound get_bound(checker *c, const node *m, const char *key);

/* Whether n is of kind `kind`; reports it (naming it `what`) when not. */
bool expect_kind(checker *c, const node *n, node_kind kind, const char *what);

/* Reports every key of mapping m not in allowed, with a suggestion when one is close; `where`
 * names m in the message ("a schema"). */
void check_keys(checker *c, const node *m, const char *const *allowed, size_t count,
                const char *where);

/* An array literal and its length, for check_keys: check_keys(c, m, KEYS("a", "b"), "x"). */
#define KEYS(...)                                                                                  \
    (const char *const[]){__VA_ARGS__},                                                            \
        sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)

/* Whether name is an RFC 9110 token (section 5.6.2), what a header field name must be. */
bool is_token(const char *name);

#endif
