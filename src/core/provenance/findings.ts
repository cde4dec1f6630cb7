/**
 * Findings of the provenance rules from what a host read: `content-credentials-missing` on the
 * glob in release.yaml that matched the sample (the message names the file), and
 * `artifact-checksum-mismatch` on the stated `sha256`, with a fix that writes the current digest.
 * Severities come from the configuration; inline suppressions in the plan apply.
 */
import { ruleSeverity, type Config } from '../config';
import type { ReleaseDoc } from '../release/model';
import { artifactChecksumMismatch, contentCredentialsMissing } from '../rules/workspace';
import { filterSuppressed, scanSuppressions } from '../suppress';
import type { OffsetRange } from '../text';
import type { Finding, Fix, Severity } from '../types';
import { failureCodes, judgeCredentials, sourceTypeName, type CredentialReport } from './model';
import type { ProvenancePlan, SampleFile } from './plan';

/** What hashing one file gave: its digest, or why it could not be hashed. */
export type HashResult = { sha256: string; size: number } | { error: string };

export interface ProvenanceFindingInput {
  plan: ReleaseDoc;
  /** The path findings carry for the plan file. */
  planPath: string;
  provenance: ProvenancePlan;
  config: Config;
  /** Sample files matched by the plan, with what their credentials say (absent when not read). */
  samples?: readonly { sample: SampleFile; report: CredentialReport }[];
  /** Digest per checksum artifact's file (relative path). */
  hashes?: ReadonlyMap<string, HashResult>;
  /** Why credentials could not be judged as configured (an unreadable trust list). */
  problem?: string;
}

function article(a: { label: string }): string {
  return a.label.startsWith('#') ? `artifact ${a.label}` : `artifact '${a.label}'`;
}

function signerText(r: CredentialReport): string {
  const s = r.signer;
  if (!s) return 'an unknown signer';
  const who = [s.commonName, s.issuer].filter(Boolean).join(', ');
  return who ? `'${who}'` : 'an unnamed signer';
}

/** A list of names shown in a message: the first few, then a count. */
function listed(items: string[], max = 5): string {
  const shown = items.slice(0, max).map((s) => `'${s}'`);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}

/** The new `sha256` scalar, keeping the quoting the author used; a bare digest that YAML would read as a number is quoted. */
function digestText(old: string, digest: string): string {
  const q = old.trimStart()[0];
  if (q === '"' || q === "'") return `${q}${digest}${q}`;
  return /^[0-9]+(?:[eE][0-9]+)?$/.test(digest) ? `"${digest}"` : digest;
}

export function provenanceFindings(input: ProvenanceFindingInput): Finding[] {
  const { plan, planPath, provenance, config } = input;
  const source = plan.source;
  const out: Finding[] = [];
  const push = (rule: string, severity: Severity, message: string, range: OffsetRange, extra: Partial<Finding> = {}) =>
    out.push({ rule, severity, message, path: planPath, file: 'release', range, start: source.positionAt(range.start), end: source.positionAt(range.end), ...extra });

  const ccSeverity = ruleSeverity(contentCredentialsMissing, config);
  if (ccSeverity !== 'off' && provenance.c2pa && input.samples) {
    if (input.problem) push(contentCredentialsMissing.meta.name, 'warning', input.problem.startsWith('the C2PA reader') ? `Content credentials could not be checked: ${input.problem}.` : `Content credentials were checked without a trust list: ${input.problem} (trustAnchors in .impact-notes.yaml).`, provenance.c2paRange ?? { start: 0, end: 0 });
    const unsupported = new Map<string, { artifact: SampleFile['artifact']; files: string[] }>();
    for (const { sample, report } of input.samples) {
      const verdict = judgeCredentials(report);
      const file = sample.file;
      const where = `in the paths of ${article(sample.artifact)}`;
      const data = { file, verdict, artifact: sample.artifact.label };
      switch (verdict) {
        case 'ok':
          break;
        case 'unsupported': {
          const u = unsupported.get(sample.artifact.label) ?? { artifact: sample.artifact, files: [] };
          u.files.push(file);
          unsupported.set(sample.artifact.label, u);
          break;
        }
        case 'missing':
          push(contentCredentialsMissing.meta.name, ccSeverity, `'${file}' (${where}) carries no C2PA Content Credentials, though the plan declares them for every sample: sign it with a C2PA tool that marks it as generated.`, sample.glob.range, { data });
          break;
        case 'not-generated': {
          const types = report.digitalSourceTypes.map(sourceTypeName);
          const said = types.length ? `declares the digital source type ${listed(types)}` : 'declares no digital source type';
          push(contentCredentialsMissing.meta.name, ccSeverity, `'${file}' (${where}) has Content Credentials, but its active manifest ${said}, not trainedAlgorithmicMedia, compositeWithTrainedAlgorithmicMedia or algorithmicMedia: a viewer cannot tell it was generated.`, sample.glob.range, { data });
          break;
        }
        case 'invalid':
          push(contentCredentialsMissing.meta.name, 'error', `'${file}' (${where}) fails C2PA validation (${listed(failureCodes(report))}): it was changed after it was signed, or the signature is broken. Sign the published version again.`, sample.glob.range, { data });
          break;
        case 'unreadable':
          push(contentCredentialsMissing.meta.name, 'error', `'${file}' (${where}) cannot be read with its Content Credentials (${report.error}): the file or its manifest is damaged or truncated. Sign the published version again.`, sample.glob.range, { data });
          break;
        case 'untrusted':
          push(contentCredentialsMissing.meta.name, 'info', `'${file}' (${where}) is marked as generated and its manifest validates, but its signer ${signerText(report)} is not on the trust list in use${report.signer?.issuer?.includes('Test') ? ' (a test certificate)' : ''}: add your signing root to trustAnchors if you trust it.`, sample.glob.range, { data });
          break;
      }
    }
    for (const { artifact, files } of unsupported.values()) {
      push(contentCredentialsMissing.meta.name, 'info', `${files.length === 1 ? 'One file' : `${files.length} files`} in the paths of ${article(artifact)} ${files.length === 1 ? 'is' : 'are'} in a format that cannot carry C2PA Content Credentials here, so ${files.length === 1 ? 'it was' : 'they were'} not checked: ${listed(files)}.`, artifact.anchor, { data: { artifact: artifact.label, unsupported: files.length } });
    }
  }

  const sumSeverity = ruleSeverity(artifactChecksumMismatch, config);
  if (sumSeverity !== 'off' && input.hashes) {
    for (const c of provenance.checksums) {
      const name = artifactChecksumMismatch.meta.name;
      if (c.problem) {
        push(name, sumSeverity, `The sha256 of ${article(c)} cannot be checked: ${c.problem}. A checksum needs paths to name exactly one file.`, c.range);
        continue;
      }
      if (!c.expected) {
        push(name, sumSeverity, `The sha256 of ${article(c)} is not a SHA-256 digest (64 hexadecimal digits).`, c.range);
        continue;
      }
      const got = c.file ? input.hashes.get(c.file) : undefined;
      if (!got || !c.file) continue;
      if ('error' in got) {
        push(name, sumSeverity, `'${c.file}' of ${article(c)} could not be hashed: ${got.error}.`, c.range, { data: { file: c.file } });
        continue;
      }
      if (got.sha256 === c.expected) continue;
      const fix: Fix = { title: `Write the current SHA-256 of '${c.file}'`, edits: [{ file: 'release', range: c.range, newText: digestText(source.text.slice(c.range.start, c.range.end), got.sha256) }] };
      push(name, sumSeverity, `'${c.file}' of ${article(c)} has SHA-256 ${got.sha256}, not the ${c.expected.slice(0, 12)}… the plan states: the file changed since the digest was written, or the digest is wrong.`, c.range, { fix, data: { file: c.file, sha256: got.sha256 } });
    }
  }
  return filterSuppressed(out, 'release', scanSuppressions(source, 'release'));
}
