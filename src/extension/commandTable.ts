/**
 * The one command table: ids, titles, palette `when` clauses and menus. Pure data (no `vscode`
 * import) so scripts/gen-settings.ts can write package.json's contributes.commands and menus from
 * it, and a unit test can check that package.json agrees. Handlers are bound in commands.ts.
 */

export const CATEGORY = 'Impact Notes';

export interface CommandSpec {
  id: string;
  title: string;
  /** When the command shows in the command palette (omit = always). */
  palette?: string;
  /** Explorer context menu on folders. */
  explorerFolder?: boolean;
  icon?: string;
  /** Editor context menu (when clause) */
  editorContext?: string;
}

/** Where a pair file is being edited: IMPACT.md or a release.yaml recognised as a plan. */
export const WHEN_PAIR_FILE = 'resourceFilename =~ /^(impact\\.md|release\\.ya?ml)$/i';
export const WHEN_WORKSPACE = 'workspaceFolderCount > 0';

export const COMMANDS = {
  newAssessment: { id: 'impactNotes.newAssessment', title: 'New Impact Assessment…', palette: WHEN_WORKSPACE },
  runAssessment: { id: 'impactNotes.runAssessment', title: 'Run Assessment…', palette: WHEN_WORKSPACE },
  lintWorkspace: { id: 'impactNotes.lintWorkspace', title: 'Lint Workspace', palette: WHEN_WORKSPACE },
  checkReadiness: { id: 'impactNotes.checkReleaseReadiness', title: 'Check Release Readiness', palette: WHEN_WORKSPACE },
  createReleasePlan: { id: 'impactNotes.createReleasePlan', title: 'Create Release Plan for Folder', palette: WHEN_WORKSPACE, explorerFolder: true },
  showRuleDocumentation: { id: 'impactNotes.showRuleDocumentation', title: 'Show Rule Documentation' },
  showOutput: { id: 'impactNotes.showOutput', title: 'Show Output' },
  /** Internal: applies a code action's follow-up (not in the palette). */
  applyFixAll: { id: 'impactNotes.fixAll', title: 'Fix All Auto-fixable Problems', palette: `${WHEN_PAIR_FILE} && editorIsOpen` },
  // Report and exports (src/extension/report/).
  openReport: { id: 'impactNotes.openReport', title: 'Open Report', palette: WHEN_WORKSPACE, icon: '$(graph)' },
  exportBroaderImpact: { id: 'impactNotes.exportBroaderImpact', title: 'Export Broader-Impact Statement…', palette: WHEN_WORKSPACE },
  exportChecklist: { id: 'impactNotes.exportChecklist', title: 'Export Conference Checklist Answers…', palette: WHEN_WORKSPACE },
  exportModelCard: { id: 'impactNotes.exportModelCard', title: 'Export Model-Card Section…', palette: WHEN_WORKSPACE },
  // In-place writes and the paper import (src/extension/report/into.ts).
  writeModelCardInto: { id: 'impactNotes.writeModelCardInto', title: 'Write Model-Card Section into README…', palette: WHEN_WORKSPACE },
  fillChecklistInto: { id: 'impactNotes.fillChecklistInto', title: 'Fill NeurIPS Checklist…', palette: WHEN_WORKSPACE },
  importStatement: { id: 'impactNotes.importStatement', title: 'Import Broader-Impact Statement…', palette: WHEN_WORKSPACE },
} as const satisfies Record<string, CommandSpec>;

export type CommandKey = keyof typeof COMMANDS;
export const COMMAND_LIST: readonly CommandSpec[] = Object.values(COMMANDS);
