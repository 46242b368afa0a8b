/**
 * The custom request aksNetlint/packetFlow from the real server: the cluster at the cursor, its
 * Mermaid diagram, jump targets and the findings on its path; a picker list when the cursor is
 * outside every cluster of a module with several.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PACKET_FLOW_REQUEST, type PacketFlowResult } from '../../server/src/protocol/packet-flow.js';
import { fileUri, TestClient } from '../support/lsp-client.js';

const MODULE = resolve('test/fixtures/modules/cilium-calico');
const MAIN = fileUri(`${MODULE}/main.tf`);

describe('aksNetlint/packetFlow', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ rootPath: MODULE });
    await client.open(MAIN, readFileSync(`${MODULE}/main.tf`, 'utf8'));
    await client.diagnostics(MAIN);
  });
  after(() => client.stop());

  const request = (params: object) => client.connection.sendRequest(PACKET_FLOW_REQUEST, { textDocument: { uri: MAIN }, ...params }) as Promise<PacketFlowResult>;

  it('draws the cluster at the cursor with its findings and jump targets', async () => {
    const result = await request({ position: { line: 20, character: 10 } });
    assert.deepEqual(result.clusters.map((c) => c.address), ['azurerm_kubernetes_cluster.aks']);
    const diagram = result.diagram!;
    assert.equal(diagram.address, 'azurerm_kubernetes_cluster.aks');
    assert.match(diagram.mermaid, /^flowchart LR\n/);
    assert.match(diagram.mermaid, /dataPlane\["Cilium eBPF<br\/>replaces kube-proxy: no kube-proxy"\]/);
    // Overlay routes pod traffic; it does not tunnel it (seed-claims.md).
    assert.match(diagram.mermaid, /pods -->\|"Azure overlay routing, not encapsulated"\| remotePods/);
    assert.doesNotMatch(diagram.mermaid, /VXLAN|Geneve/i);
    assert.deepEqual(diagram.findings.map((f) => [f.ruleId, f.range.start.line]), [['overlay-mode-case', 18], ['cilium-requires-cilium-policy', 20]]);
    const policy = diagram.links.find((l) => l.nodeId === 'policy');
    assert.ok(policy, `a jump target for the policy node: ${JSON.stringify(diagram.links)}`);
    assert.equal(policy.uri, MAIN);
  });

  it('uses the only cluster when the cursor is outside it, and a named one when asked', async () => {
    assert.equal((await request({ position: { line: 0, character: 0 } })).diagram?.address, 'azurerm_kubernetes_cluster.aks');
    const named = await request({ cluster: 'azurerm_kubernetes_cluster.nope' });
    assert.equal(named.diagram, undefined);
    assert.match(named.message!, /Choose a cluster/);
  });
});
