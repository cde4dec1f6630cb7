/**
 * The model-card section for a Hugging Face README (out-of-scope use; bias, risks and limitations;
 * recommendations), under the headings of Hugging Face's model-card template. Markdown only.
 */
import { findTerm, PEOPLE_MEDIA_MODALITIES, RATCHET_POSITIONS, SYNTHETIC_MEDIA_MODALITIES } from '../taxonomy';
import type { ReportModel } from '../report/report-model';
import { defineExport, type ExportResult } from './export-spec';
import { appliesPhrase, artifactSentence, authorBlock, capFirst, header, inSentence, joinWords, lower, MD } from './prose';

export const modelCard = defineExport({
  kind: 'model-card',
  title: 'model-card section',
  summary: 'risks, limitations and out-of-scope use for a Hugging Face README',
  formats: ['md'],
  fileName: () => 'model-card-risks.md',
  command: {
    id: 'impactNotes.exportModelCard',
    title: 'Export Model-Card Section…',
    readme: 'The risks section of a Hugging Face model card.',
  },
  render: (model) => modelCardSection(model),
});

export function modelCardSection(model: ReportModel): ExportResult {
  const o = MD;
  const gaps: string[] = [];
  const parts: string[] = [];
  const gap = (what: string) => {
    gaps.push(what);
    parts.push(o.comment(`Impact Notes: ${what}`));
  };
  const mods = model.modalities;
  const people = mods.some((m) => PEOPLE_MEDIA_MODALITIES.includes(m));
  const synthetic = mods.some((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m));
  const mediaWord = mods.length ? joinWords(mods.map((m) => findTerm('modality', m)?.label.toLowerCase() ?? m)) : 'output';

  parts.push('## Uses', '### Out-of-Scope Use', header(o, model, 'Model-card section'));
  const scope: string[] = [];
  if (people) scope.push(o.t(`Imitating, depicting or impersonating a real person in generated ${mediaWord} without that person's consent.`));
  if (synthetic) scope.push(o.t(`Passing generated ${mediaWord} off as real, or removing or evading the marks that identify it as generated.`));
  for (const h of model.hazards.filter((x) => x.applies === 'yes' && x.rationale)) scope.push(`${o.t(`The misuse behind the ${inSentence(h.term.label)}: `)}${o.inline(h.rationale!)}`);
  const consent = model.safeguards.find((s) => s.term.id === 'consent' && s.detail && s.status !== 'not-applicable' && s.status !== 'not-implemented');
  if (consent) scope.push(o.t(`Use that breaks the consent safeguard: ${consent.detail!.replace(/\.?\s*$/, '.')}`));
  for (const a of model.timeline.filter((x) => x.content === 'trained-model' || x.content === 'runnable-system')) {
    if (a.terms) scope.push(o.t(`Use of ‘${a.id}’ outside its terms: ${a.terms.replace(/\.?\s*$/, '.')}`));
  }
  if (scope.length) parts.push(o.list(scope));
  parts.push(o.comment('Add any further uses you rule out.'));

  parts.push('## Bias, Risks, and Limitations');
  const hazards = model.hazards.filter((h) => (h.applies === 'yes' || h.applies === 'unsure') && h.rationale);
  if (hazards.length) parts.push(o.lead('Risks', o.list(hazards.map((h) => `${o.b(o.t(lower(h.term.label)))} ${o.t(appliesPhrase(h))}: ${o.inline(h.rationale!)}`))));
  else if (!model.hazards.some((h) => h.applies)) gap('no hazard is assessed yet.');
  const harmed = authorBlock(o, model, 'harmed-parties');
  if (harmed) parts.push(o.lead('Who could be harmed', harmed));
  const high = model.factors.filter((f) => f.rating === 'high' && f.reasoning);
  if (high.length) parts.push(o.lead('How misuse could happen', o.list(high.map((f) => `${o.b(o.t(lower(f.term.label)))}: ${o.inline(f.reasoning!)}`))));
  if (model.ratchet.position) {
    parts.push(o.t(`Misuse of this kind of capability is currently at the “${inSentence(model.ratchet.position.label)}” stage (${model.ratchet.index + 1} of ${RATCHET_POSITIONS.length}, from no known interest to sustained use).`) + (model.ratchet.rationale ? ` ${capFirst(o.inline(model.ratchet.rationale))}` : ''));
  }
  const indirect = authorBlock(o, model, 'indirect-harms');
  if (indirect) parts.push(o.lead('Indirect harms', indirect));

  const limits: string[] = [];
  for (const s of model.safeguards.filter((x) => x.status === 'planned')) limits.push(o.t(`${lower(s.term.label)} is planned but not yet in place${s.due ? ` (due ${s.due})` : ''}${s.detail ? `: ${s.detail}` : ''}.`));
  for (const s of model.safeguards.filter((x) => x.status === 'not-implemented')) limits.push(o.t(`${lower(s.term.label)} would apply but is not implemented${s.detail ? `: ${s.detail}` : ''}.`));
  for (const s of model.safeguards.filter((x) => x.status === 'implemented' && x.enforced === 'released-code')) limits.push(o.t(`${lower(s.term.label)} is enforced by the released code, so whoever modifies the code can remove it.`));
  if (synthetic) for (const s of model.safeguards.filter((x) => !x.status)) limits.push(o.t(`The release plan does not say whether ${inSentence(s.term.label)} is used.`));
  const unknown = model.factors.filter((f) => f.rating === 'unknown');
  if (unknown.length) limits.push(o.t(`The authors could not yet judge: ${joinWords(unknown.map((f) => inSentence(f.term.label)))}.`));
  if (limits.length) parts.push(o.lead('Limitations of the safeguards', o.list(limits)));
  const detection = authorBlock(o, model, 'detection-guidance');
  if (detection) parts.push(o.lead('Recognising generated output', detection));
  else if (synthetic) gap('the Detection guidance section is missing or still a placeholder.');

  parts.push('### Recommendations');
  const recs: string[] = [];
  const mitigations = authorBlock(o, model, 'mitigations');
  if (mitigations) recs.push(mitigations);
  else gap(`the Mitigations section of ${model.fileNames.impact} is missing or still a placeholder.`);
  const access = model.timeline.filter((a) => (a.content === 'trained-model' || a.content === 'runnable-system') && a.timing);
  if (access.length) recs.push(o.list(access.map((a) => `${o.b(o.t(a.id))}: ${o.t(artifactSentence(a))}.`)));
  const contact: string[] = [];
  if (model.contact) contact.push(`Please report misuse to ${model.contact.replace(/^mailto:/i, '')}.`);
  if (model.withdrawal) contact.push(`If a released artifact is misused: ${model.withdrawal.replace(/\.?\s*$/, '.')}`);
  if (contact.length) recs.push(o.t(contact.join(' ')));
  if (recs.length) parts.push(recs.join('\n\n'));

  return { text: parts.join('\n\n') + '\n', gaps };
}
