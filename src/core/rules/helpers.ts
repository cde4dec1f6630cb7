/** Small helpers shared by rules: where to insert sections, which modality a pair is about. */
import { SECTIONS, type SectionDef } from '../taxonomy';
import type { ImpactDoc } from '../impact/impact-doc';
import type { ReleaseDoc } from '../release/release-doc';
import type { TextEdit } from '../types';
import { assessment } from '../assessment/assessment-model';

/** Placeholder written under a new heading: the section's prompt, marked as a prompt to replace. */
export function sectionPlaceholder(def: SectionDef): string {
  return `_TODO: ${def.prompt}_`;
}

/**
 * An edit inserting `## Title` plus body text where the section belongs: before the first present
 * section that comes after it in canonical order, otherwise at the end of the document.
 */
export function insertSectionEdit(doc: ImpactDoc, def: SectionDef, body?: string): TextEdit {
  const eol = doc.source.eol;
  const order = SECTIONS.map((s) => s.id);
  const idx = order.indexOf(def.id);
  const later = doc.sections.find((s) => s.id !== undefined && order.indexOf(s.id) > idx);
  const block = body === '' ? `## ${def.title}` : [`## ${def.title}`, '', body ?? sectionPlaceholder(def)].join(eol);
  if (later) {
    const at = later.range.start;
    return { file: 'impact', range: { start: at, end: at }, newText: block + eol + eol };
  }
  const text = doc.source.text;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const prefix = end === 0 ? '' : eol + eol;
  return { file: 'impact', range: { start: end, end: text.length }, newText: prefix + block + eol };
}

/**
 * The declared modalities, as the assessment model reads them: release.yaml's `modality`, then the
 * Capability and modality section's `Modality:` line. A template prompt declares nothing.
 */
export function detectModalities(doc: ImpactDoc | undefined, release: ReleaseDoc | undefined): string[] {
  return assessment(doc, release).modality.modalities;
}
