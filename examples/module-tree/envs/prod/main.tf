variable "service_cidr" {
  type = string
}

module "network" {
  source        = "../../modules/network"
  name          = "prod"
  address_space = "10.20.0.0/16"
}

module "aks" {
  source              = "../../modules/aks"
  name                = "prod"
  node_subnet_id      = module.network.node_subnet_id
  network_plugin_mode = "overlay"
  service_cidr        = var.service_cidr
}
