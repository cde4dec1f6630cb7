/**
 * What the view features (tree, hover, completion, CodeLens, status bar) need from the rest of the
 * extension: a structural slice of LintService (src/extension/lint-service.ts), so these modules
 * depend only on the documented API and can be tested with a stand-in.
 */
import type * as vscode from 'vscode';
import type { LintResult } from '../../core/engine';

export interface ViewPair {
  /** The folder's URI as a string. */
  key: string;
  folder: vscode.Uri;
  impactUri?: vscode.Uri;
  releaseUri?: vscode.Uri;
  /** The model card the pair was linted with (named by `model-card:`, or a README.md card beside the pair). */
  cardUri?: vscode.Uri;
  result: LintResult;
}

export interface ViewLintService {
  /** Fires after a pair was linted; undefined when many pairs changed or were cleared. */
  readonly onDidUpdate: vscode.Event<ViewPair | undefined>;
  pairFor(uri: vscode.Uri): ViewPair | undefined;
  pairs(): readonly ViewPair[];
  lintUri(uri: vscode.Uri): Promise<ViewPair | undefined>;
  lintWorkspace(token?: vscode.CancellationToken): Promise<void>;
}

export interface ViewLog {
  error(message: string, err?: unknown): string;
}

export interface ViewServices {
  lintService: ViewLintService;
  log?: ViewLog;
}

/** Runs a promise-returning action and logs (never throws, never leaves a floating promise). */
export function fireAndLog(services: ViewServices, what: string, action: () => PromiseLike<unknown>): void {
  Promise.resolve()
    .then(action)
    .then(undefined, (err: unknown) => {
      if (services.log) services.log.error(what, err);
      else console.error(`Impact Notes: ${what}`, err);
    });
}
