/**
 * Finding the configuration for a file: walk up from its folder collecting `.impact-notes.yaml`
 * (or `.yml`) files. The nearest file wins, rule by rule and option by option; a file with
 * `root: true` stops the walk. Pure: the caller supplies how to read a file and how to handle paths,
 * so Node (the CLI) and the editor (workspace.fs) share the logic.
 */
import { picomatch } from './util/picomatch';
import { CONFIG_FILE_NAMES, defaultConfig, mergeConfig, parseConfig, type Config, type ConfigProblem } from './config';
import type { Rule } from './types';

export interface PathOps {
  dirname(path: string): string;
  join(dir: string, name: string): string;
}

export interface ConfigHost extends PathOps {
  /** The file's text, or undefined when it does not exist (or is a folder). */
  read(path: string): Promise<string | undefined>;
}

export interface ConfigFileProblem extends ConfigProblem {
  /** The configuration file the problem is in. */
  file: string;
}

/** Ignore globs with the folder they are relative to (the folder of the file that lists them). */
export interface IgnoreSet {
  base: string;
  patterns: string[];
}

/** Compiled ignore globs, one matcher per set for as long as the set lives. */
const ignoreMatchers = new WeakMap<IgnoreSet, (rel: string) => boolean>();

/**
 * Whether the configuration's ignore globs leave out a path: the one test the CLI, the language
 * server, discovery and the editor use. `relativeTo(base)` gives the path relative to an ignore
 * set's folder with forward slashes (Node: `path.relative` made POSIX; the editor: the URI paths'
 * `posix.relative`); a path outside the folder is not matched by its globs. With `alsoAsFolder`,
 * `rel/` is tried too (so `build/` matches the folder itself).
 */
export function ignoredByConfig(sets: readonly IgnoreSet[], relativeTo: (base: string) => string, alsoAsFolder = false): boolean {
  for (const set of sets) {
    const rel = relativeTo(set.base);
    if (!rel || rel.startsWith('..') || rel.startsWith('/') || /^[A-Za-z]:\//.test(rel)) continue;
    let m = ignoreMatchers.get(set);
    if (!m) {
      m = picomatch(set.patterns, { dot: true });
      ignoreMatchers.set(set, m);
    }
    if (m(rel) || (alsoAsFolder && m(`${rel}/`))) return true;
  }
  return false;
}

export interface ResolvedConfig {
  /** The merged configuration (defaults, then farthest file, …, nearest file). */
  config: Config;
  /** Configuration files that contributed, nearest first. */
  files: string[];
  /** Ignore globs of every contributing file, each with its own base folder. */
  ignores: IgnoreSet[];
  problems: ConfigFileProblem[];
}

interface ParsedFile {
  path: string;
  /** What the file sets (defaults left out, so merging does not reset a farther file's values). */
  config: Partial<Config>;
  problems: ConfigFileProblem[];
}

/**
 * Resolves configurations folder by folder, reading each folder's configuration file at most once.
 * `resolve(dir)` gives the configuration that applies to files in `dir`.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<ResolvedConfig>>();
  private readonly fileInDir = new Map<string, Promise<ParsedFile | undefined>>();

  constructor(
    private readonly host: ConfigHost,
    private readonly rules: readonly Rule[],
    /** Folders above this one are not searched (e.g. the file system root is never passed). */
    private readonly stopAt?: string,
  ) {}

  resolve(dir: string): Promise<ResolvedConfig> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = this.compute(dir);
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async compute(dir: string): Promise<ResolvedConfig> {
    const own = await this.configIn(dir);
    const parent = this.host.dirname(dir);
    const atTop = parent === dir || (this.stopAt !== undefined && dir === this.stopAt);
    if (own?.config.root || atTop) {
      return fromFiles(own ? [own] : [], this.host);
    }
    const above = await this.resolve(parent);
    if (!own) return above;
    return {
      config: mergeConfig(above.config, own.config),
      files: [own.path, ...above.files],
      ignores: [...above.ignores, ...ignoreSet(own, this.host)],
      problems: [...own.problems, ...above.problems],
    };
  }

  private configIn(dir: string): Promise<ParsedFile | undefined> {
    let p = this.fileInDir.get(dir);
    if (!p) {
      p = (async () => {
        for (const name of CONFIG_FILE_NAMES) {
          const path = this.host.join(dir, name);
          const text = await this.host.read(path);
          if (text === undefined) continue;
          return parseFile(path, text, this.rules);
        }
        return undefined;
      })();
      this.fileInDir.set(dir, p);
    }
    return p;
  }
}

function parseFile(path: string, text: string, rules: readonly Rule[]): ParsedFile {
  const body = text.replace(/^\ufeff/, '');
  const { config, problems } = parseConfig(body, path, rules);
  return { path, config: onlyWhatIsSet(config, body), problems: problems.map((p) => ({ ...p, file: path })) };
}

/**
 * parseConfig fills in defaults; for merging, a file must only override what it actually sets
 * (a nearer file without `maxFileSize` keeps the farther file's value).
 */
function onlyWhatIsSet(config: Config, text: string): Partial<Config> {
  if (/^maxFileSize[ \t]*:/m.test(text) || /^["']maxFileSize["'][ \t]*:/m.test(text)) return config;
  const partial: Partial<Config> = { ...config };
  delete partial.maxFileSize;
  return partial;
}

function ignoreSet(f: ParsedFile, ops: PathOps): IgnoreSet[] {
  const patterns = f.config.ignore ?? [];
  return patterns.length ? [{ base: ops.dirname(f.path), patterns }] : [];
}

function fromFiles(files: ParsedFile[], ops: PathOps): ResolvedConfig {
  let config = defaultConfig();
  for (const f of files) config = mergeConfig(config, f.config);
  return {
    config,
    files: files.map((f) => f.path),
    ignores: files.flatMap((f) => ignoreSet(f, ops)),
    problems: files.flatMap((f) => f.problems),
  };
}

/** One configuration file given explicitly (`--config`): no walk, no merging with other files. */
export async function loadConfigFile(host: ConfigHost, path: string, rules: readonly Rule[]): Promise<ResolvedConfig | undefined> {
  const text = await host.read(path);
  if (text === undefined) return undefined;
  const f = parseFile(path, text, rules);
  return { config: mergeConfig(defaultConfig(), f.config), files: [path], ignores: ignoreSet(f, host), problems: f.problems };
}

/** Convenience: the configuration for one folder, without keeping a resolver. */
export function resolveConfig(host: ConfigHost, dir: string, rules: readonly Rule[]): Promise<ResolvedConfig> {
  return new ConfigResolver(host, rules).resolve(dir);
}
