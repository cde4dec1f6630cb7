// Hardening: no leaked listeners. VS Code cannot count the listeners on its events, so every
// subscription and watcher in src/extension goes through src/extension/listeners.ts (listen/watch),
// which counts what is live (test/unit/listeners-static.test.ts checks no file bypasses it).
//
// Two copies of that counter exist here, and the tests say which one they read:
// - the running extension's (dist/extension.js), read through its API: `api.liveListeners()`;
// - this test bundle's own: esbuild bundles src/ into each test file separately, so the classes
//   imported below (LintService, DiscoveryService, ...) and even activate() count in the copy of
//   listeners.ts inside this bundle, read with the imported `liveListeners()`.
//
// What is checked:
// - listen() really unsubscribes, and a second dispose() does not release twice;
// - the running extension has live listeners and watchers from every feature that subscribes;
// - each service that can be built on its own (LintService, DiscoveryService and its tree section,
//   the tree provider with a section, the code lens provider, the status bar, a report panel), once
//   disposed, brings this bundle's count back to exactly its baseline;
// - a report panel opened through the running extension and then closed brings the extension's own
//   count back to its baseline;
// - "deactivate": the whole activate() (this bundle's copy) is run on a fake ExtensionContext, then
//   its context.subscriptions are disposed as VS Code does on deactivate, and the count must be back
//   to its baseline. The real extension already owns the command ids and the tree view, so during
//   that activate() registerCommand registers under suffixed ids, createTreeView returns a stand-in
//   view and the log writes into a channel of the test (see patchForSecondActivation); everything
//   else is the real API.
// What is not checked: the real extension itself being deactivated (every other test file uses it),
// and subscriptions made outside src/extension (VS Code's own).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ImpactCodeLensProvider } from '../../src/extension/codelens';
import { DiscoveryService, UnplannedResearchSection } from '../../src/extension/discovery';
import { activateOnNode, type ImpactNotesApi } from '../../src/extension/extension.web';
import { NODE_BUILTINS } from '../../src/extension/node-builtins';

/** The extension's activate() as the Node entry (src/extension/extension.ts) makes it, in this bundle's copy. */
const activate = activateOnNode(NODE_BUILTINS);
import { LintService } from '../../src/extension/lint-service';
import { listen, liveListeners, type LiveListeners } from '../../src/extension/listeners';
import { Log } from '../../src/extension/log';
import { ReportPanel } from '../../src/extension/report/panel';
import { ReadinessStatusBar } from '../../src/extension/status-bar';
import { AssessmentTreeProvider } from '../../src/extension/tree/provider';
import { getApi, MINIMAL_IMPACT, PLAN, removeFolder, tempFolder, waitFor, waitLinted, writeText } from './core-helpers';

/** Shown only while a slow discovery scan runs: comes and goes on its own in the running extension. */
const TRANSIENT = new Set(['discovery: progress cancelled']);

function steady(l: LiveListeners): number {
  let n = l.total;
  for (const t of TRANSIENT) n -= l.byLabel[t] ?? 0;
  return n;
}

/** Labels whose count differs between two snapshots, for failure messages. */
function diff(before: LiveListeners, after: LiveListeners): Record<string, number> {
  const out: Record<string, number> = {};
  for (const label of new Set([...Object.keys(before.byLabel), ...Object.keys(after.byLabel)])) {
    const d = (after.byLabel[label] ?? 0) - (before.byLabel[label] ?? 0);
    if (d) out[label] = d;
  }
  return out;
}

function assertBaseline(base: LiveListeners, what: string): void {
  const now = liveListeners();
  assert.equal(now.total, base.total, `${what}: ${now.total - base.total} listener(s)/watcher(s) still live: ${JSON.stringify(diff(base, now))}`);
  assert.deepEqual(now.byLabel, base.byLabel, `${what}: counts by label differ`);
}

/** Creates something, checks it added to the count, disposes it, checks the count is back. */
function roundTrip(what: string, create: () => vscode.Disposable, expectLabels: RegExp): void {
  const base = liveListeners();
  const d = create();
  const during = liveListeners();
  assert.ok(during.total > base.total, `${what} subscribed nothing`);
  const added = Object.keys(diff(base, during));
  assert.ok(added.every((l) => expectLabels.test(l)), `${what} added unexpected labels: ${added.join(', ')}`);
  d.dispose();
  assertBaseline(base, `${what} after dispose`);
  d.dispose(); // twice: must not release again
  assertBaseline(base, `${what} after a second dispose`);
}

/**
 * During a second activate() the real extension already owns every command id and the tree view
 * id: registerCommand registers under `<id>.listenersTest<n>` and createTreeView returns a stand-in
 * (visible: false, a real EventEmitter for onDidChangeVisibility). Restores both when called back.
 */
function patchForSecondActivation(suffix: string, channel: vscode.LogOutputChannel): { restore: () => void; commandIds: string[] } {
  const commands = vscode.commands as { registerCommand: typeof vscode.commands.registerCommand };
  const window = vscode.window as { createTreeView: typeof vscode.window.createTreeView; createOutputChannel: typeof vscode.window.createOutputChannel };
  const origRegister = commands.registerCommand;
  const origTreeView = window.createTreeView;
  const origChannel = window.createOutputChannel;
  const commandIds: string[] = [];
  // A log channel created and disposed within the same few milliseconds makes VS Code print
  // "Trying to add a disposable to a DisposableStore that has already been disposed" (its creation
  // is asynchronous): the second Log writes into the test's long-lived channel instead.
  window.createOutputChannel = (() => Object.create(channel, { dispose: { value: () => undefined } })) as typeof vscode.window.createOutputChannel;
  commands.registerCommand = (id, cb, thisArg) => {
    commandIds.push(`${id}${suffix}`);
    return origRegister(`${id}${suffix}`, cb, thisArg);
  };
  window.createTreeView = (<T>(_id: string, _options: vscode.TreeViewOptions<T>) => {
    const visibility = new vscode.EventEmitter<vscode.TreeViewVisibilityChangeEvent>();
    const none = new vscode.EventEmitter<never>();
    const stand: Partial<vscode.TreeView<T>> = {
      visible: false,
      selection: [],
      onDidChangeVisibility: visibility.event,
      onDidChangeSelection: none.event,
      onDidExpandElement: none.event,
      onDidCollapseElement: none.event,
      onDidChangeCheckboxState: none.event,
      reveal: () => Promise.resolve(),
      dispose: () => {
        visibility.dispose();
        none.dispose();
      },
    };
    return stand as vscode.TreeView<T>;
  }) as typeof vscode.window.createTreeView;
  assert.notEqual(vscode.commands.registerCommand, origRegister, 'vscode.commands.registerCommand cannot be replaced here');
  return {
    commandIds,
    restore: () => {
      commands.registerCommand = origRegister;
      window.createTreeView = origTreeView;
      window.createOutputChannel = origChannel;
    },
  };
}

describe('hardening: listener counts', function () {
  let api: ImpactNotesApi;
  let log: Log;
  let channel: vscode.LogOutputChannel;

  before(async () => {
    api = await getApi();
    log = new Log('Impact Notes (listener test)');
    channel = vscode.window.createOutputChannel('Impact Notes (second activation in a test)', { log: true });
  });

  after(() => {
    log.dispose();
    channel.dispose();
  });

  it('listen() unsubscribes on dispose, and a second dispose releases nothing more', () => {
    const base = liveListeners();
    const emitter = new vscode.EventEmitter<number>();
    const seen: number[] = [];
    const sub = listen(emitter.event, (n) => seen.push(n), 'test: emitter');
    assert.equal(liveListeners().total, base.total + 1);
    assert.equal(liveListeners().byLabel['test: emitter'], (base.byLabel['test: emitter'] ?? 0) + 1);
    emitter.fire(1);
    sub.dispose();
    emitter.fire(2);
    assert.deepEqual(seen, [1]);
    sub.dispose();
    assertBaseline(base, 'after listen() was disposed twice');
    emitter.dispose();
  });

  it('the running extension has live listeners and watchers from every feature', () => {
    assert.equal(typeof api.liveListeners, 'function', 'the extension API has no liveListeners()');
    assert.notEqual(api.liveListeners, liveListeners, 'expected separate copies of listeners.ts in the extension and the test bundle');
    const l = api.liveListeners();
    assert.ok(l.total > 0 && l.listeners > 0, `the extension has ${l.total} live listener(s)`);
    assert.ok(l.watchers >= 6, `only ${l.watchers} watcher(s) (3 of the lint service, 3 of discovery)`);
    const labels = Object.keys(l.byLabel);
    for (const prefix of ['lintService:', 'discovery:', 'discovery section:', 'tree:', 'tree provider:', 'status bar:', 'codelens:']) {
      assert.ok(labels.some((x) => x.startsWith(prefix)), `no live listener labelled '${prefix} ...' in ${labels.join(', ')}`);
    }
  });

  it('a LintService started and then disposed returns the count to exactly its baseline', () => {
    const base = liveListeners();
    const svc = new LintService({ docsBase: api.services.docsBase, log });
    assertBaseline(base, 'a LintService that was not started'); // the constructor subscribes to nothing
    svc.start();
    const started = liveListeners();
    // 6 workspace events, 3 watchers with 3 + 3 + 2 event subscriptions.
    assert.equal(started.watchers - base.watchers, 3, JSON.stringify(diff(base, started)));
    assert.equal(started.listeners - base.listeners, 14, JSON.stringify(diff(base, started)));
    svc.dispose();
    assertBaseline(base, 'a disposed LintService');
    svc.dispose();
    assertBaseline(base, 'a LintService disposed twice');
  });

  it('discovery, its tree section, the tree provider, code lenses and the status bar each return the count to baseline', () => {
    const lint = api.lintService; // their events come from the extension's service; the subscriptions are counted here
    const deps = { host: lint, log, docsBase: api.services.docsBase };
    roundTrip(
      'a watching DiscoveryService',
      () => {
        const s = new DiscoveryService(deps);
        s.watch();
        return s;
      },
      /^discovery: /,
    );
    const service = new DiscoveryService(deps);
    try {
      roundTrip('the Unplanned research section', () => new UnplannedResearchSection(service), /^discovery section: /);
      roundTrip(
        'the tree provider with a section',
        () => {
          const provider = new AssessmentTreeProvider(lint);
          const section = new UnplannedResearchSection(service);
          const added = provider.addSection(section);
          return new vscode.Disposable(() => {
            added.dispose();
            section.dispose();
            provider.dispose();
          });
        },
        /^(tree provider|discovery section): /,
      );
    } finally {
      service.dispose();
    }
    roundTrip('the code lens provider', () => new ImpactCodeLensProvider(lint), /^codelens: /);
    roundTrip('the status bar', () => new ReadinessStatusBar(lint), /^status bar: /);
  });

  describe('with a pair open', () => {
    let dir: vscode.Uri;
    let impactUri: vscode.Uri;

    beforeEach(async () => {
      dir = await tempFolder('listeners');
      impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
      await writeText(impactUri, MINIMAL_IMPACT);
      await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN);
      const doc = await vscode.workspace.openTextDocument(impactUri);
      await vscode.window.showTextDocument(doc);
      await waitLinted(api, doc);
    });

    afterEach(async () => {
      await removeFolder(dir);
    });

    it('a report panel, disposed or closed, returns the count to baseline (this bundle and the extension)', async () => {
      const state = api.lintService.pairFor(impactUri);
      assert.ok(state, 'the pair was not linted');
      // Each panel is left to appear before it goes. Disposing a webview the workbench is still
      // setting up makes the workbench log "OverlayWebview has been disposed" (harmless; one such
      // line can remain for the panel disposed from the extension side).
      const shown = (p: ReportPanel) => waitFor(() => p.panel.visible || undefined, 'the report panel to show', 10000);
      // As the user closes it: the workbench closes the tab, the webview panel fires onDidDispose.
      const closeTab = async (p: ReportPanel) => {
        p.panel.reveal(undefined, false);
        await waitFor(() => p.panel.active || undefined, 'the report panel to be active', 10000);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      };

      const base = liveListeners();
      const first = new ReportPanel(api.services, state);
      assert.ok(liveListeners().total > base.total, 'a report panel subscribed nothing');
      assert.ok(Object.keys(diff(base, liveListeners())).every((l) => l.startsWith('report panel: ')));
      await shown(first);
      first.dispose();
      assertBaseline(base, 'a disposed report panel');
      first.dispose();
      assertBaseline(base, 'a report panel disposed twice');

      // Closed by the user (its tab closed): the webview panel's onDidDispose disposes the rest.
      const panel = new ReportPanel(api.services, state);
      assert.ok(liveListeners().total > base.total);
      await shown(panel);
      await closeTab(panel);
      await waitFor(() => liveListeners().total === base.total || undefined, 'the closed panel to release its listeners', 10000);
      assertBaseline(base, 'a report panel closed from the webview');

      // Through the running extension's own command and panel map.
      const extBase = api.liveListeners();
      const report = api.features.report as { open(arg?: unknown): Promise<ReportPanel | undefined> };
      const opened = await report.open(impactUri);
      assert.ok(opened, 'the extension did not open a report');
      await shown(opened);
      assert.ok(steady(api.liveListeners()) > steady(extBase), 'the extension counted nothing for its report panel');
      await closeTab(opened);
      await waitFor(() => steady(api.liveListeners()) === steady(extBase) || undefined, "the extension's count to return to its baseline after closing its report", 10000);
    });

    it('deactivate: a second activate() on a fake context, its subscriptions disposed, leaves nothing live', async function () {
      for (const order of ['reverse', 'forward'] as const) {
        const base = liveListeners();
        const suffix = `.listenersTest${order}${Date.now().toString(36)}`;
        const patch = patchForSecondActivation(suffix, channel);
        const real = api.services.context;
        const context = {
          subscriptions: [] as { dispose(): unknown }[],
          extensionUri: real.extensionUri,
          extensionPath: real.extensionPath,
          extensionMode: real.extensionMode,
          workspaceState: real.workspaceState,
          globalState: real.globalState,
          asAbsolutePath: (p: string) => real.asAbsolutePath(p),
        };
        let second: ImpactNotesApi;
        try {
          second = activate(context as unknown as vscode.ExtensionContext);
        } finally {
          patch.restore();
        }
        try {
          const during = liveListeners();
          const labels = Object.keys(diff(base, during));
          for (const prefix of ['lintService:', 'discovery:', 'discovery section:', 'tree:', 'tree provider:', 'status bar:', 'codelens:']) {
            assert.ok(labels.some((x) => x.startsWith(prefix)), `activate() on the fake context made no '${prefix} ...' listener: ${labels.join(', ')}`);
          }
          assert.ok(patch.commandIds.length > 10, `only ${patch.commandIds.length} command(s) registered`);
          assert.ok(context.subscriptions.includes(second.lintService), 'the second lint service is not in context.subscriptions');
          for (const [i, d] of context.subscriptions.entries()) assert.equal(typeof d?.dispose, 'function', `subscription ${i} has no dispose()`);
        } finally {
          // What VS Code does on deactivate: dispose every subscription (deactivate() itself does nothing).
          const subs = order === 'reverse' ? [...context.subscriptions].reverse() : [...context.subscriptions];
          for (const d of subs) d.dispose();
        }
        assertBaseline(base, `after disposing the fake context's subscriptions (${order} order)`);
        const left = (await vscode.commands.getCommands(true)).filter((c) => c.endsWith(suffix));
        assert.deepEqual(left, [], `commands still registered after deactivate (${order} order)`);
      }
    });
  });
});
