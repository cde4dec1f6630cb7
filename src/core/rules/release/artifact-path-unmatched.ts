import { picomatch } from '../../util/picomatch';
import { defineReleaseRule } from '../define';
import { artifactName, artifactsOf, isBlank, isPlaceholder, own, planOf } from './common';

type Matcher = (path: string) => boolean;
const cache = new Map<string, Matcher>();

/** Compiled globs are reused across lint runs (linting on every keystroke); the cache stays small. */
function matcher(glob: string, nocase: boolean): Matcher {
  const key = (nocase ? 'i:' : 's:') + glob;
  let m = cache.get(key);
  if (!m) {
    if (cache.size >= 500) cache.clear();
    m = picomatch(glob, { dot: true, nocase });
    cache.set(key, m);
  }
  return m;
}

/** Directories that hold at least one listed file, so `checkpoints` or `checkpoints/` match a folder. */
function directoriesOf(files: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    let i = f.lastIndexOf('/');
    while (i > 0) {
      const d = f.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
      i = d.lastIndexOf('/');
    }
  }
  return [...dirs];
}

/** An artifact's `paths` glob matches no file beside the plan. */
export const artifactPathUnmatched = defineReleaseRule({
  meta: {
    name: 'artifact-path-unmatched',
    description: "A glob in an artifact's 'paths' matches no file in the plan's folder.",
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release content)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    const files = ctx.files;
    if (!plan || !files) return;
    let dirs: string[] | undefined;
    for (const a of artifactsOf(plan)) {
      const raw = own(a.data, 'paths');
      const globs: [unknown, (string | number)[]][] = Array.isArray(raw)
        ? raw.map((g, i) => [g, [...a.path, 'paths', i]])
        : typeof raw === 'string'
          ? [[raw, [...a.path, 'paths']]]
          : [];
      for (const [g, path] of globs) {
        if (typeof g !== 'string' || isBlank(g) || isPlaceholder(g)) continue;
        let glob = g.trim().replace(/^(?:\.\/)+/, '');
        // Outside the plan's folder: the file list cannot say.
        if (glob.startsWith('/') || glob.startsWith('../') || /^[A-Za-z]:[\\/]/.test(glob)) continue;
        glob = glob.replace(/\/+$/, '');
        if (!glob || glob === '.') continue;
        const isMatch = matcher(glob, false);
        if (files.some((f) => isMatch(f))) continue;
        dirs ??= directoriesOf(files);
        if (dirs.some((d) => isMatch(d))) continue;
        const loose = matcher(glob, true);
        const caseHit = files.find((f) => loose(f)) ?? dirs.find((d) => loose(d));
        const range = plan.rangeOf(path, 'value');
        ctx.report({
          message: caseHit
            ? `'${g}' in the paths of ${artifactName(a)} matches nothing, though '${caseHit}' differs only in letter case: correct the case.`
            : `'${g}' in the paths of ${artifactName(a)} matches no file beside this plan: correct the path, or remove it if the artifact is not kept in this folder.`,
          file: 'release',
          range,
          data: { artifact: a.label, glob: g },
        });
      }
    }
  },
});
