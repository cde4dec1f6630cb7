/**
 * The one way the extension registers a command: `registerCommands(context, services, handlers)`
 * binds handlers to records of the command table (command-table.ts) and wraps every one in the same
 * error wrapper: a failure is logged once to the output channel and shown once as a message with
 * "Show Output"; the command then returns undefined instead of rejecting.
 */
import * as vscode from 'vscode';
import { COMMANDS, type CommandKey, type CommandRecord } from './command-table';

export type Handler = (...args: unknown[]) => unknown;

/** What the error wrapper needs: the log and the prompt layer (Services has both). */
export interface CommandServices {
  log: { error(message: string, err?: unknown): string; show(): void };
  prompts: { showErrorMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> };
}

/** `handler` with the error wrapper, for the command `record`. */
export function wrapHandler(services: CommandServices, record: CommandRecord, handler: Handler): Handler {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (err) {
      const message = services.log.error(`${record.title.replace(/…$/, '')} failed`, err);
      const show = 'Show Output';
      void services.prompts.showErrorMessage(`Impact Notes: ${message}`, show).then((a) => {
        if (a === show) services.log.show();
      });
      return undefined;
    }
  };
}

/** Registers one command of the table (a record of COMMANDS or EXPORT_COMMANDS). */
export function registerCommand(context: vscode.ExtensionContext, services: CommandServices, record: CommandRecord, handler: Handler): void {
  context.subscriptions.push(vscode.commands.registerCommand(record.id, wrapHandler(services, record, handler)));
}

/** Registers handlers by command key; returns them (feature APIs hand them to tests). */
export function registerCommands<K extends CommandKey>(
  context: vscode.ExtensionContext,
  services: CommandServices,
  handlers: { [key in K]: Handler },
): { [key in K]: Handler } {
  for (const key of Object.keys(handlers) as K[]) registerCommand(context, services, COMMANDS[key], handlers[key]);
  return handlers;
}
