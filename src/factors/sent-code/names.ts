import { maskEmail, type SentFactor } from '../../core/factors.js';
import { maskPhone } from '../../core/phone.js';
import type { AuthenticationMethod, Authenticator } from '../../core/ports.js';

/** The channels whose code a user types: a text, a call, an email (push is approved, not typed). */
export function sentFactorOf(authenticator: Authenticator): SentFactor | undefined {
  const { channel } = authenticator;
  return authenticator.type === 'oob' && (channel === 'sms' || channel === 'voice' || channel === 'email') ? channel : undefined;
}

/**
 * What the user may see of an MFA API row's destination: Auth0 sends it masked already
 * (`XXXXXXXX8730`, an address's first letters); a phone shows its last four digits.
 */
export function maskedName(authenticator: Authenticator): string {
  const name = authenticator.name ?? '';
  if (authenticator.channel === 'email') return name.includes('@') && !/[*•]/.test(name) ? maskEmail(name) : name;
  const digits = /(\d{2,4})\s*$/.exec(name)?.[1];
  return digits ? `••••${digits}` : '';
}

/** A My Account method's destination, masked: its number or its address. */
export function maskedDestination(method: AuthenticationMethod): string {
  if (method.phone_number) return maskPhone(method.phone_number);
  if (method.email) return maskEmail(method.email);
  return method.name ?? '';
}
