/**
 * The C2PA chunk: reads and validates Content Credentials with the Content Authenticity
 * Initiative's SDK (c2pa-rs compiled to WebAssembly, @contentauth/c2pa-wasm). It is bundled on its
 * own (dist/c2pa.js beside dist/c2pa_bg.wasm, see scripts/build.mjs) and loaded only when a plan
 * declares content credentials, so the 9 MB module is never compiled for anyone else.
 *
 * Files are handed to the SDK as a file-backed Blob stand-in: the SDK slices it and reads each
 * slice through `FileReaderSync`, which Node lacks; the stand-in below reads the slice's bytes from
 * the open file descriptor, so a large video is never held in memory whole.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';
import type { CredentialReport, ValidationCode } from '../core/provenance/credentials';

/** A slice of an open file, shaped like the part of `Blob` the SDK uses (`size`, `slice`). */
export class FileSlice {
  constructor(
    readonly fd: number,
    readonly start: number,
    readonly end: number,
  ) {}
  get size(): number {
    return this.end - this.start;
  }
  slice(from = 0, to = this.size): FileSlice {
    const s = Math.max(0, Math.min(from < 0 ? this.size + from : from, this.size));
    const e = Math.max(s, Math.min(to < 0 ? this.size + to : to, this.size));
    return new FileSlice(this.fd, this.start + s, this.start + e);
  }
}

/** A slice of bytes in memory, for the same interface (used when signing fixtures). */
export class BytesSlice {
  constructor(readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  slice(from = 0, to = this.size): BytesSlice {
    return new BytesSlice(this.bytes.subarray(from, Math.min(to, this.size)));
  }
}

/** The browser's synchronous Blob reader, for our two slice kinds. */
class FileReaderSyncStandIn {
  readAsArrayBuffer(blob: FileSlice | BytesSlice): ArrayBuffer {
    // Uint8Array's slice copies (Buffer's does not), so the ArrayBuffer holds exactly these bytes.
    if (blob instanceof BytesSlice) return Uint8Array.prototype.slice.call(blob.bytes).buffer as ArrayBuffer;
    const buf = new Uint8Array(blob.size);
    let off = 0;
    while (off < buf.length) {
      const n = fs.readSync(blob.fd, buf, off, buf.length - off, blob.start + off);
      if (n === 0) break;
      off += n;
    }
    return buf.buffer;
  }
}

let ready = false;

function wasmPath(): string {
  const beside = path.join(__dirname, 'c2pa_bg.wasm');
  if (fs.existsSync(beside)) return beside;
  // Running from source: the SDK's own copy (createRequire keeps the bundler from resolving it).
  return createRequire(__filename).resolve('@contentauth/c2pa-wasm/c2pa.wasm');
}

/** Compiles the WebAssembly module once (about 0.4 s) and installs the FileReaderSync stand-in. */
export function initC2pa(): void {
  if (ready) return;
  const g = globalThis as { FileReaderSync?: unknown };
  if (!g.FileReaderSync) g.FileReaderSync = FileReaderSyncStandIn;
  initSync({ module: fs.readFileSync(wasmPath()) });
  ready = true;
}

export interface ReadOptions {
  /** PEM text of trust anchors; a signer chaining to one of them makes the manifest Trusted. */
  trustAnchors?: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/** Every string under a key named like digitalSourceType (actions, IPTC metadata), anywhere in `v`. */
function sourceTypes(v: unknown, out: Set<string>, depth = 0): void {
  if (depth > 12 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) sourceTypes(x, out, depth + 1);
    return;
  }
  for (const [k, x] of Object.entries(v as Json)) {
    if (/(^|:)digitalsourcetype$/i.test(k) && typeof x === 'string') out.add(x);
    else sourceTypes(x, out, depth + 1);
  }
}

function codes(results: unknown): ValidationCode[] {
  const active = obj(obj(results)?.activeManifest);
  const out: ValidationCode[] = [];
  for (const kind of ['failure', 'informational', 'success'] as const) {
    const list = active?.[kind];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const o = obj(c);
      if (typeof o?.code === 'string') out.push({ code: o.code, kind, explanation: typeof o.explanation === 'string' ? o.explanation : undefined });
    }
  }
  return out;
}

/** Turns the SDK's manifest-store JSON into our report. */
export function reportFromStore(file: string, format: string, store: Json): CredentialReport {
  const label = typeof store.active_manifest === 'string' ? store.active_manifest : undefined;
  const manifest = label ? obj(obj(store.manifests)?.[label]) : undefined;
  const sig = obj(manifest?.signature_info);
  const gens = Array.isArray(manifest?.claim_generator_info) ? (manifest!.claim_generator_info as unknown[]).map(obj) : [];
  const generator =
    gens.map((g) => [g?.name, g?.version].filter((x) => typeof x === 'string').join(' ')).filter(Boolean).join(', ') ||
    (typeof manifest?.claim_generator === 'string' ? manifest.claim_generator : undefined);
  const types = new Set<string>();
  sourceTypes(manifest?.assertions, types);
  const state = store.validation_state;
  return {
    path: file,
    format,
    supported: true,
    manifest: true,
    activeManifest: label,
    signer: sig
      ? {
          commonName: typeof sig.common_name === 'string' ? sig.common_name : undefined,
          issuer: typeof sig.issuer === 'string' ? sig.issuer : undefined,
          alg: typeof sig.alg === 'string' ? sig.alg : undefined,
          serial: typeof sig.cert_serial_number === 'string' ? sig.cert_serial_number : undefined,
          time: typeof sig.time === 'string' ? sig.time : undefined,
        }
      : undefined,
    claimGenerator: generator || undefined,
    digitalSourceTypes: [...types],
    validationState: state === 'Invalid' || state === 'Valid' || state === 'Trusted' ? state : undefined,
    codes: codes(store.validation_results),
  };
}

function message(err: unknown): string {
  const s = err instanceof Error ? err.message : String(err);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** Reads one file's Content Credentials. Never throws for bad input: errors become `error`. */
export async function readCredentials(file: string, format: string, options: ReadOptions = {}): Promise<CredentialReport> {
  initC2pa();
  const settings = JSON.stringify(options.trustAnchors ? { trust: { trust_anchors: options.trustAnchors }, verify: { verify_trust: true } } : { verify: { verify_trust: true } });
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const reader = await WasmReader.fromBlob(format, new FileSlice(fd, 0, size) as unknown as Blob, settings);
    try {
      return reportFromStore(file, format, JSON.parse(reader.json()) as Json);
    } finally {
      reader.free();
    }
  } catch (err) {
    const text = message(err);
    if (/JumbfNotFound|ManifestNotFound|ProvenanceMissing/.test(text)) {
      return { path: file, format, supported: true, manifest: false, digitalSourceTypes: [], codes: [] };
    }
    return { path: file, format, supported: true, manifest: true, digitalSourceTypes: [], codes: [], error: text };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
