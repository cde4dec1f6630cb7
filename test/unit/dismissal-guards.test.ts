/**
 * The denial shapes of boilerplate-dismissal run in two steps: a short guard (the shape's start and a
 * harm word), then the whole expression only when the guard passes (dismissal.ts, Shape). The guard
 * must never change what a shape finds. Checked on every sentence of the labelled corpus and on
 * sentences generated from the shapes' own pieces, where most shapes match somewhere.
 */
import assert from 'node:assert/strict';
import { denialShapes, normalise } from '../../src/core/rules/impact/lib/dismissal';
import { loadCorpus } from '../corpora/dismissal/corpus';

const PREFIXES = ['we do not foresee', 'this work does not pose', 'we do not believe that our work poses', 'we are not aware of', 'we are unaware of', 'we do not think there are', 'this work is not expected to have', 'it is hard to predict', 'this work has no', 'it carries minimal', 'we see no', 'we found no', 'there are no', 'there is not any', 'no', 'free of', 'not applicable to a discussion of', 'does not apply for', '', 'the model does not seem to present', 'we did not really ever find', 'will not lead to', 'with little to no', 'there seems to be little'];
const ADJECTIVES = ['any', 'a', 'the', 'negative', 'societal', 'ethical or societal', 'direct, immediate, or negative', 'potential', 'foreseeable', 'long-term', 'additional', 'clear', 'substantial and notable', 'cloned', 'big', 'and/or', 'other'];
const HARMS = ['risks', 'harm', 'misuse', 'impact', 'concerns', 'consequences', 'negative effects', 'dual-use', 'dual use', 'ethical issues', 'malicious uses', 'potential for misuse', 'possibility of harm', 'pathway to misuse', 'fraud or misuse', 'report', 'negative outcome', 'bad purposes', 'harmful applications of it'];
const ENDINGS = ['', '.', ' from this work.', ' are anticipated.', ' have been identified', ': none', ' is beyond the scope of this paper.', ' must be considered', ' because it is theoretical.', ', however fraud could happen.', ' foreseen', ' to report', ' — n/a', ' is not applicable.'];

/** Deterministic pseudo-random sentences built from the pieces above. */
function* generated(n: number): Generator<string> {
  let seed = 777;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < n; i++) {
    const adjectives: string[] = [];
    for (let k = Math.floor(rnd() * 4); k > 0; k--) adjectives.push(pick(ADJECTIVES));
    yield [pick(PREFIXES), ...adjectives, pick(HARMS)].filter(Boolean).join(' ') + pick(ENDINGS);
  }
}

describe('boilerplate-dismissal: the denial shapes\' guards', () => {
  const shapes = denialShapes();
  const sentences = [...loadCorpus().map((s) => normalise(s.text)), ...generated(6000)];

  it('find exactly what the whole expressions find', () => {
    const matched = new Array<number>(shapes.length).fill(0);
    for (const norm of sentences) {
      shapes.forEach((s, i) => {
        const whole = s.whole(norm);
        const guarded = s.guarded(norm);
        assert.deepEqual(guarded && [guarded.index, guarded[0]], whole && [whole.index, whole[0]], `${s.source.slice(0, 60)}… on "${norm}"`);
        if (whole) matched[i]++;
      });
    }
    // The check means something only where shapes match: most do, on these sentences.
    assert.ok(matched.filter((n) => n > 0).length >= shapes.length * 0.75, `shapes that matched: ${matched.join(' ')}`);
  });
});
