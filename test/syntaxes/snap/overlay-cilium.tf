# Copied from examples/overlay-cilium/main.tf: a realistic file for the grammar snapshot.
# Azure CNI Overlay with the Cilium data plane and Cilium network policy.
#
# Nodes take their IPs from a small VNet subnet; pods take theirs from pod_cidr, a private range
# outside the VNet (one /24 per node). Cilium replaces kube-proxy and enforces NetworkPolicy.

terraform {
  required_version = ">= 1.5"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

locals {
  name     = "aks-overlay-cilium"
  location = "westeurope"

  tags = {
    environment = "dev"
    managed_by  = "terraform"
  }
}

resource "azurerm_resource_group" "aks" {
  name     = "rg-${local.name}"
  location = local.location
  tags     = local.tags
}

resource "azurerm_virtual_network" "aks" {
  name                = "vnet-${local.name}"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  address_space       = ["10.20.0.0/16"]
  tags                = local.tags
}

# With overlay only the nodes use VNet addresses: a /24 holds 251 nodes.
resource "azurerm_subnet" "nodes" {
  name                 = "snet-aks-nodes"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.20.0.0/24"]
}

# Internal load balancers and private endpoints live next to the cluster, not in the node subnet.
resource "azurerm_subnet" "services" {
  name                 = "snet-internal-lb"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.20.1.0/24"]
}

# The control plane identity manages load balancers and reads the subnets of the VNet.
resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-${local.name}"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  tags                = local.tags
}

resource "azurerm_role_assignment" "aks_network" {
  scope                = azurerm_virtual_network.aks.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = local.name
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  dns_prefix          = local.name
  sku_tier            = "Standard"

  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    os_sku                       = "AzureLinux"
    vnet_subnet_id               = azurerm_subnet.nodes.id
    zones                        = ["1", "2", "3"]
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 6
    max_pods                     = 110
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"

    upgrade_settings {
      max_surge = "10%"
    }
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"

    # Pod IPs: 192.168.0.0/16 leaves room for 256 nodes (one /24 each) and overlaps neither
    # the VNet nor the service range.
    pod_cidr = "192.168.0.0/16"

    # ClusterIP range: outside the VNet, its peers and on-premises. dns_service_ip is .10 of it.
    service_cidr   = "172.16.0.0/16"
    dns_service_ip = "172.16.0.10"

    load_balancer_sku = "standard"
    outbound_type     = "loadBalancer"
  }

  tags = local.tags

  depends_on = [azurerm_role_assignment.aks_network]
}

output "cluster_name" {
  value = azurerm_kubernetes_cluster.aks.name
}

output "oidc_issuer_url" {
  value = azurerm_kubernetes_cluster.aks.oidc_issuer_url
}
