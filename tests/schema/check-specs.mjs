#!/usr/bin/env node
// check-specs.mjs [SPECS_DIR] [SPEC_SCHEMA_JSON] [APIGEN]
//
// (a) validates every SPECS_DIR/*.yaml against the JSON Schema of the spec format
//     (schema/apigen-spec.schema.json), and checks the README rules a JSON Schema cannot
//     express (path template <-> parameters.path, required names declared, $ref targets,
//     auth names, minimum <= maximum, file name = api.name);
// (b) validates every example (request/response `examples`, and `example`/`default` values
//     inside schemas) against its own schema, converted to JSON Schema 2020-12 the way the
//     generated validators read the spec;
// (c) checks that both validations can fail: a typo key, schema misuses and wrong example
//     values must be rejected;
// (d) with APIGEN (the generator binary): `apigen generate` agrees with (b), which it checks
//     itself with the generated code's runtime: every spec generates, and each wrong (or
//     right) example value of (c) gets the same verdict from both, the generator's error
//     naming that example.
//
// Prints one line per check, then exactly "N passed, N failed". Exit status 1 when a check
// failed or when nothing ran. Dependencies: npm ci --prefix tests/schema

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const specsDir = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'specs'));
const schemaPath = path.resolve(
  process.argv[3] ?? path.join(here, '..', '..', 'schema', 'apigen-spec.schema.json'));
const apigen = process.argv[4] ? path.resolve(process.argv[4]) : null;

let passed = 0;
let failed = 0;

function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed + failed === 0 ? 1 : 0);
}

const show = (p) => {
  const rel = path.relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
};

// Runs one check. fn returns nothing (pass) or throws / returns a list of problems (fail).
function check(name, fn) {
  let problems;
  try {
    problems = fn() ?? [];
  } catch (e) {
    problems = [e && e.message ? e.message : String(e)];
  }
  if (problems.length === 0) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}`);
    for (const p of problems) console.log(`       ${p}`);
  }
}

// --- dependencies ------------------------------------------------------------------------
let Ajv2020, addFormats, YAML;
try {
  if (!fs.existsSync(path.join(here, 'node_modules'))) throw new Error('node_modules is missing');
  Ajv2020 = (await import('ajv/dist/2020.js')).default;
  addFormats = (await import('ajv-formats')).default;
  YAML = await import('yaml');
} catch (e) {
  // A missing optional tool is a skip CTest counts (SKIP_RETURN_CODE 77), not a pass.
  console.log(`skipped: ${e.message}; ${show(here)}: dependencies not installed; run ` +
    '`npm ci --prefix tests/schema` from the project root (node_modules is not committed)');
  process.exit(77);
}

const E164 = /^\+[1-9][0-9]{1,14}$/;

// Strict mode, so a converted spec schema with an unknown keyword or a required name missing
// from properties fails to compile. The format's own schema states `required` in if/then
// without repeating `properties`, hence strictRequired off for it.
function newAjv(options = {}) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, ...options });
  addFormats(ajv); // full mode: email, date-time (real calendar dates), date, time, uuid, uri, regex
  ajv.addFormat('e164', E164);
  return ajv;
}

// A format ajv-formats does not know is an annotation (JSON Schema 2020-12 section 7.2), as
// apigen reads it (a note, not checked): registered as always valid, so strict mode, which
// refuses unknown formats, still catches every other unknown keyword.
function annotationFormats(ajv, schema) {
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'format' && typeof x === 'string' && !ajv.formats[x]) ajv.addFormat(x, true);
        walk(x);
      }
  };
  walk(schema);
}

// --- YAML ----------------------------------------------------------------------------------
function parseYaml(text) {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message.split('\n')[0]);
  return { doc, lineCounter, value: problems.length ? undefined : doc.toJS({ maxAliasCount: -1 }), problems };
}

// "line:col" of the node at a JSON pointer (or of the key `prop` inside it), when known.
function position(parsed, pointer, prop) {
  if (!parsed || !parsed.doc) return '';
  const segs = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = parsed.doc.contents;
  for (const s of segs) {
    if (YAML.isMap(node)) node = node.items.find((p) => String(p.key?.value ?? p.key) === s)?.value;
    else if (YAML.isSeq(node)) node = node.items[Number(s)];
    else node = undefined;
    if (!node) return '';
  }
  let range = node.range;
  if (prop !== undefined && YAML.isMap(node)) {
    const pair = node.items.find((p) => String(p.key?.value ?? p.key) === prop);
    if (pair && pair.key && pair.key.range) range = pair.key.range;
  }
  if (!range) return '';
  const { line, col } = parsed.lineCounter.linePos(range[0]);
  return `${line}:${col}`;
}

function describeErrors(errors, parsed, file) {
  const out = [];
  const seen = new Set();
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue; // the failing then/else branch is reported by itself
    let msg = e.message;
    let prop;
    if (e.keyword === 'additionalProperties') {
      prop = e.params.additionalProperty;
      msg = `unknown key '${prop}'`;
    } else if (e.keyword === 'false schema') {
      const last = e.instancePath.split('/').pop();
      msg = `key '${last}' is not allowed here (wrong type for it?)`;
    } else if (e.keyword === 'propertyNames') {
      msg = `bad key '${e.params.propertyName}'`;
      prop = e.params.propertyName;
    } else if (e.keyword === 'enum') {
      msg += `: ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const pos = file ? position(parsed, e.instancePath, prop) : '';
    const line = `${file ? `${file}:${pos ? `${pos}:` : ''} ` : ''}${e.instancePath || '/'}: ${msg}`;
    if (!seen.has(line)) {
      seen.add(line);
      out.push(line);
    }
  }
  return out.length ? out : ['rejected (no error detail)'];
}

// --- spec schema -> JSON Schema 2020-12 ---------------------------------------------------
// type any -> {}; nullable -> ["T", "null"] (and null added to enum/const); $ref: Name ->
// #/$defs/Name; sensitive and example dropped (not JSON Schema); everything else, readOnly
// and writeOnly included, has the same meaning in both.
function toJsonSchema(s) {
  if (s === null || typeof s !== 'object') throw new Error(`not a schema: ${JSON.stringify(s)}`);
  if ('$ref' in s) {
    const ref = { $ref: `#/$defs/${s.$ref}` };
    // {$ref, nullable: true}: the target, or null
    const o = s.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref;
    if (s.description !== undefined) o.description = s.description;
    return o;
  }
  const o = {};
  for (const [k, v] of Object.entries(s)) {
    switch (k) {
      case 'type': // a list [T, "null"] as JSON Schema writes it (YAML's plain null is "null")
        if (Array.isArray(v)) o.type = v.map(t => (t === null ? 'null' : t));
        else if (v !== 'any') o.type = v;
        break;
      case 'nullable':
      case 'sensitive':
      case 'example':
        break;
      case 'items':
        o.items = toJsonSchema(v);
        break;
      case 'properties':
        o.properties = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, toJsonSchema(p)]));
        break;
      default:
        o[k] = v;
    }
  }
  if (s.nullable === true && s.type !== 'any') {
    o.type = [s.type, 'null'];
    if (o.enum) o.enum = [...o.enum, null];
    if ('const' in o) {
      o.enum = [o.const, null];
      delete o.const;
    }
  }
  return o;
}

// A validator for `schema` (a spec schema) with the spec's named schemas as $defs.
function exampleValidator(ajv, spec, schema) {
  const defs = Object.fromEntries(
    Object.entries(spec.schemas ?? {}).map(([n, s]) => [n, toJsonSchema(s)]));
  const full = { ...toJsonSchema(schema), $defs: defs };
  annotationFormats(ajv, full);
  return ajv.compile(full);
}

// Every schema of a spec, with a readable location: [where, schema].
function* allSchemas(spec) {
  function* walk(s, where) {
    if (!s || typeof s !== 'object') return;
    yield [where, s];
    if (s.items) yield* walk(s.items, `${where}.items`);
    for (const [n, p] of Object.entries(s.properties ?? {})) yield* walk(p, `${where}.${n}`);
  }
  for (const [n, s] of Object.entries(spec.schemas ?? {})) yield* walk(s, `schemas.${n}`);
  for (const [op, o] of Object.entries(spec.operations ?? {})) {
    for (const [g, grp] of Object.entries(o.parameters ?? {})) {
      for (const [n, p] of Object.entries(grp.properties ?? {})) {
        yield* walk(p, `${op}.parameters.${g}.${n}`);
      }
    }
    if (o.request?.schema) yield* walk(o.request.schema, `${op}.request`);
    for (const [st, r] of Object.entries(o.responses ?? {})) {
      if (r.schema) yield* walk(r.schema, `${op}.responses.${st}`);
    }
  }
}

// Every example of a spec: [where, schema, value].
function* allExamples(spec) {
  for (const [op, o] of Object.entries(spec.operations ?? {})) {
    for (const [n, v] of Object.entries(o.request?.examples ?? {})) {
      yield [`${op} request example '${n}'`, o.request.schema, v];
    }
    for (const [st, r] of Object.entries(o.responses ?? {})) {
      for (const [n, v] of Object.entries(r.examples ?? {})) {
        yield [`${op} response ${st} example '${n}'`, r.schema, v];
      }
    }
  }
}

// The README rules that the JSON Schema cannot express.
function readmeRules(spec, file) {
  const problems = [];
  const names = new Set(Object.keys(spec.schemas ?? {}));
  // The file name names the outputs (up to its first '.'), api.name the C names: they may differ.
  const stem = path.basename(file).split('.')[0];
  if (!/^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(stem) || stem === 'runtime')
    problems.push(`the file name '${path.basename(file)}' cannot name the outputs`);
  const objectRules = (s, where) => {
    for (const r of s.required ?? []) {
      if (!(r in (s.properties ?? {}))) problems.push(`${where}: required '${r}' is not in properties`);
    }
  };
  for (const [where, s] of allSchemas(spec)) {
    if ('$ref' in s && !names.has(s.$ref)) problems.push(`${where}: $ref '${s.$ref}' is not in schemas`);
    objectRules(s, where);
    if (typeof s.minimum === 'number' && typeof s.maximum === 'number' && s.minimum > s.maximum) {
      problems.push(`${where}: minimum > maximum`);
    }
    if (typeof s.minLength === 'number' && typeof s.maxLength === 'number' && s.minLength > s.maxLength) {
      problems.push(`${where}: minLength > maxLength`);
    }
  }
  for (const [op, o] of Object.entries(spec.operations ?? {})) {
    const inPath = [...String(o.path ?? '').matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).sort();
    const declared = Object.keys(o.parameters?.path?.properties ?? {}).sort();
    if (JSON.stringify(inPath) !== JSON.stringify(declared)) {
      problems.push(`${op}: path {${inPath.join('}, {')}} vs parameters.path [${declared.join(', ')}]`);
    }
    if (o.auth !== undefined && !(o.auth in (spec.auth ?? {}))) {
      problems.push(`${op}: auth '${o.auth}' is not in auth`);
    }
    for (const req of [...(o.security ?? []), ...(spec.security ?? [])]) {
      for (const name of Object.keys(req)) {
        if (!(name in (spec.auth ?? {}))) problems.push(`${op}: security '${name}' is not in auth`);
      }
    }
    for (const [g, grp] of Object.entries(o.parameters ?? {})) objectRules(grp, `${op}.parameters.${g}`);
  }
  return problems;
}

// --- load the spec format's schema ---------------------------------------------------------
let validateSpec;
check(`${show(schemaPath)}: compiles as JSON Schema 2020-12`, () => {
  validateSpec = newAjv({ strictRequired: false }).compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
});
if (!validateSpec) finish();

function specErrors(value, parsed, file) {
  return validateSpec(value) ? [] : describeErrors(validateSpec.errors, parsed, file);
}

// The README's "Complete example" must itself be a valid spec.
const readme = path.join(path.dirname(schemaPath), '..', 'README.md');
if (fs.existsSync(readme)) {
  check(`${show(readme)}: the "Complete example" spec is valid`, () => {
    const text = fs.readFileSync(readme, 'utf8');
    const at = text.indexOf('### Complete example');
    const m = at < 0 ? null : /```yaml\n([\s\S]*?)```/.exec(text.slice(at));
    if (!m) return ['no ```yaml block after "### Complete example"'];
    const parsed = parseYaml(m[1]);
    if (parsed.problems.length) return parsed.problems;
    return specErrors(parsed.value, parsed, 'README example');
  });
}

// --- (a) + (b): every spec ------------------------------------------------------------------
const files = fs.existsSync(specsDir)
  ? fs.readdirSync(specsDir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(specsDir, f))
  : [];
if (files.length === 0) check(`specs in ${show(specsDir)}`, () => ['no *.yaml file found']);

const specs = {}; // api name -> {file, text, value}
const ajv = newAjv();
for (const file of files) {
  const name = show(file);
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parseYaml(text);
  check(`${name}: YAML parses (no duplicate keys)`, () => parsed.problems);
  if (!parsed.value) continue;
  const spec = parsed.value;
  specs[path.basename(file).replace(/\.ya?ml$/, '')] = { file, text, spec };
  check(`${name}: starts with the yaml-language-server $schema comment`, () =>
    text.startsWith('# yaml-language-server: $schema=../schema/apigen-spec.schema.json\n')
      ? [] : ['first line must be "# yaml-language-server: $schema=../schema/apigen-spec.schema.json"']);
  check(`${name}: valid against ${path.basename(schemaPath)}`, () => specErrors(spec, parsed, name));
  check(`${name}: README rules (path parameters, required, $ref, auth, bounds, file name)`, () =>
    readmeRules(spec, file));

  let count = 0;
  for (const [where, schema, value] of allExamples(spec)) {
    count++;
    check(`${name}: ${where} passes its schema`, () => {
      if (!schema) return ['example given without a schema'];
      const v = exampleValidator(ajv, spec, schema);
      return v(value) ? [] : describeErrors(v.errors);
    });
  }
  if (count === 0) check(`${name}: has examples`, () => ['no example in the whole spec']);

  check(`${name}: every \`example\` and \`default\` inside a schema passes that schema`, () => {
    const problems = [];
    for (const [where, s] of allSchemas(spec)) {
      for (const key of ['example', 'default']) {
        if (!(key in s)) continue;
        const v = exampleValidator(ajv, spec, s);
        if (!v(s[key])) problems.push(...describeErrors(v.errors).map((e) => `${where} ${key}: ${e}`));
      }
    }
    return problems;
  });
}

// --- (c) the checks can fail ------------------------------------------------------------------
const clone = (v) => structuredClone(v);

function expectRejected(name, value, mustMention) {
  check(`rejected: ${name}`, () => {
    if (validateSpec(value)) return ['accepted by the spec schema'];
    const text = describeErrors(validateSpec.errors).join('\n');
    return mustMention && !text.includes(mustMention) ? [`errors do not mention '${mustMention}': ${text}`] : [];
  });
}

// A typo key in a real spec, located by line:column as an editor would show it.
if (specs.applivery) {
  const { text, file } = specs.applivery;
  check(`rejected: 'minLenght' typo in ${show(file)}, reported at its line`, () => {
    const typo = text.replace('maxLength: 256', 'minLenght: 256');
    if (typo === text) return ['"maxLength: 256" not found in the spec'];
    const parsed = parseYaml(typo);
    if (parsed.problems.length) return parsed.problems;
    if (validateSpec(parsed.value)) return ['accepted by the spec schema'];
    const errs = describeErrors(validateSpec.errors, parsed, 'spec');
    const line = typo.slice(0, typo.indexOf('minLenght')).split('\n').length;
    return errs.some((e) => e.includes(`spec:${line}:`) && e.includes("unknown key 'minLenght'"))
      ? [] : [`expected "unknown key 'minLenght'" at line ${line}, got: ${errs.join(' | ')}`];
  });
}

// Misuses of the format, each on an otherwise valid spec.
const minimal = {
  apigen: 1,
  api: { name: 'neg' },
  schemas: { S: { type: 'object', properties: { id: { type: 'string', minLength: 1 } } } },
  operations: {
    op: {
      method: 'POST',
      path: '/x/{id}',
      parameters: { path: { properties: { id: { type: 'string' } } } },
      request: { schema: { $ref: 'S' } },
      responses: { 200: { error_codes: [{ code: 1, message: 'm' }] } },
    },
  },
};
check('accepted: the minimal spec the misuses below start from', () => specErrors(minimal));
const misuses = [
  ['typo key minLenght in a schema', (s) => { s.schemas.S.properties.id.minLenght = 1; }, 'minLenght'],
  ['unknown top-level key', (s) => { s.operation = {}; }, 'operation'],
  ['missing operations', (s) => { delete s.operations; }, 'operations'],
  ['apigen: 2', (s) => { s.apigen = 2; }],
  ['api.name not [a-z][a-z0-9_]*', (s) => { s.api.name = 'Neg-Api'; }],
  ['method in lower case', (s) => { s.operations.op.method = 'post'; }],
  ['response status "20x"', (s) => { s.operations.op.responses['20x'] = {}; }, '20x'],
  ['response status range in lower case "2xx"', (s) => { s.operations.op.responses['2xx'] = {}; }, '2xx'],
  ['response status range "6XX"', (s) => { s.operations.op.responses['6XX'] = {}; }, '6XX'],
  ['$ref with type beside it', (s) => { s.schemas.T = { $ref: 'S', type: 'object' }; }, 'type'],
  ['schema without type', (s) => { s.schemas.T = { description: 'x' }; }, 'type'],
  ['unknown type', (s) => { s.schemas.T = { type: 'int' }; }],
  ['array without items', (s) => { s.schemas.T = { type: 'array' }; }, 'items'],
  ['pattern on an integer', (s) => { s.schemas.T = { type: 'integer', pattern: '^1$' }; }, 'pattern'],
  ['minimum on a string', (s) => { s.schemas.T = { type: 'string', minimum: 1 }; }, 'minimum'],
  ['duplicate enum value', (s) => { s.schemas.T = { type: 'string', enum: ['a', 'a'] }; }, 'enum'],
  ['string format on an integer', (s) => { s.schemas.T = { type: 'integer', format: 'email' }; }, 'format'],
  ['format int32 on a string', (s) => { s.schemas.T = { type: 'string', format: 'int32' }; }, 'format'],
  ['multipleOf 0', (s) => { s.schemas.T = { type: 'number', multipleOf: 0 }; }, 'multipleOf'],
  ['multipleOf on a string', (s) => { s.schemas.T = { type: 'string', multipleOf: 2 }; }, 'multipleOf'],
  ['invalid pattern', (s) => { s.schemas.T = { type: 'string', pattern: '(' }; }, 'pattern'],
  ['additionalProperties neither a boolean nor a schema', (s) => { s.schemas.S.additionalProperties = 'yes'; }],
  ['propertyNames of another type', (s) => { s.schemas.S.propertyNames = { type: 'integer' }; }, 'propertyNames'],
  ['minProperties on a string', (s) => { s.schemas.T = { type: 'string', minProperties: 1 }; }, 'minProperties'],
  ['negative maxProperties', (s) => { s.schemas.S.maxProperties = -1; }, 'maxProperties'],
  ['object query parameter', (s) => { s.operations.op.parameters.query = { properties: { q: { type: 'object' } } }; }],
  ['parameter group with type', (s) => { s.operations.op.parameters.path.type = 'object'; }, 'type'],
  ['error code without code', (s) => { s.operations.op.responses[200].error_codes = [{ message: 'm' }]; }, 'code'],
  ['auth type basic', (s) => { s.auth = { b: { type: 'basic' } }; }],
  ['http auth scheme digest', (s) => { s.auth = { b: { type: 'http', scheme: 'digest' } }; }, 'scheme'],
  ['apiKey in a path', (s) => { s.auth = { k: { type: 'apiKey', in: 'path', name: 'k' } }; }, 'in'],
  ['oauth2 without flows', (s) => { s.auth = { o: { type: 'oauth2' } }; }, 'flows'],
  ['security as a mapping', (s) => { s.security = { k: [] }; }, 'security'],
  ['method TRACE', (s) => { s.operations.op.method = 'TRACE'; }, 'method'],
  ['shared parameter in the body (OpenAPI 2)', (s) => { s.parameters = { C: { name: 'c', in: 'body', schema: { type: 'string' } } }; }, 'in'],
  ['response $ref beside other keys', (s) => { s.operations.op.responses[200] = { $ref: 'R', description: 'd' }; }],
  ['array response header', (s) => { s.operations.op.responses[200] = { description: 'd', headers: { 'X-A': { schema: { type: 'array', items: { type: 'string' } } } } }; }],
  ['apiKey without name', (s) => { s.auth = { k: { type: 'apiKey', in: 'query' } }; }, 'name'],
  ['auth spellings mixed (header with in)', (s) => { s.auth = { k: { type: 'apiKey', in: 'header', name: 'K', header: 'K' } }; }, 'header'],
  ['auth spellings mixed (in with api_key)', (s) => { s.auth = { k: { type: 'api_key', in: 'query' } }; }, 'in'],
  ['multipart/mixed request body', (s) => { s.operations.op.request.content_type = 'multipart/mixed'; }, 'content_type'],
  ['form encoding style spaceDelimited', (s) => { s.operations.op.request.content_type = 'application/x-www-form-urlencoded'; s.operations.op.request.encoding = { a: { style: 'spaceDelimited' } }; }, 'style'],
  ['application/xml response body', (s) => { s.operations.op.responses[200] = { content_type: 'application/xml', schema: { $ref: 'S' } }; }, 'content_type'],
  ['range as a request body type', (s) => { s.operations.op.request = { content_type: '*/*', schema: { type: 'string' } }; }, 'content_type'],
  ['type list of two types', (s) => { s.schemas.T = { type: ['string', 'integer'] }; }, 'type'],
];
check('accepted: JSON media types with parameters and +json suffixes', () => specErrors({
  ...clone(minimal),
  operations: { op: { ...clone(minimal.operations.op),
    request: { content_type: 'Application/JSON; charset=utf-8', schema: { $ref: 'S' } },
    responses: { 200: { content_type: 'application/problem+json', schema: { $ref: 'S' } } } } },
}));
check('accepted: status ranges beside exact codes of their class', () => specErrors({
  ...clone(minimal),
  operations: { op: { ...clone(minimal.operations.op),
    responses: { 200: { schema: { $ref: 'S' } }, '2XX': { schema: { $ref: 'S' } }, '4XX': {}, default: {} } } },
}));
check('accepted: maps (additionalProperties: <schema>) with propertyNames and property counts', () => specErrors({
  ...clone(minimal),
  schemas: { ...clone(minimal.schemas),
    M: { type: 'object', additionalProperties: { type: 'string', maxLength: 500 },
         propertyNames: { maxLength: 40 }, minProperties: 1, maxProperties: 50 },
    P: { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: { $ref: 'S' } },
    O: { type: 'object', additionalProperties: {} },
    Q: { type: 'object', additionalProperties: { description: 'anything' } } },
}));
check('accepted: auth in both spellings (OpenAPI\'s and apigen\'s)', () => specErrors({
  ...clone(minimal),
  auth: {
    q: { type: 'apiKey', in: 'query', name: 'api_key' },
    h: { type: 'apiKey', in: 'header', name: 'X-Key' },
    j: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    b: { type: 'bearer', header: 'X-Token' },
    a: { type: 'api_key', header: 'X-Key' },
    basic: { type: 'http', scheme: 'basic' },
    c: { type: 'apiKey', in: 'cookie', name: 'session' },
    o: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a.test/t', scopes: { r: 'read' } } } },
    oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://a.test/.well-known/openid-configuration' },
  },
  security: [{ basic: [], c: [] }, { o: ['r'] }, {}],
}));
check('accepted: shared responses, parameters and headers, path-level parameters', () => specErrors({
  ...clone(minimal),
  responses: { Gone: { description: 'gone', headers: { 'Retry-After': { schema: { type: 'string' } } } } },
  parameters: { Page: { name: 'page', in: 'query', schema: { type: 'integer' } } },
  headers: { Rate: { required: true, schema: { type: 'integer' } } },
  paths: { [minimal.operations.op.path]: { parameters: { header: { properties: { 'X-Trace': { type: 'string' } } } } } },
  operations: { op: { ...clone(minimal.operations.op),
    parameters: { ...clone(minimal.operations.op.parameters), $ref: ['Page'] },
    responses: { 200: { description: 'ok', headers: { 'X-Rate': { $ref: 'Rate' } } }, 410: { $ref: 'Gone' } } } },
}));
for (const [name, mutate, mention] of misuses) {
  const s = clone(minimal);
  mutate(s);
  expectRejected(name, s, mention);
}

// --- (d) the generator's own check of examples --------------------------------------------
// `apigen generate` on a spec file: 'accept' (exit 0), 'reject' (exit 1, every error about an
// example or default value), or a problem. errors: the generator's error lines.
function generatorVerdict(file) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'apigen-examples-'));
  try {
    const r = spawnSync(apigen, ['generate', '-o', out, file], { encoding: 'utf8' });
    const errors = (r.stderr ?? '').split('\n').filter((l) => l.includes(': error: '));
    if (r.status === 0 && errors.length === 0) return { verdict: 'accept', errors };
    if (r.status === 1 && errors.length > 0 &&
        errors.every((l) => /: error: (example|default) /.test(l))) return { verdict: 'reject', errors };
    return { problem: `apigen exit status ${r.status}: ${(r.stderr ?? '').trim()}` };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

// The generator's verdict on a spec value (written as YAML to <api>.yaml), compared with
// expect; a rejection must name `mention`.
function generatorAgrees(api, spec, expect, mention) {
  if (!apigen) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigen-spec-'));
  try {
    const file = path.join(dir, `${api}.yaml`);
    fs.writeFileSync(file, YAML.stringify(spec));
    const g = generatorVerdict(file);
    if (g.problem) return [g.problem];
    if (g.verdict !== expect) return [`apigen generate: ${g.verdict}ed (${g.errors.join(' | ')})`];
    if (expect === 'reject' && !g.errors.some((l) => l.includes(mention))) {
      return [`apigen's errors do not name ${mention}: ${g.errors.join(' | ')}`];
    }
    return [];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (apigen) {
  for (const { file } of Object.values(specs)) {
    check(`${show(file)}: apigen generate accepts every example (as ajv does)`, () => {
      const g = generatorVerdict(file);
      return g.problem ? [g.problem] : g.verdict === 'accept' ? [] : g.errors;
    });
  }
}

// Wrong values in real examples must fail their schemas (and a few right ones pass), in ajv
// and in `apigen generate` alike.
function exampleCase(api, op, where, exampleName, change, expect, name) {
  check(`${expect === 'reject' ? 'rejected' : 'accepted'}: ${api}.${op} ${where} example with ${name}`, () => {
    const entry = specs[api];
    if (!entry) return [`spec ${api} not loaded`];
    const spec = clone(entry.spec);
    const o = spec.operations?.[op];
    const holder = where === 'request' ? o?.request : o?.responses?.[where];
    if (!holder?.examples?.[exampleName]) return [`example '${exampleName}' not found`];
    change(holder.examples[exampleName]);
    const ok = exampleValidator(ajv, spec, holder.schema)(holder.examples[exampleName]);
    if (expect === 'reject' && ok) return ['accepted by ajv'];
    if (expect === 'accept' && !ok) return ['rejected by ajv'];
    const part = where === 'request' ? 'request' : `response ${where}`;
    return generatorAgrees(api, spec, expect, `example '${exampleName}' of ${part} of ${op}: `);
  });
}

// The same for `example` and `default` inside schemas: change(spec) returns the schema it set
// one on, and `what` is how apigen names it ("example of property 'role'").
function schemaCase(api, change, expect, what, name) {
  check(`${expect === 'reject' ? 'rejected' : 'accepted'}: ${api} ${name}`, () => {
    const entry = specs[api];
    if (!entry) return [`spec ${api} not loaded`];
    const spec = clone(entry.spec);
    const schema = change(spec);
    if (!schema) return ['schema not found'];
    const problems = [];
    for (const key of ['example', 'default']) {
      if (key in schema && !exampleValidator(ajv, spec, schema)(schema[key])) problems.push(key);
    }
    if (expect === 'reject' && problems.length === 0) return ['accepted by ajv'];
    if (expect === 'accept' && problems.length > 0) return [`${problems.join(', ')} rejected by ajv`];
    return generatorAgrees(api, spec, expect, `${what}: `);
  });
}
const reject = 'reject';
const accept = 'accept';
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data[0].storeId = v.data[0].storeId.slice(1); }, reject, 'a 23-hex-digit storeId');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data[0].id = 'zz' + v.data[0].id.slice(2); }, reject, 'a non-hex id');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data[0].email = 'first..last@example.com'; }, reject, 'an email with ".." (lookahead)');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data[0].email = '.first@example.com'; }, reject, 'an email starting with "." (lookahead)');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data[0].email = `${'a'.repeat(245)}@example.com`; }, reject, 'a 257-character email');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data[0].email = "o'brien+tag@example.co.uk"; }, accept, "an email with ' and +");
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { delete v.data[0].updatedAt; }, reject, 'a required member missing');
exampleCase('applivery', 'createOtpUser', 'request', 'doc',
  (v) => { v.allowedDownloadsNum = 9007199254740992; }, reject, 'allowedDownloadsNum 2^53');
exampleCase('applivery', 'createOtpUser', 'request', 'doc',
  (v) => { v.allowedDownloadsNum = -9007199254740991; }, accept, 'allowedDownloadsNum -(2^53-1)');
exampleCase('applivery', 'createOtpUser', 'request', 'doc',
  (v) => { v.allowedDownloadsNum = 1.5; }, reject, 'a fractional allowedDownloadsNum');
exampleCase('applivery', 'createOemUser', '200', 'doc',
  (v) => { v.data.collaborator.detected = { any: ['thing'] }; }, accept, 'a free-form detected object');
exampleCase('applivery', 'createOemUser', '200', 'doc',
  (v) => { v.data.collaborator.tags = [1]; }, reject, 'a non-string tag');
exampleCase('applivery', 'createOemUser', '404', 'doc',
  (v) => { v.error.code = 'x'; }, reject, 'a string error code');
exampleCase('shop', 'createAccountUser', '200', 'doc',
  (v) => { v.blocked_at = '2019-02-30T14:15:22Z'; }, reject, 'blocked_at on February 30');
exampleCase('shop', 'createAccountUser', '200', 'doc',
  (v) => { v.blocked_at = null; }, accept, 'blocked_at null (nullable)');
exampleCase('shop', 'createAccountUser', '200', 'doc',
  (v) => { v.created_at = null; }, reject, 'created_at null (not nullable)');
exampleCase('shop', 'createAccountUser', 'request', 'doc',
  (v) => { delete v.password; }, reject, 'no password');
exampleCase('ownli', 'createUser', 'request', 'constructed',
  (v) => { v.phone = '5556667777'; }, reject, 'a phone not in E.164');
exampleCase('ownli', 'createUser', 'request', 'constructed',
  (v) => { v.address.state = 'XX'; }, reject, 'state XX');
exampleCase('ownli', 'createUser', 'request', 'constructed',
  (v) => { v.address.country = 'CA'; }, reject, 'country CA');
exampleCase('ownli', 'createUser', 'request', 'constructed',
  (v) => { delete v.address; }, reject, 'no address');
exampleCase('ownli', 'createUser', '200', 'doc',
  (v) => { v.tosAnswer = 'Maybe'; }, reject, 'tosAnswer Maybe');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data[0].email = 42; }, reject, 'a number for a string');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data.push({ ...v.data[0], storeId: 'x' }); }, reject, 'a bad second array item');
exampleCase('applivery', 'createOtpUser', '200', 'doc',
  (v) => { v.data.push(clone(v.data[0])); }, accept, 'a second, valid array item');
exampleCase('applivery', 'createOemUser', '200', 'doc',
  (v) => { v.data.collaborator.tags = 'a'; }, reject, 'a string for an array');
exampleCase('shop', 'createAccountUser', 'request', 'doc',
  (v) => { v.undocumented = [1]; }, accept, 'an undocumented property (not closed)');
exampleCase('ownli', 'createUser', '200', 'doc',
  (v) => { v.extra = { nested: null }; }, accept, 'an undocumented nested property');

const property = (s, name) => {
  for (const root of [...Object.values(s.schemas ?? {})]) {
    if (root.properties?.[name]) return root.properties[name];
  }
  return undefined;
};
schemaCase('applivery', (s) => {
  const p = property(s, 'role');
  if (p) p.example = 3;
  return p;
}, reject, "example of property 'role'", 'a schema example of the wrong type');
schemaCase('applivery', (s) => {
  const p = property(s, 'role');
  if (p) p.example = null;
  return p;
}, reject, "example of property 'role'", 'a null schema example (not nullable)');
schemaCase('applivery', (s) => {
  const p = property(s, 'role');
  if (p) p.example = 'admin';
  return p;
}, accept, "example of property 'role'", 'another string schema example');
schemaCase('applivery', (s) => {
  const p = property(s, 'tags');
  if (p) p.example = ['a', 2];
  return p;
}, reject, "example of property 'tags'", 'an array schema example with a wrong item');
schemaCase('ownli', (s) => {
  const p = s.schemas?.UsStateCode;
  if (p) p.default = 'XX';
  return p;
}, reject, "default of schema 'UsStateCode'", 'a default outside the enum');
schemaCase('ownli', (s) => {
  const p = property(s, 'tosAnswer');
  if (p) p.default = 'Accepted';
  return p;
}, accept, "default of property 'tosAnswer'", 'a default inside the enum');

finish();
