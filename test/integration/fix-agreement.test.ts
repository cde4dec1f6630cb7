// Fix-all in the editor converges like the CLI's --fix: the Fix All command and fix-on-save
// (editor.codeActionsOnSave) leave exactly the text `impact-notes lint --fix` writes, on an empty
// IMPACT.md (more than ten fix passes) and on rule fixtures, one with both files of a pair.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runLintCommand } from '../../src/cli/lint';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { getApi, readText, removeFolder, tempFolder, waitFor, waitForRule, writeText } from './core-helpers';

/** The bundle runs from dist/test/integration. */
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
const TODAY = new Date(Date.UTC(2026, 5, 1));

/** What `impact-notes lint --fix` writes for these files (in a folder outside the workspace). */
async function cliFixed(files: Record<string, string>): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-cli-fix-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    await runLintCommand({ cwd: dir, paths: [], fix: true, today: TODAY, discovery: false });
    return Object.fromEntries(Object.keys(files).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function fixture(rel: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['IMPACT.md', 'release.yaml']) {
    const file = path.join(FIXTURES, rel, name);
    if (fs.existsSync(file)) out[name] = fs.readFileSync(file, 'utf8');
  }
  return out;
}

function openText(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText();
}

describe('extension core: fix-all converges like --fix', function () {
  let api: ImpactNotesApi;
  let dir: vscode.Uri;

  before(async () => {
    api = await getApi();
    api.lintService.setTodayForTesting(TODAY);
  });

  after(() => {
    api.lintService.setTodayForTesting();
  });

  afterEach(async () => {
    if (dir) await removeFolder(dir);
  });

  const commandCases: [string, Record<string, string>][] = [
    ['an empty IMPACT.md', { 'IMPACT.md': '' }],
    ['a pair whose plan fix needs the assessment (safeguard-status-missing/bad-modality-from-impact)', fixture('safeguard-status-missing/bad-modality-from-impact')],
    ['CRLF line breaks (factor-unrated/bad-crlf-aliases)', fixture('factor-unrated/bad-crlf-aliases')],
    ['a lone plan (timing-incomplete/bad-flow)', fixture('timing-incomplete/bad-flow')],
  ];

  for (const [name, files] of commandCases) {
    it(`the Fix All command gives --fix's texts: ${name}`, async () => {
      assert.ok(Object.keys(files).length, 'fixture not found');
      const want = await cliFixed(files);
      dir = await tempFolder('fix-agree');
      for (const [file, text] of Object.entries(files)) await writeText(vscode.Uri.joinPath(dir, file), text);
      const first = vscode.Uri.joinPath(dir, Object.keys(files)[0]);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(first));
      await waitFor(() => api.lintService.pairFor(first), 'the pair to be linted');
      assert.equal(await vscode.commands.executeCommand('impactNotes.fixAll', first), true);
      for (const file of Object.keys(files)) {
        const uri = vscode.Uri.joinPath(dir, file);
        assert.notEqual(want[file], files[file], `${file}: --fix changed nothing, the case tests nothing`);
        await waitFor(() => openText(uri) === want[file] || undefined, `${file} to hold --fix's text`, 10000).catch(() => undefined);
        assert.equal(openText(uri), want[file], `${file} after Fix All differs from --fix`);
      }
    });
  }

  it('fix-on-save gives --fix\'s text on an empty IMPACT.md', async () => {
    const want = (await cliFixed({ 'IMPACT.md': '' }))['IMPACT.md'];
    dir = await tempFolder('fix-agree-save');
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(impactUri, '');
    const scoped = () => vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    await scoped().update('codeActionsOnSave', { 'source.fixAll.impactNotes': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(impactUri));
      await waitForRule(impactUri, 'missing-section');
      // Dirty but still empty: a space typed and deleted (the save runs the code actions on save).
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), ' '));
      await editor.edit((b) => b.delete(new vscode.Range(0, 0, 0, 1)));
      assert.equal(editor.document.getText(), '');
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(async () => (await readText(impactUri)) === want || undefined, 'the saved file to hold --fix\'s text').catch(() => undefined);
      assert.equal(await readText(impactUri), want);
    } finally {
      await scoped().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      await waitFor(() => scoped().inspect('codeActionsOnSave')?.workspaceLanguageValue === undefined || undefined, 'codeActionsOnSave to be reset');
    }
  });
});
