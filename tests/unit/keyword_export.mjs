// keyword_export: the JSON Schema apigen exports (<api>.schema.json, generator/export.c) carries
// each keyword the runtime enforces. test_keywords writes one case per REFUSED sample of
// tests/unit/test_keywords.c: the exported document of the sample's spec, whose model W wraps
// the sample's schema in its one required property "v", and the sample's JSON values `ok` and
// `bad`. ajv (draft 2020-12, with ajv-formats), an oracle independent of apigen, must accept
// {"v": ok} and refuse {"v": bad} at W, as the runtime does; an export that forgot the keyword
// accepts `bad`.
//
// usage: node keyword_export.mjs CASES.json   (exit 0: all agree, 1: a case disagrees,
//        77: tests/schema/node_modules is missing, a CTest skip)
import { createRequire } from 'node:module';
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

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = 0;
for (const c of cases) {
  const ajv = new Ajv2020({ strict: false }); // one per case: every document is apigen:t
  addFormats(ajv);
  ajv.addSchema(c.schema);
  const validate = ajv.getSchema(`${c.schema.$id}#/$defs/${c.model}`);
  if (!validate) {
    console.log(`keyword ${c.keyword}: no $defs/${c.model} in the export`);
    failed++;
    continue;
  }
  const show = v => JSON.stringify(v);
  if (!validate({ v: c.ok })) {
    console.log(`keyword ${c.keyword}: ajv refuses ${show(c.ok)} (the runtime accepts it):`,
      show(validate.errors), '\n', show(c.schema.$defs));
    failed++;
  }
  if (validate({ v: c.bad })) {
    console.log(`keyword ${c.keyword}: ajv accepts ${show(c.bad)} (the runtime refuses it): ` +
      `the export lacks the keyword?\n`, show(c.schema.$defs));
    failed++;
  }
}
console.log(`${cases.length} keywords, ${failed} disagreements`);
process.exit(failed ? 1 : 0);
