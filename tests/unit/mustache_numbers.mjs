// mustache_numbers: `apigen render` interpolates numbers as JavaScript's String(n) does
// (ECMA-262 Number::toString, what mustache.js prints; generator/mustache.h), checked against
// node itself over seeded random doubles (random bit patterns and short decimals) and the
// edges: -0, every power of two and of ten, the switches between fixed and exponent notation
// at 1e-7 and 1e21, the extremes of the double range.
// usage: node mustache_numbers.mjs APIGEN WORK_DIR [COUNT]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [apigen, work, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 20000);
mkdirSync(work, { recursive: true });

// xorshift64*, seeded: the same numbers on every run.
let state = 0x9e3779b97f4a7c15n;
const next64 = () => {
  state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n;
  return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
};
const view = new DataView(new ArrayBuffer(8));

const xs = [0, -0, 1, -1, 0.1, 0.5, 1.5, 123.456, 1e21, -1e21, 1e-7, -1e-7, 1.5e-7, 1e-6, 1.5e-6,
  999999999999999900000, 1e15, -1e15, 1e16, 2 ** 53, 2 ** 53 + 2, 9007199254740993,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 2 ** -1022, 0.30000000000000004,
  123456789012345680000, 1.7976931348623157e308, 4.9406564584124654e-324];
for (let e = -1074; e <= 1023; e++) xs.push(2 ** e);
for (let e = -323; e <= 308; e++) xs.push(Number(`1e${e}`), Number(`-7.25e${e}`));
xs.splice(0, xs.length, ...xs.filter(Number.isFinite)); // -7.25e308 is -Infinity
for (const x of [1e-7, 1e21]) { // the doubles beside each notation switch
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  for (const d of [-2n, -1n, 1n, 2n]) { view.setBigUint64(0, bits + d); xs.push(view.getFloat64(0)); }
}
while (xs.length < count) {
  const r = next64();
  if (r & 1n) { // any bit pattern but NaN and the infinities
    view.setBigUint64(0, r);
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) xs.push(x);
  } else { // a decimal of up to 17 digits, at any scale
    const digits = Number((r >> 8n) % 100000000000000000n);
    const x = Number(`${r & 2n ? '-' : ''}${digits}e${Number((r >> 1n) % 660n) - 340}`);
    if (Number.isFinite(x)) xs.push(x);
  }
}

// JSON text that reads back as exactly x (String(-0) is "0": write -0 itself).
const text = x => (Object.is(x, -0) ? '-0' : String(x));
writeFileSync(join(work, 'numbers.json'), `{"xs": [${xs.map(text).join(',')}]}`);
writeFileSync(join(work, 'numbers.mustache'), '{{#xs}}{{.}}\n{{/xs}}');
const r = spawnSync(apigen, ['render', join(work, 'numbers.mustache'), '--data', join(work, 'numbers.json')],
  { encoding: 'utf8', maxBuffer: 1 << 26 });
if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
const got = r.stdout.split('\n').slice(0, -1);
let passed = 0, failed = 0;
xs.forEach((x, i) => {
  if (got[i] === String(x)) { passed++; return; }
  if (failed++ < 20) console.log(`FAIL ${text(x)}: apigen render "${got[i]}", String(n) "${String(x)}"`);
});
if (got.length !== xs.length) { console.log(`FAIL ${got.length} lines for ${xs.length} numbers`); failed++; }
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
