/* apigen_rt_pattern.c: the `pattern` rule. PCRE2 compilation on first use (shared between
 * threads), JIT when available, and matching under the per-document budget and stack bounds
 * apigen_rt.h documents ("Bounds on pattern matching"). */

#include "apigen_rt_internal.h"

#include <stdatomic.h>

/* apigen_pattern.code is void * to C++ code (APIGEN_ATOMIC_PTR): one layout in both languages. */
_Static_assert(sizeof(void *_Atomic) == sizeof(void *) &&
                   _Alignof(void *_Atomic) == _Alignof(void *),
               "an atomic pointer must have the layout of a pointer");

/* --------------------------------------------------------------- patterns ---- */

static void *pcre_alloc(PCRE2_SIZE size, void *data)
{
    (void)data;
    return apigen_i_alloc(size);
}

static void pcre_release(void *p, void *data)
{
    (void)data;
    apigen_i_free(p);
}

/* The compiled code of p, compiling and publishing it on first use; a thread that loses the
 * race to publish frees its own copy. NULL with *nomem set when memory ran out. */
static pcre2_code *pattern_code(apigen_pattern *p, bool *nomem)
{
    *nomem = false;
    pcre2_code *code = atomic_load_explicit(&p->code, memory_order_acquire);
    if (code != NULL || p->source == NULL)
        return code;
    pcre2_general_context *gc = pcre2_general_context_create(pcre_alloc, pcre_release, NULL);
    pcre2_compile_context *cc = gc ? pcre2_compile_context_create(gc) : NULL;
    int error = PCRE2_ERROR_HEAP_FAILED;
    PCRE2_SIZE offset;
    if (cc != NULL) {
        pcre2_set_compile_extra_options(cc, APIGEN_PCRE2_EXTRA_OPTIONS);
        code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED, APIGEN_PCRE2_OPTIONS,
                             &error, &offset, cc);
    }
    pcre2_compile_context_free(cc);
    pcre2_general_context_free(gc);
    if (code == NULL) {
        *nomem = error == PCRE2_ERROR_HEAP_FAILED;
        return NULL;
    }
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* failure leaves the interpreter */
    void *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(&p->code, &expected, code, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        pcre2_code_free(code);
        code = expected;
    }
    return code;
}

static void *arena_alloc(PCRE2_SIZE size, void *data)
{
    stack_arena *a = data;
    size_t n = (size + 15) & ~(size_t)15;
    if (a->cap - a->used >= n) {
        void *p = a->mem + a->used;
        a->used += n;
        return p;
    }
    return apigen_i_alloc(size);
}

static void arena_release(void *p, void *data)
{
    stack_arena *a = data;
    uintptr_t u = (uintptr_t)p, lo = (uintptr_t)a->mem;
    if (u < lo || u >= lo + a->cap)
        apigen_i_free(p);
}

void apigen_i_matcher_init(matcher *mt)
{
    mt->gc = NULL;
    mt->md = NULL;
    mt->mc = NULL;
    mt->stack = NULL;
    mt->stack_max = 0;
    mt->budget = APIGEN_PATTERN_BUDGET_BASE;
}

void apigen_i_matcher_done(matcher *mt)
{
    if (mt->mc != NULL)
        pcre2_match_context_free(mt->mc);
    if (mt->md != NULL)
        pcre2_match_data_free(mt->md);
    if (mt->gc != NULL)
        pcre2_general_context_free(mt->gc);
    pcre2_jit_stack_free(mt->stack); /* after mc, which refers to it */
    mt->stack = NULL;
    mt->stack_max = 0;
    mt->mc = NULL;
    mt->md = NULL;
    mt->gc = NULL;
}

/* base + per_byte * len / unit, at most max (apigen_rt.h, "Bounds on pattern matching"). */
static uint32_t scaled(uint64_t base, uint64_t per_byte, size_t len, uint64_t unit, uint64_t max)
{
    uint64_t n = (uint64_t)len > (max * unit) / per_byte ? max : base + per_byte * len / unit;
    return (uint32_t)(n < max ? n : max);
}

/* After the JIT ran out of stack on a subject of len bytes: gives mt a JIT stack sized for
 * len (apigen_rt.h). False when it already had one that large (or memory ran out): the
 * caller goes on with the interpreter. pcre2_jit_stack_create reserves max bytes of address
 * space with mmap and uses pages as the stack grows; only its small header goes through the
 * allocator hooks. */
static bool jit_stack_for(matcher *mt, size_t len)
{
    uint64_t want =
        (uint64_t)APIGEN_PATTERN_JIT_STACK_BASE + (uint64_t)APIGEN_PATTERN_JIT_STACK_PER_BYTE * len;
    if (want > APIGEN_PATTERN_JIT_STACK_MAX || (uint64_t)len > APIGEN_PATTERN_JIT_STACK_MAX)
        want = APIGEN_PATTERN_JIT_STACK_MAX;
    if (mt->stack_max >= want)
        return false;
    pcre2_jit_stack_assign(mt->mc, NULL, NULL);
    pcre2_jit_stack_free(mt->stack);
    mt->stack = pcre2_jit_stack_create(32 * 1024, (PCRE2_SIZE)want, mt->gc);
    mt->stack_max = mt->stack != NULL ? (size_t)want : 0;
    pcre2_jit_stack_assign(mt->mc, NULL, mt->stack);
    return mt->stack != NULL;
}

/* Matches valid UTF-8: 1 match, 0 no match, -1 cannot compile, -2 out of memory, -3 a bound
 * on matching was hit (the document's budget, the depth or the heap limit).
 * PCRE2 does not say how much work a match took, only whether it stayed within a limit; so
 * each attempt is charged its whole limit, starting small (most matches of a sane pattern
 * finish within a few units per byte) and growing eightfold while the budget lasts. What a
 * document is charged is thus an upper bound of the work done, and the budget a hard bound. */
int apigen_i_pattern_exec(apigen_pattern *p, const char *subject, size_t len, matcher *mt)
{
    bool nomem;
    pcre2_code *code = pattern_code(p, &nomem);
    if (code == NULL)
        return nomem ? -2 : -1;
    if (mt->md == NULL) {
        mt->arena = (stack_arena){mt->mem, 0, sizeof mt->mem};
        mt->gc = pcre2_general_context_create(arena_alloc, arena_release, &mt->arena);
        mt->md = mt->gc ? pcre2_match_data_create(1, mt->gc) : NULL;
        mt->mc = mt->gc ? pcre2_match_context_create(mt->gc) : NULL;
        if (mt->md == NULL || mt->mc == NULL) {
            apigen_i_matcher_done(mt);
            return -2;
        }
    }
    pcre2_set_depth_limit(mt->mc, scaled(APIGEN_PATTERN_DEPTH_LIMIT, APIGEN_PATTERN_DEPTH_PER_BYTE,
                                         len, 1, UINT32_MAX));
    pcre2_set_heap_limit(mt->mc, scaled(APIGEN_PATTERN_HEAP_LIMIT_KIB, APIGEN_PATTERN_HEAP_PER_BYTE,
                                        len, 1024, APIGEN_PATTERN_HEAP_MAX_KIB));
    uint64_t grant = (uint64_t)APIGEN_PATTERN_BUDGET_PER_BYTE * ((uint64_t)len + 1);
    mt->budget = mt->budget > UINT64_MAX - grant ? UINT64_MAX : mt->budget + grant;
    uint64_t limit = 256 + 8 * (uint64_t)len;
    uint32_t options = PCRE2_NO_UTF_CHECK; /* checked by the caller */
    for (;;) {
        if (limit > mt->budget)
            limit = mt->budget;
        if (limit > UINT32_MAX)
            limit = UINT32_MAX;
        if (limit == 0)
            return -3;
        mt->budget -= limit;
        pcre2_set_match_limit(mt->mc, (uint32_t)limit);
        int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, options, mt->md, mt->mc);
        if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
            if (!jit_stack_for(mt, len))
                options |= PCRE2_NO_JIT; /* the interpreter keeps its frames on the heap */
            continue;
        }
        if (rc >= 0)
            return 1;
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc == PCRE2_ERROR_NOMEMORY)
            return -2;
        if (rc != PCRE2_ERROR_MATCHLIMIT)
            return rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ? -3 : -1;
        limit *= 8;
    }
}

/* The pattern as the spec wrote it, for messages. */
const char *apigen_i_pattern_text(const apigen_pattern *p)
{
    return p->ecma != NULL ? p->ecma : p->source;
}

int apigen_pattern_match(apigen_pattern *p, const char *subject, size_t len)
{
    if (p == NULL || subject == NULL)
        return -1;
    if (!apigen_i_utf8_scan(subject, len, NULL))
        return 0;
    matcher mt;
    apigen_i_matcher_init(&mt);
    int rc = apigen_i_pattern_exec(p, subject, len, &mt);
    apigen_i_matcher_done(&mt);
    return rc == -3 ? -2 : rc < 0 ? -1 : rc;
}

void apigen_pattern_release(apigen_pattern *p)
{
    if (p == NULL)
        return;
    pcre2_code *code = atomic_exchange_explicit(&p->code, NULL, memory_order_acq_rel);
    pcre2_code_free(code);
}
