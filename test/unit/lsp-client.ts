/**
 * A small Language Server Protocol client for the tests and the benchmark: builds the CLI and the
 * server bundles into a folder, starts `cli.js lsp --stdio` as a child process and talks to it with
 * vscode-jsonrpc over its standard input and output. Published diagnostics are kept per URI; tests
 * wait for them with a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../src/lsp/server';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Builds dist-like bundles (cli.js and lsp.js side by side, as in dist/) into `dir`; returns cli.js. */
export async function buildBundles(dir: string): Promise<string> {
  const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
  const esbuild = await import('esbuild');
  const cli = path.join(dir, 'cli.js');
  await Promise.all([
    esbuild.build({ ...build.cliBuildOptions({ outfile: cli }), sourcemap: false, logLevel: 'error' }),
    esbuild.build({ ...build.lspBuildOptions({ outfile: path.join(dir, 'lsp.js') }), sourcemap: false, logLevel: 'error' }),
  ]);
  return cli;
}

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

export interface Published {
  version?: number;
  diagnostics: LspDiagnostic[];
  /** How many publishes this URI has had. */
  count: number;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export class TestClient {
  readonly published = new Map<string, Published>();
  readonly logs: string[] = [];
  private waiters: (() => void)[] = [];
  private exited: Promise<number | null>;
  /** Every published version per URI, in order. */
  readonly versions = new Map<string, (number | undefined)[]>();
  /** Milliseconds (performance.now) of the last publish per URI. */
  readonly publishedAt = new Map<string, number>();

  private constructor(
    /** The server's process; undefined for a server started in this process (inProcess). */
    readonly child: ChildProcess | undefined,
    readonly conn: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => child?.on('exit', (code) => resolve(code)));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: LspDiagnostic[] }) => {
      const prev = this.published.get(p.uri);
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics, count: (prev?.count ?? 0) + 1 });
      this.publishedAt.set(p.uri, performance.now());
      (this.versions.get(p.uri) ?? this.versions.set(p.uri, []).get(p.uri)!).push(p.version);
      this.wake();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', () => []);
    conn.listen();
  }

  /** Starts `node <cli> lsp --stdio` in `cwd`. */
  static start(cli: string, cwd: string, env: Record<string, string> = {}): TestClient {
    const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => process.env.LSP_TEST_STDERR && process.stderr.write(d));
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return new TestClient(child, conn);
  }

  /**
   * A server started in this process over in-memory streams, with options the command line does
   * not have (extra rules). Stop it with kill(), not shutdown(): `exit` would end this process.
   */
  static inProcess(options: ServerOptions): TestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(server, options);
    server.listen();
    const client = new TestClient(undefined, createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
    // Nothing of the server may keep this process alive once the test is done.
    client.stopServer = () => {
      server.dispose();
      toServer.destroy();
      toClient.destroy();
    };
    return client;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `check` returns a value (checked after every message), or fails at the deadline. */
  async until<T>(what: string, check: () => T | undefined | false, timeoutMs = 20000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for `uri` at exactly `version` (waits for them). */
  diagnosticsAt(uri: string, version: number, timeoutMs?: number): Promise<LspDiagnostic[]> {
    return this.until(`diagnostics for ${uri} at version ${version}`, () => {
      const p = this.published.get(uri);
      return p && p.version === version ? p.diagnostics : undefined;
    }, timeoutMs);
  }

  async initialize(rootDir: string, options: { initializationOptions?: unknown; capabilities?: unknown } = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const res = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      // A server in this process would watch this pid with a timer that keeps the process alive.
      processId: this.child ? process.pid : null,
      rootUri: uriOf(rootDir),
      workspaceFolders: [{ uri: uriOf(rootDir), name: path.basename(rootDir) }],
      capabilities: options.capabilities ?? {
        textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      initializationOptions: options.initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  open(file: string, text = fs.readFileSync(file, 'utf8'), version = 1): string {
    const uri = uriOf(file);
    const languageId = /\.md$/i.test(file) ? 'markdown' : 'yaml';
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  change(uri: string, version: number, contentChanges: unknown[]): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest<T>(method, params);
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  /** Resident and peak memory of the server process, in MB (Linux /proc). */
  memoryMb(): { rss: number; peak: number } | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.child?.pid ?? process.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  get alive(): boolean {
    return !this.child || (this.child.exitCode === null && this.child.signalCode === null);
  }

  /** shutdown, exit; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    if (this.child && this.alive) this.child.kill();
    this.conn.dispose();
    this.stopServer?.();
  }

  /** For a server in this process: disposes its connection and closes the streams. */
  private stopServer?: () => void;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyLspEdits(text: string, edits: { range: LspDiagnostic['range']; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(text.length, starts[p.line] + p.character));
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
