/**
 * Discovery: markers, .gitignore semantics, grouping into research roots, coverage by release
 * plans, the incremental index, findings (workspace rules) and the Node walker on fixture trees
 * built in a temporary folder (gitignore cases, symlink loops, unreadable and empty folders).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig, type Config } from '../../src/core/config';
import {
  DiscoveryIndex,
  discoverRoots,
  discoveryFindings,
  expandBraces,
  GitignoreRules,
  isContainerName,
  isExcludedPath,
  MarkerSet,
  planCovers,
  planFromText,
  suggestArtifacts,
  type FileEntry,
  type PlanInfo,
  type ResearchRoot,
} from '../../src/core/discovery';
import { surroundings, walkForDiscovery, nodeWalkFs, type WalkFs } from '../../src/core/discovery/walk-node';
import { discoveryProvider } from '../../src/cli/discovery';
import { defaultProviders } from '../../src/cli/providers';
import { spawnSync } from 'node:child_process';
import { main, type Io } from '../../src/cli/main';
import { allRules } from '../../src/core/rules';
import { workspaceRules } from '../../src/core/rules/workspace';
import { generateTree, scratchDir } from '../bench/discovery-tree';

const MB = 1024 * 1024;
const defaults = new MarkerSet();

function kindOf(p: string, size?: number, set = defaults): string | undefined {
  const c = set.classify(p, size);
  if (!c) return undefined;
  return 'needsSize' in c ? 'needs-size' : c.kind;
}

function plan(dir: string, paths: string[][], extra: Partial<PlanInfo> = {}): PlanInfo {
  return { dir, file: dir ? `${dir}/release.yaml` : 'release.yaml', artifacts: paths.map((p, i) => ({ id: `a${i}`, paths: p })), ...extra };
}

const entries = (...paths: (string | [string, number])[]): FileEntry[] => paths.map((p) => (typeof p === 'string' ? { path: p } : { path: p[0], size: p[1] }));

function summary(roots: ResearchRoot[]): string[] {
  return roots.map((r) => `${r.dir || '.'}:${r.status}`);
}

// ---- temporary trees ------------------------------------------------------------------------------

const tmpRoots: string[] = [];
function tmpTree(files: Record<string, string | number | { link: string }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-discovery-'));
  tmpRoots.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split('/'));
    if (rel.endsWith('/')) {
      fs.mkdirSync(abs, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof content === 'object') fs.symlinkSync(content.link, abs);
    else if (typeof content === 'number') {
      fs.writeFileSync(abs, '');
      fs.truncateSync(abs, content);
    } else fs.writeFileSync(abs, content);
  }
  return dir;
}
after(() => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

async function walkRoots(dir: string, opts: Parameters<typeof walkForDiscovery>[1] = {}) {
  const w = await walkForDiscovery(dir, opts);
  return { walk: w, roots: discoverRoots(w.markers, w.entries, w.plans) };
}

const PLAN = (paths: string) => `impact-release: 1\nartifacts:\n  - id: all\n    content: trained-model\n    paths: [${paths}]\n`;

// ---- markers --------------------------------------------------------------------------------------

describe('discovery: markers', () => {
  it('recognises weights, datasets and training code by default', () => {
    for (const p of ['a.pt', 'x/model.PTH', 'm.ckpt', 'x/y/model.safetensors', 'm.onnx', 'm.gguf', 'k.h5', 'saved_model.pb', 'm.tflite']) assert.equal(kindOf(p), 'weights', p);
    for (const p of ['d.parquet', 'x/d.arrow', 'shard.tfrecord', 'arr.npz']) assert.equal(kindOf(p), 'datasets', p);
    for (const p of ['train.py', 'src/train_gan.py', 'vc_train.py', 'finetune_lora.py', 'nb/training-run.ipynb', 'train.ipynb', 'configs/train.yaml', 'trainer_config.json']) assert.equal(kindOf(p), 'training', p);
    for (const p of ['infer.py', 'README.md', 'model.py', 'strain.py', 'data.json', 'x.bin.txt']) assert.equal(kindOf(p), undefined, p);
  });

  it('size conditions: large .bin files and large files in data folders', () => {
    assert.equal(kindOf('blob.bin'), 'needs-size');
    assert.equal(kindOf('blob.bin', 11 * MB), 'weights');
    assert.equal(kindOf('blob.bin', 2048), undefined);
    assert.equal(kindOf('checkpoints/pytorch_model.bin', 10), 'weights', 'a .bin inside a checkpoint folder, whatever its size');
    assert.equal(kindOf('ckpt-500/pytorch_model.bin'), 'weights');
    assert.equal(kindOf('data/corpus.csv', 2 * MB), 'datasets');
    assert.equal(kindOf('proj/datasets/x/y.jsonl', 1 * MB), 'datasets');
    assert.equal(kindOf('data/README.md', 300), undefined);
    assert.equal(kindOf('data/README.md'), 'needs-size');
  });

  it('leaves out tool folders, vendored code and test fixtures, but not a test split of a dataset', () => {
    for (const p of ['node_modules/x/m.onnx', '.venv/lib/m.pt', 'a/__pycache__/train.py', 'third_party/lib/m.onnx', 'vendor/m.pt', 'tests/fixtures/m.onnx', 'pkg/test/train.py', 'build/m.onnx', 'x.egg-info/train.py']) {
      assert.equal(kindOf(p), undefined, p);
      assert.ok(isExcludedPath(p), p);
    }
    assert.equal(kindOf('data/test/part-0.parquet'), 'datasets');
    assert.equal(kindOf('contest/model.pt'), 'weights', 'only whole folder names count');
  });

  it('configured groups replace the defaults; $defaults keeps them; ! leaves out; sizes parse', () => {
    const set = new MarkerSet({ weights: ['*.keras', '$defaults', '!**/samples/**'], datasets: ['corpus/** >=5MB'], training: [] });
    assert.equal(kindOf('m.keras', undefined, set), 'weights');
    assert.equal(kindOf('m.pt', undefined, set), 'weights');
    assert.equal(kindOf('samples/m.pt', undefined, set), undefined);
    assert.equal(kindOf('d.parquet', undefined, set), undefined, 'datasets replaced');
    assert.equal(kindOf('corpus/a.txt', 4 * MB, set), undefined);
    assert.equal(kindOf('x/corpus/a.txt', 6 * MB, set), 'datasets');
    assert.equal(kindOf('train.py', undefined, set), undefined, 'training turned off with an empty list');
    assert.deepEqual(new MarkerSet({ weights: ['  '] }).problems.length, 1);
  });

  it('expands braces for editor searches', () => {
    assert.deepEqual(expandBraces('{a,b}/x.{c,d}'), ['a/x.c', 'a/x.d', 'b/x.c', 'b/x.d']);
    assert.deepEqual(expandBraces('plain'), ['plain']);
    const globs = defaults.searchGlobs();
    assert.ok(globs.includes('**/*.pt'));
    assert.ok(globs.includes('**/checkpoints*/**/*.bin'));
    assert.ok(globs.every((g) => !g.includes('{') && !g.includes('>=')));
  });
});

// ---- gitignore ------------------------------------------------------------------------------------

describe('discovery: .gitignore semantics', () => {
  it('root and nested rules, negation, folder-only patterns, no re-inclusion under an ignored folder', () => {
    const g = new GitignoreRules();
    g.set('', '*.pt\n!keep.pt\nscratch/\nlogs\n');
    g.set('proj', '!*.pt\ncache/\n');
    assert.equal(g.isFileIgnored('a.pt'), true);
    assert.equal(g.isFileIgnored('x/keep.pt'), false);
    assert.equal(g.isFileIgnored('proj/model.pt'), false, 'a deeper file re-includes');
    assert.equal(g.isDirIgnored('scratch'), true);
    assert.equal(g.isFileIgnored('scratch'), false, 'scratch/ matches folders only');
    assert.equal(g.isFileIgnored('scratch/keep.pt'), true, 'nothing under an ignored folder comes back');
    assert.equal(g.isDirIgnored('proj/cache'), true);
    assert.equal(g.isFileIgnored('proj/cache/a.onnx'), true);
    assert.equal(g.isFileIgnored('proj/logs/m.onnx'), true, 'a name without slash matches at any depth');
    g.delete('proj');
    assert.equal(g.isFileIgnored('proj/model.pt'), true);
  });

  it('without negations, name rules and path rules mix as in git', () => {
    const g = new GitignoreRules();
    g.set('', '# comment\n*.log\n/build\ndocs/_build/\nckpt/\n**/cache/*.pt\n');
    assert.equal(g.isFileIgnored('x/a.log'), true);
    assert.equal(g.isDirIgnored('build'), true);
    assert.equal(g.isDirIgnored('x/build'), false);
    assert.equal(g.isDirIgnored('docs/_build'), true);
    assert.equal(g.isDirIgnored('x/docs/_build'), false);
    assert.equal(g.isDirIgnored('a/ckpt'), true);
    assert.equal(g.isFileIgnored('a/ckpt'), false);
    assert.equal(g.isFileIgnored('p/q/cache/m.pt'), true);
    assert.equal(g.isFileIgnored('p/q/cache/m.onnx'), false);
    assert.equal(g.isIgnoredIn('z/m.log', false), true);
  });

  it('anchored patterns are relative to their own folder', () => {
    const g = new GitignoreRules();
    g.set('a', '/ckpt/\n');
    assert.equal(g.isDirIgnored('a/ckpt'), true);
    assert.equal(g.isDirIgnored('a/b/ckpt'), false);
    assert.equal(g.isDirIgnored('ckpt'), false);
  });
});

// ---- grouping and coverage ------------------------------------------------------------------------

describe('discovery: research roots', () => {
  it('strips artifact folders and generated names to find the project folder', () => {
    for (const n of ['checkpoints', 'data', 'configs', 'version_0', 'epoch=3-step=100', 'checkpoint-500', '2024-05-01_12-00-00', 'run_17', 'v2']) assert.ok(isContainerName(n), n);
    for (const n of ['voice-clone', 'gpt2', 'proj-07-alpha', 'team']) assert.ok(!isContainerName(n), n);
    const roots = discoverRoots(defaults, entries('voice/checkpoints/run-3/a.pt', 'voice/train.py', 'voice/lightning_logs/version_0/checkpoints/e.ckpt'), []);
    assert.deepEqual(summary(roots), ['voice:unplanned']);
    assert.equal(roots[0].markers.length, 3);
    assert.equal(roots[0].primary?.path, 'voice/checkpoints/run-3/a.pt');
  });

  it('keeps separate projects separate, and joins nested anchors into their project', () => {
    const roots = discoverRoots(defaults, entries('team/tts/train.py', 'team/vc/ckpt/m.pt', 'team/vc/experiments/emo/ckpt/a.safetensors'), []);
    assert.deepEqual(summary(roots), ['team/tts:unplanned', 'team/vc:unplanned']);
    assert.equal(roots[1].markers.length, 2);
  });

  it('a folder with its own plan or assessment is a boundary', () => {
    const files = entries('proj/train.py', 'proj/sub/ckpt/m.pt', 'proj/other/m.onnx');
    const roots = discoverRoots(defaults, files, [plan('proj/sub', [['ckpt/**']])]);
    assert.deepEqual(summary(roots), ['proj:unplanned', 'proj/sub:covered']);
    assert.deepEqual(roots[0].markers.map((m) => m.path), ['proj/other/m.onnx', 'proj/train.py']);
    // A plan in a folder that would otherwise be stripped keeps its markers.
    const r2 = discoverRoots(defaults, entries('proj/train.py', 'proj/checkpoints/m.pt'), [plan('proj/checkpoints', [['*.pt']])]);
    assert.deepEqual(summary(r2), ['proj:unplanned', 'proj/checkpoints:covered']);
  });

  it('coverage: unplanned, unmatched, partial, covered; plans above count; folders and ./ prefixes match', () => {
    const files = entries('p/train.py', 'p/checkpoints/a.pt', 'p/data/x.parquet');
    assert.deepEqual(summary(discoverRoots(defaults, files, [])), ['p:unplanned']);
    assert.deepEqual(summary(discoverRoots(defaults, files, [plan('p', [['paper/**']])])), ['p:unmatched']);
    assert.deepEqual(summary(discoverRoots(defaults, files, [plan('p', [['checkpoints']])])), ['p:partial']);
    assert.deepEqual(summary(discoverRoots(defaults, files, [plan('p', [['./checkpoints/'], ['data/*.parquet', 'train.py']])])), ['p:covered']);
    assert.deepEqual(summary(discoverRoots(defaults, files, [plan('', [['p/**']])])), ['p:covered'], 'a plan above covers');
    assert.deepEqual(summary(discoverRoots(defaults, files, [plan('', [['**/*.pt', '**/*.parquet', '**/train.py']])])), ['p:covered']);
    assert.deepEqual(summary(discoverRoots(defaults, files, [plan('p', [['../p/**']])])), ['p:unmatched'], 'globs outside the folder are not followed');
    assert.deepEqual(summary(discoverRoots(defaults, files, [{ dir: 'p', file: 'p/release.yaml' }])), ['p:covered'], 'unknown artifacts (broken YAML) cover');
    const onlyImpact = discoverRoots(defaults, files, [{ dir: 'p', artifacts: [], assessmentOnly: true }]);
    assert.deepEqual(summary(onlyImpact), ['p:unplanned']);
    assert.equal(onlyImpact[0].assessmentOnly, true);
  });

  it('planCovers matches like artifact-path-unmatched (folders, dot files, case-sensitive)', () => {
    const p = plan('a', [['ckpt', '.hidden/**']]);
    assert.ok(planCovers(p, 'a/ckpt/x/y.pt'));
    assert.ok(planCovers(p, 'a/.hidden/m.pt'));
    assert.ok(!planCovers(p, 'a/CKPT/m.pt'));
    assert.ok(!planCovers(p, 'b/ckpt/m.pt'));
  });

  it('suggests artifacts to prefill a plan', () => {
    const ms = discoverRoots(defaults, entries('p/train.py', 'p/checkpoints/a.pt', 'p/checkpoints/b.pt', 'p/m.onnx', 'p/data/x.parquet'), [])[0].markers;
    assert.deepEqual(suggestArtifacts(ms, 'p'), [
      { id: 'weights', content: 'trained-model', paths: ['checkpoints/**', 'm.onnx'] },
      { id: 'data', content: 'training-data', paths: ['data/**'] },
      { id: 'training-code', content: 'source-code', paths: ['train.py'] },
    ]);
  });
});

describe('discovery: incremental index', () => {
  it('reports added, changed and removed roots and recomputes only the touched ones', () => {
    const idx = new DiscoveryIndex(defaults);
    for (const e of entries('a/train.py', 'b/ckpt/m.pt', 'c/data/x.parquet')) idx.addFile(e);
    const first = idx.update();
    assert.deepEqual(first.added.map((r) => r.dir), ['a', 'b', 'c']);
    const untouched = idx.root('c');

    idx.addFile({ path: 'b/ckpt/n.pt' });
    let d = idx.update();
    assert.deepEqual([d.added.length, d.changed.map((r) => r.dir), d.removed.length], [0, ['b'], 0]);
    assert.equal(idx.root('c'), untouched, 'other roots keep their objects');

    idx.setPlan(plan('b', [['ckpt/**']]));
    d = idx.update();
    assert.deepEqual(d.changed.map((r) => `${r.dir}:${r.status}`), ['b:covered']);

    // Rename = delete + create.
    idx.removeFile('a/train.py');
    idx.addFile({ path: 'a2/train.py' });
    d = idx.update();
    assert.deepEqual([d.added.map((r) => r.dir), d.removed.map((r) => r.dir)], [['a2'], ['a']]);

    idx.removeFolder('c');
    d = idx.update();
    assert.deepEqual(d.removed.map((r) => r.dir), ['c']);
    assert.deepEqual(idx.update(), { added: [], removed: [], changed: [] }, 'nothing pending');

    idx.removePlan('b');
    assert.equal(idx.root('b')?.status, 'unplanned');
    assert.equal(idx.addFile({ path: 'z/README.md' }).marker, false);
    assert.equal(idx.addFile({ path: 'z/blob.bin' }).needsSize, true);
  });

  it('a new outer anchor absorbs inner roots, and a plan splits them again', () => {
    const idx = new DiscoveryIndex(defaults);
    idx.addFile({ path: 'p/sub/m.pt' });
    assert.deepEqual(idx.roots().map((r) => r.dir), ['p/sub']);
    idx.addFile({ path: 'p/train.py' });
    assert.deepEqual(idx.roots().map((r) => r.dir), ['p']);
    idx.setPlan(plan('p/sub', [['*.pt']]));
    assert.deepEqual(summary(idx.roots()), ['p:unplanned', 'p/sub:covered']);
  });

  it('any sequence of events ends in the same roots as discovering from scratch (property)', () => {
    const dirs = ['p', 'p/ckpt', 'p/sub', 'p/sub/data', 'q', 'q/runs/version_0', 'q/tools', ''];
    const names = ['m.pt', 'train.py', 'x.parquet', 'readme.md', 'big.bin'];
    const op = fc.oneof(
      fc.record({ t: fc.constant('add' as const), d: fc.constantFrom(...dirs), n: fc.constantFrom(...names), size: fc.constantFrom(undefined, 100, 20 * MB) }),
      fc.record({ t: fc.constant('rm' as const), d: fc.constantFrom(...dirs), n: fc.constantFrom(...names) }),
      fc.record({ t: fc.constant('rmdir' as const), d: fc.constantFrom(...dirs) }),
      fc.record({ t: fc.constant('plan' as const), d: fc.constantFrom(...dirs), g: fc.constantFrom('ckpt/**', '*.pt', 'train.py', 'sub', '**') }),
      fc.record({ t: fc.constant('unplan' as const), d: fc.constantFrom(...dirs) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (ops, every) => {
        const idx = new DiscoveryIndex(defaults);
        const files = new Map<string, number | undefined>();
        const plans = new Map<string, PlanInfo>();
        const join = (d: string, n: string) => (d ? `${d}/${n}` : n);
        ops.forEach((o, i) => {
          if (o.t === 'add') {
            files.set(join(o.d, o.n), o.size);
            idx.addFile({ path: join(o.d, o.n), size: o.size });
          } else if (o.t === 'rm') {
            files.delete(join(o.d, o.n));
            idx.removeFile(join(o.d, o.n));
          } else if (o.t === 'rmdir') {
            for (const f of [...files.keys()]) if (o.d === '' || f.startsWith(`${o.d}/`)) files.delete(f);
            for (const d of [...plans.keys()]) if (o.d === '' || d === o.d || d.startsWith(`${o.d}/`)) plans.delete(d);
            idx.removeFolder(o.d);
          } else if (o.t === 'plan') {
            plans.set(o.d, plan(o.d, [[o.g]]));
            idx.setPlan(plan(o.d, [[o.g]]));
          } else {
            plans.delete(o.d);
            idx.removePlan(o.d);
          }
          if (i % every === 0) idx.update();
        });
        const fresh = discoverRoots(defaults, [...files].map(([path, size]) => ({ path, size })), [...plans.values()]);
        assert.deepEqual(
          idx.roots().map((r) => [r.dir, r.signature]),
          fresh.map((r) => [r.dir, r.signature]),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('changing markers reclassifies', () => {
    const idx = new DiscoveryIndex(defaults);
    idx.addFile({ path: 'p/m.keras' });
    idx.addFile({ path: 'p/m.pt' });
    assert.equal(idx.roots()[0].markers.length, 1);
    idx.setMarkers(new MarkerSet({ weights: ['*.keras'] }));
    assert.deepEqual(idx.roots().flatMap((r) => r.markers.map((m) => m.path)), []);
  });
});

// ---- plans and findings ---------------------------------------------------------------------------

describe('discovery: plans and findings', () => {
  const cfg = (rules: Config['rules'] = {}): Config => ({ ...defaultConfig(), rules });
  const opts = (config = cfg()) => ({ configFor: () => config, pathOf: (r: string) => `/ws/${r}` });

  it('reads a plan: declared or beside IMPACT.md only; artifacts and the anchor of artifacts:', () => {
    assert.equal(planFromText('', 'release.yaml', 'apiVersion: v2\nname: chart\n', false), undefined, 'a Helm release.yaml is not a plan');
    const p = planFromText('x', 'x/release.yaml', '# c\nimpact-release: 1\nartifacts:\n  - id: w\n    paths: [ckpt/**, "*.pt"]\n  - paths: data/**\n  - junk\n', false)!;
    assert.deepEqual(p.artifacts, [{ id: 'w', paths: ['ckpt/**', '*.pt'] }, { id: undefined, paths: ['data/**'] }]);
    assert.deepEqual(p.anchor?.start, { line: 2, character: 0 });
    const broken = planFromText('', 'release.yaml', 'impact-release: 1\nartifacts: [\n', false)!;
    assert.equal(broken.artifacts, undefined);
    assert.deepEqual(planFromText('', 'release.yaml', 'title: x\n', true)?.artifacts, []);
  });

  it('release-plan-missing sits on the marker; artifact-uncovered on the plan; severities and suppressions apply', () => {
    const files = entries('p/train.py', 'p/checkpoints/a.pt', 'q/m.onnx');
    const planText = 'impact-release: 1\nartifacts:   # impact-notes-disable-line artifact-uncovered\n  - id: w\n    paths: [checkpoints/**]\n';
    const roots = discoverRoots(defaults, files, [planFromText('p', 'p/release.yaml', PLAN('checkpoints/**'), false)!]);
    const f = discoveryFindings(roots, opts());
    assert.deepEqual(f.map((x) => `${x.rule}@${x.path}:${x.start.line}`), ['artifact-uncovered@/ws/p/release.yaml:1', 'release-plan-missing@/ws/q/m.onnx:0']);
    assert.match(f[0].message, /'train\.py'/);
    assert.equal(f[1].file, 'workspace');
    assert.deepEqual(JSON.parse(String(f[1].data?.artifacts)), [{ id: 'weights', content: 'trained-model', paths: ['m.onnx'] }]);
    assert.deepEqual(discoveryFindings(roots, opts(cfg({ 'release-plan-missing': { severity: 'off', options: {} } }))).map((x) => x.rule), ['artifact-uncovered']);
    assert.deepEqual(discoveryFindings(roots, opts(cfg({ 'artifact-uncovered': { severity: 'error', options: {} } }))).map((x) => x.severity), ['error', 'warning']);
    const suppressed = discoverRoots(defaults, files, [planFromText('p', 'p/release.yaml', planText, false)!]);
    assert.deepEqual(discoveryFindings(suppressed, opts()).map((x) => x.rule), ['release-plan-missing']);
  });

  it('messages name the folder, what was found and what to do', () => {
    const roots = discoverRoots(defaults, entries('p/train.py', 'p/checkpoints/a.pt', 'p/checkpoints/b.pt', 'p/checkpoints/c.pt'), [plan('', [['docs/**']])]);
    const [f] = discoveryFindings(roots, opts());
    assert.match(f.message, /^'p\/' holds model weights \('checkpoints\/a\.pt', 'checkpoints\/b\.pt' and 1 more\) and training code \('train\.py'\), but none of the artifact paths in \.\.\/release\.yaml match them/);
    const [g] = discoveryFindings(discoverRoots(defaults, entries('train.py'), []), opts());
    assert.match(g.message, /^the top folder holds training code \('train\.py'\), and no release plan covers them: create a release\.yaml/);
  });

  it('the workspace rules are registered, and the pair engine skips them', () => {
    for (const r of workspaceRules) {
      assert.equal(r.meta.scope, 'workspace');
      assert.ok(allRules.includes(r));
    }
  });
});

// ---- workspace rule fixture trees -----------------------------------------------------------------

interface TreeCase {
  name: string;
  tree: Record<string, string | number>;
  /** Expected `rule:relative path:line` (1-based). */
  expect: string[];
  config?: string;
  /** A real git repository (`git init`), with these paths committed (forced past .gitignore). */
  git?: string[];
}

const TREE_CASES: TreeCase[] = [
  { name: 'release-plan-missing/bad-checkpoint-without-plan', tree: { 'voice/train.py': 'x', 'voice/checkpoints/best.pt': 'x' }, expect: ['release-plan-missing:voice/checkpoints/best.pt:1'] },
  { name: 'release-plan-missing/bad-impact-without-plan', tree: { 'IMPACT.md': '# x\n', 'data/train.parquet': 'x' }, expect: ['release-plan-missing:data/train.parquet:1'] },
  { name: 'release-plan-missing/bad-plan-paths-do-not-match', tree: { 'release.yaml': PLAN('paper/**'), 'weights/final.onnx': 'x' }, expect: ['release-plan-missing:weights/final.onnx:1'] },
  { name: 'release-plan-missing/bad-large-bin', tree: { 'exports/big.bin': 11 * MB }, expect: ['release-plan-missing:exports/big.bin:1'] },
  { name: 'release-plan-missing/good-covered', tree: { 'release.yaml': PLAN('checkpoints/**, train.py'), 'train.py': 'x', 'checkpoints/best.pt': 'x' }, expect: [] },
  { name: 'release-plan-missing/good-plan-above', tree: { 'release.yaml': PLAN('"**/*.pt"'), 'a/b/m.pt': 'x' }, expect: [] },
  { name: 'release-plan-missing/good-decoys', tree: { 'tests/fixtures/tiny.onnx': 'x', 'third_party/x/m.pt': 'x', 'node_modules/y/m.onnx': 'x', 'small.bin': 10, 'docs/data/tiny.csv': 'x', 'env/pyvenv.cfg': 'x', 'env/lib/m.pt': 'x', 'deploy/release.yaml': 'apiVersion: v2\n' }, expect: [] },
  { name: 'release-plan-missing/good-gitignored', tree: { '.gitignore': 'checkpoints/\n', 'checkpoints/m.pt': 'x' }, expect: [] },
  { name: 'release-plan-missing/good-turned-off', tree: { '.impact-notes.yaml': 'rules:\n  release-plan-missing: off\n', 'm.pt': 'x' }, expect: [] },
  { name: 'release-plan-missing/bad-gitignore-not-respected', tree: { '.impact-notes.yaml': 'rules:\n  release-plan-missing: { respectGitignore: false }\n', '.gitignore': '*.pt\n', 'm.pt': 'x' }, expect: ['release-plan-missing:m.pt:1'] },
  { name: 'release-plan-missing/good-config-ignore', tree: { '.impact-notes.yaml': 'ignore: ["scratch/**"]\n', 'scratch/m.pt': 'x' }, expect: [] },
  { name: 'release-plan-missing/bad-configured-markers', tree: { '.impact-notes.yaml': 'markers:\n  weights: ["*.keras"]\n', 'm.keras': 'x', 'm.pt': 'x' }, expect: ['release-plan-missing:m.keras:1'] },
  { name: 'artifact-uncovered/bad-new-experiment', tree: { 'release.yaml': PLAN('checkpoints/**, train.py'), 'train.py': 'x', 'checkpoints/a.pt': 'x', 'experiments/emo/ckpt/adapter.safetensors': 'x' }, expect: ['artifact-uncovered:release.yaml:2'] },
  { name: 'artifact-uncovered/good-all-listed', tree: { 'release.yaml': PLAN('checkpoints/**, train.py, experiments/**'), 'train.py': 'x', 'checkpoints/a.pt': 'x', 'experiments/emo/ckpt/adapter.safetensors': 'x' }, expect: [] },
  { name: 'artifact-uncovered/good-suppressed', tree: { 'release.yaml': `# impact-notes-disable-file artifact-uncovered\n${PLAN('checkpoints/**')}`, 'train.py': 'x', 'checkpoints/a.pt': 'x' }, expect: [] },
  { name: 'local-only-artifact/bad-gitignored-checkpoint', git: ['.gitignore', 'train.py', 'release.yaml'], tree: { '.gitignore': 'checkpoints/\n', 'train.py': 'x', 'checkpoints/best.pt': 'x', 'release.yaml': PLAN('train.py') }, expect: ['local-only-artifact:release.yaml:2'] },
  { name: 'local-only-artifact/bad-no-plan', git: ['.gitignore'], tree: { '.gitignore': '*.safetensors\n', 'out/model.safetensors': 'x' }, expect: ['local-only-artifact:out/model.safetensors:1'] },
  { name: 'local-only-artifact/good-declared-private', git: ['.gitignore', 'train.py', 'release.yaml'], tree: { '.gitignore': 'checkpoints/\n', 'train.py': 'x', 'checkpoints/best.pt': 'x', 'release.yaml': `${PLAN('train.py')}  - id: weights\n    content: trained-model\n    paths: [checkpoints/**]\n    distribution: { kind: private, reason: kept }\n` }, expect: [] },
  { name: 'local-only-artifact/good-committed-despite-gitignore', git: ['.gitignore', 'train.py', 'checkpoints/best.pt', 'release.yaml'], tree: { '.gitignore': 'checkpoints/\n', 'train.py': 'x', 'checkpoints/best.pt': 'x', 'release.yaml': PLAN('train.py, checkpoints/**') }, expect: [] },
  { name: 'artifact-uncovered/good-sub-project-has-own-plan', tree: { 'release.yaml': PLAN('train.py'), 'train.py': 'x', 'sub/IMPACT.md': '# x\n', 'sub/release.yaml': PLAN('"*.pt"'), 'sub/m.pt': 'x' }, expect: [] },
];

async function lintTree(dir: string, extra: string[] = []): Promise<{ code: number; findings: { rule: string; file: string; line: number; message: string }[]; out: string }> {
  const io: Io & { out: string; err: string } = { out: '', err: '', cwd: dir, env: {}, isTTY: false, stdout: (s) => (io.out += s), stderr: (s) => (io.err += s) };
  const code = await main(['lint', '--today', '2026-06-01', '-f', 'json', ...extra], io, [discoveryProvider()]);
  const parsed = io.out ? JSON.parse(io.out) : [];
  const list = Array.isArray(parsed) ? parsed : parsed.findings;
  return { code, findings: list, out: io.out };
}

describe('workspace rule fixture trees (CLI discovery)', () => {
  for (const c of TREE_CASES) {
    it(c.name, async () => {
      const dir = tmpTree(c.tree);
      if (c.git) {
        const run = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir }).status, 0, `git ${args.join(' ')}`);
        run('init', '-q');
        run('add', '-f', '--', ...c.git);
        run('commit', '-qm', 'fixture');
      } else fs.mkdirSync(path.join(dir, '.git')); // the walk stops at the repository root
      const { findings } = await lintTree(dir);
      const names = workspaceRules.map((r) => r.meta.name);
      const got = findings.filter((f) => names.includes(f.rule)).map((f) => `${f.rule}:${f.file}:${f.line}`).sort();
      assert.deepEqual(got, [...c.expect].sort(), JSON.stringify(findings, null, 1));
      const base = path.basename(c.name);
      if (base.startsWith('bad-')) assert.ok(c.expect.length > 0);
      if (base.startsWith('good-')) assert.equal(c.expect.length, 0);
    });
  }

  it('every workspace rule has a triggering tree and a clean one', () => {
    for (const r of workspaceRules) {
      const mine = TREE_CASES.filter((c) => c.name.startsWith(`${r.meta.name}/`));
      assert.ok(mine.some((c) => c.expect.some((e) => e.startsWith(`${r.meta.name}:`))), `${r.meta.name}: no bad tree`);
      assert.ok(mine.some((c) => c.expect.length === 0), `${r.meta.name}: no good tree`);
    }
  });

  it('--no-discovery turns it off; SARIF carries the findings with rule metadata', async () => {
    const dir = tmpTree({ 'voice/train.py': 'x', 'voice/checkpoints/best.pt': 'x' });
    fs.mkdirSync(path.join(dir, '.git'));
    const on = await lintTree(dir);
    assert.equal(on.findings.length, 1);
    const off = await lintTree(dir, ['--no-discovery']);
    assert.equal(off.findings.length, 0);
    const io: Io & { out: string } = { out: '', cwd: dir, env: {}, isTTY: false, stdout: (s) => (io.out += s), stderr: () => undefined };
    await main(['lint', '-f', 'sarif'], io, [discoveryProvider()]);
    const sarif = JSON.parse(io.out);
    const run = sarif.runs[0];
    assert.equal(run.results.length, 1);
    assert.equal(run.results[0].ruleId, 'release-plan-missing');
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'release-plan-missing'));
  });

  it('a plan above the linted folder covers it (up to the repository root)', async () => {
    const dir = tmpTree({ 'release.yaml': PLAN('sub/**'), 'sub/m.pt': 'x', 'other/m.pt': 'x' });
    fs.mkdirSync(path.join(dir, '.git'));
    const io: Io & { out: string } = { out: '', cwd: path.join(dir, 'sub'), env: {}, isTTY: false, stdout: (s) => (io.out += s), stderr: () => undefined };
    await main(['lint', '-f', 'json', '.'], io, [discoveryProvider()]);
    assert.deepEqual(JSON.parse(io.out || '[]'), []);
  });
});

// ---- the Node walker ------------------------------------------------------------------------------

describe('discovery: Node walker', () => {
  it('nested .gitignore files, negation, folder patterns and .git/info/exclude', async () => {
    const dir = tmpTree({
      '.gitignore': '*.onnx\nscratch/\n',
      '.git/info/exclude': 'private/\n',
      'a/m.onnx': 'x',
      'b/.gitignore': '!keep.onnx\n',
      'b/keep.onnx': 'x',
      'b/drop.onnx': 'x',
      'scratch/keep.onnx': 'x',
      'private/m.pt': 'x',
      'c/m.pt': 'x',
    });
    const { walk } = await walkRoots(dir);
    assert.deepEqual(walk.entries.map((e) => e.path), ['b/keep.onnx', 'c/m.pt']);
    const all = await walkForDiscovery(dir, { respectGitignore: false });
    assert.deepEqual(all.entries.map((e) => e.path), ['a/m.onnx', 'b/drop.onnx', 'b/keep.onnx', 'c/m.pt', 'private/m.pt', 'scratch/keep.onnx']);
  });

  it('.gitignore files above the walked folder apply (surroundings)', async () => {
    const dir = tmpTree({ '.gitignore': 'ckpt/\n', 'proj/ckpt/m.pt': 'x', 'proj/m.onnx': 'x', 'release.yaml': PLAN('proj/m.onnx') });
    fs.mkdirSync(path.join(dir, '.git'));
    const around = await surroundings(path.join(dir, 'proj'));
    assert.equal(around.base, dir);
    assert.deepEqual(around.plans.map((p) => p.file), ['release.yaml']);
    const w = await walkForDiscovery(path.join(dir, 'proj'), { base: around.base, outerGitignores: around.gitignores });
    assert.deepEqual(w.entries.map((e) => e.path), ['proj/m.onnx']);
    assert.deepEqual(summary(discoverRoots(w.markers, w.entries, [...around.plans, ...w.plans])), ['proj:covered']);
  });

  it('skips tool folders, virtual environments, build output and vendored code without entering them', async () => {
    const dir = tmpTree({
      'node_modules/x/m.onnx': 'x',
      '.git/m.pt': 'x',
      'myenv/pyvenv.cfg': 'home = /usr\n',
      'myenv/lib/m.pt': 'x',
      'build/m.onnx': 'x',
      'dist/m.onnx': 'x',
      '__pycache__/train.py': 'x',
      'vendor/m.pt': 'x',
      'ok/m.pt': 'x',
    });
    const read: string[] = [];
    const spy: WalkFs = { ...nodeWalkFs, readdir: (p) => (read.push(path.relative(dir, p) || '.'), nodeWalkFs.readdir(p)) };
    const w = await walkForDiscovery(dir, { fs: spy });
    assert.deepEqual(w.entries.map((e) => e.path), ['ok/m.pt']);
    assert.deepEqual(read.sort(), ['.', 'myenv', 'ok'], 'only the venv itself is opened (to see pyvenv.cfg)');
  });

  it('configuration ignore globs and a nested configuration file', async () => {
    const dir = tmpTree({ 'a/scratch/m.pt': 'x', 'a/m.pt': 'x', 'b/.impact-notes.yaml': 'x', 'b/m.keras': 'x', 'b/m.pt': 'x' });
    const w = await walkForDiscovery(dir, {
      ignores: [{ base: dir, patterns: ['**/scratch/**'] }],
      settingsAt: async (abs) => ({ ignores: [], markers: abs.endsWith('b') ? { weights: ['*.keras'] } : undefined }),
    });
    assert.deepEqual(w.entries.map((e) => e.path), ['a/m.pt', 'b/m.keras']);
  });

  it('symbolic links: files count, folders are not followed by default, loops end when following', async () => {
    const dir = tmpTree({ 'p/ckpt/m.pt': 'x', 'p/latest.pt': { link: 'ckpt/m.pt' }, 'p/loop': { link: '..' }, 'p/self': { link: '.' }, 'p/dangling.pt': { link: 'nowhere.pt' } });
    const plain = await walkForDiscovery(dir);
    assert.deepEqual(plain.entries.map((e) => e.path), ['p/ckpt/m.pt', 'p/latest.pt']);
    const followed = await walkForDiscovery(dir, { followSymlinks: true });
    assert.deepEqual(followed.entries.map((e) => e.path), ['p/ckpt/m.pt', 'p/latest.pt'], 'each real folder is entered once');
    assert.deepEqual(followed.problems, []);
  });

  it('unreadable folders are reported, not thrown, and the rest is walked', async () => {
    const dir = tmpTree({ 'locked/m.pt': 'x', 'open/m.pt': 'x' });
    const locked = path.join(dir, 'locked');
    const io: WalkFs = {
      ...nodeWalkFs,
      readdir: (p) => {
        if (p === locked) throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
        return nodeWalkFs.readdir(p);
      },
    };
    const w = await walkForDiscovery(dir, { fs: io });
    assert.deepEqual(w.entries.map((e) => e.path), ['open/m.pt']);
    assert.equal(w.problems.length, 1);
    assert.equal(w.problems[0].code, 'EACCES');
    if (process.getuid?.() !== 0) {
      // A real permission problem (root reads everything, so only as another user).
      fs.chmodSync(locked, 0);
      try {
        const real = await walkForDiscovery(dir);
        assert.deepEqual(real.entries.map((e) => e.path), ['open/m.pt']);
        assert.equal(real.problems[0]?.code, 'EACCES');
      } finally {
        fs.chmodSync(locked, 0o755);
      }
    }
  });

  it('the CLI says which folders it could not read, on standard error, and still reports the rest', async function () {
    // A folder whose absolute path is longer than the system allows (ENAMETOOLONG): readable by
    // nobody, not even root, so this runs on any machine. Made with relative cd/mkdir steps.
    const dir = tmpTree({ 'open/m.pt': 'x' });
    const seg = 'd'.repeat(250);
    const made = spawnSync('bash', ['-c', `cd "$1" && for i in $(seq 1 20); do mkdir ${seg} && cd ${seg} || exit 1; done && : > m.pt`, '_', dir]);
    if (made.status !== 0) this.skip();
    const warnings: string[] = [];
    const io: Io & { out: string; err: string } = { out: '', err: '', cwd: dir, env: {}, isTTY: false, stdout: (s) => (io.out += s), stderr: (s) => (io.err += s) };
    try {
      const code = await main(['lint', '--today', '2026-06-01', '-f', 'json'], io, defaultProviders((l) => warnings.push(l)));
      assert.ok(io.out, io.err);
      const findings = JSON.parse(io.out) as { rule: string; file: string }[];
      assert.deepEqual(findings.map((f) => `${f.rule}:${f.file}`), ['release-plan-missing:open/m.pt']);
      assert.equal(code, 0, io.err);
      assert.equal(warnings.length, 1, warnings.join(''));
      assert.match(warnings[0], /^impact-notes: warning: Could not read .*d{250}.*: .*ENAMETOOLONG.*; research artifacts in it were not looked for\.\n$/);
    } finally {
      spawnSync('rm', ['-rf', dir]);
    }
  });

  it('empty folders and an empty tree', async () => {
    const dir = tmpTree({ 'a/': '', 'b/c/d/': '', 'e/ckpt/': '' });
    const { walk, roots } = await walkRoots(dir);
    assert.deepEqual([walk.entries, roots, walk.problems], [[], [], []]);
    assert.equal(walk.dirs, 7);
  });

  it('sizes: sparse large files are weights/datasets; small ones are not', async () => {
    const dir = tmpTree({ 'x/shard.bin': 11 * MB, 'x/small.bin': 100, 'x/data/corpus.csv': 2 * MB, 'x/data/readme.md': 'hi' });
    const { walk } = await walkRoots(dir);
    assert.deepEqual(walk.entries, [{ path: 'x/data/corpus.csv', size: 2 * MB }, { path: 'x/shard.bin', size: 11 * MB }]);
  });

  it('cancels when the signal aborts', async () => {
    const dir = tmpTree({ 'a/m.pt': 'x' });
    const ac = new AbortController();
    ac.abort();
    const w = await walkForDiscovery(dir, { signal: ac.signal });
    assert.equal(w.cancelled, true);
  });

  it('finds exactly the planted roots of a generated monorepo (decoys included)', async function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(scratchDir(), 'impact-notes-planted-'));
    tmpRoots.push(dir);
    const tree = generateTree(path.join(dir, 'repo'), { files: 2000, planted: 12, covered: 4, seed: 7 });
    fs.mkdirSync(path.join(tree.dir, '.git'), { recursive: true });
    const { walk, roots } = await walkRoots(tree.dir);
    assert.deepEqual(walk.problems, []);
    assert.deepEqual(roots.filter((r) => r.status !== 'covered').map((r) => r.dir), tree.planted);
    assert.deepEqual(roots.filter((r) => r.status === 'covered').map((r) => r.dir), tree.covered);
    assert.ok(walk.files >= 1900, `${walk.files} files seen`);
  });
});
