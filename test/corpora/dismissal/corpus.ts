/**
 * The labelled dismissal corpus (sentences.jsonl, see SOURCES.md) and how `boilerplate-dismissal` is
 * scored on it. Used by the unit test (floors) and by `npm run bench` (the numbers).
 *
 * Every sentence is placed, alone, in an IMPACT.md at two places where authors write about harm: as
 * the rationale of the product hazard, and as a paragraph under "Indirect harms". The rule is run on
 * each document; a sentence counts as flagged when a finding overlaps it.
 *
 * Split: every 4th sentence (index 3, 7, 11, …) is held out, except the examples quoted in issue 11,
 * which are requirements. The rule is tuned on the others; the held-out part is only scored.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from '../../../src/core/engine';
import { boilerplateDismissal } from '../../../src/core/rules/impact/boilerplate-dismissal';

export type Label = 'opt-out' | 'engaged';
export interface Sentence {
  text: string;
  label: Label;
  source: string;
}
export type Split = 'tuning' | 'held-out';
export type Placement = 'hazard-rationale' | 'indirect-harms';
export const PLACEMENTS: readonly Placement[] = ['hazard-rationale', 'indirect-harms'];

export function loadCorpus(file = path.join(__dirname, 'sentences.jsonl')): Sentence[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Sentence);
}

/** Sentences quoted in issue 11 are requirements: they are always in the tuning split. */
export function isIssueExample(s: Sentence): boolean {
  return s.source.startsWith('example quoted in issue 11');
}

export function splitOf(index: number, s?: Sentence): Split {
  return index % 4 === 3 && !(s && isIssueExample(s)) ? 'held-out' : 'tuning';
}

/** An IMPACT.md with `sentence` at `placement`, and where the sentence starts in it. */
export function placeSentence(sentence: string, placement: Placement): { text: string; start: number } {
  const head = '# Impact assessment\n\n';
  const before =
    placement === 'hazard-rationale'
      ? head + '## Hazards\n\n### Product hazard\n- **Applies:** yes\n- **Rationale:** '
      : head + '## Indirect harms\n\n';
  return { text: before + sentence + '\n', start: before.length };
}

/** Whether the rule reports the sentence at the placement. */
export function flagged(sentence: string, placement: Placement): boolean {
  const { text, start } = placeSentence(sentence, placement);
  const end = start + sentence.length;
  const r = lint({ impact: { path: 'IMPACT.md', text }, rules: [boilerplateDismissal] });
  return r.findings.some((f) => f.rule === boilerplateDismissal.meta.name && f.range.start < end && f.range.end > start);
}

export interface Score {
  split: Split | 'all';
  placement: Placement;
  optOuts: number;
  engaged: number;
  truePositives: number;
  falsePositives: number;
  recall: number;
  precision: number;
  missed: Sentence[];
  wronglyFlagged: Sentence[];
}

export function score(corpus: readonly Sentence[], split: Split | 'all', placement: Placement): Score {
  const s: Score = { split, placement, optOuts: 0, engaged: 0, truePositives: 0, falsePositives: 0, recall: 0, precision: 0, missed: [], wronglyFlagged: [] };
  corpus.forEach((c, i) => {
    if (split !== 'all' && splitOf(i, c) !== split) return;
    const hit = flagged(c.text, placement);
    if (c.label === 'opt-out') {
      s.optOuts++;
      if (hit) s.truePositives++;
      else s.missed.push(c);
    } else {
      s.engaged++;
      if (hit) {
        s.falsePositives++;
        s.wronglyFlagged.push(c);
      }
    }
  });
  s.recall = s.optOuts ? s.truePositives / s.optOuts : 1;
  const flaggedCount = s.truePositives + s.falsePositives;
  s.precision = flaggedCount ? s.truePositives / flaggedCount : 1;
  return s;
}
