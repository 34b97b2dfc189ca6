import { en, type EnrollStrings } from './strings.js';

/**
 * The languages the widget knows, by lower-case BCP 47 tag. English is built
 * in; each `src/locales/*.ts` module adds one when imported, so the script-tag
 * bundle carries only the languages a site loads.
 */
const tables = new Map<string, EnrollStrings>([['en', en]]);

/** Notifies live widgets that a language arrived (a locale module may load after them). */
export const localeRegistry = new EventTarget();

/** Right-to-left scripts, by primary language subtag. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

export function registerStrings(lang: string, strings: EnrollStrings): void {
  tables.set(lang.toLowerCase(), strings);
  localeRegistry.dispatchEvent(new Event('change'));
}

/** The best table for `lang`: the exact tag, then its primary language (`pt-BR` → `pt`), then English. */
export function stringsFor(lang: string): EnrollStrings {
  const tag = lang.toLowerCase();
  return tables.get(tag) ?? tables.get(tag.split('-')[0]!) ?? en;
}

export function isRtl(lang: string): boolean {
  return RTL.has(lang.toLowerCase().split('-')[0]!);
}

/** Every registered tag (for tests and language pickers). */
export function registeredLanguages(): string[] {
  return [...tables.keys()];
}

/**
 * The language that applies to `element`: its own `lang` or the nearest
 * ancestor's, across shadow roots, then the document's.
 */
export function languageOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || 'en';
}
