#!/bin/sh
# deb.sh BUILD_DIR SOURCE_DIR SPEC VERSION: `cpack -G DEB` from the build folder into a scratch
# folder, then checks the package without installing it on the system: its control fields
# (dpkg-deb -f), its file list (dpkg-deb -c) against the source tree's templates, and its use once
# extracted with dpkg-deb -x into a scratch root: the extracted apigen generates from SPEC with
# the templates beside it, and tests/install/consumer finds it by find_package with
# CMAKE_PREFIX_PATH=<root>/usr (consume.sh). Exit 77 (skipped) without dpkg-deb; dpkg-shlibdeps
# (dpkg-dev) and file, which cpack needs for the Depends field, are required. The scratch folder
# is removed on any exit.
set -eu
build=$1 src=$2 spec=$3 version=$4
command -v dpkg-deb >/dev/null || { echo "skipped: dpkg-deb not found (not a Debian system)"; exit 77; }
for tool in dpkg-shlibdeps file readelf; do
  command -v $tool >/dev/null ||
    { echo "FAIL: $tool not found (apt-get install dpkg-dev file binutils)"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
arch=$(dpkg --print-architecture)
deb=$tmp/pkg/apigen_${version}_$arch.deb
test -f "$deb" || { ls "$tmp/pkg"; fail "no $deb"; }

# control fields
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = apigen ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', project() says $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
field Maintainer | grep -q '^[^<]\+ <[^>]\+@[^>]\+>$' || fail "Maintainer '$(field Maintainer)' is not 'Name <address>'"
field Description | head -1 | grep -q . || fail "no Description summary"
# Depends names the package of every shared library the binary needs (its NEEDED entries,
# looked up in dpkg's database: an oracle independent of dpkg-shlibdeps)
depends=", $(field Depends),"
for lib in $(readelf -d "$build/bin/apigen" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
  pkg=$(dpkg-query -S "*/$lib" | sed -n "s/^\([^:,]*\):$arch: .*/\1/p" | head -1)
  [ -n "$pkg" ] || fail "no installed package holds $lib"
  case $depends in
    *", $pkg "* | *", $pkg,"*) ;;
    *) fail "Depends '$(field Depends)' lacks $pkg (for $lib)" ;;
  esac
done
for pkg in pkg-config libcjson-dev libpcre2-dev; do
  field Recommends | tr ',' '\n' | grep -qx " *$pkg" || fail "Recommends '$(field Recommends)' lacks $pkg"
done

# file list: everything under /usr; the generator, the CMake and pkg-config packages, and every
# file of the source tree's templates
dpkg-deb -c "$deb" | awk '{print $NF}' >"$tmp/files"
grep -v '^\./usr/' "$tmp/files" && fail "files outside /usr"
(cd "$src/templates" && find . -type f) | sed 's|^\./|./usr/share/apigen/templates/|' >"$tmp/expected"
printf '%s\n' ./usr/bin/apigen ./usr/lib/cmake/apigen/apigenConfig.cmake \
  ./usr/lib/cmake/apigen/apigenConfigVersion.cmake ./usr/lib/cmake/apigen/ApigenGenerate.cmake \
  ./usr/lib/cmake/apigen/outputs.def ./usr/share/pkgconfig/apigen.pc \
  ./usr/share/pkgconfig/apigen-client.pc >>"$tmp/expected"
while read -r f; do
  grep -qxF "$f" "$tmp/files" || fail "the package lacks $f"
done <"$tmp/expected"

# use: extracted, not installed
dpkg-deb -x "$deb" "$tmp/root"
"$tmp/root/usr/bin/apigen" generate -o "$tmp/gen" "$spec" >"$tmp/gen.log" 2>&1 ||
  { cat "$tmp/gen.log"; fail "the extracted apigen did not generate"; }
stem=$(basename "$spec" .yaml)
for f in "$stem/$stem.h" "$stem/$stem.c" runtime/apigen_rt.h; do
  test -s "$tmp/gen/$f" || fail "the extracted apigen did not write $f"
done
sh "$src/tests/install/consume.sh" "$tmp/root/usr" "$src" "$spec" "$tmp"
echo "$(basename "$deb"): fields, files and use checked"
