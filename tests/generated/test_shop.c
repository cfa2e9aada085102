/* test_shop: the code generated from specs/shop.yaml, through its typed functions: RFC 3339
 * date-times (real calendar dates, leap seconds), nullable members told apart from absent ones,
 * exact integers, the sensitive password (masked by _debug_string, kept by _print), wrong JSON
 * types, and three APIs (applivery, ownli, shop) used together in one program. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applivery/applivery.h"
#include "check.h"
#include "gen_check.h"
#include "ownli/ownli.h"
#include "shop/shop.h"

/* ------------------------------------------------------------- documents ---- */

#define T "2019-08-24T14:15:22Z"

/* The documented 200 example, in the schema's property order. */
static const char ACCOUNT[] =
    "{\"block_reason\":\"string\",\"blocked_at\":\"" T "\",\"created_at\":\"" T "\","
    "\"email\":\"string\",\"email_verification_sent_at\":\"" T "\",\"email_verified_at\":\"" T "\","
    "\"full_name\":\"string\",\"id\":\"string\",\"is_blocked\":true,\"phone\":\"string\","
    "\"phone_verification_sent_at\":\"" T "\",\"phone_verified_at\":\"" T "\",\"ref_aff\":"
    "\"string\",\"ref_sale\":\"string\",\"source\":\"unknown\",\"short_name\":\"string\","
    "\"total_shop\":0,\"updated_at\":\"" T "\"}";

static const char REQUEST[] =
    "{\"full_name\":\"Jane Doe\",\"password\":\"hunter2-Secret!\",\"phone\":\"+15556667777\"}";

/* The seven date-time members; the first five may also be null. */
static const char *const DATE_TIMES[] = {"blocked_at",        "email_verification_sent_at",
                                         "email_verified_at", "phone_verification_sent_at",
                                         "phone_verified_at", "created_at",
                                         "updated_at"};

/* Members documented as nullable here (a new user has none of these yet). */
static const char *const NULLABLE[] = {"block_reason",
                                       "blocked_at",
                                       "email",
                                       "email_verification_sent_at",
                                       "email_verified_at",
                                       "phone_verification_sent_at",
                                       "phone_verified_at",
                                       "ref_aff",
                                       "ref_sale"};

/* Members that are not nullable. */
static const char *const NOT_NULLABLE[] = {"created_at", "full_name",  "id",
                                           "is_blocked", "phone",      "source",
                                           "short_name", "total_shop", "updated_at"};

DEFINE_PARSE(shop_account_user)
DEFINE_PARSE(shop_create_account_user_request)
DEFINE_PARSE(applivery_error_response)
DEFINE_PARSE(ownli_error_response)

#define P_ACCOUNT parse_shop_account_user
#define P_REQUEST parse_shop_create_account_user_request

/* ------------------------------------------------------------ request ---- */

static void request_doc_example_is_valid_and_prints_back_identically(void)
{
    ROUND_TRIP(P_REQUEST, "{\"full_name\":\"<string>\",\"password\":\"<string>\",\"phone\":"
                          "\"<string>\"}");
    ROUND_TRIP(P_REQUEST, REQUEST);
}

static void request_reports_all_three_missing_required(void)
{
    apigen_errors errs;
    CHECK(P_REQUEST("{}", &errs, NULL) == -1);
    CHECK_TOTAL(&errs, 3);
    CHECK_ERROR(&errs, "$.full_name", "required");
    CHECK_ERROR(&errs, "$.password", "required");
    CHECK_ERROR(&errs, "$.phone", "required");
    INVALID(P_REQUEST, edit(REQUEST, "password", DEL, END), "$.password", "required");
}

static void request_members_must_be_strings(void)
{
    static const char *const members[] = {"full_name", "password", "phone"};
    for (size_t i = 0; i < 3; i++) {
        const char *path = fmt("$.%s", members[i]);
        INVALID(P_REQUEST, edit(REQUEST, members[i], "123456", END), path, "type");
        INVALID(P_REQUEST, edit(REQUEST, members[i], "null", END), path, "type");
        INVALID(P_REQUEST, edit(REQUEST, members[i], "true", END), path, "type");
        INVALID(P_REQUEST, edit(REQUEST, members[i], "[]", END), path, "type");
        VALID(P_REQUEST, edit(REQUEST, members[i], S(""), END)); /* no length documented */
    }
}

/* The password is sensitive: the debug text masks it, print (what goes on the wire) keeps it. */
static void debug_string_hides_the_password_and_print_keeps_it(void)
{
    shop_create_account_user_request r;
    apigen_errors errs;
    CHECK(shop_create_account_user_request_parse(REQUEST, strlen(REQUEST), &r, &errs) == 0);
    char *debug = shop_create_account_user_request_debug_string(&r);
    char *printed = shop_create_account_user_request_print(&r);
    CHECK(debug != NULL && strstr(debug, "hunter2") == NULL && strstr(debug, "Secret") == NULL);
    CHECK_STR(debug,
              "{\"full_name\":\"Jane Doe\",\"password\":\"***\",\"phone\":\"+15556667777\"}");
    CHECK_STR(printed, REQUEST);
    free(debug);
    free(printed);
    shop_create_account_user_request_free(&r);

    /* a struct filled in C, with a password that needs escaping */
    shop_create_account_user_request c;
    shop_create_account_user_request_init(&c);
    c.full_name = own("A");
    c.password = own("p\"w\\d\n");
    c.phone = own("1");
    debug = shop_create_account_user_request_debug_string(&c);
    CHECK_STR(debug, "{\"full_name\":\"A\",\"password\":\"***\",\"phone\":\"1\"}");
    printed = shop_create_account_user_request_print(&c);
    CHECK_STR(printed, "{\"full_name\":\"A\",\"password\":\"p\\\"w\\\\d\\n\",\"phone\":\"1\"}");
    free(debug);
    free(printed);
    shop_create_account_user_request_free(&c);
}

/* ---------------------------------------------------------- account user ---- */

static void account_doc_example_is_valid_and_prints_back_identically(void)
{
    ROUND_TRIP(P_ACCOUNT, ACCOUNT);
    ROUND_TRIP(P_ACCOUNT, "{}"); /* nothing is required */
}

static void account_date_times_accept_rfc3339(void)
{
    static const char *const ok[] = {
        "2019-08-24T14:15:22Z",        "2020-02-29T00:00:00Z", /* leap year */
        "2000-02-29T12:00:00Z",        "2019-12-31T23:59:60Z", /* leap second */
        "2019-08-24T14:15:22.123456Z", "2019-08-24T14:15:22+05:30", "2019-08-24T14:15:22-08:00",
        "2019-08-24t14:15:22z",        "2019-01-31T00:00:00Z",      "2019-04-30T23:59:59+00:00",
        "2019-06-30T19:29:60-04:30"}; /* 23:59:60 UTC */
    for (size_t i = 0; i < sizeof DATE_TIMES / sizeof DATE_TIMES[0]; i++)
        for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++)
            ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, DATE_TIMES[i], jstr(ok[k]), END));
}

static void account_date_times_reject_non_rfc3339(void)
{
    static const char *const bad[] = {"2019-02-30T00:00:00Z", /* no February 30th */
                                      "2019-02-29T00:00:00Z", /* 2019 is no leap year */
                                      "1900-02-29T00:00:00Z", /* nor is 1900 */
                                      "2019-04-31T00:00:00Z",
                                      "2019-13-01T00:00:00Z",
                                      "2019-00-10T00:00:00Z",
                                      "2019-08-00T00:00:00Z",
                                      "2019-08-24T24:00:00Z",
                                      "2019-08-24T14:60:00Z",
                                      "2019-08-24T12:00:60Z", /* leap second not at 23:59 UTC */
                                      "2020-02-29",           /* a date, not a date-time */
                                      "14:15:22Z",
                                      "2019-08-24 14:15:22Z",
                                      "2019-08-24T14:15:22",
                                      "2019-08-24T14:15:22+0530",
                                      "2019-08-24T14:15:22.Z",
                                      "2019-8-24T14:15:22Z",
                                      "string",
                                      ""};
    for (size_t i = 0; i < sizeof DATE_TIMES / sizeof DATE_TIMES[0]; i++)
        for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
            INVALID(P_ACCOUNT, edit(ACCOUNT, DATE_TIMES[i], jstr(bad[k]), END),
                    fmt("$.%s", DATE_TIMES[i]), "format");
}

/* null is a value for the nullable members, told apart from absent by the _is_null member. */
static void account_nullable_members_accept_null_apart_from_absent(void)
{
    for (size_t i = 0; i < sizeof NULLABLE / sizeof NULLABLE[0]; i++)
        ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, NULLABLE[i], "null", END));

    const char *nulls = "{\"block_reason\":null,\"blocked_at\":null,\"email\":null}";
    shop_account_user u;
    apigen_errors errs;
    CHECK(shop_account_user_parse(nulls, strlen(nulls), &u, &errs) == 0);
    CHECK(u.block_reason_is_null && u.block_reason == NULL);
    CHECK(u.blocked_at_is_null && u.blocked_at == NULL);
    CHECK(u.email_is_null && u.email == NULL);
    CHECK(!u.ref_aff_is_null && u.ref_aff == NULL); /* absent */
    CHECK(!u.email_verified_at_is_null && u.email_verified_at == NULL);
    char *printed = shop_account_user_print(&u);
    CHECK_STR(printed, nulls);
    free(printed);
    shop_account_user_free(&u);
    ROUND_TRIP(P_ACCOUNT, nulls);

    /* a value is a value */
    CHECK(shop_account_user_parse(ACCOUNT, strlen(ACCOUNT), &u, &errs) == 0);
    CHECK(!u.block_reason_is_null && u.block_reason != NULL);
    shop_account_user_free(&u);

    /* from C: the _is_null flag alone writes null */
    shop_account_user c;
    shop_account_user_init(&c);
    c.ref_sale_is_null = true;
    CHECK(shop_account_user_validate(&c, &errs) == 0);
    printed = shop_account_user_print(&c);
    CHECK_STR(printed, "{\"ref_sale\":null}");
    free(printed);
    shop_account_user_free(&c);
}

static void account_nullable_members_still_check_their_type(void)
{
    for (size_t i = 0; i < sizeof NULLABLE / sizeof NULLABLE[0]; i++) {
        const char *path = fmt("$.%s", NULLABLE[i]);
        INVALID(P_ACCOUNT, edit(ACCOUNT, NULLABLE[i], "0", END), path, "type");
        INVALID(P_ACCOUNT, edit(ACCOUNT, NULLABLE[i], "false", END), path, "type");
        INVALID(P_ACCOUNT, edit(ACCOUNT, NULLABLE[i], "{}", END), path, "type");
    }
}

static void account_null_where_not_nullable_is_a_type_error(void)
{
    for (size_t i = 0; i < sizeof NOT_NULLABLE / sizeof NOT_NULLABLE[0]; i++)
        INVALID(P_ACCOUNT, edit(ACCOUNT, NOT_NULLABLE[i], "null", END),
                fmt("$.%s", NOT_NULLABLE[i]), "type");
}

static void account_total_shop_accepts_plus_minus_9007199254740991_exactly(void)
{
    ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, "total_shop", "9007199254740991", END));
    ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, "total_shop", "-9007199254740991", END));
    const char *text = edit(ACCOUNT, "total_shop", "9007199254740991", END);
    shop_account_user u;
    apigen_errors errs;
    CHECK(shop_account_user_parse(text, strlen(text), &u, &errs) == 0);
    CHECK(u.has_total_shop && u.total_shop == INT64_C(9007199254740991));
    char *printed = shop_account_user_print(&u);
    CHECK(printed && strstr(printed, "\"total_shop\":9007199254740991,") != NULL);
    free(printed);
    shop_account_user_free(&u);
}

/* No range is documented: the int64 range bounds it, exactly (ids above 2^53 are real), and
 * beyond it the reader refuses the number itself, code "integer". */
static void account_total_shop_takes_the_whole_int64_range_exactly(void)
{
    ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, "total_shop", "9007199254740993", END));
    ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, "total_shop", "9223372036854775807", END));
    ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, "total_shop", "-9223372036854775808", END));
    INVALID(P_ACCOUNT, edit(ACCOUNT, "total_shop", "9223372036854775808", END), "$.total_shop",
            "integer");
    INVALID(P_ACCOUNT, edit(ACCOUNT, "total_shop", "-9223372036854775809", END), "$.total_shop",
            "integer");

    shop_account_user c;
    shop_account_user_init(&c);
    apigen_errors errs;
    c.has_total_shop = true;
    c.total_shop = INT64_MIN;
    CHECK(shop_account_user_validate(&c, &errs) == 0);
    c.total_shop = INT64_C(9007199254740993);
    CHECK(shop_account_user_validate(&c, &errs) == 0);
    /* _to_json keeps the digits the double cannot; from_json reads them back exactly */
    cJSON *tree = shop_account_user_to_json(&c);
    char *text = apigen_json_print(tree);
    CHECK(text != NULL && strstr(text, "\"total_shop\":9007199254740993") != NULL);
    shop_account_user back;
    CHECK(shop_account_user_from_json(tree, &back, &errs) == 0);
    CHECK(back.total_shop == INT64_C(9007199254740993));
    shop_account_user_free(&back);
    /* a caller's tree holds only the double: beyond 2^53 it is no exact integer */
    cJSON *caller = cJSON_Parse(text);
    CHECK(shop_account_user_from_json(caller, &back, &errs) == -1);
    CHECK_ERROR(&errs, "$.total_shop", "integer");
    cJSON_Delete(caller);
    free(text);
    cJSON_Delete(tree);
}

static void account_total_shop_rejects_non_integers(void)
{
    INVALID(P_ACCOUNT, edit(ACCOUNT, "total_shop", S("0"), END), "$.total_shop", "type");
    INVALID(P_ACCOUNT, edit(ACCOUNT, "total_shop", "1.5", END), "$.total_shop", "integer");
    INVALID(P_ACCOUNT, edit(ACCOUNT, "total_shop", "true", END), "$.total_shop", "type");
    INVALID(P_ACCOUNT, edit(ACCOUNT, "total_shop", "[0]", END), "$.total_shop", "type");
    VALID(P_ACCOUNT, edit(ACCOUNT, "total_shop", "3.0", END));
}

static void account_is_blocked_is_a_boolean(void)
{
    INVALID(P_ACCOUNT, edit(ACCOUNT, "is_blocked", "1", END), "$.is_blocked", "type");
    INVALID(P_ACCOUNT, edit(ACCOUNT, "is_blocked", S("true"), END), "$.is_blocked", "type");
    INVALID(P_ACCOUNT, edit(ACCOUNT, "is_blocked", S("True"), END), "$.is_blocked", "type");
    ROUND_TRIP(P_ACCOUNT, edit(ACCOUNT, "is_blocked", "false", END));
}

static void account_strings_reject_other_types(void)
{
    static const char *const members[] = {"full_name", "id",         "phone",
                                          "source",    "short_name", "created_at"};
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        INVALID(P_ACCOUNT, edit(ACCOUNT, members[i], "1", END), fmt("$.%s", members[i]), "type");
        INVALID(P_ACCOUNT, edit(ACCOUNT, members[i], "[]", END), fmt("$.%s", members[i]), "type");
    }
    VALID(P_ACCOUNT, edit(ACCOUNT, "source", S("partner"), END)); /* no enum documented */
    INVALID(P_ACCOUNT, "[]", "$", "type");
}

static void account_reports_every_violation_at_once(void)
{
    apigen_errors errs;
    CHECK(P_ACCOUNT(edit(ACCOUNT, "blocked_at", S("2019-02-30T00:00:00Z"), "created_at", "null",
                         "email", "1", "email_verified_at", S("2020-02-29"), "is_blocked", "1",
                         "total_shop", "9223372036854775808", "updated_at", S("yesterday"), END),
                    &errs, NULL) == -1);
    CHECK_TOTAL(&errs, 7);
    CHECK_ERROR(&errs, "$.blocked_at", "format");
    CHECK_ERROR(&errs, "$.created_at", "type");
    CHECK_ERROR(&errs, "$.email", "type");
    CHECK_ERROR(&errs, "$.email_verified_at", "format");
    CHECK_ERROR(&errs, "$.is_blocked", "type");
    CHECK_ERROR(&errs, "$.total_shop", "integer");
    CHECK_ERROR(&errs, "$.updated_at", "format");
}

/* --------------------------------------------------------- lifecycle ---- */

static void failed_parse_leaves_struct_zeroed_and_owning_nothing(void)
{
    const char *text = edit(ACCOUNT, "updated_at", S("2019-02-30T00:00:00Z"), END);
    shop_account_user u, zero;
    memset(&u, 0x5A, sizeof u);
    memset(&zero, 0, sizeof zero);
    apigen_errors errs;
    CHECK(shop_account_user_parse(text, strlen(text), &u, &errs) == -1);
    CHECK(memcmp(&u, &zero, sizeof u) == 0);
    CHECK(u.block_reason == NULL && u.full_name == NULL && !u.has_total_shop);
}

static void free_twice_and_free_null_are_safe(void)
{
    shop_create_account_user_request r;
    apigen_errors errs;
    CHECK(shop_create_account_user_request_parse(REQUEST, strlen(REQUEST), &r, &errs) == 0);
    shop_create_account_user_request_free(&r);
    CHECK(r.password == NULL);
    shop_create_account_user_request_free(&r);
    shop_create_account_user_request_free(NULL);
    shop_account_user u;
    CHECK(shop_account_user_parse(ACCOUNT, strlen(ACCOUNT), &u, &errs) == 0);
    shop_account_user_free(&u);
    shop_account_user_free(&u);
}

/* Three APIs in one program: the headers compile together, each prefix keeps its own models
 * (two of them named ErrorResponse in their specs) and operation tables. Linking the whole
 * apigen_generated library into every test program already proves that no symbol clashes. */
static void three_apis_in_one_program(void)
{
    CHECK(&applivery_error_response_model != (const void *)&ownli_error_response_model);
    CHECK_STR(applivery_error_response_model.name, "applivery_error_response");
    CHECK_STR(ownli_error_response_model.name, "ownli_error_response");
    ROUND_TRIP(parse_applivery_error_response,
               "{\"status\":false,\"error\":{\"code\":3001,\"message\":\"Entity not found\"}}");
    ROUND_TRIP(parse_ownli_error_response, "{\"error_code\":\"ERROR_USER_ALREADY_EXISTS\"}");
    INVALID(parse_ownli_error_response, "{\"error_code\":3001}", "$.error_code", "type");
    INVALID(parse_applivery_error_response, "{\"error\":{\"code\":\"E\"}}", "$.error.code", "type");
    ROUND_TRIP(P_ACCOUNT, ACCOUNT);
    CHECK_STR(applivery_operations[0].name, "applivery.createOtpUser");
    CHECK_STR(applivery_operations[1].name, "applivery.createOemUser");
    CHECK_STR(ownli_operations[0].name, "ownli.createUser");
    CHECK(shop_operation_count == 1);
    CHECK_STR(shop_operations[0].name, "shop.createAccountUser");
    CHECK_STR(shop_operations[0].path, "/Shop/CreateAccountUser");
    CHECK(apigen_operation_response(&shop_operations[0], 200) != NULL);
    CHECK(apigen_operation_response(&shop_operations[0], 400) == NULL); /* none documented */
}

int main(void)
{
    RUN_TEST(request_doc_example_is_valid_and_prints_back_identically);
    RUN_TEST(request_reports_all_three_missing_required);
    RUN_TEST(request_members_must_be_strings);
    RUN_TEST(debug_string_hides_the_password_and_print_keeps_it);
    RUN_TEST(account_doc_example_is_valid_and_prints_back_identically);
    RUN_TEST(account_date_times_accept_rfc3339);
    RUN_TEST(account_date_times_reject_non_rfc3339);
    RUN_TEST(account_nullable_members_accept_null_apart_from_absent);
    RUN_TEST(account_nullable_members_still_check_their_type);
    RUN_TEST(account_null_where_not_nullable_is_a_type_error);
    RUN_TEST(account_total_shop_accepts_plus_minus_9007199254740991_exactly);
    RUN_TEST(account_total_shop_takes_the_whole_int64_range_exactly);
    RUN_TEST(account_total_shop_rejects_non_integers);
    RUN_TEST(account_is_blocked_is_a_boolean);
    RUN_TEST(account_strings_reject_other_types);
    RUN_TEST(account_reports_every_violation_at_once);
    RUN_TEST(failed_parse_leaves_struct_zeroed_and_owning_nothing);
    RUN_TEST(free_twice_and_free_null_are_safe);
    RUN_TEST(three_apis_in_one_program);
    applivery_cleanup();
    ownli_cleanup();
    shop_cleanup();
    release_kept();
    return check_summary();
}
