// The secret, the recovery codes and the tokens stay inside the widget: not in the light DOM,
// attributes, console, storage or URLs. Server text is always text.
import { expect } from '@open-wc/testing';
import type { EnrollErrorDetail } from '../src/events.js';
import { addFault, createTenant, mfaToken, type TestTenant } from './helpers/tenant.js';
import { currentCode, part, renderWidget, saveCodesAndFinish, shownSecret, typeCode, untilEvent, untilStep } from './helpers/widget.js';

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b onclick=alert(1)>x</b>`;

/** Everything the page could leak through, as text. */
function leakSurface(): string {
  return [
    document.documentElement.outerHTML, // light DOM and every attribute (shadow roots are not included)
    location.href,
    document.cookie,
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
    ...performance.getEntriesByType('resource').map((entry) => entry.name),
  ].join('\n');
}

describe('secrets', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('keeps the secret, recovery codes and tokens out of the light DOM, attributes, console, storage and URLs', async () => {
    const logged: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const originals = methods.map((method) => console[method]);
    methods.forEach((method) => {
      console[method] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    });
    try {
      const token = await mfaToken(tenant);
      const { el, events } = await renderWidget(tenant, { token });
      await untilStep(el, 'scan');
      const secret = shownSecret(el);
      expect(leakSurface()).not.to.contain(secret);
      typeCode(el, await currentCode(el));
      await untilStep(el, 'recovery');
      const recovery = part(el, 'recovery-codes')!.textContent!.trim();
      expect(recovery).to.match(/^[A-Z0-9]{24}$/);
      expect(leakSurface()).not.to.contain(recovery);
      await saveCodesAndFinish(el);
      const enrolled = await untilEvent(events, 'enrolled');
      const { accessToken, idToken } = enrolled.detail as { accessToken: string; idToken: string };

      const surface = leakSurface() + '\n' + logged.join('\n');
      for (const [name, value] of Object.entries({ secret, recovery, token, accessToken, idToken })) {
        expect(surface.includes(value), `${name} leaked`).to.equal(false);
      }
      for (const attribute of el.getAttributeNames()) expect(attribute).not.to.match(/token|secret/);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
      expect(logged).to.deep.equal([]);
    } finally {
      methods.forEach((method, index) => {
        console[method] = originals[index]!;
      });
    }
  });

  it('renders hostile server text as text on the associate path', async () => {
    await addFault(tenant, {
      method: 'POST',
      path: '/mfa/associate',
      status: 400,
      body: JSON.stringify({ error: HOSTILE, error_description: HOSTILE }),
    });
    const { el, events } = await renderWidget(tenant);
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'request_failed', description: HOSTILE });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('renders hostile text inside the barcode label and issuer as text', async () => {
    const issuer = encodeURIComponent(HOSTILE);
    const secret = 'HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF';
    await addFault(tenant, {
      method: 'POST',
      path: '/mfa/associate',
      status: 200,
      body: JSON.stringify({
        secret,
        barcode_uri: `otpauth://totp/${issuer}:${issuer}?secret=${secret}&issuer=${issuer}`,
        recovery_codes: [HOSTILE],
      }),
    });
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    expect(part(el, 'manual')!.textContent).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('keeps a long server description short', async () => {
    await addFault(tenant, {
      method: 'POST',
      path: '/mfa/associate',
      status: 400,
      body: JSON.stringify({ error: 'invalid_request', error_description: 'x'.repeat(50_000) }),
    });
    const { events } = await renderWidget(tenant);
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail.description!.length).to.be.at.most(300);
    expect(detail.message.length).to.be.below(400);
  });
});
