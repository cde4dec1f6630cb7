/**
 * What differs between the two extension hosts Impact Notes runs in: Node (desktop VS Code, remote
 * and code-server; entry extension.ts) and the browser's web worker (vscode.dev, github.dev; entry
 * extension.web.ts, bundled with no Node built-ins). Everything else reads and writes through
 * `vscode.workspace.fs` and finds files through `vscode.workspace.findFiles` on both.
 */
import type * as vscode from 'vscode';

export interface Platform {
  kind: 'node' | 'web';
  /** An environment variable of the extension host (always undefined in the web worker). */
  env(name: string): string | undefined;
  /** The first `maxBytes` of a local file too large to read whole; absent where files cannot be read in part. */
  readHead?: (uri: vscode.Uri, maxBytes: number) => Promise<string | undefined>;
}
