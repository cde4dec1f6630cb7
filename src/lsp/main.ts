/**
 * Entry of the language server bundle (dist/lsp.js): `impact-notes lsp --stdio` loads it lazily
 * (so `lint` never pays for it) and bin/impact-notes-lsp.js starts it directly. The protocol runs on
 * standard input and output; everything the server says to people goes to the client's log.
 */
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';

export function runLanguageServer(): void {
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  // Nothing may write to stdout but the protocol: console output goes to the client's log.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('uncaughtException', (err) => connection.console.error(`impact-notes: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => connection.console.error(`impact-notes: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
  startServer(connection);
  connection.listen();
}

if (require.main === module) runLanguageServer();
