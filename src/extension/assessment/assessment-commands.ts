/**
 * The assessment commands: New Impact Assessment…, Run Assessment… and Create Release Plan for
 * Folder. Every question goes through the prompt layer (services.prompts), every change is an
 * undoable WorkspaceEdit, and nothing is ever overwritten.
 */
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import { uriExists } from '../workspace-files';
import { lint, todayUtc } from '../../core/engine';
import { parseImpact } from '../../core/impact/parse';
import { findRule } from '../../core/rules';
import { detectModalities } from '../../core/rules/helpers';
import { scaffold, ScaffoldError, type ScaffoldArtifact } from '../../core/scaffold';
import { sentenceCase } from '../../core/util/text-case';
import { MODALITIES, RATCHET_POSITIONS, RATINGS, REVIEW_LEVELS, type Term } from '../../core/taxonomy';
import { assessment, openQuestions } from '../../core/assessment/assessment-model';
import type { Rule } from '../../core/types';
import { fixAllTexts, minimalEdit } from '../code-actions';
import { isPairFileName } from '../lint-service';
import type { Services } from '../services';
import { detectArtifacts, type DetectedArtifact } from './artifacts';
import { questions, writeAnswer, type Question } from './answers';

const IMPACT = 'IMPACT.md';
const RELEASE = 'release.yaml';

/** A folder from a command argument: a folder as is, a file's folder, or undefined. */
async function folderArg(arg: unknown): Promise<vscode.Uri | undefined> {
  if (!(arg instanceof vscode.Uri)) return undefined;
  try {
    const st = await vscode.workspace.fs.stat(arg);
    return st.type & vscode.FileType.Directory ? arg : arg.with({ path: posix.dirname(arg.path) });
  } catch {
    return isPairFileName(arg) ? arg.with({ path: posix.dirname(arg.path) }) : arg;
  }
}

function eolSetting(folder: vscode.Uri): '\n' | '\r\n' {
  return vscode.workspace.getConfiguration('files', folder).get<string>('eol') === '\r\n' ? '\r\n' : '\n';
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

// ---- questions shared by the commands -------------------------------------------------------------

interface FolderItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
  /** 'new': ask for the name of a folder to create; 'browse': pick any folder in a dialog. */
  action?: 'new' | 'browse';
}

const RESEARCH_GLOB = '**/{*.pt,*.pth,*.ckpt,*.safetensors,*.onnx,*.gguf,*.h5,*.parquet,*.arrow,*.tfrecord,*.npz,train*.py,*_train.py,finetune*.py,train*.ipynb}';
const CONTAINER_DIRS = new Set(['checkpoints', 'checkpoint', 'ckpt', 'ckpts', 'weights', 'models', 'model', 'data', 'datasets', 'dataset', 'scripts', 'src']);

/** Workspace folders plus sub-folders that hold research files (weights, data, training scripts). */
export async function researchFolders(token?: vscode.CancellationToken): Promise<FolderItem[]> {
  const roots = vscode.workspace.workspaceFolders ?? [];
  const items = new Map<string, FolderItem>();
  for (const f of roots) items.set(f.uri.toString(), { label: f.name, description: 'workspace folder', uri: f.uri });
  const found = await vscode.workspace.findFiles(RESEARCH_GLOB, '**/{node_modules,.git,.venv,venv,__pycache__,site-packages}/**', 500, token);
  for (const file of found) {
    let dir = file.with({ path: posix.dirname(file.path) });
    if (CONTAINER_DIRS.has(posix.basename(dir.path).toLowerCase())) dir = dir.with({ path: posix.dirname(dir.path) });
    const key = dir.toString();
    if (items.has(key)) continue;
    items.set(key, { label: vscode.workspace.asRelativePath(dir, roots.length > 1), description: 'has research files', uri: dir });
  }
  const list = [...items.values()];
  for (const item of list) {
    const has = await uriExists(vscode.Uri.joinPath(item.uri, IMPACT));
    if (has) item.description = `${item.description}, has ${IMPACT}`;
  }
  return list.sort((a, b) => (a.uri.path < b.uri.path ? -1 : 1));
}

/** What is wrong with a new folder's name (relative to a workspace folder), or undefined. */
export function newFolderProblem(name: string): string | undefined {
  const rel = name.trim().replace(/\/+$/, '');
  if (!rel) return 'Type the name of the new folder.';
  if (rel.startsWith('/') || rel.includes('\\') || /^[A-Za-z]:/.test(rel)) return 'Give a path relative to the workspace folder, with / between folders.';
  if (rel.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return 'The path cannot contain empty, "." or ".." parts.';
  return undefined;
}

async function newFolder(services: Services, title: string, base: vscode.Uri): Promise<vscode.Uri | undefined> {
  const name = await services.prompts.showInputBox({
    title,
    prompt: `Name of the new folder, inside ${posix.basename(base.path) || base.toString()} (an existing empty folder is fine too)`,
    placeHolder: 'my-study',
    validateInput: newFolderProblem,
    ignoreFocusOut: true,
  });
  if (name === undefined) return undefined;
  const problem = newFolderProblem(name);
  if (problem) {
    void services.prompts.showErrorMessage(`Impact Notes: ${problem}`);
    return undefined;
  }
  const uri = vscode.Uri.joinPath(base, ...name.trim().replace(/\/+$/, '').split('/'));
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (!(st.type & vscode.FileType.Directory)) {
      void services.prompts.showErrorMessage(`Impact Notes: ${vscode.workspace.asRelativePath(uri)} is a file, not a folder.`);
      return undefined;
    }
  } catch {
    await vscode.workspace.fs.createDirectory(uri);
  }
  return uri;
}

async function pickFolder(services: Services, title: string): Promise<vscode.Uri | undefined> {
  const items = await researchFolders();
  if (!items.length) {
    void services.prompts.showWarningMessage('Impact Notes: open a folder first.');
    return undefined;
  }
  const base = items.find((i) => i.description === 'workspace folder')?.uri ?? items[0].uri;
  // Always shown, whatever is typed: a new folder, or any folder (an empty one too) from a dialog.
  items.push(
    { label: '$(new-folder) New folder…', description: 'create a folder for the assessment', alwaysShow: true, uri: base, action: 'new' },
    { label: '$(folder-opened) Choose a folder…', description: 'any folder, including an empty one', alwaysShow: true, uri: base, action: 'browse' },
  );
  const picked = await services.prompts.showQuickPick(items, { title, placeHolder: 'Which folder holds the research (code, data, checkpoints)? Or make a new one.', ignoreFocusOut: true });
  if (picked?.action === 'new') return newFolder(services, title, picked.uri);
  if (picked?.action === 'browse') {
    const chosen = await services.prompts.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: picked.uri, openLabel: 'Use This Folder' });
    return chosen?.[0];
  }
  return picked?.uri;
}

async function pickModalities(services: Services, title: string, preset: readonly string[]): Promise<string[] | undefined> {
  const items = MODALITIES.map((t) => ({ label: t.id, description: t.label, detail: t.definition, picked: preset.includes(t.id) }));
  const picked = await services.prompts.showQuickPick(items, { title, placeHolder: 'Which media does the method produce or alter? (pick all that apply)', canPickMany: true, ignoreFocusOut: true });
  return picked?.map((p) => p.label);
}

async function pickArtifacts(services: Services, title: string, detected: readonly DetectedArtifact[]): Promise<ScaffoldArtifact[] | undefined> {
  type Item = vscode.QuickPickItem & { artifact: ScaffoldArtifact };
  const items: Item[] = detected.map((a) => ({ label: a.label, detail: a.detail, picked: true, artifact: { id: a.id, content: a.content, paths: a.paths } }));
  if (!detected.some((a) => a.content === 'paper')) items.push({ label: 'paper', detail: 'The paper itself (add its path later)', picked: false, artifact: { id: 'paper', content: 'paper', paths: [] } });
  const picked = await services.prompts.showQuickPick(items, {
    title,
    placeHolder: detected.length ? 'Artifacts found in this folder: which may be released? (each gets a cautious, withheld default)' : 'No checkpoints, data or training scripts found here. Add the paper?',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked?.map((p) => p.artifact);
}

async function pickReviewLevel(services: Services, title: string): Promise<string | undefined> {
  const items = REVIEW_LEVELS.map((t) => ({ label: t.id, description: t.label, detail: t.definition }));
  const picked = await services.prompts.showQuickPick(items, { title, placeHolder: 'Which review does this work need before release?', ignoreFocusOut: true });
  return picked?.label;
}

/** Opens the files as editors; the first one ends up active. */
async function openAll(uris: readonly vscode.Uri[]): Promise<void> {
  for (const uri of [...uris].reverse()) {
    await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Active });
  }
}

/** Adds the sections IMPACT.md is missing (missing-section's fixes), as one undoable edit. */
export async function addMissingSections(services: Services, impactUri: vscode.Uri): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(impactUri);
  const rule = findRule('missing-section');
  if (!rule) return false;
  const texts = fixAllTexts({ impact: { path: IMPACT, text: doc.getText() }, rules: [rule as Rule] }, ['impact']);
  if (texts.impact === undefined) return false;
  const edit = new vscode.WorkspaceEdit();
  minimalEdit(doc, doc.getText(), texts.impact, edit);
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok) await services.lintService.lintUri(impactUri);
  return ok;
}

// ---- New Impact Assessment… -------------------------------------------------------------------

export interface NewAssessmentResult {
  folder: vscode.Uri;
  created: vscode.Uri[];
  /** Files that were there already (never overwritten). */
  existing: vscode.Uri[];
  addedSections: boolean;
}

export async function newAssessment(services: Services, arg?: unknown): Promise<NewAssessmentResult | undefined> {
  const title = 'New Impact Assessment';
  const folder = (await folderArg(arg)) ?? (await pickFolder(services, `${title}: folder`));
  if (!folder) return undefined;
  const impactUri = vscode.Uri.joinPath(folder, IMPACT);
  const releaseUri = vscode.Uri.joinPath(folder, RELEASE);
  const existing: vscode.Uri[] = [];
  if (await uriExists(impactUri)) existing.push(impactUri);
  if ((await uriExists(releaseUri)) || (await uriExists(vscode.Uri.joinPath(folder, 'release.yml')))) existing.push(releaseUri);
  const where = vscode.workspace.asRelativePath(folder);

  if (existing.length === 2) {
    await openAll([impactUri, releaseUri]);
    return { folder, created: [], existing, addedSections: await offerMissingSections(services, impactUri, where) };
  }

  let preset: string[] = [];
  if (existing.includes(impactUri)) preset = detectModalities(parseImpact(IMPACT, (await vscode.workspace.openTextDocument(impactUri)).getText()), undefined);
  const modality = await pickModalities(services, `${title} (1/3): modality`, preset);
  if (!modality) return undefined;
  const detected = await detectArtifacts(folder, services.lintService.currentSettings());
  const artifacts = await pickArtifacts(services, `${title} (2/3): artifacts`, detected);
  if (!artifacts) return undefined;
  const reviewLevel = await pickReviewLevel(services, `${title} (3/3): review level`);
  if (!reviewLevel) return undefined;

  const created = await writeScaffold(services, folder, { modality, artifacts, reviewLevel }, existing);
  if (!created) return undefined;
  await openAll([impactUri, releaseUri]);
  const addedSections = existing.includes(impactUri) ? await offerMissingSections(services, impactUri, where) : false;
  services.log.info(`new assessment in ${where}: created ${created.map((u) => posix.basename(u.path)).join(', ') || 'nothing'}`);
  return { folder, created, existing, addedSections };
}

async function offerMissingSections(services: Services, impactUri: vscode.Uri, where: string): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(impactUri);
  const rule = findRule('missing-section');
  const missing = rule ? lint({ impact: { path: IMPACT, text: doc.getText() }, rules: [rule] }).findings.length : 0;
  if (!missing) {
    void services.prompts.showInformationMessage(`${where}/${IMPACT} already exists and has every section. Nothing was overwritten.`);
    return false;
  }
  const add = 'Add Missing Sections';
  const answer = await services.prompts.showInformationMessage(`${where}/${IMPACT} already exists (it is never overwritten). It is missing ${missing} section${missing === 1 ? '' : 's'}: add them?`, add);
  return answer === add ? addMissingSections(services, impactUri) : false;
}

/** Creates the scaffolded files that do not exist yet (one undoable edit); returns what it created. */
async function writeScaffold(
  services: Services,
  folder: vscode.Uri,
  answers: { modality: string[]; artifacts: ScaffoldArtifact[]; reviewLevel: string; contact?: string },
  existing: readonly vscode.Uri[],
): Promise<vscode.Uri[] | undefined> {
  let files;
  try {
    files = scaffold({ title: posix.basename(folder.path), ...answers, today: todayUtc(), eol: eolSetting(folder) });
  } catch (err) {
    if (err instanceof ScaffoldError) {
      void services.prompts.showErrorMessage(`Impact Notes: ${err.message}`);
      return undefined;
    }
    throw err;
  }
  const edit = new vscode.WorkspaceEdit();
  const created: vscode.Uri[] = [];
  const impactUri = vscode.Uri.joinPath(folder, IMPACT);
  const releaseUri = vscode.Uri.joinPath(folder, RELEASE);
  const has = (u: vscode.Uri) => existing.some((e) => e.toString() === u.toString());
  if (!has(impactUri)) {
    edit.createFile(impactUri, { ignoreIfExists: true, contents: encode(files.impact) });
    created.push(impactUri);
  }
  if (!has(releaseUri)) {
    edit.createFile(releaseUri, { ignoreIfExists: true, contents: encode(files.release) });
    created.push(releaseUri);
  }
  if (!created.length) return [];
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not create ${created.map((u) => vscode.workspace.asRelativePath(u)).join(' and ')}`);
  await services.lintService.lintUri(folder);
  return created;
}

// ---- Create Release Plan for Folder ------------------------------------------------------------

export interface CreatePlanResult {
  folder: vscode.Uri;
  created: vscode.Uri[];
  existing: vscode.Uri[];
}

/** Called from the Explorer (a folder), the palette, or discovery with the artifacts it detected. */
export async function createReleasePlan(services: Services, arg?: unknown, given?: unknown): Promise<CreatePlanResult | undefined> {
  const title = 'Create Release Plan';
  const folder = (await folderArg(arg)) ?? (await pickFolder(services, `${title}: folder`));
  if (!folder) return undefined;
  const impactUri = vscode.Uri.joinPath(folder, IMPACT);
  const releaseUri = vscode.Uri.joinPath(folder, RELEASE);
  const where = vscode.workspace.asRelativePath(folder);
  const existing: vscode.Uri[] = [];
  for (const name of [RELEASE, 'release.yml']) {
    const u = vscode.Uri.joinPath(folder, name);
    if (await uriExists(u)) existing.push(u);
  }
  if (existing.length) {
    await vscode.window.showTextDocument(existing[0]);
    void services.prompts.showInformationMessage(`${where} already has a release plan (${posix.basename(existing[0].path)}); it was not changed.`);
    return { folder, created: [], existing };
  }
  const hasImpact = await uriExists(impactUri);
  if (hasImpact) existing.push(impactUri);

  let modality: string[] | undefined;
  if (hasImpact) modality = detectModalities(parseImpact(IMPACT, (await vscode.workspace.openTextDocument(impactUri)).getText()), undefined);
  if (!modality?.length) modality = await pickModalities(services, `${title}: modality`, []);
  if (!modality) return undefined;

  let artifacts: ScaffoldArtifact[] | undefined = validArtifacts(given);
  if (!artifacts) {
    artifacts = await pickArtifacts(services, `${title}: artifacts`, await detectArtifacts(folder, services.lintService.currentSettings()));
    if (!artifacts) return undefined;
  }
  const reviewLevel = await pickReviewLevel(services, `${title}: review level`);
  if (!reviewLevel) return undefined;
  const created = await writeScaffold(services, folder, { modality, artifacts, reviewLevel }, existing);
  if (!created) return undefined;
  if (created.length) await openAll([releaseUri, ...created.filter((u) => u.toString() !== releaseUri.toString())]);
  services.log.info(`release plan for ${where}: created ${created.map((u) => posix.basename(u.path)).join(', ')}`);
  return { folder, created, existing };
}

function validArtifacts(v: unknown): ScaffoldArtifact[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: ScaffoldArtifact[] = [];
  for (const a of v) {
    if (!a || typeof a !== 'object') return undefined;
    const { id, content, paths } = a as Record<string, unknown>;
    if (typeof id !== 'string' || typeof content !== 'string') return undefined;
    out.push({ id, content, paths: Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [] });
  }
  return out;
}

// ---- Run Assessment… -----------------------------------------------------------------------------

export interface RunAssessmentResult {
  impactUri?: vscode.Uri;
  /** `hazard:product`, `factor:slottability`… answered in this run. */
  answered: string[];
  /** Questions already answered before this run (skipped). */
  alreadyAnswered: number;
  /** Questions still open when the run ended. */
  remaining: string[];
  stopped: boolean;
}

const key = (q: Question) => `${q.kind}:${q.term.id}`;
const SKIP = '$(debug-step-over) Skip for now';

const APPLIES_ITEMS: { label: string; detail: string }[] = [
  { label: 'yes', detail: 'This hazard applies to the work.' },
  { label: 'no', detail: 'It does not apply; the rationale says why.' },
  { label: 'unsure', detail: 'Not decided yet; the rationale says what would settle it.' },
];

function valueItems(q: Question): vscode.QuickPickItem[] {
  if (q.kind === 'hazard') return APPLIES_ITEMS.map((i) => ({ ...i, picked: q.current.value === i.label, description: q.current.value === i.label ? '(current)' : undefined }));
  if (q.kind === 'ratchet') return RATCHET_POSITIONS.map((t) => ({ label: t.id, description: q.current.value === t.id ? '(current)' : undefined, detail: t.definition }));
  const guide = q.term.ratingGuide as Record<string, string> | undefined;
  return RATINGS.map((r: Term) => ({
    label: r.id,
    description: q.current.value === r.id ? '(current)' : undefined,
    detail: guide?.[r.id] ?? r.definition,
  }));
}

function describe(q: Question): string {
  const what =
    q.kind === 'hazard' ? 'hazard type' : q.kind === 'ratchet' ? 'access ratchet, §2.3' : q.kind === 'indirect' ? 'indirect harm, §2.4' : `path-to-harm factor, ${q.stage!.label.toLowerCase()} stage`;
  return `${sentenceCase(q.term.label)} (${what}): ${q.term.definition}${q.term.question ? ` ${q.term.question}` : ''}`;
}

async function pickImpact(services: Services, arg: unknown): Promise<vscode.Uri | undefined> {
  const fromArg = await folderArg(arg);
  if (fromArg) return vscode.Uri.joinPath(fromArg, IMPACT);
  const active = vscode.window.activeTextEditor?.document.uri;
  const state = active ? services.lintService.pairFor(active) : undefined;
  if (state?.impactUri) return state.impactUri;
  let pairs = services.lintService.pairs().filter((p) => p.impactUri);
  if (!pairs.length) {
    await services.lintService.lintWorkspace();
    pairs = services.lintService.pairs().filter((p) => p.impactUri);
  }
  if (pairs.length === 1) return pairs[0].impactUri;
  if (!pairs.length) {
    const create = 'New Impact Assessment…';
    const a = await services.prompts.showInformationMessage('There is no IMPACT.md in this workspace yet.', create);
    if (a === create) await vscode.commands.executeCommand('impactNotes.newAssessment');
    return undefined;
  }
  const picked = await services.prompts.showQuickPick(
    pairs.map((p) => ({ label: vscode.workspace.asRelativePath(p.impactUri!), uri: p.impactUri! })),
    { title: 'Run Assessment: which assessment?', ignoreFocusOut: true },
  );
  return picked?.uri;
}

export async function runAssessment(services: Services, arg?: unknown): Promise<RunAssessmentResult | undefined> {
  const impactUri = await pickImpact(services, arg);
  if (!impactUri) return undefined;
  if (!(await uriExists(impactUri))) {
    void services.prompts.showWarningMessage(`${vscode.workspace.asRelativePath(impactUri)} does not exist: run New Impact Assessment… first.`);
    return { impactUri, answered: [], alreadyAnswered: 0, remaining: [], stopped: true };
  }
  const doc = await vscode.workspace.openTextDocument(impactUri);
  await vscode.window.showTextDocument(doc, { preview: false });
  const initial = questions(doc.getText());
  const alreadyAnswered = initial.filter((q) => q.answered).length;
  const asked = new Set<string>();
  const answered: string[] = [];
  let stopped = false;

  for (;;) {
    const all = questions(doc.getText());
    const open = all.filter((q) => !q.answered && !asked.has(key(q)));
    if (!open.length) break;
    const q = open[0];
    asked.add(key(q));
    // Truthful counts: what is still open, this question included (skipped ones stay open).
    const left = all.filter((x) => !x.answered).length;
    const title = `Run Assessment (${left} left): ${sentenceCase(q.term.label)}`;
    // The whole question, as an item that cannot be mistaken for an answer (a placeholder is cut off).
    const questionItem: vscode.QuickPickItem = { label: '$(question) The question', detail: describe(q), alwaysShow: true };
    const items = [questionItem, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...valueItems(q), { label: SKIP, detail: 'Leave this one for later and go on.' }];
    let value: vscode.QuickPickItem | undefined;
    do {
      value = await services.prompts.showQuickPick(items, {
        title,
        placeHolder: q.term.question ?? q.term.definition,
        ignoreFocusOut: true,
        matchOnDetail: true,
      });
    } while (value === questionItem);
    if (!value) {
      stopped = true;
      break;
    }
    if (value.label === SKIP) continue;
    const reasoning = await services.prompts.showInputBox({
      title,
      prompt: `${q.term.question ?? q.term.definition} Why '${value.label}'? In your own words; it goes into IMPACT.md.`,
      value: q.current.reasoning ?? '',
      placeHolder: q.kind === 'hazard' ? 'e.g. the inference script needs no skill to misuse' : 'what the rating rests on',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim().length < 3 ? 'Write a short reason (a few words at least).' : undefined),
    });
    if (reasoning === undefined) {
      stopped = true;
      break;
    }
    const before = doc.getText();
    const after = writeAnswer(before, q.kind, q.term.id, { value: value.label, reasoning });
    if (after === before) continue;
    const edit = new vscode.WorkspaceEdit();
    minimalEdit(doc, before, after, edit);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not write the answer for ${q.term.label}`);
    answered.push(key(q));
  }
  const remaining = questions(doc.getText()).filter((q) => !q.answered).map(key);
  const n = answered.length;
  // What is still open in the whole assessment (sections included), as the model and the rules see it.
  const model = assessment(parseImpact(IMPACT, doc.getText()), undefined);
  const open = openQuestions(model).filter((q) => q.kind !== 'modality' || q.state !== 'answered');
  const openText = open.length ? ` Still open: ${open.slice(0, 6).map((q) => (q.kind === 'section' ? q.label : `${q.sectionTitle}: ${q.label}`)).join('; ')}${open.length > 6 ? `; and ${open.length - 6} more` : ''}.` : '';
  if (stopped) {
    void services.prompts.showInformationMessage(
      `Assessment paused after ${n} answer${n === 1 ? '' : 's'}; ${open.length} question${open.length === 1 ? '' : 's'} still open. Run Assessment… again to continue where you stopped (answered items are skipped).${openText}`,
    );
  } else if (open.length) {
    void services.prompts.showInformationMessage(`Assessment pass done: ${n} answered in this run; ${open.length} question${open.length === 1 ? '' : 's'} still open.${openText}`);
  } else {
    void services.prompts.showInformationMessage(`Every question of the assessment now has an answer (${n} in this run).`);
  }
  await services.lintService.lintUri(impactUri);
  return { impactUri, answered, alreadyAnswered, remaining, stopped };
}
