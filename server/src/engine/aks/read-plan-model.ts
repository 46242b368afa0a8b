/**
 * The reader of plan files: the closed AKS model of a `terraform show -json` plan, every
 * azurerm cluster and node pool instance of every module read through ValueBlockSource with
 * azurerm names (`network_profile[0].pod_cidr`) by the same SettingReader as written resources,
 * so no rule knows the difference; azapi clusters and pools by their JSON names, with the bodies
 * of the azapi_update_resources that target them. Values are placed in the plan file;
 * analyze-plan.ts moves them to the configuration's lines when the files are there.
 */
import { formatAddress } from '../terraform/addresses.js';
import { fromConstraints } from '../terraform/detect-provider-version.js';
import type { PlanDocument, PlanResource } from '../terraform/plan-json.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { isObjectValue, known, knownString, type Value } from '../terraform/values.js';
import type { AksCluster, AksModel, AksNodePool, BlockSite } from './model.js';
import { applyAzapiUpdates } from './plan-azapi-updates.js';
import { attachNodePools, SettingReader } from './read-clusters.js';
import { readAzapiValue } from './read-azapi-value.js';
import { readPlanNetwork } from './read-plan-network.js';
import { attributeSchema, type SchemaBlock } from './schema/network-schema.js';
import { AZURERM_NAMING, ValueBlockSource, valueAt, type DefaultOf } from './value-block-source.js';

/** Where a finding about a whole resource of the plan points: its address. */
export function planResourceSite(uri: string, resource: PlanResource): BlockSite {
  const range = resource.addressRange;
  return { uri, range, typeRange: range, headerRange: range, labelRange: range };
}

/**
 * The provider version a plan states (its provider_config's version_constraint, from
 * required_providers), unless the configuration locks one (`fallback`, else assumed).
 */
export function planProviderVersion(plan: PlanDocument, fallback: ProviderVersion): ProviderVersion {
  if (plan.providerConstraints.length === 0 || fallback.source === 'lock') return fallback;
  const version = fromConstraints(plan.providerConstraints.map((c) => ({ ...c, uri: plan.uri })));
  return version.source === 'assumed' && fallback.source !== 'assumed' ? fallback : { ...version, detail: version.detail.replace('(required_providers)', '(the plan)') };
}

/**
 * Reads every AKS cluster and node pool of the plan, with the network the plan declares. Pools
 * join clusters (and subnets) through the resources their configuration references, since ids
 * of resources created in the same plan are known only after apply.
 */
export function readPlanModel(plan: PlanDocument, provider: ProviderVersion): AksModel {
  const network = readPlanNetwork(plan);
  const reader = new SettingReader(network.subnetNamedBy);
  const defaults = defaultsFor(provider);
  const clusters: AksCluster[] = [];
  const nodePools: AksNodePool[] = [];
  const clusterIds = new Map<string, AksCluster>();
  const addId = (resource: PlanResource, cluster: AksCluster | undefined) => {
    const id = knownString(valueAt(resource.values, ['id']));
    if (cluster && id) clusterIds.set(id.toLowerCase(), cluster);
  };
  for (const resource of applyAzapiUpdates(plan.resources)) {
    if (resource.mode !== 'managed') continue;
    if (resource.type === 'azapi_resource') {
      // A managedClusters or agentPools body (`after.body.properties…`), read by its JSON names.
      const read = readAzapiValue({ ...resource, uri: plan.uri, site: planResourceSite(plan.uri, resource), provider }, reader);
      addId(resource, read.clusters[0]);
      clusters.push(...read.clusters);
      nodePools.push(...read.nodePools);
      continue;
    }
    if (resource.type !== 'azurerm_kubernetes_cluster' && resource.type !== 'azurerm_kubernetes_cluster_node_pool') continue;
    const site = planResourceSite(plan.uri, resource);
    const base = {
      address: formatAddress({ modulePath: resource.modulePath, mode: 'managed', type: resource.type, name: resource.name, key: resource.key }),
      modulePath: resource.modulePath,
      label: resource.name,
      uri: plan.uri,
      site,
      uncertain: false,
      provider,
      form: 'azurerm' as const,
    };
    const root = new ValueBlockSource(emptyStringsUnset(resource.values), { state: 'present', site }, plan.uri, undefined, AZURERM_NAMING, defaults);
    if (resource.type === 'azurerm_kubernetes_cluster') {
      clusters.push(reader.cluster(base, root));
      addId(resource, clusters[clusters.length - 1]);
    } else nodePools.push(reader.nodePool(base, root));
  }
  attachNodePools(clusters, nodePools);
  // A pool of a cluster that exists already names it by its id, known in the plan, not by a reference.
  for (const pool of nodePools) {
    const id = pool.cluster ? undefined : knownString(pool.kubernetesClusterId.value);
    const cluster = id ? clusterIds.get(id.toLowerCase()) : undefined;
    if (!cluster) continue;
    pool.cluster = cluster;
    cluster.nodePools.push(pool);
  }
  return { provider, clusters, nodePools, network: network.network };
}

/**
 * What an attribute the plan leaves null is: the provider fills schema defaults into a real plan,
 * so this matters for plans that leave them out; the same as for a written resource.
 */
function defaultsFor(provider: ProviderVersion): DefaultOf {
  return (schemaBlock: SchemaBlock | undefined, name: string, source: ValueBlockSource): Value => {
    const schema = schemaBlock ? attributeSchema(provider.major, schemaBlock, name) : undefined;
    const range = source.presence.site?.headerRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const origin = { uri: source.uri, range, via: [{ label: `azurerm ${provider.major}.x default for ${name}` }] };
    if (schema?.schemaDefault !== undefined && source.presence.state === 'present') return known(schema.schemaDefault, origin);
    return known(null, { ...origin, via: [{ label: `${name} not set` }] });
  };
}

/**
 * azurerm's plugin SDK cannot tell an unset string from "": its state, and so a plan's `before`
 * and the `after` of a resource that exists already, hold "" for network_policy, network_mode,
 * network_plugin_mode left unset (and the provider writes "none" as "" too). Read as not set, as
 * the files would be: "" is no value a check may judge, nor a prior value that was "set".
 */
function emptyStringsUnset(value: Value): Value {
  if (!value.known) return value;
  const v = value.value;
  if (v === '') return known(null, value.origin);
  if (Array.isArray(v)) return { ...value, value: v.map(emptyStringsUnset) };
  if (isObjectValue(v)) return { ...value, value: Object.fromEntries(Object.entries(v).map(([key, item]) => [key, emptyStringsUnset(item)])) };
  return value;
}
