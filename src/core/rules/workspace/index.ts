/**
 * Workspace rules (scope 'workspace'): findings about the folder tree rather than one pair. The
 * engine's lint() skips them; discovery (src/core/discovery) reports them with this metadata.
 */
import type { Rule } from '../../types';
import { artifactUncovered } from './artifact-uncovered';
import { localOnlyArtifact } from './local-only-artifact';
import { releasePlanMissing } from './release-plan-missing';

export { artifactUncovered, localOnlyArtifact, releasePlanMissing };

export const workspaceRules: readonly Rule[] = [releasePlanMissing, artifactUncovered, localOnlyArtifact];
