/**
 * How many nodes a pool takes addresses for. At create the AKS API counts node_count, or
 * max_count when the autoscaler is enabled ("If Autoscaler is enabled, the max-count from each
 * nodepool is counted"); an upgrade adds max_surge nodes on top (domain/rp-rules.md §B
 * `pod-cidr-capacity`, §F `node-subnet-size`; catalogue rows 18 and 19). max_surge is a count
 * ("3") or a percentage of the pool ("33%", fractional nodes rounded up); unset, AKS surges one
 * node (the AKS API's AgentPoolUpgradeSettings: "If not specified, the default is 1"). Spot pools
 * take no surge: AKS refuses max_surge on them ("Spot pools can't set max surge",
 * hashicorp/terraform-provider-azurerm#19355).
 */
import { isKnown, knownNumber, knownString, type PoolNetwork } from './model.js';
import { aksDefault } from './schema/network-schema.js';

/** The surge AKS uses when upgrade_settings.max_surge is not set. */
export const DEFAULT_MAX_SURGE = Number(aksDefault('upgrade_settings', 'max_surge'));

/** The nodes a pool may have as AKS counts them at create, and the attribute that says so; undefined when not known. */
export function poolNodes(pool: PoolNetwork): { count: number; from: string } | undefined {
  const scaling = pool.autoScaling.value;
  if (!isKnown(scaling)) return undefined;
  const setting = scaling.value === true ? pool.maxCount : pool.nodeCount;
  const count = knownNumber(setting.value);
  return count === undefined ? undefined : { count, from: setting.name };
}

/**
 * The extra nodes an upgrade of a pool of `nodes` nodes adds: max_surge as a count, or as a
 * percentage of `nodes` rounded up; 1 when not set; none for a pool of 0 nodes or a Spot pool.
 * Undefined when max_surge or the priority is not known, or max_surge is not a count or
 * percentage.
 */
export function surgeNodes(pool: PoolNetwork, nodes: number): number | undefined {
  if (nodes <= 0) return 0;
  const priority = knownString(pool.priority.value);
  if (priority === 'Spot') return 0;
  // A priority that may be Spot may mean no surge at all.
  if (pool.priority.state !== 'absent' && priority === undefined) return undefined;
  const setting = pool.maxSurge;
  if (setting.state === 'absent') return DEFAULT_MAX_SURGE;
  if (setting.state === 'unknown') return undefined;
  // The provider's type is string; Terraform converts a number written without quotes.
  const number = knownNumber(setting.value);
  const text = number !== undefined ? String(number) : knownString(setting.value)?.trim();
  if (text === undefined) return undefined;
  const percent = /^(\d+)%$/.exec(text);
  if (percent) return Math.ceil((nodes * Number(percent[1])) / 100);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
