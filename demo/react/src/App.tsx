import { MfaOtpEnroll } from 'mfa-otp-enroll/react';
import { Example } from './Example.tsx';

/** `<mfa-otp-enroll>` through the `mfa-otp-enroll/react` wrapper (React 18 and 19). */
export function App() {
  return (
    <Example
      title="mfa-otp-enroll · React wrapper"
      render={({ tenant, mfaToken, onEnrolled, onEnrollError }) => (
        <MfaOtpEnroll
          domain={tenant.domain}
          clientId={tenant.clientId}
          mfaToken={mfaToken}
          onEnrolled={(event) => onEnrolled(event.detail)}
          onEnrollError={(event) => onEnrollError(event.detail)}
        />
      )}
    />
  );
}
