/** What the workspace rules are given by the parts of the product that gather it. */
import type { ResearchRoot } from '../../discovery/roots';
import type { CredentialReport } from '../../provenance/credentials';
import type { ProvenancePlan, SampleFile } from '../../provenance/plan';
import type { ReleaseDoc } from '../../release/release-doc';
import type { OffsetRange } from '../../source-text';
import type { WorkspaceReport } from '../../types';

/** Discovery's rules (release-plan-missing, artifact-uncovered, local-only-artifact): one research root. */
export interface RootInput {
  root: ResearchRoot;
  /** The path a finding carries for a relative path (absolute in the CLI, workspace-relative in the editor). */
  pathOf(rel: string): string;
}

/** What hashing one file gave: its digest, or why it could not be hashed. */
export type HashResult = { sha256: string; size: number } | { error: string };

/** The provenance check's rules (content-credentials-missing, artifact-checksum-mismatch): one plan and what a host read. */
export interface ProvenanceInput {
  plan: ReleaseDoc;
  /** The path findings carry for the plan file. */
  planPath: string;
  provenance: ProvenancePlan;
  /** Sample files matched by the plan, with what their credentials say (absent when not read). */
  samples?: readonly { sample: SampleFile; report: CredentialReport }[];
  /** Digest per checksum artifact's file (relative path). */
  hashes?: ReadonlyMap<string, HashResult>;
  /** Why credentials could not be judged as configured (an unreadable trust list). */
  problem?: string;
}

/** A finding on a range of the plan file, as both provenance rules report them. */
export function onPlan(input: ProvenanceInput, message: string, range: OffsetRange, extra: Partial<WorkspaceReport> = {}): WorkspaceReport {
  const source = input.plan.source;
  return { message, path: input.planPath, file: 'release', range, start: source.positionAt(range.start), end: source.positionAt(range.end), ...extra };
}
