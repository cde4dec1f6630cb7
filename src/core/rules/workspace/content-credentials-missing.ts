import { article, listed } from '../../provenance/describe';
import { failureCodes, judgeCredentials, sourceTypeName, type CredentialReport } from '../../provenance/credentials';
import type { SampleFile } from '../../provenance/plan';
import { defineWorkspaceRule } from '../define';
import { onPlan, type ProvenanceInput } from './inputs';

function signerText(r: CredentialReport): string {
  const s = r.signer;
  if (!s) return 'an unknown signer';
  const who = [s.commonName, s.issuer].filter(Boolean).join(', ');
  return who ? `'${who}'` : 'an unnamed signer';
}

/**
 * A sample the plan says is marked, that is not: no C2PA manifest, no "generated" digital source
 * type, or a manifest that no longer validates. A workspace rule: it needs the files' bytes, so the
 * provenance check (src/core/provenance) runs it when a host has read them, and it reports on the
 * glob in release.yaml that matched the sample (the message names the file).
 */
export const contentCredentialsMissing = defineWorkspaceRule<ProvenanceInput>({
  meta: {
    name: 'content-credentials-missing',
    description:
      "The plan declares C2PA Content Credentials for its samples, and a sample has none, is not marked as generated, or fails validation.",
    defaultSeverity: 'error',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (detectability, watermarking, referenceability); EU AI Act Art. 50(2)',
    options: {
      trustAnchors: {
        type: 'string',
        default: '',
        description:
          "A PEM file of trust anchors (root or intermediate certificates), relative to the release plan's folder. Manifests whose signer chains to one of them count as trusted; others get an informational note.",
      },
    },
  },
  checkWorkspace(input, ctx) {
    const { provenance } = input;
    if (!provenance.c2pa || !input.samples) return;
    if (input.problem) {
      const message = input.problem.startsWith('the C2PA reader') ? `Content credentials could not be checked: ${input.problem}.` : `Content credentials were checked without a trust list: ${input.problem} (trustAnchors in .impact-notes.yaml).`;
      ctx.report({ ...onPlan(input, message, provenance.c2paRange ?? { start: 0, end: 0 }), severity: 'warning' });
    }
    const unsupported = new Map<string, { artifact: SampleFile['artifact']; files: string[] }>();
    for (const { sample, report } of input.samples) {
      const verdict = judgeCredentials(report);
      const file = sample.file;
      const where = `in the paths of ${article(sample.artifact)}`;
      const data = { file, verdict, artifact: sample.artifact.label };
      const on = (message: string) => onPlan(input, message, sample.glob.range, { data });
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
          ctx.report(on(`'${file}' (${where}) carries no C2PA Content Credentials, though the plan declares them for every sample: sign it with a C2PA tool that marks it as generated.`));
          break;
        case 'not-generated': {
          const types = report.digitalSourceTypes.map(sourceTypeName);
          const said = types.length ? `declares the digital source type ${listed(types)}` : 'declares no digital source type';
          ctx.report(on(`'${file}' (${where}) has Content Credentials, but its active manifest ${said}, not trainedAlgorithmicMedia, compositeWithTrainedAlgorithmicMedia or algorithmicMedia: a viewer cannot tell it was generated.`));
          break;
        }
        case 'invalid':
          ctx.report({ ...on(`'${file}' (${where}) fails C2PA validation (${listed(failureCodes(report))}): it was changed after it was signed, or the signature is broken. Sign the published version again.`), severity: 'error' });
          break;
        case 'unreadable':
          ctx.report({ ...on(`'${file}' (${where}) cannot be read with its Content Credentials (${report.error}): the file or its manifest is damaged or truncated. Sign the published version again.`), severity: 'error' });
          break;
        case 'untrusted':
          ctx.report({ ...on(`'${file}' (${where}) is marked as generated and its manifest validates, but its signer ${signerText(report)} is not on the trust list in use${report.signer?.issuer?.includes('Test') ? ' (a test certificate)' : ''}: add your signing root to trustAnchors if you trust it.`), severity: 'info' });
          break;
      }
    }
    for (const { artifact, files } of unsupported.values()) {
      const message = `${files.length === 1 ? 'One file' : `${files.length} files`} in the paths of ${article(artifact)} ${files.length === 1 ? 'is' : 'are'} in a format that cannot carry C2PA Content Credentials here, so ${files.length === 1 ? 'it was' : 'they were'} not checked: ${listed(files)}.`;
      ctx.report({ ...onPlan(input, message, artifact.anchor, { data: { artifact: artifact.label, unsupported: files.length } }), severity: 'info' });
    }
  },
});
