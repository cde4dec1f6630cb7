/**
 * The extension's one output channel ("Impact Notes"). A LogOutputChannel, so every line carries a
 * timestamp and a level, and the user can raise or lower the level from the channel's menu.
 */
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  /** Also copy lines to the extension host's console (set IMPACT_NOTES_LOG_CONSOLE=1; used by the integration runner when debugging). */
  private readonly mirror: boolean;

  constructor(name = 'Impact Notes', options: { mirror?: boolean } = {}) {
    this.mirror = !!options.mirror;
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  private echo(level: string, message: string): void {
    if (this.mirror) console.log(`[impact-notes ${level}] ${new Date().toISOString()} ${message}`);
  }

  trace(message: string): void {
    this.channel.trace(message);
    this.echo('trace', message);
  }

  info(message: string): void {
    this.channel.info(message);
    this.echo('info', message);
  }

  warn(message: string): void {
    this.channel.warn(message);
    this.echo('warn', message);
  }

  /** Logs an error with its stack; returns the one-line message for showing to the user. */
  error(message: string, err?: unknown): string {
    const detail = err instanceof Error ? err.message : err === undefined ? '' : String(err);
    this.channel.error(detail ? `${message}: ${detail}` : message);
    this.echo('error', detail ? `${message}: ${detail}` : message);
    if (err instanceof Error && err.stack) this.channel.debug(err.stack);
    return detail ? `${message}: ${detail}` : message;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
