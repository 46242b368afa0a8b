/**
 * Module trees in the editor, through the real server process: the workspace's module calls are
 * indexed at startup; an open child module shows its findings in the context of its callers
 * (never its defaults checked alone); the caller's file shows the findings its arguments cause;
 * editing the caller's argument changes the child's diagnostics.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, FULL_CAPABILITIES, messageText, TestClient } from '../support/lsp-client.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const CHILD =
  'variable "plugin" {\n  type    = string\n  default = ""\n}\n\nresource "azurerm_kubernetes_cluster" "this" {\n  name = "aks"\n\n  network_profile {\n    network_plugin = var.plugin\n    network_policy = "Calico"\n  }\n}\n';
const ROOT = (plugin: string) => `${VERSIONS}module "aks" {\n  source = "../../modules/aks"\n  plugin = "${plugin}"\n}\n`;

describe('module trees in the language server', () => {
  let client: TestClient;
  let dir: string;
  const path = (name: string) => join(dir, name);
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-tree-'));
    for (const [name, text] of Object.entries({ 'modules/aks/main.tf': CHILD, 'envs/prod/main.tf': ROOT('azure'), 'envs/dev/main.tf': ROOT('azure') })) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    client = await TestClient.start({ rootPath: dir });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows an open child module its findings through every caller, not its defaults alone', async () => {
    const child = fileUri(path('modules/aks/main.tf'));
    await client.open(child, CHILD);
    const published = await client.diagnostics(child, (p) => p.diagnostics.some((d) => /envs\/dev.*envs\/prod/.test(messageText(d.message))));
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, messageText(d.message)]),
      [
        [
          'value-not-allowed',
          10,
          'network_policy "Calico" must be written "calico": azurerm compares values case-sensitively and terraform plan fails. (via module.aks of envs/dev; module.aks of envs/prod)',
        ],
      ],
    );
    assert.ok(client.logs.some((line) => /indexed module calls of 1 folder\(s\) in \d+ ms: 2 module\(s\) call others/.test(line)), client.logs.join('\n'));
  });

  it("puts a bad argument on the caller's file, and follows an edit of it", async () => {
    const prod = fileUri(path('envs/prod/main.tf'));
    const child = fileUri(path('modules/aks/main.tf'));
    await client.open(prod, ROOT('azure'));
    await client.diagnostics(prod);
    const before = client.published.length;
    // "azure" → "azure-cni" on the argument line.
    await client.change(prod, [{ range: { start: { line: 10, character: 11 }, end: { line: 10, character: 18 } }, text: '"azure-cni"' }]);
    const onCaller = await client.diagnostics(prod, (p) => p.diagnostics.some((d) => d.code === 'value-not-allowed'), before);
    assert.deepEqual(
      onCaller.diagnostics.filter((d) => d.code === 'value-not-allowed').map((d) => [d.range, messageText(d.message)]),
      [[{ start: { line: 10, character: 11 }, end: { line: 10, character: 22 } }, 'network_plugin "azure-cni" is not a value azurerm 4.x accepts ("azure", "kubenet", "none"): terraform plan fails.']],
    );
    assert.deepEqual(
      onCaller.diagnostics[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]),
      [[child, 9, 'network_plugin of module.aks.azurerm_kubernetes_cluster.this takes this value.']],
    );
    // The child's file still has its own finding through both callers, and nothing from the argument.
    const childNow = client.latest(child)!;
    assert.deepEqual(
      childNow.diagnostics.map((d) => d.code),
      ['value-not-allowed'],
    );
    assert.equal(readFileSync(path('envs/prod/main.tf'), 'utf8'), ROOT('azure'), 'nothing is written to disk');
  });

  it('hovers an attribute of a called module with its value through each caller', async () => {
    const child = fileUri(path('modules/aks/main.tf'));
    // network_plugin = var.plugin, line 10 (0-based 9); the callers pass "azure-cni" (prod, edited above) and "azure" (dev).
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: child }, position: { line: 9, character: 6 } })) as { contents: { value: string } };
    const rows = hover.contents.value.split('\n').filter((line) => line.startsWith('- `module.aks'));
    assert.deepEqual(rows, [
      '- `module.aks.azurerm_kubernetes_cluster.this` of envs/dev: `"azure"` from var.plugin set by module.aks in main.tf:11',
      '- `module.aks.azurerm_kubernetes_cluster.this` of envs/prod: `"azure-cni"` from var.plugin set by module.aks in main.tf:11',
    ]);
  });

  it('offers the fix of a finding in a called module, which edits the module itself', async () => {
    const child = fileUri(path('modules/aks/main.tf'));
    const diagnostic = client.latest(child)!.diagnostics.find((d) => d.code === 'value-not-allowed')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: child },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as { title: string; edit: { documentChanges: { textDocument: { uri: string }; edits: { newText: string }[] }[] } }[];
    const fix = actions.find((a) => a.title === 'Write "calico"');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(
      fix.edit.documentChanges.map((c) => [c.textDocument.uri, c.edits.map((e) => e.newText)]),
      [[child, ['"calico"']]],
    );
  });

  it('reports indexing progress to a client that supports it', async () => {
    const created: unknown[] = [];
    const reports: { kind: string; title?: string }[] = [];
    const progress = await TestClient.start({
      rootPath: dir,
      capabilities: { ...FULL_CAPABILITIES, window: { workDoneProgress: true } },
      initializationOptions: { indexProgressAfterMs: 0 },
      handlers: (connection) => {
        connection.onRequest('window/workDoneProgress/create', (params) => {
          created.push(params);
          return null;
        });
        connection.onNotification('$/progress', (params: { value: { kind: string; title?: string } }) => {
          reports.push(params.value);
        });
      },
    });
    try {
      await progress.until('the index log', () => progress.logs.find((line) => line.startsWith('aks-netlint: indexed module calls')));
      await progress.until('the end of progress', () => (reports.some((r) => r.kind === 'end') ? true : undefined));
      assert.equal(created.length, 1);
      assert.deepEqual(
        reports.map((r) => [r.kind, r.title]),
        [
          ['begin', 'aks-netlint: indexing module calls'],
          ['end', undefined],
        ],
      );
    } finally {
      await progress.stop();
    }
  });

  it('reads the modules terraform init installed under TF_DATA_DIR', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-installed-'));
    const manifest = { Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'aks', Source: 'registry.terraform.io/contoso/aks/azurerm', Version: '1.0.0', Dir: 'tfdata/modules/aks' }] };
    const main = `${VERSIONS}module "aks" {\n  source  = "contoso/aks/azurerm"\n  version = "1.0.0"\n  plugin  = "flannel"\n}\n`;
    for (const [name, text] of Object.entries({ 'main.tf': main, 'tfdata/modules/modules.json': JSON.stringify(manifest), 'tfdata/modules/aks/main.tf': CHILD.replace('"Calico"', '"calico"') })) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const installed = await TestClient.start({ rootPath: root, env: { TF_DATA_DIR: 'tfdata' } });
    try {
      const uri = fileUri(join(root, 'main.tf'));
      await installed.open(uri, main);
      const published = await installed.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'value-not-allowed'));
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
        [['value-not-allowed', 11, 12]],
      );
    } finally {
      await installed.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("changes a called module's diagnostics when a caller's argument changes", async () => {
    const root = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-dataplane-'));
    const child = `variable "data_plane" {\n  type = string\n}\n\nresource "azurerm_kubernetes_cluster" "this" {\n  name = "aks"\n\n  network_profile {\n    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    network_data_plane  = var.data_plane\n    network_policy      = "calico"\n  }\n}\n`;
    const caller = (plane: string) => `${VERSIONS}module "aks" {\n  source     = "../../modules/aks"\n  data_plane = "${plane}"\n}\n`;
    for (const [name, text] of Object.entries({ 'modules/aks/main.tf': child, 'envs/prod/main.tf': caller('cilium') })) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const session = await TestClient.start({ rootPath: root });
    try {
      const childUri = fileUri(join(root, 'modules/aks/main.tf'));
      const callerUri = fileUri(join(root, 'envs/prod/main.tf'));
      await session.open(childUri, child);
      await session.open(callerUri, caller('cilium'));
      const before = await session.diagnostics(childUri, (p) => p.diagnostics.some((d) => d.code === 'cilium-requires-cilium-policy'));
      assert.deepEqual(
        before.diagnostics.map((d) => [d.code, d.range.start.line, messageText(d.message).endsWith('(via module.aks of envs/prod)')]),
        [['cilium-requires-cilium-policy', 11, true]],
      );
      const published = session.published.length;
      // "cilium" → "azure" in the caller: the child's finding goes away.
      await session.change(callerUri, [{ range: { start: { line: 10, character: 15 }, end: { line: 10, character: 23 } }, text: '"azure"' }]);
      const after = await session.diagnostics(childUri, (p) => p.diagnostics.length === 0, published);
      assert.deepEqual(after.diagnostics, []);
    } finally {
      await session.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
