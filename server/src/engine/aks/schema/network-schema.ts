/**
 * The network attributes of `azurerm_kubernetes_cluster` and `azurerm_kubernetes_cluster_node_pool`
 * per provider major, as data (written from ../shared/domain/network-profile.md §2–§4, which cites
 * the provider source at v3.117.1, v4.81.0 and v5.2.0). Rules, hover and completion read names,
 * allowed values (exact case: the provider's enum checks are case-sensitive) and defaults here.
 */
import type { ProviderMajor } from '../../terraform/provider-version.js';

/** Where an attribute lives. */
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

export interface AttributeSchema {
  name: string;
  block: SchemaBlock;
  type: 'string' | 'number' | 'bool' | 'list(string)';
  /** Allowed values, exact case; absent for free-form values. */
  allowed?: readonly string[];
  /** The provider schema default, sent when the attribute is omitted. */
  schemaDefault?: string | number | boolean;
  /** What AKS chooses when the attribute is omitted (Computed), in words. */
  apiDefault?: string;
  /** Whether a change replaces the cluster (or pool), in words. */
  onChange: string;
  /** Present in this major but deprecated: what to use instead. */
  deprecated?: { replacement?: string; note: string };
  description: string;
  learnUrl?: string;
}

const LEARN = 'https://learn.microsoft.com/azure/aks/';

const NETWORK_PLUGIN: AttributeSchema = {
  name: 'network_plugin',
  block: 'network_profile',
  type: 'string',
  allowed: ['azure', 'kubenet', 'none'],
  onChange: 'replaces the cluster, except kubenet → azure with overlay (in place from azurerm 4.66)',
  description: 'The CNI plugin: `azure` (Azure CNI: node subnet, pod subnet or overlay), `kubenet` (legacy, retiring 2028-03-31) or `none` (bring your own CNI). Required inside network_profile.',
  learnUrl: `${LEARN}concepts-network-cni-overview`,
};

const NETWORK_POLICY: AttributeSchema = {
  name: 'network_policy',
  block: 'network_profile',
  type: 'string',
  allowed: ['calico', 'azure', 'cilium'],
  apiDefault: 'no network policy engine',
  onChange: 'setting it when unset is in place; azure → cilium (4.58+) and calico → cilium (4.59+) are in place; any other change replaces the cluster',
  description: 'The network policy engine: `azure` (Azure NPM, retiring), `calico`, or `cilium` (needs network_data_plane = "cilium"). `none` is not accepted by the provider.',
  learnUrl: `${LEARN}use-network-policies`,
};

const NETWORK_MODE: AttributeSchema = {
  name: 'network_mode',
  block: 'network_profile',
  type: 'string',
  allowed: ['bridge', 'transparent'],
  apiDefault: 'chosen by AKS',
  onChange: 'replaces the cluster',
  description: 'Azure CNI network mode; only valid with network_plugin = "azure". `bridge` is for existing clusters only.',
};

const DNS_SERVICE_IP: AttributeSchema = {
  name: 'dns_service_ip',
  block: 'network_profile',
  type: 'string',
  apiDefault: '10.0.0.10',
  onChange: 'replaces the cluster',
  description: 'The cluster DNS (kube-dns) service IP: inside service_cidr, not its first address. Set together with service_cidr.',
  learnUrl: `${LEARN}concepts-network-ip-address-planning`,
};

const POD_CIDR: AttributeSchema = {
  name: 'pod_cidr',
  block: 'network_profile',
  type: 'string',
  apiDefault: '10.244.0.0/16 (kubenet and overlay)',
  onChange: 'replaces the cluster when it changes from a non-empty value (4.66+ allows setting it when migrating to overlay)',
  description: 'The pod address range for kubenet and Azure CNI Overlay: one /24 per node. Not valid with Azure CNI node subnet or pod subnet.',
  learnUrl: `${LEARN}concepts-network-azure-cni-overlay`,
};

const POD_CIDRS: AttributeSchema = {
  name: 'pod_cidrs',
  block: 'network_profile',
  type: 'list(string)',
  apiDefault: 'chosen by AKS',
  onChange: 'as pod_cidr',
  description: 'Pod ranges for dual-stack clusters, one per IP family, in the order of ip_versions.',
  learnUrl: `${LEARN}configure-dual-stack`,
};

const SERVICE_CIDR: AttributeSchema = {
  name: 'service_cidr',
  block: 'network_profile',
  type: 'string',
  apiDefault: '10.0.0.0/16',
  onChange: 'replaces the cluster',
  description: 'The Kubernetes service (ClusterIP) range: must not overlap any subnet of the cluster VNet, smaller than /12. Set together with dns_service_ip.',
  learnUrl: `${LEARN}concepts-network-ip-address-planning`,
};

const SERVICE_CIDRS: AttributeSchema = {
  name: 'service_cidrs',
  block: 'network_profile',
  type: 'list(string)',
  apiDefault: 'chosen by AKS',
  onChange: 'replaces the cluster',
  description: 'Service ranges for dual-stack clusters, one per IP family, in the order of ip_versions.',
  learnUrl: `${LEARN}configure-dual-stack`,
};

const LOAD_BALANCER_SKU: AttributeSchema = {
  name: 'load_balancer_sku',
  block: 'network_profile',
  type: 'string',
  allowed: ['basic', 'standard'],
  schemaDefault: 'standard',
  onChange: 'replaces the cluster',
  description: 'The SKU of the cluster load balancer. Basic was retired on 2025-09-30; AKS no longer creates clusters with it.',
  learnUrl: `${LEARN}upgrade-basic-load-balancer-on-aks`,
};

const IP_VERSIONS: AttributeSchema = {
  name: 'ip_versions',
  block: 'network_profile',
  type: 'list(string)',
  allowed: ['IPv4', 'IPv6'],
  apiDefault: '["IPv4"]',
  onChange: 'replaces the cluster',
  description: 'IP families of the cluster: ["IPv4"] or, for dual-stack (Azure CNI Overlay only), ["IPv4", "IPv6"].',
  learnUrl: `${LEARN}configure-dual-stack`,
};

const outboundType = (values: readonly string[]): AttributeSchema => ({
  name: 'outbound_type',
  block: 'network_profile',
  type: 'string',
  allowed: values,
  schemaDefault: 'loadBalancer',
  onChange: 'in place (the egress IPs change)',
  description: 'How nodes reach the internet: through the load balancer (SNAT), a managed or user-assigned NAT gateway, user-defined routing (a firewall), or `none` (network-isolated clusters).',
  learnUrl: `${LEARN}egress-outboundtype`,
});

const networkDataPlane = (major: ProviderMajor): AttributeSchema => ({
  name: 'network_data_plane',
  block: 'network_profile',
  type: 'string',
  allowed: ['azure', 'cilium'],
  ...(major === 3 ? { apiDefault: 'azure' } : { schemaDefault: 'azure' }),
  onChange: 'azure → cilium is in place from azurerm 4.58 (nodes are reimaged); any other change replaces the cluster',
  description: 'The data plane: `azure` (kube-proxy with iptables) or `cilium` (Azure CNI Powered by Cilium: eBPF, no kube-proxy). Cilium works with overlay, pod subnet and node subnet, and needs network_policy "cilium" (or unset).',
  learnUrl: `${LEARN}azure-cni-powered-by-cilium`,
});

const networkPluginMode = (major: ProviderMajor): AttributeSchema => ({
  name: 'network_plugin_mode',
  block: 'network_profile',
  type: 'string',
  allowed: major === 3 ? ['overlay', 'Overlay'] : ['overlay'],
  onChange: 'adding overlay is in place; removing it replaces the cluster',
  description: 'Set to `overlay` for Azure CNI Overlay: pods get addresses from pod_cidr (a /24 per node) instead of the VNet; traffic is routed, not encapsulated.',
  learnUrl: `${LEARN}concepts-network-azure-cni-overlay`,
});

const EBPF_DATA_PLANE: AttributeSchema = {
  name: 'ebpf_data_plane',
  block: 'network_profile',
  type: 'string',
  allowed: ['cilium'],
  onChange: 'replaces the cluster',
  deprecated: { replacement: 'network_data_plane', note: 'deprecated since azurerm 3.108.0 and removed in 4.0' },
  description: 'The 3.x name of network_data_plane.',
};

const DOCKER_BRIDGE_CIDR: AttributeSchema = {
  name: 'docker_bridge_cidr',
  block: 'network_profile',
  type: 'string',
  onChange: 'replaces the cluster',
  deprecated: { note: 'the AKS API no longer uses it; removed in azurerm 4.0' },
  description: 'The Docker bridge range, ignored by AKS since the move to containerd.',
};

const POOL_COMMON = (block: 'default_node_pool' | 'node_pool', major: ProviderMajor): AttributeSchema[] => {
  const onChange =
    block === 'default_node_pool'
      ? 'cycles the default pool through temporary_name_for_rotation'
      : major === 3
        ? 'replaces the node pool'
        : 'cycles the node pool through temporary_name_for_rotation (4.16+)';
  return [
    {
      name: 'vnet_subnet_id',
      block,
      type: 'string',
      apiDefault: 'a VNet managed by AKS',
      onChange,
      description: 'The subnet the nodes (and, with Azure CNI node subnet, the pods) take their addresses from.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    {
      name: 'pod_subnet_id',
      block,
      type: 'string',
      onChange,
      description: 'Azure CNI pod subnet (dynamic IP allocation): pods take addresses from this subnet. Not with overlay; all pools or none.',
      learnUrl: `${LEARN}configure-azure-cni-dynamic-ip-allocation`,
    },
    {
      name: 'max_pods',
      block,
      type: 'number',
      apiDefault: '250 (overlay), 30 (node subnet), 110 (kubenet)',
      onChange,
      description: 'Maximum pods per node, 10 to 250, enforced by AKS.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    major === 3
      ? {
          name: 'enable_node_public_ip',
          block,
          type: 'bool',
          schemaDefault: false,
          onChange,
          deprecated: { replacement: 'node_public_ip_enabled', note: 'renamed to node_public_ip_enabled in azurerm 4.0' },
          description: 'Give each node a public IP.',
        }
      : {
          name: 'node_public_ip_enabled',
          block,
          type: 'bool',
          schemaDefault: false,
          onChange,
          description: 'Give each node a public IP.',
        },
    // Node counts are not network settings, but they size the subnets and the pod CIDR.
    {
      name: 'node_count',
      block,
      type: 'number',
      apiDefault: 'min_count when autoscaling',
      onChange: 'in place (ignored while autoscaling)',
      description: 'Nodes in the pool. aks-netlint counts it (or max_count when autoscaling) when it sizes node subnets, pod subnets and the overlay pod CIDR.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    {
      name: 'min_count',
      block,
      type: 'number',
      onChange: 'in place',
      description: 'Fewest nodes the cluster autoscaler keeps.',
    },
    {
      name: 'max_count',
      block,
      type: 'number',
      onChange: 'in place',
      description: 'Most nodes the cluster autoscaler adds. With autoscaling, address planning must fit max_count nodes (plus surge during upgrades): AKS checks it at create.',
      learnUrl: `${LEARN}concepts-network-ip-address-planning`,
    },
    {
      name: major === 3 ? 'enable_auto_scaling' : 'auto_scaling_enabled',
      block,
      type: 'bool',
      apiDefault: 'autoscaling off',
      onChange: 'in place',
      description: 'Let the cluster autoscaler size the pool between min_count and max_count.',
    },
  ];
};

const schemas = new Map<ProviderMajor, AttributeSchema[]>();
for (const major of [3, 4, 5] as const) {
  const list: AttributeSchema[] = [
    NETWORK_PLUGIN,
    networkPluginMode(major),
    networkDataPlane(major),
    NETWORK_POLICY,
    NETWORK_MODE,
    DNS_SERVICE_IP,
    POD_CIDR,
    POD_CIDRS,
    SERVICE_CIDR,
    SERVICE_CIDRS,
    LOAD_BALANCER_SKU,
    IP_VERSIONS,
    outboundType(
      major === 3
        ? ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway']
        : ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', 'none'],
    ),
    ...POOL_COMMON('default_node_pool', major),
    ...POOL_COMMON('node_pool', major),
    {
      name: 'os_type',
      block: 'node_pool',
      type: 'string',
      allowed: ['Linux', 'Windows'],
      schemaDefault: 'Linux',
      onChange: 'replaces the node pool',
      description: 'The node OS. Windows pools need Azure CNI and cannot run with the Cilium data plane.',
    },
    {
      name: 'priority',
      block: 'node_pool',
      type: 'string',
      allowed: ['Regular', 'Spot'],
      schemaDefault: 'Regular',
      onChange: 'replaces the node pool',
      description: 'Regular or Spot VMs. Spot pools are upgraded without surge nodes: AKS rejects max_surge on them ("Spot pools can\'t set max surge").',
    },
    {
      name: 'max_surge',
      block: 'upgrade_settings',
      type: 'string',
      apiDefault: '1 node',
      onChange: 'in place',
      description: 'Extra nodes a pool adds during an upgrade: a count ("3") or a percentage of the pool ("33%", rounded up). They need node subnet addresses (and, with overlay or kubenet, a /24 of pod_cidr each) on top of the pool.',
      learnUrl: `${LEARN}upgrade-aks-node-pools-rolling`,
    },
    {
      name: 'managed_outbound_ip_count',
      block: 'nat_gateway_profile',
      type: 'number',
      onChange: 'in place',
      description: 'Managed public IPs of the NAT gateway: Azure NAT gateway takes at most 16 (the provider accepts up to 100).',
      learnUrl: `${LEARN}nat-gateway`,
    },
    // load_balancer_profile and nat_gateway_profile (network-profile.md §2.1, §2.2).
    {
      name: 'managed_outbound_ip_count',
      block: 'load_balancer_profile',
      type: 'number',
      apiDefault: '1 managed public IP',
      onChange: 'in place',
      description: 'Public IPs AKS creates for outbound SNAT through the load balancer, 1 to 100. Excludes outbound_ip_address_ids and outbound_ip_prefix_ids.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'managed_outbound_ipv6_count',
      block: 'load_balancer_profile',
      type: 'number',
      onChange: 'in place',
      description: 'Managed public IPv6 addresses for outbound traffic, 1 to 100: dual-stack clusters only.',
      learnUrl: `${LEARN}configure-dual-stack`,
    },
    {
      name: 'outbound_ip_address_ids',
      block: 'load_balancer_profile',
      type: 'list(string)',
      onChange: 'in place (an empty list reverts to one managed IP)',
      description: 'Your own public IPs for outbound SNAT, instead of managed ones.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'outbound_ip_prefix_ids',
      block: 'load_balancer_profile',
      type: 'list(string)',
      onChange: 'in place',
      description: 'Your own public IP prefixes for outbound SNAT, instead of managed IPs.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'outbound_ports_allocated',
      block: 'load_balancer_profile',
      type: 'number',
      schemaDefault: 0,
      onChange: 'in place',
      description: 'SNAT ports per node, 0 to 64000; 0 lets Azure allocate them by pool size.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'idle_timeout_in_minutes',
      block: 'load_balancer_profile',
      type: 'number',
      schemaDefault: 30,
      onChange: 'in place',
      description: 'Idle timeout of outbound flows through the load balancer, 4 to 100 minutes.',
      learnUrl: `${LEARN}load-balancer-standard`,
    },
    {
      name: 'idle_timeout_in_minutes',
      block: 'nat_gateway_profile',
      type: 'number',
      schemaDefault: 4,
      onChange: 'in place',
      description: 'Idle timeout of outbound flows through the managed NAT gateway, 4 to 120 minutes.',
      learnUrl: `${LEARN}nat-gateway`,
    },
    {
      name: 'artifact_source',
      block: 'bootstrap_profile',
      type: 'string',
      allowed: ['Cache', 'Direct'],
      onChange: 'in place',
      description: 'Where nodes pull bootstrap artifacts from; `Cache` is required with outbound_type "none".',
    },
  ];
  if (major === 3) list.push(EBPF_DATA_PLANE, DOCKER_BRIDGE_CIDR);
  else {
    list.push(
      {
        name: 'backend_pool_type',
        block: 'load_balancer_profile',
        type: 'string',
        allowed: ['NodeIPConfiguration', 'NodeIP'],
        schemaDefault: 'NodeIPConfiguration',
        onChange: 'in place',
        description: 'How nodes join the load balancer backend pool; Private Link Service does not work with `NodeIP`. From azurerm 4.8.',
        learnUrl: `${LEARN}load-balancer-standard`,
      },
    );
    list.push(
      {
        name: 'security_enabled',
        block: 'advanced_networking',
        type: 'bool',
        schemaDefault: false,
        onChange: 'in place',
        description: 'ACNS Container Network Security (FQDN and L7 policies): needs the Cilium data plane.',
        learnUrl: `${LEARN}advanced-container-networking-services-overview`,
      },
      {
        name: 'observability_enabled',
        block: 'advanced_networking',
        type: 'bool',
        schemaDefault: false,
        onChange: 'in place',
        description: 'ACNS Container Network Observability: works with any data plane from azurerm 4.67.',
        learnUrl: `${LEARN}advanced-container-networking-services-overview`,
      },
    );
  }
  schemas.set(major, list);
}

/** The schema of one attribute in one major, or undefined if that major has no such attribute. */
export function attributeSchema(major: ProviderMajor, block: SchemaBlock, name: string): AttributeSchema | undefined {
  return schemas.get(major)!.find((a) => a.block === block && a.name === name);
}

/** Every attribute of a block in one major. */
export function blockSchema(major: ProviderMajor, block: SchemaBlock): AttributeSchema[] {
  return schemas.get(major)!.filter((a) => a.block === block);
}
