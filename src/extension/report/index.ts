/**
 * Report and exports in the editor: `impactNotes.openReport` (palette, the assessments view's title
 * bar and pair items) opens or reveals the report panel of an assessment; the three export commands
 * write text for papers and model cards. Returns an API for tests (`api.features.report`).
 */
import * as vscode from 'vscode';
import { todayUtc } from '../../core/engine';
import type { ExportFormat, ExportKind } from '../../core/report';
import { COMMANDS, type CommandKey } from '../commandTable';
import type { Services } from '../services';
import { exportCommand } from './exports';
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

  const handlers: Partial<Record<CommandKey, (arg?: unknown) => Promise<unknown>>> = {
    openReport: (arg) => open(arg),
    exportBroaderImpact: (arg) => exportCommand(services, 'broader-impact', arg, { today: () => today() }),
    exportChecklist: (arg) => exportCommand(services, 'checklist', arg, { today: () => today() }),
    exportModelCard: (arg) => exportCommand(services, 'model-card', arg, { today: () => today() }),
    writeModelCardInto: (arg) => writeModelCardInto(services, arg, () => today()),
    fillChecklistInto: (arg) => fillChecklistInto(services, arg, { today: () => today() }),
    importStatement: (arg) => importStatementCommand(services, arg, () => today()),
  };
  for (const [key, handler] of Object.entries(handlers) as [CommandKey, (arg?: unknown) => Promise<unknown>][]) {
    context.subscriptions.push(
      vscode.commands.registerCommand(COMMANDS[key].id, async (arg?: unknown) => {
        try {
          return await handler(arg);
        } catch (err) {
          const message = services.log.error(`${COMMANDS[key].title.replace(/…$/, '')} failed`, err);
          void services.prompts.showErrorMessage(`Impact Notes: ${message}`);
          return undefined;
        }
      }),
    );
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
