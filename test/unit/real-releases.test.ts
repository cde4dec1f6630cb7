/**
 * Real release decisions (test/fixtures/real-releases, sources in SOURCES.md), written as plans with
 * the vocabulary of impact-release: 1. Each must lint without any finding about its shape (schema,
 * kind fields, safeguard statuses), and the release rubric must judge each as listed below.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../src/core/engine';

const ROOT = path.join(__dirname, '..', 'fixtures', 'real-releases');
const TODAY = new Date(Date.UTC(2026, 11, 4));
/** Rules whose findings would mean the plan needed a workaround to say what happened. */
const SHAPE_RULES = ['yaml-syntax', 'duplicate-key', 'schema-violation', 'timing-incomplete', 'distribution-incomplete', 'safeguard-status-missing'];

/** Expected plan-less-cautious-than-assessment findings: artifact ids, per release. */
const RUBRIC: Record<string, string[]> = {
  'gpt-2': [],
  'llama-2': ['code'],
  vibevoice: ['weights'],
  'voice-engine': [],
  voicebox: [],
  'stable-diffusion': ['code', 'weights'],
};

function lintRelease(name: string) {
  const dir = path.join(ROOT, name);
  return lint({
    impact: { path: path.join(dir, 'IMPACT.md'), text: fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8') },
    release: { path: path.join(dir, 'release.yaml'), text: fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8') },
    today: TODAY,
  });
}

describe('real release decisions, written as plans', () => {
  it('has one folder per release in SOURCES.md, each with both files', () => {
    const folders = fs.readdirSync(ROOT).filter((f) => fs.statSync(path.join(ROOT, f)).isDirectory()).sort();
    assert.deepEqual(folders, Object.keys(RUBRIC).sort());
    const sources = fs.readFileSync(path.join(ROOT, 'SOURCES.md'), 'utf8');
    for (const f of folders) assert.match(sources, new RegExp('`' + f + '/`'), `${f} is listed in SOURCES.md`);
  });

  for (const name of Object.keys(RUBRIC)) {
    describe(name, () => {
      const result = lintRelease(name);
      it('is written without a workaround: no finding about the plan\'s shape', () => {
        const shape = result.findings.filter((f) => SHAPE_RULES.includes(f.rule) || f.rule === 'internal-error');
        assert.deepEqual(shape.map((f) => `${f.start.line + 1}: ${f.rule}: ${f.message}`), []);
      });
      it('is judged by the release rubric as expected', () => {
        const got = result.findings.filter((f) => f.rule === 'plan-less-cautious-than-assessment').map((f) => String(f.data?.artifact)).sort();
        assert.deepEqual(got, RUBRIC[name]);
      });
    });
  }

  it('together use every element of the release vocabulary added for them', () => {
    const all = Object.keys(RUBRIC).map((n) => fs.readFileSync(path.join(ROOT, n, 'release.yaml'), 'utf8')).join('\n');
    for (const [what, re] of [
      ['status: not-implemented', /status: not-implemented/],
      ['enforced: released-code', /enforced: released-code/],
      ['enforced: hosted-service', /enforced: hosted-service/],
      ['enforced: license', /enforced: license/],
      ['timing kind withheld with a reason', /timing: \{ kind: withheld, reason: /],
      ['distribution kind hosted', /kind: hosted/],
      ['content: samples', /content: samples/],
      ['purpose: defense', /purpose: defense/],
      ['a stage with its own process', /^ {10}process: /m],
      ['a stage with its own licence', /^ {10}license: |, license: [^,}]+, (?:url|status)/m],
      ['a stage with its own url', /^ {10}url: |, url: https:[^,}]+, status/m],
      ['a stage with its own community', /^ {10}community: /m],
    ] as [string, RegExp][]) {
      assert.match(all, re, what);
    }
  });

  it('VibeVoice: the withdrawn code is not judged, the weights still public are', () => {
    const r = lintRelease('vibevoice');
    const f = r.findings.find((x) => x.rule === 'plan-less-cautious-than-assessment')!;
    assert.match(f.message, /enforced by the released code/);
    assert.match(f.message, /modifiability high/);
  });
});
