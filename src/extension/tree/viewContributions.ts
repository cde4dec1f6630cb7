/**
 * The package.json contributions of the view features, as data: the activity-bar container, the
 * assessments view and its welcome content, the tree's commands and menus, snippets and the
 * getting-started walkthrough. scripts/gen-view-contributions.ts merges them into package.json
 * (only these keys and these command ids), and a unit test checks package.json agrees.
 * No `vscode` import.
 */
import { CATEGORY, COMMANDS } from '../commandTable';
import { DISCOVERY_ITEM_MENUS } from '../discovery/contributions';

export const CONTAINER_ID = 'impactNotes';
export const VIEW_ID = 'impactNotes.assessments';
export const HAS_ASSESSMENTS_KEY = 'impactNotes.hasAssessments';
const IN_VIEW = `view == ${VIEW_ID}`;

export interface ViewCommand {
  command: string;
  title: string;
  category: string;
  icon?: string;
}

/**
 * Commands the tree owns. Most forward to the workspace commands of commandTable.ts with the node's
 * pair (and give title-bar buttons their icons); all but refresh and revealPair are hidden from the
 * palette, where the workspace commands already are.
 */
export const VIEW_COMMANDS: readonly ViewCommand[] = [
  { command: 'impactNotes.tree.refresh', title: 'Refresh Assessments View', category: CATEGORY, icon: '$(refresh)' },
  { command: 'impactNotes.tree.lintWorkspace', title: 'Lint Workspace', category: CATEGORY, icon: '$(checklist)' },
  { command: 'impactNotes.tree.revealPair', title: 'Show Assessment in Tree View', category: CATEGORY, icon: '$(list-tree)' },
  { command: 'impactNotes.tree.openImpact', title: 'Open IMPACT.md', category: CATEGORY, icon: '$(go-to-file)' },
  { command: 'impactNotes.tree.openRelease', title: 'Open release.yaml', category: CATEGORY, icon: '$(package)' },
  { command: 'impactNotes.tree.runAssessment', title: 'Run Assessment…', category: CATEGORY, icon: '$(checklist)' },
  { command: 'impactNotes.tree.checkReadiness', title: 'Check Release Readiness', category: CATEGORY, icon: '$(pass)' },
];

/** `impactNotes.tree.revealPair` in the palette only where a pair file is open. */
const PALETTE_WHEN: Record<string, string> = {
  'impactNotes.tree.revealPair': 'resourceFilename =~ /^(impact\\.md|release\\.ya?ml)$/i',
  'impactNotes.tree.refresh': 'workspaceFolderCount > 0',
};

const PAIR_ITEM = 'viewItem =~ /^impactNotes\\.pair/';

export function viewContributions() {
  return {
    viewsContainers: {
      activitybar: [{ id: CONTAINER_ID, title: 'Impact Notes', icon: 'media/impact-notes.svg' }],
    },
    views: {
      [CONTAINER_ID]: [
        {
          id: VIEW_ID,
          name: 'Assessments',
          icon: 'media/impact-notes.svg',
          contextualTitle: 'Impact Notes',
        },
      ],
    },
    viewsWelcome: [
      {
        view: VIEW_ID,
        contents: [
          'No impact assessment in this workspace yet. An assessment is an IMPACT.md (what the work makes possible, its hazards and paths to harm) with a release.yaml beside it (what goes out, when, to whom).',
          `[New Impact Assessment](command:${COMMANDS.newAssessment.id})`,
          `Already have one elsewhere in the workspace? [Lint Workspace](command:${COMMANDS.lintWorkspace.id}) to find it, or read the [getting-started walkthrough](command:workbench.action.openWalkthrough?%5B%22impact-notes.impact-notes%23gettingStarted%22%5D).`,
        ].join('\n'),
        when: `!${HAS_ASSESSMENTS_KEY}`,
      },
    ],
    viewTitleMenu: [
      { command: COMMANDS.openReport.id, when: IN_VIEW, group: 'navigation@0' },
      { command: 'impactNotes.tree.lintWorkspace', when: IN_VIEW, group: 'navigation@1' },
      { command: 'impactNotes.tree.refresh', when: IN_VIEW, group: 'navigation@2' },
      { command: COMMANDS.newAssessment.id, when: IN_VIEW, group: 'more@1' },
    ],
    viewItemMenu: [
      { command: 'impactNotes.tree.checkReadiness', when: `${IN_VIEW} && ${PAIR_ITEM}`, group: 'inline@1' },
      { command: 'impactNotes.tree.runAssessment', when: `${IN_VIEW} && viewItem =~ /^impactNotes\\.pair\\.impact/`, group: '1_assessment@1' },
      { command: 'impactNotes.tree.checkReadiness', when: `${IN_VIEW} && ${PAIR_ITEM}`, group: '1_assessment@2' },
      { command: COMMANDS.openReport.id, when: `${IN_VIEW} && ${PAIR_ITEM}`, group: '1_assessment@3' },
      { command: 'impactNotes.tree.openImpact', when: `${IN_VIEW} && viewItem =~ /^impactNotes\\.pair\\.impact/`, group: '2_open@1' },
      { command: 'impactNotes.tree.openRelease', when: `${IN_VIEW} && viewItem =~ /^impactNotes\\.pair.*\\.release/`, group: '2_open@2' },
      // The "Unplanned research" group (src/extension/discovery).
      ...DISCOVERY_ITEM_MENUS,
    ],
    paletteMenu: VIEW_COMMANDS.map((c) => ({ command: c.command, when: PALETTE_WHEN[c.command] ?? 'false' })),
    snippets: [
      { language: 'markdown', path: './snippets/impact-md.json' },
      // release.yaml's snippets are offered by the completion provider, only where they fit
      // (src/extension/completion.ts): a static contribution would offer them everywhere.
    ],
    walkthroughs: [
      {
        id: 'gettingStarted',
        title: 'Get started with Impact Notes',
        description: 'Write an impact assessment and a release plan for your research, check them, and see when the release is ready.',
        steps: [
          {
            id: 'createAssessment',
            title: 'Create an assessment',
            description: `Scaffold IMPACT.md and release.yaml in the folder of your research code, with a prompt under every heading.\n[New Impact Assessment](command:${COMMANDS.newAssessment.id})`,
            media: { markdown: 'media/walkthrough/create-assessment.md' },
            completionEvents: [`onCommand:${COMMANDS.newAssessment.id}`, `onContext:${HAS_ASSESSMENTS_KEY}`],
          },
          {
            id: 'runAssessment',
            title: 'Run the assessment',
            description: `Answer the hazard, path-to-harm and access-ratchet questions one at a time; each answer lands in IMPACT.md as an ordinary, undoable edit.\n[Run Assessment](command:${COMMANDS.runAssessment.id})`,
            media: { markdown: 'media/walkthrough/run-assessment.md' },
            completionEvents: [`onCommand:${COMMANDS.runAssessment.id}`],
          },
          {
            id: 'readProblems',
            title: 'Read the problems',
            description: 'Every finding names its rule and links to a page that explains it; many come with a quick fix.\n[Open the Problems panel](command:workbench.actions.view.problems)',
            media: { markdown: 'media/walkthrough/read-problems.md' },
            completionEvents: ['onCommand:workbench.actions.view.problems', `onView:${VIEW_ID}`],
          },
          {
            id: 'checkReadiness',
            title: 'Check release readiness',
            description: `A pass/fail gate: the release is ready when nothing blocking is left.\n[Check Release Readiness](command:${COMMANDS.checkReadiness.id})`,
            media: { markdown: 'media/walkthrough/check-readiness.md' },
            completionEvents: [`onCommand:${COMMANDS.checkReadiness.id}`],
          },
        ],
      },
    ],
  };
}
