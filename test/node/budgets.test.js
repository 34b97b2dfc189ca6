// Size budgets (gzip): sizes are deterministic, so this is a test; times are not (npm run bench).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BUDGETS, measureSizes, verifyEntryImports } from '../../scripts/sizes.js';

const rows = await measureSizes();

for (const kind of Object.keys(BUDGETS)) {
  test(`every ${kind} output is within its ${(BUDGETS[kind].limit / 1024).toFixed(2)} KiB gzip limit`, () => {
    const outputs = rows.filter((row) => row.kind === kind);
    assert.ok(outputs.length > 0, `no ${kind} output measured: build first`);
    for (const row of outputs) assert.ok(row.gzip <= BUDGETS[kind].limit, `${row.output}: ${row.gzip} bytes gzip`);
  });
}

test('importing only mfa-otp-enroll/verify pulls in no QR encoder', async () => {
  const imports = await verifyEntryImports();
  assert.ok(imports.some((path) => path.includes('verify/mfa-otp-verify.js')), 'the entry was bundled');
  assert.deepEqual(imports.filter((path) => /qrcode|controls\/qr\.js/.test(path)), []);
});

/**
 * What only a QR encoder brings into a minified script: the encoder's own error (the `qrcode`
 * package), the option our `controls/qr.ts` passes it, and the SVG run it traces per module row.
 */
const QR_ENCODER = ['The amount of data is too big to be stored in a QR Code', 'errorCorrectionLevel', 'v1h'];
const script = (name) => readFileSync(new URL(`../../dist/${name}`, import.meta.url), 'utf8');

test('the sign-in script holds no QR encoder (the script with every element does)', () => {
  const everything = script('mfa-otp-enroll.global.js');
  const signIn = script('mfa-otp-verify.global.js');
  for (const marker of QR_ENCODER) assert.ok(everything.includes(marker), `"${marker}" marks the encoder in the script with every element`);
  assert.deepEqual(QR_ENCODER.filter((marker) => signIn.includes(marker)), []);
  assert.ok(signIn.includes('mfa-otp-verify') && !signIn.includes('mfa-authenticators'), 'the sign-in script registers <mfa-otp-verify> only');
});

test('neither script imports code at run time: each is one file', () => {
  for (const name of ['mfa-otp-enroll.global.js', 'mfa-otp-verify.global.js']) {
    assert.doesNotMatch(script(name), /\bimport\s*\(/, `${name} has an import()`);
  }
});
