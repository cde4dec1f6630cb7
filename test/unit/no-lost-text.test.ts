/**
 * No lost text (issue 6, hardening, point 6): the scaffold, the fixes, the guided assessment's
 * answers and the exports never replace user text they were not asked to replace.
 *
 * Everything here runs on hand-written inputs that are realistic but awkward: HTML comments in
 * Markdown, `# comments` in YAML (own lines, trailing on keys, between list items, at the end of a
 * file with no final line break), tabs and trailing spaces, blank lines holding whitespace, setext
 * and numbered headings, emphasis, flow-style YAML maps and lists, quoted strings, block scalars
 * (`|`, `>`, `|+`, `>-`), astral characters (emoji, CJK extension B). Each input is checked as
 * written (LF), with CRLF line breaks, and with CRLF plus a byte-order mark.
 *
 *  1. Fixes. For every fixable rule (meta.fixable in src/core/rules) the corpus must produce at
 *     least one finding with a fix, so that nothing here passes vacuously. Each preferred fix and
 *     each suggestion, applied alone: edits stay inside the file, never split a CRLF or a surrogate
 *     pair; the text outside the edited ranges comes through unchanged and in order; what an edit
 *     removes is only whitespace, an explicit YAML null, stray punctuation of an empty value, or
 *     (for a suggestion) the value the finding is about; comments survive verbatim; new text uses
 *     the file's line break; headings, marker values, paragraphs and YAML data outside the edits
 *     read the same afterwards. The whole lintAndFix is replayed with every character traced to
 *     its origin: the replay must give the same texts as lintAndFix, and the original characters
 *     it drops must be of the same harmless kinds. BOM and CRLF stay, and `impact-notes lint --fix`
 *     writes exactly what lintAndFix returns.
 *  2. Scaffold: user answers come out verbatim (escaped where Markdown or YAML needs it), and
 *     writeScaffold / `impact-notes init` leave an existing file byte-identical.
 *  3. Guided assessment answers: answering one entry changes only that entry's lines; comments,
 *     other entries, CRLF and odd formatting around it stay; answering twice does not duplicate.
 *  4. Exports: the author's text of each section comes out verbatim (up to the documented
 *     Markdown or LaTeX escaping), and `impact-notes export` leaves the input files untouched and
 *     never overwrites an existing --out file without --force (exit 2, file byte-identical).
 *
 * Regressions for what these tests found are in "1b" (and the last cases of 2 and 3): a prompt
 * written into an empty Markdown value dropped a comment between its stray characters (and an
 * answer dropped a comment inside the value it replaced); keys or list entries added after a YAML
 * block scalar took its kept line breaks (`|+`) or a deeper-indented whitespace line out of its
 * value; keys added to a mapping went between its last entry and the comment indented under it;
 * scaffolded paths holding a backtick broke their code span, and a title's `&copy;` read as an\n * entity; bin/impact-notes.js loaded the CLI
 * bundle without running it.
 *
 * The command-line parts run bin/impact-notes.js as a subprocess against a fresh bundle of
 * src/cli/main.ts (built into a temporary dist/ with the options of scripts/build.mjs), so they do
 * not depend on an earlier `npm run build`.
 */
import { termNamed } from '../../src/core/rules/impact/lib/structure';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { Lexer } from 'yaml';
import { writeScaffold } from '../../src/cli/fs-host';
import { lint, INTERNAL_ERROR, type LintInput } from '../../src/core/engine';
import { applyEdits, fixEditsByFile, lintAndFix } from '../../src/core/fix';
import { parseImpact } from '../../src/core/impact/parse';
import { factorEntries, hazardEntries } from '../../src/core/rules/impact/lib/structure';
import type { ImpactDoc } from '../../src/core/impact/impact-doc';
import { parseRelease } from '../../src/core/release/parse';
import { buildReport, EXPORT_FORMATS, EXPORT_KINDS, renderExport, type ExportFormat, type ExportKind } from '../../src/core/report';
import { escapeLatex, escapeMarkdown } from '../../src/core/report/escape';
import { allRules } from '../../src/core/rules';
import { scaffold } from '../../src/core/scaffold';
import { SourceText, type OffsetRange } from '../../src/core/source-text';
import type { FileKind, Finding, Fix, TextEdit } from '../../src/core/types';
import { questions, writeAnswer, type QuestionKind } from '../../src/extension/assessment/answers';
import { eolStyle, missingFrom } from '../fuzz/check';

const ROOT = path.resolve(__dirname, '..', '..');
const TODAY = new Date('2026-06-01T00:00:00Z');
const FILES = ['IMPACT.md', 'release.yaml', 'paper/main.tex', 'checkpoints/small.pt', 'train.py'];

/** Assertions made, for the summary line. */
let checks = 0;
function ok(cond: unknown, message: string | (() => string)): asserts cond {
  checks++;
  if (!cond) assert.fail(typeof message === 'function' ? message() : message);
}
function eq<T>(actual: T, expected: T, message: string): void {
  checks++;
  assert.deepEqual(actual, expected, message);
}

const show = (s: string, max = 160) => JSON.stringify(s.length > max ? s.slice(0, max) + '…' : s);

// =============================================================================================
// The corpus (written with LF; variants add CRLF and a BOM)
// =============================================================================================

/** Audio work, sub-section layout, comments everywhere, setext summary, no final line break. */
const IMPACT_SUBSECTIONS = [
  '<!-- Draft v3: keep this note; Ana reviews on Friday. -->',
  '# Impact assessment: EchoVoice 🎙️ 𠀋 (draft)',
  '',
  'Summary   ',
  '-------',
  '',
  'EchoVoice clones a voice from *ten seconds* of audio.\t',
  '  <!-- TODO(ana): tighten this paragraph -->',
  '',
  '## 1. Capability and modality',
  '',
  '- **Modality:** audio <!-- was: audio, video -->',
  '- **Capability:** zero-shot voice cloning, **real time** on a laptop.',
  '',
  '## Benefits',
  '',
  'Speech therapy patients can keep a voice close to their own — our partners at the clinic asked for it.',
  '\t ',
  '## Hazards',
  '',
  '### Product hazard',
  '- **Applies:** yes   ',
  '<!-- rationale still to write, see issue #12 -->',
  '',
  '### Data hazard',
  '- **Applies:** - <!-- ask Ana before answering --> -',
  '- **Rationale:** the recipe is in the paper; the dataset is LibriSpeech.',
  '',
  '## Path to harm',
  '',
  '### Awareness',
  '- **Adversary attention:** medium — fraud forums already talk about cloning.',
  '<!-- between factors: keep me -->',
  '',
  '### Deployment',
  '* **Talent pipeline:** low — needs a GPU and some Python.',
  '* **Slottability:** high 😬',
  '* **Environment:**   ',
  '',
  '## Access ratchet',
  '',
  'Fraud groups have *tried* commercial cloning services; we know of no use of open models.',
  '',
  '## Who could be harmed',
  '',
  '- **Viewers:** people who get a call in a familiar voice.',
  '',
  '## Release plan',
  '',
  'See release.yaml.  <!-- keep in sync -->',
  '',
  '<!-- end of file note, no newline after me -->',
].join('\n');

/** Block YAML with comments on every kind of line, quoted strings, block scalars. */
const RELEASE_BLOCK = [
  '# Release plan for EchoVoice   # a comment that looks like a trailing one',
  'impact-release: 1   # schema version',
  'title: "EchoVoice: zero-shot cloning 🎙️"',
  "assessment: 'IMPACT.md'",
  'modality: [audio]\t# tab before this comment',
  'review:',
  '  level: full # trailing comment on a key',
  '  reviewers: [ "A. Ng" , B. Ruiz ]',
  '  date: 2026-05-10',
  '  next: 2026-11-10',
  'contact: mailto:misuse@example.org',
  'artifacts:',
  '  # the paper goes first',
  '  - id: paper',
  '    content: paper',
  '    paths: [paper/**]',
  '    # no timing yet: decide after the review',
  '    distribution: { kind: public }',
  '',
  '  # comment between list items',
  '  - id: weights',
  '    content: trained-model',
  '    paths:',
  '      - checkpoints/**   # all sizes',
  '    timing:',
  '      kind: staged # two stages planned',
  '      stages:',
  '        - { date: 2026-09-01, release: small model }',
  '    distribution: { kind: ask-for-access }   # process to follow',
  '  - id: demo',
  '    content: runnable-system',
  '    timing:   # empty on purpose',
  '    distribution:',
  '      kind: safety-levels',
  '      levels: []',
  '  - id: code',
  '    content: source-code',
  '    timing: { kind: timed }',
  '    distribution:',
  '      kind: private',
  '    notes: |+',
  '      kept trailing line breaks belong to this value',
  '',
  'safeguards:',
  '  consent: { status: implemented, detail: "licence forbids cloning without consent" }',
  '  watermarking:',
  '    status:   # who decides?',
  '  detectability:',
  '    status: not-applicable',
  '    # reason to follow',
  'withdrawal: |',
  '  Revoke tokens.',
  '    Keep the logs (indented on purpose).',
  '',
  '  Announce it.',
  'notes: >',
  '  folded text',
  '  across lines',
  '# end of file comment, no newline',
].join('\n');

/** Video work, compact layouts (hazard lines, factor lines without stage parts), `+` bullets. */
const IMPACT_COMPACT =
  [
    '\t# Impact assessment — compact layout',
    '',
    '## Summary',
    'A video face-swap model. 😀',
    '',
    '## Capability',
    '- **Modality:** video',
    '',
    '## Benefits',
    'Film dubbing with _consent_ from every actor, in twelve languages.',
    '',
    '## 3. Hazards',
    '',
    '- **Product hazard:** yes',
    '- **Data hazard:**  ',
    '',
    'Some closing prose about hazards.',
    '',
    '## Path to harm',
    '',
    '+ **Reproducibility:** high — code and weights are public.   ',
    '<!-- Ana: rate the rest later -->',
    '+ **Actual ROI:** not-applicable.',
    '',
    '## Access ratchet',
    '- **Position:**    ',
    '- **Rationale:** unclear so far.',
    '',
    '## Who could be harmed',
    '',
    'Anyone who watches a forged clip.',
    '',
    '## Detection guidance',
    '   ',
    '\t',
    '## Mitigations',
    '',
    'Watermarks.',
  ].join('\n') + '\n';

/** The whole plan in flow style, nulls and empty strings to fill, a trailing comment. */
const RELEASE_FLOW = [
  '{ "impact-release": 1, modality: [video], assessment: IMPACT.md,',
  '  artifacts: [ { id: clip, content: paper }, { id: w, content: trained-model, timing: ~, distribution: "" } ],',
  '  safeguards: { consent: { status: not-applicable }, watermarking: {} } }   # all flow',
  '',
].join('\n');

/** Image work, nearly empty: factor parts (`### Slottability` with a Rating line), text-only parts. */
const IMPACT_SPARSE = [
  '# Impact assessment',
  '<!-- nearly empty: everything else is missing -->',
  '',
  '## Capability',
  '',
  '- **Modality:** image',
  '',
  '## Path to harm',
  '',
  '### Slottability',
  '- **Rating:**',
  '',
  '### Reproducibility',
  '- **Rating:** medium',
  '',
  '### Talent pipeline',
  'Hiring needs real skill.',
  '',
  '## Hazards',
  '### Attention hazard',
  'Text only, no list.',
  '<!-- trailing comment, no newline -->',
].join('\n');

/** No safeguards at all (the fix appends a block), a `>-` scalar last, blank lines with spaces. */
const RELEASE_SPARSE = [
  'impact-release: 1',
  'modality:',
  '  - image   # stills only',
  'artifacts:',
  '  - id: weights',
  '    content: trained-model',
  '    timing:',
  '      kind: periodic',
  '      every: 6 months',
  '    distribution:',
  '      kind: access-community',
  '      community: ~',
  'withdrawal: >-',
  '  Pull the',
  '  weights.',
  '',
  '   ',
].join('\n');

/** A plan that ends in a keep-chomping scalar: a new top-level key must not take its line breaks. */
const RELEASE_KEEP_LAST = [
  'impact-release: 1',
  'modality: [audio]   # speech only',
  'contact: "misuse@example.org"',
  'artifacts:',
  '  - id: code',
  '    content: source-code',
  '    timing: { kind: immediate }',
  '    distribution: { kind: public }',
  '    paths:',
  '      - train.py',
  '      - |+',
  '        a path written as a block scalar, with a kept blank line',
  '',
  '  - id: weights',
  '    content: trained-model',
  '    paths: [checkpoints/**]',
  '    timing:',
  '      kind: staged',
  '      stages:   # one stage so far',
  '        - date: 2026-09-01',
  '          release: |+',
  '            the small model, for vetted labs',
  '',
  '    distribution: { kind: ask-for-access, process: "form, reviewed weekly" }',
  'withdrawal: |+',
  '  Take the repository private.',
  '',
  '',
].join('\n');

interface Pair {
  name: string;
  impact?: string;
  release?: string;
}

/** No modality anywhere: modality-missing inserts a Modality line (with a prompt) under the heading. */
const IMPACT_NO_MODALITY = [
  '# Impact assessment: reenactment',
  '',
  '## Capability and modality <!-- keep this heading -->',
  '- **Capability:** animates one photograph from a driving video.\t',
  '  <!-- a note under the item -->',
  '',
  '## Benefits',
  '',
  'Film restoration.',
  '',
].join('\n');

const BASE: Pair[] = [
  { name: 'sub-sections + block YAML', impact: IMPACT_SUBSECTIONS, release: RELEASE_BLOCK },
  { name: 'compact + flow YAML', impact: IMPACT_COMPACT, release: RELEASE_FLOW },
  { name: 'sparse + sparse YAML', impact: IMPACT_SPARSE, release: RELEASE_SPARSE },
  { name: 'keep-chomping scalars', impact: IMPACT_COMPACT, release: RELEASE_KEEP_LAST },
  { name: 'no modality, no plan', impact: IMPACT_NO_MODALITY },
];

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
const VARIANTS: { name: string; make: (s: string) => string }[] = [
  { name: 'LF', make: (s) => s },
  { name: 'CRLF', make: crlf },
  { name: 'BOM+CRLF', make: (s) => '\ufeff' + crlf(s) },
];

const CORPUS: Pair[] = BASE.flatMap((p) =>
  VARIANTS.map((v) => ({
    name: `${p.name} (${v.name})`,
    impact: p.impact === undefined ? undefined : v.make(p.impact),
    release: p.release === undefined ? undefined : v.make(p.release),
  })),
);

function lintInput(p: Pair): LintInput {
  return {
    impact: p.impact !== undefined ? { path: 'IMPACT.md', text: p.impact } : undefined,
    release: p.release !== undefined ? { path: 'release.yaml', text: p.release } : undefined,
    today: TODAY,
    files: FILES,
    exists: (rel) => FILES.includes(rel.replace(/^\.\//, '')),
  };
}

// =============================================================================================
// What "unchanged" means: comments, line breaks, structure, data
// =============================================================================================

/** HTML comments of a Markdown text, verbatim. */
function mdComments(text: string): string[] {
  return text.match(/<!--[\s\S]*?-->/g) ?? [];
}

/** `# comments` of a YAML text, verbatim (from the yaml lexer, so `#` inside quotes is not one). */
function yamlComments(text: string): string[] {
  const out: string[] = [];
  for (const tok of new Lexer().lex(text.replace(/^\ufeff/, ''))) if (tok.startsWith('#')) out.push(tok.replace(/\r$/, ''));
  return out;
}

function commentsOf(kind: FileKind, text: string): string[] {
  return kind === 'impact' ? mdComments(text) : yamlComments(text);
}

type Eol = 'lf' | 'crlf' | 'none' | 'mixed';
/** The fuzz checker's line-break style, with lone CRs counted as mixed (no input here uses them alone). */
function eolOf(text: string): Eol {
  const style = eolStyle(text);
  return style === 'cr' ? 'mixed' : (style as Eol);
}

/** Every line ending of `after` is the style of `before` (a text without line breaks takes LF). */
function assertEolKept(before: string, after: string, what: string): void {
  const style = eolOf(before);
  const want = style === 'none' ? 'lf' : style;
  const got = eolOf(after);
  ok(got === want || got === 'none', () => `${what}: line breaks were ${style}, now ${got}`);
  if (want === 'crlf') {
    const lone = /(?<!\r)\n|\r(?!\n)/.exec(after);
    ok(!lone, () => `${what}: a lone ${lone![0] === '\n' ? 'LF' : 'CR'} at ${lone!.index}: ${show(after.slice(Math.max(0, lone!.index - 40), lone!.index + 40))}`);
  }
}

function splitsUnit(text: string, o: number): boolean {
  if (o <= 0 || o >= text.length) return false;
  const a = text.charCodeAt(o - 1);
  const b = text.charCodeAt(o);
  return (a === 13 && b === 10) || (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff);
}

const touches = (r: OffsetRange, e: OffsetRange) => r.start <= e.end && e.start <= r.end;

/** Headings as Markdown reads them: the title and every section and sub-section heading. */
function headings(doc: ImpactDoc): string[] {
  return [...(doc.title ? [`# ${doc.title.text}`] : []), ...doc.sections.flatMap((s) => [`## ${s.heading.text}`, ...s.subsections.map((x) => `### ${x.heading.text}`)])];
}

const collapse = (s: string) => s.replace(/<!--[\s\S]*?-->/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * IMPACT.md reads the same outside the edits: every heading is still a heading, every marker not
 * touched by an edit keeps its key and value, every paragraph not touched keeps its text.
 */
function assertImpactStructureKept(before: string, after: string, edits: readonly OffsetRange[], what: string): void {
  const a = parseImpact('IMPACT.md', before);
  const b = parseImpact('IMPACT.md', after);
  const lost = missingFrom(headings(a), headings(b));
  ok(lost.length === 0, () => `${what}: headings no longer read as headings: ${lost.join(' | ')}`);
  const markersAfter = b.sections.flatMap((s) => s.allMarkers).map((m) => `${m.key}: ${collapse(m.value)}`);
  const markersBefore = a.sections
    .flatMap((s) => s.allMarkers)
    .filter((m) => !edits.some((e) => touches(m.valueRange, e) || (touches(m.itemRange, e) && e.start > m.itemRange.start && e.start < m.itemRange.end)))
    .map((m) => `${m.key}: ${collapse(m.value)}`);
  const lostMarkers = missingFrom(markersBefore, markersAfter);
  ok(lostMarkers.length === 0, () => `${what}: marker values changed outside the edits: ${lostMarkers.map((m) => show(m, 80)).join(', ')}`);
  const proseAfter = b.sections.flatMap((s) => s.allProse).map((p) => collapse(p.text));
  const proseBefore = a.sections
    .flatMap((s) => s.allProse)
    .filter((p) => !edits.some((e) => touches(p.range, e)))
    .map((p) => collapse(p.text))
    .filter(Boolean);
  const lostProse = missingFrom(proseBefore, proseAfter);
  ok(lostProse.length === 0, () => `${what}: paragraphs changed outside the edits: ${lostProse.map((p) => show(p, 80)).join(', ')}`);
}

type Leaf = { path: (string | number)[]; value: unknown };

/** Scalars and empty containers of a YAML value, with their paths. */
function leaves(v: unknown, p: (string | number)[] = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(v)) {
    if (!v.length) out.push({ path: p, value: [] });
    v.forEach((x, i) => leaves(x, [...p, i], out));
  } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const keys = Object.keys(v as object);
    if (!keys.length) out.push({ path: p, value: {} });
    for (const k of keys) leaves((v as Record<string, unknown>)[k], [...p, k], out);
  } else out.push({ path: p, value: v instanceof Date ? v.toISOString() : v });
  return out;
}

function at(v: unknown, p: (string | number)[]): { found: boolean; value?: unknown } {
  let cur = v;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return { found: false };
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return { found: true, value: cur instanceof Date ? cur.toISOString() : cur };
}

/** Values that a fix may fill in: null, an empty string, an empty list or mapping. */
const fillable = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/**
 * release.yaml reads the same outside the edits: every value of the original is still there with
 * the same value (empty ones may be filled), no syntax error or duplicate key appears. `exempt`
 * gives leaves a suggestion may replace (those whose node lies inside a replaced range).
 */
function assertReleaseDataKept(before: string, after: string, what: string, exempt: (path: (string | number)[]) => boolean = () => false): void {
  const a = parseRelease('release.yaml', before);
  const b = parseRelease('release.yaml', after);
  ok(b.syntaxErrors.length <= a.syntaxErrors.length, () => `${what}: new YAML syntax errors: ${b.syntaxErrors.map((e) => e.message).join('; ')}`);
  ok(b.duplicateKeys.length <= a.duplicateKeys.length, () => `${what}: a duplicate key appeared`);
  if (a.value === undefined) return;
  ok(b.value !== undefined, `${what}: release.yaml no longer reads as data`);
  for (const leaf of leaves(a.value)) {
    if (exempt(leaf.path)) continue;
    const got = at(b.value, leaf.path);
    if (fillable(leaf.value)) {
      ok(got.found, () => `${what}: ${leaf.path.join('.')} is gone`);
      continue;
    }
    ok(got.found && JSON.stringify(got.value) === JSON.stringify(leaf.value), () => `${what}: ${leaf.path.join('.')} was ${JSON.stringify(leaf.value)}, now ${got.found ? JSON.stringify(got.value) : 'gone'}`);
  }
}

/** Letters or digits outside comments: words, which no fix may remove. */
const hasWords = (s: string) => /[\p{L}\p{N}]/u.test(s.replace(/<!--[\s\S]*?(?:-->|$)/g, ''));

/**
 * Whether an edit may remove `removed`: whitespace; an explicit YAML null or empty string; stray
 * punctuation of an empty Markdown value (its comments written back in the new text); text the new
 * text writes back as it was; or, for a suggestion, the text inside the finding's own range.
 */
function removalAllowed(file: FileKind, removed: string, newText: string, range: OffsetRange, finding: Finding, suggestion: boolean): string | undefined {
  if (!removed || !removed.trim() || newText.includes(removed)) return undefined;
  if (file === 'release' && /^\s*(?:~|null|Null|NULL|""|'')\s*$/.test(removed)) return undefined;
  const lostComments = missingFrom(commentsOf(file, removed), commentsOf(file, newText));
  if (lostComments.length) return `it removes the comment ${show(lostComments[0])}`;
  if (!hasWords(removed)) return undefined;
  if (suggestion && finding.file === file && range.start >= finding.range.start && range.end <= finding.range.end) return undefined;
  return `it removes ${show(removed)}, which holds words`;
}

// =============================================================================================
// 1. Fixes
// =============================================================================================

// Workspace rules need file bytes the engine never sees; artifact-checksum-mismatch's fix (a digest
// written in place, comment kept) is checked in test/unit/provenance.test.ts.
const FIXABLE = allRules.filter((r) => r.meta.fixable && r.meta.scope !== 'workspace').map((r) => r.meta.name).sort();

function textOf(p: Pair, file: FileKind): SourceText {
  const raw = file === 'impact' ? p.impact : p.release;
  assert.ok(raw !== undefined, `the fix edits ${file}, which the pair does not have`);
  return new SourceText(file === 'impact' ? 'IMPACT.md' : 'release.yaml', raw);
}

/** One fix (or suggestion), applied alone, against every check. Returns the number of edits. */
function checkFix(p: Pair, f: Finding, fix: Fix, suggestion: boolean): number {
  const what = `${p.name}: ${f.rule} ${suggestion ? 'suggestion' : 'fix'} '${fix.title}'`;
  const byFile = new Map<FileKind, TextEdit[]>();
  for (const e of fix.edits) (byFile.get(e.file) ?? byFile.set(e.file, []).get(e.file)!).push(e);
  for (const [file, edits] of byFile) {
    const src = textOf(p, file);
    const text = src.text;
    const sorted = [...edits].sort((x, y) => x.range.start - y.range.start || x.range.end - y.range.end);
    for (const [i, e] of sorted.entries()) {
      const { start, end } = e.range;
      ok(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, `${what}: edit ${start}-${end} outside the file (${text.length})`);
      ok(!splitsUnit(text, start) && !splitsUnit(text, end), () => `${what}: edit ${start}-${end} splits a CRLF or a surrogate pair: ${show(text.slice(Math.max(0, start - 20), end + 20))}`);
      if (i > 0) ok(sorted[i - 1].range.end <= start && !(sorted[i - 1].range.start === start && start === end && sorted[i - 1].range.end === end), `${what}: its edits overlap`);
      const problem = removalAllowed(file, text.slice(start, end), e.newText, e.range, f, suggestion);
      ok(!problem, () => `${what}: ${problem}`);
      if (/[\r\n]/.test(e.newText)) {
        // New lines use the file's own line break (a file without one takes LF).
        const probe = text.slice(0, start) + e.newText;
        assertEolKept(text, probe, `${what} (new text)`);
      }
    }
    const out = applyEdits(text, edits);
    eq(out.applied, edits.length, `${what}: only ${out.applied} of ${edits.length} edits apply`);
    // The text outside the edited ranges comes through unchanged and in order.
    let cursor = 0;
    let pos = 0;
    for (const e of sorted) {
      const keep = text.slice(cursor, e.range.start);
      ok(out.text.startsWith(keep, pos), () => `${what}: the text before ${e.range.start} changed`);
      pos += keep.length;
      ok(out.text.startsWith(e.newText, pos), () => `${what}: the new text is not where the edit says`);
      pos += e.newText.length;
      cursor = e.range.end;
    }
    ok(out.text.slice(pos) === text.slice(cursor), () => `${what}: the text after ${cursor} changed`);
    const lost = missingFrom(commentsOf(file, text), commentsOf(file, out.text));
    ok(lost.length === 0, () => `${what}: comments gone: ${lost.map((c) => show(c)).join(', ')}`);
    assertEolKept(text, out.text, what);
    const replaced = sorted.map((e) => e.range);
    if (file === 'impact') assertImpactStructureKept(text, out.text, replaced, what);
    else {
      const doc = parseRelease('release.yaml', text);
      const exempt = (pth: (string | number)[]) => {
        if (!suggestion) return false;
        const r = doc.rangeOf(pth, 'value');
        return sorted.some((e) => e.range.end > e.range.start && r.start >= e.range.start && r.end <= e.range.end);
      };
      assertReleaseDataKept(text, out.text, what, exempt);
    }
  }
  return fix.edits.length;
}

// ---------------------------------------------------------------------------------------------
// lintAndFix, replayed with every character traced to where it came from
// ---------------------------------------------------------------------------------------------

interface Traced {
  text: string;
  /** For each character of `text`: its offset in the original (BOM-less) text, or -1 if inserted. */
  origin: number[];
}

/** The edits applyEdits takes (the same choice: sorted, skipping overlaps), so the replay matches it. */
function taken(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    if (e.range.start > e.range.end || e.range.start < 0 || e.range.end > text.length) continue;
    const last = out[out.length - 1];
    if (last) {
      const overlap = last.range.start < e.range.end && e.range.start < last.range.end;
      const samePoint = last.range.start === last.range.end && e.range.start === e.range.end && last.range.start === e.range.start;
      if (overlap || samePoint || e.range.start < last.range.end) continue;
    }
    out.push(e);
  }
  return out;
}

function applyTraced(t: Traced, edits: readonly TextEdit[]): Traced {
  let text = '';
  const origin: number[] = [];
  let pos = 0;
  for (const e of taken(t.text, edits)) {
    text += t.text.slice(pos, e.range.start) + e.newText;
    origin.push(...t.origin.slice(pos, e.range.start), ...new Array<number>(e.newText.length).fill(-1));
    pos = e.range.end;
  }
  text += t.text.slice(pos);
  origin.push(...t.origin.slice(pos));
  return { text, origin };
}

/** lintAndFix's loop, traced. */
function tracedLintAndFix(p: Pair): Partial<Record<FileKind, { traced: Traced; bom: boolean }>> {
  const input = lintInput(p);
  const state: Partial<Record<FileKind, { traced: Traced; bom: boolean }>> = {};
  for (const file of ['impact', 'release'] as const) {
    const raw = file === 'impact' ? p.impact : p.release;
    if (raw === undefined) continue;
    const src = new SourceText(file, raw);
    state[file] = { traced: { text: src.text, origin: Array.from({ length: src.text.length }, (_x, i) => i) }, bom: src.hadBom };
  }
  let result = lint(input);
  for (let pass = 0; pass < 30; pass++) {
    const byFile = fixEditsByFile(result.findings);
    if (byFile.size === 0) break;
    let changed = 0;
    for (const [file, edits] of byFile) {
      const s = state[file];
      if (!s) continue;
      changed += taken(s.traced.text, edits).length;
      s.traced = applyTraced(s.traced, edits);
    }
    if (!changed) break;
    result = lint({
      ...input,
      impact: state.impact ? { path: 'IMPACT.md', text: (state.impact.bom ? '\ufeff' : '') + state.impact.traced.text } : undefined,
      release: state.release ? { path: 'release.yaml', text: (state.release.bom ? '\ufeff' : '') + state.release.traced.text } : undefined,
    });
  }
  return state;
}

/** The runs of original characters that a traced text no longer has. */
function droppedRuns(original: string, t: Traced): OffsetRange[] {
  const kept = new Uint8Array(original.length);
  for (const o of t.origin) if (o >= 0) kept[o] = 1;
  const runs: OffsetRange[] = [];
  for (let i = 0; i < original.length; i++) {
    if (kept[i]) continue;
    const start = i;
    while (i < original.length && !kept[i]) i++;
    runs.push({ start, end: i });
  }
  return runs;
}

/** Fixable rules seen with a fix in the corpus. */
const covered = new Set<string>();
let fixesChecked = 0;
let suggestionsChecked = 0;

describe('no lost text', function () {
  this.timeout(120_000);

  after(() => {
    // One line for the log: how much the corpus exercised.
    console.log(
      `      no-lost-text: ${CORPUS.length} inputs (${BASE.length} pairs × ${VARIANTS.length} line-break variants), ${covered.size}/${FIXABLE.length} fixable rules covered, ${fixesChecked} fixes and ${suggestionsChecked} suggestions applied alone, ${checks} assertions`,
    );
  });

  describe('1. fixes keep every byte outside their ranges', () => {
    it('the corpus triggers a fix of every fixable rule (in LF, CRLF and BOM+CRLF)', () => {
      for (const v of VARIANTS) {
        const seen = new Set<string>();
        for (const p of CORPUS.filter((x) => x.name.endsWith(`(${v.name})`))) {
          for (const f of lint(lintInput(p)).findings) if (f.fix && FIXABLE.includes(f.rule)) seen.add(f.rule);
        }
        eq([...seen].sort(), FIXABLE, `fixable rules with a fix in the ${v.name} corpus`);
      }
      ok(FIXABLE.length >= 9, `only ${FIXABLE.length} fixable rules: did the rule list change?`);
    });

    for (const p of CORPUS) {
      it(`${p.name}: each fix and each suggestion, applied alone`, () => {
        const r = lint(lintInput(p));
        for (const f of r.findings) {
          ok(f.rule !== INTERNAL_ERROR, () => `${p.name}: ${f.message}`);
          if (f.fix) {
            if (FIXABLE.includes(f.rule)) covered.add(f.rule);
            else assert.fail(`${f.rule} is not fixable but offers a fix`);
            checkFix(p, f, f.fix, false);
            fixesChecked++;
          }
          for (const s of f.suggestions ?? []) {
            checkFix(p, f, s, true);
            suggestionsChecked++;
          }
        }
      });

      it(`${p.name}: lintAndFix drops no user text and keeps BOM, line breaks and comments`, () => {
        const input = lintInput(p);
        const res = lintAndFix(input);
        const traced = tracedLintAndFix(p);
        for (const file of ['impact', 'release'] as const) {
          const raw = file === 'impact' ? p.impact : p.release;
          if (raw === undefined) continue;
          const what = `${p.name}: lintAndFix ${file}`;
          const fixed = res[file] ?? raw;
          const t = traced[file]!;
          eq((t.bom ? '\ufeff' : '') + t.traced.text, fixed, `${what}: the traced replay differs from lintAndFix`);
          ok(fixed !== raw, `${what}: nothing was fixed; the corpus should give every file something to fix`);
          const original = new SourceText(file, raw).text;
          for (const run of droppedRuns(original, t.traced)) {
            const removed = original.slice(run.start, run.end);
            const problem = !removed.trim() ? undefined : file === 'release' && /^\s*(?:~|null|""|'')\s*$/.test(removed) ? undefined : hasWords(removed) ? 'words' : undefined;
            ok(!problem, () => `${what}: dropped ${show(removed)} at ${run.start} (${problem})`);
          }
          ok(fixed.startsWith('\ufeff') === raw.startsWith('\ufeff'), `${what}: the BOM was ${raw.startsWith('\ufeff') ? 'dropped' : 'added'}`);
          ok(!fixed.slice(1).includes('\ufeff'), `${what}: a BOM inside the text`);
          assertEolKept(raw, fixed, what);
          const lost = missingFrom(commentsOf(file, raw), commentsOf(file, fixed));
          ok(lost.length === 0, () => `${what}: comments gone: ${lost.map((c) => show(c)).join(', ')}`);
          if (file === 'impact') {
            const lostHeadings = missingFrom(headings(parseImpact('IMPACT.md', raw)), headings(parseImpact('IMPACT.md', fixed)));
            ok(lostHeadings.length === 0, () => `${what}: headings lost: ${lostHeadings.join(' | ')}`);
          } else assertReleaseDataKept(raw, fixed, what);
        }
        // A second run has nothing left to do.
        const again = lintAndFix({ ...input, impact: input.impact && { ...input.impact, text: res.impact ?? input.impact.text }, release: input.release && { ...input.release, text: res.release ?? input.release.text } });
        ok(again.impact === undefined && again.release === undefined, `${p.name}: a second lintAndFix still changes the text`);
      });
    }
  });

  describe('1b. regressions found by these tests', () => {
    const fixed = (impact: string | undefined, release: string | undefined) => lintAndFix(lintInput({ name: 'regression', impact, release }));

    it('a prompt written into an empty value keeps the comment between its stray characters', () => {
      for (const make of [(s: string) => s, crlf]) {
        const impact = make('# T\n\n## Hazards\n\n### Data hazard\n- **Applies:** - <!-- ask Ana before answering --> -\n- **Rationale:** the recipe is in the paper already.\n');
        const out = fixed(impact, undefined).impact!;
        ok(out.includes('- **Applies:** _TODO: yes, no or unsure_ <!-- ask Ana before answering -->'), () => `the comment moved or vanished: ${show(out, 400)}`);
      }
    });

    it('keys added after a keep-chomping block scalar (|+) leave its kept line breaks in its value', () => {
      const release = 'impact-release: 1\nmodality: [audio]\ncontact: a@example.org\nwithdrawal: |+\n  Take the repository private.\n\n\n';
      const out = fixed(undefined, release).release!;
      eq((parseRelease('release.yaml', out).value as Record<string, unknown>).withdrawal, 'Take the repository private.\n\n\n', 'the |+ value after --fix');
      ok(/private\.\n\n\nsafeguards:\n/.test(out), () => `safeguards should follow the kept lines: ${show(out, 400)}`);
    });

    it('a list entry appended after a block scalar with a kept blank line leaves the scalar alone', () => {
      const release = [
        'impact-release: 1',
        'modality: [text]',
        'contact: a@example.org',
        'withdrawal: pull it',
        'artifacts:',
        '  - id: w',
        '    content: trained-model',
        '    distribution: { kind: public }',
        '    timing:',
        '      kind: staged',
        '      stages:',
        '        - date: 2026-09-01',
        '          release: |+',
        '            the small model',
        '',
        '',
      ].join('\n');
      const out = fixed(undefined, release).release!;
      const v = parseRelease('release.yaml', out).value as { artifacts: { timing: { stages: { release: string }[] } }[] };
      eq(v.artifacts[0].timing.stages[0].release, 'the small model\n\n', 'the |+ stage value after --fix');
      eq(v.artifacts[0].timing.stages.length, 2, 'a second stage was added');
    });

    it('a whitespace line indented deeper than a folded scalar at the end of the file stays in it', () => {
      const release = 'impact-release: 1\nmodality: [image]\nwithdrawal: >-\n  Pull the\n  weights.\n\n   ';
      const before = (parseRelease('release.yaml', release).value as Record<string, unknown>).withdrawal;
      const out = fixed(undefined, release).release!;
      eq((parseRelease('release.yaml', out).value as Record<string, unknown>).withdrawal, before, 'the >- value after --fix');
    });

    it('a comment indented under the last entry of a mapping stays under that entry', () => {
      const release = ['impact-release: 1', 'modality: [audio]', 'contact: a@example.org', 'withdrawal: pull it', 'safeguards:', '  consent: { status: implemented }', '  detectability:', '    status: planned', '    # the detector ships with the model', ''].join('\n');
      const out = fixed(undefined, release).release!;
      const lines = out.split('\n');
      const comment = lines.indexOf('    # the detector ships with the model');
      ok(comment === lines.indexOf('    status: planned') + 1, () => `the comment left detectability: ${show(out, 500)}`);
      ok(lines.findIndex((l) => l.startsWith('  watermarking:')) > comment, 'new safeguards go after the comment');
    });
  });

  // ===========================================================================================
  // The command line: bin/impact-notes.js over a fresh bundle
  // ===========================================================================================

  let tmp: string;
  let bin: string;

  before(async function () {
    this.timeout(60_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-no-lost-text-'));
    const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
    const esbuild = await import('esbuild');
    // bin/impact-notes.js requires ../dist/cli.js: the same layout, in the temporary folder.
    await esbuild.build({ ...build.cliBuildOptions({ outfile: path.join(tmp, 'dist', 'cli.js') }), sourcemap: false, logLevel: 'error' });
    fs.mkdirSync(path.join(tmp, 'bin'));
    bin = path.join(tmp, 'bin', 'impact-notes.js');
    fs.copyFileSync(path.join(ROOT, 'bin', 'impact-notes.js'), bin);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function run(args: string[], cwd: string) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** A project folder under a root configuration, with the files of FILES besides the given ones. */
  function project(name: string, files: Record<string, string | Buffer>): string {
    const dir = path.join(tmp, 'projects', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\n');
    for (const f of FILES) {
      if (f === 'IMPACT.md' || f === 'release.yaml') continue;
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'x\n');
    }
    for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), content);
    return dir;
  }

  /** Bytes and modification times of files, to compare after a command. */
  function snapshot(dir: string, names: string[]): Map<string, { bytes: Buffer; mtime: number }> {
    return new Map(names.map((n) => [n, { bytes: fs.readFileSync(path.join(dir, n)), mtime: fs.statSync(path.join(dir, n)).mtimeMs }]));
  }

  function assertUntouched(dir: string, snap: Map<string, { bytes: Buffer; mtime: number }>, what: string): void {
    for (const [n, s] of snap) {
      const now = fs.readFileSync(path.join(dir, n));
      ok(now.equals(s.bytes), `${what}: ${n} changed`);
      ok(fs.statSync(path.join(dir, n)).mtimeMs === s.mtime, `${what}: ${n} was written (its modification time changed)`);
    }
  }

  describe('1c. impact-notes lint --fix', () => {
    it('bin/impact-notes.js runs the command line (it used to load the bundle and exit 0 silently)', () => {
      const r = run(['--version'], tmp);
      eq(r.code, 0, 'exit code of --version');
      ok(/^\d+\.\d+\.\d+/.test(r.stdout), () => `--version printed ${show(r.stdout)}`);
      const bad = run(['lint', '--no-discovery', '--today', '2026-06-01'], project('bin-runs', { 'IMPACT.md': '# Only a title\n' }));
      eq(bad.code, 1, 'exit code of lint on an incomplete IMPACT.md');
      ok(/missing-section/.test(bad.stdout), 'lint through bin/impact-notes.js reports findings');
    });

    it('bin/impact-notes.js: the compile cache and the V8 setting for regular expressions change nothing but speed, and print nothing', () => {
      const dir = project('bin-cache', { 'IMPACT.md': '# Voice study\n\n## Hazards\n\nWe do not foresee any negative societal impact.\n' });
      const cache = fs.mkdtempSync(path.join(tmp, 'cache-'));
      const lintWith = (env: Record<string, string>) => {
        const r = spawnSync(process.execPath, [bin, 'lint', '--no-discovery', '--today', '2026-06-01', '-f', 'json'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
        eq(r.stderr, '', `stderr with ${JSON.stringify(env)}`);
        return r.stdout;
      };
      const first = lintWith({ NODE_COMPILE_CACHE: cache });
      ok(fs.readdirSync(cache).some((f) => f.endsWith('.v8')), 'the first run kept its compiled code');
      ok(/boilerplate-dismissal/.test(first), 'the dismissal is found');
      eq(lintWith({ NODE_COMPILE_CACHE: cache }), first, 'a run from the cache');
      eq(lintWith({ NODE_DISABLE_COMPILE_CACHE: '1' }), first, 'a run without the cache');
    });

    for (const base of BASE.filter((b) => b.impact && b.release)) {
      it(`${base.name}: writes exactly what lintAndFix returns, BOM and CRLF included`, () => {
        const p: Pair = { name: base.name, impact: '\ufeff' + crlf(base.impact!), release: '\ufeff' + crlf(base.release!) };
        const dir = project(`fix-${base.name.replace(/\W+/g, '-')}`, { 'IMPACT.md': p.impact!, 'release.yaml': p.release! });
        const r = run(['lint', '--fix', '--no-discovery', '--today', '2026-06-01', '-f', 'json'], dir);
        ok(r.code === 0 || r.code === 1, () => `lint --fix exited ${r.code}: ${r.stderr}`);
        const want = lintAndFix(lintInput(p));
        for (const [file, name] of [['impact', 'IMPACT.md'], ['release', 'release.yaml']] as const) {
          const bytes = fs.readFileSync(path.join(dir, name));
          ok(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, `${base.name}: ${name} lost its BOM`);
          const text = bytes.toString('utf8');
          eq(text, want[file] ?? p[file], `${base.name}: ${name} as written by --fix`);
          ok(!/(?<!\r)\n/.test(text), `${base.name}: ${name} has a lone LF after --fix`);
          const lost = missingFrom(commentsOf(file, p[file]!), commentsOf(file, text));
          ok(lost.length === 0, () => `${base.name}: ${name} lost comments: ${lost.join(', ')}`);
        }
      });
    }
  });

  // ===========================================================================================
  // 2. Scaffold
  // ===========================================================================================

  describe('2. scaffold', () => {
    const md = new MarkdownIt({ html: true });
    const TITLE = 'EchoVoice *v2* <!-- not a comment --> #1 [draft] `x` 🎙️ 𠀋 "quoted": yes &copy; 50% _under_ \\back';
    const PATHS = ['checkpoints/**/*.pt', 'data/my file #1.bin', 'odd`tick`/x', '`leading-tick', 'a: b, [c]'];
    const CONTACT = 'mailto:misuse+voice@example.org?subject=Report #1: "x"';
    const answers = (eol: '\n' | '\r\n') => ({
      title: TITLE,
      modality: ['speech', 'video'],
      artifacts: [
        { id: 'weights.v2', content: 'weights', paths: PATHS },
        { id: 'paper', content: 'paper', paths: [] },
      ],
      reviewLevel: 'full',
      contact: CONTACT,
      today: TODAY,
      eol,
    });

    for (const eol of ['\n', '\r\n'] as const) {
      it(`writes the answers verbatim, escaped for Markdown and YAML (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
        const { impact, release } = scaffold(answers(eol));
        // YAML: every answer reads back as given.
        const plan = parseRelease('release.yaml', release);
        eq(plan.syntaxErrors.length, 0, 'the scaffolded release.yaml parses');
        const v = plan.value as { title: string; contact: string; modality: string[]; artifacts: { id: string; paths?: string[] }[] };
        eq(v.title, TITLE, 'title in release.yaml');
        eq(v.contact, CONTACT, 'contact in release.yaml');
        eq(v.artifacts.map((a) => a.id), ['weights.v2', 'paper'], 'artifact ids in release.yaml');
        eq(v.artifacts[0].paths, PATHS, 'artifact paths in release.yaml');
        // Markdown: the title is text, not syntax; the paths are code spans with their text intact.
        const tokens = md.parse(impact, {});
        const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
        const inline = tokens[h1 + 1];
        eq(inline.children!.map((c) => c.type), ['text'], 'the title is one text run (no emphasis, code, link, HTML or entity)');
        eq(inline.children![0].content, `Impact assessment: ${TITLE}`, 'title in IMPACT.md as Markdown reads it');
        const item = tokens.find((t) => t.type === 'inline' && t.content.includes('weights.v2'))!;
        eq(item.children!.filter((c) => c.type === 'code_inline').map((c) => c.content), ['weights.v2', ...PATHS], 'artifact id and paths in IMPACT.md');
        // The user's text opened no comment: the only comment is the scaffold's own.
        eq(mdComments(impact).length, 1, 'comments in the scaffolded IMPACT.md');
        assertEolKept(eol === '\n' ? 'a\nb' : 'a\r\nb', impact, 'scaffolded IMPACT.md');
        assertEolKept(eol === '\n' ? 'a\nb' : 'a\r\nb', release, 'scaffolded release.yaml');
      });
    }

    const EXISTING_IMPACT = '\ufeff' + crlf(IMPACT_SUBSECTIONS);
    const EXISTING_RELEASE = crlf(RELEASE_BLOCK) + '\t \r\n';

    it('writeScaffold never replaces an existing file: it reports it skipped and leaves it byte-identical', () => {
      const cases: { name: string; files: Record<string, string>; written: string[]; skipped: string[] }[] = [
        { name: 'both-exist', files: { 'IMPACT.md': EXISTING_IMPACT, 'release.yaml': EXISTING_RELEASE }, written: [], skipped: ['IMPACT.md', 'release.yaml'] },
        { name: 'impact-exists', files: { 'IMPACT.md': EXISTING_IMPACT }, written: ['release.yaml'], skipped: ['IMPACT.md'] },
        { name: 'other-spellings', files: { 'Impact.md': EXISTING_IMPACT, 'release.yml': EXISTING_RELEASE }, written: [], skipped: ['Impact.md', 'release.yml'] },
        { name: 'release-exists', files: { 'release.yaml': EXISTING_RELEASE }, written: ['IMPACT.md'], skipped: ['release.yaml'] },
      ];
      for (const c of cases) {
        const dir = path.join(tmp, 'scaffold', c.name);
        fs.mkdirSync(dir, { recursive: true });
        for (const [n, t] of Object.entries(c.files)) fs.writeFileSync(path.join(dir, n), t);
        const snap = snapshot(dir, Object.keys(c.files));
        const res = writeScaffold(dir, answers('\n'));
        eq(res.skipped.map((f) => path.basename(f)).sort(), c.skipped.sort(), `${c.name}: skipped`);
        eq(res.written.map((f) => path.basename(f)).sort(), c.written.sort(), `${c.name}: written`);
        assertUntouched(dir, snap, `writeScaffold ${c.name}`);
        eq(fs.readdirSync(dir).sort(), [...Object.keys(c.files), ...c.written].sort(), `${c.name}: files in the folder afterwards`);
      }
    });

    it('impact-notes init leaves existing files byte-identical (exit 2 when it has nothing to write)', () => {
      const both = path.join(tmp, 'init', 'both');
      fs.mkdirSync(both, { recursive: true });
      fs.writeFileSync(path.join(both, 'IMPACT.md'), EXISTING_IMPACT);
      fs.writeFileSync(path.join(both, 'release.yaml'), EXISTING_RELEASE);
      const snap = snapshot(both, ['IMPACT.md', 'release.yaml']);
      const r = run(['init', '--title', TITLE, '--modality', 'audio', '--today', '2026-06-01'], both);
      eq(r.code, 2, `init with both files present: ${r.stderr}`);
      ok(/Skipped IMPACT\.md: it already exists and was not overwritten\./.test(r.stderr), () => `stderr: ${r.stderr}`);
      assertUntouched(both, snap, 'init (both present)');

      const one = path.join(tmp, 'init', 'one');
      fs.mkdirSync(one, { recursive: true });
      fs.writeFileSync(path.join(one, 'release.yml'), EXISTING_RELEASE);
      const snap1 = snapshot(one, ['release.yml']);
      const r1 = run(['init', '.', '--title', TITLE, '--modality', 'audio', '--today', '2026-06-01'], one);
      eq(r1.code, 0, `init with release.yml present: ${r1.stderr}`);
      ok(r1.stdout.includes('Created IMPACT.md'), () => `stdout: ${r1.stdout}`);
      assertUntouched(one, snap1, 'init (release.yml present)');
      eq(fs.readdirSync(one).sort(), ['IMPACT.md', 'release.yml'], 'no release.yaml beside release.yml');
    });
  });

  // ===========================================================================================
  // 3. Guided assessment answers
  // ===========================================================================================

  describe('3. guided assessment answers', () => {
    /** Hazards as parts, factors as lines (some `*`, some numbered, one multi-line), comments between. */
    const IMPACT_ANSWERS = [
      '<!-- Guided assessment in progress. -->',
      '# Impact assessment: ClipForge 🎬',
      '',
      'Summary',
      '-------',
      '',
      'ClipForge edits faces in video.\t',
      '',
      '## 2. Hazards',
      '',
      '### Product hazard',
      '- **Applies:** yes <!-- Ana agrees -->',
      '- **Rationale:** the demo works as it is, so a scammer needs no skill at all.   ',
      '',
      '<!-- comment between hazard parts -->',
      '### Data hazard',
      '- **Applies:**',
      '- **Rationale:**',
      '',
      '## Path to harm',
      '',
      '### Awareness',
      '* **Adversary attention:** high <!-- check with Ben --> — forums ask for it.',
      '* **Convincibility:**',
      '<!-- between factors -->',
      '* **Talent pipeline:** low — needs a GPU.',
      '',
      '### Deployment',
      '1. **Reproducibility:** medium — code is public;',
      '   weights are not. 😬',
      '2. **Slottability:**\t',
      '',
      '## Release plan',
      '',
      'Nothing yet. <!-- final note, no newline -->',
    ].join('\n');

    const where = (doc: ImpactDoc, kind: QuestionKind, id: string): OffsetRange | undefined => {
      const src = doc.source;
      const lines = (from: number, to: number) => ({ start: src.lineStart(from), end: src.lineEnd(to) });
      if (kind === 'hazard') {
        const e = hazardEntries(doc)?.find((h) => h.term.id === id);
        if (e?.sub) return e.sub.range;
        if (e?.compact) return lines(e.compact.line, e.compact.endLine);
        return undefined;
      }
      if (kind === 'ratchet') return doc.byId.get('access-ratchet')?.range;
      if (kind === 'indirect') {
        const m = doc.byId.get('indirect-harms')?.allMarkers.find((x) => termNamed('indirect-harm', x.key)?.id === id);
        return m ? lines(m.line, m.endLine) : doc.byId.get('indirect-harms')?.range;
      }
      const e = factorEntries(doc)?.find((f) => f.term.id === id);
      if (e?.marker) return lines(e.marker.line, e.marker.endLine);
      if (e?.sub) return e.sub.range;
      return undefined;
    };

    for (const v of VARIANTS) {
      it(`answering one entry changes only that entry (${v.name})`, () => {
        const text = v.make(IMPACT_ANSWERS);
        const before = questions(text);
        const doc = parseImpact('IMPACT.md', text);
        const src = doc.source.text;
        const eol = doc.source.eol;
        for (const q of before) {
          const value = q.kind === 'hazard' ? 'no' : q.kind === 'ratchet' ? 'attention' : 'medium';
          const reasoning = `the answer for ${q.term.id}, written\nover two lines`;
          const what = `${v.name}: answering ${q.kind} '${q.term.id}'`;
          const out = writeAnswer(text, q.kind, q.term.id, { value, reasoning });
          ok(out !== text, `${what}: nothing was written`);
          ok(out.startsWith('\ufeff') === text.startsWith('\ufeff'), `${what}: the BOM changed`);
          assertEolKept(text, out, what);
          const lost = missingFrom(mdComments(text), mdComments(out));
          ok(lost.length === 0, () => `${what}: comments gone: ${lost.join(', ')}`);
          // The smallest changed span of the original lies inside the entry (or is an insertion).
          const o = out.replace(/^\ufeff/, '');
          let p = 0;
          while (p < src.length && p < o.length && src[p] === o[p]) p++;
          let s = 0;
          while (s < src.length - p && s < o.length - p && src[src.length - 1 - s] === o[o.length - 1 - s]) s++;
          const changed = { start: p, end: src.length - s };
          const entry = where(doc, q.kind, q.term.id);
          if (entry) ok(changed.start >= entry.start && changed.end <= entry.end, () => `${what}: changed ${show(src.slice(changed.start, changed.end))} outside the entry ${show(src.slice(entry.start, entry.end))}`);
          else ok(!src.slice(changed.start, changed.end).trim(), () => `${what}: a new entry replaced ${show(src.slice(changed.start, changed.end))}`);
          // The answer is in; every other entry reads as before.
          const after = questions(out);
          const mine = after.find((x) => x.term.id === q.term.id && x.kind === q.kind)!;
          ok(mine.answered && mine.current.value === value && mine.current.reasoning?.includes(`the answer for ${q.term.id}, written over two lines`), () => `${what}: the answer reads ${JSON.stringify(mine.current)}`);
          for (const b of before) {
            if (b === q) continue;
            const a = after.find((x) => x.term.id === b.term.id && x.kind === b.kind)!;
            eq(a.answered, b.answered, `${what}: '${b.term.id}' answered`);
            if (where(doc, b.kind, b.term.id)) eq(a.current, b.current, `${what}: what '${b.term.id}' says`);
          }
          // Answering twice does not duplicate; answering again replaces in place.
          eq(writeAnswer(out, q.kind, q.term.id, { value, reasoning }), out, `${what}: the same answer twice`);
          const other = q.kind === 'hazard' ? 'unsure' : q.kind === 'ratchet' ? 'weaponized' : 'low';
          const again = writeAnswer(out, q.kind, q.term.id, { value: other, reasoning: 'changed my mind' });
          eq(again.split(eol).length, out.split(eol).length, `${what}: a second, different answer adds or removes lines`);
          const re = questions(again).find((x) => x.term.id === q.term.id && x.kind === q.kind)!;
          ok(re.current.value === other && re.current.reasoning?.includes('changed my mind') && !again.includes(`the answer for ${q.term.id}`), () => `${what}: the second answer reads ${JSON.stringify(re.current)}`);
          eq(missingFrom(mdComments(text), mdComments(again)), [], `${what}: comments after the second answer`);
        }
      });
    }

    it('a note inside a written value survives the answer that replaces the value', () => {
      const out = writeAnswer(IMPACT_ANSWERS, 'factor', 'adversary-attention', { value: 'low', reasoning: 'nobody has asked for it yet' });
      ok(out.includes('* **Adversary attention:** low — nobody has asked for it yet <!-- check with Ben -->'), () => show(out, 2000));
    });
  });

  // ===========================================================================================
  // 4. Exports
  // ===========================================================================================

  describe('4. exports', () => {
    const IMPACT_EXPORT = [
      '<!-- Export test: every section written, with comments and LaTeX specials. -->',
      '# Impact assessment: VoxShift 🎙️',
      '',
      'Summary',
      '-------',
      '',
      'VoxShift converts one speaker’s voice into another’s from thirty seconds of audio.',
      '',
      '## Capability and modality',
      '',
      '- **Modality:** audio',
      '- **Capability:** speaker conversion in real time on a laptop GPU.',
      '',
      '## Benefits',
      '',
      'People who lost their voice to illness can speak again in a voice close to their own, at 50% of the cost & in days, not months. <!-- numbers from the clinic -->',
      'Dubbing studios pay $5 per minute instead of $40; the snake_case tool names stay as ~they~ were.',
      '\t',
      'Researchers on spoofing detection gain a documented attack, 𠀋 included.',
      '',
      '## Hazards',
      '',
      '### Product hazard',
      '- **Applies:** yes',
      '- **Rationale:** the inference script turns half a minute of speech into a clone with no skill at all, 100% offline. <!-- Ana -->',
      '',
      '### Data hazard',
      '- **Applies:** no',
      '- **Rationale:** the architecture change is already known in the literature & adds little to it.',
      '',
      '### Attention hazard',
      '- **Applies:** unsure',
      '- **Rationale:** the latency numbers (under 50 ms) could draw attention from fraud groups to this method.',
      '',
      '## Path to harm',
      '',
      '### Awareness',
      '- **Adversary attention:** medium — voice-cloning scams are in the press, so fraud groups watch this area closely.',
      '- **Convincibility:** high — listeners on a phone line cannot tell the converted voice from the original one.',
      '',
      '### Deployment',
      '- **Talent pipeline:** medium — running the code needs basic Python skills that many fraud rings can buy.',
      '- **Reproducibility:** high — paper, code & weights together make replication a day’s work on one GPU.',
      '- **Modifiability:** low — adapting the model to a new language needs hours of speech and real skill.',
      '- **Slottability:** high — the converter drops into voice-over-IP tools without any changes at all.',
      '- **Environment:** medium — banks add call-back checks that blunt a cloned voice, but not everywhere yet.',
      '',
      '### Sustained use',
      '- **Actual ROI:** medium — a cloned voice makes each call more convincing, yet most targets verify transfers.',
      '- **Assessed ROI:** not-applicable — attackers cannot measure the uplift, so this factor does not bear on it.',
      '',
      '## Access ratchet',
      '',
      '- **Position:** attention',
      '- **Rationale:** fraud groups know voice cloning exists and tried #1 commercial services, with no sustained use of open models.',
      '',
      '## Indirect harms',
      '',
      '- **Disinformation ratchet:** medium — cheap clones make genuine recordings easier to dismiss as fake.',
      '- **Path dependency:** low — one more conversion model locks in no platform or standard.',
      '',
      '## Who could be harmed',
      '',
      '- **Viewers:** people who receive a call in a familiar voice and act on it, such as elderly relatives.',
      '- **Subjects:** people whose recordings are online and whose voice is cloned without consent.',
      '- **Society:** courts, newsrooms and call centres lose confidence in recorded speech as evidence.',
      '',
      '## Mitigations',
      '',
      'We embed an inaudible watermark in all audio from the released code and publish a detector. <!-- v2 -->',
      'Access to the full model needs an application that names the intended use.',
      '',
      '## Detection guidance',
      '',
      'Converted speech carries a spread-spectrum watermark that our detector finds in clips over 3 s; without it, look for smoothing above 7 kHz.',
      '',
      '## Release plan',
      '',
      'The paper and code go out on publication; the model follows in stages behind an access form {see release.yaml}.',
      '',
      '## Review log',
      '',
      '- **2026-05-10:** expedited review by the release committee; approved the staged plan.',
      '',
      '## Conference checklist mapping',
      '',
      '- **NeurIPS broader impacts:** Section 7 & Appendix B_2',
      '',
      '<!-- last line: a comment with no newline -->',
    ].join('\n');

    const RELEASE_EXPORT = [
      '# plan, with comments   ',
      'impact-release: 1',
      'title: "VoxShift: few-shot voice conversion"',
      'assessment: IMPACT.md',
      'modality: [audio]   # speech only',
      'review:',
      '  level: expedited',
      '  reviewers: [release committee]',
      '  date: 2026-05-10',
      '  next: 2026-11-10',
      'contact: mailto:misuse-reports@example.org',
      'artifacts:',
      '  - id: paper',
      '    content: paper',
      '    paths: [paper/**]',
      '    timing: { kind: immediate }',
      '    distribution: { kind: public }',
      '  # the model',
      '  - id: weights',
      '    content: trained-model',
      '    paths: [checkpoints/**]',
      '    timing:',
      '      kind: staged',
      '      stages:',
      '        - { date: 2026-09-01, release: small model, distribution: ask-for-access }',
      '        - { after: detector published, release: full model, distribution: ask-for-access }',
      '    distribution:',
      '      kind: ask-for-access',
      '      process: >',
      '        reviewed application form,',
      '        answered within 10 days',
      'safeguards:',
      '  consent: { status: implemented, detail: the licence forbids cloning a voice without consent }',
      '  watermarking: { status: implemented, detail: "spread-spectrum watermark in all generated audio" }',
      '  detectability: { status: planned, detail: a detector ships before the full model }',
      '  referenceability: { status: not-applicable, reason: no registry }',
      '  synthesis-constraints: { status: planned, detail: the demo refuses clips of public figures }',
      'withdrawal: |',
      '  Revoke access tokens and remove the download links.',
      '',
    ].join('\n');

    /** Plain sentences of the author's (no markup), by section, and the exports that carry them. */
    const SNIPPETS: { section: string; text: string; in: ExportKind[] }[] = [
      { section: 'benefits', text: 'People who lost their voice to illness can speak again in a voice close to their own, at 50% of the cost & in days, not months.', in: ['broader-impact'] },
      { section: 'benefits', text: 'Dubbing studios pay $5 per minute instead of $40; the snake_case tool names stay as ~they~ were.', in: ['broader-impact'] },
      { section: 'benefits', text: 'Researchers on spoofing detection gain a documented attack, 𠀋 included.', in: ['broader-impact'] },
      { section: 'hazards', text: 'the inference script turns half a minute of speech into a clone with no skill at all, 100% offline.', in: ['broader-impact', 'model-card'] },
      { section: 'hazards', text: 'the architecture change is already known in the literature & adds little to it.', in: ['broader-impact'] },
      { section: 'hazards', text: 'the latency numbers (under 50 ms) could draw attention from fraud groups to this method.', in: ['broader-impact', 'model-card'] },
      { section: 'path-to-harm', text: 'listeners on a phone line cannot tell the converted voice from the original one.', in: ['broader-impact', 'model-card'] },
      { section: 'path-to-harm', text: 'paper, code & weights together make replication a day’s work on one GPU.', in: ['broader-impact', 'model-card'] },
      { section: 'path-to-harm', text: 'banks add call-back checks that blunt a cloned voice, but not everywhere yet.', in: ['broader-impact'] },
      { section: 'access-ratchet', text: 'know voice cloning exists and tried #1 commercial services, with no sustained use of open models.', in: ['broader-impact', 'model-card'] },
      { section: 'indirect-harms', text: 'cheap clones make genuine recordings easier to dismiss as fake.', in: ['model-card'] },
      { section: 'harmed-parties', text: 'people who receive a call in a familiar voice and act on it, such as elderly relatives.', in: ['broader-impact', 'model-card'] },
      { section: 'harmed-parties', text: 'courts, newsrooms and call centres lose confidence in recorded speech as evidence.', in: ['broader-impact', 'model-card'] },
      { section: 'mitigations', text: 'We embed an inaudible watermark in all audio from the released code and publish a detector.', in: ['broader-impact', 'model-card'] },
      { section: 'mitigations', text: 'Access to the full model needs an application that names the intended use.', in: ['broader-impact', 'model-card'] },
      { section: 'detection-guidance', text: 'Converted speech carries a spread-spectrum watermark that our detector finds in clips over 3 s; without it, look for smoothing above 7 kHz.', in: ['broader-impact', 'model-card'] },
      { section: 'release-plan', text: 'The paper and code go out on publication; the model follows in stages behind an access form {see release.yaml}.', in: ['broader-impact'] },
    ];

    /** Sections exported whole (as blocks), per export. */
    const BLOCKS: Record<ExportKind, string[]> = {
      'broader-impact': ['benefits', 'harmed-parties', 'mitigations', 'detection-guidance', 'release-plan'],
      'model-card': ['harmed-parties', 'indirect-harms', 'mitigations', 'detection-guidance'],
      checklist: [],
    };

    /** Words (letters and digits) of a text; LaTeX commands left out. */
    const words = (text: string, format: ExportFormat) => (format === 'latex' ? text.replace(/\\[A-Za-z]+/g, ' ') : text).match(/[\p{L}\p{N}]+/gu) ?? [];

    /** Whether `needle` is a subsequence of `hay`. */
    const inOrder = (needle: readonly string[], hay: readonly string[]) => {
      let i = 0;
      for (const w of hay) if (i < needle.length && w === needle[i]) i++;
      return i === needle.length;
    };

    for (const v of VARIANTS) {
      it(`the author's text of each section comes out verbatim, escaped as documented (${v.name})`, () => {
        const input = lintInput({ name: 'export', impact: v.make(IMPACT_EXPORT), release: v.make(RELEASE_EXPORT) });
        const impactBefore = input.impact!.text;
        const releaseBefore = input.release!.text;
        const result = lint(input);
        const model = buildReport({ result, today: TODAY });
        const doc = result.impact!;
        let kinds = 0;
        for (const kind of EXPORT_KINDS) {
          for (const format of EXPORT_FORMATS[kind]) {
            kinds++;
            const what = `${v.name}: ${kind} (${format})`;
            const out = renderExport(kind, model, format).text;
            const escape = format === 'latex' ? escapeLatex : escapeMarkdown;
            for (const s of SNIPPETS.filter((x) => x.in.includes(kind))) {
              ok(out.includes(escape(s.text)), () => `${what}: the ${s.section} text ${show(s.text, 80)} is not there as ${show(escape(s.text), 100)}`);
            }
            for (const id of BLOCKS[kind]) {
              const section = doc.byId.get(id)!;
              const body = doc.source.text.slice(doc.source.lineStart(section.heading.line + 1), section.range.end).replace(/<!--[\s\S]*?-->/g, ' ');
              ok(inOrder(words(body, 'md'), words(out, format)), () => `${what}: words of the ${id} section are missing or out of order`);
            }
            // Notes to self (HTML comments) are not exported.
            for (const c of mdComments(IMPACT_EXPORT)) ok(!out.includes(c.slice(4, -3).trim()), `${what}: the comment ${show(c)} was exported`);
            if (kind === 'checklist') {
              const pointer = format === 'latex' ? escapeLatex('“Section 7 & Appendix B_2”') : escapeMarkdown('Section 7 & Appendix B_2');
              ok(out.includes(pointer), () => `${what}: the author's section pointer is not there as ${show(pointer)}`);
            }
          }
        }
        eq(kinds, 5, 'export kinds × formats');
        eq(input.impact!.text, impactBefore, 'IMPACT.md text after exporting');
        eq(input.release!.text, releaseBefore, 'release.yaml text after exporting');
      });
    }

    it('impact-notes export leaves the input files alone and never overwrites an --out file without --force', () => {
      const dir = project('export', { 'IMPACT.md': '\ufeff' + crlf(IMPACT_EXPORT), 'release.yaml': crlf(RELEASE_EXPORT) });
      fs.writeFileSync(path.join(dir, 'mine.md'), '\ufeffmy own notes\r\n<!-- keep -->\r\n');
      fs.writeFileSync(path.join(dir, 'paper.tex'), '\\section{Mine}\n% keep\n');
      const inputs = ['IMPACT.md', 'release.yaml', '.impact-notes.yaml', ...FILES.filter((f) => f !== 'IMPACT.md' && f !== 'release.yaml')];
      const snap = snapshot(dir, [...inputs, 'mine.md', 'paper.tex']);
      const today = ['--today', '2026-06-01'];
      let refusals = 0;
      for (const kind of EXPORT_KINDS) {
        for (const format of EXPORT_FORMATS[kind]) {
          const r = run(['export', kind, '--format', format, ...today], dir);
          eq(r.code, 0, `export ${kind} ${format}: ${r.stderr}`);
          const escape = format === 'latex' ? escapeLatex : escapeMarkdown;
          const s = SNIPPETS.find((x) => x.in.includes(kind));
          if (s) ok(r.stdout.includes(escape(s.text)), `export ${kind} ${format} carries the author's text`);
          // An existing --out file (or the assessment itself) is refused, byte for byte untouched.
          const targets = ['mine.md', 'paper.tex', 'IMPACT.md', 'release.yaml'];
          for (const target of [targets[refusals++ % targets.length]]) {
            const refused = run(['export', kind, '--format', format, '--out', target, ...today], dir);
            eq(refused.code, 2, `export ${kind} --out ${target} over an existing file: exit code`);
            eq(refused.stdout, '', `export ${kind} --out ${target}: stdout`);
            ok(refused.stderr.startsWith(`impact-notes: ${target} already exists and was not overwritten: use --force`), () => `export --out ${target}: stderr ${show(refused.stderr)}`);
          }
        }
      }
      const report = run(['report', '--out', 'mine.md', ...today], dir);
      eq(report.code, 2, 'report --out over an existing file: exit code');
      assertUntouched(dir, snap, 'after the refused exports');
      // A new --out file is written; --force replaces only the named file.
      const fresh = run(['export', 'broader-impact', '--out', 'out/broader-impact.md', ...today], dir);
      eq(fresh.code, 0, `export --out a new file: ${fresh.stderr}`);
      ok(fs.readFileSync(path.join(dir, 'out', 'broader-impact.md'), 'utf8').includes(escapeMarkdown(SNIPPETS[0].text)), 'the written export carries the author’s text');
      const forced = run(['export', 'checklist', '--out', 'mine.md', '--force', ...today], dir);
      eq(forced.code, 0, `export --force: ${forced.stderr}`);
      ok(fs.readFileSync(path.join(dir, 'mine.md'), 'utf8').startsWith('## Conference checklist answers'), '--force replaced mine.md');
      snap.delete('mine.md');
      assertUntouched(dir, snap, 'after writing exports');
    });
  });
});
