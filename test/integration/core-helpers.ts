// Helpers for the extension-core integration tests: the extension API, temp folders inside the
// workspace copy, waiting on diagnostics with a deadline, and a scripted prompt layer.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { Prompts } from '../../src/extension/prompts';

export const EXTENSION_ID = 'impact-notes.impact-notes';

export async function getApi(): Promise<ImpactNotesApi> {
  const ext = vscode.extensions.getExtension<ImpactNotesApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.ok(api?.lintService, 'activate() did not return the API');
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'no workspace folder');
  return f.uri;
}

export function wsUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

let counter = 0;
/** A fresh folder in the workspace copy, e.g. `it-diagnostics-3/`. */
export async function tempFolder(name: string): Promise<vscode.Uri> {
  const uri = wsUri(`it-${name}-${++counter}-${Date.now().toString(36)}`);
  await vscode.workspace.fs.createDirectory(uri);
  return uri;
}

export async function removeFolder(uri: vscode.Uri): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.path.startsWith(uri.path + '/') && doc.isDirty) await doc.save();
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
}

/**
 * Polls `check` until it returns a truthy value, waking on diagnostics changes and every 50 ms. The
 * default deadline is generous: right after the window opens the extension host is busy starting
 * built-in extensions, and file reads can take seconds.
 */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        sub.dispose();
        clearTimeout(t);
        resolve();
      });
      const t = setTimeout(() => {
        sub.dispose();
        resolve();
      }, 50);
    });
  }
}

/**
 * Creates `folder` and its missing parents one level at a time, each once VS Code's file watcher
 * reports a file created in it, and returns when the watcher reports files in `folder` (probe files,
 * removed again). On Linux the watcher (parcel's inotify backend) starts watching a new folder only
 * after it has reported it: what is created, renamed or deleted inside a folder made together with
 * its parent (`mkdir -p`, or writeFile into a new path) may never be reported
 * (parcel-bundler/watcher#97). A test that changes files in a new folder and waits for the
 * extension to notice through the watcher prepares the folder with this first.
 */
export async function watchedFolder(folder: vscode.Uri, timeoutMs = 20000): Promise<void> {
  // The folder and its missing parents, outermost first; the nearest existing folder counts as watched.
  const levels = [folder];
  while (!(await exists(levels[0]))) levels.unshift(vscode.Uri.joinPath(levels[0], '..'));
  if (levels.length > 1) levels.shift();
  const deadline = Date.now() + timeoutMs;
  for (const level of levels) {
    await vscode.workspace.fs.createDirectory(level);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(level, '.watch-probe-*'), false, true, true);
    const probes: vscode.Uri[] = [];
    try {
      // A probe written before the folder is watched is never reported: write another until one is.
      for (let reported = false; !reported; ) {
        if (Date.now() > deadline) throw new Error(`the file watcher reported nothing in ${vscode.workspace.asRelativePath(level)} within ${timeoutMs} ms`);
        const probe = vscode.Uri.joinPath(level, `.watch-probe-${probes.length}`);
        probes.push(probe);
        const event = new Promise<boolean>((resolve) => {
          const t = setTimeout(() => done(false), 1000);
          const sub = watcher.onDidCreate((u) => u.path === probe.path && done(true));
          const done = (v: boolean) => {
            clearTimeout(t);
            sub.dispose();
            resolve(v);
          };
        });
        await writeText(probe, 'probe');
        reported = await event;
      }
    } finally {
      watcher.dispose();
      for (const probe of probes) await Promise.resolve(vscode.workspace.fs.delete(probe, { useTrash: false })).catch(() => undefined);
    }
  }
}

export function ourDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'impact-notes' && (!rule || codeOf(d) === rule));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function waitForRule(uri: vscode.Uri, rule: string, present = true, timeoutMs?: number): Promise<vscode.Diagnostic[] | true> {
  return waitFor(
    () => {
      const ds = ourDiagnostics(uri, rule);
      return present ? (ds.length ? ds : undefined) : ds.length === 0 || undefined;
    },
    `${rule} ${present ? 'to appear on' : 'to leave'} ${vscode.workspace.asRelativePath(uri)}`,
    timeoutMs,
  );
}

/**
 * Waits until every diagnostic of `rule` on `uri` is an unanswered question whose structure is in
 * place ("the template's prompt is still here"): a fix adds the prompt, only a person answers it.
 */
export function waitForOnlyPrompts(uri: vscode.Uri, rule: string, timeoutMs?: number): Promise<vscode.Diagnostic[] | true> {
  return waitFor(
    () => {
      const ds = ourDiagnostics(uri, rule);
      return ds.every((d) => /the template's prompt is still here/.test(d.message)) || undefined;
    },
    `${rule} on ${vscode.workspace.asRelativePath(uri)} to hold only unanswered prompts`,
    timeoutMs,
  );
}

/** Waits until the lint service has linted the open document at its current version. */
export async function waitLinted(api: ImpactNotesApi, doc: vscode.TextDocument): Promise<void> {
  await waitFor(() => {
    const s = api.lintService.pairFor(doc.uri);
    if (!s) return undefined;
    const v = s.impactUri?.toString() === doc.uri.toString() ? s.impactVersion : s.releaseVersion;
    return v === doc.version || undefined;
  }, `a lint of ${vscode.workspace.asRelativePath(doc.uri)} at version ${doc.version}`);
}

// ---- scripted prompts ---------------------------------------------------------------------------

export interface PromptCall {
  kind: 'quickPick' | 'inputBox' | 'info' | 'warning' | 'error' | 'openDialog';
  /** Title, placeholder or prompt, or the message. */
  text: string;
  items?: vscode.QuickPickItem[];
  options?: vscode.QuickPickOptions | vscode.InputBoxOptions | vscode.OpenDialogOptions;
  buttons?: string[];
}

/** Answers one call: a picked item (or items), a string, or undefined for Escape. */
export type Answerer = (call: PromptCall) => unknown;

/**
 * A prompt layer driven by a function. Every call is recorded; the answerer decides. Unexpected
 * calls can throw to fail the test.
 */
export class ScriptedPrompts implements Prompts {
  readonly calls: PromptCall[] = [];
  constructor(private readonly answer: Answerer) {}

  showQuickPick(items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions): Thenable<never> {
    return Promise.resolve(items).then((list) => {
      const call: PromptCall = { kind: 'quickPick', text: [options?.title, options?.placeHolder].filter(Boolean).join(' | '), items: [...list], options };
      this.calls.push(call);
      return this.answer(call) as never;
    });
  }

  showInputBox(options?: vscode.InputBoxOptions): Thenable<string | undefined> {
    const call: PromptCall = { kind: 'inputBox', text: [options?.title, options?.prompt].filter(Boolean).join(' | '), options };
    this.calls.push(call);
    return Promise.resolve(this.answer(call) as string | undefined);
  }

  private message(kind: 'info' | 'warning' | 'error', message: string, buttons: string[]): Thenable<never> {
    const call: PromptCall = { kind, text: message, buttons };
    this.calls.push(call);
    return Promise.resolve(this.answer(call) as never);
  }

  showInformationMessage(message: string, ...items: string[]): Thenable<never> {
    return this.message('info', message, items);
  }

  showWarningMessage(message: string, ...items: string[]): Thenable<never> {
    return this.message('warning', message, items);
  }

  showErrorMessage(message: string, ...items: string[]): Thenable<never> {
    return this.message('error', message, items);
  }

  showOpenDialog(options?: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined> {
    const call: PromptCall = { kind: 'openDialog', text: [options?.title, options?.openLabel].filter(Boolean).join(' | '), options };
    this.calls.push(call);
    return Promise.resolve(this.answer(call) as vscode.Uri[] | undefined);
  }
}

/** Picks the item whose label (or description) matches. */
export function pick(call: PromptCall, label: string | RegExp): vscode.QuickPickItem {
  const item = call.items?.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label) || label.test(i.description ?? '')));
  assert.ok(item, `no item ${label} in quick pick "${call.text}": ${call.items?.map((i) => i.label).join(', ')}`);
  return item;
}

/** Applies the test-time settings and restores them afterwards. */
export async function withSetting<T>(key: string, value: unknown, fn: () => Promise<T>): Promise<T> {
  const c = vscode.workspace.getConfiguration('impactNotes');
  await c.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await fn();
  } finally {
    await vscode.workspace.getConfiguration('impactNotes').update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

export const MINIMAL_IMPACT = `# Impact assessment: test

## Summary

A tiny test project that clones voices.

## Benefits

People who lose their voice can keep it.
`;

export const PLAN = `impact-release: 1
assessment: IMPACT.md
modality: [audio]
review: { level: full }
contact: mailto:misuse@example.org
artifacts: []
withdrawal: we pull the files from the website
`;
