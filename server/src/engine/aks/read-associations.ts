/**
 * Reads what the module associates with its subnets: route tables
 * (`azurerm_subnet_route_table_association`) and NAT gateways
 * (`azurerm_subnet_nat_gateway_association`), and the routes of a route table (inline `route`
 * blocks, the attribute form `route = [{ ... }]` the provider also accepts, and `azurerm_route`
 * resources joined by the table's name). Egress rules read these (domain/rp-rules.md §G).
 */
import { findAttribute, findBlocks, type SyntaxBlock } from '../syntax/syntax-tree.js';
import { addressOfRef } from '../terraform/addresses.js';
import type { Evaluator } from '../terraform/evaluate.js';
import type { ResourceDecl } from '../terraform/module.js';
import { scopeFor, type Scope } from '../terraform/scope.js';
import { isKnown, isObjectValue, knownList, knownString, type ResourceRef, type Value } from '../terraform/values.js';
import type { Association, Route, RouteTable } from './model.js';

/** The managed resources of one type. */
export const managedOf = (evaluator: Evaluator, type: string): ResourceDecl[] =>
  [...evaluator.module.resources.values()].filter((decl) => decl.mode === 'managed' && decl.type === type);

/** The resource instance a reference attribute names (`azurerm_route_table.rt.id`), or undefined. */
export function referenced(value: Value | undefined, type: string): ResourceRef | undefined {
  if (!value || isKnown(value) || value.ref?.type !== type || value.ref.mode !== 'managed' || value.ref.attribute !== 'id') return undefined;
  return value.ref;
}

/**
 * Which instance a reference names, as Terraform matches it: `res["2"]` on a count resource is
 * instance 2, so keys compare as strings.
 */
export const instanceKey = (type: string, name: string, key: string | number | undefined, modulePath: readonly string[] = []) =>
  `${modulePath.map((step) => `${step}.`).join('')}${type}.${name}|${key === undefined ? '' : String(key)}`;
export const refKey = (ref: ResourceRef) => instanceKey(ref.type, ref.name, ref.key, ref.module);

interface AssociationEntry {
  /** The instance key (see instanceKey) of the `azurerm_subnet` its subnet_id names; undefined when not known. */
  subnet?: string;
  target?: ResourceRef;
  uri: string;
  range: SyntaxBlock['range'];
}

/** The route table and NAT gateway associations of a module, and what each one names. */
export class Associations {
  private readonly routeTables = new Map<string, RouteTable>();
  private readonly routeTableEntries: AssociationEntry[];
  private readonly natGatewayEntries: AssociationEntry[];

  constructor(private readonly evaluator: Evaluator) {
    this.routeTableEntries = this.indexAssociations('azurerm_subnet_route_table_association', 'route_table_id', 'azurerm_route_table');
    this.natGatewayEntries = this.indexAssociations('azurerm_subnet_nat_gateway_association', 'nat_gateway_id', 'azurerm_nat_gateway');
  }

  /** The route table of the subnet with this instance key (undefined: not an azurerm_subnet instance). */
  routeTableOf(subnetKey: string | undefined): Association<RouteTable> {
    return this.lookup(this.routeTableEntries, subnetKey, (ref) => this.routeTable(ref));
  }

  /** The NAT gateway of the subnet with this instance key. */
  natGatewayOf(subnetKey: string | undefined): Association {
    return this.lookup(this.natGatewayEntries, subnetKey, (ref) => ({ address: addressOfRef(ref) }));
  }

  private indexAssociations(type: string, targetAttribute: string, targetType: string): AssociationEntry[] {
    const entries: AssociationEntry[] = [];
    const { evaluator } = this;
    for (const decl of managedOf(evaluator, type)) {
      const range = decl.block.labels[1]?.range ?? decl.block.headerRange;
      for (const instance of evaluator.instances(decl.block, decl.uri)) {
        const subnetRef = referenced(evaluator.attribute(decl.block, 'subnet_id', instance.scope), 'azurerm_subnet');
        const target = referenced(evaluator.attribute(decl.block, targetAttribute, instance.scope), targetType);
        entries.push({ ...(subnetRef && !instance.uncertain ? { subnet: refKey(subnetRef) } : {}), ...(target ? { target } : {}), uri: decl.uri, range });
      }
    }
    return entries;
  }

  private lookup<T extends { address: string }>(entries: AssociationEntry[], key: string | undefined, target: (ref: ResourceRef) => T): Association<T> {
    if (entries.some((e) => e.subnet === undefined)) return { state: 'unknown' };
    const match = key === undefined ? undefined : entries.find((e) => e.subnet === key);
    return match ? { state: 'associated', ...(match.target ? { target: target(match.target) } : {}), uri: match.uri, range: match.range } : { state: 'none' };
  }

  private routeTable(ref: ResourceRef): RouteTable {
    const address = addressOfRef(ref);
    let table = this.routeTables.get(address);
    if (!table) {
      table = { address, routes: this.readRoutes(ref) };
      this.routeTables.set(address, table);
    }
    return table;
  }

  /** Every route of a table instance, or undefined when one cannot be known. */
  private readRoutes(table: ResourceRef): Route[] | undefined {
    const { evaluator } = this;
    const decl = evaluator.module.resources.get(`${table.type}.${table.name}`);
    const instance = decl ? evaluator.instanceOf(decl, table.key) : undefined;
    if (!decl || !instance) return undefined;
    if (findBlocks(decl.block.body, 'dynamic').some((b) => b.labels[0]?.value === 'route')) return undefined;
    const routes: Route[] = [];
    const tableName = knownString(evaluator.attribute(decl.block, 'name', instance.scope));
    const read = (block: SyntaxBlock, scope: Scope, uri: string): boolean => {
      const prefix = knownString(evaluator.attribute(block, 'address_prefix', scope));
      const nextHop = knownString(evaluator.attribute(block, 'next_hop_type', scope));
      const written = findAttribute(block.body, 'address_prefix');
      if (prefix === undefined || nextHop === undefined || !written) return false;
      routes.push({ prefix, nextHop, uri: written.uri ?? uri, range: written.expr.range });
      return true;
    };
    for (const route of findBlocks(decl.block.body, 'route')) {
      if (!read(route, instance.scope, decl.uri)) return undefined;
    }
    // The attribute form the provider also accepts: route = [{ name = …, address_prefix = … }].
    const routeAttribute = findAttribute(decl.block.body, 'route');
    if (routeAttribute) {
      const list = knownList(evaluator.evaluate(routeAttribute.expr, scopeFor(routeAttribute, instance.scope)));
      const uri = routeAttribute.uri ?? decl.uri;
      if (!list) return undefined;
      for (const item of list) {
        if (!isKnown(item) || !isObjectValue(item.value)) return undefined;
        const prefixValue = item.value.address_prefix;
        const prefix = knownString(prefixValue);
        const nextHop = knownString(item.value.next_hop_type);
        if (prefix === undefined || nextHop === undefined) return undefined;
        // Point at the prefix where it is written in this file, else at the attribute.
        const here = isKnown(prefixValue) && prefixValue.origin.uri === uri && prefixValue.origin.via.length === 0;
        routes.push({ prefix, nextHop, uri, range: here ? prefixValue.origin.range : routeAttribute.expr.range });
      }
    }
    // Separate azurerm_route resources join the table by its name.
    for (const other of managedOf(evaluator, 'azurerm_route')) {
      for (const i of evaluator.instances(other.block, other.uri)) {
        const name = evaluator.attribute(other.block, 'route_table_name', i.scope);
        if (!name || (!isKnown(name) && !name.ref)) return undefined;
        const joins = isKnown(name)
          ? knownString(name) !== undefined && knownString(name) === tableName
          : name.ref?.type === table.type && name.ref.name === table.name && (name.ref.key === undefined || String(name.ref.key) === String(table.key));
        if (isKnown(name) && tableName === undefined) return undefined;
        if (!joins) continue;
        if (i.uncertain) return undefined;
        if (!read(other.block, i.scope, other.uri)) return undefined;
      }
    }
    return routes;
  }
}
