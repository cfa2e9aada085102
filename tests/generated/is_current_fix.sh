#!/usr/bin/env bash
# generated_is_current's failure names the command that fixes it, and that command works:
# in a scratch copy of specs/ and generated/ (with apigen at build/bin/apigen inside it, as in a
# checkout), a new spec whose file name is not its API name, a spec's folder left behind
# (one name with a space), an extra file in a spec's folder and an edited output make
# is_current.sh fail with exactly `build/bin/apigen generate -o generated specs/*.yaml && rm -r
# -- <the stale paths>`; running that line (bash, from the copy's root) makes it pass.
# usage: is_current_fix.sh APIGEN SOURCE_DIR
set -u
apigen=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

root=$work/repo
mkdir -p "$root/build/bin"
cp -r "$src/specs" "$root/"
cp "$apigen" "$root/build/bin/apigen"
# generated/ as this apigen writes it (not the checkout's, whose staleness is
# generated_is_current's business): then current
(cd "$root" && build/bin/apigen generate -o generated specs/*.yaml 2>/dev/null) ||
  bad "cannot generate the copy"
"$here/is_current.sh" "$root/build/bin/apigen" "$root" >"$work/out" 2>&1 && ok ||
  bad "a freshly generated copy is not current: $(cat "$work/out")"

cp "$src/tests/naming/pet-store.v2.yaml" "$root/specs/"
mkdir -p "$root/generated/gone" "$root/generated/old api"
: >"$root/generated/gone/gone.h"
: >"$root/generated/shop/notes.txt"
echo '/* edited */' >>"$root/generated/shop/shop.h"
"$here/is_current.sh" "$root/build/bin/apigen" "$root" >"$work/out" 2>&1
status=$?
[ "$status" -eq 1 ] && ok || bad "stale copy: exit $status, expected 1: $(cat "$work/out")"
for line in 'created: generated/pet-store/pet-store.h' 'changed: generated/shop/shop.h' \
  'extra: generated/shop/notes.txt' 'stale: generated/gone (no spec in specs/ generates it)'; do
  grep -qxF "  $line" "$work/out" && ok || bad "stale copy: no line '$line' in: $(cat "$work/out")"
done
fix=$(sed -n '/^To fix it, run from the repository root/{n;s/^  //;p;}' "$work/out")
want='build/bin/apigen generate -o generated specs/*.yaml && rm -r -- generated/gone generated/old\ api generated/shop/notes.txt'
[ "$fix" = "$want" ] && ok || bad "the command is '$fix', expected '$want'"

(cd "$root" && bash -c "$fix") >"$work/fix.out" 2>&1 || bad "the command failed: $(cat "$work/fix.out")"
"$here/is_current.sh" "$root/build/bin/apigen" "$root" >"$work/out" 2>&1 && ok ||
  bad "after the command: still failing: $(cat "$work/out")"
[ -f "$root/generated/pet-store/pet-store.c" ] && [ ! -e "$root/generated/gone" ] && ok ||
  bad "after the command: generated/pet-store/ missing or generated/gone left"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
