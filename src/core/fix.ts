import { lint, type LintInput, type LintResult } from './engine';
import type { ImpactDoc } from './impact/impact-doc';
import { parseImpact } from './impact/parse';
import type { OffsetRange } from './source-text';
import type { FileKind, Finding, Fix, TextEdit } from './types';

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

/**
 * Applies edits to one text, skipping any that overlap an edit already taken (the caller lints
 * again and applies the rest in a further pass, as ESLint does). Returns the new text and how many
 * edits were applied.
 */
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
  /** Findings of `result` whose fix was left out because it would turn a heading into text (fixKeepsHeadings); one per fix. */
  refused: Finding[];
  /** Fixing stopped early: a pass would have made a file more than twice as large and 32 KB larger. */
  runaway: boolean;
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

/** The headings of an IMPACT.md as the parser reads them (`## Hazards`), in document order. */
export function headingsOf(doc: ImpactDoc): string[] {
  const out = doc.title ? [`${'#'.repeat(doc.title.level)} ${doc.title.text}`] : [];
  for (const s of doc.sections) {
    out.push(`${'#'.repeat(s.heading.level)} ${s.heading.text}`, ...s.subsections.map((x) => `${'#'.repeat(x.heading.level)} ${x.heading.text}`));
  }
  return out;
}

/** The headings of `before` that `after` no longer has, each counted as often as it occurs. */
export function lostHeadings(before: ImpactDoc, after: ImpactDoc): string[] {
  const left = new Map<string, number>();
  for (const h of headingsOf(after)) left.set(h, (left.get(h) ?? 0) + 1);
  return headingsOf(before).filter((h) => {
    const n = left.get(h) ?? 0;
    if (n) left.set(h, n - 1);
    return !n;
  });
}

/**
 * Whether a fix, applied alone, keeps every heading of IMPACT.md a heading. Fixes insert lines next
 * to whatever the author wrote; beside unusual Markdown (indented code, a setext heading, a heading
 * indented by a few spaces) an insertion could pull a heading into a list item or a paragraph, and
 * the sections after it would no longer be read. Such a fix is neither offered nor applied: the
 * finding stays, for the author to fix by hand. Costs one parse of IMPACT.md, so the shells ask only
 * for the fixes they offer, and lintAndFix only when a pass lost a heading.
 */
export function fixKeepsHeadings(impact: ImpactDoc | undefined, fix: Fix): boolean {
  const edits = fix.edits.filter((e) => e.file === 'impact');
  if (!impact || !edits.length) return true;
  const after = parseImpact(impact.source.path, applyEdits(impact.source.text, edits).text);
  return lostHeadings(impact, after).length === 0;
}

function grewTooMuch(before: string | undefined, after: string | undefined): boolean {
  return before !== undefined && after !== undefined && after.length > 2 * before.length + 32768;
}

/** A fix as it reappears, at other offsets, in the next pass's lint: its rule, message, title and new text. */
function fixKey(f: Finding): string {
  return [f.rule, f.message, f.fix?.title ?? '', ...(f.fix?.edits ?? []).map((e) => `${e.file}:${e.newText}`)].join('\u0000');
}

/**
 * Lints, applies every preferred fix, and repeats (at most MAX_FIX_PASSES) until nothing is left to
 * fix. A pass that would turn a heading of IMPACT.md into text is taken back and tried again without
 * the fixes that do it (fixKeepsHeadings); when no fix does it alone, the rest of the run applies
 * IMPACT.md's fixes one at a time. The result's findings keep no refused fix. A pass that would make
 * a file more than twice as large and 32 KB larger is not applied, and fixing stops there.
 */
export function lintAndFix(input: LintInput, options: FixOptions = {}): FixResult {
  const only = options.files;
  let impact = input.impact?.text;
  let release = input.release?.text;
  let applied = 0;
  let passes = 0;
  let result = lint(input);
  const refused = new Set<string>();
  let oneImpactFixAtATime = false;
  let runaway = false;
  while (passes < MAX_FIX_PASSES) {
    let fixable = result.findings.filter((f) => f.fix && !refused.has(fixKey(f)) && (!only || f.fix.edits.every((e) => only.includes(e.file))));
    if (oneImpactFixAtATime) {
      const first = fixable.find((f) => f.fix!.edits.some((e) => e.file === 'impact'));
      fixable = fixable.filter((f) => f === first || f.fix!.edits.every((e) => e.file !== 'impact'));
    }
    const byFile = fixEditsByFile(fixable);
    if (byFile.size === 0) break;
    let changed = 0;
    let nextImpact = impact;
    let nextRelease = release;
    const impactEdits = byFile.get('impact');
    if (impactEdits && impact !== undefined && result.impact) {
      const r = applyEdits(result.impact.source.text, impactEdits);
      nextImpact = (result.impact.source.hadBom ? '\ufeff' : '') + r.text;
      changed += r.applied;
    }
    const releaseEdits = byFile.get('release');
    if (releaseEdits && release !== undefined && result.release) {
      const r = applyEdits(result.release.source.text, releaseEdits);
      nextRelease = (result.release.source.hadBom ? '\ufeff' : '') + r.text;
      changed += r.applied;
    }
    if (!changed) break;
    // Fixes write prompts and placeholders, never more than a template's worth: a file that grows
    // past twice its size and 32 KB has a fix feeding on its own output, pass after pass. Stop there.
    if (grewTooMuch(input.impact?.text, nextImpact) || grewTooMuch(input.release?.text, nextRelease)) {
      runaway = true;
      break;
    }
    const next = lint({
      ...input,
      impact: input.impact && nextImpact !== undefined ? { path: input.impact.path, text: nextImpact } : undefined,
      release: input.release && nextRelease !== undefined ? { path: input.release.path, text: nextRelease } : undefined,
    });
    if (nextImpact !== impact && result.impact && next.impact && lostHeadings(result.impact, next.impact).length) {
      // Take the pass back; leave out the fixes that lose a heading alone, or go one at a time.
      const impactFixes = fixable.filter((f) => f.fix!.edits.some((e) => e.file === 'impact'));
      const culprits = impactFixes.filter((f) => !fixKeepsHeadings(result.impact, f.fix!));
      for (const f of culprits) refused.add(fixKey(f));
      if (!culprits.length) {
        // One fix alone is always safe here (none is a culprit): this cannot repeat forever.
        if (oneImpactFixAtATime) break;
        oneImpactFixAtATime = true;
      }
      continue;
    }
    impact = nextImpact;
    release = nextRelease;
    applied += changed;
    result = next;
    passes++;
  }
  const left: Finding[] = [];
  if (refused.size) {
    // Findings that share one fix (factors added together) are named once.
    const named = new Set<string>();
    const findings = result.findings.map((f) => {
      if (!f.fix || !refused.has(fixKey(f))) return f;
      const edits = JSON.stringify(f.fix.edits);
      if (!named.has(edits)) named.add(edits), left.push(f);
      return { ...f, fix: undefined };
    });
    result = { ...result, findings };
  }
  return {
    impact: impact !== input.impact?.text ? impact : undefined,
    release: release !== input.release?.text ? release : undefined,
    passes,
    applied,
    result,
    refused: left,
    runaway,
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
