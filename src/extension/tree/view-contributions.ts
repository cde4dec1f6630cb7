/**
 * The package.json contributions of the view features, as data: the activity-bar container, the
 * assessments view and its welcome content, snippets and the getting-started walkthrough. The tree's
 * commands and their menus are records of the command table (command-table.ts).
 * scripts/gen-manifest.ts writes them into package.json, and a unit test checks package.json agrees.
 * No `vscode` import.
 */
import { ASSESSMENTS_VIEW, COMMANDS } from '../command-table';

export const CONTAINER_ID = 'impactNotes';
export const VIEW_ID = ASSESSMENTS_VIEW;
export const HAS_ASSESSMENTS_KEY = 'impactNotes.hasAssessments';

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
