/**
 * The input map of the AVM pattern module `Azure/avm-ptn-aks-production/azurerm` (input-forms.md
 * §1.4), read at its tags 0.2.0 to 0.5.0: Azure CNI Overlay with a standard load balancer is
 * fixed, the `network` object gives the node subnet (of every pool) and the CIDRs. 0.2.0 and
 * 0.3.0 fix network_policy "calico"; 0.4.0 adds the `network_policy` input (default "cilium",
 * with the Cilium data plane) and `network.service_cidr`; 0.5.0 adds `network.dns_service_ip` and
 * `outbound_type`. The module autoscales every pool; node pools it splits per zone are read as
 * one pool each, so their node count is a floor.
 */

interface ProductionFamily {
  /** 0.4.0+: `network_policy` input and `network.service_cidr`. */
  policyInput: boolean;
  /** 0.5.0+: `network.dns_service_ip` and `outbound_type`. */
  outboundInput: boolean;
}

export const PRODUCTION_FAMILIES: readonly { from: string; family: ProductionFamily }[] = [
  { from: '0.2.0', family: { policyInput: false, outboundInput: false } },
  { from: '0.4.0', family: { policyInput: true, outboundInput: false } },
  { from: '0.5.0', family: { policyInput: true, outboundInput: true } },
];

export const PRODUCTION_RELEASES: readonly string[] = ['0.1.0', '0.2.0', '0.3.0', '0.4.0', '0.5.0'];

export function productionFiles(f: ProductionFamily): Record<string, string> {
  const network = [
    '    node_subnet_id = string',
    '    pod_cidr       = string',
    f.policyInput ? '    service_cidr   = optional(string)' : '',
    f.outboundInput ? '    dns_service_ip = optional(string)' : '',
  ].filter(Boolean);
  const variables = `variable "name" {
  type = string
}

variable "network" {
  type = object({
${network.join('\n')}
  })
}
${
  f.policyInput
    ? `
variable "network_policy" {
  type     = string
  default  = "cilium"
  nullable = false
}
`
    : ''
}${
    f.outboundInput
      ? `
variable "outbound_type" {
  type    = string
  default = "loadBalancer"
}
`
      : ''
  }
variable "node_pools" {
  type = map(object({
    name      = string
    max_count = optional(number)
    min_count = optional(number)
    mode      = optional(string)
  }))
  default = {}
}
`;
  const dnsServiceIp = f.outboundInput
    ? '    dns_service_ip      = try(var.network.service_cidr, null) != null ? (try(var.network.dns_service_ip, null) != null ? var.network.dns_service_ip : cidrhost(var.network.service_cidr, 10)) : null\n'
    : '';
  const main = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4, < 5"
    }
  }
}

resource "azurerm_kubernetes_cluster" "this" {
  name = var.name

  default_node_pool {
    auto_scaling_enabled = true
    max_count            = 9
    max_pods             = 110
    min_count            = 3
    vnet_subnet_id       = var.network.node_subnet_id
  }

  network_profile {
    network_plugin      = "azure"
    load_balancer_sku   = "standard"
    network_plugin_mode = "overlay"
    pod_cidr            = var.network.pod_cidr
${
  f.policyInput
    ? `    network_data_plane  = var.network_policy == "cilium" ? "cilium" : null
    network_policy      = var.network_policy
    service_cidr        = var.network.service_cidr
`
    : '    network_policy      = "calico"\n'
}${dnsServiceIp}${f.outboundInput ? '    outbound_type       = var.outbound_type\n' : ''}  }
}

resource "azurerm_kubernetes_cluster_node_pool" "this" {
  for_each = var.node_pools

  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  name                  = each.value.name
  auto_scaling_enabled  = true
  max_count             = each.value.max_count
  min_count             = each.value.min_count
  mode                  = each.value.mode
  vnet_subnet_id        = var.network.node_subnet_id
}
`;
  return { 'main.tf': main, 'variables.tf': variables };
}
