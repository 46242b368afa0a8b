/**
 * Every setting of one cluster or node pool instance, nested profiles included, with the object
 * that holds it: hover finds the setting of an attribute among them, and the module-argument
 * features the settings a caller's argument feeds.
 */
import type { AksCluster, AksNodePool, Setting } from '../aks/model.js';
import type { SchemaBlock } from '../aks/schema/network-schema.js';

export interface HeldSetting {
  setting: Setting;
  /** The profile or pool object the setting is a field of (a PoolNetwork knows the subnet an id names). */
  holder: object;
  /** Its path in the instance (`network.plugin`, `pool.vnetSubnetId`): how a baseline keys its prior value. */
  path: string;
}

/** The settings of an instance, in the order the model holds them. */
export function settingsOf(instance: AksCluster | AksNodePool): HeldSetting[] {
  const out: HeldSetting[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown, holder: object, path: string) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (isSetting(node)) {
      out.push({ setting: node, holder, path });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      // Do not wander into other resources or the network around them.
      if (!SKIPPED_KEYS.has(key)) visit(child, node, path ? `${path}.${key}` : key);
    }
  };
  visit(instance, instance, '');
  return out;
}

const SKIPPED_KEYS = new Set(['site', 'cluster', 'nodePools', 'provider', 'value', 'vnetSubnet', 'podSubnet', 'prior']);

function isSetting(node: object): node is Setting {
  return 'state' in node && 'value' in node && 'name' in node && 'uri' in node;
}

/** The schema block a setting of the model belongs to, from the object that holds it. */
export function schemaBlockOf(instance: AksCluster | AksNodePool, setting: Setting, holder: object): SchemaBlock | undefined {
  if (setting.name === 'max_surge') return 'upgrade_settings';
  if ('pool' in instance) return 'node_pool';
  if (holder === instance.defaultPool) return 'default_node_pool';
  if (holder === instance.network) return 'network_profile';
  if (holder === instance.network.natGatewayProfile) return 'nat_gateway_profile';
  if (holder === instance.network.advancedNetworking) return 'advanced_networking';
  if (holder === instance.bootstrapProfile) return 'bootstrap_profile';
  return undefined;
}
