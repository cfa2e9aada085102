#!/bin/sh
# bench/hostile.sh: the generator's memory and output on hostile specs (issue 10, class 6).
#
#   bench/hostile.sh [--apigen PATH] [--work DIR]
#
# Writes each input (python3), runs `apigen generate` on it once through bench_exec, and prints
# one Markdown table row per input: size, exit status, peak RSS, RSS/size, wall time, bytes of
# standard error and its last line. Inputs:
#   aliases-20MB   `x: &a 1` then a flow list of 6.7 M aliases `*b` to no anchor (20 MB): 6.7 M errors
#   flow-200MB     a flow list of 100 M one-digit integers (200 MB): over the 64 MiB limit
#   flow-60MB      the same, 60 MB: under the size limit, over the node budget (1 per 4 bytes)
#   flow-20MB      the same, 20 MB
#   sparse-60MB    60 MB of `- 1` items padded with comments: 1 node per 24 bytes, loads whole
#   bench10000     bench/synth_spec's 10,000-operation spec (30 MB): a real spec, generated
#   deep-1M        `x: ` then 1,000,000 `[` and `]` (2 MB): one error, the load stops at level 65
#   pat_dup        2,000 properties of one pattern `[^\S\d]` x 50 (0.8 MB): translated once
#   pat_distinct   2,000 distinct such patterns (0.8 MB): each translation (27 x its text) kept
#   pat_huge       20 patterns `\s` x 20,000 (0.8 MB): each refused past a 1 MiB translation
#   wide_300k      one model of 300,000 properties `{type: any}` (6.2 MB): generated
# --inputs "NAME ...": only those inputs.
# Needs about 1 GB of disk in WORK (default /tmp/apigen-hostile) and 1.5 GB of RAM.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APIGEN=$ROOT/build/bin/apigen
WORK=/tmp/apigen-hostile
INPUTS="aliases-20MB flow-200MB flow-60MB flow-20MB sparse-60MB bench10000 deep-1M pat_dup pat_distinct pat_huge wide_300k"
while [ $# -gt 0 ]; do
    case $1 in
    --apigen) APIGEN=$2; shift ;;
    --work) WORK=$2; shift ;;
    --inputs) INPUTS=$2; shift ;;
    *) echo "usage: bench/hostile.sh [--apigen PATH] [--work DIR] [--inputs \"NAME ...\"]" >&2; exit 2 ;;
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
write('aliases-20MB', 'apigen: 1\nx: &a 1\ny: [', '*b,', 20 * 10**6 // 3, '*b]\n')
write('flow-200MB', 'apigen: 1\ny: [', '1,', 100 * 10**6, '1]\n')
write('flow-60MB', 'apigen: 1\ny: [', '1,', 30 * 10**6, '1]\n')
write('flow-20MB', 'apigen: 1\ny: [', '1,', 10 * 10**6, '1]\n')
write('sparse-60MB', 'apigen: 1\ny:\n', '- 1 # padding padding pad\n', 60 * 10**6 // 26, '')
write('deep-1M', 'apigen: 1\nx: ', '[', 10**6, ']' * 10**6 + '\n')
def spec(name, props):
    path = os.path.join(w, name + '.yaml')
    if os.path.exists(path):
        return
    with open(path, 'w') as f:
        f.write('apigen: 1\napi: {name: %s}\nschemas:\n  T:\n    type: object\n' % name)
        f.write(props)
        f.write('operations:\n  get:\n    method: GET\n    path: /t\n    responses:\n'
                '      "200":\n        schema: {$ref: T}\n')
many = '[^\\S\\d]' * 50
spec('pat_dup', '    properties:\n' + ''.join("      p%d: {type: string, pattern: '%s'}\n" % (i, many) for i in range(2000)))
spec('pat_distinct', '    properties:\n' + ''.join("      p%d: {type: string, pattern: '%sx{%d}'}\n" % (i, many, i + 1) for i in range(2000)))
spec('pat_huge', '    properties:\n' + ''.join("      p%d: {type: string, pattern: '%s'}\n" % (i, '\\s' * 20000) for i in range(20)))
spec('wide_300k', '    properties: {' + ','.join('p%d: {type: any}' % i for i in range(300000)) + '}\n')
PY
[ -f "$WORK/bench10000.yaml" ] || "$WORK/bin/synth_spec" 10000 bench10000 >"$WORK/bench10000.yaml"
echo "| input | MB | exit | peak RSS MB | RSS / size | wall s | stderr bytes | last line of stderr |"
echo "|---|---|---|---|---|---|---|---|"
for name in $INPUTS; do
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
