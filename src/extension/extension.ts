/**
 * Entry point of the Node extension host (package.json `main`: desktop VS Code, remote and
 * code-server). The extension itself is one bundle for both hosts, dist/web/extension.js (the web
 * worker's entry, extension.web.ts): this entry only hands it Node's built-in modules, which the
 * Node-only features use (provenance, partial reads of large files), and starts it on the Node
 * platform. So the VSIX carries the extension's code once.
 */
import * as path from 'node:path';
import type * as Shared from './extension.web';
import { NODE_BUILTINS } from './node-builtins';

export type { ImpactNotesApi } from './main';

// Resolved at run time beside this file (dist/web/extension.js), never bundled into it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shared = require(path.join(__dirname, 'web', 'extension.js')) as typeof Shared;

export const activate = shared.activateOnNode(NODE_BUILTINS);
export const deactivate = shared.deactivate;
