// Property-based tests (fast-check): whatever people type and servers send,
// the widget normalises or refuses predictably and never throws.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { readDomain, readTokenUrl } from '../src/auth0/domain.js';
import { MfaError } from '../src/core/errors.js';
import { MfaEnrollClient } from '../src/auth0/mfa-enroll-api.js';
import { MfaSignInClient } from '../src/auth0/mfa-sign-in-api.js';
import { normalizeCode } from '../src/core/code.js';
import { normalizeRecoveryCode } from '../src/core/recovery-code.js';
import { enrolledUser, signInAgain } from './helpers/enrolled-user.js';
import { addFault, createTenant, mfaToken } from './helpers/tenant.js';
import { renderVerify, untilStep, typeInto as typeIntoVerify, useRecoveryCode, part } from './helpers/verify.js';
import { renderWidget, typeCode } from './helpers/widget.js';

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

/** What people group a recovery code with: spaces of every kind, line breaks, dashes. */
const SEPARATOR = /[\s\-‐‑‒–—―−]/u;
const separators = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '-', '‐', '‑', '‒', '–', '—', '―', '−', '－', ' - ');
/** A valid recovery code, and the same code as someone might type or paste it. */
const decoratedCode = fc
  .tuple(
    fc.stringMatching(/^[A-Z0-9]{24}$/),
    fc.array(fc.constantFrom('upper', 'lower', 'full-width'), { minLength: 24, maxLength: 24 }),
    fc.array(fc.option(separators, { nil: '' }), { minLength: 25, maxLength: 25 }),
  )
  .map(([code, cases, gaps]) => {
    const typed = [...code].map((char, i) => {
      if (cases[i] === 'lower') return char.toLowerCase();
      if (cases[i] === 'full-width') return String.fromCodePoint(char.codePointAt(0)! + 0xfee0);
      return char;
    });
    return { code, typed: gaps[0] + typed.map((char, i) => char + gaps[i + 1]).join('') };
  });
/** Text that is hard to normalise: other scripts' letters, combining marks, ligatures, case oddities. */
const trickyText = fc
  .array(
    fc.constantFrom('a', 'Z', '0', '9', 'é', 'e', 'ß', 'ı', 'İ', 'ﬀ', 'ǅ', 'ǰ', 'ΐ', 'ΰ', 'Σ', 'ς', 'ª', '½', 'Ａ', 'ｚ', '９',
      '\u0301', '\u0307', '\u0308', '\u030c', '\u200b', '\ufeff', '😀', ' ', '-', '–', '\u3000', '\n'),
    { maxLength: 40 },
  )
  .map((chars) => chars.join(''));
const anyRecoveryText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'binary', minLength: 60, maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  trickyText,
  decoratedCode.map(({ typed }) => typed),
);

describe('fuzz: the recovery-code input', () => {
  it('keeps no separator and no lower-case letter, and at most 64 characters, of any text', () => {
    fc.assert(
      fc.property(anyRecoveryText, (text) => {
        const code = normalizeRecoveryCode(text);
        expect(code).not.to.match(SEPARATOR);
        expect(code).not.to.match(/[a-z]/);
        expect(code.length).to.be.at.most(64);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps exactly the letters and digits of ASCII text, upper-cased', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 \t-]{0,60}$/), (text) => {
        expect(normalizeRecoveryCode(text)).to.equal(text.replace(/[^A-Za-z0-9]/g, '').toUpperCase());
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent: a normalised code normalises to itself', () => {
    fc.assert(
      fc.property(anyRecoveryText, (text) => {
        const code = normalizeRecoveryCode(text);
        expect(normalizeRecoveryCode(code), JSON.stringify(text)).to.equal(code);
      }),
      { numRuns: 3000 },
    );
  });

  it('turns a valid code, however spaced, dashed, cased or full-width, back into itself', () => {
    fc.assert(
      fc.property(decoratedCode, ({ code, typed }) => {
        expect(normalizeRecoveryCode(typed), JSON.stringify(typed)).to.equal(code);
      }),
      { numRuns: 2000 },
    );
  });

  it('through the real input never sends anything but 24 upper-case letters and digits', async () => {
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    const token = await signInAgain(tenant, user);
    const sent: string[] = [];
    const recordGrants = (input: URL, init: RequestInit) => {
      if (init.body instanceof URLSearchParams && init.body.has('recovery_code')) sent.push(init.body.get('recovery_code')!);
      return globalThis.fetch(input, init);
    };
    const { el } = await renderVerify(tenant, { user, token, fetch: recordGrants });
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    // Nothing succeeds: every recovery code that reaches the tenant is refused.
    await addFault(tenant, {
      method: 'POST',
      path: '/oauth/token',
      status: 403,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid recovery code.' }),
      times: 1000,
    });
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(anyRecoveryText, async (text) => {
        typeIntoVerify(el, 'recovery-input', text);
        await el.updateComplete;
        // What the field holds (a text input drops line breaks, the element keeps 100 characters) is what counts.
        if (/^[A-Z0-9]{24}$/.test(normalizeRecoveryCode(part<HTMLInputElement>(el, 'recovery-input')!.value))) valid++;
        part<HTMLButtonElement>(el, 'submit')!.click();
        await untilStep(el, 'recovery-code');
        expect(part(el, 'new-recovery-code')).to.equal(null);
      }),
      { numRuns: 150 },
    );
    console.log(`fuzz: 150 typed or pasted recovery codes (${valid} well-formed) sent ${sent.length} grants`);
    expect(sent.length).to.be.greaterThan(0);
    expect(sent.length).to.equal(valid);
    for (const code of sent) expect(code).to.match(/^[A-Z0-9]{24}$/);
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
      bearer: 'token',
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

  /** A sign-in client whose requests all get this answer. */
  const signingIn = (status: number, body: string, viaBackend = false) =>
    new MfaSignInClient({
      domain: 't.example',
      clientId: 'c',
      bearer: 'token',
      tokenUrl: viaBackend ? 'https://site.example/verify' : '',
      timeout: 5000,
      fetch: async () => new Response(status === 204 || status === 205 || status === 304 ? null : body, { status }),
    });
  const lists = fc.oneof(
    bodies,
    fc
      .array(
        fc.record(
          {
            id: fc.oneof(fc.string(), fc.anything()),
            authenticator_type: fc.oneof(fc.constantFrom('otp', 'recovery-code', 'oob'), fc.anything()),
            active: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 120 },
      )
      .map((value) => JSON.stringify(value)),
  );

  it('turns any answer to the authenticators list into authenticators or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(lists, statuses, async (body, status) => {
        try {
          const authenticators = await signingIn(status, body).listAuthenticators(signal);
          for (const { id, type, active } of authenticators) {
            expect(id).to.be.a('string');
            expect(type).to.be.a('string');
            expect(active).to.be.a('boolean');
          }
        } catch (error) {
          expect(error).to.be.instanceOf(MfaError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('turns any answer to a recovery code into tokens (with a new code when one is usable), or a typed error', async () => {
    const grants = fc.oneof(
      bodies,
      fc
        .record(
          {
            access_token: fc.oneof(fc.string(), fc.anything()),
            recovery_code: fc.oneof(fc.string(), fc.string({ minLength: 90, maxLength: 120 }), fc.anything()),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value) ?? ''),
    );
    await fc.assert(
      fc.asyncProperty(grants, statuses, fc.boolean(), async (body, status, viaBackend) => {
        try {
          const { tokens, recoveryCode } = await signingIn(status, body, viaBackend).verifyRecoveryCode('ABCDEFGHIJKLMNOPQRSTUVWX', signal);
          if (recoveryCode !== undefined) expect(recoveryCode).to.be.a('string').with.length.within(1, 100);
          if (!viaBackend) expect(tokens.accessToken).to.be.a('string');
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
