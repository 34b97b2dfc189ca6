import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Three pages, all built to dist/ with relative URLs so the app works from any folder:
// - index.html: the `mfa-otp-enroll/react` wrapper (@lit/react);
// - native.html: React 19's own custom-element support, `<mfa-otp-enroll>` in JSX;
// - sdk.html: the wrappers with Auth0's SDK (@auth0/auth0-react): `auth0={useAuth0()}`.
//
// `vite build` gives React's production build, where <StrictMode> does nothing. The e2e harness
// builds with NODE_ENV=development so StrictMode's double render and double effects really run.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        native: fileURLToPath(new URL('native.html', import.meta.url)),
        sdk: fileURLToPath(new URL('sdk.html', import.meta.url)),
      },
    },
  },
});
