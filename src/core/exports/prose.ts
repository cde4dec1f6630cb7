/**
 * The small writer per output language that every export uses, and the phrases they share. The
 * author's prose is quoted as written (re-written through markdown-it, so raw HTML and unsafe links
 * never pass); our connecting sentences are short and plain. Placeholders (TODO, scaffold prompts)
 * are never exported: each gap becomes a comment in the output and an entry in `gaps`.
 */
import { commentText, escapeLatex, escapeMarkdown } from '../report/escape';
import { inlineToLatex, inlineToMarkdown, markdownToLatex, markdownToMarkdown } from '../report/markdown';
import { sectionBody, sectionHasText, type FactorColumn, type HazardRow, type ReportModel, type TimelineArtifact } from '../report/report-model';
import type { ExportFormat } from './export-spec';

export interface Out {
  format: ExportFormat;
  /** Our own text, escaped. */
  t(text: string): string;
  b(inner: string): string;
  /** The author's inline Markdown (a rationale). */
  inline(text: string): string;
  /** The author's block Markdown (a section body), placeholders dropped. */
  block(text: string): string;
  /** A lead-in heading for a paragraph group: "Benefits." */
  lead(title: string, body: string): string;
  /** Our sentence followed by the author's block (from `block`). */
  after(sentence: string, body: string): string;
  list(items: string[]): string;
  comment(text: string): string;
}

/**
 * Whether Markdown from `markdownToMarkdown` opens with a block of its own (a list, a quote, a code
 * fence, a heading written as a bold line) rather than a paragraph. Such a block cannot go on after
 * our words on the same line: mid-line a fence is no fence, and its verbatim content (a `<script>`
 * in the author's code, say) would be read as Markdown and raw HTML.
 */
function opensBlock(body: string): boolean {
  return /^[-*>\d`|]/.test(body);
}

export const MD: Out = {
  format: 'md',
  t: escapeMarkdown,
  b: (inner) => `**${inner}**`,
  inline: (text) => inlineToMarkdown(text).replace(/\s*\n\s*/g, ' '),
  block: (text) => markdownToMarkdown(text, { dropPlaceholders: true }),
  lead: (title, body) => MD.after(`**${escapeMarkdown(title)}.**`, body),
  after: (sentence, body) => (opensBlock(body) ? `${sentence}\n\n${body}` : `${sentence} ${body}`),
  list: (items) => items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n'),
  comment: (text) => `<!-- ${commentText(text)} -->`,
};

export const TEX: Out = {
  format: 'latex',
  t: escapeLatex,
  b: (inner) => `\\textbf{${inner}}`,
  inline: (text) => inlineToLatex(text).replace(/\s*\n\s*/g, ' '),
  block: (text) => markdownToLatex(text, { dropPlaceholders: true }),
  lead: (title, body) => `\\paragraph{${escapeLatex(title)}.} ${body}`,
  after: (sentence, body) => `${sentence} ${body}`,
  list: (items) => `\\begin{itemize}\n${items.map((i) => `  \\item ${i.replace(/\n/g, '\n  ')}`).join('\n')}\n\\end{itemize}`,
  comment: (text) => `% ${commentText(text)}`,
};

export function writer(format: ExportFormat): Out {
  return format === 'latex' ? TEX : MD;
}

/** "Adversary Attention" → "Adversary attention"; acronyms stay ("Actual ROI"). */
export function lower(label: string): string {
  return label
    .split(' ')
    .map((w, i) => (i === 0 || /^[A-Z]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

/** A label inside a sentence: "talent pipeline", "actual ROI". */
export function inSentence(label: string): string {
  return label
    .split(' ')
    .map((w) => (/^[A-Z]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

/** The author's text used as a sentence of its own: capital first letter. */
export function capFirst(text: string): string {
  return text.replace(/^([\s*_`]*)(\p{Ll})/u, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** The author's text of a section, or undefined when it is missing or only placeholders. */
export function authorBlock(o: Out, model: ReportModel, id: string): string | undefined {
  if (!sectionHasText(model.impact, id)) return undefined;
  const body = sectionBody(model.impact, id);
  const text = body ? o.block(body).trim() : '';
  return text || undefined;
}

export function header(o: Out, model: ReportModel, what: string): string {
  return o.comment(
    `${what}, assembled by Impact Notes on ${model.today} from ${model.fileNames.impact}${model.hasRelease ? ` and ${model.fileNames.release}` : ''}. The prose is the authors' own; edit it here or in ${model.fileNames.impact} and export again.`,
  );
}

export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function appliesPhrase(h: HazardRow): string {
  return h.applies === 'yes' ? 'applies' : h.applies === 'unsure' ? 'may apply' : 'does not apply';
}

export function ratingWord(f: FactorColumn): string {
  return f.rating === 'not-applicable' ? 'not applicable' : f.rating;
}

const DISTRIBUTION_PHRASE: Record<string, string> = {
  public: 'to the public',
  'ask-for-access': 'on request, to approved applicants',
  'safety-levels': 'by safety level, to vetted recipients',
  'access-community': 'to a trusted access community',
  hosted: "only through the authors' own hosted service or API",
  private: 'not released (kept by the authors)',
};

export function distributionPhrase(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return DISTRIBUTION_PHRASE[id] ?? id;
}

/** "released in stages: on 2027-01-15, small model (90M), on request…; after “detector published”, full model (1.2B)". */
export function artifactSentence(a: TimelineArtifact): string {
  const when = (ev: TimelineArtifact['events'][number]) =>
    ev.when === 'date' ? `on ${ev.date}` : ev.when === 'event' ? `after “${ev.event}”` : ev.when === 'immediate' ? 'with the paper' : 'at a date not yet set';
  let timing: string;
  switch (a.timing) {
    case 'immediate':
      timing = 'released with the paper';
      break;
    case 'timed':
      timing = a.events[0]?.date ? `released on ${a.events[0].date}` : 'released on a date not yet set';
      break;
    case 'periodic':
      timing = `held back and reconsidered${a.every ? ` every ${a.every}` : ' periodically'}${a.events[0]?.date ? ` (next on ${a.events[0].date})` : ''}`;
      break;
    case 'evented':
      timing = a.events[0]?.event ? `released after “${a.events[0].event}”` : 'released after an event not yet named';
      break;
    case 'staged':
      timing = `released in stages: ${a.events
        .map((ev) => {
          const dist = ev.distribution && ev.distribution !== a.distribution ? ` (${distributionPhrase(ev.distribution)})` : '';
          return `${when(ev)}, ${ev.label}${dist}`;
        })
        .join('; ')}`;
      break;
    case 'withheld':
      timing = 'withheld, with no release planned';
      break;
    default:
      timing = 'with no release timing yet';
  }
  const dist = distributionPhrase(a.distribution);
  const detail = a.distributionDetail ? ` (${a.distributionDetail})` : '';
  return `${timing}${dist ? `, ${dist}${detail}` : ''}`;
}
