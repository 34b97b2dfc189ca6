import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Patterns that would break under a strict CSP with Trusted Types, or render text as HTML. */
const csp = [
  { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Builds HTML from strings: use Lit templates or textContent.' },
  { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]", message: 'Builds HTML from strings.' },
  { selector: "CallExpression[callee.name=/^(eval|Function)$/]", message: 'Needs unsafe-eval.' },
  { selector: "NewExpression[callee.name='Function']", message: 'Needs unsafe-eval.' },
  { selector: "Literal[value=/^data:/]", message: 'data: URLs need img-src data: in the CSP.' },
];

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', '**/.angular/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...csp],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['lit/directives/unsafe-*'], message: 'unsafeHTML/unsafeSVG break Trusted Types and render text as HTML.' }] },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['tenant/**/*.js', 'demo/serve.js', 'scripts/**/*.js', '*.config.js', '.ci/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
