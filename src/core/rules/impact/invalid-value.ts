import type { ImpactDoc, Marker } from '../../impact/impact-doc';
import type { OffsetRange } from '../../source-text';
import type { Fix } from '../../types';
import { defineImpactRule } from '../define';
import { factorEntries, hazardEntries, isRatedMarker, positionMarker, readPosition, RATING_KEYS } from './lib/structure';
import { APPLIES_VOCABULARY, listOr, POSITION_VOCABULARY, RATING_VOCABULARY, readLead, type Lead, type Vocabulary } from './lib/values';

/**
 * Values from a fixed scale: path-to-harm and indirect-harm ratings (SPEC §1), hazard `Applies:`
 * answers, and the access-ratchet position (Ovadya & Whittlestone 2019, §2.3). A close misspelling
 * gets a did-you-mean suggestion; prose without any rating in front is factor-unrated's to report.
 */
export const invalidValue = defineImpactRule({
  meta: {
    name: 'invalid-value',
    description: 'A rating, Applies answer or access-ratchet position is not one of the known values.',
    defaultSeverity: 'error',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §2.1–§2.3 (hazards, path-to-harm factors, access ratchet)',
  },
  check(ctx) {
    const doc = ctx.impact;
    const report = (what: string, lead: Lead, vocab: Vocabulary, marker: Marker) => {
      if (lead.state !== 'filled' || lead.value) return;
      const token = lead.token;
      const range = token?.range ?? firstLine(doc, lead.rest!.range);
      const written = token?.text ?? doc.source.text.slice(range.start, range.end);
      const mean = lead.suggestion ? ` Did you mean '${lead.suggestion}'?` : '';
      const message = token
        ? `'${clip(written)}' is not ${vocab.noun} for ${what}: use ${listOr(vocab.values)}.${mean}`
        : `${capital(what)} should start with one of ${listOr(vocab.values)}.`;
      const options = lead.suggestion ? [lead.suggestion] : vocab.values;
      const suggestions: Fix[] = options.map((v) =>
        token
          ? { title: `Change '${clip(written)}' to '${v}'`, edits: [{ file: 'impact', range: token.range, newText: v }] }
          : { title: `Start with '${v}'`, edits: [{ file: 'impact', range: { start: range.start, end: range.start }, newText: `${v} — ` }] },
      );
      ctx.report({ message, file: 'impact', range, suggestions, data: { key: marker.keyId } });
    };

    for (const e of hazardEntries(doc) ?? []) {
      const m = e.applies ?? e.compact;
      if (m && e.appliesLead) report(e.applies ? `'Applies' (${e.sub!.heading.text})` : `'${m.key}'`, e.appliesLead, APPLIES_VOCABULARY, m);
    }

    const seen = new Set<Marker>();
    for (const e of factorEntries(doc) ?? []) {
      const m = e.marker ?? e.ratingMarker;
      if (!m || !e.lead) continue;
      seen.add(m);
      // Prose with no rating in front of an inline factor is factor-unrated's finding.
      if (e.marker && !e.lead.attempted) continue;
      report(`'${e.marker ? m.key : e.sub!.heading.text}'`, e.lead, RATING_VOCABULARY, m);
    }

    for (const section of doc.sections) {
      if (section.id === 'access-ratchet' && section === doc.byId.get('access-ratchet')) {
        const m = positionMarker(section);
        if (m) report(`'${m.key}'`, readPosition(doc, m), POSITION_VOCABULARY, m);
      }
      if (section.id !== 'indirect-harms' && !section.allMarkers.some((m) => RATING_KEYS.includes(m.keyId))) continue;
      for (const m of section.allMarkers) {
        if (seen.has(m)) continue;
        const rated = section.id === 'indirect-harms' ? isRatedMarker(section, m) : m.keyId === 'rating';
        if (!rated) continue;
        const lead = readLead(doc.source, m.valueRange, RATING_VOCABULARY);
        if (section.id === 'indirect-harms' && !lead.attempted) continue; // prose is fine here
        report(`'${m.key}'`, lead, RATING_VOCABULARY, m);
      }
    }
  },
});

function firstLine(doc: ImpactDoc, r: OffsetRange): OffsetRange {
  const line = doc.source.positionAt(r.start).line;
  return { start: r.start, end: Math.min(r.end, doc.source.lineEnd(line)) };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function capital(s: string): string {
  return s.charAt(0) === "'" ? s : s.charAt(0).toUpperCase() + s.slice(1);
}
