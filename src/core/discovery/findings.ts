/**
 * Findings from research roots: `release-plan-missing` on the root's most telling marker file and
 * `artifact-uncovered` on the release plan. Severities and on/off come from the configuration that
 * applies in the root's folder, like any other rule; inline suppressions in the plan apply too.
 */
import { ruleSeverity, type Config } from '../config';
import { artifactUncovered, localOnlyArtifact, releasePlanMissing } from '../rules/workspace';
import type { Finding } from '../types';
import type { MarkerKind } from './markers';
import type { Marker, ResearchRoot } from './roots';
import { parentDir, primaryMarker, suggestArtifacts } from './roots';

export interface FindingOptions {
  /** The configuration in effect in a folder (relative like the roots). */
  configFor(dir: string): Config;
  /** The path a finding carries for a relative path (absolute in the CLI, workspace-relative in the editor). */
  pathOf(rel: string): string;
}

const KIND_WORDS: Record<MarkerKind, [string, string]> = {
  weights: ['model weights', 'model weights'],
  datasets: ['a dataset file', 'dataset files'],
  training: ['training code', 'training code'],
};

function relTo(path: string, dir: string): string {
  return dir === '' ? path : path.slice(dir.length + 1);
}

function quoteList(items: string[], max = 3): string {
  const shown = items.slice(0, max).map((s) => `'${s}'`);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function andList(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "model weights ('checkpoints/a.pt'), dataset files ('data/x.parquet' and 2 more) and training code ('train.py')". */
export function describeMarkers(markers: readonly Marker[], base: string): string {
  const parts: string[] = [];
  for (const kind of ['weights', 'datasets', 'training'] as const) {
    const mine = markers.filter((m) => m.kind === kind).map((m) => relTo(m.path, base));
    if (!mine.length) continue;
    const [one, many] = KIND_WORDS[kind];
    parts.push(`${mine.length === 1 ? one : many} (${quoteList(mine, 2)})`);
  }
  return andList(parts);
}

/** A short summary for the tree: "2 weights · 1 dataset · training code". */
export function summarizeCounts(counts: Record<MarkerKind, number>): string {
  const parts: string[] = [];
  if (counts.weights) parts.push(`${counts.weights} weights file${counts.weights === 1 ? '' : 's'}`);
  if (counts.datasets) parts.push(`${counts.datasets} dataset file${counts.datasets === 1 ? '' : 's'}`);
  if (counts.training) parts.push(`${counts.training} training file${counts.training === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** How a folder is named in messages. */
export function folderLabel(dir: string): string {
  return dir === '' ? 'the top folder' : `'${dir}/'`;
}

/** The plan file as seen from a folder below it ("release.yaml", "../release.yaml"). */
function planPathFrom(planFile: string, dir: string): string {
  const planDir = parentDir(planFile);
  const rest = relTo(dir, planDir);
  const ups = rest ? rest.split('/').length : 0;
  return `${'../'.repeat(ups)}${relTo(planFile, planDir)}`;
}

function suggestedPaths(root: ResearchRoot): string {
  return root.suggested.flatMap((a) => a.paths).join(',');
}

const ZERO = { range: { start: 0, end: 0 }, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `local-only-artifact`: undeclared local-only files of a root, on its plan (or on the file without one). */
function localFindings(root: ResearchRoot, config: Config, options: FindingOptions): Finding[] {
  const local = root.localUndeclared;
  if (!local.length) return [];
  const severity = ruleSeverity(localOnlyArtifact, config);
  if (severity === 'off') return [];
  const plan = root.plan?.file ? root.plan : undefined;
  const base = plan ? plan.dir : root.dir;
  const anchor = plan?.anchor ?? ZERO;
  if (plan && plan.isSuppressed?.(localOnlyArtifact.meta.name, anchor.start.line)) return [];
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
  return [
    {
      rule: localOnlyArtifact.meta.name,
      severity,
      message: `${capitalize(what)} ${where} ${count === 1 ? 'is' : 'are'} gitignored and not committed, so ${count === 1 ? 'it exists' : 'they exist'} only on this disk and no release plan says what happens to ${count === 1 ? 'it' : 'them'}: ${action}.`,
      path: options.pathOf(plan ? plan.file! : primary.path),
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
    },
  ];
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Findings for one root (none when it is covered, or its rules are off there). */
export function rootFindings(root: ResearchRoot, options: FindingOptions): Finding[] {
  const out: Finding[] = [];
  if ((root.status === 'covered' || !root.uncovered.length) && !root.localUndeclared.length) return out;
  const config = options.configFor(root.dir);
  const zero = ZERO;
  out.push(...localFindings(root, config, options));
  if (root.status === 'covered' || !root.uncovered.length) return out;

  if (root.status === 'unplanned' || root.status === 'unmatched') {
    const severity = ruleSeverity(releasePlanMissing, config);
    const primary = root.primary;
    if (severity !== 'off' && primary) {
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
      out.push({
        rule: releasePlanMissing.meta.name,
        severity,
        message,
        path: options.pathOf(primary.path),
        file: 'workspace',
        ...zero,
        ...(grouped ? { related: members!.map((m) => ({ path: options.pathOf(m.primary!.path), ...zero, message: `${folderLabel(m.dir)}: ${describeMarkers(root.uncovered.filter((u) => u.path === m.primary!.path || u.path.startsWith(`${m.dir}/`)), m.dir)}` })) } : {}),
        data: {
          root: root.dir || '.',
          status: root.status,
          markers: root.uncovered.length,
          kinds: (['weights', 'datasets', 'training'] as const).filter((k) => root.uncovered.some((m) => m.kind === k)).join(','),
          suggested: suggestedPaths(root),
          artifacts: JSON.stringify(root.suggested),
          ...(root.plan?.file ? { plan: root.plan.file } : {}),
        },
      });
    }
  } else if (root.status === 'partial' && root.plan?.file) {
    const plan = root.plan;
    const severity = ruleSeverity(artifactUncovered, config);
    const anchor = plan.anchor ?? zero;
    if (severity !== 'off' && !plan.isSuppressed?.(artifactUncovered.meta.name, anchor.start.line)) {
      const names = root.uncovered.map((m) => relTo(m.path, plan.dir));
      const count = names.length;
      const globs = root.suggested.flatMap((a) => a.paths);
      const hint = globs.length ? ` such as ${quoteList(globs, 2)}` : '';
      const where = root.dir === plan.dir ? "this plan's folder" : `'${relTo(root.dir, plan.dir)}/'`;
      out.push({
        rule: artifactUncovered.meta.name,
        severity,
        message: `${count === 1 ? 'A research artifact' : `${count} research artifacts`} in ${where} ${count === 1 ? 'is' : 'are'} not under any artifact's paths: ${quoteList(names, 3)}. Add paths${hint} to the artifact that releases ${count === 1 ? 'it' : 'them'}, or add an artifact for ${count === 1 ? 'it' : 'them'}.`,
        path: options.pathOf(plan.file!),
        file: 'release',
        range: anchor.range,
        start: anchor.start,
        end: anchor.end,
        data: {
          root: root.dir || '.',
          status: root.status,
          markers: count,
          uncovered: names.slice(0, 20).join(','),
          suggested: suggestedPaths(root),
          artifacts: JSON.stringify(root.suggested),
        },
      });
    }
  }
  return out;
}

/** Findings for every root. */
export function discoveryFindings(roots: readonly ResearchRoot[], options: FindingOptions): Finding[] {
  return roots.flatMap((r) => rootFindings(r, options));
}
