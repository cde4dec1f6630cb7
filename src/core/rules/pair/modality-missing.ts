import { assessment } from '../../assessment/assessment-model';
import { MODALITIES } from '../../taxonomy';
import { definePairRule } from '../define';
import { insertAfterHeadingEdit } from '../impact/lib/edits';
import { todo } from '../impact/lib/structure';
import { trimmed } from '../impact/hazard-unassessed';
import { listOr } from '../impact/lib/values';

/** The checks that need to know whether the work is synthetic media; they are skipped without a modality. */
export const MODALITY_DEPENDENT_RULES = ['detection-guidance-missing', 'harmed-parties-missing', 'safeguard-status-missing'] as const;

const CHOICES = listOr(MODALITIES.map((t) => t.id));
const ASK = `Which media does this work produce or change: ${CHOICES}?`;
const SKIPPED = `Until one is declared, the synthetic-media checks (${MODALITY_DEPENDENT_RULES.join(', ')}) are skipped.`;
export const MODALITY_PROMPT = todo(`which media the method produces or alters: ${CHOICES}`);

/**
 * The modality decides which checks apply (synthetic media needs detection guidance, safeguards
 * and the people it could harm; Ovadya & Whittlestone 2019, §1 and §3.4). Declared in release.yaml's
 * `modality:` or on the Capability and modality section's `Modality:` line; a template prompt
 * declares nothing.
 */
export const modalityMissing = definePairRule({
  meta: {
    name: 'modality-missing',
    description: "Neither release.yaml's `modality:` nor IMPACT.md's `Modality:` line declares which media the work produces, so the synthetic-media checks cannot run.",
    defaultSeverity: 'error',
    fixable: true,
    source: 'Ovadya & Whittlestone 2019, §1 (synthetic media) and §3.4 (safeguards)',
  },
  check(ctx) {
    const doc = ctx.impact;
    if (!doc) return; // a plan with no assessment: assessment-missing reports it
    const q = assessment(doc, ctx.release).modality;
    if (q.state === 'answered') return;
    // A value in release.yaml that is no modality is schema-violation's; one in IMPACT.md is reported here.
    if (q.state === 'invalid' && q.file === 'release') return;
    const cap = doc.byId.get('capability');
    const marker = q.impactMarker;
    const data = { question: q.id, skipped: MODALITY_DEPENDENT_RULES.join(',') };
    if (q.state === 'invalid' && marker) {
      ctx.report({
        message: `Capability and modality: '${q.valueText}' names no modality. ${ASK} ${SKIPPED}`,
        file: 'impact',
        range: trimmed(doc, marker.valueRange),
        data,
      });
      return;
    }
    if (q.state === 'prompt' && marker) {
      ctx.report({
        message: `Capability and modality: the modality is not given yet: the template's prompt is still here. ${ASK} ${SKIPPED}`,
        file: 'impact',
        range: trimmed(doc, marker.valueRange),
        data,
      });
      return;
    }
    const where = "in release.yaml ('modality:') or in IMPACT.md ('- **Modality:**' under Capability and modality)";
    ctx.report({
      message: `No modality is declared ${where}. ${ASK} ${SKIPPED}`,
      file: 'impact',
      range: marker ? marker.keyRange : cap ? cap.heading.range : doc.title?.range ?? { start: 0, end: doc.source.lineEnd(0) },
      fix: cap && !marker ? { title: "Add a 'Modality' line", edits: [insertAfterHeadingEdit(doc, cap, [`- **Modality:** ${MODALITY_PROMPT}`])] } : undefined,
      data,
    });
  },
});
