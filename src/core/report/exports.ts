/**
 * Text researchers paste into papers and model cards, assembled from their own IMPACT.md and
 * release.yaml:
 *   - a broader-impact statement (Markdown, or LaTeX with `\section*{Broader Impact}`);
 *   - conference checklist answers (NeurIPS: broader impacts, safeguards; ACL Rolling Review's
 *     Responsible NLP checklist: A2 potential risks), each Yes/No/NA with a justification and the
 *     section of the paper it points to;
 *   - a model-card section for a Hugging Face README (out-of-scope use; bias, risks and limitations;
 *     recommendations), under the headings of Hugging Face's model-card template.
 * The author's prose is quoted as written (re-written through markdown-it, so raw HTML and unsafe
 * links never pass); our connecting sentences are short and plain. Placeholders (TODO, scaffold
 * prompts) are never exported: each gap becomes a comment in the output and an entry in `gaps`.
 * Pure functions of the report model.
 */
import { findTerm, PEOPLE_MEDIA_MODALITIES, RATCHET_POSITIONS, SYNTHETIC_MEDIA_MODALITIES } from '../taxonomy';
import { isPlaceholder } from '../completeness';
import type { Marker } from '../impact/model';
import { commentText, escapeLatex, escapeMarkdown } from './escape';
import { inlineToLatex, inlineToMarkdown, markdownToLatex, markdownToMarkdown } from './markdown';
import { sectionBody, sectionHasText, type FactorColumn, type HazardRow, type ReportModel, type TimelineArtifact } from './model';

export type ExportFormat = 'md' | 'latex';

export interface ExportResult {
  text: string;
  /** What the assessment does not say yet (also written into the text as comments). */
  gaps: string[];
}

export const EXPORT_KINDS = ['broader-impact', 'checklist', 'model-card'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Formats each export supports; the first is the default. */
export const EXPORT_FORMATS: Record<ExportKind, readonly ExportFormat[]> = {
  'broader-impact': ['md', 'latex'],
  checklist: ['md', 'latex'],
  'model-card': ['md'],
};

/** Default file name of an export. */
export function exportFileName(kind: ExportKind, format: ExportFormat): string {
  const ext = format === 'latex' ? 'tex' : 'md';
  return kind === 'broader-impact' ? `broader-impact.${ext}` : kind === 'checklist' ? `checklist-answers.${ext}` : 'model-card-risks.md';
}

export function renderExport(kind: ExportKind, model: ReportModel, format: ExportFormat = EXPORT_FORMATS[kind][0]): ExportResult {
  if (!EXPORT_FORMATS[kind].includes(format)) throw new Error(`The ${kind} export has no ${format} format (use ${EXPORT_FORMATS[kind].join(' or ')}).`);
  if (kind === 'broader-impact') return broaderImpactStatement(model, format);
  if (kind === 'checklist') return checklistAnswers(model, format);
  return modelCardSection(model);
}

// ---------------------------------------------------------------------------------------------
// A small writer per output language
// ---------------------------------------------------------------------------------------------

interface Out {
  format: ExportFormat;
  /** Our own text, escaped. */
  t(text: string): string;
  b(inner: string): string;
  /** The author's inline Markdown (a rationale). */
  inline(text: string): string;
  /** The author's block Markdown (a section body), placeholders dropped. */
  block(text: string): string;
  /** A lead-in heading for a paragraph group: "Benefits." */
  lead(title: string, body: string): string;
  /** Our sentence followed by the author's block (from `block`). */
  after(sentence: string, body: string): string;
  list(items: string[]): string;
  comment(text: string): string;
}

/**
 * Whether Markdown from `markdownToMarkdown` opens with a block of its own (a list, a quote, a code
 * fence, a heading written as a bold line) rather than a paragraph. Such a block cannot go on after
 * our words on the same line: mid-line a fence is no fence, and its verbatim content (a `<script>`
 * in the author's code, say) would be read as Markdown and raw HTML.
 */
function opensBlock(body: string): boolean {
  return /^[-*>\d`|]/.test(body);
}

const MD: Out = {
  format: 'md',
  t: escapeMarkdown,
  b: (inner) => `**${inner}**`,
  inline: (text) => inlineToMarkdown(text).replace(/\s*\n\s*/g, ' '),
  block: (text) => markdownToMarkdown(text, { dropPlaceholders: true }),
  lead: (title, body) => MD.after(`**${escapeMarkdown(title)}.**`, body),
  after: (sentence, body) => (opensBlock(body) ? `${sentence}\n\n${body}` : `${sentence} ${body}`),
  list: (items) => items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n'),
  comment: (text) => `<!-- ${commentText(text)} -->`,
};

const TEX: Out = {
  format: 'latex',
  t: escapeLatex,
  b: (inner) => `\\textbf{${inner}}`,
  inline: (text) => inlineToLatex(text).replace(/\s*\n\s*/g, ' '),
  block: (text) => markdownToLatex(text, { dropPlaceholders: true }),
  lead: (title, body) => `\\paragraph{${escapeLatex(title)}.} ${body}`,
  after: (sentence, body) => `${sentence} ${body}`,
  list: (items) => `\\begin{itemize}\n${items.map((i) => `  \\item ${i.replace(/\n/g, '\n  ')}`).join('\n')}\n\\end{itemize}`,
  comment: (text) => `% ${commentText(text)}`,
};

function writer(format: ExportFormat): Out {
  return format === 'latex' ? TEX : MD;
}

/** "Adversary Attention" → "Adversary attention"; acronyms stay ("Actual ROI"). */
function lower(label: string): string {
  return label
    .split(' ')
    .map((w, i) => (i === 0 || /^[A-Z]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

/** A label inside a sentence: "talent pipeline", "actual ROI". */
function inSentence(label: string): string {
  return label
    .split(' ')
    .map((w) => (/^[A-Z]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

/** The author's text used as a sentence of its own: capital first letter. */
function capFirst(text: string): string {
  return text.replace(/^([\s*_`]*)(\p{Ll})/u, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** The author's text of a section, or undefined when it is missing or only placeholders. */
function authorBlock(o: Out, model: ReportModel, id: string): string | undefined {
  if (!sectionHasText(model.impact, id)) return undefined;
  const body = sectionBody(model.impact, id);
  const text = body ? o.block(body).trim() : '';
  return text || undefined;
}

function header(o: Out, model: ReportModel, what: string): string {
  return o.comment(
    `${what}, assembled by Impact Notes on ${model.today} from ${model.fileNames.impact}${model.hasRelease ? ` and ${model.fileNames.release}` : ''}. The prose is the authors' own; edit it here or in ${model.fileNames.impact} and export again.`,
  );
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function appliesPhrase(h: HazardRow): string {
  return h.applies === 'yes' ? 'applies' : h.applies === 'unsure' ? 'may apply' : 'does not apply';
}

function ratingWord(f: FactorColumn): string {
  return f.rating === 'not-applicable' ? 'not applicable' : f.rating;
}

const DISTRIBUTION_PHRASE: Record<string, string> = {
  public: 'to the public',
  'ask-for-access': 'on request, to approved applicants',
  'safety-levels': 'by safety level, to vetted recipients',
  'access-community': 'to a trusted access community',
  hosted: "only through the authors' own hosted service or API",
  private: 'not released (kept by the authors)',
};

function distributionPhrase(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return DISTRIBUTION_PHRASE[id] ?? id;
}

/** "released in stages: on 2027-01-15, small model (90M), on request…; after “detector published”, full model (1.2B)". */
function artifactSentence(a: TimelineArtifact): string {
  const when = (ev: TimelineArtifact['events'][number]) =>
    ev.when === 'date' ? `on ${ev.date}` : ev.when === 'event' ? `after “${ev.event}”` : ev.when === 'immediate' ? 'with the paper' : 'at a date not yet set';
  let timing: string;
  switch (a.timing) {
    case 'immediate':
      timing = 'released with the paper';
      break;
    case 'timed':
      timing = a.events[0]?.date ? `released on ${a.events[0].date}` : 'released on a date not yet set';
      break;
    case 'periodic':
      timing = `held back and reconsidered${a.every ? ` every ${a.every}` : ' periodically'}${a.events[0]?.date ? ` (next on ${a.events[0].date})` : ''}`;
      break;
    case 'evented':
      timing = a.events[0]?.event ? `released after “${a.events[0].event}”` : 'released after an event not yet named';
      break;
    case 'staged':
      timing = `released in stages: ${a.events
        .map((ev) => {
          const dist = ev.distribution && ev.distribution !== a.distribution ? ` (${distributionPhrase(ev.distribution)})` : '';
          return `${when(ev)}, ${ev.label}${dist}`;
        })
        .join('; ')}`;
      break;
    case 'withheld':
      timing = 'withheld, with no release planned';
      break;
    default:
      timing = 'with no release timing yet';
  }
  const dist = distributionPhrase(a.distribution);
  const detail = a.distributionDetail ? ` (${a.distributionDetail})` : '';
  return `${timing}${dist ? `, ${dist}${detail}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Broader-impact statement
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Conference checklist answers
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Model card (Hugging Face README)
// ---------------------------------------------------------------------------------------------

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
