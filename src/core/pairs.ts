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

/** Folders never searched for pairs or listed for path rules. */
export const SKIPPED_DIRS: readonly string[] = Object.freeze([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ipynb_checkpoints',
  '.vscode-test',
  'site-packages',
]);

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
  const impactName = pickName(names, IMPACT_FILE_RE, 'IMPACT.md');
  const releaseName = pickName(names, RELEASE_FILE_RE, 'release.yaml');
  if (!impactName && !releaseName) return undefined;
  const pair: PairFiles = { dir };
  if (impactName) pair.impact = join(dir, impactName);
  if (releaseName) {
    const path = join(dir, releaseName);
    if (impactName) pair.release = path;
    else {
      const text = await readRelease(path);
      if (text !== undefined && declaresReleasePlan(text)) pair.release = path;
    }
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
