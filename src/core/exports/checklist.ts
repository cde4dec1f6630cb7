/**
 * Conference checklist answers: NeurIPS (broader impacts, safeguards) and ACL Rolling Review's
 * Responsible NLP checklist (A2 potential risks), each Yes/No/NA with a justification and the
 * section of the paper it points to. `checklist()` gives the answers as data (the in-place checklist
 * fill in core/papers uses it too).
 */
import { isPlaceholder } from '../completeness';
import type { Marker } from '../impact/impact-doc';
import { escapeLatex, escapeMarkdown } from '../report/escape';
import { sectionHasText, type ReportModel, type TimelineArtifact } from '../report/report-model';
import { defineExport, extensionOf, type ExportFormat, type ExportResult } from './export-spec';
import { distributionPhrase, header, inSentence, joinWords, writer } from './prose';

export const checklistExport = defineExport({
  kind: 'checklist',
  title: 'conference checklist answers',
  summary: 'NeurIPS and ACL/ARR checklist answers',
  formats: ['md', 'latex'],
  fileName: (format) => `checklist-answers.${extensionOf(format)}`,
  command: {
    id: 'impactNotes.exportChecklist',
    title: 'Export Conference Checklist Answers…',
    readme: 'Answers for the NeurIPS and ACL/ARR checklists\' broader-impact and safeguard questions.',
  },
  render: (model, format) => checklistAnswers(model, format),
});

export type Answer = 'Yes' | 'No' | 'NA';

export interface ChecklistAnswer {
  venue: 'NeurIPS' | 'ACL/ARR';
  /** The item's name in the venue's checklist. */
  item: string;
  /** The question, in short. */
  question: string;
  answer: Answer;
  justification: string;
  /** Where in the paper the answer points. */
  section: string;
}

const DEFAULT_SECTION = 'Broader Impact';

const POINTER_KEYS: Record<string, string[]> = {
  'neurips-broader-impacts': ['neurips-broader-impacts', 'neurips-broader-impact', 'broader-impacts', 'broader-impact', 'neurips-impacts'],
  'neurips-safeguards': ['neurips-safeguards', 'safeguards', 'neurips-safeguard'],
  'acl-risks': ['acl-risks', 'arr-risks', 'acl/arr-risks', 'acl-arr-risks', 'acl/arr', 'acl', 'arr', 'potential-risks', 'risks', 'a2'],
  any: ['section', 'sections', 'paper-section', 'where'],
};

/** Section pointers from IMPACT.md's optional "Conference checklist mapping" section. */
function pointers(model: ReportModel): Record<string, string | undefined> {
  const markers: Marker[] = model.impact?.byId.get('conference-checklist')?.allMarkers ?? [];
  const find = (keys: string[]) => {
    const m = markers.find((x) => keys.includes(x.keyId) && !isPlaceholder(x.value));
    return m ? m.value.trim() : undefined;
  };
  const any = find(POINTER_KEYS.any);
  return {
    'neurips-broader-impacts': find(POINTER_KEYS['neurips-broader-impacts']) ?? any,
    'neurips-safeguards': find(POINTER_KEYS['neurips-safeguards']) ?? any,
    'acl-risks': find(POINTER_KEYS['acl-risks']) ?? any,
  };
}

const HIGH_RISK_CONTENT = ['trained-model', 'training-data', 'runnable-system', 'modifiable-system'];

export function checklist(model: ReportModel): ChecklistAnswer[] {
  const ptr = pointers(model);
  const benefits = sectionHasText(model.impact, 'benefits');
  const assessed = model.hazards.filter((h) => h.applies && h.rationale);
  const applying = assessed.filter((h) => h.applies !== 'no').map((h) => inSentence(h.term.label));
  const harmed = sectionHasText(model.impact, 'harmed-parties');
  const high = model.factors.filter((f) => f.rating === 'high').map((f) => inSentence(f.term.label));
  const negative = assessed.length > 0 || harmed;

  // NeurIPS: broader impacts.
  let bi: ChecklistAnswer;
  const biBase = { venue: 'NeurIPS' as const, item: 'Broader impacts', question: 'Does the paper discuss both positive and negative societal impacts of the work?', section: ptr['neurips-broader-impacts'] ?? DEFAULT_SECTION };
  if (benefits && negative) {
    const neg = [
      applying.length ? `the hazards that apply (${joinWords(applying)})` : 'why none of the three hazard types applies',
      harmed ? 'who could be harmed' : undefined,
      high.length ? `the steps toward misuse that the work eases most (${joinWords(high)})` : undefined,
    ].filter((x): x is string => !!x);
    bi = { ...biBase, answer: 'Yes', justification: `The statement describes the benefits and the negative impacts: ${joinWords(neg)}.` };
  } else {
    const missing = [!benefits ? 'the benefits' : undefined, !negative ? 'the hazards or who could be harmed' : undefined].filter((x): x is string => !!x);
    bi = { ...biBase, answer: 'No', justification: `The impact assessment does not yet describe ${joinWords(missing)}; complete ${model.fileNames.impact} and export again, or explain here why the work has no societal impact.` };
  }

  // NeurIPS: safeguards.
  const risky = model.timeline.filter(
    (a) => a.content && HIGH_RISK_CONTENT.includes(a.content) && a.distribution !== 'private' && a.timing !== 'withheld' && a.purpose !== 'defense',
  );
  const risk = applying.length > 0 || high.length > 0;
  const sgBase = {
    venue: 'NeurIPS' as const,
    item: 'Safeguards',
    question: 'Does the paper describe safeguards for releasing data or models that carry a high risk of misuse?',
    section: ptr['neurips-safeguards'] ?? DEFAULT_SECTION,
  };
  let sg: ChecklistAnswer;
  if (model.hasRelease && model.timeline.length === 0) {
    // An empty plan says nothing about what goes out, so it cannot answer "not applicable".
    sg = { ...sgBase, answer: 'No', justification: `${model.fileNames.release} lists no artifacts yet, so it does not say what is released or how; list them and export again.` };
  } else if (risky.length === 0) {
    sg = { ...sgBase, answer: 'NA', justification: model.hasRelease ? 'The release plan puts out no trained model, dataset or runnable system.' : `There is no ${model.fileNames.release} yet, so nothing is planned for release; add one before answering.` };
  } else if (!risk) {
    sg = { ...sgBase, answer: 'NA', justification: 'The assessment finds that no hazard type applies and rates no step toward misuse high, so the released artifacts do not carry a high risk of misuse.' };
  } else {
    const measures: string[] = [];
    const names = (list: TimelineArtifact[]) => (list.length === 1 ? `The artifact ‘${list[0].id}’ is` : `The artifacts ${joinWords(list.map((a) => `‘${a.id}’`))} are`);
    const gated = risky.filter((a) => a.distribution && a.distribution !== 'public');
    if (gated.length) measures.push(`${names(gated)} released ${joinWords([...new Set(gated.map((a) => distributionPhrase(a.distribution)!))])}.`);
    // Only what the plan states: a timed release with no date, or an evented one with no event named,
    // holds nothing back yet, so it is no safeguard.
    const stated = (a: TimelineArtifact) =>
      a.timing === 'staged' || (a.timing === 'timed' && !!a.events[0]?.date) || (a.timing === 'evented' && !!a.events[0]?.event) || (a.timing === 'periodic' && !!a.events[0]?.date);
    const paced = risky.filter((a) => a.timing && ['staged', 'timed', 'evented', 'periodic'].includes(a.timing) && stated(a));
    const pace = (a: TimelineArtifact) => (a.timing === 'staged' ? 'in stages' : a.timing === 'timed' ? `on a set later date (${a.events[0]!.date})` : a.timing === 'evented' ? 'only after a named event' : 'only after periodic review');
    for (const p of [...new Set(paced.map(pace))]) measures.push(`${names(paced.filter((a) => pace(a) === p))} released ${p}.`);
    const done = model.safeguards.filter((s) => s.status === 'implemented').map((s) => inSentence(s.term.label));
    const planned = model.safeguards.filter((s) => s.status === 'planned').map((s) => inSentence(s.term.label));
    if (done.length) measures.push(`In place: ${joinWords(done)}.`);
    if (planned.length) measures.push(`Planned: ${joinWords(planned)}.`);
    if (measures.length) sg = { ...sgBase, answer: 'Yes', justification: measures.join(' ') };
    else
      sg = {
        ...sgBase,
        answer: 'No',
        justification: `${joinWords(risky.map((a) => a.id))} ${risky.length === 1 ? 'goes' : 'go'} out publicly with no safeguard in the release plan, although the assessment finds a risk of misuse; add safeguards or a gated release to ${model.fileNames.release}.`,
      };
  }

  // ACL Rolling Review, Responsible NLP checklist: A2.
  const aclBase = { venue: 'ACL/ARR' as const, item: 'A2. Potential risks', question: 'Does the paper discuss the potential risks of the work?', section: ptr['acl-risks'] ?? DEFAULT_SECTION };
  let acl: ChecklistAnswer;
  if (negative) {
    const what = [
      assessed.length ? `${applying.length ? `the hazards that apply (${joinWords(applying)})` : 'why the three hazard types do not apply'}` : undefined,
      harmed ? 'who could be harmed' : undefined,
      high.length ? `how misuse could happen (${joinWords(high)} rated high)` : undefined,
      model.safeguards.some((s) => s.status === 'implemented' || s.status === 'planned') || sectionHasText(model.impact, 'mitigations') ? 'the safeguards' : undefined,
    ].filter((x): x is string => !!x);
    acl = { ...aclBase, answer: 'Yes', justification: `The statement discusses ${joinWords(what)}.` };
  } else {
    acl = { ...aclBase, answer: 'No', justification: `The impact assessment does not yet assess any hazard or say who could be harmed; complete ${model.fileNames.impact} and export again.` };
  }
  return [bi, sg, acl];
}

export function checklistAnswers(model: ReportModel, format: ExportFormat): ExportResult {
  const answers = checklist(model);
  const gaps = answers.filter((a) => a.answer === 'No').map((a) => `${a.venue} ${a.item}: ${a.justification}`);
  const neurips = answers.filter((a) => a.venue === 'NeurIPS');
  const acl = answers.filter((a) => a.venue === 'ACL/ARR');
  const o = writer(format);
  const parts: string[] = [];
  if (format === 'latex') {
    parts.push(header(o, model, 'Conference checklist answers'));
    parts.push(o.comment('NeurIPS paper checklist: replace the Answer and Justification lines of these items in the checklist\'s enumerate (the \\answer macros come with the NeurIPS style file).'));
    for (const a of neurips) {
      const macro = a.answer === 'Yes' ? '\\answerYes{}' : a.answer === 'No' ? '\\answerNo{}' : '\\answerNA{}';
      parts.push(
        [`\\item {\\bf ${escapeLatex(a.item)}}`, `    \\item[] Answer: ${macro}`, `    \\item[] Justification: ${escapeLatex(a.justification)} See the section ${escapeLatex(`“${a.section}”`)}.`].join('\n'),
      );
    }
    parts.push(o.comment('ACL Rolling Review, Responsible NLP checklist (answered in the submission form):'));
    for (const a of acl) parts.push(`\\paragraph{${escapeLatex(a.item)}.} ${escapeLatex(`${a.answer}. Section: ${a.section}. ${a.justification}`)}`);
  } else {
    parts.push('## Conference checklist answers', header(o, model, 'Conference checklist answers'));
    const block = (a: ChecklistAnswer) =>
      [`**${escapeMarkdown(a.item)}.** ${escapeMarkdown(a.question)}`, '', `- Answer: **${a.answer}**`, `- Justification: ${escapeMarkdown(a.justification)}`, `- Section: ${escapeMarkdown(a.section)}`].join('\n');
    parts.push('### NeurIPS paper checklist', ...neurips.map(block));
    parts.push('### ACL Rolling Review: Responsible NLP checklist', ...acl.map(block));
  }
  return { text: parts.join('\n\n') + '\n', gaps };
}
