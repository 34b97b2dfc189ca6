// The source layout's one rule: shared pieces never import from an element's folder, so any
// element can use them without pulling in another element.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const src = new URL('../../src/', import.meta.url);
const ELEMENT_FOLDERS = ['enroll', 'verify', 'manage'];
const SHARED_FOLDERS = ['shared', 'auth0', 'i18n'];

for (const folder of SHARED_FOLDERS) {
  test(`src/${folder}/ imports from no element folder`, () => {
    const files = readdirSync(new URL(`${folder}/`, src)).filter((file) => file.endsWith('.ts'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const code = readFileSync(new URL(`${folder}/${file}`, src), 'utf8');
      const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
      for (const path of imports) {
        assert.ok(!ELEMENT_FOLDERS.some((element) => path.startsWith(`../${element}/`)), `src/${folder}/${file} imports ${path}`);
      }
    }
  });
}
