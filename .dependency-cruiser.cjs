// The layers of src/, checked from the real import graph (static, dynamic, side-effect and
// type-only imports alike) by `npm run lint`. Arrows run one way, bottom to top:
//
//   core  →  i18n (+ locales), auth0  →  element  →  controls  →  enroll, verify, authenticators  →  entries
//
// core: errors, ports, parsers; auth0: the ways to reach Auth0; element: what every element is
// (base class, session, words, live region); controls: the parts of a step several elements use;
// then the three jobs, each in its folder; the entries (index, global, react) on top.
const JOBS = 'enroll|verify|authenticators';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No module reaches itself again.', from: {}, to: { circular: true } },
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'src/core/ imports nothing else of the package.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'auth0-on-core-only',
      severity: 'error',
      comment: 'The ways to reach Auth0 know nothing of words, elements or their parts.',
      from: { path: '^src/auth0/' },
      to: { path: '^src/', pathNot: '^src/(core|auth0)/' },
    },
    {
      name: 'i18n-on-core-only',
      severity: 'error',
      comment: 'The words know nothing of Auth0 or the elements.',
      from: { path: '^src/(i18n|locales)/' },
      to: { path: '^src/', pathNot: '^src/(core|i18n)/' },
    },
    {
      name: 'element-below-controls-and-jobs',
      severity: 'error',
      comment: 'What every element is knows no control and no job.',
      from: { path: '^src/element/' },
      to: { path: `^src/(controls|${JOBS})/` },
    },
    {
      name: 'controls-below-jobs',
      severity: 'error',
      comment: 'The parts several elements use know no job, and no way to Auth0.',
      from: { path: '^src/controls/' },
      to: { path: `^src/(auth0|${JOBS})/` },
    },
    {
      name: 'jobs-apart',
      severity: 'error',
      comment: 'A job imports no other job: only the settings list shows <mfa-otp-enroll> inline, through its registration.',
      from: { path: `^src/(${JOBS})/` },
      to: { path: `^src/(${JOBS})/`, pathNot: ['^src/$1/', '^src/enroll/define\\.ts$'] },
    },
    {
      name: 'enroll-registration-for-the-settings-list-only',
      severity: 'error',
      comment: 'Of the jobs, only the settings list may register <mfa-otp-enroll> (it shows it inline).',
      from: { path: `^src/(enroll|verify)/` },
      to: { path: '^src/enroll/define\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'entries-on-top',
      severity: 'error',
      comment: 'Nothing below imports a package entry (index, global, react).',
      from: { path: '^src/', pathNot: '^src/(global|react)\\.ts$' },
      to: { path: '^src/(index|global|react)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.d.ts'] },
  },
};
