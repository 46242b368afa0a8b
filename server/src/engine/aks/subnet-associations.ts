/**
 * What the module associates with a subnet: its route table
 * (`azurerm_subnet_route_table_association`) and its NAT gateway
 * (`azurerm_subnet_nat_gateway_association`), and the routes of a route table (inline `route`
 * blocks and `azurerm_route` resources joined by the table's name). Egress rules read these
 * (domain/rp-rules.md §G). Each association type is indexed once per analysis.
 */
import { findAttribute, findBlocks, type SyntaxBlock } from '../syntax/syntax-tree.js';
import type { Evaluator, Scope } from '../terraform/evaluate.js';
import { isKnown, knownString, type ResourceRef, type Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';
import type { SubnetInfo } from './resolve-network.js';

/** A route of a route table, with where its prefix is written. */
export interface Route {
  prefix: string;
  nextHop: string;
  uri: string;
  range: Range;
}

/**
 * - `associated`: an association names the subnet; `target` is the table or gateway it
 *   references, when that is a resource of the module;
 * - `none`: every association of the module is known and none names the subnet;
 * - `unknown`: some association's subnet cannot be known (a variable, a data source, an
 *   unknown count), so it may name this one.
 */
export type Association =
  | { state: 'associated'; target?: ResourceRef; uri: string; range: Range }
  | { state: 'none' }
  | { state: 'unknown' };

interface AssociationEntry {
  /** The `azurerm_subnet` instance its subnet_id names; undefined when that is not known. */
  subnet?: string;
  target?: ResourceRef;
  uri: string;
  range: Range;
}

/** The address of a resource instance a reference names. */
export const addressOf = (ref: ResourceRef) => `${ref.mode === 'data' ? 'data.' : ''}${ref.type}.${ref.name}${ref.key === undefined ? '' : `[${JSON.stringify(ref.key)}]`}`;

/** The resource instance a reference attribute names (`azurerm_route_table.rt.id`), or undefined. */
function referenced(value: Value | undefined, type: string): ResourceRef | undefined {
  if (!value || isKnown(value) || value.ref?.type !== type || value.ref.mode !== 'managed' || value.ref.attribute !== 'id') return undefined;
  return value.ref;
}

/** Association and route lookups over one module, each indexed on first use. */
export class SubnetAssociations {
  private readonly index = new Map<string, AssociationEntry[]>();
  private readonly routeCache = new Map<string, Route[] | undefined>();

  constructor(private readonly evaluator: Evaluator) {}

  routeTableOf(subnet: SubnetInfo): Association {
    return this.lookup('azurerm_subnet_route_table_association', 'route_table_id', 'azurerm_route_table', subnet);
  }

  natGatewayOf(subnet: SubnetInfo): Association {
    return this.lookup('azurerm_subnet_nat_gateway_association', 'nat_gateway_id', 'azurerm_nat_gateway', subnet);
  }

  private lookup(type: string, targetAttribute: string, targetType: string, subnet: SubnetInfo): Association {
    let entries = this.index.get(type);
    if (!entries) {
      entries = this.indexAssociations(type, targetAttribute, targetType);
      this.index.set(type, entries);
    }
    if (entries.some((e) => e.subnet === undefined)) return { state: 'unknown' };
    const match = entries.find((e) => e.subnet === subnet.address);
    return match ? { state: 'associated', ...(match.target ? { target: match.target } : {}), uri: match.uri, range: match.range } : { state: 'none' };
  }

  private indexAssociations(type: string, targetAttribute: string, targetType: string): AssociationEntry[] {
    const entries: AssociationEntry[] = [];
    const { evaluator } = this;
    for (const decl of evaluator.module.resources.values()) {
      if (decl.mode !== 'managed' || decl.type !== type) continue;
      const range = decl.block.labels[1]?.range ?? decl.block.headerRange;
      // An override file may change the subnet it names (aks-netlint does not merge them).
      const overridden = evaluator.module.overridden.has(`resource:${decl.type}.${decl.name}`);
      for (const instance of evaluator.instances(decl.block, decl.uri)) {
        const subnetRef = referenced(evaluator.attribute(decl.block, 'subnet_id', instance.scope), 'azurerm_subnet');
        const target = referenced(evaluator.attribute(decl.block, targetAttribute, instance.scope), targetType);
        entries.push({ ...(subnetRef && !instance.uncertain && !overridden ? { subnet: addressOf(subnetRef) } : {}), ...(target ? { target } : {}), uri: decl.uri, range });
      }
    }
    return entries;
  }

  /** Every route of a table instance, or undefined when one cannot be known. */
  routesOf(table: ResourceRef): Route[] | undefined {
    const key = addressOf(table);
    if (!this.routeCache.has(key)) this.routeCache.set(key, this.readRoutes(table));
    return this.routeCache.get(key);
  }

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
      const range = findAttribute(block.body, 'address_prefix')?.expr.range;
      if (prefix === undefined || nextHop === undefined || !range) return false;
      routes.push({ prefix, nextHop, uri, range });
      return true;
    };
    for (const route of findBlocks(decl.block.body, 'route')) {
      if (!read(route, instance.scope, decl.uri)) return undefined;
    }
    // Separate azurerm_route resources join the table by its name.
    for (const other of evaluator.module.resources.values()) {
      if (other.mode !== 'managed' || other.type !== 'azurerm_route') continue;
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
