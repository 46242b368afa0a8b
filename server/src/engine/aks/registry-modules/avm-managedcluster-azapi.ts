/**
 * The input map of the Azure Verified Module `Azure/avm-res-containerservice-managedcluster/azurerm`
 * from 0.4.0, where it creates the cluster as an `azapi_resource` (input-forms.md §1.1-1.2; read
 * at the tags v0.4.0, v0.6.0 and v0.8.1): `network_profile` (default null: no networkProfile is
 * sent and the AKS API's defaults apply; null fields are dropped), `default_agent_pool` (sent as
 * `agentPoolProfiles[0]`, a Linux System pool of 3 nodes by default) and `agent_pools` (one
 * agentPools resource each, whose parent is the cluster). With `sku.name = "Automatic"` the
 * module sends only the fields AKS Automatic allows, and no networkProfile at all unless the
 * outbound type is set to something other than loadBalancer.
 */

interface AvmAzapiFamily {
  /** The cluster's api-version (with no kube_proxy_config). */
  clusterApi: string;
  /** The agentPools api-version. */
  poolApi: string;
}

export const AVM_AZAPI_FAMILIES: readonly { from: string; family: AvmAzapiFamily }[] = [
  { from: '0.4.0', family: { clusterApi: '2025-10-01', poolApi: '2025-10-01' } },
  { from: '0.6.0', family: { clusterApi: '2026-03-01', poolApi: '2026-01-02-preview' } },
];

/** The network fields of `network_profile`, input name → JSON name, as locals.network_profile.tf maps them. */
const NETWORK_FIELDS: readonly [string, string][] = [
  ['dns_service_ip', 'dnsServiceIP'],
  ['ip_families', 'ipFamilies'],
  ['load_balancer_sku', 'loadBalancerSku'],
  ['network_dataplane', 'networkDataplane'],
  ['network_mode', 'networkMode'],
  ['network_plugin', 'networkPlugin'],
  ['network_plugin_mode', 'networkPluginMode'],
  ['network_policy', 'networkPolicy'],
  ['outbound_type', 'outboundType'],
  ['pod_cidr', 'podCidr'],
  ['pod_cidrs', 'podCidrs'],
  ['service_cidr', 'serviceCidr'],
  ['service_cidrs', 'serviceCidrs'],
];

/** The fields AKS Automatic keeps (locals.network_profile.tf). */
const AUTOMATIC_FIELDS = new Set(['dns_service_ip', 'outbound_type', 'pod_cidr', 'service_cidr']);

/** The files of the input map for one release family. */
export function avmAzapiFiles(f: AvmAzapiFamily): Record<string, string> {
  const field = (input: string, json: string) => `      ${json} = var.network_profile.${input}`;
  const full = NETWORK_FIELDS.map(([input, json]) => field(input, json)).join('\n');
  const automatic = NETWORK_FIELDS.filter(([input]) => AUTOMATIC_FIELDS.has(input))
    .map(([input, json]) => field(input, json))
    .join('\n');
  const variables = `variable "name" {
  type = string
}

variable "parent_id" {
  type = string
}

variable "sku" {
  type = object({
    name = optional(string)
    tier = optional(string)
  })
  default = null
}

variable "network_profile" {
  type = object({
    dns_service_ip      = optional(string)
    ip_families         = optional(list(string))
    load_balancer_sku   = optional(string)
    network_dataplane   = optional(string)
    network_mode        = optional(string)
    network_plugin      = optional(string)
    network_plugin_mode = optional(string)
    network_policy      = optional(string)
    outbound_type       = optional(string)
    pod_cidr            = optional(string)
    pod_cidrs           = optional(list(string))
    service_cidr        = optional(string)
    service_cidrs       = optional(list(string))
    nat_gateway_profile = optional(object({
      managed_outbound_ip_profile = optional(object({ count = optional(number) }))
    }))
    advanced_networking = optional(object({
      enabled  = optional(bool)
      security = optional(object({ enabled = optional(bool) }))
      observability = optional(object({ enabled = optional(bool) }))
    }))
  })
  default = null
}

variable "default_agent_pool" {
  type = object({
    name                   = optional(string, "systempool")
    count_of               = optional(number, 3)
    enable_auto_scaling    = optional(bool)
    enable_node_public_ip  = optional(bool)
    max_count              = optional(number)
    max_pods               = optional(number)
    min_count              = optional(number)
    pod_ip_allocation_mode = optional(string)
    pod_subnet_id          = optional(string)
    vnet_subnet_id         = optional(string)
    upgrade_settings       = optional(object({ max_surge = optional(string) }))
  })
  default  = {}
  nullable = false
}

variable "agent_pools" {
  type = map(object({
    name                   = string
    count_of               = optional(number)
    enable_auto_scaling    = optional(bool)
    enable_node_public_ip  = optional(bool)
    max_count              = optional(number)
    max_pods               = optional(number)
    min_count              = optional(number)
    mode                   = optional(string)
    os_type                = optional(string)
    pod_ip_allocation_mode = optional(string)
    pod_subnet_id          = optional(string)
    scale_set_priority     = optional(string)
    vnet_subnet_id         = optional(string)
    upgrade_settings       = optional(object({ max_surge = optional(string) }))
  }))
  default  = {}
  nullable = false
}
`;
  const main = `terraform {
  required_providers {
    azapi = {
      source  = "Azure/azapi"
      version = "~> 2.0"
    }
  }
}

locals {
  is_automatic = var.sku != null && try(var.sku.name, null) == "Automatic"
  pool         = var.default_agent_pool
  # Null fields are dropped from the request, as the module's own filter does.
  network_profile = (local.is_automatic && try(var.network_profile.outbound_type == "loadBalancer", true)) || var.network_profile == null ? null : local.is_automatic ? {
${automatic}
  } : {
${full}
      natGatewayProfile = try(var.network_profile.nat_gateway_profile.managed_outbound_ip_profile, null) == null ? null : {
        managedOutboundIPProfile = { count = var.network_profile.nat_gateway_profile.managed_outbound_ip_profile.count }
      }
      advancedNetworking = var.network_profile.advanced_networking == null ? null : {
        enabled       = var.network_profile.advanced_networking.enabled
        security      = var.network_profile.advanced_networking.security == null ? null : { enabled = var.network_profile.advanced_networking.security.enabled }
        observability = var.network_profile.advanced_networking.observability == null ? null : { enabled = var.network_profile.advanced_networking.observability.enabled }
      }
  }
  default_pool = local.is_automatic ? {
    name         = local.pool.name
    mode         = "System"
    count        = local.pool.count_of
    vnetSubnetID = local.pool.vnet_subnet_id
  } : {
    name                = local.pool.name
    mode                = "System"
    osType              = "Linux"
    count               = local.pool.max_count != null && local.pool.min_count != null ? null : local.pool.count_of
    enableAutoScaling   = local.pool.enable_auto_scaling
    enableNodePublicIP  = local.pool.enable_node_public_ip
    maxCount            = local.pool.max_count
    maxPods             = local.pool.max_pods
    minCount            = local.pool.min_count
    podIPAllocationMode = local.pool.pod_ip_allocation_mode
    podSubnetID         = local.pool.pod_subnet_id
    vnetSubnetID        = local.pool.vnet_subnet_id
    upgradeSettings     = local.pool.upgrade_settings == null ? null : { maxSurge = local.pool.upgrade_settings.max_surge }
  }
}

resource "azapi_resource" "this" {
  type      = "Microsoft.ContainerService/managedClusters@${f.clusterApi}"
  name      = var.name
  parent_id = var.parent_id
  body = {
    properties = {
      agentPoolProfiles = [local.default_pool]
      networkProfile    = local.network_profile
    }
  }
}

# As the module does: one agentpool module instance per pool, each an agentPools resource (this[0]).
module "nodepools" {
  source   = "./modules/agentpool"
  for_each = var.agent_pools

  parent_id              = azapi_resource.this.id
  api_version            = "${f.poolApi}"
  name                   = each.value.name
  count_of               = each.value.count_of
  enable_auto_scaling    = each.value.enable_auto_scaling
  enable_node_public_ip  = each.value.enable_node_public_ip
  max_count              = each.value.max_count
  max_pods               = each.value.max_pods
  min_count              = each.value.min_count
  mode                   = each.value.mode
  os_type                = each.value.os_type
  pod_ip_allocation_mode = each.value.pod_ip_allocation_mode
  pod_subnet_id          = each.value.pod_subnet_id
  scale_set_priority     = each.value.scale_set_priority
  vnet_subnet_id         = each.value.vnet_subnet_id
  max_surge              = try(each.value.upgrade_settings.max_surge, null)
}
`;
  return { 'main.tf': main, 'variables.tf': variables, 'modules/agentpool/main.tf': AGENT_POOL_MODULE };
}

/** modules/agentpool: one agentPools resource, `this[0]`, as the module's own submodule writes it. */
const AGENT_POOL_MODULE = `${['parent_id', 'api_version', 'name'].map((name) => `variable "${name}" {\n  type = string\n}\n`).join('\n')}
${[
  ['count_of', 'number'],
  ['enable_auto_scaling', 'bool'],
  ['enable_node_public_ip', 'bool'],
  ['max_count', 'number'],
  ['max_pods', 'number'],
  ['min_count', 'number'],
  ['mode', 'string'],
  ['os_type', 'string'],
  ['pod_ip_allocation_mode', 'string'],
  ['pod_subnet_id', 'string'],
  ['scale_set_priority', 'string'],
  ['vnet_subnet_id', 'string'],
  ['max_surge', 'string'],
]
  .map(([name, type]) => `variable "${name}" {\n  type    = ${type}\n  default = null\n}\n`)
  .join('\n')}
resource "azapi_resource" "this" {
  count = 1

  type      = "Microsoft.ContainerService/managedClusters/agentPools@\${var.api_version}"
  name      = var.name
  parent_id = var.parent_id
  body = {
    properties = {
      count               = var.max_count != null && var.min_count != null ? null : var.count_of
      enableAutoScaling   = var.enable_auto_scaling
      enableNodePublicIP  = var.enable_node_public_ip
      maxCount            = var.max_count
      maxPods             = var.max_pods
      minCount            = var.min_count
      mode                = var.mode
      osType              = var.os_type
      podIPAllocationMode = var.pod_ip_allocation_mode
      podSubnetID         = var.pod_subnet_id
      scaleSetPriority    = var.scale_set_priority
      vnetSubnetID        = var.vnet_subnet_id
      upgradeSettings     = var.max_surge == null ? null : { maxSurge = var.max_surge }
    }
  }
}
`;
