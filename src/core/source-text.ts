/**
 * Text positions. The core works on string offsets (UTF-16 code units, as JavaScript strings and
 * VS Code documents count them). `SourceText` converts offsets to 0-based line/character pairs;
 * the CLI adds 1 for display. A leading BOM is removed before anything else sees the text, as
 * VS Code does, so offsets agree between the CLI and the editor. CRLF, CR and LF all end a line.
 */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  character: number;
}

export interface OffsetRange {
  start: number;
  end: number;
}

export class SourceText {
  readonly text: string;
  /** Whether the original input started with a byte-order mark (removed from `text`). */
  readonly hadBom: boolean;
  private lineStarts: number[] | undefined;

  constructor(readonly path: string, raw: string) {
    this.hadBom = raw.charCodeAt(0) === 0xfeff;
    this.text = this.hadBom ? raw.slice(1) : raw;
  }

  get length(): number {
    return this.text.length;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      if (!t.includes('\r')) {
        // Only LF breaks (most files): jump from one to the next natively.
        for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
        return (this.lineStarts = starts);
      }
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** Offset where a 0-based line starts (clamped). */
  lineStart(line: number): number {
    const s = this.starts();
    if (line <= 0) return 0;
    if (line >= s.length) return this.text.length;
    return s[line];
  }

  /** Offset of the end of a 0-based line's content, before its line break. */
  lineEnd(line: number): number {
    const s = this.starts();
    if (line + 1 >= s.length) return this.text.length;
    let e = s[line + 1];
    if (this.text.charCodeAt(e - 1) === 10) e--;
    if (this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    const s = this.starts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between \r and \n belongs to the end of the line.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - s[lo] };
  }

  offsetAt(pos: Position): number {
    const start = this.lineStart(pos.line);
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(Math.min(pos.line, this.lineCount - 1)));
  }

  /** Line break used by the file (the first one found), for inserted text. */
  get eol(): string {
    const m = /\r\n|\r|\n/.exec(this.text);
    return m ? m[0] : '\n';
  }

  /** Range covering a whole 0-based line (content only). */
  lineRange(line: number): OffsetRange {
    return { start: this.lineStart(line), end: this.lineEnd(line) };
  }
}

/**
 * An edit whose line breaks do not merge with the text's own. In a file that mixes line endings, a
 * lone CR written just before an LF of the text, or an LF just after a CR, would make one CRLF: one
 * line break fewer than the edit meant, so a blank line it put between two blocks would vanish.
 * Such an edit gets the character that keeps the two breaks apart. (An edit that replaces the CR or
 * the LF of a CRLF keeps that pair as it was.)
 */
export function keepBreaksApart<E extends { range: OffsetRange; newText: string }>(text: string, edit: E): E {
  const { start, end } = edit.range;
  let newText = edit.newText;
  if (newText.endsWith('\r') && text[end] === '\n' && !(end > start && text[end - 1] === '\r')) newText += '\n';
  if (newText.startsWith('\n') && text[start - 1] === '\r' && !(end > start && text[start] === '\n')) newText = `\r${newText}`;
  return newText === edit.newText ? edit : { ...edit, newText };
}
