/**
 * Reads AKS clusters and node pools from azurerm resources: every `azurerm_kubernetes_cluster`
 * and `azurerm_kubernetes_cluster_node_pool` instance, each network setting evaluated, defaulted
 * for the module's provider major and placed by a Site, and each pool's subnets linked to the
 * network model.
 */
import { findAttribute, findBlocks, type SyntaxBlock } from '../syntax/syntax-tree.js';
import { formatAddress } from '../terraform/addresses.js';
import type { Evaluator } from '../terraform/evaluate.js';
import { iteratorName } from '../terraform/dynamic-iterator.js';
import { scopeFor, type Scope } from '../terraform/scope.js';
import type { ResourceDecl } from '../terraform/module.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { isKnown, known, unknown, type Value } from '../terraform/values.js';
import type { AksCluster, AksNodePool, BlockPresence, NetworkProfile, PoolNetwork, Setting, Subnet } from './model.js';
import { attributeSchema, type SchemaBlock } from './schema/network-schema.js';
import { attributeSite, blockSite } from './sites.js';

/** A nested block in one scope: its syntax, presence and the scope its attributes evaluate in. */
interface BlockInScope {
  presence: BlockPresence;
  block?: SyntaxBlock;
  scope: Scope;
}

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
  for (const instance of evaluator.instances(decl.block, decl.uri)) {
    const { modulePath } = evaluator;
    const address = formatAddress({ modulePath, mode: 'managed', type: decl.type, name: decl.name, key: instance.key });
    const reader = new SettingReader(evaluator, provider, decl.uri, subnetNamedBy);
    const base = { address, modulePath, label: decl.name, uri: decl.uri, site, uncertain: instance.uncertain, provider };
    const root: BlockInScope = { presence: { state: 'present', site }, block: decl.block, scope: instance.scope };
    if (decl.type === 'azurerm_kubernetes_cluster') {
      const bootstrap = reader.nested(root, 'bootstrap_profile');
      clusters.push({
        ...base,
        name: reader.setting(root, undefined, 'name'),
        network: reader.networkProfile(root),
        defaultPool: reader.pool(reader.nested(root, 'default_node_pool'), 'default_node_pool'),
        bootstrapProfile: { ...bootstrap.presence, artifactSource: reader.setting(bootstrap, 'bootstrap_profile', 'artifact_source') },
        identityType: reader.setting(reader.nested(root, 'identity'), 'identity', 'type'),
        nodePools: [],
      });
    } else {
      nodePools.push({
        ...base,
        pool: reader.pool(root, 'node_pool'),
        osType: reader.setting(root, 'node_pool', 'os_type'),
        // Only links the pool to its cluster, which attachNodePools does again every time.
        kubernetesClusterId: evaluator.untracked(() => reader.setting(root, 'node_pool', 'kubernetes_cluster_id')),
      });
    }
  }
  return { clusters, nodePools };
}

/**
 * Separate node pool resources join their cluster through kubernetes_cluster_id, which is the
 * cluster's `id` (known only after apply): the reference says which cluster and instance.
 */
export function attachNodePools(clusters: AksCluster[], nodePools: AksNodePool[]): void {
  for (const pool of nodePools) {
    const value = pool.kubernetesClusterId.value;
    const ref = value.known ? undefined : value.ref;
    if (!ref || ref.mode !== 'managed' || ref.type !== 'azurerm_kubernetes_cluster' || ref.attribute !== 'id') continue;
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

class SettingReader {
  constructor(
    private readonly evaluator: Evaluator,
    private readonly provider: ProviderVersion,
    private readonly uri: string,
    private readonly subnetNamedBy: (value: Value) => Subnet | undefined,
  ) {}

  networkProfile(root: BlockInScope): NetworkProfile {
    const np = this.nested(root, 'network_profile');
    const s = (name: string) => this.setting(np, 'network_profile', name);
    const nat = this.nested(np, 'nat_gateway_profile');
    const acns = this.nested(np, 'advanced_networking');
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
      loadBalancerProfile: this.nested(np, 'load_balancer_profile').presence,
      natGatewayProfile: { ...nat.presence, managedOutboundIpCount: this.setting(nat, 'nat_gateway_profile', 'managed_outbound_ip_count') },
      advancedNetworking: {
        ...acns.presence,
        securityEnabled: this.setting(acns, 'advanced_networking', 'security_enabled'),
        observabilityEnabled: this.setting(acns, 'advanced_networking', 'observability_enabled'),
      },
    };
  }

  pool(pool: BlockInScope, block: 'default_node_pool' | 'node_pool'): PoolNetwork {
    const s = (name: string) => this.setting(pool, block, name);
    const vnetSubnetId = s('vnet_subnet_id');
    const podSubnetId = s('pod_subnet_id');
    const vnetSubnet = this.subnetOf(vnetSubnetId);
    const podSubnet = this.subnetOf(podSubnetId);
    return {
      ...pool.presence,
      vnetSubnetId,
      podSubnetId,
      ...(vnetSubnet ? { vnetSubnet } : {}),
      ...(podSubnet ? { podSubnet } : {}),
      maxPods: s('max_pods'),
      nodeCount: s('node_count'),
      minCount: s('min_count'),
      maxCount: s('max_count'),
      autoScaling: pool.block && findAttribute(pool.block.body, 'enable_auto_scaling') ? s('enable_auto_scaling') : s('auto_scaling_enabled'),
      maxSurge: this.setting(this.nested(pool, 'upgrade_settings'), 'upgrade_settings', 'max_surge'),
      priority: s('priority'),
      enableNodePublicIp: s('enable_node_public_ip'),
      nodePublicIpEnabled: s('node_public_ip_enabled'),
    };
  }

  /** The subnet a pool setting names, when it is set to a reference the network model resolves. */
  private subnetOf(setting: Setting): Subnet | undefined {
    return setting.state === 'set' ? this.subnetNamedBy(setting.value) : undefined;
  }

  /**
   * The single nested block `type` of a block: static, or the `content` of a `dynamic "type"`
   * (whose presence is Unknown unless its `for_each` is known).
   */
  nested(parent: BlockInScope, type: string): BlockInScope {
    const absent: BlockInScope = { presence: { state: 'absent' }, scope: parent.scope };
    if (parent.presence.state === 'absent') return absent;
    if (parent.presence.state === 'unknown' || !parent.block) return { presence: { state: 'unknown' }, scope: parent.scope };
    const body = parent.block.body;
    const statics = findBlocks(body, type);
    if (statics.length > 0) {
      const unsure = parent.presence.state !== 'present';
      return { presence: { state: unsure ? 'unknown' : 'present', site: blockSite(this.uri, statics[0]) }, block: statics[0], scope: parent.scope };
    }
    const dynamic = findBlocks(body, 'dynamic').find((b) => b.labels[0]?.value === type);
    if (!dynamic) return absent;
    const content = findBlocks(dynamic.body, 'content')[0];
    const name = iteratorName(dynamic);
    const forEach = this.evaluator.attribute(dynamic, 'for_each', parent.scope);
    const items = isKnown(forEach) ? dynamicItems(forEach) : undefined;
    if (!content) return { presence: { state: 'unknown' }, scope: parent.scope };
    if (items && items.length === 0) return absent;
    if (items && items.length === 1) {
      const [key, value] = items[0];
      const at = { uri: content.uri ?? this.uri, range: content.range, via: [] };
      const iterator = known({ key: known(key, at), value }, at);
      return {
        presence: { state: 'present', site: blockSite(this.uri, content) },
        block: content,
        scope: { ...parent.scope, iterators: { ...parent.scope.iterators, [name]: iterator } },
      };
    }
    const reason = `"${type}" is a dynamic block whose for_each is not known to yield exactly one block`;
    return {
      presence: { state: 'unknown', site: blockSite(this.uri, content) },
      block: content,
      scope: { ...parent.scope, iterators: { ...parent.scope.iterators, [name]: unknown(reason) } },
    };
  }

  /** One attribute of a block (`block` undefined: the resource's own, not a network attribute). */
  setting(holder: BlockInScope, block: SchemaBlock | undefined, name: string): Setting {
    const { presence } = holder;
    const attribute = holder.block ? findAttribute(holder.block.body, name) : undefined;
    const site = attribute ? { site: attributeSite(this.uri, attribute) } : {};
    // An override file may have merged the attribute, or its whole block, in from another file.
    const uri = attribute?.uri ?? holder.block?.uri ?? this.uri;
    const scope = attribute ? scopeFor(attribute, holder.scope) : holder.scope;
    if (presence.state === 'unknown') {
      const value = attribute ? this.evaluator.evaluate(attribute.expr, scope) : undefined;
      // Only a Known value written in the block is trusted; whether the block exists is unknown.
      return {
        name,
        state: 'unknown',
        value: unknown(`${name} is inside a block that may not exist`, value?.known ? { origin: value.origin } : {}),
        ...site,
        uri,
      };
    }
    if (attribute) {
      const value = this.evaluator.evaluate(attribute.expr, scope);
      // `= null` means "not set" to Terraform: the default applies.
      if (!(isKnown(value) && value.value === null)) return { name, state: 'set', value, ...site, uri };
    }
    return { name, state: 'absent', value: this.defaultValue(block, name, holder), ...site, uri };
  }

  private defaultValue(block: SchemaBlock | undefined, name: string, { presence, block: syntax }: BlockInScope): Value {
    const schema = block ? attributeSchema(this.provider.major, block, name) : undefined;
    const range = (syntax ?? { headerRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }).headerRange;
    const origin = { uri: syntax?.uri ?? this.uri, range, via: [{ label: `azurerm ${this.provider.major}.x default for ${name}` }] };
    // Schema defaults only apply inside a block that exists.
    if (schema?.schemaDefault !== undefined && presence.state === 'present') return known(schema.schemaDefault, origin);
    return known(null, { ...origin, via: [{ label: `${name} not set` }] });
  }
}

function dynamicItems(forEach: Value): [string | number, Value][] | undefined {
  if (!isKnown(forEach)) return undefined;
  const v = forEach.value;
  if (Array.isArray(v)) return v.map((item, i) => [i, item]);
  if (v !== null && typeof v === 'object') return Object.entries(v);
  return undefined;
}
