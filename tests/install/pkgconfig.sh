#!/bin/sh
# pkgconfig.sh BUILD_DIR SOURCE_DIR SPEC: apigen used without CMake, as a Makefile user would:
# `cmake --install` into a scratch prefix, moved (the .pc files' prefix is relative to them), then
# with PKG_CONFIG_PATH=<prefix>/share/pkgconfig alone: generate SPEC with the generator
# `pkg-config --variable=apigen apigen` names, check --variable=templatesdir, compile the
# generated code and the runtime (without the transport) with cc and `pkg-config --cflags --libs
# apigen` and run tests/install/consumer/main.c on it; then the README's Makefile (section
# "Install", with apigen-client.pc), which links the transport (runtime/apigen_client.c) too, so
# its flags must supply libcurl and the threads library. The scratch folder is removed on any exit.
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

# apigen.pc alone: the generated code and the runtime without the transport, compiled and linked
# with its flags (no libcurl needed)
runtime=$(ls "$tmp/out/runtime/"*.c | grep -v '/apigen_client\.c$')
# shellcheck disable=SC2046,SC2086 # pkg-config's output and the sources are lists of words
${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror \
  -I"$tmp/out" -I"$tmp/out/runtime" $(pkg-config --cflags apigen) -o "$tmp/plain" \
  "$src/tests/install/consumer/main.c" "$tmp/out/$stem/$stem.c" $runtime \
  $(pkg-config --libs apigen) >"$tmp/cc.log" 2>&1 || { cat "$tmp/cc.log"; fail "cc with pkg-config apigen"; }
out=$("$tmp/plain")
[ "$out" = "Ann 2" ] || fail "the program built with apigen.pc printed '$out', expected 'Ann 2'"

# apigen-client.pc: the README's Makefile ("## Install"), literally, on shop.yaml and the
# consumer's main.c; it links the transport too, so its flags must supply libcurl and threads
if ! pkg-config --exists libcurl; then
  echo "apigen.pc: generated, compiled and ran (no libcurl: the README's Makefile not tried)"
  exit 0
fi
mkdir "$tmp/mk"
sed -n '/^## Install$/,/^## /p' "$src/README.md" | sed -n '/^```make$/,/^```$/p' | sed '1d;$d' \
  >"$tmp/mk/Makefile"
grep -q "apigen-client" "$tmp/mk/Makefile" || fail "no Makefile in the README's section Install"
cp "$spec" "$tmp/mk/shop.yaml"
cp "$src/tests/install/consumer/main.c" "$tmp/mk/main.c"
make -C "$tmp/mk" >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; fail "the README's Makefile"; }
out=$("$tmp/mk/app")
[ "$out" = "Ann 2" ] || fail "the README's Makefile built an app that printed '$out', expected 'Ann 2'"
echo "apigen.pc and apigen-client.pc (the README's Makefile): generated, compiled and ran"
