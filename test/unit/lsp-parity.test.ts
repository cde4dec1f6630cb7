/**
 * The language server gives the CLI's answers: for every rule fixture and the example, the
 * diagnostics it publishes equal `impact-notes lint --format json` (rule, range, severity, message,
 * discovery findings included), and its fix-all, applied to each document until nothing changes,
 * equals `lint --fix`.
 *
 * Each fixture is copied into its own folder (its fixture.json config as `.impact-notes.yaml` with
 * `root: true`, its listed `files` created empty), twice: one copy for the CLI, one for the server.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyLspEdits, buildBundles, ROOT, TestClient, uriOf, type LspDiagnostic } from './lsp-client';

const RULE_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');
const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');
const TODAY = '2026-06-01';
const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

let tmp: string;
let cli: string;

/** Copies every fixture (and the example) under `root`; returns the pair files, relative to root. */
function layout(root: string): string[] {
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, '.impact-notes.yaml'), 'root: true\n');
  for (const rule of fs.readdirSync(RULE_FIXTURES).sort()) {
    for (const c of fs.readdirSync(path.join(RULE_FIXTURES, rule)).sort()) {
      const src = path.join(RULE_FIXTURES, rule, c);
      if (!fs.statSync(src).isDirectory()) continue;
      const dest = path.join(root, rule, c);
      fs.mkdirSync(dest, { recursive: true });
      const meta = fs.existsSync(path.join(src, 'fixture.json')) ? JSON.parse(fs.readFileSync(path.join(src, 'fixture.json'), 'utf8')) : {};
      // JSON is YAML: the fixture's configuration, as a root configuration file.
      fs.writeFileSync(path.join(dest, '.impact-notes.yaml'), JSON.stringify({ ...(meta.config ?? {}), root: true }) + '\n');
      for (const name of ['IMPACT.md', 'release.yaml']) {
        if (!fs.existsSync(path.join(src, name))) continue;
        fs.copyFileSync(path.join(src, name), path.join(dest, name));
      }
      for (const f of (meta.files ?? []) as string[]) {
        const p = path.join(dest, f);
        if (f.endsWith('/')) fs.mkdirSync(p, { recursive: true });
        else {
          fs.mkdirSync(path.dirname(p), { recursive: true });
          fs.writeFileSync(p, '');
        }
      }
    }
  }
  const ex = path.join(root, 'example');
  fs.cpSync(EXAMPLE, ex, { recursive: true });
  fs.writeFileSync(path.join(ex, '.impact-notes.yaml'), 'root: true\n');
  // Every file an editor would open as IMPACT.md or release.yaml (fixture `files` may add some).
  const all: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (/^(impact\.md|release\.ya?ml)$/i.test(e.name)) all.push(r);
    }
  };
  walk('');
  return all.sort();
}

function cliLint(root: string, fix: boolean): Row[] {
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', ...(fix ? ['--fix'] : []), '.'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', IMPACT_NOTES_TODAY: TODAY },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(r.status === 0 || r.status === 1, `lint exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Row[];
}

function rowsOf(root: string, published: Map<string, { diagnostics: LspDiagnostic[] }>): Row[] {
  const rows: Row[] = [];
  for (const [uri, p] of published) {
    const file = path.relative(root, fileURLToPath(uri)).split(path.sep).join('/');
    for (const d of p.diagnostics) {
      rows.push({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        rule: String(d.code),
        severity: SEVERITY[d.severity ?? 0] ?? String(d.severity),
        message: d.message.split(root).join('<root>'),
      });
    }
  }
  return sortRows(rows);
}

function sortRows(rows: Row[]): Row[] {
  const key = (r: Row) => JSON.stringify([r.file, r.line, r.column, r.endLine, r.endColumn, r.rule, r.severity, r.message]);
  return [...rows].map((r) => ({ file: r.file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, rule: r.rule, severity: r.severity, message: r.message })).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe('language server: the same answers as the CLI', function () {
  this.timeout(300000);
  let cliRoot: string;
  let lspRoot: string;
  let pairFiles: string[];
  let client: TestClient;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-lsp-parity-'));
    cli = await buildBundles(path.join(tmp, 'bin'));
    cliRoot = path.join(tmp, 'cli');
    lspRoot = path.join(tmp, 'lsp');
    pairFiles = layout(cliRoot);
    layout(lspRoot);
    client = TestClient.start(cli, lspRoot, { IMPACT_NOTES_TODAY: TODAY });
    await client.initialize(lspRoot, { initializationOptions: { debounceMs: 0 } });
  });

  after(async () => {
    if (client?.alive) await client.shutdown();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(`diagnostics equal 'lint --format json' for every fixture and the example`, async () => {
    // Messages that name a file by its absolute path differ only in the copy's folder.
    const expected = sortRows(cliLint(cliRoot, false).map((r) => ({ ...r, message: r.message.split(cliRoot).join('<root>') })));
    assert.ok(pairFiles.length > 200, `${pairFiles.length} files`);
    for (const rel of pairFiles) client.open(path.join(lspRoot, rel));
    const want = JSON.stringify(expected);
    try {
      await client.until('the server’s diagnostics to equal the CLI’s', () => JSON.stringify(rowsOf(lspRoot, client.published)) === want, 60000);
    } catch {
      // Show the difference.
      const got = rowsOf(lspRoot, client.published);
      const g = new Set(got.map((r) => JSON.stringify(r)));
      const e = new Set(expected.map((r) => JSON.stringify(r)));
      assert.deepEqual(
        got.filter((r) => !e.has(JSON.stringify(r))).slice(0, 10),
        expected.filter((r) => !g.has(JSON.stringify(r))).slice(0, 10),
        'server (actual) vs CLI (expected), first differences',
      );
    }
    assert.ok(expected.length > 200, `${expected.length} findings compared`);
    assert.ok(new Set(expected.map((r) => r.rule)).size >= 30, 'findings of most rules compared');
  });

  it(`fix-all applied to each document equals 'lint --fix'`, async () => {
    cliLint(cliRoot, true);
    const texts = new Map<string, { uri: string; text: string; version: number }>();
    for (const rel of pairFiles) {
      const file = path.join(lspRoot, rel);
      texts.set(rel, { uri: uriOf(file), text: fs.readFileSync(file, 'utf8'), version: 1 });
    }
    let differing: string[] = [];
    for (let round = 0; round < 4; round++) {
      let changed = 0;
      for (const rel of pairFiles) {
        const doc = texts.get(rel)!;
        const actions = await client.request<{ kind: string; edit?: { changes?: Record<string, { range: LspDiagnostic['range']; newText: string }[]> } }[]>('textDocument/codeAction', {
          textDocument: { uri: doc.uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll.impactNotes'] },
        });
        const edits = actions.find((a) => a.kind === 'source.fixAll.impactNotes')?.edit?.changes?.[doc.uri] ?? [];
        if (!edits.length) continue;
        doc.text = applyLspEdits(doc.text, edits);
        doc.version++;
        client.change(doc.uri, doc.version, [{ text: doc.text }]);
        changed++;
      }
      differing = pairFiles.filter((rel) => texts.get(rel)!.text !== fs.readFileSync(path.join(cliRoot, rel), 'utf8'));
      if (!changed) break;
    }
    assert.deepEqual(differing, [], 'files whose fix-all result differs from lint --fix');
    const fixedByCli = pairFiles.filter((rel) => fs.readFileSync(path.join(cliRoot, rel), 'utf8') !== fs.readFileSync(path.join(lspRoot, rel), 'utf8'));
    assert.ok(fixedByCli.length > 20, `${fixedByCli.length} files changed by the fixes`);
  });
});
