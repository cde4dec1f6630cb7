/**
 * Text insertions for the IMPACT.md fixes: lines after a heading, after or before a list item, at
 * the end of a part, and a placeholder into an empty marker value. Each keeps Markdown structure
 * intact (a list never swallows the paragraph after it) and uses the file's own line break.
 */
import type { ImpactDoc, Marker, Part, Section } from '../../../impact/impact-doc';
import type { TextEdit } from '../../../types';
import { commentRanges, maskComments } from './placeholders';

const LIST_ITEM_RE = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const HEADING_RE = /^ {0,3}#{1,6}(?:[ \t]|$)/; // spaces only: after a tab it is indented code

/** A blank line to Markdown: nothing but spaces and tabs (a line of U+2028 or NBSP is text). */
function isBlankLine(text: string): boolean {
  return !/[^ \t]/.test(text);
}

/**
 * The last line of a part's own content: before its first sub-section, blank lines left out; the
 * heading's last line when it has none.
 */
function ownContentLastLine(doc: ImpactDoc, part: Part): number {
  const src = doc.source;
  const heading = part.heading.endLine ?? part.heading.line;
  const subs = (part as Partial<Section>).subsections;
  let last = (subs?.length ? subs[0].heading.line : lineOf(doc, part.range.end)) - 1;
  while (last > heading && isBlankLine(src.lineText(last))) last--;
  return Math.max(last, heading);
}

function isListLine(text: string): boolean {
  return LIST_ITEM_RE.test(text);
}

/** Whether the block that ends on `line` is a list (walks back to the blank line or heading before it). */
function endsInList(doc: ImpactDoc, line: number, stop: number): boolean {
  for (let l = line; l > stop; l--) {
    const t = doc.source.lineText(l);
    // A line of an HTML block (or code) is no list item, even when it looks like one: after
    // `</details>` and a `- **Key:**` line with no blank line between, the HTML block goes on until a
    // blank line, so lines appended without one would land inside it and never be read.
    if (isBlankLine(t) || HEADING_RE.test(t) || doc.nonProseLines.has(l)) return false;
    if (isListLine(t)) return true;
  }
  return false;
}

/** Inserts list lines right under a part's heading (before any existing content). */
export function insertAfterHeadingEdit(doc: ImpactDoc, part: Part, lines: string[]): TextEdit {
  const eol = doc.source.eol;
  const src = doc.source;
  // After a setext heading's underline, not between its text and the underline.
  const line = part.heading.endLine ?? part.heading.line;
  const at = src.lineEnd(line);
  const next = line + 1 < src.lineCount ? src.lineText(line + 1) : '';
  let first = line + 1;
  while (first < src.lineCount && isBlankLine(src.lineText(first))) first++;
  if (first < lineOf(doc, part.range.end)) {
    const joined = joinIndentedList(doc, first, lines);
    if (joined) return joined;
    // Anything else indented under the heading (indented code, a paragraph or list indented by a few
    // spaces) would, after the new item, become that item's content, and a heading indented like it
    // after it too: the lines go after the part's own content instead, where only a heading follows.
    const text = src.lineText(first);
    if (/^[ \t]/.test(text) && !HEADING_RE.test(text) && !startsSetextHeading(doc, first)) {
      const last = ownContentLastLine(doc, part);
      const end = src.lineEnd(last);
      return keepNextHeading(doc, { file: 'impact', range: { start: end, end }, newText: (endsInList(doc, last, line) ? eol : eol + eol) + lines.join(eol) });
    }
    // A blank line, then a list: join the list at its top.
    if (first > line + 1 && isListLine(src.lineText(first))) {
      const start = src.lineStart(first);
      return { file: 'impact', range: { start, end: start }, newText: lines.join(eol) + eol };
    }
  }
  // Otherwise keep the blank line. A paragraph right under the heading would become a lazy
  // continuation of the new item: keepNextHeading puts a blank line between (and keeps an indented
  // heading out of the list).
  return keepNextHeading(doc, { file: 'impact', range: { start: at, end: at }, newText: (isBlankLine(next) ? eol + eol : eol) + lines.join(eol) });
}

/**
 * When `line` starts a list indented by 1-3 spaces, `lines` inserted at its top in its indentation
 * and bullet. Unindented above it, the new item would take that list in as a sub-list, and with it
 * an indented heading after it (fix-gen-1975919047). (Spaces only: after a tab the line is
 * indented code, where an item would never be read.)
 */
function joinIndentedList(doc: ImpactDoc, line: number, lines: string[]): TextEdit | undefined {
  const src = doc.source;
  const item = line < src.lineCount ? /^( {1,3})(?:([*+-])|\d{1,9}([.)]))(?:[ \t]|$)/.exec(src.lineText(line)) : null;
  if (!item) return undefined;
  const start = src.lineStart(line);
  const bullet = item[2] ?? `1${item[3]}`;
  const styled = lines.map((l) => item[1] + (l.startsWith('- ') ? `${bullet} ${l.slice(2)}` : l));
  return { file: 'impact', range: { start, end: start }, newText: styled.join(src.eol) + src.eol };
}

/** Appends list lines at the end of a part's content: directly after a list, after a blank line otherwise. */
export function appendLinesEdit(doc: ImpactDoc, part: Part, lines: string[]): TextEdit {
  const eol = doc.source.eol;
  const at = part.contentEnd;
  const lastLine = doc.source.positionAt(at).line;
  const inList = lastLine === part.heading.line || endsInList(doc, lastLine, part.heading.line);
  return keepNextHeading(doc, { file: 'impact', range: { start: at, end: at }, newText: (inList ? eol : eol + eol) + lines.join(eol) });
}

/**
 * Keeps the heading that follows inserted lines a heading. Right after them, the text line of a
 * setext heading would become a lazy continuation of the last inserted line: a blank line goes
 * between. After blank lines, a heading indented by one to three spaces (still a heading to
 * Markdown) would fall inside an inserted list item: the edit also takes those blank lines and the
 * indentation, writing the blank lines back.
 */
export function keepNextHeading(doc: ImpactDoc, edit: TextEdit): TextEdit {
  const src = doc.source;
  const lastInserted = edit.newText.slice(Math.max(edit.newText.lastIndexOf('\n'), edit.newText.lastIndexOf('\r')) + 1);
  if (isBlankLine(lastInserted) || HEADING_RE.test(lastInserted)) return edit;
  const inList = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(lastInserted);
  let line = src.positionAt(edit.range.end).line + 1;
  // The 1-3 space indentation of a heading on `line` (ATX, or the first text line of a setext heading).
  const headingIndent = (l: number): number => {
    const t = src.lineText(l);
    const atx = /^( {1,3})#{1,6}(?:[ \t]|$)/.exec(t);
    if (atx) return atx[1].length;
    const setext = /^( {1,3})[^ \t]/.exec(t);
    return setext && startsSetextHeading(doc, l) ? setext[1].length : 0;
  };
  // Likewise the 1-3 space indentation of an HTML block (a `<!-- … -->` comment above all): after
  // inserted list items it would become the last item's content, which ends at the first line
  // indented less, leaving the comment's `-->` outside and the comment broken (fix-gen-1328881133).
  const takeIndent = (l: number): number => {
    const html = /^( {1,3})</.exec(src.lineText(l));
    return headingIndent(l) || (html && doc.nonProseLines.has(l) ? html[1].length : 0);
  };
  // A line right after the inserted ones that is not a heading or list item (the text of a setext
  // heading, `Title` over `---`) would join the last of them as a lazy continuation, and the heading
  // would be lost: keep a blank line between (and, after a list item, take an indentation that
  // would put the heading's text inside that item).
  const next = line < src.lineCount ? src.lineText(line) : '';
  if (!isBlankLine(next) && !HEADING_RE.test(next) && !isListLine(next)) {
    const indent = inList ? takeIndent(line) : 0;
    if (!indent) return { ...edit, newText: edit.newText + src.eol };
    const start = src.lineStart(line);
    return { ...edit, range: { start: edit.range.start, end: start + indent }, newText: edit.newText + src.eol + src.text.slice(edit.range.end, start) };
  }
  if (!inList) return edit;
  while (line < src.lineCount && isBlankLine(src.lineText(line))) line++;
  if (line >= src.lineCount) return edit;
  const indent = takeIndent(line);
  if (!indent) return edit;
  const start = src.lineStart(line);
  return { ...edit, range: { start: edit.range.start, end: start + indent }, newText: edit.newText + src.text.slice(edit.range.end, start) };
}

/** Whether a setext heading the parser read as a title, section or sub-section starts its text on `line`. */
function startsSetextHeading(doc: ImpactDoc, line: number): boolean {
  const setext = (h: { line: number; endLine?: number } | undefined) => !!h && h.line === line && (h.endLine ?? h.line) > h.line;
  return setext(doc.title) || doc.sections.some((s) => setext(s.heading) || s.subsections.some((x) => setext(x.heading)));
}

function lineOf(doc: ImpactDoc, offset: number): number {
  return offset >= doc.source.length ? doc.source.lineCount : doc.source.positionAt(offset).line;
}

/** The column a line prefix ends at, tabs stopping at multiples of four (as Markdown reads them). */
function columnOf(prefix: string): number {
  let col = 0;
  for (const c of prefix) col = c === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

function indentOfLine(doc: ImpactDoc, line: number): string {
  return /^[ \t]*/.exec(doc.source.lineText(line))![0];
}

/**
 * `lines` (written with `- ` bullets) in the style of a neighbouring list item: its indentation
 * and bullet (`*`, `+`, `1.`), so that they join its list instead of starting a new one.
 */
function likeItem(doc: ImpactDoc, m: Marker, lines: string[]): string[] {
  const lt = doc.source.lineText(m.line);
  const b = /^([ \t]*)(?:([*+-])|\d{1,9}([.)]))([ \t]+)/.exec(lt);
  const indent = b ? b[1] : indentOfLine(doc, m.line);
  const bullet = b?.[2] ?? (b?.[3] ? `1${b[3]}` : '-');
  // The same gap after a `-`, `*` or `+`, so the new items' text starts in the same column as the
  // item's (`-\t` reaches column 4, `- ` column 2) and lines indented after them stay outside, or
  // inside, alike. A gap of five columns or more makes the text indented code: the text column is
  // then just past the bullet, as with one space.
  const before = b ? b[1] + bullet : '';
  const gap = b?.[2] && columnOf(before + b[4]) - columnOf(before) <= 4 ? b[4] : ' ';
  return lines.map((l) => indent + (l.startsWith('- ') ? `${bullet}${gap}${l.slice(2)}` : l));
}

/** Inserts list lines after a marker's list item, in its style. */
export function insertAfterItemEdit(doc: ImpactDoc, m: Marker, lines: string[]): TextEdit {
  const eol = doc.source.eol;
  const at = m.itemRange.end;
  return keepNextHeading(doc, { file: 'impact', range: { start: at, end: at }, newText: eol + likeItem(doc, m, lines).join(eol) });
}

/** Inserts list lines before a marker's list item, in its style. */
export function insertBeforeItemEdit(doc: ImpactDoc, m: Marker, lines: string[]): TextEdit {
  const eol = doc.source.eol;
  const at = doc.source.lineStart(m.line);
  return { file: 'impact', range: { start: at, end: at }, newText: likeItem(doc, m, lines).join(eol) + eol };
}

/**
 * Inserts a whole `### Heading` part before another part's heading. When the part ends in a list
 * item, a heading indented by one to three spaces (still a heading to Markdown) would, after the
 * blank line, fall inside that item: the edit also takes its indentation.
 */
export function insertPartBeforeEdit(doc: ImpactDoc, before: Part, heading: string, lines: string[]): TextEdit {
  const eol = doc.source.eol;
  const at = doc.source.lineStart(before.heading.line);
  const last = lines.length ? lines[lines.length - 1] : heading;
  const indent = isListLine(last) ? (/^( {1,3})[^ \t]/.exec(doc.source.lineText(before.heading.line))?.[1].length ?? 0) : 0;
  return { file: 'impact', range: { start: at, end: at + indent }, newText: [heading, ...lines].join(eol) + eol + eol };
}

/**
 * Appends a whole `### Heading` part at the end of a section's content. A caller that appends more
 * text to the edit passes `keep = false` and applies keepNextHeading to the finished edit.
 */
export function appendPartEdit(doc: ImpactDoc, section: Part, heading: string, lines: string[], keep = true): TextEdit {
  const eol = doc.source.eol;
  const at = section.contentEnd;
  const edit: TextEdit = { file: 'impact', range: { start: at, end: at }, newText: eol + eol + [heading, ...lines].join(eol) };
  return keep ? keepNextHeading(doc, edit) : edit;
}

/**
 * Puts `text` into a marker whose value is blank: replaces stray punctuation ("-", "…") and keeps
 * comments, adding a space after the colon when needed. (The guided assessment also uses it to
 * replace a written value; comments inside the replaced text are written back after the new text.)
 */
export function fillValueEdit(doc: ImpactDoc, m: Marker, text: string): TextEdit {
  const { start } = m.valueRange;
  // Only the item's first paragraph: what follows a blank line in it (a nested list, a heading
  // indented into the item, code) is the author's too, and stays.
  const whole = doc.source.text.slice(start, m.valueRange.end);
  const comments = commentRanges(whole);
  const blank = [...whole.matchAll(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/g)].find((b) => !comments.some((c) => b.index! >= c.start && b.index! < c.end));
  const raw = blank ? whole.slice(0, blank.index) : whole;
  const end = start + raw.length;
  const masked = maskComments(raw);
  const first = masked.search(/\S/);
  if (first >= 0) {
    const last = masked.trimEnd().length;
    // Comments between the replaced characters ("- <!-- ask Ana --> -") are notes, not the value: write them back after it.
    const notes = raw.slice(first, last).match(/<!--[\s\S]*?-->/g) ?? [];
    return { file: 'impact', range: { start: start + first, end: start + last }, newText: text + notes.map((c) => ` ${c}`).join('') };
  }
  const before = doc.source.text[start - 1];
  const space = before === ' ' || before === '\t' ? '' : ' ';
  const after = end > start ? ' ' : '';
  return { file: 'impact', range: { start, end: start }, newText: space + text + after };
}

/**
 * Appends a paragraph at the end of a part's own content (before its first sub-section), after a
 * blank line (and before one, when the text of a setext heading follows: it would otherwise continue
 * the paragraph).
 */
export function appendParagraphEdit(doc: ImpactDoc, part: Part, text: string): TextEdit {
  const eol = doc.source.eol;
  const at = doc.source.lineEnd(ownContentLastLine(doc, part));
  return keepNextHeading(doc, { file: 'impact', range: { start: at, end: at }, newText: eol + eol + text });
}

/** Where the written text of a marker value ends: before trailing blanks and HTML comments. */
export function valueContentEnd(doc: ImpactDoc, m: Marker): number {
  const { start, end } = m.valueRange;
  return start + maskComments(doc.source.text.slice(start, end)).trimEnd().length;
}
