import { fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { MfaOtpEnroll } from '../../src/index.js';
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
      ></mfa-otp-enroll>
    </div>
  `);
  return { el: wrapper.querySelector('mfa-otp-enroll')!, events, email };
}

export * from './widget-core.js';
