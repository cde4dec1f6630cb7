import type { OffsetRange } from '../../source-text';
import { defineImpactRule } from '../define';
import { isBareDismissal } from './lib/dismissal';
import { placeholderSpans } from './lib/placeholders';
import { countWords } from '../../util/letters';
import { factorEntries, hazardEntries, type TextAnswer } from './lib/structure';

/**
 * A hazard rationale or a factor's reasoning in a handful of words rarely shows the thinking
 * behind the answer. Placeholders are placeholder-text's, and bare "N/A" or "unlikely" is
 * boilerplate-dismissal's, so neither is reported here — unless boilerplate-dismissal is turned
 * off, in which case a bare dismissal is just a rationale that is too short.
 */
export const rationaleTooShort = defineImpactRule({
  meta: {
    name: 'rationale-too-short',
    description: "A hazard's rationale or a path-to-harm factor's reasoning is shorter than a few words.",
    defaultSeverity: 'info',
    fixable: false,
    options: {
      minWords: { type: 'number', default: 8, description: 'Fewest words a rationale or a reasoning must have.' },
    },
    source: 'Ovadya & Whittlestone 2019, §2.1–§2.2',
  },
  check(ctx) {
    const doc = ctx.impact;
    const min = Number(ctx.options.minWords ?? 8);
    const dismissalsReported = ctx.ruleEnabled?.('boilerplate-dismissal') ?? true;
    const check = (answer: TextAnswer, what: () => string) => {
      if (answer.state !== 'filled' || !answer.range) return;
      const raw = doc.source.text.slice(answer.range.start, answer.range.end);
      // Counting stops at `min` words, so most answers leave here cheaply.
      const n = countWords(answer.text ?? raw, min);
      if (n >= min) return;
      if (placeholderSpans(raw).length || (dismissalsReported && isBareDismissal(raw))) return;
      ctx.report({
        message: `${what()} is ${n} word${n === 1 ? '' : 's'} long: give at least ${min}, saying what the answer rests on (evidence, the artifacts released, who could misuse it).`,
        file: 'impact',
        range: trimmed(doc.source.text, answer.range),
        data: { words: n },
      });
    };
    for (const e of hazardEntries(doc) ?? []) {
      if (e.sub || e.compact) check(e.rationale, () => `The rationale for '${e.sub?.heading.text ?? e.compact!.key}'`);
    }
    for (const e of factorEntries(doc) ?? []) {
      if (e.marker || e.sub) check(e.reasoning, () => `The reasoning for '${e.marker?.key ?? e.sub!.heading.text}'`);
    }
  },
});

function trimmed(text: string, r: OffsetRange): OffsetRange {
  let { start, end } = r;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
