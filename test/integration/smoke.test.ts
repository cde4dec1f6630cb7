// Smallest possible proof that the suite runs inside a real VS Code extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('integration harness smoke test', () => {
  it('runs inside VS Code 1.x', () => {
    assert.match(vscode.version, /^1\./);
  });

  it('has exactly one workspace folder open', () => {
    const folders = vscode.workspace.workspaceFolders;
    assert.ok(folders, 'no workspace folder is open');
    assert.equal(folders.length, 1);
  });
});
