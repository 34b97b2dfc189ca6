import 'mfa-otp-enroll'; // registers <mfa-otp-enroll> before React creates one
import { Example } from './Example.tsx';

/**
 * `<mfa-otp-enroll>` as a plain custom element, React 19 only. React 19 sets a prop as a property
 * when the element has that property (`mfaToken`, `clientId`: so the token never becomes an
 * attribute), and an `on…` prop holding a function adds a listener for the event named by the
 * rest of the prop, case kept: `onenrolled` listens to `enrolled`, `onenroll-error` to
 * `enroll-error`. (`onEnrolled` would listen to `Enrolled`, which never fires.)
 * Types for the element: ./mfa-otp-enroll-jsx.d.ts.
 */
export function NativeApp() {
  return (
    <Example
      title="mfa-otp-enroll · React 19 custom element"
      render={({ tenant, mfaToken, onEnrolled, onEnrollError }) => (
        <mfa-otp-enroll
          domain={tenant.domain}
          clientId={tenant.clientId}
          mfaToken={mfaToken}
          factors="otp"
          onenrolled={(event) => onEnrolled(event.detail)}
          onenroll-error={(event) => onEnrollError(event.detail)}
        />
      )}
    />
  );
}
