# The cluster every environment deploys: Azure CNI Overlay on the subnet the network module creates.
resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.name}"
  location            = "westeurope"
  resource_group_name = "rg-${var.name}"
  dns_prefix          = "aks-${var.name}"

  default_node_pool {
    name           = "system"
    node_count     = 3
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = var.node_subnet_id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = var.network_plugin_mode
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = var.service_cidr
    dns_service_ip      = cidrhost(var.service_cidr, 10)
  }
}
