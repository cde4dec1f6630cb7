/**
 * Every event subscription and file-system watcher the extension creates goes through this module,
 * so that what is still live can be counted: VS Code offers no way to count the listeners on its
 * events, but it can count ours. `listen(event, handler, label)` subscribes and returns a Disposable
 * that releases the count exactly once (disposing twice is harmless); `watch(glob, ...)` does the
 * same for createFileSystemWatcher. `liveListeners()` reports what is still subscribed, in total and
 * by label, so a test can check that disposing a service (or the whole extension's subscriptions,
 * as deactivate does) brings the count back to where it was.
 *
 * test/unit/listeners-static.test.ts fails when a file in src/extension subscribes directly
 * (`x.onDidSomething(...)`, `createFileSystemWatcher(...)`) instead of through here.
 *
 * The counts live in this module: a bundle that includes its own copy of it (the integration test
 * bundle does) has its own counts. The running extension's counts are on its API
 * (`ImpactNotesApi.liveListeners`).
 */
import * as vscode from 'vscode';

export interface LiveListeners {
  /** Live subscriptions plus live watchers. */
  total: number;
  /** Live event subscriptions made with listen(). */
  listeners: number;
  /** Live file-system watchers made with watch(). */
  watchers: number;
  /** Live count per label (labels with no live entry are left out). */
  byLabel: Record<string, number>;
}

const counts = new Map<string, number>();
let listenerCount = 0;
let watcherCount = 0;

function acquire(label: string, kind: 'listener' | 'watcher'): () => void {
  counts.set(label, (counts.get(label) ?? 0) + 1);
  if (kind === 'listener') listenerCount++;
  else watcherCount++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (counts.get(label) ?? 1) - 1;
    if (n > 0) counts.set(label, n);
    else counts.delete(label);
    if (kind === 'listener') listenerCount--;
    else watcherCount--;
  };
}

/**
 * Subscribes `handler` to `event` and counts the subscription until the returned Disposable is
 * disposed. `label` names it in liveListeners().byLabel (e.g. 'lintService: onDidSaveTextDocument').
 */
export function listen<T>(event: vscode.Event<T>, handler: (e: T) => unknown, label = 'unlabelled', thisArg?: unknown): vscode.Disposable {
  const sub = event(handler, thisArg); // throws before anything is counted if the event is gone
  const release = acquire(label, 'listener');
  return new vscode.Disposable(() => {
    release();
    sub.dispose();
  });
}

/**
 * createFileSystemWatcher, counted until the watcher is disposed. Subscribe to its events with
 * listen(watcher.onDidCreate, ...) so those are counted as well.
 */
export function watch(glob: vscode.GlobPattern, ignoreCreate?: boolean, ignoreChange?: boolean, ignoreDelete?: boolean, label?: string): vscode.FileSystemWatcher {
  const w = vscode.workspace.createFileSystemWatcher(glob, ignoreCreate, ignoreChange, ignoreDelete);
  const release = acquire(label ?? `watcher ${typeof glob === 'string' ? glob : glob.pattern}`, 'watcher');
  return {
    get ignoreCreateEvents() {
      return w.ignoreCreateEvents;
    },
    get ignoreChangeEvents() {
      return w.ignoreChangeEvents;
    },
    get ignoreDeleteEvents() {
      return w.ignoreDeleteEvents;
    },
    onDidCreate: w.onDidCreate,
    onDidChange: w.onDidChange,
    onDidDelete: w.onDidDelete,
    dispose() {
      release();
      w.dispose();
    },
  };
}

/** What this copy of the module has counted as live right now. */
export function liveListeners(): LiveListeners {
  const byLabel: Record<string, number> = {};
  for (const [label, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) byLabel[label] = n;
  return { total: listenerCount + watcherCount, listeners: listenerCount, watchers: watcherCount, byLabel };
}
