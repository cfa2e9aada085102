/* names.h: every spec-name -> C-name mapping of the generator, in one place.
 * The checker calls these to name models, members, enums and constants, and reports
 * names that collide or that are C keywords. */
#ifndef APIGEN_NAMES_H
#define APIGEN_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* "allowedDownloadsNum" -> "allowed_downloads_num", "OtpUser" -> "otp_user",
 * "HTTPCode" -> "http_code", "userID" -> "user_id", "full-name" -> "full_name", "2fa" -> "_2fa",
 * "+" -> "x2b" (a name without letters or digits: "x" and its bytes in hex). A capitalised word
 * next to a '-' is one word: "X-GitHub-Api-Version" -> "x_github_api_version" (HTTP field
 * names: the capitals inside are spelling; README "C names"). The result never contains "__", never
 * ends in '_', and starts with '_' only before a digit (a member may: it is not at file scope;
 * identifiers built from it drop that '_', names_join). */
char *names_snake(arena *a, const char *name);

/* left + "_" + right, without right's leading '_' ("has" + "_2fa" -> "has_2fa", not "has__2fa":
 * C and C++ reserve every identifier containing "__"). Every generated identifier composed of a
 * name and a names_snake/names_upper stem is made with it. */
char *names_join(arena *a, const char *left, const char *right);

/* names_snake, upper-cased: "allowedDownloadsNum" -> "ALLOWED_DOWNLOADS_NUM". */
char *names_upper(arena *a, const char *name);

/* Why an identifier is reserved (names_reserved), as flags: a word may be several. */
enum {
    NAMES_C11 = 0x01,   /* C11 keyword (ISO C 6.4.1) */
    NAMES_C23 = 0x02,   /* keyword new in C23 (bool, true, constexpr, typeof, ...) */
    NAMES_GNU = 0x04,   /* GNU C keyword (asm, typeof, __attribute__ ...), or predefined as a
                           macro by gcc/clang in the gnu* modes (linux, unix, i386) */
    NAMES_CXX = 0x08,   /* C++ keyword or alternative token, through C++23 ([lex.key]) */
    NAMES_MACRO = 0x10, /* object-like macro of a standard header (<stdbool.h> bool, <errno.h>
                           errno, <iso646.h> and, <stdint.h> INT64_MAX ...) or of <cjson/cJSON.h>:
                           a member, type or enum constant of that name would be replaced */
    NAMES_TYPE = 0x20,  /* a typedef of a standard header (int64_t, size_t, div_t, ...): a
                           generated type of that name would redeclare it, and C++ rejects a
                           member that changes the meaning of a type the struct uses */
    NAMES_DECL = 0x40   /* a function, variable, enum constant or tag of a standard header
                           (aligned_alloc, quick_exit, mtx_plain): an ordinary identifier (type,
                           function, enum constant) of that name would redeclare it; a member
                           may spell it (names_escape_member) */
};

/* The NAMES_* reasons id cannot be a C identifier of generated code, 0 when it can. The table
 * covers every dialect generated headers are compiled in: gnu17, c2x and C++17 or later, and
 * the macros, typedefs and declarations of every ISO C and common POSIX header a user's file may
 * include beside a generated header (names_libc.def, made by tools/libc_names.mjs), and the
 * lower-case macros gcc and clang predefine in gnu modes on their targets (sun, sparc, mips).
 * Function-like macros (assert, offsetof) are not listed: generated code never writes a
 * member, type or enum constant followed by '('. */
unsigned names_reserved(const char *id);

/* Whether names_reserved(id) is not 0. */
bool names_is_reserved(const char *id);

/* id, or id with a trailing underscore when it is reserved ("typeof" -> "typeof_"). Names the
 * generator derives never end in '_' (names_snake strips it), so the escaped form is distinct
 * from every unescaped one; two properties meeting there ("typeof" and "typeof_") are a
 * collision the checker reports. */
const char *names_escape(arena *a, const char *id);

/* A member name: names_escape for the reasons a struct member can meet (not NAMES_DECL alone:
 * members are not ordinary identifiers, so a member `time` or `quick_exit` is fine). */
const char *names_escape_member(arena *a, const char *id);

/* A type name: id, or id + "_type" when it is reserved ("co_await" -> "co_await_type"). Not a
 * trailing underscore: APIGEN_MODEL_FUNCTIONS pastes "_init" and the like onto type names, and
 * "co_await__init" would contain "__", which C++ reserves; and a member escaped as "co_await_"
 * must not spell the type it is declared with. No reserved word ends in "_type". */
const char *names_escape_type(arena *a, const char *id);

/* The i-th word of reserved table t (0: keywords and the like, 1: names_libc.def), each sorted
 * by strcmp; NULL past its end or for another t: for tests. */
const char *names_reserved_word(size_t t, size_t i);

/* s as the body of a C string literal (no quotes): escapes \ " ? control bytes, and
 * keeps other bytes, UTF-8 included, as they are. */
char *names_c_string(arena *a, const char *s);

/* s made safe inside a C block comment: "*\/" is broken up, newlines become spaces. */
char *names_c_comment(arena *a, const char *s);

#endif
