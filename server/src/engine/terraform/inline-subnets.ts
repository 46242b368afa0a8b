/**
 * A VNet's inline subnets, as Terraform sees them before apply: for the evaluator, the value of
 * `azurerm_virtual_network.x.subnet` (so that `one(azurerm_virtual_network.x.subnet[*].id)` names
 * the subnet it picks), and for the network reader, the subnets themselves.
 *
 * What the provider says (hashicorp/terraform-provider-azurerm,
 * internal/services/network/virtual_network_resource.go, read at v3.0.0, v3.117.1, v4.0.0, v4.81.0,
 * v5.0.0 and main in 2026): `subnet` is a `TypeSet` (Optional, Computed,
 * `ConfigMode: SchemaConfigModeAttr`) in every major, so it may be written as `subnet {}` blocks,
 * `dynamic "subnet"` blocks or the attribute `subnet = [{ ... }]`. Its elements are objects
 * (3.x: name, address_prefix, security_group, id; 4.x and 5.x: name, address_prefixes,
 * default_outbound_access_enabled, delegation, private_endpoint_network_policies,
 * private_link_service_network_policies_enabled, route_table_id, security_group,
 * service_endpoints (5.x: service_endpoint), service_endpoint_policy_ids, id), whose `id` is
 * Computed. Terraform orders a set of objects by a hash of the whole object, id included, so the
 * order is not known before apply (unordered.ts): the value is a set of known size, and only what
 * needs no order (a filter by name, one(), length()) picks one subnet. Being Computed, `subnet`
 * is whatever Azure holds when the configuration writes none: then it is not known either. Zero
 * blocks (a dynamic block over an empty collection) write none, as `subnet = null` does, while
 * `subnet = []` writes an empty set (hashicorp/terraform internal/lang/blocktoattr/fixup.go and
 * its tests).
 */
import type { Range } from '../text/positions.js';
import { findAttribute, findBlocks, type Expr, type SyntaxAttribute, type SyntaxBlock } from '../syntax/syntax-tree.js';
import { MAX_INSTANCES } from './evaluation-limits.js';
import { describeCycle } from './locals-order.js';
import { iteratorName } from './dynamic-iterator.js';
import type { ResourceDecl } from './module.js';
import { scopeFor, type Instance, type Scope } from './scope.js';
import { isKnown, isObjectValue, known, unknown, type Known, type Origin, type ResourceRef, type Value } from './values.js';

/** Every attribute a VNet's inline subnet has in some supported major (see above). */
const SUBNET_ATTRIBUTES = [
  'name',
  'address_prefix',
  'address_prefixes',
  'default_outbound_access_enabled',
  'delegation',
  'private_endpoint_network_policies',
  'private_link_service_network_policies_enabled',
  'route_table_id',
  'security_group',
  'service_endpoints',
  'service_endpoint',
  'service_endpoint_policy_ids',
  'id',
];

/** What reading inline subnets needs of the evaluator (evaluate.ts imports this module). */
export interface SubnetEvaluator {
  /** The module calls leading to the module evaluated (a ref carries them). */
  readonly modulePath: readonly string[];
  evaluate(expr: Expr, scope: Scope): Value;
  attribute(block: SyntaxBlock, name: string, scope: Scope): Value | undefined;
  instanceOf(decl: ResourceDecl, key: string | number | undefined): Instance | undefined;
}

/** One inline subnet as written. */
export interface InlineSubnet {
  /** Its `subnet {}` block, or the `content` block of its `dynamic "subnet"`; absent in the attribute form. */
  block?: SyntaxBlock;
  /** What its block is evaluated in: the VNet instance's scope, with the dynamic block's iterator. */
  scope: Scope;
  /** The attributes written for it (in its block, or in its element of the attribute form). */
  fields: Record<string, Value>;
  /** Its name, when Known: what a reference to it goes by (Azure keeps subnet names unique per VNet). */
  name: string | undefined;
  /** Where it is written: its block, its element of the attribute form, or that attribute. */
  range: Range;
}

/** The inline subnets of one VNet instance. */
export interface InlineSubnets {
  subnets: InlineSubnet[];
  /** Why some may be missing (a dynamic block's for_each, the attribute's value is not known); undefined when none is. */
  incomplete?: string;
  /** The `subnet = [...]` attribute, when they are written in that form. */
  attribute?: SyntaxAttribute;
}

/** Whether a VNet block writes inline subnets in any form (else the provider's value is not known). */
export function writesInlineSubnets(block: SyntaxBlock): boolean {
  return findBlocks(block.body, 'subnet').length > 0 || dynamicSubnetBlocks(block).length > 0 || findAttribute(block.body, 'subnet') !== undefined;
}

/**
 * The inline subnets a VNet instance writes: `subnet {}` blocks and `dynamic "subnet"` blocks in
 * source order, or else the attribute form (a .tf.json file reads an object-valued property both
 * ways: the blocks win).
 */
export function readInlineSubnets(evaluator: SubnetEvaluator, vnet: SyntaxBlock, scope: Scope): InlineSubnets {
  const statics = findBlocks(vnet.body, 'subnet');
  const dynamics = dynamicSubnetBlocks(vnet);
  const attribute = findAttribute(vnet.body, 'subnet');
  if (statics.length === 0 && dynamics.length === 0 && attribute) return fromAttribute(evaluator, attribute, scope);
  const subnets: InlineSubnet[] = [];
  let incomplete: string | undefined;
  for (const block of vnet.body.blocks) {
    if (block.type === 'subnet') subnets.push(fromBlock(evaluator, block, scope));
    if (block.type !== 'dynamic' || block.labels[0]?.value !== 'subnet') continue;
    const content = findBlocks(block.body, 'content')[0];
    const items = dynamicItems(evaluator, block, scope);
    if (typeof items === 'string' || !content) {
      incomplete ??= typeof items === 'string' ? items : 'a dynamic "subnet" block has no content';
      continue;
    }
    const iterator = iteratorName(block);
    for (const [key, value] of items) {
      const at = { uri: content.uri ?? scope.uri, range: content.range, via: [] };
      const inner = { ...scope, iterators: { ...scope.iterators, [iterator]: known({ key, value }, at) } };
      subnets.push(fromBlock(evaluator, content, inner));
    }
  }
  return { subnets, ...(incomplete ? { incomplete } : {}) };
}

function fromBlock(evaluator: SubnetEvaluator, block: SyntaxBlock, scope: Scope): InlineSubnet {
  const fields: Record<string, Value> = {};
  for (const attribute of block.body.attributes) fields[attribute.name] = evaluator.evaluate(attribute.expr, scopeFor(attribute, scope));
  return { block, scope, fields, name: knownText(fields.name), range: block.range };
}

function fromAttribute(evaluator: SubnetEvaluator, attribute: SyntaxAttribute, scope: Scope): InlineSubnets {
  const value = evaluator.evaluate(attribute.expr, scopeFor(attribute, scope));
  if (!isKnown(value)) return { subnets: [], incomplete: `subnet is not known: ${value.reason}`, attribute };
  // `subnet = null` writes nothing: the provider's value stands.
  if (value.value === null) return { subnets: [] };
  if (!Array.isArray(value.value)) return { subnets: [], incomplete: 'subnet is not a list', attribute };
  const subnets: InlineSubnet[] = [];
  for (const item of value.value) {
    if (!isKnown(item) || !isObjectValue(item.value)) return { subnets, incomplete: 'an element of subnet is not a known object', attribute };
    // Point at the element where it is written in the attribute's file, else at the attribute.
    const here = item.origin.uri === (attribute.uri ?? scope.uri) && item.origin.via.length === 0;
    subnets.push({ scope, fields: item.value, name: knownText(item.value.name), range: here ? item.origin.range : attribute.range });
  }
  return { subnets, attribute };
}

function dynamicSubnetBlocks(vnet: SyntaxBlock): SyntaxBlock[] {
  return findBlocks(vnet.body, 'dynamic').filter((block) => block.labels[0]?.value === 'subnet');
}

/**
 * The iterations of a dynamic block, as Terraform makes them: a list's index (a set's element) or
 * a map's key, with the value; why they are not known otherwise.
 */
function dynamicItems(evaluator: SubnetEvaluator, dynamic: SyntaxBlock, scope: Scope): [Value, Value][] | string {
  const forEach = evaluator.attribute(dynamic, 'for_each', scope);
  if (!forEach) return 'a dynamic "subnet" block has no for_each';
  if (!isKnown(forEach)) return `the for_each of a dynamic "subnet" block is not known: ${forEach.cause ?? forEach.reason}`;
  const v = forEach.value;
  const at = forEach.origin;
  let items: [Value, Value][];
  if (Array.isArray(v)) {
    // Each element makes one block whatever the order; only an index key depends on it.
    const orderless = forEach.unordered === 'list' && v.length > 1;
    items = v.map((item, i) => [forEach.unordered === 'set' ? item : orderless ? unknown('the index of an element depends on the order of a set') : known(i, at), item]);
  } else if (v !== null && isObjectValue(v)) {
    items = Object.keys(v)
      .sort()
      .map((key) => [known(key, at), v[key]]);
  } else if (v === null) return 'the for_each of a dynamic "subnet" block is null';
  else return 'the for_each of a dynamic "subnet" block is not a collection';
  if (items.length > MAX_INSTANCES) return `the for_each of a dynamic "subnet" block makes more than ${MAX_INSTANCES} blocks`;
  return items;
}

const knownText = (value: Value | undefined): string | undefined => (isKnown(value) && typeof value.value === 'string' ? value.value : undefined);

/** The VNet instances whose inline subnets are being read, per evaluator: reading one again is a cycle. */
const READING = new WeakMap<SubnetEvaluator, Set<string>>();

/**
 * The value of `<vnet>.subnet` for the evaluator: a set (unordered.ts) of one object per inline
 * subnet, holding what is written and an `id` known only after apply whose ref names the subnet
 * (ResourceRef.element); undefined when `attribute` is not a VNet's `subnet` written in the
 * configuration (the evaluator then says it is known only after apply).
 */
export function inlineSubnetsOf(evaluator: SubnetEvaluator, decl: ResourceDecl, key: string | number | undefined, attribute: string): Value | undefined {
  if (decl.mode !== 'managed' || decl.type !== 'azurerm_virtual_network' || attribute !== 'subnet' || !writesInlineSubnets(decl.block)) return undefined;
  const label = `${decl.type}.${decl.name}${key === undefined ? '' : `[${JSON.stringify(key)}]`}`;
  const address = `${label}.subnet`;
  const origin: Origin = { uri: decl.uri, range: decl.block.headerRange, via: [] };
  let reading = READING.get(evaluator);
  if (!reading) READING.set(evaluator, (reading = new Set()));
  if (reading.has(address)) return unknown(describeCycle([address, address]), { origin });
  reading.add(address);
  try {
    const instance = evaluator.instanceOf(decl, key);
    if (!instance) return unknown(`${decl.type}.${decl.name} has no instance ${JSON.stringify(key)} that can be known`, { origin });
    const read = readInlineSubnets(evaluator, decl.block, instance.scope);
    if (read.incomplete) return unknown(`${address} is not known: ${read.incomplete}`, { origin });
    // Zero blocks (or `subnet = null`) write no subnet at all: the provider's value (Computed) stands.
    if (read.subnets.length === 0 && !read.attribute) return unknown(`${address} is known only after apply`, { origin });
    const module = evaluator.modulePath.length > 0 ? { module: evaluator.modulePath } : {};
    const ref: ResourceRef = { ...module, mode: 'managed', type: decl.type, name: decl.name, key, attribute: 'subnet' };
    const elements = read.subnets.map((subnet) => element(subnet, decl.uri, address, ref));
    const range = read.attribute?.range ?? read.subnets[0].range;
    const collection: Known = { ...known(elements, { uri: decl.uri, range, via: [{ label: address, uri: decl.uri, range }] }), unordered: 'set' };
    return collection;
  } finally {
    reading.delete(address);
  }
}

/** One inline subnet as an object: what is written, every other attribute not known, and its id. */
function element(subnet: InlineSubnet, uri: string, address: string, ref: ResourceRef): Value {
  const at = subnet.name === undefined ? `${address} element` : `${address}["${subnet.name}"]`;
  const origin: Origin = { uri, range: subnet.range, via: [] };
  const fields: Record<string, Value> = {};
  for (const name of SUBNET_ATTRIBUTES) fields[name] = unknown(`${at}.${name} is not written, and the provider's value for it is not evaluated`, { origin });
  Object.assign(fields, subnet.fields);
  // Without a known name, nothing tells which subnet the id is: it links nothing.
  fields.id = unknown(`${at}.id is known only after apply`, {
    origin,
    ref: subnet.name === undefined ? ref : { ...ref, element: { name: subnet.name, attribute: 'id' } },
  });
  return known(fields, origin);
}
