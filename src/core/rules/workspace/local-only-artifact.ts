import type { Rule } from '../../types';

/**
 * Model weights, datasets or training code that exist only on this disk: gitignored and not
 * tracked in a git working copy. A workspace rule: discovery reports it (on the release plan, or on
 * the file when there is no plan) unless an artifact's `paths` in the plan declare the files.
 */
export const localOnlyArtifact: Rule = {
  meta: {
    name: 'local-only-artifact',
    description: 'Research artifacts are gitignored and untracked (they stay on this disk), and no release plan declares them.',
    scope: 'workspace',
    defaultSeverity: 'info',
    fixable: false,
    source: 'SPEC §4; release content and distribution from Ovadya & Whittlestone 2019, §3.4',
  },
  check() {
    // Reported by discovery, not per pair.
  },
};
