/**
 * Findings from research roots: discovery runs the workspace rules that read a root
 * (`local-only-artifact`, `release-plan-missing` on the root's most telling marker file,
 * `artifact-uncovered` on the release plan). Severities and on/off come from the configuration that
 * applies in the root's folder, like any other rule; inline suppressions in the plan apply too.
 */
import type { Config } from '../config';
import { runWorkspaceRule } from '../rules/define';
import { artifactUncovered, localOnlyArtifact, releasePlanMissing } from '../rules/workspace';
import type { Finding } from '../types';
import type { ResearchRoot } from './roots';

export { describeMarkers, folderLabel, summarizeCounts } from './describe';

export interface FindingOptions {
  /** The configuration in effect in a folder (relative like the roots). */
  configFor(dir: string): Config;
  /** The path a finding carries for a relative path (absolute in the CLI, workspace-relative in the editor). */
  pathOf(rel: string): string;
}

/** Findings for one root (none when it is covered, or its rules are off there). */
export function rootFindings(root: ResearchRoot, options: FindingOptions): Finding[] {
  if ((root.status === 'covered' || !root.uncovered.length) && !root.localUndeclared.length) return [];
  const config = options.configFor(root.dir);
  const input = { root, pathOf: options.pathOf };
  return [localOnlyArtifact, releasePlanMissing, artifactUncovered].flatMap((rule) => runWorkspaceRule(rule, input, config));
}

/** Findings for every root. */
export function discoveryFindings(roots: readonly ResearchRoot[], options: FindingOptions): Finding[] {
  return roots.flatMap((r) => rootFindings(r, options));
}
