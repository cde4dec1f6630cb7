/**
 * One reading of the assessment: for every fixture pair, the example, the real-release plans and
 * fresh scaffolds, each question's state in the assessment model matches what the rules report, and
 * the completeness that the report and the tree show is the model's. A question that is missing or
 * still holds only the template's prompt has exactly one finding from the rule that owns it; an
 * answered question has none; a finding of an owning rule always points at a question the model
 * says is open.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assessment, type Question } from '../../src/core/assessment/assessment-model';
import { readiness } from '../../src/core/assessment/readiness';
import { assessCompleteness } from '../../src/core/completeness';
import { lint } from '../../src/core/engine';
import { buildReport } from '../../src/core/report/report-model';
import { scaffold } from '../../src/core/scaffold';
import type { Finding } from '../../src/core/types';
import { FIXTURES, ruleFixtures } from './fixtures';

interface Case {
  name: string;
  impact?: string;
  release?: string;
  today: Date;
}

const TODAY = new Date('2026-06-01T00:00:00Z');

function cases(): Case[] {
  const out: Case[] = [];
  for (const f of ruleFixtures()) if (f.impact !== undefined) out.push({ name: f.name, impact: f.impact, release: f.release, today: f.today });
  const dirs = [path.join(FIXTURES, '..', '..', 'examples', 'voice-clone-study'), path.join(FIXTURES, 'pairs', 'clean')];
  const real = path.join(FIXTURES, 'real-releases');
  if (fs.existsSync(real)) for (const d of fs.readdirSync(real)) if (fs.statSync(path.join(real, d)).isDirectory()) dirs.push(path.join(real, d));
  for (const d of dirs) {
    const read = (n: string) => (fs.existsSync(path.join(d, n)) ? fs.readFileSync(path.join(d, n), 'utf8') : undefined);
    if (read('IMPACT.md') !== undefined) out.push({ name: path.basename(d), impact: read('IMPACT.md'), release: read('release.yaml'), today: TODAY });
  }
  for (const modalities of [[], ['audio'], ['text'], ['other']]) {
    const s = scaffold({ modality: modalities, artifacts: [], reviewLevel: 'expedited', today: TODAY });
    out.push({ name: `scaffold (${modalities.join(',') || 'no modality'})`, impact: s.impact, release: s.release, today: TODAY });
  }
  return out;
}

/** The question a finding of an owning rule is about, or undefined for findings no question owns. */
function questionsOf(f: Finding): string[] {
  const d = f.data ?? {};
  if (typeof d.question === 'string') return [d.question];
  switch (f.rule) {
    case 'hazard-unassessed':
      return [`hazard:${d.hazard}`];
    case 'factor-unrated':
      return [`factor:${d.factor}`];
    case 'ratchet-position-missing':
      return ['ratchet'];
    case 'modality-missing':
      return ['modality'];
    case 'detection-guidance-missing':
      return ['section:detection-guidance'];
    case 'missing-section':
      return [`section:${d.section}`];
    default:
      return [];
  }
}

const OWNERS = new Set(['missing-section', 'hazard-unassessed', 'factor-unrated', 'ratchet-position-missing', 'detection-guidance-missing', 'modality-missing']);
const STRUCTURED: Record<string, string> = { hazards: 'hazard:', 'path-to-harm': 'factor:', 'access-ratchet': 'ratchet' };

describe('one reading of the assessment: the model agrees with the rules, the report and the tree', () => {
  const all = cases();
  it(`covers the fixtures, the example, the real releases and fresh scaffolds (${all.length} pairs)`, () => {
    assert.ok(all.length > 120);
  });

  for (const c of all) {
    it(c.name, () => {
      const result = lint({
        impact: c.impact !== undefined ? { path: 'IMPACT.md', text: c.impact } : undefined,
        release: c.release !== undefined ? { path: 'release.yaml', text: c.release } : undefined,
        today: c.today,
      });
      const model = assessment(result.impact, result.release);
      const owned = result.findings.filter((f) => OWNERS.has(f.rule) && f.file === 'impact');
      // A missing structured section is one finding that stands for all of its questions.
      const absentStructured = owned
        .filter((f) => f.rule === 'missing-section' && typeof f.data?.section === 'string' && STRUCTURED[f.data.section as string])
        .map((f) => STRUCTURED[f.data!.section as string]);
      const coveredBySection = (q: Question) => absentStructured.some((prefix) => q.id.startsWith(prefix));
      const open = model.questions.filter((q) => (q.state === 'prompt' || q.state === 'missing') && (q.counted || q.kind === 'modality'));
      for (const q of open) {
        if (coveredBySection(q)) continue;
        const mine = owned.filter((f) => questionsOf(f).includes(q.id));
        assert.ok(mine.length >= 1, `${q.id} is ${q.state} (${q.missing}) in the model, but no rule reports it`);
        if (q.state === 'prompt') assert.equal(mine.length, 1, `${q.id}: one finding per unanswered question, got ${mine.map((f) => f.message).join(' | ')}`);
      }
      for (const f of owned) {
        for (const id of questionsOf(f)) {
          if (STRUCTURED[id.replace(/^section:/, '')]) continue;
          const q = model.byId.get(id);
          assert.ok(q, `${f.rule} reports ${id}, which the model does not ask (${f.message})`);
          assert.notEqual(q!.state, 'answered', `${f.rule} reports ${id} ("${f.message}") but the model reads it as answered`);
        }
      }
      // Completeness, as the report and the tree show it, is the model's.
      const c1 = assessCompleteness(result.impact, result.release);
      assert.deepEqual([c1.done, c1.total], [model.done, model.total]);
      const report = buildReport({ result, today: c.today });
      assert.deepEqual([report.completeness.done, report.completeness.total], [model.done, model.total]);
      for (const h of report.hazards) assert.equal(h.applies, model.hazards.find((x) => x.term.id === h.term.id)!.applies, `report hazard ${h.term.id}`);
      // The verdict: never ready while a counted question is open.
      const v = readiness(model, result.findings);
      if (open.some((q) => q.counted)) assert.equal(v.ready, false, `ready with open questions: ${open.map((q) => q.id).join(', ')}`);
    });
  }
});
