#!/usr/bin/env bash
# configure_errors.sh SOURCE_DIR APIGEN: apigen_generate()'s mistakes caught at configure time,
# each stopping the configuration with a message naming the file or target and the way out: a
# missing spec, two specs writing one folder, a TEMPLATES that is no folder, a bad CLIENT, a
# spec file name that cannot name its folder, a path make cannot carry, a missing GENERATOR, an
# executable named as a spec's output folder. The same project without the mistake configures
# (so a check that refused everything would fail here). Scratch projects removed on any exit.
set -u
src=${1:?usage: configure_errors.sh SOURCE_DIR APIGEN} apigen=${2:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0

# project NAME BODY: a project whose CMakeLists.txt ends with BODY, specs/pets.yaml and
# other/pets.yaml (one stem twice), main.c.
project() {
  local p=$tmp/$1
  mkdir -p "$p/specs" "$p/other"
  cp "$src/examples/downstream/specs/pets.yaml" "$p/specs/"
  cp "$src/examples/downstream/specs/pets.yaml" "$p/other/"
  cp "$src/examples/downstream/specs/pets.yaml" "$p/specs/runtime.yaml"
  cp "$src/examples/downstream/specs/pets.yaml" "$p/specs/a:b.yaml"
  cp "$src/examples/downstream/specs/pets.yaml" "$p/specs/my pets.yaml"
  printf 'int main(void) { return 0; }\n' >"$p/main.c"
  printf 'cmake_minimum_required(VERSION 3.20)\nproject(p C)\ninclude(%s/cmake/ApigenGenerate.cmake)\n%s\n' \
    "$src" "$2" >"$p/CMakeLists.txt"
  echo "$p"
}

# refused NAME EXPECTED BODY: configuring fails and the output holds EXPECTED (a grep -E regex).
refused() {
  local p
  p=$(project "$1" "$3")
  if cmake -S "$p" -B "$p/build" >"$p/log" 2>&1; then
    echo "FAIL $1: configured"; failed=$((failed + 1))
  elif ! tr '\n' ' ' <"$p/log" | tr -s ' ' | grep -Eq "$2"; then
    echo "FAIL $1: no '$2' in:"; cat "$p/log"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}

gen="GENERATOR $apigen"
refused missing_spec "apigen_generate\(pets_api\): spec $tmp/missing_spec/specs/wether.yaml not found" \
  "apigen_generate(pets_api SPECS specs/wether.yaml $gen)"
refused same_folder "generates into $tmp/same_folder/build/pets, as $tmp/same_folder/specs/pets.yaml does" \
  "apigen_generate(a SPECS specs/pets.yaml $gen)
apigen_generate(b SPECS other/pets.yaml $gen)"
refused templates_not_folder "TEMPLATES $tmp/templates_not_folder/main.c is not a folder" \
  "apigen_generate(pets_api SPECS specs/pets.yaml TEMPLATES main.c $gen)"
refused bad_client "CLIENT is ON, OFF or AUTO, not MAYBE" \
  "apigen_generate(pets_api SPECS specs/pets.yaml CLIENT maybe $gen)"
refused bad_stem "specs/runtime.yaml: the file name up to its first '.' names the output folder" \
  "apigen_generate(pets_api SPECS specs/runtime.yaml $gen)"
refused space_stem "specs/my pets.yaml: the file name up to its first '.' names the output folder" \
  "apigen_generate(pets_api SPECS \"specs/my pets.yaml\" $gen)"
refused odd_path "spec '$tmp/odd_path/specs/a:b.yaml' holds one of" \
  "apigen_generate(pets_api SPECS specs/a:b.yaml $gen)"
refused missing_generator "GENERATOR /nonexistent/apigen does not exist" \
  "apigen_generate(pets_api SPECS specs/pets.yaml GENERATOR /nonexistent/apigen)"
refused executable_on_folder "the executable 'pets' would be written to $tmp/executable_on_folder/build/pets, the folder of the C generated from" \
  "apigen_generate(pets_api SPECS specs/pets.yaml $gen)
add_executable(pets main.c)
target_link_libraries(pets PRIVATE pets_api)"

# the last one with its way out: configures and builds
p=$(project fixed "apigen_generate(pets_api SPECS specs/pets.yaml OUTDIR apigen $gen)
apigen_generate(b SPECS other/pets.yaml OUTDIR other $gen)
add_executable(pets main.c)
target_link_libraries(pets PRIVATE pets_api)")
if cmake -S "$p" -B "$p/build" >"$p/log" 2>&1 && cmake --build "$p/build" >>"$p/log" 2>&1 &&
   [ -x "$p/build/pets" ] && [ -f "$p/build/apigen/pets/pets.h" ]; then
  passed=$((passed + 1))
else
  echo "FAIL fixed: the project without the mistakes did not build:"; cat "$p/log"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
