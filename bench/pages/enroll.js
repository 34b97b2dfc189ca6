// The real widget (dist/mfa-otp-enroll.global.js) against the stand-in tenant: from the associate
// response's end to the QR painted, and the layout shifts of the whole enrollment.
import { frames, nextFrame, responseEnd, watchFrames } from './paint.js';

// Registered at load, buffered: every shift since the page started counts.
/** @type {LayoutShift[]} */
const shifts = [];
new PerformanceObserver((list) => shifts.push(...list.getEntries())).observe({ type: 'layout-shift', buffered: true });

/** "p", "mfa-otp-enroll", "div.qr-frame": enough to tell what moved. */
function describe(node) {
  if (!node) return '(node gone or in a shadow tree)';
  if (!(node instanceof Element)) return node.nodeName.toLowerCase();
  const part = node.getAttribute('part');
  return `${node.localName}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.trim().replace(/\s+/g, '.')}` : ''}${part ? `[part=${part}]` : ''}`;
}

// When the widget changed step, to tell which step change each shift came with.
/** @type {{ at: number, step: string }[]} */
const steps = [];
new MutationObserver(() => {
  const step = document.querySelector('mfa-otp-enroll')?.getAttribute('step');
  if (step && steps.at(-1)?.step !== step) steps.push({ at: performance.now(), step });
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['step'] });

/** The step the widget was in when a shift happened (its frame started at `time`; the change came before). */
const stepBefore = (time) => steps.filter((s) => s.at <= time).at(-1)?.step ?? '(before the first step)';

const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;

window.enroll = async ({ domain, token }) => {
  const el = document.querySelector('mfa-otp-enroll');
  await nextFrame();
  await nextFrame();
  const watch = watchFrames(() => el.shadowRoot?.querySelector('[part=qr]') != null);
  const associated = new Promise((resolve, reject) => {
    el.addEventListener('associated', resolve, { once: true });
    el.addEventListener('enroll-error', (event) => reject(new Error(`enroll-error: ${event.detail.message}`)), { once: true });
  });
  // As an app does after its password grant: hand the widget the tenant and the mfa_token.
  el.domain = domain;
  el.mfaToken = token;
  await associated;
  await frames(5);
  const { frames: count, ms } = watch.stopAndMeasure(responseEnd('/mfa/associate'));
  const counted = shifts.filter((shift) => !shift.hadRecentInput);
  return {
    frames: count,
    ms,
    cls: counted.reduce((sum, shift) => sum + shift.value, 0),
    shifts: counted.map((shift) => ({
      value: shift.value,
      step: stepBefore(shift.startTime),
      sources: shift.sources.map((s) => `${describe(s.node)} ${rect(s.previousRect)} → ${rect(s.currentRect)}`),
    })),
    step: el.getAttribute('step'),
  };
};
