/**
 * The transport the VS Code client uses: the bundled server forked with --node-ipc answers over
 * Node IPC exactly as over stdio.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { fileUri, SERVER } from '../support/lsp-client.js';

describe('server over Node IPC', () => {
  it('publishes diagnostics to a client that forked it with --node-ipc', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const main = fileUri(resolve('test/fixtures/modules/cilium-calico/main.tf'));
    const published = new Promise<PublishDiagnosticsParams>((done) =>
      connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri === main) done(p);
      }),
    );
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      assert.equal(init.serverInfo?.name, 'aks-netlint');
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: main, languageId: 'terraform', version: 1, text: readFileSync('test/fixtures/modules/cilium-calico/main.tf', 'utf8') },
      });
      assert.deepEqual((await published).diagnostics.map((d) => d.code), ['overlay-mode-case', 'cilium-requires-cilium-policy']);
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await new Promise((done) => child.once('exit', done));
    } finally {
      child.kill();
      connection.dispose();
    }
  });
});
