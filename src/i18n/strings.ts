import type { MfaErrorCode } from '../auth0/errors.js';

/**
 * Every user-visible string, in English. Other languages live in
 * `src/locales/*.ts`, one module each, that register themselves; hosts can
 * override single entries with the `strings` property. `{name}` marks a
 * placeholder that translations keep (and may move).
 */
export const en = {
  heading: 'Set up your authenticator app',
  idle: 'Waiting for a sign-in session.',
  loading: 'Preparing your setup…',
  scanStep: 'Scan the QR code with your authenticator app.',
  openInApp: 'Open in authenticator app on this device',
  cantScan: 'Can’t scan the code?',
  manualIntro: 'Or add it by hand with these details:',
  secretLabel: 'Setup key',
  account: 'Account',
  issuer: 'Issuer',
  algorithm: 'Algorithm',
  digits: 'Digits',
  period: 'Interval',
  periodValue: '{seconds} seconds',
  copyKey: 'Copy key',
  copied: 'Copied.',
  copyFailed: 'Couldn’t copy. The text is selected: copy it yourself.',
  codeLabel: 'Enter the {digits}-digit code from your app',
  codeHint: 'A new code appears every {seconds} seconds.',
  submit: 'Verify',
  verifying: 'Verifying…',
  retry: 'Try again',
  retryIn: 'Try again in {seconds} seconds.',
  recoveryHeading: 'Save your recovery code',
  recoveryIntro: 'It lets you sign in if you lose your phone. It is shown only once: keep it safe.',
  copyCodes: 'Copy',
  downloadCodes: 'Download',
  printCodes: 'Print',
  recoveryAck: 'I have saved my recovery code',
  finish: 'Finish',
  done: 'Your authenticator app is set up.',
  recoveryFile: 'Recovery codes for {issuer}. Each works once.',
  errors: {
    config: 'This setup is not configured correctly.',
    invalid_token: 'Your session is not valid. Please sign in again.',
    expired_token: 'Your session has expired. Please sign in again.',
    already_enrolled: 'An authenticator is already set up for this account.',
    invalid_code: 'Wrong code. Enter the newest one. If this keeps happening, check that your phone’s clock is set automatically.',
    incomplete_code: 'Enter all {digits} digits of the code.',
    rate_limited: 'Too many attempts. Please wait, then try again.',
    grant_not_allowed: 'This site can’t confirm authenticator apps yet. Please contact the site owner.',
    network: 'Couldn’t reach the server. Check your connection and try again.',
    offline: 'You are offline. Reconnect, then try again.',
    timeout: 'The server took too long to answer. Please try again.',
    server: 'The server had a problem. Please try again later.',
    bad_response: 'The server sent an unexpected answer. Please try again later.',
    request_failed: 'The server refused the request.',
  } satisfies Record<MfaErrorCode | 'offline', string>,
};

export type EnrollStrings = typeof en;

/** A partial table: what a host overrides; `errors` may be partial too. */
export type EnrollStringsOverride = Partial<Omit<EnrollStrings, 'errors'>> & {
  errors?: Partial<EnrollStrings['errors']>;
};

/** Fills `{name}` placeholders; translations may move them anywhere in the sentence. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
