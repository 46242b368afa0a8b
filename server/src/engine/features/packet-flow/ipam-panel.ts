/**
 * The pod panel of the diagram, per IPAM mode (domain/packet-flow.md §0–§4): where pod IPs come
 * from, how a pod reaches a pod on another node, whether the VNet, peered networks and on-prem can
 * reach a pod directly, and what source IP pod traffic leaving the cluster carries.
 * No AKS-managed mode encapsulates (seed-claims.md e); only a BYO CNI may tunnel.
 */
import type { AksCluster, AksModel } from '../../aks/model.js';
import { podRangesOf } from '../../aks/network-facts.js';
import { locate, reasonOf, type Decided } from './effective-network.js';
import { describeSubnet, routeTableOf } from './describe-subnets.js';
import type { DataPlaneKind, FlowEdge, FlowNode, IpamMode } from './packet-flow-graph.js';

/** The pod nodes and edges of one IPAM mode, and how pod traffic starts towards egress. */
export interface IpamPanel {
  /** The pods node, a pod on another node, and for kubenet the route table between them. */
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** How pod traffic to the egress path starts: `SNAT → node IP` or `pod IP kept`. */
  egressLabel: string;
  egressStyle: FlowEdge['style'];
}

/** The pod ranges of a kubenet or overlay cluster, as shown: `pod_cidr 10.244.0.0/16`, `pod_cidrs a, b`. */
function podRangeText(cluster: AksCluster): { text: string; dualStack: boolean } {
  const ranges = podRangesOf(cluster);
  const { podCidr, podCidrs } = cluster.network;
  if (!ranges) {
    const setting = podCidr.state !== 'absent' ? podCidr : podCidrs;
    return { text: `${setting.name} unknown (${reasonOf(setting)})`, dualStack: false };
  }
  const name = ranges[0]?.setting.name ?? 'pod_cidr';
  const text = ranges.map((r) => (r.implicit ? `${r.text} (AKS default)` : r.text)).join(', ');
  return { text: `${name} ${text}`, dualStack: ranges.some((r) => r.text.includes(':')) };
}

/** Each node owns a fixed /24 of the IPv4 pod range (packet-flow.md §1, §4). */
const perNode = (dualStack: boolean) => (dualStack ? 'a /24 of the IPv4 range per node' : 'a /24 per node');

/** The pod panel for the cluster's IPAM mode. */
export function buildIpamPanel(
  cluster: AksCluster,
  model: AksModel,
  ipam: Decided<Exclude<IpamMode, 'unknown'>>,
  dataPlane: Decided<Exclude<DataPlaneKind, 'unknown'>>,
): IpamPanel {
  const { network, defaultPool } = cluster;
  const pods = (label: string[], source = locate(network.plugin, network, cluster)): FlowNode => ({ id: 'pods', kind: 'pods', group: 'cluster', label: ['Pods', ...label], source });
  const remote: FlowNode = { id: 'remotePods', kind: 'pods', group: 'cluster', label: ['Pod on another node'] };
  const edge = (from: FlowEdge['from'], to: FlowEdge['to'], label: string, style: FlowEdge['style'] = 'solid'): FlowEdge => ({ from, to, label, style });
  switch (ipam.value) {
    case 'kubenet': {
      const podCidr = locate(network.podCidr, network, cluster);
      const nodeSubnet = describeSubnet(defaultPool.vnetSubnetId, defaultPool.vnetSubnet);
      const table = nodeSubnet.subnet ? routeTableOf(nodeSubnet.subnet) : undefined;
      const routes: FlowNode = {
        id: 'podRoutes',
        kind: 'routeTable',
        group: 'cluster',
        label: ['Route table on the node subnet', table ? `${table} (AKS adds the routes)` : 'routes added by AKS', 'one route per node: pod /24 → node IP'],
        source: locate(network.plugin, network, cluster),
      };
      const ranges = podRangeText(cluster);
      return {
        nodes: [pods([`kubenet: IP from ${ranges.text}`, `${perNode(ranges.dualStack)} on a Linux bridge`, 'not routable in the VNet'], podCidr), routes, remote],
        edges: [
          edge('pods', 'podRoutes', 'out of the node (IP forwarding)'),
          edge('podRoutes', 'remotePods', 'to the node that owns the /24'),
          edge('pods', 'privateNet', 'SNAT → node IP'),
        ],
        egressLabel: 'SNAT → node IP',
        egressStyle: 'solid',
      };
    }
    case 'overlay': {
      const ranges = podRangeText(cluster);
      const setting = network.podCidr.state === 'absent' && network.podCidrs.state !== 'absent' ? network.podCidrs : network.podCidr;
      return {
        nodes: [pods([`Azure CNI Overlay: IP from ${ranges.text}`, perNode(ranges.dualStack), 'not reachable from outside the cluster'], locate(setting, network, cluster)), remote],
        edges: [
          edge('pods', 'remotePods', 'Azure overlay routing, not encapsulated'),
          edge('pods', 'privateNet', 'SNAT → node IP (outside the pod CIDR)'),
        ],
        egressLabel: 'SNAT → node IP',
        egressStyle: 'solid',
      };
    }
    case 'nodeSubnet': {
      const subnet = describeSubnet(defaultPool.vnetSubnetId, defaultPool.vnetSubnet);
      // packet-flow.md §5.2: whether Cilium keeps ip-masq-agent's SNAT on node subnet is UNVERIFIED, so dashed.
      const snat = dataPlane.value === 'cilium' ? { note: ' (not documented with Cilium)', style: 'dashed' as const } : { note: '', style: 'solid' as const };
      return {
        nodes: [
          pods(['Azure CNI node subnet: VNet IP from the node subnet', ...(subnet.prefixes ? [subnet.prefixes] : []), 'max_pods IPs reserved per node'], locate(defaultPool.vnetSubnetId, defaultPool, cluster)),
          remote,
        ],
        edges: [
          edge('pods', 'remotePods', 'VNet routing, pod IP kept, not encapsulated'),
          edge('privateNet', 'pods', 'direct to the pod IP'),
          edge('pods', 'privateNet', `pod IP inside the VNet, SNAT → node IP beyond it${snat.note}`, snat.style),
        ],
        egressLabel: `SNAT → node IP${snat.note}`,
        egressStyle: snat.style,
      };
    }
    case 'podSubnet': {
      const subnet = describeSubnet(defaultPool.podSubnetId, defaultPool.podSubnet);
      return {
        nodes: [
          pods(['Azure CNI pod subnet: VNet IP from the pod subnet', subnet.name, ...(subnet.prefixes ? [subnet.prefixes] : [])], locate(defaultPool.podSubnetId, defaultPool, cluster)),
          remote,
        ],
        edges: [
          edge('pods', 'remotePods', 'VNet routing, pod IP kept, not encapsulated'),
          edge('privateNet', 'pods', 'direct to the pod IP'),
          edge('pods', 'privateNet', 'pod IP kept (no SNAT)'),
        ],
        egressLabel: 'pod IP kept',
        egressStyle: 'solid',
      };
    }
    case 'byo':
      return {
        nodes: [pods(['bring your own CNI (network_plugin "none")', 'IPs assigned by the CNI you install']), remote],
        edges: [
          edge('pods', 'remotePods', 'depends on your CNI (it may tunnel)', 'dashed'),
          edge('pods', 'privateNet', 'depends on your CNI', 'dashed'),
        ],
        egressLabel: 'depends on your CNI',
        egressStyle: 'dashed',
      };
    case 'unknown': {
      const why = `unknown (${ipam.reason})`;
      return {
        nodes: [pods([`addressing ${why}`]), remote],
        edges: [edge('pods', 'remotePods', 'not known', 'dashed'), edge('pods', 'privateNet', 'not known', 'dashed')],
        egressLabel: 'not known',
        egressStyle: 'dashed',
      };
    }
  }
}
