// Every part an element renders is documented (`@csspart` in its class JSDoc, which feeds
// custom-elements.json): a host styles only what it can find. The parts are read from the
// templates of the files each element's registration reaches, the other elements' registrations
// left out (the settings list shows an inline <mfa-otp-enroll>, whose parts are its own).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
/** @type {{ elements: { tag: string, define: string }[] }} */
const { elements } = JSON.parse(read('src/elements.json'));

/**
 * Parts a shared view can render that an element never asks it for, each with its reason.
 * @type {Record<string, Record<string, string>>}
 */
const NOT_RENDERED = {
  'mfa-otp-verify': {
    // The sent-code view offers it only when given a way back to the number (enrolling does).
    'change-destination': 'no number to change when signing in',
  },
};

/** The static part names in the templates of the element's own files. */
async function partsReached(element) {
  const others = elements.filter((other) => other !== element).map((other) => new URL(`src/${other.define}.ts`, root).pathname);
  const result = await build({
    entryPoints: [new URL(`src/${element.define}.ts`, root).pathname],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    format: 'esm',
    outdir: '/parts',
    external: ['lit', 'lit/*', 'qrcode', 'qrcode/*'],
    plugins: [
      {
        name: 'other-elements',
        setup(esbuild) {
          esbuild.onResolve({ filter: /define\.js$/ }, ({ path, resolveDir }) => {
            const file = new URL(path.replace(/\.js$/, '.ts'), `file://${resolveDir}/`).pathname;
            return others.includes(file) ? { path: file, external: true } : undefined;
          });
        },
      },
    ],
  });
  const parts = new Set();
  for (const file of Object.keys(result.metafile.inputs).filter((input) => input.includes('src/'))) {
    const source = readFileSync(new URL(file.slice(file.indexOf('src/')), root), 'utf8');
    for (const [, names] of source.matchAll(/\bpart="([^"$]*)"/g)) for (const name of names.split(/\s+/).filter(Boolean)) parts.add(name);
  }
  return parts;
}

for (const element of elements) {
  test(`<${element.tag}> documents every part it renders`, async () => {
    const manifestPath = new URL('custom-elements.json', root);
    assert.ok(existsSync(manifestPath), 'custom-elements.json is missing: build first');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const declaration = manifest.modules.flatMap((module) => module.declarations ?? []).find((declared) => declared.tagName === element.tag);
    const documented = new Set((declaration?.cssParts ?? []).map((part) => part.name));
    const rendered = await partsReached(element);
    assert.ok(rendered.size > 0, 'no part found: the reading of the templates is broken');
    const skipped = NOT_RENDERED[element.tag] ?? {};
    const undocumented = [...rendered].filter((part) => !documented.has(part) && !(part in skipped));
    assert.deepEqual(undocumented, [], `<${element.tag}> renders parts its @csspart list lacks`);
  });
}
