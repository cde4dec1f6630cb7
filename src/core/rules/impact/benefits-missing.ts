import { defineImpactRule } from '../define';
import { assessment } from '../../assessment/assessment-model';
import { sectionWords } from './lib/structure';

/**
 * The Benefits section exists but says (almost) nothing. Weighing a release needs the benefits
 * as much as the risks (Ovadya & Whittlestone 2019, §3; CACM on reaping the positive uses).
 * A missing section is missing-section's finding.
 */
export const benefitsMissing = defineImpactRule({
  meta: {
    name: 'benefits-missing',
    description: 'The Benefits section is too short to say who gains and how (an empty or unanswered section is missing-section\'s).',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      minWords: { type: 'number', default: 5, description: 'Fewest words (placeholders not counted) the Benefits section must have.' },
    },
    source: 'Ovadya & Whittlestone 2019, §3; CACM, What To Do About Deepfakes',
  },
  check(ctx) {
    const doc = ctx.impact;
    const section = doc.byId.get('benefits');
    if (!section) return;
    const min = Number(ctx.options.minWords ?? 5);
    // Empty, or only the template's prompt: missing-section reports the unanswered question.
    const q = assessment(doc, ctx.release).byId.get('section:benefits');
    if (!q || q.state === 'prompt' || q.state === 'missing') return;
    const { words, blank, first } = sectionWords(doc, section, min);
    if (words >= min) return;
    const message =
      words === 0
        ? blank
          ? `The Benefits section is empty: say who gains from this work and how, and how confident you are of it.`
          : `The Benefits section holds only a placeholder: say who gains from this work and how, and how confident you are of it.`
        : `The Benefits section is very short (${words} word${words === 1 ? '' : 's'}): name the uses, users or research it helps, and how confident you are of it.`;
    // A placeholder-only section is reported on its placeholder, where the author will write.
    const range = words === 0 && !blank && first ? first : section.heading.range;
    ctx.report({ message, file: 'impact', range, data: { words } });
  },
});
