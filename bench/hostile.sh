#!/bin/sh
# bench/hostile.sh: the generator's memory and output on hostile specs (issue 10, class 6).
#
#   bench/hostile.sh [--apigen PATH] [--work DIR]
#
# Writes each input (python3), runs `apigen generate` on it once through bench_exec, and prints
# one Markdown table row per input: size, exit status, peak RSS, RSS/size, wall time, bytes of
# standard error and its last line. Inputs:
#   aliases-20MB   `x: &a 1` then a flow list of 6.7 M aliases `*a` (20 MB): 6.7 M errors
#   flow-200MB     a flow list of 100 M one-digit integers (200 MB): over the 64 MiB limit
#   flow-60MB      the same, 60 MB: under the size limit, over the node budget (1 per 4 bytes)
#   flow-20MB      the same, 20 MB
#   sparse-60MB    60 MB of `- 1` items padded with comments: 1 node per 24 bytes, loads whole
#   bench10000     bench/synth_spec's 10,000-operation spec (30 MB): a real spec, generated
# Needs about 1 GB of disk in WORK (default /tmp/apigen-hostile) and 1.5 GB of RAM.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APIGEN=$ROOT/build/bin/apigen
WORK=/tmp/apigen-hostile
while [ $# -gt 0 ]; do
    case $1 in
    --apigen) APIGEN=$2; shift ;;
    --work) WORK=$2; shift ;;
    *) echo "usage: bench/hostile.sh [--apigen PATH] [--work DIR]" >&2; exit 2 ;;
    esac
    shift
done
mkdir -p "$WORK/bin"
cc -O2 -o "$WORK/bin/bench_exec" "$ROOT/bench/bench_exec.c"
cc -O2 -o "$WORK/bin/synth_spec" "$ROOT/bench/synth_spec.c"
python3 - "$WORK" <<'PY'
import os, sys
w = sys.argv[1]
def write(name, head, piece, count, tail):
    path = os.path.join(w, name + '.yaml')
    if os.path.exists(path):
        return
    with open(path, 'w') as f:
        f.write(head)
        chunk = piece * 100000
        for _ in range(count // 100000):
            f.write(chunk)
        f.write(piece * (count % 100000))
        f.write(tail)
write('aliases-20MB', 'apigen: 1\nx: &a 1\ny: [', '*a,', 20 * 10**6 // 3, '*a]\n')
write('flow-200MB', 'apigen: 1\ny: [', '1,', 100 * 10**6, '1]\n')
write('flow-60MB', 'apigen: 1\ny: [', '1,', 30 * 10**6, '1]\n')
write('flow-20MB', 'apigen: 1\ny: [', '1,', 10 * 10**6, '1]\n')
write('sparse-60MB', 'apigen: 1\ny:\n', '- 1 # padding padding pad\n', 60 * 10**6 // 26, '')
PY
[ -f "$WORK/bench10000.yaml" ] || "$WORK/bin/synth_spec" 10000 bench10000 >"$WORK/bench10000.yaml"
echo "| input | MB | exit | peak RSS MB | RSS / size | wall s | stderr bytes | last line of stderr |"
echo "|---|---|---|---|---|---|---|---|"
for name in aliases-20MB flow-200MB flow-60MB flow-20MB sparse-60MB bench10000; do
    spec=$WORK/$name.yaml
    rm -rf "$WORK/out"
    line=$("$WORK/bin/bench_exec" -- "$APIGEN" generate -o "$WORK/out" "$spec" 2>"$WORK/stderr" || true)
    set -- $line
    size=$(stat -c %s "$spec")
    awk -v n="$name" -v s="$size" -v w="$1" -v r="$2" -v st="$3" -v e="$(stat -c %s "$WORK/stderr")" \
        -v last="$(tail -n 1 "$WORK/stderr" | cut -c1-90)" \
        'BEGIN { printf "| %s | %.1f | %s | %.1f | %.2f | %.2f | %d | %s |\n", n, s / 1e6, st, r / 1024, r * 1024 / s, w / 1000, e, last }'
done
rm -rf "$WORK/out"
