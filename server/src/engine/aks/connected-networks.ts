/**
 * Overlaps with the networks a cluster's VNet reaches beyond itself (read into the model by
 * read-network.ts): VNets peered with it and on-premises ranges. A pod or service range over one
 * of them is accepted by AKS but makes those hosts unreachable from pods (domain/rp-rules.md §B
 * `pod-cidr-overlap`, §E `service-cidr-overlap-other`; catalogue rows 8 and 39).
 */
import { cidrsOverlap, parseCidr, type Cidr } from '../cidr/cidr-math.js';
import type { Range } from '../text/positions.js';
import { knownList, knownString, type ConnectedNetwork, type ConnectedNetworks, type Value } from './model.js';
import { rangeDeclaration } from './network-facts.js';

/** One range of a connected network that a CIDR overlaps. */
export interface ConnectedOverlap {
  network: ConnectedNetwork;
  text: string;
  item: Value;
}

/** The Known ranges of connected networks that a CIDR overlaps. */
export function overlapsWithConnected(connected: ConnectedNetworks, cidr: Cidr): ConnectedOverlap[] {
  const out: ConnectedOverlap[] = [];
  for (const network of connected.networks) {
    for (const item of knownList(network.addressSpace) ?? []) {
      const text = knownString(item);
      const other = text ? parseCidr(text) : undefined;
      if (text && other && cidrsOverlap(cidr, other)) out.push({ network, text, item });
    }
  }
  return out;
}

/**
 * The related information of an overlap: the overlapping entry of the other network's
 * address_space (and where its value is written, when elsewhere).
 */
export function describeConnected(overlap: ConnectedOverlap): { uri: string; range: Range; message: string }[] {
  const { network } = overlap;
  const message =
    network.kind === 'peered'
      ? `The address space of ${network.address}, peered with the cluster VNet through ${network.peering}.`
      : `The on-premises address space of ${network.address}.`;
  return rangeDeclaration(overlap.item, { uri: network.uri, site: network.addressSpaceSite }, message);
}
