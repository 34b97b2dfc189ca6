import { expect } from '@open-wc/testing';
// @ts-expect-error served by the test runner: the tags of the files in src/locales/
import { LOCALES } from '/__locales.js';
import { isRtl, registeredLanguages, stringsFor } from '../src/i18n/languages.js';
import { en } from '../src/i18n/english.js';

// Every language the package ships, found in src/locales/: a new file is checked without a
// line here, and each must register the language it is named after.
const shipped: string[] = LOCALES;
for (const tag of shipped) await import(`../src/locales/${tag}.ts`);

type Table = Record<string, unknown>;

/** Every string of a table by dotted path: `heading`, `errors.network`. */
function flatten(table: Table, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(table)) {
    if (value && typeof value === 'object') flatten(value as Table, `${prefix}${key}.`).forEach((v, k) => entries.set(k, v));
    else entries.set(`${prefix}${key}`, value);
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const english = flatten(en as unknown as Table);
const languages = shipped.map((tag) => tag.toLowerCase());

describe('locales', () => {
  it('ships at least 40 languages besides English, each registered under its file name', () => {
    expect(languages.length).to.be.at.least(40);
    expect(registeredLanguages()).to.include.members(languages);
  });

  for (const lang of languages) {
    it(`${lang}: every key, no extra, every placeholder kept`, () => {
      const table = flatten(stringsFor(lang)! as unknown as Table);
      expect([...table.keys()].sort()).to.deep.equal([...english.keys()].sort());
      for (const [key, value] of table) {
        expect(value, `${lang} ${key}`).to.be.a('string').with.length.greaterThan(0);
        expect(placeholders(value as string), `${lang} ${key}`).to.deep.equal(placeholders(english.get(key) as string));
      }
      // Translated, not copied: the sentences differ from English.
      for (const key of ['heading', 'scanStep', 'recoveryIntro', 'errors.invalid_code', 'errors.network']) {
        expect(table.get(key), `${lang} ${key}`).not.to.equal(english.get(key));
      }
    });
  }

  it('falls back from a region to its language, and keeps regional variants apart', () => {
    expect(stringsFor('de-AT')).to.equal(stringsFor('de'));
    expect(stringsFor('pt-BR')).not.to.equal(stringsFor('pt'));
    expect(stringsFor('zh-TW')).not.to.equal(stringsFor('zh-CN'));
    expect(stringsFor('xx'), 'English is each element’s own, not a registered table').to.equal(undefined);
  });

  it('knows which languages are right-to-left', () => {
    for (const lang of ['ar', 'he', 'fa', 'ar-EG']) expect(isRtl(lang), lang).to.equal(true);
    for (const lang of languages.filter((tag) => !['ar', 'he', 'fa'].includes(tag))) expect(isRtl(lang), lang).to.equal(false);
  });
});
