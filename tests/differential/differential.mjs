// Differential validation: the generated C validators against ajv (draft 2020-12, with
// ajv-formats) on the JSON Schema apigen exports beside the C (<api>.schema.json).
// Payloads: every documented example, and mutations of each (wrong types, boundary numbers,
// edited strings, dropped and added fields), from a fixed seed, so every run is the same.
// Every disagreement must fall in a documented class (KNOWN below), each naming its construct,
// and each class's count is asserted (EXPECTED), or the test fails.
//
// With --openapi FILE, ajv judges on the OpenAPI 3.1 document `apigen export openapi` wrote
// instead (the schema of each operation's request body or response there), which must also
// hold every documented example with its value unchanged: the same payloads, the same known
// classes and counts, so the OpenAPI document constrains exactly what <api>.schema.json does.
//
// usage: node differential.mjs [--openapi FILE] [--expected JSON] GENERATED_DIR VERDICTS_BINARY [MUTATIONS_PER_EXAMPLE]
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, '..', 'schema', 'package.json');
if (!existsSync(join(here, '..', 'schema', 'node_modules'))) {
  console.log('skipped: tests/schema/node_modules is missing: run `npm ci --prefix tests/schema`');
  process.exit(77); // a CTest skip (SKIP_RETURN_CODE), counted as such
}
const require = createRequire(modules);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const args = process.argv.slice(2);
const openapiFile = args[0] === '--openapi' ? args.splice(0, 2)[1] : null;
// --expected JSON: the known classes' counts for another set of APIs (tests/shapes has its own).
const expectedArg = args[0] === '--expected' ? JSON.parse(args.splice(0, 2)[1]) : null;
const [generatedDir, verdictsBin, perExampleArg] = args;
const PER_EXAMPLE = Number(perExampleArg || 400);

// --- ajv, with the formats the spec format names -----------------------------------------
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('e164', /^\+[1-9][0-9]{1,14}$/);

const apis = readdirSync(generatedDir).filter(d => existsSync(join(generatedDir, d, `${d}.schema.json`)));
const docs = {}; // $id -> exported schema document
const operations = {};
const examples = [];
for (const api of apis) {
  examples.push(...JSON.parse(readFileSync(join(generatedDir, api, `${api}.examples.json`), 'utf8')));
  if (openapiFile) continue;
  const doc = JSON.parse(readFileSync(join(generatedDir, api, `${api}.schema.json`), 'utf8'));
  ajv.addSchema(doc);
  docs[doc.$id] = doc;
  for (const [name, op] of Object.entries(doc['x-apigen-operations'])) operations[name] = { api, op, id: doc.$id };
}
// examples.json writes a `default` response's status as 0, a range "2XX" as 2.
const statusKey = ex => (ex.status === 0 ? 'default' : ex.status < 6 ? `${ex.status}XX` : String(ex.status));
// JSON Pointer (RFC 6901) of the segments, as a URI fragment.
const pointer = segs => '#/' + segs.map(s => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const unpointer = ref => ref.slice(2).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
if (openapiFile) {
  // operationId -> { request, responses: status -> pointer to the body's schema, or null }
  const doc = JSON.parse(readFileSync(openapiFile, 'utf8'));
  const id = 'apigen:openapi';
  ajv.addSchema(doc, id);
  docs[id] = doc;
  const bodySchema = (at, body) => {
    const [type] = Object.keys(body?.content ?? {});
    return type === undefined ? null : pointer([...at, 'content', type, 'schema']);
  };
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, o] of Object.entries(item)) {
      if (!o || !o.operationId) continue;
      const at = ['paths', path, method];
      const op = { request: bodySchema([...at, 'requestBody'], o.requestBody), responses: {}, at };
      for (const [status, r] of Object.entries(o.responses)) op.responses[status] = bodySchema([...at, 'responses', status], r);
      operations[o.operationId] = { api: o.tags[0], op, id };
    }
  // Every documented example is in the document, unchanged, under its name.
  let missing = 0;
  for (const ex of examples) {
    const o = unpointer(pointer(operations[ex.operation]?.op.at ?? [])).reduce((v, k) => v?.[k], doc);
    const body = ex.part === 'request' ? o?.requestBody : o?.responses?.[statusKey(ex)];
    const media = Object.values(body?.content ?? {})[0];
    const value = media?.examples?.[String(ex.name)]?.value;
    if (JSON.stringify(value) !== JSON.stringify(ex.value)) {
      console.log(`MISSING ${ex.operation} ${ex.part} ${ex.status} example ${ex.name}: ${JSON.stringify(value)?.slice(0, 200)}`);
      missing++;
    }
  }
  console.log(`examples in the OpenAPI document: ${examples.length - missing} of ${examples.length}`);
  if (missing > 0) process.exit(1);
}

function validatorFor(ex) {
  const { op, id } = operations[ex.operation];
  const ref = ex.part === 'request' ? op.request : op.responses[statusKey(ex)];
  return ajv.getSchema(`${id}${ref}`);
}

// --- mutations ------------------------------------------------------------------------------
let seed = 0x5eed1234;
function random() { // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = list => list[Math.floor(random() * list.length)];

function paths(value, prefix = []) {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}
const getAt = (v, p) => p.reduce((o, k) => o[k], v);
function setAt(root, p, value) {
  if (p.length === 0) return value;
  getAt(root, p.slice(0, -1))[p[p.length - 1]] = value;
  return root;
}

const HEX = '0123456789abcdef';
const hex = n => Array.from({ length: n }, () => pick(HEX.split(''))).join('');
const OTHER_TYPES = [null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1], { a: 1 }];
const NUMBERS = [0, -0, 1, -1, 0.5, 2.5, 9007199254740991, -9007199254740991, 9007199254740992,
  -9007199254740992, 1e21, -1e-7, 123456789012];
const STRING_EDITS = [
  s => s + 'x', s => s.slice(0, -1), s => '.' + s, s => s.replace('@', '..@'), s => '',
  s => s.toUpperCase(), s => s + '\u{1F600}', s => s + '\ud83d', () => hex(24), () => hex(23), () => hex(25),
  () => hex(23) + 'g', () => 'a'.repeat(244) + '@example.com', () => 'a'.repeat(245) + '@example.com',
  () => '\u00e9'.repeat(244) + '@x.io', () => '2019-08-24T14:15:22Z', () => '2019-02-30T14:15:22Z',
  () => '2020-02-29T00:00:00+05:30', () => '+15556667777', () => '5556667777', () => '+0123',
  () => '+1234567890123456', () => '+123456789012345', () => '+12', () => '+1', () => '+1555666777',
  () => '2019-08-24T23:59:60Z', () => '2019-08-24T23:59:60+01:00', () => '2019-08-24T22:59:60-01:00',
  () => '2019-08-24T14:15:22+23:59', () => '2019-08-24T14:15:22+24:00', () => '2019-08-24T14:15:22.5-08:00',
  () => 'US', () => 'CA', () => 'XX', () => 'None', () => 'Maybe',
  () => 'user@example.com', () => 'user@localhost', () => 'a.b@c.d.ef', () => 'owner',
];

function mutate(value) {
  let v = structuredClone(value);
  const rounds = 1 + Math.floor(random() * 3);
  for (let r = 0; r < rounds; r++) {
    const all = paths(v);
    const p = pick(all);
    const cur = getAt(v, p);
    const kind = random();
    if (kind < 0.25) {
      v = setAt(v, p, structuredClone(pick(OTHER_TYPES)));
    } else if (kind < 0.45 && typeof cur === 'string') {
      v = setAt(v, p, pick(STRING_EDITS)(cur));
    } else if (kind < 0.6 && typeof cur === 'number') {
      v = setAt(v, p, pick(NUMBERS));
    } else if (kind < 0.75 && p.length > 0 && !Array.isArray(getAt(v, p.slice(0, -1)))) {
      delete getAt(v, p.slice(0, -1))[p[p.length - 1]];
    } else if (kind < 0.85 && cur && typeof cur === 'object' && !Array.isArray(cur)) {
      cur[pick(['extra', 'id', 'status', '__proto__x', 'email'])] = structuredClone(pick(OTHER_TYPES));
    } else if (Array.isArray(cur) && cur.length > 0) {
      const i = Math.floor(random() * cur.length);
      if (random() < 0.5) cur.splice(i, 1);
      else cur.splice(i, 0, structuredClone(random() < 0.5 ? cur[i] : pick(OTHER_TYPES)));
    } else if (typeof cur === 'string') {
      v = setAt(v, p, pick(STRING_EDITS)(cur));
    } else {
      v = setAt(v, p, structuredClone(pick(OTHER_TYPES)));
    }
  }
  return v;
}

// --- run ------------------------------------------------------------------------------------
// Random mutations, then every string edit at every string and every boundary number at every
// number of each example, so each format's boundaries reach each field of that format.
const cases = [];
for (const ex of examples) {
  cases.push({ ex, value: ex.value, mutated: false });
  for (let i = 0; i < PER_EXAMPLE; i++) cases.push({ ex, value: mutate(ex.value), mutated: true });
  for (const p of paths(ex.value)) {
    const cur = getAt(ex.value, p);
    const edits = typeof cur === 'string' ? STRING_EDITS.map(e => e(cur))
      : typeof cur === 'number' ? NUMBERS : [];
    for (const e of edits) cases.push({ ex, value: setAt(structuredClone(ex.value), p, e), mutated: true });
  }
}
const input = cases.map(c => `${c.ex.operation}\t${c.ex.part}\t${c.ex.status}\t${JSON.stringify(c.value)}`).join('\n') + '\n';
const ours = execFileSync(verdictsBin, { input, maxBuffer: 1 << 28 }).toString().trimEnd().split('\n');
if (ours.length !== cases.length) {
  console.error(`verdicts printed ${ours.length} lines for ${cases.length} payloads`);
  process.exit(1);
}

// Values the two sides legitimately read differently. Each class names the construct, the
// rule of each side and the exact predicate: every violation apigen reports is of that kind,
// at a value of that kind, and ajv finds none. Each class's count on this fixed seed is
// asserted (EXPECTED), so a fault filed under a class still changes a count and fails.
// int64: the doubles JSON.stringify writes for it end at 2^63 - 1024 and start at -2^63
const outsideInt64 = v => Number.isInteger(v) && (v >= 2 ** 63 || v < -(2 ** 63));
// An RFC 9535 normalized path (apigen_rt.h: .name shorthand for ASCII identifiers, ['…'] with
// \' \\ \b \f \n \r \t \uXXXX escapes otherwise) -> its segments: "$.a[2]['b c']" -> ['a', 2, 'b c'].
const UNESCAPE = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', "'": "'", '\\': '\\', '/': '/' };
const segments = path => [...path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*|\*\*\*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]/g)]
  .map(m => m[1] ?? (m[2] !== undefined ? Number(m[2])
    : m[3].replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_, hex, c) => (hex ? String.fromCharCode(parseInt(hex, 16)) : UNESCAPE[c] ?? c))));
const valueAt = (v, path) => segments(path).reduce((o, k) => (o == null ? undefined : o[k]), v);
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// The "format" of the exported schema at a JSON path of a payload (undefined: none).
function formatAt(c, path) {
  const { op, id } = operations[c.ex.operation];
  const doc = docs[id];
  const deref = s => (s && s.$ref ? deref(unpointer(s.$ref).reduce((o, k) => o[k], doc)) : s);
  let s = deref({ $ref: c.ex.part === 'request' ? op.request : op.responses[statusKey(c.ex)] });
  for (const seg of segments(path)) s = deref(typeof seg === 'number' ? s?.items : s?.properties?.[seg]);
  return s?.format;
}
// Below a sensitive field, apigen writes a key the document chose (a map's) as ".***": such a
// segment stands for any key of its object.
const valuesAt = (v, path) => segments(path).reduce((vs, k) => vs.flatMap(o => (o == null ? [undefined]
  : k === '***' && !(k in o) && typeof o === 'object' ? Object.values(o) : [o[k]])), [v]);
// Whether JSON value v holds a string with a lone surrogate, at any depth.
const holdsLoneSurrogate = v => typeof v === 'string' ? loneSurrogate.test(v)
  : v !== null && typeof v === 'object' && Object.values(v).some(holdsLoneSurrogate);
const onlyAt = (o, code, isValue, c, format) =>
  o.errors.length > 0 && o.errors.every(e => e.code === code && valuesAt(c.value, e.path).some(isValue) &&
    (format === undefined || formatAt(c, e.path) === format));
// The formats apigen checks, as the editor schema lists them (string ones in its string rule).
const EDITOR = JSON.parse(readFileSync(join(here, '..', '..', 'schema', 'apigen-spec.schema.json'), 'utf8'));
const CHECKED_FORMATS = new Set([...EDITOR.$defs.typedSchema.allOf.flatMap(r => r.then.properties.format?.anyOf?.[0]?.enum ?? [])]);
// A double as the decimal JSON.stringify writes (its shortest round-trip text): n * 10^e.
function decimal(x) {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(x));
  return { n: BigInt(m[1] + m[2] + (m[3] ?? '')), e: Number(m[4] ?? 0) - (m[3] ?? '').length };
}
// Whether the number v divided by m is an integer, exactly (BigInt: an oracle apart from C's).
function exactMultiple(v, m) {
  if (typeof v !== 'number' || typeof m !== 'number') return false;
  const x = decimal(v), d = decimal(m);
  let num = x.n, den = d.n;
  if (x.e >= d.e) num *= 10n ** BigInt(x.e - d.e);
  else den *= 10n ** BigInt(d.e - x.e);
  return num % den === 0n;
}
const KNOWN = [
  {
    name: 'integer-beyond-int64',
    reason: 'type integer: apigen integers are int64_t, exact over their whole range, and apigen refuses any outside it (APIGEN_E_INTEGER); JSON Schema has no such limit, so ajv accepts them where the schema sets no bound',
    test: (c, o, a) => a.valid && onlyAt(o, 'integer', outsideInt64, c),
  },
  {
    name: 'lone-surrogate',
    reason: 'type string: JSON text may escape a lone UTF-16 surrogate ("\\ud83d"); JavaScript strings hold it, but it is no Unicode character and UTF-8 (what the C structs hold) cannot encode it, so apigen reports an encoding violation at that string (inside a union: the union\'s oneOf/anyOf violation, as no alternative reads it)',
    test: (c, o, a) => a.valid && (onlyAt(o, 'encoding', v => typeof v === 'string' && loneSurrogate.test(v), c) ||
      // inside a union (a string or a list of strings) no alternative reads it: the union's violation
      o.errors.every(e => (e.code === 'oneOf' || e.code === 'anyOf') && valuesAt(c.value, e.path).some(holdsLoneSurrogate))),
  },
  {
    name: 'email-local-part-over-64-octets',
    reason: 'format email: RFC 5321 4.5.3.1.1 limits a local part to 64 octets and apigen applies it; ajv-formats\' email regex has no length limit',
    test: (c, o, a) => a.valid && onlyAt(o, 'format',
      v => typeof v === 'string' && Buffer.byteLength(v.slice(0, v.lastIndexOf('@'))) > 64, c, 'email'),
  },
  {
    name: 'format-annotation',
    reason: 'format: a format apigen does not check (uri-template, byte, vendor formats) is an annotation, as JSON Schema 2020-12 section 7.2 says of unknown formats; ajv-formats asserts some of them',
    test: (c, o, a) => o.valid && !a.valid && a.errors.every(e => e.keyword === 'format' && !CHECKED_FORMATS.has(e.params.format)),
  },
  {
    name: 'multipleOf-exact',
    reason: 'multipleOf: apigen divides exactly on the decimal digits (JSON Schema 2020-12 6.2.1: the quotient is an integer); ajv divides doubles, so a true multiple whose double quotient is no integer (1e21 or 19.99 by 0.01) is refused by ajv alone. Each is checked a multiple here with BigInt arithmetic on the text JSON.stringify sent',
    test: (c, o, a) => o.valid && !a.valid && a.errors.every(e => e.keyword === 'multipleOf' &&
      exactMultiple(unpointer('#' + e.instancePath).reduce((v, k) => v?.[k], c.value), e.params.multipleOf)),
  },
];
// The count of each class on this seed and mutation count (differential.mjs's defaults).
// a class --expected leaves out is expected not to occur
const EXPECTED = { 'format-annotation': 0, 'multipleOf-exact': 0, ...(expectedArg ?? { 'integer-beyond-int64': 31, 'lone-surrogate': 155, 'email-local-part-over-64-octets': 1 }) };

const agreeing = { valid: 0, invalid: 0 };
const classes = Object.fromEntries(KNOWN.map(k => [k.name, 0]));
const unexplained = [];
cases.forEach((c, i) => {
  const line = ours[i];
  if (line.startsWith('error')) { unexplained.push({ c, line, ajv: 'n/a' }); return; }
  const errors = line === 'valid' ? [] : line.split('\t').slice(1).map(e => {
    const sp = e.indexOf(' ');
    return { code: e.slice(0, sp), path: e.slice(sp + 1) };
  });
  const o = { valid: line === 'valid', errors };
  const validate = validatorFor(c.ex);
  const a = { valid: validate(c.value), errors: validate.errors || [] };
  if (a.valid === o.valid) { agreeing[o.valid ? 'valid' : 'invalid']++; return; }
  const known = KNOWN.find(k => k.test(c, o, a));
  if (known) { classes[known.name]++; return; }
  unexplained.push({ c, line: line.replace(/\t/g, ' | '), ajv: a.valid ? 'valid' : JSON.stringify(a.errors.map(e => `${e.instancePath} ${e.keyword}`)) });
});

const originals = cases.filter(c => !c.mutated).length;
console.log(`payloads: ${cases.length} (${originals} documented examples, ${cases.length - originals} mutations)`);
console.log(`agree: ${agreeing.valid} valid, ${agreeing.invalid} invalid`);
let countsOff = 0;
for (const k of KNOWN) {
  const off = PER_EXAMPLE === 400 && classes[k.name] !== EXPECTED[k.name];
  if (off) countsOff++;
  console.log(`known disagreement ${k.name}: ${classes[k.name]}${off ? ` (EXPECTED ${EXPECTED[k.name]})` : ''} (${k.reason})`);
}
for (const u of unexplained.slice(0, 20))
  console.log(`UNEXPLAINED ${u.c.ex.operation} ${u.c.ex.part} ${u.c.ex.status}: ours=${u.line} ajv=${u.ajv}\n  ${JSON.stringify(u.c.value).slice(0, 400)}`);
const examplesValid = cases.filter((c, i) => !c.mutated && ours[i] === 'valid').length;
const failed = unexplained.length + (originals - examplesValid) + countsOff;
console.log(`${cases.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
