// Provenance in a real VS Code: a sample added to samples/ gets its content-credentials-missing
// finding without a reload; checksums are checked only on demand (the command, saving the plan),
// and the quick fix writes the current digest.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { TreeApi } from '../../src/extension/tree';
import type { ReportApi } from '../../src/extension/report';
import { getApi, ourDiagnostics, removeFolder, tempFolder, waitFor, writeText } from './core-helpers';

/** The fixture media (test/fixtures/provenance/media); the bundle runs from dist/test/integration. */
function media(name: string): Uint8Array {
  const candidates = [path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'provenance', 'media', name)];
  const found = candidates.find((c) => fs.existsSync(c));
  assert.ok(found, `fixture ${name} not found`);
  return fs.readFileSync(found);
}

const PLAN = `impact-release: 1
artifacts:
  - id: demo-samples
    content: samples
    paths: [samples/**]
    timing: { kind: immediate }
    distribution: { kind: public }
  - id: weights
    content: trained-model
    paths: [model.bin]
    sha256: ${createHash('sha256').update('weights v0').digest('hex')}  # to be checked
    timing: { kind: immediate }
    distribution: { kind: private, reason: internal }
safeguards:
  detectability: { status: implemented, content-credentials: c2pa }
`;

describe('provenance', function () {
  let api: ImpactNotesApi;
  let folder: vscode.Uri;

  before(async () => {
    api = await getApi();
    folder = await tempFolder('provenance');
  });
  after(async () => {
    await removeFolder(folder);
  });

  const messages = (uri: vscode.Uri, rule: string) => ourDiagnostics(uri, rule).map((d) => d.message);

  it('a sample added to samples/ gets its finding without a reload; checksums wait for the command', async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'samples', 'generated.png'), media('generated.png'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'model.bin'), new TextEncoder().encode('weights v1'));
    const plan = vscode.Uri.joinPath(folder, 'release.yaml');
    await writeText(plan, PLAN);
    await vscode.window.showTextDocument(plan);
    // The marked sample, signed with the public C2PA test certificate: an info note only.
    await waitFor(() => messages(plan, 'content-credentials-missing').some((m) => m.includes('samples/generated.png')), 'the note on generated.png', 60000);
    assert.ok(ourDiagnostics(plan, 'content-credentials-missing').every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    assert.deepEqual(messages(plan, 'artifact-checksum-mismatch'), [], 'no hashing before it is asked for');

    // A sample without credentials appears: its error arrives through the file watcher.
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'samples', 'plain.png'), media('plain.png'));
    const err = await waitFor(
      () => ourDiagnostics(plan, 'content-credentials-missing').find((d) => d.message.includes('samples/plain.png')),
      'content-credentials-missing on samples/plain.png',
    );
    assert.equal(err.severity, vscode.DiagnosticSeverity.Error);
    assert.match(err.message, /carries no C2PA Content Credentials/);

    // The tree lists the sample without credentials.
    const tree = api.features.tree as TreeApi;
    const node = await waitFor(
      () => tree.provider.roots().find((n) => n.id === 'provenance::samples')?.children?.find((c) => c.label === 'samples/plain.png' || c.children?.some((x) => x.label === 'samples/plain.png')),
      'samples/plain.png under Samples without credentials',
    );
    assert.ok(node);

    // The report panel's Provenance section: how many samples are credentialed, and which are not.
    await vscode.commands.executeCommand('impactNotes.openReport', plan);
    const reports = api.features.report as ReportApi;
    const section = await waitFor(
      () => reports.panels().find((p) => p.state.releaseUri?.toString() === plan.toString())?.html.match(/<section id="provenance">[\s\S]*?<\/section>/)?.[0],
      'the Provenance section in the report panel',
      60000,
    );
    assert.match(String(section), /samples\/plain\.png/);

    // On demand: the command hashes model.bin.
    await vscode.commands.executeCommand('impactNotes.checkProvenance');
    const sum = await waitFor(() => ourDiagnostics(plan, 'artifact-checksum-mismatch')[0], 'artifact-checksum-mismatch after the command');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', plan, sum.range);
    const fix = actions.find((a) => /Write the current SHA-256/.test(a.title));
    assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    const doc = await vscode.workspace.openTextDocument(plan);
    const digest = createHash('sha256').update('weights v1').digest('hex');
    assert.ok(doc.getText().includes(`sha256: ${digest}  # to be checked`), 'the digest is written, the comment kept');
    await doc.save();
    await waitFor(() => ourDiagnostics(plan, 'artifact-checksum-mismatch').length === 0 || undefined, 'the checksum finding to leave after saving');
  });
});
