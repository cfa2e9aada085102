// Differential validation of unions (oneOf, anyOf, discriminator, allOf): the generated C of
// tests/behaviour/behaviour.yaml against ajv (draft 2020-12) on the JSON Schema apigen exports
// beside it, over hand-picked payloads (the hostile ones of issue 14: a value matching two
// alternatives under oneOf, a discriminator value not in the mapping, a missing discriminator,
// nested unions) and seeded mutations of them. Every verdict must agree: no known class.
//
// usage: node unions.mjs GENERATED_DIR TEST_BEHAVIOUR_BINARY
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, '..', 'schema', 'node_modules'))) {
  console.log('skipped: tests/schema/node_modules is missing: run `npm ci --prefix tests/schema`');
  process.exit(77);
}
const require = createRequire(join(here, '..', 'schema', 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const [generatedDir, binary] = process.argv.slice(2);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const doc = JSON.parse(readFileSync(join(generatedDir, 'behaviour', 'behaviour.schema.json'), 'utf8'));
ajv.addSchema(doc);
const judge = def => ajv.getSchema(`${doc.$id}#/$defs/${def}`);

const card = { type: 'card', last4: '4242' };
const bank = { type: 'bank_account', iban: 'DE0012' };
const base = [
  ['behaviour_payment', { amount: 5, source: card }],
  ['behaviour_payment', { amount: '12', customer: 'cus_1', source: bank, tags: ['a', 1, true], note: null }],
  ['behaviour_payment', { amount: 0, customer: { id: 'c', email: 'a@b.co' }, source: card, note: 'n' }],
  ['behaviour_plan', { id: 'c', plan: 'pro' }],
  ['behaviour_labelled', { owner: { id: 'o' } }],
];
const hostile = [
  ['behaviour_payment', { amount: -1, source: card }], // neither alternative
  ['behaviour_payment', { amount: 1.5, source: card }],
  ['behaviour_payment', { amount: '1.5', source: card }],
  ['behaviour_payment', { amount: true, source: card }],
  ['behaviour_payment', { amount: 1, source: { type: 'cash' } }], // not in the mapping
  ['behaviour_payment', { amount: 1, source: { iban: 'DE0012' } }], // no discriminator
  ['behaviour_payment', { amount: 1, source: { type: 'Card', last4: '4242' } }], // the name, mapped away
  ['behaviour_payment', { amount: 1, source: { type: 'card', iban: 'DE0012' } }], // the other's body
  ['behaviour_payment', { amount: 1, source: { type: 'card', last4: '4242', iban: 'DE0012' } }],
  ['behaviour_payment', { amount: 1, source: { type: 7 } }],
  ['behaviour_payment', { amount: 1, source: 'card' }],
  ['behaviour_payment', { amount: 1, source: card, customer: { email: 'a@b.co' } }],
  ['behaviour_payment', { amount: 1, source: card, customer: 5 }],
  ['behaviour_payment', { amount: 1, source: card, tags: [1, 1] }],
  ['behaviour_payment', { amount: 1, source: card, tags: [1, '1', true, false] }],
  ['behaviour_payment', { amount: 1, source: card, tags: [null] }],
  ['behaviour_payment', { amount: 1, source: card, tags: [[1]] }],
  ['behaviour_payment', { amount: 1, source: card, note: [] }],
  ['behaviour_payment', { amount: 1, source: card, note: 2.5 }],
  ['behaviour_payment', { amount: 1, source: card, refund: null }], // anyOf [$ref, null]
  ['behaviour_payment', { amount: 1, source: card, refund: { id: 'r' } }],
  ['behaviour_payment', { amount: 1, source: card, code: 'abc' }], // both alternatives: oneOf fails
  ['behaviour_payment', { amount: 1, source: card, code: 'abcdefg' }],
  ['behaviour_payment', { amount: 1, source: card, code: 'xyz' }],
  ['behaviour_payment', { amount: 1, source: card, code: 'xyzuvw' }],
  ['behaviour_payment', { source: card }],
  // array alternatives: a string or a list of strings; one customer or several
  ['behaviour_payment', { amount: 1, source: card, to: 'a' }],
  ['behaviour_payment', { amount: 1, source: card, to: ['a', 'b'] }],
  ['behaviour_payment', { amount: 1, source: card, to: [] }],
  ['behaviour_payment', { amount: 1, source: card, to: ['a', ''] }],
  ['behaviour_payment', { amount: 1, source: card, to: ['a', 'a'] }],
  ['behaviour_payment', { amount: 1, source: card, to: ['a', 'b', 'c', 'd'] }],
  ['behaviour_payment', { amount: 1, source: card, to: [['a']] }],
  ['behaviour_payment', { amount: 1, source: card, to: [1] }],
  ['behaviour_payment', { amount: 1, source: card, to: '' }],
  ['behaviour_payment', { amount: 1, source: card, payers: [{ id: 'a' }, { id: 'b' }] }],
  ['behaviour_payment', { amount: 1, source: card, payers: [{ id: 'a' }, {}] }],
  ['behaviour_payment', { amount: 1, source: card, payers: { id: 'a' } }],
  ['behaviour_payment', { amount: 1, source: card, payers: [] }],
  ['behaviour_plan', { plan: 'pro' }],
  ['behaviour_contact', { id: 'c', email: 'a@b.co' }], // allOf [{$ref}, {required: [email]}]
  ['behaviour_contact', { id: 'c' }],
  ['behaviour_contact', { email: 'a@b.co' }],
  ['behaviour_contact', { id: 'c', email: 5 }],
  ['behaviour_profile', { id: 'c', city: 'Oslo' }], // allOf carrying a map and object rules
  ['behaviour_profile', { id: 'c' }],
  ['behaviour_profile', { id: 'c', city: 5 }],
  ['behaviour_profile', { id: 'c', country: 'NO' }],
  ['behaviour_profile', { id: 'c', a: '1', b: '2', c: '3', d: '4' }],
  ['behaviour_profile', { id: 'c', email: 'a@b.co', a: '1' }],
  ['behaviour_plan', { id: 'c', plan: 'gold' }],
  ['behaviour_labelled', { owner: {} }],
];
// Seeded mutations: each top-level property of each payload replaced by values of every kind.
let seed = 14;
const rnd = n => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
const values = [null, true, 0, -3, 2.5, '', 'x', '7', 'abc', 'abcdef', [], [1], ['t'], {}, { type: 'card' }, card, bank,
  { id: 'q' }, { type: 'bank_account', iban: 'x' }, { type: 'card', last4: '12345' }, ['a', 'b'], ['a', 'a'], [''],
  [{ id: 'q' }], [{ id: 'q' }, 'x']];
const payloads = [...base, ...hostile];
for (const [def, v] of [...base, ...hostile])
  for (let k = 0; k < 40; k++) {
    const keys = Object.keys(v);
    const copy = structuredClone(v);
    if (keys.length && rnd(4) > 0) copy[keys[rnd(keys.length)]] = structuredClone(values[rnd(values.length)]);
    else copy[['amount', 'source', 'customer', 'tags', 'note', 'code', 'id', 'plan', 'owner', 'to', 'payers'][rnd(11)]] =
      structuredClone(values[rnd(values.length)]);
    payloads.push([def, copy]);
  }
const input = payloads.map(([def, v]) => `${def}\t${JSON.stringify(v)}`).join('\n') + '\n';
const ours = execFileSync(binary, [generatedDir, '--verdicts'], { input }).toString().trimEnd().split('\n');
let agree = 0, differ = 0, invalid = 0;
payloads.forEach(([def, v], i) => {
  const theirs = judge(def)(v);
  const mine = ours[i] === 'valid';
  if (!mine) invalid++;
  if (theirs === mine) agree++;
  else {
    differ++;
    console.log(`DIFFER ${def} ${JSON.stringify(v)}: apigen ${ours[i]}, ajv ${theirs ? 'valid' : 'invalid'}`);
  }
});
console.log(`${payloads.length} payloads (${invalid} invalid): ${agree} agree, ${differ} differ`);
console.log(`${differ === 0 ? 1 : 0} passed, ${differ === 0 ? 0 : 1} failed`);
process.exit(differ === 0 ? 0 : 1);
