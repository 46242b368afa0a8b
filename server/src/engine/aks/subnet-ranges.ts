/**
 * The prefixes of a VNet's subnets as an interval index, built once per VNet: "which subnets
 * overlap this range" is asked for every cluster of the VNet, and a VNet may hold thousands of
 * subnets, so each question must cost O(log n + matches), not a scan of every subnet.
 */
import { cidrLast, cidrsOverlap, parseCidr, type Cidr } from '../cidr/cidr-math.js';
import { knownList, knownString, type Subnet, type Value, type Vnet } from './model.js';

/** One prefix of a subnet, as written. */
export interface SubnetPrefix {
  subnet: Subnet;
  /** The list element (for where it is written). */
  item: Value;
  text: string;
  cidr: Cidr;
  /** Its place among all prefixes: subnets in declaration order, then list order. */
  position: number;
}

interface PrefixIndex {
  /** By version, sorted by first address; `reach[i]` is the highest last address of entries 0..i. */
  sorted: Record<4 | 6, { entries: SubnetPrefix[]; reach: bigint[] }>;
}

const INDEXES = new WeakMap<Vnet, PrefixIndex>();

function indexOf(vnet: Vnet): PrefixIndex {
  let index = INDEXES.get(vnet);
  if (index) return index;
  const all: SubnetPrefix[] = [];
  for (const subnet of vnet.subnets.subnets) {
    for (const item of knownList(subnet.addressPrefixes) ?? []) {
      const text = knownString(item);
      const cidr = text === undefined ? undefined : parseCidr(text);
      if (text !== undefined && cidr) all.push({ subnet, item, text, cidr, position: all.length });
    }
  }
  const byVersion = (version: 4 | 6) => {
    // Stable sort: entries with the same first address keep the order the subnets are declared in.
    const entries = all.filter((p) => p.cidr.version === version).sort((a, b) => (a.cidr.network < b.cidr.network ? -1 : a.cidr.network > b.cidr.network ? 1 : 0));
    const reach: bigint[] = [];
    for (const [i, entry] of entries.entries()) {
      const last = cidrLast(entry.cidr);
      reach.push(i === 0 || last > reach[i - 1] ? last : reach[i - 1]);
    }
    return { entries, reach };
  };
  index = { sorted: { 4: byVersion(4), 6: byVersion(6) } };
  INDEXES.set(vnet, index);
  return index;
}

/** The subnet prefixes of a VNet that overlap a range, in the order the subnets are declared. */
export function subnetPrefixesOverlapping(vnet: Vnet, cidr: Cidr): SubnetPrefix[] {
  const { entries, reach } = indexOf(vnet).sorted[cidr.version];
  const last = cidrLast(cidr);
  // The last entry that starts at or before the range's end: no later one can overlap.
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (entries[middle].cidr.network <= last) low = middle + 1;
    else high = middle;
  }
  const out: SubnetPrefix[] = [];
  for (let i = low - 1; i >= 0 && reach[i] >= cidr.network; i--) {
    if (cidrsOverlap(entries[i].cidr, cidr)) out.push(entries[i]);
  }
  return out.sort((a, b) => a.position - b.position);
}
