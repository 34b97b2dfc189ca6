// A phone's screen in every browser, for the small-screen tests.

/**
 * A screen `width` CSS px wide, with the 8 px side margins of a page's body, that scrolls
 * sideways itself when anything in it is wider: pass it as a render helper's `parentNode`.
 * A box, not the window: WebKit's MiniBrowser keeps its window at least 447 px wide, and Firefox
 * and WebKit have no viewport emulation. The elements' layout depends only on the width they
 * get (no media queries or viewport units: `viewportRules` checks that this stays true).
 */
export function phoneScreen(width = 320): HTMLDivElement {
  const screen = document.createElement('div');
  screen.style.cssText = `box-sizing: border-box; width: ${width}px; padding: 0 8px; overflow-x: auto`;
  return screen;
}

/** The element's CSS that depends on the window's size, which a screen box can't stand in for. */
export function viewportRules(el: Element): string[] {
  const root = el.shadowRoot!;
  const sheets = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((style) => style.sheet!)];
  return sheets
    .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
    .filter((css) => /@media|@container|\d(d|s|l)?v(w|h|i|b|min|max)\b/.test(css));
}
