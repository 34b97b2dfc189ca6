import { expect } from '@open-wc/testing';
import { isRtl, registeredLanguages, stringsFor } from '../src/i18n.js';
import { en, type EnrollStrings } from '../src/strings.js';
// Every language the package ships; the test checks each table against English.
import '../src/locales/ar.js';
import '../src/locales/bg.js';
import '../src/locales/ca.js';
import '../src/locales/cs.js';
import '../src/locales/da.js';
import '../src/locales/de.js';
import '../src/locales/el.js';
import '../src/locales/es.js';
import '../src/locales/et.js';
import '../src/locales/fa.js';
import '../src/locales/fi.js';
import '../src/locales/fr.js';
import '../src/locales/he.js';
import '../src/locales/hi.js';
import '../src/locales/hr.js';
import '../src/locales/hu.js';
import '../src/locales/id.js';
import '../src/locales/it.js';
import '../src/locales/ja.js';
import '../src/locales/ko.js';
import '../src/locales/lt.js';
import '../src/locales/lv.js';
import '../src/locales/ms.js';
import '../src/locales/nb.js';
import '../src/locales/nl.js';
import '../src/locales/pl.js';
import '../src/locales/pt-BR.js';
import '../src/locales/pt.js';
import '../src/locales/ro.js';
import '../src/locales/ru.js';
import '../src/locales/sk.js';
import '../src/locales/sl.js';
import '../src/locales/sr.js';
import '../src/locales/sv.js';
import '../src/locales/th.js';
import '../src/locales/tr.js';
import '../src/locales/uk.js';
import '../src/locales/vi.js';
import '../src/locales/zh-CN.js';
import '../src/locales/zh-TW.js';

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
const languages = registeredLanguages().filter((lang) => lang !== 'en' && !lang.startsWith('x-'));

describe('locales', () => {
  it('ships at least 40 languages besides English', () => {
    expect(languages.length).to.be.at.least(40);
  });

  for (const lang of languages) {
    it(`${lang}: every key, no extra, every placeholder kept`, () => {
      const table = flatten(stringsFor(lang) as unknown as Table);
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
    expect(stringsFor('xx')).to.equal(en satisfies EnrollStrings);
  });

  it('knows which languages are right-to-left', () => {
    for (const lang of ['ar', 'he', 'fa', 'ar-EG']) expect(isRtl(lang), lang).to.equal(true);
    for (const lang of languages.filter((tag) => !['ar', 'he', 'fa'].includes(tag))) expect(isRtl(lang), lang).to.equal(false);
  });
});
