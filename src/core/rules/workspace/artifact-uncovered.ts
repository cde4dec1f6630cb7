import { FILE_START, quoteList, relTo } from '../../discovery/describe';
import { defineWorkspaceRule } from '../define';
import type { RootInput } from './inputs';

/**
 * A release plan whose folder holds research artifacts that none of its artifacts' `paths` match.
 * A workspace rule: discovery runs it on each research root its plan covers in part, and it
 * reports on the plan's `artifacts:` key.
 */
export const artifactUncovered = defineWorkspaceRule<RootInput>({
  meta: {
    name: 'artifact-uncovered',
    description: "Research artifacts in a release plan's folder match none of its artifacts' paths.",
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release content)',
  },
  checkWorkspace({ root, pathOf }, ctx) {
    const plan = root.plan;
    if (root.status !== 'partial' || !plan?.file || !root.uncovered.length) return;
    const anchor = plan.anchor ?? FILE_START;
    if (plan.isSuppressed?.(artifactUncovered.meta.name, anchor.start.line)) return;
    const names = root.uncovered.map((m) => relTo(m.path, plan.dir));
    const count = names.length;
    const globs = root.suggested.flatMap((a) => a.paths);
    const hint = globs.length ? ` such as ${quoteList(globs, 2)}` : '';
    const where = root.dir === plan.dir ? "this plan's folder" : `'${relTo(root.dir, plan.dir)}/'`;
    ctx.report({
      message: `${count === 1 ? 'A research artifact' : `${count} research artifacts`} in ${where} ${count === 1 ? 'is' : 'are'} not under any artifact's paths: ${quoteList(names, 3)}. Add paths${hint} to the artifact that releases ${count === 1 ? 'it' : 'them'}, or add an artifact for ${count === 1 ? 'it' : 'them'}.`,
      path: pathOf(plan.file),
      file: 'release',
      range: anchor.range,
      start: anchor.start,
      end: anchor.end,
      data: {
        root: root.dir || '.',
        status: root.status,
        markers: count,
        uncovered: names.slice(0, 20).join(','),
        suggested: root.suggested.flatMap((a) => a.paths).join(','),
        artifacts: JSON.stringify(root.suggested),
      },
    });
  },
});
