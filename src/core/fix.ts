import { lint, type LintInput, type LintResult } from './engine';
import type { OffsetRange } from './source-text';
import type { FileKind, Finding, Fix, TextEdit } from './types';

/**
 * Applies edits to one text, skipping any that overlap an edit already taken (the caller lints
 * again and applies the rest in a further pass, as ESLint does). Returns the new text and how many
 * edits were applied.
 */
/**
 * The smallest replacement (common prefix and suffix kept) that turns `before` into `after`, as
 * offsets into `before`; undefined when they are equal. The editor, the language server and the
 * in-place writers turn a whole new text into one edit of only what changed.
 */
export function minimalChange(before: string, after: string): { start: number; end: number; newText: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

export function applyEdits(text: string, edits: readonly { range: OffsetRange; newText: string }[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const taken: { range: OffsetRange; newText: string }[] = [];
  for (const e of sorted) {
    if (e.range.start > e.range.end || e.range.start < 0 || e.range.end > text.length) continue;
    const last = taken[taken.length - 1];
    if (last && (conflicts(last.range, e.range) || e.range.start < last.range.end)) continue;
    taken.push(e);
  }
  let out = '';
  let pos = 0;
  for (const e of taken) {
    out += text.slice(pos, e.range.start) + e.newText;
    pos = e.range.end;
  }
  out += text.slice(pos);
  return { text: out, applied: taken.length };
}

/** Collects the preferred fixes of findings, per file, whole fixes only (a fix's edits go together). */
export function fixEditsByFile(findings: readonly Finding[]): Map<FileKind, TextEdit[]> {
  const out = new Map<FileKind, TextEdit[]>();
  const claimed = new Map<FileKind, OffsetRange[]>();
  for (const f of findings) {
    if (!f.fix) continue;
    if (!fixFits(f.fix, claimed)) continue;
    for (const e of f.fix.edits) {
      (out.get(e.file) ?? out.set(e.file, []).get(e.file)!).push(e);
      (claimed.get(e.file) ?? claimed.set(e.file, []).get(e.file)!).push(e.range);
    }
  }
  return out;
}

function conflicts(a: OffsetRange, b: OffsetRange): boolean {
  const overlap = a.start < b.end && b.start < a.end;
  const samePointInserts = a.start === a.end && b.start === b.end && a.start === b.start;
  return overlap || samePointInserts;
}

function fixFits(fix: Fix, claimed: Map<FileKind, OffsetRange[]>): boolean {
  return fix.edits.every((e) => (claimed.get(e.file) ?? []).every((r) => !conflicts(e.range, r)));
}

export interface FixResult {
  /** New texts for the files that changed. */
  impact?: string;
  release?: string;
  passes: number;
  applied: number;
  /** The lint result of the fixed texts. */
  result: LintResult;
}

/**
 * At most this many fix passes. Fixes that insert at the same spot take one pass each (an empty
 * IMPACT.md misses a dozen sections, all inserted at its end), so ESLint's 10 is too few here.
 */
export const MAX_FIX_PASSES = 30;

export interface FixOptions {
  /**
   * Fix only these files (default both): a fix that would also edit another file is left out. The
   * editor's fix-on-save and the language server's `source.fixAll` fix the one document saved.
   */
  files?: readonly FileKind[];
}

/** Lints, applies every preferred fix, and repeats (at most MAX_FIX_PASSES) until nothing is left to fix. */
export function lintAndFix(input: LintInput, options: FixOptions = {}): FixResult {
  const only = options.files;
  let impact = input.impact?.text;
  let release = input.release?.text;
  let applied = 0;
  let passes = 0;
  let result = lint(input);
  for (; passes < MAX_FIX_PASSES; passes++) {
    const fixable = only ? result.findings.filter((f) => f.fix && f.fix.edits.every((e) => only.includes(e.file))) : result.findings;
    const byFile = fixEditsByFile(fixable);
    if (byFile.size === 0) break;
    let changed = 0;
    const impactEdits = byFile.get('impact');
    if (impactEdits && impact !== undefined && result.impact) {
      const r = applyEdits(result.impact.source.text, impactEdits);
      impact = (result.impact.source.hadBom ? '\ufeff' : '') + r.text;
      changed += r.applied;
    }
    const releaseEdits = byFile.get('release');
    if (releaseEdits && release !== undefined && result.release) {
      const r = applyEdits(result.release.source.text, releaseEdits);
      release = (result.release.source.hadBom ? '\ufeff' : '') + r.text;
      changed += r.applied;
    }
    if (!changed) break;
    applied += changed;
    result = lint({
      ...input,
      impact: input.impact && impact !== undefined ? { path: input.impact.path, text: impact } : undefined,
      release: input.release && release !== undefined ? { path: input.release.path, text: release } : undefined,
    });
  }
  return {
    impact: impact !== input.impact?.text ? impact : undefined,
    release: release !== input.release?.text ? release : undefined,
    passes,
    applied,
    result,
  };
}

/**
 * Fix-all for editors (the extension's fix-all, fix-on-save and Fix All command, the language
 * server's `source.fixAll`): the same loop as the CLI's --fix (lintAndFix, MAX_FIX_PASSES), kept to
 * the given files, returning the new texts of those that changed. Fixes that would also edit a file
 * not in `kinds` are left alone.
 */
export function fixAllTexts(input: LintInput, kinds: readonly FileKind[]): Partial<Record<FileKind, string>> {
  const res = lintAndFix(input, { files: kinds });
  const out: Partial<Record<FileKind, string>> = {};
  if (res.impact !== undefined && kinds.includes('impact')) out.impact = res.impact;
  if (res.release !== undefined && kinds.includes('release')) out.release = res.release;
  return out;
}
