// Each state, light and dark, compared with the stored screenshots in test/screenshots/
// (the same states as demo/gallery.html). A tolerance absorbs anti-aliasing, not layout changes.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import { showState, STATES } from '../demo/states/index.js';
import { hasCdp, skipUnsupported } from './helpers/widget-core.js';

describe('screenshots of every state [chromium-screenshots]', () => {
  // Skipped as a whole where unsupported, before the viewport is set (that too needs the protocol).
  before(async function () {
    skipUnsupported(this);
    await setViewport({ width: 480, height: 900 });
  });
  after(async () => {
    if (hasCdp) await emulateMedia({ colorScheme: 'light' });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const state of STATES) {
      it(`${state.name}, ${colorScheme}`, async () => {
        await emulateMedia({ colorScheme });
        const frame = await fixture<HTMLDivElement>(html`<div class="frame" style="width: 420px; padding: 8px; background: Canvas; color-scheme: ${colorScheme}"></div>`);
        const el = await showState(frame, state);
        expect(el.isConnected).to.equal(true);
        await document.fonts.ready;
        await visualDiff(frame, `${state.name.replace(/ /g, '-')}-${colorScheme}`);
      });
    }
  }
});
