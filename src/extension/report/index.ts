/**
 * Report and exports in the editor: `impactNotes.openReport` (palette, the assessments view's title
 * bar and pair items) opens or reveals the report panel of an assessment; one export command per export
 * of src/core/exports writes text for papers and model cards. Returns an API for tests (`api.features.report`).
 */
import * as vscode from 'vscode';
import { todayUtc } from '../../core/engine';
import { EXPORTS, type ExportFormat, type ExportKind } from '../../core/report';
import { registerCommand, registerCommands } from '../command-registry';
import { EXPORT_COMMANDS } from '../command-table';
import type { Services } from '../services';
import { exportCommand } from './export-commands';
import { fillChecklistInto, importStatementCommand, writeModelCardInto } from './into';
import { listen } from '../listeners';
import { ReportPanel } from './panel';
import { pickPair } from './pick';

export { ReportPanel, parseRevealMessage, REPORT_VIEW_TYPE } from './panel';

export interface ReportApi {
  /** Opens (or reveals) the report of the pair an argument names; see pickPair. */
  open(arg?: unknown): Promise<ReportPanel | undefined>;
  /** The open report panels. */
  panels(): readonly ReportPanel[];
  export(kind: ExportKind, arg?: unknown, format?: ExportFormat): Promise<vscode.Uri | undefined>;
  /** Tests only: a fixed "today" for the reports and exports; no argument restores the real clock. */
  setTodayForTesting(today?: Date): void;
}

export function register(context: vscode.ExtensionContext, services: Services): ReportApi {
  const panels = new Map<string, ReportPanel>();
  let today: () => Date = todayUtc;

  const open = async (arg?: unknown): Promise<ReportPanel | undefined> => {
    const state = await pickPair(services, arg, 'open the report of');
    if (!state) return undefined;
    const existing = panels.get(state.key);
    if (existing) {
      existing.state = state;
      existing.render();
      existing.panel.reveal();
      return existing;
    }
    const panel = new ReportPanel(services, state, () => today());
    panels.set(state.key, panel);
    // Not kept: the panel's own emitter is disposed with the panel, which drops this listener; it
    // is counted (listeners.ts) until then through the returned Disposable, disposed here on dispose.
    const sub = listen(
      panel.onDidDispose,
      () => {
        sub.dispose();
        if (panels.get(state.key) === panel) panels.delete(state.key);
      },
      'report: panel disposed',
    );
    return panel;
  };

  registerCommands(context, services, {
    openReport: (arg) => open(arg),
    writeModelCardInto: (arg) => writeModelCardInto(services, arg, () => today()),
    fillChecklistInto: (arg) => fillChecklistInto(services, arg, { today: () => today() }),
    importStatement: (arg) => importStatementCommand(services, arg, () => today()),
  });
  // One command per export (src/core/exports).
  for (const spec of EXPORTS) {
    registerCommand(context, services, EXPORT_COMMANDS.get(spec.kind)!, (arg) => exportCommand(services, spec.kind, arg, { today: () => today() }));
  }
  context.subscriptions.push({ dispose: () => [...panels.values()].forEach((p) => p.dispose()) });

  return {
    open,
    panels: () => [...panels.values()],
    export: (kind, arg, format) => exportCommand(services, kind, arg, { format, today: () => today() }),
    setTodayForTesting: (d) => {
      today = d ? () => d : todayUtc;
      for (const p of panels.values()) p.render();
    },
  };
}
