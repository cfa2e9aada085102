#!/usr/bin/env bash
# Serves the OpenAPI document of specs/*.yaml with Stoplight Prism (`prism mock`, pinned in
# tests/schema/package-lock.json, offline) on 127.0.0.1 at a port chosen free at run time, and
# runs PROGRAM BASE_URL against it with API_TOKEN=test-token in its environment: prism_e2e (the
# generated client's end-to-end test) or an example. Prism is stopped by its PID when the script
# ends, on failure too.
# usage: prism.sh NODE DOC PROGRAM   exit 77 (skipped) without node, python3 or Prism
set -u
node=$1 doc=$2 program=$3
here=$(cd "$(dirname "$0")" && pwd)
cli=$here/../schema/node_modules/@stoplight/prism-cli/dist/index.js
if [ -z "$node" ] || [ ! -x "$node" ]; then
  echo "skipped: node not found"; exit 77
fi
if [ ! -f "$cli" ]; then
  echo "skipped: Prism missing: run \`npm ci --prefix tests/schema\`"; exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "skipped: python3 not found"; exit 77
fi
[ -f "$doc" ] || { echo "FAIL: no document $doc (test openapi_export)"; exit 1; }

. "$here/../server.sh"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# start Prism; another process may take the port between free_port and Prism's listen: retry
port=
for attempt in 1 2 3; do
  port=$(free_port)
  # --seed: the bodies Prism generates (Prefer: dynamic=true) are the same on every run
  "${server_launch[@]}" "$node" "$cli" mock --host 127.0.0.1 --port "$port" --seed apigen "$doc" \
    >"$out/prism.log" 2>&1 &
  pid=$!
  up=
  for _ in $(seq 300); do # 30 s at most
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if grep -q "Prism is listening" "$out/prism.log" &&
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      up=1; break
    fi
    sleep 0.1
  done
  [ -n "$up" ] && break
  echo "Prism did not listen on port $port (attempt $attempt):"; tail -5 "$out/prism.log"
  server_stop
done
[ -n "$up" ] || { echo "FAIL: Prism did not start"; exit 1; }
version=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' "$(dirname "$cli")/../package.json")
echo "Prism $version (PID $pid) serves $doc on 127.0.0.1:$port"

API_TOKEN=test-token "$program" "http://127.0.0.1:$port"
status=$?
# Prism's other warnings would show it reads the document differently; expected: the broken
# requests, and a documented status without a body (ownli's 401)
if grep -E "✖ +fatal|⚠ +warning" "$out/prism.log" |
  grep -vE "Request did not pass the validation rules|Unable to find content for application/json"
then
  echo "FAIL: Prism reports problems with the document"; status=1
fi
[ "$status" -eq 0 ] || { echo "Prism's log (last 30 lines):"; tail -30 "$out/prism.log"; }
exit "$status"
