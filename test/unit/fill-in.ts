/**
 * What counts as a "fill this in" finding on a fresh scaffold:
 *  - one from a rule whose only job is to say "this still needs your words" (FILL_IN_RULES);
 *  - one from any rule that sits exactly on a TODO placeholder the scaffold wrote (e.g. a timing
 *    `event: TODO …` reported as still a placeholder);
 *  - one on the heading of a section whose body is nothing but a TODO placeholder (e.g. "the
 *    Benefits section holds only a placeholder").
 * Anything else firing on a fresh scaffold means the scaffold (or the rule) is wrong. Extend
 * FILL_IN_RULES only with pure fill-in rules.
 */
import type { ImpactDoc } from '../../src/core/impact/impact-doc';
import type { OffsetRange } from '../../src/core/source-text';

export const FILL_IN_RULES: ReadonlySet<string> = new Set(['placeholder-text']);

const PLACEHOLDER_RE = /_TODO:[^_]*(?:\\_[^_]*)*_/g;

/** Whether a section's body, without TODO placeholders and comments, has no words left. */
function onlyPlaceholder(text: string): boolean {
  if (!/(?<![A-Za-z])TODO(?![A-Za-z])/.test(text)) return false;
  return !/[\p{L}\p{N}]/u.test(text.replace(/<!--[\s\S]*?-->/g, '').replace(PLACEHOLDER_RE, ''));
}

export function isFillIn(rule: string, text: string, range: OffsetRange, impact?: ImpactDoc): boolean {
  if (FILL_IN_RULES.has(rule)) return true;
  if (/(?<![A-Za-z])TODO(?![A-Za-z])/.test(text.slice(range.start, range.end))) return true;
  if (impact) {
    const parts = impact.sections.flatMap((s) => [s, ...s.subsections]);
    const part = parts.find((p) => p.heading.range.start === range.start && p.heading.range.end === range.end);
    if (part) {
      const body = text.slice(impact.source.lineEnd(part.heading.line), part.range.end);
      if (onlyPlaceholder(body)) return true;
    }
  }
  return false;
}
