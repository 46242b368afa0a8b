/**
 * Settings through workspace/configuration (and their absence), and a server that stays up: a
 * request that throws, a cancelled request, binary and huge buffers, a file outside any module.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CompletionRequest, ErrorCodes, HoverRequest, LSPErrorCodes, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, FULL_CAPABILITIES, messageText, TestClient } from '../support/lsp-client.js';

const MODULE = resolve('test/fixtures/modules/cilium-calico');
const MAIN = fileUri(`${MODULE}/main.tf`);
const TEXT = readFileSync(`${MODULE}/main.tf`, 'utf8');

describe('settings', () => {
  it('reads aksNetlint.* per resource and republishes when they change', async () => {
    let settings: Record<string, unknown> = { rules: { 'overlay-mode-case': 'off' } };
    const scopes: (string | undefined)[] = [];
    const client = await TestClient.start({
      rootPath: MODULE,
      settings: (scope) => {
        scopes.push(scope);
        return settings;
      },
    });
    try {
      await client.open(MAIN, TEXT);
      let published = await client.diagnostics(MAIN);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['cilium-requires-cilium-policy']);
      assert.ok(scopes.includes(fileUri(MODULE)), `asked for the module's scope: ${scopes.join(', ')}`);
      // A per-rule severity.
      settings = { rules: { 'cilium-requires-cilium-policy': 'warning' } };
      let at = client.published.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      published = await client.diagnostics(MAIN, (p) => p.diagnostics.length === 2, at);
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['overlay-mode-case', 1], ['cilium-requires-cilium-policy', 2]]);
      // Disabled: everything cleared.
      settings = { enable: false };
      at = client.published.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      published = await client.diagnostics(MAIN, (p) => p.diagnostics.length === 0, at);
      assert.deepEqual(published.diagnostics, []);
    } finally {
      await client.stop();
    }
  });

  it('shows "not checked" notes when aksNetlint.reportUnknown is on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-'));
    writeFileSync(join(dir, 'variables.tf'), 'variable "network_policy" {\n  type = string\n}\n');
    writeFileSync(join(dir, 'versions.tf'), readFileSync(`${MODULE}/versions.tf`, 'utf8'));
    const text = TEXT.replace('"Overlay"', '"overlay"');
    let settings = { reportUnknown: false };
    const client = await TestClient.start({ rootPath: dir, settings: () => settings });
    try {
      const main = fileUri(join(dir, 'main.tf'));
      await client.open(main, text);
      assert.deepEqual((await client.diagnostics(main)).diagnostics, []);
      settings = { reportUnknown: true };
      const at = client.published.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const published = await client.diagnostics(main, (p) => p.diagnostics.length > 0, at);
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]), [['value-unknown', 3, 20], ['value-unknown', 3, 22], ['value-unknown', 3, 23]]);
      assert.match(messageText(published.diagnostics[0].message), /var\.network_policy/);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads var files named in the settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-'));
    cpSync(MODULE, dir, { recursive: true });
    writeFileSync(join(dir, 'prod.tfvars'), 'network_policy = "cilium"\n');
    const client = await TestClient.start({ rootPath: dir, settings: () => ({ varFiles: ['prod.tfvars'] }) });
    try {
      const main = fileUri(join(dir, 'main.tf'));
      await client.open(main, TEXT);
      const published = await client.diagnostics(main);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['overlay-mode-case']);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the defaults for a client without workspace/configuration', async () => {
    const client = await TestClient.start({ capabilities: { ...FULL_CAPABILITIES, workspace: {} }, settings: () => ({ enable: false }) });
    try {
      await client.open(MAIN, TEXT);
      const published = await client.diagnostics(MAIN);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['overlay-mode-case', 'cilium-requires-cilium-policy']);
    } finally {
      await client.stop();
    }
  });
});

describe('never down', () => {
  it('answers a request that throws with an error, logs it, and keeps serving', async () => {
    const client = await TestClient.start({ rootPath: MODULE });
    try {
      await client.open(MAIN, TEXT);
      await client.diagnostics(MAIN);
      await assert.rejects(
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MAIN }, position: null as never }),
        (error: { code: number; message: string }) => error.code === ErrorCodes.InternalError && /aks-netlint could not answer textDocument\/hover/.test(error.message),
      );
      assert.ok(client.logs.some((l) => l.includes('textDocument/hover failed')), client.logs.join('\n'));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MAIN }, position: { line: 20, character: 10 } });
      assert.match((hover!.contents as MarkupContent).value, /network_policy/);
    } finally {
      await client.stop();
    }
  });

  it('honours cancellation', async () => {
    const client = await TestClient.start({ rootPath: MODULE });
    try {
      await client.open(MAIN, TEXT);
      await client.diagnostics(MAIN);
      const source = new (await import('vscode-languageserver-protocol/node')).CancellationTokenSource();
      const pending = client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: MAIN }, position: { line: 18, character: 29 } }, source.token);
      source.cancel();
      await assert.rejects(pending, (error: { code: number }) => error.code === LSPErrorCodes.RequestCancelled);
    } finally {
      await client.stop();
    }
  });

  it('gives a binary buffer and a huge buffer one clear diagnostic each, and checks the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-'));
    cpSync(MODULE, dir, { recursive: true });
    const client = await TestClient.start({ rootPath: dir });
    try {
      const binary = fileUri(join(dir, 'blob.tf'));
      await client.open(binary, 'PK\u0003\u0004\u0000\u0000binary');
      const blob = await client.diagnostics(binary);
      assert.deepEqual(blob.diagnostics.map((d) => [d.code, d.range.start.line]), [['file-not-text', 0]]);
      const huge = fileUri(join(dir, 'huge.tf'));
      await client.open(huge, `# ${'x'.repeat(6 * 1024 * 1024)}\n`);
      const big = await client.diagnostics(huge);
      assert.deepEqual(big.diagnostics.map((d) => d.code), ['file-too-large']);
      assert.match(messageText(big.diagnostics[0].message), /This file is 6\.0 MB/);
      // main.tf is still checked.
      const main = await client.diagnostics(fileUri(join(dir, 'main.tf')));
      assert.deepEqual(main.diagnostics.map((d) => d.code), ['overlay-mode-case', 'cilium-requires-cilium-policy']);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers nothing for files it does not check, and keeps serving', async () => {
    const client = await TestClient.start();
    try {
      const readme = fileUri(resolve('README.md'));
      await client.open(readme, '# notes', 'markdown');
      assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: readme }, position: { line: 0, character: 2 } }), null);
      await client.open(MAIN, TEXT);
      assert.ok((await client.diagnostics(MAIN)).diagnostics.length > 0);
      assert.equal(client.published.some((p) => p.uri === readme), false);
    } finally {
      await client.stop();
    }
  });
});
