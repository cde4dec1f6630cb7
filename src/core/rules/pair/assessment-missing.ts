import type { Fix } from '../../types';
import { definePairRule } from '../define';
import { didYouMean } from '../../util/suggest';

/**
 * A release plan needs the assessment it rests on: either `assessment:` names an existing file, or
 * an IMPACT.md sits beside the plan. Silent when the caller cannot tell whether files exist.
 */
export const assessmentMissing = definePairRule({
  meta: {
    name: 'assessment-missing',
    description: "release.yaml's `assessment:` points at a file that does not exist, or the plan has no impact assessment at all.",
    defaultSeverity: 'error',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.2 (assess before release)',
  },
  check(ctx) {
    const release = ctx.release;
    if (!release || !ctx.exists || release.value === undefined) return;
    const value = release.get(['assessment']);
    if (value === undefined || value === null) {
      // No key: the plan must have an IMPACT.md beside it.
      if (ctx.impact || !release.declared) return;
      if (ctx.exists('IMPACT.md') !== false) return;
      ctx.report({
        message:
          "This release plan has no impact assessment: there is no IMPACT.md beside it and no 'assessment:' key. " +
          "Write one beside the plan (`impact-notes init` scaffolds it), or point 'assessment:' at the file that holds it.",
        file: 'release',
        range: release.rangeOf(['impact-release'], 'key'),
      });
      return;
    }
    if (typeof value !== 'string' || !value.trim()) return; // the schema reports wrong types and empty values
    const target = value.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return; // a URL: cannot be checked here
    const rel = target.replace(/^(\.\/)+/, '');
    if (ctx.exists(rel) !== false) return;
    const range = release.rangeOf(['assessment'], 'value');
    const candidates = (ctx.files ?? []).filter((f) => /\.(md|markdown)$/i.test(f));
    const guess = didYouMean(rel, candidates) ?? (ctx.exists('IMPACT.md') ? 'IMPACT.md' : undefined);
    const suggestions: Fix[] | undefined =
      guess && guess !== rel ? [{ title: `Change to '${guess}'`, edits: [{ file: 'release', range, newText: guess }] }] : undefined;
    ctx.report({
      message:
        `'assessment: ${target}' points at a file that does not exist (paths are relative to release.yaml).` +
        (guess && guess !== rel ? ` Did you mean '${guess}'?` : ' Fix the path or create the assessment.'),
      file: 'release',
      range,
      suggestions,
    });
  },
});
