import type { Rule } from '../../types';

/**
 * A release plan whose folder holds research artifacts that none of its artifacts' `paths` match.
 * A workspace rule: discovery reports it on the plan's `artifacts:` key.
 */
export const artifactUncovered: Rule = {
  meta: {
    name: 'artifact-uncovered',
    description: "Research artifacts in a release plan's folder match none of its artifacts' paths.",
    scope: 'workspace',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release content)',
  },
  check() {
    // Reported by discovery, not per pair.
  },
};
