// The package's template types for <mfa-otp-enroll>, for Volar.
import type {} from 'mfa-otp-enroll/vue';
