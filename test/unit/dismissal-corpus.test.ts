/**
 * boilerplate-dismissal on the labelled corpus of real sentences (test/corpora/dismissal, see its
 * SOURCES.md): every sentence is placed alone in IMPACT.md, as a hazard rationale and as an
 * "Indirect harms" paragraph. Floors: recall on opt-outs >= 0.9 and no engaged sentence flagged.
 * `npm run bench` prints the full numbers per split.
 */
import assert from 'node:assert/strict';
import { flagged, isIssueExample, loadCorpus, PLACEMENTS, score } from '../corpora/dismissal/corpus';

const corpus = loadCorpus();

describe('boilerplate-dismissal on the labelled corpus of real statements', () => {
  it('has several hundred labelled sentences, each with a source', () => {
    assert.ok(corpus.length >= 300, `${corpus.length} sentences`);
    for (const s of corpus) {
      assert.ok(s.label === 'opt-out' || s.label === 'engaged', s.text);
      assert.ok(s.text.trim().length > 0 && s.source.trim().length > 0, s.text);
    }
    assert.equal(new Set(corpus.map((s) => s.text)).size, corpus.length, 'no duplicate sentences');
  });

  for (const placement of PLACEMENTS) {
    it(`${placement}: recall on opt-outs >= 0.9 and no engaged sentence flagged`, () => {
      const s = score(corpus, 'all', placement);
      assert.deepEqual(s.wronglyFlagged.map((x) => x.text), [], 'engaged sentences flagged');
      assert.ok(s.recall >= 0.9, `recall ${s.recall.toFixed(3)}; missed:\n${s.missed.map((x) => x.text).join('\n')}`);
    });

    it(`${placement}: the held-out split keeps precision 1.0 and recall above its measured floor`, () => {
      const s = score(corpus, 'held-out', placement);
      assert.equal(s.falsePositives, 0);
      // Measured 27/31 when the rule was last changed; a drop below 0.8 is a regression.
      assert.ok(s.recall >= 0.8, `held-out recall ${s.recall.toFixed(3)}`);
    });
  }

  it('catches every opt-out example of issue 11 and leaves its engaged examples alone', () => {
    for (const s of corpus.filter(isIssueExample)) {
      for (const placement of PLACEMENTS) assert.equal(flagged(s.text, placement), s.label === 'opt-out', `${placement}: ${s.text}`);
    }
  });
});
