/* bench_region.h: the one function callgrind counts in (valgrind --tool=callgrind
 * --toggle-collect=bench_region), shared by bench_codec.c and bench_call.c: each program's
 * `once CASE` runs CASE once to warm up, then once inside it. Include it once per program. */
#ifndef BENCH_REGION_H
#define BENCH_REGION_H

/* Runs run(); never inlined, so that callgrind sees the call and its callees alone. */
__attribute__((noinline)) void bench_region(void (*run)(void));
__attribute__((noinline)) void bench_region(void (*run)(void))
{
    run();
    __asm__ __volatile__("" ::: "memory");
}

#endif
