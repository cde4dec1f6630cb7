/**
 * The report and the exports (issue 5): a pure core that the CLI (`impact-notes report`,
 * `impact-notes export`) and the editor's report webview and export commands share.
 */
export { buildReport, type ReportInput, type ReportModel } from './report-model';
export { renderReportHtml, contentSecurityPolicy, type HtmlOptions } from './html';
export { renderReportLatex, renderReportMarkdown } from './render-text';
export {
  checklist,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  EXPORTS,
  exportFileName,
  findExport,
  FORMAT_LABEL,
  renderExport,
  type ExportFormat,
  type ExportKind,
  type ExportResult,
  type ExportSpec,
} from '../exports';

export const REPORT_FORMATS = ['html', 'md', 'latex'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
