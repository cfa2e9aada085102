/* test_ownli: the code generated from specs/ownli.yaml, through its typed functions: the E.164
 * phone, the const country, every US state code and the tosAnswer enum, wrong JSON types at every
 * kind of member, missing required members, exact JSON paths and code names, and the lifecycle. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gen_check.h"
#include "ownli/ownli.h"

/* ------------------------------------------------------------- documents ---- */

/* The spec's constructed request example (canonical: the spec's property order). */
static const char REQUEST[] =
    "{\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"email\":\"jane.doe@example.com\","
    "\"isEmailVerified\":true,\"phone\":\"+15556667777\",\"isPhoneVerified\":true,\"address\":{"
    "\"addressLine1\":\"1600 Broadway\",\"city\":\"Denver\",\"state\":\"CO\",\"country\":\"US\","
    "\"zip\":\"80202\"}}";

/* The smallest valid request: the four required members, and the address's state. */
static const char MINIMAL[] =
    "{\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"phone\":\"+15556667777\","
    "\"address\":{\"state\":\"CO\"}}";

/* The documented 200 example. */
static const char USER[] =
    "{\"id\":\"string\",\"firstName\":\"string\",\"lastName\":\"string\",\"email\":\"string\","
    "\"phone\":\"string\",\"adminNote\":\"string\",\"customField1\":\"string\",\"customField2\":"
    "\"string\",\"customField3\":\"string\",\"customField4\":\"string\",\"customField5\":"
    "\"string\",\"address\":{\"addressLine1\":\"string\",\"addressLine2\":\"string\",\"city\":"
    "\"string\",\"state\":\"CA\",\"country\":\"US\",\"zip\":\"string\"},\"tosAnswer\":\"None\","
    "\"partnerCode\":\"string\",\"dateRegistered\":\"string\",\"updated\":\"string\","
    "\"emailVerified\":true,\"phoneVerified\":true,\"fraud\":true}";

/* Every value of UsStateCode, in the spec's order (C enum value i + 1). */
static const char *const STATES[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI", "AA", "AE", "AP"};
#define STATE_COUNT (sizeof STATES / sizeof STATES[0])

DEFINE_PARSE(ownli_create_user_request)
DEFINE_PARSE(ownli_create_user_query_params)
DEFINE_PARSE(ownli_create_user_header_params)
DEFINE_PARSE(ownli_user)
DEFINE_PARSE(ownli_error_response)

#define P_REQUEST parse_ownli_create_user_request
#define P_QUERY   parse_ownli_create_user_query_params
#define P_HEADER  parse_ownli_create_user_header_params
#define P_USER    parse_ownli_user
#define P_ERROR   parse_ownli_error_response

/* ------------------------------------------------------- createUser request ---- */

static void request_constructed_example_is_valid_and_prints_back_identically(void)
{
    ROUND_TRIP(P_REQUEST, REQUEST);
    ROUND_TRIP(P_REQUEST, MINIMAL);
}

static void request_reports_all_four_missing_required(void)
{
    apigen_errors errs;
    CHECK(P_REQUEST("{}", &errs, NULL) == -1);
    CHECK_TOTAL(&errs, 4);
    CHECK_ERROR(&errs, "$.firstName", "required");
    CHECK_ERROR(&errs, "$.lastName", "required");
    CHECK_ERROR(&errs, "$.phone", "required");
    CHECK_ERROR(&errs, "$.address", "required");
    INVALID(P_REQUEST, edit(REQUEST, "address", DEL, END), "$.address", "required");
    INVALID(P_REQUEST, edit(REQUEST, "phone", DEL, END), "$.phone", "required");
    INVALID(P_REQUEST, edit(REQUEST, "firstName", DEL, END), "$.firstName", "required");
    INVALID(P_REQUEST, edit(REQUEST, "lastName", DEL, END), "$.lastName", "required");
    /* The published page marks the address's state required (see specs/ownli.yaml). */
    INVALID(P_REQUEST, edit(REQUEST, "address.state", DEL, END), "$.address.state", "required");
}

/* Of the address only the state is required; the optional top-level members may all go. */
static void request_optional_members_may_be_absent(void)
{
    ownli_create_user_request r;
    apigen_errors errs;
    CHECK(ownli_create_user_request_parse(MINIMAL, strlen(MINIMAL), &r, &errs) == 0);
    CHECK(r.email == NULL && !r.has_is_email_verified && !r.has_is_phone_verified);
    CHECK(r.custom_field1 == NULL && r.custom_field5 == NULL);
    CHECK(r.address.state == OWNLI_US_STATE_CODE_CO && r.address.country == NULL);
    CHECK(r.address.address_line1 == NULL && r.address.address_line2 == NULL);
    ownli_create_user_request_free(&r);
}

static void request_phone_accepts_e164(void)
{
    static const char *const ok[] = {"+15556667777", "+12", "+123456789012345", "+447911123456",
                                     "+919876543210"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        ROUND_TRIP(P_REQUEST, edit(REQUEST, "phone", jstr(ok[i]), END));
}

static void request_phone_rejects_non_e164(void)
{
    static const char *const bad[] = {"5556667777",        /* no "+" */
                                      "+05556667777",      /* country code starting with 0 */
                                      "+1234567890123456", /* 16 digits: one too many */
                                      "+1",                /* 1 digit: one too few */
                                      "+",
                                      "",
                                      "+1 555 666 7777", /* spaces */
                                      "+1-555-666-7777", /* hyphens */
                                      "+1555666777a",
                                      "++15556667777",
                                      "+15556667777 ",
                                      "1+5556667777"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        INVALID(P_REQUEST, edit(REQUEST, "phone", jstr(bad[i]), END), "$.phone", "format");
}

static void request_phone_rejects_wrong_types(void)
{
    INVALID(P_REQUEST, edit(REQUEST, "phone", "15556667777", END), "$.phone", "type");
    INVALID(P_REQUEST, edit(REQUEST, "phone", "null", END), "$.phone", "type");
    INVALID(P_REQUEST, edit(REQUEST, "phone", "[\"+15556667777\"]", END), "$.phone", "type");
}

/* "Must be US". */
static void request_country_const_us(void)
{
    ROUND_TRIP(P_REQUEST, REQUEST);
    INVALID(P_REQUEST, edit(REQUEST, "address.country", S("CA"), END), "$.address.country",
            "const");
    INVALID(P_REQUEST, edit(REQUEST, "address.country", S("us"), END), "$.address.country",
            "const");
    INVALID(P_REQUEST, edit(REQUEST, "address.country", S("USA"), END), "$.address.country",
            "const");
    INVALID(P_REQUEST, edit(REQUEST, "address.country", S(""), END), "$.address.country", "const");
    INVALID(P_REQUEST, edit(REQUEST, "address.country", S("US "), END), "$.address.country",
            "const");
    INVALID(P_REQUEST, edit(REQUEST, "address.country", "1", END), "$.address.country", "type");
    INVALID(P_REQUEST, edit(REQUEST, "address.country", "null", END), "$.address.country", "type");
}

static void request_state_accepts_every_documented_code(void)
{
    CHECK(STATE_COUNT == 59);
    for (size_t i = 0; i < STATE_COUNT; i++) {
        const char *text = edit(REQUEST, "address.state", jstr(STATES[i]), END);
        ROUND_TRIP(P_REQUEST, text);
        ownli_create_user_request r;
        apigen_errors errs;
        CHECK(ownli_create_user_request_parse(text, strlen(text), &r, &errs) == 0);
        CHECK((size_t)r.address.state == i + 1);
        ownli_create_user_request_free(&r);
    }
    CHECK(OWNLI_US_STATE_CODE_AP == 59 && OWNLI_US_STATE_CODE_CO == 6);
}

static void request_state_rejects_unknown_codes_with_enum(void)
{
    static const char *const bad[] = {"XX", "co", "Co", "FM", "MH", "PW", "", "COL", "C0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        INVALID(P_REQUEST, edit(REQUEST, "address.state", jstr(bad[i]), END), "$.address.state",
                "enum");
    INVALID(P_REQUEST, edit(REQUEST, "address.state", "6", END), "$.address.state", "type");
    INVALID(P_REQUEST, edit(REQUEST, "address.state", "null", END), "$.address.state", "type");
    INVALID(P_REQUEST, edit(REQUEST, "address.state", "[\"CO\"]", END), "$.address.state", "type");
}

static void request_booleans_reject_other_types(void)
{
    static const char *const members[] = {"isEmailVerified", "isPhoneVerified"};
    static const char *const bad[] = {"1", "0", S("true"), "null", "[]", "{}"};
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
            INVALID(P_REQUEST, edit(REQUEST, members[i], bad[k], END), fmt("$.%s", members[i]),
                    "type");
    ownli_create_user_request r;
    apigen_errors errs;
    const char *text = edit(REQUEST, "isEmailVerified", "false", END);
    CHECK(ownli_create_user_request_parse(text, strlen(text), &r, &errs) == 0);
    CHECK(r.has_is_email_verified && !r.is_email_verified && r.has_is_phone_verified &&
          r.is_phone_verified);
    ownli_create_user_request_free(&r);
    ROUND_TRIP(P_REQUEST, text);
}

static void request_strings_reject_other_types(void)
{
    static const char *const members[] = {"firstName",    "lastName",     "email",
                                          "customField1", "customField2", "customField3",
                                          "customField4", "customField5"};
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        const char *path = fmt("$.%s", members[i]);
        INVALID(P_REQUEST, edit(REQUEST, members[i], "1", END), path, "type");
        INVALID(P_REQUEST, edit(REQUEST, members[i], "null", END), path, "type");
        INVALID(P_REQUEST, edit(REQUEST, members[i], "false", END), path, "type");
        INVALID(P_REQUEST, edit(REQUEST, members[i], "{}", END), path, "type");
        VALID(P_REQUEST, edit(MINIMAL, members[i], S("any text, no format"), END));
    }
    static const char *const address[] = {"addressLine1", "addressLine2", "city", "zip"};
    for (size_t i = 0; i < sizeof address / sizeof address[0]; i++)
        INVALID(P_REQUEST, edit(REQUEST, fmt("address.%s", address[i]), "80202", END),
                fmt("$.address.%s", address[i]), "type");
}

static void request_address_must_be_an_object(void)
{
    INVALID(P_REQUEST, edit(REQUEST, "address", "[]", END), "$.address", "type");
    INVALID(P_REQUEST, edit(REQUEST, "address", "null", END), "$.address", "type");
    INVALID(P_REQUEST, edit(REQUEST, "address", S("1600 Broadway, Denver CO"), END), "$.address",
            "type");
}

/* Nobody wants to fix one field at a time: every violation of a body comes back at once. */
static void request_reports_every_violation_at_once(void)
{
    apigen_errors errs;
    CHECK(P_REQUEST(edit(REQUEST, "firstName", "1", "lastName", DEL, "phone", S("5556667777"),
                         "isEmailVerified", S("yes"), "customField3", "[]", "address.state",
                         S("XX"), "address.country", S("CA"), "address.zip", "80202", END),
                    &errs, NULL) == -1);
    CHECK_TOTAL(&errs, 8);
    CHECK_ERROR(&errs, "$.firstName", "type");
    CHECK_ERROR(&errs, "$.lastName", "required");
    CHECK_ERROR(&errs, "$.phone", "format");
    CHECK_ERROR(&errs, "$.isEmailVerified", "type");
    CHECK_ERROR(&errs, "$.customField3", "type");
    CHECK_ERROR(&errs, "$.address.state", "enum");
    CHECK_ERROR(&errs, "$.address.country", "const");
    CHECK_ERROR(&errs, "$.address.zip", "type");
}

static void request_body_must_be_an_object(void)
{
    INVALID(P_REQUEST, "[]", "$", "type");
    INVALID(P_REQUEST, "null", "$", "type");
    INVALID(P_REQUEST, fmt("[%s]", REQUEST), "$", "type");
    INVALID(P_REQUEST, "{\"firstName\":", "$", "syntax");
}

/* A struct built in C goes through the same rules. */
static void request_validate_from_c(void)
{
    ownli_create_user_request r;
    ownli_create_user_request_init(&r);
    apigen_errors errs;
    CHECK(ownli_create_user_request_validate(&r, &errs) == -1);
    CHECK_TOTAL(&errs, 4); /* address is a nested struct, always there; its state is not */
    CHECK_ERROR(&errs, "$.firstName", "required");
    CHECK_ERROR(&errs, "$.lastName", "required");
    CHECK_ERROR(&errs, "$.phone", "required");
    CHECK_ERROR(&errs, "$.address.state", "required");

    r.first_name = own("Jane");
    r.last_name = own("Doe");
    r.phone = own("+15556667777");
    r.address.state = OWNLI_US_STATE_CODE_CO;
    r.address.country = own("US");
    CHECK(ownli_create_user_request_validate(&r, &errs) == 0);
    char *printed = ownli_create_user_request_print(&r);
    CHECK_STR(printed, "{\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"phone\":\"+15556667777\","
                       "\"address\":{\"state\":\"CO\",\"country\":\"US\"}}");
    free(printed);

    cJSON_free(r.phone);
    r.phone = own("+0123");
    cJSON_free(r.address.country);
    r.address.country = own("MX");
    r.address.state = (ownli_us_state_code)60; /* past the last value */
    CHECK(ownli_create_user_request_validate(&r, &errs) == -1);
    CHECK_TOTAL(&errs, 3);
    CHECK_ERROR(&errs, "$.phone", "format");
    CHECK_ERROR(&errs, "$.address.country", "const");
    CHECK_ERROR(&errs, "$.address.state", "enum");
    ownli_create_user_request_free(&r);
    ownli_create_user_request_free(&r);
}

/* ------------------------------------------------------------- query ---- */

static void query_return_existing_is_an_optional_boolean(void)
{
    ownli_create_user_query_params q;
    apigen_errors errs;
    CHECK(ownli_create_user_query_params_parse("{}", 2, &q, &errs) == 0);
    CHECK(!q.has_return_existing_user_if_exists); /* default false is documentation only */
    ownli_create_user_query_params_free(&q);
    const char *text = "{\"returnExistingUserIfExists\":false}";
    CHECK(ownli_create_user_query_params_parse(text, strlen(text), &q, &errs) == 0);
    CHECK(q.has_return_existing_user_if_exists && !q.return_existing_user_if_exists);
    ownli_create_user_query_params_free(&q);
    ROUND_TRIP(P_QUERY, text);
    ROUND_TRIP(P_QUERY, "{\"returnExistingUserIfExists\":true}");
    ROUND_TRIP(P_QUERY, "{}");
    INVALID(P_QUERY, "{\"returnExistingUserIfExists\":\"true\"}", "$.returnExistingUserIfExists",
            "type");
    INVALID(P_QUERY, "{\"returnExistingUserIfExists\":1}", "$.returnExistingUserIfExists", "type");
    INVALID(P_QUERY, "{\"returnExistingUserIfExists\":null}", "$.returnExistingUserIfExists",
            "type");
}

/* The legacy credential headers (see specs/ownli.yaml): optional strings, and the client
 * secret never shows in debug text. */
static void header_legacy_credentials_are_optional_and_the_secret_is_masked(void)
{
    ownli_create_user_header_params h;
    apigen_errors errs;
    CHECK(ownli_create_user_header_params_parse("{}", 2, &h, &errs) == 0);
    CHECK(h.partner_id == NULL && h.client_id == NULL && h.client_secret == NULL);
    ownli_create_user_header_params_free(&h);
    const char *text = "{\"partnerId\":\"p-1\",\"clientId\":\"c-1\",\"clientSecret\":\"s3cr3t\"}";
    CHECK(ownli_create_user_header_params_parse(text, strlen(text), &h, &errs) == 0);
    CHECK_STR(h.client_secret, "s3cr3t");
    char *debug = ownli_create_user_header_params_debug_string(&h);
    CHECK_STR(debug, "{\"partnerId\":\"p-1\",\"clientId\":\"c-1\",\"clientSecret\":\"***\"}");
    free(debug);
    ownli_create_user_header_params_free(&h);
    ROUND_TRIP(P_HEADER, text);
    INVALID(P_HEADER, "{\"clientId\":7}", "$.clientId", "type");
    CHECK(ownli_operations[0].header_params == &ownli_create_user_header_params_model);
}

/* ----------------------------------------------------------- 200 response ---- */

static void user_doc_example_is_valid_and_prints_back_identically(void)
{
    ROUND_TRIP(P_USER, USER);
    ownli_user u;
    apigen_errors errs;
    CHECK(ownli_user_parse(USER, strlen(USER), &u, &errs) == 0);
    CHECK(u.has_address && u.address.state == OWNLI_US_STATE_CODE_CA);
    CHECK(u.tos_answer == OWNLI_USER_TOS_ANSWER_NONE);
    CHECK(u.has_fraud && u.fraud);
    ownli_user_free(&u);
}

/* The page marks no response member as required. */
static void user_members_are_all_optional(void)
{
    ROUND_TRIP(P_USER, "{}");
    ROUND_TRIP(P_USER, "{\"address\":{}}");
    ownli_user u;
    apigen_errors errs;
    CHECK(ownli_user_parse("{}", 2, &u, &errs) == 0);
    CHECK(!u.has_address && u.tos_answer == OWNLI_USER_TOS_ANSWER_UNSET && !u.has_fraud);
    ownli_user_free(&u);
}

static void user_tos_answer_enum(void)
{
    static const char *const ok[] = {"None", "Accepted", "Declined"};
    for (size_t i = 0; i < 3; i++) {
        const char *text = edit(USER, "tosAnswer", jstr(ok[i]), END);
        ROUND_TRIP(P_USER, text);
        ownli_user u;
        apigen_errors errs;
        CHECK(ownli_user_parse(text, strlen(text), &u, &errs) == 0);
        CHECK((size_t)u.tos_answer == i + 1);
        ownli_user_free(&u);
    }
    static const char *const bad[] = {"none", "ACCEPTED", "Maybe", "", "Declined "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        INVALID(P_USER, edit(USER, "tosAnswer", jstr(bad[i]), END), "$.tosAnswer", "enum");
    INVALID(P_USER, edit(USER, "tosAnswer", "null", END), "$.tosAnswer", "type");
    INVALID(P_USER, edit(USER, "tosAnswer", "true", END), "$.tosAnswer", "type");
}

/* The response's country: '^[A-Z]{2}$' (no const there). */
static void user_address_country_two_capital_letters(void)
{
    VALID(P_USER, edit(USER, "address.country", S("CA"), END));
    VALID(P_USER, edit(USER, "address.country", S("ZZ"), END));
    static const char *const bad[] = {"U", "USA", "us", "U1", "", "US\\n", "\\u00c9U"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        INVALID(P_USER, edit(USER, "address.country", jstr(bad[i]), END), "$.address.country",
                "pattern");
    INVALID(P_USER, edit(USER, "address.country", "1", END), "$.address.country", "type");
}

static void user_address_state_is_the_same_enum(void)
{
    for (size_t i = 0; i < STATE_COUNT; i++)
        VALID(P_USER, edit(USER, "address.state", jstr(STATES[i]), END));
    INVALID(P_USER, edit(USER, "address.state", S("string"), END), "$.address.state", "enum");
}

static void user_wrong_types_at_every_kind(void)
{
    INVALID(P_USER, edit(USER, "id", "5", END), "$.id", "type");
    INVALID(P_USER, edit(USER, "id", "null", END), "$.id", "type");
    INVALID(P_USER, edit(USER, "fraud", S("yes"), END), "$.fraud", "type");
    INVALID(P_USER, edit(USER, "fraud", "1", END), "$.fraud", "type");
    INVALID(P_USER, edit(USER, "address", "[]", END), "$.address", "type");
    INVALID(P_USER, edit(USER, "address.addressLine2", "2", END), "$.address.addressLine2", "type");
    INVALID(P_USER, "[]", "$", "type");

    apigen_errors errs;
    CHECK(P_USER(edit(USER, "email", "1", "emailVerified", "null", "address.city", "[]",
                      "address.country", S("usa"), "tosAnswer", S("Yes"), END),
                 &errs, NULL) == -1);
    CHECK_TOTAL(&errs, 5);
    CHECK_ERROR(&errs, "$.email", "type");
    CHECK_ERROR(&errs, "$.emailVerified", "type");
    CHECK_ERROR(&errs, "$.address.city", "type");
    CHECK_ERROR(&errs, "$.address.country", "pattern");
    CHECK_ERROR(&errs, "$.tosAnswer", "enum");
}

/* ------------------------------------------------------------ errors ---- */

static void error_response_doc_example_and_types(void)
{
    ROUND_TRIP(P_ERROR, "{\"error_code\":\"string\",\"error_message\":\"string\"}");
    ROUND_TRIP(P_ERROR, "{\"error_code\":\"ERROR_INVALID_STATE_CODE\"}");
    ROUND_TRIP(P_ERROR, "{}");
    INVALID(P_ERROR, "{\"error_code\":409}", "$.error_code", "type");
    INVALID(P_ERROR, "{\"error_message\":null}", "$.error_message", "type");
}

/* --------------------------------------------------------- lifecycle ---- */

static void failed_parse_leaves_struct_zeroed_and_owning_nothing(void)
{
    /* strings and the address are read before the last member fails */
    const char *text = edit(REQUEST, "address.zip", "80202", END);
    ownli_create_user_request r, zero;
    memset(&r, 0x5A, sizeof r);
    memset(&zero, 0, sizeof zero);
    apigen_errors errs;
    CHECK(ownli_create_user_request_parse(text, strlen(text), &r, &errs) == -1);
    CHECK(memcmp(&r, &zero, sizeof r) == 0);
    CHECK(r.first_name == NULL && r.address.city == NULL);
}

static void free_twice_and_free_null_are_safe(void)
{
    ownli_user u;
    apigen_errors errs;
    CHECK(ownli_user_parse(USER, strlen(USER), &u, &errs) == 0);
    ownli_user_free(&u);
    CHECK(u.id == NULL && u.address.city == NULL && !u.has_address);
    ownli_user_free(&u);
    ownli_user_free(NULL);
}

/* Ownli documents no sensitive member: the debug text is the printed text. */
static void debug_string_equals_print(void)
{
    ownli_create_user_request r;
    apigen_errors errs;
    CHECK(ownli_create_user_request_parse(REQUEST, strlen(REQUEST), &r, &errs) == 0);
    char *debug = ownli_create_user_request_debug_string(&r);
    CHECK_STR(debug, REQUEST);
    free(debug);
    ownli_create_user_request_free(&r);
}

static void operation_table_documents_create_user(void)
{
    CHECK(ownli_operation_count == 1);
    CHECK_STR(ownli_operations[0].name, "ownli.createUser");
    CHECK_STR(ownli_operations[0].path, "/api/users");
    CHECK(ownli_operations[0].query_params == &ownli_create_user_query_params_model);
    CHECK(ownli_operations[0].path_params == NULL);
    const apigen_response *r401 = apigen_operation_response(&ownli_operations[0], 401);
    CHECK(r401 != NULL && r401->model == NULL); /* documented, without a body */
    const apigen_response *r409 = apigen_operation_response(&ownli_operations[0], 409);
    CHECK(r409 != NULL && r409->model == &ownli_error_response_model);
    CHECK(apigen_operation_response(&ownli_operations[0], 404) == NULL);
}

int main(void)
{
    RUN_TEST(request_constructed_example_is_valid_and_prints_back_identically);
    RUN_TEST(request_reports_all_four_missing_required);
    RUN_TEST(request_optional_members_may_be_absent);
    RUN_TEST(request_phone_accepts_e164);
    RUN_TEST(request_phone_rejects_non_e164);
    RUN_TEST(request_phone_rejects_wrong_types);
    RUN_TEST(request_country_const_us);
    RUN_TEST(request_state_accepts_every_documented_code);
    RUN_TEST(request_state_rejects_unknown_codes_with_enum);
    RUN_TEST(request_booleans_reject_other_types);
    RUN_TEST(request_strings_reject_other_types);
    RUN_TEST(request_address_must_be_an_object);
    RUN_TEST(request_reports_every_violation_at_once);
    RUN_TEST(request_body_must_be_an_object);
    RUN_TEST(request_validate_from_c);
    RUN_TEST(query_return_existing_is_an_optional_boolean);
    RUN_TEST(header_legacy_credentials_are_optional_and_the_secret_is_masked);
    RUN_TEST(user_doc_example_is_valid_and_prints_back_identically);
    RUN_TEST(user_members_are_all_optional);
    RUN_TEST(user_tos_answer_enum);
    RUN_TEST(user_address_country_two_capital_letters);
    RUN_TEST(user_address_state_is_the_same_enum);
    RUN_TEST(user_wrong_types_at_every_kind);
    RUN_TEST(error_response_doc_example_and_types);
    RUN_TEST(failed_parse_leaves_struct_zeroed_and_owning_nothing);
    RUN_TEST(free_twice_and_free_null_are_safe);
    RUN_TEST(debug_string_equals_print);
    RUN_TEST(operation_table_documents_create_user);
    ownli_cleanup();
    release_kept();
    return check_summary();
}
