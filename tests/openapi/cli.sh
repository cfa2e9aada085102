#!/usr/bin/env bash
# `apigen export openapi` on the command line: usage errors exit 2, spec errors exit 1 with the
# diagnostics `generate` prints for the same spec, and neither writes or touches FILE; a good
# run exits 0 with an OpenAPI 3.1 document.
# usage: cli.sh APIGEN   (run from the source tree: specs/ and tests/diag/cases/ are read)
set -u
apigen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
# expect NAME STATUS STDERR_PATTERN ARGS...: exit status STATUS, standard error matching the
# extended regex (empty: no output), and $out/doc.json as it was before (absent, or the file "old").
expect() {
  local name=$1 status=$2 pattern=$3 before
  shift 3
  before=$(cat "$out/doc.json" 2>/dev/null || echo absent)
  "$apigen" "$@" >"$out/stdout" 2>"$out/stderr"
  local got=$?
  local after
  after=$(cat "$out/doc.json" 2>/dev/null || echo absent)
  if [ "$got" -ne "$status" ]; then
    echo "FAIL $name: exit status $got, expected $status"; cat "$out/stderr"; failed=$((failed + 1))
  elif { [ -z "$pattern" ] && [ -s "$out/stderr" ]; } ||
    { [ -n "$pattern" ] && ! grep -qE "$pattern" "$out/stderr"; }; then
    echo "FAIL $name: standard error does not match /$pattern/:"; cat "$out/stderr"
    failed=$((failed + 1))
  elif [ "$status" -ne 0 ] && [ "$before" != "$after" ]; then
    echo "FAIL $name: $out/doc.json changed despite the failure"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}
doc=$out/doc.json
expect no-format 2 "^apigen: export needs a format: openapi$" export
expect unknown-format 2 "unknown format 'yaml' \(openapi\)" export yaml -o "$doc" specs/shop.yaml
expect missing-o 2 "needs -o FILE and at least one SPEC" export openapi specs/shop.yaml
expect missing-spec 2 "needs -o FILE and at least one SPEC" export openapi -o "$doc"
expect unknown-flag 2 "unknown option '--bogus'" export openapi -o "$doc" --bogus specs/shop.yaml
expect missing-file 2 "no-such.yaml" export openapi -o "$doc" specs/no-such.yaml
echo old >"$doc"
expect output-is-dir 2 "error" export openapi -o "$out" specs/shop.yaml
# a spec error: exit 1, generate's diagnostics, the old file stays
(cd tests/diag && "$apigen" generate -o "$out/gen" cases/min_gt_max.yaml 2>"$out/generate.stderr")
expect spec-error 1 "minimum 10 is greater than maximum 1" export openapi -o "$doc" tests/diag/cases/min_gt_max.yaml
if ! diff <(sed 's|tests/diag/||' "$out/stderr") "$out/generate.stderr"; then
  echo "FAIL spec-error: diagnostics differ from generate's"; failed=$((failed + 1))
fi
expect same-api-twice 1 "api name 'shop' is also the name of specs/shop.yaml" \
  export openapi -o "$doc" specs/shop.yaml specs/shop.yaml
sed 's/^  name: shop$/  name: shop2/' specs/shop.yaml >"$out/shop2.yaml"
expect same-path 1 "path '/Shop/CreateAccountUser' is also a path of api 'shop'" \
  export openapi -o "$doc" specs/shop.yaml "$out/shop2.yaml"
rm -f "$doc"
expect spec-error-no-file 1 "apigen: 3 errors" export openapi -o "$doc" tests/diag/cases/min_gt_max.yaml
[ -e "$doc" ] && { echo "FAIL spec-error-no-file: $doc was written"; failed=$((failed + 1)); }
# success
expect ok 0 "" export openapi -o "$doc" specs/applivery.yaml specs/ownli.yaml specs/shop.yaml
if ! grep -q '^  "openapi": "3.1.0",$' "$doc"; then
  echo "FAIL ok: $doc is not an OpenAPI 3.1 document"; failed=$((failed + 1))
fi
# what only extensions and security carry, spot-checked (schemas and examples: differential_openapi)
for want in '"code": 6001,' '"message": "Database Validation Error"' '"code": "ERROR_USER_ALREADY_EXISTS"' \
  '"x-apigen-permission": "mad.store.otpUsers.create"' '"applivery_bearer": []' '"scheme": "bearer"' \
  '"format": "password",' '"x-apigen-sensitive": true' '"writeOnly": true' \
  '"x-apigen-prefix": "ownli"' '"url": "https://api.applivery.io"' '"operationId": "ownli.createUser"' '"format": "int64"' \
  '"pattern": "^\\+[1-9][0-9]{1,14}$"'; do
  if ! grep -qF -- "$want" "$doc"; then
    echo "FAIL ok: $doc lacks $want"; failed=$((failed + 1))
  fi
done
if [ "$(grep -c '"x-apigen-error-codes"' "$doc")" -ne 9 ]; then
  echo "FAIL ok: not every response's error_codes in $doc"; failed=$((failed + 1))
fi
# auth in OpenAPI's spelling: an apiKey in the query string keeps its place and name
expect auth 0 "" export openapi -o "$out/auth.json" tests/openapi/auth_spellings.yaml
for scheme in '"auth_spellings_queryKey":{"type":"apiKey","in":"query","name":"api_key",' \
  '"auth_spellings_jwt":{"type":"http","scheme":"bearer","bearerFormat":"JWT",' \
  '"auth_spellings_legacyKey":{"type":"apiKey","in":"header","name":"X-Legacy-Key",'; do
  got=$(grep -A3 -F "${scheme%%:*}: {" "$out/auth.json" | tr -d ' \n\t')
  if [ "$got" != "$scheme" ]; then
    echo "FAIL auth: expected $scheme, got $got"; failed=$((failed + 1))
  fi
done
# query parameter styles (behaviour.yaml's searchItems): style and explode where not the default
expect styles 0 "note: format .uri-template. is not checked" export openapi -o "$out/styles.json" tests/behaviour/behaviour.yaml
got=$(tr -d ' \n\t' <"$out/styles.json" | grep -oE '"name":"(ids|tags|words|pipes|filter)","in":"query","required":false(,"style":"[a-zA-Z]+","explode":(true|false))?' | tr '\n' ' ')
want='"name":"ids","in":"query","required":false "name":"tags","in":"query","required":false,"style":"form","explode":false "name":"words","in":"query","required":false,"style":"spaceDelimited","explode":false "name":"pipes","in":"query","required":false,"style":"pipeDelimited","explode":false "name":"filter","in":"query","required":false,"style":"deepObject","explode":true '
if [ "$got" != "$want" ]; then
  echo "FAIL styles: expected $want, got $got"; failed=$((failed + 1))
fi
if ! "$apigen" --help | grep -q "apigen export openapi -o FILE SPEC..."; then
  echo "FAIL help: --help does not show export"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
