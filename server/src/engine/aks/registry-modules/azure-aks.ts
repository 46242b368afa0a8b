/**
 * The input map of the legacy Microsoft module `Azure/aks/azurerm` (Azure/terraform-azurerm-aks,
 * input-forms.md §2), as a small Terraform module written for aks-netlint: the module's network
 * inputs with its own defaults, mapped to `azurerm_kubernetes_cluster.main` and its extra node
 * pools the way the module's main.tf and extra_node_pool.tf map them, per release family (read at
 * the tags 5.0.0, 6.8.0, 7.5.0, 9.4.1, 10.2.0, 11.0.0 and 11.5.0). Inputs that are not about the
 * network are left out: a caller's argument for them is ignored, as it does not change the network.
 */

/** What changed between the module's major releases, for the network inputs. */
interface LegacyFamily {
  /** `vnet_subnet = { id }` and `pod_subnet = { id }` (10.0+) instead of `vnet_subnet_id` / `pod_subnet_id`. */
  subnetObjects: boolean;
  /** 11.0 renamed `enable_auto_scaling` / `enable_node_public_ip` to `*_enabled`, for azurerm 4.x. */
  enabledSuffix: boolean;
  /** `net_profile_docker_bridge_cidr` (removed in 7.0). */
  dockerBridge: boolean;
  /** `load_balancer_sku` (6.x+). */
  loadBalancerSku: boolean;
  /** `network_plugin_mode` and `ebpf_data_plane` (7.x+). */
  overlayInputs: boolean;
  /** 10.x maps `ebpf_data_plane` to azurerm 3.x's attribute and also has `network_data_plane` and `network_mode`. */
  separateDataPlane: boolean;
  /** `net_profile_pod_cidrs`, `net_profile_service_cidrs`, `network_ip_versions` (10.x, and again from 11.5). */
  dualStack: boolean;
  /** `nat_gateway_profile` (10.0+). */
  natGateway: boolean;
  /** `network_profile_advanced_networking` (11.5). */
  advancedNetworking: boolean;
  /** The module's azurerm constraint. */
  azurerm: string;
}

export const LEGACY_FAMILIES: readonly { from: string; family: LegacyFamily }[] = [
  {
    from: '5.0.0',
    family: { subnetObjects: false, enabledSuffix: false, dockerBridge: true, loadBalancerSku: false, overlayInputs: false, separateDataPlane: false, dualStack: false, natGateway: false, advancedNetworking: false, azurerm: '>= 3.3, < 4.0' },
  },
  {
    from: '6.0.0',
    family: { subnetObjects: false, enabledSuffix: false, dockerBridge: true, loadBalancerSku: true, overlayInputs: false, separateDataPlane: false, dualStack: false, natGateway: false, advancedNetworking: false, azurerm: '>= 3.3, < 4.0' },
  },
  {
    from: '7.0.0',
    family: { subnetObjects: false, enabledSuffix: false, dockerBridge: false, loadBalancerSku: true, overlayInputs: true, separateDataPlane: false, dualStack: false, natGateway: false, advancedNetworking: false, azurerm: '>= 3.51.0, < 4.0' },
  },
  {
    from: '10.0.0',
    family: { subnetObjects: true, enabledSuffix: false, dockerBridge: false, loadBalancerSku: true, overlayInputs: true, separateDataPlane: true, dualStack: true, natGateway: true, advancedNetworking: false, azurerm: '>= 3.107.0, < 4.0' },
  },
  {
    from: '11.0.0',
    family: { subnetObjects: true, enabledSuffix: true, dockerBridge: false, loadBalancerSku: true, overlayInputs: true, separateDataPlane: false, dualStack: false, natGateway: true, advancedNetworking: false, azurerm: '>= 4.16.0, < 5.0' },
  },
  {
    from: '11.5.0',
    family: { subnetObjects: true, enabledSuffix: true, dockerBridge: false, loadBalancerSku: true, overlayInputs: true, separateDataPlane: false, dualStack: true, natGateway: true, advancedNetworking: true, azurerm: '>= 4.16.0, < 5.0' },
  },
];

/** The releases published (tags of Azure/terraform-azurerm-aks from 5.0.0). */
export const LEGACY_RELEASES: readonly string[] = [
  '5.0.0', '6.0.0', '6.1.0', '6.2.0', '6.3.0', '6.4.0', '6.5.0', '6.6.0', '6.7.0', '6.7.1', '6.8.0',
  '7.0.0', '7.1.0', '7.2.0', '7.3.0', '7.3.1', '7.3.2', '7.4.0', '7.5.0', '8.0.0',
  '9.0.0', '9.1.0', '9.2.0', '9.3.0', '9.4.0', '9.4.1', '10.0.0', '10.0.1', '10.0.2', '10.1.0', '10.1.1', '10.2.0',
  '11.0.0', '11.1.0', '11.2.0', '11.3.0', '11.4.0', '11.5.0',
];

const v = (name: string, type: string, defaultValue: string, extra = '') => `variable "${name}" {\n  type    = ${type}\n  default = ${defaultValue}\n${extra}}\n`;

/** The files of the input map for one release family. */
export function legacyAksFiles(f: LegacyFamily): Record<string, string> {
  const enabled = (name: string) => (f.enabledSuffix ? `${name}_enabled` : `enable_${name}`);
  const autoScaling = enabled('auto_scaling');
  const nodePublicIp = f.enabledSuffix ? 'node_public_ip_enabled' : 'enable_node_public_ip';
  const subnetType = f.subnetObjects ? 'object({ id = string })' : 'string';
  const vnetSubnet = f.subnetObjects ? 'vnet_subnet' : 'vnet_subnet_id';
  const podSubnet = f.subnetObjects ? 'pod_subnet' : 'pod_subnet_id';
  const subnetOf = (expr: string) => (f.subnetObjects ? `try(${expr}.id, null)` : expr);
  const variables = [
    v('prefix', 'string', '""'),
    v('cluster_name', 'string', 'null'),
    v('client_id', 'string', '""'),
    v('identity_type', 'string', '"SystemAssigned"'),
    v('network_plugin', 'string', '"kubenet"', '  nullable = false\n'),
    v('network_policy', 'string', 'null'),
    v('net_profile_dns_service_ip', 'string', 'null'),
    v('net_profile_outbound_type', 'string', '"loadBalancer"'),
    v('net_profile_pod_cidr', 'string', 'null'),
    v('net_profile_service_cidr', 'string', 'null'),
    f.dockerBridge ? v('net_profile_docker_bridge_cidr', 'string', 'null') : '',
    f.loadBalancerSku ? v('load_balancer_sku', 'string', '"standard"') : '',
    f.loadBalancerSku ? v('load_balancer_profile_enabled', 'bool', 'false', '  nullable = false\n') : '',
    f.overlayInputs ? v('network_plugin_mode', 'string', 'null') + v('ebpf_data_plane', 'string', 'null') : '',
    f.separateDataPlane ? v('network_data_plane', 'string', 'null') + v('network_mode', 'string', 'null') : '',
    f.dualStack ? v('net_profile_pod_cidrs', 'list(string)', 'null') + v('net_profile_service_cidrs', 'list(string)', 'null') + v('network_ip_versions', 'list(string)', 'null') : '',
    f.natGateway ? v('nat_gateway_profile', 'object({\n    idle_timeout_in_minutes   = optional(number)\n    managed_outbound_ip_count = optional(number)\n  })', 'null') : '',
    f.advancedNetworking ? v('network_profile_advanced_networking', 'object({\n    observability_enabled = optional(bool, false)\n    security_enabled      = optional(bool, false)\n  })', 'null') : '',
    v(vnetSubnet, subnetType, 'null'),
    v(podSubnet, subnetType, 'null'),
    v('agents_max_pods', 'number', 'null'),
    v('agents_count', 'number', '2'),
    v(autoScaling, 'bool', 'false'),
    v('agents_min_count', 'number', 'null'),
    v('agents_max_count', 'number', 'null'),
    v(nodePublicIp, 'bool', 'false'),
    v(
      'node_pools',
      `map(object({
    name                 = string
    node_count           = optional(number)
    ${autoScaling}       = optional(bool)
    ${nodePublicIp}      = optional(bool)
    max_count            = optional(number)
    max_pods             = optional(number)
    min_count            = optional(number)
    mode                 = optional(string, "User")
    os_type              = optional(string, "Linux")
    priority             = optional(string, "Regular")
    ${vnetSubnet}        = optional(${subnetType})
    ${podSubnet}         = optional(${subnetType})
    upgrade_settings     = optional(object({ max_surge = string }))
  }))`,
      '{}',
      '  nullable = false\n',
    ),
  ].join('\n');
  const networkProfile = [
    '    network_plugin      = var.network_plugin',
    '    network_policy      = var.network_policy',
    '    dns_service_ip      = var.net_profile_dns_service_ip',
    '    outbound_type       = var.net_profile_outbound_type',
    '    pod_cidr            = var.net_profile_pod_cidr',
    '    service_cidr        = var.net_profile_service_cidr',
    f.dockerBridge ? '    docker_bridge_cidr  = var.net_profile_docker_bridge_cidr' : '',
    f.loadBalancerSku ? '    load_balancer_sku   = var.load_balancer_sku' : '',
    f.overlayInputs ? '    network_plugin_mode = var.network_plugin_mode' : '',
    // 3.x-era releases send ebpf_data_plane as it is; 11.x maps it to network_data_plane (azurerm 4.x).
    f.overlayInputs ? (f.enabledSuffix ? '    network_data_plane  = var.ebpf_data_plane' : '    ebpf_data_plane     = var.ebpf_data_plane') : '',
    f.separateDataPlane ? '    network_data_plane  = var.network_data_plane\n    network_mode        = var.network_mode' : '',
    f.dualStack && !f.enabledSuffix ? '    pod_cidrs           = var.net_profile_pod_cidrs\n    service_cidrs       = var.net_profile_service_cidrs\n    ip_versions         = var.network_ip_versions' : '',
    f.dualStack && f.enabledSuffix
      ? '    pod_cidrs           = var.net_profile_pod_cidrs != null ? var.net_profile_pod_cidrs : (var.net_profile_pod_cidr != null ? [var.net_profile_pod_cidr] : null)\n' +
        '    service_cidrs       = var.net_profile_service_cidrs != null ? var.net_profile_service_cidrs : (var.net_profile_service_cidr != null ? [var.net_profile_service_cidr] : null)\n' +
        '    ip_versions         = var.network_ip_versions'
      : '',
    f.loadBalancerSku ? '    dynamic "load_balancer_profile" {\n      for_each = var.load_balancer_profile_enabled && var.load_balancer_sku == "standard" ? ["load_balancer_profile"] : []\n      content {}\n    }' : '',
    f.natGateway
      ? '    dynamic "nat_gateway_profile" {\n      for_each = var.nat_gateway_profile == null ? [] : [var.nat_gateway_profile]\n      content {\n        managed_outbound_ip_count = nat_gateway_profile.value.managed_outbound_ip_count\n      }\n    }'
      : '',
    f.advancedNetworking
      ? '    dynamic "advanced_networking" {\n      for_each = var.network_profile_advanced_networking != null ? [var.network_profile_advanced_networking] : []\n      content {\n        observability_enabled = advanced_networking.value.observability_enabled\n        security_enabled      = advanced_networking.value.security_enabled\n      }\n    }'
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  const main = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${f.azurerm}"
    }
  }
}

resource "azurerm_kubernetes_cluster" "main" {
  name = coalesce(var.cluster_name, "\${var.prefix}-aks")

  # The module writes two dynamic default_node_pool blocks, one per value of ${autoScaling}.
  default_node_pool {
    ${autoScaling} = var.${autoScaling}
    max_pods       = var.agents_max_pods
    node_count     = var.${autoScaling} ? null : var.agents_count
    min_count      = var.${autoScaling} ? var.agents_min_count : null
    max_count      = var.${autoScaling} ? var.agents_max_count : null
    ${nodePublicIp} = var.${nodePublicIp}
    vnet_subnet_id = ${subnetOf(`var.${vnetSubnet}`)}
    pod_subnet_id  = ${subnetOf(`var.${podSubnet}`)}
  }

  network_profile {
${networkProfile}
  }

  dynamic "identity" {
    for_each = var.client_id == "" ? ["identity"] : []
    content {
      type = var.identity_type
    }
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "node_pool" {
  for_each = var.node_pools

  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  name                  = each.value.name
  ${autoScaling}        = each.value.${autoScaling}
  max_count             = each.value.max_count
  max_pods              = each.value.max_pods
  min_count             = each.value.min_count
  mode                  = each.value.mode
  node_count            = each.value.node_count
  ${nodePublicIp}       = each.value.${nodePublicIp}
  os_type               = each.value.os_type
  priority              = each.value.priority
  vnet_subnet_id        = ${subnetOf(`each.value.${vnetSubnet}`)}
  pod_subnet_id         = ${subnetOf(`each.value.${podSubnet}`)}

  dynamic "upgrade_settings" {
    for_each = each.value.upgrade_settings == null ? [] : [each.value.upgrade_settings]
    content {
      max_surge = upgrade_settings.value.max_surge
    }
  }
}
`;
  return { 'main.tf': main, 'variables.tf': variables };
}
