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
import type { ImpactDoc } from './impact/impact-doc';
import type { ReleaseDoc } from './release/release-doc';
import { assessment } from './assessment/assessment-model';
import { APPLIES_ANSWERS, HAZARD_TYPES, PATH_TO_HARM, SECTIONS, type Term } from './taxonomy';
import type { OffsetRange } from './source-text';

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

/** Reads "yes", "**No** — because", "unsure." as an Applies value (the taxonomy's one vocabulary). */
export function parseApplies(value: string | undefined): Applies | undefined {
  if (!value) return undefined;
  const word = /^[\s*_`]*([A-Za-z]+(?: sure| part)?)/.exec(value)?.[1]?.toLowerCase();
  return word ? APPLIES_ANSWERS[word] ?? APPLIES_ANSWERS[word.split(' ')[0]] : undefined;
}

/** The answer for one hazard type, as the assessment model reads it. */
export function hazardAnswer(impact: ImpactDoc | undefined, term: Term, release?: ReleaseDoc): HazardAnswer {
  const q = assessment(impact, release).hazards.find((h) => h.term.id === term.id)!;
  return {
    term,
    found: q.found,
    applies: q.applies,
    appliesText: q.applies ? undefined : q.state === 'invalid' ? q.valueText : undefined,
    rationale: q.text,
    range: q.range,
  };
}

/** The answer for one path-to-harm factor, as the assessment model reads it. */
export function factorAnswer(impact: ImpactDoc | undefined, term: Term, release?: ReleaseDoc): FactorAnswer {
  const q = assessment(impact, release).factors.find((f) => f.term.id === term.id)!;
  return { term, found: q.found, rating: q.rating, ratingText: q.state === 'prompt' ? undefined : q.valueText, reasoning: q.text, range: q.range };
}

/** The access-ratchet position, as the assessment model reads it. */
export function ratchetAnswer(impact: ImpactDoc | undefined, release?: ReleaseDoc): RatchetAnswer {
  const q = assessment(impact, release).ratchet;
  if (!impact?.byId.get('access-ratchet')) return { found: false };
  const found = q.state !== 'missing' || q.range !== impact.byId.get('access-ratchet')!.heading.range;
  return { found, position: q.position, positionText: q.state === 'prompt' || q.state === 'missing' ? undefined : q.valueText, range: q.range };
}

// ---------------------------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------------------------

/** Whether detection guidance is required: a synthetic-media modality is declared in either file. */
export function needsDetectionGuidance(impact: ImpactDoc | undefined, release: ReleaseDoc | undefined): boolean {
  return assessment(impact, release).syntheticMedia;
}

const KIND: Record<string, CompletenessKind> = { section: 'section', hazard: 'hazard', factor: 'factor', ratchet: 'ratchet' };

/** Completeness of an assessment: the model's counted questions; with no IMPACT.md every item is missing. */
export function assessCompleteness(impact: ImpactDoc | undefined, release?: ReleaseDoc): Completeness {
  const a = assessment(impact, release);
  const items: CompletenessItem[] = a.questions
    .filter((q) => q.counted)
    .map((q) => ({ id: q.id === 'ratchet' ? 'ratchet' : q.id, kind: KIND[q.kind], label: q.label, done: q.state === 'answered', missing: q.state === 'answered' ? undefined : q.missing, range: q.range }));
  return { done: a.done, total: a.total, items };
}
