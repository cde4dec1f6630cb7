import { describeMarkers, FILE_START, folderLabel, quoteList, relTo } from '../../discovery/describe';
import { primaryMarker, suggestArtifacts } from '../../discovery/roots';
import { capitalize } from '../../util/text-case';
import { defineWorkspaceRule } from '../define';
import type { RootInput } from './inputs';

/**
 * Model weights, datasets or training code that exist only on this disk: gitignored and not
 * tracked in a git working copy. A workspace rule: discovery runs it on each research root; it
 * reports on the release plan, or on the file when there is no plan, unless an artifact's `paths`
 * in the plan declare the files.
 */
export const localOnlyArtifact = defineWorkspaceRule<RootInput>({
  meta: {
    name: 'local-only-artifact',
    description: 'Research artifacts are gitignored and untracked (they stay on this disk), and no release plan declares them.',
    defaultSeverity: 'info',
    fixable: false,
    source: 'SPEC §4; release content and distribution from Ovadya & Whittlestone 2019, §3.4',
  },
  checkWorkspace({ root, pathOf }, ctx) {
    const local = root.localUndeclared;
    if (!local.length) return;
    const plan = root.plan?.file ? root.plan : undefined;
    const base = plan ? plan.dir : root.dir;
    const anchor = plan?.anchor ?? FILE_START;
    if (plan && plan.isSuppressed?.(localOnlyArtifact.meta.name, anchor.start.line)) return;
    const primary = primaryMarker(local)!;
    const names = local.map((m) => relTo(m.path, base));
    const count = names.length;
    const where = plan ? `in ${root.dir === plan.dir ? "this plan's folder" : `'${relTo(root.dir, plan.dir)}/'`}` : `in ${folderLabel(root.dir)}`;
    const suggested = suggestArtifacts(local, base).map((a) => ({ ...a, id: `${a.id}-local` }));
    const globs = suggested.flatMap((a) => a.paths);
    const what = describeMarkers(local, base);
    const action = plan
      ? `list ${count === 1 ? 'it' : 'them'} in an artifact (paths${globs.length ? ` such as ${quoteList(globs, 2)}` : ''}) with the distribution ${count === 1 ? 'it' : 'they'} will have, or \`distribution: { kind: private, reason: … }\` if ${count === 1 ? 'it stays' : 'they stay'} with you`
      : `when you write a release plan for this folder, give ${count === 1 ? 'it' : 'them'} an artifact (\`distribution: { kind: private, reason: … }\` if ${count === 1 ? 'it stays' : 'they stay'} with you)`;
    ctx.report({
      message: `${capitalize(what)} ${where} ${count === 1 ? 'is' : 'are'} gitignored and not committed, so ${count === 1 ? 'it exists' : 'they exist'} only on this disk and no release plan says what happens to ${count === 1 ? 'it' : 'them'}: ${action}.`,
      path: pathOf(plan ? plan.file! : primary.path),
      file: plan ? 'release' : 'workspace',
      range: anchor.range,
      start: anchor.start,
      end: anchor.end,
      data: {
        root: root.dir || '.',
        markers: count,
        local: names.slice(0, 20).join(','),
        suggested: globs.join(','),
        artifacts: JSON.stringify(suggested),
        ...(plan ? { plan: plan.file! } : {}),
      },
    });
  },
});
