/**
 * The node subnet (vnet_subnet_id) cannot be a delegated subnet (domain/rp-rules.md §F
 * `node-subnet-not-delegated`; concepts-network-cni-overview prerequisites). Pod subnets for
 * dynamic IP allocation may be delegated; only the node subnet is checked.
 */
import type { PoolNetwork } from '../aks/model.js';
import { defineRule, type ReportFunction } from './define-rule.js';

type Messages = 'delegated';

function check(pool: PoolNetwork, name: string, report: ReportFunction<Messages>): void {
  const setting = pool.vnetSubnetId;
  const subnet = pool.vnetSubnet;
  if (!subnet || subnet.delegated !== true || !setting.site) return;
  const delegation = subnet.delegationSite;
  report({
    messageId: 'delegated',
    data: { pool: name, subnet: subnet.address },
    uri: setting.site.uri,
    range: setting.site.valueRange,
    related: delegation ? [{ uri: delegation.uri, range: delegation.typeRange, message: `${subnet.address} is delegated here.` }] : [],
  });
}

export default defineRule({
  id: 'node-subnet-delegated',
  title: 'The node subnet is not delegated',
  severity: 'warning',
  messages: {
    delegated:
      'vnet_subnet_id of {{pool}} is {{subnet}}, which has a delegation: Microsoft documents that the AKS node subnet cannot be a delegated subnet, and AKS may refuse it. Remove the delegation or use another subnet.',
  },
  checkCluster({ cluster }, report) {
    check(cluster.defaultPool, 'default_node_pool', report);
  },
  checkNodePool({ nodePool }, report) {
    check(nodePool.pool, nodePool.address, report);
  },
});
