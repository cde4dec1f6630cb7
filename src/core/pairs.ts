/**
 * Which files make up an assessment pair (SPEC §3). IMPACT.md is always an assessment. A
 * release.yaml is a release plan only when it declares itself (a top-level `impact-release:` key) or
 * sits beside an IMPACT.md: Helm, Flux and CI tools use the same file name, so the name alone never
 * claims a file. Pure: the CLI and the editor list folders themselves.
 */

/** File names of the assessment (case-insensitive). */
export const IMPACT_FILE_RE = /^impact\.md$/i;
/** File names a release plan may have (case-insensitive). */
export const RELEASE_FILE_RE = /^release\.ya?ml$/i;

/** The pair's file names as a glob (file watchers and `workspace.findFiles`), matching both regular expressions above. */
export const PAIR_FILES_GLOB = '**/{[Ii][Mm][Pp][Aa][Cc][Tt].[Mm][Dd],[Rr][Ee][Ll][Ee][Aa][Ss][Ee].[Yy][Aa][Mm][Ll],[Rr][Ee][Ll][Ee][Aa][Ss][Ee].[Yy][Mm][Ll]}';

/** Whether YAML text declares itself a release plan: a top-level `impact-release:` key. */
export function declaresReleasePlan(text: string): boolean {
  return /^(?:\ufeff)?impact-release[ \t]*:/m.test(text) || /^["']impact-release["'][ \t]*:/m.test(text);
}

export interface PairFiles {
  /** The folder that holds the pair. */
  dir: string;
  /** Path of IMPACT.md, when there is one. */
  impact?: string;
  /** Path of the release plan, when there is one. */
  release?: string;
}

/**
 * Decides the pair in one folder from its file names. `readRelease` is asked only for a lone
 * release.yaml (no IMPACT.md beside it), to see whether it declares itself a plan. When a folder has
 * both release.yaml and release.yml, the .yaml one is used.
 */
export async function pairInFolder(
  dir: string,
  names: readonly string[],
  join: (dir: string, name: string) => string,
  readRelease: (path: string) => Promise<string | undefined>,
): Promise<PairFiles | undefined> {
  const { impactName, releaseName } = pairNames(names);
  if (!impactName && !releaseName) return undefined;
  const lone = releaseName && !impactName ? await readRelease(join(dir, releaseName)) : undefined;
  return pairOf(dir, impactName, releaseName, join, lone);
}

/** pairInFolder for a caller that reads synchronously (the Node walker). */
export function pairFromNames(dir: string, names: readonly string[], join: (dir: string, name: string) => string, readRelease: (path: string) => string | undefined): PairFiles | undefined {
  const { impactName, releaseName } = pairNames(names);
  if (!impactName && !releaseName) return undefined;
  const lone = releaseName && !impactName ? readRelease(join(dir, releaseName)) : undefined;
  return pairOf(dir, impactName, releaseName, join, lone);
}

function pairNames(names: readonly string[]): { impactName?: string; releaseName?: string } {
  return { impactName: pickName(names, IMPACT_FILE_RE, 'IMPACT.md'), releaseName: pickName(names, RELEASE_FILE_RE, 'release.yaml') };
}

function pairOf(dir: string, impactName: string | undefined, releaseName: string | undefined, join: (dir: string, name: string) => string, loneText: string | undefined): PairFiles | undefined {
  const pair: PairFiles = { dir };
  if (impactName) pair.impact = join(dir, impactName);
  if (releaseName) {
    const path = join(dir, releaseName);
    if (impactName || (loneText !== undefined && declaresReleasePlan(loneText))) pair.release = path;
  }
  return pair.impact || pair.release ? pair : undefined;
}

/** The exact preferred name if present, else the first match in sorted order. */
function pickName(names: readonly string[], re: RegExp, preferred: string): string | undefined {
  if (names.includes(preferred)) return preferred;
  const yamlFirst = preferred === 'release.yaml' && names.includes('release.yml') ? 'release.yml' : undefined;
  if (yamlFirst) return yamlFirst;
  return [...names].sort().find((n) => re.test(n));
}
