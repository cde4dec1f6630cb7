/** The Node extension host's platform (desktop VS Code, remote, code-server). */
import { constants as fsConstants } from 'node:fs';
import * as fs from 'node:fs/promises';
import type * as vscode from 'vscode';
import type { Platform } from './platform';

/**
 * The first `maxBytes` of a local regular file (file: scheme only; workspace.fs has no partial
 * read). Undefined elsewhere or when it cannot be read.
 */
async function readLocalHead(uri: vscode.Uri, maxBytes: number): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  let fh: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK: even if the file was swapped for a pipe since the stat, opening it cannot block.
    fh = await fs.open(uri.fsPath, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const st = await fh.stat();
    if (!st.isFile()) return undefined;
    const buf = Buffer.alloc(Math.min(maxBytes, st.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

export const nodePlatform: Platform = {
  kind: 'node',
  env: (name) => process.env[name],
  readHead: readLocalHead,
};
