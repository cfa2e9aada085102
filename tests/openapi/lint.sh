#!/usr/bin/env bash
# Lints OpenAPI documents `apigen export openapi` wrote with Redocly CLI (pinned in
# tests/schema/package-lock.json; offline, telemetry off) under redocly.yaml: DOC (all specs
# in one document) and each SPEC exported alone. Any error or warning fails.
# usage: lint.sh APIGEN NODE DOC SPEC...      exit 77 (skipped) without node or Redocly CLI
set -u
apigen=$1 node=$2 doc=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
cli=$here/../schema/node_modules/@redocly/cli/bin/cli.js
if [ -z "$node" ] || [ ! -x "$node" ]; then
  echo "skipped: node not found"; exit 77
fi
if [ ! -f "$cli" ]; then
  echo "skipped: Redocly CLI missing: run \`npm ci --prefix tests/schema\`"; exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
docs=("$doc")
for spec in "$@"; do
  one=$out/$(basename "${spec%.yaml}").openapi.json
  "$apigen" export openapi -o "$one" "$spec" || { echo "FAIL: export of $spec"; exit 1; }
  docs+=("$one")
done
failed=0
for d in "${docs[@]}"; do
  # from the document's folder: Redocly names it relative to the working directory
  (cd "$(dirname "$d")" && "$node" "$cli" lint --config "$here/redocly.yaml" --format stylish \
    "$(basename "$d")") >"$out/log" 2>&1
  status=$?
  grep -vE '^ *(║|╔|╚)|^\s*$' "$out/log" | grep -vF 'run `redocly lint --generate-ignore-file`'
  if [ "$status" -ne 0 ] || grep -qE '(error|warning)s?\.$|[0-9]+ warnings?' "$out/log"; then
    echo "FAIL: $(basename "$d"): Redocly reports problems (exit status $status)"
    failed=$((failed + 1))
  fi
done
echo "${#docs[@]} documents linted, $failed with problems"
[ "$failed" -eq 0 ]
