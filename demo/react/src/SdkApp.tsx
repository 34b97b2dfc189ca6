import { MfaRequiredError, useAuth0 } from '@auth0/auth0-react';
import { MfaOtpEnroll, MfaOtpVerify } from 'mfa-otp-enroll/react';
import { useCallback, useEffect, useState } from 'react';
import { errorCode, pageUrl, summarizeToken, type TokenSummary } from '../../shared/sdk-example.ts';

/** Where asking for the API's token got to. */
type Outcome =
  | { kind: 'token'; token: TokenSummary }
  | { kind: 'mfa'; factor: 'enroll' | 'challenge'; mfaToken: string; error?: string }
  | { kind: 'error'; code: string };

/**
 * `@auth0/auth0-react`: sign in with the SDK, ask it for the API's token, and when Auth0 answers
 * mfa_required, show the element with `useAuth0()` as `auth0`: it calls `auth0.mfa`, so the
 * tokens land in the SDK's cache, and asking again is answered from there.
 */
export function SdkApp({ audience }: { audience: string }) {
  const auth0 = useAuth0();
  const { isLoading, isAuthenticated, user, error, getAccessTokenSilently, loginWithRedirect, logout } = auth0;
  const [outcome, setOutcome] = useState<Outcome>();

  const askForToken = useCallback(async (): Promise<Outcome> => {
    try {
      const response = await getAccessTokenSilently({ authorizationParams: { audience }, detailedResponse: true });
      // (undefined once the session's ceiling is reached: sign in again.)
      if (!response) return { kind: 'error', code: 'login_required' };
      return { kind: 'token', token: summarizeToken(response.access_token, response.token_type) };
    } catch (error) {
      if (error instanceof MfaRequiredError) {
        return { kind: 'mfa', factor: error.mfa_requirements?.enroll ? 'enroll' : 'challenge', mfaToken: error.mfa_token };
      }
      return { kind: 'error', code: errorCode(error) };
    }
  }, [getAccessTokenSilently, audience]);

  // Once signed in. (StrictMode runs this twice in development: only the second answer is used,
  // so the element gets one mfa_token.)
  useEffect(() => {
    if (!isAuthenticated) return;
    let current = true;
    void askForToken().then((next) => current && setOutcome(next));
    return () => {
      current = false;
    };
  }, [isAuthenticated, askForToken]);

  /** After `enrolled` / `verified`: the element is done, and the SDK's cache has the token. */
  const afterMfa = () => {
    setOutcome(undefined);
    void askForToken().then(setOutcome);
  };
  // The element stays: it lets the user try again (a mistyped code, say).
  const onError = (code: string) => setOutcome((now) => (now?.kind === 'mfa' ? { ...now, error: code } : now));

  let status = 'getting a token';
  if (isLoading) status = 'loading';
  else if (error) status = `error: ${errorCode(error)}`;
  else if (!isAuthenticated) status = 'signed out';
  else if (outcome?.kind === 'mfa') status = outcome.error ? `error: ${outcome.error}` : `mfa: ${outcome.factor}`;
  else if (outcome?.kind === 'token') status = 'got a token';
  else if (outcome?.kind === 'error') status = `error: ${outcome.code}`;

  return (
    <main>
      <h1>mfa-otp-enroll · @auth0/auth0-react</h1>
      <p>
        {!isLoading && !isAuthenticated && (
          <button id="sign-in" type="button" onClick={() => void loginWithRedirect()}>
            Sign in
          </button>
        )}
        {isAuthenticated && (
          <button id="sign-out" type="button" onClick={() => void logout({ logoutParams: { returnTo: pageUrl() } })}>
            Sign out
          </button>
        )}{' '}
        {user && <span id="user">Signed in as {user.email}</span>}
      </p>
      {outcome?.kind === 'mfa' &&
        (outcome.factor === 'enroll' ? (
          <MfaOtpEnroll auth0={auth0} mfaToken={outcome.mfaToken} onEnrolled={afterMfa} onEnrollError={(event) => onError(event.detail.code)} />
        ) : (
          <MfaOtpVerify auth0={auth0} mfaToken={outcome.mfaToken} onVerified={afterMfa} onVerifyError={(event) => onError(event.detail.code)} />
        ))}
      <p>
        Status: <output id="status">{status}</output>
      </p>
      {outcome?.kind === 'token' && (
        <dl id="token">
          <dt>Audience</dt>
          <dd id="audience">{outcome.token.audience}</dd>
          <dt>Token type</dt>
          <dd id="token-type">{outcome.token.type}</dd>
          <dt>Access token</dt>
          <dd id="token-prefix">{outcome.token.prefix}</dd>
        </dl>
      )}
    </main>
  );
}
