/**
 * The findings the engine itself reports, not any rule: a rule that failed, a file that was not
 * checked, a suppression comment naming no rule. They cannot be configured, but they have ids,
 * doc pages (docs/rules/<name>.md), SARIF entries and quick fixes like rules, so their metadata
 * lives here, once: the engine, the CLI's output, the rule docs, the editor and the language
 * server read it from this list.
 */
import type { RuleMeta } from '../types';

export const INTERNAL_ERROR = 'internal-error';
export const FILE_SKIPPED = 'file-skipped';
export const UNKNOWN_RULE = 'suppression-unknown-rule';

/** The engine's own findings. `scope` is 'pair': they sit in either file of a pair. */
export const ENGINE_FINDINGS: readonly RuleMeta[] = Object.freeze([
  {
    name: INTERNAL_ERROR,
    description: 'A rule failed while checking the files, or reported a position outside them; the other rules still ran.',
    scope: 'pair',
    defaultSeverity: 'error',
    fixable: false,
  },
  {
    name: FILE_SKIPPED,
    description: 'A file was not checked because it is too large, does not look like text, or nests too deeply.',
    scope: 'pair',
    defaultSeverity: 'warning',
    fixable: false,
  },
  {
    name: UNKNOWN_RULE,
    description: 'A suppression comment names a rule that does not exist, so it suppresses nothing for that name.',
    scope: 'pair',
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
  },
] satisfies RuleMeta[]);

/** Whether a finding's rule id is one of the engine's own findings. */
export function isEngineFinding(name: string): boolean {
  return ENGINE_FINDINGS.some((m) => m.name === name);
}
