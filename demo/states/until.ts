/** Resolves once `el` is at `step`, and that step is rendered. */
export function until(el: HTMLElement & { readonly step: string; readonly updateComplete: Promise<unknown> }, step: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => (el.step === step ? void el.updateComplete.then(() => resolve()) : setTimeout(check, 10));
    check();
  });
}

/** A JSON answer, as the canned network seams give them. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));
}
