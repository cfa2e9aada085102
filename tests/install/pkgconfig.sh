#!/bin/sh
# pkgconfig.sh BUILD_DIR SOURCE_DIR SPEC: apigen used without CMake, as a Makefile user would:
# `cmake --install` into a scratch prefix, moved (the .pc files' prefix is relative to them), then
# with PKG_CONFIG_PATH=<prefix>/share/pkgconfig alone: generate SPEC with the generator
# `pkg-config --variable=apigen apigen` names, check --variable=templatesdir, compile the
# generated code and the runtime (without the transport) with cc and `pkg-config --cflags --libs
# apigen` and run tests/install/consumer/main.c on it; then again with the transport
# (runtime/apigen_client.c) and `pkg-config --cflags --libs apigen-client`, which must supply
# libcurl and the threads library for it to link. The scratch folder is removed on any exit.
set -eu
build=$1 src=$2 spec=$3
command -v pkg-config >/dev/null || { echo "FAIL: pkg-config not found"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
cmake --install "$build" --prefix "$tmp/first" >/dev/null
mv "$tmp/first" "$tmp/moved"
prefix=$tmp/moved
export PKG_CONFIG_PATH="$prefix/share/pkgconfig"
unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR

# the variables name the moved prefix's files
apigen=$(pkg-config --variable=apigen apigen)
templates=$(pkg-config --variable=templatesdir apigen)
[ "$(realpath "$apigen")" = "$(realpath "$prefix/bin/apigen")" ] ||
  fail "variable apigen is '$apigen', not the prefix's bin/apigen"
[ "$(realpath "$templates")" = "$(realpath "$prefix/share/apigen/templates")" ] ||
  fail "variable templatesdir is '$templates'"
# the module's version is the generator's
[ "apigen $(pkg-config --modversion apigen)" = "$("$apigen" --version)" ] ||
  fail "pkg-config --modversion apigen says $(pkg-config --modversion apigen), $("$apigen" --version)"

"$apigen" generate -o "$tmp/out" "$spec" >"$tmp/gen.log" 2>&1 ||
  { cat "$tmp/gen.log"; fail "$apigen generate"; }
stem=$(basename "$spec" .yaml)

# build PROGRAM MODULE SOURCES...: compile and link with MODULE's flags, run, expect "Ann 2"
build() {
  program=$1 module=$2
  shift 2
  # shellcheck disable=SC2046 # pkg-config's output is a list of words, as in a Makefile
  ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror \
    -I"$tmp/out" -I"$tmp/out/runtime" $(pkg-config --cflags "$module") \
    -o "$tmp/$program" "$src/tests/install/consumer/main.c" "$tmp/out/$stem/$stem.c" "$@" \
    $(pkg-config --libs "$module") >"$tmp/cc.log" 2>&1 ||
    { cat "$tmp/cc.log"; fail "cc with pkg-config $module"; }
  out=$("$tmp/$program")
  [ "$out" = "Ann 2" ] || fail "$program printed '$out', expected 'Ann 2'"
}
runtime=$(ls "$tmp/out/runtime/"*.c | grep -v '/apigen_client\.c$')
# shellcheck disable=SC2086 # one runtime source a word (no spaces in the scratch paths)
build plain apigen $runtime
if pkg-config --exists libcurl; then
  # shellcheck disable=SC2086
  build client apigen-client $runtime "$tmp/out/runtime/apigen_client.c"
  echo "apigen and apigen-client: generated, compiled with pkg-config's flags and ran"
else
  echo "apigen: generated, compiled with pkg-config's flags and ran (no libcurl: apigen-client not tried)"
fi
