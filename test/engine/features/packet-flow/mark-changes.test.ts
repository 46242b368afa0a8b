/**
 * The diagram with a baseline (issue 13, item 3): the boxes and arrows whose settings changed
 * since HEAD are marked, and only those; the legend lists each change; a change that cannot be
 * known marks nothing; a cluster or pool the baseline lacks is said to be new; an azapi cluster's
 * changes use its JSON names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPacketFlow } from '../../../../server/src/engine/features/packet-flow/build-packet-flow.js';
import type { PacketFlowGraph } from '../../../../server/src/engine/features/packet-flow/packet-flow-graph.js';
import { legendLines, renderMermaid } from '../../../../server/src/engine/features/packet-flow/render-mermaid.js';
import { analyzeFiles } from '../../../support/engine.js';

const MAIN = '/fixture/main.tf';

const cluster = (profile: string, extra = '') => `resource "azurerm_subnet" "a" {
  name                 = "a"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.1.0.0/22"]
}

resource "azurerm_subnet" "b" {
  name                 = "b"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.1.4.0/22"]
}

resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks-prod"
  default_node_pool {
    name           = "system"
    vnet_subnet_id = azurerm_subnet.a.id
  }
  network_profile {
${profile}
  }
}
${extra}`;

const KUBENET = cluster('    network_plugin = "kubenet"\n    network_policy = "calico"\n    outbound_type  = "loadBalancer"');

async function graphOf(text: string, baseline: string): Promise<PacketFlowGraph> {
  const result = await analyzeFiles([{ uri: MAIN, text }], {}, { baseline: [{ uri: MAIN, text: baseline }] });
  return buildPacketFlow(result.model.clusters[0], result.model);
}

const changedNodes = (graph: PacketFlowGraph) => graph.nodes.filter((n) => n.changed).map((n) => n.id);
const changedEdges = (graph: PacketFlowGraph) => graph.edges.filter((e) => e.changed).map((e) => `${e.from}->${e.to}`);

describe('packet flow: what the change alters', () => {
  it('kubenet to overlay with Cilium: the addressing, data plane and policy boxes, and the legend', async () => {
    const now = cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    network_data_plane  = "cilium"\n    network_policy      = "cilium"\n    outbound_type       = "loadBalancer"');
    const graph = await graphOf(now, KUBENET);
    assert.deepEqual(changedNodes(graph), ['dataPlane', 'policy', 'pods', 'remotePods']);
    assert.deepEqual(changedEdges(graph), ['nodes->dataPlane', 'policy->pods', 'pods->remotePods']);
    assert.deepEqual(legendLines(graph.changes!), [
      'Changed since HEAD (0c0ffee)',
      'network_plugin "kubenet" → "azure"',
      'network_plugin_mode not set → "overlay"',
      'network_data_plane "azure" → "cilium"',
      'network_policy "calico" → "cilium"',
    ]);
    const mermaid = renderMermaid(graph);
    assert.match(mermaid, /^ {2}class dataPlane,policy,pods,remotePods,edge\d+,edge\d+,edge\d+ changed$/m);
    assert.match(mermaid, /^ {2}changes\["Changed since HEAD \(0c0ffee\)<br\/>network_plugin #quot;kubenet#quot; → #quot;azure#quot;<br\/>/m);
  });

  it('the node subnet and the outbound type: the nodes and egress boxes', async () => {
    const now = cluster('    network_plugin = "kubenet"\n    network_policy = "calico"\n    outbound_type  = "userDefinedRouting"').replace('vnet_subnet_id = azurerm_subnet.a.id', 'vnet_subnet_id = azurerm_subnet.b.id');
    const graph = await graphOf(now, KUBENET);
    assert.deepEqual(changedNodes(graph), ['nodes', 'egressRoutes', 'egress']);
    assert.deepEqual(changedEdges(graph), ['pods->egressRoutes', 'egressRoutes->egress']);
    assert.deepEqual(graph.changes!.settings, [
      { name: 'outbound_type', before: '"loadBalancer"', after: '"userDefinedRouting"' },
      { name: 'default_node_pool.vnet_subnet_id', before: 'azurerm_subnet.a.id', after: 'azurerm_subnet.b.id' },
    ]);
  });

  it('nothing changed: no legend and no marks', async () => {
    const graph = await graphOf(KUBENET, KUBENET);
    assert.equal(graph.changes, undefined);
    assert.deepEqual([...changedNodes(graph), ...changedEdges(graph)], []);
    assert.doesNotMatch(renderMermaid(graph), /changed|changes/);
  });

  it('a value not known now marks nothing', async () => {
    const now = cluster('    network_plugin = var.plugin\n    network_policy = "calico"\n    outbound_type  = "loadBalancer"', 'variable "plugin" {\n  type = string\n}\n');
    const graph = await graphOf(now, KUBENET);
    assert.equal(graph.changes, undefined);
  });

  it('a cluster the baseline lacks: new, nothing marked', async () => {
    const graph = await graphOf(KUBENET, 'variable "unused" {\n  default = 1\n}\n');
    assert.deepEqual(legendLines(graph.changes!), ['New since HEAD (0c0ffee)', 'this change creates the cluster']);
    assert.deepEqual(changedNodes(graph), []);
  });

  it('a separate pool: its subnet changed, or the pool added', async () => {
    const pool = (name: string, subnet: string) => `resource "azurerm_kubernetes_cluster_node_pool" "${name}" {
  name                  = "${name}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vnet_subnet_id        = azurerm_subnet.${subnet}.id
}
`;
    const graph = await graphOf(cluster('    network_plugin = "kubenet"\n    network_policy = "calico"\n    outbound_type  = "loadBalancer"', pool('user', 'b') + pool('batch', 'a')), cluster('    network_plugin = "kubenet"\n    network_policy = "calico"\n    outbound_type  = "loadBalancer"', pool('user', 'a')));
    assert.deepEqual(changedNodes(graph), ['nodes']);
    assert.deepEqual(legendLines(graph.changes!).slice(1), [
      'node pool azurerm_kubernetes_cluster_node_pool.user: vnet_subnet_id azurerm_subnet.a.id → azurerm_subnet.b.id',
      'node pool azurerm_kubernetes_cluster_node_pool.batch added',
    ]);
  });

  it('an azapi cluster: the legend in the body\'s JSON names', async () => {
    const body = (plugin: string) => `resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks-demo"
  parent_id = "/subscriptions/0000/resourceGroups/rg-demo"
  location  = "westeurope"
  body = {
    properties = {
      networkProfile = {
        networkPlugin = "${plugin}"
        podCidr       = "10.244.0.0/16"
      }
    }
  }
}
`;
    const graph = await graphOf(body('none'), body('kubenet'));
    assert.deepEqual(legendLines(graph.changes!), ['Changed since HEAD (0c0ffee)', 'networkPlugin "kubenet" → "none"']);
  });
});
