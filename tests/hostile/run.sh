#!/usr/bin/env bash
# Hostile input to the command line (regressions found by an adversarial pass on issue 15):
#  - no output of a run may replace one of its inputs or a non-regular file: --depfile naming
#    the spec, a template or a generated output is refused and leaves that file as it was; a
#    spec whose path is one of its own outputs is refused; --depfile naming a FIFO (or, as root,
#    a device such as /dev/null) does not turn it into a regular file;
#  - `apigen check` says so when standard output cannot be written (exit 2, not 0);
#  - `apigen check ... response STATUS` takes the decimal digits of a status alone ('+200',
#    ' 200', '0200' are refused) and for '2XX'/'default' says that STATUS is a number, instead
#    of claiming the operation documents no such response;
#  - a folder where a template should be is reported as such (not "Input/output error");
#  - a failed run into an OUTDIR that did not exist leaves no folder behind; a killed run's
#    temporaries are removed by the next run;
#  - an empty OUTDIR is refused; an option missing its value says so (not "unknown option").
# usage: run.sh APIGEN TEMPLATES_DIR
set -u
apigen=$1 templates=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
cd "$work" || exit 1

cat >t.yaml <<'SPEC'
apigen: 1
api:
  name: t
  title: T
schemas:
  Item:
    type: object
    required: [id]
    properties:
      id: {type: integer, minimum: 0}
operations:
  getItem:
    method: GET
    path: /item
    responses:
      "200":
        content_type: application/json
        schema: {$ref: Item}
      "2XX":
        content_type: application/json
        schema: {type: object, properties: {two: {type: string}}}
      default:
        content_type: application/json
        schema: {type: object, required: [err], properties: {err: {type: string}}}
SPEC
cp t.yaml t.orig

# 1. --depfile naming an input or an output.
"$apigen" generate -o out --depfile t.yaml t.yaml 2>err
status=$?
if cmp -s t.yaml t.orig; then ok; else bad "--depfile SPEC overwrote the spec (exit $status)"; fi
[ "$status" -ne 0 ] && ok || bad "--depfile SPEC: exit 0"
cp t.orig t.yaml
mkdir tpl && cp "$templates/api.h.mustache" tpl/ && cp tpl/api.h.mustache tpl.orig
"$apigen" generate -o out --templates tpl --depfile tpl/api.h.mustache t.yaml 2>err
if cmp -s tpl/api.h.mustache tpl.orig; then ok; else bad "--depfile TEMPLATE overwrote the template"; fi
rm -rf out
"$apigen" generate -o out t.yaml 2>err || bad "generate: $(cat err)"
cp out/t/t.h t.h.orig
"$apigen" generate -o out --depfile out/t/t.h t.yaml 2>err
status=$?
if cmp -s out/t/t.h t.h.orig; then ok; else bad "--depfile OUTPUT replaced the generated header (exit $status)"; fi

# 2. A spec that is one of its own outputs (a JSON spec is YAML too).
mkdir -p js/t
printf '{"apigen": 1, "api": {"name": "t", "title": "T"}, "operations": {"getX": {"method": "GET", %s\n' \
  '"path": "/x", "responses": {"204": {"description": "none"}}}}}' >js/t/t.schema.json
cp js/t/t.schema.json js.orig
"$apigen" generate --no-runtime -o js js/t/t.schema.json 2>err
status=$?
if cmp -s js/t/t.schema.json js.orig; then ok; else bad "a spec at an output's path was overwritten (exit $status)"; fi

# 3. --depfile naming a FIFO: it stays a FIFO (a device such as /dev/null too, checked as root
#    on a node made here, never on the system's).
mkfifo fifo
timeout 20 "$apigen" generate -o out --depfile fifo t.yaml 2>err </dev/null
[ -p fifo ] && ok || bad "--depfile FIFO replaced the FIFO by a regular file"
if [ "$(id -u)" = 0 ] && mknod -m 666 devnull c 1 3 2>/dev/null; then
  "$apigen" generate -o out --depfile devnull t.yaml 2>err
  [ -c devnull ] && ok || bad "--depfile DEVICE replaced the device node by a regular file"
fi

# 4. apigen check and a full standard output.
if [ -w /dev/full ]; then
  printf '{"id": 1}' | "$apigen" check t.yaml getItem response 200 >/dev/full 2>err
  status=$?
  [ "$status" -eq 2 ] && ok || bad "check >/dev/full: exit $status, expected 2"
  "$apigen" check t.yaml --list >/dev/full 2>err
  status=$?
  [ "$status" -eq 2 ] && ok || bad "check --list >/dev/full: exit $status, expected 2"
fi

# 5. STATUS.
for s in '+200' ' 200' '0200' '200 '; do
  printf '{"id": 1}' | "$apigen" check t.yaml getItem response "$s" >out.txt 2>err
  status=$?
  [ "$status" -eq 2 ] && ok || bad "STATUS '$s': exit $status, expected 2 (not a status)"
done
for s in 2XX default; do
  printf '{}' | "$apigen" check t.yaml getItem response "$s" >out.txt 2>err
  if grep -q 'documents no response' err; then
    bad "STATUS '$s': the operation documents it, yet: $(cat err)"
  else ok; fi
done

# 6. A folder where a template should be.
mkdir -p dirtpl/api.h.mustache
"$apigen" generate -o out --templates dirtpl t.yaml 2>err
if grep -q 'Is a directory' err; then ok; else bad "folder as template: $(cat err)"; fi

# 7. A failed run into a new OUTDIR leaves nothing.
printf '{{#unclosed}}\n' >bad.mustache && mkdir badtpl && cp bad.mustache badtpl/api.h.mustache
"$apigen" generate -o fresh/out --templates badtpl t.yaml 2>err
status=$?
[ "$status" -eq 1 ] && ok || bad "template error: exit $status"
[ ! -e fresh ] && ok || bad "a failed run left folders: $(find fresh | tr '\n' ' ')"

# 8. An empty OUTDIR is a usage error, not the file system's root (/runtime/, /t/): checked
#    with --check, which writes nothing even where that is not fixed.
"$apigen" generate --check -o '' t.yaml >out.txt 2>err
status=$?
[ "$status" -eq 2 ] && ok || bad "-o '': exit $status, expected 2: $(head -1 out.txt)"

# 9. The temporaries of a run killed with SIGKILL (CI timeout, OOM killer) do not outlive the next
#    run: it holds the folder's lock, so a <output>.tmp<16 hex> name is nobody's.
rm -rf out && "$apigen" generate -o out t.yaml 2>err || bad "generate: $(cat err)"
printf 'half' >out/t/t.h.tmp0123456789abcdef
"$apigen" generate -o out t.yaml 2>err || bad "generate: $(cat err)"
[ ! -e out/t/t.h.tmp0123456789abcdef ] && ok || bad "a killed run's temporary stays for ever"

# 10. An option without its value.
"$apigen" generate t.yaml -o 2>err
if grep -q "unknown option" err; then bad "'-o' without a value: $(head -1 err)"; else ok; fi

echo "hostile_cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
