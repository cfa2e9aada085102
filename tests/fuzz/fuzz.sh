#!/usr/bin/env bash
# One fuzz target, as CTest and run.sh call it:
#   fuzz.sh run TARGET SEEDS WORK SECONDS [DICT]   fuzz for SECONDS from a fresh copy of SEEDS
#                                                 (WORK/corpus), crash files in WORK/
#   fuzz.sh regress TARGET DIR                    run every file in DIR once
# Prints one summary line; exit status 0 when nothing crashed, leaked or timed out, 1 when
# something did, 2 on a usage error (a missing target, seed or regression folder, or an
# empty one).
# FUZZ_FLAGS adds libFuzzer flags (e.g. FUZZ_FLAGS=-jobs=2).
set -uo pipefail
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
limits=(-rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10)

mode=${1:-}
case "$mode" in
run)
    [ $# -ge 5 ] || { echo "usage: fuzz.sh run TARGET SEEDS WORK SECONDS [DICT]" >&2; exit 2; }
    target=$2 seeds=$3 work=$4 seconds=$5 dict=${6:-}
    name=$(basename "$target")
    [ -f "$target" ] && [ -x "$target" ] || { echo "fuzz.sh: no executable target $target" >&2; exit 2; }
    [ -d "$seeds" ] || { echo "fuzz.sh: no seed folder $seeds" >&2; exit 2; }
    rm -rf "$work" && mkdir -p "$work/corpus" || exit 2
    cp -R "$seeds/." "$work/corpus/" || exit 2
    dict_flag=()
    [ -n "$dict" ] && [ -f "$dict" ] && dict_flag=(-dict="$dict")
    start=$SECONDS
    # shellcheck disable=SC2086
    "$target" "${limits[@]}" "${dict_flag[@]}" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$work/" ${FUZZ_FLAGS:-} "$work/corpus" >"$work/log" 2>&1
    rc=$?
    elapsed=$((SECONDS - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/log" | tail -1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$work/log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
    crashes=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
        -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    echo "$name: ${elapsed}s of ${seconds}s, execs ${execs:-?} (${speed:-?}/s), cov ${cov:-?}, ft ${ft:-?}," \
        "corpus ${corp:-?}, peak rss ${rss:-?} MB, crashes ${crashes}, exit ${rc}"
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        grep -E -A40 '^==[0-9]+==|runtime error|deadly signal' "$work/log" | head -80
        find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
            -o -name 'timeout-*' -o -name 'oom-*' \) -printf '  input: %p\n'
        echo "  log: $work/log"
        exit 1
    fi
    ;;
regress)
    [ $# -eq 3 ] || { echo "usage: fuzz.sh regress TARGET DIR" >&2; exit 2; }
    target=$2 dir=$3
    name=$(basename "$target")
    # A missing target or folder is an error, never "nothing to do": a typo or a target
    # that failed to build must not read as a pass.
    [ -f "$target" ] && [ -x "$target" ] || { echo "fuzz.sh: no executable target $target" >&2; exit 2; }
    [ -d "$dir" ] || { echo "fuzz.sh: no regression folder $dir" >&2; exit 2; }
    files=()
    while IFS= read -r -d '' f; do files+=("$f"); done \
        < <(find "$dir" -type f ! -name '.*' -print0 | sort -z)
    if [ ${#files[@]} -eq 0 ]; then
        echo "fuzz.sh: no regression inputs in $dir" >&2
        exit 2
    fi
    # One process per file, so that every failing input is named, not only the first.
    log=$(mktemp)
    failed=0
    for f in "${files[@]}"; do
        if ! "$target" "${limits[@]}" "$f" >"$log" 2>&1; then
            failed=$((failed + 1))
            echo "  FAILED: $f"
            grep -E -A12 'invariant broken|runtime error|^==[0-9]+==ERROR|deadly signal' "$log" |
                grep -v -E 'in fuzzer::|libc_start|in _start|in main ' | head -16 | sed 's/^/    /'
        fi
    done
    rm -f "$log"
    echo "$name regressions: ${#files[@]} inputs, $failed failed"
    [ "$failed" -eq 0 ] || exit 1
    ;;
*)
    echo "usage: fuzz.sh run TARGET SEEDS WORK SECONDS [DICT] | regress TARGET DIR" >&2
    exit 2
    ;;
esac
