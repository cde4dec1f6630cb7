/**
 * The Node FileHost (core/file-host.ts) for the CLI and the language server: files read through
 * fs-host.ts's guarded `readForLint`, the file list by `listFiles` with the configuration's ignore
 * globs, and `exists` straight from the disk. The language server passes `openText` so an open
 * editor's unsaved text is linted in place of the file.
 */
import * as path from 'node:path';
import type { FileHost } from '../core/file-host';
import { isIgnored } from './find-pairs';
import { existsIn, listFiles, readForLint } from './fs-host';

export interface NodeFileHostOptions {
  /** The text of a file open in an editor, used instead of the file on disk; undefined reads the disk. */
  openText?: (absPath: string) => string | undefined;
}

export function nodeFileHost(options: NodeFileHostOptions = {}): FileHost {
  return {
    read: async (file, maxBytes) => {
      const open = options.openText?.(file);
      return open !== undefined ? { text: open } : readForLint(file, maxBytes);
    },
    join: (dir, name) => path.join(dir, name),
    resolve: (dir, rel) => path.resolve(dir, rel),
    listFiles: async (dir, ignores, cap) => listFiles(dir, { cap, skip: (abs, isDir) => isIgnored(abs, ignores, isDir) }),
    exists: (dir, rel) => existsIn(dir, rel),
  };
}

/** The Node host without open editors (the CLI). */
export const nodeFiles: FileHost = nodeFileHost();
