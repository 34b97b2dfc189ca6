import { expect } from '@open-wc/testing';
import { readDomain, readTokenUrl } from '../src/auth0/domain.js';
import { format } from '../src/i18n/strings.js';
import { normalizeCode } from '../src/core/code.js';
import { MAX_URI_LENGTH, parseOtpauthUri } from '../src/core/otpauth.js';
import { hotp, totp } from './helpers/totp.js';

const URI =
  'otpauth://totp/My%20Test%20Tenant:user%40example.com?secret=HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF&issuer=My%20Test%20Tenant&algorithm=SHA1&digits=6&period=30';

describe('normalizeCode', () => {
  it('keeps the digits of a pasted "123 456" or "123-456"', () => {
    expect(normalizeCode('123 456', 6)).to.equal('123456');
    expect(normalizeCode(' 123-456\n', 6)).to.equal('123456');
  });
  it('reads full-width and other scripts’ digits as ASCII', () => {
    expect(normalizeCode('１２３４５６', 6)).to.equal('123456');
    expect(normalizeCode('٠١٢٣٤٥', 6)).to.equal('012345');
    expect(normalizeCode('१२३४५६', 6)).to.equal('123456');
    expect(normalizeCode('𝟗𝟖𝟕𝟔𝟓𝟒', 6)).to.equal('987654');
  });
  it('drops letters and keeps at most the code length', () => {
    expect(normalizeCode('Your code is 654321.', 6)).to.equal('654321');
    expect(normalizeCode('12345678', 6)).to.equal('123456');
    expect(normalizeCode('12345678', 8)).to.equal('12345678');
    expect(normalizeCode('abc', 6)).to.equal('');
  });
});

describe('readDomain', () => {
  it('turns a bare host into an https base URL', () => {
    expect(String((readDomain('tenant.us.auth0.com') as { url: URL }).url)).to.equal('https://tenant.us.auth0.com/');
    expect(String((readDomain(' auth.example.com/ ') as { url: URL }).url)).to.equal('https://auth.example.com/');
  });
  it('keeps a URL with a scheme as given, path prefix included', () => {
    expect(String((readDomain('https://proxy.example.com/auth0') as { url: URL }).url)).to.equal(
      'https://proxy.example.com/auth0/',
    );
    expect(String((readDomain('http://127.0.0.1:3001') as { url: URL }).url)).to.equal('http://127.0.0.1:3001/');
    expect(String((readDomain('http://localhost:8080/t/1/') as { url: URL }).url)).to.equal('http://localhost:8080/t/1/');
  });
  it('refuses plain http to other hosts, credentials, odd schemes and junk', () => {
    for (const bad of [
      'http://tenant.auth0.com',
      'https://user:pw@tenant.auth0.com',
      'javascript:alert(1)',
      'ftp://tenant.auth0.com',
      'tenant auth0 com',
      'user@tenant.auth0.com',
      'https://tenant.auth0.com/?x=1',
    ]) {
      expect(readDomain(bad), bad).to.have.property('problem').that.is.a('string');
    }
  });
});

describe('readTokenUrl', () => {
  it('resolves a path against the page and accepts https', () => {
    expect(String((readTokenUrl('/api/mfa', 'https://app.example.com/account') as { url: URL }).url)).to.equal(
      'https://app.example.com/api/mfa',
    );
  });
  it('refuses http to a non-loopback host', () => {
    expect(readTokenUrl('http://api.example.com/mfa', 'https://app.example.com/')).to.have.property('problem');
  });
});

describe('parseOtpauthUri', () => {
  it('reads Auth0’s barcode_uri', () => {
    const parsed = parseOtpauthUri(URI)!;
    expect(parsed.uri).to.equal(URI);
    expect(parsed.issuer).to.equal('My Test Tenant');
    expect(parsed.account).to.equal('user@example.com');
    expect(parsed.secret).to.equal('HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF');
    expect([parsed.algorithm, parsed.digits, parsed.period]).to.deep.equal(['SHA1', 6, 30]);
  });
  it('refuses other schemes, HOTP, missing secrets and absurd lengths', () => {
    for (const bad of [
      'javascript:alert(1)//otpauth://totp/x?secret=ABCDEFGHABCDEFGH',
      'https://evil.example/otpauth://totp/x?secret=ABCDEFGHABCDEFGH',
      'otpauth://hotp/x?secret=ABCDEFGHABCDEFGH&counter=1',
      'otpauth://totp/x?issuer=x',
      'otpauth://totp/x?secret=not*base32',
      `otpauth://totp/x?secret=ABCDEFGHABCDEFGH&issuer=${'a'.repeat(MAX_URI_LENGTH)}`,
    ]) {
      expect(parseOtpauthUri(bad), bad).to.equal(undefined);
    }
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('Enter the {digits}-digit code {x}', { digits: 6 })).to.equal('Enter the 6-digit code {x}');
  });
});

describe('test helper: TOTP', () => {
  // RFC 6238 appendix B, SHA1, 8 digits; the key is the ASCII "12345678901234567890".
  const key = new TextEncoder().encode('12345678901234567890');
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [time, code] of vectors) {
    it(`matches RFC 6238 at T=${time}`, async () => {
      expect(await hotp(key, Math.floor(time / 30), 8)).to.equal(code);
    });
  }
  it('computes from a base32 secret', async () => {
    // GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ is base32 of the same key.
    expect(await totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000, 30, 8)).to.equal('94287082');
  });
});
