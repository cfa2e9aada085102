#!/usr/bin/env bash
# check_cli.sh: apigen-check on the command line, as a user runs it. Exit statuses (0 valid,
# 1 violations, 2 malformed JSON, unknown operation, undocumented status or usage), the canonical
# JSON on standard output with every integer digit kept, and one line per violation on standard
# error, starting with its JSON path.
#
#   tests/generated/check_cli.sh build/bin/apigen-check
#
# Prints "N passed, N failed" and exits non-zero when a test failed.
set -u

APIGEN_CHECK=${1:?usage: check_cli.sh PATH/TO/apigen-check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
test_failed=0

fail() {
    echo "  check failed: $*" >&2
    echo "  stdout: $(head -c 2000 "$tmp/out")" >&2
    echo "  stderr: $(head -c 2000 "$tmp/err")" >&2
    test_failed=1
}

# check ARGS... < input: runs apigen-check; status in $status, output in $tmp/out and $tmp/err.
check() {
    "$APIGEN_CHECK" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
}

expect_status() {
    [ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

expect_stdout() {
    [ "$(cat "$tmp/out")" = "$1" ] || fail "standard output is not: $1"
}

expect_empty_stdout() {
    [ ! -s "$tmp/out" ] || fail "standard output is not empty"
}

expect_empty_stderr() {
    [ ! -s "$tmp/err" ] || fail "standard error is not empty"
}

# A line of standard error starts with exactly this text.
expect_stderr_line() {
    awk -v p="$1" 'index($0, p) == 1 { found = 1 } END { exit !found }' "$tmp/err" ||
        fail "no standard error line starts with: $1"
}

# Every line of standard error starts with a JSON path, then ": ".
expect_every_stderr_line_starts_with_a_path() {
    [ -s "$tmp/err" ] || fail "standard error is empty"
    # shellcheck disable=SC2016 # a literal "$" starts every path
    if grep -vqE '^\$((\.[A-Za-z_][A-Za-z0-9_]*)|(\[[0-9]+\]))*: [A-Za-z]+: ' "$tmp/err"; then
        fail "a standard error line does not start with a JSON path"
    fi
}

expect_stderr_lines() {
    local n
    n=$(wc -l <"$tmp/err")
    [ "$n" -eq "$1" ] || fail "$n standard error lines, expected $1"
}

run_test() {
    test_failed=0
    "$1"
    if [ "$test_failed" -eq 0 ]; then
        passed=$((passed + 1))
    else
        echo "FAIL $1" >&2
        failed=$((failed + 1))
    fi
}

HEX24=0123456789abcdef01234567
OTP_USER='{"id":"65a1f0c2b3d4e5f601234567","organizationId":"5f2b6c1d9e8a7b6c5d4e3f21","storeId":"60d5ec49f1b2c3a4d5e6f789","publishedApplicationId":"6123456789abcdef01234567","email":"user@example.com","allowedDownloadsNum":0,"lastLoginDate":"string","lastDownloadDate":"string","createdAt":"string","updatedAt":"string"}'

# ------------------------------------------------------------------ tests ----

list_shows_every_operation() {
    # The operations of the APIs known here, API by API in file order, operations in spec
    # order, and no other operation of those APIs. A spec added to specs/ adds lines of its
    # own API, not checked here (check_same_as_compiled compares the whole list with
    # `apigen check SPEC --list` of every spec).
    check --list </dev/null
    expect_status 0
    local known="applivery.createOtpUser
applivery.createOemUser
bunny.downloadFile
bunny.uploadFile
bunny.deleteFile
bunny.listFiles
openmeteo.getElevation
openmeteo.searchLocations
ownli.createUser
resend.sendEmail
shop.createAccountUser"
    local apis
    apis=$(printf '%s\n' "$known" | sed 's/\..*//' | sort -u | tr '\n' '|')
    local listed
    listed=$(grep -E "^(${apis%|})\." "$tmp/out")
    [ "$listed" = "$known" ] || fail "the known operations are not listed, in order: $listed"
    expect_empty_stderr
}

help_is_usage_on_stdout() {
    check --help </dev/null
    expect_status 0
    grep -q '^usage: apigen-check --list' "$tmp/out" || fail "no usage on standard output"
}

# Spaces, another property order and an undocumented property in; canonical JSON out.
valid_request_prints_canonical_json_with_exact_integers() {
    check applivery.createOtpUser request <<'EOF'
{
  "publishedApplicationId": "6123456789abcdef01234567",
  "note": "not documented, dropped",
  "allowedDownloadsNum": 9007199254740991,
  "email": "user@example.com"
}
EOF
    expect_status 0
    expect_stdout '{"email":"user@example.com","allowedDownloadsNum":9007199254740991,"publishedApplicationId":"6123456789abcdef01234567"}'
    expect_empty_stderr

    check applivery.createOtpUser request <<<'{"email":["a@example.com"],"allowedDownloadsNum":-9007199254740991,"publishedApplicationId":"ABCDEF0123456789abcdef01"}'
    expect_status 0
    expect_stdout '{"email":["a@example.com"],"allowedDownloadsNum":-9007199254740991,"publishedApplicationId":"ABCDEF0123456789abcdef01"}'
}

valid_response_keeps_every_digit() {
    check applivery.createOtpUser response 200 <<<"{\"status\":true,\"data\":[${OTP_USER/\"allowedDownloadsNum\":0/\"allowedDownloadsNum\":9007199254740991}]}"
    expect_status 0
    grep -qF '"allowedDownloadsNum":9007199254740991,' "$tmp/out" || fail "digits not kept"
    expect_empty_stderr
}

valid_requests_of_every_api() {
    check applivery.createOemUser request <<<'{"email":"user@example.com","tags":["string"]}'
    expect_status 0
    expect_stdout '{"email":"user@example.com","tags":["string"]}'

    check ownli.createUser request <<<'{"firstName":"Jane","lastName":"Doe","phone":"+15556667777","address":{"state":"CO","country":"US"}}'
    expect_status 0
    expect_stdout '{"firstName":"Jane","lastName":"Doe","phone":"+15556667777","address":{"state":"CO","country":"US"}}'

    # the wire form keeps the password (only the debug helper masks it)
    check shop.createAccountUser request <<<'{"phone":"1","password":"s3cret","full_name":"Jane"}'
    expect_status 0
    expect_stdout '{"full_name":"Jane","password":"s3cret","phone":"1"}'

    check shop.createAccountUser response 200 <<<'{"blocked_at":null,"created_at":"2020-02-29T00:00:00Z","total_shop":-9007199254740991}'
    expect_status 0
    expect_stdout '{"blocked_at":null,"created_at":"2020-02-29T00:00:00Z","total_shop":-9007199254740991}'
}

invalid_request_exits_1_with_one_path_per_line() {
    check applivery.createOtpUser request <<<'{"email":1,"allowedDownloadsNum":9223372036854775808,"publishedApplicationId":7}'
    expect_status 1
    expect_empty_stdout
    expect_every_stderr_line_starts_with_a_path
    expect_stderr_lines 2
    expect_stderr_line '$.allowedDownloadsNum: integer: '
    expect_stderr_line '$.publishedApplicationId: type: '

    check applivery.createOtpUser request <<<'{"email":1,"allowedDownloadsNum":0,"publishedApplicationId":"0123456789abcdef0123456"}'
    expect_status 1
    expect_stderr_lines 1
    expect_stderr_line '$.publishedApplicationId: pattern: '

    check ownli.createUser request <<<'{"firstName":"J","lastName":"D","phone":"5556667777","address":{"state":"CO","country":"CA"}}'
    expect_status 1
    expect_every_stderr_line_starts_with_a_path
    expect_stderr_lines 2
    expect_stderr_line '$.phone: format: '
    expect_stderr_line '$.address.country: const: '
}

invalid_response_names_array_indexes_and_nested_paths() {
    local no_email=${OTP_USER/\"email\":\"user@example.com\",/}
    check applivery.createOtpUser response 200 <<<"{\"status\":1,\"data\":[$OTP_USER,$no_email,$OTP_USER]}"
    expect_status 1
    expect_empty_stdout
    expect_every_stderr_line_starts_with_a_path
    expect_stderr_lines 2
    expect_stderr_line '$.status: type: '
    expect_stderr_line '$.data[1].email: required: '

    local bad_email=${OTP_USER/user@example.com/.user@example.com}
    check applivery.createOtpUser response 200 <<<"{\"status\":true,\"data\":[$OTP_USER,$OTP_USER,$bad_email]}"
    expect_status 1
    expect_stderr_lines 2
    expect_stderr_line '$.data[2].email: pattern: '
    expect_stderr_line '$.data[2].email: format: '

    check applivery.createOemUser response 200 <<<'{"status":true,"data":{"collaborator":{"organization":"o","role":"r","tags":["a",2],"detected":[],"createdBy":"c","updatedAt":"u","createdAt":"c"}}}'
    expect_status 1
    expect_every_stderr_line_starts_with_a_path
    expect_stderr_lines 3
    expect_stderr_line '$.data.collaborator.id: required: '
    expect_stderr_line '$.data.collaborator.tags[1]: type: '
    expect_stderr_line '$.data.collaborator.detected: type: '

    check shop.createAccountUser response 200 <<<'{"created_at":"2019-02-30T00:00:00Z","email":null,"updated_at":"2020-02-29"}'
    expect_status 1
    expect_stderr_lines 2
    expect_stderr_line '$.created_at: format: '
    expect_stderr_line '$.updated_at: format: '
}

# BUG (tools/apigen-check.c): check() runs apigen_model_from_json, then apigen_model_validate
# only when reading succeeded, so a body with a wrong type or a missing member hides its
# constraint violations (pattern, format, const, bounds); apigen_model_parse reports them all.
every_violation_is_reported_at_once() {
    check applivery.createOtpUser request <<<'{"email":1,"allowedDownloadsNum":9223372036854775808,"publishedApplicationId":"0123456789abcdef0123456"}'
    expect_status 1
    expect_stderr_lines 2
    expect_stderr_line '$.allowedDownloadsNum: integer: '
    expect_stderr_line '$.publishedApplicationId: pattern: '

    check ownli.createUser request <<<'{"firstName":"J","phone":"5556667777","address":{"state":"XX","country":"CA"}}'
    expect_status 1
    expect_every_stderr_line_starts_with_a_path
    expect_stderr_lines 4
    expect_stderr_line '$.lastName: required: '
    expect_stderr_line '$.phone: format: '
    expect_stderr_line '$.address.state: enum: '
    expect_stderr_line '$.address.country: const: '
}

# A value or name with a newline, ESC or a C1 control must not start a line of its own, nor
# reach the terminal raw: stderr stays one line per violation whatever the body holds.
hostile_text_cannot_forge_a_violation_line() {
    check ownli.createUser request <<<'{"firstName":"J","lastName":"D","phone":"+15556667777","address":{"state":"X\n$.admin: ok: \u001b[2J\u009b31m\u007f","country":"US"}}'
    expect_status 1
    expect_every_stderr_line_starts_with_a_path
    expect_stderr_lines 1
    expect_stderr_line '$.address.state: enum: '
    if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$tmp/err"; then
        fail "a control character reached standard error"
    fi
}

body_that_is_not_an_object_is_a_violation_at_the_root() {
    check shop.createAccountUser request <<<'[]'
    expect_status 1
    expect_stderr_line '$: type: '
}

malformed_json_exits_2() {
    local body
    for body in '{"email":' '' '{"a":1,}' "{'a':1}" 'nul'; do
        check applivery.createOtpUser request <<<"$body"
        expect_status 2
        expect_empty_stdout
        grep -q 'malformed JSON' "$tmp/err" || fail "no 'malformed JSON' for: $body"
    done
}

# BUG (tools/apigen-check.c): the body is parsed with cJSON_ParseWithLengthOpts without
# checking what follows the value, so "{...} trailing" passes as valid JSON (exit 0).
text_after_the_json_value_exits_2() {
    check shop.createAccountUser request <<<'{"full_name":"a","password":"p","phone":"1"} trailing'
    expect_status 2
    expect_empty_stdout
    check shop.createAccountUser request <<<'{"full_name":"a","password":"p","phone":"1"}{}'
    expect_status 2
}

# BUG (tools/apigen-check.c): it reads with cJSON directly, not apigen_model_parse, so
# "\u0000" cuts the string and the cut value is checked and printed (exit 0, value changed).
escaped_nul_is_not_silently_cut() {
    check applivery.createOtpUser request <<<"{\"email\":1,\"allowedDownloadsNum\":0,\"publishedApplicationId\":\"$HEX24\\u0000<x>\"}"
    [ "$status" -eq 1 ] || [ "$status" -eq 2 ] || fail "exit status $status, expected 1 or 2"
    expect_empty_stdout
}

# BUG (runtime, apigen_model_parse): RFC 8259 forbids raw control characters inside strings,
# but cJSON takes them, so such a body passes (exit 0); a raw NUL byte even cuts the value.
raw_control_character_in_a_string_exits_2() {
    check shop.createAccountUser request <<<$'{"full_name":"a\tb","password":"p","phone":"1"}'
    expect_status 2
    expect_empty_stdout
    printf '{"full_name":"a","password":"p","phone":"1\0<x>"}' >"$tmp/in"
    check shop.createAccountUser request <"$tmp/in"
    expect_status 2
    expect_empty_stdout
}

unknown_operation_exits_2() {
    local op
    for op in nope.op applivery.createotpuser applivery createOtpUser shop.CreateAccountUser; do
        check "$op" request <<<'{}'
        expect_status 2
        expect_empty_stdout
        grep -q "unknown operation '$op'" "$tmp/err" || fail "no 'unknown operation' for $op"
    done
}

undocumented_status_exits_2() {
    local args
    for args in "applivery.createOtpUser response 401" "applivery.createOtpUser response 201" \
        "shop.createAccountUser response 404" "shop.createAccountUser response 500" \
        "ownli.createUser response 404"; do
        # shellcheck disable=SC2086
        check $args <<<'{}'
        expect_status 2
        expect_empty_stdout
        grep -q 'documents no response with status' "$tmp/err" || fail "no diagnostic for: $args"
    done
}

# STATUS is a status code, exactly three digits 100..599 (RFC 9110 section 15), never a
# documented range or default, and no number strtol would stretch to (+200, " 200", 0200).
status_that_is_no_status_code_exits_2() {
    local code
    for code in 200x abc -200 99200 +200 ' 200' 0200 2XX default 99 600 ''; do
        check applivery.createOtpUser response "$code" <<<'{}'
        expect_status 2
        expect_empty_stdout
        grep -qF "STATUS is the response's status code, three digits 100..599 (a documented 2XX or default is chosen from it), not '$code'" "$tmp/err" ||
            fail "no STATUS diagnostic for '$code'"
    done
}

documented_status_without_a_body_exits_2() {
    check ownli.createUser response 401 <<<'{}'
    expect_status 2
    grep -q 'documents no body for status 401' "$tmp/err" || fail "no 'no body' diagnostic"
}

usage_errors_exit_2() {
    check </dev/null
    expect_status 2
    grep -q '^usage:' "$tmp/err" || fail "no usage on standard error"
    check applivery.createOtpUser <<<'{}'
    expect_status 2
    check applivery.createOtpUser request extra <<<'{}'
    expect_status 2
    check applivery.createOtpUser response <<<'{}'
    expect_status 2
    check applivery.createOtpUser reply 200 <<<'{}'
    expect_status 2
}

# The documents' own error examples, checked against their responses.
documented_error_responses_are_valid() {
    local doc='{"status":false,"error":{"code":3001,"message":"Entity not found"}}'
    check applivery.createOtpUser response 404 <<<"$doc"
    expect_status 0
    expect_stdout "$doc"
    expect_empty_stderr

    doc='{"status":false,"error":{"code":6001,"message":"Database Validation Error"}}'
    check applivery.createOtpUser response 400 <<<"$doc"
    expect_status 0
    expect_stdout "$doc"

    doc='{"status":false,"error":{"code":4009,"message":"The operation can not be completed at this time. If you already registered an account with this email address, try to log-in"}}'
    check applivery.createOemUser response 403 <<<"$doc"
    expect_status 0
    expect_stdout "$doc"

    doc='{"error_code":"ERROR_USER_ALREADY_EXISTS","error_message":"string"}'
    check ownli.createUser response 409 <<<"$doc"
    expect_status 0
    expect_stdout "$doc"

    check applivery.createOtpUser response 404 <<<'{"status":false,"error":{"code":"3001"}}'
    expect_status 1
    expect_stderr_line '$.error.code: type: '
}

run_test list_shows_every_operation
run_test help_is_usage_on_stdout
run_test valid_request_prints_canonical_json_with_exact_integers
run_test valid_response_keeps_every_digit
run_test valid_requests_of_every_api
run_test invalid_request_exits_1_with_one_path_per_line
run_test invalid_response_names_array_indexes_and_nested_paths
run_test every_violation_is_reported_at_once
run_test hostile_text_cannot_forge_a_violation_line
run_test body_that_is_not_an_object_is_a_violation_at_the_root
run_test malformed_json_exits_2
run_test text_after_the_json_value_exits_2
run_test escaped_nul_is_not_silently_cut
run_test raw_control_character_in_a_string_exits_2
run_test unknown_operation_exits_2
run_test undocumented_status_exits_2
run_test status_that_is_no_status_code_exits_2
run_test documented_status_without_a_body_exits_2
run_test usage_errors_exit_2
run_test documented_error_responses_are_valid

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
