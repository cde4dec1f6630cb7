/**
 * core/lint-input.ts: the one builder of the engine's input for a pair, over an in-memory FileHost
 * (what the builder does with each outcome of a host's guards: a file above the limit, one that
 * cannot be read, a binary one, missing files and cards) and over the Node host the CLI and the
 * language server use (the guards themselves, on real files).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeFileHost, nodeFiles } from '../../src/cli/node-file-host';
import { defaultConfig, type Config } from '../../src/core/config';
import { FILE_SKIPPED, lint } from '../../src/core/engine';
import { NOT_REGULAR, type FileHost, type FileRead } from '../../src/core/file-host';
import { buildLintInput, type PairConfig } from '../../src/core/lint-input';
import { posix } from '../../src/core/util/posix-path';

const TODAY = new Date('2026-06-01T00:00:00Z');
const IMPACT = '# Impact assessment: test\n\nSome text.\n';
const PLAN = 'impact-release: 1\nartifacts:\n  - id: model\n    model-card: docs/CARD.md\n';

type Entry = string | { size: number } | { unreadable: string } | { open: string; version: number };

/**
 * A FileHost over a map of files (posix paths): a host's guard outcomes are given directly — a
 * `{ size }` entry is a file above every limit, `{ unreadable }` one that could not be read.
 */
function memoryHost(entries: Record<string, Entry>, opts: { exists?: boolean } = {}): FileHost & { reads: string[] } {
  const reads: string[] = [];
  const host: FileHost & { reads: string[] } = {
    reads,
    read: async (p, maxBytes) => {
      reads.push(p);
      const e = entries[p];
      if (e === undefined) return undefined;
      if (typeof e === 'string') return new TextEncoder().encode(e).byteLength > maxBytes ? { text: '', size: new TextEncoder().encode(e).byteLength } : { text: e };
      if ('open' in e) return { text: e.open, version: e.version };
      return 'size' in e ? { text: '', size: e.size } : { text: '', unreadable: e.unreadable };
    },
    join: (d, n) => posix.join(d, n),
    resolve: (d, rel) => posix.normalize(posix.join(d, rel.replace(/\\/g, '/'))),
    listFiles: async (dir, ignores, cap) => {
      const list = Object.keys(entries)
        .filter((p) => p.startsWith(`${dir}/`))
        .map((p) => p.slice(dir.length + 1))
        .filter((rel) => !ignores.some((s) => s.patterns.includes(rel)))
        .sort();
      return list.length > cap ? undefined : list;
    },
    displayPath: (p) => p.replace(/^\/w\//, ''),
  };
  if (opts.exists) host.exists = (dir, rel) => `${dir}/${rel}` in entries;
  return host;
}

const cfg = (over: Partial<Config> = {}): PairConfig => ({ config: { ...defaultConfig(), ...over }, ignores: [] });
const pair = { dir: '/w/p', impact: '/w/p/IMPACT.md', release: '/w/p/release.yaml' };

describe('core: buildLintInput', () => {
  it('reads both files, the named card and the file list, with display paths, configuration and clock', async () => {
    const host = memoryHost({ '/w/p/IMPACT.md': IMPACT, '/w/p/release.yaml': PLAN, '/w/p/docs/CARD.md': '# Card\n', '/w/p/data/a.csv': 'x' });
    const built = await buildLintInput(host, pair, cfg(), { today: TODAY, rules: [] });
    assert.ok(built);
    const { input } = built;
    assert.deepEqual(input.impact, { path: 'p/IMPACT.md', text: IMPACT });
    assert.deepEqual(input.release, { path: 'p/release.yaml', text: PLAN });
    assert.deepEqual(input.card, { path: 'p/docs/CARD.md', text: '# Card\n', via: 'model-card' });
    assert.equal(built.cardPath, '/w/p/docs/CARD.md');
    assert.deepEqual(input.files, ['IMPACT.md', 'data/a.csv', 'docs/CARD.md', 'release.yaml']);
    assert.equal(input.today, TODAY);
    assert.deepEqual(input.rules, []);
    assert.equal(input.config?.maxFileSize, defaultConfig().maxFileSize);
    // Without the host's own `exists`, the rules are answered from the file list (files and folders).
    assert.equal(input.exists?.('data/a.csv'), true);
    assert.equal(input.exists?.('data/'), true);
    assert.equal(input.exists?.('./docs'), true);
    assert.equal(input.exists?.('data/b.csv'), false);
    assert.equal(input.exists?.('../elsewhere'), undefined);
  });

  it('uses the host\'s exists when it has one, and honours ignore globs and the list cap', async () => {
    const host = memoryHost({ '/w/p/IMPACT.md': IMPACT, '/w/p/secret.bin': 'x', '/w/p/b': 'y' }, { exists: true });
    const built = await buildLintInput(host, { dir: '/w/p', impact: '/w/p/IMPACT.md' }, { config: defaultConfig(), ignores: [{ base: '/w/p', patterns: ['secret.bin'] }] }, { today: TODAY });
    assert.deepEqual(built?.input.files, ['IMPACT.md', 'b']);
    assert.equal(built?.input.exists?.('secret.bin'), true, 'the host answers, not the list');
    assert.equal(built?.input.exists?.('nope'), false);
    const capped = await buildLintInput(memoryHost({ '/w/p/IMPACT.md': IMPACT, '/w/p/a': 'x', '/w/p/b': 'y' }), { dir: '/w/p', impact: '/w/p/IMPACT.md' }, cfg(), { today: TODAY, fileListCap: 2 });
    assert.equal(capped?.input.files, undefined);
    assert.equal(capped?.input.exists, undefined, 'no list and no host answer: the rules do not guess');
  });

  it('missing files: undefined without either file; a lone file; a named card that is missing; README.md as the card', async () => {
    assert.equal(await buildLintInput(memoryHost({ '/w/p/other.txt': 'x' }), pair, cfg(), { today: TODAY }), undefined);
    const lone = await buildLintInput(memoryHost({ '/w/p/release.yaml': PLAN }), pair, cfg(), { today: TODAY });
    assert.equal(lone?.input.impact, undefined);
    assert.deepEqual(lone?.input.card, { path: 'p/docs/CARD.md', text: '', via: 'model-card', missing: true });
    const readme = await buildLintInput(memoryHost({ '/w/p/IMPACT.md': IMPACT, '/w/p/README.md': '# Readme\n' }), pair, cfg(), { today: TODAY });
    assert.deepEqual(readme?.input.card, { path: 'p/README.md', text: '# Readme\n', via: 'readme' });
    const none = await buildLintInput(memoryHost({ '/w/p/IMPACT.md': IMPACT }), pair, cfg(), { today: TODAY });
    assert.equal(none?.input.card, undefined, 'no README.md and no model-card: no card');
    // A plan naming a card outside relative paths is never read.
    const host = memoryHost({ '/w/p/release.yaml': 'impact-release: 1\nartifacts:\n  - model-card: /etc/passwd\n', '/etc/passwd': 'root' });
    const abs = await buildLintInput(host, pair, cfg(), { today: TODAY });
    assert.equal(abs?.input.card, undefined);
    assert.ok(!host.reads.includes('/etc/passwd'));
    // Back slashes in model-card: resolve on the host's terms.
    const win = await buildLintInput(memoryHost({ '/w/p/release.yaml': 'impact-release: 1\nartifacts:\n  - model-card: docs\\CARD.md\n', '/w/p/docs/CARD.md': '# C\n' }), pair, cfg(), { today: TODAY });
    assert.equal(win?.cardPath, '/w/p/docs/CARD.md');
  });

  it('oversize: a file above maxFileSize goes in as its size only, and the engine skips it', async () => {
    const big = `${IMPACT}${'x'.repeat(200)}\n`;
    const built = await buildLintInput(memoryHost({ '/w/p/IMPACT.md': big, '/w/p/release.yaml': { size: 5e9 } }), pair, cfg({ maxFileSize: 100 }), { today: TODAY });
    assert.deepEqual(built?.input.impact, { path: 'p/IMPACT.md', text: '', size: new TextEncoder().encode(big).byteLength });
    assert.deepEqual(built?.input.release, { path: 'p/release.yaml', text: '', size: 5e9 });
    const skipped = lint(built!.input).findings.filter((f) => f.rule === FILE_SKIPPED);
    assert.deepEqual(skipped.map((f) => f.file).sort(), ['impact', 'release']);
    assert.match(skipped.find((f) => f.file === 'release')!.message, /was not checked: it is .* above the/);
  });

  it('unreadable and binary files: skipped with their reason', async () => {
    const built = await buildLintInput(memoryHost({ '/w/p/IMPACT.md': '# A\u0000\u0001binary', '/w/p/release.yaml': { unreadable: NOT_REGULAR } }), pair, cfg(), { today: TODAY });
    assert.deepEqual(built?.input.release, { path: 'p/release.yaml', text: '', unreadable: NOT_REGULAR });
    const findings = lint(built!.input).findings.filter((f) => f.rule === FILE_SKIPPED);
    assert.ok(findings.some((f) => f.file === 'impact' && /looks binary/.test(f.message)), 'binary IMPACT.md skipped');
    assert.ok(findings.some((f) => f.file === 'release' && f.message.includes(NOT_REGULAR)), 'pipe skipped with its reason');
  });

  it('an open document\'s text and version: the text goes in, the version stays with the caller', async () => {
    const built = await buildLintInput(memoryHost({ '/w/p/IMPACT.md': { open: IMPACT, version: 7 } }), pair, cfg(), { today: TODAY });
    assert.deepEqual(built?.input.impact, { path: 'p/IMPACT.md', text: IMPACT });
    assert.equal(built?.impact?.version, 7);
  });
});

describe('core: buildLintInput over the Node host', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-input-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const nodePair = () => ({ dir, impact: path.join(dir, 'IMPACT.md'), release: path.join(dir, 'release.yaml') });

  it('reads real files: absolute paths, the card, the file list and exists from the disk', async () => {
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), IMPACT);
    fs.writeFileSync(path.join(dir, 'release.yaml'), PLAN);
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'CARD.md'), '# Card\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'x.js'), '');
    const built = await buildLintInput(nodeFiles, nodePair(), cfg(), { today: TODAY });
    assert.deepEqual(built?.input.impact, { path: path.join(dir, 'IMPACT.md'), text: IMPACT });
    assert.deepEqual(built?.input.card, { path: path.join(dir, 'docs', 'CARD.md'), text: '# Card\n', via: 'model-card' });
    assert.deepEqual(built?.input.files, ['IMPACT.md', 'docs/CARD.md', 'release.yaml'], 'tool folders left out');
    assert.equal(built?.input.exists?.('node_modules'), true, 'exists asks the disk');
  });

  it('guards: a file above maxFileSize is not read, a missing one is absent, a binary one is skipped by the engine', async () => {
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), `${IMPACT}${'x'.repeat(500)}`);
    const built = await buildLintInput(nodeFiles, nodePair(), cfg({ maxFileSize: 100 }), { today: TODAY });
    assert.deepEqual(built?.input.impact, { path: path.join(dir, 'IMPACT.md'), text: '', size: IMPACT.length + 500 });
    assert.equal(built?.input.release, undefined);
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), Buffer.from([0x23, 0x20, 0x00, 0xff, 0x01]));
    const bin = await buildLintInput(nodeFiles, nodePair(), cfg(), { today: TODAY });
    assert.ok(lint(bin!.input).findings.some((f) => f.rule === FILE_SKIPPED && /looks binary/.test(f.message)));
    fs.rmSync(path.join(dir, 'IMPACT.md'));
    assert.equal(await buildLintInput(nodeFiles, nodePair(), cfg(), { today: TODAY }), undefined);
  });

  it('guards: a pipe named release.yaml is never opened (the build does not block)', async function () {
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), IMPACT);
    if (spawnSync('mkfifo', [path.join(dir, 'release.yaml')]).status !== 0) this.skip();
    const built = await buildLintInput(nodeFiles, nodePair(), cfg(), { today: TODAY });
    assert.deepEqual(built?.input.release, { path: path.join(dir, 'release.yaml'), text: '', unreadable: NOT_REGULAR });
  });

  it('an open editor\'s text (the language server) is used in place of the disk', async () => {
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), IMPACT);
    const host = nodeFileHost({ openText: (f) => (f === path.join(dir, 'IMPACT.md') ? '# Unsaved\n' : undefined) });
    const built = await buildLintInput(host, nodePair(), cfg(), { today: TODAY });
    assert.deepEqual(built?.input.impact, { path: path.join(dir, 'IMPACT.md'), text: '# Unsaved\n' });
    const read: FileRead | undefined = await host.read(path.join(dir, 'release.yaml'), 100);
    assert.equal(read, undefined);
  });
});
