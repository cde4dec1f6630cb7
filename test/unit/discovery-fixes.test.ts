/**
 * Quick fixes for `artifact-uncovered` (src/core/discovery/fixes.ts): one suggestion per artifact
 * that adds the uncovered paths to it, and one that adds new artifacts; each an insertion that
 * keeps every comment and byte outside it, and after which discovery sees the files covered.
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/fix';
import { artifactUncoveredFixes, planCovers, planFromText } from '../../src/core/discovery';
import { parseRelease } from '../../src/core/release/parse';

const PLAN = [
  'impact-release: 1  # version',
  'artifacts:',
  '  # the model',
  '  - id: weights',
  '    content: trained-model',
  '    paths:',
  '      - checkpoints/**   # final only',
  '    timing: { kind: immediate }',
  '  - id: code',
  '    content: source-code',
  '    paths: [train.py]',
  '  - id: paper',
  '    content: paper',
  '# end of plan',
  '',
].join('\n');

const UNCOVERED = ['experiments/emo/ckpt/adapter.safetensors', 'experiments/emo/train_emo.py'];
const GLOBS = ['experiments/**', 'experiments/emo/train_emo.py'];
const SUGGESTED = [
  { id: 'weights', content: 'trained-model', paths: ['experiments/**'] },
  { id: 'training-code', content: 'source-code', paths: ['experiments/emo/train_emo.py'] },
];

function apply(text: string, fix: { edits: { range: { start: number; end: number }; newText: string }[] }): string {
  return applyEdits(text, fix.edits).text;
}

describe('artifact-uncovered quick fixes', () => {
  for (const eol of ['\n', '\r\n']) {
    it(`one suggestion per artifact, and one with new artifacts; comments kept; files covered after (${JSON.stringify(eol)})`, () => {
      const text = PLAN.replace(/\n/g, eol);
      const fixes = artifactUncoveredFixes(parseRelease('release.yaml', text), GLOBS, SUGGESTED);
      assert.deepEqual(fixes.map((f) => f.title), [
        "Add 'experiments/**', 'experiments/emo/train_emo.py' to the paths of artifact 'weights'",
        "Add 'experiments/**', 'experiments/emo/train_emo.py' to the paths of artifact 'code'",
        "Add 'experiments/**', 'experiments/emo/train_emo.py' to the paths of artifact 'paper'",
        'Add 2 new artifacts for them (one per kind)',
      ]);
      for (const fix of fixes) {
        const out = apply(text, fix);
        const doc = parseRelease('release.yaml', out);
        assert.equal(doc.syntaxErrors.length, 0, out);
        for (const c of ['# version', '# the model', '# final only', '# end of plan']) assert.ok(out.includes(c), `${fix.title}: lost ${c}`);
        // Only insertions: removing the inserted text gives back the original.
        assert.equal(fix.edits.length, 1);
        const e = fix.edits[0];
        assert.equal(e.range.start, e.range.end);
        assert.equal(out.slice(0, e.range.start) + out.slice(e.range.start + e.newText.length), text);
        const plan = planFromText('', 'release.yaml', out, true)!;
        for (const u of UNCOVERED) assert.ok(planCovers(plan, u), `${fix.title}: ${u} not covered\n${out}`);
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(out), 'line breaks stay CRLF');
      }
      const added = apply(text, fixes[3]);
      assert.match(added, /- \{ id: weights-2, content: trained-model, paths: \[experiments\/\*\*\] \}/);
      assert.match(added, /- \{ id: training-code, content: source-code, paths: \[experiments\/emo\/train_emo\.py\] \}/);
    });
  }

  it('paths already listed are not added twice; odd globs are quoted; a broken plan gets no fix', () => {
    const text = 'impact-release: 1\nartifacts:\n  - id: a\n    paths: ["x/**"]\n';
    const [one] = artifactUncoveredFixes(parseRelease('release.yaml', text), ['x/**', '*.pt'], []);
    assert.equal(apply(text, one), 'impact-release: 1\nartifacts:\n  - id: a\n    paths: ["x/**", "*.pt"]\n');
    assert.deepEqual(artifactUncoveredFixes(parseRelease('release.yaml', 'artifacts: [\n'), ['x'], []), []);
  });
});
