/**
 * Research-artifact markers: which files say "a model was trained here" (weights), "a dataset lives
 * here" (datasets) or "this is training code" (training). Pure: a marker is matched against a
 * forward-slash path relative to the scanned folder and, for size-conditional patterns, the file's
 * size in bytes.
 *
 * Pattern syntax (the same in `.impact-notes.yaml` `markers:` and the `impactNotes.markers.*`
 * settings):
 *
 *   *.safetensors          a glob without "/" matches the file name, at any depth
 *   checkpoint*\/**\/*.bin   a glob with "/" matches the end of the path, at any depth
 *   *.bin >=10MB           only files of at least this size (B, KB, MB, GB; 1 KB = 1024 bytes)
 *   !**\/samples/**        leaves out what earlier patterns of the same group matched
 *
 * Matching ignores letter case. A group set in the configuration replaces that group's defaults;
 * write `$defaults` in the list to keep them and add to them.
 */
import { picomatch } from '../util/picomatch';
import type { MarkerConfig } from '../config';
import { TOOL_FOLDER_NAMES } from '../tool-folders';

export type MarkerKind = 'weights' | 'datasets' | 'training';
export const MARKER_KINDS: readonly MarkerKind[] = ['weights', 'datasets', 'training'];

/** The defaults, per group. */
export const DEFAULT_MARKERS: Readonly<Record<MarkerKind, readonly string[]>> = Object.freeze({
  weights: Object.freeze([
    '*.pt',
    '*.pth',
    '*.ckpt',
    '*.safetensors',
    '*.onnx',
    '*.gguf',
    '*.h5',
    '*.pb',
    '*.tflite',
    '*.bin >=10MB',
    '{checkpoint,checkpoints,ckpt,ckpts}*/**/*.bin',
  ]),
  datasets: Object.freeze(['*.parquet', '*.arrow', '*.tfrecord', '*.tfrecords', '*.npz', '{data,datasets,dataset}/** >=1MB']),
  training: Object.freeze([
    'train*.py',
    '*_train.py',
    'finetune*.py',
    'fine_tune*.py',
    'train*.ipynb',
    '*training*.ipynb',
    'finetun*.ipynb',
    '{train,training,trainer,finetune}*.{yaml,yml,json,toml}',
    '*_{train,training,trainer}.{yaml,yml,toml}',
  ]),
});

/** Written in a configured group, keeps the group's defaults. */
export const DEFAULTS_TOKEN = '$defaults';

type Segment = { any: true } | { any: false; lit?: string; re?: RegExp };

interface Alternative {
  /** Matchers for the folders (a leading `**` makes the glob match at any depth). */
  dir: Segment[];
  /** Matcher for the file name; undefined when the glob ends in `**` (any name). */
  name?: Segment;
}

/**
 * A glob with "/" compiled to per-segment matchers (braces expanded first), matched against the
 * end of a path at any depth. Much faster than one big regular expression on long paths: each
 * segment test runs on a short string, `**` backtracks over segments rather than characters, and
 * the folder part can be decided once per folder.
 */
export class PathGlob {
  private readonly alternatives: Alternative[];

  constructor(glob: string) {
    this.alternatives = expandBraces(glob).map((alt) => {
      const segs: Segment[] = [{ any: true }];
      for (const part of alt.split('/')) {
        if (!part) continue;
        if (part === '**') {
          if (!segs[segs.length - 1].any) segs.push({ any: true });
        } else if (!/[*?[\]!()+@]/.test(part)) segs.push({ any: false, lit: part.toLowerCase() });
        else segs.push({ any: false, re: picomatch.makeRe(part, { dot: true, nocase: true }) });
      }
      const last = segs[segs.length - 1];
      return last.any ? { dir: segs } : { dir: segs.slice(0, -1), name: last };
    });
  }

  /** Whether a file in this folder could match (`dirSegments`: lower-cased folder names). */
  couldMatchIn(dirSegments: readonly string[]): boolean {
    return this.alternatives.some((a) => matchFrom(a.dir, 0, dirSegments, 0));
  }

  /** Lower-cased folder names and file name. */
  matchParts(dirSegments: readonly string[], name: string): boolean {
    return this.alternatives.some((a) => (!a.name || segmentMatches(a.name, name)) && matchFrom(a.dir, 0, dirSegments, 0));
  }

  match(path: string): boolean {
    const segs = path.toLowerCase().split('/');
    const name = segs.pop()!;
    return this.matchParts(segs, name);
  }
}

function segmentMatches(p: Segment, seg: string): boolean {
  if (p.any) return true;
  return p.lit !== undefined ? p.lit === seg : p.re!.test(seg);
}

function matchFrom(pat: Segment[], pi: number, path: readonly string[], si: number): boolean {
  while (pi < pat.length) {
    const p = pat[pi];
    if (p.any) {
      if (pi === pat.length - 1) return true;
      for (let k = si; k < path.length; k++) if (matchFrom(pat, pi + 1, path, k)) return true;
      return false;
    }
    if (si >= path.length || !segmentMatches(p, path[si])) return false;
    pi++;
    si++;
  }
  return si === path.length;
}

export interface MarkerPattern {
  /** As written, e.g. "*.bin >=10MB". */
  source: string;
  kind: MarkerKind;
  glob: string;
  negated: boolean;
  /** Smallest size in bytes, when the pattern has a size condition. */
  minSize?: number;
  /** Whether the glob is matched against the file name only. */
  basename: boolean;
  /** For file-name globs. */
  re?: RegExp;
  /** For path globs. */
  path?: PathGlob;
}

export interface MarkerMatch {
  kind: MarkerKind;
  /** The pattern that matched, as written. */
  pattern: string;
}

/** What classifying a path says. */
export type Classification = MarkerMatch | { needsSize: true } | undefined;

const UNITS: Record<string, number> = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 };
const SIZE_RE = /^(.*?)\s+>=\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i;

export class MarkerSyntaxError extends Error {}

/** Parses one pattern; throws MarkerSyntaxError for an unusable one. */
export function parseMarkerPattern(source: string, kind: MarkerKind): MarkerPattern {
  let text = source.trim();
  let minSize: number | undefined;
  const m = SIZE_RE.exec(text);
  if (m) {
    text = m[1].trim();
    minSize = Math.round(Number(m[2]) * UNITS[(m[3] ?? 'b').toLowerCase()]);
  }
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1).trim();
  text = text.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
  if (!text) throw new MarkerSyntaxError(`'${source}' is not a usable marker pattern.`);
  const basename = !text.includes('/');
  try {
    if (basename) return { source, kind, glob: text, negated, minSize, basename, re: picomatch.makeRe(text, { dot: true, nocase: true }) };
    return { source, kind, glob: text, negated, minSize, basename, path: new PathGlob(text) };
  } catch (err) {
    throw new MarkerSyntaxError(`'${source}' is not a usable marker pattern: ${(err as Error).message}`);
  }
}

/** The pattern lists in effect: configured groups replace the defaults (unless they say `$defaults`). */
export function effectiveMarkers(config?: MarkerConfig): Record<MarkerKind, string[]> {
  const out = {} as Record<MarkerKind, string[]>;
  for (const kind of MARKER_KINDS) {
    const given = config?.[kind];
    if (!given) out[kind] = [...DEFAULT_MARKERS[kind]];
    else out[kind] = given.flatMap((p) => (p.trim() === DEFAULTS_TOKEN ? [...DEFAULT_MARKERS[kind]] : [p]));
  }
  return out;
}

/** Build output: copies of the project, not where research artifacts are kept. */
export const BUILD_OUTPUT_DIR_NAMES: readonly string[] = Object.freeze(['build', 'dist']);

/** Folders holding other people's code: markers inside them are not this project's research. */
export const VENDORED_DIR_NAMES: readonly string[] = Object.freeze(['vendor', 'vendored', 'third_party', 'third-party', 'thirdparty', 'external', 'extern']);

/** Test folders: small models and datasets in them are fixtures, not research artifacts. */
export const TEST_DIR_NAMES: readonly string[] = Object.freeze(['test', 'tests', 'testing', '__tests__', 'testdata', 'test_data', 'test-data', 'fixtures', '__fixtures__']);

/** Data folders: a `test` split inside them is data, not a test folder. */
const DATA_DIR_NAMES = new Set(['data', 'datasets', 'dataset']);

const SKIPPED = new Set([...TOOL_FOLDER_NAMES, ...BUILD_OUTPUT_DIR_NAMES]);
const VENDORED = new Set(VENDORED_DIR_NAMES);
const TESTS = new Set(TEST_DIR_NAMES);

/** Whether discovery's walker should not enter a folder with this name: tool folders, build output, vendored code. */
export function isSkippedDirName(name: string): boolean {
  const n = name.toLowerCase();
  return SKIPPED.has(n) || VENDORED.has(n) || n.endsWith('.egg-info');
}

/**
 * Whether a file path lies in a folder that never holds research artifacts: a skipped or vendored
 * folder anywhere on the way, or a test folder (unless a data folder comes first: `data/test/`).
 */
export function isExcludedPath(path: string): boolean {
  let start = 0;
  let dataSeen = false;
  for (;;) {
    const slash = path.indexOf('/', start);
    if (slash < 0) return false;
    const seg = path.slice(start, slash).toLowerCase();
    if (SKIPPED.has(seg) || VENDORED.has(seg) || seg.endsWith('.egg-info')) return true;
    if (!dataSeen) {
      if (DATA_DIR_NAMES.has(seg)) dataSeen = true;
      else if (TESTS.has(seg)) return true;
    }
    start = slash + 1;
  }
}

function combine(res: RegExp[]): RegExp | undefined {
  if (!res.length) return undefined;
  return new RegExp(res.map((r) => `(?:${r.source})`).join('|'), 'i');
}

/**
 * Compiled markers. `classify` is the hot path of a scan (called for every file): one combined
 * regular expression for file names and one for paths decide whether any pattern can match, and
 * only then are the patterns tried one by one.
 */
export class MarkerSet {
  readonly patterns: readonly MarkerPattern[];
  /** Problems with configured patterns (the pattern is left out). */
  readonly problems: string[] = [];
  private readonly anyBase?: RegExp;
  private readonly pathGlobs: PathGlob[];
  /** The folder of the last classified path, its lower-cased names and the path globs that can match there. */
  private lastDir: string | undefined;
  private lastDirSegments: string[] = [];
  private lastActive: PathGlob[] = [];
  private readonly extensions = new Map<string, MarkerPattern>();
  /** Patterns that need the size of a file. */
  readonly hasSizeConditions: boolean;
  /** The lists the set was built from. */
  readonly lists: Readonly<Record<MarkerKind, readonly string[]>>;

  constructor(config?: MarkerConfig) {
    this.lists = effectiveMarkers(config);
    const patterns: MarkerPattern[] = [];
    for (const kind of MARKER_KINDS) {
      for (const src of this.lists[kind]) {
        try {
          patterns.push(parseMarkerPattern(src, kind));
        } catch (err) {
          this.problems.push((err as Error).message);
        }
      }
    }
    this.patterns = patterns;
    // Plain `*.ext` patterns without size or negation: a map lookup instead of a regex, unless a
    // negation or an earlier group could change the answer.
    const hasNegation = patterns.some((p) => p.negated);
    const base: RegExp[] = [];
    const full: PathGlob[] = [];
    for (const p of patterns) {
      if (p.negated) continue;
      const ext = /^\*(\.[a-z0-9_-]+)$/i.exec(p.glob);
      if (ext && !hasNegation && p.minSize === undefined) {
        const key = ext[1].toLowerCase();
        if (!this.extensions.has(key)) this.extensions.set(key, p);
        continue;
      }
      if (p.re) base.push(p.re);
      else if (p.path) full.push(p.path);
    }
    this.anyBase = combine(base);
    this.pathGlobs = full;
    this.hasSizeConditions = patterns.some((p) => p.minSize !== undefined);
  }

  /** A key that changes when the effective patterns change. */
  get key(): string {
    return JSON.stringify(this.lists);
  }

  /**
   * What a file is. `size` undefined means unknown: a file that only a size-conditional pattern
   * could match then gives `{ needsSize: true }` (ask again with its size).
   */
  classify(path: string, size?: number): Classification {
    const slash = path.lastIndexOf('/');
    const name = slash < 0 ? path : path.slice(slash + 1);
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (dir !== this.lastDir) {
      // Files come folder by folder from a walk: the folder part is decided once per folder.
      this.lastDir = dir;
      this.lastDirSegments = dir ? dir.toLowerCase().split('/') : [];
      this.lastActive = this.pathGlobs.filter((g) => g.couldMatchIn(this.lastDirSegments));
    }
    const dot = name.lastIndexOf('.');
    const fast = dot > 0 ? this.extensions.get(name.slice(dot).toLowerCase()) : undefined;
    if (!fast && !(this.anyBase?.test(name) ?? false)) {
      if (!this.lastActive.length) return undefined;
      const lower = name.toLowerCase();
      if (!this.lastActive.some((g) => g.matchParts(this.lastDirSegments, lower))) return undefined;
    }
    if (isExcludedPath(path)) return undefined;
    if (fast && !this.anyBase && !this.pathGlobs.length) return { kind: fast.kind, pattern: fast.source };
    return this.slowClassify(name, size);
  }

  private slowClassify(name: string, size: number | undefined): Classification {
    let needsSize = false;
    const lower = name.toLowerCase();
    for (const kind of MARKER_KINDS) {
      let hit: MarkerPattern | undefined;
      let pending = false;
      for (const p of this.patterns) {
        if (p.kind !== kind) continue;
        const matches = p.re ? p.re.test(name) : p.path!.matchParts(this.lastDirSegments, lower);
        if (!matches) continue;
        if (p.negated) {
          hit = undefined;
          pending = false;
          continue;
        }
        if (p.minSize !== undefined) {
          if (size === undefined) {
            if (!hit) pending = true;
            continue;
          }
          if (size < p.minSize) continue;
        }
        hit ??= p;
      }
      if (hit) return { kind, pattern: hit.source };
      if (pending) needsSize = true;
    }
    return needsSize ? { needsSize: true } : undefined;
  }

  /**
   * Globs for an editor file search (`**\/` + each pattern, size conditions and negations
   * dropped, braces expanded), so a search can list candidates without listing every file.
   */
  searchGlobs(): string[] {
    const out = new Set<string>();
    for (const p of this.patterns) {
      if (p.negated) continue;
      for (const g of expandBraces(p.glob)) out.add(`**/${g}`);
    }
    return [...out];
  }
}

/** `a{b,c}d` → [abd, acd]; nested braces are expanded too. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  let close = -1;
  const parts: string[] = [];
  let cur = '';
  for (let i = open + 1; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) {
        close = i;
        break;
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (close < 0) return [glob];
  parts.push(cur);
  const head = glob.slice(0, open);
  const tails = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const p of parts) for (const e of expandBraces(head + p)) for (const t of tails) out.push(e + t);
  return out;
}
