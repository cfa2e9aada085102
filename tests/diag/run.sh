#!/usr/bin/env bash
# Runs `apigen generate` on every bad spec in cases/ and compares its standard error with
# cases/<name>.expected byte for byte; the exit status must be 1 and nothing written.
# usage: run.sh APIGEN   (run from tests/diag, so diagnostics name cases/<name>.yaml)
set -u
apigen=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
for spec in cases/*.yaml; do
  name=${spec%.yaml}
  "$apigen" generate -o "$out/gen" "$spec" 2>"$out/stderr" >/dev/null
  status=$?
  if [ "$status" -ne 1 ]; then
    echo "FAIL $spec: exit status $status, expected 1"
    failed=$((failed + 1))
  elif ! diff -u "$name.expected" "$out/stderr"; then
    echo "FAIL $spec: diagnostics differ (see diff above)"
    failed=$((failed + 1))
  elif [ -e "$out/gen" ]; then
    echo "FAIL $spec: files were written despite errors"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  rm -rf "$out/gen"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
