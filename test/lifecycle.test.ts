// Lifecycle under careless hosts: removal mid-request, token changes in flight, moves and
// re-renders, and many insert/remove cycles measured for leaks (listeners, timers, heap).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { MfaOtpEnroll } from '../src/index.js';
import { languageChanges } from '../src/i18n/languages.js';
import { addFault, CLIENT_ID, createTenant, mfaToken, requestsTo, untilRequests, type TestTenant } from './helpers/tenant.js';
import { currentCode, nextTask, renderWidget, shownSecret, typeCode, untilEvent, untilStep, watchRequests } from './helpers/widget.js';

const CYCLES = 200;

describe('lifecycle', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('aborts the request when removed mid-request, and fires nothing after', async () => {
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 500, body: '{}' });
    const requests = watchRequests();
    const { el, events } = await renderWidget(tenant, { fetch: requests.fetch });
    expect(el.step).to.equal('loading');
    expect(requests.started).to.equal(1);
    el.parentElement!.remove();
    // Once the request has settled (rejected by its abort), no answer can come any more.
    await waitUntil(() => requests.settled === 1, 'the request never settled');
    expect(requests.aborted).to.equal(1);
    await nextTask();
    expect(events).to.have.length(0);
    expect(el.step).to.equal('idle');
  });

  it('ignores an associate answer for a token the host has since replaced', async () => {
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 300, body: '{}' });
    const replacement = await mfaToken(tenant);
    const requests = watchRequests();
    const { el, events } = await renderWidget(tenant, { fetch: requests.fetch });
    // The first associate has reached the tenant (and taken the fault) before the token changes:
    // aborted any sooner, it never would, and the second would get the stale answer.
    await untilRequests(tenant, 'POST', '/mfa/associate', 1);
    el.mfaToken = replacement;
    await untilStep(el, 'scan');
    await waitUntil(() => requests.settled === 2, 'both associates settled');
    expect(requests.aborted).to.equal(1);
    await nextTask();
    expect(events.map((e) => e.type)).to.deep.equal(['associated']);
    expect(el.step).to.equal('scan');
  });

  it('ignores a confirm answer for a token the host has since replaced', async () => {
    const requests = watchRequests();
    const { el, events } = await renderWidget(tenant, { fetch: requests.fetch });
    await untilStep(el, 'scan');
    // The host's new token, got before the fault is armed: the fault answers the next token
    // request, which must be the element's confirm (WebKit sent this one first once).
    const replacement = await mfaToken(tenant);
    await addFault(tenant, { method: 'POST', path: '/oauth/token', status: 200, delayMs: 400, body: '{"access_token":"stale"}' });
    typeCode(el, await currentCode(el));
    expect(el.step).to.equal('confirming');
    el.mfaToken = replacement;
    await untilStep(el, 'scan');
    await waitUntil(() => requests.settled === requests.started, 'every request settled');
    await nextTask();
    expect(events.filter((e) => e.type === 'enrolled')).to.have.length(0);
    expect(events.filter((e) => e.type === 'associated')).to.have.length(2);
  });

  it('keeps one associate per token across moves, remove and re-insert, and re-renders', async () => {
    const token = await mfaToken(tenant);
    const el = await fixture<MfaOtpEnroll>(html`<mfa-otp-enroll .domain=${tenant.base} .clientId=${CLIENT_ID} .mfaToken=${token}></mfa-otp-enroll>`);
    const parent = el.parentElement!;
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el); // moved while the associate is in flight
    parent.append(el);
    await untilStep(el, 'scan');
    const secret = shownSecret(el);
    for (let i = 0; i < 5; i++) {
      el.remove();
      await nextTask(); // a real removal, not a move
      parent.append(el);
      await el.updateComplete;
    }
    el.mfaToken = token; // a framework re-render setting the same values
    el.domain = String(el.domain);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.step).to.equal('scan');
    expect(shownSecret(el)).to.equal(secret);
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(1);
    other.remove();
  });

  it('restarts an associate that removal interrupted, once re-inserted', async () => {
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 300, body: '{}' });
    const { el, events } = await renderWidget(tenant);
    const parent = el.parentElement!;
    await waitUntil(async () => (await requestsTo(tenant, 'POST', '/mfa/associate')).length === 1);
    el.remove(); // the delayed answer is now aborted
    await nextTask();
    parent.append(el);
    await untilEvent(events, 'associated');
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(2);
    expect(events.map((e) => e.type)).to.deep.equal(['associated']);
  });

  it('leaves no listeners, timers or heap behind after 200 insert/remove cycles with requests pending [cdp]', async () => {
    const heap = () => executeServerCommand<number, undefined>('heap');
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 1500, body: '{}', times: 1000 });
    const token = await mfaToken(tenant);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);

    // Count what outlives an element: listeners on long-lived targets and pending timers.
    const longLived = new Set<EventTarget>([window, document, languageChanges]);
    let listeners = 0;
    const pendingTimers = new Set<number>();
    const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
    const { setTimeout: setTimer, clearTimeout: clearTimer } = window;
    EventTarget.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<typeof add>) {
      if (longLived.has(this)) listeners++;
      return add.apply(this, args);
    };
    EventTarget.prototype.removeEventListener = function (this: EventTarget, ...args: Parameters<typeof remove>) {
      if (longLived.has(this)) listeners--;
      return remove.apply(this, args);
    };
    window.setTimeout = ((handler: () => void, ms?: number) => {
      const id = setTimer(() => {
        pendingTimers.delete(id);
        handler();
      }, ms);
      pendingTimers.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id: number) => {
      pendingTimers.delete(id);
      clearTimer(id);
    }) as typeof window.clearTimeout;
    const requests = watchRequests();

    const cycle = async () => {
      const el = document.createElement('mfa-otp-enroll');
      el.fetch = requests.fetch;
      el.domain = tenant.base;
      el.clientId = CLIENT_ID;
      el.mfaToken = token;
      host.append(el);
      await el.updateComplete;
      el.remove();
      await Promise.resolve();
    };
    try {
      for (let i = 0; i < 20; i++) await cycle(); // warm up: compiled code, caches, lit templates
      await requests.allSettled();
      const heapBefore = await heap();
      const listenersBefore = listeners;
      const timersBefore = pendingTimers.size;
      for (let i = 0; i < CYCLES; i++) await cycle();
      // Every aborted request has settled: nothing of theirs is still pending.
      await requests.allSettled();
      const listenersLeft = listeners - listenersBefore;
      const timersLeft = pendingTimers.size - timersBefore;
      const heapAfter = await heap();
      const figures = {
        cycles: CYCLES,
        heapBeforeKiB: Math.round(heapBefore / 1024),
        heapAfterKiB: Math.round(heapAfter / 1024),
        heapGrowthKiB: Math.round((heapAfter - heapBefore) / 1024),
        heapGrowthBytes: heapAfter - heapBefore,
        listenersLeft,
        timersLeft,
        requestsStarted: requests.started,
        requestsAborted: requests.aborted,
      };
      console.log(`leak check: ${JSON.stringify(figures)}`);
      expect(figures.listenersLeft).to.equal(0);
      expect(figures.timersLeft).to.equal(0);
      expect(figures.requestsAborted).to.equal(figures.requestsStarted);
      expect(figures.requestsStarted).to.equal(CYCLES + 20);
      // Each cycle builds a shadow root, templates and a request: a leak would hold several KiB each.
      expect(figures.heapGrowthKiB).to.be.below(256);
    } finally {
      EventTarget.prototype.addEventListener = add;
      EventTarget.prototype.removeEventListener = remove;
      window.setTimeout = setTimer;
      window.clearTimeout = clearTimer;
    }
  });

  it('does not start over when a framework sets the used-up token again (after Finish or reset)', async () => {
    const noCodes = await createTenant({ recoveryCodes: false });
    const { el, events } = await renderWidget(noCodes);
    const token = el.mfaToken;
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    await untilEvent(events, 'enrolled');
    el.mfaToken = token; // @lit/react sets every prop again on each render
    await el.updateComplete; // a new enrollment would show 'loading' in this very update
    expect(el.step).to.equal('done');
    expect(await requestsTo(noCodes, 'POST', '/mfa/associate')).to.have.length(1);

    const other = await renderWidget(noCodes);
    const otherToken = other.el.mfaToken;
    await untilStep(other.el, 'scan');
    other.el.reset();
    other.el.mfaToken = otherToken;
    await other.el.updateComplete;
    expect(other.el.step).to.equal('idle');
    other.el.start(); // an explicit start does begin again
    await untilStep(other.el, 'scan');
    expect(await requestsTo(noCodes, 'POST', '/mfa/associate')).to.have.length(3);
  });
});
