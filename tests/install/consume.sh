#!/bin/sh
# consume.sh PREFIX SOURCE_DIR SPEC WORK: uses an installed apigen the way a CMake project outside
# the tree does. Marks PREFIX's own templates, configures and builds tests/install/consumer in
# WORK/consumer with CMAKE_PREFIX_PATH=PREFIX (find_package(apigen CONFIG REQUIRED) alone), checks
# the generated header came from PREFIX's templates and that the program prints "Ann 2".
# Shared by install.sh (cmake --install) and deb.sh (the extracted Debian package); the caller
# owns WORK and removes it.
set -eu
prefix=$1 src=$2 spec=$3 work=$4
# marks the installed templates, so the generated header shows which templates the run used
printf '/* installed templates */\n' >>"$prefix/share/apigen/templates/api.h.mustache"
cmake -S "$src/tests/install/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DSPEC="$spec" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/consumer" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
# the generator that ran used the prefix's own templates, not the source tree's
grep -q "installed templates" "$work/consumer/generated/shop/shop.h" ||
  { echo "FAIL: the installed apigen did not use its own templates"; exit 1; }
out=$("$work/consumer/consumer")
if [ "$out" != "Ann 2" ]; then
  echo "FAIL: consumer printed '$out', expected 'Ann 2'"
  exit 1
fi
echo "found by find_package in $prefix, generated and ran: $out"
