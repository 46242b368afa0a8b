/**
 * The baseline of a change (issue 13): every cluster and pool as it was before the change (at a
 * git ref, or in a plan's prior state), kept as plain settings by address, so that the model read
 * from the files being edited can say, per setting, what it was. Kept small on purpose: no sites,
 * no syntax, no origins; the language server holds one per root for as long as its ref stays.
 */
import { addressOfRef } from '../terraform/addresses.js';
import { toPlainJson } from '../terraform/values.js';
import type { AksCluster, AksModel, AksNodePool, BaselineInfo, PlainJson, PriorInstance, PriorSetting, Setting } from './model.js';

/** Every instance of a baseline, by address (`module.aks.azurerm_kubernetes_cluster.this`). */
export interface Baseline {
  info: BaselineInfo;
  /**
   * What identifies this baseline's content (a commit, a plan's digest): an analysis that reuses
   * readings of an earlier one must not reuse them across two baselines.
   */
  key: string;
  instances: ReadonlyMap<string, PriorInstance>;
}

type Instance = AksCluster | AksNodePool;

/** The parts of a cluster or pool that hold settings; the rest (sites, subnets, pools) is not kept. */
const SETTING_ROOTS: Record<'cluster' | 'pool', readonly string[]> = {
  cluster: ['name', 'network', 'defaultPool', 'bootstrapProfile', 'identityType'],
  pool: ['pool', 'osType', 'kubernetesClusterId'],
};

/** Keys of a block object that are not settings or nested blocks. */
const NOT_SETTINGS: ReadonlySet<string> = new Set(['state', 'site', 'vnetSubnet', 'podSubnet']);

/** The baseline a model stands for. */
export function baselineOf(model: AksModel, info: BaselineInfo, key: string): Baseline {
  const instances = new Map<string, PriorInstance>();
  for (const instance of [...model.clusters, ...model.nodePools]) {
    // An instance whose count or for_each is not known may or may not be the one now there.
    if (!instance.uncertain) instances.set(instance.address, snapshotInstance(instance));
  }
  return { info, key, instances };
}

/** A cluster's or pool's settings as plain values. */
function snapshotInstance(instance: Instance): PriorInstance {
  const settings = new Map<string, PriorSetting>();
  const roots = 'network' in instance ? SETTING_ROOTS.cluster : SETTING_ROOTS.pool;
  const holder = instance as unknown as Record<string, unknown>;
  for (const key of roots) collect(holder[key], key, settings);
  return { settings };
}

/** Records a setting, or a block's presence and its settings, under `path`. */
function collect(item: unknown, path: string, into: Map<string, PriorSetting>): void {
  if (!item || typeof item !== 'object') return;
  if (isSetting(item)) {
    into.set(path, priorOf(item));
    return;
  }
  const block = item as Record<string, unknown>;
  if (typeof block.state !== 'string') return;
  into.set(path, { state: block.state === 'present' ? 'set' : block.state === 'absent' ? 'absent' : 'unknown' });
  for (const [key, child] of Object.entries(block)) if (!NOT_SETTINGS.has(key)) collect(child, `${path}.${key}`, into);
}

function isSetting(item: object): item is Setting {
  return 'name' in item && 'state' in item && 'value' in item && 'uri' in item;
}

/** A setting as the baseline keeps it. */
export function priorOf(setting: Setting): PriorSetting {
  const { value } = setting;
  if (value.known) {
    const plain = toPlainJson(value);
    return plain === undefined ? { state: setting.state } : { state: setting.state, value: plain as PlainJson };
  }
  return value.ref ? { state: setting.state, ref: `${addressOfRef(value.ref)}.${value.ref.attribute}` } : { state: setting.state };
}

/**
 * Gives each instance of the model what it was at the baseline: its prior settings, or `null`
 * when the baseline has no such instance (the change creates it).
 */
export function attachBaseline(model: AksModel, baseline: Baseline): void {
  model.baseline = baseline.info;
  for (const instance of [...model.clusters, ...model.nodePools]) {
    instance.prior = instance.uncertain ? undefined : (baseline.instances.get(instance.address) ?? null);
  }
}
