/**
 * The input map of the Azure Verified Module `Azure/avm-res-containerservice-managedcluster/azurerm`
 * in its azurerm releases, 0.1.0 to 0.3.3 (input-forms.md §1.3): the typed `network_profile`
 * object (default: Azure CNI Overlay with the Azure network policy engine), `default_node_pool`
 * and the `node_pools` map, passed 1:1 to `azurerm_kubernetes_cluster.this` and its node pools
 * (read at the tags v0.1.2, v0.1.3, v0.2.0 and v0.3.3). The module's `identity` comes from its
 * managed-identity inputs and is not mapped: no rule reads it unless the cluster runs kubenet,
 * which this module's default does not. Releases from 0.4.0 create the cluster with azapi.
 */

interface AvmAzurermFamily {
  /** 0.1.0-0.1.2 ran on azurerm 3.x, which calls it `enable_auto_scaling`. */
  azurerm3: boolean;
}

export const AVM_AZURERM_FAMILIES: readonly { from: string; family: AvmAzurermFamily }[] = [
  { from: '0.1.0', family: { azurerm3: true } },
  { from: '0.1.3', family: { azurerm3: false } },
];

/** The releases of the module (tags v0.1.0 to v0.8.1). */
export const AVM_RELEASES: readonly string[] = [
  '0.1.0', '0.1.1', '0.1.2', '0.1.3', '0.1.4', '0.1.5', '0.1.6', '0.1.7', '0.1.8', '0.1.9',
  '0.2.0', '0.2.1', '0.2.2', '0.2.3', '0.2.4', '0.2.5', '0.2.6', '0.2.7', '0.2.8', '0.2.9',
  '0.3.0', '0.3.1', '0.3.2', '0.3.3',
  '0.4.0', '0.4.1', '0.4.2', '0.4.3', '0.5.0', '0.5.1', '0.5.2', '0.5.3', '0.5.4', '0.5.5', '0.5.6', '0.5.7',
  '0.6.0', '0.6.1', '0.6.2', '0.6.3', '0.6.4', '0.6.5', '0.6.6', '0.6.7', '0.7.0', '0.7.1', '0.7.2', '0.7.3', '0.8.0', '0.8.1',
];

/** The files of the input map for one release family. */
export function avmAzurermFiles(f: AvmAzurermFamily): Record<string, string> {
  const autoScaling = f.azurerm3 ? 'enable_auto_scaling' : 'auto_scaling_enabled';
  const variables = `variable "name" {
  type = string
}

variable "network_profile" {
  type = object({
    network_plugin      = string
    network_mode        = optional(string)
    network_policy      = optional(string)
    dns_service_ip      = optional(string)
    network_data_plane  = optional(string)
    network_plugin_mode = optional(string)
    outbound_type       = optional(string, "loadBalancer")
    pod_cidr            = optional(string)
    pod_cidrs           = optional(list(string))
    service_cidr        = optional(string)
    service_cidrs       = optional(list(string))
    ip_versions         = optional(list(string))
    load_balancer_sku   = optional(string)
    load_balancer_profile = optional(object({
      managed_outbound_ip_count = optional(number)
    }))
    nat_gateway_profile = optional(object({
      managed_outbound_ip_count = optional(number)
    }))
  })
  default = {
    network_plugin      = "azure"
    network_policy      = "azure"
    network_plugin_mode = "overlay"
  }
}

variable "default_node_pool" {
  type = object({
    name                   = string
    auto_scaling_enabled   = optional(bool, false)
    node_public_ip_enabled = optional(bool)
    max_pods               = optional(number)
    pod_subnet_id          = optional(string)
    vnet_subnet_id         = optional(string)
    max_count              = optional(number)
    min_count              = optional(number)
    node_count             = optional(number)
    upgrade_settings       = optional(object({ max_surge = string }))
  })
  nullable = false
}

variable "node_pools" {
  type = map(object({
    name                   = string
    auto_scaling_enabled   = optional(bool, false)
    node_count             = optional(number)
    max_count              = optional(number)
    min_count              = optional(number)
    max_pods               = optional(number)
    mode                   = optional(string)
    node_public_ip_enabled = optional(bool)
    os_type                = optional(string)
    pod_subnet_id          = optional(string)
    priority               = optional(string)
    vnet_subnet_id         = optional(string)
    upgrade_settings       = optional(object({ max_surge = string }))
  }))
  default  = {}
  nullable = false
}
`;
  const main = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${f.azurerm3 ? '< 4.0.0' : '>= 4.0.0, < 5.0.0'}"
    }
  }
}

resource "azurerm_kubernetes_cluster" "this" {
  name = var.name

  default_node_pool {
    ${autoScaling}         = var.default_node_pool.auto_scaling_enabled
    max_count              = var.default_node_pool.max_count
    max_pods               = var.default_node_pool.max_pods
    min_count              = var.default_node_pool.min_count
    node_count             = var.default_node_pool.node_count
    ${f.azurerm3 ? 'enable_node_public_ip ' : 'node_public_ip_enabled'} = var.default_node_pool.node_public_ip_enabled
    pod_subnet_id          = var.default_node_pool.pod_subnet_id
    vnet_subnet_id         = var.default_node_pool.vnet_subnet_id

    dynamic "upgrade_settings" {
      for_each = var.default_node_pool.upgrade_settings == null ? [] : [var.default_node_pool.upgrade_settings]
      content {
        max_surge = upgrade_settings.value.max_surge
      }
    }
  }

  network_profile {
    network_plugin      = var.network_profile.network_plugin
    dns_service_ip      = var.network_profile.dns_service_ip
    ip_versions         = var.network_profile.ip_versions
    load_balancer_sku   = var.network_profile.load_balancer_sku
    network_data_plane  = var.network_profile.network_data_plane
    network_mode        = var.network_profile.network_mode
    network_plugin_mode = var.network_profile.network_plugin_mode
    network_policy      = var.network_profile.network_policy
    outbound_type       = var.network_profile.outbound_type
    pod_cidr            = var.network_profile.pod_cidr
    pod_cidrs           = var.network_profile.pod_cidrs
    service_cidr        = var.network_profile.service_cidr
    service_cidrs       = var.network_profile.service_cidrs

    dynamic "load_balancer_profile" {
      for_each = var.network_profile.load_balancer_profile != null ? [var.network_profile.load_balancer_profile] : []
      content {
        managed_outbound_ip_count = load_balancer_profile.value.managed_outbound_ip_count
      }
    }
    dynamic "nat_gateway_profile" {
      for_each = var.network_profile.nat_gateway_profile != null ? [var.network_profile.nat_gateway_profile] : []
      content {
        managed_outbound_ip_count = nat_gateway_profile.value.managed_outbound_ip_count
      }
    }
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "this" {
  for_each = var.node_pools

  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  name                  = each.value.name
  ${autoScaling}        = each.value.auto_scaling_enabled
  max_count             = each.value.max_count
  max_pods              = each.value.max_pods
  min_count             = each.value.min_count
  mode                  = each.value.mode
  node_count            = each.value.node_count
  ${f.azurerm3 ? 'enable_node_public_ip ' : 'node_public_ip_enabled'} = each.value.node_public_ip_enabled
  os_type               = each.value.os_type
  pod_subnet_id         = each.value.pod_subnet_id
  priority              = each.value.priority
  vnet_subnet_id        = each.value.vnet_subnet_id

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
