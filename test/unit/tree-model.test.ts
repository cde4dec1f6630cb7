import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../src/core/engine';
import { buildPairTree, findNode, type TreeNode } from '../../src/extension/tree/tree-model';

const ROOT = join(__dirname, '..', '..');
function lintPair(dir: string) {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return lint({
    impact: { path: 'IMPACT.md', text: read('IMPACT.md') },
    release: { path: 'release.yaml', text: read('release.yaml') },
    today: new Date(Date.UTC(2026, 5, 1)),
  });
}
const child = (n: TreeNode, label: string) => {
  const c = n.children?.find((x) => x.label === label);
  assert.ok(c, `no child '${label}' under '${n.label}' (has ${n.children?.map((x) => x.label).join(', ')})`);
  return c;
};
const summary = (n: TreeNode) => (n.children ?? []).map((c) => `${c.label}: ${c.description ?? ''}`);

describe('tree model', () => {
  const clean = buildPairTree({ key: 'k', label: 'clean', result: lintPair(join(ROOT, 'test/fixtures/pairs/clean')) });

  it('shows the pair with its completeness and the six groups', () => {
    assert.equal(clean.id, 'k');
    assert.equal(clean.description, '22/22');
    assert.equal(clean.contextValue, 'impactNotes.pair.impact.release');
    assert.deepEqual(clean.children!.map((c) => c.label), ['Hazards', 'Path to harm', 'Access ratchet', 'Release plan', 'Safeguards', 'Problems']);
    assert.equal(child(clean, 'Problems').description, 'none');
  });

  it('lists hazards with their Applies value and factors with their rating', () => {
    assert.deepEqual(summary(child(clean, 'Hazards')), ['Product hazard: yes', 'Data hazard: no', 'Attention hazard: unsure']);
    const path = child(clean, 'Path to harm');
    assert.deepEqual(path.children!.map((c) => c.label), ['Awareness', 'Deployment', 'Sustained use']);
    assert.equal(path.description, '9/9 rated');
    const slot = child(child(path, 'Deployment'), 'Slottability');
    assert.equal(slot.description, 'high');
    assert.deepEqual(slot.icon, { id: 'circle-filled', color: 'charts.red' });
    assert.equal(slot.location?.file, 'impact');
  });

  it('marks the ratchet position, release plan and safeguards', () => {
    const ratchet = child(clean, 'Access ratchet');
    assert.equal(ratchet.description, 'Attention');
    assert.equal(child(ratchet, 'Attention').description, 'current position');
    const plan = child(clean, 'Release plan');
    assert.deepEqual(summary(plan), ['paper: immediate · public', 'code: immediate · public', 'weights: staged · ask-for-access']);
    const timing = child(child(plan, 'weights'), 'Timing');
    assert.deepEqual(summary(timing), ['2026-09-01: small model · ask-for-access', 'after detector published: full model · ask-for-access']);
    assert.deepEqual(summary(child(clean, 'Safeguards')), [
      'Consent: implemented',
      'Detectability: planned',
      'Watermarking: implemented',
      'Referenceability: not-applicable',
      'Synthesis constraints: planned',
    ]);
  });

  it('gives every node a unique id, a parent link and (below the groups) a location', () => {
    const seen = new Set<string>();
    const walk = (n: TreeNode) => {
      assert.ok(!seen.has(n.id), n.id);
      seen.add(n.id);
      for (const c of n.children ?? []) {
        assert.equal(c.parent, n);
        walk(c);
      }
    };
    walk(clean);
    assert.ok(findNode(clean, (n) => n.kind === 'factor' && !n.location) === undefined);
  });

  it('shows the example project’s gaps: off-scale and missing ratings, missing safeguard, problems by severity', () => {
    const tree = buildPairTree({ key: 'ex', label: 'voice-clone-study', result: lintPair(join(ROOT, 'examples/voice-clone-study')) });
    assert.equal(tree.description, '17/22');
    const deployment = child(child(tree, 'Path to harm'), 'Deployment');
    assert.equal(child(deployment, 'Modifiability').description, 'hgih (not a rating)');
    assert.equal(child(deployment, 'Environment').description, 'not rated');
    assert.equal(child(child(tree, 'Safeguards'), 'Referenceability').description, 'not listed');
    const problems = child(tree, 'Problems');
    assert.ok(problems.children!.length >= 1);
    for (const sev of problems.children!) for (const f of sev.children!) assert.equal(f.kind, 'finding');
  });

  it('copes with a missing or unreadable release plan and a missing IMPACT.md', () => {
    const noRelease = buildPairTree({ key: 'a', label: 'a', result: lint({ impact: { path: 'IMPACT.md', text: '# T\n' } }) });
    assert.deepEqual(summary(child(noRelease, 'Release plan')), ['No release.yaml beside IMPACT.md: ']);
    assert.equal(noRelease.children!.find((c) => c.label === 'Safeguards'), undefined);
    const broken = buildPairTree({ key: 'b', label: 'b', result: lint({ impact: { path: 'IMPACT.md', text: '# T\n' }, release: { path: 'release.yaml', text: 'impact-release: 1\nartifacts: [\n' } }) });
    assert.equal(child(broken, 'Release plan').description, 'unreadable');
    const noImpact = buildPairTree({ key: 'c', label: 'c', result: lint({ release: { path: 'release.yaml', text: 'impact-release: 1\nartifacts: []\n' } }) });
    assert.equal(noImpact.description, 'no IMPACT.md');
    assert.equal(noImpact.children![0].label, 'No IMPACT.md beside this release plan');
  });
});

describe('tree model: release vocabulary of real decisions', () => {
  const dir = join(ROOT, 'test/fixtures/real-releases');
  const tree = (name: string) => buildPairTree({ key: name, label: name, result: lintPair(join(dir, name)) });
  const nodes = (n: TreeNode): TreeNode[] => [n, ...(n.children ?? []).flatMap(nodes)];

  it('shows a withheld timing with its reason and a hosted distribution', () => {
    const all = nodes(tree('voice-engine'));
    assert.ok(all.some((n) => n.label === 'Timing' && n.description === 'withheld: the model is used only through OpenAI\'s own service'));
    const hosted = all.find((n) => n.label === 'Distribution' && n.description === 'hosted');
    assert.equal(hosted?.icon?.id, 'cloud');
  });

  it("gives a stage's own access details in its tooltip", () => {
    const stage = nodes(tree('stable-diffusion')).find((n) => n.label === '2022-08-10');
    assert.match(stage?.tooltip ?? '', /Access process: researchers apply through a form and are granted access/);
  });
});
