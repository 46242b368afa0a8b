# Azure CNI with dynamic pod IP allocation: nodes and pods both take VNet addresses, from
# separate subnets. Pods are directly routable in the VNet and its peers (no SNAT inside it).
#
#   10.40.0.0/22    snet-aks-nodes        nodes of every pool
#   10.40.4.0/22    snet-aks-pods-system  pods of the system pool
#   10.40.16.0/20   snet-aks-pods-apps    pods of the apps pool
#   10.40.32.0/21   snet-aks-pods-spot    pods of the spot pool
#   172.16.0.0/16   service_cidr          ClusterIPs (not a VNet range; see main.tf)

resource "azurerm_virtual_network" "aks" {
  name                = "vnet-${var.cluster_name}"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  address_space       = ["10.40.0.0/16"]
  tags                = var.tags
}

# Node subnet: one address per node. It must not be delegated.
resource "azurerm_subnet" "nodes" {
  name                 = "snet-aks-nodes"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.40.0.0/22"]
}

# Pod subnets: nodes take pod IPs in batches of 16, so size each for at least 16 x max nodes
# (and for max nodes x max_pods when pools run full). They are delegated to AKS, as in the azurerm
# provider's own pod-subnet tests; the node subnet above must not be.
resource "azurerm_subnet" "pods" {
  for_each = {
    system = "10.40.4.0/22"
    apps   = "10.40.16.0/20"
    spot   = "10.40.32.0/21"
  }

  name                 = "snet-aks-pods-${each.key}"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = [each.value]

  delegation {
    name = "aks-delegation"

    service_delegation {
      name    = "Microsoft.ContainerService/managedClusters"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}
