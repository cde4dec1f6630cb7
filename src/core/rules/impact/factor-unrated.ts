import type { ImpactDoc, Subsection } from '../../impact/impact-doc';
import { PATH_STAGES, type PathStageId, type Term } from '../../taxonomy';
import type { Fix, ImpactRuleContext, TextEdit } from '../../types';
import { defineImpactRule } from '../define';
import { assessment, type Question } from '../../assessment/assessment-model';
import { trimmed } from './hazard-unassessed';
import {
  appendLinesEdit,
  appendPartEdit,
  fillValueEdit,
  insertAfterHeadingEdit,
  insertAfterItemEdit,
  insertBeforeItemEdit,
  insertPartBeforeEdit,
  keepNextHeading,
  valueContentEnd,
} from './lib/edits';
import { factorEntries, stageNamed, todo, type FactorEntry } from './lib/structure';
import { sentenceCase } from '../../util/text-case';
import { listOr, RATING_VOCABULARY } from './lib/values';

const RATINGS = listOr(RATING_VOCABULARY.values);
const name = (t: Term) => sentenceCase(t.label);
const question = (t: Term) => t.question ?? t.definition;
/** A prompt, never a rating: `unknown` is an answer a person gives, not a default a fix writes. */
export const factorPrompt = (t: Term) => todo(`low, medium, high or unknown — ${question(t)}`);
const factorLine = (t: Term) => `- **${name(t)}:** ${factorPrompt(t)}`;
const stageLabel = (id: PathStageId) => sentenceCase(PATH_STAGES.find((s) => s.id === id)!.label);

/**
 * Every path-to-harm factor of Ovadya & Whittlestone 2019, §2.2 needs a rating on the scale and
 * the reasoning behind it; `not-applicable` needs its reason too. The rule owns the factor
 * questions of the assessment model: a factor still holding only the template's prompt is an
 * error here; unknown rating words are invalid-value's.
 */
export const factorUnrated = defineImpactRule({
  meta: {
    name: 'factor-unrated',
    description: 'A path-to-harm factor is missing, has no rating, or has no reasoning behind its rating.',
    defaultSeverity: 'error',
    fixable: true,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §2.2',
  },
  check(ctx) {
    const doc = ctx.impact;
    const entries = factorEntries(doc);
    if (!entries) return; // no Path to harm section: missing-section reports it
    const section = doc.byId.get('path-to-harm')!;
    const stageSubs = new Map<PathStageId, Subsection>();
    for (const s of section.subsections) {
      const st = stageNamed(s.heading.text);
      if (st && !stageSubs.has(st.id)) stageSubs.set(st.id, s);
    }
    const missing = entries.filter((e) => !e.marker && !e.sub);
    const edits = missing.length ? missingFactorEdits(doc, entries, stageSubs) : new Map<FactorEntry, Fix>();
    for (const e of missing) {
      const t = e.term;
      const stageSub = stageSubs.get(t.stage!);
      ctx.report({
        message: `The path-to-harm factor '${name(t)}' (${stageLabel(t.stage!).toLowerCase()}) is not rated: add '- **${name(t)}:** rating — reasoning' with ${RATINGS}. ${question(t)}`,
        file: 'impact',
        range: (stageSub ?? section).heading.range,
        fix: edits.get(e),
        data: { factor: t.id },
      });
    }
    const questions = assessment(doc, ctx.release).factors;
    entries.forEach((e, i) => {
      if (!e.marker && !e.sub) return;
      const q = questions[i];
      if (q.state === 'prompt') reportPrompt(ctx, doc, e, q);
      else if (e.marker) checkInline(ctx, doc, e);
      else checkPart(ctx, doc, e);
    });
  },
});

type Ctx = ImpactRuleContext;

function reasoningMissingMessage(label: string, value: string | undefined, written: string): string {
  if (value === 'not-applicable') return `'${label}' is marked not-applicable without a reason: say why the factor does not bear on this work.`;
  return `'${label}' is rated '${written}' but gives no reasoning: add what the rating rests on.`;
}

/** The factor still holds only the template's prompt: one error, on the prompt, naming the question. */
function reportPrompt(ctx: Ctx, doc: ImpactDoc, e: FactorEntry, q: Question) {
  const t = e.term;
  const holder = e.marker ?? e.ratingMarker;
  const at = e.lead?.state === 'placeholder' && holder ? holder.valueRange : e.reasoning.range ?? holder?.valueRange ?? q.range!;
  ctx.report({
    message: `Path to harm: '${name(t)}' (${stageLabel(t.stage!).toLowerCase()}) is not rated yet: the template's prompt is still here. Rate it ${RATINGS} and say why. ${question(t)}`,
    file: 'impact',
    range: trimmed(doc, at),
    data: { factor: t.id, question: q.id },
  });
}

/** `- **Slottability:** high — reasoning`. */
function checkInline(ctx: Ctx, doc: ImpactDoc, e: FactorEntry) {
  const m = e.marker!;
  const lead = e.lead!;
  const t = e.term;
  if (lead.state === 'placeholder') return;
  if (lead.state === 'empty') {
    ctx.report({
      message: `'${m.key}' has no rating: write ${RATINGS}, then the reasoning.`,
      file: 'impact',
      range: m.keyRange,
      fix: { title: `Put the scaffold's prompt into '${m.key}'`, edits: [fillValueEdit(doc, m, factorPrompt(t))] },
      data: { factor: t.id },
    });
    return;
  }
  if (!lead.attempted) {
    const at = lead.rest!.range.start;
    ctx.report({
      message: `'${m.key}' has reasoning but no rating: start the value with ${RATINGS}.`,
      file: 'impact',
      range: m.keyRange,
      suggestions: RATING_VOCABULARY.values.map((r) => ({ title: `Rate '${m.key}' ${r}`, edits: [{ file: 'impact' as const, range: { start: at, end: at }, newText: `${r} — ` }] })),
      data: { factor: t.id },
    });
    return;
  }
  if (e.reasoning.state === 'missing') {
    // After the rating, or after a full stop that follows it ("not applicable.").
    const end = valueContentEnd(doc, m);
    const tail = doc.source.text.slice(lead.token!.range.end, end);
    const at = /^[\s.,;:!]*$/.test(tail) ? lead.token!.range.end : end;
    ctx.report({
      message: reasoningMissingMessage(m.key, lead.value, lead.token!.text),
      file: 'impact',
      range: lead.token!.range,
      fix: { title: `Add a reasoning prompt to '${m.key}'`, edits: [{ file: 'impact', range: { start: at, end: at }, newText: ` — ${todo(question(t))}` }] },
      data: { factor: t.id },
    });
  }
}

/** `### Slottability` with `- **Rating:** high` and a rationale. */
function checkPart(ctx: Ctx, doc: ImpactDoc, e: FactorEntry) {
  const sub = e.sub!;
  const t = e.term;
  const label = sub.heading.text;
  const ratingPrompt = todo(RATINGS);
  if (!e.ratingMarker) {
    ctx.report({
      message: `'${label}' has no rating: add '- **Rating:**' with ${RATINGS}.`,
      file: 'impact',
      range: sub.heading.range,
      fix: { title: `Add a 'Rating' line to '${label}'`, edits: [insertAfterHeadingEdit(doc, sub, [`- **Rating:** ${ratingPrompt}`])] },
      data: { factor: t.id },
    });
  } else if (e.lead?.state === 'empty') {
    ctx.report({
      message: `'${label}' leaves 'Rating' empty: write ${RATINGS}.`,
      file: 'impact',
      range: e.ratingMarker.keyRange,
      fix: { title: `Put a prompt into 'Rating'`, edits: [fillValueEdit(doc, e.ratingMarker, ratingPrompt)] },
      data: { factor: t.id },
    });
  }
  if (e.reasoning.state === 'missing' || e.reasoning.state === 'empty') {
    const line = `- **Rationale:** ${todo(question(t))}`;
    const edit =
      e.reasoning.state === 'empty' && e.reasoning.marker
        ? fillValueEdit(doc, e.reasoning.marker, todo(question(t)))
        : e.ratingMarker
          ? insertAfterItemEdit(doc, e.ratingMarker, [line])
          : appendLinesEdit(doc, sub, [line]);
    const rated = e.lead?.state === 'filled' && e.lead.token;
    ctx.report({
      message: rated ? reasoningMissingMessage(label, e.lead!.value, e.lead!.token!.text) : `'${label}' gives no reasoning: say what the rating rests on.`,
      file: 'impact',
      range: e.reasoning.marker?.keyRange ?? (rated ? e.lead!.token!.range : sub.heading.range),
      // Without a Rating line the two fixes would meet under the heading; the rating comes first.
      fix: e.ratingMarker || e.reasoning.marker ? { title: `Add a reasoning prompt to '${label}'`, edits: [edit] } : undefined,
      data: { factor: t.id },
    });
  }
}

/**
 * Edits that insert the missing factors in canonical order. Factors that would land at the same
 * spot share one edit (so one --fix pass adds them all): after the previous factor of their stage,
 * before the next one, at the end of their stage's part, or in a new `### Stage` part. Without
 * stage sub-headings but with factor lines, the lines go among the existing ones.
 */
function missingFactorEdits(doc: ImpactDoc, entries: FactorEntry[], stageSubs: Map<PathStageId, Subsection>): Map<FactorEntry, Fix> {
  const section = doc.byId.get('path-to-harm')!;
  const staged = stageSubs.size > 0 || !entries.some((e) => e.marker || e.sub);
  const inPart = (e: FactorEntry, part: Subsection | undefined) => !!e.marker && (!part || (e.marker.itemRange.start >= part.range.start && e.marker.itemRange.end <= part.range.end));

  type Spot = { make: (members: FactorEntry[]) => TextEdit; members: FactorEntry[] };
  const spots = new Map<string, Spot>();
  const lines = (members: FactorEntry[]) => members.map((m) => factorLine(m.term));
  const place = (e: FactorEntry, key: string, make: (members: FactorEntry[]) => TextEdit) => {
    const s = spots.get(key) ?? spots.set(key, { make, members: [] }).get(key)!;
    s.members.push(e);
  };
  /** New stage parts for the members, one per stage, in order, as one block. */
  const stageParts = (members: FactorEntry[]) => {
    const blocks: string[][] = [];
    for (const st of PATH_STAGES) {
      const mine = members.filter((m) => m.term.stage === st.id);
      if (mine.length) blocks.push([`### ${stageLabel(st.id)}`, ...lines(mine)]);
    }
    return blocks;
  };
  const eol = doc.source.eol;

  entries.forEach((e, i) => {
    if (e.marker || e.sub) return;
    const stage = e.term.stage!;
    if (!staged) {
      const prev = entries.slice(0, i).reverse().find((x) => x.marker);
      if (prev) return place(e, `after:${prev.term.id}`, (ms) => insertAfterItemEdit(doc, prev.marker!, lines(ms)));
      const next = entries.slice(i + 1).find((x) => x.marker);
      if (next) return place(e, `before:${next.term.id}`, (ms) => insertBeforeItemEdit(doc, next.marker!, lines(ms)));
      return place(e, 'end', (ms) => appendLinesEdit(doc, section, lines(ms)));
    }
    const part = stageSubs.get(stage);
    if (part) {
      const same = (x: FactorEntry) => x.term.stage === stage && inPart(x, part);
      const prev = entries.slice(0, i).reverse().find(same);
      if (prev) return place(e, `after:${prev.term.id}`, (ms) => insertAfterItemEdit(doc, prev.marker!, lines(ms)));
      const next = entries.slice(i + 1).find(same);
      if (next) return place(e, `before:${next.term.id}`, (ms) => insertBeforeItemEdit(doc, next.marker!, lines(ms)));
      return place(e, `end:${stage}`, (ms) => appendLinesEdit(doc, part, lines(ms)));
    }
    // The stage has no part yet: new parts go before the next stage present, or at the end.
    const order = PATH_STAGES.map((s) => s.id);
    const later = order.slice(order.indexOf(stage) + 1).find((id) => stageSubs.has(id));
    if (later) {
      const before = stageSubs.get(later)!;
      return place(e, `new-before:${later}`, (ms) => {
        const blocks = stageParts(ms);
        const last = blocks.pop()!;
        const edit = insertPartBeforeEdit(doc, before, last[0], last.slice(1));
        return { ...edit, newText: blocks.map((b) => b.join(eol) + eol + eol).join('') + edit.newText };
      });
    }
    return place(e, 'new-end', (ms) => {
      const blocks = stageParts(ms);
      const first = blocks.shift()!;
      const edit = appendPartEdit(doc, section, first[0], first.slice(1), false);
      return keepNextHeading(doc, { ...edit, newText: edit.newText + blocks.map((b) => eol + eol + b.join(eol)).join('') });
    });
  });

  const out = new Map<FactorEntry, Fix>();
  for (const s of spots.values()) {
    const edit = s.make(s.members);
    const names = s.members.map((m) => `'${name(m.term)}'`);
    const title = names.length > 1 ? `Add the factors ${listOr(names).replace(' or ', ' and ')}` : `Add the factor ${names[0]}`;
    for (const m of s.members) out.set(m, { title, edits: [edit] });
  }
  return out;
}
