// The base every element's session is made on (src/element/session.ts), on its own: a session of
// a few steps around a fake transport, no DOM, no network. Each rule of the base has its case here;
// the elements' session tests then check their own steps on top of it.
import { expect } from '@open-wc/testing';
import { MfaError } from '../src/core/errors.js';
import type { Failure } from '../src/element/error-detail.js';
import { Session, type FailedEvent, type SessionSettings } from '../src/element/session.js';

type State =
  | { readonly step: 'idle' }
  | { readonly step: 'loading' }
  | { readonly step: 'ready'; readonly transport: string }
  | { readonly step: 'working'; readonly transport: string }
  | { readonly step: 'holding'; readonly failure?: Failure<State['step']> }
  | { readonly step: 'done' }
  | { readonly step: 'error'; readonly failure: Failure<State['step']> };

/** A transport by name, answering `begin` when the test says. */
interface Transport {
  readonly name: string;
  readonly answer: () => Promise<void>;
}

class TestSession extends Session<State, Transport, never> {
  readonly begun: { name: string; signal: AbortSignal }[] = [];

  constructor(readonly events: FailedEvent<State['step']>[]) {
    super(
      { changed() {}, notify: (event) => events.push(event) },
      { idle: { step: 'idle' }, loading: { step: 'loading' }, missingSettings: 'Set "thing" to try it.' },
    );
  }

  protected override async begin(transport: Transport, signal: AbortSignal): Promise<void> {
    this.begun.push({ name: transport.name, signal });
    try {
      await transport.answer();
      if (!signal.aborted) this.enter({ step: 'ready', transport: transport.name });
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'loading');
    }
  }

  protected override interrupted(state: State): State {
    return state.step === 'working' ? { step: 'ready', transport: state.transport } : state;
  }

  protected override holdsOn(): boolean {
    return this.state.step === 'holding';
  }

  protected override afterFailure(failure: Failure<State['step']>): State {
    return this.state.step === 'holding' ? { step: 'holding', failure } : { step: 'error', failure };
  }

  /** A piece of work of the ready step, through the transport of the moment. */
  startWork(): AbortSignal {
    const signal = this.work.next();
    const state = this.state;
    if (state.step === 'ready') this.enter({ step: 'working', transport: state.transport });
    return signal;
  }

  hold(): void {
    this.enter({ step: 'holding' });
  }

  async transportWhileHolding(): Promise<string | undefined> {
    return (await this.carriedTransport())?.name;
  }

  finish(): void {
    this.finishWith({ step: 'done' });
  }

  failWith(error: MfaError): void {
    this.fail(error, this.state.step);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

/** Settings whose transport answers at once, or when `answer` says. */
function settings(key: string, answer: () => Promise<void> = async () => undefined): SessionSettings<Transport> {
  return { key, connect: () => ({ name: key, answer }) };
}

describe('the base of every session', () => {
  it('works on a key once: the same settings again neither start over nor revive; new ones start over', async () => {
    const session = new TestSession([]);
    session.configure(settings('a'));
    expect(session.state.step).to.equal('loading');
    await settle();
    expect(session.state).to.deep.equal({ step: 'ready', transport: 'a' });
    session.configure(settings('a'));
    expect(session.state.step, 'a re-render with the same settings').to.equal('ready');
    await settle();
    expect(session.begun.map((b) => b.name)).to.deep.equal(['a']);
    session.finish();
    session.configure(settings('a'));
    expect(session.state.step, 'a finished session is not revived by its spent key').to.equal('done');
    session.configure(settings('b'));
    await settle();
    expect(session.state).to.deep.equal({ step: 'ready', transport: 'b' });
  });

  it('goes back to idle when the settings go, and aborts what was running', async () => {
    const session = new TestSession([]);
    session.configure(settings('a', () => new Promise(() => undefined)));
    await settle();
    const first = session.begun[0];
    session.configure(undefined);
    expect(session.state.step).to.equal('idle');
    expect(first!.signal.aborted).to.equal(true);
  });

  it('says which settings it lacks, as its own words, when started without them', () => {
    const events: FailedEvent<State['step']>[] = [];
    const session = new TestSession(events);
    session.restart(undefined);
    expect(session.state.step).to.equal('error');
    expect(events[0]!.failure).to.deep.include({ step: 'idle' });
    expect(events[0]!.failure.error).to.include({ code: 'config', description: 'Set "thing" to try it.' });
  });

  it('fails a connection that throws in the idle step, and lets a newer begin drop an older answer', async () => {
    const events: FailedEvent<State['step']>[] = [];
    const session = new TestSession(events);
    session.configure({
      key: 'bad',
      connect: () => {
        throw new MfaError('config', { description: 'no' });
      },
    });
    await settle();
    expect(session.state.step).to.equal('error');
    expect(events.at(-1)!.failure).to.deep.include({ step: 'idle' });

    let late!: () => void;
    session.configure(settings('slow', () => new Promise<void>((resolve) => (late = resolve))));
    await settle();
    session.configure(settings('fast'));
    await settle();
    late();
    await settle();
    expect(session.state, 'the superseded answer is dropped').to.deep.equal({ step: 'ready', transport: 'fast' });
    expect(session.begun[0]!.signal.aborted).to.equal(true);
  });

  it('forgets everything on reset: the same key does not start again, restart does', async () => {
    const session = new TestSession([]);
    session.configure(settings('a'));
    await settle();
    session.reset();
    expect(session.state.step).to.equal('idle');
    session.configure(settings('a'));
    expect(session.state.step).to.equal('idle');
    session.restart(settings('a'));
    await settle();
    expect(session.state).to.deep.equal({ step: 'ready', transport: 'a' });
  });

  it('on removal stops the work: loading starts again on return, any other step goes back to before its request', async () => {
    const session = new TestSession([]);
    session.configure(settings('a', () => new Promise(() => undefined)));
    await settle();
    session.suspend();
    expect(session.state.step).to.equal('idle');
    expect(session.begun[0]!.signal.aborted).to.equal(true);
    session.resume(settings('a'));
    expect(session.state.step, 'started again: nothing had been shown').to.equal('loading');

    const other = new TestSession([]);
    other.configure(settings('b'));
    await settle();
    const signal = other.startWork();
    other.suspend();
    expect(signal.aborted).to.equal(true);
    expect(other.state).to.deep.equal({ step: 'ready', transport: 'b' });
    other.resume(settings('b'));
    expect(other.state, 'the same key carries on where it was').to.deep.equal({ step: 'ready', transport: 'b' });
  });

  it('keeps a step that holds on through new settings, and hands its work their transport once connected', async () => {
    const session = new TestSession([]);
    session.configure(settings('a'));
    await settle();
    session.hold();
    session.configure(settings('b'));
    expect(session.state.step).to.equal('holding');
    expect(await session.transportWhileHolding()).to.equal('b');
    session.configure(undefined);
    session.reset();
    expect(session.state.step).to.equal('idle');
  });

  it('lets the session decide where a failure leads, and waits out a Retry-After', async () => {
    const events: FailedEvent<State['step']>[] = [];
    const session = new TestSession(events);
    session.configure(settings('a'));
    await settle();
    session.hold();
    session.failWith(new MfaError('rate_limited', { retryAfter: 30 }));
    expect(session.state.step, 'the holding step keeps itself').to.equal('holding');
    expect(session.cooldown.active).to.equal(true);
    expect(session.cooldown.secondsLeft).to.be.within(29, 30);
    expect(events.map((event) => event.failure.error.code)).to.deep.equal(['rate_limited']);
    session.cooldown.pause();
  });
});
