/** Table-driven tests for the boilerplate-dismissal recogniser (src/core/rules/impact/lib/dismissal.ts). */
import assert from 'node:assert/strict';
import { findDismissals, isBareDismissal } from '../../src/core/rules/impact/lib/dismissal';
import { lint } from '../../src/core/engine';
import { boilerplateDismissal } from '../../src/core/rules/impact/boilerplate-dismissal';

/** Sentences that wave the question away: each must be found, as the whole sentence. */
const DISMISSALS = [
  'We do not foresee any negative societal impact.',
  'This work does not present any foreseeable societal consequence.',
  'Not applicable, as this is a theoretical paper.',
  'We do not see any potential risks.',
  'There are no ethical concerns.',
  'No negative impacts are anticipated.',
  'This work has no societal impact.',
  'We believe our work poses no risk.',
  "We don't anticipate any misuse of this work.",
  'To the best of our knowledge, this work has no negative societal impact.',
  'We are not aware of any potential negative consequences.',
  'The authors do not foresee any ethical issues arising from this work.',
  'We cannot think of any harmful applications of our method.',
  'There is no potential for misuse.',
  'Our method is unlikely to cause harm.',
  'No risks have been identified.',
  'This research raises no ethical concerns.',
  'We do not believe that our work poses any risk to society.',
  'Our model is completely harmless.',
  'This paper is free of any ethical concerns.',
  'N/A since this is a purely theoretical contribution.',
  'We do not foresee any negative impact, as our work is purely algorithmic.',
  'We do not expect any harms since we only use publicly available datasets.',
  'We do not foresee negative societal impacts, but as with any technology it could be misused.',
  'No negative societal impact.',
  'None foreseen.',
  'This section is not applicable to our work.',
  'Our work carries minimal risk.',
  'We have not identified any risks associated with this work.',
  'The proposed approach doesn’t pose any significant risks.',
  'There will be no negative consequences of releasing this model.',
  'We see no ethical concerns with this line of research.',
  // Shapes of real opt-outs (the labelled corpus in test/corpora/dismissal has the real sentences).
  'The focus of this paper is purely theoretical, and thus a broader impact discussion is not applicable.',
  'This work does not present any foreseeable ethical or societal consequences.',
  'We do not foresee any direct, immediate, or negative societal impacts stemming from this work.',
  'This is a theoretical paper with no direct societal or ethical impact.',
  'There are many potential societal consequences of our work, none which we feel must be specifically highlighted here.',
  'This work is not expected to have any negative societal impact.',
  'We are unaware of any risks arising from this work.',
  'We do not think there are any negative consequences of this work.',
  'A discussion of societal impact is beyond the scope of this paper.',
  'Negative societal impacts: none.',
  'No one will be harmed by this work.',
  'There is no direct path to any negative applications.',
  'It is difficult to foresee any negative societal impact of a convergence proof.',
  'Our method does not leverage biases in the data.',
  'We do not release any data or models that have a high risk for misuse.',
  'There are no ethical concerns, but there are some limitations to the data.',
  'While we see no negative societal impacts of our work, we discuss the broader impacts of our work in Section 6.',
  'We cannot foresee any direct misuse of our models, since they are trained to produce cartoons.',
  'We do not foresee any negative societal impact beyond those generally associated with large language models.',
  'Potential benefits include safer fraud detection and better search; there are no potential risks.',
];

/** Statements that reason about harm, or are not about harm at all: none may be flagged. */
const NOT_DISMISSALS = [
  'We do not foresee direct misuse because the model only renders cartoon voices; however, a fine-tuned version could imitate real speakers.',
  'We do not foresee misuse of the paper itself, although the released weights could help scammers clone voices.',
  'There is no known detector for this output, so we release one alongside the model.',
  'Fraud groups do not yet see the potential of this method, but they follow related work closely.',
  'We do not expect the watermark to survive re-encoding, so the risk of undetected clones remains.',
  'The method poses no risk to listeners unless the attacker also spoofs the caller ID, which is common in phone fraud.',
  'Listeners on a phone line cannot tell the converted voice from the original.',
  'Releasing one more conversion model does not lock in any platform or standard.',
  'The paper describes an architecture change already known in the literature.',
  'We have found no report of sustained use of open research models.',
  'None of the existing detectors recognise our output, which is why we publish our own.',
  'Nothing suggests that abusers use related techniques yet.',
  'There is no way to undo the damage once a cloned recording spreads, so we gate access.',
  'Our voice model does not present a new risk for people who are already public figures, since their voices are widely available; it does raise the risk for private individuals whose voices were rarely recorded.',
  'We see no sign of adversary interest in text-to-motion models so far, and we will revisit this at the next review.',
  'No consent check is built in yet; we plan one before the full release.',
  // Negations that engage with harm.
  'A full analysis of misuse is beyond the scope of this paper, but the released model could be used to impersonate speakers.',
  'It is hard to predict every misuse, so we gate access to the weights.',
  'No one will be harmed as long as the consent check stays in place, which is why we ship it enabled.',
  'We are unaware of any detector that recognises our output, so cloned voices could pass as real.',
  'The system must not cause harm to the people it speaks to.',
  'Our aim—better scores on text games—might have limited consequences for society; however, a broader view forces us to consider several ethical concerns.',
];

describe('boilerplate-dismissal recogniser', () => {
  for (const s of DISMISSALS) {
    it(`flags: ${s}`, () => {
      const found = findDismissals(s);
      assert.equal(found.length, 1, `expected one dismissal in: ${s}`);
      assert.equal(found[0].text, s);
    });
  }
  for (const s of NOT_DISMISSALS) {
    it(`leaves alone: ${s}`, () => {
      assert.deepEqual(findDismissals(s), []);
    });
  }

  it('finds the dismissal sentence inside a longer paragraph, with its offsets', () => {
    const text = 'Our model converts voices in real time. We do not foresee any negative societal impact. It runs on a laptop.';
    const [d] = findDismissals(text);
    assert.equal(text.slice(d.start, d.end), 'We do not foresee any negative societal impact.');
  });

  it('lets a following "However, …" sentence qualify the dismissal', () => {
    assert.deepEqual(findDismissals('We do not foresee any misuse. However, a motivated group could adapt the released code to clone voices.'), []);
  });

  it('keeps e.g. and i.e. inside one sentence', () => {
    const text = 'There are no risks, e.g. none at all.';
    assert.equal(findDismissals(text)[0]?.text, text);
  });

  it('reads bare N/A, none and unlikely as dismissals only when asked', () => {
    for (const s of ['N/A', 'n/a.', 'None.', 'none', 'Not applicable.', 'Unlikely.', 'No.', 'Nothing to report.']) {
      assert.ok(isBareDismissal(s), s);
      assert.equal(findDismissals(s, { bare: true }).length, 1, s);
    }
    assert.deepEqual(findDismissals('None.', { bare: false }), []);
    assert.ok(!isBareDismissal('None of the above apply, because the model is never released.'));
  });

  it('ignores HTML comments when reading a block', () => {
    const text = 'N/A <!-- expect: boilerplate-dismissal -->';
    const [d] = findDismissals(text, { bare: true });
    assert.equal(text.slice(d.start, d.end), 'N/A');
  });

  it('does not read a run-on of thousands of characters as one stock sentence', () => {
    const runOn = 'We do not foresee any negative societal impact ' + 'and the model runs on a laptop '.repeat(60);
    assert.ok(runOn.length > 1500);
    assert.deepEqual(findDismissals(runOn), []);
    assert.equal(findDismissals('We do not foresee any negative societal impact.').length, 1);
  });

  it('reports through the rule with the sentence as range', () => {
    const impact = ['# T', '', '## Indirect harms', '', 'Cheap clones erode trust in audio evidence. We do not foresee any other harms.', ''].join('\n');
    const r = lint({ impact: { path: 'IMPACT.md', text: impact }, rules: [boilerplateDismissal] });
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.equal(impact.slice(f.range.start, f.range.end), 'We do not foresee any other harms.');
  });
});
