import MarkdownIt from 'markdown-it';
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
import { findSection } from '../taxonomy';
import { SourceText, type OffsetRange } from '../source-text';
import type { Heading, ImpactDoc, Marker, Part, ProseBlock, Section, Subsection } from './impact-doc';
import { lettersDigitsAndHyphens } from '../util/letters';

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
// Only block structure is read (inline tokens' raw `content`, never their children), so inline
// tokenising is skipped: it is about half of markdown-it's time on a typical IMPACT.md.
md.core.ruler.disable(['inline', 'text_join']);

/** `- **Key:** value`, `- **Key**: value`, `- Key: value`, `* __Key:__ value`, `1. Key: value`. */
const MARKER_RE =
  /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)(\*\*|__|\*|_)?([^:*_\n`[\]]{1,60}?)(?:(\*\*|__|\*|_)?[ \t]*:[ \t]*(\*\*|__|\*|_)?)(?=[ \t]|$)[ \t]*(.*)$/;

const RATING_WORDS = /^(not[- _]applicable|n\/a|low|medium|moderate|high|unknown|very[- ]high|very[- ]low)\b/i;
/** Only its position is used; no `[ \t]*` around it, which made long runs of spaces quadratic. */
const SEPARATOR_RE = /—|–|--|:|[ \t]-/;

const keyCache = new Map<string, string>();

export function normaliseKey(key: string): string {
  // Documents repeat the same few dozen keys (Applies, Rationale, the factor names): cached, bounded.
  let out = keyCache.get(key);
  if (out === undefined) {
    out = lettersDigitsAndHyphens(key.trim().toLowerCase().replace(/[\s_]+/g, '-'));
    if (keyCache.size > 2000) keyCache.clear();
    keyCache.set(key, out);
  }
  return out;
}

function stripEmphasis(s: string): { text: string; lead: number } {
  const m = /^(\*\*|__|\*|_|`)(.*?)\1/.exec(s);
  if (m) return { text: m[2], lead: m[1].length };
  return { text: s, lead: 0 };
}

/** Splits a factor value such as "high — code and weights are public" into rating and reasoning. */
export function splitRating(value: string, valueStart: number, fullValueRangeEnd: number) {
  let rest = value;
  let offset = valueStart;
  const lead = /^[ \t]*/.exec(rest)![0].length;
  rest = rest.slice(lead);
  offset += lead;
  const em = stripEmphasis(rest);
  let ratingText: string;
  let ratingStart = offset + em.lead;
  let afterRating: number; // index in `rest` after the rating (and closing emphasis)
  if (em.lead) {
    ratingText = em.text.trim();
    afterRating = em.lead * 2 + em.text.length;
  } else {
    const known = RATING_WORDS.exec(rest);
    if (known) {
      ratingText = known[1];
      afterRating = known[1].length;
    } else {
      const sep = SEPARATOR_RE.exec(rest);
      const cut = sep && sep.index > 0 ? sep.index : rest.search(/[\s,.;(]|$/);
      ratingText = rest.slice(0, cut).trim();
      afterRating = cut;
    }
  }
  const rating = ratingText ? { text: ratingText, range: { start: ratingStart, end: ratingStart + ratingText.length } } : undefined;
  let tail = rest.slice(afterRating);
  let tailStart = offset + afterRating;
  const sep = /^[ \t]*(?:—|–|--|-|:|,|;|\.|because\b)?[ \t]*/i.exec(tail)![0];
  tail = tail.slice(sep.length);
  tailStart += sep.length;
  const reasoning = tail.trim()
    ? { text: tail.trim(), range: { start: tailStart, end: Math.max(tailStart, fullValueRangeEnd) } }
    : undefined;
  return { rating, reasoning };
}

/** Blanks YAML/TOML front matter so Markdown parsing keeps offsets and line numbers. */
export function maskFrontMatter(text: string): { text: string; lines: number } {
  // Any line break SourceText counts, a lone CR too: else `---` then CR was a setext underline here
  // but closed the front matter once a fix rewrote the line break, and the heading was gone.
  const m = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)[\s\S]*?(?:\r\n|\r|\n)\1[ \t]*(?:\r\n|\r|\n|$)/.exec(text);
  if (!m) return { text, lines: 0 };
  const masked = m[0].replace(/[^\r\n]/g, ' ');
  return { text: masked + text.slice(m[0].length), lines: (m[0].match(/\r\n|\r|\n/g) || []).length };
}

export function parseImpact(path: string, raw: string): ImpactDoc {
  const source = new SourceText(path, raw);
  const front = maskFrontMatter(source.text);
  const nonProseLines = new Set<number>();
  const codeLines = new Set<number>();
  for (let i = 0; i < front.lines; i++) nonProseLines.add(i), codeLines.add(i);
  // markdown-it normalises CRLF and lone CR to LF, so its line numbers match SourceText's.
  const tokens = md.parse(front.text, {});

  const doc: ImpactDoc = { source, sections: [], byId: new Map(), nonProseLines, codeLines };
  let section: Section | undefined;
  let sub: Subsection | undefined;
  const parts = new Set<Part>();
  const listDepth: number[] = [];
  let inListItem = 0;
  let blockquote = 0;

  const current = (): Part | undefined => sub ?? section;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        // A heading inside a list item or block quote is part of that block, not a section: fixes
        // that insert before it would pull it out of its block (or turn it into code).
        if (t.level > 0) break;
        const level = Number(t.tag.slice(1));
        const inline = tokens[i + 1];
        const heading = makeHeading(source, t, inline, level);
        if (level === 1) {
          if (!doc.title && doc.sections.length === 0) doc.title = heading;
          closePart(section, source, heading.line, parts);
          section = undefined;
          sub = undefined;
        } else if (level === 2) {
          closePart(sub, source, heading.line, parts);
          closePart(section, source, heading.line, parts);
          sub = undefined;
          const def = findSection(heading.text);
          section = newPart(heading, source) as Section;
          section.id = def?.id;
          section.subsections = [];
          section.allMarkers = [];
          section.allProse = [];
          doc.sections.push(section);
          if (def && !doc.byId.has(def.id)) doc.byId.set(def.id, section);
        } else if (level === 3 && section) {
          closePart(sub, source, heading.line, parts);
          sub = newPart(heading, source);
          section.subsections.push(sub);
        }
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth.push(i);
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth.pop();
        break;
      case 'list_item_open': {
        inListItem++;
        if (!t.map) break;
        const [startLine, endLineEx] = t.map;
        const endLine = lastTextLine(source, startLine, endLineEx);
        const marker = parseMarker(source, startLine, endLine);
        const part = current();
        if (marker) {
          if (part) part.markers.push(marker);
          if (section) section.allMarkers.push(marker);
        } else if (part) {
          const block = proseOf(source, startLine, endLine, tokens, i);
          if (block) addProse(section, part, block);
        }
        break;
      }
      case 'list_item_close':
        inListItem--;
        break;
      case 'blockquote_open':
        blockquote++;
        break;
      case 'blockquote_close':
        blockquote--;
        break;
      case 'paragraph_open': {
        if (inListItem > 0 || !t.map) break; // list items are handled as a whole
        const part = current();
        const inline = tokens[i + 1];
        if (part && inline?.type === 'inline') {
          const [s, e] = t.map;
          const endLine = lastTextLine(source, s, e);
          addProse(section, part, new LazyProse([inline], { start: source.lineStart(s) + indentOf(source.lineText(s)), end: source.lineEnd(endLine) }, s));
        }
        break;
      }
      case 'fence':
      case 'code_block':
        if (t.map) for (let l = t.map[0]; l < t.map[1]; l++) nonProseLines.add(l), codeLines.add(l);
        break;
      case 'html_block':
        if (t.map) for (let l = t.map[0]; l < t.map[1]; l++) nonProseLines.add(l);
        break;
      default:
        break;
    }
  }
  closePart(sub, source, source.lineCount, parts);
  closePart(section, source, source.lineCount, parts);
  void blockquote;
  doc.openBlock = openBlockAtEnd(source, tokens);
  return doc;
}

/** HTML blocks that end only at a closing marker (CommonMark kinds 1–5), with that marker. */
const HTML_BLOCK_ENDS: [RegExp, RegExp][] = [
  [/^<(script|pre|style|textarea)(?=\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** The last top-level block, when it is a fence or an HTML block left open until the end of the file. */
function openBlockAtEnd(source: SourceText, tokens: Token[]): ImpactDoc['openBlock'] {
  let t: Token | undefined;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].level === 0 && tokens[i].nesting !== -1) {
      t = tokens[i];
      break;
    }
  }
  if (!t?.map || (t.type !== 'fence' && t.type !== 'html_block')) return undefined;
  const [first, endEx] = t.map;
  if (lastTextLine(source, first, source.lineCount) >= endEx) return undefined; // more text follows
  const open = { start: source.lineStart(first), line: first };
  if (t.type === 'fence') {
    const closer = new RegExp(`^[ \\t]{0,3}\\${t.markup[0]}{${t.markup.length},}[ \\t]*$`);
    const last = lastTextLine(source, first, endEx);
    return last > first && closer.test(source.lineText(last)) ? undefined : { ...open, kind: 'fence' };
  }
  const opener = source.lineText(first).trimStart();
  const kind = HTML_BLOCK_ENDS.find(([o]) => o.test(opener));
  if (!kind) return undefined; // ends at a blank line, which inserted text starts with
  return kind[1].test(t.content) ? undefined : { ...open, kind: 'html' };
}

function addProse(section: Section | undefined, part: Part, block: ProseBlock) {
  part.prose.push(block);
  if (section && section !== part) section.allProse.push(block);
  else if (section) section.allProse.push(block);
}

function newPart(heading: Heading, source: SourceText): Part {
  const start = source.lineStart(heading.line);
  return { heading, range: { start, end: source.length }, contentEnd: source.lineEnd(heading.line), markers: [], prose: [] };
}

/** Ends a part at the line where the next heading starts. */
function closePart(part: Part | undefined, source: SourceText, nextHeadingLine: number, parts: Set<Part>) {
  if (!part || parts.has(part)) return;
  parts.add(part);
  part.range.end = nextHeadingLine >= source.lineCount ? source.length : source.lineStart(nextHeadingLine);
  // Walk back over blank lines to find where content ends.
  let l = Math.min(nextHeadingLine, source.lineCount) - 1;
  while (l > part.heading.line && source.lineText(l).trim() === '') l--;
  part.contentEnd = source.lineEnd(Math.max(l, part.heading.line));
}

function makeHeading(source: SourceText, open: Token, inline: Token | undefined, level: number): Heading {
  const line = open.map ? open.map[0] : 0;
  const lineText = source.lineText(line);
  const text = stripComments(inline?.content ?? '').trim();
  let col = text ? lineText.indexOf(text) : -1;
  if (col < 0) col = /^\s*#*\s*/.exec(lineText)![0].length;
  const start = source.lineStart(line) + col;
  // A setext heading may run over several lines: its text is joined with \n, shorter than a CRLF,
  // so the range ends where its last text line does. Never past the line, nor inside a surrogate pair.
  const last = open.map && /^[=-]/.test(open.markup) ? Math.max(line, open.map[1] - 2) : line;
  let end = last > line ? source.lineStart(last) + source.lineText(last).trimEnd().length : start + (text ? text.length : 0);
  end = Math.max(start, Math.min(end, source.lineEnd(last)));
  if (end > start && end < source.length && (source.text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
  const endLine = open.map ? Math.max(line, open.map[1] - 1) : line;
  return { level, text: plainInline(text), range: { start, end }, line, endLine };
}

const INLINE_NOISE_RE = /[*_`]|\s\s|[\t\n\r\f\v]/;

function plainInline(s: string): string {
  const t = stripComments(s);
  // Most headings and paragraphs have no emphasis and single spaces: skip the two rewrites.
  if (!INLINE_NOISE_RE.test(t)) return t.trim();
  return t.replace(/[*_`]+/g, '').replace(/\s+/g, ' ').trim();
}

function plainText(inline: Token): string {
  // Character classes exclude the opening bracket too, so unmatched `[` or `(` runs stay linear.
  const c = inline.content;
  return plainInline(c.includes('](') ? c.replace(/\[([^\][]*)\]\([^()]*\)/g, '$1') : c);
}

/** Removes `<!-- … -->` comments (an unclosed `<!--` stays as text); linear, unlike a lazy regex. */
function stripComments(s: string): string {
  let i = s.indexOf('<!--');
  if (i < 0) return s;
  let out = '';
  let pos = 0;
  while (i >= 0) {
    out += s.slice(pos, i);
    const end = s.indexOf('-->', i + 4);
    if (end < 0) return out + s.slice(i);
    pos = end + 3;
    i = s.indexOf('<!--', pos);
  }
  return out + s.slice(pos);
}

function indentOf(s: string): number {
  return /^\s*/.exec(s)![0].length;
}

function lastTextLine(source: SourceText, start: number, endEx: number): number {
  let l = Math.min(endEx, source.lineCount) - 1;
  while (l > start && source.lineText(l).trim() === '') l--;
  return Math.max(l, start);
}

function parseMarker(source: SourceText, line: number, endLine: number): Marker | undefined {
  const lineText = source.lineText(line);
  const m = MARKER_RE.exec(lineText);
  if (!m) return undefined;
  const rawKey = m[3];
  if (!rawKey.trim() || /^\s|^https?$/i.test(rawKey) || rawKey.trim().split(/\s+/).length > 6) return undefined;
  const base = source.lineStart(line);
  const keyStart = base + m[1].length + (m[2]?.length ?? 0) + (rawKey.length - rawKey.trimStart().length);
  const key = rawKey.trim();
  const valueText = m[6] ?? '';
  const valueStart = base + lineText.length - valueText.length;
  // Continuation lines: the rest of the item, joined. Nested list items are part of the value.
  const cont: string[] = [];
  for (let l = line + 1; l <= endLine; l++) {
    const t = source.lineText(l).trim();
    if (t) cont.push(t);
  }
  const value = [valueText.trim(), ...cont].filter(Boolean).join(' ');
  const valueEnd = endLine > line ? source.lineEnd(endLine) : base + lineText.trimEnd().length; // not /\s+$/: quadratic
  const marker: Marker = {
    key,
    keyId: normaliseKey(key),
    keyRange: { start: keyStart, end: keyStart + key.length },
    value,
    valueRange: { start: valueStart, end: Math.max(valueStart, valueEnd) },
    itemRange: { start: base + indentOf(lineText), end: source.lineEnd(endLine) },
    line,
    endLine,
  };
  const split = splitRating(valueText, valueStart, marker.valueRange.end);
  marker.rating = split.rating;
  if (split.reasoning || cont.length) {
    const text = [split.reasoning?.text ?? '', ...cont].filter(Boolean).join(' ');
    const start = split.reasoning?.range.start ?? source.lineStart(line + 1) + indentOf(source.lineText(line + 1));
    marker.reasoning = { text, range: { start, end: Math.max(start, marker.valueRange.end) } };
  }
  return marker;
}

function proseOf(source: SourceText, line: number, endLine: number, tokens: Token[], i: number): ProseBlock | undefined {
  // The inline tokens inside this list item carry its text.
  const inlines: Token[] = [];
  for (let j = i + 1; j < tokens.length && tokens[j].type !== 'list_item_close'; j++) {
    if (tokens[j].type === 'inline' && tokens[j].content) inlines.push(tokens[j]);
  }
  if (!inlines.length) return undefined;
  const lt = source.lineText(line);
  const bullet = /^\s*(?:[-*+]|\d{1,9}[.)])\s*/.exec(lt);
  const start = source.lineStart(line) + (bullet ? bullet[0].length : indentOf(lt));
  const prose = new LazyProse(inlines, { start, end: source.lineEnd(endLine) }, line);
  return hasPlainText(inlines) || prose.text ? prose : undefined;
}

/** A cheap, exact-when-true test that some inline token has plain text (links and comments are left to plainText). */
function hasPlainText(inlines: readonly Token[]): boolean {
  return inlines.some((t) => !t.content.includes('](') && !t.content.includes('<!--') && /[^\s*_`]/.test(t.content));
}

/**
 * A prose block whose plain text is worked out when first read: most rules read a block by its
 * range, and the text (emphasis and line breaks squashed) costs a pass over every paragraph.
 */
class LazyProse implements ProseBlock {
  private plain: string | undefined;
  constructor(
    private readonly inlines: readonly Token[],
    readonly range: OffsetRange,
    readonly line: number,
  ) {}
  get text(): string {
    if (this.plain === undefined) {
      let text = '';
      for (const t of this.inlines) {
        const p = plainText(t);
        if (p) text += (text ? ' ' : '') + p;
      }
      this.plain = text;
    }
    return this.plain;
  }
}

export type { OffsetRange };
