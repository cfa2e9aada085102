#!/usr/bin/env python3
"""media_oracle.py: the decoder's comparison of media types against python3's reader of them.

usage: media_oracle.py TEST_RT_RESPONSE

Builds seeded random Content-Type values near the rule's edges (case, parameters, optional
whitespace where RFC 9110 section 8.3.1 allows it and where it does not, structured suffixes,
truncations, stray separators), asks `TEST_RT_RESPONSE --media` for the decoder's verdict on
each against a documented type (one "RECEIVED DOCUMENTED" pair of hexadecimal strings a line
in, 1 for the same media type or 0 for WRONG_CONTENT_TYPE a line out) and compares it with
email.message.Message.get_content_type(), which keeps the value before the first ';',
strips it and lowercases it. get_content_type() answers text/plain for a value that is no
type/subtype (RFC 2045 section 5.2), so a received value counts as that type only when its
own text holds exactly one '/'. Characters are printable ASCII, space and HTAB: the only
whitespace optional whitespace may hold (python's strip() also removes other controls).
Prints "N passed, N failed"."""
import email.message
import random
import subprocess
import sys

rng = random.Random(20261201)


def content_type(value):
    m = email.message.Message()
    m['Content-Type'] = value
    return m.get_content_type()


def same(received, documented):
    essence = received.split(';', 1)[0]
    return essence.count('/') == 1 and content_type(received) == content_type(documented)


DOCUMENTED = ['application/json', 'application/problem+json', 'text/html',
              'Application/Vnd.API+JSON', 'application/json; charset=utf-8']
OTHERS = ['application/json', 'application/problem+json', 'text/html', 'text/plain',
          'application/xml', 'application/jsonl', 'application/json-seq', 'json',
          'application', '/json', 'application/', '/', '', 'x/y', 'a/b/c']
PARAMS = ['', ';', '; charset=utf-8', ';charset=UTF-8', ' ; charset="utf-8"', '\t;q=1',
          '; a=b; c="d;e"', ';;', '; charset']
OWS = ['', ' ', '\t', '  ', ' \t ']
ALPHABET = [chr(c) for c in range(0x20, 0x7f)] + ['\t']


def mutate(s):
    r = rng.random()
    if r < 0.25:  # flip the case of some letters
        return ''.join(c.swapcase() if rng.random() < 0.3 else c for c in s)
    if r < 0.4 and s:  # whitespace at a random place, inside the type too
        i = rng.randrange(0, len(s) + 1)
        return s[:i] + rng.choice(OWS[1:]) + s[i:]
    if r < 0.55 and s:  # cut
        return s[:rng.randrange(0, len(s))]
    if r < 0.7:  # a random printable character somewhere
        i = rng.randrange(0, len(s) + 1)
        return s[:i] + rng.choice(ALPHABET) + s[i:]
    if r < 0.8 and s:  # drop one character
        i = rng.randrange(0, len(s))
        return s[:i] + s[i + 1:]
    return s


def candidate(documented):
    base = documented if rng.random() < 0.6 else rng.choice(OTHERS)
    if rng.random() < 0.5:
        base = base.split(';', 1)[0]
    s = rng.choice(OWS) + base + rng.choice(OWS) + rng.choice(PARAMS) + rng.choice(OWS)
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        s = mutate(s)
    return s


pairs = []
for documented in DOCUMENTED:
    pairs += [(documented, documented), (documented.upper(), documented),
              (' ' + documented + '\t', documented)]
    pairs += [(candidate(documented), documented) for _ in range(1500)]
pairs += [('', d) for d in DOCUMENTED] + [(' ', d) for d in DOCUMENTED]  # no media type
given = ''.join(r.encode().hex() + ' ' + d.encode().hex() + '\n' for r, d in pairs)
run = subprocess.run([sys.argv[1], '--media'], input=given.encode(), capture_output=True,
                     check=True)
verdicts = run.stdout.decode().split()
if len(verdicts) != len(pairs):
    sys.exit(f'{len(verdicts)} verdicts for {len(pairs)} pairs')
passed = failed = agreed_same = 0
for (r, d), v in zip(pairs, verdicts):
    want = same(r, d)
    if (v == '1') == want:
        passed += 1
        agreed_same += want
    else:
        failed += 1
        if failed <= 20:
            print(f'{r!r} against {d!r}: apigen {v}, python {int(want)}')
print(f'{agreed_same} of the agreements are "same media type"')
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
