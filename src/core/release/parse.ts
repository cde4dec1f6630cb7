import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode, type Pair } from '../util/yaml';
import { SourceText, type OffsetRange } from '../source-text';
import type { ReleaseDoc, YamlPath, YamlProblem } from './release-doc';

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

/**
 * Deeper than this (flow brackets plus block indentation levels), a file is not read: no release
 * plan nests more than about eight levels, and the yaml library composes nodes recursively, so
 * thousands of levels end in stack exhaustion, which is slow to unwind and leaves nothing useful.
 */
export const MAX_NESTING = 100;

/**
 * An upper estimate of how deeply a YAML text nests, in one linear pass: block indentation levels,
 * compact `- - -` sequences and open flow brackets. Comments and quoted scalars are skipped; other
 * brackets (in plain or block scalars) count, so the estimate errs on the deep side. Stops early once
 * `limit` is passed.
 */
export function yamlNestingDepth(text: string, limit = Infinity): number {
  const SP = 32, TAB = 9, LF = 10, CR = 13, HASH = 35, DASH = 45, DQ = 34, SQ = 39, BSL = 92;
  const OPEN = (c: number) => c === 91 || c === 123; // [ {
  const CLOSE = (c: number) => c === 93 || c === 125; // ] }
  const QUOTE_AFTER = (c: number) => c === SP || c === TAB || c === 91 || c === 123 || c === 44 || c === 58 || c === DASH; // space [ { , : -
  const indents: number[] = [];
  let flow = 0;
  let max = 0;
  let i = 0;
  const n = text.length;
  const at = (k: number) => text.charCodeAt(k);
  while (i < n && max <= limit) {
    // One line: its indentation first.
    let j = i;
    while (j < n && at(j) === SP) j++;
    const indent = j - i;
    const first = j < n ? at(j) : LF;
    if (flow === 0 && first !== LF && first !== CR && first !== HASH) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      // Compact nested sequences on one line: `- - - x`.
      while (j + 1 < n && at(j) === DASH && (at(j + 1) === SP || at(j + 1) === TAB)) {
        j += 2;
        while (j < n && at(j) === SP) j++;
        indents.push(j - i);
      }
    }
    let prev = SP;
    for (; j < n && max <= limit; j++) {
      const c = at(j);
      if (c === LF || c === CR) break;
      if (c === HASH && (prev === SP || prev === TAB)) {
        while (j < n && at(j) !== LF && at(j) !== CR) j++;
        break;
      }
      if ((c === DQ || c === SQ) && QUOTE_AFTER(prev)) {
        // A quoted scalar: skip to its end (it may span lines).
        for (j++; j < n; j++) {
          const q = at(j);
          if (c === DQ && q === BSL) j++;
          else if (q === c) {
            if (c === SQ && at(j + 1) === SQ) j++;
            else break;
          }
        }
        prev = c;
        continue;
      }
      if (OPEN(c)) flow++;
      else if (CLOSE(c) && flow > 0) flow--;
      prev = c === TAB ? SP : c;
      if (indents.length + flow > max) max = indents.length + flow;
    }
    if (indents.length + flow > max) max = indents.length + flow;
    // Past the line break.
    while (j < n && at(j) !== LF && at(j) !== CR) j++;
    if (j < n && at(j) === CR && at(j + 1) === LF) j++;
    i = j + 1;
  }
  return max;
}

/**
 * Readings of release plans kept for one run of the command line (keepReleaseReadings): a run reads
 * each plan twice, unchanged, for the artifact discovery (which files a plan covers) and for the
 * lint, under two spellings of its path. A reading depends on the text alone (the path is only
 * carried along) and is never changed by its readers, so the second gets the first's. Outside such
 * a run (the editor, the language server) nothing is kept: a plan reading held from one keystroke
 * to the next outlives the young generation and costs the garbage collector more than the parse.
 */
let readings: Map<string, ReleaseDoc> | undefined;
const READINGS_MAX = 64;
const READING_MAX_CHARS = 256 * 1024;

/** Runs `run` with the readings of release plans kept until it settles. */
export async function keepReleaseReadings<T>(run: () => Promise<T>): Promise<T> {
  const outer = readings;
  readings = outer ?? new Map();
  try {
    return await run();
  } finally {
    readings = outer;
  }
}

export function parseRelease(path: string, raw: string): ReleaseDoc {
  if (!readings || raw.length > READING_MAX_CHARS) return readRelease(path, raw);
  const known = readings.get(raw);
  if (known) return known.source.path === path ? known : { ...known, source: new SourceText(path, raw) };
  const doc = readRelease(path, raw);
  if (readings.size >= READINGS_MAX) readings.delete(readings.keys().next().value!);
  readings.set(raw, doc);
  return doc;
}

function readRelease(path: string, raw: string): ReleaseDoc {
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
  if (yamlNestingDepth(source.text, MAX_NESTING) > MAX_NESTING) {
    return withAccessors({ ...base, skipped: `the YAML nests more than ${MAX_NESTING} levels deep, which no release plan needs` });
  }
  const lineCounter = new LineCounter();
  // The yaml library does not take a lone CR (old Mac files) as a line break, as YAML 1.2 and
  // SourceText do; turning each into LF keeps every offset and makes the two agree.
  const yamlText = source.text.includes('\r') ? source.text.replace(/\r(?!\n)/g, '\n') : source.text;
  const doc = parseDocument(yamlText, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    keepSourceTokens: false,
    // Errors land in doc.errors; warnings (such as a stringified complex key) must not print to the console.
    logLevel: 'error',
  });
  const syntaxErrors: YamlProblem[] = [];
  const duplicateKeys: YamlProblem[] = [];
  for (const e of doc.errors) {
    const range = { start: clamp(e.pos[0], source.length), end: clamp(Math.max(e.pos[1], e.pos[0]), source.length) };
    const problem = { message: cleanMessage(e.message), range, code: e.code };
    (e.code === 'DUPLICATE_KEY' ? duplicateKeys : syntaxErrors).push(problem);
  }
  let value: unknown;
  let skipped: string | undefined;
  // The yaml library finds each alias's anchor by walking the document, so toJS is quadratic in the
  // number of aliases, and maxAliasCount does not count aliases of an empty collection (`&a []`):
  // 250,000 `*a` never finish. A release plan needs none; past MAX_ALIAS_COUNT the file is not read.
  let aliases = 0;
  // An alias needs an anchor (`&a`); without one the yaml library reports each `*a` as an error.
  if (syntaxErrors.length === 0 && source.text.includes('*') && source.text.includes('&')) {
    visit(doc, {
      Alias: () => (++aliases > MAX_ALIAS_COUNT ? visit.BREAK : undefined),
    });
  }
  if (aliases > MAX_ALIAS_COUNT) {
    skipped = `the YAML could not be read as data: it uses more than ${MAX_ALIAS_COUNT} aliases (*name)`;
  } else if (syntaxErrors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      skipped = `the YAML could not be read as data: ${(err as Error).message}`;
    }
    // `a: &x { b: *x }` (an anchor, so an `&`) turns into an object that contains itself; rules (and JSON) cannot walk it.
    if (source.text.includes('&') && isCyclic(value)) {
      value = undefined;
      skipped = 'the YAML could not be read as data: an anchor (&name) is used inside its own value (*name), so the data never ends';
    }
  }
  const declared = isMap(doc.contents) && doc.contents.items.some((p) => isScalar(p.key) && p.key.value === 'impact-release');
  return withAccessors({ ...base, doc, lineCounter, value, declared, syntaxErrors, duplicateKeys, skipped });
}

/** Whether plain data (from toJS) reaches itself. Shared, non-cyclic references (`*x` twice) are fine. */
function isCyclic(value: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const visit = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object' || done.has(v)) return false;
    if (onPath.has(v)) return true;
    onPath.add(v);
    const children = v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Object.values(v);
    for (const c of children) if (visit(c)) return true;
    onPath.delete(v);
    done.add(v);
    return false;
  };
  return visit(value);
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
        // The last pair with the key: a duplicated key's value is the last one in the data (toJS), so
        // ranges and fixes must point at that one too.
        let p: Pair | undefined;
        for (let k = node.items.length - 1; k >= 0 && !p; k--) {
          const it = node.items[k];
          if (isScalar(it.key) && String(it.key.value) === seg) p = it as Pair;
        }
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
