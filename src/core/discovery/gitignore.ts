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

export class GitignoreRules {
  /** Folder ('' = the scanned folder) → its compiled rules. */
  private readonly byDir = new Map<string, Ignore>();
  /** Cached verdicts for folders (cleared when rules change). */
  private readonly dirCache = new Map<string, boolean>();

  get size(): number {
    return this.byDir.size;
  }

  /** Sets (or replaces) the rules of the .gitignore in `dir`. */
  set(dir: string, text: string): void {
    const ig = ignore({ allowRelativePaths: true }).add(text.replace(/^\ufeff/, ''));
    this.byDir.set(dir, ig);
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
    // From the scanned folder down: deeper files override.
    let dir = '';
    for (;;) {
      const ig = this.byDir.get(dir);
      if (ig) {
        const rel = dir ? path.slice(dir.length + 1) : path;
        const r = ig.test(isDir ? `${rel}/` : rel);
        if (r.ignored) verdict = true;
        else if (r.unignored) verdict = false;
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
