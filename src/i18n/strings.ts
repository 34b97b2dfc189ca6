import type { MfaErrorCode } from '../core/errors.js';

// Every user-visible string, in English, in sections: what several elements show, and what
// each element shows alone. An element imports only its sections, so a page that uses one
// element downloads no other's words. Other languages are full tables (every section), one
// module each in `src/locales/`, that register themselves; hosts override single entries with
// the `strings` property. `{name}` marks a placeholder that translations keep (and may move).

/** Shown by more than one element: the code input, the recovery-code tools, the errors. */
export const commonStrings = {
  idle: 'Waiting for a sign-in session.',
  copied: 'Copied.',
  copyFailed: 'Couldn’t copy. The text is selected: copy it yourself.',
  codeLabel: 'Enter the {digits}-digit code from your app',
  codeHint: 'A new code appears every {seconds} seconds.',
  submit: 'Verify',
  verifying: 'Verifying…',
  retry: 'Try again',
  retryIn: 'Try again in {seconds} seconds.',
  copyCodes: 'Copy',
  downloadCodes: 'Download',
  printCodes: 'Print',
  recoveryHeading: 'Save your recovery code',
  recoveryIntro: 'It lets you sign in if you lose your phone. It is shown only once: keep it safe.',
  recoveryAck: 'I have saved my recovery code',
  finish: 'Finish',
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
    load_failed: 'Part of this page couldn’t be loaded. Check your connection and try again, or reload the page.',
    timeout: 'The server took too long to answer. Please try again.',
    server: 'The server had a problem. Please try again later.',
    bad_response: 'The server sent an unexpected answer. Please try again later.',
    request_failed: 'The server refused the request.',
    not_enrolled: 'No way to verify it’s you is set up for this account yet.',
    invalid_recovery_code: 'That recovery code isn’t right. Check it and try again: it has 24 letters and digits.',
    insufficient_scope: 'This site isn’t allowed to do that (it lacks the permission {scope}). Please contact the site owner.',
    expired_enrollment: 'This setup expired before it was finished, so nothing changed. Please start again.',
    invalid_destination: 'That number or address can’t get codes. Check it and try again.',
    expired_code: 'That code has expired. Send a new one.',
    push_rejected: 'The request was denied on your phone. Send a new one, or choose another way.',
  } satisfies Record<MfaErrorCode | 'offline' | 'load_failed', string>,
};

/** A code Auth0 sends by text message, voice call or email: shown by every element that sends one. */
export const sentCodeStrings = {
  sentTo: 'We sent a code to {destination}.',
  callingTo: 'We’re calling {destination} to read you a code.',
  sentCodeLabel: 'Enter the {digits}-digit code',
  wrongSentCode: 'Wrong code. Enter the code from the newest message.',
  codeSent: 'Code sent.',
  newCodeSent: 'New code sent. The one before no longer works.',
  resend: 'Send a new code',
  callAgain: 'Call again',
  resendIn: 'Send a new code in {seconds} s',
  callAgainIn: 'Call again in {seconds} s',
  resendAnnounce: 'You can ask for a new code in {seconds} seconds.',
  sending: 'Sending…',
  smsTo: 'Text message to {destination}',
  voiceTo: 'Voice call to {destination}',
  emailTo: 'Email to {destination}',
};

/** `<mfa-otp-enroll>`: setting up the app. */
export const enrollStrings = {
  heading: 'Set up your authenticator app',
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
  done: 'Your authenticator app is set up.',
  chooseHeading: 'Set up two-step verification',
  chooseIntro: 'How would you like to get your sign-in codes?',
  recommended: 'Recommended',
  factorOtp: 'Authenticator app',
  factorOtpHint: 'An app on your phone shows the codes, even offline.',
  factorSms: 'Text message',
  factorSmsHint: 'We text a code to your phone.',
  factorVoice: 'Voice call',
  factorVoiceHint: 'We call your phone and read out a code.',
  factorEmail: 'Email',
  factorEmailHint: 'We email a code to you.',
  chooseAnother: 'Choose another way',
  smsHeading: 'Get codes by text message',
  voiceHeading: 'Get codes by voice call',
  emailHeading: 'Get codes by email',
  countryLabel: 'Country or region',
  countryChoose: 'Choose…',
  phoneLabel: 'Phone number',
  emailLabel: 'Email address',
  sendCode: 'Send code',
  callMe: 'Call me',
  phoneInvalid: 'Enter the whole phone number, with its area code.',
  phoneNeedsCountry: 'Choose a country, or start the number with + and the country code.',
  emailInvalid: 'Enter an email address, like name@example.com.',
  useAnotherNumber: 'Use another number',
  useAnotherEmail: 'Use another address',
  smsDone: 'Text messages are set up.',
  voiceDone: 'Voice calls are set up.',
  emailDone: 'Email codes are set up.',
  factorPush: 'Push notification',
  factorPushHint: 'Approve each sign-in with a tap in the Auth0 Guardian app.',
  pushHeading: 'Set up Auth0 Guardian',
  pushScanStep: 'Scan the QR code with the Auth0 Guardian app.',
  getGuardian: 'Get the Auth0 Guardian app',
  pushWaitingScan: 'Waiting for the Guardian app to confirm…',
  pushDone: 'Push notifications are set up.',
};

/** `<mfa-otp-verify>`: signing in again with the app, or with a recovery code. */
export const verifyStrings = {
  verifyHeading: 'Verify it’s you',
  verifyLoading: 'Preparing sign-in…',
  verifyIntro: 'Open your authenticator app and enter the code it shows for this account.',
  useRecoveryCode: 'Lost your phone? Use a recovery code',
  useCode: 'Use the code from your app instead',
  recoveryCodeLabel: 'Recovery code',
  recoveryCodeHint: 'The 24 letters and digits you saved when you set up your app.',
  newRecoveryHeading: 'Save your new recovery code',
  newRecoveryIntro: 'The code you used no longer works. Use this one next time: it is shown only once.',
  recoveryCodeUsedUpHeading: 'You have no recovery code now',
  recoveryCodeUsedUpIntro:
    'The code you used no longer works, and no new one was issued. Get a new recovery code in your account settings (two-step verification), so that you can still sign in if you lose your phone.',
  continue: 'Continue',
  verified: 'You’re signed in.',
  otherMethods: 'Use another method',
  methodsHeading: 'Choose how to verify',
  appMethod: 'Authenticator app',
  recoveryMethod: 'Recovery code',
  back: 'Back',
  pushSent: 'We sent a notification to your phone. Approve it to sign in.',
  pushWaiting: 'Waiting for you to approve on your phone…',
  pushMethod: 'Notification to the Auth0 Guardian app',
  resendPush: 'Send another notification',
  resendPushIn: 'Send another in {seconds} s',
  usePushCode: 'Enter a code from Guardian instead',
  pushExpired: 'The notification expired. Send a new one.',
};

/** `<mfa-authenticators>`: the account-settings list of the user's sign-in methods. */
export const authenticatorsStrings = {
  manageHeading: 'Two-step verification',
  manageIntro: 'The ways you prove it’s you when you sign in.',
  manageLoading: 'Loading your sign-in methods…',
  manageEmpty: 'No authenticator app yet. Add one to protect your account.',
  methodTotp: 'Authenticator app',
  methodRecoveryCode: 'Recovery code',
  methodPhone: 'Phone',
  methodEmail: 'Email',
  methodPasskey: 'Passkey',
  methodPush: 'Push notifications',
  methodPassword: 'Password',
  methodSecurityKey: 'Security key',
  methodOther: 'Other method',
  addedOn: 'Added {date}',
  removeMethod: 'Remove',
  removeConfirm: 'Remove {name}? You won’t be able to sign in with it any more.',
  removeLastWarning: 'It is your last way to prove it’s you: without it, your password alone signs you in.',
  confirmRemove: 'Yes, remove',
  cancelRemove: 'Keep it',
  methodRemoved: '{name} removed.',
  addApp: 'Add an authenticator app',
  cancelAdd: 'Cancel',
  appAdded: 'Authenticator app added.',
  regenerateCode: 'Get a new recovery code',
  getRecoveryCode: 'Get a recovery code',
  regenerateHeading: 'Save your new recovery code',
  regenerateIntro: 'Your old recovery code stops working when you finish. This one is shown only once: keep it safe.',
  codeRegenerated: 'Your recovery code was replaced.',
  codeAdded: 'Recovery code added.',
  addPhone: 'Add a phone',
  addEmail: 'Add an email address',
  phoneAdded: 'Phone added.',
  emailAdded: 'Email address added.',
  bySms: 'Codes by text message',
  byVoice: 'Codes by voice call',
  addPush: 'Add Auth0 Guardian',
  pushAdded: 'Auth0 Guardian added.',
  removePushWarning: 'This also removes the codes the Guardian app shows for this account.',
};

export type CommonStrings = typeof commonStrings;
export type SentCodeText = typeof sentCodeStrings;
/** What `<mfa-otp-enroll>` shows. */
export type EnrollText = CommonStrings & SentCodeText & typeof enrollStrings;
/** What `<mfa-otp-verify>` shows. */
export type VerifyText = CommonStrings & SentCodeText & typeof verifyStrings;
/** What `<mfa-authenticators>` shows. */
export type AuthenticatorsText = CommonStrings & SentCodeText & typeof authenticatorsStrings;

/** Every string of every element: what a language module provides. */
export type MfaStrings = CommonStrings & SentCodeText & typeof enrollStrings & typeof verifyStrings & typeof authenticatorsStrings;
/** The same table under its first name. */
export type EnrollStrings = MfaStrings;

/** A partial table: what a host overrides; `errors` may be partial too. */
export type MfaStringsOverride = Partial<Omit<MfaStrings, 'errors'>> & {
  errors?: Partial<MfaStrings['errors']>;
};
export type EnrollStringsOverride = MfaStringsOverride;

/** Fills `{name}` placeholders; translations may move them anywhere in the sentence. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
