/**
 * The networks a cluster's VNet reaches beyond itself: VNets peered with it
 * (`azurerm_virtual_network_peering`, declared from either side) and on-premises ranges
 * (`azurerm_local_network_gateway.address_space`). A pod or service range over one of them is
 * accepted by AKS but makes those hosts unreachable from pods (domain/rp-rules.md §B
 * `pod-cidr-overlap`, §E `service-cidr-overlap-other`; catalogue rows 8 and 39).
 */
import { cidrsOverlap, parseCidr, type Cidr } from '../cidr/cidr-math.js';
import { findAttribute } from '../syntax/syntax-tree.js';
import type { Evaluator } from '../terraform/evaluate.js';
import { knownList, knownString, unknown, type Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';
import { rangeDeclaration } from './network-facts.js';
import type { NetworkResolver, VnetInfo } from './resolve-network.js';

/** A network outside the cluster VNet that its traffic reaches. */
export interface ConnectedNetwork {
  kind: 'peered' | 'on-premises';
  /** `azurerm_virtual_network.hub` or `azurerm_local_network_gateway.office`. */
  address: string;
  uri: string;
  /** The list of its address ranges (Known or Unknown). */
  addressSpace: Value;
  addressSpaceRange?: Range;
  /** For a peered VNet: the peering that connects it. */
  peering?: string;
}

export interface ConnectedNetworks {
  networks: ConnectedNetwork[];
  /** False when a peering may connect the VNet to a network the module does not declare. */
  complete: boolean;
}

const instanceAddress = (type: string, name: string, key: string | number | undefined) =>
  `${type}.${name}${key === undefined ? '' : `[${JSON.stringify(key)}]`}`;

/** Every network the VNet reaches: peered VNets first, then on-premises ranges. */
export function findConnectedNetworks(resolver: NetworkResolver, evaluator: Evaluator, vnet: VnetInfo): ConnectedNetworks {
  const networks: ConnectedNetwork[] = [];
  let complete = true;
  const seen = new Set<string>();
  const addVnet = (other: VnetInfo, peering: string) => {
    if (seen.has(other.address) || other.address === vnet.address) return;
    seen.add(other.address);
    networks.push({ kind: 'peered', address: other.address, uri: other.uri, addressSpace: other.addressSpace, addressSpaceRange: other.addressSpaceRange, peering });
  };
  const onPremises: ConnectedNetwork[] = [];
  for (const decl of evaluator.module.resources.values()) {
    if (decl.mode !== 'managed') continue;
    if (decl.type === 'azurerm_virtual_network_peering') {
      for (const instance of evaluator.instances(decl.block, decl.uri)) {
        const address = instanceAddress(decl.type, decl.name, instance.key);
        const local = resolver.vnetNamed(evaluator.attribute(decl.block, 'virtual_network_name', instance.scope) ?? unknown('not set'));
        const remote = resolver.vnetWithId(evaluator.attribute(decl.block, 'remote_virtual_network_id', instance.scope) ?? unknown('not set'));
        // A side that is not a VNet of this module may be the cluster VNet, or a VNet we cannot see.
        if (instance.uncertain) complete = false;
        else if (local?.address === vnet.address) {
          if (remote) addVnet(remote, address);
          else complete = false;
        } else if (remote?.address === vnet.address) {
          if (local) addVnet(local, address);
          else complete = false;
        } else if (!local || !remote) complete = false;
      }
    } else if (decl.type === 'azurerm_local_network_gateway') {
      // Which gateway connection uses it is not followed: every on-premises range counts.
      for (const instance of evaluator.instances(decl.block, decl.uri)) {
        const space = findAttribute(decl.block.body, 'address_space');
        const address = instanceAddress(decl.type, decl.name, instance.key);
        onPremises.push({
          kind: 'on-premises',
          address,
          uri: decl.uri,
          addressSpace: instance.uncertain
            ? unknown(`${decl.type}.${decl.name} has a count or for_each that is not known`)
            : space
              ? evaluator.evaluate(space.expr, instance.scope)
              : unknown(`${address} has no address_space (its ranges come from BGP)`),
          addressSpaceRange: space?.expr.range,
        });
      }
    }
  }
  return { networks: [...networks, ...onPremises], complete };
}

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
  return rangeDeclaration(overlap.item, { uri: network.uri, range: network.addressSpaceRange }, message);
}
