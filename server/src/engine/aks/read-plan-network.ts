/**
 * The network of a plan, as far as its values tell it cheaply: VNets (address_space), subnets
 * (address_prefixes, the VNet whose name and resource group they give, delegation), on-premises
 * ranges, and the subnet a pool's id names: through the configuration's reference when the id is
 * known only after apply, through the id itself when the subnet exists (a resource or a data
 * source of the prior state). What is not read here stays unknown, never assumed absent: route
 * table and NAT gateway associations, a VNet's inline subnets (its subnet list is then
 * incomplete), and peerings (which make the declared ranges and connected networks incomplete).
 */
import { parseCidr } from '../cidr/cidr-math.js';
import { addressOfRef, formatAddress } from '../terraform/addresses.js';
import type { PlanDocument, PlanResource } from '../terraform/plan-json.js';
import { isKnown, knownList, knownString, unknown, type Value } from '../terraform/values.js';
import type { AttributeSite, BlockSite, ConnectedNetwork, NetworkModel, Subnet, Vnet } from './model.js';
import type { NetworkReading } from './read-network.js';
import { valueAt } from './value-block-source.js';

/** Reads the network resources of a plan. */
export function readPlanNetwork(plan: PlanDocument): NetworkReading {
  const addressOf = (r: PlanResource) => formatAddress({ modulePath: r.modulePath, mode: r.mode, type: r.type, name: r.name, key: r.key });
  const of = (type: string, mode: 'managed' | 'data' = 'managed') => plan.resources.filter((r) => r.type === type && r.mode === mode);
  const siteOf = (r: PlanResource): BlockSite => ({ uri: plan.uri, range: r.addressRange, typeRange: r.addressRange, headerRange: r.addressRange, labelRange: r.addressRange });
  const attribute = (r: PlanResource, name: string) => valueAt(r.values, [name]);

  const vnets = new Map<PlanResource, Vnet>();
  for (const r of of('azurerm_virtual_network')) {
    const space = attribute(r, 'address_space');
    vnets.set(r, {
      address: addressOf(r),
      uri: plan.uri,
      site: siteOf(r),
      addressSpace: space ?? unknown(`${addressOf(r)} has no address_space in the plan`),
      ...(space ? { addressSpaceSite: valueSite(space) } : {}),
      subnets: { subnets: [], complete: true },
      connected: { networks: [], complete: true },
    });
  }
  const vnetOf = (r: PlanResource): Vnet | undefined => {
    const name = knownString(attribute(r, 'virtual_network_name'));
    const group = knownString(attribute(r, 'resource_group_name'));
    if (name === undefined) return undefined;
    const matches = [...vnets].filter(([v]) => knownString(attribute(v, 'name')) === name && (group === undefined || knownString(attribute(v, 'resource_group_name'))?.toLowerCase() === group.toLowerCase()));
    return matches.length === 1 ? matches[0][1] : undefined;
  };

  const subnetsByAddress = new Map<string, Subnet>();
  const subnetsById = new Map<string, Subnet>();
  let unresolvedVnet = false;
  const addSubnet = (r: PlanResource, kind: 'resource' | 'data') => {
    const prefixes = attribute(r, 'address_prefixes');
    const delegation = attribute(r, 'delegation');
    const delegations = knownList(delegation);
    const vnet = vnetOf(r);
    if (!vnet && kind === 'resource') unresolvedVnet = true;
    const subnet: Subnet = {
      kind,
      address: addressOf(r),
      uri: plan.uri,
      site: siteOf(r),
      addressPrefixes: prefixes ?? unknown(`${addressOf(r)} has no address_prefixes in the plan`),
      ...(prefixes ? { prefixesSite: valueSite(prefixes) } : {}),
      ...(vnet ? { vnet } : {}),
      delegated: delegation === undefined ? false : delegations ? delegations.length > 0 : undefined,
      ...(delegations?.[0]?.known ? { delegationSite: blockSiteOf(delegations[0]) } : {}),
      routeTable: { state: 'unknown' },
      natGateway: { state: 'unknown' },
    };
    if (vnet && kind === 'resource') vnet.subnets.subnets.push(subnet);
    subnetsByAddress.set(subnet.address, subnet);
    const id = knownString(attribute(r, 'id'));
    if (id) subnetsById.set(id.toLowerCase(), subnet);
  };
  for (const r of of('azurerm_subnet')) addSubnet(r, 'resource');
  for (const r of of('azurerm_subnet', 'data')) addSubnet(r, 'data');
  const peered = plan.resources.some((r) => r.type === 'azurerm_virtual_network_peering');
  const onPremises: ConnectedNetwork[] = of('azurerm_local_network_gateway').map((r) => {
    const space = attribute(r, 'address_space');
    return {
      kind: 'on-premises',
      address: addressOf(r),
      uri: plan.uri,
      addressSpace: space ?? unknown(`${addressOf(r)} has no address_space (its ranges come from BGP)`),
      ...(space ? { addressSpaceSite: valueSite(space) } : {}),
    };
  });
  for (const [r, vnet] of vnets) {
    const inline = attribute(r, 'subnet');
    const inlineList = knownList(inline);
    vnet.subnets.complete = !unresolvedVnet && (inline === undefined || (inlineList !== undefined && inlineList.length === 0));
    vnet.connected = { networks: onPremises, complete: !peered };
  }
  const declaredRanges = (): string[] | undefined => {
    if (peered || of('azurerm_virtual_network', 'data').length > 0) return undefined;
    const lists = [...[...vnets.values()].map((v) => v.addressSpace), ...[...subnetsByAddress.values()].filter((s) => s.kind === 'resource').map((s) => s.addressPrefixes), ...onPremises.map((n) => n.addressSpace)];
    const out: string[] = [];
    for (const list of lists) {
      const items = knownList(list);
      if (!items) return undefined;
      for (const item of items) {
        const text = knownString(item);
        if (text === undefined || !parseCidr(text)) return undefined;
        out.push(text);
      }
    }
    return out;
  };
  const network: NetworkModel = {
    vnets: [...vnets.values()],
    subnets: [...subnetsByAddress.values()],
    declaredRanges: declaredRanges(),
    subnetsChangeableElsewhere: plan.resources.some((r) => r.type.startsWith('azapi_')),
  };
  const subnetNamedBy = (value: Value): Subnet | undefined => {
    if (isKnown(value)) {
      const id = knownString(value);
      return id ? subnetsById.get(id.toLowerCase()) : undefined;
    }
    const ref = value.ref;
    if (!ref || ref.type !== 'azurerm_subnet' || ref.attribute !== 'id') return undefined;
    return subnetsByAddress.get(addressOfRef(ref));
  };
  return { network, subnetNamedBy };
}

/** The site of a value read from the plan: its JSON node. */
function valueSite(value: Value): AttributeSite | undefined {
  if (!value.origin) return undefined;
  const { uri, range } = value.origin;
  return { uri, range, nameRange: range, valueRange: range };
}

function blockSiteOf(value: Value): BlockSite {
  const { uri, range } = value.origin!;
  return { uri, range, typeRange: range, headerRange: range, labelRange: range };
}
