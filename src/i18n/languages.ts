import type { MfaStrings } from './strings.js';

interface Registry {
  /** Tables by lower-case BCP 47 tag. */
  readonly tables: Map<string, MfaStrings>;
  /** Notifies live widgets that a language arrived (a locale module may load after them). */
  readonly events: EventTarget;
}

/**
 * The languages the widget knows besides English (which each element brings,
 * its own strings only); each `src/locales/*.ts` module adds one when imported, so pages download only what they use. The
 * registry hangs off a global symbol so that every copy of the code on a page
 * shares it: the script-tag bundle and the locale modules loaded next to it.
 */
const registry: Registry = ((globalThis as { [key: symbol]: Registry })[Symbol.for('mfa-otp-enroll.i18n')] ??= {
  tables: new Map(),
  events: new EventTarget(),
});
const { tables } = registry;

/** Fires `change` when a language is registered, so live elements can re-render in it. */
export const languageChanges = registry.events;

/** Right-to-left scripts, by primary language subtag. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** `pt-BR` → `pt`: the primary language subtag, lower-cased. */
const primaryLanguage = (lang: string): string => lang.toLowerCase().split('-')[0]!;

export function registerStrings(lang: string, strings: MfaStrings): void {
  tables.set(lang.toLowerCase(), strings);
  languageChanges.dispatchEvent(new Event('change'));
}

/** The best table for `lang`: the exact tag, then its primary language (`pt-BR` → `pt`); none for English. */
export function stringsFor(lang: string): MfaStrings | undefined {
  return tables.get(lang.toLowerCase()) ?? tables.get(primaryLanguage(lang));
}

export function isRtl(lang: string): boolean {
  return RTL.has(primaryLanguage(lang));
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
