// Unit tests for the stand-in's factor helpers (factors.js: plausible numbers and addresses, the
// MFA API's masks and rows) and its outbox (outbox.js: texts and the per-destination limit).
// Run with `node --test tenant/`.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskEmail, maskPhoneNumber, mfaApiRows, plausibleEmail, plausiblePhoneNumber } from './factors.js';
import { Outbox, messageText } from './outbox.js';

describe('factors.js', () => {
  it('takes E.164 numbers a phone could have, North American ones with ten digits after +1', () => {
    for (const good of ['+15551238730', '+447700900123', '+33612345678', '+8613812345678', '+49123456', '+491234567890123']) {
      assert.equal(plausiblePhoneNumber(good), true, good);
    }
    for (const bad of ['15551238730', '+1555123873', '+155512387301', '+0447700900123', '+4912345', '+4477009001234567', '+44 7700 900123', '+44-7700900123', ' +447700900123', '', null, 447700900123]) {
      assert.equal(plausiblePhoneNumber(bad), false, String(bad));
    }
  });

  it('takes plausible email addresses only', () => {
    for (const good of ['a@b.co', 'first.last+tag@sub.example.com']) assert.equal(plausibleEmail(good), true, good);
    for (const bad of ['a@b', '@b.co', 'a@.co', 'a@b..co', 'a b@c.co', 'a@b.co@d.co', `${'a'.repeat(250)}@b.co`, 42]) assert.equal(plausibleEmail(bad), false, String(bad));
  });

  it('masks as the recorded names show: every digit but the last four; six characters of the local part, the domain after four', () => {
    assert.equal(maskPhoneNumber('+15551238730'), 'XXXXXXXX8730'); // the API contract's example
    assert.equal(maskPhoneNumber('+919876549167'), 'XXXXXXXXX9167'); // a recorded 13-character one
    assert.equal(maskEmail('user@example.com'), '****@exam*******'); // go-auth0's recording
    assert.equal(maskEmail('example123456@gmail.com'), 'example******@gmai*****'); // Auth0.swift's fixture
  });

  it('lists a phone once per channel the tenant delivers by, push without a name, type only when typed', () => {
    const phone = /** @type {const} */ ({ id: 'phone|dev_A', type: 'phone', active: true, phoneNumber: '+15551238730' });
    assert.deepEqual(mfaApiRows(phone, { phoneChannels: ['voice', 'sms'], typed: false }), [
      { id: 'sms|dev_A', authenticator_type: 'oob', active: true, oob_channel: 'sms', name: 'XXXXXXXX8730' },
      { id: 'voice|dev_A', authenticator_type: 'oob', active: true, oob_channel: 'voice', name: 'XXXXXXXX8730' },
    ]);
    assert.deepEqual(mfaApiRows(phone, { phoneChannels: ['voice'], typed: true }), [{ id: 'voice|dev_A', authenticator_type: 'oob', active: true, oob_channel: 'voice', name: 'XXXXXXXX8730', type: 'phone' }]);
    assert.deepEqual(mfaApiRows({ id: 'push|dev_B', type: 'push-notification', active: false }, { phoneChannels: [], typed: true }), [
      { id: 'push|dev_B', authenticator_type: 'oob', active: false, oob_channel: 'auth0', type: 'push-notification' },
    ]);
  });
});

describe('outbox.js', () => {
  it('reads each message as a person would get it', () => {
    assert.equal(messageText('sms', 'enroll', '012345', 'Acme'), '012345 is your verification code for Acme. Please enter this code to verify your enrollment.');
    assert.equal(messageText('email', 'challenge', '012345', 'Acme'), '012345 is your verification code for Acme.');
    assert.equal(messageText('voice', 'challenge', '012345', 'Acme'), 'Your verification code for Acme is 0, 1, 2, 3, 4, 5. Once again: 0, 1, 2, 3, 4, 5.');
  });

  it('counts messages per destination in a sliding window and says how long to wait', () => {
    let now = 1_000_000;
    const box = new Outbox(() => now, () => ({ limit: 3, windowMs: 10_000 }));
    const send = (/** @type {string} */ to) => box.send({ to, channel: 'sms', purpose: 'challenge', code: '123456', tenantName: 'T' });
    send('+15551238730');
    now += 2_000;
    send('+15551238730');
    send('+15551238730');
    assert.equal(box.retryAfterSeconds('+15551238730'), 8);
    assert.equal(box.retryAfterSeconds('+15551230000'), 0);
    now += 7_999;
    assert.equal(box.retryAfterSeconds('+15551238730'), 1);
    now += 1;
    assert.equal(box.retryAfterSeconds('+15551238730'), 0);
    assert.deepEqual(box.list({ to: '+15551238730' }).map((m) => m.time), [2_000, 2_000, 0].map((d) => new Date(1_000_000 + d).toISOString()));
    box.clear();
    assert.deepEqual(box.list(), []);
  });
});
