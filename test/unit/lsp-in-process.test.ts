/**
 * The language server started in this process (TestClient.inProcess), for what the command line
 * cannot set up: a test rule whose fix would turn a heading of IMPACT.md into text. The server must
 * not offer it as a quick fix, and its fix-all must leave it out (core/fix.ts, fixKeepsHeadings).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../src/core/rules';
import { defineImpactRule } from '../../src/core/rules/define';
import { TestClient, type LspDiagnostic } from './lsp-client';

interface CodeAction {
  title: string;
  kind?: string;
  edit?: { changes?: Record<string, { range: LspDiagnostic['range']; newText: string }[]> };
}

/** Writes `glued` on the line right above `Setext title` / `---`, which makes that line the heading's first. */
const GLUE = defineImpactRule({
  meta: { name: 'test-glue', description: 'A test rule.', defaultSeverity: 'warning', fixable: true },
  check(ctx) {
    const text = ctx.impact.source.text;
    const at = text.indexOf('Setext title\n---');
    if (at < 0) return;
    const range = { start: at, end: at + 'Setext title'.length };
    ctx.report({ message: 'Glue me.', file: 'impact', range, fix: { title: 'Glue above the heading', edits: [{ file: 'impact', range: { start: at, end: at }, newText: 'glued\n' }] } });
  },
});

describe('language server in process: a fix that would turn a heading into text', function () {
  this.timeout(60000);
  let tmp: string;
  let client: TestClient | undefined;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-lsp-in-process-'));
  });

  after(() => {
    client?.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is not offered as a quick fix, and fix-all leaves it out', async () => {
    fs.writeFileSync(path.join(tmp, '.impact-notes.yaml'), 'root: true\n');
    const file = path.join(tmp, 'IMPACT.md');
    fs.writeFileSync(file, '# T\n\n## Summary\n\nA study.\n\nSetext title\n---\n\nText.\n');
    client = TestClient.inProcess({ rules: [...allRules, GLUE], today: () => new Date('2026-06-01T00:00:00Z') });
    await client.initialize(tmp);
    const uri = client.open(file);
    const d = (await client.diagnosticsAt(uri, 1)).find((x) => x.code === 'test-glue');
    assert.ok(d, 'the test rule reports');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable test-glue for this line'), titles.join(' | '));
    assert.ok(!titles.includes('Glue above the heading'), `the fix was offered: ${titles.join(' | ')}`);
    const all = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.impactNotes'] },
    });
    const edits = all.find((a) => a.kind === 'source.fixAll.impactNotes')?.edit?.changes?.[uri] ?? [];
    assert.ok(edits.length > 0, 'fix-all has the other fixes');
    assert.ok(edits.every((e) => !e.newText.includes('glued')), JSON.stringify(edits));
  });
});
