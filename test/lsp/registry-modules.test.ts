/**
 * A Microsoft AKS module called from the registry, not installed, in the editor through the real
 * server process: the caller is checked through the module's input map (the finding on the
 * argument passed), hover on an argument names the setting it feeds, and completion offers its
 * values; nothing is published for the input map's own files.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest, type CompletionList, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { PACKET_FLOW_REQUEST, type PacketFlowResult } from '../../server/src/protocol/packet-flow.js';
import { fileUri, TestClient } from '../support/lsp-client.js';

// Line 9: network_policy; line 10: network_plugin.
const CALLER = `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.46" }
  }
}
module "aks" {
  source              = "Azure/aks/azurerm"
  version             = "~> 11.0"
  network_plugin_mode = "overlay"
  network_policy      = "cilium"
  network_plugin      = "azure"
}
`;

// Lines 5-10: network_profile; network_policy on line 9.
const AVM_CALLER = `module "aks" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "~> 0.8"
  name      = "aks"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  network_profile = {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_dataplane   = "cilium"
    network_policy      = "calico"
  }
}
`;

describe('registry modules in the language server', () => {
  let client: TestClient;
  let dir: string;
  let uri: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-registry-'));
    writeFileSync(join(dir, 'main.tf'), CALLER);
    mkdirSync(join(dir, 'avm'));
    writeFileSync(join(dir, 'avm', 'main.tf'), AVM_CALLER);
    client = await TestClient.start({ rootPath: dir });
    uri = fileUri(join(dir, 'main.tf'));
    await client.open(uri, CALLER);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the Cilium policy without the Cilium data plane on the argument', async () => {
    const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'cilium-policy-requires-cilium-dataplane'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'cilium-policy-requires-cilium-dataplane')!;
    assert.deepEqual(diagnostic.range, { start: { line: 9, character: 24 }, end: { line: 9, character: 32 } });
    assert.match(String(diagnostic.message), /^network_policy "cilium" needs network_data_plane "cilium", not "azure"/);
    assert.ok(
      (diagnostic.relatedInformation ?? []).every((r) => r.location.uri === uri),
      'related places in the input map point at the call',
    );
  });

  it('hovers an argument with the setting it feeds in the module', async () => {
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 10, character: 28 } })) as Hover | null;
    const lines = (hover!.contents as MarkupContent).value.split('\n');
    assert.equal(lines[0], '**network_plugin** · `network_profile` · azurerm 4.x');
    assert.ok(lines.includes('- feeds `network_plugin` of `module.aks.azurerm_kubernetes_cluster.main`: `"azure"`'), lines.join('\n'));
  });

  it('completes the values of the setting an argument feeds that the rules accept there', async () => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 10, character: 25 } })) as CompletionList | null;
    assert.deepEqual(
      list?.items.map((i) => [i.label, i.detail]),
      [['azure', 'network_plugin · azurerm 4.x']],
      'the overlay mode the caller sets needs azure',
    );
  });

  it('draws the packet flow of the cluster the call under the cursor creates, with jumps to the call', async () => {
    const result = (await client.connection.sendRequest(PACKET_FLOW_REQUEST, { textDocument: { uri }, position: { line: 7, character: 5 } })) as PacketFlowResult;
    assert.equal(result.diagram?.address, 'module.aks.azurerm_kubernetes_cluster.main');
    assert.deepEqual(result.clusters.map((c) => [c.address, c.uri, c.range.start.line]), [['module.aks.azurerm_kubernetes_cluster.main', uri, 5]]);
    assert.ok(result.diagram!.links.length > 0 && result.diagram!.links.every((l) => l.uri === uri), 'no jump into the input map');
    assert.match(result.diagram!.title, /^module\.aks\.azurerm_kubernetes_cluster\.main/);
  });

  it('explains a member of an AVM network_profile argument as the azapi body field it feeds, and completes its JSON values', async () => {
    const avm = fileUri(join(dir, 'avm', 'main.tf'));
    await client.open(avm, AVM_CALLER);
    const published = await client.diagnostics(avm, (p) => p.diagnostics.some((d) => d.code === 'cilium-requires-cilium-policy'));
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['cilium-requires-cilium-policy', 9, 26, 34]],
    );
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: avm }, position: { line: 9, character: 8 } })) as Hover | null;
    assert.deepEqual(hover?.range, { start: { line: 9, character: 4 }, end: { line: 9, character: 18 } }, 'the member, not the whole argument');
    const lines = (hover!.contents as MarkupContent).value.split('\n');
    assert.equal(lines[0], '**networkPolicy** · `properties.networkProfile.networkPolicy` · AKS API 2026-03-01');
    assert.ok(lines.includes('- feeds `networkPolicy` of `module.aks.azapi_resource.this`: `"calico"`'), lines.join('\n'));
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: avm }, position: { line: 9, character: 27 } })) as CompletionList | null;
    assert.deepEqual(list?.items.map((i) => i.label), ['cilium'], 'the Cilium data plane the caller sets allows only the Cilium policy');
  });
});
