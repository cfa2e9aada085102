#!/usr/bin/env bash
# Mutation check: does a behavioural test notice each deliberate single-line bug?
#
#   tests/mutation/run.sh [NAME...]          every mutation of mutations.tsv, or only those named
#   tests/mutation/run.sh --check [NAME...]  only find each row's text (no build): after a file
#                                            is split or code moves, shows what each row hits
#
# Each line of mutations.tsv (tab-separated: name, where, text, replacement, what it breaks,
# expected) replaces TEXT by REPLACEMENT in a scratch copy of the tree ($MUTATION_WORK, default
# /tmp/apigen-mutation: src/ and one build/ reused across mutations and runs, so only what a
# mutation touches is rebuilt). WHERE is a file or a folder (such as templates/runtime/ or
# generator/, whose files get split and renamed): TEXT must occur exactly once in it, in
# whichever file below it holds it. After each mutation the build runs, then every test but
# generated_is_current (a byte diff against generated/, which flags any change, right or
# wrong), bench_quick and header_dialects (slow), with ctest -j2.
# A mutation is caught when a test fails, or when apigen, run by the build, refuses a spec's
# own examples ("generation"); it survives when every test passes. EXPECTED (optional,
# space-separated CTest names) are tests that must be among the failures, such as the unit
# test of the runtime part the mutated line belongs to (runtime_text, runtime_parse ...): a
# mutation caught, but not by each of them, is "MISSED". It is an error of the list when its
# text does not occur exactly once, or when the mutated tree does not compile.
# Prints one line per mutation and "N caught, N survived, N missed, N broken"; exits 1 unless
# every mutation was caught as expected. Not part of the default ctest run: about 15 s per
# mutation on 2 cores, about 10 minutes for the list (tests/README.md has the last full run).
# For a quick partial run: MUTATION_TARGETS (build only these targets, space-separated) and
# MUTATION_TESTS (ctest -R regex), e.g. the runtime rows against the runtime's unit tests:
#   MUTATION_TARGETS="$(echo test_rt_{core,text,patterns,rules,exact,tree,print,parse})" \
#   MUTATION_TESTS='^runtime_' tests/mutation/run.sh e164-max-length duplicate-key
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
list=$root/tests/mutation/mutations.tsv
work=${MUTATION_WORK:-/tmp/apigen-mutation}
suites=${APIGEN_TESTSUITES_DIR:-$root/../shared/testsuites}
jobs=${MUTATION_JOBS:-2}
src=$work/src build=$work/build
start=$SECONDS

check_only=0
if [ "${1:-}" = --check ]; then
    check_only=1
    shift
fi

# Finds the row's text below $src/$1 (a file or a folder); sets target (the one file holding
# it), occurrences (in the whole of $1: each line counted as often as it holds the text) and
# hits (" file: n" for each file that holds it).
locate() {
    local where=$src/$1 f n
    target='' occurrences=0 hits=
    while IFS= read -r -d '' f; do
        n=$(TEXT="$text" awk 'BEGIN { n = 0 } { s = $0; while ((i = index(s, ENVIRON["TEXT"])) > 0) { n++; s = substr(s, i + length(ENVIRON["TEXT"])) } } END { print n }' "$f" 2>/dev/null)
        if [ "${n:-0}" -gt 0 ]; then
            occurrences=$((occurrences + n))
            target=$f
            hits="$hits ${f#"$src/"}: $n"
        fi
    done < <(grep -rlZF -- "$text" "$where" 2>/dev/null)
}

mkdir -p "$work" || exit 2
# The scratch tree: the working tree as it is (committed or not), without build trees.
# Compared by content (-c) and copied without times: a file whose bytes differ gets a fresh
# time, so the reused build rebuilds exactly what changed, including what the last mutation
# of an earlier run touched (restored below with a fresh time too).
rsync -rlpc --delete --exclude='/build*' --exclude='/.git' "$root/" "$src/" || exit 2

# Configures and builds the scratch tree and runs the tests once unmutated (not with --check).
if [ $check_only -eq 0 ] && ! cmake -S "$src" -B "$build" -DAPIGEN_TESTSUITES_DIR="$suites" >"$work/configure.log" 2>&1; then
    echo "configure failed: $work/configure.log"
    exit 2
fi
targets=()
for t in ${MUTATION_TARGETS:-}; do targets+=(--target "$t"); done
build_tree() { cmake --build "$build" -j"$jobs" "${targets[@]}" >"$work/build.log" 2>&1; }
# Not run: generated_is_current (a byte diff, see above), bench_quick and header_dialects (slow:
# timings, and compiling every header in every dialect and for three foreign targets, which
# is about compiling, not behaviour). MUTATION_EXCLUDE replaces this regex.
exclude=${MUTATION_EXCLUDE:-'^(generated_is_current|bench_quick|header_dialects)$'}
# Runs the tests; prints the names of the failed ones, space-separated.
run_tests() {
    ctest --test-dir "$build" -j"$jobs" -E "$exclude" ${MUTATION_TESTS:+-R "$MUTATION_TESTS"} >"$work/ctest.log" 2>&1
    sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (\(Failed\|Timeout\|SEGFAULT\|Subprocess aborted\|Child aborted\|Exception\|Not Run\)).*/\1/p' \
        "$work/ctest.log" | tr '\n' ' '
}

if [ $check_only -eq 0 ]; then
    if ! build_tree; then
        echo "the unmutated tree does not build: $work/build.log"
        exit 2
    fi
    baseline=$(run_tests)
    if [ -n "$baseline" ]; then
        echo "the unmutated tree fails tests ($baseline): $work/ctest.log"
        exit 2
    fi
    echo "baseline: builds, every test passes ($((SECONDS - start)) s)"
fi

caught=0 survived=0 missed=0 broken=0 n=0
# The list is read on descriptor 3: the builds and tests below must not eat it from stdin.
while IFS=$'\t' read -r -u 3 name file text repl why expect; do
    case "$name" in '' | '#'*) continue ;; esac
    if [ $# -gt 0 ]; then
        wanted=0
        for w in "$@"; do [ "$w" = "$name" ] && wanted=1; done
        [ $wanted -eq 1 ] || continue
    fi
    n=$((n + 1))
    t0=$SECONDS
    locate "$file"
    if [ "$occurrences" != 1 ]; then
        echo "BROKEN   $name: the text occurs $occurrences times in $file${hits:+ (}${hits# }${hits:+)}"
        broken=$((broken + 1))
        continue
    fi
    at=${target#"$src/"}
    if [ $check_only -eq 1 ]; then
        caught=$((caught + 1))
        echo "found    $name: $at${expect:+ (expected: $expect)}"
        continue
    fi
    cp "$target" "$work/original"
    TEXT="$text" REPL="$repl" awk '{ i = index($0, ENVIRON["TEXT"]); if (i > 0) $0 = substr($0, 1, i - 1) ENVIRON["REPL"] substr($0, i + length(ENVIRON["TEXT"])); print }' \
        "$work/original" >"$target"
    if ! build_tree; then
        if grep -qE '^apigen: [0-9]+ errors?$' "$work/build.log"; then
            caught=$((caught + 1))
            first=$(grep -m1 -E 'error: ' "$work/build.log" | sed "s|$src/||")
            echo "caught   $name ($((SECONDS - t0)) s): generation: $first"
        else
            broken=$((broken + 1))
            echo "BROKEN   $name: the mutated tree does not compile:"
            grep -m3 -E 'error' "$work/build.log" | sed 's/^/    /'
        fi
    else
        failed=$(run_tests)
        absent=''
        for t in $expect; do
            case " $failed" in *" $t "*) ;; *) absent="$absent $t" ;; esac
        done
        if [ -z "$failed" ]; then
            survived=$((survived + 1))
            echo "SURVIVED $name ($at: $why)"
        elif [ -n "$absent" ]; then
            missed=$((missed + 1))
            echo "MISSED   $name ($at): not caught by$absent; caught by: $failed"
        else
            caught=$((caught + 1))
            echo "caught   $name ($at, $((SECONDS - t0)) s): $failed"
        fi
    fi
    # Restored with a fresh time, so the next build recompiles what this mutation changed.
    cp "$work/original" "$target"
done 3<"$list" </dev/null

if [ $# -gt 0 ] && [ $n -ne $# ]; then
    echo "some names are not in $list"
    broken=$((broken + $# - n))
fi
if [ $check_only -eq 1 ]; then
    echo "$n rows: $caught found once, $broken broken"
    [ $broken -eq 0 ] && [ $n -gt 0 ]
    exit
fi
echo "$n mutations in $((SECONDS - start)) s: $caught caught, $survived survived, $missed missed, $broken broken"
[ $survived -eq 0 ] && [ $missed -eq 0 ] && [ $broken -eq 0 ] && [ $n -gt 0 ]
