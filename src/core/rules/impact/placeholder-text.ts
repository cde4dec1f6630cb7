import type { ImpactDoc } from '../../impact/impact-doc';
import type { OffsetRange } from '../../source-text';
import type { ImpactRuleContext } from '../../types';
import { defineImpactRule } from '../define';
import { assessment, sectionState } from '../../assessment/assessment-model';
import { SECTIONS } from '../../taxonomy';
import { commentRanges, isTemplatePrompt, placeholderSpans, type PlaceholderSpan } from './lib/placeholders';

const CODE_SPAN_RE = /``[^\n]+?``|`[^`\n]+`/g;
/** A template slot such as `<fill in>` alone on a line, which Markdown reads as an HTML block. */
const ANGLE_SLOT_RE = /^ {0,3}<[^<>\n]+>\s*$/;

/**
 * Text a template or a draft leaves behind: TODO, TBD, FIXME, XXX, the scaffold's `_TODO: …_`
 * prompts, `[More Information Needed]` (model cards), `\answerTODO{}` (NeurIPS checklist),
 * `[Your answer here]`, `<fill in>`, lorem ipsum, and template questions copied without an answer.
 * Code, HTML comments (suppressions included) and inline code are skipped.
 */
export const placeholderText = defineImpactRule({
  meta: {
    name: 'placeholder-text',
    description: 'Placeholder text is left in IMPACT.md: TODO, TBD, a template prompt, [More Information Needed], \\answerTODO{}, …',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'NeurIPS paper checklist and model-card templates (prompts left unanswered)',
  },
  check(ctx) {
    const doc = ctx.impact;
    const text = doc.source.text;
    const spans = placeholderSpans(text);
    const skip = spans.length ? skippedRanges(text) : [];
    // Placeholders in a question that is still unanswered belong to the rule that owns the question
    // (one finding per question, naming it); only those left inside answers are reported here.
    const owned = ownedRegions(doc, ctx);
    let k = 0;
    let o = 0;
    for (const s of spans) {
      // Skipped when it starts inside a comment or code span (a prompt may end after a comment).
      while (k < skip.length && skip[k].end <= s.start) k++;
      if (k < skip.length && skip[k].start <= s.start) continue;
      while (o < owned.length && owned[o].end <= s.start) o++;
      if (o < owned.length && owned[o].start <= s.start) continue;
      if (inCode(doc, s)) continue;
      ctx.report({ message: messageFor(s, sectionAt(doc, s.start), unanswered(doc, s.start)), file: 'impact', range: { start: s.start, end: s.end }, data: { placeholder: s.text.slice(0, 60) } });
    }
    // Template questions pasted as the answer (no TODO around them).
    const isOwned = (r: OffsetRange) => owned.some((x) => x.start <= r.start && r.start < x.end);
    for (const section of doc.sections) {
      for (const p of section.allProse) {
        // A template question has a '?'; the raw text has one whenever the plain text does (cheaper than reading it).
        if (isOwned(p.range) || !hasQuestionMark(text, p.range)) continue;
        reportPrompt(ctx, doc, p.text, p.range);
      }
      for (const m of section.allMarkers) if (!isOwned(m.valueRange)) reportPrompt(ctx, doc, m.value, m.valueRange);
    }
  },
});

function hasQuestionMark(text: string, r: OffsetRange): boolean {
  return text.slice(r.start, r.end).includes('?');
}

function reportPrompt(ctx: ImpactRuleContext, doc: ImpactDoc, text: string, range: OffsetRange) {
  if (text.length > 400 || !text.includes('?') || !isTemplatePrompt(text.replace(/[*_`]/g, ''))) return;
  if (placeholderSpans(doc.source.text.slice(range.start, range.end)).length) return; // reported above
  ctx.report({
    message: "This is the template's question, not an answer: replace it with your own answer.",
    file: 'impact',
    range,
    data: { placeholder: 'template-question' },
  });
}

function messageFor(s: PlaceholderSpan, where: string | undefined, optional: boolean): string {
  const lead = where ? `${where}: ` : '';
  if (s.kind === 'prompt') {
    const words = s.text.replace(/^[*_\s]*TODO:?\s*/i, '').replace(/[*_\s]+$/, '').replace(/\\_/g, '_');
    const shown = words.length > 120 ? `${words.slice(0, 117)}…` : words;
    return optional
      ? `${lead}the template's prompt is still here ("${shown}"). This section is not required: answer it in your own words, or delete the section.`
      : `${lead}the template's prompt is still here beside your answer ("${shown}"): answer it in your own words, then delete the prompt.`;
  }
  const shown = s.text.length > 40 ? `${s.text.slice(0, 37)}…` : s.text;
  return `${lead}placeholder '${shown}' left in the text: replace it with the real content.`;
}

/** Whether the section at a position holds no answer at all (an optional section left as scaffolded). */
function unanswered(doc: ImpactDoc, at: number): boolean {
  const section = doc.sections.find((x) => x.range.start <= at && at < x.range.end);
  return !!section && sectionState(doc, section) === 'prompt';
}

/** The title of the section (and entry) a position is in: "Who could be harmed", for messages. */
function sectionAt(doc: ImpactDoc, at: number): string | undefined {
  const section = doc.sections.find((x) => x.range.start <= at && at < x.range.end);
  if (!section) return undefined;
  const def = section.id ? SECTIONS.find((d) => d.id === section.id) : undefined;
  const title = def?.title ?? section.heading.text;
  const m = section.allMarkers.find((x) => x.itemRange.start <= at && at < x.itemRange.end);
  return m ? `${title}, ${m.key}` : title;
}

/** The regions of unanswered questions (their owning rules report the placeholders there), in order. */
function ownedRegions(doc: ImpactDoc, ctx: ImpactRuleContext): OffsetRange[] {
  const out: OffsetRange[] = [];
  for (const q of assessment(doc, ctx.release).questions) {
    if ((q.state === 'prompt' || q.state === 'missing') && q.region && q.file === 'impact') out.push(q.region);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** HTML comments and inline code spans, in order. */
function skippedRanges(text: string): OffsetRange[] {
  const out: OffsetRange[] = [];
  out.push(...commentRanges(text));
  if (text.includes('`')) {
    CODE_SPAN_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CODE_SPAN_RE.exec(text))) out.push({ start: m.index, end: m.index + m[0].length });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** Whether a span sits in code, HTML or front matter (but a lone `<fill in>` line is a slot, not HTML). */
function inCode(doc: ImpactDoc, s: PlaceholderSpan): boolean {
  if (!doc.nonProseLines.size) return false;
  const line = doc.source.positionAt(s.start).line;
  if (!doc.nonProseLines.has(line)) return false;
  const lt = doc.source.lineText(line);
  const standalone = s.text.startsWith('<') && ANGLE_SLOT_RE.test(lt) && lt.trim() === s.text && (line === 0 || !doc.nonProseLines.has(line - 1));
  return !standalone;
}
