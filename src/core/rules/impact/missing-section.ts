import { SECTIONS, type SectionDef } from '../../taxonomy';
import { assessment } from '../../assessment/assessment-model';
import { appendParagraphEdit } from './lib/edits';
import { trimmed } from './hazard-unassessed';
import type { ImpactDoc } from '../../impact/impact-doc';
import { defineImpactRule } from '../define';
import { insertSectionEdit, sectionPlaceholder } from '../helpers';

/** Required sections of IMPACT.md (SPEC §2), each inserted in canonical order by the fix. */
export const missingSection = defineImpactRule({
  meta: {
    name: 'missing-section',
    description: "IMPACT.md lacks a required section (Summary, Benefits, Hazards, Path to harm, …), or the section is empty or still holds only the template's prompt.",
    defaultSeverity: 'error',
    fixable: true,
    source: 'Sections follow Ovadya & Whittlestone 2019, §2–§3, and CACM, What To Do About Deepfakes (who is harmed, detection)',
  },
  check(ctx) {
    const doc = ctx.impact;
    const model = assessment(doc, ctx.release);
    const synthetic = model.syntheticMedia;
    for (const def of SECTIONS) {
      // detection-guidance has its own rule with a more specific message.
      if (!isRequired(def, synthetic) || def.id === 'detection-guidance') continue;
      const section = doc.byId.get(def.id);
      if (section) {
        const q = model.byId.get(`section:${def.id}`);
        if (!q || (q.state !== 'prompt' && q.state !== 'missing')) continue;
        const empty = q.state === 'missing';
        ctx.report({
          message: empty ? `${def.title}: the section is empty. ${def.prompt}` : `${def.title}: the template's prompt is still here. ${def.prompt}`,
          file: 'impact',
          range: empty ? section.heading.range : trimmed(doc, q.range ?? section.heading.range),
          // An empty section gets the prompt (structure); a prompt is never replaced by a fix.
          fix: empty ? { title: `Put the prompt into '${def.title}'`, edits: [appendParagraphEdit(doc, section, sectionPlaceholder(def))] } : undefined,
          data: { section: def.id, question: q.id },
        });
        continue;
      }
      // The structured sections get their heading only: the hazard, factor and position rules add
      // their entries (with prompts) under it, as the scaffold lays them out.
      const edit = insertSectionEdit(doc, def, STRUCTURED.has(def.id) ? '' : undefined);
      ctx.report({
        message: `Missing section '## ${def.title}'. ${def.prompt}`,
        file: 'impact',
        range: anchorRange(doc),
        fix: { title: `Add the '${def.title}' section`, edits: [edit] },
        data: { section: def.id, question: `section:${def.id}` },
      });
    }
  },
});

const STRUCTURED = new Set(['hazards', 'path-to-harm', 'access-ratchet']);

function isRequired(def: SectionDef, synthetic: boolean): boolean {
  return def.required === true || (def.required === 'synthetic-media' && synthetic);
}

/** Document-level findings sit on the title, or on the first line. */
export function anchorRange(doc: ImpactDoc) {
  if (doc.title) return doc.title.range;
  return { start: 0, end: doc.source.lineEnd(0) };
}
