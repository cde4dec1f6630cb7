/**
 * The IMPACT.md rules beyond their fixtures: the clean pair and a fresh scaffold stay quiet,
 * suggestions and data carry what the editor needs, and pathological input stays fast.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../src/core/engine';
import { lintAndFix } from '../../src/core/fix';
import { impactRules } from '../../src/core/rules/impact';
import { scaffold } from '../../src/core/scaffold';

const CLEAN = join(__dirname, '..', 'fixtures', 'pairs', 'clean');
const TODAY = new Date('2026-06-01T00:00:00Z');
const run = (text: string, rules = impactRules) => lint({ impact: { path: 'IMPACT.md', text }, rules, today: TODAY });
const at = (text: string, f: { range: { start: number; end: number } }) => text.slice(f.range.start, f.range.end);

describe('impact rules', () => {
  it('leave the clean pair alone', () => {
    const r = lint({
      impact: { path: 'IMPACT.md', text: readFileSync(join(CLEAN, 'IMPACT.md'), 'utf8') },
      release: { path: 'release.yaml', text: readFileSync(join(CLEAN, 'release.yaml'), 'utf8') },
      rules: impactRules,
      today: TODAY,
    });
    assert.deepEqual(r.findings.map((f) => `${f.start.line + 1}: ${f.rule}: ${f.message}`), []);
  });

  it('report only placeholders on a fresh scaffold, each on the placeholder itself', () => {
    const { impact } = scaffold({ modality: ['video'], artifacts: [], reviewLevel: 'full', today: TODAY });
    const r = run(impact);
    for (const f of r.findings) assert.match(at(impact, f), /TODO/, `${f.rule} at ${f.start.line + 1}: ${f.message}`);
    assert.ok(r.findings.some((f) => f.rule === 'placeholder-text'));
    // --fix has nothing to do on a scaffold: every required part is there.
    assert.equal(lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, rules: impactRules, today: TODAY }).applied, 0);
  });

  it('invalid-value offers a did-you-mean, or every value, as editor suggestions', () => {
    const text = '# T\n\n## Path to harm\n\n- **Slottability:** hgih — drops into calling tools unchanged.\n- **Environment:** critical — phone fraud is common.\n';
    const [typo, unknown] = run(text).findings.filter((f) => f.rule === 'invalid-value');
    assert.equal(at(text, typo), 'hgih');
    assert.deepEqual(typo.suggestions?.map((s) => s.edits[0].newText), ['high']);
    assert.equal(typo.fix, undefined);
    assert.equal(at(text, unknown), 'critical');
    assert.deepEqual(unknown.suggestions?.map((s) => s.edits[0].newText), ['low', 'medium', 'high', 'unknown', 'not-applicable']);
  });

  it('factor-unrated offers one rating per suggestion when only reasoning is written', () => {
    const text = '# T\n\n## Path to harm\n\n- **Slottability:** the converter drops into calling tools without changes.\n';
    const f = run(text).findings.find((x) => x.rule === 'factor-unrated' && x.data?.factor === 'slottability')!;
    assert.equal(f.fix, undefined);
    assert.deepEqual(f.suggestions?.map((s) => s.edits[0].newText), ['low — ', 'medium — ', 'high — ', 'unknown — ', 'not-applicable — ']);
  });

  it('inserted lines follow the list they join (bullet and indentation)', () => {
    const text = '# T\n\n## Who could be harmed\n\n  * Viewers: people who take a call in a familiar voice.\n\n## Capability and modality\n\n- **Modality:** audio\n';
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text }, rules: impactRules.filter((r) => r.meta.name === 'harmed-parties-missing'), today: TODAY });
    assert.match(res.impact!, /\n {2}\* Viewers: [^\n]*\n {2}\* \*\*Subjects:\*\* _TODO: [^\n]*_\n {2}\* \*\*Society:\*\* _TODO: [^\n]*_\n/);
  });

  it('boilerplate-dismissal reads marker values and skips enum values', () => {
    const text = '# T\n\n## Access ratchet\n\n- **Position:** none\n- **Rationale:** none\n';
    const r = run(text).findings.filter((f) => f.rule === 'boilerplate-dismissal');
    assert.deepEqual(r.map((f) => `${f.start.line + 1}:${at(text, f)}`), ['6:none']);
  });

  describe('stay fast on pathological input', () => {
    const cases: Record<string, string> = {
      'unclosed prompts': '# T\n\n## Hazards\n\n### Product hazard\n- **Applies:** yes\n- **Rationale:** ' + '_TODO '.repeat(40_000),
      'a long run of spaces in a value': '# T\n\n## Path to harm\n\n- **Slottability:** high' + ' '.repeat(200_000) + 'x\n',
      'unclosed comments': '# T\n\n## Summary\n\n' + '<!-- '.repeat(40_000),
      'unmatched brackets': '# T\n\n## Summary\n\n' + '[ '.repeat(100_000),
      'one endless sentence of negations': '# T\n\n## Summary\n\n' + 'we do not '.repeat(30_000) + 'risk.',
      'abbreviations': '# T\n\n## Summary\n\n' + 'e.g. '.repeat(40_000) + 'not risk',
      'many misspelt headings': '# T\n\n' + Array.from({ length: 3000 }, (_, i) => `## Benfits ${i}\n\nx\n`).join('\n'),
      'separators': '# T\n\n## Path to harm\n\n- **Slottability:** ' + '- '.repeat(100_000) + '\n',
      'question marks': '# T\n\n## Summary\n\n' + '?? '.repeat(60_000),
      'angle slots': '# T\n\n## Summary\n\n' + '<your '.repeat(40_000),
      'punctuation keys': '# T\n\n## Path to harm\n\n- **' + ':'.repeat(50) + '** ' + '.'.repeat(100_000) + '\n',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, function () {
        this.timeout(20_000);
        const parse = Date.now();
        run(text, []);
        const t0 = Date.now();
        const parseMs = t0 - parse;
        const r = run(text);
        const ms = Date.now() - t0 - parseMs;
        assert.ok(ms < 1500, `the rules took ${ms} ms beyond parsing`);
        assert.deepEqual(r.findings.filter((f) => f.rule === 'internal-error'), []);
      });
    }
  });
});
