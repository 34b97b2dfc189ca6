import { expect, waitUntil } from '@open-wc/testing';
import { MfaError } from '../src/core/errors.js';
import { PUSH_POLL, PushPoller, type PushLook } from '../src/factors/push/push-poller.js';

// The polling of a push on its own, with the times shortened: one look at a time, never faster
// than allowed, slower after slow_down and after network failures, none while paused or hidden,
// none after the end. The elements' push tests run it against the stand-in.

const TIMES = { ...PUSH_POLL };
const INTERVAL = 40;

/** A look that answers from `answers` in turn (then `pending`), recording when each began and how many ran at once. */
function looks(answers: (PushLook | Error)[] = [], takesMs = 0) {
  const record = { at: [] as number[], running: 0, mostAtOnce: 0, aborted: 0 };
  const look = async (signal: AbortSignal): Promise<PushLook> => {
    record.at.push(performance.now());
    record.running++;
    record.mostAtOnce = Math.max(record.mostAtOnce, record.running);
    signal.addEventListener('abort', () => record.aborted++, { once: true });
    try {
      if (takesMs) await new Promise((resolve) => setTimeout(resolve, takesMs));
      const answer = answers.shift() ?? 'pending';
      if (answer instanceof Error) throw answer;
      return answer;
    } finally {
      record.running--;
    }
  };
  return { record, look };
}

const gaps = (at: number[]) => at.slice(1).map((time, i) => time - at[i]!);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PushPoller', () => {
  let poller: PushPoller;
  let hidden = false;
  beforeEach(() => {
    Object.assign(PUSH_POLL, { intervalMs: INTERVAL, slowDownStepMs: INTERVAL, maxBackoffMs: 8 * INTERVAL, lifetimeMs: 60_000 });
    poller = new PushPoller();
    hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  });
  afterEach(() => {
    poller.stop();
    Object.assign(PUSH_POLL, TIMES);
    delete (document as { hidden?: boolean }).hidden;
  });

  const setHidden = (value: boolean) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };

  it('looks one request at a time, the first after an interval, and not after the approval', async () => {
    const { record, look } = looks(['pending', 'pending', 'approved'], 2 * INTERVAL);
    const started = performance.now();
    poller.start({ look, expired: () => expect.fail('expired'), failed: (error) => expect.fail(String(error)) });
    await waitUntil(() => !poller.active, 'the approval ends it', { timeout: 3000 });
    expect(record.at).to.have.length(3);
    expect(record.at[0]! - started).to.be.at.least(INTERVAL - 2);
    expect(record.mostAtOnce, 'a slow answer is waited for, not overtaken').to.equal(1);
    await sleep(4 * INTERVAL);
    expect(record.at, 'no look after the approval').to.have.length(3);
  });

  it('waits longer after slow_down, for good', async () => {
    const { record, look } = looks(['pending', 'slow-down', 'pending', 'slow-down', 'pending', 'approved']);
    poller.start({ look, expired: () => undefined, failed: () => undefined });
    await waitUntil(() => !poller.active, 'approved', { timeout: 3000 });
    const [first, second, third, fourth, fifth] = gaps(record.at);
    expect(first).to.be.within(INTERVAL - 2, 2 * INTERVAL - 2);
    expect(second, 'after slow_down: one step more').to.be.at.least(2 * INTERVAL - 2);
    expect(third, 'and it stays there').to.be.at.least(2 * INTERVAL - 2);
    expect(fourth, 'another slow_down: another step').to.be.at.least(3 * INTERVAL - 2);
    expect(fifth).to.be.at.least(3 * INTERVAL - 2);
  });

  it('backs off on network failures, doubling up to the ceiling, and carries on', async () => {
    const network = () => new MfaError('network');
    const { record, look } = looks([network(), network(), network(), network(), 'pending', 'approved']);
    poller.start({ look, expired: () => undefined, failed: (error) => expect.fail(String(error)) });
    await waitUntil(() => !poller.active, 'approved', { timeout: 5000 });
    const waits = gaps(record.at);
    expect(waits[0], 'after the first failure: twice the interval').to.be.at.least(2 * INTERVAL - 2);
    expect(waits[1]).to.be.at.least(4 * INTERVAL - 2);
    expect(waits[2]).to.be.at.least(8 * INTERVAL - 2);
    expect(waits[3], 'the ceiling').to.be.within(8 * INTERVAL - 2, 12 * INTERVAL);
    expect(waits[4], 'an answer: back to the interval').to.be.below(3 * INTERVAL);
  });

  it('stops on a denial or any other refusal, and says so once', async () => {
    const denied = new MfaError('push_rejected');
    const { record, look } = looks(['pending', denied]);
    const failures: unknown[] = [];
    poller.start({ look, expired: () => undefined, failed: (error) => failures.push(error) });
    await waitUntil(() => failures.length > 0, 'the denial', { timeout: 3000 });
    await sleep(3 * INTERVAL);
    expect(failures).to.deep.equal([denied]);
    expect(record.at).to.have.length(2);
    expect(poller.active).to.equal(false);
  });

  it('makes no look while paused (the element removed) and goes on after resume', async () => {
    const { record, look } = looks();
    poller.start({ look, expired: () => undefined, failed: () => undefined });
    await waitUntil(() => record.at.length >= 1, 'a first look', { timeout: 3000 });
    poller.pause();
    const paused = record.at.length;
    await sleep(5 * INTERVAL);
    expect(record.at, 'paused: no look').to.have.length(paused);
    poller.resume();
    await waitUntil(() => record.at.length > paused, 'looks again after resume', { timeout: 3000 });
  });

  it('makes no look while the page is hidden, and goes on when it is shown', async () => {
    const { record, look } = looks();
    poller.start({ look, expired: () => undefined, failed: () => undefined });
    await waitUntil(() => record.at.length >= 1, 'a first look', { timeout: 3000 });
    setHidden(true);
    const before = record.at.length;
    await sleep(5 * INTERVAL);
    expect(record.at, 'hidden: no look').to.have.length(before);
    setHidden(false);
    await waitUntil(() => record.at.length > before, 'looks again once shown', { timeout: 3000 });
  });

  it('ends a request that outlives its time, once, with no look after', async () => {
    PUSH_POLL.lifetimeMs = 3 * INTERVAL + 10;
    const { record, look } = looks();
    let expired = 0;
    poller.start({ look, expired: () => expired++, failed: () => undefined });
    await waitUntil(() => expired > 0, 'expired', { timeout: 3000 });
    const looked = record.at.length;
    await sleep(4 * INTERVAL);
    expect(expired).to.equal(1);
    expect(looked).to.be.within(2, 3);
    expect(record.at).to.have.length(looked);
  });

  it('stop() aborts the look under way and makes none after', async () => {
    const { record, look } = looks([], 4 * INTERVAL);
    poller.start({ look, expired: () => undefined, failed: () => expect.fail('no failure after stop') });
    await waitUntil(() => record.running === 1, 'a look under way', { timeout: 3000 });
    poller.stop();
    expect(record.aborted).to.equal(1);
    await sleep(6 * INTERVAL);
    expect(record.at).to.have.length(1);
  });
});
