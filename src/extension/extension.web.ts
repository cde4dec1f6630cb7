/**
 * Entry point of the web worker extension host (package.json `browser`: vscode.dev, github.dev, and
 * VS Code for the Web in general). Bundled by scripts/build.mjs for the browser with no Node
 * built-ins (the build fails if one slips in): files are read and written through
 * `vscode.workspace.fs`, research folders are found through `vscode.workspace.findFiles`.
 */
import { createActivate, deactivate, type ImpactNotesApi } from './main';
import type { Platform } from './platform';

const webPlatform: Platform = {
  kind: 'web',
  env: () => undefined,
};

export type { ImpactNotesApi };
export const activate = createActivate(webPlatform);
export { deactivate };
