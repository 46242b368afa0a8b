/**
 * A node subnet must hold an address for every node, and with Azure CNI node subnet one more per
 * pod (max_pods, default 30), for all pools that share it; Azure keeps 5 addresses of every
 * subnet. The AKS API counts max_count of autoscaling pools at create: `InsufficientSubnetSize`
 * ("Pre-allocated IPs N exceeds IPs available M in Subnet Cidr ..."); upgrades add a surge node
 * per pool (domain/rp-rules.md §F `node-subnet-size`, `overlay-node-subnet-size`; catalogue
 * row 18: error when the create-time count does not fit, warning when the surge does not).
 */
import type { AksCluster, PoolNetwork } from '../aks/model.js';
import { isOverlay } from '../aks/network-facts.js';
import type { SubnetInfo } from '../aks/resolve-network.js';
import { parseCidr } from '../cidr/cidr-math.js';
import { isKnown, knownList, knownNumber, knownString } from '../terraform/values.js';
import { defineRule } from './define-rule.js';

/** Addresses Azure keeps in every subnet (network, broadcast, three for its own use). */
const AZURE_RESERVED = 5;
/** max_pods AKS gives Azure CNI node subnet pools when it is not set. */
const NODE_SUBNET_DEFAULT_MAX_PODS = 30;

interface PoolDemand {
  name: string;
  nodes: number;
  /** Addresses one node takes: itself, plus its pods in node-subnet mode. */
  perNode: number;
}

/** What a pool needs from its node subnet, or undefined when a number is not known. */
function demand(name: string, pool: PoolNetwork, cluster: AksCluster): PoolDemand | undefined {
  const scaling = pool.autoScaling.value;
  if (!isKnown(scaling)) return undefined;
  const nodes = knownNumber((scaling.value === true ? pool.maxCount : pool.nodeCount).value);
  if (nodes === undefined) return undefined;
  const plugin = knownString(cluster.network.plugin.value);
  const overlay = isOverlay(cluster);
  if (plugin === undefined || overlay === undefined || pool.podSubnetId.state === 'unknown') return undefined;
  // Pods take subnet addresses only with Azure CNI node subnet (no overlay, no pod subnet).
  const nodeSubnetMode = plugin === 'azure' && !overlay && pool.podSubnetId.state === 'absent';
  if (!nodeSubnetMode) return { name, nodes, perNode: 1 };
  const maxPods = pool.maxPods.state === 'absent' ? NODE_SUBNET_DEFAULT_MAX_PODS : knownNumber(pool.maxPods.value);
  return maxPods === undefined ? undefined : { name, nodes, perNode: maxPods + 1 };
}

export default defineRule({
  id: 'node-subnet-too-small',
  title: 'The node subnet holds every node and its pods',
  severity: 'error',
  messages: {
    tooSmall:
      'subnet {{subnet}} ({{prefix}}) holds {{usable}} usable addresses, but its pools need {{needed}}: {{detail}}. The AKS API rejects it at apply with InsufficientSubnetSize ("Pre-allocated IPs {{needed}} exceeds IPs available {{usable}} in Subnet Cidr {{prefix}}").',
    noSurge:
      'subnet {{subnet}} ({{prefix}}) holds {{usable}} usable addresses: its pools need {{needed}} ({{detail}}), and {{surge}} more for the surge node each pool adds during an upgrade, so upgrades will fail for lack of addresses.',
  },
  checkCluster({ cluster, model }, report) {
    const setting = cluster.defaultPool.vnetSubnetId;
    const subnet = model.network.subnetOf(setting);
    if (!subnet || !setting.attribute) return;
    const prefixes = knownList(subnet.addressPrefixes);
    const prefix = prefixes?.length === 1 ? knownString(prefixes[0]) : undefined;
    const cidr = prefix ? parseCidr(prefix) : undefined;
    if (!prefix || !cidr || cidr.version !== 4) return;
    // Every pool of the module that may share the subnet must be known.
    const sharing: { name: string; pool: PoolNetwork; cluster: AksCluster }[] = [];
    for (const c of model.clusters) {
      if (c.uncertain) return;
      const own = model.network.subnetOf(c.defaultPool.vnetSubnetId);
      if (c.defaultPool.vnetSubnetId.state === 'set' && !own) return;
      if (own?.address === subnet.address) sharing.push({ name: `${c.address} default_node_pool`, pool: c.defaultPool, cluster: c });
    }
    for (const p of model.nodePools) {
      const own = model.network.subnetOf(p.pool.vnetSubnetId);
      if (p.pool.vnetSubnetId.state === 'set' && !own) return;
      if (p.uncertain || (own?.address === subnet.address && !p.cluster)) return;
      // A pool without vnet_subnet_id uses its cluster's default pool subnet.
      const effective = own ?? (p.cluster ? model.network.subnetOf(p.cluster.defaultPool.vnetSubnetId) : undefined);
      if (effective?.address === subnet.address && p.cluster) sharing.push({ name: p.address, pool: p.pool, cluster: p.cluster });
    }
    const demands = sharing.map((s) => demand(s.name, s.pool, s.cluster));
    if (demands.some((d) => !d)) return;
    const needed = demands.reduce((sum, d) => sum + d!.nodes * d!.perNode, 0);
    const surge = demands.reduce((sum, d) => sum + (d!.nodes > 0 ? d!.perNode : 0), 0);
    const usable = 2 ** (32 - cidr.prefix) - AZURE_RESERVED;
    const detail = demands.map((d) => `${d!.name} ${d!.nodes} × ${d!.perNode === 1 ? '1' : `(${d!.perNode - 1} pods + 1)`}`).join(', ');
    const data = { subnet: subnet.address, prefix, usable: Math.max(0, usable), needed, detail, surge };
    const related = relatedPrefix(subnet);
    if (needed > usable) report({ messageId: 'tooSmall', data, range: setting.attribute.expr.range, related });
    else if (needed + surge > usable) report({ messageId: 'noSurge', severity: 'warning', data, range: setting.attribute.expr.range, related });
  },
});

function relatedPrefix(subnet: SubnetInfo) {
  return subnet.prefixesRange ? [{ uri: subnet.uri, range: subnet.prefixesRange, message: `The prefix of ${subnet.address}.` }] : [];
}
