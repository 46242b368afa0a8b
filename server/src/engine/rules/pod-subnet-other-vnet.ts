/**
 * A pod subnet belongs to the VNet of the cluster's nodes: "the pod subnet should be from the
 * same VNet as the cluster" (domain/rp-rules.md §B `pod-subnet-same-vnet`;
 * configure-azure-cni-dynamic-ip-allocation FAQ). A pool's nodes are in its own vnet_subnet_id,
 * or, when it sets none, in the subnet of its cluster's default pool. Subnet ids exist only
 * after apply, so both sides are compared by the VNet the module declares them in; a subnet
 * from a data source or outside the module has no known VNet and the rule stays silent.
 */
import type { AksCluster, PoolNetwork, Setting, Subnet, Vnet } from '../aks/model.js';
import type { Range } from '../text/positions.js';
import { defineRule, type ReportFunction } from './define-rule.js';

/** The pool being checked, and where its nodes' subnet is named. */
interface PoolSite {
  name: string;
  pool: PoolNetwork;
  /** The vnet_subnet_id that places the pool's nodes: its own, or its cluster's default pool's. */
  nodeSubnetSetting: Setting;
  /** The subnet that setting names, when the model knows it. */
  nodeSubnet: Subnet | undefined;
  /** How the message names that setting's owner when it is not the pool itself. */
  inherited?: string;
}

export default defineRule({
  id: 'pod-subnet-other-vnet',
  title: 'The pod subnet is in the VNet of the nodes',
  severity: 'error',
  messages: {
    otherVnet:
      '{{pool}} takes pod addresses from {{podSubnet}} in VNet {{podVnet}}, but its nodes are in {{nodeSubnet}}{{inherited}} in VNet {{nodeVnet}}: the pod subnet must be in the same VNet as the cluster; AKS does not support a pod subnet in another VNet.',
  },
  checkCluster({ cluster }, report) {
    const pool = cluster.defaultPool;
    if (pool.state !== 'present') return;
    check({ name: `${cluster.address} default_node_pool`, pool, nodeSubnetSetting: pool.vnetSubnetId, nodeSubnet: pool.vnetSubnet }, report);
  },
  checkNodePool({ nodePool }, report) {
    const { pool } = nodePool;
    if (pool.vnetSubnetId.state === 'set') {
      check({ name: nodePool.address, pool, nodeSubnetSetting: pool.vnetSubnetId, nodeSubnet: pool.vnetSubnet }, report);
      return;
    }
    // A pool without vnet_subnet_id runs in the subnet of its cluster's default pool.
    const cluster: AksCluster | undefined = nodePool.cluster;
    if (pool.vnetSubnetId.state !== 'absent' || !cluster) return;
    const inherited = `, the subnet of ${cluster.address} default_node_pool,`;
    check({ name: nodePool.address, pool, nodeSubnetSetting: cluster.defaultPool.vnetSubnetId, nodeSubnet: cluster.defaultPool.vnetSubnet, inherited }, report);
  },
});

function check(site: PoolSite, report: ReportFunction<'otherVnet'>): void {
  const podSetting = site.pool.podSubnetId;
  if (!podSetting.site) return;
  const podSubnet = site.pool.podSubnet;
  const nodeSubnet = site.nodeSubnet;
  const podVnet = podSubnet?.vnet;
  const nodeVnet = nodeSubnet?.vnet;
  if (!podSubnet || !nodeSubnet || !podVnet || !nodeVnet || podVnet.address === nodeVnet.address) return;
  report({
    messageId: 'otherVnet',
    data: {
      pool: site.name,
      podSubnet: podSubnet.address,
      podVnet: podVnet.address,
      nodeSubnet: nodeSubnet.address,
      inherited: site.inherited ?? '',
      nodeVnet: nodeVnet.address,
    },
    uri: podSetting.uri,
    range: podSetting.site.valueRange,
    related: [{ uri: nodeVnet.uri, range: vnetNameRange(nodeVnet), message: describeNodeVnet(nodeVnet, nodeSubnet) }],
  });
}

/** The name label of the VNet block (`"spoke"`). */
const vnetNameRange = (vnet: Vnet): Range => vnet.site.labelRange;

const describeNodeVnet = (vnet: Vnet, subnet: Subnet) => `The VNet of the node subnet ${subnet.address}: ${vnet.address}.`;
