import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Two pages, both built to dist/ with relative URLs so the app works from any folder:
// - index.html: the `mfa-otp-enroll/react` wrapper (@lit/react);
// - native.html: React 19's own custom-element support, `<mfa-otp-enroll>` in JSX.
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
      },
    },
  },
});
