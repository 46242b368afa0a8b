/**
 * outbound_type "userDefinedRouting" sends egress through your own route: it needs your subnet
 * (vnet_subnet_id), associated with a route table whose 0.0.0.0/0 route goes to a virtual
 * appliance or a gateway, not to the Internet (domain/rp-rules.md §G
 * `udr-requires-byo-subnet-with-route`; egress-udr). The route table is checked when the module
 * declares the association and every route of the table is known.
 */
import { settingIs } from '../aks/network-facts.js';
import { findAttribute, findBlocks } from '../syntax/syntax-tree.js';
import type { Evaluator, Scope } from '../terraform/evaluate.js';
import type { ResourceDecl } from '../terraform/module.js';
import { isKnown, knownString, type ResourceRef, type Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';
import { defineRule } from './define-rule.js';

interface Route {
  prefix: string;
  nextHop: string;
  uri: string;
  range: Range;
}

const addressOf = (ref: ResourceRef) => `${ref.type}.${ref.name}${ref.key === undefined ? '' : `[${JSON.stringify(ref.key)}]`}`;

/** The resource instance a reference attribute names (`azurerm_route_table.rt.id`), or undefined. */
function referenced(evaluator: Evaluator, decl: ResourceDecl, scope: Scope, attribute: string, type: string): ResourceRef | undefined {
  const value = evaluator.attribute(decl.block, attribute, scope);
  if (!value || isKnown(value) || value.ref?.type !== type || value.ref.mode !== 'managed') return undefined;
  return value.ref;
}

/** Every route of a table, or undefined when one cannot be known. */
function routesOf(evaluator: Evaluator, table: ResourceRef): Route[] | undefined {
  const decl = evaluator.module.resources.get(`${table.type}.${table.name}`);
  const instance = decl ? evaluator.instanceOf(decl, table.key) : undefined;
  if (!decl || !instance) return undefined;
  if (findBlocks(decl.block.body, 'dynamic').some((b) => b.labels[0]?.value === 'route')) return undefined;
  const routes: Route[] = [];
  const tableName = knownString(evaluator.attribute(decl.block, 'name', instance.scope));
  const read = (prefixValue: Value | undefined, hopValue: Value | undefined, uri: string, range: Range | undefined): boolean => {
    const prefix = knownString(prefixValue);
    const nextHop = knownString(hopValue);
    if (prefix === undefined || nextHop === undefined || !range) return false;
    routes.push({ prefix, nextHop, uri, range });
    return true;
  };
  for (const route of findBlocks(decl.block.body, 'route')) {
    const ok = read(evaluator.attribute(route, 'address_prefix', instance.scope), evaluator.attribute(route, 'next_hop_type', instance.scope), decl.uri, findAttribute(route.body, 'address_prefix')?.expr.range);
    if (!ok) return undefined;
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
      const ok = read(evaluator.attribute(other.block, 'address_prefix', i.scope), evaluator.attribute(other.block, 'next_hop_type', i.scope), other.uri, findAttribute(other.block.body, 'address_prefix')?.expr.range);
      if (!ok) return undefined;
    }
  }
  return routes;
}

export default defineRule({
  id: 'udr-requires-route-table',
  title: 'User-defined routing needs your subnet and a default route to an appliance',
  severity: 'error',
  messages: {
    noSubnet:
      'outbound_type "userDefinedRouting" needs your own subnet (default_node_pool.vnet_subnet_id), pre-configured with a route table that holds the egress route; Microsoft requires it (the Azure CLI refuses: "--vnet-subnet-id must be specified for userDefinedRouting and it must be pre-configured with a route table with egress rules").',
    noDefaultRoute:
      'outbound_type "userDefinedRouting" sends egress through the route table {{table}} of {{subnet}}, which has no 0.0.0.0/0 route: the AKS API rejects it with RouteTableMissingDefaultRouteError ("Default route 0.0.0.0/0 missing from route table").',
    internetNextHop:
      'outbound_type "userDefinedRouting" sends egress through the route table {{table}} of {{subnet}}, whose 0.0.0.0/0 route has next hop Internet: the AKS API rejects it with RouteTableInvalidNextHop ("Default route 0.0.0.0/0 has a next hop of Internet but only next hops of VirtualAppliance or VirtualNetworkGateway are allowed.").',
  },
  checkCluster({ cluster, model }, report) {
    const { outboundType } = cluster.network;
    if (!settingIs(outboundType, 'userDefinedRouting') || !outboundType.attribute) return;
    const subnetSetting = cluster.defaultPool.vnetSubnetId;
    if (cluster.defaultPool.state === 'present' && subnetSetting.state === 'absent') {
      report({ messageId: 'noSubnet', range: outboundType.attribute.expr.range, source: outboundType });
      return;
    }
    const subnet = model.network.subnetOf(subnetSetting);
    if (!subnet || subnet.kind !== 'resource') return;
    // The route table associated with the subnet in this module; none found means not known here.
    const { evaluator } = model;
    let table: ResourceRef | undefined;
    for (const decl of evaluator.module.resources.values()) {
      if (decl.mode !== 'managed' || decl.type !== 'azurerm_subnet_route_table_association') continue;
      for (const instance of evaluator.instances(decl.block, decl.uri)) {
        const subnetRef = referenced(evaluator, decl, instance.scope, 'subnet_id', 'azurerm_subnet');
        if (instance.uncertain || !subnetRef) return;
        if (addressOf(subnetRef) !== subnet.address) continue;
        table = referenced(evaluator, decl, instance.scope, 'route_table_id', 'azurerm_route_table');
        if (!table) return;
      }
    }
    if (!table) return;
    const routes = routesOf(evaluator, table);
    if (!routes) return;
    const defaultRoute = routes.find((r) => r.prefix === '0.0.0.0/0');
    const data = { table: addressOf(table), subnet: subnet.address };
    if (!defaultRoute) {
      report({ messageId: 'noDefaultRoute', data, range: outboundType.attribute.expr.range, source: outboundType });
    } else if (defaultRoute.nextHop === 'Internet') {
      report({
        messageId: 'internetNextHop',
        data,
        range: outboundType.attribute.expr.range,
        source: outboundType,
        related: [{ uri: defaultRoute.uri, range: defaultRoute.range, message: 'The default route is declared here.' }],
      });
    }
  },
});
