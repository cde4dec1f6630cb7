/**
 * `impact-notes export model-card --into <README.md>` and `export checklist --into <checklist.tex>`:
 * write into an existing file in place. Only what the core writer changes is changed; a file that
 * is not valid UTF-8 is left alone (decoding it would lose bytes); nothing is written when nothing
 * changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CardMarkerError, undatedSection, writeCardSection } from '../core/cards/write-section';
import { fillChecklist } from '../core/papers/checklist-fill';
import { renderExport, type ReportModel } from '../core/report';
import { UsageError } from './find-pairs';
import type { Io } from './main';

/** Reads a file for an in-place edit: its text, or a usage error (missing, a folder, not UTF-8). */
export function readForEdit(file: string, rel: string): string {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new UsageError(`${rel} is a folder; give the file to write into.`);
    if (!st.isFile()) throw new UsageError(`${rel} is not a regular file.`);
    buf = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${rel} does not exist: --into writes into an existing file (use --out to create a new one).`);
    throw err;
  }
  const text = buf.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(buf)) throw new UsageError(`${rel} is not valid UTF-8 text, so it was not changed.`);
  return text;
}

export interface IntoResult {
  /** 0, or 1 when the file contradicts the plan (checklist answers). */
  exitCode: number;
}

export function exportInto(kind: 'model-card' | 'checklist', model: ReportModel, into: string, io: Io, force: boolean): IntoResult {
  const file = path.resolve(io.cwd, into);
  const rel = path.relative(io.cwd, file) || file;
  const before = readForEdit(file, rel);
  if (kind === 'model-card') {
    const exported = renderExport('model-card', model, 'md');
    let res;
    try {
      res = writeCardSection(before, undatedSection(exported.text));
    } catch (err) {
      if (err instanceof CardMarkerError) throw new UsageError(`${rel}: ${err.message}`);
      throw err;
    }
    if (!res.changed) io.stdout(`${rel} is up to date: the section between the impact-notes markers already says this.\n`);
    else {
      fs.writeFileSync(file, res.text, 'utf8');
      const where = res.where === 'markers' ? 'between its impact-notes markers' : res.where === 'heading' ? `under its heading '${res.heading}'` : 'at its end';
      io.stdout(`Wrote the model-card section into ${rel}, ${where}.\n`);
    }
    for (const g of exported.gaps) io.stderr(`impact-notes: not exported yet: ${g}\n`);
    return { exitCode: 0 };
  }
  const res = fillChecklist(before, model, { force });
  if (res.text !== before) fs.writeFileSync(file, res.text, 'utf8');
  for (const f of res.filled) io.stdout(`${rel}:${f.line}: ${f.title}: answered ${f.answer}.\n`);
  for (const s of res.skipped) io.stderr(`${rel}:${s.line}: ${s.title}: ${s.reason}\n`);
  for (const c of res.contradictions) io.stderr(`${rel}:${c.line}: ${c.title}: ${c.message}\n`);
  if (!res.filled.length && res.text === before) io.stdout(`${rel}: nothing to fill.\n`);
  return { exitCode: res.contradictions.length ? 1 : 0 };
}
