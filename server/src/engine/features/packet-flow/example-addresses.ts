/**
 * Example addresses for the walkthroughs, computed from the cluster's configuration: two nodes
 * from the node subnet's first usable hosts (Azure keeps the first four of every subnet), a pod on
 * each from the per-node /24 blocks of the pod range (overlay, kubenet), from the pod subnet (in
 * batches of 16 per node) or from the node subnet (Azure CNI node subnet), a ClusterIP from the
 * service range and the DNS service IP. They are examples of where such addresses fall, labelled
 * so; a range the configuration does not give yields an unknown with its reason, never a guess.
 */
import type { AksCluster } from '../../aks/model.js';
import { isKnown, knownList, knownString } from '../../aks/model.js';
import { podRangesOf, serviceRangesOf } from '../../aks/network-facts.js';
import { aksDefault } from '../../aks/schema/network-schema.js';
import { cidrhost, cidrsubnet, formatIp, parseCidr, type Cidr } from '../../cidr/cidr-math.js';
import { describeSubnet } from './describe-subnets.js';
import { reasonOf, type Decided } from './effective-network.js';
import type { IpamMode } from './packet-flow-graph.js';

/** An example address, or why the configuration does not give one. */
export type Example = { address: string; unknown?: undefined } | { unknown: string; address?: undefined };

export interface ExampleAddresses {
  nodeA: Example;
  nodeB: Example;
  /** A pod on node A and one on node B. */
  podA: Example;
  podB: Example;
  clusterIp: Example;
  dnsIp: Example;
}

/** Azure reserves the first four addresses of every subnet (network, gateway, two for DNS). */
export const AZURE_RESERVED = 4;
/** Azure CNI pod subnet hands pod IPs to a node in batches of 16 (dynamic allocation). */
export const POD_SUBNET_BATCH = 16;
/** The host an example pod takes in its node's /24 (the first addresses go to the bridge or gateway). */
export const POD_HOST = 4;
/** The host the example ClusterIP takes in the service range (the first is the `kubernetes` Service). */
export const CLUSTER_IP_HOST = 100;

const unknown = (reason: string): Example => ({ unknown: reason });

/** An example as shown: the address, or `unknown (<reason>)`. */
export function showExample(example: Example): string {
  return example.address ?? `unknown (${example.unknown})`;
}

/** The first IPv4 prefix of a Known list of prefixes, or why there is none. */
function firstIpv4(texts: readonly string[], what: string): Cidr | string {
  for (const text of texts) {
    const cidr = parseCidr(text);
    if (cidr?.version === 4) return cidr;
  }
  return `${what} has no IPv4 prefix`;
}

/** Host `n` of a block, or why the block is too small for it. */
function host(block: Cidr | string, n: number, why: string): Example {
  if (typeof block === 'string') return unknown(block);
  try {
    return { address: formatIp(cidrhost(block, n)) };
  } catch {
    return unknown(why);
  }
}

/** The node subnet's first IPv4 prefix, or why it is not known. */
function nodeSubnetPrefix(cluster: AksCluster): Cidr | string {
  const pool = cluster.defaultPool;
  if (pool.vnetSubnetId.state === 'absent') return 'the VNet is managed by AKS: its addresses are not in the configuration';
  const view = describeSubnet(pool.vnetSubnetId, pool.vnetSubnet);
  if (!view.subnet) return view.prefixes?.replace(/^unknown \((.*)\)$/, '$1') ?? view.name.replace(/^subnet unknown \((.*)\)$/, '$1');
  const prefixes = view.subnet.addressPrefixes;
  if (!isKnown(prefixes)) return prefixes.reason;
  const texts = (knownList(prefixes) ?? []).map(knownString);
  if (texts.some((t) => t === undefined)) return `the prefixes of ${view.subnet.address} are not known`;
  return firstIpv4(texts as string[], view.subnet.address);
}

/** The pod subnet's first IPv4 prefix, or why it is not known. */
function podSubnetPrefix(cluster: AksCluster): Cidr | string {
  const pool = cluster.defaultPool;
  const view = describeSubnet(pool.podSubnetId, pool.podSubnet);
  if (!view.subnet) return view.prefixes?.replace(/^unknown \((.*)\)$/, '$1') ?? 'the pod subnet is not known';
  const prefixes = view.subnet.addressPrefixes;
  if (!isKnown(prefixes)) return prefixes.reason;
  const texts = (knownList(prefixes) ?? []).map(knownString);
  if (texts.some((t) => t === undefined)) return `the prefixes of ${view.subnet.address} are not known`;
  return firstIpv4(texts as string[], view.subnet.address);
}

/** A pod on the `node`-th node (0 or 1) of a pod-CIDR mode: host POD_HOST of that node's /24. */
function podInBlock(cluster: AksCluster, node: number): Example {
  const ranges = podRangesOf(cluster);
  if (!ranges) {
    const { podCidr, podCidrs } = cluster.network;
    return unknown(reasonOf(podCidr.state !== 'absent' ? podCidr : podCidrs));
  }
  const range = firstIpv4(ranges.map((r) => r.text), ranges[0]?.setting.name ?? 'pod_cidr');
  if (typeof range === 'string') return unknown(range);
  if (range.prefix > 24) return unknown(`${ranges[0]?.setting.name ?? 'pod_cidr'} is smaller than the /24 each node takes`);
  try {
    return host(cidrsubnet(range, 24 - range.prefix, node), POD_HOST, 'no such host');
  } catch {
    return unknown(`${ranges[0]?.setting.name ?? 'pod_cidr'} has fewer than two /24 blocks`);
  }
}

/** The example addresses of a cluster whose IPAM mode is decided (or not). */
export function exampleAddresses(cluster: AksCluster, ipam: Decided<IpamMode>): ExampleAddresses {
  const nodeSubnet = nodeSubnetPrefix(cluster);
  const small = 'the node subnet is too small for the example';
  const nodeA = host(nodeSubnet, AZURE_RESERVED, small);
  const nodeB = host(nodeSubnet, AZURE_RESERVED + 1, small);
  let podA: Example;
  let podB: Example;
  switch (ipam.value) {
    case 'overlay':
    case 'kubenet':
      podA = podInBlock(cluster, 0);
      podB = podInBlock(cluster, 1);
      break;
    case 'podSubnet': {
      const pods = podSubnetPrefix(cluster);
      podA = host(pods, AZURE_RESERVED, 'the pod subnet is too small for the example');
      podB = host(pods, AZURE_RESERVED + POD_SUBNET_BATCH, 'the pod subnet is too small for the example');
      break;
    }
    case 'nodeSubnet':
      // Pod IPs are secondary IPs of the node NICs, from the same subnet.
      podA = host(nodeSubnet, AZURE_RESERVED + 2, small);
      podB = host(nodeSubnet, AZURE_RESERVED + 3, small);
      break;
    case 'byo':
      podA = podB = unknown('the CNI you install assigns pod IPs');
      break;
    default:
      podA = podB = unknown(ipam.reason ?? 'the IPAM mode is not known');
  }
  const service = serviceRangesOf(cluster);
  const serviceRange = service.length === 0 ? 'service_cidr is not known' : firstIpv4(service.map((s) => s.text), service[0]!.name);
  const clusterIp = host(serviceRange, CLUSTER_IP_HOST, 'service_cidr is too small for the example');
  return { nodeA, nodeB, podA, podB, clusterIp, dnsIp: dnsIpOf(cluster, service.some((s) => s.implicit)) };
}

/** dns_service_ip, or AKS's default when the service range is AKS's default too. */
function dnsIpOf(cluster: AksCluster, defaultServiceRange: boolean): Example {
  const { dnsServiceIp } = cluster.network;
  const written = knownString(dnsServiceIp.value);
  if (written !== undefined) return { address: written };
  if (dnsServiceIp.state === 'absent' && isKnown(dnsServiceIp.value) && defaultServiceRange && cluster.network.state !== 'unknown') {
    // Only together with the default service range: AKS pairs its default DNS IP with it.
    return { address: String(aksDefault('network_profile', 'dns_service_ip')) };
  }
  return unknown(reasonOf(dnsServiceIp));
}
