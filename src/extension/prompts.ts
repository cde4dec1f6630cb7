/**
 * Every question the extension asks goes through this interface, so integration tests can answer
 * them with a script instead of a person. The default implementation is `vscode.window`; tests
 * install a fake through the extension API (`api.prompts.use(fake)`), and `restore()` puts the real
 * one back.
 */
import * as vscode from 'vscode';

export interface Prompts {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options: vscode.QuickPickOptions & { canPickMany: true }, token?: vscode.CancellationToken): Thenable<T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options?: vscode.QuickPickOptions, token?: vscode.CancellationToken): Thenable<T | undefined>;
  showInputBox(options?: vscode.InputBoxOptions, token?: vscode.CancellationToken): Thenable<string | undefined>;
  showInformationMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined>;
  showWarningMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined>;
  showErrorMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined>;
  showOpenDialog(options?: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
}

/** The real thing. */
export const windowPrompts: Prompts = {
  showQuickPick: ((items: never, options?: never, token?: never) => vscode.window.showQuickPick(items, options, token)) as Prompts['showQuickPick'],
  showInputBox: (options, token) => vscode.window.showInputBox(options, token),
  showInformationMessage: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
  showWarningMessage: (message, ...items) => vscode.window.showWarningMessage(message, ...items),
  showErrorMessage: (message, ...items) => vscode.window.showErrorMessage(message, ...items),
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
};

/**
 * The prompt layer the features hold on to. It forwards to the current implementation, so a test
 * can swap it after the features were registered.
 */
export class PromptService implements Prompts {
  private current: Prompts = windowPrompts;

  use(prompts: Prompts): void {
    this.current = prompts;
  }

  restore(): void {
    this.current = windowPrompts;
  }

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options: vscode.QuickPickOptions & { canPickMany: true }, token?: vscode.CancellationToken): Thenable<T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options?: vscode.QuickPickOptions, token?: vscode.CancellationToken): Thenable<T | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options?: vscode.QuickPickOptions, token?: vscode.CancellationToken): Thenable<T | T[] | undefined> {
    return (this.current.showQuickPick as (i: typeof items, o?: typeof options, t?: typeof token) => Thenable<T | T[] | undefined>)(items, options, token);
  }

  showInputBox(options?: vscode.InputBoxOptions, token?: vscode.CancellationToken): Thenable<string | undefined> {
    return this.current.showInputBox(options, token);
  }

  showInformationMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
    return this.current.showInformationMessage(message, ...items);
  }

  showWarningMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
    return this.current.showWarningMessage(message, ...items);
  }

  showErrorMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
    return this.current.showErrorMessage(message, ...items);
  }

  showOpenDialog(options?: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined> {
    return this.current.showOpenDialog(options);
  }
}
