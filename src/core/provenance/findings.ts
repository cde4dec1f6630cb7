/**
 * Findings of the provenance rules from what a host read: runs `content-credentials-missing` and
 * `artifact-checksum-mismatch` (src/core/rules/workspace) on one plan. Severities come from the
 * configuration; inline suppressions in the plan apply.
 */
import type { Config } from '../config';
import { runWorkspaceRule } from '../rules/define';
import { artifactChecksumMismatch, contentCredentialsMissing } from '../rules/workspace';
import type { ProvenanceInput } from '../rules/workspace/inputs';
import { filterSuppressed, scanSuppressions } from '../suppress';
import type { Finding } from '../types';

export type { HashResult } from '../rules/workspace/inputs';

export interface ProvenanceFindingInput extends ProvenanceInput {
  config: Config;
}

export function provenanceFindings(input: ProvenanceFindingInput): Finding[] {
  const out = [contentCredentialsMissing, artifactChecksumMismatch].flatMap((rule) => runWorkspaceRule(rule, input, input.config));
  return filterSuppressed(out, 'release', scanSuppressions(input.plan.source, 'release'));
}
