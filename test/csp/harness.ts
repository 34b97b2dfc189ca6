// What the strictly-policed pages share: waiting on what the element shows, the policy's report
// (the violations it saw, and proof it is in force), and the exchange with the parent test.

declare global {
  interface Window {
    violations: string[];
  }
}

export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The violations the policy reported during the run, and whether it is really in force. */
export async function policyReport(): Promise<{ violations: string[]; trustedTypesEnforced: boolean }> {
  // Violation events are queued: give them a moment to arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const violations = [...window.violations];
  // Prove the policy is really in force: a raw HTML sink must be refused.
  let trustedTypesEnforced = false;
  try {
    document.createElement('div').innerHTML = '<b>x</b>';
  } catch {
    trustedTypesEnforced = true;
  }
  return { violations, trustedTypesEnforced };
}

/** Runs `run` with what the parent test sends, and posts back its result, or its error with the violations so far. */
export function answerParent<Run>(run: (data: Run) => Promise<unknown>): void {
  addEventListener('message', async (event: MessageEvent<Run>) => {
    if (event.origin !== location.origin) return;
    try {
      parent.postMessage({ result: await run(event.data) }, location.origin);
    } catch (error) {
      parent.postMessage({ error: String(error), violations: window.violations }, location.origin);
    }
  });
  parent.postMessage({ ready: true }, location.origin);
}
