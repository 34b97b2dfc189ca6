import { maskPhone } from './phone.js';

/** The ways a user proves it's them, as the elements name them: an authenticator app's code, or a code Auth0 sends. */
export type Factor = 'otp' | SentFactor | 'push';

/** The factors whose code Auth0 sends: a text message, a voice call, an email. */
export type SentFactor = 'sms' | 'voice' | 'email';

const KNOWN: readonly Factor[] = ['otp', 'sms', 'voice', 'email', 'push'];

/** `"otp sms email"`, `"otp,sms"` or a list: the known factors, in the order given, once each; the app when none is known. */
export function readFactors(value: string | readonly string[]): Factor[] {
  const named = typeof value === 'string' ? value.split(/[\s,]+/) : value;
  const factors = KNOWN.filter((factor) => named.includes(factor)).sort((a, b) => named.indexOf(a) - named.indexOf(b));
  return factors.length ? factors : ['otp'];
}

/** Where Auth0 sends a code: a phone number in E.164 (a text or a call), or an email address. */
export type Destination = { readonly factor: 'sms' | 'voice'; readonly phoneNumber: string } | { readonly factor: 'email'; readonly email: string };

/** What the user reads of a destination: a phone number's last four digits, an email's first letter and domain. */
export function maskDestination(destination: Destination): string {
  return destination.factor === 'email' ? maskEmail(destination.email) : maskPhone(destination.phoneNumber);
}

/** `jane.doe@example.com` → `j•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}•••${email.slice(at)}` : '•••';
}

/** A plausible email address: one @, something before it, a dot in the domain, no spaces. */
export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text) && text.length <= 254;
}
