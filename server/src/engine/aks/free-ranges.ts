/**
 * Finding a range a fix can propose: one that overlaps nothing the module declares (VNet address
 * spaces, subnets, on-premises ranges of local network gateways, the other clusters' service and
 * pod ranges) nor a range AKS reserves. A range is proposed only when that can be proven: any
 * Unknown address in the module, or a peering to a VNet the module does not declare, means no
 * proposal.
 */
import { cidrhost, cidrsOverlap, formatIp, parseCidr, type Cidr } from '../cidr/cidr-math.js';
import { isKnown, type AksCluster, type AksModel } from './model.js';
import { podRangesOf, serviceRangesOf, usesPodCidr } from './network-facts.js';

/** Ranges AKS reserves (concepts-network-cni-overview prerequisites). */
export const RESERVED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];

/** Service ranges worth proposing, Microsoft's documented examples first. */
export const SERVICE_RANGE_CANDIDATES = ['10.0.0.0/16', '172.16.0.0/16', '172.17.0.0/16', '172.18.0.0/16', '192.168.0.0/16', '10.100.0.0/16', '10.200.0.0/16'];

/** Pod ranges worth proposing: the AKS default first, then RFC 1918 / RFC 6598 space. */
export const POD_RANGE_CANDIDATES = ['10.244.0.0/16', '192.168.0.0/16', '172.20.0.0/16', '100.64.0.0/16', '10.250.0.0/16'];

/** A cluster's own ranges of one kind: what a range proposed to that cluster may replace. */
interface Owner {
  cluster: AksCluster;
  kind: 'service' | 'pod';
}

/**
 * What every proposal in one model is checked against, computed once per model (a proposal is
 * made per cluster, and a module may hold thousands): the network's ranges with AKS's reserved
 * ones, the clusters whose ranges of a kind are not known, and per candidate the clusters whose
 * ranges overlap it.
 */
interface RangeIndex {
  /** Undefined when a range of the network is not known: nothing can be proven free. */
  network: Cidr[] | undefined;
  unknown: Owner[];
  /** Every known range of every cluster, with its owner. */
  owned: { owner: Owner; cidr: Cidr }[];
  /** Per candidate asked about: the owners of the ranges that overlap it. */
  blockers: Map<string, Owner[]>;
}

const INDEXES = new WeakMap<AksModel, RangeIndex>();

function rangeIndexOf(model: AksModel): RangeIndex {
  let index = INDEXES.get(model);
  if (index) return index;
  const network = model.network.declaredRanges?.map((text) => parseCidr(text)!).concat(RESERVED_RANGES.map((r) => parseCidr(r)!));
  const unknown: Owner[] = [];
  const owned: { owner: Owner; cidr: Cidr }[] = [];
  for (const cluster of model.clusters) {
    for (const range of serviceRangesOf(cluster)) {
      const cidr = parseCidr(range.text);
      if (cidr) owned.push({ owner: { cluster, kind: 'service' }, cidr });
    }
    if (cluster.network.serviceCidr.state !== 'absent' && !isKnown(cluster.network.serviceCidr.value)) unknown.push({ cluster, kind: 'service' });
    if (usesPodCidr(cluster)) {
      const pods = podRangesOf(cluster);
      if (!pods) unknown.push({ cluster, kind: 'pod' });
      for (const range of pods ?? []) {
        const cidr = parseCidr(range.text);
        if (cidr) owned.push({ owner: { cluster, kind: 'pod' }, cidr });
      }
    }
  }
  index = { network, unknown, owned, blockers: new Map() };
  INDEXES.set(model, index);
  return index;
}

/** Whether an owner of ranges is the cluster's own ranges of the kind being replaced. */
const isReplaced = (owner: Owner, cluster: AksCluster, kind: 'service' | 'pod') => owner.kind === kind && (owner.cluster === cluster || owner.cluster.address === cluster.address);

/**
 * The first candidate that overlaps nothing the module declares (its network, AKS's reserved
 * ranges, the other clusters' ranges and this cluster's ranges of the other kind), or undefined
 * when none is free or something is not known.
 */
export function chooseFreeRange(model: AksModel, cluster: AksCluster, kind: 'service' | 'pod', candidates: readonly string[]): string | undefined {
  const index = rangeIndexOf(model);
  const network = index.network;
  if (!network || index.unknown.some((owner) => !isReplaced(owner, cluster, kind))) return undefined;
  return candidates.find((text) => {
    const cidr = parseCidr(text)!;
    if (network.some((u) => cidrsOverlap(u, cidr))) return false;
    return blockersOf(index, text, cidr).every((owner) => isReplaced(owner, cluster, kind));
  });
}

function blockersOf(index: RangeIndex, text: string, cidr: Cidr): Owner[] {
  let owners = index.blockers.get(text);
  if (!owners) {
    owners = index.owned.filter((o) => cidrsOverlap(o.cidr, cidr)).map((o) => o.owner);
    index.blockers.set(text, owners);
  }
  return owners;
}

/** A free service range and its DNS service IP (the tenth address), when one can be proven free. */
export function freeServiceRange(model: AksModel, cluster: AksCluster): { cidr: string; dns: string } | undefined {
  // Dual-stack lists are a human decision; the fix sets service_cidr and dns_service_ip together.
  if (cluster.network.serviceCidrs.state !== 'absent' || !cluster.network.site) return undefined;
  const cidr = chooseFreeRange(model, cluster, 'service', SERVICE_RANGE_CANDIDATES);
  return cidr ? { cidr, dns: formatIp(cidrhost(parseCidr(cidr)!, 10)) } : undefined;
}

/** A free pod range, when one can be proven free. */
export function freePodRange(model: AksModel, cluster: AksCluster): string | undefined {
  if (cluster.network.podCidrs.state !== 'absent' || !cluster.network.site) return undefined;
  return chooseFreeRange(model, cluster, 'pod', POD_RANGE_CANDIDATES);
}
