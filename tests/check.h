/* check.h: the assertion and test-runner macros every C test of apigen uses.
 * A failed CHECK prints file, line and the expression and the test goes on;
 * RUN_TEST counts tests, and check_summary() prints "N passed, N failed" for CTest. */
#ifndef APIGEN_TESTS_CHECK_H
#define APIGEN_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_in_test;
static int check_tests_passed;
static int check_tests_failed;

#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if (!(expr)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr);               \
            check_failed_in_test = 1;                                                              \
        }                                                                                          \
    } while (0)

#define CHECK_STR(actual, expected)                                                                \
    do {                                                                                           \
        const char *check_a_ = (actual), *check_e_ = (expected);                                   \
        if (check_a_ == NULL || check_e_ == NULL ? check_a_ != check_e_                            \
                                                 : strcmp(check_a_, check_e_) != 0) {              \
            fprintf(stderr,                                                                        \
                    "%s:%d: check failed: %s == %s\n  actual:   \"%s\"\n  expected: \"%s\"\n",     \
                    __FILE__, __LINE__, #actual, #expected, check_a_ ? check_a_ : "(null)",        \
                    check_e_ ? check_e_ : "(null)");                                               \
            check_failed_in_test = 1;                                                              \
        }                                                                                          \
    } while (0)

#define RUN_TEST(fn)                                                                               \
    do {                                                                                           \
        check_failed_in_test = 0;                                                                  \
        fn();                                                                                      \
        if (check_failed_in_test) {                                                                \
            fprintf(stderr, "FAIL %s\n", #fn);                                                     \
            check_tests_failed++;                                                                  \
        } else {                                                                                   \
            check_tests_passed++;                                                                  \
        }                                                                                          \
    } while (0)

/* Prints the closing line CTest logs show and returns the process exit status. */
static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_tests_passed, check_tests_failed);
    return check_tests_failed == 0 && check_tests_passed > 0 ? 0 : 1;
}

#endif
