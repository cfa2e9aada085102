#!/usr/bin/env bash
# The template author's side of `apigen generate`, through the command itself:
#  - --templates DIR overlays the built-in templates: one template, one partial or one runtime
#    file in DIR replaces the built-in one and the rest fall back (the output is otherwise
#    byte-identical to a run without DIR);
#  - the built-in partials fall back too: a user template includes them (the built-in templates
#    have no partials, so a copy of the install tree whose api.h.mustache has its enum block
#    moved into a partial stands in for the built-in templates; apigen finds the templates
#    beside itself, <prefix>/share/apigen/templates);
#  - a DIR that does not exist, is no folder or cannot be read: exit 2, an error naming DIR,
#    nothing written; a Mustache error in DIR's template or partial names that file, and a
#    partial file DIR has but that cannot be read is an error (not an empty partial);
#  - apigen dump-view SPEC is the view generate renders: each built-in template rendered by
#    `apigen render` with the dumped view is byte-identical to generate's output, and a
#    template's output equals what python3 computes from the parsed dump (when python3 is there);
#  - dump-view's errors, and render --partials DIR keeping its meaning.
# usage: overlay.sh APIGEN TEMPLATES_DIR OUTPUTS_DEF SPEC...
set -u
apigen=$1 templates=$2 outputs_def=$3
shift 3
specs=("$@")
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
stem() { local b=${1##*/}; echo "${b%%.*}"; }

# A run without --templates: what every overlay is compared with.
"$apigen" generate -o "$work/plain" "${specs[@]}" 2>"$work/err" || { echo "cannot generate: $(cat "$work/err")"; exit 1; }
n_enums=$(cat "$work"/plain/*/*.h | grep -c '^extern const apigen_enum ')
[ "$n_enums" -gt 0 ] || { echo "no enums in the specs: the partial cases need some"; exit 1; }

# expect NAME: the plain outputs with every spec's .h starting with the line
# "/* user template <stem> */" (what the api.h.mustache overrides below print first).
expect_marked_h() {
  rm -rf "$work/$1" && cp -r "$work/plain" "$work/$1"
  for s in "${specs[@]}"; do
    local h=$work/$1/$(stem "$s")/$(stem "$s").h
    { printf '/* user template %s */\n' "$(stem "$s")"; cat "$h"; } >"$h.new" && mv "$h.new" "$h"
  done
}
same_tree() { # $1 what, $2 expected folder, $3 actual folder
  if diff -r "$2" "$3" >"$work/diff"; then ok; else bad "$1: $(head -c 2000 "$work/diff")"; fi
}

# 1. One template: DIR has api.h.mustache only.
mkdir "$work/one"
{ echo '/* user template {{prefix}} */'; cat "$templates/api.h.mustache"; } >"$work/one/api.h.mustache"
"$apigen" generate -o "$work/out1" --templates "$work/one" "${specs[@]}" 2>"$work/err" || bad "one template: $(cat "$work/err")"
expect_marked_h want1
same_tree "one template" "$work/want1" "$work/out1"

# 2. One runtime file: DIR has runtime/apigen_rt_core.c only.
mkdir -p "$work/rt/runtime"
{ cat "$templates/runtime/apigen_rt_core.c"; echo '/* user runtime */'; } >"$work/rt/runtime/apigen_rt_core.c"
"$apigen" generate -o "$work/out2" --templates "$work/rt" "${specs[@]}" 2>"$work/err" || bad "one runtime file: $(cat "$work/err")"
rm -rf "$work/want2" && cp -r "$work/plain" "$work/want2" && cp "$work/rt/runtime/apigen_rt_core.c" "$work/want2/runtime/"
same_tree "one runtime file" "$work/want2" "$work/out2"

# 3. Built-in templates with a partial: a copy of the install tree, api.h.mustache's enum block
#    moved into enum_decl.mustache. It generates what the real templates do.
inst=$work/inst
mkdir -p "$inst/bin" "$inst/share/apigen"
cp "$apigen" "$inst/bin/apigen"
cp -r "$templates" "$inst/share/apigen/templates"
builtin=$inst/share/apigen/templates
awk -v part="$builtin/enum_decl.mustache" '
  !done && $0 == "{{#enums}}" { print; print "{{>enum_decl}}"; inside = 1; next }
  inside && $0 == "{{/enums}}" { inside = 0; done = 1; print; next }
  inside { print >part; next }
  { print }' "$templates/api.h.mustache" >"$builtin/api.h.mustache"
grep -q '^{{>enum_decl}}$' "$builtin/api.h.mustache" && [ -s "$builtin/enum_decl.mustache" ] ||
  { echo "cannot move the enum block of api.h.mustache into a partial"; exit 1; }
"$inst/bin/apigen" generate -o "$work/out3" "${specs[@]}" 2>"$work/err" || bad "built-in partial: $(cat "$work/err")"
same_tree "built-in templates with a partial" "$work/plain" "$work/out3"

# 4. One partial: DIR has enum_decl.mustache only; api.h.mustache is the built-in one.
mkdir "$work/part"
{ echo '/* user enum {{enum_name}} */'; cat "$builtin/enum_decl.mustache"; } >"$work/part/enum_decl.mustache"
"$inst/bin/apigen" generate -o "$work/out4" --templates "$work/part" "${specs[@]}" 2>"$work/err" || bad "one partial: $(cat "$work/err")"
cat "$work"/out4/*/*.h | sed -n 's|^/\* user enum \(.*\) \*/$|\1|p' | sort >"$work/marked"
cat "$work"/plain/*/*.h | sed -n 's/^extern const apigen_enum \(.*\);$/\1/p' | sort >"$work/enums"
if [ "$(wc -l <"$work/marked")" -eq "$n_enums" ] && cmp -s "$work/marked" "$work/enums"; then ok
else bad "one partial: marked enums $(wc -l <"$work/marked"), not the $n_enums of the plain run"; fi
rm -rf "$work/got4" && cp -r "$work/out4" "$work/got4"
for h in "$work"/got4/*/*.h; do grep -v '^/\* user enum ' "$h" >"$h.new" && mv "$h.new" "$h"; done
same_tree "one partial (but its lines)" "$work/plain" "$work/got4"

# 5. A user template including a built-in partial: DIR has api.h.mustache only.
mkdir "$work/uses"
{ echo '/* user template {{prefix}} */'; cat "$builtin/api.h.mustache"; } >"$work/uses/api.h.mustache"
"$inst/bin/apigen" generate -o "$work/out5" --templates "$work/uses" "${specs[@]}" 2>"$work/err" || bad "user template, built-in partial: $(cat "$work/err")"
same_tree "user template, built-in partial" "$work/want1" "$work/out5"

# 6. A DIR apigen cannot use: exit 2, an error naming it, nothing written.
fails_early() { # $1 what, $2 DIR, $3 text the error ends with; runs "${run[@]}" (apigen ...)
  rm -rf "$work/none"
  "${run[@]}" generate -o "$work/none" --templates "$2" "${specs[@]}" 2>"$work/err"
  local status=$?
  if [ "$status" -eq 2 ] && grep -qxF "$2: error: cannot use as the template folder (--templates): $3" "$work/err"
  then ok; else bad "$1: exit $status, $(cat "$work/err")"; fi
  if [ ! -e "$work/none" ]; then ok; else bad "$1: $work/none was written"; fi
}
run=("$apigen")
fails_early "missing DIR" "$work/nope" "No such file or directory"
fails_early "DIR is a file" "$work/one/api.h.mustache" "Not a directory"
mkdir "$work/locked" && cp "$work/one/api.h.mustache" "$work/locked/" && chmod 000 "$work/locked"
if [ "$(id -u)" -ne 0 ]; then
  fails_early "unreadable DIR" "$work/locked" "Permission denied"
elif command -v setpriv >/dev/null; then
  # root reads anything: run apigen as nobody, on copies nobody can read, into a folder it
  # could write to
  chmod 755 "$work" "$inst" "$inst/bin" && chmod 777 "$work/plain"
  cp "${specs[@]}" "$work/plain/" && chmod 644 "$work"/plain/*.yaml
  saved=("${specs[@]}") && specs=("$work"/plain/*.yaml)
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups "$inst/bin/apigen")
  rm -rf "$work/none"
  fails_early "unreadable DIR (as nobody)" "$work/locked" "Permission denied"
  "${run[@]}" generate -o "$work/plain/w" "${specs[@]}" 2>"$work/err" && ok || bad "as nobody, the same run without DIR fails: $(cat "$work/err")"
  rm -f "$work"/plain/*.yaml && rm -rf "$work/plain/w" && chmod 755 "$work/plain"
  specs=("${saved[@]}") && run=("$apigen")
else
  echo "unreadable DIR: not checked (running as root without setpriv)"
fi
chmod 755 "$work/locked"

# 7. A Mustache error in DIR's template or partial names that file; the old outputs stay.
cp -r "$work/plain" "$work/out7"
mkdir "$work/broken"
cp "$templates/api.h.mustache" "$work/broken/" && echo '{{#unclosed}}' >>"$work/broken/api.h.mustache"
line=$(wc -l <"$work/broken/api.h.mustache")
"$apigen" generate -o "$work/out7" --templates "$work/broken" "${specs[@]}" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -qF "$work/broken/api.h.mustache:$line:1: error: unclosed section 'unclosed'" "$work/err"; then ok
else bad "broken template: exit $status, $(cat "$work/err")"; fi
same_tree "broken template (old outputs)" "$work/plain" "$work/out7"
mkdir "$work/brokenpart"
printf 'x\n{{>row}}\n' >"$work/brokenpart/api.h.mustache"
printf '{{#fields}}\n' >"$work/brokenpart/row.mustache"
"$apigen" generate -o "$work/out7" --templates "$work/brokenpart" "${specs[@]}" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -qF "$work/brokenpart/row.mustache:1:1: error: unclosed section 'fields'" "$work/err" &&
  grep -qF "$work/brokenpart/api.h.mustache:2:1: note: in partial 'row' included here" "$work/err"; then ok
else bad "broken partial: exit $status, $(cat "$work/err")"; fi
same_tree "broken partial (old outputs)" "$work/plain" "$work/out7"
rm "$work/brokenpart/row.mustache" && mkdir "$work/brokenpart/row.mustache" # there, unreadable
"$apigen" generate -o "$work/out7" --templates "$work/brokenpart" "${specs[@]}" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -qF "$work/brokenpart/api.h.mustache:2:1: error: cannot read partial 'row' ($work/brokenpart/row.mustache): " "$work/err"; then ok
else bad "unreadable partial: exit $status, $(cat "$work/err")"; fi
same_tree "unreadable partial (old outputs)" "$work/plain" "$work/out7"

# 8. dump-view is the view generate renders: every template row of outputs.def, rendered by
#    `apigen render` with the dump, is generate's output byte for byte.
rows=$(sed -n 's/^APIGEN_SPEC_TEMPLATE("\([^"]*\)", "\([^"]*\)".*/\1 \2/p' "$outputs_def")
[ "$(echo "$rows" | wc -l)" -ge 3 ] || { echo "no template rows in $outputs_def"; exit 1; }
for s in "${specs[@]}"; do
  st=$(stem "$s")
  if "$apigen" dump-view "$s" >"$work/$st.view.json" 2>"$work/err"; then ok; else bad "dump-view $s: $(cat "$work/err")"; fi
  while read -r tmpl suffix; do
    "$apigen" render "$templates/$tmpl" --data "$work/$st.view.json" >"$work/rendered" 2>"$work/err"
    if cmp -s "$work/rendered" "$work/plain/$st/$st$suffix"; then ok
    else bad "render $tmpl with dump-view $s differs from generate's $st$suffix: $(diff "$work/rendered" "$work/plain/$st/$st$suffix" | head -5) $(cat "$work/err")"; fi
  done <<<"$rows"
done

# 9. The dump read by another JSON reader (python3) gives what a template prints from the view
#    generate renders: names, counts and booleans of every list.
if command -v python3 >/dev/null; then
  mkdir "$work/lister"
  cat >"$work/lister/api.examples.json.mustache" <<'EOF'
api {{prefix}} {{rt_version}} {{has_patterns}} {{spec_path}}
{{#enums}}
enum {{c_name}} {{count}} {{last}}
{{/enums}}
{{#models}}
model {{c_name}} {{#is_union}}union {{count}}{{/is_union}}{{^is_union}}{{field_count}}{{#fields}} {{member}}{{/fields}}{{/is_union}}
{{/models}}
{{#operations}}
operation {{full_name}} {{method}}{{#responses}} {{status}}{{/responses}}
{{/operations}}
{{#examples}}
example {{operation}} {{part}} {{status}}
{{/examples}}
EOF
  cat >"$work/lister.py" <<'EOF'
import json, sys
v = json.load(open(sys.argv[1]))
b = lambda x: "true" if x else "false"
print(f"api {v['prefix']} {v['rt_version']} {b(v['has_patterns'])} {v['spec_path']}")
for e in v["enums"]:
    print(f"enum {e['c_name']} {e['count']} {b(e['last'])}")
for m in v["models"]:
    rest = f"union {m['count']}" if m.get("is_union") else \
        str(m["field_count"]) + "".join(" " + f["member"] for f in m["fields"])
    print(f"model {m['c_name']} {rest}")
for o in v["operations"]:
    print(f"operation {o['full_name']} {o['method']}" + "".join(f" {r['status']}" for r in o["responses"]))
for e in v["examples"]:
    print(f"example {e['operation']} {e['part']} {e['status']}")
EOF
  "$apigen" generate -o "$work/out9" --templates "$work/lister" "${specs[@]}" 2>"$work/err" || bad "lister: $(cat "$work/err")"
  for s in "${specs[@]}"; do
    st=$(stem "$s")
    python3 "$work/lister.py" "$work/$st.view.json" >"$work/listed" 2>"$work/err" || bad "python3 reading dump-view $s: $(cat "$work/err")"
    if [ "$(wc -l <"$work/listed")" -gt 3 ] && cmp -s "$work/listed" "$work/out9/$st/$st.examples.json"; then ok
    else bad "python3 on dump-view $s differs from the template: $(diff "$work/listed" "$work/out9/$st/$st.examples.json" | head -5)"; fi
  done
else
  echo "python3 not found: the dump is not read by a second JSON reader"
fi

# 10. dump-view's errors: a spec error (exit 1, the diagnostic, nothing on stdout), no spec or
#     two (exit 2), a spec that cannot be read (exit 2).
sed 's/^  title: /  titel: /' "${specs[0]}" >"$work/typo.yaml"
cmp -s "$work/typo.yaml" "${specs[0]}" && { echo "cannot break ${specs[0]}"; exit 1; }
"$apigen" dump-view "$work/typo.yaml" >"$work/out" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && [ ! -s "$work/out" ] && grep -q "^$work/typo.yaml:[0-9]*:[0-9]*: error: unknown key 'titel'" "$work/err"; then ok
else bad "dump-view of a spec error: exit $status, $(cat "$work/err") $(head -c 200 "$work/out")"; fi
for args in "" "${specs[0]} ${specs[0]}" "$work/nope.yaml"; do
  # shellcheck disable=SC2086 # the words of args are the arguments
  "$apigen" dump-view $args >"$work/out" 2>"$work/err"
  status=$?
  if [ "$status" -eq 2 ] && [ ! -s "$work/out" ] && [ -s "$work/err" ]; then ok
  else bad "dump-view $args: exit $status, $(cat "$work/err")"; fi
done

# 11. render --partials DIR reads partials from DIR alone (no overlay): enum_decl, which only the
#     built-in templates have, renders empty.
printf 'a{{>row}}b{{>enum_decl}}c\n' >"$work/t.mustache"
printf '{"x": "X"}' >"$work/t.json"
mkdir "$work/rows" && printf '[{{x}}]' >"$work/rows/row.mustache"
out=$("$inst/bin/apigen" render "$work/t.mustache" --data "$work/t.json" --partials "$work/rows" 2>&1)
[ "$out" = "a[X]bc" ] && ok || bad "render --partials: '$out'"
out=$("$inst/bin/apigen" render "$work/t.mustache" --data "$work/t.json" 2>&1)
[ "$out" = "abc" ] && ok || bad "render without --partials: '$out'"

echo "overlay: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
