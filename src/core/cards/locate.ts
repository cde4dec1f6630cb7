/**
 * Where a pair's model card is: the file the first artifact's `model-card:` names (relative to the
 * plan), else a README.md beside the pair (which counts only when its front matter has card keys;
 * the engine decides). Pure: hosts read the file and hand it to the engine as LintInput.card.
 */
import { parse } from '../util/yaml';

export const CARD_KEY = 'model-card';
export const CARD_FILE_NAME = 'README.md';

/** The `model-card:` value of the first artifact that has one; undefined when none does or the YAML does not read. */
export function cardRef(releaseText: string | undefined): string | undefined {
  if (!releaseText || !releaseText.includes(CARD_KEY)) return undefined;
  let v: unknown;
  try {
    v = parse(releaseText.replace(/^\ufeff/, ''), { maxAliasCount: 100, uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  const artifacts = v && typeof v === 'object' ? (v as Record<string, unknown>).artifacts : undefined;
  if (!Array.isArray(artifacts)) return undefined;
  for (const a of artifacts) {
    const ref = a && typeof a === 'object' ? (a as Record<string, unknown>)[CARD_KEY] : undefined;
    if (typeof ref === 'string' && ref.trim()) return ref.trim();
  }
  return undefined;
}

/** Whether a `model-card:` value is a relative path a host may read (no absolute paths, no URLs). */
export function isRelativeCardPath(ref: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:|[\\/])/i.test(ref) && !ref.includes('\u0000');
}
