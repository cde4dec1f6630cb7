/**
 * The rule contract: rules are written with the define* helpers (rules/define.ts), which set the
 * scope and give check() its document typed; the engine runs only document rules, only when their
 * file is there; workspace rules run through runWorkspaceRule with the configured severity and
 * options; and a fix or suggestions a rule's metadata does not declare become internal-error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, type Config } from '../../src/core/config';
import { lint } from '../../src/core/engine';
import { allRules } from '../../src/core/rules';
import { defineImpactRule, definePairRule, defineReleaseRule, defineWorkspaceRule, isDocumentRule, runWorkspaceRule } from '../../src/core/rules/define';
import { ENGINE_FINDINGS, INTERNAL_ERROR, isEngineFinding } from '../../src/core/rules/engine-findings';
import type { RuleContext } from '../../src/core/types';

const TODAY = new Date('2026-06-01T00:00:00Z');
const META = { description: 'A test rule.', defaultSeverity: 'warning' as const, fixable: false };
const IMPACT = { path: 'IMPACT.md', text: '# Title\n' };
const RELEASE = { path: 'release.yaml', text: 'impact-release: 1\n' };

describe('rule contract: define* helpers', () => {
  it('set the scope from the helper, and run check() only when its document is there', () => {
    const seen: string[] = [];
    const impact = defineImpactRule({ meta: { ...META, name: 't-impact' }, check: (ctx) => void seen.push(`impact:${ctx.impact.source.text.length}`) });
    const release = defineReleaseRule({ meta: { ...META, name: 't-release' }, check: (ctx) => void seen.push(`release:${ctx.release.source.text.length}`) });
    const pair = definePairRule({ meta: { ...META, name: 't-pair' }, check: (ctx) => void seen.push(`pair:${!!ctx.impact}/${!!ctx.release}`) });
    assert.deepEqual([impact, release, pair].map((r) => r.meta.scope), ['impact', 'release', 'pair']);
    const rules = [impact, release, pair];
    lint({ impact: IMPACT, rules, today: TODAY });
    assert.deepEqual(seen.splice(0), ['impact:8', 'pair:true/false']);
    lint({ release: RELEASE, rules, today: TODAY });
    assert.deepEqual(seen.splice(0), ['release:18', 'pair:false/true']);
    // Called directly (as a benchmark or another caller might), the helper still guards its document.
    const bare: RuleContext = { options: {}, today: TODAY, report: () => undefined };
    for (const r of rules) r.check(bare);
    assert.deepEqual(seen, []);
  });

  it('the engine never runs a workspace rule; it has no check(), only checkWorkspace()', () => {
    let ran = 0;
    const ws = defineWorkspaceRule<number>({ meta: { ...META, name: 't-workspace' }, checkWorkspace: () => void ran++ });
    assert.equal(ws.meta.scope, 'workspace');
    assert.equal(isDocumentRule(ws), false);
    lint({ impact: IMPACT, release: RELEASE, rules: [ws], today: TODAY });
    assert.equal(ran, 0);
  });

  it('every rule is a document rule or a workspace rule, as its folder says, and no rule has an empty check', () => {
    const rulesDir = path.join(__dirname, '..', '..', 'src', 'core', 'rules');
    for (const rule of allRules) {
      const { name, scope } = rule.meta;
      assert.ok(fs.existsSync(path.join(rulesDir, scope, `${name}.ts`)), `${name} is not in src/core/rules/${scope}/`);
      assert.equal(isDocumentRule(rule), scope !== 'workspace', name);
      assert.equal('check' in rule, scope !== 'workspace', `${name}: a workspace rule has checkWorkspace(), not check()`);
      assert.equal('checkWorkspace' in rule, scope === 'workspace', name);
      const fn = 'check' in rule ? rule.check : rule.checkWorkspace;
      assert.doesNotMatch(fn.toString(), /^\w*\s*\([^)]*\)\s*\{\s*(\/\/[^\n]*\s*)*\}$/, `${name} has an empty body`);
    }
  });
});

describe('rule contract: runWorkspaceRule', () => {
  const ws = defineWorkspaceRule<{ n: number }>({
    meta: { ...META, name: 't-ws', options: { word: { type: 'string', default: 'hello', description: 'A word.' } } },
    checkWorkspace({ n }, ctx) {
      for (let i = 0; i < n; i++) {
        ctx.report({ message: `${ctx.options.word} ${i}`, path: 'x', file: 'workspace', range: { start: 0, end: 0 }, start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, ...(i === 1 ? { severity: 'info' as const } : {}) });
      }
    },
  });
  const config = (severity?: 'off' | 'error', word?: string): Config => ({ ...defaultConfig(), rules: { 't-ws': { ...(severity ? { severity } : {}), options: word ? { word } : {} } } });

  it('fills in the rule id and the configured severity, unless a finding gives its own', () => {
    const fs = runWorkspaceRule(ws, { n: 2 }, config('error', 'hi'));
    assert.deepEqual(fs.map((f) => [f.rule, f.severity, f.message]), [['t-ws', 'error', 'hi 0'], ['t-ws', 'info', 'hi 1']]);
    assert.deepEqual(Object.keys(fs[0]).slice(0, 3), ['rule', 'severity', 'message']);
    assert.deepEqual(runWorkspaceRule(ws, { n: 1 }, defaultConfig()).map((f) => [f.severity, f.message]), [['warning', 'hello 0']]);
  });

  it('runs nothing when the rule is off', () => {
    let ran = false;
    const spy = defineWorkspaceRule<null>({ meta: { ...META, name: 't-ws' }, checkWorkspace: () => void (ran = true) });
    assert.deepEqual(runWorkspaceRule(spy, null, config('off')), []);
    assert.equal(ran, false);
  });
});

describe('rule contract: the engine holds rules to their metadata', () => {
  const range = { start: 0, end: 1 };
  const offering = (what: { fix?: boolean; suggestions?: boolean }, meta: { fixable: boolean; suggestions?: boolean }) =>
    defineImpactRule({
      meta: { ...META, ...meta, name: 'offers' },
      check(ctx) {
        ctx.report({
          message: 'x',
          file: 'impact',
          range,
          ...(what.fix ? { fix: { title: 'fix', edits: [{ file: 'impact' as const, range, newText: 'y' }] } } : {}),
          ...(what.suggestions ? { suggestions: [{ title: 'suggest', edits: [{ file: 'impact' as const, range, newText: 'z' }] }] } : {}),
        });
      },
    });
  const run = (rule: ReturnType<typeof offering>) => lint({ impact: IMPACT, rules: [rule], today: TODAY }).findings;

  it('a fix from a rule not marked fixable is dropped and becomes an internal-error finding', () => {
    const fs = run(offering({ fix: true }, { fixable: false }));
    assert.equal(fs.find((f) => f.rule === 'offers')?.fix, undefined);
    const internal = fs.filter((f) => f.rule === INTERNAL_ERROR);
    assert.equal(internal.length, 1);
    assert.equal(internal[0].severity, 'error');
    assert.equal(internal[0].message, "Rule 'offers' offered a fix (meta.fixable is false) that its metadata does not declare; they were dropped.");
  });

  it('suggestions from a rule that does not declare them are dropped and become an internal-error finding', () => {
    const fs = run(offering({ suggestions: true }, { fixable: true }));
    assert.equal(fs.find((f) => f.rule === 'offers')?.suggestions, undefined);
    const internal = fs.filter((f) => f.rule === INTERNAL_ERROR);
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /^Rule 'offers' offered suggestions \(meta\.suggestions is not set\)/);
  });

  it('a declared fix and declared suggestions pass, with no internal-error', () => {
    const fs = run(offering({ fix: true, suggestions: true }, { fixable: true, suggestions: true }));
    assert.deepEqual(fs.map((f) => [f.rule, !!f.fix, f.suggestions?.length]), [['offers', true, 1]]);
  });
});

describe('rule contract: the engine\'s own findings', () => {
  it('have their metadata in core, apart from the rules', () => {
    assert.deepEqual(ENGINE_FINDINGS.map((m) => m.name), ['internal-error', 'file-skipped', 'suppression-unknown-rule']);
    for (const m of ENGINE_FINDINGS) {
      assert.ok(isEngineFinding(m.name));
      assert.ok(!allRules.some((r) => r.meta.name === m.name), `${m.name} is also a rule`);
    }
    assert.ok(!isEngineFinding('missing-section'));
  });
});
