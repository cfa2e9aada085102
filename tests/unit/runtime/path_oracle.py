#!/usr/bin/env python3
"""path_oracle.py: the runtime's violation paths against an independent reader of them.

usage: path_oracle.py TEST_RT_CORE

Builds seeded random documents {"any": ...} whose keys mix path syntax ('.', '[', ']', quotes,
backslashes, the text of escapes), spaces, C0 controls, DEL, C1 controls, U+2028/9, other
non-ASCII text and bytes that are not UTF-8, nested in objects and arrays, with a leaf string
that is not UTF-8 (an encoding violation whose path names every key and index above it).
`TEST_RT_CORE --paths` prints the path of each document's last violation; this script reads
each path back with its own reader of RFC 9535 normalized paths (section 2.7; member-name
shorthand, section 2.5.1.1, for ASCII names; beyond the RFC \\uXXXX for DEL, C1 controls,
U+2028/9 and the bidi controls U+202A..E and U+2066..9, \\xXX for a byte that is not UTF-8)
and checks that it gives the same keys and indexes, that the spelling is the one canonical
form (shorthand exactly when the name allows it, the short escapes \\b \\f \\n \\r \\t,
lowercase hex), and that it is one line of text.
Prints "N passed, N failed"."""
import random
import re
import subprocess
import sys

# Bidirectional embeddings, overrides and isolates: escaped, as a terminal reorders text after
# them (CVE-2021-42574).
BIDI = ''.join(map(chr, list(range(0x202a, 0x202f)) + list(range(0x2066, 0x206a))))

rng = random.Random(20261130)
SHORTHAND = re.compile(rb'[A-Za-z_][A-Za-z0-9_]*')
SHORT_ESCAPES = {ord('b'): 8, ord('f'): 12, ord('n'): 10, ord('r'): 13, ord('t'): 9}
POOL = (list('abzAZ_09') + list(".[]'\"\\ *$-") + ['\\u000a', '\\n', '\\x41', "\\'"] +
        [chr(c) for c in range(1, 0x20)] + ['\x7f', '\x80', '\x85', '\x9b', '\x9f'] +
        ['\u2028', '\u2029', '\u00e9', '\u202e', '\U0001f600'] +
        [bytes([b]) for b in (0x80, 0x9b, 0xc3, 0xe2, 0xff)])


def random_key():
    """A key as a list of units: a str (a character or a text) or a bytes (a raw byte)."""
    if rng.random() < 0.2:
        return list(rng.choice(['a', 'a_1', 'Z9', '_', '***', '', '0', 'a.b', '[0]']))
    return [rng.choice(POOL) for _ in range(rng.randrange(0, 7))]


def key_bytes(key):
    return b''.join(u if isinstance(u, bytes) else u.encode() for u in key)


def json_key(key):
    out = bytearray(b'"')
    for unit in key:
        if isinstance(unit, bytes):
            out += unit
            continue
        for ch in unit:
            if ch in '"\\':
                out += b'\\' + ch.encode()
            elif ord(ch) < 0x20:
                out += b'\\u%04x' % ord(ch)
            else:
                out += ch.encode()
    return bytes(out + b'"')


def random_case():
    """A document and the segments ('k', name bytes) / ('i', n) its violation path names."""
    segs = [('k', b'any')]
    for _ in range(rng.randrange(1, 5)):
        if rng.random() < 0.25:
            segs.append(('i', rng.randrange(0, 3)))
        else:
            key = random_key()
            segs.append(('k', key_bytes(key), key))
    value = b'"\xff"'
    for seg in reversed(segs[1:]):
        if seg[0] == 'i':
            value = b'[' + b'null,' * seg[1] + value + b']'
        else:
            value = b'{' + json_key(seg[2]) + b':' + value + b'}'
    doc = b'{"any":' + value + b'}'
    return doc, [s[:2] for s in segs]


class Bad(Exception):
    pass


def read_path(path):
    """The segments of path, read as RFC 9535 normalized paths are, with the runtime's
    extensions; raises Bad on anything else or on a non-canonical spelling."""
    if not path.startswith(b'$'):
        raise Bad('no $')
    for b in path:
        if b < 0x20 or b == 0x7f:
            raise Bad('control byte in the path')
    try:
        path.decode('utf-8')
    except UnicodeDecodeError:
        raise Bad('path is not UTF-8')
    if any(x in path.decode() for x in '\u0080\u0085\u009b\u009f\u2028\u2029' + BIDI):
        raise Bad('line break, C1 or bidi control in the path')
    i, segs = 1, []
    while i < len(path):
        if path[i:i + 2] == b"['":
            i += 2
            name = bytearray()
            while True:
                if i >= len(path):
                    raise Bad('unterminated name')
                c = path[i]
                if c == ord("'"):
                    i += 1
                    break
                if c != ord('\\'):
                    name.append(c)
                    i += 1
                    continue
                e = path[i + 1] if i + 1 < len(path) else 0
                if e in (ord('\\'), ord("'")):
                    name.append(e)
                    i += 2
                elif e in SHORT_ESCAPES:
                    name.append(SHORT_ESCAPES[e])
                    i += 2
                elif e == ord('u') and re.fullmatch(rb'[0-9a-f]{4}', path[i + 2:i + 6]):
                    cp = int(path[i + 2:i + 6], 16)
                    if cp in SHORT_ESCAPES.values():
                        raise Bad('\\u escape where a short escape is canonical')
                    if not (cp < 0x20 or 0x7f <= cp <= 0x9f or cp in (0x2028, 0x2029) or
                            chr(cp) in BIDI):
                        raise Bad('\\u escape of a character kept as it is: %x' % cp)
                    name += chr(cp).encode()
                    i += 6
                elif e == ord('x') and re.fullmatch(rb'[0-9a-f]{2}', path[i + 2:i + 4]):
                    name.append(int(path[i + 2:i + 4], 16))
                    i += 4
                else:
                    raise Bad('unknown escape')
            if path[i:i + 1] != b']':
                raise Bad('no ] after a name')
            i += 1
            if SHORTHAND.fullmatch(bytes(name)):
                raise Bad('bracketed name that shorthand spells')
            segs.append(('k', bytes(name)))
        elif path[i:i + 1] == b'[':
            m = re.match(rb'\[(0|[1-9][0-9]*)\]', path[i:])
            if not m:
                raise Bad('bad index')
            segs.append(('i', int(m.group(1))))
            i += len(m.group(0))
        elif path[i:i + 1] == b'.':
            m = SHORTHAND.match(path, i + 1)
            if not m:
                raise Bad('bad shorthand')
            segs.append(('k', m.group(0)))
            i = m.end()
        else:
            raise Bad('unexpected byte at %d' % i)
    return segs


def main():
    cases = [random_case() for _ in range(3000)]
    stdin = b''.join(doc.hex().encode() + b'\n' for doc, _ in cases)
    run = subprocess.run([sys.argv[1], '--paths'], input=stdin, stdout=subprocess.PIPE, check=True)
    paths = run.stdout.split(b'\n')[:-1]
    passed = failed = 0
    if len(paths) != len(cases):
        print('%d paths for %d documents' % (len(paths), len(cases)))
        failed += 1
    for (doc, want), path in zip(cases, paths):
        try:
            got = read_path(path)
            if got != want:
                raise Bad('reads as %r' % (got,))
            passed += 1
        except Bad as e:
            failed += 1
            if failed <= 10:
                print('FAIL %r -> %r: %s (want %r)' % (doc, path, e, want))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or passed < 1000 else 0


if __name__ == '__main__':
    sys.exit(main())
