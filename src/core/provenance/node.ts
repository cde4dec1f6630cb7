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
import type { ReleaseDoc } from '../release/model';
import { contentCredentialsMissing } from '../rules/workspace';
import type { Finding } from '../types';
import { HashCache } from './cache';
import { provenanceFindings, type HashResult } from './findings';
import { c2paFormatOf, type CredentialReport } from './model';
import { matchSamples, needsProvenance, readProvenancePlan, type ProvenancePlan, type SampleFile } from './plan';

/** Read size for hashing: memory stays at about this much per file, whatever the file's size. */
const CHUNK = 1 << 20;

/** SHA-256 of a file, streamed in 1 MiB pieces; from the cache when size and mtime are unchanged. */
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
  try {
    for await (const chunk of fs.createReadStream(abs, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  } catch (err) {
    return { error: (err as Error).message };
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
 * Loads the C2PA chunk: dist/c2pa.js beside the running bundle, or the TypeScript source when
 * running from source (tests, tsx). createRequire keeps the bundler from inlining it.
 */
export function loadC2pa(): C2paChunk {
  if (chunk) return chunk;
  const req = createRequire(__filename);
  const bundled = path.join(__dirname, 'c2pa.js');
  const candidates = [bundled, path.join(__dirname, '..', '..', 'c2pa', 'reader.ts')];
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

/** Reads what the plan's provenance claims need and reports the two rules' findings. */
export async function checkProvenance(input: NodeProvenanceInput): Promise<NodeProvenanceResult> {
  const provenance = readProvenancePlan(input.release);
  const dir = path.dirname(input.planFile);
  const samples: NodeProvenanceResult['samples'] = [];
  const hashes = new Map<string, HashResult>();
  const result: NodeProvenanceResult = { provenance, samples, hashes, findings: [] };
  if (!needsProvenance(provenance)) return result;
  const abs = (rel: string) => path.join(dir, ...rel.split('/'));

  if (provenance.c2pa && input.files) {
    const matched = matchSamples(provenance, input.files);
    const supported = matched.filter((s) => c2paFormatOf(s.file));
    let trustAnchors: string | undefined;
    const anchors = ruleOptions(contentCredentialsMissing, input.config).trustAnchors;
    if (typeof anchors === 'string' && anchors.trim()) {
      try {
        trustAnchors = fs.readFileSync(path.resolve(dir, anchors.trim()), 'utf8');
        if (!trustAnchors.includes('-----BEGIN CERTIFICATE-----')) {
          result.problem = `'${anchors}' holds no PEM certificate`;
          trustAnchors = undefined;
        }
      } catch (err) {
        result.problem = `'${anchors}' cannot be read (${(err as Error).message})`;
      }
    }
    let c2pa: C2paChunk | undefined;
    if (supported.length) {
      try {
        c2pa = loadC2pa();
      } catch (err) {
        result.problem = (err as Error).message;
        result.findings = provenanceFindings({ plan: input.release, planPath: input.planPath ?? input.planFile, provenance, config: input.config, samples: [], problem: result.problem });
        return result;
      }
    }
    for (const sample of matched) {
      const format = c2paFormatOf(sample.file);
      if (!format || !c2pa) {
        samples.push({ sample, report: { path: sample.file, supported: false, manifest: false, digitalSourceTypes: [], codes: [] } });
        continue;
      }
      const report = await c2pa.readCredentials(abs(sample.file), format, { trustAnchors });
      samples.push({ sample, report: { ...report, path: sample.file } });
    }
  }
  if (input.hashes !== false) {
    for (const c of provenance.checksums) {
      if (c.file && c.expected && !hashes.has(c.file)) hashes.set(c.file, await sha256File(abs(c.file), input.cache));
    }
  }
  result.findings = provenanceFindings({
    plan: input.release,
    planPath: input.planPath ?? input.planFile,
    provenance,
    config: input.config,
    samples: provenance.c2pa && input.files ? samples : undefined,
    hashes: input.hashes !== false ? hashes : undefined,
    problem: result.problem,
  });
  return result;
}
