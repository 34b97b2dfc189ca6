/** What the QR encodes, read back from Auth0's `barcode_uri`. */
export interface OtpauthUri {
  /** The URI exactly as the server sent it: the QR and the app link use it unchanged. */
  readonly uri: string;
  readonly issuer: string;
  readonly account: string;
  readonly secret: string;
  readonly algorithm: string;
  readonly digits: number;
  readonly period: number;
}

/** QR version 40 at level M holds 2,331 bytes; a real otpauth URI is ~150. */
export const MAX_URI_LENGTH = 2048;
const BASE32 = /^[A-Z2-7]+=*$/;

/**
 * Accepts only `otpauth://totp/` URIs with a base32 secret. Anything else
 * (another scheme, `javascript:`, `https:`, HOTP, absurd length) is refused:
 * it is never drawn or linked.
 */
export function parseOtpauthUri(uri: string): OtpauthUri | undefined {
  if (uri.length > MAX_URI_LENGTH || !/^otpauth:\/\/totp\//i.test(uri)) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const params = url.searchParams;
  const secret = (params.get('secret') ?? '').toUpperCase();
  if (!BASE32.test(secret)) return undefined;

  const label = safeDecode(url.pathname.replace(/^\/+/, ''));
  const colon = label.indexOf(':');
  const labelIssuer = colon >= 0 ? label.slice(0, colon) : '';
  const account = colon >= 0 ? label.slice(colon + 1) : label;
  const digits = Number(params.get('digits') ?? 6);
  const period = Number(params.get('period') ?? 30);
  if (![6, 7, 8].includes(digits) || !(period > 0 && period <= 300)) return undefined;

  return {
    uri,
    issuer: params.get('issuer') ?? labelIssuer,
    account: account.trim(),
    secret,
    algorithm: (params.get('algorithm') ?? 'SHA1').toUpperCase(),
    digits,
    period,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
