/**
 * Text edits that add keys to release.yaml without re-serialising it: the insertion point and
 * indentation come from the parsed nodes' ranges, the new text follows the target mapping's style
 * (flow `{ a: 1 }` or block), and new lines use the file's own line break. Comments, quoting and
 * layout elsewhere stay exactly as written.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair, type YAMLMap } from '../../util/yaml';
import type { ReleaseDoc, YamlPath } from '../../release/release-doc';
import type { TextEdit } from '../../types';

/** A value to write: a scalar's text, a mapping or a list. */
export type NewValue = string | NewMap | NewSeq;
export interface NewMap {
  map: [string, NewValue][];
  /** In block context, write the mapping as indented lines rather than `{ … }`. */
  block?: boolean;
}
export interface NewSeq {
  seq: NewValue[];
  /** In block context, write the list as `- item` lines rather than `[ … ]`. */
  block?: boolean;
}

/** One-line flow rendering: `TODO`, `{ kind: TODO }`, `[{ a: 1 }, { b: 2 }]`. */
export function flowText(v: NewValue): string {
  if (typeof v === 'string') return v;
  if ('map' in v) return v.map.length ? `{ ${v.map.map(([k, x]) => `${k}: ${flowText(x)}`).join(', ')} }` : '{}';
  return `[${v.seq.map(flowText).join(', ')}]`;
}

/** Block lines for `key: value` at `indent`, nested blocks two spaces deeper. */
function blockLines(key: string, v: NewValue, indent: string): string[] {
  if (typeof v !== 'string' && 'map' in v && v.block && v.map.length) {
    return [`${indent}${key}:`, ...v.map.flatMap(([k, x]) => blockLines(k, x, indent + '  '))];
  }
  if (typeof v !== 'string' && 'seq' in v && v.block && v.seq.length) {
    return [`${indent}${key}:`, ...v.seq.map((x) => `${indent}  - ${flowText(x)}`)];
  }
  return [`${indent}${key}: ${flowText(v)}`];
}

type Ranged = { range?: [number, number, number] | null };

function end(n: unknown): number | undefined {
  const r = (n as Ranged | null | undefined)?.range;
  return r ? r[1] : undefined;
}

/**
 * An edit adding `entries` to the mapping at `mapPath` (which must exist and be a mapping), after
 * its last entry. Undefined when the node is not a mapping.
 */
export function addToMapEdit(plan: ReleaseDoc, mapPath: YamlPath, entries: [string, NewValue][]): TextEdit | undefined {
  const node = plan.node(mapPath);
  if (!isMap(node) || !entries.length) return undefined;
  return node.flow ? addToFlowMap(plan, node, entries) : addToBlockMap(plan, node, entries);
}

function addToFlowMap(plan: ReleaseDoc, map: YAMLMap, entries: [string, NewValue][]): TextEdit | undefined {
  const text = plan.source.text;
  const added = entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ');
  const items = map.items as Pair[];
  if (!items.length) {
    const r = (map as Ranged).range;
    if (!r) return undefined;
    const open = r[0];
    let close = r[1] - 1;
    while (close > open && text[close] !== '}') close--;
    if (text[open] !== '{' || text[close] !== '}') return undefined;
    return { file: 'release', range: { start: open + 1, end: close }, newText: ` ${added} ` };
  }
  const last = items[items.length - 1];
  const at = end(last.value) ?? end(last.key);
  if (at === undefined) return undefined;
  const r = (map as Ranged).range;
  // A pair written in a flow list without braces (`[a: 1]`) is a mapping of its own, and `, b: 2`
  // after it would be the list's next item, one that lacks the key in turn: put braces around it.
  if (r && text[r[0]] !== '{') return { file: 'release', range: { start: r[0], end: at }, newText: `{ ${text.slice(r[0], at)}, ${added} }` };
  return { file: 'release', range: { start: at, end: at }, newText: `, ${added}` };
}

/** The node written last inside `n`: the deepest last entry of block mappings and lists. */
function lastWritten(n: unknown): unknown {
  let cur = n;
  for (let depth = 0; depth < 1000; depth++) {
    if (isMap(cur) && !cur.flow && cur.items.length) {
      const p = cur.items[cur.items.length - 1] as Pair;
      cur = p.value ?? p.key;
    } else if (isSeq(cur) && !cur.flow && cur.items.length) cur = cur.items[cur.items.length - 1];
    else break;
  }
  return cur;
}

/**
 * An edit adding `lines` after `n` when it ends in a block scalar (`|`, `>`): after the scalar's
 * whole range (a line start, or the end of the file). Its trailing lines can belong to its value
 * (kept line breaks of `|+`, a whitespace line indented deeper than the text), so lines inserted
 * before them would change it. Undefined when `n` does not end in a block scalar.
 */
function afterBlockScalarEdit(text: string, eol: string, n: unknown, lines: string[]): TextEdit | undefined {
  const s = lastWritten(n);
  if (!isScalar(s) || (s.type !== 'BLOCK_LITERAL' && s.type !== 'BLOCK_FOLDED')) return undefined;
  const at = end(s);
  if (at === undefined || at === 0) return undefined;
  const lineStart = text[at - 1] === '\n' || text[at - 1] === '\r';
  return { file: 'release', range: { start: at, end: at }, newText: lineStart ? lines.join(eol) + eol : eol + lines.join(eol) };
}

function addToBlockMap(plan: ReleaseDoc, map: YAMLMap, entries: [string, NewValue][]): TextEdit | undefined {
  const src = plan.source;
  const text = src.text;
  const items = map.items as Pair[];
  const firstKey = items[0]?.key as Ranged | null | undefined;
  const keyStart = firstKey?.range?.[0] ?? (map as Ranged).range?.[0];
  if (keyStart === undefined) return undefined;
  const indent = ' '.repeat(src.positionAt(keyStart).character);
  const afterScalar = afterBlockScalarEdit(text, src.eol, map, entries.flatMap(([k, v]) => blockLines(k, v, indent)));
  if (afterScalar) return afterScalar;
  const last = items[items.length - 1];
  let stop = Math.max(end(last.value) ?? 0, end(last.key) ?? 0, keyStart);
  while (stop > keyStart && /\s/.test(text[stop - 1])) stop--;
  let line = src.positionAt(Math.max(keyStart, stop - 1)).line;
  let at = src.lineEnd(line);
  // Comment lines indented deeper than the new keys belong to the last entry: the keys go after them.
  for (line++; line < src.lineCount; line++) {
    const t = src.lineText(line);
    if (!t.trim()) continue;
    const comment = /^( *)#/.exec(t);
    if (!comment || comment[1].length <= indent.length) break;
    at = src.lineEnd(line);
  }
  const eol = src.eol;
  const lines = entries.flatMap(([k, v]) => blockLines(k, v, indent));
  return { file: 'release', range: { start: at, end: at }, newText: eol + lines.join(eol) };
}

/** An edit appending `items` to the list at `seqPath`, in the list's own style. */
export function appendToSeqEdit(plan: ReleaseDoc, seqPath: YamlPath, items: NewValue[]): TextEdit | undefined {
  const seq = plan.node(seqPath);
  if (!isSeq(seq) || !items.length) return undefined;
  const src = plan.source;
  const text = src.text;
  const r = (seq as Ranged).range;
  if (!r) return undefined;
  if (seq.flow) {
    const added = items.map(flowText).join(', ');
    const last = seq.items[seq.items.length - 1];
    if (last === undefined) {
      let close = r[1] - 1;
      while (close > r[0] && text[close] !== ']') close--;
      if (text[r[0]] !== '[' || text[close] !== ']') return undefined;
      return { file: 'release', range: { start: r[0] + 1, end: close }, newText: added };
    }
    const at = end(last);
    return at === undefined ? undefined : { file: 'release', range: { start: at, end: at }, newText: `, ${added}` };
  }
  // Block list: the new items start with "- " in the column of the existing dashes.
  const indent = ' '.repeat(src.positionAt(r[0]).character);
  const afterScalar = afterBlockScalarEdit(text, src.eol, seq, items.map((x) => `${indent}- ${flowText(x)}`));
  if (afterScalar) return afterScalar;
  let stop = r[1];
  while (stop > r[0] && /\s/.test(text[stop - 1])) stop--;
  const at = src.lineEnd(src.positionAt(Math.max(r[0], stop - 1)).line);
  return { file: 'release', range: { start: at, end: at }, newText: items.map((x) => `${src.eol}${indent}- ${flowText(x)}`).join('') };
}

/**
 * An edit giving an empty key (`timing:` followed by nothing, `~`, `null` or `""`) a value, written in
 * flow style on the key's line. Undefined when the key is not there or already has a value.
 */
export function fillEmptyValueEdit(plan: ReleaseDoc, path: YamlPath, value: NewValue): TextEdit | undefined {
  if (path.length === 0) return undefined;
  const parent = plan.node(path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const key = path[path.length - 1];
  const pair = (parent.items as Pair[]).find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  if (!pair) return undefined;
  const v = pair.value as YamlNode | null;
  if (v && !(isScalar(v) && (v.value === null || (typeof v.value === 'string' && v.value.trim() === '')))) return undefined;
  const r = (v as Ranged | null)?.range;
  const text = plan.source.text;
  if (r && r[1] > r[0]) {
    // An empty block scalar (`|`, `>`) runs over its blank lines to the next key's line: only its
    // header is replaced, or the line break before that key would go with it.
    if (isScalar(v) && (v.type === 'BLOCK_LITERAL' || v.type === 'BLOCK_FOLDED')) {
      const header = /[|>][0-9+-]*/y;
      header.lastIndex = r[0];
      const h = header.exec(text);
      return h ? { file: 'release', range: { start: r[0], end: r[0] + h[0].length }, newText: flowText(value) } : undefined;
    }
    return { file: 'release', range: { start: r[0], end: r[1] }, newText: flowText(value) };
  }
  const keyEnd = end(pair.key);
  if (keyEnd === undefined) return undefined;
  // The key's own colon, right after it. A key alone in a flow mapping (`{ kind }`) has none: the
  // next colon in the text belongs to some later key.
  const colonRe = /\s*:(?=[\s,\]}]|$)/y;
  colonRe.lastIndex = keyEnd;
  const colon = colonRe.exec(text);
  if (colon) {
    const at = keyEnd + colon[0].length;
    return { file: 'release', range: { start: at, end: at }, newText: ` ${flowText(value)}` };
  }
  if (!parent.flow) return undefined;
  return { file: 'release', range: { start: keyEnd, end: keyEnd }, newText: `: ${flowText(value)}` };
}

/** Add `entries` to the mapping at `mapPath`, or give an empty `mapPath` key a new mapping. */
export function addOrFillEdit(plan: ReleaseDoc, mapPath: YamlPath, entries: [string, NewValue][]): TextEdit | undefined {
  return addToMapEdit(plan, mapPath, entries) ?? fillEmptyValueEdit(plan, mapPath, { map: entries });
}
