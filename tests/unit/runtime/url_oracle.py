#!/usr/bin/env python3
"""url_oracle.py: the request builder's percent-encoding against python3's urllib.

usage: url_oracle.py TEST_RT_REQUEST

Builds seeded random strings of RFC 3986 reserved characters (gen-delims and sub-delims), '%',
unreserved ones, space, controls, DEL, non-ASCII text (two-, three- and four-byte UTF-8) and,
now and then, bytes that are not UTF-8, plus the edge cases "", ".", ".." and "...".
`TEST_RT_REQUEST --encode` builds, for each, the request GET /v1/items/{id}?q=... with the
string as both id and q, and prints its URL or the violations that refused it. This script
expects urllib.parse.quote(s, safe='') in both places (every byte but ALPHA DIGIT - . _ ~ as
%XX in upper case: one path segment, one query value, a space as %20), a refusal at path.id
for "", "." and "..", and refusals at path.id and query.q for a string that is not UTF-8.
Prints "N passed, N failed"."""
import random
import subprocess
import sys
from urllib.parse import quote

BASE = 'http://h.test/api'
rng = random.Random(20261201)
POOL = (list(":/?#[]@!$&'()*+,;=%") + list('azAZ09-._~') + [' ', '\t', '\n', '\r', '\x01',
        '\x1f', '\x7f', '\u00e9', '\u0085', '\u2028', '\u65e5', '\u672c', '\U0001f600', '+',
        '%2F', '..', '\\', '"', '<', '>', '{', '}', '|', '^', '`'])
NOT_UTF8 = [b'\xff', b'\xc3', b'\xe6\x97', b'\xed\xa0\x80', b'\xc0\xaf', b'\x80']


def random_case():
    """A non-empty byte string without NUL (a C string holds none)."""
    r = rng.random()
    if r < 0.02:
        return rng.choice([b'', b'.', b'..', b'...', b'.a', b'a.'])
    out = b''.join(rng.choice(POOL).encode() for _ in range(rng.randrange(1, 12)))
    if r > 0.9:
        cut = rng.randrange(0, len(out) + 1)
        out = out[:cut] + rng.choice(NOT_UTF8) + out[cut:]
    return out


def expected(s):
    try:
        s.decode('utf-8')
    except UnicodeDecodeError:
        return b'refused encoding path.id encoding query.q'
    if s in (b'', b'.', b'..'):
        return b'refused format path.id'
    e = quote(s, safe='').encode()
    return BASE.encode() + b'/v1/items/' + e + b'?q=' + e


def main():
    cases = [b'', b'.', b'..', b'...'] + [random_case() for _ in range(3000)]
    stdin = b''.join(s.hex().encode() + b'\n' for s in cases)
    run = subprocess.run([sys.argv[1], '--encode'], input=stdin, stdout=subprocess.PIPE,
                         check=True)
    urls = run.stdout.split(b'\n')[:-1]
    passed = failed = 0
    if len(urls) != len(cases):
        print('%d URLs for %d strings' % (len(urls), len(cases)))
        failed += 1
    for s, got in zip(cases, urls):
        want = expected(s)
        if got == want:
            passed += 1
        else:
            failed += 1
            if failed <= 10:
                print('FAIL %r:\n  got  %r\n  want %r' % (s, got, want))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or passed < 1000 else 0


if __name__ == '__main__':
    sys.exit(main())
