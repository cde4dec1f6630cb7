/**
 * Entry point of the web worker extension host (package.json `browser`: vscode.dev, github.dev, and
 * VS Code for the Web in general). Bundled by scripts/build.mjs for the browser with no Node
 * built-ins (the build fails if one slips in): files are read and written through
 * `vscode.workspace.fs`, research folders are found through `vscode.workspace.findFiles`. The Node
 * extension host runs this same bundle (extension.ts hands it Node's built-in modules).
 */
import { createActivate, deactivate, type ImpactNotesApi } from './main';
import { provideNodeModules } from './node-modules';
import type { Platform } from './platform';
import { nodePlatform } from './platform-node';

const webPlatform: Platform = {
  kind: 'web',
  env: () => undefined,
};

export type { ImpactNotesApi };
export const activate = createActivate(webPlatform);
export { deactivate };

/**
 * The Node extension host's activate() (extension.ts, dist/extension.js, starts this same bundle):
 * Node's built-in modules are handed over first, for the features only Node can run.
 */
export function activateOnNode(modules: Readonly<Record<string, unknown>>): ReturnType<typeof createActivate> {
  provideNodeModules(modules);
  return createActivate(nodePlatform);
}
