// Secrets of push with Guardian: the enrollment's oob_code, the QR's enrollment_tx_id and the
// tokens stay out of attributes, markup, the console, storage and request URLs, and out of the
// events; watched at the fetch seam, each request carries the oob_code only in its body.
import { expect } from '@open-wc/testing';
import { PUSH_POLL } from '../src/factors/push/push-poller.js';
import { untilEvent, untilStep } from './helpers/element-core.js';
import { answerPush, pushUser, scanFor } from './helpers/guardian.js';
import { captureConsole, leakSurface } from './helpers/leaks.js';
import { createTenant, type TestTenant } from './helpers/tenant.js';
import { renderVerify } from './helpers/verify.js';
import { renderWidget, watchRequests } from './helpers/widget.js';

const TIMES = { ...PUSH_POLL };

describe('secrets of push with Guardian', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    Object.assign(PUSH_POLL, { intervalMs: 100 });
    tenant = await createTenant({ pushPollIntervalMs: 0 });
  });
  afterEach(() => Object.assign(PUSH_POLL, TIMES));

  it('setting up: no oob_code or enrollment id outside the request bodies; the events carry none', async () => {
    const { logged, restore } = captureConsole();
    try {
      const bodies: string[] = [];
      const requests = watchRequests();
      const seam = (input: URL, init: RequestInit) => {
        if (typeof init.body === 'string' || init.body instanceof URLSearchParams) bodies.push(String(init.body));
        return requests.fetch(input, init);
      };
      const { el, events, email } = await renderWidget(tenant, { factors: 'push', fetch: seam });
      await untilStep(el, 'push-scan');
      await untilEvent(events, 'associated');
      await new Promise((resolve) => setTimeout(resolve, 3 * PUSH_POLL.intervalMs));
      const oobCode = bodies.map((body) => new URLSearchParams(body).get('oob_code')).find(Boolean);
      expect(oobCode, 'the polls send the oob_code in their body').to.be.a('string').and.not.equal('');
      const qrLink = el.shadowRoot!.querySelector('[part~=qr]')!;
      expect(qrLink.outerHTML, 'the QR is drawn, not linked').not.to.contain('otpauth:');
      await scanFor(tenant, email);
      await untilStep(el, 'new-recovery-code');
      const surface = `${leakSurface()}\n${logged.join('\n')}\n${JSON.stringify(events.map((event) => (event as CustomEvent).detail))}`;
      expect(surface).not.to.contain(oobCode!);
      expect(surface).not.to.contain('enrollment_tx_id');
      expect(el.shadowRoot!.innerHTML, 'not in the element either').not.to.contain(oobCode!);
    } finally {
      restore();
    }
  });

  it('signing in: no oob_code anywhere on the page, in the console or the verified event', async () => {
    const { logged, restore } = captureConsole();
    try {
      const user = await pushUser(tenant);
      const bodies: string[] = [];
      const seam = (input: URL, init: RequestInit) => {
        if (init.body) bodies.push(String(init.body));
        return fetch(input, init);
      };
      const { el, events } = await renderVerify(tenant, { user: { ...user }, fetch: seam });
      await untilStep(el, 'push-sent');
      await answerPush(tenant, user.email, 'approve');
      await untilStep(el, 'done');
      const oobCode = bodies.map((body) => new URLSearchParams(body).get('oob_code')).find(Boolean);
      expect(oobCode).to.be.a('string');
      const surface = `${leakSurface()}\n${logged.join('\n')}\n${el.shadowRoot!.innerHTML}`;
      expect(surface).not.to.contain(oobCode!);
      expect(JSON.stringify((events.find((event) => event.type === 'verified') as CustomEvent).detail)).not.to.contain(oobCode!);
    } finally {
      restore();
    }
  });
});
