/**
 * Node's built-in modules for the Node extension host. The extension is one bundle for both hosts
 * (dist/web/extension.js, built for the browser with no Node built-ins); on Node, the small
 * dist/extension.js hands the built-ins over before activation, and the bundle's imports of them
 * (`node:fs`, `node:crypto`, … in the Node-only features) are forwarded here by scripts/build.mjs.
 * In the web worker nothing is handed over, and nothing that needs them runs there.
 */
let given: Readonly<Record<string, unknown>> | undefined;

/** Called once by the Node entry (extension.ts) before activation. */
export function provideNodeModules(modules: Readonly<Record<string, unknown>>): void {
  given = modules;
}

/** A Node built-in handed over by the Node entry (`fs`, `fs/promises`, `crypto`, `module`, `path`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nodeModule(name: string): any {
  const m = given?.[name];
  if (!m) throw new Error(`Node's ${name} module is not available in this extension host.`);
  return m;
}
