#!/usr/bin/env python3
"""number_oracle.py: comparisons of JSON numbers whose exact order python3's fractions decide,
for test_rt_exact (the runtime's exact decimal comparison against an independent oracle).

Prints lines "L x y c" (bound literal x, document literal y, c = sign(y - x)) and "D x h c"
(bound literal x, the double of hex float h, c = sign(h - x)); for multipleOf (JSON Schema 2020-12
6.2.1), "M m y c" (divisor literal m, document literal y, c = 1 when y / m is an integer, else 0)
and "V m h c" (the double of hex float h as apigen_model_validate judges it, by its shortest
round-trip text, repr). Seeded: the same lines each run.
The cases crowd where doubles fail: two literals of one double, a double and its exact
expansion, midpoints between neighbouring doubles, integers around 2^53 and 2^63."""
import math
import random
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 2000
rng = random.Random(20261130)


def exact(value):
    """The exact decimal text of a float or Fraction with a finite expansion."""
    if isinstance(value, float):
        return format(Decimal(value), 'f') if abs(value) >= 1e-30 or value == 0 else str(Decimal(value))
    return str(Decimal(value.numerator) / Decimal(value.denominator))


def respell(text):
    """Another JSON spelling of the same value: exponent forms, trailing zeros, a leading 0."""
    sign, digits, exp = Decimal(text).as_tuple()
    ds = ''.join(map(str, digits)).lstrip('0') or '0'
    exp += len(''.join(map(str, digits))) - len(''.join(map(str, digits)).lstrip('0') or '0')
    pad = rng.randrange(4)
    ds, exp = ds + '0' * pad, exp - pad
    form = rng.randrange(4)
    minus = '-' if sign else ''
    if form == 0:
        return f'{minus}{ds}e{exp}'
    if form == 1:
        return f'{minus}{ds[0]}.{ds[1:] or "0"}E{exp + len(ds) - 1:+d}'
    if form == 2:
        return f'{minus}0.{ds}e{exp + len(ds)}'
    return f'{minus}{ds}E{exp}' if exp < 0 else minus + ds + '0' * exp


def random_double():
    kind = rng.randrange(6)
    if kind == 0:
        return float(rng.choice([2**53, 2**53 + 2, 2**63, 2**62, 10**16, 10**22]) * rng.choice([1, -1]))
    if kind == 1:
        return rng.choice([0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.7, 1.1, 100.5, 1e-7, 5e-324, 1.7e308])
    if kind == 2:
        return float(rng.randrange(-10**6, 10**6)) / rng.choice([1, 10, 100, 1000, 3, 7])
    if kind == 3:
        return math.ldexp(rng.random(), rng.randrange(-80, 80)) * rng.choice([1, -1])
    if kind == 4:
        return float(rng.randrange(2**52, 2**54))
    return rng.uniform(-1e6, 1e6)


def candidates(d):
    """Literals on and around the double d."""
    up, down = math.nextafter(d, math.inf), math.nextafter(d, -math.inf)
    fd = Fraction(d)
    out = [repr(d), exact(d), exact((fd + Fraction(up)) / 2), exact((fd + Fraction(down)) / 2)]
    tiny = Fraction(1, 10 ** rng.randrange(1, 40))
    out.append(exact(fd + tiny * (Fraction(up) - fd) / 2))
    out.append(exact(fd - tiny * (fd - Fraction(down)) / 2))
    return [o.replace('+', '') if 'E' not in o and 'e' not in o else o for o in out]


def json_ok(text):
    return abs(Fraction(Decimal(text))) < Fraction(Decimal('1.7e308'))


def sign(x):
    return (x > 0) - (x < 0)


lines = []
while len(lines) < 6000:
    d = random_double()
    if not math.isfinite(d) or abs(d) > 1.7e308:
        continue
    lits = [c for c in candidates(d) if json_ok(c)]
    x = rng.choice(lits)
    y = rng.choice(lits + [respell(rng.choice(lits))])
    if rng.randrange(3) == 0:
        x = respell(x)
    fx, fy = Fraction(Decimal(x)), Fraction(Decimal(y))
    lines.append(f'L {x} {y} {sign(fy - fx)}')
    h = rng.choice([d, math.nextafter(d, math.inf), math.nextafter(d, -math.inf)])
    if math.isfinite(h):
        lines.append(f'D {x} {h.hex()} {sign(Fraction(h) - fx)}')
# multipleOf: multiples of divisors real APIs use, their neighbours, respellings
DIVISORS = ['0.01', '1e-9', '0.25', '1.5', '3', '1e-8', '0.0001', '0.1', '7', '0.3', '2.5e-3',
            '123456789012345678', '1e20', '0.000000000000000001', '6.4', '1024', '3.125e-2',
            '576460752303423488']  # 2^59 (18 digits, the most): appended zeros decide
mult = []
while len(mult) < 3000:
    m = rng.choice(DIVISORS)
    fm = Fraction(Decimal(m))
    k = rng.choice([rng.randrange(-10**6, 10**6), rng.randrange(-10**18, 10**18), rng.randrange(0, 100)])
    y = k * fm
    if rng.randrange(4) == 0:  # a power of ten: divisible only through its factors 2 and 5
        y = Fraction(10) ** rng.randrange(-20, 70)
    nudge = rng.randrange(5)
    if nudge == 1:
        y += Fraction(1, 10 ** rng.randrange(1, 25))
    elif nudge == 2:
        y += fm / rng.choice([2, 3, 10, 1000])
    text = exact(y) if y.denominator != 1 else str(y.numerator)
    if not json_ok(text):
        continue
    if rng.randrange(3) == 0 and y != 0:  # respell writes 0 with leading zeros
        text = respell(text)
    fy = Fraction(Decimal(text))
    mult.append(f'M {m} {text} {int((fy / fm).denominator == 1)}')
    h = float(fy)
    if math.isfinite(h):
        fh = Fraction(Decimal(repr(h)))
        mult.append(f'V {m} {h.hex()} {int((fh / fm).denominator == 1)}')
lines += mult
print('\n'.join(lines))
