/**
 * Digests cached by file size and modification time: a file is hashed again only when either
 * changes. Kept in memory by the editor across on-demand runs (and by the CLI for one run).
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export class HashCache {
  private readonly entries = new Map<string, FileStamp & { sha256: string }>();
  constructor(private readonly max = 10000) {}

  get(key: string, stamp: FileStamp): string | undefined {
    const e = this.entries.get(key);
    return e && e.size === stamp.size && e.mtimeMs === stamp.mtimeMs ? e.sha256 : undefined;
  }

  set(key: string, stamp: FileStamp, sha256: string): void {
    if (this.entries.size >= this.max && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { ...stamp, sha256 });
  }

  get size(): number {
    return this.entries.size;
  }
}
