# A legacy kubenet cluster with Calico network policy, on a subnet and route table you bring.
#
# With kubenet only the nodes take VNet addresses. Pods get addresses from pod_cidr, one /24 per
# node, and AKS writes one route per node into the route table on the node subnet so that pods
# on different nodes can reach each other. AKS support for kubenet ends on 31 March 2028: plan
# the move to Azure CNI Overlay (see ../overlay-cilium).

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
  name     = "rg-aks-kubenet"
  location = "uksouth"
}

resource "azurerm_virtual_network" "aks" {
  name                = "vnet-aks-kubenet"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-aks-nodes"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.1.0.0/22"]
}

# AKS adds the pod routes (pod /24 -> node IP) itself; the table must be on the subnet before the
# cluster is created, and it can't be shared with another kubenet cluster.
resource "azurerm_route_table" "aks" {
  name                = "rt-aks-kubenet"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
}

resource "azurerm_subnet_route_table_association" "nodes" {
  subnet_id      = azurerm_subnet.nodes.id
  route_table_id = azurerm_route_table.aks.id
}

# Outside the Azure CLI, kubenet on your own subnet and route table needs a user-assigned control
# plane identity that holds Network Contributor on both before the cluster is created.
resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-aks-kubenet"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
}

resource "azurerm_role_assignment" "subnet" {
  scope                = azurerm_subnet.nodes.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_role_assignment" "route_table" {
  scope                = azurerm_route_table.aks.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-kubenet"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  dns_prefix          = "aks-kubenet"

  default_node_pool {
    name                        = "system"
    vm_size                     = "Standard_D2s_v5"
    vnet_subnet_id              = azurerm_subnet.nodes.id
    auto_scaling_enabled        = true
    min_count                   = 2
    max_count                   = 10
    max_pods                    = 110
    temporary_name_for_rotation = "systemtmp"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  network_profile {
    network_plugin = "kubenet"
    network_policy = "calico"

    # One /24 per node: a /16 is room for 256 nodes (kubenet clusters stop at 400 nodes).
    pod_cidr       = "10.244.0.0/16"
    service_cidr   = "10.0.0.0/16"
    dns_service_ip = "10.0.0.10"

    load_balancer_sku = "standard"
    outbound_type     = "loadBalancer"
  }

  depends_on = [
    azurerm_subnet_route_table_association.nodes,
    azurerm_role_assignment.subnet,
    azurerm_role_assignment.route_table,
  ]
}
