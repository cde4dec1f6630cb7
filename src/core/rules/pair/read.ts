/**
 * What the cross-file rules read from each side of the pair: hazard verdicts and factor ratings
 * from IMPACT.md, artifacts and safeguards from release.yaml. Plain lookups, no reporting.
 */
import { isCollection, isPair, type Node as YamlNode } from '../../util/yaml';
import { findTerm } from '../../taxonomy';
import { assessment } from '../../assessment/assessment-model';
import type { ImpactDoc } from '../../impact/impact-doc';
import type { ReleaseDoc, YamlPath } from '../../release/release-doc';
import type { OffsetRange } from '../../source-text';

export type Verdict = 'yes' | 'no' | 'unsure';

export interface HazardVerdict {
  /** Hazard type id: product, data or attention. */
  hazard: string;
  label: string;
  verdict: Verdict;
  /** 0-based line of the marker that gives the verdict. */
  line: number;
  range: OffsetRange;
}

export interface FactorRating {
  /** Path-to-harm factor id. */
  factor: string;
  label: string;
  stage: string;
  /** Rating id: low, medium, high, unknown or not-applicable. */
  rating: string;
  line: number;
  range: OffsetRange;
}

/**
 * Hazard verdicts: each hazard whose "does it apply?" has an answer in the assessment model (a
 * sub-section's `Applies:` line under any of its key aliases, or a `- **Product hazard:** yes`
 * line). A template prompt is no verdict.
 */
export function hazardVerdicts(doc: ImpactDoc | undefined, release?: ReleaseDoc): HazardVerdict[] {
  if (!doc) return [];
  const out: HazardVerdict[] = [];
  for (const q of assessment(doc, release).hazards) {
    if (!q.applies) continue;
    const range = q.valueRange ?? q.range ?? { start: 0, end: 0 };
    out.push({ hazard: q.term.id, label: q.term.label, verdict: q.applies, line: doc.source.positionAt(range.start).line, range });
  }
  return out;
}

/** Factor ratings on the scale, from the assessment model, in taxonomy order. */
export function factorRatings(doc: ImpactDoc | undefined, release?: ReleaseDoc): FactorRating[] {
  if (!doc) return [];
  const out: FactorRating[] = [];
  for (const q of assessment(doc, release).factors) {
    const range = q.valueRange ?? q.range;
    if (!q.rating || !range) continue;
    out.push({ factor: q.term.id, label: q.term.label, stage: q.term.stage ?? '', rating: q.rating.id, line: doc.source.positionAt(range.start).line, range });
  }
  return out;
}

/** "the product hazard applies (line 12)" style: 1-based line for messages. */
export function lineNo(line: number): number {
  return line + 1;
}

// ---------------------------------------------------------------------------------------------
// release.yaml side
// ---------------------------------------------------------------------------------------------

export interface PlanArtifact {
  index: number;
  id?: string;
  /** Release-content id, resolved through aliases; undefined when missing or unknown. */
  content?: string;
  timing?: string;
  distribution?: string;
  status?: string;
  /** The artifact's own `safeguards:` list, when given (safeguard ids, resolved through aliases). */
  safeguards?: string[];
  raw: Record<string, unknown>;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function kindOf(v: unknown): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).kind : v;
}

/** The plan's artifacts as data, with content/timing/distribution resolved to taxonomy ids. */
export function planArtifacts(release: ReleaseDoc | undefined): PlanArtifact[] {
  const list = release?.get(['artifacts']);
  if (!Array.isArray(list)) return [];
  const out: PlanArtifact[] = [];
  list.forEach((a, index) => {
    if (a === null || typeof a !== 'object' || Array.isArray(a)) return;
    const raw = a as Record<string, unknown>;
    const content = str(raw.content);
    const timing = str(kindOf(raw.timing));
    const distribution = str(kindOf(raw.distribution));
    const sg = raw.safeguards;
    out.push({
      index,
      id: str(raw.id),
      content: content ? findTerm('release-content', content)?.id : undefined,
      timing: timing ? findTerm('release-timing', timing)?.id : undefined,
      distribution: distribution ? findTerm('release-distribution', distribution)?.id : undefined,
      status: str(raw.status),
      safeguards: Array.isArray(sg)
        ? sg.map((s) => (typeof s === 'string' ? findTerm('safeguard', s)?.id ?? s : '')).filter(Boolean)
        : undefined,
      raw,
    });
  });
  return out;
}

/** Plan-level safeguard statuses: safeguard id → status string ('implemented', 'planned', …). */
export function planSafeguards(release: ReleaseDoc | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const sg = release?.get(['safeguards']);
  if (sg === null || typeof sg !== 'object' || Array.isArray(sg)) return out;
  for (const [k, v] of Object.entries(sg as Record<string, unknown>)) {
    const id = findTerm('safeguard', k)?.id;
    if (!id) continue;
    const status = v !== null && typeof v === 'object' ? str((v as Record<string, unknown>).status) : str(v);
    out.set(id, (status ?? '').toLowerCase());
  }
  return out;
}

/**
 * Safeguards that protect an artifact and are in place. When the artifact lists its own
 * `safeguards:`, those are the ones that apply (an empty list means none); a listed safeguard counts
 * unless the plan-level entry says it is only planned or not applicable. Otherwise every plan-level
 * safeguard with `status: implemented` applies.
 */
export function implementedSafeguards(artifact: PlanArtifact, plan: Map<string, string>): string[] {
  if (artifact.safeguards) {
    return artifact.safeguards.filter((s) => {
      const status = plan.get(s);
      return status === undefined || status === 'implemented';
    });
  }
  return [...plan.entries()].filter(([, status]) => status === 'implemented').map(([id]) => id);
}

// ---------------------------------------------------------------------------------------------
// Small shared helpers
// ---------------------------------------------------------------------------------------------

/** A string[] option, or the fallback when the value is not a list of strings. */
export function stringList(v: unknown, fallback: readonly string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : [...fallback];
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The value range at a path, without the trailing line break and comment that the yaml library
 * counts into a block collection's range (it ends where the last item's own value ends).
 */
export function tightValueRange(release: ReleaseDoc, path: YamlPath): OffsetRange {
  const r = release.rangeOf(path, 'value');
  const node = release.node(path);
  let end = node ? contentEnd(node, 0) ?? r.end : r.end;
  end = Math.min(Math.max(end, r.start), r.end);
  const t = release.source.text;
  while (end > r.start && /\s/.test(t[end - 1])) end--;
  return { start: r.start, end };
}

function contentEnd(node: YamlNode, depth: number): number | undefined {
  if (!node.range) return undefined;
  if (depth < 100 && isCollection(node) && !node.flow && node.items.length) {
    const last = node.items[node.items.length - 1] as unknown;
    const inner = isPair(last) ? ((last.value ?? last.key) as YamlNode | null) : (last as YamlNode | null);
    if (inner && typeof inner === 'object') return contentEnd(inner, depth + 1) ?? node.range[1];
  }
  return node.range[1];
}

/**
 * Plan-level safeguard enforcement: safeguard id → `enforced` value ('released-code',
 * 'hosted-service', …), for entries that say where they are enforced.
 */
export function planSafeguardEnforcement(release: ReleaseDoc | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const sg = release?.get(['safeguards']);
  if (sg === null || typeof sg !== 'object' || Array.isArray(sg)) return out;
  for (const [k, v] of Object.entries(sg as Record<string, unknown>)) {
    const id = findTerm('safeguard', k)?.id;
    if (!id || v === null || typeof v !== 'object') continue;
    const enforced = str((v as Record<string, unknown>).enforced);
    if (enforced) out.set(id, findTerm('safeguard-enforcement', enforced)?.id ?? enforced.toLowerCase());
  }
  return out;
}
