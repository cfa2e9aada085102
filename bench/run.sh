#!/bin/sh
# bench/run.sh: the apigen benchmark harness (see bench/README.md).
#
#   bench/run.sh [--quick] [--build DIR] [--apigen PATH] [--work DIR] [--cc CC]
#
#   --quick    fewer runs, no 10,000-operation spec, compile cost on a 10-operation spec, no
#              instruction counts of synthetic specs: about 20 s of CPU, well under a minute
#              on 2 cores. CTest runs it (test bench_quick). Without --quick (the full run):
#              about 15 minutes on 2 cores, 2 GB of RAM, 0.5 GB of disk.
#   --build    the CMake build tree holding bin/apigen (default: build)
#   --apigen   the generator to measure (default: BUILD/bin/apigen)
#   --work     scratch directory (default: BUILD/bench/work); results.md is written there
#   --cc       C compiler for the benchmark programs and the compile-cost figure (default: $CC,
#              else cc)
#
# Everything measured is rebuilt from the working tree on each run: the synthetic specs, the
# code generated from them and from specs/applivery.yaml, and the runtime the generator copies
# from templates/. Only apigen itself must be built first (cmake --build build).
#
# Exit status: 0 when the harness ran and every correctness check passed, whatever the timings
# (the machines are noisy: performance targets are reported as met / NOT MET, never enforced);
# 1 when something broke: a spec did not generate, generated code did not compile, the
# benchmark document did not parse, print(parse(doc)) != doc, a planted violation was missed.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=0
BUILD=$ROOT/build
APIGEN=
WORK=
CC=${CC:-cc}

usage() {
    awk 'NR >= 4 && /^# Everything/ {exit} NR >= 4' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
    --quick) QUICK=1 ;;
    --build) [ $# -ge 2 ] || usage; BUILD=$2; shift ;;
    --apigen) [ $# -ge 2 ] || usage; APIGEN=$2; shift ;;
    --work) [ $# -ge 2 ] || usage; WORK=$2; shift ;;
    --cc) [ $# -ge 2 ] || usage; CC=$2; shift ;;
    -h | --help) usage ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
    esac
    shift
done
[ -n "$APIGEN" ] || APIGEN=$BUILD/bin/apigen
[ -n "$WORK" ] || WORK=$BUILD/bench/work
if [ ! -x "$APIGEN" ]; then
    echo "run.sh: no generator at $APIGEN; build it first: cmake -S . -B build && cmake --build build -j2" >&2
    exit 1
fi

if [ $QUICK -eq 1 ]; then
    MODE=quick
    SIZES="100 1000"
    GEN_RUNS=3      # runs per synthetic spec
    SEED_RUNS=5     # runs per seed spec
    COMPILE_N=10    # operations of the spec whose generated code is compiled
    COMPILE_RUNS=1
    ROUNDS=5        # bench_codec time: blocks of 5 timed runs per case
else
    MODE=full
    SIZES="100 1000 10000"
    GEN_RUNS=5
    SEED_RUNS=11
    COMPILE_N=1000
    COMPILE_RUNS=3
    ROUNDS=41
fi
BIG_RUNS=3 # runs of the 10,000-operation spec (full mode)

# Flags of a default (RelWithDebInfo) build with the house warnings as errors; DWARF 4 so that
# Debian 12's valgrind reads clang's debug information too.
CFLAGS_BENCH="-std=c11 -O2 -g -gdwarf-4 -DNDEBUG -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
DEPS=$(pkg-config --cflags --libs libcjson libpcre2-8)
# The runtime's C sources: the compiled APIGEN_RUNTIME rows of the table of outputs.
RT_SOURCES=$(sed -n 's/^APIGEN_RUNTIME("\([^"]*\)", 1)$/\1/p' "$ROOT/generator/outputs.def")
[ -n "$RT_SOURCES" ] || { echo "no runtime sources in generator/outputs.def" >&2; exit 2; }

# The work directory is emptied first: only one this script made (or an empty one).
if [ -d "$WORK" ] && [ ! -e "$WORK/.apigen-bench-work" ] && [ -n "$(ls -A "$WORK")" ]; then
    echo "run.sh: $WORK is not empty and not a bench work directory; pass another --work" >&2
    exit 1
fi
rm -rf "$WORK"
mkdir -p "$WORK/bin" "$WORK/specs" "$WORK/times"
: >"$WORK/.apigen-bench-work"
RESULTS=$WORK/results.md
FAILED=0

fail() {
    echo "run.sh: HARNESS FAILURE: $*" >&2
    FAILED=1
}

# ---------------------------------------------------------------- helpers ----

# median FILE [COL]: median of column COL (default 1) of FILE.
median() {
    awk -v c="${2:-1}" '{print $c}' "$1" | sort -n |
        awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# maxcol FILE COL: largest value of column COL.
maxcol() {
    awk -v c="$2" 'NR == 1 || $c > m {m = $c} END {print m}' "$1"
}
mincol() {
    awk -v c="$2" 'NR == 1 || $c < m {m = $c} END {printf "%.2f", m}' "$1"
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.3f", a / b}'
}
kb_to_mb() {
    awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'
}
# le A B: whether A <= B (numbers); "n/a" is never.
le() {
    awk -v a="$1" -v b="$2" 'BEGIN {exit !(a != "n/a" && a + 0 <= b + 0)}'
}
# within VALUE LIMIT: "met" when VALUE <= LIMIT, else "NOT MET".
within() {
    if le "$1" "$2"; then echo met; else echo "NOT MET"; fi
}

# timed NAME RUNS OUTDIR COMMAND...: runs COMMAND RUNS times through bench_exec, emptying OUTDIR
# before each run (a clean generation every time); writes "wall_ms maxrss_kb user_ms sys_ms"
# lines to times/NAME. Fails the harness when the command fails.
timed() {
    name=$1 runs=$2 outdir=$3
    shift 3
    : >"$WORK/times/$name"
    i=0
    while [ $i -lt "$runs" ]; do
        [ "$outdir" = - ] || rm -rf "$outdir"
        if ! line=$("$WORK/bin/bench_exec" -- "$@"); then
            fail "$name: '$*' failed ($line)"
            return 1
        fi
        echo "$line" | awk '{print $1, $2, $4, $5}' >>"$WORK/times/$name"
        i=$((i + 1))
    done
}

# ---------------------------------------------------------------- machine ----

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
MEM=$(awk '/^MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo "?")
CCVER=$($CC --version 2>/dev/null | head -n 1)
CJSONVER=$(pkg-config --modversion libcjson)
PCREVER=$(pkg-config --modversion libpcre2-8)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "== apigen bench ($MODE) in $WORK"
echo "machine: $(nproc) CPUs, ${CPU:-unknown CPU}, $MEM RAM, $(uname -sr)"
echo "compiler: $CCVER; cJSON $CJSONVER; PCRE2 $PCREVER"

# ---------------------------------------------------------------- tools ----

"$CC" $CFLAGS_BENCH -o "$WORK/bin/synth_spec" "$ROOT/bench/synth_spec.c"
"$CC" $CFLAGS_BENCH -o "$WORK/bin/bench_exec" "$ROOT/bench/bench_exec.c"

# ------------------------------------------------------------ generator ----

echo "== generator"
timed true "$SEED_RUNS" - true
timed version "$SEED_RUNS" - "$APIGEN" --version
for spec in "$ROOT"/specs/*.yaml; do
    stem=$(basename "$spec" .yaml)
    timed "seed_$stem" "$SEED_RUNS" "$WORK/out-seed" \
        "$APIGEN" generate -o "$WORK/out-seed" --templates "$ROOT/templates" "$spec" || true
done
timed seed_all "$SEED_RUNS" "$WORK/out-seed" \
    "$APIGEN" generate -o "$WORK/out-seed" --templates "$ROOT/templates" "$ROOT"/specs/*.yaml || true

for n in $SIZES; do
    "$WORK/bin/synth_spec" "$n" "bench$n" >"$WORK/specs/bench$n.yaml"
    runs=$GEN_RUNS
    [ "$n" -lt 10000 ] || runs=$BIG_RUNS
    echo "   bench$n: $(wc -c <"$WORK/specs/bench$n.yaml") bytes of spec, $runs runs"
    timed "bench$n" "$runs" "$WORK/out-$n" \
        "$APIGEN" generate -o "$WORK/out-$n" --templates "$ROOT/templates" "$WORK/specs/bench$n.yaml" || continue
    # Size of what one generation wrote; the output of the compiled spec is kept.
    cat "$WORK/out-$n/bench$n"/* | wc -c >"$WORK/times/bench$n.outbytes"
    [ "$n" -eq "$COMPILE_N" ] || rm -rf "$WORK/out-$n"
done
# Where the time of the largest spec goes: one more run with --timings (stages and outputs).
LARGEST=${SIZES##* }
rm -rf "$WORK/out-phases"
"$APIGEN" generate --timings -o "$WORK/out-phases" --templates "$ROOT/templates" \
    "$WORK/specs/bench$LARGEST.yaml" 2>"$WORK/times/phases.txt" >/dev/null || true
rm -rf "$WORK/out-phases"
[ -d "$WORK/out-$COMPILE_N" ] || "$WORK/bin/synth_spec" "$COMPILE_N" "bench$COMPILE_N" >"$WORK/specs/bench$COMPILE_N.yaml"
[ -d "$WORK/out-$COMPILE_N" ] || "$APIGEN" generate -o "$WORK/out-$COMPILE_N" --templates "$ROOT/templates" "$WORK/specs/bench$COMPILE_N.yaml" || fail "bench$COMPILE_N does not generate"

# Instruction counts of whole generator runs (they repeat exactly, unlike times).
HAVE_VALGRIND=0
command -v valgrind >/dev/null 2>&1 && HAVE_VALGRIND=1
IR_SIZES="" # quick mode: the seeds only
[ $QUICK -eq 1 ] || IR_SIZES="100 1000 10000" # 10000: about 5 minutes under callgrind
# ir NAME OUTDIR COMMAND...: callgrind's instruction count of COMMAND into times/NAME.ir.
ir() {
    name=$1 outdir=$2
    shift 2
    [ $HAVE_VALGRIND -eq 1 ] || return 0
    [ "$outdir" = - ] || rm -rf "$outdir"
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    if [ -n "$count" ]; then echo "$count" >"$WORK/times/$name.ir"; else fail "callgrind of $*"; fi
}
if [ $HAVE_VALGRIND -eq 1 ]; then
    ir version - "$APIGEN" --version
    for spec in "$ROOT"/specs/*.yaml; do
        stem=$(basename "$spec" .yaml)
        ir "seed_$stem" "$WORK/out-seed" "$APIGEN" generate -o "$WORK/out-seed" --templates "$ROOT/templates" "$spec"
    done
    ir seed_all "$WORK/out-seed" "$APIGEN" generate -o "$WORK/out-seed" --templates "$ROOT/templates" "$ROOT"/specs/*.yaml
    for n in $IR_SIZES; do
        [ -s "$WORK/specs/bench$n.yaml" ] || continue
        ir "bench$n" "$WORK/out-ir" "$APIGEN" generate -o "$WORK/out-ir" --templates "$ROOT/templates" "$WORK/specs/bench$n.yaml"
    done
    rm -rf "$WORK/out-ir" "$WORK/out-seed"
fi

# ------------------------------------------------------------ compile cost ----

echo "== compile cost (bench$COMPILE_N)"
GEN=$WORK/out-$COMPILE_N
C_LINES=$(wc -l <"$GEN/bench$COMPILE_N/bench$COMPILE_N.c" || echo 0)
H_LINES=$(wc -l <"$GEN/bench$COMPILE_N/bench$COMPILE_N.h" || echo 0)
RT_LINES=$(cd "$GEN/runtime" && cat $RT_SOURCES | wc -l || echo 0)
mkdir -p "$WORK/rt-obj"
# shellcheck disable=SC2016
timed compile_rt "$COMPILE_RUNS" - sh -c 'cd "$0" && exec "$@"' "$WORK/rt-obj" "$CC" $CFLAGS_BENCH \
    -I"$GEN/runtime" -c $(for f in $RT_SOURCES; do echo "$GEN/runtime/$f"; done) || true
timed compile_gen "$COMPILE_RUNS" - "$CC" $CFLAGS_BENCH -I"$GEN" -I"$GEN/runtime" \
    -c "$GEN/bench$COMPILE_N/bench$COMPILE_N.c" -o "$WORK/bench$COMPILE_N.o" || true

# ------------------------------------------------------------ parse / write ----

echo "== generated code: parse and write (createOtpUser 200, 2,800 items)"
CODEC=$WORK/codec
"$APIGEN" generate -o "$CODEC" --templates "$ROOT/templates" "$ROOT/specs/applivery.yaml" ||
    fail "specs/applivery.yaml does not generate"
if "$CC" $CFLAGS_BENCH -I"$CODEC" -I"$CODEC/runtime" -o "$WORK/bin/bench_codec" \
    "$ROOT/bench/bench_codec.c" "$CODEC/applivery/applivery.c" \
    $(for f in $RT_SOURCES; do echo "$CODEC/runtime/$f"; done) $DEPS; then
    "$WORK/bin/bench_codec" check || fail "bench_codec check"
    "$WORK/bin/bench_codec" time "$ROUNDS" >"$WORK/times/codec" || fail "bench_codec time"
else
    fail "bench_codec does not compile"
fi
codec() { awk -v k="$1" '$1 == k {print $2}' "$WORK/times/codec" 2>/dev/null | grep . || echo n/a; }

# region_irs PROGRAM CASE...: callgrind's count inside bench_region of `PROGRAM once CASE` into
# IR_<case> (dashes as underscores) for each CASE; n/a without valgrind or program.
region_irs() {
    prog=$1
    shift
    for c in "$@"; do
        count=n/a
        if [ $HAVE_VALGRIND -eq 1 ] && [ -x "$WORK/bin/$prog" ]; then
            count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=bench_region \
                "$WORK/bin/$prog" once "$c" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
            [ -n "$count" ] || { fail "callgrind of $prog once $c"; count=n/a; }
        fi
        eval "IR_$(echo "$c" | tr - _)=\$count"
    done
}
[ $HAVE_VALGRIND -eq 1 ] || echo "   valgrind not found: no instruction counts"
region_irs bench_codec parse-bare parse-gen write-bare write-gen write-tree

# ------------------------------------------------------------ one client call ----

echo "== the client on one createOtpUser call: build the request, decode a 200 (no network)"
if "$CC" $CFLAGS_BENCH -I"$CODEC" -I"$CODEC/runtime" -o "$WORK/bin/bench_call" \
    "$ROOT/bench/bench_call.c" "$CODEC/applivery/applivery.c" \
    $(for f in $RT_SOURCES; do echo "$CODEC/runtime/$f"; done) $DEPS; then
    "$WORK/bin/bench_call" check || fail "bench_call check"
else
    fail "bench_call does not compile"
fi
region_irs bench_call build-bare build-call decode-bare decode-call

# ------------------------------------------------------------ results ----

row_gen() { # row_gen NAME LABEL OPS TARGET-TEXT TARGET-STATUS
    f=$WORK/times/$1
    if [ -s "$f" ]; then
        irn=-
        [ ! -s "$f.ir" ] || irn=$(cat "$f.ir")
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$3" "$(wc -l <"$f")" \
            "$(median "$f")" "$(mincol "$f" 1)" "$(maxcol "$f" 1 | awk '{printf "%.2f", $1}')" \
            "$(median "$f" 3)" "$(median "$f" 4)" \
            "$(kb_to_mb "$(maxcol "$f" 2)")" "$irn" "$4" "$5"
    else
        printf '| %s | %s | - | failed | | | | | | | %s | NOT MEASURED |\n' "$2" "$3" "$4"
    fi
}
med() { [ -s "$WORK/times/$1" ] && median "$WORK/times/$1" || echo n/a; }
rss() { [ -s "$WORK/times/$1" ] && maxcol "$WORK/times/$1" 2 || echo n/a; }

{
    echo "### Results ($MODE mode)"
    echo
    echo "Machine: $(nproc) CPUs, ${CPU:-unknown CPU}, $MEM RAM, $(uname -sr); $CCVER; cJSON $CJSONVER; PCRE2 $PCREVER."
    echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?") (other work on the machine inflates times; ratios and instruction counts hold up better)."
    echo
    echo "#### Generator: \`apigen generate\`, clean output directory each run"
    echo
    echo "| spec | operations | runs | median ms | min ms | max ms | user ms | sys ms | peak RSS MB | Ir (callgrind) | target | status |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    row_gen true "\`true\` (fork + exec of an empty program, baseline)" - "" ""
    row_gen version "\`apigen --version\` (process start, baseline)" - "" ""
    all_ops=0
    own=""
    for spec in "$ROOT"/specs/*.yaml; do
        stem=$(basename "$spec" .yaml)
        ops=$(awk '/^operations:/ {on = 1; next} on && /^[^ #]/ {on = 0} on && /^  [A-Za-z_][A-Za-z0-9_]*:/ {n++} END {print n + 0}' "$spec")
        all_ops=$((all_ops + ops))
        st=$(within "$(med "seed_$stem")" 10)
        row_gen "seed_$stem" "seed specs/$stem.yaml" "$ops" "< 10 ms" "$st"
        own="$own$stem $(awk -v a="$(med "seed_$stem")" -v b="$(med true)" 'BEGIN {printf "%.2f", a - b}') ms, "
    done
    st=$(within "$(med seed_all)" 10)
    row_gen seed_all "all seed specs, one run" "$all_ops" "< 10 ms" "$st"
    for n in $SIZES; do
        if [ "$n" -eq 10000 ]; then
            st1=$(within "$(med bench10000)" 2000)
            st2=$(within "$(rss bench10000)" 512000)
            st="time $st1, memory $st2"
            row_gen bench10000 "synthetic bench10000" 10000 "< 2000 ms, < 500 MB" "$st"
        else
            row_gen "bench$n" "synthetic bench$n" "$n" "" ""
        fi
    done
    echo
    echo "Seed specs minus process start (median of the seed minus median of \`true\`): ${own}all $(awk -v a="$(med seed_all)" -v b="$(med true)" 'BEGIN {printf "%.2f", a - b}') ms."
    echo
    for n in $SIZES; do
        [ -s "$WORK/times/bench$n.outbytes" ] &&
            echo "bench$n: $(wc -c <"$WORK/specs/bench$n.yaml") bytes of YAML in, $(cat "$WORK/times/bench$n.outbytes") bytes of C/JSON out."
    done
    echo
    if [ -s "$WORK/times/phases.txt" ]; then
        echo "Stages of one more run of bench$LARGEST (\`apigen generate --timings\`; the four outputs are written on two threads):"
        echo
        sed -e "s|$WORK/specs/||" -e 's/^/    /' "$WORK/times/phases.txt"
        echo
    fi
    if [ $QUICK -eq 0 ]; then
        r=$(ratio "$(med bench10000)" "$(med bench1000)")
        st=$(within "$r" 12)
        echo "Scaling: time(10000) / time(1000) = **$r** (target <= 12: $st)."
    else
        r=$(ratio "$(med bench1000)" "$(med bench100)")
        echo "Scaling: time(1000) / time(100) = **$r** (quick mode; the target time(10000) / time(1000) <= 12 is measured by the full run)."
    fi
    irs=""
    for pair in "1000 100" "10000 1000"; do
        set -- $pair
        [ -s "$WORK/times/bench$1.ir" ] && [ -s "$WORK/times/bench$2.ir" ] &&
            irs="$irs Ir($1) / Ir($2) = $(ratio "$(cat "$WORK/times/bench$1.ir")" "$(cat "$WORK/times/bench$2.ir")");"
    done
    if [ -n "$irs" ]; then
        echo
        echo "Instructions (callgrind, whole runs):$irs"
    fi
    echo
    echo "#### Generated code: createOtpUser 200 response, 2,800 items ($(codec doc_bytes) bytes)"
    echo
    echo "Time: median of $(( ROUNDS * 5 )) runs per case, in alternating blocks, in one process. Instructions: callgrind, one warm run inside \`bench_region\`."
    echo
    echo "| case | baseline | baseline ms | measured ms | time ratio | baseline Ir | measured Ir | Ir ratio | target | status |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    pr=$(codec parse_ratio); pir=$(ratio "$IR_parse_gen" "$IR_parse_bare")
    st="time $(within "$pr" 1.25), Ir $(within "$pir" 1.25)"
    echo "| parse + validate + free (\`_parse\`, \`_free\`) | \`cJSON_ParseWithLength\` + \`cJSON_Delete\` | $(codec parse_bare_ms) | $(codec parse_gen_ms) | $pr | $IR_parse_bare | $IR_parse_gen | $pir | <= 1.25x | $st |"
    wr=$(codec write_ratio); wir=$(ratio "$IR_write_gen" "$IR_write_bare")
    st="time $(within "$wr" 1.2), Ir $(within "$wir" 1.2)"
    echo "| write (\`_print\`, struct to text) | hand-written cJSON build + \`cJSON_PrintUnformatted\` | $(codec write_bare_ms) | $(codec write_gen_ms) | $wr | $IR_write_bare | $IR_write_gen | $wir | <= 1.2x | $st |"
    tr=$(codec write_tree_ratio); tir=$(ratio "$IR_write_tree" "$IR_write_bare")
    st="time $(within "$tr" 1.2), Ir $(within "$tir" 1.2)"
    echo "| write (\`_to_json\` + \`apigen_json_print\`) | the same | $(codec write_bare2_ms) | $(codec write_tree_ms) | $tr | $IR_write_bare | $IR_write_tree | $tir | <= 1.2x | $st |"
    echo
    echo "#### The client's overhead on one createOtpUser call (no network; bench_call)"
    echo
    echo "Instructions: callgrind, one warm run inside \`bench_region\`; the request and the documented 200 example (one user)."
    echo
    echo "| step | bare (what it wraps) | bare Ir | client | client Ir | Ir ratio |"
    echo "|---|---|---|---|---|---|"
    echo "| build | \`_request_print\` + free | $IR_build_bare | \`apigen_request_build\` + \`apigen_request_free\` | $IR_build_call | $(ratio "$IR_build_call" "$IR_build_bare") |"
    echo "| decode | \`_response_200_parse\` + \`_free\` | $IR_decode_bare | \`apigen_result_init\` + \`apigen_response_decode\` + \`_free\` | $IR_decode_call | $(ratio "$IR_decode_call" "$IR_decode_bare") |"
    tb=$(awk -v a="$IR_build_bare" -v b="$IR_decode_bare" 'BEGIN {if (a == "n/a" || b == "n/a") print "n/a"; else print a + b}')
    tc=$(awk -v a="$IR_build_call" -v b="$IR_decode_call" 'BEGIN {if (a == "n/a" || b == "n/a") print "n/a"; else print a + b}')
    echo "| one call | both | $tb | both | $tc | $(ratio "$tc" "$tb") |"
    echo
    echo "#### Compile cost: generated code of bench$COMPILE_N ($CC -O2 -g, house warnings as errors)"
    echo
    echo "| file | lines | runs | median s | peak RSS MB |"
    echo "|---|---|---|---|---|"
    for f in rt gen; do
        if [ $f = rt ]; then label="runtime/*.c (baseline)"; lines=$RT_LINES
        else label="bench$COMPILE_N/bench$COMPILE_N.c (+ .h: $H_LINES lines)"; lines=$C_LINES; fi
        m=$(med "compile_$f")
        printf '| %s | %s | %s | %s | %s |\n' "$label" "$lines" "$COMPILE_RUNS" \
            "$(awk -v m="$m" 'BEGIN {if (m == "n/a") print m; else printf "%.2f", m / 1000}')" \
            "$(r=$(rss "compile_$f"); [ "$r" = n/a ] && echo n/a || kb_to_mb "$r")"
    done
    echo
    echo "Compile time ratio bench$COMPILE_N.c / runtime/*.c: $(ratio "$(med compile_gen)" "$(med compile_rt)"); lines of C per operation: $(awk -v l="$C_LINES" -v h="$H_LINES" -v n="$COMPILE_N" 'BEGIN {printf "%.0f (.c) + %.0f (.h)", l / n, h / n}')."
} >"$RESULTS"

echo
cat "$RESULTS"
echo
if [ $FAILED -ne 0 ]; then
    echo "run.sh: the harness FAILED (see HARNESS FAILURE above)" >&2
    exit 1
fi
echo "run.sh: harness ok ($MODE); results in $RESULTS"
