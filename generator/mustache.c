/* mustache.c: the Mustache renderer declared in mustache.h. Each template is parsed once into
 * a tree (text, line starts, tags, sections), partials are parsed on first use and cached, and
 * the tree is rendered against a stack of cJSON contexts into one growable buffer. */
#include "mustache.h"
#include "json_double.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits that keep any template, however hostile, from crashing or hanging the renderer. */
enum {
    MAX_NESTING = 256,       /* sections, blocks and parents open at once in one template */
    MAX_PARTIAL_DEPTH = 100, /* partials and parents expanded inside each other */
    MAX_RENDER_DEPTH = 1024, /* nested node lists while rendering, across partials */
};
/* Work (nodes rendered plus contexts and members searched) and output allowed in one call:
 * a few seconds at most, far above what real views need. Each item of a computed list
 * (mustache_item_fn) adds its own allowance, so the limits grow with the data the caller
 * provides, never with what a template does. Fuzzers may build with less. */
#ifndef MUSTACHE_MAX_WORK
#define MUSTACHE_MAX_WORK 500000000ULL
#endif
#ifndef MUSTACHE_MAX_OUTPUT
#define MUSTACHE_MAX_OUTPUT ((size_t)256 << 20)
#endif
#ifndef MUSTACHE_ITEM_WORK
#define MUSTACHE_ITEM_WORK 1000000ULL
#endif
#ifndef MUSTACHE_ITEM_OUTPUT
#define MUSTACHE_ITEM_OUTPUT ((size_t)1 << 20)
#endif
/* Output is handed to the sink in pieces of about this size. */
#define FLUSH_AT ((size_t)64 << 10)

/* ---- memory and buffers ------------------------------------------------------------------ */

/* realloc that never returns NULL: like the arena, the generator gives up when memory runs out. */
static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL) {
        diag_out_of_memory();
    }
    return q;
}

/* `items` (*cap elements of `size` bytes) grown to hold at least `need` elements. */
static void *grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    *cap = n;
    return xrealloc(items, n * size);
}

#define GROW(arr, cap, need) ((arr) = grow((arr), &(cap), (need), sizeof *(arr)))

/* A growable byte buffer (doubling, so appends are amortized O(1)). */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

/* Appends s[0..n) to b, keeping room for a terminating NUL. */
static void buf_add(buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    GROW(b->p, b->cap, b->len + n + 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* Appends the NUL-terminated s to b. */
static void buf_str(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

/* ---- small text helpers ------------------------------------------------------------------ */

/* Whitespace inside tags. */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Whitespace that indents a line. */
static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Trims whitespace from both ends of s[0..*n). */
static const char *trim(const char *s, size_t *n)
{
    while (*n > 0 && is_space(s[0])) {
        s++;
        (*n)--;
    }
    while (*n > 0 && is_space(s[*n - 1]))
        (*n)--;
    return s;
}

/* Offset of the first `needle` in s[from..len), or len when there is none. */
static size_t find(const char *s, size_t len, size_t from, const char *needle, size_t n)
{
    while (from < len && len - from >= n) {
        const char *hit = memchr(s + from, needle[0], len - from - n + 1);
        if (hit == NULL)
            break;
        size_t at = (size_t)(hit - s);
        if (memcmp(hit, needle, n) == 0)
            return at;
        from = at + 1;
    }
    return len;
}

/* 1-based line and column of byte `pos` in s. */
static void line_col(const char *s, size_t pos, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        if (s[i] == '\n') {
            l++;
            c = 1;
        } else if (c < INT_MAX) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* An int length for "%.*s", short enough for a message. */
static int print_len(size_t n)
{
    return n > 80 ? 80 : (int)n;
}

/* ---- the template tree ------------------------------------------------------------------- */

typedef enum node_kind {
    N_TEXT,     /* literal text, never containing a newline except at its end */
    N_LINE,     /* start of a template line: its leading whitespace, where indentation goes */
    N_VAR,      /* {{name}}, {{{name}}}, {{&name}} */
    N_SECTION,  /* {{#name}}...{{/name}} */
    N_INVERTED, /* {{^name}}...{{/name}} */
    N_PARTIAL,  /* {{>name}}, {{>*name}} */
    N_PARENT,   /* {{<name}}...{{/name}}: its direct N_BLOCK children are the arguments */
    N_BLOCK,    /* {{$name}}...{{/name}} */
} node_kind;

enum node_flags {
    F_ESCAPE = 1u,   /* N_VAR: HTML-escape the value */
    F_DYNAMIC = 2u,  /* N_PARTIAL, N_PARENT: the name is resolved in the context first */
    F_ARGUMENT = 4u, /* N_BLOCK: direct child of a parent tag, so it overrides a parameter */
    F_OWN_LINE = 8u, /* N_BLOCK: the opening tag's line was removed, so content starts a line */
};

typedef struct node node;
struct node {
    node_kind kind;
    unsigned flags;
    const char *s; /* N_TEXT, N_LINE: the bytes; tags: the name */
    size_t n;
    const char *indent; /* N_PARTIAL, N_PARENT: indentation of a standalone tag;
                           N_BLOCK: indentation given to the content overriding it */
    size_t nindent;
    const char *strip; /* N_BLOCK argument: intrinsic indentation removed from its lines */
    size_t nstrip;
    size_t pos; /* offset of the tag in its template, for diagnostics */
    node **kids;
    size_t nkids, capkids;
};

typedef struct tmpl {
    char *name;       /* owned */
    char *owned;      /* the source when it belongs to the template (partials) */
    const char *text; /* the source */
    size_t len;
    node root;
    node **all; /* every node but root, for freeing */
    size_t nall, capall;
} tmpl;

/* A new node of `kind` appended to `parent`'s children. */
static node *add_node(tmpl *t, node *parent, node_kind kind, size_t pos)
{
    node *nd = xrealloc(NULL, sizeof *nd);
    memset(nd, 0, sizeof *nd);
    nd->kind = kind;
    nd->pos = pos;
    GROW(t->all, t->capall, t->nall + 1);
    t->all[t->nall++] = nd;
    GROW(parent->kids, parent->capkids, parent->nkids + 1);
    parent->kids[parent->nkids++] = nd;
    return nd;
}

/* Frees a template, its nodes and the source it owns. */
static void tmpl_free(tmpl *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nall; i++) {
        free(t->all[i]->kids);
        free(t->all[i]);
    }
    free(t->all);
    free(t->root.kids);
    free(t->name);
    free(t->owned);
    free(t);
}

/* ---- parsing ----------------------------------------------------------------------------- */

/* An element (section, block, parent) whose closing tag has not been seen yet. */
typedef struct open_elem {
    node *nd;
    bool left_clear;  /* only blanks before the opening tag on its line */
    bool right_clear; /* only blanks after it on its line */
    bool standalone;  /* its line was removed */
    const char *lead; /* the blanks before it on its line */
    size_t nlead;
    const char *next_blank; /* leading blanks of the line after it */
    size_t nnext_blank;
} open_elem;

typedef struct parser {
    tmpl *t;
    diag *d;
    const char *s;
    size_t len;
    size_t pos;
    size_t line_done; /* the line start whose N_LINE exists (SIZE_MAX: none yet) */
    size_t next_open; /* cached offset of the next opening delimiter at or after pos */
    const char *open; /* current delimiters */
    size_t nopen;
    const char *close;
    size_t nclose;
    open_elem *stack;
    size_t depth, capstack;
    bool stop;
} parser;

/* A tag being parsed: where it is and how it sits on its line. */
typedef struct tag {
    size_t start, end; /* the whole tag, delimiters included */
    const char *body;  /* what follows the sigil, trimmed */
    size_t nbody;
    bool left_clear;   /* only blanks before it on its line */
    bool right_clear;  /* only blanks after it on its line */
    size_t after_line; /* with right_clear: where the next line starts */
    const char *lead;  /* the blanks before it on its line */
    size_t nlead;
} tag;

/* Reports a template error at byte `pos` of the template being parsed. */
static void perr(parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void perr(parser *p, size_t pos, const char *fmt, ...)
{
    int line, col;
    line_col(p->s, pos, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    diag_verror(p->d, p->t->name, line, col, fmt, ap);
    va_end(ap);
}

/* The node whose children new nodes are appended to: the innermost open element or root. */
static node *current_list(parser *p)
{
    return p->depth ? p->stack[p->depth - 1].nd : &p->t->root;
}

/* Removes the N_LINE that starts the current line from the end of `list`, if it is there. */
static void drop_line(node *list)
{
    if (list->nkids > 0 && list->kids[list->nkids - 1]->kind == N_LINE)
        list->nkids--; /* the node itself stays in t->all and is freed with the template */
}

/* Fills tg's line facts: blanks on either side, and where the next line starts. */
static void measure_line(parser *p, tag *tg)
{
    size_t i = tg->start;
    while (i > 0 && is_blank(p->s[i - 1]))
        i--;
    tg->left_clear = i == 0 || p->s[i - 1] == '\n';
    tg->lead = p->s + i;
    tg->nlead = tg->start - i;
    size_t j = tg->end;
    while (j < p->len && is_blank(p->s[j]))
        j++;
    tg->right_clear = true;
    if (j == p->len)
        tg->after_line = j;
    else if (p->s[j] == '\n')
        tg->after_line = j + 1;
    else if (p->s[j] == '\r' && j + 1 < p->len && p->s[j + 1] == '\n')
        tg->after_line = j + 2;
    else
        tg->right_clear = false;
}

/* A standalone tag's line disappears: its leading blanks and its line ending. */
static void remove_line(parser *p, const tag *tg)
{
    drop_line(current_list(p));
    p->pos = tg->after_line;
}

/* Leading blanks of the line starting at `from`. */
static const char *blanks_at(parser *p, size_t from, size_t *n)
{
    size_t i = from;
    while (i < p->len && is_blank(p->s[i]))
        i++;
    *n = i - from;
    return p->s + from;
}

/* Checks a tag name: present and free of whitespace. */
static bool valid_name(parser *p, const tag *tg, const char *name, size_t n)
{
    if (n == 0) {
        perr(p, tg->start, "empty name in tag '%.*s'", print_len(tg->end - tg->start),
             p->s + tg->start);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (is_space(name[i])) {
            perr(p, tg->start, "invalid name '%.*s': names cannot contain whitespace", print_len(n),
                 name);
            return false;
        }
    }
    return true;
}

/* Whether closing tag tg (its name `name`, `dynamic` for *name) closes element nd. */
static bool closes(const node *nd, const tag *tg, const char *name, size_t n, bool dynamic)
{
    if (nd->flags & F_DYNAMIC)
        return dynamic && nd->n == n && memcmp(nd->s, name, n) == 0;
    return nd->n == tg->nbody && memcmp(nd->s, tg->body, nd->n) == 0;
}

/* How diagnostics call an element of kind k. */
static const char *kind_word(node_kind k)
{
    switch (k) {
    case N_SECTION:
        return "section";
    case N_INVERTED:
        return "inverted section";
    case N_PARENT:
        return "parent";
    case N_BLOCK:
        return "block";
    default:
        return "tag";
    }
}

/* Splits "*name" into the name and whether it is dynamic. */
static const char *dynamic_name(const char *s, size_t *n, bool *dynamic)
{
    *dynamic = *n > 0 && s[0] == '*';
    if (!*dynamic)
        return s;
    s++;
    (*n)--;
    return trim(s, n);
}

/* Opens an element at tag tg (its name already checked) and makes its children the current
 * list. NULL when nesting is too deep, which stops the parse. */
static open_elem *push_elem(parser *p, const tag *tg, node_kind kind, const char *name, size_t n)
{
    if (p->depth >= MAX_NESTING) {
        perr(p, tg->start, "sections nested more than %d levels deep", MAX_NESTING);
        p->stop = true;
        return NULL;
    }
    node *nd = add_node(p->t, current_list(p), kind, tg->start);
    nd->s = name;
    nd->n = n;
    GROW(p->stack, p->capstack, p->depth + 1);
    open_elem *e = &p->stack[p->depth++];
    memset(e, 0, sizeof *e);
    e->nd = nd;
    e->left_clear = tg->left_clear;
    e->right_clear = tg->right_clear;
    e->lead = tg->lead;
    e->nlead = tg->nlead;
    e->next_blank = blanks_at(p, tg->right_clear ? tg->after_line : tg->end, &e->nnext_blank);
    return e;
}

/* {{#name}}, {{^name}}: a section; its line goes when it stands alone. */
static void open_section(parser *p, const tag *tg, node_kind kind)
{
    if (!valid_name(p, tg, tg->body, tg->nbody))
        return;
    if (tg->left_clear && tg->right_clear)
        remove_line(p, tg);
    push_elem(p, tg, kind, tg->body, tg->nbody);
}

/* {{$name}}: an argument when directly inside a parent tag, a parameter anywhere else.
 * The text around an argument's tags is ignored, so its opening tag stands alone when its
 * right side is clear; its intrinsic indentation (the blanks of the next line) is then
 * removed from its lines wherever it is expanded. */
static void open_block(parser *p, const tag *tg)
{
    if (!valid_name(p, tg, tg->body, tg->nbody))
        return;
    bool argument = p->depth > 0 && p->stack[p->depth - 1].nd->kind == N_PARENT;
    bool alone = tg->right_clear && (argument || tg->left_clear);
    if (alone && !argument)
        drop_line(current_list(p));
    open_elem *e = push_elem(p, tg, N_BLOCK, tg->body, tg->nbody);
    if (e == NULL)
        return;
    e->standalone = alone;
    if (alone)
        p->pos = tg->after_line;
    if (argument) {
        e->nd->flags |= F_ARGUMENT;
        if (tg->right_clear) {
            e->nd->strip = e->next_blank;
            e->nd->nstrip = e->nnext_blank;
        }
    } else if (alone) {
        e->nd->flags |= F_OWN_LINE;
    }
}

/* {{<name}}, {{<*name}}: a parent. Alone on its line it loses the line and is indented by
 * its blanks; otherwise its closing tag may still make the pair standalone. */
static void open_parent(parser *p, const tag *tg)
{
    size_t n = tg->nbody;
    bool dynamic;
    const char *name = dynamic_name(tg->body, &n, &dynamic);
    if (!valid_name(p, tg, name, n))
        return;
    bool alone = tg->left_clear && tg->right_clear;
    if (alone)
        drop_line(current_list(p));
    open_elem *e = push_elem(p, tg, N_PARENT, name, n);
    if (e == NULL)
        return;
    e->nd->flags |= dynamic ? F_DYNAMIC : 0;
    e->standalone = alone;
    if (alone) {
        e->nd->indent = tg->lead;
        e->nd->nindent = tg->nlead;
        p->pos = tg->after_line;
    }
}

/* Settles whitespace once element e is closed by tag tg: a standalone closing tag loses its
 * line, and a parent or parameter whose opening and closing tags are clear on the outside
 * is a standalone pair (indented like a standalone partial). */
static void finish_elem(parser *p, open_elem *e, const tag *tg)
{
    node *nd = e->nd;
    node *outer = current_list(p);
    bool pair = e->left_clear && tg->right_clear;
    bool alone = tg->left_clear && tg->right_clear;
    if (nd->kind == N_BLOCK && (nd->flags & F_ARGUMENT)) {
        /* What follows an argument is ignored; only the blanks before its tag go. */
        if (tg->left_clear)
            drop_line(nd);
        return;
    }
    if (nd->kind == N_PARENT && pair && !e->standalone) {
        /* The parent node is last in `outer`, right after the N_LINE of its line. */
        outer->nkids--;
        drop_line(outer);
        outer->kids[outer->nkids++] = nd;
        nd->indent = e->lead;
        nd->nindent = e->nlead;
    }
    if (nd->kind == N_BLOCK && pair) {
        nd->indent = e->right_clear ? e->next_blank : e->lead;
        nd->nindent = e->right_clear ? e->nnext_blank : e->nlead;
    }
    if (alone)
        drop_line(nd);
    if (alone || (nd->kind == N_PARENT && pair))
        p->pos = tg->after_line;
}

/* {{/name}}: closes the innermost element, reporting a name that does not match it. */
static void close_elem(parser *p, const tag *tg)
{
    size_t n = tg->nbody;
    bool dynamic;
    const char *name = dynamic_name(tg->body, &n, &dynamic);
    if (!valid_name(p, tg, name, n))
        return;
    if (p->depth == 0) {
        perr(p, tg->start, "unexpected closing tag '%.*s': no section is open",
             print_len(tg->nbody), tg->body);
        return;
    }
    size_t match = p->depth;
    for (size_t i = p->depth; i-- > 0;) {
        if (closes(p->stack[i].nd, tg, name, n, dynamic)) {
            match = i;
            break;
        }
    }
    if (match != p->depth - 1) {
        const node *top = p->stack[p->depth - 1].nd;
        const char *what = kind_word(top->kind);
        int line, col;
        perr(p, tg->start, "closing tag '%.*s' does not match the open %s '%.*s'",
             print_len(tg->nbody), tg->body, what, print_len(top->n), top->s);
        line_col(p->s, top->pos, &line, &col);
        diag_note(p->d, p->t->name, line, col, "%s '%.*s' opened here", what, print_len(top->n),
                  top->s);
        /* Recover: close everything up to the matching element, or just the innermost. */
        p->depth = match < p->depth ? match : p->depth - 1;
        return;
    }
    open_elem e = p->stack[--p->depth];
    finish_elem(p, &e, tg);
}

/* {{>name}}, {{>*name}}: a partial; alone on its line, its blanks become its indentation. */
static void add_partial(parser *p, const tag *tg)
{
    size_t n = tg->nbody;
    bool dynamic;
    const char *name = dynamic_name(tg->body, &n, &dynamic);
    if (!valid_name(p, tg, name, n))
        return;
    bool alone = tg->left_clear && tg->right_clear;
    if (alone)
        remove_line(p, tg);
    node *nd = add_node(p->t, current_list(p), N_PARTIAL, tg->start);
    nd->s = name;
    nd->n = n;
    nd->flags = dynamic ? F_DYNAMIC : 0;
    if (alone) {
        nd->indent = tg->lead;
        nd->nindent = tg->nlead;
    }
}

/* {{=<% %>=}}: new delimiters, two words separated by whitespace. */
static void set_delimiters(parser *p, const tag *tg)
{
    const char *s = tg->body;
    size_t n = tg->nbody, i = 0;
    while (i < n && !is_space(s[i]))
        i++;
    size_t j = i;
    while (j < n && is_space(s[j]))
        j++;
    size_t k = j;
    while (k < n && !is_space(s[k]))
        k++;
    if (i == 0 || k == j || k != n) {
        perr(p, tg->start,
             "invalid set-delimiter tag '%.*s': expected two delimiters separated by whitespace",
             print_len(tg->end - tg->start), p->s + tg->start);
        return;
    }
    p->open = s;
    p->nopen = i;
    p->close = s + j;
    p->nclose = k - j;
    p->next_open = SIZE_MAX;
    if (tg->left_clear && tg->right_clear)
        remove_line(p, tg);
}

/* Finds the end of the tag starting at tg->start: `suffix` (0 for none) then the closing
 * delimiter, at or after `from`. Sets tg->end and *body_end; false (reported) when the tag
 * is never closed. */
static bool find_tag_end(parser *p, tag *tg, size_t from, char suffix, size_t *body_end)
{
    for (size_t at = from;; at++) {
        at = find(p->s, p->len, at, p->close, p->nclose);
        if (at == p->len)
            break;
        if (suffix == '\0' || (at > from && p->s[at - 1] == suffix)) {
            *body_end = suffix == '\0' ? at : at - 1;
            tg->end = at + p->nclose;
            return true;
        }
    }
    size_t shown = 0;
    while (tg->start + shown < p->len && shown < 40 && p->s[tg->start + shown] != '\n')
        shown++;
    perr(p, tg->start, "unclosed tag '%.*s': missing '%s%.*s'", (int)shown, p->s + tg->start,
         suffix == '\0'  ? ""
         : suffix == '}' ? "}"
                         : "=",
         print_len(p->nclose), p->close);
    return false;
}

/* Parses the tag that starts at p->pos (an opening delimiter). */
static void parse_tag(parser *p)
{
    tag tg;
    memset(&tg, 0, sizeof tg);
    tg.start = p->pos;
    size_t q = p->pos + p->nopen;
    char sigil = q < p->len ? p->s[q] : '\0';
    if (sigil == '\0' || strchr("#^/>$<!=&{", sigil) == NULL)
        sigil = '\0';
    char suffix = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
    size_t body = sigil ? q + 1 : q, body_end;
    if (!find_tag_end(p, &tg, body, suffix, &body_end)) {
        p->stop = true;
        return;
    }
    tg.nbody = body_end - body;
    tg.body = trim(p->s + body, &tg.nbody);
    measure_line(p, &tg);
    p->pos = tg.end;
    switch (sigil) {
    case '!':
        if (tg.left_clear && tg.right_clear)
            remove_line(p, &tg);
        break;
    case '=':
        set_delimiters(p, &tg);
        break;
    case '#':
        open_section(p, &tg, N_SECTION);
        break;
    case '^':
        open_section(p, &tg, N_INVERTED);
        break;
    case '$':
        open_block(p, &tg);
        break;
    case '<':
        open_parent(p, &tg);
        break;
    case '/':
        close_elem(p, &tg);
        break;
    case '>':
        add_partial(p, &tg);
        break;
    default:
        if (valid_name(p, &tg, tg.body, tg.nbody)) {
            node *nd = add_node(p->t, current_list(p), N_VAR, tg.start);
            nd->s = tg.body;
            nd->n = tg.nbody;
            nd->flags = sigil == '&' || sigil == '{' ? 0 : F_ESCAPE;
        }
        break;
    }
}

/* Adds the literal text s[p->pos..end) (the caller splits it after each newline). */
static void add_text(parser *p, size_t end)
{
    if (end > p->pos) {
        node *nd = add_node(p->t, current_list(p), N_TEXT, p->pos);
        nd->s = p->s + p->pos;
        nd->n = end - p->pos;
        p->pos = end;
    }
}

/* At the start of a line, records its leading blanks as an N_LINE. */
static void start_line(parser *p)
{
    if (p->pos == p->line_done || (p->pos > 0 && p->s[p->pos - 1] != '\n'))
        return;
    p->line_done = p->pos;
    node *nd = add_node(p->t, current_list(p), N_LINE, p->pos);
    nd->s = blanks_at(p, p->pos, &nd->n);
    p->pos += nd->n;
}

/* Parses t->text into t->root, reporting every error it can to d. */
static void parse_template(tmpl *t, diag *d)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.t = t;
    p.d = d;
    p.s = t->text;
    p.len = t->len;
    p.line_done = SIZE_MAX;
    p.next_open = SIZE_MAX;
    p.open = "{{";
    p.nopen = 2;
    p.close = "}}";
    p.nclose = 2;
    while (p.pos < p.len && !p.stop) {
        start_line(&p);
        if (p.pos >= p.len)
            break;
        if (p.next_open == SIZE_MAX || p.next_open < p.pos)
            p.next_open = find(p.s, p.len, p.pos, p.open, p.nopen);
        const char *nl = memchr(p.s + p.pos, '\n', p.len - p.pos);
        size_t eol = nl ? (size_t)(nl - p.s) : p.len;
        if (eol < p.next_open) {
            add_text(&p, eol + 1 < p.len ? eol + 1 : p.len);
            continue;
        }
        add_text(&p, p.next_open);
        if (p.pos < p.len)
            parse_tag(&p);
    }
    for (size_t i = 0; i < p.depth && !p.stop; i++) {
        node *nd = p.stack[i].nd;
        int line, col;
        line_col(p.s, nd->pos, &line, &col);
        diag_error(d, t->name, line, col, "unclosed %s '%.*s'", kind_word(nd->kind),
                   print_len(nd->n), nd->s);
    }
    free(p.stack);
}

/* A template named `name` over text[0..len); `owned` (may be NULL) is freed with it. */
static tmpl *tmpl_new(const char *name, const char *text, size_t len, char *owned)
{
    tmpl *t = xrealloc(NULL, sizeof *t);
    memset(t, 0, sizeof *t);
    size_t n = strlen(name);
    t->name = xrealloc(NULL, n + 1);
    memcpy(t->name, name, n + 1);
    t->owned = owned;
    t->text = text ? text : "";
    t->len = text ? len : 0;
    return t;
}

/* ---- rendering --------------------------------------------------------------------------- */

/* How the leading blanks of the lines being rendered change: `strip` is removed from the
 * start of a line, then `add` is put in front. Frames apply innermost first. */
typedef struct indent_frame {
    const char *strip;
    size_t nstrip;
    char *add; /* owned */
    size_t nadd;
} indent_frame;

/* A partial looked up once: t is NULL when there is no such partial or it has errors. */
typedef struct cached {
    char *name;
    tmpl *t;
} cached;

/* A parent being expanded, whose arguments override parameter blocks. */
typedef struct arg_frame {
    const node *parent; /* its direct N_BLOCK children are the arguments */
    const tmpl *t;      /* the template the parent tag is in */
} arg_frame;

/* Everything one mustache_render call needs while it walks the trees. */
typedef struct render {
    buf out;        /* output not yet handed to the sink */
    size_t flushed; /* output already handed to it */
    diag *d;
    const mustache_options *opt;
    const tmpl *cur;   /* the template being rendered, for diagnostics */
    const cJSON **ctx; /* the context stack, innermost last */
    size_t nctx, capctx;
    indent_frame *ind; /* indentation frames; those from `ind_base` up apply */
    size_t nind, capind, ind_base;
    arg_frame *args; /* the parents being expanded, outermost first */
    size_t nargs, capargs;
    cached *parts;
    size_t nparts, capparts;
    buf scratch[2];
    int partial_depth, depth;
    unsigned long long work, max_work; /* see MUSTACHE_MAX_WORK */
    size_t max_output;
    bool stop; /* an error ended the rendering */
} render;

/* Reports a render-time error at node nd of the current template and stops rendering. */
static void rerr(render *r, const node *nd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void rerr(render *r, const node *nd, const char *fmt, ...)
{
    int line, col;
    line_col(r->cur->text, nd->pos, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    diag_verror(r->d, r->cur->name, line, col, fmt, ap);
    va_end(ap);
    r->stop = true;
}

/* ---- values -------------------------------------------------------------------------------- */

/* Whether NUL-terminated s is exactly key[0..n); key may hold a NUL (a tag name is any
 * template bytes), so s is read no further than its own end. */
static bool same_name(const char *s, const char *key, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '\0' && s[i] == key[i])
        i++;
    return i == n && s[i] == '\0';
}

/* The value of object member `key`, or NULL; counts the members searched in *work. */
static const cJSON *member(const cJSON *obj, const char *key, size_t n, unsigned long long *work)
{
    if (!cJSON_IsObject(obj))
        return NULL;
    for (const cJSON *it = obj->child; it != NULL; it = it->next) {
        (*work)++;
        if (it->string != NULL && same_name(it->string, key, n))
            return it;
    }
    return NULL;
}

/* Resolves a (dotted) name against the context stack as the spec says: the first part in the
 * innermost context that has it, each further part in the value found so far. */
static const cJSON *lookup(render *r, const char *name, size_t n)
{
    if (r->nctx == 0)
        return NULL;
    if (n == 1 && name[0] == '.')
        return r->ctx[r->nctx - 1];
    const char *dot = memchr(name, '.', n);
    size_t first = dot ? (size_t)(dot - name) : n;
    const cJSON *v = NULL;
    for (size_t i = r->nctx; i-- > 0 && v == NULL; r->work++)
        v = member(r->ctx[i], name, first, &r->work);
    while (v != NULL && first < n) {
        name += first + 1;
        n -= first + 1;
        dot = memchr(name, '.', n);
        first = dot ? (size_t)(dot - name) : n;
        v = member(v, name, first, &r->work);
    }
    return v;
}

/* Whether a section shows for v: missing, null, false and [] do not. */
static bool truthy(const cJSON *v)
{
    if (v == NULL || cJSON_IsNull(v) || cJSON_IsFalse(v) || cJSON_IsInvalid(v))
        return false;
    return !cJSON_IsArray(v) || v->child != NULL;
}

/* Number x as ECMA-262 Number::toString(x) (§6.1.6.1.20) spells it, as mustache.js
 * interpolates numbers (mustache.h): the shortest digits that read back as x
 * (json_double_digits), then fixed notation for 1e-7 <= |x| < 1e21 ("100000000000000000000",
 * "0.000001"), else d[.ddd]e±n ("1e+21", "1.5e-7"); "0" for -0, "NaN", "Infinity". */
static const char *js_number_text(double x, char out[32])
{
    if (x != x)
        return strcpy(out, "NaN");
    if (x == 0)
        return strcpy(out, "0");
    char *o = out;
    if (x < 0) {
        *o++ = '-';
        x = -x;
    }
    if (x > DBL_MAX) {
        strcpy(o, "Infinity");
        return out;
    }
    char digits[JSON_DOUBLE_MAX];
    int n, k = json_double_digits(x, digits, &n); /* x = 0.DIGITS * 10^n */
    if (k <= n && n <= 21) {                      /* an integer: its digits, then zeros */
        memcpy(o, digits, (size_t)k);
        memset(o + k, '0', (size_t)(n - k));
        o[n] = '\0';
    } else if (0 < n && n <= 21) { /* ddd.ddd */
        sprintf(o, "%.*s.%.*s", n, digits, k - n, digits + n);
    } else if (-6 < n && n <= 0) { /* 0.000ddd */
        sprintf(o, "0.%.*s%.*s", -n, "000000", k, digits);
    } else { /* d.ddde+n */
        sprintf(o, "%c%s%.*se%c%d", digits[0], k > 1 ? "." : "", k - 1, digits + 1,
                n - 1 < 0 ? '-' : '+', abs(n - 1));
    }
    return out;
}

/* The text that interpolating v shows: strings as they are, numbers as JavaScript's String(n)
 * (js_number_text), true/false, nothing for null, and compact JSON for objects and arrays.
 * *owned is set when the text was allocated and must be freed. */
static const char *value_text(const cJSON *v, char num[32], char **owned)
{
    *owned = NULL;
    if (v == NULL || cJSON_IsNull(v) || cJSON_IsInvalid(v))
        return "";
    if (cJSON_IsString(v) || cJSON_IsRaw(v))
        return v->valuestring ? v->valuestring : "";
    if (cJSON_IsNumber(v)) {
        return js_number_text(v->valuedouble, num);
    }
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    *owned = cJSON_PrintUnformatted(v);
    return *owned ? *owned : "";
}

/* Appends s, escaping & " < > as HTML entities. */
static void add_escaped(buf *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *ent = *s == '&'   ? "&amp;"
                          : *s == '"' ? "&quot;"
                          : *s == '<' ? "&lt;"
                          : *s == '>' ? "&gt;"
                                      : NULL;
        if (ent != NULL) {
            buf_add(b, run, (size_t)(s - run));
            buf_str(b, ent);
            run = s + 1;
        }
    }
    buf_add(b, run, (size_t)(s - run));
}

/* ---- indentation --------------------------------------------------------------------------- */

/* Adds an indentation frame (copying `add`) that applies to lines rendered from now on. */
static void push_indent(render *r, const char *strip, size_t nstrip, const char *add, size_t nadd)
{
    GROW(r->ind, r->capind, r->nind + 1);
    indent_frame *f = &r->ind[r->nind++];
    f->strip = strip;
    f->nstrip = nstrip;
    f->add = xrealloc(NULL, nadd + 1);
    memcpy(f->add, add, nadd);
    f->nadd = nadd;
}

/* Removes the innermost indentation frame. */
static void pop_indent(render *r)
{
    free(r->ind[--r->nind].add);
}

/* The leading blanks `ws` of a template line as the active frames change them. The result
 * points into ws or into a scratch buffer valid until the next call. */
static const char *indent_line(render *r, const char *ws, size_t n, size_t *out_n)
{
    int which = 0;
    for (size_t i = r->nind; i-- > r->ind_base;) {
        const indent_frame *f = &r->ind[i];
        size_t k = 0;
        while (k < n && k < f->nstrip && ws[k] == f->strip[k])
            k++;
        if (f->nadd == 0) {
            ws += k;
            n -= k;
            continue;
        }
        buf *b = &r->scratch[which];
        which ^= 1;
        b->len = 0;
        buf_add(b, f->add, f->nadd);
        buf_add(b, ws + k, n - k);
        ws = b->p;
        n = b->len;
    }
    *out_n = n;
    return ws;
}

/* Emits the leading blanks of a template line, indented by the active frames. */
static void render_line(render *r, const char *ws, size_t n)
{
    size_t len;
    const char *s = indent_line(r, ws, n, &len);
    buf_add(&r->out, s, len);
}

/* ---- partials ------------------------------------------------------------------------------ */

/* The parsed partial `name`, loaded and parsed on first use; NULL when there is none or it
 * has errors (reported once, with a note pointing at the tag nd that included it). */
static const tmpl *get_partial(render *r, const char *name, const node *nd)
{
    for (size_t i = 0; i < r->nparts; i++) {
        if (strcmp(r->parts[i].name, name) == 0)
            return r->parts[i].t;
    }
    GROW(r->parts, r->capparts, r->nparts + 1);
    cached *c = &r->parts[r->nparts++];
    size_t n = strlen(name);
    c->name = xrealloc(NULL, n + 1);
    memcpy(c->name, name, n + 1);
    c->t = NULL;
    char *text = r->opt->partial ? r->opt->partial(r->opt->partial_ctx, name) : NULL;
    int err = errno;
    char *file = r->opt->partial_file ? r->opt->partial_file(r->opt->partial_ctx, name) : NULL;
    if (text == NULL) {
        /* a file that is there but cannot be read is no missing partial (mustache.h) */
        if (file != NULL)
            rerr(r, nd, "cannot read partial '%s' (%s): %s", name, file, strerror(err));
        free(file);
        return NULL;
    }
    tmpl *t = tmpl_new(file ? file : name, text, strlen(text), text);
    free(file);
    int before = r->d->errors;
    parse_template(t, r->d);
    if (r->d->errors != before) {
        int line, col;
        line_col(r->cur->text, nd->pos, &line, &col);
        diag_note(r->d, r->cur->name, line, col, "in partial '%s' included here", name);
        tmpl_free(t);
        return NULL;
    }
    c->t = t;
    return t;
}

/* The name a partial or parent tag refers to: its own, or for *name the text of the value
 * it resolves to (NULL when that is missing or not a string or number). */
static const char *target_name(render *r, const node *nd, char num[32], char **owned)
{
    *owned = NULL;
    if (nd->flags & F_DYNAMIC) {
        const cJSON *v = lookup(r, nd->s, nd->n);
        if (!cJSON_IsString(v) && !cJSON_IsNumber(v))
            return NULL;
        return value_text(v, num, owned);
    }
    *owned = xrealloc(NULL, nd->n + 1);
    memcpy(*owned, nd->s, nd->n);
    (*owned)[nd->n] = '\0';
    return *owned;
}

static void render_list(render *r, node *const *kids, size_t n);

/* Renders partial or parent nd: its template with fresh indentation (the tag's own line
 * indentation when it stands alone) and, for a parent, its arguments in force. */
static void render_partial(render *r, const node *nd)
{
    char num[32], *owned;
    const char *name = target_name(r, nd, num, &owned);
    const tmpl *t = name ? get_partial(r, name, nd) : NULL;
    free(owned);
    if (t == NULL)
        return;
    if (r->partial_depth >= MAX_PARTIAL_DEPTH) {
        rerr(r, nd, "partials nested more than %d levels deep (endless recursion?)",
             MAX_PARTIAL_DEPTH);
        return;
    }
    size_t saved_base = r->ind_base, nind = r->nind;
    if (nd->indent != NULL) {
        size_t n;
        const char *ws = indent_line(r, nd->indent, nd->nindent, &n);
        push_indent(r, NULL, 0, ws, n);
    }
    r->ind_base = nind;
    const tmpl *saved = r->cur;
    if (nd->kind == N_PARENT) {
        GROW(r->args, r->capargs, r->nargs + 1);
        r->args[r->nargs].parent = nd;
        r->args[r->nargs++].t = saved;
    }
    r->cur = t;
    r->partial_depth++;
    render_list(r, t->root.kids, t->root.nkids);
    r->partial_depth--;
    r->cur = saved;
    if (nd->kind == N_PARENT)
        r->nargs--;
    r->ind_base = saved_base;
    while (r->nind > nind)
        pop_indent(r);
}

/* ---- blocks -------------------------------------------------------------------------------- */

/* The argument overriding parameter block nd (the outermost parent's wins) and, in *t, the
 * template it is written in; NULL when nothing overrides nd. */
static const node *find_argument(const render *r, const node *nd, const tmpl **t)
{
    for (size_t i = 0; i < r->nargs; i++) {
        const node *parent = r->args[i].parent;
        for (size_t k = 0; k < parent->nkids; k++) {
            const node *a = parent->kids[k];
            if (a->kind == N_BLOCK && a->n == nd->n && memcmp(a->s, nd->s, nd->n) == 0) {
                *t = r->args[i].t;
                return a;
            }
        }
    }
    return NULL;
}

/* Renders argument arg in place of parameter block target: the argument's intrinsic
 * indentation is replaced by the target's. When the target's line was not removed, the
 * first line continues that line and takes no indentation. */
static void render_override(render *r, const node *target, const node *arg, const tmpl *t)
{
    const tmpl *saved = r->cur;
    r->cur = t;
    node *const *kids = arg->kids;
    size_t n = arg->nkids;
    push_indent(r, arg->strip, arg->nstrip, target->indent ? target->indent : "", target->nindent);
    if (n > 0 && (target->flags & F_OWN_LINE) && kids[0]->kind != N_LINE) {
        render_line(r, "", 0);
    } else if (n > 0 && !(target->flags & F_OWN_LINE) && kids[0]->kind == N_LINE) {
        size_t k = 0;
        while (k < kids[0]->n && k < arg->nstrip && kids[0]->s[k] == arg->strip[k])
            k++;
        buf_add(&r->out, kids[0]->s + k, kids[0]->n - k);
        kids++;
        n--;
    }
    render_list(r, kids, n);
    pop_indent(r);
    r->cur = saved;
}

/* ---- the tree walk ------------------------------------------------------------------------- */

/* Pushes v onto the context stack. */
static void push_ctx(render *r, const cJSON *v)
{
    GROW(r->ctx, r->capctx, r->nctx + 1);
    r->ctx[r->nctx++] = v;
}

/* Item `index` of the computed list nd names, or NULL (no such list, or past its end). */
static cJSON *computed_item(render *r, const node *nd, size_t index)
{
    if (r->opt->item == NULL || memchr(nd->s, '.', nd->n) != NULL || nd->n >= 128)
        return NULL;
    char name[128];
    memcpy(name, nd->s, nd->n);
    name[nd->n] = '\0';
    return r->opt->item(r->opt->item_ctx, name, index);
}

static void release_item(render *r, cJSON *item)
{
    if (item == NULL)
        return;
    if (r->opt->release != NULL)
        r->opt->release(r->opt->item_ctx, item);
    else
        cJSON_Delete(item);
}

/* Renders a section over a computed list, one item alive at a time. */
static void render_computed(render *r, const node *nd)
{
    cJSON *item;
    for (size_t i = 0; !r->stop && (item = computed_item(r, nd, i)) != NULL; i++) {
        r->max_work += MUSTACHE_ITEM_WORK;
        r->max_output += MUSTACHE_ITEM_OUTPUT;
        push_ctx(r, item);
        render_list(r, nd->kids, nd->nkids);
        r->nctx--;
        release_item(r, item);
    }
}

/* Whether an inverted section shows: its value is falsy, and no computed list has items. */
static bool inverted_shows(render *r, const node *nd)
{
    const cJSON *v = lookup(r, nd->s, nd->n);
    if (v != NULL)
        return !truthy(v);
    cJSON *first = computed_item(r, nd, 0);
    release_item(r, first);
    return first == NULL;
}

/* Renders a section: once per element of a non-empty list, once for another truthy value. */
static void render_section(render *r, const node *nd)
{
    const cJSON *v = lookup(r, nd->s, nd->n);
    if (v == NULL) {
        render_computed(r, nd);
        return;
    }
    if (!truthy(v))
        return;
    if (!cJSON_IsArray(v)) {
        push_ctx(r, v);
        render_list(r, nd->kids, nd->nkids);
        r->nctx--;
        return;
    }
    for (const cJSON *it = v->child; it != NULL && !r->stop; it = it->next) {
        push_ctx(r, it);
        render_list(r, nd->kids, nd->nkids);
        r->nctx--;
    }
}

/* Interpolates a variable, HTML-escaped unless it is {{{name}}} or {{&name}}. */
static void render_var(render *r, const node *nd)
{
    char num[32], *owned;
    const char *text = value_text(lookup(r, nd->s, nd->n), num, &owned);
    if (nd->flags & F_ESCAPE)
        add_escaped(&r->out, text);
    else
        buf_str(&r->out, text);
    cJSON_free(owned);
}

/* Hands the buffered output to the sink, if there is one. */
static void flush(render *r)
{
    if (r->opt->sink == NULL || r->out.len == 0 || r->stop)
        return;
    if (r->opt->sink(r->opt->sink_ctx, r->out.p, r->out.len) != 0)
        r->stop = true;
    r->flushed += r->out.len;
    r->out.len = 0;
}

/* Renders one node, within the work and output limits. */
static void render_node(render *r, const node *nd)
{
    if (++r->work > r->max_work) {
        rerr(r, nd, "rendering needs more than %llu steps (runaway sections or partials?)",
             r->max_work);
        return;
    }
    if (r->out.len >= FLUSH_AT)
        flush(r);
    if (r->flushed + r->out.len > r->max_output) {
        rerr(r, nd, "output exceeds %zu MiB (runaway sections or partials?)", r->max_output >> 20);
        return;
    }
    switch (nd->kind) {
    case N_TEXT:
        buf_add(&r->out, nd->s, nd->n);
        break;
    case N_LINE:
        render_line(r, nd->s, nd->n);
        break;
    case N_VAR:
        render_var(r, nd);
        break;
    case N_SECTION:
        render_section(r, nd);
        break;
    case N_INVERTED:
        if (inverted_shows(r, nd))
            render_list(r, nd->kids, nd->nkids);
        break;
    case N_PARTIAL:
    case N_PARENT:
        render_partial(r, nd);
        break;
    case N_BLOCK: {
        const tmpl *t = NULL;
        const node *arg = find_argument(r, nd, &t);
        if (arg != NULL)
            render_override(r, nd, arg, t);
        else
            render_list(r, nd->kids, nd->nkids);
        break;
    }
    }
}

/* Renders a list of sibling nodes, within the nesting limit. */
static void render_list(render *r, node *const *kids, size_t n)
{
    if (r->depth >= MAX_RENDER_DEPTH) {
        if (n > 0 && !r->stop)
            rerr(r, kids[0], "templates nested more than %d levels deep while rendering",
                 MAX_RENDER_DEPTH);
        return;
    }
    r->depth++;
    for (size_t i = 0; i < n && !r->stop; i++)
        render_node(r, kids[i]);
    r->depth--;
}

/* Frees the render state, but not its output. */
static void render_free(render *r)
{
    for (size_t i = 0; i < r->nparts; i++) {
        free(r->parts[i].name);
        tmpl_free(r->parts[i].t);
    }
    while (r->nind > 0)
        pop_indent(r);
    free(r->parts);
    free(r->ind);
    free(r->ctx);
    free(r->args);
    free(r->scratch[0].p);
    free(r->scratch[1].p);
}

int mustache_render_to(const char *name, const char *tmpl_text, size_t len, const cJSON *view,
                       const mustache_options *opt, diag *d)
{
    diag fallback;
    if (d == NULL) {
        diag_init(&fallback, stderr);
        d = &fallback;
    }
    int errors_before = d->errors;
    tmpl *t = tmpl_new(name ? name : "<template>", tmpl_text, len, NULL);
    parse_template(t, d);

    render r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.opt = opt;
    r.cur = t;
    r.max_work = MUSTACHE_MAX_WORK;
    r.max_output = MUSTACHE_MAX_OUTPUT;
    if (d->errors == errors_before) {
        if (view != NULL)
            push_ctx(&r, view);
        render_list(&r, t->root.kids, t->root.nkids);
        flush(&r);
    }
    bool ok = d->errors == errors_before && !r.stop;
    render_free(&r);
    tmpl_free(t);
    free(r.out.p);
    return ok ? 0 : -1;
}

/* The in-memory sink of mustache_render. */
static int to_buffer(void *ctx, const char *data, size_t len)
{
    buf_add(ctx, data, len);
    return 0;
}

char *mustache_render(const char *name, const char *tmpl_text, size_t len, const cJSON *view,
                      mustache_partial_fn partial, void *partial_ctx, diag *d, size_t *out_len)
{
    buf out = {0};
    mustache_options opt = {
        .partial = partial, .partial_ctx = partial_ctx, .sink = to_buffer, .sink_ctx = &out};
    if (out_len)
        *out_len = 0;
    if (mustache_render_to(name, tmpl_text, len, view, &opt, d) != 0) {
        free(out.p);
        return NULL;
    }
    GROW(out.p, out.cap, out.len + 1);
    out.p[out.len] = '\0';
    if (out_len)
        *out_len = out.len;
    return out.p;
}
