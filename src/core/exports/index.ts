/**
 * Every export, in the order the CLI's help, the command palette and the README list them. Adding
 * an export: write `src/core/exports/<kind>.ts` (one `defineExport`), add it here, add its test and
 * snapshots, then `npm run gen` (package.json commands, README). See CONTRIBUTING.md.
 */
import { broaderImpact } from './broader-impact';
import { checklistExport } from './checklist';
import type { ExportFormat, ExportResult, ExportSpec } from './export-spec';
import { modelCard } from './model-card';
import type { ReportModel } from '../report/report-model';

export { FORMAT_LABEL, type ExportFormat, type ExportResult, type ExportSpec } from './export-spec';

export const EXPORTS = [broaderImpact, checklistExport, modelCard] as const;

export type ExportKind = (typeof EXPORTS)[number]['kind'];

export const EXPORT_KINDS: readonly ExportKind[] = EXPORTS.map((e) => e.kind);

/** Formats each export supports; the first is the default. */
export const EXPORT_FORMATS = Object.fromEntries(EXPORTS.map((e) => [e.kind, e.formats])) as Record<ExportKind, readonly ExportFormat[]>;

/** The export of a kind (a CLI argument, a command's), or undefined. */
export function findExport(kind: string): ExportSpec<ExportKind> | undefined {
  return EXPORTS.find((e) => e.kind === kind);
}

function exportOf(kind: ExportKind): ExportSpec<ExportKind> {
  const spec = findExport(kind);
  if (!spec) throw new Error(`There is no export called '${kind}' (use ${EXPORT_KINDS.join(', ')}).`);
  return spec;
}

/** Default file name of an export. */
export function exportFileName(kind: ExportKind, format: ExportFormat): string {
  return exportOf(kind).fileName(format);
}

export function renderExport(kind: ExportKind, model: ReportModel, format: ExportFormat = exportOf(kind).formats[0]): ExportResult {
  const spec = exportOf(kind);
  if (!spec.formats.includes(format)) throw new Error(`The ${kind} export has no ${format} format (use ${spec.formats.join(' or ')}).`);
  return spec.render(model, format);
}

export { checklist, type Answer, type ChecklistAnswer } from './checklist';
