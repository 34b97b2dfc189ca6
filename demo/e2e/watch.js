// Served first in a page's <head> to the WebKit runs only (demo/e2e/webkit.js): WebDriver classic
// reports nothing a page does, so this keeps what Playwright and puppeteer report by themselves:
// uncaught errors, console errors and the answers to fetch, until the harness collects them.
(() => {
  const seen = [];
  Object.defineProperty(window, '__e2eWatch', { value: seen });
  addEventListener('error', (event) => seen.push({ kind: 'pageerror', message: event.message }));
  addEventListener('unhandledrejection', (event) => seen.push({ kind: 'pageerror', message: String(event.reason?.message ?? event.reason) }));
  const consoleError = console.error;
  console.error = (...args) => {
    seen.push({ kind: 'console', text: args.map(String).join(' ') });
    consoleError.apply(console, args);
  };
  const pageFetch = window.fetch;
  window.fetch = async (input, init) => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const body = init?.body;
    const postData = typeof body === 'string' || body instanceof URLSearchParams ? String(body) : null;
    const response = await pageFetch(input, init);
    response
      .clone()
      .text()
      .then(
        (text) => seen.push({ kind: 'response', url: response.url, method: method.toUpperCase(), status: response.status, postData, body: text }),
        () => {},
      );
    return response;
  };
})();
