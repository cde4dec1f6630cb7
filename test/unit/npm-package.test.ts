/**
 * The npm package, as a user gets it: `npm pack` (which runs the `prepare` build), the tarball's
 * file list, then `npm install <tarball>` into a fresh temporary project and `npx impact-notes lint`
 * on a copy of the example. Skips (saying why) only when npm cannot reach the registry.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanNpmEnv, registryUnreachable } from './child-env';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Every file the package may hold; anything else (sources, tests, fixtures, examples) is a leak. */
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^bin\/impact-notes(-lsp)?\.js$/, /^dist\/cli(-lint)?\.js$/, /^dist\/lsp\.js$/, /^dist\/c2pa\.js$/, /^dist\/c2pa_bg\.wasm$/, /^schemas\/[\w.-]+\.json$/, /^docs\/rules\/[\w-]+\.md$/, /^docs\/taxonomy\.md$/];
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'bin/impact-notes.js', 'dist/cli.js', 'dist/cli-lint.js', 'dist/lsp.js', 'dist/c2pa.js', 'dist/c2pa_bg.wasm', 'schemas/release.schema.json', 'docs/rules/README.md', 'docs/rules/missing-section.md'];

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: cleanNpmEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' }) });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('npm package', function () {
  this.timeout(300000);
  let tmp: string;
  let tarball: string;
  let files: string[];

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-npm-'));
    const r = npm(['pack', '--json', '--pack-destination', tmp], ROOT);
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0];
    tarball = path.join(tmp, info.filename);
    files = info.files.map((f: { path: string }) => f.path).sort();
    const size = fs.statSync(tarball).size;
    console.log(`      npm package: ${info.filename}, ${(size / 1024).toFixed(1)} KiB packed, ${(info.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${files.length} files`);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds what users need and nothing else (no sources, tests, fixtures or examples)', () => {
    for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is missing from the package`);
    const leaked = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(leaked, []);
    assert.ok(files.filter((f) => f.startsWith('docs/rules/')).length > 20, 'every rule page');
    // The CLI bundle has every library inlined, so installing the package fetches nothing.
    assert.equal(pkg.dependencies, undefined);
    assert.match(pkg.scripts.prepare, /prepare\.mjs/, 'a prepare build, so an install from git has dist/cli.js too');
  });

  it('installs into a fresh project and `npx impact-notes lint` reports the example (exit 1)', function () {
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'a-research-project', version: '1.0.0', private: true }, null, 2));
    const install = npm(['install', '--no-package-lock', tarball], project);
    if (install.code !== 0 && registryUnreachable(install.stdout + install.stderr)) {
      console.log(`      skipped: npm could not reach the registry:\n${install.stderr.trim()}`);
      this.skip();
    }
    assert.equal(install.code, 0, install.stdout + install.stderr);
    fs.writeFileSync(path.join(project, '.impact-notes.yaml'), 'root: true\n');
    fs.cpSync(EXAMPLE, path.join(project, 'voice-clone-study'), { recursive: true });

    const npx = (args: string[]) => {
      const r = spawnSync('npx', ['--no', '--', 'impact-notes', ...args], { cwd: project, encoding: 'utf8', env: cleanNpmEnv({ IMPACT_NOTES_TODAY: '2026-12-04', NO_COLOR: '1' }) });
      return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    };
    const lint = npx(['lint', 'voice-clone-study']);
    assert.equal(lint.code, 1, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /^voice-clone-study\/IMPACT\.md$/m);
    assert.match(lint.stdout, /^\s+55:22\s+error\s+'hgih' is not a rating for 'Modifiability'.*invalid-value$/m);
    assert.match(lint.stdout, /^voice-clone-study\/release\.yaml$/m);
    assert.match(lint.stdout, /timing-incomplete$/m);
    assert.match(lint.stdout, /✖ \d+ problems \(\d+ errors, \d+ warnings\)/);

    const sarif = npx(['lint', 'voice-clone-study', '--format', 'sarif']);
    assert.equal(sarif.code, 1);
    assert.doesNotMatch(sarif.stdout, /example\.invalid/);
    assert.equal(JSON.parse(sarif.stdout).runs[0].tool.driver.version, pkg.version);

    const version = npx(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), pkg.version);
    assert.equal(npx(['help', 'lint']).code, 0);
    // The installed copy holds the schema and rule pages users may point at.
    assert.ok(fs.existsSync(path.join(project, 'node_modules', 'impact-notes', 'schemas', 'release.schema.json')));
    assert.ok(fs.existsSync(path.join(project, 'node_modules', 'impact-notes', 'docs', 'rules', 'invalid-value.md')));
  });
});
