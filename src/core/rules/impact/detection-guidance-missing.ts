import { SECTIONS, SYNTHETIC_MEDIA_MODALITIES } from '../../taxonomy';
import { defineImpactRule } from '../define';
import { detectModalities, insertSectionEdit, sectionPlaceholder } from '../helpers';
import { appendParagraphEdit } from './lib/edits';
import { assessment } from '../../assessment/assessment-model';
import { trimmed } from './hazard-unassessed';
import { anchorRange } from './missing-section';

const DEF = SECTIONS.find((s) => s.id === 'detection-guidance')!;

/**
 * Work on synthetic media should tell people how its output can be recognised (CACM, "education
 * and media literacy"). Applies when release.yaml's `modality` or the Capability section's
 * `Modality:` names text, image, audio, video or multimodal output.
 */
export const detectionGuidanceMissing = defineImpactRule({
  meta: {
    name: 'detection-guidance-missing',
    description: "Synthetic-media work has no Detection guidance section, or the section is empty or still holds only the template's prompt.",
    defaultSeverity: 'error',
    fixable: true,
    source: 'CACM, What To Do About Deepfakes (education and media literacy)',
  },
  check(ctx) {
    const doc = ctx.impact;
    const modalities = detectModalities(doc, ctx.release).filter((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m));
    if (!modalities.length) return;
    const media = modalities.join(', ');
    const section = doc.byId.get('detection-guidance');
    if (!section) {
      ctx.report({
        message: `This work produces synthetic media (${media}) but IMPACT.md has no '## ${DEF.title}' section: ${DEF.prompt}`,
        file: 'impact',
        range: anchorRange(doc),
        fix: { title: `Add the '${DEF.title}' section`, edits: [insertSectionEdit(doc, DEF)] },
        data: { section: DEF.id, question: `section:${DEF.id}` },
      });
      return;
    }
    const q = assessment(doc, ctx.release).byId.get(`section:${DEF.id}`);
    if (!q || (q.state !== 'prompt' && q.state !== 'missing')) return;
    const blank = q.state === 'missing';
    ctx.report({
      message: blank
        ? `${DEF.title}: the section is empty, but this work produces synthetic media (${media}). ${DEF.prompt}`
        : `${DEF.title}: the template's prompt is still here, but this work produces synthetic media (${media}). ${DEF.prompt}`,
      file: 'impact',
      range: blank || !q.range ? section.heading.range : trimmed(doc, q.range),
      // An empty section gets the prompt (structure); a prompt is never replaced by a fix.
      fix: blank ? { title: `Put the prompt into '${DEF.title}'`, edits: [appendParagraphEdit(doc, section, sectionPlaceholder(DEF))] } : undefined,
      data: { section: DEF.id, question: q.id },
    });
  },
});
