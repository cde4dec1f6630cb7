/**
 * Placeholder text: what a template or an unfinished draft leaves behind (TODO, TBD, the
 * scaffold's `_TODO: …_` prompts, `[More Information Needed]`, `\answerTODO{}`, lorem ipsum).
 * Shared by placeholder-text, which reports every occurrence, and by the structural rules, which
 * treat a value that is only a placeholder as "answered later" and leave it to placeholder-text.
 */
import {
  DEFENSIVE_CONTRIBUTIONS,
  HARMED_PARTIES,
  HAZARD_TYPES,
  INDIRECT_HARMS,
  PATH_STAGES,
  PATH_TO_HARM,
  RATCHET_POSITIONS,
  SECTIONS,
} from '../../../taxonomy';
import { hasLetterOrDigit, lettersAndDigits } from '../../../util/letters';

export type PlaceholderKind = 'prompt' | 'token' | 'template';

export interface PlaceholderSpan {
  start: number;
  end: number;
  text: string;
  kind: PlaceholderKind;
}

/**
 * Case-sensitive forms. First, an emphasised note that starts with TODO, TBD or FIXME (the
 * scaffold writes `_TODO: question_`, escaping underscores as `\_`); it may wrap onto following
 * lines but not across a blank line, and stops at the next unescaped delimiter (so a run of
 * unclosed `_TODO` stays linear). Then the bare upper-case markers, then LaTeX checklist macros.
 */
const CASE_SENSITIVE_RE =
  /(?<![A-Za-z0-9*_\\])(\*\*|__|\*|_)(?:TODO|TBD|FIXME)\b(?:\\.|(?!\1)[^\n\\]|\n(?![ \t]*\r?(?:\n|$))){0,600}?\1(?![A-Za-z0-9])|\b(?:TODO|FIXME|XXX)\b|\\(?:answer|justification|guidelines)TODO(?:\{\})?/g;

/**
 * Case-insensitive forms: bracketed template slots (model cards, forms), lorem ipsum, TBD/TBC as
 * whole words, and runs of question marks. (No `u` flag on either expression: with `i`, Unicode
 * case folding makes the scan some twenty times slower.)
 */
const CASE_INSENSITIVE_RE =
  /\[(?:more information needed|more info needed|to be (?:determined|completed|written|added|filled in)|(?:insert|fill in|your|add|describe|enter)\b[^[\]\n]{0,60})\](?![([])|<(?:fill in|insert|your|add|describe|enter)\b[^<>\n]{0,60}>|\blorem ipsum\b|\b(?:tbd|tbc)\b|\?{3,}/gi;

/** All placeholder spans in `text`, sorted, without overlaps; offsets are shifted by `base`. */
export function placeholderSpans(text: string, base = 0): PlaceholderSpan[] {
  const out: PlaceholderSpan[] = [];
  if (!mayHavePlaceholder(text)) return out;
  let m: RegExpExecArray | null;
  if (CS_QUICK_RE.test(text)) {
    CASE_SENSITIVE_RE.lastIndex = 0;
    while ((m = CASE_SENSITIVE_RE.exec(text))) {
      out.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0], kind: m[1] ? 'prompt' : 'token' });
    }
  }
  if (mayHaveCaseInsensitive(text)) {
    CASE_INSENSITIVE_RE.lastIndex = 0;
    while ((m = CASE_INSENSITIVE_RE.exec(text))) {
      out.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0], kind: 'token' });
    }
  }
  if (out.length < 2) return out;
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PlaceholderSpan[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) continue;
    merged.push(s);
  }
  return merged;
}

/** Cheap pre-checks so that most prose never meets the big expressions. */
const CS_QUICK_RE = /TODO|TBD|FIXME|XXX/;
const CI_QUICK_RE = /[Tt][Bb][DdCc]|[Ll]orem|\?\?\?|[[<](?:[Mm]ore|[Tt]o be|[Ii]nsert|[Ff]ill|[Yy]our|[Aa]dd|[Dd]escribe|[Ee]nter)/;
/** Substrings one of which every case-insensitive form contains (checked with `includes`, which is fast). */
const CI_HINTS = ['[', '<', '???'];
/** The rest of the hints in one pass (`tb`/`TB`/`Tb`/`tB`, `orem`/`OREM`) instead of six. */
const CI_HINT_RE = /tb|orem/i;

function mayHaveCaseInsensitive(text: string): boolean {
  return (CI_HINTS.some((h) => text.includes(h)) || CI_HINT_RE.test(text)) && CI_QUICK_RE.test(text);
}

function mayHavePlaceholder(text: string): boolean {
  return CS_QUICK_RE.test(text) || mayHaveCaseInsensitive(text);
}

/** Ranges of `<!-- … -->` comments, in order (an unclosed `<!--` runs to the end); linear time. */
export function commentRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = text.indexOf('<!--');
  while (i >= 0) {
    const close = text.indexOf('-->', i + 4);
    const end = close < 0 ? text.length : close + 3;
    out.push({ start: i, end });
    i = close < 0 ? -1 : text.indexOf('<!--', end);
  }
  return out;
}

/** Replaces HTML comments with spaces of the same length (line breaks kept), keeping offsets. */
export function maskComments(text: string): string {
  if (!text.includes('<!--')) return text;
  let out = '';
  let pos = 0;
  for (const c of commentRanges(text)) {
    out += text.slice(pos, c.start) + text.slice(c.start, c.end).replace(/[^\r\n]/g, ' ');
    pos = c.end;
  }
  return out + text.slice(pos);
}

/** A note that starts with a bare marker ("TODO: describe the detector") is a placeholder as a whole. */
const LEADING_NOTE_RE = /^[\s*_>[(-]*(?:TODO|TBD|FIXME|XXX)\b/;

/** Whether a text (comments already masked or not) has no letters or digits at all. */
export function isBlank(text: string): boolean {
  return !hasLetterOrDigit(maskComments(text));
}

/**
 * Whether a text holds nothing but placeholders (and punctuation): "_TODO: why?_", "TBD",
 * "[More Information Needed]", "TODO: describe the detector", or a template question copied as is.
 * Blank text is not a placeholder (see `isBlank`).
 */
export function isPlaceholderOnly(text: string): boolean {
  const t = maskComments(text);
  if (!hasLetterOrDigit(t)) return false;
  if (LEADING_NOTE_RE.test(t)) return true;
  if (isTemplatePrompt(t)) return true;
  const spans = placeholderSpans(t);
  if (!spans.length) return false;
  let rest = '';
  let pos = 0;
  for (const s of spans) {
    rest += t.slice(pos, s.start);
    pos = s.end;
  }
  rest += t.slice(pos);
  return !hasLetterOrDigit(rest);
}

/** Words of a text once comments and placeholders are removed. */
export function withoutPlaceholders(text: string): string {
  const t = maskComments(text);
  if (LEADING_NOTE_RE.test(t)) return '';
  return cutSpans(t, placeholderSpans(t));
}

/** The text with each span (in order, not overlapping) cut out and replaced by one space. */
export function cutSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  let rest = '';
  let pos = 0;
  for (const s of spans) {
    rest += text.slice(pos, s.start) + ' ';
    pos = s.end;
  }
  return rest + text.slice(pos);
}

const compact = (s: string) => lettersAndDigits(s.toLowerCase());

/** Every question the taxonomy and the scaffold put in front of the author, in compact form. */
const PROMPTS: ReadonlySet<string> = new Set(
  [
    ...SECTIONS.map((s) => s.prompt),
    ...[HAZARD_TYPES, PATH_TO_HARM, RATCHET_POSITIONS, INDIRECT_HARMS, HARMED_PARTIES, DEFENSIVE_CONTRIBUTIONS].flatMap((g) =>
      g.map((t) => t.question ?? ''),
    ),
    ...PATH_STAGES.map((s) => s.question),
  ]
    .filter(Boolean)
    .map(compact),
);

/** Whether a text is one of the template's questions, copied without an answer. */
export function isTemplatePrompt(text: string): boolean {
  if (text.length > 400 || !text.includes('?')) return false;
  return PROMPTS.has(compact(text));
}

