/**
 * The command line, end to end. `before` bundles src/cli/main.ts with the same esbuild options as
 * `npm run build` (scripts/build.mjs) into a temporary folder, and every test runs that bundle as
 * a subprocess (`node cli.js …`) on fixture folders copied to a temporary folder: real argument
 * parsing, real exit codes, real files. No dependency on a previous `npm run build`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { allRules } from '../../src/core/rules';
import { escapeData, escapeProperty, formatGithub } from '../../src/cli/format';
import { main, parseArtifact, splitList, type Io } from '../../src/cli/main';
import type { FindingProvider } from '../../src/cli/lint';
import type { Finding } from '../../src/core/types';
import { isFillIn } from './fill-in';
import { parseImpact } from '../../src/core/impact/parse';
import { SourceText } from '../../src/core/source-text';

const ROOT = path.resolve(__dirname, '..', '..');
const CLEAN = path.join(ROOT, 'test', 'fixtures', 'pairs', 'clean');
const TODAY = '2026-06-01';

let tmp: string;
let cli: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh project folder with a root configuration, so nothing above it leaks in. */
function project(name: string, config = 'root: true\n'): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), config);
  return dir;
}

function copyClean(dest: string): void {
  fs.cpSync(CLEAN, dest, { recursive: true });
}

/** A configuration turning every rule off except the given ones. */
function onlyRules(rules: Record<string, string>): string {
  const lines = ['root: true', 'rules:'];
  for (const r of allRules) lines.push(`  ${r.meta.name}: ${rules[r.meta.name] ?? 'off'}`);
  return lines.join('\n') + '\n';
}

/** The clean IMPACT.md without its Benefits and Review log sections (two missing-section errors). */
function withoutSections(text: string): string {
  return text.replace(/## Benefits\n[\s\S]*?(?=## Hazards)/, '').replace(/## Review log\n[\s\S]*$/, '');
}

before(async function () {
  this.timeout(60000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-cli-'));
  const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
  const esbuild = await import('esbuild');
  cli = path.join(tmp, 'bin', 'cli.js');
  await esbuild.build({ ...build.cliBuildOptions({ outfile: cli }), sourcemap: false, logLevel: 'error' });
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('cli: exit codes', function () {
  this.timeout(120000);
  it('exits 0 and prints nothing on the clean pair', () => {
    const dir = project('clean0');
    copyClean(dir);
    const r = run(['lint', '--today', TODAY], dir);
    assert.equal(r.stdout, '', r.stdout);
    assert.equal(r.code, 0, r.stderr);
  });

  it('exits 1 on errors, with an ESLint-like stylish report', () => {
    const dir = project('errors');
    copyClean(dir);
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), withoutSections(fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8')));
    const r = run(['lint', '--today', TODAY], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[1], 'IMPACT.md');
    assert.match(r.stdout, /^ {2}1:3 {2}error {2}Missing section '## Benefits'\..* {2}missing-section$/m);
    assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?/);
    assert.match(r.stdout, /^ {2}\d+ fixable with --fix$/m);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
  });

  it('exits 2 with a one-line message on usage errors', () => {
    const dir = project('usage');
    const cases: [string[], RegExp][] = [
      [['lint', '--bogus'], /^impact-notes: unknown option '--bogus'/],
      [['lint', 'no-such-folder'], /^impact-notes: No such file or folder: no-such-folder$/],
      [['lint', '--format', 'xml'], /^impact-notes: .*'xml' is invalid/],
      [['lint', '--max-warnings', 'many'], /^impact-notes: .*whole number/],
      [['lint', '--today', '2026-13-01'], /^impact-notes: .*YYYY-MM-DD/],
      [['lint', '--config', 'missing.yaml'], /^impact-notes: Configuration file not found: missing\.yaml$/],
      [['frobnicate'], /^impact-notes: unknown command 'frobnicate'/],
      [['init', '--modality', 'smell'], /^impact-notes: Unknown modality 'smell'/],
      [['init', '--artifact', 'weights'], /^impact-notes: --artifact 'weights': use id:content/],
    ];
    for (const [args, re] of cases) {
      const r = run(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr.trim().split('\n')[0], re, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('exits 2 on a bad configuration file, naming file:line:col', () => {
    const dir = project('badconfig', 'root: true\nrules:\n  missing-sektion: error\n');
    copyClean(dir);
    const r = run(['lint', '--today', TODAY], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^impact-notes: \.impact-notes\.yaml:3:3: Unknown rule 'missing-sektion'\. Did you mean 'missing-section'\?$/m);
    const bad = project('badconfig2', 'root: true\nrules: [\n');
    const r2 = run(['lint'], bad);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /^impact-notes: \.impact-notes\.yaml:\d+:\d+: /);
  });

  it('prints help and the version with exit 0', () => {
    const dir = project('help');
    const h = run(['lint', '--help'], dir);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /--max-warnings/);
    assert.doesNotMatch(h.stdout, /--today/, '--today is hidden');
    const v = run(['--version'], dir);
    assert.equal(v.code, 0);
    assert.match(v.stdout.trim(), /^\d+\.\d+\.\d+/);
  });

  it('takes today from IMPACT_NOTES_TODAY and rejects a bad value', () => {
    const dir = project('envtoday');
    copyClean(dir);
    assert.equal(run(['lint'], dir, { IMPACT_NOTES_TODAY: TODAY }).code, 0);
    const bad = run(['lint'], dir, { IMPACT_NOTES_TODAY: 'tomorrow' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /IMPACT_NOTES_TODAY/);
  });
});

describe('cli: --max-warnings', function () {
  this.timeout(120000);
  it('fails only when warnings exceed the maximum', () => {
    const dir = project('maxw', onlyRules({ 'missing-section': 'warning' }));
    copyClean(dir);
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), withoutSections(fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8')));
    assert.equal(run(['lint', '--today', TODAY], dir).code, 0);
    assert.equal(run(['lint', '--today', TODAY, '--max-warnings', '2'], dir).code, 0);
    assert.equal(run(['lint', '--today', TODAY, '--max-warnings', '-1'], dir).code, 0);
    const r = run(['lint', '--today', TODAY, '--max-warnings', '1'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /too many warnings \(maximum: 1\)/);
  });
});

describe('cli: formats', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = project('formats');
    const sub = path.join(dir, 'study');
    copyClean(sub);
    fs.writeFileSync(path.join(sub, 'IMPACT.md'), withoutSections(fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8')));
  });

  it('json: an array of {file, line, column, endLine, endColumn, rule, severity, message}, 1-based, relative', () => {
    const r = run(['lint', '--today', TODAY, '-f', 'json'], dir);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(Array.isArray(out) && out.length >= 2);
    for (const f of out) {
      assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message']);
      assert.ok(['error', 'warning', 'info'].includes(f.severity as string));
      for (const k of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number.isInteger(f[k]) && (f[k] as number) >= 1, k);
    }
    const missing = out.filter((f) => f.rule === 'missing-section');
    assert.deepEqual(
      missing.map((f) => [f.file, f.line, f.column, f.endLine, f.severity]),
      [
        ['study/IMPACT.md', 1, 3, 1, 'error'],
        ['study/IMPACT.md', 1, 3, 1, 'error'],
      ],
    );
    assert.equal(missing[0].endColumn, 1 + '# Impact assessment: few-shot voice conversion (VoxShift)'.length);
  });

  it('sarif: valid SARIF 2.1.0 with rule metadata and relative locations', () => {
    const r = run(['lint', '--today', TODAY, '-f', 'sarif'], dir);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s));
    ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    ajv.addFormat('uuid', (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s));
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'impact-notes');
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'missing-section');
    assert.ok(rule);
    // package.json names no homepage or repository, so there is no web page to link to (never a placeholder).
    assert.equal(rule.helpUri, undefined);
    assert.equal(run0.tool.driver.informationUri, undefined);
    assert.doesNotMatch(r.stdout, /example\.invalid/);
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.equal(rule.shortDescription.text, allRules.find((x) => x.meta.name === 'missing-section')!.meta.description);
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'missing-section');
    assert.equal(res.level, 'error');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'missing-section');
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'study/IMPACT.md');
    assert.deepEqual(loc.region, { startLine: 1, startColumn: 3, endLine: 1, endColumn: 1 + '# Impact assessment: few-shot voice conversion (VoxShift)'.length });
  });

  it('github: one workflow command per finding', () => {
    const r = run(['lint', '--today', TODAY, '-f', 'github'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 2);
    for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::\S/);
    assert.ok(lines.some((l) => l.startsWith('::error file=study/IMPACT.md,line=1,col=3,endLine=1,endColumn=') && l.includes('title=missing-section::Missing section')));
  });

  it('github: escapes %, CR and LF everywhere, and , and : in properties', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
    const f: Finding = {
      rule: 'x-rule',
      severity: 'warning',
      message: 'Line one: 50%\nline two, still',
      path: '/w/odd, name:1/IMPACT.md',
      file: 'impact',
      range: { start: 0, end: 1 },
      start: { line: 0, character: 0 },
      end: { line: 0, character: 1 },
    };
    assert.equal(
      formatGithub([f], { cwd: '/w', color: false, rules: [], toolVersion: '0' }),
      '::warning file=odd%2C name%3A1/IMPACT.md,line=1,col=1,endLine=1,endColumn=2,title=x-rule::Line one: 50%25%0Aline two, still\n',
    );
  });

  it('stylish: colour only when asked (or on a terminal)', () => {
    assert.match(run(['lint', '--today', TODAY, '--color'], dir).stdout, /\x1b\[31m/);
    assert.doesNotMatch(run(['lint', '--today', TODAY, '--no-color'], dir, { FORCE_COLOR: '1' }).stdout, /\x1b\[/);
    assert.match(run(['lint', '--today', TODAY], dir, { FORCE_COLOR: '1' }).stdout, /\x1b\[/);
    assert.doesNotMatch(run(['lint', '--today', TODAY, '--color'], dir).stdout.replace(/\x1b\[[0-9;]*m/g, ''), /\x1b/);
  });
});

describe('cli: --fix', function () {
  this.timeout(120000);
  it('writes fixed files, keeping BOM and CRLF; inserted prompts still fail the lint until a person answers them', () => {
    const dir = project('fix', onlyRules({ 'missing-section': 'error' }));
    copyClean(dir);
    const broken = '\ufeff' + withoutSections(fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8')).replace(/\n/g, '\r\n');
    const file = path.join(dir, 'IMPACT.md');
    fs.writeFileSync(file, broken);
    assert.equal(run(['lint', '--today', TODAY], dir).code, 1);
    const r = run(['lint', '--fix', '--today', TODAY], dir);
    // Fixing adds structure and prompts, never answers: the inserted sections are still unanswered.
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Benefits: the template's prompt is still here/);
    assert.match(r.stdout, /Review log: the template's prompt is still here/);
    assert.match(r.stderr, /Fixed IMPACT\.md/);
    const fixed = fs.readFileSync(file, 'utf8');
    assert.notEqual(fixed, broken);
    assert.ok(fixed.startsWith('\ufeff# Impact assessment'), 'BOM kept');
    assert.doesNotMatch(fixed, /[^\r]\n/, 'CRLF kept');
    assert.match(fixed, /\r\n## Benefits\r\n/);
    assert.match(fixed, /\r\n## Review log\r\n/);
    assert.equal(run(['lint', '--today', TODAY], dir).code, 1);
    const before = fs.readFileSync(file, 'utf8');
    assert.equal(run(['lint', '--fix', '--today', TODAY], dir).code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'a second --fix changes nothing');
  });
});

describe('cli: finding pairs', function () {
  this.timeout(120000);
  it('lints declared plans and plans beside IMPACT.md, skips other release.yaml files, tool folders and ignore globs', () => {
    const dir = project('discover', `${onlyRules({ 'missing-section': 'error' }).trimEnd()}\nignore: ["vendor/**"]\n`);
    const broken = withoutSections(fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8'));
    const put = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    put('a/IMPACT.md', broken);
    put('helm/release.yaml', 'apiVersion: v2\nname: chart\n');
    put('plan-only/release.yaml', 'impact-release: 1\nartifacts: []\n');
    put('node_modules/pkg/IMPACT.md', broken);
    put('vendor/lib/IMPACT.md', broken);
    put('.git/IMPACT.md', broken);
    const r = run(['lint', '--today', TODAY, '-f', 'json'], dir);
    const files = [...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))];
    assert.deepEqual(files, ['a/IMPACT.md']);
    // The lone declared plan is linted too: make it invalid for a rule that exists for sure.
    const withPlan = run(['lint', '--today', TODAY, '-f', 'json', 'plan-only', 'helm'], dir);
    assert.equal(withPlan.code, 0, withPlan.stderr);
    // Explicit files are linted even when ignored.
    const explicit = run(['lint', '--today', TODAY, '-f', 'json', 'vendor/lib/IMPACT.md'], dir);
    assert.deepEqual([...new Set((JSON.parse(explicit.stdout) as { file: string }[]).map((f) => f.file))], ['vendor/lib/IMPACT.md']);
  });

  it('uses the nearest configuration: a sub-folder can loosen what its parent sets', () => {
    const dir = project('nested', onlyRules({ 'missing-section': 'error' }));
    const broken = withoutSections(fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8'));
    fs.mkdirSync(path.join(dir, 'one'));
    fs.mkdirSync(path.join(dir, 'two'));
    fs.writeFileSync(path.join(dir, 'one', 'IMPACT.md'), broken);
    fs.writeFileSync(path.join(dir, 'two', 'IMPACT.md'), broken);
    fs.writeFileSync(path.join(dir, 'two', '.impact-notes.yml'), 'rules:\n  missing-section: info\n');
    const out = JSON.parse(run(['lint', '--today', TODAY, '-f', 'json'], dir).stdout) as { file: string; severity: string }[];
    assert.deepEqual([...new Set(out.map((f) => `${f.file} ${f.severity}`))], ['one/IMPACT.md error', 'two/IMPACT.md info']);
    // --config replaces discovery.
    fs.writeFileSync(path.join(tmp, 'explicit.yaml'), 'rules:\n  missing-section: warning\n');
    const ex = JSON.parse(run(['lint', '--today', TODAY, '-f', 'json', '--config', path.join(tmp, 'explicit.yaml'), 'one'], dir).stdout) as { rule: string; severity: string }[];
    assert.deepEqual([...new Set(ex.filter((f) => f.rule === 'missing-section').map((f) => f.severity))], ['warning']);
  });

  it('says so when there is nothing to lint', () => {
    const dir = project('empty');
    const r = run(['lint'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /no IMPACT\.md or release plan found/);
  });
});

describe('cli: init', function () {
  this.timeout(120000);
  it('scaffolds a pair that lints with only fill-in findings', () => {
    const dir = project('init');
    // The artifacts exist, so path rules have nothing to say either.
    for (const f of ['voice/checkpoints/small.pt', 'voice/train.py', 'voice/src/a/model.py']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'x');
    }
    const r = run(
      ['init', 'voice', '--title', 'Voice study', '--modality', 'audio,video', '--artifact', 'weights:trained-model:checkpoints/**', '--artifact', 'code:source-code:train.py,src/{a,b}/**', '--review', 'expedited', '--contact', 'mailto:m@example.org', '--today', TODAY],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Created voice\/IMPACT\.md$/m);
    assert.match(r.stdout, /^Created voice\/release\.yaml$/m);
    const plan = fs.readFileSync(path.join(dir, 'voice', 'release.yaml'), 'utf8');
    assert.match(plan, /paths: \[train\.py, "src\/\{a,b\}\/\*\*"\]/);
    const lint = run(['lint', '--today', TODAY, '-f', 'json', 'voice'], dir);
    for (const f of JSON.parse(lint.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; message: string }[]) {
      const text = fs.readFileSync(path.join(dir, f.file), 'utf8');
      const source = new SourceText(f.file, text);
      const range = { start: source.offsetAt({ line: f.line - 1, character: f.column - 1 }), end: source.offsetAt({ line: f.endLine - 1, character: f.endColumn - 1 }) };
      const impact = f.file.endsWith('.md') ? parseImpact(f.file, text) : undefined;
      assert.ok(isFillIn(f.rule, source.text, range, impact), `unexpected ${f.rule} on a fresh scaffold: ${f.file}:${f.line}: ${f.message}`);
    }
  });

  it('never overwrites: skips an existing file, and exits 2 when both exist', () => {
    const dir = project('init2');
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), 'my own notes\n');
    const r = run(['init', '--today', TODAY], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /Skipped IMPACT\.md: it already exists/);
    assert.match(r.stdout, /^Created release\.yaml$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8'), 'my own notes\n');
    const plan = fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8');
    const again = run(['init', '--today', TODAY], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /nothing written/);
    assert.equal(fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8'), plan);
  });
});

describe('cli: argument helpers', function () {
  this.timeout(120000);
  it('parses artifact specs and lists with glob braces', () => {
    assert.deepEqual(parseArtifact('weights:trained-model:checkpoints/**,*.pt'), { id: 'weights', content: 'trained-model', paths: ['checkpoints/**', '*.pt'] });
    assert.deepEqual(parseArtifact('paper:paper'), { id: 'paper', content: 'paper', paths: [] });
    assert.deepEqual(splitList('a,{b,c}/**, d'), ['a', '{b,c}/**', 'd']);
  });
});

describe('cli: finding providers (discovery hook)', function () {
  this.timeout(120000);
  function io(cwd: string): Io & { out: string; err: string } {
    const o = { out: '', err: '', cwd, env: {}, isTTY: false } as Io & { out: string; err: string };
    o.stdout = (s) => (o.out += s);
    o.stderr = (s) => (o.err += s);
    return o;
  }
  it('runs providers, and --no-discovery skips discovery providers', async () => {
    const dir = project('providers');
    copyClean(dir);
    const seen: string[] = [];
    const provider: FindingProvider = {
      name: 'fake-discovery',
      kind: 'discovery',
      rules: [{ name: 'uncovered-artifact', description: 'd', scope: 'workspace', defaultSeverity: 'warning', fixable: false }],
      async provide(ctx) {
        seen.push(ctx.pairs.map((p) => path.basename(p.dir)).join(','));
        return [
          {
            rule: 'uncovered-artifact',
            severity: 'warning',
            message: 'Folder models/ has weights and no plan.',
            path: path.join(ctx.cwd, 'models'),
            file: 'workspace',
            range: { start: 0, end: 0 },
            start: { line: 0, character: 0 },
            end: { line: 0, character: 0 },
          },
        ];
      },
    };
    const a = io(dir);
    assert.equal(await main(['lint', '--today', TODAY, '-f', 'json', '--max-warnings', '0'], a, [provider]), 1);
    assert.deepEqual(JSON.parse(a.out).map((f: { file: string; rule: string }) => `${f.file} ${f.rule}`), ['models uncovered-artifact']);
    assert.deepEqual(seen, ['providers']);
    const b = io(dir);
    assert.equal(await main(['lint', '--today', TODAY, '-f', 'json', '--no-discovery', '--max-warnings', '0'], b, [provider]), 0);
    assert.deepEqual(JSON.parse(b.out), []);
  });
});
