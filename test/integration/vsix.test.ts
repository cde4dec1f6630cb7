// Only in vsix mode (scripts/test-vsix.sh, or run-vscode-tests.sh --vsix): the packaged extension
// is the one installed in code-server's extensions folder, it activates, and it carries exactly the
// runtime files (.vscodeignore is an allow-list).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, exists, getApi, ourDiagnostics, waitFor, wsUri } from './core-helpers';

describe('packaged extension (vsix)', function () {
  before(function () {
    if (process.env.VSCODE_TEST_MODE !== 'vsix') this.skip();
  });

  it('is installed from the .vsix, activates, and lints', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the packaged extension is not installed');
    const dir = process.env.VSCODE_TEST_EXTENSIONS_DIR;
    assert.ok(dir && ext.extensionPath.startsWith(path.resolve(dir) + path.sep), `running from ${ext.extensionPath}, not from the extensions folder`);
    const api = await getApi();
    const uri = wsUri('IMPACT.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => ourDiagnostics(uri).length > 0 || undefined, 'diagnostics from the packaged extension');
    assert.ok(api.lintService.pairFor(uri));
  });

  it('holds the bundle, the rule pages and the media, and no sources, tests or node_modules', async () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    for (const rel of ['package.json', 'dist/extension.js', 'docs/rules/missing-section.md', 'schemas/release.schema.json', 'snippets/impact-md.json']) {
      assert.ok(await exists(vscode.Uri.joinPath(root, rel)), `${rel} is missing from the VSIX`);
    }
    // vsce renames these (LICENSE.txt, readme.md, changelog.md).
    const top = (await vscode.workspace.fs.readDirectory(root)).map(([n]) => n.toLowerCase());
    for (const re of [/^license/, /^readme\.md$/, /^changelog\.md$/]) assert.ok(top.some((n) => re.test(n)), `no ${re} in ${top.join(', ')}`);
    for (const rel of ['src', 'test', 'node_modules', 'scripts', 'examples', 'tsconfig.json', 'dist/cli.js', 'dist/test']) {
      assert.equal(await exists(vscode.Uri.joinPath(root, rel)), false, `${rel} should not be in the VSIX`);
    }
  });
});
