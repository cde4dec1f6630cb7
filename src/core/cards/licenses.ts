/**
 * Licence names as the Hub and as people write them. A plan may say "Llama 2 Community License
 * Agreement" where the card says `license: llama2`, or a card may say `license: other` with
 * `license_name: tongyi-qianwen`: the same licence. Ids compare case-insensitively after a few
 * spelling normalisations and a small alias table of common names.
 */

/** Normalised common names → the Hub's licence id. */
const ALIASES: Record<string, string> = {
  'mit-license': 'mit',
  'the-mit-license': 'mit',
  'apache-2': 'apache-2.0',
  'apache-license-2.0': 'apache-2.0',
  'apache-license-version-2.0': 'apache-2.0',
  'apache-license-v2.0': 'apache-2.0',
  'creative-commons-attribution-4.0': 'cc-by-4.0',
  'creative-commons-attribution-4.0-international': 'cc-by-4.0',
  'creative-commons-attribution-noncommercial-4.0': 'cc-by-nc-4.0',
  'creative-commons-attribution-noncommercial-4.0-international': 'cc-by-nc-4.0',
  'creative-commons-attribution-non-commercial-4.0-international': 'cc-by-nc-4.0',
  'creative-commons-attribution-noncommercial-sharealike-4.0-international': 'cc-by-nc-sa-4.0',
  'creative-commons-attribution-noncommercial-noderivatives-4.0-international': 'cc-by-nc-nd-4.0',
  'creative-commons-zero-v1.0-universal': 'cc0-1.0',
  'cc0': 'cc0-1.0',
  'creativeml-open-rail-m': 'creativeml-openrail-m',
  'creativeml-openrail-m-license': 'creativeml-openrail-m',
  'creativeml-open-rail++-m': 'openrail++',
  'creativeml-openrail++-m': 'openrail++',
  'open-rail-m': 'openrail',
  'bigscience-rail-1.0': 'bigscience-bloom-rail-1.0',
  'bigscience-rail-license-v1.0': 'bigscience-bloom-rail-1.0',
  'bigscience-openrail-m': 'bigscience-openrail-m',
  'llama2-community-license-agreement': 'llama2',
  'llama2-community-license': 'llama2',
  'llama3-community-license-agreement': 'llama3',
  'llama3-community-license': 'llama3',
  'llama3.1-community-license-agreement': 'llama3.1',
  'llama3.1-community-license': 'llama3.1',
  'llama3.2-community-license-agreement': 'llama3.2',
  'llama3.2-community-license': 'llama3.2',
  'llama3.3-community-license-agreement': 'llama3.3',
  'llama3.3-community-license': 'llama3.3',
  'gemma-terms-of-use': 'gemma',
  'tongyi-qianwen-license-agreement': 'tongyi-qianwen',
  'tongyi-qianwen-license': 'tongyi-qianwen',
  'gnu-general-public-license-v3.0': 'gpl-3.0',
  'gplv3': 'gpl-3.0',
  'bsd-3-clause-license': 'bsd-3-clause',
};

/** Hub ids this module knows (for tests and for phrasing). */
export const KNOWN_HUB_IDS: readonly string[] = [...new Set(Object.values(ALIASES))];

/**
 * The licence id a name stands for: lower case, spaces and underscores as hyphens, "Llama 2" as
 * `llama2`, then the alias table. Unknown names come back normalised, so two spellings of the same
 * unknown licence still compare equal.
 */
export function licenseId(name: string): string {
  let s = name.trim().toLowerCase().replace(/[“”"']/g, '').replace(/[\s_]+/g, '-').replace(/-+/g, '-');
  s = s.replace(/^llama-(\d)/, 'llama$1');
  s = s.replace(/-(?:v|version-)(\d)/, '-$1').replace(/^(.*)-(\d+)$/, (m, a: string, d: string) => (/^(apache|gpl|lgpl|agpl|mpl)$/.test(a) ? `${a}-${d}.0` : m));
  return ALIASES[s] ?? s;
}

/** The licence a card states: `license`, or `license_name` when the licence is `other`. */
export function cardLicense(license: string | undefined, licenseName: string | undefined): string | undefined {
  if (!license) return licenseName;
  if (license.trim().toLowerCase() === 'other' && licenseName) return licenseName;
  return license;
}

export function sameLicense(a: string, b: string): boolean {
  return licenseId(a) === licenseId(b);
}
