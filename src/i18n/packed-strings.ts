import { registerStrings } from './languages.js';
import { en } from './english.js';
import type { MfaStrings } from './strings.js';

type Shape = { [key: string]: string | Shape };

/**
 * The runtime half of scripts/pack-locales.js: the built language modules
 * ship their strings without keys, as one string of values separated by line
 * breaks in the order of `en`'s keys, depth first (`errors` in place). This
 * rebuilds the keyed table and registers it. Only the built locale modules
 * import this; the package entry does not.
 */
export function registerPackedStrings(lang: string, packed: string): MfaStrings {
  const values = packed.split('\n');
  let next = 0;
  const fill = (shape: Shape): Shape =>
    Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, typeof value === 'string' ? values[next++]! : fill(value)]));
  const table = fill(en) as MfaStrings;
  registerStrings(lang, table);
  return table;
}

/**
 * The locale modules import the function as the default export: a minified
 * `import n from` is some 20 bytes (gzip) shorter than a named import renamed.
 */
export default registerPackedStrings;
