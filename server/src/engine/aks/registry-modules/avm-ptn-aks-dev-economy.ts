/**
 * The input maps of the AVM pattern modules `Azure/avm-ptn-aks-dev/azurerm` (tags 0.1.0, 0.2.0)
 * and `Azure/avm-ptn-aks-economy/azurerm` (tag 0.1.0), input-forms.md §1.4. Their networks are
 * fixed in code:
 * - dev: kubenet with Calico behind a basic load balancer, on a VNet AKS manages, with a
 *   user-assigned identity; nothing network-related is an input.
 * - economy: Azure CNI Overlay with a standard load balancer on a VNet of its own (through the
 *   AVM virtual network module) whose single subnet is the whole `node_cidr`; `pod_cidr` is an
 *   input. The system pool autoscales 3-9 nodes and a user pool 0-25 on that subnet.
 */

/** dev 0.1.0 runs on azurerm 3.x (`enable_auto_scaling`), 0.2.0 on 4.x. */
export const DEV_FAMILIES: readonly { from: string; family: { azurerm3: boolean } }[] = [
  { from: '0.1.0', family: { azurerm3: true } },
  { from: '0.2.0', family: { azurerm3: false } },
];
export const DEV_RELEASES: readonly string[] = ['0.1.0', '0.2.0'];

export const ECONOMY_FAMILIES: readonly { from: string; family: { azurerm3: boolean } }[] = [{ from: '0.1.0', family: { azurerm3: true } }];
export const ECONOMY_RELEASES: readonly string[] = ['0.1.0'];

const providers = (azurerm3: boolean) => `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${azurerm3 ? '>= 3.86.0, < 4.0' : '>= 4.0.0, < 5.0'}"
    }
  }
}
`;

const autoScaling = (azurerm3: boolean) => (azurerm3 ? 'enable_auto_scaling' : 'auto_scaling_enabled');

export function devFiles({ azurerm3 }: { azurerm3: boolean }): Record<string, string> {
  const main = `${providers(azurerm3)}
variable "name" {
  type = string
}

resource "azurerm_kubernetes_cluster" "this" {
  name = var.name

  default_node_pool {
    ${autoScaling(azurerm3)} = true
    max_count = 5
    max_pods  = 110
    min_count = 2
  }

  identity {
    type = "UserAssigned"
  }

  network_profile {
    network_plugin    = "kubenet"
    load_balancer_sku = "basic"
    network_policy    = "calico"
  }
}
`;
  return { 'main.tf': main };
}

export function economyFiles({ azurerm3 }: { azurerm3: boolean }): Record<string, string> {
  const main = `${providers(azurerm3)}
variable "name" {
  type = string
}

variable "node_cidr" {
  type    = string
  default = "10.31.0.0/16"
}

variable "pod_cidr" {
  type    = string
  default = "192.168.0.0/16"
}

# The module creates these through Azure/avm-res-network-virtualnetwork/azurerm.
resource "azurerm_virtual_network" "this" {
  name          = "vnet-\${var.name}"
  address_space = [var.node_cidr]
}

resource "azurerm_subnet" "subnet" {
  name                 = "subnet"
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.node_cidr]
}

resource "azurerm_kubernetes_cluster" "this" {
  name = var.name

  default_node_pool {
    ${autoScaling(azurerm3)} = true
    max_count      = 9
    max_pods       = 110
    min_count      = 3
    vnet_subnet_id = azurerm_subnet.subnet.id
  }

  network_profile {
    network_plugin      = "azure"
    load_balancer_sku   = "standard"
    network_plugin_mode = "overlay"
    pod_cidr            = var.pod_cidr
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "this" {
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  name                  = "userpool"
  ${autoScaling(azurerm3)} = true
  max_count             = 25
  min_count             = 0
  vnet_subnet_id        = azurerm_subnet.subnet.id
}
`;
  return { 'main.tf': main };
}
