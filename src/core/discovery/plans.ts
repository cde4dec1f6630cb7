/**
 * Release plans as discovery sees them: the folder a plan covers and the globs of its artifacts'
 * `paths`. Pure: built from a release.yaml's text (the caller reads it), or by hand in tests.
 */
import { parseRelease } from '../release/parse';
import { declaresReleasePlan } from '../pairs';
import { scanSuppressions } from '../suppress';
import type { OffsetRange, Position } from '../source-text';

export interface PlanArtifact {
  /** The artifact's id, when it has one. */
  id?: string;
  /** Globs relative to the plan's folder, as written. */
  paths: string[];
}

export interface PlanAnchor {
  range: OffsetRange;
  start: Position;
  end: Position;
}

export interface PlanInfo {
  /** The folder the plan covers ('' = the scanned folder), forward slashes. */
  dir: string;
  /** The plan file, relative like `dir` (undefined for a folder with only IMPACT.md). */
  file?: string;
  /**
   * The artifacts; undefined when they cannot be read (broken YAML): the plan then counts as
   * covering everything in its folder, so discovery stays quiet until yaml-syntax is fixed.
   */
  artifacts?: PlanArtifact[];
  /** Where findings about the plan sit (its `artifacts:` key, else its first line). */
  anchor?: PlanAnchor;
  /** True when the folder has an IMPACT.md but no release plan. */
  assessmentOnly?: boolean;
  /** Inline suppression comments in the plan (`# impact-notes-disable-file artifact-uncovered`). */
  isSuppressed?: (rule: string, line: number) => boolean;
}

const FIRST_LINE: PlanAnchor = { range: { start: 0, end: 0 }, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * Reads a release.yaml. Returns undefined when the file is not a release plan: it neither declares
 * `impact-release:` nor sits beside an IMPACT.md (Helm, Flux and CI tools use the same name).
 */
export function planFromText(dir: string, file: string, text: string, besideImpact: boolean): PlanInfo | undefined {
  if (!besideImpact && !declaresReleasePlan(text)) return undefined;
  const doc = parseRelease(file, text);
  const source = doc.source;
  let anchor = FIRST_LINE;
  if (source.length) {
    const end = source.lineEnd(0);
    anchor = { range: { start: 0, end }, start: { line: 0, character: 0 }, end: source.positionAt(end) };
  }
  const plan: PlanInfo = { dir, file, anchor };
  const suppressions = doc.doc ? scanSuppressions(source, 'release') : undefined;
  if (suppressions) plan.isSuppressed = (rule, line) => suppressions.isSuppressed(rule, line);
  const value = doc.value;
  if (!doc.doc || doc.syntaxErrors.length || doc.skipped || value === undefined) return plan;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    plan.artifacts = [];
    return plan;
  }
  const data = value as Record<string, unknown>;
  const list = Object.prototype.hasOwnProperty.call(data, 'artifacts') ? data.artifacts : undefined;
  if (list !== undefined) {
    const r = doc.rangeOf(['artifacts'], 'key');
    if (r.end > r.start) plan.anchor = { range: r, start: source.positionAt(r.start), end: source.positionAt(r.end) };
  }
  plan.artifacts = [];
  if (Array.isArray(list)) {
    for (const a of list) {
      if (a === null || typeof a !== 'object' || Array.isArray(a)) continue;
      const rec = a as Record<string, unknown>;
      const id = typeof rec.id === 'string' && rec.id.trim() ? rec.id.trim() : undefined;
      plan.artifacts.push({ id, paths: stringList(rec.paths) });
    }
  }
  return plan;
}

/** A folder with an IMPACT.md and no release plan. */
export function assessmentOnly(dir: string): PlanInfo {
  return { dir, artifacts: [], assessmentOnly: true };
}
