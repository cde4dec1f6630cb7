/**
 * What every feature module receives from `activate()`: `register(context, services)`.
 * Kept in its own file so feature modules do not import extension.ts (no import cycles).
 */
import type * as vscode from 'vscode';
import type { LintService } from './lint-service';
import type { Log } from './log';
import type { Platform } from './platform';
import type { PromptService } from './prompts';

export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  lintService: LintService;
  /** All user prompts go through this (tests swap in a scripted fake). */
  prompts: PromptService;
  /** Folder of the rule pages: the bundled docs/rules/, served read-only (rule-docs.ts). */
  docsBase: vscode.Uri;
  /** What differs between the Node and the web worker extension host. */
  platform: Platform;
}

/** A feature: registers its providers/commands (pushing disposables onto context.subscriptions) and may return an API object for tests. */
export type Feature = (context: vscode.ExtensionContext, services: Services) => unknown;
