/** The explicit list of rules. Docs, the configuration schema and settings are generated from it. */
import type { Rule } from '../types';
import { impactRules } from './impact';
import { releaseRules } from './release';
import { pairRules } from './pair';
import { provenanceRules, workspaceRules } from './workspace';

export const allRules: readonly Rule[] = [...impactRules, ...releaseRules, ...pairRules, ...workspaceRules, ...provenanceRules];

export function findRule(name: string): Rule | undefined {
  return allRules.find((r) => r.meta.name === name);
}
