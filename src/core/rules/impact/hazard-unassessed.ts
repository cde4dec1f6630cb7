import type { ImpactDoc } from '../../impact/impact-doc';
import type { Term } from '../../taxonomy';
import type { Fix, ImpactRuleContext, TextEdit } from '../../types';
import { defineImpactRule } from '../define';
import { assessment, type Question } from '../../assessment/assessment-model';
import { appendLinesEdit, appendPartEdit, fillValueEdit, valueContentEnd, insertAfterHeadingEdit, insertAfterItemEdit, insertBeforeItemEdit, insertPartBeforeEdit } from './lib/edits';
import { hazardEntries, todo, type HazardEntry } from './lib/structure';
import { sentenceCase } from '../../util/text-case';

const APPLIES_PROMPT = todo('yes, no or unsure');

const heading = (t: Term) => `### ${sentenceCase(t.label)}`;
const name = (t: Term) => sentenceCase(t.label);
const question = (t: Term) => t.question ?? t.definition;
const rationaleLine = (t: Term) => `- **Rationale:** ${todo(question(t))}`;

/**
 * Every hazard type of Ovadya & Whittlestone 2019, §2.1 (product, data, attention) gets a
 * sub-heading under Hazards with `Applies:` (yes, no or unsure) and a rationale. The rule owns the
 * hazard questions of the assessment model: a hazard that is missing, or still holds only the
 * template's prompt, is one error here (a fix adds structure and prompts, never an answer).
 */
export const hazardUnassessed = defineImpactRule({
  meta: {
    name: 'hazard-unassessed',
    description: 'A hazard type (product, data, attention) is not assessed: no sub-section, no Applies answer, or no rationale.',
    defaultSeverity: 'error',
    fixable: true,
    source: 'Ovadya & Whittlestone 2019, §2.1',
  },
  check(ctx) {
    const doc = ctx.impact;
    const entries = hazardEntries(doc);
    if (!entries) return; // no Hazards section: missing-section reports it
    const section = doc.byId.get('hazards')!;
    const compactLayout = entries.some((e) => e.compact) && !entries.some((e) => e.sub);
    const questions = assessment(doc, ctx.release).hazards;
    for (const [i, e] of entries.entries()) {
      const t = e.term;
      const q = questions[i];
      if (!e.sub && !e.compact) {
        ctx.report({
          message: compactLayout
            ? `The Hazards section does not assess the ${t.label.toLowerCase()}: add '- **${name(t)}:** yes, no or unsure — why'. ${question(t)}`
            : `The Hazards section does not assess the ${t.label.toLowerCase()}: add a '${heading(t)}' sub-section that says whether it applies (yes, no or unsure) and why. ${question(t)}`,
          file: 'impact',
          range: section.heading.range,
          fix: { title: compactLayout ? `Add a '${name(t)}' line` : `Add the '${name(t)}' sub-section`, edits: [missingHazardEdit(doc, entries, e, compactLayout)] },
          data: { hazard: t.id },
        });
        continue;
      }
      if (q.state === 'prompt') {
        reportPrompt(ctx, doc, e, q);
        continue;
      }
      if (e.compact) {
        checkCompact(ctx, doc, e);
        continue;
      }
      const sub = e.sub!;
      const noRationale = e.rationale.state === 'missing';
      if (!e.applies) {
        const lines = noRationale ? [`- **Applies:** ${APPLIES_PROMPT}`, rationaleLine(t)] : [`- **Applies:** ${APPLIES_PROMPT}`];
        ctx.report({
          message: noRationale
            ? `'${sub.heading.text}' is not assessed: add '- **Applies:**' (yes, no or unsure) and '- **Rationale:**' saying why.`
            : `'${sub.heading.text}' does not say whether the hazard applies: add '- **Applies:**' with yes, no or unsure.`,
          file: 'impact',
          range: sub.heading.range,
          fix: { title: noRationale ? `Add 'Applies' and 'Rationale' lines to '${sub.heading.text}'` : `Add an 'Applies' line to '${sub.heading.text}'`, edits: [insertAfterHeadingEdit(doc, sub, lines)] },
          data: { hazard: t.id },
        });
        continue;
      }
      if (e.appliesLead?.state === 'empty') {
        ctx.report({
          message: `'${sub.heading.text}' leaves 'Applies' empty: answer yes, no or unsure.`,
          file: 'impact',
          range: e.applies.keyRange,
          fix: { title: `Put a prompt into 'Applies'`, edits: [fillValueEdit(doc, e.applies, APPLIES_PROMPT)] },
          data: { hazard: t.id },
        });
      }
      if (noRationale || e.rationale.state === 'empty') {
        const fix: Fix =
          e.rationale.state === 'empty' && e.rationale.marker
            ? { title: `Put a prompt into the rationale of '${sub.heading.text}'`, edits: [fillValueEdit(doc, e.rationale.marker, todo(question(t)))] }
            : { title: `Add a 'Rationale' line to '${sub.heading.text}'`, edits: [insertAfterItemEdit(doc, e.applies, [rationaleLine(t)])] };
        ctx.report({
          message: `'${sub.heading.text}' gives no rationale: say why the hazard does or does not apply. ${question(t)}`,
          file: 'impact',
          range: e.rationale.marker?.keyRange ?? sub.heading.range,
          fix,
          data: { hazard: t.id },
        });
      }
    }
  },
});

/** The hazard still holds only the template's prompt: one error, on the prompt, naming the question. */
function reportPrompt(ctx: ImpactRuleContext, doc: ImpactDoc, e: HazardEntry, q: Question) {
  const t = e.term;
  const holder = e.applies ?? e.compact;
  const at = e.appliesLead?.state === 'placeholder' && holder ? holder.valueRange : e.rationale.range ?? holder?.valueRange ?? q.range!;
  const range = trimmed(doc, at);
  // A sub-section with an answer prompt but no Rationale line gets the line (structure, not an answer).
  const fix: Fix | undefined =
    e.sub && e.applies && e.rationale.state === 'missing'
      ? { title: `Add a 'Rationale' line to '${e.sub.heading.text}'`, edits: [insertAfterItemEdit(doc, e.applies, [rationaleLine(t)])] }
      : undefined;
  ctx.report({
    message: `Hazards: the ${t.label.toLowerCase()} is not assessed yet: the template's prompt is still here. Say whether it applies (yes, no or unsure) and why. ${question(t)}`,
    file: 'impact',
    range,
    fix,
    data: { hazard: t.id, question: q.id },
  });
}

/** A range without surrounding white space (a value range may run to the end of its item). */
export function trimmed(doc: ImpactDoc, r: { start: number; end: number }): { start: number; end: number } {
  const text = doc.source.text;
  let { start, end } = r;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** `- **Product hazard:** yes — why` in the Hazards section itself. */
function checkCompact(ctx: ImpactRuleContext, doc: ImpactDoc, e: HazardEntry) {
  const m = e.compact!;
  const t = e.term;
  const lead = e.appliesLead!;
  if (lead.state === 'empty') {
    ctx.report({
      message: `'${m.key}' has no answer: write yes, no or unsure, then why.`,
      file: 'impact',
      range: m.keyRange,
      fix: { title: `Put a prompt into '${m.key}'`, edits: [fillValueEdit(doc, m, todo(`yes, no or unsure — ${question(t)}`))] },
      data: { hazard: t.id },
    });
  } else if (lead.state === 'filled' && e.rationale.state === 'missing') {
    const at = valueContentEnd(doc, m);
    const edit: TextEdit = { file: 'impact', range: { start: at, end: at }, newText: ` — ${todo(question(t))}` };
    ctx.report({
      message: `'${m.key}' gives no rationale: after the answer, say why the hazard does or does not apply.`,
      file: 'impact',
      range: lead.token?.range ?? m.keyRange,
      fix: { title: `Add a rationale prompt to '${m.key}'`, edits: [edit] },
      data: { hazard: t.id },
    });
  }
}

/** Inserts the missing hazard in canonical order, in the layout the section already uses. */
function missingHazardEdit(doc: ImpactDoc, entries: HazardEntry[], e: HazardEntry, compactLayout: boolean): TextEdit {
  const section = doc.byId.get('hazards')!;
  const i = entries.indexOf(e);
  const t = e.term;
  if (compactLayout) {
    const line = `- **${name(t)}:** ${todo(`yes, no or unsure — ${question(t)}`)}`;
    const prev = entries.slice(0, i).reverse().find((x) => x.compact);
    if (prev) return insertAfterItemEdit(doc, prev.compact!, [line]);
    const next = entries.slice(i + 1).find((x) => x.compact);
    if (next) return insertBeforeItemEdit(doc, next.compact!, [line]);
    return appendLinesEdit(doc, section, [line]);
  }
  const lines = [`- **Applies:** ${APPLIES_PROMPT}`, rationaleLine(t)];
  const next = entries.slice(i + 1).find((x) => x.sub);
  if (next) return insertPartBeforeEdit(doc, next.sub!, heading(t), lines);
  return appendPartEdit(doc, section, heading(t), lines);
}
