#!/usr/bin/env bash
# Output files are safe and all-or-nothing, through `apigen generate` itself:
#  - a run that fails part-way (the disk full for the largest output, a template error in one
#    of the four) leaves every old output of the spec byte-identical and no temporary behind;
#  - a symlink planted at the temporary name apigen used to use ("<out>.tmp<PID>") is never
#    written through;
#  - a successful run replaces what changed and does not touch what did not.
# usage: run.sh APIGEN SPECS_DIR TEMPLATES_DIR
set -u
apigen=$1 specs=$2 templates=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

out=$work/gen
"$apigen" generate -o "$out" "$specs/shop.yaml" || { echo "cannot generate"; exit 1; }
dir=$out/shop
(cd "$dir" && sha256sum shop.c shop.h shop.examples.json shop.schema.json) >"$work/old.sum"
# The same spec with another title: .c, .h and .schema.json change, .examples.json does not.
sed 's/^  title: .*/  title: Changed Shop/' "$specs/shop.yaml" >"$work/shop.yaml"
grep -q 'title: Changed Shop' "$work/shop.yaml" || { echo "cannot change the spec"; exit 1; }

unchanged() { # $1: what happened
  if (cd "$dir" && sha256sum --quiet -c "$work/old.sum"); then ok; else bad "$1: an old output changed"; fi
  local n
  n=$(ls -A "$dir" | wc -l)
  if [ "$n" -eq 4 ]; then ok; else bad "$1: $n files in the output folder (temporaries?): $(ls -A "$dir")"; fi
}

# 1. Disk full: shop.c (6 KB) cannot be written past 5 KB; the others fit.
size_c=$(stat -c %s "$dir/shop.c")
[ "$size_c" -gt 5120 ] || { echo "shop.c is too small for this test"; exit 1; }
(trap '' XFSZ; ulimit -f 5; exec "$apigen" generate -o "$out" "$work/shop.yaml") 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q 'shop.c: error: cannot write: File too large' "$work/err"; then ok
else bad "disk full: exit $status, $(cat "$work/err")"; fi
unchanged "disk full"

# 2. A template error in api.h.mustache after api.c rendered fine.
cp -r "$templates" "$work/templates"
printf '{{#unclosed}}\n' >>"$work/templates/api.h.mustache"
"$apigen" generate -o "$out" --templates "$work/templates" "$work/shop.yaml" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -q 'api.h.mustache' "$work/err"; then ok
else bad "template error: exit $status, $(cat "$work/err")"; fi
unchanged "template error"

# 3. An output that cannot be replaced (a directory where shop.h goes): found while the files
#    are put in place, after the others were ready; none is replaced.
mv "$dir/shop.h" "$work/shop.h"
mkdir "$dir/shop.h"
"$apigen" generate -o "$out" "$work/shop.yaml" 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q 'shop.h: error: cannot' "$work/err"; then ok
else bad "directory in the way: exit $status, $(cat "$work/err")"; fi
rmdir "$dir/shop.h" && mv "$work/shop.h" "$dir/shop.h"
unchanged "directory in the way"

# 4. A symlink at the old temporary name: the shell's PID is apigen's after exec.
for f in shop.c shop.h shop.schema.json; do # the outputs the changed spec changes
  echo precious >"$work/victim"
  "$apigen" generate -o "$out" "$specs/shop.yaml" # the old outputs: the new run changes them
  sh -c 'ln -s "$1" "$2.tmp$$" && exec "$3" generate -o "$4" "$5"' sh \
    "$work/victim" "$dir/$f" "$apigen" "$out" "$work/shop.yaml" 2>"$work/err" >/dev/null
  status=$?
  if [ "$(cat "$work/victim")" = precious ]; then ok; else bad "symlink $f: written through"; fi
  if [ "$status" -eq 0 ]; then ok; else bad "symlink $f: exit $status, $(cat "$work/err")"; fi
  find "$dir" -type l -delete
done
"$apigen" generate -o "$out" "$specs/shop.yaml"
unchanged "symlinks"

# 5. Success: what changed is replaced, what did not keeps its inode and time.
before=$(stat -c '%i %Y' "$dir/shop.examples.json")
sleep 1
"$apigen" generate -o "$out" "$work/shop.yaml"
if [ "$(stat -c '%i %Y' "$dir/shop.examples.json")" = "$before" ]; then ok
else bad "unchanged shop.examples.json was rewritten"; fi
if grep -q 'Changed Shop' "$dir/shop.h" && ! (cd "$dir" && sha256sum --quiet -c "$work/old.sum" >/dev/null 2>&1); then ok
else bad "changed outputs were not replaced"; fi
n=$(ls -A "$dir" | wc -l)
if [ "$n" -eq 4 ]; then ok; else bad "success: $n files: $(ls -A "$dir")"; fi

# 6. examples.json carries what the spec says: integers with their digits, explicit tags.
mkdir -p "$work/fid"
cat >"$work/fid/fidelity.yaml" <<'YAML'
apigen: 1
api: {name: fidelity}
operations:
  create:
    method: POST
    path: /items
    request:
      schema:
        type: object
        properties:
          v: {type: any}
      examples:
        doc: {v: [9223372036854775807, 12345678901234567890, -98765432109876543210, ! 12, !!int "12", !!str true, !!float 3, 0x1F, 0.1]}
    responses:
      "200": {description: ok}
YAML
if "$apigen" generate -o "$work/fid/out" "$work/fid/fidelity.yaml" 2>"$work/err"; then ok
else bad "fidelity spec: $(cat "$work/err")"; fi
want='[9223372036854775807,12345678901234567890,-98765432109876543210,"12",12,"true",3,31,0.1]'
if grep -qF "$want" "$work/fid/out/fidelity/fidelity.examples.json"; then ok
else bad "examples.json: $(cat "$work/fid/out/fidelity/fidelity.examples.json")"; fi
if command -v node >/dev/null; then # an independent JSON reader, digits kept as text
  if node -e 'const t = require("fs").readFileSync(process.argv[1], "utf8"); JSON.parse(t);
      const m = t.match(/"value": (.*)}\s*\]\s*$/s); if (!m) process.exit(1)' \
      "$work/fid/out/fidelity/fidelity.examples.json"; then ok
  else bad "examples.json is not JSON for node"; fi
else
  echo "note: node not found: examples.json not read by node (that one check is not counted)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
