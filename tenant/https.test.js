// Tests for the stand-in's HTTPS listener (Auth0's SDK calls https://{domain} only): a
// certificate made at start for 127.0.0.1, ::1 and localhost, trusted by whoever is given its PEM
// (or, in Chromium, its SPKI hash) and by nobody else; the same tenants on both listeners; issuers,
// DPoP htu and cookies that follow the scheme the client used; the CLI's --https-port. Run with
// `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:https';
import { fileURLToPath } from 'node:url';
import { createCertificate } from './cert.js';
import { startTenant } from './server.js';
import { CLIENT, authorizeUrl, call, dpopKey, dpopProof, loginId, mfaToken, newTenant, pkce } from './testkit.js';

/**
 * A request over HTTPS with node:https, trusting `ca` when given (and only the system's CAs
 * otherwise).
 * @param {string} url
 * @param {{ ca?: string, method?: string, headers?: Record<string, string>, body?: string, servername?: string }} [options]
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string, body: any }>}
 */
function httpsCall(url, { ca, method = 'GET', headers = {}, body, servername } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca, servername, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => {
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A form POST over HTTPS.
 * @param {string} url
 * @param {string} ca
 * @param {Record<string, string>} form
 * @param {Record<string, string>} [headers]
 */
const postForm = (url, ca, form, headers = {}) => httpsCall(url, { ca, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });

describe('cert.js', () => {
  it('makes a self-signed P-256 certificate for the loopback names, valid a few days, with a random serial', () => {
    const now = Date.now();
    const made = createCertificate();
    const cert = new X509Certificate(made.cert);
    assert.equal(cert.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(cert.checkIP('::1'), '::1');
    assert.equal(cert.checkHost('localhost'), 'localhost');
    assert.equal(cert.checkHost('example.com'), undefined);
    assert.ok(cert.verify(cert.publicKey), 'self-signed');
    assert.equal(cert.ca, false);
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.equal(cert.publicKey.asymmetricKeyType, 'ec');
    assert.ok(Date.parse(cert.validFrom) <= now);
    const lifetime = Date.parse(cert.validTo) - now;
    assert.ok(lifetime > 2 * 86400_000 && lifetime <= 3 * 86400_000 + 1000, String(lifetime));
    assert.equal(made.spkiSha256, createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64'));
    assert.match(made.key, /^-----BEGIN PRIVATE KEY-----\n/);
    const again = new X509Certificate(createCertificate().cert);
    assert.notEqual(again.serialNumber, cert.serialNumber);
    assert.notEqual(again.fingerprint256, cert.fingerprint256);
  });

  it('takes other names, and writes dates past 2049 as GeneralizedTime', () => {
    const made = createCertificate({ dnsNames: ['tenant.test', 'localhost'], ips: ['10.0.0.2', 'fe80::1:2'], days: 1, now: Date.UTC(2050, 5, 1) });
    const cert = new X509Certificate(made.cert);
    assert.equal(cert.subjectAltName, 'DNS:tenant.test, DNS:localhost, IP Address:10.0.0.2, IP Address:FE80:0:0:0:0:0:1:2');
    assert.equal(cert.validTo, 'Jun  2 00:00:00 2050 GMT');
    assert.equal(cert.validFrom, 'May 31 23:00:00 2050 GMT');
    assert.throws(() => createCertificate({ ips: ['localhost'] }), /Not an IP address/);
  });
});

describe('startTenant({ https })', () => {
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  /** @type {string} */
  let httpsUrl;
  /** @type {string} */
  let ca;

  before(async () => {
    server = await startTenant({ https: { port: 0 } });
    httpsUrl = /** @type {string} */ (server.httpsUrl);
    ca = /** @type {string} */ (server.certificate?.pem);
  });
  after(() => server.close());

  it('listens on HTTPS too, and exposes the certificate\'s PEM and SPKI hash (no key)', () => {
    assert.match(httpsUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(httpsUrl.split(':')[2], server.url.split(':')[2]);
    assert.deepEqual(Object.keys(server.certificate ?? {}), ['pem', 'spkiSha256']);
    const cert = new X509Certificate(ca);
    assert.equal(server.certificate?.spkiSha256, createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64'));
  });

  it('is trusted with its certificate as CA, under 127.0.0.1 and localhost, and by nobody else', async () => {
    const res = await httpsCall(`${httpsUrl}/.well-known/openid-configuration`, { ca });
    assert.equal(res.status, 200);
    assert.equal(res.body.issuer, `${httpsUrl}/`);
    assert.equal(res.body.token_endpoint, `${httpsUrl}/oauth/token`);
    const local = httpsUrl.replace('127.0.0.1', 'localhost');
    assert.equal((await httpsCall(`${local}/.well-known/openid-configuration`, { ca })).body.issuer, `${local}/`);
    await assert.rejects(httpsCall(`${httpsUrl}/.well-known/jwks.json`), (/** @type {any} */ error) => ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'].includes(error.code));
    const stranger = createCertificate().cert;
    await assert.rejects(httpsCall(`${httpsUrl}/.well-known/jwks.json`, { ca: stranger }));
    await assert.rejects(httpsCall(`${httpsUrl}/.well-known/jwks.json`, { ca, servername: 'example.com' }), (/** @type {any} */ error) => error.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('serves the same tenants on both listeners: an mfa_token from one works on the other', async () => {
    const created = await call(`${server.url}/__control/tenants`, { json: {} });
    assert.equal(created.body.httpsBase, `${httpsUrl}/tenants/${created.body.id}`);
    const token = await mfaToken(created.body.base, 'both@example.com');
    const added = await httpsCall(`${created.body.httpsBase}/mfa/associate`, { ca, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ authenticator_types: ['otp'] }) });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.authenticator_type, 'otp');
  });

  it('signs in over HTTPS: a Secure cookie, https issuer in the tokens, DPoP htu with https', async () => {
    const { base } = await newTenant(server.url);
    const secureBase = base.replace(server.url, httpsUrl);
    const { verifier, challenge } = pkce();
    const page = await httpsCall(authorizeUrl(secureBase, { code_challenge: challenge }), { ca });
    assert.equal(page.status, 200);
    const done = await postForm(`${secureBase}/u/login`, ca, { login: loginId(page.text), email: 'tls@example.com', password: 'demo-password' });
    assert.equal(done.status, 302);
    assert.match(String(done.headers['set-cookie']), /; HttpOnly; SameSite=Lax; Secure$/);
    const code = new URL(String(done.headers.location)).searchParams.get('code') ?? '';
    const key = dpopKey();
    const form = { grant_type: 'authorization_code', client_id: CLIENT, code, code_verifier: verifier, redirect_uri: 'http://localhost:8000/callback' };
    const wrongScheme = await postForm(`${secureBase}/oauth/token`, ca, form, { dpop: dpopProof(key, { htu: `${base}/oauth/token` }) });
    assert.equal(wrongScheme.status, 400);
    assert.equal(wrongScheme.body.error_description, 'The DPoP proof htu does not match the request URL');
    const res = await postForm(`${secureBase}/oauth/token`, ca, form, { dpop: dpopProof(key, { htu: `${secureBase}/oauth/token` }) });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.token_type, 'DPoP');
    const claims = JSON.parse(Buffer.from(res.body.id_token.split('.')[1], 'base64url').toString());
    assert.equal(claims.iss, `${secureBase}/`);
  });

  it('tells its URL and certificate through GET /__control/https (404 without HTTPS)', async () => {
    const res = await call(`${server.url}/__control/https`, { method: 'GET' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { url: httpsUrl, pem: ca, spkiSha256: server.certificate?.spkiSha256 });
    const plain = await startTenant();
    try {
      assert.equal(plain.httpsUrl, undefined);
      assert.equal(plain.certificate, undefined);
      assert.equal((await call(`${plain.url}/__control/https`, { method: 'GET' })).status, 404);
      assert.equal((await call(`${plain.url}/__control/tenants`, { json: {} })).body.httpsBase, undefined);
    } finally {
      await plain.close();
    }
  });

  it('makes a new certificate for each server', async () => {
    const other = await startTenant({ https: {} });
    try {
      assert.notEqual(other.certificate?.spkiSha256, server.certificate?.spkiSha256);
      await assert.rejects(httpsCall(`${other.httpsUrl}/.well-known/jwks.json`, { ca }));
    } finally {
      await other.close();
    }
  });
});

describe('cli.js --https-port', () => {
  it('prints a second line with the HTTPS URL and the SPKI hash', async () => {
    const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--https-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.split('\n').length > 2) resolve(undefined);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    try {
      const match = /^Stand-in tenant listening on (http:\/\/127\.0\.0\.1:\d+)\nStand-in tenant listening on (https:\/\/127\.0\.0\.1:\d+) \(certificate SPKI SHA-256: ([\w+/]{43}=)\)\n$/.exec(out);
      assert.ok(match, out);
      const shown = await call(`${match[1]}/__control/https`, { method: 'GET' });
      assert.equal(shown.body.url, match[2]);
      assert.equal(shown.body.spkiSha256, match[3]);
      assert.equal((await httpsCall(`${match[2]}/.well-known/jwks.json`, { ca: shown.body.pem })).status, 200);
    } finally {
      // Stop it whatever happened above: a live child would hold the test run open.
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
    }
  });

  it('refuses a bad --https-port with status 2', async () => {
    const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--https-port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(err, /Invalid --https-port: abc/);
  });
});
