import { SECTIONS, SYNTHETIC_MEDIA_MODALITIES, type SectionDef } from '../../taxonomy';
import type { ImpactDoc } from '../../impact/model';
import type { Rule } from '../../types';
import { detectModalities, insertSectionEdit } from '../helpers';

/** Required sections of IMPACT.md (SPEC §2), each inserted in canonical order by the fix. */
export const missingSection: Rule = {
  meta: {
    name: 'missing-section',
    description: 'IMPACT.md lacks a required section (Summary, Benefits, Hazards, Path to harm, …).',
    scope: 'impact',
    defaultSeverity: 'error',
    fixable: true,
    source: 'SPEC §2; sections follow Ovadya & Whittlestone 2019, §2–§3',
  },
  check(ctx) {
    const doc = ctx.impact!;
    const synthetic = detectModalities(doc, ctx.release).some((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m));
    for (const def of SECTIONS) {
      if (!isRequired(def, synthetic) || doc.byId.has(def.id)) continue;
      // detection-guidance has its own rule with a more specific message.
      if (def.id === 'detection-guidance') continue;
      const edit = insertSectionEdit(doc, def);
      ctx.report({
        message: `Missing section '## ${def.title}'. ${def.prompt}`,
        file: 'impact',
        range: anchorRange(doc),
        fix: { title: `Add the '${def.title}' section`, edits: [edit] },
        data: { section: def.id },
      });
    }
  },
};

function isRequired(def: SectionDef, synthetic: boolean): boolean {
  return def.required === true || (def.required === 'synthetic-media' && synthetic);
}

/** Document-level findings sit on the title, or on the first line. */
export function anchorRange(doc: ImpactDoc) {
  if (doc.title) return doc.title.range;
  return { start: 0, end: doc.source.lineEnd(0) };
}
