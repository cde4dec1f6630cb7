/**
 * A new IMPACT.md from a paper's broader-impact, impact-statement or ethics-statement section
 * (LaTeX or Markdown). The authors' sentences come over verbatim (simple LaTeX markup turned into
 * Markdown, see latex.ts; Markdown re-written safely through markdown-it), each placed under the
 * section it clearly answers (benefits, hazards, who could be harmed, mitigations, detection,
 * release), otherwise under Summary. Nothing is invented: every other place keeps the scaffold's
 * prompt, so linting the result shows what the paper left out. Pure.
 */
import { markdownToMarkdown } from '../report/markdown';
import { scaffold } from '../scaffold';
import { latexToMarkdown, stripComments } from './latex';

export type PaperFormat = 'latex' | 'md';

export interface FoundStatement {
  /** The section's title as the paper writes it. */
  title: string;
  /** 1-based line of the heading. */
  line: number;
  /** The section body, as Markdown. */
  markdown: string;
}

export class NoStatementError extends Error {}

const TITLE_RE = /\b(broader[\s-]+impacts?|impact[\s-]+statements?|ethics[\s-]+statements?|ethical[\s-]+(?:considerations|statement)|societal[\s-]+impacts?|potential[\s-]+(?:negative\s+)?societal[\s-]+impacts?)\b/i;

const LATEX_HEADING = /\\(part|chapter|section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;
const LEVEL: Record<string, number> = { part: 0, chapter: 1, section: 2, subsection: 3, subsubsection: 4, paragraph: 5 };

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\n|\r/).length;
}

/** Finds the statement section in a LaTeX paper. */
export function findLatexStatement(tex: string): FoundStatement | undefined {
  const src = stripComments(tex.replace(/^\ufeff/, ''));
  const heads: { level: number; title: string; start: number; end: number }[] = [];
  let m: RegExpExecArray | null;
  LATEX_HEADING.lastIndex = 0;
  while ((m = LATEX_HEADING.exec(src))) heads.push({ level: LEVEL[m[1]], title: m[2], start: m.index, end: m.index + m[0].length });
  const envMatch = /\\begin\{(broaderimpact|impactstatement|ethicsstatement)\}([\s\S]*?)\\end\{\1\}/i.exec(src);
  const idx = heads.findIndex((h) => TITLE_RE.test(h.title));
  if (idx < 0) {
    if (envMatch) return { title: envMatch[1], line: lineOf(src, envMatch.index), markdown: paragraphsOf(envMatch[2]) };
    return undefined;
  }
  const h = heads[idx];
  const next = heads.slice(idx + 1).find((x) => x.level <= h.level);
  let end = next ? next.start : src.length;
  for (const stop of ['\\end{document}', '\\bibliography', '\\printbibliography', '\\appendix', '\\begin{thebibliography}']) {
    const at = src.indexOf(stop, h.end);
    if (at >= 0 && at < end) end = at;
  }
  return { title: latexToMarkdown(h.title).trim(), line: lineOf(src, h.start), markdown: paragraphsOf(src.slice(h.end, end)) };
}

function paragraphsOf(tex: string): string {
  return tex
    .split(/\n[ \t]*\n/)
    .map((p) => latexToMarkdown(p.replace(/\s*\n\s*/g, ' ')).trim())
    .filter(Boolean)
    .join('\n\n');
}

/** Finds the statement section in a Markdown paper (ATX headings outside code fences). */
export function findMarkdownStatement(md: string): FoundStatement | undefined {
  const lines = md.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  let fence: string | undefined;
  const heads: { level: number; title: string; line: number }[] = [];
  lines.forEach((l, i) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (fence) {
      if (f && f[1][0] === fence[0]) fence = undefined;
      return;
    }
    if (f) {
      fence = f[1];
      return;
    }
    const h = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(l);
    if (h) heads.push({ level: h[1].length, title: h[2], line: i });
  });
  const idx = heads.findIndex((h) => TITLE_RE.test(h.title));
  if (idx < 0) return undefined;
  const h = heads[idx];
  const next = heads.slice(idx + 1).find((x) => x.level <= h.level);
  const body = lines.slice(h.line + 1, next ? next.line : lines.length).join('\n');
  return { title: h.title.replace(/[*_`]/g, ''), line: h.line + 1, markdown: markdownToMarkdown(body) };
}

export function findStatement(text: string, format: PaperFormat): FoundStatement | undefined {
  return format === 'latex' ? findLatexStatement(text) : findMarkdownStatement(text);
}

// ---------------------------------------------------------------------------------------------
// Placing sentences
// ---------------------------------------------------------------------------------------------

export type Target = 'summary' | 'benefits' | 'hazards' | 'harmed-parties' | 'mitigations' | 'detection-guidance' | 'release-plan';

/** Cues that a sentence answers a section, checked in this order (the first that matches wins). */
const CUES: [Target, RegExp][] = [
  ['detection-guidance', /\b(detect(?:ion|ors?|able|ing)?|watermark(?:s|ed|ing)?|forensic|provenance|fingerprint(?:s|ing)?|classifiers? (?:that|to) (?:recogni[sz]e|spot|flag))\b/i],
  ['mitigations', /\b(mitigat\w*|safeguards?|we (?:encourage|recommend|urge)|responsible use|consent|restrict\w*|filter(?:s|ed|ing)?|guidelines|terms of use|usage polic\w*|prevent\w*|limit(?:s|ing)? (?:its|the) (?:misuse|utility))\b/i],
  ['release-plan', /\b(releas\w*|open[- ]sourc\w*|make (?:\w+ )?(?:publicly )?available|publish(?:ed|ing)?|gated|licen[cs]e[ds]?|access (?:to|request))\b/i],
  ['harmed-parties', /\b(victims?|vulnerable|marginali[sz]ed|individuals|people (?:whose|who are)|communities|subjects? of|targets? of)\b/i],
  ['hazards', /\b(misuse\w*|malicious|harm(?:s|ful)?|risks?|dual[- ]use|abuse\w*|deepfakes?|disinformation|misinformation|fraud\w*|impersonat\w*|surveillance|negative (?:impacts?|consequences|societal))\b/i],
  ['benefits', /\b(benefit\w*|positive (?:impacts?|societal)|accelerat\w*|enabl\w*|improv\w*|help(?:s|ing)?|accessib\w*|democrati[sz]\w*|useful|advanc\w*|opportunit\w*)\b/i],
];

export function targetOf(sentence: string): Target {
  for (const [t, re] of CUES) if (re.test(sentence)) return t;
  return 'summary';
}

/**
 * Sentences of a Markdown paragraph: split after . ! ? followed by a space and a capital or an
 * opening quote, never inside emphasis, code or parentheses.
 */
export function sentences(paragraph: string): string[] {
  const out: string[] = [];
  let cur = '';
  let stars = 0;
  let ticks = 0;
  let parens = 0;
  const p = paragraph.replace(/\s*\n\s*/g, ' ');
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    cur += c;
    if (c === '\\') {
      cur += p[i + 1] ?? '';
      i++;
      continue;
    }
    if (c === '*') stars++;
    else if (c === '`') ticks++;
    else if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    else if (/[.!?]/.test(c) && stars % 2 === 0 && ticks % 2 === 0 && parens === 0) {
      const rest = p.slice(i + 1);
      const m = /^(["”’)]*)(\s+)(?=[A-Z“"‘(\d*])/.exec(rest);
      if (m && !/\b(?:e\.g|i\.e|et al|cf|Fig|Sec|vs|approx|etc)\.$/i.test(cur)) {
        cur += m[1];
        out.push(cur.trim());
        cur = '';
        i += m[1].length + m[2].length;
      }
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export interface Placement {
  target: Target;
  text: string;
}

/** Every sentence of the statement with the section it goes under. Lists and other blocks stay whole. */
export function placeStatement(markdown: string): Placement[] {
  const out: Placement[] = [];
  for (const block of markdown.split(/\n{2,}/).map((b) => b.trim()).filter(Boolean)) {
    if (/^([-*+]|\d+[.)]|>|```|\|)/.test(block)) {
      out.push({ target: targetOf(block), text: block });
      continue;
    }
    for (const s of sentences(block)) out.push({ target: targetOf(s), text: s });
  }
  return out;
}

const HEADINGS: Record<Target, string> = {
  summary: 'Summary',
  benefits: 'Benefits',
  hazards: 'Hazards',
  'harmed-parties': 'Who could be harmed',
  mitigations: 'Mitigations',
  'detection-guidance': 'Detection guidance',
  'release-plan': 'Release plan',
};

/** Sections that are prose only: the imported text replaces the prompt. Elsewhere it goes above the prompts. */
const PROSE: ReadonlySet<Target> = new Set(['summary', 'benefits', 'mitigations', 'detection-guidance']);

export interface ImportResult {
  impact: string;
  statement: FoundStatement;
  placements: Placement[];
}

export function importStatement(paper: string, format: PaperFormat, options: { source: string; today: Date }): ImportResult {
  const statement = findStatement(paper, format);
  if (!statement) throw new NoStatementError('it has no broader-impact, impact-statement or ethics-statement section');
  const placements = placeStatement(statement.markdown);
  if (!placements.length) throw new NoStatementError(`its section '${statement.title}' is empty`);
  let impact = scaffold({ modality: [], artifacts: [], reviewLevel: 'expedited', today: options.today }).impact;
  const byTarget = new Map<Target, string[]>();
  for (const p of placements) (byTarget.get(p.target) ?? byTarget.set(p.target, []).get(p.target)!).push(p.text);
  for (const [target, texts] of byTarget) {
    const para = joinTexts(texts);
    const heading = `## ${HEADINGS[target]}\n\n`;
    const at = impact.indexOf(heading);
    if (at < 0) continue;
    const bodyStart = at + heading.length;
    if (PROSE.has(target)) {
      const m = /^_TODO:[^\n]*_\n/.exec(impact.slice(bodyStart));
      if (m) {
        impact = impact.slice(0, bodyStart) + para + '\n' + impact.slice(bodyStart + m[0].length);
        continue;
      }
    }
    impact = impact.slice(0, bodyStart) + para + '\n\n' + impact.slice(bodyStart);
  }
  const note = `<!-- Imported by impact-notes from ${commentSafe(options.source)} (section "${commentSafe(statement.title)}", line ${statement.line}): the sentences are the authors' own, placed under the section each answers; the TODO prompts mark what the paper does not say. -->\n\n`;
  impact = impact.replace(/\n\n## Summary\n/, `\n\n${note}## Summary\n`);
  return { impact, statement, placements };
}

/** Sentences of one section: consecutive ones as one paragraph, blocks (lists) apart. */
function joinTexts(texts: string[]): string {
  const parts: string[] = [];
  let para: string[] = [];
  for (const t of texts) {
    if (/^([-*+]|\d+[.)]|>|```|\|)/.test(t)) {
      if (para.length) parts.push(para.join(' '));
      para = [];
      parts.push(t);
    } else para.push(t);
  }
  if (para.length) parts.push(para.join(' '));
  return parts.join('\n\n');
}

function commentSafe(s: string): string {
  return s.replace(/-{2,}/g, '-').replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}
