/**
 * Diagnostics as the user sees them, from the real server process over stdio: codes, messages,
 * exact ranges, links, related information; incremental edits that break and fix a file;
 * multi-file republish; nothing left behind on close.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol/node';
import { fileUri, FULL_CAPABILITIES, messageText, TestClient } from '../support/lsp-client.js';

function copyModule(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-'));
  cpSync(join('test/fixtures/modules', name), dir, { recursive: true });
  return dir;
}

describe('diagnostics over stdio', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = copyModule('cilium-calico');
    client = await TestClient.start({ rootPath: dir });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the findings of an opened file with code, link, exact range and related information', async () => {
    const main = fileUri(join(dir, 'main.tf'));
    await client.open(main, readFileSync(join(dir, 'main.tf'), 'utf8'));
    const published = await client.diagnostics(main);
    assert.equal(published.version, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, d.source, d.range]),
      [
        ['overlay-mode-case', DiagnosticSeverity.Error, 'aks-netlint', { start: { line: 18, character: 26 }, end: { line: 18, character: 35 } }],
        ['cilium-requires-cilium-policy', DiagnosticSeverity.Error, 'aks-netlint', { start: { line: 20, character: 26 }, end: { line: 20, character: 44 } }],
      ],
    );
    const policy = published.diagnostics[1];
    assert.match(messageText(policy.message), /^network_policy "calico" cannot run on the Cilium data plane: .*The value comes from var\.network_policy default in variables\.tf:3, set in terraform\.tfvars:2\.$/);
    assert.equal(policy.codeDescription?.href, 'https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/cilium-requires-cilium-policy.md');
    assert.deepEqual(
      policy.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]),
      [
        [main, 19, 'The Cilium data plane is chosen here.'],
        [fileUri(join(dir, 'terraform.tfvars')), 1, 'The value of network_policy is written here.'],
      ],
    );
  });

  it('publishes every file of the module, empty lists included', async () => {
    for (const name of ['variables.tf', 'versions.tf', 'terraform.tfvars']) {
      const published = await client.diagnostics(fileUri(join(dir, name)));
      assert.deepEqual(published.diagnostics, [], name);
    }
  });

  it('follows incremental edits: breaking a file shows a syntax error, fixing it clears it', async () => {
    const main = fileUri(join(dir, 'main.tf'));
    // Fix the case of "Overlay" by replacing one character.
    let version = await client.change(main, [{ range: { start: { line: 18, character: 27 }, end: { line: 18, character: 28 } }, text: 'o' }]);
    let published = await client.diagnostics(main, (p) => p.version === version);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['cilium-requires-cilium-policy']);
    // Delete the '=' of the network_policy line: the file breaks.
    version = await client.change(main, [{ range: { start: { line: 20, character: 24 }, end: { line: 20, character: 25 } }, text: '' }]);
    published = await client.diagnostics(main, (p) => p.version === version && p.diagnostics.some((d) => d.code === 'hcl-syntax'));
    const syntax = published.diagnostics.find((d) => d.code === 'hcl-syntax')!;
    assert.equal(syntax.severity, DiagnosticSeverity.Error);
    assert.equal(syntax.range.start.line, 20);
    // Once typing pauses, HashiCorp's message (from the hcl2json worker) replaces tree-sitter's.
    published = await client.diagnostics(main, (p) => p.version === version && p.diagnostics.some((d) => d.code === 'hcl-syntax' && messageText(d.message).startsWith('Invalid block definition')));
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'hcl-syntax').map((d) => [messageText(d.message), d.range.start]),
      [['Invalid block definition; Either a quoted string block label or an opening brace ("{") is expected here.', { line: 20, character: 28 }]],
    );
    // Put it back: the syntax error goes, the policy finding returns.
    version = await client.change(main, [{ range: { start: { line: 20, character: 24 }, end: { line: 20, character: 24 } }, text: '=' }]);
    published = await client.diagnostics(main, (p) => p.version === version && !p.diagnostics.some((d) => d.code === 'hcl-syntax'));
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['cilium-requires-cilium-policy']);
  });

  it('re-checks main.tf when an open variables.tf changes', async () => {
    const main = fileUri(join(dir, 'main.tf'));
    const variables = fileUri(join(dir, 'variables.tf'));
    const tfvars = fileUri(join(dir, 'terraform.tfvars'));
    // terraform.tfvars sets network_policy = "calico"; override it in the buffer.
    const text = readFileSync(join(dir, 'terraform.tfvars'), 'utf8');
    await client.open(tfvars, text);
    const count = client.published.length;
    await client.change(tfvars, [{ text: text.replace('"calico"', '"cilium"') }]);
    const published = await client.diagnostics(main, (p) => p.diagnostics.length === 0, count);
    assert.deepEqual(published.diagnostics, []);
    // And variables.tf, open and edited, still matters for service_cidr.
    await client.open(variables, readFileSync(join(dir, 'variables.tf'), 'utf8'));
    const at = client.published.length;
    await client.change(variables, [{ text: readFileSync(join(dir, 'variables.tf'), 'utf8').replace('10.0.0.0/16', '169.254.0.0/16') }]);
    const reserved = await client.diagnostics(main, (p) => p.diagnostics.some((d) => d.code === 'reserved-range'), at);
    assert.match(messageText(reserved.diagnostics.find((d) => d.code === 'reserved-range')!.message), /169\.254\.0\.0\/16/);
    await client.close(variables);
    await client.close(tfvars);
    // Closed: the files on disk count again (calico from terraform.tfvars).
    await client.diagnostics(main, (p) => p.diagnostics.some((d) => d.code === 'cilium-requires-cilium-policy'), at);
  });

  it('re-checks when a closed file changes on disk (file watcher event)', async () => {
    const main = fileUri(join(dir, 'main.tf'));
    writeFileSync(join(dir, 'terraform.tfvars'), 'network_policy = "cilium"\n');
    const at = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, 'terraform.tfvars')), type: 2 }] });
    const published = await client.diagnostics(main, (p) => !p.diagnostics.some((d) => d.code === 'cilium-requires-cilium-policy'), at);
    assert.deepEqual(published.diagnostics, []);
  });

  it('clears every file of the module when its last buffer closes', async () => {
    const main = fileUri(join(dir, 'main.tf'));
    writeFileSync(join(dir, 'terraform.tfvars'), 'network_policy = "calico"\n');
    const changed = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, 'terraform.tfvars')), type: 2 }] });
    await client.diagnostics(main, (p) => p.diagnostics.length > 0, changed);
    const at = client.published.length;
    await client.close(main);
    const cleared = await client.diagnostics(main, (p) => p.diagnostics.length === 0, at);
    assert.equal(cleared.version, undefined);
  });
});

describe('diagnostics for a client without related information', () => {
  it('names the other side in the message instead', async () => {
    const dir = copyModule('cilium-calico');
    const client = await TestClient.start({ capabilities: { ...FULL_CAPABILITIES, textDocument: { publishDiagnostics: {} } } });
    try {
      const main = fileUri(join(dir, 'main.tf'));
      await client.open(main, readFileSync(join(dir, 'main.tf'), 'utf8'));
      const published = await client.diagnostics(main);
      const policy = published.diagnostics.find((d) => d.code === 'cilium-requires-cilium-policy')!;
      assert.equal(policy.relatedInformation, undefined);
      assert.equal(policy.codeDescription, undefined);
      assert.match(messageText(policy.message), /\n- The value of network_policy is written here\. \(terraform\.tfvars:2\)$/);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deprecated attributes', () => {
  it('tags a renamed attribute as Deprecated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-'));
    const client = await TestClient.start();
    try {
      const text = readFileSync('test/fixtures/modules/clean/main.tf', 'utf8').replace('default_node_pool {', 'default_node_pool {\n    enable_node_public_ip = false');
      writeFileSync(join(dir, 'versions.tf'), readFileSync('test/fixtures/modules/clean/versions.tf', 'utf8'));
      const main = fileUri(join(dir, 'main.tf'));
      await client.open(main, text);
      const published = await client.diagnostics(main, (p) => p.diagnostics.some((d) => d.code === 'node-public-ip-renamed'));
      const renamed = published.diagnostics.find((d) => d.code === 'node-public-ip-renamed')!;
      assert.deepEqual(renamed.tags, [DiagnosticTag.Deprecated]);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
