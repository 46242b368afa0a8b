/**
 * What the subnet-sizing rules (node-subnet-too-small, pod-subnet-too-small) share: which pool
 * reports a subnet that several pools use, and the comparison of a subnet's usable addresses with
 * what its pools need at create and, with the nodes max_surge adds, during an upgrade.
 */
import { parseCidr } from '../cidr/cidr-math.js';
import type { Range } from '../text/positions.js';
import { knownList, knownString, type AksModel, type AksNodePool, type Setting, type Subnet } from './model.js';

/** Addresses Azure keeps in every subnet (network, broadcast, three for its own use). */
const AZURE_RESERVED = 5;

/** What one pool on a subnet needs. */
export interface PoolDemand {
  name: string;
  nodes: number;
  /** Surge nodes during an upgrade; undefined when max_surge is not known. */
  surge: number | undefined;
}

/**
 * Whether `nodePool` is where `subnet` is reported: a subnet is reported once, at the default pool
 * that uses it (from checkCluster), or else at the first node pool that names it. `which` picks
 * the subnet a pool names (vnet_subnet_id or pod_subnet_id). Indexed once per model: every pool
 * of a module with thousands asks.
 */
export function reportsSubnetAt(nodePool: AksNodePool, subnet: Subnet, model: AksModel, which: 'vnetSubnet' | 'podSubnet'): boolean {
  const index = reporterIndexOf(model, which);
  if (index.usedByDefaultPools.has(subnet.address)) return false;
  return index.firstPool.get(subnet.address) === nodePool;
}

const REPORTERS = new WeakMap<AksModel, Map<string, { usedByDefaultPools: Set<string>; firstPool: Map<string, AksNodePool> }>>();

function reporterIndexOf(model: AksModel, which: 'vnetSubnet' | 'podSubnet') {
  let byKind = REPORTERS.get(model);
  if (!byKind) REPORTERS.set(model, (byKind = new Map()));
  let index = byKind.get(which);
  if (!index) {
    const usedByDefaultPools = new Set(model.clusters.flatMap((c) => c.defaultPool[which]?.address ?? []));
    const firstPool = new Map<string, AksNodePool>();
    for (const pool of model.nodePools) {
      const address = pool.pool[which]?.address;
      if (address !== undefined && !firstPool.has(address)) firstPool.set(address, pool);
    }
    index = { usedByDefaultPools, firstPool };
    byKind.set(which, index);
  }
  return index;
}

export interface SubnetCapacity<D extends PoolDemand> {
  /** Every pool on the subnet, or undefined when that is not proven. */
  demands: () => D[] | undefined;
  /** Addresses each node of a pool takes from the subnet. */
  perNode: (demand: D) => number;
  /** One pool's share of the message, at create and during an upgrade. */
  describeCreate: (demand: D) => string;
  describeUpgrade: (demand: D) => string;
}

/**
 * Reports `tooSmall` when the pools do not fit in the subnet's single IPv4 prefix at create, else
 * `noSurge` (a warning) when they do not fit with their surge nodes. Silent on anything unknown.
 */
export function checkSubnetCapacity<D extends PoolDemand>(subnet: Subnet, setting: Setting, capacity: SubnetCapacity<D>): CapacityFinding | undefined {
  if (!setting.site) return undefined;
  const prefixes = knownList(subnet.addressPrefixes);
  const prefix = prefixes?.length === 1 ? knownString(prefixes[0]) : undefined;
  const cidr = prefix ? parseCidr(prefix) : undefined;
  if (!prefix || !cidr || cidr.version !== 4) return undefined;
  const pools = capacity.demands();
  if (!pools) return undefined;
  const needed = pools.reduce((sum, d) => sum + d.nodes * capacity.perNode(d), 0);
  const usable = Math.max(0, 2 ** (32 - cidr.prefix) - AZURE_RESERVED);
  const data = { subnet: subnet.address, prefix, usable };
  const { uri, valueRange: range } = setting.site;
  const related = subnet.prefixesSite ? [{ uri: subnet.prefixesSite.uri, range: subnet.prefixesSite.valueRange, message: `The prefix of ${subnet.address}.` }] : [];
  if (needed > usable) {
    return { messageId: 'tooSmall', data: { ...data, needed, detail: pools.map(capacity.describeCreate).join(', ') }, uri, range, related };
  }
  if (pools.some((d) => d.surge === undefined)) return undefined;
  const withSurge = pools.reduce((sum, d) => sum + (d.nodes + d.surge!) * capacity.perNode(d), 0);
  if (withSurge > usable) {
    return { messageId: 'noSurge', severity: 'warning', data: { ...data, needed: withSurge, detail: pools.map(capacity.describeUpgrade).join(', ') }, uri, range, related };
  }
  return undefined;
}

/** What a subnet-sizing rule reports: `tooSmall` at create, or `noSurge` (a warning) during an upgrade. */
export interface CapacityFinding {
  messageId: 'tooSmall' | 'noSurge';
  severity?: 'warning';
  data: Record<string, string | number>;
  uri: string;
  range: Range;
  related: { uri: string; range: Range; message: string }[];
}

/** "3 nodes", "1 node" */
export const nodesText = (n: number) => `${n} node${n === 1 ? '' : 's'}`;
