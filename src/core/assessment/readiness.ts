/**
 * The one verdict: whether a pair (or a set of pairs) is ready for release. The CLI's exit code,
 * the GitHub Action, the status bar, Check Release Readiness, the CodeLens, the tree and the report
 * header all call `readiness`, so every surface gives the same answer from the same numbers.
 *
 * Not ready when any finding blocks: every error (an unanswered question is an error of the rule
 * that owns it, so an untouched scaffold is never ready), plus warnings of the rules the user lists
 * as blocking (`readiness.blockingWarnings` in the editor), plus, with `maxWarnings`, more warnings
 * than allowed (the CLI's `--max-warnings`). Pure.
 */
import type { Finding, Severity } from '../types';
import { openQuestions, type Assessment, type Question } from './assessment-model';

export interface ReadinessOptions {
  /** Warnings of these rules block too. */
  blockingWarnings?: readonly string[];
  /** More warnings than this block (a negative number or undefined: no limit). */
  maxWarnings?: number;
}

export interface Readiness {
  ready: boolean;
  /** Findings that block, in the order given. */
  blocking: Finding[];
  counts: Record<Severity, number>;
  /** Whether the warnings alone exceed maxWarnings. */
  tooManyWarnings: boolean;
  /** Questions still without a person's answer, across the assessments given. */
  open: Question[];
  /** Counted questions answered / counted questions, across the assessments given. */
  done: number;
  total: number;
  /** One line for people: "Ready for release: nothing blocks." / "Not ready: 22 unanswered questions, 1 more error." */
  summary: string;
}

export function isBlocking(f: Finding, opts: ReadinessOptions = {}): boolean {
  return f.severity === 'error' || (f.severity === 'warning' && !!opts.blockingWarnings?.includes(f.rule));
}

/** The rules that own the assessment's questions: their findings are unanswered questions. */
export const QUESTION_RULES: ReadonlySet<string> = new Set([
  'missing-section',
  'hazard-unassessed',
  'factor-unrated',
  'ratchet-position-missing',
  'detection-guidance-missing',
  'modality-missing',
]);

/** Whether a finding says that a question of the assessment is still unanswered. */
export function isQuestionFinding(f: Finding): boolean {
  return QUESTION_RULES.has(f.rule) || typeof f.data?.question === 'string';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The verdict over the findings of one or more pairs and their assessment models. */
export function readiness(models: Assessment | readonly Assessment[] | undefined, findings: readonly Finding[], opts: ReadinessOptions = {}): Readiness {
  const list = models === undefined ? [] : Array.isArray(models) ? (models as readonly Assessment[]) : [models as Assessment];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const blocking = findings.filter((f) => isBlocking(f, opts));
  const tooManyWarnings = opts.maxWarnings !== undefined && opts.maxWarnings >= 0 && counts.warning > opts.maxWarnings;
  const open = list.flatMap(openQuestions);
  const done = list.reduce((n, a) => n + a.done, 0);
  const total = list.reduce((n, a) => n + a.total, 0);
  const ready = blocking.length === 0 && !tooManyWarnings;
  // Blocking findings that are not about an unanswered question.
  const questionFindings = blocking.filter(isQuestionFinding).length;
  const other = blocking.length - questionFindings;
  let summary: string;
  if (ready) summary = 'Ready for release: nothing blocks.';
  else {
    const parts: string[] = [];
    if (questionFindings) parts.push(plural(questionFindings, 'unanswered question'));
    if (other) parts.push(questionFindings ? `${plural(other, 'more blocking finding')}` : plural(other, 'blocking finding'));
    if (tooManyWarnings) parts.push(`${plural(counts.warning, 'warning')}, above the limit of ${opts.maxWarnings}`);
    summary = `Not ready: ${parts.join(', ')}.`;
  }
  return { ready, blocking, counts, tooManyWarnings, open, done, total, summary };
}
