/**
 * The in-place commands: write the model-card section into a README (between the impact-notes
 * markers), fill the NeurIPS checklist's TODO answers, and import a paper's broader-impact
 * statement into a new IMPACT.md. Each file is chosen with a file picker; the core decides every
 * byte (core/cards/write-section.ts, core/papers/*); an open document gets one undoable edit of
 * the changed span only, a closed file is written through workspace.fs (virtual workspaces too).
 * Nothing is overwritten: the import refuses a folder that already has an IMPACT.md.
 */
import { minimalChange } from '../../core/fix';
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import { CardMarkerError, undatedSection, writeCardSection } from '../../core/cards/write-section';
import { todayUtc } from '../../core/engine';
import { IMPACT_FILE_RE } from '../../core/pairs';
import { fillChecklist } from '../../core/papers/checklist-fill';
import { importStatement, NoStatementError } from '../../core/papers/import-statement';
import { buildReport, renderExport } from '../../core/report';
import type { PairState } from '../lint-service';
import type { Services } from '../services';
import { pairLabel, pickPair } from './pick';

/** Text of a file as it is on disk or in its open editor; undefined (with a message) when it is not UTF-8. */
async function readText(services: Services, uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  if (open) return open.getText();
  const bytes = await vscode.workspace.fs.readFile(uri);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    void services.prompts.showErrorMessage(`Impact Notes: ${vscode.workspace.asRelativePath(uri)} is not UTF-8 text, so it was not changed.`);
    return undefined;
  }
}

/** Replaces only the span where `before` and `after` differ: an undoable edit in an open editor, else a file write. */
async function writeInPlace(uri: vscode.Uri, before: string, after: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  if (!open) {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(after));
    return;
  }
  const c = minimalChange(before, after);
  if (!c) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(open.positionAt(c.start), open.positionAt(c.end)), c.newText);
  await vscode.workspace.applyEdit(edit);
  await open.save();
}

function modelFor(state: PairState, today: Date) {
  const name = (u: vscode.Uri | undefined) => (u ? posix.basename(u.path) : undefined);
  return buildReport({ result: state.result, today, folder: pairLabel(state), fileNames: { impact: name(state.impactUri), release: name(state.releaseUri) } });
}

async function pickFile(services: Services, options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
  const picked = await services.prompts.showOpenDialog({ canSelectMany: false, canSelectFiles: true, canSelectFolders: false, ...options });
  return picked?.[0];
}

export async function writeModelCardInto(services: Services, arg: unknown, today: () => Date = todayUtc): Promise<vscode.Uri | undefined> {
  const state = await pickPair(services, arg, 'write the model-card section');
  if (!state) return undefined;
  const target = await pickFile(services, {
    defaultUri: state.cardUri ?? vscode.Uri.joinPath(state.folder, 'README.md'),
    filters: { 'Model card (Markdown)': ['md'] },
    openLabel: 'Write into this model card',
    title: 'Impact Notes: the model card (README.md) to write the risks section into',
  });
  if (!target) return undefined;
  const before = await readText(services, target);
  if (before === undefined) return undefined;
  const exported = renderExport('model-card', modelFor(state, today()), 'md');
  let res;
  try {
    res = writeCardSection(before, undatedSection(exported.text));
  } catch (err) {
    if (err instanceof CardMarkerError) {
      void services.prompts.showErrorMessage(`Impact Notes: ${vscode.workspace.asRelativePath(target)}: ${err.message}`);
      return undefined;
    }
    throw err;
  }
  const rel = vscode.workspace.asRelativePath(target);
  if (!res.changed) {
    void services.prompts.showInformationMessage(`${rel} is up to date: the section between the impact-notes markers already says this.`);
    return target;
  }
  await writeInPlace(target, before, res.text);
  services.log.info(`wrote the model-card section into ${rel} (${res.where})`);
  await vscode.window.showTextDocument(target, { preview: false });
  if (exported.gaps.length) void services.prompts.showInformationMessage(`Wrote the model-card section into ${rel}. ${exported.gaps.length} part(s) of the assessment are not written yet; the section marks them with a comment.`);
  return target;
}

export async function fillChecklistInto(services: Services, arg: unknown, options: { force?: boolean; today?: () => Date } = {}): Promise<vscode.Uri | undefined> {
  const state = await pickPair(services, arg, 'fill the NeurIPS checklist');
  if (!state) return undefined;
  const target = await pickFile(services, { defaultUri: state.folder, filters: { 'LaTeX checklist': ['tex'] }, openLabel: 'Fill this checklist', title: 'Impact Notes: the NeurIPS checklist (.tex) to fill' });
  if (!target) return undefined;
  const before = await readText(services, target);
  if (before === undefined) return undefined;
  const res = fillChecklist(before, modelFor(state, (options.today ?? todayUtc)()), { force: options.force });
  const rel = vscode.workspace.asRelativePath(target);
  if (res.text !== before) await writeInPlace(target, before, res.text);
  for (const s of res.skipped) services.log.info(`${rel}:${s.line}: ${s.title}: ${s.reason}`);
  const filled = res.filled.map((f) => `${f.title}: ${f.answer}`).join(', ');
  if (res.contradictions.length) {
    for (const c of res.contradictions) services.log.warn(`${rel}:${c.line}: ${c.title}: ${c.message}`);
    void services.prompts.showWarningMessage(`${rel}: ${res.contradictions.map((c) => `${c.title}: ${c.message}`).join(' ')}`);
  } else void services.prompts.showInformationMessage(filled ? `Filled ${rel}: ${filled}.` : `${rel}: nothing to fill (answers already written are left as they are).`);
  return target;
}

export async function importStatementCommand(services: Services, arg: unknown, today: () => Date = todayUtc): Promise<vscode.Uri | undefined> {
  const paper = arg instanceof vscode.Uri && /\.(tex|md|markdown)$/i.test(arg.path)
    ? arg
    : await pickFile(services, { filters: { 'Paper (LaTeX or Markdown)': ['tex', 'md'] }, openLabel: 'Import its statement', title: 'Impact Notes: the paper whose broader-impact statement to import' });
  if (!paper) return undefined;
  const folders = await services.prompts.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: false,
    canSelectFolders: true,
    defaultUri: paper.with({ path: posix.dirname(paper.path) }),
    openLabel: 'Create IMPACT.md here',
    title: 'Impact Notes: the folder for the new IMPACT.md',
  });
  const folder = folders?.[0];
  if (!folder) return undefined;
  const existing = (await vscode.workspace.fs.readDirectory(folder)).find(([n]) => IMPACT_FILE_RE.test(n));
  if (existing) {
    void services.prompts.showErrorMessage(`Impact Notes: ${vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder, existing[0]))} already exists and was not overwritten. Choose another folder.`);
    return undefined;
  }
  const text = await readText(services, paper);
  if (text === undefined) return undefined;
  let res;
  try {
    res = importStatement(text, /\.tex$/i.test(paper.path) ? 'latex' : 'md', { source: posix.basename(paper.path), today: today() });
  } catch (err) {
    if (err instanceof NoStatementError) {
      void services.prompts.showErrorMessage(`Impact Notes: nothing imported from ${vscode.workspace.asRelativePath(paper)}: ${err.message}. Look for a section titled Broader Impact, Impact Statement or Ethics Statement.`);
      return undefined;
    }
    throw err;
  }
  const target = vscode.Uri.joinPath(folder, 'IMPACT.md');
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(res.impact));
  services.log.info(`imported '${res.statement.title}' from ${vscode.workspace.asRelativePath(paper)} into ${vscode.workspace.asRelativePath(target)}`);
  await vscode.window.showTextDocument(target, { preview: false });
  void services.prompts.showInformationMessage(`Created IMPACT.md from '${res.statement.title}' (${res.placements.length} sentences). The TODO prompts show what the paper does not say.`);
  return target;
}
