/**
 * Results kept between lint runs change no finding: with the dismissal scan's judged sentences, the
 * example pair linted from nothing, again from the kept judgments, and again after forgetting them,
 * gives the same findings. Release-plan readings are kept only within a command-line run.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../src/core/engine';
import { keepReleaseReadings, parseRelease } from '../../src/core/release/parse';
import { allRules } from '../../src/core/rules';
import { forgetJudgments } from '../../src/core/rules/impact/lib/dismissal';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'voice-clone-study');

describe('kept results (judged sentences, release-plan readings)', () => {
  const impact = fs.readFileSync(path.join(EXAMPLE, 'IMPACT.md'), 'utf8');
  const release = fs.readFileSync(path.join(EXAMPLE, 'release.yaml'), 'utf8');
  const run = () =>
    lint({ impact: { path: 'IMPACT.md', text: impact }, release: { path: 'release.yaml', text: release }, today: new Date('2026-06-01T00:00:00Z'), rules: allRules }).findings;

  it('give the same findings as a lint from nothing', () => {
    forgetJudgments();
    const fresh = run();
    assert.ok(fresh.some((f) => f.rule === 'boilerplate-dismissal'), 'the example has a dismissal');
    assert.deepEqual(run(), fresh, 'from the kept results');
    forgetJudgments();
    assert.deepEqual(run(), fresh, 'after emptying them');
  });

  it('within a command-line run, a release plan read under two paths is one reading, each with its own path', async () => {
    await keepReleaseReadings(async () => {
      const a = parseRelease('release.yaml', release);
      const b = parseRelease('/abs/release.yaml', release);
      assert.equal(a.source.path, 'release.yaml');
      assert.equal(b.source.path, '/abs/release.yaml');
      assert.equal(b.doc, a.doc, 'the parsed document is shared');
      assert.equal(parseRelease('release.yaml', release), a);
      assert.notEqual(parseRelease('release.yaml', `${release}\n# edited\n`), a, 'an edit is read anew');
    });
  });

  it('outside a run (the editor, the language server), no reading is kept', () => {
    const a = parseRelease('release.yaml', release);
    assert.notEqual(parseRelease('release.yaml', release), a);
  });
});
