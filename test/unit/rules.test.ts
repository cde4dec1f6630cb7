/** One generator runs every rule fixture: exact (file, line, rule) sets, then fix, re-lint, compare. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lint } from '../../src/core/engine';
import { lintAndFix } from '../../src/core/fix';
import { allRules } from '../../src/core/rules';
import { fixtureInput, ruleFixtures, type Fixture } from './fixtures';

const input = fixtureInput;

const got = (f: Fixture, findings: ReturnType<typeof lint>['findings']) =>
  findings
    .filter((x) => f.rules.includes(x.rule) || x.rule === 'internal-error')
    .map((x) => `${x.file}:${x.start.line + 1}:${x.rule}`)
    .sort();

const fixtures = ruleFixtures();

describe('rule fixtures', () => {
  for (const f of fixtures) {
    describe(f.name, () => {
      it('reports exactly the expected findings', () => {
        const r = lint(input(f));
        assert.deepEqual(got(f, r.findings), f.expected, r.findings.filter((x) => f.rules.includes(x.rule)).map((x) => `${x.start.line + 1}: ${x.rule}: ${x.message}`).join('\n'));
        if (path.basename(f.dir).startsWith('bad')) assert.ok(f.expected.length > 0, 'a bad-* fixture must expect at least one finding');
        if (path.basename(f.dir).startsWith('good')) assert.equal(f.expected.length, 0, 'a good-* fixture must expect no finding');
        for (const x of r.findings) {
          const text = x.file === 'impact' ? r.impact!.source.text : x.file === 'card' ? r.card!.source.text : r.release!.source.text;
          assert.ok(x.range.start >= 0 && x.range.end <= text.length && x.range.start <= x.range.end, `range inside the file: ${x.rule}`);
        }
      });
      const fixable = f.rules.filter((n) => allRules.find((r) => r.meta.name === n)?.meta.fixable);
      if (fixable.length && !f.noFix) {
        it('fixes what it reports, and the fixed files lint clean for the rule', () => {
          // Only the fixture's own rules run here, so the fixed text shows exactly their fixes.
          const inp = { ...input(f), rules: allRules.filter((r) => f.rules.includes(r.meta.name)) };
          const before = lint(inp).findings.filter((x) => fixable.includes(x.rule));
          const withFix = before.filter((x) => x.fix);
          const res = lintAndFix(inp);
          const after = res.result.findings.filter((x) => fixable.includes(x.rule) && x.fix);
          assert.deepEqual(after.map((x) => `${x.start.line + 1}: ${x.rule}: ${x.message}`), [], 'fixable findings left after --fix');
          if (withFix.length) assert.ok(res.applied > 0, 'fixes were applied');
          if (f.fixedImpact !== undefined) assert.equal(res.impact ?? f.impact, f.fixedImpact);
          if (f.fixedRelease !== undefined) assert.equal(res.release ?? f.release, f.fixedRelease);
          // Fixing twice changes nothing more (idempotent).
          const again = lintAndFix({ ...inp, impact: inp.impact && { ...inp.impact, text: res.impact ?? inp.impact.text }, release: inp.release && { ...inp.release, text: res.release ?? inp.release.text } });
          assert.equal(again.applied, 0, 'a second --fix pass must change nothing');
        });
      }
    });
  }
});

describe('rule coverage by fixtures', () => {
  // Workspace rules look at folder trees, not pairs: test/unit/discovery.test.ts has their fixture trees and coverage check.
  for (const rule of allRules.filter((r) => r.meta.scope !== 'workspace')) {
    it(`${rule.meta.name} has a triggering fixture and a clean one`, () => {
      const mine = fixtures.filter((f) => f.rules.includes(rule.meta.name));
      assert.ok(mine.some((f) => f.expected.some((e) => e.endsWith(`:${rule.meta.name}`))), 'no fixture triggers it');
      assert.ok(mine.some((f) => !f.expected.some((e) => e.endsWith(`:${rule.meta.name}`))), 'no fixture stays clean');
    });
  }
});
