/**
 * The assessment model: every question the taxonomy asks of a pair, read once from the parsed
 * IMPACT.md and release.yaml, each with its state, its value and where it is written. Rules,
 * completeness, the tree, the CodeLens, the status bar, the report, the exports, the guided
 * assessment and the pair rules all read this model; nothing else interprets the text of the
 * two files. Built once per parsed document (cached on the ImpactDoc / ReleaseDoc objects).
 *
 * Questions (Ovadya & Whittlestone 2019; Diakopoulos & Johnson, CACM):
 *   - each required section (SPEC §2) other than the three structured ones: Summary, Capability and
 *     modality, Benefits, Indirect harms, Who could be harmed, Mitigations, Detection guidance (for
 *     synthetic media), Release plan, Review log;
 *   - each hazard type (§2.1): does it apply, and why;
 *   - each path-to-harm factor (§2.2): its rating and the reasoning;
 *   - the access-ratchet position (§2.3);
 *   - the modality (§1), from release.yaml `modality:` or the Capability and modality section.
 * Indirect harms (§2.4) and the harmed parties (CACM) are also read entry by entry, for the report,
 * the guided assessment and the rule that asks for each party.
 *
 * States: 'answered' (a person wrote an answer), 'prompt' (only the template's prompt or another
 * placeholder is there), 'dismissed' (a stock dismissal such as "N/A" stands in for the answer),
 * 'invalid' (a value outside the vocabulary), 'missing' (nothing written, or no place for it).
 * Template prompts, in either file and in comments, are never read as answers or declarations.
 *
 * Pure: no file system, no clock.
 */
import type { ImpactDoc, Marker, Section } from '../impact/impact-doc';
import type { ReleaseDoc } from '../release/release-doc';
import { findDismissals, isBareDismissal } from '../rules/impact/lib/dismissal';
import { cutSpans, isBlank, isPlaceholderOnly, maskComments, placeholderSpans, withoutPlaceholders } from '../rules/impact/lib/placeholders';
import { countWords } from '../util/letters';
import {
  factorEntries,
  hazardEntries,
  markerWithKey,
  positionMarker,
  readPosition,
  termNamed,
  type TextAnswer,
} from '../rules/impact/lib/structure';
import {
  findTerm,
  HARMED_PARTIES,
  HAZARD_TYPES,
  INDIRECT_HARMS,
  MARKER_KEYS,
  PATH_TO_HARM,
  SECTIONS,
  SYNTHETIC_MEDIA_MODALITIES,
  type AppliesAnswer,
  type SectionDef,
  type Term,
} from '../taxonomy';
import type { OffsetRange } from '../source-text';
import { RATING_VOCABULARY, readLead } from '../rules/impact/lib/values';

export type QuestionState = 'answered' | 'prompt' | 'dismissed' | 'invalid' | 'missing';
export type QuestionKind = 'section' | 'hazard' | 'factor' | 'ratchet' | 'modality';

export interface Question {
  /** `section:benefits`, `hazard:data`, `factor:slottability`, `ratchet`, `modality`. */
  id: string;
  kind: QuestionKind;
  /** What the question is about: "Data hazard", "Slottability", "Benefits". */
  label: string;
  /** The IMPACT.md section it belongs to. */
  sectionId: string;
  sectionTitle: string;
  /** The question itself, as the template asks it. */
  ask: string;
  state: QuestionState;
  /** When not answered: what is missing, one short phrase ("no rating", "the template's prompt is still here"). */
  missing?: string;
  /** Canonical value: an Applies answer, a rating id, a ratchet position id, modality ids joined by ','. */
  value?: string;
  /** The value as written. */
  valueText?: string;
  /** Where the value is written (the answer word, the rating), when it is. */
  valueRange?: OffsetRange;
  /** The author's reasoning or answer text (only when a person wrote it). */
  text?: string;
  /** Where the answer is written, or where it belongs (a heading); offsets into `file`. */
  range?: OffsetRange;
  /**
   * The whole place of the answer (the section, the hazard's sub-section or line, the factor's
   * line): placeholders inside it belong to this question's finding, not to placeholder-text.
   */
  region?: OffsetRange;
  file: 'impact' | 'release';
  /** Counted in completeness ("Assessment 9/22 complete"). */
  counted: boolean;
}

export interface HazardQuestion extends Question {
  kind: 'hazard';
  term: Term;
  /** Whether the hazard has a sub-section or a line at all. */
  found: boolean;
  applies?: AppliesAnswer;
}

export interface FactorQuestion extends Question {
  kind: 'factor';
  term: Term;
  found: boolean;
  /** The rating term, when the value is on the scale. */
  rating?: Term;
}

/** One indirect harm (§2.4) or harmed party (CACM) entry: not a counted question, read for display. */
export interface Entry {
  term: Term;
  state: QuestionState;
  /** A rating for indirect harms, when one leads the value. */
  rating?: Term;
  text?: string;
  range?: OffsetRange;
}

export interface Assessment {
  /** Every question, in the order the template asks them. */
  questions: Question[];
  byId: ReadonlyMap<string, Question>;
  hazards: HazardQuestion[];
  factors: FactorQuestion[];
  ratchet: Question & { position?: Term; rationale?: string };
  modality: Question & {
    modalities: string[];
    from?: 'release' | 'impact';
    /** What each file declares on its own (for the rule that compares them). */
    fromPlan: string[];
    fromImpact: string[];
    /** The `Modality:` line in IMPACT.md, when there is one. */
    impactMarker?: Marker;
  };
  indirectHarms: Entry[];
  harmedParties: Entry[];
  /** Whether a synthetic-media modality is declared (Detection guidance is then required). */
  syntheticMedia: boolean;
  /** Completeness: counted questions answered / counted questions. */
  done: number;
  total: number;
}

/** The state of free text: nothing, only placeholders, a bare dismissal, or an answer. */
export function textAnswerState(raw: string | undefined): QuestionState {
  if (raw === undefined) return 'missing';
  const masked = maskComments(raw);
  if (isBlank(masked)) return 'missing';
  if (isPlaceholderOnly(masked)) return 'prompt';
  return dismissalState(masked);
}

/** For text already known to hold words of the author's: a stock dismissal, or an answer. */
function dismissalState(masked: string): QuestionState {
  const t = masked.trim();
  if (t.length <= 86 && isBareDismissal(t.replace(/[*_`]/g, '').trim())) return 'dismissed';
  // A stock dismissal is short and negative; longer or cue-free answers skip the sentence scan.
  if (masked.length <= 240 && DISMISSAL_CUE_RE.test(masked) && onlyDismissals(masked)) return 'dismissed';
  return 'answered';
}

const DISMISSAL_CUE_RE = /\b(?:no|not|none|nothing|n\/a|unlikely|negligible|minimal|little|limited|cannot|beyond|unaware|hard|difficult|impossible)\b|n['’]t\b/i;

/** Whether an answer says nothing beyond stock dismissals ("We do not foresee any harms."): fewer than four other words. */
function onlyDismissals(text: string): boolean {
  const found = findDismissals(text, { bare: true });
  if (!found.length) return false;
  return countWords(withoutPlaceholders(cutSpans(text, found)), 4) < 4;
}

function stateOfText(a: TextAnswer): QuestionState {
  if (a.state === 'missing' || a.state === 'empty') return 'missing';
  if (a.state === 'placeholder') return 'prompt';
  // 'filled': the structure reader already found words that are not placeholders.
  return a.text === undefined ? 'answered' : dismissalState(maskComments(a.text));
}

const PROMPT_MISSING = "the template's prompt is still here";

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const SECTION_BY_ID: ReadonlyMap<string, SectionDef> = new Map(SECTIONS.map((s) => [s.id, s]));

function sectionDef(id: string): SectionDef {
  return SECTION_BY_ID.get(id)!;
}

// ---------------------------------------------------------------------------------------------
// Modality
// ---------------------------------------------------------------------------------------------

function modalitiesFromPlan(release: ReleaseDoc | undefined): { ids: string[]; range?: OffsetRange; written?: string } {
  const v = release?.get(['modality']);
  if (v === undefined || v === null) return { ids: [] };
  const list = Array.isArray(v) ? v : [v];
  const ids: string[] = [];
  for (const x of list) {
    if (typeof x !== 'string' || isPlaceholderOnly(x)) continue;
    const t = findTerm('modality', x.trim());
    if (t && !ids.includes(t.id)) ids.push(t.id);
  }
  const range = release!.rangeOf(['modality'], 'value');
  return { ids, range, written: list.filter((x) => typeof x === 'string').join(', ') };
}

function modalityMarker(impact: ImpactDoc | undefined): Marker | undefined {
  const cap = impact?.byId.get('capability');
  return cap ? markerWithKey(cap.allMarkers, MARKER_KEYS.modality) : undefined;
}

/** Modality ids named by a marker value; nothing when the value is (or holds only) a template prompt. */
function modalitiesFromMarker(impact: ImpactDoc, m: Marker): string[] {
  const raw = maskComments(impact.source.text.slice(m.valueRange.start, m.valueRange.end));
  if (textAnswerState(raw) !== 'answered') return [];
  const ids: string[] = [];
  // What follows a dash or an opening parenthesis is explanation, not a modality.
  const head = withoutPlaceholders(raw).split(/\s[—–-]\s|[—–(]|\s--\s/)[0];
  for (const part of head.split(/[,;/+&]|\band\b|\bplus\b|\bor\b/i)) {
    const t = findTerm('modality', part.trim().replace(/[*_`.)]/g, ''));
    if (t && !ids.includes(t.id)) ids.push(t.id);
  }
  return ids;
}

function modalityQuestion(impact: ImpactDoc | undefined, release: ReleaseDoc | undefined): Assessment['modality'] {
  const base = {
    id: 'modality',
    kind: 'modality' as const,
    label: 'Modality',
    sectionId: 'capability',
    sectionTitle: sectionDef('capability').title,
    ask: 'Which media does this work produce or change: text, image, audio, video, multimodal or other?',
    counted: false,
  };
  const plan = modalitiesFromPlan(release);
  const m = modalityMarker(impact);
  const fromImpact = impact && m ? modalitiesFromMarker(impact, m) : [];
  const ids = [...plan.ids, ...fromImpact.filter((x) => !plan.ids.includes(x))];
  const sides = { fromPlan: plan.ids, fromImpact, impactMarker: m };
  if (ids.length) {
    const from = plan.ids.length ? ('release' as const) : ('impact' as const);
    return {
      ...base,
      state: 'answered',
      value: ids.join(','),
      valueText: from === 'release' ? plan.written : m?.value.trim(),
      modalities: ids,
      ...sides,
      from,
      file: from,
      range: from === 'release' ? plan.range : m?.valueRange,
    };
  }
  // Something written that names no modality is invalid; a prompt is a prompt; else missing.
  const planWritten = plan.written && !isPlaceholderOnly(plan.written) ? plan.written : undefined;
  const markerRaw = m && impact ? maskComments(impact.source.text.slice(m.valueRange.start, m.valueRange.end)) : undefined;
  const markerState = textAnswerState(markerRaw);
  if (planWritten) return { ...base, state: 'invalid', missing: `'${planWritten}' is not a modality`, valueText: planWritten, modalities: [], ...sides, file: 'release', range: plan.range };
  if (m && markerState === 'answered') return { ...base, state: 'invalid', missing: `'${m.value.trim()}' is not a modality`, valueText: m.value.trim(), modalities: [], ...sides, file: 'impact', range: m.valueRange };
  const prompt = (m && markerState === 'prompt') || (plan.written !== undefined && plan.written !== '');
  const cap = impact?.byId.get('capability');
  return {
    ...base,
    state: prompt ? 'prompt' : 'missing',
    missing: prompt ? PROMPT_MISSING : 'no modality declared',
    modalities: [],
    ...sides,
    file: m || !release ? 'impact' : 'release',
    range: m ? m.keyRange : cap ? cap.heading.range : undefined,
    region: m ? m.itemRange : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

/** The author's text in a section, without the modality line of Capability and modality. */
function sectionText(impact: ImpactDoc, section: Section): { raw: string; first?: OffsetRange } {
  const parts: string[] = [];
  let first: OffsetRange | undefined;
  const skip = new Set(section.id === 'capability' ? MARKER_KEYS.modality : []);
  const add = (r: OffsetRange) => {
    const t = impact.source.text.slice(r.start, r.end);
    if (!first && !isBlank(maskComments(t))) first = r;
    parts.push(t);
  };
  for (const p of section.allProse) add(p.range);
  for (const m of section.allMarkers) if (!skip.has(m.keyId)) add(m.valueRange);
  return { raw: parts.join('\n'), first };
}

function squash(text: string): string {
  return text.replace(/\\(?=[_*`\\[\]])/g, '').replace(/\s+/g, ' ').toLowerCase();
}

const promptHeads = new Map<string, RegExp>();

/** A cheap, linear test for the prompt's first words (most answers fail it; only then is the text squashed). */
function promptHead(prompt: string): RegExp {
  let re = promptHeads.get(prompt);
  if (!re) {
    const words = prompt.split(/\s+/).slice(0, 4).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`).replace(/_/g, '\\\\?_'));
    promptHeads.set(prompt, (re = new RegExp(words.join('\\s+'), 'i')));
  }
  return re;
}

/** Whether the scaffold's prompt for this question is still in the text (outside comments). */
function hasOwnPrompt(raw: string, prompt: string): boolean {
  if (!promptHead(prompt).test(raw)) return false;
  return squash(maskComments(raw)).includes(squash(prompt));
}

/** The state of a whole section's text (any section, required or not). */
const sectionStates = new WeakMap<Section, QuestionState>();

export function sectionState(impact: ImpactDoc, section: Section): QuestionState {
  let state = sectionStates.get(section);
  if (!state) sectionStates.set(section, (state = computeSectionState(impact, section)));
  return state;
}

function computeSectionState(impact: ImpactDoc, section: Section, raw = sectionText(impact, section).raw): QuestionState {
  const state = textAnswerState(raw);
  const def = section.id ? SECTION_BY_ID.get(section.id) : undefined;
  return def && state !== 'missing' && hasOwnPrompt(raw, def.prompt) ? 'prompt' : state;
}

/** What a question holds besides its identity; absent fields are left undefined. */
type Found = Partial<Pick<Question, 'missing' | 'value' | 'valueText' | 'valueRange' | 'text' | 'range' | 'region'>>;

// The questions are built as whole object literals of one shape (not spread from a base object):
// spreading a dozen fields into each question was a sizeable share of the model's cost.

function sectionQ(def: SectionDef, state: QuestionState, f: Found): Question {
  return {
    id: `section:${def.id}`, kind: 'section', label: def.title, sectionId: def.id, sectionTitle: def.title, ask: def.prompt, state,
    missing: f.missing, value: f.value, valueText: f.valueText, valueRange: f.valueRange, text: f.text, range: f.range, region: f.region,
    file: 'impact', counted: true,
  };
}

function hazardQ(t: Term, def: SectionDef, found: boolean, state: QuestionState, f: Found & { applies?: AppliesAnswer }): HazardQuestion {
  return {
    id: `hazard:${t.id}`, kind: 'hazard', label: t.label, sectionId: def.id, sectionTitle: def.title, ask: t.question ?? t.definition, state,
    missing: f.missing, value: f.value, valueText: f.valueText, valueRange: f.valueRange, text: f.text, range: f.range, region: f.region,
    file: 'impact', counted: true, term: t, found, applies: f.applies,
  };
}

function factorQ(t: Term, def: SectionDef, found: boolean, state: QuestionState, f: Found & { rating?: Term }): FactorQuestion {
  return {
    id: `factor:${t.id}`, kind: 'factor', label: t.label, sectionId: def.id, sectionTitle: def.title, ask: t.question ?? t.definition, state,
    missing: f.missing, value: f.value, valueText: f.valueText, valueRange: f.valueRange, text: f.text, range: f.range, region: f.region,
    file: 'impact', counted: true, term: t, found, rating: f.rating,
  };
}

function sectionQuestion(impact: ImpactDoc | undefined, def: SectionDef): Question {
  const section = impact?.byId.get(def.id);
  if (!impact || !section) return sectionQ(def, 'missing', { missing: 'section missing' });
  const { raw, first } = sectionText(impact, section);
  // The template's own prompt left in place means the question is still open, whatever else is written.
  let state = sectionStates.get(section);
  if (!state) sectionStates.set(section, (state = computeSectionState(impact, section, raw)));
  const missing = state === 'missing' ? 'section empty' : state === 'prompt' ? PROMPT_MISSING : state === 'dismissed' ? 'dismissed without reasons' : undefined;
  const prompt = state === 'prompt' ? placeholderSpans(impact.source.text.slice(section.range.start, section.range.end), section.range.start)[0] : undefined;
  const at = state === 'answered' ? section.heading.range : prompt ? { start: prompt.start, end: prompt.end } : first ?? section.heading.range;
  return sectionQ(def, state, { missing, range: at, region: section.range, text: state === 'answered' ? maskComments(raw).trim() : undefined });
}

// ---------------------------------------------------------------------------------------------
// Hazards and factors
// ---------------------------------------------------------------------------------------------

function hazardQuestions(impact: ImpactDoc | undefined): HazardQuestion[] {
  const def = sectionDef('hazards');
  const entries = impact ? hazardEntries(impact) : undefined;
  const section = impact?.byId.get('hazards');
  return (entries ?? []).length
    ? entries!.map((e) => {
        const t = e.term;
        if (!e.sub && !e.compact) return hazardQ(t, def, false, 'missing', { missing: 'not assessed', range: section?.heading.range });
        const range = e.sub ? e.sub.heading.range : e.compact!.keyRange;
        const region = e.sub ? e.sub.range : e.compact!.itemRange;
        const lead = e.appliesLead;
        const applies = lead?.value as AppliesAnswer | undefined;
        const valueText = lead?.token?.text;
        let state: QuestionState;
        let missing: string | undefined;
        const textState = stateOfText(e.rationale);
        if (!lead || lead.state === 'empty') [state, missing] = ['missing', "no answer to 'does it apply?'"];
        else if (lead.state === 'placeholder') [state, missing] = ['prompt', PROMPT_MISSING];
        // Written, but no answer from the vocabulary (invalid-value reports it, with what was written).
        else if (!applies) [state, missing] = ['invalid', `'${clip(lead.token?.text ?? lead.rest?.text ?? '')}' is not yes, no or unsure`];
        else {
          state = textState;
          missing = state === 'missing' ? 'no rationale' : state === 'prompt' ? PROMPT_MISSING : state === 'dismissed' ? 'dismissed without reasons' : undefined;
        }
        // The author's words, a stock dismissal included (it is theirs; boilerplate-dismissal judges it).
        const rationale = textState === 'answered' || textState === 'dismissed' ? e.rationale.text?.trim() : undefined;
        return hazardQ(t, def, true, state, { missing, applies, value: applies, valueText, valueRange: lead?.token?.range, text: rationale, range, region });
      })
    : HAZARD_TYPES.map((t) => hazardQ(t, def, false, 'missing', { missing: section ? 'not assessed' : 'section missing', range: section?.heading.range }));
}

function normaliseStage(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\d().\s]+/, '')
    .trim()
    .replace(/\s+/g, '-');
}

function factorQuestions(impact: ImpactDoc | undefined): FactorQuestion[] {
  const def = sectionDef('path-to-harm');
  const section = impact?.byId.get('path-to-harm');
  const entries = impact ? factorEntries(impact) : undefined;
  return PATH_TO_HARM.map((t, i) => {
    const e = entries?.[i];
    if (!section || !e || (!e.marker && !e.sub)) {
      const stageSub = section?.subsections.find((s) => normaliseStage(s.heading.text) === t.stage);
      return factorQ(t, def, false, 'missing', { missing: section ? 'not rated' : 'section missing', range: (stageSub ?? section)?.heading.range });
    }
    const range = e.marker ? e.marker.keyRange : e.sub!.heading.range;
    const region = e.marker ? e.marker.itemRange : e.sub!.range;
    const lead = e.lead;
    const rating = lead?.value ? findTerm('rating', lead.value) : undefined;
    let state: QuestionState;
    let missing: string | undefined;
    const textState = stateOfText(e.reasoning);
    if (!lead || lead.state === 'empty') [state, missing] = ['missing', 'no rating'];
    else if (lead.state === 'placeholder') [state, missing] = ['prompt', PROMPT_MISSING];
    else if (!rating) [state, missing] = lead.token ? ['invalid', `'${lead.token.text}' is not on the rating scale`] : ['missing', 'no rating'];
    else {
      state = textState;
      missing = state === 'missing' ? 'no reasoning' : state === 'prompt' ? PROMPT_MISSING : state === 'dismissed' ? 'dismissed without reasons' : undefined;
    }
    const reasoning = textState === 'answered' || textState === 'dismissed' ? e.reasoning.text?.trim() : undefined;
    return factorQ(t, def, true, state, { missing, rating, value: rating?.id, valueText: lead?.token?.text, valueRange: lead?.token?.range, text: reasoning, range, region });
  });
}

// ---------------------------------------------------------------------------------------------
// Access ratchet
// ---------------------------------------------------------------------------------------------

/** "Position: attention" written as a paragraph instead of a list item still counts. */
const PROSE_POSITION_RE = /^\s*(?:current\s+)?(?:position|stage)\s*:\s*/i;

function ratchetQ(def: SectionDef, state: QuestionState, f: Found & { position?: Term; rationale?: string }): Assessment['ratchet'] {
  return {
    id: 'ratchet', kind: 'ratchet', label: 'Access ratchet position', sectionId: def.id, sectionTitle: def.title,
    ask: 'Where does this capability sit on the access ratchet today: no-known-interest, attention, weaponized or sustained-use?', state,
    missing: f.missing, value: f.value, valueText: f.valueText, valueRange: f.valueRange, text: f.text, range: f.range, region: f.region,
    file: 'impact', counted: true, position: f.position, rationale: f.rationale,
  };
}

function ratchetQuestion(impact: ImpactDoc | undefined): Assessment['ratchet'] {
  const def = sectionDef('access-ratchet');
  const section = impact?.byId.get('access-ratchet');
  if (!impact || !section) return ratchetQ(def, 'missing', { missing: 'section missing' });
  const rationaleMarker = markerWithKey(section.allMarkers, MARKER_KEYS.rationale);
  const rationaleRaw = rationaleMarker ? impact.source.text.slice(rationaleMarker.valueRange.start, rationaleMarker.valueRange.end) : undefined;
  const rationale = textAnswerState(rationaleRaw) === 'answered' ? maskComments(rationaleRaw!).trim() : undefined;
  const m = positionMarker(section);
  if (!m) {
    const prose = section.allProse.find((p) => PROSE_POSITION_RE.test(p.text));
    if (prose) {
      const written = prose.text.replace(PROSE_POSITION_RE, '').trim();
      const head = written.split(/\s+(?:—|–|--|-)\s+|[,;(.]/)[0].trim();
      const position = findTerm('ratchet-position', head) ?? findTerm('ratchet-position', written);
      if (position) return ratchetQ(def, 'answered', { position, value: position.id, valueText: head, range: prose.range, rationale, text: rationale });
      return ratchetQ(def, 'invalid', { missing: `'${head}' is not one of the four positions`, valueText: head, range: prose.range, rationale });
    }
    return ratchetQ(def, 'missing', { missing: 'no position', range: section.heading.range, rationale });
  }
  const lead = readPosition(impact, m);
  if (lead.state === 'empty') return ratchetQ(def, 'missing', { missing: 'no position', range: m.keyRange, rationale });
  if (lead.state === 'placeholder') return ratchetQ(def, 'prompt', { missing: PROMPT_MISSING, range: m.keyRange, region: section.range, rationale });
  const position = lead.value ? findTerm('ratchet-position', lead.value) : undefined;
  if (!position) return ratchetQ(def, 'invalid', { missing: `'${lead.token?.text ?? m.value.trim()}' is not one of the four positions`, valueText: lead.token?.text ?? m.value.trim(), range: m.keyRange, rationale });
  return ratchetQ(def, 'answered', { position, value: position.id, valueText: lead.token?.text, range: m.keyRange, rationale, text: rationale ?? lead.rest?.text });
}

// ---------------------------------------------------------------------------------------------
// Indirect harms and harmed parties: entries read for display and for their rules
// ---------------------------------------------------------------------------------------------

function entries(impact: ImpactDoc | undefined, sectionId: string, group: 'indirect-harm' | 'harmed-party', terms: readonly Term[], rated: boolean): Entry[] {
  const section = impact?.byId.get(sectionId);
  // Each marker's term, looked up once (the first marker naming a term is its entry).
  const named = new Map<string, Marker>();
  if (section) for (const x of section.allMarkers) {
    const id = termNamed(group, x.key)?.id;
    if (id && !named.has(id)) named.set(id, x);
  }
  return terms.map((term) => {
    if (!impact || !section) return { term, state: 'missing' as const };
    const m = named.get(term.id);
    if (!m) return { term, state: 'missing' as const };
    if (rated) {
      const lead = readLead(impact.source, m.valueRange, RATING_VOCABULARY);
      if (lead.state === 'empty') return { term, state: 'missing' as const, range: m.keyRange };
      if (lead.state === 'placeholder') return { term, state: 'prompt' as const, range: m.keyRange };
      const rating = lead.value ? findTerm('rating', lead.value) : undefined;
      const restState = lead.rest ? textAnswerState(lead.rest.text) : 'missing';
      const text = rating ? (restState === 'answered' ? lead.rest!.text : undefined) : textAnswerState(m.value) === 'answered' ? m.value.trim() : undefined;
      const state: QuestionState = rating ? (restState === 'answered' ? 'answered' : restState) : textAnswerState(m.value);
      return { term, state, rating, text, range: m.keyRange };
    }
    const raw = impact.source.text.slice(m.valueRange.start, m.valueRange.end);
    const state = textAnswerState(raw);
    return { term, state, text: state === 'answered' ? maskComments(raw).trim() : undefined, range: m.keyRange };
  });
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

const cache = new WeakMap<object, WeakMap<object, Assessment>>();
const NO_DOC = {};

/** The assessment model of a pair; either file may be missing. Cached per pair of parsed documents. */
export function assessment(impact: ImpactDoc | undefined, release: ReleaseDoc | undefined): Assessment {
  const k1 = impact ?? NO_DOC;
  const k2 = release ?? NO_DOC;
  let inner = cache.get(k1);
  if (!inner) cache.set(k1, (inner = new WeakMap()));
  let a = inner.get(k2);
  if (!a) inner.set(k2, (a = build(impact, release)));
  return a;
}

/** What IMPACT.md alone answers, read once per parsed document and shared by every pair it is in. */
interface ImpactPart {
  hazards: HazardQuestion[];
  factors: FactorQuestion[];
  ratchet: Assessment['ratchet'];
  sections: Map<string, Question>;
  indirectHarms: Entry[];
  harmedParties: Entry[];
}

const impactParts = new WeakMap<object, ImpactPart>();

function impactPart(impact: ImpactDoc | undefined): ImpactPart {
  const key = impact ?? NO_DOC;
  let part = impactParts.get(key);
  if (!part) {
    part = {
      hazards: hazardQuestions(impact),
      factors: factorQuestions(impact),
      ratchet: ratchetQuestion(impact),
      sections: new Map(SECTIONS.filter((d) => !['hazards', 'path-to-harm', 'access-ratchet'].includes(d.id)).map((d) => [d.id, sectionQuestion(impact, d)])),
      indirectHarms: entries(impact, 'indirect-harms', 'indirect-harm', INDIRECT_HARMS, true),
      harmedParties: entries(impact, 'harmed-parties', 'harmed-party', HARMED_PARTIES, false),
    };
    impactParts.set(key, part);
  }
  return part;
}

function build(impact: ImpactDoc | undefined, release: ReleaseDoc | undefined): Assessment {
  const modality = modalityQuestion(impact, release);
  const syntheticMedia = modality.modalities.some((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m));
  const part = impactPart(impact);
  const { hazards, factors, ratchet } = part;
  const questions: Question[] = [];
  for (const def of SECTIONS) {
    const required = def.required === true || (def.required === 'synthetic-media' && syntheticMedia);
    if (!required) continue;
    if (def.id === 'hazards') questions.push(...hazards);
    else if (def.id === 'path-to-harm') questions.push(...factors);
    else if (def.id === 'access-ratchet') questions.push(ratchet);
    else {
      questions.push(part.sections.get(def.id)!);
      if (def.id === 'capability') questions.push(modality);
    }
  }
  if (!questions.includes(modality)) questions.push(modality);
  const counted = questions.filter((q) => q.counted);
  return {
    questions,
    byId: new Map(questions.map((q) => [q.id, q])),
    hazards,
    factors,
    ratchet,
    modality,
    indirectHarms: part.indirectHarms,
    harmedParties: part.harmedParties,
    syntheticMedia,
    done: counted.filter((q) => q.state === 'answered').length,
    total: counted.length,
  };
}

/** Questions that still need a person's answer (counted ones and the modality). */
export function openQuestions(a: Assessment): Question[] {
  return a.questions.filter((q) => q.state !== 'answered' && (q.counted || q.kind === 'modality'));
}

