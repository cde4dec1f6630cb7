/**
 * Workspace rules (scope 'workspace'): findings about the folder tree rather than one pair. The
 * engine's lint() skips them; discovery (src/core/discovery) and the provenance check
 * (src/core/provenance) report them with this metadata.
 */
import type { Rule } from '../../types';
import { artifactChecksumMismatch } from './artifact-checksum-mismatch';
import { artifactUncovered } from './artifact-uncovered';
import { contentCredentialsMissing } from './content-credentials-missing';
import { localOnlyArtifact } from './local-only-artifact';
import { releasePlanMissing } from './release-plan-missing';

export { artifactChecksumMismatch, artifactUncovered, contentCredentialsMissing, localOnlyArtifact, releasePlanMissing };

export const workspaceRules: readonly Rule[] = [releasePlanMissing, artifactUncovered, localOnlyArtifact];

/** Rules whose findings need file bytes (hashes, C2PA manifests), reported by src/core/provenance. */
export const provenanceRules: readonly Rule[] = [contentCredentialsMissing, artifactChecksumMismatch];
