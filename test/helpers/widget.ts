import { fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { MfaOtpEnroll, type Auth0Like } from '../../src/index.js';
import { CLIENT_ID, mfaToken, newEmail, type TestTenant } from './tenant.js';
import type { WidgetEvent } from './widget-core.js';

export interface Widget {
  readonly el: MfaOtpEnroll;
  /** Every event the widget fired, in order, caught on a light-DOM ancestor (so they bubble). */
  readonly events: WidgetEvent[];
  readonly email: string;
}

export interface WidgetOptions {
  email?: string;
  token?: string;
  clientId?: string;
  tokenUrl?: string;
  timeout?: number;
  useAccessToken?: boolean;
  /** Replaces the element's network seam, e.g. `watchRequests().fetch`. */
  fetch?: MfaOtpEnroll['fetch'];
  /** Where to render it (its fixture wrapper), e.g. `phoneScreen()`; a new div by default. */
  parentNode?: HTMLElement;
  /** What the user may set up (`otp` by default), and the phone and email fields' start. */
  factors?: string;
  defaultCountry?: string;
  knownEmail?: string;
  /** Auth0's SDK (its `mfa` client, with the token as its mfa_token) instead of the element's own requests. */
  auth0?: Auth0Like;
}

/** Renders the widget for a new user of `tenant`, with a real `mfa_token`, listening to its events. */
export async function renderWidget(tenant: TestTenant, options: WidgetOptions = {}): Promise<Widget> {
  const email = options.email ?? newEmail();
  const token = options.token ?? (await mfaToken(tenant, email));
  const events: WidgetEvent[] = [];
  const record = (event: Event) => events.push(event as WidgetEvent);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div @associated=${record} @enrolled=${record} @enroll-error=${record}>
      <mfa-otp-enroll
        .domain=${tenant.base}
        .clientId=${options.clientId ?? CLIENT_ID}
        .tokenUrl=${options.tokenUrl ?? ''}
        .timeout=${options.timeout ?? 30000}
        .mfaToken=${options.useAccessToken ? '' : token}
        .accessToken=${options.useAccessToken ? token : ''}
        .fetch=${options.fetch ?? MfaOtpEnroll.prototype.fetch}
        factors=${options.factors ?? 'otp'}
        default-country=${options.defaultCountry ?? ''}
        .email=${options.knownEmail ?? ''}
        .auth0=${options.auth0}
      ></mfa-otp-enroll>
    </div>
  `, { parentNode: options.parentNode });
  return { el: wrapper.querySelector('mfa-otp-enroll')!, events, email };
}

/**
 * Counts the requests an element sends through its `fetch` seam, the aborts of
 * their signals, and the answers or failures that came back: enough to know
 * that a stale answer can no longer arrive. Holds on to nothing.
 */
export function watchRequests() {
  let whenSettled: (() => void) | undefined;
  const watch = {
    started: 0,
    aborted: 0,
    settled: 0,
    fetch(input: URL, init: RequestInit): Promise<Response> {
      watch.started++;
      init.signal?.addEventListener('abort', () => watch.aborted++, { once: true });
      const answer = globalThis.fetch(input, init);
      const settle = () => {
        watch.settled++;
        if (watch.settled === watch.started) whenSettled?.();
      };
      answer.then(settle, settle);
      return answer;
    },
    /** Resolves once every request sent so far has settled (no timers: the leak test counts them). */
    allSettled(): Promise<void> {
      if (watch.settled === watch.started) return Promise.resolve();
      return new Promise((resolve) => (whenSettled = resolve));
    },
  };
  return watch;
}

export * from './widget-core.js';
