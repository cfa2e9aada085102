#!/usr/bin/env python3
"""basic_oracle.py: the request builder's HTTP Basic credentials against python3's base64.

usage: basic_oracle.py TEST_RT_REQUEST

Builds seeded random "user-id:password" strings (ASCII, spaces, ':' in the password, UTF-8
text, and lengths 0..70 so that every padding case of RFC 4648 section 4 comes up), and
strings without ':' that must be refused. `TEST_RT_REQUEST --basic` prints for each the
Authorization value it sends; this script expects "Basic " + base64.b64encode(s) (RFC 7617
section 2), or "refused" when s holds no ':' or a control character.
Prints "N passed, N failed"."""
import base64
import random
import subprocess
import sys

rng = random.Random(20261202)
POOL = [chr(c) for c in range(0x20, 0x7f)] + ['\u00e9', '\u65e5', '\U0001f600', ':', '\x01', '\x7f']


def random_case():
    n = rng.randrange(0, 70)
    s = ''.join(rng.choice(POOL) for _ in range(n)).encode()
    if rng.random() < 0.8:
        cut = rng.randrange(0, len(s) + 1)
        s = s[:cut] + b':' + s[cut:]
    return s


def expected(s):
    if b':' not in s or any(c < 0x20 and c != 0x09 or c == 0x7f for c in s):
        return b'refused'
    return b'Basic ' + base64.b64encode(s)


def main():
    cases = [b'', b':', b'a:', b':b', b'Aladdin:open sesame', b'ab:c', b'abc:de'] + \
        [random_case() for _ in range(2000)]
    cases = [c for c in cases if c != b'']
    feed = b''.join(c.hex().encode() + b'\n' for c in cases)
    out = subprocess.run([sys.argv[1], '--basic'], input=feed, capture_output=True,
                         check=True).stdout.split(b'\n')
    passed = failed = 0
    for case, got in zip(cases, out):
        if got == expected(case):
            passed += 1
        else:
            failed += 1
            if failed <= 5:
                print('FAIL %r: got %r, want %r' % (case, got, expected(case)))
    if len(out) < len(cases):
        failed += 1
        print('FAIL: %d answers for %d cases' % (len(out), len(cases)))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
