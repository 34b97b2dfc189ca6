// Property-based tests (fast-check): whatever people type and servers send,
// the widget normalises or refuses predictably and never throws.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { readDomain, readTokenUrl } from '../src/auth0/domain.js';
import { MfaError } from '../src/auth0/errors.js';
import { MfaEnrollClient } from '../src/auth0/mfa-enroll-api.js';
import { normalizeCode } from '../src/shared/otp-input.js';
import { addFault, createTenant, mfaToken } from './helpers/tenant.js';
import { part, renderWidget, typeCode, untilStep } from './helpers/widget.js';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[\d\s\-.]{0,20}$/),
  fc.array(fc.constantFrom('1', '２', '٣', '४', '๕', '𝟔', ' ', '-', 'a', '\u200b', '\n'), { maxLength: 20 }).map((parts) => parts.join('')),
);

describe('fuzz: the code input', () => {
  it('normalizes any text to at most 6 ASCII digits', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const code = normalizeCode(text, 6);
        expect(code).to.match(/^[0-9]{0,6}$/);
        expect(normalizeCode(code, 6)).to.equal(code);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps exactly the digits of text made of ASCII digits and separators', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 -]{0,30}$/), (text) => {
        expect(normalizeCode(text, 6)).to.equal(text.replace(/[^0-9]/g, '').slice(0, 6));
      }),
      { numRuns: 1000 },
    );
  });

  it('copes with 10,000-character pastes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 10_000, maxLength: 10_000 }), (text) => {
        expect(normalizeCode(text, 6)).to.match(/^[0-9]{0,6}$/);
      }),
      { numRuns: 20 },
    );
  });

  it('through the real input never sends anything but 6 ASCII digits', async () => {
    const tenant = await createTenant();
    const token = await mfaToken(tenant);
    await addFault(tenant, {
      method: 'POST',
      path: '/oauth/token',
      status: 403,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid otp_code.' }),
      times: 1000,
    });
    const sent: string[] = [];
    const fetchAndRecord = (input: URL, init: RequestInit) => {
      sent.push((init.body as URLSearchParams).get('otp')!);
      return globalThis.fetch(input, init);
    };
    const { el } = await renderWidget(tenant, { token });
    await untilStep(el, 'scan');
    el.fetch = fetchAndRecord; // from here on: only the confirms the typing triggers
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        typeCode(el, text);
        await el.updateComplete;
        expect(part<HTMLInputElement>(el, 'code-input')!.value).to.match(/^[0-9]{0,6}$/);
        await untilStep(el, 'scan');
      }),
      { numRuns: 150 },
    );
    console.log(`fuzz: 150 typed or pasted inputs sent ${sent.length} confirm requests`);
    expect(sent.length).to.be.greaterThan(0);
    for (const otp of sent) expect(otp).to.match(/^[0-9]{6}$/);
  });
});

describe('fuzz: response parsing', () => {
  const bodies = fc.oneof(
    fc.json(),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.record(
      { secret: fc.anything(), barcode_uri: fc.oneof(fc.anything(), fc.webUrl(), fc.constant('otpauth://totp/x?secret=ABCDEFGHABCDEFGH')), recovery_codes: fc.anything() },
      { requiredKeys: [] },
    ).map((value) => JSON.stringify(value) ?? ''),
  );
  const statuses = fc.oneof(fc.constant(200), fc.integer({ min: 200, max: 599 }));
  const signal = new AbortController().signal;
  /** A client whose requests all get this answer; `viaBackend` confirms through a site's token-url. */
  const answering = (status: number, body: string, viaBackend = false) =>
    new MfaEnrollClient({
      domain: 't.example',
      clientId: 'c',
      token: 'token',
      tokenUrl: viaBackend ? 'https://site.example/confirm' : '',
      timeout: 5000,
      fetch: async () => new Response(status === 204 || status === 205 || status === 304 ? null : body, { status }),
    });

  it('turns any answer to associate into an association or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, statuses, async (body, status) => {
        try {
          const result = await answering(status, body).associate(signal);
          expect(result.otpauth.uri).to.match(/^otpauth:\/\/totp\//i);
          expect(result.recoveryCodes).to.be.an('array');
        } catch (error) {
          expect(error).to.be.instanceOf(MfaError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('turns any answer to confirm into tokens or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, statuses, fc.boolean(), async (body, status, viaBackend) => {
        try {
          const tokens = await answering(status, body, viaBackend).verifyOtp('123456', signal);
          expect(tokens).to.be.an('object');
          if (!viaBackend) expect(tokens.accessToken).to.be.a('string');
        } catch (error) {
          expect(error).to.be.instanceOf(MfaError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('fuzz: domain and token-url', () => {
  const host = fc.domain().filter((name) => !/^(localhost|127\.)/i.test(name));

  it('refuses plain http to any non-loopback host', () => {
    fc.assert(
      fc.property(host, fc.webPath(), (name, path) => {
        expect(readDomain(`http://${name}${path}`)).to.have.property('problem');
        expect(readTokenUrl(`http://${name}${path}`, 'https://app.example/')).to.have.property('problem');
      }),
      { numRuns: 500 },
    );
  });

  it('refuses credentials in the URL', () => {
    fc.assert(
      fc.property(host, fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), (name, user, password) => {
        const url = `https://${user}${password ? `:${password}` : ''}@${name}/`;
        expect(readDomain(url)).to.have.property('problem');
        expect(readTokenUrl(url, 'https://app.example/')).to.have.property('problem');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every other scheme', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/).filter((scheme) => scheme !== 'http' && scheme !== 'https'),
        host,
        (scheme, name) => {
          expect(readDomain(`${scheme}://${name}/`)).to.have.property('problem');
          expect(readTokenUrl(`${scheme}://${name}/`, 'https://app.example/')).to.have.property('problem');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts any https host, and bare host names as https', () => {
    fc.assert(
      fc.property(host, (name) => {
        const bare = readDomain(name);
        expect(bare).to.have.property('url');
        expect((bare as { url: URL }).url.protocol).to.equal('https:');
        expect(readDomain(`https://${name}`)).to.have.property('url');
      }),
      { numRuns: 300 },
    );
  });
});
