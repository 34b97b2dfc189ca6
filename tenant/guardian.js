// A fake Auth0 Guardian app for one stand-in tenant, driven through the control API: it "scans" a
// push enrollment's QR code (its `enrollment_tx_id`), after which the enrollment's oob_code
// confirms it; and it approves or rejects a push request (a challenge), after which polling the
// mfa-oob grant answers tokens or the rejection. It also lists what is waiting, for a panel that
// plays the phone. Each function answers the control API's status and body; control.js sends them.

/** @typedef {import('./store.js').Tenant} Tenant */
/** @typedef {import('./oob-transactions.js').OobTransaction} OobTransaction */

/**
 * @typedef {{ status: number, body: unknown }} ControlAnswer
 */

/**
 * @param {number} status
 * @param {string} error
 * @param {string} description
 * @returns {ControlAnswer}
 */
const refuse = (status, error, description) => ({ status, body: { error, error_description: description } });

/**
 * What waits in the Guardian app, newest first: enrollments not scanned yet (`enrollmentTxId`,
 * `email`) and push requests not answered yet (`id`, `email`, `authenticatorId`). Expired ones
 * are left out. No oob_code: approve and deny take the `id`.
 * @param {Tenant} tenant
 * @returns {ControlAnswer}
 */
export function guardianList(tenant) {
  const when = (/** @type {number} */ ms) => new Date(ms).toISOString();
  return {
    status: 200,
    body: {
      enrollments: tenant.oob.pushWaiting('enroll').map((tx) => ({ enrollmentTxId: tx.enrollmentTxId, email: tx.email, time: when(tx.createdAt), expiresAt: when(tx.expiresAt) })),
      requests: tenant.oob.pushWaiting('challenge').map((tx) => ({ id: tx.id, email: tx.email, authenticatorId: tx.authenticatorId, time: when(tx.createdAt), expiresAt: when(tx.expiresAt) })),
    },
  };
}

/**
 * Whether a push transaction can still be answered: 404 when there is none, 410 once expired,
 * 409 once answered (or scanned).
 * @param {Tenant} tenant
 * @param {OobTransaction | undefined} tx
 * @param {string} what "push enrollment" or "push request"
 * @returns {ControlAnswer | undefined} the refusal, or undefined when it waits
 */
function waitingProblem(tenant, tx, what) {
  if (!tx) return refuse(404, 'not_found', `No such ${what}`);
  if (tenant.oob.isExpired(tx)) return refuse(410, 'expired', `The ${what} has expired`);
  if (tx.status !== 'pending') return refuse(409, 'conflict', `The ${what} was already ${tx.status === 'approved' ? 'approved' : 'rejected'}`);
  return undefined;
}

/**
 * "Scan" a push enrollment's QR code: `{ enrollmentTxId }`, `{ barcodeUri }` (the whole
 * otpauth: URI the element drew) or `{ email }` (that user's newest waiting enrollment). The
 * enrollment's oob_code then confirms it (mfa-oob grant, or the My Account verify). Answers the
 * user's `email`, the push authenticator's `id`, and the `secret` of the OTP authenticator
 * enrolled with it, from which the app would show codes.
 * @param {Tenant} tenant
 * @param {Record<string, unknown>} body
 * @returns {ControlAnswer}
 */
export function guardianScan(tenant, body) {
  let { enrollmentTxId } = body;
  if (typeof body.barcodeUri === 'string') {
    try {
      enrollmentTxId = new URL(body.barcodeUri).searchParams.get('enrollment_tx_id') ?? '';
    } catch {
      return refuse(400, 'invalid_request', 'barcodeUri must be the otpauth: URI of a push enrollment');
    }
  }
  /** @type {OobTransaction | undefined} */
  let tx;
  if (typeof enrollmentTxId === 'string' && enrollmentTxId !== '') tx = tenant.oob.findPush({ enrollmentTxId });
  else if (typeof body.email === 'string' && body.email !== '') tx = tenant.oob.pushWaiting('enroll', { email: body.email })[0];
  else return refuse(400, 'invalid_request', 'Name the enrollment: enrollmentTxId, barcodeUri or email');
  const problem = waitingProblem(tenant, tx && tx.purpose === 'enroll' ? tx : undefined, 'push enrollment');
  if (problem || !tx) return problem ?? refuse(404, 'not_found', 'No such push enrollment');
  tx.status = 'approved';
  const user = tenant.findUser(tx.email);
  const push = user && tenant.findAuthenticator(user, tx.authenticatorId);
  const otp = user && push?.linkedId !== undefined ? tenant.findAuthenticator(user, push.linkedId) : undefined;
  return { status: 200, body: { email: tx.email, id: tx.authenticatorId, secret: otp?.secret ?? null } };
}

/**
 * Approve or reject a push request: `{ id }` (from the list), `{ oobCode }` or `{ email }` (that
 * user's newest waiting request). Polling the mfa-oob grant with its oob_code then answers
 * tokens, or the rejection.
 * @param {Tenant} tenant
 * @param {Record<string, unknown>} body
 * @param {'approved' | 'rejected'} verdict
 * @returns {ControlAnswer}
 */
export function guardianAnswer(tenant, body, verdict) {
  const { id, oobCode, email } = body;
  /** @type {OobTransaction | undefined} */
  let tx;
  if (typeof id === 'string' && id !== '') tx = tenant.oob.findPush({ id });
  else if (typeof oobCode === 'string' && oobCode !== '') tx = tenant.oob.findPush({ oobCode });
  else if (typeof email === 'string' && email !== '') tx = tenant.oob.pushWaiting('challenge', { email })[0];
  else return refuse(400, 'invalid_request', 'Name the push request: id, oobCode or email');
  const problem = waitingProblem(tenant, tx && tx.purpose === 'challenge' ? tx : undefined, 'push request');
  if (problem || !tx) return problem ?? refuse(404, 'not_found', 'No such push request');
  tx.status = verdict;
  return { status: 200, body: { id: tx.id, email: tx.email, status: verdict } };
}
