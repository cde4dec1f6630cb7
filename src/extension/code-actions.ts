/**
 * Quick fixes for Impact Notes diagnostics: the rule's preferred fix, its suggestions, "disable for
 * this line", "disable for this file" and "show documentation"; plus `source.fixAll.impactNotes`
 * (fix-on-save through `editor.codeActionsOnSave`) and a "fix all" quick fix. Every change is a
 * WorkspaceEdit, so it is undoable, and a fix may edit the other file of the pair.
 */
import { INTERNAL_ERROR } from '../core/rules/engine-findings';
import * as vscode from 'vscode';
import { fixAllTexts, fixKeepsHeadings, minimalChange } from '../core/fix';
import { disableFileEdit as coreDisableFileEdit, disableLineEdit as coreDisableLineEdit, type SuppressEdit } from '../core/suppress';
import { SourceText } from '../core/source-text';
import type { FileKind, Finding, Fix, TextEdit } from '../core/types';
import { COMMANDS } from './command-table';
import { ruleOf } from './diagnostics';
import type { LintService, PairState } from './lint-service';
import type { Services } from './services';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('impactNotes');

function kindOf(state: PairState, uri: vscode.Uri): FileKind | undefined {
  const s = uri.toString();
  if (state.impactUri?.toString() === s) return 'impact';
  if (state.releaseUri?.toString() === s) return 'release';
  if (state.cardUri?.toString() === s) return 'card';
  return undefined;
}

function uriOf(state: PairState, kind: FileKind): vscode.Uri | undefined {
  return kind === 'impact' ? state.impactUri : kind === 'card' ? state.cardUri : state.releaseUri;
}

function sourceOf(state: PairState, kind: FileKind): SourceText | undefined {
  return kind === 'impact' ? state.result.impact?.source : kind === 'card' ? state.result.card?.source : state.result.release?.source;
}

function openDoc(uri: vscode.Uri): vscode.TextDocument | undefined {
  const s = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === s && !d.isClosed);
}

/**
 * The pair's state when it matches the document's current text (linting again when it does not),
 * so the core's offsets are valid for the document.
 */
export async function freshState(lintService: LintService, document: vscode.TextDocument): Promise<PairState | undefined> {
  const current = lintService.pairFor(document.uri);
  const matches = (s: PairState | undefined) => {
    if (!s) return false;
    const kind = kindOf(s, document.uri);
    return !!kind && sourceOf(s, kind)?.text === document.getText();
  };
  if (matches(current)) return current;
  const again = await lintService.lintUri(document.uri);
  return matches(again) ? again : undefined;
}

/** Core edits (offsets into the texts the rules saw) as one WorkspaceEdit over both files. */
export function toWorkspaceEdit(state: PairState, edits: readonly TextEdit[], edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit | undefined {
  for (const e of edits) {
    const uri = uriOf(state, e.file);
    const source = sourceOf(state, e.file);
    if (!uri || !source) return undefined;
    const doc = openDoc(uri);
    // The open document's text is what was linted: its positionAt agrees with the offsets. For a
    // file that is not open, the core's own line/character positions are used (they survive
    // VS Code's end-of-line normalisation when the file is opened).
    const useDoc = doc && doc.getText() === source.text;
    const pos = (o: number) => (useDoc ? doc.positionAt(o) : toPosition(source.positionAt(o)));
    edit.replace(uri, new vscode.Range(pos(e.range.start), pos(e.range.end)), e.newText);
  }
  return edit;
}

function toPosition(p: { line: number; character: number }): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

function sameRange(f: Finding, d: vscode.Diagnostic): boolean {
  return f.start.line === d.range.start.line && f.start.character === d.range.start.character && f.end.line === d.range.end.line && f.end.character === d.range.end.character;
}

/** The finding behind a diagnostic (diagnostics come back to providers as copies). */
export function findingFor(state: PairState, kind: FileKind, d: vscode.Diagnostic): Finding | undefined {
  const rule = ruleOf(d);
  if (!rule) return undefined;
  const onFile = (f: Finding) => f.file === kind || (f.file === 'workspace' && ((kind === 'impact' && !!state.impactUri) || (kind === 'release' && !state.impactUri)));
  const same = state.result.findings.filter((f) => f.rule === rule && onFile(f) && sameRange(f, d));
  return same.find((f) => f.message === d.message) ?? same[0];
}

// ---- suppressions -------------------------------------------------------------------------------

function suppressEdit(document: vscode.TextDocument, e: SuppressEdit | undefined): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  if (e) edit.replace(document.uri, new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end)), e.newText);
  return edit;
}

/** "Disable <rule> for this line": a disable-next-line comment above the line, same indentation (or the rule added to one already there). */
export function disableLineEdit(document: vscode.TextDocument, kind: FileKind, rule: string, line: number): vscode.WorkspaceEdit {
  return suppressEdit(document, coreDisableLineEdit(new SourceText(document.uri.toString(), document.getText()), kind, rule, line));
}

/** "Disable <rule> for this file": a disable-file comment at the top (after front matter or a YAML modeline/directives). */
export function disableFileEdit(document: vscode.TextDocument, kind: FileKind, rule: string): vscode.WorkspaceEdit {
  return suppressEdit(document, coreDisableFileEdit(new SourceText(document.uri.toString(), document.getText()), kind, rule));
}

// ---- fix all ------------------------------------------------------------------------------------

/** The core's fix-all (core/fix.ts): the CLI's --fix loop, kept to the given files. */
export { fixAllTexts };

/** A minimal replacement (common prefix and suffix kept) from one text to another. */
export function minimalEdit(document: vscode.TextDocument, before: string, after: string, edit: vscode.WorkspaceEdit): void {
  const c = minimalChange(before, after);
  if (c) edit.replace(document.uri, new vscode.Range(document.positionAt(c.start), document.positionAt(c.end)), c.newText);
}

/** The fix-all edit for the given files of a pair (documents are opened in the background if needed). */
export async function fixAllEdit(lintService: LintService, state: PairState, kinds: readonly FileKind[]): Promise<vscode.WorkspaceEdit | undefined> {
  const input = await lintService.inputFor(state);
  const docs: Partial<Record<FileKind, vscode.TextDocument>> = {};
  for (const k of kinds) {
    const uri = uriOf(state, k);
    const file = k === 'impact' ? input.impact : input.release;
    // A file left unread (above maxFileSize, a pipe or device) is not opened either: nothing to fix there.
    if (file && (file.size !== undefined || file.unreadable !== undefined)) continue;
    if (uri) docs[k] = openDoc(uri) ?? (await vscode.workspace.openTextDocument(uri));
  }
  // Lint exactly the documents' texts.
  if (docs.impact && input.impact) input.impact = { ...input.impact, text: docs.impact.getText() };
  if (docs.release && input.release) input.release = { ...input.release, text: docs.release.getText() };
  const texts = fixAllTexts({ ...input, rules: lintService.rules }, kinds);
  const edit = new vscode.WorkspaceEdit();
  let any = false;
  for (const k of kinds) {
    const doc = docs[k];
    const text = texts[k];
    if (!doc || text === undefined) continue;
    minimalEdit(doc, doc.getText(), text, edit);
    any = true;
  }
  return any ? edit : undefined;
}

// ---- the provider -------------------------------------------------------------------------------

export class ImpactCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly lintService: LintService,
    private readonly log?: { trace(message: string): void },
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[] | undefined> {
    const only = context.only;
    const wantFixAll = !!only && (FIX_ALL_KIND.contains(only) || only.contains(FIX_ALL_KIND));
    const wantQuickFix = !only || vscode.CodeActionKind.QuickFix.contains(only) || only.contains(vscode.CodeActionKind.QuickFix);
    const ours = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
    if (!wantFixAll && (!wantQuickFix || ours.length === 0)) return undefined;

    const actions: vscode.CodeAction[] = [];
    if (wantFixAll) {
      // Fix-all lints the document's current text itself: no need to wait for a fresh lint first
      // (this runs as a save participant, where time counts).
      this.log?.trace(`fix-all requested for ${vscode.workspace.asRelativePath(document.uri)} (${context.triggerKind === vscode.CodeActionTriggerKind.Invoke ? 'invoked' : 'automatic'})`);
      const known = this.lintService.pairFor(document.uri) ?? (await this.lintService.lintUri(document.uri));
      const fixKind = known && kindOf(known, document.uri);
      if (known && fixKind && !token.isCancellationRequested) {
        const a = new vscode.CodeAction('Fix all auto-fixable Impact Notes problems', FIX_ALL_KIND);
        a.edit = (await fixAllEdit(this.lintService, known, [fixKind])) ?? new vscode.WorkspaceEdit();
        actions.push(a);
      }
      if (!wantQuickFix || ours.length === 0) return actions;
    }
    const state = await freshState(this.lintService, document);
    if (!state || token.isCancellationRequested) return actions;
    const kind = kindOf(state, document.uri);
    if (!kind) return actions;

    const docsSeen = new Set<string>();
    const suppressSeen = new Set<string>();
    let fixable = 0;
    for (const d of ours) {
      const finding = findingFor(state, kind, d);
      const rule = ruleOf(d)!;
      // A fix that would pull a heading into a list or paragraph is not offered (fix-all leaves it out too).
      if (finding?.fix && fixKeepsHeadings(state.result.impact, finding.fix)) {
        const a = this.fixAction(state, finding.fix, d, true);
        if (a) actions.push(a);
      }
      for (const s of finding?.suggestions ?? []) {
        const a = this.fixAction(state, s, d, false);
        if (a) actions.push(a);
      }
      if (rule !== INTERNAL_ERROR && rule !== 'config' && !suppressSeen.has(`${rule}:${d.range.start.line}`)) {
        suppressSeen.add(`${rule}:${d.range.start.line}`);
        const line = new vscode.CodeAction(`Disable ${rule} for this line`, vscode.CodeActionKind.QuickFix);
        line.edit = disableLineEdit(document, kind, rule, d.range.start.line);
        line.diagnostics = [d];
        actions.push(line);
        if (!suppressSeen.has(rule)) {
          suppressSeen.add(rule);
          const file = new vscode.CodeAction(`Disable ${rule} for this file`, vscode.CodeActionKind.QuickFix);
          file.edit = disableFileEdit(document, kind, rule);
          file.diagnostics = [d];
          actions.push(file);
        }
      }
      if (!docsSeen.has(rule)) {
        docsSeen.add(rule);
        const doc = new vscode.CodeAction(`Show documentation for ${rule}`, vscode.CodeActionKind.QuickFix);
        doc.command = { command: COMMANDS.showRuleDocumentation.id, title: `Show documentation for ${rule}`, arguments: [rule] };
        doc.diagnostics = [d];
        actions.push(doc);
      }
    }
    fixable = state.result.findings.filter((f) => f.fix && f.file === kind && f.fix.edits.every((e) => e.file === kind)).length;
    if (fixable > 1 && ours.some((d) => findingFor(state, kind, d)?.fix)) {
      const all = new vscode.CodeAction('Fix all auto-fixable Impact Notes problems in this file', vscode.CodeActionKind.QuickFix);
      all.edit = await fixAllEdit(this.lintService, state, [kind]);
      if (all.edit) actions.push(all);
    }
    return actions;
  }

  private fixAction(state: PairState, fix: Fix, d: vscode.Diagnostic, preferred: boolean): vscode.CodeAction | undefined {
    const edit = toWorkspaceEdit(state, fix.edits);
    if (!edit) return undefined;
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    a.edit = edit;
    a.diagnostics = [d];
    a.isPreferred = preferred;
    return a;
  }
}

/** Fixes everything auto-fixable in a pair, both files (the `impactNotes.fixAll` command). */
export async function fixAllInPair(services: Services, uri?: unknown): Promise<boolean> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!target) return false;
  const doc = openDoc(target) ?? (await vscode.workspace.openTextDocument(target));
  const state = await freshState(services.lintService, doc);
  if (!state) return false;
  const kinds: FileKind[] = [];
  if (state.impactUri) kinds.push('impact');
  if (state.releaseUri) kinds.push('release');
  const edit = await fixAllEdit(services.lintService, state, kinds);
  if (!edit) {
    void services.prompts.showInformationMessage('Impact Notes: nothing to fix automatically.');
    return false;
  }
  // Never edit (or save) a file behind the user's back: the other file of the pair is opened in an
  // editor beside this one first, so the fixes land there unsaved and undoable, and we say so.
  const others = edit
    .entries()
    .map(([uri]) => uri)
    .filter((uri) => uri.toString() !== target.toString() && !vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString()));
  for (const uri of others) {
    await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  }
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok && others.length) {
    const names = others.map((u) => vscode.workspace.asRelativePath(u)).join(', ');
    void services.prompts.showInformationMessage(`Impact Notes also fixed ${names}: it is open beside this file, not saved yet. Review it and save, or undo.`);
  }
  return ok;
}

export function register(context: vscode.ExtensionContext, services: Services): void {
  const provider = new ImpactCodeActionProvider(services.lintService, services.log);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider([{ language: 'markdown' }, { language: 'yaml' }], provider, ImpactCodeActionProvider.metadata),
  );
}
