/**
 * The pre-commit hook (.pre-commit-hooks.yaml), with the real pre-commit tool:
 * `pre-commit try-repo <this repository> impact-notes --all-files` in a temporary git repository
 * holding the example must fail and print the findings. pre-commit clones this repository (its
 * HEAD plus uncommitted changes to tracked files), installs it with npm (`language: node`, so the
 * `prepare` build runs) and runs the hook on the matching files.
 *
 * pre-commit is installed with pip into a virtual environment kept in
 * ~/.cache/impact-notes-pre-commit/venv (PRE_COMMIT_VENV overrides; about two minutes the first
 * time). try-repo builds the hook's environment afresh every run (npm installs this repository and
 * its dev dependencies for the build: two to three minutes here). The test skips, saying why, only
 * when pre-commit cannot be installed.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { main, type Io } from '../../src/cli/main';
import { cleanNpmEnv } from './child-env';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');
const CACHE = path.join(os.homedir(), '.cache', 'impact-notes-pre-commit');

/** A pre-commit executable, installing it first if needed; a reason string when that fails. */
function preCommit(): { exe: string } | { reason: string } {
  const venv = process.env.PRE_COMMIT_VENV || path.join(CACHE, 'venv');
  const exe = path.join(venv, 'bin', 'pre-commit');
  if (spawnSync(exe, ['--version'], { encoding: 'utf8' }).status === 0) return { exe };
  fs.rmSync(venv, { recursive: true, force: true });
  const mk = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
  if (mk.status !== 0) return { reason: `python3 -m venv failed: ${(mk.stderr || String(mk.error)).trim()}` };
  const pip = spawnSync(path.join(venv, 'bin', 'pip'), ['install', '--retries', '1', '--timeout', '30', 'pre-commit'], { encoding: 'utf8', timeout: 15 * 60 * 1000 });
  if (pip.status !== 0) return { reason: `pip install pre-commit failed: ${(pip.stderr || String(pip.error)).trim().split('\n').slice(-3).join(' | ')}` };
  return spawnSync(exe, ['--version'], { encoding: 'utf8' }).status === 0 ? { exe } : { reason: 'pre-commit installed but does not run' };
}

function git(args: string[], cwd: string): void {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@localhost', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

describe('pre-commit hook', function () {
  this.timeout(30 * 60 * 1000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-pre-commit-'));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('.pre-commit-hooks.yaml: hook impact-notes, language node, the three file names, folders of changed files', () => {
    const hooks = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    const hook = hooks.find((h) => h.id === 'impact-notes');
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    assert.match(String(hook.entry), /^impact-notes lint --containing-folders$/);
    // Python's (?i) flag at the start; JavaScript takes it as the i flag.
    const files = new RegExp(String(hook.files).replace(/^\(\?i\)/, ''), 'i');
    for (const f of ['IMPACT.md', 'study/IMPACT.md', 'a/b/release.yaml', 'release.yml', '.impact-notes.yaml', 'x/.impact-notes.yaml', 'impact.md']) assert.ok(files.test(f), f);
    for (const f of ['README.md', 'MY-IMPACT.md', 'prerelease.yaml', 'release.yaml.bak', 'impact-notes.yaml']) assert.ok(!files.test(f), f);
  });

  it('lint --containing-folders lints the folders of the given files (once each)', async () => {
    const base = path.join(tmp, 'folders');
    fs.mkdirSync(base);
    fs.writeFileSync(path.join(base, '.impact-notes.yaml'), 'root: true\n');
    fs.cpSync(EXAMPLE, path.join(base, 'study'), { recursive: true });
    let stdout = '';
    const io: Io = { stdout: (s) => void (stdout += s), stderr: () => undefined, cwd: base, env: { IMPACT_NOTES_TODAY: '2026-12-04' }, isTTY: false };
    const code = await main(['lint', '--containing-folders', '--format', 'json', 'study/IMPACT.md', 'study/release.yaml', 'study/train.py'], io);
    assert.equal(code, 1);
    const viaFiles = JSON.parse(stdout);
    stdout = '';
    assert.equal(await main(['lint', '--format', 'json', 'study'], io), 1);
    assert.deepEqual(viaFiles, JSON.parse(stdout), 'the same findings as linting the folder, none twice');
  });

  it('pre-commit try-repo <this repo> impact-notes --all-files fails on the example and prints the findings', function () {
    const pc = preCommit();
    if ('reason' in pc) {
      console.log(`      skipped: pre-commit could not be installed: ${pc.reason}`);
      this.skip();
    }
    const repo = path.join(tmp, 'research');
    fs.mkdirSync(repo);
    git(['init', '-q'], repo);
    fs.writeFileSync(path.join(repo, '.impact-notes.yaml'), 'root: true\n');
    fs.cpSync(EXAMPLE, path.join(repo, 'voice-clone-study'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'README.md'), '# A research project\n');
    git(['add', '-A'], repo);
    const r = spawnSync(pc.exe, ['try-repo', ROOT, 'impact-notes', '--all-files', '--verbose'], {
      cwd: repo,
      encoding: 'utf8',
      env: cleanNpmEnv({ PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'), IMPACT_NOTES_TODAY: '2026-12-04', NO_COLOR: '1', PRE_COMMIT_COLOR: 'never' }),
      timeout: 25 * 60 * 1000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 1, out);
    assert.match(out, /^Impact Notes\.+Failed$/m, out);
    assert.match(out, /^- exit code: 1$/m);
    assert.match(out, /^voice-clone-study\/IMPACT\.md$/m);
    assert.match(out, /55:22\s+error\s+'hgih' is not a rating for 'Modifiability'/);
    assert.match(out, /^voice-clone-study\/release\.yaml$/m);
    assert.match(out, /✖ \d+ problems \(\d+ errors, \d+ warnings\)/);
  });
});
