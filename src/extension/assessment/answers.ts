/**
 * The guided assessment's text work, pure (no `vscode`): which hazard types and path-to-harm
 * factors IMPACT.md still leaves unanswered, and the new text once one of them is answered. Where a
 * hazard or factor has no place yet, the core's own fixes (missing-section, hazard-unassessed,
 * factor-unrated) create it first, so answers land exactly where those quick fixes would put them.
 */
import { lint } from '../../core/engine';
import { applyEdits } from '../../core/fix';
import { parseImpact } from '../../core/impact/parse';
import type { ImpactDoc } from '../../core/impact/model';
import { findRule } from '../../core/rules';
import { fillValueEdit, insertAfterHeadingEdit, insertAfterItemEdit, insertBeforeItemEdit } from '../../core/rules/impact/lib/edits';
import { factorEntries, hazardEntries, type FactorEntry, type HazardEntry } from '../../core/rules/impact/lib/structure';
import { HAZARD_TYPES, PATH_STAGES, type PathStage, type Term } from '../../core/taxonomy';
import type { Rule, TextEdit } from '../../core/types';

export type QuestionKind = 'hazard' | 'factor';

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
  /** yes / no / unsure for hazards; low / medium / high / unknown / not-applicable for factors. */
  value: string;
  reasoning: string;
}

const PATH = 'IMPACT.md';

/** Every hazard type, then every factor (stage by stage), with whether it is answered. */
export function questions(text: string): Question[] {
  const doc = parseImpact(PATH, text);
  const hazards = hazardEntries(doc);
  const factors = factorEntries(doc);
  const out: Question[] = [];
  for (const term of HAZARD_TYPES) {
    const e = hazards?.find((h) => h.term.id === term.id);
    const value = e?.appliesLead?.state === 'filled' ? e.appliesLead.value : undefined;
    const reasoning = e?.rationale.state === 'filled' ? e.rationale.text : undefined;
    out.push({ kind: 'hazard', term, answered: !!value && !!reasoning, current: { value, reasoning } });
  }
  for (const stage of PATH_STAGES) {
    for (const term of stage.factors) {
      const e = factors?.find((f) => f.term.id === term.id);
      const value = e?.lead?.state === 'filled' ? e.lead.value : undefined;
      const reasoning = e?.reasoning.state === 'filled' ? e.reasoning.text : undefined;
      out.push({ kind: 'factor', term, stage, answered: !!value && !!reasoning, current: { value, reasoning } });
    }
  }
  return out;
}

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
