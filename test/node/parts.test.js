// Every part an element renders is documented (`@csspart` in its class JSDoc, which feeds
// custom-elements.json): a host styles only what it can find. The parts are read from the
// templates of the files each element's registration reaches, the other elements' registrations
// left out (the settings list shows an inline <mfa-otp-enroll>, whose parts are its own). And the
// README's section on each element names every documented part.
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

/** Where the README describes each element: from its heading to the next of the same level. */
const README_SECTIONS = {
  'mfa-otp-enroll': '## Usage',
  'mfa-otp-verify': '## Signing in again',
  'mfa-authenticators': '## The account-settings page',
};

for (const element of elements) {
  test(`the README names every part of <${element.tag}>`, () => {
    const readme = read('README.md');
    const heading = README_SECTIONS[element.tag];
    assert.ok(heading, `README_SECTIONS has no section for <${element.tag}>`);
    const start = readme.indexOf(`\n${heading}`);
    assert.ok(start >= 0, `the README has no "${heading}"`);
    const next = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, next < 0 ? undefined : next);
    const manifest = JSON.parse(read('custom-elements.json'));
    const declaration = manifest.modules.flatMap((module) => module.declarations ?? []).find((declared) => declared.tagName === element.tag);
    const parts = (declaration?.cssParts ?? []).map((part) => part.name);
    assert.ok(parts.length > 0, `custom-elements.json lists no part of <${element.tag}>`);
    assert.deepEqual(parts.filter((part) => !section.includes(`\`${part}\``)), [], `the README's "${heading}" leaves out parts`);
  });
}
