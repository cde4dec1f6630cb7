import { describeMarkers, FILE_START, folderLabel, planPathFrom, quoteList, relTo } from '../../discovery/describe';
import { defineWorkspaceRule } from '../define';
import type { RootInput } from './inputs';

/**
 * Research artifacts (weights, datasets, training code) that no release plan covers. A workspace
 * rule: discovery runs it on each research root with no plan (or whose plan matches none of its
 * files), and it reports on the root's most telling marker file.
 */
export const releasePlanMissing = defineWorkspaceRule<RootInput>({
  meta: {
    name: 'release-plan-missing',
    description: 'A folder holds research artifacts (model weights, datasets, training code) and no release plan covers them.',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release content)',
    options: {
      respectGitignore: {
        type: 'boolean',
        default: true,
        description: 'Leave out files that .gitignore excludes (set to false when checkpoints and data are gitignored but still released).',
      },
    },
  },
  checkWorkspace({ root, pathOf }, ctx) {
    if ((root.status !== 'unplanned' && root.status !== 'unmatched') || !root.uncovered.length) return;
    const primary = root.primary;
    if (!primary) return;
    const what = describeMarkers(root.uncovered, root.dir);
    let message: string;
    const members = root.members?.filter((m) => m.primary);
    const grouped = members && members.length > 1 ? ` across ${members.length} folders (${quoteList(members.map((m) => `${relTo(m.dir, root.dir)}/`), 3)})` : '';
    if (grouped && root.status === 'unplanned') {
      message = `${folderLabel(root.dir)} holds ${what}${grouped}, and no release plan covers them: one release.yaml in ${folderLabel(root.dir)} (or above it) can list them all and how each is released.`;
    } else if (root.status === 'unplanned') {
      message = root.assessmentOnly
        ? `${folderLabel(root.dir)} holds ${what}, and its IMPACT.md has no release plan beside it: add a release.yaml that lists these artifacts and how each is released.`
        : `${folderLabel(root.dir)} holds ${what}, and no release plan covers them: create a release.yaml in this folder (or one above it) that lists these artifacts and how each is released.`;
    } else {
      const plan = root.plan?.file ? planPathFrom(root.plan.file, root.dir) : 'the release plan above';
      message = `${folderLabel(root.dir)} holds ${what}${grouped}, but none of the artifact paths in ${plan} match them: add these files to an artifact's paths, or give them an artifact of their own.`;
    }
    ctx.report({
      message,
      path: pathOf(primary.path),
      file: 'workspace',
      ...FILE_START,
      ...(grouped ? { related: members!.map((m) => ({ path: pathOf(m.primary!.path), ...FILE_START, message: `${folderLabel(m.dir)}: ${describeMarkers(root.uncovered.filter((u) => u.path === m.primary!.path || u.path.startsWith(`${m.dir}/`)), m.dir)}` })) } : {}),
      data: {
        root: root.dir || '.',
        status: root.status,
        markers: root.uncovered.length,
        kinds: (['weights', 'datasets', 'training'] as const).filter((k) => root.uncovered.some((m) => m.kind === k)).join(','),
        suggested: root.suggested.flatMap((a) => a.paths).join(','),
        artifacts: JSON.stringify(root.suggested),
        ...(root.plan?.file ? { plan: root.plan.file } : {}),
      },
    });
  },
});
