# tests/server.sh: sourced by the test scripts that start a server on 127.0.0.1 and run a
# client against it (tests/openapi/prism.sh, tests/client/client.sh). It gives them:
# - $out, a scratch folder removed when the script ends;
# - $pid, to be set to the server's PID: server_stop (TERM, then KILL after 5 s) runs when the
#   script ends, on failure and on INT, TERM or HUP too;
# - server_launch, a command prefix under which the server dies with the script even when the
#   script is killed outright (SIGKILL runs no trap): setpriv --pdeathsig, where available;
# - no proxy: libcurl reads http_proxy and friends, and nothing may stand between a test's
#   client and its server on 127.0.0.1.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

out=$(mktemp -d)
pid=
server_stop() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=
  fi
}
trap 'server_stop; rm -rf "$out"' EXIT
trap 'exit 1' INT TERM HUP

server_launch=()
if command -v setpriv >/dev/null && setpriv --pdeathsig KILL true 2>/dev/null; then
  server_launch=(setpriv --pdeathsig KILL)
fi
