// check_same: `apigen check SPEC ...` (tables built in memory from the spec) against the compiled
// apigen-check (tables compiled from the generated code) on the same bodies: exit status,
// standard output and standard error must be byte for byte the same (a diagnostic line's
// program name aside: "apigen check: " is read as "apigen-check: ").
//
// Cases, for every spec given: the operation list; every operation's request and a row of
// statuses (exact, ranged, default, undocumented, not a number) with a body "{}"; every
// documented example (<api>.examples.json) as it is and re-indented; mutations of each example
// (each member removed; each value null, wrong-typed, out of range, too long; extra members;
// arrays emptied, repeated and grown; integers past int64 and 1e400 written as the spec's
// digits would not be); hostile bodies (malformed JSON, text after the value, NUL bytes raw and
// escaped, invalid UTF-8, a lone surrogate, a BOM, duplicate keys, 100000 levels of nesting,
// a 16 MB string). Deterministic: no randomness, so every run compares the same cases.
//
// usage: node check_same.mjs APIGEN APIGEN_CHECK SPEC EXAMPLES_JSON [SPEC EXAMPLES_JSON]...
// APIGEN_CHECK_STRIDE=N (default 1) compares every Nth mutation of each example only (the
// examples themselves, the probes and the hostile bodies always): the sanitizer builds, where
// each case costs two instrumented processes, register the test so.
// Prints the number of cases compared; exits 1 on any disagreement (the first ones shown).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Empty arguments (CMake's generator expressions for an absent target) are dropped.
const [apigen, compiled, ...rest] = process.argv.slice(2).filter((a) => a !== '');
if (!apigen || !compiled || rest.length === 0 || rest.length % 2 !== 0) {
  console.error('usage: node check_same.mjs APIGEN APIGEN_CHECK SPEC EXAMPLES_JSON...');
  process.exit(2);
}
const stride = Math.max(1, Number.parseInt(process.env.APIGEN_CHECK_STRIDE ?? '1', 10) || 1);
const specs = [];
for (let i = 0; i < rest.length; i += 2) specs.push({ spec: rest[i], examples: rest[i + 1] });

let compared = 0;
const disagreements = [];

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 256 << 20 });
  // A checker that judges nothing (an unknown status) exits without reading its input: EPIPE.
  if (r.error && !(r.error.code === 'EPIPE' && r.status !== null)) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// "apigen check: x" -> "apigen-check: x", line by line; violation lines start with '$'.
function normalise(stderr) {
  return stderr.toString('latin1').replace(/^apigen check: /gm, 'apigen-check: ');
}

function same(spec, args, input, what) {
  const body = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  const a = run(apigen, ['check', spec, ...args], body);
  const b = run(compiled, args, body);
  compared++;
  const diffs = [];
  if (a.status !== b.status || a.signal !== b.signal)
    diffs.push(`exit ${a.status}${a.signal ? ' ' + a.signal : ''} (apigen check) != ` +
               `${b.status}${b.signal ? ' ' + b.signal : ''} (apigen-check)`);
  if (!a.stdout.equals(b.stdout)) diffs.push('standard output differs');
  if (normalise(a.stderr) !== b.stderr.toString('latin1')) diffs.push('standard error differs');
  if (a.signal || b.signal || a.status === null || b.status === null)
    diffs.push('a checker was killed');
  if (diffs.length > 0) {
    disagreements.push({ spec, args, what, diffs,
      body: body.length > 300 ? body.subarray(0, 300).toString('latin1') + '...' : body.toString('latin1'),
      a: [a.stdout.toString('latin1').slice(0, 500), a.stderr.toString('latin1').slice(0, 800)],
      b: [b.stdout.toString('latin1').slice(0, 500), b.stderr.toString('latin1').slice(0, 800)] });
  }
  return a;
}

// ---------------------------------------------------------------- mutations ----

// Values JSON.stringify cannot write, as markers replaced by their text afterwards.
const RAW = (text) => `\u0001RAW:${text}\u0001`;
const rawText = (json) => json.replace(/"\\u0001RAW:([^\\]*)\\u0001"/g, '$1');
const write = (v, indent) => rawText(JSON.stringify(v, null, indent));

// Every [path, value] of v, each array's first two items only (the rest repeat them).
function* nodes(v, path = []) {
  yield [path, v];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && i < 2; i++) yield* nodes(v[i], [...path, i]);
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) yield* nodes(v[k], [...path, k]);
  }
}

const DELETE = Symbol('delete');

// A copy of root with the value at path replaced by to (DELETE: the member removed).
function replaced(root, path, to) {
  if (path.length === 0) return to;
  const copy = structuredClone(root);
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1];
  if (to === DELETE) {
    if (Array.isArray(parent)) parent.splice(last, 1);
    else delete parent[last];
  } else parent[last] = to;
  return copy;
}

// The values that v may be replaced with: wrong types, bounds, lengths, null.
function variants(v) {
  const out = [null];
  if (typeof v === 'string') {
    out.push(12345, true, [v], { v }, '', v + v, 'x'.repeat(v.length + 300), v.toUpperCase(),
      v.slice(1), v + ' ', 'not-an-enum-value', '2020-02-30T25:61:00Z', 'user@@example', '\u00e9\u{1F600}');
  } else if (typeof v === 'number') {
    out.push(String(v), true, [v], 0, -1, 1, v + 1, v - 1, v + 0.5, -v, 2147483647, 2147483648,
      -2147483649, RAW('9223372036854775807'), RAW('9223372036854775808'),
      RAW('-9223372036854775809'), RAW('1e400'), RAW('-0'), RAW('1.0'), RAW('1E2'), 1e308);
  } else if (typeof v === 'boolean') {
    out.push('true', 0, 1, !v, [v]);
  } else if (Array.isArray(v)) {
    out.push({}, [], 'x', 1);
    if (v.length > 0) {
      out.push([v[0], v[0]], Array(300).fill(v[0]), [null], [...v, 1], [...v, 'x'], [...v, {}]);
    }
  } else if (v !== null && typeof v === 'object') {
    out.push([], 'x', 1, {}, [v]);
    out.push({ ...v, zz_extra: 1 }, { ...v, '': 'empty name' }, { ...v, 'a\nb': '\u001b[2J' });
  } else {
    out.push('x', 0, {}, []);
  }
  return out;
}

// Mutated copies of an example, as JSON texts.
function mutations(value) {
  const out = [];
  for (const [path, v] of nodes(value)) {
    if (path.length > 0) out.push(write(replaced(value, path, DELETE)));
    for (const to of variants(v)) out.push(write(replaced(value, path, to)));
  }
  return out;
}

// Bodies no example makes: broken JSON, bytes that are not UTF-8, hostile sizes and depths.
function hostile(value) {
  const text = write(value);
  const out = [
    '', ' ', 'null', '1', '"s"', '[]', '{}', '{', '{"a":1,}', "{'a':1}", 'nul', '[1,]',
    text + ' trailing', text + text, text.slice(0, -1), '\uFEFF' + text, text + '\n\n',
    '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"a":"\\x41"}', '1e400', '-0',
    '['.repeat(100000) + ']'.repeat(100000), '{"a":'.repeat(20000) + '1' + '}'.repeat(20000),
  ];
  const bytes = [
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x00, 0x22, 0x7d]), // {"a":"<NUL>"}
    Buffer.from([0x7b, 0x7d, 0x00]), // {} then NUL
    Buffer.from([0x00]),
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // bad UTF-8
    Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), // {"<FF>":1}
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM {}
  ];
  // Each string of the example with a raw NUL, an invalid byte or an escaped NUL inside; each
  // object member written twice.
  for (const [path, v] of nodes(value)) {
    if (typeof v === 'string') {
      const marked = write(replaced(value, path, '\u0002'));
      const [before, after] = marked.split('\\u0002');
      bytes.push(Buffer.concat([Buffer.from(before), Buffer.from([0x61, 0x00, 0x62]), Buffer.from(after)]));
      bytes.push(Buffer.concat([Buffer.from(before), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from(after)]));
      out.push(before + 'a\\u0000b' + after, before + 'a\tb' + after);
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      const k = Object.keys(v)[0];
      const marked = write(replaced(value, path, { '\u0002': 0, ...v }));
      out.push(marked.replace('"\\u0002":0', `${JSON.stringify(k)}:${write(v[k])}`));
    }
  }
  // A 16 MB string in place of the first string, or appended as an extra member.
  const first = [...nodes(value)].find(([, v]) => typeof v === 'string');
  out.push(write(first ? replaced(value, first[0], 'x'.repeat(16 << 20))
                       : (Array.isArray(value) ? ['x'.repeat(16 << 20)] : { big: 'x'.repeat(16 << 20) })));
  return [...out, ...bytes];
}

// ---------------------------------------------------------------------- run ----

const STATUSES = ['100', '200', '201', '202', '204', '206', '299', '300', '301', '304', '400', '401',
  '403', '404', '409', '422', '429', '499', '500', '502', '503', '599', '600', '99', '0', '2XX',
  'default', 'abc', '-200', '200x', ' 200', '+200', '0200', ''];

const listed = [];
for (const { spec, examples } of specs) {
  const list = run(apigen, ['check', spec, '--list'], '');
  if (list.status !== 0) {
    console.error(`apigen check ${spec} --list: exit ${list.status}\n${list.stderr}`);
    process.exit(1);
  }
  const ops = list.stdout.toString().split('\n').filter(Boolean);
  listed.push(...ops);
  for (const op of ops) {
    for (const body of ['{}', '[]'])
      same(spec, [op, 'request'], body, 'request probe');
    for (const s of STATUSES)
      same(spec, [op, 'response', s], '{}', 'status probe');
  }
  const docs = JSON.parse(readFileSync(examples, 'utf8'));
  const hostileDone = new Set();
  for (const ex of docs) {
    const args = ex.part === 'request' ? [ex.operation, 'request'] : [ex.operation, 'response', String(ex.status)];
    const what = `${ex.operation} ${ex.part} ${ex.part === 'request' ? '' : ex.status} example '${ex.name}'`;
    const seen = new Set();
    const bodies = [write(ex.value), write(ex.value, 2),
      ...mutations(ex.value).filter((_, i) => i % stride === 0)];
    for (const body of bodies) {
      if (seen.has(body)) continue;
      seen.add(body);
      same(spec, args, body, what);
    }
    const key = args.join(' ');
    if (!hostileDone.has(key)) {
      hostileDone.add(key);
      for (const body of hostile(ex.value)) same(spec, args, body, `${what}, hostile`);
    }
  }
}

// The operation lists: apigen-check lists every API it was built with, in the same order.
compared++;
const all = run(compiled, ['--list'], '').stdout.toString().split('\n').filter(Boolean);
if (all.join('\n') !== listed.join('\n'))
  disagreements.push({ what: '--list', diffs: [`apigen check lists\n${listed.join('\n')}\napigen-check lists\n${all.join('\n')}`] });

for (const d of disagreements.slice(0, 10)) {
  console.error(`DISAGREE ${d.what}: ${d.spec ?? ''} ${(d.args ?? []).join(' ')}`);
  for (const x of d.diffs) console.error(`  ${x}`);
  if (d.body !== undefined) {
    console.error(`  body: ${JSON.stringify(d.body)}`);
    console.error(`  apigen check: stdout ${JSON.stringify(d.a[0])} stderr ${JSON.stringify(d.a[1])}`);
    console.error(`  apigen-check: stdout ${JSON.stringify(d.b[0])} stderr ${JSON.stringify(d.b[1])}`);
  }
}
console.log(`${compared} cases compared over ${specs.length} spec(s), ${disagreements.length} disagreement(s)`);
process.exit(disagreements.length === 0 && compared > specs.length ? 0 : 1);
