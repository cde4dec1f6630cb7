/**
 * How complete an impact assessment is: the number of required items that have an answer. The tree
 * view (pair description), the CodeLens ("Assessment 9/21 complete") and the report all use this one
 * function, so they always agree.
 *
 * The items, in document order:
 * - every required section other than Hazards, Path to harm and Access ratchet: present and filled
 *   (some real text, and no placeholder such as TODO, TBD, a scaffold prompt or an empty marker left);
 *   Detection guidance counts only when the modality is synthetic media;
 * - every hazard type (§2.1): `Applies:` yes, no or unsure, and a rationale;
 * - every path-to-harm factor (§2.2): a rating from the scale, and the reasoning behind it;
 * - the access-ratchet position (§2.3): one of the four positions.
 * The three structured sections are counted through their items, not again as sections.
 *
 * Pure: reads the parsed documents only.
 */
import type { ImpactDoc, Marker, Part, Section } from './impact/model';
import type { ReleaseDoc } from './release/model';
import { detectModalities } from './rules/helpers';
import {
  findTerm,
  HAZARD_TYPES,
  PATH_TO_HARM,
  SECTIONS,
  SYNTHETIC_MEDIA_MODALITIES,
  type SectionDef,
  type Term,
} from './taxonomy';
import { APPLIES_WORDS } from './rules/impact/lib/values';
import type { OffsetRange } from './text';

export type CompletenessKind = 'section' | 'hazard' | 'factor' | 'ratchet';

export interface CompletenessItem {
  /** `section:benefits`, `hazard:product`, `factor:slottability`, `ratchet`. */
  id: string;
  kind: CompletenessKind;
  /** What the item is about, e.g. "Slottability". */
  label: string;
  done: boolean;
  /** When not done: what is missing, one short phrase ("no rating", "section missing"). */
  missing?: string;
  /** Where the answer is (or where it belongs), as offsets into IMPACT.md; undefined if nowhere. */
  range?: OffsetRange;
}

export interface Completeness {
  done: number;
  total: number;
  items: CompletenessItem[];
}

/** "9/21". */
export function completenessLabel(c: Completeness): string {
  return `${c.done}/${c.total}`;
}

const PLACEHOLDER_RE = /(?<![\p{L}\p{N}])(?:TODO|TBD|FIXME|XXX)(?![\p{L}\p{N}])|\[More Information Needed\]|\\answerTODO|^[\s_*.…-]*$/iu;

/** Whether a piece of text is empty or still a placeholder (TODO, TBD, a scaffold prompt). */
export function isPlaceholder(text: string | undefined): boolean {
  if (!text) return true;
  const t = text.trim();
  if (PLACEHOLDER_RE.test(t)) return true;
  const bare = t.replace(/^[_*\s]+|[_*\s]+$/g, '').toLowerCase();
  return PROMPTS.has(bare);
}

const PROMPTS = new Set<string>(
  [
    ...SECTIONS.map((s) => s.prompt),
    ...HAZARD_TYPES.map((t) => t.question ?? ''),
    ...PATH_TO_HARM.map((t) => t.question ?? ''),
  ]
    .filter(Boolean)
    .map((p) => p.toLowerCase()),
);

// ---------------------------------------------------------------------------------------------
// Answers, shared with the tree view
// ---------------------------------------------------------------------------------------------

export type Applies = 'yes' | 'no' | 'unsure';

export interface HazardAnswer {
  term: Term;
  /** The subsection (`### Product hazard`) or marker (`- **Product hazard:** yes`) found, if any. */
  found: boolean;
  applies?: Applies;
  /** The `Applies:` value as written, when it is not yes, no or unsure. */
  appliesText?: string;
  rationale?: string;
  /** Heading, marker or section heading to reveal. */
  range?: OffsetRange;
}

export interface FactorAnswer {
  term: Term;
  found: boolean;
  /** The rating term, when the value is on the scale. */
  rating?: Term;
  /** The rating as written. */
  ratingText?: string;
  reasoning?: string;
  range?: OffsetRange;
}

export interface RatchetAnswer {
  found: boolean;
  position?: Term;
  positionText?: string;
  range?: OffsetRange;
}

/** Reads "yes", "**No** — because", "unsure." as an Applies value (the words the Applies rule accepts). */
export function parseApplies(value: string | undefined): Applies | undefined {
  if (!value) return undefined;
  const word = /^[\s*_`]*([A-Za-z]+)/.exec(value)?.[1]?.toLowerCase();
  return word ? APPLIES_WORDS[word] : undefined;
}

function meaningful(parts: (string | undefined)[]): string | undefined {
  for (const p of parts) if (p && !isPlaceholder(p)) return p.trim();
  return undefined;
}

function marker(markers: readonly Marker[], ...keyIds: string[]): Marker | undefined {
  return markers.find((m) => keyIds.includes(m.keyId));
}

/** The answer for one hazard type, from a `### X hazard` subsection or a `- **X hazard:** …` marker. */
export function hazardAnswer(impact: ImpactDoc | undefined, term: Term): HazardAnswer {
  const section = impact?.byId.get('hazards');
  if (!section) return { term, found: false };
  const sub = section.subsections.find((s) => findTerm('hazard-type', s.heading.text)?.id === term.id);
  if (sub) {
    const applies = marker(sub.markers, 'applies', 'applies?', 'applicable', 'relevant');
    const rationale = marker(sub.markers, 'rationale', 'reason', 'reasoning', 'why', 'because', 'explanation');
    return {
      term,
      found: true,
      applies: parseApplies(applies?.value),
      appliesText: applies?.value.trim() || undefined,
      rationale: meaningful([rationale?.value, applies?.reasoning?.text, ...sub.prose.map((p) => p.text)]),
      range: sub.heading.range,
    };
  }
  const m = section.allMarkers.find((mk) => findTerm('hazard-type', mk.key)?.id === term.id);
  if (m) {
    return {
      term,
      found: true,
      applies: parseApplies(m.value),
      appliesText: m.value.trim() || undefined,
      rationale: meaningful([m.reasoning?.text]),
      range: m.keyRange,
    };
  }
  return { term, found: false, range: section.heading.range };
}

/** The answer for one path-to-harm factor: `- **Slottability:** high — reasoning`, or a `### Slottability` part. */
export function factorAnswer(impact: ImpactDoc | undefined, term: Term): FactorAnswer {
  const section = impact?.byId.get('path-to-harm');
  if (!section) return { term, found: false };
  const m = section.allMarkers.find((mk) => findTerm('path-to-harm', mk.key)?.id === term.id);
  if (m) {
    const ratingText = m.rating?.text;
    return {
      term,
      found: true,
      rating: ratingText ? findTerm('rating', ratingText) : undefined,
      ratingText: ratingText || undefined,
      reasoning: meaningful([m.reasoning?.text]),
      range: m.keyRange,
    };
  }
  const sub = section.subsections.find((s) => findTerm('path-to-harm', s.heading.text)?.id === term.id);
  if (sub) {
    const r = marker(sub.markers, 'rating', 'level', 'risk');
    const reason = marker(sub.markers, 'rationale', 'reason', 'reasoning', 'why', 'because', 'explanation');
    const ratingText = r?.rating?.text;
    return {
      term,
      found: true,
      rating: ratingText ? findTerm('rating', ratingText) : undefined,
      ratingText: ratingText || undefined,
      reasoning: meaningful([reason?.value, r?.reasoning?.text, ...sub.prose.map((p) => p.text)]),
      range: sub.heading.range,
    };
  }
  // Point at the stage heading when there is one, else at the section heading.
  const stageSub = section.subsections.find((s) => normaliseStage(s.heading.text) === term.stage);
  return { term, found: false, range: (stageSub ?? section).heading.range };
}

function normaliseStage(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\d().\s]+/, '')
    .trim()
    .replace(/\s+/g, '-');
}

const POSITION_KEYS = ['position', 'current-position', 'ratchet-position', 'access-ratchet', 'access-ratchet-position', 'current', 'stage'];

/** The access-ratchet position: `- **Position:** attention` in the Access ratchet section. */
export function ratchetAnswer(impact: ImpactDoc | undefined): RatchetAnswer {
  const section = impact?.byId.get('access-ratchet');
  if (!section) return { found: false };
  const m = marker(section.allMarkers, ...POSITION_KEYS);
  if (!m) return { found: false, range: section.heading.range };
  const text = m.rating?.text ?? m.value;
  const head = m.value.split(/\s+(?:—|–|--|-)\s+|[,;(]/)[0];
  if (isPlaceholder(m.value)) return { found: true, range: m.keyRange };
  const position = findTerm('ratchet-position', text) ?? findTerm('ratchet-position', head);
  return { found: true, position, positionText: m.value.trim(), range: m.keyRange };
}

// ---------------------------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------------------------

const STRUCTURED = new Set(['hazards', 'path-to-harm', 'access-ratchet']);

function blocks(part: Part): string[] {
  return [...part.prose.map((p) => p.text), ...part.markers.map((m) => m.value)];
}

/** Filled: some real text, and no placeholder (TODO, a scaffold prompt, an empty marker) left. */
function sectionFilled(section: Section): boolean {
  const all = [section, ...section.subsections].flatMap(blocks);
  return all.some((t) => !isPlaceholder(t)) && !all.some((t) => isPlaceholder(t));
}

/** Whether detection guidance is required: a synthetic-media modality is declared in either file. */
export function needsDetectionGuidance(impact: ImpactDoc | undefined, release: ReleaseDoc | undefined): boolean {
  return detectModalities(impact, release).some((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m));
}

export function requiredSections(impact: ImpactDoc | undefined, release: ReleaseDoc | undefined): SectionDef[] {
  const synthetic = needsDetectionGuidance(impact, release);
  return SECTIONS.filter((s) => s.required === true || (s.required === 'synthetic-media' && synthetic));
}

/** Completeness of an assessment; with no IMPACT.md every item is missing. */
export function assessCompleteness(impact: ImpactDoc | undefined, release?: ReleaseDoc): Completeness {
  const items: CompletenessItem[] = [];
  for (const def of requiredSections(impact, release)) {
    if (def.id === 'hazards') {
      for (const t of HAZARD_TYPES) {
        const a = hazardAnswer(impact, t);
        const missing = !a.found
          ? 'not assessed'
          : !a.applies
            ? 'no Applies: yes, no or unsure'
            : !a.rationale
              ? 'no rationale'
              : undefined;
        items.push({ id: `hazard:${t.id}`, kind: 'hazard', label: t.label, done: !missing, missing, range: a.range });
      }
      continue;
    }
    if (def.id === 'path-to-harm') {
      for (const t of PATH_TO_HARM) {
        const a = factorAnswer(impact, t);
        const missing = !a.found ? 'not rated' : !a.rating ? 'no rating on the scale' : !a.reasoning ? 'no reasoning' : undefined;
        items.push({ id: `factor:${t.id}`, kind: 'factor', label: t.label, done: !missing, missing, range: a.range });
      }
      continue;
    }
    if (def.id === 'access-ratchet') {
      const a = ratchetAnswer(impact);
      const missing = !a.positionText ? 'no position' : !a.position ? 'not one of the four positions' : undefined;
      items.push({ id: 'ratchet', kind: 'ratchet', label: 'Access ratchet position', done: !missing, missing, range: a.range });
      continue;
    }
    if (STRUCTURED.has(def.id)) continue;
    const section = impact?.byId.get(def.id);
    const missing = !section ? 'section missing' : !sectionFilled(section) ? 'section empty' : undefined;
    items.push({ id: `section:${def.id}`, kind: 'section', label: def.title, done: !missing, missing, range: section?.heading.range });
  }
  return { done: items.filter((i) => i.done).length, total: items.length, items };
}
