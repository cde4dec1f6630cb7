/**
 * The editor's configuration service: the `.impact-notes.yaml` chain of a folder (core/config-chain.ts
 * over workspace.fs, one resolver per file system, cached until a configuration file changes) and
 * the `impactNotes.*` settings read through the one typed accessor. The lint service and discovery
 * both ask it; settings are applied on top of the files by each caller (applySettings).
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES } from '../core/config';
import { ConfigResolver, type ConfigHost, type ResolvedConfig } from '../core/config-chain';
import { formatBytes } from '../core/engine';
import { allRules } from '../core/rules';
import { posix } from '../core/util/posix-path';
import type { Log } from './log';
import { readSettings, type Settings } from './settings';
import { isSameOrInside, NOT_REGULAR, PERMISSION_DENIED, readGuarded, wasSkipped } from './workspace-files';

/** What a configuration file may weigh before it is read (a real one is a few hundred bytes). */
export const CONFIG_MAX_BYTES = 1024 * 1024;

export function isConfigFileName(uri: vscode.Uri): boolean {
  return CONFIG_FILE_NAMES.includes(posix.basename(uri.path));
}

/** A configuration file found but not read (too large, not a regular file): its settings are ignored. */
export interface ConfigSkip {
  uri: vscode.Uri;
  /** Its folder: the skip concerns files at or under it. */
  dir: string;
  message: string;
}

export class ConfigService {
  private resolver: ConfigResolver;
  private readonly virtualResolvers = new Map<string, ConfigResolver>();
  /** Configuration files found but not read, by URI; cleared with the resolvers. */
  private readonly skips = new Map<string, ConfigSkip>();
  private settings: Settings;

  constructor(private readonly log: Log) {
    this.resolver = this.newResolver();
    this.settings = readSettings();
  }

  /** The configuration for files in a folder. In virtual workspaces the walk stops at the workspace folder. */
  configFor(folder: vscode.Uri): Promise<ResolvedConfig> {
    const wsFolder = vscode.workspace.getWorkspaceFolder(folder);
    if (!wsFolder && folder.scheme !== 'file') {
      // Outside the workspace on another file system: that file system's chain, never local files.
      const root = folder.with({ path: '/', query: '', fragment: '' });
      let r = this.virtualResolvers.get(root.toString());
      if (!r) {
        r = this.newResolver(undefined, root);
        this.virtualResolvers.set(root.toString(), r);
      }
      return r.resolve(folder.path);
    }
    if (!wsFolder || wsFolder.uri.scheme === 'file') return this.resolver.resolve(folder.path);
    const stopAt = wsFolder.uri.path;
    let r = this.virtualResolvers.get(stopAt);
    if (!r) {
      r = this.newResolver(stopAt);
      this.virtualResolvers.set(stopAt, r);
    }
    return r.resolve(folder.path);
  }

  /** The settings (read through the one typed accessor) for a resource, or the window's. */
  currentSettings(scope?: vscode.Uri): Settings {
    return scope ? readSettings(scope) : this.settings;
  }

  /** Reads the window's settings again (after `impactNotes.*` changed). */
  refreshSettings(): void {
    this.settings = readSettings();
  }

  /** Forgets every configuration read (a configuration file or the workspace folders changed). */
  reset(): void {
    this.resolver = this.newResolver();
    this.virtualResolvers.clear();
    this.skips.clear();
  }

  /** Configuration files on the chain of files in `near`'s folder that were not read. */
  skippedNear(near: vscode.Uri): ConfigSkip[] {
    return [...this.skips.values()].filter((s) => s.uri.scheme === near.scheme && isSameOrInside(near.path, s.dir));
  }

  /**
   * Config paths are the URI paths of the scheme/authority of the workspace (or file:); for a
   * folder outside the workspace on another file system (`near`), of that file system.
   */
  configUri(p: string, near?: vscode.Uri): vscode.Uri | undefined {
    const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => p === f.uri.path || p.startsWith(f.uri.path.endsWith('/') ? f.uri.path : `${f.uri.path}/`));
    if (folder) return folder.uri.with({ path: p });
    if (near && near.scheme !== 'file') return near.with({ path: p, query: '', fragment: '' });
    // Above the workspace: only on the local file system.
    return vscode.Uri.file(p);
  }

  private newResolver(stopAt?: string, near?: vscode.Uri): ConfigResolver {
    const host: ConfigHost = {
      dirname: (p) => posix.dirname(p),
      join: (d, n) => posix.join(d, n),
      read: async (p) => {
        const uri = this.configUri(p, near);
        if (!uri) return undefined;
        const r = await readGuarded(uri, CONFIG_MAX_BYTES);
        if (!r || !wasSkipped(r)) return r?.text;
        // Other errors stay "absent", as before: file systems that report a missing file with a
        // plain error must not get a problem on a file that does not exist.
        if (r.size === undefined && r.unreadable !== NOT_REGULAR && r.unreadable !== PERMISSION_DENIED) return undefined;
        // Not read (too large, a pipe, no permission): as if absent for the chain, but said on the file itself.
        const why = r.size !== undefined ? `it is ${formatBytes(r.size)}, above the ${formatBytes(CONFIG_MAX_BYTES)} limit for configuration files` : r.unreadable;
        const message = `${posix.basename(uri.path)} was not read: ${why}. Its settings are ignored.`;
        if (this.skips.get(uri.toString())?.message !== message) this.log.warn(`${vscode.workspace.asRelativePath(uri)}: ${message}`);
        this.skips.set(uri.toString(), { uri, dir: posix.dirname(p), message });
        return undefined;
      },
    };
    return new ConfigResolver(host, allRules, stopAt);
  }
}
