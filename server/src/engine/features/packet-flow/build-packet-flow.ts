/**
 * buildPacketFlow: the cluster's effective network profile as a small graph of how traffic really
 * travels (domain/packet-flow.md): ingress through the Azure load balancer to the nodes, the data
 * plane and policy engine on the node, pod addressing and cross-node traffic per IPAM mode, the
 * private networks around it, and egress per outbound type. One IPAM panel, one data-plane panel,
 * one egress panel and one ingress panel, composed, because AKS sets those axes independently.
 */
import { toApiNames } from '../../analyze/form-names.js';
import type { AksCluster, AksModel, PoolNetwork, Setting } from '../../aks/model.js';
import { isKnown, knownBoolean, knownString } from '../../aks/model.js';
import { describeSubnet } from './describe-subnets.js';
import { buildEgressPanel } from './egress-panel.js';
import { dataPlaneOf, ipamModeOf, locate, outboundTypeOf, policyOf, showValue, type Decided, type OutboundType, type PolicyEngine } from './effective-network.js';
import { buildIpamPanel } from './ipam-panel.js';
import { markChanges } from './mark-changes.js';
import type { DataPlaneKind, EffectiveSetting, FlowEdge, FlowNode, PacketFlowGraph } from './packet-flow-graph.js';

/** The packet-flow graph of one cluster of the analysed module. */
export function buildPacketFlow(cluster: AksCluster, model: AksModel): PacketFlowGraph {
  const graph = markChanges(buildGraph(cluster, model), cluster, model);
  return cluster.form === 'azapi' ? inApiNames(graph) : graph;
}

/** A graph of an azapi cluster names settings as its body does (`podCidr`, not `pod_cidr`). */
function inApiNames(graph: PacketFlowGraph): PacketFlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({ ...n, label: n.label.map(toApiNames) })),
    edges: graph.edges.map((e) => (e.label === undefined ? e : { ...e, label: toApiNames(e.label) })),
    settings: graph.settings.map((s) => ({ ...s, name: toApiNames(s.name) })),
    ...(graph.changes ? { changes: { ...graph.changes, settings: graph.changes.settings.map((c) => ({ ...c, name: toApiNames(c.name) })) } } : {}),
  };
}

function buildGraph(cluster: AksCluster, model: AksModel): PacketFlowGraph {
  const ipam = ipamModeOf(cluster);
  const dataPlane = dataPlaneOf(cluster);
  const policy = policyOf(cluster, dataPlane);
  const outbound = outboundTypeOf(cluster);
  const pods = buildIpamPanel(cluster, model, ipam, dataPlane);
  const egress = buildEgressPanel(cluster, model, outbound);
  const nodes: FlowNode[] = [
    { id: 'client', kind: 'client', group: 'ingress', label: ['Client', 'internet or private network'] },
    loadBalancerNode(cluster, outbound),
    nodesNode(cluster),
    dataPlaneNode(cluster, dataPlane),
    policyNode(cluster, policy),
    ...pods.nodes,
    { id: 'privateNet', kind: 'privateNetwork', group: 'private', label: ['VNet, peered VNets, on-premises'] },
    ...egress.nodes,
  ];
  const edges: FlowEdge[] = [
    { from: 'client', to: 'lb', label: 'Service type LoadBalancer', style: 'solid' },
    { from: 'lb', to: 'nodes', label: 'to the node NICs (backend pool)', style: 'solid' },
    { from: 'lb', to: 'nodes', label: 'health probe to the Service NodePort', style: 'dashed' },
    { from: 'nodes', to: 'dataPlane', label: 'Service DNAT', style: dataPlane.value === 'unknown' ? 'dashed' : 'solid' },
    { from: 'dataPlane', to: 'pods', label: 'to a ready pod', style: 'solid' },
    ...(policy.value === 'none' || policy.value === 'unknown' ? [] : [{ from: 'policy', to: 'pods', label: 'enforces NetworkPolicy', style: 'dashed' } as FlowEdge]),
    ...pods.edges,
    { from: 'pods', to: egress.entry, label: pods.egressLabel, style: pods.egressStyle },
    ...egress.edges,
  ];
  const clusterName = knownString(cluster.name.value);
  return {
    clusterAddress: cluster.address,
    clusterName,
    instancesUnknown: cluster.uncertain,
    title: `${cluster.address}${clusterName === undefined ? '' : ` (${clusterName})`}${cluster.uncertain ? ', count or for_each not known' : ''}`,
    clusterSource: { uri: cluster.uri, range: cluster.site.labelRange },
    ipam: ipam.value,
    dataPlane: dataPlane.value,
    nodes,
    edges,
    settings: effectiveSettings(cluster),
  };
}

function loadBalancerNode(cluster: AksCluster, outbound: Decided<OutboundType>): FlowNode {
  const { network } = cluster;
  const sku = knownString(network.loadBalancerSku.value);
  // Without network_profile AKS picks the SKU, and since Basic retired (2025-09-30) it can only be Standard.
  const skuLine =
    sku === 'standard'
      ? 'Standard SKU'
      : sku === 'basic'
        ? 'Basic SKU (retired on 2025-09-30)'
        : network.state === 'absent'
          ? 'Standard SKU (AKS default)'
          : `SKU ${showValue(network.loadBalancerSku.value)}`;
  return {
    id: 'lb',
    kind: 'loadBalancer',
    group: 'ingress',
    label: [
      'Azure Load Balancer',
      skuLine,
      'public or internal frontend, chosen per Service',
      ...(outbound.value === 'userDefinedRouting' ? ['replies must not be routed through the firewall'] : []),
    ],
    source: locate(network.loadBalancerSku, network, cluster),
  };
}

function nodesNode(cluster: AksCluster): FlowNode {
  const subnetLines = (pool: PoolNetwork) => {
    const view = describeSubnet(pool.vnetSubnetId, pool.vnetSubnet);
    return view.prefixes ? [view.name, view.prefixes] : [view.name];
  };
  const pools = cluster.nodePools.map((pool) => `node pool ${pool.address}: ${subnetLines(pool.pool).join(' ')}`);
  // A node public IP is an extra way in and out that bypasses the load balancer and the outbound type.
  const { nodePublicIpEnabled, enableNodePublicIp } = cluster.defaultPool;
  const publicIp = knownBoolean(nodePublicIpEnabled.value) === true || knownBoolean(enableNodePublicIp.value) === true;
  return {
    id: 'nodes',
    kind: 'nodes',
    group: 'cluster',
    label: ['Nodes', ...subnetLines(cluster.defaultPool), ...(publicIp ? ['default pool nodes have public IPs'] : []), ...pools],
    source: locate(cluster.defaultPool.vnetSubnetId, cluster.defaultPool, cluster),
  };
}

function dataPlaneNode(cluster: AksCluster, dataPlane: Decided<Exclude<DataPlaneKind, 'unknown'>>): FlowNode {
  const label =
    dataPlane.value === 'azure'
      ? ['kube-proxy (iptables)', 'Azure data plane']
      : dataPlane.value === 'cilium'
        ? ['Cilium eBPF', 'replaces kube-proxy: no kube-proxy']
        : ['Data plane', `unknown (${dataPlane.reason})`];
  return { id: 'dataPlane', kind: 'dataPlane', group: 'cluster', label, source: locate(dataPlaneSetting(cluster), cluster.network, cluster) };
}

function policyNode(cluster: AksCluster, policy: Decided<PolicyEngine>): FlowNode {
  const labels: Record<PolicyEngine, string[]> = {
    none: ['No network policy engine'],
    azure: ['Azure NPM', 'network policy in iptables'],
    calico: ['Calico', 'network policy'],
    cilium: ['Cilium network policy', 'eBPF, by identity'],
  };
  const label = policy.value === 'unknown' ? ['Network policy', `unknown (${policy.reason})`] : labels[policy.value];
  return { id: 'policy', kind: 'policy', group: 'cluster', label, source: locate(cluster.network.policy, cluster.network, cluster) };
}

/** The data plane setting that decides: `network_data_plane`, or 3.x's `ebpf_data_plane` when only it is written. */
function dataPlaneSetting(cluster: AksCluster): Setting {
  const { dataPlane, ebpfDataPlane } = cluster.network;
  return dataPlane.state === 'absent' && ebpfDataPlane.state === 'set' ? ebpfDataPlane : dataPlane;
}

/** The settings the diagram depends on, with their values and origins, for the legend. */
function effectiveSettings(cluster: AksCluster): EffectiveSetting[] {
  const { network, defaultPool } = cluster;
  const entry = (setting: Setting, name: string, holder: typeof network | typeof defaultPool): EffectiveSetting => ({
    name,
    value: showValue(setting.value),
    // A value that is not set has no origin worth a line; the source still locates its block.
    ...(isKnown(setting.value) && setting.value.value !== null ? { origin: setting.value.origin } : {}),
    source: locate(setting, holder, cluster),
  });
  const listed: EffectiveSetting[] = [
    entry(network.plugin, 'network_plugin', network),
    entry(network.pluginMode, 'network_plugin_mode', network),
    entry(dataPlaneSetting(cluster), dataPlaneSetting(cluster).name, network),
    entry(network.policy, 'network_policy', network),
    entry(network.podCidr, 'pod_cidr', network),
  ];
  if (network.podCidrs.state !== 'absent') listed.push(entry(network.podCidrs, 'pod_cidrs', network));
  listed.push(entry(network.serviceCidr, 'service_cidr', network));
  if (network.serviceCidrs.state !== 'absent') listed.push(entry(network.serviceCidrs, 'service_cidrs', network));
  listed.push(
    entry(network.loadBalancerSku, 'load_balancer_sku', network),
    entry(network.outboundType, 'outbound_type', network),
    entry(defaultPool.vnetSubnetId, 'default_node_pool.vnet_subnet_id', defaultPool),
    entry(defaultPool.podSubnetId, 'default_node_pool.pod_subnet_id', defaultPool),
  );
  return listed;
}
