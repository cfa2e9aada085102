#!/usr/bin/env bash
# Builds only what runs threads with ThreadSanitizer in build-tsan/ and runs it there: the
# runtime's pattern compiled once from many threads (runtime_patterns), and the generator,
# which renders each spec's outputs on two threads, on every spec of specs/ (its outputs must
# equal generated/), of tests/dialects/specs/ and tests/behaviour/, and in the tests that run
# `apigen generate` (diagnostics, output_files, spec_schema, generate_depfile, generate_check,
# hostile_cli; not template_overlay, which runs apigen as nobody, who cannot read TSan's
# suppressions nor write its reports: the overlay runs here through the --templates line
# below) or its writer (generator_io); and
# the transport: one client called from 8 threads against the recorder (client_threads, where
# libcurl is found). libcurl and OpenSSL are not instrumented: tsan.supp may name races inside
# them, never in apigen's code (none is needed today).
# Any TSan report fails the run, even one a test would not notice (a child it expects to fail,
# stderr it does not read): reports go to files in a fresh folder, which must stay empty.
# Called by tests/run-sanitized.sh; runs alone too (about 25 s on 2 cores, build included).
# TSAN_CC chooses the compiler: gcc by default, clang works too (delete build-tsan/ to
# switch). gcc's slower instrumented apigen is still rendering when output_files sends its
# SIGTERMs more often, which is where a race on the stop flag was found.
set -euo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:log_path=$logs/tsan:suppressions=$PWD/tests/tsan.supp"
CC=${TSAN_CC:-gcc} cmake -S . -B build-tsan -DAPIGEN_SANITIZE=thread -DCMAKE_BUILD_TYPE=Debug >/dev/null
targets=(apigen test_rt_patterns test_genio)
if grep -q '^CURL_FOUND:INTERNAL=1$' build-tsan/CMakeCache.txt; then
  targets+=(test_client)
fi
cmake --build build-tsan -j2 --target "${targets[@]}"

status=0
if build-tsan/bin/apigen generate -o "$logs/gen" specs/*.yaml; then
  diff -r --exclude='*.tmp*' generated "$logs/gen" || status=1
else
  status=1
fi
build-tsan/bin/apigen generate -o "$logs/gen-more" tests/dialects/specs/*.yaml \
  tests/behaviour/behaviour.yaml || status=1
# the depfile's record of the files read, from both rendering threads, with the overlay
build-tsan/bin/apigen generate --no-runtime --depfile "$logs/gen.d" --templates templates \
  -o "$logs/gen-dep" specs/*.yaml || status=1
ctest --test-dir build-tsan --output-on-failure \
  -R '^(runtime_patterns|generator_io|diagnostics|output_files|spec_schema|client_threads|generate_depfile|generate_check|hostile_cli)$' || status=1

if compgen -G "$logs/tsan*" >/dev/null; then
  cat "$logs"/tsan*
  echo "run-tsan.sh: ThreadSanitizer reported the above" >&2
  status=1
fi
exit "$status"
