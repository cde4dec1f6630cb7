/**
 * The report as plain data, built from one lint result: completeness per section, the hazard ×
 * path-to-harm matrix, the access-ratchet position, the release timeline, the safeguards and the
 * open findings. The HTML, Markdown and LaTeX renderers and the exports all read this model, so
 * they agree with each other and with the tree view (which uses the same completeness functions).
 * Pure: no file system, no clock (today is passed in).
 */
import { assessCompleteness, factorAnswer, hazardAnswer, isPlaceholder, ratchetAnswer, type Applies, type Completeness } from '../completeness';
import type { LintResult } from '../engine';
import { assessment, sectionState } from '../assessment/assessment-model';
import type { ImpactDoc, Section } from '../impact/impact-doc';
import type { ReleaseDoc } from '../release/release-doc';
import { detectModalities } from '../rules/helpers';
import {
  findTerm,
  HAZARD_TYPES,
  PATH_STAGES,
  RATCHET_POSITIONS,
  SAFEGUARDS,
  SECTIONS,
  type PathStageId,
  type Term,
} from '../taxonomy';
import type { OffsetRange } from '../source-text';
import type { FileKind, Finding, Severity } from '../types';
import type { ProvenanceSummary } from '../provenance/credentials';

export interface ReportInput {
  result: LintResult;
  /** "Today": the timeline's marker and the report's date. */
  today: Date;
  /** Name of the folder that holds the pair (shown under the title). */
  folder?: string;
  /** File names shown in finding locations; default IMPACT.md and release.yaml. */
  fileNames?: Partial<Record<FileKind, string>>;
  /** How the plan's samples stand, when it declares content credentials and a host read them. */
  provenance?: ProvenanceSummary;
}

export interface SourceRef {
  file: FileKind;
  range: OffsetRange;
  /** 0-based positions, for editors. */
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface SectionProgress {
  id: string;
  title: string;
  done: number;
  total: number;
  /** "Slottability: no rating on the scale". */
  missing: string[];
  ref?: SourceRef;
}

export interface HazardRow {
  term: Term;
  found: boolean;
  applies?: Applies;
  /** The Applies value as written when it is not yes, no or unsure. */
  appliesText?: string;
  rationale?: string;
  ref?: SourceRef;
}

/** A factor's rating: a rating id, `off-scale` (written but not on the scale) or `unrated`. */
export type RatingValue = 'low' | 'medium' | 'high' | 'unknown' | 'not-applicable' | 'off-scale' | 'unrated';

export interface FactorColumn {
  term: Term;
  stage: PathStageId;
  rating: RatingValue;
  ratingText?: string;
  reasoning?: string;
  ref?: SourceRef;
}

export interface RatchetModel {
  position?: Term;
  /** 0-based index of the position on the ratchet, or -1. */
  index: number;
  written?: string;
  rationale?: string;
  ref?: SourceRef;
}

export type TimelineWhen = 'immediate' | 'date' | 'event' | 'unscheduled';

export interface TimelineEvent {
  when: TimelineWhen;
  /** YYYY-MM-DD, when `when` is 'date' (or an immediate release with a release date). */
  date?: string;
  /** The event waited for, when `when` is 'event'. */
  event?: string;
  /** What goes out: "small model (90M)", or the artifact's content label. */
  label: string;
  distribution?: string;
  /** A stage's own access details (process, community, licence, url), joined. */
  detail?: string;
  status?: string;
  /** Why it is unscheduled, e.g. "timed, but no date", or "withheld: <reason>". */
  note?: string;
}

export interface TimelineArtifact {
  id: string;
  content?: string;
  contentLabel?: string;
  timing?: string;
  distribution?: string;
  /** distribution.process / terms / license / reason, joined for tables. */
  distributionDetail?: string;
  /** distribution.terms and license only (the conditions recipients accept). */
  terms?: string;
  status?: string;
  /** `defense` for an artifact released to help defenders. */
  purpose?: string;
  events: TimelineEvent[];
  /** For periodic timing: "every 6 months". */
  every?: string;
  ref?: SourceRef;
}

export interface SafeguardRow {
  term: Term;
  /** implemented, planned, not-implemented, not-applicable, or undefined when the plan does not list it. */
  status?: string;
  /** Where it is enforced: released-code, hosted-service, access-process, license or other. */
  enforced?: string;
  detail?: string;
  due?: string;
  /** Ids of artifacts that list this safeguard. */
  artifacts: string[];
  ref?: SourceRef;
}

export interface FindingRow {
  rule: string;
  severity: Severity;
  message: string;
  file: FileKind | 'workspace';
  /** "IMPACT.md:40:18" (1-based). */
  location: string;
  ref?: SourceRef;
}

export interface ReportModel {
  title: string;
  folder?: string;
  /** YYYY-MM-DD. */
  today: string;
  fileNames: Record<FileKind, string>;
  hasImpact: boolean;
  hasRelease: boolean;
  modalities: string[];
  completeness: Completeness;
  sections: SectionProgress[];
  hazards: HazardRow[];
  factors: FactorColumn[];
  ratchet: RatchetModel;
  timeline: TimelineArtifact[];
  safeguards: SafeguardRow[];
  findings: FindingRow[];
  counts: Record<Severity, number>;
  review?: { level?: string; date?: string; next?: string; reviewers?: string[] };
  contact?: string;
  withdrawal?: string;
  /** Content credentials of the plan's samples (absent unless the plan declares them and they were read). */
  provenance?: ProvenanceSummary;
  /** The parsed documents, for the exports that quote the author's text. */
  impact?: ImpactDoc;
  release?: ReleaseDoc;
}

export const RATING_LABEL: Record<RatingValue, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  unknown: 'unknown',
  'not-applicable': 'n/a',
  'off-scale': 'off scale',
  unrated: 'not rated',
};

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (the yaml library may also hand us a Date). */
export function dateString(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return isoDate(v);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return isoDate(d) === v.trim() ? v.trim() : undefined;
}

/** A value the plan states; a template placeholder ("TODO describe …") states nothing. */
function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() && !isPlaceholder(v) ? v.trim() : undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return dateString(v);
  return undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Record<string, unknown>) : undefined;
}

function sentence(label: string): string {
  return label.charAt(0) + label.slice(1).toLowerCase();
}

/** Text of a section's body (below its heading), the raw Markdown as the author wrote it. */
export function sectionBody(impact: ImpactDoc | undefined, id: string): string | undefined {
  const section = impact?.byId.get(id);
  if (!section || !impact) return undefined;
  return bodyOf(impact, section);
}

function bodyOf(impact: ImpactDoc, section: Section): string {
  const src = impact.source;
  const start = src.lineEnd(section.heading.line);
  return src.text.slice(start, section.range.end).replace(/^\s*\n/, '').trimEnd();
}

/** Whether a section has any real (non-placeholder) text. */
export function sectionHasText(impact: ImpactDoc | undefined, id: string): boolean {
  const section = impact?.byId.get(id);
  if (!section || !impact) return false;
  // As the assessment model reads it: the author's words (an answer, or a dismissal, which is theirs
  // too), never a section that still holds only the template's prompt.
  const state = sectionState(impact, section);
  return state === 'answered' || state === 'dismissed';
}

function ref(file: FileKind, range: OffsetRange | undefined, doc: { source: { positionAt(o: number): { line: number; character: number }; length: number } } | undefined): SourceRef | undefined {
  if (!range || !doc) return undefined;
  if (range.start < 0 || range.end > doc.source.length || range.end < range.start) return undefined;
  return { file, range, start: doc.source.positionAt(range.start), end: doc.source.positionAt(range.end) };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function buildReport(input: ReportInput): ReportModel {
  const { impact, release } = input.result;
  const fileNames: Record<FileKind, string> = {
    impact: input.fileNames?.impact ?? 'IMPACT.md',
    release: input.fileNames?.release ?? 'release.yaml',
    card: input.fileNames?.card ?? 'README.md',
  };
  const impactRef = (r: OffsetRange | undefined) => ref('impact', r, impact);
  const releaseRef = (path: (string | number)[]) => (release?.doc ? ref('release', release.rangeOf(path, 'key'), release) : undefined);

  // Completeness, grouped by section.
  const completeness = assessCompleteness(impact, release);
  const bySection = new Map<string, SectionProgress>();
  const sectionOf = (itemId: string) =>
    itemId.startsWith('hazard:') ? 'hazards' : itemId.startsWith('factor:') ? 'path-to-harm' : itemId === 'ratchet' ? 'access-ratchet' : itemId.replace(/^section:/, '');
  for (const item of completeness.items) {
    const id = sectionOf(item.id);
    let p = bySection.get(id);
    if (!p) {
      const def = SECTIONS.find((s) => s.id === id);
      const section = impact?.byId.get(id);
      p = { id, title: def?.title ?? id, done: 0, total: 0, missing: [], ref: impactRef(section?.heading.range ?? item.range) };
      bySection.set(id, p);
    }
    p.total++;
    if (item.done) p.done++;
    else p.missing.push(item.kind === 'section' ? (item.missing ?? 'missing') : `${sentence(item.label)}: ${item.missing ?? 'missing'}`);
  }
  const sections = SECTIONS.map((s) => bySection.get(s.id)).filter((p): p is SectionProgress => !!p);

  const hazards: HazardRow[] = HAZARD_TYPES.map((term) => {
    const a = hazardAnswer(impact, term, release);
    return {
      term,
      found: a.found,
      applies: a.applies,
      appliesText: a.applies ? undefined : a.appliesText,
      rationale: a.rationale,
      ref: impactRef(a.range),
    };
  });

  const factors: FactorColumn[] = PATH_STAGES.flatMap((stage) =>
    stage.factors.map((term) => {
      const a = factorAnswer(impact, term, release);
      const rating: RatingValue = a.rating ? (a.rating.id as RatingValue) : a.ratingText && !isPlaceholder(a.ratingText) ? 'off-scale' : 'unrated';
      return { term, stage: stage.id, rating, ratingText: a.ratingText, reasoning: a.reasoning, ref: impactRef(a.range) };
    }),
  );

  const r = ratchetAnswer(impact, release);
  const model = assessment(impact, release);
  const ratchet: RatchetModel = {
    position: r.position,
    index: r.position ? RATCHET_POSITIONS.findIndex((t) => t.id === r.position!.id) : -1,
    written: r.positionText,
    rationale: model.ratchet.rationale,
    ref: impactRef(r.range),
  };

  // release.yaml
  /** A stage's own access details, as a distribution's are shown. */
  const accessDetail = (s: Record<string, unknown>): string | undefined =>
    [str(s.process), str(s.community), str(s.license) ? `licence ${str(s.license)}` : undefined, str(s.url)].filter(Boolean).join('; ') || undefined;
  const plan = release && release.value !== undefined ? obj(release.value) : undefined;
  const timeline: TimelineArtifact[] = [];
  const artifacts = Array.isArray(plan?.artifacts) ? (plan!.artifacts as unknown[]) : [];
  artifacts.forEach((raw, i) => {
    const a = obj(raw);
    if (!a) return;
    const id = str(a.id) ?? `artifact ${i + 1}`;
    const content = str(a.content);
    const contentTerm = content ? findTerm('release-content', content) : undefined;
    const timing = obj(a.timing);
    const kindText = str(timing?.kind) ?? (typeof a.timing === 'string' ? str(a.timing) : undefined);
    const kind = kindText ? (findTerm('release-timing', kindText)?.id ?? kindText) : undefined;
    const dist = obj(a.distribution);
    const distText = str(dist?.kind) ?? (typeof a.distribution === 'string' ? str(a.distribution) : undefined);
    const distribution = distText ? (findTerm('release-distribution', distText)?.id ?? distText) : undefined;
    const detailParts = [str(dist?.process), str(dist?.community), str(dist?.reason), str(dist?.terms), str(dist?.license) ? `licence ${str(dist?.license)}` : undefined].filter(Boolean) as string[];
    const label = contentTerm ? sentence(contentTerm.label) : (content ?? id);
    const status = str(a.status);
    const events: TimelineEvent[] = [];
    const released = dateString(a.released);
    switch (kind) {
      case 'immediate':
        events.push({ when: released ? 'date' : 'immediate', date: released, label, distribution, status: status ?? (released ? 'released' : undefined) });
        break;
      case 'timed': {
        const date = dateString(timing?.date);
        events.push(date ? { when: 'date', date, label, distribution, status } : { when: 'unscheduled', label, distribution, status, note: 'timed, but no valid date' });
        break;
      }
      case 'periodic': {
        const next = dateString(timing?.next);
        events.push(next ? { when: 'date', date: next, label: 'next evaluation', distribution, status } : { when: 'unscheduled', label, distribution, note: 'periodic, but no next date' });
        break;
      }
      case 'evented': {
        const ev = str(timing?.event);
        events.push(ev ? { when: 'event', event: ev, label, distribution, status } : { when: 'unscheduled', label, distribution, note: 'evented, but no event named' });
        break;
      }
      case 'staged': {
        const stages = Array.isArray(timing?.stages) ? (timing!.stages as unknown[]) : [];
        for (const st of stages) {
          const s = obj(st);
          if (!s) continue;
          const date = dateString(s.date);
          const after = str(s.after);
          const sd = str(s.distribution);
          const stageDist = sd ? (findTerm('release-distribution', sd)?.id ?? sd) : distribution;
          const stageLabel = str(s.release) ?? label;
          const detail = accessDetail(s);
          if (date) events.push({ when: 'date', date, label: stageLabel, distribution: stageDist, detail, status: str(s.status) });
          else if (after) events.push({ when: 'event', event: after, label: stageLabel, distribution: stageDist, detail, status: str(s.status) });
          else events.push({ when: 'unscheduled', label: stageLabel, distribution: stageDist, detail, status: str(s.status), note: 'stage without a date or event' });
        }
        if (events.length === 0) events.push({ when: 'unscheduled', label, distribution, note: 'staged, but no stages' });
        break;
      }
      case 'withheld': {
        const reason = str(timing?.reason);
        events.push({ when: 'unscheduled', label, distribution, status: status ?? 'withheld', note: reason ? `withheld: ${reason}` : 'withheld, no reason given' });
        break;
      }
      default:
        events.push({ when: 'unscheduled', label, distribution, status, note: kind ? `timing '${kind}' is not a known kind` : 'no timing' });
    }
    timeline.push({
      id,
      content,
      contentLabel: contentTerm ? sentence(contentTerm.label) : content,
      timing: kind,
      distribution,
      distributionDetail: detailParts.join('; ') || undefined,
      terms: [str(dist?.terms), str(dist?.license) ? `licence ${str(dist?.license)}` : undefined].filter(Boolean).join('; ') || undefined,
      status,
      purpose: str(a.purpose),
      events,
      every: kind === 'periodic' ? str(timing?.every) : undefined,
      ref: releaseRef(['artifacts', i, 'id']),
    });
  });

  const guards = obj(plan?.safeguards);
  const safeguards: SafeguardRow[] = SAFEGUARDS.map((term) => {
    const key = guards ? Object.keys(guards).find((k) => findTerm('safeguard', k)?.id === term.id) : undefined;
    const g = key !== undefined ? guards![key] : undefined;
    const go = obj(g);
    // A status the scaffold wrote beside a placeholder detail ("planned", "TODO decide …") is not a decision yet.
    const undecided = typeof go?.detail === 'string' && isPlaceholder(go.detail) && !str(go?.reason);
    const status = undecided ? undefined : str(go?.status) ?? (typeof g === 'string' ? str(g) : undefined);
    const listing = artifacts
      .map((raw) => obj(raw))
      .filter((a): a is Record<string, unknown> => !!a && Array.isArray(a.safeguards) && (a.safeguards as unknown[]).some((s) => typeof s === 'string' && findTerm('safeguard', s)?.id === term.id))
      .map((a) => str(a.id) ?? '?');
    return {
      term,
      status,
      enforced: str(go?.enforced),
      detail: str(go?.detail) ?? str(go?.reason),
      due: dateString(go?.due),
      artifacts: listing,
      ref: key !== undefined ? releaseRef(['safeguards', key]) : undefined,
    };
  });

  const findings: FindingRow[] = [...input.result.findings]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start - b.range.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
    .map((f) => findingRow(f, fileNames));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;

  const review = obj(plan?.review);
  const withdrawal = plan?.withdrawal;
  const title = documentTitle(impact, plan, input.folder);
  return {
    title,
    folder: input.folder,
    today: isoDate(input.today),
    fileNames,
    hasImpact: !!impact,
    hasRelease: !!release,
    modalities: detectModalities(impact, release),
    completeness,
    sections,
    hazards,
    factors,
    ratchet,
    timeline,
    safeguards,
    findings,
    counts,
    review: review
      ? {
          level: str(review.level),
          date: dateString(review.date),
          next: dateString(review.next),
          reviewers: Array.isArray(review.reviewers) ? (review.reviewers as unknown[]).map(str).filter((x): x is string => !!x) : undefined,
        }
      : undefined,
    contact: str(plan?.contact),
    withdrawal: str(withdrawal) ?? str(obj(withdrawal)?.plan),
    provenance: input.provenance,
    impact,
    release,
  };
}

function findingRow(f: Finding, names: Record<FileKind, string>): FindingRow {
  const name = f.file === 'workspace' ? f.path.split(/[\\/]/).pop() || f.path : names[f.file];
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: f.file,
    location: `${name}:${f.start.line + 1}:${f.start.character + 1}`,
    ref: f.file === 'workspace' ? undefined : { file: f.file, range: f.range, start: f.start, end: f.end },
  };
}

/** The H1 of IMPACT.md without an "Impact assessment:" prefix, else the plan's title, else the folder. */
function documentTitle(impact: ImpactDoc | undefined, plan: Record<string, unknown> | undefined, folder: string | undefined): string {
  const h1 = impact?.title?.text.replace(/^\s*impact\s+assessment\s*[:—–-]\s*/i, '').trim();
  return h1 || str(plan?.title) || folder || 'Impact assessment';
}

/** " (licence MIT; https://…)" after a timeline entry whose stage carries its own access details, else "". */
export function stageAccess(ev: TimelineEvent): string {
  return ev.detail ? ` (${ev.detail})` : '';
}

/** "released code" for `released-code`: where a safeguard is enforced, as words. */
export function enforcedLabel(id: string): string {
  const term = findTerm('safeguard-enforcement', id);
  return term ? term.label.toLowerCase() : id;
}

/** "implemented (due 2027-01-01; enforced: hosted service)", or "not listed". */
export function safeguardStatusText(s: SafeguardRow): string {
  const extra = [s.due ? `due ${s.due}` : undefined, s.enforced ? `enforced: ${enforcedLabel(s.enforced)}` : undefined].filter(Boolean).join('; ');
  return (s.status ?? 'not listed') + (extra ? ` (${extra})` : '');
}
