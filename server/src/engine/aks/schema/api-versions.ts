/**
 * Since which AKS API version a field (or a value of one) exists, for azapi bodies, whose `type`
 * names the api-version: only facts read in Azure/azure-rest-api-specs (the first stable
 * `Microsoft.ContainerService/aks/stable/<version>/managedClusters.json` that defines it; the
 * folder before it does not). docs/rules/api-version-too-old.md cites the files.
 */
import type { SchemaBlock } from './network-attributes.js';

/** A field, or one value of it, and the first stable api-version that has it. */
export interface ApiFieldSince {
  block: SchemaBlock;
  /** The azurerm name the model reads it by. */
  name: string;
  /** Only this value is new (the field existed before). */
  value?: string;
  since: string;
}

export const API_FIELDS_SINCE: readonly ApiFieldSince[] = [
  // 2023-01-01 defines neither; 2023-02-01 defines both, and networkPolicy "cilium".
  { block: 'network_profile', name: 'network_plugin_mode', since: '2023-02-01' },
  { block: 'network_profile', name: 'network_data_plane', since: '2023-02-01' },
  { block: 'network_profile', name: 'network_policy', value: 'cilium', since: '2023-02-01' },
];

/**
 * Whether a stable api-version (`2023-01-01`) is older than `since`: undefined for a preview
 * version (`2022-08-02-preview`) or one not written as a date, where the specs read say nothing.
 */
export function isStableBefore(apiVersion: string, since: string): boolean | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) return undefined;
  return apiVersion < since;
}
