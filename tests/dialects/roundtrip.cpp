// roundtrip.cpp: a C++17 program using the header generated from specs/co.yaml, whose property
// names are reserved words: reads a body through the escaped members (typeof_, private_.public_,
// co_await_.return_ ...) and prints it back with the JSON names unchanged. Built and run by
// compile_headers.sh against the generated C and the runtime, compiled as C.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "co.h"

static int failures = 0;

#define EXPECT(expr)                                                                               \
    do {                                                                                           \
        if (!(expr)) {                                                                             \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr);          \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

int main()
{
    static const char body[] =
        "{\"default\":\"d\",\"int\":1,\"nullptr\":null,\"typeof\":\"t\",\"bool\":true,"
        "\"asm\":\"a\",\"linux\":\"l\",\"namespace\":\"n\","
        "\"private\":{\"public\":\"p\",\"protected\":2},\"template\":[\"x\"],\"class\":\"c\","
        "\"new\":[1,2],\"delete\":null,\"operator\":\"new\",\"co_await\":{\"return\":3},"
        "\"co_yield\":\"namespace\",\"errno\":4,\"int64_t\":5,\"coAddress\":{\"line\":\"l1\"},"
        "\"status\":\"NULL\"}";
    co_create_request r;
    apigen_errors errs;
    if (co_create_request_parse(body, std::strlen(body), &r, &errs) != 0) {
        for (size_t i = 0; i < errs.count; i++)
            std::fprintf(stderr, "%s: %s\n", errs.items[i].path, errs.items[i].message);
        return 1;
    }
    EXPECT(std::strcmp(r.default_, "d") == 0);
    EXPECT(r.has_int && r.int_ == 1);
    EXPECT(r.nullptr_is_null && r.nullptr_ == nullptr);
    EXPECT(std::strcmp(r.typeof_, "t") == 0);
    EXPECT(r.has_bool && r.bool_);
    EXPECT(std::strcmp(r.private_.public_, "p") == 0 && r.private_.protected_ == 2);
    EXPECT(r.template_count == 1 && std::strcmp(r.template_[0], "x") == 0);
    EXPECT(r.new_count == 2 && r.new_[1] == 2);
    EXPECT(r.delete_is_null);
    EXPECT(r.operator_ == CO_CREATE_REQUEST_OPERATOR_NEW);
    EXPECT(r.has_co_await && r.co_await_.has_return && r.co_await_.return_ == 3);
    EXPECT(r.co_yield_ == CO_YIELD_NAMESPACE);
    EXPECT(r.has_errno && r.errno_ == 4);
    EXPECT(r.has_int64_t && r.int64_t_ == 5);
    EXPECT(std::strcmp(r.co_address_.line, "l1") == 0);
    EXPECT(r.status == CO_YIELD_NULL);
    char *printed = co_create_request_print(&r);
    EXPECT(printed != nullptr && std::strcmp(printed, body) == 0);
    if (printed && std::strcmp(printed, body) != 0)
        std::fprintf(stderr, "printed:  %s\nexpected: %s\n", printed, body);
    std::free(printed);
    co_create_request_free(&r);
    std::printf("%d passed, %d failed\n", failures ? 0 : 1, failures ? 1 : 0);
    return failures ? 1 : 0;
}
