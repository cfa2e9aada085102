#!/bin/sh
# install.sh BUILD_DIR SOURCE_DIR SPEC: `cmake --install` into a scratch prefix, move the
# prefix elsewhere (the install must be relocatable: the generator finds its templates relative
# to itself), then configure, build and run tests/install/consumer against the moved prefix
# with find_package(apigen CONFIG REQUIRED) alone (consume.sh). The scratch folder is removed on
# any exit.
set -eu
build=$1 src=$2 spec=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cmake --install "$build" --prefix "$tmp/first" >/dev/null
mv "$tmp/first" "$tmp/moved"
test -x "$tmp/moved/bin/apigen"
test -f "$tmp/moved/lib/cmake/apigen/apigenConfig.cmake"
sh "$src/tests/install/consume.sh" "$tmp/moved" "$src" "$spec" "$tmp"
