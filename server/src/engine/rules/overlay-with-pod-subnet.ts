/**
 * Overlay takes pod addresses from pod_cidr; a pod subnet (dynamic IP allocation) is a different
 * IP allocation mode, and a cluster uses one mode only (domain/rp-rules.md §B
 * `overlay-no-pod-subnet`; concepts-network-azure-cni-overlay).
 */
import type { PoolNetwork } from '../aks/model.js';
import { isOverlay, isSurelySet } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'overlay-with-pod-subnet',
  title: 'Overlay clusters take no pod subnet',
  severity: 'error',
  messages: {
    podSubnetWithOverlay:
      '{{pool}} sets pod_subnet_id, but {{cluster}} uses Azure CNI Overlay, whose pods take addresses from pod_cidr: a cluster uses one IP allocation mode, and AKS rejects pod subnets with overlay.',
    removePodSubnet: 'Remove pod_subnet_id ({{recreated}})',
  },
  checkCluster({ cluster }, report) {
    if (isOverlay(cluster) !== true) return;
    const mode = cluster.network.pluginMode.site;
    const related = mode ? [{ uri: mode.uri, range: mode.valueRange, message: 'Overlay is chosen here.' }] : [];
    const pools: [PoolNetwork, string][] = [[cluster.defaultPool, 'default_node_pool'], ...cluster.nodePools.map((p): [PoolNetwork, string] => [p.pool, p.address])];
    for (const [pool, name] of pools) {
      const podSubnet = pool.podSubnetId;
      if (!isSurelySet(podSubnet) || !podSubnet.site) continue;
      report({
        messageId: 'podSubnetWithOverlay',
        data: { pool: name, cluster: cluster.address },
        uri: podSubnet.site.uri,
        range: podSubnet.site.valueRange,
        related,
        suggest: [
          {
            messageId: 'removePodSubnet',
            data: { recreated: name === 'default_node_pool' ? 'the default pool is cycled through temporary_name_for_rotation' : 'the node pool is recreated' },
            edit: (e) => e.removeAttribute(podSubnet.site!),
          },
        ],
      });
    }
  },
});
