// <mfa-otp-verify> against the stand-in tenant: an enrolled user signs in again with the code
// from their app, or with a recovery code, and saves the new one before anything moves on.
// Flows, the element's API (attributes, properties, methods, events) and its parts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MfaOtpVerify, VerifiedDetail, VerifyErrorDetail, VerifyStep } from '../src/verify/define.js';
import { nextCode, signInAgain } from './helpers/enrolled-user.js';
import { addFault, CLIENT_ID, createTenant, mfaToken, requestsTo, untilRequests, userState, type TestTenant } from './helpers/tenant.js';
import {
  errorText,
  holdingRequests,
  isChallenge,
  isGrant,
  isList,
  nextTask,
  recordRequests,
  renderVerify,
  saveNewCodeAndFinish,
  shownNewCode,
  submitRecoveryCode,
  typeInto,
  untilEvent,
  untilStep,
  useRecoveryCode,
  part,
  wrongCodeFor,
  wrongRecoveryCode,
  type VerifyEvent,
} from './helpers/verify.js';

/** The grants the element sent, told apart by their fields (the tenant's log has names only). */
const grants = async (tenant: TestTenant, field: 'otp' | 'recovery_code') =>
  (await requestsTo(tenant, 'POST', '/oauth/token')).filter((request) => request.bodyKeys.includes(field));

/** The id of the user's active authenticator app, as the tenant has it. */
const otpId = async (tenant: TestTenant, email: string) =>
  (await userState(tenant, email)).authenticators.find((a) => a.authenticator_type === 'otp' && a.active)!.id;

/** A seam that lists `decoys` before the user's real authenticators, and records every request. */
function listingDecoys(decoys: object[]) {
  const recorder = recordRequests();
  return {
    sent: recorder.sent,
    async fetch(input: URL, init: RequestInit): Promise<Response> {
      const response = await recorder.fetch(input, init);
      if (!input.pathname.endsWith('/mfa/authenticators') || !response.ok) return response;
      const real = (await response.json()) as object[];
      return new Response(JSON.stringify([...decoys, ...real]), { status: 200, headers: { 'Content-Type': 'application/json' } });
    },
  };
}

describe('sign-in with the authenticator app', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Test Tenant' });
  });

  it('finds the active authenticator, challenges it, and signs in with the code from the app', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    expect(el.getAttribute('step')).to.equal('code');
    // The field opens once the list has answered; the challenge goes out behind it.
    const [challenge] = await untilRequests(tenant, 'POST', '/mfa/challenge');
    expect(challenge!.bodyKeys.sort()).to.deep.equal(['authenticator_id', 'challenge_type', 'client_id', 'mfa_token']);
    expect((await userState(tenant, user.email)).challenges).to.equal(1);
    await expect(el).to.be.accessible();

    typeInto(el, 'code-input', await nextCode(user));
    const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified.method).to.equal('otp');
    expect(verified.accessToken).to.be.a('string').with.length.greaterThan(0);
    expect(verified.tokenType).to.equal('Bearer');
    expect(el.step).to.equal('done');
    expect(el.mfaToken).to.equal('');
  });

  it('opens the code field once the list has answered, keeps what is typed while the challenge is out, and sends the grant after it', async () => {
    const network = holdingRequests();
    const sent = recordRequests(network.fetch);
    network.hold(isChallenge);
    const { el, events, user } = await renderVerify(tenant, { fetch: sent.fetch });
    await untilStep(el, 'code');
    expect(sent.sent.map((request) => request.url.pathname.replace(/^.*\/(mfa|oauth)\//, '$1/'))).to.deep.equal(['mfa/authenticators', 'mfa/challenge']);
    expect(part<HTMLInputElement>(el, 'code-input')!.disabled, 'usable before the challenge is answered').to.equal(false);

    const code = await nextCode(user);
    typeInto(el, 'code-input', code.slice(0, 3));
    await el.updateComplete;
    typeInto(el, 'code-input', code);
    await el.updateComplete;
    expect(el.step).to.equal('verifying');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal(code);
    await nextTask();
    expect(sent.sent.some((request) => isGrant(request.url)), 'no grant before the challenge is answered').to.equal(false);

    network.release();
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('otp');
    expect(sent.sent.filter((request) => isGrant(request.url))).to.have.length(1);
  });

  it('makes the challenge again before the code goes out when a removal stopped it', async () => {
    const network = holdingRequests();
    const sent = recordRequests(network.fetch);
    network.hold(isChallenge);
    const { el, events, user } = await renderVerify(tenant, { fetch: sent.fetch });
    await untilStep(el, 'code');
    const parent = el.parentElement!;
    el.remove();
    await nextTask();
    network.release();
    parent.append(el);
    await untilStep(el, 'code');
    typeInto(el, 'code-input', await nextCode(user));
    await untilEvent(events, 'verified');
    const calls = sent.sent.map((request) => request.url.pathname.replace(/^.*\/(mfa|oauth)\//, '$1/'));
    expect(calls).to.deep.equal(['mfa/authenticators', 'mfa/challenge', 'mfa/challenge', 'oauth/token']);
    expect(events.map((event) => event.type)).to.deep.equal(['verified']);
  });

  it('signs in with a recovery code typed in lower case with dashes, shows the new code, and fires verified only after Finish', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    const typed = user.recoveryCode.toLowerCase().match(/.{4}/g)!.join('-');
    await submitRecoveryCode(el, typed);
    await untilStep(el, 'new-recovery-code');
    const shown = part(el, 'new-recovery-code')!.textContent!.trim();
    expect(shown).to.match(/^[A-Z0-9]{24}$/);
    expect(shown).not.to.equal(user.recoveryCode);
    expect((await userState(tenant, user.email)).recoveryCode).to.equal(shown);
    expect(events.filter((e) => e.type === 'verified')).to.have.length(0);
    expect(part<HTMLButtonElement>(el, 'finish')!.disabled).to.equal(true);

    part<HTMLInputElement>(el, 'recovery-ack')!.click();
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'finish')!.click();
    const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified).to.include({ method: 'recovery-code', hasRecoveryCode: true });
    expect(verified).not.to.have.property('recoveryCode');
    expect(el.step).to.equal('done');
  });

  it('signs in with the last recovery code when Auth0 issues no new one: says so, and verified says the user has none left', async () => {
    const lastCode = await createTenant({ recoveryCodeRotation: false });
    const { el, events, user } = await renderVerify(lastCode);
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'recovery-code-used-up');
    expect(part(el, 'new-recovery-code')).to.equal(null);
    expect(part(el, 'recovery-code-used-up')!.textContent).to.contain('no new one was issued');
    expect(errorText(el)).to.equal('');
    expect(events).to.have.length(0);
    expect((await userState(lastCode, user.email)).recoveryCode).to.equal(null);

    part<HTMLButtonElement>(el, 'finish')!.click();
    const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified).to.include({ method: 'recovery-code', hasRecoveryCode: false, tokenType: 'Bearer' });
    expect(verified.accessToken).to.be.a('string').with.length.greaterThan(0);
    expect(events.map((e) => e.type)).to.deep.equal(['verified']);
    expect(el.step).to.equal('done');
  });

  it('reports not_enrolled for a user without an authenticator', async () => {
    const token = await mfaToken(tenant);
    const { el, events } = await renderVerify(tenant, { token });
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'not_enrolled', step: 'loading', retryable: false });
    expect(el.step).to.equal('error');
  });

  it('reports not_enrolled, challenging nothing, when the only authenticator app was never confirmed', async () => {
    const { newEmail } = await import('./helpers/tenant.js');
    const email = newEmail();
    const token = await mfaToken(tenant, email);
    const associated = await fetch(`${tenant.base}/mfa/associate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ authenticator_types: ['otp'] }),
    });
    expect(associated.status).to.equal(200);
    expect((await userState(tenant, email)).authenticators.map((a) => [a.authenticator_type, a.active])).to.deep.include(['otp', false]);

    const { el, events } = await renderVerify(tenant, { token });
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'not_enrolled', step: 'loading', retryable: false });
    await untilStep(el, 'error');
    expect(errorText(el)).to.contain('No way to verify it’s you is set up');
    expect(part(el, 'retry')).to.equal(null);
    expect(await requestsTo(tenant, 'POST', '/mfa/challenge')).to.have.length(0);
  });

  it('lists with the mfa_token as a bearer, then challenges the active OTP authenticator, passing over the others', async () => {
    const seam = listingDecoys([
      { id: 'totp|dev_unconfirmed', authenticator_type: 'otp', active: false },
      { id: 'recovery-code|dev_code', authenticator_type: 'recovery-code', active: true },
      { id: 'sms|dev_phone', authenticator_type: 'oob', active: true },
    ]);
    const { el, events, user } = await renderVerify(tenant, { fetch: seam.fetch });
    await untilStep(el, 'code');
    const token = seam.sent[0]!.headers.get('Authorization')!.replace(/^Bearer /, '');
    const [list, challenge, ...rest] = seam.sent;
    expect(rest).to.deep.equal([]);
    expect(list!.method).to.equal('GET');
    expect(list!.url.href).to.equal(`${tenant.base}/mfa/authenticators`);
    expect(token).to.have.length.greaterThan(10);
    expect(challenge!.method).to.equal('POST');
    expect(challenge!.url.href).to.equal(`${tenant.base}/mfa/challenge`);
    expect(challenge!.headers.get('Content-Type')).to.equal('application/json');
    expect(challenge!.body).to.deep.equal({
      client_id: CLIENT_ID,
      mfa_token: token,
      challenge_type: 'otp',
      authenticator_id: await otpId(tenant, user.email),
    });
    typeInto(el, 'code-input', await nextCode(user));
    await untilEvent(events, 'verified');
  });

  it('challenges the authenticator that authenticator-id names, not the first active one', async () => {
    const decoy = { id: 'totp|dev_other', authenticator_type: 'otp', active: true };
    // Without it, the first active authenticator app is the one challenged (here, one the tenant doesn't know).
    const unnamed = listingDecoys([decoy]);
    const first = await renderVerify(tenant, { fetch: unnamed.fetch });
    await untilEvent(first.events, 'verify-error');
    expect(unnamed.sent[1]!.body.authenticator_id).to.equal(decoy.id);

    const named = listingDecoys([decoy]);
    const user = first.user;
    const id = await otpId(tenant, user.email);
    const { el, events } = await renderVerify(tenant, { user, authenticatorId: id, fetch: named.fetch });
    await untilStep(el, 'code');
    expect(named.sent[1]!.body.authenticator_id).to.equal(id);
    typeInto(el, 'code-input', await nextCode(user));
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('otp');
  });

  it('reports not_enrolled, naming the id, when authenticator-id matches no active authenticator app', async () => {
    const { el, events, user } = await renderVerify(tenant, { authenticatorId: 'totp|dev_nobody' });
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'not_enrolled', step: 'loading', retryable: false });
    expect(error.description).to.contain('totp|dev_nobody');
    expect(el.step).to.equal('error');
    expect(await requestsTo(tenant, 'POST', '/mfa/challenge')).to.have.length(0);
    // The recovery-code authenticator is no authenticator app either.
    const recoveryId = (await userState(tenant, user.email)).authenticators.find((a) => a.authenticator_type === 'recovery-code')!.id;
    const again = await renderVerify(tenant, { user, authenticatorId: recoveryId });
    expect(((await untilEvent(again.events, 'verify-error')).detail as VerifyErrorDetail).code).to.equal('not_enrolled');
  });

  it('keeps only the digits of what is typed or pasted, and sends the code once it is complete', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    const code = await nextCode(user);
    const input = part<HTMLInputElement>(el, 'code-input')!;
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    typeInto(el, 'code-input', `Code: ${code.slice(0, 3)} ${code.slice(3, 5)}`);
    await el.updateComplete;
    expect(input.value).to.equal(code.slice(0, 5));
    expect(el.step).to.equal('code');
    typeInto(el, 'code-input', `${code.slice(0, 3)}-${code.slice(3)}9`); // a seventh digit is dropped
    expect(el.step).to.equal('verifying');
    await untilEvent(events, 'verified');
    expect(await grants(tenant, 'otp')).to.have.length(2); // the enrollment's, and this one
  });

  it('asks for every digit before sending anything', async () => {
    const { el, events } = await renderVerify(tenant);
    await untilStep(el, 'code');
    typeInto(el, 'code-input', '123');
    part<HTMLButtonElement>(el, 'submit')!.click();
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'incomplete_code', step: 'code', retryable: true });
    await el.updateComplete;
    expect(errorText(el)).to.contain('6 digits');
    expect(el.step).to.equal('code');
    expect(await grants(tenant, 'otp')).to.have.length(1); // the enrollment's only
  });

  it('sends one grant for a double submit (auto-submit, Enter and a double click), with a code and with a recovery code', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    const submitTwice = () => {
      el.shadowRoot!.querySelector('form')!.requestSubmit(); // Enter
      part<HTMLButtonElement>(el, 'submit')!.click();
      part<HTMLButtonElement>(el, 'submit')!.click();
    };
    typeInto(el, 'code-input', await nextCode(user)); // the sixth digit submits by itself
    submitTwice();
    await untilEvent(events, 'verified');
    expect(await grants(tenant, 'otp')).to.have.length(2); // the enrollment's, and one

    const again = await renderVerify(tenant, { user });
    await untilStep(again.el, 'code');
    await useRecoveryCode(again.el);
    typeInto(again.el, 'recovery-input', user.recoveryCode);
    await again.el.updateComplete;
    const submit = part<HTMLButtonElement>(again.el, 'submit')!;
    submit.click();
    again.el.shadowRoot!.querySelector('form')!.requestSubmit();
    submit.click();
    await untilStep(again.el, 'new-recovery-code');
    expect(await grants(tenant, 'recovery_code')).to.have.length(1);
  });

  it('after a wrong code: clears it, explains, marks the field, and the right code then signs in', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    typeInto(el, 'code-input', await wrongCodeFor(user));
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'invalid_code', step: 'verifying', retryable: true, status: 403, description: 'Invalid otp_code.' });
    await untilStep(el, 'code');
    expect(errorText(el)).to.equal(error.message);
    expect(errorText(el)).to.contain('Wrong code');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');
    expect(part(el, 'code-input')!.getAttribute('aria-invalid')).to.equal('true');

    typeInto(el, 'code-input', await nextCode(user));
    await untilEvent(events, 'verified');
    expect(errorText(el)).to.equal('');
  });

  it('refuses a recovery code of the wrong shape without sending it, keeping what was typed', async () => {
    const { el, events } = await renderVerify(tenant);
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    await submitRecoveryCode(el, 'ABCD-EFGH-1234');
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'invalid_recovery_code', step: 'recovery-code', retryable: true });
    await el.updateComplete;
    expect(el.step).to.equal('recovery-code');
    expect(errorText(el)).to.contain('24 letters and digits');
    expect(part<HTMLInputElement>(el, 'recovery-input')!.value).to.equal('ABCD-EFGH-1234');
    expect(part(el, 'recovery-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await grants(tenant, 'recovery_code')).to.have.length(0);
  });

  it('after a recovery code the tenant refuses: keeps it for a fix, and the right one then works', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    const typo = wrongRecoveryCode(user);
    await submitRecoveryCode(el, typo);
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'invalid_recovery_code', step: 'verifying', retryable: true, status: 403 });
    await untilStep(el, 'recovery-code');
    expect(part<HTMLInputElement>(el, 'recovery-input')!.value).to.equal(typo);
    expect(part(el, 'recovery-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(errorText(el)).to.equal(error.message);

    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'new-recovery-code');
    expect(errorText(el)).to.equal('');
  });

  it('spends the recovery code used: the old one is refused next time, and the new one signs in', async () => {
    const first = await renderVerify(tenant);
    const { user } = first;
    await untilStep(first.el, 'code');
    await useRecoveryCode(first.el);
    await submitRecoveryCode(first.el, user.recoveryCode);
    await untilStep(first.el, 'new-recovery-code');
    const replacement = shownNewCode(first.el);
    await saveNewCodeAndFinish(first.el);
    await untilEvent(first.events, 'verified');

    const second = await renderVerify(tenant, { user });
    await untilStep(second.el, 'code');
    await useRecoveryCode(second.el);
    await submitRecoveryCode(second.el, user.recoveryCode);
    const refused = (await untilEvent(second.events, 'verify-error')).detail as VerifyErrorDetail;
    expect(refused).to.include({ code: 'invalid_recovery_code', step: 'verifying' });
    await untilStep(second.el, 'recovery-code');

    await submitRecoveryCode(second.el, replacement);
    await untilStep(second.el, 'new-recovery-code');
    const third = shownNewCode(second.el);
    expect(third).to.match(/^[A-Z0-9]{24}$/);
    expect(third).not.to.equal(replacement);
    expect((await userState(tenant, user.email)).recoveryCode).to.equal(third);
    await saveNewCodeAndFinish(second.el);
    expect(((await untilEvent(second.events, 'verified')).detail as VerifiedDetail).method).to.equal('recovery-code');
  });

  it('keeps the new recovery code on screen through re-renders, moves, a new token and start() until Finish', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'new-recovery-code');
    const code = shownNewCode(el);
    const listed = (await requestsTo(tenant, 'GET', '/mfa/authenticators')).length;
    const stillShown = async (after: string) => {
      await el.updateComplete;
      expect(el.step, after).to.equal('new-recovery-code');
      expect(shownNewCode(el), after).to.equal(code);
      expect(part(el, 'finish'), after).not.to.equal(null);
    };

    // A framework's re-render sets every prop again.
    el.domain = String(el.domain);
    el.clientId = String(el.clientId);
    el.mfaToken = String(el.mfaToken);
    el.authenticatorId = '';
    el.requestUpdate();
    await stillShown('the same props again');

    const parent = el.parentElement!;
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await stillShown('a move in the DOM');
    el.remove();
    await nextTask(); // a real removal, not a move
    parent.append(el);
    await stillShown('removed and put back');
    elsewhere.remove();

    el.mfaToken = await signInAgain(tenant, user);
    await stillShown('a new mfaToken');
    el.start();
    await stillShown('start()');
    part<HTMLInputElement>(el, 'recovery-ack')!.click();
    await el.updateComplete;
    el.mfaToken = await signInAgain(tenant, user);
    await stillShown('a new mfaToken once ticked');
    expect(part<HTMLInputElement>(el, 'recovery-ack')!.checked).to.equal(true);

    expect(await requestsTo(tenant, 'GET', '/mfa/authenticators')).to.have.length(listed);
    expect(events.filter((e) => e.type === 'verified')).to.have.length(0);
    part<HTMLButtonElement>(el, 'finish')!.click();
    const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified.method).to.equal('recovery-code');
    expect(verified.accessToken).to.be.a('string').with.length.greaterThan(0);
    expect(el.step).to.equal('done');
  });

  it('switches to a recovery code and back, each path with its own field', async () => {
    const { el } = await renderVerify(tenant);
    await untilStep(el, 'code');
    typeInto(el, 'code-input', '12');
    await useRecoveryCode(el);
    expect(part(el, 'code-input')).to.equal(null);
    expect(part(el, 'use-recovery-code')).to.equal(null);
    const input = part<HTMLInputElement>(el, 'recovery-input')!;
    expect(input.getAttribute('autocomplete')).to.equal('off');
    expect(input.getAttribute('autocapitalize')).to.equal('characters');
    expect(input.getAttribute('spellcheck')).to.equal('false');
    expect(input.labels![0]!.textContent!.trim()).to.equal('Recovery code');
    typeInto(el, 'recovery-input', 'abcd efgh');
    await el.updateComplete;
    expect(input.value, 'kept as typed').to.equal('abcd efgh');

    part<HTMLButtonElement>(el, 'use-code')!.click();
    await untilStep(el, 'code');
    expect(part(el, 'recovery-input')).to.equal(null);
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');
    await useRecoveryCode(el);
    expect(part<HTMLInputElement>(el, 'recovery-input')!.value).to.equal('');
  });

  it('copies, downloads and prints the new recovery code, and only it', async () => {
    const { el, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'new-recovery-code');
    const code = shownNewCode(el);

    const clipboard = navigator.clipboard;
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void written.push(text) } });
    try {
      part<HTMLButtonElement>(el, 'copy-codes')!.click();
      await waitUntil(() => written.length === 1, 'nothing copied');
      expect(written).to.deep.equal([code]);
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }

    const click = HTMLAnchorElement.prototype.click;
    let download: { name: string; text: Promise<string> } | undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      download = { name: this.download, text: fetch(this.href).then((response) => response.text()) };
    };
    try {
      part<HTMLButtonElement>(el, 'download-codes')!.click();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(download!.name).to.equal(`${location.hostname}-recovery-codes.txt`);
    const lines = (await download!.text).trim().split(/\r\n/);
    expect(lines[0]).to.contain(`Recovery codes for ${location.hostname}`);
    expect(lines.at(-1)).to.equal(code);
    expect(lines.join('\n')).not.to.contain(user.recoveryCode);

    const open = window.open;
    const printed: string[] = [];
    window.open = (() => {
      const doc = document.implementation.createHTMLDocument('');
      return { document: doc, focus() {}, close() {}, print: () => printed.push(doc.body.textContent!) } as unknown as Window;
    }) as typeof window.open;
    try {
      part<HTMLButtonElement>(el, 'print-codes')!.click();
    } finally {
      window.open = open;
    }
    expect(printed).to.have.length(1);
    expect(printed[0]).to.contain(code);
    expect(printed[0]).not.to.contain(user.recoveryCode);
  });

  it('with token-url: lists with the mfa_token, leaves the challenge out, and sends the grants to the site’s backend', async () => {
    const backend = `${tenant.base}/backend/verify`;
    await addFault(tenant, { method: 'POST', path: '/backend/verify', status: 200, body: '{"ok":true}' });
    const { el, events, user } = await renderVerify(tenant, { clientId: '', tokenUrl: backend });
    await untilStep(el, 'code');
    expect(await requestsTo(tenant, 'GET', '/mfa/authenticators')).to.have.length(1);
    expect(await requestsTo(tenant, 'POST', '/mfa/challenge')).to.have.length(0);
    typeInto(el, 'code-input', await nextCode(user));
    expect((await untilEvent(events, 'verified')).detail).to.deep.equal({ method: 'otp' });
    const [otpCall] = await requestsTo(tenant, 'POST', '/backend/verify');
    expect(otpCall!.bodyKeys.sort()).to.deep.equal(['grant_type', 'mfa_token', 'otp']);
    expect(await grants(tenant, 'otp')).to.have.length(1); // the enrollment's: none to Auth0

    // The recovery-code grant too: the backend passes Auth0's new code through.
    const replacement = 'N3WC0DE0FR0MTHEBACKEND00';
    await addFault(tenant, {
      method: 'POST',
      path: '/backend/verify',
      status: 200,
      body: JSON.stringify({ access_token: 'from-backend', recovery_code: replacement }),
    });
    const again = await renderVerify(tenant, { user, clientId: '', tokenUrl: backend });
    await untilStep(again.el, 'code');
    await useRecoveryCode(again.el);
    await submitRecoveryCode(again.el, user.recoveryCode);
    await untilStep(again.el, 'new-recovery-code');
    expect(shownNewCode(again.el)).to.equal(replacement);
    await saveNewCodeAndFinish(again.el);
    expect((await untilEvent(again.events, 'verified')).detail).to.deep.equal({ accessToken: 'from-backend', method: 'recovery-code', hasRecoveryCode: true });
    const recoveryCall = (await requestsTo(tenant, 'POST', '/backend/verify')).at(-1)!;
    expect(recoveryCall.bodyKeys.sort()).to.deep.equal(['grant_type', 'mfa_token', 'recovery_code']);
    expect(await requestsTo(tenant, 'POST', '/mfa/challenge')).to.have.length(0);
  });
});

describe('the element’s API', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('takes its settings as attributes: domain, client-id, authenticator-id, token-url, timeout, theme (reflected)', async () => {
    const { enrolledUser } = await import('./helpers/enrolled-user.js');
    const user = await enrolledUser(tenant);
    const id = (await userState(tenant, user.email)).authenticators.find((a) => a.authenticator_type === 'otp')!.id;
    const el = await fixture<MfaOtpVerify>(html`
      <mfa-otp-verify domain=${tenant.base} client-id=${CLIENT_ID} authenticator-id=${id} timeout="5000" theme="dark"></mfa-otp-verify>
    `);
    expect([el.domain, el.clientId, el.authenticatorId, el.timeout, el.theme]).to.deep.equal([tenant.base, CLIENT_ID, id, 5000, 'dark']);
    expect(el.step).to.equal('idle');
    el.mfaToken = await signInAgain(tenant, user);
    await untilStep(el, 'code');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');

    const viaBackend = await fixture<MfaOtpVerify>(html`<mfa-otp-verify token-url="/backend/verify"></mfa-otp-verify>`);
    expect(viaBackend.tokenUrl).to.equal('/backend/verify');
  });

  it('start() says which settings are missing, restarts with them, and does not revive a finished sign-in', async () => {
    const events: VerifyEvent[] = [];
    const record = (event: Event) => events.push(event as VerifyEvent);
    const wrapper = await fixture<HTMLDivElement>(html`<div @verify-error=${record} @verified=${record}><mfa-otp-verify></mfa-otp-verify></div>`);
    const el = wrapper.firstElementChild as MfaOtpVerify;
    el.start();
    const missing = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(missing).to.include({ code: 'config', step: 'idle', retryable: false });
    expect(missing.message).to.contain('"domain"').and.contain('mfaToken');
    await el.updateComplete;
    expect(el.step).to.equal('error');

    const { enrolledUser } = await import('./helpers/enrolled-user.js');
    const user = await enrolledUser(tenant);
    el.domain = tenant.base;
    el.clientId = CLIENT_ID;
    el.mfaToken = await signInAgain(tenant, user);
    await untilStep(el, 'code');
    await untilRequests(tenant, 'POST', '/mfa/challenge');
    el.start();
    expect(el.step).to.equal('loading');
    await untilStep(el, 'code');
    expect(await requestsTo(tenant, 'GET', '/mfa/authenticators')).to.have.length(2);
    expect(await untilRequests(tenant, 'POST', '/mfa/challenge', 2)).to.have.length(2);

    const token = el.mfaToken;
    typeInto(el, 'code-input', await nextCode(user));
    await untilEvent(events, 'verified');
    el.mfaToken = token; // @lit/react sets every prop again on each render
    await el.updateComplete; // a new sign-in would show 'loading' in this very update
    expect(el.step).to.equal('done');
    expect(await requestsTo(tenant, 'GET', '/mfa/authenticators')).to.have.length(2);
  });

  it('reset() stops a grant in flight and forgets the session; the same token does not start it again, start() does', async () => {
    const network = holdingRequests();
    let grant: { signal: AbortSignal; answer: Promise<unknown> } | undefined;
    const watchGrant = (input: URL, init: RequestInit) => {
      const answer = network.fetch(input, init);
      if (isGrant(input)) grant = { signal: init.signal!, answer: answer.then(async (response) => response.clone().text()).catch(() => undefined) };
      return answer;
    };
    const { el, events, user } = await renderVerify(tenant, { fetch: watchGrant });
    await untilStep(el, 'code');
    const token = el.mfaToken;
    network.hold(isGrant);
    typeInto(el, 'code-input', await nextCode(user));
    expect(el.step).to.equal('verifying');
    await waitUntil(() => grant, 'the grant is sent');
    el.reset();
    expect(grant!.signal.aborted, 'the grant is aborted').to.equal(true);
    network.release();
    await grant!.answer; // aborted: no answer can arrive any more
    await nextTask();
    expect(events).to.deep.equal([]);
    expect(el.step).to.equal('idle');
    expect(el.mfaToken).to.equal('');
    expect(part<HTMLInputElement>(el, 'code-input')!.disabled).to.equal(true);

    el.mfaToken = token;
    await el.updateComplete;
    expect(el.step).to.equal('idle');
    el.start();
    await untilStep(el, 'code');
    expect(await requestsTo(tenant, 'GET', '/mfa/authenticators')).to.have.length(2);
  });

  it('uses the host’s strings over the language’s, errors included', async () => {
    const token = await mfaToken(tenant); // a user without an authenticator app
    const strings = { verifyHeading: 'Two-step check', errors: { not_enrolled: 'Set up an app first.' } };
    const { el, events } = await renderVerify(tenant, { token, strings });
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    await el.updateComplete;
    expect(part(el, 'heading')!.textContent!.trim()).to.equal('Two-step check');
    expect(errorText(el)).to.equal('Set up an app first.');
    expect(error.message).to.equal('Set up an app first.');
  });

  it('fires verify-error and verified bubbling and composed, out of a shadow root', async () => {
    const { enrolledUser } = await import('./helpers/enrolled-user.js');
    const user = await enrolledUser(tenant);
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const heard: Event[] = [];
    for (const type of ['verified', 'verify-error']) outer.addEventListener(type, (event) => heard.push(event));
    const el = document.createElement('mfa-otp-verify');
    outer.attachShadow({ mode: 'open' }).append(el);
    el.start();
    await waitUntil(() => heard.length === 1, 'no verify-error outside the shadow root');
    el.domain = tenant.base;
    el.clientId = CLIENT_ID;
    el.mfaToken = await signInAgain(tenant, user);
    await untilStep(el, 'code');
    typeInto(el, 'code-input', await nextCode(user));
    await waitUntil(() => heard.length === 2, 'no verified outside the shadow root');
    expect(heard.map((event) => [event.type, event.bubbles, event.composed])).to.deep.equal([
      ['verify-error', true, true],
      ['verified', true, true],
    ]);
  });

  it('reflects each step as step="…" and shows the parts of each', async () => {
    const expectParts = (el: MfaOtpVerify, step: VerifyStep, shown: string[], hidden: string[]) => {
      expect(el.getAttribute('step')).to.equal(step);
      for (const name of ['base', 'heading', 'error', ...shown]) expect(part(el, name), `${name} in ${step}`).not.to.equal(null);
      for (const name of hidden) expect(part(el, name), `no ${name} in ${step}`).to.equal(null);
    };
    const codePath = ['form', 'code-input', 'submit', 'use-recovery-code'];
    const recoveryPath = ['form', 'recovery-input', 'submit', 'use-code'];
    const saving = ['new-recovery-code', 'copy-codes', 'download-codes', 'print-codes', 'recovery-ack', 'finish'];

    const idle = await fixture<MfaOtpVerify>(html`<mfa-otp-verify></mfa-otp-verify>`);
    expectParts(idle, 'idle', codePath, ['retry', 'done', ...saving]);
    expect(part<HTMLInputElement>(idle, 'code-input')!.disabled).to.equal(true);

    const network = holdingRequests();
    network.hold(isList);
    await addFault(tenant, { method: 'GET', path: '/mfa/authenticators', status: 503, body: '' });
    const { el, events, user } = await renderVerify(tenant, { fetch: network.fetch });
    expectParts(el, 'loading', codePath, ['retry']);
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    network.release();
    await untilEvent(events, 'verify-error');
    await untilStep(el, 'error');
    expectParts(el, 'error', ['retry'], ['form', 'code-input', ...saving]);
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'code');
    expectParts(el, 'code', codePath, ['retry', 'recovery-input', 'use-code']);

    await useRecoveryCode(el);
    expectParts(el, 'recovery-code', recoveryPath, ['code-input', 'use-recovery-code']);
    network.hold(isGrant);
    await submitRecoveryCode(el, user.recoveryCode);
    await el.updateComplete;
    expectParts(el, 'verifying', recoveryPath, []);
    expect(part(el, 'submit')!.getAttribute('aria-busy')).to.equal('true');
    expect(part<HTMLInputElement>(el, 'recovery-input')!.readOnly).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'use-code')!.disabled).to.equal(true);
    network.release();
    await untilStep(el, 'new-recovery-code');
    expectParts(el, 'new-recovery-code', saving, ['form', 'code-input', 'recovery-input']);
    await saveNewCodeAndFinish(el);
    await untilStep(el, 'done');
    expectParts(el, 'done', ['done'], ['form', ...saving]);
  });
});
