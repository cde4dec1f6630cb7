/**
 * Fuzz targets: what is generated and which invariants it must keep. Each target is a fast-check
 * arbitrary plus a check that throws FuzzFailure; `share` is its part of a long run's inputs
 * (weighted towards cheap lint checks; lintAndFix runs many lint passes per input).
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { lint } from '../../src/core/engine';
import { scaffold, ScaffoldError, type ScaffoldAnswers } from '../../src/core/scaffold';
import { HAZARD_TYPES, PATH_TO_HARM, ids } from '../../src/core/taxonomy';
import { questions, writeAnswer } from '../../src/extension/assessment/answers';
import { isFillIn } from '../unit/fill-in';
import { isPlaceholderOnly } from '../../src/core/rules/impact/lib/placeholders';
import { BUDGET, checkEachFix, checkLint, checkLintAndFix, FuzzFailure, lintInput, lostWords, TODAY, timed, type PairInput } from './check';
import { impactText, words } from './gen-impact';
import { releaseText } from './gen-release';
import { mutatedFile, mutatedPair } from './mutate';

export interface Target<T = unknown> {
  name: string;
  description: string;
  /** Share of a long run's inputs. */
  share: number;
  arbitrary: fc.Arbitrary<T>;
  /** Checks one input; returns the CPU ms of its main call. */
  check(input: T): number;
  /** The files to save when the input fails. */
  files(input: T): Record<string, string>;
}

const pairFiles = (p: PairInput): Record<string, string> => ({
  ...(p.impact !== undefined ? { 'IMPACT.md': p.impact } : {}),
  ...(p.release !== undefined ? { 'release.yaml': p.release } : {}),
});

function lintTarget<T>(name: string, description: string, share: number, arbitrary: fc.Arbitrary<T>, toPair: (t: T) => PairInput): Target<T> {
  return {
    name,
    description,
    share,
    arbitrary,
    check(input) {
      const p = toPair(input);
      const { result, ms } = checkLint(p);
      checkEachFix(p, result);
      return ms;
    },
    files: (input) => pairFiles(toPair(input)),
  };
}

function fixTarget<T>(name: string, description: string, share: number, arbitrary: fc.Arbitrary<T>, toPair: (t: T) => PairInput): Target<T> {
  return {
    name,
    description,
    share,
    arbitrary,
    check: (input) => checkLintAndFix(toPair(input)).ms,
    files: (input) => pairFiles(toPair(input)),
  };
}

// ---------------------------------------------------------------------------------------------
// Scaffold: random answers, hostile strings included
// ---------------------------------------------------------------------------------------------

const hostile = fc.constantFrom('', ' ', '"quoted"', "it's", 'a: b', '# not a comment', '- item', '[x]', '{a}', '*bold*', '<!-- c -->', '-->', '<script>x</script>', '\\input{x}', '---', '`code`', '😀 ünï', '\ud800', 'line\nbreak', 'cr\rbreak', 'tab\there', '&anchor', '*alias', '%YAML', '@at', '|', '>', '!tag', 'null', 'yes', '2026-01-01', '0x10', '.inf', '__proto__');
const hostileText = fc.oneof(hostile, words(1, 6), fc.tuple(words(0, 3), hostile, words(0, 3)).map((p) => p.join(' ')));

export const answersArb: fc.Arbitrary<ScaffoldAnswers> = fc.record({
  title: fc.option(hostileText, { nil: undefined }),
  modality: fc.array(fc.oneof(fc.constantFrom(...ids('modality'), 'speech', 'photos', 'videos', 'Audio', ' audio '), hostileText), { maxLength: 3 }),
  artifacts: fc.array(
    fc.record({
      id: fc.oneof(fc.constantFrom('weights', 'paper', 'code', 'data', 'toolkit_v2.0', 'x.y-z'), hostileText),
      content: fc.oneof(fc.constantFrom(...ids('release-content'), 'weights', 'code', 'dataset', 'demo'), hostileText),
      paths: fc.array(fc.oneof(fc.constantFrom('checkpoints/**', 'data/{train,val}/**', '*.pt', '.', 'src/'), hostileText), { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
  reviewLevel: fc.oneof(fc.constantFrom('exempt', 'expedited', 'full', 'full review', 'Expedited'), hostileText),
  contact: fc.option(fc.oneof(fc.constantFrom('mailto:misuse@example.org', 'misuse@example.org', 'https://example.org/report'), hostileText), { nil: undefined }),
  today: fc.constant(TODAY),
  eol: fc.option(fc.constantFrom('\n' as const, '\r\n' as const), { nil: undefined }),
});

const scaffoldTarget: Target<ScaffoldAnswers> = {
  name: 'scaffold',
  description: 'scaffold() with random answers: only one-line ScaffoldErrors for bad answers; the pair lints with fill-in findings only',
  share: 0.02,
  arbitrary: answersArb,
  check(answers) {
    let out: { impact: string; release: string };
    try {
      out = scaffold(answers);
    } catch (err) {
      if (err instanceof ScaffoldError) {
        if (/[\r\n]/.test(err.message)) throw new FuzzFailure('scaffold-message', `ScaffoldError message is not one line: ${JSON.stringify(err.message)}`);
        return 0;
      }
      throw new FuzzFailure('scaffold-throws', `scaffold threw ${(err as Error)?.stack ?? err}`);
    }
    // The files around a new scaffold are unknown (path rules stay silent, as in the editor before a scan).
    const p: PairInput = { impact: out.impact, release: out.release, files: null };
    const { result, ms } = checkLint(p);
    const contact = answers.contact?.trim();
    const structural = result.findings.filter((f) => {
      const doc = f.file === 'impact' ? result.impact : result.release;
      if (isFillIn(f.rule, doc?.source.text ?? '', f.range, f.file === 'impact' ? result.impact : undefined)) return false;
      // A contact the author typed is written as given; contact-missing judging it is the author's answer, not the scaffold's structure.
      if (f.rule === 'contact-missing' && contact && result.release?.get(['contact']) === contact) return false;
      // So is an artifact path typed as a placeholder (`TODO`, `\answerTODO{}`): the Release plan
      // section then lists nothing real, and missing-section saying it still holds only the prompt is right.
      if (f.rule === 'missing-section' && answers.artifacts?.some((a) => a.paths?.some((p) => isPlaceholderOnly(p)))) return false;
      return true;
    });
    if (structural.length) {
      throw new FuzzFailure('scaffold-structural', `a fresh scaffold has structural findings: ${structural.slice(0, 4).map((f) => `${f.file}:${f.start.line + 1} ${f.rule}: ${f.message}`).join(' | ')}`);
    }
    checkEachFix(p, result);
    return ms;
  },
  files: (a): Record<string, string> => {
    try {
      const s = scaffold(a);
      return { 'answers.json': JSON.stringify(a, null, 2), 'IMPACT.md': s.impact, 'release.yaml': s.release };
    } catch {
      return { 'answers.json': JSON.stringify(a, null, 2) };
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Assessment answers: writeAnswer changes only the answered term's lines (plus what it inserts)
// ---------------------------------------------------------------------------------------------

interface AnswerInput {
  text: string;
  kind: 'hazard' | 'factor';
  term: string;
  value: string;
  reasoning: string;
}

const impactSource = fc.oneof(
  impactText,
  mutatedFile('impact').map((m) => m.text),
  answersArb.map((a) => {
    try {
      return scaffold(a).impact;
    } catch {
      return '# Impact assessment\n';
    }
  }),
);

export const answerArb: fc.Arbitrary<AnswerInput> = fc
  .tuple(
    impactSource,
    fc.oneof(
      fc.constantFrom(...HAZARD_TYPES.map((t) => t.id)).map((term) => ({ kind: 'hazard' as const, term })),
      fc.constantFrom(...PATH_TO_HARM.map((t) => t.id)).map((term) => ({ kind: 'factor' as const, term })),
    ),
    fc.oneof(fc.constantFrom('yes', 'no', 'unsure', 'low', 'medium', 'high', 'unknown', 'not-applicable'), hostileText),
    fc.oneof(words(1, 12), hostileText, fc.constant('first line\r\nsecond line')),
  )
  .map(([text, t, value, reasoning]) => ({ text, ...t, value, reasoning }));

/** The region of `before` that differs from `after`, widened to whole lines. */
function changedLines(before: string, after: string): { start: number; end: number } {
  let s = 0;
  while (s < before.length && s < after.length && before[s] === after[s]) s++;
  let e = 0;
  while (e < before.length - s && e < after.length - s && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
  let start = s;
  while (start > 0 && before[start - 1] !== '\n' && before[start - 1] !== '\r') start--;
  let end = before.length - e;
  while (end < before.length && before[end] !== '\n' && before[end] !== '\r') end++;
  return { start, end: Math.max(start, end) };
}

const answersTarget: Target<AnswerInput> = {
  name: 'answers',
  description: 'guided assessment writeAnswer(): never throws, touches only the answered entry, keeps BOM and line breaks',
  share: 0.02,
  arbitrary: answerArb,
  check(a) {
    let out: string;
    const run = timed(() => writeAnswer(a.text, a.kind, a.term, { value: a.value, reasoning: a.reasoning }));
    try {
      out = run.value;
    } catch (err) {
      throw new FuzzFailure('answer-throws', `writeAnswer threw ${(err as Error)?.stack ?? err}`);
    }
    if (run.ms > BUDGET.fix) throw new FuzzFailure('answer-budget', `writeAnswer took ${run.ms.toFixed(0)} ms of CPU`);
    if (out === a.text) return run.ms;
    if (a.text.startsWith('\ufeff') !== out.startsWith('\ufeff')) throw new FuzzFailure('answer-bom', 'the BOM changed');
    // What was replaced: only lines of the answered entry (marker values), never a heading.
    const { start, end } = changedLines(a.text, out);
    const replaced = a.text.slice(start, end);
    const lost = lostWords(a.text, out).filter((w) => !lostWords(replaced, '').includes(w));
    if (lost.length) throw new FuzzFailure('answer-loses-text', `words outside the answered lines are gone: ${lost.slice(0, 8).join(', ')}`);
    // (Blanks around it may change: trailing ones at the end of the file, or a 1–3 space indent that
    // a list inserted before it would otherwise swallow.)
    const headings = replaced.split(/\r\n|\r|\n/).filter((l) => /^ {0,3}#{1,6}(\s|$)/.test(l) && !out.includes(l.trim()));
    if (headings.length) throw new FuzzFailure('answer-heading', `writeAnswer rewrote a heading: ${JSON.stringify(headings[0])}`);
    // The answer is there, and lint still runs clean of internal errors.
    checkLint({ impact: out });
    const q = questions(out).find((x) => x.term.id === a.term);
    if (!q) throw new FuzzFailure('answer-question', `no question for ${a.term} after answering`);
    return run.ms;
  },
  files: (a) => ({ 'IMPACT.md': a.text, 'answer.json': JSON.stringify({ kind: a.kind, term: a.term, value: a.value, reasoning: a.reasoning }, null, 2) }),
};

// ---------------------------------------------------------------------------------------------
// Report and exports (src/core/report), hostile text in both files
// ---------------------------------------------------------------------------------------------

/** Strings that must never reach HTML or LaTeX output raw. */
export const CANARIES = {
  html: ['<script>alert(1)</script>', '<img src=canary-x onerror=alert(1)>', '[x](javascript:alert(1))', '<a href="javascript:alert(1)">x</a>', '<iframe src=x>'],
  latex: ['\\input{/etc/passwd}', '\\write18{rm -rf}', '$\\x$', '100% & #1 _a ^b ~c {d} \\e'],
};

const canaryLine = fc.constantFrom(...CANARIES.html, ...CANARIES.latex);

const withCanaries = (text: string, at: readonly number[], picks: readonly string[]) => {
  const lines = text.split('\n');
  at.forEach((n, i) => {
    const l = n % (lines.length + 1);
    const where = i % 3;
    const c = picks[i % picks.length];
    if (where === 0) lines.splice(l, 0, c);
    else if (where === 1 && lines[l] !== undefined) lines[l] += ' ' + c;
    else if (lines[l] !== undefined) lines[l] = lines[l].replace(/(\*\*[^*]+\*\*\s*)(.*)$/, `$1$2 ${c}`);
  });
  return lines.join('\n');
};

export const reportArb = fc
  .tuple(
    fc.oneof(impactText, mutatedFile('impact').map((m) => m.text)),
    fc.oneof(releaseText, mutatedFile('release').map((m) => m.text), fc.constant(undefined)),
    fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    fc.array(canaryLine, { minLength: 1, maxLength: 4 }),
  )
  .map(([impact, release, at, picks]) => ({
    impact: withCanaries(impact, at, picks),
    release: release === undefined ? undefined : release + `\nnotes: "${picks[0].replace(/["\\]/g, '\\$&')}"\n`,
  }));

interface ReportApi {
  buildReport(input: { result: ReturnType<typeof lint>; today: Date; folder?: string }): unknown;
  renderReportHtml(model: unknown, options?: { nonce?: string; clickable?: boolean }): string;
  renderReportMarkdown(model: unknown): string;
  renderReportLatex(model: unknown): string;
  renderExport(kind: string, model: unknown, format?: string): { text: string; gaps: string[] };
  EXPORT_KINDS: readonly string[];
  EXPORT_FORMATS: Record<string, readonly string[]>;
}

let reportApi: ReportApi | null | undefined;
/** The report module, if it is there (it is optional while it is being written). */
export function loadReport(): ReportApi | null {
  if (reportApi === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      reportApi = require('../../src/core/report') as ReportApi;
      if (typeof reportApi.buildReport !== 'function') reportApi = null;
    } catch {
      reportApi = null;
    }
  }
  return reportApi;
}

/** HTML from user text: no script, no event handler, no javascript: URL, no frame. */
export function checkHtml(html: string, allowedScripts: number, where: string): void {
  const scripts = (html.match(/<script\b/gi) ?? []).length;
  if (scripts > allowedScripts) throw new FuzzFailure('html-script', `${where}: ${scripts} <script> elements (expected at most ${allowedScripts})`);
  const handler = /<[a-z][^>]*\son[a-z]+\s*=/i.exec(html);
  if (handler) throw new FuzzFailure('html-handler', `${where}: an event-handler attribute: ${JSON.stringify(html.slice(handler.index, handler.index + 80))}`);
  const js = /(?:href|src|action|xlink:href)\s*=\s*["']?\s*javascript:/i.exec(html);
  if (js) throw new FuzzFailure('html-js-url', `${where}: a javascript: URL: ${JSON.stringify(html.slice(js.index, js.index + 80))}`);
  if (/<iframe\b|<img\b[^>]*\bsrc\s*=\s*["']?canary-x/i.test(html)) throw new FuzzFailure('html-raw', `${where}: raw HTML from the input (iframe or img) passed through`);
}

/** LaTeX from user text: none of the canaries' commands or specials survive unescaped. */
export function checkLatex(tex: string, where: string): void {
  for (const bad of ['\\input{/etc/passwd}', '\\write18', '$\\x$', '100% &', '#1 _a', '^b ~c {d} \\e']) {
    const i = tex.indexOf(bad);
    if (i >= 0) throw new FuzzFailure('latex-unescaped', `${where}: ${JSON.stringify(bad)} passed through unescaped: ${JSON.stringify(tex.slice(Math.max(0, i - 40), i + 60))}`);
  }
}

/**
 * Markdown from user text (exports pasted into READMEs and papers): rendered the way a permissive
 * host would (raw HTML on, every link scheme allowed), it must hold no script, handler or
 * javascript: URL. Code spans and fences may show such text; rendering keeps them inert.
 */
const permissive = new MarkdownIt({ html: true, linkify: false });
permissive.validateLink = () => true;
export function checkMarkdownOut(md: string, where: string): void {
  checkHtml(permissive.render(md), 0, `${where} (rendered)`);
}

const reportTarget: Target<PairInput> = {
  name: 'report',
  description: 'report (HTML, Markdown, LaTeX) and exports on hostile text: never throw, escape user text',
  share: 0.02,
  arbitrary: reportArb,
  check(p) {
    const api = loadReport();
    const { result, ms } = checkLint(p);
    if (!api) return ms;
    const r = timed(() => {
      let model: unknown;
      try {
        model = api.buildReport({ result, today: TODAY, folder: 'voice <b>clone</b> & "study"' });
      } catch (err) {
        throw new FuzzFailure('report-throws', `buildReport threw ${(err as Error)?.stack ?? err}`);
      }
      const call = <T>(what: string, f: () => T): T => {
        try {
          return f();
        } catch (err) {
          throw new FuzzFailure('report-throws', `${what} threw ${(err as Error)?.stack ?? err}`);
        }
      };
      checkHtml(call('renderReportHtml', () => api.renderReportHtml(model)), 0, 'HTML report (file)');
      checkHtml(call('renderReportHtml(webview)', () => api.renderReportHtml(model, { nonce: 'n0nce', clickable: true })), 1, 'HTML report (webview)');
      checkMarkdownOut(call('renderReportMarkdown', () => api.renderReportMarkdown(model)), 'Markdown report');
      checkLatex(call('renderReportLatex', () => api.renderReportLatex(model)), 'LaTeX report');
      for (const kind of api.EXPORT_KINDS) {
        for (const format of api.EXPORT_FORMATS[kind]) {
          const out = call(`export ${kind} ${format}`, () => api.renderExport(kind, model, format));
          if (format === 'latex') checkLatex(out.text, `export ${kind} (LaTeX)`);
          else checkMarkdownOut(out.text, `export ${kind} (Markdown)`);
        }
      }
    });
    if (r.ms > BUDGET.fix) throw new FuzzFailure('report-budget', `rendering took ${r.ms.toFixed(0)} ms of CPU`);
    return ms + r.ms;
  },
  files: pairFiles,
};

// ---------------------------------------------------------------------------------------------
// All targets
// ---------------------------------------------------------------------------------------------

const genPair = fc.record({ impact: impactText, release: releaseText });

export const TARGETS: Target<any>[] = [
  lintTarget('impact-gen', 'generated IMPACT.md alone: lint invariants and each fix', 0.2, impactText, (impact) => ({ impact })),
  lintTarget('release-gen', 'generated release.yaml alone: lint invariants and each fix', 0.2, releaseText, (release) => ({ release })),
  lintTarget('pair-gen', 'generated pair: lint invariants and each fix', 0.1, genPair, (p) => p),
  lintTarget('impact-mut', 'mutated corpus IMPACT.md: lint invariants and each fix', 0.15, mutatedFile('impact'), (m) => ({ impact: m.text })),
  lintTarget('release-mut', 'mutated corpus release.yaml: lint invariants and each fix', 0.15, mutatedFile('release'), (m) => ({ release: m.text })),
  lintTarget('pair-mut', 'mutated corpus pair: lint invariants and each fix', 0.08, mutatedPair, (m) => ({ impact: m.impact, release: m.release })),
  fixTarget('fix-gen', 'generated pair: lintAndFix converges, idempotent, loses no text', 0.025, genPair, (p) => p),
  fixTarget('fix-mut', 'mutated corpus pair: lintAndFix converges, idempotent, loses no text', 0.025, mutatedPair, (m) => ({ impact: m.impact, release: m.release })),
  scaffoldTarget,
  answersTarget,
  reportTarget,
];

export { lintInput };
