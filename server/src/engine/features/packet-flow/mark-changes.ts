/**
 * What a change alters on the packet path (issue 13, item 3): with a baseline, the boxes and
 * arrows whose settings changed since it are marked, and the graph lists the changes for the
 * legend ("network_plugin "kubenet" → "azure""). A change that cannot be known (either side
 * Unknown) marks nothing, as the rules say nothing about it; a cluster the baseline lacks is
 * said to be new, with nothing marked.
 */
import type { AksCluster, AksModel, AksNodePool, Setting } from '../../aks/model.js';
import { changeOf, describeNow, describePrior } from '../../aks/setting-change.js';
import type { FlowChange, FlowEdge, FlowNodeId, PacketFlowGraph } from './packet-flow-graph.js';

/** The boxes of pod addressing: what plugin, mode and pod CIDR decide. */
const IPAM_NODES: readonly FlowNodeId[] = ['pods', 'remotePods', 'podRoutes'];
const EGRESS_NODES: readonly FlowNodeId[] = ['egress', 'egressRoutes'];

/** Which boxes and arrows a setting decides. */
interface Marks {
  nodes: readonly FlowNodeId[];
  edges: (edge: FlowEdge) => boolean;
}

const between = (nodes: readonly FlowNodeId[]) => (edge: FlowEdge) => nodes.includes(edge.from) && nodes.includes(edge.to);
const serviceDnat = (edge: FlowEdge) => edge.from === 'nodes' && edge.to === 'dataPlane';
const IPAM: Marks = { nodes: IPAM_NODES, edges: between(IPAM_NODES) };

/** The cluster's settings the diagram is drawn from, by their path in the model and name. */
const CLUSTER_SETTINGS: readonly { path: string; name: string; marks: Marks }[] = [
  { path: 'network.plugin', name: 'network_plugin', marks: IPAM },
  { path: 'network.pluginMode', name: 'network_plugin_mode', marks: IPAM },
  { path: 'network.podCidr', name: 'pod_cidr', marks: IPAM },
  { path: 'network.podCidrs', name: 'pod_cidrs', marks: IPAM },
  { path: 'network.dataPlane', name: 'network_data_plane', marks: { nodes: ['dataPlane'], edges: serviceDnat } },
  { path: 'network.ebpfDataPlane', name: 'ebpf_data_plane', marks: { nodes: ['dataPlane'], edges: serviceDnat } },
  { path: 'network.policy', name: 'network_policy', marks: { nodes: ['policy'], edges: (e) => e.from === 'policy' } },
  // Service addresses are what the data plane translates (Service DNAT).
  { path: 'network.serviceCidr', name: 'service_cidr', marks: { nodes: [], edges: serviceDnat } },
  { path: 'network.serviceCidrs', name: 'service_cidrs', marks: { nodes: [], edges: serviceDnat } },
  { path: 'network.dnsServiceIp', name: 'dns_service_ip', marks: { nodes: [], edges: serviceDnat } },
  { path: 'network.loadBalancerSku', name: 'load_balancer_sku', marks: { nodes: ['lb'], edges: () => false } },
  { path: 'network.outboundType', name: 'outbound_type', marks: { nodes: EGRESS_NODES, edges: (e) => EGRESS_NODES.includes(e.to) && (e.from === 'pods' || EGRESS_NODES.includes(e.from)) } },
  { path: 'defaultPool.vnetSubnetId', name: 'default_node_pool.vnet_subnet_id', marks: { nodes: ['nodes'], edges: () => false } },
  { path: 'defaultPool.podSubnetId', name: 'default_node_pool.pod_subnet_id', marks: IPAM },
];

/** A separate pool's settings the diagram shows (its subnets). */
const POOL_SETTINGS: readonly { path: string; name: string; marks: Marks }[] = [
  { path: 'pool.vnetSubnetId', name: 'vnet_subnet_id', marks: { nodes: ['nodes'], edges: () => false } },
  { path: 'pool.podSubnetId', name: 'pod_subnet_id', marks: IPAM },
];

/** The graph with what changed since the model's baseline marked; the graph itself when there is none. */
export function markChanges(graph: PacketFlowGraph, cluster: AksCluster, model: AksModel): PacketFlowGraph {
  const baseline = model.baseline;
  if (!baseline || cluster.prior === undefined) return graph;
  if (cluster.prior === null) return { ...graph, changes: { baseline: baseline.label, created: true, settings: [] } };
  const settings: FlowChange[] = [];
  const nodes = new Set<FlowNodeId>();
  const edges: ((edge: FlowEdge) => boolean)[] = [];
  const note = (instance: AksCluster | AksNodePool, path: string, name: string, marks: Marks) => {
    const setting = settingAt(instance, path);
    const change = setting && changeOf(instance, path, setting);
    if (!change) return;
    settings.push({ name, before: describePrior(change.before), after: describeNow(change.after) });
    for (const id of marks.nodes) nodes.add(id);
    edges.push(marks.edges);
  };
  for (const { path, name, marks } of CLUSTER_SETTINGS) note(cluster, path, name, marks);
  for (const pool of cluster.nodePools) {
    // A pool this change adds changes where the nodes are.
    if (pool.prior === null) {
      settings.push({ name: `node pool ${pool.address}`, added: true });
      nodes.add('nodes');
      continue;
    }
    for (const { path, name, marks } of POOL_SETTINGS) note(pool, path, `node pool ${pool.address}: ${name}`, marks);
  }
  if (settings.length === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((node) => (nodes.has(node.id) ? { ...node, changed: true } : node)),
    edges: graph.edges.map((edge) => (edges.some((marks) => marks(edge)) ? { ...edge, changed: true } : edge)),
    changes: { baseline: baseline.label, created: false, settings },
  };
}

/** The setting at a model path (`network.plugin`) of an instance. */
function settingAt(instance: AksCluster | AksNodePool, path: string): Setting | undefined {
  let at: unknown = instance;
  for (const key of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at && typeof at === 'object' && 'value' in at ? (at as Setting) : undefined;
}
