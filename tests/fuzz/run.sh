#!/usr/bin/env bash
# tests/fuzz/run.sh [SECONDS]: builds the libFuzzer targets with clang in build-fuzz/
# (-DAPIGEN_FUZZ=ON), runs each for SECONDS (default 30) from its seed corpus, then every
# saved regression input once. One summary line per run, then `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
seconds=${1:-30}
build=${APIGEN_FUZZ_BUILD:-build-fuzz}

CC=clang cmake -S . -B "$build" -DAPIGEN_FUZZ=ON -DAPIGEN_FUZZ_SECONDS="$seconds" >/dev/null ||
    { echo "fuzz: configure failed"; echo "0 passed, 1 failed"; exit 1; }
cmake --build "$build" -j2 --target fuzz_spec fuzz_models fuzz_parse fuzz_response fuzz_mustache fuzz_patterns >"$build/fuzz-build.log" 2>&1 ||
    { tail -40 "$build/fuzz-build.log"; echo "fuzz: build failed"; echo "0 passed, 1 failed"; exit 1; }

bin=$build/tests/fuzz
passed=0 failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }
check tests/fuzz/fuzz.sh run "$bin/fuzz_spec" "$bin/seeds/fuzz_spec" "$bin/work/fuzz_spec" \
    "$seconds" tests/fuzz/fuzz_spec.dict
check tests/fuzz/fuzz.sh run "$bin/fuzz_models" "$bin/seeds/fuzz_models" "$bin/work/fuzz_models" \
    "$seconds" "$bin/seeds/fuzz_models.dict"
check tests/fuzz/fuzz.sh run "$bin/fuzz_parse" "$bin/seeds/fuzz_models" "$bin/work/fuzz_parse" \
    "$seconds" "$bin/seeds/fuzz_models.dict"
check tests/fuzz/fuzz.sh run "$bin/fuzz_response" tests/fuzz/seeds/fuzz_response \
    "$bin/work/fuzz_response" "$seconds" tests/fuzz/fuzz_response.dict
check tests/fuzz/fuzz.sh run "$bin/fuzz_mustache" "$bin/seeds/fuzz_mustache" \
    "$bin/work/fuzz_mustache" "$seconds" tests/fuzz/fuzz_mustache.dict
check tests/fuzz/fuzz.sh run "$bin/fuzz_patterns" tests/fuzz/seeds/fuzz_patterns \
    "$bin/work/fuzz_patterns" "$seconds" tests/fuzz/fuzz_patterns.dict
check tests/fuzz/fuzz.sh regress "$bin/fuzz_spec" tests/fuzz/regressions/fuzz_spec
check tests/fuzz/fuzz.sh regress "$bin/fuzz_models" tests/fuzz/regressions/fuzz_models
check tests/fuzz/fuzz.sh regress "$bin/fuzz_parse" tests/fuzz/regressions/fuzz_models
check tests/fuzz/fuzz.sh regress "$bin/fuzz_response" tests/fuzz/regressions/fuzz_response
check tests/fuzz/fuzz.sh regress "$bin/fuzz_mustache" tests/fuzz/regressions/fuzz_mustache
check tests/fuzz/fuzz.sh regress "$bin/fuzz_patterns" tests/fuzz/regressions/fuzz_patterns
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
