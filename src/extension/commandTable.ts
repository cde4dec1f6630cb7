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
  /** What the command does, for the README's command table (scripts/gen-rule-docs.ts); omit to leave it out. */
  readme?: string;
}

/** Where a pair file is being edited: IMPACT.md or a release.yaml recognised as a plan. */
export const WHEN_PAIR_FILE = 'resourceFilename =~ /^(impact\\.md|release\\.ya?ml)$/i';
export const WHEN_WORKSPACE = 'workspaceFolderCount > 0';

export const COMMANDS = {
  newAssessment: { id: 'impactNotes.newAssessment', title: 'New Impact Assessment…', palette: WHEN_WORKSPACE, explorerFolder: true, readme: 'Scaffolds IMPACT.md and release.yaml in a folder (a research folder, a new one or any empty one; also in the Explorer\'s folder menu), asking modality, artifacts and review level. Never overwrites.' },
  runAssessment: { id: 'impactNotes.runAssessment', title: 'Run Assessment…', palette: WHEN_WORKSPACE, readme: 'A guided, resumable walk through every hazard and path-to-harm factor that writes your answers into IMPACT.md as undoable edits.' },
  lintWorkspace: { id: 'impactNotes.lintWorkspace', title: 'Lint Workspace', palette: WHEN_WORKSPACE, readme: 'Lints every assessment in the workspace, open or not.' },
  checkReadiness: { id: 'impactNotes.checkReleaseReadiness', title: 'Check Release Readiness', palette: WHEN_WORKSPACE, readme: 'A pass/fail gate listing what blocks the release.' },
  createReleasePlan: { id: 'impactNotes.createReleasePlan', title: 'Create Release Plan for Folder', palette: WHEN_WORKSPACE, explorerFolder: true, readme: 'Writes a release.yaml covering the research artifacts found in a folder (also in the Explorer\'s folder menu).' },
  showRuleDocumentation: { id: 'impactNotes.showRuleDocumentation', title: 'Show Rule Documentation', readme: 'Opens a rule\'s page, rendered and read-only, from the copy bundled with the extension.' },
  showOutput: { id: 'impactNotes.showOutput', title: 'Show Output' },
  /** Internal: applies a code action's follow-up (not in the palette). */
  applyFixAll: { id: 'impactNotes.fixAll', title: 'Fix All Auto-fixable Problems', palette: `${WHEN_PAIR_FILE} && editorIsOpen` },
  // Report and exports (src/extension/report/).
  openReport: { id: 'impactNotes.openReport', title: 'Open Report', palette: WHEN_WORKSPACE, icon: '$(graph)', readme: 'The report panel (below).' },
  exportBroaderImpact: { id: 'impactNotes.exportBroaderImpact', title: 'Export Broader-Impact Statement…', palette: WHEN_WORKSPACE, readme: 'A broader-impact section in Markdown or LaTeX, assembled from your own words in IMPACT.md.' },
  exportChecklist: { id: 'impactNotes.exportChecklist', title: 'Export Conference Checklist Answers…', palette: WHEN_WORKSPACE, readme: 'Answers for the NeurIPS and ACL/ARR checklists\' broader-impact and safeguard questions.' },
  exportModelCard: { id: 'impactNotes.exportModelCard', title: 'Export Model-Card Section…', palette: WHEN_WORKSPACE, readme: 'The risks section of a Hugging Face model card.' },
} as const satisfies Record<string, CommandSpec>;

export type CommandKey = keyof typeof COMMANDS;
export const COMMAND_LIST: readonly CommandSpec[] = Object.values(COMMANDS);
