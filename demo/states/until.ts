type Stepped = HTMLElement & { readonly step: string; readonly updateComplete: Promise<unknown> };

/** Resolves once `el` is at `step` (and `also` holds, when given), and that step is rendered. */
export function until<El extends Stepped>(el: El, step: string, also: (el: El) => boolean = () => true): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => (el.step === step && also(el) ? void el.updateComplete.then(() => resolve()) : setTimeout(check, 10));
    check();
  });
}

/** A JSON answer, as the canned network seams give them. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));
}
