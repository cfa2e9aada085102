#!/bin/sh
# install.sh BUILD_DIR SOURCE_DIR SPEC: `cmake --install` into a scratch prefix, move the
# prefix elsewhere (the install must be relocatable: the generator finds its templates relative
# to itself), then configure, build and run tests/install/consumer against the moved prefix
# with find_package(apigen CONFIG REQUIRED) alone. The scratch folder is removed on any exit.
set -eu
build=$1 src=$2 spec=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cmake --install "$build" --prefix "$tmp/first" >/dev/null
mv "$tmp/first" "$tmp/moved"
# marks the installed templates, so the generated header shows which templates the run used
printf '/* installed templates */\n' >>"$tmp/moved/share/apigen/templates/api.h.mustache"
test -x "$tmp/moved/bin/apigen"
test -f "$tmp/moved/lib/cmake/apigen/apigenConfig.cmake"
cmake -S "$src/tests/install/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/moved" \
  -DSPEC="$spec" >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/consumer" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
# the generator that ran used the moved prefix's own templates, not the source tree's
grep -q "installed templates" "$tmp/consumer/generated/shop/shop.h" ||
  { echo "FAIL: the installed apigen did not use its own templates"; exit 1; }
out=$("$tmp/consumer/consumer")
if [ "$out" != "Ann 2" ]; then
  echo "FAIL: consumer printed '$out', expected 'Ann 2'"
  exit 1
fi
echo "installed, moved, found by find_package, generated and ran: $out"
