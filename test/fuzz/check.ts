/**
 * The invariants every fuzzed input must keep. Each check throws a FuzzFailure naming what broke;
 * the runner (test/fuzz/run.ts) and the sample test (test/unit/fuzz-sample.test.ts) share them.
 *
 *  lint        never throws; no internal-error (a rule that throws or reports outside the file);
 *              every range inside its file, with start/end the SourceText positions of its offsets;
 *              fix and suggestion edits inside their file, never splitting a CRLF or a surrogate
 *              pair, edits of one fix never overlapping; the same output twice; within a CPU budget.
 *  each fix    applied alone, all its edits land; the text before its first edit and after its
 *              last is unchanged; every word it removes (placeholders aside) is in what it writes.
 *  lintAndFix  never throws; a second run changes nothing (converged, idempotent); BOM and line
 *              break style kept; every comment and every word of the original still there;
 *              release.yaml gains no syntax error or duplicate key and still reads as data.
 */
import MarkdownIt from 'markdown-it';
import { lint, INTERNAL_ERROR, type LintInput, type LintResult } from '../../src/core/engine';
import { applyEdits, fixKeepsHeadings, lintAndFix, lostHeadings, type FixResult } from '../../src/core/fix';
import { maskFrontMatter, parseImpact } from '../../src/core/impact/parse';
import { parseRelease } from '../../src/core/release/parse';
import { SourceText } from '../../src/core/source-text';
import type { FileKind, Finding, Fix } from '../../src/core/types';

export const TODAY = new Date('2026-06-01T00:00:00Z');

/** CPU-time budgets per input, in milliseconds (CPU, not wall time: the machine may be shared). */
export const BUDGET = {
  lint: Number(process.env.FUZZ_LINT_BUDGET_MS ?? 500),
  fix: Number(process.env.FUZZ_FIX_BUDGET_MS ?? 5000),
};

export class FuzzFailure extends Error {
  constructor(
    readonly invariant: string,
    message: string,
  ) {
    super(`[${invariant}] ${message}`);
  }
}

export interface PairInput {
  impact?: string;
  release?: string;
  /** Files beside the pair (for path rules); `exists` answers from the same list. Null: unknown. */
  files?: string[] | null;
}

export const DEFAULT_FILES = ['IMPACT.md', 'release.yaml', 'train.py', 'checkpoints/small.pt', 'paper/main.tex'];

export function lintInput(p: PairInput): LintInput {
  const files = p.files === null ? undefined : (p.files ?? DEFAULT_FILES);
  return {
    impact: p.impact !== undefined ? { path: 'IMPACT.md', text: p.impact } : undefined,
    release: p.release !== undefined ? { path: 'release.yaml', text: p.release } : undefined,
    today: TODAY,
    files,
    exists: files ? (rel) => files.includes(rel.replace(/^\.\//, '')) : undefined,
  };
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface Timing {
  ms: number;
  what: string;
}

/** Runs `f`, returning its result and the CPU time it took. */
export function timed<T>(f: () => T): { value: T; ms: number } {
  const t = cpuNow();
  const value = f();
  return { value, ms: cpuNow() - t };
}

function fail(invariant: string, message: string): never {
  throw new FuzzFailure(invariant, message);
}

const show = (s: string, max = 120) => JSON.stringify(s.length > max ? s.slice(0, max) + '…' : s);

function sourceOf(p: PairInput, file: FileKind | 'workspace'): SourceText | undefined {
  if (file === 'impact' && p.impact !== undefined) return new SourceText('IMPACT.md', p.impact);
  if (file === 'release' && p.release !== undefined) return new SourceText('release.yaml', p.release);
  return undefined;
}

/** Whether an offset falls between \r and \n, or between the halves of a surrogate pair. */
function splitsUnit(text: string, o: number): boolean {
  if (o <= 0 || o >= text.length) return false;
  const a = text.charCodeAt(o - 1);
  const b = text.charCodeAt(o);
  if (a === 13 && b === 10) return true;
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
}

function checkEdits(p: PairInput, f: Finding, fix: Fix, which: string): void {
  const ranges: { file: FileKind; start: number; end: number }[] = [];
  for (const e of fix.edits) {
    const src = sourceOf(p, e.file);
    if (!src) fail('edit-file', `${f.rule}: ${which} '${fix.title}' edits ${e.file}, which was not given`);
    const { start, end } = e.range;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= src.length)) {
      fail('edit-range', `${f.rule}: ${which} '${fix.title}' edit ${start}-${end} outside ${e.file} (length ${src.length})`);
    }
    if (typeof e.newText !== 'string') fail('edit-text', `${f.rule}: ${which} '${fix.title}' has a non-string newText`);
    for (const o of [start, end]) {
      if (splitsUnit(src.text, o)) fail('edit-split', `${f.rule}: ${which} '${fix.title}' edit at ${o} splits a CRLF or a surrogate pair: ${show(src.text.slice(Math.max(0, o - 20), o + 20))}`);
    }
    for (const r of ranges) {
      const overlap = r.file === e.file && (start < r.end && r.start < end || (start === end && r.start === r.end && start === r.start));
      if (overlap) fail('edit-overlap', `${f.rule}: ${which} '${fix.title}' has overlapping edits (${r.start}-${r.end} and ${start}-${end}), so applying it drops part of it`);
    }
    ranges.push({ file: e.file, start, end });
  }
}

// ---------------------------------------------------------------------------------------------
// Words and comments: what "no lost text" compares
// ---------------------------------------------------------------------------------------------

/** Placeholder words a fix may replace (the scaffold's and the rules' own prompts). */
const PLACEHOLDER_WORDS = new Set(['todo', 'tbd', 'tba', 'tbc', 'fixme', 'xxx']);

export function wordCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const k = w.toLowerCase();
    if (PLACEHOLDER_WORDS.has(k)) continue;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Words of `before` missing from `after` (counting repeats). */
export function lostWords(before: string, after: string): string[] {
  const a = wordCounts(after);
  const lost: string[] = [];
  for (const [w, n] of wordCounts(before)) if ((a.get(w) ?? 0) < n) lost.push(w);
  return lost;
}

/**
 * YAML text with its explicit null scalars (`null`, `Null`, `NULL`; `~` has no word) taken out: a
 * value after `key:`, a `- ` item or in a flow collection, followed by nothing but a comment, `,`,
 * `]` or `}`. Plain text that merely contains the word keeps it.
 */
export function withoutYamlNulls(yaml: string): string {
  return yaml.replace(/((?:^|[[{,])[ \t]*(?:-[ \t]+)*|:[ \t]+)(?:null|Null|NULL)(?=[ \t]*(?:[,\]}]|[ \t]#|\r|\n|$))/gm, '$1');
}

const markdown = new MarkdownIt({ html: true });

/**
 * HTML comments of a Markdown text as Markdown reads them (comment blocks, and inline comments
 * inside one paragraph), or comment lines of a YAML text; trimmed.
 */
export function comments(kind: FileKind, text: string): string[] {
  if (kind === 'impact') {
    const out: string[] = [];
    const visit = (tokens: ReturnType<typeof markdown.parse>) => {
      for (const t of tokens) {
        if ((t.type === 'html_block' || t.type === 'html_inline') && t.content.includes('<!--')) {
          out.push(...(t.content.match(/<!--[\s\S]*?-->/g) ?? []).map((c) => c.trim()));
        }
        if (t.children) visit(t.children);
      }
    };
    // Front matter is metadata, as the product reads it: a `<!--` inside it opens no comment.
    visit(markdown.parse(maskFrontMatter(text.replace(/^\ufeff/, '')).text, {}));
    return out;
  }
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
}

/** Items of `before` missing from `after`, counting repeats. */
export function missingFrom(before: readonly string[], after: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const c of after) count.set(c, (count.get(c) ?? 0) + 1);
  const out: string[] = [];
  for (const c of before) {
    const n = count.get(c) ?? 0;
    if (n > 0) count.set(c, n - 1);
    else out.push(c);
  }
  return out;
}

/** The line-break style of a text: 'lf', 'crlf', 'cr', 'mixed' or 'none'. */
export function eolStyle(text: string): string {
  const seen = new Set((text.match(/\r\n|\r|\n/g) ?? []).map((e) => (e === '\r\n' ? 'crlf' : e === '\r' ? 'cr' : 'lf')));
  return seen.size === 0 ? 'none' : seen.size > 1 ? 'mixed' : [...seen][0];
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

const findingsJson = (r: LintResult) => JSON.stringify(r.findings);

/** lint(): no throw, no internal error, ranges and positions, edits, determinism, budget. Returns the result and CPU ms. */
export function checkLint(p: PairInput): { result: LintResult; ms: number } {
  const input = lintInput(p);
  let run: { value: LintResult; ms: number };
  try {
    run = timed(() => lint(input));
  } catch (err) {
    fail('lint-throws', `lint threw: ${(err as Error)?.stack ?? String(err)}`);
  }
  const r = run.value;
  if (run.ms > BUDGET.lint) fail('lint-budget', `lint took ${run.ms.toFixed(0)} ms of CPU (budget ${BUDGET.lint} ms)`);
  for (const f of r.findings) {
    if (f.rule === INTERNAL_ERROR) fail('internal-error', f.message);
    const src = sourceOf(p, f.file);
    if (!src) fail('finding-file', `${f.rule} reported on ${f.file}, which was not given`);
    const { start, end } = f.range;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= src.length)) {
      fail('finding-range', `${f.rule}: range ${start}-${end} outside ${f.file} (length ${src.length}): ${f.message}`);
    }
    const ps = src.positionAt(start);
    const pe = src.positionAt(end);
    if (ps.line !== f.start.line || ps.character !== f.start.character || pe.line !== f.end.line || pe.character !== f.end.character) {
      fail('finding-position', `${f.rule}: start/end ${JSON.stringify([f.start, f.end])} disagree with positionAt ${JSON.stringify([ps, pe])}`);
    }
    if (typeof f.message !== 'string' || !f.message.trim()) fail('finding-message', `${f.rule}: empty message`);
    if (f.fix) checkEdits(p, f, f.fix, 'fix');
    for (const s of f.suggestions ?? []) checkEdits(p, f, s, 'suggestion');
  }
  let again: LintResult;
  try {
    again = lint(input);
  } catch (err) {
    fail('lint-throws', `the second lint threw: ${(err as Error)?.stack ?? String(err)}`);
  }
  const a = findingsJson(r);
  const b = findingsJson(again);
  if (a !== b) fail('lint-deterministic', `two lints of the same input differ:\n${a.slice(0, 400)}\n${b.slice(0, 400)}`);
  return { result: r, ms: run.ms };
}

/** Each preferred fix alone: all edits land, nothing outside them changes, no user words removed. */
export function checkEachFix(p: PairInput, r: LintResult): void {
  for (const f of r.findings) {
    if (!f.fix) continue;
    // lintAndFix and the code actions refuse a fix that loses a heading (fixKeepsHeadings); the rule's
    // edit should not have needed refusing.
    if (!fixKeepsHeadings(r.impact, f.fix)) fail('fix-loses-heading', `${f.rule}: fix '${f.fix.title}' alone turns a heading into text (it is refused, the finding stays)`);
    const byFile = new Map<FileKind, typeof f.fix.edits>();
    for (const e of f.fix.edits) (byFile.get(e.file) ?? byFile.set(e.file, []).get(e.file)!).push(e);
    for (const [file, edits] of byFile) {
      const src = sourceOf(p, file)!;
      const text = src.text;
      const out = applyEdits(text, edits);
      if (out.applied !== edits.length) fail('fix-partial', `${f.rule}: fix '${f.fix.title}' has ${edits.length} edits but only ${out.applied} apply`);
      const lo = Math.min(...edits.map((e) => e.range.start));
      const hi = Math.max(...edits.map((e) => e.range.end));
      if (!out.text.startsWith(text.slice(0, lo)) || !out.text.endsWith(text.slice(hi))) {
        fail('fix-outside', `${f.rule}: fix '${f.fix.title}' changed text outside ${lo}-${hi}`);
      }
      for (const e of edits) {
        if (e.range.start === e.range.end) continue;
        const removed = text.slice(e.range.start, e.range.end);
        // An explicit YAML null is an empty value, which a fix may fill.
        if (file === 'release' && /^\s*(?:null|Null|NULL|~)?\s*$/.test(removed)) continue;
        // So is a quoted string that holds only whitespace escapes ("\f", "\t\n"): its letters are
        // escape syntax, not words.
        if (file === 'release' && /^\s*"(?:\\[ \t\nrfvbe0_NLP]|\s)*"\s*$/.test(removed)) continue;
        const lost = lostWords(removed, e.newText);
        if (lost.length) fail('fix-loses-text', `${f.rule}: fix '${f.fix.title}' replaces ${show(removed)} with ${show(e.newText)}, losing ${lost.join(', ')}`);
      }
    }
  }
}

/** lintAndFix(): converges, idempotent, keeps BOM, line breaks, comments and words; YAML stays valid. */
export function checkLintAndFix(p: PairInput): { result: FixResult; ms: number } {
  const input = lintInput(p);
  let run: { value: FixResult; ms: number };
  try {
    run = timed(() => lintAndFix(input));
  } catch (err) {
    fail('fix-throws', `lintAndFix threw: ${(err as Error)?.stack ?? String(err)}`);
  }
  if (run.ms > BUDGET.fix) fail('fix-budget', `lintAndFix took ${run.ms.toFixed(0)} ms of CPU (budget ${BUDGET.fix} ms, ${run.value.passes} passes)`);
  const res = run.value;
  for (const f of res.result.findings) if (f.rule === INTERNAL_ERROR) fail('internal-error', `after fixing: ${f.message}`);
  // lintAndFix's safety nets caught a fix that a rule should not have written.
  if (res.refused.length) fail('fix-loses-heading', `a fix was refused, as it would turn a heading into text: ${res.refused.map((f) => `${f.rule}: ${f.fix?.title}`).join('; ')}`);
  if (res.runaway) fail('fix-runaway', `fixing stopped after ${res.passes} passes: a file grew past twice its size and 32 KB`);
  const fixed: PairInput = { ...p, impact: res.impact ?? p.impact, release: res.release ?? p.release };

  // A second --fix must change nothing (a fix lintAndFix refused, as losing a heading, is no change).
  let again: FixResult;
  try {
    again = lintAndFix(lintInput(fixed));
  } catch (err) {
    fail('fix-throws', `--fix of the fixed text threw: ${(err as Error)?.stack ?? String(err)}`);
  }
  if (again.impact !== undefined || again.release !== undefined) {
    const what = [...new Set(lint(lintInput(fixed)).findings.filter((f) => f.fix).map((f) => `${f.rule}: ${f.fix!.title}`))].slice(0, 5);
    fail('fix-idempotent', `after ${res.passes} passes (${res.applied} edits) a second --fix still changes the text: ${what.join('; ')}`);
  }

  for (const kind of ['impact', 'release'] as const) {
    const before = p[kind];
    const after = fixed[kind];
    if (before === undefined || after === undefined || before === after) continue;
    if (before.startsWith('\ufeff') !== after.startsWith('\ufeff')) fail('fix-bom', `${kind}: the BOM was ${before.startsWith('\ufeff') ? 'dropped' : 'added'}`);
    const style = eolStyle(before);
    if (style !== 'mixed' && style !== 'none' && eolStyle(after) !== style) fail('fix-eol', `${kind}: line breaks were ${style}, now ${eolStyle(after)}`);
    const lostComments = missingFrom(comments(kind, before), comments(kind, after));
    if (lostComments.length) fail('fix-loses-comment', `${kind}: comments gone after --fix: ${lostComments.slice(0, 3).map((c) => show(c)).join(', ')}`);
    // As in checkEachFix: an explicit YAML null (`key: null`, `- ~`, `[null]`) is an empty value,
    // which a fix may fill, so its word does not count as lost text.
    const lost = lostWords(kind === 'release' ? withoutYamlNulls(before) : before, after);
    if (lost.length) fail('fix-loses-text', `${kind}: words gone after --fix: ${lost.slice(0, 8).join(', ')}`);
  }
  if (p.impact !== undefined && fixed.impact !== p.impact) {
    // Every heading stays a heading (an insertion must not pull one into a list, code or comment).
    const gone = lostHeadings(parseImpact('IMPACT.md', p.impact), parseImpact('IMPACT.md', fixed.impact!));
    if (gone.length) fail('fix-loses-heading', `impact: headings no longer read as headings after --fix: ${gone.slice(0, 3).map((h) => show(h)).join(', ')}`);
  }
  if (p.release !== undefined && fixed.release !== p.release) {
    const a = parseRelease('release.yaml', p.release);
    const b = parseRelease('release.yaml', fixed.release!);
    if (b.syntaxErrors.length > a.syntaxErrors.length) {
      fail('fix-yaml-syntax', `--fix added YAML syntax errors: ${b.syntaxErrors.slice(0, 3).map((e) => e.message).join('; ')}`);
    }
    if (b.duplicateKeys.length > a.duplicateKeys.length) fail('fix-yaml-duplicate', `--fix added a duplicate key: ${b.duplicateKeys.map((e) => e.message).join('; ')}`);
    if (a.value !== undefined && b.value === undefined) fail('fix-yaml-data', `release.yaml no longer reads as data after --fix: ${b.skipped ?? ''}`);
  }
  return { result: res, ms: run.ms };
}
