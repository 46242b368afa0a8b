module "network" {
  source        = "../../modules/network"
  name          = "dev"
  address_space = "10.30.0.0/16"
}

module "aks" {
  source              = "../../modules/aks"
  name                = "dev"
  node_subnet_id      = module.network.node_subnet_id
  network_plugin_mode = "overlay"
  service_cidr        = "172.16.0.0/16"
}
