# Production. Not loaded automatically: terraform plan -var-file=prod.tfvars

environment = "prod"
sku_tier    = "Standard"

vnet_address_space = ["10.70.0.0/16"]
node_subnet_prefix = "10.70.0.0/22"

network_data_plane = "cilium"
network_policy     = "cilium"

service_cidr   = "172.20.0.0/16"
node_min_count = 3
node_max_count = 12
