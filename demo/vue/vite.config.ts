import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  plugins: [
    vue({
      template: {
        // <mfa-otp-enroll> is a custom element, not a Vue component: let Vue create it as is.
        compilerOptions: { isCustomElement: (tag) => tag === 'mfa-otp-enroll' },
      },
    }),
  ],
});
