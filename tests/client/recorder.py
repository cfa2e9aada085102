#!/usr/bin/env python3
"""The raw-request recorder of tests/client: an HTTP server on 127.0.0.1 at a port chosen by
the kernel (bind to port 0), written to PORT_FILE once it listens. Each request is recorded as
one JSON line in LOG_FILE, as received: method, request target (never decoded), headers in
order, body (as latin-1 text, byte for byte). Then the first path segment chooses the answer:

  echo          200 {"method", "target"} (application/json)
  interim       an interim 103 Early Hints (with a header of its own), then 200 as echo
  missing       404 {"code": 3001, "message": "Entity not found"}
  hang          never answers (until the server stops)
  flaky         503 with Retry-After: 0 the first time a request's Idempotency-Key (or, without
                one, its target) is seen, then 200 as echo with "attempt": 2
  later         the same with Retry-After: 1
  busy          the same with 429 Too Many Requests (Retry-After: 0)
  down          503 "down N" (the Nth time that key is seen) with Retry-After: 0, always
  wait-long     503 with Retry-After: 120, always
  secret        200 {"token": "srv-secret-99", "note": "fine"} with Set-Cookie and
                WWW-Authenticate fields holding secrets too
  odd-headers   200 as echo, chunked, with a field named "HTTP/x", a field holding a CR, a
                field folded over three lines (obs-fold) and one over 1001, and trailer fields after the body
                (Content-Type: text/html among them)
  cut-headers   "HTTP/1.1 503 ..." and half a field, then the connection closes
  html500       500 with an HTML body
  teapot        418 with a text body
  badbody       200 whose JSON body breaks the schema (method a number, target missing)
  huge-length   200 with 11 MB of JSON-ish bytes, Content-Length given
  huge-chunked  the same, chunked (no Content-Length)

usage: recorder.py PORT_FILE LOG_FILE. Python 3 standard library only; stopped by a signal.
"""
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HUGE = 11 * 1000 * 1000
log_lock = threading.Lock()
seen_lock = threading.Lock()
seen = {}
stopping = threading.Event()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so that the client can reuse connections

    def log_message(self, *args):
        pass

    def record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.body = body
        line = json.dumps({"method": self.command, "target": self.path,
                           "headers": [[k, v] for k, v in self.headers.items()],
                           "body": body.decode("latin-1")})
        with log_lock:
            with open(sys.argv[2], "a", encoding="utf-8") as log:
                log.write(line + "\n")

    def send(self, status, ctype, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def times_seen(self):
        """How many times this request's Idempotency-Key (or, without one, its target) has
        been seen, this one included."""
        key = self.headers.get("Idempotency-Key") or self.path
        with seen_lock:
            seen[key] = seen.get(key, 0) + 1
            return seen[key]

    def echo(self, attempt=None):
        doc = {"method": self.command, "target": self.path}
        if attempt is not None:
            doc["attempt"] = attempt
        self.send(200, "application/json", json.dumps(doc).encode())

    def huge(self, chunked):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        piece = b"[" + b"0," * 32767 + b"0"  # 65536 bytes
        sent = 0
        try:
            while sent < HUGE:
                n = min(len(piece), HUGE - sent)
                if chunked:
                    self.wfile.write(b"%x\r\n" % n + piece[:n] + b"\r\n")
                else:
                    self.wfile.write(piece[:n])
                sent += n
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what it should do
        self.close_connection = True

    def answer(self):
        self.record()
        mode = self.path.split("/")[1] if self.path.startswith("/") else ""
        if mode == "echo":
            self.echo()
        elif mode == "interim":
            self.wfile.write(b"HTTP/1.1 103 Early Hints\r\nX-Interim: yes\r\n"
                             b"Content-Type: text/plain\r\n\r\n")
            self.echo()
        elif mode == "missing":
            self.send(404, "application/json",
                      b'{"code": 3001, "message": "Entity not found"}')
        elif mode == "hang":
            stopping.wait()
            self.close_connection = True
        elif mode in ("flaky", "later", "busy"):
            if self.times_seen() == 1:
                status, after = {"flaky": (503, "0"), "later": (503, "1"),
                                 "busy": (429, "0")}[mode]
                self.send(status, "text/plain", b"try again", [("Retry-After", after)])
            else:
                self.echo(attempt=2)
        elif mode == "down":
            self.send(503, "text/plain", b"down %d" % self.times_seen(), [("Retry-After", "0")])
        elif mode == "wait-long":
            self.send(503, "text/plain", b"wait", [("Retry-After", "120")])
        elif mode == "secret":
            self.send(200, "application/json", b'{"token": "srv-secret-99", "note": "fine"}',
                      [("Set-Cookie", "session=srv-secret-99; HttpOnly"),
                       ("WWW-Authenticate", 'Bearer realm="srv-secret-99"')])
        elif mode == "odd-headers":
            body = json.dumps({"method": self.command, "target": self.path}).encode()
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"HTTP/x: 1\r\nX-Cr: a\rInjected: 1\r\n"
                             b"X-Folded: a\r\n  b\r\n\tc\r\n" + b"X-Many: f\r\n" + b" f\r\n" * 1000 +
                             b"Transfer-Encoding: chunked\r\nTrailer: Content-Type, X-Trailer\r\n"
                             b"\r\n%x\r\n" % len(body) + body +
                             b"\r\n0\r\nContent-Type: text/html\r\nX-Trailer: t\r\n\r\n")
        elif mode == "cut-headers":
            self.wfile.write(b"HTTP/1.1 503 Service Unavailable\r\nRetry-Aft")
            self.close_connection = True
        elif mode == "html500":
            self.send(500, "text/html",
                      b"<html><body><h1>500 Internal Server Error</h1></body></html>")
        elif mode == "teapot":
            self.send(418, "text/plain", b"I'm a teapot")
        elif mode == "badbody":
            self.send(200, "application/json", b'{"method": 5}')
        elif mode == "huge-length":
            self.huge(chunked=False)
        elif mode == "huge-chunked":
            self.huge(chunked=True)
        elif mode == "list":  # a top-level array: an echo, then the request body as received
            self.send(200, "application/json", json.dumps(
                [{"method": self.command, "target": self.path},
                 {"method": "BODY", "target": self.body.decode("latin-1")}]).encode())
        elif mode == "text":  # text/plain: the request body's bytes, after "got "
            self.send(200, "text/plain; charset=utf-8", b"got " + self.body)
        else:
            self.send(400, "text/plain", b"unknown mode")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = answer


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a client that goes away (a timeout, a body too large) is expected; anything else is
        # printed, and client.sh fails on the recorder's stderr
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Handler)

    def stop(*_):
        stopping.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])  # the port appears whole or not at all
    server.serve_forever()


if __name__ == "__main__":
    main()
