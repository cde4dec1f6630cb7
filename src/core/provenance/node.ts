/**
 * The Node host of the provenance check (the CLI, and the desktop editor for file: folders):
 * hashes files as streams (never read whole) with a size-and-mtime cache, and loads the C2PA
 * chunk only when a plan declares content credentials. Not re-exported from an index, so
 * importing the pure parts of src/core/provenance never pulls in node:fs.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ruleOptions, type Config } from '../config';
import type { ReleaseDoc } from '../release/release-doc';
import { contentCredentialsMissing } from '../rules/workspace';
import type { Finding } from '../types';
import { HashCache } from './cache';
import { provenanceFindings, type HashResult } from './findings';
import { c2paFormatOf, type CredentialReport } from './credentials';
import { matchSamples, needsProvenance, readProvenancePlan, type ProvenancePlan, type SampleFile } from './plan';

/** Read size for hashing: memory stays at about this much per file, whatever the file's size. */
const CHUNK = 1 << 20;

/** SHA-256 of a file, read in 1 MiB pieces into one buffer; from the cache when size and mtime are unchanged. */
export async function sha256File(abs: string, cache?: HashCache): Promise<HashResult> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(abs);
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (err as Error).message };
  }
  if (!st.isFile()) return { error: 'it is not a file' };
  const stamp = { size: st.size, mtimeMs: st.mtimeMs };
  const hit = cache?.get(abs, stamp);
  if (hit) return { sha256: hit, size: st.size };
  const hash = createHash('sha256');
  // One buffer, reused for every read: memory stays at CHUNK whatever the file's size, and no
  // garbage piles up between collections.
  const buf = Buffer.allocUnsafe(CHUNK);
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(abs, 'r');
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
  } catch (err) {
    return { error: (err as Error).message };
  } finally {
    await fh?.close().catch(() => undefined);
  }
  const sha256 = hash.digest('hex');
  cache?.set(abs, stamp, sha256);
  return { sha256, size: st.size };
}

/** The chunk's interface (src/c2pa/reader.ts). */
export interface C2paChunk {
  readCredentials(file: string, format: string, options?: { trustAnchors?: string }): Promise<CredentialReport>;
}

let chunk: C2paChunk | undefined;
/** How many times the chunk was loaded (tests check that plans without content credentials never load it). */
export let c2paLoads = 0;

/**
 * Loads the C2PA chunk: dist/c2pa.js beside the running bundle (the CLI) or one folder up (the
 * extension runs from dist/web/extension.js), or the TypeScript source when running from source
 * (tests, tsx). createRequire keeps the bundler from inlining it.
 */
export function loadC2pa(): C2paChunk {
  if (chunk) return chunk;
  const req = createRequire(__filename);
  const bundled = path.join(__dirname, 'c2pa.js');
  const candidates = [bundled, path.join(__dirname, '..', 'c2pa.js'), path.join(__dirname, '..', '..', 'c2pa', 'reader.ts')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`the C2PA reader (${bundled}) is missing from this installation`);
  chunk = req(found) as C2paChunk;
  c2paLoads++;
  return chunk;
}

export interface NodeProvenanceInput {
  /** Absolute path of the plan. */
  planFile: string;
  /** The path findings carry for the plan. */
  planPath?: string;
  release: ReleaseDoc;
  config: Config;
  /** Files beside the plan (relative, forward slashes); undefined when they could not be listed. */
  files?: readonly string[];
  cache?: HashCache;
  /** Skip hashing (the editor hashes only on demand). */
  hashes?: boolean;
}

export interface NodeProvenanceResult {
  provenance: ProvenancePlan;
  samples: { sample: SampleFile; report: CredentialReport }[];
  hashes: Map<string, HashResult>;
  findings: Finding[];
  /** Why the credentials could not be checked at all (the trust list is unreadable…). */
  problem?: string;
}

/** Credential reports cached by path, size and modification time (the editor re-judges on every lint). */
export class ReportCache {
  private readonly entries = new Map<string, { size: number; mtimeMs: number; anchors: string; report: CredentialReport }>();
  get(abs: string, st: { size: number; mtimeMs: number }, anchors: string): CredentialReport | undefined {
    const e = this.entries.get(abs);
    return e && e.size === st.size && e.mtimeMs === st.mtimeMs && e.anchors === anchors ? e.report : undefined;
  }
  set(abs: string, st: { size: number; mtimeMs: number }, anchors: string, report: CredentialReport): void {
    if (this.entries.size > 5000) this.entries.clear();
    this.entries.set(abs, { size: st.size, mtimeMs: st.mtimeMs, anchors, report });
  }
}

/**
 * Reads the Content Credentials of every sample the plan's globs match among `files`. Loads the
 * C2PA chunk only when there is a supported file to read. `problem` says why nothing could be
 * judged as configured (an unreadable trust list, a missing chunk).
 */
export async function readSamples(
  dir: string,
  provenance: ProvenancePlan,
  files: readonly string[],
  config: Config,
  cache?: ReportCache,
): Promise<{ samples: { sample: SampleFile; report: CredentialReport }[]; problem?: string }> {
  const samples: { sample: SampleFile; report: CredentialReport }[] = [];
  let problem: string | undefined;
  const matched = matchSamples(provenance, files);
  let trustAnchors: string | undefined;
  const anchors = ruleOptions(contentCredentialsMissing, config).trustAnchors;
  if (typeof anchors === 'string' && anchors.trim()) {
    try {
      trustAnchors = fs.readFileSync(path.resolve(dir, anchors.trim()), 'utf8');
      if (!trustAnchors.includes('-----BEGIN CERTIFICATE-----')) {
        problem = `'${anchors}' holds no PEM certificate`;
        trustAnchors = undefined;
      }
    } catch (err) {
      problem = `'${anchors}' cannot be read (${(err as Error).message})`;
    }
  }
  let c2pa: C2paChunk | undefined;
  if (matched.some((s) => c2paFormatOf(s.file))) {
    try {
      c2pa = loadC2pa();
    } catch (err) {
      return { samples: [], problem: (err as Error).message };
    }
  }
  for (const sample of matched) {
    const format = c2paFormatOf(sample.file);
    if (!format || !c2pa) {
      samples.push({ sample, report: { path: sample.file, supported: false, manifest: false, digitalSourceTypes: [], codes: [] } });
      continue;
    }
    const abs = path.join(dir, ...sample.file.split('/'));
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch {
      continue; // gone since the list was made
    }
    let report = cache?.get(abs, st, trustAnchors ?? '');
    if (!report) {
      report = await c2pa.readCredentials(abs, format, { trustAnchors });
      cache?.set(abs, st, trustAnchors ?? '', report);
    }
    samples.push({ sample, report: { ...report, path: sample.file } });
  }
  return { samples, problem };
}

/** Hashes the one file of every artifact that states a well-formed sha256 (streamed, cached). */
export async function hashChecksums(dir: string, provenance: ProvenancePlan, cache?: HashCache): Promise<Map<string, HashResult>> {
  const hashes = new Map<string, HashResult>();
  for (const c of provenance.checksums) {
    if (c.file && c.expected && !hashes.has(c.file)) hashes.set(c.file, await sha256File(path.join(dir, ...c.file.split('/')), cache));
  }
  return hashes;
}

/** Reads what the plan's provenance claims need and reports the two rules' findings. */
export async function checkProvenance(input: NodeProvenanceInput): Promise<NodeProvenanceResult> {
  const provenance = readProvenancePlan(input.release);
  const dir = path.dirname(input.planFile);
  const result: NodeProvenanceResult = { provenance, samples: [], hashes: new Map(), findings: [] };
  if (!needsProvenance(provenance)) return result;
  const readC2pa = provenance.c2pa && !!input.files;
  if (readC2pa) {
    const r = await readSamples(dir, provenance, input.files!, input.config);
    result.samples = r.samples;
    result.problem = r.problem;
  }
  if (input.hashes !== false) result.hashes = await hashChecksums(dir, provenance, input.cache);
  result.findings = provenanceFindings({
    plan: input.release,
    planPath: input.planPath ?? input.planFile,
    provenance,
    config: input.config,
    samples: readC2pa ? result.samples : undefined,
    hashes: input.hashes !== false ? result.hashes : undefined,
    problem: result.problem,
  });
  return result;
}
