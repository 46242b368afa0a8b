/**
 * What a change does to one setting: its value at the baseline against its value now. Never a
 * guess: a side that cannot be known (an Unknown value, a reference to something else than a
 * resource) makes the change unknown, and the rules say nothing about it.
 */
import type { AksCluster, AksNodePool, PlainJson, PriorSetting, Setting } from './model.js';
import { priorOf } from './prior-settings.js';

/** One setting changed since the baseline. */
export interface SettingChange {
  /** The setting's path in the model (`network.plugin`). */
  path: string;
  before: PriorSetting;
  after: Setting;
}

/**
 * The change of a setting of an instance with a baseline: undefined when the instance is new
 * (no baseline), when nothing changed, or when either side cannot be known.
 */
export function changeOf(instance: AksCluster | AksNodePool, path: string, after: Setting): SettingChange | undefined {
  const before = instance.prior?.settings.get(path);
  if (!before) return undefined;
  return sameValue(before, after) === false ? { path, before, after } : undefined;
}

/**
 * Whether a setting has the value it had: true or false when both sides are known (or both name
 * a resource's attribute), undefined when that cannot be told.
 */
export function sameValue(before: PriorSetting, after: Setting): boolean | undefined {
  const now = priorOf(after);
  if (before.value !== undefined && now.value !== undefined) return equalJson(before.value, now.value);
  // `azurerm_subnet.a.id` and `azurerm_subnet.b.id` are two ids; a data source may name a subnet a resource also declares.
  if (before.ref !== undefined && now.ref !== undefined) {
    if (before.ref === now.ref) return true;
    return !before.ref.startsWith('data.') && !now.ref.startsWith('data.') && !after.value.known && after.value.ref?.mode === 'managed' ? false : undefined;
  }
  return undefined;
}

/** How a message shows a value of a prior or current setting: `"kubenet"`, `not set`, `azurerm_subnet.a.id`. */
export function describePrior(prior: PriorSetting): string {
  if (prior.value !== undefined) return prior.value === null ? 'not set' : JSON.stringify(prior.value);
  return prior.ref ?? 'a value not known before apply';
}

/** How a message shows a setting's value now. */
export function describeNow(setting: Setting): string {
  return describePrior(priorOf(setting));
}

function equalJson(a: PlainJson, b: PlainJson): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equalJson(item, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equalJson((a as Record<string, PlainJson>)[key], (b as Record<string, PlainJson>)[key]));
  }
  return false;
}
