import { readdirSync } from 'node:fs';
import { defineConfig } from 'vite';
import elementList from './src/elements.json' with { type: 'json' };
import { minifyLitTemplates } from './scripts/minify-lit-templates.js';
import { packLocales } from './scripts/pack-locales.js';

/** Each language is an entry of its own, so apps and pages load only the ones they use. */
const locales = readdirSync('src/locales')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/locales/${file}`);

/**
 * The classic scripts for `<script src>`, by `--mode`: each one self-contained and minified, Lit
 * inside, and everything an element loads on use in an app's bundle inside too (`auth0/load.ts`
 * swapped for `auth0/load.inlined.ts`), so a script fetches no code and a site can self-host the
 * one file.
 */
const scripts: Partial<Record<string, { entry: string; name: string; fileName: string }>> = {
  // Every element, the classes on `window.MfaOtpEnroll`.
  global: { entry: 'src/global.ts', name: 'MfaOtpEnroll', fileName: 'mfa-otp-enroll.global.js' },
  // Only <mfa-otp-verify>, for the sign-in page: no QR encoder. Its class on `window.MfaOtpVerify`.
  'global-verify': { entry: 'src/verify/global.ts', name: 'MfaOtpVerify', fileName: 'mfa-otp-verify.global.js' },
};

/**
 * Three builds:
 * - default: the npm package, ES modules one per source file, `lit` and
 *   `qrcode` left as imports for the app's bundler to share (and split what
 *   loads on use); the language modules packed without their keys
 *   (scripts/pack-locales.js);
 * - `--mode global` and `--mode global-verify`: the classic scripts above.
 */
export default defineConfig(({ mode }) => {
  const script = scripts[mode];
  return script
    ? {
        plugins: [minifyLitTemplates()],
        // What an app's bundler loads on use is in the file anyway: imported statically, it is flattened.
        resolve: { alias: [{ find: /^(.*\/auth0\/load)\.js$/, replacement: '$1.inlined.ts' }] },
        build: {
          emptyOutDir: false,
          target: 'es2022',
          lib: { entry: script.entry, name: script.name, formats: ['iife'], fileName: () => script.fileName },
        },
      }
    : {
        plugins: [minifyLitTemplates(), packLocales()],
        build: {
          target: 'es2022',
          minify: false,
          lib: {
            // The package entry, the enroll element's class alone (`mfa-otp-enroll/element`), each element's registration.
            entry: ['src/index.ts', 'src/enroll/mfa-otp-enroll.ts', ...elementList.elements.map((element) => `src/${element.define}.ts`), 'src/react.ts', 'src/i18n/english.ts', ...locales],
            formats: ['es'],
          },
          rollupOptions: {
            external: [/^lit(\/|$)/, /^qrcode(\/|$)/, /^@lit\/react(\/|$)/, /^react(\/|$)/],
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
        },
      };
});
