/**
 * Builds the domain model from a module: every `azurerm_kubernetes_cluster` and
 * `azurerm_kubernetes_cluster_node_pool` instance, each network setting evaluated and defaulted
 * for the module's provider major.
 */
import { findAttribute, findBlocks, type SyntaxBlock } from '../syntax/syntax-tree.js';
import type { Evaluator, Scope } from '../terraform/evaluate.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { isKnown, known, unknown, type Value } from '../terraform/values.js';
import type { AksCluster, AksNodePool, BlockPresence, NetworkProfile, PoolNetwork, Setting } from './model.js';
import { attributeSchema, type SchemaBlock } from './schema/network-schema.js';

/** A nested block in one scope: its content and the scope its attributes evaluate in. */
interface BlockInScope {
  presence: BlockPresence;
  scope: Scope;
}

/** The instances one resource block declares. */
export interface ExtractedBlock {
  clusters: AksCluster[];
  nodePools: AksNodePool[];
}

/**
 * Lets a caller reuse what an unchanged block declared last time (`reuse`), and learn which blocks
 * were read without looking at other AKS resources, so that their result may be reused (`record`).
 */
export interface ExtractionMemo {
  reuse(block: SyntaxBlock): ExtractedBlock | undefined;
  record(block: SyntaxBlock, extracted: ExtractedBlock): void;
}

export function isAksResourceType(type: string): boolean {
  return type === 'azurerm_kubernetes_cluster' || type === 'azurerm_kubernetes_cluster_node_pool';
}

/** Every cluster and node pool instance of the module. */
export function extractClusters(evaluator: Evaluator, provider: ProviderVersion, memo?: ExtractionMemo): { clusters: AksCluster[]; nodePools: AksNodePool[] } {
  const clusters: AksCluster[] = [];
  const nodePools: AksNodePool[] = [];
  for (const decl of evaluator.module.resources.values()) {
    if (decl.mode !== 'managed') continue;
    if (!isAksResourceType(decl.type)) continue;
    // An override file changes this resource in ways not merged here: leave it unchecked.
    if (evaluator.module.overridden.has(`resource:${decl.type}.${decl.name}`)) continue;
    const reused = memo?.reuse(decl.block);
    if (reused) {
      // Attachments are made again below, on copies: the old objects belong to the old analysis.
      clusters.push(...reused.clusters.map((c) => ({ ...c, nodePools: [] })));
      nodePools.push(...reused.nodePools.map((p) => ({ ...p, cluster: undefined })));
      continue;
    }
    let readsOtherAks = false;
    // A pool names its cluster in kubernetes_cluster_id: that link is the attachment below, made
    // again every time, and the memo checks the cluster's block with the pool's.
    let readingClusterId = false;
    evaluator.onResourceRead = (read) => {
      if (read.block !== decl.block && isAksResourceType(read.type) && !readingClusterId) readsOtherAks = true;
    };
    const firstCluster = clusters.length;
    const firstPool = nodePools.length;
    const labelRange = decl.block.labels[1]?.range ?? decl.block.headerRange;
    for (const instance of evaluator.instances(decl.block, decl.uri)) {
      const address = `${decl.type}.${decl.name}${instance.key === undefined ? '' : `[${JSON.stringify(instance.key)}]`}`;
      const reader = new SettingReader(evaluator, provider, decl.uri);
      const base = { address, uri: decl.uri, block: decl.block, labelRange, uncertain: instance.uncertain, provider };
      if (decl.type === 'azurerm_kubernetes_cluster') {
        const root: BlockInScope = { presence: { state: 'present', block: decl.block }, scope: instance.scope };
        const bootstrap = reader.nested(root, 'bootstrap_profile');
        clusters.push({
          ...base,
          network: reader.networkProfile(root),
          defaultPool: reader.pool(reader.nested(root, 'default_node_pool'), 'default_node_pool'),
          bootstrapProfile: { ...bootstrap.presence, artifactSource: reader.setting(bootstrap, 'bootstrap_profile', 'artifact_source') },
          identityType: reader.setting(reader.nested(root, 'identity'), 'identity', 'type'),
          nodePools: [],
        });
      } else {
        const root: BlockInScope = { presence: { state: 'present', block: decl.block }, scope: instance.scope };
        readingClusterId = true;
        const kubernetesClusterId = reader.setting(root, 'node_pool', 'kubernetes_cluster_id');
        readingClusterId = false;
        nodePools.push({
          ...base,
          pool: reader.pool(root, 'node_pool'),
          osType: reader.setting(root, 'node_pool', 'os_type'),
          kubernetesClusterId,
        });
      }
    }
    evaluator.onResourceRead = undefined;
    if (memo && !readsOtherAks) memo.record(decl.block, { clusters: clusters.slice(firstCluster), nodePools: nodePools.slice(firstPool) });
  }
  attachNodePools(clusters, nodePools);
  return { clusters, nodePools };
}

/**
 * Separate node pool resources join their cluster through kubernetes_cluster_id, which is the
 * cluster's `id` (known only after apply): the reference says which cluster and instance.
 */
function attachNodePools(clusters: AksCluster[], nodePools: AksNodePool[]): void {
  for (const pool of nodePools) {
    const value = pool.kubernetesClusterId.value;
    const ref = value.known ? undefined : value.ref;
    if (!ref || ref.mode !== 'managed' || ref.type !== 'azurerm_kubernetes_cluster' || ref.attribute !== 'id') continue;
    const base = `${ref.type}.${ref.name}`;
    const candidates = clusters.filter((c) => c.address === base || c.address.startsWith(`${base}[`));
    const cluster =
      ref.key === undefined
        ? candidates.length === 1 && candidates[0].address === base
          ? candidates[0]
          : undefined
        : candidates.find((c) => c.address === `${base}[${JSON.stringify(ref.key)}]` || c.address === `${base}[${JSON.stringify(String(ref.key))}]`);
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
    return {
      ...pool.presence,
      vnetSubnetId: s('vnet_subnet_id'),
      podSubnetId: s('pod_subnet_id'),
      maxPods: s('max_pods'),
      nodeCount: s('node_count'),
      minCount: s('min_count'),
      maxCount: s('max_count'),
      autoScaling: pool.presence.block && findAttribute(pool.presence.block.body, 'enable_auto_scaling') ? s('enable_auto_scaling') : s('auto_scaling_enabled'),
      maxSurge: this.setting(this.nested(pool, 'upgrade_settings'), 'upgrade_settings', 'max_surge'),
      priority: s('priority'),
      enableNodePublicIp: s('enable_node_public_ip'),
      nodePublicIpEnabled: s('node_public_ip_enabled'),
    };
  }

  /**
   * The single nested block `type` of a block: static, or the `content` of a `dynamic "type"`
   * (whose presence is Unknown unless its `for_each` is known).
   */
  nested(parent: BlockInScope, type: string): BlockInScope {
    const absent: BlockInScope = { presence: { state: 'absent' }, scope: parent.scope };
    if (parent.presence.state === 'absent') return absent;
    if (parent.presence.state === 'unknown' || !parent.presence.block) return { presence: { state: 'unknown' }, scope: parent.scope };
    const body = parent.presence.block.body;
    const statics = findBlocks(body, type);
    if (statics.length > 0) {
      const unsure = parent.presence.state !== 'present';
      return { presence: { state: unsure ? 'unknown' : 'present', block: statics[0] }, scope: parent.scope };
    }
    const dynamic = findBlocks(body, 'dynamic').find((b) => b.labels[0]?.value === type);
    if (!dynamic) return absent;
    const content = findBlocks(dynamic.body, 'content')[0];
    const iteratorName = this.evaluator.attribute(dynamic, 'iterator', parent.scope);
    const name = isKnown(iteratorName) && typeof iteratorName.value === 'string' ? iteratorName.value : type;
    const forEach = this.evaluator.attribute(dynamic, 'for_each', parent.scope);
    const items = isKnown(forEach) ? dynamicItems(forEach) : undefined;
    if (!content) return { presence: { state: 'unknown' }, scope: parent.scope };
    if (items && items.length === 0) return absent;
    if (items && items.length === 1) {
      const [key, value] = items[0];
      const at = { uri: this.uri, range: content.range, via: [] };
      const iterator = known({ key: known(key, at), value }, at);
      return {
        presence: { state: 'present', block: content },
        scope: { ...parent.scope, iterators: { ...parent.scope.iterators, [name]: iterator } },
      };
    }
    const reason = `"${type}" is a dynamic block whose for_each is not known to yield exactly one block`;
    return {
      presence: { state: 'unknown', block: content },
      scope: { ...parent.scope, iterators: { ...parent.scope.iterators, [name]: unknown(reason) } },
    };
  }

  setting(holder: BlockInScope, block: SchemaBlock, name: string): Setting {
    const { presence, scope } = holder;
    const attribute = presence.block ? findAttribute(presence.block.body, name) : undefined;
    if (presence.state === 'unknown') {
      const value = attribute ? this.evaluator.evaluate(attribute.expr, scope) : undefined;
      // Only a Known value written in the block is trusted; whether the block exists is unknown.
      return {
        name,
        state: 'unknown',
        value: unknown(`${name} is inside a block that may not exist`, value?.known ? { origin: value.origin } : {}),
        attribute,
        uri: this.uri,
      };
    }
    if (attribute) {
      const value = this.evaluator.evaluate(attribute.expr, scope);
      // `= null` means "not set" to Terraform: the default applies.
      if (!(isKnown(value) && value.value === null)) return { name, state: 'set', value, attribute, uri: this.uri };
    }
    return { name, state: 'absent', value: this.defaultValue(block, name, presence), attribute, uri: this.uri };
  }

  private defaultValue(block: SchemaBlock, name: string, presence: BlockPresence): Value {
    const schema = attributeSchema(this.provider.major, block, name);
    const range = (presence.block ?? { headerRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }).headerRange;
    const origin = { uri: this.uri, range, via: [{ label: `azurerm ${this.provider.major}.x default for ${name}` }] };
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
