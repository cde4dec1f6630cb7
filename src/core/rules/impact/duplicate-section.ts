import { SECTIONS } from '../../taxonomy';
import { defineImpactRule } from '../define';

/**
 * The same section twice (`## Benefits` and, further down, `## Potential benefits`). The rules,
 * the completeness count and the tree view read only the first, so the second is easy to lose.
 */
export const duplicateSection = defineImpactRule({
  meta: {
    name: 'duplicate-section',
    description: 'The same IMPACT.md section appears twice; only the first is read.',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Sections follow Ovadya & Whittlestone 2019, §2–§3',
  },
  check(ctx) {
    const doc = ctx.impact;
    for (const section of doc.sections) {
      if (!section.id) continue;
      const first = doc.byId.get(section.id);
      if (!first || first === section) continue;
      const title = SECTIONS.find((s) => s.id === section.id)!.title;
      ctx.report({
        message: `'${section.heading.text}' repeats the ${title} section of line ${first.heading.line + 1}: merge the two, since only the first is read.`,
        file: 'impact',
        range: section.heading.range,
        data: { section: section.id, firstLine: first.heading.line + 1 },
      });
    }
  },
});
