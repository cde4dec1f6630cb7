/**
 * The mutation fuzzer: starts from real files (every IMPACT.md and release.yaml under
 * test/fixtures and examples, fixed snapshots included) and applies byte- and line-level
 * mutations: delete, duplicate, swap and join lines, insert random Unicode or YAML/Markdown
 * syntax characters, truncate, flip indentation, swap line breaks. Each mutation is plain data
 * drawn by fast-check, so a failing input shrinks to the fewest mutations that still fail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

const ROOT = path.join(__dirname, '..', '..');

export interface CorpusFile {
  /** Path relative to the repository. */
  rel: string;
  kind: 'impact' | 'release';
  text: string;
}

export interface CorpusPair {
  dir: string;
  impact?: string;
  release?: string;
}

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

let cache: { files: CorpusFile[]; pairs: CorpusPair[] } | undefined;

/** Every IMPACT*.md and release*.yaml of the fixtures and examples, and the folders that hold a pair. */
export function corpus(): { files: CorpusFile[]; pairs: CorpusPair[] } {
  if (cache) return cache;
  const all: string[] = [];
  for (const d of ['test/fixtures', 'examples']) walk(path.join(ROOT, d), all);
  all.sort();
  const files: CorpusFile[] = [];
  const byDir = new Map<string, CorpusPair>();
  for (const p of all) {
    const base = path.basename(p);
    const kind = /^impact(\.fixed)?\.md$/i.test(base) ? 'impact' : /^release(\.fixed)?\.ya?ml$/i.test(base) ? 'release' : undefined;
    if (!kind) continue;
    const text = fs.readFileSync(p, 'utf8');
    const rel = path.relative(ROOT, p).split(path.sep).join('/');
    files.push({ rel, kind, text });
    if (/\.fixed\./.test(base)) continue;
    const dir = path.dirname(rel);
    const pair = byDir.get(dir) ?? { dir };
    pair[kind] = text;
    byDir.set(dir, pair);
  }
  cache = { files, pairs: [...byDir.values()].filter((p) => p.impact && p.release) };
  return cache;
}

/** One mutation, as data. Positions are fractions of the text (0..1e6), so they fit any length. */
export type Mutation =
  | { op: 'delete-line' | 'duplicate-line' | 'flip-indent' | 'join-line'; at: number }
  | { op: 'swap-lines'; at: number; with: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete-range'; at: number; len: number }
  | { op: 'truncate'; at: number }
  | { op: 'eol'; to: '\n' | '\r\n' | '\r' }
  | { op: 'byte'; at: number; code: number };

const SYNTAX = [':', '-', '#', '[', '{', '*', ']', '}', '&a ', '*a', '- ', ': ', '# ', '**', '`', '```', '|', '>', '<!--', '-->', '!', '%', '@', '"', "'", '\t', '  ', '\n', '\r\n', '\r', '\ufeff', '\u0000', '---\n', '## ', '### ', '- **Applies:** ', '- **Rating:** high — ', '? ', ',', '\\', '\u2028', '😀', '\ud800', '&', '<script>', '\\input{x}'];

const pos = fc.integer({ min: 0, max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'flip-indent' as const, 'join-line' as const), at: pos }),
  fc.record({ op: fc.constant('swap-lines' as const), at: pos, with: pos }),
  fc.record({ op: fc.constant('insert' as const), at: pos, text: fc.oneof(fc.constantFrom(...SYNTAX), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })) }),
  fc.record({ op: fc.constant('delete-range' as const), at: pos, len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: pos }),
  fc.record({ op: fc.constant('eol' as const), to: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const) }),
  fc.record({ op: fc.constant('byte' as const), at: pos, code: fc.integer({ min: 0, max: 0xffff }) }),
);

const at = (frac: number, n: number) => Math.floor((frac / 1_000_001) * n);

/** Applies mutations in order. Pure and deterministic. */
export function mutate(text: string, muts: readonly Mutation[]): string {
  let t = text;
  for (const m of muts) {
    const lines = t.split(/(?<=\r\n|\r(?!\n)|\n)/); // keep each line's own break
    switch (m.op) {
      case 'delete-line':
        if (lines.length) lines.splice(at(m.at, lines.length), 1);
        t = lines.join('');
        break;
      case 'duplicate-line': {
        if (!lines.length) break;
        const i = at(m.at, lines.length);
        const l = /\r\n|\r|\n$/.test(lines[i]) ? lines[i] : lines[i] + '\n';
        lines.splice(i, 0, l);
        t = lines.join('');
        break;
      }
      case 'swap-lines': {
        if (lines.length < 2) break;
        const i = at(m.at, lines.length);
        const j = at(m.with, lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        t = lines.join('');
        break;
      }
      case 'flip-indent': {
        if (!lines.length) break;
        const i = at(m.at, lines.length);
        const l = lines[i];
        lines[i] = /^[ \t]/.test(l) ? l.replace(/^[ \t]+/, '') : (m.at % 2 ? '  ' : '\t') + l;
        t = lines.join('');
        break;
      }
      case 'join-line': {
        if (lines.length < 2) break;
        const i = Math.min(at(m.at, lines.length), lines.length - 2);
        lines[i] = lines[i].replace(/(\r\n|\r|\n)$/, ' ');
        t = lines.join('');
        break;
      }
      case 'insert': {
        const i = at(m.at, t.length + 1);
        t = t.slice(0, i) + m.text + t.slice(i);
        break;
      }
      case 'delete-range': {
        const i = at(m.at, t.length + 1);
        t = t.slice(0, i) + t.slice(i + m.len);
        break;
      }
      case 'truncate':
        t = t.slice(0, at(m.at, t.length + 1));
        break;
      case 'eol':
        t = t.replace(/\r\n|\r|\n/g, m.to);
        break;
      case 'byte': {
        if (!t.length) break;
        const i = at(m.at, t.length);
        t = t.slice(0, i) + String.fromCharCode(m.code) + t.slice(i + 1);
        break;
      }
    }
  }
  return t;
}

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

/** A mutated corpus file of one kind: [corpus path, mutations, text]. */
export function mutatedFile(kind: 'impact' | 'release'): fc.Arbitrary<{ from: string; muts: Mutation[]; text: string }> {
  const files = corpus().files.filter((f) => f.kind === kind);
  return fc.tuple(fc.integer({ min: 0, max: files.length - 1 }), mutations).map(([i, muts]) => ({ from: files[i].rel, muts, text: mutate(files[i].text, muts) }));
}

/** A mutated pair from one fixture folder (both files mutated independently). */
export const mutatedPair: fc.Arbitrary<{ from: string; impactMuts: Mutation[]; releaseMuts: Mutation[]; impact: string; release: string }> = fc
  .tuple(fc.integer({ min: 0, max: Math.max(0, corpus().pairs.length - 1) }), fc.array(mutation, { maxLength: 4 }), fc.array(mutation, { maxLength: 4 }))
  .map(([i, im, rm]) => {
    const p = corpus().pairs[i];
    return { from: p.dir, impactMuts: im, releaseMuts: rm, impact: mutate(p.impact!, im), release: mutate(p.release!, rm) };
  });
