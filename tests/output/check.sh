#!/usr/bin/env bash
# `apigen generate --check` against what a real run does:
#  - into an OUTDIR that does not exist: exit 1, every output listed as created, and nothing at
#    all written (no folder, no lock file, no temporary);
#  - on an OUTDIR made stale by hand (an output changed, one deleted, a retired runtime file
#    planted, extra files in a spec's folder): exit 1 and exactly the lines that the oracle
#    gives, which is a real `apigen generate` into a copy of the folder compared with `diff -rq`
#    (extra files, which a run leaves alone, listed as such); the folder is untouched (every
#    name, size and modification time as before);
#  - after the real run: exit 0 and nothing on stdout;
#  - a spec error: exit 1, diagnostics on stderr, nothing on stdout (how a caller tells a spec
#    error from stale outputs); a directory at an output's path: exit 2; an unknown option: 2.
# usage: check.sh APIGEN SPECS_DIR
set -u
apigen=$1 specs=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
cd "$work" || exit 1
# Every name below $1 with its type, size and modification time (nanoseconds).
snapshot() { find "$1" -printf '%p %y %s %T@\n' | LC_ALL=C sort; }

# 1. OUTDIR does not exist.
mkdir parent
"$apigen" generate --check -o parent/out/deeper "$specs/shop.yaml" "$specs/ownli.yaml" \
  >stdout 2>stderr
status=$?
[ "$status" -eq 1 ] && ok || bad "missing OUTDIR: exit $status, expected 1"
[ -z "$(ls -A parent)" ] && ok || bad "missing OUTDIR: something was written: $(ls -AR parent)"
"$apigen" generate -o real "$specs/shop.yaml" "$specs/ownli.yaml" 2>/dev/null
(cd real && find . -type f | sed 's|^\./|created: parent/out/deeper/|' | LC_ALL=C sort) >want
LC_ALL=C sort stdout | diff -u want - >/dev/null && ok ||
  bad "missing OUTDIR: the lines are not one 'created:' per file a run writes: $(diff want stdout)"

# 2. Current: exit 0, nothing on stdout, nothing touched (no lock file left or made).
snapshot real >before
"$apigen" generate --check -o real "$specs/shop.yaml" "$specs/ownli.yaml" >stdout 2>/dev/null
status=$?
[ "$status" -eq 0 ] && [ ! -s stdout ] && ok || bad "current: exit $status, stdout: $(cat stdout)"
snapshot real | diff -u before - >/dev/null && ok || bad "current: the folder changed"

# 3. Stale in every way a run fixes, plus extra files a run leaves alone.
echo '/* edited */' >>real/shop/shop.c
rm real/ownli/ownli.h
: >real/runtime/apigen_rt.c # a retired runtime file (generator/outputs.def)
sed -i 's/a/b/' real/runtime/apigen_rt_core.c
: >real/shop/old_shop.c
mkdir real/shop/leftover real/unrelated # unrelated: no spec of the run owns it, not looked at
snapshot real >before
"$apigen" generate --check -o real "$specs/shop.yaml" "$specs/ownli.yaml" >stdout 2>/dev/null
status=$?
[ "$status" -eq 1 ] && ok || bad "stale: exit $status, expected 1"
snapshot real | diff -u before - >/dev/null && ok || bad "stale: --check changed the folder"
# The oracle: what a real run does to a copy.
cp -a real copy
"$apigen" generate -o copy "$specs/shop.yaml" "$specs/ownli.yaml" 2>/dev/null
{
  diff -rq real copy | sed -n \
    -e "s|^Files real/\(.*\) and copy/.* differ$|changed: real/\1|p" \
    -e "s|^Only in copy/\(.*\): \(.*\)$|created: real/\1/\2|p" \
    -e "s|^Only in real/\(.*\): \(.*\)$|removed: real/\1/\2|p"
} | LC_ALL=C sort >want
grep -v '^extra: ' stdout | LC_ALL=C sort | diff -u want - >/dev/null && ok ||
  bad "stale: created/changed/removed lines differ from what a run does: $(diff want stdout)"
[ "$(grep -c . want)" -eq 4 ] && ok || bad "stale: the oracle saw $(grep -c . want) changes, not 4"
printf 'extra: real/shop/leftover/\nextra: real/shop/old_shop.c\n' >want
grep '^extra: ' stdout | diff -u want - >/dev/null && ok ||
  bad "stale: extra lines: $(grep '^extra: ' stdout)"
"$apigen" generate --check -o copy "$specs/shop.yaml" "$specs/ownli.yaml" >stdout 2>/dev/null
status=$?
grep -qv '^extra: ' stdout && bad "after a run: still stale: $(cat stdout)" || ok
[ "$status" -eq 1 ] && ok || bad "after a run, extra files left: exit $status, expected 1"
rm -r copy/shop/leftover copy/shop/old_shop.c
"$apigen" generate --check -o copy "$specs/shop.yaml" "$specs/ownli.yaml" >stdout 2>/dev/null
status=$?
[ "$status" -eq 0 ] && [ ! -s stdout ] && ok || bad "after a run: exit $status, $(cat stdout)"

# 4. A spec error: exit 1 and nothing on stdout, whatever the folder holds.
printf 'apigen: 1\napi: {name: broken}\noperations: {}\nbogus: 1\n' >broken.yaml
"$apigen" generate --check -o missing broken.yaml >stdout 2>stderr
status=$?
[ "$status" -eq 1 ] && [ ! -s stdout ] && grep -q "broken.yaml:.*error" stderr && ok ||
  bad "spec error: exit $status, stdout '$(cat stdout)', stderr '$(cat stderr)'"
[ ! -e missing ] && ok || bad "spec error: wrote missing/"

# 5. I/O and usage errors: exit 2.
rm copy/shop/shop.h && mkdir copy/shop/shop.h
"$apigen" generate --check -o copy "$specs/shop.yaml" >stdout 2>stderr
status=$?
[ "$status" -eq 2 ] && [ ! -s stdout ] && grep -q "shop.h: error: cannot replace: Is a directory" \
  stderr && ok || bad "directory at an output: exit $status, stderr '$(cat stderr)'"
"$apigen" generate --check --bogus "$specs/shop.yaml" >stdout 2>/dev/null
status=$?
[ "$status" -eq 2 ] && ok || bad "unknown option: exit $status, expected 2"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
