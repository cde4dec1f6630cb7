import { SECTIONS, type SectionDef } from '../../taxonomy';
import type { Rule } from '../../types';
import { editDistance } from '../../util/suggest';

interface Spelling {
  key: string;
  def: SectionDef;
}

/** Every heading the taxonomy knows, in compact form (lower case, letters and digits only). */
const SPELLINGS: readonly Spelling[] = SECTIONS.flatMap((def) => [def.title, ...def.aliases].map((s) => ({ key: compact(s), def })));

function compact(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Leading numbering ("3.", "III.", "(a)") and a trailing parenthetical are not part of the name. */
function bareHeading(text: string): string {
  return text
    .trim()
    .replace(/^(?:§\s*)?(?:\(?\d+(?:\.\d+)*[.):]?|\(?[ivxlc]+[.)]|\(?[a-z][.)])\s+/i, '')
    .replace(/\s*\([^()]*\)\s*$/, '');
}

/** The section a misspelt heading most likely means: within one edit per five letters. */
export function closestSection(heading: string): SectionDef | undefined {
  const key = compact(bareHeading(heading));
  if (key.length < 4 || key.length > 48) return undefined;
  const limit = Math.max(1, Math.floor(key.length / 5));
  let best: SectionDef | undefined;
  let bestDistance = Infinity;
  for (const s of SPELLINGS) {
    if (Math.abs(s.key.length - key.length) > limit) continue;
    const d = editDistance(key, s.key);
    if (d <= limit && d < bestDistance) {
      best = s.def;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A level-2 heading that is not a section Impact Notes knows but is a near miss of one
 * ("## Benfits", "## Mitigatons"): its content goes unchecked and the real section is reported
 * missing. Headings that resemble no section are your own and are left alone.
 */
export const unknownSection: Rule = {
  meta: {
    name: 'unknown-section',
    description: 'A heading looks like a misspelt IMPACT.md section, so the section it means is not recognised.',
    scope: 'impact',
    defaultSeverity: 'info',
    fixable: false,
    source: 'SPEC §2',
  },
  check(ctx) {
    const doc = ctx.impact!;
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
};
