// Puts each element into each of its states without a tenant, for the gallery page and the
// screenshot tests: each element's network seam (its `fetch`) answers with canned, fixed
// responses, so every QR, key, code and date is the same on every run.
import { AUTHENTICATORS_STATES, showAuthenticatorsState } from './authenticators.ts';
import { ENROLL_STATES, PUSH_STATES, SENT_CODE_STATES, showEnrollState } from './enroll.ts';
import { showVerifyState, VERIFY_STATES } from './verify.ts';

/** One state of one element: a name (also its screenshot's) and how to show it. */
export interface GalleryState {
  readonly name: string;
  readonly show: (container: HTMLElement) => Promise<HTMLElement & { theme: string; updateComplete: Promise<unknown> }>;
}

export const STATES: readonly GalleryState[] = [
  ...ENROLL_STATES.map((name) => ({ name, show: (container: HTMLElement) => showEnrollState(container, name) })),
  ...SENT_CODE_STATES.map((name) => ({ name: `enroll ${name}`, show: (container: HTMLElement) => showEnrollState(container, name) })),
  ...PUSH_STATES.map((name) => ({ name: `enroll ${name}`, show: (container: HTMLElement) => showEnrollState(container, name) })),
  ...VERIFY_STATES.map((name) => ({ name: `sign-in ${name}`, show: (container: HTMLElement) => showVerifyState(container, name) })),
  ...AUTHENTICATORS_STATES.map((name) => ({ name, show: (container: HTMLElement) => showAuthenticatorsState(container, name) })),
];

/** Shows `state` in `container`, with nothing focused: screenshots must not depend on a focus ring. */
export async function showState(container: HTMLElement, state: GalleryState): Promise<HTMLElement> {
  const el = await state.show(container);
  (el.shadowRoot!.activeElement as HTMLElement | null)?.blur();
  await el.updateComplete;
  return el;
}
