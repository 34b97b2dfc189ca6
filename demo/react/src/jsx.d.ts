// The package's JSX types for <mfa-otp-enroll> (React 19 without the wrapper).
import type {} from 'mfa-otp-enroll/react-jsx';
