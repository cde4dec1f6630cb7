/**
 * Fills the official NeurIPS paper checklist (checklist.tex) in place. Each question is
 * `\item {\bf <Title>}` followed by `\item[] Answer: \answerTODO{}` and
 * `\item[] Justification: \justificationTODO{}`. For the questions the assessment and the plan can
 * answer (Broader impacts, Safeguards, and New assets from release.yaml's artifacts), the two TODO
 * macros are replaced and nothing else: every other byte stays. Answers the authors already wrote
 * are left alone unless `force`; where they contradict the plan, that is reported. Pure.
 */
import { checklist, type Answer } from '../exports/checklist';
import { escapeLatex } from '../report/escape';
import type { ReportModel } from '../report/report-model';
import { planArtifacts } from '../rules/pair/read';
import { CARD_KEY } from '../cards/locate';

export interface FilledItem {
  /** 1-based line of the item's Answer line. */
  line: number;
  title: string;
  answer: Answer;
}

export interface ChecklistNote {
  line: number;
  title: string;
  reason: string;
}

export interface Contradiction {
  line: number;
  title: string;
  message: string;
}

export interface FillResult {
  text: string;
  filled: FilledItem[];
  skipped: ChecklistNote[];
  contradictions: Contradiction[];
  /** The questions Impact Notes answers that were not found in the file. */
  missing: string[];
}

interface OurAnswer {
  answer: Answer;
  justification: string;
}

type QuestionId = 'broader-impacts' | 'safeguards' | 'licenses' | 'new-assets';

const QUESTIONS: { id: QuestionId; title: string; match: RegExp }[] = [
  { id: 'broader-impacts', title: 'Broader impacts', match: /^broader\s+impacts?$/i },
  { id: 'safeguards', title: 'Safeguards', match: /^safeguards?$/i },
  { id: 'licenses', title: 'Licenses for existing assets', match: /^licen[cs]es\b/i },
  { id: 'new-assets', title: 'New assets', match: /^new\s+assets?$/i },
];

const MACRO: Record<Answer, string> = { Yes: '\\answerYes{}', No: '\\answerNo{}', NA: '\\answerNA{}' };
const ANSWER_RE = /\\answer(Yes|No|NA)\{\}/;

/** Offset of the first `%` that starts a LaTeX comment in `line` (not `\%`), or the line's length. */
function commentStart(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '%') return i;
  }
  return line.length;
}

/** The answers Impact Notes gives, from the assessment and the plan. */
export function checklistAnswers(model: ReportModel): Partial<Record<QuestionId, OurAnswer>> {
  const out: Partial<Record<QuestionId, OurAnswer>> = {};
  for (const a of checklist(model)) {
    if (a.venue !== 'NeurIPS') continue;
    const just = `${a.justification} See the section “${a.section}”.`;
    if (a.item === 'Broader impacts') out['broader-impacts'] = { answer: a.answer, justification: just };
    if (a.item === 'Safeguards') out.safeguards = { answer: a.answer, justification: just };
  }
  if (model.release?.value !== undefined) {
    const released = planArtifacts(model.release).filter((a) => a.content && a.content !== 'paper' && a.distribution && a.distribution !== 'private');
    if (!released.length) out['new-assets'] = { answer: 'NA', justification: `The release plan (${model.fileNames.release}) releases no new code, data or model.` };
    else {
      const describe = (a: (typeof released)[number]) => {
        const d = a.raw.distribution as Record<string, unknown> | undefined;
        const license = d && typeof d.license === 'string' ? d.license : undefined;
        const card = typeof a.raw[CARD_KEY] === 'string' ? (a.raw[CARD_KEY] as string) : undefined;
        return { id: a.id ?? `artifact ${a.index + 1}`, license, card };
      };
      const items = released.map(describe);
      const unlicensed = items.filter((i) => !i.license);
      const list = items.map((i) => `‘${i.id}’${i.license ? ` (licence ${i.license}${i.card ? `, documented in ${i.card}` : ''})` : ''}`).join(', ');
      if (unlicensed.length)
        out['new-assets'] = {
          answer: 'No',
          justification: `The release plan releases ${list}, but gives no licence for ${unlicensed.map((i) => `‘${i.id}’`).join(', ')}; add one to ${model.fileNames.release} and fill this in again.`,
        };
      else out['new-assets'] = { answer: 'Yes', justification: `The paper releases ${list}; each goes out with its licence stated.` };
    }
  }
  return out;
}

interface Item {
  title: string;
  id?: QuestionId;
  start: number;
  end: number;
}

function itemsIn(text: string): Item[] {
  const re = /\\item\s*\{\\bf\s+([^}]*)\}/g;
  const found: { title: string; start: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const before = text.slice(lineStart, m.index);
    if (commentStart(before) < before.length) continue; // commented out
    found.push({ title: m[1].trim(), start: m.index });
  }
  const endEnum = (from: number) => {
    const e = text.indexOf('\\end{enumerate}', from);
    return e < 0 ? text.length : e;
  };
  return found.map((f, i) => ({
    title: f.title,
    id: QUESTIONS.find((q) => q.match.test(f.title.replace(/\s+/g, ' ')))?.id,
    start: f.start,
    end: Math.min(i + 1 < found.length ? found[i + 1].start : text.length, endEnum(f.start)),
  }));
}

interface LineField {
  /** Offset of the line's content after the `Answer:`/`Justification:` label. */
  valueStart: number;
  /** Offset where the value ends (a comment or the line end). */
  valueEnd: number;
  value: string;
  line: number;
}

function field(text: string, item: Item, label: 'Answer' | 'Justification'): LineField | undefined {
  const re = new RegExp(`\\\\item\\[\\][ \\t]*${label}:`, 'g');
  re.lastIndex = item.start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < item.end) {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    if (commentStart(text.slice(lineStart, m.index)) < m.index - lineStart) continue;
    const valueStart = m.index + m[0].length;
    let lineEnd = text.slice(valueStart).search(/\r\n|\n|\r/);
    lineEnd = lineEnd < 0 ? text.length : valueStart + lineEnd;
    const rest = text.slice(valueStart, lineEnd);
    const valueEnd = valueStart + commentStart(rest);
    return { valueStart, valueEnd, value: text.slice(valueStart, valueEnd), line: text.slice(0, m.index).split(/\r\n|\n|\r/).length };
  }
  return undefined;
}

export function fillChecklist(raw: string, model: ReportModel, options: { force?: boolean } = {}): FillResult {
  const ours = checklistAnswers(model);
  const edits: { start: number; end: number; text: string }[] = [];
  const res: FillResult = { text: raw, filled: [], skipped: [], contradictions: [], missing: [] };
  const seen = new Set<QuestionId>();
  for (const item of itemsIn(raw)) {
    if (!item.id || seen.has(item.id)) continue;
    seen.add(item.id);
    const ans = field(raw, item, 'Answer');
    const just = field(raw, item, 'Justification');
    const line = ans?.line ?? raw.slice(0, item.start).split(/\r\n|\n|\r/).length;
    const our = ours[item.id];
    if (!our) {
      res.skipped.push({
        line,
        title: item.title,
        reason:
          item.id === 'licenses'
            ? 'not filled: the release plan records the licences of what you release, not of the existing assets the paper uses.'
            : `not filled: there is no ${model.fileNames.release} to answer it from.`,
      });
      continue;
    }
    if (!ans) {
      res.skipped.push({ line, title: item.title, reason: 'not filled: no "\\item[] Answer:" line under this question.' });
      continue;
    }
    const todo = ans.value.indexOf('\\answerTODO{}');
    const existing = ANSWER_RE.exec(ans.value);
    let wrote = false;
    if (todo >= 0) {
      edits.push({ start: ans.valueStart + todo, end: ans.valueStart + todo + '\\answerTODO{}'.length, text: MACRO[our.answer] });
      wrote = true;
    } else if (existing) {
      const theirs = existing[1] as Answer;
      if (theirs !== our.answer) {
        const contradicts = our.answer === 'No' || (theirs === 'NA' && our.answer !== 'NA');
        if (contradicts) res.contradictions.push({ line, title: item.title, message: `the checklist answers ${theirs}, but the assessment and the plan say ${our.answer}: ${our.justification}` });
      }
      if (options.force && theirs !== our.answer) {
        edits.push({ start: ans.valueStart + existing.index, end: ans.valueStart + existing.index + existing[0].length, text: MACRO[our.answer] });
        wrote = true;
      } else if (!options.force) res.skipped.push({ line, title: item.title, reason: `already answered ${theirs}; left as written (use --force to replace it).` });
    } else {
      res.skipped.push({ line, title: item.title, reason: 'not filled: the Answer line holds neither \\answerTODO{} nor an answer macro.' });
      continue;
    }
    if (just) {
      const jtodo = just.value.indexOf('\\justificationTODO{}');
      const justText = escapeLatex(our.justification);
      if (jtodo >= 0 && (wrote || options.force)) {
        edits.push({ start: just.valueStart + jtodo, end: just.valueStart + jtodo + '\\justificationTODO{}'.length, text: justText });
      } else if (jtodo < 0 && options.force && wrote) {
        const v = just.value;
        if (!v.trim()) edits.push({ start: just.valueEnd, end: just.valueEnd, text: ` ${justText}` });
        else {
          const lead = v.length - v.trimStart().length;
          const trail = v.length - v.trimEnd().length;
          edits.push({ start: just.valueStart + lead, end: just.valueEnd - trail, text: justText });
        }
      }
    }
    if (wrote) res.filled.push({ line, title: item.title, answer: our.answer });
  }
  for (const q of QUESTIONS) if (ours[q.id] && !seen.has(q.id)) res.missing.push(q.title);
  edits.sort((a, b) => b.start - a.start);
  let text = raw;
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  res.text = text;
  return res;
}
