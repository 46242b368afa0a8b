/**
 * The closed domain model rules read: each AKS cluster (and node pool) with every network setting
 * as a value (Known/Unknown), the subnets and VNets its pools use, what those are associated
 * with and what they are connected to. A reader builds all of it before any rule runs, from
 * whatever form the cluster is written in; the model holds values and Sites (places in files),
 * never syntax nodes, so a new input form is a new reader and no rule changes.
 */
import type { AttributePaths, IgnoredChanges } from '../terraform/ignore-changes.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import type { Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';

// The value vocabulary of the model: rules import it from here, never from terraform/.
export type { Known, Origin, OriginStep, Plain, ResourceRef, Unknown, Value } from '../terraform/values.js';
export { baseName, describeOrigin, isKnown, isObjectValue, knownBoolean, knownList, knownNumber, knownString, toPlainJson } from '../terraform/values.js';
export type { ProviderMajor, ProviderVersion } from '../terraform/provider-version.js';
export type { AttributePaths, IgnoredChanges } from '../terraform/ignore-changes.js';

declare const editHandleBrand: unique symbol;

/**
 * What an edit needs to reach a place in a file: only the reader that made a Site and the
 * EditBuilder know what is inside. A Site without one cannot be edited (a value read from a plan
 * file, a form we do not write back to), so no fix is offered there.
 */
export interface EditHandle {
  readonly [editHandleBrand]: true;
}

/** Where an attribute is written. */
export interface AttributeSite {
  uri: string;
  /** The whole attribute, name to end of value. */
  range: Range;
  nameRange: Range;
  /** The value expression: where most findings point. */
  valueRange: Range;
  edit?: EditHandle;
}

/** Where a block (a resource, or a block nested in one) is written. */
export interface BlockSite {
  uri: string;
  range: Range;
  /** The block's type keyword (`network_profile`): where a finding about a missing attribute points. */
  typeRange: Range;
  /** From the type to the last label. */
  headerRange: Range;
  /** The name label of a resource (`"aks"`); the type keyword for a nested block. */
  labelRange: Range;
  edit?: EditHandle;
}

/**
 * One attribute as the cluster will have it.
 * - `set`: written in the configuration (its value may still be Unknown);
 * - `absent`: surely not written: `value` is the schema default, or Known null when the provider
 *   sends nothing (AKS then chooses; see the schema's `apiDefault`);
 * - `unknown`: cannot tell (inside a `dynamic` block or a block whose presence is unknown).
 */
export interface Setting {
  name: string;
  state: 'set' | 'absent' | 'unknown';
  value: Value;
  /** Where the attribute is written, when it is. */
  site?: AttributeSite;
  /** The file of the attribute (or of the block that lacks it). */
  uri: string;
}

/** A nested block as the cluster will have it. */
export interface BlockPresence {
  state: 'present' | 'absent' | 'unknown';
  /** Where the block is written (the `content` block of a `dynamic`). */
  site?: BlockSite;
}

export interface NetworkProfile extends BlockPresence {
  plugin: Setting;
  pluginMode: Setting;
  dataPlane: Setting;
  policy: Setting;
  networkMode: Setting;
  podCidr: Setting;
  podCidrs: Setting;
  serviceCidr: Setting;
  serviceCidrs: Setting;
  dnsServiceIp: Setting;
  ipVersions: Setting;
  loadBalancerSku: Setting;
  outboundType: Setting;
  ebpfDataPlane: Setting;
  dockerBridgeCidr: Setting;
  loadBalancerProfile: BlockPresence;
  natGatewayProfile: BlockPresence & { managedOutboundIpCount: Setting };
  advancedNetworking: BlockPresence & { securityEnabled: Setting; observabilityEnabled: Setting };
}

/** The network fields of a node pool (the default pool or a separate node pool resource). */
export interface PoolNetwork extends BlockPresence {
  /** The pool's `name` (an azapi pool's too): a temporary pool for a rotation must not take it. */
  name: Setting;
  vnetSubnetId: Setting;
  podSubnetId: Setting;
  /** The subnet vnet_subnet_id names, when the model knows it (a subnet of this module or a data source). */
  vnetSubnet?: Subnet;
  /** The subnet pod_subnet_id names, when the model knows it. */
  podSubnet?: Subnet;
  maxPods: Setting;
  nodeCount: Setting;
  minCount: Setting;
  maxCount: Setting;
  /** `auto_scaling_enabled` (4.x) or `enable_auto_scaling` (3.x), whichever is written. */
  autoScaling: Setting;
  /** `upgrade_settings.max_surge`: a count ("3") or a percentage of the pool ("33%"). */
  maxSurge: Setting;
  /** `priority`: "Regular" or "Spot" (node pool resources only; the default pool is always Regular). */
  priority: Setting;
  /** 3.x name. */
  enableNodePublicIp: Setting;
  nodePublicIpEnabled: Setting;
  /**
   * `temporary_name_for_rotation`: the name of the pool the provider creates while it rotates this
   * one (a change of its subnet or max_pods); without it such an update fails at apply.
   */
  temporaryNameForRotation: Setting;
}

/** What clusters and node pools share: one instance of a resource. */
export interface ResourceInstance {
  /** `azurerm_kubernetes_cluster.aks["prod"]`, after the module path (`module.aks.…`) when there is one (terraform/addresses.ts). */
  address: string;
  /** The module calls that lead to the resource, outermost first; empty in a root module. */
  modulePath: readonly string[];
  /** The resource's name label (`aks` in `resource "azurerm_kubernetes_cluster" "aks"`). */
  label: string;
  uri: string;
  /** The resource as written; its `labelRange` is where resource-wide findings point. */
  site: BlockSite;
  /** True when the instance stands for an Unknown `count`/`for_each`. */
  uncertain: boolean;
  provider: ProviderVersion;
  /**
   * How the resource is written: `azurerm` attributes, or an `azapi` body (the AKS API's JSON
   * names and defaults, for `apiVersion`). Messages and fixes name settings in this form.
   */
  form: 'azurerm' | 'azapi';
  /** For an azapi resource: the api-version of its `type` (`2025-10-01`). */
  apiVersion?: string;
  /**
   * The resource's `lifecycle { ignore_changes }`, when it has one: a change there is not planned,
   * so a rule about a change says nothing (terraform/ignore-changes.ts isChangeIgnored). Paths
   * are in the resource's own names (an azapi body: `body.properties...`).
   */
  ignoredChanges?: IgnoredChanges;
  /**
   * An azapi resource's `replace_triggers_refs`, as paths of the resource (`body.properties...`):
   * a change there replaces the resource instead of sending it as an update (all, when the list
   * cannot be known).
   */
  replaceTriggers?: AttributePaths;
  /**
   * What the instance was at the model's baseline (`AksModel.baseline`): `null` when the baseline
   * has no such instance (this change creates it); undefined when there is no baseline.
   */
  prior?: PriorInstance | null;
}

/** One AKS cluster instance. */
export interface AksCluster extends ResourceInstance {
  /** The cluster's `name` (often built from a for_each key). */
  name: Setting;
  network: NetworkProfile;
  defaultPool: PoolNetwork;
  bootstrapProfile: BlockPresence & { artifactSource: Setting };
  /** `identity { type = ... }`: SystemAssigned or UserAssigned. */
  identityType: Setting;
  /** The node pool resources that belong to this cluster. */
  nodePools: AksNodePool[];
}

/** One node pool resource instance. */
export interface AksNodePool extends ResourceInstance {
  pool: PoolNetwork;
  osType: Setting;
  kubernetesClusterId: Setting;
  /** The cluster it belongs to, when that is a cluster of this model. */
  cluster?: AksCluster;
}

/** A VNet of the module. */
export interface Vnet {
  address: string;
  uri: string;
  site: BlockSite;
  /** The list of its ranges (Known or Unknown). */
  addressSpace: Value;
  addressSpaceSite?: AttributeSite;
  /** Every subnet of the VNet the module declares; `complete` is false when one may be missing. */
  subnets: { subnets: Subnet[]; complete: boolean };
  /** The networks its traffic reaches beyond itself. */
  connected: ConnectedNetworks;
}

/** A route of a route table, with where its prefix is written. */
export interface Route {
  prefix: string;
  nextHop: string;
  uri: string;
  range: Range;
}

/** A route table of the module; `routes` is undefined when one of them cannot be known. */
export interface RouteTable {
  address: string;
  routes: Route[] | undefined;
}

/**
 * What an association resource attaches to a subnet (a route table, a NAT gateway):
 * - `associated`: an association names the subnet; `target` is what it references, when that is
 *   a resource of the module (`address` is its address);
 * - `none`: every association of the module is known and none names the subnet;
 * - `unknown`: some association's subnet cannot be known, so it may name this one.
 */
export type Association<T extends { address: string } = { address: string }> =
  | { state: 'associated'; target?: T; uri: string; range: Range }
  | { state: 'none' }
  | { state: 'unknown' };

/** A subnet a pool names, or one of a VNet's subnets. */
export interface Subnet {
  /** `resource`: an azurerm_subnet instance; `inline`: a VNet's `subnet {}` block; `data`: a data source. */
  kind: 'resource' | 'inline' | 'data';
  address: string;
  uri: string;
  site: BlockSite;
  /** The list of prefixes (Unknown for data sources). */
  addressPrefixes: Value;
  prefixesSite?: AttributeSite;
  vnet?: Vnet;
  /** Whether the subnet has a delegation (undefined: a dynamic one whose for_each is not known). */
  delegated: boolean | undefined;
  /** Where the delegation is written. */
  delegationSite?: BlockSite;
  routeTable: Association<RouteTable>;
  natGateway: Association;
}

/** A network outside a VNet that its traffic reaches. */
export interface ConnectedNetwork {
  kind: 'peered' | 'on-premises';
  /** `azurerm_virtual_network.hub` or `azurerm_local_network_gateway.office`. */
  address: string;
  uri: string;
  /** The list of its address ranges (Known or Unknown). */
  addressSpace: Value;
  addressSpaceSite?: AttributeSite;
  /** For a peered VNet: the peering that connects it. */
  peering?: string;
}

export interface ConnectedNetworks {
  networks: ConnectedNetwork[];
  /** False when a peering may connect the VNet to a network the module does not declare. */
  complete: boolean;
}

/** The network resources of the module, resolved once before any rule runs. */
export interface NetworkModel {
  vnets: Vnet[];
  /** Every subnet instance the module declares (resources, inline blocks, data sources). */
  subnets: Subnet[];
  /**
   * Every address range the module declares outside its clusters (VNet address spaces, subnet
   * prefixes, on-premises ranges), for the free-range search; undefined when one of them, or a
   * network a peering reaches, cannot be known.
   */
  declaredRanges: string[] | undefined;
  /**
   * Whether something other than an azurerm association could change a subnet (a child module
   * may receive its id, an azapi resource may patch it): "no association" is then not proven.
   */
  subnetsChangeableElsewhere: boolean;
}

/**
 * A setting as it was at the baseline (prior-settings.ts): whether it was written, and its value
 * in plain JSON, or, when that could not be known, the resource attribute it referred to
 * (`azurerm_subnet.nodes.id`), which is enough to tell that it now names another resource.
 */
export interface PriorSetting {
  state: Setting['state'];
  /** The plain value; undefined when it could not be known. */
  value?: PlainJson;
  /** For an Unknown value that refers to a resource: `module.net.azurerm_subnet.nodes.id`. */
  ref?: string;
}

/** Plain JSON, as a prior value is kept (no origins, nothing unknown). */
export type PlainJson = string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson };

/** What Terraform plans for an instance, when the baseline is a plan (`resource_changes[]`). */
export interface PlannedChange {
  /** `["update"]`, `["delete", "create"]`, ... */
  actions: string[];
  /** The attribute paths that force the replacement (`[["network_profile", 0, "network_plugin"]]`). */
  replacePaths: (string | number)[][];
  /** `replace_because_cannot_update`, `replace_because_tainted`, ... */
  actionReason?: string;
  /** Where the change is in the plan file. */
  uri: string;
  range: Range;
}

/** A cluster or pool as it was at the baseline. */
export interface PriorInstance {
  /** By setting path in the model (`network.plugin`, `defaultPool.maxPods`, `pool.vnetSubnetId`, `osType`). */
  settings: ReadonlyMap<string, PriorSetting>;
  /** When the baseline is a plan: what it plans for the instance (authoritative). */
  planned?: PlannedChange;
}

/** What the model compares with: the last commit, a ref, or a plan's prior state. */
export interface BaselineInfo {
  kind: 'git' | 'plan';
  /** How messages name it: `HEAD (3f2a1bc)`, `origin/main (9d0e4f1)`, `the plan's prior state`. */
  label: string;
}

/** The closed model of one module: what every rule reads. */
export interface AksModel {
  provider: ProviderVersion;
  /** What the instances' `prior` settings are, when the analysis has a baseline. */
  baseline?: BaselineInfo;
  clusters: AksCluster[];
  nodePools: AksNodePool[];
  network: NetworkModel;
}
