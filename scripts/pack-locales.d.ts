import type { Plugin } from 'vite';
export function packLocales(): Plugin;
/** Runs a TypeScript module with `registerStrings` replaced by a recorder: its exports and the calls it made. */
export function evaluate(
  path: string,
  contents?: string,
): Promise<{ exports: Record<string, unknown>; registered: [unknown, unknown][] }>;
