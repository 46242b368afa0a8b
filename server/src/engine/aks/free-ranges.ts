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

/**
 * Every address range the module declares (its network, the other clusters' service and pod
 * ranges), or undefined when one of them is not known.
 */
function declaredRanges(model: AksModel, except: { cluster: AksCluster; kind: 'service' | 'pod' }): Cidr[] | undefined {
  if (!model.network.declaredRanges) return undefined;
  const out: Cidr[] = model.network.declaredRanges.map((text) => parseCidr(text)!);
  for (const cluster of model.clusters) {
    if (!(sameCluster(cluster, except.cluster) && except.kind === 'service')) {
      for (const range of serviceRangesOf(cluster)) {
        const cidr = parseCidr(range.text);
        if (cidr) out.push(cidr);
      }
      if (cluster.network.serviceCidr.state !== 'absent' && !isKnown(cluster.network.serviceCidr.value)) return undefined;
    }
    const hasPods = usesPodCidr(cluster);
    if (hasPods && !(sameCluster(cluster, except.cluster) && except.kind === 'pod')) {
      const pods = podRangesOf(cluster);
      if (!pods) return undefined;
      for (const range of pods) {
        const cidr = parseCidr(range.text);
        if (cidr) out.push(cidr);
      }
    }
  }
  return out;
}

const sameCluster = (a: AksCluster, b: AksCluster) => a === b || a.address === b.address;

/** The first candidate that overlaps nothing declared in the module, or undefined. */
export function chooseFreeRange(model: AksModel, cluster: AksCluster, kind: 'service' | 'pod', candidates: readonly string[]): string | undefined {
  const used = declaredRanges(model, { cluster, kind });
  if (!used) return undefined;
  used.push(...RESERVED_RANGES.map((r) => parseCidr(r)!));
  return candidates.find((text) => {
    const cidr = parseCidr(text)!;
    return !used.some((u) => cidrsOverlap(u, cidr));
  });
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
