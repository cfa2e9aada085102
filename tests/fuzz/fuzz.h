/* fuzz.h: what both libFuzzer targets share: the entry point and the invariant check. */
#ifndef APIGEN_TESTS_FUZZ_H
#define APIGEN_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant: when it breaks, say which, then crash for libFuzzer to keep the input. */
#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            __builtin_trap();                                                                      \
        }                                                                                          \
    } while (0)

#endif
