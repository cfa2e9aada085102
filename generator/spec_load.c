/* spec_load.c: stage 1 of the pipeline, spec YAML -> spec tree with marks (spec_tree.h).
 * Drives libyaml's event parser with an explicit stack, so hostile nesting cannot
 * exhaust the C stack, and resolves plain scalars by YAML 1.2's core schema. */
#define _POSIX_C_SOURCE 200809L
#include "spec_tree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "strmap.h"

#define MAX_DEPTH 64

/* A YAML alias stands for its anchor's node, shared, not copied: the tree holds the node once
 * and each alias points at it, so its marks (diagnostics inside an alias's value) are the
 * anchor's. What later stages walk is the tree with every alias expanded, so the loader counts
 * expanded values and refuses an alias that takes the document past SPEC_MIN_EXPANDED or the
 * file's own node budget (the "billion laughs": nine anchors each listing the one before ten
 * times expand to 10^9 values from a few hundred bytes). */
#define SPEC_MIN_EXPANDED ((uint64_t)1000000)

/* An anchor: its node (NULL after an error) and how many values it expands to; in_progress
 * while its collection is still open (an alias to it there would make a cycle). */
typedef struct anchor_def {
    node *n;
    uint64_t size;
    bool in_progress;
} anchor_def;

/* A collection being built: its node and a growable list of children. */
typedef struct frame {
    node *n;      /* NULL for a collection started after an error (nothing is kept) */
    uint8_t kind; /* node_kind */
    node **kids;  /* for mappings: key, value, key, value, ... */
    size_t count, cap;
    anchor_def *anchor;       /* the collection's anchor, NULL: none */
    uint64_t expanded_before; /* loader.expanded before the collection began */
} frame;

typedef struct loader {
    arena *a;
    diag *d;
    const char *path;
    frame stack[MAX_DEPTH];
    int depth;
    bool stop; /* nesting went too deep: no more events are read (on_collection_start) */
    node *root;
    int errors;
    size_t nodes, max_nodes; /* nodes allocated, and the budget (see SPEC_BYTES_PER_NODE) */
    const char *source;      /* the file, for byte offsets */
    size_t source_len;
    size_t at_char, at_byte; /* the last character index turned into a byte offset */
    strmap anchors;          /* name -> anchor_def, the latest definition of each name */
    uint64_t expanded;       /* values so far with every alias expanded */
    uint64_t max_expanded;   /* the bound on it */
} loader;

/* Once the file has an error the tree is never used: from then on the loader only looks for
 * more diagnostics, and keeps nothing but mapping keys (for duplicate-key checks), so that a
 * file of millions of faults costs little memory. */
static bool discarding(const loader *l)
{
    return l->errors > 0;
}

/* Stands for a key that is not kept (a collection, or past the node budget). */
static node not_a_key = {.kind = NODE_MAPPING, .text = ""};

static void error_at(loader *l, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void error_at(loader *l, yaml_mark_t m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_verror(l->d, l->path, (int)m.line + 1, (int)m.column + 1, fmt, ap);
    va_end(ap);
    l->errors++;
}

static bool all_digits(const char *s, const char *digits)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!strchr(digits, *s))
            return false;
    return true;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static scalar_type resolve_plain(const char *s)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
    /* Most plain scalars are words: only these can start a null, a boolean or a number. */
    if (*s != '\0' && strchr("~nNtTfF-+.0123456789", *s) == NULL)
        return SCALAR_STRING;
    for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
        if (strcmp(s, nulls[i]) == 0)
            return SCALAR_NULL;
    for (size_t i = 0; i < sizeof bools / sizeof *bools; i++)
        if (strcmp(s, bools[i]) == 0)
            return SCALAR_BOOL;
    const char *body = (*s == '-' || *s == '+') ? s + 1 : s;
    if (all_digits(body, "0123456789"))
        return SCALAR_INT;
    if (strncmp(s, "0x", 2) == 0 && all_digits(s + 2, "0123456789abcdefABCDEF"))
        return SCALAR_INT;
    if (strncmp(s, "0o", 2) == 0 && all_digits(s + 2, "01234567"))
        return SCALAR_INT;
    if (strcmp(body, ".inf") == 0 || strcmp(body, ".Inf") == 0 || strcmp(body, ".INF") == 0 ||
        strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 || strcmp(s, ".NAN") == 0)
        return SCALAR_FLOAT;
    /* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
    const char *p = body;
    size_t int_digits = strspn(p, "0123456789");
    p += int_digits;
    size_t frac_digits = 0;
    bool dot = *p == '.';
    if (dot) {
        p++;
        frac_digits = strspn(p, "0123456789");
        p += frac_digits;
    }
    if (int_digits + frac_digits == 0)
        return SCALAR_STRING;
    bool exp = *p == 'e' || *p == 'E';
    if (exp) {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        size_t exp_digits = strspn(p, "0123456789");
        if (exp_digits == 0)
            return SCALAR_STRING;
        p += exp_digits;
    }
    if (*p != '\0' || (!dot && !exp))
        return SCALAR_STRING;
    return SCALAR_FLOAT;
}

static node *new_node(loader *l, node_kind kind, yaml_mark_t m)
{
    if (++l->nodes == l->max_nodes + 1) {
        diag_error(l->d, l->path, (int)m.line + 1, (int)m.column + 1,
                   "the spec holds more than %zu YAML values (one per %d bytes on average); "
                   "apigen refuses so dense a file to keep its memory bounded",
                   l->max_nodes, SPEC_BYTES_PER_NODE);
        l->errors++;
    }
    node *n = arena_alloc(l->a, sizeof *n);
    n->kind = (uint8_t)kind;
    n->text = ""; /* collections and placeholders too: nothing downstream sees NULL */
    n->line = (int)m.line + 1;
    n->col = (int)m.column + 1;
    return n;
}

static void push_child(frame *f, node *child)
{
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        node **kids = realloc(f->kids, cap * sizeof *kids);
        if (kids == NULL) {
            diag_out_of_memory();
        }
        f->kids = kids;
        f->cap = cap;
    }
    f->kids[f->count++] = child;
}

/* Attaches a finished node to the collection being built, or makes it the root. After an
 * error only mapping keys are kept (n may be NULL for anything else). */
static void attach(loader *l, node *n)
{
    if (l->depth == 0) {
        l->root = n;
        return;
    }
    frame *f = &l->stack[l->depth - 1];
    if (!discarding(l) || f->n != NULL) {
        if (n == NULL && f->count % 2 == 0)
            n = &not_a_key;
        push_child(f, n);
    } else if (f->kind == NODE_MAPPING) {
        push_child(f, f->count % 2 == 0 ? (n ? n : &not_a_key) : NULL);
    } else {
        f->count++;
    }
}

/* Whether the next child of the collection being built is a mapping key. */
static bool at_key(const loader *l)
{
    return l->depth > 0 && l->stack[l->depth - 1].kind == NODE_MAPPING &&
           l->stack[l->depth - 1].count % 2 == 0;
}

static int compare_keys(const void *x, const void *y)
{
    const node_pair *a = *(node_pair *const *)x, *b = *(node_pair *const *)y;
    size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
    int c = memcmp(a->key->text, b->key->text, n);
    if (c != 0)
        return c;
    if (a->key->len != b->key->len)
        return a->key->len < b->key->len ? -1 : 1;
    return a < b ? -1 : a > b; /* file order among equal keys */
}

/* Reports every repeated key of mapping m, pointing at the first occurrence. */
static void report_duplicate(loader *l, const node *k, const node *f)
{
    diag_error(l->d, l->path, k->line, k->col, "duplicate key '%s'", k->text);
    diag_note(l->d, l->path, f->line, f->col, "'%s' first appears here", f->text);
    l->errors++;
}

static bool same_key(const node *a, const node *b)
{
    return a->kind == NODE_SCALAR && b->kind == NODE_SCALAR && a->len == b->len &&
           memcmp(a->text, b->text, a->len) == 0;
}

static void check_duplicate_keys(loader *l, node *m)
{
    if (m->count < 2)
        return;
    if (m->count <= 16) { /* most mappings: compare pairwise, in file order */
        for (size_t i = 1; i < m->count; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(m->pairs[i].key, m->pairs[j].key)) { /* j: the first occurrence */
                    report_duplicate(l, m->pairs[i].key, m->pairs[j].key);
                    break;
                }
        return;
    }
    node_pair **sorted = malloc(m->count * sizeof *sorted);
    if (sorted == NULL) {
        diag_out_of_memory();
    }
    size_t n = 0;
    for (size_t i = 0; i < m->count; i++)
        if (m->pairs[i].key->kind == NODE_SCALAR) /* other keys are reported already */
            sorted[n++] = &m->pairs[i];
    if (n > 1)
        qsort(sorted, n, sizeof *sorted, compare_keys);
    size_t first = 0;
    for (size_t i = 1; i < n; i++) {
        const node *k = sorted[i]->key, *f = sorted[first]->key;
        if (k->len == f->len && memcmp(k->text, f->text, k->len) == 0) {
            report_duplicate(l, k, f);
        } else {
            first = i;
        }
    }
    free(sorted);
}

static void finish_collection(loader *l)
{
    frame *f = &l->stack[--l->depth];
    node *n = f->n;
    if (f->anchor) {
        f->anchor->in_progress = false;
        f->anchor->size = l->expanded - f->expanded_before;
        f->anchor->n = n; /* NULL after an error: aliases to it attach nothing */
        f->anchor = NULL;
    }
    if (n == NULL) { /* started after an error: only its keys are checked */
        if (f->kind == NODE_MAPPING) {
            node m = {.kind = NODE_MAPPING, .count = (uint32_t)(f->count / 2)};
            m.pairs = malloc((m.count ? m.count : 1) * sizeof *m.pairs);
            if (m.pairs == NULL) {
                diag_out_of_memory();
            }
            for (size_t i = 0; i < m.count; i++)
                m.pairs[i] = (node_pair){f->kids[2 * i], NULL};
            check_duplicate_keys(l, &m);
            free(m.pairs);
        }
        attach(l, NULL);
        return;
    }
    if (discarding(l) && n->kind == NODE_SEQUENCE) {
        attach(l, n);
        return;
    }
    if (n->kind == NODE_SEQUENCE) {
        n->count = (uint32_t)f->count; /* < SPEC_MAX_BYTES */
        n->items = arena_alloc(l->a, (f->count ? f->count : 1) * sizeof *n->items);
        if (f->count)
            memcpy(n->items, f->kids, f->count * sizeof *n->items);
    } else {
        n->count = (uint32_t)(f->count / 2);
        n->pairs = arena_alloc(l->a, (n->count ? n->count : 1) * sizeof *n->pairs);
        for (size_t i = 0; i < n->count; i++) {
            n->pairs[i].key = f->kids[2 * i];
            n->pairs[i].value = f->kids[2 * i + 1];
        }
        check_duplicate_keys(l, n);
    }
    attach(l, n);
}

#define CORE_TAG "tag:yaml.org,2002:"

/* A tag as the user would write it: "!!int" for the core schema's, else as libyaml gave it. */
static const char *tag_shown(loader *l, const char *tag)
{
    if (strncmp(tag, CORE_TAG, strlen(CORE_TAG)) == 0)
        return arena_printf(l->a, "!!%s", tag + strlen(CORE_TAG));
    return tag;
}

static bool is_core_tag(const char *tag, const char *name)
{
    return strncmp(tag, CORE_TAG, strlen(CORE_TAG)) == 0 &&
           strcmp(tag + strlen(CORE_TAG), name) == 0;
}

/* The type of a scalar under YAML 1.2's core schema (YAML 1.2.2 section 10.3.2): an explicit
 * tag decides (the non-specific "!" makes a string, so `! 12` is "12"; `!!int "12"` is 12),
 * else a plain scalar is resolved by its text and any other style is a string. A value that
 * does not fit its tag, and tags other than the core schema's, are errors; -1 then. */
static int scalar_type_of(loader *l, const yaml_event_t *e, const char *text, bool has_nul,
                          char style)
{
    const char *tag = (const char *)e->data.scalar.tag;
    if (tag == NULL)
        return style == 0 && !has_nul ? (int)resolve_plain(text) : SCALAR_STRING;
    if (strcmp(tag, "!") == 0 || is_core_tag(tag, "str"))
        return SCALAR_STRING;
    static const struct {
        const char *name, *what;
        scalar_type type;
    } typed[] = {
        {"int", "an integer", SCALAR_INT},
        {"float", "a number", SCALAR_FLOAT},
        {"bool", "a boolean (true or false)", SCALAR_BOOL},
        {"null", "null", SCALAR_NULL},
    };
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
        if (!is_core_tag(tag, typed[i].name))
            continue;
        scalar_type t = has_nul ? SCALAR_STRING : resolve_plain(text);
        if (t == SCALAR_INT && typed[i].type == SCALAR_FLOAT && strchr("-+0123456789", text[0]) &&
            !strpbrk(text, "xo"))
            t = SCALAR_FLOAT; /* the core schema's float includes "12" (not 0x/0o) */
        if (t == typed[i].type)
            return (int)t;
        error_at(l, e->start_mark, "'%s' is not %s, as its tag %s says", text, typed[i].what,
                 tag_shown(l, tag));
        return -1;
    }
    if (is_core_tag(tag, "map") || is_core_tag(tag, "seq"))
        error_at(l, e->start_mark, "a scalar cannot have the tag %s", tag_shown(l, tag));
    else
        error_at(l, e->start_mark,
                 "unsupported YAML tag '%s' (apigen knows !, !!str, !!int, "
                 "!!float, !!bool, !!null, !!map and !!seq)",
                 tag_shown(l, tag));
    return -1;
}

/* Numbers are written into C and JSON and read back as int64_t or double, so every number
 * in a spec must have a finite JSON spelling that a double can hold. Integers beyond 64 bits
 * keep their digits (examples.json copies them as written); hex and octal ones must fit. */
static void check_number(loader *l, const yaml_event_t *e, const node *n)
{
    const char *s = n->text, *body = s + (*s == '-' || *s == '+');
    if (n->type == SCALAR_FLOAT && body[0] == '.' && body[1] != '\0' && strchr("inIN", body[1])) {
        error_at(l, e->start_mark, "'%s' is not a finite number; JSON has no infinities or NaN", s);
        return;
    }
    int64_t i;
    if (n->type == SCALAR_INT && (body[0] == '0' && (body[1] == 'x' || body[1] == 'o')) &&
        !node_int(n, &i)) {
        error_at(l, e->start_mark, "'%s' does not fit in 64 bits", s);
        return;
    }
    if (n->type == SCALAR_INT && node_int(n, &i))
        return;
    errno = 0;
    double d = strtod(s, NULL);
    if (errno == ERANGE && (d > 1.0 || d < -1.0))
        error_at(l, e->start_mark,
                 "'%s' is beyond the range of a double (about 1.8e308); JSON readers, the "
                 "generated code's among them, cannot hold it",
                 s);
    else if (d == 0 && strpbrk(s, "123456789") != NULL &&
             strpbrk(s, "123456789") < (strpbrk(s, "eE") ? strpbrk(s, "eE") : s + strlen(s)))
        error_at(l, e->start_mark, "'%s' is too close to 0 for a double: it would be read as 0", s);
}

static char style_of(yaml_scalar_style_t style)
{
    switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
        return '\'';
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        return '"';
    case YAML_LITERAL_SCALAR_STYLE:
        return '|';
    case YAML_FOLDED_SCALAR_STYLE:
        return '>';
    default:
        return 0;
    }
}

/* The byte offset of libyaml's character index `index` (libyaml counts characters, after a
 * byte order mark it skipped). Events come in file order, so this walks the file once. */
static size_t byte_offset(loader *l, size_t index)
{
    if (index < l->at_char) {
        l->at_char = 0;
        l->at_byte = 0;
    }
    if (l->at_byte == 0 && l->source_len >= 3 && memcmp(l->source, "\xEF\xBB\xBF", 3) == 0)
        l->at_byte = 3;
    size_t i = l->at_byte;
    for (; i < l->source_len && l->at_char < index; l->at_char++)
        for (i++; i < l->source_len && ((unsigned char)l->source[i] & 0xC0) == 0x80;)
            i++;
    l->at_byte = i;
    return i;
}

/* Records anchor `name` (libyaml's, NULL: none) as defined from here on, replacing an earlier
 * one of the same name (YAML 1.2.2 section 3.2.2.2: an alias refers to the most recent). */
static anchor_def *define_anchor(loader *l, const yaml_char_t *name)
{
    if (name == NULL)
        return NULL;
    anchor_def *def = arena_alloc(l->a, sizeof *def);
    def->in_progress = false;
    def->n = NULL;
    def->size = 1;
    const char *key = arena_strndup(l->a, (const char *)name, strlen((const char *)name));
    strmap_put(&l->anchors, key, def)->value = def;
    return def;
}

static void on_scalar(loader *l, const yaml_event_t *e)
{
    const char *value = (const char *)e->data.scalar.value; /* NUL-terminated by libyaml */
    size_t len = e->data.scalar.length;
    char style = style_of(e->data.scalar.style);
    bool key = at_key(l);
    /* NUL is refused rather than carried: the generated code keeps strings as C strings
     * (patterns, enum values, struct members) and cJSON ends a parsed string at \u0000, so
     * no generated program could see the characters after it. ("\\0" in a pattern is a
     * backslash and a zero, not a NUL, and stays allowed.) */
    bool has_nul = memchr(value, '\0', len) != NULL;
    if (has_nul)
        error_at(l, e->start_mark,
                 "a NUL character (\\0) in a %s: the generated C and JSON readers end strings "
                 "at NUL, so apigen refuses it",
                 key ? "mapping key" : "YAML string");
    int type = scalar_type_of(l, e, value, has_nul, style);
    node probe = {.kind = NODE_SCALAR, .text = value, .len = (uint32_t)len}; /* < SPEC_MAX_BYTES */
    probe.type = (uint8_t)(type < 0 ? SCALAR_STRING : type);
    if (!key && (probe.type == SCALAR_INT || probe.type == SCALAR_FLOAT))
        check_number(l, e, &probe);
    l->expanded++;
    anchor_def *def = define_anchor(l, e->data.scalar.anchor);
    if (def)
        def->size = 1;
    if (discarding(l) && (!key || l->nodes >= l->max_nodes)) {
        attach(l, NULL);
        return;
    }
    node *n = new_node(l, NODE_SCALAR, e->start_mark);
    n->text = arena_strndup(l->a, value, len);
    n->len = probe.len;
    n->type = probe.type;
    n->source_offset = (uint32_t)byte_offset(l, e->start_mark.index); /* < SPEC_MAX_BYTES */
    n->style = style;
    if (def)
        def->n = n;
    attach(l, n);
}

/* The alias event e: the anchor's node, attached where the alias stands (shared). An alias to
 * no anchor, to a collection still open (a cycle), or one taking the expanded document past
 * l->max_expanded values is an error. */
static void on_alias(loader *l, const yaml_event_t *e)
{
    const char *name = (const char *)e->data.alias.anchor;
    const anchor_def *def = strmap_get(&l->anchors, name);
    if (def == NULL) {
        error_at(l, e->start_mark, "alias '*%s' names no anchor before it", name);
    } else if (def->in_progress) {
        error_at(l, e->start_mark,
                 "alias '*%s' stands inside the value of its own anchor '&%s': a recursive "
                 "structure, which a spec cannot hold",
                 name, name);
    } else if (l->expanded + def->size > l->max_expanded) {
        error_at(l, e->start_mark,
                 "alias '*%s' makes the spec expand to more than %llu values (aliases "
                 "expanded); apigen refuses so large an expansion",
                 name, (unsigned long long)l->max_expanded);
        l->stop = true; /* a billion laughs has millions of such aliases: one error is enough */
    } else {
        l->expanded += def->size;
        if (at_key(l) && def->n && def->n->kind != NODE_SCALAR)
            error_at(l, e->start_mark, "a mapping key must be a %s", "scalar");
        else {
            attach(l, def->n);
            return;
        }
    }
    attach(l, NULL);
}

static void on_collection_start(loader *l, const yaml_event_t *e, node_kind kind)
{
    if (l->depth == MAX_DEPTH) {
        /* The load ends here. libyaml's scanner costs O(depth) per token inside flow
         * collections (it keeps a possible simple key per level), so reading on to find more
         * diagnostics would make a file of n '[' cost O(n^2): 40,000 levels took 4.7 s and
         * 1,000,000 levels over a minute. libyaml 0.2.5 has no depth option, so no more events
         * are pulled. */
        error_at(l, e->start_mark,
                 "nesting deeper than %s levels (the rest of the file is not read)", "64");
        l->stop = true;
        return;
    }
    const char *tag = (const char *)(kind == NODE_MAPPING ? e->data.mapping_start.tag
                                                          : e->data.sequence_start.tag);
    if (tag && strcmp(tag, "!") != 0 && !is_core_tag(tag, kind == NODE_MAPPING ? "map" : "seq")) {
        if (strncmp(tag, CORE_TAG, strlen(CORE_TAG)) == 0)
            error_at(l, e->start_mark, "a %s cannot have the tag %s",
                     kind == NODE_MAPPING ? "mapping" : "list", tag_shown(l, tag));
        else
            error_at(l, e->start_mark,
                     "unsupported YAML tag '%s' (apigen knows !, "
                     "!!map on a mapping and !!seq on a list)",
                     tag_shown(l, tag));
    }
    if (at_key(l))
        error_at(l, e->start_mark, "a mapping key must be a %s", "scalar");
    frame *f = &l->stack[l->depth++];
    f->kind = (uint8_t)kind;
    f->n = discarding(l) ? NULL : new_node(l, kind, e->start_mark);
    f->count = 0; /* f->kids is kept from the last collection at this depth */
    f->expanded_before = l->expanded++;
    f->anchor = define_anchor(l, kind == NODE_MAPPING ? e->data.mapping_start.anchor
                                                      : e->data.sequence_start.anchor);
    if (f->anchor)
        f->anchor->in_progress = true;
}

/* Feeds one event to the tree builder. Returns false at the end of the stream. */
static bool on_event(loader *l, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        on_scalar(l, e);
        break;
    case YAML_SEQUENCE_START_EVENT:
        on_collection_start(l, e, NODE_SEQUENCE);
        break;
    case YAML_MAPPING_START_EVENT:
        on_collection_start(l, e, NODE_MAPPING);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        finish_collection(l);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(l, e);
        break;
    case YAML_DOCUMENT_START_EVENT:
        if (l->root != NULL)
            error_at(l, e->start_mark, "a spec holds one YAML document; this is %s",
                     "a second one");
        break;
    case YAML_STREAM_END_EVENT:
        return false;
    default:
        break;
    }
    return true;
}

/* libyaml's reader reports a byte offset and no mark (problem_mark is 0:0): the 1-based line
 * and column (in characters, as libyaml counts them) of byte `offset`. */
static void position_of_byte(const char *text, size_t len, size_t offset, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; i < offset && i < len;
         i++) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* Reports libyaml's error: reader errors at their byte, scanner and parser errors at the
 * problem mark with the context as a note. */
static void report_yaml_error(loader *l, const yaml_parser_t *p, const char *text, size_t len)
{
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        int line, col;
        position_of_byte(text, len, p->problem_offset, &line, &col);
        if (p->problem_value >= 0)
            diag_error(l->d, l->path, line, col, "%s (byte 0x%02X)", problem,
                       (unsigned)p->problem_value);
        else
            diag_error(l->d, l->path, line, col, "%s", problem);
        l->errors++;
        return;
    }
    int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
    size_t at = byte_offset(l, p->problem_mark.index);
    if (p->error == YAML_SCANNER_ERROR && at < len && text[at] == '\t')
        /* libyaml says "found character that cannot start any token" */
        diag_error(l->d, l->path, line, col,
                   "found a tab character where YAML expects indentation or a token; YAML "
                   "does not allow tabs in indentation: indent with spaces");
    else
        diag_error(l->d, l->path, line, col, "%s", problem);
    if (p->context)
        diag_note(l->d, l->path, (int)p->context_mark.line + 1, (int)p->context_mark.column + 1,
                  "%s", p->context);
    l->errors++;
}

/* Builds the tree of source[0..len), which the arena owns and which is NUL-terminated. */
static int load(arena *a, const char *path, const char *source, size_t len, spec_file *out, diag *d)
{
    loader l;
    memset(&l, 0, sizeof l);
    l.a = a;
    l.d = d;
    l.path = path;
    l.max_nodes = len / SPEC_BYTES_PER_NODE + SPEC_MIN_NODES;
    l.max_expanded = l.max_nodes > SPEC_MIN_EXPANDED ? l.max_nodes : SPEC_MIN_EXPANDED;
    l.source = source;
    l.source_len = len;
    out->path = path;
    out->source = source;
    out->source_len = len;
    out->root = NULL;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_out_of_memory();
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)source, len);
    bool ok = true;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            report_yaml_error(&l, &parser, source, len);
            ok = false;
            break;
        }
        bool more = on_event(&l, &e);
        yaml_event_delete(&e);
        if (!more || l.stop)
            break;
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i < MAX_DEPTH; i++)
        free(l.stack[i].kids);
    strmap_free(&l.anchors);
    if (ok && l.errors == 0 && l.root == NULL) {
        diag_error(d, path, 1, 1, "the spec is empty");
        l.errors++;
    }
    out->root = ok && l.errors == 0 ? l.root : NULL;
    return l.errors ? 1 : 0;
}

static int too_large(const char *path, diag *d)
{
    diag_error(d, path, 0, 0, "the spec is larger than %zu bytes (%d MiB), the most apigen reads",
               SPEC_MAX_BYTES, (int)(SPEC_MAX_BYTES >> 20));
    return 1;
}

int spec_load_text(arena *a, const char *path, const char *text, size_t len, spec_file *out,
                   diag *d)
{
    out->path = path;
    out->source = NULL;
    out->source_len = 0;
    out->root = NULL;
    if (len > SPEC_MAX_BYTES)
        return too_large(path, d);
    return load(a, path, arena_strndup(a, text, len), len, out, d);
}

int spec_load_file(arena *a, const char *path, spec_file *out, diag *d)
{
    out->path = path;
    out->source = NULL;
    out->source_len = 0;
    out->root = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        diag_error(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    /* Read straight into the arena, at most SPEC_MAX_BYTES + 1 bytes: one copy of the file. */
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 65536;
    if (cap > SPEC_MAX_BYTES) {
        fclose(f);
        return too_large(path, d);
    }
    char *buf = arena_alloc(a, cap + 2), *big = NULL;
    size_t len = 0;
    for (;;) {
        size_t n = fread(buf + len, 1, cap + 1 - len, f);
        len += n;
        if (n == 0 || len <= cap || len > SPEC_MAX_BYTES)
            break;
        /* not a regular file, or it grew: go on in a larger malloc'd buffer */
        cap = cap * 2 + 65536 > SPEC_MAX_BYTES ? SPEC_MAX_BYTES : cap * 2 + 65536;
        char *nb = realloc(big, cap + 2);
        if (nb == NULL) {
            diag_out_of_memory();
        }
        if (big == NULL)
            memcpy(nb, buf, len);
        buf = big = nb;
    }
    bool failed = ferror(f) != 0;
    int err = errno;
    fclose(f);
    int rc;
    if (failed) {
        diag_error(d, path, 0, 0, "cannot read: %s", strerror(err));
        rc = -1;
    } else if (len > SPEC_MAX_BYTES) {
        rc = too_large(path, d);
    } else if (big != NULL) {
        rc = load(a, path, arena_strndup(a, big, len), len, out, d);
    } else {
        buf[len] = '\0';
        rc = load(a, path, buf, len, out, d);
    }
    free(big);
    return rc;
}

bool node_int(const node *n, int64_t *out)
{
    if (n == NULL || n->kind != NODE_SCALAR || n->type != SCALAR_INT)
        return false;
    const char *s = n->text;
    bool negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    int base = 10;
    if (strncmp(s, "0x", 2) == 0 || strncmp(s, "0o", 2) == 0) {
        base = s[1] == 'x' ? 16 : 8;
        s += 2;
    }
    /* Magnitude as unsigned, so that INT64_MIN reads exactly. */
    uint64_t v = 0;
    for (; *s; s++) {
        unsigned digit = (unsigned)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
        if (v > (UINT64_MAX - digit) / (unsigned)base)
            return false;
        v = v * (unsigned)base + digit;
    }
    if (v > (uint64_t)INT64_MAX + (negative ? 1u : 0u))
        return false;
    *out = negative ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

bool node_double(const node *n, double *out)
{
    int64_t i;
    if (node_int(n, &i)) {
        *out = (double)i;
        return true;
    }
    if (n == NULL || n->kind != NODE_SCALAR || n->type != SCALAR_FLOAT)
        return false;
    const char *s = n->text;
    if (strchr(s, 'n') || strchr(s, 'N')) /* .inf .nan in any spelling */
        return false;
    errno = 0;
    double d = strtod(s, NULL);
    if (errno == ERANGE && (d > 1.0 || d < -1.0))
        return false; /* beyond a double; underflow to 0 is fine */
    *out = d;
    return true;
}

node *node_get(const node *m, const char *key)
{
    if (m == NULL || m->kind != NODE_MAPPING)
        return NULL;
    for (size_t i = 0; i < m->count; i++)
        if (strcmp(m->pairs[i].key->text, key) == 0)
            return m->pairs[i].value;
    return NULL;
}

const char *node_describe(const node *n)
{
    if (n->kind == NODE_SEQUENCE)
        return "a list";
    if (n->kind == NODE_MAPPING)
        return "a mapping";
    switch (n->type) {
    case SCALAR_NULL:
        return "null";
    case SCALAR_BOOL:
        return "a boolean";
    case SCALAR_INT:
        return "an integer";
    case SCALAR_FLOAT:
        return "a number";
    default:
        return "a string";
    }
}
