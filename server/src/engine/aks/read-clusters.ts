/**
 * Reads AKS clusters and node pools from azurerm resources: every `azurerm_kubernetes_cluster`
 * and `azurerm_kubernetes_cluster_node_pool` instance, each network setting evaluated, defaulted
 * for the module's provider major and placed by a Site, and each pool's subnets linked to the
 * network model.
 */
import { formatAddress } from '../terraform/addresses.js';
import type { Evaluator } from '../terraform/evaluate.js';
import { ignoredChangesOf, type IgnoredChanges } from '../terraform/ignore-changes.js';
import type { ResourceDecl } from '../terraform/module.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { isKnown, unknown, type Value } from '../terraform/values.js';
import { SyntaxBlockSource, type BlockSource } from './block-source.js';
import type { AksCluster, AksNodePool, NetworkProfile, PoolNetwork, Setting, Subnet } from './model.js';
import type { SchemaBlock } from './schema/network-schema.js';
import { blockSite } from './sites.js';

/** The instances one resource block declares. */
export interface ResourceReading {
  clusters: AksCluster[];
  nodePools: AksNodePool[];
}

export const AKS_RESOURCE_TYPES: ReadonlySet<string> = new Set(['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool']);

/** Whether a resource declaration is one this reader reads. */
export function isAksResource(decl: ResourceDecl): boolean {
  return decl.mode === 'managed' && AKS_RESOURCE_TYPES.has(decl.type);
}

/**
 * Every cluster or node pool instance one resource block declares. `subnetNamedBy` links pool
 * subnets to the network model. Pools are attached to clusters afterwards (attachNodePools).
 */
export function readAksResource(
  decl: ResourceDecl,
  evaluator: Evaluator,
  provider: ProviderVersion,
  subnetNamedBy: (value: Value) => Subnet | undefined,
): ResourceReading {
  const clusters: AksCluster[] = [];
  const nodePools: AksNodePool[] = [];
  const site = blockSite(decl.uri, decl.block);
  const reader = new SettingReader(subnetNamedBy);
  for (const instance of evaluator.instances(decl.block, decl.uri)) {
    const { modulePath } = evaluator;
    const address = formatAddress({ modulePath, mode: 'managed', type: decl.type, name: decl.name, key: instance.key });
    const base = { address, modulePath, label: decl.name, uri: decl.uri, site, uncertain: instance.uncertain, provider, form: 'azurerm' as const, ...ignoredOf(decl) };
    const root = new SyntaxBlockSource(evaluator, provider, decl.uri, { state: 'present', site }, instance.scope, decl.block);
    if (decl.type === 'azurerm_kubernetes_cluster') clusters.push(reader.cluster(base, root));
    // Only links the pool to its cluster, which attachNodePools does again every time.
    else nodePools.push(reader.nodePool(base, root, (read) => evaluator.untracked(read)));
  }
  return { clusters, nodePools };
}

/** A resource's ignore_changes, as an instance carries it (nothing when it has none). */
export function ignoredOf(decl: ResourceDecl): { ignoredChanges?: IgnoredChanges } {
  const ignoredChanges = ignoredChangesOf(decl.block);
  return ignoredChanges.all || ignoredChanges.paths.length > 0 ? { ignoredChanges } : {};
}

/** The resource types a pool's link may name a cluster by (azapi: the parent_id of an agentPools resource). */
const CLUSTER_TYPES: ReadonlySet<string> = new Set(['azurerm_kubernetes_cluster', 'azapi_resource']);

/**
 * Separate node pool resources join their cluster through kubernetes_cluster_id (azapi: parent_id),
 * which is the cluster's `id` (known only after apply): the reference says which cluster and
 * instance. A reference to anything but a cluster of the model (another azapi resource, a
 * cluster declared elsewhere) attaches nothing.
 */
export function attachNodePools(clusters: AksCluster[], nodePools: AksNodePool[]): void {
  for (const pool of nodePools) {
    const value = pool.kubernetesClusterId.value;
    const ref = value.known ? undefined : value.ref;
    if (!ref || ref.mode !== 'managed' || !CLUSTER_TYPES.has(ref.type) || ref.attribute !== 'id') continue;
    const base = formatAddress({ modulePath: ref.module, mode: 'managed', type: ref.type, name: ref.name });
    const candidates = clusters.filter((c) => c.address === base || c.address.startsWith(`${base}[`));
    const cluster =
      ref.key === undefined
        ? candidates.length === 1 && candidates[0].address === base
          ? candidates[0]
          : undefined
        : candidates.find((c) => c.address === formatAddress({ modulePath: ref.module, mode: 'managed', type: ref.type, name: ref.name, key: ref.key }) || c.address === formatAddress({ modulePath: ref.module, mode: 'managed', type: ref.type, name: ref.name, key: String(ref.key) }));
    if (!cluster) continue;
    pool.cluster = cluster;
    cluster.nodePools.push(pool);
  }
}

/**
 * Reads the settings of a cluster or pool from its blocks, in whatever form they are written
 * (block-source.ts): what a setting is when written, absent or in a block that may not exist.
 */
export class SettingReader {
  constructor(private readonly subnetNamedBy: (value: Value) => Subnet | undefined) {}

  /** A cluster whose resource (or body) is `root`. */
  cluster(base: Omit<AksCluster, 'name' | 'network' | 'defaultPool' | 'bootstrapProfile' | 'identityType' | 'nodePools'>, root: BlockSource): AksCluster {
    const bootstrap = root.nested('bootstrap_profile');
    return {
      ...base,
      name: this.setting(root, undefined, 'name'),
      network: this.networkProfile(root),
      defaultPool: this.pool(root.nested('default_node_pool'), 'default_node_pool'),
      bootstrapProfile: { ...bootstrap.presence, artifactSource: this.setting(bootstrap, 'bootstrap_profile', 'artifact_source') },
      identityType: this.setting(root.nested('identity'), 'identity', 'type'),
      nodePools: [],
    };
  }

  /**
   * A node pool whose resource (or body) is `root`. `untracked` reads what only links the pool to
   * its cluster outside the memo's tracking.
   */
  nodePool(base: Omit<AksNodePool, 'pool' | 'osType' | 'kubernetesClusterId' | 'cluster'>, root: BlockSource, untracked: <T>(read: () => T) => T = (read) => read()): AksNodePool {
    return {
      ...base,
      pool: this.pool(root, 'node_pool'),
      osType: this.setting(root, 'node_pool', 'os_type'),
      kubernetesClusterId: untracked(() => this.setting(root, 'node_pool', 'kubernetes_cluster_id')),
    };
  }

  private networkProfile(root: BlockSource): NetworkProfile {
    const np = root.nested('network_profile');
    const s = (name: string) => this.setting(np, 'network_profile', name);
    const nat = np.nested('nat_gateway_profile');
    const acns = np.nested('advanced_networking');
    return {
      ...np.presence,
      plugin: s('network_plugin'),
      pluginMode: s('network_plugin_mode'),
      dataPlane: s('network_data_plane'),
      policy: s('network_policy'),
      networkMode: s('network_mode'),
      podCidr: s('pod_cidr'),
      podCidrs: s('pod_cidrs'),
      serviceCidr: s('service_cidr'),
      serviceCidrs: s('service_cidrs'),
      dnsServiceIp: s('dns_service_ip'),
      ipVersions: s('ip_versions'),
      loadBalancerSku: s('load_balancer_sku'),
      outboundType: s('outbound_type'),
      ebpfDataPlane: s('ebpf_data_plane'),
      dockerBridgeCidr: s('docker_bridge_cidr'),
      loadBalancerProfile: np.nested('load_balancer_profile').presence,
      natGatewayProfile: { ...nat.presence, managedOutboundIpCount: this.setting(nat, 'nat_gateway_profile', 'managed_outbound_ip_count') },
      advancedNetworking: {
        ...acns.presence,
        securityEnabled: this.setting(acns, 'advanced_networking', 'security_enabled'),
        observabilityEnabled: this.setting(acns, 'advanced_networking', 'observability_enabled'),
      },
    };
  }

  private pool(pool: BlockSource, block: 'default_node_pool' | 'node_pool'): PoolNetwork {
    const s = (name: string) => this.setting(pool, block, name);
    const vnetSubnetId = s('vnet_subnet_id');
    const podSubnetId = s('pod_subnet_id');
    const vnetSubnet = this.subnetOf(vnetSubnetId);
    const podSubnet = this.subnetOf(podSubnetId);
    return {
      ...pool.presence,
      name: s('name'),
      vnetSubnetId,
      podSubnetId,
      ...(vnetSubnet ? { vnetSubnet } : {}),
      ...(podSubnet ? { podSubnet } : {}),
      maxPods: s('max_pods'),
      nodeCount: s('node_count'),
      minCount: s('min_count'),
      maxCount: s('max_count'),
      autoScaling: pool.attribute('enable_auto_scaling') ? s('enable_auto_scaling') : s('auto_scaling_enabled'),
      maxSurge: this.setting(pool.nested('upgrade_settings'), 'upgrade_settings', 'max_surge'),
      priority: s('priority'),
      enableNodePublicIp: s('enable_node_public_ip'),
      nodePublicIpEnabled: s('node_public_ip_enabled'),
      temporaryNameForRotation: s('temporary_name_for_rotation'),
    };
  }

  /** The subnet a pool setting names, when it is set to a reference the network model resolves. */
  private subnetOf(setting: Setting): Subnet | undefined {
    return setting.state === 'set' ? this.subnetNamedBy(setting.value) : undefined;
  }

  /** One attribute of a block (`block` undefined: the resource's own, not a network attribute). */
  setting(holder: BlockSource, block: SchemaBlock | undefined, name: string): Setting {
    const { presence } = holder;
    const written = holder.attribute(name);
    const site = written?.site ? { site: written.site } : {};
    const uri = written?.uri ?? holder.uri;
    if (presence.state === 'unknown') {
      // Only a Known value written in the block is trusted; whether the block exists is unknown.
      return {
        name,
        state: 'unknown',
        value: unknown(`${name} is inside a block that may not exist`, written?.value.known ? { origin: written.value.origin } : {}),
        ...site,
        uri,
      };
    }
    // `= null` means "not set" to Terraform: the default applies.
    if (written && !(isKnown(written.value) && written.value.value === null)) return { name, state: 'set', value: written.value, ...site, uri };
    return { name, state: 'absent', value: holder.defaultValue(block, name), ...site, uri };
  }
}
