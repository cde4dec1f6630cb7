/**
 * Discovery in git working copies, against real `git` in temporary repositories: committed files
 * count whatever .gitignore says (the git index is read, git is never run by the product),
 * gitignored untracked markers are local-only artifacts (`local-only-artifact`), a plan can
 * declare them, and outside git (or without a usable index) .gitignore alone decides as before.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoveryProvider } from '../../src/cli/discovery';
import { main, type Io } from '../../src/cli/main';
import { discoverRoots } from '../../src/core/discovery';
import { walkForDiscovery } from '../../src/core/discovery/walk-node';
import { git, hasGit } from './git-helpers';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A repository: `files` written, `add` staged (forced past .gitignore), then committed. */
function repo(files: Record<string, string>, add: string[] = [], opts: { commit?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-discovery-git-'));
  dirs.push(dir);
  git(dir, 'init', '-q');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  if (add.length) git(dir, 'add', '-f', '--', ...add);
  if (add.length && opts.commit !== false) git(dir, 'commit', '-qm', 'work');
  return dir;
}

async function lint(dir: string): Promise<{ rule: string; file: string; line: number; message: string }[]> {
  const io: Io & { out: string } = { out: '', cwd: dir, env: {}, isTTY: false, stdout: (s) => (io.out += s), stderr: () => undefined };
  await main(['lint', '--today', '2026-06-01', '-f', 'json'], io, [discoveryProvider()]);
  const parsed = io.out ? JSON.parse(io.out) : [];
  const list = Array.isArray(parsed) ? parsed : parsed.findings;
  return list.filter((f: { rule: string }) => ['release-plan-missing', 'artifact-uncovered', 'local-only-artifact'].includes(f.rule));
}

const rel = (dir: string, f: { rule: string; file: string; line: number }) => `${f.rule}:${path.relative(dir, path.resolve(dir, f.file)).split(path.sep).join('/')}:${f.line}`;
const PLAN = (artifacts: string) => `impact-release: 1\nartifacts:\n${artifacts}`;

(hasGit ? describe : describe.skip)('discovery in git working copies (real git)', function () {
  this.timeout(30000);

  it("the face-swap trainer's shape: .gitignore '*' then '!*.py', a committed mainscripts/Trainer.py", async () => {
    const dir = repo(
      {
        '.gitignore': '*\n!*.py\n!*.md\n!*.txt\n!.gitignore\n',
        'main.py': 'import mainscripts\n',
        'mainscripts/Trainer.py': 'def main(): pass\n',
        'models/Model_SAEHD/Model.py': 'class Model: pass\n',
        'workspace/model/SAEHD_data.dat': 'x',
        'workspace/model/SAEHD_encoder.h5': 'x',
      },
      ['.gitignore', 'main.py', 'mainscripts/Trainer.py', 'models/Model_SAEHD/Model.py'],
    );
    // git itself calls the committed trainer ignored: its folder is excluded by '*'.
    assert.equal(spawnSync('git', ['check-ignore', '-q', '--no-index', 'mainscripts/Trainer.py'], { cwd: dir }).status, 0);
    const w = await walkForDiscovery(dir);
    assert.deepEqual(w.git, { tracked: 4, version: 2 });
    assert.deepEqual(
      w.entries.map((e) => `${e.path}${e.local ? ' (local)' : ''}`),
      ['mainscripts/Trainer.py', 'workspace/model/SAEHD_encoder.h5 (local)'],
    );
    const got = (await lint(dir)).map((f) => rel(dir, f)).sort();
    assert.deepEqual(got, ['local-only-artifact:workspace/model/SAEHD_encoder.h5:1', 'release-plan-missing:mainscripts/Trainer.py:1']);
  });

  it('tracked but ignored counts; untracked and ignored is local-only; untracked and not ignored counts as before', async () => {
    const dir = repo(
      { '.gitignore': '*.pt\ndata/\n', 'train.py': 'x', 'ckpt/released.pt': 'x', 'ckpt/scratch.pt': 'x', 'data/train.parquet': 'x', 'new/finetune.py': 'x' },
      ['.gitignore', 'train.py', 'ckpt/released.pt'],
    );
    const w = await walkForDiscovery(dir);
    assert.deepEqual(
      w.entries.map((e) => `${e.path}${e.local ? ' (local)' : ''}`),
      ['ckpt/released.pt', 'ckpt/scratch.pt (local)', 'data/train.parquet (local)', 'new/finetune.py', 'train.py'],
    );
    const roots = discoverRoots(w.markers, w.entries, w.plans);
    assert.deepEqual(
      roots.map((r) => [r.dir, r.status, r.markers.map((m) => m.path), r.localUndeclared.map((m) => m.path)]),
      [['', 'unplanned', ['ckpt/released.pt', 'new/finetune.py', 'train.py'], ['ckpt/scratch.pt', 'data/train.parquet']]],
    );
  });

  it('nested .gitignore files apply to untracked files only', async () => {
    const dir = repo(
      { 'proj/.gitignore': 'weights/\n!keep.pt\n', 'proj/weights/a.pt': 'x', 'proj/weights/b.pt': 'x', 'proj/keep.pt': 'x', 'proj/sub/.gitignore': '*.onnx\n', 'proj/sub/m.onnx': 'x', 'proj/sub/n.onnx': 'x' },
      ['proj/.gitignore', 'proj/sub/.gitignore', 'proj/weights/a.pt', 'proj/sub/m.onnx'],
    );
    const w = await walkForDiscovery(dir);
    assert.deepEqual(
      w.entries.map((e) => `${e.path}${e.local ? ' (local)' : ''}`),
      ['proj/keep.pt', 'proj/sub/m.onnx', 'proj/sub/n.onnx (local)', 'proj/weights/a.pt', 'proj/weights/b.pt (local)'],
    );
  });

  it('index version 4 (prefix-compressed paths) gives the same result', async () => {
    const files = { '.gitignore': '*\n!*/\n!*.py\n', 'a/train_a.py': 'x', 'a/ckpt/m.pt': 'x', 'b/model.safetensors': 'x' };
    const dir = repo(files, ['.gitignore', 'a/train_a.py', 'b/model.safetensors']);
    const before = (await walkForDiscovery(dir)).entries;
    git(dir, 'update-index', '--index-version', '4');
    const w = await walkForDiscovery(dir);
    assert.deepEqual(w.git, { tracked: 3, version: 4 });
    assert.deepEqual(w.entries, before);
    assert.deepEqual(w.entries.map((e) => `${e.path}${e.local ? ' (local)' : ''}`), ['a/ckpt/m.pt (local)', 'a/train_a.py', 'b/model.safetensors']);
  });

  it('a submodule: its files are walked with .gitignore as before (its own index is not read)', async () => {
    const sub = repo({ 'train_sub.py': 'x', 'w.pt': 'x' }, ['train_sub.py', 'w.pt']);
    const dir = repo({ 'train.py': 'x' }, ['train.py']);
    git(dir, 'submodule', '--quiet', 'add', sub, 'ext/lib');
    fs.writeFileSync(path.join(dir, '.gitignore'), '*.pt\n');
    const w = await walkForDiscovery(dir);
    assert.deepEqual(w.entries.map((e) => `${e.path}${e.local ? ' (local)' : ''}`), ['ext/lib/train_sub.py', 'train.py']);
  });

  it('a plan declares local-only files (an artifact with private distribution): no finding', async () => {
    const files = {
      '.gitignore': 'checkpoints/\n',
      'IMPACT.md': '# Impact\n',
      'train.py': 'x',
      'checkpoints/best.pt': 'x',
      'release.yaml': PLAN('  - id: code\n    content: source-code\n    paths: [train.py]\n'),
    };
    const dir = repo(files, ['.gitignore', 'IMPACT.md', 'train.py', 'release.yaml']);
    assert.deepEqual((await lint(dir)).map((f) => rel(dir, f)), ['local-only-artifact:release.yaml:2']);
    const [f] = await lint(dir);
    assert.match(f.message, /'checkpoints\/best\.pt'/);
    assert.match(f.message, /kind: private/);
    fs.writeFileSync(
      path.join(dir, 'release.yaml'),
      PLAN('  - id: code\n    content: source-code\n    paths: [train.py]\n  - id: weights\n    content: trained-model\n    paths: [checkpoints/**]\n    distribution: { kind: private, reason: kept for the ablations }\n'),
    );
    assert.deepEqual(await lint(dir), []);
  });

  it('without a usable index (none yet, split index) or outside git, .gitignore alone decides', async () => {
    const files = { '.gitignore': 'ckpt/\n*.onnx\n', 'train.py': 'x', 'ckpt/m.pt': 'x', 'm.onnx': 'x' };
    const fresh = repo(files);
    const w0 = await walkForDiscovery(fresh);
    assert.match((w0.git as { reason: string }).reason, /no index/);
    assert.deepEqual(w0.entries.map((e) => e.path), ['train.py']);
    const split = repo(files, ['train.py', 'm.onnx']);
    git(split, 'update-index', '--split-index');
    fs.writeFileSync(path.join(split, 'b.py'), 'x');
    git(split, 'add', 'b.py');
    const w1 = await walkForDiscovery(split);
    assert.match((w1.git as { reason: string }).reason, /split index/);
    assert.deepEqual(w1.entries.map((e) => e.path), ['train.py']);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-nogit-'));
    dirs.push(plain);
    for (const [r, c] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(plain, r)), { recursive: true });
      fs.writeFileSync(path.join(plain, r), c);
    }
    const w2 = await walkForDiscovery(plain);
    assert.equal(w2.git, undefined);
    assert.deepEqual(w2.entries.map((e) => e.path), ['train.py']);
  });

  it('a worktree (.git file) reads its own index', async () => {
    const dir = repo({ '.gitignore': '*.pt\n', 'train.py': 'x' }, ['.gitignore', 'train.py']);
    const wt = `${dir}-wt`;
    dirs.push(wt);
    git(dir, 'worktree', 'add', '-q', wt);
    fs.writeFileSync(path.join(wt, 'final.pt'), 'x');
    fs.writeFileSync(path.join(wt, 'local.pt'), 'x');
    git(wt, 'add', '-f', 'final.pt');
    const w = await walkForDiscovery(wt);
    assert.deepEqual(w.entries.map((e) => `${e.path}${e.local ? ' (local)' : ''}`), ['final.pt', 'local.pt (local)', 'train.py']);
  });

  it('respectGitignore: false keeps counting everything, with no local-only distinction', async () => {
    const dir = repo({ '.gitignore': '*.pt\n', 'a.pt': 'x', 'train.py': 'x' }, ['.gitignore', 'train.py']);
    const w = await walkForDiscovery(dir, { respectGitignore: false });
    assert.deepEqual(w.entries, [{ path: 'a.pt' }, { path: 'train.py' }]);
  });
});
