import type { EnrollErrorCode } from './events.js';

/** Every user-visible string. Hosts can override single entries with the `strings` property. */
export const en = {
  heading: 'Set up your authenticator app',
  loading: 'Preparing your authenticator setup…',
  idle: 'Waiting for a sign-in session to start the setup.',
  scanStep: 'Scan this QR code with your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).',
  qrLabel: 'QR code. Scan it with your authenticator app.',
  openInApp: 'Open in authenticator app (on this device)',
  cantScan: 'Can’t scan? Enter this key in your app instead:',
  secretLabel: 'Setup key',
  copyKey: 'Copy key',
  copied: 'Copied.',
  copyFailed: 'Couldn’t copy automatically. The text is selected: copy it with your keyboard or menu.',
  codeLabel: 'Enter the {digits}-digit code from your app',
  codeHint: 'The code changes every 30 seconds.',
  submit: 'Verify code',
  verifying: 'Verifying…',
  retry: 'Try again',
  recoveryHeading: 'Save your recovery code',
  recoveryIntro: 'If you lose your phone, this code lets you sign in. It is shown only once: store it somewhere safe, such as a password manager.',
  recoveryCodesLabel: 'Recovery codes',
  copyCodes: 'Copy',
  downloadCodes: 'Download .txt',
  recoveryAck: 'I have saved my recovery code',
  finish: 'Finish',
  done: 'Your authenticator app is set up.',
  recoveryFileIntro: 'Recovery codes. Each code can be used once to sign in if you lose your authenticator app.',
  errors: {
    config: 'This sign-in widget is not set up correctly.',
    invalid_token: 'Your sign-in session is not valid. Please sign in again.',
    expired_token: 'Your sign-in session has expired. Please sign in again.',
    already_enrolled: 'An authenticator is already set up for this account.',
    invalid_code: 'That code didn’t work. Enter the newest code from your app. If it keeps failing, check that your phone’s clock is set automatically.',
    incomplete_code: 'Enter all {digits} digits of the code from your app.',
    rate_limited: 'Too many attempts. Please wait a few minutes, then try again.',
    grant_not_allowed: 'This site can’t confirm authenticator apps yet: the site owner must enable the MFA grant for its Auth0 application.',
    network: 'Couldn’t reach the sign-in service. Check your connection and try again. (Site owner: is this page’s origin in Auth0’s Allowed Web Origins?)',
    offline: 'You appear to be offline. Reconnect, then try again.',
    timeout: 'The sign-in service took too long to answer. Please try again.',
    server: 'The sign-in service had a problem. Please try again in a moment.',
    bad_response: 'The sign-in service sent an unexpected answer. Please try again later.',
    request_failed: 'The sign-in service refused the request.',
  } satisfies Record<EnrollErrorCode | 'offline', string>,
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
