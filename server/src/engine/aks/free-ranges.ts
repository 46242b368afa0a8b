/**
 * Finding a range a fix can propose: one that overlaps nothing the module declares (VNet address
 * spaces, subnets, on-premises ranges of local network gateways, the other clusters' service and
 * pod ranges) nor a range AKS reserves. A range is proposed only when that can be proven: any
 * Unknown address in the module, or a peering to a VNet the module does not declare, means no
 * proposal.
 */
import { cidrhost, cidrsOverlap, formatIp, parseCidr, type Cidr } from '../cidr/cidr-math.js';
import type { Evaluator } from '../terraform/evaluate.js';
import { isKnown, knownList, knownString, unknown, type Value } from '../terraform/values.js';
import type { AksCluster } from './model.js';
import type { NetworkResolver } from './resolve-network.js';
import { isOverlay, podRangesOf, serviceRangesOf, settingIs } from './network-facts.js';

/** Ranges AKS reserves (concepts-network-cni-overview prerequisites). */
export const RESERVED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];

/** Service ranges worth proposing, Microsoft's documented examples first. */
export const SERVICE_RANGE_CANDIDATES = ['10.0.0.0/16', '172.16.0.0/16', '172.17.0.0/16', '172.18.0.0/16', '192.168.0.0/16', '10.100.0.0/16', '10.200.0.0/16'];

/** Pod ranges worth proposing: the AKS default first, then RFC 1918 / RFC 6598 space. */
export const POD_RANGE_CANDIDATES = ['10.244.0.0/16', '192.168.0.0/16', '172.20.0.0/16', '100.64.0.0/16', '10.250.0.0/16'];

/** What the search needs of the analysed module. */
export interface ModuleRanges {
  evaluator: Evaluator;
  clusters: readonly AksCluster[];
  network: NetworkResolver;
}

/** Every address range the module declares, or undefined when one of them is not known. */

function declaredRanges(model: ModuleRanges, except: { cluster: AksCluster; kind: 'service' | 'pod' }): Cidr[] | undefined {
  const out: Cidr[] = [];
  const add = (value: Value): boolean => {
    const list = knownList(value);
    if (!list) return false;
    for (const item of list) {
      const cidr = parseCidr(knownString(item) ?? '');
      if (!cidr) return false;
      out.push(cidr);
    }
    return true;
  };
  const { evaluator } = model;
  for (const decl of evaluator.module.resources.values()) {
    if (decl.mode === 'data' && (decl.type === 'azurerm_subnet' || decl.type === 'azurerm_virtual_network')) return undefined;
    if (decl.mode !== 'managed') continue;
    // A peering to a VNet outside the module joins address space we cannot see; one between
    // two VNets of the module adds nothing their address spaces do not.
    if (decl.type === 'azurerm_virtual_network_peering') {
      for (const instance of evaluator.instances(decl.block, decl.uri)) {
        const local = model.network.vnetNamed(evaluator.attribute(decl.block, 'virtual_network_name', instance.scope) ?? unknown('not set'));
        const remote = model.network.vnetWithId(evaluator.attribute(decl.block, 'remote_virtual_network_id', instance.scope) ?? unknown('not set'));
        if (instance.uncertain || !local || !remote) return undefined;
      }
      continue;
    }
    const attribute =
      decl.type === 'azurerm_virtual_network' || decl.type === 'azurerm_local_network_gateway' ? 'address_space' : decl.type === 'azurerm_subnet' ? 'address_prefixes' : undefined;
    if (!attribute) continue;
    for (const instance of evaluator.instances(decl.block, decl.uri)) {
      if (instance.uncertain) return undefined;
      const value = evaluator.attribute(decl.block, attribute, instance.scope);
      if (!value || !add(value)) return undefined;
    }
  }
  for (const cluster of model.clusters) {
    if (!(cluster === except.cluster && except.kind === 'service')) {
      for (const range of serviceRangesOf(cluster)) {
        const cidr = parseCidr(range.text);
        if (cidr) out.push(cidr);
      }
      if (cluster.network.serviceCidr.state !== 'absent' && !isKnown(cluster.network.serviceCidr.value)) return undefined;
    }
    const hasPods = (isOverlay(cluster) === true && settingIs(cluster.network.plugin, 'azure')) || settingIs(cluster.network.plugin, 'kubenet');
    if (hasPods && !(cluster === except.cluster && except.kind === 'pod')) {
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

/** The first candidate that overlaps nothing declared in the module, or undefined. */
export function chooseFreeRange(model: ModuleRanges, cluster: AksCluster, kind: 'service' | 'pod', candidates: readonly string[]): string | undefined {
  const used = declaredRanges(model, { cluster, kind });
  if (!used) return undefined;
  used.push(...RESERVED_RANGES.map((r) => parseCidr(r)!));
  return candidates.find((text) => {
    const cidr = parseCidr(text)!;
    return !used.some((u) => cidrsOverlap(u, cidr));
  });
}

/** A free service range and its DNS service IP (the tenth address), when one can be proven free. */
export function freeServiceRange(model: ModuleRanges, cluster: AksCluster): { cidr: string; dns: string } | undefined {
  // Dual-stack lists are a human decision; the fix sets service_cidr and dns_service_ip together.
  if (cluster.network.serviceCidrs.state !== 'absent' || !cluster.network.block) return undefined;
  const cidr = chooseFreeRange(model, cluster, 'service', SERVICE_RANGE_CANDIDATES);
  return cidr ? { cidr, dns: formatIp(cidrhost(parseCidr(cidr)!, 10)) } : undefined;
}

/** A free pod range, when one can be proven free. */
export function freePodRange(model: ModuleRanges, cluster: AksCluster): string | undefined {
  if (cluster.network.podCidrs.state !== 'absent' || !cluster.network.block) return undefined;
  return chooseFreeRange(model, cluster, 'pod', POD_RANGE_CANDIDATES);
}
