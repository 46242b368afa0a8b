/**
 * What a change of a node pool's network does (domain/rp-rules.md §I, last rows;
 * network-profile.md §3-4): the default pool of an azurerm cluster is rotated through a temporary
 * pool (`temporary_name_for_rotation`) when its subnets, max_pods or public IPs change, on every
 * release; a node pool resource is replaced (ForceNew) for the same changes on 3.x and 4.0-4.15
 * and rotated from 4.16, and replaced whenever its os_type changes. A plan as the baseline says
 * what Terraform does (authoritative). An azapi pool is sent as an in-place PUT, whatever changed.
 *
 * Never a guess: a side that cannot be known, or a value the state may hold that the baseline did
 * not write (an Optional+Computed max_pods AKS chose), makes the change unknown.
 */
import { ipamModeOf } from './network-facts.js';
import { clusterFate } from './change-facts.js';
import { knownString, type AksCluster, type AksNodePool, type PlannedChange, type PoolNetwork, type PriorSetting, type Setting } from './model.js';
import { aksDefault, apiFieldOf, isAtLeastVersion } from './schema/network-schema.js';
import { coversPath, isChangeIgnored } from '../terraform/ignore-changes.js';
import { priorOf } from './prior-settings.js';
import { changeOf, describeNow, describePrior, sameValue, type SettingChange } from './setting-change.js';
import type { Range } from '../text/positions.js';

/** The pool settings whose change rotates (or replaces) a pool, in the order findings name them. */
export type PoolChangeAttribute = 'vnet_subnet_id' | 'pod_subnet_id' | 'max_pods' | 'node_public_ip' | 'os_type';

/** One setting of a pool changed since the baseline. */
export interface PoolChange extends SettingChange {
  attribute: PoolChangeAttribute;
  /** Where the new value is (the pool block's keyword or the resource's label when the attribute was removed). */
  uri: string;
  range: Range;
}

/** A cluster's default pool or a node pool resource (or an azapi pool), with what it is part of. */
export interface PoolInstance {
  instance: AksCluster | AksNodePool;
  pool: PoolNetwork;
  /** The cluster the pool belongs to, when the model has it. */
  cluster?: AksCluster;
  /** How messages name it: `default_node_pool of azurerm_kubernetes_cluster.aks`, `azurerm_kubernetes_cluster_node_pool.user`. */
  label: string;
  isDefault: boolean;
}

/**
 * What Terraform does to a pool whose settings changed:
 * - `rotated`: updated in place through a temporary pool (`temporary_name_for_rotation`);
 * - `replaced`: destroyed and created again (`planned`: the plan says so);
 * - `rotatedOrReplaced`: rotated from azurerm 4.16, replaced before, and the minor is not known;
 * - `sent`: an azapi body, sent as an in-place PUT for the AKS API to apply or refuse;
 * - `none`: nothing to say (no change, created, or replaced with its cluster).
 */
export type PoolFate =
  | { fate: 'rotated'; by: PoolChange[] }
  | { fate: 'replaced'; by: PoolChange[]; planned?: PlannedChange }
  | { fate: 'rotatedOrReplaced'; by: PoolChange[] }
  | { fate: 'sent'; by: PoolChange[] }
  | { fate: 'none' };

/** The default pool of a cluster. */
export function defaultPoolOf(cluster: AksCluster): PoolInstance {
  return { instance: cluster, pool: cluster.defaultPool, cluster, label: `default_node_pool of ${cluster.address}`, isDefault: true };
}

/** A node pool resource (or an entry of an azapi cluster's agentPoolProfiles). */
export function nodePoolOf(nodePool: AksNodePool): PoolInstance {
  return { instance: nodePool, pool: nodePool.pool, ...(nodePool.cluster ? { cluster: nodePool.cluster } : {}), label: nodePool.address, isDefault: false };
}

/** The changed settings of a pool since the baseline (none without one, or when the pool is new). */
export function poolChanges(subject: PoolInstance): PoolChange[] {
  const { instance, pool } = subject;
  if (!instance.prior) return [];
  const prefix = subject.isDefault ? 'defaultPool' : 'pool';
  const out: PoolChange[] = [];
  const add = (attribute: PoolChangeAttribute, change: SettingChange | undefined) => {
    if (!change) return;
    const path = pathInResource(subject, change.after.name);
    // A change the resource's ignore_changes names is not planned; one its replace triggers name replaces it.
    if (isChangeIgnored(instance.ignoredChanges, path) || coversPath(instance.replaceTriggers, path)) return;
    out.push({ ...change, attribute, ...placeOf(subject, change.after) });
  };
  add('vnet_subnet_id', changeOf(instance, `${prefix}.vnetSubnetId`, pool.vnetSubnetId));
  add('pod_subnet_id', changeOf(instance, `${prefix}.podSubnetId`, pool.podSubnetId));
  add('max_pods', maxPodsChange(subject, `${prefix}.maxPods`));
  add('node_public_ip', publicIpChange(subject, prefix));
  if (!subject.isDefault) add('os_type', changeOf(instance, 'osType', (instance as AksNodePool).osType));
  return out;
}

/**
 * What Terraform does to the pool. A pool whose cluster is replaced goes with it (the cluster's
 * own rule says so); a plan's actions are authoritative.
 */
export function poolFate(subject: PoolInstance, changes = poolChanges(subject)): PoolFate {
  const { instance, cluster } = subject;
  if (!instance.prior) return { fate: 'none' };
  // A pool whose cluster is created or replaced is created with it.
  if (cluster && cluster.prior !== undefined && (cluster.prior === null || clusterFate(cluster).fate === 'replaced')) return { fate: 'none' };
  const planned = instance.prior.planned;
  if (instance.form === 'azapi') {
    // A replace_triggers_refs or a name change replaces it; only an update is a PUT.
    if (planned && !planned.actions.includes('update')) return { fate: 'none' };
    return changes.length > 0 ? { fate: 'sent', by: changes } : { fate: 'none' };
  }
  const rotating = changes.filter((c) => c.attribute !== 'os_type');
  if (subject.isDefault) {
    const fate = clusterFate(instance as AksCluster);
    // Replaced on releases before some minor that is not known: whether it is updated is not known either.
    if (fate.fate === 'updated' && fate.unlessBefore) return { fate: 'none' };
    if (planned && !planned.actions.includes('update')) return { fate: 'none' };
    return rotating.length > 0 ? { fate: 'rotated', by: rotating } : { fate: 'none' };
  }
  if (planned) {
    if (planned.actions.includes('delete') && planned.actions.includes('create')) return { fate: 'replaced', by: changes, planned };
    return planned.actions.includes('update') && rotating.length > 0 ? { fate: 'rotated', by: rotating } : { fate: 'none' };
  }
  const osType = changes.filter((c) => c.attribute === 'os_type');
  if (osType.length > 0) return { fate: 'replaced', by: changes };
  if (rotating.length === 0) return { fate: 'none' };
  const rotates = isAtLeastVersion(instance.provider, '4.16');
  if (rotates === undefined) return { fate: 'rotatedOrReplaced', by: rotating };
  return rotates ? { fate: 'rotated', by: rotating } : { fate: 'replaced', by: rotating };
}

/**
 * The pool's temporary_name_for_rotation: `set` with its name, `missing` when the provider sees
 * an empty one (not written, null or ""), undefined when that is not known.
 */
export function temporaryName(pool: PoolNetwork): { state: 'set'; name: string } | { state: 'missing' } | undefined {
  const setting = pool.temporaryNameForRotation;
  if (setting.state === 'unknown') return undefined;
  const plain = priorOf(setting);
  if (setting.state === 'absent' || plain.value === null || plain.value === '') return { state: 'missing' };
  return typeof plain.value === 'string' ? { state: 'set', name: plain.value } : undefined;
}

/** Most characters of a pool name: 12 for Linux, 6 for Windows (AKS naming rules). */
const MAX_NAME = { Linux: 12, Windows: 6 } as const;

/**
 * A name for the temporary pool: lowercase letters and digits, starting with a letter, within the
 * OS's length, and none of the names of the cluster's pools (or of their temporary pools, which
 * the provider would take for a leftover of a failed rotation and delete).
 */
export function freeTemporaryName(subject: PoolInstance): string {
  const windows = !subject.isDefault && knownString((subject.instance as AksNodePool).osType.value) === 'Windows';
  const max = windows ? MAX_NAME.Windows : MAX_NAME.Linux;
  const pools = subject.cluster ? [subject.cluster.defaultPool, ...subject.cluster.nodePools.map((p) => p.pool)] : [subject.pool];
  const taken = new Set(pools.flatMap((p) => [knownString(p.name.value), knownString(p.temporaryNameForRotation.value)]).filter((n): n is string => n !== undefined));
  const own = (knownString(subject.pool.name.value) ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const base = /^[a-z]/.test(own) ? own : `pool${own}`;
  for (const suffix of ['tmp', ...Array.from({ length: 9 }, (_, i) => `tmp${i + 1}`)]) {
    const candidate = base.slice(0, max - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
  return windows ? 'rotate' : 'rotationpool';
}

/** How a message lists changes: `max_pods from 30 to 50 and vnet_subnet_id from azurerm_subnet.a.id to azurerm_subnet.b.id`. */
export function listChanges(changes: readonly PoolChange[], describe: (change: PoolChange) => string = describePoolChange): string {
  const parts = changes.map(describe);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * Where Terraform sees a pool attribute in the resource (as ignore_changes names it):
 * `default_node_pool[0].max_pods`, `max_pods`, or in an azapi body
 * `body.properties.agentPoolProfiles[1].maxPods` / `body.properties.maxPods`.
 */
function pathInResource(subject: PoolInstance, name: string): string[] {
  const { instance, isDefault } = subject;
  if (instance.form === 'azurerm') return isDefault ? ['default_node_pool', '0', name] : [name];
  const field = apiFieldOf('node_pool', name)?.split('.') ?? [name];
  if (isDefault) return ['body', 'properties', 'agentPoolProfiles', '0', ...field];
  const entry = /\.agentPoolProfiles\[(\d+)\]$/.exec(instance.address);
  return entry ? ['body', 'properties', 'agentPoolProfiles', entry[1], ...field] : ['body', 'properties', ...field];
}

/** Where a change's new value is: its value, or the pool block (or resource) that no longer writes it. */
function placeOf(subject: PoolInstance, after: Setting): { uri: string; range: Range } {
  if (after.site) return { uri: after.site.uri, range: after.site.valueRange };
  const block = subject.isDefault ? subject.pool.site : subject.instance.site;
  return block ? { uri: block.uri, range: subject.isDefault ? block.typeRange : block.labelRange } : { uri: subject.instance.uri, range: subject.instance.site.labelRange };
}

/**
 * max_pods is Optional+Computed: removed from the configuration, the state keeps what AKS chose
 * (no diff); written where it was not, it differs from the state only if it differs from what AKS
 * chose, which is its documented default while the cluster's IPAM mode stays what it was.
 */
function maxPodsChange(subject: PoolInstance, path: string): SettingChange | undefined {
  const after = subject.pool.maxPods;
  if (after.state !== 'set') return undefined;
  const before = subject.instance.prior?.settings.get(path);
  if (!before || before.state === 'unknown') return undefined;
  if (before.state === 'set' && before.value !== null) return changeOf(subject.instance, path, after);
  const chosen = defaultMaxPods(subject);
  const now = priorOf(after).value;
  if (chosen === undefined || typeof now !== 'number' || now === chosen) return undefined;
  return { path, before: { state: 'absent', value: chosen }, after };
}

/** What AKS chose for max_pods the baseline did not write: the default of the IPAM mode, when the mode did not change. */
function defaultMaxPods(subject: PoolInstance): number | undefined {
  const cluster = subject.cluster;
  const prior = cluster?.prior;
  if (!cluster || !prior) return undefined;
  const unchanged = (path: string, setting: Setting) => {
    const before = prior.settings.get(path);
    return before !== undefined && sameValue(before, setting) === true;
  };
  const { network, defaultPool } = cluster;
  if (!unchanged('network.plugin', network.plugin) || !unchanged('network.pluginMode', network.pluginMode) || !unchanged('defaultPool.podSubnetId', defaultPool.podSubnetId)) return undefined;
  const mode = ipamModeOf(cluster).value;
  if (mode === 'unknown' || mode === 'byo') return undefined;
  const value = aksDefault('default_node_pool', 'max_pods', mode);
  return typeof value === 'number' ? value : undefined;
}

/**
 * The public IP switch, under either name (3.x `enable_node_public_ip`, 4.x
 * `node_public_ip_enabled`): the one written, else azurerm's default, false, which both share (an
 * azapi body that leaves enableNodePublicIP out gets the API's, which is not known).
 */
function publicIpChange(subject: PoolInstance, prefix: string): SettingChange | undefined {
  const { pool, instance } = subject;
  const prior = instance.prior;
  if (!prior) return undefined;
  const oldName = prior.settings.get(`${prefix}.enableNodePublicIp`);
  const newName = prior.settings.get(`${prefix}.nodePublicIpEnabled`);
  const before = oldName?.state === 'set' ? oldName : newName;
  const written = [pool.nodePublicIpEnabled, pool.enableNodePublicIp].find((s) => s.state === 'set');
  const after = written ?? (oldName?.state === 'set' ? pool.enableNodePublicIp : pool.nodePublicIpEnabled);
  if (!before || before.state === 'unknown' || after.state === 'unknown') return undefined;
  const orDefault = (state: Setting['state'], value: PriorSetting['value']) => (value === null && state === 'absent' && instance.form === 'azurerm' ? false : value);
  const from = orDefault(before.state, before.value);
  const to = orDefault(after.state, priorOf(after).value);
  if (typeof from !== 'boolean' || typeof to !== 'boolean' || from === to) return undefined;
  return { path: `${prefix}.${after === pool.enableNodePublicIp ? 'enableNodePublicIp' : 'nodePublicIpEnabled'}`, before: { ...before, value: from }, after };
}

/** How a message names one change: `max_pods from 30 to 50`. */
export function describePoolChange(change: PoolChange): string {
  return `${change.after.name} from ${describePrior(change.before)} to ${describeNow(change.after)}`;
}
