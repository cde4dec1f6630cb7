import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { SourceText, type OffsetRange } from '../text';
import type { ReleaseDoc, YamlPath, YamlProblem } from './model';

/** Above this many aliases resolved, `toJS` stops: a billion-laughs document cannot expand. */
const MAX_ALIAS_COUNT = 100;

export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8000);
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.1;
}

export function parseRelease(path: string, raw: string): ReleaseDoc {
  const source = new SourceText(path, raw);
  const base: Omit<ReleaseDoc, 'node' | 'rangeOf' | 'get'> = {
    source,
    value: undefined,
    declared: false,
    syntaxErrors: [],
    duplicateKeys: [],
  };
  if (looksBinary(source.text)) {
    return withAccessors({ ...base, skipped: 'the file looks binary, not YAML' });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  const syntaxErrors: YamlProblem[] = [];
  const duplicateKeys: YamlProblem[] = [];
  for (const e of doc.errors) {
    const range = { start: clamp(e.pos[0], source.length), end: clamp(Math.max(e.pos[1], e.pos[0]), source.length) };
    const problem = { message: cleanMessage(e.message), range, code: e.code };
    (e.code === 'DUPLICATE_KEY' ? duplicateKeys : syntaxErrors).push(problem);
  }
  let value: unknown;
  let skipped: string | undefined;
  if (syntaxErrors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      skipped = `the YAML could not be read as data: ${(err as Error).message}`;
    }
  }
  const declared = isMap(doc.contents) && doc.contents.items.some((p) => isScalar(p.key) && p.key.value === 'impact-release');
  return withAccessors({ ...base, doc, lineCounter, value, declared, syntaxErrors, duplicateKeys, skipped });
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}

function cleanMessage(m: string): string {
  // The yaml library appends " at line N, column M" and a code excerpt; our ranges carry that.
  return m.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim();
}

function withAccessors(d: Omit<ReleaseDoc, 'node' | 'rangeOf' | 'get'>): ReleaseDoc {
  const find = (path: YamlPath): { pair?: Pair; node?: YamlNode; depth: number; lastNode?: YamlNode; lastPair?: Pair } => {
    let node: unknown = d.doc?.contents ?? undefined;
    let pair: Pair | undefined;
    let lastNode = node as YamlNode | undefined;
    let lastPair: Pair | undefined;
    let depth = 0;
    for (const seg of path) {
      pair = undefined;
      if (isMap(node) && typeof seg === 'string') {
        const p = node.items.find((it) => isScalar(it.key) && String(it.key.value) === seg);
        if (!p) return { depth, lastNode, lastPair };
        pair = p as Pair;
        node = p.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (node === undefined) return { depth, lastNode, lastPair };
      } else {
        return { depth, lastNode, lastPair };
      }
      depth++;
      if (pair) lastPair = pair;
      if (node) lastNode = node as YamlNode;
    }
    return { pair, node: (node ?? undefined) as YamlNode | undefined, depth, lastNode, lastPair };
  };
  const rangeOfNode = (n: YamlNode | null | undefined): OffsetRange | undefined =>
    n && n.range ? { start: n.range[0], end: n.range[1] } : undefined;
  const whole = (): OffsetRange => {
    const src = d.source;
    // The first non-comment line: a reasonable anchor for document-level findings.
    for (let l = 0; l < src.lineCount; l++) {
      const t = src.lineText(l);
      if (t.trim() && !t.trim().startsWith('#') && t.trim() !== '---') return { start: src.lineStart(l), end: src.lineEnd(l) };
    }
    return { start: 0, end: src.lineEnd(0) };
  };
  return {
    ...d,
    node: (path) => find(path).node,
    get(path) {
      let v: unknown = d.value;
      for (const seg of path) {
        if (v === null || typeof v !== 'object') return undefined;
        if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
        v = (v as Record<string | number, unknown>)[seg as string];
      }
      return v;
    },
    rangeOf(path, which = 'key') {
      const f = find(path);
      if (f.depth === path.length) {
        if (which === 'key' && f.pair) return rangeOfNode(f.pair.key as YamlNode) ?? rangeOfNode(f.node) ?? whole();
        return rangeOfNode(f.node) ?? (f.pair ? rangeOfNode(f.pair.key as YamlNode) : undefined) ?? whole();
      }
      // Not found: point at the closest existing parent's key.
      return (f.lastPair ? rangeOfNode(f.lastPair.key as YamlNode) : undefined) ?? whole();
    },
  };
}
