import { isRecord } from '../core/records.js';
import { MfaError } from '../core/errors.js';
import { claimsOf } from './token-claims.js';

/**
 * Refuses an access token bound to a DPoP key (RFC 9449: `cnf.jkt` among its claims). Every call
 * with it needs a proof signed by that key, which only Auth0's SDK holds: given directly, it
 * would fail with a 401 the user can't act on. The claims are read, not verified (the API does
 * that); an opaque token (an `mfa_token`) passes.
 */
export function refuseDpopBound(token: string): void {
  if (isDpopBound(token)) {
    throw new MfaError('config', {
      description:
        'This access token is bound to a DPoP key (its "cnf.jkt"), which only Auth0\'s SDK holds: set "auth0" to the SDK\'s client instead of giving the token.',
    });
  }
}

function isDpopBound(token: string): boolean {
  const cnf = claimsOf(token)?.cnf;
  return isRecord(cnf) && typeof cnf.jkt === 'string';
}
