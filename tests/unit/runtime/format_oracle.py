#!/usr/bin/env python3
"""format_oracle.py: the runtime's string formats against python3's own readers of them.

usage: format_oracle.py TEST_RT_TEXT

For each format with an independent reader in python3's standard library, builds seeded
random strings near the format's boundaries (octets 0-255 and beyond, leading zeros, too few
or too many parts, signs, spaces, a trailing newline, non-ASCII digits such as U+0661), asks
`TEST_RT_TEXT --format NAME` for the runtime's verdicts (one hex-encoded string a line in, one
0 or 1 a line out) and compares them with the reader's:
  ipv4  ipaddress.IPv4Address (strict dotted-quad since python 3.9.5: no leading zeros)
  ipv6  ipaddress.IPv6Address (RFC 4291 2.2 text; its scope-id extension, RFC 4007 "%zone",
        is left out of the candidates: JSON Schema's ipv6 is RFC 4291's text alone)
Prints "N passed, N failed"."""
import ipaddress
import random
import subprocess
import sys

rng = random.Random(20261201)


def ipv4_valid(s):
    try:
        ipaddress.IPv4Address(s)
        return True
    except ValueError:
        return False


def ipv4_candidates(n):
    octets = ['0', '1', '9', '10', '99', '100', '199', '249', '250', '255', '256', '300', '999',
              '00', '01', '010', '0255', '1000', '', '-1', '+1', ' 1', '1 ', '\u0661', '١٢',
              '0x1', '1e2', 'a']
    out = ['1.2.3.4', '0.0.0.0', '255.255.255.255', '1.2.3.4\n', '1.2.3', '1.2.3.4.5',
           '1..2.3', '.1.2.3', '1.2.3.', '127.1', '192.168.0.1/24', '1.2.3.4%eth0']
    while len(out) < n:
        parts = [rng.choice(octets) if rng.random() < 0.5 else str(rng.randrange(0, 300))
                 for _ in range(rng.choice([3, 4, 4, 4, 4, 5]))]
        s = '.'.join(parts)
        if rng.random() < 0.05:
            s += rng.choice(['\n', ' ', '.', '\x00x'])
        out.append(s)
    return out


def ipv6_valid(s):
    try:
        ipaddress.IPv6Address(s)
        return True
    except ValueError:
        return False


def ipv6_candidates(n):
    groups = ['0', '1', 'db8', '2001', 'ffff', 'FFFF', 'abcd', '00000', '12345', 'g', '', '-1',
              ' 1', '0x1', '\u0661']
    out = ['::', '::1', '1::', '2001:db8::1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8',
           '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', ':::', '1::2::3', '::1\n', '1:2:3:4:5:6:1.2.3.4',
           '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3.04', '::256.1.1.1', '1::2:3:4:5:6:7', ':1::2']
    while len(out) < n:
        parts = [rng.choice(groups) if rng.random() < 0.4 else format(rng.randrange(0, 0x10000), 'x')
                 for _ in range(rng.randrange(1, 10))]
        s = ':'.join(parts)
        r = rng.random()
        if r < 0.3:
            i = rng.randrange(0, len(s) + 1)
            s = s[:i] + rng.choice(['::', ':', '.']) + s[i:]
        elif r < 0.4:
            s += ':' + '.'.join(str(rng.randrange(0, 300)) for _ in range(rng.choice([3, 4, 4])))
        if rng.random() < 0.03:
            s += rng.choice(['\n', ' ', ':'])
        out.append(s)
    return [s for s in out if '%' not in s]


ORACLES = {'ipv4': (ipv4_valid, ipv4_candidates), 'ipv6': (ipv6_valid, ipv6_candidates)}

passed = failed = 0
for name, (valid, candidates) in ORACLES.items():
    strings = [s for s in candidates(4000) if '\x00' not in s]  # a C string ends at NUL
    given = ''.join(s.encode('utf-8').hex() + '\n' for s in strings)
    run = subprocess.run([sys.argv[1], '--format', name], input=given.encode(),
                         capture_output=True, check=True)
    verdicts = run.stdout.decode().split()
    if len(verdicts) != len(strings):
        sys.exit(f'{name}: {len(verdicts)} verdicts for {len(strings)} strings')
    for s, v in zip(strings, verdicts):
        if (v == '1') == valid(s):
            passed += 1
        else:
            failed += 1
            if failed <= 20:
                print(f'{name} {s!r}: apigen {v}, python {int(valid(s))}')
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
