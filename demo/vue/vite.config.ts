import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Two pages, both built to dist/ with relative URLs so the app works from any folder:
// - index.html: `<mfa-otp-enroll>` with the password grant's mfa_token;
// - sdk.html: the elements with Auth0's SDK (@auth0/auth0-vue): `:auth0.prop="useAuth0()"`.
export default defineConfig({
  base: './',
  plugins: [
    vue({
      template: {
        // <mfa-otp-enroll> and <mfa-otp-verify> are custom elements, not Vue components: let Vue
        // create them as they are.
        compilerOptions: { isCustomElement: (tag) => tag === 'mfa-otp-enroll' || tag === 'mfa-otp-verify' },
      },
    }),
  ],
  build: {
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        sdk: fileURLToPath(new URL('sdk.html', import.meta.url)),
      },
    },
  },
});
