import type { ImpactDoc, Marker, Section } from '../../impact/impact-doc';
import type { OffsetRange } from '../../source-text';
import { defineImpactRule } from '../define';
import { findDismissalsIn, type Region } from './lib/dismissal';
import { APPLIES_KEYS, factorEntries, hazardEntries, isRatedMarker, POSITION_KEYS, RATING_KEYS } from './lib/structure';
import { RATING_VOCABULARY, readLead } from './lib/values';

/**
 * Sections where a bare "N/A" or "none" answers a question about harm. Elsewhere (the review log,
 * a checklist mapping, disagreements) "none" can be a fair answer. Unrecognised sections such as
 * "Broader impact" or "Ethics statement" count as harm sections.
 */
const HARM_SECTIONS = new Set(['hazards', 'path-to-harm', 'access-ratchet', 'indirect-harms', 'harmed-parties', 'mitigations', 'detection-guidance']);
/** Marker keys whose values come from a fixed list, not prose. */
const ENUM_KEYS = new Set([...APPLIES_KEYS, ...POSITION_KEYS, ...RATING_KEYS, 'modality', 'modalities', 'status', 'date']);

/**
 * Sentences that wave the question of harm away without reasons: "We do not foresee any negative
 * societal impact", "This work poses no risk", "Not applicable, as this is a theoretical paper",
 * or a bare "N/A". CACM's column puts it plainly: uncertainty about future uses does not release
 * authors from trying to identify them.
 */
export const boilerplateDismissal = defineImpactRule({
  meta: {
    name: 'boilerplate-dismissal',
    description: 'A stock sentence dismisses harm without reasoning ("We do not foresee any negative societal impact", "N/A").',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'CACM, What To Do About Deepfakes (responsibility despite uncertain uses)',
  },
  check(ctx) {
    const doc = ctx.impact;
    const text = doc.source.text;
    // Rated markers: only the reasoning after the rating is prose.
    const rest = new Map<Marker, OffsetRange | null>();
    for (const e of factorEntries(doc) ?? []) if (e.marker && e.lead) rest.set(e.marker, e.lead.rest?.range ?? null);
    for (const e of hazardEntries(doc) ?? []) if (e.compact && e.appliesLead) rest.set(e.compact, e.appliesLead.rest?.range ?? null);

    const regions: Region[] = [];
    for (const section of doc.sections) {
      const bare = section.id === undefined || HARM_SECTIONS.has(section.id);
      for (const p of section.allProse) regions.push({ start: p.range.start, end: p.range.end, bare });
      for (const m of section.allMarkers) {
        if (ENUM_KEYS.has(m.keyId)) continue;
        const range = valueToRead(doc, section, m, rest);
        if (range && range.end > range.start) regions.push({ start: range.start, end: range.end, bare });
      }
    }
    regions.sort((x, y) => x.start - y.start);
    // A nested list item is also part of its parent marker's value: keep the outer region only.
    const disjoint: Region[] = [];
    for (const r of regions) if (!disjoint.length || r.start >= disjoint[disjoint.length - 1].end) disjoint.push(r);

    for (const d of findDismissalsIn(text, disjoint)) {
      const written = d.text.replace(/\s+/g, ' ');
      ctx.report({
        message: d.bare
          ? `'${written}' dismisses the question without reasons: say which harms you considered, and why you judge them absent or minor.`
          : 'This sentence dismisses harm without reasons: say which harms you considered (misuse, who is affected) and why you judge them unlikely or minor.',
        file: 'impact',
        range: { start: d.start, end: d.end },
      });
    }
  },
});

function valueToRead(doc: ImpactDoc, section: Section, m: Marker, rest: Map<Marker, OffsetRange | null>): OffsetRange | undefined {
  if (rest.has(m)) return rest.get(m) ?? undefined;
  if (isRatedMarker(section, m)) {
    const lead = readLead(doc.source, m.valueRange, RATING_VOCABULARY);
    return lead.attempted ? lead.rest?.range : m.valueRange;
  }
  return m.valueRange;
}
