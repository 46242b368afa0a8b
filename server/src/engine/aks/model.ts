/**
 * The domain model rules read: each AKS cluster (and node pool) with every network setting as
 * value (Known/Unknown), where it is written and whether it was written at all. Defaults from the
 * schema are already applied, so a rule works on `.tf` and `.tf.json` alike and never on syntax.
 */
import type { SyntaxAttribute, SyntaxBlock } from '../syntax/syntax-tree.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import type { Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';

/**
 * One attribute as the cluster will have it.
 * - `set`: written in the configuration (its value may still be Unknown);
 * - `absent`: surely not written: `value` is the schema default, or Known null when the provider
 *   sends nothing (AKS then chooses; see the schema's `apiDefault`);
 * - `unknown`: cannot tell (inside a `dynamic` block or a block whose presence is unknown).
 */
export interface Setting {
  name: string;
  state: 'set' | 'absent' | 'unknown';
  value: Value;
  /** The attribute as written, when `state` is `set`. */
  attribute?: SyntaxAttribute;
  /** The file of the attribute (or of the block that lacks it). */
  uri: string;
}

/** A nested block as the cluster will have it. */
export interface BlockPresence {
  state: 'present' | 'absent' | 'unknown';
  /** The block as written (the `content` block of a `dynamic`). */
  block?: SyntaxBlock;
}

export interface NetworkProfile extends BlockPresence {
  plugin: Setting;
  pluginMode: Setting;
  dataPlane: Setting;
  policy: Setting;
  networkMode: Setting;
  podCidr: Setting;
  podCidrs: Setting;
  serviceCidr: Setting;
  serviceCidrs: Setting;
  dnsServiceIp: Setting;
  ipVersions: Setting;
  loadBalancerSku: Setting;
  outboundType: Setting;
  ebpfDataPlane: Setting;
  dockerBridgeCidr: Setting;
  loadBalancerProfile: BlockPresence;
  natGatewayProfile: BlockPresence & { managedOutboundIpCount: Setting };
  advancedNetworking: BlockPresence & { securityEnabled: Setting; observabilityEnabled: Setting };
}

/** The network fields of a node pool (the default pool or a separate node pool resource). */
export interface PoolNetwork extends BlockPresence {
  vnetSubnetId: Setting;
  podSubnetId: Setting;
  maxPods: Setting;
  nodeCount: Setting;
  minCount: Setting;
  maxCount: Setting;
  /** `auto_scaling_enabled` (4.x) or `enable_auto_scaling` (3.x), whichever is written. */
  autoScaling: Setting;
  /** `upgrade_settings.max_surge`: a count ("3") or a percentage of the pool ("33%"). */
  maxSurge: Setting;
  /** `priority`: "Regular" or "Spot" (node pool resources only; the default pool is always Regular). */
  priority: Setting;
  /** 3.x name. */
  enableNodePublicIp: Setting;
  nodePublicIpEnabled: Setting;
}

/** What clusters and node pools share: one instance of a resource block. */
export interface ResourceInstance {
  /** `azurerm_kubernetes_cluster.aks` or `azurerm_kubernetes_cluster.aks["prod"]`. */
  address: string;
  uri: string;
  block: SyntaxBlock;
  /** The name label (`"aks"`): where resource-wide findings point. */
  labelRange: Range;
  /** True when the instance stands for an Unknown `count`/`for_each`. */
  uncertain: boolean;
  provider: ProviderVersion;
}

/** One instance of `azurerm_kubernetes_cluster`. */
export interface AksCluster extends ResourceInstance {
  network: NetworkProfile;
  defaultPool: PoolNetwork;
  bootstrapProfile: BlockPresence & { artifactSource: Setting };
  /** `identity { type = ... }`: SystemAssigned or UserAssigned. */
  identityType: Setting;
  /** The `azurerm_kubernetes_cluster_node_pool` resources whose kubernetes_cluster_id names this cluster. */
  nodePools: AksNodePool[];
}

/** One instance of `azurerm_kubernetes_cluster_node_pool`. */
export interface AksNodePool extends ResourceInstance {
  pool: PoolNetwork;
  osType: Setting;
  kubernetesClusterId: Setting;
  /** The cluster its kubernetes_cluster_id names, when that is a cluster of this module. */
  cluster?: AksCluster;
}
