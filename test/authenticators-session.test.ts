// The account-settings session on its own, without a DOM or a network: a fake transport answers,
// the test reads the state and what the session reported.
import { expect } from '@open-wc/testing';
import { MfaError } from '../src/core/errors.js';
import type { AuthenticationMethod, AuthenticatorsTransport, RecoveryCodeEnrollment } from '../src/core/ports.js';
import { AuthenticatorsSession, isLastFactor, type AuthenticatorsSessionEvent } from '../src/authenticators/authenticators-session.js';

const APP: AuthenticationMethod = { id: 'totp|dev_1', type: 'totp', confirmed: true, created_at: '2026-11-01T10:00:00Z' };
const CODES: AuthenticationMethod = { id: 'recovery-code|dev_2', type: 'recovery-code', confirmed: true };
const PASSWORD: AuthenticationMethod = { id: 'password|x', type: 'password', confirmed: true };
const ENROLLMENT: RecoveryCodeEnrollment = { recoveryCode: 'NEWRECOVERYCODE000000000', location: 'https://t/me/v1/authentication-methods/r', authSession: 's' };

class FakeTransport implements AuthenticatorsTransport {
  methods: AuthenticationMethod[] = [APP, CODES, PASSWORD];
  readonly calls: string[] = [];
  removeAnswer: () => Promise<void> = async () => undefined;
  confirmAnswer: () => Promise<void> = async () => undefined;
  async listMethods() {
    this.calls.push('list');
    return [...this.methods];
  }
  async removeMethod(id: string) {
    this.calls.push(`remove ${id}`);
    await this.removeAnswer();
    this.methods = this.methods.filter((method) => method.id !== id);
  }
  async startRecoveryCode() {
    this.calls.push('start recovery code');
    return ENROLLMENT;
  }
  async confirmRecoveryCode(enrollment: RecoveryCodeEnrollment) {
    this.calls.push(`confirm ${enrollment.recoveryCode}`);
    await this.confirmAnswer();
  }
  async enabledFactors() {
    return undefined;
  }
}

function setUp() {
  const events: AuthenticatorsSessionEvent[] = [];
  const transport = new FakeTransport();
  const session = new AuthenticatorsSession({ changed() {}, notify: (event) => events.push(event) });
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  const open = async () => {
    session.configure({ key: 'k', connect: () => transport });
    await settle();
  };
  return { events, transport, session, settle, open };
}

describe('authenticators session', () => {
  it('loads the list', async () => {
    const { session, open } = setUp();
    await open();
    expect(session.state).to.deep.include({ step: 'list', methods: [APP, CODES, PASSWORD] });
  });

  it('removes only after a confirmation, then shows the list as it is now', async () => {
    const { session, transport, open, settle, events } = setUp();
    await open();
    session.askToRemove(APP);
    expect(session.state).to.deep.include({ step: 'confirm-remove', method: APP });
    expect(transport.calls).to.deep.equal(['list']);
    session.cancel();
    expect(session.state.step).to.equal('list');
    session.askToRemove(APP);
    void session.remove();
    expect(session.state.step).to.equal('removing');
    await settle();
    expect(transport.calls).to.deep.equal(['list', `remove ${APP.id}`, 'list']);
    expect(session.state).to.deep.include({ step: 'list', methods: [CODES, PASSWORD] });
    expect(events).to.deep.equal([{ type: 'removed', method: APP }]);
  });

  it('keeps the confirmation on screen with the reason when the removal is refused', async () => {
    const { session, transport, open, settle } = setUp();
    await open();
    transport.removeAnswer = () => Promise.reject(new MfaError('insufficient_scope', { status: 403, scope: 'delete:me:authentication_methods' }));
    session.askToRemove(APP);
    void session.remove();
    await settle();
    const state = session.state;
    expect(state.step).to.equal('confirm-remove');
    expect(state.step === 'confirm-remove' && state.failure?.error.code).to.equal('insufficient_scope');
  });

  it('knows the last second factor: an app is, a recovery code or a password is not', () => {
    expect(isLastFactor([APP, CODES, PASSWORD], APP)).to.equal(true);
    expect(isLastFactor([APP, CODES, PASSWORD], CODES)).to.equal(false);
    const second: AuthenticationMethod = { ...APP, id: 'totp|dev_3' };
    expect(isLastFactor([APP, second], APP)).to.equal(false);
  });

  it('issues a new recovery code and confirms it only once the user has saved it', async () => {
    const { session, transport, open, settle, events } = setUp();
    await open();
    await session.regenerate();
    expect(session.state).to.deep.include({ step: 'new-recovery-code', enrollment: ENROLLMENT, saved: false });
    await session.finish();
    expect(transport.calls).not.to.include(`confirm ${ENROLLMENT.recoveryCode}`);
    session.newRecoveryCodes.setSaved(true);
    void session.finish();
    await settle();
    expect(transport.calls).to.include(`confirm ${ENROLLMENT.recoveryCode}`);
    expect(session.state.step).to.equal('list');
    expect(events).to.deep.equal([{ type: 'regenerated', replaced: true }]);
  });

  it('a first recovery code (none in the list) is reported as such, not as replacing one', async () => {
    const { session, transport, open, settle, events } = setUp();
    transport.methods = [APP, PASSWORD];
    await open();
    await session.regenerate();
    session.newRecoveryCodes.setSaved(true);
    void session.finish();
    await settle();
    expect(events).to.deep.equal([{ type: 'regenerated', replaced: false }]);
  });

  it('never loses an issued code: new settings wait, a failed confirmation keeps it on screen', async () => {
    const { session, transport, open, settle } = setUp();
    await open();
    await session.regenerate();
    session.configure({ key: 'another token', connect: () => transport });
    session.configure(undefined);
    expect(session.state.step).to.equal('new-recovery-code');
    transport.confirmAnswer = () => Promise.reject(new MfaError('network'));
    session.newRecoveryCodes.setSaved(true);
    void session.finish();
    await settle();
    const state = session.state;
    expect(state.step).to.equal('new-recovery-code');
    expect(state.step === 'new-recovery-code' && state.enrollment.recoveryCode).to.equal(ENROLLMENT.recoveryCode);
  });

  it('shows the list again, with the new app, once the inline enrollment finished', async () => {
    const { session, transport, open, settle, events } = setUp();
    await open();
    session.add('otp');
    expect(session.state.step).to.equal('adding');
    const added: AuthenticationMethod = { id: 'totp|dev_9', type: 'totp', confirmed: true };
    transport.methods = [...transport.methods, added];
    void session.added(added);
    await settle();
    expect(session.state).to.deep.include({ step: 'list' });
    expect(events).to.deep.equal([{ type: 'added', method: added }]);
  });
});
