#!/bin/sh
# wide_spec.sh N NAME > NAME.yaml: a spec whose one schema has N properties (a string, an
# integer, an array and a nullable number in turn; the first is required), for measuring how
# the checker scales with the number of properties of one object (bench/README.md):
#   for n in 12500 25000 50000; do
#     bench/wide_spec.sh $n wide$n > /tmp/wide$n.yaml
#     build/bin/apigen generate --timings -o /tmp/wide-out /tmp/wide$n.yaml
#   done
set -eu
n=$1
name=$2
printf 'apigen: 1\napi: {name: %s}\nschemas:\n  Wide:\n    type: object\n' "$name"
printf '    required: [prop0Value]\n    properties:\n'
awk -v n="$n" 'BEGIN {
  for (i = 0; i < n; i++) {
    t = i % 4
    if (t == 0) s = "{type: string, maxLength: 9}"
    else if (t == 1) s = "{type: integer}"
    else if (t == 2) s = "{type: array, items: {type: string}}"
    else s = "{type: number, nullable: true}"
    printf "      prop%dValue: %s\n", i, s
  }
}'
printf 'operations:\n  getWide:\n    method: GET\n    path: /wide\n'
printf '    responses:\n      "200": {schema: {$ref: Wide}}\n'
