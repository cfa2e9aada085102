#!/usr/bin/env bash
# Every generated header compiles in every dialect users compile: gnu17, c2x (gcc, clang) and
# C++17 (g++, clang++), and C++20, where concept, requires, co_await and char8_t are keywords,
# with the house warnings as errors. Compiles the build's generated/*/*.h and the runtime's
# headers (templates/runtime, which the build compiles as apigen_runtime) and the headers of specs/*.yaml here, whose names are reserved
# words of every class; compiles their .c files and the runtime as C in both C dialects; links a
# C++17 program that round-trips a body through them (the JSON names on the wire unchanged);
# and checks that the generator's reserved-word table holds every object-like macro the headers
# a generated header includes define, as `cc -dM` lists them in each dialect.
# usage: compile_headers.sh APIGEN GENERATED_DIR RESERVED_NAMES_TOOL
set -u
apigen=$1 generated=$2 reserved_names=$3
here=$(cd "$(dirname "$0")" && pwd)
runtime=$(cd "$here/../../templates/runtime" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

for tool in gcc clang g++ clang++ pkg-config; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not found"; exit 77; }
done
warn=(-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
deps_cflags=$(pkg-config --cflags libcjson libpcre2-8)
deps_libs=$(pkg-config --libs libcjson libpcre2-8)

if "$apigen" generate -o "$out/gen" "$here"/specs/*.yaml; then pass; else fail "apigen generate specs/*.yaml"; fi

specs=()
for f in "$here"/specs/*.yaml; do specs+=("$(basename "$f" .yaml)"); done
headers=()
for h in "$generated"/*/*.h "$runtime"/*.h; do
  case $h in */runtime/*_internal.h) continue ;; esac # shared by the runtime's parts, not users
  headers+=("$h")
done
# The runtime's C sources: the compiled APIGEN_RUNTIME rows of the table of outputs.
mapfile -t runtime_c < <(sed -n 's/^APIGEN_RUNTIME("\([^"]*\)", 1)$/\1/p' "$here/../../generator/outputs.def")
[ ${#runtime_c[@]} -gt 0 ] || { echo "no runtime sources in generator/outputs.def"; exit 1; }
# The transport (compiled = 2) too where libcurl is found (the version the build asks for).
if pkg-config --exists 'libcurl >= 7.85.0'; then
  mapfile -t -O "${#runtime_c[@]}" runtime_c < <(sed -n 's/^APIGEN_RUNTIME("\([^"]*\)", 2)$/\1/p' "$here/../../generator/outputs.def")
  deps_cflags="$deps_cflags $(pkg-config --cflags libcurl)"
  deps_libs="$deps_libs $(pkg-config --libs libcurl) -pthread"
fi
for n in "${specs[@]}"; do headers+=("$out/gen/$n/$n.h"); done
for h in "${headers[@]}"; do
  inc=(-I "$runtime" -I "$(dirname "$h")")
  for cc in "gcc -std=gnu17 -x c" "gcc -std=c2x -x c" "clang -std=gnu17 -x c" "clang -std=c2x -x c" \
            "g++ -std=c++17 -x c++" "clang++ -std=c++17 -x c++" \
            "g++ -std=c++20 -x c++" "clang++ -std=c++20 -x c++"; do
    # Included from a file, as users do (clang flags unused static inline functions of a main
    # file, not of a header).
    # shellcheck disable=SC2086
    if printf '#include "%s"\n' "$h" |
       $cc "${warn[@]}" $deps_cflags "${inc[@]}" -fsyntax-only - 2>"$out/err"; then
      pass
    else
      fail "$cc $h"; head -20 "$out/err"
    fi
  done
done

# The specs' headers again after every ISO C and POSIX header the host has for each language,
# as tools/libc_names.mjs lists them, with _GNU_SOURCE (glibc's widest set: st_mtime,
# sa_handler are macros there), whose macros a member could meet in a user's file (errno,
# stdin, complex, and, alignas, noreturn, math_errhandling, MB_CUR_MAX ...).
c_prelude='#define _GNU_SOURCE 1\n' cxx_prelude=$c_prelude
for h in assert complex ctype errno fenv float inttypes iso646 limits locale math setjmp signal \
         stdalign stdarg stdatomic stdbit stdbool stdckdint stddef stdint stdio stdlib stdnoreturn \
         string tgmath threads time uchar wchar wctype arpa/inet dirent dlfcn fcntl glob grp netdb \
         netinet/in netinet/tcp poll pthread pwd regex sched semaphore strings sys/mman \
         sys/resource sys/select sys/socket sys/stat sys/time sys/types sys/uio sys/un \
         sys/utsname sys/wait syslog termios unistd utime; do
  if printf '#include <%s.h>\n' "$h" | gcc -std=c2x -D_GNU_SOURCE -fsyntax-only -x c - 2>/dev/null; then
    c_prelude="$c_prelude#include <$h.h>\n"
  fi
  if printf '#include <%s.h>\n' "$h" | clang++ -std=c++17 -fsyntax-only -x c++ - 2>/dev/null; then
    cxx_prelude="$cxx_prelude#include <$h.h>\n"
  fi
done
for h in "${headers[@]:${#headers[@]}-${#specs[@]}}"; do
  for cc in "gcc -std=gnu17 -x c" "gcc -std=c2x -x c" "clang -std=gnu17 -x c" "clang -std=c2x -x c" \
            "g++ -std=c++17 -x c++" "clang++ -std=c++17 -x c++"; do
    case $cc in *++*) prelude=$cxx_prelude ;; *) prelude=$c_prelude ;; esac
    # shellcheck disable=SC2086
    if printf "$prelude"'#include "%s"\n' "$h" |
       $cc "${warn[@]}" $deps_cflags -I "$runtime" -fsyntax-only - 2>"$out/err"; then
      pass
    else
      fail "$cc $h after every standard header"; head -20 "$out/err"
    fi
  done
done

# No generated identifier contains "__" or starts with '_' and a capital (C 7.1.3, C++
# [lex.name]; attack1 N4): every generated .h and .c, comments and strings left out, may spell
# only these implementation names; and clang's -Wreserved-identifier agrees on the headers.
impl='^(_Alignas|_Alignof|_Atomic|_Bool|_Generic|_Noreturn|_Static_assert|_Thread_local|__GNUC__|__STDC_VERSION__|__STDC__|__attribute__|__clang__|__cplusplus|__func__|__has_include)$'
for f in "$generated"/*/*.[ch] "$out"/gen/*/*.[ch]; do
  case $f in */runtime/*) continue ;; esac
  bad=$(gcc -fpreprocessed -dD -E -P "$f" 2>/dev/null | sed -E 's/"([^"\\]|\\.)*"//g' |
        grep -oE '\b[A-Za-z_][A-Za-z0-9_]*' | grep -E '__|^_[A-Z]' | grep -vE "$impl" | sort -u)
  if [ -z "$bad" ]; then pass; else fail "$f: reserved identifiers:" $bad; fi
done
for h in "${headers[@]}"; do
  [ "$(basename "$h")" = apigen_rt.h ] && continue
  for cc in "clang -std=c2x -x c" "clang++ -std=c++17 -x c++"; do
    # shellcheck disable=SC2086
    if printf '#include "%s"\n' "$h" |
       $cc "${warn[@]}" -Wreserved-identifier $deps_cflags -I "$runtime" \
         -fsyntax-only - 2>"$out/err"; then
      pass
    else
      fail "$cc -Wreserved-identifier $h"; head -20 "$out/err"
    fi
  done
done

# On other targets, whose gnu modes predefine sun, sparc, mips (the host's headers stand in).
for t in sparc-sun-solaris2.11 mips-linux-gnu powerpc-linux-gnu; do
  # shellcheck disable=SC2086
  if printf '#include "%s"\n' "$out/gen/mb/mb.h" |
     clang --target=$t -std=gnu17 -ffreestanding "${warn[@]}" -Wno-error=pedantic $deps_cflags \
       -I "$runtime" -idirafter /usr/include -fsyntax-only -x c - 2>"$out/err"; then
    pass
  else
    fail "clang --target=$t mb.h"; head -20 "$out/err"
  fi
done

# The header's runtime version check names the version it checks for (attack1 M1).
for h in "${headers[@]}"; do
  [ "$(basename "$h")" = apigen_rt.h ] && continue
  want=$(sed -n 's/^#if APIGEN_RT_VERSION != \([0-9]*\)$/\1/p' "$h")
  said=$(sed -n 's/^#error ".*runtime version \([0-9]*\)"$/\1/p' "$h")
  have=$(sed -n 's/^#define APIGEN_RT_VERSION \([0-9]*\)$/\1/p' "$runtime/apigen_rt.h")
  if [ -n "$want" ] && [ "$want" = "$said" ] && [ "$want" = "$have" ]; then
    pass
  else
    fail "$h: checks runtime version '$want', names '$said', runtime is '$have'"
  fi
done

# The generated C of the reserved-word specs and the runtime, in both C dialects.
for c in "$out"/gen/co/co.c "$out"/gen/int/int.c "${runtime_c[@]/#/$out/gen/runtime/}"; do
  for cc in "gcc -std=gnu17" "gcc -std=c2x" "clang -std=gnu17" "clang -std=c2x"; do
    # shellcheck disable=SC2086
    if $cc "${warn[@]}" $deps_cflags -I "$out/gen/runtime" -fsyntax-only "$c" 2>"$out/err"; then
      pass
    else
      fail "$cc $c"; head -20 "$out/err"
    fi
  done
done

# A C++17 program using the escaped members, linked with the C it was generated with.
for pair in "gcc g++" "clang clang++"; do
  set -- $pair
  objs=()
  for c in "$out"/gen/co/co.c "${runtime_c[@]/#/$out/gen/runtime/}"; do
    o="$out/$(basename "$c" .c).$1.o"
    # shellcheck disable=SC2086
    $1 -std=gnu17 "${warn[@]}" $deps_cflags -I "$out/gen/runtime" -c "$c" -o "$o" && objs+=("$o")
  done
  # shellcheck disable=SC2086
  if $2 -std=c++17 "${warn[@]}" $deps_cflags -I "$out/gen/runtime" -I "$out/gen/co" \
       "$here/roundtrip.cpp" "${objs[@]}" $deps_libs -o "$out/roundtrip.$1" 2>"$out/err" &&
     "$out/roundtrip.$1"; then
    pass
  else
    fail "C++ round trip built with $2"; head -20 "$out/err"
  fi
done

# The runtime's parts keep the program's namespace clean: every global symbol they define is
# apigen_*, and those shared between parts (apigen_i_*, apigen_rt_internal.h) are hidden, so a
# shared library of the runtime exports its API alone.
for pair in "gcc g++" "clang clang++"; do
  set -- $pair
  objs=("${runtime_c[@]/#/$out/}")
  objs=("${objs[@]/%.c/.$1.o}")
  syms=$(nm -g --defined-only "${objs[@]}" 2>"$out/err" | awk 'NF == 3 { print $3 }')
  foreign=$(grep -v '^apigen_' <<<"$syms")
  shown=$(for o in "${objs[@]}"; do readelf -sW "$o"; done |
          awk '$5 == "GLOBAL" && $7 != "UND" && $8 ~ /^apigen_i_/ && $6 != "HIDDEN" { print $8 }')
  if [ -n "$syms" ] && grep -q '^apigen_i_' <<<"$syms" && [ -z "$foreign" ] && [ -z "$shown" ]; then
    pass
  else
    fail "runtime symbols built with $1: not apigen_*: ${foreign:-none}; apigen_i_* not hidden: ${shown:-none}"
    head -5 "$out/err"
  fi
done

# Every object-like macro of the headers a generated header includes that a generated name
# could spell (lower-case: members, types; upper-case: enum constants) is in the table.
# APIGEN_* is left out: no API may be named apigen*.
for cc in "gcc -std=gnu17 -x c" "gcc -std=c2x -x c" "clang -std=gnu17 -x c" "clang -std=c2x -x c" \
          "g++ -std=c++17 -x c++" "clang++ -std=c++17 -x c++"; do
  # shellcheck disable=SC2086
  printf '#include "apigen_rt.h"\n#include <stddef.h>\n' |
    $cc $deps_cflags -I "$runtime" -dM -E - |
    awk '$1 == "#define" && $2 !~ /\(/ { print $2 }' |
    grep -E '^([a-z][a-z0-9_]*|[A-Z][A-Z0-9_]*)$' | grep -v '^APIGEN_' >"$out/macros"
  if [ -s "$out/macros" ] && "$reserved_names" <"$out/macros"; then
    pass
  else
    fail "$cc: macros missing from the reserved-word table (above)"
  fi
done

# Every name of the ISO C and POSIX headers and of the targets' predefined macros that a
# generated identifier could spell is in the table (tools/libc_names.mjs lists them from the
# host's compilers; generator/names_libc.def is its output when committed).
if command -v node >/dev/null; then
  node "$here/../../tools/libc_names.mjs" | awk '{ print $1 }' >"$out/libc"
  if [ -s "$out/libc" ] && "$reserved_names" <"$out/libc"; then
    pass
  else
    fail "standard header names missing from the reserved-word table (above)"
  fi
else
  echo "note: node not found, standard header names not compared with the table"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
