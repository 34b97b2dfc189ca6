import { MfaError } from '../../core/errors.js';
import { isEmail, type Destination, type SentFactor } from '../../core/factors.js';
import { callingCode, REGIONS, regionOf, toE164 } from '../../core/phone.js';

/** What the user has typed so far for a phone or an email: kept through every failure. */
export interface DestinationDraft {
  readonly factor: SentFactor;
  /** ISO 3166-1 alpha-2 region of the country choice, or `''` for none. */
  readonly region: string;
  readonly phone: string;
  readonly email: string;
}

/**
 * The destination the draft names, or the refusal that says what to fix, before anything is sent:
 * a number that can't be E.164, a national number with no country, an address that isn't one.
 */
export function readDraft(draft: DestinationDraft): Destination | MfaError {
  if (draft.factor === 'email') {
    const email = draft.email.trim();
    return isEmail(email) ? { factor: 'email', email } : refused('email');
  }
  const phone = toE164(draft.phone, draft.region);
  if ('e164' in phone) return { factor: draft.factor, phoneNumber: phone.e164 };
  return refused(phone.problem === 'no-country' ? 'country' : 'phone');
}

const refused = (problem: 'phone' | 'country' | 'email') => new MfaError('invalid_destination', { destinationProblem: problem });

/** The country chosen first: the host's `default-country`, else the language's region, else none. */
export function firstRegion(defaultCountry: string, lang: string): string {
  const named = defaultCountry.trim().toUpperCase();
  return callingCode(named) ? named : (regionOf(lang) ?? '');
}

/** One entry of the country choice. */
export interface CountryOption {
  readonly region: string;
  /** "Deutschland (+49)": the name in the element's language, from the browser. */
  readonly label: string;
}

const countryLists = new Map<string, readonly CountryOption[]>();

/**
 * Every region with a calling code, named in `lang` by the browser (`Intl.DisplayNames`: no
 * table of names ships) and sorted as that language sorts; made once per language.
 */
export function countryOptions(lang: string): readonly CountryOption[] {
  let list = countryLists.get(lang);
  if (!list) {
    let names: Intl.DisplayNames | undefined;
    let collator: Intl.Collator;
    try {
      names = new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'code' });
      collator = new Intl.Collator(lang);
    } catch {
      // Not a language tag the browser takes: codes, in English order.
      collator = new Intl.Collator('en');
    }
    list = REGIONS.map((region) => ({ region, label: `${names?.of(region) ?? region} (+${callingCode(region)})` })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
    countryLists.set(lang, list);
  }
  return list;
}
