/**
 * A Vite plugin for the npm build that ships each language module without its
 * keys. Every `src/locales/<tag>.ts` is a readable keyed table (what the tests
 * and TypeScript see); in dist/ it becomes
 *
 *   import registerPackedStrings from '../i18n/packed-strings.js';
 *   export default registerPackedStrings('ru', '<values joined by \n>');
 *
 * with the values in the order of `en`'s keys, depth first: the same order
 * src/i18n/packed-strings.ts walks to put the keys back. The keys repeated in 40
 * modules were most of their gzip size. The table is evaluated (esbuild, with
 * `registerStrings` stubbed), not parsed, and checked against `en`: a missing
 * or extra key, a value that is not a string or holds the separator fails the
 * build, naming the locale and the key, and so does a translation that
 * drops or adds a `{placeholder}`.
 */
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { build } from 'esbuild';

/** Between values; no UI string has a line break. src/i18n/packed-strings.ts splits on the same. */
const SEPARATOR = '\n';

const LOCALE = /\/src\/locales\/([^/]+)\.ts$/;

/** @typedef {{ [key: string]: unknown }} Table */

/** @returns {import('vite').Plugin} */
export function packLocales() {
  /** @type {Promise<Table> | undefined} `en` from src/i18n/english.ts, read once per build. */
  let english;
  return {
    name: 'pack-locales',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      english = undefined;
    },
    async transform(code, id) {
      const match = LOCALE.exec(id.split('?')[0]);
      if (!match) return undefined;
      const tag = match[1];
      const file = `src/locales/${tag}.ts`;
      const stringsPath = resolve(dirname(id), '../i18n/english.ts');
      english ??= evaluate(stringsPath).then(({ exports }) => /** @type {Table} */ (exports.en));
      this.addWatchFile(stringsPath);
      const en = await english;

      const { exports, registered } = await evaluate(id, code);
      const table = /** @type {Table} */ (exports.default);
      if (registered.length !== 1) this.error(`${file}: calls registerStrings ${registered.length} times, not once`);
      const [lang, registeredTable] = registered[0];
      if (typeof lang !== 'string' || lang.toLowerCase() !== tag.toLowerCase()) this.error(`${file}: registers '${lang}', not '${tag}'`);
      if (registeredTable !== table) this.error(`${file}: the default export is not the table it registers`);
      const values = pack(en, table, (message) => this.error(`${file}: ${message}`));
      return {
        code:
          `import registerPackedStrings from '../i18n/packed-strings.js';\n` +
          `export default registerPackedStrings(${JSON.stringify(lang)}, ${JSON.stringify(values.join(SEPARATOR))});\n`,
        map: null,
      };
    },
  };
}

/**
 * The values of `table` in `shape`'s key order, depth first.
 * @param {Table} shape `en`, or one of its nested objects
 * @param {unknown} table
 * @param {(message: string) => never} fail
 * @returns {string[]}
 */
function pack(shape, table, fail, prefix = '') {
  if (!table || typeof table !== 'object') fail(`${prefix ? prefix.slice(0, -1) : 'the table'} is not an object`);
  const object = /** @type {Table} */ (table);
  for (const key of Object.keys(object)) if (!Object.hasOwn(shape, key)) fail(`unknown key ${prefix}${key}`);
  return Object.entries(shape).flatMap(([key, english]) => {
    if (!Object.hasOwn(object, key)) fail(`missing key ${prefix}${key}`);
    const value = object[key];
    if (english && typeof english === 'object') return pack(/** @type {Table} */ (english), value, fail, `${prefix}${key}.`);
    if (typeof value !== 'string') return fail(`${prefix}${key} is not a string`);
    if (value.includes(SEPARATOR)) fail(`${prefix}${key} contains the separator ${JSON.stringify(SEPARATOR)}`);
    const expected = placeholders(String(english));
    if (placeholders(value) !== expected) fail(`${prefix}${key} has placeholders ${placeholders(value) || 'none'}, English has ${expected || 'none'}`);
    return [value];
  });
}

/**
 * The `{name}` placeholders of a string, sorted and joined: a translation may move them, but
 * must keep each one (a lost `{digits}` would show the user a sentence with a hole).
 * @param {string} text
 */
function placeholders(text) {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort().join(', ');
}

/**
 * Runs a TypeScript module (its imports bundled in, `registerStrings` replaced by a recorder)
 * and returns its exports and the `registerStrings` calls it made.
 * @param {string} path
 * @param {string} [contents] the module's code, if not the file's
 * @returns {Promise<{ exports: Table, registered: [unknown, unknown][] }>}
 */
export async function evaluate(path, contents) {
  // Where the stub records the calls. Unique per run, which also makes each data: URL new, so
  // Node's module cache never hands back an earlier run (a rebuild in watch mode).
  const key = `pack-locales:${randomUUID()}`;
  const result = await build({
    ...(contents === undefined
      ? { entryPoints: [path] }
      : { stdin: { contents, loader: 'ts', resolveDir: dirname(path), sourcefile: path } }),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    plugins: [
      {
        name: 'stub-register-strings',
        setup(esbuild) {
          esbuild.onResolve({ filter: /(^|\/)i18n\/languages(\.[jt]s)?$/ }, () => ({ path: 'languages', namespace: 'stub' }));
          esbuild.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents: `export function registerStrings(...call) { (globalThis[${JSON.stringify(key)}] ??= []).push(call); }`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  const exports = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const store = /** @type {Record<string, unknown>} */ (globalThis);
  const registered = /** @type {[unknown, unknown][] | undefined} */ (store[key]) ?? [];
  delete store[key];
  return { exports, registered };
}
