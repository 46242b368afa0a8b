/**
 * Reads AKS clusters and agent pools written as azapi resources (domain/input-forms.md §4):
 * `azapi_resource` of type `Microsoft.ContainerService/managedClusters@<ver>` (whose
 * `agentPoolProfiles[0]` is the default pool and further entries are pools of the cluster) or
 * `…/managedClusters/agentPools@<ver>` (joined to its cluster by `parent_id`), into the same model
 * as azurerm resources, through the same SettingReader: only the names (the AKS API's JSON names)
 * and the defaults (the API's, for the api-version) differ. An `azapi_update_resource` whose
 * `resource_id` is the cluster's (or pool's) id updates its body.
 */
import { findAttribute } from '../syntax/syntax-tree.js';
import { formatAddress } from '../terraform/addresses.js';
import type { Evaluator } from '../terraform/evaluate.js';
import type { ResourceDecl } from '../terraform/module.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { scopeFor, type Instance } from '../terraform/scope.js';
import { isKnown, knownList, knownString, unknown, type Value } from '../terraform/values.js';
import { AzapiBodySource, bodyLayer, type BodyContext, type BodyLayer } from './azapi-body-source.js';
import { apiVersionOf, AZAPI_NAMING, azapiDefaults, isAzapiCluster, isAzapiPool, parseApiPath } from './azapi-naming.js';
import { SyntaxBlockSource, type BlockSource, type WrittenAttribute } from './block-source.js';
import type { AksCluster, AksNodePool, AttributePaths, BlockPresence, Subnet } from './model.js';
import { ignoredOf, SettingReader, type ResourceReading } from './read-clusters.js';
import type { SchemaBlock } from './schema/network-schema.js';
import { blockSite } from './sites.js';

/** Whether a declaration may be an AKS resource written with azapi (its `type` says, once evaluated). */
export function isAzapiResource(decl: ResourceDecl): boolean {
  return decl.mode === 'managed' && decl.type === 'azapi_resource';
}

/** The clusters and pools one `azapi_resource` block declares (none when its type is not AKS). */
export function readAzapiResource(decl: ResourceDecl, evaluator: Evaluator, provider: ProviderVersion, subnetNamedBy: (value: Value) => Subnet | undefined): ResourceReading {
  const clusters: AksCluster[] = [];
  const nodePools: AksNodePool[] = [];
  const site = blockSite(decl.uri, decl.block);
  const reader = new SettingReader(subnetNamedBy);
  for (const instance of evaluator.instances(decl.block, decl.uri)) {
    const type = knownString(evaluator.attribute(decl.block, 'type', instance.scope));
    if (type === undefined || (!isAzapiCluster(type) && !isAzapiPool(type))) continue;
    const apiVersion = apiVersionOf(type);
    const { modulePath } = evaluator;
    const address = formatAddress({ modulePath, mode: 'managed', type: decl.type, name: decl.name, key: instance.key });
    const context: BodyContext = { evaluator, naming: AZAPI_NAMING, defaults: azapiDefaults(apiVersion) };
    const layers = [...ownBody(decl, instance, evaluator), ...updatesOf(decl, instance.key, evaluator, isAzapiCluster(type) ? isAzapiCluster : isAzapiPool)];
    const body = AzapiBodySource.ofBody(context, layers, { state: 'present', site }, decl.uri);
    // A fix that adds a block to the cluster adds it to the body, never to the resource block.
    const { edit: _resourceEdit, ...resourceSite } = site;
    const bodyEdit = body.at([], undefined).presence.site?.edit;
    const clusterSite = bodyEdit ? { ...resourceSite, edit: bodyEdit } : resourceSite;
    const base = { address, modulePath, label: decl.name, uri: decl.uri, site: clusterSite, uncertain: instance.uncertain, provider, form: 'azapi' as const, ...(apiVersion ? { apiVersion } : {}), ...ignoredOf(decl), ...replaceTriggersOf(decl, instance, evaluator) };
    const resource = new SyntaxBlockSource(evaluator, provider, decl.uri, { state: 'present', site }, instance.scope, decl.block);
    if (isAzapiCluster(type)) {
      const cluster = reader.cluster(base, new AzapiRoot(resource, body));
      clusters.push(cluster);
      nodePools.push(...inlinePools(cluster, body, reader, decl, instance.key));
    } else {
      const properties = body.at(['properties'], 'node_pool', { state: 'present', site });
      nodePools.push(reader.nodePool(base, new AzapiRoot(resource, properties), (read) => evaluator.untracked(read)));
    }
  }
  return { clusters, nodePools };
}

/** The entries of `agentPoolProfiles` after the first: pools of the cluster, in its body. */
function inlinePools(cluster: AksCluster, body: AzapiBodySource, reader: SettingReader, decl: ResourceDecl, key: string | number | undefined): AksNodePool[] {
  const count = body.lengthAt(['properties', 'agentPoolProfiles']) ?? 0;
  const pools: AksNodePool[] = [];
  for (let i = 1; i < count; i++) {
    const profile = body.at(['properties', 'agentPoolProfiles', i], 'node_pool');
    if (profile.presence.state !== 'present') continue;
    const ref = { ...(cluster.modulePath.length > 0 ? { module: cluster.modulePath } : {}), mode: 'managed' as const, type: decl.type, name: decl.name, ...(key !== undefined ? { key } : {}), attribute: 'id' };
    // The entry belongs to this cluster: its link is the cluster's id, as a child resource's parent_id would be.
    const link: WrittenAttribute = { value: unknown(`${cluster.address}.id is known only after apply`, { ref }), uri: profile.uri };
    const { modulePath, label, uri, uncertain, provider, form, apiVersion, ignoredChanges, replaceTriggers } = cluster;
    // The entry is part of the cluster's body: the cluster's ignore_changes and replace triggers hold for it.
    const instance = {
      address: `${cluster.address}.agentPoolProfiles[${i}]`,
      modulePath,
      label,
      uri,
      site: profile.presence.site ?? cluster.site,
      uncertain,
      provider,
      form,
      ...(apiVersion ? { apiVersion } : {}),
      ...(ignoredChanges ? { ignoredChanges } : {}),
      ...(replaceTriggers ? { replaceTriggers } : {}),
    };
    pools.push(reader.nodePool(instance, new LinkedPool(profile, link)));
  }
  return pools;
}

/**
 * The resource's `replace_triggers_refs` (paths in the body, `properties.agentPoolProfiles[0].vnetSubnetID`)
 * as paths of the resource; all of them when the list is not known.
 */
function replaceTriggersOf(decl: ResourceDecl, instance: Instance, evaluator: Evaluator): { replaceTriggers?: AttributePaths } {
  if (!findAttribute(decl.block.body, 'replace_triggers_refs')) return {};
  const items = knownList(evaluator.attribute(decl.block, 'replace_triggers_refs', instance.scope));
  const refs = items?.map((item) => knownString(item));
  if (!refs || refs.some((ref) => ref === undefined)) return { replaceTriggers: { all: true } };
  const paths = (refs as string[]).map((ref) => ['body', ...parseApiPath(ref).map(String)]);
  return { replaceTriggers: paths.some((p) => p.length === 1) ? { all: true } : { all: false, paths } };
}

/** The `body` of the resource instance. */
function ownBody(decl: ResourceDecl, instance: Instance, evaluator: Evaluator): BodyLayer[] {
  const attribute = findAttribute(decl.block.body, 'body');
  return attribute ? [bodyLayer(attribute, scopeFor(attribute, instance.scope), evaluator)] : [];
}

/**
 * The bodies of `azapi_update_resource`s of the same kind whose resource_id is this instance's
 * id (a reference to it), in source order: each updates the body, later keys winning.
 */
function updatesOf(decl: ResourceDecl, key: string | number | undefined, evaluator: Evaluator, sameKind: (type: string) => boolean): BodyLayer[] {
  const layers: BodyLayer[] = [];
  for (const update of evaluator.module.resources.values()) {
    if (update.mode !== 'managed' || update.type !== 'azapi_update_resource') continue;
    const body = findAttribute(update.block.body, 'body');
    if (!body) continue;
    for (const instance of evaluator.instances(update.block, update.uri)) {
      if (instance.uncertain) continue;
      const type = knownString(evaluator.attribute(update.block, 'type', instance.scope));
      if (type === undefined || !sameKind(type)) continue;
      const id = evaluator.attribute(update.block, 'resource_id', instance.scope);
      const ref = id && !isKnown(id) ? id.ref : undefined;
      if (!ref || ref.type !== decl.type || ref.name !== decl.name || ref.attribute !== 'id' || (ref.module ?? []).join('.') !== evaluator.modulePath.join('.')) continue;
      if (ref.key !== undefined ? key === undefined || String(ref.key) !== String(key) : key !== undefined) continue;
      layers.push(bodyLayer(body, scopeFor(body, instance.scope), evaluator));
    }
  }
  return layers;
}

/**
 * The top of an azapi cluster or pool: `name`, `parent_id` (the cluster a pool belongs to, read
 * as `kubernetes_cluster_id`) and `identity` are the resource's own; the rest is its body.
 */
class AzapiRoot implements BlockSource {
  constructor(
    private readonly resource: SyntaxBlockSource,
    private readonly body: AzapiBodySource,
  ) {}

  get presence(): BlockPresence {
    return this.resource.presence;
  }

  get uri(): string {
    return this.resource.uri;
  }

  attribute(name: string): WrittenAttribute | undefined {
    if (name === 'name') return this.resource.attribute('name');
    if (name === 'kubernetes_cluster_id') return this.resource.attribute('parent_id');
    return this.body.attribute(name);
  }

  nested(type: string): BlockSource {
    return type === 'identity' ? this.resource.nested('identity') : this.body.nested(type);
  }

  defaultValue(schemaBlock: SchemaBlock | undefined, name: string): Value {
    return schemaBlock === undefined || schemaBlock === 'identity' ? this.resource.defaultValue(schemaBlock, name) : this.body.defaultValue(schemaBlock, name);
  }
}

/** An entry of agentPoolProfiles, linked to its cluster (also read so from a plan's values). */
export class LinkedPool implements BlockSource {
  constructor(
    private readonly profile: BlockSource,
    private readonly link: WrittenAttribute,
  ) {}

  get presence(): BlockPresence {
    return this.profile.presence;
  }

  get uri(): string {
    return this.profile.uri;
  }

  attribute(name: string): WrittenAttribute | undefined {
    return name === 'kubernetes_cluster_id' ? this.link : this.profile.attribute(name);
  }

  nested(type: string): BlockSource {
    return this.profile.nested(type);
  }

  defaultValue(schemaBlock: SchemaBlock | undefined, name: string): Value {
    return this.profile.defaultValue(schemaBlock, name);
  }
}
