/**
 * The git index reader (src/core/discovery/git-index.ts) against real `git` in temporary
 * repositories: index versions 2, 3 and 4, tracked-but-ignored files, conflicts, submodules,
 * worktrees (`.git` files), split and sparse indexes (refused, so callers fall back), truncated and
 * garbled bytes (never a throw). `git ls-files` is the oracle.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadTrackedFiles, parseGitIndex, TrackedFiles, type GitIndex } from '../../src/core/discovery/git-index';
import { git, hasGit } from './git-helpers';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-gitindex-'));
  dirs.push(dir);
  git(dir, 'init', '-q');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const lsFiles = (dir: string) => git(dir, 'ls-files', '-z', '--stage').split('\0').filter(Boolean);
const oracle = (dir: string) => ({
  files: lsFiles(dir).filter((l) => !l.startsWith('160000')).map((l) => l.slice(l.indexOf('\t') + 1)),
  gitlinks: lsFiles(dir).filter((l) => l.startsWith('160000')).map((l) => l.slice(l.indexOf('\t') + 1)),
});

function readIndex(dir: string): GitIndex {
  const r = parseGitIndex(fs.readFileSync(path.join(dir, '.git', 'index')));
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r;
}

const nodeRead = (p: string) => {
  try {
    return fs.readFileSync(p);
  } catch {
    return undefined;
  }
};

(hasGit ? describe : describe.skip)('git index reader (against real git)', function () {
  this.timeout(30000);

  it('versions 2, 3 and 4 list exactly what git ls-files lists, unicode and long paths included', () => {
    const long = `${`${'d'.repeat(200)}/`.repeat(21)}train.py`; // longer than the 12-bit name length
    const dir = repo({
      'train.py': 'x',
      'mainscripts/Trainer.py': 'x',
      'models/model_sae.py': 'x',
      'données/été.parquet': 'x',
      'a/b/c/d.txt': 'x',
      'a/b/e.txt': 'x',
      'z.md': 'x',
    });
    git(dir, 'add', '-A');
    // No file system takes a path that long: the entry goes into the index only.
    const blob = spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: 'x', encoding: 'utf8' }).stdout.trim();
    git(dir, 'update-index', '--add', '--cacheinfo', `100644,${blob},${long}`);
    const want = oracle(dir);
    assert.equal(want.files.length, 8);
    for (const v of ['2', '3', '4']) {
      git(dir, 'update-index', '--index-version', v);
      const got = readIndex(dir);
      // git writes version 2 when no entry needs version 3's extended flags.
      assert.equal(got.version, v === '3' ? 2 : Number(v));
      assert.deepEqual(got.files, want.files, `version ${v}`);
    }
  });

  it('a version 3 index with extended flags (intent-to-add, skip-worktree)', () => {
    const dir = repo({ 'a.py': 'x', 'b.py': 'x', 'c.py': 'x' });
    git(dir, 'add', 'a.py', 'b.py');
    git(dir, 'add', '-N', 'c.py');
    git(dir, 'update-index', '--skip-worktree', 'b.py');
    const got = readIndex(dir);
    assert.equal(got.version, 3);
    assert.deepEqual(got.files, ['a.py', 'b.py', 'c.py']);
  });

  it('tracked-but-ignored files are listed; untracked ignored ones are not', () => {
    // The face-swap trainer's shape: ignore everything, re-include code, commit the trainer.
    const dir = repo({ '.gitignore': '*\n!*.py\n!.gitignore\n', 'main.py': 'x', 'mainscripts/Trainer.py': 'x', 'workspace/model/SAEHD.pt': 'x' });
    git(dir, 'add', '.gitignore', 'main.py');
    git(dir, 'add', '-f', 'mainscripts/Trainer.py');
    assert.match(git(dir, 'status', '--ignored', '--porcelain'), /!! workspace\//);
    const got = readIndex(dir);
    assert.deepEqual(got.files, ['.gitignore', 'main.py', 'mainscripts/Trainer.py']);
    const t = new TrackedFiles(got);
    assert.ok(t.isTracked('mainscripts/Trainer.py'));
    assert.ok(t.holdsTracked('mainscripts'));
    assert.ok(!t.holdsTracked('workspace'));
    assert.ok(!t.isTracked('workspace/model/SAEHD.pt'));
  });

  it('conflicted paths (several stages) are listed once', () => {
    const dir = repo({ 'a.py': 'base\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'other');
    fs.writeFileSync(path.join(dir, 'a.py'), 'other\n');
    git(dir, 'commit', '-qam', 'other');
    git(dir, 'checkout', '-q', 'main');
    fs.writeFileSync(path.join(dir, 'a.py'), 'main\n');
    git(dir, 'commit', '-qam', 'main');
    spawnSync('git', ['merge', 'other'], { cwd: dir });
    assert.ok(lsFiles(dir).length >= 2, 'the merge left a conflict');
    assert.deepEqual(readIndex(dir).files, ['a.py']);
  });

  it('submodules are gitlinks; prefix makes paths relative to a folder inside the repository', () => {
    const sub = repo({ 'lib.py': 'x' });
    git(sub, 'add', '-A');
    git(sub, 'commit', '-qm', 'sub');
    const dir = repo({ 'proj/train.py': 'x' });
    git(dir, 'add', '-A');
    git(dir, 'submodule', '--quiet', 'add', sub, 'proj/third');
    const got = readIndex(dir);
    assert.deepEqual(got, { ok: true, version: 2, ...oracle(dir) });
    assert.deepEqual(got.gitlinks, ['proj/third']);
    const t = new TrackedFiles(got, 'proj');
    assert.ok(t.isTracked('train.py'));
    assert.ok(t.inSubmodule('third/lib.py'));
    assert.ok(t.holdsTracked('third'));
    assert.ok(!t.inSubmodule('train.py'));
  });

  it('loadTrackedFiles follows .git files: worktrees and submodules', async () => {
    const dir = repo({ 'train.py': 'x', 'ckpt/.keep': '' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'c');
    const wt = path.join(path.dirname(dir), `${path.basename(dir)}-wt`);
    dirs.push(wt);
    git(dir, 'worktree', 'add', '-q', wt);
    fs.writeFileSync(path.join(wt, 'new.py'), 'x');
    git(wt, 'add', 'new.py');
    assert.ok(fs.statSync(path.join(wt, '.git')).isFile());
    const r = await loadTrackedFiles(wt, nodeRead);
    assert.ok(r.tracked, r.reason);
    assert.ok(r.tracked.isTracked('new.py'));
    assert.ok(r.tracked.isTracked('train.py'));
    const main = await loadTrackedFiles(dir, nodeRead);
    assert.ok(main.tracked && !main.tracked.isTracked('new.py'));
  });

  it('split and sparse indexes, a missing index and a non-repository give a reason, not files', async () => {
    const dir = repo({ 'a/x.py': 'x', 'b/y.py': 'x' });
    assert.match((await loadTrackedFiles(dir, nodeRead)).reason ?? '', /no index/);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'c');
    git(dir, 'update-index', '--split-index');
    fs.writeFileSync(path.join(dir, 'a/z.py'), 'x');
    git(dir, 'add', '-A');
    const split = parseGitIndex(fs.readFileSync(path.join(dir, '.git', 'index')));
    assert.equal(split.ok, false);
    if (!split.ok) assert.match(split.reason, /split index/);
    git(dir, 'update-index', '--no-split-index');
    assert.ok(parseGitIndex(fs.readFileSync(path.join(dir, '.git', 'index'))).ok);
    const sparse = spawnSync('git', ['sparse-checkout', 'set', '--cone', '--sparse-index', 'a'], { cwd: dir, encoding: 'utf8' });
    if (sparse.status === 0) {
      const r = parseGitIndex(fs.readFileSync(path.join(dir, '.git', 'index')));
      assert.equal(r.ok, false);
    }
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-nogit-'));
    dirs.push(plain);
    assert.ok((await loadTrackedFiles(plain, nodeRead)).reason);
    fs.writeFileSync(path.join(plain, '.git'), 'not a gitdir line\n');
    assert.match((await loadTrackedFiles(plain, nodeRead)).reason ?? '', /gitdir/);
  });

  it('SHA-256 repositories (object format from the config)', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-gitindex-'));
    dirs.push(dir);
    const init = spawnSync('git', ['init', '-q', '--object-format=sha256'], { cwd: dir });
    if (init.status !== 0) this.skip();
    fs.writeFileSync(path.join(dir, 'train.py'), 'x');
    git(dir, 'add', '-A');
    const r = await loadTrackedFiles(dir, nodeRead);
    assert.ok(r.tracked, r.reason);
    assert.ok(r.tracked.isTracked('train.py'));
  });

  it('truncated, garbled and random bytes never throw (property)', () => {
    const dir = repo({ 'a.py': 'x', 'b/c.py': 'x', 'd/e/f.pt': 'x' });
    git(dir, 'add', '-A');
    git(dir, 'update-index', '--index-version', '4');
    const good = fs.readFileSync(path.join(dir, '.git', 'index'));
    for (let n = 0; n < good.length; n++) {
      const r = parseGitIndex(good.subarray(0, n));
      if (r.ok) assert.ok(r.files.length <= 3);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const copy = Uint8Array.from(good);
        copy[at] = byte;
        parseGitIndex(copy);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => void parseGitIndex(bytes)), { numRuns: 500 });
  });
});
