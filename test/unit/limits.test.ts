/**
 * Limits: what happens at and beyond them, within bounded time and memory. Complements
 * engine.test.ts ("hostile input never throws or hangs": 10 MB files, binary content, alias bombs,
 * deep nesting, 10,000-level Markdown) and discovery.test.ts (symbolic-link loops and unreadable
 * folders in the discovery walker) with:
 *   - maxFileSize counted in UTF-8 bytes, exactly at the limit and one byte over, and files the CLI
 *     never reads because they are too large, loop, or are not regular files;
 *   - one-megabyte lines of every shape the parsers and rules scan;
 *   - the CLI's own folder walk over symbolic-link loops, unreadable entries, pipes and devices.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_FILE_SIZE, defaultConfig } from '../../src/core/config';
import { FILE_SKIPPED, INTERNAL_ERROR, lint, utf8Length, type LintResult } from '../../src/core/engine';
import { lintAndFix } from '../../src/core/fix';
import { findSection, findStage, findTerm, normaliseTermKey } from '../../src/core/taxonomy';
import { readForLint, readTextHead, readTextSync } from '../../src/cli/fs-host';
import { runLintCommand } from '../../src/cli/lint';

const TODAY = new Date('2026-06-01T00:00:00Z');
const CLEAN = path.join(__dirname, '..', 'fixtures', 'pairs', 'clean');
const FULL_IMPACT = fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8');
const FULL_PLAN = fs.readFileSync(path.join(CLEAN, 'release.yaml'), 'utf8');

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** Lints with every rule; asserts no exception, no internal error, ranges inside, and a CPU budget. */
function survive(name: string, impact: string | undefined, release: string | undefined, budgetMs = 2000): LintResult {
  const t = process.cpuUsage();
  const r = lint({
    impact: impact === undefined ? undefined : { path: 'IMPACT.md', text: impact },
    release: release === undefined ? undefined : { path: 'release.yaml', text: release },
    today: TODAY,
    files: [],
    exists: () => false,
  });
  const ms = cpuMs(t);
  assert.ok(ms < budgetMs, `${name}: ${ms.toFixed(0)} ms of CPU (budget ${budgetMs} ms)`);
  assert.deepEqual(r.findings.filter((f) => f.rule === INTERNAL_ERROR).map((f) => f.message), [], name);
  for (const f of r.findings) {
    const len = (f.file === 'impact' ? r.impact?.source.length : r.release?.source.length) ?? 0;
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= len, `${name}: ${f.rule} ${f.range.start}-${f.range.end} of ${len}`);
  }
  return r;
}

const skipped = (r: LintResult) => r.findings.filter((f) => f.rule === FILE_SKIPPED);

describe('limits: maxFileSize, counted in UTF-8 bytes', () => {
  const limit = 1000;
  const config = { ...defaultConfig(), maxFileSize: limit };
  const run = (impact: string, size?: number) => lint({ impact: { path: 'IMPACT.md', text: impact, size }, config, today: TODAY, rules: [] });

  it('a file of exactly maxFileSize bytes is checked; one byte more is skipped', () => {
    const at = '# T\n' + 'a'.repeat(limit - 4);
    assert.equal(utf8Length(at), limit);
    assert.deepEqual(skipped(run(at)), []);
    assert.ok(run(at).impact, 'parsed');
    const over = skipped(run(at + 'a'));
    assert.equal(over.length, 1);
    assert.match(over[0].message, /^IMPACT\.md was not checked: it is 1,001 bytes, above the 1,000-byte limit \(maxFileSize in \.impact-notes\.yaml\)\.$/);
    // Sizes read as a person would: bytes, KB, MB; exact bytes when rounding would hide the difference.
    assert.match(skipped(run(at + 'a'.repeat(2000)))[0].message, /it is 2\.9 KB, above the 1,000-byte limit/);
    const mb = { ...defaultConfig(), maxFileSize: 2 * 1048576 };
    assert.match(lint({ impact: { path: 'IMPACT.md', text: '', size: 2 * 1048576 + 1 }, config: mb, rules: [] }).findings[0].message, /it is 2,097,153 bytes, above the 2,097,152-byte limit/);
  });

  it('multi-byte text counts its bytes, not its UTF-16 units: é is 2 bytes, 😀 is 4, a lone surrogate 3', () => {
    assert.equal(utf8Length('é😀\ud800'), 2 + 4 + 3);
    const e = 'é'.repeat(limit / 2);
    assert.deepEqual(skipped(run(e)), [], 'exactly the limit');
    assert.equal(skipped(run(e + 'é')).length, 1, 'two bytes over, though only 501 characters');
    assert.equal(skipped(run('😀'.repeat(limit / 4) + 'x')).length, 1);
    assert.equal(skipped(run('😀'.repeat(limit / 4))).length, 0);
  });

  it('utf8Length agrees with Buffer.byteLength on any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')),
      { numRuns: 500, seed: 42 },
    );
  });

  it('a size given by the caller decides without the text (a huge file never read), with the real size in the message', () => {
    const r = lint({ impact: { path: 'IMPACT.md', text: '', size: 600 * 1048576 }, release: { path: 'release.yaml', text: FULL_PLAN }, today: TODAY });
    const s = skipped(r);
    assert.equal(s.length, 1);
    assert.match(s[0].message, /it is 600\.0 MB, above the 2\.0 MB limit/);
    assert.equal(r.impact, undefined);
    assert.ok(r.release, 'the plan is still checked');
  });

  it('a file the caller could not read is skipped with its reason', () => {
    const r = lint({ release: { path: 'release.yaml', text: '', unreadable: 'it is a symbolic link that loops' }, today: TODAY });
    assert.deepEqual(r.findings.map((f) => `${f.rule}: ${f.message}`), ['file-skipped: release.yaml was not checked: it is a symbolic link that loops.']);
  });

  it('the default limit is 2 MiB and lintAndFix leaves a skipped file alone', () => {
    assert.equal(DEFAULT_MAX_FILE_SIZE, 2 * 1024 * 1024);
    const big = '# T\n\n## Summary\n\n' + 'é'.repeat(DEFAULT_MAX_FILE_SIZE / 2);
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text: big }, today: TODAY });
    assert.equal(res.impact, undefined);
    assert.equal(skipped(res.result).length, 1);
  });
});

describe('limits: one-megabyte lines', function () {
  this.timeout(60_000);
  const MB = 1024 * 1024;
  const head = '# Impact\n\n## Summary\n\n';

  const markdown: [string, string][] = [
    ['a 1 MB heading', '# ' + 'Title '.repeat(MB / 6) + '\n\n## Summary\n\ntext\n'],
    ['a 1 MB marker value', head + '## Path to harm\n\n- **Slottability:** high — ' + 'because it plugs in '.repeat(MB / 20) + '\n'],
    ['a 1 MB marker key-like line', head + '- **' + 'Key '.repeat(MB / 4) + ':** value\n'],
    ['1 MB of suppression comments without an end', head + '<!-- impact-notes-disable '.repeat(MB / 26) + '\n'],
    ['1 MB of closed suppression comments', head + '<!-- impact-notes-disable-line x --> '.repeat(MB / 38) + '\n'],
    ['1 MB of dismissal sentences', head + '## Mitigations\n\n' + 'We do not foresee any negative impact. '.repeat(MB / 39) + '\n'],
    ['1 MB of placeholders', head + 'TODO TBD [insert here] _TODO: x_ '.repeat(MB / 33) + '\n'],
    ['1 MB of backticks', head + '` `` '.repeat(MB / 5) + '\n'],
    ['1 MB table row', head + '| a '.repeat(MB / 4) + '|\n|---|\n'],
    ['1 MB of emoji (astral)', head + '😀'.repeat(MB / 4) + '\n'],
    ['1 MB of separators', head + '- **Rating:** ' + ' — –'.repeat(MB / 7) + '\n'],
  ];
  for (const [name, text] of markdown) {
    it(`IMPACT.md: ${name}`, () => {
      assert.ok(utf8Length(text) >= MB * 0.9 && utf8Length(text) <= DEFAULT_MAX_FILE_SIZE, `${name}: ${utf8Length(text)} bytes`);
      const r = survive(name, text, undefined, 5000);
      assert.ok(r.impact, 'parsed, not skipped');
    });
  }

  const yaml: [string, string][] = [
    // The yaml library reads these two shapes at about 5-10 s of CPU per megabyte (linear): a quarter here.
    ['a 256 KB flow sequence of 10,000 artifacts', 'impact-release: 1\nartifacts: [' + '{id: a, content: paper}, '.repeat(MB / 4 / 26) + ']\n'],
    ['256 KB of unclosed quotes', 'impact-release: 1\nnotes: ' + '"\'"'.repeat(MB / 4 / 3) + '\n'],
    ['a 1 MB double-quoted string', 'impact-release: 1\nartifacts: []\nnotes: "' + 'ab\\" '.repeat(MB / 5) + '"\n'],
    ['a 1 MB plain scalar', 'impact-release: 1\nartifacts: []\nnotes: ' + 'word '.repeat(MB / 5) + '\n'],
    ['a 1 MB comment', '# ' + 'x'.repeat(MB) + '\nimpact-release: 1\nartifacts: []\n'],
    ['a 1 MB key', 'impact-release: 1\nartifacts: []\n' + 'k'.repeat(MB) + ': 1\n'],
  ];

  it('release.yaml: 250,000 aliases of an empty list are not resolved one by one (that never ends)', () => {
    const r = survive('aliases', undefined, 'impact-release: 1\nartifacts: &a []\nnotes: [' + '*a, '.repeat(MB / 4) + ']\n', 10_000);
    assert.equal(r.release!.value, undefined);
    assert.match(r.findings.find((f) => f.rule === 'yaml-syntax')?.message ?? '', /too many YAML aliases/);
    // A few aliases are still read.
    assert.deepEqual(survive('few', undefined, 'impact-release: 1\nartifacts: &a []\nnotes: [*a, *a]\n').release!.value, { 'impact-release': 1, artifacts: [], notes: [[], []] });
  });
  for (const [name, text] of yaml) {
    it(`release.yaml: ${name}`, () => {
      // The yaml library reads a pathological megabyte in one to three seconds; what matters is that it ends.
      assert.ok(utf8Length(text) >= (name.includes('256 KB') ? MB / 4 : MB) * 0.9 && utf8Length(text) <= DEFAULT_MAX_FILE_SIZE, `${name}: ${utf8Length(text)} bytes`);
      const r = survive(name, FULL_IMPACT, text, 10_000);
      assert.ok(r.release, 'read');
    });
  }
});

describe('limits: taxonomy lookups on long headings and values', function () {
  this.timeout(20000);
  // Trailing-run trimming used regexes such as /[\s:;,.!]+$/, quadratic on a long run followed by
  // another character: 'a' + 20,000 dashes + 'b' as a heading took about 2 s. Plain loops now.
  const runs = ['-', ' ', '.', ':', '*', '_', '`', '—', '\t', '#', '(', ')', '"'];
  const N = 200_000;

  for (const ch of runs) {
    it(`'a' + ${N.toLocaleString('en')} × ${JSON.stringify(ch)} + 'b' is looked up in linear time`, () => {
      const text = 'a' + ch.repeat(N) + 'b';
      const t = process.cpuUsage();
      findSection(text);
      findSection('## ' + text);
      findSection('## Hazards (' + ch.repeat(N) + ') x');
      findStage(text);
      findTerm('rating', text);
      normaliseTermKey(ch.repeat(N) + 'x' + ch.repeat(N) + 'y');
      const ms = cpuMs(t);
      assert.ok(ms < 1500, `${ms.toFixed(0)} ms of CPU`);
    });
  }

  it('still trims what it trimmed before', () => {
    assert.equal(findSection('## 3. **Hazards**:')?.id, 'hazards');
    assert.equal(findSection('Detection guidance (synthetic media) :')?.id, findSection('Detection guidance')?.id);
    assert.equal(findSection('Hazards (a) (b)')?.id, undefined);
    assert.equal(normaliseTermKey('  "**Ask-for access**" '), 'askforaccess');
    assert.equal(normaliseTermKey('Ask_for access:;'), 'askforaccess');
    assert.equal(normaliseTermKey('R&D'), 'randd');
    assert.equal(findTerm('rating', '`High`')?.id, 'high');
  });

  it('a whole IMPACT.md with a 200,000-dash heading lints within budget', () => {
    survive('dash heading', '# T\n\n## a' + '-'.repeat(N) + 'b\n\ntext\n\n### x' + ' '.repeat(N) + 'y\n', undefined, 3000);
  });
});

describe('limits: the CLI reading files and walking folders', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-limits-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const project = (name: string) => {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\n');
    return dir;
  };
  const lintDir = (cwd: string) => runLintCommand({ cwd, paths: [], fix: false, today: TODAY, discovery: false });
  const mkfifo = (p: string) => spawnSync('mkfifo', [p]).status === 0;

  it('a 600 MB IMPACT.md is skipped by its size without being read', async () => {
    const dir = project('huge');
    const file = path.join(dir, 'IMPACT.md');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 600 * 1048576); // sparse: no disk used
    fs.closeSync(fd);
    fs.writeFileSync(path.join(dir, 'release.yaml'), FULL_PLAN);
    assert.deepEqual(readForLint(file, DEFAULT_MAX_FILE_SIZE), { text: '', size: 600 * 1048576 });
    const rss = process.memoryUsage().rss;
    const t = Date.now();
    const { findings } = await lintDir(dir);
    assert.ok(Date.now() - t < 10_000);
    assert.ok(process.memoryUsage().rss - rss < 200 * 1048576, 'the file was not loaded');
    const s = findings.filter((f) => f.rule === FILE_SKIPPED);
    assert.equal(s.length, 1);
    assert.match(s[0].message, /IMPACT\.md was not checked: it is 600\.0 MB, above the 2\.0 MB limit/);
    assert.ok(findings.some((f) => f.file === 'release' && f.rule !== FILE_SKIPPED) || findings.length === 1, 'the plan is still linted');
    fs.rmSync(file);
  });

  it('a lone release.yaml is read only far enough to see whether it declares itself', () => {
    const file = path.join(project('head'), 'release.yaml');
    fs.writeFileSync(file, 'impact-release: 1\n' + 'x'.repeat(100));
    assert.equal(readTextHead(file, 10), 'impact-rel');
    assert.equal(readTextHead(file, 1000)!.length, 118);
  });

  it('symbolic-link loops, links to devices and pipes are skipped with a reason; linked folder loops end', async () => {
    const dir = project('links');
    fs.symlinkSync('IMPACT.md', path.join(dir, 'IMPACT.md')); // a link to itself
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    fs.symlinkSync('..', path.join(sub, 'up')); // a folder loop
    fs.symlinkSync('.', path.join(sub, 'self'));
    fs.symlinkSync('/dev/zero', path.join(sub, 'IMPACT.md')); // never ends if read
    const piped = path.join(dir, 'piped');
    fs.mkdirSync(piped);
    const hasFifo = mkfifo(path.join(piped, 'release.yaml')); // would block if opened
    fs.writeFileSync(path.join(piped, 'IMPACT.md'), FULL_IMPACT);
    const t = Date.now();
    const { findings, pairs } = await lintDir(dir);
    assert.ok(Date.now() - t < 20_000);
    const skips = findings.filter((f) => f.rule === FILE_SKIPPED).map((f) => `${path.relative(dir, f.path)}: ${f.message.replace(/^.*was not checked: /, '')}`);
    assert.deepEqual(skips.sort(), ['IMPACT.md: it is a symbolic link that loops.', 'sub/IMPACT.md: it is not a regular file (a pipe, socket or device).']);
    assert.deepEqual(pairs.map((p) => path.relative(dir, p.dir) || '.').sort(), ['.', 'piped', 'sub'], 'linked folders are not followed');
    // A pipe is not a file: the folder walk does not take it for a release plan (opening it would block).
    if (hasFifo) assert.equal(pairs.find((p) => p.dir === piped)?.release, undefined);
    if (hasFifo) assert.equal(readForLint(path.join(piped, 'release.yaml'), DEFAULT_MAX_FILE_SIZE)?.unreadable, 'it is not a regular file (a pipe, socket or device)');
    assert.equal(readTextSync(path.join(dir, 'IMPACT.md')), undefined, 'a looping link reads as missing');
    assert.equal(readTextSync(path.join(sub, 'IMPACT.md')), undefined, 'a device reads as missing');
  });

  it('an unreadable IMPACT.md or folder is reported or skipped, and the rest is linted', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything
    const dir = project('locked');
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), FULL_IMPACT);
    fs.chmodSync(path.join(dir, 'IMPACT.md'), 0);
    const inner = path.join(dir, 'inner');
    fs.mkdirSync(inner);
    fs.writeFileSync(path.join(inner, 'IMPACT.md'), FULL_IMPACT);
    fs.chmodSync(inner, 0);
    try {
      const { findings } = await lintDir(dir);
      assert.deepEqual(findings.filter((f) => f.rule === FILE_SKIPPED).map((f) => f.message.replace(/^.*was not checked: /, '')), ['permission denied.']);
    } finally {
      fs.chmodSync(inner, 0o755);
      fs.chmodSync(path.join(dir, 'IMPACT.md'), 0o644);
    }
  });
});
