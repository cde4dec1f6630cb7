import { SECTIONS, type SectionDef } from '../../taxonomy';
import { defineImpactRule } from '../define';
import { lettersAndDigits } from '../../util/letters';

interface Spelling {
  key: string;
  def: SectionDef;
}

/** Every heading the taxonomy knows, in compact form (lower case, letters and digits only). */
const SPELLINGS: readonly Spelling[] = SECTIONS.flatMap((def) => [def.title, ...def.aliases].map((s) => ({ key: compact(s), def })));

function compact(s: string): string {
  return lettersAndDigits(s.toLowerCase());
}

/** Leading numbering ("3.", "III.", "(a)") and a trailing parenthetical are not part of the name. */
function bareHeading(text: string): string {
  return text
    .trim()
    .replace(/^(?:§\s*)?(?:\(?\d+(?:\.\d+)*[.):]?|\(?[ivxlc]+[.)]|\(?[a-z][.)])\s+/i, '')
    .replace(/\s*\([^()]*\)\s*$/, '');
}

/**
 * The edit distance between `a` and `b` (insertions, deletions, substitutions and swaps of two
 * neighbouring letters, as in did-you-mean elsewhere) when it is at most `k`, else Infinity: a band
 * of width 2k+1 around the diagonal, stopping as soon as a whole row exceeds `k`. Cheap enough to
 * try every known heading against every unknown one.
 */
function boundedDistance(a: string, b: string, k: number): number {
  if (k < 0 || Math.abs(a.length - b.length) > k) return Infinity;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(Infinity);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j <= k ? j : Infinity;
  for (let i = 1; i <= a.length; i++) {
    cur.fill(Infinity);
    cur[0] = i <= k ? i : Infinity;
    let best = cur[0];
    for (let j = Math.max(1, i - k); j <= Math.min(n, i + k); j++) {
      const ai = a.charCodeAt(i - 1);
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > k) return Infinity;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] <= k ? prev[n] : Infinity;
}

const closest = new Map<string, SectionDef | null>();

/** The section a misspelt heading most likely means: within one edit per five letters. */
export function closestSection(heading: string): SectionDef | undefined {
  const key = compact(bareHeading(heading));
  if (key.length < 4 || key.length > 48) return undefined;
  let hit = closest.get(key);
  if (hit === undefined) {
    const limit = Math.max(1, Math.floor(key.length / 5));
    let best: SectionDef | null = null;
    let bestDistance = Infinity;
    for (const s of SPELLINGS) {
      const d = boundedDistance(key, s.key, Math.min(limit, bestDistance - 1));
      if (d < bestDistance) {
        best = s.def;
        bestDistance = d;
      }
    }
    if (closest.size > 1000) closest.clear();
    closest.set(key, (hit = best));
  }
  return hit ?? undefined;
}

/**
 * A level-2 heading that is not a section Impact Notes knows but is a near miss of one
 * ("## Benfits", "## Mitigatons"): its content goes unchecked and the real section is reported
 * missing. Headings that resemble no section are your own and are left alone.
 */
export const unknownSection = defineImpactRule({
  meta: {
    name: 'unknown-section',
    description: 'A heading looks like a misspelt IMPACT.md section, so the section it means is not recognised.',
    defaultSeverity: 'info',
    fixable: false,
    suggestions: true,
    source: 'Sections follow Ovadya & Whittlestone 2019, §2–§3',
  },
  check(ctx) {
    const doc = ctx.impact;
    for (const section of doc.sections) {
      if (section.id) continue;
      const def = closestSection(section.heading.text);
      if (!def) continue;
      const present = doc.byId.has(def.id);
      // Rename only the name: keep numbering and a trailing parenthetical.
      const { start, end } = section.heading.range;
      const bare = bareHeading(section.heading.text);
      const at = doc.source.text.slice(start, end).indexOf(bare);
      const range = at >= 0 ? { start: start + at, end: start + at + bare.length } : { start, end };
      ctx.report({
        message: present
          ? `'${section.heading.text}' is not a section Impact Notes knows; it looks like '${def.title}', which appears elsewhere.`
          : `'${section.heading.text}' is not a section Impact Notes knows: did you mean '${def.title}'? Until it is renamed, its content is not checked.`,
        file: 'impact',
        range: section.heading.range,
        suggestions: [{ title: `Rename the heading to '${def.title}'`, edits: [{ file: 'impact', range, newText: def.title }] }],
        data: { section: def.id },
      });
    }
  },
});
