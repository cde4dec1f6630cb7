/**
 * package.json contributions of discovery, as data (no `vscode` import): its commands, their
 * palette entries, and the menu items of the tree's "Unplanned research" nodes. The item menus are
 * merged into the tree's `view/item/context` by src/extension/tree/viewContributions.ts; the
 * commands are written into package.json by scripts/gen-discovery-contributions.ts, and
 * test/unit/discovery-contributions.test.ts fails when package.json is out of step.
 */
import { CATEGORY } from '../commandTable';

export const DISCOVERY_COMMANDS = {
  createReleasePlan: { command: 'impactNotes.discovery.createReleasePlan', title: 'Create Release Plan', category: CATEGORY, icon: '$(new-file)' },
  openReleasePlan: { command: 'impactNotes.discovery.openReleasePlan', title: 'Open Release Plan', category: CATEGORY, icon: '$(go-to-file)' },
  rescan: { command: 'impactNotes.discovery.rescan', title: 'Scan for Unplanned Research', category: CATEGORY, icon: '$(refresh)' },
} as const;

export const DISCOVERY_COMMAND_LIST = Object.values(DISCOVERY_COMMANDS);

/** Command palette: only the rescan; the node commands need a node. */
export const DISCOVERY_PALETTE: readonly { command: string; when: string }[] = [
  { command: DISCOVERY_COMMANDS.createReleasePlan.command, when: 'false' },
  { command: DISCOVERY_COMMANDS.openReleasePlan.command, when: 'false' },
  { command: DISCOVERY_COMMANDS.rescan.command, when: 'workspaceFolderCount > 0' },
];

const IN_VIEW = 'view == impactNotes.assessments';
const ROOT_ITEM = 'viewItem =~ /^impactNotes\\.researchRoot/';
const ROOT_WITH_PLAN = 'viewItem =~ /^impactNotes\\.researchRoot.*\\.hasPlan/';
const GROUP_ITEM = 'viewItem == impactNotes.group.unplannedResearch';

/** Items for `view/item/context` (inline buttons and the context menu). */
export const DISCOVERY_ITEM_MENUS: readonly { command: string; when: string; group: string }[] = [
  { command: DISCOVERY_COMMANDS.createReleasePlan.command, when: `${IN_VIEW} && ${ROOT_ITEM}`, group: 'inline@1' },
  { command: DISCOVERY_COMMANDS.openReleasePlan.command, when: `${IN_VIEW} && ${ROOT_WITH_PLAN}`, group: 'inline@2' },
  { command: DISCOVERY_COMMANDS.createReleasePlan.command, when: `${IN_VIEW} && ${ROOT_ITEM}`, group: '1_discovery@1' },
  { command: DISCOVERY_COMMANDS.openReleasePlan.command, when: `${IN_VIEW} && ${ROOT_WITH_PLAN}`, group: '1_discovery@2' },
  { command: DISCOVERY_COMMANDS.rescan.command, when: `${IN_VIEW} && ${GROUP_ITEM}`, group: 'inline@1' },
];
