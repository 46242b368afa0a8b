# Four clusters built with Microsoft's AKS modules from the Terraform registry. `terraform init`
# has not run (no .terraform/ directory): aks-netlint reads each module through its input map for
# the release the version constraint selects.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.46"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "aks" {
  name     = "rg-aks-platform"
  location = "westeurope"
}

resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-aks-spoke"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  address_space       = ["10.40.0.0/16"]
}

resource "azurerm_subnet" "legacy_nodes" {
  name                 = "snet-legacy-nodes"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.40.0.0/22"]
}

resource "azurerm_subnet" "prod_nodes" {
  name                 = "snet-prod-nodes"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.40.8.0/22"]
}

# The legacy module (retiring): Cilium policy, but the Cilium data plane is its `ebpf_data_plane`
# input, which is not set.
module "aks_legacy" {
  source  = "Azure/aks/azurerm"
  version = "~> 11.0"

  prefix                     = "legacy"
  resource_group_name        = azurerm_resource_group.aks.name
  network_plugin             = "azure"
  network_plugin_mode        = "overlay"
  network_policy             = "cilium"
  net_profile_service_cidr   = "172.20.0.0/16"
  net_profile_dns_service_ip = "172.20.0.10"
  vnet_subnet = {
    id = azurerm_subnet.legacy_nodes.id
  }
}

# The Azure Verified Module before 0.4: its network_profile default is Azure CNI Overlay with the
# Azure network policy engine, which is retiring.
module "aks_avm" {
  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version = "~> 0.3.0"

  name                = "aks-avm"
  resource_group_name = azurerm_resource_group.aks.name
  location            = azurerm_resource_group.aks.location
  default_node_pool = {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.legacy_nodes.id
  }
}

# The Azure Verified Module from 0.4 creates the cluster and its pools as azapi resources: a Windows
# pool cannot run on the Cilium data plane.
module "aks_avm_azapi" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "~> 0.8"
  name      = "aks-avm-azapi"
  location  = azurerm_resource_group.aks.location
  parent_id = azurerm_resource_group.aks.id
  network_profile = {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_dataplane   = "cilium"
    network_policy      = "cilium"
  }
  agent_pools = {
    win = {
      name     = "win"
      vm_size  = "Standard_D4s_v5"
      os_type  = "Windows"
      count_of = 2
    }
  }
}

# The AVM production pattern: overlay and Cilium fixed; the pod range is the caller's.
module "aks_prod" {
  source  = "Azure/avm-ptn-aks-production/azurerm"
  version = "0.5.0"

  name     = "aks-prod"
  location = azurerm_resource_group.aks.location
  network = {
    node_subnet_id = azurerm_subnet.prod_nodes.id
    pod_cidr       = "192.168.0.0/16"
    service_cidr   = "172.21.0.0/16"
  }
}
