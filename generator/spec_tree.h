/* spec_tree.h: a spec file as libyaml read it: scalars, sequences and mappings, each with
 * the 1-based line and column where it starts. The loader (spec_load.c) builds it; the
 * checker (check_api.c and the stages after it) turns it into the model. Nothing here knows about
 * C. */
#ifndef APIGEN_SPEC_TREE_H
#define APIGEN_SPEC_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

typedef enum node_kind { NODE_SCALAR, NODE_SEQUENCE, NODE_MAPPING } node_kind;

/* What a scalar means under YAML 1.2's core schema: quoted scalars are always strings. */
typedef enum scalar_type {
    SCALAR_STRING,
    SCALAR_NULL,
    SCALAR_BOOL,
    SCALAR_INT,
    SCALAR_FLOAT
} scalar_type;

typedef struct node node;

typedef struct node_pair {
    node *key; /* always a scalar */
    node *value;
} node_pair;

/* 40 bytes: a 10,000-operation spec has millions of nodes. */
struct node {
    const char *text; /* NODE_SCALAR: NUL-terminated value (may contain NUL: see len) */
    union {
        node **items;     /* NODE_SEQUENCE */
        node_pair *pairs; /* NODE_MAPPING: in file order, keys unique */
    };
    uint32_t len;           /* NODE_SCALAR: bytes in text */
    uint32_t count;         /* items or pairs */
    uint32_t source_offset; /* NODE_SCALAR: byte offset of its first character in the file */
    int line, col;          /* 1-based */
    uint8_t kind;           /* node_kind */
    uint8_t type;           /* NODE_SCALAR: scalar_type */
    char style;             /* 0 plain, '\'' single-quoted, '"' double-quoted, '|' '>' block */
};

/* Specs are read whole and may be at most this large: 64 MiB, twice the 10,000-operation
 * benchmark spec (30 MB). Larger files are refused before they are read. */
#define SPEC_MAX_BYTES ((size_t)64 << 20)

/* The tree may hold at most one node per SPEC_BYTES_PER_NODE bytes of the file, plus
 * SPEC_MIN_NODES; a denser file is refused. A node costs about 60 bytes (node, text, list
 * slot), so the tree stays under about 15 times the file. Real specs have one node per 9
 * (the synthetic benchmark) to 25 bytes (specs/). */
#define SPEC_BYTES_PER_NODE 4
#define SPEC_MIN_NODES      65536

typedef struct spec_file {
    const char *path;   /* as given, for diagnostics */
    const char *source; /* the file's bytes, NUL-terminated */
    size_t source_len;
    node *root; /* NULL when the file could not be read into a tree */
} spec_file;

/* Reads path into a tree in arena a. An alias shares its anchor's node (marks inside it are
 * the anchor's). YAML syntax errors (at libyaml's position), duplicate keys, an alias to no
 * anchor or inside its own anchor's value, an alias expanding the document past
 * max(10^6, the node budget below) values, tags other than the core schema's (!, !!str, !!int,
 * !!float, !!bool,
 * !!null, !!map, !!seq) and values that do not fit their tag, NUL characters, numbers that
 * JSON or a double cannot hold (.inf, .nan, 1e400), files over SPEC_MAX_BYTES or denser than
 * SPEC_BYTES_PER_NODE and nesting deeper than 64 are reported to d (the load stops at the
 * 65th level: reading on would cost O(depth^2) in libyaml). After the first error the
 * tree is no longer built (root is NULL), so memory stays bounded however many errors follow.
 * Returns 0 on success, -1 on an I/O error (reported), 1 when diagnostics were reported. */
int spec_load_file(arena *a, const char *path, spec_file *out, diag *d);

/* Same, from memory (for tests and the fuzzer); text need not be NUL-terminated. */
int spec_load_text(arena *a, const char *path, const char *text, size_t len, spec_file *out,
                   diag *d);

/* The exact value of an integer scalar (decimal, 0x hex, 0o octal, optional sign); false
 * when n is no integer or does not fit in 64 bits. */
bool node_int(const node *n, int64_t *out);

/* The value of an integer or float scalar; false for .inf, .nan, values beyond a double,
 * and anything else. */
bool node_double(const node *n, double *out);

/* The value of key in mapping m, or NULL. */
node *node_get(const node *m, const char *key);

/* "a string", "a mapping", ... for diagnostics. */
const char *node_describe(const node *n);

#endif
