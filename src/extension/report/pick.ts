/**
 * Which assessment a report or export command is about: the argument (a file or folder URI, or an
 * assessments-tree node), else the active editor's pair, else the only pair in the workspace, else
 * a quick pick. Linting the workspace first when nothing is known yet.
 */
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import { COMMANDS } from '../command-table';
import type { PairState } from '../lint-service';
import type { Services } from '../services';

/** The pair key of a tree node id (`<pair key>` or `<pair key>::…`). */
function pairOfNodeId(services: Services, id: string): PairState | undefined {
  return services.lintService.pairs().find((p) => id === p.key || id.startsWith(`${p.key}::`));
}

export function pairLabel(state: PairState): string {
  return posix.basename(state.folder.path) || state.folder.toString();
}

export async function pickPair(services: Services, arg: unknown, purpose: string): Promise<PairState | undefined> {
  const { lintService } = services;
  if (arg instanceof vscode.Uri) return lintService.pairFor(arg) ?? (await lintService.lintUri(arg));
  if (arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string') {
    const byNode = pairOfNodeId(services, (arg as { id: string }).id);
    if (byNode) return byNode;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme !== 'untitled') {
    const byEditor = lintService.pairFor(active);
    if (byEditor) return byEditor;
  }
  if (lintService.pairs().length === 0) {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Impact Notes: looking for assessments' }, () => lintService.lintWorkspace());
  }
  const pairs = lintService.pairs();
  if (pairs.length === 1) return pairs[0];
  if (pairs.length === 0) {
    const create = 'New Impact Assessment';
    const answer = await services.prompts.showInformationMessage(`There is no impact assessment (IMPACT.md or release.yaml) in this workspace to ${purpose}.`, create);
    if (answer === create) await vscode.commands.executeCommand(COMMANDS.newAssessment.id);
    return undefined;
  }
  const picked = await services.prompts.showQuickPick(
    pairs.map((p) => ({ label: pairLabel(p), description: vscode.workspace.asRelativePath(p.folder), pair: p })),
    { title: `Impact Notes: ${purpose}`, placeHolder: 'Which assessment?' },
  );
  return picked?.pair;
}
