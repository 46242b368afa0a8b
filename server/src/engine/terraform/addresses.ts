/**
 * Resource addresses as Terraform writes them (`module.net.azurerm_subnet.nodes["a"]`,
 * `data.azurerm_subnet.x`): the one formatter every reader, rule message and diagram uses.
 */
import type { ResourceRef } from './values.js';

/** What names one resource instance. */
export interface InstanceAddress {
  /** Module calls leading to the resource, outermost first (`module.aks`, `module.pools["a"]`). */
  modulePath?: readonly string[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: string | number;
}

/** `module.aks.azurerm_kubernetes_cluster.this["prod"]`. */
export function formatAddress(address: InstanceAddress): string {
  const prefix = address.modulePath && address.modulePath.length > 0 ? `${address.modulePath.join('.')}.` : '';
  const mode = address.mode === 'data' ? 'data.' : '';
  const key = address.key === undefined ? '' : `[${JSON.stringify(address.key)}]`;
  return `${prefix}${mode}${address.type}.${address.name}${key}`;
}

/** The address of the resource instance a reference names. */
export function addressOfRef(ref: ResourceRef): string {
  return formatAddress({ modulePath: ref.module, mode: ref.mode, type: ref.type, name: ref.name, key: ref.key });
}
