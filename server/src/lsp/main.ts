/**
 * `aks-netlint-ls`: the language server process. Any editor starts it over stdio
 * (`aks-netlint-ls --stdio`); the VS Code client starts it over IPC (`--node-ipc`). The transport
 * comes from the command line (open-connection.ts).
 */
import { startTreeSitterRuntime } from '../host/tree-sitter-runtime.js';
import { limitHeapGrowth } from './memory-policy.js';
import { openConnection } from './open-connection.js';
import { startServer } from './server.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: aks-netlint-ls --stdio | --node-ipc | --socket=<port>\nThe aks-netlint language server (Language Server Protocol).\n');
  process.exit(0);
}

limitHeapGrowth();
const connection = openConnection();
process.on('uncaughtException', (error) => connection.console.error(`aks-netlint: unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => connection.console.error(`aks-netlint: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));

// Serve at once: the workspace is indexed while the parser loads (it answers `initialize` when loaded).
const runtime = startTreeSitterRuntime();
runtime.catch((error) => {
  process.stderr.write(`aks-netlint-ls: cannot load the HCL parser: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
startServer(connection, runtime);
