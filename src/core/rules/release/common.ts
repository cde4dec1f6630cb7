/**
 * Helpers shared by the release.yaml rules: whether the file is a plan, the artifacts as plain
 * data, placeholders, dates and anchor ranges. Everything reads `ReleaseDoc.value` and the parsed
 * nodes; nothing here parses again.
 */
import { isMap } from '../../util/yaml';
import type { ReleaseDoc, YamlPath } from '../../release/release-doc';
import { parseIsoDate } from '../../release/validate';
import type { OffsetRange } from '../../source-text';
import type { RuleContext } from '../../types';

export { parseIsoDate };

/**
 * The release file the rule should look at, or undefined when there is none or it is not a plan.
 * A file is a plan when it declares `impact-release:` or sits beside an IMPACT.md (SPEC §3); when
 * the YAML is broken, a top-level `impact-release:` line in the text still counts.
 */
export function planOf(ctx: RuleContext): ReleaseDoc | undefined {
  const r = ctx.release;
  if (!r) return undefined;
  if (r.declared || ctx.impact) return r;
  if (!r.doc || r.syntaxErrors.length) return /^impact-release[ \t]*:/m.test(r.source.text) ? r : undefined;
  return undefined;
}

export type Data = Record<string, unknown>;

export function asRecord(v: unknown): Data | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : undefined;
}

/** Own property only: a key called `__proto__` or `constructor` is data, never the prototype. */
export function own(obj: Data | undefined, key: string): unknown {
  return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function has(obj: Data | undefined, key: string): boolean {
  return !!obj && Object.prototype.hasOwnProperty.call(obj, key);
}

export interface ArtifactRef {
  index: number;
  path: YamlPath;
  data: Data;
  /** The artifact's id, or `#<n>` (1-based) when it has none, for messages. */
  label: string;
}

/** The artifacts that are mappings (others are schema-violation's business). */
export function artifactsOf(plan: ReleaseDoc): ArtifactRef[] {
  const list = own(asRecord(plan.value), 'artifacts');
  if (!Array.isArray(list)) return [];
  const out: ArtifactRef[] = [];
  list.forEach((a, index) => {
    const data = asRecord(a);
    if (!data) return;
    const id = own(data, 'id');
    out.push({ index, path: ['artifacts', index], data, label: typeof id === 'string' && id.trim() ? id : `#${index + 1}` });
  });
  return out;
}

/** "artifact 'weights'" or "artifact #3". */
export function artifactName(a: ArtifactRef): string {
  return a.label.startsWith('#') ? `artifact ${a.label}` : `artifact '${a.label}'`;
}

/**
 * Values that stand in for an answer not yet given: TODO, TBD, FIXME, XXX, "…", "?", "<date>",
 * "YYYY-MM-DD". The fixes of the *-incomplete rules write `TODO`, and the same rules report it
 * until the author replaces it.
 */
export function isPlaceholder(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return (
    /^(?:todo|tbd|tbc|tba|fixme|xxx)\b/i.test(t) ||
    /^(?:\.{2,}|…|\?+|-+|_+)$/.test(t) ||
    /^<[^<>]*>$/.test(t) ||
    /^\[[^\][]*\]$/.test(t) ||
    /^yyyy-mm-dd$/i.test(t)
  );
}

/** A value that is absent, empty or null counts as missing. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Where a finding about a whole artifact sits: its `id` value, else its first key. */
export function artifactAnchor(plan: ReleaseDoc, a: ArtifactRef): OffsetRange {
  const node = plan.node(a.path);
  if (isMap(node)) {
    if (typeof own(a.data, 'id') === 'string') return plan.rangeOf([...a.path, 'id'], 'value');
    const k = node.items[0]?.key as { range?: [number, number, number] } | null | undefined;
    if (k?.range) return { start: k.range[0], end: k.range[1] };
  }
  return firstLine(plan, plan.rangeOf(a.path, 'value'));
}

/** Where a finding about the whole plan sits: the `impact-release` key, else the first line of content. */
export function planAnchor(plan: ReleaseDoc): OffsetRange {
  return plan.rangeOf(['impact-release'], 'key');
}

/** The range of a value, or of its key when the value is empty (`timing:` with nothing after it). */
export function valueOrKey(plan: ReleaseDoc, path: YamlPath): OffsetRange {
  const r = plan.rangeOf(path, 'value');
  return r.end > r.start ? r : plan.rangeOf(path, 'key');
}

export function firstLine(plan: ReleaseDoc, r: OffsetRange): OffsetRange {
  const line = plan.source.positionAt(r.start).line;
  return { start: r.start, end: Math.max(r.start, Math.min(r.end, plan.source.lineEnd(line))) };
}

/** "a", "a and b", "a, b and c" (or "a, b or c" with `or`). */
export function listWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
