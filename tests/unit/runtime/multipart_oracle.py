#!/usr/bin/env python3
"""multipart_oracle.py: the request builder's multipart/form-data bodies against python3's email
parser.

usage: multipart_oracle.py TEST_RT_REQUEST

`TEST_RT_REQUEST --multipart` builds, for seeded random titles, filenames and file bytes (any
bytes, NUL, CR, LF, "--" and non-UTF-8 ones included), the body of test.upload (a text part
title, two parts labels = [title, filename], a file part with the filename, Content-Type
image/png from the operation's part types) and prints its Content-Type and the body in hex.
This script parses Content-Type + body with email.parser.BytesParser (policy
email.policy.HTTP), as RFC 7578 says a receiver reads it, and expects: a multipart/form-data
message whose boundary occurs nowhere in the values, the parts in field order, each with
Content-Disposition form-data and its name, the file part with the filename (with '"', CR,
LF and backslash as %22, %0D, %0A, %5C) and Content-Type image/png, and every payload's bytes
exactly as given.
Prints "N passed, N failed"."""
import email.parser
import email.policy
import random
import subprocess
import sys

rng = random.Random(20261202)
TEXT = ['a', 'Z', '0', ' ', '-', '--', '"', ';', '=', '\\', '\u00e9', '\u65e5', '\U0001f600',
        '%', 'apigen-', '\t']


def random_text():
    return ''.join(rng.choice(TEXT) for _ in range(rng.randrange(1, 10))).encode()


def random_bytes():
    r = rng.random()
    if r < 0.1:
        return b''
    pool = [bytes([rng.randrange(256)]) for _ in range(4)] + [b'\r\n', b'--', b'\0', b'\n',
                                                               b'\r', b'apigen-', b'PNG']
    return b''.join(rng.choice(pool) for _ in range(rng.randrange(1, 40)))


def quoted(s):
    return (s.replace(b'"', b'%22').replace(b'\r', b'%0D').replace(b'\n', b'%0A')
            .replace(b'\\', b'%5C'))


def judge(case, line):
    title, filename, data = case
    if b'\t' not in line:
        return 'no body: %r' % line
    ctype, body = line.split(b'\t', 1)
    body = bytes.fromhex(body.decode())
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b'Content-Type: ' + ctype + b'\r\n\r\n' + body)
    if msg.get_content_type() != 'multipart/form-data' or not msg.is_multipart():
        return 'not multipart/form-data: %r' % ctype
    boundary = msg.get_boundary().encode()
    if any(boundary in v for v in (title, filename, data)):
        return 'boundary %r in a value' % boundary
    parts = list(msg.iter_parts())
    want = [('title', None, None, title), ('labels', None, None, title),
            ('labels', None, None, filename), ('file', quoted(filename), 'image/png', data)]
    if len(parts) != len(want):
        return '%d parts, want %d' % (len(parts), len(want))
    for part, (name, fname, ptype, payload) in zip(parts, want):
        disp = part.get('Content-Disposition')
        if part.get_content_disposition() != 'form-data' or part.get_param(
                'name', header='content-disposition') != name:
            return 'part %s: disposition %r' % (name, disp)
        got_fname = part.get_param('filename', header='content-disposition')
        if fname is not None and (got_fname is None or
                                  got_fname.encode('utf-8', 'surrogateescape') != fname):
            return 'part %s: filename %r, want %r' % (name, got_fname, fname)
        if ptype is not None and part.get_content_type() != ptype:
            return 'part %s: type %r' % (name, part.get_content_type())
        got = part.get_payload(decode=True)
        if got != payload:
            return 'part %s: payload %r, want %r' % (name, got, payload)
    return None


def main():
    cases = [(b'x', b'a.png', b''), (b'--', b'"q"', b'\r\n--\r\n'), (b'\xc3\xa9', b'f', b'\0\xff')]
    cases += [(random_text(), random_text(), random_bytes()) for _ in range(1500)]
    lines = b''.join(b' '.join(v.hex().encode() or b'' for v in c) + b'\n' for c in cases)
    run = subprocess.run([sys.argv[1], '--multipart'], input=lines, stdout=subprocess.PIPE,
                         check=True)
    out = run.stdout.split(b'\n')[:-1]
    passed = failed = 0
    if len(out) != len(cases):
        print('%d outputs for %d cases' % (len(out), len(cases)))
        failed += 1
    for case, line in zip(cases, out):
        why = judge(case, line)
        if why is None:
            passed += 1
        else:
            failed += 1
            if failed <= 10:
                print('FAIL %r: %s' % (case, why))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or passed < 1000 else 0


if __name__ == '__main__':
    sys.exit(main())
