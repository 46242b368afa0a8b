/**
 * The server's connection, over the transport its command line names, as vscode-languageserver
 * reads it (`--stdio`, `--node-ipc`, `--socket=<port>`, `--pipe=<name>`). Over stdio the input
 * goes through a FramingGuard first (framing-guard.ts): a client that writes one malformed header
 * no longer leaves the server reading garbage for good.
 */
import { Console } from 'node:console';
import { format, inspect } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { FramingGuard } from './framing-guard.js';

export function openConnection(): Connection {
  if (!process.argv.includes('--stdio')) {
    const connection = createConnection(ProposedFeatures.all);
    sendConsoleToClientLog(connection);
    return connection;
  }
  let connection: Connection | undefined;
  // stderr reaches the editor's log even when the protocol does not; the client log as well.
  const report = (message: string) => {
    process.stderr.write(`${message}\n`);
    connection?.console.warn(message);
  };
  const input = new FramingGuard({
    log: report,
    // vscode-languageserver exits (code 1 unless shut down) when its input ends.
    onTruncated: (message) => process.stderr.write(`aks-netlint-ls: ${message}; exiting\n`),
  });
  process.stdin.on('error', (error) => input.destroy(error));
  process.stdin.pipe(input);
  // Given streams, vscode-languageserver still exits when the input ends or closes.
  connection = createConnection(ProposedFeatures.all, input, process.stdout);
  sendConsoleToClientLog(connection);
  return connection;
}

/**
 * Nothing but protocol messages may reach stdout, and stray console output is worth seeing: it
 * goes to the client's log. (vscode-languageserver does this itself only when it opens stdio.)
 */
function sendConsoleToClientLog(connection: Connection): void {
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.dir = (item: unknown, options?: object) => connection.console.log(inspect(item, options));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  // The rest of console's methods write to stdout too: give them a console on stderr.
  const onStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  for (const name of ['dirxml', 'table', 'count', 'countReset', 'group', 'groupCollapsed', 'groupEnd', 'time', 'timeEnd', 'timeLog', 'trace', 'assert'] as const) {
    (console as unknown as Record<string, unknown>)[name] = (onStderr[name] as (...args: unknown[]) => void).bind(onStderr);
  }
}
