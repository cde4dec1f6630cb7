/**
 * Writes the model-card section into an existing card, in place: between the lines
 * `<!-- impact-notes:start -->` and `<!-- impact-notes:end -->`. The first time, the block goes
 * right after a "Bias, Risks, and Limitations" heading when the card has one, else at the end.
 * Every byte outside the markers stays as it was (front matter, comments, BOM, line breaks); the
 * block uses the card's own line break; writing the same section again changes nothing. Pure.
 */
import { parseCard, type CardHeading } from './card';

export const START_MARKER = '<!-- impact-notes:start -->';
export const END_MARKER = '<!-- impact-notes:end -->';

export class CardMarkerError extends Error {}

export interface WriteSectionResult {
  text: string;
  changed: boolean;
  /** Where the block went: between existing markers, after the risks heading, or at the end. */
  where: 'markers' | 'heading' | 'end';
  heading?: string;
}

const MARKER_LINE = (m: string) => new RegExp(`^[ \\t]*${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`);

function lineBreakOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

function normHeading(t: string): string {
  return t.toLowerCase().replace(/<!--[\s\S]*?-->/g, '').replace(/[^a-z]+/g, ' ').trim();
}

/** Headings the block is placed under: Hugging Face's template name for the risks section. */
function isBiasRisksHeading(h: CardHeading): boolean {
  return normHeading(h.text) === 'bias risks and limitations';
}

/**
 * `section` is Markdown with LF line breaks and headings starting at level 2 (as the model-card
 * export writes it). Under an existing heading of level L, its own "Bias, Risks, and Limitations"
 * and "Uses" headings are left out and the others are placed one level below L.
 */
export function writeCardSection(raw: string, section: string): WriteSectionResult {
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = bom ? raw.slice(1) : raw;
  const eol = lineBreakOf(text);
  const lines = splitLines(text);
  const starts = lines.filter((l) => MARKER_LINE(START_MARKER).test(l.text));
  const ends = lines.filter((l) => MARKER_LINE(END_MARKER).test(l.text));
  if (starts.length || ends.length) {
    if (starts.length !== 1 || ends.length !== 1 || ends[0].start < starts[0].start) {
      throw new CardMarkerError(`the card has ${starts.length} '${START_MARKER}' and ${ends.length} '${END_MARKER}' line(s); there must be exactly one of each, start first. Fix them by hand and export again.`);
    }
    const s = starts[0];
    const e = ends[0];
    // Inside the markers: the heading level the block was written with (under a heading, or not).
    const card = parseCard('card', text);
    const above = [...card.headings].reverse().find((h) => h.range.start < s.start);
    const level = above && isBiasRisksHeading(above) ? above.level : undefined;
    const inner = blockInner(section, level, eol);
    const from = s.end; // just after the start marker line's break
    const to = e.start;
    const out = text.slice(0, from) + inner + text.slice(to);
    return { text: bom + out, changed: out !== text, where: 'markers', heading: level !== undefined ? above!.text : undefined };
  }
  const card = parseCard('card', text);
  const heading = card.headings.find(isBiasRisksHeading);
  if (heading) {
    let at = heading.bodyStart;
    let lead = '';
    if (at === heading.range.end) lead = eol; // the heading is the file's last line, with no line break
    else at = heading.bodyStart;
    const block = lead + START_MARKER + eol + blockInner(section, heading.level, eol) + END_MARKER + eol;
    const out = text.slice(0, at) + block + text.slice(at);
    return { text: bom + out, changed: true, where: 'heading', heading: heading.text };
  }
  const lead = text === '' || /[\r\n]$/.test(text) ? '' : eol;
  const out = text + lead + START_MARKER + eol + blockInner(section, undefined, eol) + END_MARKER + eol;
  return { text: bom + out, changed: true, where: 'end' };
}

/** The lines between the markers: a blank line, the section, a blank line (so Markdown reads it as blocks). */
function blockInner(section: string, underLevel: number | undefined, eol: string): string {
  let body = section.replace(/\r\n?/g, '\n').trim();
  if (underLevel !== undefined) {
    const out: string[] = [];
    let fence: string | undefined;
    for (const line of body.split('\n')) {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (f && f[1][0] === fence[0]) fence = undefined;
        out.push(line);
        continue;
      }
      if (f) fence = f[1];
      const h = /^(#{1,6})[ \t]+(.*)$/.exec(line);
      if (!fence && h) {
        const name = normHeading(h[2]);
        if (name === 'bias risks and limitations' || name === 'uses') continue;
        out.push(`${'#'.repeat(Math.min(6, underLevel + Math.max(1, h[1].length - 2)))} ${h[2]}`);
        continue;
      }
      out.push(line);
    }
    body = out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }
  return eol + body.split('\n').join(eol) + eol + eol;
}

interface Line {
  text: string;
  start: number;
  /** Offset after the line break. */
  end: number;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push({ text: text.slice(pos, m.index), start: pos, end: m.index + m[0].length });
    pos = m.index + m[0].length;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), start: pos, end: text.length });
  return out;
}

/** The export text without its dated header comment, so writing again on another day changes nothing. */
export function undatedSection(exportText: string): string {
  return exportText.replace(/^<!--[^\n]*assembled by Impact Notes on [\s\S]*?-->\n*/m, '');
}
