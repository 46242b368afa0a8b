/**
 * The egress panel (domain/packet-flow.md §6): the path `outbound_type` gives node traffic to the
 * internet and the public source IP it carries. A route-table box is drawn only for
 * userDefinedRouting (§8).
 */
import type { AksCluster, AksModel } from '../../aks/model.js';
import { knownNumber } from '../../aks/model.js';
import { locate, showValue, type Decided, type OutboundType } from './effective-network.js';
import { describeSubnet, natGatewayOf, routeTableOf } from './describe-subnets.js';
import type { FlowEdge, FlowNode } from './packet-flow-graph.js';

/** The egress nodes and edges, and the node pod traffic enters first. */
export interface EgressPanel {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** The node pod and node traffic enters first. */
  entry: 'egress' | 'egressRoutes';
}

/** The egress path for the cluster's outbound type. */
export function buildEgressPanel(cluster: AksCluster, model: AksModel, outbound: Decided<OutboundType>): EgressPanel {
  const { network } = cluster;
  const source = locate(network.outboundType, network, cluster);
  const internet: FlowNode = { id: 'internet', kind: 'internet', group: 'egress', label: ['Internet'] };
  const egress = (label: string[]): FlowNode => ({ id: 'egress', kind: 'egress', group: 'egress', label, source });
  const toInternet = (label: string, style: FlowEdge['style'] = 'solid'): FlowEdge => ({ from: 'egress', to: 'internet', label, style });
  switch (outbound.value) {
    case 'loadBalancer':
      return {
        nodes: [egress(['Load balancer outbound rule', 'outbound_type "loadBalancer"', 'SNAT to the LB outbound public IPs']), internet],
        edges: [toInternet('source: LB outbound public IP')],
        entry: 'egress',
      };
    case 'managedNATGateway': {
      const count = knownNumber(network.natGatewayProfile.managedOutboundIpCount.value);
      const ips = network.natGatewayProfile.managedOutboundIpCount.state === 'set' ? `managed_outbound_ip_count ${count ?? showValue(network.natGatewayProfile.managedOutboundIpCount.value)}` : 'public IPs managed by AKS';
      return {
        nodes: [egress(['NAT gateway managed by AKS', 'outbound_type "managedNATGateway"', ips]), internet],
        edges: [toInternet('source: NAT gateway public IP')],
        entry: 'egress',
      };
    }
    case 'userAssignedNATGateway': {
      const subnet = describeSubnet(cluster.defaultPool.vnetSubnetId, cluster.defaultPool.vnetSubnet);
      const gateway = subnet.subnet ? natGatewayOf(subnet.subnet) : undefined;
      return {
        nodes: [egress(['Your NAT gateway', ...(gateway ? [gateway] : []), 'outbound_type "userAssignedNATGateway"', `associated with the node ${subnet.name}`]), internet],
        edges: [toInternet('source: NAT gateway public IP')],
        entry: 'egress',
      };
    }
    case 'userDefinedRouting': {
      const subnet = describeSubnet(cluster.defaultPool.vnetSubnetId, cluster.defaultPool.vnetSubnet);
      const table = subnet.subnet ? routeTableOf(subnet.subnet) : undefined;
      const routes: FlowNode = {
        id: 'egressRoutes',
        kind: 'routeTable',
        group: 'egress',
        label: ['Route table on the node subnet', ...(table ? [table] : []), 'route 0.0.0.0/0 → virtual appliance'],
        source,
      };
      return {
        nodes: [routes, egress(['Firewall or virtual appliance', 'outbound_type "userDefinedRouting"', 'AKS creates no outbound IP']), internet],
        edges: [{ from: 'egressRoutes', to: 'egress', label: '0.0.0.0/0', style: 'solid' }, toInternet('source: firewall public IP')],
        entry: 'egressRoutes',
      };
    }
    case 'none':
      return {
        nodes: [egress(['No outbound path', 'outbound_type "none"', 'network-isolated cluster'])],
        edges: [],
        entry: 'egress',
      };
    case 'unknown':
      return {
        nodes: [egress(['Egress', `outbound type unknown (${outbound.reason})`]), internet],
        edges: [toInternet('not known', 'dashed')],
        entry: 'egress',
      };
  }
}
