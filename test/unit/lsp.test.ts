/**
 * The language server over stdio, driven by vscode-jsonrpc as an editor would: initialize, open,
 * change, diagnostics, code actions (quick fix, suggestion, suppressions, fix-all), hover,
 * completion, watched files and configuration changes, discovery findings, bad input, a request
 * that throws, a 1 MB document edited keystroke by keystroke, shutdown.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyLspEdits, buildBundles, ROOT, TestClient, uriOf, type LspDiagnostic } from './lsp-client';

const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');
const TODAY = '2026-06-01';

let tmp: string;
let cli: string;

interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: LspDiagnostic[];
  edit?: { changes?: Record<string, { range: LspDiagnostic['range']; newText: string }[]> };
}

function rules(diags: readonly LspDiagnostic[]): string[] {
  return diags.map((d) => String(d.code)).sort();
}

/** A copy of the example with a root configuration, so nothing above it leaks in. */
function example(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\n');
  return dir;
}

before(async function () {
  this.timeout(120000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-lsp-'));
  cli = await buildBundles(path.join(tmp, 'bin'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('language server: protocol', function () {
  this.timeout(60000);
  let client: TestClient;
  let dir: string;
  let impactUri: string;
  let releaseUri: string;
  let impactText: string;

  before(async () => {
    dir = example('proto');
    client = TestClient.start(cli, dir, { IMPACT_NOTES_TODAY: TODAY });
    const init = await client.initialize(dir, { initializationOptions: { debounceMs: 20 } });
    const caps = init.capabilities as { codeActionProvider: { codeActionKinds: string[] }; hoverProvider: boolean; completionProvider: unknown; textDocumentSync: { change: number } };
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.impactNotes']);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.completionProvider);
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    impactText = fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8');
    impactUri = client.open(path.join(dir, 'IMPACT.md'), impactText);
    releaseUri = uriOf(path.join(dir, 'release.yaml'));
  });

  after(async () => {
    if (client?.alive) assert.equal(await client.shutdown(), 0, 'exit code after shutdown and exit');
  });

  it('publishes the pair’s diagnostics on open, for both files, with rule, link and source', async () => {
    const diags = await client.diagnosticsAt(impactUri, 1);
    assert.deepEqual(rules(diags), ['boilerplate-dismissal', 'boilerplate-dismissal', 'detection-guidance-missing', 'factor-unrated', 'invalid-value']);
    const invalid = diags.find((d) => d.code === 'invalid-value')!;
    assert.equal(invalid.source, 'impact-notes');
    assert.equal(invalid.severity, 1);
    assert.match(invalid.message, /hgih/);
    assert.deepEqual(invalid.range.start.line, impactText.split('\n').findIndex((l) => l.includes('hgih')));
    // release.yaml is not open: its findings come from the same lint (read from disk), plus discovery.
    const release = await client.until('release.yaml diagnostics with discovery', () => {
      const p = client.published.get(releaseUri);
      return p && rules(p.diagnostics).includes('artifact-uncovered') && rules(p.diagnostics).includes('timing-incomplete') ? p.diagnostics : undefined;
    });
    assert.ok(release.every((d) => d.source === 'impact-notes'));
  });

  it('lints again after a change (incremental), at the document’s version', async () => {
    const lines = impactText.split('\n');
    const line = lines.findIndex((l) => l.includes('hgih'));
    const col = lines[line].indexOf('hgih');
    client.change(impactUri, 2, [{ range: { start: { line, character: col }, end: { line, character: col + 4 } }, text: 'high' }]);
    const diags = await client.diagnosticsAt(impactUri, 2);
    assert.ok(!rules(diags).includes('invalid-value'), 'the misspelt rating is gone');
    // Back to the example's text for the next tests.
    client.change(impactUri, 3, [{ text: impactText }]);
    assert.ok(rules(await client.diagnosticsAt(impactUri, 3)).includes('invalid-value'));
  });

  it('drops stale lints: many quick edits end with one publish for the last version', async () => {
    const before = client.versions.get(impactUri)!.length;
    for (let v = 4; v <= 30; v++) client.change(impactUri, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: v % 2 ? 'x' : '' }]);
    client.change(impactUri, 31, [{ text: impactText }]);
    await client.diagnosticsAt(impactUri, 31);
    const published = client.versions.get(impactUri)!.slice(before) as number[];
    // Debounced: far fewer lints than edits; never an older version after a newer one.
    assert.ok(published.length <= 10, `a few publishes for 28 quick edits (got versions ${published.join(', ')})`);
    assert.deepEqual(published, [...published].sort((a, b) => a - b), 'versions only go up');
    assert.equal(published[published.length - 1], 31);
  });

  it('offers the quick fix, suppressions, and fix-all; the fix removes its finding', async () => {
    const diags = client.published.get(impactUri)!.diagnostics;
    const d = diags.find((x) => x.code === 'factor-unrated')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: impactUri }, range: d.range, context: { diagnostics: [d] } });
    const titles = actions.map((a) => a.title);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.ok(preferred, `a preferred fix among ${titles.join(' | ')}`);
    assert.ok(titles.includes('Disable factor-unrated for this line'));
    assert.ok(titles.includes('Disable factor-unrated for this file'));
    // The fix adds the missing factor line with a prompt (never an answer): the finding moves onto it.
    const fixed = applyLspEdits(impactText, preferred.edit!.changes![impactUri]);
    assert.match(fixed, /- \*\*Environment:\*\*/);
    client.change(impactUri, 32, [{ text: fixed }]);
    const after = (await client.diagnosticsAt(impactUri, 32)).filter((x) => x.code === 'factor-unrated');
    assert.equal(after.length, 1);
    assert.ok(after[0].message !== d.message || after[0].range.start.line !== d.range.start.line, 'a finding on the inserted line, not the old one');

    const line = actions.find((a) => a.title === 'Disable factor-unrated for this line')!;
    assert.match(line.edit!.changes![impactUri][0].newText, /<!-- impact-notes-disable-next-line factor-unrated -->/);
    const file = actions.find((a) => a.title === 'Disable factor-unrated for this file')!;
    client.change(impactUri, 33, [{ text: applyLspEdits(impactText, file.edit!.changes![impactUri]) }]);
    assert.ok(!rules(await client.diagnosticsAt(impactUri, 33)).includes('factor-unrated'), 'suppressed for the file');
    client.change(impactUri, 34, [{ text: impactText }]);
    await client.diagnosticsAt(impactUri, 34);
  });

  it('offers suggestions beside the preferred fix', async () => {
    const yaml = fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8');
    const broken = yaml.replace('contact: mailto:', 'contcat: mailto:');
    const uri = client.open(path.join(dir, 'release.yaml'), broken, 1);
    const diags = await client.diagnosticsAt(uri, 1);
    const d = diags.find((x) => x.code === 'schema-violation' && /contcat/.test(x.message))!;
    assert.ok(d, `schema-violation for 'contcat' in ${JSON.stringify(rules(diags))}`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const rename = actions.find((a) => /contact/.test(a.title) && !a.title.startsWith('Disable'));
    assert.ok(rename, `a did-you-mean suggestion among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(!rename.isPreferred, 'a suggestion is not preferred');
    client.change(uri, 2, [{ text: applyLspEdits(broken, rename.edit!.changes![uri]) }]);
    assert.ok(!(await client.diagnosticsAt(uri, 2)).some((x) => /contcat/.test(x.message)));
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('source.fixAll.impactNotes returns the core’s fix-all for the document', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: impactUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.impactNotes'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.impactNotes');
    const after = applyLspEdits(impactText, actions[0].edit!.changes![impactUri]);
    assert.notEqual(after, impactText);
    client.change(impactUri, 35, [{ text: after }]);
    const diags = await client.diagnosticsAt(impactUri, 35);
    assert.match(after, /- \*\*Environment:\*\*/, 'the missing factor line is added');
    assert.ok(diags.length > 0);
    const again = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: impactUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(again[0].edit, { changes: {} }, 'fix-all again changes nothing');
    client.change(impactUri, 36, [{ text: impactText }]);
    await client.diagnosticsAt(impactUri, 36);
  });

  it('hovers on taxonomy terms in IMPACT.md and on release.yaml keys', async () => {
    const lines = impactText.split('\n');
    const line = lines.findIndex((l) => l.includes('**Slottability:**'));
    const hover = await client.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
      textDocument: { uri: impactUri },
      position: { line, character: lines[line].indexOf('Slottability') + 3 },
    });
    assert.ok(hover, 'a hover on a path-to-harm factor');
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /Slottability/i);

    const yaml = fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8');
    const uri = client.open(path.join(dir, 'release.yaml'), yaml, 1);
    const ylines = yaml.split('\n');
    const yl = ylines.findIndex((l) => l.startsWith('withdrawal:') || l.startsWith('safeguards:'));
    const h2 = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: yl, character: 2 } });
    assert.ok(h2 && h2.contents.value.length > 20, 'a hover on a release.yaml key');
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('completes release.yaml values and keys', async () => {
    const yaml = fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8');
    const text = yaml.replace('distribution: { kind: public }\n  - id: corpus-manifest', 'distribution:\n      kind: \n  - id: corpus-manifest');
    assert.notEqual(text, yaml);
    const uri = client.open(path.join(dir, 'release.yaml'), text, 1);
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => l === '      kind: ' && lines[i - 1] === '    distribution:');
    const items = await client.request<{ label: string; textEdit?: { newText: string } }[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: lines[line].length },
    });
    const labels = items.map((i) => i.label);
    for (const v of ['public', 'ask-for-access', 'safety-levels', 'access-community']) assert.ok(labels.includes(v), `${v} in ${labels.join(', ')}`);
    const keys = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: lines.findIndex((l) => l.startsWith('safeguards:')) + 1, character: 2 } });
    assert.ok(keys.some((k) => k.label === 'referenceability'), `safeguard keys offered: ${keys.map((k) => k.label).join(', ')}`);
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('a request that throws is answered empty and logged; the server keeps serving', async () => {
    const res = await client.request<unknown>('textDocument/hover', { position: { line: 0, character: 0 } });
    assert.equal(res, null);
    await client.until('the failure in the log', () => client.logs.some((l) => /hover failed/.test(l)));
    const actions = await client.request<unknown>('textDocument/codeAction', { textDocument: { uri: impactUri } });
    assert.deepEqual(actions, []);
    assert.ok(client.alive);
    client.change(impactUri, 37, [{ text: impactText.replace('hgih', 'high') }]);
    assert.ok(!rules(await client.diagnosticsAt(impactUri, 37)).includes('invalid-value'));
    client.change(impactUri, 38, [{ text: impactText }]);
    assert.ok(rules(await client.diagnosticsAt(impactUri, 38)).includes('invalid-value'));
  });

  it('follows .impact-notes.yaml through didChangeWatchedFiles, and didChangeConfiguration', async () => {
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\nrules:\n  boilerplate-dismissal: off\n');
    const before = client.published.get(impactUri)!.count;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, '.impact-notes.yaml')), type: 2 }] });
    await client.until('a lint without boilerplate-dismissal', () => {
      const p = client.published.get(impactUri)!;
      return p.count > before && !rules(p.diagnostics).includes('boilerplate-dismissal');
    });
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\nrules:\n  placeholder-text: off\n');
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    await client.until('boilerplate-dismissal back, placeholder-text off', () => {
      const r = rules(client.published.get(impactUri)!.diagnostics);
      return r.includes('boilerplate-dismissal') && !r.includes('placeholder-text');
    });
  });

  it('reports problems in an open .impact-notes.yaml on that file, unsaved edits included', async () => {
    const file = path.join(dir, '.impact-notes.yaml');
    const uri = client.open(file, 'root: true\nrules:\n  no-such-rule: error\n', 1);
    const diags = await client.until('a config problem', () => {
      const p = client.published.get(uri);
      return p && p.diagnostics.length ? p.diagnostics : undefined;
    });
    assert.equal(diags[0].code, 'config');
    assert.equal(diags[0].range.start.line, 2);
    client.change(uri, 2, [{ text: 'root: true\n' }]);
    await client.until('the problem cleared', () => client.published.get(uri)!.diagnostics.length === 0);
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('looks for research artifacts again when files are created', async () => {
    const research = path.join(dir, 'extra-study');
    fs.mkdirSync(path.join(research, 'checkpoints'), { recursive: true });
    const ckpt = path.join(research, 'checkpoints', 'model.safetensors');
    fs.writeFileSync(ckpt, 'weights');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ckpt), type: 1 }] });
    await client.until('artifact-uncovered naming the new checkpoint', () =>
      client.published.get(releaseUri)?.diagnostics.some((d) => d.code === 'artifact-uncovered' && d.message.includes('extra-study/checkpoints/model.safetensors')),
    );
  });
});

describe('language server: discovery', function () {
  this.timeout(60000);
  it('publishes release-plan-missing on the artifact it names, with no file open', async () => {
    const dir = path.join(tmp, 'unplanned');
    fs.mkdirSync(path.join(dir, 'checkpoints'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\n');
    fs.writeFileSync(path.join(dir, 'checkpoints', 'model.safetensors'), 'weights');
    fs.writeFileSync(path.join(dir, 'train.py'), 'print("train")\n');
    const client = TestClient.start(cli, dir, { IMPACT_NOTES_TODAY: TODAY });
    try {
      await client.initialize(dir);
      const found = await client.until('release-plan-missing', () => {
        for (const [uri, p] of client.published) if (p.diagnostics.some((d) => d.code === 'release-plan-missing')) return uri;
        return undefined;
      });
      assert.ok(found.startsWith(uriOf(dir) + '/'), `published on a file in the folder: ${found}`);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: bad input and scale', function () {
  this.timeout(120000);
  let client: TestClient;
  let dir: string;

  before(async () => {
    dir = path.join(tmp, 'bad');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\nmaxFileSize: 3000000\n');
    client = TestClient.start(cli, dir, { IMPACT_NOTES_TODAY: TODAY });
    await client.initialize(dir, { initializationOptions: { debounceMs: 30, discovery: false } });
  });

  after(() => client?.kill());

  it('a release.yaml of another tool (no impact-release:, no IMPACT.md beside it) is left alone', async () => {
    const sub = path.join(dir, 'helm');
    fs.mkdirSync(sub);
    const text = 'apiVersion: v2\nreleases:\n  - name: web\n    chart: ./web\n';
    fs.writeFileSync(path.join(sub, 'release.yaml'), text);
    const uri = client.open(path.join(sub, 'release.yaml'), text);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }), null);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 4 } }), []);
    // A later document's diagnostics arrive; none ever came for the Helm file.
    const other = path.join(dir, 'helm-neighbour');
    fs.mkdirSync(other);
    const impact = client.open(path.join(other, 'IMPACT.md'), '# x\n');
    await client.diagnosticsAt(impact, 1);
    assert.equal(client.published.get(uri)?.diagnostics.length ?? 0, 0);
  });

  it('an alias bomb in release.yaml is a yaml-syntax finding, quickly', async () => {
    const sub = path.join(dir, 'bomb');
    fs.mkdirSync(sub);
    const lines = ['impact-release: 1', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const uri = client.open(path.join(sub, 'release.yaml'), lines.join('\n') + '\n');
    const diags = await client.diagnosticsAt(uri, 1);
    assert.ok(rules(diags).includes('yaml-syntax'), `yaml-syntax in ${rules(diags).join(', ')}`);
    const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 1 } });
    assert.ok(hover === null || typeof hover === 'object');
    assert.ok(client.alive);
  });

  it('binary content is reported, not parsed', async () => {
    const sub = path.join(dir, 'binary');
    fs.mkdirSync(sub);
    const uri = client.open(path.join(sub, 'IMPACT.md'), '\u0000\u0001PK\u0003\u0004'.repeat(2000));
    const diags = await client.diagnosticsAt(uri, 1);
    assert.ok(diags.length >= 1 && diags.every((d) => d.source === 'impact-notes'));
    assert.ok(diags.some((d) => /binary|not text|not checked/i.test(d.message)), diags.map((d) => d.message).join(' | '));
  });

  it('a document above maxFileSize is skipped with a finding, and gets no hover or completion work', async () => {
    const sub = path.join(dir, 'huge');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, '.impact-notes.yaml'), 'maxFileSize: 100000\n');
    const uri = client.open(path.join(sub, 'IMPACT.md'), '# x\n\n' + 'word '.repeat(40000));
    const diags = await client.diagnosticsAt(uri, 1);
    assert.deepEqual(rules(diags), ['file-skipped']);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } }), null);
  });

  it('a 1 MB IMPACT.md edited keystroke by keystroke keeps diagnostics current, with bounded memory', async () => {
    const sub = path.join(dir, 'big');
    fs.mkdirSync(sub);
    const base = fs.readFileSync(path.join(EXAMPLE, 'IMPACT.md'), 'utf8');
    let text = base;
    const filler = '\nMore notes on the listening study, kept for the record. '.repeat(20) + '\n';
    while (text.length < 1024 * 1024) text += `\n### Notes ${text.length}\n${filler}`;
    const uri = client.open(path.join(sub, 'IMPACT.md'), text);
    await client.diagnosticsAt(uri, 1, 60000);
    const start = client.memoryMb();
    // Type "TODO: check" at the end, one character per change, then more keystrokes in the middle.
    const typed = '\nTODO: check this';
    let lines = text.split('\n');
    let version = 1;
    for (const ch of typed) {
      const line = lines.length - 1;
      const character = lines[line].length;
      version++;
      client.change(uri, version, [{ range: { start: { line, character }, end: { line, character } }, text: ch }]);
      text += ch;
      lines = text.split('\n');
    }
    for (let i = 0; i < 150; i++) {
      version++;
      client.change(uri, version, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: i % 2 ? '' : ' ' }]);
      if (i % 2 === 0) lines[10] = ' ' + lines[10];
      else lines[10] = lines[10];
    }
    const diags = await client.diagnosticsAt(uri, version, 60000);
    const last = text.split('\n').length - 1;
    assert.ok(diags.some((d) => d.code === 'placeholder-text' && d.range.start.line === last), 'the TODO typed on the last line is found');
    const end = client.memoryMb();
    if (start && end) {
      console.log(`      server memory: ${start.rss.toFixed(0)} MB after opening, ${end.rss.toFixed(0)} MB after ${version - 1} keystrokes, peak ${end.peak.toFixed(0)} MB`);
      assert.ok(end.peak < 600, `peak memory ${end.peak.toFixed(0)} MB`);
      assert.ok(end.rss - start.rss < 300, `memory grew by ${(end.rss - start.rss).toFixed(0)} MB`);
    }
    assert.ok(client.alive);
  });
});

describe('language server: the CLI bundle', () => {
  it('does not carry the language server (lint does not load it)', () => {
    const text = fs.readFileSync(cli, 'utf8');
    assert.ok(!text.includes('vscode-languageserver') && !/createConnection/.test(text), 'dist/cli.js is free of vscode-languageserver');
    assert.ok(fs.readFileSync(path.join(path.dirname(cli), 'lsp.js'), 'utf8').includes('publishDiagnostics'));
  });
});
