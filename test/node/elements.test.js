// One list of the elements (src/elements.json), and every place that names them agrees with it:
// the package's exports, the registrations, the entries, the React wrapper, the Vue and JSX
// types, the manifest (after a build) and the size budgets. Adding an element without one of
// them, or one of them without the element, fails here, naming what disagrees.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { BUDGETS } from '../../scripts/sizes.js';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
/** @type {{ elements: { tag: string, className: string, folder: string, define: string, export: string, events: Record<string, string> }[] }} */
const { elements } = JSON.parse(read('src/elements.json'));
const pkg = JSON.parse(read('package.json'));
const manifestPath = new URL('custom-elements.json', root);

/** `enroll-error` → `EnrollError`: how the React wrapper names an event's prop after `on`. */
const pascal = (name) => name.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase());

/** The text of `type Name = …;` in a .d.ts. */
function declaredType(source, typeName) {
  const start = source.indexOf(`type ${typeName} =`);
  assert.ok(start >= 0, `no type ${typeName}`);
  return source.slice(start, source.indexOf(';\n\n', start) + 1);
}

/** The keys of an object type's lines (`  name: …;` or `  'some-name': …;`). */
const keysOf = (text) => [...text.matchAll(/^\s+'?([\w-]+)'?\??:/gm)].map((match) => match[1]);

/** The string literals of a `Pick<…, 'a' | 'b'>` or `type X = 'a' | 'b'` found in `text`. */
const literals = (text) => [...text.matchAll(/'([\w-]+)'/g)].map((match) => match[1]);

test('the list names each element once, in a folder of its own', () => {
  assert.ok(elements.length > 0);
  for (const key of ['tag', 'className', 'folder', 'define', 'export']) {
    const values = elements.map((element) => element[key]);
    assert.equal(new Set(values).size, values.length, `two elements share a ${key}`);
  }
  for (const element of elements) {
    assert.match(element.tag, /^mfa-[a-z-]+$/, element.tag);
    assert.ok(existsSync(new URL(`src/${element.folder}/`, root)), `src/${element.folder}/ is missing`);
    assert.ok(element.define.startsWith(`${element.folder}/`), `${element.tag} registers from outside its folder`);
  }
});

for (const element of elements) {
  describe(`<${element.tag}>`, () => {
    test('registers from its own define module, its tag in HTMLElementTagNameMap', () => {
      const define = read(`src/${element.define}.ts`);
      assert.match(define, /defineElement\(/);
      assert.ok(define.includes(`'${element.tag}'`), `src/${element.define}.ts does not name '${element.tag}'`);
      assert.match(define, new RegExp(`'${element.tag}': ${element.className}`));
    });

    test('is a package export, its registration a side effect', () => {
      assert.deepEqual(pkg.exports[element.export], { types: `./dist/${element.define}.d.ts`, default: `./dist/${element.define}.js` });
      for (const file of [`./dist/${element.define}.js`, `./src/${element.define}.ts`]) assert.ok(pkg.sideEffects.includes(file), `sideEffects lacks ${file}`);
    });

    test('is in the entries: its class and types from the package, registered by the script tag', () => {
      assert.match(read('src/index.ts'), new RegExp(`\\b${element.className}\\b`));
      assert.match(read('src/global.ts'), new RegExp(`\\b${element.className}\\b`));
      for (const detail of Object.values(element.events).filter((type) => /^\w+$/.test(type))) {
        assert.match(read('src/index.ts'), new RegExp(`\\b${detail}\\b`), `src/index.ts does not export ${detail}`);
      }
    });

    test('has a React wrapper with an on… prop for each event', () => {
      const react = read('src/react.ts');
      assert.match(react, new RegExp(`export const ${element.className} = createComponent\\(`));
      for (const event of Object.keys(element.events)) {
        assert.match(react, new RegExp(`on${pascal(event)}: '${event}' as EventName`), `src/react.ts: no on${pascal(event)} for '${event}'`);
      }
    });

    test('has Vue and JSX types with its events, and the props the manifest lists as settable', () => {
      assert.ok(existsSync(manifestPath), 'custom-elements.json is missing: build first');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const declaration = manifest.modules.flatMap((module) => module.declarations ?? []).find((candidate) => candidate.tagName === element.tag);
      assert.ok(declaration, `custom-elements.json has no <${element.tag}>`);
      assert.deepEqual(
        (declaration.events ?? []).map((event) => event.name).sort(),
        Object.keys(element.events).sort(),
        'the events in the manifest (the class JSDoc @fires) and in the list',
      );
      const settable = (declaration.members ?? [])
        .filter((member) => member.kind === 'field' && !member.readonly && !member.static && member.privacy !== 'private')
        .map((member) => member.name)
        .sort();

      const vue = read('types/vue.d.ts');
      assert.match(vue, new RegExp(`'${element.tag}': DefineCustomElement<${element.className}, ${element.className}Events, ${element.className}Props>`));
      assert.deepEqual(literals(declaredType(vue, `${element.className}Props`)).sort(), settable, 'types/vue.d.ts props');
      assert.deepEqual(keysOf(declaredType(vue, `${element.className}Events`)).sort(), Object.keys(element.events).sort(), 'types/vue.d.ts events');

      const jsx = read('types/react-jsx.d.ts');
      assert.match(jsx, new RegExp(`'${element.tag}': ${element.className}JsxProps`));
      const jsxProps = declaredType(jsx, `${element.className}JsxProps`);
      const picked = /Pick<[^,]+,([^>]+)>/.exec(jsxProps)?.[1] ?? '';
      assert.deepEqual(literals(picked).sort(), settable, 'types/react-jsx.d.ts props');
      assert.deepEqual(
        keysOf(jsxProps).sort(),
        Object.keys(element.events).map((event) => `on${event}`).sort(),
        'types/react-jsx.d.ts: an on<event> prop for each event',
      );
    });
  });
}

test('every element past the first (whose code is the package row) has an own-code size budget', () => {
  for (const element of elements.slice(1)) assert.ok(element.tag in BUDGETS, `scripts/sizes.js: no budget for ${element.tag}`);
});
