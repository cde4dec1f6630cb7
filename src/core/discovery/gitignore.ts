/**
 * .gitignore semantics over forward-slash paths relative to the scanned folder, with the `ignore`
 * package (the implementation ESLint and many others use). Pure: callers hand in the text of each
 * .gitignore with the folder it sits in. A deeper file's rules override a shallower one's, later
 * lines override earlier ones, and nothing below an ignored folder can be re-included (as in git).
 */
import ignore, { type Ignore } from 'ignore';

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * One .gitignore, compiled. Without negations, rules that cannot contain a slash in the middle
 * match file names at any depth, so they are tested against the name alone: the `ignore` package
 * then never walks and caches every parent path, which is most of its cost on a big tree.
 */
interface Compiled {
  /** All rules, tested against the path relative to the .gitignore's folder (when there are negations). */
  full?: Ignore;
  /** Rules without a slash (other than a trailing one), tested against the name. */
  byName?: Ignore;
  /** Rules with a slash, tested against the relative path. */
  byPath?: Ignore;
}

function compile(text: string): Compiled {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n|\r/);
  const rules = lines.filter((l) => l.trim() && !l.startsWith('#'));
  const negated = rules.some((l) => l.startsWith('!'));
  if (negated) return { full: ignore({ allowRelativePaths: true }).add(rules) };
  const byName: string[] = [];
  const byPath: string[] = [];
  for (const l of rules) {
    const body = l.replace(/(?<!\\)\s+$/, '').replace(/\/+$/, '');
    (body.includes('/') ? byPath : byName).push(l);
  }
  return {
    byName: byName.length ? ignore({ allowRelativePaths: true }).add(byName) : undefined,
    byPath: byPath.length ? ignore({ allowRelativePaths: true }).add(byPath) : undefined,
  };
}

export class GitignoreRules {
  /** Folder ('' = the scanned folder) → its compiled rules. */
  private readonly byDir = new Map<string, Compiled>();
  /** Cached verdicts for folders (cleared when rules change). */
  private readonly dirCache = new Map<string, boolean>();

  get size(): number {
    return this.byDir.size;
  }

  /** Sets (or replaces) the rules of the .gitignore in `dir`. */
  set(dir: string, text: string): void {
    this.byDir.set(dir, compile(text));
    this.dirCache.clear();
  }

  delete(dir: string): boolean {
    const had = this.byDir.delete(dir);
    if (had) this.dirCache.clear();
    return had;
  }

  has(dir: string): boolean {
    return this.byDir.has(dir);
  }

  /**
   * The verdict of the rules on one path without looking at its parent folders: true (ignored),
   * false (re-included by a `!` rule) or undefined (no rule says anything).
   */
  private own(path: string, isDir: boolean): boolean | undefined {
    let verdict: boolean | undefined;
    const slash = path.lastIndexOf('/');
    const name = slash < 0 ? path : path.slice(slash + 1);
    const suffix = isDir ? '/' : '';
    // From the scanned folder down: deeper files override.
    let dir = '';
    for (;;) {
      const c = this.byDir.get(dir);
      if (c) {
        const rel = dir ? path.slice(dir.length + 1) : path;
        if (c.full) {
          const r = c.full.test(rel + suffix);
          if (r.ignored) verdict = true;
          else if (r.unignored) verdict = false;
        } else if ((c.byName && c.byName.ignores(name + suffix)) || (c.byPath && c.byPath.ignores(rel + suffix))) {
          verdict = true;
        }
      }
      const next = path.indexOf('/', dir ? dir.length + 1 : 0);
      if (next < 0) break;
      dir = path.slice(0, next);
    }
    return verdict;
  }

  /** Whether a folder is ignored, itself or through a parent. */
  isDirIgnored(dir: string): boolean {
    if (!dir || this.byDir.size === 0) return false;
    const hit = this.dirCache.get(dir);
    if (hit !== undefined) return hit;
    const parent = parentOf(dir);
    const result = (parent && this.isDirIgnored(parent)) || this.own(dir, true) === true;
    this.dirCache.set(dir, result);
    return result;
  }

  /** Whether a file is ignored, itself or through one of its folders. */
  isFileIgnored(path: string): boolean {
    if (this.byDir.size === 0) return false;
    return this.isDirIgnored(parentOf(path)) || this.own(path, false) === true;
  }

  /**
   * For a walker that has already checked the parent folder: whether an entry of a folder that is
   * not ignored is ignored itself.
   */
  isIgnoredIn(path: string, isDir: boolean): boolean {
    if (this.byDir.size === 0) return false;
    return this.own(path, isDir) === true;
  }
}
