/**
 * Precision and recall of boilerplate-dismissal on the labelled corpus of real statements
 * (test/corpora/dismissal; part of `npm run bench`). Prints one line per split and placement;
 * `--missed` lists the opt-outs of the tuning split the rule does not catch (the held-out split is
 * scored, never listed), `--json` prints the numbers as JSON. Exit code 0: a report, not a gate (the
 * floors live in test/unit/dismissal-corpus.test.ts).
 */
import { loadCorpus, PLACEMENTS, score, type Score } from '../corpora/dismissal/corpus';

const corpus = loadCorpus();
const rows: Score[] = [];
for (const split of ['tuning', 'held-out', 'all'] as const) for (const placement of PLACEMENTS) rows.push(score(corpus, split, placement));

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      rows.map(({ missed, wronglyFlagged, ...r }) => ({ ...r, missed: missed.length, wronglyFlagged: wronglyFlagged.length })),
      null,
      2,
    ),
  );
} else {
  const opt = corpus.filter((s) => s.label === 'opt-out').length;
  console.log(`\nboilerplate-dismissal on ${corpus.length} real sentences (${opt} opt-out, ${corpus.length - opt} engaged)`);
  for (const r of rows) {
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(
      `  ${pad(r.split, 9)} ${pad(r.placement, 17)} precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  ` +
        `(${r.truePositives}/${r.optOuts} opt-outs flagged, ${r.falsePositives}/${r.engaged} engaged flagged)`,
    );
  }
  if (process.argv.includes('--missed')) {
    const t = rows.find((r) => r.split === 'tuning')!;
    for (const m of t.missed) console.log(`  missed: ${m.text}`);
    for (const m of t.wronglyFlagged) console.log(`  flagged: ${m.text}`);
  }
}
