/**
 * What a release plan says about provenance: its samples artifacts and their globs, whether
 * `safeguards.detectability` declares `content-credentials: c2pa`, and the artifacts that state a
 * `sha256` for one file. Reads the parsed plan only; matching globs against a file list is pure.
 */
import { picomatch } from '../util/picomatch';
import type { ReleaseDoc } from '../release/release-doc';
import { CONTENT_CREDENTIALS, SHA256_PATTERN } from '../release/schema';
import { artifactsOf, asRecord, isBlank, isPlaceholder, own } from '../rules/release/common';
import type { OffsetRange } from '../source-text';

export interface SampleGlob {
  glob: string;
  /** The glob's value in release.yaml. */
  range: OffsetRange;
}

export interface SamplesArtifact {
  label: string;
  index: number;
  /** Range of the artifact's id (or its first key) for findings about the artifact as a whole. */
  anchor: OffsetRange;
  globs: SampleGlob[];
}

export interface ChecksumArtifact {
  label: string;
  index: number;
  /** The stated digest, lower-cased, when it is 64 hex digits. */
  expected?: string;
  /** The `sha256` value as written. */
  written: string;
  range: OffsetRange;
  /** The one file it names (relative to the plan, forward slashes); undefined when paths is not a single file. */
  file?: string;
  /** Why no single file could be named. */
  problem?: string;
}

export interface ProvenancePlan {
  /** `content-credentials: c2pa` under safeguards.detectability. */
  c2pa: boolean;
  c2paRange?: OffsetRange;
  samples: SamplesArtifact[];
  checksums: ChecksumArtifact[];
}

const SHA_RE = new RegExp(SHA256_PATTERN);

function cleanGlob(g: string): string | undefined {
  const glob = g.trim().replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  if (!glob || glob === '.' || glob.startsWith('/') || glob.startsWith('../') || /^[A-Za-z]:[\\/]/.test(glob)) return undefined;
  return glob;
}

export function readProvenancePlan(plan: ReleaseDoc): ProvenancePlan {
  const root = asRecord(plan.value);
  const detect = asRecord(own(asRecord(own(root, 'safeguards')), 'detectability'));
  const cc = own(detect, 'content-credentials');
  const c2pa = typeof cc === 'string' && (CONTENT_CREDENTIALS as readonly string[]).includes(cc.trim().toLowerCase());
  const out: ProvenancePlan = { c2pa, samples: [], checksums: [] };
  if (c2pa) out.c2paRange = plan.rangeOf(['safeguards', 'detectability', 'content-credentials'], 'value');
  for (const a of artifactsOf(plan)) {
    const raw = own(a.data, 'paths');
    const entries: [unknown, (string | number)[]][] = Array.isArray(raw)
      ? raw.map((g, i) => [g, [...a.path, 'paths', i]])
      : typeof raw === 'string'
        ? [[raw, [...a.path, 'paths']]]
        : [];
    const anchor = plan.rangeOf(own(a.data, 'id') !== undefined ? [...a.path, 'id'] : a.path, 'value');
    if (own(a.data, 'content') === 'samples') {
      const globs: SampleGlob[] = [];
      for (const [g, p] of entries) {
        if (typeof g !== 'string' || isBlank(g) || isPlaceholder(g)) continue;
        const glob = cleanGlob(g);
        if (glob) globs.push({ glob, range: plan.rangeOf(p, 'value') });
      }
      out.samples.push({ label: a.label, index: a.index, anchor, globs });
    }
    const sha = own(a.data, 'sha256');
    if (sha !== undefined && sha !== null) {
      const range = plan.rangeOf([...a.path, 'sha256'], 'value');
      // The text as written: a plain digest of digits only is a number to YAML, but still a digest.
      const written = plan.source.text.slice(range.start, range.end).trim().replace(/^(["'])(.*)\1$/, '$2');
      const c: ChecksumArtifact = { label: a.label, index: a.index, written, range };
      if (SHA_RE.test(written)) c.expected = written.toLowerCase();
      const globs = entries.filter(([g]) => typeof g === 'string' && !isBlank(g));
      if (globs.length !== 1) c.problem = globs.length ? `its paths name ${globs.length} entries` : 'it has no paths';
      else {
        const one = cleanGlob(globs[0][0] as string);
        if (!one) c.problem = `its path '${globs[0][0]}' lies outside the plan's folder`;
        else if (picomatch.scan(one).isGlob) c.problem = `its path '${one}' is a glob, not one file`;
        else c.file = one;
      }
      out.checksums.push(c);
    }
  }
  return out;
}

/** Whether a plan has anything for the provenance checks to do. */
export function needsProvenance(p: ProvenancePlan): boolean {
  return (p.c2pa && p.samples.length > 0) || p.checksums.length > 0;
}

export interface SampleFile {
  /** Relative to the plan's folder, forward slashes. */
  file: string;
  artifact: SamplesArtifact;
  glob: SampleGlob;
}

/** The files (relative, forward slashes) that each samples artifact's globs match; a file counts once, for the first glob. */
export function matchSamples(p: ProvenancePlan, files: readonly string[]): SampleFile[] {
  const out: SampleFile[] = [];
  const seen = new Set<string>();
  for (const artifact of p.samples) {
    for (const glob of artifact.globs) {
      const m = picomatch(glob.glob, { dot: true });
      const under = glob.glob + '/';
      for (const f of files) {
        if (seen.has(f)) continue;
        // A folder named without a glob ("samples") covers what is inside it.
        if (m(f) || f.startsWith(under)) {
          seen.add(f);
          out.push({ file: f, artifact, glob });
        }
      }
    }
  }
  return out;
}
