/**
 * An Azure CNI cluster uses one IP allocation mode for all pools: either every pool sets
 * pod_subnet_id (dynamic IP allocation) or none does (node subnet) (domain/rp-rules.md §B
 * `pod-subnet-all-or-none`; configure-azure-cni-dynamic-ip-allocation FAQ).
 */
import type { PoolNetwork } from '../aks/model.js';
import { isOverlay, isSurelySet, settingIs } from '../aks/network-facts.js';
import type { Range } from '../text/positions.js';
import { defineRule } from './define-rule.js';

interface PoolSite {
  pool: PoolNetwork;
  uri: string;
  name: string;
  /** Where a finding about the whole pool points. */
  range: Range;
}

export default defineRule({
  id: 'pod-subnet-mixed-pools',
  title: 'All node pools use a pod subnet, or none does',
  severity: 'error',
  messages: {
    missingPodSubnet:
      '{{pool}} sets no pod_subnet_id while {{other}} does: an Azure CNI cluster uses one IP allocation mode for all its pools (pod subnet or node subnet), and AKS rejects the mix.',
  },
  checkCluster({ cluster }, report) {
    if (!settingIs(cluster.network.plugin, 'azure') || isOverlay(cluster) !== false) return;
    const sites: PoolSite[] = [];
    if (cluster.defaultPool.state === 'present' && cluster.defaultPool.site) {
      sites.push({ pool: cluster.defaultPool, uri: cluster.defaultPool.site.uri, name: 'default_node_pool', range: cluster.defaultPool.site.typeRange });
    }
    for (const p of cluster.nodePools) sites.push({ pool: p.pool, uri: p.uri, name: p.address, range: p.site.labelRange });
    const withSubnet = sites.filter((s) => isSurelySet(s.pool.podSubnetId));
    const without = sites.filter((s) => s.pool.podSubnetId.state === 'absent');
    const example = withSubnet[0];
    if (!example?.pool.podSubnetId.site) return;
    for (const site of without) {
      report({
        messageId: 'missingPodSubnet',
        data: { pool: site.name, other: example.name },
        uri: site.uri,
        range: site.range,
        related: [{ uri: example.pool.podSubnetId.site.uri, range: example.pool.podSubnetId.site.valueRange, message: 'This pool uses a pod subnet.' }],
      });
    }
  },
});
