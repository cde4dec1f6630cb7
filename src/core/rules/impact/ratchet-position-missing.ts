import { RATCHET_POSITIONS } from '../../taxonomy';
import { defineImpactRule } from '../define';
import { assessment } from '../../assessment/assessment-model';
import { trimmed } from './hazard-unassessed';
import { fillValueEdit, insertAfterHeadingEdit } from './lib/edits';
import { positionMarker, readPosition, todo } from './lib/structure';
import { listOr } from './lib/values';

/** The scaffold's prompt for the position (the same words, so a fixed file looks scaffolded). */
const PROMPT = todo(`choose one of ${listOr(RATCHET_POSITIONS.map((t) => t.id))}`);
/** "Position: attention" written as a paragraph instead of a list item still counts. */
const PROSE_POSITION_RE = /^\s*(?:current\s+)?(?:position|stage)\s*:/i;

/**
 * The Access ratchet section says where the capability sits today (Ovadya & Whittlestone 2019,
 * §2.3): no known interest, attention, weaponized or sustained use.
 */
export const ratchetPositionMissing = defineImpactRule({
  meta: {
    name: 'ratchet-position-missing',
    description: "The Access ratchet section does not state the capability's current position.",
    defaultSeverity: 'error',
    fixable: true,
    source: 'Ovadya & Whittlestone 2019, §2.3',
  },
  check(ctx) {
    const doc = ctx.impact;
    const section = doc.byId.get('access-ratchet');
    if (!section) return; // missing-section reports it
    const m = positionMarker(section);
    const q = assessment(doc, ctx.release).ratchet;
    if (q.state === 'prompt' && m) {
      ctx.report({
        message: `Access ratchet: the position is not given yet: the template's prompt is still here. Where does the capability sit today: ${listOr(RATCHET_POSITIONS.map((t) => t.id))}, and what evidence puts it there?`,
        file: 'impact',
        range: trimmed(doc, m.valueRange),
        data: { question: q.id },
      });
      return;
    }
    if (m) {
      if (readPosition(doc, m).state !== 'empty') return; // unknown values are invalid-value's
      ctx.report({
        message: `'${m.key}' is empty: write where the capability sits on the access ratchet (${listOr(RATCHET_POSITIONS.map((t) => t.id))}).`,
        file: 'impact',
        range: m.keyRange,
        fix: { title: `Put a prompt into '${m.key}'`, edits: [fillValueEdit(doc, m, PROMPT)] },
      });
      return;
    }
    if (section.allProse.some((p) => PROSE_POSITION_RE.test(p.text))) return;
    ctx.report({
      message: `The Access ratchet section has no position: add '- **Position:**' with ${listOr(RATCHET_POSITIONS.map((t) => t.id))}, and the evidence for it.`,
      file: 'impact',
      range: section.heading.range,
      fix: { title: "Add a 'Position' line", edits: [insertAfterHeadingEdit(doc, section, [`- **Position:** ${PROMPT}`])] },
    });
  },
});
