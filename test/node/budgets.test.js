// Size budgets (gzip): sizes are deterministic, so this is a test; times are not (npm run bench).
import assert from 'node:assert/strict';
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
  assert.deepEqual(imports.filter((path) => /qrcode|shared\/qr\.js/.test(path)), []);
});
