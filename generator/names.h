/* names.h: every spec-name -> C-name mapping of the generator, in one place.
 * The checker calls these to name models, members, enums and constants, and reports
 * names that collide or that are C keywords. */
#ifndef APIGEN_NAMES_H
#define APIGEN_NAMES_H

#include <stdbool.h>

#include "arena.h"

/* "allowedDownloadsNum" -> "allowed_downloads_num", "OtpUser" -> "otp_user",
 * "HTTPCode" -> "http_code", "full-name" -> "full_name", "2fa" -> "_2fa". */
char *names_snake(arena *a, const char *name);

/* names_snake, upper-cased: "allowedDownloadsNum" -> "ALLOWED_DOWNLOADS_NUM". */
char *names_upper(arena *a, const char *name);

/* Whether id is a C11 keyword, or a name the generated code cannot use as a member
 * (bool, true, false, NULL). */
bool names_is_reserved(const char *id);

/* s as the body of a C string literal (no quotes): escapes \ " ? control bytes, and
 * keeps other bytes, UTF-8 included, as they are. */
char *names_c_string(arena *a, const char *s);

/* s made safe inside a C block comment: "*\/" is broken up, newlines become spaces. */
char *names_c_comment(arena *a, const char *s);

#endif
