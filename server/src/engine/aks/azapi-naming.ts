/**
 * How an azapi `Microsoft.ContainerService/managedClusters` (or `…/agentPools`) body names the
 * settings the readers ask for by azurerm name, and what the AKS API makes of a field the body
 * leaves out (domain/input-forms.md §4.1). Derived from the schema's `api` column, never written
 * twice. Shared by the reader of azapi resources and the reader of plan files (which reads the
 * same bodies from `after.body`).
 *
 * A cluster body is read from its top (`{ properties = { networkProfile = … } }`); a pool body,
 * an agentPools resource's or one entry of `agentPoolProfiles`, from its `properties` object or
 * the entry itself, as schema block `node_pool`.
 */
import { known, unknown, type Value } from '../terraform/values.js';
import type { BlockPresence } from './model.js';
import { apiFieldOf, apiFieldsOf, blockApiField, childBlocks, schemaBlocks, type SchemaBlock } from './schema/network-schema.js';
import type { Naming, ValuePath } from './value-block-source.js';

const CLUSTER_TYPE = /^microsoft\.containerservice\/managedclusters@(.+)$/i;
const POOL_TYPE = /^microsoft\.containerservice\/managedclusters\/agentpools@(.+)$/i;

/** Whether an azapi `type` is an AKS cluster (matched without case, as ARM matches types). */
export function isAzapiCluster(type: string): boolean {
  return CLUSTER_TYPE.test(type.trim());
}

/** Whether an azapi `type` is an AKS agent pool. */
export function isAzapiPool(type: string): boolean {
  return POOL_TYPE.test(type.trim());
}

/** The api-version of an azapi `type` (`2025-10-01`), or undefined. */
export function apiVersionOf(type: string): string | undefined {
  const match = CLUSTER_TYPE.exec(type.trim()) ?? POOL_TYPE.exec(type.trim());
  return match?.[1];
}

/** `properties.agentPoolProfiles[0]` → `['properties', 'agentPoolProfiles', 0]`. */
export function parseApiPath(path: string): ValuePath {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [];
    if (match[1]) out.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** The AKS API's names: `network_profile.network_data_plane` → `properties.networkProfile.networkDataplane`. */
export const AZAPI_NAMING: Naming = {
  attributePath(block, name) {
    if (!block) return undefined;
    const field = apiFieldOf(block, name);
    return field === undefined ? undefined : parseApiPath(field);
  },
  blockPath(parent, type) {
    // A block nested where the schema does not nest it is not a field of the body.
    const placed = parent === undefined ? TOP_BLOCKS.has(type) : childBlocks(parent).includes(type as SchemaBlock);
    const field = placed ? blockApiField(type as SchemaBlock) : undefined;
    return field === undefined ? undefined : parseApiPath(field);
  },
};

const TOP_BLOCKS = new Set<string>(['network_profile', 'default_node_pool', 'bootstrap_profile']);

/**
 * The names of a whole azapi resource as a value (a plan's `values` / `change.after`): `name`,
 * `parent_id` (a pool's cluster, read as `kubernetes_cluster_id`) and `identity` (a block: a list
 * of one object) are the resource's own; the rest is under `body`, a pool's under
 * `body.properties` (its schema block `node_pool` is the resource itself).
 */
export function azapiResourceNaming(kind: 'cluster' | 'pool'): Naming {
  const body = kind === 'cluster' ? ['body'] : ['body', 'properties'];
  return {
    attributePath(block, name) {
      if (name === 'name' && (block === undefined || (kind === 'pool' && block === 'node_pool'))) return ['name'];
      if (block === 'identity') return [name];
      if (kind === 'pool' && block === 'node_pool') {
        if (name === 'kubernetes_cluster_id') return ['parent_id'];
        const path = AZAPI_NAMING.attributePath(block, name);
        return path && [...body, ...path];
      }
      return AZAPI_NAMING.attributePath(block, name);
    },
    blockPath(parent, type) {
      if (parent === undefined && type === 'identity') return ['identity', 0];
      const path = AZAPI_NAMING.blockPath(parent, type);
      if (!path) return undefined;
      return parent === undefined || (kind === 'pool' && parent === 'node_pool') ? [...body, ...path] : path;
    },
  };
}

/**
 * Defaults of the AKS API that input-forms.md §4.1 verifies: the only ones given as values.
 * podCidr, serviceCidr and dnsServiceIP are verified too, but stay "not set" (Known null) like an
 * azurerm attribute the provider does not send: the rules know those API defaults and say that
 * they are implicit.
 */
const VERIFIED_DEFAULTS: Readonly<Partial<Record<SchemaBlock, Readonly<Record<string, string>>>>> = {
  network_profile: { outbound_type: 'loadBalancer' },
};

/**
 * Fields whose API default the domain files do not verify: Unknown when the body leaves them out,
 * never azurerm's default. Those with an azurerm schema default, and the plugin (azurerm requires it).
 */
const UNVERIFIED: Readonly<Partial<Record<SchemaBlock, ReadonlySet<string>>>> = {
  network_profile: new Set(['network_plugin', 'network_data_plane', 'load_balancer_sku']),
  load_balancer_profile: new Set(['outbound_ports_allocated', 'idle_timeout_in_minutes', 'backend_pool_type']),
  nat_gateway_profile: new Set(['idle_timeout_in_minutes']),
  advanced_networking: new Set(['security_enabled', 'observability_enabled']),
  default_node_pool: new Set(['node_public_ip_enabled']),
  node_pool: new Set(['node_public_ip_enabled', 'os_type', 'priority']),
};

/** What `defaults` needs of the block asking: its file and where it is written. */
export interface DefaultAsker {
  uri: string;
  presence: BlockPresence;
}

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * What a field the body leaves out is, for an api-version: the API's verified default, Unknown
 * (with the reason) where the default is not verified, else Known null ("not set": AKS chooses,
 * as when azurerm sends nothing). An azurerm name with no API field is never set.
 */
export function azapiDefaults(apiVersion: string | undefined): (schemaBlock: SchemaBlock | undefined, name: string, source: DefaultAsker) => Value {
  const version = apiVersion ?? 'of the resource';
  return (schemaBlock, name, source) => {
    const field = schemaBlock ? apiFieldOf(schemaBlock, name) : undefined;
    const jsonName = field?.split('.').at(-1) ?? name;
    const site = source.presence.site;
    const origin = { uri: site?.uri ?? source.uri, range: site?.headerRange ?? NOWHERE };
    if (!schemaBlock || field === undefined) return known(null, { ...origin, via: [{ label: `${name} not set` }] });
    const value = VERIFIED_DEFAULTS[schemaBlock]?.[name];
    if (value !== undefined) return known(value, { ...origin, via: [{ label: `AKS API default for ${jsonName} (api-version ${version})` }] });
    if (UNVERIFIED[schemaBlock]?.has(name)) {
      return unknown(`${jsonName} is not set in the body, and the AKS API's default for it (api-version ${version}) is not known to aks-netlint`, { origin: { ...origin, via: [] } });
    }
    return known(null, { ...origin, via: [{ label: `${jsonName} not set` }] });
  };
}

/**
 * azurerm name → JSON name of the AKS API, for every attribute and block of the schema, as
 * messages name them: `network_data_plane` → `networkDataplane`, `default_node_pool` →
 * `agentPoolProfiles[0]`. A name two blocks map to different fields is kept only qualified
 * (`nat_gateway_profile.managed_outbound_ip_count`).
 */
export function azapiNameMap(): ReadonlyMap<string, string> {
  if (nameMap) return nameMap;
  const map = new Map<string, string>();
  const ambiguous = new Set<string>();
  const add = (name: string, api: string) => {
    const seen = map.get(name);
    if (seen !== undefined && seen !== api) ambiguous.add(name);
    else map.set(name, api);
  };
  for (const block of schemaBlocks()) {
    const field = blockApiField(block);
    // `properties.agentPoolProfiles[0]` reads as `agentPoolProfiles[0]`; a pool body's `properties` is no name.
    const blockName = field && block !== 'node_pool' && block !== 'identity' ? field.replace(/^properties\./, '') : undefined;
    if (blockName) add(block, blockName);
    for (const { name, api } of apiFieldsOf(block)) {
      add(name, api);
      if (blockName) map.set(`${block}.${name}`, `${blockName}.${api}`);
    }
  }
  for (const name of ambiguous) map.delete(name);
  nameMap = map;
  return map;
}
let nameMap: Map<string, string> | undefined;
