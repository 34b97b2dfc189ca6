import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/verify/define.js';
import { MfaOtpVerify } from '../../src/verify/define.js';
import { enrolledUser, signInAgain, type EnrolledUser } from './enrolled-user.js';
import { CLIENT_ID, type TestTenant } from './tenant.js';
import type { VerifyEvent } from './verify-core.js';

export interface VerifyWidget {
  readonly el: MfaOtpVerify;
  /** Every event the element fired, in order, caught on a light-DOM ancestor (so they bubble). */
  readonly events: VerifyEvent[];
  readonly user: EnrolledUser;
  /**
   * Resolves once no request of the element is in flight: the code field opens before the
   * challenge is answered, and a test that changes the tenant next must not race it.
   */
  readonly quiet: () => Promise<void>;
}

export interface VerifyOptions {
  /** An enrolled user; a new one by default. */
  user?: EnrolledUser;
  /** The mfa_token; by default a new sign-in of the user. */
  token?: string;
  clientId?: string;
  tokenUrl?: string;
  authenticatorId?: string;
  timeout?: number;
  strings?: MfaOtpVerify['strings'];
  /** Replaces the element's network seam. */
  fetch?: MfaOtpVerify['fetch'];
  /** Where to render it (its fixture wrapper), e.g. `phoneScreen()`; a new div by default. */
  parentNode?: HTMLElement;
}

/** Renders `<mfa-otp-verify>` for an enrolled user signing in again, listening to its events. */
export async function renderVerify(tenant: TestTenant, options: VerifyOptions = {}): Promise<VerifyWidget> {
  const user = options.user ?? (await enrolledUser(tenant));
  const token = options.token ?? (await signInAgain(tenant, user));
  const events: VerifyEvent[] = [];
  const record = (event: Event) => events.push(event as VerifyEvent);
  const network = options.fetch ?? MfaOtpVerify.prototype.fetch;
  let inFlight = 0;
  const counted = async (input: URL, init: RequestInit) => {
    inFlight++;
    try {
      return await network(input, init);
    } finally {
      inFlight--;
    }
  };
  const wrapper = await fixture<HTMLDivElement>(html`
    <div @verified=${record} @verify-error=${record}>
      <mfa-otp-verify
        .domain=${tenant.base}
        .clientId=${options.clientId ?? CLIENT_ID}
        .tokenUrl=${options.tokenUrl ?? ''}
        .authenticatorId=${options.authenticatorId ?? ''}
        .timeout=${options.timeout ?? 30000}
        .strings=${options.strings ?? {}}
        .mfaToken=${token}
        .fetch=${counted}
      ></mfa-otp-verify>
    </div>
  `, { parentNode: options.parentNode });
  const quiet = () => waitUntil(() => inFlight === 0, 'a request of the element never settled', { timeout: 10000, interval: 10 });
  return { el: wrapper.querySelector('mfa-otp-verify')!, events, user, quiet };
}

export * from './verify-core.js';
export type { EnrolledUser };
