import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { EnrolledDetail, EnrollErrorDetail } from 'mfa-otp-enroll';
import { freshEmail, loadTenant, signIn, type TenantConfig } from '../../shared/stand-in.ts';

/** What the enrollment came to, kept in React state. */
export type Outcome =
  | { kind: 'enrolled'; detail: EnrolledDetail }
  | { kind: 'error'; detail: EnrollErrorDetail };

export interface EnrollProps {
  tenant: TenantConfig;
  mfaToken: string;
  onEnrolled: (detail: EnrolledDetail) => void;
  onEnrollError: (detail: EnrollErrorDetail) => void;
}

/**
 * The page around the widget: the tenant settings, the sign-in form and the status line. `render`
 * puts the element in, with whichever binding the page demonstrates.
 */
export function Example({ title, render }: { title: string; render: (props: EnrollProps) => ReactNode }) {
  const [tenant, setTenant] = useState<TenantConfig>();
  const [email, setEmail] = useState(freshEmail);
  const [mfaToken, setMfaToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [problem, setProblem] = useState('');

  // StrictMode runs effects twice in development: the first fetch is aborted, not doubled.
  useEffect(() => {
    const controller = new AbortController();
    loadTenant(controller.signal).then(setTenant, (error: Error) => {
      if (!controller.signal.aborted) setProblem(`tenant.json: ${error.message}`);
    });
    return () => controller.abort();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!tenant) return;
    setBusy(true);
    setProblem('');
    setOutcome(undefined);
    try {
      setMfaToken(await signIn(tenant, email));
    } catch (error) {
      setProblem(`sign-in failed: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  let status = mfaToken ? 'enrolling' : 'signed out';
  if (problem) status = `error: ${problem}`;
  if (outcome?.kind === 'enrolled') status = 'enrolled';
  if (outcome?.kind === 'error') status = `error: ${outcome.detail.code}`;
  const accessToken = outcome?.kind === 'enrolled' ? outcome.detail.accessToken : undefined;

  return (
    <main>
      <h1>{title}</h1>
      <form onSubmit={onSubmit}>
        <label>
          Email <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>{' '}
        <button id="sign-in" type="submit" disabled={!tenant || busy}>
          Sign in
        </button>
      </form>
      {tenant &&
        render({
          tenant,
          mfaToken,
          onEnrolled: (detail) => setOutcome({ kind: 'enrolled', detail }),
          onEnrollError: (detail) => setOutcome({ kind: 'error', detail }),
        })}
      <p>
        Status: <output id="status">{status}</output>
      </p>
      {accessToken && (
        // Never show a whole token: the first 8 characters tell runs apart.
        <p id="access-token">Access token: {accessToken.slice(0, 8)}…</p>
      )}
    </main>
  );
}
