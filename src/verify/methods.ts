import type { SentFactor } from '../core/factors.js';
import type { Authenticator } from '../core/ports.js';
import { maskedName, sentFactorOf } from '../factors/sent-code/names.js';

/** How the user proves it's them: `verified`'s `method`. */
export type VerifyMethod = 'otp' | SentFactor | 'push' | 'recovery-code';

/** The authenticator app; its id is unknown when the list couldn't tell (the challenge then names none). */
export interface AppMethod {
  readonly method: 'otp';
  readonly id: string | undefined;
}

/** A phone (by text or call) or an email that Auth0 sends a code to. */
export interface SentMethod {
  readonly method: SentFactor;
  readonly id: string;
  /** What the user may see of the number or address: masked. */
  readonly destination: string;
}

/** Push to the Auth0 Guardian app: the user approves with a tap. */
export interface PushMethod {
  readonly method: 'push';
  readonly id: string;
}

export interface RecoveryMethod {
  readonly method: 'recovery-code';
}

/** One of the user's ways to sign in, as the element offers them. */
export type Method = AppMethod | SentMethod | PushMethod | RecoveryMethod;

export const RECOVERY: RecoveryMethod = { method: 'recovery-code' };

export const isSent = (method: Method | undefined): method is SentMethod =>
  method?.method === 'sms' || method?.method === 'voice' || method?.method === 'email';

export const isPush = (method: Method | undefined): method is PushMethod => method?.method === 'push';

/**
 * The user's methods from their active authenticators, in the order they are offered and the
 * first one picked: push to Guardian (Auth0 enrolls an app code with it, which is the way in
 * without a tap: "Enter a code from Guardian instead"), the app, phones by text before phones by
 * call, emails. A recovery code comes last, always: Auth0's SDK often leaves its row out, and it
 * is the way in when the phone is lost.
 */
export function methodsOf(authenticators: readonly Authenticator[]): Method[] {
  const active = authenticators.filter((authenticator) => authenticator.active);
  const apps: Method[] = active.filter((authenticator) => authenticator.type === 'otp').map(({ id }) => ({ method: 'otp', id }));
  const sentBy = (factor: SentFactor): Method[] =>
    active.filter((authenticator) => sentFactorOf(authenticator) === factor).map((authenticator) => ({ method: factor, id: authenticator.id, destination: maskedName(authenticator) || '•••' }));
  const pushes: Method[] = active.filter((authenticator) => authenticator.type === 'oob' && authenticator.channel === 'auth0').map(({ id }) => ({ method: 'push', id }));
  return [...pushes, ...apps, ...sentBy('sms'), ...sentBy('voice'), ...sentBy('email'), RECOVERY];
}

/**
 * The method a sign-in starts with: the one `wanted` names, else the first offered. A recovery
 * code alone is not one: it stands in for a lost factor, and a user with nothing else has no
 * factor to sign in with (Auth0 asks them to enroll).
 */
export function firstMethod(methods: readonly Method[], wanted: string): Method | undefined {
  return methods.find((method) => method.method !== 'recovery-code' && (!wanted || method.id === wanted));
}

/** Whether two methods are the same way in (an app is one, whatever its id). */
export function sameMethod(a: Method | undefined, b: Method | undefined): boolean {
  return a !== undefined && b !== undefined && a.method === b.method && (!(isSent(a) || isPush(a)) || a.id === (b as SentMethod | PushMethod).id);
}
