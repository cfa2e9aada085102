#!/usr/bin/env bash
# `apigen generate --depfile FILE` and `--no-runtime`, through the CLI:
#  - FILE is one Makefile rule naming exactly the files the run read: the spec, the three
#    templates and the one partial a template includes (not a partial nobody includes), and the
#    --templates folder (a template added to it later reruns the build), with
#    spaces, '#' and '$' in paths escaped; GNU make is the oracle: it reads FILE, and FILE is
#    out of date exactly when one of those files is newer;
#  - a run whose bytes did not change still makes FILE newer than its inputs (it is the build's
#    stamp);
#  - a failed run leaves FILE as it was (bytes and time);
#  - --no-runtime writes no OUTDIR/runtime/, and leaves an existing one untouched;
#  - without --no-runtime the runtime files read are listed too.
# usage: run.sh APIGEN SPECS_DIR TEMPLATES_DIR
set -u
apigen=$1 specs=$2 templates=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v make >/dev/null || { echo "SKIP: make not found (the oracle)"; exit 77; }
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

cd "$work" || exit 1
# Templates of our own: api.h.mustache includes the partial banner; unused.mustache is a
# partial no template includes.
cp -r "$templates" 'tpl'
printf '{{> banner}}\n' | cat - "$templates/api.h.mustache" >tpl/api.h.mustache
printf '/* banner partial */\n' >tpl/banner.mustache
printf 'unused\n' >tpl/unused.mustache
mkdir 'a b#$'
spec='a b#$/shop.yaml'
cp "$specs/shop.yaml" "$spec"
dep='d$#ir/shop stamp.d'
expected=("$spec" tpl tpl/api.c.mustache tpl/api.examples.json.mustache tpl/api.h.mustache
  tpl/banner.mustache)

"$apigen" generate --no-runtime --depfile "$dep" -o out --templates tpl "$spec" 2>err ||
  { cat err; echo "FAIL: cannot generate"; exit 1; }
if [ ! -e out/runtime ]; then ok; else bad "--no-runtime wrote $(ls out/runtime)"; fi
if grep -q 'banner partial' out/shop/shop.h; then ok; else bad "the partial was not rendered"; fi
# One rule line plus one line a file.
n=$(wc -l <"$dep")
if [ "$n" -eq $((1 + ${#expected[@]})) ]; then ok; else bad "$n lines in the depfile: $(cat "$dep")"; fi

# make reads the depfile (a recipe added to a copy, so make says when the rule is out of date);
# every time is set in the past (no clock in the assertions): inputs T0, the depfile T1.
cp "$dep" check.mk && printf '\t@echo stale\n' >>check.mk
stale() { make -s -f check.mk "$dep" 2>&1; }
settimes() { touch -d '2001-01-01' "${expected[@]}" tpl/unused.mustache && touch -d '2002-01-01' "$dep"; }
settimes
if [ -z "$(stale)" ]; then ok; else bad "make: up to date at first: $(stale)"; fi
for f in "${expected[@]}"; do
  touch -d '2003-01-01' "$f"
  if [ "$(stale)" = stale ]; then ok; else bad "make does not see '$f' in the depfile: $(stale)"; fi
  settimes
done
touch -d '2003-01-01' tpl/unused.mustache
if [ -z "$(stale)" ]; then ok; else bad "a partial never read is in the depfile"; fi
settimes
# an override added to the folder after the run (no file the run read): out of date
printf 'x\n' >tpl/api.c.mustache.new && mv tpl/api.c.mustache.new tpl/added.mustache
if [ "$(stale)" = stale ]; then ok; else bad "a template added to the --templates folder goes unnoticed"; fi
rm tpl/added.mustache
settimes

# Nothing changed: the outputs stay, the depfile (same bytes) is newer than its inputs again.
cp "$dep" old.d
touch -d '2003-01-01' "$spec"
"$apigen" generate --no-runtime --depfile "$dep" -o out --templates tpl "$spec" 2>err || bad "rerun: $(cat err)"
if cmp -s "$dep" old.d && [ "$dep" -nt "$spec" ]; then ok; else bad "the unchanged depfile was not made newer than the spec"; fi

# A failed run (a spec error) leaves the depfile as it was, bytes and time.
touch -d '2002-01-01' "$dep"
before=$(stat -c %Y "$dep")
printf 'paths: [\n' >>"$spec"
"$apigen" generate --no-runtime --depfile "$dep" -o out --templates tpl "$spec" 2>err
status=$?
if [ "$status" -eq 1 ] && grep -q 'shop.yaml:[0-9]*:[0-9]*: error' err; then ok; else bad "broken spec: exit $status, $(cat err)"; fi
if cmp -s "$dep" old.d && [ "$(stat -c %Y "$dep")" = "$before" ]; then ok; else bad "a failed run changed the depfile"; fi
cp "$specs/shop.yaml" "$spec"

# --no-runtime leaves an existing runtime/ alone: an edited file and a file of the user's stay.
"$apigen" generate -o out --templates tpl "$spec" 2>err || bad "generate with runtime: $(cat err)"
printf '/* mine */\n' >>out/runtime/apigen_rt.h && printf 'keep\n' >out/runtime/mine
(cd out/runtime && sha256sum -- *) >rt.sum
touch -d '2001-01-01' out/runtime/*
stamp=$(stat -c %Y out/runtime/apigen_rt.h)
printf '# changed\n' >>"$spec"
"$apigen" generate --no-runtime -o out --templates tpl "$spec" 2>err || bad "--no-runtime: $(cat err)"
if (cd out/runtime && sha256sum --quiet -c ../../rt.sum) && [ "$(stat -c %Y out/runtime/apigen_rt.h)" = "$stamp" ]
then ok; else bad "--no-runtime touched runtime/"; fi

# Without --no-runtime the runtime files read are inputs too.
"$apigen" generate --depfile all.d -o out2 --templates tpl "$spec" 2>err || bad "with runtime: $(cat err)"
if grep -q '^  tpl/runtime/apigen_rt_core.c \\$' all.d; then ok; else bad "runtime not listed: $(cat all.d)"; fi

# Paths make and ninja cannot both read back (a ':' or a newline): an error naming the path,
# exit 2 (the outputs are written, the build's stamp is not), and no depfile.
for odd in 'c:d' $'n\nl'; do
  mkdir -p "$odd" && cp "$specs/shop.yaml" "$odd/shop.yaml"
  "$apigen" generate --no-runtime --depfile odd.d -o out3 "$odd/shop.yaml" 2>err
  status=$?
  if [ "$status" -eq 2 ] && grep -qF "cannot list '${odd%%$'\n'*}" err && [ ! -e odd.d ]; then ok
  else bad "the path '$odd' in a depfile: exit $status, $(cat err)"; fi
done

echo "depfile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
