/**
 * Entry point of the Node extension host (package.json `main`: desktop VS Code, remote and
 * code-server). The web worker entry (package.json `browser`) is extension.web.ts; both share main.ts.
 */
import { createActivate, deactivate, type ImpactNotesApi } from './main';
import { nodePlatform } from './platform-node';

export type { ImpactNotesApi };
export const activate = createActivate(nodePlatform);
export { deactivate };
