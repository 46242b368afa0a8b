/**
 * Subnets as the diagram names them: the subnet a pool setting names (its address and prefixes
 * when the module declares it), and the route table or NAT gateway associated with it (as the
 * network model holds them for the rules).
 * Subnet ids are known only after apply, so this follows the model's links, never ids.
 */
import { isKnown, knownString, type Association, type Setting, type Subnet } from '../../aks/model.js';
import { addressOfRef } from '../../terraform/addresses.js';
import { reasonOf, showPrefixes } from './effective-network.js';

/** A subnet for the diagram: a title line and its prefixes (or why they are not known). */
export interface SubnetView {
  /** `subnet azurerm_subnet.nodes`, `VNet and subnet managed by AKS`, ... */
  name: string;
  /** `10.1.0.0/24`, or `unknown (<reason>)`; absent for AKS-managed subnets. */
  prefixes?: string;
  /** The subnet declared in this module, when it is one. */
  subnet?: Subnet;
}

/** The subnet a `vnet_subnet_id` / `pod_subnet_id` setting names. */
export function describeSubnet(setting: Setting, subnet: Subnet | undefined): SubnetView {
  if (setting.state === 'absent') return { name: 'VNet and subnet managed by AKS' };
  if (setting.state === 'unknown') return { name: `subnet unknown (${reasonOf(setting)})` };
  if (subnet) return { name: `subnet ${subnet.address}`, prefixes: showPrefixes(subnet.addressPrefixes), subnet };
  const id = knownString(setting.value);
  if (id !== undefined) {
    // An id written out: its last segment names the subnet; its prefixes live outside this module.
    const name = id.split('/').filter(Boolean).pop() ?? id;
    return { name: `subnet ${name}`, prefixes: 'unknown (the subnet is not declared in this module)' };
  }
  if (!isKnown(setting.value) && setting.value.ref) {
    const ref = setting.value.ref;
    return { name: `subnet ${addressOfRef(ref)}`, prefixes: 'unknown (the subnet is not declared in this module)' };
  }
  return { name: `subnet unknown (${reasonOf(setting)})` };
}

/** The route table or NAT gateway an association of the module attaches to a subnet, as its address. */
function targetAddress(association: Association): string | undefined {
  return association.state === 'associated' && association.target ? association.target.address : undefined;
}

/** The route table associated with a subnet in this module, as its address. */
export function routeTableOf(subnet: Subnet): string | undefined {
  return targetAddress(subnet.routeTable);
}

/** The NAT gateway associated with a subnet in this module, as its address. */
export function natGatewayOf(subnet: Subnet): string | undefined {
  return targetAddress(subnet.natGateway);
}
