/**
 * Subnets as the diagram names them: the subnet a pool setting names (its address and prefixes
 * when the module declares it), and the route table or NAT gateway associated with it.
 * Subnet ids are known only after apply, so this follows references (NetworkResolver), never ids.
 */
import type { Setting } from '../../aks/model.js';
import type { NetworkResolver, SubnetInfo } from '../../aks/resolve-network.js';
import type { Evaluator } from '../../terraform/evaluate.js';
import { isKnown, knownString, type ResourceRef } from '../../terraform/values.js';
import { reasonOf, showPrefixes } from './effective-network.js';

/** A subnet for the diagram: a title line and its prefixes (or why they are not known). */
export interface SubnetView {
  /** `subnet azurerm_subnet.nodes`, `VNet and subnet managed by AKS`, ... */
  name: string;
  /** `10.1.0.0/24`, or `unknown (<reason>)`; absent for AKS-managed subnets. */
  prefixes?: string;
  /** The subnet declared in this module, when it is one. */
  subnet?: SubnetInfo;
}

/** The subnet a `vnet_subnet_id` / `pod_subnet_id` setting names. */
export function describeSubnet(setting: Setting, network: NetworkResolver): SubnetView {
  if (setting.state === 'absent') return { name: 'VNet and subnet managed by AKS' };
  if (setting.state === 'unknown') return { name: `subnet unknown (${reasonOf(setting)})` };
  const subnet = network.subnetOf(setting);
  if (subnet) return { name: `subnet ${subnet.address}`, prefixes: showPrefixes(subnet.addressPrefixes), subnet };
  const id = knownString(setting.value);
  if (id !== undefined) {
    // An id written out: its last segment names the subnet; its prefixes live outside this module.
    const name = id.split('/').filter(Boolean).pop() ?? id;
    return { name: `subnet ${name}`, prefixes: 'unknown (the subnet is not declared in this module)' };
  }
  if (!isKnown(setting.value) && setting.value.ref) {
    const ref = setting.value.ref;
    return { name: `subnet ${refAddress(ref)}`, prefixes: 'unknown (the subnet is not declared in this module)' };
  }
  return { name: `subnet unknown (${reasonOf(setting)})` };
}

/**
 * The resource an association of this module attaches to a subnet, as its address: the route
 * table of an `azurerm_subnet_route_table_association`, the NAT gateway of an
 * `azurerm_subnet_nat_gateway_association`. Undefined when none is declared or one is not known.
 */
function associatedWith(subnet: SubnetInfo, evaluator: Evaluator, association: string, attribute: string, type: string): string | undefined {
  for (const decl of evaluator.module.resources.values()) {
    if (decl.mode !== 'managed' || decl.type !== association) continue;
    for (const instance of evaluator.instances(decl.block, decl.uri)) {
      if (instance.uncertain) return undefined;
      const subnetId = evaluator.attribute(decl.block, 'subnet_id', instance.scope);
      const targetId = evaluator.attribute(decl.block, attribute, instance.scope);
      const subnetRef = subnetId && !isKnown(subnetId) ? subnetId.ref : undefined;
      const targetRef = targetId && !isKnown(targetId) ? targetId.ref : undefined;
      if (subnetRef?.type !== 'azurerm_subnet' || refAddress(subnetRef) !== subnet.address) continue;
      return targetRef?.type === type ? refAddress(targetRef) : undefined;
    }
  }
  return undefined;
}

/** The route table associated with a subnet in this module, as its address. */
export function routeTableOf(subnet: SubnetInfo, evaluator: Evaluator): string | undefined {
  return associatedWith(subnet, evaluator, 'azurerm_subnet_route_table_association', 'route_table_id', 'azurerm_route_table');
}

/** The NAT gateway associated with a subnet in this module, as its address. */
export function natGatewayOf(subnet: SubnetInfo, evaluator: Evaluator): string | undefined {
  return associatedWith(subnet, evaluator, 'azurerm_subnet_nat_gateway_association', 'nat_gateway_id', 'azurerm_nat_gateway');
}

function refAddress(ref: ResourceRef): string {
  return `${ref.mode === 'data' ? 'data.' : ''}${ref.type}.${ref.name}${ref.key === undefined ? '' : `[${JSON.stringify(ref.key)}]`}`;
}
