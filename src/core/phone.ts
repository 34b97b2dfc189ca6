// Phone numbers as the user types them, and as Auth0 takes them (E.164: `+` and up to 15 digits).
// Country names come from the browser (`Intl.DisplayNames`); only the calling codes are ours.

/**
 * The calling code of each country and territory (ITU-T E.164 assignments), packed: a code, then
 * the ISO 3166-1 alpha-2 regions it serves (`1AGAIAS…` is +1 for Antigua and Barbuda, Anguilla,
 * American Samoa…).
 */
const PACKED = '1AGAIASBBBMBSCADMDOGDGUJMKNKYLCMPMSPRSXTCTTUSVCVGVI7KZRU20EG27ZA30GR31NL32BE33FR34ES36HU39ITVA40RO41CH43AT44GBGGIMJE45DK46SE47NOSJ48PL49DE51PE52MX53CU54AR55BR56CL57CO58VE60MY61AUCCCX62ID63PH64NZ65SG66TH81JP82KR84VN86CN90TR91IN92PK93AF94LK95MM98IR211SS212EHMA213DZ216TN218LY220GM221SN222MR223ML224GN225CI226BF227NE228TG229BJ230MU231LR232SL233GH234NG235TD236CF237CM238CV239ST240GQ241GA242CG243CD244AO245GW246IO247AC248SC249SD250RW251ET252SO253DJ254KE255TZ256UG257BI258MZ260ZM261MG262REYT263ZW264NA265MW266LS267BW268SZ269KM290SHTA291ER297AW298FO299GL350GI351PT352LU353IE354IS355AL356MT357CY358AXFI359BG370LT371LV372EE373MD374AM375BY376AD377MC378SM380UA381RS382ME383XK385HR386SI387BA389MK420CZ421SK423LI500FK501BZ502GT503SV504HN505NI506CR507PA508PM509HT590BLGPMF591BO592GY593EC594GF595PY596MQ597SR598UY599BQCW670TL672NF673BN674NR675PG676TO677SB678VU679FJ680PW681WF682CK683NU685WS686KI687NC688TV689PF690TK691FM692MH850KP852HK853MO855KH856LA880BD886TW960MV961LB962JO963SY964IQ965KW966SA967YE968OM970PS971AE972IL973BH974QA975BT976MN977NP992TJ993TM994AZ995GE996KG998UZ';

/** Region → calling code, unpacked once. */
const CODES = new Map<string, string>();
for (const [, code, regions] of PACKED.matchAll(/(\d+)([A-Z]+)/g)) for (const region of regions!.match(/../g)!) CODES.set(region, code!);

/** Every region with a calling code, for the country choice. */
export const REGIONS: readonly string[] = [...CODES.keys()];

/** The calling code of a region (`DE` → `49`), if it has one. */
export const callingCode = (region: string): string | undefined => CODES.get(region.toUpperCase());

/** Where the national `0` is part of the number, not a trunk prefix to drop (Italy, and those on its plan). */
const KEEPS_LEADING_ZERO = new Set(['IT', 'SM', 'VA']);

/** Why a number can't be sent to, said before anything is sent: nothing typed, not a number, or a national number with no country chosen. */
export type PhoneProblem = 'empty' | 'invalid' | 'no-country';

/**
 * What the user typed, in E.164: spaces, dashes, dots and brackets go; a leading `+` (or `00`)
 * makes it international whatever the country says; otherwise the region's calling code comes
 * first, after dropping a national trunk `0` (or the `1` of a North American number typed with
 * it). Not a full numbering plan: what can't be E.164 (too short or long, an unknown calling code,
 * letters) is a problem; the rest is Auth0's to accept.
 */
export function toE164(typed: string, region: string): { readonly e164: string } | { readonly problem: PhoneProblem } {
  const text = typed.trim().replace(/[\s().\-\u2010-\u2015]/g, '');
  if (!text) return { problem: 'empty' };
  const international = /^(\+|00)/.exec(text);
  const digits = international ? text.slice(international[0].length) : text;
  if (!/^\d+$/.test(digits)) return { problem: 'invalid' };
  let e164: string;
  if (international) {
    e164 = digits;
    if (![1, 2, 3].some((length) => [...CODES.values()].includes(digits.slice(0, length)))) return { problem: 'invalid' };
  } else {
    const code = callingCode(region);
    if (!code) return { problem: 'no-country' };
    let national = digits;
    if (code === '1' && national.length === 11 && national.startsWith('1')) national = national.slice(1);
    else if (national.startsWith('0') && !KEEPS_LEADING_ZERO.has(region.toUpperCase())) national = national.slice(1);
    if (national.length < 4) return { problem: 'invalid' };
    e164 = code + national;
  }
  return e164.length >= 7 && e164.length <= 15 ? { e164: `+${e164}` } : { problem: 'invalid' };
}

/** The calling code an E.164 number starts with (the longest that is one). */
function codeOf(e164: string): string {
  const digits = e164.replace(/^\+/, '');
  const codes = new Set(CODES.values());
  return [3, 2, 1].map((length) => digits.slice(0, length)).find((code) => codes.has(code)) ?? '';
}

/** `+15551238730` → `+1 ••• ••• 8730`: the country, and the digits a user recognises, nothing between. */
export function maskPhone(e164: string): string {
  const code = codeOf(e164);
  return `${code ? `+${code} ` : ''}••• ••• ${e164.slice(-4)}`;
}

/**
 * The region of a language tag, when it has a calling code: the one it names (`en-GB` → `GB`),
 * else the language's likeliest (`de` → `DE`, `en` → `US`), as the browser knows it.
 */
export function regionOf(lang: string): string | undefined {
  let region: string | undefined;
  try {
    region = new Intl.Locale(lang).maximize().region;
  } catch {
    region = /[-_]([A-Za-z]{2})(?:[-_]|$)/.exec(lang)?.[1];
  }
  region = region?.toUpperCase();
  return region && CODES.has(region) ? region : undefined;
}
