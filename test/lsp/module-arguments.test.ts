/**
 * Module arguments in the editor, through the real server process: in the caller's file, hover on
 * an argument names the cluster setting it feeds in the called module with its value, completion
 * in its string offers that setting's values, and the quick-fix of a finding placed on an argument
 * edits the caller.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, CompletionRequest, HoverRequest, type CodeAction, type CompletionList, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, TestClient } from '../support/lsp-client.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const CHILD = `variable "network_plugin" {}
variable "mode" {
  default = null
}

resource "azurerm_kubernetes_cluster" "this" {
  name = "aks"
  network_profile {
    network_plugin      = var.network_plugin
    network_plugin_mode = var.mode
  }
}
`;
// Lines 9-12: the module block; network_plugin on line 11, mode on line 12.
const CALLER = `${VERSIONS}module "aks" {\n  source         = "../../modules/aks"\n  network_plugin = "azure"\n  mode           = "Overlay"\n}\n`;

describe('module arguments in the language server', () => {
  let client: TestClient;
  let dir: string;
  let caller: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-arguments-'));
    for (const [name, text] of Object.entries({ 'modules/aks/main.tf': CHILD, 'envs/prod/main.tf': CALLER })) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    client = await TestClient.start({ rootPath: dir });
    caller = fileUri(join(dir, 'envs/prod/main.tf'));
    await client.open(caller, CALLER);
    // The caller is checked through its tree once the workspace's calls are indexed.
    await client.diagnostics(caller, (p) => p.diagnostics.some((d) => d.code === 'overlay-mode-case'));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hovers an argument with the setting it feeds, its docs and its value', async () => {
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: caller }, position: { line: 10, character: 22 } })) as Hover | null;
    assert.deepEqual(hover?.range, { start: { line: 10, character: 2 }, end: { line: 10, character: 26 } });
    const lines = (hover!.contents as MarkupContent).value.split('\n');
    assert.equal(lines[0], '**network_plugin** · `network_profile` · azurerm 4.x');
    assert.ok(lines.includes('- Allowed values: `azure` · `kubenet` · `none` (exact case)'), lines.join('\n'));
    assert.ok(lines.includes('- feeds `network_plugin` of `module.aks.azurerm_kubernetes_cluster.this`: `"azure"`'), lines.join('\n'));
  });

  it('completes the string of an argument with the values of the setting it feeds that the rules accept there', async () => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: caller }, position: { line: 10, character: 22 } })) as CompletionList | null;
    assert.deepEqual(
      list?.items.map((i) => [i.label, i.detail, i.textEdit]),
      [['azure', 'network_plugin · azurerm 4.x', { range: { start: { line: 10, character: 20 }, end: { line: 10, character: 25 } }, newText: 'azure' }]],
      'kubenet is retiring, and the overlay mode the caller sets needs azure',
    );
  });

  it("fixes a finding on an argument in the caller's file", async () => {
    const published = client.latest(caller)!.diagnostics.find((d) => d.code === 'overlay-mode-case')!;
    assert.deepEqual(published.range, { start: { line: 11, character: 19 }, end: { line: 11, character: 28 } });
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: caller },
      range: published.range,
      context: { diagnostics: [published] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred);
    assert.deepEqual(fix?.edit?.documentChanges, [{ textDocument: { uri: caller, version: client.version(caller) }, edits: [{ range: published.range, newText: '"overlay"' }] }]);
  });
});
