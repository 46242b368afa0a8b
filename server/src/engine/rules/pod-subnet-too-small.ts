/**
 * With Azure CNI dynamic IP allocation (pod_subnet_id, no overlay) each node takes pod
 * addresses from its pod subnet in batches of 16, and asks for 16 more when fewer than 8 are
 * free, so a pod subnet needs at least 16 usable addresses per node of every pool that uses it;
 * Azure keeps 5 addresses of every subnet (domain/rp-rules.md §F `pod-subnet-size`;
 * configure-azure-cni-dynamic-ip-allocation "Plan IP addressing"). Nodes count as the AKS API
 * counts them at create (max_count with the autoscaler); an upgrade adds max_surge nodes per
 * pool, which take their batch too, so a subnet that fits only without surge gets a second
 * message. The AKS API does not refuse a small pod subnet: pods fail to start, hence a warning.
 * Each subnet is reported once: at the default pool that uses it, or else at the first node
 * pool that names it.
 */
import type { AksCluster, PoolNetwork, Setting } from '../aks/model.js';
import { isOverlay, settingIs } from '../aks/network-facts.js';
import { poolNodes, surgeNodes } from '../aks/pool-capacity.js';
import type { SubnetInfo } from '../aks/resolve-network.js';
import { parseCidr } from '../cidr/cidr-math.js';
import { knownList, knownString } from '../terraform/values.js';
import { defineRule, type ModuleModel, type ReportFunction } from './define-rule.js';

/** Addresses Azure keeps in every subnet (network, broadcast, three for its own use). */
const AZURE_RESERVED = 5;
/** Pod addresses a node takes from its pod subnet at a time. */
const BATCH = 16;

interface PoolDemand {
  name: string;
  nodes: number;
  /** Surge nodes during an upgrade; undefined when max_surge is not known. */
  surge: number | undefined;
}

const nodesText = (n: number) => `${n} node${n === 1 ? '' : 's'}`;
/** "azurerm_kubernetes_cluster.aks default_node_pool 3 nodes × 16 = 48" */
const describeCreate = (d: PoolDemand) => `${d.name} ${nodesText(d.nodes)} × ${BATCH} = ${d.nodes * BATCH}`;
/** "azurerm_kubernetes_cluster.aks default_node_pool (3 nodes + 1 surge) × 16 = 64" */
const describeUpgrade = (d: PoolDemand) => `${d.name} (${nodesText(d.nodes)} + ${d.surge} surge) × ${BATCH} = ${(d.nodes + d.surge!) * BATCH}`;

export default defineRule({
  id: 'pod-subnet-too-small',
  title: 'The pod subnet holds a batch of 16 pod addresses per node',
  severity: 'warning',
  messages: {
    tooSmall:
      'pod subnet {{subnet}} {{prefix}} holds {{usable}} usable addresses; its pools need {{needed}} (each node takes pod addresses in batches of 16): {{detail}}. Nodes will run out of pod addresses and pods will fail to start.',
    noSurge:
      'pod subnet {{subnet}} {{prefix}} holds {{usable}} usable addresses; with the nodes an upgrade adds (max_surge) its pools need {{needed}} (each node takes pod addresses in batches of 16): {{detail}}. Pods on the new nodes will fail to start during upgrades.',
  },
  checkCluster({ cluster, model }, report) {
    const setting = cluster.defaultPool.podSubnetId;
    const subnet = model.network.subnetOf(setting);
    if (subnet) checkSubnet(subnet, setting, model, report);
  },
  checkNodePool({ nodePool, model }, report) {
    const setting = nodePool.pool.podSubnetId;
    const subnet = model.network.subnetOf(setting);
    if (!subnet) return;
    // Report a subnet once: a default pool that uses it, or else its first node pool, does.
    if (model.clusters.some((c) => model.network.subnetOf(c.defaultPool.podSubnetId)?.address === subnet.address)) return;
    const first = model.nodePools.find((p) => model.network.subnetOf(p.pool.podSubnetId)?.address === subnet.address);
    if (first === nodePool) checkSubnet(subnet, setting, model, report);
  },
});

function checkSubnet(subnet: SubnetInfo, setting: Setting, model: ModuleModel, report: ReportFunction<'tooSmall' | 'noSurge'>): void {
  if (!setting.attribute) return;
  const prefixes = knownList(subnet.addressPrefixes);
  const prefix = prefixes?.length === 1 ? knownString(prefixes[0]) : undefined;
  const cidr = prefix ? parseCidr(prefix) : undefined;
  if (!prefix || !cidr || cidr.version !== 4) return;
  const pools = demandsOn(subnet, model);
  if (!pools) return;
  const needed = pools.reduce((sum, d) => sum + d.nodes * BATCH, 0);
  const usable = Math.max(0, 2 ** (32 - cidr.prefix) - AZURE_RESERVED);
  const data = { subnet: subnet.address, prefix, usable };
  const range = setting.attribute.expr.range;
  const related = subnet.prefixesRange ? [{ uri: subnet.uri, range: subnet.prefixesRange, message: `The prefix of ${subnet.address}.` }] : [];
  if (needed > usable) {
    report({ messageId: 'tooSmall', data: { ...data, needed, detail: pools.map(describeCreate).join(', ') }, range, related });
    return;
  }
  if (pools.some((d) => d.surge === undefined)) return;
  const withSurge = pools.reduce((sum, d) => sum + (d.nodes + d.surge!) * BATCH, 0);
  if (withSurge > usable) {
    report({ messageId: 'noSurge', data: { ...data, needed: withSurge, detail: pools.map(describeUpgrade).join(', ') }, range, related });
  }
}

/**
 * What every pool of the module whose pod subnet is `subnet` needs, or undefined when that is
 * not proven: a pool may use the subnet without proof either way (an unresolved or unknown
 * pod_subnet_id, an unexpanded count or for_each), a count is not known, or a pool's cluster is
 * not surely Azure CNI with dynamic IP allocation.
 */
function demandsOn(subnet: SubnetInfo, model: ModuleModel): PoolDemand[] | undefined {
  const demands: PoolDemand[] = [];
  const add = (name: string, pool: PoolNetwork, cluster: AksCluster | undefined, uncertain: boolean): boolean => {
    if (pool.podSubnetId.state === 'unknown') return false;
    const own = model.network.subnetOf(pool.podSubnetId);
    if (pool.podSubnetId.state === 'set' && !own) return false;
    if (own?.address !== subnet.address) return true;
    // An instance of an unknown count or for_each may stand for any number of pools.
    if (uncertain || !cluster || !usesDynamicAllocation(cluster)) return false;
    const nodes = poolNodes(pool)?.count;
    if (nodes === undefined) return false;
    demands.push({ name, nodes, surge: surgeNodes(pool, nodes) });
    return true;
  };
  for (const c of model.clusters) {
    if (!add(`${c.address} default_node_pool`, c.defaultPool, c, c.uncertain)) return undefined;
  }
  for (const p of model.nodePools) {
    if (!add(p.address, p.pool, p.cluster, p.uncertain || p.cluster?.uncertain === true)) return undefined;
  }
  return demands;
}

/** Whether pods take addresses from pod subnets: Azure CNI without overlay, both known. */
const usesDynamicAllocation = (cluster: AksCluster) => settingIs(cluster.network.plugin, 'azure') && isOverlay(cluster) === false;
