terraform {
  required_providers {
    azapi = {
      source  = "Azure/azapi"
      version = "~> 2.9"
    }
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
  name     = "rg-aks-azapi"
  location = "westeurope"
}

resource "azurerm_virtual_network" "aks" {
  name                = "vnet-aks-azapi"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  address_space       = ["10.30.0.0/16"]
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-nodes"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.30.0.0/22"]
}

# The cluster as the AVM module writes it since 0.4: an azapi_resource whose body is the AKS
# API's request, with the default pool as agentPoolProfiles[0].
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks-azapi"
  parent_id = azurerm_resource_group.aks.id
  location  = azurerm_resource_group.aks.location

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      dnsPrefix         = "aks-azapi"
      kubernetesVersion = "1.33"
      agentPoolProfiles = [
        {
          name         = "system"
          mode         = "System"
          vmSize       = "Standard_D4s_v5"
          count        = 3
          osType       = "Linux"
          vnetSubnetID = azurerm_subnet.nodes.id
        },
      ]
      networkProfile = {
        networkPlugin     = "azure"
        networkPluginMode = "overlay"
        networkDataplane  = "cilium"
        networkPolicy     = "calico"
        podCidr           = "192.168.0.0/16"
        serviceCidr       = "172.16.0.0/16"
        dnsServiceIP      = "172.16.0.10"
      }
    }
  }
}

# A user pool as its own agentPools resource, joined to the cluster by parent_id.
resource "azapi_resource" "windows" {
  type      = "Microsoft.ContainerService/managedClusters/agentPools@2025-10-01"
  name      = "win"
  parent_id = azapi_resource.aks.id

  body = {
    properties = {
      mode         = "User"
      vmSize       = "Standard_D4s_v5"
      count        = 2
      osType       = "Windows"
      vnetSubnetID = azurerm_subnet.nodes.id
    }
  }
}
