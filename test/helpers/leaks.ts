// Where a secret could leak from the page, for the secrets tests of every element.

/**
 * Everything the page could leak through, as text. `isTestsOwn` names requests the test made
 * itself (reading the stand-in's outbox by number, say), left out.
 */
export function leakSurface(isTestsOwn: (url: string) => boolean = () => false): string {
  return [
    document.documentElement.outerHTML, // light DOM and every attribute (shadow roots are not included)
    location.href,
    document.cookie,
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
    ...performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => !isTestsOwn(url)),
  ].join('\n');
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Records every console call from here on, as text, until `restore()` puts the console back. */
export function captureConsole(): { readonly logged: string[]; restore(): void } {
  const logged: string[] = [];
  const originals = CONSOLE_METHODS.map((method) => console[method]);
  for (const method of CONSOLE_METHODS) {
    console[method] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  }
  return {
    logged,
    restore() {
      CONSOLE_METHODS.forEach((method, index) => {
        console[method] = originals[index]!;
      });
    },
  };
}
