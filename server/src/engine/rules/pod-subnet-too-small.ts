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
import type { AksCluster, AksModel, PoolNetwork, Subnet } from '../aks/model.js';
import { isOverlay, settingIs } from '../aks/network-facts.js';
import { poolNodes, surgeNodes } from '../aks/pool-capacity.js';
import { checkSubnetCapacity, nodesText, reportsSubnetAt, type PoolDemand, type SubnetCapacity } from '../aks/subnet-capacity.js';
import { defineRule } from './define-rule.js';

/** Pod addresses a node takes from its pod subnet at a time. */
const BATCH = 16;

/** "azurerm_kubernetes_cluster.aks default_node_pool 3 nodes × 16 = 48" */
const describeCreate = (d: PoolDemand) => `${d.name} ${nodesText(d.nodes)} × ${BATCH} = ${d.nodes * BATCH}`;
/** "azurerm_kubernetes_cluster.aks default_node_pool (3 nodes + 1 surge) × 16 = 64" */
const describeUpgrade = (d: PoolDemand) => `${d.name} (${nodesText(d.nodes)} + ${d.surge} surge) × ${BATCH} = ${(d.nodes + d.surge!) * BATCH}`;

export default defineRule({
  id: 'pod-subnet-too-small',
  title: 'The pod subnet holds a batch of 16 pod addresses per node',
  severity: 'warning',
  // Every pool of the module on the same subnet counts.
  scope: 'module',
  messages: {
    tooSmall:
      'pod subnet {{subnet}} {{prefix}} holds {{usable}} usable addresses; its pools need {{needed}} (each node takes pod addresses in batches of 16): {{detail}}. Nodes will run out of pod addresses and pods will fail to start.',
    noSurge:
      'pod subnet {{subnet}} {{prefix}} holds {{usable}} usable addresses; with the nodes an upgrade adds (max_surge) its pools need {{needed}} (each node takes pod addresses in batches of 16): {{detail}}. Pods on the new nodes will fail to start during upgrades.',
  },
  checkCluster({ cluster, model }, report) {
    const subnet = cluster.defaultPool.podSubnet;
    const finding = subnet && checkSubnetCapacity(subnet, cluster.defaultPool.podSubnetId, capacityOf(subnet, model));
    if (finding) report(finding);
  },
  checkNodePool({ nodePool, model }, report) {
    const subnet = nodePool.pool.podSubnet;
    if (!subnet || !reportsSubnetAt(nodePool, subnet, model, 'podSubnet')) return;
    const finding = checkSubnetCapacity(subnet, nodePool.pool.podSubnetId, capacityOf(subnet, model));
    if (finding) report(finding);
  },
});

function capacityOf(subnet: Subnet, model: AksModel): SubnetCapacity<PoolDemand> {
  return { demands: () => demandsOn(subnet, model), perNode: () => BATCH, describeCreate, describeUpgrade };
}

/**
 * What every pool of the module whose pod subnet is `subnet` needs, or undefined when that is
 * not proven: a pool may use the subnet without proof either way (an unresolved or unknown
 * pod_subnet_id, an unexpanded count or for_each), a count is not known, or a pool's cluster is
 * not surely Azure CNI with dynamic IP allocation.
 */
function demandsOn(subnet: Subnet, model: AksModel): PoolDemand[] | undefined {
  const demands: PoolDemand[] = [];
  const add = (name: string, pool: PoolNetwork, cluster: AksCluster | undefined, uncertain: boolean): boolean => {
    if (pool.podSubnetId.state === 'unknown') return false;
    const own = pool.podSubnet;
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
