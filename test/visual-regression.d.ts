// The package's index.d.ts re-exports './browser/commands.mjs', whose types TypeScript looks for
// as commands.d.mts, which the package doesn't ship: declare the one command the tests use.
export {};
declare module '@web/test-runner-visual-regression' {
  export function visualDiff(element: Node, name: string): Promise<void>;
}
