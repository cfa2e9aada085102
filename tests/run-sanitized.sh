#!/usr/bin/env bash
# Builds everything again with AddressSanitizer + UndefinedBehaviorSanitizer (clang) in
# build-asan/ and runs the whole CTest suite there: leaks, overflows and UB fail the run.
# Then the threaded tests again under ThreadSanitizer in build-tsan/ (tests/run-tsan.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
CC=clang cmake -S . -B build-asan -DAPIGEN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j2
ctest --test-dir build-asan --output-on-failure
tests/run-tsan.sh
