/**
 * The shape of one export (text researchers paste into papers and model cards, assembled from their
 * own IMPACT.md and release.yaml). Each export is one file in this folder that calls `defineExport`;
 * src/core/exports/index.ts lists them. The CLI's `impact-notes export <kind>`, the editor's export
 * commands (their ids, titles, palette entries and README rows) and the format quick pick all come
 * from that list, so adding an export is one new file, one line in the list, and its test.
 */
import type { ReportModel } from '../report/report-model';

export type ExportFormat = 'md' | 'latex';

/** How a format is named to people (quick picks, messages). */
export const FORMAT_LABEL: Record<ExportFormat, string> = { md: 'Markdown', latex: 'LaTeX' };

export interface ExportResult {
  text: string;
  /** What the assessment does not say yet (also written into the text as comments). */
  gaps: string[];
}

export interface ExportSpec<K extends string = string> {
  /** The CLI's `impact-notes export <kind>`; kebab-case, unique. */
  kind: K;
  /** What the export is, inside a sentence: "broader-impact statement" ("export the …"). */
  title: string;
  /** What the file holds, for the CLI's help: "a broader-impact statement". */
  summary: string;
  /** The formats it can be written in; the first is the default. */
  formats: readonly ExportFormat[];
  /** The file name the editor writes next to the assessment. */
  fileName(format: ExportFormat): string;
  /** The editor's command (package.json and the palette come from it). */
  command: {
    /** `impactNotes.<name>`. */
    id: string;
    /** The palette title, ending in "…" (it asks for the format when there is more than one). */
    title: string;
    /** What it does, for the README's command table. */
    readme?: string;
  };
  /** The text and its gaps. Pure: a function of the report model and the format. */
  render(model: ReportModel, format: ExportFormat): ExportResult;
}

/** Declares an export; keeps its kind's literal type for `ExportKind`. */
export function defineExport<K extends string>(spec: ExportSpec<K>): ExportSpec<K> {
  return spec;
}

/** `.tex` for LaTeX, `.md` for Markdown. */
export function extensionOf(format: ExportFormat): string {
  return format === 'latex' ? 'tex' : 'md';
}
