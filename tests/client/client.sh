#!/usr/bin/env bash
# Starts the raw-request recorder (recorder.py) on 127.0.0.1 at a port the kernel chooses,
# waits for its port file, and runs a test program of tests/client against it:
#   TEST_PROGRAM http://127.0.0.1:PORT LOG_FILE ARGS...
# The recorder is stopped by its PID when the script ends, on failure too.
# usage: client.sh TEST_PROGRAM [ARGS...]   exit 77 (skipped) without python3
set -u
program=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v python3 >/dev/null; then
  echo "skipped: python3 not found"; exit 77
fi

. "$here/../server.sh"

"${server_launch[@]}" python3 "$here/recorder.py" "$out/port" "$out/requests.jsonl" 2>"$out/recorder.log" &
pid=$!
for _ in $(seq 100); do # 10 s at most
  [ -s "$out/port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ ! -s "$out/port" ]; then
  echo "FAIL: the recorder did not start"; cat "$out/recorder.log"; exit 1
fi
port=$(cat "$out/port")
echo "recorder (PID $pid) on 127.0.0.1:$port"
touch "$out/requests.jsonl"
"$program" "http://127.0.0.1:$port" "$out/requests.jsonl" "$@"
status=$?
if [ -s "$out/recorder.log" ]; then
  echo "recorder's stderr:"; cat "$out/recorder.log"; status=1
fi
exit "$status"
