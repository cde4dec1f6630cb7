import type { Rule } from '../../types';

/**
 * Research artifacts (weights, datasets, training code) that no release plan covers. A workspace
 * rule: the engine's per-pair lint skips it; discovery (src/core/discovery) reports it on the
 * marker file, with this metadata, so severities and options come from the configuration as usual.
 */
export const releasePlanMissing: Rule = {
  meta: {
    name: 'release-plan-missing',
    description: 'A folder holds research artifacts (model weights, datasets, training code) and no release plan covers them.',
    scope: 'workspace',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release content)',
    options: {
      respectGitignore: {
        type: 'boolean',
        default: true,
        description: 'Leave out files that .gitignore excludes (set to false when checkpoints and data are gitignored but still released).',
      },
    },
  },
  check() {
    // Reported by discovery, not per pair.
  },
};
