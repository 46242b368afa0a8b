/**
 * The network around a cluster, as far as the module declares it: the subnet a pool's
 * vnet_subnet_id / pod_subnet_id names (an azurerm_subnet instance, a data source, or an id
 * from outside), its VNet, and the VNet's other subnets. Subnet ids are known only after apply,
 * so this follows the references, never the id text.
 */
import { findAttribute, findBlocks, type SyntaxBlock } from '../syntax/syntax-tree.js';
import type { Evaluator, Scope } from '../terraform/evaluate.js';
import type { ResourceDecl } from '../terraform/module.js';
import { isKnown, knownString, unknown, type ResourceRef, type Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';
import { findConnectedNetworks, type ConnectedNetworks } from './connected-networks.js';
import type { Setting } from './model.js';
import { addressOf, SubnetAssociations, type Association, type Route } from './subnet-associations.js';

/** A VNet resource instance of the module. */
export interface VnetInfo {
  address: string;
  uri: string;
  block: SyntaxBlock;
  addressSpace: Value;
  addressSpaceRange?: Range;
}

/** A subnet a setting names, or one of a VNet's subnets. */
export interface SubnetInfo {
  /** `resource`: an azurerm_subnet instance; `inline`: a VNet's `subnet {}` block; `data`: a data source. */
  kind: 'resource' | 'inline' | 'data';
  address: string;
  uri: string;
  block: SyntaxBlock;
  /** The list of prefixes (Unknown for data sources). */
  addressPrefixes: Value;
  prefixesRange?: Range;
  vnet?: VnetInfo;
  /** Whether the subnet has a `delegation` block (unknown inside a dynamic one). */
  delegated: boolean | undefined;
}

/** Follows subnet and VNet references of one module; results are cached per instance. */
export class NetworkResolver {
  // Several rules ask about the same subnets and VNets for every cluster: answer each once.
  private readonly vnetCache = new Map<string, VnetInfo | undefined>();
  private readonly subnetCache = new Map<string, SubnetInfo | undefined>();
  private readonly subnetsCache = new Map<string, { subnets: SubnetInfo[]; complete: boolean }>();
  private readonly connectedCache = new Map<string, ConnectedNetworks>();
  private associationIndex: SubnetAssociations | undefined;

  constructor(private readonly evaluator: Evaluator) {}

  /** The subnet a pool setting (vnet_subnet_id, pod_subnet_id) names, when it is one of this module. */
  subnetOf(setting: Setting): SubnetInfo | undefined {
    const value = setting.value;
    if (setting.state !== 'set' || isKnown(value) || !value.ref || value.ref.attribute !== 'id') return undefined;
    const key = JSON.stringify([value.ref.mode, value.ref.type, value.ref.name, value.ref.key]);
    if (!this.subnetCache.has(key)) this.subnetCache.set(key, this.subnetByRef(value.ref));
    return this.subnetCache.get(key);
  }

  private subnetByRef(ref: ResourceRef): SubnetInfo | undefined {
    if (ref.type !== 'azurerm_subnet') return undefined;
    const decl = this.resource(ref.mode, ref.type, ref.name);
    if (!decl) return undefined;
    const address = addressOf(ref);
    if (ref.mode === 'data') {
      return {
        kind: 'data',
        address,
        uri: decl.uri,
        block: decl.block,
        addressPrefixes: unknown(`${address} is read from Azure at plan time`),
        delegated: undefined,
      };
    }
    const instance = this.evaluator.instanceOf(decl, ref.key);
    if (!instance) return undefined;
    return this.subnetInstance(decl, address, instance.scope);
  }

  private subnetInstance(decl: ResourceDecl, address: string, scope: Scope): SubnetInfo {
    const prefixes = findAttribute(decl.block.body, 'address_prefixes');
    // A dynamic delegation exists when its for_each is known and not empty.
    const dynamic = findBlocks(decl.block.body, 'dynamic').find((b) => b.labels[0]?.value === 'delegation');
    const forEach = dynamic ? this.evaluator.attribute(dynamic, 'for_each', scope) : undefined;
    const dynamicDelegation =
      dynamic === undefined ? false : isKnown(forEach) && forEach.value !== null && typeof forEach.value === 'object' ? Object.keys(forEach.value).length > 0 : undefined;
    return {
      kind: 'resource',
      address,
      uri: decl.uri,
      block: decl.block,
      addressPrefixes: prefixes ? this.evaluator.evaluate(prefixes.expr, scope) : unknown(`${address} has no address_prefixes`),
      prefixesRange: prefixes?.expr.range,
      vnet: this.vnetOfSubnet(decl, scope),
      delegated: findBlocks(decl.block.body, 'delegation').length > 0 ? true : dynamicDelegation,
    };
  }

  /** The VNet a subnet's virtual_network_name names. */
  private vnetOfSubnet(decl: ResourceDecl, scope: Scope): VnetInfo | undefined {
    const nameAttribute = findAttribute(decl.block.body, 'virtual_network_name');
    return nameAttribute ? this.vnetNamed(this.evaluator.evaluate(nameAttribute.expr, scope)) : undefined;
  }

  /**
   * The VNet of this module a `virtual_network_name` value names: a reference to a VNet's name,
   * or a literal name exactly one VNet of the module has.
   */
  vnetNamed(name: Value): VnetInfo | undefined {
    if (!isKnown(name)) {
      const ref = name.ref;
      if (ref?.mode !== 'managed' || ref.type !== 'azurerm_virtual_network' || ref.attribute !== 'name') return undefined;
      return this.vnet(ref.name, ref.key);
    }
    const text = knownString(name);
    if (text === undefined) return undefined;
    // A literal name: the VNet of this module with that name, when exactly one has it.
    const matches = [...this.evaluator.module.resources.values()].filter((r) => {
      if (r.mode !== 'managed' || r.type !== 'azurerm_virtual_network') return false;
      const instance = this.evaluator.instanceOf(r, undefined);
      return instance !== undefined && knownString(this.evaluator.attribute(r.block, 'name', instance.scope)) === text;
    });
    return matches.length === 1 ? this.vnet(matches[0].name, undefined) : undefined;
  }

  /** The VNet of this module an id value names (`azurerm_virtual_network.hub.id`). */
  vnetWithId(id: Value): VnetInfo | undefined {
    const ref = isKnown(id) ? undefined : id.ref;
    if (ref?.mode !== 'managed' || ref.type !== 'azurerm_virtual_network' || ref.attribute !== 'id') return undefined;
    return this.vnet(ref.name, ref.key);
  }

  /**
   * The networks outside a VNet that its traffic reaches: VNets peered with it (a peering in
   * either direction) and on-premises ranges. `complete` is false when a peering may connect it
   * to a VNet the module does not declare, so "overlaps nothing" is not proven.
   */
  connectedNetworksOf(vnet: VnetInfo): ConnectedNetworks {
    let result = this.connectedCache.get(vnet.address);
    if (!result) {
      result = findConnectedNetworks(this, this.evaluator, vnet);
      this.connectedCache.set(vnet.address, result);
    }
    return result;
  }

  /** The route table associated with a subnet in this module (see subnet-associations.ts). */
  routeTableOf(subnet: SubnetInfo): Association {
    return this.associations().routeTableOf(subnet);
  }

  /** The NAT gateway associated with a subnet in this module (see subnet-associations.ts). */
  natGatewayOf(subnet: SubnetInfo): Association {
    return this.associations().natGatewayOf(subnet);
  }

  /** The routes of a route table instance, or undefined when one cannot be known. */
  routesOf(table: ResourceRef): Route[] | undefined {
    return this.associations().routesOf(table);
  }

  private associations(): SubnetAssociations {
    this.associationIndex ??= new SubnetAssociations(this.evaluator);
    return this.associationIndex;
  }

  /** A VNet instance of the module. */
  vnet(name: string, key: string | number | undefined): VnetInfo | undefined {
    const cacheKey = `${name}|${key ?? ''}`;
    if (this.vnetCache.has(cacheKey)) return this.vnetCache.get(cacheKey);
    const decl = this.resource('managed', 'azurerm_virtual_network', name);
    const instance = decl ? this.evaluator.instanceOf(decl, key) : undefined;
    let info: VnetInfo | undefined;
    if (decl && instance) {
      const space = findAttribute(decl.block.body, 'address_space');
      info = {
        address: `azurerm_virtual_network.${name}${key === undefined ? '' : `[${JSON.stringify(key)}]`}`,
        uri: decl.uri,
        block: decl.block,
        addressSpace: space ? this.evaluator.evaluate(space.expr, instance.scope) : unknown('the VNet has no address_space'),
        addressSpaceRange: space?.expr.range,
      };
    }
    this.vnetCache.set(cacheKey, info);
    return info;
  }

  /**
   * Every subnet of a VNet the module declares: azurerm_subnet instances whose
   * virtual_network_name leads to it, and its inline `subnet {}` blocks. `complete` is false when
   * some subnet instance cannot be known (an unknown for_each), so "no overlap" is not proven.
   */
  subnetsOf(vnet: VnetInfo): { subnets: SubnetInfo[]; complete: boolean } {
    let result = this.subnetsCache.get(vnet.address);
    if (!result) {
      result = this.listSubnets(vnet);
      this.subnetsCache.set(vnet.address, result);
    }
    return result;
  }

  private listSubnets(vnet: VnetInfo): { subnets: SubnetInfo[]; complete: boolean } {
    const subnets: SubnetInfo[] = [];
    let complete = true;
    for (const decl of this.evaluator.module.resources.values()) {
      if (decl.mode !== 'managed' || decl.type !== 'azurerm_subnet') continue;
      for (const instance of this.evaluator.instances(decl.block, decl.uri)) {
        const address = `azurerm_subnet.${decl.name}${instance.key === undefined ? '' : `[${JSON.stringify(instance.key)}]`}`;
        const subnet = this.subnetInstance(decl, address, instance.scope);
        if (subnet.vnet?.address !== vnet.address) {
          if (!subnet.vnet && findAttribute(decl.block.body, 'virtual_network_name')) complete = false;
          continue;
        }
        if (instance.uncertain) complete = false;
        else subnets.push(subnet);
      }
    }
    for (const block of findBlocks(vnet.block.body, 'subnet')) {
      // 4.x: address_prefixes (list); 3.x: address_prefix (string).
      const list = findAttribute(block.body, 'address_prefixes');
      const single = findAttribute(block.body, 'address_prefix');
      const attribute = list ?? single;
      const scope: Scope = { uri: vnet.uri };
      const name = knownString(this.evaluator.attribute(block, 'name', scope)) ?? '?';
      let prefixes: Value = attribute ? this.evaluator.evaluate(attribute.expr, scope) : unknown('the subnet has no address prefix');
      if (!list && single && isKnown(prefixes)) prefixes = { ...prefixes, value: [prefixes] };
      subnets.push({
        kind: 'inline',
        address: `${vnet.address}.subnet["${name}"]`,
        uri: vnet.uri,
        block,
        addressPrefixes: prefixes,
        prefixesRange: attribute?.expr.range,
        vnet,
        delegated: findBlocks(block.body, 'delegation').length > 0,
      });
    }
    if (findBlocks(vnet.block.body, 'dynamic').some((b) => b.labels[0]?.value === 'subnet')) complete = false;
    return { subnets, complete };
  }

  private resource(mode: 'managed' | 'data', type: string, name: string): ResourceDecl | undefined {
    return this.evaluator.module.resources.get(mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`);
  }
}
