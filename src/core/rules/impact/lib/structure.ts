/**
 * The structured parts of IMPACT.md as the rules read them: one entry per hazard type (§2.1) and
 * per path-to-harm factor (§2.2), with the exact ranges of what was written. Computed once per
 * parsed document and shared by every rule (a WeakMap keyed on the ImpactDoc).
 *
 * Layouts accepted, as the completeness count accepts them:
 *   hazards  `### Product hazard` + `- **Applies:** yes` + `- **Rationale:** …` (or prose), or a
 *            compact `- **Product hazard:** yes — why` line in the Hazards section;
 *   factors  `- **Slottability:** high — why` anywhere in Path to harm (with or without stage
 *            sub-headings), or a `### Slottability` part with `- **Rating:** high` and a rationale.
 */
import type { ImpactDoc, Marker, Part, Section, Subsection } from '../../../impact/impact-doc';
import { findStage, findTerm, HAZARD_TYPES, MARKER_KEYS, PATH_TO_HARM, type GroupId, type PathStage, type Term } from '../../../taxonomy';
import type { OffsetRange } from '../../../source-text';
import { isBlank, isPlaceholderOnly, maskComments, placeholderSpans, withoutPlaceholders } from './placeholders';
import { countWords } from '../../../util/letters';
import { APPLIES_VOCABULARY, POSITION_VOCABULARY, RATING_VOCABULARY, readLead, type Lead, type ValueState } from './values';

export const APPLIES_KEYS: readonly string[] = MARKER_KEYS.applies;
export const RATIONALE_KEYS: readonly string[] = MARKER_KEYS.rationale;
export const RATING_KEYS: readonly string[] = MARKER_KEYS.rating;
export const POSITION_KEYS: readonly string[] = MARKER_KEYS.position;

/** Free text with its state: missing (nothing written), empty, placeholder, or filled. */
export interface TextAnswer {
  state: ValueState | 'missing';
  text?: string;
  range?: OffsetRange;
  /** The marker that holds it, when it is a `- **Rationale:**` line. */
  marker?: Marker;
}

export interface HazardEntry {
  term: Term;
  sub?: Subsection;
  /** `- **Product hazard:** yes — why` in the section itself. */
  compact?: Marker;
  applies?: Marker;
  appliesLead?: Lead;
  rationale: TextAnswer;
}

export interface FactorEntry {
  term: Term;
  /** `- **Slottability:** high — why`. */
  marker?: Marker;
  /** `### Slottability` with a `- **Rating:**` line. */
  sub?: Subsection;
  ratingMarker?: Marker;
  lead?: Lead;
  reasoning: TextAnswer;
}

export interface Analysis {
  hazards?: HazardEntry[];
  factors?: FactorEntry[];
}

const cache = new WeakMap<ImpactDoc, Analysis>();

function analysis(doc: ImpactDoc): Analysis {
  let a = cache.get(doc);
  if (!a) cache.set(doc, (a = {}));
  return a;
}

/** Strips numbering ("2.", "(a)"), a trailing parenthetical and trailing punctuation from a heading or key. */
function stripDecoration(text: string): string {
  return text
    .trim()
    .replace(/^(?:§\s*)?(?:\(?\d+(?:\.\d+)*[.):]?|\(?[a-z][.)])\s+/i, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/[\s:;,.!?]+$/, '');
}

const termCache = new Map<string, Term | null>();

/**
 * A term of `group` named by a heading or marker key, tolerating numbering and a trailing
 * parenthetical. Memoised: the same keys come back on every lint of a file being edited.
 */
export function termNamed(group: GroupId, text: string): Term | undefined {
  if (text.length > 120) return undefined; // no term is named so long; keeps the lookup linear
  const key = `${group}\u0000${text}`;
  let hit = termCache.get(key);
  if (hit === undefined) {
    hit = findTerm(group, text) ?? findTerm(group, stripDecoration(text)) ?? null;
    if (termCache.size > 2000) termCache.clear();
    termCache.set(key, hit);
  }
  return hit ?? undefined;
}

export function stageNamed(text: string): PathStage | undefined {
  return findStage(text) ?? findStage(stripDecoration(text));
}

export function markerWithKey(markers: readonly Marker[], keys: readonly string[]): Marker | undefined {
  return markers.find((m) => keys.includes(m.keyId));
}

function textOf(doc: ImpactDoc, range: OffsetRange): string {
  return doc.source.text.slice(range.start, range.end);
}

/** The state of a free-text value or block. */
export function textState(raw: string): ValueState {
  if (isBlank(raw)) return 'empty';
  if (isPlaceholderOnly(raw)) return 'placeholder';
  return 'filled';
}

const RANK: Record<TextAnswer['state'], number> = { missing: 0, empty: 1, placeholder: 2, filled: 3 };

/**
 * The best of several candidate answers: filled beats placeholder beats empty beats missing, and
 * the first of equals wins. Candidates are read in order and only until one is filled.
 */
function best(candidates: Iterable<TextAnswer>): TextAnswer {
  let out: TextAnswer = { state: 'missing' };
  for (const c of candidates) {
    if (RANK[c.state] > RANK[out.state]) out = c;
    if (out.state === 'filled') break;
  }
  return out;
}

/** A marker's answer, the rest of a lead's line, then each paragraph of the part, lazily. */
function* answersIn(doc: ImpactDoc, marker: Marker | undefined, lead: Lead | undefined, part: Part): Generator<TextAnswer> {
  yield markerAnswer(doc, marker);
  yield leadRestAnswer(lead);
  for (const p of part.prose) {
    const raw = textOf(doc, p.range);
    yield { state: textState(raw), text: p.text, range: p.range };
  }
}

function markerAnswer(doc: ImpactDoc, m: Marker | undefined): TextAnswer {
  if (!m) return { state: 'missing' };
  const raw = textOf(doc, m.valueRange);
  return { state: textState(raw), text: maskComments(raw).trim(), range: m.valueRange, marker: m };
}

function leadRestAnswer(lead: Lead | undefined): TextAnswer {
  if (!lead || lead.state !== 'filled' || !lead.rest) return { state: 'missing' };
  return { state: textState(lead.rest.text), text: lead.rest.text, range: lead.rest.range };
}


/** One entry per hazard type, in taxonomy order; undefined when there is no Hazards section. */
export function hazardEntries(doc: ImpactDoc): HazardEntry[] | undefined {
  const a = analysis(doc);
  if (a.hazards) return a.hazards;
  const section = doc.byId.get('hazards');
  if (!section) return undefined;
  const subIds = section.subsections.map((s) => termNamed('hazard-type', s.heading.text)?.id);
  const markerIds = section.markers.map((m) => termNamed('hazard-type', m.key)?.id);
  a.hazards = HAZARD_TYPES.map((term) => {
    const sub = section.subsections[subIds.indexOf(term.id)];
    if (sub) {
      const applies = markerWithKey(sub.markers, APPLIES_KEYS);
      const rationaleMarker = markerWithKey(sub.markers, RATIONALE_KEYS);
      const appliesLead = applies ? readLead(doc.source, applies.valueRange, APPLIES_VOCABULARY) : undefined;
      const rationale = best(answersIn(doc, rationaleMarker, appliesLead, sub));
      return { term, sub, applies, appliesLead, rationale };
    }
    const compact = section.markers[markerIds.indexOf(term.id)];
    if (compact) {
      const appliesLead = readLead(doc.source, compact.valueRange, APPLIES_VOCABULARY);
      const rationale = appliesLead.state === 'placeholder' ? { state: 'placeholder' as const } : leadRestAnswer(appliesLead);
      return { term, compact, appliesLead, rationale };
    }
    return { term, rationale: { state: 'missing' } };
  });
  return a.hazards;
}

/** One entry per path-to-harm factor, in taxonomy order; undefined when there is no Path to harm section. */
export function factorEntries(doc: ImpactDoc): FactorEntry[] | undefined {
  const a = analysis(doc);
  if (a.factors) return a.factors;
  const section = doc.byId.get('path-to-harm');
  if (!section) return undefined;
  const markerIds = section.allMarkers.map((m) => termNamed('path-to-harm', m.key)?.id);
  const subIds = section.subsections.map((s) => termNamed('path-to-harm', s.heading.text)?.id);
  a.factors = PATH_TO_HARM.map((term) => {
    const marker = section.allMarkers[markerIds.indexOf(term.id)];
    if (marker) {
      const lead = readLead(doc.source, marker.valueRange, RATING_VOCABULARY);
      const reasoning: TextAnswer = lead.state === 'placeholder' ? { state: 'placeholder' } : lead.state === 'empty' ? { state: 'missing' } : leadRestAnswer(lead);
      return { term, marker, lead, reasoning };
    }
    const sub = section.subsections[subIds.indexOf(term.id)];
    if (sub) {
      const ratingMarker = markerWithKey(sub.markers, RATING_KEYS);
      const lead = ratingMarker ? readLead(doc.source, ratingMarker.valueRange, RATING_VOCABULARY) : undefined;
      const reasoning = best(answersIn(doc, markerWithKey(sub.markers, RATIONALE_KEYS), lead, sub));
      return { term, sub, ratingMarker, lead, reasoning };
    }
    return { term, reasoning: { state: 'missing' } };
  });
  return a.factors;
}

/** The access-ratchet position marker, if any. */
export function positionMarker(section: Section): Marker | undefined {
  return markerWithKey(section.allMarkers, POSITION_KEYS);
}

export function readPosition(doc: ImpactDoc, m: Marker): Lead {
  return readLead(doc.source, m.valueRange, POSITION_VOCABULARY);
}

/** Whether `m` is a path-to-harm factor or an indirect-harm line (rating — reasoning values). */
export function isRatedMarker(section: Section | undefined, m: Marker): boolean {
  if (section?.id === 'path-to-harm') return !!termNamed('path-to-harm', m.key) || RATING_KEYS.includes(m.keyId);
  if (section?.id === 'indirect-harms') return !!termNamed('indirect-harm', m.key);
  return m.keyId === 'rating';
}


/** A scaffold-style prompt: `_TODO: question_`, underscores inside escaped. */
export function todo(text: string): string {
  return `_TODO: ${text.replace(/_/g, '\\_')}_`;
}

/**
 * Words of a section's prose and marker values, placeholders and comments left out, counted up to
 * `limit`; `blank` when nothing at all is written, and `first`, the range of the first non-blank
 * block (or, when the section holds only placeholders, of its first placeholder's words).
 */
export function sectionWords(doc: ImpactDoc, section: Section, limit = Infinity): { words: number; blank: boolean; first?: OffsetRange } {
  let words = 0;
  let first: OffsetRange | undefined;
  const add = (range: OffsetRange) => {
    if (words >= limit && first) return;
    const raw = doc.source.text.slice(range.start, range.end);
    if (!first && !isBlank(raw)) first = range;
    if (words < limit) words += countWords(withoutPlaceholders(raw), limit - words);
  };
  for (const p of section.allProse) add(p.range);
  for (const m of section.allMarkers) add(m.valueRange);
  return { words, blank: !first, first: first && words === 0 ? promptRange(doc, first) : first };
}

/** The words of the first placeholder in a range, without its emphasis (`_TODO: …_` → `TODO: …`). */
function promptRange(doc: ImpactDoc, range: OffsetRange): OffsetRange {
  const span = placeholderSpans(doc.source.text.slice(range.start, range.end), range.start)[0];
  if (!span) return range;
  const lead = /^[*_]*/.exec(span.text)![0].length;
  const trail = /[*_]*$/.exec(span.text)![0].length;
  return span.end - trail > span.start + lead ? { start: span.start + lead, end: span.end - trail } : { start: span.start, end: span.end };
}
