/**
 * The broader-impact statement: a section for a paper (Markdown, or LaTeX with
 * `\section*{Broader Impact}`) made of the authors' Benefits, hazards, paths to harm, safeguards and
 * release decision, in that order.
 */
import { RATCHET_POSITIONS, SYNTHETIC_MEDIA_MODALITIES } from '../taxonomy';
import type { ReportModel } from '../report/report-model';
import { defineExport, extensionOf, type ExportFormat, type ExportResult } from './export-spec';
import { appliesPhrase, artifactSentence, authorBlock, capFirst, header, inSentence, joinWords, lower, ratingWord, writer } from './prose';

export const broaderImpact = defineExport({
  kind: 'broader-impact',
  title: 'broader-impact statement',
  summary: 'a broader-impact statement',
  formats: ['md', 'latex'],
  fileName: (format) => `broader-impact.${extensionOf(format)}`,
  command: {
    id: 'impactNotes.exportBroaderImpact',
    title: 'Export Broader-Impact Statement…',
    readme: 'A broader-impact section in Markdown or LaTeX, assembled from your own words in IMPACT.md.',
  },
  render: (model, format) => broaderImpactStatement(model, format),
});

export function broaderImpactStatement(model: ReportModel, format: ExportFormat): ExportResult {
  const o = writer(format);
  const gaps: string[] = [];
  const parts: string[] = [];
  const gap = (what: string) => {
    gaps.push(what);
    parts.push(o.comment(`Impact Notes: ${what}`));
  };
  parts.push(format === 'latex' ? '\\section*{Broader Impact}' : '## Broader Impact');
  parts.push(header(o, model, 'Broader-impact statement'));

  // Benefits.
  const benefits = authorBlock(o, model, 'benefits');
  if (benefits) parts.push(o.lead('Benefits', benefits));
  else gap(`the Benefits section of ${model.fileNames.impact} is missing or still a placeholder.`);

  // Hazards.
  const assessed = model.hazards.filter((h) => h.applies && h.rationale);
  if (assessed.length) {
    const order = ['yes', 'unsure', 'no'];
    const items = [...assessed]
      .sort((a, b) => order.indexOf(a.applies!) - order.indexOf(b.applies!))
      .map((h) => `${o.b(o.t(lower(h.term.label)))} ${o.t(appliesPhrase(h))}: ${o.inline(h.rationale!)}`);
    parts.push(o.lead('Hazards', `${o.t('We considered three kinds of hazard: software that could be misused as it is, information that helps others build harmful tools, and attention drawn to a harmful use.')}\n\n${o.list(items)}`));
  }
  for (const h of model.hazards.filter((x) => !x.applies || !x.rationale)) {
    gap(`the ${lower(h.term.label)} is not assessed (Applies and a rationale) in ${model.fileNames.impact}.`);
  }
  const harmed = authorBlock(o, model, 'harmed-parties');
  if (harmed) parts.push(o.lead('Who could be harmed', harmed));
  else gap(`the Who could be harmed section of ${model.fileNames.impact} is missing or still a placeholder.`);
  // Indirect harms (Ovadya & Whittlestone 2019, §2.4): the author's words, a dismissal included.
  const indirect = authorBlock(o, model, 'indirect-harms');
  if (indirect) parts.push(o.lead('Indirect harms', indirect));
  else gap(`the Indirect harms section of ${model.fileNames.impact} is missing or still a placeholder.`);

  // Paths to harm.
  const rated = model.factors.filter((f) => ['high', 'medium', 'unknown'].includes(f.rating) && f.reasoning);
  const order = ['high', 'medium', 'unknown'];
  const pathItems = [...rated]
    .sort((a, b) => order.indexOf(a.rating) - order.indexOf(b.rating))
    .map((f) => `${o.b(o.t(lower(f.term.label)))} (${o.t(ratingWord(f))}): ${o.inline(f.reasoning!)}`);
  const low = model.factors.filter((f) => f.rating === 'low').map((f) => inSentence(f.term.label));
  const na = model.factors.filter((f) => f.rating === 'not-applicable').map((f) => inSentence(f.term.label));
  const pathParts: string[] = [];
  if (pathItems.length) pathParts.push(`${o.t('We rated how much this work eases each step from research to real harm. The steps that it eases most:')}\n\n${o.list(pathItems)}`);
  const rest: string[] = [];
  if (low.length) rest.push(`We rated ${joinWords(low)} low.`);
  if (na.length) rest.push(`We judged ${joinWords(na)} not applicable.`);
  if (model.ratchet.position) {
    const pos = model.ratchet.position;
    rest.push(`Of the four stages from no known interest to sustained misuse, the capability is at “${inSentence(pos.label)}” (${model.ratchet.index + 1} of ${RATCHET_POSITIONS.length}).`);
  }
  if (rest.length) pathParts.push(o.t(rest.join(' ')) + (model.ratchet.position && model.ratchet.rationale ? ` ${capFirst(o.inline(model.ratchet.rationale))}` : ''));
  if (pathParts.length) parts.push(o.lead('Paths to harm', pathParts.join('\n\n')));
  const unrated = model.factors.filter((f) => f.rating === 'unrated' || f.rating === 'off-scale' || (['high', 'medium', 'unknown'].includes(f.rating) && !f.reasoning));
  if (unrated.length) gap(`not rated with a reason yet: ${unrated.map((f) => f.term.label).join(', ')}.`);
  if (!model.ratchet.position) gap('no access-ratchet position yet.');

  // Safeguards.
  const safeParts: string[] = [];
  const mitigations = authorBlock(o, model, 'mitigations');
  if (mitigations) safeParts.push(mitigations);
  const guards = model.safeguards.filter((s) => s.status === 'implemented' || s.status === 'planned');
  if (guards.length) {
    safeParts.push(
      `${o.t('Safeguards in the release plan:')}\n\n${o.list(guards.map((s) => `${o.b(o.t(lower(s.term.label)))} (${o.t(s.status === 'implemented' ? 'in place' : `planned${s.due ? `, due ${s.due}` : ''}`)})${s.detail ? `: ${o.t(s.detail)}` : ''}`))}`,
    );
  }
  const detection = authorBlock(o, model, 'detection-guidance');
  if (detection) safeParts.push(o.after(o.t('How output of this method can be recognised:'), detection));
  if (safeParts.length) parts.push(o.lead('Safeguards', safeParts.join('\n\n')));
  if (!mitigations) gap(`the Mitigations section of ${model.fileNames.impact} is missing or still a placeholder.`);
  if (!detection && model.modalities.some((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m))) gap('the Detection guidance section is missing or still a placeholder.');

  // Release decision.
  const releaseParts: string[] = [];
  const plan = authorBlock(o, model, 'release-plan');
  if (plan) releaseParts.push(plan);
  if (model.timeline.length) {
    releaseParts.push(o.list(model.timeline.map((a) => `${o.b(o.t(a.contentLabel ? `${lower(a.contentLabel)}` : a.id))}${a.contentLabel && a.contentLabel.toLowerCase() !== a.id.toLowerCase() ? ` (${o.t(a.id)})` : ''}: ${o.t(artifactSentence(a))}.`)));
  }
  const closing: string[] = [];
  if (model.withdrawal) closing.push(`If a released artifact is misused: ${model.withdrawal.replace(/\.?\s*$/, '.')}`);
  if (model.contact) closing.push(`Misuse can be reported to ${model.contact.replace(/^mailto:/i, '')}.`);
  if (closing.length) releaseParts.push(o.t(closing.join(' ')));
  if (releaseParts.length) parts.push(o.lead('Release', releaseParts.join('\n\n')));
  if (!plan) gap(`the Release plan section of ${model.fileNames.impact} is missing or still a placeholder.`);

  return { text: parts.join('\n\n') + '\n', gaps };
}
