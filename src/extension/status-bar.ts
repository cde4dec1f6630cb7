/**
 * A status-bar item with the release readiness of the pair being edited: `$(pass) Ready to release`
 * or `$(warning) 3 blocking`; clicking it runs Check Release Readiness. Shown only while the active
 * editor holds a file of a linted pair. Blocking = errors, plus warnings of the rules listed in the
 * `impactNotes.readiness.blockingWarnings` setting.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import { COMMANDS } from './command-table';
import { isBlocking } from './readiness';
import { listen } from './listeners';
import { readSettings } from './settings';
import { type ViewLintService, type ViewPair, type ViewServices } from './tree/view-services';

export interface StatusBarState {
  visible: boolean;
  text: string;
  tooltip: string;
  /** Key of the pair shown, when visible. */
  pairKey?: string;
  blocking: number;
}

/** The findings that block a release, by the same test as Check Release Readiness (readiness.ts). */
export function blockingFindings(findings: readonly Finding[], blockingWarnings: readonly string[]): Finding[] {
  const settings = { readinessBlockingWarnings: [...blockingWarnings] };
  return findings.filter((f) => isBlocking(f, settings));
}

export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private current: StatusBarState = { visible: false, text: '', tooltip: '', blocking: 0 };
  private readonly changed = new vscode.EventEmitter<StatusBarState>();
  /** Fires after every update (tests wait on it). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly lintService: ViewLintService,
    private readonly blockingWarnings: () => readonly string[] = () => readSettings().readinessBlockingWarnings,
  ) {
    this.item = vscode.window.createStatusBarItem('impactNotes.readiness', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Impact Notes: Release Readiness';
    this.disposables.push(
      this.item,
      this.changed,
      listen(vscode.window.onDidChangeActiveTextEditor, () => this.update(), 'status bar: active editor'),
      listen(lintService.onDidUpdate, () => this.update(), 'status bar: lint updates'),
      listen(
        vscode.workspace.onDidChangeConfiguration,
        (e) => {
          if (e.affectsConfiguration('impactNotes')) this.update();
        },
        'status bar: onDidChangeConfiguration',
      ),
    );
    this.update();
  }

  get state(): StatusBarState {
    return this.current;
  }

  private pairOfActiveEditor(): ViewPair | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri ? this.lintService.pairFor(uri) : undefined;
  }

  update(): StatusBarState {
    const pair = this.pairOfActiveEditor();
    if (!pair) {
      this.item.hide();
      this.current = { visible: false, text: '', tooltip: '', blocking: 0 };
    } else {
      const blocking = blockingFindings(pair.result.findings, this.blockingWarnings());
      const text = blocking.length === 0 ? '$(pass) Ready to release' : `$(warning) ${blocking.length} blocking`;
      const tooltip =
        blocking.length === 0
          ? 'Impact Notes: no problem blocks this release. Click to run Check Release Readiness.'
          : `Impact Notes: ${blocking.length} problem${blocking.length === 1 ? '' : 's'} block${blocking.length === 1 ? 's' : ''} this release. Click for the list.`;
      this.item.text = text;
      this.item.tooltip = tooltip;
      this.item.command = { title: 'Check Release Readiness', command: COMMANDS.checkReadiness.id, arguments: [pair.impactUri ?? pair.releaseUri ?? pair.folder] };
      this.item.backgroundColor = blocking.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
      this.current = { visible: true, text, tooltip, pairKey: pair.key, blocking: blocking.length };
    }
    this.changed.fire(this.current);
    return this.current;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function register(context: vscode.ExtensionContext, services: ViewServices): ReadinessStatusBar {
  const bar = new ReadinessStatusBar(services.lintService);
  context.subscriptions.push(bar);
  return bar;
}
