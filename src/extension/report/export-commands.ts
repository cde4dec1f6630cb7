/**
 * The export commands in the editor, one per export of src/core/exports (broader-impact statement,
 * conference checklist answers, model-card section…): the format quick pick lists the export's
 * formats, and the file goes next to the assessment under the export's file name; an existing
 * file is replaced only after the user agrees (through the prompt layer), and the result is opened.
 */
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import { uriExists } from '../workspace-files';
import { todayUtc } from '../../core/engine';
import { buildReport, EXPORT_FORMATS, exportFileName, findExport, FORMAT_LABEL, renderExport, type ExportFormat, type ExportKind } from '../../core/report';
import type { Services } from '../services';
import { pairLabel, pickPair } from './pick';

export interface ExportOptions {
  /** Skip the format question. */
  format?: ExportFormat;
  today?: () => Date;
}

/** Runs one export; returns the written file, or undefined when the user cancelled. */
export async function exportCommand(services: Services, kind: ExportKind, arg: unknown, options: ExportOptions = {}): Promise<vscode.Uri | undefined> {
  const title = findExport(kind)?.title ?? kind;
  const state = await pickPair(services, arg, `export the ${title}`);
  if (!state) return undefined;

  let format = options.format ?? EXPORT_FORMATS[kind][0];
  if (!options.format && EXPORT_FORMATS[kind].length > 1) {
    const picked = await services.prompts.showQuickPick(
      EXPORT_FORMATS[kind].map((f) => ({ label: FORMAT_LABEL[f], description: exportFileName(kind, f), format: f })),
      { title: `Impact Notes: export the ${title}`, placeHolder: 'In which format?' },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  if (!EXPORT_FORMATS[kind].includes(format)) throw new Error(`The ${title} can only be exported as ${EXPORT_FORMATS[kind].map((f) => FORMAT_LABEL[f]).join(' or ')}.`);

  const name = (u: vscode.Uri | undefined) => (u ? posix.basename(u.path) : undefined);
  const model = buildReport({
    result: state.result,
    today: (options.today ?? todayUtc)(),
    folder: pairLabel(state),
    fileNames: { impact: name(state.impactUri), release: name(state.releaseUri) },
  });
  const result = renderExport(kind, model, format);
  const fileName = exportFileName(kind, format);
  const target = vscode.Uri.joinPath(state.folder, fileName);
  if (await uriExists(target)) {
    const replace = 'Replace';
    const answer = await services.prompts.showWarningMessage(`${fileName} already exists in ${vscode.workspace.asRelativePath(state.folder)}. Replace it with a new export?`, replace);
    if (answer !== replace) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  services.log.info(`exported the ${title} to ${vscode.workspace.asRelativePath(target)}`);
  await vscode.window.showTextDocument(target, { preview: false });
  if (result.gaps.length) {
    void services.prompts.showInformationMessage(
      `Exported ${fileName}. ${result.gaps.length === 1 ? 'One part of the assessment is' : `${result.gaps.length} parts of the assessment are`} not written yet; the file marks ${result.gaps.length === 1 ? 'it' : 'them'} with a comment.`,
    );
  }
  return target;
}
