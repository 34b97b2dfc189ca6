// The built language modules ship their strings packed without keys (scripts/pack-locales.js);
// each must still register and export, under every key of English, exactly the table its source
// in src/locales/ spells out. Runs after `npm run build`.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { evaluate } from '../../scripts/pack-locales.js';

const root = new URL('../../', import.meta.url);
const dist = new URL('dist/locales/', root);
const tags = readdirSync(dist)
  .filter((file) => file.endsWith('.js'))
  .map((file) => file.slice(0, -'.js'.length))
  .sort();

/** A source module's exports, run with `registerStrings` recording instead of registering. */
async function importSource(path) {
  return (await evaluate(new URL(path, root).pathname)).exports;
}

/** Every string of a table by dotted path, in the table's own key order. */
function paths(table, prefix = '') {
  return Object.entries(table).flatMap(([key, value]) => (value && typeof value === 'object' ? paths(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

const { en } = await importSource('src/i18n/english.ts');
const { stringsFor } = await import(new URL('dist/i18n/languages.js', root));

test('every language module is built', () => {
  assert.ok(tags.length >= 40, `${tags.length} modules in dist/locales: build first`);
  const sources = readdirSync(new URL('src/locales/', root)).filter((file) => file.endsWith('.ts'));
  assert.deepEqual(tags, sources.map((file) => file.slice(0, -'.ts'.length)).sort());
});

for (const tag of tags) {
  test(`dist/locales/${tag}.js registers and exports the table of src/locales/${tag}.ts`, async () => {
    const { default: source } = await importSource(`src/locales/${tag}.ts`);
    const { default: built } = await import(new URL(`${tag}.js`, dist));
    assert.equal(stringsFor(tag), built, `registered under ${tag}, the exported table`);
    assert.deepEqual(paths(built), paths(en), 'every key of en, in its order, no other');
    assert.deepEqual(built, source);
  });
}
