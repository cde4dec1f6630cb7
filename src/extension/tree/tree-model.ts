/**
 * The content of the assessments tree, as plain data built from a pair's cached LintResult: no
 * `vscode` import, no file access, so it is cheap to rebuild on every lint and testable in Node.
 * The provider (provider.ts) turns these nodes into TreeItems and locations into editor ranges.
 *
 * Under each pair: Hazards, Path to harm (stages → factors), Access ratchet, Release plan
 * (artifacts → timing with stages, distribution), Safeguards and Problems (by severity).
 */
import {
  assessCompleteness,
  completenessLabel,
  factorAnswer,
  hazardAnswer,
  ratchetAnswer,
  type Completeness,
} from '../../core/completeness';
import type { LintResult } from '../../core/engine';
import type { ReleaseDoc, YamlPath } from '../../core/release/release-doc';
import { escapeMarkdown } from '../../core/report/escape';
import { sentenceCase } from '../../core/util/text-case';
import { findTerm, HAZARD_TYPES, PATH_STAGES, RATCHET_POSITIONS, SAFEGUARDS } from '../../core/taxonomy';
import type { OffsetRange, Position } from '../../core/source-text';
import type { FileKind, Finding, Severity } from '../../core/types';

export type NodeKind =
  | 'pair'
  | 'group'
  | 'hazard'
  | 'stage'
  | 'factor'
  | 'ratchet-position'
  | 'artifact'
  | 'timing'
  | 'release-stage'
  | 'distribution'
  | 'safeguard'
  | 'severity'
  | 'finding'
  | 'message';

export interface NodeLocation {
  file: FileKind;
  start: Position;
  end: Position;
}

export interface NodeIcon {
  /** Codicon id, e.g. "circle-filled". */
  id: string;
  /** Theme colour id, e.g. "charts.red". */
  color?: string;
}

export interface TreeNode {
  /** Unique in the whole tree and stable across rebuilds: `<pair key>::hazards::product`. */
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon?: NodeIcon;
  /** `impactNotes.<kind>` plus a qualifier where menus need one (`impactNotes.group.problems`). */
  contextValue: string;
  /** Where clicking the node goes. */
  location?: NodeLocation;
  parent?: TreeNode;
  /** Undefined for leaves. */
  children?: TreeNode[];
  /** Initial state for nodes with children. */
  expanded?: boolean;
  /** For the pair node: the completeness it shows. */
  completeness?: Completeness;
  /** Payload for tests and menus: hazard applies, factor rating id, safeguard status, severity, rule. */
  value?: string;
}

export interface PairInput {
  /** LintService's pair key. */
  key: string;
  /** Folder name (or workspace-relative path) shown as the label. */
  label: string;
  result: LintResult;
}

// ---------------------------------------------------------------------------------------------

const RATING_ICON: Record<string, NodeIcon> = {
  high: { id: 'circle-filled', color: 'charts.red' },
  medium: { id: 'circle-filled', color: 'charts.orange' },
  low: { id: 'circle-filled', color: 'charts.green' },
  unknown: { id: 'circle-filled', color: 'charts.purple' },
  'not-applicable': { id: 'circle-slash', color: 'disabledForeground' },
};
const MISSING_ICON: NodeIcon = { id: 'circle-large-outline', color: 'disabledForeground' };
const OFF_SCALE_ICON: NodeIcon = { id: 'error', color: 'problemsErrorIcon.foreground' };

const APPLIES_ICON: Record<string, NodeIcon> = {
  yes: { id: 'warning', color: 'charts.orange' },
  no: { id: 'pass', color: 'charts.green' },
  unsure: { id: 'question', color: 'charts.yellow' },
};

const SAFEGUARD_ICON: Record<string, NodeIcon> = {
  implemented: { id: 'pass-filled', color: 'testing.iconPassed' },
  planned: { id: 'clock', color: 'charts.yellow' },
  'not-applicable': { id: 'circle-slash', color: 'disabledForeground' },
};

const SEVERITY: Record<Severity, { label: string; icon: NodeIcon; order: number }> = {
  error: { label: 'Errors', icon: { id: 'error', color: 'problemsErrorIcon.foreground' }, order: 0 },
  warning: { label: 'Warnings', icon: { id: 'warning', color: 'problemsWarningIcon.foreground' }, order: 1 },
  info: { label: 'Info', icon: { id: 'info', color: 'problemsInfoIcon.foreground' }, order: 2 },
};

const CONTENT_ICON: Record<string, string> = {
  'runnable-system': 'play-circle',
  'modifiable-system': 'tools',
  'source-code': 'code',
  'training-data': 'database',
  'trained-model': 'circuit-board',
  paper: 'book',
  'harmful-use-cases': 'warning',
  samples: 'file-media',
};

const RATING_ORDER = ['high', 'medium', 'unknown', 'low', 'not-applicable'];

// ---------------------------------------------------------------------------------------------

class Builder {
  constructor(
    private readonly pairKey: string,
    readonly result: LintResult,
  ) {}

  node(parent: TreeNode | undefined, idPart: string, init: Omit<TreeNode, 'id' | 'parent'>): TreeNode {
    const n: TreeNode = { id: parent ? `${parent.id}::${idPart}` : `${this.pairKey}::${idPart}`, parent, ...init };
    if (parent) (parent.children ??= []).push(n);
    return n;
  }

  impactLoc(range: OffsetRange | undefined): NodeLocation | undefined {
    const src = this.result.impact?.source;
    if (!src || !range) return undefined;
    return { file: 'impact', start: src.positionAt(range.start), end: src.positionAt(range.end) };
  }

  releaseLoc(path: YamlPath, which: 'key' | 'value' = 'key'): NodeLocation | undefined {
    const rel = this.result.release;
    if (!rel) return undefined;
    const r = rel.rangeOf(path, which);
    return { file: 'release', start: rel.source.positionAt(r.start), end: rel.source.positionAt(r.end) };
  }

  message(parent: TreeNode, idPart: string, label: string, location?: NodeLocation): TreeNode {
    return this.node(parent, idPart, { kind: 'message', label, contextValue: 'impactNotes.message', icon: { id: 'info' }, location });
  }
}

/** Builds the subtree of one pair. */
export function buildPairTree(input: PairInput): TreeNode {
  const { result } = input;
  const b = new Builder(input.key, result);
  const impact = result.impact;
  const release = result.release;
  const completeness = impact ? assessCompleteness(impact, release) : undefined;
  const counts = countBySeverity(result.findings);
  const title = impact?.title?.text;

  const pair = b.node(undefined, 'pair', {
    kind: 'pair',
    label: input.label,
    description: completeness ? completenessLabel(completeness) : 'no IMPACT.md',
    tooltip: pairTooltip(input.label, title, completeness, counts),
    icon: { id: 'notebook', color: counts.error ? 'problemsErrorIcon.foreground' : undefined },
    contextValue: `impactNotes.pair${impact ? '.impact' : ''}${release ? '.release' : ''}`,
    location: impact ? b.impactLoc(impact.title?.range ?? { start: 0, end: 0 }) : b.releaseLoc([]),
    expanded: true,
    completeness,
  });
  // Pair ids are the pair key itself, so that reveal by key is easy.
  pair.id = input.key;

  if (impact) {
    hazards(b, pair);
    pathToHarm(b, pair);
    ratchet(b, pair);
  } else {
    b.message(pair, 'no-impact', 'No IMPACT.md beside this release plan');
  }
  releasePlan(b, pair, release);
  safeguards(b, pair, release);
  problems(b, pair, result.findings, counts);
  return pair;
}

function pairTooltip(label: string, title: string | undefined, c: Completeness | undefined, counts: Record<Severity, number>): string {
  const lines = [`**${escapeMarkdown(title ?? label)}**`, ''];
  if (c) {
    lines.push(`Assessment ${completenessLabel(c)} complete.`);
    const missing = c.items.filter((i) => !i.done);
    if (missing.length) lines.push('', ...missing.slice(0, 8).map((i) => `- ${escapeMarkdown(i.label)}: ${i.missing}`), ...(missing.length > 8 ? [`- and ${missing.length - 8} more`] : []));
  }
  lines.push('', `${counts.error} errors, ${counts.warning} warnings, ${counts.info} info.`);
  return lines.join('\n');
}

function hazards(b: Builder, pair: TreeNode): void {
  const impact = b.result.impact!;
  const section = impact.byId.get('hazards');
  const group = b.node(pair, 'hazards', {
    kind: 'group',
    label: 'Hazards',
    icon: { id: 'flame' },
    contextValue: 'impactNotes.group.hazards',
    location: b.impactLoc(section?.heading.range),
    expanded: false,
  });
  let applies = 0;
  for (const t of HAZARD_TYPES) {
    const a = hazardAnswer(impact, t);
    if (a.applies === 'yes') applies++;
    const value = a.applies ?? (a.found ? 'unanswered' : 'not assessed');
    b.node(group, t.id, {
      kind: 'hazard',
      label: sentenceCase(t.label),
      description: a.applies ?? (a.found ? a.appliesText ?? 'no Applies: value' : 'not assessed'),
      tooltip: [`**${t.label}**: ${t.definition}`, '', a.rationale ? `Rationale: ${escapeMarkdown(a.rationale)}` : '_No rationale yet._', '', `Source: ${t.source}`].join('\n'),
      icon: (a.applies && APPLIES_ICON[a.applies]) || MISSING_ICON,
      contextValue: 'impactNotes.hazard',
      location: b.impactLoc(a.range),
      value,
    });
  }
  group.description = section ? `${applies} of ${HAZARD_TYPES.length} apply` : 'section missing';
}

function pathToHarm(b: Builder, pair: TreeNode): void {
  const impact = b.result.impact!;
  const section = impact.byId.get('path-to-harm');
  const group = b.node(pair, 'path-to-harm', {
    kind: 'group',
    label: 'Path to harm',
    icon: { id: 'milestone' },
    contextValue: 'impactNotes.group.pathToHarm',
    location: b.impactLoc(section?.heading.range),
    expanded: false,
  });
  let rated = 0;
  let total = 0;
  for (const stage of PATH_STAGES) {
    const stageSub = section?.subsections.find((s) => normalise(s.heading.text) === normalise(stage.label));
    const node = b.node(group, stage.id, {
      kind: 'stage',
      label: sentenceCase(stage.label),
      tooltip: `**${stage.label}**: ${stage.question}\n\nSource: ${stage.source}`,
      icon: { id: 'debug-stackframe-dot' },
      contextValue: 'impactNotes.stage',
      location: b.impactLoc((stageSub ?? section)?.heading.range),
      expanded: true,
    });
    const ratings: string[] = [];
    for (const f of stage.factors) {
      total++;
      const a = factorAnswer(impact, f);
      if (a.rating) {
        rated++;
        ratings.push(a.rating.id);
      }
      b.node(node, f.id, {
        kind: 'factor',
        label: sentenceCase(f.label),
        description: a.rating ? a.rating.id : a.ratingText ? `${a.ratingText} (not a rating)` : 'not rated',
        tooltip: [
          `**${f.label}**: ${f.definition}`,
          '',
          a.rating && f.ratingGuide && a.rating.id in f.ratingGuide ? `${a.rating.label}: ${f.ratingGuide[a.rating.id as 'low' | 'medium' | 'high']}` : '',
          a.reasoning ? `Reasoning: ${escapeMarkdown(a.reasoning)}` : '_No reasoning yet._',
          '',
          `Source: ${f.source}`,
        ]
          .filter((l, i, all) => l !== '' || all[i - 1] !== '')
          .join('\n'),
        icon: a.rating ? RATING_ICON[a.rating.id] : a.ratingText ? OFF_SCALE_ICON : MISSING_ICON,
        contextValue: `impactNotes.factor${a.rating ? '' : '.unrated'}`,
        location: b.impactLoc(a.range),
        value: a.rating?.id ?? (a.ratingText ? 'off-scale' : 'not rated'),
      });
    }
    const worst = RATING_ORDER.find((r) => ratings.includes(r));
    const unrated = stage.factors.length - ratings.length;
    node.description = [worst ? `highest: ${worst}` : '', unrated ? `${unrated} not rated` : ''].filter(Boolean).join(', ') || undefined;
  }
  group.description = `${rated}/${total} rated`;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/^[\d().\s]+/, '').replace(/[^a-z]+/g, '');
}

function ratchet(b: Builder, pair: TreeNode): void {
  const impact = b.result.impact!;
  const section = impact.byId.get('access-ratchet');
  const a = ratchetAnswer(impact);
  const group = b.node(pair, 'access-ratchet', {
    kind: 'group',
    label: 'Access ratchet',
    description: a.position ? a.position.label : a.positionText ? `${a.positionText} (not a position)` : section ? 'no position' : 'section missing',
    icon: { id: 'lock' },
    contextValue: 'impactNotes.group.ratchet',
    location: b.impactLoc(a.range ?? section?.heading.range),
    expanded: false,
    value: a.position?.id,
  });
  const current = a.position ? RATCHET_POSITIONS.findIndex((p) => p.id === a.position!.id) : -1;
  RATCHET_POSITIONS.forEach((p, i) => {
    b.node(group, p.id, {
      kind: 'ratchet-position',
      label: sentenceCase(p.label),
      description: i === current ? 'current position' : undefined,
      tooltip: `**${p.label}**: ${p.definition}\n\nSource: ${p.source}`,
      icon: i === current ? { id: 'arrow-right', color: 'charts.orange' } : { id: i < current ? 'pass' : 'circle-small', color: i < current ? undefined : 'disabledForeground' },
      contextValue: `impactNotes.ratchetPosition${i === current ? '.current' : ''}`,
      location: b.impactLoc(a.range ?? section?.heading.range),
      value: p.id,
    });
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : v instanceof Date ? v.toISOString().slice(0, 10) : undefined;
}

function releasePlan(b: Builder, pair: TreeNode, release: ReleaseDoc | undefined): void {
  const group = b.node(pair, 'release-plan', {
    kind: 'group',
    label: 'Release plan',
    icon: { id: 'package' },
    contextValue: 'impactNotes.group.releasePlan',
    location: release ? b.releaseLoc(['artifacts']) : undefined,
    expanded: false,
  });
  if (!release) {
    group.description = 'no release.yaml';
    b.message(group, 'no-release', 'No release.yaml beside IMPACT.md');
    return;
  }
  if (release.value === undefined) {
    group.description = 'unreadable';
    b.message(group, 'unreadable', 'release.yaml could not be read: see Problems', b.releaseLoc([]));
    return;
  }
  const artifacts = release.get(['artifacts']);
  if (!Array.isArray(artifacts) || artifacts.length === 0) {
    group.description = 'no artifacts';
    b.message(group, 'no-artifacts', 'No artifacts listed yet', b.releaseLoc(['artifacts']));
    return;
  }
  group.description = `${artifacts.length} artifact${artifacts.length === 1 ? '' : 's'}`;
  artifacts.forEach((art, i) => {
    const a = (art && typeof art === 'object' ? art : {}) as Record<string, unknown>;
    const id = str(a.id) ?? `#${i + 1}`;
    const content = str(a.content);
    const timing = (a.timing && typeof a.timing === 'object' ? a.timing : {}) as Record<string, unknown>;
    const dist = (a.distribution && typeof a.distribution === 'object' ? a.distribution : {}) as Record<string, unknown>;
    const timingKind = str(timing.kind);
    const distKind = str(dist.kind);
    const contentTerm = content ? findTerm('release-content', content) : undefined;
    const node = b.node(group, `artifact-${i}`, {
      kind: 'artifact',
      label: id,
      description: [timingKind ?? 'no timing', distKind ?? 'no distribution'].join(' · '),
      tooltip: [`**${escapeMarkdown(id)}**${contentTerm ? ` (${contentTerm.label})` : ''}`, '', str(a.description) ? escapeMarkdown(str(a.description)!) : ''].join('\n').trim(),
      icon: { id: (content && CONTENT_ICON[content]) || 'file' },
      contextValue: 'impactNotes.artifact',
      location: b.releaseLoc(['artifacts', i, 'id'], 'value'),
      expanded: false,
      value: content,
    });
    const timingTerm = timingKind ? findTerm('release-timing', timingKind) : undefined;
    const timingNode = b.node(node, 'timing', {
      kind: 'timing',
      label: 'Timing',
      description: timingKind ? [timingKind, timingDetail(timing)].filter(Boolean).join(': ') : 'missing',
      tooltip: timingTerm ? `**${timingTerm.label}**: ${timingTerm.definition}\n\nSource: ${timingTerm.source}` : undefined,
      icon: { id: 'calendar' },
      contextValue: `impactNotes.timing${timingKind ? `.${timingKind}` : ''}`,
      location: b.releaseLoc(['artifacts', i, 'timing']),
      value: timingKind,
    });
    const stages = Array.isArray(timing.stages) ? timing.stages : [];
    if (timingKind === 'staged' || stages.length) {
      timingNode.expanded = true;
      stages.forEach((st, j) => {
        const s = (st && typeof st === 'object' ? st : {}) as Record<string, unknown>;
        const when = str(s.date) ?? (str(s.after) ? `after ${str(s.after)}` : 'no date or event');
        b.node(timingNode, `stage-${j}`, {
          kind: 'release-stage',
          label: when,
          description: [str(s.release), str(s.distribution), str(s.status)].filter(Boolean).join(' · ') || undefined,
          tooltip: stageTooltip(s),
          icon: { id: s.status === 'released' ? 'pass' : str(s.date) ? 'calendar' : 'debug-pause' },
          contextValue: 'impactNotes.releaseStage',
          location: b.releaseLoc(['artifacts', i, 'timing', 'stages', j], 'value'),
          value: str(s.date) ?? str(s.after),
        });
      });
      if (stages.length === 0) b.message(timingNode, 'no-stages', 'No stages yet', b.releaseLoc(['artifacts', i, 'timing']));
    }
    const distTerm = distKind ? findTerm('release-distribution', distKind) : undefined;
    b.node(node, 'distribution', {
      kind: 'distribution',
      label: 'Distribution',
      description: distKind ?? 'missing',
      tooltip: distTerm ? `**${distTerm.label}**: ${distTerm.definition}\n\nSource: ${distTerm.source}` : undefined,
      icon: { id: distKind === 'public' ? 'globe' : distKind === 'private' ? 'lock' : distKind === 'hosted' ? 'cloud' : 'organization' },
      contextValue: `impactNotes.distribution${distKind ? `.${distKind}` : ''}`,
      location: b.releaseLoc(['artifacts', i, 'distribution']),
      value: distKind,
    });
  });
}

/** A stage's own access details (process, community, licence, url), as Markdown lines; undefined when it has none. */
function stageTooltip(s: Record<string, unknown>): string | undefined {
  const rows = (
    [
      ['Access process', str(s.process)],
      ['Community', str(s.community)],
      ['Licence', str(s.license)],
      ['URL', str(s.url)],
    ] as [string, string | undefined][]
  ).filter((r): r is [string, string] => !!r[1]);
  return rows.length ? rows.map(([k, v]) => `${k}: ${escapeMarkdown(v)}`).join('\n\n') : undefined;
}

function timingDetail(t: Record<string, unknown>): string | undefined {
  switch (t.kind) {
    case 'timed':
      return str(t.date);
    case 'periodic':
      return [str(t.every) && `every ${str(t.every)}`, str(t.next) && `next ${str(t.next)}`].filter(Boolean).join(', ') || undefined;
    case 'evented':
      return str(t.event);
    case 'staged':
      return Array.isArray(t.stages) ? `${t.stages.length} stages` : undefined;
    case 'withheld':
      return str(t.reason);
    default:
      return undefined;
  }
}

function safeguards(b: Builder, pair: TreeNode, release: ReleaseDoc | undefined): void {
  if (!release || release.value === undefined) return;
  const value = release.get(['safeguards']);
  const map = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const group = b.node(pair, 'safeguards', {
    kind: 'group',
    label: 'Safeguards',
    icon: { id: 'shield' },
    contextValue: 'impactNotes.group.safeguards',
    location: b.releaseLoc(['safeguards']),
    expanded: false,
  });
  let implemented = 0;
  for (const t of SAFEGUARDS) {
    const entry = map[t.id];
    const status = entry && typeof entry === 'object' ? str((entry as Record<string, unknown>).status) : typeof entry === 'string' ? entry : undefined;
    if (status === 'implemented') implemented++;
    const detail = entry && typeof entry === 'object' ? str((entry as Record<string, unknown>).detail) ?? str((entry as Record<string, unknown>).reason) : undefined;
    b.node(group, t.id, {
      kind: 'safeguard',
      label: sentenceCase(t.label),
      description: status ?? (entry === undefined ? 'not listed' : 'no status'),
      tooltip: [`**${t.label}**: ${t.definition}`, '', detail ? escapeMarkdown(detail) : '', `Source: ${t.source}`].filter(Boolean).join('\n\n'),
      icon: (status && SAFEGUARD_ICON[status]) || MISSING_ICON,
      contextValue: `impactNotes.safeguard${status ? '' : '.missing'}`,
      location: entry === undefined ? b.releaseLoc(['safeguards']) : b.releaseLoc(['safeguards', t.id]),
      value: status ?? 'missing',
    });
  }
  group.description = `${implemented} of ${SAFEGUARDS.length} implemented`;
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function problems(b: Builder, pair: TreeNode, findings: readonly Finding[], counts: Record<Severity, number>): void {
  const total = findings.length;
  const group = b.node(pair, 'problems', {
    kind: 'group',
    label: 'Problems',
    description: total ? (['error', 'warning', 'info'] as Severity[]).filter((s) => counts[s]).map((s) => `${counts[s]} ${s === 'info' ? 'info' : s + (counts[s] === 1 ? '' : 's')}`).join(', ') : 'none',
    icon: total ? { id: 'issues' } : { id: 'pass', color: 'testing.iconPassed' },
    contextValue: 'impactNotes.group.problems',
    expanded: counts.error > 0,
  });
  if (!total) {
    b.message(group, 'no-problems', 'No problems found');
    return;
  }
  for (const sev of ['error', 'warning', 'info'] as Severity[]) {
    const list = findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    const meta = SEVERITY[sev];
    const node = b.node(group, sev, {
      kind: 'severity',
      label: meta.label,
      description: String(list.length),
      icon: meta.icon,
      contextValue: `impactNotes.severity.${sev}`,
      expanded: true,
      value: sev,
    });
    list
      .slice()
      .sort((x, y) => (x.file === y.file ? x.range.start - y.range.start : x.file === 'impact' ? -1 : 1))
      .forEach((f, k) => {
        const file: FileKind = f.file === 'release' ? 'release' : f.file === 'card' ? 'card' : 'impact';
        b.node(node, `${k}`, {
          kind: 'finding',
          label: f.message,
          description: `${f.rule} · ${file === 'impact' ? 'IMPACT.md' : file === 'card' ? (f.path.split(/[\\/]/).pop() ?? 'README.md') : 'release.yaml'}:${f.start.line + 1}`,
          tooltip: `${escapeMarkdown(f.message)}\n\n\`${f.rule}\` (${sev})`,
          icon: meta.icon,
          contextValue: `impactNotes.finding${f.fix ? '.fixable' : ''}`,
          location: { file, start: f.start, end: f.end },
          value: f.rule,
        });
      });
  }
}

/** Depth-first search over a tree. */
export function findNode(root: TreeNode, predicate: (n: TreeNode) => boolean): TreeNode | undefined {
  if (predicate(root)) return root;
  for (const c of root.children ?? []) {
    const hit = findNode(c, predicate);
    if (hit) return hit;
  }
  return undefined;
}
