resource "azurerm_resource_group" "aks" {
  name     = "rg-aks"
  location = var.location
}

# Azure CNI node subnet: every node reserves max_pods + 1 addresses of snet-payments.
resource "azurerm_kubernetes_cluster" "payments" {
  name                = "aks-payments"
  location            = var.location
  resource_group_name = azurerm_resource_group.aks.name
  dns_prefix          = "payments"

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4s_v5"
    vnet_subnet_id       = azurerm_subnet.payments.id
    auto_scaling_enabled = true
    min_count            = 2
    max_count            = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
    service_cidr   = var.service_cidr
    dns_service_ip = cidrhost(var.service_cidr, 10)
  }
}

# Azure CNI Overlay: pods take addresses from pod_cidr, outside the VNet.
resource "azurerm_kubernetes_cluster" "batch" {
  name                = "aks-batch"
  location            = var.location
  resource_group_name = azurerm_resource_group.aks.name
  dns_prefix          = "batch"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.batch.id
    node_count     = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    pod_cidr            = var.batch_pod_cidr
    service_cidr        = "172.16.0.0/16"
    dns_service_ip      = "172.16.0.10"
  }
}
