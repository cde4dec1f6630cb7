/**
 * Where the cursor is in a release.yaml being typed: the YAML path, whether a key or a value goes
 * there, and the keys already present. Computed from indentation and the current line (block
 * mappings, sequences, one-line flow collections), not from a full parse, because the text being
 * typed is usually not valid YAML yet.
 */
import type { OffsetRange } from '../source-text';

export interface YamlCursor {
  /** 'key': a key of the mapping at `path` goes here; 'value': the value at `path` goes here. */
  kind: 'key' | 'value';
  path: (string | number)[];
  /** The partial word being typed and its range (offsets). */
  prefix: string;
  range: OffsetRange;
  /** Keys already present in the mapping (for 'key'). */
  existing: string[];
  /** Inside a one-line flow collection (`{ kind: … }`): insert plain text, no block structure. */
  flow: boolean;
}

interface Entry {
  col: number;
  kind: 'dash' | 'key';
  key?: string;
  /** For keys: nothing follows the colon (a block collection or scalar starts on the next lines). */
  opensBlock?: boolean;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:{}[\],&*!|>'"%@`-][^#:]*?|-[^\s#:][^#:]*?)[ \t]*:(?=[ \t]|$)/;

function unquote(k: string): string {
  if (k.startsWith('"')) return k.slice(1, -1).replace(/\\(.)/g, '$1');
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k.trim();
}

/** Structure of one line: sequence dashes and the mapping key, with their columns. */
function lineEntries(line: string): Entry[] | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') return undefined;
  const entries: Entry[] = [];
  let i = line.length - line.trimStart().length;
  for (;;) {
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
      entries.push({ col: i, kind: 'dash' });
      i++;
      while (line[i] === ' ' || line[i] === '\t') i++;
      continue;
    }
    break;
  }
  const m = KEY_RE.exec(line.slice(i));
  if (m) {
    const after = line.slice(i + m[0].length).replace(/^[ \t]*/, '');
    entries.push({ col: i, kind: 'key', key: unquote(m[1]), opensBlock: after === '' || after.startsWith('#') });
  }
  if (entries.length === 0) entries.push({ col: i, kind: 'key' }); // a plain scalar line: counts for its column only
  return entries;
}

export function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push(text.slice(last, m.index));
    starts.push(last);
    last = m.index + m[0].length;
  }
  lines.push(text.slice(last));
  starts.push(last);
  return { lines, starts };
}

/** Index of the sequence item whose dash sits at `col` on line `lineNo`. */
function seqIndex(lines: string[], lineNo: number, col: number): number {
  let n = 0;
  for (let j = lineNo - 1; j >= 0; j--) {
    const e = lineEntries(lines[j]);
    if (!e) continue;
    const first = e[0];
    if (first.col < col) break;
    if (first.col === col) {
      if (first.kind === 'dash') n++;
      else break; // a key at the dash's column: the parent of a non-indented sequence
    }
  }
  return n;
}

/**
 * The path of the collection that holds a node starting at column `target` on line `lineNo`: walk
 * up to entries at lower columns. `afterDash`: the node is a sequence item, so a key at the same
 * column that opens a block (`artifacts:` above `- id: x`) is the sequence's parent.
 */
function parentPath(lines: string[], lineNo: number, target: number, startedByDash: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  let col = target;
  let afterDash = startedByDash;
  for (let j = lineNo - 1; j >= 0; j--) {
    const entries = lineEntries(lines[j]);
    if (!entries) continue;
    for (let k = entries.length - 1; k >= 0; k--) {
      const e = entries[k];
      if (e.col > col) continue;
      if (e.col === col) {
        if (afterDash && e.kind === 'key') {
          if (!e.opensBlock || e.key === undefined) return path; // another key ends the sequence
          path.unshift(e.key);
          afterDash = false;
        }
        continue; // a sibling
      }
      if (e.kind === 'dash') {
        path.unshift(seqIndex(lines, j, e.col));
        afterDash = true;
      } else if (e.key !== undefined) {
        path.unshift(e.key);
        afterDash = false;
      } else {
        return path; // a plain scalar line further left: nothing we can place
      }
      col = e.col;
    }
    if (col === 0 && !afterDash) break;
  }
  return path;
}

/** Keys already present in the block mapping whose keys sit at `col`, around line `lineNo`. */
function siblingKeys(lines: string[], lineNo: number, col: number): string[] {
  const keys: string[] = [];
  const visit = (j: number): boolean => {
    const entries = lineEntries(lines[j]);
    if (!entries) return true;
    if (entries[0].col < col) {
      // The line that opens this mapping (`- id: x`) still holds one of its keys.
      const k = entries.find((e) => e.kind === 'key' && e.col === col && e.key !== undefined);
      if (k && entries[0].kind === 'dash') keys.push(k.key!);
      return false;
    }
    const k = entries.find((e) => e.kind === 'key' && e.col === col && e.key !== undefined);
    if (k && entries[0].col === col) keys.push(k.key!);
    if (entries[0].col === col && entries[0].kind === 'dash') return false; // the next sequence item
    return true;
  };
  for (let j = lineNo - 1; j >= 0 && visit(j); j--);
  for (let j = lineNo + 1; j < lines.length; j++) {
    const entries = lineEntries(lines[j]);
    if (!entries) continue;
    if (entries[0].col < col || (entries[0].col === col && entries[0].kind === 'dash')) break;
    const k = entries.find((e) => e.kind === 'key' && e.col === col && e.key !== undefined);
    if (k && entries[0].col === col) keys.push(k.key!);
  }
  return keys;
}

/** Where the cursor is in a release.yaml text: which key or value goes there, at which schema path. */
export function yamlCursorAt(text: string, offset: number): YamlCursor | undefined {
  const { lines, starts } = splitLines(text);
  let lineNo = starts.length - 1;
  while (lineNo > 0 && starts[lineNo] > offset) lineNo--;
  const line = lines[lineNo];
  const col = Math.min(offset - starts[lineNo], line.length);
  const prefixText = line.slice(0, col);
  if (inComment(prefixText)) return undefined;

  // Leading structure of the current line, up to the cursor.
  let i = prefixText.length - prefixText.trimStart().length;
  const dashes: number[] = [];
  while (prefixText[i] === '-' && (prefixText[i + 1] === ' ' || prefixText[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (prefixText[i] === ' ' || prefixText[i] === '\t') i++;
  }
  const itemCol = i;
  const startCol = dashes.length ? dashes[0] : itemCol;
  const base = parentPath(lines, lineNo, startCol, dashes.length > 0);
  for (const d of dashes) base.push(d === dashes[0] ? seqIndex(lines, lineNo, d) : 0);
  const rest = prefixText.slice(itemCol);
  const word = /[^\s:{}[\],#]*$/.exec(rest)![0];
  const range = { start: offset - word.length, end: offset + (/^[^\s:{}[\],#]*/.exec(line.slice(col))![0].length) };

  const keyMatch = KEY_RE.exec(rest);
  if (!keyMatch) {
    if (rest.startsWith('{') || rest.startsWith('[')) return flowCursor(rest, base, offset, range);
    // Typing a key (or a scalar list item).
    return { kind: 'key', path: base, prefix: word, range, existing: siblingKeys(lines, lineNo, itemCol).filter((k) => k !== word), flow: false };
  }
  const key = unquote(keyMatch[1]);
  const valuePart = rest.slice(keyMatch[0].length).replace(/^[ \t]*/, '');
  if (valuePart.startsWith('{') || valuePart.startsWith('[')) return flowCursor(valuePart, [...base, key], offset, range);
  if (/^["']/.test(valuePart)) return undefined;
  return { kind: 'value', path: [...base, key], prefix: word, range, existing: [], flow: false };
}

function inComment(prefix: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,]/.test(prefix[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(prefix[i - 1]))) return true;
  }
  return false;
}

interface Frame {
  type: 'map' | 'seq';
  key?: string;
  afterColon: boolean;
  index: number;
  keys: string[];
}

/** The cursor inside a one-line flow collection that starts at `text[0]`. */
function flowCursor(text: string, base: (string | number)[], _offset: number, range: OffsetRange): YamlCursor | undefined {
  const stack: Frame[] = [];
  let token = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined; // inside a quoted string
      token += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({ type: c === '{' ? 'map' : 'seq', afterColon: false, index: 0, keys: [] });
      token = '';
    } else if (c === '}' || c === ']') {
      stack.pop();
      if (stack.length === 0) return undefined; // the cursor is after the collection
      token = '';
    } else if (c === ',') {
      if (top?.type === 'map') {
        if (top.key) top.keys.push(top.key);
        else if (token.trim()) top.keys.push(unquote(token.trim()));
        top.key = undefined;
        top.afterColon = false;
      } else if (top) top.index++;
      token = '';
    } else if (c === ':' && top?.type === 'map' && !top.afterColon && (i + 1 === text.length || /\s/.test(text[i + 1]))) {
      top.key = unquote(token.trim());
      top.afterColon = true;
      token = '';
    } else {
      token += c;
    }
  }
  if (stack.length === 0) return undefined;
  const path = [...base];
  for (let k = 0; k < stack.length - 1; k++) {
    const f = stack[k];
    if (f.type === 'map') {
      if (!f.key) return undefined;
      path.push(f.key);
    } else path.push(f.index);
  }
  const top = stack[stack.length - 1];
  const prefix = token.trimStart();
  if (top.type === 'seq') return { kind: 'value', path: [...path, top.index], prefix, range, existing: [], flow: true };
  if (top.afterColon) return { kind: 'value', path: [...path, top.key!], prefix, range, existing: [], flow: true };
  return { kind: 'key', path, prefix, range, existing: top.keys, flow: true };
}
