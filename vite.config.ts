import { readdirSync } from 'node:fs';
import { defineConfig } from 'vite';
import { minifyLitTemplates } from './scripts/minify-lit-templates.js';
import { packLocales } from './scripts/pack-locales.js';

/** Each language is an entry of its own, so apps and pages load only the ones they use. */
const locales = readdirSync('src/locales')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/locales/${file}`);

/**
 * Two builds:
 * - default: the npm package, ES modules one per source file, `lit` and
 *   `qrcode` left as imports for the app's bundler to share; the language
 *   modules packed without their keys (scripts/pack-locales.js);
 * - `--mode global`: one self-contained, minified classic script for
 *   `<script src>`, which registers every element and exposes their classes on
 *   `window.MfaOtpEnroll`.
 */
export default defineConfig(({ mode }) =>
  mode === 'global'
    ? {
        plugins: [minifyLitTemplates()],
        // One classic script can't split itself: what the elements load on use comes from beside it.
        resolve: { alias: [{ find: /^(.*)\/on-use\.js$/, replacement: '$1/on-use.global.ts' }] },
        build: {
          emptyOutDir: false,
          target: 'es2022',
          lib: {
            entry: 'src/global.ts',
            name: 'MfaOtpEnroll',
            formats: ['iife'],
            fileName: () => 'mfa-otp-enroll.global.js',
          },
        },
      }
    : {
        plugins: [minifyLitTemplates(), packLocales()],
        build: {
          target: 'es2022',
          minify: false,
          lib: {
            entry: ['src/index.ts', 'src/define.ts', 'src/enroll/mfa-otp-enroll.ts', 'src/verify/define.ts', 'src/manage/define.ts', 'src/react.ts', 'src/i18n/english.ts', ...locales],
            formats: ['es'],
          },
          rollupOptions: {
            external: [/^lit(\/|$)/, /^qrcode(\/|$)/, /^@lit\/react(\/|$)/, /^react(\/|$)/],
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
        },
      },
);
