/**
 * Reads the network around the clusters from azurerm resources, once, before any rule runs:
 * every VNet and subnet instance (resources, a VNet's inline `subnet {}` blocks), their route
 * table and NAT gateway associations with the routes of those tables (read-associations.ts), the networks a VNet
 * reaches through peerings and local network gateways, and every declared range a free-range
 * search must avoid. Subnet ids are known only after apply, so links follow references, never
 * id text.
 */
import { parseCidr } from '../cidr/cidr-math.js';
import { findAttribute, findBlocks, type SyntaxAttribute, type SyntaxBlock } from '../syntax/syntax-tree.js';
import type { Range } from '../text/positions.js';
import { addressOfRef, formatAddress } from '../terraform/addresses.js';
import type { Evaluator } from '../terraform/evaluate.js';
import { readInlineSubnets, type InlineSubnet } from '../terraform/inline-subnets.js';
import type { ResourceDecl } from '../terraform/module.js';
import { scopeFor, type Scope } from '../terraform/scope.js';
import { isKnown, knownList, knownString, unknown, type Value } from '../terraform/values.js';
import type { BlockSite, ConnectedNetwork, ConnectedNetworks, NetworkModel, Subnet, Vnet } from './model.js';
import { Associations, instanceKey, managedOf, referenced, refKey } from './read-associations.js';
import { attributeSite, blockSite } from './sites.js';

/** The network model, and how a pool setting finds the subnet it names. */
export interface NetworkReading {
  network: NetworkModel;
  /** The subnet a `vnet_subnet_id` / `pod_subnet_id` value names, when the module declares it. */
  subnetNamedBy(value: Value): Subnet | undefined;
}

/** Reads every network resource of the module. */
export function readNetwork(evaluator: Evaluator, options: NetworkReadingOptions = {}): NetworkReading {
  return new NetworkReader(evaluator, options).read();
}

export interface NetworkReadingOptions {
  /**
   * True when the module's calls are read as part of a module tree: a call then changes no subnet
   * unseen (only an opaque call does, which the tree says).
   */
  callsAreRead?: boolean;
}

class NetworkReader {
  /** VNet instances by instance key, and the block each was read from. */
  private readonly vnets = new Map<string, Vnet>();
  private readonly vnetBlocks = new Map<Vnet, { block: SyntaxBlock; scope: Scope; key: string }>();
  /** Inline subnets by VNet instance key and name (see inlineKey); null when two share the name. */
  private readonly inlineSubnets = new Map<string, Subnet | null>();
  /** Instances of azurerm_subnet by instance key. */
  private readonly subnets = new Map<string, Subnet>();
  private readonly subnetKeys = new Map<Subnet, string>();

  constructor(
    private readonly evaluator: Evaluator,
    private readonly options: NetworkReadingOptions,
  ) {}

  read(): NetworkReading {
    this.readVnets();
    this.readSubnets();
    for (const vnet of this.vnets.values()) vnet.subnets = this.subnetsOf(vnet);
    const onPremises = this.readOnPremises();
    const peerings = this.readPeerings();
    for (const vnet of this.vnets.values()) vnet.connected = this.connectedNetworksOf(vnet, peerings, onPremises);
    const associations = new Associations(this.evaluator);
    const allSubnets = [...this.subnets.values(), ...[...this.vnets.values()].flatMap((v) => v.subnets.subnets.filter((s) => s.kind === 'inline'))];
    // An inline subnet keeps 'unknown': it may set route_table_id itself, and an association names it only through the VNet's set.
    for (const subnet of this.subnets.values()) {
      subnet.routeTable = associations.routeTableOf(this.subnetKeys.get(subnet));
      subnet.natGateway = associations.natGatewayOf(this.subnetKeys.get(subnet));
    }
    const network: NetworkModel = {
      vnets: [...this.vnets.values()],
      subnets: allSubnets,
      declaredRanges: this.declaredRanges(peerings),
      subnetsChangeableElsewhere: this.subnetsChangeableElsewhere(),
    };
    return { network, subnetNamedBy: subnetLookup(this.subnets, this.inlineSubnets, this.dataSubnetDecls()) };
  }

  /** The data sources of subnets, by name: a pool may name one (its prefixes stay Unknown). */
  private dataSubnetDecls(): Map<string, ResourceDecl> {
    const decls = [...this.evaluator.module.resources.values()].filter((decl) => decl.mode === 'data' && decl.type === 'azurerm_subnet');
    return new Map(decls.map((decl) => [decl.name, decl]));
  }

  private readVnets(): void {
    for (const decl of managedOf(this.evaluator, 'azurerm_virtual_network')) {
      const space = findAttribute(decl.block.body, 'address_space');
      for (const instance of this.evaluator.instances(decl.block, decl.uri)) {
        if (instance.uncertain) continue;
        const address = formatAddress({ modulePath: this.evaluator.modulePath, mode: 'managed', type: decl.type, name: decl.name, key: instance.key });
        const vnet: Vnet = {
          address,
          uri: decl.uri,
          site: blockSite(decl.uri, decl.block),
          addressSpace: space ? this.evaluator.evaluate(space.expr, scopeFor(space, instance.scope)) : unknown('the VNet has no address_space'),
          ...(space ? { addressSpaceSite: attributeSite(decl.uri, space) } : {}),
          subnets: { subnets: [], complete: true },
          connected: { networks: [], complete: true },
        };
        const key = instanceKey(decl.type, decl.name, instance.key, this.evaluator.modulePath);
        this.vnets.set(key, vnet);
        this.vnetBlocks.set(vnet, { block: decl.block, scope: instance.scope, key });
      }
    }
  }

  /**
   * The VNet of this module a `virtual_network_name` value names: a reference to a VNet's name,
   * or a literal name exactly one VNet of the module has (a VNet without count or for_each).
   */
  private vnetNamed(name: Value | undefined): Vnet | undefined {
    if (!name) return undefined;
    if (!isKnown(name)) {
      const ref = name.ref;
      if (ref?.mode !== 'managed' || ref.type !== 'azurerm_virtual_network' || ref.attribute !== 'name') return undefined;
      return this.vnets.get(refKey(ref));
    }
    const text = knownString(name);
    if (text === undefined) return undefined;
    const matches = managedOf(this.evaluator, 'azurerm_virtual_network').filter((decl) => {
      const instance = this.evaluator.instanceOf(decl, undefined);
      return instance !== undefined && knownString(this.evaluator.attribute(decl.block, 'name', instance.scope)) === text;
    });
    return matches.length === 1 ? this.vnets.get(instanceKey(matches[0].type, matches[0].name, undefined, this.evaluator.modulePath)) : undefined;
  }

  /** The VNet of this module an id value names (`azurerm_virtual_network.hub.id`). */
  private vnetWithId(id: Value | undefined): Vnet | undefined {
    const ref = referenced(id, 'azurerm_virtual_network');
    return ref ? this.vnets.get(refKey(ref)) : undefined;
  }

  /** Every azurerm_subnet instance; those whose for_each is not known are left out (their VNet's list is then incomplete). */
  private uncertainSubnetVnets = new Set<string>();
  private unresolvedSubnetVnet = false;

  private readSubnets(): void {
    for (const decl of managedOf(this.evaluator, 'azurerm_subnet')) {
      for (const instance of this.evaluator.instances(decl.block, decl.uri)) {
        const address = formatAddress({ modulePath: this.evaluator.modulePath, mode: 'managed', type: decl.type, name: decl.name, key: instance.key });
        const subnet = this.subnetInstance(decl, address, instance.scope);
        if (!subnet.vnet && findAttribute(decl.block.body, 'virtual_network_name')) this.unresolvedSubnetVnet = true;
        if (instance.uncertain) {
          if (subnet.vnet) this.uncertainSubnetVnets.add(subnet.vnet.address);
          continue;
        }
        const key = instanceKey(decl.type, decl.name, instance.key, this.evaluator.modulePath);
        this.subnets.set(key, subnet);
        this.subnetKeys.set(subnet, key);
      }
    }
  }

  private subnetInstance(decl: ResourceDecl, address: string, scope: Scope): Subnet {
    const prefixes = findAttribute(decl.block.body, 'address_prefixes');
    const staticDelegation = findBlocks(decl.block.body, 'delegation')[0];
    // A dynamic delegation exists when its for_each is known and not empty.
    const dynamic = findBlocks(decl.block.body, 'dynamic').find((b) => b.labels[0]?.value === 'delegation');
    const dynamicDelegation = dynamic === undefined ? false : this.hasItems(dynamic, scope);
    const delegationBlock = staticDelegation ?? dynamic;
    return {
      kind: 'resource',
      address,
      uri: decl.uri,
      site: blockSite(decl.uri, decl.block),
      addressPrefixes: prefixes ? this.evaluator.evaluate(prefixes.expr, scopeFor(prefixes, scope)) : unknown(`${address} has no address_prefixes`),
      ...(prefixes ? { prefixesSite: attributeSite(decl.uri, prefixes) } : {}),
      vnet: this.vnetNamed(this.evaluator.attribute(decl.block, 'virtual_network_name', scope)),
      delegated: staticDelegation ? true : dynamicDelegation,
      ...(delegationBlock ? { delegationSite: blockSite(decl.uri, delegationBlock) } : {}),
      routeTable: { state: 'unknown' },
      natGateway: { state: 'unknown' },
    };
  }

  /**
   * Every subnet of a VNet: azurerm_subnet instances whose virtual_network_name leads to it, and
   * its inline subnets (`subnet {}`, `dynamic "subnet"`, `subnet = [...]`; inline-subnets.ts). Not
   * complete when a subnet instance cannot be known (an unknown for_each, a VNet name that leads
   * nowhere known) or an inline one cannot (a dynamic block's for_each, the attribute's value).
   */
  private subnetsOf(vnet: Vnet): { subnets: Subnet[]; complete: boolean } {
    const subnets = [...this.subnets.values()].filter((s) => s.vnet === vnet);
    const { block, scope, key } = this.vnetBlocks.get(vnet)!;
    const inline = readInlineSubnets(this.evaluator, block, scope);
    for (const written of inline.subnets) {
      const subnet = this.inlineSubnet(vnet, written, inline.attribute);
      subnets.push(subnet);
      if (written.name === undefined) continue;
      const byName = inlineKey(key, written.name);
      this.inlineSubnets.set(byName, this.inlineSubnets.has(byName) ? null : subnet);
    }
    const complete = !this.unresolvedSubnetVnet && !this.uncertainSubnetVnets.has(vnet.address) && !inline.incomplete;
    return { subnets, complete };
  }

  private inlineSubnet(vnet: Vnet, written: InlineSubnet, attribute: SyntaxAttribute | undefined): Subnet {
    const { block, fields } = written;
    // 4.x and 5.x: address_prefixes (list); 3.x: address_prefix (string).
    const list = fields.address_prefixes;
    const single = fields.address_prefix;
    let prefixes: Value = list ?? single ?? unknown('the subnet has no address prefix');
    if (!list && single && isKnown(single)) prefixes = { ...single, value: [single] };
    const prefixesAttribute = block ? (findAttribute(block.body, 'address_prefixes') ?? findAttribute(block.body, 'address_prefix')) : undefined;
    const delegation = block ? findBlocks(block.body, 'delegation')[0] : undefined;
    const dynamicDelegation = block ? findBlocks(block.body, 'dynamic').find((b) => b.labels[0]?.value === 'delegation') : undefined;
    return {
      kind: 'inline',
      address: `${vnet.address}.subnet["${written.name ?? '?'}"]`,
      // An override file may have written the subnet into the VNet.
      uri: (block ?? attribute)?.uri ?? vnet.uri,
      site: block ? blockSite(vnet.uri, block) : elementSite(attribute!.uri ?? vnet.uri, written.range, attribute!),
      addressPrefixes: prefixes,
      ...(prefixesAttribute ? { prefixesSite: attributeSite(vnet.uri, prefixesAttribute) } : {}),
      vnet,
      delegated: delegation ? true : dynamicDelegation ? this.hasItems(dynamicDelegation, written.scope) : block ? false : listIsFilled(fields.delegation),
      ...(delegation || dynamicDelegation ? { delegationSite: blockSite(vnet.uri, (delegation ?? dynamicDelegation)!) } : {}),
      routeTable: { state: 'unknown' },
      natGateway: { state: 'unknown' },
    };
  }

  /** Whether a dynamic block makes any block: undefined when its for_each is not known. */
  private hasItems(dynamic: SyntaxBlock, scope: Scope): boolean | undefined {
    const forEach = this.evaluator.attribute(dynamic, 'for_each', scope);
    return isKnown(forEach) && forEach.value !== null && typeof forEach.value === 'object' ? Object.keys(forEach.value).length > 0 : undefined;
  }

  private readOnPremises(): ConnectedNetwork[] {
    const out: ConnectedNetwork[] = [];
    // Which gateway connection uses it is not followed: every on-premises range counts.
    for (const decl of managedOf(this.evaluator, 'azurerm_local_network_gateway')) {
      const space = findAttribute(decl.block.body, 'address_space');
      for (const instance of this.evaluator.instances(decl.block, decl.uri)) {
        const address = formatAddress({ modulePath: this.evaluator.modulePath, mode: 'managed', type: decl.type, name: decl.name, key: instance.key });
        out.push({
          kind: 'on-premises',
          address,
          uri: decl.uri,
          addressSpace: instance.uncertain
            ? unknown(`${decl.type}.${decl.name} has a count or for_each that is not known`)
            : space
              ? this.evaluator.evaluate(space.expr, scopeFor(space, instance.scope))
              : unknown(`${address} has no address_space (its ranges come from BGP)`),
          ...(space ? { addressSpaceSite: attributeSite(decl.uri, space) } : {}),
        });
      }
    }
    return out;
  }

  /** Every peering instance, with the VNets of this module on each side (undefined: not one of ours). */
  private readPeerings(): { address: string; uncertain: boolean; local?: Vnet; remote?: Vnet }[] {
    const out: { address: string; uncertain: boolean; local?: Vnet; remote?: Vnet }[] = [];
    for (const decl of managedOf(this.evaluator, 'azurerm_virtual_network_peering')) {
      for (const instance of this.evaluator.instances(decl.block, decl.uri)) {
        out.push({
          address: formatAddress({ modulePath: this.evaluator.modulePath, mode: 'managed', type: decl.type, name: decl.name, key: instance.key }),
          uncertain: instance.uncertain,
          local: this.vnetNamed(this.evaluator.attribute(decl.block, 'virtual_network_name', instance.scope)),
          remote: this.vnetWithId(this.evaluator.attribute(decl.block, 'remote_virtual_network_id', instance.scope)),
        });
      }
    }
    return out;
  }

  /**
   * The networks a VNet reaches: VNets peered with it (a peering declared from either side) first,
   * then on-premises ranges. Not complete when a peering may connect it to a VNet the module does
   * not declare.
   */
  private connectedNetworksOf(vnet: Vnet, peerings: ReturnType<NetworkReader['readPeerings']>, onPremises: ConnectedNetwork[]): ConnectedNetworks {
    const networks: ConnectedNetwork[] = [];
    let complete = true;
    const seen = new Set<string>();
    const addVnet = (other: Vnet, peering: string) => {
      if (seen.has(other.address) || other.address === vnet.address) return;
      seen.add(other.address);
      networks.push({ kind: 'peered', address: other.address, uri: other.uri, addressSpace: other.addressSpace, ...(other.addressSpaceSite ? { addressSpaceSite: other.addressSpaceSite } : {}), peering });
    };
    for (const { address, uncertain, local, remote } of peerings) {
      // A side that is not a VNet of this module may be the cluster VNet, or a VNet we cannot see.
      if (uncertain) complete = false;
      else if (local === vnet) {
        if (remote) addVnet(remote, address);
        else complete = false;
      } else if (remote === vnet) {
        if (local) addVnet(local, address);
        else complete = false;
      } else if (!local || !remote) complete = false;
    }
    return { networks: [...networks, ...onPremises], complete };
  }

  /**
   * Every range the module declares outside its clusters, or undefined when one is not known: a
   * data source VNet or subnet, an unknown instance or value, or a peering to a VNet the module
   * does not declare (one between two VNets of the module adds nothing their spaces do not).
   */
  private declaredRanges(peerings: ReturnType<NetworkReader['readPeerings']>): string[] | undefined {
    const { evaluator } = this;
    const out: string[] = [];
    for (const decl of evaluator.module.resources.values()) {
      if (decl.mode === 'data' && (decl.type === 'azurerm_subnet' || decl.type === 'azurerm_virtual_network')) return undefined;
    }
    if (peerings.some((p) => p.uncertain || !p.local || !p.remote)) return undefined;
    const attributes: Record<string, string> = { azurerm_virtual_network: 'address_space', azurerm_local_network_gateway: 'address_space', azurerm_subnet: 'address_prefixes' };
    for (const decl of evaluator.module.resources.values()) {
      const attribute = decl.mode === 'managed' ? attributes[decl.type] : undefined;
      if (!attribute) continue;
      for (const instance of evaluator.instances(decl.block, decl.uri)) {
        if (instance.uncertain) return undefined;
        const list = knownList(evaluator.attribute(decl.block, attribute, instance.scope));
        if (!list) return undefined;
        for (const item of list) {
          const text = knownString(item);
          if (text === undefined || !parseCidr(text)) return undefined;
          out.push(text);
        }
      }
    }
    return out;
  }

  private subnetsChangeableElsewhere(): boolean {
    const { module } = this.evaluator;
    for (const decl of module.resources.values()) if (decl.type.startsWith('azapi_')) return true;
    if (this.options.callsAreRead) return false;
    return module.configFiles.some((file) => file.body.blocks.some((block) => block.type === 'module'));
  }
}

/** The key of a VNet instance's inline subnet by name (`instanceKey` of the VNet, then the name). */
const inlineKey = (vnetKey: string, name: string) => `${vnetKey}|${name}`;

/** Where an inline subnet of the attribute form is written: no block, so its element (or the attribute) stands for one. */
function elementSite(uri: string, range: Range, attribute: SyntaxAttribute): BlockSite {
  return { uri, range, typeRange: attribute.nameRange, headerRange: attribute.nameRange, labelRange: attribute.nameRange };
}

/** Whether a list value holds an element (a delegation): undefined when not known, false when null or absent. */
function listIsFilled(value: Value | undefined): boolean | undefined {
  if (!value || (isKnown(value) && value.value === null)) return false;
  const list = knownList(value);
  return list === undefined ? undefined : list.length > 0;
}

/**
 * How a pool setting finds the subnet it names, from what the reading found. It keeps only
 * these maps (not the evaluator or the module), since the language server keeps a network
 * reading from one analysis to the next.
 */
function subnetLookup(
  subnets: ReadonlyMap<string, Subnet>,
  inlineSubnets: ReadonlyMap<string, Subnet | null>,
  dataDecls: ReadonlyMap<string, ResourceDecl>,
): (value: Value) => Subnet | undefined {
  const dataSubnets = new Map<string, Subnet>();
  const sites = new Map([...dataDecls].map(([name, decl]) => [name, { uri: decl.uri, site: blockSite(decl.uri, decl.block) }]));
  return (value) => {
    if (isKnown(value) || !value.ref) return undefined;
    // `one(azurerm_virtual_network.x.subnet[*].id)` and the like: the inline subnet of that name.
    const { ref } = value;
    if (ref.mode === 'managed' && ref.type === 'azurerm_virtual_network' && ref.attribute === 'subnet' && ref.element?.attribute === 'id') {
      return inlineSubnets.get(inlineKey(refKey(ref), ref.element.name)) ?? undefined;
    }
    if (value.ref.attribute !== 'id' || value.ref.type !== 'azurerm_subnet') return undefined;
    if (value.ref.mode === 'managed') return subnets.get(refKey(value.ref));
    const declared = sites.get(value.ref.name);
    if (!declared) return undefined;
    const address = addressOfRef(value.ref);
    let subnet = dataSubnets.get(address);
    if (!subnet) {
      subnet = {
        kind: 'data',
        address,
        ...declared,
        addressPrefixes: unknown(`${address} is read from Azure at plan time`),
        delegated: undefined,
        routeTable: { state: 'unknown' },
        natGateway: { state: 'unknown' },
      };
      dataSubnets.set(address, subnet);
    }
    return subnet;
  };
}
