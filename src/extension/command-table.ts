/**
 * The one command table: every command of the extension as one record (id, title, category, icon,
 * palette `when` clause, menus, README text). Pure data (no `vscode` import): scripts/gen-manifest.ts
 * writes package.json's contributes.commands and contributes.menus from it, scripts/gen-rule-docs.ts
 * the README's command table, and test/unit/command-records.test.ts checks that package.json agrees
 * both ways. Handlers are bound with the one registration function, src/extension/command-registry.ts
 * (`registerCommands(context, services, { key: handler })`), which wraps each in the error wrapper.
 * The export commands come from the export list (src/core/exports).
 */
import { EXPORTS } from '../core/exports';

export const CATEGORY = 'Impact Notes';

/** The menus a command can appear in (besides the command palette). */
export type MenuId = 'explorer/context' | 'view/title' | 'view/item/context' | 'editor/context';

export interface MenuItem {
  menu: MenuId;
  when: string;
  /** `group@order`: VS Code sorts a menu by these, not by the order of package.json. */
  group: string;
}

export interface CommandRecord {
  id: string;
  title: string;
  category: string;
  /** A codicon (`$(name)`) for title-bar and inline buttons. */
  icon?: string;
  /** When the command shows in the command palette; omit to show it always, `'false'` to hide it. */
  palette?: string;
  /** Where else it appears: menus with their `when` clauses and groups. */
  menus?: readonly MenuItem[];
  /** What the command does, for the README's command table; omit to leave it out. */
  readme?: string;
}

type Spec = Omit<CommandRecord, 'category'> & { category?: string };
const command = (spec: Spec): CommandRecord => ({ category: CATEGORY, ...spec });

/** Where a pair file is being edited: IMPACT.md or a release.yaml recognised as a plan. */
export const WHEN_PAIR_FILE = 'resourceFilename =~ /^(impact\\.md|release\\.ya?ml)$/i';
export const WHEN_WORKSPACE = 'workspaceFolderCount > 0';

/** The assessments tree view (src/extension/tree) and the `when` clauses of its menus. */
export const ASSESSMENTS_VIEW = 'impactNotes.assessments';
const IN_VIEW = `view == ${ASSESSMENTS_VIEW}`;
const PAIR_ITEM = `${IN_VIEW} && viewItem =~ /^impactNotes\\.pair/`;
const IMPACT_ITEM = `${IN_VIEW} && viewItem =~ /^impactNotes\\.pair\\.impact/`;
const RELEASE_ITEM = `${IN_VIEW} && viewItem =~ /^impactNotes\\.pair.*\\.release/`;
const ROOT_ITEM = `${IN_VIEW} && viewItem =~ /^impactNotes\\.researchRoot/`;
const ROOT_WITH_PLAN = `${IN_VIEW} && viewItem =~ /^impactNotes\\.researchRoot.*\\.hasPlan/`;
const UNPLANNED_GROUP = `${IN_VIEW} && viewItem == impactNotes.group.unplannedResearch`;
const EXPLORER_FOLDER = 'explorerResourceIsFolder';

/** Commands listed before the export commands. */
const LEADING = {
  newAssessment: command({
    id: 'impactNotes.newAssessment',
    title: 'New Impact Assessment…',
    palette: WHEN_WORKSPACE,
    menus: [
      { menu: 'explorer/context', when: EXPLORER_FOLDER, group: '7_modification@8' },
      { menu: 'view/title', when: IN_VIEW, group: 'more@1' },
    ],
    readme: 'Scaffolds IMPACT.md and release.yaml in a folder (a research folder, a new one or any empty one; also in the Explorer\'s folder menu), asking modality, artifacts and review level. Never overwrites.',
  }),
  runAssessment: command({ id: 'impactNotes.runAssessment', title: 'Run Assessment…', palette: WHEN_WORKSPACE, readme: 'A guided, resumable walk through every hazard and path-to-harm factor that writes your answers into IMPACT.md as undoable edits.' }),
  lintWorkspace: command({ id: 'impactNotes.lintWorkspace', title: 'Lint Workspace', palette: WHEN_WORKSPACE, readme: 'Lints every assessment in the workspace, open or not.' }),
  checkReadiness: command({ id: 'impactNotes.checkReleaseReadiness', title: 'Check Release Readiness', palette: WHEN_WORKSPACE, readme: 'A pass/fail gate listing what blocks the release.' }),
  createReleasePlan: command({
    id: 'impactNotes.createReleasePlan',
    title: 'Create Release Plan for Folder',
    palette: WHEN_WORKSPACE,
    menus: [{ menu: 'explorer/context', when: EXPLORER_FOLDER, group: '7_modification@9' }],
    readme: 'Writes a release.yaml covering the research artifacts found in a folder (also in the Explorer\'s folder menu).',
  }),
  showRuleDocumentation: command({ id: 'impactNotes.showRuleDocumentation', title: 'Show Rule Documentation', readme: 'Opens a rule\'s page, rendered and read-only, from the copy bundled with the extension.' }),
  showOutput: command({ id: 'impactNotes.showOutput', title: 'Show Output' }),
  /** Reads samples' Content Credentials and hashes files with a stated sha256 (src/extension/provenance.ts). */
  checkProvenance: command({ id: 'impactNotes.checkProvenance', title: 'Check Provenance (Content Credentials and Checksums)', palette: WHEN_WORKSPACE }),
  /** Applies a code action's follow-up; in the palette only in a pair file. */
  applyFixAll: command({ id: 'impactNotes.fixAll', title: 'Fix All Auto-fixable Problems', palette: `${WHEN_PAIR_FILE} && editorIsOpen` }),
  // Report and exports (src/extension/report/).
  openReport: command({
    id: 'impactNotes.openReport',
    title: 'Open Report',
    palette: WHEN_WORKSPACE,
    icon: '$(graph)',
    menus: [
      { menu: 'view/title', when: IN_VIEW, group: 'navigation@0' },
      { menu: 'view/item/context', when: PAIR_ITEM, group: '1_assessment@3' },
    ],
    readme: 'The report panel (below).',
  }),
} as const;

/** Commands listed after the export commands. */
const TRAILING = {
  // In-place writes and the paper import (src/extension/report/into.ts).
  writeModelCardInto: command({ id: 'impactNotes.writeModelCardInto', title: 'Write Model-Card Section into README…', palette: WHEN_WORKSPACE }),
  fillChecklistInto: command({ id: 'impactNotes.fillChecklistInto', title: 'Fill NeurIPS Checklist…', palette: WHEN_WORKSPACE }),
  importStatement: command({ id: 'impactNotes.importStatement', title: 'Import Broader-Impact Statement…', palette: WHEN_WORKSPACE }),
  // The tree's "Unplanned research" group (src/extension/discovery): the node commands need a node.
  discoveryCreateReleasePlan: command({
    id: 'impactNotes.discovery.createReleasePlan',
    title: 'Create Release Plan',
    icon: '$(new-file)',
    palette: 'false',
    menus: [
      { menu: 'view/item/context', when: ROOT_ITEM, group: 'inline@1' },
      { menu: 'view/item/context', when: ROOT_ITEM, group: '1_discovery@1' },
    ],
  }),
  discoveryOpenReleasePlan: command({
    id: 'impactNotes.discovery.openReleasePlan',
    title: 'Open Release Plan',
    icon: '$(go-to-file)',
    palette: 'false',
    menus: [
      { menu: 'view/item/context', when: ROOT_WITH_PLAN, group: 'inline@2' },
      { menu: 'view/item/context', when: ROOT_WITH_PLAN, group: '1_discovery@2' },
    ],
  }),
  discoveryRescan: command({
    id: 'impactNotes.discovery.rescan',
    title: 'Scan for Unplanned Research',
    icon: '$(refresh)',
    palette: WHEN_WORKSPACE,
    menus: [{ menu: 'view/item/context', when: UNPLANNED_GROUP, group: 'inline@1' }],
  }),
  // The assessments tree (src/extension/tree): most forward to the workspace commands above with the
  // node's pair (and give title-bar buttons their icons); all but refresh and revealPair are hidden
  // from the palette, where the workspace commands already are.
  treeRefresh: command({
    id: 'impactNotes.tree.refresh',
    title: 'Refresh Assessments View',
    icon: '$(refresh)',
    palette: WHEN_WORKSPACE,
    menus: [{ menu: 'view/title', when: IN_VIEW, group: 'navigation@2' }],
  }),
  treeLintWorkspace: command({
    id: 'impactNotes.tree.lintWorkspace',
    title: 'Lint Workspace',
    icon: '$(checklist)',
    palette: 'false',
    menus: [{ menu: 'view/title', when: IN_VIEW, group: 'navigation@1' }],
  }),
  treeRevealPair: command({ id: 'impactNotes.tree.revealPair', title: 'Show Assessment in Tree View', icon: '$(list-tree)', palette: WHEN_PAIR_FILE }),
  treeOpenImpact: command({
    id: 'impactNotes.tree.openImpact',
    title: 'Open IMPACT.md',
    icon: '$(go-to-file)',
    palette: 'false',
    menus: [{ menu: 'view/item/context', when: IMPACT_ITEM, group: '2_open@1' }],
  }),
  treeOpenRelease: command({
    id: 'impactNotes.tree.openRelease',
    title: 'Open release.yaml',
    icon: '$(package)',
    palette: 'false',
    menus: [{ menu: 'view/item/context', when: RELEASE_ITEM, group: '2_open@2' }],
  }),
  treeRunAssessment: command({
    id: 'impactNotes.tree.runAssessment',
    title: 'Run Assessment…',
    icon: '$(checklist)',
    palette: 'false',
    menus: [{ menu: 'view/item/context', when: IMPACT_ITEM, group: '1_assessment@1' }],
  }),
  treeCheckReadiness: command({
    id: 'impactNotes.tree.checkReadiness',
    title: 'Check Release Readiness',
    icon: '$(pass)',
    palette: 'false',
    menus: [
      { menu: 'view/item/context', when: PAIR_ITEM, group: 'inline@1' },
      { menu: 'view/item/context', when: PAIR_ITEM, group: '1_assessment@2' },
    ],
  }),
} as const;

/** Every command but the exports, by key (what handlers are bound to). */
export const COMMANDS = { ...LEADING, ...TRAILING } as const;
export type CommandKey = keyof typeof COMMANDS;

/** The command of each export (src/core/exports), by export kind. */
export const EXPORT_COMMANDS: ReadonlyMap<string, CommandRecord> = new Map(
  EXPORTS.map((e) => [e.kind, command({ id: e.command.id, title: e.command.title, palette: WHEN_WORKSPACE, readme: e.command.readme })]),
);

/** Every command, in package.json's order. */
export const COMMAND_LIST: readonly CommandRecord[] = [...Object.values(LEADING), ...EXPORT_COMMANDS.values(), ...Object.values(TRAILING)];
