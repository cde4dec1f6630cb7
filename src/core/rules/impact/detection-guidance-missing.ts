import { SECTIONS, SYNTHETIC_MEDIA_MODALITIES } from '../../taxonomy';
import type { Rule } from '../../types';
import { detectModalities, insertSectionEdit, sectionPlaceholder } from '../helpers';
import { appendParagraphEdit } from './lib/edits';
import { sectionWords } from './lib/structure';
import { anchorRange } from './missing-section';

const DEF = SECTIONS.find((s) => s.id === 'detection-guidance')!;

/**
 * Work on synthetic media should tell people how its output can be recognised (CACM, "education
 * and media literacy"). Applies when release.yaml's `modality` or the Capability section's
 * `Modality:` names text, image, audio, video or multimodal output.
 */
export const detectionGuidanceMissing: Rule = {
  meta: {
    name: 'detection-guidance-missing',
    description: 'Synthetic-media work has no Detection guidance section, or the section is empty or only a placeholder.',
    scope: 'impact',
    defaultSeverity: 'warning',
    fixable: true,
    source: 'CACM, What To Do About Deepfakes (education and media literacy); SPEC §2',
  },
  check(ctx) {
    const doc = ctx.impact!;
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
        data: { section: DEF.id },
      });
      return;
    }
    const { words, blank, first } = sectionWords(doc, section, 1);
    if (words > 0) return;
    ctx.report({
      message: blank
        ? `The ${DEF.title} section is empty: ${DEF.prompt}`
        : `The ${DEF.title} section holds only a placeholder: ${DEF.prompt}`,
      file: 'impact',
      range: blank || !first ? section.heading.range : first,
      // An empty section gets the prompt; a placeholder is already a prompt (placeholder-text reports it).
      fix: blank ? { title: `Put the prompt into '${DEF.title}'`, edits: [appendParagraphEdit(doc, section, sectionPlaceholder(DEF))] } : undefined,
      data: { section: DEF.id },
    });
  },
};
