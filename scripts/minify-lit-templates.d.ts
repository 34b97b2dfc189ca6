import type { Plugin } from 'vite';
export function minifyLitTemplates(): Plugin;
export function minifySource(code: string): string;
