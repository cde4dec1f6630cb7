import * as assert from 'node:assert/strict';
import { scaffold } from '../../src/core/scaffold';
import { questions, writeAnswer } from '../../src/extension/assessment/answers';
import { lint } from '../../src/core/engine';
import { findRule } from '../../src/core/rules';

const today = new Date(Date.UTC(2026, 5, 1));

describe('guided assessment answers (pure)', () => {
  it('a fresh scaffold has every hazard, factor, the ratchet position and the indirect harms unanswered, in template order', () => {
    const { impact } = scaffold({ modality: ['audio'], artifacts: [], reviewLevel: 'full', today });
    const qs = questions(impact);
    assert.equal(qs.length, 3 + 9 + 1 + 2);
    assert.deepEqual(qs.slice(12).map((q) => q.kind), ['ratchet', 'indirect', 'indirect']);
    assert.deepEqual(qs.slice(0, 3).map((q) => q.term.id), ['product', 'data', 'attention']);
    assert.ok(qs.every((q) => !q.answered));
    assert.equal(qs[3].stage?.id, 'awareness');
  });

  it('writes the access-ratchet position and an indirect harm, and they then count as answered', () => {
    const { impact } = scaffold({ modality: ['audio'], artifacts: [], reviewLevel: 'full', today });
    let out = writeAnswer(impact, 'ratchet', 'access-ratchet', { value: 'attention', reasoning: 'fraud groups already use commercial cloning services' });
    assert.match(out, /^- \*\*Position:\*\* attention$/m);
    assert.match(out, /^- \*\*Rationale:\*\* fraud groups already use commercial cloning services$/m);
    out = writeAnswer(out, 'indirect', 'disinformation-ratchet', { value: 'medium', reasoning: 'cheap cloned voices could make fake recordings of officials routine' });
    assert.match(out, /^- \*\*Disinformation ratchet:\*\* medium — cheap cloned voices could make fake recordings of officials routine$/m);
    const qs = questions(out);
    assert.equal(qs.find((q) => q.kind === 'ratchet')!.answered, true);
    assert.equal(qs.find((q) => q.term.id === 'disinformation-ratchet')!.answered, true);
    assert.equal(qs.find((q) => q.term.id === 'path-dependency')!.answered, false);
  });

  it('writes a factor answer over the scaffold line, and it then counts as answered', () => {
    const { impact } = scaffold({ modality: ['audio'], artifacts: [], reviewLevel: 'full', today });
    const out = writeAnswer(impact, 'factor', 'slottability', { value: 'high', reasoning: 'it plugs into\nphone-scam scripts as is' });
    assert.match(out, /^- \*\*Slottability:\*\* high — it plugs into phone-scam scripts as is$/m);
    const q = questions(out).find((x) => x.term.id === 'slottability')!;
    assert.equal(q.answered, true);
    assert.equal(q.current.value, 'high');
    const rule = findRule('factor-unrated')!;
    assert.ok(!lint({ impact: { path: 'IMPACT.md', text: out }, rules: [rule] }).findings.some((f) => f.data?.factor === 'slottability'));
  });

  it('writes a hazard answer into Applies and Rationale', () => {
    const { impact } = scaffold({ modality: ['audio'], artifacts: [], reviewLevel: 'full', today });
    const out = writeAnswer(impact, 'hazard', 'data', { value: 'no', reasoning: 'nothing beyond published work' });
    assert.match(out, /### Data hazard\n- \*\*Applies:\*\* no\n- \*\*Rationale:\*\* nothing beyond published work\n/);
    assert.equal(questions(out).find((x) => x.term.id === 'data')!.answered, true);
  });

  it('creates the section and the factor line where the core fixes would, when they are missing', () => {
    const text = '# Impact assessment\n\n## Summary\n\nA study.\n';
    const out = writeAnswer(text, 'factor', 'reproducibility', { value: 'medium', reasoning: 'code is public, weights are not' });
    assert.match(out, /## Path to harm/);
    assert.match(out, /- \*\*Reproducibility:\*\* medium — code is public, weights are not/);
    const out2 = writeAnswer(out, 'hazard', 'product', { value: 'yes', reasoning: 'the demo works as a scam tool' });
    assert.match(out2, /## Hazards/);
    assert.equal(questions(out2).find((x) => x.term.id === 'product')!.answered, true);
    assert.equal(questions(out2).find((x) => x.term.id === 'reproducibility')!.answered, true);
  });

  it('keeps CRLF line breaks', () => {
    const { impact } = scaffold({ modality: ['audio'], artifacts: [], reviewLevel: 'full', today, eol: '\r\n' });
    const out = writeAnswer(impact, 'hazard', 'attention', { value: 'unsure', reasoning: 'hard to say' });
    assert.ok(!/[^\r]\n/.test(out), 'a bare LF crept in');
  });
});
