// The extension-core commands, driven through the scripted prompt layer: New Impact Assessment…,
// Run Assessment…, Check Release Readiness, Create Release Plan for Folder, Show Rule Documentation.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CreatePlanResult, NewAssessmentResult, RunAssessmentResult } from '../../src/extension/assessment/assessment-commands';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { ReadinessResult } from '../../src/extension/readiness';
import {
  exists,
  getApi,
  MINIMAL_IMPACT,
  ourDiagnostics,
  pick,
  readText,
  removeFolder,
  ScriptedPrompts,
  tempFolder,
  waitFor,
  writeText,
  type PromptCall,
} from './core-helpers';

const ext = () => vscode.extensions.getExtension('impact-notes.impact-notes')!;

/** The repository (this bundle is dist/test/integration/commands.test.js), also in vsix mode. */
const REPO = vscode.Uri.file(path.resolve(__dirname, '..', '..', '..'));

/** Copies a folder of the repository (test fixtures) into the workspace. */
async function copyFixture(rel: string, to: vscode.Uri): Promise<void> {
  const from = vscode.Uri.joinPath(REPO, rel);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(from)) {
    const src = vscode.Uri.joinPath(from, name);
    const dst = vscode.Uri.joinPath(to, name);
    if (type & vscode.FileType.Directory) {
      await vscode.workspace.fs.createDirectory(dst);
      await copyFixture(path.posix.join(rel, name), dst);
    } else {
      await vscode.workspace.fs.writeFile(dst, await vscode.workspace.fs.readFile(src));
    }
  }
}

describe('extension core: commands', function () {
  let api: ImpactNotesApi;
  const folders: vscode.Uri[] = [];

  before(async () => {
    api = await getApi();
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    api.lintService.setTodayForTesting();
    for (const f of folders) await removeFolder(f);
  });

  async function folder(name: string): Promise<vscode.Uri> {
    const f = await tempFolder(name);
    folders.push(f);
    return f;
  }

  it('registers every command package.json contributes (one table, one registration path)', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (ext().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 25);
    for (const id of contributed) assert.ok(registered.has(id), `${id} is contributed but not registered`);
    const ours = [...registered].filter((id) => id.startsWith('impactNotes.') && !id.startsWith('impactNotes.assessments') && !id.startsWith('impactNotes.report'));
    for (const id of ours) assert.ok(contributed.includes(id), `${id} is registered but not in package.json`);
  });

  /** Answers the three New Assessment questions (modality, artifacts, review level). */
  function scaffoldAnswers(call: PromptCall): unknown {
    if (call.kind === 'quickPick' && /modality/i.test(call.text)) return [pick(call, 'audio')];
    if (call.kind === 'quickPick' && /artifacts/i.test(call.text)) return call.items!.filter((i) => i.picked);
    if (call.kind === 'quickPick' && /review level/i.test(call.text)) return pick(call, 'full');
    if (call.kind === 'info') return undefined;
    throw new Error(`unexpected prompt: ${call.kind} ${call.text}`);
  }

  it('New Impact Assessment… scaffolds both files with the detected artifacts', async () => {
    const dir = await folder('new');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'ckpt'));
    await writeText(vscode.Uri.joinPath(dir, 'ckpt', 'model.pt'), 'weights');
    await writeText(vscode.Uri.joinPath(dir, 'train.py'), 'print("train")\n');
    const fake = new ScriptedPrompts(scaffoldAnswers);
    api.prompts.use(fake);
    const r = (await vscode.commands.executeCommand('impactNotes.newAssessment', dir)) as NewAssessmentResult;
    assert.equal(r.created.length, 2);
    const impact = await readText(vscode.Uri.joinPath(dir, 'IMPACT.md'));
    const release = await readText(vscode.Uri.joinPath(dir, 'release.yaml'));
    assert.match(impact, /^- \*\*Modality:\*\* audio$/m);
    assert.match(release, /^impact-release: 1$/m);
    assert.match(release, /- id: weights\n\s+content: trained-model\n\s+paths: \["?ckpt\/\*\*"?\]/);
    assert.match(release, /- id: training-code\n\s+content: source-code\n\s+paths: \[train\.py\]/);
    assert.match(release, /level: full/);
    const artifactsCall = fake.calls.find((c) => /artifacts/i.test(c.text))!;
    assert.ok(artifactsCall.items!.some((i) => i.label === 'paper' && !i.picked));
    // The new pair is linted: placeholders, no structural errors.
    await waitFor(() => api.lintService.pairFor(vscode.Uri.joinPath(dir, 'IMPACT.md')) || undefined, 'the new pair to be linted');
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, vscode.Uri.joinPath(dir, 'IMPACT.md').path);
  });

  it('never overwrites: with both files present it opens them; with IMPACT.md only it adds release.yaml and offers the missing sections', async () => {
    const dir = await folder('keep');
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(impactUri, MINIMAL_IMPACT);
    const fake = new ScriptedPrompts((call) => {
      if (call.kind === 'info' && /already exists/.test(call.text)) return 'Add Missing Sections';
      return scaffoldAnswers(call);
    });
    api.prompts.use(fake);
    const r = (await vscode.commands.executeCommand('impactNotes.newAssessment', dir)) as NewAssessmentResult;
    assert.deepEqual(r.created.map((u) => path.posix.basename(u.path)), ['release.yaml']);
    assert.deepEqual(r.existing.map((u) => path.posix.basename(u.path)), ['IMPACT.md']);
    assert.equal(r.addedSections, true);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path === impactUri.path)!;
    assert.ok(doc.getText().startsWith(MINIMAL_IMPACT.split('## Benefits')[0]), 'the existing text was changed');
    assert.match(doc.getText(), /^## Path to harm$/m);
    await doc.save();

    // Second run: everything exists, nothing is asked but the notice, nothing changes.
    const before = { impact: await readText(impactUri), release: await readText(vscode.Uri.joinPath(dir, 'release.yaml')) };
    const fake2 = new ScriptedPrompts((call) => {
      if (call.kind === 'info') return undefined;
      throw new Error(`unexpected prompt: ${call.text}`);
    });
    api.prompts.use(fake2);
    const r2 = (await vscode.commands.executeCommand('impactNotes.newAssessment', dir)) as NewAssessmentResult;
    assert.equal(r2.created.length, 0);
    assert.equal(r2.existing.length, 2);
    assert.equal(await readText(impactUri), before.impact);
    assert.equal(await readText(vscode.Uri.joinPath(dir, 'release.yaml')), before.release);
    assert.ok(fake2.calls.some((c) => /every section|never overwritten/.test(c.text)));
  });

  it('New Impact Assessment… offers research folders, and Escape cancels without writing', async () => {
    const dir = await folder('pickme');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'checkpoints'));
    await writeText(vscode.Uri.joinPath(dir, 'checkpoints', 'a.safetensors'), 'w');
    const rel = vscode.workspace.asRelativePath(dir);
    const fake = new ScriptedPrompts((call) => {
      if (call.kind === 'quickPick' && /folder/i.test(call.text)) return pick(call, rel);
      return undefined; // Escape at the modality question
    });
    api.prompts.use(fake);
    const r = await vscode.commands.executeCommand('impactNotes.newAssessment');
    assert.equal(r, undefined);
    const folderCall = fake.calls[0];
    assert.ok(folderCall.items!.some((i) => i.description?.startsWith('workspace folder')));
    assert.ok(folderCall.items!.find((i) => i.label === rel)?.description?.includes('research files'));
    assert.equal(await exists(vscode.Uri.joinPath(dir, 'IMPACT.md')), false);
  });

  it('Run Assessment… writes answers, stops on Escape, and resumes where it stopped', async () => {
    const dir = await folder('run');
    api.prompts.use(new ScriptedPrompts(scaffoldAnswers));
    await vscode.commands.executeCommand('impactNotes.newAssessment', dir);
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');

    let asked = 0;
    const first = new ScriptedPrompts((call) => {
      if (call.kind === 'quickPick') {
        asked++;
        if (asked === 3) return undefined; // Escape on the third question
        return pick(call, asked === 1 ? 'yes' : 'no');
      }
      if (call.kind === 'inputBox') return `answer number ${asked} with reasons`;
      return undefined;
    });
    api.prompts.use(first);
    const r1 = (await vscode.commands.executeCommand('impactNotes.runAssessment', impactUri)) as RunAssessmentResult;
    assert.deepEqual(r1.answered, ['hazard:product', 'hazard:data']);
    assert.equal(r1.stopped, true);
    assert.equal(r1.alreadyAnswered, 0);
    // 3 hazards, 9 factors, the access-ratchet position and 2 indirect harms; 2 answered.
    assert.equal(r1.remaining.length, 13);
    // The whole question is shown, explaining the term in the project's words (definition + question).
    assert.ok(first.calls[0].items!.some((i) => /Product hazard \(hazard type\): The work yields software/.test(i.detail ?? '')));
    assert.match(String((first.calls[0].options as vscode.QuickPickOptions).title), /\(15 left\)/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path === impactUri.path)!;
    assert.match(doc.getText(), /### Product hazard\n- \*\*Applies:\*\* yes\n- \*\*Rationale:\*\* answer number 1 with reasons\n/);
    assert.ok(first.calls.some((c) => c.kind === 'info' && /paused after 2 answers; \d+ questions still open\. .*Still open: /.test(c.text)));

    // Resume: the two answered hazards are skipped; rate every factor.
    const factorRatings = new ScriptedPrompts((call) => {
      if (call.kind === 'quickPick') {
        const labels = call.items!.map((i) => i.label);
        return pick(call, labels.includes('unsure') ? 'unsure' : labels.includes('weaponized') ? 'attention' : 'medium');
      }
      if (call.kind === 'inputBox') return 'a reason written in the test';
      return undefined;
    });
    api.prompts.use(factorRatings);
    const r2 = (await vscode.commands.executeCommand('impactNotes.runAssessment', impactUri)) as RunAssessmentResult;
    assert.equal(r2.alreadyAnswered, 2);
    assert.equal(r2.answered[0], 'hazard:attention');
    // The remaining hazard, the nine factors, the ratchet position and both indirect harms.
    assert.equal(r2.answered.length, 13);
    assert.ok(r2.answered.includes('ratchet:access-ratchet') && r2.answered.includes('indirect:disinformation-ratchet'));
    assert.match(doc.getText(), /^- \*\*Position:\*\* attention$/m);
    assert.deepEqual(r2.remaining, []);
    assert.equal(r2.stopped, false);
    const ratingCall = factorRatings.calls.find((c) => c.kind === 'quickPick' && /Slottability/.test(c.text))!;
    assert.ok(ratingCall.items!.some((i) => i.label === 'high' && i.detail && i.detail.length > 10), 'the rating guide is shown');
    assert.match(doc.getText(), /^- \*\*Slottability:\*\* medium — a reason written in the test$/m);
    await waitFor(() => ourDiagnostics(impactUri, 'factor-unrated').length === 0 || undefined, 'no factor-unrated left');

    // Every answer is an undoable edit.
    await vscode.window.showTextDocument(doc);
    const withAll = doc.getText();
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() !== withAll || undefined, 'undo to take back the last answer');
    assert.ok(!/^- \*\*Sociotechnical path dependency:\*\* medium — a reason written in the test$/m.test(doc.getText()));
    await doc.save();
  });

  it('Check Release Readiness: a gate with the blocking findings, warnings blocking only when configured', async () => {
    const dir = await folder('ready');
    await copyFixture('test/fixtures/pairs/clean', dir);
    api.lintService.setTodayForTesting(new Date(Date.UTC(2026, 5, 1)));
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    const quiet = new ScriptedPrompts(() => undefined);
    api.prompts.use(quiet);
    const clean = (await vscode.commands.executeCommand('impactNotes.checkReleaseReadiness', impactUri)) as ReadinessResult;
    assert.equal(clean.scope, 'pair');
    assert.equal(clean.pairs, 1);
    assert.deepEqual(clean.blocking, [], clean.blocking.map((b) => b.rule).join(', '));
    assert.equal(clean.ready, true);
    assert.ok(quiet.calls.some((c) => c.kind === 'info' && /Ready for release/.test(c.text)));

    // A TODO left behind: placeholder-text is a warning; it blocks only once listed.
    const doc = await vscode.workspace.openTextDocument(impactUri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\n## Disagreements and trade-offs\n\nTODO\n'));
    const warnOnly = (await vscode.commands.executeCommand('impactNotes.checkReleaseReadiness', impactUri)) as ReadinessResult;
    const placeholder = api.lintService.pairFor(impactUri)!.result.findings.find((f) => f.rule === 'placeholder-text');
    assert.ok(placeholder, 'placeholder-text did not report the TODO');
    assert.equal(placeholder.severity, 'warning');
    assert.equal(warnOnly.ready, true);

    await vscode.workspace.getConfiguration('impactNotes').update('readiness.blockingWarnings', ['placeholder-text'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.lintService.currentSettings().readinessBlockingWarnings.length === 1 || undefined, 'the setting');
      const blocked = new ScriptedPrompts((call) => (call.kind === 'quickPick' ? call.items![0] : undefined));
      api.prompts.use(blocked);
      const r = (await vscode.commands.executeCommand('impactNotes.checkReleaseReadiness', impactUri)) as ReadinessResult;
      assert.equal(r.ready, false);
      assert.deepEqual(r.blocking.map((b) => b.rule), ['placeholder-text']);
      const listCall = blocked.calls.find((c) => c.kind === 'quickPick')!;
      assert.match(listCall.text, /Not ready for release/);
      // Picking the item reveals its range.
      const active = vscode.window.activeTextEditor!;
      assert.equal(active.document.uri.path, impactUri.path);
      assert.equal(active.selection.start.line, r.blocking[0].range.start.line);
    } finally {
      await vscode.workspace.getConfiguration('impactNotes').update('readiness.blockingWarnings', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await doc.save();
  });

  it('Check Release Readiness over the workspace lists errors from every pair', async () => {
    api.prompts.use(new ScriptedPrompts(() => undefined));
    const r = (await vscode.commands.executeCommand('impactNotes.checkReleaseReadiness', { scope: 'workspace' })) as ReadinessResult;
    assert.equal(r.scope, 'workspace');
    assert.ok(r.pairs >= 2, `only ${r.pairs} pair(s)`);
    assert.equal(r.ready, false, 'the example project has deliberate gaps');
    assert.ok(r.blocking.every((b) => b.severity === 'error'));
  });

  it('Create Release Plan for Folder takes the discovery artifacts, reads modality from IMPACT.md, never overwrites', async () => {
    const dir = await folder('plan');
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    const impactText = MINIMAL_IMPACT.replace('## Benefits', '## Capability and modality\n\n- **Modality:** video\n\n## Benefits');
    await writeText(impactUri, impactText);
    const fake = new ScriptedPrompts((call) => {
      if (call.kind === 'quickPick' && /review level/i.test(call.text)) return pick(call, 'expedited');
      throw new Error(`unexpected prompt: ${call.kind} ${call.text}`);
    });
    api.prompts.use(fake);
    const artifacts = [{ id: 'weights', content: 'trained-model', paths: ['ckpt/**'] }];
    const r = (await vscode.commands.executeCommand('impactNotes.createReleasePlan', dir, artifacts)) as CreatePlanResult;
    assert.deepEqual(r.created.map((u) => path.posix.basename(u.path)), ['release.yaml']);
    const release = await readText(vscode.Uri.joinPath(dir, 'release.yaml'));
    assert.match(release, /modality: \[video\]/);
    assert.match(release, /- id: weights\n\s+content: trained-model\n\s+paths: \["?ckpt\/\*\*"?\]/);
    assert.equal(await readText(impactUri), impactText);

    const again = new ScriptedPrompts((call) => (call.kind === 'info' ? undefined : assert.fail(call.text)));
    api.prompts.use(again);
    const r2 = (await vscode.commands.executeCommand('impactNotes.createReleasePlan', dir)) as CreatePlanResult;
    assert.equal(r2.created.length, 0);
    assert.equal(await readText(vscode.Uri.joinPath(dir, 'release.yaml')), release);
    assert.match(again.calls[0].text, /already has a release plan/);

    // A folder with nothing yet gets both files.
    const empty = await folder('plan-empty');
    api.prompts.use(new ScriptedPrompts(scaffoldAnswers));
    const r3 = (await vscode.commands.executeCommand('impactNotes.createReleasePlan', empty)) as CreatePlanResult;
    assert.deepEqual(r3.created.map((u) => path.posix.basename(u.path)).sort(), ['IMPACT.md', 'release.yaml']);
  });

  it('Show Rule Documentation picks a rule from a list', async () => {
    const fake = new ScriptedPrompts((call) => pick(call, 'missing-section'));
    api.prompts.use(fake);
    const uri = (await vscode.commands.executeCommand('impactNotes.showRuleDocumentation')) as vscode.Uri;
    assert.match(uri.path, /docs\/rules\/missing-section\.md$/);
    assert.ok(fake.calls[0].items!.length >= 10);
  });

  it('contributes the commands with a category, palette when clauses and the Explorer folder menu', () => {
    const pkg = ext().packageJSON as { contributes: { commands: { command: string; category?: string }[]; menus: Record<string, { command: string; when?: string }[]> } };
    const ids = ['newAssessment', 'runAssessment', 'lintWorkspace', 'checkReleaseReadiness', 'createReleasePlan', 'showRuleDocumentation'].map((c) => `impactNotes.${c}`);
    for (const id of ids) assert.equal(pkg.contributes.commands.find((c) => c.command === id)?.category, 'Impact Notes', id);
    const explorer = pkg.contributes.menus['explorer/context'].find((m) => m.command === 'impactNotes.createReleasePlan');
    assert.equal(explorer?.when, 'explorerResourceIsFolder');
  });
});
