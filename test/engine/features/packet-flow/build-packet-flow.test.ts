/**
 * The facts the packet-flow graph must get right (domain/packet-flow.md, seed-claims.md): no
 * encapsulation in any AKS-managed mode, no kube-proxy with Cilium, SNAT to the node IP only where
 * AKS does it, direct pod reachability only where pods have VNet IPs, route tables only for kubenet
 * and UDR, Unknown shown as unknown, and every node pointing at the attribute it comes from.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPacketFlow } from '../../../../server/src/engine/features/packet-flow/build-packet-flow.js';
import type { FlowEdge, FlowNodeId, PacketFlowGraph } from '../../../../server/src/engine/features/packet-flow/packet-flow-graph.js';
import { analyzeFiles } from '../../../support/engine.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';

function clusterText(networkProfile: string, pool = '', extra = ''): string {
  return `resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks-prod"
  default_node_pool {
    name = "system"
${pool}  }
${extra}  network_profile {
${networkProfile}  }
}
`;
}

async function graphOf(text: string, version = VERSIONS): Promise<{ graph: PacketFlowGraph; text: string }> {
  const result = await analyzeFiles([
    { uri: '/fixture/versions.tf', text: version },
    { uri: '/fixture/main.tf', text },
  ]);
  assert.equal(result.model.clusters.length, 1);
  return { graph: buildPacketFlow(result.model.clusters[0], result.model), text };
}

const edge = (graph: PacketFlowGraph, from: FlowNodeId, to: FlowNodeId): FlowEdge | undefined => graph.edges.find((e) => e.from === from && e.to === to);
const node = (graph: PacketFlowGraph, id: FlowNodeId) => graph.nodes.find((n) => n.id === id);
const allText = (graph: PacketFlowGraph) => [...graph.nodes.flatMap((n) => n.label), ...graph.edges.map((e) => e.label ?? '')].join('\n');

/** The 0-based range of the first occurrence of `needle` in `text` (single line). */
function rangeOf(text: string, needle: string) {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in text`);
  const line = text.slice(0, offset).split('\n').length - 1;
  const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n';

describe('buildPacketFlow', () => {
  it('draws overlay pod-to-pod traffic as routed, never encapsulated', async () => {
    for (const dataPlane of ['azure', 'cilium']) {
      const { graph } = await graphOf(clusterText(`${OVERLAY}    network_data_plane  = "${dataPlane}"\n`));
      assert.equal(graph.ipam, 'overlay');
      assert.equal(edge(graph, 'pods', 'remotePods')?.label, 'Azure overlay routing, not encapsulated');
      assert.equal(edge(graph, 'pods', 'remotePods')?.style, 'solid');
      assert.doesNotMatch(allText(graph), /vxlan|geneve|tunnel/i, dataPlane);
    }
  });

  it('SNATs overlay pod egress to the node IP, and lets nothing outside reach a pod directly', async () => {
    const { graph } = await graphOf(clusterText(OVERLAY));
    assert.equal(edge(graph, 'pods', 'egress')?.label, 'SNAT → node IP');
    assert.equal(edge(graph, 'pods', 'privateNet')?.label, 'SNAT → node IP (outside the pod CIDR)');
    assert.equal(edge(graph, 'privateNet', 'pods'), undefined);
    assert.ok(node(graph, 'pods')?.label.includes('Azure CNI Overlay: IP from pod_cidr 10.244.0.0/16 (AKS default)'));
  });

  it('draws Cilium eBPF without kube-proxy, and kube-proxy with the Azure data plane', async () => {
    const cilium = (await graphOf(clusterText(`${OVERLAY}    network_data_plane  = "cilium"\n    network_policy      = "cilium"\n`))).graph;
    assert.equal(cilium.dataPlane, 'cilium');
    assert.deepEqual(node(cilium, 'dataPlane')?.label, ['Cilium eBPF', 'replaces kube-proxy: no kube-proxy']);
    assert.doesNotMatch(allText(cilium), /kube-proxy \(iptables\)/);
    const azure = (await graphOf(clusterText(OVERLAY))).graph;
    assert.equal(azure.dataPlane, 'azure');
    assert.deepEqual(node(azure, 'dataPlane')?.label, ['kube-proxy (iptables)', 'Azure data plane']);
  });

  it('keeps the pod IP for pod-subnet pods and lets the VNet reach them', async () => {
    const subnet = 'resource "azurerm_subnet" "pods" {\n  name             = "pods"\n  address_prefixes = ["10.2.0.0/16"]\n}\n\n';
    const { graph } = await graphOf(subnet + clusterText('    network_plugin = "azure"\n', '    pod_subnet_id = azurerm_subnet.pods.id\n'));
    assert.equal(graph.ipam, 'podSubnet');
    assert.ok(graph.edges.filter((e) => e.from === 'pods').every((e) => !/SNAT →/.test(e.label ?? '')));
    assert.equal(edge(graph, 'privateNet', 'pods')?.label, 'direct to the pod IP');
    assert.equal(edge(graph, 'pods', 'egress')?.label, 'pod IP kept');
    assert.deepEqual(node(graph, 'pods')?.label, ['Pods', 'Azure CNI pod subnet: VNet IP from the pod subnet', 'subnet azurerm_subnet.pods', '10.2.0.0/16']);
  });

  it('lets the VNet reach node-subnet pods, and SNATs them only beyond the VNet', async () => {
    const { graph } = await graphOf(clusterText('    network_plugin = "azure"\n'));
    assert.equal(graph.ipam, 'nodeSubnet');
    assert.equal(edge(graph, 'privateNet', 'pods')?.label, 'direct to the pod IP');
    assert.equal(edge(graph, 'pods', 'privateNet')?.label, 'pod IP inside the VNet, SNAT → node IP beyond it');
  });

  it('routes kubenet pods through the route table, one route per node', async () => {
    const { graph } = await graphOf(clusterText('    network_plugin = "kubenet"\n'));
    assert.equal(graph.ipam, 'kubenet');
    assert.equal(node(graph, 'podRoutes')?.kind, 'routeTable');
    assert.ok(edge(graph, 'pods', 'podRoutes') && edge(graph, 'podRoutes', 'remotePods'));
    assert.equal(edge(graph, 'pods', 'remotePods'), undefined);
    assert.equal(edge(graph, 'pods', 'egress')?.label, 'SNAT → node IP');
    assert.equal(edge(graph, 'privateNet', 'pods'), undefined);
  });

  it('draws a route table only for kubenet and userDefinedRouting', async () => {
    const tables = async (profile: string) => (await graphOf(clusterText(profile))).graph.nodes.filter((n) => n.kind === 'routeTable').map((n) => n.id);
    assert.deepEqual(await tables('    network_plugin = "kubenet"\n'), ['podRoutes']);
    assert.deepEqual(await tables(`${OVERLAY}    outbound_type       = "userDefinedRouting"\n`), ['egressRoutes']);
    assert.deepEqual(await tables(OVERLAY), []);
    assert.deepEqual(await tables('    network_plugin = "azure"\n'), []);
    assert.deepEqual(await tables('    network_plugin = "none"\n'), []);
  });

  it('leaves cross-node traffic of a BYO CNI to that CNI, dashed', async () => {
    const { graph } = await graphOf(clusterText('    network_plugin = "none"\n'));
    assert.equal(graph.ipam, 'byo');
    assert.deepEqual(edge(graph, 'pods', 'remotePods'), { from: 'pods', to: 'remotePods', label: 'depends on your CNI (it may tunnel)', style: 'dashed' });
  });

  it('follows each outbound type to its public source IP', async () => {
    const egress = async (type: string) => {
      const { graph } = await graphOf(clusterText(`${OVERLAY}    outbound_type       = "${type}"\n`));
      return [node(graph, 'egress')?.label[0], edge(graph, 'egress', 'internet')?.label];
    };
    assert.deepEqual(await egress('loadBalancer'), ['Load balancer outbound rule', 'source: LB outbound public IP']);
    assert.deepEqual(await egress('managedNATGateway'), ['NAT gateway managed by AKS', 'source: NAT gateway public IP']);
    assert.deepEqual(await egress('userAssignedNATGateway'), ['Your NAT gateway', 'source: NAT gateway public IP']);
    assert.deepEqual(await egress('userDefinedRouting'), ['Firewall or virtual appliance', 'source: firewall public IP']);
    assert.deepEqual(await egress('none'), ['No outbound path', undefined]);
  });

  it('shows Unknown values as unknown with the reason, and draws no path it cannot know', async () => {
    const { graph } = await graphOf(
      `variable "plugin" {\n  type = string\n}\n\nvariable "pods" {\n  type = string\n}\n\n${clusterText('    network_plugin = var.plugin\n')}`,
    );
    assert.equal(graph.ipam, 'unknown');
    assert.deepEqual(node(graph, 'pods')?.label, ['Pods', 'addressing unknown (var.plugin has no value: no default, and no var file or --var sets it)']);
    assert.ok(graph.edges.filter((e) => e.from === 'pods').every((e) => e.style === 'dashed' && e.label === 'not known'));
    const overlay = (await graphOf(`variable "pods" {\n  type = string\n}\n\n${clusterText(`${OVERLAY}    pod_cidr            = var.pods\n`)}`)).graph;
    assert.ok(node(overlay, 'pods')?.label.includes('Azure CNI Overlay: IP from pod_cidr unknown (var.pods has no value: no default, and no var file or --var sets it)'));
  });

  it('does not guess the policy engine of a Cilium cluster that does not name one', async () => {
    const { graph } = await graphOf(clusterText(`${OVERLAY}    network_data_plane  = "cilium"\n`));
    assert.deepEqual(node(graph, 'policy')?.label, ['Network policy', 'unknown (network_policy is not set with the Cilium data plane: AKS does not document which engine it stores)']);
    assert.equal(edge(graph, 'policy', 'pods'), undefined);
    const none = (await graphOf(clusterText(OVERLAY))).graph;
    assert.deepEqual(node(none, 'policy')?.label, ['No network policy engine']);
  });

  it('uses the Azure data plane AKS defaults to on azurerm 3.x', async () => {
    const { graph } = await graphOf(clusterText('    network_plugin = "azure"\n'), VERSIONS.replace('~> 4.0', '~> 3.117'));
    assert.equal(graph.dataPlane, 'azure');
  });

  it('points each node at the attribute it comes from', async () => {
    const { graph, text } = await graphOf(clusterText(`${OVERLAY}    network_data_plane  = "cilium"\n    network_policy      = "cilium"\n    outbound_type       = "managedNATGateway"\n`));
    assert.deepEqual(node(graph, 'dataPlane')?.source, { uri: '/fixture/main.tf', range: rangeOf(text, '"cilium"') });
    assert.deepEqual(node(graph, 'egress')?.source, { uri: '/fixture/main.tf', range: rangeOf(text, '"managedNATGateway"') });
    assert.deepEqual(graph.clusterSource, { uri: '/fixture/main.tf', range: rangeOf(text, '"aks"') });
    // An absent attribute points at the block that would hold it.
    assert.deepEqual(node(graph, 'nodes')?.source, { uri: '/fixture/main.tf', range: rangeOf(text, 'default_node_pool') });
  });

  it('lists the effective settings with their values and origins', async () => {
    const { graph } = await graphOf(clusterText(OVERLAY));
    const setting = (name: string) => graph.settings.find((s) => s.name === name);
    assert.equal(setting('network_plugin')?.value, '"azure"');
    assert.equal(setting('outbound_type')?.value, '"loadBalancer"');
    assert.deepEqual(setting('outbound_type')?.origin?.via, [{ label: 'azurerm 4.x default for outbound_type' }]);
    assert.equal(setting('default_node_pool.pod_subnet_id')?.value, 'not set');
    assert.equal(graph.clusterName, 'aks-prod');
  });

  it('names each for_each instance by its own name', async () => {
    const text = `resource "azurerm_kubernetes_cluster" "aks" {\n  for_each = { a = "aks-a", b = "aks-b" }\n  name     = each.value\n  default_node_pool {\n    name = "system"\n  }\n}\n`;
    const result = await analyzeFiles([{ uri: '/fixture/main.tf', text }]);
    assert.deepEqual(
      result.model.clusters.map((c) => [c.address, buildPacketFlow(c, result.model).clusterName]),
      [
        ['azurerm_kubernetes_cluster.aks["a"]', 'aks-a'],
        ['azurerm_kubernetes_cluster.aks["b"]', 'aks-b'],
      ],
    );
  });

  it('draws node-subnet SNAT under Cilium dashed, since Microsoft does not document it', async () => {
    const { graph } = await graphOf(clusterText('    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = "cilium"\n'));
    assert.deepEqual(edge(graph, 'pods', 'egress'), { from: 'pods', to: 'egress', label: 'SNAT → node IP (not documented with Cilium)', style: 'dashed' });
    assert.equal(edge(graph, 'pods', 'privateNet')?.style, 'dashed');
    assert.equal(edge(graph, 'pods', 'remotePods')?.style, 'solid');
  });

  it('says when the nodes have public IPs', async () => {
    const { graph } = await graphOf(clusterText(OVERLAY, '    node_public_ip_enabled = true\n'));
    assert.ok(node(graph, 'nodes')?.label.includes('default pool nodes have public IPs'));
    assert.ok(!node((await graphOf(clusterText(OVERLAY))).graph, 'nodes')?.label.includes('default pool nodes have public IPs'));
  });

  it('says when a cluster stands for an unknown number of instances', async () => {
    const text = `variable "envs" {\n  type = set(string)\n}\n\nresource "azurerm_kubernetes_cluster" "aks" {\n  for_each = var.envs\n  name     = "aks"\n  default_node_pool {\n    name = "system"\n  }\n}\n`;
    const result = await analyzeFiles([{ uri: '/fixture/main.tf', text }]);
    const graph = buildPacketFlow(result.model.clusters[0], result.model);
    assert.equal(graph.instancesUnknown, true);
    assert.equal(graph.title, 'azurerm_kubernetes_cluster.aks (aks), count or for_each not known');
  });

  it('names the settings of an azapi cluster as its body does', async () => {
    const text = `resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks-api"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  body = {
    properties = {
      agentPoolProfiles = [{ name = "system", mode = "System", count = 3 }]
      networkProfile = {
        networkPlugin     = "azure"
        networkPluginMode = "overlay"
        podCidr           = "192.168.0.0/16"
        outboundType      = "loadBalancer"
      }
    }
  }
}
`;
    const { graph } = await graphOf(text);
    assert.match(allText(graph), /IP from podCidr 192\.168\.0\.0\/16/);
    assert.match(allText(graph), /outboundType "loadBalancer"/);
    assert.doesNotMatch(allText(graph), /pod_cidr|outbound_type/);
    assert.ok(graph.settings.some((row) => row.name === 'networkPluginMode'), graph.settings.map((row) => row.name).join(', '));
  });
});
