#!/usr/bin/env bash
# Spec file names against API names in `apigen generate`: the outputs are named after the file
# (its name up to the first '.'), the C names after api.name, so the two may differ; a file name
# that cannot name the outputs, two specs of one run with one API name, and two files of one stem
# are refused (exit 1, the error naming the file, nothing written). export names nothing after
# the file, so it takes any file name.
# usage: file_names.sh APIGEN SPEC (a valid spec, copied under each name)
set -u
apigen=$1 spec=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
cd "$work" || exit 1

# refused FILE... MESSAGE: generate exits 1, stderr has MESSAGE, nothing is written.
refused() {
  local message=${*: -1} files=("${@:1:$#-1}")
  "$apigen" generate -o out "${files[@]}" >/dev/null 2>stderr
  local status=$?
  if [ "$status" -eq 1 ] && grep -qF -- "$message" stderr && [ ! -e out ]; then
    passed=$((passed + 1))
  else
    echo "FAIL: ${files[*]}: exit $status, expected 1 and '$message'; got: $(cat stderr)"
    failed=$((failed + 1))
  fi
  rm -rf out
}

for name in '.hidden.yaml' 'a"b.yaml' 'a\b.yaml' '-x.yaml' 'runtime.v1.yaml' 'café.yaml'; do
  cp "$spec" "./$name"
done
why="rename the file (the C names come from api.name)"
refused ./.hidden.yaml "./.hidden.yaml: error: the file name cannot name the outputs, OUTDIR/<stem>/<stem>.h and the rest (<stem>: the file name up to its first '.', here ''): it is empty (the file name starts with '.'); $why"
refused './a"b.yaml' "here 'a\"b'): it has a character other than letters, digits, '_' and '-'; $why"
refused './a\b.yaml' "here 'a\\b'): it has a character other than letters, digits, '_' and '-'; $why"
refused ./-x.yaml "here '-x'): it starts with '-'; $why"
refused ./runtime.v1.yaml "here 'runtime'): OUTDIR/runtime/ is the runtime's folder; $why"
refused ./café.yaml "here 'café'): it has a character other than"

# One API name twice in a run, whatever the files are called: its C names would clash.
cp "$spec" one.yaml && cp "$spec" two.yaml
api=$(sed -n 's/^  name: *\([a-z0-9_]*\)$/\1/p' "$spec" | head -1)
refused one.yaml two.yaml "two.yaml: error: api name '$api' is also the name of one.yaml"
# Two files of one stem: one folder.
mkdir a b && cp "$spec" a/pets.yaml && sed "s/^  name: $api\$/  name: other/" "$spec" >b/pets.v2.yaml
refused a/pets.yaml b/pets.v2.yaml "b/pets.v2.yaml: error: generates into the same folder as a/pets.yaml"

# Accepted: a file name that is not the API name, and export of any file name.
if "$apigen" generate -o out one.yaml 2>stderr && [ -f out/one/one.h ] && [ -f out/one/one.c ] &&
  grep -q '^#include "one.h"$' out/one/one.c && grep -q "^extern const size_t ${api}_operation_count;" out/one/one.h; then
  passed=$((passed + 1))
else
  echo "FAIL: one.yaml (api name $api): not generated as out/one/one.{h,c}: $(cat stderr)"
  failed=$((failed + 1))
fi
if "$apigen" export openapi -o doc.json ./.hidden.yaml 2>stderr && [ -s doc.json ]; then
  passed=$((passed + 1))
else
  echo "FAIL: export of .hidden.yaml: $(cat stderr)"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
