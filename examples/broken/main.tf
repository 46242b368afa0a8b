# A cluster written for azurerm 3.x and moved to azurerm 4.x, with the network mistakes people
# hit most often. Every line marked "MISTAKE" is reported by aks-netlint; see README.md.

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

resource "azurerm_resource_group" "aks" {
  name     = "rg-aks-broken"
  location = "northeurope"
}

resource "azurerm_virtual_network" "aks" {
  name                = "vnet-aks-broken"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  address_space       = ["10.30.0.0/16"]
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-aks-nodes"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.30.0.0/22"]
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-broken"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  dns_prefix          = "aks-broken"

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4ds_v5"
    vnet_subnet_id       = azurerm_subnet.nodes.id
    auto_scaling_enabled = true
    min_count            = 2
    max_count            = 5

    # MISTAKE: the 3.x name; azurerm 4.0 renamed it node_public_ip_enabled.
    enable_node_public_ip = false
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"

    # MISTAKE: azurerm 3.x accepted "Overlay"; 4.x accepts only lowercase "overlay".
    network_plugin_mode = "Overlay"

    # MISTAKE: the Cilium data plane enforces policy itself; it refuses Calico.
    network_data_plane = "cilium"
    network_policy     = "calico"

    # MISTAKE: 172.16.0.0/12 contains 172.30.0.0/16 and 172.31.0.0/16, which AKS reserves.
    pod_cidr = "172.16.0.0/12"

    # MISTAKE: service_cidr was changed but dns_service_ip kept the AKS default of 10.0.0.10.
    service_cidr   = "10.100.0.0/16"
    dns_service_ip = "10.0.0.10"

    # MISTAKE: removed in azurerm 4.0 (containerd nodes have no Docker bridge).
    docker_bridge_cidr = "172.17.0.1/16"

    load_balancer_sku = "standard"
  }
}
