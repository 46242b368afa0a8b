/**
 * outbound_type "userDefinedRouting" sends egress through your own route: it needs your subnet
 * (vnet_subnet_id), associated with a route table whose 0.0.0.0/0 route goes to a virtual
 * appliance or a gateway, not to the Internet (domain/rp-rules.md §G
 * `udr-requires-byo-subnet-with-route`; egress-udr). The route table is checked when the module
 * declares the association and every route of the table is known.
 */
import { settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

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
  checkCluster({ cluster }, report) {
    const { outboundType } = cluster.network;
    if (!settingIs(outboundType, 'userDefinedRouting') || !outboundType.site) return;
    const subnetSetting = cluster.defaultPool.vnetSubnetId;
    if (cluster.defaultPool.state === 'present' && subnetSetting.state === 'absent') {
      report({ messageId: 'noSubnet', uri: outboundType.site.uri, range: outboundType.site.valueRange, source: outboundType });
      return;
    }
    const subnet = cluster.defaultPool.vnetSubnet;
    if (!subnet || subnet.kind !== 'resource') return;
    // The route table associated with the subnet in this module; none found means not known here.
    const association = subnet.routeTable;
    if (association.state !== 'associated' || !association.target) return;
    const table = association.target;
    const routes = table.routes;
    if (!routes) return;
    const defaultRoute = routes.find((r) => r.prefix === '0.0.0.0/0');
    const data = { table: table.address, subnet: subnet.address };
    if (!defaultRoute) {
      report({ messageId: 'noDefaultRoute', data, uri: outboundType.site.uri, range: outboundType.site.valueRange, source: outboundType });
    } else if (defaultRoute.nextHop === 'Internet') {
      report({
        messageId: 'internetNextHop',
        data,
        uri: outboundType.site.uri,
        range: outboundType.site.valueRange,
        source: outboundType,
        related: [{ uri: defaultRoute.uri, range: defaultRoute.range, message: 'The default route is declared here.' }],
      });
    }
  },
});
