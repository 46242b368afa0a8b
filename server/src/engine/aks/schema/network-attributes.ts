/**
 * The data of the network schema (network-schema.ts has the lookups): the network attributes of
 * `azurerm_kubernetes_cluster` and `azurerm_kubernetes_cluster_node_pool`, nested as the blocks
 * are, written from ../shared/domain/network-profile.md §2–§6 (provider source at v3.117.1,
 * v4.81.0 and v5.2.0), each with the releases it exists in, its defaults, what a change does and
 * its field in the AKS API body.
 */
import type { ProviderMajor } from '../../terraform/provider-version.js';
import type { Version, VersionSpan } from './versions.js';

/** A block that holds network attributes. */
export type SchemaBlock =
  | 'network_profile'
  | 'load_balancer_profile'
  | 'nat_gateway_profile'
  | 'advanced_networking'
  | 'default_node_pool'
  | 'node_pool'
  | 'bootstrap_profile'
  | 'identity'
  | 'upgrade_settings';

/** A change of value azurerm applies in place from a release on (before it, it replaces the cluster). */
export interface InPlaceChange {
  /** The old value; absent: from any value (or from unset). */
  from?: string;
  to: string;
  since: Version;
}

/** What AKS uses when an attribute is omitted: one value, or one per IPAM mode (max_pods). */
export type AksDefault = string | number | Readonly<Partial<Record<'kubenet' | 'nodeSubnet' | 'podSubnet' | 'overlay', number>>>;

/** An allowed value that exists only in some releases. */
export interface AllowedValue extends VersionSpan {
  value: string;
}

/** One attribute as written in the data below. */
export interface AttributeSpec extends VersionSpan {
  name: string;
  type: 'string' | 'number' | 'bool' | 'list(string)';
  /** Its field in the AKS API body, below the block's `api` path. */
  api: string;
  /** Allowed values, exact case; absent for free-form values. */
  allowed?: readonly (string | AllowedValue)[];
  /** The provider schema default, sent when the attribute is omitted. */
  schemaDefault?: string | number | boolean;
  /** What AKS chooses when the attribute is omitted (Computed), in words. */
  apiDefault?: string;
  /** The same as a value the engine computes with: one value, or one per IPAM mode. */
  aksDefault?: AksDefault;
  /** Whether a change replaces the cluster (or pool), in words. */
  onChange: string;
  inPlace?: readonly InPlaceChange[];
  /** Deprecated: what to use instead, and from which release. */
  deprecated?: { replacement?: string; note: string; since?: Version };
  /** Provider behaviours that hold only in some releases, by name. */
  facts?: Readonly<Record<string, VersionSpan>>;
  description: string;
  learnUrl?: string;
  /** What differs in one major. */
  inMajor?: Partial<Record<ProviderMajor, Partial<Omit<AttributeSpec, 'name' | 'inMajor'>>>>;
}

/** One block as written in the data below. */
export interface BlockSpec extends VersionSpan {
  name: SchemaBlock;
  /** The block's path in the AKS API body. */
  api: string;
  facts?: Readonly<Record<string, VersionSpan>>;
  attributes: readonly AttributeSpec[];
  blocks: readonly BlockSpec[];
}

const LEARN = 'https://learn.microsoft.com/azure/aks/';

// ---------------------------------------------------------------------------------------------
// network_profile

const NETWORK_PROFILE_ATTRIBUTES: AttributeSpec[] = [
  {
    name: 'network_plugin',
    api: 'networkPlugin',
    type: 'string',
    allowed: ['azure', 'kubenet', 'none'],
    onChange: 'replaces the cluster, except kubenet → azure with overlay (in place from azurerm 4.66)',
    inPlace: [{ from: 'kubenet', to: 'azure', since: '4.66' }],
    description: 'The CNI plugin: `azure` (Azure CNI: node subnet, pod subnet or overlay), `kubenet` (legacy, retiring 2028-03-31) or `none` (bring your own CNI). Required inside network_profile.',
    learnUrl: `${LEARN}concepts-network-cni-overview`,
  },
  {
    name: 'network_plugin_mode',
    api: 'networkPluginMode',
    type: 'string',
    allowed: [{ value: 'overlay' }, { value: 'Overlay', until: '4.0' }],
    onChange: 'adding overlay is in place; removing it replaces the cluster',
    // Moving an existing cluster to overlay (from kubenet or node subnet) is in place from 4.66.
    inPlace: [{ to: 'overlay', since: '4.66' }],
    // 3.x compared the mode case-insensitively ("Overlay" was accepted); 4.0 made it exact.
    facts: { 'case-sensitive': { since: '4.0' } },
    description: 'Set to `overlay` for Azure CNI Overlay: pods get addresses from pod_cidr (a /24 per node) instead of the VNet; traffic is routed, not encapsulated.',
    learnUrl: `${LEARN}concepts-network-azure-cni-overlay`,
  },
  {
    name: 'network_data_plane',
    api: 'networkDataplane',
    type: 'string',
    since: '3.108',
    allowed: ['azure', 'cilium'],
    schemaDefault: 'azure',
    onChange: 'azure → cilium is in place from azurerm 4.58 (nodes are reimaged); any other change replaces the cluster',
    inPlace: [{ from: 'azure', to: 'cilium', since: '4.58' }],
    description: 'The data plane: `azure` (kube-proxy with iptables) or `cilium` (Azure CNI Powered by Cilium: eBPF, no kube-proxy). Cilium works with overlay, pod subnet and node subnet, and needs network_policy "cilium" (or unset).',
    learnUrl: `${LEARN}azure-cni-powered-by-cilium`,
    // 3.x has no schema default: the value is Computed, AKS chooses.
    inMajor: { 3: { schemaDefault: undefined, apiDefault: 'azure' } },
  },
  {
    name: 'network_policy',
    api: 'networkPolicy',
    type: 'string',
    allowed: ['calico', 'azure', 'cilium'],
    apiDefault: 'no network policy engine',
    onChange: 'setting it when unset is in place; azure → cilium (4.58+) and calico → cilium (4.59+) are in place; any other change replaces the cluster',
    inPlace: [
      { from: 'azure', to: 'cilium', since: '4.58' },
      { from: 'calico', to: 'cilium', since: '4.59' },
    ],
    description: 'The network policy engine: `azure` (Azure NPM, retiring), `calico`, or `cilium` (needs network_data_plane = "cilium"). `none` is not accepted by the provider.',
    learnUrl: `${LEARN}use-network-policies`,
  },
  {
    name: 'network_mode',
    api: 'networkMode',
    type: 'string',
    allowed: ['bridge', 'transparent'],
    apiDefault: 'chosen by AKS',
    onChange: 'replaces the cluster',
    description: 'Azure CNI network mode; only valid with network_plugin = "azure". `bridge` is for existing clusters only.',
  },
  {
    name: 'dns_service_ip',
    api: 'dnsServiceIP',
    type: 'string',
    apiDefault: '10.0.0.10',
    aksDefault: '10.0.0.10',
    onChange: 'replaces the cluster',
    description: 'The cluster DNS (kube-dns) service IP: inside service_cidr, not its first address. Set together with service_cidr.',
    learnUrl: `${LEARN}concepts-network-ip-address-planning`,
  },
  {
    name: 'pod_cidr',
    api: 'podCidr',
    type: 'string',
    apiDefault: '10.244.0.0/16 (kubenet and overlay)',
    aksDefault: '10.244.0.0/16',
    onChange: 'replaces the cluster when it changes from a non-empty value (4.66+ allows setting it when migrating to overlay)',
    description: 'The pod address range for kubenet and Azure CNI Overlay: one /24 per node. Not valid with Azure CNI node subnet or pod subnet.',
    learnUrl: `${LEARN}concepts-network-azure-cni-overlay`,
  },
  {
    name: 'pod_cidrs',
    api: 'podCidrs',
    type: 'list(string)',
    apiDefault: 'chosen by AKS',
    onChange: 'as pod_cidr',
    description: 'Pod ranges for dual-stack clusters, one per IP family, in the order of ip_versions.',
    learnUrl: `${LEARN}configure-dual-stack`,
  },
  {
    name: 'service_cidr',
    api: 'serviceCidr',
    type: 'string',
    apiDefault: '10.0.0.0/16',
    aksDefault: '10.0.0.0/16',
    onChange: 'replaces the cluster',
    description: 'The Kubernetes service (ClusterIP) range: must not overlap any subnet of the cluster VNet, smaller than /12. Set together with dns_service_ip.',
    learnUrl: `${LEARN}concepts-network-ip-address-planning`,
  },
  {
    name: 'service_cidrs',
    api: 'serviceCidrs',
    type: 'list(string)',
    apiDefault: 'chosen by AKS',
    onChange: 'replaces the cluster',
    description: 'Service ranges for dual-stack clusters, one per IP family, in the order of ip_versions.',
    learnUrl: `${LEARN}configure-dual-stack`,
  },
  {
    name: 'load_balancer_sku',
    api: 'loadBalancerSku',
    type: 'string',
    allowed: ['basic', 'standard'],
    schemaDefault: 'standard',
    onChange: 'replaces the cluster',
    description: 'The SKU of the cluster load balancer. Basic was retired on 2025-09-30; AKS no longer creates clusters with it.',
    learnUrl: `${LEARN}upgrade-basic-load-balancer-on-aks`,
  },
  {
    name: 'ip_versions',
    api: 'ipFamilies',
    type: 'list(string)',
    allowed: ['IPv4', 'IPv6'],
    apiDefault: '["IPv4"]',
    onChange: 'replaces the cluster',
    description: 'IP families of the cluster: ["IPv4"] or, for dual-stack (Azure CNI Overlay only), ["IPv4", "IPv6"].',
    learnUrl: `${LEARN}configure-dual-stack`,
  },
  {
    name: 'outbound_type',
    api: 'outboundType',
    type: 'string',
    allowed: ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', { value: 'none', since: '4.44' }],
    schemaDefault: 'loadBalancer',
    onChange: 'in place (the egress IPs change)',
    description: 'How nodes reach the internet: through the load balancer (SNAT), a managed or user-assigned NAT gateway, user-defined routing (a firewall), or `none` (network-isolated clusters).',
    learnUrl: `${LEARN}egress-outboundtype`,
  },
  {
    name: 'ebpf_data_plane',
    api: 'networkDataplane',
    type: 'string',
    until: '4.0',
    allowed: ['cilium'],
    onChange: 'replaces the cluster',
    deprecated: { replacement: 'network_data_plane', note: 'deprecated since azurerm 3.108.0 and removed in 4.0', since: '3.108' },
    description: 'The 3.x name of network_data_plane.',
  },
  {
    name: 'docker_bridge_cidr',
    api: 'dockerBridgeCidr',
    type: 'string',
    until: '4.0',
    onChange: 'replaces the cluster',
    deprecated: { note: 'the AKS API no longer uses it; removed in azurerm 4.0' },
    description: 'The Docker bridge range, ignored by AKS since the move to containerd.',
  },
];

const LOAD_BALANCER_PROFILE: BlockSpec = {
  name: 'load_balancer_profile',
  api: 'loadBalancerProfile',
  blocks: [],
  attributes: [
    {
      name: 'managed_outbound_ip_count',
      api: 'managedOutboundIPs.count',
      type: 'number',
      apiDefault: '1 managed public IP',
      onChange: 'in place',
      description: 'Public IPs AKS creates for outbound SNAT through the load balancer, 1 to 100. Excludes outbound_ip_address_ids and outbound_ip_prefix_ids.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'managed_outbound_ipv6_count',
      api: 'managedOutboundIPs.countIPv6',
      type: 'number',
      onChange: 'in place',
      description: 'Managed public IPv6 addresses for outbound traffic, 1 to 100: dual-stack clusters only.',
      learnUrl: `${LEARN}configure-dual-stack`,
    },
    {
      name: 'outbound_ip_address_ids',
      api: 'outboundIPs.publicIPs',
      type: 'list(string)',
      onChange: 'in place (an empty list reverts to one managed IP)',
      description: 'Your own public IPs for outbound SNAT, instead of managed ones.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'outbound_ip_prefix_ids',
      api: 'outboundIPPrefixes.publicIPPrefixes',
      type: 'list(string)',
      onChange: 'in place',
      description: 'Your own public IP prefixes for outbound SNAT, instead of managed IPs.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'outbound_ports_allocated',
      api: 'allocatedOutboundPorts',
      type: 'number',
      schemaDefault: 0,
      onChange: 'in place',
      description: 'SNAT ports per node, 0 to 64000; 0 lets Azure allocate them by pool size.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'idle_timeout_in_minutes',
      api: 'idleTimeoutInMinutes',
      type: 'number',
      schemaDefault: 30,
      onChange: 'in place',
      description: 'Idle timeout of outbound flows through the load balancer, 4 to 100 minutes.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'backend_pool_type',
      api: 'backendPoolType',
      type: 'string',
      since: '4.8',
      allowed: ['NodeIPConfiguration', 'NodeIP'],
      schemaDefault: 'NodeIPConfiguration',
      onChange: 'in place',
      description: 'How nodes join the load balancer backend pool; Private Link Service does not work with `NodeIP`. From azurerm 4.8.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
  ],
};

const NAT_GATEWAY_PROFILE: BlockSpec = {
  name: 'nat_gateway_profile',
  api: 'natGatewayProfile',
  blocks: [],
  attributes: [
    {
      name: 'managed_outbound_ip_count',
      api: 'managedOutboundIPProfile.count',
      type: 'number',
      onChange: 'in place',
      description: 'Managed public IPs of the NAT gateway: Azure NAT gateway takes at most 16 (the provider accepts up to 100).',
      learnUrl: `${LEARN}nat-gateway`,
    },
    {
      name: 'idle_timeout_in_minutes',
      api: 'idleTimeoutInMinutes',
      type: 'number',
      schemaDefault: 4,
      onChange: 'in place',
      description: 'Idle timeout of outbound flows through the managed NAT gateway, 4 to 120 minutes.',
      learnUrl: `${LEARN}nat-gateway`,
    },
  ],
};

const ADVANCED_NETWORKING: BlockSpec = {
  name: 'advanced_networking',
  api: 'advancedNetworking',
  since: '4.45',
  // 4.45–4.66 refused any advanced_networking block without the Cilium data plane on Azure CNI.
  facts: { 'needs-cilium-data-plane': { since: '4.45', until: '4.67' } },
  blocks: [],
  attributes: [
    {
      name: 'security_enabled',
      api: 'security.enabled',
      type: 'bool',
      since: '4.45',
      schemaDefault: false,
      onChange: 'in place',
      facts: { 'needs-cilium-data-plane': { since: '4.45' } },
      description: 'ACNS Container Network Security (FQDN and L7 policies): needs the Cilium data plane.',
      learnUrl: `${LEARN}advanced-container-networking-services-overview`,
    },
    {
      name: 'observability_enabled',
      api: 'observability.enabled',
      type: 'bool',
      since: '4.45',
      schemaDefault: false,
      onChange: 'in place',
      description: 'ACNS Container Network Observability: works with any data plane from azurerm 4.67.',
      learnUrl: `${LEARN}advanced-container-networking-services-overview`,
    },
  ],
};

const NETWORK_PROFILE: BlockSpec = {
  name: 'network_profile',
  api: 'properties.networkProfile',
  attributes: NETWORK_PROFILE_ATTRIBUTES,
  blocks: [LOAD_BALANCER_PROFILE, NAT_GATEWAY_PROFILE, ADVANCED_NETWORKING],
};

// ---------------------------------------------------------------------------------------------
// Node pools: the default pool of a cluster and node pool resources share these.

const UPGRADE_SETTINGS: BlockSpec = {
  name: 'upgrade_settings',
  api: 'upgradeSettings',
  blocks: [],
  attributes: [
    {
      name: 'max_surge',
      api: 'maxSurge',
      type: 'string',
      apiDefault: '1 node',
      aksDefault: 1,
      onChange: 'in place',
      description: 'Extra nodes a pool adds during an upgrade: a count ("3") or a percentage of the pool ("33%", rounded up). They need node subnet addresses (and, with overlay or kubenet, a /24 of pod_cidr each) on top of the pool.',
      learnUrl: `${LEARN}upgrade-aks-node-pools-rolling`,
    },
  ],
};

function poolAttributes(block: 'default_node_pool' | 'node_pool'): AttributeSpec[] {
  const onChange = block === 'default_node_pool' ? 'cycles the default pool through temporary_name_for_rotation' : 'cycles the node pool through temporary_name_for_rotation (4.16+)';
  const inMajor = block === 'node_pool' ? { 3: { onChange: 'replaces the node pool' } } : undefined;
  return [
    {
      name: 'vnet_subnet_id',
      api: 'vnetSubnetID',
      type: 'string',
      apiDefault: 'a VNet managed by AKS',
      onChange,
      inMajor,
      description: 'The subnet the nodes (and, with Azure CNI node subnet, the pods) take their addresses from.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    {
      name: 'pod_subnet_id',
      api: 'podSubnetID',
      type: 'string',
      onChange,
      inMajor,
      description: 'Azure CNI pod subnet (dynamic IP allocation): pods take addresses from this subnet. Not with overlay; all pools or none.',
      learnUrl: `${LEARN}configure-azure-cni-dynamic-ip-allocation`,
    },
    {
      name: 'max_pods',
      api: 'maxPods',
      type: 'number',
      apiDefault: '250 (overlay), 30 (node subnet), 110 (kubenet)',
      aksDefault: { overlay: 250, nodeSubnet: 30, kubenet: 110 },
      onChange,
      inMajor,
      description: 'Maximum pods per node, 10 to 250, enforced by AKS.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    {
      name: 'enable_node_public_ip',
      api: 'enableNodePublicIP',
      type: 'bool',
      until: '4.0',
      schemaDefault: false,
      onChange,
      inMajor,
      deprecated: { replacement: 'node_public_ip_enabled', note: 'renamed to node_public_ip_enabled in azurerm 4.0' },
      description: 'Give each node a public IP.',
    },
    {
      name: 'node_public_ip_enabled',
      api: 'enableNodePublicIP',
      type: 'bool',
      since: '4.0',
      schemaDefault: false,
      onChange,
      description: 'Give each node a public IP.',
    },
    // Node counts are not network settings, but they size the subnets and the pod CIDR.
    {
      name: 'node_count',
      api: 'count',
      type: 'number',
      apiDefault: 'min_count when autoscaling',
      onChange: 'in place (ignored while autoscaling)',
      description: 'Nodes in the pool. aks-netlint counts it (or max_count when autoscaling) when it sizes node subnets, pod subnets and the overlay pod CIDR.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    {
      name: 'min_count',
      api: 'minCount',
      type: 'number',
      onChange: 'in place',
      description: 'Fewest nodes the cluster autoscaler keeps.',
    },
    {
      name: 'max_count',
      api: 'maxCount',
      type: 'number',
      onChange: 'in place',
      description: 'Most nodes the cluster autoscaler adds. With autoscaling, address planning must fit max_count nodes (plus surge during upgrades): AKS checks it at create.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    {
      name: 'enable_auto_scaling',
      api: 'enableAutoScaling',
      type: 'bool',
      until: '4.0',
      apiDefault: 'autoscaling off',
      onChange: 'in place',
      description: 'Let the cluster autoscaler size the pool between min_count and max_count.',
    },
    {
      name: 'auto_scaling_enabled',
      api: 'enableAutoScaling',
      type: 'bool',
      since: '4.0',
      apiDefault: 'autoscaling off',
      onChange: 'in place',
      description: 'Let the cluster autoscaler size the pool between min_count and max_count.',
    },
  ];
}

const DEFAULT_NODE_POOL: BlockSpec = {
  name: 'default_node_pool',
  api: 'properties.agentPoolProfiles[0]',
  attributes: poolAttributes('default_node_pool'),
  blocks: [UPGRADE_SETTINGS],
};

/** The body of an `azurerm_kubernetes_cluster_node_pool` (an agentPools resource in the AKS API). */
export const NODE_POOL: BlockSpec = {
  name: 'node_pool',
  api: 'properties',
  attributes: [
    ...poolAttributes('node_pool'),
    {
      name: 'os_type',
      api: 'osType',
      type: 'string',
      allowed: ['Linux', 'Windows'],
      schemaDefault: 'Linux',
      onChange: 'replaces the node pool',
      description: 'The node OS. Windows pools need Azure CNI and cannot run with the Cilium data plane.',
    },
    {
      name: 'priority',
      api: 'scaleSetPriority',
      type: 'string',
      allowed: ['Regular', 'Spot'],
      schemaDefault: 'Regular',
      onChange: 'replaces the node pool',
      description: 'Regular or Spot VMs. Spot pools are upgraded without surge nodes: AKS rejects max_surge on them ("Spot pools can\'t set max surge").',
    },
  ],
  blocks: [UPGRADE_SETTINGS],
};

const BOOTSTRAP_PROFILE: BlockSpec = {
  name: 'bootstrap_profile',
  api: 'properties.bootstrapProfile',
  blocks: [],
  attributes: [
    {
      name: 'artifact_source',
      api: 'artifactSource',
      type: 'string',
      allowed: ['Cache', 'Direct'],
      onChange: 'in place',
      description: 'Where nodes pull bootstrap artifacts from; `Cache` is required with outbound_type "none".',
    },
  ],
};

// identity { type } is read for kubenet-byo-subnet-system-identity; it is not a network attribute.
const IDENTITY: BlockSpec = { name: 'identity', api: 'identity', blocks: [], attributes: [] };

/** The blocks of `azurerm_kubernetes_cluster` that hold network settings, by nesting. */
export const CLUSTER_BLOCKS: readonly BlockSpec[] = [NETWORK_PROFILE, DEFAULT_NODE_POOL, BOOTSTRAP_PROFILE, IDENTITY];
