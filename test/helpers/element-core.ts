import { waitUntil } from '@open-wc/testing';

// Reading and driving any of the package's elements as a user would: the helpers every element's
// tests share. Imports no element code, so the tests of the built scripts can use them too.

/** What these helpers read of an element: its step, its updates, its shadow root. */
interface Stepped extends Element {
  readonly step: string;
  readonly updateComplete: Promise<unknown>;
}

/** The element's part `name` (`[part~=name]` in its shadow root), if it shows one. */
export function part<T extends Element = HTMLElement>(el: Element, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

/** Every part `name` the element shows. */
export function parts<T extends Element = HTMLElement>(el: Element, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}

/** Waits until the element is at `step`, and that step is rendered. */
export async function untilStep<E extends Stepped>(el: E, step: E['step']): Promise<void> {
  await waitUntil(() => el.step === step, `step stayed ${el.step}, expected ${step}`, { timeout: 10000, interval: 10 });
  await el.updateComplete;
}

/** Waits for the `count`-th event of `type` among those a test recorded, and returns it. */
export async function untilEvent<E extends Event>(events: E[], type: E['type'], count = 1): Promise<E> {
  await waitUntil(() => events.filter((e) => e.type === type).length >= count, `no ${type} event`, { timeout: 10000, interval: 10 });
  return events.filter((e) => e.type === type)[count - 1]!;
}

/** A request as an element's `fetch` seam saw it. */
export interface HeldRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The body, when it is text (JSON); a form is left out. */
  readonly body: string;
}

/**
 * An element `fetch` seam that records every request and holds the ones `hold` names until
 * `release()`, so a test can look at the element while one is in flight without racing a timer.
 */
export function holdingRequests() {
  let holding: ((url: URL, init: RequestInit) => boolean) | undefined;
  const waiting: (() => void)[] = [];
  const sent: HeldRequest[] = [];
  return {
    sent,
    /** Holds every request `match` accepts, from now on. */
    hold(match: (url: URL, init: RequestInit) => boolean): void {
      holding = match;
    },
    /** How many requests are held now. */
    get held(): number {
      return waiting.length;
    },
    /** Lets the held requests go, and holds no more. */
    release(): void {
      holding = undefined;
      waiting.splice(0).forEach((go) => go());
    },
    async fetch(input: URL, init: RequestInit): Promise<Response> {
      sent.push({ method: init.method ?? 'GET', url: new URL(input), headers: new Headers(init.headers), body: typeof init.body === 'string' ? init.body : '' });
      if (holding?.(input, init)) await new Promise<void>((go) => waiting.push(go));
      return globalThis.fetch(input, init);
    },
  };
}
