/**
 * The walkthroughs of one cluster (issue 14): ingress through the Azure load balancer, a pod
 * calling a Service, a pod reaching a pod on another node, and traffic leaving the cluster, each
 * with the example addresses of this cluster (example-addresses.ts) and only what
 * domain/packet-flow.md states as fact. No AKS-managed mode is drawn with a tunnel.
 */
import { toApiNames } from '../../analyze/form-names.js';
import type { AksCluster } from '../../aks/model.js';
import { dataPlaneOf, ipamModeOf, outboundTypeOf, policyOf, type Decided, type OutboundType, type PolicyEngine } from './effective-network.js';
import { exampleAddresses, showExample, type ExampleAddresses } from './example-addresses.js';
import type { DataPlaneKind, IpamMode } from './packet-flow-graph.js';
import type { Hop, Journey, Step, Walkthrough } from './walkthrough.js';

/** Microsoft Learn's overlay page, which says pod traffic is not encapsulated. */
export const OVERLAY_LEARN_URL = 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay';

/** An address from the documentation range (RFC 5737): plainly an example, never a real client. */
export const EXAMPLE_CLIENT = '203.0.113.10';

interface Context {
  cluster: AksCluster;
  title: string;
  ipam: Decided<IpamMode>;
  dataPlane: Decided<Exclude<DataPlaneKind, 'unknown'>>;
  policy: Decided<PolicyEngine>;
  outbound: Decided<OutboundType>;
  at: ExampleAddresses;
}

/** The walkthrough of one journey of a cluster; `title` is the cluster's title (graph.title). */
export function buildWalkthrough(cluster: AksCluster, journey: Journey, title: string): Walkthrough {
  const ipam = ipamModeOf(cluster);
  const dataPlane = dataPlaneOf(cluster);
  const context: Context = { cluster, title, ipam, dataPlane, policy: policyOf(cluster, dataPlane), outbound: outboundTypeOf(cluster), at: exampleAddresses(cluster, ipam) };
  const built = BUILDERS[journey](context);
  const walk: Walkthrough = { journey, clusterTitle: title, ipam: ipam.value, dataPlane: dataPlane.value, ...built, hops: [caption(context), ...built.hops] };
  return cluster.form === 'azapi' ? inApiNames(walk) : walk;
}

/** An azapi cluster's walkthrough names settings as its body does (`podCidr`, not `pod_cidr`). */
function inApiNames(walk: Walkthrough): Walkthrough {
  return { ...walk, hops: walk.hops.map((h) => ({ ...h, label: h.label.map(toApiNames) })), steps: walk.steps.map((s) => ({ ...s, what: toApiNames(s.what), packet: toApiNames(s.packet) })) };
}

const BUILDERS: Record<Journey, (c: Context) => Pick<Walkthrough, 'title' | 'hops' | 'steps'>> = {
  ingress,
  service,
  'pod-to-pod': podToPod,
  egress,
};

/** The caption every walkthrough carries: its addresses are examples computed from the configuration. */
function caption(c: Context): Hop {
  return { id: 'caption', kind: 'note', label: [c.title, 'Example addresses, computed from the configuration: where such addresses fall, not the ones Azure will assign'] };
}

/** An address on an arrow: the address, or `unknown` (its hop says why). */
const show = (example: ExampleAddresses[keyof ExampleAddresses]) => example.address ?? 'unknown';
/** An address in a hop's box: `e.g. 10.1.0.4`, or `address unknown (<reason>)`. */
const eg = (example: ExampleAddresses[keyof ExampleAddresses]) => (example.address ? `e.g. ${example.address}` : `address ${showExample(example)}`);
const step = (number: string, from: Hop['id'], to: Hop['id'], packet: string, what: string, style: Step['style'] = 'solid'): Step => ({ number, from, to, packet, what, style });

function nodeHop(c: Context, which: 'A' | 'B'): Hop {
  return { id: which === 'A' ? 'nodeA' : 'nodeB', kind: 'nodes', label: [`Node ${which}`, eg(which === 'A' ? c.at.nodeA : c.at.nodeB)] };
}

function podHop(c: Context, which: 'A' | 'B', role: string): Hop {
  return { id: which === 'A' ? 'podA' : 'podB', kind: 'pods', label: [`Pod on node ${which}`, role, eg(which === 'A' ? c.at.podA : c.at.podB)] };
}

/** What does Service translation on the node, as a hop. */
function dataPlaneHop(c: Context, where: string): Hop {
  const label =
    c.dataPlane.value === 'azure'
      ? ['kube-proxy (iptables)', where]
      : c.dataPlane.value === 'cilium'
        ? ['Cilium eBPF (no kube-proxy)', where]
        : ['Data plane', `unknown (${c.dataPlane.reason})`];
  return { id: 'dataPlane', kind: 'dataPlane', label };
}

/** How a packet crosses from node A to node B in this IPAM mode, in a few words. */
function crossNode(c: Context): string {
  switch (c.ipam.value) {
    case 'overlay':
      return 'Azure overlay routing, not encapsulated';
    case 'kubenet':
      return 'the node subnet route table: pod /24 → node B';
    case 'nodeSubnet':
    case 'podSubnet':
      return 'VNet routing: pod IPs are VNet IPs';
    case 'byo':
      return 'depends on your CNI';
    default:
      return `not known (${c.ipam.reason})`;
  }
}

function ingress(c: Context): Pick<Walkthrough, 'title' | 'hops' | 'steps'> {
  const client = EXAMPLE_CLIENT;
  const frontend = 'LB frontend IP';
  const known = c.dataPlane.value !== 'unknown';
  const hops: Hop[] = [
    { id: 'client', kind: 'client', label: ['External client', `e.g. ${client}`] },
    { id: 'lb', kind: 'loadBalancer', label: ['Azure Load Balancer', 'frontend IP of the Service, known after apply', 'backend pool: the node NICs'] },
    nodeHop(c, 'A'),
    dataPlaneHop(c, 'on node A'),
    podHop(c, 'A', 'a ready pod of the Service'),
    podHop(c, 'B', 'a ready pod of the Service'),
  ];
  const nodeA = show(c.at.nodeA);
  const style = known ? 'solid' : 'dashed';
  return {
    title: 'Ingress: external client → Azure Load Balancer → node → pod',
    hops,
    steps: [
      step('1', 'client', 'lb', `${client} → ${frontend}:port`, 'to a Service of type LoadBalancer'),
      // Whether the node receives the frontend IP (floating IP) or its NodePort is not in Microsoft's docs: say neither.
      step('2', 'lb', 'nodeA', `${client} → the Service on node A`, 'to a node of the backend pool that passes the health probe'),
      step('3', 'nodeA', 'dataPlane', `${client} → the Service on node A`, c.dataPlane.value === 'cilium' ? 'eBPF picks a ready pod (kube-proxy replacement)' : 'kube-proxy rules pick a ready pod', style),
      step('4a', 'dataPlane', 'podA', `${nodeA} → ${show(c.at.podA)}`, 'externalTrafficPolicy Cluster, pod on this node: DNAT, source SNAT to the node IP', style),
      step('4b', 'dataPlane', 'podB', `${nodeA} → ${show(c.at.podB)}`, `externalTrafficPolicy Cluster, pod on another node: an extra hop, ${crossNode(c)}`, 'dashed'),
      step('4c', 'dataPlane', 'podA', `${client} → ${show(c.at.podA)}`, 'externalTrafficPolicy Local: client IP kept, a node without a ready pod fails the probe and gets no traffic', 'dashed'),
    ],
  };
}

function service(c: Context): Pick<Walkthrough, 'title' | 'hops' | 'steps'> {
  const podA = show(c.at.podA);
  const podB = show(c.at.podB);
  const clusterIp = show(c.at.clusterIp);
  const where =
    c.dataPlane.value === 'cilium' ? 'socket-level load balancing: the destination is rewritten when the pod connects' : 'iptables DNAT in the node\'s netfilter';
  const hops: Hop[] = [
    podHop(c, 'A', 'the client pod'),
    { id: 'dns', kind: 'dataPlane', label: ['Cluster DNS (CoreDNS)', `Service IP ${eg(c.at.dnsIp)}`] },
    dataPlaneHop(c, where),
    podHop(c, 'B', 'a ready pod of the Service'),
  ];
  const translate: Step[] =
    c.dataPlane.value === 'cilium'
      ? [
          step('2', 'podA', 'dataPlane', `connect() to ${clusterIp}:port`, 'Cilium eBPF on the socket picks a ready pod before any packet leaves'),
          step('3', 'dataPlane', 'podB', `${podA} → ${podB}`, `the packet already carries the pod IP: ${crossNode(c)}`),
        ]
      : c.dataPlane.value === 'azure'
        ? [
            step('2', 'podA', 'dataPlane', `${podA} → ${clusterIp}:port`, 'the packet leaves the pod for the ClusterIP'),
            step('3', 'dataPlane', 'podB', `${podA} → ${podB}`, `kube-proxy's iptables rules DNAT it to a ready pod on node A, then ${crossNode(c)}`),
          ]
        : [
            step('2', 'podA', 'dataPlane', `${podA} → ${clusterIp}:port`, 'translated by the data plane, which is not known', 'dashed'),
            step('3', 'dataPlane', 'podB', `${podA} → ${podB}`, 'to a ready pod', 'dashed'),
          ];
  return {
    title: 'Service: pod → ClusterIP → pod',
    hops,
    steps: [step('1', 'podA', 'dns', `${podA} → ${show(c.at.dnsIp)}:53`, c.at.clusterIp.address ? `resolves the Service name to its ClusterIP, e.g. ${clusterIp}` : `resolves the Service name to its ClusterIP (${showExample(c.at.clusterIp)})`), ...translate],
  };
}

/** Where NetworkPolicy is enforced, as a hop. */
function policyHop(c: Context): Hop {
  const label: Record<PolicyEngine, string[]> = {
    none: ['No network policy engine', 'NetworkPolicy objects are not enforced'],
    azure: ['Azure NPM', 'iptables rules on each node: egress on node A, ingress on node B'],
    calico: ['Calico', 'rules on each node: egress on node A, ingress on node B'],
    cilium: ['Cilium network policy', 'eBPF at each pod, by identity: egress on node A, ingress on node B'],
  };
  return { id: 'policy', kind: 'policy', label: c.policy.value === 'unknown' ? ['Network policy', `unknown (${c.policy.reason})`] : label[c.policy.value] };
}

function podToPod(c: Context): Pick<Walkthrough, 'title' | 'hops' | 'steps'> {
  const packet = `${show(c.at.podA)} → ${show(c.at.podB)}`;
  const hops: Hop[] = [podHop(c, 'A', 'the client pod'), nodeHop(c, 'A')];
  const steps: Step[] = [step('1', 'podA', 'nodeA', packet, 'out of the pod to its node')];
  switch (c.ipam.value) {
    case 'overlay':
      hops.push({ id: 'fabric', kind: 'privateNetwork', label: ['Azure overlay routing domain', 'for the pod CIDR, no encapsulation, no route table'] });
      hops.push({ id: 'note', kind: 'note', label: ['AKS overlay does not encapsulate: no VXLAN or Geneve, pod IPs are routed by Azure', OVERLAY_LEARN_URL] });
      steps.push(step('2', 'nodeA', 'fabric', packet, 'routed as it is, not encapsulated, subnet NSGs see the pod IPs'));
      steps.push(step('3', 'fabric', 'nodeB', packet, 'to the node that owns the destination /24'));
      break;
    case 'kubenet':
      hops.push({ id: 'routes', kind: 'routeTable', label: ['Route table on the node subnet', `route: the /24 of node B → ${show(c.at.nodeB)}`] });
      steps.push(step('2', 'nodeA', 'routes', packet, 'through the Linux bridge and out of the node (IP forwarding)'));
      steps.push(step('3', 'routes', 'nodeB', packet, 'the route for the destination /24 points at node B'));
      break;
    case 'nodeSubnet':
    case 'podSubnet':
      hops.push({ id: 'fabric', kind: 'privateNetwork', label: ['Azure VNet', 'pod IPs are VNet IPs, no encapsulation'] });
      steps.push(step('2', 'nodeA', 'fabric', packet, 'VNet routing, pod IP kept'));
      steps.push(step('3', 'fabric', 'nodeB', packet, 'to the NIC that holds the pod IP'));
      break;
    case 'byo':
      hops.push({ id: 'fabric', kind: 'privateNetwork', label: ['Your CNI', 'it may tunnel'] });
      steps.push(step('2', 'nodeA', 'fabric', packet, 'depends on your CNI', 'dashed'));
      steps.push(step('3', 'fabric', 'nodeB', packet, 'depends on your CNI', 'dashed'));
      break;
    default:
      hops.push({ id: 'fabric', kind: 'privateNetwork', label: ['Network between nodes', `not known (${c.ipam.reason})`] });
      steps.push(step('2', 'nodeA', 'fabric', packet, 'not known', 'dashed'));
      steps.push(step('3', 'fabric', 'nodeB', packet, 'not known', 'dashed'));
  }
  hops.push(nodeHop(c, 'B'), policyHop(c), podHop(c, 'B', 'the destination pod'));
  steps.push(step('4', 'nodeB', 'podB', packet, 'into the destination pod'));
  if (c.policy.value !== 'none') steps.push(step('5', 'policy', 'podB', 'NetworkPolicy', 'allowed or dropped before the pod', 'dashed'));
  return { title: 'Pod → pod on another node', hops, steps };
}

/** The public source IP internet traffic leaves with, per outbound_type. */
function outboundHop(c: Context): { hop: Hop; source: string } {
  const hop = (label: string[]): Hop => ({ id: 'outbound', kind: 'egress', label });
  switch (c.outbound.value) {
    case 'loadBalancer':
      return { hop: hop(['Load balancer outbound rule', 'outbound_type "loadBalancer"']), source: 'LB outbound public IP' };
    case 'managedNATGateway':
      return { hop: hop(['NAT gateway managed by AKS', 'outbound_type "managedNATGateway"']), source: 'NAT gateway public IP' };
    case 'userAssignedNATGateway':
      return { hop: hop(['Your NAT gateway', 'outbound_type "userAssignedNATGateway"']), source: 'NAT gateway public IP' };
    case 'userDefinedRouting':
      return { hop: hop(['Firewall or virtual appliance', 'route 0.0.0.0/0 on the node subnet', 'outbound_type "userDefinedRouting"']), source: 'firewall public IP' };
    case 'none':
      return { hop: hop(['No outbound path', 'outbound_type "none"']), source: 'none' };
    default:
      return { hop: hop(['Egress', `outbound type unknown (${c.outbound.reason})`]), source: 'unknown public IP' };
  }
}

function egress(c: Context): Pick<Walkthrough, 'title' | 'hops' | 'steps'> {
  const podA = show(c.at.podA);
  const nodeA = show(c.at.nodeA);
  const out = outboundHop(c);
  const hops: Hop[] = [podHop(c, 'A', 'the client pod'), nodeHop(c, 'A'), out.hop, { id: 'internet', kind: 'internet', label: ['Internet'] }, { id: 'privateNet', kind: 'privateNetwork', label: ['VNet, peered VNets, on-premises'] }];
  // The source a packet carries once it leaves node A, per IPAM mode (packet-flow.md §0).
  const mode = c.ipam.value;
  const snatInternet = mode === 'podSubnet' ? podA : mode === 'unknown' || mode === 'byo' ? 'unknown' : nodeA;
  const internetWhat = mode === 'podSubnet' ? 'pod IP kept up to the outbound path' : mode === 'byo' ? 'source depends on your CNI' : mode === 'unknown' ? 'source not known: the IPAM mode is not known' : 'SNAT to the node IP';
  const steps: Step[] = [step('1', 'podA', 'nodeA', `${podA} → internet host`, 'out of the pod')];
  if (c.outbound.value === 'none') {
    steps.push(step('2', 'nodeA', 'outbound', `${snatInternet} → internet host`, 'AKS configures no outbound path: the packet does not reach the internet', 'dashed'));
  } else {
    const known = c.outbound.value !== 'unknown' && mode !== 'unknown' && mode !== 'byo';
    steps.push(step('2', 'nodeA', 'outbound', `${snatInternet} → internet host`, internetWhat, known ? 'solid' : 'dashed'));
    const what = c.outbound.value === 'unknown' ? 'the public source IP is not known' : `SNAT to the ${out.source}`;
    steps.push(step('3', 'outbound', 'internet', `${out.source} → internet host`, what, c.outbound.value === 'unknown' ? 'dashed' : 'solid'));
  }
  steps.push(...privateSteps(c, podA, nodeA));
  return { title: 'Egress: pod → internet, pod → VNet, peered VNets, on-premises', hops, steps };
}

/** Pod → private networks: whether the source stays the pod IP (packet-flow.md §0 table). */
function privateSteps(c: Context, podA: string, nodeA: string): Step[] {
  const to = (what: string, source: string, style: Step['style'] = 'solid') => step('4', 'nodeA', 'privateNet', `${source} → private host`, what, style);
  switch (c.ipam.value) {
    case 'overlay':
      return [to('anything outside the pod CIDR: SNAT to the node IP', nodeA)];
    case 'kubenet':
      return [to('SNAT to the node IP: pod IPs are not routable in the VNet', nodeA)];
    case 'nodeSubnet':
      return [
        step('4a', 'nodeA', 'privateNet', `${podA} → VNet host`, 'same VNet: pod IP kept'),
        step('4b', 'nodeA', 'privateNet', `${nodeA} → peered or on-premises host`, 'outside the cluster VNet: SNAT to the node IP'),
      ];
    case 'podSubnet':
      return [to('pod IP kept in the VNet, peered VNets and on-premises', podA)];
    case 'byo':
      return [to('depends on your CNI', 'unknown', 'dashed')];
    default:
      return [to(`not known (${c.ipam.reason})`, 'unknown', 'dashed')];
  }
}
