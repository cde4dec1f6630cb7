/**
 * Workspace rules (scope 'workspace'): findings about the folder tree or the files' bytes rather
 * than one pair's text. The engine's lint() does not run them; discovery (src/core/discovery) runs
 * the first list on each research root and the provenance check (src/core/provenance) runs the
 * second on each plan, through runWorkspaceRule, so severities and options come from the
 * configuration as for any rule.
 */
import type { Rule } from '../../types';
import { artifactChecksumMismatch } from './artifact-checksum-mismatch';
import { artifactUncovered } from './artifact-uncovered';
import { contentCredentialsMissing } from './content-credentials-missing';
import { localOnlyArtifact } from './local-only-artifact';
import { releasePlanMissing } from './release-plan-missing';

export { artifactChecksumMismatch, artifactUncovered, contentCredentialsMissing, localOnlyArtifact, releasePlanMissing };

/** Rules about research roots, run by discovery. */
export const workspaceRules: readonly Rule[] = [releasePlanMissing, artifactUncovered, localOnlyArtifact];

/** Rules whose findings need file bytes (hashes, C2PA manifests), run by src/core/provenance. */
export const provenanceRules: readonly Rule[] = [contentCredentialsMissing, artifactChecksumMismatch];
