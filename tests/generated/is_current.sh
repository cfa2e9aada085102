#!/usr/bin/env bash
# The checked-in generated/ is exactly what `apigen generate -o generated specs/*.yaml` writes
# (test generated_is_current): `apigen generate --check` compares every output (each spec's and
# the runtime's) and names extra files in their folders; this script adds what one run cannot
# see, an entry of generated/ that no spec in specs/ generates (a renamed or deleted spec's
# folder). On failure it prints what differs and the one command that fixes it, runnable from the
# repository root; review the diff before committing.
# usage: is_current.sh APIGEN SOURCE_DIR
set -u
apigen=$1 src=$2
cd "$src" || exit 2
# The generator as the fixing command names it: relative to the repository root when it is
# inside it (build/bin/apigen), else absolute.
shown=$(realpath --relative-to=. "$apigen")
case $shown in ../*) shown=$(realpath "$apigen") ;; esac
fix="$shown generate -o generated specs/*.yaml"

stderr=$(mktemp)
trap 'rm -f "$stderr"' EXIT
out=$("$apigen" generate --check -o generated specs/*.yaml 2>"$stderr")
status=$?
# Exit 1 with nothing on stdout is a spec error, 2 an I/O or usage error.
if [ "$status" -eq 2 ] || { [ "$status" -eq 1 ] && [ -z "$out" ]; }; then
  cat "$stderr"
  echo "apigen cannot generate from specs/ (exit $status, errors above): fix those first"
  exit 1
fi

# The folders the specs generate into: each file name up to its first '.' (as apigen's).
declare -A owned=([runtime]=1)
for spec in specs/*.yaml; do
  [ -e "$spec" ] || continue
  base=${spec##*/}
  owned[${base%%.*}]=1
done
remove=()
for entry in generated/* generated/.[!.]* generated/..?*; do
  [ -e "$entry" ] || [ -L "$entry" ] || continue
  name=${entry#generated/}
  if [ -z "${owned[$name]:-}" ]; then
    out+=${out:+$'\n'}"stale: $entry (no spec in specs/ generates it)"
    remove+=("$entry")
  fi
done
# Extra files in a spec's or the runtime's folder: no run removes them either.
while IFS= read -r line; do
  case $line in extra:\ *) remove+=("${line#extra: }") ;; esac
done <<<"$out"

[ -z "$out" ] && exit 0
echo "generated/ is not what apigen generates from specs/ (the checked-in copy is out of date):"
sed 's/^/  /' <<<"$out"
if [ "${#remove[@]}" -gt 0 ]; then
  fix+=" && rm -r --$(printf ' %q' "${remove[@]%/}")"
fi
echo "To fix it, run from the repository root (then review 'git status' and 'git diff'):"
echo "  $fix"
exit 1
