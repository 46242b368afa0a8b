/**
 * A node subnet must hold an address for every node, and with Azure CNI node subnet one more per
 * pod (max_pods, default 30), for all pools that share it; Azure keeps 5 addresses of every
 * subnet. The AKS API counts max_count of autoscaling pools at create: `InsufficientSubnetSize`
 * ("Pre-allocated IPs N exceeds IPs available M in Subnet Cidr ..."); upgrades add max_surge
 * nodes per pool (domain/rp-rules.md §F `node-subnet-size`, `overlay-node-subnet-size`;
 * catalogue row 18: error when the create-time count does not fit, warning when the surge does
 * not). Each subnet is reported once: at the default pool that uses it, or else at the first
 * node pool that names it.
 */
import type { AksCluster, AksModel, PoolNetwork, Subnet } from '../aks/model.js';
import { isOverlay } from '../aks/network-facts.js';
import { poolNodes, surgeNodes } from '../aks/pool-capacity.js';
import { checkSubnetCapacity, nodesText, reportsSubnetAt, type PoolDemand as SubnetDemand, type SubnetCapacity } from '../aks/subnet-capacity.js';
import { knownNumber, knownString } from '../aks/model.js';
import { aksDefault } from '../aks/schema/network-schema.js';
import { defineRule } from './define-rule.js';

/** max_pods AKS gives Azure CNI node subnet pools when it is not set. */
const NODE_SUBNET_DEFAULT_MAX_PODS = Number(aksDefault('default_node_pool', 'max_pods', 'nodeSubnet'));

interface PoolDemand extends SubnetDemand {
  /** Pods per node that take subnet addresses (node-subnet mode), or undefined when pods take none. */
  pods: number | undefined;
}

/** What a pool needs from its node subnet, or undefined when a number is not known. */
function demand(name: string, pool: PoolNetwork, cluster: AksCluster): PoolDemand | undefined {
  const nodes = poolNodes(pool)?.count;
  if (nodes === undefined) return undefined;
  const plugin = knownString(cluster.network.plugin.value);
  const overlay = isOverlay(cluster);
  if (plugin === undefined || overlay === undefined || pool.podSubnetId.state === 'unknown') return undefined;
  const surge = surgeNodes(pool, nodes);
  // Pods take subnet addresses only with Azure CNI node subnet (no overlay, no pod subnet).
  const nodeSubnetMode = plugin === 'azure' && !overlay && pool.podSubnetId.state === 'absent';
  if (!nodeSubnetMode) return { name, nodes, surge, pods: undefined };
  const maxPods = pool.maxPods.state === 'absent' ? NODE_SUBNET_DEFAULT_MAX_PODS : knownNumber(pool.maxPods.value);
  return maxPods === undefined ? undefined : { name, nodes, surge, pods: maxPods };
}

const perNode = (d: PoolDemand) => (d.pods === undefined ? 1 : d.pods + 1);
const podsFactor = (d: PoolDemand) => (d.pods === undefined ? '' : ` × (${d.pods} pods + 1)`);
/** "default_node_pool 3 nodes × (30 pods + 1) = 93" */
const describeCreate = (d: PoolDemand) => `${d.name} ${nodesText(d.nodes)}${podsFactor(d)} = ${d.nodes * perNode(d)}`;
/** "default_node_pool (3 nodes + 1 surge) × (30 pods + 1) = 124" */
const describeUpgrade = (d: PoolDemand) => `${d.name} (${nodesText(d.nodes)} + ${d.surge} surge)${podsFactor(d)} = ${(d.nodes + d.surge!) * perNode(d)}`;

export default defineRule({
  id: 'node-subnet-too-small',
  title: 'The node subnet holds every node and its pods',
  severity: 'error',
  // Every pool of the module on the same subnet counts.
  scope: 'module',
  messages: {
    tooSmall:
      'subnet {{subnet}} {{prefix}} holds {{usable}} usable addresses; its pools need {{needed}}: {{detail}}. The AKS API rejects it at apply with InsufficientSubnetSize ("Pre-allocated IPs {{needed}} exceeds IPs available {{usable}} in Subnet Cidr {{prefix}}").',
    noSurge:
      'subnet {{subnet}} {{prefix}} holds {{usable}} usable addresses; with the nodes an upgrade adds (max_surge) its pools need {{needed}}: {{detail}}. Upgrades will fail for lack of addresses.',
  },
  checkCluster({ cluster, model }, report) {
    const subnet = cluster.defaultPool.vnetSubnet;
    const finding = subnet && checkSubnetCapacity(subnet, cluster.defaultPool.vnetSubnetId, capacityOf(subnet, model));
    if (finding) report(finding);
  },
  checkNodePool({ nodePool, model }, report) {
    const subnet = nodePool.pool.vnetSubnet;
    if (!subnet || !reportsSubnetAt(nodePool, subnet, model, 'vnetSubnet')) return;
    const finding = checkSubnetCapacity(subnet, nodePool.pool.vnetSubnetId, capacityOf(subnet, model));
    if (finding) report(finding);
  },
});

function capacityOf(subnet: Subnet, model: AksModel): SubnetCapacity<PoolDemand> {
  return {
    demands: () => {
      const demands = poolsSharing(subnet, model)?.map((s) => demand(s.name, s.pool, s.cluster));
      return demands && !demands.some((d) => !d) ? (demands as PoolDemand[]) : undefined;
    },
    perNode,
    describeCreate,
    describeUpgrade,
  };
}

type SharingPool = { name: string; pool: PoolNetwork; cluster: AksCluster };

/**
 * Every pool of the module on the subnet, or undefined when some pool may be on it without
 * proof either way (an unknown subnet, count or cluster).
 */
function poolsSharing(subnet: Subnet, model: AksModel): SharingPool[] | undefined {
  const index = sharingIndexOf(model);
  if (index.unprovable || index.orphaned.has(subnet.address)) return undefined;
  return index.bySubnet.get(subnet.address) ?? [];
}

const SHARING = new WeakMap<AksModel, { unprovable: boolean; orphaned: Set<string>; bySubnet: Map<string, SharingPool[]> }>();

/** The pools of each subnet, built once per model: every pool of a module with thousands asks. */
function sharingIndexOf(model: AksModel) {
  let index = SHARING.get(model);
  if (index) return index;
  index = { unprovable: false, orphaned: new Set<string>(), bySubnet: new Map<string, SharingPool[]>() };
  const add = (address: string, entry: SharingPool) => {
    const list = index!.bySubnet.get(address);
    if (list) list.push(entry);
    else index!.bySubnet.set(address, [entry]);
  };
  for (const c of model.clusters) {
    const own = c.defaultPool.vnetSubnet;
    if (c.uncertain || (c.defaultPool.vnetSubnetId.state === 'set' && !own)) index.unprovable = true;
    if (own) add(own.address, { name: `${c.address} default_node_pool`, pool: c.defaultPool, cluster: c });
  }
  for (const p of model.nodePools) {
    const own = p.pool.vnetSubnet;
    if (p.uncertain || (p.pool.vnetSubnetId.state === 'set' && !own)) index.unprovable = true;
    if (own && !p.cluster) index.orphaned.add(own.address);
    // A pool without vnet_subnet_id uses its cluster's default pool subnet.
    const effective = own ?? p.cluster?.defaultPool.vnetSubnet;
    if (effective && p.cluster) add(effective.address, { name: p.address, pool: p.pool, cluster: p.cluster });
  }
  SHARING.set(model, index);
  return index;
}
