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

Then the query styles (apigen_query_style): `TEST_RT_REQUEST --styles` builds, for pairs of
valid UTF-8 strings x and y, GET /v1/s with [x, y] as an array in each style and {status: x,
label: y} as a deepObject. This script expects the wire forms of OpenAPI 3.1 section 4.8.12.5
with each item quote()d ("," literal, %20 and %7C as the space and pipe delimiters, %5B and %5D
around deepObject keys), checks that urllib.parse.parse_qsl reads back [x, y] from each (split on
the delimiter where not exploded), and expects a refusal at query.csv, query.ssv or query.psv
for each item holding that style's delimiter.

Then form bodies (APIGEN_BODY_FORM): `TEST_RT_REQUEST --form` builds, for pairs x and y, the
application/x-www-form-urlencoded body of test.form (see print_forms). This script expects
exactly what urllib.parse.urlencode writes for the same pairs (quote_plus: a space as '+'),
but with the WHATWG URL Standard's safe set ('*' kept, '~' as %7E), checks that parse_qsl
reads every pair back (names with their brackets, values, in order), and expects a refusal at
body.csv for an item holding ','.
Prints "N passed, N failed"."""
import random
import subprocess
import sys
from urllib.parse import parse_qsl, quote, quote_plus, urlencode

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


STYLES = (('csv', ',', ','), ('ssv', ' ', '%20'), ('psv', '|', '%7C'))


def random_text():
    """A valid UTF-8 string without NUL, rich in delimiters and reserved characters."""
    return ''.join(rng.choice(POOL + [',', ' ', '|', '[', ']', '&', '=']) for _ in
                   range(rng.randrange(0, 8))).encode()


def styles_expected(x, y):
    refusals = [b'format query.' + name.encode() for name, raw, _ in STYLES
                for item in (x, y) if raw.encode() in item]
    if refusals:
        return b'refused ' + b' '.join(refusals)
    q = lambda s: quote(s, safe='')
    pairs = ['form=' + q(x), 'form=' + q(y)]
    pairs += [name + '=' + q(x) + wire + q(y) for name, _, wire in STYLES]
    pairs += ['filter%5Bstatus%5D=' + q(x), 'filter%5Blabel%5D=' + q(y)]
    return (BASE + '/v1/s?' + '&'.join(pairs)).encode()


def styles_read_back(url, x, y):
    """Whether parse_qsl reads x and y back from every parameter of url."""
    got = parse_qsl(url.split(b'?', 1)[1].decode(), keep_blank_values=True, errors='strict')
    want = [('form', x), ('form', y)]
    want += [(name, (x + raw.encode() + y)) for name, raw, _ in STYLES]
    want += [('filter[status]', x), ('filter[label]', y)]
    return [(k, v.encode()) for k, v in got] == [(k, v.decode().encode()) for k, v in want]


def run_cases(program, flag, cases, lines, judge):
    """Feeds lines to PROGRAM FLAG and judges its output line for each case: (want, ok)."""
    run = subprocess.run([program, flag], input=b''.join(lines), stdout=subprocess.PIPE,
                         check=True)
    urls = run.stdout.split(b'\n')[:-1]
    passed = failed = 0
    if len(urls) != len(cases):
        print('%d URLs for %d cases (%s)' % (len(urls), len(cases), flag))
        failed += 1
    for case, got in zip(cases, urls):
        want, ok = judge(case, got)
        if ok:
            passed += 1
        else:
            failed += 1
            if failed <= 10:
                print('FAIL %s %r:\n  got  %r\n  want %r' % (flag, case, got, want))
    return passed, failed


def judge_styles(case, got):
    x, y = case
    want = styles_expected(x, y)
    return want, got == want and (got.startswith(b'refused') or styles_read_back(got, x, y))


def form_pairs(x, y):
    """The pairs test.form writes for x and y (print_forms), as str."""
    x, y = x.decode(), y.decode()
    return [('name', x), ('tags', x), ('tags', y), ('csv', x + ',' + y), ('expand[]', x),
            ('expand[]', y), ('address[line]', y), ('metadata[' + x + ']', y),
            ('metadata[' + y + ']', x), ('pin', y)]


def judge_form(case, got):
    x, y = case
    if b',' in x or b',' in y:
        want = b'refused' + b' format body.csv' * ((b',' in x) + (b',' in y))
        return want, got == want
    pairs = form_pairs(x, y)
    # urlencode quotes with quote_plus(safe=''): WHATWG keeps '*' and encodes '~'
    want = urlencode(pairs, quote_via=lambda s, safe, enc, err: quote_plus(
        s, safe='*').replace('~', '%7E')).encode()
    read = parse_qsl(got.decode(), keep_blank_values=True, errors='strict')
    return want, got == want and read == pairs


def main():
    cases = [b'', b'.', b'..', b'...'] + [random_case() for _ in range(3000)]
    passed, failed = run_cases(sys.argv[1], '--encode', cases,
                               [s.hex().encode() + b'\n' for s in cases],
                               lambda s, got: (expected(s), got == expected(s)))
    pairs = [(b'blue', b'black'), (b'', b''), (b'a,b', b'c')]
    pairs += [(random_text(), random_text()) for _ in range(2000)]
    style_passed, style_failed = run_cases(
        sys.argv[1], '--styles', pairs,
        [x.hex().encode() + b' ' + y.hex().encode() + b'\n' for x, y in pairs], judge_styles)
    passed += style_passed
    failed += style_failed
    forms = [(b'a b', b'c&d'), (b'', b'='), (b'~*', b'+%')]
    forms += [(random_text(), random_text()) for _ in range(2000)]
    forms = [(x, y) for x, y in forms if x != y]  # metadata {x: y, y: x} needs two keys
    form_passed, form_failed = run_cases(
        sys.argv[1], '--form', forms,
        [x.hex().encode() + b' ' + y.hex().encode() + b'\n' for x, y in forms], judge_form)
    passed += form_passed
    failed += form_failed
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or passed < 1000 or style_passed < 1000 or form_passed < 1000 else 0


if __name__ == '__main__':
    sys.exit(main())
