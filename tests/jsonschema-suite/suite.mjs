// The JSON Schema Test Suite (draft 2020-12) through apigen: each test group's schema is
// translated into a spec schema, generated into C, compiled once, and every case's data is
// judged by the generated validator. Schemas or cases the spec format cannot express are
// counted as unsupported, with the reason, never silently skipped. Cases that disagree with
// the suite must be listed in expected-failures.json with their reason, or the test fails.
// The floor: every unsupported case must be listed, with the same reason, in
// expected-unsupported.json, and every listed case must still be unsupported, so a case that
// becomes unsupported (a generator that starts refusing a format) fails the test, and so does
// one that becomes supported until the list says so. APIGEN_SUITE_WRITE_UNSUPPORTED=1 rewrites
// the list from this run (review its diff before committing it).
//
// usage: node suite.mjs SUITE_DIR APIGEN TEMPLATES_DIR WORK_DIR CC
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [suiteDir, apigen, templates, work, cc] = process.argv.slice(2);
mkdirSync(work, { recursive: true });
if (!existsSync(suiteDir)) {
  console.log(`JSON Schema Test Suite not found at ${suiteDir}; skipping`);
  process.exit(77);
}

const FILES = [
  'type.json', 'required.json', 'pattern.json', 'minLength.json', 'maxLength.json',
  'minimum.json', 'maximum.json', 'exclusiveMinimum.json', 'exclusiveMaximum.json',
  'enum.json', 'const.json', 'minItems.json', 'maxItems.json', 'uniqueItems.json',
  'multipleOf.json', 'additionalProperties.json', 'properties.json', 'items.json',
  'optional/format/email.json', 'optional/format/date-time.json', 'optional/format/date.json',
  'optional/format/uri.json', 'optional/format/uuid.json', 'optional/format/ipv4.json',
  'optional/format/hostname.json',
];

// --- translation: JSON Schema -> spec schema --------------------------------------------
class Unsupported extends Error {}
const no = reason => { throw new Unsupported(reason); };

// The editor schema (schema/apigen-spec.schema.json), whose per-type rules test_generator checks
// against the vocabulary (generator/vocab.h): what apigen accepts is read from it, so a keyword
// or format added there is tried here at once (and its cases leave expected-unsupported.json).
const EDITOR = JSON.parse(readFileSync(join(here, '..', '..', 'schema', 'apigen-spec.schema.json'), 'utf8'));
// FAMILY: keyword -> the one type (integer counting as number) it applies to, from the typed
// schema's per-type rules (`keyword: false` where it does not apply). Keywords of every type are
// not in it; type, enum, const and default are translated below by their values.
const FAMILY = (() => {
  const typed = EDITOR.$defs.typedSchema;
  const refused = {}; // type -> Set of keywords
  for (const rule of typed.allOf) {
    const type = rule.if.properties.type.const;
    if (type === 'any') continue; // refuses every typed keyword
    refused[type] = new Set(Object.keys(rule.then.properties).filter(k => rule.then.properties[k] === false));
  }
  const families = { string: ['string'], number: ['integer', 'number'], array: ['array'], object: ['object'] };
  const out = {};
  for (const k of Object.keys(typed.properties)) {
    if (['type', 'enum', 'const', 'default', 'extensible'].includes(k)) continue; // enum's, apigen's own
    const allowed = Object.keys(refused).filter(t => !refused[t].has(k)).sort().join();
    if (allowed === Object.keys(refused).sort().join()) continue; // every type
    const fam = Object.keys(families).find(f => families[f].join() === allowed);
    if (!fam) throw new Error(`editor schema: '${k}' applies to ${allowed}, no one family`);
    out[k] = fam;
  }
  // format applies to every type (an annotation where apigen checks none), but the formats
  // apigen checks that the suite tests are string formats
  out.format = 'string';
  return out;
})();
const ANNOTATIONS = new Set(['$schema', 'description', 'title', '$comment']);
// The formats apigen knows, as the editor schema lists them (test_generator checks that list
// against the runtime's APIGEN_FORMATS), so a format added there is tried here at once.
const FORMATS = new Set((function formatsOf(v) {
  if (v === null || typeof v !== 'object') return [];
  if (Array.isArray(v?.properties?.format?.enum)) return v.properties.format.enum;
  // string schemas: {anyOf: [{enum: [the checked formats]}, {not: ...}]} (any other is an annotation)
  if (v?.if?.properties?.type?.const === 'string') return v.then.properties.format.anyOf[0].enum;
  return Object.values(v).flatMap(formatsOf);
})(EDITOR));
if (FORMATS.size === 0) throw new Error('no format enum found in schema/apigen-spec.schema.json');
const jsonType = v => v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number'
  ? 'number' : typeof v;

// Returns { schema, untyped } where untyped names the one type an untyped schema's keywords
// apply to (instances of other types cannot be judged: the spec format needs a type).
function translate(s) {
  if (s === true) return { schema: { type: 'any' }, untyped: null };
  if (s === false) no('boolean schema false');
  if (jsonType(s) !== 'object') no('non-object schema');
  // oneOf / anyOf alone (annotations aside): a union of typed alternatives ({type: "null"} kept)
  for (const k of ['oneOf', 'anyOf']) {
    if (!(k in s)) continue;
    for (const x of Object.keys(s)) if (!ANNOTATIONS.has(x) && x !== k) no(`keyword ${x} beside ${k}`);
    const alts = s[k].map(a => {
      if (jsonType(a) === 'object' && a.type === 'null' && Object.keys(a).length === 1) return { type: 'null' };
      const t = translate(a);
      if (t.untyped) no(`untyped alternative of ${k}`); // it would refuse what JSON Schema lets through
      return t.schema;
    });
    return { schema: { [k]: alts }, untyped: null };
  }
  // allOf of object schemas, beside the schema's own keywords: instances must be objects
  if ('allOf' in s) {
    const rest = Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'allOf'));
    const members = s.allOf.map(m => translate(m));
    for (const m of members) if (m.schema.type !== 'object') no('allOf of non-objects');
    const own = Object.keys(rest).some(k => !ANNOTATIONS.has(k)) ? translate(rest) : null;
    if (own && own.schema.type !== 'object') no('allOf beside a non-object schema');
    const out = { ...(own ? own.schema : {}), allOf: members.map(m => m.schema) };
    delete out.type;
    return { schema: out, untyped: 'object' };
  }
  for (const k of Object.keys(s))
    if (!ANNOTATIONS.has(k) && !(k in FAMILY) && !['type', 'enum', 'const'].includes(k)) no(`keyword ${k}`);
  let type = s.type;
  let nullable = false;
  let untyped = null;
  if (Array.isArray(type)) {
    if (type.length === 2 && type.includes('null')) { nullable = true; type = type.find(t => t !== 'null'); }
    else no('type list');
  }
  if (type === 'null') no('type null');
  if (type === undefined) {
    const fam = new Set(Object.keys(s).filter(k => k in FAMILY).map(k => FAMILY[k]));
    const values = 'enum' in s ? s.enum : 'const' in s ? [s.const] : null;
    if (values) {
      const kinds = new Set(values.map(jsonType));
      if (kinds.size !== 1 || fam.size > 0) no('enum or const of mixed types without type');
      type = [...kinds][0];
      if (!['string', 'number', 'boolean'].includes(type)) no(`enum or const of ${type} values`);
      if (type === 'number' && values.every(Number.isInteger)) type = 'integer';
      if (type !== 'string' && type !== 'integer' && 'enum' in s) no(`enum of ${type} values`);
    } else if (fam.size === 1) {
      type = untyped = [...fam][0];
    } else if (fam.size === 0) {
      return { schema: { type: 'any' }, untyped: null };
    } else {
      no('keywords of several types without type');
    }
  }
  const out = { type };
  if (nullable) out.nullable = true;
  for (const [k, v] of Object.entries(s)) {
    if (ANNOTATIONS.has(k) || k === 'type') continue;
    const fam = FAMILY[k];
    if (fam && !(fam === type || (fam === 'number' && type === 'integer'))) no(`${k} on a ${type} schema`);
    switch (k) {
      case 'enum':
        if (type === 'integer' && !v.every(x => Number.isSafeInteger(x))) no('enum of non-integers on an integer schema');
        else if (type !== 'integer' && (type !== 'string' || !v.every(x => typeof x === 'string'))) no('enum of non-strings');
        if (new Set(v).size !== v.length) no('enum with duplicates');
        if (v.length === 0) no('empty enum');
        out.enum = v; break;
      case 'const':
        if (!['string', 'number', 'boolean'].includes(jsonType(v))) no(`const ${jsonType(v)}`);
        out.const = v; break;
      case 'format':
        if (!FORMATS.has(v)) no(`format ${v}`);
        out.format = v; break;
      case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
        if (type === 'integer' && !Number.isInteger(v)) no(`non-integer ${k} on an integer schema`);
        out[k] = v; break;
      case 'items': out.items = translate(v).schema; break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, translate(p).schema]));
        break;
      case 'additionalProperties': // a schema: a map (its values), beside properties or not
        out.additionalProperties = typeof v === 'boolean' ? v : translate(v).schema; break;
      case 'propertyNames': {
        if (typeof v === 'boolean') no('boolean propertyNames');
        const names = translate(v).schema;
        if (names.type !== 'string') no(`propertyNames of type ${names.type}`);
        out.propertyNames = names; break;
      }
      case 'required':
        out.required = v; break;
      default: out[k] = v;
    }
  }
  if (type === 'array' && !out.items) out.items = { type: 'any' }; // absent items: anything
  if (type === 'object' && out.required && !out.properties) no('required without properties');
  if (out.required) for (const r of out.required) if (!(r in (out.properties || {}))) no('required property not in properties');
  return { schema: out, untyped };
}

const wrap = (name, schema) => ({
  [name]: {
    method: 'POST', path: `/${name}`,
    request: { schema: { type: 'object', required: ['v'], properties: { v: schema } } },
    responses: { '200': { description: 'ok' } },
  },
});
const spec = operations => JSON.stringify({ apigen: 1, api: { name: 'suite' }, operations }, null, 1);

function generate(dir, operations) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'suite.yaml'), spec(operations));
  return spawnSync(apigen, ['generate', '-o', join(dir, 'out'), '--templates', templates, join(dir, 'suite.yaml')],
    { encoding: 'utf8' });
}

// --- collect groups and cases -------------------------------------------------------------
const results = {}; // file -> { passed, failed, unsupported, reasons: {reason: n}, failures: [] }
const groups = [];
const cases = [];
const key = (file, group, test) => `${file} | ${group} | ${test}`;
const unsupportedNow = {}; // case key -> reason
// The object keywords' files, where the suite's copy has them (../shared/testsuites holds a
// subset of the suite).
for (const file of ['propertyNames.json', 'minProperties.json', 'maxProperties.json'])
  if (existsSync(join(suiteDir, file))) FILES.push(file);
// The composition keywords' files, when the suite copy has them.
for (const file of ['oneOf.json', 'anyOf.json', 'allOf.json'])
  if (!FILES.includes(file) && existsSync(join(suiteDir, file))) FILES.push(file);
// Every format apigen knows is tried on the suite's file for it, when there is one.
for (const f of FORMATS) {
  const file = `optional/format/${f}.json`;
  if (!FILES.includes(file) && existsSync(join(suiteDir, file))) FILES.push(file);
}
for (const file of FILES) {
  const r = results[file] = { passed: 0, failed: 0, unsupported: 0, reasons: {}, failures: [] };
  const unsupported = (reason, g, tests) => {
    r.unsupported += tests.length; r.reasons[reason] = (r.reasons[reason] || 0) + tests.length;
    for (const t of tests) unsupportedNow[key(file, g.description, t.description)] = reason;
  };
  JSON.parse(readFileSync(join(suiteDir, file), 'utf8')).forEach((g, gi) => {
    let t;
    try { t = translate(g.schema); } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      unsupported(e.message, g, g.tests); return;
    }
    const name = `g${groups.length}`;
    const check = generate(join(work, 'check'), wrap(name, t.schema));
    if (check.status !== 0) {
      // The group's operation name (g<N>) shows in some messages: drop it, so the reason
      // does not change when an earlier group becomes supported.
      const first = check.stderr.split('\n')[0].replace(/^[^ ]* error: /, '').replace(/_G\d+_/g, '_G<n>_');
      unsupported(`spec error: ${first}`, g, g.tests); return;
    }
    groups.push({ name, schema: t.schema });
    for (const test of g.tests) {
      if (t.untyped && jsonType(test.data) !== t.untyped && !(t.untyped === 'number' && typeof test.data === 'number')) {
        unsupported(`untyped ${t.untyped} schema, ${jsonType(test.data)} instance`, g, [test]); continue;
      }
      cases.push({ file, group: g.description, test, op: name });
    }
  });
}

// --- generate and compile once, judge every case ---------------------------------------------
const dir = join(work, 'all');
const gen = generate(dir, Object.assign({}, ...groups.map(g => wrap(g.name, g.schema))));
if (gen.status !== 0) { console.error(gen.stderr); process.exit(1); }
const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'libcjson', 'libpcre2-8']).toString().trim().split(/\s+/);
// The runtime's C sources: the compiled APIGEN_RUNTIME rows of the table of outputs.
const runtime = [...readFileSync(join(here, '..', '..', 'generator', 'outputs.def'), 'utf8')
  .matchAll(/^APIGEN_RUNTIME\("([^"]+)", 1\)$/gm)].map(m => join(dir, 'out', 'runtime', m[1]));
if (runtime.length === 0) { console.error('no runtime sources in generator/outputs.def'); process.exit(1); }
execFileSync(cc, ['-std=c11', '-D_POSIX_C_SOURCE=200809L', '-O1', '-I', join(dir, 'out'), '-I', join(dir, 'out', 'runtime'),
  join(here, 'driver.c'), join(dir, 'out', 'suite', 'suite.c'), ...runtime,
  ...flags, '-lm', '-o', join(work, 'driver')], { stdio: 'inherit' });
const input = cases.map(c => `suite.${c.op}\t${JSON.stringify({ v: c.test.data })}`).join('\n') + '\n';
const verdicts = execFileSync(join(work, 'driver'), { input, maxBuffer: 1 << 26 }).toString().trimEnd().split('\n');

const expected = JSON.parse(readFileSync(join(here, 'expected-failures.json'), 'utf8'));
let unexpected = 0;
const seenExpected = new Set();
cases.forEach((c, i) => {
  const ok = (verdicts[i] === 'valid') === c.test.valid;
  const r = results[c.file];
  if (ok) { r.passed++; return; }
  r.failed++;
  const k = key(c.file, c.group, c.test.description);
  if (k in expected) seenExpected.add(k);
  else { unexpected++; r.failures.push(`${k}: expected ${c.test.valid ? 'valid' : 'invalid'}, got ${verdicts[i]}`); }
});

let totals = { passed: 0, failed: 0, unsupported: 0 };
for (const [file, r] of Object.entries(results)) {
  console.log(`${file}: ${r.passed} passed, ${r.failed} failed, ${r.unsupported} unsupported`);
  for (const [reason, n] of Object.entries(r.reasons)) console.log(`    unsupported (${n}): ${reason}`);
  for (const f of r.failures) console.log(`    UNEXPECTED FAILURE ${f}`);
  totals.passed += r.passed; totals.failed += r.failed; totals.unsupported += r.unsupported;
}
for (const [k, why] of Object.entries(expected))
  if (seenExpected.has(k)) console.log(`expected failure: ${k} (${why})`);
  else { console.log(`NO LONGER FAILS, remove from expected-failures.json: ${k}`); unexpected++; }

// The floor: unsupported cases against the committed list.
const listPath = join(here, 'expected-unsupported.json');
if (process.env.APIGEN_SUITE_WRITE_UNSUPPORTED === '1') {
  const sorted = Object.fromEntries(Object.entries(unsupportedNow).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(listPath, JSON.stringify(sorted, null, 1) + '\n');
  console.log(`wrote ${Object.keys(sorted).length} cases to ${listPath}`);
}
const listed = JSON.parse(readFileSync(listPath, 'utf8'));
let floor = 0;
for (const [k, reason] of Object.entries(unsupportedNow)) {
  if (!(k in listed)) { console.log(`NEWLY UNSUPPORTED (${reason}): ${k}`); floor++; }
  else if (listed[k] !== reason) { console.log(`UNSUPPORTED FOR ANOTHER REASON (${reason}; listed: ${listed[k]}): ${k}`); floor++; }
}
for (const k of Object.keys(listed))
  if (!(k in unsupportedNow)) { console.log(`NOW SUPPORTED, remove from expected-unsupported.json: ${k}`); floor++; }

const listedCount = Object.keys(listed).length;
console.log(`suite: ${totals.passed} passed, ${totals.failed} failed (${seenExpected.size} expected), ` +
  `${totals.unsupported} unsupported (${listedCount} listed, ${floor} off the list)`);
// Expected failures are not passes: the closing line counts only cases that pass.
console.log(`${totals.passed} passed, ${unexpected + floor} failed`);
process.exit(unexpected + floor === 0 ? 0 : 1);
