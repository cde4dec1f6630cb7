/**
 * The guided assessment's text work, pure (no `vscode`): which hazard types and path-to-harm
 * factors IMPACT.md still leaves unanswered, and the new text once one of them is answered. Where a
 * hazard or factor has no place yet, the core's own fixes (missing-section, hazard-unassessed,
 * factor-unrated) create it first, so answers land exactly where those quick fixes would put them.
 */
import { lint } from '../../core/engine';
import { applyEdits } from '../../core/fix';
import { parseImpact } from '../../core/impact/parse';
import type { ImpactDoc } from '../../core/impact/impact-doc';
import { findRule } from '../../core/rules';
import { fillValueEdit, insertAfterHeadingEdit, insertAfterItemEdit, insertBeforeItemEdit } from '../../core/rules/impact/lib/edits';
import { factorEntries, hazardEntries, markerWithKey, positionMarker, termNamed, type FactorEntry, type HazardEntry } from '../../core/rules/impact/lib/structure';
import { sentenceCase } from '../../core/util/text-case';
import { assessment } from '../../core/assessment/assessment-model';
import { INDIRECT_HARMS, MARKER_KEYS, PATH_STAGES, type PathStage, type Term } from '../../core/taxonomy';
import type { Rule, TextEdit } from '../../core/types';

export type QuestionKind = 'hazard' | 'factor' | 'ratchet' | 'indirect';

export interface Question {
  kind: QuestionKind;
  term: Term;
  /** The path-to-harm stage (factors only). */
  stage?: PathStage;
  answered: boolean;
  /** What is written now (canonical value when recognised, and any real reasoning). */
  current: { value?: string; reasoning?: string };
}

export interface Answer {
  /** yes / no / unsure for hazards; a rating for factors and indirect harms; a position for the ratchet. */
  value: string;
  reasoning: string;
}

const PATH = 'IMPACT.md';

/**
 * The questions the guided assessment asks, in the template's order: every hazard type, every
 * factor (stage by stage), the access-ratchet position (§2.3) and the indirect harms (§2.4). Whether
 * each is answered is the assessment model's reading, the same as the rules', the tree's and the
 * report's (a stock dismissal or a template prompt is not an answer).
 */
export function questions(text: string): Question[] {
  const doc = parseImpact(PATH, text);
  const model = assessment(doc, undefined);
  const out: Question[] = [];
  for (const q of model.hazards) {
    out.push({ kind: 'hazard', term: q.term, answered: q.state === 'answered', current: { value: q.applies, reasoning: q.state === 'answered' ? q.text : undefined } });
  }
  for (const stage of PATH_STAGES) {
    for (const term of stage.factors) {
      const q = model.factors.find((f) => f.term.id === term.id)!;
      out.push({ kind: 'factor', term, stage, answered: q.state === 'answered', current: { value: q.rating?.id, reasoning: q.state === 'answered' ? q.text : undefined } });
    }
  }
  const r = model.ratchet;
  out.push({ kind: 'ratchet', term: RATCHET_TERM, answered: r.state === 'answered' && !!r.rationale, current: { value: r.position?.id, reasoning: r.rationale } });
  for (const e of model.indirectHarms) {
    out.push({ kind: 'indirect', term: e.term, answered: e.state === 'answered', current: { value: e.rating?.id, reasoning: e.state === 'answered' ? e.text : undefined } });
  }
  return out;
}

/** The access ratchet as a question (its positions are the answers). */
export const RATCHET_TERM: Term = {
  id: 'access-ratchet',
  label: 'Access ratchet position',
  definition: 'Where the capability sits today on the access ratchet: no known interest, attention, weaponized or sustained use.',
  question: 'Where does this capability sit today, and what evidence puts it there?',
  source: 'Ovadya & Whittlestone 2019, §2.3',
} as Term;

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function hazardEntry(doc: ImpactDoc, id: string): HazardEntry | undefined {
  const e = hazardEntries(doc)?.find((h) => h.term.id === id);
  return e && (e.sub || e.compact) ? e : undefined;
}

function factorEntry(doc: ImpactDoc, id: string): FactorEntry | undefined {
  const e = factorEntries(doc)?.find((f) => f.term.id === id);
  return e && (e.marker || e.sub) ? e : undefined;
}

/**
 * Gives the term a place in the text using the core's fixes: the section first (missing-section),
 * then the hazard's sub-section or the factor's line (hazard-unassessed / factor-unrated).
 */
function withPlace(text: string, kind: QuestionKind, id: string): string {
  const sectionId = kind === 'hazard' ? 'hazards' : 'path-to-harm';
  const rules = ['missing-section', kind === 'hazard' ? 'hazard-unassessed' : 'factor-unrated'].map(findRule).filter((r): r is Rule => !!r);
  for (let pass = 0; pass < 3; pass++) {
    const doc = parseImpact(PATH, text);
    if (kind === 'hazard' ? hazardEntry(doc, id) : factorEntry(doc, id)) return text;
    const { findings, impact } = lint({ impact: { path: PATH, text }, rules });
    const f = findings.find(
      (x) => x.fix && (x.data?.section === sectionId || x.data?.hazard === id || x.data?.factor === id) && x.fix.edits.every((e) => e.file === 'impact'),
    );
    if (!f || !impact) break;
    const r = applyEdits(impact.source.text, f.fix!.edits);
    if (!r.applied) break;
    text = (impact.source.hadBom ? '\ufeff' : '') + r.text;
  }
  return text;
}

function apply(doc: ImpactDoc, edits: TextEdit[]): string {
  return (doc.source.hadBom ? '\ufeff' : '') + applyEdits(doc.source.text, edits).text;
}

/** The text with one answer written in (replacing what was there); unchanged if it has no place. */
export function writeAnswer(text: string, kind: QuestionKind, termId: string, answer: Answer): string {
  const value = answer.value.trim();
  const reasoning = oneLine(answer.reasoning);
  if (kind === 'ratchet') return writeRatchet(text, value, reasoning);
  if (kind === 'indirect') return writeIndirect(text, termId, value, reasoning);
  const placed = withPlace(text, kind, termId);
  const doc = parseImpact(PATH, placed);
  if (kind === 'factor') {
    const e = factorEntry(doc, termId);
    if (!e) return text;
    if (e.marker) return apply(doc, [fillValueEdit(doc, e.marker, `${value} — ${reasoning}`)]);
    return apply(doc, partEdits(doc, e.sub!, e.ratingMarker, e.reasoning.marker, 'Rating', value, reasoning));
  }
  const e = hazardEntry(doc, termId);
  if (!e) return text;
  if (e.compact) return apply(doc, [fillValueEdit(doc, e.compact, `${value} — ${reasoning}`)]);
  return apply(doc, partEdits(doc, e.sub!, e.applies, e.rationale.marker, 'Applies', value, reasoning));
}

/** `### Part` with a value line (Rating / Applies) and a Rationale line: fill or add each. */
function partEdits(
  doc: ImpactDoc,
  sub: NonNullable<FactorEntry['sub']>,
  valueMarker: FactorEntry['ratingMarker'],
  rationaleMarker: FactorEntry['ratingMarker'],
  valueKey: string,
  value: string,
  reasoning: string,
): TextEdit[] {
  const valueLine = `- **${valueKey}:** ${value}`;
  const rationaleLine = `- **Rationale:** ${reasoning}`;
  if (valueMarker && rationaleMarker) return [fillValueEdit(doc, valueMarker, value), fillValueEdit(doc, rationaleMarker, reasoning)];
  if (valueMarker) return [fillValueEdit(doc, valueMarker, value), insertAfterItemEdit(doc, valueMarker, [rationaleLine])];
  if (rationaleMarker) return [insertBeforeItemEdit(doc, rationaleMarker, [valueLine]), fillValueEdit(doc, rationaleMarker, reasoning)];
  return [insertAfterHeadingEdit(doc, sub, [valueLine, rationaleLine])];
}

/** The access-ratchet position and its rationale: fills the Position and Rationale lines, adding what is missing. */
function writeRatchet(text: string, value: string, reasoning: string): string {
  const placed = withSection(text, 'access-ratchet');
  const doc = parseImpact(PATH, placed);
  const section = doc.byId.get('access-ratchet');
  if (!section) return text;
  const position = positionMarker(section);
  const rationale = markerWithKey(section.allMarkers, MARKER_KEYS.rationale);
  const edits: TextEdit[] = [];
  if (position) edits.push(fillValueEdit(doc, position, value));
  if (rationale) edits.push(fillValueEdit(doc, rationale, reasoning));
  if (!position && !rationale) edits.push(insertAfterHeadingEdit(doc, section, [`- **Position:** ${value}`, `- **Rationale:** ${reasoning}`]));
  else if (!position) edits.push(insertBeforeItemEdit(doc, rationale!, [`- **Position:** ${value}`]));
  else if (!rationale) edits.push(insertAfterItemEdit(doc, position, [`- **Rationale:** ${reasoning}`]));
  return apply(doc, edits);
}

/** An indirect harm: `- **Disinformation ratchet:** rating — reasoning`, filled or added to the section. */
function writeIndirect(text: string, termId: string, value: string, reasoning: string): string {
  const placed = withSection(text, 'indirect-harms');
  const doc = parseImpact(PATH, placed);
  const section = doc.byId.get('indirect-harms');
  if (!section) return text;
  const term = INDIRECT_HARMS.find((t) => t.id === termId);
  if (!term) return text;
  const m = section.allMarkers.find((x) => termNamed('indirect-harm', x.key)?.id === termId);
  const line = `${value} — ${reasoning}`;
  if (m) return apply(doc, [fillValueEdit(doc, m, line)]);
  const last = section.allMarkers[section.allMarkers.length - 1];
  const entry = `- **${sentenceCase(term.label)}:** ${line}`;
  return apply(doc, [last ? insertAfterItemEdit(doc, last, [entry]) : insertAfterHeadingEdit(doc, section, [entry])]);
}

/** The text with the section present (missing-section's own fix adds it where it belongs). */
function withSection(text: string, sectionId: string): string {
  const doc = parseImpact(PATH, text);
  if (doc.byId.has(sectionId)) return text;
  const rule = findRule('missing-section');
  if (!rule) return text;
  const { findings, impact } = lint({ impact: { path: PATH, text }, rules: [rule] });
  const f = findings.find((x) => x.fix && x.data?.section === sectionId);
  if (!f || !impact) return text;
  return apply(impact, f.fix!.edits);
}
