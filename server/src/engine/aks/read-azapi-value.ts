/**
 * An azapi AKS resource given as a value, as a plan file holds it (`change.after`: `type`, `name`,
 * `parent_id`, `identity`, `body`), read into the model with the same names and defaults as a
 * written azapi resource (azapi-naming.ts) and the same SettingReader. What the plan reader calls
 * for each `azapi_resource` instance; placing the values is the caller's (its sites, its links).
 */
import { formatAddress } from '../terraform/addresses.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { knownString, unknown, type Value } from '../terraform/values.js';
import { apiVersionOf, AZAPI_NAMING, azapiDefaults, azapiResourceNaming, isAzapiCluster, isAzapiPool } from './azapi-naming.js';
import type { BlockSite } from './model.js';
import { LinkedPool } from './read-azapi.js';
import type { ResourceReading, SettingReader } from './read-clusters.js';
import { valueAt, ValueBlockSource } from './value-block-source.js';

/** One azapi_resource instance as a value, and where its findings go. */
export interface AzapiValueResource {
  /** The resource's values (`type`, `name`, `parent_id`, `identity`, `body`). */
  values: Value;
  modulePath: readonly string[];
  name: string;
  key?: string | number;
  /** The file the values are read from, and where a finding about the whole resource points. */
  uri: string;
  site: BlockSite;
  provider: ProviderVersion;
}

/** The cluster (with the pools of its agentPoolProfiles after the first) or the pool an azapi value is; nothing when its type is not AKS. */
export function readAzapiValue(resource: AzapiValueResource, reader: SettingReader): ResourceReading {
  const type = knownString(valueAt(resource.values, ['type']));
  const kind = type === undefined ? undefined : isAzapiCluster(type) ? 'cluster' : isAzapiPool(type) ? 'pool' : undefined;
  if (!kind || type === undefined) return { clusters: [], nodePools: [] };
  const apiVersion = apiVersionOf(type);
  const { modulePath, name, key, uri, site, provider } = resource;
  const address = formatAddress({ modulePath, mode: 'managed', type: 'azapi_resource', name, key });
  const base = { address, modulePath, label: name, uri, site, uncertain: false, provider, form: 'azapi' as const, ...(apiVersion ? { apiVersion } : {}) };
  const defaults = azapiDefaults(apiVersion);
  const root = new ValueBlockSource(resource.values, { state: 'present', site }, uri, kind === 'pool' ? 'node_pool' : undefined, azapiResourceNaming(kind), defaults);
  if (kind === 'pool') return { clusters: [], nodePools: [reader.nodePool(base, root)] };
  const cluster = reader.cluster(base, root);
  const profiles = valueAt(resource.values, ['body', 'properties', 'agentPoolProfiles']);
  const entries = profiles?.known && Array.isArray(profiles.value) ? profiles.value : [];
  const ref = { ...(modulePath.length > 0 ? { module: modulePath } : {}), mode: 'managed' as const, type: 'azapi_resource', name, ...(key !== undefined ? { key } : {}), attribute: 'id' };
  const link = { value: unknown(`${address}.id is known only after apply`, { ref }), uri };
  const nodePools = entries.slice(1).map((entry, i) => {
    const profile = new ValueBlockSource(entry, { state: 'present', site }, uri, 'node_pool', AZAPI_NAMING, defaults);
    return reader.nodePool({ ...base, address: `${address}.agentPoolProfiles[${i + 1}]` }, new LinkedPool(profile, link));
  });
  return { clusters: [cluster], nodePools };
}
