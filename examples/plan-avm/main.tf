# The Azure Verified Module for AKS, called from the registry: since 0.4 it creates the cluster and
# its node pools as azapi resources, and since 0.6 with azapi's schema validation off, so nothing
# checks these values before the AKS API does, minutes into apply.
module "aks" {
  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version = "0.8.1"

  name      = "aks-avm"
  location  = "westeurope"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks"

  default_agent_pool = {
    name     = "systempool"
    vm_size  = "Standard_D4s_v5"
    count_of = 3
  }

  network_profile = {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_dataplane   = "cilium"
    network_policy      = "cilium"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = "10.100.0.0/16"
    dns_service_ip      = "10.100.0.10"
    outbound_type       = "loadBalancer"
    load_balancer_sku   = "standard"
  }

  agent_pools = {
    u1 = {
      name     = "win1"
      mode     = "User"
      os_type  = "Windows"
      os_sku   = "Windows2022"
      vm_size  = "Standard_D4s_v5"
      count_of = 2
    }
  }
}
