/**
 * A real LSP client for tests: starts the bundled server (`dist/server.js --stdio`) as a child
 * process and drives it with vscode-languageserver-protocol's client connection, recording every
 * notification so tests can wait for what a user would see.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

export const SERVER = 'dist/server.js';

export const FULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] }, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    synchronization: { didSave: true },
  },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
};

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  /** Answers workspace/configuration (section aksNetlint); undefined = the client has no settings. */
  settings?: (scopeUri: string | undefined) => unknown;
  debounceMs?: number;
  rootPath?: string;
  /** Another build of the server (the one inside the packaged .vsix). */
  serverPath?: string;
  /** An installed executable run as is, its shebang choosing Node (the npm package's bin). */
  command?: string;
  /** More initializationOptions (the server's test and benchmark hooks). */
  initializationOptions?: Record<string, unknown>;
  /** More environment variables for the server process. */
  env?: Record<string, string>;
  /** Registers more handlers before the connection listens (server requests sent at startup). */
  handlers?: (connection: ProtocolConnection) => void;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private waiters: (() => void)[] = [];
  settings: ClientOptions['settings'];

  private constructor(readonly process: ChildProcess, options: ClientOptions) {
    this.settings = options.settings;
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.logs.push(`showMessage: ${params.message}`);
    });
    this.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      this.logs.push(`showMessage: ${params.message}`);
      this.wake();
      return null;
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
      params.items.map((item) => this.settings?.(item.scopeUri) ?? null),
    );
    process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    options.handlers?.(this.connection);
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const [file, args] = options.command ? [options.command, ['--stdio']] : [process.execPath, [options.serverPath ?? SERVER, '--stdio']];
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
    const client = new TestClient(child, options);
    const rootUri = options.rootPath ? pathToFileURL(options.rootPath).href : null;
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: { debounceMs: options.debounceMs ?? 20, ...options.initializationOptions },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `check` returns a value (re-checked on every notification), or fails after `ms`. */
  async until<T>(what: string, check: () => T | undefined, ms = 10000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; published: ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.map((d) => d.code)]))}; logs: ${this.logs.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The latest diagnostics published for a URI. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits for a publish for `uri` after publish number `after` that satisfies `check`. */
  async diagnostics(uri: string, check: (p: PublishDiagnosticsParams) => boolean = () => true, after = 0): Promise<PublishDiagnosticsParams> {
    return this.until(`diagnostics for ${uri}`, () => this.published.slice(after).reverse().find((p) => p.uri === uri && check(p)));
  }

  async open(uri: string, text: string, languageId = 'terraform'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: ({ range: Range; text: string } | { text: string })[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    const exited = this.process.exitCode !== null || this.process.signalCode !== null ? Promise.resolve() : new Promise((resolve) => this.process.once('exit', resolve));
    try {
      // A server that stopped answering must not hang the test run: it is killed below.
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer to shutdown')), 3000)));
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), silent]).finally(() => clearTimeout(timer));
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone, or not answering
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A diagnostic's message as text (LSP 3.18 also allows markup). */
export function messageText(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}
