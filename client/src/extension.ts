/**
 * The VS Code extension: starts the bundled language server over IPC, shows its state in the
 * status bar, and registers the commands. It never reads Terraform itself: everything it shows
 * comes from the server (DESIGN.md §2).
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { UNNEEDED_ENVIRONMENT } from '../../server/src/protocol/server-environment';
import { registerCommands } from './commands';
import { PacketFlowPanels } from './packet-flow-panel';
import { ServerStatus } from './server-status';

/** Files the server checks, by name: HashiCorp's extension (or ours) decides the language id. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tf.json' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', pattern: '**/*.tfvars.json' },
];

let client: LanguageClient | undefined;

/** What activate returns: the extension-host tests use it. */
export interface AksNetlintApi {
  client: LanguageClient;
  packetFlow: PacketFlowPanels;
}

export async function activate(context: vscode.ExtensionContext): Promise<AksNetlintApi> {
  const output = vscode.window.createOutputChannel('AKS NetLint', { log: true });
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // The client merges `env` into the extension host's environment; UNNEEDED_ENVIRONMENT's
  // `undefined`s take variables out (server/src/protocol/server-environment.ts says why).
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: UNNEEDED_ENVIRONMENT } },
    debug: { module, transport: TransportKind.ipc, options: { env: UNNEEDED_ENVIRONMENT, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // The server asks for aksNetlint.* per resource through workspace/configuration.
    synchronize: { configurationSection: 'aksNetlint' },
  };
  // The id makes `aksNetlint.trace.server` control the protocol trace in the output channel.
  client = new LanguageClient('aksNetlint', 'AKS NetLint', serverOptions, clientOptions);
  const status = new ServerStatus();
  context.subscriptions.push(output, status, client.onDidChangeState((e) => status.update(e.newState)));
  const packetFlow = new PacketFlowPanels(context, () => client!);
  context.subscriptions.push(packetFlow);
  registerCommands(context, () => client!, output, packetFlow);
  status.update(State.Starting);
  await client.start();
  return { client, packetFlow };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
