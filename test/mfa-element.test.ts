// The base every element is made on (src/element/mfa-element.ts), on its own: a small element
// around a session the test drives by hand. What it promises every element: tokens kept out of
// attributes, new settings handed over in the update that brought them, the step reflected and
// announced, work suspended on removal (not on a move) and resumed on return, events only while
// on the page, failures reported with their message, and the steps' old names for a page that
// asks for them.
import { expect, fixture, html } from '@open-wc/testing';
import { commonStrings } from '../src/i18n/strings.js';
import { MfaError } from '../src/core/errors.js';
import { defineElement } from '../src/element/define-element.js';
import type { Failure } from '../src/element/error-detail.js';
import { MfaElement } from '../src/element/mfa-element.js';
import type { DrivenSession, SessionSettings } from '../src/element/session.js';
import { nextTask } from './helpers/widget-core.js';

type State = { readonly step: 'idle' | 'loading' | 'asking' | 'done' };

/** A session the test drives: it records what the element asks of it. */
class HandSession implements DrivenSession<State, string> {
  state: State = { step: 'idle' };
  readonly cooldown = { active: false, secondsLeft: 0 };
  readonly calls: string[] = [];
  constructor(private readonly changed: () => void) {}
  configure(settings: SessionSettings<string> | undefined) {
    this.calls.push(`configure ${settings?.key ?? '-'}`);
  }
  restart(settings: SessionSettings<string> | undefined) {
    this.calls.push(`restart ${settings?.key ?? '-'}`);
  }
  reset() {
    this.calls.push('reset');
  }
  suspend() {
    this.calls.push('suspend');
  }
  resume(settings: SessionSettings<string> | undefined) {
    this.calls.push(`resume ${settings?.key ?? '-'}`);
  }
  go(step: State['step']) {
    this.state = { step };
    this.changed();
  }
}

class TestElement extends MfaElement<State, string> {
  static override properties = { token: { attribute: 'test-token' } };
  protected static override readonly english = commonStrings;
  protected static override readonly tokenAttributes = new Set(['test-token']);
  protected static override readonly sessionKeys = ['domain', 'token'];
  protected static override readonly renamedSteps = { asking: 'question' };
  token = '';
  readonly focusMoves: string[] = [];
  readonly session = new HandSession(() => this.requestUpdate());
  protected override sessionSettings() {
    return this.domain && this.token ? { key: `${this.domain} ${this.token}`, connect: () => 'transport' } : undefined;
  }
  protected override announcementFor(_from: State['step'] | undefined, to: State['step']) {
    return to === 'asking' ? 'Answer the question.' : undefined;
  }
  protected override moveFocusAfter(from: State['step'] | undefined, to: State['step']) {
    this.focusMoves.push(`${from ?? '-'} → ${to}`);
  }
  protected override render() {
    return html`${this.announcer.render()}<p>${this.step}</p>`;
  }
  report(failure: Failure<State['step']>) {
    this.emitFailure('verify-error', failure);
  }
}
defineElement('test-mfa-element', TestElement);

const render = () => fixture<TestElement>(html`<test-mfa-element></test-mfa-element>`);

describe('the base of every element', () => {
  it('reads a token attribute into its property and removes it from the DOM', async () => {
    const el = await fixture<TestElement>(html`<test-mfa-element test-token="secret-token"></test-mfa-element>`);
    expect(el.token).to.equal('secret-token');
    expect(el.hasAttribute('test-token')).to.equal(false);
  });

  it('hands the session new settings in the update that brought them, only for the keys that matter', async () => {
    const el = await render();
    el.session.calls.length = 0;
    el.domain = 'tenant.example';
    el.token = 't';
    await el.updateComplete;
    expect(el.session.calls).to.deep.equal(['configure tenant.example t']);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.session.calls, 'a setting that is not a session key hands nothing over').to.have.length(1);
    el.start();
    el.reset();
    expect(el.session.calls.slice(1)).to.deep.equal(['restart tenant.example t', 'reset']);
  });

  it('reflects the step, announces it, and moves focus once it is on screen', async () => {
    const el = await render();
    expect(el.getAttribute('step')).to.equal('idle');
    el.session.go('asking');
    await el.updateComplete;
    expect(el.getAttribute('step')).to.equal('asking');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim()).to.equal('Answer the question.');
    expect(el.focusMoves).to.deep.equal(['- → idle', 'idle → asking']);
  });

  it('suspends its session when removed, not when moved, and resumes it on return', async () => {
    const el = await render();
    el.domain = 'tenant.example';
    el.token = 't';
    await el.updateComplete;
    el.session.calls.length = 0;
    const parent = el.parentElement!;
    const other = document.createElement('div');
    parent.after(other);
    // A move: out and in again in one task (as a framework re-parenting it does, in two steps).
    el.remove();
    other.append(el);
    await nextTask();
    expect(el.session.calls).to.deep.equal(['resume tenant.example t']);
    el.remove();
    await nextTask();
    expect(el.session.calls.at(-1)).to.equal('suspend');
    parent.append(el);
    expect(el.session.calls.at(-1)).to.equal('resume tenant.example t');
    other.remove();
  });

  it('tells the page of a failure with its message, bubbling and composed, and nothing once it has left', async () => {
    const el = await render();
    const heard: CustomEvent[] = [];
    document.addEventListener('verify-error', (event) => heard.push(event as CustomEvent), { once: true });
    el.report({ error: new MfaError('network'), step: 'loading' });
    expect(heard).to.have.length(1);
    expect(heard[0]!.bubbles && heard[0]!.composed).to.equal(true);
    expect(heard[0]!.detail).to.include({ code: 'network', step: 'loading', retryable: true, message: commonStrings.errors.network });
    el.remove();
    const late: Event[] = [];
    el.addEventListener('verify-error', (event) => late.push(event));
    el.report({ error: new MfaError('network'), step: 'loading' });
    expect(late).to.deep.equal([]);
  });

  it('gives the steps their old names for a page that asks (legacyStepNames), and the new ones otherwise', async () => {
    const el = await render();
    el.session.go('asking');
    await el.updateComplete;
    expect([el.step, el.getAttribute('step')]).to.deep.equal(['asking', 'asking']);
    TestElement.legacyStepNames = true;
    try {
      const old = await render();
      old.session.go('asking');
      await old.updateComplete;
      expect([old.step, old.getAttribute('step')]).to.deep.equal(['question', 'question']);
      const heard: CustomEvent[] = [];
      old.addEventListener('verify-error', (event) => heard.push(event as CustomEvent));
      old.report({ error: new MfaError('invalid_code'), step: 'asking' });
      expect(heard[0]!.detail.step).to.equal('question');
      expect(old.focusMoves.at(-1), 'the element itself goes by the new names').to.equal('idle → asking');
    } finally {
      TestElement.legacyStepNames = false;
    }
  });
});
