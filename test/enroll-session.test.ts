// The enrollment session on its own, without a DOM or a network: a fake transport answers,
// the test reads the state and what the session reported. Each transition has its case here;
// the element's tests then check what the user sees of them.
import { expect } from '@open-wc/testing';
import { MfaError } from '../src/core/errors.js';
import type { Association, EnrollTransport, TokenResponse } from '../src/core/ports.js';
import { EnrollSession, type EnrollSessionEvent, type EnrollSettings } from '../src/enroll/enroll-session.js';
import { parseOtpauthUri } from '../src/core/otpauth.js';
import { OTPAUTH_URI } from './helpers/fixtures.js';

const ASSOCIATION: Association = { otpauth: parseOtpauthUri(OTPAUTH_URI)!, recoveryCodes: ['KX7QM2R9VZ4TPL8WN3HJ5DCY'] };
const TOKENS: TokenResponse = { accessToken: 'access', tokenType: 'Bearer' };

/** A promise the test settles by hand, to hold a call in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A transport whose answers the test queues; it records the calls and their signals. */
class FakeTransport implements EnrollTransport {
  readonly associates: AbortSignal[] = [];
  readonly confirms: { otp: string; signal: AbortSignal }[] = [];
  associateAnswer: () => Promise<Association> = async () => ASSOCIATION;
  confirmAnswer: () => Promise<TokenResponse> = async () => TOKENS;
  associate(signal: AbortSignal) {
    this.associates.push(signal);
    return this.associateAnswer();
  }
  confirm(otp: string, signal: AbortSignal) {
    this.confirms.push({ otp, signal });
    return this.confirmAnswer();
  }
  sendCode(): Promise<never> {
    throw new Error('not used by these tests');
  }
  confirmSentCode(): Promise<never> {
    throw new Error('not used by these tests');
  }
  startPush(): Promise<never> {
    throw new Error('not used by these tests');
  }
  pollPush(): Promise<never> {
    throw new Error('not used by these tests');
  }
}

function setUp() {
  const events: EnrollSessionEvent[] = [];
  const transport = new FakeTransport();
  const session = new EnrollSession({ changed() {}, notify: (event) => events.push(event) });
  const settings = (key = 'tenant\ntoken'): EnrollSettings => ({ key, connect: () => transport });
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  return { events, transport, session, settings, settle };
}

describe('enroll session', () => {
  it('associates once per key, shows the QR, and reports associated', async () => {
    const { session, transport, settings, settle, events } = setUp();
    session.configure(settings());
    expect(session.state.step).to.equal('loading');
    await settle();
    const state = session.state;
    expect(state.step).to.equal('scan');
    if (state.step !== 'scan') return;
    expect(state.association).to.equal(ASSOCIATION);
    expect(state.qr.d).to.match(/^M/);
    expect(events.map((e) => e.type)).to.deep.equal(['associated']);
    session.configure(settings()); // a re-render with the same settings
    expect(transport.associates).to.have.length(1);
  });

  it('sends a complete code once, holds the tokens through the recovery step, and finishes only once saved', async () => {
    const { session, transport, settings, settle, events } = setUp();
    session.configure(settings());
    await settle();
    expect(session.code.input('12 34')).to.equal('1234');
    expect(transport.confirms).to.have.length(0);
    session.code.input('123456');
    expect(session.state.step).to.equal('confirming');
    session.code.submit(); // a second submit while one is in flight
    await settle();
    expect(transport.confirms.map((call) => call.otp)).to.deep.equal(['123456']);
    expect(session.state).to.include({ step: 'new-recovery-code', saved: false });
    session.finish();
    expect(session.state.step, 'Finish before saving does nothing').to.equal('new-recovery-code');
    session.newRecoveryCodes.setSaved(true);
    session.finish();
    expect(session.state.step).to.equal('done');
    expect(events.at(-1)).to.deep.equal({ type: 'enrolled', factor: 'otp', result: TOKENS });
  });

  it('refuses an incomplete code without sending it', async () => {
    const { session, transport, settings, settle, events } = setUp();
    session.configure(settings());
    await settle();
    session.code.input('123');
    session.code.submit();
    expect(transport.confirms).to.have.length(0);
    expect(session.state).to.deep.include({ step: 'scan', code: '123' });
    expect(events.at(-1)).to.deep.include({ type: 'failed' });
  });

  it('after a wrong code keeps the QR and clears the code; after a server error keeps the code', async () => {
    const { session, transport, settings, settle } = setUp();
    session.configure(settings());
    await settle();
    transport.confirmAnswer = () => Promise.reject(new MfaError('invalid_code', { status: 403 }));
    session.code.input('111111');
    await settle();
    expect(session.state).to.deep.include({ step: 'scan', code: '', association: ASSOCIATION });
    transport.confirmAnswer = () => Promise.reject(new MfaError('server', { status: 500 }));
    session.code.input('222222');
    await settle();
    expect(session.state).to.deep.include({ step: 'scan', code: '222222' });
    expect(session.state.step === 'scan' && session.state.failure?.error.code).to.equal('server');
  });

  it('ends in the error step when the token can no longer be used', async () => {
    const { session, transport, settings, settle } = setUp();
    session.configure(settings());
    await settle();
    transport.confirmAnswer = () => Promise.reject(new MfaError('expired_token', { status: 401 }));
    session.code.input('123456');
    await settle();
    expect(session.state.step).to.equal('error');
    expect('association' in session.state).to.equal(false);
  });

  it('waits out a rate limit: nothing is sent until Retry-After passes', async () => {
    const { session, transport, settings, settle } = setUp();
    session.configure(settings());
    await settle();
    transport.confirmAnswer = () => Promise.reject(new MfaError('rate_limited', { status: 429, retryAfter: 30 }));
    session.code.input('123456');
    await settle();
    expect(session.cooldown.active).to.equal(true);
    expect(session.cooldown.secondsLeft).to.be.within(29, 30);
    session.code.input('654321');
    await settle();
    expect(transport.confirms).to.have.length(1);
  });

  it('drops the answer of a superseded associate', async () => {
    const { session, transport, settings, settle, events } = setUp();
    const first = deferred<Association>();
    transport.associateAnswer = () => first.promise;
    session.configure(settings('tenant\nold'));
    await settle(); // the old associate is in flight
    transport.associateAnswer = async () => ASSOCIATION;
    session.configure(settings('tenant\nnew'));
    expect(transport.associates[0]!.aborted).to.equal(true);
    first.resolve({ ...ASSOCIATION, recoveryCodes: [] });
    await settle();
    expect(session.state.step === 'scan' && session.state.association).to.equal(ASSOCIATION);
    expect(events.filter((e) => e.type === 'associated')).to.have.length(1);
  });

  it('suspends a pending associate on removal and starts it again on return', async () => {
    const { session, transport, settings, settle } = setUp();
    transport.associateAnswer = () => new Promise(() => {});
    session.configure(settings());
    await settle(); // the associate is in flight
    session.suspend();
    expect(transport.associates[0]!.aborted).to.equal(true);
    expect(session.state.step).to.equal('idle');
    transport.associateAnswer = async () => ASSOCIATION;
    session.resume(settings());
    await settle();
    expect(transport.associates).to.have.length(2);
    expect(session.state.step).to.equal('scan');
  });

  it('does not start a finished or reset key again, unless restarted', async () => {
    const { session, transport, settings, settle } = setUp();
    session.configure(settings());
    await settle();
    session.reset();
    session.configure(settings());
    expect(session.state.step).to.equal('idle');
    session.restart(settings());
    await settle();
    expect(transport.associates).to.have.length(2);
    expect(session.state.step).to.equal('scan');
  });

  it('turns settings that cannot work into a config failure, sending nothing', async () => {
    const { session, events, settle } = setUp();
    session.configure({
      key: 'k',
      connect: () => {
        throw new MfaError('config', { description: 'Set "client-id".' });
      },
    });
    await settle();
    expect(session.state.step).to.equal('error');
    expect(events.at(-1)).to.deep.include({ type: 'failed' });
    session.restart(undefined);
    const state = session.state;
    expect(state.step === 'error' && state.failure.error.description).to.match(/^Set "mfaToken"/);
  });
});
