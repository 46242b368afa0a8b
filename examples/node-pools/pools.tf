# User pools. Every pool of a pod-subnet cluster sets pod_subnet_id: a cluster uses one IPAM mode.

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  mode                  = "User"
  os_type               = "Linux"
  os_sku                = "AzureLinux"
  vm_size               = var.apps_vm_size
  vnet_subnet_id        = azurerm_subnet.nodes.id
  pod_subnet_id         = azurerm_subnet.pods["apps"].id
  zones                 = ["1", "2", "3"]

  auto_scaling_enabled = true
  min_count            = 2
  max_count            = var.apps_max_count
  max_pods             = 110

  temporary_name_for_rotation = "appstmp"

  node_labels = {
    "workload" = "apps"
  }

  upgrade_settings {
    max_surge = "33%"
  }

  tags = var.tags
}

# Spot VMs for interruptible batch jobs. AKS adds the spot label and taint itself; writing them
# here keeps terraform plan from trying to remove them.
resource "azurerm_kubernetes_cluster_node_pool" "spot" {
  name                  = "spot"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  mode                  = "User"
  os_type               = "Linux"
  vm_size               = var.spot_vm_size
  vnet_subnet_id        = azurerm_subnet.nodes.id
  pod_subnet_id         = azurerm_subnet.pods["spot"].id

  priority        = "Spot"
  eviction_policy = "Delete"
  spot_max_price  = -1

  auto_scaling_enabled = true
  min_count            = 0
  max_count            = var.spot_max_count
  max_pods             = 110

  node_labels = {
    "kubernetes.azure.com/scalesetpriority" = "spot"
    "workload"                              = "batch"
  }

  node_taints = [
    "kubernetes.azure.com/scalesetpriority=spot:NoSchedule",
  ]

  tags = var.tags
}
