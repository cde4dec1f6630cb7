/**
 * POSIX path helpers for URI paths ('/a/b/c.md'), without Node's `path` module, so the extension's
 * web worker bundle (vscode.dev, github.dev) needs no Node built-ins. Same results as Node's
 * `path.posix` for the functions here (test/unit/posix-path.test.ts compares them on random paths);
 * `relative` and `normalize` never touch `process.cwd()`, so both arguments of `relative` must be
 * of the same kind (both absolute, or both relative to the same folder).
 */

/** Collapses '.', '..' and repeated slashes in a path (no trailing-slash handling). */
function normalizeSegments(p: string, absolute: boolean): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(seg);
  }
  return out.join('/');
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const absolute = p.startsWith('/');
  const trailing = p.endsWith('/');
  let body = normalizeSegments(p, absolute);
  if (body === '' && !absolute) body = '.';
  if (body !== '' && trailing) body += '/';
  return absolute ? `/${body}` : body;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((s) => s !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function dirname(p: string): string {
  if (p === '') return '.';
  const hasRoot = p.startsWith('/');
  let end = -1;
  let matchedSlash = true;
  for (let i = p.length - 1; i >= 1; --i) {
    if (p[i] === '/') {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else matchedSlash = false;
  }
  if (end === -1) return hasRoot ? '/' : '.';
  if (hasRoot && end === 1) return '//';
  return p.slice(0, end);
}

export function basename(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  return end === 0 ? '' : p.slice(p.lastIndexOf('/', end - 1) + 1, end);
}

/** The path from `from` to `to`; both absolute, or both relative to the same folder. */
export function relative(from: string, to: string): string {
  const a = normalizeSegments(from, from.startsWith('/')).split('/').filter(Boolean);
  const b = normalizeSegments(to, to.startsWith('/')).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...Array<string>(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

/** The same functions under the name the code used for Node's `path.posix`. */
export const posix = { normalize, join, dirname, basename, relative };
