// Page logic for classic.html and module.html: the example contract with no framework.
// Valid as a classic script and as a module (no import/export), so both pages load this one file.
// The element itself comes from the CDN script (classic) or the CDN module (module page).
(() => {
  const enroll = document.querySelector('mfa-otp-enroll');
  const email = document.querySelector('#email');
  const signInButton = document.querySelector('#sign-in');
  const form = document.querySelector('#sign-in-form');
  const status = document.querySelector('#status');
  const accessToken = document.querySelector('#access-token');
  /** @type {{ domain: string, clientId: string } | undefined} */
  let tenant;

  const setStatus = (text) => {
    status.textContent = text;
  };
  const baseUrl = (domain) => {
    const trimmed = domain.replace(/\/+$/, '');
    return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  };

  email.value = `user-${crypto.randomUUID().slice(0, 8)}@example.com`;

  enroll.addEventListener('enrolled', (event) => {
    setStatus('enrolled');
    // Never show a whole token: the first 8 characters tell runs apart.
    const token = event.detail.accessToken;
    if (token) {
      accessToken.textContent = `Access token: ${token.slice(0, 8)}…`;
      accessToken.hidden = false;
    }
  });
  enroll.addEventListener('enroll-error', (event) => setStatus(`error: ${event.detail.code}`));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!tenant) return;
    signInButton.disabled = true;
    try {
      // Resource-owner password grant: a user who must enroll gets 403 mfa_required + mfa_token.
      const response = await fetch(`${baseUrl(tenant.domain)}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          username: email.value,
          password: 'demo-password',
          client_id: tenant.clientId,
          scope: 'openid profile',
        }),
      });
      const body = await response.json().catch(() => ({}));
      if (body.error !== 'mfa_required' || !body.mfa_token) throw new Error(body.error ?? `HTTP ${response.status}`);
      await customElements.whenDefined('mfa-otp-enroll');
      setStatus('enrolling');
      enroll.mfaToken = body.mfa_token; // a property: tokens never go into attributes
    } catch (error) {
      setStatus(`error: sign-in failed: ${error.message}`);
    } finally {
      signInButton.disabled = false;
    }
  });

  fetch('./tenant.json')
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((settings) => {
      tenant = settings;
      enroll.domain = settings.domain;
      enroll.clientId = settings.clientId;
      signInButton.disabled = false;
    })
    .catch((error) => setStatus(`error: tenant.json: ${error.message}`));
})();
