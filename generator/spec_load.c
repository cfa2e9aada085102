/* spec_load.c: stage 1 of the pipeline, spec YAML -> spec tree with marks (spec_tree.h).
 * Drives libyaml's event parser with an explicit stack, so hostile nesting cannot
 * exhaust the C stack, and resolves plain scalars by YAML 1.2's core schema. */
#include "spec_tree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 64

/* A collection being built: its node and a growable list of children. */
typedef struct frame {
    node *n;
    node **kids; /* for mappings: key, value, key, value, ... */
    size_t count, cap;
} frame;

typedef struct loader {
    arena *a;
    diag *d;
    const char *path;
    frame stack[MAX_DEPTH];
    int depth;
    int skip; /* > 0: inside a collection too deep to keep, counting its nesting */
    node *root;
    int errors;
} loader;

static void error_at(loader *l, yaml_mark_t m, const char *fmt, const char *arg)
{
    diag_error(l->d, l->path, (int)m.line + 1, (int)m.column + 1, fmt, arg);
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
            fputs("apigen: out of memory\n", stderr);
            exit(2);
        }
        f->kids = kids;
        f->cap = cap;
    }
    f->kids[f->count++] = child;
}

/* Attaches a finished node to the collection being built, or makes it the root. */
static void attach(loader *l, node *n)
{
    if (l->depth == 0)
        l->root = n;
    else
        push_child(&l->stack[l->depth - 1], n);
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
        fputs("apigen: out of memory\n", stderr);
        exit(2);
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

static bool core_tag(const char *tag)
{
    return strncmp(tag, "tag:yaml.org,2002:", 18) == 0 || strcmp(tag, "!") == 0;
}

static void on_scalar(loader *l, const yaml_event_t *e)
{
    node *n = new_node(l, NODE_SCALAR, e->start_mark);
    n->text = arena_strndup(l->a, (const char *)e->data.scalar.value, e->data.scalar.length);
    n->len = (uint32_t)e->data.scalar.length; /* < SPEC_MAX_BYTES */
    n->source_offset = (uint32_t)e->start_mark.index;
    switch (e->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
        n->style = '\'';
        break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        n->style = '"';
        break;
    case YAML_LITERAL_SCALAR_STYLE:
        n->style = '|';
        break;
    case YAML_FOLDED_SCALAR_STYLE:
        n->style = '>';
        break;
    default:
        n->style = 0;
        break;
    }
    const char *tag = (const char *)e->data.scalar.tag;
    bool has_nul = memchr(n->text, '\0', n->len) != NULL;
    if (tag && strcmp(tag, "tag:yaml.org,2002:str") == 0)
        n->type = SCALAR_STRING;
    else if (n->style == 0 && !has_nul)
        n->type = (uint8_t)resolve_plain(n->text);
    else
        n->type = SCALAR_STRING;
    if (tag && !core_tag(tag))
        error_at(l, e->start_mark, "unsupported YAML tag '%s'", tag);
    if (has_nul && l->depth > 0 && l->stack[l->depth - 1].n->kind == NODE_MAPPING &&
        l->stack[l->depth - 1].count % 2 == 0)
        error_at(l, e->start_mark, "a key must not contain a NUL character%s", "");
    /* A mapping's keys are its odd children: keys must be scalars, checked at the start
     * of a collection below; here every scalar is fine. */
    attach(l, n);
}

static void on_collection_start(loader *l, const yaml_event_t *e, node_kind kind)
{
    if (l->depth == MAX_DEPTH) {
        if (l->skip == 0)
            error_at(l, e->start_mark, "nesting deeper than %s levels", "64");
        l->skip++;
        return;
    }
    const yaml_char_t *tag =
        kind == NODE_MAPPING ? e->data.mapping_start.tag : e->data.sequence_start.tag;
    if (tag && !core_tag((const char *)tag))
        error_at(l, e->start_mark, "unsupported YAML tag '%s'", (const char *)tag);
    if (l->depth > 0) {
        frame *parent = &l->stack[l->depth - 1];
        if (parent->n->kind == NODE_MAPPING && parent->count % 2 == 0)
            error_at(l, e->start_mark, "a mapping key must be a %s", "scalar");
    }
    frame *f = &l->stack[l->depth++];
    f->n = new_node(l, kind, e->start_mark);
    f->count = 0; /* f->kids is kept from the last collection at this depth */
}

/* Feeds one event to the tree builder. Returns false at the end of the stream. */
static bool on_event(loader *l, const yaml_event_t *e)
{
    if (l->skip > 0) {
        if (e->type == YAML_MAPPING_START_EVENT || e->type == YAML_SEQUENCE_START_EVENT)
            l->skip++;
        else if (e->type == YAML_MAPPING_END_EVENT || e->type == YAML_SEQUENCE_END_EVENT)
            l->skip--;
        if (l->skip == 0)
            attach(l, new_node(l, NODE_MAPPING, e->start_mark)); /* placeholder */
        return true;
    }
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
        error_at(l, e->start_mark, "YAML aliases are not supported in specs (%s)",
                 "write the value out");
        attach(l, new_node(l, NODE_SCALAR, e->start_mark));
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
    const yaml_char_t *anchor = e->type == YAML_SCALAR_EVENT          ? e->data.scalar.anchor
                                : e->type == YAML_MAPPING_START_EVENT ? e->data.mapping_start.anchor
                                : e->type == YAML_SEQUENCE_START_EVENT
                                    ? e->data.sequence_start.anchor
                                    : NULL;
    if (anchor)
        error_at(l, e->start_mark, "YAML anchors are not supported in specs ('&%s')",
                 (const char *)anchor);
    return true;
}

int spec_load_text(arena *a, const char *path, const char *text, size_t len, spec_file *out,
                   diag *d)
{
    loader l;
    memset(&l, 0, sizeof l);
    l.a = a;
    l.d = d;
    l.path = path;
    out->path = path;
    out->source = NULL;
    out->source_len = 0;
    out->root = NULL;
    if (len >= SPEC_MAX_BYTES) {
        diag_error(d, path, 0, 0, "the spec is larger than %zu bytes", SPEC_MAX_BYTES - 1);
        return 1;
    }
    out->source = arena_strndup(a, text, len);
    out->source_len = len;
    out->root = NULL;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        fputs("apigen: out of memory\n", stderr);
        exit(2);
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)out->source, len);
    bool ok = true;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            yaml_mark_t m = parser.problem_mark;
            const char *problem = parser.problem ? parser.problem : "malformed YAML";
            diag_error(d, path, (int)m.line + 1, (int)m.column + 1, "%s", problem);
            if (parser.context)
                diag_note(d, path, (int)parser.context_mark.line + 1,
                          (int)parser.context_mark.column + 1, "%s", parser.context);
            l.errors++;
            ok = false;
            break;
        }
        bool more = on_event(&l, &e);
        yaml_event_delete(&e);
        if (!more)
            break;
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i < MAX_DEPTH; i++)
        free(l.stack[i].kids);
    if (ok && l.root == NULL) {
        diag_error(d, path, 1, 1, "the spec is empty");
        l.errors++;
    }
    out->root = ok ? l.root : NULL;
    return l.errors ? 1 : 0;
}

int spec_load_file(arena *a, const char *path, spec_file *out, diag *d)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        diag_error(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 65536) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (nb == NULL) {
                fputs("apigen: out of memory\n", stderr);
                exit(2);
            }
            buf = nb;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        free(buf);
        diag_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    int rc = spec_load_text(a, path, buf, len, out, d);
    free(buf);
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
