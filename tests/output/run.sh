#!/usr/bin/env bash
# Output files are safe and all-or-nothing, through `apigen generate` itself:
#  - a run that fails part-way (the disk full for the largest output, a template error in one
#    of the four) leaves every old output of the spec byte-identical and no temporary behind;
#  - a symlink planted at the temporary name apigen used to use ("<out>.tmp<PID>") is never
#    written through;
#  - a successful run replaces what changed and does not touch what did not;
#  - the runtime (OUTDIR/runtime/) is part of the same all-or-nothing commit;
#  - past a file size limit (ulimit -f) apigen reports EFBIG, it is not killed by SIGXFSZ;
#  - a FIFO at an output name is replaced, not opened (which blocked for ever);
#  - two runs into one OUTDIR at once leave one run's complete set, never a mix;
#  - SIGTERM during a run leaves no temporary and no mixed set;
#  - a file earlier versions wrote and this one does not (an APIGEN_RUNTIME_RETIRED row of
#    generator/outputs.def: runtime/apigen_rt.c) is removed by a successful run, in the same
#    commit: a failed run keeps it, a symlink there goes as a name (never its target).
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
# Every output of the spec, as the run wrote them (the rows of generator/outputs.def).
(cd "$dir" && sha256sum -- *) >"$work/old.sum"
n_outputs=$(wc -l <"$work/old.sum")
[ "$n_outputs" -ge 4 ] || { echo "only $n_outputs outputs of shop.yaml"; exit 1; }
# The same spec with another title: .c, .h and .schema.json change, .examples.json does not.
sed 's/^  title: .*/  title: Changed Shop/' "$specs/shop.yaml" >"$work/shop.yaml"
grep -q 'title: Changed Shop' "$work/shop.yaml" || { echo "cannot change the spec"; exit 1; }

unchanged() { # $1: what happened
  if (cd "$dir" && sha256sum --quiet -c "$work/old.sum"); then ok; else bad "$1: an old output changed"; fi
  local n
  n=$(ls -A "$dir" | wc -l)
  if [ "$n" -eq "$n_outputs" ]; then ok; else bad "$1: $n files in the output folder (temporaries?): $(ls -A "$dir")"; fi
}

# 1. Disk full: shop.c (6 KB) cannot be written past 5 KB; the others fit.
size_c=$(stat -c %s "$dir/shop.c")
[ "$size_c" -gt 5120 ] || { echo "shop.c is too small for this test"; exit 1; }
#    No `trap '' XFSZ` here: apigen itself must not die of SIGXFSZ (exit 153, temporaries left).
(ulimit -f 5; exec "$apigen" generate -o "$out" "$work/shop.yaml") 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q 'shop.c: error: cannot write: File too large' "$work/err"; then ok
else bad "disk full: exit $status, $(cat "$work/err")"; fi
unchanged "disk full"

# 2. A template error in api.h.mustache after api.c rendered fine; the templates' runtime is a
#    new one: it must not land beside the old API files either.
(cd "$out/runtime" && sha256sum -- *) >"$work/rt.sum"
n_runtime=$(wc -l <"$work/rt.sum")
runtime_unchanged() { # $1: what happened
  if (cd "$out/runtime" && sha256sum --quiet -c "$work/rt.sum") && [ "$(ls -A "$out/runtime" | wc -l)" -eq "$n_runtime" ]
  then ok; else bad "$1: the runtime changed: $(ls -A "$out/runtime")"; fi
}
cp -r "$templates" "$work/templates"
printf '/* a newer runtime */\n' >>"$work/templates/runtime/apigen_rt.h"
printf '{{#unclosed}}\n' >>"$work/templates/api.h.mustache"
"$apigen" generate -o "$out" --templates "$work/templates" "$work/shop.yaml" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -q 'api.h.mustache' "$work/err"; then ok
else bad "template error: exit $status, $(cat "$work/err")"; fi
unchanged "template error"
runtime_unchanged "template error"
cp "$templates/api.h.mustache" "$work/templates/api.h.mustache" # the new runtime stays

# 3. An output that cannot be replaced (a directory where shop.h goes): found while the files
#    are put in place, after the others were ready; none is replaced.
mv "$dir/shop.h" "$work/shop.h"
mkdir "$dir/shop.h"
"$apigen" generate -o "$out" --templates "$work/templates" "$work/shop.yaml" 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q 'shop.h: error: cannot' "$work/err"; then ok
else bad "directory in the way: exit $status, $(cat "$work/err")"; fi
rmdir "$dir/shop.h" && mv "$work/shop.h" "$dir/shop.h"
unchanged "directory in the way"
runtime_unchanged "directory in the way"

# 3b. A FIFO at an output name: not opened (that blocked for ever) and not replaced (a rename
#     over a device or FIFO replaces the node: /dev/null, as root): the run fails naming it,
#     nothing written. A symlink to a FIFO: replaced by the new file like any output that
#     differs; the FIFO it names is not touched.
mv "$dir/shop.h" "$work/shop.h"
mkfifo "$dir/shop.h"
timeout 20 "$apigen" generate -o "$out" "$specs/shop.yaml" 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && [ -p "$dir/shop.h" ] && grep -q 'shop.h: error: is a device, FIFO or socket' "$work/err"
then ok; else bad "fifo at shop.h: exit $status, $(ls -l "$dir/shop.h") $(cat "$work/err")"; fi
rm -f "$dir/shop.h" && cp "$work/shop.h" "$dir/shop.h"
unchanged "fifo at shop.h"
mv "$dir/shop.h" "$work/shop.h"
rm -f "$work/fifo"; mkfifo "$work/fifo"; ln -s "$work/fifo" "$dir/shop.h"
timeout 20 "$apigen" generate -o "$out" "$specs/shop.yaml" 2>"$work/err"
status=$?
if [ "$status" -eq 0 ] && [ -f "$dir/shop.h" ] && [ ! -L "$dir/shop.h" ] && cmp -s "$dir/shop.h" "$work/shop.h"
then ok; else bad "symlink at shop.h: exit $status, $(ls -l "$dir/shop.h") $(cat "$work/err")"
  [ -f "$dir/shop.h" ] && [ ! -L "$dir/shop.h" ] || { rm -f "$dir/shop.h"; cp "$work/shop.h" "$dir/shop.h"; }; fi
unchanged "symlink at shop.h"
[ -p "$work/fifo" ] && ok || bad "the FIFO a symlink named was touched"

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
if [ "$n" -eq "$n_outputs" ]; then ok; else bad "success: $n files: $(ls -A "$dir")"; fi

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

# 7. Two runs into one OUTDIR at once (make -j, two CI jobs): every final set is one run's,
#    the .h, .c and .schema.json of the same spec (the lock: OUTDIR/.apigen.lock). Two specs of
#    one api, big enough (~1 MB of output) that their renames used to interleave.
big_spec() { # $1: file, $2: property name prefix
  { printf 'apigen: 1\napi: {name: big, title: Big}\nschemas:\n  T:\n    type: object\n    properties:\n'
    for i in $(seq 0 2999); do printf '      %s%d: {type: string}\n' "$2" "$i"; done
    printf 'operations:\n  op:\n    method: POST\n    path: /x\n    request: {schema: {$ref: T}}\n'
    printf '    responses: {"200": {description: ok, schema: {$ref: T}}}\n'; } >"$1"
}
mkdir -p "$work/a" "$work/b"
big_spec "$work/a/big.yaml" alpha
big_spec "$work/b/big.yaml" beta
one_set() { # $1: folder; prints a, b, or mixed
  local bd=$1/big h c s
  h=$(grep -c 'alpha0' "$bd/big.h"); c=$(grep -c 'alpha0' "$bd/big.c"); s=$(grep -c 'alpha0' "$bd/big.schema.json")
  if [ "$h" -gt 0 ] && [ "$c" -gt 0 ] && [ "$s" -gt 0 ]; then echo a
  elif [ "$h" -eq 0 ] && [ "$c" -eq 0 ] && [ "$s" -eq 0 ] && grep -q beta0 "$bd/big.h"; then echo b
  else echo mixed; fi
}
cc=$work/concurrent
mixed=0 rounds=0 end=$((SECONDS + 6))
while [ $rounds -lt 100 ] && [ $SECONDS -lt $end ]; do
  "$apigen" generate -o "$cc" "$work/a/big.yaml" 2>>"$work/err.a" &
  "$apigen" generate -o "$cc" "$work/b/big.yaml" 2>>"$work/err.b"
  status=$?
  wait $! || status=$?
  [ "$status" -eq 0 ] || bad "concurrent round $rounds: exit $status"
  [ "$(one_set "$cc")" = mixed ] && mixed=$((mixed + 1))
  rounds=$((rounds + 1))
done
if [ $mixed -eq 0 ]; then ok; else bad "concurrent runs: mixed output sets in $mixed of $rounds rounds"; fi
leftover=$(ls -A "$cc" "$cc/big" | grep -c -e '\.tmp' -e '\.apigen\.lock')
if [ "$leftover" -eq 0 ]; then ok; else bad "concurrent runs left: $(ls -A "$cc" "$cc/big")"; fi
echo "concurrent: $rounds rounds, $mixed mixed"

# 8. SIGTERM at any moment of a run: no temporary is left, the set is one run's, and apigen
#    dies of the signal (or had finished).
st=$work/term
"$apigen" generate -o "$st" "$work/a/big.yaml" || bad "cannot generate big.yaml"
killed=0
for delay in 0.01 0.02 0.03 0.04 0.05 0.06 0.07 0.08 0.09 0.1 0.12 0.15 0.2; do
  from=$(one_set "$st")
  if [ "$from" = a ]; then next=$work/b/big.yaml; else next=$work/a/big.yaml; fi
  "$apigen" generate -o "$st" "$next" 2>"$work/err" &
  pid=$!
  sleep $delay
  kill -TERM $pid 2>/dev/null
  wait $pid
  status=$?
  [ "$status" -eq 143 ] && killed=$((killed + 1))
  if [ "$status" -eq 0 ] || [ "$status" -eq 143 ]; then ok; else bad "SIGTERM after ${delay}s: exit $status, $(cat "$work/err")"; fi
  left=$(find "$st" -name '*.tmp*' -o -name .apigen.lock | wc -l)
  if [ "$left" -eq 0 ]; then ok; else bad "SIGTERM after ${delay}s: left $(find "$st" -name '*.tmp*' -o -name .apigen.lock)"; fi
  if [ "$(one_set "$st")" != mixed ]; then ok; else bad "SIGTERM after ${delay}s: a mixed set"; fi
done
echo "SIGTERM: $killed of 13 runs stopped by the signal"

# 9. A retired output: runtime/apigen_rt.c, the runtime before its split (its every apigen_*
#    function defined again beside the new files: a `runtime/*.c` build fails to link).
fresh=$work/fresh rt=$work/retired old_rt=$rt/runtime/apigen_rt.c
"$apigen" generate -o "$fresh" "$specs/shop.yaml" || bad "cannot generate shop.yaml"
"$apigen" generate -o "$rt" "$specs/shop.yaml" || bad "cannot generate shop.yaml"
printf '/* the runtime of an earlier apigen */\nint apigen_old_runtime;\n' >"$work/apigen_rt.c"
cp "$work/apigen_rt.c" "$old_rt"
cp "$rt/shop/shop.h" "$work/rt-shop.h"
fails_with() { # $1: exit status, $2: a pattern stderr holds, $3: what; the rest: apigen's arguments
  local want=$1 pattern=$2 what=$3 status
  shift 3
  "$apigen" "$@" 2>"$work/err"
  status=$?
  if [ "$status" -eq "$want" ] && grep -q -- "$pattern" "$work/err"; then ok
  else bad "$what: exit $status, $(cat "$work/err")"; fi
}
kept() { # $1: what happened; the old file is there byte for byte, the outputs unchanged
  if [ -f "$old_rt" ] && [ ! -L "$old_rt" ] && cmp -s "$old_rt" "$work/apigen_rt.c"; then ok
  else bad "$1: runtime/apigen_rt.c was not kept: $(ls -lA "$rt/runtime")"; fi
  if cmp -s "$rt/shop/shop.h" "$work/rt-shop.h"; then ok; else bad "$1: shop.h was replaced"; fi
  if [ -z "$(find "$rt" -name '*.tmp*' -o -name .apigen.lock)" ]; then ok
  else bad "$1: left $(find "$rt" -name '*.tmp*' -o -name .apigen.lock)"; fi
}
#    A spec error in the run: nothing is written, nothing removed.
printf 'apigen: 1\napi: {name: bad}\nbogus: 1\n' >"$work/bad.yaml"
fails_with 1 "unknown key 'bogus'" "retired, spec error" generate -o "$rt" "$work/shop.yaml" "$work/bad.yaml"
kept "spec error"
#    A template error (found after the folder's lock is taken and the outputs compared).
rm -rf "$work/tbad" && cp -r "$templates" "$work/tbad"
printf '{{#unclosed}}\n' >>"$work/tbad/api.c.mustache"
fails_with 1 api.c.mustache "retired, template error" generate -o "$rt" --templates "$work/tbad" "$work/shop.yaml"
kept "template error"
#    The commit fails (a directory where shop.h goes): the removal is undone with the rest.
mv "$rt/shop/shop.h" "$work/rt-shop.h.moved" && mkdir "$rt/shop/shop.h"
fails_with 2 'shop.h: error: cannot' "retired, directory at shop.h" generate -o "$rt" "$work/shop.yaml"
rmdir "$rt/shop/shop.h" && mv "$work/rt-shop.h.moved" "$rt/shop/shop.h"
kept "directory at shop.h"
#    A directory at the retired name (not apigen's: it may hold the user's files): an error,
#    nothing replaced, nothing removed.
mv "$old_rt" "$work/apigen_rt.c.moved" && mkdir "$old_rt" && echo mine >"$old_rt/keep"
fails_with 2 'runtime/apigen_rt.c: error: cannot remove.*: Is a directory' "retired, a directory there" \
  generate -o "$rt" "$work/shop.yaml"
if [ "$(cat "$old_rt/keep" 2>/dev/null)" = mine ]; then ok; else bad "retired, a directory there: its file is gone"; fi
rm -r "$old_rt" && mv "$work/apigen_rt.c.moved" "$old_rt"
kept "a directory at apigen_rt.c"
#    Success: the old file is gone, quietly, and the folder is exactly a fresh one.
"$apigen" generate -o "$rt" "$specs/shop.yaml" 2>"$work/err"
status=$?
if [ "$status" -eq 0 ] && [ ! -s "$work/err" ]; then ok; else bad "retired: exit $status, $(cat "$work/err")"; fi
if [ ! -e "$old_rt" ] && [ ! -L "$old_rt" ]; then ok; else bad "retired: runtime/apigen_rt.c is still there"; fi
if diff -r "$fresh" "$rt" >"$work/diff"; then ok; else bad "retired: not a fresh output folder: $(cat "$work/diff")"; fi
#    A symlink at the retired name (to a file, to a folder, dangling): the name goes, the target
#    stays as it was.
mkdir -p "$work/elsewhere" && echo precious >"$work/elsewhere/target.c"
for target in "$work/elsewhere/target.c" "$work/elsewhere" "$work/elsewhere/none.c"; do
  ln -s "$target" "$old_rt"
  "$apigen" generate -o "$rt" "$specs/shop.yaml" 2>"$work/err"
  status=$?
  if [ "$status" -eq 0 ] && [ ! -e "$old_rt" ] && [ ! -L "$old_rt" ]; then ok
  else bad "retired, symlink to $target: exit $status, $(ls -l "$old_rt") $(cat "$work/err")"; rm -f "$old_rt"; fi
  if [ "$(cat "$work/elsewhere/target.c")" = precious ] && [ "$(ls -A "$work/elsewhere")" = target.c ]; then ok
  else bad "retired, symlink to $target: the target changed: $(ls -lA "$work/elsewhere")"; fi
done
if diff -r "$fresh" "$rt" >"$work/diff"; then ok; else bad "retired, symlinks: $(cat "$work/diff")"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
