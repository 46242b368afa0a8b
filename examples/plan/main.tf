terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

# The platform team owns the shared VNet; this module only reads its node subnet. Its prefixes are
# known when Terraform plans (the data source is read then), not from the files.
data "azurerm_subnet" "nodes" {
  name                 = "nodes"
  virtual_network_name = "vnet-shared"
  resource_group_name  = "rg-network"
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-data"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aksdata"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 9
    max_pods       = 30
    vnet_subnet_id = data.azurerm_subnet.nodes.id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin     = "azure"
    network_data_plane = "cilium"
    network_policy     = "cilium"
    service_cidr       = "10.100.0.0/16"
    dns_service_ip     = "10.100.0.10"
    outbound_type      = "loadBalancer"
    load_balancer_sku  = "standard"
  }
}
