#!/usr/bin/env bash
# check_cli_same.sh: every case of check_cli.sh (the command-line cases the repository holds for
# apigen-check) run through both `apigen check SPEC ...` and the compiled apigen-check: this
# script stands in for apigen-check, runs both on the same arguments and standard input, and
# fails the case (exit 99, which no case expects) when their exit statuses, standard outputs or
# standard errors differ (a diagnostic's program name aside, as in check_same.mjs). Arguments
# that name no operation of specs/ (--list, --help, usage errors, unknown operations: their texts
# name the program's own usage) go to apigen-check alone.
#
#   tests/generated/check_cli_same.sh APIGEN APIGEN_CHECK SPECS_DIR
set -u

if [ "${CHECK_CLI_SAME_WRAP:-}" != 1 ]; then
    SAME_APIGEN=${1:?usage: check_cli_same.sh APIGEN APIGEN_CHECK SPECS_DIR}
    SAME_COMPILED=${2:?usage: check_cli_same.sh APIGEN APIGEN_CHECK SPECS_DIR}
    SAME_SPECS=${3:?usage: check_cli_same.sh APIGEN APIGEN_CHECK SPECS_DIR}
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    export CHECK_CLI_SAME_WRAP=1 SAME_APIGEN SAME_COMPILED SAME_SPECS CHECK_CLI_SAME_LOG="$tmp/log"
    : >"$tmp/log"
    "$(dirname "$0")/check_cli.sh" "$0"
    status=$?
    compared=$(grep -c '^same ' "$tmp/log")
    disagreed=$(grep -c '^differ ' "$tmp/log")
    grep '^differ ' "$tmp/log" >&2
    echo "$compared cases compared, $disagreed disagreement(s)"
    [ "$status" -eq 0 ] && [ "$disagreed" -eq 0 ] && [ "$compared" -gt 0 ]
    exit
fi

# As apigen-check: "$@" are its arguments.
api=${1:-}
api=${api%%.*}
spec="$SAME_SPECS/$api.yaml"
shaped=0
{ [ $# -eq 2 ] && [ "$2" = request ]; } || { [ $# -eq 3 ] && [ "$2" = response ]; } && shaped=1
if [ "$shaped" -eq 0 ] || [ "$api" = "${1:-}" ] || [ ! -f "$spec" ]; then
    exec "$SAME_COMPILED" "$@"
fi
case_dir=$(mktemp -d)
trap 'rm -rf "$case_dir"' EXIT
cat >"$case_dir/in"
"$SAME_COMPILED" "$@" <"$case_dir/in" >"$case_dir/out.b" 2>"$case_dir/err.b"
b=$?
if grep -q "^apigen-check: unknown operation" "$case_dir/err.b"; then # the hint differs
    cat "$case_dir/err.b" >&2
    exit "$b"
fi
"$SAME_APIGEN" check "$spec" "$@" <"$case_dir/in" >"$case_dir/out.a" 2>"$case_dir/err.a"
a=$?
sed -i 's/^apigen check: /apigen-check: /' "$case_dir/err.a"
if [ "$a" -eq "$b" ] && cmp -s "$case_dir/out.a" "$case_dir/out.b" &&
    cmp -s "$case_dir/err.a" "$case_dir/err.b"; then
    echo "same $*" >>"$CHECK_CLI_SAME_LOG"
else
    echo "differ $* (exit $a vs $b)" >>"$CHECK_CLI_SAME_LOG"
    echo "check_cli_same: apigen check $spec $* disagrees with apigen-check" >&2
    exit 99
fi
cat "$case_dir/out.b"
cat "$case_dir/err.b" >&2
exit "$b"
