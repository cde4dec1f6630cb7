/**
 * The GitHub Action (action.yml → action/main.js), run the way GitHub runs it: `node action/main.js`
 * with GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and INPUT_* variables, in a temporary
 * workspace holding a copy of the example. Also checks that action.yml declares what the entry
 * reads and writes, and that the committed bundle is what the sources build today.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { main, type Io } from '../../src/cli/main';
import { outputLines, stepFails } from '../../src/action/main';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');
const ENTRY = path.join(ROOT, 'action', 'main.js');
const TODAY = '2026-12-04';

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Parses GITHUB_OUTPUT: name=value lines and name<<DELIM blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

describe('GitHub Action', function () {
  this.timeout(120000);
  let tmp: string;

  let entry: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-action-'));
    // Run a copy far from this repository's node_modules: the bundle must need nothing installed.
    entry = path.join(tmp, 'checkout', 'action', 'main.js');
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.copyFileSync(ENTRY, entry);
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A workspace with the example in voice-clone-study/ and a root configuration. */
  function workspace(name: string, config = 'root: true\n'): string {
    const ws = path.join(tmp, name);
    fs.mkdirSync(ws, { recursive: true });
    fs.writeFileSync(path.join(ws, '.impact-notes.yaml'), config);
    fs.cpSync(EXAMPLE, path.join(ws, 'voice-clone-study'), { recursive: true });
    return ws;
  }

  function runEntry(ws: string, inputs: Record<string, string>): ActionRun {
    const summaryFile = path.join(tmp, `${path.basename(ws)}-summary.md`);
    const outputFile = path.join(tmp, `${path.basename(ws)}-output.txt`);
    fs.writeFileSync(summaryFile, '');
    fs.writeFileSync(outputFile, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ws,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      IMPACT_NOTES_TODAY: TODAY,
    };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    // GitHub starts the entry in the workspace; start it elsewhere to prove it uses GITHUB_WORKSPACE.
    const r = spawnSync(process.execPath, [entry], { cwd: os.tmpdir(), env, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: fs.readFileSync(summaryFile, 'utf8'), outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')) };
  }

  /** The CLI's own verdict on the same folder (in process): exit code and findings as JSON. */
  async function cliLint(ws: string, extra: string[] = []): Promise<{ code: number; findings: { file: string; severity: string; rule: string; line: number }[] }> {
    let stdout = '';
    const io: Io = { stdout: (s) => void (stdout += s), stderr: () => undefined, cwd: ws, env: { IMPACT_NOTES_TODAY: TODAY }, isTTY: false };
    const code = await main(['lint', '.', '--format', 'json', ...extra], io);
    return { code, findings: JSON.parse(stdout) };
  }

  it('action.yml: node20 or newer, a committed entry, the documented inputs and outputs', () => {
    const action = parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    assert.match(action.runs.using, /^node(2[0-9]|[3-9][0-9])$/);
    assert.equal(action.runs.main, 'action/main.js');
    assert.ok(fs.existsSync(ENTRY));
    assert.equal(action.runs.pre, undefined, 'nothing is installed at run time');
    assert.deepEqual(
      Object.fromEntries(Object.entries(action.inputs as Record<string, { default: string }>).map(([k, v]) => [k, v.default])),
      { path: '.', 'max-warnings': '-1', 'sarif-file': '', 'fail-on': 'error' },
    );
    assert.deepEqual(Object.keys(action.outputs).sort(), ['errors', 'ready', 'sarif-file', 'warnings']);
    const tracked = spawnSync('git', ['ls-files', '--error-unmatch', 'action/main.js'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(tracked.status, 0, 'action/main.js is committed');
  });

  it('the committed bundle is what the sources build today (rebuild: node scripts/build.mjs --only action)', async () => {
    const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
    const esbuild = await import('esbuild');
    const fresh = path.join(tmp, 'fresh-action.js');
    await esbuild.build({ ...build.actionBuildOptions({ outfile: fresh }), logLevel: 'error' });
    assert.ok(fs.readFileSync(fresh).equals(fs.readFileSync(ENTRY)), 'action/main.js is stale: run `node scripts/build.mjs --only action` and commit it');
  });

  it('on the example: annotations, job summary, SARIF and outputs; fails like the CLI', async () => {
    const ws = workspace('example');
    const r = runEntry(ws, { path: '.', 'max-warnings': '-1', 'sarif-file': 'out/impact.sarif', 'fail-on': 'error' });
    const cli = await cliLint(ws);
    assert.equal(cli.code, 1);
    assert.equal(r.code, cli.code, r.stdout + r.stderr);

    const annotations = r.stdout.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));
    assert.equal(annotations.length, cli.findings.length);
    for (const f of cli.findings) {
      const cmd = { error: 'error', warning: 'warning', info: 'notice' }[f.severity];
      assert.ok(
        annotations.some((a) => a.startsWith(`::${cmd} file=${f.file},line=${f.line},`) && a.includes(`title=${f.rule}::`)),
        `no annotation for ${f.file}:${f.line} ${f.rule}`,
      );
    }
    assert.ok(annotations.some((a) => a.startsWith('::error file=voice-clone-study/IMPACT.md,line=55,') && a.includes('invalid-value')));
    const errors = cli.findings.filter((f) => f.severity === 'error').length;
    const warnings = cli.findings.filter((f) => f.severity === 'warning').length;
    assert.match(r.stdout, new RegExp(`^::error::Impact Notes: ${errors} errors, ${warnings} warnings; errors found\\.$`, 'm'));

    const sarifFile = path.join(ws, 'out', 'impact.sarif');
    assert.deepEqual(r.outputs, { errors: String(errors), warnings: String(warnings), 'sarif-file': sarifFile, ready: 'false' });
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, cli.findings.length);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri.startsWith('voice-clone-study/'), true);

    assert.match(r.summary, /^## Impact Notes: not ready for release$/m);
    assert.match(r.summary, new RegExp(`1 assessment checked · ${errors} errors, ${warnings} warnings · step failed`));
    assert.match(r.summary, /^\| voice-clone-study\/IMPACT\.md \| \d+ \| \d+ \| 0 \|$/m);
    assert.match(r.summary, /^Not ready: /m, 'the readiness verdict in words');
    assert.match(r.summary, /^# Impact report: EchoVoice zero-shot voice cloning$/m, 'the Markdown report of the assessment');
    assert.match(r.summary, /^## Summary$/m);
  });

  it('fail-on: never passes, warning fails on warnings alone; max-warnings as in the CLI', async () => {
    const never = runEntry(workspace('never'), { 'fail-on': 'never' });
    assert.equal(never.code, 0, never.stdout);
    assert.equal(never.outputs.ready, 'false');
    assert.equal(never.outputs['sarif-file'], '');
    assert.ok(Number(never.outputs.errors) > 0);

    // The example with its error rules off: warnings only.
    const config = 'root: true\nrules:\n  factor-unrated: off\n  invalid-value: off\n  timing-incomplete: off\n  detection-guidance-missing: off\n';
    const ws = workspace('warnings', config);
    const cli = await cliLint(ws);
    assert.equal(cli.code, 0);
    assert.ok(cli.findings.length > 0 && cli.findings.every((f) => f.severity !== 'error'));
    const onError = runEntry(ws, { 'fail-on': 'error' });
    assert.equal(onError.code, 0, onError.stdout);
    assert.equal(onError.outputs.ready, 'true');
    assert.match(onError.summary, /^## Impact Notes: ready for release$/m);
    const onWarning = runEntry(ws, { 'fail-on': 'warning' });
    assert.equal(onWarning.code, 1);
    assert.match(onWarning.stdout, /^::error::Impact Notes: 0 errors, \d+ warnings; warnings found \(fail-on: warning\)\.$/m);

    const cliMax = await cliLint(ws, ['--max-warnings', '2']);
    const max = runEntry(ws, { 'max-warnings': '2' });
    assert.equal(cliMax.code, 1);
    assert.equal(max.code, cliMax.code);
    assert.match(max.stdout, /more warnings than max-warnings \(2\)/);
    const roomy = runEntry(ws, { 'max-warnings': String(cli.findings.length) });
    assert.equal(roomy.code, 0);
  });

  it('bad inputs and configuration fail the step with one error each, writing no outputs', () => {
    const ws = workspace('bad');
    for (const [inputs, re] of [
      [{ 'fail-on': 'sometimes' }, /^::error::Impact Notes: Input fail-on: 'sometimes' is not one of error, warning, never\.$/m],
      [{ 'max-warnings': 'many' }, /^::error::Impact Notes: Input max-warnings: 'many' is not a whole number/m],
      [{ path: 'nowhere' }, /^::error::Impact Notes: No such file or folder: nowhere$/m],
    ] as [Record<string, string>, RegExp][]) {
      const r = runEntry(ws, inputs);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stdout, re);
      assert.deepEqual(r.outputs, {});
    }
    fs.writeFileSync(path.join(ws, '.impact-notes.yaml'), 'root: true\nrules:\n  no-such-rule: error\n');
    const r = runEntry(ws, {});
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stdout, /^::error::Impact Notes: \.impact-notes\.yaml:3:3: /m);
  });

  it('helpers: step verdict and output file format', () => {
    assert.equal(stepFails({ code: 1, warnings: 0 }, 'error'), true);
    assert.equal(stepFails({ code: 0, warnings: 3 }, 'error'), false);
    assert.equal(stepFails({ code: 0, warnings: 3 }, 'warning'), true);
    assert.equal(stepFails({ code: 1, warnings: 3 }, 'never'), false);
    assert.equal(outputLines({ a: '1', b: '' }), 'a=1\nb=\n');
    const multi = outputLines({ x: 'one\ntwo' });
    assert.deepEqual(parseOutputs(multi), { x: 'one\ntwo' });
  });
});
