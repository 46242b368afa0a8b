# A user pool of the payments cluster on the same node subnet.
resource "azurerm_kubernetes_cluster_node_pool" "payments_apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.payments.id
  vm_size               = "Standard_D8s_v5"
  vnet_subnet_id        = azurerm_subnet.payments.id
  auto_scaling_enabled  = true
  min_count             = 1
  max_count             = 2
  max_pods              = 30

  upgrade_settings {
    max_surge = "50%"
  }
}
