// Types of unsupported.js (plain JavaScript, read by the test pages and by the runner in Node).
export type Browser = 'chromium' | 'firefox' | 'webkit';
export const UNSUPPORTED: Record<string, { readonly missingIn: readonly Browser[]; readonly reason: string }>;
export function browserOf(userAgent: string): Browser;
export function unsupportedBecause(title: string, browser: Browser): string | undefined;
