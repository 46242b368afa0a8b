/**
 * What a change of a cluster's network does (domain/rp-rules.md §I, the migration matrix): for
 * each network setting that differs from the baseline, the value Terraform's state holds and the
 * value the configuration now asks for, whether the azurerm provider plans it as a replacement
 * (per release: 4.58, 4.59 and 4.66 made some changes in place), and whether the AKS API applies
 * it to a running cluster. azapi plans every body change as an in-place update
 * (input-forms.md §4.2), so there only the API's answer counts.
 *
 * Never a guess: the old value is what the baseline wrote, or what the provider or AKS is known
 * to have chosen when it wrote nothing; otherwise the change is not known and nothing is said.
 * An Optional+Computed attribute removed from the configuration keeps its value in the state
 * (no diff), so its removal is no change.
 */
import { coversPath, isChangeIgnored } from '../terraform/ignore-changes.js';
import { apiFieldOf, isAtLeastVersion, inPlaceSince, type Version } from './schema/network-schema.js';
import type { AksCluster, NetworkProfile, PlainJson, PriorInstance, Setting } from './model.js';
import { priorOf } from './prior-settings.js';
import type { SettingChange } from './setting-change.js';


/** The network attributes whose change the matrix covers, with their key in the model. */
const CHANGE_ATTRIBUTES = {
  network_plugin: 'plugin',
  network_plugin_mode: 'pluginMode',
  network_data_plane: 'dataPlane',
  network_policy: 'policy',
  pod_cidr: 'podCidr',
  pod_cidrs: 'podCidrs',
  service_cidr: 'serviceCidr',
  service_cidrs: 'serviceCidrs',
  dns_service_ip: 'dnsServiceIp',
  ip_versions: 'ipVersions',
  load_balancer_sku: 'loadBalancerSku',
  network_mode: 'networkMode',
} as const satisfies Record<string, keyof NetworkProfile>;

export type ChangeAttribute = keyof typeof CHANGE_ATTRIBUTES;

/**
 * What the azurerm provider plans for a change: a replacement on every release, on releases
 * before `inPlaceFrom` only, or never (an in-place update).
 */
export type ProviderPlan = { replaces: 'always' } | { replaces: 'before'; inPlaceFrom: Version } | { replaces: 'never' };

/** Whether the AKS API applies the change to a running cluster: `no` is documented; `undocumented` is neither. */
export type ApiAnswer = 'yes' | 'no' | 'undocumented';

/** One network setting of a cluster changed since the baseline, as Terraform will diff it. */
export interface NetworkChange extends SettingChange {
  attribute: ChangeAttribute;
  /** The value in the state (`''` for unset), and the value asked for now. */
  from: PlainJson;
  to: PlainJson;
  provider: ProviderPlan;
  api: ApiAnswer;
  /** Why the API refuses it, in words ("the cluster's pools use pod subnets"), when that is more than "it cannot be updated". */
  refusal?: string;
  /** For azapi: the field is one of the resource's `replace_triggers_refs`, so azapi replaces the resource. */
  triggersReplacement?: boolean;
}

/** What happens to the cluster as a whole. */
export type ClusterFate =
  | { fate: 'created' }
  | { fate: 'unchanged' }
  /** Replaced on this provider (or by the plan): `by` are the changes that force it. */
  | { fate: 'replaced'; by: NetworkChange[] }
  /** Updated in place; with `unlessBefore`, only from that release on (the version is not pinned): before it, replaced. */
  | { fate: 'updated'; unlessBefore?: Version };

/** The network changes of a cluster since the baseline (none without one). */
export function networkChanges(cluster: AksCluster): NetworkChange[] {
  const prior = cluster.prior;
  if (!prior) return [];
  const out: NetworkChange[] = [];
  for (const [attribute, key] of Object.entries(CHANGE_ATTRIBUTES) as [ChangeAttribute, keyof NetworkProfile][]) {
    const after = cluster.network[key] as Setting;
    const before = prior.settings.get(`network.${key}`);
    if (!before) continue;
    // A change the resource's ignore_changes names is not planned: the state keeps its value.
    const path = pathInResource(cluster, attribute);
    if (isChangeIgnored(cluster.ignoredChanges, path)) continue;
    // azapi replaces the resource when a replace_triggers_refs field changes; a list it cannot read
    // may name any field, and then what the change does is not known.
    const triggers = cluster.form === 'azapi' && coversPath(cluster.replaceTriggers, path);
    if (triggers && cluster.replaceTriggers?.all) continue;
    const from = stateValue(attribute, prior, cluster);
    const to = configValue(attribute, after);
    if (from === undefined || to === undefined || to === KEEP || same(attribute, from, to)) continue;
    out.push({
      path: `network.${key}`,
      before,
      after,
      attribute,
      from,
      to,
      provider: providerPlan(attribute, from, to, cluster),
      ...apiAnswer(attribute, from, to, cluster, prior),
      ...(triggers ? { triggersReplacement: true } : {}),
    });
  }
  return out;
}

/** How a message shows a value of the state or the configuration: `"kubenet"`, or `not set`. */
export function describeValue(value: PlainJson): string {
  return value === '' || value === null ? 'not set' : JSON.stringify(value);
}

/** Whether a change is a replacement on the cluster's provider: undefined when its minor is not known and matters. */
export function replacesOn(cluster: AksCluster, change: NetworkChange): boolean | undefined {
  if (cluster.form === 'azapi') return change.triggersReplacement === true;
  const plan = change.provider;
  if (plan.replaces === 'always') return true;
  if (plan.replaces === 'never') return false;
  const inPlace = isAtLeastVersion(cluster.provider, plan.inPlaceFrom);
  return inPlace === undefined ? undefined : !inPlace;
}

/**
 * What the change does to the cluster. A plan as the baseline says it (authoritative); else the
 * matrix, on the cluster's provider.
 */
export function clusterFate(cluster: AksCluster, changes = networkChanges(cluster)): ClusterFate {
  if (cluster.prior === null) return { fate: 'created' };
  const planned = cluster.prior?.planned;
  if (planned) {
    if (planned.actions.includes('delete') && planned.actions.includes('create')) return { fate: 'replaced', by: changes.filter((c) => replacesOn(cluster, c) !== false) };
    return planned.actions.includes('update') ? { fate: 'updated' } : { fate: 'unchanged' };
  }
  if (changes.length === 0) return { fate: 'unchanged' };
  const replacing = changes.filter((c) => replacesOn(cluster, c) === true);
  if (replacing.length > 0) return { fate: 'replaced', by: replacing };
  const maybe = changes.flatMap((c) => (replacesOn(cluster, c) === undefined && c.provider.replaces === 'before' ? [c.provider.inPlaceFrom] : []));
  if (maybe.length === 0) return { fate: 'updated' };
  return { fate: 'updated', unlessBefore: maybe.sort(compareVersions).at(-1) };
}

/** Where an attribute is in the resource, as ignore_changes names it: `network_profile[0].pod_cidr`, `body.properties.networkProfile.podCidr`. */
function pathInResource(cluster: AksCluster, attribute: ChangeAttribute): string[] {
  if (cluster.form === 'azurerm') return ['network_profile', '0', attribute];
  return ['body', 'properties', 'networkProfile', ...(apiFieldOf('network_profile', attribute)?.split('.') ?? [attribute])];
}

/** Marks an attribute Terraform keeps at its state value: removed from an Optional+Computed attribute. */
const KEEP = Symbol('keep');

/** The value the state holds, from the baseline: what it wrote, or what is known to be chosen when it wrote nothing. */
function stateValue(attribute: ChangeAttribute, prior: PriorInstance, cluster: AksCluster): PlainJson | undefined {
  const setting = prior.settings.get(`network.${CHANGE_ATTRIBUTES[attribute]}`);
  if (!setting || setting.state === 'unknown') return undefined;
  if (setting.state === 'set') return setting.value === null ? unsetValue(attribute, prior, cluster) : setting.value;
  // A schema default (load_balancer_sku, outbound_type, 4.x network_data_plane) was sent.
  if (setting.value !== undefined && setting.value !== null) return setting.value;
  return unsetValue(attribute, prior, cluster);
}

/** What the state holds for an attribute the baseline did not write (undefined: not known). */
function unsetValue(attribute: ChangeAttribute, prior: PriorInstance, cluster: AksCluster): PlainJson | undefined {
  if (cluster.form === 'azapi') return undefined;
  const priorString = (key: string) => {
    const value = prior.settings.get(`network.${key}`)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const plugin = priorString('plugin');
  const overlay = priorString('pluginMode')?.toLowerCase() === 'overlay';
  switch (attribute) {
    case 'network_plugin_mode':
      return '';
    case 'network_policy':
      // Unset is sent as ""; with Cilium, what AKS stores is not documented.
      return priorString('dataPlane') === 'cilium' ? undefined : '';
    case 'pod_cidr':
      // Azure CNI without overlay has no pod range; kubenet and overlay get AKS's default.
      if (plugin === 'azure' && prior.settings.get('network.pluginMode')?.state === 'absent') return '';
      return plugin === 'kubenet' || overlay ? '10.244.0.0/16' : undefined;
    case 'service_cidr':
      return '10.0.0.0/16';
    case 'dns_service_ip':
      return '10.0.0.10';
    default:
      return undefined;
  }
}

/** The value the configuration asks for: KEEP when an Optional+Computed attribute is not written. */
function configValue(attribute: ChangeAttribute, after: Setting): PlainJson | typeof KEEP | undefined {
  if (after.state === 'unknown') return undefined;
  const now = priorOf(after);
  if (after.state === 'set') return now.value === null ? (attribute === 'network_plugin_mode' ? '' : KEEP) : now.value;
  if (now.value !== undefined && now.value !== null) return now.value;
  return attribute === 'network_plugin_mode' ? '' : KEEP;
}

function same(attribute: ChangeAttribute, from: PlainJson, to: PlainJson): boolean {
  // 3.x accepted "Overlay"; the provider compares the mode case-insensitively.
  if (attribute === 'network_plugin_mode' && typeof from === 'string' && typeof to === 'string') return from.toLowerCase() === to.toLowerCase();
  return JSON.stringify(from) === JSON.stringify(to);
}

/** What the azurerm provider plans (domain/network-profile.md §2, rp-rules.md §I). */
function providerPlan(attribute: ChangeAttribute, from: PlainJson, to: PlainJson, cluster: AksCluster): ProviderPlan {
  const since = (version: Version | undefined): ProviderPlan => (version ? { replaces: 'before', inPlaceFrom: version } : { replaces: 'always' });
  const fromText = typeof from === 'string' ? from : undefined;
  const toText = typeof to === 'string' ? to : undefined;
  switch (attribute) {
    case 'network_plugin': {
      // Only kubenet → azure with overlay, from 4.66 (CustomizeDiff compares the mode case-insensitively).
      const overlay = String(priorOf(cluster.network.pluginMode).value ?? '').toLowerCase() === 'overlay';
      return since(overlay && toText ? inPlaceSince('network_profile', 'network_plugin', fromText, toText) : undefined);
    }
    case 'network_plugin_mode':
      return toText?.toLowerCase() === 'overlay' ? { replaces: 'never' } : { replaces: 'always' };
    case 'network_data_plane':
    case 'network_policy':
      if (attribute === 'network_policy' && fromText === '') return { replaces: 'never' };
      return since(toText ? inPlaceSince('network_profile', attribute, fromText, toText) : undefined);
    case 'pod_cidr':
      return fromText === '' ? since('4.66') : { replaces: 'always' };
    case 'pod_cidrs':
      return Array.isArray(from) && from.length === 0 ? since('4.66') : { replaces: 'always' };
    default:
      return { replaces: 'always' };
  }
}

/** Whether the AKS API updates a running cluster this way (rp-rules.md §I, "RP supports in place?"). */
function apiAnswer(attribute: ChangeAttribute, from: PlainJson, to: PlainJson, cluster: AksCluster, prior: PriorInstance): { api: ApiAnswer; refusal?: string } {
  const toText = typeof to === 'string' ? to : undefined;
  switch (attribute) {
    case 'network_plugin': {
      const overlay = String(priorOf(cluster.network.pluginMode).value ?? '').toLowerCase() === 'overlay';
      return from === 'kubenet' && toText === 'azure' && overlay ? { api: 'yes' } : { api: 'no' };
    }
    case 'network_plugin_mode': {
      if (toText?.toLowerCase() !== 'overlay') return { api: 'no', refusal: 'the move to overlay is one-way' };
      if (usedPodSubnets(cluster, prior)) return { api: 'no', refusal: "the cluster's pools use pod subnets (dynamic IP allocation), which cannot be migrated to overlay" };
      return { api: 'yes' };
    }
    case 'network_data_plane':
      return from === 'azure' && toText === 'cilium' ? { api: 'yes' } : { api: 'undocumented' };
    case 'network_policy':
      return from === '' || toText === 'cilium' ? { api: 'yes' } : { api: 'undocumented' };
    case 'pod_cidr':
    case 'pod_cidrs':
      return { api: 'undocumented' };
    default:
      return { api: 'no' };
  }
}

/** Whether a pool of the cluster had a pod subnet at the baseline (the cluster used dynamic IP allocation). */
function usedPodSubnets(cluster: AksCluster, prior: PriorInstance): boolean {
  const had = (setting: { state: string; value?: PlainJson; ref?: string } | undefined) => setting?.state === 'set' && (setting.ref !== undefined || (typeof setting.value === 'string' && setting.value !== ''));
  return had(prior.settings.get('defaultPool.podSubnetId')) || cluster.nodePools.some((pool) => had(pool.prior?.settings.get('pool.podSubnetId')));
}

function compareVersions(a: Version, b: Version): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}
